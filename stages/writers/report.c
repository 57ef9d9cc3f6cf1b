/* report: the whole walkthrough as Markdown. See report.h.
 *
 * Its sentences are whole and marked for gettext (stages/i18n.h): a command, a file name or
 * an engine sentence is an argument (escaped first, report_esc), never glued around; counts
 * go through ngettext. Markdown's own syntax (list dashes, headings, table rules, code spans'
 * backticks, emphasis) stays outside the sentences where it frames one, and a table's
 * headings are words each (report_table_head). The JSON writer (json.c) words nothing. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <gelf.h>
#include "stages/symbols.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/catalog.h"
#include "lessons/glossary.h"
#include "lessons/lesson.h"
#include "lessons/styled.h"
#include "stages/files.h"
#include "stages/ccdiag.h"
#include "stages/i18n.h"
#include "stages/insn.h"
#include "stages/linkmsg.h"
#include "stages/writers/report.h"
#include "stages/writers/report_int.h"

#define REPORT_EXCERPT_LINES 24
/* A line of a code block longer than this is cut here, so that the report stays within a few
 * megabytes whatever the shape of what it quotes (a one-line .i of 200 MB). */
#define REPORT_LINE_MAX 2000

/* Write len bytes of text that a tool or the program under study printed, so that a terminal
 * shows it and never obeys it: control characters (but tabs and newlines, unless inline) and
 * C1 controls become <U+001B>, bytes that are not UTF-8 become <ff>, as gcc writes them in its
 * own messages. A carriage return before a newline is kept, for files with CRLF endings. */
static void report_put(FILE *f, const char *text, size_t len, int inline_text)
{
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < len;) {
		unsigned c = s[i];
		size_t n = sty_utf8_len(s + i, len - i);
		if (n == 0) {
			fprintf(f, "<%02x>", c);
			i++;
			continue;
		}
		if (n == 2 && c == 0xc2 && s[i + 1] < 0xa0) {
			fprintf(f, "<U+%04X>", s[i + 1]);
			i += 2;
			continue;
		}
		int keep = c >= 0x20 && c != 0x7f;
		if (!inline_text)
			keep |= c == '\t' || c == '\n' || (c == '\r' && i + 1 < len && s[i + 1] == '\n');
		if (n == 1 && !keep)
			fprintf(f, "<U+%04X>", c);
		else
			fwrite(s + i, 1, n, f);
		i += n;
	}
}

/* A fence longer than any run of backticks in text, so the excerpt cannot close it. */
static int report_fence_len(const char *text, size_t len)
{
	int longest = 0, run = 0;
	for (size_t i = 0; i < len; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest >= 3 ? longest + 1 : 3;
}

/* Write text (len bytes) as a fenced code block with the info string lang: each line cut
 * after REPORT_LINE_MAX bytes (at a character's start), and then a sentence says how many
 * were cut. */
void report_code(FILE *f, const char *lang, const char *text, size_t len)
{
	int fence = report_fence_len(text, len);
	size_t cut = 0;
	fprintf(f, "\n%.*s%s\n", fence, "````````````````````````````````", lang);
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) + 1 : len, keep = end - i;
		if (keep > REPORT_LINE_MAX) {
			keep = REPORT_LINE_MAX;
			/* not inside a UTF-8 sequence */
			while (keep > REPORT_LINE_MAX - 4 && ((unsigned char)text[i + keep] & 0xc0) == 0x80)
				keep--;
			cut++;
		}
		report_put(f, text + i, keep, 0);
		if (text[i + keep - 1] != '\n')
			fputc('\n', f); /* a cut line, or the last one without its newline */
		i = end;
	}
	fprintf(f, "%.*s\n", fence, "````````````````````````````````");
	if (cut) {
		fputs("\n_", f);
		/* TRANSLATORS: the count that chooses the plural form is the first, the lines */
		fprintf(f, ngettext("%1$zu line was longer than %2$d bytes: it was cut there.",
				    "%1$zu lines were longer than %2$d bytes: each was cut there.", cut),
			cut, REPORT_LINE_MAX);
		fputs("_\n", f);
	}
}

static size_t report_count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	if (len && text[len - 1] != '\n')
		n++;
	return n;
}

/* The offset where the last `lines` lines of text start. */
static size_t report_tail_start(const char *text, size_t len, size_t lines)
{
	size_t i = len;
	if (i && text[i - 1] == '\n')
		i--;
	while (i > 0) {
		if (text[i - 1] == '\n' && --lines == 0)
			break;
		i--;
	}
	return i;
}

/* The length of the first `lines` lines of text. */
static size_t report_head_len(const char *text, size_t len, size_t lines)
{
	size_t i = 0;
	while (i < len && lines > 0)
		if (text[i++] == '\n')
			lines--;
	return i;
}

/* Sentences of the engine's (plain text, made for the screen too) as Markdown prose: the
 * characters that Markdown or pandoc would read as markup (emphasis, code, links, HTML,
 * pandoc's $TeX$) escaped with a backslash, which every reader takes as the character. */
static void report_prose(FILE *f, const char *text, size_t len)
{
	size_t from = 0;
	for (size_t i = 0; i < len; i++)
		if (strchr("\\`*_[]<>$~", text[i]) && text[i]) {
			report_put(f, text + from, i - from, 1);
			fputc('\\', f);
			fputc(text[i], f);
			from = i + 1;
		}
	report_put(f, text + from, len - from, 1);
}

/* Escaped text, as report_put (inline) or report_prose write it, for an argument of a
 * sentence: the strings live in a small ring, each until REPORT_ESC_RING later calls, and
 * report_esc_free() frees them when a report is written. Out of memory: "?". */
#define REPORT_ESC_RING 16
static _Thread_local char *report_ring[REPORT_ESC_RING];
static _Thread_local unsigned report_ring_next;

static void report_prose(FILE *f, const char *text, size_t len);

static const char *report_esc_as(const char *s, int prose)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (!m)
		return "?";
	if (!s)
		fputc('?', m);
	else if (prose)
		report_prose(m, s, strlen(s));
	else
		report_put(m, s, strlen(s), 1);
	if (fclose(m) != 0) {
		free(out);
		return "?";
	}
	unsigned k = report_ring_next++ % REPORT_ESC_RING;
	free(report_ring[k]);
	report_ring[k] = out;
	return out;
}

/* A string from outside (a file name, a command line), escaped to stand in a sentence. */
static const char *report_esc(const char *s)
{
	return report_esc_as(s, 0);
}

/* An engine sentence, escaped as Markdown prose (report_prose). */
const char *report_esc_prose(const char *s)
{
	return report_esc_as(s, 1);
}

/* s (a file name, a command, a symbol) as a whole Markdown code span, its backticks
 * included: s written as report_put writes it, between backtick runs one longer than the
 * longest run inside, with a space inside each end when s starts or ends with a backtick, or
 * starts and ends with a space (CommonMark strips one space from each end then), so that a
 * file named a`b``c.c reads ``` a`b``c.c ``` and every reader shows it whole. Every name or
 * command the report puts in code goes through here; kept in the ring of report_esc. */
const char *report_span(const char *s)
{
	char *body = NULL, *out = NULL;
	size_t len = 0, out_len = 0;
	FILE *m = open_memstream(&body, &len);
	if (!m)
		return "?";
	report_put(m, s ? s : "?", s ? strlen(s) : 1, 1);
	if (fclose(m) != 0) {
		free(body);
		return "?";
	}
	int ticks = 1, run = 0;
	for (size_t i = 0; i < len; i++) {
		run = body[i] == '`' ? run + 1 : 0;
		if (run >= ticks)
			ticks = run + 1;
	}
	int all_spaces = len > 0 && strspn(body, " ") == len;
	int pad = len > 0 && (body[0] == '`' || body[len - 1] == '`' ||
			      (body[0] == ' ' && body[len - 1] == ' ' && !all_spaces));
	m = open_memstream(&out, &out_len);
	if (!m) {
		free(body);
		return "?";
	}
	for (int i = 0; i < ticks; i++)
		fputc('`', m);
	fprintf(m, "%s%s%s", pad ? " " : "", body, pad ? " " : "");
	for (int i = 0; i < ticks; i++)
		fputc('`', m);
	free(body);
	if (fclose(m) != 0) {
		free(out);
		return "?";
	}
	unsigned k = report_ring_next++ % REPORT_ESC_RING;
	free(report_ring[k]);
	report_ring[k] = out;
	return out;
}

/* report_span of a formatted name ("libc.a(printf.o)", "hello.o"). */
static const char *report_spanf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *report_spanf(const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	int rc = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return "?";
	const char *span = report_span(s);
	free(s);
	return span;
}

static void report_esc_free(void)
{
	for (unsigned k = 0; k < REPORT_ESC_RING; k++) {
		free(report_ring[k]);
		report_ring[k] = NULL;
	}
}

