/* livefill: fills a lesson's live blocks from real walks. See livefill.h. */
#include "config.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lessons/live.h"
#include "lessons/livefill.h"
#include "lessons/styled.h"
#include "lessons/livefill_run.h"
#include "stages/i18n.h"

/* A sample name names a file under samples/, never outside it. */
static int livefill_name_ok(const char *s)
{
	if (!*s || s[0] == '/' || strstr(s, ".."))
		return 0;
	return 1;
}

/* Does a sample name a Go program, which the Go lab builds instead of a C walk? */
static int livefill_is_go(const char *sample)
{
	size_t l = strlen(sample);
	return l > 3 && strcmp(sample + l - 3, ".go") == 0;
}

/* The Go lab's part a fact names ("go.scenarios"), or 0. */
static unsigned livefill_go_part(const char *fact)
{
	return strncmp(fact, "go.", 3) == 0 ? golab_part_named(fact + 3) : 0;
}

/* Start one Go lab for every .go sample the blocks name, with the parts their facts name,
 * in DIR/go-lab, from the folder of the first such sample. */
static void livefill_start_lab(struct livefill *lf, const struct live_ref *refs, size_t n,
			       const char *datadir, const char *dir, const struct walk_opts *run)
{
	unsigned parts = 0;
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!refs[i].sample || !refs[i].fact || !livefill_is_go(refs[i].sample))
			continue;
		if (!livefill_name_ok(refs[i].sample)) {
			lf->lab_error = strdup(_("a sample must be a path under samples/"));
			return;
		}
		first = first ? first : refs[i].sample;
		parts |= livefill_go_part(refs[i].fact);
	}
	if (!parts)
		return;
	const char *slash = strrchr(first, '/');
	char *src = NULL, *sub = NULL, err[512];
	struct golab_opts o = { .parts = parts };
	if (run) {
		o.run_args = run->run_args;
		o.n_run_args = run->n_run_args;
		o.run_stdin = run->run_stdin;
	}
	if (asprintf(&src, "%s/samples/%.*s", datadir, slash ? (int)(slash - first) : 0, first) < 0 ||
	    asprintf(&sub, "%s/go-lab", dir) < 0 || mkdir(sub, 0700) < 0)
		lf->lab_error = strdup(_("cannot make a directory for the Go lab"));
	else if (!(lf->lab = golab_new(src, &o, sub, err, sizeof err)))
		lf->lab_error = strdup(err);
	else if (golab_start(lf->lab) < 0)
		golab_run(lf->lab);
	free(src);
	free(sub);
}

void livefill_start(struct livefill *lf, const char *md, const char *datadir, const char *dir,
		    const char *skip)
{
	livefill_start_run(lf, md, datadir, dir, skip, NULL);
}

void livefill_start_run(struct livefill *lf, const char *md, const char *datadir,
			const char *dir, const char *skip, const struct walk_opts *run)
{
	memset(lf, 0, sizeof *lf);
	struct live_ref *refs;
	size_t n = live_scan(md, &refs);
	livefill_start_lab(lf, refs, n, datadir, dir, run);
	for (size_t i = 0; i < n; i++) {
		if (!refs[i].sample || livefill_is_go(refs[i].sample))
			continue;
		/* "sample: ." beside the caller's walk is that walk's to fill */
		if (refs[i].own && skip)
			continue;
		int seen = 0;
		for (size_t j = 0; j < lf->n; j++)
			seen |= strcmp(lf->samples[j], refs[i].sample) == 0;
		if (seen)
			continue;
		size_t k = lf->n++;
		lf->samples = realloc(lf->samples, lf->n * sizeof *lf->samples);
		lf->walks = realloc(lf->walks, lf->n * sizeof *lf->walks);
		lf->errors = realloc(lf->errors, lf->n * sizeof *lf->errors);
		lf->samples[k] = strdup(refs[i].sample);
		lf->walks[k] = NULL;
		lf->errors[k] = NULL;
		char err[512], *src = NULL, *sub = NULL;
		if (!livefill_name_ok(refs[i].sample)) {
			lf->errors[k] = strdup(_("a sample must be a path under samples/"));
			continue;
		}
		if (asprintf(&src, "%s/samples/%s", datadir, refs[i].sample) < 0) {
			lf->errors[k] = strdup(_("out of memory"));
			continue;
		}
		/* the caller is walking this very file already: walking it again would only
		 * repeat the same runs */
		char *real = skip ? realpath(src, NULL) : NULL;
		int skipped = real && strcmp(real, skip) == 0;
		free(real);
		if (skipped) {
			lf->errors[k] = strdup(_("walked by the caller"));
			free(src);
			continue;
		}
		if (asprintf(&sub, "%s/sample-%zu", dir, k) < 0 || mkdir(sub, 0700) < 0) {
			lf->errors[k] = strdup(_("cannot make a directory for it"));
		} else if (!(lf->walks[k] = walk_new(src, NULL, sub, err, sizeof err))) {
			lf->errors[k] = strdup(err);
		} else if (walk_start(lf->walks[k]) < 0) {
			walk_run(lf->walks[k]);
		}
		free(src);
		free(sub);
	}
	live_refs_free(refs, n);
}

