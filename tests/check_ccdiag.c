/* check_ccdiag: the compiler's diagnostics read from real compiles. Each case writes a small
 * program that provokes one diagnostic, compiles it with the real gcc (gcc -S, or gcc -E for
 * a missing header) under LC_ALL=C and a UTF-8 locale, and checks the items against
 * witnesses that do not use the module: grep and sed on the same stderr (how many
 * diagnostics, gcc's line, the names quoted) and grep -n on the source (the line that causes
 * it). libclang's facts are used when libclang can be loaded; every case also runs without.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/cfacts.h"
#include "stages/ccdiag.h"
#include "tests/oracle.h"

static char *locales[2];
static size_t n_locales;
static int have_clang = -1;

struct run {
	char *dir, *src, *text, *err;
	struct cfacts *cf;
};

/* Write text as NAME.c in a directory of its own and run gcc FLAG on it under locale loc. */
static void run_gcc(struct run *r, const char *name, const char *text, const char *flag,
		    const char *loc)
{
	memset(r, 0, sizeof *r);
	if (asprintf(&r->dir, "%s/%s-%s", oracle_scratch(), name, loc) < 0)
		abort();
	free(oracle_sh(NULL, "mkdir -p '%s'", r->dir));
	char file[64];
	snprintf(file, sizeof file, "%s.c", name);
	r->src = oracle_write(r->dir, file, text);
	r->text = strdup(text);
	char *q = oracle_quote(r->src);
	r->err = oracle_sh(NULL, "LC_ALL=%s gcc %s %s -o /dev/null 2>&1 >/dev/null", loc, flag, q);
	free(q);
}

static struct cfacts *facts(const char *src)
{
	if (!have_clang)
		return NULL;
	struct cfacts *cf = calloc(1, sizeof *cf);
	char err[512];
	ck_assert_msg(cfacts_parse(cf, src, NULL, 0, err, sizeof err) == 0, "cfacts: %s", err);
	return cf;
}

static void run_free(struct run *r)
{
	if (r->cf) {
		cfacts_free(r->cf);
		free(r->cf);
	}
	free(r->dir);
	free(r->src);
	free(r->text);
	free(r->err);
}

/* The number a shell pipe prints when given text on its stdin. */
static long sh_num(const char *pipe, const char *text)
{
	char *q = oracle_quote(text);
	char *out = oracle_sh(NULL, "printf %%s %s | %s", q, pipe);
	long v = strtol(out, NULL, 10);
	free(q);
	free(out);
	return v;
}

/* The number of diagnostics in gcc's stderr, by grep. */
static long witness_count(const char *err)
{
	return sh_num("grep -c -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning|fatal "
		      "error): '", err);
}

/* gcc's line of its first diagnostic, by sed. */
static long witness_gcc_line(const char *err)
{
	return sh_num("sed -n -E 's/^[^ ]+:([0-9]+):[0-9]+: (error|fatal error|"
		      "warning): .*/\\1/p' | head -n 1", err);
}

/* The first line of the source with the fixed string s, by grep -n. */
static long witness_src_line(const char *src, const char *s)
{
	char *q = oracle_quote(src), *qs = oracle_quote(s);
	char *out = oracle_sh(NULL, "grep -n -F -m 1 -- %s %s | cut -d: -f1", qs, q);
	long v = strtol(out, NULL, 10);
	free(q);
	free(qs);
	free(out);
	return v;
}

/* Parse r's stderr, with libclang's facts when with_cf (and libclang is there). */
static void parse(struct ccdiag *d, struct run *r, int with_cf)
{
	if (with_cf && !r->cf)
		r->cf = facts(r->src);
	ck_assert_int_eq(ccdiag_parse(d, r->err, strlen(r->err), r->src, r->text,
				      strlen(r->text), with_cf ? r->cf : NULL), 0);
	ck_assert_int_eq((long)d->n, witness_count(r->err));
	for (size_t i = 0; i < d->n; i++) {
		ck_assert_ptr_nonnull(d->items[i].explain);
		ck_assert_ptr_nonnull(d->items[i].raw);
		ck_assert(d->items[i].in_main);
	}
}

static const char semi_src[] =
	"#include <stdio.h>\n\nint main(void)\n{\n\tint x = 1\n\tprintf(\"%d\\n\", x);\n"
	"\treturn 0;\n}\n";

