/* check_lesson: the styled-line model and the lesson loader and renderer.
 *
 * The stage lessons are read from $CSTAGES_DATADIR (make check sets it to the source tree;
 * "." otherwise). Expectations are computed from the inputs (word widths, the lesson's own
 * CommonMark parsed here with libcmark), never typed in.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <check.h>
#include <cmark.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lessons/lesson.h"
#include "lessons/styled.h"

static const char *const stage_lessons[] = { "preprocess", "compile", "assemble", "link", "run" };
#define N_STAGES (int)(sizeof stage_lessons / sizeof stage_lessons[0])
static const int widths[] = { 40, 80, 200 };
#define N_WIDTHS (int)(sizeof widths / sizeof widths[0])
/* Layouts differ with the codeset (bars and bullets), so both are checked. */
static const char *const locales[] = { "C", "C.UTF-8" };
#define N_LOCALES (int)(sizeof locales / sizeof locales[0])

static const char *datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");

	return d != NULL && *d != '\0' ? d : ".";
}

static int line_width(const struct sty_line *l)
{
	int w = l->indent;
	size_t i;

	for (i = 0; i < l->n; i++)
		w += sty_width(l->spans[i].text, strlen(l->spans[i].text));
	return w;
}

static int line_has_role(const struct sty_line *l, enum sty_role role)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->spans[i].role == role)
			return 1;
	return 0;
}

/* Is text, whole, the rest of some line of src after only blanks or block-quote and list
 * prefixes? That is what an unmodified code line (or table row) looks like. */
static int is_source_line(const char *src, const char *text)
{
	size_t n = strlen(text);
	const char *p, *q;

	for (p = strstr(src, text); p != NULL; p = strstr(p + 1, text)) {
		if (p[n] != '\n' && p[n] != '\0')
			continue;
		for (q = p; q > src && q[-1] != '\n'; q--)
			if (strchr(" \t>", q[-1]) == NULL)
				break;
		if (q == src || q[-1] == '\n')
			return 1;
	}
	return 0;
}

/* The first heading's text, found with libcmark here rather than through lesson.c. */
static char *first_heading(const char *src)
{
	cmark_node *doc = cmark_parse_document(src, strlen(src), CMARK_OPT_DEFAULT), *h = NULL, *n;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	char *out = calloc(1, strlen(src) + 1);
	size_t len = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && h == NULL) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING)
			h = n;
	}
	cmark_iter_free(it);
	if (h != NULL) {
		it = cmark_iter_new(h);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			const char *lit = NULL;
			n = cmark_iter_get_node(it);
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (cmark_node_get_type(n) == CMARK_NODE_TEXT ||
			    cmark_node_get_type(n) == CMARK_NODE_CODE)
				lit = cmark_node_get_literal(n);
			else if (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK)
				lit = " ";
			if (lit != NULL) {
				strcpy(out + len, lit);
				len += strlen(lit);
			}
		}
		cmark_iter_free(it);
	}
	cmark_node_free(doc);
	return out;
}

static char *doc_to_string(const struct sty_doc *d, int ansi)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	sty_print(d, f, ansi);
	fclose(f);
	return buf;
}

/* ---- styled ---- */

START_TEST(test_width)
{
	ck_assert_int_eq(sty_width("hello", 5), 5);
	ck_assert_int_eq(sty_width("hello", 3), 3);
	ck_assert_int_eq(sty_width("", 0), 0);
	/* Not valid UTF-8: one column per byte, whatever the locale. */
	ck_assert_int_eq(sty_width("\xff\xfe", 2), 2);
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) {
		ck_assert_int_eq(sty_width("h\xc3\xa9llo", 6), 5);             /* é */
		ck_assert_int_eq(sty_width("\xe2\x94\x82", 3), 1);             /* │ */
		ck_assert_int_eq(sty_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4); /* two wide CJK */
	}
}
END_TEST

/* Greedy filling computed from the words themselves. */
static int expected_lines(const char *text, int width, int indent)
{
	char *copy = strdup(text), *save = NULL, *w;
	int lines = 1, col = 0, avail = width - indent, ww;

	for (w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		ww = sty_width(w, strlen(w));
		ck_assert_int_le(ww, avail); /* the test text has no over-long word */
		if (col > 0 && col + 1 + ww > avail) {
			lines++;
			col = 0;
		}
		col += (col > 0) + ww;
	}
	free(copy);
	return lines;
}

