/* ui: the walkthrough's state, shared by the parts of the curses front end. Private to tui/.
 *
 * Contract: struct tui is the one state of the walkthrough; handlers (input.c, demo.c) change
 * it and return what is out of date (enum tui_dirty); the one draw pass (tui.c) rebuilds and
 * draws that. The parts and their prefixes: tui.c the loop and the draw pass (tui_), input.c
 * keys, prompt, mouse and search (input_), layout.c where each window goes (layout_),
 * chrome.c the stage bar, key line and help (chrome_), demo.c the classroom demo (demo_),
 * lessonpane.c the lesson pane and list (lpane_), terms.c the glossary's chooser of the
 * lesson's terms (terms_), source.c the source pane (source_), tied.c
 * the cursor that ties the source to the .i or .s (tied_), view.c the table of the output
 * pane's views (view_, see view.h), vdoc.c curses-free document helpers (vdoc_, vdoc.h).
 * Whether the terminal takes UTF-8 travels in t->utf8, never in a global.
 */
#ifndef CSTAGES_UI_H
#define CSTAGES_UI_H

#include <curses.h>
#include <stddef.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/livefill.h"
#include "stages/ccdiag.h"
#include "stages/i18n.h"
#include "stages/walk.h"
#include "tui/keys.h"
#include "tui/panes.h"
#include "tui/progress.h"
#include "tui/search.h"
#include "tui/tui.h"
#include "tui/watch.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 10
#define TUI_TICK_MS 100
#define TUI_WIDE 160        /* from this width the lesson is a column on the right */
#define TUI_LESSON_MAX 100  /* lesson text wider than this is hard to read */
#define TUI_LINK_COL_MIN 26 /* a link variant's column narrower than this is hard to read */
#define TUI_LIST_MAX 80     /* the lesson list's box is no wider */
#define TUI_HINT_ROWS 12    /* a pane's hint shows only where its body keeps this many rows */

enum tui_pane_id { TUI_SOURCE, TUI_OUTPUT, TUI_LESSON, TUI_PANE_COUNT };

/* What the box over the panes (listpane) shows, when t->list is set. */
enum { TUI_LIST_LESSONS = 1, TUI_LIST_TERMS = 2 };

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
 * variant's link state and whether all its facts are in, the lessons' sample walks, the
 * side runs (the -g compile, libclang, the object's facts and tools), whether each stage's
 * diagnostics are explained, and whether the walk
 * is done. Only ints, compared whole with memcmp. */
struct tui_snap {
	int stage[STAGE_LINK];
	int link[LINK_COUNT];
	int variant_done[LINK_COUNT];
	int lessons_walked;
	int gline;   /* its state * 2 + whether the variables are in (walk_dwvars_ready) */
	int clang;   /* its state * 2 + whether the fates are in */
	int diag[STAGE_LINK]; /* whether each stage's diagnostics are in (walk_diag_ready) */
	int obj;     /* the object's facts * 2 + its tools' output */
	int run5;    /* stage 5: its state * 2 + whether its facts are in */
	int cmp;     /* the comparisons of two levels (--compare, c): a bit for each one running
		      * and one for each one finished */
	int done;
};

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
	size_t line; /* the .i line; at Compile the line of the -g compile's .s (asmm), 0 for a
			line of the shown .s it lacks */
	int fold; /* 1 + the region's index when the row is a folded region; 0 for a line */
	long num; /* the number shown: the .i line, or the line of the .s the shown command
		     made (asms); -1 for a -g line that .s lacks (a .loc line, debug) */
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
	struct tui_region *regs;  /* the .i's header regions, n_folds of them */
	unsigned char *fold_open; /* the .i's header regions the learner unfolded */
	size_t n_folds;
	unsigned char *inactive;  /* source lines a false #if left out of the .i */
	size_t n_inactive;
	/* how gcc's diagnostics of the preprocess and compile stages (the walk's diag, read by
	 * diag.c) are shown: */
	int *diag_row[2];  /* the output body line of each item's explanation; -1: not shown;
			      made when the walk's diagnostics are first shown */
	size_t diag_cur[2]; /* the item the diagnostic key chose, 1-based; 0: none yet */
	int diag_shown[2]; /* the source pane was scrolled to the first of a failed stage's */
};