/* A table's heading row and its rule: one word or phrase a column (marked with N_()), and
 * for each column 'l' (left) or 'r' (right-aligned, "--:") in align. */
static void report_table_head(FILE *f, const char *align, ...)
{
	va_list ap;
	va_start(ap, align);
	fputc('|', f);
	for (const char *a = align; *a; a++)
		fprintf(f, " %s |", _(va_arg(ap, const char *)));
	va_end(ap);
	fputs("\n|", f);
	for (const char *a = align; *a; a++)
		fputs(*a == 'r' ? "--:|" : "---|", f);
	fputc('\n', f);
}

/* n bytes, as a phrase to stand in a sentence with other counts. */
static const char *report_bytes(char *buf, size_t len, long long n)
{
	snprintf(buf, len, ngettext("%lld byte", "%lld bytes", (unsigned long)n), n);
	return buf;
}

/* n lines, as a phrase to stand in a sentence with other counts. */
static const char *report_lines(char *buf, size_t len, size_t n)
{
	snprintf(buf, len, ngettext("%zu line", "%zu lines", n), n);
	return buf;
}

/* The command and how it ended; how: that account in words when the caller has a better one
 * than proc_describe's (walk_run_describe: "exit 0, but it made no link.i"), else NULL. */
static void report_command_how(FILE *f, const struct proc_result *p, const char *how)
{
	char *cmd = proc_argv_string(p->argv);
	fputs("- ", f);
	fprintf(f, _("Command: %s"), report_span(cmd));
	fputs("\n- ", f);
	free(cmd);
	fprintf(f, _("Result: %1$s, in %2$.1f ms"), how ? how : proc_describe(p), p->wall_ms);
	fputc('\n', f);
}

static void report_command(FILE *f, const struct proc_result *p)
{
	report_command_how(f, p, NULL);
}

/* What the learner can do about a failure with a known cause, if p had one. */
static void report_hint(FILE *f, const struct proc_result *p)
{
	const char *hint = walk_hint(p);
	if (!hint)
		return;
	fputc('\n', f);
	fprintf(f, _("Hint: %s."), hint);
	fputc('\n', f);
}

/* gcc's messages, if it printed any, and a hint when the failure has a known cause. */
static void report_messages(FILE *f, const struct proc_result *p)
{
	if (p->err_len != 0) {
		fprintf(f, "\n%s\n", _("What it printed on standard error:"));
		report_code(f, "text", p->err, p->err_len);
		if (p->err_truncated) {
			fputs("\n_", f);
			fprintf(f, ngettext("Its messages were cut after %zu byte.",
					    "Its messages were cut after %zu bytes.", p->err_len), p->err_len);
			fputs("_\n", f);
		}
	}
	report_hint(f, p);
}

static void report_summary(FILE *f, const char *datadir, enum stage_id id)
{
	struct lesson l;
	char err[256];
	if (lesson_load(datadir, walk_stage_name(id), &l, err, sizeof err) < 0) {
		fputs("\n_", f);
		fprintf(f, _("The lesson for this stage is missing: %s."), err);
		fputs("_\n", f);
		return;
	}
	fprintf(f, "\n> %s\n>\n> ", l.summary);
	fprintf(f, _("Read the whole lesson: `lesson --stage %s`."), walk_stage_name(id));
	fputc('\n', f);
	lesson_free(&l);
}

/* An excerpt of a text artifact: its head or its tail. */
static void report_excerpt(FILE *f, const struct walk *w, const struct stage_run *s, int tail,
			   const char *lang)
{
	char *path = walk_path(w, s->artifact);
	size_t len = 0;
	char *text = path ? files_slurp(path, 0, &len, NULL) : NULL;
	free(path);
	if (!text) {
		const char *why = strerror(errno);
		fputs("\n_", f);
		fprintf(f, _("%1$s could not be read back: %2$s."), s->artifact, why);
		fputs("_\n", f);
		return;
	}
	size_t lines = report_count_lines(text, len);
	char nb[64], nl[64];
	fputs("- ", f);
	fprintf(f, _("Artifact: %1$s, %2$s, %3$s"), report_span(s->artifact),
		report_bytes(nb, sizeof nb, s->artifact_size), report_lines(nl, sizeof nl, lines));
	fputc('\n', f);
	if (lines <= REPORT_EXCERPT_LINES) {
		fputc('\n', f);
		fprintf(f, _("The whole of %s:"), report_span(s->artifact));
		fputc('\n', f);
		report_code(f, lang, text, len);
	} else if (tail) {
		size_t from = report_tail_start(text, len, REPORT_EXCERPT_LINES);
		fputc('\n', f);
		/* TRANSLATORS: the count that chooses the plural form is the second, all lines */
		fprintf(f, ngettext("The last %1$d of its %2$zu lines:",
				    "The last %1$d of its %2$zu lines:", lines), REPORT_EXCERPT_LINES, lines);
		fputc('\n', f);
		report_code(f, lang, text + from, len - from);
	} else {
		fputc('\n', f);
		/* TRANSLATORS: the count that chooses the plural form is the second, all lines */
		fprintf(f, ngettext("The first %1$d of its %2$zu lines:",
				    "The first %1$d of its %2$zu lines:", lines), REPORT_EXCERPT_LINES,
			lines);
		fputc('\n', f);
		report_code(f, lang, text, report_head_len(text, len, REPORT_EXCERPT_LINES));
	}
	free(text);
}

/* The object file: its type and its sections, read with libelf by the engine. */
/* A value for a table cell: no pipes or newlines. */
static void report_cell(FILE *f, const char *s)
{
	fputs("| ", f);
	for (const char *bar; *s; s = bar + 1) {
		bar = strchr(s, '|');
		report_put(f, s, bar ? (size_t)(bar - s) : strlen(s), 1);
		if (!bar)
			break;
		fputs("\\|", f);
	}
	fputc(' ', f);
}

/* The object's symbols, each with why it landed where it did, and its relocations. */
static void report_symbols(FILE *f, const struct walk *w)
{
	if (!w->obj_syms_ok)
		return;
	const struct symbols *sy = &w->obj_syms;
	fprintf(f, "\n%s\n\n", _("Its symbols (what `nm` and `readelf -s` list; section and file "
				  "symbols left out):"));
	report_table_head(f, "llllrl", N_("symbol"), N_("binding"), N_("type"), N_("section"),
			  N_("size"), N_("why it is there"));
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *x = &sy->syms[i];
		char why[256];
		if (x->type == STT_SECTION || x->type == STT_FILE || !x->name[0])
			continue;
		fprintf(f, "| %s | %s | %s | %s | %llu ", report_span(x->name),
			symbols_bind_name(x->bind), symbols_type_name(x->type), x->section, x->size);
		report_cell(f, symbols_explain(x, why, sizeof why));
		fputs("|\n", f);
	}
	if (!sy->n_relocs)
		return;
	fprintf(f, "\n%s\n\n", _("Its relocations (`readelf -r`): the places the linker must fill "
				  "in."));
	report_table_head(f, "llll", N_("where"), N_("type"), N_("symbol + addend"),
			  N_("what the linker does"));
	for (size_t i = 0; i < sy->n_relocs; i++) {
		const struct symbols_reloc *r = &sy->relocs[i];
		const char *why = symbols_reloc_explain(sy->machine, r->type);
		/* the addend in hex, as objdump -dr and readelf -r print it */
		fprintf(f, "| %s | `%s` | %s ", report_spanf("%s+0x%llx", r->section, r->offset),
			symbols_reloc_type_name(sy->machine, r->type),
			report_spanf("%s%s0x%llx", r->symbol, r->addend < 0 ? "-" : "+",
				     r->addend < 0 ? 0ull - (unsigned long long)r->addend :
						     (unsigned long long)r->addend));
		report_cell(f, why ? why : "");
		fputs("|\n", f);
	}
}

/* The text that main-file line `line` became in the .i, as inline code text: cut at max
 * bytes, with the characters that would end the code span or the table cell replaced. */
static void report_became(FILE *f, const struct ppmap *pp, long line, size_t max)
{
	char buf[512];
	size_t n = ppmap_main_text(pp, line, buf, max + 1 < sizeof buf ? max + 1 : sizeof buf);
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '`' || buf[i] == '|')
			buf[i] = buf[i] == '|' ? '/' : '\'';
	report_put(f, buf, n, 1);
	if (n >= max)
		fputs("...", f);
}

static const char *report_base(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	return slash ? slash + 1 : path ? path : "?";
}

/* Where the .i's lines came from: the include tree from gcc's linemarkers, then the macros
 * libclang saw and what each use became, and the lines a false #if left out. */
