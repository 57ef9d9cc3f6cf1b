/* panes: a box with a title and a scrollable list of styled lines. See panes.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "stages/i18n.h"
#include "tui/colors.h"
#include "tui/panes.h"

#define PANES_TAB 8


/* One screen cell of a line being laid out: a character, its columns, how to draw it. */
struct panes_cell {
	wchar_t wc;
	int cols;
	attr_t attr;
};

/* The line being laid out. One buffer serves every line: the TUI draws from one thread. */
static struct panes_cell *panes_cells;
static size_t panes_ncells, panes_cap;
static int panes_col, panes_over;
static int panes_glyphs; /* the line being laid out may use UTF-8 glyphs (its draw call's utf8) */

/* Decode one character of s (at most n bytes): its code in *wc, its columns in *cols (-1
 * for a control byte), and the bytes it takes. Bad UTF-8 decodes as one replacement. */
static size_t panes_decode(const char *s, size_t n, wchar_t *wc, int *cols)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x20 || c == 0x7f) {
		*wc = c;
		*cols = -1;
		return 1;
	}
	if (c < 0x80) {
		*wc = c;
		*cols = 1;
		return 1;
	}
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t used = mbrtowc(wc, s, n, &st);
	if (used == (size_t)-1 || used == (size_t)-2 || used == 0) {
		*wc = panes_glyphs ? 0xfffd : '?';
		*cols = 1;
		return 1;
	}
	int w = wcwidth(*wc);
	if (w < 0) {
		*wc = '?';
		w = 1;
	}
	*cols = w;
	return used;
}

static void panes_cells_begin(int utf8)
{
	panes_ncells = 0;
	panes_col = 0;
	panes_over = 0;
	panes_glyphs = utf8;
}

static void panes_cells_push(wchar_t wc, int cols, attr_t attr, int width)
{
	if (panes_over)
		return;
	if (panes_col + cols > width) {
		panes_over = 1;
		return;
	}
	if (panes_ncells == panes_cap) {
		size_t cap = panes_cap ? panes_cap * 2 : 256;
		struct panes_cell *c = realloc(panes_cells, cap * sizeof *c);
		if (!c) {
			panes_over = 1;
			return;
		}
		panes_cells = c;
		panes_cap = cap;
	}
	panes_cells[panes_ncells++] = (struct panes_cell){ wc, cols, attr };
	panes_col += cols;
}

/* Lay out len bytes of s in attr after what is there; tab stops count from the line start. */
static void panes_cells_add(const char *s, size_t len, attr_t attr, int width)
{
	size_t i = 0;
	while (i < len && s[i] && !panes_over) {
		wchar_t wc;
		int cols;
		i += panes_decode(s + i, len - i, &wc, &cols);
		if (wc == '\t') {
			do
				panes_cells_push(' ', 1, attr, width);
			while (panes_col % PANES_TAB && !panes_over);
		} else if (cols < 0) {
			panes_cells_push('^', 1, attr, width);
			panes_cells_push(wc == 0x7f ? '?' : wc + '@', 1, attr, width);
		} else if (cols > 0) {
			panes_cells_push(wc, cols, attr, width);
		}
		/* Zero-width characters (combining marks) are dropped: a cell holds one. */
	}
}