struct exercise_prep;
struct exercise_verdict;

/* What a link variant showed before a save (rewalk.c), to say what moved. */
struct tui_rw_variant {
	int state;          /* enum run_state of its link */
	long long size;     /* the program's bytes, -1 when absent */
	int ran;            /* it ran: code and signo say how it ended */
	int code, signo;
};

/* --watch (rewalk.c): the saves watched, what the walk before a save showed, what changed. */
struct tui_rewalk {
	struct watch watch;
	int on;                  /* watching */
	int n_walks;             /* walks after a save */
	char saved_at[16];       /* the save's local time, "12:03:04" */
	char file[256];          /* the file it saved (the last of several) */
	size_t n_files;
	char err[512];           /* the walk after the save could not be made: why */
	/* the walk before: its .s, and its link variants once finished */
	char *s_old;
	size_t s_old_len;
	int had_s;
	struct tui_rw_variant before[LINK_COUNT];
	int had_before[LINK_COUNT];
	/* what changed in the .s, once the new compile is in: per line of the new .s, 1 when it
	 * is not in the old one */
	int s_cmp;               /* 0 not yet, 1 compared, -1 no .s to compare */
	unsigned char *s_changed;
	size_t s_lines, n_changed, n_removed;
	unsigned stamped;        /* the "drawn N" stamps made for this walk (watch_stamp) */
	int status_sig;          /* what the key line's status was last drawn from */
	/* the output pane's scroll at the save, put back once the same view of the new walk
	 * is ready (until then the view shows a stage at work, a few lines) */
	int out_top, out_stage, out_view, out_restore;
	int fast;                /* poll the walk often until the first stages are on screen */
	double last_spin;        /* when the spinner last turned (CLOCK_MONOTONIC seconds) */
	/* the exercise (stages/exercise.h): the walk's preparation, the check of the last
	 * finished walk, the hints given */
	struct exercise_prep *prep; /* the preparation of the walk shown when a save made it;
				       NULL: the caller's (tui_opts.exercise_prep) */
	struct exercise_verdict *verdict; /* the last check, NULL until a walk is checked */
	int checked;             /* the walk shown was checked */
	size_t hints;            /* hints given so far */
	int hint_line;           /* the lesson pane's line where the last hint given starts */
	int show_hint;           /* the next build scrolls the lesson pane to it */
	int done_said;           /* the goal held once: marked in the progress file */
};

