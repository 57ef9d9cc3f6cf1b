/* golab_text: the Go lab's sentences. The parts' titles, the commands that show a part by
 * hand (golab_commands), and the plain-text account of a finished part (golab_text) that a
 * lesson's live block shows. Part of the sentence layer (stages/say.h): every sentence whole
 * and marked for gettext, counts through ngettext; commands, tool names and ELF tags as they
 * are.
 *
 * Contract: see golab.h. Nothing here runs a program; the account reads the files the lab
 * made, and only once golab_part_finished() says the part is done.
 */
#include "config.h"


#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lessons/styled.h"
#include "stages/emptyroot.h"
#include "stages/golab.h"
#include "stages/i18n.h"
#include "stages/tmpdir.h"
#include "stages/xfmt.h"
#include "stages/golab_int.h"

/* (The experiments' titles are commands, but for the static PIE's words.) */
static const char *const golab_std_titles[GOLAB_STD_COUNT] = {
	N_("standard library in its cgo form (the default)"),
	N_("standard library in pure Go (-tags netgo,osusergo)"),
};
static const char *const golab_code_titles[GOLAB_CODE_COUNT] = {
	N_("your cgo calls NSS functions (getpwnam, getaddrinfo)"),
	N_("your cgo calls nothing that loads modules at run time"),
	N_("no cgo code of yours"),
};
static const char *const golab_exp_titles[GOLAB_EXP_COUNT] = {
	"1. CGO_ENABLED=1, -linkmode external -extldflags -static",
	"2. CGO_ENABLED=0, -linkmode external -extldflags -static",
	"3. CGO_ENABLED=1, -extldflags -static",
	"4. CGO_ENABLED=0",
	N_("static PIE: -buildmode=pie -linkmode external -extldflags --static-pie"),
};

const char *golab_std_title(enum golab_std s)
{
	return s < GOLAB_STD_COUNT ? _(golab_std_titles[s]) : "?";
}

const char *golab_code_title(enum golab_code c)
{
	return c < GOLAB_CODE_COUNT ? _(golab_code_titles[c]) : "?";
}

const char *golab_exp_title(enum golab_exp e)
{
	return e < GOLAB_EXP_COUNT ? _(golab_exp_titles[e]) : "?";
}

/* --- the commands to run by hand -------------------------------------------------------- */

unsigned golab_part_named(const char *name)
{
	if (strcmp(name, "scenarios") == 0)
		return GOLAB_SCENARIOS;
	if (strcmp(name, "experiments") == 0)
		return GOLAB_EXPERIMENTS;
	if (strcmp(name, "cgo-stages") == 0)
		return GOLAB_CGO;
	return 0;
}

static void golab_put_builds(FILE *f, const struct golab_spec *specs, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char *line = golab_command(&specs[k], "go");
		fprintf(f, "%s\n", line ? line : "?");
		free(line);
	}
	fprintf(f, "for p in");
	for (size_t k = 0; k < n; k++)
		fprintf(f, " %s", specs[k].name);
	fprintf(f, "; do\n  ls -l $p; readelf -l $p | grep INTERP; ldd ./$p\n"
		   "  ./$p; echo \"exit status $?\"\n"
		   "  mkdir -p root-$p && cp $p root-$p/ && unshare -r chroot root-$p /$p\n"
		   "done\n");
}

