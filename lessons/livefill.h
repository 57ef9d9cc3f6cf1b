/* livefill: fills a lesson's live blocks from real walks of the samples they name.
 *
 * Contract: livefill_start() scans a lesson's Markdown for live blocks (lessons/live.h),
 * checks each named sample exists under DATADIR/samples, and starts one walk per distinct
 * sample, all at once, each in its own subdirectory of the walk directory. livefill_wait()
 * waits for them. livefill_text() is a live_fill_fn: given the livefill as ctx, it returns the
 * plain text of a fact read from the finished walk's model, or NULL when that sample was not
 * walked. It runs nothing itself. livefill_free() frees the walks.
 *
 * A block whose sample ends in .go names a fact of the Go lab (stages/golab.h): go.scenarios,
 * go.experiments, go.cgo-stages. Those samples are not walked: livefill_start() starts one lab
 * for the lesson instead, in the subdirectory go-lab, with only the parts its blocks name, and
 * livefill_text() returns the lab's account of the part (or, without a go command, NULL: the
 * block then shows the commands, which say how to install it).
 */
#ifndef CSTAGES_LIVEFILL_H
#define CSTAGES_LIVEFILL_H

#include <stddef.h>
#include "stages/golab.h"
#include "stages/walk.h"

struct livefill {
	char **samples;       /* as named in the lesson */
	struct walk **walks;  /* NULL where the sample could not be walked */
	char **errors;        /* why not, or NULL */
	size_t n;
	struct golab *lab;    /* the Go lab, when a block names a .go sample, else NULL */
	char *lab_error;      /* why the lab could not be set up, or NULL */
};

/* Start walking every sample md names. dir: the walk directory. skip: the absolute path of a
 * file the caller walks itself (it is not walked again), or NULL. */
void livefill_start(struct livefill *lf, const char *md, const char *datadir, const char *dir,
		    const char *skip);

/* livefill_start() whose Go lab runs its programs with run's --arg arguments and --stdin
 * input (run_args, n_run_args, run_stdin; NULL: none), as the walk's own runs. */
void livefill_start_run(struct livefill *lf, const char *md, const char *datadir,
			const char *dir, const char *skip, const struct walk_opts *run);

/* Wait for every walk to finish. */
void livefill_wait(struct livefill *lf);

/* A live_fill_fn over a finished livefill. */
char *livefill_text(void *lf, const char *sample, const char *fact);

/* The text of fact for one finished walk (caller frees). */
char *livefill_fact(const struct walk *w, const char *fact);

void livefill_free(struct livefill *lf);

#endif
