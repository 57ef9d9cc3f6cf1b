/* predict: "predict, then look" in the walkthrough: a lesson's question is asked before the
 * pane that answers it is first shown, in the output pane in that pane's place; a, b, c, d
 * answer it, Esc skips it; then the pane shows, and its head says whether the prediction was
 * right, with the fact from the walk (lessons/question.h computes it). See ui.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/live.h"
#include "lessons/question.h"
#include "stages/files.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

struct predict_q {
	struct question q;
	const char *lesson; /* the catalog's name of its lesson */
	int asked;          /* asked at least once */
	int choice;         /* the learner's last answer; -1: skipped, or not asked */
};

struct predict {
	struct predict_q *qs;
	size_t n;
	int loaded;
	int off;            /* questions are not asked by themselves */
	int open;           /* the question asked now (an index into qs), or -1 */
	int verdict;        /* the question whose verdict the output pane's head shows, or -1 */
	int v_stage;        /* where that verdict belongs: a stage and its view */
	const struct view_ops *v_view;
	int at_stage;       /* the pane shown at the last check, to see the learner move */
	const struct view_ops *at_view;
	int stage_seen[STAGE_COUNT];          /* each stage's panes shown once */
	const struct view_ops **views_seen;   /* the views shown once */
	size_t n_views_seen;
	int last_p;         /* the question P asked last, or -1 */
};

static void predict_load(struct tui *t);

int predict_init(struct tui *t)
{
	t->predict = calloc(1, sizeof *t->predict);
	if (!t->predict)
		return -1;
	predict_reset(t);
	predict_load(t);
	return 0;
}

void predict_reset(struct tui *t)
{
	struct predict *pr = t->predict;
	if (!pr)
		return;
	for (size_t i = 0; i < pr->n; i++) {
		pr->qs[i].asked = 0;
		pr->qs[i].choice = -1;
	}
	free(pr->views_seen);
	pr->views_seen = NULL;
	pr->n_views_seen = 0;
	memset(pr->stage_seen, 0, sizeof pr->stage_seen);
	/* headless screens (tests, documentation), the classroom demo, which steps with
	 * Space, and an exercise, whose learner came for the facts of the goal, show the views
	 * as they are; P asks there */
	pr->off = t->o->headless || t->o->demo || t->o->exercise;
	pr->open = pr->verdict = pr->last_p = -1;
	pr->at_stage = -1;
	pr->at_view = NULL;
}

void predict_free(struct tui *t)
{
	struct predict *pr = t->predict;
	if (!pr)
		return;
	for (size_t i = 0; i < pr->n; i++)
		question_clear(&pr->qs[i].q);
	free(pr->qs);
	free(pr->views_seen);
	free(pr);
	t->predict = NULL;
}

/* Every well-formed question of every lesson, in teaching order, read once. */
static void predict_load(struct tui *t)
{
	struct predict *pr = t->predict;
	if (pr->loaded)
		return;
	pr->loaded = 1;
	for (size_t i = 0; i < t->n_cat; i++) {
		struct lesson l;
		char err[256];
		if (lesson_load(t->o->datadir, t->cat[i].name, &l, err, sizeof err) < 0)
			continue;
		struct question *qs;
		size_t n = question_scan(l.text, &qs);
		for (size_t k = 0; k < n; k++) {
			struct predict_q *grown;
			if (qs[k].error ||
			    !(grown = realloc(pr->qs, (pr->n + 1) * sizeof *pr->qs))) {
				question_clear(&qs[k]);
				continue;
			}
			pr->qs = grown;
			pr->qs[pr->n++] = (struct predict_q){ qs[k], t->cat[i].name, 0, -1 };
		}
		free(qs);
		lesson_free(&l);
	}
}

/* Whether question q is one of stage s's lessons' (catalog_for_stage). */
static int predict_of_stage(const struct predict_q *q, int s)
{
	const char *const *list = catalog_for_stage(walk_stage_name((enum stage_id)s));
	for (size_t i = 0; list && list[i]; i++)
		if (strcmp(list[i], q->lesson) == 0)
			return 1;
	return 0;
}

/* Whether q is a question of the stage shown (its pane is there). */
static int predict_of_here(const struct tui *t, const struct predict_q *q)
{
	return q->q.stage == t->stage && predict_of_stage(q, t->stage);
}

/* Whether q's pane is the one shown: its stage, and its view when it names one. */
static int predict_fits(const struct tui *t, const struct predict_q *q)
{
	if (!predict_of_here(t, q))
		return 0;
	const struct view_ops *v = view_current(t);
	return !q->q.view || (v && strcmp(q->q.view, v->name) == 0);
}

