/* tui: the interactive walkthrough in curses. See tui.h.
 *
 * One loop: a key (or a 100 ms tick that polls the walk) goes to a handler, the handler
 * changes the state and returns what is now out of date, and one draw pass rebuilds and
 * draws only that, each window with wnoutrefresh() and the screen with one doupdate().
 */
#include "config.h"

#include <curses.h>
#include <ctype.h>
#include <errno.h>
#include <gelf.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/live.h"
#include "lessons/styled.h"
#include "stages/linkmsg.h"
#include "stages/tmpdir.h"
#include "stages/walk.h"
#include "tui/banner.h"
#include "tui/colors.h"
#include "tui/keys.h"
#include "lessons/livefill.h"
#include "tui/panes.h"
#include "tui/progress.h"
#include "tui/search.h"
#include "tui/tui.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 10
#define TUI_TICK_MS 100
#define TUI_WIDE 160        /* from this width the lesson is a column on the right */
#define TUI_LESSON_MAX 100  /* lesson text wider than this is hard to read */
#define TUI_LINK_COL_MIN 26 /* a link variant's column narrower than this is hard to read */
#define TUI_LIST_MAX 80     /* the lesson list's box is no wider */
#define TUI_HINT_ROWS 12    /* a pane's hint shows only where its body keeps this many rows */

enum tui_pane_id { TUI_SOURCE, TUI_OUTPUT, TUI_LESSON, TUI_PANE_COUNT };

/* What a handler made out of date. The draw pass acts on these and clears them. */
enum tui_dirty {
	TUI_DRAW_BAR = 0x001,
	TUI_DRAW_SOURCE = 0x002,
	TUI_DRAW_OUTPUT = 0x004,
	TUI_DRAW_LESSON = 0x008,
	TUI_DRAW_KEYS = 0x010,
	TUI_DRAW_HELP = 0x020,
	TUI_BUILD_OUTPUT = 0x040, /* the output pane's lines no longer match the walk */
	TUI_BUILD_LESSON = 0x080,
	TUI_LAYOUT = 0x100,       /* sizes changed: place every window, rebuild, redraw */
	TUI_QUIT = 0x200,
	TUI_DRAW_LIST = 0x400,    /* the lesson list, over the panes */
	TUI_BUILD_SOURCE = 0x800, /* the source pane's bands and ties changed */
	TUI_RESTART = 0x1000,     /* walk again at another optimisation level */
	TUI_HL = 0x2000,          /* a cursor, a tie or a search hit moved: highlights only */
	TUI_FOLLOW = 0x4000,      /* the other tied pane scrolls to what the cursor is tied to */
};
#define TUI_DRAW_PANES (TUI_DRAW_SOURCE | TUI_DRAW_OUTPUT | TUI_DRAW_LESSON)
#define TUI_DRAW_ALL (TUI_DRAW_BAR | TUI_DRAW_PANES | TUI_DRAW_KEYS | TUI_DRAW_HELP | TUI_DRAW_LIST)

/* What the stage bar and the panes were last drawn from: each stage's state, each link
 * variant's link state and whether all its facts are in, and whether the walk is done. */
#define TUI_SNAP (3 + 2 * LINK_COUNT + 2 + 3)

/* One lesson of the catalog, loaded when first shown. */
struct tui_lesson {
	struct lesson l;
	int state; /* 0 not tried, 1 loaded, -1 failed (tried again when asked for anew) */
	char err[256];
	/* the samples its live blocks name, walked in the background once it is first shown */
	struct livefill lf;
	int lf_started;
};

/* A row of a tied view: the artifact line it shows (1-based), or the header region it
 * stands for when folded. */
struct tui_tiedrow {
	size_t line;
	int fold; /* 1 + the region's index when the row is a folded region; 0 for a line */
};

/* The .i's header regions: runs of lines that are not the source's own. */
struct tui_region {
	size_t first, last; /* .i lines */
	size_t text;        /* lines in it that are not linemarkers */
};

/* What the views derived from one walk, each made when first needed: forgotten in one go
 * (tui_walkview_free) when the walk is replaced by another. */
struct tui_walkview {
	char *art[3];     /* the .i, .s (and unused .o) text, read once the stage is finished */
	size_t art_len[3];
	int art_err[3];
	char *ztext[2];   /* the tied views' .i and -g .s, each line ended by a NUL: the rows'
			     text, lent to the output pane's lines (sty_add_borrowed) */
	int tool_cols[OBJ_TOOL_COUNT]; /* the widest line each tool printed; 0: not measured */
	struct tui_region *regs;  /* the .i's header regions, n_folds of them */
	unsigned char *fold_open; /* the .i's header regions the learner unfolded */
	size_t n_folds;
	unsigned char *inactive;  /* source lines a false #if left out of the .i */
	size_t n_inactive;
};

static void tui_walkview_free(struct tui_walkview *v)
{
	for (int k = 0; k < 3; k++)
		free(v->art[k]);
	for (int k = 0; k < 2; k++)
		free(v->ztext[k]);
	free(v->regs);
	free(v->fold_open);
	free(v->inactive);
	memset(v, 0, sizeof *v);
}

/* Where the demo stood before a Space: its stage, view, idea and the panes' scroll. */
struct tui_demo_at {
	int stage, view, item, out_top, src_top, src_drives;
	size_t out_cur;
	long src_cur;
};

struct tui {
	struct walk *w;
	struct walk **wp; /* the caller's pointer, which a walk at another level replaces */
	const struct tui_opts *o;
	int utf8;
	int stage;
	int focus;
	int help;
	int cols, lines, too_small;
	int snap[TUI_SNAP];
	unsigned spin;
	WINDOW *bar, *keys;
	struct panes_pane pane[TUI_PANE_COUNT];
	struct panes_pane helppane;
	char *src;
	char *zsrc;     /* src with each newline a NUL: the source pane's lines, lent to it */
	int src_quick;  /* the first frame: the source pane makes only the lines in view */
	size_t src_len;
	int src_err;
	int src_cols;
	struct tui_walkview wv; /* what the views derived from the walk w */
	int view[STAGE_COUNT]; /* which of its views the output pane shows at each stage */
	int out_home;  /* start the .i at the learner's code when it is next built */
	int zoom;      /* the focused pane fills the screen */
	int zoom_back; /* leaving the zoomed lesson goes back to the lesson list */
	int list;      /* the lesson list is open */
	struct panes_pane listpane;
	const struct catalog_entry *cat; /* every lesson, in teaching order */
	size_t n_cat;
	struct tui_lesson *lessons;      /* one per catalog entry */
	const char *lesson_name;         /* what the lesson pane shows; NULL: the stage's own */
	char *samples_dir;               /* what a lesson's live blocks name */
	/* The tied views (Preprocess: source and .i; Compile: source and the -g compile's .s):
	 * a cursor in each pane, and what each output row shows. */
	long src_cur;            /* the source pane's cursor line, 1-based */
	size_t out_cur;          /* the output pane's cursor: an index into rows */
	int src_drives;          /* the source cursor moved last: it sets the ties */
	struct tui_tiedrow *rows; /* the output body's rows from rows_from on */
	size_t n_rows;
	size_t rows_cap; /* room in rows, kept from one build to the next */
	int rows_from;
	unsigned asm_hide;       /* the groups of directives the .s view hides: 1 << asmmap kind */
	int asm_menu;            /* the key line chooses groups of directives (d) */
	/* Search: '/' types a pattern (prompt), Enter runs it on the focused pane. */
	struct search search;    /* active when search.pattern is set */
	int search_pane;         /* the pane it searched */
	size_t search_cur;       /* the body line of the hit shown */
	int search_wrapped;      /* the last step went round the end */
	int prompt;              /* the key line reads: 1 a pattern (/), 2 a line number (:) */
	long goto_line;          /* a line of the tied output to put the cursor on once built */
	char prompt_buf[160];
	size_t prompt_len;
	char *flat;              /* a body line's spans joined, for the search */
	size_t flat_cap;
	struct progress prog;    /* the stages and lessons the learner has seen, across runs */
	/* The classroom demo: a banner over the panes, and one idea per Space. */
	WINDOW *banner;
	int banner_h;
	int demo_item;           /* the output body line of the idea shown; -1: none yet */
	struct tui_demo_at *demo_hist; /* where each Space left from, so Backspace goes back */
	size_t demo_n, demo_cap;
	int demo_back;           /* the draw pass puts the panes' scroll back to demo_hist[demo_n] */
	double demo_last;        /* when it last moved, for --demo=SECONDS */
	int restarts;            /* walks started for another level */
};

static volatile sig_atomic_t tui_active;

void tui_restore(void)
{
	if (tui_active) {
		tui_active = 0;
		endwin();
	}
}

/* Read a whole file; NULL with errno set on failure. */
static char *tui_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*len = 0;
	if (!f)
		return NULL;
	/* room for the whole file at once when its size is known: fresh memory is touched once */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (unsigned long long)st.st_size < SIZE_MAX / 2)
		cap = (size_t)st.st_size + 65536;
	for (;;) {
		if (cap - n < 65536 || !buf) {
			cap = !buf && cap ? cap : cap ? cap * 2 : 65536;
			char *b = realloc(buf, cap + 1);
			if (!b) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = b;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static const char *tui_basename(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The frames of the spinner shown on running stages. */
static const char *tui_spinner(const struct tui *t)
{
	static const char *const braille[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
	static const char *const ascii[] = { "|", "/", "-", "\\" };
	if (t->utf8)
		return braille[t->spin % (sizeof braille / sizeof braille[0])];
	return ascii[t->spin % (sizeof ascii / sizeof ascii[0])];
}

static const char *tui_mark(const struct tui *t, enum run_state st)
{
	switch (st) {
	case RUN_OK:
		return t->utf8 ? "✓" : "+";
	case RUN_FAILED:
		return t->utf8 ? "✗" : "x";
	case RUN_SKIPPED:
		return "-";
	case RUN_RUNNING:
		return tui_spinner(t);
	case RUN_PENDING:
	default:
		return t->utf8 ? "·" : ".";
	}
}

static int tui_finished(enum run_state st)
{
	return st == RUN_OK || st == RUN_FAILED || st == RUN_SKIPPED;
}

/* How many of the lessons' sample walks have finished; *pending gets how many have not. */
static int tui_lessons_walked(const struct tui *t, int *pending)
{
	int done = 0, left = 0;
	for (size_t i = 0; t->lessons && i < t->n_cat; i++) {
		const struct livefill *lf = &t->lessons[i].lf;
		for (size_t k = 0; t->lessons[i].lf_started && k < lf->n; k++) {
			if (!lf->walks[k])
				continue;
			if (walk_is_done(lf->walks[k]))
				done++;
			else
				left++;
		}
		/* the Go lab fills its blocks part by part */
		if (t->lessons[i].lf_started && lf->lab) {
			static const enum golab_part parts[] = { GOLAB_SCENARIOS, GOLAB_EXPERIMENTS,
								 GOLAB_CGO };
			for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
				done += golab_part_finished(lf->lab, parts[k]);
			left += !golab_is_done(lf->lab);
		}
	}
	if (pending)
		*pending = left;
	return done;
}

static void tui_snapshot(const struct tui *t, int *snap)
{
	for (int i = 0; i < 3; i++)
		snap[i] = (int)walk_state(&t->w->stage[i]);
	for (int k = 0; k < LINK_COUNT; k++) {
		snap[3 + k] = (int)walk_state(&t->w->variant[k].link);
		snap[3 + LINK_COUNT + k] = walk_variant_finished(&t->w->variant[k]);
	}
	snap[3 + 2 * LINK_COUNT] = tui_lessons_walked(t, NULL);
	snap[3 + 2 * LINK_COUNT + 1] = (int)walk_state(&t->w->gline);
	snap[3 + 2 * LINK_COUNT + 2] = (int)walk_state(&t->w->clang) * 2 + walk_fates_ready(t->w);
	snap[3 + 2 * LINK_COUNT + 3] = walk_obj_ready(t->w) * 2 + walk_tools_ready(t->w);
	snap[TUI_SNAP - 1] = walk_is_done(t->w);
}

/* The C source, read once; what the source pane shows whatever the stage. */
static void tui_load_source(struct tui *t)
{
	t->src = tui_slurp(t->w->src_abs, &t->src_len);
	t->src_err = t->src ? 0 : errno;
	t->src_cols = 0;
	for (size_t i = 0, col = 0; t->src && i <= t->src_len; i++) {
		if (i == t->src_len || t->src[i] == '\n') {
			if ((int)col > t->src_cols)
				t->src_cols = (int)col;
			col = 0;
		} else if (t->src[i] == '\t') {
			col = (col / 8 + 1) * 8;
		} else if (((unsigned char)t->src[i] & 0xc0) != 0x80) {
			col++;
		}
	}
}

/* The source with each newline a NUL, made when first needed; NULL when out of memory. */
static const char *tui_zsrc(struct tui *t)
{
	if (t->zsrc || !t->src)
		return t->zsrc;
	t->zsrc = malloc(t->src_len + 1);
	if (t->zsrc) {
		memcpy(t->zsrc, t->src, t->src_len);
		t->zsrc[t->src_len] = '\0';
		for (char *nl = t->zsrc; (nl = memchr(nl, '\n', t->src_len - (size_t)(nl - t->zsrc)));)
			*nl++ = '\0';
	}
	return t->zsrc;
}

static void tui_build_source(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	panes_reset(p);
	snprintf(p->title, sizeof p->title, "Source: %s", tui_basename(t->w->src_path));
	snprintf(p->brief, sizeof p->brief, "%s", tui_basename(t->w->src_path));
	if (!t->src) {
		char msg[512];
		snprintf(msg, sizeof msg, "cannot read %s: %s", t->w->src_path,
			 strerror(t->src_err));
		panes_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, panes_text_width(p), 2);
		p->numbered = 0;
		return;
	}
	p->numbered = t->src_len > 0;
	p->body_total = 0;
	if (t->src_quick && t->src) {
		/* the first frame waits for no more than the lines it shows: the rest, and the copy
		 * they are lent from, come right after it */
		size_t total = panes_count_lines(t->src, t->src_len);
		for (size_t i = 0, k = 0; i < t->src_len && k < (size_t)t->lines; k++) {
			const char *nl = memchr(t->src + i, '\n', t->src_len - i);
			size_t n = nl ? (size_t)(nl - (t->src + i)) : t->src_len - i;
			sty_add(sty_newline(&p->body), ROLE_TEXT, t->src + i, n);
			i += n + (nl ? 1 : 0);
		}
		p->body_total = total;
		p->num_max = (long)total;
	} else if (tui_zsrc(t)) {
		/* a line each, as panes_add_text makes them, without copying 100,000 lines */
		for (size_t i = 0; i < t->src_len;) {
			const char *nl = memchr(t->src + i, '\n', t->src_len - i);
			size_t n = nl ? (size_t)(nl - (t->src + i)) : t->src_len - i;
			sty_add_borrowed(sty_newline(&p->body), ROLE_TEXT, t->zsrc + i);
			i += n + (nl ? 1 : 0);
		}
	} else {
		panes_add_text(&p->body, ROLE_TEXT, t->src, t->src_len, 0, 0);
	}
	if (t->src_len == 0)
		panes_add_text(&p->body, ROLE_DIM, "(an empty file)", (size_t)-1, 0, 0);
	snprintf(p->info, sizeof p->info, "%zu lines", panes_count_lines(t->src, t->src_len));
}

/* The artifact of stage i as text, read from the walk directory once it is finished. */
static const char *tui_artifact(struct tui *t, int i, size_t *len)
{
	const struct stage_run *r = &t->w->stage[i];
	if (!t->wv.art[i] && !t->wv.art_err[i] && r->artifact) {
		char *path = walk_path(t->w, r->artifact);
		t->wv.art[i] = path ? tui_slurp(path, &t->wv.art_len[i]) : NULL;
		t->wv.art_err[i] = t->wv.art[i] ? 0 : (path ? errno : ENOMEM);
		free(path);
	}
	*len = t->wv.art_len[i];
	return t->wv.art[i];
}

/* "$ gcc -E hello.c -o hello.i", wrapped, as the pane's head. */
/* The command as "$ gcc ...", wrapped at blanks with continuation lines four columns in;
 * a word too long for a line (-Wl,-Map,hello-static.map) is broken after a ',', '/' or '='
 * where it can be, so that no file name is cut in two. */
static void tui_add_command(struct sty_doc *d, char *const argv[], int width)
{
	char *cmd = argv ? proc_argv_string(argv) : NULL;
	char *text = NULL;
	if (!cmd || asprintf(&text, "$ %s", cmd) < 0) {
		free(cmd);
		return;
	}
	free(cmd);
	if (width < 12) {
		panes_add_text(d, ROLE_COMMAND, text, (size_t)-1, width, 4);
		free(text);
		return;
	}
	size_t n = strlen(text), cap = n + 8 * (n / 8 + 2);
	char *out = malloc(cap);
	if (!out) {
		free(text);
		return;
	}
	size_t o = 0;
	int col = 0;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && text[e] != ' ')
			e++;
		size_t w = e - i;
		/* the word on this line, or the next */
		if (col > 4 && col + 1 + (int)w > width) {
			memcpy(out + o, "\n    ", 5);
			o += 5;
			col = 4;
		} else if (i > 0) {
			out[o++] = ' ';
			col++;
		}
		while (col + (int)w > width && o + 6 < cap) {
			/* too long for any line: up to its last ',', '/' or '=' that fits */
			size_t room = (size_t)(width - col), cut = 0;
			for (size_t k = 0; k < room && k < w; k++)
				if (text[i + k] == ',' || text[i + k] == '/' || text[i + k] == '=')
					cut = k + 1;
			if (!cut)
				cut = room ? room : 1;
			memcpy(out + o, text + i, cut);
			o += cut;
			i += cut;
			w -= cut;
			memcpy(out + o, "\n    ", 5);
			o += 5;
			col = 4;
		}
		memcpy(out + o, text + i, w);
		o += w;
		col += (int)w;
		i = e + (e < n);
	}
	panes_add_text(d, ROLE_COMMAND, out, o, 0, 0);
	free(out);
	free(text);
}

static void tui_add_blank(struct sty_doc *d)
{
	sty_newline(d);
}

#define TUI_FIELD 13 /* the column where a field's value starts */

struct tui_field {
	const char *label, *value;
};

/* "label value" lines, values aligned unless aligning would push one onto a line of its own
 * that fits beside its label; a value too long even so goes under its label. */
static void tui_add_fields(struct sty_doc *d, const struct tui_field *f, size_t n, int width)
{
	int align = 1;
	for (size_t i = 0; i < n; i++) {
		int lw = panes_width(f[i].label, strlen(f[i].label));
		int vw = panes_width(f[i].value, strlen(f[i].value));
		if (TUI_FIELD + vw > width && lw + 1 + vw <= width)
			align = 0;
	}
	for (size_t i = 0; i < n; i++) {
		int lw = panes_width(f[i].label, strlen(f[i].label));
		int vw = panes_width(f[i].value, strlen(f[i].value));
		int pad = align && lw < TUI_FIELD ? TUI_FIELD - lw : 1;
		struct sty_line *l = sty_newline(d);
		sty_add(l, ROLE_DIM, f[i].label, (size_t)-1);
		if (lw + pad + vw <= width) {
			sty_add(l, ROLE_TEXT, "             ", (size_t)pad);
			sty_add(l, ROLE_TEXT, f[i].value, (size_t)-1);
			continue;
		}
		size_t first = d->n;
		panes_add_text(d, ROLE_TEXT, f[i].value, (size_t)-1, width - 2, 0);
		for (size_t j = first; j < d->n; j++)
			d->lines[j].indent = 2;
	}
}

/* Add text padded to w columns (on the left when right is set) to l, then gap blanks. */
static void tui_add_cell(struct sty_line *l, enum sty_role role, const char *text, int w,
			 int right, int gap)
{
	static const char blanks[] = "                                ";
	int pad = w - panes_width(text, strlen(text));
	pad = pad < 0 ? 0 : pad > 32 ? 32 : pad;
	if (right)
		sty_add(l, ROLE_TEXT, blanks, (size_t)pad);
	sty_add(l, role, text, (size_t)-1);
	if (!right)
		sty_add(l, ROLE_TEXT, blanks, (size_t)pad);
	sty_add(l, ROLE_TEXT, blanks, (size_t)gap);
}

static void tui_format_size(long long n, char *buf, size_t len)
{
	if (n >= 1024 * 1024)
		snprintf(buf, len, "%lld bytes (%.1f MiB)", n, n / (1024.0 * 1024.0));
	else if (n >= 10 * 1024)
		snprintf(buf, len, "%lld bytes (%.0f KiB)", n, n / 1024.0);
	else
		snprintf(buf, len, "%lld bytes", n);
}

/* The gcc option that makes each stage stop where it does. */
static const char *const tui_stage_flag[STAGE_COUNT] = { "-E", "-S", "-c", "" };
static const char *const tui_stage_what[STAGE_COUNT] = {
	"Preprocessed C", "Assembly", "Object file", "Linked programs"
};

/* Why a run did not happen, as the walk recorded it. */
static void tui_add_skipped(struct sty_doc *d, const struct stage_run *r, int width)
{
	char msg[512];
	snprintf(msg, sizeof msg, "Not run: %s", r->skip_reason ? r->skip_reason : "not reached");
	panes_add_text(d, ROLE_WARN, msg, (size_t)-1, width, 2);
}

/* A stage that has not finished: only its state may be read, not its record. */
static void tui_build_unfinished(struct tui *t, struct panes_pane *p, int s, enum run_state st,
				 int width)
{
	char msg[512];
	if (st == RUN_RUNNING)
		snprintf(msg, sizeof msg, "%s running %s%s%s on %s ...", tui_spinner(t),
			 t->w->opts.cc, *tui_stage_flag[s] ? " " : "", tui_stage_flag[s],
			 s == STAGE_LINK ? "the object file" : tui_basename(t->w->src_path));
	else if (s == 0)
		snprintf(msg, sizeof msg, "starting %s ...", t->w->opts.cc);
	else
		snprintf(msg, sizeof msg, "waiting for the %s stage to finish",
			 walk_stage_name((enum stage_id)(s - 1)));
	panes_add_text(&p->body, st == RUN_RUNNING ? ROLE_WARN : ROLE_DIM, msg, (size_t)-1, width,
		       2);
	snprintf(p->info, sizeof p->info, "%s", st == RUN_RUNNING ? "running" : "waiting");
}

/* A finished stage that did not make its artifact. */
static int tui_build_not_ok(struct panes_pane *p, const struct stage_run *r, enum run_state st,
			    int width)
{
	if (st == RUN_SKIPPED) {
		tui_add_skipped(&p->body, r, width);
		snprintf(p->info, sizeof p->info, "not run");
		return 1;
	}
	if (st != RUN_FAILED)
		return 0;
	char msg[256];
	snprintf(msg, sizeof msg, "%s failed: %s", r->proc.argv ? r->proc.argv[0] : "the command",
		 proc_describe(&r->proc));
	tui_add_command(&p->head, r->proc.argv, width);
	panes_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
	tui_add_blank(&p->body);
	panes_add_text(&p->body, ROLE_ERROR, r->proc.err, r->proc.err_len, width, 2);
	if (r->proc.out_len > 0)
		panes_add_text(&p->body, ROLE_TEXT, r->proc.out, r->proc.out_len, width, 2);
	snprintf(p->info, sizeof p->info, "failed");
	return 1;
}

/* Where the learner's own code starts in a .i, found from gcc's linemarkers. */
struct tui_home {
	long marker;     /* the last marker that returns to the main file, 0-based; -1: none */
	long code;       /* the first line of code after it (not blank, not a marker) */
	int code_before; /* the main file had code before that marker */
	int headers;     /* other files (headers) gave lines before it */
};

/* Read a linemarker, `# N "FILE" FLAGS...`: the file (unescaped, into file) and whether it
 * returns to a file: flag 2, or no flags at all (the first entry into the main file). */
static int tui_linemarker(const char *line, size_t len, char *file, size_t flen, int *back)
{
	size_t i = 2, o = 0;
	if (len < 5 || line[0] != '#' || line[1] != ' ' || line[2] < '0' || line[2] > '9')
		return 0;
	while (i < len && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i + 1 >= len || line[i] != ' ' || line[i + 1] != '"')
		return 0;
	for (i += 2; i < len && line[i] != '"'; i++) {
		if (line[i] == '\\' && i + 1 < len)
			i++;
		if (o + 1 < flen)
			file[o++] = line[i];
	}
	file[o] = '\0';
	if (i >= len)
		return 0;
	int flags = 0, two = 0;
	for (i++; i < len; i++) {
		if (line[i] >= '0' && line[i] <= '9' && line[i - 1] == ' ') {
			flags++;
			two |= line[i] == '2' && (i + 1 == len || line[i + 1] == ' ');
		}
	}
	*back = flags == 0 || two;
	return 1;
}

/* The last linemarker that returns to src, as Compiler Explorer finds where to start. */
static void tui_find_home(const char *text, size_t len, const char *src, struct tui_home *h)
{
	char file[PATH_MAX + 1];
	int in_src = 0, in_header = 0, back;
	long src_code = 0, header_code = 0, line = 0;

	h->marker = h->code = -1;
	h->code_before = h->headers = 0;
	for (size_t i = 0; i < len; line++) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		const char *l = text + i;
		i += n + 1;
		if (tui_linemarker(l, n, file, sizeof file, &back)) {
			int was_src = in_src;
			in_src = strcmp(file, src) == 0;
			/* "<built-in>" and "<command-line>" are gcc's own, not headers */
			in_header = !in_src && file[0] != '<';
			/* A marker without flags inside the main file only skips blank lines. */
			if (in_src && back && !was_src) {
				h->marker = line;
				h->code = -1;
				h->code_before = src_code > 0;
				h->headers = header_code > 0;
			}
			continue;
		}
		if (strspn(l, " \t\r") >= n)
			continue;
		if (in_src && h->marker >= 0 && h->code < 0)
			h->code = line;
		if (in_src)
			src_code++;
		else if (in_header)
			header_code++;
	}
}

