/* jail_exec: the wrapper that confines the program under study (the other half of jail.h).
 *
 * `lesson --jail-exec MODE DIR NOTE -- PROGRAM ARGS...` runs before main (a constructor, in
 * any program that links the jail; lesson's main checks first thing too), single-threaded,
 * before any locale, curses or libclang. MODE "namespaces": new user,
 * mount, PID and network namespaces; every mount read-only; fresh tmpfs over /tmp, /var/tmp,
 * /dev/shm and /run; /dev/tty and /dev/pts hidden; DIR bound back writable. Then the
 * first process of the PID namespace (its init) mounts a /proc of its own, locks the mounts
 * with a nested user namespace, forks the program, reaps everything, lists what the program
 * left in the fresh directories into the file NOTE (in DIR) and passes the program's raw wait
 * status out; this process then exits with the same code or dies of the same signal. MODE
 * "landlock": Landlock rules (writes only under DIR and to /dev/null, /dev/zero, /dev/full;
 * no TCP and no signals out where the kernel's ABI has them) and an exec in place. With no
 * PROGRAM it is the probe: it tries MODE ("auto": namespaces, else Landlock) and prints what
 * worked ("namespaces", "landlock ABI", "none") on stdout.
 *
 * Options between NOTE and "--" (jail_run_extra()): `--env NAME=VALUE` (any number) sets
 * NAME in the program's environment only, just before its exec, so that lesson's own
 * executable, which the wrapper is, never loads an LD_PRELOAD meant for the program; and
 * `--stop-at-main MAIN ENTRY OUT` (hexadecimal file addresses of main and of e_entry) starts
 * the program traced (PTRACE_TRACEME; its children are not traced), reads the load bias
 * (AT_ENTRY from /proc/PID/auxv minus ENTRY) at its exec, puts an int3 at MAIN plus the
 * bias and lets it run; when the breakpoint is hit it copies /proc/PID/maps and
 * /proc/PID/smaps into the file OUT (in DIR) and kills the program. OUT starts with
 * "main PID BIAS ADDR" when main was reached (PID as /proc names it); "noproc" when /proc
 * does not show the program (its maps cannot be read); "ptrace ERRNO" when tracing was
 * refused; nothing more when the program ended before main, whose status passes on as
 * usual. With the stop, MODE "landlock" and "none" fork the program from the wrapper too.
 */
#define _GNU_SOURCE
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "stages/jail.h"

/* The kernel's constants, where the C library's headers are older than the kernel. */
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#define JAIL_OPEN_TREE_CLONE 1
#define JAIL_MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#define JAIL_MOUNT_ATTR_RDONLY 0x00000001

struct jail_mount_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};

struct jail_ll_ruleset {
	uint64_t handled_access_fs, handled_access_net, scoped;
};

struct jail_ll_path {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

#define JAIL_LL_VERSION 1U
#define JAIL_LL_RULE_PATH 1
#define JAIL_LL_FS_WRITE_FILE (1ULL << 1)
#define JAIL_LL_FS_WRITES (JAIL_LL_FS_WRITE_FILE | (1ULL << 4) | (1ULL << 5) | (1ULL << 6) | \
			   (1ULL << 7) | (1ULL << 8) | (1ULL << 9) | (1ULL << 10) | (1ULL << 11) | \
			   (1ULL << 12))
#define JAIL_LL_FS_REFER (1ULL << 13)    /* ABI 2 */
#define JAIL_LL_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#define JAIL_LL_NET_TCP 3ULL             /* ABI 4: bind and connect */
#define JAIL_LL_SCOPE_ALL 3ULL           /* ABI 6: abstract sockets and signals */

/* The fresh directories and their sizes: memory, so small. */
static const struct {
	const char *path;
	const char *opts;
} jail_fresh[] = {
	{ "/tmp", "mode=1777,size=64m,nr_inodes=16k" },
	{ "/var/tmp", "mode=1777,size=64m,nr_inodes=16k" },
	{ "/dev/shm", "mode=1777,size=64m,nr_inodes=16k" },
	{ "/run", "mode=755,size=4m,nr_inodes=4k" },
};
#define JAIL_FRESH_MAX 4

static const char *jail_fresh_path[JAIL_FRESH_MAX];
static size_t jail_n_fresh;

