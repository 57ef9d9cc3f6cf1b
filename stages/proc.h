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
 * What a program leaves running outside its process group (a daemon's setsid) must not
 * outlive it either: proc_run() makes the calling process a child subreaper, so such a
 * process is handed to it when its parent dies, and after each run kills and reaps every
 * child of the calling process that is outside the process groups proc_run() is waiting on.
 * A process that uses proc_run() must therefore start no children of its own but through
 * proc_run().
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

struct proc_opts {
	const char *cwd;        /* NULL: the caller's */
	const char *stdin_path; /* NULL: /dev/null */
	char *const *envp;      /* NULL: the caller's environment */
	int timeout_ms;         /* <= 0: no limit */
	size_t out_cap;         /* per stream; 0: 1 MiB */
	int stop_at_cap;        /* kill the process group once a stream passes out_cap */
	int user_locale;        /* keep the caller's locale (the program under study, whose
				 * output is shown, never read); else LC_ALL=C, no LANGUAGE */
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
 * in the user's language. Static storage per thread. */
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
