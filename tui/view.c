/* view: the table of the output pane's views and the helpers they share. See view.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/files.h"
#include "stages/say.h"
#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The artifact of stage i as text, read from the walk directory once it is finished. */
static const char *view_artifact(struct tui *t, int i, size_t *len)
{
	const struct stage_run *r = &t->w->stage[i];
	if (!t->wv.art[i] && !t->wv.art_err[i] && r->artifact) {
		char *path = walk_path(t->w, r->artifact);
		t->wv.art[i] = path ? files_slurp(path, 0, &t->wv.art_len[i], NULL) : NULL;
		t->wv.art_err[i] = t->wv.art[i] ? 0 : (path ? errno : ENOMEM);
		free(path);
	}
	*len = t->wv.art_len[i];
	return t->wv.art[i];
}

const struct view_stage view_stages[STAGE_COUNT] = {
	[STAGE_PREPROCESS] = { N_("Preprocessed C"), ".i", "-E" },
	[STAGE_COMPILE] = { N_("Assembly"), ".s", "-S" },
	[STAGE_ASSEMBLE] = { N_("Object file"), ".o", "-c" },
	[STAGE_LINK] = { N_("Linked programs"), NULL, "" },
	[STAGE_RUN] = { N_("The programs at run time"), NULL, "" },
};

/* Every view, in the order o steps through a stage's views. */
static const struct view_ops *const view_table[] = {
	&view_ifile,   &view_includes, &view_macros,
	&view_sfile,   &view_functions, &view_compare,
	&view_objfacts, &view_nm, &view_readelf, &view_objdump, &view_objects,
	&view_links, &view_members_static, &view_members_static_pie, &view_members_musl,
	&view_library,
	&view_relocs, &view_segments, &view_loader, &view_process,
};
#define VIEW_N (sizeof view_table / sizeof view_table[0])

int view_init(struct tui *t)
{
	t->vstate = calloc(VIEW_N, sizeof *t->vstate);
	if (!t->vstate)
		return -1;
	for (size_t i = 0; i < VIEW_N; i++)
		if (view_table[i]->state_size &&
		    !(t->vstate[i] = calloc(1, view_table[i]->state_size)))
			return -1;
	return 0;
}

void view_free(struct tui *t)
{
	for (size_t i = 0; t->vstate && i < VIEW_N; i++)
		free(t->vstate[i]);
	free(t->vstate);
	t->vstate = NULL;
}

void *view_state(const struct tui *t, const struct view_ops *ops)
{
	for (size_t i = 0; i < VIEW_N; i++)
		if (view_table[i] == ops)
			return t->vstate[i];
	return NULL;
}

int view_count(const struct tui *t, int stage)
{
	int n = 0;
	for (size_t i = 0; i < VIEW_N; i++)
		n += (int)view_table[i]->stage == stage &&
		     (!view_table[i]->available || view_table[i]->available(t));
	return n;
}

const struct view_ops *view_at(const struct tui *t, int stage, int k)
{
	const struct view_ops *last = NULL;
	for (size_t i = 0; i < VIEW_N; i++) {
		const struct view_ops *v = view_table[i];
		if ((int)v->stage != stage || (v->available && !v->available(t)))
			continue;
		last = v;
		if (k-- <= 0)
			break;
	}
	return last;
}

const struct view_ops *view_current(const struct tui *t)
{
	return view_at(t, t->stage, t->view[t->stage]);
}

void view_leave(struct tui *t)
{
	const struct view_ops *v = view_current(t);
	if (v && v->leave)
		v->leave(t);
}

void view_show(struct tui *t, int i)
{
	view_leave(t);
	t->view[t->stage] = i;
}

void view_forget(struct tui *t)
{
	for (size_t i = 0; i < VIEW_N; i++)
		if (view_table[i]->forget)
			view_table[i]->forget(t, t->vstate[i]);
}

int view_tied(const struct tui *t)
{
	const struct view_ops *v = view_current(t);
	return v && v->tied && v->tied(t);
}

int view_cursor_dirty(const struct tui *t)
{
	const struct view_ops *v = view_current(t);
	return v ? v->cursor_dirty : 0;
}

enum keys_mode view_mode(const struct tui *t)
{
	const struct view_ops *v = view_current(t);
	return v && v->mode ? v->mode(t) : KEYS_MODE_NORMAL;
}

