/* loader: at Run, the loader at work in its own words for the link variant shown
 * (stages/ldtrace.h): the libraries and how each was found, the program's symbols bound
 * lazily (LD_DEBUG alone) beside the same run with LD_BIND_NOW=1, the loader's statistics,
 * its sentences (for a static program: the evidence that no loader runs); then the LD_PRELOAD
 * wrapper run under the program (stages/interpose.h), the live proof that a dynamic
 * program's calls are bound when it runs: one view, as both say what the loader does at
 * run time. v steps the variants. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/interpose.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The program's own bindings of one run, one a line, in d at width. */
static void loader_binds(struct sty_doc *d, const struct ldtrace_run *r, const char *title,
			 int width)
{
	char buf[300];
	sty_add_text(d, ROLE_STRONG, title, (size_t)-1, width, 2);
	size_t n = 0;
	for (size_t i = 0; i < r->n_binds; i++) {
		const struct ldtrace_binding *b = &r->binds[i];
		if (!b->program)
			continue;
		n++;
		/* TRANSLATORS: %1$s is a symbol ("puts"), %2$s when it was bound */
		snprintf(buf, sizeof buf, _("%1$s: %2$s"), b->symbol,
			 b->at_exit ? _("while exiting") : b->after_start ?
			 _("at its first call") : _("before main"));
		sty_add_text(d, b->after_start ? ROLE_OK : ROLE_TEXT, buf, (size_t)-1, width, 4);
	}
	if (!n)
		sty_add_text(d, ROLE_DIM, _("no binding of the program's own"), (size_t)-1, width, 2);
	if (r->st.have_startup) {
		/* TRANSLATORS: counts from the loader's statistics */
		snprintf(buf, sizeof buf, _("relocations at start: %1$lld (relative: %2$lld)"),
			 r->st.relocs, r->st.relative);
		sty_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
	}
	if (r->st.have_final) {
		snprintf(buf, sizeof buf, _("relocations at exit: %lld"), r->st.final_relocs);
		sty_add_text(d, ROLE_DIM, buf, (size_t)-1, width, 2);
	}
}

/* The libraries of the lazy run: each, how it was searched and where it was found. */
static void loader_libs(struct sty_doc *d, const struct ldtrace_run *r, int width)
{
	char buf[600];
	for (size_t i = 0; i < r->n_libs; i++) {
		const struct ldtrace_lib *lib = &r->libs[i];
		if (lib->found)
			/* TRANSLATORS: %1$s a library ("libc.so.6"), %2$s how it was searched
			   ("cache"), %3$s the file, %4$zu how many files were tried */
			snprintf(buf, sizeof buf, ngettext("%1$s: searched by %2$s, found at %3$s "
				 "(%4$zu file tried)", "%1$s: searched by %2$s, found at %3$s (%4$zu "
				 "files tried)", lib->n_tried), lib->name,
				 ldtrace_via_name(lib->found_via), lib->found, lib->n_tried);
		else
			/* TRANSLATORS: %s a library ("libc.so.6") */
			snprintf(buf, sizeof buf, _("%s: not found"), lib->name);
		size_t at = d->n;
		sty_add_text(d, ROLE_TEXT, buf, (size_t)-1, width, 4);
		if (at < d->n)
			d->lines[at].indent = 2;
	}
}