/* Where the demo stood before a Space: its stage, view, idea and the panes' scroll. */
struct tui_demo_at {
	int stage, view, item, out_top, src_top, src_drives;
	int card; /* the exercise's card was shown */
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
	struct tui_snap snap;
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
	int run_variant; /* at Run: the link variant the views show (enum link_kind), v steps */
	long src_mark;   /* a view's row tied to a source line without a tied cursor (the
			    relocation at the cursor): that line stands out in the source pane;
			    0 none. view_build clears it, the view sets it. */
	int view[STAGE_COUNT]; /* which of its views the output pane shows at each stage: an index
				  into the views available there (view_at) */
	int out_home;  /* start the .i at the learner's code when it is next built */
	int zoom;      /* the focused pane fills the screen */
	int zoom_back; /* leaving the zoomed lesson goes back to the lesson list */
	int list;      /* the box over the panes is open: TUI_LIST_LESSONS, the lesson list, or
			  TUI_LIST_TERMS, the lesson's terms (terms.c) */
	struct terms_state *terms; /* terms.c's: the glossary, the terms shown; NULL until t */
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
	void **vstate;           /* each view's own state, by its place in the view table */
	/* Search: '/' types a pattern (prompt), Enter runs it on the focused pane. */
	struct search search;    /* active when search.pattern is set */
	int search_pane;         /* the pane it searched */
	size_t search_cur;       /* the body line of the hit shown (an .i line less one when
				    search_ilines) */
	int search_ilines;       /* the search ran over the .i's own lines, those of folded
				    headers too: hits and search_cur are .i lines less one */
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
	/* The demo of an exercise: its card (the exercise's pane alone, full screen, under the
	 * banner "Exercise N") opens the demo, and again on H and after each save's check, so
	 * the room sees the hint or the verdict; Space leaves it for the place it came from (the
	 * exercise's stage, the first time). */
	int demo_card;
	int card_ret;            /* card_at holds the place the card was opened from */
	struct tui_demo_at card_at;
	double demo_last;        /* when it last moved, for --demo=SECONDS */
	struct tui_rewalk rw;    /* --watch and the exercises (rewalk.c) */
	struct predict *predict; /* the lessons' questions, asked before their panes (predict.c) */
};

/* --- tui.c: the loop and the draw pass ----------------------------------------------------- */

/* Forget what the views derived from a walk (a new walk replaces it). */
void tui_walkview_free(struct tui_walkview *v);

/* Walk src again with options o in the same walk directory: the walk that runs is stopped
 * and freed, what the views read from it forgotten. keep_place keeps the output cursor
 * (the stage, the views and the panes' scroll always stay). 0, or -1 with err (the old walk
 * stays, stopped). */
int tui_walk_again(struct tui *t, const char *src, const struct walk_opts *o, int keep_place,
		   char *err, size_t errlen);

/* 1 when a run in state st has ended: done, failed or skipped. */
int tui_finished(enum run_state st);

/* Make the state for walk *w (which a walk at another level replaces) with options o: no
 * curses, so that tests build views with it; 0, or -1 when out of memory. tui_free frees
 * what it made, and the windows if the loop made any. */
int tui_init(struct tui *t, struct walk **w, const struct tui_opts *o);
void tui_free(struct tui *t);

/* Go to stage s (clamped out: nothing happens); what that made out of date. The view left is
 * told, the stage opens on its own lesson. */
int tui_set_stage(struct tui *t, int s);

/* --- source.c: the source pane ------------------------------------------------------------- */

/* The C source, read once; what the source pane shows whatever the stage. */
void source_load(struct tui *t);

/* The source pane's lines (on the first frame only those in view). */
void source_build(struct tui *t);

/* --- tied.c: the source tied to the .i or the .s ------------------------------------------- */

/* The .i's header regions and which are unfolded, found once a walk: 0, or -1 when out of
 * memory. */
int tied_folds(struct tui *t);

/* The tied output pane's body: one row per .i or .s line or folded region; the .s without
 * the groups of directives in hide (1 << asmmap kind). The view has made the head. */
void tied_build(struct tui *t, struct panes_pane *p, unsigned hide);

/* The source pane's bands and ties at a tied stage. */
void tied_tie_source(struct tui *t);

/* Every highlight of the panes, from the state: the tied cursors and what they are tied to,
 * then the search's hits (from its last run) over them. A key that only moves a cursor or a
 * hit comes here instead of rebuilding a pane: on a 100,000-line .i, a pass over the lines'
 * flags costs little next to making the lines again. */
void tied_apply_hl(struct tui *t);

/* Bring body line i of p into view, a third from the top, unless it is in view already. */
void tied_show_line(struct panes_pane *p, int i);

/* Move a tied view's cursor: the source's or the output's, by delta lines (or pages, or to
 * an end). The other pane follows. */
int tied_move(struct tui *t, int delta, int page, int end);

/* After a move: the other pane scrolls to what the cursor is tied to. */
void tied_follow(struct tui *t);