START_TEST(test_semicolon_declaration)
{
	for (size_t l = 0; l < n_locales; l++)
		for (int with_cf = 0; with_cf < 2; with_cf++) {
			struct run r;
			struct ccdiag d;
			run_gcc(&r, "semi", semi_src, "-S", locales[l]);
			parse(&d, &r, with_cf);
			ck_assert_uint_ge(d.n, 1);
			const struct ccdiag_item *it = &d.items[0];
			long cause = witness_src_line(r.src, "int x = 1");
			ck_assert_int_eq(it->kind, CCDIAG_MISSING_SEMI);
			ck_assert_int_eq(it->severity, CCDIAG_ERROR);
			/* gcc reports it at the next statement; the cause is the line before */
			ck_assert_int_eq((long)it->line, witness_gcc_line(r.err));
			ck_assert_int_ne((long)it->line, cause);
			ck_assert_int_eq((long)it->cause_line, cause);
			ck_assert_str_eq(it->symbol, "printf");
			ck_assert_int_eq(it->cause_from_clang, with_cf && have_clang);
			char want[32];
			snprintf(want, sizeof want, "line %ld", cause);
			ck_assert_ptr_nonnull(strstr(it->explain, want));
			ck_assert_ptr_nonnull(strstr(it->fix, want));
			ck_assert_int_eq(ccdiag_at_line(&d, (unsigned)cause), 0);
			ccdiag_free(&d);
			run_free(&r);
		}
}
END_TEST

START_TEST(test_semicolon_sample)
{
	/* the sample's ';' is missing before a token on the next line: gcc reports it at the
	 * line of the cause itself */
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/samples/syntax-error.c", top && *top ? top : ".");
	char *q = oracle_quote(path);
	char *text = oracle_sh(NULL, "cat %s", q);
	free(q);
	for (size_t l = 0; l < n_locales; l++) {
		struct run r;
		struct ccdiag d;
		run_gcc(&r, "sample", text, "-S", locales[l]);
		parse(&d, &r, 1);
		ck_assert_uint_eq(d.n, 1);
		ck_assert_int_eq(d.items[0].kind, CCDIAG_MISSING_SEMI);
		ck_assert_int_eq((long)d.items[0].line, witness_gcc_line(r.err));
		ck_assert_int_eq((long)d.items[0].cause_line,
				 witness_src_line(r.src, "printf(\"%s\\n\", MESSAGE)"));
		ck_assert_str_eq(d.items[0].symbol, "return");
		ccdiag_free(&d);
		run_free(&r);
	}
	free(text);
}
END_TEST

START_TEST(test_missing_brace)
{
	static const char src[] = "#include <stdio.h>\n\nint main(void)\n{\n\tif (1) {\n"
				  "\t\tputs(\"hi\");\n\treturn 0;\n}\n";
	for (size_t l = 0; l < n_locales; l++) {
		struct run r;
		struct ccdiag d;
		run_gcc(&r, "brace", src, "-S", locales[l]);
		parse(&d, &r, 1);
		ck_assert_uint_ge(d.n, 1);
		ck_assert_int_eq(d.items[0].kind, CCDIAG_MISSING_BRACE);
		ck_assert_int_eq((long)d.items[0].line, witness_gcc_line(r.err));
		ck_assert_int_eq((long)d.items[0].cause_line, witness_src_line(r.src, "if (1) {"));
		ccdiag_free(&d);
		run_free(&r);
	}
}
END_TEST

/* One diagnostic of kind k at the source line holding at, naming sym. */
static void check_one(const char *name, const char *src, const char *flag, enum ccdiag_kind k,
		      const char *at, const char *sym)
{
	for (size_t l = 0; l < n_locales; l++) {
		struct run r;
		struct ccdiag d;
		run_gcc(&r, name, src, flag, locales[l]);
		parse(&d, &r, 1);
		ck_assert_uint_ge(d.n, 1);
		const struct ccdiag_item *it = &d.items[0];
		ck_assert_msg(it->kind == k, "%s: kind %s", name, ccdiag_kind_name(it->kind));
		ck_assert_int_eq((long)it->line, witness_gcc_line(r.err));
		ck_assert_int_eq((long)it->cause_line, witness_src_line(r.src, at));
		if (sym)
			ck_assert_str_eq(it->symbol, sym);
		ck_assert_ptr_nonnull(it->lesson);
		ccdiag_free(&d);
		run_free(&r);
	}
}

START_TEST(test_undeclared)
{
	check_one("undecl", "int main(void)\n{\n\treturn y + 1;\n}\n", "-S", CCDIAG_UNDECLARED,
		  "return y", "y");
}
END_TEST

START_TEST(test_implicit)
{
	check_one("implicit", "int main(void)\n{\n\treturn helper(2);\n}\n", "-S",
		  CCDIAG_IMPLICIT, "helper(2)", "helper");
}
END_TEST

START_TEST(test_incompatible)
{
	check_one("incompat", "struct a { int x; };\nint main(void)\n{\n\tstruct a s = { 1 };\n"
		  "\tint *p = s;\n\treturn *p;\n}\n", "-S", CCDIAG_INCOMPATIBLE, "int *p = s",
		  NULL);
}
END_TEST