/* Show the view of the current stage named name, when the stage has one. */
static void predict_goto_view(struct tui *t, const char *name)
{
	const struct view_ops *v = view_current(t);
	if (!name || (v && strcmp(v->name, name) == 0))
		return;
	int n = view_count(t, t->stage);
	for (int k = 0; k < n; k++)
		if (strcmp(view_at(t, t->stage, k)->name, name) == 0) {
			view_show(t, k);
			return;
		}
}

/* Whether q is on the program walked: "sample: .", or the sample that is the file walked. */
static int predict_is_walked(const struct tui *t, const struct predict_q *q)
{
	if (q->q.own)
		return 1;
	char *path = NULL;
	if (asprintf(&path, "%s/%s", t->samples_dir, q->q.sample) < 0)
		return 0;
	char *real = files_abs_name(path);
	int same = real && strcmp(real, t->w->src_abs) == 0;
	free(real);
	free(path);
	return same;
}

/* The walk that answers q: this walk when q is on the program walked, else the one the
 * lesson started of its sample; NULL until there is one. */
static const struct walk *predict_walk(struct tui *t, const struct predict_q *q)
{
	if (predict_is_walked(t, q))
		return t->w;
	for (size_t i = 0; i < t->n_cat; i++) {
		if (strcmp(t->cat[i].name, q->lesson) != 0)
			continue;
		if (!t->lessons[i].lf_started)
			lpane_walk_lesson(t, q->lesson);
		const struct livefill *lf = &t->lessons[i].lf;
		for (size_t k = 0; t->lessons[i].lf_started && k < lf->n; k++)
			if (strcmp(lf->samples[k], q->q.sample) == 0)
				return lf->walks[k];
	}
	return NULL;
}

/* Open question i: the output pane shows it in place of its view. */
static int predict_open_q(struct tui *t, int i)
{
	struct predict *pr = t->predict;
	pr->open = i;
	pr->verdict = -1;
	/* the question's walk starts now, so that the verdict is ready sooner */
	predict_walk(t, &pr->qs[i]);
	int dirty = TUI_BUILD_OUTPUT | TUI_DRAW_ALL;
	if (t->zoom && t->focus != TUI_OUTPUT) {
		t->zoom = 0;
		dirty |= TUI_LAYOUT;
	}
	t->focus = TUI_OUTPUT;
	return dirty;
}

/* Record view v as shown; 1 when it was not before. */
static int predict_seen(struct predict *pr, const struct view_ops *v)
{
	for (size_t i = 0; i < pr->n_views_seen; i++)
		if (pr->views_seen[i] == v)
			return 0;
	const struct view_ops **grown = realloc(pr->views_seen, (pr->n_views_seen + 1) *
						 sizeof *grown);
	if (grown) {
		pr->views_seen = grown;
		pr->views_seen[pr->n_views_seen++] = v;
	}
	return 1;
}

int predict_check(struct tui *t)
{
	struct predict *pr = t->predict;
	if (!pr || t->list)
		return 0;
	const struct view_ops *v = view_current(t);
	if (t->stage == pr->at_stage && v == pr->at_view)
		return 0;
	pr->at_stage = t->stage;
	pr->at_view = v;
	int dirty = 0;
	/* the verdict belongs to the pane it answered: gone once the learner moves on */
	if (pr->verdict >= 0 && (pr->v_stage != t->stage || pr->v_view != v)) {
		pr->verdict = -1;
		dirty |= TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	}
	int first_stage = !pr->stage_seen[t->stage];
	int first_view = v && predict_seen(pr, v);
	pr->stage_seen[t->stage] = 1;
	if (pr->off || pr->open >= 0 || (!first_stage && !first_view))
		return dirty;
	predict_load(t);
	for (size_t i = 0; i < pr->n; i++) {
		const struct predict_q *q = &pr->qs[i];
		/* by itself, only a question the pane shown answers: one on the program
		 * walked (P asks those on other samples too) */
		if (q->asked || !predict_fits(t, q) || !predict_is_walked(t, q))
			continue;
		/* a stage's question comes when the stage is first shown, a view's when the
		 * view is */
		if (q->q.view ? first_view : first_stage)
			return dirty | predict_open_q(t, (int)i);
	}
	return dirty;
}

int predict_ask(struct tui *t)
{
	struct predict *pr = t->predict;
	predict_load(t);
	pr->off = 0;
	/* the next question of this stage after the one P asked last, round again */
	for (size_t k = 1; k <= pr->n; k++) {
		size_t i = (size_t)(pr->last_p + (int)k) % pr->n;
		if (predict_of_here(t, &pr->qs[i])) {
			pr->last_p = (int)i;
			return predict_open_q(t, (int)i) | TUI_BUILD_LESSON;
		}
	}
	return 0;
}