static const char wrap_text[] =
    "The linker resolves every undefined symbol, lays out the sections at their final "
    "addresses and applies the relocations that the assembler left behind for it";

START_TEST(test_wrap_count)
{
	static const int ws[] = { 20, 33, 47, 80 };
	int width = ws[_i % 4], indent = _i / 4 * 3;
	struct sty_doc d = { 0 };
	size_t i, j;
	char *joined = calloc(1, sizeof wrap_text + 1);

	sty_add_wrapped(&d, ROLE_TEXT, wrap_text, width, indent);
	ck_assert_uint_eq(d.n, (size_t)expected_lines(wrap_text, width, indent));
	for (i = 0; i < d.n; i++) {
		ck_assert_int_le(line_width(&d.lines[i]), width);
		ck_assert_int_eq(d.lines[i].indent, indent);
		for (j = 0; j < d.lines[i].n; j++) {
			ck_assert_int_eq(d.lines[i].spans[j].role, ROLE_TEXT);
			if (*joined != '\0')
				strcat(joined, " ");
			strcat(joined, d.lines[i].spans[j].text);
		}
	}
	/* Nothing lost, nothing added: the words come back in order. */
	ck_assert_str_eq(joined, wrap_text);
	free(joined);
	sty_doc_free(&d);
}
END_TEST

START_TEST(test_wrap_long_word_and_newlines)
{
	struct sty_doc d = { 0 };
	char word[51];
	size_t i, total = 0;
	int width = 20, indent = 4, avail = width - indent;

	memset(word, 'x', 50);
	word[50] = '\0';
	sty_add_wrapped(&d, ROLE_DIM, word, width, indent);
	ck_assert_uint_eq(d.n, (size_t)((50 + avail - 1) / avail));
	for (i = 0; i < d.n; i++) {
		ck_assert_int_le(line_width(&d.lines[i]), width);
		total += strlen(d.lines[i].spans[0].text);
	}
	ck_assert_uint_eq(total, 50);
	sty_doc_free(&d);

	sty_add_wrapped(&d, ROLE_TEXT, "one\ntwo\n\nfour", 80, 0);
	ck_assert_uint_eq(d.n, 4);
	ck_assert_str_eq(d.lines[1].spans[0].text, "two");
	ck_assert_uint_eq(d.lines[2].n, 0);
	sty_doc_free(&d);
}
END_TEST

START_TEST(test_print_plain_and_ansi)
{
	struct sty_doc d = { 0 };
	struct sty_line *l;
	char *plain, *ansi;
	int r;

	l = sty_newline(&d);
	l->indent = 2;
	for (r = 0; r < ROLE_COUNT; r++)
		sty_add(l, (enum sty_role)r, "ab", (size_t)-1);
	sty_newline(&d);
	l = sty_newline(&d);
	sty_add(l, ROLE_ERROR, "error: x", 6);

	plain = doc_to_string(&d, 0);
	ck_assert_ptr_null(strchr(plain, '\033'));
	/* plain text is exactly the indent and the spans */
	ck_assert_uint_eq(strlen(plain), 2 + 2 * (size_t)ROLE_COUNT + 1 + 1 + 6 + 1);
	ck_assert_ptr_nonnull(strstr(plain, "\n\nerror:\n"));

	ansi = doc_to_string(&d, 1);
	ck_assert_ptr_nonnull(strchr(ansi, '\033'));
	/* every line ends with a reset */
	ck_assert_ptr_nonnull(strstr(ansi, "\033[0m\n\033[0m\n"));
	ck_assert_uint_eq(strlen(ansi) - strlen("\033[0m\n"), (size_t)(strrchr(ansi, '\033') - ansi));
	free(plain);
	free(ansi);
	sty_doc_free(&d);
}
END_TEST

/* ---- lesson ---- */

