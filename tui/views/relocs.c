/* relocs: at Run, the relocations of the .o filled in (stages/relocs.h): one row per
 * relocation in code, the learner's own calls first, each tied to its source line and to
 * the .s line that made it; a cursor on the rows, the source line of the row at the cursor
 * standing out in the source pane; the head says the chosen relocation in full for the link
 * variant shown (v steps the variants): the .o's bytes, the program's bytes, the linker's
 * arithmetic and where the call goes. The relocations outside code and the program's own
 * follow, counted. At a wide width each glibc program's way to the target is a column. */
#include "config.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "stages/symbols.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

struct relocs_view {
	size_t sel;  /* the relocation at the cursor */
	int follow;  /* the cursor moved: the next build brings its row and source line into
			view (a build for another reason, a resize, scrolls nothing) */
};

/* The relocations that hold variant k, and its program's index among them; NULL when the
 * variant's program is not among them. */
static const struct relocs *relocsv_set(const struct walk *w, int k, size_t *pi)
{
	const struct walk_run5 *r = &w->run5;
	const struct relocs *set = k == LINK_MUSL ? (r->musl_ok ? &r->musl : NULL) :
				   (r->glibc_ok ? &r->glibc : NULL);
	if (!set)
		return NULL;
	for (size_t i = 0; i < set->n_progs; i++)
		if (set->labels[i] && strcmp(set->labels[i], walk_link_name((enum link_kind)k)) == 0) {
			*pi = i;
			return set;
		}
	return NULL;
}

/* How the program's instruction reaches its target, in a word or two. */
static const char *relocsv_via(int via)
{
	switch (via) {
	case RELOCS_VIA_DIRECT:
		return _("direct");
	case RELOCS_VIA_PLT:
		return _("PLT");
	case RELOCS_VIA_IPLT:
		return _("IPLT");
	case RELOCS_VIA_COPY:
		return _("copy");
	case RELOCS_VIA_GOT:
		return _("GOT");
	case RELOCS_VIA_RELAXED:
		return _("relaxed");
	case RELOCS_VIA_ABS:
		return _("absolute");
	case RELOCS_VIA_TPOFF:
		return _("TLS");
	default:
		return "-";
	}
}

/* A relocation's type without the machine's prefix: "PLT32". */
static const char *relocsv_type(unsigned type)
{
	const char *n = symbols_reloc_type_name(EM_X86_64, type);
	return strncmp(n, "R_X86_64_", 9) == 0 ? n + 9 : n;
}

/* "puts-4", ".rodata+9" */
static void relocsv_target(const struct relocs_reloc *x, char *buf, size_t len)
{
	if (x->addend)
		snprintf(buf, len, "%s%+lld", x->symbol ? x->symbol : "?", x->addend);
	else
		snprintf(buf, len, "%s", x->symbol ? x->symbol : "?");
}

/* The columns of a row: line, .s line, offset, type, target; then one "via" per program. */
#define RELOCSV_LINE 6
#define RELOCSV_SLINE 6
#define RELOCSV_OFF 7
#define RELOCSV_TYPE 13
#define RELOCSV_VIA 10

static int relocsv_target_w(const struct relocs *set)
{
	int tw = 10;
	char buf[200];
	for (size_t i = 0; i < set->n_relocs; i++) {
		relocsv_target(&set->relocs[i], buf, sizeof buf);
		int w = sty_width(buf, strlen(buf));
		if (w > tw)
			tw = w;
	}
	return tw > 40 ? 40 : tw;
}

/* How many programs' columns the rows get: all of the set's when they fit, else the one. */
static int relocsv_all(const struct relocs *set, int width)
{
	int fixed = 2 + RELOCSV_LINE + RELOCSV_SLINE + RELOCSV_OFF + RELOCSV_TYPE +
		    relocsv_target_w(set) + 1;
	return set->n_progs > 1 && fixed + (int)set->n_progs * (RELOCSV_VIA + 1) <= width;
}

