/* report_run: the report's section 5, Run. See report.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/interpose.h"
#include "stages/symbols.h"
#include "stages/writers/report.h"
#include "stages/writers/report_int.h"

#include <elf.h>

/* "e8 00 00 00 00" into buf. */
static const char *rrun_bytes(char *buf, size_t len, const unsigned char *b, unsigned n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < n && o + 4 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%02x", i ? " " : "", b[i]);
	return buf;
}

static void rrun_item(FILE *f, const char *sentence)
{
	if (!sentence)
		return;
	fprintf(f, "- %s\n", report_esc_prose(sentence));
}

static void rrun_para(FILE *f, const char *sentence)
{
	if (!sentence)
		return;
	fprintf(f, "\n%s\n", report_esc_prose(sentence));
}

/* One relocation of the object: where it comes from, the bytes in the object and in each
 * program, side by side as objdump -d prints them, and the arithmetic of each. */
static void rrun_reloc(FILE *f, const struct relocs *r, const struct relocs_reloc *x,
		       const char *obj)
{
	char b[RELOCS_MAX_INSN * 3 + 1], *tab = NULL;
	size_t tlen = 0;
	fputc('\n', f);
	if (x->line && x->file) {
		const char *base = strrchr(x->file, '/');
		fprintf(f, "**%s:%u**", report_esc_prose(base ? base + 1 : x->file), x->line);
	}
	else
		fprintf(f, "**%s+0x%llx**", report_esc_prose(x->section), x->offset);
	if (x->insn_text)
		fprintf(f, " %s", report_span(x->insn_text));
	fputs(": ", f);
	fprintf(f, "%s\n", report_esc_prose(x->text ? x->text : ""));
	FILE *t = open_memstream(&tab, &tlen);
	if (t) {
		/* the object's bytes, then each program's, as objdump -d prints them */
		if (x->insn_start >= 0)
			fprintf(t, "%-12s %8llx:  %-24s %s %s%s0x%llx\n", obj,
				(unsigned long long)x->insn_start,
				rrun_bytes(b, sizeof b, x->insn, x->insn_len),
				symbols_reloc_type_name(EM_X86_64, x->type),
				x->symbol ? x->symbol : "", x->addend < 0 ? "-" : "+",
				x->addend < 0 ? -(unsigned long long)x->addend
					      : (unsigned long long)x->addend);
		for (size_t k = 0; k < r->n_progs; k++) {
			const struct relocs_fill *fl = &x->fill[k];
			if (!fl->found)
				continue;
			fprintf(t, "%-12s %8llx:  %s\n", r->labels[k], fl->insn_addr,
				rrun_bytes(b, sizeof b, fl->bytes, fl->n_bytes));
		}
		if (fclose(t) == 0 && tlen)
			report_code(f, "text", tab, tlen);
		free(tab);
	}
	fputc('\n', f);
	for (size_t k = 0; k < r->n_progs; k++) {
		const struct relocs_fill *fl = &x->fill[k];
		if (!fl->text)
			continue;
		fprintf(f, "- %s: %s\n", r->labels[k], report_esc_prose(fl->text));
	}
}

/* The relocations of the code that are not calls: the instruction, the relocation, and in
 * each program the value ld stored and where, with whether the arithmetic gives it. */
