/* crash.c: a program that writes through a null pointer. lesson must name the signal that
 * killed it. */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;
	puts("about to crash");
	fflush(stdout);
	*p = 1;
	return 0;
}