char *golab_commands(const char *godir, unsigned part)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	if (!golab_have_go(NULL)) {
		fputs("# ", f);
		fprintf(f, _("the go command is not installed here; on Debian: apt-get install %s"),
			GOLAB_PACKAGE);
		fputc('\n', f);
	}
	fprintf(f, "cd %s\n", godir);
	if (part & GOLAB_SCENARIOS)
		golab_put_builds(f, &golab_cell_specs[0][0], GOLAB_STD_COUNT * GOLAB_CODE_COUNT);
	if (part & GOLAB_EXPERIMENTS) {
		golab_put_builds(f, golab_exp_specs, GOLAB_EXP_COUNT);
		fprintf(f, "readelf -h %s | grep Type\n", golab_exp_specs[GOLAB_EXP_PIE].name);
	}
	if (part & GOLAB_CGO) {
		char *line = golab_command(&golab_cgo_spec, "go");
		/* the commands as they are; the shell comments between them are sentences */
		fprintf(f, "WORK=$(%s 2>&1 | tee build.log | sed -n 's/^WORK=//p')\n",
			line ? line : "?");
		fprintf(f, "# %s\n", _("a second build finds the package in go's cache and runs no "
				      "cgo step: add -a"));
		fprintf(f, "grep -E '^cd |gcc|host link' build.log\n"
			   "cd \"$WORK/b001\" && ls\n");
		fprintf(f, "# %s\n", _("each stage with the flags of go's own gcc command for "
				      "cgo.cgo2.c, e.g."));
		fprintf(f, "gcc -I . -fPIC -m64 -pthread -O2 -g -E cgo.cgo2.c -o cgo.cgo2.i\n"
			   "gcc -fPIC -m64 -pthread -O2 -g -S cgo.cgo2.i -o cgo.cgo2.s\n"
			   "gcc -fPIC -m64 -pthread -O2 -g -c cgo.cgo2.s -o cgo.cgo2.o\n");
		fprintf(f, "# %s\n", _("go's link of the C objects into _cgo_.o, with cgo.cgo2.o in "
				      "place of its own"));
		fprintf(f, "gcc -fPIC -m64 -pthread -o cgo.cgo2 _cgo_main.o _x001.o cgo.cgo2.o\n"
			   "readelf -d cgo.cgo2 | grep NEEDED\n");
		free(line);
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* --- the plain-text account -------------------------------------------------------------- */

/* A short status: "exit 2", "SIGTRAP", "timed out"; for a Go program that died of a
 * signal it caught and reported (the runtime exits 2 then), the signal it named. */
static void golab_put_status(FILE *f, const struct proc_result *p)
{
	const char *sig = p->err ? strstr(p->err, "[signal SIG") : NULL;
	/* one of the limits every child runs under stopped it (stages/proc.h) */
	if (p->limit == PROC_LIMIT_MEMORY) {
		fputs(_("stopped at the memory limit"), f);
		return;
	}
	if (p->limit == PROC_LIMIT_CPU) {
		fputs(_("stopped at the CPU-time limit"), f);
		return;
	}
	switch (p->kind) {
	case PROC_EXITED:
		if (p->exit_code != 0 && sig) {
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)strcspn(sig + 8, ": ]"), sig + 8);
			/* TRANSLATORS: a Go program's exit status and the signal its runtime named */
			fprintf(f, _("exit %1$d (%2$s)"), p->exit_code, name);
		} else {
			fprintf(f, _("exit %d"), p->exit_code);
		}
		break;
	case PROC_SIGNALED:
		fprintf(f, "SIG%s", sigabbrev_np(p->signo) ? sigabbrev_np(p->signo) : "?");
		break;
	case PROC_TIMED_OUT:
		fputs(_("timed out"), f);
		break;
	case PROC_CAPPED:
		fputs(_("stopped at the output limit"), f);
		break;
	case PROC_SPAWN_FAILED:
		fputs(_("not started"), f);
		break;
	}
}

/* Up to max lines of text, each after indent; then how many were left out. */
static void golab_put_lines(FILE *f, const char *text, size_t len, const char *indent, size_t max)
{
	size_t shown = 0, total = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		size_t l = strcspn(p, "\n");
		if (p + l > end)
			l = (size_t)(end - p);
		if (shown < max) {
			fprintf(f, "%s%.*s\n", indent, (int)l, p);
			shown++;
		}
		total++;
		p += l + 1;
	}
	if (total > shown)
		fprintf(f, ngettext("%1$s(%2$zu more line)\n", "%1$s(%2$zu more lines)\n",
				    total - shown), indent, total - shown);
}

/* A row's label, indented by two and padded to 11 columns of display width (a translated
 * label may be Chinese). */
static void golab_label(FILE *f, const char *label)
{
	fputs("  ", f);
	sty_fpad(f, label, 11);
	putc(' ', f);
}

/* A table's headings, each padded to its column's width by display width, the last not. */
static void golab_heads(FILE *f, const char *const *head, const int *width, int n)
{
	for (int i = 0; i < n; i++) {
		if (i + 1 < n) {
			sty_fpad(f, head[i], width[i]);
			putc(' ', f);
		} else {
			fprintf(f, "%s\n", head[i]);
		}
	}
}

