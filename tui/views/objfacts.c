/* objfacts: the object file's facts: its sections, its symbols (each with the declaration
 * that made it and why it landed where it did) and its relocations, each explained. */
#include "config.h"

#include <gelf.h>
#include <stdio.h>
#include <string.h>

#include "tui/colors.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The object's sections, symbols and relocations, each symbol and each relocation type with
 * what it means; the same facts the report lists. */
/* The declaration in the source that made symbol name of the .o, as libclang saw it: its
 * line and its predicted place (whose reason says why it landed where it did); NULL when
 * libclang has none (gcc's own symbols, or libclang unavailable). A static local's symbol
 * is NAME.N; a function's definition is preferred to its declarations. */
static const struct cfacts_place *objfacts_decl_for(const struct walk *w, const char *name,
					       unsigned *line)
{
	if (walk_state(&w->clang) != RUN_OK)
		return NULL;
	const struct cfacts *cf = &w->cf;
	const struct cfacts_place *found = NULL;
	for (size_t i = 0; i < cf->n_funcs; i++) {
		const struct cfacts_func *f = &cf->funcs[i];
		if (strcmp(f->mangled ? f->mangled : f->name, name) == 0 && f->place.reason &&
		    (!found || f->is_definition)) {
			found = &f->place;
			*line = f->line;
		}
	}
	for (size_t i = 0; !found && i < cf->n_vars; i++) {
		const struct cfacts_var *v = &cf->vars[i];
		size_t len = strlen(v->name);
		if (v->place.reason && (strcmp(v->name, name) == 0 ||
		    (v->static_local && strncmp(v->name, name, len) == 0 && name[len] == '.'))) {
			found = &v->place;
			*line = v->line;
		}
	}
	return found;
}

/* For an undefined symbol: the source lines whose calls left it to the linker, from
 * libclang, or the call gcc rewrote into it (printf into puts). 1 when buf got a note.
 * The code finds the lines or the rewrite; the sentences are at its end. */
static int objfacts_undef_note(const struct walk *w, const char *name, char *buf, size_t len)
{
	if (walk_state(&w->clang) != RUN_OK)
		return 0;
	const struct cfacts *cf = &w->cf;
	char lines[256];
	size_t used = 0, n = 0;
	buf[0] = '\0';
	lines[0] = '\0';
	for (size_t i = 0; i < cf->n_calls; i++) {
		const struct cfacts_call *c = &cf->calls[i];
		if (!c->callee || strcmp(c->callee, name) != 0 || used >= sizeof lines)
			continue;
		if (walk_fates_ready(w)) {
			/* a call gcc rewrote into another function does not use this name */
			int rewritten = 0;
			for (size_t k = 0; k < w->fates.n_calls && !rewritten; k++)
				rewritten = w->fates.calls[k].cf == c &&
					    w->fates.calls[k].kind == FATES_CALL_REWRITTEN;
			if (rewritten)
				continue;
		}
		used += (size_t)snprintf(lines + used, sizeof lines - used, "%s%u", n++ ? ", " : "",
					 c->line);
	}
	if (n) {
		/* TRANSLATORS: %s is the source lines of the calls, "29" or "29, 36" */
		snprintf(buf, len, ngettext("called at line %s; defined elsewhere: the linker must "
					    "find it", "called at lines %s; defined elsewhere: the "
					    "linker must find it", n), lines);
		return 1;
	}
	for (size_t k = 0; walk_fates_ready(w) && k < w->fates.n_calls; k++) {
		const struct fates_call *fc = &w->fates.calls[k];
		if (fc->kind != FATES_CALL_REWRITTEN || !fc->now || strcmp(fc->now, name) != 0 ||
		    !fc->cf)
			continue;
		if (fc->cf->callee)
			/* TRANSLATORS: "line 5: gcc made the call to printf into a call to puts; ..." */
			snprintf(buf, len, _("line %1$u: gcc made the call to %2$s into a call to %3$s; "
					     "defined elsewhere: the linker must find it"),
				 fc->cf->line, fc->cf->callee, name);
		else
			snprintf(buf, len, _("line %1$u: gcc made the call to a function into a call "
					     "to %2$s; defined elsewhere: the linker must find it"),
				 fc->cf->line, name);
		return 1;
	}
	return 0;
}

