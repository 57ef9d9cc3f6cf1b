/* golab: the Go and cgo lab. See golab.h. */
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
#include "stages/i18n.h"
#include "stages/tmpdir.h"
#include "stages/xfmt.h"

extern char **environ;

#define GOLAB_RUN_CAP (64 * 1024)
#define GOLAB_MAX_ARGS 96

/* One build as data, so the run and the commands shown for it cannot drift apart. */
struct golab_spec {
	const char *name;        /* the program */
	const char *source;      /* the sample */
	const char *cgo_enabled; /* "1", "0", or NULL to leave go's default */
	const char *args[8];     /* between "go build" and "-o NAME SOURCE" */
};

#define GOLAB_STATIC "-extldflags -static"
#define GOLAB_TAGS "netgo,osusergo"

static const struct golab_spec golab_cell_specs[GOLAB_STD_COUNT][GOLAB_CODE_COUNT] = {
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

static const struct golab_spec golab_exp_specs[GOLAB_EXP_COUNT] = {
	{ "main1", "user.go", "1", { "-ldflags", "-linkmode external " GOLAB_STATIC } },
	{ "main2", "user.go", "0", { "-ldflags", "-linkmode external " GOLAB_STATIC } },
	{ "main3", "user.go", "1", { "-ldflags", GOLAB_STATIC } },
	{ "main4", "user.go", "0", { NULL } },
	{ "user-spie", "user.go", NULL,
	  { "-buildmode=pie", "-tags", GOLAB_TAGS, "-ldflags",
	    "-linkmode external -extldflags --static-pie" } },
};

static const struct golab_spec golab_cgo_spec = {
	"cgo", "cgo.go", NULL, { "-work", "-x", "-ldflags=-v" }
};

/* Every sample the lab builds; golab_new checks they are all there. */
static const char *const golab_sources[] = { "cgo-nss.go", "cgo-plain.go", "user.go", "cgo.go" };

/* (The experiments' titles are commands, but for the static PIE's words.) */
static const char *const golab_std_titles[GOLAB_STD_COUNT] = {
	N_("standard library in its cgo form (the default)"),
	N_("standard library in pure Go (-tags netgo,osusergo)"),
};
static const char *const golab_code_titles[GOLAB_CODE_COUNT] = {
	N_("your cgo calls NSS functions (getpwnam, getaddrinfo)"),
	N_("your cgo calls nothing that loads modules at run time"),
	N_("no cgo code of yours"),
};
static const char *const golab_exp_titles[GOLAB_EXP_COUNT] = {
	"1. CGO_ENABLED=1, -linkmode external -extldflags -static",
	"2. CGO_ENABLED=0, -linkmode external -extldflags -static",
	"3. CGO_ENABLED=1, -extldflags -static",
	"4. CGO_ENABLED=0",
	N_("static PIE: -buildmode=pie -linkmode external -extldflags --static-pie"),
};

const char *golab_std_title(enum golab_std s)
{
	return s < GOLAB_STD_COUNT ? _(golab_std_titles[s]) : "?";
}

const char *golab_code_title(enum golab_code c)
{
	return c < GOLAB_CODE_COUNT ? _(golab_code_titles[c]) : "?";
}

const char *golab_exp_title(enum golab_exp e)
{
	return e < GOLAB_EXP_COUNT ? _(golab_exp_titles[e]) : "?";
}

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

static void golab_publish(int *state, enum run_state st)
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

static int golab_cancelled(const struct golab *g)
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
static char *golab_command(const struct golab_spec *s, const char *go)
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
static char **golab_env(const char *dir)
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
	FILE *f = fopen(path, "w");
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
	for (int i = 0; i < STAGE_COUNT; i++)
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
	b->empty_root_ran = emptyroot_run(g->dir, b->name, b->name, g->opts.run_timeout_ms,
					  GOLAB_RUN_CAP, &b->empty_root, &b->empty_root_note);
}

/* Build one spec, then read the program's ELF facts, ask ldd, run it, and run it alone. */
static void golab_build(struct golab *g, struct golab_build *b, const struct golab_spec *s)
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
		char *run_argv[] = { dot, NULL };
		struct proc_opts ro = { .cwd = g->dir, .timeout_ms = g->opts.run_timeout_ms,
					.out_cap = GOLAB_RUN_CAP };
		proc_run(run_argv, &ro, &b->run);
		free(dot);
		golab_empty_root(g, b);
	}
	free(path);
	__atomic_store_n(&b->finished, 1, __ATOMIC_RELEASE);
}

/* --- reading go's -x trace ----------------------------------------------------------- */

struct golab_words {
	char **w;
	size_t n;
};

static void golab_words_free(struct golab_words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	ws->w = NULL;
	ws->n = 0;
}

static void golab_words_add(struct golab_words *ws, char *word)
{
	char **w = realloc(ws->w, (ws->n + 2) * sizeof *w);
	if (!w || !word) {
		free(word);
		return;
	}
	ws->w = w;
	ws->w[ws->n++] = word;
	ws->w[ws->n] = NULL;
}

/* Split one line of the trace as sh would split the simple commands go prints: blanks
 * separate words, '...' and "..." quote; $WORK becomes the work directory. */
