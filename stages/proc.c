/* proc: run one program from an argv and record what happened. See proc.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
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

extern char **environ;

#define PROC_MAX_RUNNING 64
#define PROC_DEFAULT_CAP (1u << 20)

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
	double start = proc_now_ms();
	char *const *envp = o->envp ? o->envp : environ;
	char **c_env = o->user_locale ? NULL : proc_c_locale_env(envp);

	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&sa);
	pid_t pid = -1;
	int rc = -1;

	if (!o->user_locale && !c_env) {
		rc = ENOMEM;
		goto spawn_failed;
	}
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		rc = errno;
		goto spawn_failed;
	}
	posix_spawn_file_actions_addopen(&fa, 0, o->stdin_path ? o->stdin_path : "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	if (o->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, o->cwd);
	/* Its own process group, so a time limit or a signal ends its children too; default
	 * signal dispositions and an empty mask, whatever the caller had. */
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setpgroup(&sa, 0);
	posix_spawnattr_setsigmask(&sa, &none);
	posix_spawnattr_setsigdefault(&sa, &all);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
					      POSIX_SPAWN_SETSIGDEF);
	/* What the program leaves running outside its group is handed to us when its parent
	 * dies (not inherited across fork, so set it in whichever process runs this). */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	pthread_mutex_lock(&proc_spawn_lock);
	if (atomic_load(&proc_stopping))
		rc = ECANCELED; /* the process is dying: start nothing more */
	else
		rc = posix_spawnp(&pid, argv[0], &fa, &sa, argv, c_env ? c_env : envp);
	if (rc == 0)
		proc_register(pid);
	pthread_mutex_unlock(&proc_spawn_lock);
	if (rc != 0)
		goto spawn_failed;
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;

	int pidfd = proc_pidfd(pid);
	int out_open = 1, err_open = 1, reaped = 0, status = 0, timed_out = 0, capped = 0;
	double deadline = o->timeout_ms > 0 ? start + o->timeout_ms : 0;
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
		int wait_ms = 50; /* without a pidfd, check on the child this often */
		if (pidfd >= 0 || reaped)
			wait_ms = -1;
		if (deadline > 0 && !timed_out) {
			double left = deadline - proc_now_ms();
			if (left <= 0) {
				kill(-pid, SIGKILL);
				timed_out = 1;
				continue;
			}
			if (wait_ms < 0 || left < wait_ms)
				wait_ms = (int)left + 1;
		}
		if (reaped && wait_ms < 0)
			wait_ms = 200; /* a leftover holder of the pipes was just killed */
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
				/* Whatever it left running in its group ends with it. */
				kill(-pid, SIGKILL);
			}
		}
		if (reaped && pr == 0)
			break; /* pipes held open past the kill: stop waiting */
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
	proc_set_status(r, status);
	if (timed_out)
		r->kind = PROC_TIMED_OUT;
	/* the cap's kill ended it, unless it had ended by itself before the kill arrived */
	else if (capped && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		r->kind = PROC_CAPPED;
	r->wall_ms = proc_now_ms() - start;
	r->out = proc_buf_take(&out, &r->out_len);
	r->out_truncated = out.truncated;
	r->err = proc_buf_take(&err, &r->err_len);
	r->err_truncated = err.truncated;
	close(po[0]);
	close(pe[0]);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&sa);
	free(c_env);
	return proc_ok(r) ? 0 : 1;

spawn_failed:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&sa);
	free(c_env);
	r->kind = PROC_SPAWN_FAILED;
	r->spawn_errno = rc;
	r->wall_ms = proc_now_ms() - start;
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

/* The account of r in buf, in English (en: for the JSON, which never changes with the locale)
 * or in the user's language. */
static const char *proc_describe_in(const struct proc_result *r, int en, char *buf, size_t len)
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
	static _Thread_local char buf[160];
	return proc_describe_in(r, 0, buf, sizeof buf);
}

const char *proc_describe_en(const struct proc_result *r)
{
	static _Thread_local char buf[160];
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
