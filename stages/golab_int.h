/* golab_int: what the parts of the Go lab share, and nobody else. See golab.h for the lab's
 * contract; this header is private to stages/golab*.c.
 *
 * The lab is three files, one concern each:
 *   stages/golab.c       the model and the builds: golab_new, each go build and what its
 *                        program does (ELF facts, ldd, a run, a run in an empty root), the job
 *                        pool that runs them, golab_run/start/wait/cancel, golab_free
 *   stages/golab_cgo.c   the cgo experiment: go's -x trace read, the files cgo generated
 *                        listed, one generated C file taken through gcc's four stages
 *   stages/golab_text.c  the sentences: the parts' titles, the commands to run by hand and
 *                        the plain-text account a lesson's live block shows
 *
 * Contract: the specs are data, read by the builds and by the commands shown for them, so the
 * two cannot drift apart. A record is published (golab_publish, release) before a reader
 * may look at it; golab_cancelled reads the lab's flag with acquire semantics.
 */
#ifndef CSTAGES_GOLAB_INT_H
#define CSTAGES_GOLAB_INT_H

#include "stages/golab.h"

#define GOLAB_RUN_CAP (64 * 1024)
#define GOLAB_MAX_ARGS 96

/* One build as data, so the run and the commands shown for it cannot drift apart. */
struct golab_spec {
	const char *name;        /* the program */
	const char *source;      /* the sample */
	const char *cgo_enabled; /* "1", "0", or NULL to leave go's default */
	const char *args[8];     /* between "go build" and "-o NAME SOURCE" */
};

#define GOLAB_STATIC "-extldflags -static"
#define GOLAB_TAGS "netgo,osusergo"

/* The builds (in stages/golab.c): the six cases, the experiments, the cgo build. */
extern const struct golab_spec golab_cell_specs[GOLAB_STD_COUNT][GOLAB_CODE_COUNT];
extern const struct golab_spec golab_exp_specs[GOLAB_EXP_COUNT];
extern const struct golab_spec golab_cgo_spec;

/* ---- stages/golab.c ---- */

/* Publish a build's state (release), for golab_state() to read. */
void golab_publish(int *state, enum run_state st);
/* 1 once golab_cancel() was called (acquire). */
int golab_cancelled(const struct golab *g);
/* The line a learner types for a spec, environment assignment first; caller frees. */
char *golab_command(const struct golab_spec *s, const char *go);
/* Build one spec, then read the program's ELF facts, ask ldd, run it, and run it alone. */
void golab_build(struct golab *g, struct golab_build *b, const struct golab_spec *s);

/* ---- stages/golab_cgo.c ---- */

/* Build cgo.go with go's trace, read the trace, list the generated files, walk one. */
void golab_cgo(struct golab *g);
/* Mark a stage of the cgo walk skipped, for why (an allocated sentence it keeps). */
void golab_stage_skip(struct stage_run *s, char *why);

#endif
