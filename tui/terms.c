/* terms: the glossary in the walkthrough. t opens a chooser, over the panes, of the terms the
 * lesson in the lesson pane marks; Enter shows the chosen term's definition in the same box;
 * Esc goes back to the chooser, and from it to the panes. See ui.h. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lessons/glossary.h"
#include "tui/ui.h"

struct terms_state {
	struct glossary g;
	int loaded;         /* 1 loaded, -1 failed (err says why), 0 not tried */
	char err[512];
	const struct glossary_term **shown; /* the chooser's rows */
	size_t n_shown;
	int all;            /* the lesson marks none: the rows are every term */
	char lesson[160];   /* the title of the lesson they come from */
	int open;           /* the row whose definition is shown; -1: the chooser */
	int cursor;         /* the chooser's cursor, kept while a definition is shown */
};

static int terms_cmp(const void *a, const void *b)
{
	const struct glossary_term *const *x = a, *const *y = b;
	return strcasecmp((*x)->name, (*y)->name);
}

/* The rows: the terms the lesson marks, in alphabetical order; every term when it marks none. */
static void terms_collect(struct terms_state *s, const struct lesson *l)
{
	free(s->shown);
	s->shown = NULL;
	s->n_shown = 0;
	s->all = 0;
	if (s->loaded <= 0)
		return;
	size_t n = 0;
	char **ids = l ? glossary_marked(l->text, &n) : NULL;
	s->shown = calloc(n ? n : s->g.n, sizeof *s->shown);
	if (!s->shown) {
		glossary_ids_free(ids, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct glossary_term *t = glossary_by_id(&s->g, ids[i]);
		if (t)
			s->shown[s->n_shown++] = t;
	}
	glossary_ids_free(ids, n);
	if (s->n_shown == 0) {
		s->all = 1;
		for (size_t i = 0; i < s->g.n; i++)
			s->shown[s->n_shown++] = &s->g.terms[i];
	}
	qsort(s->shown, s->n_shown, sizeof *s->shown, terms_cmp);
}

int terms_open(struct tui *t)
{
	if (!t->terms) {
		t->terms = calloc(1, sizeof *t->terms);
		if (!t->terms)
			return 0;
	}
	struct terms_state *s = t->terms;
	/* a glossary that failed to load may have been written since */
	if (s->loaded <= 0)
		s->loaded = glossary_load(t->o->datadir, &s->g, s->err, sizeof s->err) == 0 ? 1 : -1;
	const struct lesson *l = lpane_lesson(t);
	terms_collect(s, l);
	snprintf(s->lesson, sizeof s->lesson, "%s", l && l->title ? l->title : "");
	s->open = -1;
	s->cursor = 0;
	t->list = TUI_LIST_TERMS;
	t->listpane.cursor = 0;
	t->listpane.top = 0;
	return TUI_LAYOUT;
}

/* The definition of the term at row i, laid out at width, without its title (the box's
 * border shows it). */
static void terms_build_definition(struct tui *t, const struct glossary_term *term, int width)
{
	struct panes_pane *p = &t->listpane;
	snprintf(p->title, sizeof p->title, "%s", term->name);
	snprintf(p->info, sizeof p->info, "%s", _("glossary"));
	char *md = glossary_term_markdown(term);
	if (!md)
		return;
	/* the text after "# NAME" and its blank line */
	const char *body = strstr(md, "\n\n");
	struct lesson l = { .text = (char *)(body ? body + 2 : md) };
	struct sty_doc d = { 0 };
	lesson_render(&l, width < 20 ? 20 : width, &d);
	for (size_t i = 0; i < d.n; i++) {
		struct sty_line *line = sty_newline(&p->body);
		line->indent = d.lines[i].indent;
		for (size_t j = 0; j < d.lines[i].n; j++)
			sty_add(line, d.lines[i].spans[j].role, d.lines[i].spans[j].text,
				(size_t)-1);
	}
	sty_doc_free(&d);
	free(md);
	char back[32], line[256];
	keys_describe(KEYS_BACK, 1, t->utf8, back, sizeof back);
	/* TRANSLATORS: %s is a key, "Esc" */
	snprintf(line, sizeof line, _("%s goes back to the terms."), back);
	sty_add_text(&p->head, ROLE_DIM, line, (size_t)-1, width, 0);
	p->has_cursor = 0;
}

void terms_build(struct tui *t, int width)
{
	struct panes_pane *p = &t->listpane;
	struct terms_state *s = t->terms;
	panes_reset(p);
	if (!s)
		return;
	if (s->open >= 0 && (size_t)s->open < s->n_shown) {
		terms_build_definition(t, s->shown[s->open], width);
		return;
	}
	snprintf(p->title, sizeof p->title, "%s", _("Terms"));
	if (s->loaded < 0) {
		snprintf(p->info, sizeof p->info, "%s", _("glossary"));
		sty_add_text(&p->body, ROLE_WARN, s->err, (size_t)-1, width, 2);
		p->has_cursor = 0;
		return;
	}
	char line[512], open[32];
	keys_describe(KEYS_OPEN, 1, t->utf8, open, sizeof open);
	if (s->all)
		/* TRANSLATORS: %s is a key, "Enter" */
		snprintf(line, sizeof line, _(" The lesson marks no terms: here is every term of "
					      "the glossary. %s shows the chosen one."), open);
	else
		/* TRANSLATORS: %1$s is a lesson's title, %2$s a key, "Enter" */
		snprintf(line, sizeof line, _(" The terms that \"%1$s\" uses. %2$s shows the chosen "
					      "one's definition."), s->lesson, open);
	snprintf(p->info, sizeof p->info, ngettext("%zu term", "%zu terms", s->n_shown), s->n_shown);
	sty_add_text(&p->head, ROLE_DIM, line, (size_t)-1, width, 1);
	for (size_t i = 0; i < s->n_shown; i++) {
		const struct glossary_term *term = s->shown[i];
		struct sty_line *l = sty_newline(&p->body);
		/* the first column is the cursor's */
		sty_add(l, ROLE_TEXT, " ", 1);
		sty_add(l, ROLE_LINK, term->name, (size_t)-1);
		if (term->n_aliases > 0) {
			snprintf(line, sizeof line, "  %s", term->aliases[0]);
			for (size_t k = 1; k < term->n_aliases && strlen(line) < 200; k++) {
				size_t have = strlen(line);
				snprintf(line + have, sizeof line - have, ", %s", term->aliases[k]);
			}
			sty_add(l, ROLE_DIM, line, (size_t)-1);
		}
	}
	p->has_cursor = 1;
}

int terms_key(struct tui *t, enum keys_action a)
{
	struct panes_pane *p = &t->listpane;
	struct terms_state *s = t->terms;
	int page = panes_rows(p) > 2 ? panes_rows(p) - 1 : 1;
	if (!s) {
		t->list = 0;
		return TUI_DRAW_ALL;
	}
	if (s->open >= 0) {
		/* a definition: the keys scroll it, and back is the chooser */
		switch (a) {
		case KEYS_UP:
		case KEYS_DOWN:
			return panes_scroll(p, a == KEYS_UP ? -1 : 1, 0) ? TUI_DRAW_LIST : 0;
		case KEYS_PAGE_UP:
		case KEYS_PAGE_DOWN:
			return panes_scroll(p, a == KEYS_PAGE_UP ? -1 : 1, 1) ? TUI_DRAW_LIST : 0;
		case KEYS_TOP:
			return panes_scroll_to(p, 0) ? TUI_DRAW_LIST : 0;
		case KEYS_BOTTOM:
			return panes_scroll_to(p, (int)p->body.n) ? TUI_DRAW_LIST : 0;
		case KEYS_BACK:
		case KEYS_QUIT:
		case KEYS_PREV:
		case KEYS_TERMS:
			s->open = -1;
			p->cursor = s->cursor;
			p->top = 0;
			return TUI_LAYOUT;
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
		if (p->cursor < 0 || (size_t)p->cursor >= s->n_shown)
			return 0;
		s->cursor = p->cursor;
		s->open = p->cursor;
		p->cursor = 0;
		p->top = 0;
		return TUI_LAYOUT;
	case KEYS_BACK:
	case KEYS_QUIT:
	case KEYS_PREV:
	case KEYS_TERMS:
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

int terms_reading(const struct tui *t)
{
	return t->list == TUI_LIST_TERMS && t->terms && t->terms->open >= 0;
}

void terms_free(struct tui *t)
{
	if (!t->terms)
		return;
	if (t->terms->loaded > 0)
		glossary_free(&t->terms->g);
	free(t->terms->shown);
	free(t->terms);
	t->terms = NULL;
}
