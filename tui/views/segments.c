/* segments: at Run, sections into segments for the link variant shown (stages/segments.h):
 * the ELF type and what it means for where the segments go, each program header as
 * `readelf -l` lists it with the sections it holds and a sentence on what it is for, then the
 * entry point (e_entry), the symbol there and the path from it to main. v steps the
 * variants. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* One program header: its type, flags, address and size, its sections; its sentence under. */
static void segments_one(struct sty_doc *d, const struct segs_phdr *ph, int width)
{
	char buf[160], sec[1200] = "";
	struct sty_line *l = sty_newline(d);
	vdoc_add_cell(l, ROLE_DIM, "", 2, 0, 0);
	vdoc_add_cell(l, ROLE_STRONG, ph->type_name, 12, 0, 1);
	vdoc_add_cell(l, ROLE_CODE, ph->flags_str, 3, 0, 1);
	snprintf(buf, sizeof buf, "0x%06llx", ph->vaddr);
	vdoc_add_cell(l, ROLE_CODE, buf, 10, 0, 1);
	snprintf(buf, sizeof buf, "0x%06llx", ph->memsz);
	vdoc_add_cell(l, ROLE_DIM, buf, 9, 0, 0);
	/* the phdr's line is an idea of the demo */
	l->item = 1;
	size_t used = 0;
	for (size_t i = 0; i < ph->n_sections && used < sizeof sec; i++)
		used += (size_t)snprintf(sec + used, sizeof sec - used, "%s%s", i ? " " : "",
					 ph->sections[i]);
	/* the sections, then the sentence, six columns in under the row */
	size_t from = d->n;
	int w = width - 6 > 20 ? width - 6 : width;
	if (used)
		sty_add_text(d, ROLE_CODE, sec, (size_t)-1, w, 0);
	if (ph->say)
		sty_add_text(d, ROLE_TEXT, ph->say, (size_t)-1, w, 0);
	for (size_t i = from; i < d->n; i++)
		d->lines[i].indent = 6;
}

static void segments_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	char buf[600];
	(void)arg;
	snprintf(p->title, sizeof p->title, _("%s: sections into segments"),
		 _(view_stages[STAGE_RUN].what));
	snprintf(p->brief, sizeof p->brief, "%s", _("segments"));
	if (!view_run5_ready(t, p, width))
		return;
	view_run_strip(t, &p->head, width);
	int k = view_run_variant(t);
	if (k < 0) {
		sty_add_text(&p->body, ROLE_WARN, _("No program linked, so there are no segments to "
			     "show."), (size_t)-1, width, 2);
		return;
	}
	const struct segs *s = &t->w->run5.segs[k];
	if (!t->w->run5.segs_ok[k]) {
		/* TRANSLATORS: %1$s is a link variant ("static"), %2$s why it could not be read */
		snprintf(buf, sizeof buf, _("The %1$s program's segments could not be read: %2$s"),
			 walk_link_name((enum link_kind)k), s->error);
		sty_add_text(&p->body, ROLE_WARN, buf, (size_t)-1, width, 2);
		return;
	}
	snprintf(p->info, sizeof p->info, ngettext("%zu segment", "%zu segments", s->n_ph),
		 s->n_ph);
	if (s->type_say) {
		size_t at = p->body.n;
		sty_add_text(&p->body, ROLE_TEXT, s->type_say, (size_t)-1, width, 2);
		if (at < p->body.n)
			p->body.lines[at].item = 1;
	}
	char cmd[300];
	const char *exe = t->w->variant[k].link.artifact;
	snprintf(cmd, sizeof cmd, "readelf -lW %s", exe ? exe : t->w->base);
	/* TRANSLATORS: %s is a command, "readelf -lW hello-static" */
	snprintf(buf, sizeof buf, _("The program headers, as %s lists them: each says what the "
		 "kernel (or the loader) maps where, with which permissions, and holds the sections "
		 "listed under it."), cmd);
	sty_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
	struct sty_line *l = sty_newline(&p->body);
	vdoc_add_cell(l, ROLE_DIM, "", 2, 0, 0);
	vdoc_add_cell(l, ROLE_DIM, _("type"), 12, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("flg"), 3, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("address"), 10, 0, 1);
	vdoc_add_cell(l, ROLE_DIM, _("size"), 9, 0, 0);
	for (size_t i = 0; i < s->n_ph; i++)
		segments_one(&p->body, &s->ph[i], width);
	vdoc_add_blank(&p->body);
	char addr[32];
	snprintf(addr, sizeof addr, "0x%llx", s->entry);
	char full[700];
	if (s->entry_sym)
		/* TRANSLATORS: %1$s is an address, %2$s the symbol there ("_start") */
		snprintf(full, sizeof full, _("The entry point (e_entry) is %1$s, %2$s: the kernel "
			 "(or the loader) jumps there first, not to main."), addr, s->entry_sym);
	else
		snprintf(full, sizeof full, _("The entry point (e_entry) is %s: the kernel (or the "
			 "loader) jumps there first, not to main."), addr);
	size_t at = p->body.n;
	sty_add_text(&p->body, ROLE_STRONG, full, (size_t)-1, width, 2);
	if (at < p->body.n)
		p->body.lines[at].item = 1;
	if (s->path_say)
		sty_add_text(&p->body, ROLE_TEXT, s->path_say, (size_t)-1, width, 2);
}

/* The rows' columns and a sentence beside the source's narrowest useful width. */
static int segments_need(struct tui *t, int arg)
{
	(void)arg;
	return walk_run5_ready(t->w) ? 64 : 0;
}

static const enum keys_action segments_actions[] = { KEYS_VARIANT, KEYS_NONE };

static int segments_key(struct tui *t, enum keys_action a, int arg)
{
	(void)arg;
	return a == KEYS_VARIANT ? view_run_next_variant(t) : -1;
}

const struct view_ops view_segments = {
	.name = N_("segments"),
	.stage = STAGE_RUN,
	.build = segments_build,
	.need = segments_need,
	.actions = segments_actions,
	.key = segments_key,
};
