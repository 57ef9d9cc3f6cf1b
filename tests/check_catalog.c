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

/* The text of lesson name (caller frees). */
static char *lesson_text(const char *name)
{
	struct lesson l;
	char err[512];
	ck_assert_msg(lesson_load(test_datadir(), name, &l, err, sizeof err) == 0, "%s", err);
	char *t = strdup(l.text);
	lesson_free(&l);
	return t;
}

/* text as a reader sees it: each glossary mark [WORDS](#term-ID) as its WORDS (caller
 * frees) */
static char *unmarked(const char *text)
{
	char *out = strdup(text), *o = out;
	ck_assert_ptr_nonnull(out);
	for (const char *p = text; *p;) {
		const char *close = *p == '[' ? strstr(p, "](#term-") : NULL;
		const char *end = close ? strchr(close, ')') : NULL;
		if (close && end && !memchr(p, '\n', (size_t)(close - p))) {
			memcpy(o, p + 1, (size_t)(close - p - 1));
			o += close - p - 1;
			p = end + 1;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static void assert_says(const char *name, const char *text, const char *phrase)
{
	char *plain = unmarked(text);
	ck_assert_msg(strstr(plain, phrase) != NULL, "%s does not say \"%s\"", name, phrase);
	free(plain);
}

/* What the lessons say about ldd, --as-needed, the line-0 markers, R_X86_64_PLT32 and
 * -z now holds for this machine's tools: each fact is measured here, and the lesson is
 * checked to state it. A fact the machine cannot show (no ldd, no static PIE, another
 * architecture or distribution) is not checked. */
START_TEST(test_lesson_claims_hold_here)
{
	const char *dir = oracle_scratch();
	char *qd = oracle_quote(dir), *hello = NULL, *libm = NULL;
	if (asprintf(&hello, "%s/samples/hello.c", test_datadir()) < 0 ||
	    asprintf(&libm, "%s/samples/libm.c", test_datadir()) < 0)
		abort();
	char *qh = oracle_quote(hello), *qm = oracle_quote(libm);
	char *link = lesson_text("link"), *spie = lesson_text("static-pie");
	char *pre = lesson_text("preprocess"), *as = lesson_text("assemble");
	char *dyn = lesson_text("dynamic-linking"), *libs = lesson_text("libraries");
	int st;
	char *out;

	/* ldd asks the loader: a static EXEC is refused, a static PIE is run and says so */
	out = oracle_sh(&st, "command -v ldd");
	int have_ldd = st == 0;
	free(out);
	out = oracle_sh(&st, "cd %s && gcc -static %s -o h-static 2>/dev/null && ldd ./h-static 2>&1",
			qd, qh);
	if (have_ldd && strstr(out, "not a dynamic executable")) {
		ck_assert_int_ne(st, 0);
		assert_says("link", link, "\"not a dynamic executable\"");
	}
	free(out);
	out = oracle_sh(&st, "cd %s && gcc -static-pie %s -o h-spie 2>/dev/null && ldd ./h-spie 2>&1",
			qd, qh);
	if (have_ldd && strstr(out, "statically linked")) {
		ck_assert_int_eq(st, 0);
		assert_says("link", link, "\"statically linked\"");
		assert_says("static-pie", spie, "\"statically linked\"");
		assert_says("static-pie", spie, "with status 0");
	}
	free(out);

	/* with --as-needed in gcc's specs, -lm before the object is dropped; without the
	 * option the same order links */
	out = oracle_sh(&st, "gcc -dumpspecs | grep -c -e --as-needed");
	if (st == 0) {
		free(out);
		out = oracle_sh(&st, "cd %s && gcc -lm %s -o m1 2>&1", qd, qm);
		ck_assert_int_ne(st, 0);
		free(out);
		out = oracle_sh(&st, "cd %s && gcc -Wl,--no-as-needed -lm %s -o m2 2>&1", qd, qm);
		ck_assert_msg(st == 0, "-Wl,--no-as-needed -lm before the object: %s", out);
		assert_says("link", link, "--as-needed");
		assert_says("libraries", libs, "Debian's own change to GCC's specs");
		assert_says("link", link, "not upstream");
	}
	free(out);
	out = oracle_sh(&st, "head -c 64 \"$(gcc -print-file-name=libm.so)\"");
	if (strstr(out, "GNU ld script"))
		assert_says("link", link, "linker script");
	free(out);

	/* the first markers of a .i carry line 0 and name <built-in> */
	out = oracle_sh(&st, "gcc -E %s | head -n 3", qh);
	if (strstr(out, "# 0 \"<built-in>\"")) {
		assert_says("preprocess", pre, "line 0");
		assert_says("preprocess", pre, "`<built-in>`");
	}
	free(out);

	/* x86-64: a call of a function of the same file, and a call in -fno-pie code, are
	 * R_X86_64_PLT32 too */
	out = oracle_sh(&st, "gcc -dumpmachine");
	int x86_64 = strncmp(out, "x86_64", 6) == 0;
	free(out);
	if (x86_64) {
		char *src = oracle_write(dir, "same.c", "void callee(void) {}\n"
					 "void caller(void) { callee(); }\n");
		char *qs = oracle_quote(src);
		for (int nopie = 0; nopie < 2; nopie++) {
			out = oracle_sh(&st, "cd %s && gcc %s -c %s -o same.o && readelf -rW same.o "
					"| grep -w callee", qd, nopie ? "-fno-pie" : "", qs);
			ck_assert_msg(strstr(out, "R_X86_64_PLT32") != NULL, "%s: %s",
				      nopie ? "-fno-pie" : "default", out);
			free(out);
		}
		assert_says("assemble", as, "R_X86_64_PLT32");
		assert_says("assemble", as, "-fno-pie");
		free(qs);
		free(src);
	}

	/* Debian's gcc links without -z now: no BIND_NOW, no NOW flag */
	out = oracle_sh(&st, "test -e /etc/debian_version && cd %s && gcc %s -o h-dyn && "
			"readelf -d h-dyn", qd, qh);
	if (st == 0 && strstr(out, "(NEEDED)") && !strstr(out, "BIND_NOW") && !strstr(out, " NOW"))
		assert_says("dynamic-linking", dyn, "Debian does not link with `-z now` by default");
	free(out);

	free(link);
	free(spie);
	free(pre);
	free(as);
	free(dyn);
	free(libs);
	free(qh);
	free(qm);
	free(qd);
	free(hello);
	free(libm);
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

/* "sample: ." is the program being walked: hello.c where there is none, and a fill asked
 * for LIVE_OWN and commands naming the learner's file where there is one. */
static char *own_fill(void *ctx, const char *sample, const char *fact)
{
	(void)ctx;
	(void)fact;
	return strcmp(sample, LIVE_OWN) == 0 ? strdup("filled by the walk\n") : NULL;
}

START_TEST(test_live_own_sample)
{
	const char *md = "# T\n\nS.\n\n```live\nsample: .\nfact: run.segments\n```\n";
	struct live_ref *refs;
	size_t n = live_scan(md, &refs);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(refs[0].sample, LIVE_OWN_FALLBACK);
	ck_assert_int_eq(refs[0].own, 1);
	live_refs_free(refs, n);
	char *alone = live_expand(md, "/s", NULL, NULL);
	ck_assert_ptr_nonnull(strstr(alone, "gcc -c /s/hello.c -o hello.o\n"));
	ck_assert_ptr_nonnull(strstr(alone, "readelf -lW hello\n"));
	free(alone);
	char *cmds = live_expand_own(md, "/s", "src/mine.c", NULL, NULL);
	ck_assert_ptr_nonnull(strstr(cmds, "gcc -c src/mine.c -o mine.o\n"));
	ck_assert_ptr_nonnull(strstr(cmds, "readelf -lW mine\n"));
	ck_assert_ptr_null(strstr(cmds, "hello"));
	free(cmds);
	char *filled = live_expand_own(md, "/s", "src/mine.c", own_fill, NULL);
	ck_assert_ptr_nonnull(strstr(filled, "your program `mine.c`"));
	ck_assert_ptr_nonnull(strstr(filled, "filled by the walk\n"));
	free(filled);
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
	tcase_add_test(tc, test_lesson_claims_hold_here);
	tcase_add_test(tc, test_live_blocks_name_real_samples);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("live");
	tcase_set_timeout(tl, 600);
	tcase_add_test(tl, test_live_scan_and_expand);
	tcase_add_test(tl, test_live_own_sample);
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