static void report_preprocess_facts(FILE *f, const struct walk *w)
{
	if (!w->pp_ok)
		return;
	const struct ppmap *pp = &w->pp;
	size_t text = pp->n_lines - pp->n_markers, own = pp->nodes[0].own_lines;
	fputc('\n', f);
	/* TRANSLATORS: the count that chooses the plural form is the second, all lines */
	fprintf(f, ngettext("Where its lines come from, read from gcc's linemarkers (`# LINE \"FILE\" "
			    "FLAGS`): %1$zu of its %2$zu lines are linemarkers; of the other %3$zu, "
			    "%4$zu are the source's own and %5$zu come from headers.",
			    "Where its lines come from, read from gcc's linemarkers (`# LINE \"FILE\" "
			    "FLAGS`): %1$zu of its %2$zu lines are linemarkers; of the other %3$zu, "
			    "%4$zu are the source's own and %5$zu come from headers.", pp->n_lines),
		pp->n_markers, pp->n_lines, text, own, text - own - pp->prelude_lines);
	fputc('\n', f);
	int any = 0;
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		if (n->cmdline)
			continue;
		if (!any) {
			fprintf(f, "\n%s\n\n", _("The include tree, in the order gcc read the "
						  "headers (as `gcc -H` lists them):"));
			report_table_head(f, "llrr", N_("header"), N_("included from"),
					  N_("its lines, blank ones too"), N_("with what it includes"));
			any = 1;
		}
		const struct ppmap_node *up = n->parent >= 0 ? &pp->nodes[n->parent] : NULL;
		fputs("| ", f);
		for (int d = 1; d < n->depth; d++)
			fputs("· ", f);
		fprintf(f, "%s | %s:%ld | %zu | %zu |\n", report_span(ppmap_file_name(pp, n->file)),
			report_esc_prose(up ? report_base(ppmap_file_name(pp, up->file)) : "?"),
			n->from_line, n->own_lines, n->total_lines);
	}
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		if (n->depth == 1 && !n->cmdline) {
			fputc('\n', f);
			fprintf(f, ngettext("%1$s and what it includes: %2$zu of the %3$zu line.",
					    "%1$s and what it includes: %2$zu of the %3$zu lines.", text),
				report_span(report_base(ppmap_file_name(pp, n->file))), n->total_lines,
				text);
			fputc('\n', f);
		}
	}
	if (walk_state(&w->clang) != RUN_OK) {
		fputs("\n_", f);
		fprintf(f, _("Macros: not shown, libclang's facts are missing (%s)."),
			w->clang.skip_reason ? w->clang.skip_reason : _("not parsed"));
		fputs("_\n", f);
		return;
	}
	const struct cfacts *cf = &w->cf;
	if (cf->n_defs) {
		fprintf(f, "\n%s\n\n", _("The macros the source defines (libclang):"));
		report_table_head(f, "llr", N_("macro"), N_("kind"), N_("line"));
		for (size_t i = 0; i < cf->n_defs; i++)
			fprintf(f, "| %s | %s | %u |\n", report_span(cf->defs[i].name),
				cf->defs[i].function_like ? _("function-like") : _("object-like"),
				cf->defs[i].line);
	}
	if (cf->n_exps) {
		fprintf(f, "\n%s\n\n", _("Each use of a macro (libclang), and what its line became "
					  "in the .i:"));
		report_table_head(f, "rlll", N_("line"), N_("macro"), N_("defined in"),
				  N_("the line in the .i"));
		for (size_t i = 0; i < cf->n_exps; i++) {
			const struct cfacts_macro_exp *x = &cf->exps[i];
			fprintf(f, "| %u | %s | ", x->line, report_span(x->name));
			switch (x->origin) {
			case CFACTS_MACRO_MAIN:
				fprintf(f, _("line %u"), x->def_line);
				break;
			case CFACTS_MACRO_HEADER:
				fprintf(f, "%s:%u", report_span(report_base(x->def_file)), x->def_line);
				break;
			case CFACTS_MACRO_PREDEFINED:
				fputs(_("the compiler (predefined)"), f);
				break;
			default:
				fputs(_("the preprocessor itself"), f);
			}
			fputs(" | ", f);
			if (x->directive)
				fprintf(f, "_%s_", _("(a directive: nothing reaches the .i)"));
			else if (ppmap_main_count(pp, x->line) == 0)
				fprintf(f, "_%s_", _("(no line)"));
			else {
				fputs("`", f);
				report_became(f, pp, x->line, 100);
				fputs("`", f);
			}
			fputs(" |\n", f);
		}
	}
	char *src = files_slurp(w->src_abs, 0, &(size_t){ 0 }, NULL);
	size_t n_src = 0;
	unsigned char *off = src ? ppmap_inactive_lines(pp, src, strlen(src), &n_src) : NULL;
	char *ranges = NULL;
	size_t ranges_len = 0;
	FILE *m = off ? open_memstream(&ranges, &ranges_len) : NULL;
	if (m) {
		/* the ranges, "3-5, 9" */
		int first = 1;
		for (size_t l = 1; l <= n_src; l++) {
			if (!off[l] || (l > 1 && off[l - 1]))
				continue;
			size_t e = l;
			while (e + 1 <= n_src && off[e + 1])
				e++;
			if (!first)
				fputs(", ", m);
			fprintf(m, e > l ? "%zu-%zu" : "%zu", l, e);
			first = 0;
		}
		if (fclose(m) == 0 && !first) {
			fputc('\n', f);
			fprintf(f, _("Lines of the source a false `#if` left out of the .i: %s."), ranges);
			fputc('\n', f);
		}
	}
	free(ranges);
	free(off);
	free(src);
}

/* Where each function's variables live, from the -g compile's DWARF (stages/dwvars.h): a
 * table per function, a row per place and the lines of the .s where the variable is there. */
static void report_variables(FILE *f, const struct walk *w)
{
	const struct dwvars *d = &w->dwv;
	if (walk_state(&w->gline) != RUN_OK)
		return;
	if (!walk_dwvars_ready(w)) {
		if (!*w->dwv_err)
			return;
		fputs("\n_", f);
		fprintf(f, _("The variables' places: not shown (%s)."), w->dwv_err);
		fputs("_\n", f);
		return;
	}
	/* the .s lines of the command shown, for the -g compile's lines */
	unsigned *shown = calloc(w->asmm.n_lines + 1, sizeof *shown);
	if (!shown)
		return;
	for (size_t n = 1; n <= w->asms.n_lines; n++)
		if (w->asm_pair[n] && w->asm_pair[n] <= w->asmm.n_lines)
			shown[w->asm_pair[n]] = (unsigned)n;
	for (size_t fn = 0; fn < d->n_funcs; fn++) {
		int any = 0;
		for (size_t s = 0; s < d->n_spans; s++) {
			const struct dwvars_span *sp = &d->spans[s];
			const struct dwvars_var *v = &d->vars[sp->var];
			if (v->func != (int)fn)
				continue;
			unsigned lo = 0, hi = 0;
			for (unsigned g = sp->first; g <= sp->last; g++)
				if (shown[g]) {
					lo = lo ? lo : shown[g];
					hi = shown[g];
				}
			if (!any) {
				fputc('\n', f);
				/* TRANSLATORS: %s is a function's name */
				fprintf(f, _("Where the variables of %s live (the DWARF of the -g "
					     "compile, read with libdw):"), report_span(d->funcs[fn].name));
				fputs("\n\n", f);
				report_table_head(f, "lllll", N_("variable"), N_("what"), N_("type"),
						  N_("where"), N_("lines of the .s"));
				any = 1;
			}
			char what[200], type[300], at[64];
			if (v->inlined)
				/* TRANSLATORS: %s is the function whose body gcc copied here */
				snprintf(what, sizeof what, v->param ? _("parameter of %s, inlined") :
					 _("local of %s, inlined"), v->inlined);
			else
				snprintf(what, sizeof what, "%s", v->param ? _("parameter") : _("local"));
			if (v->size >= 0)
				/* TRANSLATORS: %1$s a C type, %2$lld its size */
				snprintf(type, sizeof type, ngettext("%1$s (%2$lld byte)",
								     "%1$s (%2$lld bytes)",
								     (unsigned long)v->size),
					 report_span(v->type), v->size);
			else
				snprintf(type, sizeof type, "%s", report_span(v->type));
			fprintf(f, "| %s | %s | %s | %s", report_span(v->name), what, type,
				dwvars_where_name(sp->at.where));
			if (*dwvars_place_text(d, &sp->at, at, sizeof at))
				fprintf(f, " %s", report_span(at));
			if (lo && hi > lo)
				fprintf(f, " | %u-%u |\n", lo, hi);
			else if (lo)
				fprintf(f, " | %u |\n", lo);
			else
				fputs(" | |\n", f);
		}
	}
	free(shown);
}

/* The instructions the shown .s uses, the most used first, each with what it does in a few
 * words (stages/insn.h); one the table lacks says so. */
