/* check_question: the lessons' questions (lessons/question.h): the parser, malformed blocks,
 * and each kind of answer computed on real walks of the samples, compared with what the
 * tools say when run by hand (stat, nm, ldd, ld's --trace) through tests/oracle.c. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "lessons/live.h"
#include "lessons/question.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static struct walk *hello, *libm;
static char *qdir; /* the scratch directory, quoted for sh */
static char *qhello, *qlibm; /* the samples' paths, quoted */

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static struct walk *test_walk(const char *name)
{
	char *dir = NULL, *src = NULL;
	if (asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir) ||
	    asprintf(&src, "%s/samples/%s", test_datadir(), name) < 0)
		abort();
	char err[256];
	struct walk *w = walk_new(src, NULL, dir, err, sizeof err);
	ck_assert_msg(w != NULL, "walk_new: %s", err);
	free(dir);
	free(src);
	walk_run(w);
	ck_assert(walk_is_done(w));
	return w;
}

static void walks_setup(void)
{
	char *h = NULL, *l = NULL;
	if (asprintf(&h, "%s/samples/hello.c", test_datadir()) < 0 ||
	    asprintf(&l, "%s/samples/libm.c", test_datadir()) < 0)
		abort();
	qhello = oracle_quote(h);
	qlibm = oracle_quote(l);
	qdir = oracle_quote(oracle_scratch());
	free(h);
	free(l);
	hello = test_walk("hello.c");
	libm = test_walk("libm.c");
}

static void walks_teardown(void)
{
	walk_free(hello);
	walk_free(libm);
	free(qhello);
	free(qlibm);
	free(qdir);
}

/* The one question of md, which the test expects to parse. */
static struct question *test_one(const char *md, size_t *n)
{
	struct question *qs;
	*n = question_scan(md, &qs);
	ck_assert_uint_eq(*n, 1);
	return qs;
}

/* --- the parser ------------------------------------------------------------------------ */

START_TEST(test_parse)
{
	const char *md = "# T\n\nSummary.\n\n"
			 "```question\n"
			 "sample: .\n"
			 "ask: Which is biggest?\n"
			 "choice: dynamic\n"
			 "choice:   static  \n"
			 "choice: static-pie\n"
			 "answer: link.biggest\n"
			 "look: link/static\n"
			 "```\n\nAfter.\n"
			 "````md\n```question\nnot: a block, inside a longer fence\n```\n````\n";
	size_t n;
	struct question *q = test_one(md, &n);
	ck_assert_ptr_null(q->error);
	ck_assert(q->own);
	ck_assert_str_eq(q->sample, LIVE_OWN_FALLBACK);
	ck_assert_str_eq(q->ask, "Which is biggest?");
	ck_assert_uint_eq(q->n_choices, 3);
	ck_assert_str_eq(q->choices[1], "static");
	ck_assert_int_eq(q->kind, QUESTION_BIGGEST);
	ck_assert_int_eq(q->stage, STAGE_LINK);
	ck_assert_str_eq(q->view, "static");
	ck_assert_int_eq(q->line, 5);
	question_list_free(q, n);

	/* tildes open a block too, and the stage alone names no view */
	q = test_one("~~~~question\nsample: libm.c\nask: A?\nchoice: main\nchoice: cbrt\n"
		     "answer: assemble.undefined\nlook: assemble\n~~~~\n", &n);
	ck_assert_ptr_null(q->error);
	ck_assert(!q->own);
	ck_assert_str_eq(q->sample, "libm.c");
	ck_assert_int_eq(q->kind, QUESTION_UNDEFINED);
	ck_assert_int_eq(q->stage, STAGE_ASSEMBLE);
	ck_assert_ptr_null(q->view);
	question_list_free(q, n);
}
END_TEST

