/* keys: the one key table of the walkthrough. See keys.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/asmmap.h"
#include "tui/keys.h"

struct keys_action_info {
	const char *label;
	const char *help;
	enum keys_group group;
};

#define KEYS_INFO(name, label, help, group) [KEYS_##name] = { label, help, group },
static const struct keys_action_info keys_info[KEYS_ACTION_COUNT] = {
	[KEYS_NONE] = { NULL, "", KEYS_GROUP_OTHER },
	KEYS_ACTIONS(KEYS_INFO)
};
#undef KEYS_INFO

static const char *const keys_group_titles[KEYS_GROUP_COUNT] = {
	[KEYS_GROUP_STAGES] = N_("Stages"),
	[KEYS_GROUP_LESSONS] = N_("Lessons"),
	[KEYS_GROUP_SCROLL] = N_("Scrolling"),
	[KEYS_GROUP_PANES] = N_("Panes"),
	[KEYS_GROUP_OTHER] = N_("Other"),
};

/* One key. name is how help shows it; glyph, when set, replaces it in a UTF-8 terminal;
 * brief marks the key the key line names. */
struct keys_binding {
	int key;
	enum keys_action action;
	int arg;
	const char *name;
	const char *glyph;
	int brief;
	int mode; /* enum keys_mode: KEYS_MODE_NORMAL, or the only mode it works in */
};

