/* tui: the interactive walkthrough in curses. Draws the model; never runs a process.
 *
 * Contract: tui_run() takes a walk that has been started (walk_start) and owns the terminal
 * until the user quits: a stage bar, the source pane and the current stage's output pane side
 * by side, a lesson pane, and a key line; a lesson list over them, and any pane full screen.
 * It draws the first frame at once and fills each stage (each link variant) in as the worker
 * finishes it. Every exit path restores the terminal (tui_restore is also the signal path's
 * hook). Headless mode (opts->headless) runs on a virtual screen of
 * opts->cols x opts->lines with no terminal: it waits for the walk to finish, feeds the keys
 * in opts->keys, and after each key writes the screen as text to opts->dump.
 */
#ifndef CSTAGES_TUI_H
#define CSTAGES_TUI_H

#include <stdio.h>
#include "stages/walk.h"

struct exercise;
struct exercise_prep;

struct tui_opts {
	const char *datadir; /* lessons live in datadir/lessons */
	int no_color;        /* --no-color or NO_COLOR */
	int demo;            /* --demo: the classroom presentation */
	int demo_secs;       /* --demo=SECONDS: advance by itself every SECONDS; 0: on Space */
	/* --watch: walk the files again each time one is saved (tui/watch.c) */
	int watch;
	/* --exercise NAME: the exercise (stages/exercise.h) whose files are in exercise_dir; the
	 * walkthrough watches them, shows the goal, checks each walk, gives hints on a key.
	 * Each new walk is prepared with exercise_prepare() in the walk's directory. */
	const struct exercise *exercise;
	const char *exercise_dir;
	/* the first walk's preparation (its build steps' results, for the first check); the
	 * caller frees it after the walk */
	const struct exercise_prep *exercise_prep;
	/* headless screen tests */
	int headless;
	int cols, lines;
	const char *keys;    /* key script: characters, and <Tab> <Down> <Up> <PgDn> <PgUp> <Left> <Right> <Enter> <Resize:WxH> */
	FILE *dump;          /* where each screen goes, after a line "--- screen N after KEY" */
};

/* Run the walkthrough; returns the exit status for main (0). */
int tui_run(struct walk **w, const struct tui_opts *o);

/* Restore the terminal if curses is active. Async-signal-tolerant; safe to call twice. */
void tui_restore(void);

#endif