/* Enter on a folded region unfolds it; on an unfolded header line folds its region again. */
int tied_fold(struct tui *t);

/* The index in rows of the row of .i line n (1-based): its own row, or the folded region's
 * that holds it (then *folded is 1); -1 when there is none. */
long tied_row_of_iline(const struct tui *t, size_t n, int *folded);

/* A key of the view's moves (up, down, a page, the top, the bottom) moves the focused pane's
 * cursor; -1 for any other action. */
int tied_key_move(struct tui *t, enum keys_action a);

/* The demo's idea at output body line `line` becomes the output cursor: what that makes out
 * of date, or 0 when the line is not one of the rows. */
int tied_idea(struct tui *t, int line);

/* --- diag.c: gcc's diagnostics of the preprocess and compile stages ------------------------ */

/* The diagnostics of stage s (STAGE_PREPROCESS or STAGE_COMPILE), explained (the walk's
 * diag[s], stages/ccdiag.h), once the walk has them (walk_diag_ready: the stage and
 * libclang's parse are finished) and gcc printed some; NULL otherwise. */
const struct ccdiag *diag_get(struct tui *t, int s);

/* Under gcc's text in the output pane's body d (a failed stage): each diagnostic in words,
 * at the line that causes it, with its fix and lesson; records where each one starts. */
void diag_add_explained(struct tui *t, struct sty_doc *d, int s, int width);

/* In a head (a stage that succeeded): how many warnings gcc gave and the key that steps
 * through them; the one the key chose, explained. */
void diag_add_head(struct tui *t, struct sty_doc *head, int s, int width);

/* Mark the source pane's lines that the stage shown has diagnostics for (gutter marks), and
 * scroll to the first one of a failed stage once. */
void diag_mark_source(struct tui *t);

/* The diagnostic key: the next (dir 1) or previous (-1) diagnostic of the stage shown; what
 * that made out of date, or 0 when it has none. */
int diag_step(struct tui *t, int dir);

/* Free what diag.c keeps in the walk's view. */
void diag_free(struct tui_walkview *v);

/* --- lessonpane.c: the lesson pane and the lesson list ------------------------------------- */

/* The lesson the pane now shows is seen: its stage and name go into the learner's progress,
 * and the walks of the samples its live blocks name start. Called before the pane is built,
 * so that building it changes nothing. */
void lpane_visit(struct tui *t);

/* How many of the lessons' sample walks have finished; *pending gets how many have not. */
int lpane_lessons_walked(const struct tui *t, int *pending);

/* The lesson pane: the lesson shown (the stage's own, or one chosen), its live blocks filled
 * from this walk or the lesson's own walks of its samples. Changes nothing but the pane. */
void lpane_build(struct tui *t);

/* The lesson list: every lesson in teaching order, those for this stage marked, the one the
 * lesson pane shows chosen when it opens. */
void lpane_build_list(struct tui *t, int width);

/* Show the next (step 1) or previous (-1) lesson of the current stage in the lesson pane. */
int lpane_cycle_lesson(struct tui *t, int step);

/* Open the lesson list, the lesson the pane shows chosen. */
int lpane_open_list(struct tui *t);

/* Load lesson name and start walking the samples its live blocks and questions name, as
 * when it is first shown (a question asked before its lesson is shown needs them). */
void lpane_walk_lesson(struct tui *t, const char *name);

/* A key while the lesson list is open: move the choice, open a lesson, or close the list. */
int lpane_list_key(struct tui *t, enum keys_action a);

/* The lesson the lesson pane shows, loaded; NULL when it cannot be. */
const struct lesson *lpane_lesson(struct tui *t);

/* --- terms.c: the glossary's terms of the lesson shown --------------------------------------- */

/* Open the chooser of the terms the lesson pane's lesson marks (every term when it marks
 * none), over the panes; the glossary is read the first time. */
int terms_open(struct tui *t);

