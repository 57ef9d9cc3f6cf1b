/* spawn: start one program, confined, for proc_run(). See spawn.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stages/spawn.h"

#ifndef CLONE_NEWPID
#define CLONE_NEWPID 0x20000000
#endif
#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

/* The modes the kernel refused (bit 1 << mode), so each is tried once per process. */
static atomic_int spawn_refused;
static atomic_int spawn_last;

/* How many times an exec that fails with ETXTBSY is tried, and the first pause (doubled each
 * time): another thread's child may hold the file open for writing until its own exec. */
#define SPAWN_TXTBSY_TRIES 8
#define SPAWN_TXTBSY_PAUSE_NS (5 * 1000 * 1000L)

int spawn_resolve(const char *name, char *buf, size_t len)
{
	if (strchr(name, '/')) {
		if (strlen(name) >= len)
			return ENAMETOOLONG;
		strcpy(buf, name);
		return 0;
	}
	if (!*name)
		return ENOENT;
	const char *path = getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	int err = ENOENT;
	for (const char *p = path;;) {
		const char *e = strchrnul(p, ':');
		int dl = (int)(e - p), n;
		/* an empty entry is the current directory, as execvp takes it */
		n = dl ? snprintf(buf, len, "%.*s/%s", dl, p, name) : snprintf(buf, len, "%s", name);
		struct stat st;
		if (n > 0 && (size_t)n < len && stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return 0;
			err = EACCES;
		}
		if (!*e)
			break;
		p = e + 1;
	}
	return err;
}

enum spawn_mode spawn_mode(void)
{
	return (enum spawn_mode)atomic_load(&spawn_last);
}

/* clone() as fork() does it, with namespace flags, and without the C library's fork
 * handlers: the child calls nothing but system calls. */
static pid_t spawn_clone(unsigned long flags)
{
#if defined(__s390__) || defined(__CRIS__)
	return (pid_t)syscall(SYS_clone, 0UL, flags | SIGCHLD, NULL, NULL, 0UL);
#else
	return (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, 0UL);
#endif
}

/* From here to spawn_start(), the code runs in the children: system calls only. */

static void spawn_put(int fd, const struct spawn_report *r)
{
	while (write(fd, r, sizeof *r) < 0 && errno == EINTR)
		;
}

static _Noreturn void spawn_fail(int fd, int e)
{
	struct spawn_report r = { .tag = SPAWN_EXEC_FAILED, .value = e };
	spawn_put(fd, &r);
	_exit(127);
}

static int spawn_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t n = strlen(s);
	ssize_t k = write(fd, s, n);
	close(fd);
	return k == (ssize_t)n ? 0 : -1;
}

/* Default dispositions for every signal, and none blocked. */
static void spawn_signals_default(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			sigaction(s, &sa, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Only 0, 1, 2 (stdin, q's outputs) and 3 (the report, close-on-exec) stay open. Returns 0
 * or an errno. */
static int spawn_descriptors(const struct spawn_req *q)
{
	int in = open(q->stdin_path ? q->stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return errno;
	int from[4] = { in, q->out_fd, q->err_fd, q->report_fd }, hi[4];
	/* first out of the way of 0..3, whichever numbers they had */
	for (int i = 0; i < 4; i++)
		if ((hi[i] = fcntl(from[i], F_DUPFD_CLOEXEC, 10)) < 0)
			return errno;
	for (int i = 0; i < 3; i++)
		if (dup2(hi[i], i) < 0)
			return errno;
	if (dup3(hi[3], 3, O_CLOEXEC) < 0)
		return errno;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 4U, ~0U, 0U) == 0)
		return 0;
#endif
	struct rlimit nf;
	long top = getrlimit(RLIMIT_NOFILE, &nf) == 0 && nf.rlim_cur < 65536 ? (long)nf.rlim_cur : 65536;
	for (long fd = 4; fd < top; fd++)
		close((int)fd);
	return 0;
}

/* Lower the soft and hard limit of resource to v (never raise one the user set lower). */
static void spawn_limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit l;
	if (getrlimit(resource, &l) < 0)
		return;
	if (l.rlim_max != RLIM_INFINITY && hard > l.rlim_max)
		hard = l.rlim_max;
	if (soft > hard)
		soft = hard;
	l.rlim_cur = soft;
	l.rlim_max = hard;
	setrlimit(resource, &l);
}

/* The real child: dies with the init, takes the limits, execs. */
static _Noreturn void spawn_child(const struct spawn_req *q, pid_t init)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != init)
		_exit(127); /* the init is gone already */
	spawn_signals_default();
	if (q->mem_limit > 0)
		spawn_limit(RLIMIT_AS, (rlim_t)q->mem_limit, (rlim_t)q->mem_limit);
	if (q->cpu_limit_s > 0)
		spawn_limit(RLIMIT_CPU, (rlim_t)q->cpu_limit_s, (rlim_t)q->cpu_limit_s + 1);
	long pause = SPAWN_TXTBSY_PAUSE_NS;
	for (int i = 0;; i++) {
		execve(q->path, q->argv, q->envp);
		if (errno != ETXTBSY || i + 1 >= SPAWN_TXTBSY_TRIES)
			break;
		struct timespec ts = { pause / 1000000000L, pause % 1000000000L };
		nanosleep(&ts, NULL);
		pause *= 2;
	}
	spawn_fail(3, errno);
}

