/* tui: the interactive walkthrough in curses. See tui.h; its parts share tui/ui.h.
 *
 * One loop: a key (or a 100 ms tick that polls the walk) goes to a handler, the handler
 * changes the state and returns what is now out of date, and one draw pass rebuilds and
 * draws only that, each window with wnoutrefresh() and the screen with one doupdate().
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "stages/exercise.h"
#include "stages/tmpdir.h"
#include "tui/colors.h"
#include "tui/ui.h"
#include "tui/view.h"

void tui_walkview_free(struct tui_walkview *v)
{
	for (int k = 0; k < 3; k++)
		free(v->art[k]);
	for (int k = 0; k < 2; k++)
		free(v->ztext[k]);
	free(v->regs);
	free(v->fold_open);
	free(v->inactive);
	diag_free(v);
	memset(v, 0, sizeof *v);
}

static volatile sig_atomic_t tui_active;

void tui_restore(void)
{
	if (tui_active) {
		tui_active = 0;
		endwin();
	}
}

int tui_finished(enum run_state st)
{
	return st == RUN_OK || st == RUN_FAILED || st == RUN_SKIPPED;
}

static void tui_snapshot(const struct tui *t, struct tui_snap *snap)
{
	memset(snap, 0, sizeof *snap);
	for (int i = 0; i < STAGE_LINK; i++)
		snap->stage[i] = (int)walk_state(&t->w->stage[i]);
	for (int k = 0; k < LINK_COUNT; k++) {
		snap->link[k] = (int)walk_state(&t->w->variant[k].link);
		snap->variant_done[k] = walk_variant_finished(&t->w->variant[k]);
	}
	snap->lessons_walked = lpane_lessons_walked(t, NULL);
	snap->gline = (int)walk_state(&t->w->gline) * 2 + walk_dwvars_ready(t->w);
	snap->clang = (int)walk_state(&t->w->clang) * 2 + walk_fates_ready(t->w);
	for (int i = 0; i < STAGE_LINK; i++)
		snap->diag[i] = walk_diag_ready(t->w, (enum stage_id)i);
	snap->obj = walk_obj_ready(t->w) * 2 + walk_tools_ready(t->w);
	for (int k = 0; k < OCMP_N_LEVELS; k++)
		snap->cmp |= ocmp_run_busy(&t->w->cmp[k]) << (2 * k) |
			     ocmp_run_finished(&t->w->cmp[k]) << (2 * k + 1);
	snap->run5 = (int)walk_stage_state(t->w, STAGE_RUN) * 2 + walk_run5_ready(t->w);
	snap->done = walk_is_done(t->w);
}

int tui_walk_again(struct tui *t, const char *src, const struct walk_opts *o, int keep_place,
		   char *err, size_t errlen)
{
	struct walk *old = t->w;
	walk_cancel(old);
	walk_wait(old);
	struct walk *w = walk_new(src, o, old->dir, err, errlen);
	if (!w)
		return -1;
	if (walk_start(w) < 0)
		walk_run(w);
	t->w = w;
	if (t->wp)
		*t->wp = w;
	/* the output pane's lines borrow the old walk's text: empty it before the walk goes */
	panes_reset(&t->pane[TUI_OUTPUT]);
	tui_walkview_free(&t->wv);
	view_forget(t);
	walk_free(old);
	if (!keep_place)
		t->out_cur = 0;
	t->rw.checked = 0; /* an exercise checks each walk */
	tui_snapshot(t, &t->snap);
	return 0;
}

/* The levels + cycles through. */
static const char *const tui_levels[] = { "-O0", "-O1", "-O2", "-O3", "-Os" };

/* Walk again at the next optimisation level, in the same directory: stop the walk that
 * runs, start the new one, and forget what was read from the old one. */
static void tui_restart(struct tui *t)
{
	struct walk_opts o = t->w->opts;
	size_t n = sizeof tui_levels / sizeof tui_levels[0], i = 0;
	for (size_t k = 0; k < n; k++)
		if (o.opt_level && strcmp(o.opt_level, tui_levels[k]) == 0)
			i = k;
	o.opt_level = tui_levels[(i + 1) % n];
	char err[512];
	tui_walk_again(t, t->w->src_path, &o, 0, err, sizeof err);
}