static void report_instructions(FILE *f, const struct asmmap *m)
{
	struct insn_use *u;
	size_t n = insn_uses(m, &u);
	if (!n)
		return;
	fputc('\n', f);
	fprintf(f, ngettext("The %zu different instruction it uses, the most used first:",
			    "The %zu different instructions it uses, the most used first:", n), n);
	fputs("\n\n", f);
	report_table_head(f, "lrl", N_("instruction"), N_("times"), N_("what it does"));
	for (size_t i = 0; i < n; i++) {
		char gloss[200], pre[200], both[420];
		const char *sp = strchr(u[i].name, ' ');
		const char *mn = sp ? sp + 1 : u[i].name;
		const char *say = insn_gloss(mn, strlen(mn), gloss, sizeof gloss);
		if (say && sp && insn_gloss(u[i].name, (size_t)(sp - u[i].name), pre, sizeof pre)) {
			/* TRANSLATORS: a prefix's few words, then its instruction's: "repeat: store
			   a string element" */
			snprintf(both, sizeof both, _("%1$s: %2$s"), pre, say);
			say = both;
		}
		fprintf(f, "| %s | %zu ", report_span(u[i].name), u[i].count);
		report_cell(f, say ? say : _("not in this lesson's table of instructions"));
		fputs("|\n", f);
	}
	free(u);
}

/* What gcc did with each function and each call, and what libclang said about the source. */
static void report_compile_facts(FILE *f, const struct walk *w)
{
	enum run_state gs = walk_state(&w->gline);
	if (gs == RUN_OK || gs == RUN_FAILED) {
		char *cmd = proc_argv_string(w->gline.proc.argv);
		fputs("- ", f);
		fprintf(f, _("Line table: %1$s (the same code, with `.loc` lines naming the source "
			     "line of each instruction): %2$s"), report_span(cmd),
			proc_describe(&w->gline.proc));
		fputc('\n', f);
		free(cmd);
	}
	if (walk_asm_pair_ready(w)) {
		/* the .s the command above made, counted as it is; then what -g adds */
		const struct asmmap *m = &w->asms, *g = &w->asmm;
		char nl[64], ni[64], nlab[64], gl[64];
		size_t insns = m->n_kind[ASMMAP_INSN], labels = m->n_kind[ASMMAP_LABEL];
		snprintf(ni, sizeof ni, ngettext("%zu instruction", "%zu instructions", insns), insns);
		snprintf(nlab, sizeof nlab, ngettext("%zu label", "%zu labels", labels), labels);
		fputc('\n', f);
		/* TRANSLATORS: %1$s is the .s ("hello.s"), %2$s its lines ("116 lines") */
		fprintf(f, _("%1$s: its %2$s by kind: %3$s, %4$s, %5$zu data, %6$zu symbol and %7$zu "
			     "section directives, %8$zu of call frame information."),
			report_span(report_base(w->stage[STAGE_COMPILE].artifact)),
			report_lines(nl, sizeof nl, m->n_lines), ni, nlab, m->n_kind[ASMMAP_DATA],
			m->n_kind[ASMMAP_SYMBOL], m->n_kind[ASMMAP_SECTION], m->n_kind[ASMMAP_CFI]);
		fputc(' ', f);
		/* TRANSLATORS: %1$s is the -g compile's .s ("hello.g.s"), %2$s its lines ("532
		   lines") */
		fprintf(f, _("%1$s, made with -g, has %2$s: the same code, with %3$zu of line table "
			     "and %4$zu of debug information."),
			report_span(report_base(w->gline.artifact)), report_lines(gl, sizeof gl, g->n_lines),
			g->n_kind[ASMMAP_LOC], g->n_kind[ASMMAP_DEBUG]);
		fputc('\n', f);
		report_instructions(f, m);
		report_variables(f, w);
	}
	if (walk_state(&w->clang) != RUN_OK) {
		fputs("\n_", f);
		fprintf(f, _("Functions and calls: not shown, libclang's facts are missing (%s)."),
			w->clang.skip_reason ? w->clang.skip_reason : _("not parsed"));
		fputs("_\n", f);
		return;
	}
	const struct cfacts *cf = &w->cf;
	if (walk_fates_ready(w)) {
		const struct fates *ft = &w->fates;
		if (ft->n_funcs) {
			fprintf(f, "\n%s\n\n", _("Each function (libclang) and what gcc did with it "
						  "(the .s):"));
			report_table_head(f, "lrlllll", N_("function"), N_("line"), N_("linkage"),
					  N_("storage"), N_("inline"), N_("what gcc did"), N_("why"));
			for (size_t i = 0; i < ft->n_funcs; i++) {
				const struct fates_func *x = &ft->funcs[i];
				fprintf(f, "| %s | %u | %s | %s | %s | ", report_span(x->cf->name),
					x->cf->line, cfacts_linkage_name(x->cf->linkage),
					cfacts_storage_name(x->cf->storage),
					x->cf->inlined ? _("yes") : _("no"));
				if (x->section)
					/* TRANSLATORS: what gcc did with a function, in a section */
					fprintf(f, _("%1$s in %2$s"), fates_func_name(x->kind), x->section);
				else
					fputs(fates_func_name(x->kind), f);
				fputc(' ', f);
				report_cell(f, x->why);
				fputs("|\n", f);
			}
		}
		if (ft->n_calls) {
			fputc('\n', f);
			fprintf(f, _("Each call in the source (libclang) and what the .s does: %1$zu "
				     "rewritten by gcc, %2$zu inlined."), ft->n_rewritten, ft->n_inlined);
			fputs("\n\n", f);
			report_table_head(f, "rllll", N_("line"), N_("call"), N_("in"),
					  N_("what gcc did"), N_("why"));
			for (size_t i = 0; i < ft->n_calls; i++) {
				const struct fates_call *x = &ft->calls[i];
				fprintf(f, "| %u | %s | %s | ", x->cf->line,
					report_span(x->cf->callee ? x->cf->callee : _("(pointer)")),
					report_span(x->cf->caller ? x->cf->caller : "?"));
				if (x->now)
					/* TRANSLATORS: what gcc did with a call (rewritten), to what */
					fprintf(f, _("%1$s to %2$s"), fates_call_name(x->kind),
						report_span(x->now));
				else
					fputs(fates_call_name(x->kind), f);
				fputc(' ', f);
				report_cell(f, x->why);
				fputs("|\n", f);
			}
		}
	}
	if (cf->n_diags) {
		fprintf(f, "\n%s\n\n", _("What libclang says about the source (its own diagnostics, "
					  "beside gcc's):"));
		report_table_head(f, "llll", N_("where"), N_("severity"), N_("message"), N_("fix-it"));
		for (size_t i = 0; i < cf->n_diags; i++) {
			const struct cfacts_diag *d = &cf->diags[i];
			fprintf(f, "| %s:%u:%u | %s ", d->in_main ? report_base(w->src_path) :
				report_base(d->file), d->line, d->col, cfacts_severity_name(d->severity));
			report_cell(f, d->message ? d->message : "");
			char fix[256] = "";
			if (d->n_fixits && *d->fixits[0].text)
				snprintf(fix, sizeof fix, _("line %1$u:%2$u: insert or replace with '%3$s'"),
					 d->fixits[0].line, d->fixits[0].col, d->fixits[0].text);
			else if (d->n_fixits)
				snprintf(fix, sizeof fix, _("line %1$u:%2$u: delete"), d->fixits[0].line,
					 d->fixits[0].col);
			report_cell(f, fix);
			fputs("|\n", f);
		}
	}
}

/* Each variable and function of the source, where libclang expects gcc to put it, and where
 * the .o has it. */
static void report_placements(FILE *f, const struct walk *w)
{
	if (walk_state(&w->clang) != RUN_OK || !w->obj_syms_ok)
		return;
	const struct cfacts *cf = &w->cf;
	const struct symbols *sy = &w->obj_syms;
	int any = 0;
	for (size_t pass = 0; pass < 2; pass++) {
		size_t n = pass ? cf->n_funcs : cf->n_vars;
		for (size_t i = 0; i < n; i++) {
			const char *name = pass ? cf->funcs[i].name : cf->vars[i].name;
			unsigned line = pass ? cf->funcs[i].line : cf->vars[i].line;
			const struct cfacts_place *pl = pass ? &cf->funcs[i].place : &cf->vars[i].place;
			int static_local = !pass && cf->vars[i].static_local;
			if (pass && !cf->funcs[i].is_definition && !cf->funcs[i].referenced)
				continue;
			if (!pl->section)
				continue;
			/* The symbol: the name, or NAME.N for a static local. */
			const char *real = NULL;
			size_t len = strlen(name);
			for (size_t k = 1; k < sy->n_syms && !real; k++) {
				const char *x = sy->syms[k].name;
				if (strcmp(x, name) == 0 || (static_local && strncmp(x, name, len) == 0 &&
							    x[len] == '.'))
					real = sy->syms[k].section;
			}
			if (!any) {
				fprintf(f, "\n%s\n\n", _("Where each declaration landed: libclang's "
							  "prediction from the source, beside the section "
							  "the .o really has it in."));
				report_table_head(f, "lrlll", N_("declaration"), N_("line"),
						  N_("predicted"), N_("in the .o"), N_("why"));
				any = 1;
			}
			/* optimised, the section it takes then: main's .text.startup (-O2 and up),
			 * a string's .rodata.str1.1 (-O1 and up) */
			const char *lv = w->opts.opt_level;
			int opt = lv && strcmp(lv, "-O0") != 0;
			int o2 = opt && strcmp(lv, "-O1") != 0 && strcmp(lv, "-Og") != 0;
			const char *want = pl->section;
			if (pl->section_opt && (strcmp(pl->section_opt, ".text.startup") == 0 ? o2 :
						opt))
				want = pl->section_opt;
			fprintf(f, "| %s | %u | %s | %s ", report_span(name), line, want,
				real ? real : _("(no symbol)"));
			report_cell(f, pl->reason ? pl->reason : "");
			fputs("|\n", f);
		}
	}
}

