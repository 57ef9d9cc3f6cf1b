/* question_report: the lessons' questions in the report. See question_report.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/live.h"
#include "lessons/question_report.h"
#include "stages/files.h"
#include "stages/i18n.h"

/* Keep the well-formed questions of lesson name (its Markdown md). */
static void question_report_collect(struct question_report *r, const char *name, const char *md)
{
	struct question *qs;
	size_t n = question_scan(md, &qs);
	for (size_t i = 0; i < n; i++) {
		struct question_report_item *grown;
		if (qs[i].error || !(grown = realloc(r->items, (r->n + 1) * sizeof *r->items))) {
			question_clear(&qs[i]);
			continue;
		}
		r->items = grown;
		r->items[r->n].q = qs[i];
		r->items[r->n].lesson = strdup(name);
		r->items[r->n].number = 0;
		r->n++;
	}
	/* each question now belongs to an item or was freed above */
	free(qs);
}

/* Whether q's sample is the file r->w walks: then that walk answers it. */
static int question_report_is_walked(const struct question_report *r, const struct question *q)
{
	if (!r->w)
		return 0;
	if (q->own)
		return 1;
	char *path = NULL;
	if (asprintf(&path, "%s/samples/%s", r->datadir, q->sample) < 0)
		return 0;
	char *abs = files_abs_name(path);
	int same = abs && strcmp(abs, r->w->src_abs) == 0;
	free(abs);
	free(path);
	return same;
}

void question_report_start(struct question_report *r, const struct walk *w, const char *datadir,
			   const char *dir, const char *lesson, int answers)
{
	memset(r, 0, sizeof *r);
	r->w = w;
	r->datadir = datadir;
	r->answers = answers;
	size_t n_cat;
	const struct catalog_entry *cat = catalog_all(&n_cat);
	for (size_t i = 0; i < n_cat; i++) {
		const char *name = cat[i].name;
		if (lesson ? strcmp(name, lesson) != 0 :
			     cat[i].kind != CATALOG_STAGE || walk_stage_from_name(name) < 0)
			continue;
		struct lesson l;
		char err[256];
		if (lesson_load(datadir, name, &l, err, sizeof err) < 0)
			continue;
		question_report_collect(r, name, l.text);
		lesson_free(&l);
	}
	if (!dir)
		return;
	/* the samples to walk, as live blocks, so that livefill walks each one once */
	char *md = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&md, &len);
	if (!f)
		return;
	int any = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct question *q = &r->items[i].q;
		if (question_report_is_walked(r, q))
			continue;
		fprintf(f, "```live\nsample: %s\nfact: link.size\n```\n\n",
			q->own ? LIVE_OWN : q->sample);
		any = 1;
	}
	if (fclose(f) != 0 || !any || (mkdir(dir, 0700) < 0 && errno != EEXIST)) {
		free(md);
		return;
	}
	livefill_start(&r->lf, md, datadir, dir, w ? w->src_abs : NULL);
	r->lf_started = 1;
	free(md);
}

void question_report_wait(struct question_report *r)
{
	if (r->lf_started)
		livefill_wait(&r->lf);
}

/* The walk that answers q, or NULL with *why set to why there is none. */
static const struct walk *question_report_walk(const struct question_report *r,
					       const struct question *q, const char **why)
{
	*why = NULL;
	if (question_report_is_walked(r, q))
		return r->w;
	for (size_t i = 0; r->lf_started && i < r->lf.n; i++) {
		if (strcmp(r->lf.samples[i], q->sample) != 0)
			continue;
		*why = r->lf.errors[i];
		return r->lf.walks[i];
	}
	return NULL;
}

/* After a question's choices: where its answer is, unless this is the students' copy. */
static void question_report_note(struct question_report *r, FILE *f,
				 struct question_report_item *it, int number)
{
	it->number = number;
	if (!r->answers)
		return;
	fputs("_", f);
	fprintf(f, _("The answer, computed from the walk, is at the end: question %d."), number);
	fputs("_\n", f);
}

