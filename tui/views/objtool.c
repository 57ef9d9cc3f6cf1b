/* objtool: what a learner would see running nm, readelf or objdump on the .o: the command and
 * its real output, line for line; relocations stand out, each type explained where it first
 * appears. One file, three views (arg is the tool). */
#include "config.h"

#include <gelf.h>
#include <stdio.h>
#include <string.h>

#include "tui/colors.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* What the learner types to look at the .o, as the view strip names them. */
static const char *const objtool_name[OBJ_TOOL_COUNT] = { "nm", "readelf", "objdump" };

/* Each tool view's own state: the widest line its tool printed, measured once. */
struct objtool_state {
	int cols; /* 0: not measured */
};

/* What a learner would see running the tool on the .o: its command, and its real output,
 * line for line (wide lines cut at the pane's edge rather than wrapped, so columns stay
 * columns). In objdump's, relocations stand out, and the first of each type in a function
 * gets what it asks of the linker under it; readelf's headings and relocations stand out. */
static void objtool_output(struct tui *t, struct panes_pane *p, enum obj_tool k, int width)
{
	const struct walk *w = t->w;
	const struct proc_result *r = &w->obj_tools[k];
	char msg[512];

	if (!r->argv) {
		/* TRANSLATORS: %1$s is a tool, "nm"; %2$s the object file */
		snprintf(msg, sizeof msg, _("%1$s was not run on %2$s."), objtool_name[k],
			 w->stage[STAGE_ASSEMBLE].artifact);
		sty_add_text(&p->body, ROLE_WARN, msg, (size_t)-1, width, 2);
		return;
	}
	vdoc_add_command(&p->head, r->argv, width);
	if (r->kind == PROC_SPAWN_FAILED) {
		const char *hint = walk_hint(r);
		if (hint)
			/* TRANSLATORS: %1$s is a tool, %2$s why it did not start, %3$s a hint */
			snprintf(msg, sizeof msg, _("%1$s could not start: %2$s. %3$s."), r->argv[0],
				 proc_describe(r), hint);
		else
			snprintf(msg, sizeof msg, _("%1$s could not start: %2$s. It is part of "
						    "binutils: apt-get install binutils."),
				 r->argv[0], proc_describe(r));
		sty_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
		return;
	}
	unsigned machine = w->obj_syms_ok ? w->obj_syms.machine : EM_X86_64;
	unsigned char seen[256] = { 0 };
	const char *text = r->out, *end = r->out + r->out_len;
	size_t lines = 0, next = 0;
	while (text && text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		int role = ROLE_TEXT, col = 0;
		/* objdump's relocation lines, found by the engine and tied to the .o's records */
		const struct symbols_dump_reloc *dr = NULL;
		while (k == OBJ_OBJDUMP && next < w->n_obj_dump_relocs &&
		       w->obj_dump_relocs[next].line < lines)
			next++;
		if (k == OBJ_OBJDUMP && next < w->n_obj_dump_relocs &&
		    w->obj_dump_relocs[next].line == lines)
			dr = &w->obj_dump_relocs[next];
		if (k == OBJ_OBJDUMP) {
			if (dr) {
				role = COLORS_RELOC;
				col = dr->col;
			}
			else if (n > 2 && text[n - 1] == ':' && text[n - 2] == '>' &&
				 strchr("0123456789abcdef", text[0])) {
				role = ROLE_STRONG; /* "0000000000000000 <main>:" */
				memset(seen, 0, sizeof seen);
			} else if (n > 0 && strncmp(text, "Disassembly of", 14) == 0) {
				role = ROLE_HEADING;
			}
		} else if (k == OBJ_READELF) {
			if (n > 1 && text[0] != ' ' && text[n - 1] == ':')
				role = ROLE_HEADING;
			else if (memmem(text, n, " R_", 3))
				role = COLORS_RELOC;
		}
		struct sty_line *l = sty_newline(&p->body);
		sty_add(l, (enum sty_role)role, text, n);
		lines++;
		if (dr && dr->reloc >= 0 && w->obj_syms_ok) {
			unsigned ty = w->obj_syms.relocs[dr->reloc].type;
			const char *why = symbols_reloc_explain(machine, ty);
			if (why && ty < sizeof seen && !seen[ty]) {
				seen[ty] = 1;
				int at = col < width / 2 ? col : width / 2;
				vdoc_add_note(&p->body, l, why, at, width - at, 0);
			}
		}
		text += n + (nl ? 1 : 0);
	}
	if (r->out_truncated)
		sty_add_text(&p->body, ROLE_DIM, _("(output cut here)"), (size_t)-1, width, 2);
	if (r->err_len)
		sty_add_text(&p->body, ROLE_WARN, r->err, r->err_len, width, 2);
	if (!proc_ok(r)) {
		snprintf(msg, sizeof msg, "%s %s", t->utf8 ? "→" : "->", proc_describe(r));
		sty_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
	}
	/* TRANSLATORS: %1$s is a tool, "nm" */
	snprintf(p->info, sizeof p->info, ngettext("%1$s: %2$zu line", "%1$s: %2$zu lines", lines),
		 objtool_name[k], lines);
}

