/* diag: gcc's diagnostics of the preprocess and compile stages in the walkthrough: explained
 * under gcc's text where a stage failed, summed up in the head where it succeeded with
 * warnings, marked in the source pane's gutter, and stepped through with a key. See ui.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

const struct ccdiag *diag_get(struct tui *t, int s)
{
	if (s != STAGE_PREPROCESS && s != STAGE_COMPILE)
		return NULL;
	/* parsed once by the walk, when the stage and libclang's parse were both finished */
	if (!walk_diag_ready(t->w, (enum stage_id)s))
		return NULL;
	const struct ccdiag *d = &t->w->diag[s];
	if (d->n == 0)
		return NULL;
	if (!t->wv.diag_row[s]) {
		int *rows = malloc(d->n * sizeof *rows);
		if (!rows)
			return NULL;
		for (size_t i = 0; i < d->n; i++)
			rows[i] = -1;
		t->wv.diag_row[s] = rows;
		if (t->wv.diag_cur[s] > d->n)
			t->wv.diag_cur[s] = 0;
	}
	return d;
}

void diag_free(struct tui_walkview *v)
{
	for (int s = 0; s < 2; s++) {
		free(v->diag_row[s]);
		v->diag_row[s] = NULL;
		v->diag_cur[s] = 0;
		v->diag_shown[s] = 0;
	}
}

/* The line an item is about: the one that causes it, else gcc's. */
static unsigned diag_line(const struct ccdiag_item *it)
{
	return it->cause_line ? it->cause_line : it->line;
}

/* "Line 5 (gcc says line 6): missing ';'" */
static void diag_heading(const struct ccdiag_item *it, char *buf, size_t len)
{
	char label[160];
	if (it->option)
		/* TRANSLATORS: %1$s is a kind of diagnostic ("compiler warning"), %2$s its flag */
		snprintf(label, sizeof label, _("%1$s (%2$s)"), ccdiag_kind_label(it->kind),
			 it->option);
	else
		snprintf(label, sizeof label, "%s", ccdiag_kind_label(it->kind));
	if (!it->in_main)
		/* TRANSLATORS: %1$s is a file, %2$u its line, %3$s a kind of diagnostic */
		snprintf(buf, len, _("%1$s, line %2$u: %3$s"), vdoc_basename(it->file), it->line,
			 label);
	else if (it->cause_line && it->cause_line != it->line)
		/* TRANSLATORS: %3$s is a kind of diagnostic ("missing ';'") */
		snprintf(buf, len, _("Line %1$u (gcc says line %2$u): %3$s"), it->cause_line,
			 it->line, label);
	else
		/* TRANSLATORS: %2$s is a kind of diagnostic ("undeclared identifier") */
		snprintf(buf, len, _("Line %1$u: %2$s"), diag_line(it), label);
}

/* text wrapped as a block indented two columns more than the heading above it */
static void diag_block(struct sty_doc *d, enum sty_role role, const char *text, int width)
{
	size_t from = d->n;
	sty_add_text(d, role, text, (size_t)-1, width > 12 ? width - 2 : width, 0);
	for (size_t i = from; i < d->n; i++)
		d->lines[i].indent += 2;
}

/* One item: its heading, its words, its fix and its lesson. */
static void diag_add_item(struct sty_doc *d, const struct ccdiag_item *it, int width)
{
	char buf[1024];
	diag_heading(it, buf, sizeof buf);
	sty_add_text(d, it->severity == CCDIAG_WARNING ? ROLE_WARN : ROLE_ERROR, buf,
		     (size_t)-1, width, 2);
	if (it->explain)
		diag_block(d, ROLE_TEXT, it->explain, width);
	if (it->fix) {
		/* TRANSLATORS: %s is a short fix ("end line 5 with ';'") */
		snprintf(buf, sizeof buf, _("Fix: %s."), it->fix);
		diag_block(d, ROLE_COMMAND, buf, width);
	}
	if (it->lesson) {
		/* TRANSLATORS: %s is a lesson's name ("compile"); L is the key of the lesson list */
		snprintf(buf, sizeof buf, _("Lesson: %s (L lists the lessons)."), it->lesson);
		diag_block(d, ROLE_DIM, buf, width);
	}
}

/* "e and E step through them." with the keys as bound. */
static void diag_keys_sentence(const struct tui *t, char *buf, size_t len)
{
	char next[16], prev[16];
	keys_describe(KEYS_DIAG_NEXT, 1, t->utf8, next, sizeof next);
	keys_describe(KEYS_DIAG_PREV, 1, t->utf8, prev, sizeof prev);
	/* TRANSLATORS: %1$s and %2$s are keys ("e", "E") */
	snprintf(buf, len, _("%1$s and %2$s explain each in turn."), next, prev);
}

void diag_add_explained(struct tui *t, struct sty_doc *d, int s, int width)
{
	const struct ccdiag *dg = diag_get(t, s);
	if (!dg)
		return;
	char head[512], keys[160];
	vdoc_add_blank(d);
	diag_keys_sentence(t, keys, sizeof keys);
	/* TRANSLATORS: %1$zu counts gcc's diagnostics; %2$s is "e and E step through them ..." */
	snprintf(head, sizeof head, ngettext("What gcc's message means, at the line that causes "
					     "it (%1$zu message). %2$s",
					     "What gcc's messages mean, each at the line that causes "
					     "it (%1$zu messages). %2$s", dg->n), dg->n, keys);
	sty_add_text(d, ROLE_STRONG, head, (size_t)-1, width, 2);
	for (size_t i = 0; i < dg->n; i++) {
		vdoc_add_blank(d);
		t->wv.diag_row[s][i] = (int)d->n;
		diag_add_item(d, &dg->items[i], width);
	}
	if (dg->truncated)
		sty_add_text(d, ROLE_DIM, _("gcc printed more messages than are explained here."),
			     (size_t)-1, width, 2);
}

