/* chrome: the stage bar, the key line and the help screen, generated from the key table and
 * the view table. See ui.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/colors.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The frames of the spinner shown on running stages. */
const char *chrome_spinner(const struct tui *t)
{
	static const char *const braille[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
	static const char *const ascii[] = { "|", "/", "-", "\\" };
	if (t->utf8)
		return braille[t->spin % (sizeof braille / sizeof braille[0])];
	return ascii[t->spin % (sizeof ascii / sizeof ascii[0])];
}

static const char *chrome_mark(const struct tui *t, enum run_state st)
{
	switch (st) {
	case RUN_OK:
		return t->utf8 ? "✓" : "+";
	case RUN_FAILED:
		return t->utf8 ? "✗" : "x";
	case RUN_SKIPPED:
		return "-";
	case RUN_RUNNING:
		return chrome_spinner(t);
	case RUN_PENDING:
	default:
		return t->utf8 ? "·" : ".";
	}
}

/* "go to stage 1 Preprocess, 2 Compile, 3 Assemble, 4 Link", from the stages. */
static void chrome_stages_help(char *buf, size_t len)
{
	char list[400] = "";
	size_t used = 0;
	for (int s = 0; s < STAGE_COUNT && used < sizeof list; s++)
		/* TRANSLATORS: a stage's number and title in the help's list of stages */
		used += (size_t)snprintf(list + used, sizeof list - used, _("%1$s%2$d %3$s"),
					 s ? ", " : "", s + 1, walk_stage_title((enum stage_id)s));
	/* TRANSLATORS: %s is the list of stages with their numbers */
	snprintf(buf, len, _("go to stage %s"), list);
}

/* The help screen, generated from the key table, laid out at the help pane's width. */
void chrome_help(struct tui *t, int width)
{
	struct panes_pane *p = &t->helppane;
	char keys[128];
	int keyw = 0;

	panes_reset(p);
	snprintf(p->title, sizeof p->title, "%s", _("Keys"));
	for (int a = 1; a < KEYS_ACTION_COUNT; a++) {
		keys_describe((enum keys_action)a, 0, t->utf8, keys, sizeof keys);
		int kw = sty_width(keys, strlen(keys));
		if (kw > keyw)
			keyw = kw;
	}
	keyw += 2;
	if (keyw > width / 2)
		keyw = width / 2;
	for (int g = 0; g < KEYS_GROUP_COUNT; g++) {
		if (g > 0)
			vdoc_add_blank(&p->body);
		sty_add_text(&p->body, ROLE_HEADING, keys_group_title((enum keys_group)g),
			       (size_t)-1, width, 0);
		for (int a = 1; a < KEYS_ACTION_COUNT; a++) {
			if (keys_group((enum keys_action)a) != (enum keys_group)g)
				continue;
			keys_describe((enum keys_action)a, 0, t->utf8, keys, sizeof keys);
			struct sty_doc help = { 0 };
			/* the stages' and the views' names come from their tables */
			char gen[1200];
			const char *text = keys_help((enum keys_action)a);
			if (a == KEYS_VIEW)
				view_help(t, gen, sizeof gen);
			else if (a == KEYS_STAGE)
				chrome_stages_help(gen, sizeof gen);
			sty_add_text(&help, ROLE_TEXT, a == KEYS_VIEW || a == KEYS_STAGE ? gen : text,
				     (size_t)-1, width - keyw, 0);
			int kw = sty_width(keys, strlen(keys));
			for (size_t i = 0; i < help.n || i == 0; i++) {
				struct sty_line *l = sty_newline(&p->body);
				if (i == 0 && kw <= keyw - 1) {
					sty_add(l, ROLE_CODE, keys, (size_t)-1);
					l->indent = 0;
					char pad[128];
					snprintf(pad, sizeof pad, "%*s", keyw - kw, "");
					sty_add(l, ROLE_TEXT, pad, (size_t)-1);
				} else if (i == 0) {
					/* Keys wider than their column get a line of their own. */
					sty_add(l, ROLE_CODE, keys, (size_t)-1);
					l = sty_newline(&p->body);
					l->indent = keyw;
				} else {
					l->indent = keyw;
				}
				if (i < help.n)
					for (size_t j = 0; j < help.lines[i].n; j++)
						sty_add(l, help.lines[i].spans[j].role,
							help.lines[i].spans[j].text, (size_t)-1);
			}
			sty_doc_free(&help);
		}
	}
	vdoc_add_blank(&p->body);
	sty_add_text(&p->body, ROLE_DIM, _("Any other key closes this help."), (size_t)-1, width,
		       0);
}

/* The top line: the program and file, then the stages with their marks, the current one
 * bracketed (so it shows without colour too). Narrow screens drop the padding, then the
 * title, then name only the current stage. */
enum run_state chrome_stage_state(const struct tui *t, enum stage_id s)
{
	enum run_state st = walk_stage_state(t->w, s);
	if (s == STAGE_COMPILE && st == RUN_OK) {
		enum run_state g = walk_state(&t->w->gline);
		if (g == RUN_PENDING || g == RUN_RUNNING)
			return RUN_RUNNING;
	}
	return st;
}

void chrome_bar(struct tui *t)
{
	char title[256], item[STAGE_COUNT][64];
	int iw[STAGE_COUNT];

	if (!t->bar)
		return;
	wbkgdset(t->bar, ' ' | colors_attr(COLORS_BAR));
	werase(t->bar);
	char more[32] = "";
	if (t->w->n_extra)
		snprintf(more, sizeof more, " +%zu", t->w->n_extra);
	snprintf(title, sizeof title, " lesson %s %s%s%s%s ", t->utf8 ? "—" : "-",
		 vdoc_basename(t->w->src_path), more, t->w->opts.opt_level ? " " : "",
		 t->w->opts.opt_level ? t->w->opts.opt_level : "");
	int tw = sty_width(title, strlen(title));
	int level, total = 0;
	/* From the widest: the title and each stage named, padded; the same unpadded; the
	 * stages named without the title; the title and only the current stage named; that
	 * without the title. Five stages and the file's name fit in 80 columns unpadded. */
	static const struct { int title, compact, tight; } levels[] = {
		{ 1, 0, 0 }, { 1, 0, 1 }, { 0, 0, 0 }, { 1, 1, 0 }, { 0, 1, 0 },
	};
	const int n_levels = (int)(sizeof levels / sizeof levels[0]);
	for (level = 0; level < n_levels; level++) {
		int compact = levels[level].compact, tight = levels[level].tight;
		total = levels[level].title ? tw : 0;
		for (int s = 0; s < STAGE_COUNT; s++) {
			enum run_state st = chrome_stage_state(t, (enum stage_id)s);
			int cur = s == t->stage;
			const char *pad = cur || tight ? "" : " ";
			if (compact && !cur)
				snprintf(item[s], sizeof item[s], " %d%s ", s + 1, chrome_mark(t, st));
			else
				snprintf(item[s], sizeof item[s], "%s%d %s %s%s", cur ? "[" : pad,
					 s + 1, walk_stage_title((enum stage_id)s), chrome_mark(t, st),
					 cur ? "]" : pad);
			iw[s] = sty_width(item[s], strlen(item[s]));
			total += iw[s] + 1;
		}
		if (total <= t->cols || level == n_levels - 1)
			break;
	}
	int x = 0;
	if (levels[level].title)
		x += panes_draw_text(t->bar, 0, 0, t->cols, title, colors_attr(COLORS_TITLE), t->utf8);
	for (int s = 0; s < STAGE_COUNT && x < t->cols; s++) {
		enum run_state st = chrome_stage_state(t, (enum stage_id)s);
		int role = s == t->stage ? COLORS_STAGE_CURRENT :
			   st == RUN_OK ? COLORS_STAGE_DONE :
			   st == RUN_FAILED ? COLORS_STAGE_FAILED :
			   st == RUN_SKIPPED ? COLORS_STAGE_SKIPPED :
			   st == RUN_RUNNING ? COLORS_STAGE_RUNNING : COLORS_STAGE_PENDING;
		x += 1;
		x += panes_draw_text(t->bar, 0, x, t->cols - x, item[s], colors_attr(role), t->utf8);
	}
	wnoutrefresh(t->bar);
}

/* Which actions the key line offers: the lesson list and a full-screen view have their own. */
static int chrome_key_shown(const struct tui *t, enum keys_action a)
{
	if (t->list && terms_reading(t)) /* a term's definition: the arrows scroll it */
		return a == KEYS_UP || a == KEYS_DOWN || a == KEYS_BACK || a == KEYS_HELP;
	if (t->list)
		return a == KEYS_UP || a == KEYS_DOWN || a == KEYS_OPEN || a == KEYS_BACK ||
		       a == KEYS_HELP;
	if (a == KEYS_OPEN || a == KEYS_SEARCH_CLEAR)
		return 0;
	if (a == KEYS_DEMO_NEXT || a == KEYS_DEMO_BACK)
		return t->o->demo;
	if (a == KEYS_HINT)
		return t->o->exercise != NULL;
	if (a == KEYS_ASM_GROUP)
		return view_mode(t) == KEYS_MODE_ASM;
	if (a == KEYS_PREDICT)
		return predict_here(t);
	if (a == KEYS_ASM_MENU || a == KEYS_ASM_ALL || a == KEYS_VARIANT)
		return view_handles(t, a);
	if (a == KEYS_SEARCH_NEXT || a == KEYS_SEARCH_PREV)
		return t->search.pattern != NULL;
	/* while a search is active, n and N step through it */
	if ((a == KEYS_NEXT || a == KEYS_PREV) && t->search.pattern)
		return 0;
	if (a == KEYS_VIEW)
		return view_count(t, t->stage) > 1;
	if (a == KEYS_BACK)
		return t->zoom;
	if (a == KEYS_QUIT)
		return !t->zoom;
	return 1;
}

/* The bottom line: the most useful keys, generated from the key table. Actions next to each
 * other with one label share an entry; help and quit (or back) are kept when room is short. */
void chrome_keys(struct tui *t)
{
	struct {
		char keys[48];
		const char *label;
		int action, w, keep;
	} e[KEYS_ACTION_COUNT];
	int n = 0;

	if (!t->keys)
		return;
	memset(e, 0, sizeof e);
	wbkgdset(t->keys, ' ' | colors_attr(COLORS_KEYLINE));
	werase(t->keys);
	if (t->prompt) {
		char line[200];
		/* TRANSLATORS: the key line while typing a line number (":42_") or a search
		   ("/main_"); Enter and Esc are the keys' names. */
		snprintf(line, sizeof line, t->prompt == 2 ? _(" :%.*s_   Enter go to the line  Esc "
			 "cancel") : _(" /%.*s_   Enter search  Esc cancel"), (int)t->prompt_len,
			 t->prompt_buf);
		panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY), t->utf8);
		wnoutrefresh(t->keys);
		return;
	}
	char line[300];
	if (predict_mode(t) != KEYS_MODE_NORMAL) {
		/* a lesson's question is asked */
		predict_keyline(t, line, sizeof line);
		panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY),
				t->utf8);
		wnoutrefresh(t->keys);
		return;
	}
	if (view_keyline(t, line, sizeof line)) {
		/* the view's own mode (the .s view's chooser of directives) */
		panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY), t->utf8);
		wnoutrefresh(t->keys);
		return;
	}
	int lead = 0;
	if (t->search.pattern) {
		char status[200];
		search_status(&t->search, t->search_cur, status, sizeof status);
		/* TRANSLATORS: the search's status ("/main  2 of 5") after it went past the end */
		snprintf(line, sizeof line, t->search_wrapped ? _(" %s (wrapped) ") : " %s ", status);
		lead = panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY), t->utf8);
	} else if (rewalk_status(t, t->cols < 100, line + 1, sizeof line - 2)) {
		/* --watch: what the last save did */
		line[0] = ' ';
		size_t end = strlen(line);
		line[end] = ' ';
		line[end + 1] = '\0';
		/* room for help and quit after it */
		lead = panes_draw_text(t->keys, 0, 0, t->cols > 60 ? t->cols - 24 : t->cols, line,
				       colors_attr(COLORS_KEYLINE_KEY), t->utf8);
	}
	for (int a = 1; a < KEYS_ACTION_COUNT; a++) {
		const char *label = keys_label((enum keys_action)a);
		char k[32];
		if (!label || !chrome_key_shown(t, (enum keys_action)a))
			continue;
		/* In the list the arrows move the choice, they do not scroll. */
		if (t->list && !terms_reading(t) && (a == KEYS_UP || a == KEYS_DOWN))
			label = _("choose");
		keys_describe((enum keys_action)a, 1, t->utf8, k, sizeof k);
		if (n > 0 && e[n - 1].action == a - 1 && strcmp(e[n - 1].label, label) == 0) {
			size_t have = strlen(e[n - 1].keys);
			snprintf(e[n - 1].keys + have, sizeof e[n - 1].keys - have, "%s%s",
				 t->utf8 ? "" : "/", k);
			e[n - 1].action = a;
			continue;
		}
		snprintf(e[n].keys, sizeof e[n].keys, "%s", k);
		e[n].label = label;
		e[n].action = a;
		n++;
	}
	int used = lead;
	/* three passes: the keys that must stay (help, quit or back, the demo's, the search's
	 * steps); then those that help most on a small screen (Tab to another pane, z to zoom
	 * it, / to search it); then the rest in the table's order, while they fit */
	for (int pass = 0; pass < 3; pass++) {
		for (int i = 0; i < n; i++) {
			int a = e[i].action, rank;
			if (a == KEYS_HELP || a == KEYS_QUIT || a == KEYS_DEMO_NEXT ||
			    a == KEYS_DEMO_BACK || a == KEYS_BACK || a == KEYS_SEARCH_NEXT ||
			    a == KEYS_HINT ||
			    a == KEYS_SEARCH_PREV)
				rank = 0;
			else if (a == KEYS_FOCUS_NEXT || a == KEYS_FOCUS_PREV || a == KEYS_ZOOM ||
				 a == KEYS_SEARCH)
				rank = 1;
			else
				rank = 2;
			if (rank != pass || e[i].keep)
				continue;
			e[i].w = 1 + sty_width(e[i].keys, strlen(e[i].keys)) + 1 +
				 sty_width(e[i].label, strlen(e[i].label)) + 1;
			if (used + e[i].w <= t->cols) {
				e[i].keep = 1;
				used += e[i].w;
			}
		}
	}
	int x = lead;
	for (int i = 0; i < n; i++) {
		if (!e[i].keep)
			continue;
		x += 1;
		x += panes_draw_text(t->keys, 0, x, t->cols - x, e[i].keys,
				     colors_attr(COLORS_KEYLINE_KEY), t->utf8);
		x += 1;
		x += panes_draw_text(t->keys, 0, x, t->cols - x, e[i].label,
				     colors_attr(COLORS_KEYLINE), t->utf8);
		x += 1;
	}
	wnoutrefresh(t->keys);
}