/* The .i or the .s: the command, gcc's warnings if any, then the file itself, numbered.
 * The .i opens at the learner's code, below what the headers pasted in. */
static void tui_build_text_stage(struct tui *t, struct panes_pane *p, int s, int width)
{
	const struct stage_run *r = &t->w->stage[s];
	size_t len;
	const char *text = tui_artifact(t, s, &len);

	tui_add_command(&p->head, r->proc.argv, width);
	/* The body has a gutter of line numbers; what is wrapped must fit beside it. */
	p->numbered = text != NULL;
	width = panes_text_width(p);
	if (r->proc.err_len > 0) {
		panes_add_text(&p->body, ROLE_WARN, r->proc.err, r->proc.err_len, width, 2);
		tui_add_blank(&p->body);
	}
	if (!text) {
		char msg[512];
		snprintf(msg, sizeof msg, "cannot read %s: %s", r->artifact,
			 strerror(t->wv.art_err[s]));
		panes_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
		return;
	}
	int first = (int)p->body.n;
	p->number_from = first;
	panes_add_text(&p->body, ROLE_TEXT, text, len, 0, 0);
	snprintf(p->info, sizeof p->info, "%zu lines", panes_count_lines(text, len));
	if (s != STAGE_PREPROCESS)
		return;
	struct tui_home h;
	tui_find_home(text, len, t->w->src_abs, &h);
	if (h.marker < 0 || !h.headers)
		return;
	/* Two short lines, so that neither number is wrapped away from its words. */
	char msg[2][160];
	if (!h.code_before) {
		snprintf(msg[0], sizeof msg[0], "Lines 1-%ld come from headers;", h.marker + 1);
		snprintf(msg[1], sizeof msg[1], "your code starts at line %ld.", h.marker + 2);
	} else {
		snprintf(msg[0], sizeof msg[0], "Lines 1-%ld hold headers, and your code above its "
			 "last #include;", h.marker + 1);
		snprintf(msg[1], sizeof msg[1], "the rest of your code starts at line %ld.",
			 h.marker + 2);
	}
	for (int i = 0; i < 2; i++)
		panes_add_text(&p->head, ROLE_DIM, msg[i], (size_t)-1, width, 2);
	if (t->out_home) {
		/* The marker stays in view above the code, as it says "back in your file"; unless
		 * blank lines would push the code itself out of view. */
		long top = h.marker;
		if (h.code >= 0 && h.code - h.marker >= panes_rows(p))
			top = h.code - 1;
		p->top = first + (int)top;
		t->out_home = 0;
	}
}

/* What the learner types to look at the .o, as the tab strip names them. */
static const char *const tui_tool_name[OBJ_TOOL_COUNT] = { "nm", "readelf", "objdump" };

/* How many views the output pane has at a stage. At Assemble: the object's facts, then each
 * tool's output. At Link: the links side by side, then the archive members of each link
 * but the dynamic one (view k is variant k; LINK_DYNAMIC is 0). */
_Static_assert(LINK_DYNAMIC == 0, "the link stage's view k shows variant k's members");

static int tui_view_count(const struct tui *t, int stage)
{
	/* with several sources, the link stage's last view is the library built from the others */
	return stage == STAGE_ASSEMBLE ? 1 + OBJ_TOOL_COUNT :
	       stage == STAGE_LINK ? LINK_COUNT + (t->w->n_extra > 0) :
	       stage == STAGE_PREPROCESS ? 3 : 2;
}

static const char *tui_view_name(int stage, int v)
{
	if (stage == STAGE_LINK && v == LINK_COUNT)
		return "library";
	if (stage == STAGE_ASSEMBLE)
		return v == 0 ? "facts" : tui_tool_name[v - 1];
	if (stage == STAGE_PREPROCESS)
		return v == 0 ? "the .i" : v == 1 ? "include tree" : "macros";
	if (stage == STAGE_COMPILE)
		return v == 0 ? "the .s" : "functions and calls";
	return v == 0 ? "side by side" : walk_link_name((enum link_kind)v);
}

/* The head line naming the output pane's views, the one shown bracketed (so it shows without
 * colour), and the key that switches them; "view 2 of 4: nm" when the names do not fit. */
static void tui_add_views(struct tui *t, struct sty_doc *d, int width)
{
	int n = tui_view_count(t, t->stage), cur = t->view[t->stage];
	char key[16], tail[48], item[64];
	if (n < 2)
		return;
	keys_describe(KEYS_VIEW, 1, t->utf8, key, sizeof key);
	snprintf(tail, sizeof tail, "  %s next", key);
	const char *lead = "view:";
	int total = (int)strlen(lead) + (int)strlen(tail);
	for (int v = 0; v < n; v++) {
		if (t->stage == STAGE_LINK && v == 1)
			total += (int)strlen(" members:");
		total += 2 + panes_width(tui_view_name(t->stage, v), strlen(tui_view_name(t->stage, v)));
		total += 1;
	}
	struct sty_line *l = sty_newline(d);
	if (!l)
		return;
	if (total > width) {
		snprintf(item, sizeof item, "view %d of %d: ", cur + 1, n);
		sty_add(l, ROLE_DIM, item, (size_t)-1);
		if (t->stage == STAGE_LINK && cur > 0)
			sty_add(l, ROLE_DIM, "members of ", (size_t)-1);
		sty_add(l, ROLE_STRONG, tui_view_name(t->stage, cur), (size_t)-1);
		sty_add(l, ROLE_DIM, tail, (size_t)-1);
		return;
	}
	sty_add(l, ROLE_DIM, lead, (size_t)-1);
	for (int v = 0; v < n; v++) {
		if (t->stage == STAGE_LINK && v == 1)
			sty_add(l, ROLE_DIM, " members:", (size_t)-1);
		snprintf(item, sizeof item, v == cur ? " [%s]" : "  %s ", tui_view_name(t->stage, v));
		sty_add(l, v == cur ? ROLE_STRONG : ROLE_DIM, item, (size_t)-1);
	}
	sty_add(l, ROLE_DIM, tail, (size_t)-1);
}

/* The widest line of text, tabs expanded, in columns. */
static int tui_text_cols(const char *text, size_t len)
{
	int most = 0, col = 0;
	for (size_t i = 0; text && i <= len; i++) {
		if (i == len || text[i] == '\n') {
			most = col > most ? col : most;
			col = 0;
		} else if (text[i] == '\t') {
			col = (col / 8 + 1) * 8;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			col++;
		}
	}
	return most;
}

/* Whether the object's facts (ELF, symbols, tool outputs) may be read: the engine writes them
 * before any link starts, so a link past pending (read with acquire) means they are in. */

#define TUI_FACTS_COLS 66 /* the object's tables with their notes beside them */

/* Columns the output pane's view needs so its lines are not cut, or 0 when it wraps to any
 * width: the object's tables, and the tools' columns of output. */
static int tui_output_need(struct tui *t)
{
	if (t->stage != STAGE_ASSEMBLE || walk_state(&t->w->stage[STAGE_ASSEMBLE]) != RUN_OK)
		return 0;
	int v = t->view[STAGE_ASSEMBLE];
	if (v == 0)
		return TUI_FACTS_COLS + 2;
	if (!walk_tools_ready(t->w))
		return 0;
	const struct proc_result *r = &t->w->obj_tools[v - 1];
	if (!t->wv.tool_cols[v - 1])
		t->wv.tool_cols[v - 1] = tui_text_cols(r->out, r->out_len) + 1;
	return t->wv.tool_cols[v - 1] + 2;
}

#define TUI_TABLE_COLS 6
#define TUI_NOTE_MIN 40 /* a note beside its row needs this many columns, else goes under it */

/* One row of a table, and a note on it (an explanation) that goes beside it when there is
 * room, else under it. */
struct tui_row {
	char cell[TUI_TABLE_COLS][160];
	int role[TUI_TABLE_COLS];
	char note[320];
	char line[16];        /* "line 20: " before the note: the source line that made it */
	const char *long_note; /* instead of note: a longer one that outlives the table */
};

/* A row's note, or "" for none. */
static const char *tui_row_note(const struct tui_row *r)
{
	return r->long_note ? r->long_note : r->note;
}

struct tui_table {
	int ncols;
	const char *head[TUI_TABLE_COLS];
	int right[TUI_TABLE_COLS];
	struct tui_row *rows;
	size_t n, cap;
};

/* A new zeroed row at the end of tab, or NULL when memory runs out. */
static struct tui_row *tui_table_row(struct tui_table *tab)
{
	if (tab->n == tab->cap) {
		size_t cap = tab->cap ? tab->cap * 2 : 16;
		struct tui_row *r = realloc(tab->rows, cap * sizeof *r);
		if (!r)
			return NULL;
		tab->rows = r;
		tab->cap = cap;
	}
	struct tui_row *r = &tab->rows[tab->n++];
	memset(r, 0, sizeof *r);
	return r;
}

/* Add note, wrapped at width, to d: its first line after line l when inline_first is set,
 * every other line on a line of its own, indented at. */
static void tui_add_note(struct sty_doc *d, struct sty_line *l, const char *note, int at,
			 int width, int inline_first)
{
	struct sty_doc nd = { 0 };
	panes_add_text(&nd, ROLE_DIM, note, (size_t)-1, width, 0);
	for (size_t i = 0; i < nd.n; i++) {
		struct sty_line *to = l;
		if (i > 0 || !inline_first) {
			to = sty_newline(d);
			if (!to)
				break;
			to->indent = at;
		}
		for (size_t j = 0; j < nd.lines[i].n; j++)
			sty_add(to, nd.lines[i].spans[j].role, nd.lines[i].spans[j].text, (size_t)-1);
	}
	sty_doc_free(&nd);
}

/* Lay out a table with its headings, two columns in, each row's note beside it when every
 * note gets TUI_NOTE_MIN columns there, else under its row. Frees the rows. */
static void tui_add_table(struct sty_doc *d, struct tui_table *tab, int width)
{
	int cw[TUI_TABLE_COLS] = { 0 }, indent = 2, total;
	int notes = 0;

	for (int c = 0; c < tab->ncols; c++)
		cw[c] = panes_width(tab->head[c], strlen(tab->head[c]));
	for (size_t i = 0; i < tab->n; i++) {
		notes |= tui_row_note(&tab->rows[i])[0] != '\0';
		for (int c = 0; c < tab->ncols; c++) {
			int w = panes_width(tab->rows[i].cell[c], strlen(tab->rows[i].cell[c]));
			cw[c] = w > cw[c] ? w : cw[c];
		}
	}
	/* the notes' column: after the cells and their gaps, two more after the last */
	total = indent;
	for (int c = 0; c < tab->ncols; c++)
		total += cw[c] + 2;
	int at = total, beside = notes && width - at >= TUI_NOTE_MIN;
	struct sty_line *l = sty_newline(d);
	if (!l)
		goto out;
	l->indent = indent;
	for (int c = 0; c < tab->ncols; c++)
		tui_add_cell(l, ROLE_DIM, tab->head[c], cw[c], tab->right[c],
			     c + 1 < tab->ncols ? 2 : 0);
	for (size_t i = 0; i < tab->n; i++) {
		const struct tui_row *r = &tab->rows[i];
		l = sty_newline(d);
		if (!l)
			break;
		l->indent = indent;
		l->item = 1;
		for (int c = 0; c < tab->ncols; c++)
			tui_add_cell(l, (enum sty_role)r->role[c], r->cell[c], cw[c], tab->right[c],
				     c + 1 < tab->ncols || (beside && tui_row_note(r)[0]) ? 2 : 0);
		const char *note = tui_row_note(r);
		if (!note[0])
			continue;
		char *joined = NULL;
		if (r->line[0] && asprintf(&joined, "%s%s", r->line, note) >= 0)
			note = joined;
		if (beside)
			tui_add_note(d, l, note, at, width - at, 1);
		else
			tui_add_note(d, l, note, indent + 4, width - indent - 4, 0);
		free(joined);
	}
out:
	free(tab->rows);
	tab->rows = NULL;
	tab->n = tab->cap = 0;
}

static const char *tui_section_flags(unsigned long long fl, char *buf)
{
	char *p = buf;
	if (fl & SHF_ALLOC)
		*p++ = 'A';
	if (fl & SHF_WRITE)
		*p++ = 'W';
	if (fl & SHF_EXECINSTR)
		*p++ = 'X';
	*p = '\0';
	return buf;
}

/* A heading and the dim sentence under it that says where the table comes from. */
static void tui_add_heading(struct sty_doc *d, const char *heading, const char *what, int width)
{
	tui_add_blank(d);
	panes_add_text(d, ROLE_HEADING, heading, (size_t)-1, width, 2);
	if (what)
		panes_add_text(d, ROLE_DIM, what, (size_t)-1, width, 0);
}

/* The object's sections, symbols and relocations, each symbol and each relocation type with
 * what it means; the same facts the report lists. */
/* The declaration in the source that made symbol name of the .o, as libclang saw it: its
 * line and its predicted place (whose reason says why it landed where it did); NULL when
 * libclang has none (gcc's own symbols, or libclang unavailable). A static local's symbol
 * is NAME.N; a function's definition is preferred to its declarations. */
static const struct cfacts_place *tui_decl_for(const struct walk *w, const char *name,
					       unsigned *line)
{
	if (walk_state(&w->clang) != RUN_OK)
		return NULL;
	const struct cfacts *cf = &w->cf;
	const struct cfacts_place *found = NULL;
	for (size_t i = 0; i < cf->n_funcs; i++) {
		const struct cfacts_func *f = &cf->funcs[i];
		if (strcmp(f->mangled ? f->mangled : f->name, name) == 0 && f->place.reason &&
		    (!found || f->is_definition)) {
			found = &f->place;
			*line = f->line;
		}
	}
	for (size_t i = 0; !found && i < cf->n_vars; i++) {
		const struct cfacts_var *v = &cf->vars[i];
		size_t len = strlen(v->name);
		if (v->place.reason && (strcmp(v->name, name) == 0 ||
		    (v->static_local && strncmp(v->name, name, len) == 0 && name[len] == '.'))) {
			found = &v->place;
			*line = v->line;
		}
	}
	return found;
}

/* For an undefined symbol: the source lines whose calls left it to the linker, from
 * libclang, or the call gcc rewrote into it (printf into puts). 1 when buf got a note. */
static int tui_undef_note(const struct walk *w, const char *name, char *buf, size_t len)
{
	if (walk_state(&w->clang) != RUN_OK)
		return 0;
	const struct cfacts *cf = &w->cf;
	size_t used = 0, n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < cf->n_calls; i++) {
		const struct cfacts_call *c = &cf->calls[i];
		if (!c->callee || strcmp(c->callee, name) != 0 || used >= len)
			continue;
		if (walk_fates_ready(w)) {
			/* a call gcc rewrote into another function does not use this name */
			int rewritten = 0;
			for (size_t k = 0; k < w->fates.n_calls && !rewritten; k++)
				rewritten = w->fates.calls[k].cf == c &&
					    w->fates.calls[k].kind == FATES_CALL_REWRITTEN;
			if (rewritten)
				continue;
		}
		used += (size_t)snprintf(buf + used, len - used, "%s%u", n++ ? ", " : "called at "
					 "line ", c->line);
	}
	if (n > 1 && used + 1 < len) {
		/* "line 29, 36" reads "lines 29, 36" */
		size_t at = strlen("called at line");
		memmove(buf + at + 1, buf + at, used - at + 1);
		buf[at] = 's';
		used++;
	}
	if (n && used < len)
		snprintf(buf + used, len - used, "; defined elsewhere: the linker must find it");
	for (size_t k = 0; !n && walk_fates_ready(w) && k < w->fates.n_calls; k++) {
		const struct fates_call *fc = &w->fates.calls[k];
		if (fc->kind == FATES_CALL_REWRITTEN && fc->now && strcmp(fc->now, name) == 0 &&
		    fc->cf) {
			snprintf(buf, len, "line %u: gcc made the call to %s into a call to %s; defined "
				 "elsewhere: the linker must find it", fc->cf->line,
				 fc->cf->callee ? fc->cf->callee : "a function", name);
			n = 1;
		}
	}
	return n > 0;
}

static void tui_build_object_facts(struct tui *t, struct panes_pane *p, int width)
{
	const struct walk *w = t->w;
	struct tui_table tab = { 0 };
	char fl[8];

	tui_add_heading(&p->body, "Sections",
			"readelf -S: flags A takes memory when the program runs, W writable, X "
			"executable.", width);
	tab.ncols = 3;
	tab.head[0] = "section";
	tab.head[1] = "bytes";
	tab.head[2] = "flags";
	tab.right[1] = 1;
	for (size_t i = 0; i < w->obj_elf.n_sections; i++) {
		const struct elfinfo_section *sec = &w->obj_elf.sections[i];
		struct tui_row *r;
		if (!sec->name || !*sec->name || !(r = tui_table_row(&tab)))
			continue;
		snprintf(r->cell[0], sizeof r->cell[0], "%s", sec->name);
		r->role[0] = ROLE_CODE;
		snprintf(r->cell[1], sizeof r->cell[1], "%llu", sec->size);
		snprintf(r->cell[2], sizeof r->cell[2], "%s", tui_section_flags(sec->flags, fl));
	}
	tui_add_table(&p->body, &tab, width);

	if (!w->obj_syms_ok) {
		tui_add_blank(&p->body);
		panes_add_text(&p->body, ROLE_WARN, w->obj_syms.error, (size_t)-1, width, 2);
		return;
	}
	const struct symbols *sy = &w->obj_syms;
	int clang = walk_state(&w->clang) == RUN_OK;
	tui_add_heading(&p->body, "Symbols", clang ?
			"nm and readelf -s: the names this file defines, and those it uses but "
			"leaves to the linker (UND), each with the line of the source that made it "
			"and why it landed there (libclang). Section and file symbols are left out." :
			"nm and readelf -s: the names this file defines, and those it uses but "
			"leaves to the linker (UND). Section and file symbols are left out.", width);
	memset(&tab, 0, sizeof tab);
	tab.ncols = 5;
	tab.head[0] = "symbol";
	tab.head[1] = "binding";
	tab.head[2] = "type";
	tab.head[3] = "section";
	tab.head[4] = "size";
	tab.right[4] = 1;
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *x = &sy->syms[i];
		struct tui_row *r;
		if (x->type == STT_SECTION || x->type == STT_FILE || !x->name[0] ||
		    !(r = tui_table_row(&tab)))
			continue;
		snprintf(r->cell[0], sizeof r->cell[0], "%s", x->name);
		r->role[0] = ROLE_CODE;
		snprintf(r->cell[1], sizeof r->cell[1], "%s", symbols_bind_name(x->bind));
		snprintf(r->cell[2], sizeof r->cell[2], "%s", symbols_type_name(x->type));
		snprintf(r->cell[3], sizeof r->cell[3], "%s", x->section);
		r->role[3] = x->shndx == SHN_UNDEF ? ROLE_WARN : ROLE_TEXT;
		snprintf(r->cell[4], sizeof r->cell[4], "%llu", x->size);
		unsigned line = 0;
		const struct cfacts_place *pl = tui_decl_for(w, x->name, &line);
		if (pl) {
			snprintf(r->line, sizeof r->line, "line %u: ", line);
			r->long_note = pl->reason;
		} else if (x->shndx == SHN_UNDEF && tui_undef_note(w, x->name, r->note,
								   sizeof r->note)) {
			;
		} else
			symbols_explain(x, r->note, sizeof r->note);
	}
	if (tab.n == 0)
		panes_add_text(&p->body, ROLE_DIM, "  (none)", (size_t)-1, width, 2);
	tui_add_table(&p->body, &tab, width);

	if (!sy->n_relocs)
		return;
	tui_add_heading(&p->body, "Relocations",
			"readelf -r: the places the linker must fill in, at a section plus an "
			"offset; each type is explained where it first appears.", width);
	memset(&tab, 0, sizeof tab);
	tab.ncols = 3;
	tab.head[0] = "where";
	tab.head[1] = "type";
	tab.head[2] = "symbol+addend";
	for (size_t i = 0; i < sy->n_relocs; i++) {
		const struct symbols_reloc *x = &sy->relocs[i];
		struct tui_row *r = tui_table_row(&tab);
		if (!r)
			break;
		snprintf(r->cell[0], sizeof r->cell[0], "%s+0x%llx", x->section, x->offset);
		snprintf(r->cell[1], sizeof r->cell[1], "%s",
			 symbols_reloc_type_name(sy->machine, x->type));
		r->role[1] = COLORS_RELOC;
		/* the addend in hex, as objdump -dr and readelf -r print it */
		snprintf(r->cell[2], sizeof r->cell[2], "%s%s0x%llx", x->symbol,
			 x->addend < 0 ? "-" : "+", x->addend < 0 ? 0ull - (unsigned long long)x->addend :
			 (unsigned long long)x->addend);
		int first = 1;
		for (size_t j = 0; j < i && first; j++)
			first = sy->relocs[j].type != x->type;
		const char *why = symbols_reloc_explain(sy->machine, x->type);
		if (first && why)
			snprintf(r->note, sizeof r->note, "%s", why);
	}
	tui_add_table(&p->body, &tab, width);
}

/* The relocation type named at the start of s ("R_X86_64_PLT32\tprintf-0x4"), as a number
 * for machine; -1 when it is not one this program can name. */
static long tui_reloc_type(unsigned machine, const char *s, size_t len)
{
	size_t n = 0;
	while (n < len && s[n] != '\t' && s[n] != ' ')
		n++;
	for (unsigned type = 0; type < 256; type++) {
		const char *name = symbols_reloc_type_name(machine, type);
		if (strlen(name) == n && memcmp(name, s, n) == 0)
			return (long)type;
	}
	return -1;
}

/* objdump -dr prints a relocation under the instruction it patches: blanks, an offset, a
 * colon, then the type: "\t\t\t4c: R_X86_64_PLT32\tprintf-0x4". Where the type starts, or
 * NULL; *col gets the column the type starts at. */
static const char *tui_objdump_reloc(const char *line, size_t len, int *col)
{
	size_t i = 0;
	int c = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t')) {
		c = line[i] == '\t' ? (c / 8 + 1) * 8 : c + 1;
		i++;
	}
	size_t hex = i;
	while (i < len && line[i] && strchr("0123456789abcdef", line[i]))
		i++;
	if (hex == 0 || i == hex || i + 4 > len || line[i] != ':' || line[i + 1] != ' ' ||
	    line[i + 2] != 'R' || line[i + 3] != '_')
		return NULL;
	*col = c + (int)(i - hex) + 2;
	return line + i + 2;
}

/* What a learner would see running the tool on the .o: its command, and its real output,
 * line for line (wide lines cut at the pane's edge rather than wrapped, so columns stay
 * columns). In objdump's, relocations stand out, and the first of each type in a function
 * gets what it asks of the linker under it; readelf's headings and relocations stand out. */
