/* tied: the tied views, the source beside the .i and beside the .s. See ui.h.
 *
 * A cursor in each pane; the rows of the output pane are the artifact's lines, or folded
 * header regions of the .i; each source line's rows share its gutter colour, and moving one
 * cursor picks out the lines tied to it in the other pane. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The gutter colour of source line `line`: neighbours differ, so each line's rows stand out. */
static int tied_band(long line)
{
	return line > 0 ? (int)((line - 1) % STY_BANDS) + 1 : 0;
}

/* The source line an artifact line came from (0: none, or not the source's own). */
static long tied_origin(const struct tui *t, size_t line)
{
	if (t->stage == STAGE_PREPROCESS) {
		const struct ppmap *pp = &t->w->pp;
		if (line < 1 || line > pp->n_lines)
			return 0;
		const struct ppmap_line *l = &pp->lines[line - 1];
		return !l->is_marker && l->file == pp->main_file ? l->line : 0;
	}
	const struct asmmap *m = &t->w->asmm;
	if (line < 1 || line > m->n_lines)
		return 0;
	const struct asmmap_line *l = &m->lines[line];
	return l->file >= 0 && l->file == m->primary_file ? (long)l->src_line : 0;
}

/* The .i's header regions, found once per walk. */
static size_t tied_regions(const struct ppmap *pp, struct tui_region *out)
{
	size_t n = 0;
	for (size_t i = 0; i < pp->n_lines;) {
		const struct ppmap_line *l = &pp->lines[i];
		if (!l->is_marker && l->file == pp->main_file) {
			i++;
			continue;
		}
		size_t j = i, text = 0;
		while (j < pp->n_lines &&
		       (pp->lines[j].is_marker || pp->lines[j].file != pp->main_file)) {
			text += !pp->lines[j].is_marker;
			j++;
		}
		if (out)
			out[n] = (struct tui_region){ i + 1, j, text };
		n++;
		i = j;
	}
	return n;
}

/* The .i's header regions and which are unfolded, found once a walk: 0, or -1 when out of
 * memory. */
int tied_folds(struct tui *t)
{
	if (t->wv.regs)
		return 0;
	size_t nr = tied_regions(&t->w->pp, NULL);
	free(t->wv.fold_open);
	t->wv.regs = calloc(nr + 1, sizeof *t->wv.regs);
	t->wv.fold_open = calloc(nr + 1, 1);
	if (!t->wv.regs || !t->wv.fold_open) {
		free(t->wv.regs);
		free(t->wv.fold_open);
		t->wv.regs = NULL;
		t->wv.fold_open = NULL;
		t->wv.n_folds = 0;
		return -1;
	}
	tied_regions(&t->w->pp, t->wv.regs);
	t->wv.n_folds = nr;
	return 0;
}

/* "stdio.h, stdlib.h (+31 they include)": the headers entered in a region, the first three
 * by name. The sentences are here; the code above only counts. */
static void tied_region_label(const struct ppmap *pp, const struct tui_region *r, char *buf,
			     size_t len)
{
	size_t top = 0, inner = 0, o = 0;
	char names[200] = "", all[240];
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		if (n->first < r->first || n->first > r->last)
			continue;
		if (n->parent == 0) {
			const char *name = vdoc_basename(ppmap_file_name(pp, n->file));
			if (top < 3 && o < sizeof names)
				o += (size_t)snprintf(names + o, sizeof names - o, "%s%s",
						      top ? ", " : "", name);
			top++;
		} else {
			inner++;
		}
	}
	if (!top && !inner) {
		snprintf(buf, len, "%s", _("gcc's own start (<built-in>, <command-line>)"));
		return;
	}
	if (top > 3)
		/* TRANSLATORS: %1$s names the first three headers ("a.h, b.h, c.h") */
		snprintf(all, sizeof all, ngettext("%1$s and %2$zu more", "%1$s and %2$zu more",
						   top - 3), names, top - 3);
	else
		snprintf(all, sizeof all, "%s", names);
	if (inner)
		/* TRANSLATORS: %1$s names the headers; %2$zu is how many headers they include in
		   turn. The plural follows the headers named (top), "it" or "they". */
		snprintf(buf, len, ngettext("%1$s (+%2$zu it includes)", "%1$s (+%2$zu they include)",
					    top), all, inner);
	else
		snprintf(buf, len, "%s", all);
}

