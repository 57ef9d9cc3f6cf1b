/* relocs_walk: the relocations of a walk (relocs.h): the musl object compiled from the source
 * as musl's program was, and relocs_read() on the walk's files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/proc.h"
#include "stages/relocs.h"
#include "stages/walk.h"
#include "stages/xfmt.h"

/* musl-gcc -c [-g] [-O] [-x c] SRC -o OUT */
static int relocs_musl_cc(const struct walk *w, const char *suffix, int g, char *err,
			  size_t errlen)
{
	const char *cc = w->opts.musl_cc ? w->opts.musl_cc : "musl-gcc";
	char *out = xfmt("%s%s", w->base, suffix);
	char *argv[12 + 64]; /* and the walk's compile flags, which walk_new bounds */
	int n = 0;
	argv[n++] = (char *)cc;
	argv[n++] = "-c";
	for (size_t i = 0; i < w->opts.n_cflags && i < 64; i++)
		argv[n++] = w->opts.cflags[i];
	if (g)
		argv[n++] = "-g";
	if (w->opts.opt_level)
		argv[n++] = (char *)w->opts.opt_level;
	if (w->not_c) {
		argv[n++] = "-x";
		argv[n++] = "c";
	}
	argv[n++] = w->src_abs;
	argv[n++] = "-o";
	argv[n++] = out;
	argv[n] = NULL;
	struct proc_opts o = { .cwd = w->dir, .timeout_ms = w->opts.tool_timeout_ms };
	struct proc_result r;
	int rc = 0;
	if (!out || proc_run(argv, &o, &r) != 0) {
		/* TRANSLATORS: %1$s is the compiler ("musl-gcc"), %2$s the object it was to
		   make, %3$s how it ended ("exit 1") */
		snprintf(err, errlen, _("%1$s -c could not make %2$s (%3$s)."), cc,
			 out ? out : "", out ? proc_describe(&r) : _("out of memory"));
		rc = -1;
	}
	if (out)
		proc_result_free(&r);
	free(out);
	return rc;
}

int relocs_musl_compile(const struct walk *w, char *err, size_t errlen)
{
	if (relocs_musl_cc(w, ".musl.o", 0, err, errlen) != 0)
		return -1;
	/* the same with -g, for the line table; without it the lines are only left out */
	char ignored[200];
	(void)relocs_musl_cc(w, ".musl.g.o", 1, ignored, sizeof ignored);
	return 0;
}

int relocs_walk(const struct walk *w, struct relocs *glibc, struct relocs *musl)
{
	static const char *const labels[LINK_COUNT] = { "dynamic", "static", "static-pie",
							"musl" };
	static const char *const suffix[LINK_COUNT] = { "", "-static", "-static-pie", "-musl" };
	char *paths[LINK_COUNT] = { 0 }, *maps[LINK_COUNT] = { 0 };
	struct relocs_prog_in progs[LINK_COUNT];
	size_t n = 0;
	memset(musl, 0, sizeof *musl);
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		if (walk_state(&v->link) != RUN_OK)
			continue;
		paths[k] = xfmt("%s/%s%s", w->dir, w->base, suffix[k]);
		if (k != LINK_DYNAMIC)
			maps[k] = xfmt("%s/%s%s.map", w->dir, w->base, suffix[k]);
		if (k != LINK_MUSL)
			progs[n++] = (struct relocs_prog_in){ labels[k], paths[k], maps[k] };
	}
	char *obj = xfmt("%s/%s.o", w->dir, w->base);
	char *gobj = xfmt("%s/%s.g.o", w->dir, w->base);
	int dw = walk_dwvars_ready(w), pair = walk_asm_pair_ready(w);
	struct relocs_in in = {
		.obj = obj, .gobj = gobj, .dir = w->dir, .timeout_ms = w->opts.tool_timeout_ms,
		.progs = progs, .n_progs = n, .dwv = dw ? &w->dwv : NULL,
		.asm_pair = pair ? w->asm_pair : NULL, .n_asm_lines = pair ? w->asms.n_lines : 0,
	};
	int rc = relocs_read(&in, glibc);
	if (paths[LINK_MUSL]) {
		char err[sizeof musl->error];
		char *mobj = xfmt("%s/%s.musl.o", w->dir, w->base);
		char *mgobj = xfmt("%s/%s.musl.g.o", w->dir, w->base);
		struct relocs_prog_in mp = { labels[LINK_MUSL], paths[LINK_MUSL], maps[LINK_MUSL] };
		struct relocs_in min = { .obj = mobj, .gobj = mgobj, .dir = w->dir,
					 .timeout_ms = w->opts.tool_timeout_ms, .progs = &mp,
					 .n_progs = 1 };
		if (relocs_musl_compile(w, err, sizeof err) != 0)
			snprintf(musl->error, sizeof musl->error, "%s", err);
		else
			(void)relocs_read(&min, musl);
		free(mobj);
		free(mgobj);
	} else {
		snprintf(musl->error, sizeof musl->error, "%s", _("musl's program was not linked."));
	}
	for (int k = 0; k < LINK_COUNT; k++) {
		free(paths[k]);
		free(maps[k]);
	}
	free(obj);
	free(gobj);
	return rc;
}