/* The options before "--": the program's extra environment, and the stop at main. */
static char **jail_env;
static size_t jail_n_env;
static unsigned long long jail_stop_main, jail_stop_entry;
static const char *jail_stop_out;

/* Print why confinement failed, in the user's language (the walk shows it as the program's
 * stderr), and return -1. */
static int jail_fail(const char *step)
{
	int e = errno;
	setlocale(LC_ALL, "");
	i18n_init();
	fprintf(stderr, _("lesson: could not confine the program (%1$s: %2$s), so it was not run\n"),
		step, strerror(e));
	errno = e;
	return -1;
}

static int jail_write_file(int procfd, const char *path, const char *text)
{
	int fd = openat(procfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* A writable /proc of the outer PID namespace, detached (nobody sees it): the init writes its
 * nested user namespace's maps there once every mount in sight is read-only. */
static int jail_procfd = -1;

/* Map the ids we had to the same ids in the user namespace just made, through the /proc
 * that procfd is. */
static int jail_map_ids(int procfd, uid_t uid, gid_t gid)
{
	char buf[64];
	if (jail_write_file(procfd, "self/setgroups", "deny") < 0 && errno != ENOENT)
		return jail_fail("setgroups");
	snprintf(buf, sizeof buf, "%lu %lu 1\n", (unsigned long)uid, (unsigned long)uid);
	if (jail_write_file(procfd, "self/uid_map", buf) < 0)
		return jail_fail("uid_map");
	snprintf(buf, sizeof buf, "%lu %lu 1\n", (unsigned long)gid, (unsigned long)gid);
	if (jail_write_file(procfd, "self/gid_map", buf) < 0)
		return jail_fail("gid_map");
	return 0;
}

/* 1 when path is dir or lies under it. */
static int jail_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return 1;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Make every directory of path that is missing (in a fresh tmpfs). */
static int jail_mkdirs(const char *path)
{
	char buf[4096];
	if (strlen(path) >= sizeof buf)
		return -1;
	strcpy(buf, path);
	for (char *p = buf + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, 0700) < 0 && errno != EEXIST)
				return -1;
			*p = c;
			if (!c)
				return 0;
		}
	}
}

/* Set up the mount namespace: see the file's comment. dir is a real path. */
static int jail_mounts(const char *dir)
{
	int dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return jail_fail("open");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return jail_fail("mount --make-rprivate /");
	/* a writable copy of the directory, detached, before everything turns read-only */
	int tree = (int)syscall(SYS_open_tree, dfd, "",
				JAIL_OPEN_TREE_CLONE | AT_RECURSIVE | AT_EMPTY_PATH | O_CLOEXEC);
	if (tree < 0)
		return jail_fail("open_tree");
	close(dfd);
	jail_procfd = (int)syscall(SYS_open_tree, AT_FDCWD, "/proc", JAIL_OPEN_TREE_CLONE | O_CLOEXEC);
	if (jail_procfd < 0)
		return jail_fail("open_tree /proc");
	struct jail_mount_attr ro = { .attr_set = JAIL_MOUNT_ATTR_RDONLY };
	if (syscall(SYS_mount_setattr, AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof ro) < 0)
		return jail_fail("mount_setattr");
	/* fresh directories (the program's $TMPDIR is its own directory: lesson sets it so) */
	jail_n_fresh = 0;
	for (size_t i = 0; i < sizeof jail_fresh / sizeof *jail_fresh; i++) {
		const char *p = jail_fresh[i].path;
		struct stat st;
		if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		int covered = 0;
		for (size_t k = 0; k < jail_n_fresh; k++)
			covered |= jail_under(p, jail_fresh_path[k]);
		if (covered)
			continue;
		if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NODEV, jail_fresh[i].opts) < 0)
			return jail_fail(p);
		jail_fresh_path[jail_n_fresh++] = p;
	}
	/* no way to the learner's terminal: /dev/tty is /dev/null, /dev/pts a new instance */
	if (access("/dev/tty", F_OK) == 0)
		(void)mount("/dev/null", "/dev/tty", NULL, MS_BIND, NULL);
	if (mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		  "newinstance,ptmxmode=0666,mode=0620") < 0)
		(void)mount("tmpfs", "/dev/pts", "tmpfs", MS_NOSUID | MS_NOEXEC, "size=4k,mode=755");
	/* the directory back at its own path, writable */
	if (jail_mkdirs(dir) < 0)
		return jail_fail("mkdir");
	if (syscall(SYS_move_mount, tree, "", AT_FDCWD, dir, JAIL_MOVE_MOUNT_F_EMPTY_PATH) < 0)
		return jail_fail("move_mount");
	close(tree);
	if (chdir(dir) < 0)
		return jail_fail("chdir");
	return 0;
}