START_TEST(test_stage_lessons_load)
{
	struct lesson l;
	char err[512] = "", *heading;

	ck_assert_msg(lesson_load(datadir(), stage_lessons[_i], &l, err, sizeof err) == 0,
	    "%s: %s", stage_lessons[_i], err);
	ck_assert_str_eq(l.name, stage_lessons[_i]);
	ck_assert_ptr_nonnull(strstr(l.path, stage_lessons[_i]));
	ck_assert_ptr_nonnull(l.title);
	ck_assert_ptr_nonnull(l.summary);
	ck_assert_uint_gt(strlen(l.title), 0);
	ck_assert_uint_gt(strlen(l.summary), 0);
	ck_assert_ptr_null(strchr(l.summary, '\n'));
	ck_assert_ptr_null(strstr(l.summary, "  "));
	heading = first_heading(l.text);
	ck_assert_str_eq(l.title, heading);
	free(heading);
	lesson_free(&l);
}
END_TEST

/* _i runs over lesson x width x locale. */
START_TEST(test_stage_lessons_render)
{
	const char *name = stage_lessons[_i % N_STAGES];
	int width = widths[_i / N_STAGES % N_WIDTHS];
	const char *loc = locales[_i / N_STAGES / N_WIDTHS];
	struct lesson l;
	struct sty_doc d = { 0 };
	char err[512] = "";
	size_t i, j, code_lines = 0, code_spans = 0;

	if (setlocale(LC_ALL, loc) == NULL)
		return; /* that locale is not installed here */
	ck_assert_msg(lesson_load(datadir(), name, &l, err, sizeof err) == 0, "%s", err);
	lesson_render(&l, width, &d);
	ck_assert_uint_gt(d.n, 0);
	for (i = 0; i < d.n; i++) {
		const struct sty_line *ln = &d.lines[i];
		for (j = 0; j < ln->n; j++) {
			const struct sty_span *sp = &ln->spans[j];
			if (sp->role == ROLE_CODEBLOCK) {
				ck_assert_msg(is_source_line(l.text, sp->text),
				    "%s: code line \"%s\" is not a source line", name, sp->text);
				code_lines++;
			} else if (sp->role == ROLE_CODE) {
				ck_assert_msg(strstr(l.text, sp->text) != NULL,
				    "%s: code \"%s\" is not in the source", name, sp->text);
				code_spans++;
			}
		}
		if (!line_has_role(ln, ROLE_CODEBLOCK))
			ck_assert_msg(line_width(ln) <= width, "%s at %d: line %zu is %d wide",
			    name, width, i, line_width(ln));
	}
	/* every stage lesson shows its command in a code block and names things in code */
	ck_assert_uint_gt(code_lines, 0);
	ck_assert_uint_gt(code_spans, 0);
	sty_doc_free(&d);
	lesson_free(&l);
}
END_TEST

START_TEST(test_bad_names)
{
	static const char *const bad[] = { "../etc/passwd", "nosuch", "", "Link", "link.md", "a/b" };
	struct lesson l;
	char err[512];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		ck_assert_int_eq(lesson_load(datadir(), bad[i], &l, err, sizeof err), -1);
		ck_assert_msg(strstr(err, "no lesson named") != NULL, "%s: \"%s\"", bad[i], err);
		ck_assert_ptr_null(l.text);
		ck_assert_ptr_null(l.title);
	}
}
END_TEST

/* A scratch data directory with one lesson, for the layout rules. */
static char scratch[4096];

static void scratch_lesson(const char *name, const char *text)
{
	const char *tmp = getenv("TMPDIR");
	char path[4200];
	FILE *f;

	snprintf(scratch, sizeof scratch, "%s/check_lesson.XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(scratch));
	snprintf(path, sizeof path, "%s/lessons", scratch);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/lessons/%s.md", scratch, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void scratch_remove(const char *name)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/lessons/%s.md", scratch, name);
	unlink(path);
	snprintf(path, sizeof path, "%s/lessons", scratch);
	rmdir(path);
	rmdir(scratch);
}

static const char layout_md[] =
    "<!-- a note for authors -->\n"
    "# The `ld` *linker*\n"
    "\n"
    "First paragraph,\n"
    "on two lines.\n"
    "\n"
    "## Lists\n"
    "\n"
    "- outer item\n"
    "  - inner item\n"
    "- see [the manual](https://example.org/ld) or <https://example.org/x>\n"
    "\n"
    "3. three\n"
    "4. four\n"
    "\n"
    "> quoted text\n"
    "\n"
    "```\n"
    "gcc -static hello.o -o hello-static\n"
    "```\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n"
    "| 1 | 2 |\n"
    "\n"
    "---\n";