static void tui_build_object_tool(struct tui *t, struct panes_pane *p, enum obj_tool k,
				  int width)
{
	const struct walk *w = t->w;
	const struct proc_result *r = &w->obj_tools[k];
	char msg[512];

	if (!r->argv) {
		snprintf(msg, sizeof msg, "%s was not run on %s.", tui_tool_name[k],
			 w->stage[STAGE_ASSEMBLE].artifact);
		panes_add_text(&p->body, ROLE_WARN, msg, (size_t)-1, width, 2);
		return;
	}
	tui_add_command(&p->head, r->argv, width);
	if (r->kind == PROC_SPAWN_FAILED) {
		const char *hint = walk_hint(r);
		snprintf(msg, sizeof msg, "%s could not start: %s. %s%s", r->argv[0],
			 proc_describe(r), hint ? hint : "It is part of binutils: apt-get install "
			 "binutils", hint ? "." : ".");
		panes_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
		return;
	}
	unsigned machine = w->obj_syms_ok ? w->obj_syms.machine : EM_X86_64;
	unsigned char seen[256] = { 0 };
	const char *text = r->out, *end = r->out + r->out_len;
	size_t lines = 0;
	while (text && text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		int role = ROLE_TEXT, col = 0;
		const char *type = NULL;
		if (k == OBJ_OBJDUMP) {
			type = tui_objdump_reloc(text, n, &col);
			if (type)
				role = COLORS_RELOC;
			else if (n > 2 && text[n - 1] == ':' && text[n - 2] == '>' &&
				 strchr("0123456789abcdef", text[0])) {
				role = ROLE_STRONG; /* "0000000000000000 <main>:" */
				memset(seen, 0, sizeof seen);
			} else if (n > 0 && strncmp(text, "Disassembly of", 14) == 0) {
				role = ROLE_HEADING;
			}
		} else if (k == OBJ_READELF) {
			if (n > 1 && text[0] != ' ' && text[n - 1] == ':')
				role = ROLE_HEADING;
			else if (memmem(text, n, " R_", 3))
				role = COLORS_RELOC;
		}
		struct sty_line *l = sty_newline(&p->body);
		if (!l)
			break;
		sty_add(l, (enum sty_role)role, text, n);
		lines++;
		if (type) {
			long ty = tui_reloc_type(machine, type, (size_t)(text + n - type));
			const char *why = ty >= 0 ? symbols_reloc_explain(machine, (unsigned)ty) : NULL;
			if (why && !seen[ty]) {
				seen[ty] = 1;
				int at = col < width / 2 ? col : width / 2;
				tui_add_note(&p->body, l, why, at, width - at, 0);
			}
		}
		text += n + (nl ? 1 : 0);
	}
	if (r->out_truncated)
		panes_add_text(&p->body, ROLE_DIM, "(output cut here)", (size_t)-1, width, 2);
	if (r->err_len)
		panes_add_text(&p->body, ROLE_WARN, r->err, r->err_len, width, 2);
	if (!proc_ok(r)) {
		snprintf(msg, sizeof msg, "%s %s", panes_utf8 ? "→" : "->", proc_describe(r));
		panes_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
	}
	snprintf(p->info, sizeof p->info, "%s: %zu lines", tui_tool_name[k], lines);
}

/* The .o is binary: what it is, then the view chosen: its facts, or a tool's output. */
static void tui_build_object(struct tui *t, struct panes_pane *p, int width)
{
	const struct walk *w = t->w;
	const struct stage_run *r = &w->stage[STAGE_ASSEMBLE];
	char line[512], size[64];
	int known = walk_obj_ready(w);
	int view = t->view[STAGE_ASSEMBLE];
	int is_rel = known && w->obj_elf_ok &&
		     strcmp(elfinfo_type_name(w->obj_elf.type), "REL") == 0;

	tui_add_views(t, &p->head, width);
	snprintf(p->info, sizeof p->info, "%lld bytes", r->artifact_size);
	if (view > 0) {
		if (walk_tools_ready(w)) {
			tui_build_object_tool(t, p, (enum obj_tool)(view - 1), width);
		} else {
			snprintf(line, sizeof line, "%s running %s on %s ...", tui_spinner(t),
				 tui_tool_name[view - 1], r->artifact);
			panes_add_text(&p->body, ROLE_DIM, line, (size_t)-1, width, 2);
		}
		return;
	}
	tui_add_command(&p->head, r->proc.argv, width);
	tui_format_size(r->artifact_size, size, sizeof size);
	snprintf(line, sizeof line, "%s: %s%s", r->artifact,
		 is_rel ? "ELF relocatable object, " : "", size);
	panes_add_text(&p->body, ROLE_STRONG, line, (size_t)-1, width, 2);
	if (!known)
		return;
	if (!w->obj_elf_ok) {
		panes_add_text(&p->body, ROLE_WARN, w->obj_elf.error, (size_t)-1, width, 2);
		return;
	}
	tui_build_object_facts(t, p, width);
}

/* A piece of a line: its role (a sty_role, or a colors_role) and its text. */
struct tui_span {
	int role;
	const char *text;
};

/* How many bytes of text fit in cols columns, whole characters only. */
static size_t tui_fit_bytes(const char *text, int cols)
{
	size_t i = 0, len = strlen(text);
	while (i < len) {
		size_t n = 1;
		while (i + n < len && ((unsigned char)text[i + n] & 0xc0) == 0x80)
			n++;
		if (panes_width(text, i + n) > cols)
			break;
		i += n;
	}
	return i;
}

/* Add spans as one line indented indent, going on to a new line indented hang before a span
 * that would pass width (its leading blanks dropped there); a span too long for a line of its
 * own is cut across lines. No line passes width, so the lines can stand in columns. */
static void tui_add_spans(struct sty_doc *d, const struct tui_span *s, size_t n, int indent,
			  int width, int hang)
{
	struct sty_line *l = sty_newline(d);
	int col = indent;
	if (!l)
		return;
	l->indent = indent;
	if (hang >= width - 4)
		hang = width > 8 ? 4 : 0;
	for (size_t i = 0; i < n; i++) {
		const char *text = s[i].text;
		while (text && *text) {
			int w = panes_width(text, strlen(text));
			if (col + w <= width) {
				sty_add(l, (enum sty_role)s[i].role, text, (size_t)-1);
				col += w;
				break;
			}
			/* on to a fresh line first; cut it only when it does not fit there either */
			size_t fit = col > hang ? 0 : tui_fit_bytes(text, width - col);
			if (fit == 0 && col <= hang)
				fit = 1; /* nothing fits at all: a character, then on */
			if (fit > 0)
				sty_add(l, (enum sty_role)s[i].role, text, fit);
			text += fit;
			if (!(l = sty_newline(d)))
				return;
			l->indent = hang;
			col = hang;
			while (*text == ' ')
				text++;
		}
	}
}

/* The bytes archive member i put into the program: its allocated sections, .bss included. */
static unsigned long long tui_member_size(const struct linkmap *m, size_t i)
{
	long in = m->members[i].input;
	return in >= 0 && (size_t)in < m->n_inputs ? m->inputs[in].size : 0;
}

static unsigned long long tui_members_total(const struct linkmap *m)
{
	unsigned long long total = 0;
	for (size_t i = 0; i < m->n_members; i++)
		total += tui_member_size(m, i);
	return total;
}

/* The n biggest members, largest first (in the map's order among equals), into top; returns
 * how many there are. */
static size_t tui_members_biggest(const struct linkmap *m, size_t *top, size_t n)
{
	size_t have = 0;
	for (size_t i = 0; i < m->n_members; i++) {
		unsigned long long sz = tui_member_size(m, i);
		size_t at = have < n ? have++ : n;
		while (at > 0 && tui_member_size(m, top[at - 1]) < sz) {
			if (at < n)
				top[at] = top[at - 1];
			at--;
		}
		if (at < n)
			top[at] = i;
	}
	return have;
}

/* "libc.a(printf.o)"; a thin archive's member by its own name. */
static const char *tui_member_label(const struct linkmap_member *x, char *buf, size_t len)
{
	if (*x->archive)
		snprintf(buf, len, "%s(%s)", tui_basename(x->archive), x->member);
	else
		snprintf(buf, len, "%s", tui_basename(x->member));
	return buf;
}

/* Who resolved the symbols the program's objects left undefined: for the dynamic link the
 * library that defines each, first in ldd's order; for a static one the archive members ld
 * took for them (for the learner's code, or for gcc's start files), how many members came
 * in with those, and the biggest. The same facts as the report's. */
static void tui_link_resolved(struct tui *t, int k, struct sty_doc *d, int width)
{
	const struct link_variant *v = &t->w->variant[k];
	const char *arrow = t->utf8 ? " → " : " -> ";
	char buf[512], ver[96];

	if (v->resolved_ok && v->resolved.n) {
		tui_add_blank(d);
		panes_add_text(d, ROLE_DIM, "resolved at run time:", (size_t)-1,
			       width, 2);
		for (size_t i = 0; i < v->resolved.n; i++) {
			const struct resolve_binding *b = &v->resolved.bindings[i];
			ver[0] = '\0';
			if (b->lib >= 0 && b->version)
				snprintf(ver, sizeof ver, " (%s)", b->version);
			const char *obj = b->lib < 0 ? walk_extra_defines(t->w, b->symbol) : NULL;
			char in[300];
			if (obj)
				snprintf(in, sizeof in, "%s, linked into the program", obj);
			const char *why = b->lib < 0 && !obj ? walk_unresolved_why(t->w, b->symbol) :
				NULL;
			struct tui_span sp[] = {
				{ ROLE_CODE, b->symbol },
				{ ROLE_DIM, arrow },
				{ b->lib >= 0 || obj ? ROLE_TEXT : why ? ROLE_DIM : ROLE_ERROR,
				  b->lib >= 0 ? v->libs.libs[b->lib].name : obj ? in : why ? why :
				  "no library defines it" },
				{ ROLE_DIM, ver },
			};
			tui_add_spans(d, sp, sizeof sp / sizeof sp[0], 2, width, 4);
		}
		for (size_t i = 0; i < v->resolved.n_libs && i < v->libs.n; i++) {
			if (!v->resolved.lib_errors || !v->resolved.lib_errors[i])
				continue;
			snprintf(buf, sizeof buf, "%s could not be read: %s", v->libs.libs[i].name,
				 v->resolved.lib_errors[i]);
			panes_add_text(d, ROLE_WARN, buf, (size_t)-1, width, 4);
		}
	}
	if (!v->map_ok || !v->map.n_members)
		return;
	const struct linkmap *m = &v->map;
	tui_add_blank(d);
	panes_add_text(d, ROLE_DIM, "resolved at link time:", (size_t)-1, width, 2);
	for (size_t i = 0; i < m->n_members; i++) {
		const struct linkmap_member *x = &m->members[i];
		if (x->parent >= 0)
			continue;
		char arch[160], mem[200];
		/* The musl link compiles the source anew, into an object of gcc's naming: the
		 * learner's code is what leaves the symbol undefined in the .o. */
		const char *obj = t->w->stage[STAGE_ASSEMBLE].artifact;
		long si = t->w->obj_syms_ok ? symbols_find(&t->w->obj_syms, x->symbol) : -1;
		int own = (obj && strcmp(tui_basename(x->by), obj) == 0) ||
			  (si >= 0 && t->w->obj_syms.syms[si].shndx == SHN_UNDEF);
		char name[300];
		snprintf(buf, sizeof buf, " for %s", walk_input_name(t->w, x->by, name, sizeof name));
		snprintf(arch, sizeof arch, "%s", *x->archive ? tui_basename(x->archive) : "");
		snprintf(mem, sizeof mem, *x->archive ? "(%s)" : "%s", *x->archive ? x->member :
			 tui_basename(x->member));
		struct tui_span sp[] = {
			{ ROLE_CODE, x->symbol },
			{ ROLE_DIM, arrow },
			{ ROLE_TEXT, arch },
			{ ROLE_TEXT, mem },
			{ ROLE_DIM, own || !*x->by ? "" : buf },
		};
		tui_add_spans(d, sp, sizeof sp / sizeof sp[0], 2, width, 4);
	}
	snprintf(buf, sizeof buf, "%zu members in all, %llu bytes", m->n_members,
		 tui_members_total(m));
	panes_add_text(d, ROLE_STRONG, buf, (size_t)-1, width, 2);
	if (m->truncated)
		panes_add_text(d, ROLE_WARN, "(the link map was cut short: there are more)",
			       (size_t)-1, width, 2);
	size_t top[5];
	size_t n = tui_members_biggest(m, top, 5);
	panes_add_text(d, ROLE_DIM, "the biggest, in bytes:", (size_t)-1, width, 2);
	/* sizes right-aligned as wide as the largest, which comes first: room for the names */
	char size[32];
	int sw = n ? snprintf(size, sizeof size, "%llu", tui_member_size(m, top[0])) : 0;
	for (size_t j = 0; j < n; j++) {
		snprintf(size, sizeof size, "%*llu ", sw, tui_member_size(m, top[j]));
		struct tui_span sp[] = {
			{ ROLE_TEXT, size },
			{ ROLE_CODE, m->members[top[j]].member },
		};
		tui_add_spans(d, sp, 2, 0, width, sw + 1);
	}
	char key[16];
	keys_describe(KEYS_VIEW, 1, t->utf8, key, sizeof key);
	snprintf(buf, sizeof buf, "%s shows all %zu, as a tree", key, m->n_members);
	panes_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
}

/* What a failed link command failed at: "compile" when the compiler stopped it (musl's
 * variant compiles the source again, "FILE:LINE:COL: error:" or "fatal error:"), else
 * "link". */
static const char *tui_link_step(const struct proc_result *p)
{
	const char *e = p->err, *end = p->err ? p->err + p->err_len : NULL;
	for (const char *l = e; l && l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
		const char *at = NULL;
		for (size_t i = 0; i + 9 <= n && !at; i++)
			if (memcmp(l + i, ": error: ", 9) == 0 ||
			    (i + 15 <= n && memcmp(l + i, ": fatal error: ", 15) == 0))
				at = l + i;
		/* the compiler's place before it: ":LINE:COL" */
		int colons = 0;
		for (const char *q = at; at && q > l && colons < 2; q--) {
			if (*(q - 1) == ':')
				colons++;
			else if (*(q - 1) < '0' || *(q - 1) > '9')
				break;
		}
		if (colons == 2)
			return "compile";
		l = nl ? nl + 1 : end;
	}
	return "link";
}

/* The archive members of link variant k: how many, how big, the biggest, then all of them
 * as the tree of why each was taken, depth first: each member, then indented under it the
 * members it needed, in the map's order. */
static void tui_build_members(struct tui *t, struct panes_pane *p, int k, int width)
{
	const struct link_variant *v = &t->w->variant[k];
	const char *name = walk_link_name((enum link_kind)k);
	enum run_state st = walk_state(&v->link);
	char buf[512];

	snprintf(p->title, sizeof p->title, "Archive members in the %s link of %s", name,
		 t->w->base);
	snprintf(p->brief, sizeof p->brief, "%s members", name);
	tui_add_views(t, &p->head, width);
	if (!tui_finished(st)) {
		snprintf(buf, sizeof buf, "%s %s", st == RUN_RUNNING ? tui_spinner(t) : "",
			 st == RUN_RUNNING ? "linking ..." : "waiting to link");
		panes_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		tui_add_skipped(&p->body, &v->link, width);
		return;
	}
	tui_add_command(&p->head, v->link.proc.argv, width);
	if (st == RUN_FAILED) {
		snprintf(buf, sizeof buf, "%s failed: %s", tui_link_step(&v->link.proc),
			 proc_describe(&v->link.proc));
		panes_add_text(&p->body, ROLE_ERROR, buf, (size_t)-1, width, 2);
		panes_add_text(&p->body, ROLE_ERROR, v->link.proc.err, v->link.proc.err_len, width,
			       2);
		return;
	}
	if (!walk_variant_finished(v)) {
		snprintf(buf, sizeof buf, "%s reading its link map ...", tui_spinner(t));
		panes_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	const struct linkmap *m = &v->map;
	if (!v->map_ok) {
		snprintf(buf, sizeof buf, "No link map to read: %s", m->error[0] ? m->error : "none "
			 "was written");
		panes_add_text(&p->body, ROLE_WARN, buf, (size_t)-1, width, 2);
		return;
	}
	if (!m->n_members) {
		panes_add_text(&p->body, ROLE_TEXT, "ld took no member out of an archive for this "
			       "link.", (size_t)-1, width, 2);
		return;
	}
	snprintf(p->info, sizeof p->info, "%zu members", m->n_members);
	snprintf(buf, sizeof buf, "%zu archive members, %llu bytes", m->n_members,
		 tui_members_total(m));
	panes_add_text(&p->body, ROLE_STRONG, buf, (size_t)-1, width, 2);
	panes_add_text(&p->body, ROLE_DIM,
		       "From the link map (-Wl,-Map). ld takes a member (an object file) out of an "
		       "archive only for a symbol that something already taken needs. bytes: what "
		       "it puts into the program's memory, .bss included.", (size_t)-1, width, 0);
	if (m->truncated)
		panes_add_text(&p->body, ROLE_WARN, "The map was cut short: there are more.",
			       (size_t)-1, width, 0);

	size_t top[10];
	size_t n = tui_members_biggest(m, top, 10);
	snprintf(buf, sizeof buf, "The %zu biggest", n);
	tui_add_heading(&p->body, buf, NULL, width);
	struct tui_table tab = { 0 };
	tab.ncols = 3;
	tab.head[0] = "bytes";
	tab.head[1] = "member";
	tab.head[2] = "taken for";
	tab.right[0] = 1;
	for (size_t j = 0; j < n; j++) {
		const struct linkmap_member *x = &m->members[top[j]];
		struct tui_row *r = tui_table_row(&tab);
		if (!r)
			break;
		snprintf(r->cell[0], sizeof r->cell[0], "%llu", tui_member_size(m, top[j]));
		tui_member_label(x, r->cell[1], sizeof r->cell[1]);
		r->role[1] = ROLE_CODE;
		snprintf(r->cell[2], sizeof r->cell[2], "%s", x->symbol);
	}
	tui_add_table(&p->body, &tab, width);

	snprintf(buf, sizeof buf, "All %zu, each under the member that needed it", m->n_members);
	tui_add_heading(&p->body, buf, "The first ones were needed by the program's own objects, "
			"or by the start-up files gcc adds to every link (crt1.o and the like); an "
			"archive is named where it changes.", width);

	/* Children in the map's order, found once: a naive scan per member is quadratic. */
	size_t nm = m->n_members;
	long *first = malloc(nm * sizeof *first), *last = malloc(nm * sizeof *last);
	long *next = malloc(nm * sizeof *next), *stack = malloc(nm * sizeof *stack);
	int *depth = malloc(nm * sizeof *depth);
	char *done = calloc(nm, 1);
	if (!first || !last || !next || !stack || !depth || !done) {
		panes_add_text(&p->body, ROLE_ERROR, "out of memory", (size_t)-1, width, 2);
		goto out;
	}
	for (size_t i = 0; i < nm; i++)
		first[i] = last[i] = next[i] = -1;
	for (size_t i = 0; i < nm; i++) {
		long par = m->members[i].parent;
		if (par < 0 || (size_t)par >= nm || (size_t)par == i)
			continue;
		if (last[par] < 0)
			first[par] = (long)i;
		else
			next[last[par]] = (long)i;
		last[par] = (long)i;
	}
	struct sty_line *l = sty_newline(&p->body);
	if (l) {
		l->indent = 0;
		sty_add(l, ROLE_DIM, "   bytes  member, and the symbol it was taken for",
			(size_t)-1);
	}
	/* Depth first from each root; a member reached once is never drawn again, so even a
	 * map whose parents loop ends. Members left over (in a loop) are drawn as roots. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t root = 0; root < nm; root++) {
			long par = m->members[root].parent;
			int is_root = par < 0 || (size_t)par >= nm || (size_t)par == root;
			if (done[root] || (pass == 0 && !is_root))
				continue;
			size_t sp = 0;
			stack[sp++] = (long)root;
			depth[root] = 0;
			while (sp > 0) {
				long i = stack[--sp];
				if (done[i])
					continue;
				done[i] = 1;
				const struct linkmap_member *x = &m->members[i];
				char size[32], label[256], by[400], pad[48], who[300];
				int dcols = depth[i] * 2 > 40 ? 40 : depth[i] * 2;
				snprintf(size, sizeof size, "%8llu  ", tui_member_size(m, (size_t)i));
				snprintf(pad, sizeof pad, "%*s", dcols, "");
				long pi = x->parent;
				int top_level = depth[i] == 0;
				if (top_level || !*x->archive ||
				    strcmp(m->members[pi].archive, x->archive) != 0)
					tui_member_label(x, label, sizeof label);
				else
					snprintf(label, sizeof label, "%s", x->member);
				by[0] = '\0';
				if (top_level && *x->by)
					snprintf(by, sizeof by, ", needed by %s",
						 walk_input_name(t->w, x->by, who, sizeof who));
				struct tui_span sps[] = {
					{ ROLE_TEXT, size }, { ROLE_TEXT, pad }, { ROLE_CODE, label },
					{ ROLE_DIM, " for " }, { ROLE_TEXT, x->symbol }, { ROLE_DIM, by },
				};
				tui_add_spans(&p->body, sps, sizeof sps / sizeof sps[0], 0, width,
					      10 + dcols + 4);
				/* children pushed last first, so they come off in the map's order */
				size_t from = sp;
				for (long c = first[i]; c >= 0; c = next[c]) {
					if (done[c])
						continue;
					depth[c] = depth[i] + 1;
					stack[sp++] = c;
				}
				for (size_t a = from, b = sp; b > a + 1; a++, b--) {
					long tmp = stack[a];
					stack[a] = stack[b - 1];
					stack[b - 1] = tmp;
				}
			}
		}
	}
out:
	free(first);
	free(last);
	free(next);
	free(stack);
	free(depth);
	free(done);
}

/* Add tool output with a tab that opens a line shown as two blanks: ldd indents each line
 * with one, which would take a fifth of a narrow column. */
static void tui_add_output(struct sty_doc *d, enum sty_role role, const char *text, size_t len,
			   int width)
{
	char *copy = malloc(2 * len + 1);
	size_t n = 0;
	if (!copy) {
		panes_add_text(d, role, text, len, width, 4);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\t' && (i == 0 || text[i - 1] == '\n')) {
			copy[n++] = ' ';
			copy[n++] = ' ';
		} else {
			copy[n++] = text[i];
		}
	}
	panes_add_text(d, role, copy, n, width, 4);
	free(copy);
}

/* Output of a finished run: stdout as text, stderr as a warning, and how it ended. */
static void tui_add_run(struct sty_doc *d, const struct proc_result *r, int width, int show_ok)
{
	tui_add_command(d, r->argv, width);
	tui_add_output(d, ROLE_TEXT, r->out, r->out_len, width);
	if (r->out_truncated)
		panes_add_text(d, ROLE_DIM, "(output cut here)", (size_t)-1, width, 2);
	tui_add_output(d, ROLE_WARN, r->err, r->err_len, width);
	if (!proc_ok(r) || show_ok) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s %s", panes_utf8 ? "→" : "->", proc_describe(r));
		panes_add_text(d, proc_ok(r) ? ROLE_OK : ROLE_ERROR, msg, (size_t)-1, width, 2);
	}
}

/* How many times the dynamic program's size variant k is, "47x" or "1.2x"; "" while either
 * size is unknown. The sizes are the files the links made, as stat(2) saw them. */
static const char *tui_ratio(const struct walk *w, int k, char *buf, size_t len)
{
	const struct stage_run *dyn = &w->variant[LINK_DYNAMIC].link;
	const struct stage_run *r = &w->variant[k].link;
	buf[0] = '\0';
	if (walk_state(dyn) != RUN_OK || walk_state(r) != RUN_OK || dyn->artifact_size <= 0 ||
	    r->artifact_size < 0)
		return buf;
	double x = (double)r->artifact_size / (double)dyn->artifact_size;
	snprintf(buf, len, x >= 10 ? "%.0fx" : "%.1fx", x);
	return buf;
}

