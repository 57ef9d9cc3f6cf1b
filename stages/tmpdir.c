/* tmpdir: the walk's private directory, removed on every way out. See tmpdir.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "stages/proc.h"
#include "stages/tmpdir.h"

static char tmpdir_buf[PATH_MAX];
static int tmpdir_active;
static int tmpdir_keep;
static void (*tmpdir_restore)(void);
/* The lock file in the walk directory, held (flock) for the walk's life. */
static int tmpdir_lock = -1;

#define TMPDIR_PREFIX "cstages."
#define TMPDIR_LOCK ".cstages-lock"

#define TMPDIR_MAX_DEPTH 16
enum { TMPDIR_REMOVED = 1, TMPDIR_MOVED = 2 };

/* Write the decimal digits of n at p; returns the end. Async-signal-safe. */
static char *tmpdir_utoa(char *p, unsigned long n)
{
	char digits[24];
	int k = 0;
	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (k)
		*p++ = digits[--k];
	*p = '\0';
	return p;
}

/* Open the directory name in dfd for clearing, never through a symbolic link. A program
 * under study may have left it without permissions (chmod 0): open it as a path first, which
 * needs none, and give it back rwx through /proc/self/fd, which names that very directory. */
static int tmpdir_open_sub(int dfd, const char *name)
{
	int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	int sub = openat(dfd, name, flags);
	if (sub >= 0 || errno != EACCES)
		return sub;
	int path = openat(dfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (path < 0)
		return -1;
	char proc[40] = "/proc/self/fd/";
	tmpdir_utoa(proc + strlen(proc), (unsigned long)path);
	chmod(proc, 0700);
	close(path);
	return openat(dfd, name, flags);
}

/* One pass over the directory open at dfd: remove what it holds, recursing into
 * subdirectories, then close it; rootfd is the walk directory. Uses only async-signal-safe
 * system calls (getdents64, unlinkat, openat, renameat), so the signal path can call it.
 * Recursion stops at TMPDIR_MAX_DEPTH to keep the stack small: a directory found deeper is
 * moved up into the walk directory for a later pass. Sets TMPDIR_REMOVED in *progress when
 * it removed anything, TMPDIR_MOVED when it moved anything up; returns how many entries are
 * left in this directory and below. */
static int tmpdir_clear_fd(int rootfd, int dfd, int depth, int *progress)
{
	static unsigned long moved;
	char buf[4096];
	struct linux_dirent64 {
		unsigned long long d_ino;
		long long d_off;
		unsigned short d_reclen;
		unsigned char d_type;
		char d_name[];
	};
	int left = 0;
	long n;
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			off += d->d_reclen;
			const char *name = d->d_name;
			if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
				continue;
			if (unlinkat(dfd, name, 0) == 0) {
				*progress |= TMPDIR_REMOVED;
				continue;
			}
			left++;
			if (errno != EISDIR && errno != EPERM && d->d_type != DT_DIR)
				continue;
			if (depth >= TMPDIR_MAX_DEPTH) {
				char up[48] = ".cstages-deep-";
				tmpdir_utoa(up + strlen(up), moved++);
				if (renameat(dfd, name, rootfd, up) == 0)
					*progress |= TMPDIR_MOVED;
				continue;
			}
			int sub = tmpdir_open_sub(dfd, name);
			if (sub >= 0) {
				/* a program under study may have left a read-only directory */
				fchmod(sub, 0700);
				tmpdir_clear_fd(rootfd, sub, depth + 1, progress);
			}
			if (unlinkat(dfd, name, AT_REMOVEDIR) == 0) {
				*progress |= TMPDIR_REMOVED;
				left--;
			}
		}
	}
	close(dfd);
	return left;
}

/* Remove the directory at path, its contents and itself; 0 when it is gone. */
static int tmpdir_clear_path(const char *path)
{
	/* the program under study runs in this directory and may have taken its permissions */
	chmod(path, 0700);
	int root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	/* Pass after pass while something goes: removing entries while reading a directory may
	 * skip some, and directories moved up from too deep are cleared on the next pass. */
	int left = 1, progress = TMPDIR_REMOVED;
	while (root >= 0 && (left || (progress & TMPDIR_MOVED)) && progress) {
		progress = 0;
		int dfd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0)
			break;
		left = tmpdir_clear_fd(root, dfd, 0, &progress);
	}
	if (root >= 0)
		close(root);
	return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Remove the walk directory; 0 when it is gone. The lock goes with it. */
static int tmpdir_clear_all(void)
{
	int rc = tmpdir_clear_path(tmpdir_buf);
	if (rc == 0 && tmpdir_lock >= 0) {
		close(tmpdir_lock);
		tmpdir_lock = -1;
	}
	return rc;
}

/* SIGINT, SIGTERM and SIGHUP held in the calling thread (the old mask into was), or let go. */
static void tmpdir_hold_signals(sigset_t *was)
{
	sigset_t hold;
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &hold, was);
}