static void golab_split(const char *line, const char *work, struct golab_words *ws)
{
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '\n')
			break;
		char *word = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&word, &len);
		if (!f)
			return;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				while (*p && *p != q && *p != '\n')
					fputc(*p++, f);
				if (*p == q)
					p++;
			} else if (strncmp(p, "$WORK", 5) == 0 && work) {
				fputs(work, f);
				p += 5;
			} else {
				fputc(*p++, f);
			}
		}
		if (fclose(f) != 0) {
			free(word);
			return;
		}
		golab_words_add(ws, word);
	}
}

/* The command word of a split line: past the VAR=value assignments go puts first. */
static size_t golab_command_word(const struct golab_words *ws)
{
	size_t i = 0;
	while (i < ws->n) {
		const char *eq = strchr(ws->w[i], '=');
		const char *sl = strchr(ws->w[i], '/');
		if (!eq || (sl && sl < eq) || ws->w[i][0] == '-')
			break;
		i++;
	}
	return i;
}

/* Is word a C compiler go would run? */
static int golab_is_cc(const char *word)
{
	const char *base = strrchr(word, '/');
	base = base ? base + 1 : word;
	return strcmp(base, "gcc") == 0 || strcmp(base, "cc") == 0 || strcmp(base, "clang") == 0 ||
	       (strlen(base) > 4 && strcmp(base + strlen(base) - 4, "-gcc") == 0);
}

static void golab_lines_add(char ***v, size_t *n, const char *line, size_t len)
{
	char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return;
	*v = nv;
	char *s = strndup(line, len);
	if (s)
		nv[(*n)++] = s;
}

/* An absolute path for word as seen from directory cwd. */
static char *golab_resolve(const char *cwd, const char *word)
{
	if (word[0] == '/')
		return strdup(word);
	while (word[0] == '.' && word[1] == '/')
		word += 2;
	return xfmt("%s/%s", cwd, word);
}

/* What the trace says about the C side of the build. */
struct golab_trace {
	struct golab_words compile; /* go's gcc command for the walked file */
	char *compile_dir;
	struct golab_words link;    /* go's link of the C objects into _cgo_.o */
	char *link_dir;
};

static void golab_read_trace(struct golab *g, struct golab_trace *t)
{
	struct golab_cgo *c = &g->cgo;
	const char *err = c->build.build.err ? c->build.build.err : "";
	char *cwd = strdup(g->dir);
	const char *pending_cd = NULL;
	size_t pending_len = 0;
	int heredoc = 0;
	for (const char *p = err; *p;) {
		size_t len = strcspn(p, "\n");
		const char *line = p;
		p += len + (p[len] == '\n');
		if (heredoc) {
			heredoc = !(len == 3 && strncmp(line, "EOF", 3) == 0);
			continue;
		}
		if (len > 5 && strncmp(line, "WORK=", 5) == 0 && !c->work) {
			c->work = strndup(line + 5, len - 5);
			continue;
		}
		if (len > 11 && strncmp(line, "host link: ", 11) == 0) {
			golab_lines_add(&c->gcc, &c->n_gcc, line, len);
			continue;
		}
		if (memmem(line, len, "<< 'EOF'", 8)) {
			heredoc = 1;
			continue;
		}
		char *one = strndup(line, len);
		struct golab_words ws = { 0 };
		if (one)
			golab_split(one, c->work, &ws);
		free(one);
		size_t cw = golab_command_word(&ws);
		if (cw < ws.n && strcmp(ws.w[cw], "cd") == 0 && cw + 1 < ws.n) {
			char *to = golab_resolve(g->dir, ws.w[cw + 1]);
			if (strcmp(ws.w[cw + 1], ".") == 0) {
				free(to);
				to = strdup(g->dir);
			}
			if (to) {
				free(cwd);
				cwd = to;
			}
			pending_cd = line;
			pending_len = len;
		} else if (cw < ws.n && golab_is_cc(ws.w[cw])) {
			if (pending_cd)
				golab_lines_add(&c->gcc, &c->n_gcc, pending_cd, pending_len);
			pending_cd = NULL;
			golab_lines_add(&c->gcc, &c->n_gcc, line, len);
			const char *src = ws.w[ws.n - 1], *out = NULL;
			int has_c = 0;
			for (size_t i = cw + 1; i < ws.n; i++) {
				has_c |= strcmp(ws.w[i], "-c") == 0;
				if (strcmp(ws.w[i], "-o") == 0 && i + 1 < ws.n)
					out = ws.w[i + 1];
			}
			size_t sl = strlen(src);
			int cgo2 = sl > 7 && strcmp(src + sl - 7, ".cgo2.c") == 0;
			if (has_c && !t->compile.n && cgo2) {
				t->compile = ws;
				t->compile_dir = strdup(cwd);
				ws = (struct golab_words){ 0 };
			} else if (!has_c && out && !t->link.n && strlen(out) >= 7 &&
				   strcmp(out + strlen(out) - 7, "_cgo_.o") == 0) {
				t->link = ws;
				t->link_dir = strdup(cwd);
				ws = (struct golab_words){ 0 };
			}
		}
		golab_words_free(&ws);
	}
	free(cwd);
}

static int golab_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct golab_file *)a)->name, ((const struct golab_file *)b)->name);
}

