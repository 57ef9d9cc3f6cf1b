/* check_glossary: the glossary (lessons/glossary.md) and the terms the lessons mark.
 *
 * The glossary and the lessons are read from $CSTAGES_DATADIR (make check sets it to the
 * source tree; "." otherwise). The terms a lesson marks are found here with libcmark, from
 * the links the CommonMark parser sees, not with the module's own scanner, which is checked
 * against it. The names the issue asks for are the one typed list: a requirement, not a fact
 * of the toolchain.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <check.h>
#include <cmark.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lessons/catalog.h"
#include "lessons/glossary.h"
#include "lessons/lesson.h"
#include "lessons/styled.h"

static const char *datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d != NULL && *d != '\0' ? d : ".";
}

static struct glossary g;

static void setup(void)
{
	char err[512];
	ck_assert_msg(glossary_load(datadir(), &g, err, sizeof err) == 0, "%s", err);
}

static void teardown(void)
{
	glossary_free(&g);
}

/* The terms issue 15 names, and the ones its brief adds: each must be found by this name. */
static const char *const required[] = {
	"ELF", "ABI", "symbol", "binding", "visibility", "relocation", "section", "segment",
	"PIC", "PIE", "soname", "interpreter", "GOT", "PLT", "NSS", "TLS", "archive member",
	"feature-test macro", "linkmode", "translation unit", "linkage", "object file",
	"relocatable", "executable", "shared library", "static library", "dynamic linker",
	"loader", "linemarker", "include guard", "preprocessing directive", "macro",
	"weak symbol", "common symbol", "undefined symbol", "RPATH", "RUNPATH", "NEEDED",
	"lazy binding", "static-pie", "libc", "musl", "glibc", "cgo", "dlopen", "vDSO",
	"auxiliary vector", "entry point", "crt files", "program header",
};

START_TEST(test_count_and_required)
{
	ck_assert_msg(g.n >= 40, "the glossary has %zu terms, fewer than 40", g.n);
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		ck_assert_msg(glossary_find(&g, required[i]) != NULL,
			      "the glossary has no term '%s'", required[i]);
}
END_TEST

