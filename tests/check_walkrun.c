/* check_walkrun: stage 5 as the walk computes it (stages/walkrun.h) holds the facts the
 * modules give when called on their own on the same files, and those facts agree with the
 * tools (readelf, nm); a walk whose programs never linked says why stage 5 was not reached.
 * No expectation is a typed value: each comes from a module's own call or a tool's output. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/interpose.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static struct walk *hello;

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static struct walk *test_walk(const char *src)
{
	char *dir = NULL;
	if (asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	struct walk_opts o = { .no_clang = 1 };
	char err[256];
	struct walk *w = walk_new(src, &o, dir, err, sizeof err);
	ck_assert_msg(w != NULL, "walk_new: %s", err);
	free(dir);
	walk_run(w);
	ck_assert(walk_is_done(w));
	/* the walk is done only once stage 5 is in */
	ck_assert(walk_run5_ready(w));
	return w;
}

static void hello_setup(void)
{
	char *src = NULL;
	if (asprintf(&src, "%s/samples/hello.c", test_datadir()) < 0)
		abort();
	hello = test_walk(src);
	free(src);
}

static void hello_teardown(void)
{
	walk_free(hello);
}

START_TEST(test_run_stage_is_ok)
{
	ck_assert_int_eq(walk_stage_state(hello, STAGE_RUN), RUN_OK);
	ck_assert_ptr_eq(walk_stage_run(hello, STAGE_RUN), &hello->run5.run);
	ck_assert_str_eq(walk_stage_name(STAGE_RUN), "run");
	for (int k = 0; k < LINK_COUNT; k++)
		ck_assert_int_eq(hello->run5.ran[k], walk_state(&hello->variant[k].link) == RUN_OK);
}
END_TEST

/* Each program's segments as segs_read() reads them alone, and readelf -lW's count. */
START_TEST(test_segments_are_the_modules)
{
	const struct link_variant *v = &hello->variant[_i];
	const struct walk_run5 *r = &hello->run5;
	if (!r->ran[_i])
		return;
	ck_assert_msg(r->segs_ok[_i], "%s", r->segs[_i].error);
	char *path = walk_path(hello, v->link.artifact);
	struct segs s;
	ck_assert_int_eq(segs_read(path, &s), 0);
	const struct segs *ws = &r->segs[_i];
	ck_assert_uint_eq(ws->n_ph, s.n_ph);
	ck_assert_uint_eq(ws->entry, s.entry);
	ck_assert_int_eq(ws->main_found, s.main_found);
	ck_assert_uint_eq(ws->main_addr, s.main_addr);
	ck_assert_str_eq(ws->path_say, s.path_say);
	for (size_t i = 0; i < s.n_ph; i++) {
		ck_assert_str_eq(ws->ph[i].type_name, s.ph[i].type_name);
		ck_assert_uint_eq(ws->ph[i].vaddr, s.ph[i].vaddr);
		ck_assert_uint_eq(ws->ph[i].n_sections, s.ph[i].n_sections);
	}
	char *q = oracle_quote(path);
	char *n = oracle_sh(NULL, "readelf -lW %s | sed -n 's/^There are \\([0-9]*\\) program headers.*/\\1/p'", q);
	ck_assert_uint_eq(ws->n_ph, strtoul(n, NULL, 10));
	free(n);
	free(q);
	segs_free(&s);
	free(path);
}
END_TEST

/* The loader's facts of the file, as ldtrace_study() gives them alone, and readelf -rW's
 * count of RELATIVE and IRELATIVE relocations. */
START_TEST(test_loader_is_the_modules)
{
	const struct link_variant *v = &hello->variant[_i];
	const struct walk_run5 *r = &hello->run5;
	if (!r->ran[_i])
		return;
	ck_assert_msg(r->ld_ok[_i], "%s", r->ld[_i].error);
	struct ldtrace t;
	struct ldtrace_opts o = { .dir = hello->dir, .exe = v->link.artifact, .jail = &hello->jail,
				  .musl = _i == LINK_MUSL };
	ck_assert_msg(ldtrace_study(&o, &t) == 0, "%s", t.error);
	const struct ldtrace *wt = &r->ld[_i];
	ck_assert_int_eq(wt->kind, t.kind);
	ck_assert_uint_eq(wt->n_relative, t.n_relative);
	ck_assert_uint_eq(wt->n_irelative, t.n_irelative);
	ck_assert_int_eq(wt->lazy_ran, t.lazy_ran);
	ck_assert_int_eq(wt->now_ran, t.now_ran);
	ck_assert_uint_eq(wt->lazy.n_libs, t.lazy.n_libs);
	char *path = walk_path(hello, v->link.artifact);
	char *q = oracle_quote(path);
	char *rel = oracle_sh(NULL, "readelf -rW %s | grep -c 'R_X86_64_RELATIVE'", q);
	char *irel = oracle_sh(NULL, "readelf -rW %s | grep -c 'R_X86_64_IRELATIVE'", q);
	ck_assert_uint_eq(wt->n_relative, strtoul(rel, NULL, 10));
	ck_assert_uint_eq(wt->n_irelative, strtoul(irel, NULL, 10));
	free(rel);
	free(irel);
	free(q);
	free(path);
	ldtrace_free(&t);
}
END_TEST

