/* includes: the include tree from the .i's linemarkers, as gcc -H would print it, with how
 * many lines each header gave and how many times it was entered. */
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

/* The include tree from the .i's linemarkers, as gcc -H would print it, with line counts. */
static void includes_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	view_strip(t, &p->head, width);
	snprintf(p->title, sizeof p->title, "Include tree: %s.i", t->w->base);
	if (!t->w->pp_ok) {
		sty_add_text(&p->body, ROLE_DIM, tui_finished(walk_state(&t->w->stage[0])) ?
			       "No .i to read." : "waiting for gcc -E", (size_t)-1, width, 2);
		return;
	}
	const struct ppmap *pp = &t->w->pp;
	size_t text = pp->n_lines - pp->n_markers, own = pp->nodes[0].own_lines, n = 0, files = 0;
	/* inclusions (the tree's rows, gcc -H's lines) and the distinct files among them: a
	 * header without a guard, such as bits/wordsize.h, is entered several times */
	for (size_t i = 1; i < pp->n_nodes; i++) {
		if (pp->nodes[i].cmdline)
			continue;
		n++;
		size_t j = 1;
		while (j < i && (pp->nodes[j].cmdline || pp->nodes[j].file != pp->nodes[i].file))
			j++;
		files += j == i;
	}
	char msg[500], times[80] = "";
	if (files != n)
		snprintf(times, sizeof times, ", entered %zu times in all", n);
	snprintf(msg, sizeof msg, "From gcc's linemarkers: %s pulls in %zu headers%s. Of the .i's "
		 "%zu lines, %zu are linemarkers, %zu are %s's own, %zu come from headers.",
		 vdoc_basename(t->w->src_path), files, times, pp->n_lines, pp->n_markers, own,
		 vdoc_basename(t->w->src_path), text - own - pp->prelude_lines);
	sty_add_text(&p->head, ROLE_DIM, msg, (size_t)-1, width, 2);
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *x = &pp->nodes[i];
		const struct ppmap_node *up = x->parent >= 0 ? &pp->nodes[x->parent] : NULL;
		char from[200], count[120];
		if (x->cmdline)
			snprintf(from, sizeof from, "  (read first, from gcc's command line)");
		else
			snprintf(from, sizeof from, "  from %s:%ld",
				 up ? vdoc_basename(ppmap_file_name(pp, up->file)) : "?", x->from_line);
		if (x->total_lines != x->own_lines)
			snprintf(count, sizeof count, "  %zu line%s, %zu with what it includes",
				 x->own_lines, x->own_lines == 1 ? "" : "s", x->total_lines);
		else
			snprintf(count, sizeof count, "  %zu line%s", x->own_lines,
				 x->own_lines == 1 ? "" : "s");
		vdoc_add_spans_line(&p->body, 2 * (x->depth - 1), ROLE_CODE,
				   ppmap_file_name(pp, x->file), ROLE_DIM, from,
				   x->total_lines ? ROLE_TEXT : ROLE_DIM, count, 0, (const char *)NULL);
		/* an idea of the demo: a header the source itself includes, with all it brings */
		p->body.lines[p->body.n - 1].item = x->parent == 0;
	}
	snprintf(p->info, sizeof p->info, "%zu headers", files);
}

const struct view_ops view_includes = {
	.name = "include tree",
	.stage = STAGE_PREPROCESS,
	.build = includes_build,
};
