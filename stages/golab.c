/* golab: the Go and cgo lab's model and builds. See golab.h; the parts of the lab are listed
 * in stages/golab_int.h. */
#include "config.h"


#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/emptyroot.h"
#include "stages/golab.h"
#include "stages/jail.h"
#include "stages/i18n.h"
#include "stages/tmpdir.h"
#include "stages/xfmt.h"
#include "stages/golab_int.h"

extern char **environ;

const struct golab_spec golab_cell_specs[GOLAB_STD_COUNT][GOLAB_CODE_COUNT] = {
	{
		{ "cgo-nss", "cgo-nss.go", NULL, { "-ldflags", GOLAB_STATIC } },
		{ "cgo-plain", "cgo-plain.go", NULL, { "-ldflags", GOLAB_STATIC } },
		{ "user", "user.go", NULL, { "-ldflags", GOLAB_STATIC } },
	},
	{
		{ "cgo-nss-go", "cgo-nss.go", NULL,
		  { "-tags", GOLAB_TAGS, "-ldflags", GOLAB_STATIC } },
		{ "cgo-plain-go", "cgo-plain.go", NULL,
		  { "-tags", GOLAB_TAGS, "-ldflags", GOLAB_STATIC } },
		{ "user-go", "user.go", NULL, { "-tags", GOLAB_TAGS, "-ldflags", GOLAB_STATIC } },
	},
};

const struct golab_spec golab_exp_specs[GOLAB_EXP_COUNT] = {
	{ "main1", "user.go", "1", { "-ldflags", "-linkmode external " GOLAB_STATIC } },
	{ "main2", "user.go", "0", { "-ldflags", "-linkmode external " GOLAB_STATIC } },
	{ "main3", "user.go", "1", { "-ldflags", GOLAB_STATIC } },
	{ "main4", "user.go", "0", { NULL } },
	{ "user-spie", "user.go", NULL,
	  { "-buildmode=pie", "-tags", GOLAB_TAGS, "-ldflags",
	    "-linkmode external -extldflags --static-pie" } },
};

const struct golab_spec golab_cgo_spec = {
	"cgo", "cgo.go", NULL, { "-work", "-x", "-ldflags=-v" }
};

/* Every sample the lab builds; golab_new checks they are all there. */
static const char *const golab_sources[] = { "cgo-nss.go", "cgo-plain.go", "user.go", "cgo.go" };


