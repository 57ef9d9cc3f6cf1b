/* exercise_go: the condition go-static of an exercise: the learner's `go build` of a cgo
 * program, and whether what it made is static and runs alone in an empty root. See
 * exercise_go.h for the contract.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "stages/elfinfo.h"
#include "stages/emptyroot.h"
#include "stages/exercise_go.h"
#include "stages/golab.h"
#include "stages/i18n.h"
#include "stages/proc.h"
#include "stages/xfmt.h"

#define EXERCISE_GO_PROG "prog"
#define EXERCISE_GO_MAX_ARGS 64
#define EXERCISE_GO_BUILD_MS 600000
#define EXERCISE_GO_RUN_MS 5000
#define EXERCISE_GO_RUN_CAP (64 * 1024)

int exercise_go_available(void)
{
	return golab_have_go("go");
}

/* The first line of text that is not go's "# package" heading, without its newline;
 * caller frees. */
static char *exercise_go_first_line(const char *text)
{
	const char *p = text ? text : "";
	for (;;) {
		size_t n = strcspn(p, "\n");
		if (n > 0 && p[0] != '#')
			return strndup(p, n);
		if (!p[n])
			return strdup("");
		p += n + 1;
	}
}

/* The first of args that must not be given: -o (lesson names the program), -C (another
 * directory), and the flags that make go read or write files elsewhere or run another
 * program (-modfile, -overlay, -pkgdir, -toolexec); NULL when there is none. go takes its
 * flags with one dash or two, and a value after '=' or as the next argument. */
static const char *exercise_go_bad_arg(char *const *args, size_t n_args)
{
	static const char *const flags[] = { "o", "C", "modfile", "overlay", "pkgdir", "toolexec",
					     NULL };
	for (size_t i = 0; i < n_args; i++) {
		const char *a = args[i];
		if (a[0] != '-')
			continue;
		a += a[1] == '-' ? 2 : 1;
		size_t len = strcspn(a, "=");
		for (int k = 0; flags[k]; k++)
			if (strlen(flags[k]) == len && strncmp(a, flags[k], len) == 0)
				return args[i];
	}
	return NULL;
}