/* What the program left in the fresh directories, into the note (one "left PATH" a line). */
static void jail_list_left(FILE *note, const char *path, const char *dir, int depth, int *n)
{
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = NULL;
		if (asprintf(&p, "%s/%s", path, e->d_name) < 0)
			break;
		/* the way down to the walk's directory is ours, not the program's */
		if (jail_under(p, dir)) {
			free(p);
			continue;
		}
		if (jail_under(dir, p)) {
			if (depth < 32)
				jail_list_left(note, p, dir, depth + 1, n);
		} else if ((*n)++ < 8) {
			fprintf(note, "left %s\n", p);
		}
		free(p);
	}
	closedir(d);
}

static void jail_write_note(const char *note_path, const char *dir, int exec_errno)
{
	if (!note_path || !*note_path)
		return;
	FILE *note = fopen(note_path, "we");
	if (!note)
		return;
	if (exec_errno)
		fprintf(note, "exec %d\n", exec_errno);
	int n = 0;
	for (size_t i = 0; i < jail_n_fresh; i++)
		jail_list_left(note, jail_fresh_path[i], dir, 0, &n);
	if (n > 8)
		fprintf(note, "more %d\n", n - 8);
	fclose(note);
}

/* exec, retried while the file is busy (a descriptor another spawn inherited for a moment) */
static void jail_exec(char **argv)
{
	for (size_t i = 0; i < jail_n_env; i++)
		putenv(jail_env[i]);
	for (int i = 0; i < 50; i++) {
		execvp(argv[0], argv);
		if (errno != ETXTBSY)
			return;
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	}
}

/* The load bias of the traced process pid, from AT_ENTRY in its auxv; 0 when unread. */
static int jail_bias(pid_t pid, unsigned long long *bias)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/auxv", (long)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	unsigned long long av[2];
	int found = -1;
	while (read(fd, av, sizeof av) == (ssize_t)sizeof av && av[0] != 0) {
		if (av[0] == 9 /* AT_ENTRY */) {
			*bias = av[1] - jail_stop_entry;
			found = 0;
			break;
		}
	}
	close(fd);
	return found;
}

/* Append the file /proc/PID/name to out under a "--- name" line. */
static void jail_copy_proc(FILE *out, pid_t pid, const char *name)
{
	char path[64], buf[8192];
	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
	fprintf(out, "--- %s\n", name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, out);
	close(fd);
}

/* Trace the program pid (stopped at its exec) to main: see the file's comment. Returns its
 * wait status once it ended (killed at main, or ended before). */
static int jail_trace(pid_t pid, long procpid)
{
	int st = 0;
	FILE *out = fopen(jail_stop_out, "ae");
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 0;
	if (!WIFSTOPPED(st)) {
		if (out)
			fclose(out);
		return st; /* the exec failed: the child said why and exited */
	}
#if defined(__x86_64__)
	unsigned long long bias = 0, at = 0;
	int placed = 0;
	ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)(long)PTRACE_O_EXITKILL);
	if (procpid <= 0) {
		if (out)
			fprintf(out, "noproc\n");
	} else if (jail_bias((pid_t)procpid, &bias) == 0) {
		at = jail_stop_main + bias;
		errno = 0;
		long word = ptrace(PTRACE_PEEKTEXT, pid, (void *)at, 0);
		if (errno == 0 && ptrace(PTRACE_POKETEXT, pid, (void *)at,
					 (void *)((word & ~0xffL) | 0xcc)) == 0)
			placed = 1;
	}
	int sig = 0;
	for (;;) {
		(void)ptrace(PTRACE_CONT, pid, 0, (void *)(long)sig);
		while (waitpid(pid, &st, 0) < 0)
			if (errno != EINTR)
				goto done;
		if (!WIFSTOPPED(st))
			break;
		sig = WSTOPSIG(st);
		if (sig == SIGTRAP && placed) {
			struct user_regs_struct regs;
			if (ptrace(PTRACE_GETREGS, pid, 0, &regs) == 0 && regs.rip - 1 == at) {
				if (out) {
					fprintf(out, "main %ld %llx %llx\n", procpid, bias, at);
					jail_copy_proc(out, (pid_t)procpid, "maps");
					jail_copy_proc(out, (pid_t)procpid, "smaps");
				}
				kill(pid, SIGKILL);
				ptrace(PTRACE_CONT, pid, 0, 0);
				while (waitpid(pid, &st, 0) >= 0 && !WIFEXITED(st) &&
				       !WIFSIGNALED(st))
					;
				break;
			}
		}
	}
