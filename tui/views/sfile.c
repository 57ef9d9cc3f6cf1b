/* sfile: the .s the shown command made, numbered as that file is, tied to the source by the
 * .loc lines of the same compile with -g (each line paired with its twin there: asmmap_pair):
 * a cursor in each pane, the head explaining the cursor's line, the groups of directives
 * shown or hidden (d opens a chooser on the key line, D shows them all; the -g compile's line
 * table and debug sections then show between the lines, unnumbered); the learner's
 * variables (stages/dwvars.h) named beside the operands that are them and, at the cursor,
 * in the head. Until the line map is in, the .s as gcc wrote it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stages/insn.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The groups of directives a learner can show or hide; their keys in the chooser come from
 * the key table (KEYS_ASM_GROUP, whose argument is the group's asmmap kind). */
static const struct {
	int kind;
	const char *name;
} sfile_groups[] = {
	{ ASMMAP_LOC, ".loc" },             { ASMMAP_CFI, ".cfi" },
	{ ASMMAP_DEBUG, N_("debug") },      { ASMMAP_SYMBOL, N_("symbols") },
	{ ASMMAP_SECTION, N_("sections") }, { ASMMAP_DATA, N_("data") },
};
#define SFILE_N_GROUPS (sizeof sfile_groups / sizeof sfile_groups[0])
/* The groups only the -g compile has: shown between the lines of the .s, unnumbered. */
#define SFILE_G_ONLY ((1u << ASMMAP_LOC) | (1u << ASMMAP_DEBUG))
#define SFILE_DEFAULT_HIDE ((1u << ASMMAP_LOC) | (1u << ASMMAP_CFI) | (1u << ASMMAP_DEBUG))
/* The panes' tab stop (tui/panes.c): where a line's variable note starts. */
#define SFILE_TAB 8

struct sfile_state {
	unsigned shown; /* the groups the learner asked to see against the usual hiding (XOR) */
	int menu;       /* the key line chooses groups of directives (d) */
};

static struct sfile_state *sfile_state(const struct tui *t)
{
	return view_state(t, &view_sfile);
}

/* The groups hidden: 1 << asmmap kind. */
static unsigned sfile_hide(const struct tui *t)
{
	return SFILE_DEFAULT_HIDE ^ sfile_state(t)->shown;
}

static int sfile_tied(const struct tui *t)
{
	return walk_state(&t->w->gline) == RUN_OK && t->w->asmm_ok && t->w->asmm.primary_file >= 0 &&
	       walk_asm_pair_ready(t->w);
}

/* "Lines as in hello.s, tied to the source by the .loc lines of gcc -S -g. Hidden: .loc,
 * .cfi, debug (d chooses, D shows all)." */
static void sfile_add_groups(const struct tui *t, struct sty_doc *d, int width)
{
	char line[600], hidden[200] = "", tie[300];
	const char *s_name = t->w->stage[STAGE_COMPILE].artifact;
	/* TRANSLATORS: %1$s is the .s the command shown made ("hello.s"), %2$s the compiler */
	snprintf(tie, sizeof tie, _("Lines as in %1$s, tied to the source by the .loc lines of "
				    "%2$s -S -g."), s_name ? s_name : ".s", t->w->opts.cc);
	unsigned hide = sfile_hide(t);
	for (size_t i = 0; i < SFILE_N_GROUPS; i++)
		if (hide & (1u << sfile_groups[i].kind)) {
			size_t n = strlen(hidden);
			snprintf(hidden + n, sizeof hidden - n, "%s%s", n ? ", " : "",
				 _(sfile_groups[i].name));
		}
	if (hide)
		/* TRANSLATORS: %1$s is a sentence ("Lines as in hello.s, ..."), %2$s lists the
		   groups of directives hidden, ".loc, .cfi, debug"; d and D are keys */
		snprintf(line, sizeof line, _("%1$s Hidden: %2$s (d chooses, D shows all)."), tie,
			 hidden);
	else
		/* TRANSLATORS: %s is a sentence ("Lines as in hello.s, ..."); d and D are keys */
		snprintf(line, sizeof line, _("%s Every directive shown (d chooses, D hides the "
					      "usual)."), tie);
	if ((hide & SFILE_G_ONLY) != SFILE_G_ONLY) {
		size_t n = strlen(line);
		/* TRANSLATORS: follows the sentences above: the .loc lines and debug sections,
		   when shown, come from the -g compile's file and are not in the .s */
		snprintf(line + n, sizeof line - n, " %s", _("The lines only the -g compile has "
							     "show without a number."));
	}
	sty_add_text(d, ROLE_DIM, line, (size_t)-1, width, 2);
}

/* The cursor's instruction in one sentence (stages/insn.h), its operands read with the
 * context of its function; "" when the line is no instruction. */
