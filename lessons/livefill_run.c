/* livefill_run: the run.* facts of a walk. See livefill_run.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lessons/livefill_run.h"
#include "lessons/styled.h"
#include "stages/i18n.h"
#include "stages/interpose.h"

/* The first call of the .o, preferring one that goes through the PLT in the dynamic
 * program: the worked relocation. */
static const struct relocs_reloc *lfrun_call(const struct relocs *r)
{
	const struct relocs_reloc *first = NULL;
	for (size_t i = 0; i < r->n_relocs; i++) {
		const struct relocs_reloc *x = &r->relocs[i];
		if (!x->is_call)
			continue;
		if (!first)
			first = x;
		if (r->n_progs && x->fill[0].via == RELOCS_VIA_PLT)
			return x;
	}
	return first ? first : r->n_relocs ? &r->relocs[0] : NULL;
}

/* A sentence of the relocation's account, as the lines of a text block: a lesson pane cuts
 * a code block's long lines, so they are wrapped here, the lines after the first indented. */
#define LFRUN_WIDTH 72

static void lfrun_wrap(FILE *f, const char *lead, const char *text)
{
	size_t col = strlen(lead), room = LFRUN_WIDTH;
	fputs(lead, f);
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " \n");
		if (!w) {
			if (*p == '\n') {
				fputs("\n  ", f);
				col = 2;
				p++;
			}
			continue;
		}
		if (col > 2 && col + 1 + w > room) {
			fputs("\n  ", f);
			col = 2;
		} else if (col > 0 && col != 2 && p != text) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += w;
		p += w;
	}
	fputc('\n', f);
}

static void lfrun_relocation(FILE *f, const struct walk_run5 *r)
{
	const struct relocs *g = &r->glibc;
	const struct relocs_reloc *x = r->glibc_ok ? lfrun_call(g) : NULL;
	if (!x) {
		fprintf(f, "%s\n", r->glibc_ok ? _("The object holds no relocation in its code.")
					       : g->error);
		return;
	}
	lfrun_wrap(f, "", x->text ? x->text : "");
	for (size_t k = 0; k < g->n_progs; k++) {
		if (!x->fill[k].text)
			continue;
		char lead[64];
		snprintf(lead, sizeof lead, "%.60s: ", g->labels[k]);
		fputc('\n', f);
		lfrun_wrap(f, lead, x->fill[k].text);
	}
}

static void lfrun_segments(FILE *f, const struct segs *s)
{
	fprintf(f, "%s\n\n", s->type_say);
	/* the columns of readelf -l's mapping */
	/* padded by display width: translated headings may be Chinese */
	fprintf(f, "%-3s ", "#");
	sty_fpad(f, _("type"), 13);
	putc(' ', f);
	sty_fpad(f, _("flags"), 5);
	fprintf(f, " %s\n", _("sections"));
	for (size_t i = 0; i < s->n_ph; i++) {
		const struct segs_phdr *p = &s->ph[i];
		fprintf(f, "%-3zu %-13s %-5s", i, p->type_name, p->flags_str);
		for (size_t j = 0; j < p->n_sections; j++)
			fprintf(f, " %s", p->sections[j]);
		fputc('\n', f);
	}
	fprintf(f, "\n%s\n", s->path_say ? s->path_say : "");
}

static void lfrun_says(FILE *f, const char *name, const struct ldtrace *t, int ok)
{
	fprintf(f, "%s:\n", name);
	if (!ok) {
		fprintf(f, "  %s\n", t->error);
		return;
	}
	for (size_t i = 0; i < t->n_says; i++)
		fprintf(f, "- %s\n", t->says[i]);
}

static void lfrun_process(FILE *f, const struct walk *w, const struct procmain *pm)
{
	fprintf(f, "%s\n", pm->say ? pm->say : "");
	if (pm->n_runs > 0 && pm->run[0].state == PROCMAIN_AT_MAIN) {
		fputc('\n', f);
		size_t n = strlen(w->dir);
		for (size_t i = 0; i < pm->run[0].n_maps; i++) {
			const struct procmain_map *m = &pm->run[0].maps[i];
			const char *path = m->path ? m->path : "";
			int here = strncmp(path, w->dir, n) == 0 && path[n] == '/';
			fprintf(f, "%012llx-%012llx %s %-28s %s%s\n", m->start, m->end, m->perms,
				procmain_kind_label(m->kind, 0), here ? "." : "", here ? path + n : path);
		}
	}
	if (pm->sharing)
		fprintf(f, "\n%s\n", pm->sharing);
	if (pm->aslr_say)
		fprintf(f, "\n%s\n", pm->aslr_say);
}

int livefill_run(FILE *f, const struct walk *w, const char *fact)
{
	if (strncmp(fact, "run.", 4) != 0)
		return 0;
	const struct walk_run5 *r = &w->run5;
	if (!walk_run5_ready(w))
		return fprintf(f, "%s\n", _("Not finished.")), 1;
	if (walk_state(&r->run) == RUN_SKIPPED) {
		fprintf(f, _("Stage 5 was not reached: %s."), r->run.skip_reason ? r->run.skip_reason
										 : "?");
		fputc('\n', f);
		return 1;
	}
	if (strcmp(fact, "run.relocation") == 0) {
		lfrun_relocation(f, r);
	} else if (strcmp(fact, "run.segments") == 0) {
		if (r->ran[LINK_DYNAMIC] && r->segs_ok[LINK_DYNAMIC])
			lfrun_segments(f, &r->segs[LINK_DYNAMIC]);
		else
			fprintf(f, "%s\n", r->ran[LINK_DYNAMIC] ? r->segs[LINK_DYNAMIC].error
							   : _("The dynamic program was not linked."));
	} else if (strcmp(fact, "run.loader") == 0) {
		for (int k = 0; k < LINK_COUNT; k++) {
			if (!r->ran[k] || k == LINK_MUSL)
				continue;
			if (k)
				fputc('\n', f);
			lfrun_says(f, walk_link_name((enum link_kind)k), &r->ld[k], r->ld_ok[k]);
		}
	} else if (strcmp(fact, "run.process") == 0) {
		for (int k = 0; k < LINK_COUNT; k++) {
			if (!r->ran[k] || (k != LINK_DYNAMIC && k != LINK_STATIC))
				continue;
			if (k)
				fputc('\n', f);
			fprintf(f, "%s:\n", walk_link_name((enum link_kind)k));
			lfrun_process(f, w, &r->pm[k]);
		}
	} else if (strcmp(fact, "run.interpose") == 0) {
		if (!r->ip) {
			fprintf(f, "%s\n", _("The wrapper was not tried."));
			return 1;
		}
		fprintf(f, "%s\n", r->ip->say ? r->ip->say : "");
		for (int k = 0; k < LINK_COUNT; k++)
			if (r->ip->run[k].ran && r->ip->run[k].say)
				fprintf(f, "\n%s: %s\n", walk_link_name((enum link_kind)k),
					r->ip->run[k].say);
	}
	return 1;
}
