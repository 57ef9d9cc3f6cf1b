/* check_catalog: the curriculum and the live blocks. Every lesson in the catalog exists and
 * parses; every live block names a sample that exists and a fact the program knows; a live
 * block filled from a real walk of its sample shows what the toolchain says about it. */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/live.h"
#include "stages/walk.h"
#include "tests/oracle.h"
#include "lessons/livefill.h"

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

START_TEST(test_every_catalog_lesson_loads)
{
	size_t n;
	const struct catalog_entry *all = catalog_all(&n);
	const struct catalog_entry *e = &all[_i];
	struct lesson l;
	char err[512];
	ck_assert_msg(lesson_load(test_datadir(), e->name, &l, err, sizeof err) == 0, "%s: %s",
		      e->name, err);
	ck_assert(l.title && *l.title);
	ck_assert(l.summary && *l.summary);
	/* it names where to read more, and the primary sources it was checked against */
	ck_assert_msg(strstr(l.text, "## Read more") != NULL, "%s has no Read more", e->name);
	lesson_free(&l);
}
END_TEST

START_TEST(test_stages_are_the_walks_stages)
{
	size_t n, stages = 0;
	const struct catalog_entry *all = catalog_all(&n);
	for (size_t i = 0; i < n; i++) {
		if (all[i].kind != CATALOG_STAGE)
			continue;
		ck_assert_int_eq(walk_stage_from_name(all[i].name), (int)stages);
		stages++;
		const char *const *related = catalog_for_stage(all[i].name);
		ck_assert_ptr_nonnull(related);
		ck_assert_str_eq(related[0], all[i].name);
		for (size_t j = 0; related[j]; j++)
			ck_assert_ptr_nonnull(catalog_find(related[j]));
	}
	ck_assert_uint_eq(stages, STAGE_COUNT);
}
END_TEST

START_TEST(test_misspellings_are_suggested)
{
	size_t n;
	const struct catalog_entry *all = catalog_all(&n);
	for (size_t i = 0; i < n; i++) {
		char typo[64];
		size_t len = strlen(all[i].name);
		/* swap two letters, and drop one */
		snprintf(typo, sizeof typo, "%s", all[i].name);
		char c = typo[1];
		typo[1] = typo[2];
		typo[2] = c;
		const struct catalog_entry *s = catalog_suggest(typo);
		ck_assert_msg((s && strcmp(s->name, all[i].name) == 0) || strcmp(typo, all[i].name) == 0,
			      "%s -> %s", typo, s ? s->name : "nothing");
		memmove(typo, all[i].name + 1, len);
		s = catalog_suggest(typo);
		ck_assert_msg(s && strcmp(s->name, all[i].name) == 0, "%s -> %s", typo,
			      s ? s->name : "nothing");
	}
	ck_assert_ptr_null(catalog_suggest("xylophone-orchestra"));
}
END_TEST

/* The feature-test macros are preprocessor macros: "standards" is read right after the
 * preprocessor's lesson, before the compiler's. */
START_TEST(test_standards_follows_the_preprocessor)
{
	size_t n, pre = (size_t)-1, std = (size_t)-1;
	const struct catalog_entry *all = catalog_all(&n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i].name, "preprocess") == 0)
			pre = i;
		if (strcmp(all[i].name, "standards") == 0)
			std = i;
	}
	ck_assert_uint_ne(pre, (size_t)-1);
	ck_assert_uint_eq(std, pre + 1);
}
END_TEST

/* A lesson is read in the TUI, printed by --stage and --topic, and written into reports:
 * it never speaks of a pane, which only one of them has. */
START_TEST(test_lessons_name_no_pane)
{
	size_t n;
	const struct catalog_entry *all = catalog_all(&n);
	for (size_t i = 0; i < n; i++) {
		struct lesson l;
		char err[512];
		if (lesson_load(test_datadir(), all[i].name, &l, err, sizeof err) < 0)
			continue; /* test_every_catalog_lesson_loads reports it */
		for (const char *p = l.text; (p = strstr(p, "pane")) != NULL; p++) {
			int word_start = p == l.text || !isalpha((unsigned char)p[-1]);
			ck_assert_msg(!word_start, "%s speaks of a pane: %.40s", all[i].name, p);
		}
		lesson_free(&l);
	}
}
END_TEST

