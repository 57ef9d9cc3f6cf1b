/* compare: the walk's .s beside the same .i compiled at another optimisation level
 * (stages/ocompare.h), one function at a time: the function list in the head (< and > move
 * through it), the function's summary at each level and the differences gcc's reports
 * explain, then its two bodies aligned as diff -y aligns them. Wide (a pane of
 * CMP_SIDE_MIN columns or more): the two levels in two columns side by side. Narrow:
 * stacked, one column: a line the same at both levels once, a changed line as its first
 * level's line (<) over its second level's (>). The view exists once a comparison is asked
 * for (--compare, or c in the walkthrough, which starts it: c again steps the other level
 * through -O0, -O1, -O2, -O3, -Os). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stages/say.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The pane's columns from which the two levels stand side by side. */
#define CMP_SIDE_MIN 100

struct compare_state {
	int chosen;  /* the second level c chose: 1 + its index in ocmp_levels; 0: --compare's */
	size_t func; /* the function shown, an index in the comparison's functions */
};

static struct compare_state *compare_state(const struct tui *t)
{
	return view_state(t, &view_compare);
}

/* The second level: the one c chose, else --compare's; NULL: none asked. */
static const char *compare_flag(const struct tui *t)
{
	const struct compare_state *st = compare_state(t);
	return st && st->chosen > 0 ? ocmp_levels[st->chosen - 1] : t->w->opts.compare_level;
}

static int compare_available(const struct tui *t)
{
	return compare_flag(t) != NULL;
}

/* The finished comparison, or NULL. */
static const struct ocmp_run *compare_run(const struct tui *t)
{
	const struct ocmp_run *r = walk_compare(t->w, compare_flag(t));
	return r && ocmp_run_finished(r) ? r : NULL;
}

/* A line of assembly with its tabs expanded, cut to cols columns, padded to pad columns. */
static void compare_cell(struct sty_line *l, enum sty_role role, const char *s, int cols, int pad)
{
	char buf[600];
	int col = 0;
	size_t o = 0;
	for (; *s && col < cols && o + 9 < sizeof buf; s++) {
		if (*s == '\t') {
			do
				buf[o++] = ' ';
			while (++col % 8 && col < cols);
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80)
			col++;
		buf[o++] = *s;
	}
	while (col < pad && o + 1 < sizeof buf) {
		buf[o++] = ' ';
		col++;
	}
	sty_add(l, role, buf, o);
}

/* One function's summary at one level: "-O2: 41 instructions in .text.startup". */
static void compare_summary(struct sty_doc *d, const struct ocmp *c, const struct ocmp_func *f,
			    int k, int width)
{
	const struct ocmp_side *s = &f->side[k];
	char line[400];
	if (!s->present) {
		/* TRANSLATORS: %1$s is gcc's flag ("-O2"), %2$s a function */
		snprintf(line, sizeof line, _("%1$s: no %2$s of its own"), c->lv[k].flag, f->name);
	} else {
		/* TRANSLATORS: %1$s is gcc's flag, %2$zu the instruction lines, %3$s a section */
		snprintf(line, sizeof line, ngettext("%1$s: %2$zu instruction, in %3$s",
						     "%1$s: %2$zu instructions, in %3$s", s->n_insn),
			 c->lv[k].flag, s->n_insn, s->section ? s->section : "?");
	}
	sty_add_text(d, s->present ? ROLE_TEXT : ROLE_WARN, line, (size_t)-1, width, 2);
}

/* What gcc did to one function at one level, a line each: the calls it inlined into it,
 * the loops it vectorized, its tail calls (none when there are none). */
static void compare_done(struct sty_doc *d, const struct ocmp *c, const struct ocmp_func *f,
			 int k, int width)
{
	const struct ocmp_side *s = &f->side[k];
	char list[600], line[800];
	size_t used = 0, n = 0, at = 0;
	list[0] = '\0';
	for (size_t i = 0; i < s->n_inl; i++)
		n += !ocmp_inl_seen(s, i);
	for (size_t i = 0; i < s->n_inl && used + 2 < sizeof list; i++) {
		if (ocmp_inl_seen(s, i))
			continue;
		snprintf(list + used, sizeof list - used, "%s%s", say_list_sep(at++, n),
			 s->inl[i].callee);
		used = strlen(list);
	}
	if (n) {
		/* TRANSLATORS: %1$s is gcc's flag, %2$s a list of functions ("sq, sum and tail") */
		snprintf(line, sizeof line, _("Inlined into it at %1$s, as gcc's report says: %2$s."),
			 c->lv[k].flag, list);
		sty_add_text(d, ROLE_TEXT, line, (size_t)-1, width, 2);
	}
	if (s->n_vec) {
		/* TRANSLATORS: %1$s is gcc's flag */
		snprintf(line, sizeof line, ngettext("Loops vectorized at %1$s, as gcc's report says: "
						     "%2$zu.", "Loops vectorized at %1$s, as gcc's "
						     "report says: %2$zu.", s->n_vec),
			 c->lv[k].flag, s->n_vec);
		sty_add_text(d, ROLE_TEXT, line, (size_t)-1, width, 2);
	}
	used = 0;
	list[0] = '\0';
	for (size_t i = 0; i < s->n_tail && used + 2 < sizeof list; i++) {
		snprintf(list + used, sizeof list - used, "%s%s", say_list_sep(i, s->n_tail),
			 s->tail[i].callee);
		used = strlen(list);
	}
	if (s->n_tail) {
		/* TRANSLATORS: %1$s is gcc's flag, %2$s a list of functions */
		snprintf(line, sizeof line, _("Tail calls at %1$s (a jmp instead of a call): %2$s."),
			 c->lv[k].flag, list);
		sty_add_text(d, ROLE_TEXT, line, (size_t)-1, width, 2);
	}
}

