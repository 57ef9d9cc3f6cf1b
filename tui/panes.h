/* panes: a box with a title and a scrollable list of styled lines.
 *
 * Contract: a pane owns a curses window placed with panes_place(), a title and an info text
 * for its top border, a few fixed head lines (the command that made what it shows) and a
 * scrollable body, both struct sty_doc the pane owns and frees. panes_draw() draws it with
 * the colour table (tui/colors.h), the focused pane's border and title stand out, the body's
 * position is shown on the bottom border, and ends with wnoutrefresh() (the caller does the
 * one doupdate()). Text is UTF-8: tabs expand to 8 columns, wide characters take two
 * columns, control bytes are shown as ^X, and a clipped line ends with a mark. Without a
 * UTF-8 locale (the pane's utf8, or the draw call's, unset) borders and marks are ASCII.
 * Text is turned into lines by lessons/styled.h (sty_add_text, sty_columns), no curses.
 */
#ifndef CSTAGES_PANES_H
#define CSTAGES_PANES_H

#include <curses.h>
#include <stddef.h>
#include "lessons/styled.h"

struct panes_pane {
	WINDOW *win;
	int y, x, h, w;
	char title[160];      /* left on the top border */
	char brief[64];       /* the title to use when title does not fit, e.g. "hello.i" */
	char info[64];        /* right on the top border, e.g. "745 lines" */
	struct sty_doc head;  /* fixed lines under the top border */
	struct sty_doc body;  /* the scrollable lines */
	int numbered;         /* a gutter with the body's line numbers */
	int number_from;      /* the body line numbered 1; lines above it have no number */
	long num_max;         /* the largest sty_line.num of the body, when lines carry their own
				 numbers (a folded .i), so the gutter is wide enough */
	int cursor;           /* with has_cursor: the body line drawn highlighted (a list's choice),
				 with a mark in its first column, which the lines leave blank */
	int has_cursor;
	int pad;              /* blank columns inside each side of the border */
	int top;              /* first body line in view */
	int focused;
	int utf8;             /* borders, marks and the ellipsis may use UTF-8 glyphs */
	size_t body_total;    /* when not 0: how many lines the body has in all, while only its
				 first ones are made (the first frame of a long source) */
};


/* Put p at (y, x) with size h x w, making its window anew; -1 if curses refused. */
int panes_place(struct panes_pane *p, int y, int x, int h, int w);

/* Free the window and the docs; the pane can be placed again. */
void panes_free(struct panes_pane *p);

/* Empty the head, the body, the titles and the info; keep the window and the scroll. */
void panes_reset(struct panes_pane *p);

/* Body rows in view, and the text columns of a body line (after border, pad and gutter). */
int panes_rows(const struct panes_pane *p);
int panes_text_width(const struct panes_pane *p);

/* Scroll to body line top (clamped); 1 when the view moved. */
int panes_scroll_to(struct panes_pane *p, int top);

/* Scroll by delta lines, or by pages when page is set; 1 when the view moved. */
int panes_scroll(struct panes_pane *p, int delta, int page);

/* Move the cursor to body line i (clamped), scrolling it into view; 1 when anything moved. */
int panes_move_cursor(struct panes_pane *p, int i);

/* Draw p into its window and wnoutrefresh() it. */
void panes_draw(struct panes_pane *p);

/* Draw line l at (y, x) in win, within width columns, on top of the attributes base
 * (OR-ed into every span's role attributes). Returns the columns drawn. */
int panes_draw_line(WINDOW *win, int y, int x, int width, const struct sty_line *l, attr_t base,
		    int utf8);

/* Draw UTF-8 text s at (y, x) with attr within width columns; returns the columns drawn. */
int panes_draw_text(WINDOW *win, int y, int x, int width, const char *s, attr_t attr, int utf8);

/* Shorten title in place to at most width columns, cutting at a word and adding an ellipsis,
 * so a title never ends mid-word. */
void panes_fit_title(char *title, int width, int utf8);

#endif
