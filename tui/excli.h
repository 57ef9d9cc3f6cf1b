/* excli: the command line of the exercises (stages/exercise.h): lesson --exercises, and
 * lesson --exercise NAME|N [--dir DIR] [--check | --solution].
 *
 * Contract: excli_list() prints every exercise, one a row ("N NAME  summary"), under a
 * heading per stage and per topic, with a mark for the ones the progress file says are done
 * (key "exercise:NAME"). excli_run() finds the exercise (an unknown one is a usage error that
 * lists the real names), and then: --solution prints the reference solution as a unified
 * diff; otherwise it sets DIR up (default ./cstages-exercises/NAME; a DIR that exists is
 * never written into, and one without the starting files is refused) and either checks it
 * without a terminal (--check, or when standard input or output is not a terminal): one line
 * "NAME: done: ..." (exit 0, marked in the progress file) or "NAME: not yet: WHY" (exit 3),
 * exit 1 when the walk cannot be made (a bad build file, a source that is missing); or opens
 * the walkthrough in watch mode on it (tui_run with the exercise). The check's walk is lean:
 * no libclang, no comparison, no stage 5, no library of the other sources. Each returns
 * lesson's exit status; messages go to stderr.
 */
#ifndef CSTAGES_EXCLI_H
#define CSTAGES_EXCLI_H

#include <stdio.h>

struct excli_opts {
	const char *key;      /* --exercise: a name or a number */
	const char *dir;      /* --dir, or NULL */
	int check;            /* --check */
	int solution;         /* --solution */
	int no_color;
	int demo, demo_secs;  /* --demo[=SECONDS]: the classroom presentation of the exercise */
	const char *keep;     /* --keep DIR: the walk directory to keep */
	/* --headless WxH --keys K: the walkthrough on a virtual screen (tests) */
	int headless, cols, lines;
	const char *keys;
};

/* lesson --exercises */
int excli_list(void);

/* lesson --exercise ... */
int excli_run(const struct excli_opts *o);

#endif
