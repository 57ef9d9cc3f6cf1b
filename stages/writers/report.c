/* report: the whole walkthrough as Markdown. See report.h. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <gelf.h>
#include "stages/symbols.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/styled.h"
#include "stages/files.h"
#include "stages/linkmsg.h"
#include "stages/writers/report.h"

#define REPORT_EXCERPT_LINES 24

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

/* Write text (len bytes) as a fenced code block with the info string lang. */
static void report_code(FILE *f, const char *lang, const char *text, size_t len)
{
	int fence = report_fence_len(text, len);
	fprintf(f, "\n%.*s%s\n", fence, "````````````````````````````````", lang);
	report_put(f, text, len, 0);
	if (len && text[len - 1] != '\n')
		fputc('\n', f);
	fprintf(f, "%.*s\n", fence, "````````````````````````````````");
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

/* A string from outside (a file name, a command line) on one line, as text. */
static void report_str(FILE *f, const char *s)
{
	report_put(f, s ? s : "?", s ? strlen(s) : 1, 1);
}

static void report_command(FILE *f, const struct proc_result *p)
{
	char *cmd = proc_argv_string(p->argv);
	fputs("- Command: `", f);
	report_str(f, cmd);
	fputs("`\n", f);
	free(cmd);
	fprintf(f, "- Result: %s, in %.1f ms\n", proc_describe(p), p->wall_ms);
}

/* What the learner can do about a failure with a known cause, if p had one. */
static void report_hint(FILE *f, const struct proc_result *p)
{
	const char *hint = walk_hint(p);
	if (hint)
		fprintf(f, "\nHint: %s.\n", hint);
}

/* gcc's messages, if it printed any, and a hint when the failure has a known cause. */
static void report_messages(FILE *f, const struct proc_result *p)
{
	if (p->err_len != 0) {
		fprintf(f, "\nWhat it printed on standard error:\n");
		report_code(f, "text", p->err, p->err_len);
		if (p->err_truncated)
			fprintf(f, "\n_Its messages were cut after %zu bytes._\n", p->err_len);
	}
	report_hint(f, p);
}

static void report_summary(FILE *f, const char *datadir, enum stage_id id)
{
	struct lesson l;
	char err[256];
	if (lesson_load(datadir, walk_stage_name(id), &l, err, sizeof err) < 0) {
		fprintf(f, "\n_The lesson for this stage is missing: %s._\n", err);
		return;
	}
	fprintf(f, "\n> %s\n>\n> Read the whole lesson: `lesson --stage %s`.\n", l.summary,
		walk_stage_name(id));
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
		fprintf(f, "\n_%s could not be read back: %s._\n", s->artifact, strerror(errno));
		return;
	}
	size_t lines = report_count_lines(text, len);
	fprintf(f, "- Artifact: `%s`, %lld bytes, %zu lines\n", s->artifact, s->artifact_size, lines);
	if (lines <= REPORT_EXCERPT_LINES) {
		fprintf(f, "\nThe whole of `%s`:\n", s->artifact);
		report_code(f, lang, text, len);
	} else if (tail) {
		size_t from = report_tail_start(text, len, REPORT_EXCERPT_LINES);
		fprintf(f, "\nThe last %d of its %zu lines:\n", REPORT_EXCERPT_LINES, lines);
		report_code(f, lang, text + from, len - from);
	} else {
		fprintf(f, "\nThe first %d of its %zu lines:\n", REPORT_EXCERPT_LINES, lines);
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
	fprintf(f, "\nIts symbols (what `nm` and `readelf -s` list; section and file symbols left "
		   "out):\n\n| symbol | binding | type | section | size | why it is there |\n"
		   "|---|---|---|---|--:|---|\n");
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *x = &sy->syms[i];
		char why[256];
		if (x->type == STT_SECTION || x->type == STT_FILE || !x->name[0])
			continue;
		fprintf(f, "| `%s` | %s | %s | %s | %llu ", x->name, symbols_bind_name(x->bind),
			symbols_type_name(x->type), x->section, x->size);
		report_cell(f, symbols_explain(x, why, sizeof why));
		fputs("|\n", f);
	}
	if (!sy->n_relocs)
		return;
	fprintf(f, "\nIts relocations (`readelf -r`): the places the linker must fill in.\n\n"
		   "| where | type | symbol + addend | what the linker does |\n|---|---|---|---|\n");
	for (size_t i = 0; i < sy->n_relocs; i++) {
		const struct symbols_reloc *r = &sy->relocs[i];
		const char *why = symbols_reloc_explain(sy->machine, r->type);
		/* the addend in hex, as objdump -dr and readelf -r print it */
		fprintf(f, "| `%s+0x%llx` | `%s` | `%s%s0x%llx` ", r->section, r->offset,
			symbols_reloc_type_name(sy->machine, r->type), r->symbol,
			r->addend < 0 ? "-" : "+", r->addend < 0 ? 0ull - (unsigned long long)r->addend :
			(unsigned long long)r->addend);
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
	fprintf(f, "\nWhere its lines come from, read from gcc's linemarkers (`# LINE \"FILE\" "
		   "FLAGS`): %zu of its %zu lines are linemarkers; of the other %zu, %zu are the "
		   "source's own and %zu come from headers.\n", pp->n_markers, pp->n_lines, text,
		own, text - own - pp->prelude_lines);
	int any = 0;
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		if (n->cmdline)
			continue;
		if (!any) {
			fprintf(f, "\nThe include tree, in the order gcc read the headers (as `gcc -H` "
				   "lists them):\n\n| header | included from | lines of its own | "
				   "with what it includes |\n|---|---|--:|--:|\n");
			any = 1;
		}
		const struct ppmap_node *up = n->parent >= 0 ? &pp->nodes[n->parent] : NULL;
		fputs("| ", f);
		for (int d = 1; d < n->depth; d++)
			fputs("· ", f);
		fputs("`", f);
		report_str(f, ppmap_file_name(pp, n->file));
		fprintf(f, "` | %s:%ld | %zu | %zu |\n",
			up ? report_base(ppmap_file_name(pp, up->file)) : "?", n->from_line,
			n->own_lines, n->total_lines);
	}
	for (size_t i = 1; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		if (n->depth == 1 && !n->cmdline)
			fprintf(f, "%s`%s` and what it includes: %zu of the %zu lines.\n",
				i == 1 || !any ? "\n" : "\n", report_base(ppmap_file_name(pp, n->file)),
				n->total_lines, text);
	}
	if (walk_state(&w->clang) != RUN_OK) {
		fprintf(f, "\n_Macros: not shown, libclang's facts are missing (%s)._\n",
			w->clang.skip_reason ? w->clang.skip_reason : "not parsed");
		return;
	}
	const struct cfacts *cf = &w->cf;
	if (cf->n_defs) {
		fprintf(f, "\nThe macros the source defines (libclang):\n\n| macro | kind | line |\n"
			   "|---|---|--:|\n");
		for (size_t i = 0; i < cf->n_defs; i++)
			fprintf(f, "| `%s` | %s | %u |\n", cf->defs[i].name,
				cf->defs[i].function_like ? "function-like" : "object-like",
				cf->defs[i].line);
	}
	if (cf->n_exps) {
		fprintf(f, "\nEach use of a macro (libclang), and what its line became in the .i:\n\n"
			   "| line | macro | defined in | the line in the .i |\n|--:|---|---|---|\n");
		for (size_t i = 0; i < cf->n_exps; i++) {
			const struct cfacts_macro_exp *x = &cf->exps[i];
			fprintf(f, "| %u | `%s` | ", x->line, x->name);
			switch (x->origin) {
			case CFACTS_MACRO_MAIN:
				fprintf(f, "line %u", x->def_line);
				break;
			case CFACTS_MACRO_HEADER:
				fprintf(f, "`%s`:%u", report_base(x->def_file), x->def_line);
				break;
			case CFACTS_MACRO_PREDEFINED:
				fputs("the compiler (predefined)", f);
				break;
			default:
				fputs("the preprocessor itself", f);
			}
			fputs(" | ", f);
			if (x->directive)
				fputs("_(a directive: nothing reaches the .i)_", f);
			else if (ppmap_main_count(pp, x->line) == 0)
				fputs("_(no line)_", f);
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
	if (off) {
		int first = 1;
		for (size_t l = 1; l <= n_src; l++) {
			if (!off[l] || (l > 1 && off[l - 1]))
				continue;
			size_t e = l;
			while (e + 1 <= n_src && off[e + 1])
				e++;
			fprintf(f, first ? "\nLines of the source a false `#if` left out of the .i: " :
				", ");
			fprintf(f, e > l ? "%zu-%zu" : "%zu", l, e);
			first = 0;
		}
		if (!first)
			fputs(".\n", f);
	}
	free(off);
	free(src);
}

/* What gcc did with each function and each call, and what libclang said about the source. */
static void report_compile_facts(FILE *f, const struct walk *w)
{
	enum run_state gs = walk_state(&w->gline);
	if (gs == RUN_OK || gs == RUN_FAILED) {
		char *cmd = proc_argv_string(w->gline.proc.argv);
		fputs("- Line table: `", f);
		report_str(f, cmd);
		fprintf(f, "` (the same code, with `.loc` lines naming the source line of each "
			   "instruction): %s\n", proc_describe(&w->gline.proc));
		free(cmd);
	}
	if (w->asmm_ok) {
		const struct asmmap *m = &w->asmm;
		fprintf(f, "\nIts %zu lines by kind: %zu instructions, %zu labels, %zu data, %zu "
			   "symbol and %zu section directives, %zu of call frame information; with "
			   "-g also %zu of line table and %zu of debug information.\n", m->n_lines,
			m->n_kind[ASMMAP_INSN], m->n_kind[ASMMAP_LABEL], m->n_kind[ASMMAP_DATA],
			m->n_kind[ASMMAP_SYMBOL], m->n_kind[ASMMAP_SECTION], m->n_kind[ASMMAP_CFI],
			m->n_kind[ASMMAP_LOC], m->n_kind[ASMMAP_DEBUG]);
	}
	if (walk_state(&w->clang) != RUN_OK) {
		fprintf(f, "\n_Functions and calls: not shown, libclang's facts are missing (%s)._\n",
			w->clang.skip_reason ? w->clang.skip_reason : "not parsed");
		return;
	}
	const struct cfacts *cf = &w->cf;
	if (walk_fates_ready(w)) {
		const struct fates *ft = &w->fates;
		if (ft->n_funcs) {
			fprintf(f, "\nEach function (libclang) and what gcc did with it (the .s):\n\n"
				   "| function | line | linkage | storage | inline | what gcc did | why |\n"
				   "|---|--:|---|---|---|---|---|\n");
			for (size_t i = 0; i < ft->n_funcs; i++) {
				const struct fates_func *x = &ft->funcs[i];
				fprintf(f, "| `%s` | %u | %s | %s | %s | %s%s%s ", x->cf->name,
					x->cf->line, cfacts_linkage_name(x->cf->linkage),
					cfacts_storage_name(x->cf->storage), x->cf->inlined ? "yes" : "no",
					fates_func_name(x->kind), x->section ? " in " : "",
					x->section ? x->section : "");
				report_cell(f, x->why);
				fputs("|\n", f);
			}
		}
		if (ft->n_calls) {
			fprintf(f, "\nEach call in the source (libclang) and what the .s does: %zu "
				   "rewritten by gcc, %zu inlined.\n\n| line | call | in | what gcc "
				   "did | why |\n|--:|---|---|---|---|\n", ft->n_rewritten,
				ft->n_inlined);
			for (size_t i = 0; i < ft->n_calls; i++) {
				const struct fates_call *x = &ft->calls[i];
				fprintf(f, "| %u | `%s` | `%s` | %s%s%s%s ", x->cf->line,
					x->cf->callee ? x->cf->callee : "(pointer)",
					x->cf->caller ? x->cf->caller : "?", fates_call_name(x->kind),
					x->now ? " to `" : "", x->now ? x->now : "", x->now ? "`" : "");
				report_cell(f, x->why);
				fputs("|\n", f);
			}
		}
	}
	if (cf->n_diags) {
		fprintf(f, "\nWhat libclang says about the source (its own diagnostics, beside gcc's):"
			   "\n\n| where | severity | message | fix-it |\n|---|---|---|---|\n");
		for (size_t i = 0; i < cf->n_diags; i++) {
			const struct cfacts_diag *d = &cf->diags[i];
			fprintf(f, "| %s:%u:%u | %s ", d->in_main ? report_base(w->src_path) :
				report_base(d->file), d->line, d->col, cfacts_severity_name(d->severity));
			report_cell(f, d->message ? d->message : "");
			char fix[256] = "";
			if (d->n_fixits)
				snprintf(fix, sizeof fix, "line %u:%u: %s%s%s", d->fixits[0].line,
					 d->fixits[0].col, *d->fixits[0].text ? "insert or replace with '" :
					 "delete", d->fixits[0].text, *d->fixits[0].text ? "'" : "");
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
				fprintf(f, "\nWhere each declaration landed: libclang's prediction from "
					   "the source, beside the section the .o really has it in.\n\n"
					   "| declaration | line | predicted | in the .o | why |\n"
					   "|---|--:|---|---|---|\n");
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
			fprintf(f, "| `%s` | %u | %s | %s ", name, line, want,
				real ? real : "(no symbol)");
			report_cell(f, pl->reason ? pl->reason : "");
			fputs("|\n", f);
		}
	}
}

/* What the linker said, explained: each message it printed that lesson knows, where in the
 * source it comes from (libclang), what it means, the fix and the lesson. The engine parsed
 * them once (walk.h: msgs). */
static void report_linkmsgs(FILE *f, const struct link_variant *v)
{
	if (!walk_msgs_ready(v))
		return;
	const struct linkmsg *m = &v->msgs;
	if (m->n)
		fprintf(f, "\nWhat its messages mean:\n\n");
	for (size_t i = 0; i < m->n; i++) {
		const struct linkmsg_item *x = &m->items[i];
		fprintf(f, "- **%s**%s%s%s", linkmsg_kind_label(x->kind), x->symbol ? " `" : "",
			x->symbol ? x->symbol : "", x->symbol ? "`" : "");
		for (size_t k = 0; k < x->n_where; k++)
			fprintf(f, "%s line %u:%u%s%s", k ? "," : " at", x->where[k].line, x->where[k].col,
				x->where[k].caller ? " in " : "", x->where[k].caller ? x->where[k].caller : "");
		fputs(": ", f);
		report_prose(f, x->explain ? x->explain : "", x->explain ? strlen(x->explain) : 0);
		if (x->fix) {
			fputs(" Fix: ", f);
			report_prose(f, x->fix, strlen(x->fix));
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
	fprintf(f, "- Artifact: `%s`, %lld bytes\n", s->artifact, s->artifact_size);
	if (!w->obj_elf_ok)
		return;
	fprintf(f, "- ELF type: %s\n\nIts sections (flags: A allocated at run time, W writable, "
		   "X executable):\n\n| section | size (bytes) | flags |\n|---|--:|---|\n",
		elfinfo_kind_label(&w->obj_elf));
	for (size_t i = 0; i < w->obj_elf.n_sections; i++) {
		const struct elfinfo_section *sec = &w->obj_elf.sections[i];
		char fl[ELFINFO_FLAGS_MAX];
		elfinfo_section_flags(sec->flags, ELFINFO_FLAGS_AWX, fl);
		fprintf(f, "| `%s` | %llu | %s |\n", sec->name, sec->size, fl[0] ? fl : "-");
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
		fprintf(f, "\n`%s` (%s):\n", cmd ? cmd : "?", proc_describe(p));
		free(cmd);
		if (p->kind == PROC_SPAWN_FAILED)
			fprintf(f, "\n_It is part of binutils: apt-get install binutils._\n");
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
		fprintf(f, "%*s- `%s(%s)` for `%s`, %llu bytes", (int)rows[r].depth * 2, "",
			slash ? slash + 1 : x->archive, x->member, x->symbol,
			size >= 0 ? (unsigned long long)size : 0ULL);
		if (rows[r].depth == 0 && *by)
			fprintf(f, ", needed by %s", by);
		fputc('\n', f);
	}
	free(rows);
}

/* Who resolved the object's undefined symbols in this variant. */
static void report_resolved(FILE *f, const struct walk *w, const struct link_variant *v)
{
	if (v->resolved_ok && v->resolved.n) {
		fprintf(f, "\nWho resolves each undefined symbol of `%s.o`: %sthe first library, in "
			   "the loader's order (`ldd`), whose dynamic symbol table defines it, at run "
			   "time:\n\n| symbol | library | version |\n|---|---|---|\n", w->base,
			w->n_extra ? "the program's other objects, at link time; otherwise " : "");
		for (size_t i = 0; i < v->resolved.n; i++) {
			const struct resolve_binding *b = &v->resolved.bindings[i];
			const char *obj = b->lib < 0 ? walk_extra_defines(w, b->symbol) : NULL;
			char in[300];
			if (obj)
				snprintf(in, sizeof in, "`%s`, linked into the program", obj);
			const char *why = b->lib < 0 && !obj ? walk_unresolved_why(w, b->symbol) :
				NULL;
			fprintf(f, "| `%s` | %s | %s |\n", b->symbol,
				b->lib >= 0 ? v->libs.libs[b->lib].name : obj ? in : why ? why :
				"**none**", b->version ? b->version : "—");
		}
	}
	if (!v->map_ok || !v->map.n_members)
		return;
	unsigned long long total = linkmap_members_size(&v->map);
	fprintf(f, "\nWhat the linker copied in from archives (from its map, `-Wl,-Map`): %zu "
		   "members, %llu bytes of code and data (`.bss` included, which takes memory when the "
		   "program runs but no room in the file). Each member was taken for one symbol that "
		   "something before it needed; indented under the member that needed it:\n\n",
		v->map.n_members, total);
	report_members(f, w, &v->map);
}

/* The run alone in an empty root directory. */
static void report_empty_root(FILE *f, const struct link_variant *v)
{
	if (!v->empty_root_ran) {
		fprintf(f, "\nIn an empty root directory: not tried: %s.\n",
			v->empty_root_note ? v->empty_root_note : "?");
		return;
	}
	char *cmd = proc_argv_string(v->empty_root.argv);
	fprintf(f, "\nAlone in an empty root directory, `%s` ran for %.1f ms: %s", cmd ? cmd : "?",
		v->empty_root.wall_ms, proc_describe(&v->empty_root));
	free(cmd);
	if (!v->empty_root.out_len && !v->empty_root.err_len) {
		fprintf(f, " and printed nothing.\n");
		return;
	}
	fprintf(f, ". It printed:\n");
	if (v->empty_root.out_len)
		report_code(f, "text", v->empty_root.out, v->empty_root.out_len);
	if (v->empty_root.err_len)
		report_code(f, "text", v->empty_root.err, v->empty_root.err_len);
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
	const char *rows[] = { "command", "result", "size (bytes)", "ELF type", "interpreter",
			       "NEEDED", "program ended", "in an empty root" };
	for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
		fprintf(f, "| %s ", rows[r]);
		for (int k = 0; k < LINK_COUNT; k++) {
			const struct link_variant *v = &w->variant[k];
			int ok = walk_state(&v->link) == RUN_OK;
			char *cmd = NULL;
			buf[0] = '\0';
			switch (r) {
			case 0:
				cmd = v->link.proc.argv ? proc_argv_string(v->link.proc.argv) : NULL;
				snprintf(buf, sizeof buf, "`%s`", cmd ? cmd : "not run");
				free(cmd);
				break;
			case 1:
				snprintf(buf, sizeof buf, "%s", walk_state(&v->link) == RUN_SKIPPED
					 ? "not reached" : proc_describe(&v->link.proc));
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
					snprintf(buf, sizeof buf, "%s", v->elf.interp ? v->elf.interp : "none");
				break;
			case 5:
				if (ok && v->elf_ok) {
					size_t used = 0;
					for (size_t i = 0; i < v->elf.n_needed && used < sizeof buf; i++)
						used += (size_t)snprintf(buf + used, sizeof buf - used,
									 "%s%s", i ? ", " : "", v->elf.needed[i]);
					if (!v->elf.n_needed)
						snprintf(buf, sizeof buf, "none");
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
					snprintf(buf, sizeof buf, "not tried");
				break;
			}
			report_cell(f, buf[0] ? buf : "—");
		}
		fprintf(f, "|\n");
	}

	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		const char *name = walk_link_name((enum link_kind)k);
		enum run_state st = walk_state(&v->link);
		fprintf(f, "\n### The %s link\n\n", name);
		if (st == RUN_SKIPPED) {
			fprintf(f, "Not reached: %s.\n", v->link.skip_reason);
			continue;
		}
		report_command(f, &v->link.proc);
		report_messages(f, &v->link.proc);
		report_linkmsgs(f, v);
		if (st != RUN_OK)
			continue;
		char *ldd = proc_argv_string(v->ldd.argv);
		fputs("\n`", f);
		report_str(f, ldd ? ldd : "ldd");
		fprintf(f, "` (%s)%s\n", proc_describe(&v->ldd),
			v->ldd.kind == PROC_SPAWN_FAILED ? "." : " printed:");
		free(ldd);
		report_hint(f, &v->ldd);
		/* ldd reports a static program on stderr; show both streams as it printed them */
		if (v->ldd.out_len)
			report_code(f, "text", v->ldd.out, v->ldd.out_len);
		if (v->ldd.err_len)
			report_code(f, "text", v->ldd.err, v->ldd.err_len);
		char *run = proc_argv_string(v->run.argv);
		fputs("\n`", f);
		report_str(f, run);
		fprintf(f, "` (stdin from /dev/null) ran for %.1f ms: %s", v->run.wall_ms,
			proc_describe(&v->run));
		free(run);
		if (!v->run.out_len && !v->run.err_len)
			fprintf(f, " and printed nothing.\n");
		else
			fprintf(f, ". It printed:\n");
		if (v->run.out_len)
			report_code(f, "text", v->run.out, v->run.out_len);
		if (v->run.err_len) {
			fprintf(f, "\nand on standard error:\n");
			report_code(f, "text", v->run.err, v->run.err_len);
		}
		if (v->run.out_truncated)
			fprintf(f, "\n_Its output was cut after %zu bytes._\n", v->run.out_len);
		if (v->run.err_truncated)
			fprintf(f, "\n_What it wrote on standard error was cut after %zu bytes._\n",
				v->run.err_len);
		report_empty_root(f, v);
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
	fprintf(f, "- %s: `", what);
	report_str(f, cmd ? cmd : "");
	fprintf(f, "`: %s", proc_describe(p));
	if (size >= 0)
		fprintf(f, ", %lld bytes", size);
	fputc('\n', f);
	free(cmd);
	if (p->err_len)
		report_code(f, "text", p->err, p->err_len);
}

/* What one program asked of the loader and how it ran, under one environment. */
static void report_lib_load(FILE *f, const struct libbuild *lb, const struct libbuild_load *l)
{
	char env[PATH_MAX + 64];
	snprintf(env, sizeof env, "%s%s", l->ld_library_path ? "with LD_LIBRARY_PATH=" :
		 "without LD_LIBRARY_PATH", l->ld_library_path ? l->ld_library_path : "");
	if (l->ldd.argv) {
		char *cmd = proc_argv_string(l->ldd.argv);
		fputs("\n`", f);
		report_str(f, cmd ? cmd : "ldd");
		fputs("`, ", f);
		report_str(f, env);
		fprintf(f, " (%s), printed:\n", proc_describe(&l->ldd));
		free(cmd);
		if (l->ldd.out_len)
			report_code(f, "text", l->ldd.out, l->ldd.out_len);
		if (l->ldd.err_len)
			report_code(f, "text", l->ldd.err, l->ldd.err_len);
	}
	const struct libbuild_lookup *lk = libbuild_lookup(lb, l);
	if (lk) {
		fputs("\nThe loader looked for `", f);
		report_str(f, lk->name);
		if (lk->path) {
			fputs("` and found it through ", f);
			report_str(f, libbuild_via_name(lk->via));
			fputs(": `", f);
			report_str(f, lk->path);
			fputs("`.\n", f);
		} else {
			fprintf(f, "` and did not find it (%zu files tried).\n", lk->n_tried);
		}
	}
	if (l->run.argv) {
		char *cmd = proc_argv_string(l->run.argv);
		fputs("\n`", f);
		report_str(f, cmd ? cmd : "");
		fputs("` ", f);
		report_str(f, env);
		fprintf(f, ": %s%s\n", proc_describe(&l->run),
			l->run.out_len || l->run.err_len ? ". It printed:" : ", and printed nothing.");
		free(cmd);
		if (l->run.out_len)
			report_code(f, "text", l->run.out, l->run.out_len);
		if (l->run.err_len)
			report_code(f, "text", l->run.err, l->run.err_len);
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
	fprintf(f, "\n### The other sources as a library\n\n");
	if (st == RUN_SKIPPED) {
		fprintf(f, "Not reached: %s.\n", w->lib_run.skip_reason);
		return;
	}
	fprintf(f, "The program's other sources, built into a static archive and a shared "
		   "library, and `%s.o` linked against each:\n\n", w->base);
	for (size_t i = 0; i < lb->n_objs; i++)
		report_lib_step(f, "compiled as position-independent code", &lb->objs[i].cc, -1);
	report_lib_step(f, "the static archive", &lb->ar, lb->archive_size);
	report_lib_step(f, "the shared library", &lb->so, lb->shared_size);
	if (st == RUN_FAILED && lb->error[0]) {
		fputs("\n", f);
		report_prose(f, lb->error, strlen(lb->error));
		fputs(".\n", f);
	}
	char buf[4096];
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		const struct libbuild_prog *p = &lb->prog[k];
		if (!p->link.argv)
			continue;
		fputs("\n#### `", f);
		report_str(f, p->name ? p->name : libbuild_kind_name((enum libbuild_kind)k));
		fputs("`\n\n", f);
		report_command(f, &p->link);
		report_messages(f, &p->link);
		if (p->linked)
			fprintf(f, "\n%lld bytes.", p->size);
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
			if (i == 0)
				fputs("\n| symbol of the library | defined in | in the program |\n"
				      "|---|---|---|\n", f);
			const struct libbuild_fate *ft = &p->fates[i];
			char cell[256];
			report_cell(f, lb->syms[i].name);
			report_cell(f, lb->syms[i].obj);
			snprintf(cell, sizeof cell, "%s%s%s", libbuild_place_name(ft->place),
				 ft->section ? " in " : "", ft->section ? ft->section : "");
			report_cell(f, cell);
			fputs("|\n", f);
		}
		for (size_t i = 0; p->linked && i < p->n_load; i++)
			report_lib_load(f, lb, &p->load[i]);
	}
}

/* One stage's section: its command, result, artifact and messages. */
static void report_stage(const struct walk *w, enum stage_id id, FILE *f)
{
	if (id == STAGE_LINK) {
		report_link(f, w);
		return;
	}
	const struct stage_run *s = &w->stage[id];
	enum run_state st = walk_state(s);
	if (st == RUN_SKIPPED) {
		fprintf(f, "Not reached: %s.\n", s->skip_reason);
		return;
	}
	report_command(f, &s->proc);
	if (st == RUN_OK && id == STAGE_ASSEMBLE) {
		report_object(f, w, s);
		report_placements(f, w);
	}
	if (id == STAGE_ASSEMBLE && w->n_extra) {
		fprintf(f, "\nThe program's other sources, each compiled straight to its object file "
			   "(`gcc -c` runs the first three stages in one command), to be linked with `%s.o`:\n\n",
			w->base);
		for (size_t e = 0; e < w->n_extra; e++) {
			const struct walk_extra *x = &w->extra[e];
			if (walk_state(&x->cc) == RUN_SKIPPED) {
				fputs("- `", f);
				report_str(f, x->src_path);
				fprintf(f, "`: not reached: %s.\n", x->cc.skip_reason);
				continue;
			}
			char *cmd = proc_argv_string(x->cc.proc.argv);
			fputs("- Also: `", f);
			report_str(f, cmd);
			fprintf(f, "`: %s, %lld bytes\n", proc_describe(&x->cc.proc),
				x->cc.artifact_size);
			free(cmd);
			if (x->cc.proc.err_len)
				report_code(f, "text", x->cc.proc.err, x->cc.proc.err_len);
		}
	} else if (st == RUN_OK && id != STAGE_ASSEMBLE) {
		/* (the .o is machine code and tables: report_object shows them as tools read them) */
		report_excerpt(f, w, s, id == STAGE_PREPROCESS, id == STAGE_PREPROCESS ? "c" : "asm");
	}
	report_messages(f, &s->proc);
	if (id == STAGE_PREPROCESS && st == RUN_OK)
		report_preprocess_facts(f, w);
	if (id == STAGE_COMPILE && (st == RUN_OK || st == RUN_FAILED))
		report_compile_facts(f, w);
}

int report_write_stage(const struct walk *w, enum stage_id id, FILE *f)
{
	errno = 0;
	fputs("## `", f);
	report_str(f, w->src_path);
	fprintf(f, "` at the %s stage\n\n", walk_stage_name(id));
	report_stage(w, id, f);
	fflush(f);
	return ferror(f) ? -1 : 0;
}

int report_write(const struct walk *w, const char *datadir, FILE *f)
{
	errno = 0;
	fputs("# `", f);
	report_str(f, w->src_path);
	fputs("` through gcc's four stages\n\n", f);
	fprintf(f, "Each command ran in a private directory, on this machine, just now; every "
		   "artifact is named after the source (`%s`).\n", w->base);
	if (w->not_c)
		fprintf(f, "\nIts name does not end in `.c`, so gcc is told `-x c` to read it as C "
			   "all the same.\n");
	for (int id = 0; id < STAGE_COUNT; id++) {
		fprintf(f, "\n## %d. %s\n", id + 1, walk_stage_title((enum stage_id)id));
		report_summary(f, datadir, (enum stage_id)id);
		fputc('\n', f);
		report_stage(w, (enum stage_id)id, f);
	}
	fflush(f);
	return ferror(f) ? -1 : 0;
}
