/* spawn: start one program, confined, for proc_run() (stages/proc.h), which supervises it.
 *
 * Contract: spawn_start() forks a small init of its own (a child of the calling thread, which
 * must be the thread that waits for it: PR_SET_PDEATHSIG is tied to it). The init puts itself
 * in its own process group (the parent does too, so there is no race), sets
 * PR_SET_PDEATHSIG(SIGKILL), applies the memory and CPU-time rlimits, forks the real child,
 * which execs the program, reaps what comes to it, and when the real child ends writes its
 * raw wait status (and the peak resident size and CPU time of the tree it waited for) to the
 * report descriptor and exits. Where the kernel allows it the init is PID 1 of a new PID
 * namespace (CLONE_NEWPID as root; unprivileged, with CLONE_NEWUSER and a map of the same
 * user and group), so its death, at the program's end or when the process that started it
 * dies by any means (SIGKILL, the OOM killer), kills every process left in the namespace:
 * the program's children, daemons, a compiler's passes. Where namespaces are refused the
 * init runs without one, and both it and the program die with their parent
 * (PR_SET_PDEATHSIG); what the program leaves behind is proc's subreaper sweep's to end.
 *
 * Everything the children do between fork and exec is async-signal-safe: the caller resolves
 * the program's path (spawn_resolve) and builds its environment beforehand. The children keep
 * only descriptors 0, 1 and 2 and the report descriptor: nothing else the process has open
 * (another run's pipes, a file being written) survives in them. An exec that fails with
 * ETXTBSY is tried again a few times; one that fails for good is reported (SPAWN_EXEC_FAILED
 * and its errno), as is a failed chdir or stdin.
 *
 * For the tests, CSTAGES_SPAWN_MODE=plain in the environment starts every child without a
 * namespace, and CSTAGES_SPAWN_MODE=userns with a user namespace even as root.
 */
#ifndef CSTAGES_SPAWN_H
#define CSTAGES_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

struct spawn_req {
	const char *path;       /* the executable, resolved (spawn_resolve) */
	char *const *argv;
	char *const *envp;
	const char *cwd;        /* NULL: the caller's */
	const char *stdin_path; /* NULL: /dev/null */
	int out_fd, err_fd;     /* where its standard output and error go */
	int report_fd;          /* write end of the report pipe */
	long long mem_limit;    /* RLIMIT_AS in bytes; 0: none */
	int cpu_limit_s;        /* RLIMIT_CPU in seconds (SIGXCPU, then SIGKILL a second on); 0: none */
};

/* What the children write to the report descriptor, each in one write. */
enum spawn_tag {
	SPAWN_EXEC_FAILED = 'E', /* value: the errno of the exec (or chdir, or open of stdin) */
	SPAWN_ENDED = 'S',       /* value: the real child's raw wait status */
};

struct spawn_report {
	int tag;
	int value;
	long maxrss_kb; /* SPAWN_ENDED: the biggest peak resident size among the processes
			 * waited for in the tree (getrusage RUSAGE_CHILDREN), in KiB */
	long cpu_ms;    /* SPAWN_ENDED: the real child's own CPU time (and its waited children's) */
};

/* How the children are contained. */
enum spawn_mode {
	SPAWN_PIDNS = 1,      /* a PID namespace */
	SPAWN_USER_PIDNS = 2, /* a user and a PID namespace (unprivileged) */
	SPAWN_PLAIN = 3,      /* no namespace: parent-death signals and the subreaper sweep */
};

/* Look name up as execvp would (in the caller's PATH unless it holds a '/'); the path into
 * buf. Returns 0, or the errno a spawn would fail with (ENOENT, EACCES, ENAMETOOLONG). */
int spawn_resolve(const char *name, char *buf, size_t len);

/* Start the init as described above. Returns its process ID (also its process group), or -1
 * with errno set. The caller still holds every descriptor it passed. */
pid_t spawn_start(const struct spawn_req *q);

/* The containment the last spawn_start() got (0 before the first). */
enum spawn_mode spawn_mode(void);

#endif
