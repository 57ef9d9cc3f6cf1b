/* peakrss: the peak resident memory of a command, its own and its process tree's.
 *
 *   peakrss [-o FILE] -- COMMAND [ARG]...
 *
 * Runs COMMAND (its output to FILE, default /dev/null) and prints, in KiB:
 *
 *   self=NNN tree=NNN exit=N anon=NNN file=NNN cpu=NNN
 *
 * self is the command's own high-water mark, VmHWM in /proc/PID/status, read while the
 * process stands stopped at its exit (ptrace, PTRACE_O_TRACEEXIT: its memory is still mapped
 * then; its children are not traced). anon and file split what was resident at that moment
 * (RssAnon: its heap and stacks; RssFile: the pages of its program and libraries it touched).
 * cpu is the milliseconds of processor time the command itself used, all its threads, user
 * and system, not its children's (utime and stime in /proc/PID/stat, at the same moment). tree is ru_maxrss of the rusage that wait4() returns for
 * the command: on Linux the larger of the process's own peak and the peaks of all the
 * descendants it waited for, so gcc's cc1 counts there, not in self. 0 when unknown.
 *
 * Built by tests/bench/run with cc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* The field name (e.g. "VmHWM") of pid's status in KiB, or 0. */
static long pr_status(pid_t pid, const char *name)
{
	char path[64], line[256];
	long kb = 0;
	size_t n = strlen(name);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, name, n) == 0 && line[n] == ':' &&
		    sscanf(line + n + 1, "%ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* pid's own processor time in ms (utime + stime of all its threads), or 0. */
static long pr_cpu_ms(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) state ...": the comm may hold anything, so count fields from its end;
	 * utime and stime are fields 14 and 15 */
	char *p = strrchr(buf, ')');
	unsigned long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return 0;
	long hz = sysconf(_SC_CLK_TCK);
	return hz > 0 ? (long)((ut + st) * 1000 / (unsigned long)hz) : 0;
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null";
	int c;
	while ((c = getopt(argc, argv, "+o:")) != -1) {
		if (c == 'o') {
			out = optarg;
			continue;
		}
		fprintf(stderr, "usage: peakrss [-o FILE] -- COMMAND [ARG]...\n");
		return 2;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: peakrss [-o FILE] -- COMMAND [ARG]...\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("peakrss: fork");
		return 1;
	}
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0) {
			perror(out);
			_exit(127);
		}
		close(fd);
		/* stopped by SIGTRAP at the exec, until the parent has set its options */
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			perror("peakrss: ptrace (self is not measured)");
		execvp(argv[optind], argv + optind);
		perror(argv[optind]);
		_exit(127);
	}
	long self = 0, anon = 0, file = 0, cpu = 0;
	int status, traced = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	for (;;) {
		pid_t w = wait4(pid, &status, 0, &ru);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			perror("peakrss: wait4");
			return 1;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (!WIFSTOPPED(status))
			continue;
		int sig = WSTOPSIG(status), pass = 0;
		if (!traced && sig == SIGTRAP) {
			/* the exec: from now on stop only at the exit */
			traced = 1;
			ptrace(PTRACE_SETOPTIONS, pid, NULL,
			       (void *)(long)(PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL));
		} else if (sig == SIGTRAP && (status >> 16) == PTRACE_EVENT_EXIT) {
			self = pr_status(pid, "VmHWM");
			anon = pr_status(pid, "RssAnon");
			file = pr_status(pid, "RssFile");
			cpu = pr_cpu_ms(pid);
		} else {
			pass = sig; /* an ordinary signal: deliver it */
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)pass);
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("self=%ld tree=%ld exit=%d anon=%ld file=%ld cpu=%ld\n", self, ru.ru_maxrss, code,
	       anon, file, cpu);
	return 0;
}