/* One link variant as a column: the command, the file it made, and what it does. */
static void tui_link_column(struct tui *t, int k, struct sty_doc *d, int width)
{
	const struct link_variant *v = &t->w->variant[k];
	enum run_state st = walk_state(&v->link);
	char buf[512];

	panes_add_text(d, ROLE_HEADING, walk_link_title((enum link_kind)k), (size_t)-1, width, 2);
	if (!tui_finished(st)) {
		if (st == RUN_RUNNING)
			snprintf(buf, sizeof buf, "%s linking ...", tui_spinner(t));
		else
			snprintf(buf, sizeof buf, "waiting to link");
		panes_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		tui_add_skipped(d, &v->link, width);
		return;
	}
	tui_add_command(d, v->link.proc.argv, width);
	if (st == RUN_FAILED) {
		snprintf(buf, sizeof buf, "%s failed: %s", tui_link_step(&v->link.proc),
			 proc_describe(&v->link.proc));
		panes_add_text(d, ROLE_ERROR, buf, (size_t)-1, width, 2);
		panes_add_text(d, ROLE_ERROR, v->link.proc.err, v->link.proc.err_len, width, 2);
		return;
	}
	panes_add_text(d, ROLE_WARN, v->link.proc.err, v->link.proc.err_len, width, 2);
	char size[128], ratio[32];
	tui_format_size(v->link.artifact_size, size, sizeof size);
	if (k != LINK_DYNAMIC && *tui_ratio(t->w, k, ratio, sizeof ratio)) {
		size_t have = strlen(size);
		snprintf(size + have, sizeof size - have, ", %s the dynamic", ratio);
	}
	struct tui_field f[4] = { { "size:", size } };
	/* ELF facts, ldd and the run are written after the link state is published; they may
	 * be read once the variant says all of them are in. */
	if (!walk_variant_finished(v)) {
		tui_add_fields(d, f, 1, width);
		snprintf(buf, sizeof buf, "%s running ldd and the program ...", tui_spinner(t));
		panes_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (!v->elf_ok) {
		tui_add_fields(d, f, 1, width);
		panes_add_text(d, ROLE_WARN, v->elf.error, (size_t)-1, width, 2);
	} else {
		buf[0] = '\0';
		for (size_t i = 0; i < v->elf.n_needed; i++) {
			size_t have = strlen(buf);
			snprintf(buf + have, sizeof buf - have, "%s%s", i ? " " : "",
				 v->elf.needed[i]);
		}
		f[1] = (struct tui_field){ "ELF:", elfinfo_kind_label(&v->elf) };
		f[2] = (struct tui_field){ "interpreter:", v->elf.interp ? v->elf.interp : "none" };
		f[3] = (struct tui_field){ "NEEDED:", buf[0] ? buf : "none" };
		tui_add_fields(d, f, 4, width);
	}
	tui_link_resolved(t, k, d, width);
	tui_add_blank(d);
	tui_add_run(d, &v->ldd, width, 0);
	tui_add_blank(d);
	tui_add_run(d, &v->run, width, 1);
	/* the same program alone in an empty root: no loader, no libraries, no /etc */
	tui_add_blank(d);
	panes_add_text(d, ROLE_DIM, "alone in an empty root directory:", (size_t)-1, width, 2);
	if (v->empty_root_ran)
		tui_add_run(d, &v->empty_root, width, 1);
	else
		panes_add_text(d, ROLE_WARN, v->empty_root_note ? v->empty_root_note : "not tried",
			       (size_t)-1, width, 2);
}

enum tui_link_col { TUI_LC_NAME, TUI_LC_SIZE, TUI_LC_RATIO, TUI_LC_MEMBERS, TUI_LC_ELF,
		    TUI_LC_INTERP, TUI_LC_RUN, TUI_LC_ROOT, TUI_LC_COUNT };

/* A row of the link table: its cells, or a sentence when there is nothing to compare yet. */
struct tui_link_row {
	char cell[TUI_LC_COUNT][96];
	enum sty_role role[TUI_LC_COUNT];
	char note[512];
	enum sty_role note_role;
};

static void tui_link_row(struct tui *t, int k, struct tui_link_row *r)
{
	const struct link_variant *v = &t->w->variant[k];
	enum run_state st = walk_state(&v->link);

	memset(r, 0, sizeof *r);
	snprintf(r->cell[TUI_LC_NAME], sizeof r->cell[0], "%s", walk_link_name((enum link_kind)k));
	r->role[TUI_LC_NAME] = ROLE_STRONG;
	if (!tui_finished(st)) {
		snprintf(r->note, sizeof r->note, "%s",
			 st == RUN_RUNNING ? "linking ..." : "waiting to link");
		r->note_role = ROLE_DIM;
		return;
	}
	if (st == RUN_SKIPPED) {
		snprintf(r->note, sizeof r->note, "not run: %s",
			 v->link.skip_reason ? v->link.skip_reason : "not reached");
		r->note_role = ROLE_WARN;
		return;
	}
	if (st == RUN_FAILED) {
		snprintf(r->note, sizeof r->note, "%s failed: %s", tui_link_step(&v->link.proc),
			 proc_describe(&v->link.proc));
		r->note_role = ROLE_ERROR;
		return;
	}
	snprintf(r->cell[TUI_LC_SIZE], sizeof r->cell[0], "%lld", v->link.artifact_size);
	tui_ratio(t->w, k, r->cell[TUI_LC_RATIO], sizeof r->cell[0]);
	r->role[TUI_LC_RATIO] = ROLE_STRONG;
	if (!walk_variant_finished(v)) {
		snprintf(r->cell[TUI_LC_RUN], sizeof r->cell[0], "%s running", tui_spinner(t));
		r->role[TUI_LC_RUN] = ROLE_DIM;
		return;
	}
	/* the archive members ld took, as the link map lists them; a dynamic link writes no map */
	if (v->map_ok) {
		snprintf(r->cell[TUI_LC_MEMBERS], sizeof r->cell[0], "%zu", v->map.n_members);
	} else {
		snprintf(r->cell[TUI_LC_MEMBERS], sizeof r->cell[0], "%s", t->utf8 ? "—" : "-");
		r->role[TUI_LC_MEMBERS] = ROLE_DIM;
	}
	if (v->elf_ok) {
		snprintf(r->cell[TUI_LC_ELF], sizeof r->cell[0], "%s", elfinfo_kind_label(&v->elf));
		snprintf(r->cell[TUI_LC_INTERP], sizeof r->cell[0], "%s",
			 v->elf.interp ? "yes" : "no");
	}
	snprintf(r->cell[TUI_LC_RUN], sizeof r->cell[0], "%s", proc_describe(&v->run));
	r->role[TUI_LC_RUN] = proc_ok(&v->run) ? ROLE_OK : ROLE_ERROR;
	snprintf(r->cell[TUI_LC_ROOT], sizeof r->cell[0], "%s",
		 v->empty_root_ran ? proc_describe(&v->empty_root) : "not tried");
	r->role[TUI_LC_ROOT] = !v->empty_root_ran ? ROLE_DIM
			       : proc_ok(&v->empty_root) ? ROLE_OK : ROLE_ERROR;
}

/* The link variants at a glance, one row each: size, times the dynamic one, the archive
 * members it took, ELF type, whether it names an interpreter, how its run ended, at home and
 * in an empty root. Columns
 * that do not fit are left out,
 * the ones the details below show best first. */
static void tui_link_table(struct tui *t, struct sty_doc *d, int width)
{
	const char *head[TUI_LC_COUNT] = { "linked", "bytes", t->utf8 ? "× dynamic" : "x dynamic",
					   "members", "ELF type", "interpreter", "run",
					   "in an empty root" };
	static const int right[TUI_LC_COUNT] = { 0, 1, 1, 1, 0, 0, 0, 0 };
	static const int drop[] = { TUI_LC_ROOT, TUI_LC_MEMBERS, TUI_LC_ELF, TUI_LC_INTERP,
				    TUI_LC_RATIO };
	struct tui_link_row rows[LINK_COUNT];
	int cw[TUI_LC_COUNT], show[TUI_LC_COUNT], total = 0;

	for (int c = 0; c < TUI_LC_COUNT; c++) {
		cw[c] = panes_width(head[c], strlen(head[c]));
		show[c] = 1;
	}
	for (int k = 0; k < LINK_COUNT; k++) {
		tui_link_row(t, k, &rows[k]);
		for (int c = 0; c < TUI_LC_COUNT; c++) {
			if (rows[k].note[0] && c != TUI_LC_NAME)
				continue;
			int w = panes_width(rows[k].cell[c], strlen(rows[k].cell[c]));
			cw[c] = w > cw[c] ? w : cw[c];
		}
	}
	for (size_t i = 0;; i++) {
		total = -2;
		for (int c = 0; c < TUI_LC_COUNT; c++)
			total += show[c] ? cw[c] + 2 : 0;
		if (total <= width || i == sizeof drop / sizeof drop[0])
			break;
		show[drop[i]] = 0;
	}
	struct sty_line *l = sty_newline(d);
	for (int c = 0; c < TUI_LC_COUNT; c++)
		if (show[c])
			tui_add_cell(l, ROLE_DIM, head[c], cw[c], right[c],
				     c + 1 < TUI_LC_COUNT ? 2 : 0);
	for (int k = 0; k < LINK_COUNT; k++) {
		struct tui_link_row *r = &rows[k];
		l = sty_newline(d);
		tui_add_cell(l, r->role[TUI_LC_NAME], r->cell[TUI_LC_NAME], cw[TUI_LC_NAME], 0, 2);
		if (r->note[0]) {
			/* A sentence wraps under itself, clear of the names. */
			int at = cw[TUI_LC_NAME] + 2;
			struct sty_doc note = { 0 };
			panes_add_text(&note, r->note_role, r->note, (size_t)-1, width - at, 2);
			for (size_t i = 0; i < note.n; i++) {
				if (i > 0) {
					l = sty_newline(d);
					l->indent = at + note.lines[i].indent;
				}
				for (size_t j = 0; j < note.lines[i].n; j++)
					sty_add(l, note.lines[i].spans[j].role,
						note.lines[i].spans[j].text, (size_t)-1);
			}
			sty_doc_free(&note);
			continue;
		}
		for (int c = 1; c < TUI_LC_COUNT; c++)
			if (show[c])
				tui_add_cell(l, r->role[c], r->cell[c], cw[c], right[c],
					     c + 1 < TUI_LC_COUNT ? 2 : 0);
	}
}

/* What the linkers said, explained (stages/linkmsg.h): each message once, with the links
 * that printed it, where in the source it comes from, the fix and the lesson. */
static void tui_add_linkmsgs(struct tui *t, struct sty_doc *d, int width)
{
	const struct walk *w = t->w;
	struct linkmsg m[LINK_COUNT];
	int parsed[LINK_COUNT] = { 0 }, any = 0;
	const struct cfacts *cf = walk_state(&w->clang) == RUN_OK ? &w->cf : NULL;
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct stage_run *r = &w->variant[k].link;
		if (!tui_finished(walk_state(r)) || !r->proc.err_len)
			continue;
		parsed[k] = linkmsg_parse(&m[k], r->proc.err, r->proc.err_len, cf) == 0;
		any |= parsed[k] && m[k].n > 0;
	}
	if (any) {
		tui_add_blank(d);
		panes_add_text(d, ROLE_HEADING, "What the link commands said, explained", (size_t)-1,
			       width, 2);
	}
	for (int k = 0; k < LINK_COUNT; k++)
		for (size_t i = 0; parsed[k] && i < m[k].n; i++) {
			const struct linkmsg_item *x = &m[k].items[i];
			int seen = 0;
			/* the same message from an earlier link was shown with it */
			for (int j = 0; j < k && !seen; j++)
				for (size_t q = 0; parsed[j] && q < m[j].n && !seen; q++)
					seen = m[j].items[q].kind == x->kind &&
					       !!m[j].items[q].symbol == !!x->symbol &&
					       (!x->symbol || !strcmp(m[j].items[q].symbol, x->symbol));
			if (seen)
				continue;
			char links[128] = "", at[256] = "", head[512];
			for (int j = k; j < LINK_COUNT; j++) {
				int has = j == k;
				for (size_t q = 0; j > k && parsed[j] && q < m[j].n && !has; q++)
					has = m[j].items[q].kind == x->kind &&
					      !!m[j].items[q].symbol == !!x->symbol &&
					      (!x->symbol || !strcmp(m[j].items[q].symbol, x->symbol));
				if (has) {
					size_t n = strlen(links);
					snprintf(links + n, sizeof links - n, "%s%s", n ? ", " : "",
						 walk_link_name((enum link_kind)j));
				}
			}
			for (size_t q = 0; q < x->n_where && q < 3; q++) {
				size_t n = strlen(at);
				snprintf(at + n, sizeof at - n, "%s%u", q ? ", " : " at line ",
					 x->where[q].line);
			}
			snprintf(head, sizeof head, "%s%s%s%s%s, in the %s link%s:",
				 linkmsg_kind_label(x->kind), x->symbol ? ": " : "",
				 x->symbol ? x->symbol : "", at[0] ? "," : "", at, links,
				 strchr(links, ',') ? "s" : "");
			tui_add_blank(d);
			panes_add_text(d, x->kind == LINKMSG_OTHER_WARNING ||
				       x->kind == LINKMSG_STATIC_NSS ? ROLE_WARN : ROLE_ERROR,
				       head, (size_t)-1, width, 2);
			if (x->explain)
				panes_add_text(d, ROLE_TEXT, x->explain, (size_t)-1, width, 2);
			if (x->fix) {
				char fix[600];
				snprintf(fix, sizeof fix, "Fix: %s", x->fix);
				panes_add_text(d, ROLE_COMMAND, fix, (size_t)-1, width, 2);
			}
			const struct catalog_entry *e = x->lesson ? catalog_find(x->lesson) : NULL;
			if (e) {
				char see[200];
				snprintf(see, sizeof see, "Lesson: lesson --%s %s",
					 e->kind == CATALOG_STAGE ? "stage" : "topic", e->name);
				panes_add_text(d, ROLE_DIM, see, (size_t)-1, width, 2);
			}
		}
	for (int k = 0; k < LINK_COUNT; k++)
		if (parsed[k])
			linkmsg_free(&m[k]);
}

/* With several sources: the others as libX.a and libX.so, and the program linked against
 * each, one after the other: the commands, what each program holds and needs, what ldd and
 * the loader said, and how it ran. */
static void tui_build_library(struct tui *t, struct panes_pane *p, int width)
{
	const struct walk *w = t->w;
	const struct libbuild *lb = &w->lib;
	enum run_state st = walk_state(&w->lib_run);
	char buf[4096];

	snprintf(p->title, sizeof p->title, "%s: the other sources as a library",
		 tui_stage_what[STAGE_LINK]);
	snprintf(p->brief, sizeof p->brief, "library");
	tui_add_views(t, &p->head, width);
	if (!tui_finished(st)) {
		snprintf(buf, sizeof buf, "%s %s", st == RUN_RUNNING ? tui_spinner(t) : "",
			 st == RUN_RUNNING ? "building the library and linking against it ..." :
			 "waiting for the objects");
		panes_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		tui_add_skipped(&p->body, &w->lib_run, width);
		return;
	}
	panes_add_text(&p->body, ROLE_DIM, "The program's other sources, compiled as "
		       "position-independent code (-fPIC) and made into a static archive and a "
		       "shared library; the program linked against each:", (size_t)-1, width, 2);
	const struct proc_result *steps[64];
	long long sizes[64];
	size_t n = 0;
	for (size_t i = 0; i < lb->n_objs && n < 62; i++, n++) {
		steps[n] = &lb->objs[i].cc;
		sizes[n] = -1;
	}
	steps[n] = &lb->ar;
	sizes[n++] = lb->archive_size;
	steps[n] = &lb->so;
	sizes[n++] = lb->shared_size;
	for (size_t i = 0; i < n; i++) {
		if (!steps[i]->argv)
			continue;
		tui_add_command(&p->body, steps[i]->argv, width);
		char res[128];
		snprintf(res, sizeof res, "  %s", proc_describe(steps[i]));
		if (sizes[i] >= 0)
			snprintf(res + strlen(res), sizeof res - strlen(res), ", %lld bytes",
				 sizes[i]);
		panes_add_text(&p->body, proc_ok(steps[i]) ? ROLE_OK : ROLE_ERROR, res,
			       (size_t)-1, width, 4);
		if (steps[i]->err_len)
			panes_add_text(&p->body, ROLE_WARN, steps[i]->err, steps[i]->err_len, width,
				       2);
	}
	if (st == RUN_FAILED && lb->error[0])
		panes_add_text(&p->body, ROLE_ERROR, lb->error, (size_t)-1, width, 2);
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		const struct libbuild_prog *pr = &lb->prog[k];
		if (!pr->link.argv)
			continue;
		tui_add_blank(&p->body);
		snprintf(buf, sizeof buf, "%s%s%s", pr->name ? pr->name : "",
			 pr->linked ? ", " : "", "");
		if (pr->linked)
			tui_format_size(pr->size, buf + strlen(buf), sizeof buf - strlen(buf));
		struct sty_line *l = sty_newline(&p->body);
		sty_add(l, ROLE_HEADING, buf, (size_t)-1);
		l->item = 1;
		tui_add_command(&p->body, pr->link.argv, width);
		if (pr->link.err_len)
			panes_add_text(&p->body, pr->linked ? ROLE_WARN : ROLE_ERROR, pr->link.err,
				       pr->link.err_len, width, 2);
		libbuild_explain(lb, (enum libbuild_kind)k, buf, sizeof buf);
		for (char *line = buf, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			panes_add_text(&p->body, ROLE_TEXT, line, (size_t)-1, width, 2);
			if (!nl)
				break;
		}
		for (size_t i = 0; pr->linked && i < pr->n_load; i++) {
			const struct libbuild_load *ld = &pr->load[i];
			if (!ld->ldd.argv)
				continue;
			char what[PATH_MAX + 64];
			snprintf(what, sizeof what, "$ %s%s%s", ld->ld_library_path ?
				 "LD_LIBRARY_PATH=" : "", ld->ld_library_path ? ld->ld_library_path :
				 "", ld->ld_library_path ? " " : "");
			char *cmd = proc_argv_string(ld->ldd.argv);
			snprintf(what + strlen(what), sizeof what - strlen(what), "%s",
				 cmd ? cmd : "ldd");
			free(cmd);
			panes_add_text(&p->body, ROLE_COMMAND, what, (size_t)-1, width, 4);
			panes_add_text(&p->body, ROLE_CODE, ld->ldd.out, ld->ldd.out_len, width, 4);
			panes_add_text(&p->body, ROLE_CODE, ld->ldd.err, ld->ldd.err_len, width, 4);
		}
	}
}

/* The link stage: a table of the variants, then each in detail, side by side when four
 * columns fit, else two by two, else one below the other. */
static void tui_build_link(struct tui *t, struct panes_pane *p, int width)
{
	const char *sep = t->utf8 ? " │ " : " | ";
	int sepw = 3, finished = 0;
	struct sty_doc col[LINK_COUNT];
	char names[128] = "";

	for (int k = 0; k < LINK_COUNT; k++) {
		size_t have = strlen(names);
		snprintf(names + have, sizeof names - have, "%s%s", k ? ", " : "",
			 walk_link_name((enum link_kind)k));
		finished += walk_variant_finished(&t->w->variant[k]);
	}
	snprintf(p->title, sizeof p->title, "%s: %s, %d ways (%s)", tui_stage_what[STAGE_LINK],
		 t->w->base, LINK_COUNT, names);
	snprintf(p->brief, sizeof p->brief, "%s, %d ways", t->w->base, LINK_COUNT);
	if (finished < LINK_COUNT)
		snprintf(p->info, sizeof p->info, "%d of %d done", finished, LINK_COUNT);

	tui_add_views(t, &p->head, width);
	tui_link_table(t, &p->body, width);
	/* when a link fails or warns, why comes first, before the columns */
	tui_add_linkmsgs(t, &p->body, width);
	tui_add_blank(&p->body);

	int ncols = (width - 3 * sepw) / 4 >= TUI_LINK_COL_MIN ? 4 :
		    (width - sepw) / 2 >= TUI_LINK_COL_MIN ? 2 : 1;
	int colw = (width - (ncols - 1) * sepw) / ncols;
	memset(col, 0, sizeof col);
	for (int k = 0; k < LINK_COUNT; k += ncols) {
		if (k > 0)
			tui_add_blank(&p->body);
		if (ncols == 1) {
			tui_link_column(t, k, &p->body, width);
			continue;
		}
		int n = LINK_COUNT - k < ncols ? LINK_COUNT - k : ncols;
		for (int j = 0; j < n; j++)
			tui_link_column(t, k + j, &col[j], colw);
		panes_columns(&p->body, col, (size_t)n, colw, sep);
		for (int j = 0; j < n; j++)
			sty_doc_free(&col[j]);
		memset(col, 0, sizeof col);
	}
}

/* --- the facts views of Preprocess and Compile (o switches to them) ------------------------- */

/* A line of spans: (role, text) pairs until a NULL text. */
static void tui_add_spans_line(struct sty_doc *d, int indent, ...)
{
	struct sty_line *l = sty_newline(d);
	va_list ap;
	l->indent = indent;
	va_start(ap, indent);
	for (;;) {
		int role = va_arg(ap, int);
		const char *text = va_arg(ap, const char *);
		if (!text)
			break;
		sty_add(l, (enum sty_role)role, text, (size_t)-1);
	}
	va_end(ap);
}

/* What clang's facts say when they are not in: still parsing, or why they are missing. */
static int tui_clang_missing(struct tui *t, struct panes_pane *p, int width)
{
	enum run_state st = walk_state(&t->w->clang);
	if (st == RUN_OK)
		return 0;
	char msg[600];
	if (!tui_finished(st))
		snprintf(msg, sizeof msg, "%s libclang is reading the source...", tui_spinner(t));
	else
		snprintf(msg, sizeof msg, "libclang's facts are missing: %s",
			 t->w->clang.skip_reason ? t->w->clang.skip_reason : "no parse");
	panes_add_text(&p->body, tui_finished(st) ? ROLE_WARN : ROLE_DIM, msg, (size_t)-1, width, 2);
	return 1;
}

/* The include tree from the .i's linemarkers, as gcc -H would print it, with line counts. */
static void tui_build_includes(struct tui *t, struct panes_pane *p, int width)
{
	snprintf(p->title, sizeof p->title, "Include tree: %s.i", t->w->base);
	if (!t->w->pp_ok) {
		panes_add_text(&p->body, ROLE_DIM, tui_finished(walk_state(&t->w->stage[0])) ?
			       "No .i to read." : "waiting for gcc -E", (size_t)-1, width, 2);
		return;
	}
	const struct ppmap *pp = &t->w->pp;
	size_t text = pp->n_lines - pp->n_markers, own = pp->nodes[0].own_lines, n = 0, files = 0;
	/* inclusions (the tree's rows, gcc -H's lines) and the distinct files among them: a
	 * header without a guard, such as bits/wordsize.h, is entered several times */
	for (size_t i = 1; i < pp->n_nodes; i++) {
		if (pp->nodes[i].cmdline)
			continue;
		n++;
		size_t j = 1;
		while (j < i && (pp->nodes[j].cmdline || pp->nodes[j].file != pp->nodes[i].file))
			j++;
		files += j == i;
	}
	char msg[500], times[80] = "";
	if (files != n)
		snprintf(times, sizeof times, ", entered %zu times in all", n);
	snprintf(msg, sizeof msg, "From gcc's linemarkers: %s pulls in %zu headers%s. Of the .i's "
		 "%zu lines, %zu are linemarkers, %zu are %s's own, %zu come from headers.",
		 tui_basename(t->w->src_path), files, times, pp->n_lines, pp->n_markers, own,
		 tui_basename(t->w->src_path), text - own - pp->prelude_lines);
	panes_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *x = &pp->nodes[i];
		const struct ppmap_node *up = x->parent >= 0 ? &pp->nodes[x->parent] : NULL;
		char from[200], count[120];
		if (x->cmdline)
			snprintf(from, sizeof from, "  (read first, from gcc's command line)");
		else
			snprintf(from, sizeof from, "  from %s:%ld",
				 up ? tui_basename(ppmap_file_name(pp, up->file)) : "?", x->from_line);
		if (x->total_lines != x->own_lines)
			snprintf(count, sizeof count, "  %zu line%s, %zu with what it includes",
				 x->own_lines, x->own_lines == 1 ? "" : "s", x->total_lines);
		else
			snprintf(count, sizeof count, "  %zu line%s", x->own_lines,
				 x->own_lines == 1 ? "" : "s");
		tui_add_spans_line(&p->body, 2 * (x->depth - 1), ROLE_CODE,
				   ppmap_file_name(pp, x->file), ROLE_DIM, from,
				   x->total_lines ? ROLE_TEXT : ROLE_DIM, count, 0, (const char *)NULL);
		/* an idea of the demo: a header the source itself includes, with all it brings */
		p->body.lines[p->body.n - 1].item = x->parent == 0;
	}
	snprintf(p->info, sizeof p->info, "%zu headers", files);
}

