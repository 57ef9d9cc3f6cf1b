/* check_ocompare: two optimisation levels compared, against what gcc itself makes and says.
 * For a generated program (a static helper gcc inlines from -O1 on, a loop it vectorizes, a
 * tail call) and the samples, at several pairs of levels, the module's comparison is checked
 * against .s files the test makes by hand with gcc -S at the same levels, read with a parse
 * of its own (awk): each function's instruction lines, its tail calls (jmp SYM) and its
 * presence; against gcc's -fopt-info, run by the test: each inlined call and each vectorized
 * loop; and against diff --minimal: how many lines of the two bodies are the same.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/ocompare.h"
#include "stages/proc.h"
#include "tests/oracle.h"

/* The generated program: sq is a static helper (inlined into main from -O1 on), sum's loop
 * vectorizes at -O3 (and at -O2 with gcc 12's cheap cost model), tail ends in a call to g,
 * which -O2 turns into a jmp. */
static const char test_gen_c[] =
	"#include <stdio.h>\n"
	"static int sq(int x) { return x * x + 1; }\n"
	"extern int g(int);\n"
	"int tail(int x) { return g(x + 1); }\n"
	"int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; "
	"return s; }\n"
	"int main(void)\n"
	"{\n"
	"\tint a[256];\n"
	"\tfor (int i = 0; i < 256; i++)\n"
	"\t\ta[i] = i * 3;\n"
	"\tprintf(\"%d %d %d\\n\", sq(3), sum(a, 256), tail(2));\n"
	"\treturn 0;\n"
	"}\n";

static const struct {
	const char *src; /* NULL: the generated program */
	const char *a, *b;
} test_cases[] = {
	{ NULL, "-O0", "-O2" },
	{ NULL, "-O0", "-O3" },
	{ NULL, "-O1", "-Os" },
	{ NULL, "-O2", "-O0" },
	{ "samples/hello.c", "-O0", "-O2" },
	{ "samples/macros.c", "-O0", "-O3" },
	{ "samples/libm.c", "-O2", "-Os" },
	{ "samples/nss.c", "-O0", "-O2" },
	{ "samples/multi/main.c", "-O1", "-O3" },
	{ "samples/multi/util.c", "-O0", "-Og" },
};
#define TEST_N_CASES ((int)(sizeof test_cases / sizeof test_cases[0]))

/* The independent reading of a .s: for each function (named by .type NAME, @function, from
 * its label to its .size; a clone NAME.xxx counts as NAME), "I NAME COUNT" its instruction
 * lines (a tab, then a lower-case letter), "J NAME SYM" each jmp to a symbol that is not a
 * local label, "C NAME SYM" each call. */
static const char test_awk[] =
	"awk '"
	"function base(n) { sub(/\\..*/, \"\", n); return n }"
	"/^\\t\\.type\\t/ && $3 == \"@function\" { n = $2; sub(/,$/, \"\", n); fn[n] = 1; next }"
	"/^[A-Za-z_][A-Za-z0-9_.]*:$/ { n = substr($0, 1, length($0) - 1);"
	"  if (n in fn) { top++; open[top] = n } next }"
	"/^\\t\\.size\\t/ { n = $2; sub(/,$/, \"\", n); k = 0;"
	"  for (i = 1; i <= top; i++) if (open[i] != n) open[++k] = open[i]; top = k; next }"
	"/^\\t[a-z]/ && top > 0 { b = base(open[top]); cnt[b]++;"
	"  if ($1 == \"jmp\" && $2 !~ /^\\.L/ && $2 !~ /^\\*/) { s = $2; sub(/@PLT$/, \"\", s);"
	"    print \"J\", b, s }"
	"  if ($1 == \"call\" && $2 !~ /^\\*/) { s = $2; sub(/@PLT$/, \"\", s); print \"C\", b, s } }"
	"END { for (b in cnt) print \"I\", b, cnt[b] }' ";

struct test_ctx {
	const char *dir;
	char *src;           /* the source compiled */
	struct ocmp_run run;
	char *hand[2];       /* the awk reading of the .s made by hand at each level */
	char *inl[2];        /* "caller callee" for each of -fopt-info's inlined calls */
	char *vec[2];        /* the line of each of -fopt-info's vectorized loops */
};

