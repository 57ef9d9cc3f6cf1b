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
#include "stages/i18n.h"
#include "stages/proc.h"

int emptyroot_copy(const char *from, const char *to, unsigned mode)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
	if (in < 0)
		return -1;
	/* the copy is run next: no child may inherit it open for writing (proc.h) */
	proc_hold_spawns();
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
	proc_release_spawns();
	close(in);
	return rc;
}

/* *note and *note_en: the sentence msgid (a literal, marked N_()) with one argument, arg in
 * the user's language and arg_en in English; each NULL when out of memory. A macro, so that
 * the format stays a literal that the compiler checks. */
#define EMPTYROOT_SAY(note, note_en, msgid, arg, arg_en)                                        \
	do {                                                                                    \
		if (asprintf((note), _(msgid), (arg)) < 0)                                      \
			*(note) = NULL;                                                         \
		if (asprintf((note_en), (msgid), (arg_en)) < 0)                                 \
			*(note_en) = NULL;                                                      \
	} while (0)

/* Cut s (or nothing, when NULL) at its first newline. */
static void emptyroot_first_line(char *s)
{
	char *nl = s ? strchr(s, '\n') : NULL;
	if (nl)
		*nl = '\0';
}

int emptyroot_run_en(const char *dir, const char *exe, const char *label, int timeout_ms,
		     size_t out_cap, struct proc_result *r, char **note, char **note_en)
{
	return emptyroot_run_args(dir, exe, label, NULL, 0, NULL, timeout_ms, out_cap, r, note,
				  note_en);
}

int emptyroot_run_args(const char *dir, const char *exe, const char *label, char *const *args,
		       size_t n_args, const char *stdin_path, int timeout_ms, size_t out_cap,
		       struct proc_result *r, char **note, char **note_en)
{
	char **argv = NULL;
	char *root = NULL, *inside = NULL, *from = NULL, *slash = NULL;
	int ran = 0;
	*note = *note_en = NULL;
	memset(r, 0, sizeof *r);
	if (asprintf(&root, "root-%s", label) < 0 || asprintf(&inside, "%s/%s/%s", dir, root, exe) < 0 ||
	    asprintf(&from, "%s/%s", dir, exe) < 0 || asprintf(&slash, "/%s", exe) < 0) {
		*note = strdup(_("out of memory"));
		*note_en = strdup("out of memory");
		goto out;
	}
	char *full = NULL;
	int made = asprintf(&full, "%s/%s", dir, root) >= 0 &&
		   (mkdir(full, 0755) == 0 || errno == EEXIST);
	free(full);
	if (!made || emptyroot_copy(from, inside, 0755) < 0) {
		int e = errno;
		EMPTYROOT_SAY(note, note_en, N_("could not prepare an empty root: %s"), strerror(e),
			      strerrordesc_np(e) ? strerrordesc_np(e) : "?");
		goto out;
	}
	/* the root is named from dir, where the command runs, as a learner would type it; the
	 * run ends when its output passes the cap. unshare's and chroot's messages are read
	 * (and explained) in English, and the program, alone in the root, has no locale to load
	 * anyway: the C locale, as for every tool */
	struct proc_opts o = { .cwd = dir, .timeout_ms = timeout_ms, .out_cap = out_cap,
			       .stop_at_cap = 1, .stdin_path = stdin_path };
	/* unshare -r chroot ROOT /EXE ARGS...; plain chroot ROOT /EXE ARGS... from argv + 2 */
	argv = calloc(n_args + 6, sizeof *argv);
	if (!argv) {
		*note = strdup(_("out of memory"));
		*note_en = strdup("out of memory");
		goto out;
	}
	size_t k = 0;
	argv[k++] = "unshare";
	argv[k++] = "-r";
	argv[k++] = "chroot";
	argv[k++] = root;
	argv[k++] = slash;
	for (size_t i = 0; i < n_args; i++)
		argv[k++] = args[i];
	argv[k] = NULL;
	proc_run(argv, &o, r);
	int refused = r->kind == PROC_SPAWN_FAILED ||
		      (r->kind == PROC_EXITED && r->exit_code != 0 && strstr(r->err, "unshare: "));
	if (refused && geteuid() == 0) {
		proc_result_free(r);
		proc_run(argv + 2, &o, r);
		refused = r->kind == PROC_SPAWN_FAILED;
	}
	if (refused) {
		EMPTYROOT_SAY(note, note_en, N_("this machine allows neither unshare -r nor chroot "
						"(%s)"), r->err_len ? r->err : proc_describe(r),
			      r->err_len ? r->err : proc_describe_en(r));
		emptyroot_first_line(*note);
		emptyroot_first_line(*note_en);
	} else {
		ran = 1;
	}
out:
	free(argv);
	free(root);
	free(inside);
	free(from);
	free(slash);
	return ran;
}

int emptyroot_run(const char *dir, const char *exe, const char *label, int timeout_ms,
		  size_t out_cap, struct proc_result *r, char **note)
{
	char *note_en = NULL;
	int ran = emptyroot_run_en(dir, exe, label, timeout_ms, out_cap, r, note, &note_en);
	free(note_en);
	return ran;
}