void livefill_wait(struct livefill *lf)
{
	for (size_t i = 0; i < lf->n; i++)
		if (lf->walks[i])
			walk_wait(lf->walks[i]);
	if (lf->lab)
		golab_wait(lf->lab);
}

/* Append printf-style text to a memstream. */
#define LF_PUT(...) fprintf(f, __VA_ARGS__)

/* A row's label, indented by two and padded to 12 columns of display width. */
static void livefill_label(FILE *f, const char *label)
{
	fputs("  ", f);
	sty_fpad(f, label, 12);
	putc(' ', f);
}

/* n bytes, as a phrase to stand in a line with other counts. */
static const char *livefill_bytes(char *buf, size_t len, unsigned long long n)
{
	snprintf(buf, len, ngettext("%llu byte", "%llu bytes", (unsigned long)n), n);
	return buf;
}

/* Both streams of a run, as it printed them, or a note that it printed nothing. */
static void livefill_streams(FILE *f, const struct proc_result *p, const char *none)
{
	if (p->out_len)
		LF_PUT("%s%s", p->out, p->out[p->out_len - 1] == '\n' ? "" : "\n");
	if (p->err_len)
		LF_PUT("%s%s", p->err, p->err[p->err_len - 1] == '\n' ? "" : "\n");
	if (!p->out_len && !p->err_len)
		LF_PUT("%s\n", none);
}

static void livefill_cmd(FILE *f, const struct proc_result *p)
{
	char *cmd = p->argv ? proc_argv_string(p->argv) : NULL;
	LF_PUT("$ %s\n", cmd ? cmd : "?");
	free(cmd);
}

/* Say which of the first upto stages did not succeed, if one did; returns 1 then. */
static int livefill_stopped(FILE *f, const struct walk *w, int upto)
{
	for (int id = 0; id < upto && id < 3; id++) {
		const struct stage_run *s = &w->stage[id];
		if (walk_state(s) == RUN_OK)
			continue;
		LF_PUT(_("The %1$s stage of %2$s did not succeed (%3$s):"),
		       walk_stage_name((enum stage_id)id), w->base,
		       walk_state(s) == RUN_SKIPPED ? s->skip_reason : proc_describe(&s->proc));
		LF_PUT("\n");
		livefill_cmd(f, &s->proc);
		livefill_streams(f, &s->proc, _("(no messages)"));
		return 1;
	}
	return 0;
}

/* The archive members a static link copied in: how many, how big, the biggest. */
static void livefill_members(FILE *f, const struct link_variant *v, const char *name)
{
	if (!v->map_ok || !v->map.n_members) {
		LF_PUT(_("%1$s: no archive members (no link map: %2$s)"), name,
		       v->elf_ok && v->elf.interp ? _("a dynamic link copies none") : _("not written"));
		LF_PUT("\n");
		return;
	}
	unsigned long long total = 0;
	size_t top[5] = { 0 }, ntop = 0;
	for (size_t i = 0; i < v->map.n_members; i++) {
		long in = v->map.members[i].input;
		unsigned long long sz = in >= 0 ? v->map.inputs[in].size : 0;
		total += sz;
		/* keep the five biggest, largest first */
		size_t at = ntop < 5 ? ntop++ : 5;
		while (at > 0) {
			long pin = v->map.members[top[at - 1]].input;
			unsigned long long psz = pin >= 0 ? v->map.inputs[pin].size : 0;
			if (psz >= sz)
				break;
			if (at < 5)
				top[at] = top[at - 1];
			at--;
		}
		if (at < 5)
			top[at] = i;
	}
	char nm[64], nb[64];
	snprintf(nm, sizeof nm, ngettext("%zu archive member", "%zu archive members",
					 v->map.n_members), v->map.n_members);
	/* TRANSLATORS: a link (static, say), how many archive members, how many bytes */
	LF_PUT(_("%1$s: %2$s, %3$s; the biggest:"), name, nm, livefill_bytes(nb, sizeof nb, total));
	LF_PUT("\n");
	for (size_t j = 0; j < ntop; j++) {
		const struct linkmap_member *m = &v->map.members[top[j]];
		unsigned long long sz = m->input >= 0 ? v->map.inputs[m->input].size : 0ULL;
		LF_PUT("  %-28s ", m->member);
		/* TRANSLATORS: an archive member's size (aligned to 8 places) and the symbol it
		 * was taken for */
		LF_PUT(ngettext("%1$8llu byte, for %2$s", "%1$8llu bytes, for %2$s", (unsigned long)sz),
		       sz, m->symbol);
		LF_PUT("\n");
	}
}