static void objfacts_tables(struct tui *t, struct panes_pane *p, int width)
{
	const struct walk *w = t->w;
	struct vdoc_table tab = { 0 };
	char fl[ELFINFO_FLAGS_MAX];

	vdoc_add_heading(&p->body, _("Sections"),
			_("readelf -S: flags A takes memory when the program runs, W writable, X "
			  "executable."), width);
	tab.ncols = 3;
	tab.head[0] = _("section");
	tab.head[1] = _("bytes");
	tab.head[2] = _("flags");
	tab.right[1] = 1;
	for (size_t i = 0; i < w->obj_elf.n_sections; i++) {
		const struct elfinfo_section *sec = &w->obj_elf.sections[i];
		struct vdoc_row *r;
		if (!sec->name || !*sec->name || !(r = vdoc_table_row(&tab)))
			continue;
		snprintf(r->cell[0], sizeof r->cell[0], "%s", sec->name);
		r->role[0] = ROLE_CODE;
		snprintf(r->cell[1], sizeof r->cell[1], "%llu", sec->size);
		snprintf(r->cell[2], sizeof r->cell[2], "%s", elfinfo_section_flags(sec->flags, ELFINFO_FLAGS_AWX, fl));
	}
	vdoc_add_table(&p->body, &tab, width);

	if (!w->obj_syms_ok) {
		vdoc_add_blank(&p->body);
		sty_add_text(&p->body, ROLE_WARN, w->obj_syms.error, (size_t)-1, width, 2);
		return;
	}
	const struct symbols *sy = &w->obj_syms;
	int clang = walk_state(&w->clang) == RUN_OK;
	vdoc_add_heading(&p->body, _("Symbols"), clang ?
			_("nm and readelf -s: the names this file defines, and those it uses but "
			  "leaves to the linker (UND), each with the line of the source that made it "
			  "and why it landed there (libclang). Section and file symbols are left "
			  "out.") :
			_("nm and readelf -s: the names this file defines, and those it uses but "
			  "leaves to the linker (UND). Section and file symbols are left out."), width);
	memset(&tab, 0, sizeof tab);
	tab.ncols = 5;
	tab.head[0] = _("symbol");
	tab.head[1] = _("binding");
	tab.head[2] = _("type");
	tab.head[3] = _("section");
	tab.head[4] = _("size");
	tab.right[4] = 1;
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *x = &sy->syms[i];
		struct vdoc_row *r;
		if (x->type == STT_SECTION || x->type == STT_FILE || !x->name[0] ||
		    !(r = vdoc_table_row(&tab)))
			continue;
		snprintf(r->cell[0], sizeof r->cell[0], "%s", x->name);
		r->role[0] = ROLE_CODE;
		snprintf(r->cell[1], sizeof r->cell[1], "%s", symbols_bind_name(x->bind));
		snprintf(r->cell[2], sizeof r->cell[2], "%s", symbols_type_name(x->type));
		snprintf(r->cell[3], sizeof r->cell[3], "%s", x->section);
		r->role[3] = x->shndx == SHN_UNDEF ? ROLE_WARN : ROLE_TEXT;
		snprintf(r->cell[4], sizeof r->cell[4], "%llu", x->size);
		unsigned line = 0;
		const struct cfacts_place *pl = objfacts_decl_for(w, x->name, &line);
		if (pl) {
			/* TRANSLATORS: before why the symbol landed where it did */
			snprintf(r->line, sizeof r->line, _("line %u: "), line);
			r->long_note = pl->reason;
		} else if (x->shndx == SHN_UNDEF && objfacts_undef_note(w, x->name, r->note,
								   sizeof r->note)) {
			;
		} else
			symbols_explain(x, r->note, sizeof r->note);
	}
	if (tab.n == 0)
		sty_add_text(&p->body, ROLE_DIM, _("  (none)"), (size_t)-1, width, 2);
	vdoc_add_table(&p->body, &tab, width);

	if (!sy->n_relocs)
		return;
	vdoc_add_heading(&p->body, _("Relocations"),
			_("readelf -r: the places the linker must fill in, at a section plus an "
			  "offset; each type is explained where it first appears."), width);
	memset(&tab, 0, sizeof tab);
	tab.ncols = 3;
	tab.head[0] = _("where");
	tab.head[1] = _("type");
	tab.head[2] = _("symbol+addend");
	for (size_t i = 0; i < sy->n_relocs; i++) {
		const struct symbols_reloc *x = &sy->relocs[i];
		struct vdoc_row *r = vdoc_table_row(&tab);
		if (!r)
			break;
		snprintf(r->cell[0], sizeof r->cell[0], "%s+0x%llx", x->section, x->offset);
		snprintf(r->cell[1], sizeof r->cell[1], "%s",
			 symbols_reloc_type_name(sy->machine, x->type));
		r->role[1] = COLORS_RELOC;
		/* the addend in hex, as objdump -dr and readelf -r print it */
		snprintf(r->cell[2], sizeof r->cell[2], "%s%s0x%llx", x->symbol,
			 x->addend < 0 ? "-" : "+", x->addend < 0 ? 0ull - (unsigned long long)x->addend :
			 (unsigned long long)x->addend);
		int first = 1;
		for (size_t j = 0; j < i && first; j++)
			first = sy->relocs[j].type != x->type;
		const char *why = symbols_reloc_explain(sy->machine, x->type);
		if (first && why)
			snprintf(r->note, sizeof r->note, "%s", why);
	}
	vdoc_add_table(&p->body, &tab, width);
}

