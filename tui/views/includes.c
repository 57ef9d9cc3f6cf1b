/* includes: the include tree from the .i's linemarkers, as gcc -H would print it, with how
 * many lines each header gave and how many times it was entered. */
#include "config.h"

#include <stdio.h>

#include "stages/say.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The include tree from the .i's linemarkers, as gcc -H would print it, with line counts. */
static void includes_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	snprintf(p->title, sizeof p->title, _("Include tree: %s.i"), t->w->base);
	if (!t->w->pp_ok) {
		sty_add_text(&p->body, ROLE_DIM, tui_finished(walk_state(&t->w->stage[0])) ?
			       _("No .i to read.") : _("waiting for gcc -E"), (size_t)-1, width, 2);
		return;
	}
	const struct ppmap *pp = &t->w->pp;
	size_t text = pp->n_lines - pp->n_markers, own = pp->nodes[0].own_lines, n = 0, files = 0;
	size_t pre = 0; /* the files gcc reads first from its command line: stdc-predef.h */
	/* inclusions (the tree's rows, gcc -H's lines) and the distinct files among them: a
	 * header without a guard, such as bits/wordsize.h, is entered several times */
	for (size_t i = 1; i < pp->n_nodes; i++) {
		if (pp->nodes[i].cmdline) {
			pre++;
			continue;
		}
		n++;
		size_t j = 1;
		while (j < i && (pp->nodes[j].cmdline || pp->nodes[j].file != pp->nodes[i].file))
			j++;
		files += j == i;
	}
	char msg[500];
	const char *src = vdoc_basename(t->w->src_path);
	struct say s;
	say_init(&s, msg, sizeof msg);
	if (pre) {
		/* the tree lists them too: the count says so, in all and apart */
		/* TRANSLATORS: %1$zu headers in all, %2$zu from gcc's command line (stdc-predef.h),
		   %3$zu that the source file %4$s pulls in */
		say_sentence(&s, ngettext("From gcc's linemarkers: %1$zu header in all, %2$zu read "
					  "first from gcc's command line and %3$zu that %4$s pulls in.",
					  "From gcc's linemarkers: %1$zu headers in all, %2$zu read "
					  "first from gcc's command line and %3$zu that %4$s pulls in.",
					  files + pre), files + pre, pre, files, src);
		if (files != n)
			/* TRANSLATORS: %1$s is the source file, %2$zu the inclusions of its headers */
			say_sentence(&s, ngettext("%1$s's header is entered %2$zu times in all.",
						  "%1$s's headers are entered %2$zu times in all.",
						  files), src, n);
	} else if (files != n)
		/* TRANSLATORS: %2$zu distinct headers, %3$zu inclusions of them */
		say_sentence(&s, ngettext("From gcc's linemarkers: %1$s pulls in %2$zu header, "
					  "entered %3$zu times in all.", "From gcc's linemarkers: "
					  "%1$s pulls in %2$zu headers, entered %3$zu times in all.",
					  files), src, files, n);
	else
		say_sentence(&s, ngettext("From gcc's linemarkers: %1$s pulls in %2$zu header.",
					  "From gcc's linemarkers: %1$s pulls in %2$zu headers.",
					  files), src, files);
	/* TRANSLATORS: %4$s is the source file; the plural follows the .i's lines, %1$zu */
	say_sentence(&s, ngettext("Of the .i's %1$zu line, %2$zu are linemarkers, %3$zu are %4$s's "
				  "own, %5$zu come from headers.", "Of the .i's %1$zu lines, %2$zu "
				  "are linemarkers, %3$zu are %4$s's own, %5$zu come from headers.",
				  pp->n_lines), pp->n_lines, pp->n_markers, own, src,
		     text - own - pp->prelude_lines);
	sty_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *x = &pp->nodes[i];
		const struct ppmap_node *up = x->parent >= 0 ? &pp->nodes[x->parent] : NULL;
		char from[200], count[120];
		if (x->cmdline)
			snprintf(from, sizeof from, "%s", _("  (read first, from gcc's command line)"));
		else
			/* TRANSLATORS: where a header was included: "  from stdio.h:28" */
			snprintf(from, sizeof from, _("  from %1$s:%2$ld"),
				 up ? vdoc_basename(ppmap_file_name(pp, up->file)) : "?", x->from_line);
		if (x->total_lines != x->own_lines)
			snprintf(count, sizeof count, ngettext("  %1$zu line, %2$zu with what it includes",
							       "  %1$zu lines, %2$zu with what it "
							       "includes", x->own_lines),
				 x->own_lines, x->total_lines);
		else
			snprintf(count, sizeof count, ngettext("  %zu line", "  %zu lines", x->own_lines),
				 x->own_lines);
		vdoc_add_spans_line(&p->body, 2 * (x->depth - 1), ROLE_CODE,
				   ppmap_file_name(pp, x->file), ROLE_DIM, from,
				   x->total_lines ? ROLE_TEXT : ROLE_DIM, count, 0, (const char *)NULL);
		/* an idea of the demo: a header the source itself includes, with all it brings */
		p->body.lines[p->body.n - 1].item = x->parent == 0;
	}
	snprintf(p->info, sizeof p->info, ngettext("%zu header", "%zu headers", files + pre),
		 files + pre);
}

const struct view_ops view_includes = {
	.name = N_("include tree"),
	.stage = STAGE_PREPROCESS,
	.build = includes_build,
};
