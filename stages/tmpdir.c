/* tmpdir: the walk's private directory, removed on every way out. See tmpdir.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "stages/proc.h"
#include "stages/tmpdir.h"

static char tmpdir_buf[PATH_MAX];
static int tmpdir_active;
static int tmpdir_keep;
static void (*tmpdir_restore)(void);

/* Remove everything below the directory open at dfd, then close it. Uses only
 * async-signal-safe system calls (getdents64, unlinkat, openat), so the signal path can
 * call it; depth is bounded to keep the stack small. */
static void tmpdir_clear_fd(int dfd, int depth)
{
	char buf[4096];
	struct linux_dirent64 {
		unsigned long long d_ino;
		long long d_off;
		unsigned short d_reclen;
		unsigned char d_type;
		char d_name[];
	};
	for (int pass = 0; pass < 64; pass++) {
		long n = syscall(SYS_getdents64, dfd, buf, sizeof buf);
		if (n <= 0)
			break;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			off += d->d_reclen;
			const char *name = d->d_name;
			if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
				continue;
			if (unlinkat(dfd, name, 0) == 0)
				continue;
			if (errno == EISDIR || errno == EPERM || d->d_type == DT_DIR) {
				int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (sub >= 0 && depth < 16) {
					/* a program under study may have left a read-only directory */
					fchmod(sub, 0700);
					tmpdir_clear_fd(sub, depth + 1);
				} else if (sub >= 0) {
					close(sub);
				}
				unlinkat(dfd, name, AT_REMOVEDIR);
			}
		}
		lseek(dfd, 0, SEEK_SET);
	}
	close(dfd);
}

static void tmpdir_remove_now(void)
{
	if (!tmpdir_active || tmpdir_keep)
		return;
	tmpdir_active = 0;
	int dfd = open(tmpdir_buf, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd >= 0)
		tmpdir_clear_fd(dfd, 0);
	rmdir(tmpdir_buf);
}

const char *tmpdir_create(const char *keep_dir)
{
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
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	if (snprintf(tmpdir_buf, sizeof tmpdir_buf, "%s/cstages.XXXXXX", base) >=
	    (int)sizeof tmpdir_buf) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (!mkdtemp(tmpdir_buf))
		return NULL;
	tmpdir_active = 1;
	return tmpdir_buf;
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
	proc_kill_all();
	if (tmpdir_restore)
		tmpdir_restore();
	tmpdir_remove_now();
	signal(sig, SIG_DFL);
	raise(sig);
}

void tmpdir_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tmpdir_on_signal;
	sigfillset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	atexit(tmpdir_remove_now);
}