/* The .o is binary: what it is, then its facts. */
static void objfacts_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	const struct walk *w = t->w;
	const struct stage_run *r = &w->stage[STAGE_ASSEMBLE];
	char line[512], size[64];
	int known = walk_obj_ready(w);
	int is_rel = known && w->obj_elf_ok &&
		     strcmp(elfinfo_type_name(w->obj_elf.type), "REL") == 0;

	(void)arg;
	if (!view_stage_ready(t, p, STAGE_ASSEMBLE, width))
		return;
	vdoc_format_bytes(r->artifact_size, p->info, sizeof p->info);
	vdoc_add_command(&p->head, r->proc.argv, width);
	vdoc_format_size(r->artifact_size, size, sizeof size);
	if (is_rel)
		/* TRANSLATORS: "hello.o: ELF relocatable object, 1712 bytes" */
		snprintf(line, sizeof line, _("%1$s: ELF relocatable object, %2$s"), r->artifact,
			 size);
	else
		snprintf(line, sizeof line, "%s: %s", r->artifact, size);
	sty_add_text(&p->body, ROLE_STRONG, line, (size_t)-1, width, 2);
	if (!known)
		return;
	if (!w->obj_elf_ok) {
		sty_add_text(&p->body, ROLE_WARN, w->obj_elf.error, (size_t)-1, width, 2);
		return;
	}
	objfacts_tables(t, p, width);
}

#define OBJFACTS_COLS 66 /* the object's tables with their notes beside them */

static int objfacts_need(struct tui *t, int arg)
{
	(void)arg;
	return walk_state(&t->w->stage[STAGE_ASSEMBLE]) == RUN_OK ? OBJFACTS_COLS + 2 : 0;
}

const struct view_ops view_objfacts = {
	.name = N_("facts"),
	.stage = STAGE_ASSEMBLE,
	.build = objfacts_build,
	.need = objfacts_need,
};