static void loader_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	char buf[600];
	(void)arg;
	snprintf(p->title, sizeof p->title, _("%s: the loader at work"),
		 _(view_stages[STAGE_RUN].what));
	snprintf(p->brief, sizeof p->brief, "%s", _("loader"));
	if (!view_run5_ready(t, p, width))
		return;
	view_run_strip(t, &p->head, width);
	int k = view_run_variant(t);
	if (k < 0) {
		sty_add_text(&p->body, ROLE_WARN, _("No program linked, so no loader ran."),
			     (size_t)-1, width, 2);
		return;
	}
	const struct walk_run5 *r5 = &t->w->run5;
	const struct ldtrace *ld = &r5->ld[k];
	if (!r5->ld_ok[k]) {
		/* TRANSLATORS: %1$s is a link variant, %2$s why its trace is missing */
		snprintf(buf, sizeof buf, _("The %1$s program's loader trace is missing: %2$s"),
			 walk_link_name((enum link_kind)k), ld->error);
		sty_add_text(&p->body, ROLE_WARN, buf, (size_t)-1, width, 2);
	} else {
		/* the engine's sentences: each an idea of the demo */
		for (size_t i = 0; i < ld->n_says; i++) {
			size_t at = p->body.n;
			sty_add_text(&p->body, ROLE_TEXT, ld->says[i], (size_t)-1, width, 2);
			if (at < p->body.n)
				p->body.lines[at].item = 1;
		}
		if (ld->lazy_ran && ld->lazy.n_libs) {
			vdoc_add_blank(&p->body);
			sty_add_text(&p->body, ROLE_STRONG, _("Libraries, as LD_DEBUG=libs tells:"),
				     (size_t)-1, width, 2);
			loader_libs(&p->body, &ld->lazy, width);
		}
		if (ld->lazy_ran && ld->kind == LDTRACE_DYNAMIC) {
			vdoc_add_blank(&p->body);
			const char *lt = _("LD_DEBUG=bindings, lazy:");
			const char *nt = _("with LD_BIND_NOW=1:");
			if (ld->now_ran && width >= 70) {
				/* the two runs side by side */
				int colw = (width - 3) / 2;
				struct sty_doc cols[2] = { { 0 }, { 0 } };
				loader_binds(&cols[0], &ld->lazy, lt, colw);
				loader_binds(&cols[1], &ld->now, nt, colw);
				sty_columns(&p->body, cols, 2, colw, " | ");
				sty_doc_free(&cols[0]);
				sty_doc_free(&cols[1]);
			} else {
				loader_binds(&p->body, &ld->lazy, lt, width);
				if (ld->now_ran)
					loader_binds(&p->body, &ld->now, nt, width);
			}
		}
	}
	/* interposition: the wrapper under this program */
	const struct interpose *ip = r5->ip;
	if (!ip)
		return;
	vdoc_add_blank(&p->body);
	if (ip->lib) {
		/* TRANSLATORS: %s is the wrapper library, "interpose-puts.so" */
		snprintf(buf, sizeof buf, _("Interposition: LD_PRELOAD=./%s"), ip->lib);
		sty_add_text(&p->body, ROLE_STRONG, buf, (size_t)-1, width, 2);
	} else {
		sty_add_text(&p->body, ROLE_STRONG, _("Interposition:"), (size_t)-1, width, 2);
	}
	const struct interpose_run *ir = &ip->run[k];
	if (ir->ran && ir->proc.argv && ip->lib) {
		/* the command as a learner types it in the walk directory: the variable first */
		char env[300];
		size_t n = 0;
		while (ir->proc.argv[n])
			n++;
		char **argv = calloc(n + 2, sizeof *argv);
		if (argv) {
			snprintf(env, sizeof env, "LD_PRELOAD=./%s", ip->lib);
			argv[0] = env;
			memcpy(argv + 1, ir->proc.argv, n * sizeof *argv);
			vdoc_add_command(&p->body, argv, width);
			free(argv);
		}
	}
	size_t at = p->body.n;
	if (ir->ran && ir->say)
		sty_add_text(&p->body, ir->markers ? ROLE_OK : ROLE_TEXT, ir->say, (size_t)-1, width,
			     2);
	else if (ip->say)
		sty_add_text(&p->body, ROLE_TEXT, ip->say, (size_t)-1, width, 2);
	if (at < p->body.n)
		p->body.lines[at].item = 1;
}

/* Two runs side by side want the room; the source gives way. */
static int loader_need(struct tui *t, int arg)
{
	(void)arg;
	return walk_run5_ready(t->w) ? 72 : 0;
}

static const enum keys_action loader_actions[] = { KEYS_VARIANT, KEYS_NONE };

static int loader_key(struct tui *t, enum keys_action a, int arg)
{
	(void)arg;
	return a == KEYS_VARIANT ? view_run_next_variant(t) : -1;
}

const struct view_ops view_loader = {
	.name = N_("loader"),
	.stage = STAGE_RUN,
	.build = loader_build,
	.need = loader_need,
	.actions = loader_actions,
	.key = loader_key,
};