/* The macros the source defines, and each use with the text its line became. */
static void tui_build_macros(struct tui *t, struct panes_pane *p, int width)
{
	snprintf(p->title, sizeof p->title, "Macros: %s", tui_basename(t->w->src_path));
	if (tui_clang_missing(t, p, width))
		return;
	const struct cfacts *cf = &t->w->cf;
	char msg[300];
	snprintf(msg, sizeof msg, "From libclang: %zu #define%s in the source, %zu use%s of "
		 "macros; each use with the line it became in the .i.", cf->n_defs,
		 cf->n_defs == 1 ? "" : "s", cf->n_exps, cf->n_exps == 1 ? "" : "s");
	panes_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
	for (size_t i = 0; i < cf->n_defs; i++) {
		char where[64];
		snprintf(where, sizeof where, "  line %u, %s", cf->defs[i].line,
			 cf->defs[i].function_like ? "function-like" : "object-like");
		tui_add_spans_line(&p->body, 0, ROLE_STRONG, "#define ", ROLE_CODE, cf->defs[i].name,
				   ROLE_DIM, where, 0, (const char *)NULL);
		p->body.lines[p->body.n - 1].item = 1;
	}
	if (cf->n_defs && cf->n_exps)
		tui_add_blank(&p->body);
	for (size_t i = 0; i < cf->n_exps; i++) {
		const struct cfacts_macro_exp *x = &cf->exps[i];
		char head[64], def[300];
		snprintf(head, sizeof head, "line %u  ", x->line);
		switch (x->origin) {
		case CFACTS_MACRO_MAIN:
			snprintf(def, sizeof def, "  defined at line %u", x->def_line);
			break;
		case CFACTS_MACRO_HEADER:
			snprintf(def, sizeof def, "  defined in %s:%u", tui_basename(x->def_file),
				 x->def_line);
			break;
		case CFACTS_MACRO_PREDEFINED:
			snprintf(def, sizeof def, "  predefined by the compiler");
			break;
		default:
			snprintf(def, sizeof def, "  computed by the preprocessor");
		}
		tui_add_spans_line(&p->body, 0, ROLE_DIM, head, ROLE_CODE, x->name, ROLE_DIM, def, 0,
				   (const char *)NULL);
		p->body.lines[p->body.n - 1].item = 1;
		char became[600];
		if (x->directive)
			snprintf(became, sizeof became, "(in a directive: nothing of it reaches the .i)");
		else if (!t->w->pp_ok || ppmap_main_count(&t->w->pp, x->line) == 0)
			snprintf(became, sizeof became, "(the line made no line of the .i)");
		else
			ppmap_main_text(&t->w->pp, x->line, became, sizeof became);
		char *arrow = NULL;
		if (asprintf(&arrow, "%s %s", t->utf8 ? "→" : "->", became) >= 0)
			panes_add_text(&p->body, x->directive ? ROLE_DIM : ROLE_CODEBLOCK, arrow,
				       (size_t)-1, width - 4, 2);
		if (p->body.n)
			p->body.lines[p->body.n - 1].indent += 0;
		free(arrow);
	}
	snprintf(p->info, sizeof p->info, "%zu uses", cf->n_exps);
}

/* Each function and call of the source, and what gcc made of it; then libclang's
 * diagnostics. */
static void tui_build_functions(struct tui *t, struct panes_pane *p, int width)
{
	snprintf(p->title, sizeof p->title, "Functions and calls: %s", tui_basename(t->w->src_path));
	if (tui_clang_missing(t, p, width))
		return;
	const struct cfacts *cf = &t->w->cf;
	if (walk_fates_ready(t->w)) {
		const struct fates *ft = &t->w->fates;
		char msg[300];
		snprintf(msg, sizeof msg, "libclang's view of the source beside the .s of gcc -S -g%s%s: "
			 "%zu call%s rewritten, %zu inlined.", t->w->opts.opt_level ? " " : "",
			 t->w->opts.opt_level ? t->w->opts.opt_level : "", ft->n_rewritten,
			 ft->n_rewritten == 1 ? "" : "s", ft->n_inlined);
		panes_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
		for (size_t i = 0; i < ft->n_funcs; i++) {
			const struct fates_func *x = &ft->funcs[i];
			char what[200];
			snprintf(what, sizeof what, "  line %u, %s linkage%s: %s%s%s", x->cf->line,
				 cfacts_linkage_name(x->cf->linkage), x->cf->inlined ? ", inline" : "",
				 fates_func_name(x->kind), x->section ? " in " : "",
				 x->section ? x->section : "");
			tui_add_spans_line(&p->body, 0, ROLE_CODE, x->cf->name, x->kind == FATES_GONE ||
					   x->kind == FATES_INLINE_ONLY ? ROLE_WARN : ROLE_TEXT, what, 0,
					   (const char *)NULL);
			p->body.lines[p->body.n - 1].item = 1;
			panes_add_text(&p->body, ROLE_DIM, x->why, (size_t)-1, width - 2, 2);
		}
		if (ft->n_calls)
			tui_add_blank(&p->body);
		for (size_t i = 0; i < ft->n_calls; i++) {
			const struct fates_call *x = &ft->calls[i];
			char head[64], what[200];
			snprintf(head, sizeof head, "line %u  ", x->cf->line);
			snprintf(what, sizeof what, " in %s: %s%s%s", x->cf->caller ? x->cf->caller : "?",
				 fates_call_name(x->kind), x->now ? " to " : "", x->now ? x->now : "");
			tui_add_spans_line(&p->body, 0, ROLE_DIM, head, ROLE_CODE,
					   x->cf->callee ? x->cf->callee : "(pointer)",
					   x->kind == FATES_CALL_KEPT ? ROLE_TEXT : ROLE_WARN, what, 0,
					   (const char *)NULL);
			p->body.lines[p->body.n - 1].item = 1;
			if (x->kind != FATES_CALL_KEPT)
				panes_add_text(&p->body, ROLE_DIM, x->why, (size_t)-1, width - 2, 2);
		}
	} else if (!walk_is_done(t->w)) {
		panes_add_text(&p->body, ROLE_DIM, "waiting for gcc -S -g", (size_t)-1, width, 2);
	} else {
		panes_add_text(&p->body, ROLE_DIM, "No .s to compare with: the compile stage did not "
			       "succeed.", (size_t)-1, width, 2);
	}
	if (cf->n_diags) {
		tui_add_blank(&p->body);
		panes_add_text(&p->body, ROLE_STRONG, "What libclang says about the source "
			       "(beside gcc's messages):", (size_t)-1, width, 0);
	}
	for (size_t i = 0; i < cf->n_diags; i++) {
		const struct cfacts_diag *d = &cf->diags[i];
		char *line = NULL;
		if (asprintf(&line, "%s:%u:%u: %s: %s", d->in_main ? tui_basename(t->w->src_path) :
			     tui_basename(d->file ? d->file : "?"), d->line, d->col,
			     cfacts_severity_name(d->severity), d->message ? d->message : "") < 0)
			continue;
		panes_add_text(&p->body, d->severity >= CFACTS_SEV_ERROR ? ROLE_ERROR :
			       d->severity == CFACTS_SEV_WARNING ? ROLE_WARN : ROLE_TEXT, line,
			       (size_t)-1, width, 2);
		free(line);
		for (size_t k = 0; k < d->n_fixits; k++) {
			const struct cfacts_fixit *fx = &d->fixits[k];
			if (asprintf(&line, "fix-it at %u:%u: %s%s%s", fx->line, fx->col,
				     *fx->text ? "write '" : "delete", fx->text, *fx->text ? "'" : "") < 0)
				continue;
			panes_add_text(&p->body, ROLE_OK, line, (size_t)-1, width - 2, 4);
			free(line);
		}
	}
}

/* --- the tied views: the source beside the .i and beside the .s ---------------------------- */

/* The gutter colour of source line `line`: neighbours differ, so each line's rows stand out. */
static int tui_band(long line)
{
	return line > 0 ? (int)((line - 1) % STY_BANDS) + 1 : 0;
}

/* 1 when the current view is a tied one (the .i or the .s, the stage's first view) and its
 * map is in. */
static int tui_tied(const struct tui *t)
{
	if (t->view[t->stage] != 0)
		return 0;
	if (t->stage == STAGE_PREPROCESS)
		return walk_state(&t->w->stage[STAGE_PREPROCESS]) == RUN_OK && t->w->pp_ok;
	if (t->stage == STAGE_COMPILE)
		return walk_state(&t->w->gline) == RUN_OK && t->w->asmm_ok &&
		       t->w->asmm.primary_file >= 0;
	return 0;
}

/* The source line an artifact line came from (0: none, or not the source's own). */
static long tui_origin(const struct tui *t, size_t line)
{
	if (t->stage == STAGE_PREPROCESS) {
		const struct ppmap *pp = &t->w->pp;
		if (line < 1 || line > pp->n_lines)
			return 0;
		const struct ppmap_line *l = &pp->lines[line - 1];
		return !l->is_marker && l->file == pp->main_file ? l->line : 0;
	}
	const struct asmmap *m = &t->w->asmm;
	if (line < 1 || line > m->n_lines)
		return 0;
	const struct asmmap_line *l = &m->lines[line];
	return l->file >= 0 && l->file == m->primary_file ? (long)l->src_line : 0;
}

/* The .i's header regions, found once per walk. */
static size_t tui_regions(const struct ppmap *pp, struct tui_region *out)
{
	size_t n = 0;
	for (size_t i = 0; i < pp->n_lines;) {
		const struct ppmap_line *l = &pp->lines[i];
		if (!l->is_marker && l->file == pp->main_file) {
			i++;
			continue;
		}
		size_t j = i, text = 0;
		while (j < pp->n_lines &&
		       (pp->lines[j].is_marker || pp->lines[j].file != pp->main_file)) {
			text += !pp->lines[j].is_marker;
			j++;
		}
		if (out)
			out[n] = (struct tui_region){ i + 1, j, text };
		n++;
		i = j;
	}
	return n;
}

/* The .i's header regions and which are unfolded, found once a walk: 0, or -1 when out of
 * memory. */
static int tui_folds(struct tui *t)
{
	if (t->wv.regs)
		return 0;
	size_t nr = tui_regions(&t->w->pp, NULL);
	free(t->wv.fold_open);
	t->wv.regs = calloc(nr + 1, sizeof *t->wv.regs);
	t->wv.fold_open = calloc(nr + 1, 1);
	if (!t->wv.regs || !t->wv.fold_open) {
		free(t->wv.regs);
		free(t->wv.fold_open);
		t->wv.regs = NULL;
		t->wv.fold_open = NULL;
		t->wv.n_folds = 0;
		return -1;
	}
	tui_regions(&t->w->pp, t->wv.regs);
	t->wv.n_folds = nr;
	return 0;
}

/* "stdio.h, stdlib.h and the 31 headers they include": the headers entered in a region. */
static void tui_region_label(const struct ppmap *pp, const struct tui_region *r, char *buf,
			     size_t len)
{
	size_t top = 0, inner = 0, o = 0;
	buf[0] = '\0';
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		if (n->first < r->first || n->first > r->last)
			continue;
		if (n->parent == 0) {
			const char *name = tui_basename(ppmap_file_name(pp, n->file));
			if (top < 3 && o < len)
				o += (size_t)snprintf(buf + o, len - o, "%s%s", top ? ", " : "", name);
			top++;
		} else {
			inner++;
		}
	}
	if (top > 3 && o < len)
		o += (size_t)snprintf(buf + o, len - o, " and %zu more", top - 3);
	if (inner && o < len)
		snprintf(buf + o, len - o, " (+%zu %s include%s)", inner,
			 top == 1 ? "it" : "they", top == 1 ? "s" : "");
	if (!top && !inner)
		snprintf(buf, len, "gcc's own start (<built-in>, <command-line>)");
}

static void tui_row_add(struct tui *t, size_t line, int fold)
{
	t->rows[t->n_rows++] = (struct tui_tiedrow){ line, fold };
}

/* The text of artifact line n, and its length. */
/* The tied view's text with a NUL after each line, made once a walk: line n at the same
 * offset as in the walk's text. NULL when out of memory. */
static const char *tui_ztext(struct tui *t)
{
	int k = t->stage == STAGE_PREPROCESS ? 0 : 1;
	if (t->wv.ztext[k])
		return t->wv.ztext[k];
	const char *text = k ? t->w->asmm.text : t->w->pp.text;
	size_t len = k ? t->w->asmm.text_len : t->w->pp.text_len;
	char *z = malloc(len + 1);
	if (!z)
		return NULL;
	memcpy(z, text, len);
	z[len] = '\0';
	size_t n = k ? t->w->asmm.n_lines : t->w->pp.n_lines;
	for (size_t i = 1; i <= n; i++) {
		size_t end = k ? t->w->asmm.lines[i].off + t->w->asmm.lines[i].len :
				 t->w->pp.lines[i - 1].off + t->w->pp.lines[i - 1].len;
		if (end <= len)
			z[end] = '\0';
	}
	t->wv.ztext[k] = z;
	return z;
}

static const char *tui_tied_text(const struct tui *t, size_t n, size_t *len)
{
	if (t->stage == STAGE_PREPROCESS) {
		const struct ppmap_line *l = &t->w->pp.lines[n - 1];
		*len = l->len;
		return t->w->pp.text + l->off;
	}
	const struct asmmap_line *l = &t->w->asmm.lines[n];
	*len = l->len;
	return t->w->asmm.text + l->off;
}

/* Whether a line holds only blanks. */
static int tui_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Room for n rows of the tied view; -1 when out of memory. */
static int tui_rows_room(struct tui *t, size_t n)
{
	if (n <= t->rows_cap)
		return 0;
	struct tui_tiedrow *grown = realloc(t->rows, n * sizeof *grown);
	if (!grown)
		return -1;
	t->rows = grown;
	t->rows_cap = n;
	return 0;
}

/* The rows of the tied view: the .i with its header regions folded (unless unfolded), or the
 * .s without the groups of directives asm_hide names. */
static void tui_tied_rows(struct tui *t)
{
	t->n_rows = 0;
	if (t->stage == STAGE_PREPROCESS) {
		const struct ppmap *pp = &t->w->pp;
		if (tui_folds(t) < 0 || tui_rows_room(t, pp->n_lines + t->wv.n_folds + 1) < 0)
			return;
		const struct tui_region *reg = t->wv.regs;
		size_t nr = t->wv.n_folds, k = 0;
		for (size_t i = 1; i <= pp->n_lines; i++) {
			while (k < nr && reg[k].last < i)
				k++;
			int in = k < nr && reg[k].first <= i;
			if (in && reg[k].text > 0 && !t->wv.fold_open[k]) {
				tui_row_add(t, reg[k].first, (int)k + 1);
				i = reg[k].last;
				continue;
			}
			tui_row_add(t, i, 0);
		}
		return;
	}
	const struct asmmap *m = &t->w->asmm;
	if (tui_rows_room(t, m->n_lines + 1) < 0)
		return;
	for (size_t i = 1; i <= m->n_lines; i++) {
		int k = m->lines[i].kind;
		if (t->asm_hide & (1u << k))
			continue;
		tui_row_add(t, i, 0);
	}
}

/* The source line the ties follow: the source cursor's, or the one the output cursor's row
 * came from. */
static long tui_tied_line(const struct tui *t)
{
	if (t->src_drives || t->out_cur >= t->n_rows)
		return t->src_cur;
	const struct tui_tiedrow *r = &t->rows[t->out_cur];
	return r->fold ? 0 : tui_origin(t, r->line);
}

/* The groups of directives a learner can show or hide in the .s view, with their keys in the
 * chooser (d): the same letters as the key table's. */
static const struct {
	int kind;
	const char *name;
	char key;
} tui_asm_groups[] = {
	{ ASMMAP_LOC, ".loc", 'l' },      { ASMMAP_CFI, ".cfi", 'c' },
	{ ASMMAP_DEBUG, "debug", 'g' },   { ASMMAP_SYMBOL, "symbols", 's' },
	{ ASMMAP_SECTION, "sections", 'e' }, { ASMMAP_DATA, "data", 'a' },
};
#define TUI_ASM_DEFAULT_HIDE ((1u << ASMMAP_LOC) | (1u << ASMMAP_CFI) | (1u << ASMMAP_DEBUG))

/* "Shown: the same with -g, whose .loc lines tie code to source lines; hidden: .loc, .cfi,
 * debug (d chooses, D all)". */
static void tui_add_asm_groups(const struct tui *t, struct sty_doc *d, int width)
{
	char line[400], hidden[200] = "";
	for (size_t i = 0; i < sizeof tui_asm_groups / sizeof tui_asm_groups[0]; i++)
		if (t->asm_hide & (1u << tui_asm_groups[i].kind)) {
			size_t n = strlen(hidden);
			snprintf(hidden + n, sizeof hidden - n, "%s%s", n ? ", " : "",
				 tui_asm_groups[i].name);
		}
	snprintf(line, sizeof line, "Shown: the same with -g, whose .loc lines tie code to source "
		 "lines; %s%s (d chooses, D %s)", hidden[0] ? "hidden: " : "every directive",
		 hidden, t->asm_hide ? "shows all" : "hides the usual");
	panes_add_text(d, ROLE_DIM, line, (size_t)-1, width, 2);
}

/* The tied output pane: head, then one row per .i or .s line or folded region. */
static void tui_build_tied(struct tui *t, struct panes_pane *p, int width)
{
	tui_add_views(t, &p->head, width);
	tui_add_command(&p->head, t->w->stage[t->stage].proc.argv, width);
	if (t->stage == STAGE_PREPROCESS) {
		/* A hint, where the body keeps room for the headers' row and the code after it */
		struct sty_doc tmp = { 0 };
		panes_add_text(&tmp, ROLE_DIM, "Enter folds and unfolds a header; the cursor's "
			       "line and the source line it came from are picked out together",
			       (size_t)-1, width, 2);
		if (panes_rows(p) - (int)tmp.n >= TUI_HINT_ROWS)
			for (size_t i = 0; i < tmp.n; i++) {
				*sty_newline(&p->head) = tmp.lines[i];
				tmp.lines[i] = (struct sty_line){ 0 };
			}
		sty_doc_free(&tmp);
	} else
		tui_add_asm_groups(t, &p->head, width);
	tui_tied_rows(t);
	if (t->out_cur >= t->n_rows)
		t->out_cur = t->n_rows ? t->n_rows - 1 : 0;
	p->numbered = 1;
	p->number_from = 0;
	t->rows_from = 0;
	width = panes_text_width(p);
	long max = 0;
	const struct ppmap *pp = &t->w->pp;
	const char *z = tui_ztext(t);
	const char *base = t->stage == STAGE_PREPROCESS ? pp->text : t->w->asmm.text;
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct tui_tiedrow *row = &t->rows[i];
		struct sty_line *l = sty_newline(&p->body);
		l->num = (long)row->line;
		if ((long)row->line > max)
			max = (long)row->line;
		if (row->fold) {
			const struct tui_region *reg = &t->wv.regs[row->fold - 1];
			size_t n = reg->last - reg->first + 1;
			char label[256], text[400];
			tui_region_label(pp, reg, label, sizeof label);
			snprintf(text, sizeof text, "%s %zu lines: %s", panes_utf8 ? "▸" : ">", n, label);
			sty_add(l, ROLE_DIM, text, (size_t)-1);
			l->item = 1;
		} else {
			size_t len;
			const char *text = tui_tied_text(t, row->line, &len);
			long from = tui_origin(t, row->line);
			int marker = t->stage == STAGE_PREPROCESS && pp->lines[row->line - 1].is_marker;
			if (t->stage == STAGE_PREPROCESS && !from && !marker) {
				/* an unfolded header line: its origin first */
				const struct ppmap_line *pl = &pp->lines[row->line - 1];
				char where[160];
				snprintf(where, sizeof where, "%s:%ld  ",
					 tui_basename(ppmap_file_name(pp, pl->file)), pl->line);
				sty_add(l, ROLE_DIM, where, (size_t)-1);
			}
			enum sty_role role = marker ? ROLE_DIM : ROLE_TEXT;
			if (t->stage == STAGE_COMPILE) {
				int k = t->w->asmm.lines[row->line].kind;
				role = k == ASMMAP_INSN || k == ASMMAP_LABEL ? ROLE_TEXT :
				       k == ASMMAP_LOC || k == ASMMAP_CFI || k == ASMMAP_DEBUG ? ROLE_DIM :
				       ROLE_CODE;
			}
			if (z && memchr(text, '\0', len) == NULL)
				sty_add_borrowed(l, role, z + (text - base));
			else
				sty_add(l, role, text, len);
			l->band = tui_band(from);
			if (t->stage == STAGE_COMPILE) {
				int f = t->w->asmm.lines[row->line].func;
				l->item = f >= 0 && t->w->asmm.funcs[f].first == row->line;
			}
		}
	}
	p->num_max = max;
	if (t->stage == STAGE_PREPROCESS && t->out_home) {
		/* The .i opens at the learner's code: the first row from the source that is not
		 * blank stays in view, with the folded headers above it when they fit. */
		for (size_t i = 0; i < t->n_rows; i++) {
			const struct tui_tiedrow *row = &t->rows[i];
			size_t len;
			const char *text = row->fold ? NULL : tui_tied_text(t, row->line, &len);
			if (!text || !tui_origin(t, row->line) || pp->lines[row->line - 1].is_marker ||
			    tui_blank(text, len))
				continue;
			int rows = panes_rows(p);
			if ((int)i >= rows)
				p->top = (int)i - rows + 1;
			break;
		}
		t->out_home = 0;
	}
	snprintf(p->info, sizeof p->info, "%zu of %zu lines", t->n_rows,
		 t->stage == STAGE_PREPROCESS ? pp->n_lines : t->w->asmm.n_lines);
	/* What the cursor's line is: a call gcc kept or rewrote, a function's fate, or what
	 * its directive does; one line under the head. */
	if (t->stage == STAGE_COMPILE && !t->src_drives && t->out_cur < t->n_rows &&
	    !(t->o->demo && t->demo_item < 0)) {
		size_t line = t->rows[t->out_cur].line;
		const char *why = NULL;
		char buf[600];
		if (walk_fates_ready(t->w)) {
			const struct fates *ft = &t->w->fates;
			for (size_t i = 0; !why && i < ft->n_calls; i++)
				if (ft->calls[i].s_line == line) {
					snprintf(buf, sizeof buf, "%s: %s", fates_call_name(ft->calls[i].kind),
						 ft->calls[i].why);
					why = buf;
				}
			const struct asmmap *m = &t->w->asmm;
			int f = m->lines[line].func;
			for (size_t i = 0; !why && f >= 0 && i < ft->n_funcs; i++)
				if (m->funcs[f].first == line && ft->funcs[i].cf &&
				    strcmp(ft->funcs[i].cf->name, m->funcs[f].base) == 0) {
					snprintf(buf, sizeof buf, "%s: %s", ft->funcs[i].cf->name,
						 ft->funcs[i].why);
					why = buf;
				}
		}
		if (!why)
			why = asmmap_explain(asmmap_line_text(&t->w->asmm, line));
		if (why) {
			struct sty_doc tmp = { 0 };
			panes_add_text(&tmp, ROLE_QUOTE, why, (size_t)-1, width, 2);
			/* two lines at most: the head must leave the body room */
			for (size_t i = 0; i < tmp.n && i < 2; i++) {
				struct sty_line *l = sty_newline(&p->head);
				*l = tmp.lines[i];
				tmp.lines[i].spans = NULL;
				tmp.lines[i].n = 0;
			}
			sty_doc_free(&tmp);
		}
	}
}

/* Draw source line i (0-based) of p in role: every span of it. */
static void tui_restyle(struct panes_pane *p, size_t i, enum sty_role role)
{
	if (i >= p->body.n)
		return;
	for (size_t k = 0; k < p->body.lines[i].n; k++)
		p->body.lines[i].spans[k].role = role;
}

/* What the source pane marks at Preprocess and Compile: the lines a false #if left out
 * (dim), and the lines libclang has an error or a warning for. */
