/* exercise: practice problems, checked on the real toolchain.
 *
 * An exercise is data, in DATADIR/lessons/exercises/NAME/ (the format is documented in
 * lesson(1), EXERCISES):
 *   exercise.md  a front block (name, stage, topic, summary, order, wrong), then the goal in
 *                CommonMark with one ```check block (the conditions, one a line), then
 *                "## Hints", a list, one hint an item;
 *   start/       the starting files: one or several .c and .h, and `build`, the walk's
 *                sources, compile flags, link arguments and extra build steps (a .a or a .so
 *                to build), which the learner may edit like any other file;
 *   solution/    the files the reference solution changes, whole;
 *   wrong/       a fix a learner might try that does not reach the goal (for the tests).
 * A goal is checked on facts of the real walk (exit statuses, symbols and their bindings,
 * NEEDED, the ELF type, the empty-root run, the linker's messages), never by looking at the
 * learner's source.
 *
 * Contract: exercise_load_all() reads every exercise, numbered 1.. in teaching order (by stage,
 * then order); exercise_find() takes a number or a name. exercise_setup() makes DIR with the
 * starting files when it does not exist and never writes into one that does.
 * exercise_prepare() reads DIR/build, runs its build steps into the walk directory and fills
 * walk options for a walk of DIR's sources; exercise_check() decides, once that walk is done,
 * whether the goal holds. Nothing here draws; messages are in the user's language.
 */
#ifndef CSTAGES_EXERCISE_H
#define CSTAGES_EXERCISE_H

#include <stddef.h>

#include "stages/walk.h"

struct exercise_cond; /* one line of the ```check block (exercise.c) */

struct exercise {
	int number;        /* 1.. in teaching order */
	char *name;        /* the directory's name, e.g. "macro-parens" */
	char *stage;       /* "preprocess" ... "run", as walk_stage_name() */
	char *topic;       /* a lesson's name (catalog) or a short word */
	char *summary;     /* one line */
	int order;         /* within the stage */
	char *goal;        /* the goal, CommonMark, without the check block and the hints */
	char **hints;      /* one at a time, in order */
	size_t n_hints;
	char *wrong;       /* what the wrong fix's line must say (tests) */
	char *data_dir;    /* DATADIR/lessons/exercises/NAME */
	struct exercise_cond *conds;
	size_t n_conds;
};

/* The verdict of one check of a walk. */
enum exercise_status {
	EXERCISE_DONE = 0,    /* every condition holds */
	EXERCISE_NOT_YET = 3, /* one does not: why says which, with the fact as it is */
	EXERCISE_CANNOT = 1,  /* the walk could not be made (no such file, a bad build file) */
};

struct exercise_verdict {
	enum exercise_status status;
	char *why;         /* one line, no final newline: the first condition that does not hold
			      and what the walk showed instead; for DONE, what holds */
	char **lines;      /* one line per condition, in order: held or not, and the fact */
	int *held;         /* per line: 1 held, 0 not */
	size_t n_lines;
};

/* Every exercise under datadir, in teaching order, numbered; 0, or -1 with err. */
int exercise_load_all(const char *datadir, struct exercise **all, size_t *n, char *err,
		      size_t errlen);
void exercise_free_all(struct exercise *all, size_t n);

/* The exercise named by a number ("3") or a name, or NULL. */
const struct exercise *exercise_find(const struct exercise *all, size_t n, const char *key);

/* Make dir with e's starting files when it does not exist (parents too). 1 when it made it,
 * 0 when dir existed (nothing is written into it), -1 with err. */
int exercise_setup(const struct exercise *e, const char *dir, char *err, size_t errlen);

/* What a walk of the exercise in dir is given: DIR/build read, its build steps run in the
 * walk directory walkdir. p->src gets the first source and p->opts the compile flags,
 * link arguments and further sources (the files named absolutely, dir's symbolic links
 * resolved), pointing into p: free it with exercise_prepared_free, after the walk. 0, also
 * when a build step failed (then p->step_error says which, with its first message line:
 * the learner's result); -1 with err when the walk cannot be made: the build file is
 * missing or cannot be read as one (err names the file and the line), dir cannot be
 * resolved, memory ran out. */
struct exercise_prep {
	char *src;
	struct walk_opts opts;
	void *owned; /* what opts points into */
	/* The build steps run (an archive's gcc -c and ar, a shared library's gcc -shared), in
	 * order, each as proc_run recorded it; n_steps of them. A step that failed (a library
	 * source that does not compile is the learner's result, not lesson's error) ends them:
	 * step_error then says which, with its first message, in one line; else NULL. */
	struct proc_result *steps;
	size_t n_steps;
	char *step_error;
	/* the build file's go: line (stages/exercise_go.h), pointing into owned */
	char **go_args;
	size_t n_go_args;
	int has_go;
};
int exercise_prepare(const struct exercise *e, const char *dir, const char *walkdir,
		     struct exercise_prep *p, char *err, size_t errlen);
void exercise_prepared_free(struct exercise_prep *p);

/* Check e's goal against a finished walk (walk_is_done) of its files. Fills *v. A
 * prints-with condition runs the program again (briefly, confined as the walk's runs). */
void exercise_check(const struct exercise *e, const struct walk *w, struct exercise_verdict *v);

/* The same, with p's build steps first: when one failed, the verdict is NOT_YET with
 * p->step_error as why, and w (which may then be NULL) is not looked at. */
void exercise_check_prepared(const struct exercise *e, const struct exercise_prep *p,
			     const struct walk *w, struct exercise_verdict *v);

/* The reference solution as a unified diff against the starting files (labels a/FILE and
 * b/FILE, so that `patch -p1` applies it inside DIR), made by diff -u: new memory in *out,
 * 0; -1 with err. */
int exercise_solution_diff(const struct exercise *e, char **out, char *err, size_t errlen);

/* The stage's index (enum stage_id) of e, for grouping. */
int exercise_stage_id(const struct exercise *e);
void exercise_verdict_free(struct exercise_verdict *v);

#endif