/* No two terms share a name, an id or another name, in any case. */
START_TEST(test_no_duplicates)
{
	size_t n = 0;
	const char **names = NULL;
	size_t *own = NULL;
	for (size_t i = 0; i < g.n; i++) {
		size_t k = 2 + g.terms[i].n_aliases;
		names = realloc(names, (n + k) * sizeof *names);
		own = realloc(own, (n + k) * sizeof *own);
		ck_assert(names && own);
		names[n] = g.terms[i].name;
		own[n++] = i;
		names[n] = g.terms[i].id;
		own[n++] = i;
		for (size_t a = 0; a < g.terms[i].n_aliases; a++) {
			names[n] = g.terms[i].aliases[a];
			own[n++] = i;
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert_msg(own[i] == own[j] || strcasecmp(names[i], names[j]) != 0,
				      "'%s' names both '%s' and '%s'", names[i], g.terms[own[i]].name,
				      g.terms[own[j]].name);
	free(names);
	free(own);
}
END_TEST

/* Every term is found by its name, its id and each other name, in upper and lower case. */
START_TEST(test_find_every_name)
{
	for (size_t i = 0; i < g.n; i++) {
		const struct glossary_term *t = &g.terms[i];
		ck_assert_ptr_eq(glossary_find(&g, t->name), t);
		ck_assert_ptr_eq(glossary_find(&g, t->id), t);
		for (size_t a = 0; a < t->n_aliases; a++) {
			char *up = strdup(t->aliases[a]), *low = strdup(t->aliases[a]);
			for (char *p = up; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			for (char *p = low; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			ck_assert_msg(glossary_find(&g, up) == t, "'%s' does not find '%s'", up,
				      t->name);
			ck_assert_msg(glossary_find(&g, low) == t, "'%s' does not find '%s'", low,
				      t->name);
			free(up);
			free(low);
		}
		ck_assert_msg(t->def && *t->def, "'%s' has no definition", t->name);
		/* every related term it names exists */
		for (size_t r = 0; r < t->n_related; r++)
			ck_assert_msg(glossary_by_id(&g, t->related[r]) != NULL,
				      "'%s' sees also '%s', which is no term", t->name, t->related[r]);
	}
}
END_TEST

/* A name with two neighbouring letters swapped is suggested back, and an unknown word is not
 * found. */
START_TEST(test_suggest)
{
	int tried = 0;
	for (size_t i = 0; i < g.n; i++) {
		const struct glossary_term *t = &g.terms[i];
		size_t n = strlen(t->name);
		if (n < 6 || strchr(t->name, ' '))
			continue;
		char *typo = strdup(t->name);
		char c = typo[2];
		typo[2] = typo[3];
		typo[3] = c;
		if (strcasecmp(typo, t->name) == 0) {
			free(typo);
			continue;
		}
		ck_assert_msg(glossary_find(&g, typo) == NULL || glossary_find(&g, typo) == t,
			      "'%s' finds another term", typo);
		ck_assert_msg(glossary_suggest(&g, typo) == t, "'%s' does not suggest '%s'", typo,
			      t->name);
		free(typo);
		tried++;
	}
	ck_assert(tried > 0);
	ck_assert_ptr_null(glossary_find(&g, "qqqqqqqqqqqqqqqq"));
	ck_assert_ptr_null(glossary_suggest(&g, "qqqqqqqqqqqqqqqq"));
}
END_TEST

/* The ids of the term links in md, as libcmark parses them, in order, with repeats. */
static size_t cmark_terms(const char *md, char ***out)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t n = 0;
	*out = NULL;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(cur);
		if (!url || strncmp(url, "#term-", 6) != 0)
			continue;
		*out = realloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = strdup(url + 6);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return n;
}

/* Every lesson marks terms; each one it marks is a term of the glossary, marked once (its
 * first use); the module's scanner finds the same ones as libcmark; rendered, no lesson shows
 * a term link's address. */
START_TEST(test_lessons_mark_terms)
{
	size_t n_cat;
	const struct catalog_entry *cat = catalog_all(&n_cat);
	for (size_t i = 0; i < n_cat; i++) {
		struct lesson l;
		char err[512];
		ck_assert_msg(lesson_load(datadir(), cat[i].name, &l, err, sizeof err) == 0, "%s",
			      err);
		char **links;
		size_t n = cmark_terms(l.text, &links);
		ck_assert_msg(n > 0, "lesson %s marks no term", cat[i].name);
		size_t n_scan;
		char **scan = glossary_marked(l.text, &n_scan);
		size_t uniq = 0;
		for (size_t k = 0; k < n; k++) {
			ck_assert_msg(glossary_by_id(&g, links[k]) != NULL,
				      "lesson %s marks '%s', which the glossary lacks", cat[i].name,
				      links[k]);
			for (size_t j = 0; j < k; j++)
				ck_assert_msg(strcmp(links[j], links[k]) != 0,
					      "lesson %s marks '%s' twice", cat[i].name, links[k]);
			ck_assert_msg(uniq < n_scan && strcmp(scan[uniq], links[k]) == 0,
				      "lesson %s: the scanner's term %zu is not libcmark's '%s'",
				      cat[i].name, uniq, links[k]);
			uniq++;
		}
		ck_assert_uint_eq(uniq, n_scan);
		struct sty_doc d = { 0 };
		lesson_render(&l, 80, &d);
		for (size_t r = 0; r < d.n; r++)
			for (size_t s = 0; s < d.lines[r].n; s++)
				ck_assert_msg(strstr(d.lines[r].spans[s].text, GLOSSARY_LINK) == NULL,
					      "lesson %s shows a term's address: %s", cat[i].name,
					      d.lines[r].spans[s].text);
		sty_doc_free(&d);
		for (size_t k = 0; k < n; k++)
			free(links[k]);
		free(links);
		glossary_ids_free(scan, n_scan);
		lesson_free(&l);
	}
}
END_TEST

/* A term as a lesson: its name as the title, then its definition, which renders as text. */
START_TEST(test_term_markdown)
{
	for (size_t i = 0; i < g.n; i++) {
		char *md = glossary_term_markdown(&g.terms[i]);
		ck_assert_ptr_nonnull(md);
		char *head = NULL;
		ck_assert(asprintf(&head, "# %s\n\n", g.terms[i].name) > 0);
		ck_assert_msg(strncmp(md, head, strlen(head)) == 0, "%s", md);
		ck_assert_ptr_nonnull(strstr(md, g.terms[i].def));
		free(head);
		free(md);
	}
}
END_TEST

/* The report's glossary: an anchor for every term asked for, in alphabetical order, and
 * nothing for an id that is no term. */
START_TEST(test_write_md)
{
	char *ids[3] = { g.terms[g.n - 1].id, g.terms[0].id, "no-such-term-here" };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	glossary_write_md(f, &g, ids, 3, "Intro.");
	fclose(f);
	char a0[200], a1[200];
	snprintf(a0, sizeof a0, "<a id=\"term-%s\"></a>", g.terms[0].id);
	snprintf(a1, sizeof a1, "<a id=\"term-%s\"></a>", g.terms[g.n - 1].id);
	const char *p0 = strstr(out, a0), *p1 = strstr(out, a1);
	ck_assert_msg(p0 && p1, "%s", out);
	ck_assert_int_eq(strcasecmp(g.terms[0].name, g.terms[g.n - 1].name) < 0, p0 < p1);
	ck_assert_ptr_null(strstr(out, "no-such-term-here"));
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	glossary_write_md(f, &g, ids + 2, 1, "Intro.");
	fclose(f);
	ck_assert_uint_eq(len, 0);
	free(out);
}
END_TEST

/* Bad glossary text is refused, said in words. */
START_TEST(test_parse_errors)
{
	struct glossary bad;
	char err[256];
	ck_assert_int_eq(glossary_parse("# G\n\nx\n\n## a\n\nOther names: b.\n\nDef.\n\n## b\n\n"
					"Def.\n", &bad, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "\"b\""));
	ck_assert_int_eq(glossary_parse("# G\n\nx\n\n## a\n\nOther names: b.\n", &bad, err,
					sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "\"a\""));
	ck_assert_int_eq(glossary_parse("# G\n\nno terms\n", &bad, err, sizeof err), -1);
	ck_assert_int_eq(glossary_parse("# G\n\nx\n\n## Two Words\n\nOther names: pair, twos.\n\n"
					"The def.\n\nSee also: [x](#term-x).\n", &bad, err,
					sizeof err), 0);
	ck_assert_str_eq(bad.terms[0].id, "two-words");
	ck_assert_uint_eq(bad.terms[0].n_aliases, 2);
	ck_assert_str_eq(bad.terms[0].def, "The def.");
	ck_assert_uint_eq(bad.terms[0].n_related, 1);
	ck_assert_ptr_eq(glossary_find(&bad, "TWO WORDS"), &bad.terms[0]);
	ck_assert_ptr_eq(glossary_find(&bad, "pairs"), &bad.terms[0]);
	glossary_free(&bad);
}
END_TEST

static Suite *glossary_suite(void)
{
	Suite *s = suite_create("glossary");
	TCase *tc = tcase_create("glossary");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_count_and_required);
	tcase_add_test(tc, test_no_duplicates);
	tcase_add_test(tc, test_find_every_name);
	tcase_add_test(tc, test_suggest);
	tcase_add_test(tc, test_lessons_mark_terms);
	tcase_add_test(tc, test_term_markdown);
	tcase_add_test(tc, test_write_md);
	tcase_add_test(tc, test_parse_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(glossary_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
