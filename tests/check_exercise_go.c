/* check_exercise_go: the condition go-static on the exercise cgo-static's own files (start,
 * solution, wrong), built by the real go command. Every expectation about the program comes
 * from a witness run by hand (readelf on the program go made, the program run again through
 * sh); the arguments come from each build file's go: line. Skips (exit 77) when golang-go is
 * not installed. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/exercise_go.h"
#include "stages/golab.h"
#include "tests/oracle.h"

#define EX "lessons/exercises/cgo-static"
#define TEXT "C counts 14 characters"

static char *test_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *test_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static char *test_dir(const char *name)
{
	char *d = test_fmt("%s/%s.XXXXXX", oracle_scratch(), name);
	if (!mkdtemp(d))
		abort();
	return d;
}

/* The exercise's directory as a learner has it: start/, then over it the files of part
 * ("solution", "wrong"; NULL: none). */
static char *test_setup(const char *part)
{
	char *dir = test_dir("ex");
	char *q = oracle_quote(dir);
	int st = 0;
	free(oracle_sh(&st, "cp %s/" EX "/start/* %s", test_datadir(), q));
	ck_assert_int_eq(st, 0);
	if (part) {
		free(oracle_sh(&st, "cp %s/" EX "/%s/* %s", test_datadir(), part, q));
		ck_assert_int_eq(st, 0);
	}
	free(q);
	return dir;
}

/* The go: line of dir/build, split on blanks, a value in double quotes one word. */
static size_t test_go_args(const char *dir, char **words, size_t max)
{
	char *path = test_fmt("%s/build", dir);
	FILE *f = fopen(path, "re");
	ck_assert_ptr_nonnull(f);
	free(path);
	char line[512];
	size_t n = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "go:", 3) != 0)
			continue;
		char *p = line + 3;
		while (*p && n < max) {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			if (!*p || *p == '#')
				break;
			char *w = malloc(strlen(p) + 1), *o = w;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
				if (*p == '"') {
					p++;
					while (*p && *p != '"')
						*o++ = *p++;
					if (*p == '"')
						p++;
				} else {
					*o++ = *p++;
				}
			}
			*o = '\0';
			words[n++] = w;
		}
	}
	fclose(f);
	ck_assert_uint_gt(n, 0);
	return n;
}

static void test_words_free(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(words[i]);
}

/* The names of dir's entries, sorted, one a line (to see that nothing was written there). */
static char *test_listing(const char *dir)
{
	char *q = oracle_quote(dir);
	char *out = oracle_sh(NULL, "ls -A %s", q);
	free(q);
	return out;
}

struct run {
	char *dir, *walk, *fact;
	int ret;
};

static void test_run(struct run *r, const char *part, const char *text)
{
	r->dir = test_setup(part);
	r->walk = test_dir("walk");
	char *before = test_listing(r->dir);
	char *words[16];
	size_t n = test_go_args(r->dir, words, 16);
	r->ret = exercise_go_static(r->dir, r->walk, words, n, text, &r->fact);
	ck_assert_ptr_nonnull(r->fact);
	ck_assert_ptr_null(strchr(r->fact, '\n'));
	char *after = test_listing(r->dir);
	ck_assert_str_eq(before, after); /* the learner's directory is only read */
	free(before);
	free(after);
	test_words_free(words, n);
}

static void test_run_free(struct run *r)
{
	free(r->dir);
	free(r->walk);
	free(r->fact);
}

static char *test_prog(const struct run *r)
{
	return test_fmt("%s/go-build/prog", r->walk);
}

/* readelf's account of what the program needs: its NEEDED names and its interpreter. */
static char *test_witness(const struct run *r, const char *what)
{
	char *prog = test_prog(r);
	char *q = oracle_quote(prog);
	char *out;
	if (strcmp(what, "needed") == 0)
		out = oracle_sh(NULL, "readelf -dW %s | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p'",
				q);
	else
		out = oracle_sh(NULL, "readelf -lW %s | sed -n 's/.*interpreter: \\(.*\\)\\]/\\1/p'",
				q);
	free(q);
	free(prog);
	return out;
}

