/* proc: run one program from an argv and record what happened. See proc.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "stages/proc.h"
#include "stages/spawn.h"

extern char **environ;

#define PROC_MAX_RUNNING 64
#define PROC_DEFAULT_CAP (1u << 20)
/* How long the pipes may stay open after the program ended and what it left was killed. */
#define PROC_GRACE_MS 200
/* The CPU time of a run without a time limit. */
#define PROC_DEFAULT_CPU_S 600

/* A build with AddressSanitizer reserves terabytes of address space and aborts under any
 * RLIMIT_AS or RLIMIT_DATA a machine could have: the libclang child and the confining wrapper
 * are this very program, so such a build puts no memory limit on any child. */
#if defined(__SANITIZE_ADDRESS__)
#define PROC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PROC_ASAN 1
#endif
#endif
#ifdef PROC_ASAN
#define PROC_DEFAULT_MEM 0LL
#else
#define PROC_DEFAULT_MEM (4LL << 30)
#endif

/* Process groups being waited on, for proc_kill_all() from a signal handler. */
static atomic_int proc_running[PROC_MAX_RUNNING];
/* Set by proc_stop_spawning() on the way out: proc_run() starts nothing after it. */
static atomic_int proc_stopping;

static void proc_register(pid_t pg)
{
	for (int i = 0; i < PROC_MAX_RUNNING; i++) {
		int expected = 0;
		if (atomic_compare_exchange_strong(&proc_running[i], &expected, (int)pg))
			return;
	}
}

static void proc_unregister(pid_t pg)
{
	for (int i = 0; i < PROC_MAX_RUNNING; i++) {
		int expected = (int)pg;
		if (atomic_compare_exchange_strong(&proc_running[i], &expected, 0))
			return;
	}
}

static int proc_is_registered(pid_t pid)
{
	for (int i = 0; i < PROC_MAX_RUNNING; i++)
		if (atomic_load(&proc_running[i]) == (int)pid)
			return 1;
	return 0;
}

/* Parse the decimal number at s up to a byte that is not a digit; -1 if there is none. */
static long proc_atol(const char *s)
{
	long n = -1;
	for (; *s >= '0' && *s <= '9'; s++)
		n = (n < 0 ? 0 : n * 10) + (*s - '0');
	return n;
}

/* Call fn(pid, pgid, arg) for each process whose parent is this one, found in /proc with
 * system calls only (open, getdents64, read), so the signal path may use it too. */
static void proc_each_child(void (*fn)(pid_t, pid_t, void *), void *arg)
{
	struct linux_dirent64 {
		unsigned long long d_ino;
		long long d_off;
		unsigned short d_reclen;
		unsigned char d_type;
		char d_name[];
	};
	int dfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	long self = (long)getpid(), n;
	char buf[4096];
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			off += d->d_reclen;
			long pid = proc_atol(d->d_name);
			if (pid <= 0 || strlen(d->d_name) > 12)
				continue;
			char path[32] = "/proc/";
			strcat(strcat(path, d->d_name), "/stat");
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				continue;
			char st[256];
			ssize_t k = read(fd, st, sizeof st - 1);
			close(fd);
			if (k <= 0)
				continue;
			st[k] = '\0';
			/* "pid (comm) state ppid pgrp ...": comm may hold anything, so look from its
			 * end */
			char *p = strrchr(st, ')');
			if (!p || p[1] != ' ' || !p[2] || p[3] != ' ' || proc_atol(p + 4) != self)
				continue;
			const char *pgrp = strchr(p + 4, ' ');
			fn((pid_t)pid, pgrp ? (pid_t)proc_atol(pgrp + 1) : -1, arg);
		}
	}
	close(dfd);
}

static void proc_kill_child(pid_t pid, pid_t pgid, void *arg)
{
	(void)pgid;
	(void)arg;
	kill(pid, SIGKILL);
}

void proc_stop_spawning(void)
{
	atomic_store(&proc_stopping, 1);
}

void proc_kill_all(void)
{
	for (int i = 0; i < PROC_MAX_RUNNING; i++) {
		int pg = atomic_load(&proc_running[i]);
		if (pg > 0)
			kill(-pg, SIGKILL);
	}
	/* and whatever left its process group, which came to us as the subreaper */
	proc_each_child(proc_kill_child, NULL);
}