/* Each malformed block is listed, with a sentence saying what is wrong. */
static const char *const test_bad[] = {
	/* no ask */
	"```question\nsample: .\nchoice: a\nchoice: b\nanswer: link.biggest\nlook: link\n```\n",
	/* one choice */
	"```question\nsample: .\nask: Q?\nchoice: static\nanswer: link.biggest\nlook: link\n```\n",
	/* five choices */
	"```question\nsample: .\nask: Q?\nchoice: 1\nchoice: 2\nchoice: 3\nchoice: 4\n"
	"choice: 5+\nanswer: link.members\nlook: link\n```\n",
	/* an answer that is no fact */
	"```question\nsample: .\nask: Q?\nchoice: a\nchoice: b\nanswer: link.nonsense\n"
	"look: link\n```\n",
	/* a place to look that is no stage */
	"```question\nsample: .\nask: Q?\nchoice: a\nchoice: b\nanswer: assemble.undefined\n"
	"look: linker\n```\n",
	/* nowhere to look */
	"```question\nsample: .\nask: Q?\nchoice: a\nchoice: b\nanswer: assemble.undefined\n```\n",
	/* a choice of link.members that is not a range */
	"```question\nsample: .\nask: Q?\nchoice: many\nchoice: 1-9\nanswer: link.members\n"
	"look: link\n```\n",
	/* a range upside down */
	"```question\nsample: .\nask: Q?\nchoice: 9-1\nchoice: 10+\nanswer: link.members\n"
	"look: link\n```\n",
	/* a choice of link.biggest that is no way of linking */
	"```question\nsample: .\nask: Q?\nchoice: dynamic\nchoice: shared\nanswer: link.biggest\n"
	"look: link\n```\n",
	/* a line that is none of the keys */
	"```question\nsample: .\nask: Q?\nchoice: a\nchoice: b\nanswer: assemble.undefined\n"
	"look: assemble\nright: a\n```\n",
	/* a sample outside samples/ */
	"```question\nsample: ../etc/passwd\nask: Q?\nchoice: a\nchoice: b\n"
	"answer: assemble.undefined\nlook: assemble\n```\n",
	/* no sample */
	"```question\nask: Q?\nchoice: a\nchoice: b\nanswer: assemble.undefined\nlook: assemble\n"
	"```\n",
	/* never closed */
	"```question\nsample: .\nask: Q?\nchoice: a\nchoice: b\nanswer: assemble.undefined\n"
	"look: assemble\n",
};

START_TEST(test_malformed)
{
	size_t n;
	struct question *q = test_one(test_bad[_i], &n);
	ck_assert_msg(q->error != NULL, "block %d is not found malformed", _i);
	ck_assert_msg(strlen(q->error) > 10, "block %d: a short error", _i);
	/* expanded, it says so in place, and no question is numbered */
	int number = 0;
	char *out = question_expand(test_bad[_i], &number, NULL, NULL);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(strstr(out, q->error));
	ck_assert_ptr_null(strstr(out, "```question"));
	ck_assert_int_eq(number, 0);
	/* a walk cannot answer it */
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, hello, &v), -1);
	ck_assert_int_eq(v.right, -1);
	free(v.fact);
	free(out);
	question_list_free(q, n);
}
END_TEST

START_TEST(test_ranges)
{
	ck_assert_int_eq(question_in_range("12", 12), 1);
	ck_assert_int_eq(question_in_range("12", 13), 0);
	ck_assert_int_eq(question_in_range("10-99", 10), 1);
	ck_assert_int_eq(question_in_range("10-99", 99), 1);
	ck_assert_int_eq(question_in_range("10-99", 100), 0);
	ck_assert_int_eq(question_in_range("100+", 100), 1);
	ck_assert_int_eq(question_in_range("100+", 99), 0);
	ck_assert_int_eq(question_in_range("x", 1), -1);
	ck_assert_int_eq(question_in_range("", 1), -1);
	ck_assert_int_eq(question_in_range("5-", 1), -1);
	ck_assert_int_eq(question_in_range("5-3", 4), -1);
	ck_assert_int_eq(question_in_range("5+1", 6), -1);
}
END_TEST

/* Expansion numbers the questions on from the count given, lists the choices lettered, and
 * leaves the rest of the text alone. */
static void test_after(void *ctx, FILE *f, const struct question *q, int number)
{
	(*(int *)ctx)++;
	fprintf(f, "AFTER %d %s\n", number, q->answer);
}