/* Each line of lines appears in fact. */
static void test_names_all(const char *fact, const char *lines)
{
	char *copy = strdup(lines), *save = NULL;
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		ck_assert_msg(strstr(fact, l), "\"%s\" does not name %s", fact, l);
	free(copy);
}

START_TEST(start_is_dynamic)
{
	struct run r;
	test_run(&r, NULL, TEXT);
	ck_assert_msg(r.ret == 0, "%d: %s", r.ret, r.fact);
	char *needed = test_witness(&r, "needed"), *interp = test_witness(&r, "interp");
	ck_assert_msg(*needed || *interp, "readelf sees a static program");
	test_names_all(r.fact, needed);
	test_names_all(r.fact, interp);
	free(needed);
	free(interp);
	test_run_free(&r);
}
END_TEST

START_TEST(solution_is_static)
{
	struct run r;
	test_run(&r, "solution", TEXT);
	ck_assert_msg(r.ret == 1, "%d: %s", r.ret, r.fact);
	char *needed = test_witness(&r, "needed"), *interp = test_witness(&r, "interp");
	ck_assert_str_eq(needed, "");
	ck_assert_str_eq(interp, "");
	free(needed);
	free(interp);
	/* the program, run again by hand, prints what the condition saw */
	char *prog = test_prog(&r), *q = oracle_quote(prog);
	int st = -1;
	char *out = oracle_sh(&st, "%s </dev/null", q);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, TEXT));
	free(out);
	free(q);
	free(prog);
	ck_assert_ptr_nonnull(strstr(r.fact, TEXT));
	/* text it does not print: the same static program, not yet */
	struct run other;
	test_run(&other, "solution", "C counts 15 characters");
	ck_assert_msg(other.ret == 0, "%d: %s", other.ret, other.fact);
	ck_assert_ptr_nonnull(strstr(other.fact, "C counts 15 characters"));
	/* no text: static and exits 0 is enough */
	struct run bare;
	test_run(&bare, "solution", NULL);
	ck_assert_msg(bare.ret == 1, "%d: %s", bare.ret, bare.fact);
	test_run_free(&bare);
	test_run_free(&other);
	test_run_free(&r);
}
END_TEST

START_TEST(wrong_stays_dynamic)
{
	struct run r;
	test_run(&r, "wrong", TEXT);
	ck_assert_msg(r.ret == 0, "%d: %s", r.ret, r.fact);
	char *needed = test_witness(&r, "needed");
	ck_assert_str_ne(needed, "");
	test_names_all(r.fact, needed);
	free(needed);
	test_run_free(&r);
}
END_TEST

START_TEST(broken_source_is_a_result)
{
	char *dir = test_setup("solution");
	char *walk = test_dir("walk");
	/* a learner's edit that does not compile: an undefined name on main.go's last line */
	char *path = test_fmt("%s/main.go", dir);
	FILE *f = fopen(path, "ae");
	ck_assert_ptr_nonnull(f);
	fputs("var broken = undefinedName\n", f);
	fclose(f);
	char *words[16];
	size_t n = test_go_args(dir, words, 16);
	char *fact = NULL;
	int ret = exercise_go_static(dir, walk, words, n, TEXT, &fact);
	ck_assert_msg(ret == 0, "%d: %s", ret, fact);
	ck_assert_ptr_nonnull(strstr(fact, "undefinedName"));
	ck_assert_ptr_nonnull(strstr(fact, "main.go"));
	free(fact);
	test_words_free(words, n);
	free(path);
	free(walk);
	free(dir);
}
END_TEST