START_TEST(test_too_few)
{
	static const char src[] = "static int add(int a, int b) { return a + b; }\n"
				  "int main(void)\n{\n\treturn add(1);\n}\n";
	check_one("few", src, "-S", CCDIAG_TOO_FEW_ARGS, "add(1)", "add");
	/* gcc's note (the declaration) goes with the item */
	struct run r;
	struct ccdiag d;
	run_gcc(&r, "few2", src, "-S", "C");
	parse(&d, &r, 0);
	long notes = sh_num("grep -c ': note: '", r.err);
	ck_assert_int_gt(notes, 0);
	ck_assert_ptr_nonnull(strstr(d.items[0].raw, ": note: "));
	ccdiag_free(&d);
	run_free(&r);
}
END_TEST

START_TEST(test_no_header)
{
	check_one("nohdr", "#include <nosuchheader.h>\nint main(void) { return 0; }\n", "-E",
		  CCDIAG_NO_HEADER, "#include <nosuchheader.h>", "nosuchheader.h");
}
END_TEST

START_TEST(test_warnings)
{
	static const char src[] = "#include <stdio.h>\nint main(void)\n{\n\tint unused;\n"
				  "\tprintf(\"%d\\n\", \"x\");\n\treturn 0;\n}\n";
	for (size_t l = 0; l < n_locales; l++) {
		struct run r;
		struct ccdiag d;
		run_gcc(&r, "warn", src, "-S -Wall", locales[l]);
		parse(&d, &r, 1);
		long warnings = sh_num("grep -c ': warning: '", r.err);
		ck_assert_int_gt(warnings, 0);
		ck_assert_int_eq((long)d.n_warnings, warnings);
		ck_assert_uint_eq(d.n_errors, 0);
		char *qe = oracle_quote(r.err);
		char *opts = oracle_sh(NULL, "printf %%s %s | sed -n -E 's/.*: warning: .* "
				       "\\[(-W[^]]*)\\]$/\\1/p' | head -n 1", qe);
		free(qe);
		opts[strcspn(opts, "\n")] = '\0';
		ck_assert_str_eq(d.items[0].option, opts);
		ck_assert_ptr_nonnull(strstr(d.items[0].explain, opts));
		free(opts);
		ccdiag_free(&d);
		run_free(&r);
	}
}
END_TEST

START_TEST(test_garbage)
{
	static const char junk[] = "x.c:1:1: error\n\0\0:9:9: warning: \n: error: \n"
				   "a:b:c: fatal error: \n    |  ^\ncompilation terminated.";
	struct ccdiag d;
	ck_assert_int_eq(ccdiag_parse(&d, junk, sizeof junk - 1, "x.c", NULL, 0, NULL), 0);
	ccdiag_free(&d);
	ck_assert_int_eq(ccdiag_parse(&d, NULL, 0, NULL, NULL, 0, NULL), 0);
	ck_assert_uint_eq(d.n, 0);
	ccdiag_free(&d);
	for (int k = 0; k < CCDIAG_KIND_COUNT; k++)
		ck_assert_str_ne(ccdiag_kind_name((enum ccdiag_kind)k), "unknown");
	ck_assert_str_eq(ccdiag_kind_name(CCDIAG_KIND_COUNT), "unknown");
}
END_TEST

static Suite *ccdiag_suite(void)
{
	Suite *s = suite_create("ccdiag");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 0);
	tcase_add_test(tc, test_semicolon_declaration);
	tcase_add_test(tc, test_semicolon_sample);
	tcase_add_test(tc, test_missing_brace);
	tcase_add_test(tc, test_undeclared);
	tcase_add_test(tc, test_implicit);
	tcase_add_test(tc, test_incompatible);
	tcase_add_test(tc, test_too_few);
	tcase_add_test(tc, test_no_header);
	tcase_add_test(tc, test_warnings);
	tcase_add_test(tc, test_garbage);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int st;
	free(oracle_sh(&st, "gcc --version"));
	if (st != 0) {
		fprintf(stderr, "check_ccdiag: gcc is not installed: skipped\n");
		return 77;
	}
	char err[512];
	have_clang = cfacts_available(err, sizeof err);
	if (!have_clang)
		fprintf(stderr, "check_ccdiag: without libclang's facts (%s)\n", err);
	locales[n_locales++] = strdup("C");
	char *utf = oracle_sh(NULL, "locale -a 2>/dev/null | grep -i -x -m 1 -E 'C\\.utf-?8' | "
			      "tr -d '\\n'");
	if (*utf)
		locales[n_locales++] = utf;
	else
		free(utf);
	oracle_scratch();
	SRunner *sr = srunner_create(ccdiag_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < n_locales; i++)
		free(locales[i]);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