static void test_make(struct test_ctx *t, int i)
{
	memset(t, 0, sizeof *t);
	t->dir = oracle_scratch();
	if (test_cases[i].src) {
		if (asprintf(&t->src, "%s/%s", ABS_SRCDIR, test_cases[i].src) < 0)
			ck_abort_msg("out of memory");
	} else {
		t->src = oracle_write(t->dir, "gen.c", test_gen_c);
	}
	char *q = oracle_quote(t->src);
	int st = 0;
	free(oracle_sh(&st, "cd '%s' && gcc -E %s -o x.i", t->dir, q));
	ck_assert_int_eq(st, 0);
	static const int cancelled = 0;
	const char *flag[2] = { test_cases[i].a, test_cases[i].b };
	ck_assert_int_eq(ocmp_run_start(&t->run, "gcc", t->dir, "x.i", "x", flag[0], flag[1], 0,
					&cancelled, 1), 0);
	ck_assert(ocmp_run_finished(&t->run));
	ck_assert_msg(t->run.ok, "the comparison failed: %s", ocmp_run_why(&t->run, 1));
	for (int k = 0; k < 2; k++) {
		t->hand[k] = oracle_sh(&st, "cd '%s' && gcc -S %s %s -o hand%d.s && %s hand%d.s",
				       t->dir, flag[k], q, k, test_awk, k);
		ck_assert_int_eq(st, 0);
		t->inl[k] = oracle_sh(&st, "cd '%s' && gcc -S %s %s -o /dev/null "
				      "-fopt-info-inline-optimized=inl%d.txt && sed -n "
				      "'s/.*Inlin[a-z]* \\([^ /]*\\)\\/[0-9]* into \\([^ /]*\\)\\/[0-9]*.*/"
				      "\\2 \\1/p' inl%d.txt", t->dir, flag[k], q, k, k);
		ck_assert_int_eq(st, 0);
		t->vec[k] = oracle_sh(&st, "cd '%s' && gcc -S %s %s -o /dev/null "
				      "-fopt-info-vec-optimized=vec%d.txt && sed -n "
				      "'s/^[^:]*:\\([0-9]*\\):[0-9]*: optimized: loop vectorized.*/\\1/p' "
				      "vec%d.txt", t->dir, flag[k], q, k, k);
		ck_assert_int_eq(st, 0);
	}
	free(q);
}

static void test_free(struct test_ctx *t)
{
	ocmp_run_free(&t->run);
	for (int k = 0; k < 2; k++) {
		free(t->hand[k]);
		free(t->inl[k]);
		free(t->vec[k]);
	}
	free(t->src);
}