int golab_have_go(const char *go)
{
	if (!go)
		go = "go";
	if (strchr(go, '/'))
		return access(go, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		char *full = xfmt("%.*s/%s", (int)n, path, go);
		int ok = full && access(full, X_OK) == 0;
		free(full);
		if (ok)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

enum run_state golab_state(const struct golab_build *b)
{
	return (enum run_state)__atomic_load_n(&b->state, __ATOMIC_ACQUIRE);
}

void golab_publish(int *state, enum run_state st)
{
	__atomic_store_n(state, (int)st, __ATOMIC_RELEASE);
}

int golab_build_finished(const struct golab_build *b)
{
	return __atomic_load_n(&b->finished, __ATOMIC_ACQUIRE);
}

int golab_cgo_finished(const struct golab_cgo *c)
{
	return __atomic_load_n(&c->finished, __ATOMIC_ACQUIRE);
}

int golab_is_done(const struct golab *g)
{
	return __atomic_load_n(&g->done, __ATOMIC_ACQUIRE);
}

int golab_part_finished(const struct golab *g, enum golab_part part)
{
	if (golab_is_done(g))
		return 1;
	if (part == GOLAB_CGO)
		return golab_cgo_finished(&g->cgo);
	if (part == GOLAB_EXPERIMENTS) {
		for (int e = 0; e < GOLAB_EXP_COUNT; e++)
			if (!golab_build_finished(&g->exp[e]))
				return 0;
		return 1;
	}
	if (part == GOLAB_SCENARIOS) {
		for (int r = 0; r < GOLAB_STD_COUNT; r++)
			for (int c = 0; c < GOLAB_CODE_COUNT; c++)
				if (!golab_build_finished(&g->cell[r][c]))
					return 0;
		return 1;
	}
	return 0;
}

int golab_cancelled(const struct golab *g)
{
	return __atomic_load_n(&g->cancelled, __ATOMIC_ACQUIRE);
}

int golab_is_static(const struct golab_build *b)
{
	if (!b->elf_ok)
		return -1;
	return !b->elf.interp && b->elf.n_needed == 0;
}

/* The argv of a spec: go build ARGS -o NAME SOURCE. Points into the spec. */
static void golab_argv(const struct golab_spec *s, const char *go, char **argv)
{
	int n = 0;
	argv[n++] = (char *)go;
	argv[n++] = "build";
	for (int i = 0; i < 8 && s->args[i]; i++)
		argv[n++] = (char *)s->args[i];
	argv[n++] = "-o";
	argv[n++] = (char *)s->name;
	argv[n++] = (char *)s->source;
	argv[n] = NULL;
}

/* The line a learner types for a spec, environment assignment first. */
char *golab_command(const struct golab_spec *s, const char *go)
{
	char *argv[16];
	golab_argv(s, go, argv);
	char *line = proc_argv_string(argv);
	if (!line || !s->cgo_enabled)
		return line;
	char *full = xfmt("CGO_ENABLED=%s %s", s->cgo_enabled, line);
	free(line);
	return full;
}

/* Is the environment entry e one of the go command's settings, or something else that would
 * make the lab read or write outside its directory, or build differently from the commands
 * it shows? GOROOT stays: it says where a go installed by hand lives. */
static int golab_env_dropped(const char *e)
{
	static const char *const names[] = { "HOME", "TMPDIR", "CC", "CXX", "XDG_CACHE_HOME",
					     "XDG_CONFIG_HOME", NULL };
	if (strncmp(e, "GOROOT=", 7) == 0)
		return 0;
	if (strncmp(e, "GO", 2) == 0 || strncmp(e, "CGO_", 4) == 0)
		return 1;
	for (int i = 0; names[i]; i++) {
		size_t n = strlen(names[i]);
		if (strncmp(e, names[i], n) == 0 && e[n] == '=')
			return 1;
	}
	return 0;
}

/* The environment of every go build: the caller's, less the go settings, plus the lab's. */
char **golab_env(const char *dir)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 16, sizeof *env);
	if (!env)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!golab_env_dropped(environ[i]))
			env[k++] = strdup(environ[i]);
	env[k++] = xfmt("HOME=%s/home", dir);
	env[k++] = xfmt("GOCACHE=%s/cache", dir);
	env[k++] = xfmt("GOPATH=%s/gopath", dir);
	env[k++] = xfmt("GOTMPDIR=%s/tmp", dir);
	env[k++] = xfmt("TMPDIR=%s/tmp", dir);
	/* no go env file, no module proxy or checksum database, no toolchain download */
	env[k++] = strdup("GOENV=off");
	env[k++] = strdup("GOPROXY=off");
	env[k++] = strdup("GOSUMDB=off");
	env[k++] = strdup("GOFLAGS=-mod=mod");
	env[k++] = strdup("GOTOOLCHAIN=local");
	env[k++] = strdup("GOTELEMETRY=off");
	env[k] = NULL;
	for (size_t i = 0; i < k; i++)
		if (!env[i]) {
			for (size_t j = 0; j < k; j++)
				free(env[j]);
			free(env);
			return NULL;
		}
	return env;
}

/* env with one more entry (not copied: the result holds pointers into env). */
static char **golab_env_plus(char **env, const char *extra)
{
	size_t n = 0;
	while (env[n])
		n++;
	char **e = calloc(n + 2, sizeof *e);
	if (!e)
		return NULL;
	memcpy(e, env, n * sizeof *e);
	e[n] = (char *)extra;
	return e;
}


static int golab_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

static void golab_build_init(struct golab_build *b, const struct golab_spec *s, const char *go)
{
	b->name = s->name;
	b->source = s->source;
	b->command = golab_command(s, go);
	b->size = -1;
}

