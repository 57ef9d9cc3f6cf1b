/* link-error.c: a program that compiles but does not link, on purpose.
 * Used by the lesson "pipeline": the compiler accepts a call to any function it has seen
 * declared, and leaves a reference for the linker to fill. Nothing here defines
 * compute(), so the link stage finds no definition anywhere and fails.
 *
 *     gcc -c link-error.c                 succeeds: link-error.o has an undefined symbol
 *     nm link-error.o                     shows it, marked U (undefined)
 *     gcc -o link-error link-error.o      fails: undefined reference to `compute'
 *
 * What the walkthrough shows, one fact a line (tests/samples.sh checks each one):
 */
#include <stdio.h>

/* A declaration: a promise that a definition exists in some other file. */
int compute(int n);

int main(void)
{
	printf("compute(6) = %d\n", compute(6));
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: assembles
 * expect: link fails: undefined reference to compute
 */
