/* forks.c: a program that leaves children behind: three that sleep for five minutes and one
 * that forks a grandchild of its own, all in its process group. It prints their process IDs
 * and exits 0 at once. Nothing it started may outlive its run. */
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 3; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			sleep(300);
			_exit(0);
		}
		if (pid > 0)
			printf("child %ld\n", (long)pid);
	}
	int up[2];
	if (pipe(up) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		pid_t grand = fork();
		if (grand == 0) {
			sleep(300);
			_exit(0);
		}
		/* tell the parent the grandchild's ID, then sleep too */
		write(up[1], &grand, sizeof grand);
		sleep(300);
		_exit(0);
	}
	pid_t grand = -1;
	if (pid > 0 && read(up[0], &grand, sizeof grand) == (ssize_t)sizeof grand) {
		printf("child %ld\n", (long)pid);
		printf("child %ld\n", (long)grand);
	}
	return 0;
}