int view_keyline(const struct tui *t, char *buf, size_t len)
{
	const struct view_ops *v = view_current(t);
	if (!v || !v->keyline || !v->mode || v->mode(t) == KEYS_MODE_NORMAL)
		return 0;
	v->keyline(t, buf, len);
	return 1;
}

int view_handles(const struct tui *t, enum keys_action a)
{
	const struct view_ops *v = view_current(t);
	for (size_t i = 0; v && v->actions && v->actions[i] != KEYS_NONE; i++)
		if (v->actions[i] == a)
			return 1;
	return 0;
}

int view_key(struct tui *t, enum keys_action a, int arg)
{
	if (!view_handles(t, a))
		return -1;
	return view_current(t)->key(t, a, arg);
}

int view_idea(struct tui *t, int line)
{
	const struct view_ops *v = view_current(t);
	return v && v->idea ? v->idea(t, line) : 0;
}

/* Why a run did not happen, as the walk recorded it. */
void view_skipped(struct sty_doc *d, const struct stage_run *r, int width)
{
	char msg[512];
	if (r->skip_reason)
		snprintf(msg, sizeof msg, _("Not run: %s"), r->skip_reason);
	else
		snprintf(msg, sizeof msg, "%s", _("Not run: not reached"));
	sty_add_text(d, ROLE_WARN, msg, (size_t)-1, width, 2);
}

/* A stage that has not finished: only its state may be read, not its record. */
static void view_unfinished(struct tui *t, struct panes_pane *p, int s, enum run_state st,
				 int width)
{
	char msg[512], cmd[256];
	/* the command as typed: "gcc -E" */
	snprintf(cmd, sizeof cmd, "%s%s%s", t->w->opts.cc, *view_stages[s].flag ? " " : "",
		 view_stages[s].flag);
	if (st == RUN_RUNNING && s == STAGE_LINK)
		/* TRANSLATORS: %1$s is a spinner, %2$s a command ("gcc") */
		snprintf(msg, sizeof msg, _("%1$s running %2$s on the object file ..."),
			 chrome_spinner(t), cmd);
	else if (st == RUN_RUNNING)
		/* TRANSLATORS: %1$s is a spinner, %2$s a command ("gcc -E"), %3$s a file */
		snprintf(msg, sizeof msg, _("%1$s running %2$s on %3$s ..."), chrome_spinner(t), cmd,
			 vdoc_basename(t->w->src_path));
	else if (s == 0)
		snprintf(msg, sizeof msg, _("starting %s ..."), t->w->opts.cc);
	else
		/* TRANSLATORS: %s is a stage's name as --stage takes it ("preprocess") */
		snprintf(msg, sizeof msg, _("waiting for the %s stage to finish"),
			 walk_stage_name((enum stage_id)(s - 1)));
	sty_add_text(&p->body, st == RUN_RUNNING ? ROLE_WARN : ROLE_DIM, msg, (size_t)-1, width,
		       2);
	snprintf(p->info, sizeof p->info, "%s", st == RUN_RUNNING ? _("running") : _("waiting"));
}

/* A finished stage that did not make its artifact. */
static int view_not_ok(struct tui *t, struct panes_pane *p, int s, enum run_state st,
			    int width)
{
	const struct stage_run *r = &t->w->stage[s];
	if (st == RUN_SKIPPED) {
		view_skipped(&p->body, r, width);
		snprintf(p->info, sizeof p->info, "%s", _("not run"));
		return 1;
	}
	if (st != RUN_FAILED)
		return 0;
	char msg[256];
	if (r->proc.argv)
		/* TRANSLATORS: %1$s is a command ("gcc"), %2$s how its run ended */
		snprintf(msg, sizeof msg, _("%1$s failed: %2$s"), r->proc.argv[0],
			 walk_run_describe(r));
	else
		snprintf(msg, sizeof msg, _("the command failed: %s"), walk_run_describe(r));
	vdoc_add_command(&p->head, r->proc.argv, width);
	sty_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
	vdoc_add_blank(&p->body);
	sty_add_text(&p->body, ROLE_ERROR, r->proc.err, r->proc.err_len, width, 2);
	if (r->proc.out_len > 0)
		sty_add_text(&p->body, ROLE_TEXT, r->proc.out, r->proc.out_len, width, 2);
	/* gcc's messages in words, under its own text */
	diag_add_explained(t, &p->body, s, width);
	snprintf(p->info, sizeof p->info, "%s", _("failed"));
	return 1;
}