static const struct keys_binding keys_table[] = {
	{ 'n', KEYS_NEXT, 0, "n", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_RIGHT, KEYS_NEXT, 0, "Right", "→", 0, KEYS_MODE_NORMAL },
	{ 'l', KEYS_NEXT, 0, "l", NULL, 0, KEYS_MODE_NORMAL },
	{ ' ', KEYS_NEXT, 0, "Space", NULL, 0, KEYS_MODE_NORMAL },
	{ 'p', KEYS_PREV, 0, "p", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_LEFT, KEYS_PREV, 0, "Left", "←", 0, KEYS_MODE_NORMAL },
	{ 'h', KEYS_PREV, 0, "h", NULL, 0, KEYS_MODE_NORMAL },
	{ '1', KEYS_STAGE, 0, "1", NULL, 1, KEYS_MODE_NORMAL },
	{ '2', KEYS_STAGE, 1, "2", NULL, 1, KEYS_MODE_NORMAL },
	{ '3', KEYS_STAGE, 2, "3", NULL, 1, KEYS_MODE_NORMAL },
	{ '4', KEYS_STAGE, 3, "4", NULL, 1, KEYS_MODE_NORMAL },
	{ '5', KEYS_STAGE, 4, "5", NULL, 1, KEYS_MODE_NORMAL },
	{ 'o', KEYS_VIEW, 0, "o", NULL, 1, KEYS_MODE_NORMAL },
	{ 'O', KEYS_VIEW_PREV, 0, "O", NULL, 1, KEYS_MODE_NORMAL },
	{ 'D', KEYS_ASM_ALL, 0, "D", NULL, 1, KEYS_MODE_NORMAL },
	{ 'd', KEYS_ASM_MENU, 0, "d", NULL, 1, KEYS_MODE_NORMAL },
	{ 'l', KEYS_ASM_GROUP, ASMMAP_LOC, "l", NULL, 1, KEYS_MODE_ASM },
	{ 'c', KEYS_ASM_GROUP, ASMMAP_CFI, "c", NULL, 1, KEYS_MODE_ASM },
	{ 'g', KEYS_ASM_GROUP, ASMMAP_DEBUG, "g", NULL, 1, KEYS_MODE_ASM },
	{ 's', KEYS_ASM_GROUP, ASMMAP_SYMBOL, "s", NULL, 1, KEYS_MODE_ASM },
	{ 'e', KEYS_ASM_GROUP, ASMMAP_SECTION, "e", NULL, 1, KEYS_MODE_ASM },
	{ 'a', KEYS_ASM_GROUP, ASMMAP_DATA, "a", NULL, 1, KEYS_MODE_ASM },
	{ 'd', KEYS_ASM_MENU, 0, "d", NULL, 1, KEYS_MODE_ASM },
	{ 27, KEYS_ASM_MENU, 0, "Esc", NULL, 0, KEYS_MODE_ASM },
	{ '+', KEYS_OPT_LEVEL, 0, "+", NULL, 1, KEYS_MODE_NORMAL },
	{ 'c', KEYS_COMPARE, 0, "c", NULL, 1, KEYS_MODE_NORMAL },
	{ '>', KEYS_CMP_FUNC, 1, ">", NULL, 1, KEYS_MODE_NORMAL },
	{ '<', KEYS_CMP_FUNC, -1, "<", NULL, 1, KEYS_MODE_NORMAL },
	{ 'v', KEYS_VARIANT, 0, "v", NULL, 1, KEYS_MODE_NORMAL },
	{ 'L', KEYS_LESSONS, 0, "L", NULL, 1, KEYS_MODE_NORMAL },
	{ ']', KEYS_LESSON_NEXT, 0, "]", NULL, 1, KEYS_MODE_NORMAL },
	{ '[', KEYS_LESSON_PREV, 0, "[", NULL, 1, KEYS_MODE_NORMAL },
	{ 't', KEYS_TERMS, 0, "t", NULL, 1, KEYS_MODE_NORMAL },
	{ '\n', KEYS_OPEN, 0, "Enter", NULL, 1, KEYS_MODE_NORMAL },
	{ '\r', KEYS_OPEN, 0, "Enter", NULL, 0, KEYS_MODE_NORMAL },
	{ KEY_ENTER, KEYS_OPEN, 0, "Enter", NULL, 0, KEYS_MODE_NORMAL },
	{ 27, KEYS_BACK, 0, "Esc", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_UP, KEYS_UP, 0, "Up", "↑", 1, KEYS_MODE_NORMAL },
	{ 'k', KEYS_UP, 0, "k", NULL, 0, KEYS_MODE_NORMAL },
	{ KEY_DOWN, KEYS_DOWN, 0, "Down", "↓", 1, KEYS_MODE_NORMAL },
	{ 'j', KEYS_DOWN, 0, "j", NULL, 0, KEYS_MODE_NORMAL },
	{ KEY_PPAGE, KEYS_PAGE_UP, 0, "PgUp", NULL, 1, KEYS_MODE_NORMAL },
	{ 'b', KEYS_PAGE_UP, 0, "b", NULL, 0, KEYS_MODE_NORMAL },
	{ KEY_NPAGE, KEYS_PAGE_DOWN, 0, "PgDn", NULL, 1, KEYS_MODE_NORMAL },
	{ 'f', KEYS_PAGE_DOWN, 0, "f", NULL, 0, KEYS_MODE_NORMAL },
	{ 'g', KEYS_TOP, 0, "g", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_HOME, KEYS_TOP, 0, "Home", NULL, 0, KEYS_MODE_NORMAL },
	{ 'G', KEYS_BOTTOM, 0, "G", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_END, KEYS_BOTTOM, 0, "End", NULL, 0, KEYS_MODE_NORMAL },
	{ '\t', KEYS_FOCUS_NEXT, 0, "Tab", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_BTAB, KEYS_FOCUS_PREV, 0, "Shift-Tab", NULL, 1, KEYS_MODE_NORMAL },
	{ 'z', KEYS_ZOOM, 0, "z", NULL, 1, KEYS_MODE_NORMAL },
	{ ':', KEYS_GOTO, 0, ":", NULL, 1, KEYS_MODE_NORMAL },
	{ '/', KEYS_SEARCH, 0, "/", NULL, 1, KEYS_MODE_NORMAL },
	{ 'n', KEYS_SEARCH_NEXT, 0, "n", NULL, 1, KEYS_MODE_SEARCH },
	{ 'N', KEYS_SEARCH_PREV, 0, "N", NULL, 1, KEYS_MODE_SEARCH },
	{ 27, KEYS_SEARCH_CLEAR, 0, "Esc", NULL, 1, KEYS_MODE_SEARCH },
	{ 'e', KEYS_DIAG_NEXT, 0, "e", NULL, 1, KEYS_MODE_NORMAL },
	{ 'E', KEYS_DIAG_PREV, 0, "E", NULL, 1, KEYS_MODE_NORMAL },
	{ ' ', KEYS_DEMO_NEXT, 0, "Space", NULL, 1, KEYS_MODE_DEMO },
	{ KEY_BACKSPACE, KEYS_DEMO_BACK, 0, "Backspace", NULL, 1, KEYS_MODE_DEMO },
	{ 127, KEYS_DEMO_BACK, 0, "Backspace", NULL, 0, KEYS_MODE_DEMO },
	{ 8, KEYS_DEMO_BACK, 0, "Backspace", NULL, 0, KEYS_MODE_DEMO },
	{ 'H', KEYS_HINT, 0, "H", NULL, 1, KEYS_MODE_NORMAL },
	{ 'P', KEYS_PREDICT, 0, "P", NULL, 1, KEYS_MODE_NORMAL },
	{ 'a', KEYS_PREDICT_CHOOSE, 0, "a", NULL, 1, KEYS_MODE_PREDICT },
	{ 'b', KEYS_PREDICT_CHOOSE, 1, "b", NULL, 1, KEYS_MODE_PREDICT },
	{ 'c', KEYS_PREDICT_CHOOSE, 2, "c", NULL, 1, KEYS_MODE_PREDICT },
	{ 'd', KEYS_PREDICT_CHOOSE, 3, "d", NULL, 1, KEYS_MODE_PREDICT },
	{ 27, KEYS_PREDICT_SKIP, 0, "Esc", NULL, 1, KEYS_MODE_PREDICT },
	{ 'P', KEYS_PREDICT, 0, "P", NULL, 0, KEYS_MODE_PREDICT },
	{ 'L' & 0x1f, KEYS_REDRAW, 0, "Ctrl-L", NULL, 1, KEYS_MODE_NORMAL },
	{ '?', KEYS_HELP, 0, "?", NULL, 1, KEYS_MODE_NORMAL },
	{ KEY_F(1), KEYS_HELP, 0, "F1", NULL, 0, KEYS_MODE_NORMAL },
	{ 'q', KEYS_QUIT, 0, "q", NULL, 1, KEYS_MODE_NORMAL },
};