/* Every live block in every lesson names an existing sample and a known fact. */
START_TEST(test_live_blocks_name_real_samples)
{
	size_t n;
	const struct catalog_entry *all = catalog_all(&n);
	for (size_t i = 0; i < n; i++) {
		struct lesson l;
		char err[512];
		if (lesson_load(test_datadir(), all[i].name, &l, err, sizeof err) < 0)
			continue; /* test_every_catalog_lesson_loads reports it */
		struct live_ref *refs;
		size_t nr = live_scan(l.text, &refs);
		for (size_t k = 0; k < nr; k++) {
			ck_assert_msg(refs[k].sample && refs[k].fact, "%s.md:%d: a live block needs "
				      "sample: and fact:", all[i].name, refs[k].line);
			ck_assert_msg(live_fact_known(refs[k].fact), "%s.md:%d: unknown fact %s",
				      all[i].name, refs[k].line, refs[k].fact);
			char *path = NULL;
			if (asprintf(&path, "%s/samples/%s", test_datadir(), refs[k].sample) < 0)
				abort();
			ck_assert_msg(access(path, R_OK) == 0, "%s.md:%d: no sample %s", all[i].name,
				      refs[k].line, path);
			free(path);
		}
		live_refs_free(refs, nr);
		lesson_free(&l);
	}
}
END_TEST

START_TEST(test_live_scan_and_expand)
{
	const char *md = "# T\n\nSummary.\n\n```live\nsample: hello.c\nfact: link.size\n```\n\n"
			 "````c\n```live\nnot a block: inside a longer fence\n````\n\n"
			 "```live\nfact: nonsense\n```\nend\n";
	struct live_ref *refs;
	size_t n = live_scan(md, &refs);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(refs[0].sample, "hello.c");
	ck_assert_str_eq(refs[0].fact, "link.size");
	ck_assert_int_eq(refs[0].line, 5);
	ck_assert_ptr_null(refs[1].sample);
	live_refs_free(refs, n);
	char *out = live_expand(md, "/s", NULL, NULL);
	ck_assert_ptr_nonnull(strstr(out, "gcc -c /s/hello.c -o hello.o\n"));
	ck_assert_ptr_nonnull(strstr(out, "ls -l hello hello-static hello-static-pie hello-musl"));
	ck_assert_ptr_nonnull(strstr(out, "malformed"));
	ck_assert_ptr_null(strstr(out, "sample: hello.c"));
	ck_assert_ptr_nonnull(strstr(out, "\nend\n"));
	free(out);
}
END_TEST

/* A block filled from a real walk says what stat and the linker say. */
START_TEST(test_live_fill_from_a_walk)
{
	const char *md = "# T\n\nS.\n\n```live\nsample: hello.c\nfact: link.size\n```\n\n"
			 "```live\nsample: hello.c\nfact: preprocess.lines\n```\n";
	char *dir = NULL;
	if (asprintf(&dir, "%s/live.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	struct livefill lf;
	livefill_start(&lf, md, test_datadir(), dir, NULL);
	livefill_wait(&lf);
	ck_assert_uint_eq(lf.n, 1);
	ck_assert_ptr_nonnull(lf.walks[0]);
	char *out = live_expand(md, "samples", livefill_text, &lf);
	const struct walk *w = lf.walks[0];
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		if (walk_state(&v->link) != RUN_OK)
			continue;
		char *p = walk_path(w, v->link.artifact), *q = oracle_quote(p);
		char *size = oracle_sh(NULL, "stat -c %%s %s", q);
		size[strcspn(size, "\n")] = '\0';
		char want[256];
		snprintf(want, sizeof want, "%s bytes", size);
		ck_assert_msg(strstr(out, want) != NULL, "%s: no '%s' in\n%s", v->link.artifact, want, out);
		free(p);
		free(q);
		free(size);
	}
	char *src = oracle_quote(w->src_abs);
	char *lines = oracle_sh(NULL, "gcc -E %s | wc -l", src);
	char want[128];
	snprintf(want, sizeof want, "hello.i: %d lines", atoi(lines));
	ck_assert_msg(strstr(out, want) != NULL, "no '%s' in\n%s", want, out);
	free(src);
	free(lines);
	free(out);
	livefill_free(&lf);
	free(dir);
}
END_TEST

static Suite *catalog_suite(void)
{
	size_t n;
	catalog_all(&n);
	Suite *s = suite_create("catalog");
	TCase *tc = tcase_create("lessons");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_every_catalog_lesson_loads, 0, (int)n);
	tcase_add_test(tc, test_stages_are_the_walks_stages);
	tcase_add_test(tc, test_misspellings_are_suggested);
	tcase_add_test(tc, test_standards_follows_the_preprocessor);
	tcase_add_test(tc, test_lessons_name_no_pane);
	tcase_add_test(tc, test_live_blocks_name_real_samples);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("live");
	tcase_set_timeout(tl, 600);
	tcase_add_test(tl, test_live_scan_and_expand);
	tcase_add_test(tl, test_live_fill_from_a_walk);
	suite_add_tcase(s, tl);
	return s;
}

int main(void)
{
	oracle_scratch();
	SRunner *sr = srunner_create(catalog_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