static void tui_draw(struct tui *t, int dirty)
{
	/* a question waits for the pane the learner came to (predict.c) */
	dirty |= predict_check(t);
	if (dirty & TUI_RESTART) {
		tui_restart(t);
		dirty |= TUI_LAYOUT;
	}
	if (dirty & TUI_LAYOUT) {
		layout_place(t);
		source_build(t);
		dirty |= TUI_DRAW_ALL | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON;
	}
	if (t->too_small) {
		doupdate();
		return;
	}
	if ((dirty & TUI_BUILD_OUTPUT) && !predict_build(t)) {
		view_build(t);
		rewalk_mark(t);
		predict_decorate(t);
	}
	if (t->goto_line && (dirty & (TUI_BUILD_OUTPUT | TUI_LAYOUT)))
		input_goto_land(t);
	if (dirty & (TUI_LAYOUT | TUI_BUILD_SOURCE)) {
		if (!(dirty & TUI_LAYOUT))
			source_build(t);
		tied_tie_source(t);
		diag_mark_source(t);
		if (dirty & TUI_BUILD_SOURCE)
			dirty |= TUI_FOLLOW;
		dirty |= TUI_DRAW_SOURCE;
	}
	if (dirty & TUI_BUILD_LESSON) {
		lpane_visit(t);
		lpane_build(t);
	}
	if (t->search.pattern && (dirty & (TUI_LAYOUT | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON |
					   TUI_BUILD_SOURCE)))
		input_search_mark(t);
	int rehl = dirty & (TUI_LAYOUT | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_BUILD_SOURCE |
			    TUI_HL);
	if (rehl)
		tied_apply_hl(t);
	if (dirty & TUI_FOLLOW)
		tied_follow(t);
	if (t->o->demo && rehl)
		demo_mark(t);
	if (dirty & (TUI_LAYOUT | TUI_DRAW_BAR))
		demo_draw_banner(t);
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		t->pane[i].focused = i == t->focus && !t->help && !t->list;
	t->helppane.focused = 1;
	t->listpane.focused = !t->help;
	if (dirty & TUI_DRAW_BAR)
		chrome_bar(t);
	if (dirty & TUI_DRAW_SOURCE)
		panes_draw(&t->pane[TUI_SOURCE]);
	if (dirty & TUI_DRAW_OUTPUT)
		panes_draw(&t->pane[TUI_OUTPUT]);
	if (dirty & TUI_DRAW_LESSON)
		panes_draw(&t->pane[TUI_LESSON]);
	if (dirty & TUI_DRAW_KEYS)
		chrome_keys(t);
	/* The lesson list and the help lie over the panes (the help over the list): whatever was
	 * drawn under a box, the box goes on top again. */
	if (t->list && (dirty & (TUI_DRAW_PANES | TUI_DRAW_LIST)))
		panes_draw(&t->listpane);
	if (t->help && (dirty & (TUI_DRAW_PANES | TUI_DRAW_HELP | TUI_DRAW_LIST)))
		panes_draw(&t->helppane);
	doupdate();
}

int tui_set_stage(struct tui *t, int s)
{
	if (s < 0 || s >= STAGE_COUNT || s == t->stage)
		return 0;
	view_leave(t);
	t->stage = s;
	/* the output cursor is a row of the view left; the source cursor, a source line, stays */
	t->out_cur = 0;
	t->goto_line = 0;
	t->pane[TUI_OUTPUT].top = 0;
	t->pane[TUI_LESSON].top = 0;
	t->out_home = s == STAGE_PREPROCESS;
	/* Each stage opens on its own lesson. */
	t->lesson_name = NULL;
	/* The source pane is narrower at the link stage, so the windows move. */
	return TUI_LAYOUT;
}

/* A tick without a key: redraw what the worker finished since the last look, and turn the
 * spinner while something runs. */