/* The .i or the .s: the command, gcc's warnings if any, then the file itself, numbered.
 * The .i opens at the learner's code, below what the headers pasted in. */
void view_text_artifact(struct tui *t, struct panes_pane *p, int s, int width)
{
	const struct stage_run *r = &t->w->stage[s];
	size_t len;
	const char *text = view_artifact(t, s, &len);

	vdoc_add_command(&p->head, r->proc.argv, width);
	diag_add_head(t, &p->head, s, width);
	/* The body has a gutter of line numbers; what is wrapped must fit beside it. */
	p->numbered = text != NULL;
	width = panes_text_width(p);
	if (r->proc.err_len > 0) {
		sty_add_text(&p->body, ROLE_WARN, r->proc.err, r->proc.err_len, width, 2);
		vdoc_add_blank(&p->body);
	}
	if (!text) {
		char msg[512];
		snprintf(msg, sizeof msg, _("cannot read %1$s: %2$s"), r->artifact,
			 strerror(t->wv.art_err[s]));
		sty_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, width, 2);
		return;
	}
	int first = (int)p->body.n;
	p->number_from = first;
	sty_add_text(&p->body, ROLE_TEXT, text, len, 0, 0);
	size_t lines = sty_count_lines(text, len);
	snprintf(p->info, sizeof p->info, ngettext("%zu line", "%zu lines", lines), lines);
	if (s != STAGE_PREPROCESS)
		return;
	/* where the learner's code starts, from the line map (read with the .i's markers) */
	const struct ppmap_home *h = &t->w->pp.home;
	if (!t->w->pp_ok || !h->marker || !h->headers)
		return;
	/* Two short lines, so that neither number is wrapped away from its words. */
	char msg[2][160];
	if (!h->code_before) {
		/* TRANSLATORS: the first line of two; the second is "your code starts at ..." */
		snprintf(msg[0], sizeof msg[0], _("Lines 1-%zu come from headers;"), h->marker);
		snprintf(msg[1], sizeof msg[1], _("your code starts at line %zu."), h->marker + 1);
	} else {
		/* TRANSLATORS: the first line of two; the second is "the rest of your code ..." */
		snprintf(msg[0], sizeof msg[0], _("Lines 1-%zu hold headers, and your code above its "
			 "last #include;"), h->marker);
		snprintf(msg[1], sizeof msg[1], _("the rest of your code starts at line %zu."),
			 h->marker + 1);
	}
	for (int i = 0; i < 2; i++)
		sty_add_text(&p->head, ROLE_DIM, msg[i], (size_t)-1, width, 2);
	if (t->out_home) {
		/* The marker stays in view above the code, as it says "back in your file"; unless
		 * blank lines would push the code itself out of view. */
		size_t top = h->marker - 1;
		if (h->code && (int)(h->code - h->marker) >= panes_rows(p))
			top = h->code - 2;
		p->top = first + (int)top;
		t->out_home = 0;
	}
}

/* The head line naming the output pane's views, the one shown bracketed (so it shows without
 * colour), and the key that switches them; "view 2 of 4: nm" when the names do not fit. */
