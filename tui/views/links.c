/* links: the link variants side by side (gcc, -static, -static-pie, musl-gcc -static): size,
 * ELF type, interpreter, needed libraries, ldd, who resolved each symbol, what each program
 * did when run and in an empty root, and what the link commands said, explained. */
#include "config.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The sentences of this view that choose among wordings by facts: the code below decides,
 * these functions word. */

/* The head of a linker message explained: its kind (a label from stages/linkmsg), the symbol
 * if any, the source lines it comes from (lines, n_lines of them, "12, 30"), and the links that
 * printed it (links, n_links of them, "static, musl"). */
static void links_say_msg_head(char *buf, size_t len, const char *kind, const char *symbol,
			       const char *lines, size_t n_lines, const char *links,
			       size_t n_links)
{
	/* TRANSLATORS: the head of a linker message explained: %1$s its kind ("undefined
	   reference"), %2$s a symbol, %3$s source lines ("12, 30"), %4$s the links that printed
	   it ("static, static-pie") */
	if (symbol && n_lines > 1)
		snprintf(buf, len, ngettext("%1$s: %2$s, at lines %3$s, in the %4$s link:",
					    "%1$s: %2$s, at lines %3$s, in the %4$s links:", n_links),
			 kind, symbol, lines, links);
	else if (symbol && n_lines == 1)
		snprintf(buf, len, ngettext("%1$s: %2$s, at line %3$s, in the %4$s link:",
					    "%1$s: %2$s, at line %3$s, in the %4$s links:", n_links),
			 kind, symbol, lines, links);
	else if (symbol)
		snprintf(buf, len, ngettext("%1$s: %2$s, in the %3$s link:",
					    "%1$s: %2$s, in the %3$s links:", n_links),
			 kind, symbol, links);
	else if (n_lines > 1)
		snprintf(buf, len, ngettext("%1$s, at lines %2$s, in the %3$s link:",
					    "%1$s, at lines %2$s, in the %3$s links:", n_links),
			 kind, lines, links);
	else if (n_lines == 1)
		snprintf(buf, len, ngettext("%1$s, at line %2$s, in the %3$s link:",
					    "%1$s, at line %2$s, in the %3$s links:", n_links),
			 kind, lines, links);
	else
		snprintf(buf, len, ngettext("%1$s, in the %2$s link:", "%1$s, in the %2$s links:",
					    n_links), kind, links);
}

/* What a failed link command failed at, as a sentence: the compile (musl's variant compiles
 * the source again) or the link; how reads "exited with status 1". */
static void links_say_failed(char *buf, size_t len, const struct link_variant *v)
{
	if (v->failed_at == LINK_FAILED_AT_COMPILE)
		snprintf(buf, len, _("compile failed: %s"), walk_run_describe(&v->link));
	else
		snprintf(buf, len, _("link failed: %s"), walk_run_describe(&v->link));
}

/* The bytes archive member i put into the program (0 when the map names none). */
static unsigned long long links_member_size(const struct linkmap *m, size_t i)
{
	long long size = linkmap_member_size(m, i);
	return size > 0 ? (unsigned long long)size : 0;
}

/* Who resolved the symbols the program's objects left undefined: for the dynamic link the
 * library that defines each, first in ldd's order; for a static one the archive members ld
 * took for them (for the learner's code, or for gcc's start files), how many members came
 * in with those, and the biggest. The same facts as the report's. */
