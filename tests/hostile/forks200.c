/* forks200.c: a program that forks 200 children, each of which sleeps for five minutes,
 * prints how many it started and exits 0 at once. None of them may outlive the run. */
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

int main(void)
{
	int n = 0;
	for (int i = 0; i < 200; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			sleep(300);
			_exit(0);
		}
		if (pid > 0)
			n++;
	}
	printf("started %d children\n", n);
	return 0;
}