#define KEYS_N (sizeof keys_table / sizeof keys_table[0])

enum keys_action keys_lookup_mode(int ch, enum keys_mode mode, int *arg)
{
	for (int pass = mode == KEYS_MODE_NORMAL; pass < 2; pass++)
		for (size_t i = 0; i < KEYS_N; i++) {
			int want = pass == 0 ? (int)mode : KEYS_MODE_NORMAL;
			if (keys_table[i].key == ch && keys_table[i].mode == want) {
				if (arg)
					*arg = keys_table[i].arg;
				return keys_table[i].action;
			}
		}
	return KEYS_NONE;
}

enum keys_action keys_lookup(int ch, int *arg)
{
	return keys_lookup_mode(ch, KEYS_MODE_NORMAL, arg);
}

const char *keys_label(enum keys_action a)
{
	return a < KEYS_ACTION_COUNT && keys_info[a].label ? _(keys_info[a].label) : NULL;
}

const char *keys_help(enum keys_action a)
{
	return a < KEYS_ACTION_COUNT && keys_info[a].help[0] ? _(keys_info[a].help) : "";
}

enum keys_group keys_group(enum keys_action a)
{
	return a < KEYS_ACTION_COUNT ? keys_info[a].group : KEYS_GROUP_OTHER;
}

const char *keys_group_title(enum keys_group g)
{
	return g < KEYS_GROUP_COUNT ? _(keys_group_titles[g]) : "";
}

/* Append s to buf (len bytes), keeping it NUL-terminated. */
static void keys_append(char *buf, size_t len, const char *s)
{
	size_t have = strlen(buf);
	if (have + 1 < len)
		snprintf(buf + have, len - have, "%s", s);
}

