/* expane: an exercise (stages/exercise.h) in the walkthrough. The lesson pane shows it
 * while no lesson is chosen: the verdict of the last walk (done, or not yet and why), each
 * condition held or not with the fact the walk showed, the hints given so far (H gives the
 * next, one at a time), then the goal, rendered as lessons are. Each save walks again with
 * the build file read anew (exercise_prepare in the walk directory), and each walk, once
 * done, is checked; the first time the goal holds it is marked done in the progress file
 * ("exercise:NAME"). See ui.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/lesson.h"
#include "stages/exercise.h"
#include "tui/ui.h"

/* The preparation of the walk shown: the one a save made, else the caller's (the first). */
static const struct exercise_prep *expane_prep(const struct tui *t)
{
	return t->rw.prep ? t->rw.prep : t->o->exercise_prep;
}

/* The walk after a save could not be made (a bad build file): that is the verdict. */
static void expane_cannot(struct tui *t, const char *why)
{
	struct exercise_verdict *v = t->rw.verdict;
	if (v)
		exercise_verdict_free(v);
	else if (!(v = t->rw.verdict = calloc(1, sizeof *v)))
		return;
	memset(v, 0, sizeof *v);
	v->status = EXERCISE_CANNOT;
	v->why = strdup(why);
	t->rw.checked = 1;
	if (!t->lesson_name)
		t->pane[TUI_LESSON].top = 0;
}

int expane_walk_again(struct tui *t, char *err, size_t errlen)
{
	struct walk *old = t->w;
	/* the build steps write into the walk directory: the old walk stops first */
	walk_cancel(old);
	walk_wait(old);
	struct exercise_prep *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -1;
	}
	if (exercise_prepare(t->o->exercise, t->o->exercise_dir, old->dir, p, err, errlen) < 0) {
		free(p);
		expane_cannot(t, err);
		return -1;
	}
	/* libclang, ~100 MB of libraries, is loaded by a child, not here */
	p->opts.clang_in_child = 1;
	if (tui_walk_again(t, p->src, &p->opts, 1, err, errlen) < 0) {
		exercise_prepared_free(p);
		free(p);
		return -1;
	}
	/* the old walk is gone, and with it the last use of the old preparation */
	if (t->rw.prep) {
		exercise_prepared_free(t->rw.prep);
		free(t->rw.prep);
	}
	t->rw.prep = p;
	return 0;
}

int expane_tick(struct tui *t)
{
	const struct exercise *e = t->o->exercise;
	if (!e || t->rw.checked || !walk_is_done(t->w))
		return 0;
	struct exercise_verdict *v = t->rw.verdict;
	if (v)
		exercise_verdict_free(v);
	else if (!(v = t->rw.verdict = calloc(1, sizeof *v)))
		return 0;
	exercise_check_prepared(e, expane_prep(t), t->w, v);
	t->rw.checked = 1;
	/* the verdict is the news: the exercise's pane opens on it */
	if (!t->lesson_name)
		t->pane[TUI_LESSON].top = 0;
	if (v->status == EXERCISE_DONE && !t->rw.done_said) {
		char key[PROGRESS_KEY_MAX + 1];
		snprintf(key, sizeof key, "exercise:%s", e->name);
		progress_mark(&t->prog, key);
		t->rw.done_said = 1;
	}
	/* in the demo, the room sees a save's verdict on the exercise's card */
	int card = t->rw.prep ? demo_show_card(t) : 0;
	return card | TUI_BUILD_LESSON | TUI_DRAW_LESSON | TUI_DRAW_KEYS;
}

/* Move the lines of from to the end of to. */
static void expane_append(struct sty_doc *to, struct sty_doc *from)
{
	for (size_t i = 0; i < from->n; i++) {
		struct sty_line *l = sty_newline(to);
		if (!l)
			break;
		*l = from->lines[i];
		memset(&from->lines[i], 0, sizeof from->lines[i]);
	}
	sty_doc_free(from);
}

/* CommonMark text md, rendered at width, appended to d. */
static void expane_render(struct sty_doc *d, const char *md, int width)
{
	struct lesson l;
	memset(&l, 0, sizeof l);
	l.text = (char *)md;
	struct sty_doc r = { 0 };
	lesson_render(&l, width, &r);
	expane_append(d, &r);
}