done:
#else
	if (out)
		fprintf(out, "unsupported\n");
	ptrace(PTRACE_DETACH, pid, 0, 0);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
#endif
	if (out)
		fclose(out);
	return st;
}

/* Fork the program (traced when a stop at main is asked for); returns its pid, or -1. The
 * exec's errno, when it fails, is written to ep[1]. *procpid: the number /proc knows the
 * program by, which the program reads from /proc/self before its exec: the PID of fork()
 * is this PID namespace's, and /proc may be an outer one's (the spawn's own namespace, or
 * the init's /proc that could not be mounted); -1 when /proc does not show it. */
static pid_t jail_fork_program(char **prog, int ep[2], long *procpid)
{
	int pp[2] = { -1, -1 };
	*procpid = -1;
	if (jail_stop_out && pipe2(pp, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0 && pp[0] >= 0) {
		close(pp[0]);
		close(pp[1]);
	} else if (pid != 0) {
		if (pp[0] >= 0) {
			close(pp[1]);
			if (pid > 0 && read(pp[0], procpid, sizeof *procpid) != (ssize_t)sizeof *procpid)
				*procpid = -1;
			close(pp[0]);
		}
		return pid;
	}
	close(ep[0]);
	prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	if (pp[1] >= 0) {
		char buf[32];
		ssize_t n = readlink("/proc/self", buf, sizeof buf - 1);
		long me = -1;
		if (n > 0) {
			buf[n] = '\0';
			me = strtol(buf, NULL, 10);
		}
		if (write(pp[1], &me, sizeof me) < 0)
			_exit(127);
		close(pp[1]);
		close(pp[0]);
	}
	if (jail_stop_out && ptrace(PTRACE_TRACEME, 0, 0, 0) < 0) {
		int e = errno;
		FILE *out = fopen(jail_stop_out, "ae");
		if (out) {
			fprintf(out, "ptrace %d\n", e);
			fclose(out);
		}
		jail_stop_out = NULL;
	}
	jail_exec(prog);
	int e = errno;
	if (write(ep[1], &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/* The init of the PID namespace: its own /proc, the mounts locked, the program forked and
 * waited for, the others reaped; returns the program's wait status (-1: nothing ran). */
static int jail_init(char **prog, const char *dir, const char *note, uid_t uid, gid_t gid)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* a /proc that shows this namespace's processes only (a container may refuse it) */
	(void)mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL);
	/* a nested user namespace locks every mount: even a program running as root in it
	 * cannot make one writable again or uncover what a fresh directory hides */
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0) {
		jail_fail("unshare (nested)");
		return -1;
	}
	if (jail_map_ids(jail_procfd, uid, gid) < 0)
		return -1;
	close(jail_procfd);
	if (!prog[0])
		return 0; /* the probe */
	int ep[2];
	if (pipe2(ep, O_CLOEXEC) < 0) {
		jail_fail("pipe");
		return -1;
	}
	long procpid;
	pid_t pid = jail_fork_program(prog, ep, &procpid);
	if (pid < 0) {
		jail_fail("fork");
		return -1;
	}
	close(ep[1]);
	int status = 0, traced = 0;
	if (jail_stop_out) {
		/* the exec stops the traced program: the pipe closes at the exec (the stop file is
		 * appended to: the program may have written its own "ptrace" line first) */
		status = jail_trace(pid, procpid);
		traced = 1;
	}
	int exec_errno = 0;
	if (read(ep[0], &exec_errno, sizeof exec_errno) != (ssize_t)sizeof exec_errno)
		exec_errno = 0;
	close(ep[0]);
	for (; !traced;) {
		int st;
		pid_t w = waitpid(-1, &st, 0);
		if (w == pid) {
			status = st;
			break;
		}
		if (w < 0 && errno != EINTR)
			break;
	}
	jail_write_note(note, dir, exec_errno);
	return status;
}

/* Exit as the program did: the same code, or the same signal (no core of ours). */
static int jail_pass_status(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		struct rlimit none = { 0, 0 };
		setrlimit(RLIMIT_CORE, &none);
		signal(sig, SIG_DFL);
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, sig);
		sigprocmask(SIG_UNBLOCK, &s, NULL);
		raise(sig);
		_exit(128 + sig);
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

/* Namespaces: set up, fork the init, pass its account of the program on. Returns -1 when the
 * kernel refused (before anything ran); otherwise does not return. */
static int jail_namespaces(char **prog, const char *dir, const char *note)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET) < 0)
		return jail_fail("unshare");
	int procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		return jail_fail("/proc");
	if (jail_map_ids(procfd, uid, gid) < 0 || jail_mounts(dir) < 0)
		return -1;
	int sp[2];
	close(procfd);
	if (pipe2(sp, O_CLOEXEC) < 0)
		return jail_fail("pipe");
	pid_t init = fork();
	if (init < 0)
		return jail_fail("fork");
	if (init == 0) {
		close(sp[0]);
		int status = jail_init(prog, dir, note, uid, gid);
		if (status != -1 && write(sp[1], &status, sizeof status) < 0)
			_exit(1);
		_exit(status == -1 ? 1 : 0);
	}
	close(sp[1]);
	int status = 0, got = read(sp[0], &status, sizeof status) == (ssize_t)sizeof status;
	int ist = 0;
	while (waitpid(init, &ist, 0) < 0 && errno == EINTR)
		;
	if (!got) {
		/* the init failed before the program ran (it said why), or was killed */
		if (WIFSIGNALED(ist))
			jail_pass_status(ist);
		return -1;
	}
	if (!prog[0]) {
		puts("namespaces");
		fflush(stdout);
		_exit(0);
	}
	jail_pass_status(status);
	return -1;
}

