/* check_interpose: the LD_PRELOAD wrapper built in a real walk of samples/hello.c and each
 * linked program run under it. What the module says is checked against the toolchain: the
 * wrapped function is one nm lists undefined in the .o, the library defines it (nm -D), the
 * programs with a PT_INTERP (readelf -l) show the marker and those without never do, and
 * the dynamic program run by hand with LD_PRELOAD prints the same marker. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/interpose.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static struct walk *w;
static struct interpose ip;
static int ip_rc;

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static void setup(void)
{
	char *src = NULL, *dir = NULL;
	if (asprintf(&src, "%s/samples/hello.c", test_datadir()) < 0 ||
	    asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	struct walk_opts o = { 0 };
	char err[256];
	w = walk_new(src, &o, dir, err, sizeof err);
	ck_assert_msg(w != NULL, "walk_new: %s", err);
	walk_run(w);
	ip_rc = interpose_compute(w, &ip);
	free(src);
	free(dir);
}

static void teardown(void)
{
	interpose_free(&ip);
	walk_free(w);
}

/* sh's output of a command run in the walk directory. */
static char *test_in_dir(int *st, const char *cmd)
{
	char *q = oracle_quote(w->dir);
	char *out = oracle_sh(st, "cd %s && %s", q, cmd);
	free(q);
	return out;
}

START_TEST(test_wraps_a_function_the_object_calls)
{
	ck_assert_msg(ip_rc == 0, "interpose: %s", ip.say_en);
	ck_assert_ptr_nonnull(ip.func);
	char *cmd = NULL;
	ck_assert(asprintf(&cmd, "nm -u hello.o | awk '{print $2}' | grep -cx '%s'", ip.func) >= 0);
	int st;
	char *out = test_in_dir(&st, cmd);
	ck_assert_msg(atoi(out) == 1, "nm -u hello.o does not list %s", ip.func);
	free(out);
	free(cmd);
	ck_assert(asprintf(&cmd, "nm -D --defined-only %s | awk '{print $3}' | grep -cx '%s'",
			   ip.lib, ip.func) >= 0);
	out = test_in_dir(&st, cmd);
	ck_assert_msg(atoi(out) == 1, "nm -D %s does not define %s", ip.lib, ip.func);
	free(out);
	free(cmd);
	ck_assert(ip.built);
	ck_assert_ptr_nonnull(ip.say_en);
}
END_TEST

START_TEST(test_marker_only_where_a_loader_runs)
{
	size_t dyn = 0, stat = 0;
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		if (v->link.state != RUN_OK)
			continue;
		ck_assert_msg(ip.run[k].ran, "%s was not run", v->link.artifact);
		char *cmd = NULL;
		ck_assert(asprintf(&cmd, "readelf -lW %s | grep -c 'Requesting program interpreter'",
				   v->link.artifact) >= 0);
		int st;
		char *out = test_in_dir(&st, cmd);
		int interp = atoi(out) > 0;
		free(out);
		free(cmd);
		ck_assert_int_eq(ip.run[k].has_loader, interp);
		if (interp) {
			ck_assert_msg(ip.run[k].markers > 0, "%s: no marker in %s", v->link.artifact,
				      ip.run[k].proc.err);
			/* the same by hand: the loader reads LD_PRELOAD */
			char *q = oracle_quote(ip.lib_path);
			ck_assert(asprintf(&cmd, "LD_PRELOAD=%s ./%s 2>&1 >/dev/null </dev/null", q,
					   v->link.artifact) >= 0);
			out = test_in_dir(&st, cmd);
			ck_assert_msg(strstr(out, ip.marker) != NULL, "by hand: %s", out);
			free(out);
			free(cmd);
			free(q);
			dyn++;
		} else {
			ck_assert_msg(ip.run[k].markers == 0, "%s printed the marker",
				      v->link.artifact);
			stat++;
		}
		ck_assert_ptr_nonnull(ip.run[k].say_en);
		ck_assert_ptr_nonnull(strstr(ip.run[k].say_en, ip.lib));
		/* stdout is the program's, unchanged by the wrapper */
		ck_assert_str_eq(ip.run[k].proc.out ? ip.run[k].proc.out : "",
				 v->run.out ? v->run.out : "");
	}
	ck_assert_msg(dyn >= 1, "no dynamic program ran");
	ck_assert_msg(stat >= 2, "fewer than two static programs ran");
}
END_TEST

/* A program that calls none of the functions the wrapper knows: nothing built, and why. */
START_TEST(test_nothing_to_wrap)
{
	char *dir = NULL;
	if (asprintf(&dir, "%s/quiet.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	char *src = oracle_write(dir, "quiet.c", "int main(void)\n{\n\treturn 0;\n}\n");
	struct walk_opts o = { 0 };
	char err[256];
	struct walk *q = walk_new(src, &o, dir, err, sizeof err);
	ck_assert_msg(q != NULL, "walk_new: %s", err);
	walk_run(q);
	int st;
	char *qd = oracle_quote(dir);
	char *und = oracle_sh(&st, "nm -u %s/quiet.o | wc -l", qd);
	ck_assert_int_eq(atoi(und), 0);
	struct interpose none;
	ck_assert_int_eq(interpose_compute(q, &none), -1);
	ck_assert_ptr_null(none.func);
	ck_assert_ptr_nonnull(strstr(none.say_en, "calls none of"));
	interpose_free(&none);
	walk_free(q);
	free(und);
	free(qd);
	free(src);
	free(dir);
}
END_TEST

int main(void)
{
	oracle_scratch();
	Suite *s = suite_create("interpose");
	TCase *t = tcase_create("hello");
	tcase_set_timeout(t, 0);
	tcase_add_unchecked_fixture(t, setup, teardown);
	tcase_add_test(t, test_wraps_a_function_the_object_calls);
	tcase_add_test(t, test_marker_only_where_a_loader_runs);
	suite_add_tcase(s, t);
	TCase *n = tcase_create("none");
	tcase_set_timeout(n, 0);
	tcase_add_test(n, test_nothing_to_wrap);
	suite_add_tcase(s, n);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