static void relocsv_heading(struct sty_doc *d, const struct relocs *set, size_t pi, int all,
			    int tw)
{
	struct sty_line *l = sty_newline(d);
	vdoc_add_cell(l, ROLE_DIM, "", 2, 0, 0);
	vdoc_add_cell(l, ROLE_DIM, _("line"), RELOCSV_LINE - 1, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _(".s"), RELOCSV_SLINE - 1, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("offset"), RELOCSV_OFF - 1, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("type"), RELOCSV_TYPE - 1, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("symbol"), tw, 0, 1);
	for (size_t i = 0; i < set->n_progs; i++)
		if (all || i == pi)
			vdoc_add_cell(l, ROLE_DIM, set->labels[i] ? set->labels[i] : "?",
				      RELOCSV_VIA, 0, 1);
}

static void relocsv_row(struct sty_doc *d, const struct relocs *set, size_t i, size_t pi,
			int all, int tw)
{
	const struct relocs_reloc *x = &set->relocs[i];
	char buf[200];
	struct sty_line *l = sty_newline(d);
	vdoc_add_cell(l, ROLE_DIM, "", 2, 0, 0);
	if (x->line)
		snprintf(buf, sizeof buf, "%u", x->line);
	else
		snprintf(buf, sizeof buf, "-");
	vdoc_add_cell(l, x->line ? ROLE_STRONG : ROLE_DIM, buf, RELOCSV_LINE - 1, 1, 1);
	if (x->s_line)
		snprintf(buf, sizeof buf, "%u", x->s_line);
	else
		snprintf(buf, sizeof buf, "-");
	vdoc_add_cell(l, ROLE_DIM, buf, RELOCSV_SLINE - 1, 1, 1);
	snprintf(buf, sizeof buf, "%llx", x->offset);
	vdoc_add_cell(l, ROLE_DIM, buf, RELOCSV_OFF - 1, 1, 1);
	vdoc_add_cell(l, ROLE_TEXT, relocsv_type(x->type), RELOCSV_TYPE - 1, 0, 1);
	relocsv_target(x, buf, sizeof buf);
	vdoc_add_cell(l, ROLE_CODE, buf, tw, 0, 1);
	for (size_t p = 0; p < set->n_progs; p++) {
		if (!all && p != pi)
			continue;
		const struct relocs_fill *f = &x->fill[p];
		int role = !f->found ? ROLE_DIM : f->checked ? ROLE_OK : ROLE_WARN;
		vdoc_add_cell(l, role, f->found ? relocsv_via(f->via) : "-", RELOCSV_VIA, 0, 1);
	}
	/* each of the learner's calls is an idea of the demo */
	l->item = x->is_call && x->line;
}

/* The relocation at the cursor, said in full: what the .o holds, then this program. */
static void relocsv_head(struct sty_doc *d, const struct relocs *set, size_t pi, size_t sel,
			 int width)
{
	const struct relocs_reloc *x = &set->relocs[sel];
	char buf[200];
	if (x->insn_text && x->insn_start >= 0) {
		struct sty_line *l = sty_newline(d);
		char bytes[3 * RELOCS_MAX_INSN + 1] = "";
		for (unsigned b = 0; b < x->insn_len && b < RELOCS_MAX_INSN; b++)
			snprintf(bytes + 3 * b, sizeof bytes - 3 * b, "%02x ", x->insn[b]);
		snprintf(buf, sizeof buf, "%llx:  ", (unsigned long long)x->insn_start);
		sty_add(l, ROLE_DIM, buf, (size_t)-1);
		sty_add(l, ROLE_CODE, bytes, (size_t)-1);
		sty_add(l, ROLE_CODE, x->insn_text, (size_t)-1);
	}
	if (x->text)
		sty_add_text(d, ROLE_TEXT, x->text, (size_t)-1, width, 2);
	const struct relocs_fill *f = &x->fill[pi];
	if (f->text)
		sty_add_text(d, f->found && !f->checked ? ROLE_WARN : ROLE_TEXT, f->text,
			     (size_t)-1, width, 2);
	else if (set->prog_error[pi])
		sty_add_text(d, ROLE_WARN, set->prog_error[pi], (size_t)-1, width, 2);
}

/* Append src's lines to dst, each indent columns further in. */
static void relocsv_copy(struct sty_doc *dst, const struct sty_doc *src, int indent)
{
	for (size_t i = 0; i < src->n; i++) {
		struct sty_line *l = sty_newline(dst);
		l->indent = src->lines[i].indent + indent;
		for (size_t j = 0; j < src->lines[i].n; j++)
			sty_add(l, src->lines[i].spans[j].role, src->lines[i].spans[j].text,
				(size_t)-1);
	}
}