static void tui_mark_source(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	if (!t->src)
		return;
	if (t->stage == STAGE_PREPROCESS && t->w->pp_ok) {
		if (!t->wv.inactive)
			t->wv.inactive = ppmap_inactive_lines(&t->w->pp, t->src, t->src_len,
							   &t->wv.n_inactive);
		for (size_t l = 1; t->wv.inactive && l <= t->wv.n_inactive; l++)
			if (t->wv.inactive[l])
				tui_restyle(p, l - 1, ROLE_DIM);
	}
	if (t->stage <= STAGE_COMPILE && walk_state(&t->w->clang) == RUN_OK)
		for (size_t i = 0; i < t->w->cf.n_diags; i++) {
			const struct cfacts_diag *d = &t->w->cf.diags[i];
			if (d->in_main && d->line > 0 && d->severity >= CFACTS_SEV_WARNING)
				tui_restyle(p, d->line - 1, d->severity == CFACTS_SEV_WARNING ?
					    ROLE_WARN : ROLE_ERROR);
		}
}

/* The source pane's bands and ties at a tied stage. */
static void tui_tie_source(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	tui_mark_source(t);
	if (!tui_tied(t) || !t->src)
		return;
	for (size_t i = 0; i < p->body.n; i++) {
		long line = (long)i + 1;
		struct sty_line *l = &p->body.lines[i];
		size_t n = 0;
		if (t->stage == STAGE_PREPROCESS) {
			n = ppmap_main_count(&t->w->pp, line);
		} else {
			const struct asmmap_range *r;
			n = asmmap_ranges_for(&t->w->asmm, t->w->asmm.primary_file, (unsigned)line, &r);
		}
		l->band = n ? tui_band(line) : 0;
	}
}

/* Every highlight of the panes, from the state: the tied cursors and what they are tied to,
 * then the search's hits (from its last run) over them. A key that only moves a cursor or a
 * hit comes here instead of rebuilding a pane: on a 100,000-line .i, a pass over the lines'
 * flags costs little next to making the lines again. */
static void tui_apply_hl(struct tui *t)
{
	for (int k = 0; k < TUI_PANE_COUNT; k++) {
		struct panes_pane *p = &t->pane[k];
		for (size_t i = 0; i < p->body.n; i++)
			p->body.lines[i].hl = STY_HL_NONE;
	}
	/* the demo's opening screen of a view picks out no line: its first Space does */
	if (tui_tied(t) && t->src && !(t->o->demo && t->demo_item < 0)) {
		struct panes_pane *sp = &t->pane[TUI_SOURCE], *op = &t->pane[TUI_OUTPUT];
		long tied = tui_tied_line(t);
		if (t->src_drives && t->src_cur >= 1 && (size_t)t->src_cur <= sp->body.n)
			sp->body.lines[t->src_cur - 1].hl = STY_HL_CURSOR;
		else if (!t->src_drives && tied >= 1 && (size_t)tied <= sp->body.n)
			sp->body.lines[tied - 1].hl = STY_HL_LINKED;
		for (size_t i = 0; i < t->n_rows && t->rows_from + i < op->body.n; i++) {
			struct sty_line *l = &op->body.lines[t->rows_from + i];
			if (!t->src_drives && i == t->out_cur)
				l->hl = STY_HL_CURSOR;
			else if (tied && !t->rows[i].fold && tui_origin(t, t->rows[i].line) == tied)
				l->hl = STY_HL_LINKED;
		}
	}
	if (t->search.pattern) {
		struct panes_pane *p = &t->pane[t->search_pane];
		for (size_t i = 0; i < t->search.n_hits; i++)
			if (t->search.hits[i] < p->body.n)
				p->body.lines[t->search.hits[i]].hl =
					t->search.hits[i] == t->search_cur ? STY_HL_CURSOR :
					STY_HL_LINKED;
	}
}

/* Bring body line i of p into view, a third from the top, unless it is in view already. */
static void tui_show_line(struct panes_pane *p, int i)
{
	int rows = panes_rows(p);
	if (i >= p->top && i < p->top + rows)
		return;
	panes_scroll_to(p, i - rows / 3);
}

/* Move a tied view's cursor: the source's or the output's, by delta lines (or pages, or to
 * an end). The other pane follows. */
static int tui_tied_move(struct tui *t, int delta, int page, int end)
{
	int was_src = t->src_drives;
	if (t->focus == TUI_SOURCE) {
		struct panes_pane *p = &t->pane[TUI_SOURCE];
		long n = (long)p->body.n, cur = t->src_cur ? t->src_cur : p->top + 1;
		if (end)
			cur = end < 0 ? 1 : n;
		else
			cur += page ? (long)delta * (panes_rows(p) - 1) : delta;
		cur = cur < 1 ? 1 : cur > n ? n : cur;
		t->src_cur = cur;
		t->src_drives = 1;
		tui_show_line(p, (int)cur - 1);
	} else {
		struct panes_pane *p = &t->pane[TUI_OUTPUT];
		long cur = (long)t->out_cur, n = (long)t->n_rows;
		if (end)
			cur = end < 0 ? 0 : n - 1;
		else
			cur += page ? (long)delta * (panes_rows(p) - 1) : delta;
		cur = cur < 0 ? 0 : cur >= n ? n - 1 : cur;
		t->out_cur = cur < 0 ? 0 : (size_t)cur;
		t->src_drives = 0;
		tui_show_line(p, t->rows_from + (int)t->out_cur);
	}
	/* At Compile the head explains the output cursor's line: that pane is made again. */
	int head = t->stage == STAGE_COMPILE && !(was_src && t->src_drives) ? TUI_BUILD_OUTPUT : 0;
	return head | TUI_HL | TUI_FOLLOW | TUI_DRAW_SOURCE | TUI_DRAW_OUTPUT;
}

/* After a move: the other pane scrolls to what the cursor is tied to. */
static void tui_tied_follow(struct tui *t)
{
	long tied = tui_tied_line(t);
	if (!tied)
		return;
	if (t->src_drives) {
		/* the first row tied to the line in view, and the rows after it that fit */
		struct panes_pane *op = &t->pane[TUI_OUTPUT];
		long first = -1, last = -1;
		for (size_t i = 0; i < t->n_rows; i++)
			if (!t->rows[i].fold && tui_origin(t, t->rows[i].line) == tied) {
				if (first < 0)
					first = (long)i;
				last = (long)i;
			}
		if (first < 0)
			return;
		tui_show_line(op, t->rows_from + (int)first);
		int rows = panes_rows(op), lo = t->rows_from + (int)first,
		    hi = t->rows_from + (int)last;
		if (hi >= op->top + rows)
			panes_scroll_to(op, hi - rows + 1 > lo ? lo : hi - rows + 1);
	} else {
		tui_show_line(&t->pane[TUI_SOURCE], (int)tied - 1);
	}
}

/* Enter on a folded region unfolds it; on an unfolded header line folds its region again. */
static int tui_tied_fold(struct tui *t)
{
	if (t->stage != STAGE_PREPROCESS || t->focus != TUI_OUTPUT || t->out_cur >= t->n_rows)
		return -1;
	const struct tui_tiedrow *r = &t->rows[t->out_cur];
	if (r->fold) {
		t->wv.fold_open[r->fold - 1] = 1;
		return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	}
	if (tui_origin(t, r->line) || tui_folds(t) < 0)
		return -1;
	const struct tui_region *all = t->wv.regs;
	for (size_t k = 0; k < t->wv.n_folds; k++)
		if (all[k].first <= r->line && r->line <= all[k].last) {
			t->wv.fold_open[k] = 0;
			/* the cursor goes to the folded row, which the rows before it keep at
			 * the same index, and stays in view */
			for (size_t i = 0; i < t->out_cur; i++)
				if (t->rows[i].line >= all[k].first) {
					t->out_cur = i;
					break;
				}
			tui_show_line(&t->pane[TUI_OUTPUT], t->rows_from + (int)t->out_cur);
		}
	return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_SOURCE;
}

static void tui_build_output(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	int s = t->stage, width;
	static const char *const ext[3] = { ".i", ".s", ".o" };

	panes_reset(p);
	p->numbered = 0;
	p->number_from = 0;
	width = panes_text_width(p);
	if (s == STAGE_LINK) {
		if (t->view[STAGE_LINK] == LINK_COUNT)
			tui_build_library(t, p, width);
		else if (t->view[STAGE_LINK] > 0)
			tui_build_members(t, p, t->view[STAGE_LINK], width);
		else
			tui_build_link(t, p, width);
		panes_scroll_to(p, p->top);
		return;
	}
	snprintf(p->title, sizeof p->title, "%s: %s%s", tui_stage_what[s], t->w->base, ext[s]);
	snprintf(p->brief, sizeof p->brief, "%s%s", t->w->base, ext[s]);
	if (s < STAGE_ASSEMBLE && t->view[s] > 0) {
		tui_add_views(t, &p->head, width);
		if (s == STAGE_PREPROCESS && t->view[s] == 1)
			tui_build_includes(t, p, width);
		else if (s == STAGE_PREPROCESS)
			tui_build_macros(t, p, width);
		else
			tui_build_functions(t, p, width);
		panes_scroll_to(p, p->top);
		return;
	}
	enum run_state st = walk_state(&t->w->stage[s]);
	if (!tui_finished(st))
		tui_build_unfinished(t, p, s, st, width);
	else if (!tui_build_not_ok(p, &t->w->stage[s], st, width)) {
		if (s == STAGE_ASSEMBLE)
			tui_build_object(t, p, width);
		else if (tui_tied(t))
			tui_build_tied(t, p, width);
		else
			tui_build_text_stage(t, p, s, width);
	}
	panes_scroll_to(p, p->top);
}

static int tui_line_is(const struct sty_line *l, const char *text)
{
	size_t off = 0, len = strlen(text);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->spans[i].text);
		if (off + n > len || memcmp(text + off, l->spans[i].text, n) != 0)
			return 0;
		off += n;
	}
	return off == len;
}

static int tui_line_blank(const struct sty_line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->spans[i].role != ROLE_RULE &&
		    strspn(l->spans[i].text, " ") != strlen(l->spans[i].text))
			return 0;
	return 1;
}

/* Copy a rendered lesson without its title heading (and its underline): the pane's border
 * shows the title, and the rows are better spent on the text. */
static void tui_copy_lesson(struct sty_doc *to, const struct sty_doc *from, const char *title)
{
	size_t i = 0;
	if (title && from->n > 0 && tui_line_is(&from->lines[0], title)) {
		i = 1;
		while (i < from->n && tui_line_blank(&from->lines[i]))
			i++;
	}
	for (; i < from->n; i++) {
		struct sty_line *l = sty_newline(to);
		l->indent = from->lines[i].indent;
		for (size_t j = 0; j < from->lines[i].n; j++)
			sty_add(l, from->lines[i].spans[j].role, from->lines[i].spans[j].text,
				(size_t)-1);
	}
}

/* The catalog index of lesson name, or -1. */
static int tui_lesson_index(const struct tui *t, const char *name)
{
	for (size_t i = 0; i < t->n_cat; i++)
		if (strcmp(t->cat[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Lesson name, loaded on first use; NULL when the catalog has no such lesson. One that failed
 * to load is tried again when retry is set: its file may have been written since. */
static struct tui_lesson *tui_lesson_get(struct tui *t, const char *name, int retry)
{
	int i = tui_lesson_index(t, name);
	if (i < 0)
		return NULL;
	struct tui_lesson *tl = &t->lessons[i];
	if (tl->state < 0 && retry)
		tl->state = 0;
	if (tl->state == 0)
		tl->state = lesson_load(t->o->datadir, name, &tl->l, tl->err, sizeof tl->err) == 0 ?
				    1 : -1;
	return tl;
}

/* The lessons that go with the current stage, its own first; *n gets how many. */
static const char *const *tui_stage_lessons(const struct tui *t, int *n)
{
	const char *const *list = catalog_for_stage(walk_stage_name((enum stage_id)t->stage));
	*n = 0;
	while (list && list[*n])
		(*n)++;
	return list;
}

/* The name of the lesson the lesson pane shows. */
static const char *tui_lesson_shown(const struct tui *t)
{
	int n;
	const char *const *list = tui_stage_lessons(t, &n);
	if (t->lesson_name)
		return t->lesson_name;
	return n > 0 ? list[0] : walk_stage_name((enum stage_id)t->stage);
}

/* The place of lesson name among the current stage's lessons, or -1. */
static int tui_lesson_place(const struct tui *t, const char *name)
{
	int n;
	const char *const *list = tui_stage_lessons(t, &n);
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

/* A live block's text: measured by this walk when the block's sample is the file being
 * walked and the walk is done; else NULL, and the block shows the commands to run. */
struct tui_fill {
	struct tui *t;
	struct tui_lesson *tl;
};

static char *tui_live_fill(void *ctx, const char *sample, const char *fact)
{
	struct tui_fill *fc = ctx;
	struct tui *t = fc->t;
	char *path = NULL;
	if (!t->samples_dir || asprintf(&path, "%s/%s", t->samples_dir, sample) < 0)
		return NULL;
	char *real = realpath(path, NULL);
	int same = real && strcmp(real, t->w->src_abs) == 0;
	free(real);
	free(path);
	if (same)
		return walk_is_done(t->w) ? livefill_fact(t->w, fact) : NULL;
	/* another sample: from the lesson's own background walks, once they are done */
	return fc->tl->lf_started ? livefill_text(&fc->tl->lf, sample, fact) : NULL;
}

/* Start walking the samples a lesson's live blocks name, other than the file this walk
 * is walking, in the background, in a directory of their own inside the walk directory.
 * Headless screens wait for them, so that what they show does not depend on timing. */
static void tui_lesson_walk_samples(struct tui *t, struct tui_lesson *tl, const char *name)
{
	if (tl->lf_started || !tmpdir_path())
		return;
	tl->lf_started = 1;
	char *dir = NULL;
	if (asprintf(&dir, "%s/lesson-%s", tmpdir_path(), name) < 0)
		return;
	if (mkdir(dir, 0700) == 0 || errno == EEXIST) {
		livefill_start(&tl->lf, tl->l.text, t->o->datadir, dir, t->w->src_abs);
		if (t->o->headless)
			livefill_wait(&tl->lf);
	}
	free(dir);
}

/* 1 when lesson name has a file, whether or not it loads. */
static int tui_lesson_exists(const struct tui *t, const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/lessons/%s.md", t->o->datadir, name);
	return access(path, F_OK) == 0;
}

/* What the lesson pane says when a lesson cannot be shown, and where to go instead. */
static void tui_lesson_missing(struct tui *t, struct panes_pane *p, const char *name,
			       const struct tui_lesson *tl, int width)
{
	char msg[512], next[32], list[32];
	if (!tl)
		snprintf(msg, sizeof msg, "There is no lesson named %s.", name);
	else if (!tui_lesson_exists(t, name))
		snprintf(msg, sizeof msg, "The lesson %s is not written yet: there is no "
			 "lessons/%s.md.", name, name);
	else
		snprintf(msg, sizeof msg, "The lesson %s cannot be shown: %s", name, tl->err);
	panes_add_text(&p->body, ROLE_WARN, msg, (size_t)-1, width, 2);
	tui_add_blank(&p->body);
	keys_describe(KEYS_LESSON_NEXT, 1, t->utf8, next, sizeof next);
	keys_describe(KEYS_LESSONS, 1, t->utf8, list, sizeof list);
	snprintf(msg, sizeof msg, "%s shows the next lesson for this stage, %s the list of all "
		 "lessons.", next, list);
	panes_add_text(&p->body, ROLE_DIM, msg, (size_t)-1, width, 0);
}

static void tui_build_lesson(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_LESSON];
	const char *name = tui_lesson_shown(t);
	struct tui_lesson *tl = tui_lesson_get(t, name, 0);
	int n, at = tui_lesson_place(t, name);
	char seen[200];

	/* Shown is seen: the stage and its lesson go into the learner's progress. A home
	 * where nothing can be written only means it is not kept. */
	snprintf(seen, sizeof seen, "stage:%s", walk_stage_name((enum stage_id)t->stage));
	progress_mark(&t->prog, seen);
	snprintf(seen, sizeof seen, "lesson:%s", name);
	progress_mark(&t->prog, seen);
	tui_stage_lessons(t, &n);
	panes_reset(p);
	snprintf(p->brief, sizeof p->brief, "%s", name);
	if (at >= 0 && n > 1) {
		char key[8];
		keys_describe(KEYS_LESSON_NEXT, 1, t->utf8, key, sizeof key);
		snprintf(p->info, sizeof p->info, "lesson %d of %d for this stage, %s next", at + 1,
			 n, key);
	} else if (at >= 0) {
		snprintf(p->info, sizeof p->info, "the lesson for this stage");
	} else {
		snprintf(p->info, sizeof p->info, "from the lesson list");
	}
	int width = panes_text_width(p);
	if (width > TUI_LESSON_MAX)
		width = TUI_LESSON_MAX;
	if (!tl || tl->state < 0) {
		snprintf(p->title, sizeof p->title, "Lesson: %s", name);
		tui_lesson_missing(t, p, name, tl, width);
		return;
	}
	snprintf(p->title, sizeof p->title, "%s", tl->l.title ? tl->l.title : name);
	/* Live blocks become what this walk, or the lesson's own walks of its samples,
	 * measured; until then, the commands that measure it. */
	tui_lesson_walk_samples(t, tl, name);
	struct tui_fill fc = { t, tl };
	char *md = live_expand(tl->l.text, t->samples_dir ? t->samples_dir : "samples",
			       tui_live_fill, &fc);
	struct lesson view = tl->l;
	if (md)
		view.text = md;
	struct sty_doc d = { 0 };
	lesson_render(&view, width < 20 ? 20 : width, &d);
	tui_copy_lesson(&p->body, &d, tl->l.title);
	sty_doc_free(&d);
	free(md);
	panes_scroll_to(p, p->top);
}

/* The lesson list: every lesson in teaching order, those for this stage marked, the one the
 * lesson pane shows chosen when it opens. */
static void tui_build_list(struct tui *t, int width)
{
	struct panes_pane *p = &t->listpane;
	const char *mark = t->utf8 ? "•" : "*";
	char line[512];

	panes_reset(p);
	snprintf(p->title, sizeof p->title, "Lessons");
	snprintf(p->info, sizeof p->info, "in teaching order");
	snprintf(line, sizeof line, " %s goes with the %s stage; %s you have read", mark,
		 walk_stage_title((enum stage_id)t->stage), t->utf8 ? "✓" : "+");
	panes_add_text(&p->head, ROLE_DIM, line, (size_t)-1, width, 3);
	for (size_t i = 0; i < t->n_cat; i++) {
		const struct catalog_entry *e = &t->cat[i];
		const struct tui_lesson *tl = tui_lesson_get(t, e->name, 0);
		struct sty_line *l = sty_newline(&p->body);
		if (!l)
			break;
		/* The first column is the cursor's. */
		sty_add(l, ROLE_TEXT, " ", 1);
		sty_add(l, ROLE_BULLET, tui_lesson_place(t, e->name) >= 0 ? mark : " ", (size_t)-1);
		snprintf(line, sizeof line, " %2zu  %-5s ", i + 1,
			 e->kind == CATALOG_STAGE ? "stage" : "topic");
		sty_add(l, ROLE_DIM, line, (size_t)-1);
		char key[200];
		snprintf(key, sizeof key, "lesson:%s", e->name);
		sty_add(l, ROLE_OK, progress_seen(&t->prog, key) ? (t->utf8 ? "✓ " : "+ ") : "  ",
			(size_t)-1);
		if (tl && tl->state > 0 && tl->l.title) {
			sty_add(l, ROLE_TEXT, tl->l.title, (size_t)-1);
		} else {
			int here = tui_lesson_exists(t, e->name);
			snprintf(line, sizeof line, "%s (%s)", e->name,
				 here ? "cannot be read" : "not written yet");
			sty_add(l, ROLE_DIM, line, (size_t)-1);
		}
	}
	p->has_cursor = 1;
}

/* The help screen, generated from the key table, laid out at the help pane's width. */
static void tui_build_help(struct tui *t, int width)
{
	struct panes_pane *p = &t->helppane;
	char keys[128];
	int keyw = 0;

	panes_reset(p);
	snprintf(p->title, sizeof p->title, "Keys");
	for (int a = 1; a < KEYS_ACTION_COUNT; a++) {
		keys_describe((enum keys_action)a, 0, t->utf8, keys, sizeof keys);
		int kw = panes_width(keys, strlen(keys));
		if (kw > keyw)
			keyw = kw;
	}
	keyw += 2;
	if (keyw > width / 2)
		keyw = width / 2;
	for (int g = 0; g < KEYS_GROUP_COUNT; g++) {
		if (g > 0)
			tui_add_blank(&p->body);
		panes_add_text(&p->body, ROLE_HEADING, keys_group_title((enum keys_group)g),
			       (size_t)-1, width, 0);
		for (int a = 1; a < KEYS_ACTION_COUNT; a++) {
			if (keys_group((enum keys_action)a) != (enum keys_group)g)
				continue;
			keys_describe((enum keys_action)a, 0, t->utf8, keys, sizeof keys);
			struct sty_doc help = { 0 };
			panes_add_text(&help, ROLE_TEXT, keys_help((enum keys_action)a), (size_t)-1,
				       width - keyw, 0);
			int kw = panes_width(keys, strlen(keys));
			for (size_t i = 0; i < help.n || i == 0; i++) {
				struct sty_line *l = sty_newline(&p->body);
				if (!l)
					break;
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
					if (!l)
						break;
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
	tui_add_blank(&p->body);
	panes_add_text(&p->body, ROLE_DIM, "Any other key closes this help.", (size_t)-1, width, 0);
}

/* Which width the source pane gets: what its lines need, within a share of the screen that
 * leaves the output (the larger view at the link stage) most of the room. */
static int tui_source_width(struct tui *t, int room)
{
	int digits = 1;
	for (size_t n = panes_count_lines(t->src ? t->src : "", t->src_len); n >= 10; n /= 10)
		digits++;
	int want = t->src_cols + (digits < 3 ? 3 : digits) + 1 + 2 + 1;
	int most = t->stage == STAGE_LINK ? room / 3 : room / 2;
	if (want > most)
		want = most;
	if (want < 20)
		want = 20;
	/* A view of columns (the object's tables, a tool's output) gets its width first; the
	 * source gives way, and goes when what is left of it would be too narrow to read. */
	int need = tui_output_need(t);
	if (need > 0 && room - want < need) {
		if (room - need < 30)
			return 0;
		want = room - need;
	}
	/* The four link variants side by side need the room more than the source does: it
	 * shows only where they still get four columns (the output pane has a border, no pad,
	 * and " | " between columns). */
	if (t->stage == STAGE_LINK && (room - want - 2 - 3 * 3) / 4 < TUI_LINK_COL_MIN)
		return 0;
	return want;
}

static void tui_draw_too_small(struct tui *t)
{
	char msg[128];
	struct sty_doc d = { 0 };

	snprintf(msg, sizeof msg, "terminal too small: need %dx%d, have %dx%d", TUI_MIN_COLS,
		 TUI_MIN_LINES, t->cols, t->lines);
	/* Two lines read better than a wrap in mid-sentence. */
	if ((int)strlen(msg) > t->cols)
		msg[strlen("terminal too small:")] = '\n';
	panes_add_text(&d, ROLE_WARN, msg, (size_t)-1, t->cols, 0);
	int y = (t->lines - (int)d.n) / 2;
	for (size_t i = 0; i < d.n && y + (int)i < t->lines; i++) {
		const struct sty_line *l = &d.lines[i];
		int w = l->n ? panes_width(l->spans[0].text, strlen(l->spans[0].text)) : 0;
		panes_draw_line(stdscr, y < 0 ? (int)i : y + (int)i, (t->cols - w) / 2, t->cols, l,
				A_NORMAL);
	}
	sty_doc_free(&d);
}

/* Place every window for the current size and stage. */
static void tui_layout(struct tui *t)
{
	getmaxyx(stdscr, t->lines, t->cols);
	t->too_small = t->cols < TUI_MIN_COLS || t->lines < TUI_MIN_LINES;
	werase(stdscr);
	if (t->too_small)
		tui_draw_too_small(t);
	/* stdscr is only a backdrop; refreshing it leaves it untouched, so getch() on it
	 * never repaints over the panes. */
	wnoutrefresh(stdscr);
	if (t->bar)
		delwin(t->bar);
	if (t->keys)
		delwin(t->keys);
	if (t->banner)
		delwin(t->banner);
	t->bar = t->keys = t->banner = NULL;
	t->banner_h = 0;
	if (t->too_small) {
		for (int i = 0; i < TUI_PANE_COUNT; i++)
			panes_place(&t->pane[i], 0, 0, 0, 0);
		panes_place(&t->helppane, 0, 0, 0, 0);
		panes_place(&t->listpane, 0, 0, 0, 0);
		return;
	}
	t->bar = newwin(1, t->cols, 0, 0);
	t->keys = newwin(1, t->cols, t->lines - 1, 0);
	if (t->bar)
		leaveok(t->bar, TRUE);
	if (t->keys)
		leaveok(t->keys, TRUE);

	/* The demo's banner: big letters when there are rows to spare, else one line. */
	t->banner_h = !t->o->demo ? 0 : t->lines >= 20 ? BANNER_ROWS + 1 : 1;
	if (t->banner_h) {
		t->banner = newwin(t->banner_h, t->cols, 1, 0);
		if (t->banner)
			leaveok(t->banner, TRUE);
	}
	int top = 1 + t->banner_h, h = t->lines - 2 - t->banner_h, room = t->cols, toph = h;
	/* The demo uses the width for more panes, not for margins: the output alone on a
	 * narrow screen, the source beside it from 120 columns, the lesson too from 200. */
	int demo_zoom = t->o->demo && t->cols < 120;
	int demo_nolesson = t->o->demo && t->cols < 200;
	if (demo_zoom)
		t->focus = TUI_OUTPUT;
	t->pane[TUI_LESSON].pad = 1;
	if (t->zoom || demo_zoom) {
		/* One pane fills the screen; a lesson keeps a readable measure, centred. */
		for (int i = 0; i < TUI_PANE_COUNT; i++)
			if (i != t->focus)
				panes_place(&t->pane[i], 0, 0, 0, 0);
		if (t->focus == TUI_LESSON && t->cols - 2 - TUI_LESSON_MAX > 2)
			t->pane[TUI_LESSON].pad = (t->cols - 2 - TUI_LESSON_MAX) / 2;
		panes_place(&t->pane[t->focus], top, 0, h, t->cols);
	} else if (demo_nolesson) {
		panes_place(&t->pane[TUI_LESSON], 0, 0, 0, 0);
	} else if (t->cols >= TUI_WIDE) {
		int lw = t->cols * 2 / 5;
		lw = lw > TUI_LESSON_MAX + 4 ? TUI_LESSON_MAX + 4 : lw;
		room = t->cols - lw;
		panes_place(&t->pane[TUI_LESSON], top, room, h, lw);
	} else {
		int lh = h / 3 < 3 ? 3 : h / 3;
		toph = h - lh;
		panes_place(&t->pane[TUI_LESSON], top + toph, 0, lh, t->cols);
	}
	if (!t->zoom && !demo_zoom) {
		int sw = tui_source_width(t, room);
		panes_place(&t->pane[TUI_SOURCE], top, 0, toph, sw);
		if (!t->pane[TUI_SOURCE].win) {
			sw = 0;
			if (t->focus == TUI_SOURCE)
				t->focus = TUI_OUTPUT;
		}
		panes_place(&t->pane[TUI_OUTPUT], top, sw, toph, room - sw);
	}

	int hw = t->cols - 4 < 76 ? t->cols - 4 : 76;
	struct panes_pane *hp = &t->helppane;
	hp->pad = 1;
	tui_build_help(t, hw - 4);
	int hh = (int)hp->body.n + 2 < h ? (int)hp->body.n + 2 : h;
	panes_place(hp, top + (h - hh) / 2, (t->cols - hw) / 2, hh, hw);

	struct panes_pane *lp = &t->listpane;
	int lw = t->cols - 4 < TUI_LIST_MAX ? t->cols - 4 : TUI_LIST_MAX;
	lp->pad = 1;
	if (t->list) {
		tui_build_list(t, lw - 4);
		int lh = (int)(lp->head.n + lp->body.n) + 2;
		lh = lh < h ? lh : h;
		panes_place(lp, top + (h - lh) / 2, (t->cols - lw) / 2, lh, lw);
		panes_move_cursor(lp, lp->cursor);
	} else {
		panes_place(lp, 0, 0, 0, 0);
	}
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		if (t->pane[i].win)
			leaveok(t->pane[i].win, TRUE);
	if (hp->win)
		leaveok(hp->win, TRUE);
	if (lp->win)
		leaveok(lp->win, TRUE);
}

/* The top line: the program and file, then the stages with their marks, the current one
 * bracketed (so it shows without colour too). Narrow screens drop the title, then name only
 * the current stage. */
static void tui_draw_bar(struct tui *t)
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
		 tui_basename(t->w->src_path), more, t->w->opts.opt_level ? " " : "",
		 t->w->opts.opt_level ? t->w->opts.opt_level : "");
	int tw = panes_width(title, strlen(title));
	int level, total = 0;
	for (level = 0; level < 4; level++) {
		int compact = level >= 2, with_title = level == 0 || level == 2;
		total = with_title ? tw : 0;
		for (int s = 0; s < STAGE_COUNT; s++) {
			enum run_state st = walk_stage_state(t->w, (enum stage_id)s);
			int cur = s == t->stage;
			if (compact && !cur)
				snprintf(item[s], sizeof item[s], " %d%s ", s + 1, tui_mark(t, st));
			else
				snprintf(item[s], sizeof item[s], "%s%d %s %s%s", cur ? "[" : " ",
					 s + 1, walk_stage_title((enum stage_id)s), tui_mark(t, st),
					 cur ? "]" : " ");
			iw[s] = panes_width(item[s], strlen(item[s]));
			total += iw[s] + 1;
		}
		if (total <= t->cols || level == 3)
			break;
	}
	int x = 0;
	if (level == 0 || level == 2)
		x += panes_draw_text(t->bar, 0, 0, t->cols, title, colors_attr(COLORS_TITLE));
	for (int s = 0; s < STAGE_COUNT && x < t->cols; s++) {
		enum run_state st = walk_stage_state(t->w, (enum stage_id)s);
		int role = s == t->stage ? COLORS_STAGE_CURRENT :
			   st == RUN_OK ? COLORS_STAGE_DONE :
			   st == RUN_FAILED ? COLORS_STAGE_FAILED :
			   st == RUN_SKIPPED ? COLORS_STAGE_SKIPPED :
			   st == RUN_RUNNING ? COLORS_STAGE_RUNNING : COLORS_STAGE_PENDING;
		x += 1;
		x += panes_draw_text(t->bar, 0, x, t->cols - x, item[s], colors_attr(role));
	}
	wnoutrefresh(t->bar);
}

/* Which actions the key line offers: the lesson list and a full-screen view have their own. */
static int tui_key_shown(const struct tui *t, enum keys_action a)
{
	if (t->list)
		return a == KEYS_UP || a == KEYS_DOWN || a == KEYS_OPEN || a == KEYS_BACK ||
		       a == KEYS_HELP;
	if (a == KEYS_OPEN || a == KEYS_SEARCH_CLEAR)
		return 0;
	if (a == KEYS_DEMO_NEXT || a == KEYS_DEMO_BACK)
		return t->o->demo;
	if (a == KEYS_ASM_GROUP)
		return t->asm_menu;
	if (a == KEYS_ASM_MENU || a == KEYS_ASM_ALL)
		return t->stage == STAGE_COMPILE && t->view[STAGE_COMPILE] == 0;
	if (a == KEYS_SEARCH_NEXT || a == KEYS_SEARCH_PREV)
		return t->search.pattern != NULL;
	/* while a search is active, n and N step through it */
	if ((a == KEYS_NEXT || a == KEYS_PREV) && t->search.pattern)
		return 0;
	if (a == KEYS_VIEW)
		return tui_view_count(t, t->stage) > 1;
	if (a == KEYS_BACK)
		return t->zoom;
	if (a == KEYS_QUIT)
		return !t->zoom;
	return 1;
}

/* The bottom line: the most useful keys, generated from the key table. Actions next to each
 * other with one label share an entry; help and quit (or back) are kept when room is short. */
static void tui_draw_keys(struct tui *t)
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
		snprintf(line, sizeof line, t->prompt == 2 ? " :%.*s_   Enter go to the line  Esc "
			 "cancel" : " /%.*s_   Enter search  Esc cancel", (int)t->prompt_len,
			 t->prompt_buf);
		panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY));
		wnoutrefresh(t->keys);
		return;
	}
	if (t->asm_menu) {
		/* the chooser: each group, its key, and whether it shows */
		char line[300] = " directives:";
		for (size_t i = 0; i < sizeof tui_asm_groups / sizeof tui_asm_groups[0]; i++) {
			size_t used = strlen(line);
			snprintf(line + used, sizeof line - used, "  %c %s %s", tui_asm_groups[i].key,
				 tui_asm_groups[i].name,
				 t->asm_hide & (1u << tui_asm_groups[i].kind) ? "hidden" : "shown");
		}
		size_t used = strlen(line);
		snprintf(line + used, sizeof line - used, "   d done");
		panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY));
		wnoutrefresh(t->keys);
		return;
	}
	int lead = 0;
	if (t->search.pattern) {
		char status[200], line[240];
		search_status(&t->search, t->search_cur, status, sizeof status);
		snprintf(line, sizeof line, " %s%s ", status, t->search_wrapped ? " (wrapped)" : "");
		lead = panes_draw_text(t->keys, 0, 0, t->cols, line, colors_attr(COLORS_KEYLINE_KEY));
	}
	for (int a = 1; a < KEYS_ACTION_COUNT; a++) {
		const char *label = keys_label((enum keys_action)a);
		char k[32];
		if (!label || !tui_key_shown(t, (enum keys_action)a))
			continue;
		/* In the list the arrows move the choice, they do not scroll. */
		if (t->list && (a == KEYS_UP || a == KEYS_DOWN))
			label = "choose";
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
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			int important = e[i].action == KEYS_HELP || e[i].action == KEYS_QUIT ||
					e[i].action == KEYS_DEMO_NEXT || e[i].action == KEYS_DEMO_BACK ||
					e[i].action == KEYS_BACK || e[i].action == KEYS_SEARCH_NEXT ||
					e[i].action == KEYS_SEARCH_PREV;
			if (pass == 0 ? !important : important || e[i].keep)
				continue;
			e[i].w = 1 + panes_width(e[i].keys, strlen(e[i].keys)) + 1 +
				 (int)strlen(e[i].label) + 1;
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
				     colors_attr(COLORS_KEYLINE_KEY));
		x += 1;
		x += panes_draw_text(t->keys, 0, x, t->cols - x, e[i].label,
				     colors_attr(COLORS_KEYLINE));
		x += 1;
	}
	wnoutrefresh(t->keys);
}

