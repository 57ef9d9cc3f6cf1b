/* demo: the classroom presentation, a big banner and one idea per Space. See ui.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/exercise.h"
#include "tui/banner.h"
#include "tui/colors.h"
#include "tui/ui.h"
#include "tui/view.h"

/* Draw text centred on row y of the banner by its display width (a CJK character takes two
 * columns), cut at a character's boundary when wider than the screen. */
static void demo_banner_line(struct tui *t, int y, const char *text, attr_t a)
{
	int w = sty_width(text, strlen(text));
	int x = w < t->cols ? (t->cols - w) / 2 : 0;
	panes_draw_text(t->banner, y, x, t->cols, text, a, t->utf8);
}

/* The demo's banner: the stage's number and English name in big letters, centred, and its
 * name in the learner's language beneath when the catalogue gives one (预处理 under
 * "1 PREPROCESS"); the same for an exercise's card. Plain when the big letters do not fit. */
void demo_draw_banner(struct tui *t)
{
	if (!t->banner)
		return;
	werase(t->banner);
	char text[64], local[160];
	if (t->demo_card) {
		/* the font has Latin letters only: the English above, the learner's beneath */
		snprintf(text, sizeof text, "Exercise %d", t->o->exercise->number);
		/* TRANSLATORS: the demo's banner over an exercise; %d is its number */
		snprintf(local, sizeof local, _("Exercise %d"), t->o->exercise->number);
	} else {
		snprintf(text, sizeof text, "%d %s", t->stage + 1,
			 walk_stage_title_en((enum stage_id)t->stage));
		snprintf(local, sizeof local, "%s", walk_stage_title((enum stage_id)t->stage));
	}
	/* the learner's name for it, when the catalogue has one that is not the English */
	int translated = t->demo_card ? strcmp(text, local) != 0 :
			 strcmp(local, walk_stage_title_en((enum stage_id)t->stage)) != 0;
	char **rows = NULL;
	int n = 0, width = 0;
	attr_t a = colors_attr(ROLE_HEADING) | A_BOLD;
	if (t->banner_h > 1 && banner_render(text, t->utf8, t->cols, &rows, &n, &width) == 0) {
		for (int r = 0; r < n && r < t->banner_h; r++)
			panes_draw_text(t->banner, r, (t->cols - width) / 2, t->cols, rows[r], a, t->utf8);
		banner_free_rows(rows, n);
		if (translated && n < t->banner_h)
			demo_banner_line(t, n, local, a);
	} else {
		char both[240];
		if (translated && !t->demo_card)
			snprintf(both, sizeof both, "%s  %s", text, local);
		else
			snprintf(both, sizeof both, "%s", translated ? local : text);
		demo_banner_line(t, 0, both, a);
	}
	wnoutrefresh(t->banner);
}

/* The demo's next idea (dir 1) or the one before (-1): the next item line of the output
 * pane; past the last, the stage's next view; past its last view, the next stage. A view
 * opens before its first idea, with no line picked out. At a tied view the idea is also the
 * tied cursor, so the source pane shows where it came from. Backspace goes back to where
 * the Space before it left from, scroll and all, so the room sees that screen again. */
/* Where the demo stands now, for Backspace or the card to come back to. */
static struct tui_demo_at demo_here(const struct tui *t)
{
	return (struct tui_demo_at){
		.stage = t->stage, .view = t->view[t->stage], .item = t->demo_item,
		.out_top = t->pane[TUI_OUTPUT].top, .src_top = t->pane[TUI_SOURCE].top,
		.src_drives = t->src_drives, .out_cur = t->out_cur, .src_cur = t->src_cur,
		.card = t->demo_card,
	};
}

/* Show place a again: a stage's view (its idea and scroll), or the exercise's card. */
static int demo_go(struct tui *t, const struct tui_demo_at *a)
{
	int dirty = tui_set_stage(t, a->stage);
	view_show(t, a->view);
	t->demo_item = a->item;
	t->out_cur = a->out_cur;
	t->src_cur = a->src_cur;
	t->src_drives = a->src_drives;
	t->out_home = 0;
	if (a->card != t->demo_card)
		t->focus = a->card ? TUI_LESSON : TUI_OUTPUT;
	t->demo_card = a->card;
	return dirty | TUI_LAYOUT;
}

int demo_show_card(struct tui *t)
{
	if (!t->o->demo || !t->o->exercise)
		return 0;
	if (!t->demo_card) {
		t->card_at = demo_here(t);
		t->card_ret = 1;
		t->demo_card = 1;
	}
	t->focus = TUI_LESSON;
	return TUI_LAYOUT | TUI_DRAW_BAR | TUI_DRAW_KEYS;
}