/* A program's run: the command, its status, and the start of what it printed. */
static void golab_put_run(FILE *f, const char *label, const struct proc_result *p)
{
	char *cmd = p->argv ? proc_argv_string(p->argv) : NULL;
	golab_label(f, label);
	fprintf(f, "$ %s: ", cmd ? cmd : "?");
	free(cmd);
	golab_put_status(f, p);
	fputc('\n', f);
	if (p->out_len)
		golab_put_lines(f, p->out, p->out_len, "      ", 8);
	if (p->err_len)
		golab_put_lines(f, p->err, p->err_len, "      ", 6);
	if (!p->out_len && !p->err_len)
		fprintf(f, "      %s\n", _("(it printed nothing)"));
}

static void golab_put_facts(FILE *f, const struct golab_build *b);

/* A build: its command, everything go printed, and what the program is and does. */
static void golab_put_build(FILE *f, const struct golab_build *b)
{
	fprintf(f, "$ %s\n", b->command ? b->command : "?");
	enum run_state st = golab_state(b);
	if (st == RUN_SKIPPED || st == RUN_PENDING || st == RUN_RUNNING) {
		fprintf(f, _("(not built: %s)"), b->skip_reason ? b->skip_reason : _("not finished"));
		fputc('\n', f);
		return;
	}
	const struct proc_result *p = &b->build;
	if (p->out_len)
		golab_put_lines(f, p->out, p->out_len, "", (size_t)-1);
	if (p->err_len)
		golab_put_lines(f, p->err, p->err_len, "", (size_t)-1);
	if (!p->out_len && !p->err_len)
		fprintf(f, "%s\n", _("(go build printed nothing)"));
	if (st != RUN_OK) {
		fprintf(f, _("(go build: %s; no program)"), proc_describe(p));
		fputc('\n', f);
		return;
	}
	golab_put_facts(f, b);
}

/* What a built program is: size, ELF facts, ldd, its run and its run in an empty root. */
static void golab_put_facts(FILE *f, const struct golab_build *b)
{
	/* a label a row, padded to 11 columns (ELF, INTERP, NEEDED and ldd are names) */
	golab_label(f, _("program"));
	fprintf(f, ngettext("%1$s, %2$lld byte", "%1$s, %2$lld bytes", (unsigned long)b->size),
		b->name, b->size);
	fputc('\n', f);
	if (b->elf_ok) {
		fprintf(f, "  %-11s %s; ", "ELF", elfinfo_kind_label(&b->elf));
		if (b->elf.interp)
			fprintf(f, "INTERP %s", b->elf.interp);
		else
			fputs(_("no INTERP"), f);
		for (size_t i = 0; i < b->elf.n_needed; i++)
			fprintf(f, "%s%s", i ? ", " : "; NEEDED ", b->elf.needed[i]);
		fputc('\n', f);
	} else {
		fprintf(f, "  %-11s %s\n", "ELF", b->elf.error[0] ? b->elf.error : _("not read"));
	}
	char *cmd = b->ldd.argv ? proc_argv_string(b->ldd.argv) : NULL;
	fprintf(f, "  %-11s $ %s\n", "ldd", cmd ? cmd : "?");
	free(cmd);
	/* ldd prints its list with a tab before each line */
	for (int s = 0; s < 2; s++) {
		const char *t = s ? b->ldd.err : b->ldd.out;
		for (const char *q = t; q && *q;) {
			size_t l = strcspn(q, "\n");
			const char *w = q;
			while (*w == '\t' || *w == ' ')
				w++;
			if (w < q + l)
				fprintf(f, "      %.*s\n", (int)(q + l - w), w);
			q += l + (q[l] == '\n');
		}
	}
	golab_put_run(f, _("run"), &b->run);
	if (b->empty_root_ran) {
		golab_put_run(f, _("empty root"), &b->empty_root);
	} else {
		golab_label(f, _("empty root"));
		fprintf(f, _("not tried: %s"), b->empty_root_note ? b->empty_root_note : "?");
		fputc('\n', f);
	}
}