/* A run of bindings with consecutive single digits ("1" "2" "3" "4" "5") is named as a range. */
static size_t keys_digit_run(const struct keys_binding **b, size_t n, size_t i)
{
	size_t j = i;
	while (j + 1 < n && strlen(b[j]->name) == 1 && strlen(b[j + 1]->name) == 1 &&
	       b[j]->name[0] >= '0' && b[j]->name[0] <= '9' &&
	       b[j + 1]->name[0] == b[j]->name[0] + 1)
		j++;
	return j;
}

const char *keys_describe(enum keys_action a, int brief, int utf8, char *buf, size_t len)
{
	const struct keys_binding *b[KEYS_N];
	size_t n = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < KEYS_N; i++) {
		const struct keys_binding *k = &keys_table[i];
		if (k->action != a || (brief && !k->brief))
			continue;
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			dup |= strcmp(b[j]->name, k->name) == 0;
		if (!dup)
			b[n++] = k;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = keys_digit_run(b, n, i);
		if (buf[0])
			keys_append(buf, len, " ");
		if (j > i + 1) {
			keys_append(buf, len, b[i]->name);
			keys_append(buf, len, "-");
			keys_append(buf, len, b[j]->name);
			i = j;
			continue;
		}
		keys_append(buf, len, utf8 && b[i]->glyph ? b[i]->glyph : b[i]->name);
	}
	return buf;
}

static const struct {
	const char *name;
	int key;
} keys_tokens[] = {
	{ "Tab", '\t' },      { "BTab", KEY_BTAB },  { "Up", KEY_UP },       { "Down", KEY_DOWN },
	{ "Left", KEY_LEFT }, { "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END },     { "Enter", '\n' },     { "Space", ' ' },
	{ "Esc", 27 },        { "F1", KEY_F(1) },    { "BS", KEY_BACKSPACE }, { "Reset", KEYS_KEY_RESET },
};

int keys_parse(const char **s, char *name, size_t namelen, int *cols, int *lines)
{
	const char *p = *s;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '\0') {
		*s = p;
		return 0;
	}
	if (*p == '<') {
		const char *end = strchr(p, '>');
		size_t tlen = end ? (size_t)(end - p - 1) : 0;
		for (size_t i = 0; end && i < sizeof keys_tokens / sizeof keys_tokens[0]; i++) {
			if (strlen(keys_tokens[i].name) == tlen &&
			    strncmp(p + 1, keys_tokens[i].name, tlen) == 0) {
				snprintf(name, namelen, "%.*s", (int)(tlen + 2), p);
				*s = end + 1;
				return keys_tokens[i].key;
			}
		}
		int w, h, used = 0;
		char what[16];
		/* <Click:X,Y>, <WheelUp:X,Y>, <WheelDown:X,Y>: a mouse event at column X, row Y */
		if (end && sscanf(p, "<%15[A-Za-z]:%d,%d>%n", what, &w, &h, &used) == 3 && used > 0 &&
		    w >= 0 && h >= 0 && (strcmp(what, "Click") == 0 || strcmp(what, "WheelUp") == 0 ||
					 strcmp(what, "WheelDown") == 0)) {
			*cols = w;
			*lines = h;
			snprintf(name, namelen, "%.*s", used, p);
			*s = p + used;
			return KEY_MOUSE;
		}
		used = 0;
		if (end && sscanf(p, "<Resize:%dx%d>%n", &w, &h, &used) == 2 && used > 0 && w > 0 &&
		    h > 0) {
			*cols = w;
			*lines = h;
			snprintf(name, namelen, "%.*s", used, p);
			*s = p + used;
			return KEY_RESIZE;
		}
	}
	/* Anything else, a lone '<' included, is the key it names. */
	snprintf(name, namelen, "%c", *p);
	*s = p + 1;
	return (unsigned char)*p;
}

const char *keys_name_for(enum keys_action a, int arg, enum keys_mode mode)
{
	for (size_t i = 0; i < KEYS_N; i++)
		if (keys_table[i].action == a && keys_table[i].arg == arg &&
		    (int)keys_table[i].mode == (int)mode && keys_table[i].brief)
			return keys_table[i].name;
	return "?";
}