/* List what cgo and the go command wrote as source in objdir: C, headers and Go. */
static void golab_list_generated(struct golab_cgo *c)
{
	DIR *d = opendir(c->objdir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		size_t l = strlen(n);
		int is_c = l > 2 && (strcmp(n + l - 2, ".c") == 0 || strcmp(n + l - 2, ".h") == 0);
		int is_go = l > 3 && strcmp(n + l - 3, ".go") == 0;
		if (!is_c && !is_go && strcmp(n, "_cgo_flags") != 0)
			continue;
		struct golab_file *nf = realloc(c->files, (c->n_files + 1) * sizeof *nf);
		if (!nf)
			break;
		c->files = nf;
		struct golab_file *f = &c->files[c->n_files];
		memset(f, 0, sizeof *f);
		f->name = strdup(n);
		if (!f->name)
			break;
		f->is_c = is_c;
		f->size = -1;
		char *path = xfmt("%s/%s", c->objdir, n);
		FILE *in = path ? fopen(path, "r") : NULL;
		if (in) {
			int ch;
			long long size = 0;
			while ((ch = getc(in)) != EOF) {
				size++;
				f->lines += ch == '\n';
			}
			f->size = size;
			fclose(in);
		}
		free(path);
		c->n_files++;
	}
	closedir(d);
	if (c->n_files)
		qsort(c->files, c->n_files, sizeof *c->files, golab_file_cmp);
}

/* Run one stage in objdir; it should make artifact there. */
static void golab_stage(struct golab *g, struct stage_run *s, char **argv, const char *artifact)
{
	struct golab_cgo *c = &g->cgo;
	if (golab_cancelled(g)) {
		s->skip_reason = strdup("the lab was stopped");
		golab_publish(&s->state, RUN_SKIPPED);
		return;
	}
	golab_publish(&s->state, RUN_RUNNING);
	struct proc_opts po = { .cwd = c->objdir, .envp = g->envp,
				.timeout_ms = g->opts.tool_timeout_ms };
	proc_run(argv, &po, &s->proc);
	s->artifact = strdup(artifact);
	char *path = xfmt("%s/%s", c->objdir, artifact);
	struct stat st;
	s->artifact_size = path && stat(path, &st) == 0 ? (long long)st.st_size : -1;
	free(path);
	golab_publish(&s->state, proc_ok(&s->proc) && s->artifact_size >= 0 ? RUN_OK : RUN_FAILED);
}

static void golab_stage_skip(struct stage_run *s, char *why)
{
	s->skip_reason = why ? why : strdup("?");
	golab_publish(&s->state, RUN_SKIPPED);
}

/* The names of the walk: the generated file, its base name and the three artifacts. */
struct golab_names {
	const char *walked, *base, *i, *s, *o;
};

/* The generated C file through the four stages, with the flags go compiled it with. */
static void golab_cgo_walk(struct golab *g, struct golab_trace *t, const struct golab_names *nm)
{
	struct golab_cgo *c = &g->cgo;
	const struct golab_words *cw = &t->compile;
	size_t first = golab_command_word(cw);
	char *base = (char *)nm->base, *o = (char *)nm->o;
	char *go_obj = NULL; /* go's own object for the file, which our .o replaces */
	char *flags[GOLAB_MAX_ARGS];
	size_t nf = 0;
	for (size_t k = first + 1; k < cw->n && nf < GOLAB_MAX_ARGS - 8; k++) {
		if (strcmp(cw->w[k], "-o") == 0 && k + 1 < cw->n) {
			go_obj = cw->w[++k];
			continue;
		}
		if (strcmp(cw->w[k], "-c") == 0 || k == cw->n - 1)
			continue;
		flags[nf++] = cw->w[k];
	}
	char *argv[GOLAB_MAX_ARGS + 8];
	const char *ins[3] = { nm->walked, nm->i, nm->s }, *outs[3] = { nm->i, nm->s, nm->o };
	const char *modes[3] = { "-E", "-S", "-c" };
	int failed = -1;
	for (int st = 0; st < 3; st++) {
		if (failed >= 0) {
			golab_stage_skip(&c->stage[st],
					 xfmt(_("the %s stage did not succeed"),
					      walk_stage_name((enum stage_id)failed)));
			continue;
		}
		size_t n = 0;
		argv[n++] = cw->w[first];
		for (size_t k = 0; k < nf; k++)
			argv[n++] = flags[k];
		argv[n++] = (char *)modes[st];
		argv[n++] = (char *)ins[st];
		argv[n++] = "-o";
		argv[n++] = (char *)outs[st];
		argv[n] = NULL;
		golab_stage(g, &c->stage[st], argv, outs[st]);
		if (walk_state(&c->stage[st]) != RUN_OK)
			failed = st;
	}
	/* The link: go's own link of the package's C objects (its _cgo_.o, which cgo -dynimport
	 * reads for the libraries they need), run in objdir with our object in place of go's. */
	struct stage_run *ln = &c->stage[STAGE_LINK];
	if (failed >= 0) {
		golab_stage_skip(ln, xfmt(_("the %s stage did not succeed"),
					  walk_stage_name((enum stage_id)failed)));
	} else if (!t->link.n) {
		golab_stage_skip(ln, strdup(_("the trace shows no link of the C objects (_cgo_.o)")));
	} else {
		const struct golab_words *lw = &t->link;
		size_t lf = golab_command_word(lw), n = 0;
		char *mine = go_obj ? golab_resolve(t->compile_dir, go_obj) : NULL;
		char *owned[GOLAB_MAX_ARGS];
		size_t nowned = 0;
		argv[n++] = lw->w[lf];
		for (size_t k = lf + 1; k < lw->n && n < GOLAB_MAX_ARGS; k++) {
			const char *wd = lw->w[k];
			if (strcmp(lw->w[k - 1], "-o") == 0) {
				argv[n++] = base;
				continue;
			}
			size_t l = strlen(wd);
			if (wd[0] != '-' && l > 2 && strcmp(wd + l - 2, ".o") == 0) {
				char *abs = golab_resolve(t->link_dir, wd);
				if (abs && mine && strcmp(abs, mine) == 0) {
					argv[n++] = o;
				} else if (abs && strncmp(abs, c->objdir, strlen(c->objdir)) == 0 &&
					   abs[strlen(c->objdir)] == '/') {
					/* inside objdir: by its name, as from there */
					char *name = strdup(abs + strlen(c->objdir) + 1);
					if (name)
						argv[n++] = owned[nowned++] = name;
				} else {
					argv[n++] = (char *)wd;
				}
				free(abs);
				continue;
			}
			argv[n++] = (char *)wd;
		}
		argv[n] = NULL;
		golab_stage(g, ln, argv, base);
		for (size_t k = 0; k < nowned; k++)
			free(owned[k]);
		free(mine);
		if (walk_state(ln) == RUN_OK) {
			char *path = xfmt("%s/%s", c->objdir, base);
			c->link_elf_ok = path && elfinfo_read(path, &c->link_elf) == 0;
			free(path);
		}
	}
}