static void tied_row_add(struct tui *t, size_t line, int fold, long num)
{
	t->rows[t->n_rows++] = (struct tui_tiedrow){ line, fold, num };
}

/* The text of artifact line n, and its length. */
/* The tied view's text with a NUL after each line, made once a walk: line n at the same
 * offset as in the walk's text. NULL when out of memory. */
static const char *tied_ztext(struct tui *t)
{
	int k = t->stage == STAGE_PREPROCESS ? 0 : 1;
	if (t->wv.ztext[k])
		return t->wv.ztext[k];
	const char *text = k ? t->w->asmm.text : t->w->pp.text;
	size_t len = k ? t->w->asmm.text_len : t->w->pp.text_len;
	char *z = malloc(len + 1);
	if (!z)
		return NULL;
	memcpy(z, text, len);
	z[len] = '\0';
	size_t n = k ? t->w->asmm.n_lines : t->w->pp.n_lines;
	for (size_t i = 1; i <= n; i++) {
		size_t end = k ? t->w->asmm.lines[i].off + t->w->asmm.lines[i].len :
				 t->w->pp.lines[i - 1].off + t->w->pp.lines[i - 1].len;
		if (end <= len)
			z[end] = '\0';
	}
	t->wv.ztext[k] = z;
	return z;
}

static const char *tied_line_text(const struct tui *t, size_t n, size_t *len)
{
	if (t->stage == STAGE_PREPROCESS) {
		const struct ppmap_line *l = &t->w->pp.lines[n - 1];
		*len = l->len;
		return t->w->pp.text + l->off;
	}
	const struct asmmap_line *l = &t->w->asmm.lines[n];
	*len = l->len;
	return t->w->asmm.text + l->off;
}

/* At Compile, the kind of a row's line: as the shown .s has it, or the -g line's. */
static int tied_asm_kind(const struct tui *t, const struct tui_tiedrow *r)
{
	return r->num > 0 ? t->w->asms.lines[r->num].kind : t->w->asmm.lines[r->line].kind;
}

/* Whether a line holds only blanks. */
static int tied_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Room for n rows of the tied view; -1 when out of memory. */
static int tied_rows_room(struct tui *t, size_t n)
{
	if (n <= t->rows_cap)
		return 0;
	struct tui_tiedrow *grown = realloc(t->rows, n * sizeof *grown);
	if (!grown)
		return -1;
	t->rows = grown;
	t->rows_cap = n;
	return 0;
}

/* The rows of the tied view: the .i with its header regions folded (unless unfolded), or the
 * .s without the groups of directives in hide. */
static void tied_make_rows(struct tui *t, unsigned hide)
{
	t->n_rows = 0;
	if (t->stage == STAGE_PREPROCESS) {
		const struct ppmap *pp = &t->w->pp;
		if (tied_folds(t) < 0 || tied_rows_room(t, pp->n_lines + t->wv.n_folds + 1) < 0)
			return;
		const struct tui_region *reg = t->wv.regs;
		size_t nr = t->wv.n_folds, k = 0;
		for (size_t i = 1; i <= pp->n_lines; i++) {
			while (k < nr && reg[k].last < i)
				k++;
			int in = k < nr && reg[k].first <= i;
			if (in && reg[k].text > 0 && !t->wv.fold_open[k]) {
				tied_row_add(t, reg[k].first, (int)k + 1, (long)reg[k].first);
				i = reg[k].last;
				continue;
			}
			tied_row_add(t, i, 0, (long)i);
		}
		return;
	}
	/* The .s the shown command made, each line numbered as in that file and tied to the
	 * source through its pair in the -g compile; the -g compile's own line table and debug
	 * sections between them, unnumbered, when those groups are shown. */
	const struct asmmap *g = &t->w->asmm, *s = &t->w->asms;
	const unsigned *pair = t->w->asm_pair;
	if (tied_rows_room(t, s->n_lines + g->n_lines + 1) < 0)
		return;
	size_t next = 1; /* the first line of the -g compile not yet passed */
	for (size_t n = 1; n <= s->n_lines + 1; n++) {
		size_t upto = n <= s->n_lines ? pair[n] : g->n_lines + 1;
		for (; upto && next < upto; next++) {
			int k = g->lines[next].kind;
			if ((k == ASMMAP_LOC || k == ASMMAP_DEBUG) && !(hide & (1u << k)))
				tied_row_add(t, next, 0, -1);
		}
		if (upto)
			next = upto + 1;
		if (n <= s->n_lines && !(hide & (1u << s->lines[n].kind)))
			tied_row_add(t, pair[n], 0, (long)n);
	}
}