/* The kernel's Landlock ABI, or 0. */
static int jail_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, JAIL_LL_VERSION);
	return abi > 0 ? (int)abi : 0;
}

static int jail_ll_allow(int rs, const char *path, uint64_t access)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return path[0] == '/' && path[1] == 'd' ? 0 : -1; /* a device missing: fine */
	struct jail_ll_path rule = { .allowed_access = access, .parent_fd = fd };
	int rc = (int)syscall(SYS_landlock_add_rule, rs, JAIL_LL_RULE_PATH, &rule, 0);
	close(fd);
	return rc;
}

/* Landlock: restrict this process (and what it execs) to writing under dir. */
static int jail_landlock(const char *dir)
{
	int abi = jail_landlock_abi();
	if (!abi) {
		errno = EOPNOTSUPP;
		return jail_fail("landlock");
	}
	uint64_t fs = JAIL_LL_FS_WRITES | (abi >= 2 ? JAIL_LL_FS_REFER : 0) |
		      (abi >= 3 ? JAIL_LL_FS_TRUNCATE : 0);
	struct jail_ll_ruleset attr = { .handled_access_fs = fs,
					.handled_access_net = abi >= 4 ? JAIL_LL_NET_TCP : 0,
					.scoped = abi >= 6 ? JAIL_LL_SCOPE_ALL : 0 };
	size_t size = abi >= 6 ? 24 : abi >= 4 ? 16 : 8;
	int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (rs < 0)
		return jail_fail("landlock_create_ruleset");
	uint64_t file = JAIL_LL_FS_WRITE_FILE | (abi >= 3 ? JAIL_LL_FS_TRUNCATE : 0);
	if (jail_ll_allow(rs, dir, fs) < 0 || jail_ll_allow(rs, "/dev/null", file) < 0 ||
	    jail_ll_allow(rs, "/dev/zero", file) < 0 || jail_ll_allow(rs, "/dev/full", file) < 0)
		return jail_fail("landlock_add_rule");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return jail_fail("no_new_privs");
	if (syscall(SYS_landlock_restrict_self, rs, 0) < 0)
		return jail_fail("landlock_restrict_self");
	close(rs);
	return abi;
}

