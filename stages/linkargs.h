/* linkargs: the arguments after `--` that lesson will not hand to its links.
 *
 * Contract: lesson chooses where each link writes (every variant makes its own program in the
 * walk directory, and the report reads it there) and what it makes (a program: the earlier
 * stages are run one by one). linkargs_check() looks at the link arguments a learner gave
 * and finds the first one that would undo that:
 *   LINKARGS_OUTPUT   chooses a file the link writes, or has it write files of its own
 *                     choosing (-o FILE, -oFILE, --output[=]FILE, -save-temps, -dumpdir,
 *                     -dumpbase, -aux-info, -fdump-...=FILE; the linker's -o, --output,
 *                     -Map, --out-implib, --dependency-file; the assembler's and the
 *                     preprocessor's -o), given to gcc or through -Wl, -Xlinker, -Wa,
 *                     -Xassembler, -Wp, -Xpreprocessor;
 *   LINKARGS_KIND     makes something else than a program (-c, -S, -E, -shared, -r,
 *                     -fsyntax-only, every -M option and their --long spellings; the
 *                     linker's -r, -i, -Ur, --relocatable, -shared, -Bshareable, --oformat);
 *   LINKARGS_PRINTS   prints instead of linking (--help, --target-help, --version, -###,
 *                     -print-..., -dumpspecs, -dumpversion, -dumpfullversion, -dumpmachine;
 *                     the linker's --help, --version, --target-help);
 *   LINKARGS_RESPONSE reads more arguments from a file (@FILE), which lesson cannot check.
 * The linker's long options are matched as ld reads them: one dash or two, abbreviated as far
 * as ld allows, and any single-dash option starting with 'o' is its -o. Allowed on purpose:
 * -v (gcc links and shows the commands it ran), -pipe (pipes instead of temporary files, the
 * same program), -fdump-... without =FILE (its files land in the walk directory and go with
 * it), -static, -pie and the like (each link still makes a program). Pure: no I/O, no state.
 * linkargs_say() words a refusal, whole and marked for gettext.
 */
#ifndef CSTAGES_LINKARGS_H
#define CSTAGES_LINKARGS_H

#include <stddef.h>

enum linkargs_why {
	LINKARGS_OK,
	LINKARGS_OUTPUT,
	LINKARGS_KIND,
	LINKARGS_PRINTS,
	LINKARGS_RESPONSE,
};

/* The first refused argument: args[at] and, when n is 2, the argument after it too (the FILE
 * of "-o FILE", the option of "-Xlinker -o"). */
struct linkargs_bad {
	size_t at, n;
};

/* LINKARGS_OK when every one of the n arguments may go to the links; else why the first
 * refused one is refused, and where it is in *bad (which may be NULL). */
enum linkargs_why linkargs_check(char *const *args, size_t n, struct linkargs_bad *bad);

/* The sentence that says why, in the user's language, into buf (len bytes, cut to fit): arg
 * is the refused argument (or two) as the learner typed it, quoted by the caller. */
void linkargs_say(enum linkargs_why why, const char *arg, char *buf, size_t len);

#endif
