/* functions: each function of the source with its linkage, storage and fate in the .s, and
 * the calls gcc rewrote, from libclang and the -g compile. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* A function's row, after its name: its line, linkage (from cfacts_linkage_name), whether it
 * is declared inline, what gcc did with it (fates_func_name) and the section it landed in. */
static void functions_say_func(char *buf, size_t len, unsigned line, const char *linkage,
			       int inlined, const char *fate, const char *section)
{
	/* TRANSLATORS: after a function's name: "  line 3, external linkage: emitted in .text" */
	if (inlined && section)
		snprintf(buf, len, _("  line %1$u, %2$s linkage, inline: %3$s in %4$s"), line,
			 linkage, fate, section);
	else if (inlined)
		snprintf(buf, len, _("  line %1$u, %2$s linkage, inline: %3$s"), line, linkage, fate);
	else if (section)
		snprintf(buf, len, _("  line %1$u, %2$s linkage: %3$s in %4$s"), line, linkage, fate,
			 section);
	else
		snprintf(buf, len, _("  line %1$u, %2$s linkage: %3$s"), line, linkage, fate);
}

/* A call's row, after the callee's name: the function it is in, what gcc did with it
 * (fates_call_name) and the function it calls now, if another. */
static void functions_say_call(char *buf, size_t len, const char *caller, const char *fate,
			       const char *now)
{
	/* TRANSLATORS: after a call's callee: " in main: rewritten to puts" */
	if (now)
		snprintf(buf, len, _(" in %1$s: %2$s to %3$s"), caller, fate, now);
	else
		snprintf(buf, len, _(" in %1$s: %2$s"), caller, fate);
}

/* Each function and call of the source, and what gcc made of it; then libclang's
 * diagnostics. */
static void functions_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	snprintf(p->title, sizeof p->title, _("Functions and calls: %s"),
		 vdoc_basename(t->w->src_path));
	if (view_clang_missing(t, p, width))
		return;
	const struct cfacts *cf = &t->w->cf;
	if (walk_fates_ready(t->w)) {
		const struct fates *ft = &t->w->fates;
		char msg[400], cmd[200];
		snprintf(cmd, sizeof cmd, "%s -S -g%s%s", t->w->opts.cc,
			 t->w->opts.opt_level ? " " : "",
			 t->w->opts.opt_level ? t->w->opts.opt_level : "");
		/* TRANSLATORS: %1$s is a command, "gcc -S -g -O2"; the plural follows the calls
		   rewritten */
		snprintf(msg, sizeof msg, ngettext("libclang's view of the source beside the .s of "
						   "%1$s: %2$zu call rewritten, %3$zu inlined.",
						   "libclang's view of the source beside the .s of "
						   "%1$s: %2$zu calls rewritten, %3$zu inlined.",
						   ft->n_rewritten), cmd, ft->n_rewritten, ft->n_inlined);
		sty_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
		for (size_t i = 0; i < ft->n_funcs; i++) {
			const struct fates_func *x = &ft->funcs[i];
			char what[200];
			functions_say_func(what, sizeof what, x->cf->line,
					   cfacts_linkage_name(x->cf->linkage), x->cf->inlined,
					   fates_func_name(x->kind), x->section);
			vdoc_add_spans_line(&p->body, 0, ROLE_CODE, x->cf->name, x->kind == FATES_GONE ||
					   x->kind == FATES_INLINE_ONLY ? ROLE_WARN : ROLE_TEXT, what, 0,
					   (const char *)NULL);
			p->body.lines[p->body.n - 1].item = 1;
			sty_add_text(&p->body, ROLE_DIM, x->why, (size_t)-1, width - 2, 2);
		}
		if (ft->n_calls)
			vdoc_add_blank(&p->body);
		for (size_t i = 0; i < ft->n_calls; i++) {
			const struct fates_call *x = &ft->calls[i];
			char head[64], what[200];
			snprintf(head, sizeof head, _("line %u  "), x->cf->line);
			functions_say_call(what, sizeof what, x->cf->caller ? x->cf->caller : "?",
					   fates_call_name(x->kind), x->now);
			vdoc_add_spans_line(&p->body, 0, ROLE_DIM, head, ROLE_CODE,
					   x->cf->callee ? x->cf->callee : _("(pointer)"),
					   x->kind == FATES_CALL_KEPT ? ROLE_TEXT : ROLE_WARN, what, 0,
					   (const char *)NULL);
			p->body.lines[p->body.n - 1].item = 1;
			if (x->kind != FATES_CALL_KEPT)
				sty_add_text(&p->body, ROLE_DIM, x->why, (size_t)-1, width - 2, 2);
		}
	} else if (!walk_is_done(t->w)) {
		char msg[160];
		/* TRANSLATORS: %s is the compiler, "gcc" */
		snprintf(msg, sizeof msg, _("waiting for %s -S -g"), t->w->opts.cc);
		sty_add_text(&p->body, ROLE_DIM, msg, (size_t)-1, width, 2);
	} else {
		sty_add_text(&p->body, ROLE_DIM, _("No .s to compare with: the compile stage did not "
			       "succeed."), (size_t)-1, width, 2);
	}
	if (cf->n_diags) {
		vdoc_add_blank(&p->body);
		sty_add_text(&p->body, ROLE_STRONG, _("What libclang says about the source "
			       "(beside gcc's messages):"), (size_t)-1, width, 0);
	}
	for (size_t i = 0; i < cf->n_diags; i++) {
		const struct cfacts_diag *d = &cf->diags[i];
		char *line = NULL;
		if (asprintf(&line, "%s:%u:%u: %s: %s", d->in_main ? vdoc_basename(t->w->src_path) :
			     vdoc_basename(d->file ? d->file : "?"), d->line, d->col,
			     cfacts_severity_name(d->severity), d->message ? d->message : "") < 0)
			continue;
		sty_add_text(&p->body, d->severity >= CFACTS_SEV_ERROR ? ROLE_ERROR :
			       d->severity == CFACTS_SEV_WARNING ? ROLE_WARN : ROLE_TEXT, line,
			       (size_t)-1, width, 2);
		free(line);
		for (size_t k = 0; k < d->n_fixits; k++) {
			const struct cfacts_fixit *fx = &d->fixits[k];
			int rc = *fx->text ?
				 asprintf(&line, _("fix-it at %1$u:%2$u: write '%3$s'"), fx->line, fx->col,
					  fx->text) :
				 asprintf(&line, _("fix-it at %1$u:%2$u: delete"), fx->line, fx->col);
			if (rc < 0)
				continue;
			sty_add_text(&p->body, ROLE_OK, line, (size_t)-1, width - 2, 4);
			free(line);
		}
	}
}

const struct view_ops view_functions = {
	.name = N_("functions and calls"),
	.stage = STAGE_COMPILE,
	.build = functions_build,
};