START_TEST(test_expand)
{
	const char *md = "# T\n\nOne.\n\n```question\nsample: hello.c\nask: First?\nchoice: puts\n"
			 "choice: main\nanswer: assemble.undefined\nlook: assemble/nm\n```\n\n"
			 "Two.\n\n"
			 "```question\nsample: .\nask: Second?\nchoice: 0-9\nchoice: 10+\n"
			 "answer: link.members\nlook: link/static\n```\nThree.\n";
	int number = 4, calls = 0;
	char *out = question_expand(md, &number, test_after, &calls);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(number, 6);
	ck_assert_int_eq(calls, 2);
	ck_assert_ptr_nonnull(strstr(out, "Question 5.** First?"));
	ck_assert_ptr_nonnull(strstr(out, "Question 6.** Second?"));
	ck_assert_ptr_nonnull(strstr(out, "- a) `puts`\n- b) `main`\n"));
	ck_assert_ptr_nonnull(strstr(out, "AFTER 5 assemble.undefined\n"));
	ck_assert_ptr_nonnull(strstr(out, "AFTER 6 link.members\n"));
	ck_assert_ptr_null(strstr(out, "```question"));
	ck_assert(strncmp(out, "# T\n\nOne.\n\n", 11) == 0);
	ck_assert_ptr_nonnull(strstr(out, "\nThree.\n"));
	free(out);

	/* without a walk: the commands that show the fact, for the sample and for own */
	struct question_where where = { "/data/samples", "/home/me/prog.c" };
	out = question_expand(md, NULL, question_after_commands, &where);
	ck_assert_ptr_nonnull(strstr(out, "gcc -c /data/samples/hello.c -o hello.o\nnm hello.o"));
	ck_assert_ptr_nonnull(strstr(out, "gcc -c /home/me/prog.c -o prog.o"));
	ck_assert_ptr_nonnull(strstr(out, "-Wl,-Map,prog.map"));
	free(out);

	/* the samples the questions name, as live blocks for livefill */
	out = question_live_md(md);
	ck_assert_ptr_nonnull(strstr(out, "```live\nsample: hello.c\nfact: link.size\n```"));
	ck_assert_ptr_nonnull(strstr(out, "```live\nsample: .\nfact: link.size\n```"));
	free(out);
}
END_TEST

/* Every question of every lesson is well formed. */
START_TEST(test_lessons)
{
	size_t n_cat, total = 0;
	const struct catalog_entry *cat = catalog_all(&n_cat);
	for (size_t i = 0; i < n_cat; i++) {
		struct lesson l;
		char err[256];
		ck_assert_msg(lesson_load(test_datadir(), cat[i].name, &l, err, sizeof err) == 0,
			      "%s", err);
		struct question *qs;
		size_t n = question_scan(l.text, &qs);
		for (size_t k = 0; k < n; k++)
			ck_assert_msg(!qs[k].error, "lessons/%s.md:%d: %s", cat[i].name, qs[k].line,
				      qs[k].error);
		total += n;
		question_list_free(qs, n);
		lesson_free(&l);
	}
	ck_assert_msg(total >= 6, "the lessons ask %zu questions", total);
}
END_TEST

/* --- the answers, against the tools ------------------------------------------------------ */

/* A question of kind answer over choices (NULL-terminated), parsed as a lesson would be. */
static struct question *test_question(const char *sample, const char *answer,
				      const char *const *choices)
{
	char *md = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&md, &len);
	fprintf(f, "```question\nsample: %s\nask: Q?\n", sample);
	for (size_t i = 0; choices[i]; i++)
		fprintf(f, "choice: %s\n", choices[i]);
	fprintf(f, "answer: %s\nlook: link\n```\n", answer);
	fclose(f);
	size_t n;
	struct question *q = test_one(md, &n);
	ck_assert_msg(!q->error, "%s", q->error);
	free(md);
	return q;
}

START_TEST(test_biggest)
{
	/* build the four programs by hand and stat them */
	int st;
	char *out = oracle_sh(&st, "cd %s && gcc -c %s -o hello.o && gcc hello.o -o hello && "
			      "gcc -static hello.o -o hello-static && "
			      "gcc -static-pie hello.o -o hello-static-pie && "
			      "{ ! command -v musl-gcc >/dev/null || "
			      "musl-gcc -static %s -o hello-musl; } && "
			      "ls -S hello hello-static hello-static-pie "
			      "$(ls hello-musl 2>/dev/null) | head -n 1", qdir, qhello, qhello);
	ck_assert_msg(st == 0, "the builds by hand failed: %s", out);
	out[strcspn(out, "\n")] = '\0';
	const char *kind = strcmp(out, "hello") == 0 ? "dynamic" : out + strlen("hello-");
	static const char *const choices[] = { "dynamic", "static", "static-pie", "musl", NULL };
	struct question *q = test_question(".", "link.biggest", choices);
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, hello, &v), 0);
	ck_assert_msg(v.right >= 0 && strcmp(choices[v.right], kind) == 0,
		      "the walk says %s is biggest, ls -S says %s", v.right >= 0 ?
		      choices[v.right] : "nothing", kind);
	/* the size the fact gives is the file's, as stat(1) says */
	const struct link_variant *b = &hello->variant[v.right];
	char *path = walk_path(hello, b->link.artifact), *qp = oracle_quote(path);
	char *size = oracle_sh(&st, "stat -c %%s %s", qp);
	size[strcspn(size, "\n")] = '\0';
	ck_assert_msg(strstr(v.fact, size) != NULL, "'%s' lacks stat's %s", v.fact, size);
	free(v.fact);
	free(size);
	free(qp);
	free(path);
	question_list_free(q, 1);

	/* none of the choices is the biggest: no right choice, and the fact says so */
	static const char *const wrong[] = { "dynamic", "musl", NULL };
	if (strcmp(kind, "dynamic") != 0 && strcmp(kind, "musl") != 0) {
		q = test_question(".", "link.biggest", wrong);
		ck_assert_int_eq(question_answer(q, hello, &v), -1);
		ck_assert_int_eq(v.right, -1);
		ck_assert_ptr_nonnull(v.fact);
		free(v.fact);
		question_list_free(q, 1);
	}
	free(out);
}
END_TEST