int predict_here(const struct tui *t)
{
	struct predict *pr = t->predict;
	if (!pr)
		return 0;
	for (size_t i = 0; i < pr->n; i++)
		if (predict_of_here(t, &pr->qs[i]))
			return 1;
	return 0;
}

enum keys_mode predict_mode(const struct tui *t)
{
	return t->predict && t->predict->open >= 0 ? KEYS_MODE_PREDICT : KEYS_MODE_NORMAL;
}

/* Close the question asked: answered with choice, or skipped (-1). */
static int predict_close(struct tui *t, int choice)
{
	struct predict *pr = t->predict;
	struct predict_q *q = &pr->qs[pr->open];
	q->asked = 1;
	q->choice = choice;
	/* the pane that shows the answer (P may have asked it from another view) */
	predict_goto_view(t, q->q.view);
	pr->verdict = pr->open;
	pr->v_stage = pr->at_stage = t->stage;
	pr->v_view = pr->at_view = view_current(t);
	pr->stage_seen[t->stage] = 1;
	if (pr->at_view)
		predict_seen(pr, pr->at_view);
	pr->open = -1;
	t->pane[TUI_OUTPUT].top = 0;
	return TUI_LAYOUT | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_DRAW_ALL | TUI_HL;
}

int predict_key(struct tui *t, enum keys_action a, int arg)
{
	struct predict *pr = t->predict;
	if (!pr || pr->open < 0)
		return -1;
	switch (a) {
	case KEYS_PREDICT_CHOOSE:
		if (arg < 0 || (size_t)arg >= pr->qs[pr->open].q.n_choices)
			return 0;
		return predict_close(t, arg);
	case KEYS_PREDICT_SKIP:
		return predict_close(t, -1);
	case KEYS_PREDICT: {
		/* no more questions by themselves; this one is skipped, without a verdict */
		pr->off = 1;
		int dirty = predict_close(t, -1);
		pr->verdict = -1;
		return dirty;
	}
	case KEYS_HELP:
	case KEYS_QUIT:
	case KEYS_REDRAW:
	case KEYS_UP:
	case KEYS_DOWN:
	case KEYS_PAGE_UP:
	case KEYS_PAGE_DOWN:
	case KEYS_TOP:
	case KEYS_BOTTOM:
	case KEYS_FOCUS_NEXT:
	case KEYS_FOCUS_PREV:
	case KEYS_ZOOM:
		return -1;
	case KEYS_NONE:
		return 0;
	default:
		/* going elsewhere skips the question: the learner chose not to answer */
		predict_close(t, -1);
		pr->verdict = -1;
		return -1;
	}
}

void predict_keyline(const struct tui *t, char *buf, size_t len)
{
	const struct predict *pr = t->predict;
	char n = QUESTION_LETTER(pr->qs[pr->open].q.n_choices - 1);
	/* TRANSLATORS: the key line while a question is asked; %1$c is the last choice's letter
	 * ("d"); Esc and P are keys */
	snprintf(buf, len, _(" a-%1$c answer   Esc skip and show the pane   P no more questions   "
			     "? help"), n);
}

/* "for your program hello.c" or "for the sample libm.c": whose walk answers q. */
static void predict_whose(const struct tui *t, const struct predict_q *q, char *buf, size_t len)
{
	if (q->q.own)
		snprintf(buf, len, _("For your program, %s."), t->w->src_path);
	else
		snprintf(buf, len, _("For the sample %s."), q->q.sample);
}

int predict_build(struct tui *t)
{
	struct predict *pr = t->predict;
	if (!pr || pr->open < 0)
		return 0;
	const struct predict_q *q = &pr->qs[pr->open];
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	int width = panes_text_width(p);
	char line[512];
	panes_reset(p);
	p->has_cursor = 0;
	p->numbered = 0;
	p->number_from = 0;
	t->src_mark = 0;
	/* the tied views' rows are not in this pane now */
	t->n_rows = 0;
	t->rows_from = 0;
	snprintf(p->title, sizeof p->title, "%s", _("Predict, then look"));
	snprintf(p->brief, sizeof p->brief, "%s", _("Predict"));
	/* TRANSLATORS: %s is a lesson's name, "link" */
	snprintf(p->info, sizeof p->info, _("from the lesson %s"), q->lesson);
	snprintf(line, sizeof line, "%s", _("Before the pane that shows it, what do you expect?"));
	sty_add_text(&p->head, ROLE_DIM, line, (size_t)-1, width, 0);
	predict_whose(t, q, line, sizeof line);
	sty_add_text(&p->body, ROLE_DIM, line, (size_t)-1, width, 0);
	vdoc_add_blank(&p->body);
	sty_add_text(&p->body, ROLE_STRONG, q->q.ask, (size_t)-1, width, 0);
	vdoc_add_blank(&p->body);
	for (size_t i = 0; i < q->q.n_choices; i++) {
		struct sty_line *l = sty_newline(&p->body);
		char key[8];
		snprintf(key, sizeof key, "  %c) ", QUESTION_LETTER(i));
		sty_add(l, ROLE_COMMAND, key, (size_t)-1);
		sty_add(l, ROLE_CODE, q->q.choices[i], (size_t)-1);
	}
	vdoc_add_blank(&p->body);
	/* TRANSLATORS: %1$c is the last choice's letter, "d" */
	snprintf(line, sizeof line, _("Press a to %1$c to answer, or Esc to skip; then the pane "
				      "shows, and whether you were right, from the walk."),
		 QUESTION_LETTER(q->q.n_choices - 1));
	sty_add_text(&p->body, ROLE_DIM, line, (size_t)-1, width, 0);
	return 1;
}