static int tui_tick(struct tui *t)
{
	struct tui_snap now;
	int dirty = 0;

	tui_snapshot(t, &now);
	if (memcmp(&now, &t->snap, sizeof now) != 0) {
		/* A lesson's live blocks fill in once the walk is done. */
		if (now.done != t->snap.done || now.lessons_walked != t->snap.lessons_walked)
			dirty |= TUI_BUILD_LESSON | TUI_DRAW_LESSON;
		t->snap = now;
		dirty |= TUI_DRAW_BAR | TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_BUILD_SOURCE;
		/* the tools' output, once in, may want the source pane's room */
		if (t->stage == STAGE_ASSEMBLE)
			dirty |= TUI_LAYOUT;
	}
	/* --watch polls a new walk more often than the spinner turns */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	double at = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	if (!now.done && at - t->rw.last_spin >= TUI_TICK_MS / 1000.0 * 0.9) {
		t->rw.last_spin = at;
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

void tui_free(struct tui *t)
{
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		panes_free(&t->pane[i]);
	panes_free(&t->helppane);
	panes_free(&t->listpane);
	terms_free(t);
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
	view_free(t);
	free(t->src);
	free(t->zsrc);
	free(t->rows);
	free(t->demo_hist);
	predict_free(t);
	progress_free(&t->prog);
	rewalk_free(t);
	search_free(&t->search);
	free(t->flat);
}

/* Curses settings shared by the terminal and the headless screen. */
static void tui_setup(struct tui *t)
{
	const char *codeset = nl_langinfo(CODESET);
	t->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		t->pane[i].utf8 = t->utf8;
	t->helppane.utf8 = t->listpane.utf8 = t->utf8;
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

/* Back to the state of a fresh start on the same walk: the headless key scripts' <Reset>,
 * so that screen tests share one walk. What the walk made stays; what the learner did goes. */
static void tui_reset(struct tui *t)
{
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		t->pane[i].top = 0;
	memset(t->view, 0, sizeof t->view);
	t->stage = 0;
	t->focus = TUI_OUTPUT;
	t->help = t->zoom = t->zoom_back = t->list = t->prompt = 0;
	t->lesson_name = NULL;
	t->out_home = 1;
	t->src_cur = 0;
	t->out_cur = 0;
	t->src_drives = 0;
	t->goto_line = 0;
	search_free(&t->search);
	if (t->wv.fold_open)
		memset(t->wv.fold_open, 0, t->wv.n_folds + 1);
	/* what the diagnostic key chose, and the scroll to a failed stage's first diagnostic */
	memset(t->wv.diag_cur, 0, sizeof t->wv.diag_cur);
	memset(t->wv.diag_shown, 0, sizeof t->wv.diag_shown);
	t->demo_item = -1;
	t->demo_n = 0;
	t->demo_back = 0;
	t->card_ret = 0;
	if (t->o->exercise) {
		int s = exercise_stage_id(t->o->exercise);
		t->stage = s >= 0 && s < STAGE_COUNT ? s : 0;
		t->demo_card = t->o->demo;
	}
	view_free(t);
	if (view_init(t) < 0) {
		fputs(_("lesson: out of memory\n"), stderr);
		exit(1);
	}
	predict_reset(t);
}

/* The headless run: a virtual screen on /dev/null, the key script, a dump after each key. */
static int tui_run_headless(struct tui *t)
{
	static const char *const terms[] = { "xterm", "vt100", "ansi" };
	const struct tui_opts *o = t->o;
	FILE *out = fopen("/dev/null", "we"), *in = fopen("/dev/null", "re");
	SCREEN *sp = NULL;

	/* A finished walk makes every screen the same from run to run. */
	walk_wait(t->w);
	for (size_t i = 0; out && in && !sp && i < sizeof terms / sizeof terms[0]; i++)
		sp = newterm(terms[i], out, in);
	if (!sp) {
		fputs(_("lesson: cannot set up a headless curses screen\n"), stderr);
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
	tui_snapshot(t, &t->snap);
	expane_tick(t);
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
			dirty = input_mouse(t, cols, lines, strncmp(name, "<Click", 6) == 0 ? TUI_CLICK :
					  strncmp(name, "<WheelUp", 8) == 0 ? TUI_WHEEL_UP : TUI_WHEEL_DOWN);
		} else if (ch == KEYS_KEY_RESET) {
			tui_reset(t);
			dirty = TUI_LAYOUT;
		} else {
			dirty = input_key(t, ch);
		}
		if (dirty & TUI_QUIT)
			break;
		if (dirty & TUI_RESTART) {
			/* as at the start: the screen once the new walk is done */
			tui_restart(t);
			walk_wait(t->w);
			tui_snapshot(t, &t->snap);
			expane_tick(t);
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

/* The next key, waiting at most ms milliseconds (-1: as long as it takes); ERR when none
 * came. With --watch, a save wakes it at once: it polls the keyboard and the watch. */
static int tui_getch(struct tui *t, int ms)
{
	int fd = rewalk_fd(t);
	ms = rewalk_wait_ms(t, ms);
	if (fd < 0) {
		timeout(ms);
		return getch();
	}
	/* a key curses has read already (the rest of an escape sequence) comes first */
	timeout(0);
	int ch = getch();
	if (ch != ERR)
		return ch;
	struct pollfd pf[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
				{ .fd = fd, .events = POLLIN } };
	int n = poll(pf, 2, ms);
	if (n < 0 || (pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
		/* a key, or a signal such as SIGWINCH (curses then gives KEY_RESIZE) */
		return getch();
	return ERR;
}

static int tui_run_terminal(struct tui *t)
{
	SCREEN *sp = newterm(NULL, stdout, stdin);
	if (!sp) {
		const char *term = getenv("TERM");
		if (term)
			fprintf(stderr, _("lesson: cannot use the terminal (TERM=%s); try --report\n"),
				term);
		else
			fputs(_("lesson: cannot use the terminal (TERM=unset); try --report\n"),
			      stderr);
		tui_free(t);
		return 1;
	}
	set_term(sp);
	tui_active = 1;
	tui_setup(t);
	set_escdelay(25);
	timeout(TUI_TICK_MS);

	int dirty = TUI_LAYOUT;
	tui_snapshot(t, &t->snap);
	t->src_quick = 1;
	while (!(dirty & TUI_QUIT)) {
		tui_draw(t, dirty);
		rewalk_stamp_drawn(t);
		if (t->src_quick) {
			/* the first frame is out: now every line of the source */
			t->src_quick = 0;
			tui_draw(t, TUI_BUILD_SOURCE | TUI_DRAW_SOURCE);
		}
		/* Once the walk is done nothing changes without a key: stop polling. */
		int pending;
		lpane_lessons_walked(t, &pending);
		int idle = walk_is_done(t->w) && t->snap.done && !pending &&
			   !walk_compare_busy(t->w);
		int ch = tui_getch(t, idle && !t->o->demo_secs ? -1 : TUI_TICK_MS);
		if (ch != ERR)
			dirty = input_key(t, ch);
		else
			dirty = tui_tick(t) | rewalk_poll(t) | rewalk_tick(t);
		/* --demo=SECONDS: the next idea when the room has had its time with this one */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double at = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
		if (ch != ERR || t->demo_last == 0)
			t->demo_last = at;
		else if (t->o->demo_secs && at - t->demo_last >= t->o->demo_secs) {
			dirty |= demo_step(t, 1) | TUI_DRAW_BAR | TUI_DRAW_KEYS;
			t->demo_last = at;
		}
	}
	/* Leave a blank screen behind: a terminal that grew while lesson ran (tmux) keeps the
	 * rows above the cursor of a full alternate screen when it restores the shell's, so the
	 * panes would stay on the shell's screen after quitting. */
	erase();
	refresh();
	tui_free(t);
	tui_restore();
	delscreen(sp);
	return 0;
}

int tui_init(struct tui *t, struct walk **w, const struct tui_opts *o)
{
	memset(t, 0, sizeof *t);
	t->w = *w;
	t->wp = w;
	t->o = o;
	t->focus = TUI_OUTPUT;
	t->out_home = 1;
	t->demo_item = -1;
	/* an exercise opens at its stage, where its facts are; its demo on its card */
	if (o->exercise) {
		int s = exercise_stage_id(o->exercise);
		t->stage = s >= 0 && s < STAGE_COUNT ? s : 0;
		t->demo_card = o->demo;
	}
	t->cat = catalog_all(&t->n_cat);
	t->lessons = calloc(t->n_cat ? t->n_cat : 1, sizeof *t->lessons);
	if (!t->lessons || asprintf(&t->samples_dir, "%s/samples", o->datadir) < 0 ||
	    view_init(t) < 0 || predict_init(t) < 0) {
		tui_free(t);
		return -1;
	}
	source_load(t);
	progress_load(&t->prog);
	return 0;
}

int tui_run(struct walk **w, const struct tui_opts *o)
{
	struct tui t;

	if (tui_init(&t, w, o) < 0) {
		fputs(_("lesson: out of memory\n"), stderr);
		return 1;
	}
	char err[600];
	if (rewalk_open(&t, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		tui_free(&t);
		return 1;
	}
	tmpdir_set_restore_hook(tui_restore);
	/* Whoever calls exit() while curses owns the terminal (an allocation failure, say),
	 * the shell gets its terminal back. */
	atexit(tui_restore);
	return o->headless ? tui_run_headless(&t) : tui_run_terminal(&t);
}