/* The choice nm marks U in the object compiled by hand, for hello.c and libm.c. */
static void test_undefined_in(struct walk *w, const char *qsrc, const char *const *choices)
{
	int st;
	char *undef = oracle_sh(&st, "cd %s && gcc -c %s -o nmcheck.o && nm nmcheck.o | "
				"awk '$1 == \"U\" { print $2 }'", qdir, qsrc);
	ck_assert_int_eq(st, 0);
	int expect = -1, found = 0;
	for (size_t i = 0; choices[i]; i++) {
		char *line = NULL;
		if (asprintf(&line, "%s\n", choices[i]) < 0)
			abort();
		/* a whole line of nm's undefined names */
		size_t l = strlen(line);
		for (const char *p = undef; (p = strstr(p, line)); p += l)
			if (p == undef || p[-1] == '\n') {
				expect = (int)i;
				found++;
				break;
			}
		free(line);
	}
	ck_assert_msg(found == 1, "nm marks %d of the choices U: %s", found, undef);
	struct question *q = test_question(w->base, "assemble.undefined", choices);
	free(q->sample);
	q->sample = strdup(w->base);
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, w, &v), 0);
	ck_assert_int_eq(v.right, expect);
	ck_assert_ptr_nonnull(strstr(v.fact, choices[expect]));
	free(v.fact);
	question_list_free(q, 1);
	free(undef);
}

START_TEST(test_undefined)
{
	static const char *const h[] = { "greet", "twice", "puts", "answer", NULL };
	test_undefined_in(hello, qhello, h);
	static const char *const m[] = { "main", "cbrt", "x", "argc", NULL };
	test_undefined_in(libm, qlibm, m);
	/* two choices undefined (printf and puts): no single answer */
	static const char *const two[] = { "printf", "puts", "main", NULL };
	struct question *q = test_question("hello.c", "assemble.undefined", two);
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, hello, &v), -1);
	ck_assert_int_eq(v.right, -1);
	free(v.fact);
	question_list_free(q, 1);
}
END_TEST

START_TEST(test_ldd_first)
{
	const struct link_variant *d = &hello->variant[LINK_DYNAMIC];
	ck_assert_int_eq(walk_state(&d->link), RUN_OK);
	char *path = walk_path(hello, d->link.artifact), *qp = oracle_quote(path);
	int st;
	/* ldd's first two names, as ldd prints them run by hand on the walk's program */
	char *first = oracle_sh(&st, "ldd %s | awk 'NR == 1 { print $1 }'", qp);
	char *second = oracle_sh(NULL, "ldd %s | awk 'NR == 2 { print $1 }'", qp);
	ck_assert_int_eq(st, 0);
	first[strcspn(first, "\n")] = '\0';
	second[strcspn(second, "\n")] = '\0';
	ck_assert_msg(*first && *second, "ldd listed fewer than two libraries");
	const char *choices[] = { second, "libnothing-here.so.9", first, NULL };
	struct question *q = test_question(".", "link.ldd-first", choices);
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, hello, &v), 0);
	ck_assert_int_eq(v.right, 2);
	ck_assert_ptr_nonnull(strstr(v.fact, first));
	free(v.fact);
	question_list_free(q, 1);
	/* a path matches by its last component, as ldd may print a name or a path */
	char *byname = NULL;
	const char *slash = strrchr(first, '/');
	if (asprintf(&byname, "/some/dir/%s", slash ? slash + 1 : first) < 0)
		abort();
	const char *choices2[] = { byname, second, NULL };
	q = test_question(".", "link.ldd-first", choices2);
	ck_assert_int_eq(question_answer(q, hello, &v), 0);
	ck_assert_int_eq(v.right, 0);
	free(v.fact);
	question_list_free(q, 1);
	free(byname);
	free(first);
	free(second);
	free(qp);
	free(path);
}
END_TEST

