/* macros: each macro the source defines or uses, with its definition and its expansions, from
 * libclang. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The macros the source defines, and each use with the text its line became. */
static void macros_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	snprintf(p->title, sizeof p->title, _("Macros: %s"), vdoc_basename(t->w->src_path));
	if (view_clang_missing(t, p, width))
		return;
	const struct cfacts *cf = &t->w->cf;
	char msg[300], defs[64], uses[96];
	/* two counts, each with its own plural form */
	snprintf(defs, sizeof defs, ngettext("%zu #define", "%zu #defines", cf->n_defs), cf->n_defs);
	snprintf(uses, sizeof uses, ngettext("%zu use of macros", "%zu uses of macros", cf->n_exps),
		 cf->n_exps);
	/* TRANSLATORS: %1$s is "3 #defines", %2$s "5 uses of macros" */
	snprintf(msg, sizeof msg, _("From libclang: %1$s in the source, %2$s; each use with the line "
				    "it became in the .i."), defs, uses);
	sty_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
	for (size_t i = 0; i < cf->n_defs; i++) {
		char where[64];
		snprintf(where, sizeof where, cf->defs[i].function_like ? _("  line %u, function-like") :
			 _("  line %u, object-like"), cf->defs[i].line);
		vdoc_add_spans_line(&p->body, 0, ROLE_STRONG, "#define ", ROLE_CODE, cf->defs[i].name,
				   ROLE_DIM, where, 0, (const char *)NULL);
		p->body.lines[p->body.n - 1].item = 1;
	}
	if (cf->n_defs && cf->n_exps)
		vdoc_add_blank(&p->body);
	for (size_t i = 0; i < cf->n_exps; i++) {
		const struct cfacts_macro_exp *x = &cf->exps[i];
		char head[64], def[300];
		snprintf(head, sizeof head, _("line %u  "), x->line);
		switch (x->origin) {
		case CFACTS_MACRO_MAIN:
			snprintf(def, sizeof def, _("  defined at line %u"), x->def_line);
			break;
		case CFACTS_MACRO_HEADER:
			/* TRANSLATORS: "  defined in stdio.h:42" */
			snprintf(def, sizeof def, _("  defined in %1$s:%2$u"), vdoc_basename(x->def_file),
				 x->def_line);
			break;
		case CFACTS_MACRO_PREDEFINED:
			snprintf(def, sizeof def, "%s", _("  predefined by the compiler"));
			break;
		default:
			snprintf(def, sizeof def, "%s", _("  computed by the preprocessor"));
		}
		vdoc_add_spans_line(&p->body, 0, ROLE_DIM, head, ROLE_CODE, x->name, ROLE_DIM, def, 0,
				   (const char *)NULL);
		p->body.lines[p->body.n - 1].item = 1;
		char became[600];
		if (x->directive)
			snprintf(became, sizeof became, "%s",
				 _("(in a directive: nothing of it reaches the .i)"));
		else if (!t->w->pp_ok || ppmap_main_count(&t->w->pp, x->line) == 0)
			snprintf(became, sizeof became, "%s", _("(the line made no line of the .i)"));
		else
			ppmap_main_text(&t->w->pp, x->line, became, sizeof became);
		char *arrow = NULL;
		if (asprintf(&arrow, "%s %s", t->utf8 ? "→" : "->", became) >= 0)
			sty_add_text(&p->body, x->directive ? ROLE_DIM : ROLE_CODEBLOCK, arrow,
				       (size_t)-1, width - 4, 2);
		free(arrow);
	}
	snprintf(p->info, sizeof p->info, ngettext("%zu use", "%zu uses", cf->n_exps), cf->n_exps);
}

const struct view_ops view_macros = {
	.name = N_("macros"),
	.stage = STAGE_PREPROCESS,
	.build = macros_build,
};
