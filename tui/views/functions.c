/* functions: each function of the source with its linkage, storage and fate in the .s, and
 * the calls gcc rewrote, from libclang and the -g compile. */
#include "config.h"

#include <curses.h>
#include <ctype.h>
#include <errno.h>
#include <gelf.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/live.h"
#include "lessons/livefill.h"
#include "lessons/styled.h"
#include "stages/linkmsg.h"
#include "stages/tmpdir.h"
#include "stages/walk.h"
#include "tui/banner.h"
#include "tui/colors.h"
#include "tui/keys.h"
#include "tui/panes.h"
#include "tui/progress.h"
#include "tui/search.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* Each function and call of the source, and what gcc made of it; then libclang's
 * diagnostics. */
static void functions_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	view_strip(t, &p->head, width);
	snprintf(p->title, sizeof p->title, "Functions and calls: %s", vdoc_basename(t->w->src_path));
	if (view_clang_missing(t, p, width))
		return;
	const struct cfacts *cf = &t->w->cf;
	if (walk_fates_ready(t->w)) {
		const struct fates *ft = &t->w->fates;
		char msg[300];
		snprintf(msg, sizeof msg, "libclang's view of the source beside the .s of gcc -S -g%s%s: "
			 "%zu call%s rewritten, %zu inlined.", t->w->opts.opt_level ? " " : "",
			 t->w->opts.opt_level ? t->w->opts.opt_level : "", ft->n_rewritten,
			 ft->n_rewritten == 1 ? "" : "s", ft->n_inlined);
		sty_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
		for (size_t i = 0; i < ft->n_funcs; i++) {
			const struct fates_func *x = &ft->funcs[i];
			char what[200];
			snprintf(what, sizeof what, "  line %u, %s linkage%s: %s%s%s", x->cf->line,
				 cfacts_linkage_name(x->cf->linkage), x->cf->inlined ? ", inline" : "",
				 fates_func_name(x->kind), x->section ? " in " : "",
				 x->section ? x->section : "");
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
			snprintf(head, sizeof head, "line %u  ", x->cf->line);
			snprintf(what, sizeof what, " in %s: %s%s%s", x->cf->caller ? x->cf->caller : "?",
				 fates_call_name(x->kind), x->now ? " to " : "", x->now ? x->now : "");
			vdoc_add_spans_line(&p->body, 0, ROLE_DIM, head, ROLE_CODE,
					   x->cf->callee ? x->cf->callee : "(pointer)",
					   x->kind == FATES_CALL_KEPT ? ROLE_TEXT : ROLE_WARN, what, 0,
					   (const char *)NULL);
			p->body.lines[p->body.n - 1].item = 1;
			if (x->kind != FATES_CALL_KEPT)
				sty_add_text(&p->body, ROLE_DIM, x->why, (size_t)-1, width - 2, 2);
		}
	} else if (!walk_is_done(t->w)) {
		sty_add_text(&p->body, ROLE_DIM, "waiting for gcc -S -g", (size_t)-1, width, 2);
	} else {
		sty_add_text(&p->body, ROLE_DIM, "No .s to compare with: the compile stage did not "
			       "succeed.", (size_t)-1, width, 2);
	}
	if (cf->n_diags) {
		vdoc_add_blank(&p->body);
		sty_add_text(&p->body, ROLE_STRONG, "What libclang says about the source "
			       "(beside gcc's messages):", (size_t)-1, width, 0);
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
			if (asprintf(&line, "fix-it at %u:%u: %s%s%s", fx->line, fx->col,
				     *fx->text ? "write '" : "delete", fx->text, *fx->text ? "'" : "") < 0)
				continue;
			sty_add_text(&p->body, ROLE_OK, line, (size_t)-1, width - 2, 4);
			free(line);
		}
	}
}

const struct view_ops view_functions = {
	.name = "functions and calls",
	.stage = STAGE_COMPILE,
	.build = functions_build,
};
