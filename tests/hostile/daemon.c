/* daemon.c: a program that leaves its process group and its session, as daemon(3) does
 * (fork, setsid, fork again), and sleeps for five minutes in the background. It prints the
 * daemon's process ID and exits 0. Even so, it must not outlive the walk. */
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

int main(void)
{
	int up[2];
	if (pipe(up) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		pid_t d = fork();
		if (d == 0) {
			close(up[1]);
			sleep(300);
			_exit(0);
		}
		write(up[1], &d, sizeof d);
		_exit(0);
	}
	close(up[1]);
	pid_t d = -1;
	if (read(up[0], &d, sizeof d) == (ssize_t)sizeof d)
		printf("daemon %ld\n", (long)d);
	return 0;
}