/* Held while a child is spawned and registered, and while strays are swept, so a sweep never
 * takes a child that proc_run() has just started for its stray. */
static pthread_mutex_t proc_spawn_lock = PTHREAD_MUTEX_INITIALIZER;

void proc_hold_spawns(void)
{
	pthread_mutex_lock(&proc_spawn_lock);
}

void proc_release_spawns(void)
{
	pthread_mutex_unlock(&proc_spawn_lock);
}

struct proc_strays {
	pid_t pid[256];
	int n;
};

/* A child of ours is a stray unless proc_run() waits on it or on its process group: an
 * orphan still in a running program's group is that run's, and ends with it. */
static void proc_note_stray(pid_t pid, pid_t pgid, void *arg)
{
	struct proc_strays *s = arg;
	if (s->n < (int)(sizeof s->pid / sizeof *s->pid) && !proc_is_registered(pid) &&
	    !proc_is_registered(pgid))
		s->pid[s->n++] = pid;
}

/* Kill and reap every child of this process that no proc_run() is waiting on. A program that
 * leaves its process group (setsid, as a daemon does) escapes the group kill; when its
 * parent dies it is handed to us, the subreaper, and ends here. A killed one's children come
 * to us in turn, so sweep until none is left (bounded, against a fork bomb). */
static void proc_sweep(void)
{
	pthread_mutex_lock(&proc_spawn_lock);
	for (int round = 0; round < 64; round++) {
		struct proc_strays s = { .n = 0 };
		proc_each_child(proc_note_stray, &s);
		if (s.n == 0)
			break;
		for (int i = 0; i < s.n; i++)
			kill(s.pid[i], SIGKILL);
		for (int i = 0; i < s.n; i++)
			while (waitpid(s.pid[i], NULL, 0) < 0 && errno == EINTR)
				;
	}
	pthread_mutex_unlock(&proc_spawn_lock);
}

static double proc_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A growing buffer that keeps at most cap bytes and counts the rest as dropped. */
struct proc_buf {
	char *data;
	size_t len, alloc, cap;
	int truncated;
};

