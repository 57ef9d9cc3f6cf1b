/* question_fact: a question's right choice, computed from a finished walk. See question.h. */
#include "config.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/question.h"
#include "stages/i18n.h"

/* Set v to "the walk cannot say" with a sentence built from fmt. */
static int question_cannot(struct question_verdict *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int question_cannot(struct question_verdict *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&v->fact, fmt, ap) < 0)
		v->fact = NULL;
	va_end(ap);
	v->right = -1;
	return -1;
}

/* The stage before the links that did not succeed, or -1. */
static int question_stopped(const struct walk *w)
{
	for (int id = 0; id < 3; id++)
		if (walk_state(&w->stage[id]) != RUN_OK)
			return id;
	return -1;
}

static int question_biggest(const struct question *q, const struct walk *w,
			    struct question_verdict *v)
{
	int best = -1;
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *x = &w->variant[k];
		if (walk_state(&x->link) != RUN_OK || x->link.artifact_size < 0)
			continue;
		if (best < 0 || x->link.artifact_size > w->variant[best].link.artifact_size)
			best = k;
	}
	if (best < 0)
		return question_cannot(v, _("No way of linking %s made a program."), w->base);
	/* the others, each with its size: "hello 15960 bytes, hello-static-pie ..." */
	char *others = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&others, &len);
	if (!f)
		return question_cannot(v, "%s", _("out of memory"));
	int n = 0;
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *x = &w->variant[k];
		if (k == best)
			continue;
		if (n++)
			fputs(", ", f);
		if (walk_state(&x->link) == RUN_OK)
			/* TRANSLATORS: a program and its size, in a list */
			fprintf(f, ngettext("%1$s %2$lld byte", "%1$s %2$lld bytes",
					    (unsigned long)x->link.artifact_size), x->link.artifact,
				x->link.artifact_size);
		else
			/* TRANSLATORS: a way of linking ("musl") that made no program, in a list */
			fprintf(f, _("%s: no program"), walk_link_name((enum link_kind)k));
	}
	fclose(f);
	const char *name = walk_link_name((enum link_kind)best);
	v->right = -1;
	for (size_t i = 0; i < q->n_choices; i++)
		if (strcmp(q->choices[i], name) == 0)
			v->right = (int)i;
	const struct link_variant *b = &w->variant[best];
	int rc;
	if (v->right >= 0)
		rc = asprintf(&v->fact, ngettext("The %1$s link made the biggest program: %2$s, "
						 "%3$lld byte (the others: %4$s).",
						 "The %1$s link made the biggest program: %2$s, "
						 "%3$lld bytes (the others: %4$s).",
						 (unsigned long)b->link.artifact_size),
			      name, b->link.artifact, b->link.artifact_size, others ? others : "");
	else
		rc = asprintf(&v->fact, _("The biggest program is the %1$s link's, %2$s, which is "
					  "none of the choices."), name, b->link.artifact);
	free(others);
	if (rc < 0)
		v->fact = NULL;
	return v->right >= 0 ? 0 : -1;
}

static int question_undefined(const struct question *q, const struct walk *w,
			      struct question_verdict *v)
{
	if (!walk_obj_ready(w) || !w->obj_syms_ok)
		return question_cannot(v, _("The symbols of %s.o could not be read."), w->base);
	const struct symbols *s = &w->obj_syms;
	int found = 0;
	char *where = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&where, &len);
	if (!f)
		return question_cannot(v, "%s", _("out of memory"));
	int n = 0;
	v->right = -1;
	for (size_t i = 0; i < q->n_choices; i++) {
		long k = symbols_find(s, q->choices[i]);
		int undef = k >= 0 && s->syms[k].shndx == SHN_UNDEF &&
			    (s->syms[k].bind == STB_GLOBAL || s->syms[k].bind == STB_WEAK);
		if (undef) {
			found++;
			v->right = (int)i;
			continue;
		}
		if (n++)
			fputs(", ", f);
		if (k < 0)
			/* TRANSLATORS: a symbol the object's symbol table lacks, in a list */
			fprintf(f, _("%s is not in its symbol table"), q->choices[i]);
		else
			/* TRANSLATORS: a symbol and the section that defines it, in a list */
			fprintf(f, _("%1$s is defined in %2$s"), q->choices[i], s->syms[k].section);
	}
	fclose(f);
	int rc;
	if (found == 1)
		rc = asprintf(&v->fact, _("In %1$s.o, %2$s is undefined (nm marks it U): the "
					  "linker must find it elsewhere; %3$s."), w->base,
			      q->choices[v->right], where ? where : "");
	else if (found == 0)
		rc = asprintf(&v->fact, _("None of the choices is undefined in %s.o."), w->base);
	else
		rc = asprintf(&v->fact, _("More than one of the choices is undefined in %s.o."),
			      w->base);
	free(where);
	if (rc < 0)
		v->fact = NULL;
	if (found != 1)
		v->right = -1;
	return v->right >= 0 ? 0 : -1;
}