static void panes_put(WINDOW *win, int y, int x, wchar_t wc, attr_t attr)
{
	cchar_t cc;
	wchar_t s[2] = { wc, 0 };
	setcchar(&cc, s, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvwadd_wch(win, y, x, &cc);
}

/* Draw the laid-out cells; a line that did not fit ends with a mark in its last column. */
static int panes_cells_flush(WINDOW *win, int y, int x, int width)
{
	if (panes_over && width > 0) {
		while (panes_ncells > 0 && panes_col > width - 1)
			panes_col -= panes_cells[--panes_ncells].cols;
		panes_over = 0;
		panes_cells_push(panes_glyphs ? 0x203a : '>', 1, colors_attr(COLORS_MORE), width);
	}
	int col = 0;
	for (size_t i = 0; i < panes_ncells; i++) {
		panes_put(win, y, x + col, panes_cells[i].wc, panes_cells[i].attr);
		col += panes_cells[i].cols;
	}
	return col;
}

int panes_draw_line(WINDOW *win, int y, int x, int width, const struct sty_line *l, attr_t base,
		    int utf8)
{
	if (width <= 0)
		return 0;
	panes_cells_begin(utf8);
	for (int i = 0; i < l->indent; i++)
		panes_cells_push(' ', 1, colors_attr(ROLE_TEXT) | base, width);
	for (size_t i = 0; i < l->n; i++)
		panes_cells_add(l->spans[i].text, (size_t)-1,
				colors_attr((int)l->spans[i].role) | base, width);
	return panes_cells_flush(win, y, x, width);
}

/* Draw line l in one attribute, whatever its spans' roles: the cursor's line. */
static int panes_draw_line_as(WINDOW *win, int y, int x, int width, const struct sty_line *l,
			      attr_t attr, int utf8)
{
	if (width <= 0)
		return 0;
	panes_cells_begin(utf8);
	for (int i = 0; i < l->indent; i++)
		panes_cells_push(' ', 1, attr, width);
	for (size_t i = 0; i < l->n; i++)
		panes_cells_add(l->spans[i].text, (size_t)-1, attr, width);
	return panes_cells_flush(win, y, x, width);
}

int panes_draw_text(WINDOW *win, int y, int x, int width, const char *s, attr_t attr, int utf8)
{
	if (width <= 0)
		return 0;
	panes_cells_begin(utf8);
	panes_cells_add(s, (size_t)-1, attr, width);
	return panes_cells_flush(win, y, x, width);
}

int panes_place(struct panes_pane *p, int y, int x, int h, int w)
{
	if (p->win)
		delwin(p->win);
	p->win = NULL;
	p->y = y;
	p->x = x;
	p->h = h;
	p->w = w;
	if (h < 2 || w < 4)
		return -1;
	p->win = newwin(h, w, y, x);
	if (!p->win)
		return -1;
	panes_scroll_to(p, p->top);
	return 0;
}

void panes_reset(struct panes_pane *p)
{
	sty_doc_clear(&p->head);
	sty_doc_clear(&p->body);
	p->title[0] = '\0';
	p->brief[0] = '\0';
	p->info[0] = '\0';
	p->num_max = 0;
}

void panes_free(struct panes_pane *p)
{
	panes_reset(p);
	sty_doc_free(&p->head);
	sty_doc_free(&p->body);
	if (p->win)
		delwin(p->win);
	p->win = NULL;
}

/* The head may take at most half of the inside, so the body always shows. */
static int panes_head_rows(const struct panes_pane *p)
{
	int inside = p->h - 2;
	int most = inside / 2;
	return (int)p->head.n < most ? (int)p->head.n : most;
}

int panes_rows(const struct panes_pane *p)
{
	int r = p->h - 2 - panes_head_rows(p);
	return r > 0 ? r : 0;
}

/* The body line numbered 1, within the body. */
static int panes_first_number(const struct panes_pane *p)
{
	if (p->number_from < 0)
		return 0;
	return (size_t)p->number_from < p->body.n ? p->number_from : (int)p->body.n;
}

static int panes_gutter(const struct panes_pane *p)
{
	if (!p->numbered)
		return 0;
	int digits = 1;
	size_t most = p->body.n - (size_t)panes_first_number(p);
	if (p->num_max > 0 && (size_t)p->num_max > most)
		most = (size_t)p->num_max;
	for (size_t n = most; n >= 10; n /= 10)
		digits++;
	return (digits < 3 ? 3 : digits) + 1;
}

int panes_text_width(const struct panes_pane *p)
{
	int w = p->w - 2 - 2 * p->pad - panes_gutter(p);
	return w > 0 ? w : 0;
}

int panes_scroll_to(struct panes_pane *p, int top)
{
	int most = (int)p->body.n - panes_rows(p);
	if (most < 0)
		most = 0;
	if (top > most)
		top = most;
	if (top < 0)
		top = 0;
	if (top == p->top)
		return 0;
	p->top = top;
	return 1;
}

int panes_scroll(struct panes_pane *p, int delta, int page)
{
	int step = page ? (panes_rows(p) > 2 ? panes_rows(p) - 1 : 1) : 1;
	return panes_scroll_to(p, p->top + delta * step);
}

int panes_move_cursor(struct panes_pane *p, int i)
{
	int rows = panes_rows(p), moved = 0;
	if (i >= (int)p->body.n)
		i = (int)p->body.n - 1;
	if (i < 0)
		i = 0;
	if (i != p->cursor) {
		p->cursor = i;
		moved = 1;
	}
	if (i < p->top)
		moved |= panes_scroll_to(p, i);
	else if (rows > 0 && i >= p->top + rows)
		moved |= panes_scroll_to(p, i - rows + 1);
	return moved;
}

/* Draw n copies of the glyph (UTF-8, or ASCII fallback) along a row or a column. */
static void panes_line(WINDOW *win, int y, int x, int n, int vertical, attr_t attr, int utf8)
{
	cchar_t cc;
	wchar_t s[2] = { utf8 ? (vertical ? 0x2502 : 0x2500) : (vertical ? '|' : '-'), 0 };
	setcchar(&cc, s, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	if (n <= 0)
		return;
	if (vertical)
		mvwvline_set(win, y, x, &cc, n);
	else
		mvwhline_set(win, y, x, &cc, n);
}

static void panes_box(struct panes_pane *p, attr_t attr)
{
	int h = p->h, w = p->w;
	panes_line(p->win, 0, 1, w - 2, 0, attr, p->utf8);
	panes_line(p->win, h - 1, 1, w - 2, 0, attr, p->utf8);
	panes_line(p->win, 1, 0, h - 2, 1, attr, p->utf8);
	panes_line(p->win, 1, w - 1, h - 2, 1, attr, p->utf8);
	panes_put(p->win, 0, 0, p->utf8 ? 0x250c : '+', attr);
	panes_put(p->win, 0, w - 1, p->utf8 ? 0x2510 : '+', attr);
	panes_put(p->win, h - 1, 0, p->utf8 ? 0x2514 : '+', attr);
	/* The bottom-right cell of the screen cannot be written without scrolling; the window
	 * never sits there (the key line is below). */
	panes_put(p->win, h - 1, w - 1, p->utf8 ? 0x2518 : '+', attr);
}

void panes_fit_title(char *title, int width, int utf8)
{
	size_t len = strlen(title);
	const char *dots = utf8 ? "\xe2\x80\xa6" : "...";
	int dotw = utf8 ? 1 : 3;

	panes_glyphs = utf8;

	if (sty_width(title, len) <= width)
		return;
	if (width < dotw) {
		title[0] = '\0';
		return;
	}
	/* The longest prefix that ends before a blank, or where Chinese text may break, and
	 * fits with the ellipsis; never half a wide character. */
	size_t cut = 0, i = 0;
	int hard = -1;
	while (i < len) {
		wchar_t wc;
		int cols;
		size_t n = panes_decode(title + i, len - i, &wc, &cols);
		if (sty_width(title, i + n) + dotw > width) {
			if (hard < 0)
				hard = (int)i;
			break;
		}
		if (title[i + n] == ' ' || title[i + n] == '\0' ||
		    (i + n < len && sty_run_len(title + i, len - i) == n))
			cut = i + n;
		i += n;
	}
	if (cut == 0)
		cut = hard > 0 ? (size_t)hard : 0;
	while (cut > 0 && (title[cut - 1] == ' ' || title[cut - 1] == ':' || title[cut - 1] == ','))
		cut--;
	/* nor after opening punctuation: the one character a line may not break after even
	 * when a CJK character (U+4E00) follows */
	while (cut > 0) {
		size_t j = cut - 1;
		wchar_t wc;
		int cols;
		while (j > 0 && ((unsigned char)title[j] & 0xc0) == 0x80)
			j--;
		panes_decode(title + j, cut - j, &wc, &cols);
		if (wc == ' ' || sty_break_between(wc, 0x4e00))
			break;
		cut = j;
	}
	title[cut] = '\0';
	strcat(title, dots);
}

/* The top border's title and info; the info goes first when room is short. */
static void panes_draw_title(struct panes_pane *p)
{
	char title[sizeof p->title + 8];
	/* "┌─ title ┐", or "┌─ title ─ info ─┐": what is left for the title's text. */
	int room = p->w - 5;
	int infow = p->info[0] ? sty_width(p->info, strlen(p->info)) + 2 : 0;

	if (room < 1)
		return;
	/* Try the title with the info, the brief title with the info, then each alone. */
	snprintf(title, sizeof title, "%s", p->title);
	int titlew = sty_width(title, strlen(title));
	int briefw = sty_width(p->brief, strlen(p->brief));
	if (titlew + (infow ? infow + 2 : 0) > room && p->brief[0]) {
		if (infow > 0 && briefw + infow + 2 <= room) {
			snprintf(title, sizeof title, "%s", p->brief);
			titlew = briefw;
		} else if (titlew > room) {
			snprintf(title, sizeof title, "%s", p->brief);
			titlew = briefw;
		}
	}
	if (infow > 0 && titlew + infow + 2 > room)
		infow = 0;
	panes_fit_title(title, infow > 0 ? room - infow - 2 : room, p->utf8);
	titlew = sty_width(title, strlen(title));
	if (titlew > 0) {
		attr_t a = colors_attr(p->focused ? COLORS_PANE_TITLE_FOCUS : COLORS_PANE_TITLE);
		panes_put(p->win, 0, 2, ' ', a);
		panes_draw_text(p->win, 0, 3, titlew, title, a, p->utf8);
		panes_put(p->win, 0, 3 + titlew, ' ', a);
	}
	if (infow > 0) {
		int x = p->w - 2 - infow;
		attr_t a = colors_attr(COLORS_PANE_INFO);
		panes_put(p->win, 0, x, ' ', a);
		panes_draw_text(p->win, 0, x + 1, infow - 2, p->info, a, p->utf8);
		panes_put(p->win, 0, x + infow - 1, ' ', a);
	}
}

/* Where the view is, on the bottom border, when the body does not fit. */
static void panes_draw_position(struct panes_pane *p, int rows)
{
	char pos[128];
	size_t n = p->body_total > p->body.n ? p->body_total : p->body.n;
	size_t last = (size_t)p->top + (size_t)rows < n ? (size_t)p->top + (size_t)rows : n;
	/* A numbered body counts as its gutter does, so the border and the numbers agree. */
	size_t skip = p->numbered ? (size_t)panes_first_number(p) : 0;
	size_t first = (size_t)p->top + 1 > skip ? (size_t)p->top + 1 - skip : 1;

	if (n <= (size_t)rows || rows <= 0 || last <= skip)
		return;
	/* TRANSLATORS: the lines of a pane in view, on its border */
	snprintf(pos, sizeof pos, _(" lines %1$zu-%2$zu of %3$zu "), first, last - skip, n - skip);
	if (sty_width(pos, strlen(pos)) > p->w - 4)
		snprintf(pos, sizeof pos, " %zu-%zu/%zu ", first, last - skip, n - skip);
	int w = sty_width(pos, strlen(pos));
	if (w > p->w - 4)
		return;
	panes_draw_text(p->win, p->h - 1, p->w - 2 - w, w, pos, colors_attr(COLORS_PANE_INFO), p->utf8);
}

void panes_draw(struct panes_pane *p)
{
	if (!p->win)
		return;
	werase(p->win);
	panes_box(p, colors_attr(p->focused ? COLORS_BORDER_FOCUS : COLORS_BORDER));
	panes_draw_title(p);

	int x = 1 + p->pad, inner = p->w - 2 - 2 * p->pad;
	int headrows = panes_head_rows(p);
	for (int r = 0; r < headrows; r++)
		panes_draw_line(p->win, 1 + r, x, inner, &p->head.lines[r], A_NORMAL, p->utf8);

	int rows = panes_rows(p), gutter = panes_gutter(p);
	panes_scroll_to(p, p->top);
	for (int r = 0; r < rows; r++) {
		size_t i = (size_t)p->top + (size_t)r;
		int y = 1 + headrows + r;
		if (i >= p->body.n)
			break;
		const struct sty_line *l = &p->body.lines[i];
		if (gutter > 0 && gutter < inner && i >= (size_t)panes_first_number(p)) {
			char num[32];
			if (l->num > 0)
				snprintf(num, sizeof num, "%*ld ", gutter < 20 ? gutter - 1 : 19, l->num);
			else if (l->num < 0)
				snprintf(num, sizeof num, "%*s ", gutter < 20 ? gutter - 1 : 19, "");
			else
				snprintf(num, sizeof num, "%*zu ", gutter < 20 ? gutter - 1 : 19,
					 i + 1 - (size_t)panes_first_number(p));
			attr_t na = colors_attr(COLORS_LINENO);
			if (l->band > 0 && l->band <= STY_BANDS && colors_enabled())
				na = colors_attr(COLORS_BAND1 + l->band - 1);
			panes_draw_text(p->win, y, x, gutter, num, na, p->utf8);
			/* the compiler's diagnostic at this line: a mark in the gutter's last
			 * column, so that it shows without colour too */
			if (l->mark == STY_MARK_CHANGED && gutter >= 2)
				panes_put(p->win, y, x + gutter - 1, '+', colors_attr(ROLE_OK));
			else if (l->mark != STY_MARK_NONE && gutter >= 2)
				panes_put(p->win, y, x + gutter - 1, l->mark == STY_MARK_ERROR ? '!' : '*',
					  colors_attr(l->mark == STY_MARK_ERROR ? ROLE_ERROR : ROLE_WARN));
		}
		if (l->hl != STY_HL_NONE) {
			/* Tied lines stand out across the whole width, colour or not. */
			attr_t a = colors_attr(l->hl == STY_HL_CURSOR ? COLORS_TIED_CURSOR : COLORS_LINKED);
			for (int c = gutter; c < inner; c++)
				panes_put(p->win, y, x + c, ' ', a);
			panes_draw_line_as(p->win, y, x + gutter, inner - gutter, l, a, p->utf8);
			continue;
		}
		if (p->has_cursor && (int)i == p->cursor) {
			/* The chosen line stands out across the whole width, colour or not. */
			attr_t a = colors_attr(COLORS_CURSOR);
			for (int c = gutter; c < inner; c++)
				panes_put(p->win, y, x + c, ' ', a);
			panes_draw_line_as(p->win, y, x + gutter, inner - gutter,
					   &p->body.lines[i], a, p->utf8);
			panes_put(p->win, y, x + gutter, p->utf8 ? 0x25b8 : '>', a);
			continue;
		}
		panes_draw_line(p->win, y, x + gutter, inner - gutter, &p->body.lines[i], A_NORMAL, p->utf8);
	}
	panes_draw_position(p, rows);
	wnoutrefresh(p->win);
}
