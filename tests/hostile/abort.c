/* abort.c: a program that calls abort(3). lesson must name the signal that killed it, the
 * same one a run by hand gets. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	puts("about to abort");
	fflush(stdout);
	abort();
}