/* Without an init of ours (Landlock, or no confinement): fork the program traced to main
 * from this process, and exit as it did. Does not return. */
static void jail_run_traced(char **prog, const char *note, const char *dir)
{
	int ep[2];
	if (pipe2(ep, O_CLOEXEC) < 0)
		_exit(126);
	long procpid;
	pid_t pid = jail_fork_program(prog, ep, &procpid);
	if (pid < 0) {
		jail_fail("fork");
		_exit(126);
	}
	close(ep[1]);
	int status = jail_trace(pid, procpid);
	int exec_errno = 0;
	if (read(ep[0], &exec_errno, sizeof exec_errno) != (ssize_t)sizeof exec_errno)
		exec_errno = 0;
	close(ep[0]);
	jail_write_note(note, dir, exec_errno);
	jail_pass_status(status);
	_exit(127);
}

int jail_main(int argc, char **argv)
{
	/* lesson --jail-exec MODE DIR NOTE [OPTIONS] -- PROGRAM ARGS... */
	int i = 5, bad = argc < 6;
	jail_n_env = 0; /* each NAME=VALUE is moved down to argv[5 + k], a slot already read */
	while (!bad && i < argc && strcmp(argv[i], "--") != 0) {
		if (strcmp(argv[i], "--env") == 0 && i + 1 < argc && strchr(argv[i + 1], '=')) {
			argv[5 + jail_n_env] = argv[i + 1];
			i += 2;
			jail_n_env++;
		} else if (strcmp(argv[i], "--stop-at-main") == 0 && i + 3 < argc) {
			jail_stop_main = strtoull(argv[i + 1], NULL, 16);
			jail_stop_entry = strtoull(argv[i + 2], NULL, 16);
			jail_stop_out = argv[i + 3];
			i += 4;
		} else {
			bad = 1;
		}
	}
	if (bad || i >= argc) {
		setlocale(LC_ALL, "");
		i18n_init();
		fprintf(stderr, _("lesson: %s is for lesson's own use\n"), JAIL_ARG);
		return 2;
	}
	jail_env = argv + 5;
	const char *mode = argv[2], *note = argv[4];
	char **prog = argv + i + 1;
	/* kept where a leak checker (the sanitizer build's) sees it still held at exit */
	static char *dir;
	dir = realpath(argv[3], NULL);
	if (!dir) {
		jail_fail(argv[3]);
		return 126;
	}
	int probe = !prog[0];
	if (strcmp(mode, "auto") == 0 || strcmp(mode, "namespaces") == 0) {
		if (jail_namespaces(prog, dir, note) == 0)
			return 0; /* not reached */
		if (!probe)
			return 126;
		/* the probe goes on to Landlock: nothing was mounted in this process's view that
		 * matters, it prints and exits */
		int abi = jail_landlock_abi();
		if (abi)
			printf("landlock %d\n", abi);
		else
			puts("none");
		return 0;
	}
	if (strcmp(mode, "landlock") == 0) {
		int abi = jail_landlock(dir);
		if (probe) {
			if (abi > 0)
				printf("landlock %d\n", abi);
			else
				puts("none");
			return 0;
		}
		if (abi < 0)
			return 126;
		if (jail_stop_out)
			jail_run_traced(prog, note, dir);
		jail_exec(prog);
		jail_write_note(note, dir, errno);
		return 127;
	}
	if (probe) {
		puts("none");
		return 0;
	}
	if (jail_stop_out)
		jail_run_traced(prog, note, dir);
	jail_exec(prog);
	jail_write_note(note, dir, errno);
	return 127;
}

/* Any program that links the jail (lesson, and the test suites that run walks) answers
 * JAIL_ARG before its main runs: glibc hands the arguments to the constructors. lesson's main
 * checks for it as well, first thing. */
__attribute__((constructor)) static void jail_constructor(int argc, char **argv)
{
	/* _exit: nothing of the program that links this is to run at its exit (a sanitizer
	 * build's leak check cannot inspect a process in a user namespace of its own) */
	if (argc > 1 && argv && argv[1] && strcmp(argv[1], JAIL_ARG) == 0) {
		int rc = jail_main(argc, argv);
		fflush(NULL);
		_exit(rc);
	}
}
