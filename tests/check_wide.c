/* check_wide: wide characters laid out right. Chinese text wraps between any two characters
 * but not before closing punctuation nor after opening punctuation (the kinsoku rules), a Latin
 * word or a code span still breaks only at blanks, and mixed text does both; no line is wider
 * than its width measured in display columns (wcwidth: a CJK character takes two), and no cut
 * splits a character or leaves half of a wide one. Checked on sty_add_wrapped, sty_add_text,
 * sty_fit, sty_break_fit, the lesson renderer (a Chinese lesson, tests/wide/lessons/wide.md)
 * and the panes' title cut.
 *
 * The witnesses are independent of the code under test: widths from wcwidth() itself, the
 * rules' punctuation from the lists below, the text's own characters consumed in order. Needs
 * a UTF-8 locale where wcwidth gives CJK two columns (zh_CN.UTF-8 or C.UTF-8): without one
 * the suite is skipped (77).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lessons/lesson.h"
#include "lessons/styled.h"
#include "tui/panes.h"

/* Closing and opening punctuation of Chinese typesetting, as the issue names them. */
static const wchar_t closing[] = L"，。、；：？！）」』》”’";
static const wchar_t opening[] = L"（「『《“‘";

/* Whether c (not the terminator) is one of set. */
static int in_set(const wchar_t *set, wchar_t c)
{
	return c != 0 && wcschr(set, c) != NULL;
}

static const char *const texts[] = {
	"链接器把一个或多个可重定位目标文件合成一个可执行文件。"
	"它先做符号解析，再做重定位：把每个对符号的引用，"
	"改写成该符号在最终地址空间里的虚拟地址。",
	"静态链接时，链接器从静态库（`.a`，一个归档文件）里只取出"
	"程序用到的那些归档成员；动态链接时，运行时再由动态链接器/"
	"加载器（`ld.so`）把共享库（`.so`）映射进进程的地址空间。",
	"用 gcc -static hello.o -o hello-static 可以得到一个静态链接的"
	"程序，而 ldd ./hello 会列出它所依赖的每个共享库。",
	"他说：“可重定位目标文件”和「共享目标文件」都是"
	"《深入理解计算机系统》里的术语（term）。"
	"（括号）「引号」『双引号』《书名》，都不会断开。",
	"The linker resolves every symbol, then relocates: mixed with "
	"中文的句子，each English word stays whole, R_X86_64_PLT32 and "
	"puts-0x4 too.",
	"objdump -dr hello.o 在每条需要改写的指令下面打印一行，"
	"例如 R_X86_64_PLT32 puts-0x4。",
};
#define N_TEXTS (int)(sizeof texts / sizeof texts[0])

/* The character at s: its code, its length in *n (1 for a byte that starts none). */
static wchar_t decode(const char *s, size_t len, size_t *n)
{
	mbstate_t st;
	wchar_t wc;
	memset(&st, 0, sizeof st);
	size_t k = mbrtowc(&wc, s, len, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*n = 1;
		return 0;
	}
	*n = k;
	return wc;
}

/* The display width of s by wcwidth, or -1 when s is not whole characters. */
static int columns(const char *s, size_t len)
{
	int cols = 0;
	for (size_t i = 0, n; i < len; i += n) {
		wchar_t wc = decode(s + i, len - i, &n);
		if (wc == 0)
			return -1;
		int w = wcwidth(wc);
		cols += w > 0 ? w : 0;
	}
	return cols;
}

static wchar_t first_char(const char *s)
{
	size_t n;
	while (*s == ' ')
		s++;
	return *s ? decode(s, strlen(s), &n) : 0;
}

static wchar_t last_char(const char *s)
{
	size_t len = strlen(s), i = len, n;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i == 0)
		return 0;
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
		j--;
	return decode(s + j, i - j, &n);
}

/* A line of a doc as one string, its indent as blanks. */
static char *line_text(const struct sty_line *l)
{
	size_t len = (size_t)l->indent;
	for (size_t i = 0; i < l->n; i++)
		len += strlen(l->spans[i].text);
	char *s = malloc(len + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, ' ', (size_t)l->indent);
	s[l->indent] = '\0';
	for (size_t i = 0; i < l->n; i++)
		strcat(s, l->spans[i].text);
	return s;
}