struct golab *golab_new(const char *samples, const struct golab_opts *o, const char *dir,
			char *err, size_t errlen)
{
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, _("the lab directory %s is not there"), dir);
		return NULL;
	}
	for (size_t i = 0; i < sizeof golab_sources / sizeof *golab_sources; i++) {
		char *p = xfmt("%s/%s", samples, golab_sources[i]);
		int ok = p && access(p, R_OK) == 0;
		if (!ok)
			snprintf(err, errlen, _("cannot read %1$s: %2$s"), p ? p : golab_sources[i],
				 strerror(errno));
		free(p);
		if (!ok)
			return NULL;
	}
	struct golab *g = calloc(1, sizeof *g);
	if (!g) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return NULL;
	}
	if (o)
		g->opts = *o;
	if (!g->opts.go)
		g->opts.go = "go";
	if (!g->opts.parts)
		g->opts.parts = GOLAB_ALL;
	if (g->opts.jobs <= 0)
		g->opts.jobs = 3;
	if (g->opts.run_timeout_ms <= 0)
		g->opts.run_timeout_ms = 5000;
	if (g->opts.build_timeout_ms <= 0)
		g->opts.build_timeout_ms = 600000;
	if (g->opts.tool_timeout_ms <= 0)
		g->opts.tool_timeout_ms = 60000;
	g->samples = strdup(samples);
	g->dir = realpath(dir, NULL);
	g->envp = g->dir ? golab_env(g->dir) : NULL;
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int c = 0; c < GOLAB_CODE_COUNT; c++)
			golab_build_init(&g->cell[r][c], &golab_cell_specs[r][c], g->opts.go);
	for (int e = 0; e < GOLAB_EXP_COUNT; e++)
		golab_build_init(&g->exp[e], &golab_exp_specs[e], g->opts.go);
	golab_build_init(&g->cgo.build, &golab_cgo_spec, g->opts.go);
	for (int i = 0; i < GOLAB_CGO_STAGES; i++)
		g->cgo.stage[i].artifact_size = -1;
	if (!golab_have_go(g->opts.go))
		g->no_go = xfmt(_("the go command (%1$s) was not found; on Debian: apt-get install "
				  "%2$s"), g->opts.go, GOLAB_PACKAGE);
	if (!g->samples || !g->dir || !g->envp) {
		snprintf(err, errlen, _("cannot set up the lab in %1$s: %2$s"), dir, strerror(errno));
		golab_free(g);
		return NULL;
	}
	return g;
}

/* Make the lab directory's parts: the samples' copies, a go.mod that makes the folder a
 * module (so go never looks above it), and go's homes. -1 with a reason on failure. */
static int golab_prepare(struct golab *g, char **why)
{
	static const char *const sub[] = { "home", "cache", "gopath", "tmp" };
	for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
		char *p = xfmt("%s/%s", g->dir, sub[i]);
		int bad = !p || (mkdir(p, 0700) < 0 && errno != EEXIST);
		free(p);
		if (bad)
			goto fail;
	}
	for (size_t i = 0; i < sizeof golab_sources / sizeof *golab_sources; i++) {
		char *from = xfmt("%s/%s", g->samples, golab_sources[i]);
		char *to = xfmt("%s/%s", g->dir, golab_sources[i]);
		int bad = !from || !to || emptyroot_copy(from, to, 0644) < 0;
		free(from);
		free(to);
		if (bad)
			goto fail;
	}
	char *mod = xfmt("%s/go.mod", g->dir);
	int bad = !mod || golab_write(mod, "module golab\n\ngo 1.16\n") < 0;
	free(mod);
	if (bad)
		goto fail;
	return 0;
fail:
	*why = xfmt(_("could not prepare the lab directory %1$s: %2$s"), g->dir, strerror(errno));
	return -1;
}

static void golab_skip(struct golab_build *b, const char *why)
{
	b->skip_reason = strdup(why);
	golab_publish(&b->state, RUN_SKIPPED);
	__atomic_store_n(&b->finished, 1, __ATOMIC_RELEASE);
}

/* Run the program alone in an empty root: no loader, no libraries, no /etc, as in a
 * container image that holds nothing but it. */
static void golab_empty_root(struct golab *g, struct golab_build *b)
{
	char *note_en = NULL;
	b->empty_root_ran = emptyroot_run_args(g->dir, b->name, b->name, g->opts.run_args,
					       g->opts.run_args ? g->opts.n_run_args : 0,
					       g->opts.run_stdin, g->opts.run_timeout_ms,
					       GOLAB_RUN_CAP, &b->empty_root, &b->empty_root_note,
					       &note_en);
	free(note_en);
}

