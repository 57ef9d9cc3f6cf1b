/* lessonpane: the lesson pane (a stage's lessons, filled from live walks) and the lesson
 * list over the panes. See ui.h. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lessons/live.h"
#include "lessons/question.h"
#include "stages/files.h"
#include "stages/tmpdir.h"
#include "tui/ui.h"
#include "tui/vdoc.h"

/* How many of the lessons' sample walks have finished; *pending gets how many have not. */
int lpane_lessons_walked(const struct tui *t, int *pending)
{
	int done = 0, left = 0;
	for (size_t i = 0; t->lessons && i < t->n_cat; i++) {
		const struct livefill *lf = &t->lessons[i].lf;
		for (size_t k = 0; t->lessons[i].lf_started && k < lf->n; k++) {
			if (!lf->walks[k])
				continue;
			if (walk_is_done(lf->walks[k]))
				done++;
			else
				left++;
		}
		/* the Go lab fills its blocks part by part */
		if (t->lessons[i].lf_started && lf->lab) {
			static const enum golab_part parts[] = { GOLAB_SCENARIOS, GOLAB_EXPERIMENTS,
								 GOLAB_CGO };
			for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
				done += golab_part_finished(lf->lab, parts[k]);
			left += !golab_is_done(lf->lab);
		}
	}
	if (pending)
		*pending = left;
	return done;
}

static int lpane_line_is(const struct sty_line *l, const char *text)
{
	size_t off = 0, len = strlen(text);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->spans[i].text);
		if (off + n > len || memcmp(text + off, l->spans[i].text, n) != 0)
			return 0;
		off += n;
	}
	return off == len;
}

static int lpane_line_blank(const struct sty_line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->spans[i].role != ROLE_RULE &&
		    strspn(l->spans[i].text, " ") != strlen(l->spans[i].text))
			return 0;
	return 1;
}

/* Copy a rendered lesson without its title heading (and its underline): the pane's border
 * shows the title, and the rows are better spent on the text. */
static void lpane_copy_lesson(struct sty_doc *to, const struct sty_doc *from, const char *title)
{
	size_t i = 0;
	if (title && from->n > 0 && lpane_line_is(&from->lines[0], title)) {
		i = 1;
		while (i < from->n && lpane_line_blank(&from->lines[i]))
			i++;
	}
	for (; i < from->n; i++) {
		struct sty_line *l = sty_newline(to);
		l->indent = from->lines[i].indent;
		for (size_t j = 0; j < from->lines[i].n; j++)
			sty_add(l, from->lines[i].spans[j].role, from->lines[i].spans[j].text,
				(size_t)-1);
	}
}