/* Name the walk after the generated file go compiled, then take it through the stages. */
static void golab_cgo_stages(struct golab *g, struct golab_trace *t)
{
	struct golab_cgo *c = &g->cgo;
	const char *src = t->compile.w[t->compile.n - 1];
	const char *slash = strrchr(src, '/');
	c->walked = strdup(slash ? slash + 1 : src);
	char *base = c->walked ? strndup(c->walked, strlen(c->walked) - 2) : NULL;
	char *i = base ? xfmt("%s.i", base) : NULL, *s = base ? xfmt("%s.s", base) : NULL;
	char *o = base ? xfmt("%s.o", base) : NULL;
	if (i && s && o) {
		struct golab_names nm = { c->walked, base, i, s, o };
		golab_cgo_walk(g, t, &nm);
	} else {
		for (int st = 0; st < STAGE_COUNT; st++)
			golab_stage_skip(&c->stage[st], strdup(_("out of memory")));
	}
	free(base);
	free(i);
	free(s);
	free(o);
}

/* Build cgo.go with go's trace, read the trace, list the generated files, walk one. */
static void golab_cgo(struct golab *g)
{
	struct golab_cgo *c = &g->cgo;
	golab_build(g, &c->build, &golab_cgo_spec);
	struct golab_trace t = { { 0 }, NULL, { 0 }, NULL };
	if (golab_state(&c->build) == RUN_OK || golab_state(&c->build) == RUN_FAILED)
		golab_read_trace(g, &t);
	if (t.compile.n && t.compile_dir)
		c->objdir = strdup(t.compile_dir);
	else if (c->work)
		c->objdir = xfmt("%s/b001", c->work);
	if (c->objdir)
		golab_list_generated(c);
	if (golab_state(&c->build) == RUN_SKIPPED) {
		const char *why = c->build.skip_reason ? c->build.skip_reason : "?";
		for (int st = 0; st < STAGE_COUNT; st++)
			golab_stage_skip(&c->stage[st], strdup(why));
	} else if (!t.compile.n || !c->objdir) {
		for (int st = 0; st < STAGE_COUNT; st++)
			golab_stage_skip(&c->stage[st],
					 xfmt(_("go's trace shows no gcc command for a generated "
						"*.cgo2.c file (%s)"), proc_describe(&c->build.build)));
	} else {
		golab_cgo_stages(g, &t);
	}
	golab_words_free(&t.compile);
	golab_words_free(&t.link);
	free(t.compile_dir);
	free(t.link_dir);
	__atomic_store_n(&c->finished, 1, __ATOMIC_RELEASE);
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
		for (int st = 0; st < STAGE_COUNT; st++)
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

/* --- the commands to run by hand -------------------------------------------------------- */

unsigned golab_part_named(const char *name)
{
	if (strcmp(name, "scenarios") == 0)
		return GOLAB_SCENARIOS;
	if (strcmp(name, "experiments") == 0)
		return GOLAB_EXPERIMENTS;
	if (strcmp(name, "cgo-stages") == 0)
		return GOLAB_CGO;
	return 0;
}

static void golab_put_builds(FILE *f, const struct golab_spec *specs, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char *line = golab_command(&specs[k], "go");
		fprintf(f, "%s\n", line ? line : "?");
		free(line);
	}
	fprintf(f, "for p in");
	for (size_t k = 0; k < n; k++)
		fprintf(f, " %s", specs[k].name);
	fprintf(f, "; do\n  ls -l $p; readelf -l $p | grep INTERP; ldd ./$p\n"
		   "  ./$p; echo \"exit status $?\"\n"
		   "  mkdir -p root-$p && cp $p root-$p/ && unshare -r chroot root-$p /$p\n"
		   "done\n");
}