/* The widest unbreakable run of t in columns: below that, a cut inside a run is forced. */
static int widest_run(const char *t)
{
	int most = 0;
	size_t len = strlen(t), i = 0;
	while (i < len) {
		if (t[i] == ' ') {
			i++;
			continue;
		}
		size_t e = i;
		while (e < len && t[e] != ' ')
			e++;
		while (i < e) {
			size_t k = sty_run_len(t + i, e - i);
			int w = columns(t + i, k);
			most = w > most ? w : most;
			i += k;
		}
	}
	return most;
}

/* Check the lines of d made from text t at width: each at most width columns and whole
 * characters; together, t's characters in order with only blanks dropped; where the width
 * allows the text's rules, each break at a blank of t or between two characters the rules
 * let part, never before closing or after opening punctuation, never inside a Latin word. */
static void check_wrapped(const struct sty_doc *d, const char *t, int width, int indent,
			  const char *what)
{
	const char *p = t;
	int strict = width - indent > widest_run(t) + 2;
	for (size_t k = 0; k < d->n; k++) {
		char *s = line_text(&d->lines[k]);
		int w = columns(s, strlen(s));
		ck_assert_msg(w >= 0, "%s, width %d: line %zu splits a character: '%s'",
			      what, width, k, s);
		ck_assert_msg(w <= width, "%s, width %d: line %zu is %d columns: '%s'",
			      what, width, k, w, s);
		/* its characters are t's next ones, and a blank inside it is one of t's */
		const char *c = s;
		while (*c == ' ')
			c++;
		for (; *c; c++) {
			if (*c == ' ') {
				ck_assert_msg(*p == ' ', "%s, width %d: line %zu ('%s') has a "
					      "blank the text has not, before '%s'",
					      what, width, k, s, p);
				continue;
			}
			while (*p == ' ')
				p++;
			ck_assert_msg(*p == *c, "%s, width %d: line %zu ('%s') strays from "
				      "the text at '%s'", what, width, k, s, p);
			p++;
		}
		if (k + 1 < d->n && strict) {
			char *next = line_text(&d->lines[k + 1]);
			wchar_t a = last_char(s), b = first_char(next);
			ck_assert_msg(!in_set(closing, b), "%s, width %d: line %zu starts with "
				      "closing punctuation: '%s'", what, width, k + 1, next);
			ck_assert_msg(!in_set(opening, a), "%s, width %d: line %zu ends with "
				      "opening punctuation: '%s'", what, width, k, s);
			/* a break with no blank in the text is one between CJK characters */
			if (*p != ' ')
				ck_assert_msg(wcwidth(a) == 2 || wcwidth(b) == 2,
					      "%s, width %d: a word is cut between '%s' and '%s'",
					      what, width, s, next);
			free(next);
		}
		free(s);
	}
	while (*p == ' ')
		p++;
	ck_assert_msg(*p == '\0', "%s, width %d: the lines end before the text does, at '%s'", what,
		      width, p);
}

static int wide_locale(void)
{
	static const char *const names[] = { "zh_CN.UTF-8", "zh_CN.utf8", "C.UTF-8", "C.utf8" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_ALL, names[i]) && wcwidth(L'中') == 2)
			return 1;
	return 0;
}

START_TEST(test_break_rules)
{
	/* between two CJK characters; not before closing nor after opening punctuation */
	ck_assert(sty_break_between(L'链', L'接'));
	for (const wchar_t *c = closing; *c; c++)
		ck_assert_msg(!sty_break_between(L'件', *c), "a break before %lc", (wint_t)*c);
	for (const wchar_t *o = opening; *o; o++)
		ck_assert_msg(!sty_break_between(*o, L'件'), "a break after %lc", (wint_t)*o);
	ck_assert(sty_break_between(L'。', L'它'));
	ck_assert(sty_break_between(L'件', L'（'));
	/* a Latin word, a number, a code span: no break inside; next to CJK: one */
	ck_assert(!sty_break_between(L'g', L'c'));
	ck_assert(!sty_break_between(L'4', L'2'));
	ck_assert(sty_break_between(L'用', L'g'));
	ck_assert(sty_break_between(L'c', L'可'));
	ck_assert(!sty_break_between(L'c', L'，'));
	/* a blank is the callers' own break */
	ck_assert(!sty_break_between(L' ', L'可'));
	/* runs: "（`.a`，" stays one run */
	const char *s = "库（.a，一";
	size_t k = sty_run_len(s, strlen(s));
	ck_assert_str_eq(s + k, "（.a，一");
	s += k;
	ck_assert_uint_eq(sty_run_len(s, strlen(s)), strlen("（.a，"));
}
END_TEST

