/* input: keys, the key line's prompt, the mouse and the search, each turned into a change of
 * the state and what it made out of date. See ui.h. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/view.h"

/* Scroll the pane; redraw it only if the view moved. */
static int input_scroll(struct panes_pane *p, int delta, int page, int dirty)
{
	return panes_scroll(p, delta, page) ? dirty : 0;
}

static const int tui_pane_dirty[TUI_PANE_COUNT] = { TUI_DRAW_SOURCE, TUI_DRAW_OUTPUT,
						    TUI_DRAW_LESSON };

/* A key while the help is shown: scroll it, or close it. */
static int input_help_key(struct tui *t, enum keys_action a)
{
	struct panes_pane *p = &t->helppane;
	switch (a) {
	case KEYS_UP:
		return input_scroll(p, -1, 0, TUI_DRAW_HELP);
	case KEYS_DOWN:
		return input_scroll(p, 1, 0, TUI_DRAW_HELP);
	case KEYS_PAGE_UP:
		return input_scroll(p, -1, 1, TUI_DRAW_HELP);
	case KEYS_PAGE_DOWN:
		return input_scroll(p, 1, 1, TUI_DRAW_HELP);
	case KEYS_TOP:
		return panes_scroll_to(p, 0) ? TUI_DRAW_HELP : 0;
	case KEYS_BOTTOM:
		return panes_scroll_to(p, (int)p->body.n) ? TUI_DRAW_HELP : 0;
	default:
		t->help = 0;
		return TUI_DRAW_ALL;
	}
}

/* Move the focus by step panes, past any pane this layout hides; a full-screen view shows
 * the newly focused pane instead. */
static int input_focus(struct tui *t, int step)
{
	if (t->zoom) {
		t->focus = (t->focus + step) % TUI_PANE_COUNT;
		t->zoom_back = 0;
		return TUI_LAYOUT;
	}
	for (int i = 0; i < TUI_PANE_COUNT; i++) {
		t->focus = (t->focus + step) % TUI_PANE_COUNT;
		if (t->pane[t->focus].win || t->too_small)
			break;
	}
	return TUI_DRAW_PANES;
}

/* Show the output pane's next (step 1) or previous (-1) view; the layout follows, since some
 * views need the width. */
static int input_switch_view(struct tui *t, int step)
{
	int n = view_count(t, t->stage);
	if (n < 2)
		return 0;
	view_show(t, (t->view[t->stage] + step + n) % n);
	t->pane[TUI_OUTPUT].top = 0;
	return TUI_LAYOUT;
}

/* Leave a full-screen view, back to the lesson list if that is where it was opened. */
static int input_back(struct tui *t)
{
	if (!t->zoom)
		return 0;
	t->zoom = 0;
	if (t->zoom_back) {
		t->zoom_back = 0;
		return lpane_open_list(t);
	}
	return TUI_LAYOUT;
}

/* Body line i of the pane being searched, its spans joined. */
static const char *input_flat_line(void *ctx, size_t i, size_t *len)
{
	struct tui *t = ctx;
	const struct sty_line *l = &t->pane[t->search_pane].body.lines[i];
	size_t n = 0;
	for (size_t k = 0; k < l->n; k++)
		n += strlen(l->spans[k].text);
	if (n + 1 > t->flat_cap) {
		char *grown = realloc(t->flat, n + 1);
		if (!grown) {
			*len = 0;
			return "";
		}
		t->flat = grown;
		t->flat_cap = n + 1;
	}
	n = 0;
	for (size_t k = 0; k < l->n; k++) {
		size_t m = strlen(l->spans[k].text);
		memcpy(t->flat + n, l->spans[k].text, m);
		n += m;
	}
	*len = n;
	return t->flat;
}

/* Line i of the .i, as gcc wrote it. */
static const char *input_iline(void *ctx, size_t i, size_t *len)
{
	const struct ppmap *pp = &((struct tui *)ctx)->w->pp;
	*len = pp->lines[i].len;
	return pp->text + pp->lines[i].off;
}

/* Whether a search of the pane searches the .i's own lines, folded headers and all, rather
 * than the rows shown: at the .i view. */
static int input_search_in_i(const struct tui *t)
{
	return t->search_pane == TUI_OUTPUT && t->stage == STAGE_PREPROCESS && view_tied(t) &&
	       t->w->pp_ok;
}

/* Run the search on the pane, or on the .i's lines (search_ilines). */
static void input_search_run(struct tui *t)
{
	int in_i = input_search_in_i(t);
	if (in_i != t->search_ilines)
		t->search_cur = 0; /* its lines are counted another way now */
	t->search_ilines = in_i;
	if (in_i)
		search_run(&t->search, input_iline, t, t->w->pp.n_lines);
	else
		search_run(&t->search, input_flat_line, t, t->pane[t->search_pane].body.n);
}