/* The one draw pass: rebuild what is out of date, draw what is dirty, one doupdate(). */
static void tui_search_mark(struct tui *t);
static int tui_set_stage(struct tui *t, int s);
static void tui_goto_land(struct tui *t);

/* The demo's banner: the stage's number and name in big letters, centred; plain when they
 * do not fit. */
static void tui_draw_banner(struct tui *t)
{
	if (!t->banner)
		return;
	werase(t->banner);
	char text[64];
	snprintf(text, sizeof text, "%d %s", t->stage + 1, walk_stage_title((enum stage_id)t->stage));
	char **rows = NULL;
	int n = 0, width = 0;
	attr_t a = colors_attr(ROLE_HEADING) | A_BOLD;
	if (t->banner_h > 1 && banner_render(text, t->utf8, t->cols, &rows, &n, &width) == 0) {
		for (int r = 0; r < n && r < t->banner_h; r++)
			panes_draw_text(t->banner, r, (t->cols - width) / 2, t->cols, rows[r], a);
		banner_free_rows(rows, n);
	} else {
		int w = panes_width(text, strlen(text));
		panes_draw_text(t->banner, 0, w < t->cols ? (t->cols - w) / 2 : 0, t->cols, text, a);
	}
	wnoutrefresh(t->banner);
}

/* The demo's next idea (dir 1) or the one before (-1): the next item line of the output
 * pane; past the last, the stage's next view; past its last view, the next stage. A view
 * opens before its first idea, with no line picked out. At a tied view the idea is also the
 * tied cursor, so the source pane shows where it came from. Backspace goes back to where
 * the Space before it left from, scroll and all, so the room sees that screen again. */
static int tui_demo_step(struct tui *t, int dir)
{
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	if (dir < 0 && t->demo_n > 0) {
		const struct tui_demo_at *a = &t->demo_hist[--t->demo_n];
		int dirty = tui_set_stage(t, a->stage);
		t->view[t->stage] = a->view;
		t->demo_item = a->item;
		t->out_cur = a->out_cur;
		t->src_cur = a->src_cur;
		t->src_drives = a->src_drives;
		t->out_home = 0;
		t->demo_back = 1;
		return dirty | TUI_LAYOUT;
	}
	if (dir > 0) {
		if (t->demo_n == t->demo_cap) {
			size_t cap = t->demo_cap ? t->demo_cap * 2 : 64;
			struct tui_demo_at *h = realloc(t->demo_hist, cap * sizeof *h);
			if (!h)
				return 0;
			t->demo_hist = h;
			t->demo_cap = cap;
		}
		t->demo_hist[t->demo_n] = (struct tui_demo_at){
			.stage = t->stage, .view = t->view[t->stage], .item = t->demo_item,
			.out_top = p->top, .src_top = t->pane[TUI_SOURCE].top,
			.src_drives = t->src_drives, .out_cur = t->out_cur, .src_cur = t->src_cur,
		};
	}
	int n = (int)p->body.n;
	for (int i = t->demo_item + dir; i >= 0 && i < n; i += dir)
		if (p->body.lines[i].item) {
			t->demo_item = i;
			tui_show_line(p, i);
			if (dir > 0)
				t->demo_n++;
			if (tui_tied(t) && i >= t->rows_from &&
			    (size_t)(i - t->rows_from) < t->n_rows) {
				t->out_cur = (size_t)(i - t->rows_from);
				t->src_drives = 0;
				/* at Compile the head explains the cursor's line: made again */
				return (t->stage == STAGE_COMPILE ? TUI_BUILD_OUTPUT : 0) | TUI_HL |
				       TUI_FOLLOW | TUI_DRAW_OUTPUT | TUI_DRAW_SOURCE;
			}
			return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
		}
	int views = tui_view_count(t, t->stage);
	if (dir < 0 && t->demo_item >= 0) {
		/* before the first idea: the view's opening screen */
	} else if (dir > 0 && t->view[t->stage] + 1 < views) {
		t->view[t->stage]++;
	} else if (dir > 0 && t->stage + 1 < STAGE_COUNT) {
		tui_set_stage(t, t->stage + 1);
		t->view[t->stage] = 0;
	} else if (dir < 0 && t->view[t->stage] > 0) {
		t->view[t->stage]--;
	} else if (dir < 0 && t->stage > 0) {
		tui_set_stage(t, t->stage - 1);
		t->view[t->stage] = tui_view_count(t, t->stage) - 1;
	} else {
		return 0;
	}
	if (dir > 0)
		t->demo_n++;
	/* a new view starts before its first idea; going back, after its last */
	t->demo_item = dir > 0 || t->demo_item >= 0 ? -1 : 1 << 30;
	t->pane[TUI_OUTPUT].top = 0;
	t->out_cur = 0;
	t->src_cur = 0;
	t->src_drives = 0;
	t->out_home = t->stage == STAGE_PREPROCESS && t->view[t->stage] == 0 && t->demo_item < 0;
	return TUI_LAYOUT;
}

/* The levels + cycles through. */
static const char *const tui_levels[] = { "-O0", "-O1", "-O2", "-O3", "-Os" };

/* Walk again at the next optimisation level, in the same directory: stop the walk that
 * runs, start the new one, and forget what was read from the old one. */
static void tui_restart(struct tui *t)
{
	struct walk *old = t->w;
	struct walk_opts o = old->opts;
	size_t n = sizeof tui_levels / sizeof tui_levels[0], i = 0;
	for (size_t k = 0; k < n; k++)
		if (o.opt_level && strcmp(o.opt_level, tui_levels[k]) == 0)
			i = k;
	o.opt_level = tui_levels[(i + 1) % n];
	walk_cancel(old);
	walk_wait(old);
	char err[512];
	struct walk *w = walk_new(old->src_path, &o, old->dir, err, sizeof err);
	if (!w)
		return;
	if (walk_start(w) < 0)
		walk_run(w);
	t->w = w;
	if (t->wp)
		*t->wp = w;
	walk_free(old);
	/* the output pane's lines borrow the old walk's text: empty it first */
	panes_reset(&t->pane[TUI_OUTPUT]);
	tui_walkview_free(&t->wv);
	t->out_cur = 0;
	t->restarts++;
	tui_snapshot(t, t->snap);
}

static void tui_draw(struct tui *t, int dirty)
{
	if (dirty & TUI_RESTART) {
		tui_restart(t);
		dirty |= TUI_LAYOUT;
	}
	if (dirty & TUI_LAYOUT) {
		tui_layout(t);
		tui_build_source(t);
		dirty |= TUI_DRAW_ALL | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON;
	}
	if (t->too_small) {
		doupdate();
		return;
	}
	if (dirty & TUI_BUILD_OUTPUT)
		tui_build_output(t);
	if (t->goto_line && (dirty & (TUI_BUILD_OUTPUT | TUI_LAYOUT)))
		tui_goto_land(t);
	if (dirty & (TUI_LAYOUT | TUI_BUILD_SOURCE)) {
		if (!(dirty & TUI_LAYOUT))
			tui_build_source(t);
		tui_tie_source(t);
		if (dirty & TUI_BUILD_SOURCE)
			dirty |= TUI_FOLLOW;
		dirty |= TUI_DRAW_SOURCE;
	}
	if (dirty & TUI_BUILD_LESSON)
		tui_build_lesson(t);
	if (t->search.pattern && (dirty & (TUI_LAYOUT | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON |
					   TUI_BUILD_SOURCE)))
		tui_search_mark(t);
	int rehl = dirty & (TUI_LAYOUT | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_BUILD_SOURCE |
			    TUI_HL);
	if (rehl)
		tui_apply_hl(t);
	if (dirty & TUI_FOLLOW)
		tui_tied_follow(t);
	if (t->o->demo && rehl) {
		struct panes_pane *op = &t->pane[TUI_OUTPUT];
		if (t->demo_item >= (int)op->body.n && op->body.n) {
			/* came back from the next view: its last idea */
			t->demo_item = -1;
			for (int i = (int)op->body.n - 1; i >= 0 && t->demo_item < 0; i--)
				if (op->body.lines[i].item)
					t->demo_item = i;
			if (t->demo_item >= 0)
				tui_show_line(op, t->demo_item);
		}
		if (t->demo_item >= 0 && t->demo_item < (int)op->body.n)
			op->body.lines[t->demo_item].hl = STY_HL_CURSOR;
		if (t->demo_back) {
			/* Backspace: the scroll the panes had before the Space */
			panes_scroll_to(op, t->demo_hist[t->demo_n].out_top);
			panes_scroll_to(&t->pane[TUI_SOURCE], t->demo_hist[t->demo_n].src_top);
			t->demo_back = 0;
		}
	}
	if (dirty & (TUI_LAYOUT | TUI_DRAW_BAR))
		tui_draw_banner(t);
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		t->pane[i].focused = i == t->focus && !t->help && !t->list;
	t->helppane.focused = 1;
	t->listpane.focused = !t->help;
	if (dirty & TUI_DRAW_BAR)
		tui_draw_bar(t);
	if (dirty & TUI_DRAW_SOURCE)
		panes_draw(&t->pane[TUI_SOURCE]);
	if (dirty & TUI_DRAW_OUTPUT)
		panes_draw(&t->pane[TUI_OUTPUT]);
	if (dirty & TUI_DRAW_LESSON)
		panes_draw(&t->pane[TUI_LESSON]);
	if (dirty & TUI_DRAW_KEYS)
		tui_draw_keys(t);
	/* The lesson list and the help lie over the panes (the help over the list): whatever was
	 * drawn under a box, the box goes on top again. */
	if (t->list && (dirty & (TUI_DRAW_PANES | TUI_DRAW_LIST)))
		panes_draw(&t->listpane);
	if (t->help && (dirty & (TUI_DRAW_PANES | TUI_DRAW_HELP | TUI_DRAW_LIST)))
		panes_draw(&t->helppane);
	doupdate();
}

static int tui_set_stage(struct tui *t, int s)
{
	if (s < 0 || s >= STAGE_COUNT || s == t->stage)
		return 0;
	t->stage = s;
	t->asm_menu = 0;
	t->pane[TUI_OUTPUT].top = 0;
	t->pane[TUI_LESSON].top = 0;
	t->out_home = s == STAGE_PREPROCESS;
	/* Each stage opens on its own lesson. */
	t->lesson_name = NULL;
	/* The source pane is narrower at the link stage, so the windows move. */
	return TUI_LAYOUT;
}

/* Scroll the pane; redraw it only if the view moved. */
static int tui_scroll(struct panes_pane *p, int delta, int page, int dirty)
{
	return panes_scroll(p, delta, page) ? dirty : 0;
}

static const int tui_pane_dirty[TUI_PANE_COUNT] = { TUI_DRAW_SOURCE, TUI_DRAW_OUTPUT,
						    TUI_DRAW_LESSON };

/* A key while the help is shown: scroll it, or close it. */
static int tui_help_key(struct tui *t, enum keys_action a)
{
	struct panes_pane *p = &t->helppane;
	switch (a) {
	case KEYS_UP:
		return tui_scroll(p, -1, 0, TUI_DRAW_HELP);
	case KEYS_DOWN:
		return tui_scroll(p, 1, 0, TUI_DRAW_HELP);
	case KEYS_PAGE_UP:
		return tui_scroll(p, -1, 1, TUI_DRAW_HELP);
	case KEYS_PAGE_DOWN:
		return tui_scroll(p, 1, 1, TUI_DRAW_HELP);
	case KEYS_TOP:
		return panes_scroll_to(p, 0) ? TUI_DRAW_HELP : 0;
	case KEYS_BOTTOM:
		return panes_scroll_to(p, (int)p->body.n) ? TUI_DRAW_HELP : 0;
	default:
		t->help = 0;
		return TUI_DRAW_ALL;
	}
}

/* Move the focus by step panes, past any pane this layout hides; a full-screen view shows
 * the newly focused pane instead. */
static int tui_focus(struct tui *t, int step)
{
	if (t->zoom) {
		t->focus = (t->focus + step) % TUI_PANE_COUNT;
		t->zoom_back = 0;
		return TUI_LAYOUT;
	}
	for (int i = 0; i < TUI_PANE_COUNT; i++) {
		t->focus = (t->focus + step) % TUI_PANE_COUNT;
		if (t->pane[t->focus].win || t->too_small)
			break;
	}
	return TUI_DRAW_PANES;
}

/* Show the output pane's next (step 1) or previous (-1) view; the layout follows, since some
 * views need the width. */
static int tui_switch_view(struct tui *t, int step)
{
	int n = tui_view_count(t, t->stage);
	if (n < 2)
		return 0;
	t->asm_menu = 0;
	t->view[t->stage] = (t->view[t->stage] + step + n) % n;
	t->pane[TUI_OUTPUT].top = 0;
	return TUI_LAYOUT;
}

/* Show the next (step 1) or previous (-1) lesson of the current stage in the lesson pane. */
static int tui_cycle_lesson(struct tui *t, int step)
{
	int n;
	const char *const *list = tui_stage_lessons(t, &n);
	if (n == 0)
		return 0;
	int at = tui_lesson_place(t, tui_lesson_shown(t));
	at = at < 0 ? (step > 0 ? 0 : n - 1) : (at + step + n) % n;
	t->lesson_name = list[at];
	t->pane[TUI_LESSON].top = 0;
	tui_lesson_get(t, list[at], 1);
	return TUI_BUILD_LESSON | TUI_DRAW_LESSON;
}

/* Open the lesson list, the lesson the pane shows chosen. */
static int tui_open_list(struct tui *t)
{
	/* Lessons that were missing may have been written since. */
	for (size_t i = 0; i < t->n_cat; i++)
		if (t->lessons[i].state < 0)
			t->lessons[i].state = 0;
	int at = tui_lesson_index(t, tui_lesson_shown(t));
	t->list = 1;
	t->listpane.cursor = at < 0 ? 0 : at;
	t->listpane.top = 0;
	return TUI_LAYOUT;
}

/* Leave a full-screen view, back to the lesson list if that is where it was opened. */
static int tui_back(struct tui *t)
{
	if (!t->zoom)
		return 0;
	t->zoom = 0;
	if (t->zoom_back) {
		t->zoom_back = 0;
		return tui_open_list(t);
	}
	return TUI_LAYOUT;
}

