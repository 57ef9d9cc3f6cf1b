/* jail: the probe, the confined run and its sentences (see jail.h); the wrapper that does the
 * confining is jail_exec.c. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "stages/jail.h"
#include "stages/xfmt.h"

static pthread_mutex_t jail_lock = PTHREAD_MUTEX_INITIALIZER;
static struct jail jail_cached;
static char *jail_exe; /* lesson's own executable */
static unsigned jail_seq;

/* lesson's executable, for the wrapper: its real path, or /proc/self/exe (which a child
 * resolves to the same file) when that cannot be read or the file was replaced. */
static void jail_find_exe(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = '\0';
		if (!strstr(buf, " (deleted)") && access(buf, X_OK) == 0) {
			jail_exe = strdup(buf);
			return;
		}
	}
	jail_exe = strdup("/proc/self/exe");
}

void jail_probe(const char *dir, struct jail *j)
{
	/* the wrapper is the program this runs in (its constructor answers JAIL_ARG): keep its
	 * half linked in whatever links this one */
	static int (*volatile const wrapper)(int, char **) = jail_main;
	(void)wrapper;
	pthread_mutex_lock(&jail_lock);
	if (!jail_cached.probed) {
		struct jail p = { .mode = JAIL_NONE, .probed = 1 };
		const char *cap = getenv("CSTAGES_JAIL");
		const char *ask = "auto";
		if (cap && strcmp(cap, "landlock") == 0)
			ask = "landlock";
		else if (cap && strcmp(cap, "none") == 0)
			ask = NULL;
		if (!jail_exe)
			jail_find_exe();
		if (ask && jail_exe) {
			char *argv[] = { jail_exe, JAIL_ARG, (char *)ask, (char *)(dir ? dir : "."),
					 "", "--", NULL };
			struct proc_opts o = { .cwd = dir, .timeout_ms = 20000 };
			struct proc_result r;
			proc_run(argv, &o, &r);
			int abi = 0;
			if (proc_ok(&r) && r.out && strncmp(r.out, "namespaces", 10) == 0)
				p.mode = JAIL_NAMESPACES;
			else if (proc_ok(&r) && r.out && sscanf(r.out, "landlock %d", &abi) == 1 &&
				 abi > 0) {
				p.mode = JAIL_LANDLOCK;
				p.landlock_abi = abi;
			}
			proc_result_free(&r);
		}
		p.capped = !cap ? 0 : strcmp(cap, "landlock") == 0 ? 1 : strcmp(cap, "none") == 0 ? 2 : 0;
		jail_cached = p;
	}
	*j = jail_cached;
	pthread_mutex_unlock(&jail_lock);
}

const char *jail_mode_name(enum jail_mode m)
{
	return m == JAIL_NAMESPACES ? "namespaces" : m == JAIL_LANDLOCK ? "landlock" : "none";
}

/* Read the wrapper's note (dir/name): an exec that failed, and what was left in the fresh
 * directories. */
static void jail_read_note(const char *dir, const char *name, struct proc_result *r, char **left)
{
	char *path = xfmt("%s/%s", dir, name);
	FILE *f = path ? fopen(path, "re") : NULL;
	char line[4200];
	size_t len = 0;
	char *acc = NULL;
	while (f && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		int e = 0, more = 0;
		if (sscanf(line, "exec %d", &e) == 1 && e > 0 && r->kind == PROC_EXITED &&
		    r->exit_code == 127) {
			r->kind = PROC_SPAWN_FAILED;
			r->spawn_errno = e;
			continue;
		}
		const char *add = NULL;
		char buf[64];
		if (strncmp(line, "left ", 5) == 0) {
			add = line + 5;
		} else if (sscanf(line, "more %d", &more) == 1) {
			snprintf(buf, sizeof buf, "+%d", more);
			add = buf;
		}
		if (!add || !left)
			continue;
		char *n = realloc(acc, len + strlen(add) + 2);
		if (!n)
			break;
		acc = n;
		len += (size_t)sprintf(acc + len, "%s\n", add);
	}
	if (f)
		fclose(f);
	if (path)
		unlink(path);
	free(path);
	if (left)
		*left = acc;
	else
		free(acc);
}