/* The catalog index of lesson name, or -1. */
static int lpane_index(const struct tui *t, const char *name)
{
	for (size_t i = 0; i < t->n_cat; i++)
		if (strcmp(t->cat[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Lesson name, loaded on first use; NULL when the catalog has no such lesson. One that failed
 * to load is tried again when retry is set: its file may have been written since. */
static struct tui_lesson *lpane_get(struct tui *t, const char *name, int retry)
{
	int i = lpane_index(t, name);
	if (i < 0)
		return NULL;
	struct tui_lesson *tl = &t->lessons[i];
	if (tl->state < 0 && retry)
		tl->state = 0;
	if (tl->state == 0)
		tl->state = lesson_load(t->o->datadir, name, &tl->l, tl->err, sizeof tl->err) == 0 ?
				    1 : -1;
	return tl;
}

/* The lessons that go with the current stage, its own first; *n gets how many. */
static const char *const *lpane_stage_lessons(const struct tui *t, int *n)
{
	const char *const *list = catalog_for_stage(walk_stage_name((enum stage_id)t->stage));
	*n = 0;
	while (list && list[*n])
		(*n)++;
	return list;
}

/* The name of the lesson the lesson pane shows. */
static const char *lpane_shown(const struct tui *t)
{
	int n;
	const char *const *list = lpane_stage_lessons(t, &n);
	if (t->lesson_name)
		return t->lesson_name;
	return n > 0 ? list[0] : walk_stage_name((enum stage_id)t->stage);
}

/* The place of lesson name among the current stage's lessons, or -1. */
static int lpane_place(const struct tui *t, const char *name)
{
	int n;
	const char *const *list = lpane_stage_lessons(t, &n);
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

/* A live block's text: measured by this walk when the block's sample is the file being
 * walked and the walk is done; else NULL, and the block shows the commands to run. */
struct tui_fill {
	struct tui *t;
	struct tui_lesson *tl;
};

static char *lpane_live_fill(void *ctx, const char *sample, const char *fact)
{
	struct tui_fill *fc = ctx;
	struct tui *t = fc->t;
	char *path = NULL;
	if (strcmp(sample, LIVE_OWN) == 0) /* "sample: .": the program being walked */
		return walk_is_done(t->w) ? livefill_fact(t->w, fact) : NULL;
	if (!t->samples_dir || asprintf(&path, "%s/%s", t->samples_dir, sample) < 0)
		return NULL;
	char *real = files_abs_name(path); /* named as the walk names its source */
	int same = real && strcmp(real, t->w->src_abs) == 0;
	free(real);
	free(path);
	if (same)
		return walk_is_done(t->w) ? livefill_fact(t->w, fact) : NULL;
	/* another sample: from the lesson's own background walks, once they are done */
	return fc->tl->lf_started ? livefill_text(&fc->tl->lf, sample, fact) : NULL;
}

/* Start walking the samples a lesson's live blocks name, other than the file this walk
 * is walking, in the background, in a directory of their own inside the walk directory.
 * Headless screens wait for them, so that what they show does not depend on timing. */
static void lpane_walk_samples(struct tui *t, struct tui_lesson *tl, const char *name)
{
	if (tl->lf_started || !tmpdir_path())
		return;
	tl->lf_started = 1;
	char *dir = NULL;
	if (asprintf(&dir, "%s/lesson-%s", tmpdir_path(), name) < 0)
		return;
	if (mkdir(dir, 0700) == 0 || errno == EEXIST) {
		/* the samples its questions name too (lessons/question.h) */
		char *md = question_live_md(tl->l.text);
		livefill_start_run(&tl->lf, md ? md : tl->l.text, t->o->datadir, dir, t->w->src_abs,
				   &t->w->opts);
		free(md);
		if (t->o->headless)
			livefill_wait(&tl->lf);
	}
	free(dir);
}

void lpane_walk_lesson(struct tui *t, const char *name)
{
	struct tui_lesson *tl = lpane_get(t, name, 0);
	if (tl && tl->state > 0)
		lpane_walk_samples(t, tl, name);
}

/* 1 when lesson name has a file, whether or not it loads. */
static int lpane_exists(const struct tui *t, const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/lessons/%s.md", t->o->datadir, name);
	return access(path, F_OK) == 0;
}

void lpane_visit(struct tui *t)
{
	if (t->o->exercise && !t->lesson_name)
		return; /* the pane shows the exercise, not a lesson */
	const char *name = lpane_shown(t);
	struct tui_lesson *tl = lpane_get(t, name, 0);
	char seen[200];

	/* Shown is seen: the stage and its lesson go into the learner's progress. A home
	 * where nothing can be written only means it is not kept. */
	snprintf(seen, sizeof seen, "stage:%s", walk_stage_name((enum stage_id)t->stage));
	progress_mark(&t->prog, seen);
	snprintf(seen, sizeof seen, "lesson:%s", name);
	progress_mark(&t->prog, seen);
	if (tl && tl->state > 0)
		lpane_walk_samples(t, tl, name);
}

/* What the lesson pane says when a lesson cannot be shown, and where to go instead. */
static void lpane_missing(struct tui *t, struct panes_pane *p, const char *name,
			       const struct tui_lesson *tl, int width)
{
	char msg[512], next[32], list[32];
	if (!tl)
		snprintf(msg, sizeof msg, _("There is no lesson named %s."), name);
	else if (!lpane_exists(t, name))
		snprintf(msg, sizeof msg, _("The lesson %1$s is not written yet: there is no "
			 "lessons/%1$s.md."), name);
	else
		snprintf(msg, sizeof msg, _("The lesson %1$s cannot be shown: %2$s"), name, tl->err);
	sty_add_text(&p->body, ROLE_WARN, msg, (size_t)-1, width, 2);
	vdoc_add_blank(&p->body);
	keys_describe(KEYS_LESSON_NEXT, 1, t->utf8, next, sizeof next);
	keys_describe(KEYS_LESSONS, 1, t->utf8, list, sizeof list);
	/* TRANSLATORS: %1$s and %2$s are keys, "]" and "L" */
	snprintf(msg, sizeof msg, _("%1$s shows the next lesson for this stage, %2$s the list of "
		 "all lessons."), next, list);
	sty_add_text(&p->body, ROLE_DIM, msg, (size_t)-1, width, 0);
}

void lpane_build(struct tui *t)
{
	if (t->o->exercise && !t->lesson_name) {
		expane_build(t);
		return;
	}
	struct panes_pane *p = &t->pane[TUI_LESSON];
	const char *name = lpane_shown(t);
	struct tui_lesson *tl = lpane_get(t, name, 0);
	int n, at = lpane_place(t, name);

	lpane_stage_lessons(t, &n);
	panes_reset(p);
	snprintf(p->brief, sizeof p->brief, "%s", name);
	if (at >= 0 && n > 1) {
		char key[8];
		keys_describe(KEYS_LESSON_NEXT, 1, t->utf8, key, sizeof key);
		/* TRANSLATORS: %3$s is a key, "]" */
		snprintf(p->info, sizeof p->info, _("lesson %1$d of %2$d for this stage, %3$s next"),
			 at + 1, n, key);
	} else if (at >= 0) {
		snprintf(p->info, sizeof p->info, "%s", _("the lesson for this stage"));
	} else {
		snprintf(p->info, sizeof p->info, "%s", _("from the lesson list"));
	}
	int width = panes_text_width(p);
	if (width > TUI_LESSON_MAX)
		width = TUI_LESSON_MAX;
	if (!tl || tl->state < 0) {
		snprintf(p->title, sizeof p->title, _("Lesson: %s"), name);
		lpane_missing(t, p, name, tl, width);
		return;
	}
	snprintf(p->title, sizeof p->title, "%s", tl->l.title ? tl->l.title : name);
	/* Live blocks become what this walk, or the lesson's own walks of its samples (started
	 * by lpane_visit), measured; until then, the commands that measure it. */
	struct tui_fill fc = { t, tl };
	/* its questions, with their verdicts once asked (predict.c) */
	char *qmd = predict_lesson_md(t, name, tl->l.text);
	char *md = live_expand_own(qmd ? qmd : tl->l.text, t->samples_dir ? t->samples_dir :
				   "samples", t->w->src_path, lpane_live_fill, &fc);
	free(qmd);
	struct lesson view = tl->l;
	if (md)
		view.text = md;
	struct sty_doc d = { 0 };
	lesson_render(&view, width < 20 ? 20 : width, &d);
	lpane_copy_lesson(&p->body, &d, tl->l.title);
	sty_doc_free(&d);
	free(md);
	panes_scroll_to(p, p->top);
}

/* The lesson list: every lesson in teaching order, those for this stage marked, the one the
 * lesson pane shows chosen when it opens. */
void lpane_build_list(struct tui *t, int width)
{
	struct panes_pane *p = &t->listpane;
	const char *mark = t->utf8 ? "•" : "*";
	char line[512];
	int kindw = sty_width(_("stage"), strlen(_("stage")));
	if (sty_width(_("topic"), strlen(_("topic"))) > kindw)
		kindw = sty_width(_("topic"), strlen(_("topic")));

	panes_reset(p);
	snprintf(p->title, sizeof p->title, "%s", _("Lessons"));
	snprintf(p->info, sizeof p->info, "%s", _("in teaching order"));
	/* TRANSLATORS: %1$s and %3$s are marks ("•", "✓"), %2$s a stage's title */
	snprintf(line, sizeof line, _(" %1$s goes with the %2$s stage; %3$s you have read"), mark,
		 walk_stage_title((enum stage_id)t->stage), t->utf8 ? "✓" : "+");
	sty_add_text(&p->head, ROLE_DIM, line, (size_t)-1, width, 3);
	for (size_t i = 0; i < t->n_cat; i++) {
		const struct catalog_entry *e = &t->cat[i];
		const struct tui_lesson *tl = lpane_get(t, e->name, 0);
		struct sty_line *l = sty_newline(&p->body);
		/* The first column is the cursor's. */
		sty_add(l, ROLE_TEXT, " ", 1);
		sty_add(l, ROLE_BULLET, lpane_place(t, e->name) >= 0 ? mark : " ", (size_t)-1);
		/* the kind's column is as wide as the widest kind */
		const char *kind = e->kind == CATALOG_STAGE ? _("stage") : _("topic");
		int pad = kindw - sty_width(kind, strlen(kind));
		snprintf(line, sizeof line, " %2zu  %s%*s ", i + 1, kind, pad > 0 ? pad : 0, "");
		sty_add(l, ROLE_DIM, line, (size_t)-1);
		char key[200];
		snprintf(key, sizeof key, "lesson:%s", e->name);
		sty_add(l, ROLE_OK, progress_seen(&t->prog, key) ? (t->utf8 ? "✓ " : "+ ") : "  ",
			(size_t)-1);
		if (tl && tl->state > 0 && tl->l.title) {
			sty_add(l, ROLE_TEXT, tl->l.title, (size_t)-1);
		} else {
			int here = lpane_exists(t, e->name);
			snprintf(line, sizeof line, here ? _("%s (cannot be read)") :
				 _("%s (not written yet)"), e->name);
			sty_add(l, ROLE_DIM, line, (size_t)-1);
		}
	}
	p->has_cursor = 1;
}

/* Show the next (step 1) or previous (-1) lesson of the current stage in the lesson pane. */
int lpane_cycle_lesson(struct tui *t, int step)
{
	int n;
	const char *const *list = lpane_stage_lessons(t, &n);
	if (n == 0)
		return 0;
	int at = lpane_place(t, lpane_shown(t));
	at = at < 0 ? (step > 0 ? 0 : n - 1) : (at + step + n) % n;
	t->lesson_name = list[at];
	t->pane[TUI_LESSON].top = 0;
	lpane_get(t, list[at], 1);
	return TUI_BUILD_LESSON | TUI_DRAW_LESSON;
}

/* Open the lesson list, the lesson the pane shows chosen. */
int lpane_open_list(struct tui *t)
{
	/* Lessons that were missing may have been written since. */
	for (size_t i = 0; i < t->n_cat; i++)
		if (t->lessons[i].state < 0)
			t->lessons[i].state = 0;
	int at = lpane_index(t, lpane_shown(t));
	t->list = TUI_LIST_LESSONS;
	t->listpane.cursor = at < 0 ? 0 : at;
	t->listpane.top = 0;
	return TUI_LAYOUT;
}

/* A key while the lesson list is open: move the choice, open a lesson, or close the list. */
int lpane_list_key(struct tui *t, enum keys_action a)
{
	struct panes_pane *p = &t->listpane;
	int page = panes_rows(p) > 2 ? panes_rows(p) - 1 : 1;
	switch (a) {
	case KEYS_UP:
		return panes_move_cursor(p, p->cursor - 1) ? TUI_DRAW_LIST : 0;
	case KEYS_DOWN:
		return panes_move_cursor(p, p->cursor + 1) ? TUI_DRAW_LIST : 0;
	case KEYS_PAGE_UP:
		return panes_move_cursor(p, p->cursor - page) ? TUI_DRAW_LIST : 0;
	case KEYS_PAGE_DOWN:
		return panes_move_cursor(p, p->cursor + page) ? TUI_DRAW_LIST : 0;
	case KEYS_TOP:
		return panes_move_cursor(p, 0) ? TUI_DRAW_LIST : 0;
	case KEYS_BOTTOM:
		return panes_move_cursor(p, (int)p->body.n - 1) ? TUI_DRAW_LIST : 0;
	case KEYS_OPEN:
	case KEYS_NEXT:
		if (p->cursor < 0 || (size_t)p->cursor >= t->n_cat)
			return 0;
		/* A lesson chosen from the list is read full screen; back returns here. */
		t->lesson_name = t->cat[p->cursor].name;
		lpane_get(t, t->lesson_name, 1);
		t->pane[TUI_LESSON].top = 0;
		t->list = 0;
		t->focus = TUI_LESSON;
		t->zoom = 1;
		t->zoom_back = 1;
		return TUI_LAYOUT;
	case KEYS_BACK:
	case KEYS_QUIT:
	case KEYS_PREV:
	case KEYS_LESSONS:
		t->list = 0;
		return TUI_DRAW_ALL;
	case KEYS_HELP:
		t->help = 1;
		t->helppane.top = 0;
		return TUI_DRAW_HELP;
	case KEYS_REDRAW:
		clearok(curscr, TRUE);
		return TUI_LAYOUT;
	default:
		return 0;
	}
}

/* The lesson the lesson pane shows, loaded; NULL when it cannot be. */
const struct lesson *lpane_lesson(struct tui *t)
{
	struct tui_lesson *tl = lpane_get(t, lpane_shown(t), 0);
	return tl && tl->state > 0 ? &tl->l : NULL;
}