/* The verdict on q in words: first line and role, then the fact (which the caller frees). */
static char *predict_verdict(struct tui *t, const struct predict_q *q, char *first, size_t len,
			     enum sty_role *role)
{
	const struct walk *w = predict_walk(t, q);
	struct question_verdict v = { -1, NULL };
	if (w && walk_is_done(w))
		question_answer(&q->q, w, &v);
	*role = ROLE_DIM;
	if (!w || !walk_is_done(w)) {
		snprintf(first, len, "%s", _("The walk that answers it is still running; the "
					     "verdict comes when it is done."));
		free(v.fact);
		return NULL;
	}
	if (v.right < 0)
		snprintf(first, len, "%s", _("This walk cannot answer the question:"));
	else if (q->choice < 0)
		snprintf(first, len, _("You skipped it. The answer is %1$c) %2$s:"),
			 QUESTION_LETTER(v.right), q->q.choices[v.right]);
	else if (q->choice == v.right) {
		snprintf(first, len, _("You answered %1$c) %2$s: right."),
			 QUESTION_LETTER(q->choice), q->q.choices[q->choice]);
		*role = ROLE_OK;
	} else {
		snprintf(first, len, _("You answered %1$c) %2$s: not right. The answer is "
				       "%3$c) %4$s:"), QUESTION_LETTER(q->choice),
			 q->q.choices[q->choice], QUESTION_LETTER(v.right), q->q.choices[v.right]);
		*role = ROLE_WARN;
	}
	return v.fact;
}

void predict_decorate(struct tui *t)
{
	struct predict *pr = t->predict;
	if (!pr || pr->verdict < 0)
		return;
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	int width = panes_text_width(p);
	char first[512];
	enum sty_role role;
	char *fact = predict_verdict(t, &pr->qs[pr->verdict], first, sizeof first, &role);
	sty_add_text(&p->head, role, first, (size_t)-1, width, 2);
	if (fact)
		sty_add_text(&p->head, ROLE_TEXT, fact, (size_t)-1, width, 2);
	free(fact);
}

struct predict_md {
	struct tui *t;
	const char *lesson;
	size_t k; /* the lesson's questions expanded so far */
};

/* In the lesson pane, after a question's choices: the verdict once it was asked, else the
 * key that asks it. */
static void predict_after(void *ctx, FILE *f, const struct question *q, int number)
{
	struct predict_md *x = ctx;
	struct predict *pr = x->t->predict;
	const struct predict_q *pq = NULL;
	size_t seen = 0;
	(void)q;
	(void)number;
	for (size_t i = 0; i < pr->n && !pq; i++)
		if (strcmp(pr->qs[i].lesson, x->lesson) == 0 && seen++ == x->k)
			pq = &pr->qs[i];
	x->k++;
	if (!pq)
		return;
	if (!pq->asked) {
		char key[16];
		keys_describe(KEYS_PREDICT, 1, x->t->utf8, key, sizeof key);
		fputs("_", f);
		/* TRANSLATORS: %1$s is a key, "P"; %2$s a stage, "link" */
		fprintf(f, _("At the %2$s stage the walkthrough asks it before it shows the "
			     "answer; %1$s there asks it at any time."), key,
			walk_stage_name((enum stage_id)pq->q.stage));
		fputs("_\n", f);
		return;
	}
	char first[512];
	enum sty_role role;
	char *fact = predict_verdict(x->t, pq, first, sizeof first, &role);
	fprintf(f, "**%s** %s\n", first, fact ? fact : "");
	free(fact);
}

char *predict_lesson_md(struct tui *t, const char *lesson, const char *md)
{
	if (!t->predict)
		return NULL;
	predict_load(t);
	struct predict_md x = { t, lesson, 0 };
	return question_expand(md, NULL, predict_after, &x);
}