static void relocs_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	struct relocs_view *st = view_state(t, &view_relocs);
	char buf[600];
	(void)arg;
	snprintf(p->title, sizeof p->title, _("%1$s: %2$s's relocations filled in"),
		 _(view_stages[STAGE_RUN].what), t->w->base);
	snprintf(p->brief, sizeof p->brief, "%s", _("relocations"));
	if (!view_run5_ready(t, p, width))
		return;
	view_run_strip(t, &p->head, width);
	int k = view_run_variant(t);
	size_t pi = 0;
	const struct relocs *set = k >= 0 ? relocsv_set(t->w, k, &pi) : NULL;
	if (!set) {
		const struct relocs *r = k == LINK_MUSL ? &t->w->run5.musl : &t->w->run5.glibc;
		if (k < 0)
			snprintf(buf, sizeof buf, "%s", _("No program linked, so no relocation was "
				 "filled in."));
		else
			/* TRANSLATORS: %1$s is a link variant ("musl"), %2$s why its relocations
			   were not read */
			snprintf(buf, sizeof buf, _("The %1$s program's relocations were not read: %2$s"),
				 walk_link_name((enum link_kind)k),
				 r->error[0] ? r->error : _("no object to pair it with"));
		sty_add_text(&p->body, ROLE_WARN, buf, (size_t)-1, width, 2);
		return;
	}
	if (!set->supported) {
		sty_add_text(&p->body, ROLE_WARN, _("Only x86-64's relocations are explained here."),
			     (size_t)-1, width, 2);
		return;
	}
	snprintf(p->info, sizeof p->info, ngettext("%zu relocation", "%zu relocations",
						   set->n_relocs), set->n_relocs);
	if (set->n_relocs == 0) {
		sty_add_text(&p->body, ROLE_TEXT, _("The object file has no relocation in its code: "
			     "nothing in it waits for the linker to fill in an address."),
			     (size_t)-1, width, 2);
	} else {
		if (st->sel >= set->n_relocs)
			st->sel = set->n_relocs - 1;
		/* the chosen relocation in full: in the head when it fits in the half of the pane
		   the head may take, else under its row */
		struct sty_doc det = { 0 };
		relocsv_head(&det, set, pi, st->sel, width - 4);
		int inline_det = (int)(p->head.n + det.n) > (p->h - 2) / 2;
		if (!inline_det) {
			sty_doc_clear(&det);
			relocsv_head(&det, set, pi, st->sel, width);
			relocsv_copy(&p->head, &det, 0);
		}
		int all = relocsv_all(set, width), tw = relocsv_target_w(set);
		const char *obj = set->obj ? vdoc_basename(set->obj) : t->w->base;
		const char *var = walk_link_name((enum link_kind)k);
		char more[300];
		if (all)
			/* TRANSLATORS: %s is the object file ("hello.o") */
			snprintf(buf, sizeof buf, _("Each hole the assembler left in %s's code, the "
				 "calls of your own lines first, and how each program's instruction "
				 "reaches its target (green: the linker's arithmetic gives the bytes the "
				 "program holds)."), obj);
		else
			/* TRANSLATORS: %1$s is the object file ("hello.o"), %2$s a variant */
			snprintf(buf, sizeof buf, _("Each hole the assembler left in %1$s's code, the "
				 "calls of your own lines first, and how the %2$s program's instruction "
				 "reaches its target (green: the linker's arithmetic gives the bytes the "
				 "program holds)."), obj, var);
		if (inline_det)
			/* TRANSLATORS: %s is a link variant ("static") */
			snprintf(more, sizeof more, _("Up and Down choose one; it is said in full "
				 "under its row, for the %s program."), var);
		else
			/* TRANSLATORS: %s is a link variant ("static") */
			snprintf(more, sizeof more, _("Up and Down choose one; it is said in full "
				 "above, for the %s program."), var);
		size_t used = strlen(buf);
		snprintf(buf + used, sizeof buf - used, " %s", more);
		sty_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		relocsv_heading(&p->body, set, pi, all, tw);
		for (size_t i = 0; i < set->n_relocs; i++) {
			if (i == st->sel)
				p->cursor = (int)p->body.n;
			relocsv_row(&p->body, set, i, pi, all, tw);
			if (i == st->sel && inline_det) {
				size_t at = p->body.n;
				relocsv_copy(&p->body, &det, 4);
				/* the sentences under the row are the demo's ideas too */
				for (size_t j = at; j < p->body.n; j++)
					p->body.lines[j].item = p->body.lines[j].indent == 4;
			}
		}
		sty_doc_free(&det);
		p->has_cursor = 1;
		/* the row's source line stands out in the source pane; after a move of the
		   cursor, the row and that line are brought into view */
		const struct relocs_reloc *x = &set->relocs[st->sel];
		if (x->line)
			t->src_mark = (long)x->line;
		if (st->follow) {
			tied_show_line(p, p->cursor);
			if (x->line)
				tied_show_line(&t->pane[TUI_SOURCE], (int)x->line - 1);
			st->follow = 0;
		}
	}
	if (set->n_others) {
		vdoc_add_blank(&p->body);
		for (size_t i = 0; i < set->n_others; i++)
			if (set->others[i].text)
				sty_add_text(&p->body, ROLE_DIM, set->others[i].text, (size_t)-1, width,
					     2);
	}
	if (set->prog_summary[pi]) {
		vdoc_add_blank(&p->body);
		sty_add_text(&p->body, ROLE_TEXT, set->prog_summary[pi], (size_t)-1, width, 2);
	}
}

