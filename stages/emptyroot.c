/* emptyroot: run a program alone in an empty root directory. See emptyroot.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/emptyroot.h"

int emptyroot_copy(const char *from, const char *to, unsigned mode)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)mode);
	if (out >= 0) {
		char buf[65536];
		ssize_t n;
		rc = 0;
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n) {
				rc = -1;
				break;
			}
		if (n < 0 || close(out) != 0)
			rc = -1;
	}
	close(in);
	return rc;
}

int emptyroot_run(const char *dir, const char *exe, const char *label, int timeout_ms,
		  size_t out_cap, struct proc_result *r, char **note)
{
	char *root = NULL, *inside = NULL, *from = NULL, *slash = NULL;
	int ran = 0;
	*note = NULL;
	memset(r, 0, sizeof *r);
	if (asprintf(&root, "root-%s", label) < 0 || asprintf(&inside, "%s/%s/%s", dir, root, exe) < 0 ||
	    asprintf(&from, "%s/%s", dir, exe) < 0 || asprintf(&slash, "/%s", exe) < 0) {
		if (asprintf(note, "out of memory") < 0)
			*note = NULL;
		goto out;
	}
	char *full = NULL;
	int made = asprintf(&full, "%s/%s", dir, root) >= 0 &&
		   (mkdir(full, 0755) == 0 || errno == EEXIST);
	free(full);
	if (!made || emptyroot_copy(from, inside, 0755) < 0) {
		if (asprintf(note, "could not prepare an empty root: %s", strerror(errno)) < 0)
			*note = NULL;
		goto out;
	}
	/* the root is named from dir, where the command runs, as a learner would type it */
	struct proc_opts o = { .cwd = dir, .timeout_ms = timeout_ms, .out_cap = out_cap };
	char *ns_argv[] = { "unshare", "-r", "chroot", root, slash, NULL };
	proc_run(ns_argv, &o, r);
	int refused = r->kind == PROC_SPAWN_FAILED ||
		      (r->kind == PROC_EXITED && r->exit_code != 0 && strstr(r->err, "unshare: "));
	if (refused && geteuid() == 0) {
		proc_result_free(r);
		char *argv[] = { "chroot", root, slash, NULL };
		proc_run(argv, &o, r);
		refused = r->kind == PROC_SPAWN_FAILED;
	}
	if (refused) {
		if (asprintf(note, "this machine allows neither unshare -r nor chroot (%s)",
			     r->err_len ? r->err : proc_describe(r)) < 0)
			*note = NULL;
		char *nl = *note ? strchr(*note, '\n') : NULL;
		if (nl)
			*nl = '\0';
	} else {
		ran = 1;
	}
out:
	free(root);
	free(inside);
	free(from);
	free(slash);
	return ran;
}