/* What the linker said, explained: each message it printed that lesson knows, where in the
 * source it comes from (libclang), what it means, the fix and the lesson. The engine parsed
 * them once (walk.h: msgs). */
static void report_linkmsgs(FILE *f, const struct walk *w, const struct link_variant *v)
{
	if (!walk_msgs_ready(v))
		return;
	const struct linkmsg *m = &v->msgs;
	if (m->n)
		fprintf(f, "\n%s\n\n", _("What its messages mean:"));
	for (size_t i = 0; i < m->n; i++) {
		const struct linkmsg_item *x = &m->items[i];
		/* what it is: the kind in bold, the symbol as code */
		char head[512];
		if (x->symbol)
			snprintf(head, sizeof head, "**%s** %s", linkmsg_kind_label(x->kind),
				 report_span(x->symbol));
		else
			snprintf(head, sizeof head, "**%s**", linkmsg_kind_label(x->kind));
		/* where in the source: "line 3:5 in main, line 9:2" */
		char where[1024] = "", one[300];
		for (size_t k = 0; k < x->n_where; k++) {
			if (x->where[k].caller)
				snprintf(one, sizeof one, _("line %1$u:%2$u in %3$s"), x->where[k].line,
					 x->where[k].col, x->where[k].caller);
			else
				snprintf(one, sizeof one, _("line %1$u:%2$u"), x->where[k].line,
					 x->where[k].col);
			size_t used = strlen(where);
			snprintf(where + used, sizeof where - used, "%s%s", k ? ", " : "", one);
		}
		const char *explain = report_esc_prose(x->explain ? x->explain : "");
		fputs("- ", f);
		if (x->n_where)
			/* TRANSLATORS: a linker message (its kind and symbol), where in the source it
			 * comes from, and what it means */
			fprintf(f, _("%1$s at %2$s: %3$s"), head, where, explain);
		else
			/* TRANSLATORS: a linker message (its kind and symbol) and what it means */
			fprintf(f, _("%1$s: %2$s"), head, explain);
		/* a maths function that musl's link found in its libc.a */
		char member[300];
		if (x->kind == LINKMSG_UNDEFINED && v->kind != LINK_MUSL &&
		    linkmsg_is_libm(x->symbol) &&
		    walk_musl_member(w, x->symbol, member, sizeof member)) {
			char *musl = linkmsg_say_musl_libm(x->symbol, member);
			if (musl)
				fprintf(f, " %s", report_esc_prose(musl));
			free(musl);
		}
		if (x->fix) {
			fputc(' ', f);
			fprintf(f, _("Fix: %s"), report_esc_prose(x->fix));
		}
		const struct catalog_entry *e = x->lesson ? catalog_find(x->lesson) : NULL;
		if (e)
			fprintf(f, " (`lesson --%s %s`)", e->kind == CATALOG_STAGE ? "stage" : "topic",
				e->name);
		fputc('\n', f);
	}
}

static void report_object(FILE *f, const struct walk *w, const struct stage_run *s)
{
	char nb[64];
	fputs("- ", f);
	fprintf(f, _("Artifact: %1$s, %2$s"), report_span(s->artifact),
		report_bytes(nb, sizeof nb, s->artifact_size));
	fputc('\n', f);
	if (!w->obj_elf_ok)
		return;
	fputs("- ", f);
	fprintf(f, _("ELF type: %s"), elfinfo_kind_label(&w->obj_elf));
	fprintf(f, "\n\n%s\n\n", _("Its sections (flags: A allocated at run time, W writable, X "
				      "executable):"));
	report_table_head(f, "lrl", N_("section"), N_("size (bytes)"), N_("flags"));
	for (size_t i = 0; i < w->obj_elf.n_sections; i++) {
		const struct elfinfo_section *sec = &w->obj_elf.sections[i];
		char fl[ELFINFO_FLAGS_MAX];
		elfinfo_section_flags(sec->flags, ELFINFO_FLAGS_AWX, fl);
		fprintf(f, "| %s | %llu | %s |\n", report_span(sec->name), sec->size,
			fl[0] ? fl : "-");
	}
	report_symbols(f, w);
	/* nm's summary and the disassembly with each relocation under the instruction it
	 * patches, as the learner would see them */
	static const enum obj_tool shown[] = { OBJ_NM, OBJ_OBJDUMP };
	for (size_t t = 0; t < sizeof shown / sizeof *shown; t++) {
		const struct proc_result *p = &w->obj_tools[shown[t]];
		if (!p->argv)
			continue;
		char *cmd = proc_argv_string(p->argv);
		fprintf(f, "\n%s (%s):\n", report_span(cmd), proc_describe(p));
		free(cmd);
		if (p->kind == PROC_SPAWN_FAILED)
			fprintf(f, "\n_%s_\n", _("It is part of binutils: apt-get install binutils."));
		else if (p->out_len)
			report_code(f, "text", p->out, p->out_len);
		if (p->err_len)
			report_code(f, "text", p->err, p->err_len);
	}
}


/* The archive members as the tree of why each is there (linkmap_member_tree): each member,
 * and indented under it the members it pulled in. */
static void report_members(FILE *f, const struct walk *w, const struct linkmap *m)
{
	struct linkmap_tree_row *rows = linkmap_member_tree(m);
	for (size_t r = 0; rows && r < m->n_members; r++) {
		const struct linkmap_member *x = &m->members[rows[r].member];
		const char *slash = strrchr(x->archive, '/');
		long long size = linkmap_member_size(m, rows[r].member);
		char by[300];
		walk_input_name(w, x->by, by, sizeof by);
		unsigned long long bytes = size >= 0 ? (unsigned long long)size : 0ULL;
		const char *archive = slash ? slash + 1 : x->archive;
		fprintf(f, "%*s- ", (int)rows[r].depth * 2, "");
		if (rows[r].depth == 0 && *by)
			/* TRANSLATORS: %1$s is an archive's member ("libc.a(puts.o)"), %2$s a
			 * symbol, %4$s what needed it */
			fprintf(f, ngettext("%1$s for %2$s, %3$llu byte, needed by %4$s",
					    "%1$s for %2$s, %3$llu bytes, needed by %4$s",
					    (unsigned long)bytes), report_spanf("%s(%s)", archive, x->member),
				report_span(x->symbol), bytes, report_esc_prose(by));
		else
			fprintf(f, ngettext("%1$s for %2$s, %3$llu byte",
					    "%1$s for %2$s, %3$llu bytes", (unsigned long)bytes),
				report_spanf("%s(%s)", archive, x->member), report_span(x->symbol),
				bytes);
		fputc('\n', f);
	}
	free(rows);
}

/* lesson --stage link FILE.c without --full: a static link's hundreds of members are
 * summarized, the biggest few as a table, the whole tree left to --full and the report. */
static int report_brief;
#define REPORT_BRIEF_MEMBERS 12
#define REPORT_BIGGEST 8

static void report_biggest(FILE *f, const struct walk *w, const struct linkmap *m)
{
	size_t top[REPORT_BIGGEST];
	size_t n = linkmap_biggest(m, top, REPORT_BIGGEST);
	report_table_head(f, "lrl", N_("member"), N_("bytes"), N_("for"));
	for (size_t i = 0; i < n; i++) {
		const struct linkmap_member *x = &m->members[top[i]];
		const char *slash = strrchr(x->archive, '/');
		long long size = linkmap_member_size(m, top[i]);
		fprintf(f, "| %s | %lld | %s |\n",
			report_spanf("%s(%s)", slash ? slash + 1 : x->archive, x->member),
			size >= 0 ? size : 0LL, report_span(x->symbol));
	}
	fputc('\n', f);
	/* TRANSLATORS: %1$zu is a count, %2$s and %3$s commands */
	fprintf(f, ngettext("All %1$zu member, in the tree of which needed which: %2$s, or the "
			    "report (%3$s).",
			    "All %1$zu members, in the tree of which needed which: %2$s, or the "
			    "report (%3$s).",
			    m->n_members), m->n_members,
		report_spanf("lesson --full --stage link %s", w->src_path),
		report_spanf("lesson --report %s", w->src_path));
	fputc('\n', f);
}