/* Find the first line whose text (all spans) contains s. */
static const struct sty_line *find_line(const struct sty_doc *d, const char *s, char *buf, size_t len)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		buf[0] = '\0';
		for (j = 0; j < d->lines[i].n; j++)
			strncat(buf, d->lines[i].spans[j].text, len - strlen(buf) - 1);
		if (strstr(buf, s) != NULL)
			return &d->lines[i];
	}
	return NULL;
}

START_TEST(test_layout_rules)
{
	struct lesson l;
	struct sty_doc d = { 0 };
	const struct sty_line *ln, *ln2;
	char err[512] = "", buf[512];
	size_t j;
	int found;

	setlocale(LC_ALL, "C");
	scratch_lesson("layout", layout_md);
	ck_assert_msg(lesson_load(scratch, "layout", &l, err, sizeof err) == 0, "%s", err);
	ck_assert_str_eq(l.title, "The ld linker");
	ck_assert_str_eq(l.summary, "First paragraph, on two lines.");
	lesson_render(&l, 60, &d);

	/* the comment is not shown, and the document starts with its title */
	ck_assert_ptr_null(find_line(&d, "note for authors", buf, sizeof buf));
	ck_assert_uint_gt(d.lines[0].n, 0);
	ck_assert_int_eq(d.lines[0].spans[0].role, ROLE_HEADING);

	/* nested items hang further in than their parents */
	ln = find_line(&d, "outer item", buf, sizeof buf);
	ln2 = find_line(&d, "inner item", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ck_assert_ptr_nonnull(ln2);
	ck_assert_int_eq(ln->spans[0].role, ROLE_BULLET);
	ck_assert_int_gt(ln2->indent, ln->indent);

	/* a link shows its address, dimmed, unless the text is the address */
	ln = find_line(&d, "the manual", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ck_assert_ptr_nonnull(strstr(buf, "the manual (https://example.org/ld)"));
	ck_assert_ptr_null(strstr(buf, "(https://example.org/x)"));
	for (found = 0, j = 0; j < ln->n; j++)
		found |= ln->spans[j].role == ROLE_DIM && strstr(ln->spans[j].text, "example.org/ld");
	ck_assert(found);

	/* ordered lists keep their start number */
	ck_assert_ptr_nonnull(find_line(&d, "3. three", buf, sizeof buf));
	ck_assert_ptr_nonnull(find_line(&d, "4. four", buf, sizeof buf));

	/* quotes get a bar, ASCII in the C locale */
	ln = find_line(&d, "quoted text", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ck_assert_int_eq(ln->spans[0].role, ROLE_QUOTE);
	ck_assert_str_eq(ln->spans[0].text, ">");

	/* code blocks are indented by two; a pipe table is laid out in columns, its header
	 * strong, its delimiter row gone */
	ln = find_line(&d, "gcc -static", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ck_assert_int_eq(ln->indent, 2);
	ck_assert_str_eq(ln->spans[0].text, "gcc -static hello.o -o hello-static");
	ck_assert_ptr_null(find_line(&d, "|---|---|", buf, sizeof buf));
	ln = find_line(&d, "a  b", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	for (found = 0, j = 0; j < ln->n; j++)
		found |= ln->spans[j].role == ROLE_STRONG && strcmp(ln->spans[j].text, "a") == 0;
	ck_assert(found);
	ck_assert_ptr_nonnull(find_line(&d, "1  2", buf, sizeof buf));
	ck_assert_ptr_null(find_line(&d, "| 1 |", buf, sizeof buf));

	/* blocks are separated by exactly one blank line; none at the end */
	for (j = 1; j < d.n; j++)
		ck_assert(d.lines[j].n > 0 || d.lines[j - 1].n > 0);
	ck_assert_uint_gt(d.lines[d.n - 1].n, 0);
	ck_assert_int_eq(d.lines[d.n - 1].spans[0].role, ROLE_RULE);

	sty_doc_free(&d);
	lesson_free(&l);
	scratch_remove("layout");
}
END_TEST

/* A table wider than the page: its columns narrowed and their cells wrapped at spaces, every
 * line within the page, no cell's word lost or cut; a table of too many columns for the page
 * is shown a record a row, each cell after its heading. */
START_TEST(test_wide_tables)
{
	static const char md[] =
		"# Tables\n\nIntro.\n\n"
		"| name | what it does |\n|---|---|\n"
		"| `alpha` | a long sentence of many words that will not fit in forty columns at all |\n"
		"| /usr/include/x86_64-linux-gnu/bits/wordsize.h | short |\n\n"
		"| | one | two | three | four | five |\n|---|---|---|---|---|---|\n"
		"| row | a1 a1 a1 a1 | b2 b2 b2 b2 | c3 c3 c3 | d4 d4 d4 | e5 e5 e5 |\n";
	static const char *const words[] = { "alpha", "sentence", "columns", "all", "short",
					     "bits/wordsize.h", "many" };
	struct lesson l = { .text = (char *)md };
	struct sty_doc d = { 0 };
	char buf[512], all[8192] = "";

	setlocale(LC_ALL, "C");
	lesson_render(&l, 40, &d);
	for (size_t i = 0; i < d.n; i++) {
		int w = d.lines[i].indent;
		buf[0] = '\0';
		for (size_t j = 0; j < d.lines[i].n; j++) {
			const char *t = d.lines[i].spans[j].text;
			w += sty_width(t, strlen(t));
			strncat(buf, t, sizeof buf - strlen(buf) - 1);
		}
		ck_assert_msg(w <= 40, "line %zu is %d columns wide: %s", i, w, buf);
		ck_assert_msg(strchr(buf, '|') == NULL, "a pipe is shown: %s", buf);
		strncat(all, buf, sizeof all - strlen(all) - 2);
		strcat(all, " ");
	}
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char pat[64];
		snprintf(pat, sizeof pat, " %s ", words[i]);
		ck_assert_msg(strstr(all, pat) || !strncmp(all, pat + 1, strlen(pat) - 1),
			      "'%s' is lost or cut: %s", words[i], all);
	}
	/* the header row is strong; the narrowed columns keep apart ("name" over "alpha") */
	const struct sty_line *ln = find_line(&d, "alpha", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ln = find_line(&d, "what it", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ck_assert_int_eq(ln->spans[0].role, ROLE_STRONG);
	/* six columns in 40: a record, titled by its first cell, a cell under each heading */
	ln = find_line(&d, "row", buf, sizeof buf);
	ck_assert_ptr_nonnull(ln);
	ck_assert_int_eq(ln->spans[0].role, ROLE_STRONG);
	ck_assert_ptr_nonnull(find_line(&d, "one    a1 a1 a1 a1", buf, sizeof buf));
	ck_assert_ptr_nonnull(find_line(&d, "five   e5 e5 e5", buf, sizeof buf));
	sty_doc_free(&d);
}
END_TEST

START_TEST(test_no_title)
{
	struct lesson l;
	char err[512] = "";

	scratch_lesson("untitled", "Just a paragraph.\n");
	ck_assert_int_eq(lesson_load(scratch, "untitled", &l, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "title"));
	scratch_remove("untitled");
}
END_TEST

static Suite *styled_suite(void)
{
	Suite *s = suite_create("styled");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_width);
	tcase_add_loop_test(tc, test_wrap_count, 0, 12);
	tcase_add_test(tc, test_wrap_long_word_and_newlines);
	tcase_add_test(tc, test_print_plain_and_ansi);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *lesson_suite(void)
{
	Suite *s = suite_create("lesson");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_stage_lessons_load, 0, N_STAGES);
	tcase_add_loop_test(tc, test_stage_lessons_render, 0, N_STAGES * N_WIDTHS * N_LOCALES);
	tcase_add_test(tc, test_bad_names);
	tcase_add_test(tc, test_layout_rules);
	tcase_add_test(tc, test_wide_tables);
	tcase_add_test(tc, test_no_title);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(styled_suite());
	int failed;

	srunner_add_suite(sr, lesson_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