/* The function list: the one shown bracketed. */
static void compare_list(struct sty_doc *d, const struct ocmp *c, size_t cur, int width)
{
	char line[2048];
	size_t used = 0;
	/* TRANSLATORS: before the list of functions of the comparison; < and > are keys */
	used = (size_t)snprintf(line, sizeof line, "%s", _("Functions (< >; c: another level):"));
	for (size_t i = 0; i < c->n_funcs && used + 4 < sizeof line; i++) {
		const struct ocmp_func *f = &c->funcs[i];
		snprintf(line + used, sizeof line - used, i == cur ? " [%s]" : " %s%s", f->name,
			 i == cur || !ocmp_func_differs(f) ? "" : "*");
		used = strlen(line);
	}
	sty_add_text(d, ROLE_STRONG, line, (size_t)-1, width, 2);
}

/* The aligned bodies: two columns, or stacked. */
static void compare_body(struct sty_doc *d, const struct ocmp *c, const struct ocmp_func *f,
			 int width)
{
	int side = width >= CMP_SIDE_MIN, colw = (width - 3) / 2;
	if (side) {
		struct sty_line *l = sty_newline(d);
		if (l) {
			compare_cell(l, ROLE_STRONG, c->lv[0].flag, colw, colw);
			sty_add(l, ROLE_DIM, "   ", 3);
			compare_cell(l, ROLE_STRONG, c->lv[1].flag, colw, 0);
		}
	}
	for (size_t r = 0; r < f->n_rows; r++) {
		const struct ocmp_row *row = &f->rows[r];
		enum sty_role role = row->mark == ' ' ? ROLE_CODE : ROLE_WARN;
		char mark[4] = { ' ', row->mark, ' ', '\0' };
		if (side) {
			struct sty_line *l = sty_newline(d);
			if (!l)
				return;
			compare_cell(l, role, ocmp_row_text(c, row, 0), colw, colw);
			sty_add(l, ROLE_DIM, mark, 3);
			compare_cell(l, role, ocmp_row_text(c, row, 1), colw, 0);
			continue;
		}
		for (int k = 0; k < 2; k++) {
			if (!row->line[k] || (k == 1 && row->mark == ' '))
				continue;
			struct sty_line *l = sty_newline(d);
			if (!l)
				return;
			sty_add(l, ROLE_DIM, row->mark == ' ' ? "  " : k ? "> " : "< ", 2);
			compare_cell(l, role, ocmp_row_text(c, row, k), width - 2, 0);
		}
	}
}

