/* endless.c: a program that writes to standard output and never stops. lesson keeps the
 * first part of its output and must end it as soon as that is full, not at its time limit. */
#include <stdio.h>

int main(void)
{
	for (unsigned long n = 0;; n++)
		printf("line %lu of a program that never stops writing\n", n);
}