static const char *sfile_insn(const struct tui *t, const struct tui_tiedrow *row,
			      struct insn_memo *memo, char *buf, size_t len)
{
	buf[0] = '\0';
	if (row->line)
		insn_explain_memo(&t->w->asmm, row->line, memo, buf, len);
	else if (row->num > 0 && t->w->asms.lines[row->num].kind == ASMMAP_INSN)
		insn_explain(asmmap_line_text(&t->w->asms, (size_t)row->num), NULL, buf, len);
	return buf;
}

/* What the cursor's line is, two lines at most under the head (four in the wide layout): a
 * call gcc kept or rewrote, a function's fate, what its instruction does (with the call's
 * or the function's story too in the wide layout), or what its directive does. */
static void sfile_add_cursor_line(struct tui *t, struct panes_pane *p, int width)
{
	if (!t->src_drives && t->out_cur < t->n_rows &&
	    !(t->o->demo && t->demo_item < 0)) {
		const struct tui_tiedrow *row = &t->rows[t->out_cur];
		size_t line = row->line;
		const char *why = NULL;
		char buf[600];
		if (line && walk_fates_ready(t->w)) {
			const struct fates *ft = &t->w->fates;
			for (size_t i = 0; !why && i < ft->n_calls; i++)
				if (ft->calls[i].s_line == line) {
					snprintf(buf, sizeof buf, "%s: %s", fates_call_name(ft->calls[i].kind),
						 ft->calls[i].why);
					why = buf;
				}
			const struct asmmap *m = &t->w->asmm;
			int f = m->lines[line].func;
			for (size_t i = 0; !why && f >= 0 && i < ft->n_funcs; i++)
				if (m->funcs[f].first == line && ft->funcs[i].cf &&
				    strcmp(ft->funcs[i].cf->name, m->funcs[f].base) == 0) {
					snprintf(buf, sizeof buf, "%s: %s", ft->funcs[i].cf->name,
						 ft->funcs[i].why);
					why = buf;
				}
		}
		char insn[1200], both[1800];
		int wide = t->cols >= TUI_WIDE;
		if (*sfile_insn(t, row, NULL, insn, sizeof insn)) {
			if (why && wide) {
				snprintf(both, sizeof both, "%s %s", insn, why);
				why = both;
			} else if (!why) {
				why = insn;
			}
		}
		if (!why)
			why = asmmap_explain(line ? asmmap_line_text(&t->w->asmm, line) :
					     asmmap_line_text(&t->w->asms, (size_t)row->num));
		if (why) {
			struct sty_doc tmp = { 0 };
			const char *more = t->utf8 ? " \u2026" : " ...";
			size_t most = wide ? 4 : 2;
			/* room at the end for the mark of a sentence cut short */
			sty_add_text(&tmp, ROLE_QUOTE, why, (size_t)-1, width - 4, 2);
			/* two lines at most (four in the wide layout): the head must leave the body
			   room */
			for (size_t i = 0; i < tmp.n && i < most; i++) {
				struct sty_line *l = sty_newline(&p->head);
				*l = tmp.lines[i];
				tmp.lines[i].spans = NULL;
				tmp.lines[i].n = 0;
				if (i + 1 == most && tmp.n > most)
					sty_add(l, ROLE_DIM, more, (size_t)-1);
			}
			sty_doc_free(&tmp);
		}
	}
}

/* The columns line n of the -g .s takes, its tabs expanded as the panes expand them. */
static int sfile_columns(const char *s)
{
	int col = 0;
	for (; *s; s++)
		col = *s == '\t' ? (col / SFILE_TAB + 1) * SFILE_TAB : col + 1;
	return col;
}

/* The learner's variables beside the lines, dim, like a comment: "# a = -20(%rbp)" names
 * the variable and the operand it is; where that does not fit the pane, "# a" alone, and
 * nothing where even that does not (the head says it at the cursor). */
static void sfile_add_var_notes(struct tui *t, struct panes_pane *p)
{
	const struct walk *w = t->w;
	if (!walk_dwvars_ready(w) || p->body.n != t->n_rows)
		return;
	int room = panes_text_width(p);
	for (size_t i = 0; i < t->n_rows; i++) {
		size_t line = t->rows[i].line;
		if (!line || t->rows[i].fold || !w->dwv.lines[line].n_ops)
			continue;
		char note[300], names[200] = "", text[320];
		dwvars_line_note(&w->dwv, line, note, sizeof note);
		int col = sfile_columns(asmmap_line_text(&w->asmm, line));
		snprintf(text, sizeof text, "  # %s", note);
		if (col + sty_width(text, strlen(text)) > room) {
			/* the names alone, each once */
			const struct dwvars_line *l = &w->dwv.lines[line];
			size_t o = 0;
			for (size_t k = l->op; k < l->op + l->n_ops && o < sizeof names; k++) {
				const char *n = w->dwv.vars[w->dwv.ops[k].var].name;
				int seen = 0;
				for (size_t j = l->op; j < k; j++)
					seen |= w->dwv.ops[j].var == w->dwv.ops[k].var;
				if (!seen)
					o += (size_t)snprintf(names + o, sizeof names - o, "%s%s",
							      o ? ", " : "", n);
			}
			snprintf(text, sizeof text, "  # %s", names);
			if (col + sty_width(text, strlen(text)) > room)
				continue;
		}
		sty_add(&p->body.lines[i], ROLE_DIM, text, (size_t)-1);
	}
}