void question_report_stage(void *ctx, FILE *f, enum stage_id id)
{
	struct question_report *r = ctx;
	const char *name = walk_stage_name(id);
	int any = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct question_report_item *it = &r->items[i];
		if (strcmp(it->lesson, name) != 0)
			continue;
		if (!any++) {
			fputc('\n', f);
			fputs(_("Predict, then look: answer before you read the results below."),
			      f);
			fputc('\n', f);
		}
		int n = ++r->number;
		fputs("\n**", f);
		fprintf(f, _("Question %d."), n);
		fprintf(f, "** %s\n\n", it->q.ask);
		for (size_t k = 0; k < it->q.n_choices; k++)
			fprintf(f, "- %c) `%s`\n", QUESTION_LETTER(k), it->q.choices[k]);
		fputc('\n', f);
		question_report_note(r, f, it, n);
	}
}

struct question_report_expand {
	struct question_report *r;
	const char *lesson;
	size_t k; /* the lesson's questions expanded so far */
};

static void question_report_after(void *ctx, FILE *f, const struct question *q, int number)
{
	struct question_report_expand *x = ctx;
	size_t seen = 0;
	(void)q;
	for (size_t i = 0; i < x->r->n; i++) {
		if (strcmp(x->r->items[i].lesson, x->lesson) != 0)
			continue;
		if (seen++ == x->k) {
			question_report_note(x->r, f, &x->r->items[i], number);
			break;
		}
	}
	x->k++;
}

char *question_report_lesson(struct question_report *r, const char *md)
{
	/* the one lesson question_report_start collected */
	const char *lesson = r->n ? r->items[0].lesson : "";
	struct question_report_expand x = { r, lesson, 0 };
	return question_expand(md, &r->number, question_report_after, &x);
}

void question_report_end(void *ctx, FILE *f)
{
	struct question_report *r = ctx;
	if (!r->answers || !r->number)
		return;
	fputs("\n## ", f);
	fputs(_("Answers to the questions (the teacher's copy)"), f);
	fputs("\n\n", f);
	fputs(_("Each right choice is the one that the walk's facts pick out, on this machine, "
		"just now; `lesson --report --no-answers` prints the students' copy without them."),
	      f);
	fputs("\n\n", f);
	for (int n = 1; n <= r->number; n++) {
		const struct question_report_item *it = NULL;
		for (size_t i = 0; i < r->n && !it; i++)
			if (r->items[i].number == n)
				it = &r->items[i];
		if (!it)
			continue;
		const char *why;
		const struct walk *w = question_report_walk(r, &it->q, &why);
		struct question_verdict v = { -1, NULL };
		if (w)
			question_answer(&it->q, w, &v);
		fprintf(f, "%d. ", n);
		if (v.right >= 0) {
			fprintf(f, "**%c) `%s`.** ", QUESTION_LETTER(v.right),
				it->q.choices[v.right]);
			fputs(v.fact ? v.fact : "", f);
		} else if (w) {
			/* why not, in a sentence of its own */
			fputs(v.fact ? v.fact : "?", f);
		} else {
			fprintf(f, _("The walk cannot answer it: samples/%1$s could not be walked "
				     "(%2$s)."), it->q.sample, why ? why : "?");
		}
		fputc('\n', f);
		fputs("   _", f);
		if (it->q.own && r->w)
			fputs(_("(for the file of this report)"), f);
		else
			fprintf(f, _("(for samples/%s)"), it->q.sample);
		fputs("_\n", f);
		free(v.fact);
	}
}

void question_report_free(struct question_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		question_clear(&r->items[i].q);
		free(r->items[i].lesson);
	}
	free(r->items);
	if (r->lf_started)
		livefill_free(&r->lf);
	memset(r, 0, sizeof *r);
}