void diag_add_head(struct tui *t, struct sty_doc *head, int s, int width)
{
	const struct ccdiag *dg = diag_get(t, s);
	if (!dg)
		return;
	char buf[512], keys[160], what[400];
	size_t cur = t->wv.diag_cur[s];
	if (cur >= 1 && cur <= dg->n) {
		/* the one the key chose, in words: gcc's text is not on this screen */
		const struct ccdiag_item *it = &dg->items[cur - 1];
		diag_heading(it, what, sizeof what);
		/* TRANSLATORS: %1$zu of %2$zu counts gcc's messages; %3$s is "Line 3: ..." */
		snprintf(buf, sizeof buf, _("gcc's message %1$zu of %2$zu. %3$s"), cur, dg->n, what);
		sty_add_text(head, it->severity == CCDIAG_WARNING ? ROLE_WARN : ROLE_ERROR, buf,
			     (size_t)-1, width, 2);
		if (it->explain)
			diag_block(head, ROLE_TEXT, it->explain, width);
		if (it->fix) {
			snprintf(buf, sizeof buf, _("Fix: %s."), it->fix);
			diag_block(head, ROLE_COMMAND, buf, width);
		}
		return;
	}
	diag_keys_sentence(t, keys, sizeof keys);
	if (dg->n_errors == 0)
		/* TRANSLATORS: %1$zu counts gcc's warnings; %2$s is "e and E step through them ..." */
		snprintf(buf, sizeof buf, ngettext("gcc gave %1$zu warning, marked * in the source's "
						   "gutter; %2$s",
						   "gcc gave %1$zu warnings, marked * in the source's "
						   "gutter; %2$s", dg->n_warnings), dg->n_warnings, keys);
	else
		/* TRANSLATORS: %1$zu counts gcc's messages; %2$s is "e and E step through them ..." */
		snprintf(buf, sizeof buf, ngettext("gcc printed %1$zu message, marked in the source's "
						   "gutter; %2$s",
						   "gcc printed %1$zu messages, marked in the source's "
						   "gutter; %2$s", dg->n), dg->n, keys);
	sty_add_text(head, ROLE_WARN, buf, (size_t)-1, width, 2);
}

void diag_mark_source(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	const struct ccdiag *dg = diag_get(t, t->stage);
	if (!dg || !t->src)
		return;
	unsigned first = 0;
	for (size_t i = 0; i < dg->n; i++) {
		const struct ccdiag_item *it = &dg->items[i];
		unsigned line = it->cause_line;
		if (!it->in_main || line == 0 || line > p->body.n)
			continue;
		struct sty_line *l = &p->body.lines[line - 1];
		if (it->severity != CCDIAG_WARNING)
			l->mark = STY_MARK_ERROR;
		else if (l->mark == STY_MARK_NONE)
			l->mark = STY_MARK_WARN;
		if (!first)
			first = line;
	}
	/* a failed stage: its first diagnostic in view, once */
	int s = t->stage;
	if (first && !t->wv.diag_shown[s] && walk_state(&t->w->stage[s]) == RUN_FAILED &&
	    panes_rows(p) > 0) {
		t->wv.diag_shown[s] = 1;
		tied_show_line(p, (int)first - 1);
	}
}

int diag_step(struct tui *t, int dir)
{
	int s = t->stage;
	const struct ccdiag *dg = diag_get(t, s);
	if (!dg)
		return 0;
	size_t n = dg->n, cur = t->wv.diag_cur[s];
	if (cur == 0)
		cur = dir > 0 ? 1 : n;
	else if (dir > 0)
		cur = cur % n + 1;
	else
		cur = cur == 1 ? n : cur - 1;
	t->wv.diag_cur[s] = cur;
	const struct ccdiag_item *it = &dg->items[cur - 1];
	int dirty = TUI_DRAW_SOURCE | TUI_DRAW_OUTPUT;
	struct panes_pane *sp = &t->pane[TUI_SOURCE], *op = &t->pane[TUI_OUTPUT];
	if (it->in_main && it->cause_line && it->cause_line <= sp->body.n) {
		if (view_tied(t)) {
			/* the source cursor goes there, and the .i or .s follows it */
			t->src_cur = it->cause_line;
			t->src_drives = 1;
			dirty |= TUI_HL | TUI_FOLLOW;
		}
		tied_show_line(sp, (int)it->cause_line - 1);
		if (view_tied(t))
			panes_scroll_to(sp, sp->top);
	}
	int row = t->wv.diag_row[s] ? t->wv.diag_row[s][cur - 1] : -1;
	if (walk_state(&t->w->stage[s]) == RUN_FAILED && row >= 0 && (size_t)row < op->body.n)
		panes_scroll_to(op, row);
	else
		dirty |= TUI_BUILD_OUTPUT; /* the head explains the one chosen */
	return dirty;
}
