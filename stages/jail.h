/* jail: the program under study runs confined, so it writes only inside its own directory and
 * reaches nothing outside.
 *
 * Contract: jail_probe() asks this machine once per process (the answer is cached; the first
 * call runs `lesson --jail-exec auto DIR` through proc_run) what it allows, best first:
 * JAIL_NAMESPACES (user, mount, PID and network namespaces: the whole tree read-only, fresh
 * empty tmpfs over /tmp, /var/tmp, /dev/shm and /run, the run's directory bound back
 * writable, no network but a loopback of its own, no other process in sight), JAIL_LANDLOCK
 * (writes only inside the directory; no network and no signals out only where the kernel's
 * Landlock ABI has them) or JAIL_NONE. The environment variable CSTAGES_JAIL=landlock or
 * =none caps the answer (for the tests; the account then says it was asked for).
 *
 * jail_run() is proc_run() of the program under study inside that confinement: argv becomes
 * lesson's own executable with the hidden first argument JAIL_ARG, the directory (o->cwd),
 * a note file and "--" before the program, and such a run goes to jail_main() before
 * anything else (a constructor of jail_exec.c, in whatever program links the jail, and the
 * first lines of lesson's main()). The wrapper passes the program's exit status or its
 * signal on unchanged, and stdin, stdout, stderr, the process group and the environment are
 * the program's, so *r records what the program did; r->argv is the program's own argv, as
 * the learner would type it. *left receives what the program left in the fresh directories
 * ("/tmp/x", one a line; NULL when nothing), which vanished with the run; the caller frees it.
 *
 * jail_say() words how the program was confined and what was not; jail_explain() words why a
 * run's output shows "Read-only file system" or "Permission denied" for a write outside its
 * directory, or what vanished (NULL when there is nothing to explain). en: English, for the
 * JSON; otherwise in the user's language. The caller frees both. Thread-safe.
 */
#ifndef CSTAGES_JAIL_H
#define CSTAGES_JAIL_H

#include "stages/proc.h"

#define JAIL_ARG "--jail-exec"

enum jail_mode {
	JAIL_NONE,
	JAIL_LANDLOCK,
	JAIL_NAMESPACES,
};

struct jail {
	enum jail_mode mode;
	int landlock_abi; /* the kernel's Landlock ABI (0: none), whatever the mode */
	int capped;       /* CSTAGES_JAIL asked for less: 1 landlock, 2 none; else 0 */
	int probed;       /* 1 once filled in */
};

/* What this machine allows (cached after the first call); dir: a directory to try it in. */
void jail_probe(const char *dir, struct jail *j);

/* proc_run() of argv confined as j says (see above); left may be NULL. */
int jail_run(char *const argv[], const struct proc_opts *o, const struct jail *j,
	     struct proc_result *r, char **left);

/* What jail_run_extra() adds to a run. */
struct jail_extra {
	char *const *env;         /* "NAME=VALUE" set in the program's environment only (not in
				     the wrapper's: an LD_PRELOAD reaches the program alone);
				     NULL-terminated, or NULL */
	unsigned long long stop_main;  /* with stop_out: main's address in the file */
	unsigned long long stop_entry; /* with stop_out: the file's e_entry */
	const char *stop_out;     /* non-NULL: stop the program at main and write its maps into
				     this file of o->cwd, then kill it (jail_exec.c says the
				     file's form; it is appended to: the caller removes an old
				     one first); a program that ends before main ends as it
				     would, its status in *r */
};

/* jail_run() with x's additions (x NULL: the same as jail_run()). With x, the program goes
 * through the wrapper even when j says JAIL_NONE (the wrapper then only sets the environment
 * and traces). */
int jail_run_extra(char *const argv[], const struct proc_opts *o, const struct jail *j,
		   const struct jail_extra *x, struct proc_result *r, char **left);

/* "namespaces", "landlock", "none": for the JSON. */
const char *jail_mode_name(enum jail_mode m);

/* How the program was confined, and what was not: whole sentences. */
char *jail_say(const struct jail *j, int en);

/* Why r's output shows a refused write, or what vanished; NULL when nothing. */
char *jail_explain(const struct jail *j, const struct proc_result *r, const char *left, int en);

/* The wrapper: argv[1] is JAIL_ARG. Returns the exit status (or does not return). */
int jail_main(int argc, char **argv);

#endif
