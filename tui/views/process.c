/* process: at Run, the process at main for the link variant shown (stages/procmain.h): where
 * it stopped, its memory map then with each mapping named, the pages shared with other
 * processes and the private ones (smaps), and the addresses of two runs side by side, what
 * moved marked. v steps the variants. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

#define PROCV_WHAT 14
#define PROCV_PERMS 5
#define PROCV_ADDR 12
#define PROCV_KB 8

/* What a mapping holds, short enough for the table's column (the file's name follows). */
static const char *process_kind(enum procmain_kind k)
{
	static const char *const short_kind[PROCMAIN_KIND_COUNT] = {
		[PROCMAIN_CODE] = N_("code"),
		[PROCMAIN_RODATA] = N_("read-only data"),
		[PROCMAIN_RELRO] = N_("RELRO"),
		[PROCMAIN_DATA] = N_(".data, GOT"),
		[PROCMAIN_BSS] = N_(".bss"),
		[PROCMAIN_LIBC] = N_("libc"),
		[PROCMAIN_LOADER] = N_("loader"),
		[PROCMAIN_LIBRARY] = N_("library"),
		[PROCMAIN_HEAP] = N_("heap"),
		[PROCMAIN_STACK] = N_("stack"),
		[PROCMAIN_VDSO] = N_("vdso"),
		[PROCMAIN_VVAR] = N_("vvar"),
		[PROCMAIN_ANON] = N_("anonymous"),
	};
	return k < PROCMAIN_KIND_COUNT && short_kind[k] ? _(short_kind[k]) : "?";
}

/* The width of a row: what, perms, two addresses, shared and private kB, then the file. */
static int process_row_w(void)
{
	return 2 + PROCV_WHAT + 1 + PROCV_PERMS + 1 + 2 * (PROCV_ADDR + 1) + 2 * (PROCV_KB + 1) +
	       12;
}

static void process_heading(struct sty_doc *d, int two)
{
	struct sty_line *l = sty_newline(d);
	vdoc_add_cell(l, ROLE_DIM, "", 2, 0, 0);
	vdoc_add_cell(l, ROLE_DIM, _("mapping"), PROCV_WHAT, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("perm"), PROCV_PERMS, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("run 1"), PROCV_ADDR, 1, 1);
	if (two)
		vdoc_add_cell(l, ROLE_DIM, _("run 2"), PROCV_ADDR, 1, 1);
	vdoc_add_cell(l, ROLE_DIM, _("shared"), PROCV_KB, 1, 1);
	vdoc_add_cell(l, ROLE_DIM, _("private"), PROCV_KB, 1, 1);
	sty_add(l, ROLE_DIM, _("file"), (size_t)-1);
}

static void process_row(struct sty_doc *d, const struct procmain_map *m,
			const struct procmain_map *m2, int width)
{
	char buf[64];
	struct sty_line *l = sty_newline(d);
	vdoc_add_cell(l, ROLE_DIM, "", 2, 0, 0);
	vdoc_add_cell(l, ROLE_TEXT, process_kind(m->kind), PROCV_WHAT, 0, 1);
	vdoc_add_cell(l, ROLE_CODE, m->perms, PROCV_PERMS, 0, 1);
	snprintf(buf, sizeof buf, "%llx", m->start);
	vdoc_add_cell(l, ROLE_CODE, buf, PROCV_ADDR, 1, 1);
	if (m2) {
		snprintf(buf, sizeof buf, "%llx", m2->start);
		/* what moved between the two runs stands out */
		vdoc_add_cell(l, m2->start != m->start ? ROLE_WARN : ROLE_CODE, buf, PROCV_ADDR, 1,
			      1);
	}
	snprintf(buf, sizeof buf, "%ldk", m->shared_kb);
	vdoc_add_cell(l, m->shared_kb ? ROLE_OK : ROLE_DIM, buf, PROCV_KB, 1, 1);
	snprintf(buf, sizeof buf, "%ldk", m->private_kb);
	vdoc_add_cell(l, m->private_kb ? ROLE_TEXT : ROLE_DIM, buf, PROCV_KB, 1, 1);
	/* the file's name, cut to the room left */
	const char *file = m->path && *m->path ? vdoc_basename(m->path) : "";
	int room = width - (2 + PROCV_WHAT + 1 + PROCV_PERMS + 1 + (m2 ? 2 : 1) * (PROCV_ADDR + 1) +
			    2 * (PROCV_KB + 1));
	size_t len = strlen(file);
	if (room < 1)
		len = 0;
	else if (sty_width(file, len) > room)
		len = sty_fit(file, len, room); /* whole characters */
	sty_add(l, ROLE_DIM, file, len);
}