START_TEST(test_wrapped)
{
	for (int i = 0; i < N_TEXTS; i++)
		for (int width = 4; width <= 90; width++)
			for (int indent = 0; indent <= 4; indent += 4) {
				struct sty_doc d = { 0 };
				char what[64];
				sty_add_wrapped(&d, ROLE_TEXT, texts[i], width, indent);
				snprintf(what, sizeof what, "sty_add_wrapped text %d indent %d", i,
					 indent);
				check_wrapped(&d, texts[i], width, indent, what);
				sty_doc_free(&d);
			}
}
END_TEST

START_TEST(test_text)
{
	for (int i = 0; i < N_TEXTS; i++)
		for (int width = 4; width <= 90; width++) {
			struct sty_doc d = { 0 };
			char what[64];
			sty_add_text(&d, ROLE_TEXT, texts[i], (size_t)-1, width, 0);
			snprintf(what, sizeof what, "sty_add_text text %d", i);
			check_wrapped(&d, texts[i], width, 0, what);
			sty_doc_free(&d);
		}
}
END_TEST

/* sty_fit: the longest prefix of whole characters within cols; sty_break_fit: within cols
 * too, whole characters, at a break the rules allow when one is in the line's second half. */
START_TEST(test_fit)
{
	for (int i = 0; i < N_TEXTS; i++) {
		const char *t = texts[i];
		size_t len = strlen(t);
		for (int cols = 1; cols <= 60; cols++) {
			size_t f = sty_fit(t, len, cols);
			int w = columns(t, f);
			ck_assert_msg(w >= 0 && w <= cols, "sty_fit(%d) of text %d: %d columns",
				      cols, i, w);
			if (f < len) {
				size_t n;
				decode(t + f, len - f, &n);
				ck_assert_msg(columns(t, f + n) > cols,
					      "sty_fit(%d) of text %d stops short", cols, i);
			}
			size_t b = sty_break_fit(t, len, cols);
			w = columns(t, b);
			ck_assert_msg(w >= 0, "sty_break_fit(%d) of text %d splits a character",
				      cols, i);
			/* within cols, or one character when none fits */
			ck_assert_msg(f == 0 || w <= cols,
				      "sty_break_fit(%d) of text %d: %d columns", cols, i, w);
			ck_assert(f > 0 ? b <= f && b > 0 : b > 0 && columns(t, b) > cols);
			if (b < len && b > 0 && b < f)
				ck_assert_msg(t[b] == ' ' || t[b - 1] == ' ' ||
					      !in_set(closing, first_char(t + b)),
					      "sty_break_fit(%d) of text %d: the next line starts "
					      "with closing punctuation: '%s'", cols, i, t + b);
		}
	}
}
END_TEST

/* One line of a rendered Chinese lesson at width (see test_lesson). */
static void check_lesson_line(const struct sty_line *ln, int width, size_t k)
{
	char *s = line_text(ln);
	int w = columns(s, strlen(s)), code = 0;
	ck_assert_msg(w >= 0, "width %d: line %zu splits a character: '%s'", width, k, s);
	/* a code block's lines are never wrapped: a pane cuts them, with its mark */
	for (size_t i = 0; i < ln->n; i++)
		code |= ln->spans[i].role == ROLE_CODEBLOCK;
	if (code) {
		free(s);
		return;
	}
	ck_assert_msg(w <= width, "width %d: line %zu is %d columns: '%s'", width, k, w, s);
	/* past the bullet or the quote's bar */
	const char *body = s;
	while (*body == ' ')
		body++;
	if (strncmp(body, "•", strlen("•")) == 0 || strncmp(body, "│", strlen("│")) == 0)
		body += 3;
	ck_assert_msg(width < 40 || !in_set(closing, first_char(body)),
		      "width %d: line %zu starts with closing punctuation: '%s'", width, k, s);
	ck_assert_msg(width < 40 || !in_set(opening, last_char(s)),
		      "width %d: line %zu ends with opening punctuation: '%s'", width, k, s);
	/* a lone blank between two CJK characters: a source line break kept */
	for (const char *b = strchr(s, ' '); b; b = strchr(b + 1, ' ')) {
		if (b == s || b[1] == ' ' || b[-1] == ' ' || b[1] == '\0')
			continue;
		const char *a = b - 1;
		while (a > s && ((unsigned char)*a & 0xc0) == 0x80)
			a--;
		size_t n;
		wchar_t x = decode(a, (size_t)(b - a), &n);
		wchar_t y = decode(b + 1, strlen(b + 1), &n);
		ck_assert_msg(!(wcwidth(x) == 2 && wcwidth(y) == 2),
			      "width %d: line %zu has a blank between %lc and %lc: '%s'", width, k,
			      (wint_t)x, (wint_t)y, s);
	}
	free(s);
}