/* Who resolved the object's undefined symbols in this variant. */
static void report_resolved(FILE *f, const struct walk *w, const struct link_variant *v)
{
	/* the program's other objects resolve some at link time, in every link; the libraries
	 * the rest, at run time or from archives: each under its own heading */
	const struct symbols *os = w->obj_syms_ok ? &w->obj_syms : NULL;
	size_t n_obj = 0, n_lib = 0;
	/* (musl-gcc compiles the sources again, into objects of its own) */
	for (size_t i = 1; os && w->n_extra && v->kind != LINK_MUSL && i < os->n_syms; i++)
		n_obj += os->syms[i].shndx == SHN_UNDEF && *os->syms[i].name &&
			 walk_extra_defines(w, os->syms[i].name) != NULL;
	for (size_t i = 0; v->resolved_ok && i < v->resolved.n; i++) {
		const struct resolve_binding *b = &v->resolved.bindings[i];
		n_lib += !(b->lib < 0 && walk_extra_defines(w, b->symbol));
	}
	if (n_obj) {
		fputc('\n', f);
		fprintf(f, _("Resolved at link time: the undefined symbols of %s that the "
			     "program's other objects define, which ld linked into the program:"),
			report_spanf("%s.o", w->base));
		fputs("\n\n", f);
		report_table_head(f, "ll", N_("symbol"), N_("object"));
		for (size_t i = 1; i < os->n_syms; i++) {
			const char *obj = os->syms[i].shndx == SHN_UNDEF && *os->syms[i].name ?
				walk_extra_defines(w, os->syms[i].name) : NULL;
			if (obj)
				fprintf(f, "| %s | %s |\n", report_span(os->syms[i].name),
					report_span(obj));
		}
	}
	if (n_lib) {
		fputc('\n', f);
		fprintf(f, _("Who resolves each undefined symbol of %s: the first library, in "
			     "the loader's order (`ldd`), whose dynamic symbol table defines it, at "
			     "run time:"), report_spanf("%s.o", w->base));
		fputs("\n\n", f);
		report_table_head(f, "lll", N_("symbol"), N_("library"), N_("version"));
		for (size_t i = 0; i < v->resolved.n; i++) {
			const struct resolve_binding *b = &v->resolved.bindings[i];
			if (b->lib < 0 && walk_extra_defines(w, b->symbol))
				continue;
			char none[64];
			snprintf(none, sizeof none, "**%s**", _("none"));
			const char *why = b->lib < 0 ? walk_unresolved_why(w, b->symbol) : NULL;
			fprintf(f, "| %s | %s | %s |\n", report_span(b->symbol),
				b->lib >= 0 ? v->libs.libs[b->lib].name : why ? why : none,
				b->version ? b->version : "—");
		}
	}
	if (!v->map_ok || !v->map.n_members)
		return;
	unsigned long long total = linkmap_members_size(&v->map);
	char nm[64], nb[64];
	snprintf(nm, sizeof nm, ngettext("%zu member", "%zu members", v->map.n_members),
		 v->map.n_members);
	fputc('\n', f);
	if (report_brief && v->map.n_members > REPORT_BRIEF_MEMBERS) {
		fprintf(f, _("What the linker copied in from archives (from its map, `-Wl,-Map`): "
			     "%1$s, %2$s of code and data (`.bss` included, which takes memory when the "
			     "program runs but no room in the file). Each member was taken for one "
			     "symbol that something before it needed. The biggest:"), nm,
			report_bytes(nb, sizeof nb, (long long)total));
		fputs("\n\n", f);
		report_biggest(f, w, &v->map);
		return;
	}
	fprintf(f, _("What the linker copied in from archives (from its map, `-Wl,-Map`): %1$s, %2$s "
		     "of code and data (`.bss` included, which takes memory when the program runs but "
		     "no room in the file). Each member was taken for one symbol that something "
		     "before it needed; indented under the member that needed it:"), nm,
		report_bytes(nb, sizeof nb, (long long)total));
	fputs("\n\n", f);
	report_members(f, w, &v->map);
}

/* What a run of the program printed: its output, its standard error under a label of its own,
 * and whether either was cut. */
static void report_run_output(FILE *f, const struct proc_result *p)
{
	if (p->out_len)
		report_code(f, "text", p->out, p->out_len);
	if (p->err_len) {
		fprintf(f, "\n%s\n", _("and on standard error:"));
		report_code(f, "text", p->err, p->err_len);
	}
	if (p->out_truncated) {
		fputs("\n_", f);
		fprintf(f, ngettext("Its output was cut after %zu byte.",
				    "Its output was cut after %zu bytes.", p->out_len), p->out_len);
		fputs("_\n", f);
	}
	if (p->err_truncated) {
		fputs("\n_", f);
		fprintf(f, ngettext("What it wrote on standard error was cut after %zu byte.",
				    "What it wrote on standard error was cut after %zu bytes.",
				    p->err_len), p->err_len);
		fputs("_\n", f);
	}
}

/* The run alone in an empty root directory. */
static void report_empty_root(FILE *f, const struct walk *w, const struct link_variant *v)
{
	if (!v->empty_root_ran) {
		fputc('\n', f);
		fprintf(f, _("In an empty root directory: not tried: %s."),
			v->empty_root_note ? v->empty_root_note : "?");
		fputc('\n', f);
		return;
	}
	char *cmd = walk_run_command(w, v->empty_root.argv);
	int quiet = !v->empty_root.out_len && !v->empty_root.err_len;
	fputc('\n', f);
	fprintf(f, quiet ? _("Alone in an empty root directory, %1$s ran for %2$.1f ms: %3$s and "
			     "printed nothing.") :
		_("Alone in an empty root directory, %1$s ran for %2$.1f ms: %3$s. It printed:"),
		report_span(cmd), v->empty_root.wall_ms, proc_describe(&v->empty_root));
	fputc('\n', f);
	free(cmd);
	if (!quiet)
		report_run_output(f, &v->empty_root);
}

static void report_library(FILE *f, const struct walk *w);

