/* main.c: a program in two source files, main.c and util.c, joined by util.h.
 * Used by the lesson "libraries" (static archive .a versus shared object .so) and the
 * lesson "dynamic-linking" (how the loader finds libmyutil.so at run time).
 *
 * Build it by hand, from this directory:
 *
 *     gcc -c main.c util.c                  two object files, main.o and util.o
 *     gcc -o prog main.o util.o             link the objects directly
 *
 *     ar rcs libmyutil.a util.o             a static library: an archive of .o files
 *     gcc -o prog-a main.o -L. -lmyutil     util.o is copied into prog-a
 *
 *     gcc -shared -fPIC -Wl,-soname,libmyutil.so.1 -o libmyutil.so.1 util.c
 *     ln -sf libmyutil.so.1 libmyutil.so    a shared library, and the name -lmyutil finds
 *     gcc -o prog-so main.o -L. -lmyutil    prog-so only records "needs libmyutil.so.1"
 *     LD_LIBRARY_PATH=. ./prog-so           the loader must be told where to look
 *
 * When both libmyutil.a and libmyutil.so are in the directory, -lmyutil picks the .so;
 * add -static, or name the archive (gcc -o prog-a main.o libmyutil.a), to use the .a.
 *
 * The walkthrough takes one file at a time, so main.c alone compiles but cannot link
 * (tests/samples.sh checks each fact, and builds the libraries as "libraries" does):
 */
#include <stdio.h>
#include <stdlib.h>
#include "util.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 42;
	int level = util_clamp((int)n, 0, 10);

	printf("%ld %s, clamped to %d\n", n, util_plural(n), level);
	printf("util_clamp was called %d time(s)\n", util_calls);
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: assembles
 * expect: link fails: undefined reference to util_clamp
 * expect: link fails: undefined reference to util_plural
 * expect: link fails: undefined reference to util_calls
 */