/* Build one spec, then read the program's ELF facts, ask ldd, run it, and run it alone. */
void golab_build(struct golab *g, struct golab_build *b, const struct golab_spec *s)
{
	if (golab_cancelled(g)) {
		golab_skip(b, _("the lab was stopped"));
		return;
	}
	golab_publish(&b->state, RUN_RUNNING);
	char *argv[16];
	golab_argv(s, g->opts.go, argv);
	char *cgo = s->cgo_enabled ? xfmt("CGO_ENABLED=%s", s->cgo_enabled) : NULL;
	char **env = cgo ? golab_env_plus(g->envp, cgo) : g->envp;
	struct proc_opts po = { .cwd = g->dir, .envp = env ? env : g->envp,
				.timeout_ms = g->opts.build_timeout_ms };
	proc_run(argv, &po, &b->build);
	if (env != g->envp)
		free(env);
	free(cgo);
	char *path = xfmt("%s/%s", g->dir, b->name);
	struct stat st;
	b->size = path && stat(path, &st) == 0 ? (long long)st.st_size : -1;
	int ok = proc_ok(&b->build) && b->size >= 0;
	golab_publish(&b->state, ok ? RUN_OK : RUN_FAILED);
	if (ok && !golab_cancelled(g)) {
		b->elf_ok = elfinfo_read(path, &b->elf) == 0;
		char *dot = xfmt("./%s", b->name);
		char *ldd_argv[] = { "ldd", dot, NULL };
		struct proc_opts lo = { .cwd = g->dir, .timeout_ms = g->opts.tool_timeout_ms };
		proc_run(ldd_argv, &lo, &b->ldd);
		size_t na = g->opts.run_args ? g->opts.n_run_args : 0;
		char **run_argv = calloc(na + 2, sizeof *run_argv);
		char *alone[] = { dot, NULL };
		for (size_t i = 0; run_argv && i <= na; i++)
			run_argv[i] = i ? g->opts.run_args[i - 1] : dot;
		struct proc_opts ro = { .cwd = g->dir, .timeout_ms = g->opts.run_timeout_ms,
					.out_cap = GOLAB_RUN_CAP, .stop_at_cap = 1,
					.user_locale = 1, .stdin_path = g->opts.run_stdin };
		/* confined as the walk's programs are (stages/jail.h: probed once per process) */
		struct jail jail;
		jail_probe(g->dir, &jail);
		jail_run(run_argv ? run_argv : alone, &ro, &jail, &b->run, NULL);
		free(run_argv);
		free(dot);
		golab_empty_root(g, b);
	}
	free(path);
	__atomic_store_n(&b->finished, 1, __ATOMIC_RELEASE);
}

/* --- the job pool --------------------------------------------------------------------- */

struct golab_job {
	struct golab_build *b;      /* NULL: the cgo part */
	const struct golab_spec *s;
};

struct golab_pool {
	struct golab *g;
	struct golab_job job[GOLAB_STD_COUNT * GOLAB_CODE_COUNT + GOLAB_EXP_COUNT + 1];
	size_t n;
	size_t next; /* accessed atomically */
};

static void *golab_worker(void *arg)
{
	tmpdir_thread_signals();
	struct golab_pool *p = arg;
	for (;;) {
		size_t k = __atomic_fetch_add(&p->next, 1, __ATOMIC_ACQ_REL);
		if (k >= p->n)
			return NULL;
		if (p->job[k].b)
			golab_build(p->g, p->job[k].b, p->job[k].s);
		else
			golab_cgo(p->g);
	}
}

static void golab_pool_add(struct golab_pool *p, struct golab_build *b, const struct golab_spec *s)
{
	p->job[p->n++] = (struct golab_job){ b, s };
}

/* Skip every build of the lab that is not finished, and the cgo stages, saying why. */
static void golab_skip_all(struct golab *g, unsigned parts, const char *why)
{
	if (parts & GOLAB_SCENARIOS)
		for (int r = 0; r < GOLAB_STD_COUNT; r++)
			for (int c = 0; c < GOLAB_CODE_COUNT; c++)
				golab_skip(&g->cell[r][c], why);
	if (parts & GOLAB_EXPERIMENTS)
		for (int e = 0; e < GOLAB_EXP_COUNT; e++)
			golab_skip(&g->exp[e], why);
	if (parts & GOLAB_CGO) {
		golab_skip(&g->cgo.build, why);
		for (int st = 0; st < GOLAB_CGO_STAGES; st++)
			golab_stage_skip(&g->cgo.stage[st], strdup(why));
		__atomic_store_n(&g->cgo.finished, 1, __ATOMIC_RELEASE);
	}
}