/* One row of a summary table. */
static void golab_put_row(FILE *f, const char *lead, const struct golab_build *b)
{
	fprintf(f, "%s%-13s ", lead, b->name);
	if (golab_state(b) != RUN_OK) {
		fprintf(f, "%s\n", golab_state(b) == RUN_FAILED ? _("go build failed") :
			_("not built"));
		return;
	}
	int st = golab_is_static(b);
	sty_fpad(f, st < 0 ? "?" : st ? _("static") : _("dynamic"), 8);
	fprintf(f, " %-9lld ", b->size);
	char *run = NULL, *root = NULL;
	size_t len;
	FILE *m = open_memstream(&run, &len);
	if (m) {
		golab_put_status(m, &b->run);
		fclose(m);
	}
	m = open_memstream(&root, &len);
	if (m) {
		if (b->empty_root_ran)
			golab_put_status(m, &b->empty_root);
		else
			fputs(_("not tried"), m);
		fclose(m);
	}
	sty_fpad(f, run ? run : "?", 17);
	fprintf(f, " %s\n", root ? root : "?");
	free(run);
	free(root);
}

static void golab_put_scenarios(FILE *f, const struct golab *g)
{
	/* (cgo and NSS are names) */
	static const char *const lib[GOLAB_STD_COUNT] = { "cgo", N_("pure Go") };
	static const char *const code[GOLAB_CODE_COUNT] = { "NSS", N_("no NSS"), N_("none") };
	fprintf(f, _("Each program built with -ldflags '-extldflags -static', which asks for a "
		     "static one;\nthe pure-Go standard library with -tags %s."), GOLAB_TAGS);
	fputs("\n\n", f);
	golab_heads(f, (const char *const[]){ _("case"), _("library"), _("your cgo"), _("program"),
					     "ELF", _("bytes"), _("run"), _("empty root") },
		    (const int[]){ 4, 8, 9, 13, 8, 9, 17, 0 }, 8);
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int c = 0; c < GOLAB_CODE_COUNT; c++) {
			/* the row's lead, padded by display width */
			fprintf(f, "%-4d ", r * GOLAB_CODE_COUNT + c + 1);
			sty_fpad(f, _(lib[r]), 8);
			putc(' ', f);
			sty_fpad(f, _(code[c]), 9);
			putc(' ', f);
			golab_put_row(f, "", &g->cell[r][c]);
		}
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int c = 0; c < GOLAB_CODE_COUNT; c++) {
			fputc('\n', f);
			/* TRANSLATORS: a case's number, its two titles and its sample */
			fprintf(f, _("%1$d. %2$s; %3$s (%4$s)"), r * GOLAB_CODE_COUNT + c + 1,
				golab_std_title((enum golab_std)r), golab_code_title((enum golab_code)c),
				g->cell[r][c].source);
			fputc('\n', f);
			golab_put_build(f, &g->cell[r][c]);
		}
}

static void golab_put_experiments(FILE *f, const struct golab *g)
{
	golab_heads(f, (const char *const[]){ _("exp"), _("program"), "ELF", _("bytes"), _("run"),
					     _("empty root") },
		    (const int[]){ 4, 13, 8, 9, 17, 0 }, 6);
	for (int e = 0; e < GOLAB_EXP_COUNT; e++) {
		char lead[16];
		if (e == GOLAB_EXP_PIE)
			snprintf(lead, sizeof lead, "%-4s ", "pie");
		else
			snprintf(lead, sizeof lead, "%-4d ", e + 1);
		golab_put_row(f, lead, &g->exp[e]);
	}
	for (int e = 0; e < GOLAB_EXP_COUNT; e++) {
		fprintf(f, "\n%s\n", golab_exp_title((enum golab_exp)e));
		golab_put_build(f, &g->exp[e]);
	}
}

/* A command line with the work directory written as $WORK, as go's trace writes it. */
static void golab_put_argv(FILE *f, const struct golab_cgo *c, char *const *argv)
{
	char *line = argv ? proc_argv_string(argv) : NULL;
	const char *p = line ? line : "?";
	size_t wl = c->work ? strlen(c->work) : 0;
	fputs("$ ", f);
	while (*p) {
		if (wl && strncmp(p, c->work, wl) == 0) {
			fputs("$WORK", f);
			p += wl;
		} else {
			fputc(*p++, f);
		}
	}
	fputc('\n', f);
	free(line);
}

