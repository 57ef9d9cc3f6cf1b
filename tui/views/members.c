/* members: the archive members a static link took (how many, how big, the biggest, and all of
 * them as the tree of why each was taken). One file, a view per static link variant (arg). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The bytes archive member i put into the program (0 when the map names none). */
static unsigned long long members_size(const struct linkmap *m, size_t i)
{
	long long size = linkmap_member_size(m, i);
	return size > 0 ? (unsigned long long)size : 0;
}

/* "libc.a(printf.o)"; a thin archive's member by its own name. */
static const char *members_member_label(const struct linkmap_member *x, char *buf, size_t len)
{
	if (*x->archive)
		snprintf(buf, len, "%s(%s)", vdoc_basename(x->archive), x->member);
	else
		snprintf(buf, len, "%s", vdoc_basename(x->member));
	return buf;
}

/* The archive members of link variant k: how many, how big, the biggest, then all of them
 * as the tree of why each was taken, depth first: each member, then indented under it the
 * members it needed, in the map's order. */
static void members_build(struct tui *t, struct panes_pane *p, int width, int k)
{
	const struct link_variant *v = &t->w->variant[k];
	const char *name = walk_link_name((enum link_kind)k);
	enum run_state st = walk_state(&v->link);
	char buf[512];

	/* TRANSLATORS: %1$s is a link's name ("static"), %2$s the program */
	snprintf(p->title, sizeof p->title, _("Archive members in the %1$s link of %2$s"), name,
		 t->w->base);
	/* TRANSLATORS: %s is a link's name, "static" */
	snprintf(p->brief, sizeof p->brief, _("%s members"), name);
	if (!tui_finished(st)) {
		/* a spinner (or nothing), then the sentence */
		snprintf(buf, sizeof buf, "%s %s", st == RUN_RUNNING ? chrome_spinner(t) : "",
			 st == RUN_RUNNING ? _("linking ...") : _("waiting to link"));
		sty_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		view_skipped(&p->body, &v->link, width);
		return;
	}
	vdoc_add_command(&p->head, v->link.proc.argv, width);
	if (st == RUN_FAILED) {
		if (v->failed_at == LINK_FAILED_AT_COMPILE)
			snprintf(buf, sizeof buf, _("compile failed: %s"), walk_run_describe(&v->link));
		else
			snprintf(buf, sizeof buf, _("link failed: %s"), walk_run_describe(&v->link));
		sty_add_text(&p->body, ROLE_ERROR, buf, (size_t)-1, width, 2);
		sty_add_text(&p->body, ROLE_ERROR, v->link.proc.err, v->link.proc.err_len, width,
			       2);
		return;
	}
	if (!walk_variant_finished(v)) {
		snprintf(buf, sizeof buf, _("%s reading its link map ..."), chrome_spinner(t));
		sty_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	const struct linkmap *m = &v->map;
	if (!v->map_ok) {
		if (m->error[0])
			snprintf(buf, sizeof buf, _("No link map to read: %s"), m->error);
		else
			snprintf(buf, sizeof buf, "%s", _("No link map to read: none was written"));
		sty_add_text(&p->body, ROLE_WARN, buf, (size_t)-1, width, 2);
		return;
	}
	if (!m->n_members) {
		sty_add_text(&p->body, ROLE_TEXT, _("ld took no member out of an archive for this "
			       "link."), (size_t)-1, width, 2);
		return;
	}
	snprintf(p->info, sizeof p->info, ngettext("%zu member", "%zu members", m->n_members),
		 m->n_members);
	char bytes[64];
	vdoc_format_bytes((long long)linkmap_members_size(m), bytes, sizeof bytes);
	/* TRANSLATORS: %2$s is a number of bytes, "12345 bytes" */
	snprintf(buf, sizeof buf, ngettext("%1$zu archive member, %2$s",
					   "%1$zu archive members, %2$s", m->n_members),
		 m->n_members, bytes);
	sty_add_text(&p->body, ROLE_STRONG, buf, (size_t)-1, width, 2);
	sty_add_text(&p->body, ROLE_DIM,
		       _("From the link map (-Wl,-Map). ld takes a member (an object file) out of "
			 "an archive only for a symbol that something already taken needs. bytes: "
			 "what it puts into the program's memory, .bss included."), (size_t)-1,
		       width, 0);
	if (m->truncated)
		sty_add_text(&p->body, ROLE_WARN, _("The map was cut short: there are more."),
			       (size_t)-1, width, 0);

	size_t top[10];
	size_t n = linkmap_biggest(m, top, 10);
	snprintf(buf, sizeof buf, ngettext("The %zu biggest", "The %zu biggest", n), n);
	vdoc_add_heading(&p->body, buf, NULL, width);
	struct vdoc_table tab = { 0 };
	tab.ncols = 3;
	tab.head[0] = _("bytes");
	tab.head[1] = _("member");
	tab.head[2] = _("taken for");
	tab.right[0] = 1;
	for (size_t j = 0; j < n; j++) {
		const struct linkmap_member *x = &m->members[top[j]];
		struct vdoc_row *r = vdoc_table_row(&tab);
		if (!r)
			break;
		snprintf(r->cell[0], sizeof r->cell[0], "%llu", members_size(m, top[j]));
		members_member_label(x, r->cell[1], sizeof r->cell[1]);
		r->role[1] = ROLE_CODE;
		snprintf(r->cell[2], sizeof r->cell[2], "%s", x->symbol);
	}
	vdoc_add_table(&p->body, &tab, width);

	snprintf(buf, sizeof buf, ngettext("All %zu, each under the member that needed it",
					   "All %zu, each under the member that needed it",
					   m->n_members), m->n_members);
	vdoc_add_heading(&p->body, buf, _("The first ones were needed by the program's own "
			"objects, or by the start-up files gcc adds to every link (crt1.o and the "
			"like); an archive is named where it changes."), width);

	/* The tree of why each member was taken, from the engine: each member once, even when
	 * the map's parents loop. */
	struct linkmap_tree_row *rows = linkmap_member_tree(m);
	if (!rows) {
		sty_add_text(&p->body, ROLE_ERROR, _("out of memory"), (size_t)-1, width, 2);
		return;
	}
	struct sty_line *l = sty_newline(&p->body);
	/* TRANSLATORS: the tree's column heads; "bytes" ends at the eighth column */
	sty_add(l, ROLE_DIM, _("   bytes  member, and the symbol it was taken for"), (size_t)-1);
	for (size_t r = 0; r < m->n_members; r++) {
		size_t i = rows[r].member;
		const struct linkmap_member *x = &m->members[i];
		char size[32], label[256], pad[48], who[300], store[600];
		int dcols = rows[r].depth * 2 > 40 ? 40 : (int)rows[r].depth * 2;
		snprintf(size, sizeof size, "%8llu  ", members_size(m, i));
		snprintf(pad, sizeof pad, "%*s", dcols, "");
		int top_level = rows[r].depth == 0;
		if (top_level || !*x->archive ||
		    strcmp(m->members[x->parent].archive, x->archive) != 0)
			members_member_label(x, label, sizeof label);
		else
			snprintf(label, sizeof label, "%s", x->member);
		/* the row: a member, the symbol it was taken for, and for the first ones the
		 * object that needed it, as one sentence whose words are dim */
		struct vdoc_span args[] = {
			{ ROLE_CODE, label }, { ROLE_TEXT, x->symbol },
			{ ROLE_DIM, top_level && *x->by ?
				    walk_input_name(t->w, x->by, who, sizeof who) : "" },
		};
		struct vdoc_span sps[2 + 8] = { { ROLE_TEXT, size }, { ROLE_TEXT, pad } };
		/* TRANSLATORS: a row of the members tree: %1$s a member ("printf.o"), %2$s the
		   symbol it was taken for, %3$s the object that needed it ("hello.o") */
		size_t ns = vdoc_sentence_spans(top_level && *x->by ?
						_("%1$s for %2$s, needed by %3$s") :
						_("%1$s for %2$s"), ROLE_DIM, args, 3, sps + 2, 8,
						store, sizeof store);
		vdoc_add_spans(&p->body, sps, 2 + ns, 0, width, 10 + dcols + 4);
	}
	free(rows);
}

_Static_assert(LINK_DYNAMIC == 0, "the dynamic link has no archive members to show");

#define MEMBERS_VIEW(kind, label)                                                              \
	{ .name = label, .group = N_("members:"), .stage = STAGE_LINK, .arg = kind,                   \
	  .build = members_build }
const struct view_ops view_members_static = MEMBERS_VIEW(LINK_STATIC, "static");
const struct view_ops view_members_static_pie = MEMBERS_VIEW(LINK_STATIC_PIE, "static-pie");
const struct view_ops view_members_musl = MEMBERS_VIEW(LINK_MUSL, "musl");
