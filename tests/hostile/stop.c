/* stop.c: a program that stops itself with SIGSTOP, as a job stopped at a terminal would be,
 * and stays stopped: nobody sends it SIGCONT. lesson must not wait for it for ever: the run
 * ends at its time limit, and nothing is left behind. */
#include <signal.h>
#include <stdio.h>

int main(void)
{
	puts("stopping myself");
	fflush(stdout);
	raise(SIGSTOP);
	puts("continued");
	return 0;
}