char *golab_commands(const char *godir, unsigned part)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	if (!golab_have_go(NULL)) {
		fputs("# ", f);
		fprintf(f, _("the go command is not installed here; on Debian: apt-get install %s"),
			GOLAB_PACKAGE);
		fputc('\n', f);
	}
	fprintf(f, "cd %s\n", godir);
	if (part & GOLAB_SCENARIOS)
		golab_put_builds(f, &golab_cell_specs[0][0], GOLAB_STD_COUNT * GOLAB_CODE_COUNT);
	if (part & GOLAB_EXPERIMENTS) {
		golab_put_builds(f, golab_exp_specs, GOLAB_EXP_COUNT);
		fprintf(f, "readelf -h %s | grep Type\n", golab_exp_specs[GOLAB_EXP_PIE].name);
	}
	if (part & GOLAB_CGO) {
		char *line = golab_command(&golab_cgo_spec, "go");
		/* the commands as they are; the shell comments between them are sentences */
		fprintf(f, "WORK=$(%s 2>&1 | tee build.log | sed -n 's/^WORK=//p')\n",
			line ? line : "?");
		fprintf(f, "# %s\n", _("a second build finds the package in go's cache and runs no "
				      "cgo step: add -a"));
		fprintf(f, "grep -E '^cd |gcc|host link' build.log\n"
			   "cd \"$WORK/b001\" && ls\n");
		fprintf(f, "# %s\n", _("each stage with the flags of go's own gcc command for "
				      "cgo.cgo2.c, e.g."));
		fprintf(f, "gcc -I . -fPIC -m64 -pthread -O2 -g -E cgo.cgo2.c -o cgo.cgo2.i\n"
			   "gcc -fPIC -m64 -pthread -O2 -g -S cgo.cgo2.i -o cgo.cgo2.s\n"
			   "gcc -fPIC -m64 -pthread -O2 -g -c cgo.cgo2.s -o cgo.cgo2.o\n");
		fprintf(f, "# %s\n", _("go's link of the C objects into _cgo_.o, with cgo.cgo2.o in "
				      "place of its own"));
		fprintf(f, "gcc -fPIC -m64 -pthread -o cgo.cgo2 _cgo_main.o _x001.o cgo.cgo2.o\n"
			   "readelf -d cgo.cgo2 | grep NEEDED\n");
		free(line);
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* --- the plain-text account -------------------------------------------------------------- */

/* A short status: "exit 2", "SIGTRAP", "timed out"; for a Go program that died of a
 * signal it caught and reported (the runtime exits 2 then), the signal it named. */
static void golab_put_status(FILE *f, const struct proc_result *p)
{
	const char *sig = p->err ? strstr(p->err, "[signal SIG") : NULL;
	switch (p->kind) {
	case PROC_EXITED:
		if (p->exit_code != 0 && sig) {
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)strcspn(sig + 8, ": ]"), sig + 8);
			/* TRANSLATORS: a Go program's exit status and the signal its runtime named */
			fprintf(f, _("exit %1$d (%2$s)"), p->exit_code, name);
		} else {
			fprintf(f, _("exit %d"), p->exit_code);
		}
		break;
	case PROC_SIGNALED:
		fprintf(f, "SIG%s", sigabbrev_np(p->signo) ? sigabbrev_np(p->signo) : "?");
		break;
	case PROC_TIMED_OUT:
		fputs(_("timed out"), f);
		break;
	case PROC_SPAWN_FAILED:
		fputs(_("not started"), f);
		break;
	}
}

/* Up to max lines of text, each after indent; then how many were left out. */
static void golab_put_lines(FILE *f, const char *text, size_t len, const char *indent, size_t max)
{
	size_t shown = 0, total = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		size_t l = strcspn(p, "\n");
		if (p + l > end)
			l = (size_t)(end - p);
		if (shown < max) {
			fprintf(f, "%s%.*s\n", indent, (int)l, p);
			shown++;
		}
		total++;
		p += l + 1;
	}
	if (total > shown)
		fprintf(f, ngettext("%1$s(%2$zu more line)\n", "%1$s(%2$zu more lines)\n",
				    total - shown), indent, total - shown);
}

/* A program's run: the command, its status, and the start of what it printed. */
static void golab_put_run(FILE *f, const char *label, const struct proc_result *p)
{
	char *cmd = p->argv ? proc_argv_string(p->argv) : NULL;
	fprintf(f, "  %-11s $ %s: ", label, cmd ? cmd : "?");
	free(cmd);
	golab_put_status(f, p);
	fputc('\n', f);
	if (p->out_len)
		golab_put_lines(f, p->out, p->out_len, "      ", 8);
	if (p->err_len)
		golab_put_lines(f, p->err, p->err_len, "      ", 6);
	if (!p->out_len && !p->err_len)
		fprintf(f, "      %s\n", _("(it printed nothing)"));
}

static void golab_put_facts(FILE *f, const struct golab_build *b);

/* A build: its command, everything go printed, and what the program is and does. */
static void golab_put_build(FILE *f, const struct golab_build *b)
{
	fprintf(f, "$ %s\n", b->command ? b->command : "?");
	enum run_state st = golab_state(b);
	if (st == RUN_SKIPPED || st == RUN_PENDING || st == RUN_RUNNING) {
		fprintf(f, _("(not built: %s)"), b->skip_reason ? b->skip_reason : _("not finished"));
		fputc('\n', f);
		return;
	}
	const struct proc_result *p = &b->build;
	if (p->out_len)
		golab_put_lines(f, p->out, p->out_len, "", (size_t)-1);
	if (p->err_len)
		golab_put_lines(f, p->err, p->err_len, "", (size_t)-1);
	if (!p->out_len && !p->err_len)
		fprintf(f, "%s\n", _("(go build printed nothing)"));
	if (st != RUN_OK) {
		fprintf(f, _("(go build: %s; no program)"), proc_describe(p));
		fputc('\n', f);
		return;
	}
	golab_put_facts(f, b);
}