/* Under the head, at the cursor's instruction: which of its operands are which variable
 * ("-20(%rbp) is the parameter a (int, 4 bytes).") and, where the compile keeps variables
 * elsewhere than on the stack, where each of them is ("a is in %edi here.", "x is optimized
 * out here."). Two lines at most, three in a tall pane. */
static void sfile_add_cursor_vars(struct tui *t, struct panes_pane *p, int width)
{
	const struct walk *w = t->w;
	if (!walk_dwvars_ready(w) || t->src_drives || t->out_cur >= t->n_rows ||
	    (t->o->demo && t->demo_item < 0))
		return;
	size_t line = t->rows[t->out_cur].line;
	if (!line || line > w->dwv.n_lines)
		return;
	char text[1200];
	dwvars_line_say(&w->dwv, line, text, sizeof text);
	if (!*text)
		return;
	struct sty_doc tmp = { 0 };
	sty_add_text(&tmp, ROLE_CODE, text, (size_t)-1, width, 2);
	size_t most = panes_rows(p) >= 20 ? 3 : 2;
	for (size_t i = 0; i < tmp.n && i < most; i++) {
		struct sty_line *nl = sty_newline(&p->head);
		*nl = tmp.lines[i];
		tmp.lines[i].spans = NULL;
		tmp.lines[i].n = 0;
	}
	sty_doc_free(&tmp);
}

/* The columns a body line takes, its tabs expanded as the panes expand them (every 8). */
static int sfile_line_cols(const struct sty_line *l)
{
	int col = 0;
	for (size_t i = 0; i < l->n; i++)
		for (const char *s = l->spans[i].text; s && *s; s++)
			if (*s == '\t')
				col = (col / 8 + 1) * 8;
			else if (((unsigned char)*s & 0xc0) != 0x80)
				col++;
	return col;
}

/* What each instruction does, in a dim column of its own where the pane has room for it
 * beside the lines and their notes (zoomed, or a terminal wide enough): its whole sentence
 * where that fits, else its few words (stages/insn.h: "copy", "jump if not equal"); a
 * function read at a glance, while the head says the cursor's instruction in full. Only the
 * rows the pane can show around the cursor get one. */
static void sfile_add_insn_column(struct tui *t, struct panes_pane *p)
{
	enum { GLOSS_MIN = 22 };
	int room = panes_text_width(p), rows = panes_rows(p);
	if (p->body.n != t->n_rows || room < 64 || rows <= 0)
		return;
	size_t from = t->out_cur > (size_t)rows ? t->out_cur - (size_t)rows : 0;
	size_t to = t->out_cur + (size_t)rows < t->n_rows ? t->out_cur + (size_t)rows : t->n_rows;
	int at = 0;
	for (size_t i = from; i < to; i++) {
		int c = sfile_line_cols(&p->body.lines[i]);
		if (c > at && c + 2 + GLOSS_MIN <= room)
			at = c;
	}
	at += 2;
	struct insn_memo memo = { 0 };
	for (size_t i = from; i < to; i++) {
		const struct tui_tiedrow *row = &t->rows[i];
		if (row->fold)
			continue;
		const struct asmmap *m = row->line ? &t->w->asmm : &t->w->asms;
		size_t n = row->line ? row->line : row->num > 0 ? (size_t)row->num : 0;
		if (!n || n > m->n_lines || m->lines[n].kind != ASMMAP_INSN)
			continue;
		const char *mn;
		size_t ml = insn_mnemonic(asmmap_line_text(m, n), &mn);
		char gloss[160], whole[1200], pad[1400];
		const char *say = NULL;
		/* the whole sentence where it fits (its context read from the function's lines
		   once for the column, the rows being in the order of the lines) */
		if (room - at >= 60 && *sfile_insn(t, row, &memo, whole, sizeof whole) &&
		    at + sty_width(whole, strlen(whole)) <= room)
			say = whole;
		if (!say && ml)
			say = insn_gloss(mn, ml, gloss, sizeof gloss);
		int c = sfile_line_cols(&p->body.lines[i]);
		if (!say || c + 1 > at || at + sty_width(say, strlen(say)) > room)
			continue;
		snprintf(pad, sizeof pad, "%*s%s", at - c, "", say);
		sty_add(&p->body.lines[i], ROLE_DIM, pad, (size_t)-1);
	}
}

