/* libm.c: a program that needs the maths library, libm, at link time.
 * Used by the lessons "libraries" (-l names a library; the linker only searches what it is
 * told, and an undefined reference is an error that only the link stage can find) and
 * "musl" (whose libc.a has the maths functions inside, so -lm is not needed).
 *
 * On glibc, the maths functions of <math.h> live in a separate library, libm, that gcc
 * does not link by default. The header lets the file compile; only the link needs libm.
 * The argument comes from the command line, so the compiler cannot work the answer out
 * itself and drop the call: the call to cbrt() really reaches the linker.
 *
 *     gcc -c libm.c                       compiles: the header declared cbrt()
 *     gcc -o libm libm.o                  fails: undefined reference to `cbrt'
 *     gcc -o libm libm.o -lm && ./libm 27 links: -lm comes after the object that needs it
 *     lesson --report libm.c -- -lm       the walkthrough, with -lm on every link
 *
 * What the walkthrough shows, one fact a line (tests/samples.sh checks each one):
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	double x = strtod(argc > 1 ? argv[1] : "2", NULL);

	printf("cbrt(%g) = %.6f\n", x, cbrt(x));
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: link fails (dynamic, static, static-pie): undefined reference to cbrt
 * expect: links (musl)
 * expect: with -lm: links
 * expect: with -lm: runs
 */