static void links_resolved(struct tui *t, int k, struct sty_doc *d, int width)
{
	const struct link_variant *v = &t->w->variant[k];
	const char *arrow = t->utf8 ? " → " : " -> ";
	char buf[512], ver[96];

	/* the program's other objects define some at link time, in every link; the libraries
	 * the rest, at run time or from archives: each under its own heading */
	const struct symbols *os = t->w->obj_syms_ok ? &t->w->obj_syms : NULL;
	size_t n_obj = 0, n_lib = 0;
	/* (musl-gcc compiles the sources again, into objects of its own) */
	for (size_t i = 1; os && t->w->n_extra && v->kind != LINK_MUSL && i < os->n_syms; i++)
		n_obj += os->syms[i].shndx == SHN_UNDEF && *os->syms[i].name &&
			 walk_extra_defines(t->w, os->syms[i].name) != NULL;
	for (size_t i = 0; v->resolved_ok && i < v->resolved.n; i++) {
		const struct resolve_binding *b = &v->resolved.bindings[i];
		n_lib += !(b->lib < 0 && walk_extra_defines(t->w, b->symbol));
	}
	if (n_obj) {
		vdoc_add_blank(d);
		sty_add_text(d, ROLE_DIM, _("resolved at link time, by the program's other objects:"),
			       (size_t)-1, width, 2);
		for (size_t i = 1; i < os->n_syms; i++) {
			const char *obj = os->syms[i].shndx == SHN_UNDEF && *os->syms[i].name ?
				walk_extra_defines(t->w, os->syms[i].name) : NULL;
			if (!obj)
				continue;
			struct vdoc_span sp[] = {
				{ ROLE_CODE, os->syms[i].name }, { ROLE_DIM, arrow }, { ROLE_TEXT, obj },
			};
			vdoc_add_spans(d, sp, sizeof sp / sizeof sp[0], 2, width, 4);
		}
	}
	if (n_lib) {
		vdoc_add_blank(d);
		sty_add_text(d, ROLE_DIM, _("resolved at run time:"), (size_t)-1, width, 2);
		for (size_t i = 0; i < v->resolved.n; i++) {
			const struct resolve_binding *b = &v->resolved.bindings[i];
			if (b->lib < 0 && walk_extra_defines(t->w, b->symbol))
				continue;
			ver[0] = '\0';
			if (b->lib >= 0 && b->version)
				snprintf(ver, sizeof ver, " (%s)", b->version);
			const char *why = b->lib < 0 ? walk_unresolved_why(t->w, b->symbol) : NULL;
			struct vdoc_span sp[] = {
				{ ROLE_CODE, b->symbol },
				{ ROLE_DIM, arrow },
				{ b->lib >= 0 ? ROLE_TEXT : why ? ROLE_DIM : ROLE_ERROR,
				  b->lib >= 0 ? v->libs.libs[b->lib].name : why ? why :
				  _("no library defines it") },
				{ ROLE_DIM, ver },
			};
			vdoc_add_spans(d, sp, sizeof sp / sizeof sp[0], 2, width, 4);
		}
	}
	for (size_t i = 0; v->resolved_ok && i < v->resolved.n_libs && i < v->libs.n; i++) {
		if (!v->resolved.lib_errors || !v->resolved.lib_errors[i])
			continue;
		snprintf(buf, sizeof buf, _("%1$s could not be read: %2$s"), v->libs.libs[i].name,
			 v->resolved.lib_errors[i]);
		sty_add_text(d, ROLE_WARN, buf, (size_t)-1, width, 4);
	}
	if (!v->map_ok || !v->map.n_members)
		return;
	const struct linkmap *m = &v->map;
	vdoc_add_blank(d);
	sty_add_text(d, ROLE_DIM, _("resolved at link time:"), (size_t)-1, width, 2);
	for (size_t i = 0; i < m->n_members; i++) {
		const struct linkmap_member *x = &m->members[i];
		if (x->parent >= 0)
			continue;
		char arch[160], mem[200];
		/* The musl link compiles the source anew, into an object of gcc's naming: the
		 * learner's code is what leaves the symbol undefined in the .o. */
		const char *obj = t->w->stage[STAGE_ASSEMBLE].artifact;
		long si = t->w->obj_syms_ok ? symbols_find(&t->w->obj_syms, x->symbol) : -1;
		int own = (obj && strcmp(vdoc_basename(x->by), obj) == 0) ||
			  (si >= 0 && t->w->obj_syms.syms[si].shndx == SHN_UNDEF);
		char name[300];
		snprintf(arch, sizeof arch, "%s", *x->archive ? vdoc_basename(x->archive) : "");
		snprintf(mem, sizeof mem, *x->archive ? "(%s)" : "%s", *x->archive ? x->member :
			 vdoc_basename(x->member));
		struct vdoc_span sp[2 + 6] = { { ROLE_CODE, x->symbol }, { ROLE_DIM, arrow } };
		struct vdoc_span args[] = {
			{ ROLE_TEXT, arch }, { ROLE_TEXT, mem },
			{ ROLE_DIM, own || !*x->by ? "" :
				    walk_input_name(t->w, x->by, name, sizeof name) },
		};
		/* TRANSLATORS: "libc.a(printf.o) for hello.o", after "printf -> ": %1$s an
		   archive, %2$s its member in parentheses, %3$s the object that left the symbol
		   undefined */
		size_t n = vdoc_sentence_spans(own || !*x->by ? "%1$s%2$s" : _("%1$s%2$s for %3$s"),
					      ROLE_DIM, args, 3, sp + 2, 6, buf, sizeof buf);
		vdoc_add_spans(d, sp, 2 + n, 2, width, 4);
	}
	char bytes[64];
	vdoc_format_bytes((long long)linkmap_members_size(m), bytes, sizeof bytes);
	/* TRANSLATORS: %2$s is a number of bytes, "12345 bytes" */
	snprintf(buf, sizeof buf, ngettext("%1$zu member in all, %2$s", "%1$zu members in all, %2$s",
					   m->n_members), m->n_members, bytes);
	sty_add_text(d, ROLE_STRONG, buf, (size_t)-1, width, 2);
	if (m->truncated)
		sty_add_text(d, ROLE_WARN, _("(the link map was cut short: there are more)"),
			       (size_t)-1, width, 2);
	size_t top[5];
	size_t n = linkmap_biggest(m, top, 5);
	sty_add_text(d, ROLE_DIM, _("the biggest, in bytes:"), (size_t)-1, width, 2);
	/* sizes right-aligned as wide as the largest, which comes first: room for the names */
	char size[32];
	int sw = n ? snprintf(size, sizeof size, "%llu", links_member_size(m, top[0])) : 0;
	for (size_t j = 0; j < n; j++) {
		snprintf(size, sizeof size, "%*llu ", sw, links_member_size(m, top[j]));
		struct vdoc_span sp[] = {
			{ ROLE_TEXT, size },
			{ ROLE_CODE, m->members[top[j]].member },
		};
		vdoc_add_spans(d, sp, 2, 0, width, sw + 1);
	}
	char key[16];
	keys_describe(KEYS_VIEW, 1, t->utf8, key, sizeof key);
	/* TRANSLATORS: %1$s is a key, "o" */
	snprintf(buf, sizeof buf, ngettext("%1$s shows all %2$zu, as a tree",
					   "%1$s shows all %2$zu, as a tree", m->n_members), key,
		 m->n_members);
	sty_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
}