void view_strip(struct tui *t, struct sty_doc *d, int width)
{
	int n = view_count(t, t->stage), cur = t->view[t->stage];
	const struct view_ops *cv = view_current(t);
	char key[16], tail[48], item[64];
	if (n < 2)
		return;
	keys_describe(KEYS_VIEW, 1, t->utf8, key, sizeof key);
	/* TRANSLATORS: %s is a key, "o" */
	snprintf(tail, sizeof tail, _("  %s next"), key);
	const char *lead = _("view:");
	int total = sty_width(lead, strlen(lead)) + sty_width(tail, strlen(tail));
	for (int v = 0; v < n; v++) {
		const struct view_ops *o = view_at(t, t->stage, v);
		const char *name = _(o->name);
		if (o->group && (v == 0 || view_at(t, t->stage, v - 1)->group != o->group))
			total += 1 + sty_width(_(o->group), strlen(_(o->group)));
		total += 2 + sty_width(name, strlen(name));
		total += 1;
	}
	struct sty_line *l = sty_newline(d);
	if (total > width) {
		/* One sentence, the view's name drawn strong: it stands where the sentence has
		 * \001. */
		if (cv->group)
			/* TRANSLATORS: %3$s is a link's name ("static"): "view 2 of 5: members of
			   static" */
			snprintf(item, sizeof item, _("view %1$d of %2$d: members of %3$s"), cur + 1, n,
				 "\001");
		else
			/* TRANSLATORS: %3$s is a view's name ("nm", "include tree") */
			snprintf(item, sizeof item, _("view %1$d of %2$d: %3$s"), cur + 1, n, "\001");
		const char *at = strchr(item, '\001');
		sty_add(l, ROLE_DIM, item, at ? (size_t)(at - item) : (size_t)-1);
		if (at) {
			sty_add(l, ROLE_STRONG, _(cv->name), (size_t)-1);
			if (at[1])
				sty_add(l, ROLE_DIM, at + 1, (size_t)-1);
		}
		sty_add(l, ROLE_DIM, tail, (size_t)-1);
		return;
	}
	sty_add(l, ROLE_DIM, lead, (size_t)-1);
	for (int v = 0; v < n; v++) {
		const struct view_ops *o = view_at(t, t->stage, v);
		if (o->group && (v == 0 || view_at(t, t->stage, v - 1)->group != o->group)) {
			sty_add(l, ROLE_DIM, " ", 1);
			sty_add(l, ROLE_DIM, _(o->group), (size_t)-1);
		}
		snprintf(item, sizeof item, v == cur ? " [%s]" : "  %s ", _(o->name));
		sty_add(l, v == cur ? ROLE_STRONG : ROLE_DIM, item, (size_t)-1);
	}
	sty_add(l, ROLE_DIM, tail, (size_t)-1);
}

int view_need(struct tui *t)
{
	const struct view_ops *v = view_current(t);
	return v && v->need ? v->need(t, v->arg) : 0;
}

void view_help(const struct tui *t, char *buf, size_t len)
{
	struct say s;
	say_init(&s, buf, len);
	say_put(&s, "%s", _("the output pane's next view."));
	for (int st = 0; st < STAGE_COUNT; st++) {
		int n = view_count(t, st);
		char names[400] = "";
		size_t used = 0;
		for (int v = 0; v < n && used < sizeof names; v++) {
			const struct view_ops *o = view_at(t, st, v);
			int first_of_group = o->group &&
					     (v == 0 || view_at(t, st, v - 1)->group != o->group);
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s%s%s",
						 say_list_sep((size_t)v, (size_t)n),
						 first_of_group ? _(o->group) : "",
						 first_of_group ? " " : "", _(o->name));
		}
		/* TRANSLATORS: a stage's title, then the names of its views, as a list */
		say_sentence(&s, _("At %1$s: %2$s."), walk_stage_title((enum stage_id)st), names);
	}
}

/* What clang's facts say when they are not in: still parsing, or why they are missing. */
int view_clang_missing(struct tui *t, struct panes_pane *p, int width)
{
	enum run_state st = walk_state(&t->w->clang);
	if (st == RUN_OK)
		return 0;
	char msg[600];
	if (!tui_finished(st))
		snprintf(msg, sizeof msg, _("%s libclang is reading the source..."), chrome_spinner(t));
	else if (t->w->clang.skip_reason)
		snprintf(msg, sizeof msg, _("libclang's facts are missing: %s"),
			 t->w->clang.skip_reason);
	else
		snprintf(msg, sizeof msg, "%s", _("libclang's facts are missing: no parse"));
	sty_add_text(&p->body, tui_finished(st) ? ROLE_WARN : ROLE_DIM, msg, (size_t)-1, width, 2);
	return 1;
}

int view_run5_ready(struct tui *t, struct panes_pane *p, int width)
{
	char msg[512];
	if (!walk_run5_ready(t->w)) {
		enum run_state link = walk_stage_state(t->w, STAGE_LINK);
		if (!tui_finished(link))
			snprintf(msg, sizeof msg, "%s", _("waiting for the link stage to finish"));
		else
			/* TRANSLATORS: %s is a spinner */
			snprintf(msg, sizeof msg, _("%s running each linked program to watch it start "
				 "(its relocations, segments, loader and memory at main) ..."),
				 chrome_spinner(t));
		sty_add_text(&p->body, tui_finished(link) ? ROLE_WARN : ROLE_DIM, msg, (size_t)-1,
			     width, 2);
		snprintf(p->info, sizeof p->info, "%s",
			 tui_finished(link) ? _("running") : _("waiting"));
		return 0;
	}
	const struct stage_run *r = &t->w->run5.run;
	if (walk_state(r) == RUN_SKIPPED) {
		view_skipped(&p->body, r, width);
		snprintf(p->info, sizeof p->info, "%s", _("not run"));
		return 0;
	}
	return 1;
}

