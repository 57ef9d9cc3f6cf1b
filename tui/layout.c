/* layout: where each window goes, for the screen's size and the view shown. See ui.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/banner.h"
#include "tui/ui.h"
#include "tui/view.h"

/* Which width the source pane gets: what its lines need, within a share of the screen that
 * leaves the output (the larger view at the link and run stages) most of the room. */
static int layout_source_width(struct tui *t, int room)
{
	int digits = 1;
	for (size_t n = sty_count_lines(t->src ? t->src : "", t->src_len); n >= 10; n /= 10)
		digits++;
	int want = t->src_cols + (digits < 3 ? 3 : digits) + 1 + 2 + 1;
	int most = t->stage >= STAGE_LINK ? room / 3 : room / 2;
	if (want > most)
		want = most;
	if (want < 20)
		want = 20;
	/* A view of columns (the object's tables, a tool's output) gets its width first; the
	 * source gives way, and goes when what is left of it would be too narrow to read. */
	int need = view_need(t);
	if (need > 0 && room - want < need) {
		if (room - need < 30)
			return 0;
		want = room - need;
	}
	/* The four link variants side by side need the room more than the source does: it
	 * shows only where they still get four columns (the output pane has a border, no pad,
	 * and " | " between columns). */
	if (t->stage == STAGE_LINK && (room - want - 2 - 3 * 3) / 4 < TUI_LINK_COL_MIN)
		return 0;
	return want;
}

static void layout_draw_too_small(struct tui *t)
{
	char msg[128];
	struct sty_doc d = { 0 };

	snprintf(msg, sizeof msg, _("terminal too small: need %1$dx%2$d, have %3$dx%4$d"),
		 TUI_MIN_COLS, TUI_MIN_LINES, t->cols, t->lines);
	/* Two lines read better than a wrap in mid-sentence. */
	if (sty_width(msg, strlen(msg)) > t->cols)
		/* TRANSLATORS: the same as "terminal too small: need ...", on two lines */
		snprintf(msg, sizeof msg, _("terminal too small:\nneed %1$dx%2$d, have %3$dx%4$d"),
			 TUI_MIN_COLS, TUI_MIN_LINES, t->cols, t->lines);
	sty_add_text(&d, ROLE_WARN, msg, (size_t)-1, t->cols, 0);
	int y = (t->lines - (int)d.n) / 2;
	for (size_t i = 0; i < d.n && y + (int)i < t->lines; i++) {
		const struct sty_line *l = &d.lines[i];
		int w = l->n ? sty_width(l->spans[0].text, strlen(l->spans[0].text)) : 0;
		panes_draw_line(stdscr, y < 0 ? (int)i : y + (int)i, (t->cols - w) / 2, t->cols, l,
				A_NORMAL, t->utf8);
	}
	sty_doc_free(&d);
}