/* The Chinese lessons at every width from 20 to 100: no line wider, and from 40 columns on
 * (below, a table's narrow cell must cut a run that is wider) none that starts with closing
 * or ends with opening punctuation; no blank between two CJK characters where the source
 * wrapped its lines; the summary on one line without one. */
static const char *const wide_lessons[] = { "wide", "table" };

START_TEST(test_lesson)
{
	const char *d = getenv("CSTAGES_DATADIR");
	char dir[4096], err[512];
	struct lesson l;
	snprintf(dir, sizeof dir, "%s/tests/wide", d && *d ? d : ".");
	ck_assert_msg(lesson_load(dir, wide_lessons[_i], &l, err, sizeof err) == 0, "%s", err);
	if (_i == 0) {
		ck_assert_ptr_nonnull(strstr(l.summary, "可执行文件。它先做"));
		ck_assert_ptr_nonnull(strstr(l.summary, "的引用，改写成"));
	}
	for (int width = 20; width <= 100; width++) {
		struct sty_doc out = { 0 };
		lesson_render(&l, width, &out);
		ck_assert_uint_gt(out.n, 10);
		for (size_t k = 0; k < out.n; k++)
			check_lesson_line(&out.lines[k], width, k);
		sty_doc_free(&out);
	}
	lesson_free(&l);
}
END_TEST

/* A pane's title cut to its room: within it, whole characters, the ellipsis at the end. */
START_TEST(test_title)
{
	static const char *const titles[] = {
		"链接：把目标文件合成可执行文件",
		"课程：静态链接与动态链接（static and dynamic linking）",
		"源文件：hello.c",
		"《深入理解计算机系统》的术语",
	};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		for (int width = 1; width <= 60; width++) {
			char t[256];
			snprintf(t, sizeof t, "%s", titles[i]);
			panes_fit_title(t, width, 1);
			int w = columns(t, strlen(t));
			ck_assert_msg(w >= 0 && w <= width, "title %zu at %d: '%s' (%d columns)", i,
				      width, t, w);
			if (strcmp(t, titles[i]) != 0 && t[0]) {
				size_t n = strlen(t);
				ck_assert_msg(n >= 3 && strcmp(t + n - 3, "…") == 0,
					      "title %zu at %d: cut without the ellipsis: '%s'", i,
					      width, t);
				t[n - 3] = '\0';
				ck_assert_msg(!in_set(opening, last_char(t)),
					      "title %zu at %d: cut after opening punctuation: "
					      "'%s'", i, width, t);
			}
		}
}
END_TEST

static Suite *wide_suite(void)
{
	Suite *s = suite_create("wide");
	TCase *tc = tcase_create("wide");
	tcase_set_timeout(tc, 0);
	tcase_add_test(tc, test_break_rules);
	tcase_add_test(tc, test_wrapped);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_fit);
	tcase_add_loop_test(tc, test_lesson, 0, (int)(sizeof wide_lessons / sizeof *wide_lessons));
	tcase_add_test(tc, test_title);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	if (!wide_locale()) {
		fputs("SKIP: no UTF-8 locale in which wcwidth gives a CJK character two columns "
		      "(zh_CN.UTF-8 or C.UTF-8; ./setup.sh check generates zh_CN.UTF-8)\n", stderr);
		return 77;
	}
	SRunner *sr = srunner_create(wide_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
