/* report_compare: the report's section "Two optimisation levels" (lesson --compare). See
 * report.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/writers/report.h"

/* The widest left column of an aligned body, in characters; longer lines are cut there. */
#define RCMP_COL_MAX 44

/* A line of assembly with its tabs expanded (tab stops every 8 columns), cut to max
 * characters, into buf; the characters written. */
static size_t rcmp_expand(const char *s, char *buf, size_t len, size_t max)
{
	size_t col = 0, o = 0;
	for (; *s && col < max && o + 9 < len; s++) {
		if (*s == '\t') {
			do
				buf[o++] = ' ';
			while (++col % 8 && col < max);
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80)
			col++;
		buf[o++] = *s;
	}
	buf[o] = '\0';
	return col;
}

/* A fence longer than any run of backticks in the bodies. */
static int rcmp_fence(const struct ocmp *c, const struct ocmp_func *fn)
{
	int longest = 0;
	for (size_t r = 0; r < fn->n_rows; r++)
		for (int k = 0; k < 2; k++) {
			int run = 0;
			for (const char *p = ocmp_row_text(c, &fn->rows[r], k); *p; p++) {
				run = *p == '`' ? run + 1 : 0;
				if (run > longest)
					longest = run;
			}
		}
	return longest >= 3 ? longest + 1 : 3;
}