static void report_link(FILE *f, const struct walk *w)
{
	fprintf(f, "\n| | ");
	for (int k = 0; k < LINK_COUNT; k++)
		fprintf(f, "%s | ", walk_link_name((enum link_kind)k));
	fprintf(f, "\n|---|");
	for (int k = 0; k < LINK_COUNT; k++)
		fprintf(f, "---|");
	fputc('\n', f);

	char buf[1024];
	/* (NEEDED is the ELF tag's name, not a word) */
	static const char *const rows[] = { N_("command"), N_("result"), N_("size (bytes)"),
					    N_("ELF type"), N_("interpreter"), "NEEDED",
					    N_("program ended"), N_("in an empty root") };
	for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
		fprintf(f, "| %s ", r == 5 ? rows[r] : _(rows[r]));
		for (int k = 0; k < LINK_COUNT; k++) {
			const struct link_variant *v = &w->variant[k];
			int ok = walk_state(&v->link) == RUN_OK;
			char *cmd = NULL;
			buf[0] = '\0';
			switch (r) {
			case 0:
				cmd = v->link.proc.argv ? proc_argv_string(v->link.proc.argv) : NULL;
				snprintf(buf, sizeof buf, "%s", cmd ? report_span(cmd) : _("not run"));
				free(cmd);
				break;
			case 1:
				snprintf(buf, sizeof buf, "%s", walk_state(&v->link) == RUN_SKIPPED
					 ? _("not reached") : walk_run_describe(&v->link));
				break;
			case 2:
				if (ok)
					snprintf(buf, sizeof buf, "%lld", v->link.artifact_size);
				break;
			case 3:
				if (ok && v->elf_ok)
					snprintf(buf, sizeof buf, "%s", elfinfo_kind_label(&v->elf));
				break;
			case 4:
				if (ok && v->elf_ok)
					snprintf(buf, sizeof buf, "%s",
						 v->elf.interp ? v->elf.interp : _("none"));
				break;
			case 5:
				if (ok && v->elf_ok) {
					size_t used = 0;
					for (size_t i = 0; i < v->elf.n_needed && used < sizeof buf; i++)
						used += (size_t)snprintf(buf + used, sizeof buf - used,
									 "%s%s", i ? ", " : "", v->elf.needed[i]);
					if (!v->elf.n_needed)
						snprintf(buf, sizeof buf, "%s", _("none"));
				}
				break;
			case 6:
				if (ok)
					snprintf(buf, sizeof buf, "%s", proc_describe(&v->run));
				break;
			case 7:
				if (ok && v->empty_root_ran)
					snprintf(buf, sizeof buf, "%s", proc_describe(&v->empty_root));
				else if (ok)
					snprintf(buf, sizeof buf, "%s", _("not tried"));
				break;
			}
			report_cell(f, buf[0] ? buf : "—");
		}
		fprintf(f, "|\n");
	}
	/* how the programs ran: confined, and what was not (stages/jail.h) */
	if (w->jail.probed) {
		char *how = jail_say(&w->jail, 0);
		if (how)
			fprintf(f, "\n%s\n", report_esc_prose(how));
		free(how);
	}

	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		const char *name = walk_link_name((enum link_kind)k);
		enum run_state st = walk_state(&v->link);
		fputs("\n### ", f);
		fprintf(f, _("The %s link"), name);
		fputs("\n\n", f);
		if (st == RUN_SKIPPED) {
			fprintf(f, _("Not reached: %s."), v->link.skip_reason);
			fputc('\n', f);
			continue;
		}
		report_command_how(f, &v->link.proc, walk_run_describe(&v->link));
		report_messages(f, &v->link.proc);
		report_linkmsgs(f, w, v);
		if (st != RUN_OK)
			continue;
		/* -lNAME on the command, not in NEEDED */
		for (size_t i = 0; walk_variant_finished(v) && i < v->n_dropped; i++) {
			char *why = linkmsg_say_dropped(v->dropped[i], v->as_needed);
			if (why)
				fprintf(f, "\n%s\n", report_esc_prose(why));
			free(why);
		}
		char *ldd = proc_argv_string(v->ldd.argv);
		fputc('\n', f);
		fprintf(f, v->ldd.kind == PROC_SPAWN_FAILED ? _("%1$s (%2$s).") :
			_("%1$s (%2$s) printed:"), report_span(ldd ? ldd : "ldd"),
			proc_describe(&v->ldd));
		fputc('\n', f);
		free(ldd);
		report_hint(f, &v->ldd);
		/* ldd reports a static program on stderr; show both streams as it printed them */
		if (v->ldd.out_len)
			report_code(f, "text", v->ldd.out, v->ldd.out_len);
		if (v->ldd.err_len)
			report_code(f, "text", v->ldd.err, v->ldd.err_len);
		/* the command says its input when --stdin gave one: ./hello A B < input.txt */
		char *run = walk_run_command(w, v->run.argv);
		int quiet = !v->run.out_len && !v->run.err_len;
		fputc('\n', f);
		if (walk_run_input(w))
			fprintf(f, quiet ? _("%1$s ran for %2$.1f ms: %3$s and printed nothing.") :
				_("%1$s ran for %2$.1f ms: %3$s. It printed:"),
				report_span(run), v->run.wall_ms, proc_describe(&v->run));
		else
			fprintf(f, quiet ?
				_("%1$s (stdin from /dev/null) ran for %2$.1f ms: %3$s and printed "
				  "nothing.") :
				_("%1$s (stdin from /dev/null) ran for %2$.1f ms: %3$s. It printed:"),
				report_span(run), v->run.wall_ms, proc_describe(&v->run));
		fputc('\n', f);
		free(run);
		report_run_output(f, &v->run);
		char *why = jail_explain(&w->jail, &v->run, v->run_left, 0);
		if (why)
			fprintf(f, "\n%s\n", report_esc_prose(why));
		free(why);
		report_empty_root(f, w, v);
		report_resolved(f, w, v);
	}
	report_library(f, w);
}

/* A command of the library's build, its result and what it printed. */
static void report_lib_step(FILE *f, const char *what, const struct proc_result *p,
			    long long size)
{
	if (!p->argv)
		return;
	char *cmd = proc_argv_string(p->argv);
	const char *esc = report_span(cmd ? cmd : "");
	fputs("- ", f);
	if (size >= 0)
		/* TRANSLATORS: a step of the library's build, its command, its result, the size of
		 * what it made */
		fprintf(f, ngettext("%1$s: %2$s: %3$s, %4$lld byte", "%1$s: %2$s: %3$s, %4$lld bytes",
				    (unsigned long)size), _(what), esc, proc_describe(p), size);
	else
		/* TRANSLATORS: a step of the library's build, its command and its result */
		fprintf(f, _("%1$s: %2$s: %3$s"), _(what), esc, proc_describe(p));
	fputc('\n', f);
	free(cmd);
	if (p->err_len)
		report_code(f, "text", p->err, p->err_len);
}

/* What one program asked of the loader and how it ran, under one environment. */
static void report_lib_load(FILE *f, const struct walk *w, const struct libbuild *lb,
			    const struct libbuild_load *l)
{
	const char *dirs = l->ld_library_path;
	if (l->ldd.argv) {
		char *cmd = proc_argv_string(l->ldd.argv);
		const char *esc = report_span(cmd ? cmd : "ldd");
		fputc('\n', f);
		if (dirs)
			fprintf(f, _("%1$s, with LD_LIBRARY_PATH=%2$s (%3$s), printed:"), esc,
				report_esc(dirs), proc_describe(&l->ldd));
		else
			fprintf(f, _("%1$s, without LD_LIBRARY_PATH (%2$s), printed:"), esc,
				proc_describe(&l->ldd));
		fputc('\n', f);
		free(cmd);
		if (l->ldd.out_len)
			report_code(f, "text", l->ldd.out, l->ldd.out_len);
		if (l->ldd.err_len)
			report_code(f, "text", l->ldd.err, l->ldd.err_len);
	}
	const struct libbuild_lookup *lk = libbuild_lookup(lb, l);
	if (lk) {
		fputc('\n', f);
		if (lk->path)
			fprintf(f, _("The loader looked for %1$s and found it through %2$s: %3$s."),
				report_span(lk->name), report_esc(libbuild_via_name(lk->via)),
				report_span(lk->path));
		else
			fprintf(f, ngettext("The loader looked for %1$s and did not find it (%2$zu file "
					    "tried).", "The loader looked for %1$s and did not find it "
					    "(%2$zu files tried).", lk->n_tried), report_span(lk->name),
				lk->n_tried);
		fputc('\n', f);
	}
	if (l->run.argv) {
		char *cmd = walk_run_command(w, l->run.argv);
		const char *esc = report_span(cmd ? cmd : ""), *how = proc_describe(&l->run);
		int said = l->run.out_len || l->run.err_len;
		fputc('\n', f);
		if (dirs && said)
			fprintf(f, _("%1$s with LD_LIBRARY_PATH=%2$s: %3$s. It printed:"), esc,
				report_esc(dirs), how);
		else if (dirs)
			fprintf(f, _("%1$s with LD_LIBRARY_PATH=%2$s: %3$s, and printed nothing."), esc,
				report_esc(dirs), how);
		else if (said)
			fprintf(f, _("%1$s without LD_LIBRARY_PATH: %2$s. It printed:"), esc, how);
		else
			fprintf(f, _("%1$s without LD_LIBRARY_PATH: %2$s, and printed nothing."), esc,
				how);
		fputc('\n', f);
		free(cmd);
		report_run_output(f, &l->run);
	}
}

/* With several sources: the others as a static archive and a shared library, and the program
 * linked against each. */
static void report_library(FILE *f, const struct walk *w)
{
	enum run_state st = walk_state(&w->lib_run);
	if (!w->n_extra)
		return;
	const struct libbuild *lb = &w->lib;
	fprintf(f, "\n### %s\n\n", _("The other sources as a library"));
	if (st == RUN_SKIPPED) {
		fprintf(f, _("Not reached: %s."), w->lib_run.skip_reason);
		fputc('\n', f);
		return;
	}
	fprintf(f, _("The program's other sources, built into a static archive and a shared "
		     "library, and `%s.o` linked against each:"), w->base);
	fputs("\n\n", f);
	for (size_t i = 0; i < lb->n_objs; i++)
		report_lib_step(f, N_("compiled as position-independent code"), &lb->objs[i].cc, -1);
	report_lib_step(f, N_("the static archive"), &lb->ar, lb->archive_size);
	report_lib_step(f, N_("the shared library"), &lb->so, lb->shared_size);
	if (st == RUN_FAILED && lb->error[0]) {
		fputc('\n', f);
		/* TRANSLATORS: the library build's error, as a sentence */
		fprintf(f, _("%s."), report_esc_prose(lb->error));
		fputc('\n', f);
	}
	char buf[4096];
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		const struct libbuild_prog *p = &lb->prog[k];
		if (!p->link.argv)
			continue;
		fprintf(f, "\n#### %s\n\n",
			report_span(p->name ? p->name : libbuild_kind_name((enum libbuild_kind)k)));
		report_command(f, &p->link);
		report_messages(f, &p->link);
		if (p->linked) {
			fputc('\n', f);
			fprintf(f, ngettext("%lld byte.", "%lld bytes.", (unsigned long)p->size), p->size);
		}
		fputs("\n\n", f);
		/* the account, a sentence a line: a list item each */
		libbuild_explain(lb, (enum libbuild_kind)k, buf, sizeof buf);
		for (char *line = buf, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			fputs("- ", f);
			report_prose(f, line, nl ? (size_t)(nl - line) : strlen(line));
			fputc('\n', f);
			if (!nl)
				break;
		}
		for (size_t i = 0; p->linked && i < lb->n_syms; i++) {
			if (i == 0) {
				fputc('\n', f);
				report_table_head(f, "lll", N_("symbol of the library"), N_("defined in"),
						  N_("in the program"));
			}
			const struct libbuild_fate *ft = &p->fates[i];
			char cell[256];
			report_cell(f, lb->syms[i].name);
			report_cell(f, lb->syms[i].obj);
			if (ft->section)
				snprintf(cell, sizeof cell, _("%1$s in %2$s"),
					 libbuild_place_name(ft->place), ft->section);
			else
				snprintf(cell, sizeof cell, "%s", libbuild_place_name(ft->place));
			report_cell(f, cell);
			fputs("|\n", f);
		}
		for (size_t i = 0; p->linked && i < p->n_load; i++)
			report_lib_load(f, w, lb, &p->load[i]);
	}
}