void golab_run(struct golab *g)
{
	unsigned parts = g->opts.parts;
	golab_skip_all(g, GOLAB_ALL & ~parts, _("this part of the lab was not asked for"));
	char *why = NULL;
	if (g->no_go) {
		golab_skip_all(g, parts, g->no_go);
	} else if (golab_prepare(g, &why) < 0) {
		golab_skip_all(g, parts, why ? why : _("could not prepare the lab directory"));
	} else {
		char *argv[] = { (char *)g->opts.go, "version", NULL };
		struct proc_opts vo = { .cwd = g->dir, .envp = g->envp,
					.timeout_ms = g->opts.tool_timeout_ms };
		proc_run(argv, &vo, &g->version);
		/* The six cells first, ordered so that builds running side by side need different
		 * packages compiled into the empty cache; then the static PIE, the longest build,
		 * as it compiles the whole standard library again as position-independent code
		 * (started beside the first cell instead, it slowed the cells and gained nothing). */
		struct golab_pool p = { .g = g };
		static const int order[][2] = {
			{ 0, 0 }, { 1, 2 }, { 0, 1 }, { 1, 0 }, { 0, 2 }, { 1, 1 },
		};
		if (parts & GOLAB_SCENARIOS)
			for (size_t k = 0; k < sizeof order / sizeof *order; k++)
				golab_pool_add(&p, &g->cell[order[k][0]][order[k][1]],
					       &golab_cell_specs[order[k][0]][order[k][1]]);
		if (parts & GOLAB_EXPERIMENTS) {
			golab_pool_add(&p, &g->exp[GOLAB_EXP_PIE], &golab_exp_specs[GOLAB_EXP_PIE]);
			golab_pool_add(&p, &g->exp[GOLAB_EXP2], &golab_exp_specs[GOLAB_EXP2]);
			golab_pool_add(&p, &g->exp[GOLAB_EXP1], &golab_exp_specs[GOLAB_EXP1]);
			golab_pool_add(&p, &g->exp[GOLAB_EXP3], &golab_exp_specs[GOLAB_EXP3]);
			golab_pool_add(&p, &g->exp[GOLAB_EXP4], &golab_exp_specs[GOLAB_EXP4]);
		}
		if (parts & GOLAB_CGO)
			golab_pool_add(&p, NULL, NULL);
		pthread_t th[8];
		int started[8] = { 0 };
		int nth = g->opts.jobs < 8 ? g->opts.jobs : 8;
		for (int k = 1; k < nth; k++)
			started[k] = pthread_create(&th[k], NULL, golab_worker, &p) == 0;
		golab_worker(&p);
		for (int k = 1; k < nth; k++)
			if (started[k])
				pthread_join(th[k], NULL);
	}
	free(why);
	__atomic_store_n(&g->done, 1, __ATOMIC_RELEASE);
}

static void *golab_thread(void *arg)
{
	tmpdir_thread_signals();
	golab_run(arg);
	return NULL;
}

int golab_start(struct golab *g)
{
	if (pthread_create(&g->worker, NULL, golab_thread, g) != 0)
		return -1;
	g->worker_started = 1;
	return 0;
}

void golab_wait(struct golab *g)
{
	if (g->worker_started) {
		pthread_join(g->worker, NULL);
		g->worker_started = 0;
	}
}

void golab_cancel(struct golab *g)
{
	__atomic_store_n(&g->cancelled, 1, __ATOMIC_RELEASE);
	if (!golab_is_done(g))
		proc_kill_all();
}

/* --- freeing -------------------------------------------------------------------------- */

static void golab_build_free(struct golab_build *b)
{
	free(b->command);
	free(b->skip_reason);
	proc_result_free(&b->build);
	if (b->elf_ok)
		elfinfo_free(&b->elf);
	proc_result_free(&b->ldd);
	proc_result_free(&b->run);
	proc_result_free(&b->empty_root);
	free(b->empty_root_note);
}

void golab_free(struct golab *g)
{
	if (!g)
		return;
	golab_wait(g);
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int c = 0; c < GOLAB_CODE_COUNT; c++)
			golab_build_free(&g->cell[r][c]);
	for (int e = 0; e < GOLAB_EXP_COUNT; e++)
		golab_build_free(&g->exp[e]);
	struct golab_cgo *c = &g->cgo;
	golab_build_free(&c->build);
	free(c->work);
	free(c->objdir);
	for (size_t k = 0; k < c->n_files; k++)
		free(c->files[k].name);
	free(c->files);
	for (size_t k = 0; k < c->n_gcc; k++)
		free(c->gcc[k]);
	free(c->gcc);
	free(c->walked);
	for (int st = 0; st < GOLAB_CGO_STAGES; st++) {
		proc_result_free(&c->stage[st].proc);
		free(c->stage[st].artifact);
		free(c->stage[st].skip_reason);
	}
	if (c->link_elf_ok)
		elfinfo_free(&c->link_elf);
	if (g->envp)
		for (char **e = g->envp; *e; e++)
			free(*e);
	free(g->envp);
	free(g->no_go);
	proc_result_free(&g->version);
	free(g->samples);
	free(g->dir);
	free(g);
}