static void proc_buf_add(struct proc_buf *b, const char *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->truncated = 1;
		n = b->cap > b->len ? b->cap - b->len : 0;
	}
	if (n == 0)
		return;
	if (b->len + n + 1 > b->alloc) {
		size_t want = b->alloc ? b->alloc : 4096;
		while (want < b->len + n + 1)
			want *= 2;
		char *d = realloc(b->data, want);
		if (!d) {
			b->truncated = 1;
			return;
		}
		b->data = d;
		b->alloc = want;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* Hand the buffer over as a NUL-terminated string. */
static char *proc_buf_take(struct proc_buf *b, size_t *len)
{
	if (!b->data)
		b->data = calloc(1, 1);
	else
		b->data[b->len] = '\0';
	*len = b->len;
	return b->data;
}

/* Read what is there; returns 0 at end of file or error, 1 while open. */
static int proc_drain(int fd, struct proc_buf *b)
{
	char chunk[16384];
	ssize_t n = read(fd, chunk, sizeof chunk);
	if (n > 0) {
		proc_buf_add(b, chunk, (size_t)n);
		return 1;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	return 0;
}

static char **proc_argv_copy(char *const argv[])
{
	size_t n = 0;
	while (argv[n])
		n++;
	char **c = calloc(n + 1, sizeof *c);
	if (!c)
		return NULL;
	for (size_t i = 0; i < n; i++)
		c[i] = strdup(argv[i]);
	return c;
}

/* The value of variable name (such as "LANG") in env, or NULL. */
static const char *proc_getenv(char *const *env, const char *name)
{
	size_t n = strlen(name);
	for (; *env; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

/* The C locale a tool runs in: C.UTF-8 when the character set of the locale that env
 * chooses (LC_ALL, else LC_CTYPE, else LANG) is UTF-8 and the system has C.UTF-8, so gcc
 * quotes with ‘ ’ and prints UTF-8 names as the learner's terminal shows them; else C.
 * Either way its messages are English, LANGUAGE being unset. */
static const char *proc_tool_locale(char *const *env)
{
	const char *name = NULL;
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < 3 && !(name && *name); i++)
		name = proc_getenv(env, vars[i]);
	if (!name || !*name)
		return "LC_ALL=C";
	int utf8 = 0;
	locale_t l = newlocale(LC_CTYPE_MASK, name, (locale_t)0);
	if (l) {
		utf8 = strcmp(nl_langinfo_l(CODESET, l), "UTF-8") == 0;
		freelocale(l);
	}
	if (!utf8)
		return "LC_ALL=C";
	l = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	if (!l)
		return "LC_ALL=C";
	freelocale(l);
	return "LC_ALL=C.UTF-8";
}

/* The environment a tool runs in: base without LC_ALL and LANGUAGE, and LC_ALL=C (or
 * C.UTF-8, proc_tool_locale) at its end, so its messages (gettext's catalogs: binutils', ld's,
 * the C library's for ldd) and its formats are English whatever the user's locale. The
 * strings are base's; the caller frees only the array. NULL when out of memory. */
static char **proc_c_locale_env(char *const *base)
{
	size_t n = 0;
	while (base[n])
		n++;
	char **e = calloc(n + 2, sizeof *e);
	if (!e)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(base[i], "LC_ALL=", 7) != 0 && strncmp(base[i], "LANGUAGE=", 9) != 0)
			e[k++] = base[i];
	e[k++] = (char *)proc_tool_locale(base);
	e[k] = NULL;
	return e;
}

static int proc_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	return -1;
#endif
}

/* Record how the child ended. */
static void proc_set_status(struct proc_result *r, int status)
{
	if (WIFEXITED(status)) {
		r->kind = PROC_EXITED;
		r->exit_code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		r->kind = PROC_SIGNALED;
		r->signo = WTERMSIG(status);
	}
}

/* Read the init's report (see spawn.h): the program's own wait status into *status, unless
 * the init was killed before it could say; an exec that failed into *exec_errno. */
static void proc_read_report(int fd, int *status, struct spawn_report *rep, int *exec_errno)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	struct spawn_report m;
	while (read(fd, &m, sizeof m) == (ssize_t)sizeof m) {
		if (m.tag == SPAWN_EXEC_FAILED) {
			*exec_errno = m.value;
		} else if (m.tag == SPAWN_ENDED) {
			*status = m.value;
			*rep = m;
		}
	}
}

/* Which of our limits ended a run that failed, from how it ended and what it said: the kernel
 * stops a process at RLIMIT_CPU with SIGXCPU (SIGKILL a second on), and at RLIMIT_AS an
 * allocation fails, which a compiler reports ("out of memory", "memory exhausted") and a
 * program often dies of (SIGSEGV, SIGABRT) once it has grown to a good part of the limit. */
static enum proc_limit proc_which_limit(const struct proc_result *r, const struct spawn_report *rep)
{
	if (proc_ok(r) || r->kind == PROC_SPAWN_FAILED)
		return PROC_LIMIT_NONE;
	int sig = r->kind == PROC_SIGNALED ? r->signo : 0;
	const char *err = r->err ? r->err : "";
	if (r->cpu_limit_s > 0 &&
	    (sig == SIGXCPU || strstr(err, "CPU time limit exceeded") ||
	     (sig == SIGKILL && rep->cpu_ms >= r->cpu_limit_s * 1000L)))
		return PROC_LIMIT_CPU;
	if (r->mem_limit > 0) {
		static const char *const said[] = { "out of memory", "memory exhausted",
						    "Cannot allocate memory", "std::bad_alloc" };
		for (size_t i = 0; i < sizeof said / sizeof *said; i++)
			if (strstr(err, said[i]))
				return PROC_LIMIT_MEMORY;
		if ((sig == SIGSEGV || sig == SIGABRT || sig == SIGBUS || sig == SIGKILL) &&
		    rep->maxrss_kb * 1024LL * 2 >= r->mem_limit)
			return PROC_LIMIT_MEMORY;
	}
	return PROC_LIMIT_NONE;
}