/* Place every window for the current size and stage. */
void layout_place(struct tui *t)
{
	getmaxyx(stdscr, t->lines, t->cols);
	t->too_small = t->cols < TUI_MIN_COLS || t->lines < TUI_MIN_LINES;
	werase(stdscr);
	if (t->too_small)
		layout_draw_too_small(t);
	/* stdscr is only a backdrop; refreshing it leaves it untouched, so getch() on it
	 * never repaints over the panes. */
	wnoutrefresh(stdscr);
	if (t->bar)
		delwin(t->bar);
	if (t->keys)
		delwin(t->keys);
	if (t->banner)
		delwin(t->banner);
	t->bar = t->keys = t->banner = NULL;
	t->banner_h = 0;
	if (t->too_small) {
		for (int i = 0; i < TUI_PANE_COUNT; i++)
			panes_place(&t->pane[i], 0, 0, 0, 0);
		panes_place(&t->helppane, 0, 0, 0, 0);
		panes_place(&t->listpane, 0, 0, 0, 0);
		return;
	}
	t->bar = newwin(1, t->cols, 0, 0);
	t->keys = newwin(1, t->cols, t->lines - 1, 0);
	if (t->bar)
		leaveok(t->bar, TRUE);
	if (t->keys)
		leaveok(t->keys, TRUE);

	/* The demo's banner: big letters when there are rows to spare, else one line. */
	t->banner_h = !t->o->demo ? 0 : t->lines >= 20 ? BANNER_ROWS + 1 : 1;
	if (t->banner_h) {
		t->banner = newwin(t->banner_h, t->cols, 1, 0);
		if (t->banner)
			leaveok(t->banner, TRUE);
	}
	int top = 1 + t->banner_h, h = t->lines - 2 - t->banner_h, room = t->cols, toph = h;
	/* The demo uses the width for more panes, not for margins: the output alone on a
	 * narrow screen, the source beside it from 120 columns, the lesson too from 200. */
	int demo_zoom = t->o->demo && (t->cols < 120 || t->demo_card);
	int demo_nolesson = t->o->demo && t->cols < 200;
	if (demo_zoom)
		t->focus = t->demo_card ? TUI_LESSON : TUI_OUTPUT;
	t->pane[TUI_LESSON].pad = 1;
	if (t->zoom || demo_zoom) {
		/* One pane fills the screen; a lesson keeps a readable measure, centred. */
		for (int i = 0; i < TUI_PANE_COUNT; i++)
			if (i != t->focus)
				panes_place(&t->pane[i], 0, 0, 0, 0);
		if (t->focus == TUI_LESSON && t->cols - 2 - TUI_LESSON_MAX > 2)
			t->pane[TUI_LESSON].pad = (t->cols - 2 - TUI_LESSON_MAX) / 2;
		panes_place(&t->pane[t->focus], top, 0, h, t->cols);
	} else if (demo_nolesson) {
		panes_place(&t->pane[TUI_LESSON], 0, 0, 0, 0);
	} else if (t->cols >= TUI_WIDE) {
		int lw = t->cols * 2 / 5;
		lw = lw > TUI_LESSON_MAX + 4 ? TUI_LESSON_MAX + 4 : lw;
		room = t->cols - lw;
		panes_place(&t->pane[TUI_LESSON], top, room, h, lw);
	} else {
		int lh = h / 3 < 3 ? 3 : h / 3;
		toph = h - lh;
		panes_place(&t->pane[TUI_LESSON], top + toph, 0, lh, t->cols);
	}
	if (!t->zoom && !demo_zoom) {
		int sw = layout_source_width(t, room);
		panes_place(&t->pane[TUI_SOURCE], top, 0, toph, sw);
		if (!t->pane[TUI_SOURCE].win) {
			sw = 0;
			if (t->focus == TUI_SOURCE)
				t->focus = TUI_OUTPUT;
		}
		panes_place(&t->pane[TUI_OUTPUT], top, sw, toph, room - sw);
	}

	int hw = t->cols - 4 < 76 ? t->cols - 4 : 76;
	struct panes_pane *hp = &t->helppane;
	hp->pad = 1;
	chrome_help(t, hw - 4);
	int hh = (int)hp->body.n + 2 < h ? (int)hp->body.n + 2 : h;
	panes_place(hp, top + (h - hh) / 2, (t->cols - hw) / 2, hh, hw);

	struct panes_pane *lp = &t->listpane;
	int lw = t->cols - 4 < TUI_LIST_MAX ? t->cols - 4 : TUI_LIST_MAX;
	lp->pad = 1;
	if (t->list) {
		if (t->list == TUI_LIST_TERMS)
			terms_build(t, lw - 4);
		else
			lpane_build_list(t, lw - 4);
		int lh = (int)(lp->head.n + lp->body.n) + 2;
		lh = lh < h ? lh : h;
		panes_place(lp, top + (h - lh) / 2, (t->cols - lw) / 2, lh, lw);
		panes_move_cursor(lp, lp->cursor);
	} else {
		panes_place(lp, 0, 0, 0, 0);
	}
	for (int i = 0; i < TUI_PANE_COUNT; i++)
		if (t->pane[i].win)
			leaveok(t->pane[i].win, TRUE);
	if (hp->win)
		leaveok(hp->win, TRUE);
	if (lp->win)
		leaveok(lp->win, TRUE);
}