/* Does choice c name ldd's word (a name such as libc.so.6, or a path)? */
static int question_names_lib(const char *c, const char *word)
{
	if (strcmp(c, word) == 0)
		return 1;
	const char *a = strrchr(c, '/'), *b = strrchr(word, '/');
	return strcmp(a ? a + 1 : c, b ? b + 1 : word) == 0;
}

static int question_ldd_first(const struct question *q, const struct walk *w,
			      struct question_verdict *v)
{
	const struct link_variant *d = &w->variant[LINK_DYNAMIC];
	if (walk_state(&d->link) != RUN_OK)
		return question_cannot(v, _("The dynamic link of %s made no program."), w->base);
	const struct proc_result *p = &d->ldd;
	if (p->kind != PROC_EXITED || p->exit_code != 0 || !p->out_len)
		return question_cannot(v, _("ldd could not list the libraries of %1$s (%2$s)."),
				       d->link.artifact, proc_describe(p));
	const char *line = p->out;
	line += strspn(line, " \t");
	size_t linelen = strcspn(line, "\n");
	size_t wl = strcspn(line, " \t\n");
	char *word = strndup(line, wl), *whole = strndup(line, linelen);
	v->right = -1;
	for (size_t i = 0; word && i < q->n_choices; i++)
		if (question_names_lib(q->choices[i], word))
			v->right = (int)i;
	int rc;
	if (!word || !whole)
		rc = -1;
	else if (v->right >= 0 && (strncmp(word, "linux-vdso", 10) == 0 ||
				   strncmp(word, "linux-gate", 10) == 0))
		/* the kernel's vDSO, named so by Linux on x86-64 and i386 (vdso(7)) */
		rc = asprintf(&v->fact, _("`ldd ./%1$s` lists %2$s first: %3$s. It is the vDSO, a "
					  "small shared library that the kernel maps into every "
					  "process; no file is loaded for it, so ldd shows no path "
					  "(see vdso(7))."), d->link.artifact, word, whole);
	else if (v->right >= 0)
		rc = asprintf(&v->fact, _("`ldd ./%1$s` lists %2$s first: %3$s"), d->link.artifact,
			      word, whole);
	else
		rc = asprintf(&v->fact, _("`ldd ./%1$s` lists %2$s first, which is none of the "
					  "choices."), d->link.artifact, word);
	free(word);
	free(whole);
	if (rc < 0)
		v->fact = NULL;
	return v->right >= 0 ? 0 : -1;
}

static int question_members(const struct question *q, const struct walk *w,
			    struct question_verdict *v)
{
	const struct link_variant *s = &w->variant[LINK_STATIC];
	if (walk_state(&s->link) != RUN_OK)
		return question_cannot(v, _("The static link of %1$s did not succeed (%2$s)."),
				       w->base, walk_run_describe(&s->link));
	if (!s->map_ok)
		return question_cannot(v, _("The static link's map (-Wl,-Map) could not be read."));
	size_t n = s->map.n_members;
	int found = 0;
	v->right = -1;
	for (size_t i = 0; i < q->n_choices; i++)
		if (question_in_range(q->choices[i], n) == 1) {
			found++;
			v->right = (int)i;
		}
	int rc;
	if (found == 1)
		rc = asprintf(&v->fact, ngettext("The static link copied %1$zu archive member "
						 "into %2$s (its link map, -Wl,-Map, lists it).",
						 "The static link copied %1$zu archive members "
						 "into %2$s (its link map, -Wl,-Map, lists them).",
						 n), n, s->link.artifact);
	else
		rc = asprintf(&v->fact, ngettext("The static link copied %1$zu archive member, "
						 "and not exactly one of the ranges holds that "
						 "number.",
						 "The static link copied %1$zu archive members, "
						 "and not exactly one of the ranges holds that "
						 "number.", n), n);
	if (rc < 0)
		v->fact = NULL;
	if (found != 1)
		v->right = -1;
	return v->right >= 0 ? 0 : -1;
}

int question_answer(const struct question *q, const struct walk *w, struct question_verdict *v)
{
	v->right = -1;
	v->fact = NULL;
	if (q->error)
		return question_cannot(v, "%s", q->error);
	int stopped = question_stopped(w);
	if (stopped >= 0)
		return question_cannot(v, _("The %1$s stage of %2$s did not succeed, so the walk "
					    "cannot answer this."),
				       walk_stage_name((enum stage_id)stopped), w->base);
	switch (q->kind) {
	case QUESTION_BIGGEST:
		return question_biggest(q, w, v);
	case QUESTION_UNDEFINED:
		return question_undefined(q, w, v);
	case QUESTION_LDD_FIRST:
		return question_ldd_first(q, w, v);
	case QUESTION_MEMBERS:
		return question_members(q, w, v);
	default:
		return question_cannot(v, "%s", _("This question names no fact of the walk."));
	}
}