/* Search the pane again: its lines were rebuilt (tied_apply_hl marks the hits). */
void input_search_mark(struct tui *t)
{
	if (!t->search.pattern)
		return;
	input_search_run(t);
}

/* A hit in the .i: the cursor goes to its line, unfolding the header region that holds
 * it, as : does. */
static int input_search_land_i(struct tui *t, size_t hit)
{
	int folded;
	long r = tied_row_of_iline(t, hit + 1, &folded);
	if (r >= 0 && !folded) {
		t->out_cur = (size_t)r;
		t->src_drives = 0;
		tied_show_line(&t->pane[TUI_OUTPUT], t->rows_from + (int)r);
		return TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS | view_cursor_dirty(t);
	}
	if (folded)
		t->wv.fold_open[t->rows[r].fold - 1] = 1;
	t->goto_line = (long)hit + 1;
	return TUI_BUILD_OUTPUT | TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS;
}

/* The next (dir 1), previous (-1) or first from the top (0) hit, brought into view. */
static int input_search_step(struct tui *t, int dir)
{
	struct panes_pane *p = &t->pane[t->search_pane];
	size_t from = dir == 0 ? (size_t)p->top : t->search_cur;
	if (t->search_ilines && dir == 0) {
		/* from the .i line at the top of the pane */
		long r = (long)p->top - t->rows_from;
		from = r >= 0 && (size_t)r < t->n_rows ? t->rows[r].line - 1 : 0;
	}
	size_t hit = search_next(&t->search, from, dir, &t->search_wrapped);
	if (hit == SEARCH_NONE)
		return TUI_HL | TUI_DRAW_PANES | TUI_DRAW_KEYS;
	if (t->search_ilines) {
		t->search_cur = hit;
		return input_search_land_i(t, hit);
	}
	t->search_cur = hit;
	tied_show_line(p, (int)hit);
	/* at a tied view the hit is also the cursor, as j and k move it: the other pane shows
	 * the lines tied to it */
	int follow = 0;
	if (view_tied(t) && t->search_pane == TUI_SOURCE) {
		t->src_cur = (long)hit + 1;
		t->src_drives = 1;
		follow = 1;
	} else if (view_tied(t) && t->search_pane == TUI_OUTPUT && hit >= (size_t)t->rows_from &&
		   hit - (size_t)t->rows_from < t->n_rows) {
		t->out_cur = hit - (size_t)t->rows_from;
		t->src_drives = 0;
		follow = 1;
	}
	if (follow)
		return TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS |
		       view_cursor_dirty(t);
	return TUI_HL | TUI_DRAW_PANES | TUI_DRAW_KEYS;
}

/* A mouse event at column x, row y: the pane under it takes the focus; a click on a line of
 * a tied view moves that pane's cursor there, on the lesson list chooses that lesson; the
 * wheel scrolls the pane under the pointer. */
int input_mouse(struct tui *t, int x, int y, enum tui_mouse_kind kind)
{
	if (t->help)
		return 0;
	if (t->list) {
		struct panes_pane *lp = &t->listpane;
		int row = y - lp->y - 1 - (int)lp->head.n;
		if (kind != TUI_CLICK)
			return panes_scroll(lp, kind == TUI_WHEEL_UP ? -3 : 3, 0) ? TUI_DRAW_LIST : 0;
		if (row >= 0 && x >= lp->x && x < lp->x + lp->w &&
		    panes_move_cursor(lp, lp->top + row))
			return TUI_DRAW_LIST;
		return 0;
	}
	for (int i = 0; i < TUI_PANE_COUNT; i++) {
		struct panes_pane *p = &t->pane[i];
		if (!p->win || x < p->x || x >= p->x + p->w || y < p->y || y >= p->y + p->h)
			continue;
		if (kind != TUI_CLICK)
			return panes_scroll(p, kind == TUI_WHEEL_UP ? -3 : 3, 0) ?
				       tui_pane_dirty[i] : 0;
		int dirty = TUI_DRAW_PANES;
		t->focus = i;
		int row = y - p->y - 1 - (int)p->head.n;
		int line = p->top + row;
		if (view_tied(t) && row >= 0 && line < (int)p->body.n && i != TUI_LESSON) {
			if (i == TUI_SOURCE) {
				t->src_cur = line + 1;
				t->src_drives = 1;
			} else if (line - t->rows_from >= 0 && (size_t)(line - t->rows_from) < t->n_rows) {
				t->out_cur = (size_t)(line - t->rows_from);
				t->src_drives = 0;
			}
			dirty |= TUI_HL | TUI_FOLLOW |
				 view_cursor_dirty(t);
		}
		return dirty | TUI_DRAW_KEYS;
	}
	return 0;
}