/* The source line the ties follow: the source cursor's, or the one the output cursor's row
 * came from. */
static long tied_line(const struct tui *t)
{
	if (t->src_drives || t->out_cur >= t->n_rows)
		return t->src_cur;
	const struct tui_tiedrow *r = &t->rows[t->out_cur];
	return r->fold ? 0 : tied_origin(t, r->line);
}

/* The tied output pane's body: one row per .i or .s line or folded region; the .s without
 * the groups of directives in hide (1 << asmmap kind). The view has made the head. */
void tied_build(struct tui *t, struct panes_pane *p, unsigned hide)
{
	tied_make_rows(t, hide);
	if (t->out_cur >= t->n_rows)
		t->out_cur = t->n_rows ? t->n_rows - 1 : 0;
	p->numbered = 1;
	p->number_from = 0;
	t->rows_from = 0;
	long max = 0;
	const struct ppmap *pp = &t->w->pp;
	const char *z = tied_ztext(t);
	const char *base = t->stage == STAGE_PREPROCESS ? pp->text : t->w->asmm.text;
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct tui_tiedrow *row = &t->rows[i];
		struct sty_line *l = sty_newline(&p->body);
		l->num = row->num;
		if (row->num > max)
			max = row->num;
		if (row->fold) {
			const struct tui_region *reg = &t->wv.regs[row->fold - 1];
			size_t n = reg->last - reg->first + 1;
			char label[256], text[400];
			tied_region_label(pp, reg, label, sizeof label);
			/* TRANSLATORS: a folded region of the .i: %1$s a mark ("▸"), %3$s the
			   headers in it */
			snprintf(text, sizeof text, ngettext("%1$s %2$zu line: %3$s",
							     "%1$s %2$zu lines: %3$s", n),
				 t->utf8 ? "▸" : ">", n, label);
			sty_add(l, ROLE_DIM, text, (size_t)-1);
			l->item = 1;
		} else if (t->stage == STAGE_COMPILE && !row->line) {
			/* a line of the shown .s the -g compile lacks: tied to nothing */
			const struct asmmap_line *sl = &t->w->asms.lines[row->num];
			int k = sl->kind;
			sty_add(l, k == ASMMAP_INSN || k == ASMMAP_LABEL ? ROLE_TEXT : ROLE_CODE,
				t->w->asms.text + sl->off, sl->len);
		} else {
			size_t len;
			const char *text = tied_line_text(t, row->line, &len);
			long from = tied_origin(t, row->line);
			int marker = t->stage == STAGE_PREPROCESS && pp->lines[row->line - 1].is_marker;
			if (t->stage == STAGE_PREPROCESS && !from && !marker) {
				/* an unfolded header line: its origin first */
				const struct ppmap_line *pl = &pp->lines[row->line - 1];
				char where[160];
				snprintf(where, sizeof where, "%s:%ld  ",
					 vdoc_basename(ppmap_file_name(pp, pl->file)), pl->line);
				sty_add(l, ROLE_DIM, where, (size_t)-1);
			}
			enum sty_role role = marker ? ROLE_DIM : ROLE_TEXT;
			if (t->stage == STAGE_COMPILE) {
				int k = tied_asm_kind(t, row);
				role = k == ASMMAP_INSN || k == ASMMAP_LABEL ? ROLE_TEXT :
				       k == ASMMAP_LOC || k == ASMMAP_CFI || k == ASMMAP_DEBUG ? ROLE_DIM :
				       ROLE_CODE;
			}
			if (z && memchr(text, '\0', len) == NULL)
				sty_add_borrowed(l, role, z + (text - base));
			else
				sty_add(l, role, text, len);
			l->band = tied_band(from);
			if (t->stage == STAGE_COMPILE) {
				int f = row->line ? t->w->asmm.lines[row->line].func : -1;
				l->item = f >= 0 && t->w->asmm.funcs[f].first == row->line;
			}
		}
	}
	p->num_max = max;
	if (t->stage == STAGE_PREPROCESS && t->out_home) {
		/* The .i opens at the learner's code: the first row from the source that is not
		 * blank stays in view, with the folded headers above it when they fit. */
		for (size_t i = 0; i < t->n_rows; i++) {
			const struct tui_tiedrow *row = &t->rows[i];
			size_t len;
			const char *text = row->fold ? NULL : tied_line_text(t, row->line, &len);
			if (!text || !tied_origin(t, row->line) || pp->lines[row->line - 1].is_marker ||
			    tied_blank(text, len))
				continue;
			int rows = panes_rows(p);
			if ((int)i >= rows)
				p->top = (int)i - rows + 1;
			break;
		}
		/* and the cursor with it, on the first row in view, not above it */
		if (t->out_cur < (size_t)p->top)
			t->out_cur = (size_t)p->top;
		t->out_home = 0;
	}
	size_t all = t->stage == STAGE_PREPROCESS ? pp->n_lines : t->w->asms.n_lines, shown = 0;
	for (size_t i = 0; i < t->n_rows; i++)
		shown += t->stage == STAGE_PREPROCESS || t->rows[i].num > 0;
	/* TRANSLATORS: %1$zu lines shown of %2$zu */
	snprintf(p->info, sizeof p->info, ngettext("%1$zu of %2$zu line", "%1$zu of %2$zu lines",
						   all), shown, all);
}

