/* objects: with several sources, every object file of the program: the command that made
 * each (the first source's gcc -c of its .s; the others' gcc -c straight from the .c), what
 * gcc said, its size, and the global symbols it defines and leaves undefined, so that the
 * link's inputs are all in view at the Assemble stage. */
#include "config.h"

#include <gelf.h>
#include <stdio.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* The symbols of sy that it defines (def) or leaves undefined, as one line of names. */
static void objects_names(const struct symbols *sy, int def, char *buf, size_t len, size_t *n)
{
	size_t used = 0;
	buf[0] = '\0';
	*n = 0;
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *s = &sy->syms[i];
		if (!*s->name || s->bind == STB_LOCAL || s->type == STT_FILE ||
		    s->type == STT_SECTION || (def != (s->shndx != SHN_UNDEF)))
			continue;
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", *n ? " " : "",
						 s->name);
		(*n)++;
	}
}

/* One object: its name and size, the command, what gcc printed, its symbols. syms is NULL
 * while they are not read. */
static void objects_one(struct sty_doc *d, const struct stage_run *r, const char *src,
			const struct symbols *syms, int width)
{
	char line[512], size[64], names[2048];
	enum run_state st = walk_state(r);
	vdoc_add_blank(d);
	if (!tui_finished(st)) {
		/* TRANSLATORS: %s is a source file, "util.c" */
		snprintf(line, sizeof line, _("%s: waiting to be compiled"), src);
		sty_add_text(d, ROLE_DIM, line, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		snprintf(line, sizeof line, "%s:", src);
		sty_add_text(d, ROLE_STRONG, line, (size_t)-1, width, 2);
		view_skipped(d, r, width);
		return;
	}
	vdoc_format_size(r->artifact_size, size, sizeof size);
	if (st == RUN_OK)
		/* TRANSLATORS: "util.o, from util.c: 1712 bytes" */
		snprintf(line, sizeof line, _("%1$s, from %2$s: %3$s"), r->artifact, src, size);
	else
		/* TRANSLATORS: %1$s a source file, %2$s how gcc ended, "exit 1" */
		snprintf(line, sizeof line, _("%1$s did not compile: %2$s"), src,
			 proc_describe(&r->proc));
	sty_add_text(d, st == RUN_OK ? ROLE_STRONG : ROLE_ERROR, line, (size_t)-1, width, 2);
	vdoc_add_command(d, r->proc.argv, width);
	if (r->proc.err_len)
		sty_add_text(d, st == RUN_OK ? ROLE_WARN : ROLE_ERROR, r->proc.err, r->proc.err_len,
			     width, 2);
	if (st != RUN_OK || !syms)
		return;
	size_t n;
	objects_names(syms, 1, names, sizeof names, &n);
	struct vdoc_field f[2];
	f[0] = (struct vdoc_field){ _("defines:"), n ? names : _("no global symbol") };
	char undef[2048];
	objects_names(syms, 0, undef, sizeof undef, &n);
	f[1] = (struct vdoc_field){ _("undefined:"), n ? undef : _("none") };
	vdoc_add_fields(d, f, 2, width);
}

static void objects_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	const struct walk *w = t->w;
	char buf[512];
	(void)arg;
	/* TRANSLATORS: %s is the stage's output, "Object file" */
	snprintf(p->title, sizeof p->title, ngettext("%1$s: the program's %2$zu object",
						     "%1$s: the program's %2$zu objects",
						     w->n_extra + 1),
		 _(view_stages[STAGE_ASSEMBLE].what), w->n_extra + 1);
	snprintf(p->brief, sizeof p->brief, "%s", _("every object"));
	snprintf(buf, sizeof buf, _("Each source is compiled on its own into an object file; the "
				    "link then joins them. The walkthrough follows %1$s through "
				    "every stage (%2$s); the other sources go straight from .c to "
				    ".o with gcc -c."), vdoc_basename(w->src_path),
		 w->stage[STAGE_ASSEMBLE].artifact ? w->stage[STAGE_ASSEMBLE].artifact :
		 vdoc_basename(w->src_path));
	sty_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
	const struct symbols *main_syms = walk_obj_ready(w) && w->obj_syms_ok ? &w->obj_syms :
					  NULL;
	objects_one(&p->body, &w->stage[STAGE_ASSEMBLE], vdoc_basename(w->src_path), main_syms,
		    width);
	/* the others' symbols are read on the walk's thread before the links start */
	int links_began = walk_state(&w->variant[LINK_DYNAMIC].link) != RUN_PENDING;
	for (size_t e = 0; e < w->n_extra; e++) {
		const struct walk_extra *x = &w->extra[e];
		objects_one(&p->body, &x->cc, vdoc_basename(x->src_path),
			    links_began && x->syms_ok ? &x->syms : NULL, width);
	}
	vdoc_add_blank(&p->body);
	sty_add_text(&p->body, ROLE_DIM,
		     _("A symbol one object leaves undefined and another defines is resolved by "
		       "ld when it links them, before it looks in any library: the Link stage "
		       "lists it as resolved at link time."), (size_t)-1, width, 2);
}

static int objects_available(const struct tui *t)
{
	return t->w->n_extra > 0;
}

const struct view_ops view_objects = {
	.name = N_("every object"),
	.stage = STAGE_ASSEMBLE,
	.available = objects_available,
	.build = objects_build,
};