static void tmpdir_remove_now(void)
{
	if (!tmpdir_active || tmpdir_keep)
		return;
	/* A signal arriving while the directory is half removed would find it inactive and
	 * leave the rest behind: it waits until the removal is done (then kills as usual). */
	sigset_t was;
	tmpdir_hold_signals(&was);
	tmpdir_active = 0;
	tmpdir_clear_all();
	pthread_sigmask(SIG_SETMASK, &was, NULL);
}

/* Create the lock file in the new walk directory and hold it. Returns 0 when it is held on a
 * file still in the directory; -1 when another lesson's sweep (tmpdir_sweep_stale) took the
 * lock first and removed the directory. The walk goes on without a lock when the file cannot
 * be made (a full disk): its directory is then only never taken for a dead walk's. */
static int tmpdir_take_lock(void)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s/" TMPDIR_LOCK, tmpdir_buf) >= (int)sizeof path)
		return 0;
	int fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? -1 : 0;
	struct stat st;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0 || fstat(fd, &st) < 0 || st.st_nlink == 0) {
		close(fd);
		return -1;
	}
	tmpdir_lock = fd;
	return 0;
}

/* Remove the walk directories under base that a lesson killed outright (SIGKILL, the OOM
 * killer) left: named like ours, a directory (not a link) of this user, with a lock file
 * nobody holds. A walk that is running holds its lock; a --keep directory has no lock file
 * and is never touched. The lock is held while the directory goes. */
static void tmpdir_sweep_stale(const char *base)
{
	DIR *d = opendir(base);
	if (!d)
		return;
	int bfd = dirfd(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, TMPDIR_PREFIX, strlen(TMPDIR_PREFIX)) != 0 ||
		    strlen(e->d_name) != strlen(TMPDIR_PREFIX) + 6)
			continue;
		struct stat st;
		if (fstatat(bfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode) ||
		    st.st_uid != geteuid())
			continue;
		int dfd = openat(bfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0)
			continue;
		int lfd = openat(dfd, TMPDIR_LOCK, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		close(dfd);
		if (lfd < 0)
			continue;
		if (flock(lfd, LOCK_EX | LOCK_NB) == 0) {
			char path[PATH_MAX];
			if (snprintf(path, sizeof path, "%s/%s", base, e->d_name) < (int)sizeof path)
				tmpdir_clear_path(path);
		}
		close(lfd);
	}
	closedir(d);
}

const char *tmpdir_create(const char *keep_dir)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	tmpdir_sweep_stale(base);
	if (keep_dir) {
		if (mkdir(keep_dir, 0700) < 0 && errno != EEXIST)
			return NULL;
		if (!realpath(keep_dir, tmpdir_buf))
			return NULL;
		struct stat st;
		if (stat(tmpdir_buf, &st) < 0)
			return NULL;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return NULL;
		}
		if (access(tmpdir_buf, W_OK | X_OK) < 0)
			return NULL;
		tmpdir_keep = 1;
		tmpdir_active = 1;
		return tmpdir_buf;
	}
	for (int tries = 0;; tries++) {
		if (snprintf(tmpdir_buf, sizeof tmpdir_buf, "%s/" TMPDIR_PREFIX "XXXXXX", base) >=
		    (int)sizeof tmpdir_buf) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		/* A signal between mkdtemp() and tmpdir_active would find no directory to remove
		 * and leave it behind: the two happen with the signals held. */
		sigset_t was;
		tmpdir_hold_signals(&was);
		int made = mkdtemp(tmpdir_buf) != NULL;
		int err = errno;
		tmpdir_active = made;
		pthread_sigmask(SIG_SETMASK, &was, NULL);
		if (!made) {
			errno = err;
			return NULL;
		}
		if (tmpdir_take_lock() == 0 || tries >= 8)
			return tmpdir_buf;
		/* another lesson's sweep took it for a dead walk's between the mkdtemp and the
		 * lock: make another */
		tmpdir_remove_now();
		tmpdir_active = 0;
	}
}

const char *tmpdir_path(void)
{
	return tmpdir_active ? tmpdir_buf : NULL;
}

void tmpdir_remove(void)
{
	tmpdir_remove_now();
}

void tmpdir_set_restore_hook(void (*hook)(void))
{
	tmpdir_restore = hook;
}

static void tmpdir_on_signal(int sig)
{
	/* Other threads may still be between two steps of a walk (a program just killed, the
	 * next one about to start): start nothing more, and clear again until nothing new
	 * has appeared, for at most about a second. */
	proc_stop_spawning();
	proc_kill_all();
	if (tmpdir_restore)
		tmpdir_restore();
	if (tmpdir_active && !tmpdir_keep) {
		tmpdir_active = 0;
		for (int i = 0; i < 100 && tmpdir_clear_all() < 0; i++) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			nanosleep(&ts, NULL);
			proc_kill_all();
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void tmpdir_thread_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void tmpdir_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tmpdir_on_signal;
	sigfillset(&sa.sa_mask);
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		/* a signal ignored on entry stays ignored, as under nohup or after & in a script */
		struct sigaction old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
	atexit(tmpdir_remove_now);
}