/* Go to line n of the focused pane (as its gutter numbers it): at a tied view its cursor
 * goes there; a line in a folded header region unfolds it first (the cursor lands once the
 * rows are made again: goto_line). */
static int input_goto(struct tui *t, long n)
{
	struct panes_pane *p = &t->pane[t->focus];
	if (n < 1)
		return TUI_DRAW_KEYS;
	if (view_tied(t) && t->focus == TUI_SOURCE) {
		t->src_cur = n > (long)p->body.n ? (long)p->body.n : n;
		t->src_drives = 1;
		tied_show_line(p, (int)t->src_cur - 1);
		return TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS;
	}
	if (view_tied(t) && t->focus == TUI_OUTPUT) {
		if (t->stage == STAGE_PREPROCESS && tied_folds(t) == 0)
			for (size_t k = 0; k < t->wv.n_folds; k++)
				if (t->wv.regs[k].first <= (size_t)n && (size_t)n <= t->wv.regs[k].last)
					t->wv.fold_open[k] = 1;
		t->goto_line = n;
		if (t->stage != STAGE_PREPROCESS) {
			/* no fold to open: the cursor lands now, and the head that explains its
			 * line is made for it */
			input_goto_land(t);
			return TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS |
			       view_cursor_dirty(t);
		}
		return TUI_BUILD_OUTPUT | TUI_HL | TUI_FOLLOW | TUI_DRAW_PANES | TUI_DRAW_KEYS;
	}
	int at = (p->numbered ? p->number_from : 0) + (int)n - 1;
	panes_scroll_to(p, at);
	return tui_pane_dirty[t->focus] | TUI_DRAW_KEYS;
}

/* The tied output's cursor to the first row at or after .i or .s line goto_line (as the
 * gutter numbers it), now that the rows are made. */
void input_goto_land(struct tui *t)
{
	if (!t->goto_line || !view_tied(t))
		return;
	size_t i = 0;
	while (i + 1 < t->n_rows && (t->rows[i].fold || t->rows[i].num < t->goto_line))
		i++;
	t->out_cur = i;
	t->src_drives = 0;
	t->goto_line = 0;
	tied_show_line(&t->pane[TUI_OUTPUT], t->rows_from + (int)i);
}

/* A key while the key line reads a pattern or a line number: Enter searches or goes there,
 * Esc gives up. */
static int input_prompt_key(struct tui *t, int ch)
{
	if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && t->prompt == 2) {
		t->prompt = 0;
		t->prompt_buf[t->prompt_len] = '\0';
		return input_goto(t, strtol(t->prompt_buf, NULL, 10));
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		t->prompt = 0;
		t->prompt_buf[t->prompt_len] = '\0';
		search_set(&t->search, t->prompt_buf);
		if (!t->search.pattern)
			return TUI_DRAW_ALL | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_BUILD_SOURCE;
		t->search_pane = t->focus;
		input_search_run(t);
		return input_search_step(t, 0);
	}
	if (ch == 27) {
		t->prompt = 0;
		return TUI_DRAW_KEYS;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* a whole UTF-8 character */
		while (t->prompt_len > 0 &&
		       ((unsigned char)t->prompt_buf[--t->prompt_len] & 0xc0) == 0x80)
			;
		return TUI_DRAW_KEYS;
	}
	if (t->prompt == 2 && (ch < '0' || ch > '9'))
		return 0; /* a line number: digits only */
	if (ch >= 32 && ch < 256 && ch != 127 && t->prompt_len + 1 < sizeof t->prompt_buf)
		t->prompt_buf[t->prompt_len++] = (char)ch;
	return TUI_DRAW_KEYS;
}