/* Lines and bytes of a file in objdir. */
static void golab_put_size(FILE *f, const struct golab_cgo *c, const char *name)
{
	char *path = xfmt("%s/%s", c->objdir, name);
	FILE *in = path ? fopen(path, "re") : NULL;
	size_t lines = 0, bytes = 0;
	int ch;
	while (in && (ch = getc(in)) != EOF) {
		bytes++;
		lines += ch == '\n';
	}
	if (in)
		fclose(in);
	free(path);
	char nl[64], nb[64];
	snprintf(nl, sizeof nl, ngettext("%zu line", "%zu lines", lines), lines);
	snprintf(nb, sizeof nb, ngettext("%zu byte", "%zu bytes", bytes), bytes);
	fputs("  ", f);
	/* TRANSLATORS: a file, its lines and its bytes */
	fprintf(f, _("%1$s: %2$s, %3$s"), name, nl, nb);
	fputc('\n', f);
}

/* objdir as go's trace writes it, after $WORK ("/b001"); all of it when it is elsewhere. */
static const char *golab_in_work(const struct golab_cgo *c)
{
	size_t wl = c->work ? strlen(c->work) : 0;
	if (!c->objdir)
		return "";
	if (wl && strncmp(c->objdir, c->work, wl) == 0)
		return c->objdir + wl;
	return c->objdir;
}

/* Inside the walked file: where its parts come from (its #line directives) and the wrapper
 * cgo wrote for each C function the Go code calls. */
static void golab_put_generated(FILE *f, const struct golab_cgo *c)
{
	char *path = c->objdir && c->walked ? xfmt("%s/%s", c->objdir, c->walked) : NULL;
	FILE *in = path ? fopen(path, "re") : NULL;
	free(path);
	if (!in)
		return;
	char line[1024];
	size_t nline = 0, nwrap = 0;
	char *wraps = NULL;
	size_t wlen = 0;
	FILE *w = open_memstream(&wraps, &wlen);
	fputc('\n', f);
	fprintf(f, _("In %s, the #line directives say where each part comes from:"), c->walked);
	fputc('\n', f);
	while (fgets(line, sizeof line, in)) {
		nline++;
		if (strncmp(line, "#line ", 6) == 0)
			fprintf(f, "  %5zu: %s", nline, line);
		else if (w && strncmp(line, "_cgo_", 5) == 0 && strstr(line, "_Cfunc_") &&
			 strchr(line, '(')) {
			fprintf(w, "  %5zu: %s", nline, line);
			nwrap++;
		}
	}
	fclose(in);
	if (w && fclose(w) == 0 && nwrap)
		fprintf(f, "%s\n%s", _("and the wrappers it holds, one for each C function the Go "
				     "code calls:"), wraps);
	free(wraps);
}