/* The count the awk reading gives for "I NAME", or -1 when NAME has none. */
static long test_hand_count(const char *hand, const char *name)
{
	char key[300];
	snprintf(key, sizeof key, "I %s ", name);
	for (const char *p = hand; p && *p;) {
		if (strncmp(p, key, strlen(key)) == 0)
			return strtol(p + strlen(key), NULL, 10);
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	return -1;
}

/* How many lines of text start with prefix. */
static int test_count_prefix(const char *text, const char *prefix)
{
	int n = 0;
	for (const char *p = text; p && *p;) {
		n += strncmp(p, prefix, strlen(prefix)) == 0;
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

/* How many lines of text are exactly line. */
static int test_count_line(const char *text, const char *line)
{
	int n = 0;
	size_t len = strlen(line);
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		n += l == len && strncmp(p, line, len) == 0;
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

static const struct ocmp_func *test_find(const struct ocmp *c, const char *name)
{
	for (size_t i = 0; i < c->n_funcs; i++)
		if (strcmp(c->funcs[i].name, name) == 0)
			return &c->funcs[i];
	return NULL;
}

/* Each function's instruction lines at each level are the hand-made .s's; a function is
 * present exactly where that .s has it. */
START_TEST(test_counts_match_the_hand_made_s)
{
	struct test_ctx t;
	test_make(&t, _i);
	const struct ocmp *c = &t.run.cmp;
	size_t seen[2] = { 0, 0 };
	for (size_t i = 0; i < c->n_funcs; i++) {
		const struct ocmp_func *f = &c->funcs[i];
		for (int k = 0; k < 2; k++) {
			long want = test_hand_count(t.hand[k], f->name);
			if (!f->side[k].present) {
				ck_assert_msg(want <= 0, "%s at %s: absent, but the .s has %ld "
					      "instructions", f->name, c->lv[k].flag, want);
				continue;
			}
			seen[k]++;
			ck_assert_msg((long)f->side[k].n_insn == want, "%s at %s: %zu instructions, "
				      "the .s by hand %ld", f->name, c->lv[k].flag, f->side[k].n_insn,
				      want);
		}
	}
	/* and no function of the hand-made .s is missing */
	for (int k = 0; k < 2; k++)
		ck_assert_uint_eq(seen[k], (size_t)test_count_prefix(t.hand[k], "I "));
	test_free(&t);
}
END_TEST

/* The calls inlined are exactly those -fopt-info names, at the level it names them. */
START_TEST(test_inlined_calls_match_fopt_info)
{
	struct test_ctx t;
	test_make(&t, _i);
	const struct ocmp *c = &t.run.cmp;
	for (int k = 0; k < 2; k++) {
		size_t reported = 0;
		for (size_t i = 0; i < c->n_funcs; i++) {
			const struct ocmp_side *s = &c->funcs[i].side[k];
			for (size_t j = 0; j < s->n_inl; j++) {
				char line[300];
				snprintf(line, sizeof line, "%s %s", c->funcs[i].name, s->inl[j].callee);
				ck_assert_msg(test_count_line(t.inl[k], line) > 0, "%s at %s: inlined, "
					      "but -fopt-info does not say so", line, c->lv[k].flag);
				reported++;
			}
		}
		/* every inlining -fopt-info reports into a function of the .s is listed */
		size_t want = 0;
		for (const char *p = t.inl[k]; p && *p;) {
			char caller[200];
			if (sscanf(p, "%199s", caller) == 1) {
				size_t bl = 0;
				asmmap_clone_kind(caller, &bl);
				caller[bl] = '\0';
				const struct ocmp_func *f = test_find(c, caller);
				want += f && f->side[k].present;
			}
			const char *nl = strchr(p, '\n');
			p = nl ? nl + 1 : NULL;
		}
		ck_assert_msg(reported == want, "at %s: %zu inlined calls listed, -fopt-info %zu",
			      c->lv[k].flag, reported, want);
	}
	test_free(&t);
}
END_TEST

/* Tail calls are the .s's jmp SYM, function by function; "the other level calls it" is
 * that level's call SYM. */
START_TEST(test_tail_calls_match_the_jmps)
{
	struct test_ctx t;
	test_make(&t, _i);
	const struct ocmp *c = &t.run.cmp;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < c->n_funcs; i++) {
			const struct ocmp_func *f = &c->funcs[i];
			const struct ocmp_side *s = &f->side[k];
			char line[300];
			size_t want = 0;
			for (size_t j = 0; j < s->n_tail; j++) {
				snprintf(line, sizeof line, "J %s %s", f->name, s->tail[j].callee);
				int jmps = test_count_line(t.hand[k], line);
				ck_assert_msg(jmps > 0, "%s", line);
				snprintf(line, sizeof line, "C %s %s", f->name, s->tail[j].callee);
				ck_assert_int_eq(s->tail[j].call_at_other,
						 test_count_line(t.hand[!k], line) > 0);
			}
			/* as many as the .s has */
			for (const char *p = t.hand[k]; p && *p;) {
				snprintf(line, sizeof line, "J %s ", f->name);
				want += strncmp(p, line, strlen(line)) == 0;
				const char *nl = strchr(p, '\n');
				p = nl ? nl + 1 : NULL;
			}
			ck_assert_msg(s->n_tail == want, "%s at %s: %zu tail calls, the .s %zu",
				      f->name, c->lv[k].flag, s->n_tail, want);
		}
	test_free(&t);
}
END_TEST

/* The vectorized loops are -fopt-info's: as many, at the same lines. */
START_TEST(test_vectorized_loops_match_fopt_info)
{
	struct test_ctx t;
	test_make(&t, _i);
	const struct ocmp *c = &t.run.cmp;
	for (int k = 0; k < 2; k++) {
		char *lines = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&lines, &len);
		for (size_t i = 0; i < c->n_funcs; i++)
			for (size_t j = 0; j < c->funcs[i].side[k].n_vec; j++)
				fprintf(f, "%u\n", c->funcs[i].side[k].vec[j].vec->line);
		fclose(f);
		char *q = oracle_quote(lines);
		char *mine = oracle_sh(NULL, "printf %%s %s | sort -n", q);
		char *gcc = oracle_sh(NULL, "printf %%s '%s' | sort -n", t.vec[k]);
		ck_assert_msg(strcmp(mine, gcc) == 0, "at %s: loops vectorized at lines\n%sgcc:\n%s",
			      c->lv[k].flag, mine, gcc);
		free(q);
		free(mine);
		free(gcc);
		free(lines);
	}
	test_free(&t);
}
END_TEST

/* The alignment keeps as many lines the same as diff --minimal does, and every row is what
 * it says: ' ' the same text, '|' two lines, '<' and '>' one. */
START_TEST(test_alignment_is_a_longest_common_subsequence)
{
	struct test_ctx t;
	test_make(&t, _i);
	const struct ocmp *c = &t.run.cmp;
	for (size_t i = 0; i < c->n_funcs; i++) {
		const struct ocmp_func *f = &c->funcs[i];
		char *body[2] = { NULL, NULL };
		size_t len[2], n[2] = { 0, 0 };
		FILE *out[2];
		for (int k = 0; k < 2; k++)
			out[k] = open_memstream(&body[k], &len[k]);
		for (size_t r = 0; r < f->n_rows; r++) {
			const struct ocmp_row *row = &f->rows[r];
			switch (row->mark) {
			case ' ':
				ck_assert_str_eq(ocmp_row_text(c, row, 0), ocmp_row_text(c, row, 1));
				/* fall through */
			case '|':
				ck_assert(row->line[0] && row->line[1]);
				break;
			case '<':
				ck_assert(row->line[0] && !row->line[1]);
				break;
			case '>':
				ck_assert(!row->line[0] && row->line[1]);
				break;
			default:
				ck_abort_msg("mark '%c'", row->mark);
			}
			for (int k = 0; k < 2; k++)
				if (row->line[k]) {
					fprintf(out[k], "%s\n", ocmp_row_text(c, row, k));
					n[k]++;
				}
		}
		for (int k = 0; k < 2; k++)
			fclose(out[k]);
		char *a = oracle_write(t.dir, "a.txt", body[0]);
		char *b = oracle_write(t.dir, "b.txt", body[1]);
		char *del = oracle_sh(NULL, "diff --minimal '%s' '%s' | grep -c '^<'", a, b);
		size_t same = n[0] - strtoul(del, NULL, 10);
		ck_assert_msg(f->n_same == same, "%s: %zu lines the same, diff --minimal %zu",
			      f->name, f->n_same, same);
		free(del);
		free(a);
		free(b);
		free(body[0]);
		free(body[1]);
	}
	test_free(&t);
}
END_TEST

/* The generated program: what each level is known to do there, as the .s and gcc say. */
START_TEST(test_generated_program_differences)
{
	struct test_ctx t;
	test_make(&t, 0); /* -O0 against -O2 */
	const struct ocmp *c = &t.run.cmp;
	const struct ocmp_func *sq = test_find(c, "sq"), *tail = test_find(c, "tail");
	const struct ocmp_func *mainf = test_find(c, "main");
	ck_assert(sq && tail && mainf);
	ck_assert(sq->side[0].present);
	/* sq has no body at -O2 exactly when the hand-made .s has none; gcc's report says where
	 * it went */
	if (test_hand_count(t.hand[1], "sq") <= 0 && test_count_line(t.inl[1], "main sq")) {
		ck_assert(!sq->side[1].present);
		ck_assert_str_eq(sq->side[1].inlined_into, "main");
		int found = 0;
		for (size_t j = 0; j < mainf->side[1].n_inl; j++)
			found |= strcmp(mainf->side[1].inl[j].callee, "sq") == 0 &&
				 mainf->side[1].inl[j].call_at_other;
		ck_assert(found);
	}
	ck_assert_uint_eq(mainf->side[0].n_inl, 0);
	/* the tail call: a jmp to g at -O2 where the .s has one, a call at -O0 */
	if (test_count_line(t.hand[1], "J tail g")) {
		ck_assert_uint_eq(tail->side[1].n_tail, 1);
		ck_assert_str_eq(tail->side[1].tail[0].callee, "g");
		ck_assert(tail->side[1].tail[0].call_at_other);
	}
	char buf[4096];
	ck_assert_uint_gt(ocmp_say_func(c, tail, 1, buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(strstr(buf, "tail call"));
	test_free(&t);
}
END_TEST

static Suite *test_suite(void)
{
	Suite *s = suite_create("ocompare");
	TCase *tc = tcase_create("gcc");
	tcase_set_timeout(tc, 0); /* no time limit */
	tcase_add_loop_test(tc, test_counts_match_the_hand_made_s, 0, TEST_N_CASES);
	tcase_add_loop_test(tc, test_inlined_calls_match_fopt_info, 0, TEST_N_CASES);
	tcase_add_loop_test(tc, test_tail_calls_match_the_jmps, 0, TEST_N_CASES);
	tcase_add_loop_test(tc, test_vectorized_loops_match_fopt_info, 0, TEST_N_CASES);
	tcase_add_loop_test(tc, test_alignment_is_a_longest_common_subsequence, 0, TEST_N_CASES);
	tcase_add_test(tc, test_generated_program_differences);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	static const char *const tools[][3] = { { "gcc", "--version" }, { "awk", "BEGIN { }" },
						 { "diff", "--version" } };
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		struct proc_result r;
		char *argv[] = { (char *)tools[i][0], (char *)tools[i][1], NULL };
		if (proc_run(argv, NULL, &r) != 0 && r.kind == PROC_SPAWN_FAILED) {
			fprintf(stderr, "check_ocompare: skipped: %s cannot be run\n", tools[i][0]);
			proc_result_free(&r);
			return 77;
		}
		proc_result_free(&r);
	}
	SRunner *sr = srunner_create(test_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