/* A key while the lesson list is open: move the choice, open a lesson, or close the list. */
static int tui_list_key(struct tui *t, enum keys_action a)
{
	struct panes_pane *p = &t->listpane;
	int page = panes_rows(p) > 2 ? panes_rows(p) - 1 : 1;
	switch (a) {
	case KEYS_UP:
		return panes_move_cursor(p, p->cursor - 1) ? TUI_DRAW_LIST : 0;
	case KEYS_DOWN:
		return panes_move_cursor(p, p->cursor + 1) ? TUI_DRAW_LIST : 0;
	case KEYS_PAGE_UP:
		return panes_move_cursor(p, p->cursor - page) ? TUI_DRAW_LIST : 0;
	case KEYS_PAGE_DOWN:
		return panes_move_cursor(p, p->cursor + page) ? TUI_DRAW_LIST : 0;
	case KEYS_TOP:
		return panes_move_cursor(p, 0) ? TUI_DRAW_LIST : 0;
	case KEYS_BOTTOM:
		return panes_move_cursor(p, (int)p->body.n - 1) ? TUI_DRAW_LIST : 0;
	case KEYS_OPEN:
	case KEYS_NEXT:
		if (p->cursor < 0 || (size_t)p->cursor >= t->n_cat)
			return 0;
		/* A lesson chosen from the list is read full screen; back returns here. */
		t->lesson_name = t->cat[p->cursor].name;
		tui_lesson_get(t, t->lesson_name, 1);
		t->pane[TUI_LESSON].top = 0;
		t->list = 0;
		t->focus = TUI_LESSON;
		t->zoom = 1;
		t->zoom_back = 1;
		return TUI_LAYOUT;
	case KEYS_BACK:
	case KEYS_QUIT:
	case KEYS_PREV:
	case KEYS_LESSONS:
		t->list = 0;
		return TUI_DRAW_ALL;
	case KEYS_HELP:
		t->help = 1;
		t->helppane.top = 0;
		return TUI_DRAW_HELP;
	case KEYS_REDRAW:
		clearok(curscr, TRUE);
		return TUI_LAYOUT;
	default:
		return 0;
	}
}

/* Handle one key: change the state, say what is now out of date. */
/* Body line i of the pane being searched, its spans joined. */
static const char *tui_flat_line(void *ctx, size_t i, size_t *len)
{
	struct tui *t = ctx;
	const struct sty_line *l = &t->pane[t->search_pane].body.lines[i];
	size_t n = 0;
	for (size_t k = 0; k < l->n; k++)
		n += strlen(l->spans[k].text);
	if (n + 1 > t->flat_cap) {
		char *grown = realloc(t->flat, n + 1);
		if (!grown) {
			*len = 0;
			return "";
		}
		t->flat = grown;
		t->flat_cap = n + 1;
	}
	n = 0;
	for (size_t k = 0; k < l->n; k++) {
		size_t m = strlen(l->spans[k].text);
		memcpy(t->flat + n, l->spans[k].text, m);
		n += m;
	}
	*len = n;
	return t->flat;
}

/* Search the pane again: its lines were rebuilt (tui_apply_hl marks the hits). */
static void tui_search_mark(struct tui *t)
{
	if (!t->search.pattern)
		return;
	struct panes_pane *p = &t->pane[t->search_pane];
	search_run(&t->search, tui_flat_line, t, p->body.n);
}

/* The next (dir 1), previous (-1) or first from the top (0) hit, brought into view. */
static int tui_search_step(struct tui *t, int dir)
{
	struct panes_pane *p = &t->pane[t->search_pane];
	size_t from = dir == 0 ? (size_t)p->top : t->search_cur;
	size_t hit = search_next(&t->search, from, dir, &t->search_wrapped);
	if (hit == SEARCH_NONE)
		return TUI_HL | TUI_DRAW_PANES | TUI_DRAW_KEYS;
	t->search_cur = hit;
	tui_show_line(p, (int)hit);
	/* at a tied view the hit is also the cursor, as j and k move it: the other pane shows
	 * the lines tied to it */
	int follow = 0;
	if (tui_tied(t) && t->search_pane == TUI_SOURCE) {
		t->src_cur = (long)hit + 1;
		t->src_drives = 1;
		follow = 1;
	} else if (tui_tied(t) && t->search_pane == TUI_OUTPUT && hit >= (size_t)t->rows_from &&
		   hit - (size_t)t->rows_from < t->n_rows) {
		t->out_cur = hit - (size_t)t->rows_from;
		t->src_drives = 0;
		follow = 1;
	}
	if (follow)
		return TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS |
		       (t->stage == STAGE_COMPILE ? TUI_BUILD_OUTPUT : 0);
	return TUI_HL | TUI_DRAW_PANES | TUI_DRAW_KEYS;
}

enum tui_mouse_kind { TUI_CLICK, TUI_WHEEL_UP, TUI_WHEEL_DOWN };

/* A mouse event at column x, row y: the pane under it takes the focus; a click on a line of
 * a tied view moves that pane's cursor there, on the lesson list chooses that lesson; the
 * wheel scrolls the pane under the pointer. */
static int tui_mouse(struct tui *t, int x, int y, enum tui_mouse_kind kind)
{
	if (t->help)
		return 0;
	if (t->list) {
		struct panes_pane *lp = &t->listpane;
		int row = y - lp->y - 1 - (int)lp->head.n;
		if (kind != TUI_CLICK)
			return panes_scroll(lp, kind == TUI_WHEEL_UP ? -3 : 3, 0) ? TUI_DRAW_LIST : 0;
		if (row >= 0 && x >= lp->x && x < lp->x + lp->w &&
		    panes_move_cursor(lp, lp->top + row))
			return TUI_DRAW_LIST;
		return 0;
	}
	for (int i = 0; i < TUI_PANE_COUNT; i++) {
		struct panes_pane *p = &t->pane[i];
		if (!p->win || x < p->x || x >= p->x + p->w || y < p->y || y >= p->y + p->h)
			continue;
		if (kind != TUI_CLICK)
			return panes_scroll(p, kind == TUI_WHEEL_UP ? -3 : 3, 0) ?
				       tui_pane_dirty[i] : 0;
		int dirty = TUI_DRAW_PANES;
		t->focus = i;
		int row = y - p->y - 1 - (int)p->head.n;
		int line = p->top + row;
		if (tui_tied(t) && row >= 0 && line < (int)p->body.n && i != TUI_LESSON) {
			if (i == TUI_SOURCE) {
				t->src_cur = line + 1;
				t->src_drives = 1;
			} else if (line - t->rows_from >= 0 && (size_t)(line - t->rows_from) < t->n_rows) {
				t->out_cur = (size_t)(line - t->rows_from);
				t->src_drives = 0;
			}
			dirty |= TUI_HL | TUI_FOLLOW |
				 (t->stage == STAGE_COMPILE ? TUI_BUILD_OUTPUT : 0);
		}
		return dirty | TUI_DRAW_KEYS;
	}
	return 0;
}

/* Go to line n of the focused pane (as its gutter numbers it): at a tied view its cursor
 * goes there; a line in a folded header region unfolds it first (the cursor lands once the
 * rows are made again: goto_line). */
static int tui_goto(struct tui *t, long n)
{
	struct panes_pane *p = &t->pane[t->focus];
	if (n < 1)
		return TUI_DRAW_KEYS;
	if (tui_tied(t) && t->focus == TUI_SOURCE) {
		t->src_cur = n > (long)p->body.n ? (long)p->body.n : n;
		t->src_drives = 1;
		tui_show_line(p, (int)t->src_cur - 1);
		return TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS;
	}
	if (tui_tied(t) && t->focus == TUI_OUTPUT) {
		if (t->stage == STAGE_PREPROCESS && tui_folds(t) == 0)
			for (size_t k = 0; k < t->wv.n_folds; k++)
				if (t->wv.regs[k].first <= (size_t)n && (size_t)n <= t->wv.regs[k].last)
					t->wv.fold_open[k] = 1;
		t->goto_line = n;
		return TUI_BUILD_OUTPUT | TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS;
	}
	int at = (p->numbered ? p->number_from : 0) + (int)n - 1;
	panes_scroll_to(p, at);
	return tui_pane_dirty[t->focus] | TUI_DRAW_KEYS;
}

/* The tied output's cursor to the first row at or after .i or .s line goto_line, now that
 * the rows are made. */
static void tui_goto_land(struct tui *t)
{
	if (!t->goto_line || !tui_tied(t))
		return;
	size_t i = 0;
	while (i + 1 < t->n_rows && (t->rows[i].fold || t->rows[i].line < (size_t)t->goto_line))
		i++;
	t->out_cur = i;
	t->src_drives = 0;
	t->goto_line = 0;
	tui_show_line(&t->pane[TUI_OUTPUT], t->rows_from + (int)i);
}

/* A key while the key line reads a pattern or a line number: Enter searches or goes there,
 * Esc gives up. */
static int tui_prompt_key(struct tui *t, int ch)
{
	if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && t->prompt == 2) {
		t->prompt = 0;
		t->prompt_buf[t->prompt_len] = '\0';
		return tui_goto(t, strtol(t->prompt_buf, NULL, 10));
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		t->prompt = 0;
		t->prompt_buf[t->prompt_len] = '\0';
		search_set(&t->search, t->prompt_buf);
		if (!t->search.pattern)
			return TUI_DRAW_ALL | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_BUILD_SOURCE;
		t->search_pane = t->focus;
		search_run(&t->search, tui_flat_line, t, t->pane[t->focus].body.n);
		return tui_search_step(t, 0);
	}
	if (ch == 27) {
		t->prompt = 0;
		return TUI_DRAW_KEYS;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* a whole UTF-8 character */
		while (t->prompt_len > 0 &&
		       ((unsigned char)t->prompt_buf[--t->prompt_len] & 0xc0) == 0x80)
			;
		return TUI_DRAW_KEYS;
	}
	if (t->prompt == 2 && (ch < '0' || ch > '9'))
		return 0; /* a line number: digits only */
	if (ch >= 32 && ch < 256 && ch != 127 && t->prompt_len + 1 < sizeof t->prompt_buf)
		t->prompt_buf[t->prompt_len++] = (char)ch;
	return TUI_DRAW_KEYS;
}

static int tui_key(struct tui *t, int ch)
{
	int arg = 0;
	enum keys_action a;
	struct panes_pane *p = &t->pane[t->focus];
	int pd = tui_pane_dirty[t->focus];

	if (ch == KEY_RESIZE)
		return TUI_LAYOUT;
	if (ch == KEY_MOUSE && !t->o->headless) {
		MEVENT ev;
		if (getmouse(&ev) != OK)
			return 0;
		return tui_mouse(t, ev.x, ev.y, ev.bstate & BUTTON4_PRESSED ? TUI_WHEEL_UP :
				 ev.bstate & BUTTON5_PRESSED ? TUI_WHEEL_DOWN : TUI_CLICK);
	}
	if (t->prompt)
		return tui_prompt_key(t, ch);
	a = keys_lookup_mode(ch, t->asm_menu ? KEYS_MODE_ASM : t->search.pattern ? KEYS_MODE_SEARCH :
			     t->o->demo ? KEYS_MODE_DEMO : KEYS_MODE_NORMAL, &arg);
	if (t->o->demo && !t->asm_menu && a != KEYS_SEARCH_NEXT && a != KEYS_SEARCH_PREV &&
	    a != KEYS_SEARCH_CLEAR) {
		/* in the demo, Space and Backspace step through ideas, a search or not */
		int darg;
		enum keys_action d = keys_lookup_mode(ch, KEYS_MODE_DEMO, &darg);
		if (d == KEYS_DEMO_NEXT || d == KEYS_DEMO_BACK)
			a = d;
	}
	if (t->help)
		return tui_help_key(t, a);
	if (t->list)
		return tui_list_key(t, a);
	int tied = tui_tied(t) && t->focus != TUI_LESSON;
	switch (a) {
	case KEYS_OPEN:
		if (tied) {
			int d = tui_tied_fold(t);
			if (d >= 0)
				return d;
		}
		return tui_set_stage(t, t->stage + 1);
	case KEYS_NEXT:
		return tui_set_stage(t, t->stage + 1);
	case KEYS_ASM_ALL:
		/* only where the .s shows */
		if (t->stage != STAGE_COMPILE || !tui_tied(t))
			return 0;
		t->asm_hide = t->asm_hide ? 0 : TUI_ASM_DEFAULT_HIDE;
		return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	case KEYS_ASM_MENU:
		t->asm_menu = !t->asm_menu && t->stage == STAGE_COMPILE && tui_tied(t);
		return TUI_DRAW_KEYS;
	case KEYS_ASM_GROUP:
		t->asm_hide ^= 1u << arg;
		return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_KEYS;
	case KEYS_OPT_LEVEL:
		return TUI_RESTART;
	case KEYS_DEMO_NEXT:
	case KEYS_DEMO_BACK:
		return tui_demo_step(t, a == KEYS_DEMO_NEXT ? 1 : -1) | TUI_DRAW_BAR | TUI_DRAW_KEYS;
	case KEYS_SEARCH:
		t->prompt = 1;
		t->prompt_len = 0;
		return TUI_DRAW_KEYS;
	case KEYS_GOTO:
		t->prompt = 2;
		t->prompt_len = 0;
		return TUI_DRAW_KEYS;
	case KEYS_SEARCH_NEXT:
	case KEYS_SEARCH_PREV:
		return tui_search_step(t, a == KEYS_SEARCH_NEXT ? 1 : -1);
	case KEYS_SEARCH_CLEAR:
		search_free(&t->search);
		return TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_BUILD_SOURCE | TUI_DRAW_PANES |
		       TUI_DRAW_KEYS;
	case KEYS_PREV:
		return tui_set_stage(t, t->stage - 1);
	case KEYS_STAGE:
		return tui_set_stage(t, arg);
	case KEYS_UP:
		return tied ? tui_tied_move(t, -1, 0, 0) : tui_scroll(p, -1, 0, pd);
	case KEYS_DOWN:
		return tied ? tui_tied_move(t, 1, 0, 0) : tui_scroll(p, 1, 0, pd);
	case KEYS_PAGE_UP:
		return tied ? tui_tied_move(t, -1, 1, 0) : tui_scroll(p, -1, 1, pd);
	case KEYS_PAGE_DOWN:
		return tied ? tui_tied_move(t, 1, 1, 0) : tui_scroll(p, 1, 1, pd);
	case KEYS_TOP:
		return tied ? tui_tied_move(t, 0, 0, -1) : panes_scroll_to(p, 0) ? pd : 0;
	case KEYS_BOTTOM:
		return tied ? tui_tied_move(t, 0, 0, 1) : panes_scroll_to(p, (int)p->body.n) ? pd : 0;
	case KEYS_FOCUS_NEXT:
		return tui_focus(t, 1);
	case KEYS_FOCUS_PREV:
		return tui_focus(t, TUI_PANE_COUNT - 1);
	case KEYS_REDRAW:
		clearok(curscr, TRUE);
		return TUI_LAYOUT;
	case KEYS_HELP:
		t->help = 1;
		t->helppane.top = 0;
		return TUI_DRAW_HELP | TUI_DRAW_PANES;
	case KEYS_VIEW:
	case KEYS_VIEW_PREV:
		return tui_switch_view(t, a == KEYS_VIEW ? 1 : -1);
	case KEYS_LESSONS:
		return tui_open_list(t);
	case KEYS_LESSON_NEXT:
		return tui_cycle_lesson(t, 1);
	case KEYS_LESSON_PREV:
		return tui_cycle_lesson(t, -1);
	case KEYS_ZOOM:
		t->zoom = !t->zoom;
		t->zoom_back = 0;
		return TUI_LAYOUT;
	case KEYS_BACK:
		return tui_back(t);
	case KEYS_QUIT:
		/* q leaves a full-screen view as a pager's q does, before it quits. */
		return t->zoom ? tui_back(t) : TUI_QUIT;
	default:
		return 0;
	}
}

/* A tick without a key: redraw what the worker finished since the last look, and turn the
 * spinner while something runs. */
static int tui_tick(struct tui *t)
{
	int now[TUI_SNAP], dirty = 0;

	tui_snapshot(t, now);
	if (memcmp(now, t->snap, sizeof now) != 0) {
		/* A lesson's live blocks fill in once the walk is done. */
		if (now[TUI_SNAP - 1] != t->snap[TUI_SNAP - 1] ||
		    now[3 + 2 * LINK_COUNT] != t->snap[3 + 2 * LINK_COUNT])
			dirty |= TUI_BUILD_LESSON | TUI_DRAW_LESSON;
		memcpy(t->snap, now, sizeof now);
		dirty |= TUI_DRAW_BAR | TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_BUILD_SOURCE;
		/* the tools' output, once in, may want the source pane's room */
		if (t->stage == STAGE_ASSEMBLE)
			dirty |= TUI_LAYOUT;
	}
	if (!now[TUI_SNAP - 1]) {
		t->spin++;
		dirty |= TUI_DRAW_BAR;
		if (!tui_finished(walk_stage_state(t->w, (enum stage_id)t->stage)) ||
		    t->stage == STAGE_LINK)
			dirty |= TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	}
	return dirty;
}

/* Write the virtual screen as text: one line per row, trailing blanks dropped. */
static void tui_dump(struct tui *t, int n, const char *key)
{
	FILE *f = t->o->dump ? t->o->dump : stdout;
	char *row = malloc((size_t)t->cols * MB_LEN_MAX + 1);

	if (!row)
		return;
	fprintf(f, "--- screen %d after %s\n", n, key);
	for (int y = 0; y < t->lines; y++) {
		size_t len = 0, keep = 0;
		for (int x = 0; x < t->cols; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs;
			short pair;
			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &attrs, &pair, NULL) == ERR)
				continue;
			if (!wch[0])
				continue;
			mbstate_t st;
			memset(&st, 0, sizeof st);
			size_t m = wcrtomb(row + len, wch[0], &st);
			if (m == (size_t)-1) {
				row[len] = '?';
				m = 1;
			}
			len += m;
			if (wch[0] != ' ')
				keep = len;
			int w = wcwidth(wch[0]);
			if (w > 1)
				x += w - 1;
		}
		row[keep] = '\0';
		fprintf(f, "%s\n", row);
	}
	fflush(f);
	free(row);
}

static void tui_free(struct tui *t)
{
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		panes_free(&t->pane[i]);
	panes_free(&t->helppane);
	panes_free(&t->listpane);
	if (t->bar)
		delwin(t->bar);
	if (t->keys)
		delwin(t->keys);
	if (t->banner)
		delwin(t->banner);
	for (size_t i = 0; t->lessons && i < t->n_cat; i++) {
		if (t->lessons[i].state > 0)
			lesson_free(&t->lessons[i].l);
		if (!t->lessons[i].lf_started)
			continue;
		/* stop what still runs rather than wait for it */
		for (size_t k = 0; k < t->lessons[i].lf.n; k++)
			if (t->lessons[i].lf.walks[k])
				walk_cancel(t->lessons[i].lf.walks[k]);
		livefill_free(&t->lessons[i].lf);
	}
	free(t->lessons);
	free(t->samples_dir);
	tui_walkview_free(&t->wv);
	free(t->src);
	free(t->zsrc);
	free(t->rows);
	free(t->demo_hist);
	progress_free(&t->prog);
	search_free(&t->search);
	free(t->flat);
}

/* Curses settings shared by the terminal and the headless screen. */
static void tui_setup(struct tui *t)
{
	const char *codeset = nl_langinfo(CODESET);
	t->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	panes_utf8 = t->utf8;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	/* a click focuses the pane under it (and moves a tied cursor), the wheel scrolls */
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	colors_init(t->o->no_color, t->o->demo);
}

/* The headless run: a virtual screen on /dev/null, the key script, a dump after each key. */
static int tui_run_headless(struct tui *t)
{
	static const char *const terms[] = { "xterm", "vt100", "ansi" };
	const struct tui_opts *o = t->o;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *sp = NULL;

	/* A finished walk makes every screen the same from run to run. */
	walk_wait(t->w);
	for (size_t i = 0; out && in && !sp && i < sizeof terms / sizeof terms[0]; i++)
		sp = newterm(terms[i], out, in);
	if (!sp) {
		fprintf(stderr, "lesson: cannot set up a headless curses screen\n");
		if (out)
			fclose(out);
		if (in)
			fclose(in);
		return 1;
	}
	set_term(sp);
	tui_active = 1;
	resizeterm(o->lines > 0 ? o->lines : 24, o->cols > 0 ? o->cols : 80);
	tui_setup(t);
	tui_snapshot(t, t->snap);
	tui_draw(t, TUI_LAYOUT);
	tui_dump(t, 0, "start");

	const char *s = o->keys ? o->keys : "";
	char name[64];
	int n = 1, ch, cols, lines;
	while ((ch = keys_parse(&s, name, sizeof name, &cols, &lines)) != 0) {
		int dirty;
		if (ch == KEY_RESIZE) {
			resizeterm(lines, cols);
			dirty = TUI_LAYOUT;
		} else if (ch == KEY_MOUSE) {
			dirty = tui_mouse(t, cols, lines, strncmp(name, "<Click", 6) == 0 ? TUI_CLICK :
					  strncmp(name, "<WheelUp", 8) == 0 ? TUI_WHEEL_UP : TUI_WHEEL_DOWN);
		} else {
			dirty = tui_key(t, ch);
		}
		if (dirty & TUI_QUIT)
			break;
		if (dirty & TUI_RESTART) {
			/* as at the start: the screen once the new walk is done */
			tui_restart(t);
			walk_wait(t->w);
			tui_snapshot(t, t->snap);
			dirty = (dirty & ~TUI_RESTART) | TUI_LAYOUT;
		}
		tui_draw(t, dirty);
		tui_dump(t, n++, name);
	}
	tui_free(t);
	tui_restore();
	delscreen(sp);
	fclose(out);
	fclose(in);
	return 0;
}

static int tui_run_terminal(struct tui *t)
{
	SCREEN *sp = newterm(NULL, stdout, stdin);
	if (!sp) {
		const char *term = getenv("TERM");
		fprintf(stderr, "lesson: cannot use the terminal (TERM=%s); try --report\n",
			term ? term : "unset");
		return 1;
	}
	set_term(sp);
	tui_active = 1;
	tui_setup(t);
	set_escdelay(25);
	timeout(TUI_TICK_MS);

	int dirty = TUI_LAYOUT;
	tui_snapshot(t, t->snap);
	t->src_quick = 1;
	while (!(dirty & TUI_QUIT)) {
		tui_draw(t, dirty);
		if (t->src_quick) {
			/* the first frame is out: now every line of the source */
			t->src_quick = 0;
			tui_draw(t, TUI_BUILD_SOURCE | TUI_DRAW_SOURCE);
		}
		/* Once the walk is done nothing changes without a key: stop polling. */
		int pending;
		tui_lessons_walked(t, &pending);
		int idle = walk_is_done(t->w) && t->snap[TUI_SNAP - 1] && !pending;
		timeout(idle && !t->o->demo_secs ? -1 : TUI_TICK_MS);
		int ch = getch();
		dirty = ch == ERR ? tui_tick(t) : tui_key(t, ch);
		/* --demo=SECONDS: the next idea when the room has had its time with this one */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double at = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
		if (ch != ERR || t->demo_last == 0)
			t->demo_last = at;
		else if (t->o->demo_secs && at - t->demo_last >= t->o->demo_secs) {
			dirty |= tui_demo_step(t, 1) | TUI_DRAW_BAR | TUI_DRAW_KEYS;
			t->demo_last = at;
		}
	}
	tui_free(t);
	tui_restore();
	delscreen(sp);
	return 0;
}

int tui_run(struct walk **w, const struct tui_opts *o)
{
	struct tui t;

	memset(&t, 0, sizeof t);
	t.w = *w;
	t.wp = w;
	t.o = o;
	t.focus = TUI_OUTPUT;
	t.out_home = 1;
	t.asm_hide = TUI_ASM_DEFAULT_HIDE;
	t.demo_item = -1;
	t.cat = catalog_all(&t.n_cat);
	t.lessons = calloc(t.n_cat ? t.n_cat : 1, sizeof *t.lessons);
	if (!t.lessons || asprintf(&t.samples_dir, "%s/samples", o->datadir) < 0) {
		fprintf(stderr, "lesson: out of memory\n");
		free(t.lessons);
		return 1;
	}
	tmpdir_set_restore_hook(tui_restore);
	/* Whoever calls exit() while curses owns the terminal (an allocation failure, say),
	 * the shell gets its terminal back. */
	atexit(tui_restore);
	tui_load_source(&t);
	progress_load(&t.prog);
	return o->headless ? tui_run_headless(&t) : tui_run_terminal(&t);
}