int proc_run(char *const argv[], const struct proc_opts *o, struct proc_result *r)
{
	static const struct proc_opts defaults;
	if (!o)
		o = &defaults;
	memset(r, 0, sizeof *r);
	r->argv = proc_argv_copy(argv);
	struct proc_buf out = { .cap = o->out_cap ? o->out_cap : PROC_DEFAULT_CAP };
	struct proc_buf err = { .cap = out.cap };
	r->out_cap = out.cap;
	r->mem_limit = o->mem_limit < 0 ? 0 : o->mem_limit ? o->mem_limit : PROC_DEFAULT_MEM;
	/* the time limit's seconds and one more: a program that runs on several threads (or a
	 * build's passes, each with its own count) may use more CPU than time */
	r->cpu_limit_s = o->cpu_limit_s < 0 ? 0 : o->cpu_limit_s ? o->cpu_limit_s :
			 o->timeout_ms > 0 ? (o->timeout_ms + 999) / 1000 + 1 : PROC_DEFAULT_CPU_S;
	double start = proc_now_ms();
	char *const *envp = o->envp ? o->envp : environ;
	char **c_env = o->user_locale ? NULL : proc_c_locale_env(envp);

	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, pr_[2] = { -1, -1 };
	pid_t pid = -1;
	int rc = -1;
	char path[PATH_MAX];

	if (!o->user_locale && !c_env) {
		rc = ENOMEM;
		goto spawn_failed;
	}
	if ((rc = spawn_resolve(argv[0], path, sizeof path)) != 0)
		goto spawn_failed;
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0 || pipe2(pr_, O_CLOEXEC) < 0) {
		rc = errno;
		goto spawn_failed;
	}
	struct spawn_req q = {
		.path = path,
		.argv = argv,
		.envp = c_env ? c_env : envp,
		.cwd = o->cwd,
		.stdin_path = o->stdin_path,
		.out_fd = po[1],
		.err_fd = pe[1],
		.report_fd = pr_[1],
		.mem_limit = r->mem_limit,
		.cpu_limit_s = r->cpu_limit_s,
	};
	/* What the program leaves running outside its group is handed to us when its parent
	 * dies (not inherited across fork, so set it in whichever process runs this). */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	pthread_mutex_lock(&proc_spawn_lock);
	if (atomic_load(&proc_stopping)) {
		rc = ECANCELED; /* the process is dying: start nothing more */
	} else {
		/* its own process group (and PID namespace where allowed), so a time limit or a
		 * signal ends its children too; the init mirrors how the program ended */
		pid = spawn_start(&q);
		rc = pid < 0 ? errno : 0;
	}
	if (rc == 0)
		proc_register(pid);
	pthread_mutex_unlock(&proc_spawn_lock);
	if (rc != 0)
		goto spawn_failed;
	close(po[1]);
	close(pe[1]);
	close(pr_[1]);
	po[1] = pe[1] = pr_[1] = -1;

	int pidfd = proc_pidfd(pid);
	int out_open = 1, err_open = 1, reaped = 0, status = 0, timed_out = 0, capped = 0;
	double deadline = o->timeout_ms > 0 ? start + o->timeout_ms : 0, grace = 0, end = 0;
	while (out_open || err_open || !reaped) {
		struct pollfd pf[3];
		int n = 0, io = -1, ie = -1, ip = -1;
		if (out_open) {
			pf[n] = (struct pollfd){ .fd = po[0], .events = POLLIN };
			io = n++;
		}
		if (err_open) {
			pf[n] = (struct pollfd){ .fd = pe[0], .events = POLLIN };
			ie = n++;
		}
		if (!reaped && pidfd >= 0) {
			pf[n] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
			ip = n++;
		}
		int wait_ms = pidfd >= 0 ? -1 : 50; /* without a pidfd, check on it this often */
		if (deadline > 0 && !timed_out && !reaped) {
			double left = deadline - proc_now_ms();
			if (left <= 0) {
				kill(-pid, SIGKILL);
				timed_out = 1;
				continue;
			}
			if (wait_ms < 0 || left < wait_ms)
				wait_ms = (int)left + 1;
		}
		if (reaped) {
			/* It has ended, and what it left was killed: the pipes close as soon as
			 * the killed are gone. One that holds them past the grace is not waited
			 * for (its time limit is no reason to wait: the program is over). */
			double left = grace - proc_now_ms();
			if (left <= 0) {
				r->held_open = 1;
				break;
			}
			wait_ms = (int)left + 1;
		}
		int pr = poll(pf, (nfds_t)n, wait_ms);
		if (pr < 0 && errno != EINTR)
			break;
		if (io >= 0 && pf[io].revents)
			out_open = proc_drain(po[0], &out);
		if (ie >= 0 && pf[ie].revents)
			err_open = proc_drain(pe[0], &err);
		/* past the cap nothing more is kept: end it now rather than at its time limit */
		if (o->stop_at_cap && !reaped && !capped && !timed_out &&
		    (out.truncated || err.truncated)) {
			kill(-pid, SIGKILL);
			capped = 1;
		}
		if (!reaped && (ip < 0 || pf[ip].revents)) {
			pid_t w = waitpid(pid, &status, WNOHANG);
			if (w == pid) {
				reaped = 1;
				end = proc_now_ms();
				grace = end + PROC_GRACE_MS;
				/* Whatever it left running in its group ends with it (in a PID
				 * namespace, everything it left ended with its init already), and
				 * so does what left the group (a daemon) and came to us: a daemon
				 * holding the pipes would otherwise hold this run until its time
				 * limit, and the run would look as if the program took that long. */
				kill(-pid, SIGKILL);
				if (out_open || err_open)
					proc_sweep();
			}
		}
	}
	/* What is in the pipes already is the program's output, whoever still holds them: read
	 * it without waiting for more. */
	for (int k = 0; k < 2; k++) {
		int fd = k ? pe[0] : po[0];
		if (!(k ? err_open : out_open))
			continue;
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		struct proc_buf *b = k ? &err : &out;
		char chunk[16384];
		ssize_t got;
		/* bounded: an escaped writer that keeps writing cannot hold us here */
		for (int i = 0; i < 64 && (got = read(fd, chunk, sizeof chunk)) > 0; i++)
			proc_buf_add(b, chunk, (size_t)got);
	}
	if (pidfd >= 0)
		close(pidfd);
	proc_unregister(pid);
	proc_sweep();
	/* how the program itself ended, as its init saw it (the init's own status when the
	 * init was killed: a time limit, the cap, a signal from outside) */
	struct spawn_report rep = { 0 };
	int exec_errno = 0;
	if (reaped)
		proc_read_report(pr_[0], &status, &rep, &exec_errno);
	close(pr_[0]);
	if (exec_errno) {
		rc = exec_errno;
		r->wall_ms = proc_now_ms() - start;
		close(po[0]);
		close(pe[0]);
		po[0] = pe[0] = pr_[0] = -1;
		goto spawn_failed;
	}
	proc_set_status(r, status);
	r->peak_rss_kb = rep.maxrss_kb;
	if (timed_out)
		r->kind = PROC_TIMED_OUT;
	/* the cap's kill ended it, unless it had ended by itself before the kill arrived */
	else if (capped && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		r->kind = PROC_CAPPED;
	r->wall_ms = (end > 0 ? end : proc_now_ms()) - start;
	r->out = proc_buf_take(&out, &r->out_len);
	r->out_truncated = out.truncated;
	r->err = proc_buf_take(&err, &r->err_len);
	r->err_truncated = err.truncated;
	if (!timed_out && !capped)
		r->limit = proc_which_limit(r, &rep);
	close(po[0]);
	close(pe[0]);
	free(c_env);
	return proc_ok(r) ? 0 : 1;

spawn_failed:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
		if (pr_[i] >= 0)
			close(pr_[i]);
	}
	free(c_env);
	r->kind = PROC_SPAWN_FAILED;
	r->spawn_errno = rc;
	r->limit = PROC_LIMIT_NONE;
	if (r->wall_ms == 0)
		r->wall_ms = proc_now_ms() - start;
	free(out.data);
	free(err.data);
	out.data = err.data = NULL;
	out.len = err.len = 0;
	r->out = proc_buf_take(&out, &r->out_len);
	r->err = proc_buf_take(&err, &r->err_len);
	return 1;
}