int view_run_variant(const struct tui *t)
{
	const struct walk_run5 *r = &t->w->run5;
	if (t->run_variant >= 0 && t->run_variant < LINK_COUNT && r->ran[t->run_variant])
		return t->run_variant;
	for (int k = 0; k < LINK_COUNT; k++)
		if (r->ran[k])
			return k;
	return -1;
}

void view_run_strip(struct tui *t, struct sty_doc *d, int width)
{
	char key[16], item[64], tail[48];
	int cur = view_run_variant(t), n = 0, at = 0;
	if (cur < 0)
		return;
	for (int k = 0; k < LINK_COUNT; k++) {
		at += k < cur && t->w->run5.ran[k];
		n += t->w->run5.ran[k];
	}
	tail[0] = '\0';
	if (n > 1) {
		keys_describe(KEYS_VARIANT, 1, t->utf8, key, sizeof key);
		/* TRANSLATORS: %s is a key, "v" */
		snprintf(tail, sizeof tail, _("  %s next"), key);
	}
	const char *lead = _("variant:");
	int total = sty_width(lead, strlen(lead)) + sty_width(tail, strlen(tail));
	for (int k = 0; k < LINK_COUNT; k++)
		total += t->w->run5.ran[k] ? 3 + (int)strlen(walk_link_name((enum link_kind)k)) : 0;
	struct sty_line *l = sty_newline(d);
	if (total > width) {
		/* TRANSLATORS: %3$s is a link variant ("static"): "variant 2 of 4: static" */
		snprintf(item, sizeof item, _("variant %1$d of %2$d: %3$s"), at + 1, n,
			 walk_link_name((enum link_kind)cur));
		sty_add(l, ROLE_STRONG, item, (size_t)-1);
		sty_add(l, ROLE_DIM, tail, (size_t)-1);
		return;
	}
	sty_add(l, ROLE_DIM, lead, (size_t)-1);
	for (int k = 0; k < LINK_COUNT; k++) {
		if (!t->w->run5.ran[k])
			continue;
		snprintf(item, sizeof item, k == cur ? " [%s]" : "  %s ",
			 walk_link_name((enum link_kind)k));
		sty_add(l, k == cur ? ROLE_STRONG : ROLE_DIM, item, (size_t)-1);
	}
	sty_add(l, ROLE_DIM, tail, (size_t)-1);
}

int view_run_next_variant(struct tui *t)
{
	int cur = view_run_variant(t);
	if (cur < 0)
		return 0;
	for (int i = 1; i <= LINK_COUNT; i++) {
		int k = (cur + i) % LINK_COUNT;
		if (t->w->run5.ran[k]) {
			t->run_variant = k;
			t->pane[TUI_OUTPUT].top = 0;
			return TUI_BUILD_OUTPUT | TUI_DRAW_OUTPUT | TUI_DRAW_SOURCE;
		}
	}
	return 0;
}

int view_stage_ready(struct tui *t, struct panes_pane *p, int s, int width)
{
	enum run_state st = walk_state(&t->w->stage[s]);
	if (!tui_finished(st)) {
		view_unfinished(t, p, s, st, width);
		return 0;
	}
	return !view_not_ok(t, p, s, st, width);
}

void view_build(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	const struct view_ops *v = view_current(t);
	int s = t->stage;

	panes_reset(p);
	/* a list's chosen line is the run views' own (the relocation at the cursor) */
	p->has_cursor = 0;
	t->src_mark = 0;
	p->numbered = 0;
	p->number_from = 0;
	if (view_stages[s].ext) {
		/* TRANSLATORS: %1$s is what the stage makes ("Assembly"), %2$s its file */
		snprintf(p->title, sizeof p->title, _("%1$s: %2$s%3$s"), _(view_stages[s].what),
			 t->w->base, view_stages[s].ext);
		snprintf(p->brief, sizeof p->brief, "%s%s", t->w->base, view_stages[s].ext);
	}
	/* every view's head opens with the strip naming the stage's views, whatever its state */
	view_strip(t, &p->head, panes_text_width(p));
	v->build(t, p, panes_text_width(p), v->arg);
	panes_scroll_to(p, p->top);
}
