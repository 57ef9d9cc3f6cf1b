/* library: with several sources, the library built from the others, how each link used it,
 * and where the loader found it. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/vdoc.h"
#include "tui/view.h"

/* With several sources: the others as libX.a and libX.so, and the program linked against
 * each, one after the other: the commands, what each program holds and needs, what ldd and
 * the loader said, and how it ran. */
static void library_build(struct tui *t, struct panes_pane *p, int width, int arg)
{
	const struct walk *w = t->w;
	const struct libbuild *lb = &w->lib;
	enum run_state st = walk_state(&w->lib_run);
	char buf[4096];

	/* TRANSLATORS: %s is the stage's output, "Linked programs" */
	snprintf(p->title, sizeof p->title, _("%s: the other sources as a library"),
		 _(view_stages[STAGE_LINK].what));
	snprintf(p->brief, sizeof p->brief, "%s", _("library"));
	if (!tui_finished(st)) {
		/* a spinner (or nothing), then the sentence */
		snprintf(buf, sizeof buf, "%s %s", st == RUN_RUNNING ? chrome_spinner(t) : "",
			 st == RUN_RUNNING ? _("building the library and linking against it ...") :
			 _("waiting for the objects"));
		sty_add_text(&p->body, ROLE_DIM, buf, (size_t)-1, width, 2);
		return;
	}
	if (st == RUN_SKIPPED) {
		view_skipped(&p->body, &w->lib_run, width);
		return;
	}
	sty_add_text(&p->body, ROLE_DIM, _("The program's other sources, compiled as "
		       "position-independent code (-fPIC) and made into a static archive and a "
		       "shared library; the program linked against each:"), (size_t)-1, width, 2);
	const struct proc_result *steps[64];
	long long sizes[64];
	size_t n = 0;
	for (size_t i = 0; i < lb->n_objs && n < 62; i++, n++) {
		steps[n] = &lb->objs[i].cc;
		sizes[n] = -1;
	}
	steps[n] = &lb->ar;
	sizes[n++] = lb->archive_size;
	steps[n] = &lb->so;
	sizes[n++] = lb->shared_size;
	for (size_t i = 0; i < n; i++) {
		if (!steps[i]->argv)
			continue;
		vdoc_add_command(&p->body, steps[i]->argv, width);
		char res[128];
		if (sizes[i] >= 0)
			/* TRANSLATORS: how a step ended, and the size of what it made */
			snprintf(res, sizeof res, ngettext("  %1$s, %2$lld byte", "  %1$s, %2$lld bytes",
							   (unsigned long)sizes[i]),
				 proc_describe(steps[i]), sizes[i]);
		else
			snprintf(res, sizeof res, "  %s", proc_describe(steps[i]));
		sty_add_text(&p->body, proc_ok(steps[i]) ? ROLE_OK : ROLE_ERROR, res,
			       (size_t)-1, width, 4);
		if (steps[i]->err_len)
			sty_add_text(&p->body, ROLE_WARN, steps[i]->err, steps[i]->err_len, width,
				       2);
	}
	if (st == RUN_FAILED && lb->error[0])
		sty_add_text(&p->body, ROLE_ERROR, lb->error, (size_t)-1, width, 2);
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		const struct libbuild_prog *pr = &lb->prog[k];
		if (!pr->link.argv)
			continue;
		vdoc_add_blank(&p->body);
		snprintf(buf, sizeof buf, "%s%s%s", pr->name ? pr->name : "",
			 pr->linked ? ", " : "", "");
		if (pr->linked)
			vdoc_format_size(pr->size, buf + strlen(buf), sizeof buf - strlen(buf));
		struct sty_line *l = sty_newline(&p->body);
		sty_add(l, ROLE_HEADING, buf, (size_t)-1);
		l->item = 1;
		vdoc_add_command(&p->body, pr->link.argv, width);
		if (pr->link.err_len)
			sty_add_text(&p->body, pr->linked ? ROLE_WARN : ROLE_ERROR, pr->link.err,
				       pr->link.err_len, width, 2);
		libbuild_explain(lb, (enum libbuild_kind)k, buf, sizeof buf);
		for (char *line = buf, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			sty_add_text(&p->body, ROLE_TEXT, line, (size_t)-1, width, 2);
			if (!nl)
				break;
		}
		for (size_t i = 0; pr->linked && i < pr->n_load; i++) {
			const struct libbuild_load *ld = &pr->load[i];
			if (!ld->ldd.argv)
				continue;
			char what[PATH_MAX + 64];
			snprintf(what, sizeof what, "$ %s%s%s", ld->ld_library_path ?
				 "LD_LIBRARY_PATH=" : "", ld->ld_library_path ? ld->ld_library_path :
				 "", ld->ld_library_path ? " " : "");
			char *cmd = proc_argv_string(ld->ldd.argv);
			snprintf(what + strlen(what), sizeof what - strlen(what), "%s",
				 cmd ? cmd : "ldd");
			free(cmd);
			sty_add_text(&p->body, ROLE_COMMAND, what, (size_t)-1, width, 4);
			sty_add_text(&p->body, ROLE_CODE, ld->ldd.out, ld->ldd.out_len, width, 4);
			sty_add_text(&p->body, ROLE_CODE, ld->ldd.err, ld->ldd.err_len, width, 4);
		}
	}
}

/* Only with several sources: the others are built into a library. */
static int library_available(const struct tui *t)
{
	return t->w->n_extra > 0;
}

const struct view_ops view_library = {
	.name = N_("library"),
	.stage = STAGE_LINK,
	.available = library_available,
	.build = library_build,
};