static void objtool_build(struct tui *t, struct panes_pane *p, int width, int k)
{
	const struct stage_run *r = &t->w->stage[STAGE_ASSEMBLE];
	if (!view_stage_ready(t, p, STAGE_ASSEMBLE, width))
		return;
	vdoc_format_bytes(r->artifact_size, p->info, sizeof p->info);
	if (walk_tools_ready(t->w)) {
		objtool_output(t, p, (enum obj_tool)k, width);
		return;
	}
	char line[512];
	/* TRANSLATORS: %1$s is a spinner, %2$s a tool ("nm"), %3$s the object file */
	snprintf(line, sizeof line, _("%1$s running %2$s on %3$s ..."), chrome_spinner(t),
		 objtool_name[k], r->artifact);
	sty_add_text(&p->body, ROLE_DIM, line, (size_t)-1, width, 2);
}

/* The tool's widest line, so that its columns are not cut; and at least the width of the
 * object's facts, so that the four views of the .o are laid out alike (nm's narrow output
 * would otherwise keep the source beside it where the others take the screen). */
static int objtool_need(struct tui *t, int k)
{
	if (walk_state(&t->w->stage[STAGE_ASSEMBLE]) != RUN_OK || !walk_tools_ready(t->w))
		return 0;
	static const struct view_ops *const views[OBJ_TOOL_COUNT] = {
		[OBJ_NM] = &view_nm, [OBJ_READELF] = &view_readelf, [OBJ_OBJDUMP] = &view_objdump,
	};
	struct objtool_state *st = view_state(t, views[k]);
	const struct proc_result *r = &t->w->obj_tools[k];
	if (!st->cols)
		st->cols = vdoc_text_cols(r->out, r->out_len) + 1;
	int facts = view_objfacts.need(t, 0);
	return st->cols + 2 > facts ? st->cols + 2 : facts;
}

static void objtool_forget(struct tui *t, void *state)
{
	(void)t;
	((struct objtool_state *)state)->cols = 0;
}

const struct view_ops view_nm = { .name = "nm", .stage = STAGE_ASSEMBLE, .arg = OBJ_NM,
				  .build = objtool_build, .need = objtool_need,
				  .forget = objtool_forget,
				  .state_size = sizeof(struct objtool_state) };
const struct view_ops view_readelf = { .name = "readelf", .stage = STAGE_ASSEMBLE,
				       .arg = OBJ_READELF, .build = objtool_build,
				       .need = objtool_need, .forget = objtool_forget,
				       .state_size = sizeof(struct objtool_state) };
const struct view_ops view_objdump = { .name = "objdump", .stage = STAGE_ASSEMBLE,
				       .arg = OBJ_OBJDUMP, .build = objtool_build,
				       .need = objtool_need, .forget = objtool_forget,
				       .state_size = sizeof(struct objtool_state) };