int input_key(struct tui *t, int ch)
{
	int arg = 0;
	enum keys_action a;
	struct panes_pane *p = &t->pane[t->focus];
	int pd = tui_pane_dirty[t->focus];

	if (ch == KEY_RESIZE)
		return TUI_LAYOUT;
	if (ch == KEY_MOUSE && !t->o->headless) {
		MEVENT ev;
		if (getmouse(&ev) != OK)
			return 0;
		return input_mouse(t, ev.x, ev.y, ev.bstate & BUTTON4_PRESSED ? TUI_WHEEL_UP :
				 ev.bstate & BUTTON5_PRESSED ? TUI_WHEEL_DOWN : TUI_CLICK);
	}
	if (t->prompt)
		return input_prompt_key(t, ch);
	enum keys_mode vmode = predict_mode(t) != KEYS_MODE_NORMAL ? predict_mode(t) : view_mode(t);
	a = keys_lookup_mode(ch, vmode != KEYS_MODE_NORMAL ? vmode : t->search.pattern ?
			     KEYS_MODE_SEARCH : t->o->demo ? KEYS_MODE_DEMO : KEYS_MODE_NORMAL, &arg);
	if (t->o->demo && vmode == KEYS_MODE_NORMAL && a != KEYS_SEARCH_NEXT && a != KEYS_SEARCH_PREV &&
	    a != KEYS_SEARCH_CLEAR) {
		/* in the demo, Space and Backspace step through ideas, a search or not */
		int darg;
		enum keys_action d = keys_lookup_mode(ch, KEYS_MODE_DEMO, &darg);
		if (d == KEYS_DEMO_NEXT || d == KEYS_DEMO_BACK)
			a = d;
	}
	if (t->help)
		return input_help_key(t, a);
	if (t->list)
		return t->list == TUI_LIST_TERMS ? terms_key(t, a) : lpane_list_key(t, a);
	if (predict_mode(t) != KEYS_MODE_NORMAL) {
		/* a question is asked: its keys, or the key again once it is skipped */
		int qd = predict_key(t, a, arg);
		if (qd >= 0)
			return qd;
		if (predict_mode(t) == KEYS_MODE_NORMAL)
			return input_key(t, ch) | TUI_BUILD_OUTPUT | TUI_BUILD_LESSON |
			       TUI_DRAW_ALL;
	}
	/* the view shown handles its own actions first (the .s view's chooser, a tied cursor) */
	int vd = view_key(t, a, arg);
	if (vd >= 0)
		return vd;
	switch (a) {
	case KEYS_OPEN:
	case KEYS_NEXT:
		return tui_set_stage(t, t->stage + 1);
	case KEYS_OPT_LEVEL:
		return TUI_RESTART;
	case KEYS_COMPARE:
		return compare_open(t);
	case KEYS_DEMO_NEXT:
	case KEYS_DEMO_BACK:
		return demo_step(t, a == KEYS_DEMO_NEXT ? 1 : -1) | TUI_DRAW_BAR | TUI_DRAW_KEYS;
	case KEYS_SEARCH:
		t->prompt = 1;
		t->prompt_len = 0;
		return TUI_DRAW_KEYS;
	case KEYS_GOTO:
		t->prompt = 2;
		t->prompt_len = 0;
		return TUI_DRAW_KEYS;
	case KEYS_SEARCH_NEXT:
	case KEYS_SEARCH_PREV:
		return input_search_step(t, a == KEYS_SEARCH_NEXT ? 1 : -1);
	case KEYS_SEARCH_CLEAR:
		search_free(&t->search);
		return TUI_BUILD_OUTPUT | TUI_BUILD_LESSON | TUI_BUILD_SOURCE | TUI_DRAW_PANES |
		       TUI_DRAW_KEYS;
	case KEYS_DIAG_NEXT:
	case KEYS_DIAG_PREV:
		return diag_step(t, a == KEYS_DIAG_NEXT ? 1 : -1);
	case KEYS_PREV:
		return tui_set_stage(t, t->stage - 1);
	case KEYS_STAGE:
		return tui_set_stage(t, arg);
	case KEYS_UP:
		return input_scroll(p, -1, 0, pd);
	case KEYS_DOWN:
		return input_scroll(p, 1, 0, pd);
	case KEYS_PAGE_UP:
		return input_scroll(p, -1, 1, pd);
	case KEYS_PAGE_DOWN:
		return input_scroll(p, 1, 1, pd);
	case KEYS_TOP:
		return panes_scroll_to(p, 0) ? pd : 0;
	case KEYS_BOTTOM:
		return panes_scroll_to(p, (int)p->body.n) ? pd : 0;
	case KEYS_FOCUS_NEXT:
		return input_focus(t, 1);
	case KEYS_FOCUS_PREV:
		return input_focus(t, TUI_PANE_COUNT - 1);
	case KEYS_REDRAW:
		clearok(curscr, TRUE);
		return TUI_LAYOUT;
	case KEYS_HELP:
		t->help = 1;
		t->helppane.top = 0;
		return TUI_DRAW_HELP | TUI_DRAW_PANES;
	case KEYS_VIEW:
	case KEYS_VIEW_PREV:
		return input_switch_view(t, a == KEYS_VIEW ? 1 : -1);
	case KEYS_LESSONS:
		return lpane_open_list(t);
	case KEYS_HINT:
		return expane_hint(t);
	case KEYS_TERMS:
		return terms_open(t);
	case KEYS_LESSON_NEXT:
		return lpane_cycle_lesson(t, 1);
	case KEYS_LESSON_PREV:
		return lpane_cycle_lesson(t, -1);
	case KEYS_PREDICT:
		return predict_ask(t);
	case KEYS_ZOOM:
		t->zoom = !t->zoom;
		t->zoom_back = 0;
		return TUI_LAYOUT;
	case KEYS_BACK:
		return input_back(t);
	case KEYS_QUIT:
		/* q leaves a full-screen view as a pager's q does, before it quits. */
		return t->zoom ? input_back(t) : TUI_QUIT;
	default:
		return 0;
	}
}