/* What a built program is: size, ELF facts, ldd, its run and its run in an empty root. */
static void golab_put_facts(FILE *f, const struct golab_build *b)
{
	/* a label a row, padded to 11 columns (ELF, INTERP, NEEDED and ldd are names) */
	fprintf(f, "  %-11s ", _("program"));
	fprintf(f, ngettext("%1$s, %2$lld byte", "%1$s, %2$lld bytes", (unsigned long)b->size),
		b->name, b->size);
	fputc('\n', f);
	if (b->elf_ok) {
		fprintf(f, "  %-11s %s; ", "ELF", elfinfo_kind_label(&b->elf));
		if (b->elf.interp)
			fprintf(f, "INTERP %s", b->elf.interp);
		else
			fputs(_("no INTERP"), f);
		for (size_t i = 0; i < b->elf.n_needed; i++)
			fprintf(f, "%s%s", i ? ", " : "; NEEDED ", b->elf.needed[i]);
		fputc('\n', f);
	} else {
		fprintf(f, "  %-11s %s\n", "ELF", b->elf.error[0] ? b->elf.error : _("not read"));
	}
	char *cmd = b->ldd.argv ? proc_argv_string(b->ldd.argv) : NULL;
	fprintf(f, "  %-11s $ %s\n", "ldd", cmd ? cmd : "?");
	free(cmd);
	/* ldd prints its list with a tab before each line */
	for (int s = 0; s < 2; s++) {
		const char *t = s ? b->ldd.err : b->ldd.out;
		for (const char *q = t; q && *q;) {
			size_t l = strcspn(q, "\n");
			const char *w = q;
			while (*w == '\t' || *w == ' ')
				w++;
			if (w < q + l)
				fprintf(f, "      %.*s\n", (int)(q + l - w), w);
			q += l + (q[l] == '\n');
		}
	}
	golab_put_run(f, _("run"), &b->run);
	if (b->empty_root_ran) {
		golab_put_run(f, _("empty root"), &b->empty_root);
	} else {
		fprintf(f, "  %-11s ", _("empty root"));
		fprintf(f, _("not tried: %s"), b->empty_root_note ? b->empty_root_note : "?");
		fputc('\n', f);
	}
}

/* One row of a summary table. */
static void golab_put_row(FILE *f, const char *lead, const struct golab_build *b)
{
	fprintf(f, "%s%-13s ", lead, b->name);
	if (golab_state(b) != RUN_OK) {
		fprintf(f, "%s\n", golab_state(b) == RUN_FAILED ? _("go build failed") :
			_("not built"));
		return;
	}
	int st = golab_is_static(b);
	fprintf(f, "%-8s %-9lld ", st < 0 ? "?" : st ? _("static") : _("dynamic"), b->size);
	char *run = NULL, *root = NULL;
	size_t len;
	FILE *m = open_memstream(&run, &len);
	if (m) {
		golab_put_status(m, &b->run);
		fclose(m);
	}
	m = open_memstream(&root, &len);
	if (m) {
		if (b->empty_root_ran)
			golab_put_status(m, &b->empty_root);
		else
			fputs(_("not tried"), m);
		fclose(m);
	}
	fprintf(f, "%-17s %s\n", run ? run : "?", root ? root : "?");
	free(run);
	free(root);
}

static void golab_put_scenarios(FILE *f, const struct golab *g)
{
	/* (cgo and NSS are names) */
	static const char *const lib[GOLAB_STD_COUNT] = { "cgo", N_("pure Go") };
	static const char *const code[GOLAB_CODE_COUNT] = { "NSS", N_("no NSS"), N_("none") };
	fprintf(f, _("Each program built with -ldflags '-extldflags -static', which asks for a "
		     "static one;\nthe pure-Go standard library with -tags %s."), GOLAB_TAGS);
	fputs("\n\n", f);
	fprintf(f, "%-4s %-8s %-9s %-13s %-8s %-9s %-17s %s\n", _("case"), _("library"),
		_("your cgo"), _("program"), "ELF", _("bytes"), _("run"), _("empty root"));
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int c = 0; c < GOLAB_CODE_COUNT; c++) {
			char lead[80];
			snprintf(lead, sizeof lead, "%-4d %-8s %-9s ", r * GOLAB_CODE_COUNT + c + 1,
				 _(lib[r]), _(code[c]));
			golab_put_row(f, lead, &g->cell[r][c]);
		}
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int c = 0; c < GOLAB_CODE_COUNT; c++) {
			fputc('\n', f);
			/* TRANSLATORS: a case's number, its two titles and its sample */
			fprintf(f, _("%1$d. %2$s; %3$s (%4$s)"), r * GOLAB_CODE_COUNT + c + 1,
				golab_std_title((enum golab_std)r), golab_code_title((enum golab_code)c),
				g->cell[r][c].source);
			fputc('\n', f);
			golab_put_build(f, &g->cell[r][c]);
		}
}