static int relocs_need(struct tui *t, int arg)
{
	(void)arg;
	if (!walk_run5_ready(t->w))
		return 0;
	size_t pi;
	int k = view_run_variant(t);
	const struct relocs *set = k >= 0 ? relocsv_set(t->w, k, &pi) : NULL;
	if (!set || !set->n_relocs)
		return 0;
	return 2 + RELOCSV_LINE + RELOCSV_SLINE + RELOCSV_OFF + RELOCSV_TYPE +
	       relocsv_target_w(set) + 1 + RELOCSV_VIA + 1 + 2;
}

static const enum keys_action relocs_actions[] = {
	KEYS_UP, KEYS_DOWN, KEYS_PAGE_UP, KEYS_PAGE_DOWN, KEYS_TOP, KEYS_BOTTOM, KEYS_VARIANT,
	KEYS_NONE,
};

static int relocs_key(struct tui *t, enum keys_action a, int arg)
{
	struct relocs_view *st = view_state(t, &view_relocs);
	(void)arg;
	if (a == KEYS_VARIANT)
		return view_run_next_variant(t);
	if (t->focus != TUI_OUTPUT || !walk_run5_ready(t->w))
		return -1;
	size_t pi;
	int k = view_run_variant(t);
	const struct relocs *set = k >= 0 ? relocsv_set(t->w, k, &pi) : NULL;
	if (!set || !set->n_relocs)
		return -1;
	long n = (long)set->n_relocs, sel = (long)st->sel;
	long page = panes_rows(&t->pane[TUI_OUTPUT]) - 1;
	switch (a) {
	case KEYS_UP: sel--; break;
	case KEYS_DOWN: sel++; break;
	case KEYS_PAGE_UP: sel -= page > 1 ? page : 1; break;
	case KEYS_PAGE_DOWN: sel += page > 1 ? page : 1; break;
	case KEYS_TOP: sel = 0; break;
	case KEYS_BOTTOM: sel = n - 1; break;
	default: return -1;
	}
	if (sel < 0)
		sel = 0;
	if (sel >= n)
		sel = n - 1;
	st->sel = (size_t)sel;
	st->follow = 1;
	return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_SOURCE;
}

static void relocs_forget(struct tui *t, void *state)
{
	(void)t;
	((struct relocs_view *)state)->sel = 0;
	((struct relocs_view *)state)->follow = 0;
}

const struct view_ops view_relocs = {
	.name = N_("relocations"),
	.stage = STAGE_RUN,
	.build = relocs_build,
	.need = relocs_need,
	.actions = relocs_actions,
	.key = relocs_key,
	.forget = relocs_forget,
	.state_size = sizeof(struct relocs_view),
};