/* The init: see spawn.h. */
static _Noreturn void spawn_init(const struct spawn_req *q, int mode, pid_t parent,
				 const char *uid_map, const char *gid_map, int ready_fd)
{
	setpgid(0, 0);
	/* a fork of this program that never execs: named so in ps and top, not a second lesson */
	prctl(PR_SET_NAME, "lesson-init", 0, 0, 0);
	if (mode == SPAWN_USER_PIDNS) {
		/* A kernel may give the namespace but not the map (Ubuntu's AppArmor restriction
		 * on unprivileged user namespaces): say which, so the parent starts it without */
		char ok = spawn_write_file("/proc/self/setgroups", "deny") == 0 &&
			  spawn_write_file("/proc/self/uid_map", uid_map) == 0 &&
			  spawn_write_file("/proc/self/gid_map", gid_map) == 0;
		while (write(ready_fd, &ok, 1) < 0 && errno == EINTR)
			;
		if (!ok)
			_exit(127);
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* Did the parent die before that? Outside a namespace its process ID says so; inside,
	 * the parent is not visible, but the report pipe has no reader left. */
	if (mode == SPAWN_PLAIN) {
		if (getppid() != parent)
			_exit(127);
	} else {
		struct pollfd pf = { .fd = q->report_fd, .events = POLLOUT };
		if (poll(&pf, 1, 0) > 0 && (pf.revents & POLLERR))
			_exit(127);
	}
	int e = spawn_descriptors(q);
	if (e)
		spawn_fail(q->report_fd, e);
	if (q->cwd && chdir(q->cwd) < 0)
		spawn_fail(3, errno);
	spawn_signals_default();
	pid_t self = getpid();
	pid_t child = spawn_clone(0);
	if (child == 0)
		spawn_child(q, self);
	if (child < 0)
		spawn_fail(3, errno);
	/* Reap whatever comes to us (orphans, in a namespace) until the real child ends. */
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	for (;;) {
		int st;
		struct rusage one;
		pid_t w = wait4(-1, &st, 0, &one);
		if (w == child) {
			status = st;
			ru = one;
			break;
		}
		if (w < 0 && errno != EINTR)
			break;
	}
	struct rusage all;
	if (getrusage(RUSAGE_CHILDREN, &all) < 0)
		all = ru;
	struct spawn_report r = {
		.tag = SPAWN_ENDED,
		.value = status,
		.maxrss_kb = all.ru_maxrss,
		.cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L +
			  (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L,
	};
	spawn_put(3, &r);
	/* and with the init, every process left in the namespace dies */
	_exit(0);
}

/* The modes to try, in order, for a process with effective user ID euid. */
static int spawn_modes(int *modes)
{
	int n = 0;
	const char *force = getenv("CSTAGES_SPAWN_MODE"); /* for the tests: plain, userns */
	if (force && strcmp(force, "plain") == 0) {
		modes[n++] = SPAWN_PLAIN;
		return n;
	}
	if (geteuid() == 0 && !(force && strcmp(force, "userns") == 0))
		modes[n++] = SPAWN_PIDNS;
	modes[n++] = SPAWN_USER_PIDNS;
	modes[n++] = SPAWN_PLAIN;
	return n;
}

pid_t spawn_start(const struct spawn_req *q)
{
	char uid_map[48], gid_map[48];
	snprintf(uid_map, sizeof uid_map, "%lu %lu 1\n", (unsigned long)geteuid(),
		 (unsigned long)geteuid());
	snprintf(gid_map, sizeof gid_map, "%lu %lu 1\n", (unsigned long)getegid(),
		 (unsigned long)getegid());
	int modes[3], nmodes = spawn_modes(modes);
	/* every signal held across the fork: a handler of this process must never run in the
	 * child (the children set default dispositions, then let them in) */
	sigset_t all, was;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &was);
	pid_t parent = getpid(), pid = -1;
	int err = EAGAIN;
	for (int i = 0; i < nmodes; i++) {
		int mode = modes[i];
		if (mode != SPAWN_PLAIN && (atomic_load(&spawn_refused) & (1 << mode)))
			continue;
		unsigned long flags = mode == SPAWN_PIDNS ? CLONE_NEWPID :
				      mode == SPAWN_USER_PIDNS ? CLONE_NEWUSER | CLONE_NEWPID : 0;
		int ready[2] = { -1, -1 };
		if (mode == SPAWN_USER_PIDNS && pipe2(ready, O_CLOEXEC) < 0) {
			err = errno;
			break;
		}
		pid = spawn_clone(flags);
		if (pid == 0)
			spawn_init(q, mode, parent, uid_map, gid_map, ready[1]);
		err = errno;
		if (ready[1] >= 0)
			close(ready[1]);
		if (pid > 0 && mode == SPAWN_USER_PIDNS) {
			/* did the init get its user map? (it says at once; EOF: it died) */
			char ok = 0;
			while (read(ready[0], &ok, 1) < 0 && errno == EINTR)
				;
			close(ready[0]);
			if (!ok) {
				while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
					;
				pid = -1;
				atomic_fetch_or(&spawn_refused, 1 << mode);
				continue;
			}
		} else if (ready[0] >= 0) {
			close(ready[0]);
		}
		if (pid > 0) {
			setpgid(pid, pid);
			atomic_store(&spawn_last, mode);
			break;
		}
		if (mode == SPAWN_PLAIN || (err != EPERM && err != EINVAL && err != ENOSPC &&
					    err != EUSERS && err != ENOSYS && err != EACCES))
			break;
		atomic_fetch_or(&spawn_refused, 1 << mode);
	}
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	if (pid < 0)
		errno = err;
	return pid;
}