/* The process at main: main's address is nm's, and the first run stopped there. */
START_TEST(test_process_is_the_modules)
{
	const struct link_variant *v = &hello->variant[_i];
	const struct walk_run5 *r = &hello->run5;
	if (!r->ran[_i])
		return;
	const struct procmain *pm = &r->pm[_i];
	ck_assert_msg(r->pm_ok[_i], "%s", pm->say);
	ck_assert(pm->has_main);
	ck_assert_int_eq(pm->run[0].state, PROCMAIN_AT_MAIN);
	char *path = walk_path(hello, v->link.artifact);
	char *q = oracle_quote(path);
	char *m = oracle_sh(NULL, "nm %s | awk '$3 == \"main\" { print $1 }'", q);
	ck_assert_uint_eq(pm->main_vaddr, strtoull(m, NULL, 16));
	ck_assert_uint_eq(pm->run[0].main_addr, pm->main_vaddr + pm->run[0].bias);
	free(m);
	free(q);
	free(path);
}
END_TEST

/* The relocations filled in: what relocs_walk() gives alone, relocation by relocation. */
START_TEST(test_relocs_are_the_modules)
{
	const struct walk_run5 *r = &hello->run5;
	ck_assert_msg(r->glibc_ok, "%s", r->glibc.error);
	struct relocs g, m;
	ck_assert_int_eq(relocs_walk(hello, &g, &m), 0);
	ck_assert_uint_eq(r->glibc.n_relocs, g.n_relocs);
	ck_assert_uint_eq(r->glibc.n_progs, g.n_progs);
	for (size_t i = 0; i < g.n_relocs; i++) {
		const struct relocs_reloc *a = &r->glibc.relocs[i], *b = &g.relocs[i];
		ck_assert_uint_eq(a->offset, b->offset);
		ck_assert_uint_eq(a->type, b->type);
		ck_assert_uint_eq(a->line, b->line);
		for (size_t k = 0; k < g.n_progs; k++) {
			ck_assert_int_eq(a->fill[k].found, b->fill[k].found);
			ck_assert_uint_eq(a->fill[k].place, b->fill[k].place);
			ck_assert_int_eq(a->fill[k].stored, b->fill[k].stored);
			ck_assert_int_eq(a->fill[k].checked, b->fill[k].checked);
		}
	}
	ck_assert_uint_eq(r->musl.n_relocs, m.n_relocs);
	/* and objdump -dr counts the .o's relocations the same */
	char *o = walk_path(hello, "hello.o");
	char *q = oracle_quote(o);
	char *n = oracle_sh(NULL, "objdump -dr %s | grep -c 'R_X86_64_'", q);
	ck_assert_uint_eq(g.n_relocs, strtoul(n, NULL, 10));
	free(n);
	free(q);
	free(o);
	relocs_free(&g);
	relocs_free(&m);
}
END_TEST

/* The wrapper: the dynamic program printed its marker, the static ones never did. */
START_TEST(test_interposition)
{
	const struct walk_run5 *r = &hello->run5;
	ck_assert_ptr_nonnull(r->ip);
	ck_assert_msg(r->ip_ok, "%s", r->ip->say);
	for (int k = 0; k < LINK_COUNT; k++) {
		if (!r->ip->run[k].ran)
			continue;
		if (r->ip->run[k].has_loader)
			ck_assert_uint_ge(r->ip->run[k].markers, 1);
		else
			ck_assert_uint_eq(r->ip->run[k].markers, 0);
	}
}
END_TEST

/* A program that does not link: stage 5 is not reached, saying the link failed. */
START_TEST(test_no_link_no_run)
{
	char *src = oracle_write(oracle_scratch(), "nodef.c",
				 "int never_defined(void);\nint main(void)\n{\n\treturn never_defined();\n}\n");
	struct walk *w = test_walk(src);
	ck_assert_int_eq(walk_stage_state(w, STAGE_LINK), RUN_FAILED);
	ck_assert_int_eq(walk_stage_state(w, STAGE_RUN), RUN_SKIPPED);
	ck_assert_ptr_nonnull(w->run5.run.skip_reason_en);
	ck_assert_ptr_nonnull(strstr(w->run5.run.skip_reason_en, "the link failed"));
	for (int k = 0; k < LINK_COUNT; k++)
		ck_assert(!w->run5.ran[k]);
	walk_free(w);
	free(src);
}
END_TEST

/* A program that does not compile: stage 5 is skipped with the compile's reason. */
START_TEST(test_no_compile_no_run)
{
	char *src = oracle_write(oracle_scratch(), "broken.c", "int main(void)\n{\n\treturn 0\n}\n");
	struct walk *w = test_walk(src);
	ck_assert_int_eq(walk_stage_state(w, STAGE_RUN), RUN_SKIPPED);
	ck_assert_ptr_nonnull(w->run5.run.skip_reason_en);
	ck_assert_ptr_nonnull(strstr(w->run5.run.skip_reason_en, "compile"));
	walk_free(w);
	free(src);
}
END_TEST

static Suite *walkrun_suite(void)
{
	Suite *s = suite_create("walkrun");
	TCase *tc = tcase_create("hello");
	tcase_set_timeout(tc, 0);
	tcase_add_unchecked_fixture(tc, hello_setup, hello_teardown);
	tcase_add_test(tc, test_run_stage_is_ok);
	tcase_add_loop_test(tc, test_segments_are_the_modules, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_loader_is_the_modules, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_process_is_the_modules, 0, LINK_COUNT);
	tcase_add_test(tc, test_relocs_are_the_modules);
	tcase_add_test(tc, test_interposition);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("not reached");
	tcase_set_timeout(te, 0);
	tcase_add_test(te, test_no_link_no_run);
	tcase_add_test(te, test_no_compile_no_run);
	suite_add_tcase(s, te);
	return s;
}

int main(void)
{
	oracle_scratch();
	SRunner *sr = srunner_create(walkrun_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