void expane_build(struct tui *t)
{
	const struct exercise *e = t->o->exercise;
	const struct exercise_verdict *v = t->rw.checked ? t->rw.verdict : NULL;
	struct panes_pane *p = &t->pane[TUI_LESSON];
	panes_reset(p);
	/* TRANSLATORS: %1$d is the exercise's number, %2$s its name ("macro-parens") */
	snprintf(p->title, sizeof p->title, _("Exercise %1$d: %2$s"), e->number, e->name);
	snprintf(p->brief, sizeof p->brief, "%s", e->name);
	if (t->rw.hints < e->n_hints)
		/* TRANSLATORS: %1$zu hints given so far of %2$zu; H is the key */
		snprintf(p->info, sizeof p->info, _("H for a hint (%1$zu of %2$zu given)"),
			 t->rw.hints, e->n_hints);
	else if (e->n_hints)
		snprintf(p->info, sizeof p->info, "%s", _("every hint given"));
	int width = panes_text_width(p);
	if (width > TUI_LESSON_MAX)
		width = TUI_LESSON_MAX;
	if (width < 20)
		width = 20;
	struct sty_doc *d = &p->body;
	char line[1200];
	if (!v) {
		const char *say = walk_is_done(t->w) ?
					  _("Checking the goal on this walk.") :
					  _("The goal is checked once the walk is done.");
		sty_add_text(d, ROLE_DIM, say, (size_t)-1, width, 0);
	} else if (v->status == EXERCISE_DONE) {
		if (v->n_lines)
			/* the lines below say what holds */
			sty_add_text(d, ROLE_OK, _("Done: the goal holds."), (size_t)-1, width, 2);
		else {
			/* TRANSLATORS: %s says what holds, as the check found it */
			snprintf(line, sizeof line, _("Done: the goal holds: %s"),
				 v->why ? v->why : "");
			sty_add_text(d, ROLE_OK, line, (size_t)-1, width, 2);
		}
	} else if (v->status == EXERCISE_NOT_YET && v->n_lines > 0) {
		/* the lines below say which conditions hold and what the walk showed */
		sty_add_text(d, ROLE_WARN, t->utf8 ? _("Not yet: the conditions marked ✗ do not "
						       "hold.") :
				   _("Not yet: the conditions marked x do not hold."),
			     (size_t)-1, width, 2);
	} else if (v->status == EXERCISE_NOT_YET) {
		/* TRANSLATORS: %s is the first condition that does not hold, with the fact */
		snprintf(line, sizeof line, _("Not yet: %s"), v->why ? v->why : "");
		sty_add_text(d, ROLE_WARN, line, (size_t)-1, width, 2);
	} else {
		/* TRANSLATORS: %s says why the walk could not be made */
		snprintf(line, sizeof line, _("Cannot check: %s"), v->why ? v->why : "");
		sty_add_text(d, ROLE_ERROR, line, (size_t)-1, width, 2);
	}
	for (size_t i = 0; v && i < v->n_lines; i++) {
		const char *mark = v->held[i] ? (t->utf8 ? "✓" : "+") : (t->utf8 ? "✗" : "x");
		snprintf(line, sizeof line, "%s %s", mark, v->lines[i]);
		sty_add_text(d, v->held[i] ? ROLE_OK : ROLE_ERROR, line, (size_t)-1, width, 2);
	}
	for (size_t i = 0; i < t->rw.hints && i < e->n_hints; i++) {
		char *md = NULL;
		/* TRANSLATORS: %1$zu is the hint's number; %2$s the hint, CommonMark */
		if (asprintf(&md, _("**Hint %1$zu.** %2$s"), i + 1, e->hints[i]) < 0)
			break;
		sty_newline(d);
		if (i + 1 == t->rw.hints)
			t->rw.hint_line = (int)d->n;
		expane_render(d, md, width);
		free(md);
	}
	sty_newline(d);
	expane_render(d, e->goal ? e->goal : "", width);
	if (t->rw.show_hint) {
		t->rw.show_hint = 0;
		p->top = t->rw.hint_line;
	}
	panes_scroll_to(p, p->top);
}

int expane_hint(struct tui *t)
{
	const struct exercise *e = t->o->exercise;
	if (!e)
		return 0;
	/* H always brings the exercise back to the lesson pane */
	t->lesson_name = NULL;
	if (t->rw.hints < e->n_hints) {
		t->rw.hints++;
		t->rw.show_hint = 1;
	}
	/* in the demo, the room sees the hint on the exercise's card */
	return demo_show_card(t) | TUI_BUILD_LESSON | TUI_DRAW_LESSON | TUI_DRAW_KEYS;
}

void expane_free(struct tui *t)
{
	if (t->rw.verdict) {
		exercise_verdict_free(t->rw.verdict);
		free(t->rw.verdict);
		t->rw.verdict = NULL;
	}
	if (t->rw.prep) {
		exercise_prepared_free(t->rw.prep);
		free(t->rw.prep);
		t->rw.prep = NULL;
	}
}
