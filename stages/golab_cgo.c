/* golab_cgo: the Go lab's cgo experiment. cgo.go built with `go build -work -x -ldflags=-v`:
 * go's trace read for the C compiler's commands and the link of the C objects, the files cgo
 * generated listed, and one generated C file (NAME.cgo2.c) taken through gcc's four stages
 * with go's own flags, the last being go's own link of the C objects with ours in place of
 * its object.
 *
 * Contract: golab_cgo() runs on a worker of the lab (stages/golab.c), fills g->cgo and
 * publishes it (finished, release) when done, also when a stage fails or is skipped; it
 * runs nothing once the lab is cancelled. Each skipped stage says why, in a sentence.
 */
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
#include "stages/golab_int.h"

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
		FILE *in = path ? fopen(path, "re") : NULL;
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

void golab_stage_skip(struct stage_run *s, char *why)
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
		for (int st = 0; st < GOLAB_CGO_STAGES; st++)
			golab_stage_skip(&c->stage[st], strdup(_("out of memory")));
	}
	free(base);
	free(i);
	free(s);
	free(o);
}

/* Build cgo.go with go's trace, read the trace, list the generated files, walk one. */
void golab_cgo(struct golab *g)
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
		for (int st = 0; st < GOLAB_CGO_STAGES; st++)
			golab_stage_skip(&c->stage[st], strdup(why));
	} else if (!t.compile.n || !c->objdir) {
		for (int st = 0; st < GOLAB_CGO_STAGES; st++)
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