static void rrun_rest(FILE *f, const struct relocs *r, size_t n)
{
	fputc('\n', f);
	fprintf(f, ngettext("The other relocation of the code, filled in the same way (the "
			    "value ld stored at P, and whether S + A - P, or the formula its "
			    "type takes, gives it):",
			    "The other %zu relocations of the code, filled in the same way (the "
			    "value ld stored at P, and whether S + A - P, or the formula its "
			    "type takes, gives it):", n), n);
	fprintf(f, "\n\n| %s | %s | %s |", _("line"), _("instruction"), _("relocation"));
	for (size_t k = 0; k < r->n_progs; k++)
		fprintf(f, " %s |", r->labels[k]);
	fputs("\n|---|---|---|", f);
	for (size_t k = 0; k < r->n_progs; k++)
		fputs("---|", f);
	fputc('\n', f);
	for (size_t i = 0; i < r->n_relocs; i++) {
		const struct relocs_reloc *x = &r->relocs[i];
		if (x->is_call)
			continue;
		char rel[200];
		snprintf(rel, sizeof rel, "%s %s%s0x%llx", symbols_reloc_type_name(EM_X86_64, x->type),
			 x->symbol ? x->symbol : "", x->addend < 0 ? "-" : "+",
			 x->addend < 0 ? -(unsigned long long)x->addend
				       : (unsigned long long)x->addend);
		if (x->line)
			fprintf(f, "| %u | ", x->line);
		else
			fprintf(f, "| %s+0x%llx | ", report_esc_prose(x->section), x->offset);
		fprintf(f, "%s | %s |", x->insn_text ? report_span(x->insn_text) : "",
			report_span(rel));
		for (size_t k = 0; k < r->n_progs; k++) {
			const struct relocs_fill *fl = &x->fill[k];
			if (!fl->found) {
				fprintf(f, " %s |", _("not followed"));
				continue;
			}
			/* TRANSLATORS: the value ld stored, the place P, and ✓ or ✗: the
			 * arithmetic gives that value or not */
			fprintf(f, " ");
			fprintf(f, _("0x%1$llx at 0x%2$llx %3$s"),
				(unsigned long long)fl->computed & 0xffffffffffffffffULL, fl->place,
				fl->checked ? "✓" : "✗");
			fprintf(f, " |");
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	fprintf(f, "%s\n", _("The whole sentence of each is in the JSON, under run.relocs."));
}

/* The relocations of one object filled in, its code's first (calls first, by line), then the
 * rest summarized. */
static void rrun_relocs(FILE *f, const struct relocs *r, int ok, const char *obj)
{
	if (!ok) {
		rrun_para(f, r->error[0] ? r->error : NULL);
		return;
	}
	if (!r->supported) {
		fprintf(f, "\n%s\n", _("Only x86-64's relocations are explained."));
		return;
	}
	if (!r->n_relocs && !r->n_others) {
		fprintf(f, "\n%s\n", _("The object holds no relocation: nothing was left for the "
				      "linker to fill in."));
		return;
	}
	/* the calls in full; the other relocations of the code in a table, a row each */
	size_t n_rest = 0;
	for (size_t i = 0; i < r->n_relocs; i++) {
		if (r->relocs[i].is_call)
			rrun_reloc(f, r, &r->relocs[i], obj);
		else
			n_rest++;
	}
	if (n_rest)
		rrun_rest(f, r, n_rest);
	if (r->n_others) {
		fprintf(f, "\n%s\n\n", _("Outside the code:"));
		for (size_t i = 0; i < r->n_others; i++)
			rrun_item(f, r->others[i].text);
	}
	int head = 0;
	for (size_t k = 0; k < r->n_progs; k++) {
		const char *s = r->prog_summary[k] ? r->prog_summary[k] : r->prog_error[k];
		if (!s)
			continue;
		if (!head++)
			fprintf(f, "\n%s\n\n", _("The programs' own relocations, for the loader or "
					       "their start:"));
		fprintf(f, "- %s: %s\n", r->labels[k], report_esc_prose(s));
	}
}

/* Sections into segments: readelf -l's mapping, each segment's sentence, the entry point and
 * the path from it to main. */
static void rrun_segs(FILE *f, const struct segs *s)
{
	rrun_para(f, s->type_say);
	fprintf(f, "\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", _("segment"),
		_("type"), _("flags"), _("address"), _("sections"));
	for (size_t i = 0; i < s->n_ph; i++) {
		const struct segs_phdr *p = &s->ph[i];
		fprintf(f, "| %zu | %s | %s | 0x%llx | ", i, p->type_name, report_span(p->flags_str),
			p->vaddr);
		for (size_t j = 0; j < p->n_sections; j++)
			fprintf(f, "%s%s", j ? " " : "", report_span(p->sections[j]));
		fputs(" |\n", f);
	}
	fputc('\n', f);
	for (size_t i = 0; i < s->n_ph; i++)
		rrun_item(f, s->ph[i].say);
	rrun_para(f, s->path_say);
}

static void rrun_ld(FILE *f, const struct ldtrace *t, int ok)
{
	if (!ok) {
		rrun_para(f, t->error);
		return;
	}
	fputc('\n', f);
	for (size_t i = 0; i < t->n_says; i++)
		rrun_item(f, t->says[i]);
}

/* A path of the walk directory as ./NAME, as the commands shown run there. */
static const char *rrun_shown(const struct walk *w, const char *path, char *buf, size_t len)
{
	size_t n = strlen(w->dir);
	if (strncmp(path, w->dir, n) == 0 && path[n] == '/') {
		snprintf(buf, len, ".%s", path + n);
		return buf;
	}
	return path;
}

static void rrun_maps(FILE *f, const struct walk *w, const struct procmain_run *run)
{
	char buf[4096];
	fprintf(f, "\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
		_("mapping"), _("permissions"), _("what it holds"), _("file"),
		_("shared (kB)"), _("private (kB)"));
	for (size_t i = 0; i < run->n_maps; i++) {
		const struct procmain_map *m = &run->maps[i];
		fprintf(f, "| %llx-%llx | %s | %s | %s | %ld | %ld |\n", m->start, m->end, m->perms,
			procmain_kind_label(m->kind, 0),
			m->path && *m->path ? report_span(rrun_shown(w, m->path, buf, sizeof buf)) : "",
			m->shared_kb, m->private_kb);
	}
}

static void rrun_pm(FILE *f, const struct walk *w, const struct procmain *pm)
{
	rrun_para(f, pm->say);
	if (pm->n_runs > 0 && pm->run[0].state == PROCMAIN_AT_MAIN)
		rrun_maps(f, w, &pm->run[0]);
	rrun_para(f, pm->sharing);
	rrun_para(f, pm->aslr_say);
}

static void rrun_ip(FILE *f, const struct walk *w, const struct interpose *ip)
{
	rrun_para(f, ip->say);
	if (!ip->built)
		return;
	fputc('\n', f);
	for (int k = 0; k < LINK_COUNT; k++) {
		if (!ip->run[k].ran)
			continue;
		fprintf(f, "- %s: %s\n", walk_link_name((enum link_kind)k),
			report_esc_prose(ip->run[k].say ? ip->run[k].say : "?"));
	}
	(void)w;
}

void report_run_write(FILE *f, const struct walk *w)
{
	const struct walk_run5 *r = &w->run5;
	if (!walk_run5_ready(w)) {
		fprintf(f, "%s\n", _("Not finished."));
		return;
	}
	enum run_state st = walk_state(&r->run);
	if (st == RUN_SKIPPED) {
		fprintf(f, _("Not reached: %s."), r->run.skip_reason ? r->run.skip_reason : "?");
		fputc('\n', f);
		return;
	}
	fprintf(f, "%s\n", _("Each program that linked, as it starts: the holes of the object file "
			     "filled in, its sections mapped as segments, the loader at work, the "
			     "process stopped at main, and a wrapper slipped in with LD_PRELOAD. Every "
			     "program ran confined, in the walk directory."));
	if (st == RUN_FAILED)
		fprintf(f, "\n%s\n", _("None of these facts could be read; each part says why."));

	char *obj = NULL;
	if (asprintf(&obj, "%s.o", w->base) < 0)
		obj = NULL;
	fprintf(f, "\n### %s\n", _("The relocations filled in"));
	fprintf(f, "\n%s\n", _("Each hole the assembler left in the object (its bytes in the .o, "
			       "with the relocation that names what goes there), the same "
			       "instruction in each program, and the linker's arithmetic. The "
			       "learner's own calls come first, by source line."));
	rrun_relocs(f, &r->glibc, r->glibc_ok, obj ? obj : "?");
	if (r->ran[LINK_MUSL]) {
		fprintf(f, "\n#### %s\n", _("musl's object and program"));
		fprintf(f, "\n%s\n", _("musl's program is built from the source by musl-gcc, not "
				       "from the .o: its object is compiled again with musl-gcc -c "
				       "and paired with that program."));
		char *mobj = NULL;
		if (asprintf(&mobj, "%s.musl.o", w->base) < 0)
			mobj = NULL;
		rrun_relocs(f, &r->musl, r->musl_ok, mobj ? mobj : "?");
		free(mobj);
	}
	free(obj);

	static const char *const parts[] = { N_("Sections into segments"),
					      N_("The loader at work"),
					      N_("The process at main") };
	for (int p = 0; p < 3; p++) {
		fprintf(f, "\n### %s\n", _(parts[p]));
		for (int k = 0; k < LINK_COUNT; k++) {
			const struct link_variant *v = &w->variant[k];
			fprintf(f, "\n#### %s\n", walk_link_title((enum link_kind)k));
			if (!r->ran[k]) {
				fputc('\n', f);
				fprintf(f, _("Not run: this variant made no program (%s)."),
					walk_state(&v->link) == RUN_SKIPPED && v->link.skip_reason
					? v->link.skip_reason : walk_run_describe(&v->link));
				fputc('\n', f);
				continue;
			}
			if (p == 0) {
				if (r->segs_ok[k])
					rrun_segs(f, &r->segs[k]);
				else
					rrun_para(f, r->segs[k].error);
			} else if (p == 1) {
				rrun_ld(f, &r->ld[k], r->ld_ok[k]);
			} else {
				rrun_pm(f, w, &r->pm[k]);
			}
		}
	}
	fprintf(f, "\n### %s\n", _("Interposition"));
	if (r->ip)
		rrun_ip(f, w, r->ip);
	else
		fprintf(f, "\n%s\n", _("The wrapper was not tried."));
}