/* The second run's mapping of the same kind and rank as the first run's i-th, or NULL. */
static const struct procmain_map *process_match(const struct procmain *pm, size_t i)
{
	if (pm->n_runs < 2 || pm->run[1].state != PROCMAIN_AT_MAIN)
		return NULL;
	const struct procmain_run *a = &pm->run[0], *b = &pm->run[1];
	size_t rank = 0;
	for (size_t j = 0; j < i; j++)
		rank += a->maps[j].kind == a->maps[i].kind;
	for (size_t j = 0; j < b->n_maps; j++)
		if (b->maps[j].kind == a->maps[i].kind && rank-- == 0)
			return &b->maps[j];
	return NULL;
}

static void process_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	char buf[600];
	(void)arg;
	snprintf(p->title, sizeof p->title, _("%s: the process at main"),
		 _(view_stages[STAGE_RUN].what));
	snprintf(p->brief, sizeof p->brief, "%s", _("process"));
	if (!view_run5_ready(t, p, width))
		return;
	view_run_strip(t, &p->head, width);
	int k = view_run_variant(t);
	if (k < 0) {
		sty_add_text(&p->body, ROLE_WARN, _("No program linked, so no process was started."),
			     (size_t)-1, width, 2);
		return;
	}
	const struct procmain *pm = &t->w->run5.pm[k];
	if (pm->say)
		sty_add_text(&p->head, t->w->run5.pm_ok[k] ? ROLE_TEXT : ROLE_WARN, pm->say,
			     (size_t)-1, width, 2);
	if (!t->w->run5.pm_ok[k] || pm->run[0].state != PROCMAIN_AT_MAIN) {
		if (pm->run[0].proc.argv)
			vdoc_add_run(&p->body, &pm->run[0].proc, width, 1, t->utf8);
		if (!pm->say) {
			/* TRANSLATORS: %s is a link variant */
			snprintf(buf, sizeof buf, _("The %s program was not stopped at main."),
				 walk_link_name((enum link_kind)k));
			sty_add_text(&p->body, ROLE_WARN, buf, (size_t)-1, width, 2);
		}
		return;
	}
	const struct procmain_run *r = &pm->run[0];
	int two = pm->n_runs >= 2 && pm->run[1].state == PROCMAIN_AT_MAIN;
	snprintf(p->info, sizeof p->info, ngettext("%zu mapping", "%zu mappings", r->n_maps),
		 r->n_maps);
	/* TRANSLATORS: where the map comes from */
	sty_add_text(&p->body, ROLE_DIM, two ?
		     _("Its memory map at main, from /proc/PID/maps and smaps, in two runs: an "
		       "address of the second run that differs from the first is marked.") :
		     _("Its memory map at main, from /proc/PID/maps and smaps."), (size_t)-1, width,
		     2);
	process_heading(&p->body, two);
	for (size_t i = 0; i < r->n_maps; i++)
		process_row(&p->body, &r->maps[i], two ? process_match(pm, i) : NULL, width);
	const char *say[2] = { pm->sharing, pm->aslr_say };
	for (int i = 0; i < 2; i++) {
		if (!say[i])
			continue;
		vdoc_add_blank(&p->body);
		size_t at = p->body.n;
		sty_add_text(&p->body, ROLE_TEXT, say[i], (size_t)-1, width, 2);
		/* what is shared, and what moved: the demo's two ideas */
		if (at < p->body.n)
			p->body.lines[at].item = 1;
	}
}

static int process_need(struct tui *t, int arg)
{
	(void)arg;
	return walk_run5_ready(t->w) ? process_row_w() : 0;
}

static const enum keys_action process_actions[] = { KEYS_VARIANT, KEYS_NONE };

static int process_key(struct tui *t, enum keys_action a, int arg)
{
	(void)arg;
	return a == KEYS_VARIANT ? view_run_next_variant(t) : -1;
}

const struct view_ops view_process = {
	.name = N_("process"),
	.stage = STAGE_RUN,
	.build = process_build,
	.need = process_need,
	.actions = process_actions,
	.key = process_key,
};