static void compare_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	struct compare_state *st = compare_state(t);
	const char *flag = compare_flag(t);
	const char *first = t->w->opts.opt_level ? t->w->opts.opt_level : "-O0";
	/* TRANSLATORS: the pane's title: gcc's flags, "-O0" and "-O2" */
	snprintf(p->title, sizeof p->title, _("Two levels: %1$s against %2$s"), first,
		 flag ? flag : "?");
	if (!flag)
		return;
	const struct ocmp_run *slot = walk_compare(t->w, flag);
	/* asked with c before the .i was in: start it now that it is */
	if (slot && !ocmp_run_finished(slot) && !ocmp_run_busy(slot))
		walk_compare_start(t->w, flag, 0);
	const struct ocmp_run *r = compare_run(t);
	if (!r) {
		char msg[300];
		enum run_state ps = walk_state(&t->w->stage[STAGE_PREPROCESS]);
		if (ps == RUN_FAILED || ps == RUN_SKIPPED)
			snprintf(msg, sizeof msg, "%s", _("No comparison: the preprocess stage made no "
							  ".i to compile."));
		else
			/* TRANSLATORS: %1$s and %2$s are gcc's flags */
			snprintf(msg, sizeof msg, _("Compiling the .i at %1$s and at %2$s, with gcc's "
						    "reports of what it inlined and vectorized..."),
				 first, flag);
		sty_add_text(&p->body, ROLE_DIM, msg, (size_t)-1, width, 2);
		return;
	}
	if (!r->ok) {
		sty_add_text(&p->body, ROLE_ERROR, ocmp_run_why(r, 0), (size_t)-1, width, 2);
		for (int k = 0; k < 2; k++)
			if (r->proc[k].argv)
				vdoc_add_run(&p->body, &r->proc[k], width, 0, p->utf8);
		return;
	}
	const struct ocmp *c = &r->cmp;
	if (!c->n_funcs) {
		sty_add_text(&p->body, ROLE_DIM, _("Neither .s has a function."), (size_t)-1, width,
			     2);
		return;
	}
	if (st->func >= c->n_funcs)
		st->func = c->n_funcs - 1;
	const struct ocmp_func *f = &c->funcs[st->func];
	compare_list(&p->head, c, st->func, width);
	for (int k = 0; k < 2; k++)
		compare_summary(&p->head, c, f, k, width);
	for (int k = 0; k < 2; k++)
		compare_done(&p->body, c, f, k, width);
	char notes[4096];
	if (ocmp_say_func(c, f, 0, notes, sizeof notes)) {
		for (char *q = notes, *e; *q && (e = strchr(q, '\n')); q = e + 1)
			sty_add_text(&p->body, ROLE_DIM, q, (size_t)(e - q), width, 2);
		vdoc_add_blank(&p->body);
	} else if (!ocmp_func_differs(f)) {
		sty_add_text(&p->body, ROLE_DIM, _("The same at both levels."), (size_t)-1, width, 2);
		vdoc_add_blank(&p->body);
	}
	compare_body(&p->body, c, f, width);
}

/* The level after the one compared now, in -O0 -O1 -O2 -O3 -Os, skipping the walk's own. */
static int compare_next_level(const struct tui *t)
{
	int own = ocmp_level_index(t->w->opts.opt_level);
	const char *flag = compare_flag(t);
	int cur = flag ? ocmp_level_index(flag) : -1;
	if (cur < 0)
		return own == 2 ? 0 : 2; /* first: -O2, or -O0 from -O2 */
	for (int i = 1; i <= 5; i++) {
		int k = (cur + i) % 5; /* -Og is --compare's only */
		if (k != own)
			return k;
	}
	return cur;
}

/* Compare with level k: start it (on this thread in a headless run, so that the screens
 * that follow show it whole) and show the first function. */
static int compare_choose(struct tui *t, int k)
{
	struct compare_state *st = compare_state(t);
	st->chosen = k + 1;
	st->func = 0;
	walk_compare_start(t->w, ocmp_levels[k], t->o->headless);
	t->pane[TUI_OUTPUT].top = 0;
	return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_BAR | TUI_DRAW_KEYS;
}

int compare_open(struct tui *t)
{
	struct compare_state *st = compare_state(t);
	int k = st->chosen > 0 ? st->chosen - 1 : ocmp_level_index(t->w->opts.compare_level);
	if (k < 0 || (st->chosen == 0 && !t->w->opts.compare_level))
		k = compare_next_level(t);
	int dirty = compare_choose(t, k);
	dirty |= tui_set_stage(t, STAGE_COMPILE);
	for (int i = 0; i < view_count(t, STAGE_COMPILE); i++)
		if (view_at(t, STAGE_COMPILE, i) == &view_compare) {
			view_show(t, i);
			break;
		}
	return dirty | TUI_LAYOUT;
}

/* The two levels side by side want CMP_SIDE_MIN columns; narrower, they stack. */
static int compare_need(struct tui *t, int arg)
{
	(void)t;
	(void)arg;
	return CMP_SIDE_MIN;
}

static const enum keys_action compare_actions[] = { KEYS_COMPARE, KEYS_CMP_FUNC, KEYS_NONE };

static int compare_key(struct tui *t, enum keys_action a, int arg)
{
	struct compare_state *st = compare_state(t);
	if (a == KEYS_COMPARE)
		return compare_choose(t, compare_next_level(t));
	const struct ocmp_run *r = compare_run(t);
	if (a != KEYS_CMP_FUNC || !r || !r->ok || !r->cmp.n_funcs)
		return 0;
	size_t n = r->cmp.n_funcs;
	st->func = (st->func + n + (size_t)(arg < 0 ? n - 1 : 1)) % n;
	t->pane[TUI_OUTPUT].top = 0;
	return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
}

static void compare_forget(struct tui *t, void *state)
{
	(void)t;
	struct compare_state *st = state;
	st->func = 0;
}

const struct view_ops view_compare = {
	.name = N_("two levels"),
	.stage = STAGE_COMPILE,
	.available = compare_available,
	.build = compare_build,
	.need = compare_need,
	.actions = compare_actions,
	.key = compare_key,
	.forget = compare_forget,
	.state_size = sizeof(struct compare_state),
};