static void golab_put_cgo(FILE *f, const struct golab *g)
{
	const struct golab_cgo *c = &g->cgo;
	const struct golab_build *b = &c->build;
	fprintf(f, "$ %s\n", b->command ? b->command : "?");
	if (golab_state(b) == RUN_SKIPPED) {
		fprintf(f, _("(not built: %s)"), b->skip_reason ? b->skip_reason : "?");
		fputc('\n', f);
		return;
	}
	size_t lines = 0;
	for (size_t i = 0; i < b->build.err_len; i++)
		lines += b->build.err[i] == '\n';
	fprintf(f, ngettext("(%1$s; the trace, on stderr, has %2$zu line)",
			    "(%1$s; the trace, on stderr, has %2$zu lines)", lines),
		proc_describe(&b->build), lines);
	fputc('\n', f);
	if (c->work)
		fprintf(f, "WORK=%s\n", c->work);
	if (c->n_files) {
		fputc('\n', f);
		fprintf(f, _("What cgo wrote for the package in $WORK%s:"), golab_in_work(c));
		fputc('\n', f);
		for (int want_c = 1; want_c >= 0; want_c--)
			for (size_t i = 0; i < c->n_files; i++) {
				const struct golab_file *x = &c->files[i];
				if (x->is_c != want_c)
					continue;
				/* columns: the language, the name, bytes and lines aligned */
				fprintf(f, "  %-4s %-18s ", want_c ? "C" : "Go", x->name);
				fprintf(f, ngettext("%6lld byte", "%6lld bytes", (unsigned long)x->size),
					x->size);
				fputc(' ', f);
				fprintf(f, ngettext("%5zu line", "%5zu lines", x->lines), x->lines);
				fputc('\n', f);
			}
	}
	golab_put_generated(f, c);
	if (c->n_gcc) {
		fprintf(f, "\n%s\n", _("The C compiler in the trace (a command ending in \"|| true\" "
				      "asks gcc whether it takes a flag):"));
		for (size_t i = 0; i < c->n_gcc; i++)
			fprintf(f, "%s\n", c->gcc[i]);
	}
	fputc('\n', f);
	if (c->walked)
		fprintf(f, _("%1$s through the four stages, in $WORK%2$s, with go's flags for it:"),
			c->walked, golab_in_work(c));
	else
		fprintf(f, _("the generated C file through the four stages, in $WORK%s, with go's "
			     "flags for it:"), golab_in_work(c));
	fputc('\n', f);
	for (int st = 0; st < GOLAB_CGO_STAGES; st++) {
		const struct stage_run *s = &c->stage[st];
		fprintf(f, "\n%s\n", walk_stage_title((enum stage_id)st));
		if (walk_state(s) == RUN_SKIPPED) {
			fputs("  ", f);
			fprintf(f, _("(not run: %s)"), s->skip_reason ? s->skip_reason : "?");
			fputc('\n', f);
			continue;
		}
		golab_put_argv(f, c, s->proc.argv);
		if (s->proc.err_len)
			golab_put_lines(f, s->proc.err, s->proc.err_len, "  ", 20);
		if (walk_state(s) != RUN_OK) {
			fprintf(f, "  (%s)\n", proc_describe(&s->proc));
			continue;
		}
		if (st == STAGE_PREPROCESS || st == STAGE_COMPILE) {
			golab_put_size(f, c, s->artifact);
		} else if (st == STAGE_ASSEMBLE) {
			struct elfinfo e;
			char *path = xfmt("%s/%s", c->objdir, s->artifact);
			if (path && elfinfo_read(path, &e) == 0) {
				fputs("  ", f);
				fprintf(f, ngettext("%1$s: %2$s, %3$lld byte", "%1$s: %2$s, %3$lld bytes",
						    (unsigned long)s->artifact_size), s->artifact,
					elfinfo_kind_label(&e), s->artifact_size);
				fputc('\n', f);
				elfinfo_free(&e);
			}
			free(path);
		} else {
			const struct elfinfo *e = &c->link_elf;
			unsigned long n = (unsigned long)s->artifact_size;
			fputs("  ", f);
			if (c->link_elf_ok)
				fprintf(f, ngettext("%1$s: %2$lld byte, %3$s", "%1$s: %2$lld bytes, %3$s",
						    n), s->artifact, s->artifact_size,
					elfinfo_kind_label(e));
			else
				fprintf(f, ngettext("%1$s: %2$lld byte", "%1$s: %2$lld bytes", n),
					s->artifact, s->artifact_size);
			if (c->link_elf_ok) {
				for (size_t i = 0; i < e->n_needed; i++)
					fprintf(f, "%s%s", i ? ", " : "; NEEDED ", e->needed[i]);
			}
			fputc('\n', f);
		}
	}
	if (golab_state(b) == RUN_OK) {
		fprintf(f, "\n%s\n", _("The program go built:"));
		golab_put_facts(f, b);
	}
	/* What go learned from its own link of these objects. */
	char *imp = c->objdir ? xfmt("%s/_cgo_import.go", c->objdir) : NULL;
	FILE *in = imp ? fopen(imp, "re") : NULL;
	if (in) {
		char line[512];
		int first = 1;
		while (fgets(line, sizeof line, in)) {
			if (strncmp(line, "//go:cgo_import_dynamic", 23) != 0)
				continue;
			if (first) {
				fputc('\n', f);
				fprintf(f, _("What cgo -dynimport read from go's own _cgo_.o "
					     "($WORK%s/_cgo_import.go):"), golab_in_work(c));
				fputc('\n', f);
			}
			first = 0;
			fputs(line, f);
		}
		fclose(in);
	}
	free(imp);
}

char *golab_text(const struct golab *g, enum golab_part part)
{
	if (!golab_part_finished(g, part))
		return NULL;
	char *out = NULL;
	size_t len = 0;
	if (g->no_go)
		return xfmt(_("Not measured: %s.\n"), g->no_go);
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	const struct proc_result *v = &g->version;
	if (v->out_len)
		fprintf(f, "%s%s", v->out, v->out[v->out_len - 1] == '\n' ? "" : "\n");
	if (part == GOLAB_SCENARIOS)
		golab_put_scenarios(f, g);
	else if (part == GOLAB_EXPERIMENTS)
		golab_put_experiments(f, g);
	else if (part == GOLAB_CGO)
		golab_put_cgo(f, g);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}