/* The box's lines at width: the chooser, or the chosen term's definition. */
void terms_build(struct tui *t, int width);

/* A key while the box shows the terms: move the choice, show a definition (Enter), scroll
 * it, go back from it to the chooser, or close the chooser (Esc). */
int terms_key(struct tui *t, enum keys_action a);

/* 1 while the box shows a term's definition rather than the chooser. */
int terms_reading(const struct tui *t);

/* Free what terms.c keeps. */
void terms_free(struct tui *t);

/* --- chrome.c: the stage bar, the key line, the help --------------------------------------- */

/* The frames of the spinner shown on running stages. */
const char *chrome_spinner(const struct tui *t);

/* The help screen, generated from the key table, laid out at the help pane's width. */
void chrome_help(struct tui *t, int width);

/* The top line: the program and file, then the stages with their marks, the current one
 * bracketed (so it shows without colour too). Narrow screens drop the title, then name only
 * the current stage. */
void chrome_bar(struct tui *t);

/* A stage's state as the stage bar marks it: the walk's, except that the Compile stage is
 * still running while the -g compile its views read (w->gline) is still to come. */
enum run_state chrome_stage_state(const struct tui *t, enum stage_id s);

/* The bottom line: the most useful keys, generated from the key table. Actions next to each
 * other with one label share an entry; help and quit (or back) are kept when room is short. */
void chrome_keys(struct tui *t);

/* --- layout.c: where each window goes ------------------------------------------------------ */

/* Place every window for the current size and stage. */
void layout_place(struct tui *t);

/* --- demo.c: the classroom demo ------------------------------------------------------------ */

/* The demo's banner: the stage's number and name in big letters, centred; plain when they
 * do not fit. */
void demo_draw_banner(struct tui *t);

/* The demo's next idea (dir 1) or the one before (-1): the next item line of the output
 * pane; past the last, the stage's next view; past its last view, the next stage. A view
 * opens before its first idea, with no line picked out. At a tied view the idea is also the
 * tied cursor, so the source pane shows where it came from. Backspace goes back to where
 * the Space before it left from, scroll and all, so the room sees that screen again. */
int demo_step(struct tui *t, int dir);

/* In the demo of an exercise: open its card over the place shown now (H, a save's verdict);
 * Space goes back to that place. What that made out of date; 0 outside such a demo. */
int demo_show_card(struct tui *t);

/* In the draw pass, once the output pane is built: the idea shown picked out (the view's last
 * when the demo came back from the next one), and Backspace's scroll put back. */
void demo_mark(struct tui *t);

/* --- rewalk.c: --watch, walk again on each save ---------------------------------------- */

/* Watch the walk's sources (and the exercise's directory): 0, or -1 with a message in err. */
int rewalk_open(struct tui *t, char *err, size_t errlen);
void rewalk_free(struct tui *t);

/* The descriptor the loop polls beside the keyboard, -1 when not watching; how long the
 * loop may sleep before the watch or the walk wants a look (-1: as long as it likes). */
int rewalk_fd(const struct tui *t);
int rewalk_wait_ms(const struct tui *t, int ms);

/* The loop saw the watch's descriptor ready, or woke up: take its events; when a save has
 * settled, walk again (the exercise's build file read anew), keeping the stage, the views
 * and the place. What that made out of date. */
int rewalk_poll(struct tui *t);

/* A tick: once the new compile is in, compare its .s with the one before; once the walk is
 * done, check the exercise. What that made out of date. */
int rewalk_tick(struct tui *t);

/* In the draw pass, once the output pane is built: the .s lines new since the walk before
 * marked in its gutter; at Link, what moved. */
void rewalk_mark(struct tui *t);

/* After a frame is out: stamp the stages it shows finished for the first time (watch.h). */
void rewalk_stamp_drawn(struct tui *t);

