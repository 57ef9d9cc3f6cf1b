/* proc: run one program from an argv, never through a shell, and record what happened.
 *
 * Contract: proc_run() spawns argv[0] (looked up in PATH) in its own process group, with
 * stdin from o->stdin_path (or /dev/null), in o->cwd, and collects stdout and stderr
 * separately, each capped at o->out_cap bytes (the rest is read and dropped, and the
 * record says so; with o->stop_at_cap the whole process group is killed as soon as either
 * stream passes its cap, and the record says the cap ended it). At o->timeout_ms the whole
 * process group is killed with SIGKILL and the record says it timed out.
 *
 * The locale: a tool's output is read by the engine, which reads English, so unless
 * o->user_locale the program runs with LC_ALL=C and without LANGUAGE (which gettext honours
 * over LC_MESSAGES under any locale but C), whatever the user's locale; LC_ALL=C.UTF-8
 * instead when the environment's locale has the character set UTF-8 and the system has
 * C.UTF-8, so the characters are the learner's, only the language English. The rest of the environment
 * is the caller's (or o->envp). The argv, and so the command shown, is unchanged. It always fills *r, even when the spawn fails (then r->kind is
 * PROC_SPAWN_FAILED and r->spawn_errno says why). The caller owns *r and frees it with
 * proc_result_free(). Thread-safe: no global state but the registry of running groups that
 * proc_kill_all() uses from a signal handler.
 *
 * Containment (stages/spawn.h): each program runs under a small init of ours, in a PID
 * namespace of its own where the kernel allows one, so that everything it starts (a compiler's
 * passes, its children, a daemon) dies when it ends, and when this process dies by any means.
 * Each process runs under a memory limit (RLIMIT_AS) and a CPU-time limit (RLIMIT_CPU), set
 * in the child before its exec (no cgroup: rlimits need no delegation); r->limit says which
 * stopped a run, and proc_describe() says it in words. A build with AddressSanitizer, which
 * cannot run under an address-space limit, sets no memory limit on any child.
 * The run ends when the program ends: whatever it left holding its output is killed, and the
 * output held past a short grace is not waited for.
 *
 * What a program leaves running outside its process group (a daemon's setsid) where no PID
 * namespace is allowed must not outlive it either: proc_run() makes the calling process a child
 * subreaper, so such a process is handed to it when its parent dies, and after each run kills
 * and reaps every child of the calling process that is outside the process groups proc_run()
 * is waiting on. A process that uses proc_run() must therefore start no children of its own
 * but through proc_run(). proc_run() waits in the thread that called it, which the child's
 * parent-death signal is tied to.
 */
#ifndef CSTAGES_PROC_H
#define CSTAGES_PROC_H

#include <stddef.h>

enum proc_kind {
	PROC_EXITED,       /* exit_code is valid */
	PROC_SIGNALED,     /* signo is valid */
	PROC_TIMED_OUT,    /* killed by us at the time limit */
	PROC_SPAWN_FAILED, /* spawn_errno is valid; nothing ran */
	PROC_CAPPED,       /* killed by us when its output passed out_cap (o->stop_at_cap) */
};

/* Which of the limits each child runs under stopped a run (see proc_opts). */
enum proc_limit {
	PROC_LIMIT_NONE,
	PROC_LIMIT_MEMORY, /* its address space reached mem_limit and it died of that */
	PROC_LIMIT_CPU,    /* it used cpu_limit_s seconds of CPU time (SIGXCPU, then SIGKILL) */
};

struct proc_opts {
	const char *cwd;        /* NULL: the caller's */
	const char *stdin_path; /* NULL: /dev/null */
	char *const *envp;      /* NULL: the caller's environment */
	int timeout_ms;         /* <= 0: no limit */
	size_t out_cap;         /* per stream; 0: 1 MiB */
	int stop_at_cap;        /* kill the process group once a stream passes out_cap */
	int user_locale;        /* keep the caller's locale (the program under study, whose
				 * output is shown, never read); else LC_ALL=C, no LANGUAGE */
	long long mem_limit;    /* address space of each process it starts, in bytes (RLIMIT_AS);
				 * 0: 4 GiB (none in a build with AddressSanitizer); < 0: none */
	int cpu_limit_s;        /* CPU seconds of each process (RLIMIT_CPU); 0: the time limit's
				 * seconds and one more, or 600 without one; < 0: none */
};

struct proc_result {
	char **argv; /* a copy, NULL-terminated */
	enum proc_kind kind;
	int exit_code;
	int signo;
	int spawn_errno;
	size_t out_cap; /* the cap each stream had, in bytes */
	double wall_ms;
	char *out; /* NUL-terminated, out_len bytes before the NUL */
	size_t out_len;
	int out_truncated;
	char *err;
	size_t err_len;
	int err_truncated;
	long long mem_limit; /* the limits it ran under (0: none) */
	int cpu_limit_s;
	enum proc_limit limit; /* which of them stopped it, if one did */
	long peak_rss_kb;      /* the biggest peak resident size in its tree, KiB (0: unknown) */
	int held_open;         /* its output was still held open PROC_GRACE_MS after it ended
				 * and all it left was killed (a process out of reach holds it) */
};

/* Run argv to completion under the limits in o (NULL: defaults). Returns 0 when the program
 * ran and exited 0, 1 otherwise; *r tells the details either way. */
int proc_run(char *const argv[], const struct proc_opts *o, struct proc_result *r);

/* Free what proc_run() stored in r and zero it. */
void proc_result_free(struct proc_result *r);

/* True when the run exited with status 0. */
int proc_ok(const struct proc_result *r);

/* A human-readable account: "exit 0", "exit 1", "killed by SIGSEGV", "timed out after 5 s",
 * "killed when its output passed 65536 bytes", "could not start: No such file or directory",
 * "stopped by the memory limit (4 GiB): exit 1", in the user's language. Static storage per
 * thread. */
const char *proc_describe(const struct proc_result *r);

/* The same account in English, whatever the locale (the signal's and the error's
 * descriptions too): for the JSON. Static storage per thread, apart from proc_describe's. */
const char *proc_describe_en(const struct proc_result *r);

/* The argv as a line a learner can paste into a POSIX shell (quoted where needed). The caller
 * frees it. */
char *proc_argv_string(char *const argv[]);

/* Async-signal-safe: SIGKILL every process group proc_run() is currently waiting on, and
 * every other child of this process. */
void proc_kill_all(void);

/* Hold off every proc_run() start in any thread, and let them go again. A thread that writes
 * a file it will run holds them while the file is open for writing: a child started in
 * between would inherit the open descriptor until its exec, and running the file then fails
 * with ETXTBSY ("Text file busy"). Not async-signal-safe. */
void proc_hold_spawns(void);
void proc_release_spawns(void);

/* Async-signal-safe: from now on proc_run() starts nothing (it records a spawn failure,
 * ECANCELED), so a dying process does not start new children while it cleans up. */
void proc_stop_spawning(void);

#endif
