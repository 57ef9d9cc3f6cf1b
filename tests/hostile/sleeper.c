/* sleeper.c: a program that sleeps for ten minutes without using the CPU. lesson must end it
 * at its time limit, as it does a busy loop, and say so. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	puts("going to sleep");
	fflush(stdout);
	sleep(600);
	return 0;
}