START_TEST(test_members)
{
	/* the members ld's --trace says it took, linking the object by hand (given twice,
	 * --trace lists the archive members too: "(/usr/lib/.../libc.a)printf.o") */
	int st;
	char *count = oracle_sh(&st, "cd %s && gcc -c %s -o trace.o && "
				"gcc -static trace.o -o trace-static -Wl,--trace,--trace 2>&1 | "
				"grep -c '^(.*\\.a)'", qdir, qhello);
	ck_assert_msg(st == 0, "the link with --trace failed");
	unsigned long n = strtoul(count, NULL, 10);
	ck_assert_msg(n > 0, "--trace lists no archive member");
	static const char *const choices[] = { "0-9", "10-99", "100-999", "1000+", NULL };
	int expect = n < 10 ? 0 : n < 100 ? 1 : n < 1000 ? 2 : 3;
	struct question *q = test_question(".", "link.members", choices);
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, hello, &v), 0);
	ck_assert_int_eq(v.right, expect);
	char num[32];
	snprintf(num, sizeof num, "%lu archive member", n);
	ck_assert_msg(strstr(v.fact, num) != NULL, "'%s' lacks --trace's count %lu", v.fact, n);
	ck_assert_uint_eq(hello->variant[LINK_STATIC].map.n_members, n);
	free(v.fact);
	question_list_free(q, 1);
	/* ranges that leave the count out: no right choice */
	char lo[32], hi[32];
	snprintf(lo, sizeof lo, "0-%lu", n - 1);
	snprintf(hi, sizeof hi, "%lu+", n + 1);
	const char *outside[] = { lo, hi, NULL };
	q = test_question(".", "link.members", outside);
	ck_assert_int_eq(question_answer(q, hello, &v), -1);
	ck_assert_int_eq(v.right, -1);
	free(v.fact);
	question_list_free(q, 1);
	free(count);
}
END_TEST

/* libm.c links with no -lm: its dynamic link fails (the oracle says so), and the link
 * questions have no answer, while the object's still does. */
START_TEST(test_failed_link)
{
	int st;
	char *out = oracle_sh(&st, "cd %s && gcc -c %s -o failed.o && gcc failed.o -o failed 2>&1",
			      qdir, qlibm);
	free(out);
	if (st == 0)
		return; /* this gcc adds libm by itself: nothing failed to test */
	static const char *const choices[] = { "libc.so.6", "linux-vdso.so.1", NULL };
	struct question *q = test_question("libm.c", "link.ldd-first", choices);
	struct question_verdict v;
	ck_assert_int_eq(question_answer(q, libm, &v), -1);
	ck_assert_int_eq(v.right, -1);
	ck_assert_ptr_nonnull(v.fact);
	free(v.fact);
	question_list_free(q, 1);
}
END_TEST

static Suite *question_suite(void)
{
	Suite *s = suite_create("question");
	TCase *tp = tcase_create("parse");
	tcase_set_timeout(tp, 0); /* no time limit */
	tcase_add_test(tp, test_parse);
	tcase_add_test(tp, test_ranges);
	tcase_add_test(tp, test_expand);
	tcase_add_test(tp, test_lessons);
	suite_add_tcase(s, tp);
	TCase *tw = tcase_create("walks");
	/* the walks take what the toolchain takes: no limit of Check's own */
	tcase_set_timeout(tw, 0);
	tcase_add_unchecked_fixture(tw, walks_setup, walks_teardown);
	tcase_add_loop_test(tw, test_malformed, 0, (int)(sizeof test_bad / sizeof *test_bad));
	tcase_add_test(tw, test_biggest);
	tcase_add_test(tw, test_undefined);
	tcase_add_test(tw, test_ldd_first);
	tcase_add_test(tw, test_members);
	tcase_add_test(tw, test_failed_link);
	suite_add_tcase(s, tw);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(question_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