static int exercise_go_mkdir(const char *path)
{
	return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* Is name one of the package's files that go build reads? */
static int exercise_go_wanted(const char *name)
{
	static const char *const ext[] = { ".go", ".c", ".h", ".s", ".S", NULL };
	if (strcmp(name, "go.mod") == 0 || strcmp(name, "go.sum") == 0)
		return 1;
	size_t l = strlen(name);
	for (int i = 0; ext[i]; i++) {
		size_t e = strlen(ext[i]);
		if (l > e && strcmp(name + l - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* Copy the package's files from dir into to; give it a go.mod when dir has none, so that go
 * never looks above the copy. 0, or -1 with errno set. */
static int exercise_go_copy(const char *dir, const char *to)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int has_mod = 0, bad = 0;
	struct dirent *e;
	while (!bad && (e = readdir(d))) {
		if (!exercise_go_wanted(e->d_name))
			continue;
		char *from = xfmt("%s/%s", dir, e->d_name);
		char *dest = xfmt("%s/%s", to, e->d_name);
		struct stat st;
		if (!from || !dest)
			bad = 1;
		else if (stat(from, &st) == 0 && S_ISREG(st.st_mode))
			bad = emptyroot_copy(from, dest, 0644) < 0;
		has_mod |= strcmp(e->d_name, "go.mod") == 0;
		free(from);
		free(dest);
	}
	int saved = errno;
	closedir(d);
	errno = saved;
	if (bad)
		return -1;
	if (has_mod)
		return 0;
	char *mod = xfmt("%s/go.mod", to);
	FILE *f = mod ? fopen(mod, "we") : NULL;
	free(mod);
	if (!f)
		return -1;
	fputs("module exercise\n\ngo 1.16\n", f);
	return fclose(f) == 0 ? 0 : -1;
}

static void exercise_go_env_free(char **env)
{
	if (!env)
		return;
	for (char **e = env; *e; e++)
		free(*e);
	free(env);
}

/* "the Go program is not static: ..." for what elf names; caller frees. */
static char *exercise_go_dynamic(const struct elfinfo *elf)
{
	char *needed = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&needed, &len);
	if (!f)
		return NULL;
	for (size_t i = 0; i < elf->n_needed; i++)
		fprintf(f, "%s%s", i ? ", " : "", elf->needed[i]);
	if (fclose(f) != 0) {
		free(needed);
		return NULL;
	}
	char *s;
	if (elf->interp && elf->n_needed)
		s = xfmt(_("the Go program is not static: it names the loader %1$s and needs %2$s"),
			 elf->interp, needed);
	else if (elf->interp)
		s = xfmt(_("the Go program is not static: it names the loader %s"), elf->interp);
	else
		s = xfmt(_("the Go program is not static: it needs %s"), needed);
	free(needed);
	return s;
}

/* Run the static program alone in an empty root and judge it. */
static int exercise_go_alone(const char *build, const char *text, char **fact)
{
	struct proc_result r = { 0 };
	char *note = NULL;
	if (!emptyroot_run(build, EXERCISE_GO_PROG, "go", EXERCISE_GO_RUN_MS, EXERCISE_GO_RUN_CAP,
			   &r, &note)) {
		*fact = xfmt(_("the Go program is static, but it could not be run in an empty root: "
			       "%s"), note ? note : "?");
		free(note);
		return -1;
	}
	free(note);
	int held = 0;
	if (!proc_ok(&r)) {
		char *line = exercise_go_first_line(r.err);
		if (line && *line)
			*fact = xfmt(_("the static Go program, alone in an empty root, ended with "
				       "%1$s: %2$s"), proc_describe(&r), line);
		else
			*fact = xfmt(_("the static Go program, alone in an empty root, ended with %s"),
				     proc_describe(&r));
		free(line);
	} else if (text && !(r.out && strstr(r.out, text))) {
		*fact = xfmt(_("the static Go program ran alone in an empty root, but its output "
			       "does not contain \"%s\""), text);
	} else {
		held = 1;
		*fact = text ? xfmt(_("the Go program is static, and alone in an empty root it "
				      "exits with 0 and prints \"%s\""), text)
			     : strdup(_("the Go program is static, and alone in an empty root it "
					"exits with 0"));
	}
	proc_result_free(&r);
	return held;
}

int exercise_go_static(const char *dir, const char *walkdir, char *const *args, size_t n_args,
		       const char *text, char **fact)
{
	*fact = NULL;
	if (!exercise_go_available()) {
		*fact = xfmt(_("the go command is not installed, so the Go program cannot be built "
			       "(on Debian: apt-get install %s)"), GOLAB_PACKAGE);
		return -1;
	}
	const char *bad = exercise_go_bad_arg(args, n_args);
	if (bad) {
		*fact = xfmt(_("the go: line's argument %s is lesson's to give, or would make go "
			       "write or run something outside the walk; leave it out"), bad);
		return -1;
	}
	if (n_args > EXERCISE_GO_MAX_ARGS) {
		*fact = xfmt(_("the go: line has %zu arguments; at most %d are taken"), n_args,
			     EXERCISE_GO_MAX_ARGS);
		return -1;
	}
	static const char *const homes[] = { "home", "cache", "gopath", "tmp" };
	char *envdir = xfmt("%s/go-env", walkdir);
	char *build = xfmt("%s/go-build", walkdir);
	char **env = NULL;
	int ret = -1;
	if (!envdir || !build || exercise_go_mkdir(envdir) < 0 || exercise_go_mkdir(build) < 0)
		goto fail;
	for (size_t i = 0; i < sizeof homes / sizeof *homes; i++) {
		char *p = xfmt("%s/%s", envdir, homes[i]);
		int nodir = !p || exercise_go_mkdir(p) < 0;
		free(p);
		if (nodir)
			goto fail;
	}
	if (exercise_go_copy(dir, build) < 0 || !(env = golab_env(envdir)))
		goto fail;

	char *argv[EXERCISE_GO_MAX_ARGS + 5];
	size_t n = 0;
	argv[n++] = "go";
	argv[n++] = "build";
	argv[n++] = "-o";
	argv[n++] = EXERCISE_GO_PROG;
	for (size_t i = 0; i < n_args; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct proc_opts po = { .cwd = build, .envp = env, .timeout_ms = EXERCISE_GO_BUILD_MS };
	struct proc_result r = { 0 };
	proc_run(argv, &po, &r);
	char *path = xfmt("%s/%s", build, EXERCISE_GO_PROG);
	struct stat st;
	if (!proc_ok(&r) || !path || stat(path, &st) < 0) {
		char *cmd = proc_argv_string(argv);
		char *line = exercise_go_first_line(r.err);
		if (line && *line)
			*fact = xfmt(_("%1$s failed: %2$s"), cmd ? cmd : "go build", line);
		else
			*fact = xfmt(_("%1$s failed: %2$s"), cmd ? cmd : "go build",
				     proc_describe(&r));
		free(cmd);
		free(line);
		ret = 0;
	} else {
		struct elfinfo elf = { 0 };
		if (elfinfo_read(path, &elf) < 0) {
			*fact = xfmt(_("the Go program cannot be read as ELF: %s"), elf.error);
			ret = 0;
		} else if (elf.interp || elf.n_needed) {
			*fact = exercise_go_dynamic(&elf);
			ret = 0;
		} else {
			ret = exercise_go_alone(build, text, fact);
		}
		elfinfo_free(&elf);
	}
	free(path);
	proc_result_free(&r);
	exercise_go_env_free(env);
	free(envdir);
	free(build);
	if (!*fact)
		*fact = strdup(_("out of memory"));
	return ret;
fail:
	*fact = xfmt(_("cannot set up the Go build in %1$s: %2$s"), walkdir, strerror(errno));
	exercise_go_env_free(env);
	free(envdir);
	free(build);
	return -1;
}
