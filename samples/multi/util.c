/* util.c: a tiny library for the multi-file sample (see main.c).
 * Used by the lesson "libraries", which builds it two ways:
 *
 *     gcc -c util.c                        the object file util.o
 *     ar rcs libmyutil.a util.o            a static library: an archive of .o files
 *     gcc -shared -fPIC -Wl,-soname,libmyutil.so.1 -o libmyutil.so.1 util.c
 *     ln -sf libmyutil.so.1 libmyutil.so   a shared library, and the name -lmyutil finds
 *
 * util_unused() is never called, yet it ends up in a program linked with libmyutil.a: the
 * linker copies whole archive members (object files), not single functions.
 *
 * It has no main(), so the walkthrough's links fail; what matters is the object file
 * (tests/samples.sh checks it):
 */
#include <stdio.h>
#include "util.h"

int util_calls; /* a global variable the library exports */

int util_clamp(int v, int lo, int hi)
{
	util_calls++;
	if (v < lo)
		return lo;
	if (v > hi)
		return hi;
	return v;
}

const char *util_plural(long n)
{
	return n == 1 ? "item" : "items";
}

void util_unused(void)
{
	puts("util_unused: nobody calls me, but I came along with util.o");
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: assembles
 */