int jail_run(char *const argv[], const struct proc_opts *o, const struct jail *j,
	     struct proc_result *r, char **left)
{
	return jail_run_extra(argv, o, j, NULL, r, left);
}

int jail_run_extra(char *const argv[], const struct proc_opts *o, const struct jail *j,
		   const struct jail_extra *x, struct proc_result *r, char **left)
{
	if (left)
		*left = NULL;
	if (!x && (!j || j->mode == JAIL_NONE))
		return proc_run(argv, o, r);
	if (!jail_exe || !o || !o->cwd)
		return proc_run(argv, o, r);
	size_t n = 0, n_env = 0;
	while (argv[n])
		n++;
	while (x && x->env && x->env[n_env])
		n_env++;
	char hex[2][32];
	char **w = calloc(n + 2 * n_env + 12, sizeof *w);
	pthread_mutex_lock(&jail_lock);
	unsigned seq = ++jail_seq;
	pthread_mutex_unlock(&jail_lock);
	char *note = xfmt(".lesson-jail-%ld-%u", (long)getpid(), seq);
	char **copy = calloc(n + 1, sizeof *copy);
	/* the wrapper runs in o->cwd: name the directory so that it means the same there */
	char *dir = realpath(o->cwd, NULL);
	if (!w || !note || !copy || !dir) {
		free(w);
		free(note);
		free(copy);
		free(dir);
		/* no memory, or no directory (then the spawn fails to enter it and says so) */
		return proc_run(argv, o, r);
	}
	size_t k = 0;
	w[k++] = jail_exe;
	w[k++] = JAIL_ARG;
	w[k++] = (char *)jail_mode_name(j ? j->mode : JAIL_NONE);
	w[k++] = dir;
	w[k++] = note;
	for (size_t i = 0; i < n_env; i++) {
		w[k++] = "--env";
		w[k++] = x->env[i];
	}
	if (x && x->stop_out) {
		snprintf(hex[0], sizeof hex[0], "%llx", x->stop_main);
		snprintf(hex[1], sizeof hex[1], "%llx", x->stop_entry);
		w[k++] = "--stop-at-main";
		w[k++] = hex[0];
		w[k++] = hex[1];
		w[k++] = (char *)x->stop_out;
	}
	w[k++] = "--";
	for (size_t i = 0; i < n; i++)
		w[k++] = argv[i];
	w[k] = NULL;
	proc_run(w, o, r);
	/* the command shown is the program's, as the learner would type it */
	for (size_t i = 0; i < n; i++)
		copy[i] = strdup(argv[i]);
	if (r->argv) {
		for (char **a = r->argv; *a; a++)
			free(*a);
		free(r->argv);
	}
	r->argv = copy;
	jail_read_note(dir, note, r, left);
	free(dir);
	free(note);
	free(w);
	return proc_ok(r) ? 0 : 1;
}

/* English or the user's language. */
__attribute__((format_arg(1))) static const char *jail_tr(const char *s, int en)
{
	return en ? s : _(s);
}

