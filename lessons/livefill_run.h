/* livefill_run: the run.* facts of a lesson's live blocks (lessons/live.h), read from a
 * finished walk's stage 5 (struct walk_run5): run.relocation (a call of the .o filled in,
 * with the linker's arithmetic, in each program), run.segments (the dynamic program's
 * segments, the sections each holds and the path from _start to main), run.loader (the
 * loader's trace, lazy and with LD_BIND_NOW=1, and the static programs' own relocations),
 * run.process (the dynamic program's mappings at main, what is shared, what moved between
 * two runs) and run.interpose (the LD_PRELOAD wrapper in each program).
 *
 * Contract: livefill_run() writes the fact's plain text (no Markdown) to f and returns 1,
 * or returns 0 when fact is not a run.* fact. Runs nothing.
 */
#ifndef CSTAGES_LIVEFILL_RUN_H
#define CSTAGES_LIVEFILL_RUN_H

#include <stdio.h>
#include "stages/walk.h"

int livefill_run(FILE *f, const struct walk *w, const char *fact);

#endif