static void golab_put_experiments(FILE *f, const struct golab *g)
{
	fprintf(f, "%-4s %-13s %-8s %-9s %-17s %s\n", _("exp"), _("program"), "ELF", _("bytes"),
		_("run"), _("empty root"));
	for (int e = 0; e < GOLAB_EXP_COUNT; e++) {
		char lead[16];
		if (e == GOLAB_EXP_PIE)
			snprintf(lead, sizeof lead, "%-4s ", "pie");
		else
			snprintf(lead, sizeof lead, "%-4d ", e + 1);
		golab_put_row(f, lead, &g->exp[e]);
	}
	for (int e = 0; e < GOLAB_EXP_COUNT; e++) {
		fprintf(f, "\n%s\n", golab_exp_title((enum golab_exp)e));
		golab_put_build(f, &g->exp[e]);
	}
}

/* A command line with the work directory written as $WORK, as go's trace writes it. */
static void golab_put_argv(FILE *f, const struct golab_cgo *c, char *const *argv)
{
	char *line = argv ? proc_argv_string(argv) : NULL;
	const char *p = line ? line : "?";
	size_t wl = c->work ? strlen(c->work) : 0;
	fputs("$ ", f);
	while (*p) {
		if (wl && strncmp(p, c->work, wl) == 0) {
			fputs("$WORK", f);
			p += wl;
		} else {
			fputc(*p++, f);
		}
	}
	fputc('\n', f);
	free(line);
}

/* Lines and bytes of a file in objdir. */
static void golab_put_size(FILE *f, const struct golab_cgo *c, const char *name)
{
	char *path = xfmt("%s/%s", c->objdir, name);
	FILE *in = path ? fopen(path, "r") : NULL;
	size_t lines = 0, bytes = 0;
	int ch;
	while (in && (ch = getc(in)) != EOF) {
		bytes++;
		lines += ch == '\n';
	}
	if (in)
		fclose(in);
	free(path);
	char nl[64], nb[64];
	snprintf(nl, sizeof nl, ngettext("%zu line", "%zu lines", lines), lines);
	snprintf(nb, sizeof nb, ngettext("%zu byte", "%zu bytes", bytes), bytes);
	fputs("  ", f);
	/* TRANSLATORS: a file, its lines and its bytes */
	fprintf(f, _("%1$s: %2$s, %3$s"), name, nl, nb);
	fputc('\n', f);
}

/* objdir as go's trace writes it, after $WORK ("/b001"); all of it when it is elsewhere. */
static const char *golab_in_work(const struct golab_cgo *c)
{
	size_t wl = c->work ? strlen(c->work) : 0;
	if (!c->objdir)
		return "";
	if (wl && strncmp(c->objdir, c->work, wl) == 0)
		return c->objdir + wl;
	return c->objdir;
}

/* Inside the walked file: where its parts come from (its #line directives) and the wrapper
 * cgo wrote for each C function the Go code calls. */
static void golab_put_generated(FILE *f, const struct golab_cgo *c)
{
	char *path = c->objdir && c->walked ? xfmt("%s/%s", c->objdir, c->walked) : NULL;
	FILE *in = path ? fopen(path, "r") : NULL;
	free(path);
	if (!in)
		return;
	char line[1024];
	size_t nline = 0, nwrap = 0;
	char *wraps = NULL;
	size_t wlen = 0;
	FILE *w = open_memstream(&wraps, &wlen);
	fputc('\n', f);
	fprintf(f, _("In %s, the #line directives say where each part comes from:"), c->walked);
	fputc('\n', f);
	while (fgets(line, sizeof line, in)) {
		nline++;
		if (strncmp(line, "#line ", 6) == 0)
			fprintf(f, "  %5zu: %s", nline, line);
		else if (w && strncmp(line, "_cgo_", 5) == 0 && strstr(line, "_Cfunc_") &&
			 strchr(line, '(')) {
			fprintf(w, "  %5zu: %s", nline, line);
			nwrap++;
		}
	}
	fclose(in);
	if (w && fclose(w) == 0 && nwrap)
		fprintf(f, "%s\n%s", _("and the wrappers it holds, one for each C function the Go "
				     "code calls:"), wraps);
	free(wraps);
}