/* Move the head's lines from `from` to its end up to line `to`, before the lines there: the
 * cursor's sentence goes above the sentence on the groups, so that a short pane, whose head
 * is cut at half its height, still shows it. */
static void sfile_head_raise(struct sty_doc *head, size_t from, size_t to)
{
	size_t n = head->n - from;
	if (!n || to >= from || n > 8)
		return;
	struct sty_line moved[8];
	memcpy(moved, head->lines + from, n * sizeof *moved);
	memmove(head->lines + to + n, head->lines + to, (from - to) * sizeof *moved);
	memcpy(head->lines + to, moved, n * sizeof *moved);
}

static void sfile_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	if (!view_stage_ready(t, p, STAGE_COMPILE, width))
		return;
	if (!sfile_tied(t)) {
		view_text_artifact(t, p, STAGE_COMPILE, width);
		return;
	}
	vdoc_add_command(&p->head, t->w->stage[STAGE_COMPILE].proc.argv, width);
	diag_add_head(t, &p->head, STAGE_COMPILE, width);
	size_t groups_at = p->head.n;
	sfile_add_groups(t, &p->head, width);
	tied_build(t, p, sfile_hide(t));
	size_t cursor_at = p->head.n;
	sfile_add_cursor_line(t, p, panes_text_width(p));
	sfile_head_raise(&p->head, cursor_at, groups_at);
	/* the variables at the cursor right after its sentence, above the groups' too */
	size_t vars_at = p->head.n;
	sfile_add_cursor_vars(t, p, panes_text_width(p));
	sfile_head_raise(&p->head, vars_at, groups_at + (vars_at - cursor_at));
	sfile_add_var_notes(t, p);
	sfile_add_insn_column(t, p);
}

static const enum keys_action sfile_actions[] = {
	KEYS_ASM_ALL, KEYS_ASM_MENU, KEYS_ASM_GROUP, KEYS_UP, KEYS_DOWN, KEYS_PAGE_UP,
	KEYS_PAGE_DOWN, KEYS_TOP, KEYS_BOTTOM, KEYS_NONE
};

static int sfile_key(struct tui *t, enum keys_action a, int arg)
{
	struct sfile_state *st = sfile_state(t);
	switch (a) {
	case KEYS_ASM_ALL:
		/* only where the .s shows */
		if (!view_tied(t))
			return 0;
		st->shown = sfile_hide(t) ? SFILE_DEFAULT_HIDE : 0;
		return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	case KEYS_ASM_MENU:
		st->menu = !st->menu && view_tied(t);
		return TUI_DRAW_KEYS;
	case KEYS_ASM_GROUP:
		st->shown ^= 1u << arg;
		return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_KEYS;
	default:
		if (!view_tied(t) || t->focus == TUI_LESSON)
			return -1;
		return tied_key_move(t, a);
	}
}

static enum keys_mode sfile_mode(const struct tui *t)
{
	return sfile_state(t)->menu ? KEYS_MODE_ASM : KEYS_MODE_NORMAL;
}

/* The chooser: each group, its key, and whether it shows. */
static void sfile_keyline(const struct tui *t, char *line, size_t len)
{
	unsigned hide = sfile_hide(t);
	snprintf(line, len, "%s", _(" directives:"));
	for (size_t i = 0; i < SFILE_N_GROUPS; i++) {
		size_t used = strlen(line);
		/* TRANSLATORS: an entry of the directives chooser: %1$s its key, %2$s the group */
		snprintf(line + used, len - used, hide & (1u << sfile_groups[i].kind) ?
			 _("  %1$s %2$s hidden") : _("  %1$s %2$s shown"),
			 keys_name_for(KEYS_ASM_GROUP, sfile_groups[i].kind, KEYS_MODE_ASM),
			 _(sfile_groups[i].name));
	}
	size_t used = strlen(line);
	/* TRANSLATORS: %s is a key, "d" */
	snprintf(line + used, len - used, _("   %s done"),
		 keys_name_for(KEYS_ASM_MENU, 0, KEYS_MODE_ASM));
}

/* The chooser closes when the learner leaves the .s. */
static void sfile_leave(struct tui *t)
{
	sfile_state(t)->menu = 0;
}

const struct view_ops view_sfile = {
	.name = N_("the .s"),
	.stage = STAGE_COMPILE,
	.build = sfile_build,
	.tied = sfile_tied,
	.cursor_dirty = TUI_BUILD_OUTPUT,
	.actions = sfile_actions,
	.key = sfile_key,
	.mode = sfile_mode,
	.keyline = sfile_keyline,
	.idea = tied_idea,
	.leave = sfile_leave,
	.state_size = sizeof(struct sfile_state),
};