/* One stage's section: its command, result, artifact and messages. */
/* gcc's diagnostics of a stage explained (the walk's diag, stages/ccdiag.h): each at the line
 * that causes it, what it means, the fix and the lesson. */
static void report_ccdiags(FILE *f, const struct walk *w, enum stage_id id)
{
	if (!walk_diag_ready(w, id))
		return;
	const struct ccdiag *dg = &w->diag[id];
	if (dg->n)
		fprintf(f, "\n%s\n\n", _("What its messages mean, each at the line that causes it:"));
	for (size_t i = 0; i < dg->n; i++) {
		const struct ccdiag_item *x = &dg->items[i];
		char head[600];
		if (x->option)
			snprintf(head, sizeof head, "**%s** (%s)", ccdiag_kind_label(x->kind),
				 report_span(x->option));
		else
			snprintf(head, sizeof head, "**%s**", ccdiag_kind_label(x->kind));
		const char *explain = report_esc_prose(x->explain ? x->explain : "");
		fputs("- ", f);
		if (!x->in_main)
			/* TRANSLATORS: %1$s a kind of diagnostic, %2$s a file, %3$u its line, %4$s
			 * what it means */
			fprintf(f, _("%1$s at %2$s, line %3$u: %4$s"), head, report_esc(x->file),
				x->line, explain);
		else if (x->cause_line != x->line)
			/* TRANSLATORS: %1$s a kind of diagnostic, %2$u the line that causes it, %3$u
			 * the line gcc names, %4$s what it means */
			fprintf(f, _("%1$s at line %2$u (gcc says line %3$u): %4$s"), head,
				x->cause_line, x->line, explain);
		else
			/* TRANSLATORS: %1$s a kind of diagnostic, %2$u its line, %3$s what it means */
			fprintf(f, _("%1$s at line %2$u: %3$s"), head, x->cause_line, explain);
		if (x->fix) {
			fputc(' ', f);
			fprintf(f, _("Fix: %s"), report_esc_prose(x->fix));
		}
		const struct catalog_entry *e = x->lesson ? catalog_find(x->lesson) : NULL;
		if (e)
			fprintf(f, " (`lesson --%s %s`)", e->kind == CATALOG_STAGE ? "stage" : "topic",
				e->name);
		fputc('\n', f);
	}
	if (dg->truncated)
		fprintf(f, "\n%s\n", _("gcc printed more messages than are explained here."));
	if (dg->n)
		fputc('\n', f);
}

static void report_stage(const struct walk *w, enum stage_id id, FILE *f)
{
	if (id == STAGE_LINK) {
		report_link(f, w);
		return;
	}
	if (id == STAGE_RUN) {
		report_run_write(f, w);
		return;
	}
	const struct stage_run *s = &w->stage[id];
	enum run_state st = walk_state(s);
	if (st == RUN_SKIPPED) {
		fprintf(f, _("Not reached: %s."), s->skip_reason);
		fputc('\n', f);
		return;
	}
	report_command_how(f, &s->proc, walk_run_describe(s));
	if (st == RUN_OK && id == STAGE_ASSEMBLE) {
		report_object(f, w, s);
		report_placements(f, w);
	}
	if (id == STAGE_ASSEMBLE && w->n_extra) {
		fputc('\n', f);
		fprintf(f, _("The program's other sources, each compiled straight to its object file "
			     "(`gcc -c` runs the first three stages in one command), to be linked with "
			     "`%s.o`:"), w->base);
		fputs("\n\n", f);
		for (size_t e = 0; e < w->n_extra; e++) {
			const struct walk_extra *x = &w->extra[e];
			if (walk_state(&x->cc) == RUN_SKIPPED) {
				fputs("- ", f);
				fprintf(f, _("%1$s: not reached: %2$s."), report_span(x->src_path),
					x->cc.skip_reason);
				fputc('\n', f);
				continue;
			}
			char *cmd = proc_argv_string(x->cc.proc.argv);
			fputs("- ", f);
			fprintf(f, ngettext("Also: %1$s: %2$s, %3$lld byte",
					    "Also: %1$s: %2$s, %3$lld bytes",
					    (unsigned long)x->cc.artifact_size), report_span(cmd),
				proc_describe(&x->cc.proc), x->cc.artifact_size);
			fputc('\n', f);
			free(cmd);
			if (x->cc.proc.err_len)
				report_code(f, "text", x->cc.proc.err, x->cc.proc.err_len);
		}
	} else if (st == RUN_OK && id != STAGE_ASSEMBLE) {
		/* (the .o is machine code and tables: report_object shows them as tools read them) */
		report_excerpt(f, w, s, id == STAGE_PREPROCESS, id == STAGE_PREPROCESS ? "c" : "asm");
	}
	report_messages(f, &s->proc);
	report_ccdiags(f, w, id);
	if (id == STAGE_PREPROCESS && st == RUN_OK)
		report_preprocess_facts(f, w);
	if (id == STAGE_COMPILE && (st == RUN_OK || st == RUN_FAILED))
		report_compile_facts(f, w);
}

int report_write_stage(const struct walk *w, enum stage_id id, FILE *f, int full)
{
	errno = 0;
	report_brief = !full;
	fputs("## ", f);
	fprintf(f, _("%1$s at the %2$s stage"), report_span(w->src_path), walk_stage_name(id));
	fputs("\n\n", f);
	report_stage(w, id, f);
	report_brief = 0;
	report_esc_free();
	fflush(f);
	return ferror(f) ? -1 : 0;
}

/* At the end of the report: the terms the stages' lessons use, defined, for a reader who has
 * the report and not lesson. */
static void report_glossary(FILE *f, const char *datadir)
{
	struct lesson l[STAGE_COUNT];
	const char *texts[STAGE_COUNT];
	size_t n = 0;
	for (int id = 0; id < STAGE_COUNT; id++) {
		char err[256];
		if (lesson_load(datadir, walk_stage_name((enum stage_id)id), &l[n], err,
				sizeof err) == 0) {
			texts[n] = l[n].text;
			n++;
		}
	}
	glossary_write_for(f, datadir, texts, n,
			   _("The terms that the lessons of the stages use, as `lesson --define "
			     "TERM` defines them."));
	for (size_t i = 0; i < n; i++)
		lesson_free(&l[i]);
}

int report_write(const struct walk *w, const char *datadir, FILE *f)
{
	return report_write_more(w, datadir, f, NULL);
}

int report_write_more(const struct walk *w, const char *datadir, FILE *f,
		      const struct report_more *more)
{
	errno = 0;
	fputs("# ", f);
	fprintf(f, _("%s through gcc's four stages"), report_span(w->src_path));
	fputs("\n\n", f);
	fprintf(f, _("Each command ran in a private directory, on this machine, just now; every "
		     "artifact is named after the source (%s)."), report_span(w->base));
	fputc('\n', f);
	if (w->not_c)
		fprintf(f, "\n%s\n", _("Its name does not end in `.c`, so gcc is told `-x c` to read "
				      "it as C all the same."));
	for (int id = 0; id < STAGE_COUNT; id++) {
		fprintf(f, "\n## %d. %s\n", id + 1, walk_stage_title((enum stage_id)id));
		report_summary(f, datadir, (enum stage_id)id);
		if (more && more->stage)
			more->stage(more->ctx, f, (enum stage_id)id);
		fputc('\n', f);
		report_stage(w, (enum stage_id)id, f);
	}
	report_compare_write(f, w);
	report_glossary(f, datadir);
	if (more && more->end)
		more->end(more->ctx, f);
	report_esc_free();
	fflush(f);
	return ferror(f) ? -1 : 0;
}
