/* rewalk: --watch. Each save of a watched file walks the program again with the same
 * options, in the same walk directory, keeping the stage, the views and the place, and says
 * what changed since the walk before: the .s lines that are new (a mark in the .s view's
 * gutter, and a count), a link result, size or exit status that moved (at Link), and a
 * status on the key line. What the old walk showed is copied before it is freed, since the
 * new walk writes the same files and the views borrow the walk's text. See ui.h. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stages/files.h"
#include "tui/ui.h"
#include "tui/view.h"

/* A save walks again; until its first stages and the dynamic link are on screen, the loop
 * looks at the walk this often instead of every TUI_TICK_MS. */
#define REWALK_FAST_MS 10
/* The .s comparison finds the fewest changed lines while the lines that differ, once the
 * common start and end are set aside, make no more than this many pairs; beyond, every one
 * of them counts as changed. */
#define REWALK_DIFF_CELLS (4u * 1024 * 1024)

int rewalk_open(struct tui *t, char *err, size_t errlen)
{
	struct tui_rewalk *rw = &t->rw;
	rw->watch.fd = -1;
	if (!t->o->watch && !t->o->exercise)
		return 0;
	const struct walk *w = t->w;
	const char **files = calloc(w->opts.n_extra_srcs + 1, sizeof *files);
	if (!files) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	size_t n = 0;
	files[n++] = w->src_path;
	for (size_t i = 0; i < w->opts.n_extra_srcs; i++)
		files[n++] = w->opts.extra_srcs[i];
	int rc = watch_open(&rw->watch, files, n, t->o->exercise ? t->o->exercise_dir : NULL, err,
			    errlen);
	free(files);
	if (rc == 0)
		rw->on = 1;
	return rc;
}

void rewalk_free(struct tui *t)
{
	struct tui_rewalk *rw = &t->rw;
	/* a walk made with the walkthrough's own preparation points into it: both go now, and
	 * the caller finds no walk left to free */
	if (rw->prep && t->w) {
		walk_cancel(t->w);
		walk_free(t->w);
		t->w = NULL;
		if (t->wp)
			*t->wp = NULL;
	}
	expane_free(t);
	if (rw->on)
		watch_close(&rw->watch);
	free(rw->s_old);
	free(rw->s_changed);
	rw->s_old = NULL;
	rw->s_changed = NULL;
	rw->on = 0;
}

int rewalk_fd(const struct tui *t)
{
	return t->rw.on ? watch_fd(&t->rw.watch) : -1;
}

int rewalk_wait_ms(const struct tui *t, int ms)
{
	if (!t->rw.on)
		return ms;
	int w = watch_wait_ms(&t->rw.watch);
	if (w >= 0 && (ms < 0 || w < ms))
		ms = w;
	if (t->rw.fast && (ms < 0 || ms > REWALK_FAST_MS))
		ms = REWALK_FAST_MS;
	return ms;
}

/* The text of the walk's .s (its compile stage's artifact), or NULL. */
static char *rewalk_read_s(const struct walk *w, size_t *len)
{
	if (walk_state(&w->stage[STAGE_COMPILE]) != RUN_OK || !w->stage[STAGE_COMPILE].artifact)
		return NULL;
	char *path = NULL;
	if (asprintf(&path, "%s/%s", w->dir, w->stage[STAGE_COMPILE].artifact) < 0)
		return NULL;
	char *s = files_slurp(path, 0, len, NULL);
	free(path);
	return s;
}

/* What the walk shown has shown so far, before it makes way for a new one. */
static void rewalk_keep(struct tui *t)
{
	struct tui_rewalk *rw = &t->rw;
	const struct walk *w = t->w;
	size_t len = 0;
	char *s = rewalk_read_s(w, &len);
	/* a walk whose compile failed or never ran keeps the last .s there was, so that the
	 * save that mends it is compared with the last one that compiled */
	if (s) {
		free(rw->s_old);
		rw->s_old = s;
		rw->s_old_len = len;
		rw->had_s = s != NULL;
	}
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		if (!walk_variant_finished(v) || walk_state(&v->link) == RUN_SKIPPED)
			continue;
		struct tui_rw_variant *b = &rw->before[k];
		b->state = (int)walk_state(&v->link);
		b->size = b->state == RUN_OK ? v->link.artifact_size : -1;
		b->ran = b->state == RUN_OK && v->run.argv && !v->run.spawn_errno;
		b->code = v->run.exit_code;
		b->signo = v->run.signo;
		rw->had_before[k] = 1;
	}
}