/* Draw source line i (0-based) of p in role: every span of it. */
static void tied_restyle(struct panes_pane *p, size_t i, enum sty_role role)
{
	if (i >= p->body.n)
		return;
	for (size_t k = 0; k < p->body.lines[i].n; k++)
		p->body.lines[i].spans[k].role = role;
}

/* What the source pane marks at Preprocess and Compile: the lines a false #if left out
 * (dim), and the lines libclang has an error or a warning for. */
static void tied_mark_source(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	if (!t->src)
		return;
	if (t->stage == STAGE_PREPROCESS && t->w->pp_ok) {
		if (!t->wv.inactive)
			t->wv.inactive = ppmap_inactive_lines(&t->w->pp, t->src, t->src_len,
							   &t->wv.n_inactive);
		for (size_t l = 1; t->wv.inactive && l <= t->wv.n_inactive; l++)
			if (t->wv.inactive[l])
				tied_restyle(p, l - 1, ROLE_DIM);
	}
	if (t->stage <= STAGE_COMPILE && walk_state(&t->w->clang) == RUN_OK)
		for (size_t i = 0; i < t->w->cf.n_diags; i++) {
			const struct cfacts_diag *d = &t->w->cf.diags[i];
			if (d->in_main && d->line > 0 && d->severity >= CFACTS_SEV_WARNING)
				tied_restyle(p, d->line - 1, d->severity == CFACTS_SEV_WARNING ?
					    ROLE_WARN : ROLE_ERROR);
		}
}

/* The source pane's bands and ties at a tied stage. */
void tied_tie_source(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	tied_mark_source(t);
	if (!view_tied(t) || !t->src)
		return;
	for (size_t i = 0; i < p->body.n; i++) {
		long line = (long)i + 1;
		struct sty_line *l = &p->body.lines[i];
		size_t n = 0;
		if (t->stage == STAGE_PREPROCESS) {
			n = ppmap_main_count(&t->w->pp, line);
		} else {
			const struct asmmap_range *r;
			n = asmmap_ranges_for(&t->w->asmm, t->w->asmm.primary_file, (unsigned)line, &r);
		}
		l->band = n ? tied_band(line) : 0;
	}
}

/* Every highlight of the panes, from the state: the tied cursors and what they are tied to,
 * then the search's hits (from its last run) over them. A key that only moves a cursor or a
 * hit comes here instead of rebuilding a pane: on a 100,000-line .i, a pass over the lines'
 * flags costs little next to making the lines again. */
