/* ifile: the .i, tied to the source once its line map is in: a cursor in each pane, the
 * headers' lines folded into one row each (Enter unfolds), the .i opening at the learner's
 * code. Until the map is in, the .i as gcc wrote it. */
#include "config.h"

#include <stddef.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

static int ifile_tied(const struct tui *t)
{
	return walk_state(&t->w->stage[STAGE_PREPROCESS]) == RUN_OK && t->w->pp_ok;
}

static void ifile_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	(void)arg;
	if (!view_stage_ready(t, p, STAGE_PREPROCESS, width))
		return;
	if (!ifile_tied(t)) {
		view_text_artifact(t, p, STAGE_PREPROCESS, width);
		return;
	}
	vdoc_add_command(&p->head, t->w->stage[STAGE_PREPROCESS].proc.argv, width);
	diag_add_head(t, &p->head, STAGE_PREPROCESS, width);
	/* A hint, where the body keeps room for the headers' row and the code after it */
	struct sty_doc tmp = { 0 };
	sty_add_text(&tmp, ROLE_DIM, _("Enter folds and unfolds a header; the cursor's line and the "
		     "source line it came from are picked out together"), (size_t)-1, width, 2);
	if (panes_rows(p) - (int)tmp.n >= TUI_HINT_ROWS)
		for (size_t i = 0; i < tmp.n; i++) {
			*sty_newline(&p->head) = tmp.lines[i];
			tmp.lines[i] = (struct sty_line){ 0 };
		}
	sty_doc_free(&tmp);
	tied_build(t, p, 0);
}

static const enum keys_action ifile_actions[] = {
	KEYS_OPEN, KEYS_UP, KEYS_DOWN, KEYS_PAGE_UP, KEYS_PAGE_DOWN, KEYS_TOP, KEYS_BOTTOM,
	KEYS_NONE
};

/* Enter folds or unfolds a header; the moves move the focused pane's cursor. */
static int ifile_key(struct tui *t, enum keys_action a, int arg)
{
	(void)arg;
	if (!view_tied(t) || t->focus == TUI_LESSON)
		return -1;
	if (a == KEYS_OPEN)
		return tied_fold(t);
	return tied_key_move(t, a);
}

const struct view_ops view_ifile = {
	.name = N_("the .i"),
	.stage = STAGE_PREPROCESS,
	.build = ifile_build,
	.tied = ifile_tied,
	.actions = ifile_actions,
	.key = ifile_key,
	.idea = tied_idea,
};