/* Split text into lines: an array of pointers to each line's start, their lengths. */
static size_t rewalk_lines(const char *s, size_t len, const char ***at, size_t **lens)
{
	size_t n = 0, cap = 0;
	*at = NULL;
	*lens = NULL;
	for (size_t i = 0; s && i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			const char **a = realloc(*at, cap * sizeof *a);
			size_t *l = a ? realloc(*lens, cap * sizeof *l) : NULL;
			if (a)
				*at = a;
			if (!a || !l)
				return n;
			*lens = l;
		}
		(*at)[n] = s + i;
		(*lens)[n] = e - i;
		n++;
		i = e + 1;
	}
	return n;
}

static int rewalk_same(const char *a, size_t la, const char *b, size_t lb)
{
	return la == lb && memcmp(a, b, la) == 0;
}

/* Compare the new .s with the old: which new lines are not in the old (a longest common
 * subsequence of lines), and how many old lines went. */
static void rewalk_diff(struct tui_rewalk *rw, const char *s, size_t len)
{
	const char **a, **b;
	size_t *la, *lb;
	size_t na = rewalk_lines(rw->s_old, rw->s_old_len, &a, &la);
	size_t nb = rewalk_lines(s, len, &b, &lb);
	free(rw->s_changed);
	rw->s_changed = calloc(nb + 1, 1);
	rw->s_lines = nb;
	rw->n_changed = rw->n_removed = 0;
	size_t pre = 0, suf = 0;
	while (pre < na && pre < nb && rewalk_same(a[pre], la[pre], b[pre], lb[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       rewalk_same(a[na - 1 - suf], la[na - 1 - suf], b[nb - 1 - suf], lb[nb - 1 - suf]))
		suf++;
	size_t ma = na - pre - suf, mb = nb - pre - suf;
	uint32_t *dp = NULL;
	if (ma && mb && (ma + 1) * (mb + 1) <= REWALK_DIFF_CELLS)
		dp = calloc((ma + 1) * (mb + 1), sizeof *dp);
	if (dp) {
		/* dp[i][j]: the longest common run of old lines i.. and new lines j.. */
#define DP(i, j) dp[(size_t)(i) * (mb + 1) + (j)]
		for (size_t i = ma; i-- > 0;)
			for (size_t j = mb; j-- > 0;)
				if (rewalk_same(a[pre + i], la[pre + i], b[pre + j], lb[pre + j]))
					DP(i, j) = DP(i + 1, j + 1) + 1;
				else if (DP(i + 1, j) > DP(i, j + 1))
					DP(i, j) = DP(i + 1, j);
				else
					DP(i, j) = DP(i, j + 1);
		size_t i = 0, j = 0;
		while (i < ma && j < mb) {
			if (rewalk_same(a[pre + i], la[pre + i], b[pre + j], lb[pre + j])) {
				i++;
				j++;
			} else if (DP(i + 1, j) >= DP(i, j + 1)) {
				i++;
				rw->n_removed++;
			} else {
				if (rw->s_changed)
					rw->s_changed[pre + j] = 1;
				rw->n_changed++;
				j++;
			}
		}
#undef DP
		rw->n_removed += ma - i;
		for (; j < mb; j++) {
			if (rw->s_changed)
				rw->s_changed[pre + j] = 1;
			rw->n_changed++;
		}
	} else {
		for (size_t j = 0; j < mb; j++)
			if (rw->s_changed)
				rw->s_changed[pre + j] = 1;
		rw->n_changed = mb;
		rw->n_removed = ma;
	}
	free(dp);
	free(a);
	free(la);
	free(b);
	free(lb);
}

int rewalk_poll(struct tui *t)
{
	struct tui_rewalk *rw = &t->rw;
	if (!rw->on)
		return 0;
	watch_read(&rw->watch);
	if (!watch_due(&rw->watch))
		return 0;
	/* what the walk shown showed, before the new one writes the same files */
	rewalk_keep(t);
	struct tm tm;
	time_t secs = rw->watch.seen.tv_sec;
	localtime_r(&secs, &tm);
	strftime(rw->saved_at, sizeof rw->saved_at, "%H:%M:%S", &tm);
	snprintf(rw->file, sizeof rw->file, "%s", rw->watch.name);
	rw->n_files = rw->watch.n_names;
	rw->err[0] = '\0';
	rw->s_cmp = 0;
	rw->stamped = 0;
	rw->fast = 1;
	rw->checked = 0;
	long src_cur = t->src_cur;
	rw->out_top = t->pane[TUI_OUTPUT].top;
	rw->out_stage = t->stage;
	rw->out_view = t->view[t->stage];
	rw->out_restore = 1;
	struct walk_opts o = t->w->opts;
	int rc = t->o->exercise ? expane_walk_again(t, rw->err, sizeof rw->err) :
				  tui_walk_again(t, t->w->src_path, &o, 1, rw->err, sizeof rw->err);
	if (rc < 0) {
		/* the key line says why; an exercise's pane says it too (expane_walk_again) */
		rw->fast = 0;
		return TUI_DRAW_KEYS | TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_BAR |
		       TUI_BUILD_LESSON | TUI_DRAW_LESSON;
	}
	watch_stamp("walk", NULL);
	rw->n_walks++;
	/* the source as it is now: the source pane's lines borrow it */
	panes_reset(&t->pane[TUI_SOURCE]);
	free(t->src);
	free(t->zsrc);
	t->src = t->zsrc = NULL;
	source_load(t);
	/* the source cursor stays on its line while the file still has it */
	long lines = t->src ? (long)sty_count_lines(t->src, t->src_len) : 0;
	t->src_cur = src_cur > lines ? lines : src_cur;
	return TUI_LAYOUT | TUI_BUILD_LESSON;
}

/* The first of the first three stages that failed, or -1. */
static int rewalk_failed_stage(const struct walk *w)
{
	for (int i = 0; i < STAGE_LINK; i++)
		if (walk_state(&w->stage[i]) == RUN_FAILED)
			return i;
	return -1;
}

int rewalk_tick(struct tui *t)
{
	struct tui_rewalk *rw = &t->rw;
	int dirty = 0;
	if (!rw->on)
		return 0;
	if (!rw->n_walks)
		/* the first walk is checked too */
		return expane_tick(t);
	if (rw->s_cmp == 0 && tui_finished(walk_state(&t->w->stage[STAGE_COMPILE]))) {
		size_t len = 0;
		char *s = rewalk_read_s(t->w, &len);
		if (s && rw->had_s) {
			rewalk_diff(rw, s, len);
			rw->s_cmp = 1;
		} else {
			rw->s_cmp = -1;
		}
		free(s);
		dirty |= TUI_DRAW_KEYS | TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT;
	}
	if (rw->fast && t->snap.done)
		rw->fast = 0;
	dirty |= expane_tick(t);
	/* the status says whether the walk is done and where it stopped */
	int sig = t->snap.done * 16 + (rewalk_failed_stage(t->w) + 1) * 2 + (rw->s_cmp != 0);
	if (sig != rw->status_sig) {
		rw->status_sig = sig;
		dirty |= TUI_DRAW_KEYS;
	}
	return dirty;
}

static const char *rewalk_variant_name(int k)
{
	return walk_link_name((enum link_kind)k);
}

/* What moved in variant k since the walk before (b), in one to three sentences, into line:
 * how many things moved (0: nothing, line empty). */
static int rewalk_say_variant(int k, const struct link_variant *v, const struct tui_rw_variant *b,
			      char *line, size_t len)
{
	const char *name = rewalk_variant_name(k);
	int st = (int)walk_state(&v->link), n = 0;
	size_t used = 0;
	line[0] = '\0';
	if (st != b->state) {
		if (st == RUN_OK)
			/* TRANSLATORS: %s is a link variant, "dynamic" or "static" */
			snprintf(line, len, _("The %s link succeeded; it failed before the save."),
				 name);
		else
			snprintf(line, len, _("The %s link failed; it succeeded before the save."),
				 name);
		return 1;
	}
	if (st != RUN_OK)
		return 0;
	if (v->link.artifact_size != b->size && b->size >= 0) {
		snprintf(line, len, _("The %1$s program is %2$lld bytes (it was %3$lld bytes "
				      "before the save)."), name, v->link.artifact_size, b->size);
		used = strlen(line);
		n++;
	}
	int ran = v->run.argv && !v->run.spawn_errno;
	if (!ran || !b->ran || (v->run.exit_code == b->code && v->run.signo == b->signo))
		return n;
	char *at = line + used + (used ? 1 : 0);
	size_t room = len - (size_t)(at - line);
	if (used)
		line[used] = ' ';
	if (!v->run.signo && !b->signo)
		snprintf(at, room, _("The %1$s program exited with %2$d (it exited with %3$d "
				     "before the save)."), name, v->run.exit_code, b->code);
	else if (v->run.signo && !b->signo)
		snprintf(at, room, _("The %1$s program was killed by signal %2$d (it exited with "
				     "%3$d before the save)."), name, v->run.signo, b->code);
	else if (!v->run.signo)
		snprintf(at, room, _("The %1$s program exited with %2$d (it was killed by signal "
				     "%3$d before the save)."), name, v->run.exit_code, b->signo);
	else
		snprintf(at, room, _("The %1$s program was killed by signal %2$d (signal %3$d "
				     "before the save)."), name, v->run.signo, b->signo);
	return n + 1;
}

/* At Link: one sentence for each variant whose result moved since the walk before the save,
 * at the top of the output pane's head. */
static void rewalk_mark_link(struct tui *t, struct panes_pane *p)
{
	struct tui_rewalk *rw = &t->rw;
	int width = panes_text_width(p), said = 0, compared = 0;
	struct sty_doc d = { 0 };
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &t->w->variant[k];
		if (!rw->had_before[k] || !walk_variant_finished(v) ||
		    walk_state(&v->link) == RUN_SKIPPED)
			continue;
		compared = 1;
		const struct tui_rw_variant *b = &rw->before[k];
		char line[400];
		int n = rewalk_say_variant(k, v, b, line, sizeof line);
		if (n)
			sty_add_text(&d, ROLE_WARN, line, (size_t)-1, width, 2);
		said += n;
	}
	if (compared && !said)
		sty_add_text(&d, ROLE_DIM, _("Nothing here moved with the save: the same link "
					    "results, sizes and exit statuses."),
			     (size_t)-1, width, 2);
	/* the head's own lines (the view strip first) stay on top: these go under them */
	for (size_t i = 0; i < d.n; i++) {
		struct sty_line *l = sty_newline(&p->head);
		if (!l)
			break;
		*l = d.lines[i];
		memset(&d.lines[i], 0, sizeof d.lines[i]);
	}
	sty_doc_free(&d);
}

/* Put the output pane's scroll back where it was at the save, once the view shown then is
 * ready again: its stage finished, and tied to the source when it can be. */
static void rewalk_restore_scroll(struct tui *t, struct panes_pane *p)
{
	struct tui_rewalk *rw = &t->rw;
	if (!rw->out_restore)
		return;
	if (t->stage != rw->out_stage || t->view[t->stage] != rw->out_view) {
		rw->out_restore = 0; /* the learner went elsewhere */
		return;
	}
	const struct view_ops *v = view_current(t);
	if (!tui_finished(walk_stage_state(t->w, (enum stage_id)t->stage)) ||
	    (v && v->tied && !view_tied(t) && !walk_is_done(t->w)))
		return;
	panes_scroll_to(p, rw->out_top);
	rw->out_restore = 0;
}

void rewalk_mark(struct tui *t)
{
	struct tui_rewalk *rw = &t->rw;
	if (!rw->on || !rw->n_walks)
		return;
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	rewalk_restore_scroll(t, p);
	if (t->stage == STAGE_LINK && view_current(t) == &view_links) {
		rewalk_mark_link(t, p);
		return;
	}
	if (t->stage != STAGE_COMPILE || view_current(t) != &view_sfile || rw->s_cmp != 1 ||
	    !rw->s_changed || !p->numbered)
		return;
	size_t from = (size_t)(p->number_from > 0 ? p->number_from : 0);
	for (size_t i = from; i < p->body.n; i++) {
		struct sty_line *l = &p->body.lines[i];
		long n = l->num > 0 ? l->num : l->num < 0 ? -1 : (long)(i - from + 1);
		if (n > 0 && (size_t)n <= rw->s_lines && rw->s_changed[n - 1] &&
		    l->mark == STY_MARK_NONE)
			l->mark = STY_MARK_CHANGED;
	}
}

void rewalk_stamp_drawn(struct tui *t)
{
	struct tui_rewalk *rw = &t->rw;
	if (!rw->on || !rw->n_walks || t->too_small)
		return;
	for (int i = 0; i < STAGE_LINK; i++)
		if (!(rw->stamped & (1u << i)) && tui_finished((enum run_state)t->snap.stage[i])) {
			char what[16];
			snprintf(what, sizeof what, "drawn %d", i);
			watch_stamp(what, NULL);
			rw->stamped |= 1u << i;
		}
	if (!(rw->stamped & (1u << STAGE_LINK)) && t->snap.variant_done[LINK_DYNAMIC]) {
		watch_stamp("drawn 3", NULL);
		rw->stamped |= 1u << STAGE_LINK;
	}
	if (!(rw->stamped & 0x10) && t->snap.done) {
		watch_stamp("done", NULL);
		rw->stamped |= 0x10;
	}
	if ((rw->stamped & 0xf) == 0xf)
		rw->fast = 0;
}

const char *rewalk_status(const struct tui *t, int brief, char *buf, size_t len)
{
	const struct tui_rewalk *rw = &t->rw;
	if (!rw->on || (!rw->n_walks && !rw->err[0]))
		return NULL;
	char saved[300], what[300] = "", walked[200];
	if (brief)
		/* TRANSLATORS: %s is the time of a save, "12:03:04" */
		snprintf(saved, sizeof saved, _("saved %s"), rw->saved_at);
	else if (rw->n_files > 1)
		/* TRANSLATORS: %1$s is the time of a save, "12:03:04"; %2$zu how many files it
		   saved (more than one) */
		snprintf(saved, sizeof saved, _("saved %1$s (%2$zu files)"), rw->saved_at,
			 rw->n_files);
	else
		/* TRANSLATORS: %1$s is the time of a save, "12:03:04", %2$s the file saved */
		snprintf(saved, sizeof saved, _("saved %1$s %2$s"), rw->saved_at, rw->file);
	if (rw->err[0]) {
		/* TRANSLATORS: %1$s is "saved 12:03:04 hello.c", %2$s why the walk could not be
		   made */
		snprintf(buf, len, _("%1$s · cannot walk it: %2$s"), saved, rw->err);
		return buf;
	}
	snprintf(walked, sizeof walked, "%s", walk_is_done(t->w) ? _("walked again") :
			 _("walking again"));
	if (brief)
		walked[0] = '\0'; /* the stage bar's marks say it */
	int failed = rewalk_failed_stage(t->w);
	if (failed == STAGE_PREPROCESS)
		snprintf(what, sizeof what, "%s", _("the preprocessor stopped: its error is at 1 "
						    "Preprocess"));
	else if (failed == STAGE_COMPILE)
		snprintf(what, sizeof what, "%s", _("it does not compile: gcc's error is at 2 "
						    "Compile"));
	else if (failed == STAGE_ASSEMBLE)
		snprintf(what, sizeof what, "%s", _("the assembler stopped: its error is at 3 "
						    "Assemble"));
	else if (rw->s_cmp == 1 && rw->n_changed)
		snprintf(what, sizeof what, ngettext("%zu line of the .s changed",
						     "%zu lines of the .s changed", rw->n_changed),
			 rw->n_changed);
	else if (rw->s_cmp == 1 && rw->n_removed)
		snprintf(what, sizeof what, ngettext("%zu line of the .s went",
						     "%zu lines of the .s went", rw->n_removed),
			 rw->n_removed);
	else if (rw->s_cmp == 1)
		snprintf(what, sizeof what, "%s", _("the .s did not change"));
	if (!walked[0])
		snprintf(buf, len, what[0] ? _("%1$s · %2$s") : "%s", saved, what);
	else if (what[0])
		/* TRANSLATORS: the key line after a save: "saved 12:03:04 hello.c · walked again
		   · 3 lines of the .s changed" */
		snprintf(buf, len, _("%1$s · %2$s · %3$s"), saved, walked, what);
	else
		snprintf(buf, len, _("%1$s · %2$s"), saved, walked);
	return buf;
}
