/* view: the output pane's views, in one table, beside the table of stages.
 *
 * Contract: each view is one file under tui/views/ that defines one const struct view_ops
 * (a few, such as nm, readelf and objdump, share a file and differ only by arg). The table
 * in view.c lists every view in the order `o` steps through them; a stage's views are the
 * table's entries for that stage whose available() says yes for this walk, and
 * t->view[stage] is an index into them. The stage bar, the number keys, `o`, the view strip
 * in a pane's head, the key line and the demo all come from these two tables, so a new view
 * is one new file and one table entry. A view builds its lines into a struct panes_pane's
 * head and body (sty_doc documents; a view never draws, so it builds the same lines with no
 * terminal, as the Check suites do), declares the actions of the key table (tui/keys.h) it
 * handles, and keeps its own state in t->vstate (view_state). The helpers below are what
 * several views share: a stage's state while it is not done, the artifact as text.
 */
#ifndef CSTAGES_VIEW_H
#define CSTAGES_VIEW_H

#include <stddef.h>

#include "lessons/styled.h"
#include "stages/walk.h"
#include "tui/keys.h"

struct tui;
struct panes_pane;

struct view_ops {
	const char *name;  /* on the view strip: "the .i", "nm", "static" */
	const char *group; /* said once before the first of a run of views ("members:"), or NULL */
	enum stage_id stage;
	int arg;           /* handed to build: which tool, which link variant */
	/* 1 when the view exists for this walk (the library view needs several sources); NULL:
	 * always */
	int (*available)(const struct tui *t);
	/* Build the view into p's head and body at width text columns; the head holds the view
	 * strip already (view_build puts it first), the body is empty. */
	void (*build)(struct tui *t, struct panes_pane *p, int width, int arg);
	/* Columns the view needs so that its lines are not cut, or 0 when it wraps to any width
	 * (the layout gives it the room when it can); NULL: 0. */
	int (*need)(struct tui *t, int arg);
	/* 1 when the view is tied to the source now (its map is in): a cursor in each pane;
	 * NULL: never */
	int (*tied)(const struct tui *t);
	int cursor_dirty;  /* what a move of its cursor also makes out of date (enum tui_dirty) */
	/* The actions of the key table it handles, ended by KEYS_NONE, and its handler: what
	 * the action made out of date, or -1 to leave the action to the walkthrough. arg is the
	 * key binding's argument. */
	const enum keys_action *actions;
	int (*key)(struct tui *t, enum keys_action a, int arg);
	/* Its own key mode (the .s view's chooser of directives), or KEYS_MODE_NORMAL; and the
	 * key line it shows in that mode. NULL: none. */
	enum keys_mode (*mode)(const struct tui *t);
	void (*keyline)(const struct tui *t, char *buf, size_t len);
	/* The demo stepped to body line `line`, which the view marked as an idea (sty_line.item):
	 * what that made out of date; NULL: only the line is picked out. */
	int (*idea)(struct tui *t, int line);
	void (*leave)(struct tui *t);  /* the learner went to another view or stage */
	/* A new walk replaced the old: drop what came from it, in state (the view's own). */
	void (*forget)(struct tui *t, void *state);
	size_t state_size;             /* bytes of its own state in t->vstate, zeroed at start */
};

/* The stages, in order: the bar's title, what the output pane shows, the artifact's
 * extension (NULL at Link) and the gcc option that stops there. */
struct view_stage {
	const char *what, *ext, *flag;
};
extern const struct view_stage view_stages[STAGE_COUNT];

/* Allocate and free each view's state (t->vstate); 0, or -1 when out of memory. */
int view_init(struct tui *t);
void view_free(struct tui *t);

/* The view's own state, made by view_init: state_size bytes, zeroed at start. */
void *view_state(const struct tui *t, const struct view_ops *ops);

/* How many views a stage has for this walk, and the i-th (clamped), and the one shown. */
int view_count(const struct tui *t, int stage);
const struct view_ops *view_at(const struct tui *t, int stage, int i);
const struct view_ops *view_current(const struct tui *t);

/* Show view i of the current stage (as `o` and the demo do): the view left is told. */
void view_show(struct tui *t, int i);

/* The current view asks: tied to the source now; what a cursor move dirties; its key mode
 * and key line; whether it handles action a, and its handling (-1: not handled); the
 * columns it needs; the demo's idea at line. */
int view_tied(const struct tui *t);
int view_cursor_dirty(const struct tui *t);
enum keys_mode view_mode(const struct tui *t);
int view_keyline(const struct tui *t, char *buf, size_t len);
int view_handles(const struct tui *t, enum keys_action a);
int view_key(struct tui *t, enum keys_action a, int arg);
int view_need(struct tui *t);
int view_idea(struct tui *t, int line);

/* The help for `o`, from the table: "the output pane's next view. At Preprocess: the .i,
 * include tree and macros. ..." for this walk's views. */
void view_help(const struct tui *t, char *buf, size_t len);

/* Every view forgets what it derived from the walk, and the current one is left. */
void view_forget(struct tui *t);
void view_leave(struct tui *t);

/* Build the output pane: the current view of the current stage, its title, its scroll. */
void view_build(struct tui *t);

/* --- what several views share ---------------------------------------------------------- */

/* The head line naming the stage's views, the one shown bracketed, and the key that
 * switches them; "view 2 of 4: nm" when the names do not fit. */
void view_strip(struct tui *t, struct sty_doc *d, int width);

/* When stage s has not finished, or finished without its artifact, say so in p and return
 * 0; 1 when the view may read the stage's record and artifact. */
int view_stage_ready(struct tui *t, struct panes_pane *p, int s, int width);

/* The .i or the .s as gcc wrote it: the command, gcc's warnings, the numbered text. The .i
 * opens at the learner's code, below what the headers pasted in. */
void view_text_artifact(struct tui *t, struct panes_pane *p, int s, int width);

/* Why a run did not happen, as the walk recorded it. */
void view_skipped(struct sty_doc *d, const struct stage_run *r, int width);

/* What clang's facts say when they are not in (still parsing, or why they are missing), in
 * p's body: 1 when it said so, 0 when the facts are in. */
int view_clang_missing(struct tui *t, struct panes_pane *p, int width);

/* At Run: while stage 5's facts are not in (the links still running, or stage 5 at work),
 * or when it was not reached, say so in p and return 0; 1 when the view may read w->run5. */
int view_run5_ready(struct tui *t, struct panes_pane *p, int width);

/* At Run: the link variant the views show, t->run_variant when its program was studied,
 * else the first that was; -1 when none. */
int view_run_variant(const struct tui *t);

/* At Run: the head line naming the variants studied, the one shown bracketed, and the key
 * that steps them ("variant: [dynamic]  static  static-pie  musl   v next"). */
void view_run_strip(struct tui *t, struct sty_doc *d, int width);

/* v at Run: the next variant studied; what that made out of date. */
int view_run_next_variant(struct tui *t);

/* The views, one file each under tui/views/. */
extern const struct view_ops view_ifile, view_includes, view_macros, view_sfile,
	view_functions, view_objfacts, view_nm, view_readelf, view_objdump, view_objects,
	view_links,
	view_members_static, view_members_static_pie, view_members_musl, view_library,
	view_compare, view_relocs, view_segments, view_loader, view_process;

/* c in the walkthrough: compare the .s with another optimisation level (the one --compare
 * named, or the one c chose last, else -O2, or -O0 from -O2), starting that compile, and show
 * the comparison's view at Compile (tui/views/compare.c). What that made out of date. */
int compare_open(struct tui *t);

#endif
