/* walkrun: stage 5, Run, computed for a walk (struct walk_run5 in stages/walk.h).
 *
 * Contract: walkrun_compute() is called once per walk by the walk itself, after every link
 * variant is finished and the -g compile's thread has been joined (the relocations read its
 * NAME.g.o), on a thread of its own. For each variant whose link is RUN_OK, on one more
 * thread per variant (a program that waits for its time limit holds up only its own), it
 * reads the program's segments (segs_read), traces its loader (ldtrace_study) and stops it
 * at main twice (procmain_compute); meanwhile it reads the relocations of the .o filled in
 * (relocs_walk) and runs the LD_PRELOAD wrapper (interpose_compute); every program under study runs confined as
 * w->jail says, with the walk's --arg and --stdin. Then it publishes run5.run (RUN_OK,
 * RUN_FAILED or RUN_SKIPPED, see walk.h) and run5.ready with release semantics. A cancelled
 * walk skips what has not started. walkrun_free() frees what it stored; walkrun_skip()
 * publishes the stage as not reached with why (a walk whose variants never linked).
 */
#ifndef CSTAGES_WALKRUN_H
#define CSTAGES_WALKRUN_H

#include "stages/walk.h"

void walkrun_compute(struct walk *w);

/* Publish stage 5 as not reached: why and why_en (owned by the callee, may be NULL). */
void walkrun_skip(struct walk *w, char *why, char *why_en);

void walkrun_free(struct walk *w);

#endif