char *jail_say(const struct jail *j, int en)
{
	if (j->mode == JAIL_NAMESPACES)
		return strdup(jail_tr(N_("The program ran confined, in namespaces of its own: it "
					 "could write only in its own directory, as the rest of "
					 "the file system was read-only; /tmp, /var/tmp, /dev/shm "
					 "and /run were fresh and empty, and what it wrote there "
					 "vanished when it ended; it had no network but a "
					 "loopback of its own, and saw no other process. It could "
					 "still read every file you can read."), en));
	if (j->mode == JAIL_LANDLOCK) {
		const char *what = j->landlock_abi >= 6 ?
			N_("It could write only in its own directory, and could neither use TCP "
			   "nor signal your other processes; it could still read every file you "
			   "can read, and use UDP and local sockets.") :
			j->landlock_abi >= 4 ?
			N_("It could write only in its own directory, and could not use TCP; it "
			   "could still read every file you can read, use UDP and local sockets, "
			   "and signal your other processes.") :
			N_("It could write only in its own directory; it could still read every "
			   "file you can read, use the network, and signal your other "
			   "processes.");
		char *a = xfmt(jail_tr(j->capped ?
				N_("CSTAGES_JAIL=landlock turned namespaces off, so the program ran "
				   "under Landlock (ABI %d).") :
				N_("On this machine the kernel does not allow namespaces, so the "
				   "program ran under Landlock (ABI %d)."), en),
			       j->landlock_abi);
		char *s = a ? xfmt("%s %s", a, jail_tr(what, en)) : NULL;
		free(a);
		return s;
	}
	if (j->capped == 1)
		return strdup(jail_tr(N_("CSTAGES_JAIL=landlock turned namespaces off, and the "
					 "kernel has no Landlock: the program could still write "
					 "outside its directory, use the network and signal your "
					 "other processes."), en));
	return strdup(jail_tr(j->capped == 2 ?
		N_("The program was not confined (CSTAGES_JAIL=none): it could write outside "
		   "its directory, use the network and signal your other processes.") :
		N_("On this machine the program could still write outside its directory: the "
		   "kernel allows neither namespaces nor Landlock, so it ran as you, with your "
		   "files, your network and your processes within reach."), en));
}

/* 1 when the run's output holds s. */
static int jail_printed(const struct proc_result *r, const char *s)
{
	return (r->out && strstr(r->out, s)) || (r->err && strstr(r->err, s));
}

char *jail_explain(const struct jail *j, const struct proc_result *r, const char *left, int en)
{
	char *refused = NULL, *gone = NULL;
	if (j->mode == JAIL_NAMESPACES &&
	    (jail_printed(r, "Read-only file system") || jail_printed(r, strerror(EROFS))))
		refused = strdup(jail_tr(N_("\"Read-only file system\" in its output is what the "
					    "program met when it wrote outside its own directory: "
					    "lesson ran it with the rest of the file system "
					    "read-only, so nothing outside was changed."), en));
	if (j->mode == JAIL_LANDLOCK &&
	    (jail_printed(r, "Permission denied") || jail_printed(r, strerror(EACCES))))
		refused = strdup(jail_tr(N_("Where \"Permission denied\" in its output came from a "
					    "write outside its own directory, Landlock refused it: "
					    "lesson lets the program write only there."), en));
	if (left && *left) {
		/* one path a line, and "+N" for the ones not listed */
		size_t n = 0;
		char *list = strdup(left), *more = NULL;
		for (const char *p = left; *p; p++)
			n += *p == '\n';
		if (list && (more = strstr(list, "\n+"))) {
			n += strtoul(more + 2, NULL, 10) - 1;
			more[1] = '\0';
		}
		if (list && *list) {
			list[strlen(list) - 1] = '\0';
			/* one a line becomes "a, b, c" */
			char *joined = malloc(strlen(list) + n + 1), *q = joined;
			for (const char *p = list; joined && *p; p++) {
				if (*p == '\n') {
					*q++ = ',';
					*q++ = ' ';
				} else {
					*q++ = *p;
				}
			}
			if (joined) {
				*q = '\0';
				free(list);
				list = joined;
			}
			/* the English (the JSON's) is ngettext's own, unmarked a second time */
			gone = xfmt(en ? (n == 1 ? "The program wrote %1$s in a fresh, empty "
						   "directory of its own, which vanished when it "
						   "ended." :
					  "The program wrote %1$s (%2$zu paths) in fresh, empty "
					  "directories of its own, which vanished when it ended.") :
				     ngettext("The program wrote %1$s in a fresh, empty directory "
					      "of its own, which vanished when it ended.",
					      "The program wrote %1$s (%2$zu paths) in fresh, empty "
					      "directories of its own, which vanished when it ended.",
					      n),
				     list, n);
		}
		free(list);
	}
	if (refused && gone) {
		char *s = xfmt("%s %s", refused, gone);
		free(refused);
		free(gone);
		return s;
	}
	return refused ? refused : gone;
}