void tied_apply_hl(struct tui *t)
{
	for (int k = 0; k < TUI_PANE_COUNT; k++) {
		struct panes_pane *p = &t->pane[k];
		for (size_t i = 0; i < p->body.n; i++)
			p->body.lines[i].hl = STY_HL_NONE;
	}
	/* the demo's opening screen of a view picks out no line: its first Space does */
	if (view_tied(t) && t->src && !(t->o->demo && t->demo_item < 0)) {
		struct panes_pane *sp = &t->pane[TUI_SOURCE], *op = &t->pane[TUI_OUTPUT];
		long tied = tied_line(t);
		if (t->src_drives && t->src_cur >= 1 && (size_t)t->src_cur <= sp->body.n)
			sp->body.lines[t->src_cur - 1].hl = STY_HL_CURSOR;
		else if (!t->src_drives && tied >= 1 && (size_t)tied <= sp->body.n)
			sp->body.lines[tied - 1].hl = STY_HL_LINKED;
		for (size_t i = 0; i < t->n_rows && t->rows_from + i < op->body.n; i++) {
			struct sty_line *l = &op->body.lines[t->rows_from + i];
			if (!t->src_drives && i == t->out_cur)
				l->hl = STY_HL_CURSOR;
			else if (tied && !t->rows[i].fold && tied_origin(t, t->rows[i].line) == tied)
				l->hl = STY_HL_LINKED;
		}
	}
	if (!view_tied(t) && t->src_mark > 0 && (size_t)t->src_mark <= t->pane[TUI_SOURCE].body.n)
		t->pane[TUI_SOURCE].body.lines[t->src_mark - 1].hl = STY_HL_LINKED;
	if (t->search.pattern && t->search_ilines) {
		/* hits are .i lines: each on its row, or on the folded region that holds it */
		struct panes_pane *p = &t->pane[TUI_OUTPUT];
		for (size_t i = 0; i < t->search.n_hits; i++) {
			int folded;
			long r = tied_row_of_iline(t, t->search.hits[i] + 1, &folded);
			size_t b = (size_t)t->rows_from + (size_t)r;
			if (r < 0 || b >= p->body.n)
				continue;
			if (t->search.hits[i] == t->search_cur && !folded)
				p->body.lines[b].hl = STY_HL_CURSOR;
			else if (p->body.lines[b].hl != STY_HL_CURSOR)
				p->body.lines[b].hl = STY_HL_LINKED;
		}
	} else if (t->search.pattern) {
		struct panes_pane *p = &t->pane[t->search_pane];
		for (size_t i = 0; i < t->search.n_hits; i++)
			if (t->search.hits[i] < p->body.n)
				p->body.lines[t->search.hits[i]].hl =
					t->search.hits[i] == t->search_cur ? STY_HL_CURSOR :
					STY_HL_LINKED;
	}
}

long tied_row_of_iline(const struct tui *t, size_t n, int *folded)
{
	/* rows are in .i line order; a folded region's row stands for its first line */
	size_t lo = 0, hi = t->n_rows;
	*folded = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->rows[mid].line <= n)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	const struct tui_tiedrow *r = &t->rows[lo - 1];
	if (r->line == n && !r->fold)
		return (long)lo - 1;
	if (r->fold && n <= t->wv.regs[r->fold - 1].last) {
		*folded = 1;
		return (long)lo - 1;
	}
	return -1;
}

/* Bring body line i of p into view, a third from the top, unless it is in view already. */
void tied_show_line(struct panes_pane *p, int i)
{
	int rows = panes_rows(p);
	if (i >= p->top && i < p->top + rows)
		return;
	panes_scroll_to(p, i - rows / 3);
}

/* Move a tied view's cursor: the source's or the output's, by delta lines (or pages, or to
 * an end). The other pane follows. */