static void livefill_link(FILE *f, const struct walk *w, const char *fact)
{
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		const char *name = walk_link_name((enum link_kind)k);
		int ok = walk_state(&v->link) == RUN_OK;
		if (k)
			LF_PUT("\n");
		if (strcmp(fact, "link.warnings") == 0) {
			LF_PUT(_("%s link:"), name);
			LF_PUT("\n");
			livefill_cmd(f, &v->link.proc);
			livefill_streams(f, &v->link.proc, _("(the linker printed nothing)"));
			continue;
		}
		if (!ok) {
			LF_PUT(_("%1$s link: %2$s"), name, proc_describe(&v->link.proc));
			LF_PUT("\n");
			livefill_cmd(f, &v->link.proc);
			livefill_streams(f, &v->link.proc, _("(no messages)"));
			continue;
		}
		char nb[64];
		if (strcmp(fact, "link.size") == 0) {
			LF_PUT("%-8s %-16s %s\n", name, v->link.artifact,
			       livefill_bytes(nb, sizeof nb, (unsigned long long)v->link.artifact_size));
		} else if (strcmp(fact, "link.ldd") == 0) {
			livefill_cmd(f, &v->ldd);
			livefill_streams(f, &v->ldd, _("(nothing)"));
		} else if (strcmp(fact, "link.members") == 0) {
			livefill_members(f, v, name);
		} else if (strcmp(fact, "link.resolved") == 0) {
			if (!v->resolved_ok) {
				if (v->elf_ok && !v->elf.interp)
					LF_PUT(_("%s: nothing is resolved at run time: the program is "
						 "static"), name);
				else
					LF_PUT(_("%s: not known"), name);
				LF_PUT("\n");
				continue;
			}
			LF_PUT(_("%s: resolved when the program starts"), name);
			LF_PUT("\n");
			for (size_t i = 0; i < v->resolved.n; i++) {
				const struct resolve_binding *b = &v->resolved.bindings[i];
				LF_PUT("  %-20s %s%s%s\n", b->symbol,
				       b->lib >= 0 ? v->libs.libs[b->lib].name : _("NOT FOUND"),
				       b->version ? " " : "", b->version ? b->version : "");
			}
		} else if (strcmp(fact, "link.emptyroot") == 0) {
			if (!v->empty_root_ran) {
				LF_PUT(_("%1$s: not tried: %2$s"), name,
				       v->empty_root_note ? v->empty_root_note : "?");
				LF_PUT("\n");
				continue;
			}
			livefill_cmd(f, &v->empty_root);
			livefill_streams(f, &v->empty_root, _("(it printed nothing)"));
			LF_PUT("(%s)\n", proc_describe(&v->empty_root));
		} else if (strcmp(fact, "link.run") == 0) {
			livefill_cmd(f, &v->run);
			livefill_streams(f, &v->run, _("(it printed nothing)"));
			LF_PUT("(%s)\n", proc_describe(&v->run));
		} else { /* link.table */
			LF_PUT("%s: %s\n", name, v->link.artifact);
			/* a label a row, padded to 12 columns (NEEDED is the ELF tag's name) */
			livefill_label(f, _("size"));
			LF_PUT("%s\n", livefill_bytes(nb, sizeof nb,
						      (unsigned long long)v->link.artifact_size));
			if (v->elf_ok) {
				livefill_label(f, _("ELF type"));
				LF_PUT("%s\n", elfinfo_kind_label(&v->elf));
				livefill_label(f, _("interpreter"));
				LF_PUT("%s\n", v->elf.interp ? v->elf.interp : _("none"));
				livefill_label(f, "NEEDED");
				for (size_t i = 0; i < v->elf.n_needed; i++)
					LF_PUT("%s%s", i ? ", " : "", v->elf.needed[i]);
				LF_PUT("%s\n", v->elf.n_needed ? "" : _("none"));
			}
			size_t said = 0;
			for (size_t i = 0; i < v->link.proc.err_len; i++)
				said += v->link.proc.err[i] == '\n';
			livefill_label(f, _("linker said"));
			LF_PUT(ngettext("%zu line", "%zu lines", said), said);
			LF_PUT("\n");
			livefill_label(f, _("run"));
			LF_PUT("%s\n", proc_describe(&v->run));
			if (v->empty_root_ran) {
				livefill_label(f, _("empty root"));
				LF_PUT("%s\n", proc_describe(&v->empty_root));
			}
		}
	}
}