/* How many times the dynamic program's size variant k is, "47x" or "1.2x"; "" while either
 * size is unknown. The sizes are the files the links made, as stat(2) saw them. */
static const char *links_ratio(const struct walk *w, int k, char *buf, size_t len)
{
	const struct stage_run *dyn = &w->variant[LINK_DYNAMIC].link;
	const struct stage_run *r = &w->variant[k].link;
	buf[0] = '\0';
	if (walk_state(dyn) != RUN_OK || walk_state(r) != RUN_OK || dyn->artifact_size <= 0 ||
	    r->artifact_size < 0)
		return buf;
	double x = (double)r->artifact_size / (double)dyn->artifact_size;
	snprintf(buf, len, x >= 10 ? "%.0fx" : "%.1fx", x);
	return buf;
}

/* One link variant as a column: the command, the file it made, and what it does. */
static void links_link_column(struct tui *t, int k, struct sty_doc *d, int width)
{
	const struct link_variant *v = &t->w->variant[k];
	enum run_state st = walk_state(&v->link);
	char buf[512];

	sty_add_text(d, ROLE_HEADING, walk_link_title((enum link_kind)k), (size_t)-1, width, 2);
	if (!tui_finished(st)) {
		if (st == RUN_RUNNING)
			snprintf(buf, sizeof buf, _("%s linking ..."), chrome_spinner(t));
		else
			snprintf(buf, sizeof buf, "%s", _("waiting to link"));
		sty_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		view_skipped(d, &v->link, width);
		return;
	}
	vdoc_add_command(d, v->link.proc.argv, width);
	if (st == RUN_FAILED) {
		links_say_failed(buf, sizeof buf, v);
		sty_add_text(d, ROLE_ERROR, buf, (size_t)-1, width, 2);
		sty_add_text(d, ROLE_ERROR, v->link.proc.err, v->link.proc.err_len, width, 2);
		return;
	}
	sty_add_text(d, ROLE_WARN, v->link.proc.err, v->link.proc.err_len, width, 2);
	char size[128], bytes[96], ratio[32];
	vdoc_format_size(v->link.artifact_size, bytes, sizeof bytes);
	if (k != LINK_DYNAMIC && *links_ratio(t->w, k, ratio, sizeof ratio))
		/* TRANSLATORS: a program's size, and how many times the dynamic one's ("47x") */
		snprintf(size, sizeof size, _("%1$s, %2$s the dynamic"), bytes, ratio);
	else
		snprintf(size, sizeof size, "%s", bytes);
	struct vdoc_field f[4] = { { _("size:"), size } };
	/* ELF facts, ldd and the run are written after the link state is published; they may
	 * be read once the variant says all of them are in. */
	if (!walk_variant_finished(v)) {
		vdoc_add_fields(d, f, 1, width);
		snprintf(buf, sizeof buf, _("%s running ldd and the program ..."), chrome_spinner(t));
		sty_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (!v->elf_ok) {
		vdoc_add_fields(d, f, 1, width);
		sty_add_text(d, ROLE_WARN, v->elf.error, (size_t)-1, width, 2);
	} else {
		buf[0] = '\0';
		for (size_t i = 0; i < v->elf.n_needed; i++) {
			size_t have = strlen(buf);
			snprintf(buf + have, sizeof buf - have, "%s%s", i ? " " : "",
				 v->elf.needed[i]);
		}
		f[1] = (struct vdoc_field){ "ELF:", elfinfo_kind_label(&v->elf) };
		f[2] = (struct vdoc_field){ _("interpreter:"),
					    v->elf.interp ? v->elf.interp : _("none") };
		f[3] = (struct vdoc_field){ "NEEDED:", buf[0] ? buf : _("none") };
		vdoc_add_fields(d, f, 4, width);
	}
	/* a library the command named that NEEDED leaves out, and why */
	for (size_t i = 0; i < v->n_dropped; i++) {
		char *why = linkmsg_say_dropped(v->dropped[i], v->as_needed);
		if (why)
			sty_add_text(d, ROLE_DIM, why, (size_t)-1, width, 2);
		free(why);
	}
	links_resolved(t, k, d, width);
	vdoc_add_blank(d);
	vdoc_add_run(d, &v->ldd, width, 0, t->utf8);
	vdoc_add_blank(d);
	vdoc_add_run_in(d, &v->run, walk_run_input(t->w), width, 1, t->utf8);
	/* a write the confinement refused, or what vanished with the run (stages/jail.h) */
	char *why = jail_explain(&t->w->jail, &v->run, v->run_left, 0);
	if (why)
		sty_add_text(d, ROLE_WARN, why, (size_t)-1, width, 2);
	free(why);
	/* the same program alone in an empty root: no loader, no libraries, no /etc */
	vdoc_add_blank(d);
	sty_add_text(d, ROLE_DIM, _("alone in an empty root directory:"), (size_t)-1, width, 2);
	if (v->empty_root_ran)
		vdoc_add_run_in(d, &v->empty_root, walk_run_input(t->w), width, 1, t->utf8);
	else
		sty_add_text(d, ROLE_WARN, v->empty_root_note ? v->empty_root_note : _("not tried"),
			       (size_t)-1, width, 2);
}

enum tui_link_col { TUI_LC_NAME, TUI_LC_SIZE, TUI_LC_RATIO, TUI_LC_MEMBERS, TUI_LC_ELF,
		    TUI_LC_INTERP, TUI_LC_RUN, TUI_LC_ROOT, TUI_LC_COUNT };

/* A row of the link table: its cells, or a sentence when there is nothing to compare yet. */
struct links_link_row {
	char cell[TUI_LC_COUNT][96];
	enum sty_role role[TUI_LC_COUNT];
	char note[512];
	enum sty_role note_role;
};

static void links_link_row(struct tui *t, int k, struct links_link_row *r)
{
	const struct link_variant *v = &t->w->variant[k];
	enum run_state st = walk_state(&v->link);

	memset(r, 0, sizeof *r);
	snprintf(r->cell[TUI_LC_NAME], sizeof r->cell[0], "%s", walk_link_name((enum link_kind)k));
	r->role[TUI_LC_NAME] = ROLE_STRONG;
	if (!tui_finished(st)) {
		snprintf(r->note, sizeof r->note, "%s",
			 st == RUN_RUNNING ? _("linking ...") : _("waiting to link"));
		r->note_role = ROLE_DIM;
		return;
	}
	if (st == RUN_SKIPPED) {
		if (v->link.skip_reason)
			snprintf(r->note, sizeof r->note, _("not run: %s"), v->link.skip_reason);
		else
			snprintf(r->note, sizeof r->note, "%s", _("not run: not reached"));
		r->note_role = ROLE_WARN;
		return;
	}
	if (st == RUN_FAILED) {
		links_say_failed(r->note, sizeof r->note, v);
		r->note_role = ROLE_ERROR;
		return;
	}
	snprintf(r->cell[TUI_LC_SIZE], sizeof r->cell[0], "%lld", v->link.artifact_size);
	links_ratio(t->w, k, r->cell[TUI_LC_RATIO], sizeof r->cell[0]);
	r->role[TUI_LC_RATIO] = ROLE_STRONG;
	if (!walk_variant_finished(v)) {
		snprintf(r->cell[TUI_LC_RUN], sizeof r->cell[0], _("%s running"), chrome_spinner(t));
		r->role[TUI_LC_RUN] = ROLE_DIM;
		return;
	}
	/* the archive members ld took, as the link map lists them; a dynamic link writes no map */
	if (v->map_ok) {
		snprintf(r->cell[TUI_LC_MEMBERS], sizeof r->cell[0], "%zu", v->map.n_members);
	} else {
		snprintf(r->cell[TUI_LC_MEMBERS], sizeof r->cell[0], "%s", t->utf8 ? "—" : "-");
		r->role[TUI_LC_MEMBERS] = ROLE_DIM;
	}
	if (v->elf_ok) {
		snprintf(r->cell[TUI_LC_ELF], sizeof r->cell[0], "%s", elfinfo_kind_label(&v->elf));
		snprintf(r->cell[TUI_LC_INTERP], sizeof r->cell[0], "%s",
			 v->elf.interp ? _("yes") : _("no"));
	}
	snprintf(r->cell[TUI_LC_RUN], sizeof r->cell[0], "%s", proc_describe(&v->run));
	r->role[TUI_LC_RUN] = proc_ok(&v->run) ? ROLE_OK : ROLE_ERROR;
	snprintf(r->cell[TUI_LC_ROOT], sizeof r->cell[0], "%s",
		 v->empty_root_ran ? proc_describe(&v->empty_root) : _("not tried"));
	r->role[TUI_LC_ROOT] = !v->empty_root_ran ? ROLE_DIM
			       : proc_ok(&v->empty_root) ? ROLE_OK : ROLE_ERROR;
}

/* The link variants at a glance, one row each: size, times the dynamic one, the archive
 * members it took, ELF type, whether it names an interpreter, how its run ended, at home and
 * in an empty root. Columns
 * that do not fit are left out,
 * the ones the details below show best first. */
static void links_link_table(struct tui *t, struct sty_doc *d, int width)
{
	/* TRANSLATORS: the link table's column heads; "× dynamic" is how many times the
	   dynamic program's size */
	const char *head[TUI_LC_COUNT] = { _("linked"), _("bytes"),
					   t->utf8 ? _("× dynamic") : _("x dynamic"),
					   _("members"), _("ELF type"), _("interpreter"), _("run"),
					   _("in an empty root") };
	static const int right[TUI_LC_COUNT] = { 0, 1, 1, 1, 0, 0, 0, 0 };
	static const int drop[] = { TUI_LC_ROOT, TUI_LC_MEMBERS, TUI_LC_ELF, TUI_LC_INTERP,
				    TUI_LC_RATIO };
	struct links_link_row rows[LINK_COUNT];
	int cw[TUI_LC_COUNT], show[TUI_LC_COUNT], total = 0;

	for (int c = 0; c < TUI_LC_COUNT; c++) {
		cw[c] = sty_width(head[c], strlen(head[c]));
		show[c] = 1;
	}
	for (int k = 0; k < LINK_COUNT; k++) {
		links_link_row(t, k, &rows[k]);
		for (int c = 0; c < TUI_LC_COUNT; c++) {
			if (rows[k].note[0] && c != TUI_LC_NAME)
				continue;
			int w = sty_width(rows[k].cell[c], strlen(rows[k].cell[c]));
			cw[c] = w > cw[c] ? w : cw[c];
		}
	}
	for (size_t i = 0;; i++) {
		total = -2;
		for (int c = 0; c < TUI_LC_COUNT; c++)
			total += show[c] ? cw[c] + 2 : 0;
		if (total <= width || i == sizeof drop / sizeof drop[0])
			break;
		show[drop[i]] = 0;
	}
	struct sty_line *l = sty_newline(d);
	for (int c = 0; c < TUI_LC_COUNT; c++)
		if (show[c])
			vdoc_add_cell(l, ROLE_DIM, head[c], cw[c], right[c],
				     c + 1 < TUI_LC_COUNT ? 2 : 0);
	for (int k = 0; k < LINK_COUNT; k++) {
		struct links_link_row *r = &rows[k];
		l = sty_newline(d);
		vdoc_add_cell(l, r->role[TUI_LC_NAME], r->cell[TUI_LC_NAME], cw[TUI_LC_NAME], 0, 2);
		if (r->note[0]) {
			/* A sentence wraps under itself, clear of the names. */
			int at = cw[TUI_LC_NAME] + 2;
			struct sty_doc note = { 0 };
			sty_add_text(&note, r->note_role, r->note, (size_t)-1, width - at, 2);
			for (size_t i = 0; i < note.n; i++) {
				if (i > 0) {
					l = sty_newline(d);
					l->indent = at + note.lines[i].indent;
				}
				for (size_t j = 0; j < note.lines[i].n; j++)
					sty_add(l, note.lines[i].spans[j].role,
						note.lines[i].spans[j].text, (size_t)-1);
			}
			sty_doc_free(&note);
			continue;
		}
		for (int c = 1; c < TUI_LC_COUNT; c++)
			if (show[c])
				vdoc_add_cell(l, r->role[c], r->cell[c], cw[c], right[c],
					     c + 1 < TUI_LC_COUNT ? 2 : 0);
	}
}

/* What the linkers said, explained (stages/linkmsg.h): each message once, with the links
 * that printed it, where in the source it comes from, the fix and the lesson. */
static void links_add_msgs(struct tui *t, struct sty_doc *d, int width)
{
	const struct walk *w = t->w;
	const struct linkmsg *m[LINK_COUNT];
	int parsed[LINK_COUNT] = { 0 }, any = 0;
	/* parsed once per variant by the engine, once its link and libclang are done */
	for (int k = 0; k < LINK_COUNT; k++) {
		parsed[k] = walk_msgs_ready(&w->variant[k]);
		m[k] = &w->variant[k].msgs;
		any |= parsed[k] && m[k]->n > 0;
	}
	if (any) {
		vdoc_add_blank(d);
		sty_add_text(d, ROLE_HEADING, _("What the link commands said, explained"),
			       (size_t)-1, width, 2);
	}
	for (int k = 0; k < LINK_COUNT; k++)
		for (size_t i = 0; parsed[k] && i < m[k]->n; i++) {
			const struct linkmsg_item *x = &m[k]->items[i];
			int seen = 0;
			/* the same message from an earlier link was shown with it */
			for (int j = 0; j < k && !seen; j++)
				for (size_t q = 0; parsed[j] && q < m[j]->n && !seen; q++)
					seen = m[j]->items[q].kind == x->kind &&
					       !!m[j]->items[q].symbol == !!x->symbol &&
					       (!x->symbol || !strcmp(m[j]->items[q].symbol, x->symbol));
			if (seen)
				continue;
			char links[128] = "", at[256] = "", head[512];
			size_t n_links = 0, n_at = 0;
			for (int j = k; j < LINK_COUNT; j++) {
				int has = j == k;
				for (size_t q = 0; j > k && parsed[j] && q < m[j]->n && !has; q++)
					has = m[j]->items[q].kind == x->kind &&
					      !!m[j]->items[q].symbol == !!x->symbol &&
					      (!x->symbol || !strcmp(m[j]->items[q].symbol, x->symbol));
				if (has) {
					size_t n = strlen(links);
					snprintf(links + n, sizeof links - n, "%s%s", n ? ", " : "",
						 walk_link_name((enum link_kind)j));
					n_links++;
				}
			}
			for (; n_at < x->n_where && n_at < 3; n_at++) {
				size_t n = strlen(at);
				snprintf(at + n, sizeof at - n, "%s%u", n_at ? ", " : "",
					 x->where[n_at].line);
			}
			links_say_msg_head(head, sizeof head, linkmsg_kind_label(x->kind), x->symbol,
					   at, n_at, links, n_links);
			vdoc_add_blank(d);
			sty_add_text(d, x->kind == LINKMSG_OTHER_WARNING ||
				       x->kind == LINKMSG_STATIC_NSS ? ROLE_WARN : ROLE_ERROR,
				       head, (size_t)-1, width, 2);
			if (x->explain)
				sty_add_text(d, ROLE_TEXT, x->explain, (size_t)-1, width, 2);
			/* a maths function that musl's link found in its own libc.a */
			char member[300];
			if (x->kind == LINKMSG_UNDEFINED && k != LINK_MUSL &&
			    linkmsg_is_libm(x->symbol) &&
			    walk_musl_member(w, x->symbol, member, sizeof member)) {
				char *musl = linkmsg_say_musl_libm(x->symbol, member);
				if (musl)
					sty_add_text(d, ROLE_TEXT, musl, (size_t)-1, width, 2);
				free(musl);
			}
			if (x->fix) {
				char fix[600];
				snprintf(fix, sizeof fix, _("Fix: %s"), x->fix);
				sty_add_text(d, ROLE_COMMAND, fix, (size_t)-1, width, 2);
			}
			const struct catalog_entry *e = x->lesson ? catalog_find(x->lesson) : NULL;
			if (e) {
				char cmd[160], see[200];
				snprintf(cmd, sizeof cmd, "lesson --%s %s",
					 e->kind == CATALOG_STAGE ? "stage" : "topic", e->name);
				/* TRANSLATORS: %s is a command, "lesson --topic libraries" */
				snprintf(see, sizeof see, _("Lesson: %s"), cmd);
				sty_add_text(d, ROLE_DIM, see, (size_t)-1, width, 2);
			}
		}
}

/* The link stage: a table of the variants, then each in detail, side by side when four
 * columns fit, else two by two, else one below the other. */
static void links_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	const char *sep = t->utf8 ? " │ " : " | ";
	int sepw = 3, finished = 0;
	struct sty_doc col[LINK_COUNT];
	char names[128] = "";

	for (int k = 0; k < LINK_COUNT; k++) {
		size_t have = strlen(names);
		snprintf(names + have, sizeof names - have, "%s%s", k ? ", " : "",
			 walk_link_name((enum link_kind)k));
		finished += walk_variant_finished(&t->w->variant[k]);
	}
	/* TRANSLATORS: "Linked programs: hello, 4 ways (dynamic, static, static-pie, musl)" */
	snprintf(p->title, sizeof p->title, ngettext("%1$s: %2$s, %3$d way (%4$s)",
						     "%1$s: %2$s, %3$d ways (%4$s)", LINK_COUNT),
		 _(view_stages[STAGE_LINK].what), t->w->base, LINK_COUNT, names);
	snprintf(p->brief, sizeof p->brief, ngettext("%1$s, %2$d way", "%1$s, %2$d ways",
						     LINK_COUNT), t->w->base, LINK_COUNT);
	if (finished < LINK_COUNT)
		snprintf(p->info, sizeof p->info, _("%1$d of %2$d done"), finished, LINK_COUNT);

	links_link_table(t, &p->body, width);
	/* when a link fails or warns, why comes first, before the columns */
	links_add_msgs(t, &p->body, width);
	vdoc_add_blank(&p->body);

	int ncols = (width - 3 * sepw) / 4 >= TUI_LINK_COL_MIN ? 4 :
		    (width - sepw) / 2 >= TUI_LINK_COL_MIN ? 2 : 1;
	int colw = (width - (ncols - 1) * sepw) / ncols;
	memset(col, 0, sizeof col);
	for (int k = 0; k < LINK_COUNT; k += ncols) {
		if (k > 0)
			vdoc_add_blank(&p->body);
		if (ncols == 1) {
			links_link_column(t, k, &p->body, width);
			continue;
		}
		int n = LINK_COUNT - k < ncols ? LINK_COUNT - k : ncols;
		for (int j = 0; j < n; j++)
			links_link_column(t, k + j, &col[j], colw);
		sty_columns(&p->body, col, (size_t)n, colw, sep);
		for (int j = 0; j < n; j++)
			sty_doc_free(&col[j]);
		memset(col, 0, sizeof col);
	}
	/* how the programs run: confined, and what is not; after the runs, once one has run */
	if (finished > 0 && t->w->jail.probed) {
		char *how = jail_say(&t->w->jail, 0);
		if (how) {
			vdoc_add_blank(&p->body);
			sty_add_text(&p->body, ROLE_DIM, how, (size_t)-1, width, 0);
		}
		free(how);
	}
}

const struct view_ops view_links = {
	.name = N_("side by side"),
	.stage = STAGE_LINK,
	.build = links_build,
};