int proc_ok(const struct proc_result *r)
{
	return r->kind == PROC_EXITED && r->exit_code == 0;
}

void proc_result_free(struct proc_result *r)
{
	if (r->argv) {
		for (char **a = r->argv; *a; a++)
			free(*a);
		free(r->argv);
	}
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

/* The size of a limit as a learner reads it: "4 GiB", "512 MiB". */
static void proc_size_words(long long bytes, char *buf, size_t len)
{
	if (bytes % (1LL << 30) == 0)
		snprintf(buf, len, "%lld GiB", bytes >> 30);
	else
		snprintf(buf, len, "%lld MiB", bytes >> 20);
}

static const char *proc_account(const struct proc_result *r, int en, char *buf, size_t len);

/* The account of r in buf, in English (en: for the JSON, which never changes with the locale)
 * or in the user's language; which limit stopped it first, when one did. */
static const char *proc_describe_in(const struct proc_result *r, int en, char *buf, size_t len)
{
	char how[160], size[32];
	switch (r->limit) {
	case PROC_LIMIT_NONE:
		break;
	case PROC_LIMIT_MEMORY:
		proc_account(r, en, how, sizeof how);
		proc_size_words(r->mem_limit, size, sizeof size);
		/* TRANSLATORS: 1: a size such as "4 GiB"; 2: how it ended, such as "exit 1" */
		snprintf(buf, len, en ? "stopped by the memory limit (%1$s): %2$s" :
			 _("stopped by the memory limit (%1$s): %2$s"), size, how);
		return buf;
	case PROC_LIMIT_CPU:
		proc_account(r, en, how, sizeof how);
		/* TRANSLATORS: 1: seconds of CPU time; 2: how it ended, such as "killed by SIGXCPU" */
		snprintf(buf, len, en ? "stopped by the CPU-time limit (%1$d s): %2$s" :
			 _("stopped by the CPU-time limit (%1$d s): %2$s"), r->cpu_limit_s, how);
		return buf;
	}
	return proc_account(r, en, buf, len);
}

/* How r ended, in buf, whatever limit it was. */
static const char *proc_account(const struct proc_result *r, int en, char *buf, size_t len)
{
	switch (r->kind) {
	case PROC_EXITED:
		snprintf(buf, len, en ? "exit %d" : _("exit %d"), r->exit_code);
		break;
	case PROC_SIGNALED:
		snprintf(buf, len, en ? "killed by SIG%1$s (%2$s)" : _("killed by SIG%1$s (%2$s)"),
			 sigabbrev_np(r->signo) ? sigabbrev_np(r->signo) : "?",
			 en ? (sigdescr_np(r->signo) ? sigdescr_np(r->signo) : "?") :
			      strsignal(r->signo));
		break;
	case PROC_TIMED_OUT:
		snprintf(buf, len, en ? "timed out after %.1f s, killed" :
			 _("timed out after %.1f s, killed"), r->wall_ms / 1000);
		break;
	case PROC_CAPPED:
		snprintf(buf, len, en ? (r->out_cap == 1 ? "killed when its output passed %zu byte" :
					 "killed when its output passed %zu bytes") :
			 ngettext("killed when its output passed %zu byte",
				  "killed when its output passed %zu bytes", r->out_cap), r->out_cap);
		break;
	case PROC_SPAWN_FAILED:
		snprintf(buf, len, en ? "could not start: %s" : _("could not start: %s"),
			 en ? (strerrordesc_np(r->spawn_errno) ? strerrordesc_np(r->spawn_errno) : "?") :
			      strerror(r->spawn_errno));
		break;
	}
	return buf;
}

const char *proc_describe(const struct proc_result *r)
{
	static _Thread_local char buf[256];
	return proc_describe_in(r, 0, buf, sizeof buf);
}

const char *proc_describe_en(const struct proc_result *r)
{
	static _Thread_local char buf[256];
	return proc_describe_in(r, 1, buf, sizeof buf);
}

/* True when s needs quoting for a POSIX shell. */
static int proc_needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "-_./=:,+@%", *s))
			return 1;
	return 0;
}

char *proc_argv_string(char *const argv[])
{
	size_t cap = 1;
	for (size_t i = 0; argv[i]; i++)
		cap += strlen(argv[i]) * 4 + 3;
	char *s = malloc(cap), *p = s;
	if (!s)
		return NULL;
	for (size_t i = 0; argv[i]; i++) {
		if (i)
			*p++ = ' ';
		if (!proc_needs_quotes(argv[i])) {
			p = stpcpy(p, argv[i]);
			continue;
		}
		*p++ = '\'';
		for (const char *a = argv[i]; *a; a++) {
			if (*a == '\'')
				p = stpcpy(p, "'\\''");
			else
				*p++ = *a;
		}
		*p++ = '\'';
	}
	*p = '\0';
	return s;
}