char *livefill_fact(const struct walk *w, const char *fact)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	if (strcmp(fact, "preprocess.lines") == 0) {
		if (!livefill_stopped(f, w, 1)) {
			const struct stage_run *s = &w->stage[STAGE_PREPROCESS];
			char *path = walk_path(w, s->artifact);
			FILE *i = path ? fopen(path, "re") : NULL;
			size_t lines = 0;
			int c;
			while (i && (c = getc(i)) != EOF)
				lines += c == '\n';
			if (i)
				fclose(i);
			free(path);
			livefill_cmd(f, &s->proc);
			char nl[64], nb[64];
			snprintf(nl, sizeof nl, ngettext("%zu line", "%zu lines", lines), lines);
			/* TRANSLATORS: a file, its lines and its bytes */
			LF_PUT(_("%1$s: %2$s, %3$s"), s->artifact, nl,
			       livefill_bytes(nb, sizeof nb, (unsigned long long)s->artifact_size));
			LF_PUT("\n");
		}
	} else if (strcmp(fact, "assemble.sections") == 0) {
		if (!livefill_stopped(f, w, 3) && w->obj_elf_ok) {
			livefill_cmd(f, &w->stage[STAGE_ASSEMBLE].proc);
			for (size_t i = 0; i < w->obj_elf.n_sections; i++) {
				unsigned long long sz = w->obj_elf.sections[i].size;
				LF_PUT("%-22s ", w->obj_elf.sections[i].name);
				LF_PUT(ngettext("%8llu byte", "%8llu bytes", (unsigned long)sz), sz);
				if (!(w->obj_elf.sections[i].flags & SHF_ALLOC))
					LF_PUT("  %s", _("(not loaded)"));
				LF_PUT("\n");
			}
		}
	} else if (livefill_run(f, w, fact)) {
		/* stage 5: it says itself why it was not reached */
	} else if (!livefill_stopped(f, w, 3)) {
		livefill_link(f, w, fact);
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* A go.* fact from the lab: its account once the part is finished, else NULL, and the
 * block shows the commands to run (which, without a go command, say how to get one). */
static char *livefill_go_text(struct livefill *lf, const char *sample, const char *fact)
{
	unsigned part = livefill_go_part(fact);
	char *s = NULL;
	if (!livefill_is_go(sample) || !part) {
		if (asprintf(&s, _("%1$s is not a fact of samples/%2$s: the Go lab's facts "
				   "(go.scenarios, go.experiments, go.cgo-stages) take a .go sample, the "
				   "walkthrough's a C one"), fact, sample) < 0)
			return NULL;
		return s;
	}
	if (!lf->lab) {
		if (asprintf(&s, _("The Go lab could not run: %s"),
			     lf->lab_error ? lf->lab_error : _("no block asked for it")) < 0)
			return NULL;
		return s;
	}
	/* without go, NULL: the block shows the commands, which say how to install it */
	return lf->lab->no_go ? NULL : golab_text(lf->lab, (enum golab_part)part);
}

char *livefill_text(void *ctx, const char *sample, const char *fact)
{
	struct livefill *lf = ctx;
	if (livefill_is_go(sample) || strncmp(fact, "go.", 3) == 0)
		return livefill_go_text(lf, sample, fact);
	for (size_t i = 0; i < lf->n; i++) {
		if (strcmp(lf->samples[i], sample) != 0)
			continue;
		if (!lf->walks[i]) {
			char *s = NULL;
			return asprintf(&s, _("samples/%1$s could not be walked: %2$s"), sample,
					lf->errors[i] ? lf->errors[i] : "?") < 0 ? NULL : s;
		}
		return walk_is_done(lf->walks[i]) ? livefill_fact(lf->walks[i], fact) : NULL;
	}
	return NULL;
}

void livefill_free(struct livefill *lf)
{
	for (size_t i = 0; i < lf->n; i++) {
		free(lf->samples[i]);
		free(lf->errors[i]);
		walk_free(lf->walks[i]);
	}
	free(lf->samples);
	free(lf->walks);
	free(lf->errors);
	golab_free(lf->lab);
	free(lf->lab_error);
	memset(lf, 0, sizeof *lf);
}