/* What gcc printed, as a code block whose fence no run of backticks in it closes. */
static void rcmp_code(FILE *f, const char *text, size_t len)
{
	int longest = 0, run = 0;
	for (size_t i = 0; i < len; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	int fence = longest >= 3 ? longest + 1 : 3;
	fprintf(f, "\n%.*stext\n%.*s%s%.*s\n\n", fence, "````````````````````````````````",
		(int)len, text, len && text[len - 1] == '\n' ? "" : "\n", fence,
		"````````````````````````````````");
}

/* The two bodies side by side, as diff -y shows two files. */
static void rcmp_body(FILE *f, const struct ocmp *c, const struct ocmp_func *fn)
{
	size_t width = 0;
	char a[512], b[512];
	for (size_t r = 0; r < fn->n_rows; r++) {
		size_t w = rcmp_expand(ocmp_row_text(c, &fn->rows[r], 0), a, sizeof a, RCMP_COL_MAX);
		if (w > width)
			width = w;
	}
	int fence = rcmp_fence(c, fn);
	fprintf(f, "\n%.*sasm\n", fence, "````````````````````````````````");
	for (size_t r = 0; r < fn->n_rows; r++) {
		const struct ocmp_row *row = &fn->rows[r];
		size_t w = rcmp_expand(ocmp_row_text(c, row, 0), a, sizeof a, RCMP_COL_MAX);
		rcmp_expand(ocmp_row_text(c, row, 1), b, sizeof b, 200);
		/* as diff -y: no blank at the end of a line */
		if (*b)
			fprintf(f, "%s%*s %c %s\n", a, (int)(width - w), "", row->mark, b);
		else
			fprintf(f, "%s%*s %c\n", a, (int)(width - w), "", row->mark);
	}
	fprintf(f, "%.*s\n", fence, "````````````````````````````````");
}

/* A table cell: the names in a list, "sq, sum", or "-". */
static void rcmp_cell_list(FILE *f, const char *const *names, size_t n)
{
	if (!n)
		fputs(" - |", f);
	else {
		fputc(' ', f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s`%s`", i ? ", " : "", names[i]);
		fputs(" |", f);
	}
}

/* The summary row of one function. */
static void rcmp_row(FILE *f, const struct ocmp *c, const struct ocmp_func *fn)
{
	fprintf(f, "| `%s` |", fn->name);
	for (int k = 0; k < 2; k++) {
		if (fn->side[k].present)
			fprintf(f, " %zu |", fn->side[k].n_insn);
		else
			fprintf(f, " %s |", _("absent"));
	}
	for (int k = 0; k < 2; k++) {
		const struct ocmp_side *s = &fn->side[k];
		const char *names[64];
		size_t n = 0;
		for (size_t i = 0; i < s->n_inl && n < 64; i++)
			if (!ocmp_inl_seen(s, i))
				names[n++] = s->inl[i].callee;
		rcmp_cell_list(f, names, n);
	}
	for (int k = 0; k < 2; k++) {
		const struct ocmp_side *s = &fn->side[k];
		if (!s->n_vec)
			fputs(" - |", f);
		else {
			fputc(' ', f);
			for (size_t i = 0; i < s->n_vec; i++)
				fprintf(f, "%s%u", i ? ", " : "", s->vec[i].vec->line);
			fputs(" |", f);
		}
	}
	for (int k = 0; k < 2; k++) {
		const struct ocmp_side *s = &fn->side[k];
		const char *names[64];
		size_t n = 0;
		for (size_t i = 0; i < s->n_tail && n < 64; i++)
			names[n++] = s->tail[i].callee;
		rcmp_cell_list(f, names, n);
	}
	for (int k = 0; k < 2; k++)
		fprintf(f, " %s |", fn->side[k].section ? fn->side[k].section : "-");
	(void)c;
	fputc('\n', f);
}

void report_compare_write(FILE *f, const struct walk *w)
{
	const struct ocmp_run *r = walk_compare(w, w->opts.compare_level);
	if (!r || !ocmp_run_finished(r))
		return;
	const char *la = r->flag[0] ? r->flag[0] : "-O0", *lb = r->flag[1];
	fputs("\n## ", f);
	fputs(_("Two optimisation levels"), f);
	fputs("\n\n", f);
	/* TRANSLATORS: %1$s and %2$s are gcc's flags, "-O0" and "-O2" */
	fprintf(f, _("The `.i` compiled at %1$s and again at %2$s, each time with gcc's reports of "
		     "what it inlined (`-fopt-info`) and vectorized (the vectorizer's dump). The "
		     "functions are matched by name, a function's clones counted with it; each pair "
		     "of bodies is aligned as `diff -y` aligns two files (` ` the same line, `|` "
		     "changed, `<` and `>` on one side only), without the line table, the call "
		     "frame information and the debug sections."), la, lb);
	fputs("\n\n", f);
	for (int k = 0; k < 2; k++) {
		/* the second compile never ran when the first failed */
		char *cmd = r->proc[k].argv ? proc_argv_string(r->proc[k].argv) : NULL;
		if (!cmd)
			continue;
		fputs("- ", f);
		fprintf(f, _("Command: `%1$s`: %2$s"), cmd, proc_describe(&r->proc[k]));
		fputc('\n', f);
		free(cmd);
		if (!proc_ok(&r->proc[k]) && r->proc[k].err_len)
			rcmp_code(f, r->proc[k].err, r->proc[k].err_len);
	}
	if (!r->ok) {
		fprintf(f, "\n%s\n", ocmp_run_why(r, 0));
		return;
	}
	const struct ocmp *c = &r->cmp;
	fputc('\n', f);
	/* TRANSLATORS: the table's head; %1$s and %2$s are gcc's flags */
	fprintf(f, _("| Function | Instructions at %1$s | at %2$s | Inlined into it at %1$s | at "
		     "%2$s | Loops vectorized (their lines) at %1$s | at %2$s | Tail calls at %1$s "
		     "| at %2$s | Section at %1$s | at %2$s |"), la, lb);
	fputs("\n|---|--:|--:|---|---|---|---|---|---|---|---|\n", f);
	for (size_t i = 0; i < c->n_funcs; i++)
		rcmp_row(f, c, &c->funcs[i]);
	char notes[8192];
	for (size_t i = 0; i < c->n_funcs; i++) {
		const struct ocmp_func *fn = &c->funcs[i];
		fprintf(f, "\n### `%s`\n\n", fn->name);
		if (ocmp_say_func(c, fn, 0, notes, sizeof notes)) {
			for (char *p = notes, *e; *p && (e = strchr(p, '\n')); p = e + 1)
				fprintf(f, "- %.*s\n", (int)(e - p), p);
		} else if (!ocmp_func_differs(fn)) {
			fprintf(f, "%s\n", _("The same at both levels."));
		} else {
			fprintf(f, "%s\n", _("gcc's reports say nothing about this function's "
					    "differences: the bodies below show them."));
		}
		if (fn->n_rows)
			rcmp_body(f, c, fn);
	}
}