static void golab_put_cgo(FILE *f, const struct golab *g)
{
	const struct golab_cgo *c = &g->cgo;
	const struct golab_build *b = &c->build;
	fprintf(f, "$ %s\n", b->command ? b->command : "?");
	if (golab_state(b) == RUN_SKIPPED) {
		fprintf(f, _("(not built: %s)"), b->skip_reason ? b->skip_reason : "?");
		fputc('\n', f);
		return;
	}
	size_t lines = 0;
	for (size_t i = 0; i < b->build.err_len; i++)
		lines += b->build.err[i] == '\n';
	fprintf(f, ngettext("(%1$s; the trace, on stderr, has %2$zu line)",
			    "(%1$s; the trace, on stderr, has %2$zu lines)", lines),
		proc_describe(&b->build), lines);
	fputc('\n', f);
	if (c->work)
		fprintf(f, "WORK=%s\n", c->work);
	if (c->n_files) {
		fputc('\n', f);
		fprintf(f, _("What cgo wrote for the package in $WORK%s:"), golab_in_work(c));
		fputc('\n', f);
		for (int want_c = 1; want_c >= 0; want_c--)
			for (size_t i = 0; i < c->n_files; i++) {
				const struct golab_file *x = &c->files[i];
				if (x->is_c != want_c)
					continue;
				/* columns: the language, the name, bytes and lines aligned */
				fprintf(f, "  %-4s %-18s ", want_c ? "C" : "Go", x->name);
				fprintf(f, ngettext("%6lld byte", "%6lld bytes", (unsigned long)x->size),
					x->size);
				fputc(' ', f);
				fprintf(f, ngettext("%5zu line", "%5zu lines", x->lines), x->lines);
				fputc('\n', f);
			}
	}
	golab_put_generated(f, c);
	if (c->n_gcc) {
		fprintf(f, "\n%s\n", _("The C compiler in the trace (a command ending in \"|| true\" "
				      "asks gcc whether it takes a flag):"));
		for (size_t i = 0; i < c->n_gcc; i++)
			fprintf(f, "%s\n", c->gcc[i]);
	}
	fputc('\n', f);
	if (c->walked)
		fprintf(f, _("%1$s through the four stages, in $WORK%2$s, with go's flags for it:"),
			c->walked, golab_in_work(c));
	else
		fprintf(f, _("the generated C file through the four stages, in $WORK%s, with go's "
			     "flags for it:"), golab_in_work(c));
	fputc('\n', f);
	for (int st = 0; st < STAGE_COUNT; st++) {
		const struct stage_run *s = &c->stage[st];
		fprintf(f, "\n%s\n", walk_stage_title((enum stage_id)st));
		if (walk_state(s) == RUN_SKIPPED) {
			fputs("  ", f);
			fprintf(f, _("(not run: %s)"), s->skip_reason ? s->skip_reason : "?");
			fputc('\n', f);
			continue;
		}
		golab_put_argv(f, c, s->proc.argv);
		if (s->proc.err_len)
			golab_put_lines(f, s->proc.err, s->proc.err_len, "  ", 20);
		if (walk_state(s) != RUN_OK) {
			fprintf(f, "  (%s)\n", proc_describe(&s->proc));
			continue;
		}
		if (st == STAGE_PREPROCESS || st == STAGE_COMPILE) {
			golab_put_size(f, c, s->artifact);
		} else if (st == STAGE_ASSEMBLE) {
			struct elfinfo e;
			char *path = xfmt("%s/%s", c->objdir, s->artifact);
			if (path && elfinfo_read(path, &e) == 0) {
				fputs("  ", f);
				fprintf(f, ngettext("%1$s: %2$s, %3$lld byte", "%1$s: %2$s, %3$lld bytes",
						    (unsigned long)s->artifact_size), s->artifact,
					elfinfo_kind_label(&e), s->artifact_size);
				fputc('\n', f);
				elfinfo_free(&e);
			}
			free(path);
		} else {
			const struct elfinfo *e = &c->link_elf;
			unsigned long n = (unsigned long)s->artifact_size;
			fputs("  ", f);
			if (c->link_elf_ok)
				fprintf(f, ngettext("%1$s: %2$lld byte, %3$s", "%1$s: %2$lld bytes, %3$s",
						    n), s->artifact, s->artifact_size,
					elfinfo_kind_label(e));
			else
				fprintf(f, ngettext("%1$s: %2$lld byte", "%1$s: %2$lld bytes", n),
					s->artifact, s->artifact_size);
			if (c->link_elf_ok) {
				for (size_t i = 0; i < e->n_needed; i++)
					fprintf(f, "%s%s", i ? ", " : "; NEEDED ", e->needed[i]);
			}
			fputc('\n', f);
		}
	}
	if (golab_state(b) == RUN_OK) {
		fprintf(f, "\n%s\n", _("The program go built:"));
		golab_put_facts(f, b);
	}
	/* What go learned from its own link of these objects. */
	char *imp = c->objdir ? xfmt("%s/_cgo_import.go", c->objdir) : NULL;
	FILE *in = imp ? fopen(imp, "r") : NULL;
	if (in) {
		char line[512];
		int first = 1;
		while (fgets(line, sizeof line, in)) {
			if (strncmp(line, "//go:cgo_import_dynamic", 23) != 0)
				continue;
			if (first) {
				fputc('\n', f);
				fprintf(f, _("What cgo -dynimport read from go's own _cgo_.o "
					     "($WORK%s/_cgo_import.go):"), golab_in_work(c));
				fputc('\n', f);
			}
			first = 0;
			fputs(line, f);
		}
		fclose(in);
	}
	free(imp);
}

char *golab_text(const struct golab *g, enum golab_part part)
{
	if (!golab_part_finished(g, part))
		return NULL;
	char *out = NULL;
	size_t len = 0;
	if (g->no_go)
		return xfmt(_("Not measured: %s.\n"), g->no_go);
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	const struct proc_result *v = &g->version;
	if (v->out_len)
		fprintf(f, "%s%s", v->out, v->out[v->out_len - 1] == '\n' ? "" : "\n");
	if (part == GOLAB_SCENARIOS)
		golab_put_scenarios(f, g);
	else if (part == GOLAB_EXPERIMENTS)
		golab_put_experiments(f, g);
	else if (part == GOLAB_CGO)
		golab_put_cgo(f, g);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
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
	for (int st = 0; st < STAGE_COUNT; st++) {
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
