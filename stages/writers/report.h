/* report: the whole walkthrough as Markdown, for handouts, scripts and pipes.
 *
 * Contract: report_write() reads a finished walk (walk_is_done) and writes, for each stage,
 * the exact command, its exit status and wall time, the artifact and its size, an excerpt of
 * its output (or gcc's messages), and the stage lesson's summary; for the link stage a table
 * of the variants (size, ELF type, interpreter, NEEDED, ldd, what the program printed and how
 * it ended); then section 5, Run (report_run.c). It only reads the model; it runs nothing.
 */
#ifndef CSTAGES_REPORT_H
#define CSTAGES_REPORT_H

#include <stdio.h>
#include "stages/walk.h"

/* Write the report of w to f; datadir is where the lessons are. Returns 0, or -1 on a write
 * error (errno set). */
int report_write(const struct walk *w, const char *datadir, FILE *f);

/* What a caller adds to the report (the lessons' questions, lessons/question_report.h):
 * stage() after each stage's lesson summary, end() after the last section; either NULL. */
struct report_more {
	void (*stage)(void *ctx, FILE *f, enum stage_id id);
	void (*end)(void *ctx, FILE *f);
	void *ctx;
};

/* report_write() with more's additions (more NULL: none). */
int report_write_more(const struct walk *w, const char *datadir, FILE *f,
		      const struct report_more *more);

/* Write only stage id's results (no lesson summary), for `lesson --stage NAME FILE.c`; unless
 * full, a link's archive members are summarized (their count, bytes and the biggest few). */
int report_write_stage(const struct walk *w, enum stage_id id, FILE *f, int full);

/* With --compare: the section "Two optimisation levels", from the walk's comparison
 * (stages/ocompare.h): the two commands, a summary table per function and each pair of
 * bodies aligned as diff -y aligns them, with the differences gcc's reports explain
 * (report_compare.c). Nothing when the comparison was not asked. */
void report_compare_write(FILE *f, const struct walk *w);

/* Section 5, Run (report_run.c): per linked program, the .o's relocations filled in (the
 * learner's calls first, with their source lines, bytes and arithmetic; the rest summarized),
 * its sections into segments and the path from _start to main, the loader at work, the
 * process at main and the LD_PRELOAD wrapper; or why the stage was not reached. */
void report_run_write(FILE *f, const struct walk *w);

#endif