/* The status of the last save for the key line ("saved 12:03:04 hello.c · walked again · 3
 * lines of the .s changed"; brief: without the file's name), or NULL when there was none. */
const char *rewalk_status(const struct tui *t, int brief, char *buf, size_t len);

/* --- expane.c: an exercise in the walkthrough --------------------------------------------- */

/* A save of the exercise's files: stop the walk, prepare the next one in the walk directory
 * (the build file read anew, its build steps run) and start it, keeping the place. 0, or -1
 * with err (the old walk stays, stopped). */
int expane_walk_again(struct tui *t, char *err, size_t errlen);

/* A tick: once the walk is done, check the goal on it (once a walk), and mark the exercise
 * done in the progress file the first time it holds. What that made out of date. */
int expane_tick(struct tui *t);

/* The lesson pane while no lesson is chosen: the verdict, each condition held or not, the
 * hints given, the goal. */
void expane_build(struct tui *t);

/* H: the next hint (one at a time), and the exercise back in the lesson pane. */
int expane_hint(struct tui *t);

/* Free the verdict and the preparation the walkthrough made. */
void expane_free(struct tui *t);
/* --- predict.c: the lessons' questions, asked before the pane that answers them ----------- */

/* Make and free t->predict (the questions are read from the lessons when first needed). In
 * a terminal, each question is asked by itself before its pane is first shown; headless
 * screens and the demo start with that off, and P asks. 0, or -1 when out of memory. */
int predict_init(struct tui *t);
void predict_free(struct tui *t);

/* Back to a fresh start: nothing asked, no pane seen (the headless <Reset>). */
void predict_reset(struct tui *t);

/* In the draw pass, first: when the learner has come to a pane (a stage, a view) shown for
 * the first time, and a question of the stage's lessons waits for that pane, ask it; a
 * verdict stays with its pane. What that made out of date. */
int predict_check(struct tui *t);

/* P: ask the current pane's next question (again, if it was asked), and ask them by
 * themselves again. What that made out of date (0: this pane has none). */
int predict_ask(struct tui *t);

/* 1 when the current pane has a question (the key line offers P). */
int predict_here(const struct tui *t);

/* KEYS_MODE_PREDICT while a question is asked. */
enum keys_mode predict_mode(const struct tui *t);

/* A key while a question is asked: what it made out of date, or -1 to leave it to the
 * walkthrough (help, quit, scrolling; any other key skips the question first). */
int predict_key(struct tui *t, enum keys_action a, int arg);

/* The key line while a question is asked. */
void predict_keyline(const struct tui *t, char *buf, size_t len);

/* The output pane shows the question asked, in place of its view: 1 when it built it. */
int predict_build(struct tui *t);

/* After the view is built: the verdict on the question just answered, in its head. */
void predict_decorate(struct tui *t);

/* Lesson md (named lesson) with its questions expanded for the lesson pane: each with its
 * choices and the verdict once asked; NULL when out of memory (the caller frees it). */
char *predict_lesson_md(struct tui *t, const char *lesson, const char *md);

/* --- input.c: keys, prompt, mouse, search -------------------------------------------------- */

enum tui_mouse_kind { TUI_CLICK, TUI_WHEEL_UP, TUI_WHEEL_DOWN };

/* Search the pane again: its lines were rebuilt (tied_apply_hl marks the hits). */
void input_search_mark(struct tui *t);

/* The tied output's cursor to the first row at or after .i or .s line goto_line, now that
 * the rows are made. */
void input_goto_land(struct tui *t);

/* A mouse event at column x, row y: the pane under it takes the focus; a click on a line of
 * a tied view moves that pane's cursor there, on the lesson list chooses that lesson; the
 * wheel scrolls the pane under the pointer. */
int input_mouse(struct tui *t, int x, int y, enum tui_mouse_kind kind);

/* One key (a curses key code): the state changed, and what is now out of date. */
int input_key(struct tui *t, int ch);

#endif