int tied_move(struct tui *t, int delta, int page, int end)
{
	int was_src = t->src_drives;
	if (t->focus == TUI_SOURCE) {
		struct panes_pane *p = &t->pane[TUI_SOURCE];
		long n = (long)p->body.n, cur = t->src_cur ? t->src_cur : p->top + 1;
		if (end)
			cur = end < 0 ? 1 : n;
		else
			cur += page ? (long)delta * (panes_rows(p) - 1) : delta;
		cur = cur < 1 ? 1 : cur > n ? n : cur;
		t->src_cur = cur;
		t->src_drives = 1;
		tied_show_line(p, (int)cur - 1);
	} else {
		struct panes_pane *p = &t->pane[TUI_OUTPUT];
		long cur = (long)t->out_cur, n = (long)t->n_rows;
		if (end)
			cur = end < 0 ? 0 : n - 1;
		else
			cur += page ? (long)delta * (panes_rows(p) - 1) : delta;
		cur = cur < 0 ? 0 : cur >= n ? n - 1 : cur;
		t->out_cur = cur < 0 ? 0 : (size_t)cur;
		t->src_drives = 0;
		tied_show_line(p, t->rows_from + (int)t->out_cur);
	}
	/* What the view makes again when its cursor moves (the .s head explains the cursor's line) */
	int head = !(was_src && t->src_drives) ? view_cursor_dirty(t) : 0;
	return head | TUI_HL | TUI_FOLLOW | TUI_DRAW_SOURCE | TUI_DRAW_OUTPUT;
}

/* After a move: the other pane scrolls to what the cursor is tied to. */
void tied_follow(struct tui *t)
{
	long tied = tied_line(t);
	if (!tied)
		return;
	if (t->src_drives) {
		/* the first row tied to the line in view, and the rows after it that fit */
		struct panes_pane *op = &t->pane[TUI_OUTPUT];
		long first = -1, last = -1;
		for (size_t i = 0; i < t->n_rows; i++)
			if (!t->rows[i].fold && tied_origin(t, t->rows[i].line) == tied) {
				if (first < 0)
					first = (long)i;
				last = (long)i;
			}
		if (first < 0)
			return;
		tied_show_line(op, t->rows_from + (int)first);
		int rows = panes_rows(op), lo = t->rows_from + (int)first,
		    hi = t->rows_from + (int)last;
		if (hi >= op->top + rows)
			panes_scroll_to(op, hi - rows + 1 > lo ? lo : hi - rows + 1);
	} else {
		tied_show_line(&t->pane[TUI_SOURCE], (int)tied - 1);
	}
}

/* Enter on a folded region unfolds it; on an unfolded header line folds its region again. */
int tied_fold(struct tui *t)
{
	if (t->stage != STAGE_PREPROCESS || t->focus != TUI_OUTPUT || t->out_cur >= t->n_rows)
		return -1;
	const struct tui_tiedrow *r = &t->rows[t->out_cur];
	if (r->fold) {
		t->wv.fold_open[r->fold - 1] = 1;
		return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	}
	if (tied_origin(t, r->line) || tied_folds(t) < 0)
		return -1;
	const struct tui_region *all = t->wv.regs;
	for (size_t k = 0; k < t->wv.n_folds; k++)
		if (all[k].first <= r->line && r->line <= all[k].last) {
			t->wv.fold_open[k] = 0;
			/* the cursor goes to the folded row, which the rows before it keep at
			 * the same index, and stays in view */
			for (size_t i = 0; i < t->out_cur; i++)
				if (t->rows[i].line >= all[k].first) {
					t->out_cur = i;
					break;
				}
			tied_show_line(&t->pane[TUI_OUTPUT], t->rows_from + (int)t->out_cur);
		}
	return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_SOURCE;
}

int tied_key_move(struct tui *t, enum keys_action a)
{
	switch (a) {
	case KEYS_UP:
		return tied_move(t, -1, 0, 0);
	case KEYS_DOWN:
		return tied_move(t, 1, 0, 0);
	case KEYS_PAGE_UP:
		return tied_move(t, -1, 1, 0);
	case KEYS_PAGE_DOWN:
		return tied_move(t, 1, 1, 0);
	case KEYS_TOP:
		return tied_move(t, 0, 0, -1);
	case KEYS_BOTTOM:
		return tied_move(t, 0, 0, 1);
	default:
		return -1;
	}
}

int tied_idea(struct tui *t, int line)
{
	if (!view_tied(t) || line < t->rows_from || (size_t)(line - t->rows_from) >= t->n_rows)
		return 0;
	t->out_cur = (size_t)(line - t->rows_from);
	t->src_drives = 0;
	return view_cursor_dirty(t) | TUI_HL | TUI_FOLLOW | TUI_DRAW_OUTPUT | TUI_DRAW_SOURCE;
}