int demo_step(struct tui *t, int dir)
{
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	if (dir < 0 && t->demo_n > 0) {
		const struct tui_demo_at *a = &t->demo_hist[--t->demo_n];
		/* the place as it was: a view, its scroll put back by demo_mark, or the card */
		t->card_ret = 0;
		int dirty = demo_go(t, a);
		t->demo_back = !a->card;
		return dirty;
	}
	if (dir > 0) {
		if (t->demo_n == t->demo_cap) {
			size_t cap = t->demo_cap ? t->demo_cap * 2 : 64;
			struct tui_demo_at *h = realloc(t->demo_hist, cap * sizeof *h);
			if (!h)
				return 0;
			t->demo_hist = h;
			t->demo_cap = cap;
		}
		t->demo_hist[t->demo_n] = demo_here(t);
	}
	if (dir > 0 && t->demo_card) {
		/* Space on the exercise's card: back where it was opened from (H, a save), or
		 * the first time the exercise's stage, where its facts show */
		t->demo_n++;
		if (t->card_ret) {
			t->card_ret = 0;
			int dirty = demo_go(t, &t->card_at);
			t->demo_back = 1;
			/* demo_mark puts the scroll of demo_hist[demo_n] back: the place left */
			t->demo_hist[t->demo_n] = t->card_at;
			return dirty;
		}
		t->demo_card = 0;
		t->focus = TUI_OUTPUT;
		view_show(t, 0);
		t->demo_item = -1;
		t->pane[TUI_OUTPUT].top = 0;
		t->out_cur = 0;
		t->src_cur = 0;
		t->src_drives = 0;
		return TUI_LAYOUT;
	}
	int n = (int)p->body.n;
	for (int i = t->demo_item + dir; i >= 0 && i < n; i += dir)
		if (p->body.lines[i].item) {
			t->demo_item = i;
			tied_show_line(p, i);
			if (dir > 0)
				t->demo_n++;
			/* at a tied view the idea is also the cursor */
			int d = view_idea(t, i);
			if (d)
				return d;
			return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
		}
	int views = view_count(t, t->stage);
	if (dir < 0 && t->demo_item >= 0) {
		/* before the first idea: the view's opening screen */
	} else if (dir > 0 && t->view[t->stage] + 1 < views) {
		view_show(t, t->view[t->stage] + 1);
	} else if (dir > 0 && t->stage + 1 < STAGE_COUNT) {
		tui_set_stage(t, t->stage + 1);
		view_show(t, 0);
	} else if (dir < 0 && t->view[t->stage] > 0) {
		view_show(t, t->view[t->stage] - 1);
	} else if (dir < 0 && t->stage > 0) {
		tui_set_stage(t, t->stage - 1);
		view_show(t, view_count(t, t->stage) - 1);
	} else {
		return 0;
	}
	if (dir > 0)
		t->demo_n++;
	/* a new view starts before its first idea; going back, after its last */
	t->demo_item = dir > 0 || t->demo_item >= 0 ? -1 : 1 << 30;
	t->pane[TUI_OUTPUT].top = 0;
	t->out_cur = 0;
	t->src_cur = 0;
	t->src_drives = 0;
	t->out_home = t->stage == STAGE_PREPROCESS && t->view[t->stage] == 0 && t->demo_item < 0;
	return TUI_LAYOUT;
}

void demo_mark(struct tui *t)
{
	struct panes_pane *op = &t->pane[TUI_OUTPUT];
	if (t->demo_item >= (int)op->body.n && op->body.n) {
		/* came back from the next view: its last idea */
		t->demo_item = -1;
		for (int i = (int)op->body.n - 1; i >= 0 && t->demo_item < 0; i--)
			if (op->body.lines[i].item)
				t->demo_item = i;
		if (t->demo_item >= 0)
			tied_show_line(op, t->demo_item);
	}
	if (t->demo_item >= 0 && t->demo_item < (int)op->body.n)
		op->body.lines[t->demo_item].hl = STY_HL_CURSOR;
	if (t->demo_back) {
		/* Backspace: the scroll the panes had before the Space */
		panes_scroll_to(op, t->demo_hist[t->demo_n].out_top);
		panes_scroll_to(&t->pane[TUI_SOURCE], t->demo_hist[t->demo_n].src_top);
		t->demo_back = 0;
	}
}