START_TEST(static_but_failing_alone)
{
	/* a static program that ends badly: the line says how it ended, as the run by hand */
	char *dir = test_setup("solution");
	char *walk = test_dir("walk");
	char *path = test_fmt("%s/main.go", dir);
	char *q = oracle_quote(path);
	int st = -1;
	free(oracle_sh(&st, "sed -i 's/^\\tfmt.Printf(.*$/&\\n\\tos.Exit(3)/; "
			    "s/^\\t\"fmt\"$/&\\n\\t\"os\"/' %s", q));
	ck_assert_int_eq(st, 0);
	char *words[16];
	size_t n = test_go_args(dir, words, 16);
	char *fact = NULL;
	int ret = exercise_go_static(dir, walk, words, n, TEXT, &fact);
	ck_assert_msg(ret == 0, "%d: %s", ret, fact);
	char *prog = test_fmt("%s/go-build/prog", walk), *pq = oracle_quote(prog);
	char *out = oracle_sh(&st, "%s </dev/null", pq);
	ck_assert_int_ne(st, 0); /* the edit took: the program fails by hand too */
	char *status = test_fmt("exit %d", st);
	ck_assert_msg(strstr(fact, status), "\"%s\" does not say %s", fact, status);
	free(status);
	free(out);
	free(pq);
	free(prog);
	free(q);
	free(path);
	free(fact);
	test_words_free(words, n);
	free(walk);
	free(dir);
}
END_TEST

START_TEST(no_go_says_how_to_get_it)
{
	char *empty = test_dir("path");
	setenv("PATH", empty, 1); /* this test runs in a process of its own (Check forks) */
	ck_assert_int_eq(exercise_go_available(), 0);
	char *dir = test_dir("ex"), *walk = test_dir("walk");
	char *words[] = { "." };
	char *fact = NULL;
	ck_assert_int_eq(exercise_go_static(dir, walk, words, 1, NULL, &fact), -1);
	ck_assert_ptr_nonnull(strstr(fact, GOLAB_PACKAGE));
	free(fact);
	free(walk);
	free(dir);
	free(empty);
}
END_TEST

START_TEST(home_stays_empty)
{
	char *home = test_dir("home");
	setenv("HOME", home, 1);
	struct run r;
	test_run(&r, NULL, TEXT);
	ck_assert_msg(r.ret == 0, "%d: %s", r.ret, r.fact);
	char *listing = test_listing(home);
	ck_assert_str_eq(listing, "");
	free(listing);
	test_run_free(&r);
	free(home);
}
END_TEST

START_TEST(output_is_lessons_to_name)
{
	char *dir = test_setup(NULL), *walk = test_dir("walk");
	char *bad[][2] = { { "-o", "/tmp/x" }, { "--o=x", "." }, { "-toolexec", "x" },
			   { "-C=..", "." } };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *fact = NULL;
		ck_assert_int_eq(exercise_go_static(dir, walk, bad[i], 2, NULL, &fact), -1);
		ck_assert_ptr_nonnull(strstr(fact, bad[i][0]));
		free(fact);
	}
	/* nothing was built */
	char *listing = test_listing(walk);
	ck_assert_str_eq(listing, "");
	free(listing);
	free(walk);
	free(dir);
}
END_TEST

static Suite *exercise_go_suite(void)
{
	Suite *s = suite_create("exercise_go");
	TCase *tc = tcase_create("go-static");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_test(tc, start_is_dynamic);
	tcase_add_test(tc, solution_is_static);
	tcase_add_test(tc, wrong_stays_dynamic);
	tcase_add_test(tc, broken_source_is_a_result);
	tcase_add_test(tc, no_go_says_how_to_get_it);
	tcase_add_test(tc, home_stays_empty);
	tcase_add_test(tc, output_is_lessons_to_name);
	tcase_add_test(tc, static_but_failing_alone);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	if (!exercise_go_available()) {
		printf("SKIP: " GOLAB_PACKAGE " is not installed (no go command in PATH); "
		       "apt-get install " GOLAB_PACKAGE " to run these tests\n");
		return 77;
	}
	oracle_scratch();
	SRunner *sr = srunner_create(exercise_go_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
