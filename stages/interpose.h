/* interpose: the live proof that a dynamic program's calls are bound when it runs. A small
 * LD_PRELOAD library, written and built in the walk directory, wraps one libc function the
 * program calls; each linked program is run with LD_PRELOAD naming it: the dynamic one's
 * loader loads the wrapper first and binds the program's call to it (its marker line appears
 * on the program's standard error), the static ones have no loader and ignore LD_PRELOAD (the
 * marker never appears).
 *
 * Contract: interpose_compute() reads what the walk has (the .o's undefined symbols, each
 * variant's program and ELF facts, the walk's jail and options) once the links are finished:
 * it picks the first of puts, printf, putchar, fputs, fprintf, fwrite, write, exit that the
 * .o leaves undefined, writes interpose-FUNC.c into the walk directory, builds
 * interpose-FUNC.so with `gcc -shared -fPIC` through proc_run(), and runs each variant's
 * program through jail_run_extra() with LD_PRELOAD set for the program alone (with the walk's
 * program arguments and input, as every other run). It fills *ip, which the caller owns and
 * frees with interpose_free(); it returns 0 when the wrapper was built and the programs run,
 * -1 otherwise (ip->say says why: no function to wrap, or the build failed). Each sentence
 * comes in the user's language and in English (*_en, for the JSON). Run it on one thread.
 */
#ifndef CSTAGES_INTERPOSE_H
#define CSTAGES_INTERPOSE_H

#include "stages/walk.h"

/* What the marker line starts with; the function's name and " called" follow. */
#define INTERPOSE_MARKER "[lesson LD_PRELOAD wrapper]"

struct interpose_run {
	int ran;                 /* the variant linked and its program was run */
	int has_loader;          /* the program has a PT_INTERP (its ELF facts say so) */
	struct proc_result proc; /* the run with LD_PRELOAD; proc.argv is the program's */
	size_t markers;          /* marker lines in its standard error */
	char *say;               /* what the run shows, in the user's language */
	char *say_en;
};

struct interpose {
	char *func;              /* the wrapped function, NULL when none could be picked */
	char *src;               /* "interpose-puts.c", in the walk directory */
	char *lib;               /* "interpose-puts.so" */
	char *lib_path;          /* its absolute path (LD_PRELOAD is ./LIB: runs are made in the
				    walk directory) */
	char *marker;            /* the whole marker line, without its newline */
	struct proc_result build; /* gcc -shared -fPIC ... */
	int built;
	struct interpose_run run[LINK_COUNT];
	char *say;               /* the summary, or why nothing was run */
	char *say_en;
};

int interpose_compute(const struct walk *w, struct interpose *ip);
void interpose_free(struct interpose *ip);

#endif
