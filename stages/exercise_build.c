/* exercise_build: an exercise's build file read, its build steps run in the walk directory,
 * and the walk's options filled from it. See exercise.h and exercise_int.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/exercise.h"
#include "stages/exercise_int.h"
#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/linkargs.h"
#include "stages/proc.h"
#include "stages/xfmt.h"

#define EXERCISE_BUILD_MAX (64 * 1024)
#define EXERCISE_TOOL_MS 60000

/* Append the n words v (copied) to *list. */
static int exercise_build_add(char ***list, size_t *len, char *const *v, size_t n)
{
	char **l = realloc(*list, (*len + n + 1) * sizeof *l);
	if (!l)
		return -1;
	*list = l;
	for (size_t i = 0; i < n; i++) {
		if (!(l[*len] = strdup(v[i])))
			return -1;
		l[++*len] = NULL;
	}
	return 0;
}

/* A file name the build file may give: relative, inside the exercise's directory. */
static int exercise_build_name_ok(const char *s)
{
	if (!*s || s[0] == '/' || s[0] == '-')
		return 0;
	for (const char *p = s; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return 1;
}

/* An output's name: a plain file name that ends as the kind's does. */
static int exercise_build_out_ok(enum exercise_step_kind k, const char *s)
{
	size_t n = strlen(s);
	if (!n || strchr(s, '/') || s[0] == '-' || s[0] == '.')
		return 0;
	if (k == EXB_ARCHIVE)
		return n > 2 && strcmp(s + n - 2, ".a") == 0;
	return strstr(s, ".so") && (strcmp(s + n - 3, ".so") == 0 || strstr(s, ".so.") != NULL);
}

int exercise_build_parse(const char *text, const char *file, struct exercise_build *b,
			 char *err, size_t errlen)
{
	memset(b, 0, sizeof *b);
	char *copy = strdup(text ? text : "");
	char werr[200];
	int lineno = 0, rc = -1;
	if (!copy)
		goto nomem;
	for (char *l = copy; l; ) {
		char *nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		char *line = l;
		l = nl ? nl + 1 : NULL;
		lineno++;
		char **w = NULL;
		size_t n = 0;
		char *colon = NULL;
		/* the key: the first word, ending in ':' (or followed by one) */
		char *t = line + strspn(line, " \t\r");
		if (!*t || *t == '#')
			continue;
		colon = strchr(t, ':');
		size_t klen = colon ? (size_t)(colon - t) : 0;
		while (klen && (t[klen - 1] == ' ' || t[klen - 1] == '\t'))
			klen--;
		if (!colon || !klen || strcspn(t, " \t") < klen) {
			snprintf(err, errlen, _("%1$s:%2$d: a line of a build file is \"key: "
						"values\" (sources, cflags, link, archive or "
						"shared)"), file, lineno);
			goto out;
		}
		char key[16];
		snprintf(key, sizeof key, "%.*s", (int)(klen < 15 ? klen : 15), t);
		if (klen > 15)
			key[0] = '\0';
		if (exercise_words(colon + 1, &w, &n, werr, sizeof werr) < 0) {
			snprintf(err, errlen, _("%1$s:%2$d: %3$s"), file, lineno, werr);
			goto out;
		}
		int ok = 0;
		if (strcmp(key, "sources") == 0) {
			for (size_t i = 0; i < n; i++) {
				size_t len = strlen(w[i]);
				if (!exercise_build_name_ok(w[i]) || len < 3 ||
				    strcmp(w[i] + len - 2, ".c") != 0) {
					snprintf(err, errlen, _("%1$s:%2$d: \"%3$s\" is not a C source "
								"of the exercise's directory (a "
								"name ending in .c, with no / in "
								"front and no ..)"), file, lineno,
						 w[i]);
					exercise_words_free(w);
					goto out;
				}
			}
			ok = exercise_build_add(&b->sources, &b->n_sources, w, n) == 0;
		} else if (strcmp(key, "cflags") == 0 || strcmp(key, "link") == 0) {
			/* a compile flag goes to gcc -E, -S and -c alike, a link argument to every
			 * link: neither may choose where they write or what they make */
			struct linkargs_bad bad;
			enum linkargs_why why = linkargs_check(w, n, &bad);
			if (why != LINKARGS_OK) {
				char arg[200], msg[400];
				snprintf(arg, sizeof arg, "'%s'", w[bad.at]);
				linkargs_say(why, arg, msg, sizeof msg);
				snprintf(err, errlen, _("%1$s:%2$d: %3$s"), file, lineno, msg);
				exercise_words_free(w);
				goto out;
			}
			ok = key[0] == 'c' ? exercise_build_add(&b->cflags, &b->n_cflags, w, n) == 0 :
					     exercise_build_add(&b->link, &b->n_link, w, n) == 0;
		} else if (strcmp(key, "go") == 0) {
			/* go build's arguments: exercise_go_static() refuses those it may not run */
			b->has_go = 1;
			ok = exercise_build_add(&b->go, &b->n_go, w, n) == 0;
		} else if (strcmp(key, "archive") == 0 || strcmp(key, "shared") == 0) {
			enum exercise_step_kind k = key[0] == 'a' ? EXB_ARCHIVE : EXB_SHARED;
			if (n < 2 || !exercise_build_out_ok(k, w[0])) {
				if (k == EXB_ARCHIVE)
					snprintf(err, errlen, _("%1$s:%2$d: archive takes the archive's "
								"file name (libNAME.a) and its C "
								"sources"), file, lineno);
				else
					snprintf(err, errlen, _("%1$s:%2$d: shared takes the library's "
								"file name (libNAME.so) and its C "
								"sources, then any -flags"), file,
						 lineno);
				exercise_words_free(w);
				goto out;
			}
			struct exercise_step *s = realloc(b->steps, (b->n_steps + 1) * sizeof *s);
			if (!s) {
				exercise_words_free(w);
				goto nomem;
			}
			b->steps = s;
			s = &s[b->n_steps++];
			memset(s, 0, sizeof *s);
			s->kind = k;
			s->line = lineno;
			s->out = strdup(w[0]);
			ok = s->out != NULL;
			for (size_t i = 1; ok && i < n; i++) {
				int flag = w[i][0] == '-';
				if (!flag && (s->n_flags || !exercise_build_name_ok(w[i]))) {
					snprintf(err, errlen, _("%1$s:%2$d: \"%3$s\" is not a source of "
								"the exercise's directory, or comes "
								"after a -flag (the sources come "
								"first)"), file, lineno, w[i]);
					exercise_words_free(w);
					goto out;
				}
				ok = flag ?
				     exercise_build_add(&s->flags, &s->n_flags, &w[i], 1) == 0 :
				     exercise_build_add(&s->srcs, &s->n_srcs, &w[i], 1) == 0;
			}
			if (ok && !s->n_srcs) {
				snprintf(err, errlen, _("%1$s:%2$d: %3$s names no source"), file,
					 lineno, s->out);
				exercise_words_free(w);
				goto out;
			}
			/* a flag must not make the step write elsewhere or make something else */
			struct linkargs_bad bad;
			enum linkargs_why why = ok ? linkargs_check(s->flags, s->n_flags, &bad) :
					       LINKARGS_OK;
			if (why != LINKARGS_OK && !(why == LINKARGS_KIND &&
						    strcmp(s->flags[bad.at], "-shared") == 0)) {
				char arg[200], msg[400];
				snprintf(arg, sizeof arg, "'%s'", s->flags[bad.at]);
				linkargs_say(why, arg, msg, sizeof msg);
				snprintf(err, errlen, _("%1$s:%2$d: %3$s"), file, lineno, msg);
				exercise_words_free(w);
				goto out;
			}
		} else {
			snprintf(err, errlen, _("%1$s:%2$d: unknown key \"%3$.*4$s\" (the keys are "
						"sources, cflags, link, archive and shared)"), file,
				 lineno, t, (int)klen);
			exercise_words_free(w);
			goto out;
		}
		exercise_words_free(w);
		if (!ok)
			goto nomem;
	}
	if (!b->n_sources) {
		char *def[] = { "main.c" };
		if (exercise_build_add(&b->sources, &b->n_sources, def, 1) < 0)
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	snprintf(err, errlen, _("out of memory"));
out:
	free(copy);
	if (rc < 0)
		exercise_build_free(b);
	return rc;
}

void exercise_build_free(struct exercise_build *b)
{
	exercise_words_free(b->sources);
	exercise_words_free(b->cflags);
	exercise_words_free(b->link);
	exercise_words_free(b->go);
	for (size_t i = 0; i < b->n_steps; i++) {
		free(b->steps[i].out);
		exercise_words_free(b->steps[i].srcs);
		exercise_words_free(b->steps[i].flags);
	}
	free(b->steps);
	memset(b, 0, sizeof *b);
}

/* What exercise_prep.owned holds. */
struct exercise_owned {
	struct exercise_build b;
	char **extra;      /* the other sources, absolute */
	size_t n_extra;
};

/* Record one more step's run in p; the record, or NULL when memory ran out. */
static struct proc_result *exercise_step_slot(struct exercise_prep *p)
{
	struct proc_result *r = realloc(p->steps, (p->n_steps + 1) * sizeof *r);
	if (!r)
		return NULL;
	p->steps = r;
	memset(&r[p->n_steps], 0, sizeof *r);
	return &r[p->n_steps++];
}

/* The base name of an object of an archive step: SRC's, or LIB-SRC's when the walk makes an
 * object of that name itself. */
static char *exercise_step_obj(const struct exercise_build *b, const struct exercise_step *s,
			       const char *src)
{
	char *base = files_base(src);
	if (!base)
		return NULL;
	int taken = 0;
	for (size_t i = 0; i < b->n_sources && !taken; i++) {
		char *o = files_base(b->sources[i]);
		taken = o && strcmp(o, base) == 0;
		free(o);
	}
	size_t ol = strlen(s->out);
	char *obj = taken ? xfmt("%.*s-%s.o", (int)(ol - 2), s->out, base) : xfmt("%s.o", base);
	free(base);
	return obj;
}

/* Run one step's commands in walkdir: 0, or -1 with p->step_error set (or err for no
 * memory). */
static int exercise_run_step(const struct exercise_build *b, const struct exercise_step *s,
			     const char *dir, const char *walkdir, const char *bfile,
			     struct exercise_prep *p)
{
	struct proc_opts po = { .cwd = walkdir, .timeout_ms = EXERCISE_TOOL_MS };
	size_t cap = b->n_cflags + s->n_flags + s->n_srcs + 12;
	char **argv = calloc(cap, sizeof *argv);
	char **objs = calloc(s->n_srcs + 1, sizeof *objs);
	char **abs = calloc(s->n_srcs + 1, sizeof *abs);
	int rc = -2;
	if (!argv || !objs || !abs)
		goto out;
	for (size_t i = 0; i < s->n_srcs; i++)
		if (!(abs[i] = xfmt("%s/%s", dir, s->srcs[i])))
			goto out;
	struct proc_result *r = NULL;
	/* a walk directory used again (watch mode) must not keep an earlier archive's members */
	char *old = xfmt("%s/%s", walkdir, s->out);
	if (!old)
		goto out;
	unlink(old);
	free(old);
	if (s->kind == EXB_SHARED) {
		size_t n = 0;
		argv[n++] = "gcc";
		argv[n++] = "-shared";
		argv[n++] = "-fPIC";
		for (size_t i = 0; i < b->n_cflags; i++)
			argv[n++] = b->cflags[i];
		for (size_t i = 0; i < s->n_srcs; i++)
			argv[n++] = abs[i];
		for (size_t i = 0; i < s->n_flags; i++)
			argv[n++] = s->flags[i];
		argv[n++] = "-o";
		argv[n++] = s->out;
		argv[n] = NULL;
		if (!(r = exercise_step_slot(p)))
			goto out;
		proc_run(argv, &po, r);
	} else {
		for (size_t k = 0; k < s->n_srcs; k++) {
			if (!(objs[k] = exercise_step_obj(b, s, s->srcs[k])))
				goto out;
			size_t n = 0;
			argv[n++] = "gcc";
			argv[n++] = "-c";
			for (size_t i = 0; i < b->n_cflags; i++)
				argv[n++] = b->cflags[i];
			for (size_t i = 0; i < s->n_flags; i++)
				argv[n++] = s->flags[i];
			argv[n++] = abs[k];
			argv[n++] = "-o";
			argv[n++] = objs[k];
			argv[n] = NULL;
			if (!(r = exercise_step_slot(p)))
				goto out;
			if (proc_run(argv, &po, r) != 0)
				break;
		}
		if (proc_ok(r)) {
			size_t n = 0;
			argv[n++] = "ar";
			argv[n++] = "rcs";
			argv[n++] = s->out;
			for (size_t k = 0; k < s->n_srcs; k++)
				argv[n++] = objs[k];
			argv[n] = NULL;
			if (!(r = exercise_step_slot(p)))
				goto out;
			proc_run(argv, &po, r);
		}
	}
	rc = 0;
	if (!proc_ok(r)) {
		char *first = exercise_first_message(r->err, r->err_len, dir, walkdir);
		char *cmd = proc_argv_string(r->argv);
		char *tidy = cmd ? exercise_tidy(cmd, dir, walkdir) : NULL;
		p->step_error = first ? xfmt(_("%1$s:%2$d: %3$s failed (%4$s): %5$s"), bfile,
					     s->line, tidy ? tidy : "?", proc_describe(r), first) :
				xfmt(_("%1$s:%2$d: %3$s failed (%4$s)"), bfile, s->line,
				     tidy ? tidy : "?", proc_describe(r));
		free(first);
		free(cmd);
		free(tidy);
		rc = p->step_error ? -1 : -2;
	}
out:
	for (size_t i = 0; objs && i < s->n_srcs; i++)
		free(objs[i]);
	for (size_t i = 0; abs && i < s->n_srcs; i++)
		free(abs[i]);
	free(objs);
	free(abs);
	free(argv);
	return rc;
}

int exercise_prepare(const struct exercise *e, const char *dir, const char *walkdir,
		     struct exercise_prep *p, char *err, size_t errlen)
{
	(void)e;
	memset(p, 0, sizeof *p);
	/* the steps run in the walk directory: the exercise's files are named absolutely; the
	 * messages name the build file as the learner named its directory */
	char *real = realpath(dir, NULL);
	if (!real) {
		snprintf(err, errlen, _("cannot use %1$s: %2$s"), dir, strerror(errno));
		return -1;
	}
	char *bfile = xfmt("%s/build", dir);
	dir = real;
	struct exercise_owned *o = calloc(1, sizeof *o);
	char *text = NULL;
	int rc = -1;
	if (!o || !bfile) {
		snprintf(err, errlen, _("out of memory"));
		goto out;
	}
	p->owned = o;
	size_t len;
	text = files_slurp(bfile, EXERCISE_BUILD_MAX, &len, NULL);
	if (!text) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), bfile, strerror(errno));
		goto out;
	}
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, _("%s holds binary data, not a build file"), bfile);
		goto out;
	}
	if (exercise_build_parse(text, bfile, &o->b, err, errlen) < 0)
		goto out;
	p->src = xfmt("%s/%s", dir, o->b.sources[0]);
	o->extra = calloc(o->b.n_sources, sizeof *o->extra);
	if (!p->src || !o->extra) {
		snprintf(err, errlen, _("out of memory"));
		goto out;
	}
	for (size_t i = 1; i < o->b.n_sources; i++)
		if (!(o->extra[o->n_extra++] = xfmt("%s/%s", dir, o->b.sources[i]))) {
			snprintf(err, errlen, _("out of memory"));
			goto out;
		}
	p->opts.extra_srcs = o->extra;
	p->opts.n_extra_srcs = o->n_extra;
	p->opts.link_args = o->b.link;
	p->opts.n_link_args = o->b.n_link;
	p->opts.cflags = o->b.cflags;
	p->opts.n_cflags = o->b.n_cflags;
	p->go_args = o->b.go;
	p->n_go_args = o->b.n_go;
	p->has_go = o->b.has_go;
	/* the build steps, in the order the file gives them; the first that fails ends them */
	for (size_t i = 0; i < o->b.n_steps; i++) {
		int r = exercise_run_step(&o->b, &o->b.steps[i], dir, walkdir, "build", p);
		if (r == -1)
			break;
		if (r < -1) {
			snprintf(err, errlen, _("out of memory"));
			goto out;
		}
	}
	rc = 0;
out:
	free(text);
	free(bfile);
	free(real);
	if (rc < 0)
		exercise_prepared_free(p);
	return rc;
}

void exercise_prepared_free(struct exercise_prep *p)
{
	struct exercise_owned *o = p->owned;
	if (o) {
		exercise_build_free(&o->b);
		for (size_t i = 0; i < o->n_extra; i++)
			free(o->extra[i]);
		free(o->extra);
		free(o);
	}
	for (size_t i = 0; i < p->n_steps; i++)
		proc_result_free(&p->steps[i]);
	free(p->steps);
	free(p->src);
	free(p->step_error);
	memset(p, 0, sizeof *p);
}
