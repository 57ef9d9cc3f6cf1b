/* check_cfwire: libclang's facts survive the trip through bytes and through a child process.
 * Each source is parsed in this process by cfacts_parse(), then written and read back, and
 * parsed again by the child (`$LESSON --internal-cfacts`, and this test binary itself), and
 * every field of every element must come back as it was: the in-process parse is the
 * witness. Damaged bytes (every truncation, wrong counts) must be refused cleanly.
 * Skips (77) when libclang cannot be loaded; skips only the $LESSON cases when that binary
 * is missing. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/cfacts.h"
#include "stages/cfwire.h"
#include "stages/proc.h"
#include "tests/oracle.h"

/* $LESSON, or ./lesson: the binary whose --internal-cfacts is tested */
static const char *lesson_bin;

/* The absolute path of a file under the source tree (caller frees). */
static char *test_src(const char *rel)
{
	const char *top = getenv("top_srcdir");
	char *p = NULL;
	if (asprintf(&p, "%s/%s", top && *top ? top : ".", rel) < 0)
		abort();
	char *abs = realpath(p, NULL);
	ck_assert_msg(abs != NULL, "%s is missing", p);
	free(p);
	return abs;
}

/* A source with many declarations of every kind the facts record: macros of each origin,
 * functions of each linkage, variables in every section the predictions name, strings of
 * every width and both alignments, calls gcc folds and calls it does not, and warnings with
 * fix-its. */
static char *test_generated(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	fprintf(f, "#include <stdio.h>\n#include <stddef.h>\n#if __STDC_VERSION__ >= 201112L\n"
		   "#define HAVE_C11 1\n#endif\n#ifdef HAVE_C11\n#endif\n"
		   "extern int ext_fn(int);\nextern int ext_var;\n"
		   "__attribute__((weak)) int weak_fn(void) { return 1; }\n"
		   "extern int weak_ref(void) __attribute__((weak));\n"
		   "int weak_var __attribute__((weak)) = 2;\n"
		   "int weak_use(void)\n"
		   "{\n\treturn weak_fn() + (weak_ref ? weak_ref() : 0) + weak_var;\n}\n");
	for (int i = 0; i < 60; i++) {
		/* %1$d: the block's number, %2$d: one more, for values that are not zero */
		fprintf(f,
			"#define K%1$d %1$d\n"
			"#define M%1$d(x) ((x) + K%1$d)\n"
			"static int s%1$d = %2$d;\n"
			"int g%1$d;\n"
			"int z%1$d = 0;\n"
			"const int c%1$d = %2$d;\n"
			"const int cz%1$d;\n"
			"volatile int vol%1$d = %2$d;\n"
			"_Thread_local int t%1$d;\n"
			"_Thread_local int td%1$d = %2$d;\n"
			"int *p%1$d = &g%1$d;\n"
			"static int *lp%1$d = &s%1$d;\n"
			"int *const cp%1$d = &g%1$d;\n"
			"static int *const lcp%1$d = &s%1$d;\n"
			"int unused_decl%1$d(void);\n"
			"static inline int in%1$d(int a) { return a + K%1$d; }\n"
			"static void quiet%1$d(void) { }\n"
			"int f%1$d(int a, ...)\n"
			"{\n"
			"\tstatic int st;\n"
			"\tconst char *w = \"a string literal long enough to be aligned %1$d\";\n"
			"\tconst void *l = L\"wide %1$d\";\n"
			"\tconst void *u = u\"sixteen %1$d\";\n"
			"\tconst void *U = U\"thirty-two %1$d\";\n"
			"\tst += M%1$d(a);\n"
			"\tprintf(\"line %%d\\n\", __LINE__);\n"
			"\tprintf(\"%%s\", \"y%1$d\");\n"
			"\tprintf(\"plain %1$d\\n\");\n"
			"\tfputs(\"zz\", stdout);\n"
			"\tif (a = %2$d)\n"
			"\t\tprintf(\"%%d\\n\", 1L);\n"
			"\tquiet%1$d();\n"
			"\treturn st + ext_var + ext_fn(a) + in%1$d(st) + *lp%1$d + *lcp%1$d\n"
			"\t\t+ t%1$d + td%1$d + vol%1$d + *p%1$d + *cp%1$d\n"
			"\t\t+ c%1$d + cz%1$d + z%1$d\n"
			"\t\t+ (w != l) + (u != U);\n"
			"}\n",
			i, i + 1);
	}
	fprintf(f, "int main(void)\n{\n\tint (*fp)(int, ...) = f0;\n\treturn fp(1) + f1(2);\n}\n");
	ck_assert_int_eq(fclose(f), 0);
	char *path = oracle_write(oracle_scratch(), "generated.c", text);
	free(text);
	return path;
}

static void test_parse(struct cfacts *cf, const char *path, const char *const *args, size_t n)
{
	char err[512];
	int rc = cfacts_parse(cf, path, args, n, err, sizeof err);
	ck_assert_msg(rc == 0, "cfacts_parse(%s): %s", path, err);
}

/* cf as bytes (caller frees). */
static char *test_wire(const struct cfacts *cf, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(cfwire_write(cf, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/*
 * The deep comparison: x is the witness, y what came back.
 */
static void eq_int(const char *what, size_t i, const char *field, long long x, long long y)
{
	ck_assert_msg(x == y, "%s[%zu].%s: %lld came back as %lld", what, i, field, x, y);
}

static void eq_uns(const char *what, size_t i, const char *field, unsigned long long x,
		   unsigned long long y)
{
	ck_assert_msg(x == y, "%s[%zu].%s: %llu came back as %llu", what, i, field, x, y);
}

static void eq_str(const char *what, size_t i, const char *field, const char *x, const char *y)
{
	ck_assert_msg((x == NULL) == (y == NULL), "%s[%zu].%s: %s%s%s came back as %s%s%s", what,
		      i, field, x ? "\"" : "", x ? x : "NULL", x ? "\"" : "", y ? "\"" : "",
		      y ? y : "NULL", y ? "\"" : "");
	ck_assert_msg(!x || strcmp(x, y) == 0, "%s[%zu].%s: \"%s\" came back as \"%s\"", what, i,
		      field, x, y);
}

/* A section comes back as the same name, and as cfacts' own static string. */
static void eq_section(const char *what, size_t i, const char *field, const char *x,
		       const char *y)
{
	eq_str(what, i, field, x, y);
	ck_assert_msg(y == cfacts_section_intern(y), "%s[%zu].%s: \"%s\" is not cfacts' string",
		      what, i, field, y);
}

#define EQI(f) eq_int(what, i, #f, (long long)x->f, (long long)y->f)
#define EQU(f) eq_uns(what, i, #f, (unsigned long long)x->f, (unsigned long long)y->f)
#define EQS(f) eq_str(what, i, #f, x->f, y->f)

static void eq_place(const char *what, size_t i, const struct cfacts_place *x,
		     const struct cfacts_place *y)
{
	eq_section(what, i, "place.section", x->section, y->section);
	eq_section(what, i, "place.section_opt", x->section_opt, y->section_opt);
	EQI(nm);
	EQI(may_vanish);
	EQS(reason);
}

static void eq_def(size_t i, const struct cfacts_macro_def *x, const struct cfacts_macro_def *y)
{
	const char *what = "defs";
	EQS(name);
	EQU(line);
	EQU(col);
	EQI(function_like);
}

static void eq_exp(size_t i, const struct cfacts_macro_exp *x, const struct cfacts_macro_exp *y)
{
	const char *what = "exps";
	EQS(name);
	EQU(line);
	EQU(col);
	EQI(directive);
	EQI(origin);
	EQI(def);
	EQS(def_file);
	EQU(def_line);
}

static void eq_func(size_t i, const struct cfacts_func *x, const struct cfacts_func *y)
{
	const char *what = "funcs";
	EQS(name);
	EQU(line);
	EQU(col);
	EQI(is_definition);
	EQI(linkage);
	EQI(storage);
	EQI(inlined);
	EQI(variadic);
	EQI(referenced);
	EQI(weak);
	EQS(mangled);
	EQU(body_first);
	EQU(body_last);
	eq_place(what, i, &x->place, &y->place);
}

static void eq_var(size_t i, const struct cfacts_var *x, const struct cfacts_var *y)
{
	const char *what = "vars";
	EQS(name);
	EQU(line);
	EQU(col);
	EQI(linkage);
	EQI(storage);
	EQI(file_scope);
	EQI(static_local);
	EQI(is_definition);
	EQI(tentative);
	EQI(has_init);
	EQI(init_zero);
	EQI(is_const);
	EQI(is_volatile);
	EQI(thread_local);
	EQI(referenced);
	EQI(weak);
	eq_place(what, i, &x->place, &y->place);
}

static void eq_call(size_t i, const struct cfacts_call *x, const struct cfacts_call *y)
{
	const char *what = "calls";
	EQS(callee);
	EQU(line);
	EQU(col);
	EQS(caller);
	EQU(nargs);
	EQI(value_used);
	EQI(no_builtin);
	EQI(fmt_arg);
	EQS(fmt);
	EQS(next_str);
	EQI(next_is_int);
	EQI(next_is_ptr);
}

static void eq_string(size_t i, const struct cfacts_string *x, const struct cfacts_string *y)
{
	const char *what = "strings";
	EQU(line);
	EQU(col);
	EQS(text);
	EQU(bytes);
	EQI(width);
	eq_place(what, i, &x->place, &y->place);
}

static void eq_fixit(size_t i, const struct cfacts_fixit *x, const struct cfacts_fixit *y)
{
	const char *what = "fixits";
	EQS(text);
	EQU(line);
	EQU(col);
	EQU(end_line);
	EQU(end_col);
}

static void eq_diag(size_t i, const struct cfacts_diag *x, const struct cfacts_diag *y)
{
	const char *what = "diags";
	EQI(severity);
	EQU(line);
	EQU(col);
	EQS(file);
	EQI(in_main);
	EQS(message);
	EQS(option);
	EQU(n_fixits);
	for (size_t j = 0; j < x->n_fixits; j++)
		eq_fixit(j, &x->fixits[j], &y->fixits[j]);
}

/* Every field of x and y, parse_ms bit for bit when same_ms. */
static void eq_facts(const struct cfacts *x, const struct cfacts *y, int same_ms)
{
	const char *what = "cfacts";
	size_t i = 0;
	EQS(main_file);
	EQI(pic);
	if (same_ms)
		ck_assert_msg(memcmp(&x->parse_ms, &y->parse_ms, sizeof x->parse_ms) == 0,
			      "parse_ms: %.17g came back as %.17g", x->parse_ms, y->parse_ms);
	else
		ck_assert_msg(y->parse_ms >= 0, "parse_ms: %g", y->parse_ms);
#define EQ_ARRAY(arr, n, eq) \
	do { \
		EQU(n); \
		for (size_t k_ = 0; k_ < x->n; k_++) \
			eq(k_, &x->arr[k_], &y->arr[k_]); \
	} while (0)
	EQ_ARRAY(defs, n_defs, eq_def);
	EQ_ARRAY(exps, n_exps, eq_exp);
	EQ_ARRAY(funcs, n_funcs, eq_func);
	EQ_ARRAY(vars, n_vars, eq_var);
	EQ_ARRAY(calls, n_calls, eq_call);
	EQ_ARRAY(strings, n_strings, eq_string);
	EQ_ARRAY(diags, n_diags, eq_diag);
#undef EQ_ARRAY
}

/* A refused read left *cf empty. */
static void assert_empty(const struct cfacts *cf)
{
	ck_assert_ptr_null(cf->main_file);
	ck_assert_ptr_null(cf->defs);
	ck_assert_ptr_null(cf->exps);
	ck_assert_ptr_null(cf->funcs);
	ck_assert_ptr_null(cf->vars);
	ck_assert_ptr_null(cf->calls);
	ck_assert_ptr_null(cf->strings);
	ck_assert_ptr_null(cf->diags);
	ck_assert_uint_eq(cf->n_defs + cf->n_exps + cf->n_funcs + cf->n_vars + cf->n_calls +
				  cf->n_strings + cf->n_diags, 0);
}

/* The read of len bytes at buf is refused, with a sentence, and leaves nothing behind. */
static void assert_refused(const char *buf, size_t len, const char *why)
{
	struct cfacts cf;
	char err[256] = "";
	ck_assert_msg(cfwire_read(buf, len, &cf, err, sizeof err) == -1, "%s: accepted", why);
	ck_assert_msg(err[0] != '\0', "%s: refused without a reason", why);
	assert_empty(&cf);
	cfacts_free(&cf);
}

/* The samples, and the generated source (index 4): paths, caller frees each. */
enum { N_SOURCES = 5 };

static char *test_source(int k)
{
	static const char *const samples[] = {
		"samples/hello.c", "samples/macros.c", "samples/nss.c", "samples/syntax-error.c",
	};
	return k < 4 ? test_src(samples[k]) : test_generated();
}

/* Written, read back: everything as it was, and written again, the same bytes. */
START_TEST(test_roundtrip)
{
	char *path = test_source(_i);
	struct cfacts cf, back;
	char err[256];
	test_parse(&cf, path, NULL, 0);
	ck_assert_uint_gt(cf.n_funcs, 0);
	size_t len, len2;
	char *buf = test_wire(&cf, &len);
	ck_assert_msg(cfwire_read(buf, len, &back, err, sizeof err) == 0, "%s: %s", path, err);
	eq_facts(&cf, &back, 1);
	char *buf2 = test_wire(&back, &len2);
	ck_assert_uint_eq(len, len2);
	ck_assert(memcmp(buf, buf2, len) == 0);
	free(buf2);
	free(buf);
	cfacts_free(&back);
	cfacts_free(&cf);
	free(path);
}
END_TEST

/* The sections of the .o that gcc makes of src at opt which cfacts knows of, as cfacts'
 * strings: the witness for the sections the predictions should have covered. */
static size_t real_sections(const char *src, const char *opt, const char **out, size_t max)
{
	char *dir = oracle_quote(oracle_scratch()), *q = oracle_quote(src);
	int st;
	/* readelf -SW: "  [ 1] .text  PROGBITS ...": the name after the number */
	char *names = oracle_sh(&st, "cd %s && gcc %s -c -o sections.o %s 2>/dev/null && "
				"readelf -SW sections.o | "
				"sed -n 's/^ *\\[ *[0-9]*\\] \\([^ ]*\\) .*/\\1/p'",
				dir, opt, q);
	ck_assert_int_eq(st, 0);
	size_t n = 0;
	for (char *l = strtok(names, "\n"); l; l = strtok(NULL, "\n")) {
		const char *sec = cfacts_section_intern(l);
		if (sec && n < max)
			out[n++] = sec;
	}
	ck_assert_msg(n > 0, "no known section in gcc %s's .o", opt);
	free(names);
	free(q);
	free(dir);
	return n;
}

/* The generated source has what it was made to have, so the round trips above cover it: each
 * macro origin, fix-its, each string width, places without a section and with -O2's, and
 * every section gcc's .o of it has at -O0 and -O2 (that cfacts knows) among the predicted. */
START_TEST(test_generated_coverage)
{
	char *path = test_generated();
	struct cfacts cf;
	test_parse(&cf, path, NULL, 0);
	const char *seen[64];
	size_t nseen = 0, fixits = 0, no_section = 0, opt = 0, widths[5] = { 0 };
	size_t origins[CFACTS_MACRO_BUILTIN + 1] = { 0 };
	for (size_t i = 0; i < cf.n_exps; i++)
		origins[cf.exps[i].origin]++;
	for (size_t i = 0; i < cf.n_diags; i++)
		fixits += cf.diags[i].n_fixits;
	for (size_t i = 0; i < cf.n_strings; i++)
		if (cf.strings[i].width >= 0 && cf.strings[i].width <= 4)
			widths[cf.strings[i].width]++;
	for (size_t i = 0; i < cf.n_funcs + cf.n_vars + cf.n_strings; i++) {
		size_t k = i;
		const struct cfacts_place *pl;
		if (k < cf.n_funcs)
			pl = &cf.funcs[k].place;
		else if ((k -= cf.n_funcs) < cf.n_vars)
			pl = &cf.vars[k].place;
		else
			pl = &cf.strings[k - cf.n_vars].place;
		const char *s[2] = { pl->section, pl->section_opt };
		no_section += !s[0];
		opt += s[1] != NULL;
		for (int j = 0; j < 2; j++) {
			size_t m = 0;
			while (s[j] && m < nseen && seen[m] != s[j])
				m++;
			if (s[j] && m == nseen && nseen < 64)
				seen[nseen++] = s[j];
		}
	}
	for (int o = 0; o <= CFACTS_MACRO_BUILTIN; o++)
		ck_assert_msg(origins[o] > 0, "no macro use of origin %d", o);
	ck_assert_msg(fixits > 0, "no fix-its");
	ck_assert_msg(widths[1] && widths[2] && widths[4], "strings of each width: %zu %zu %zu",
		      widths[1], widths[2], widths[4]);
	ck_assert_msg(no_section > 0 && opt > 0, "no place without a section, or with -O2's");
	for (int level = 0; level < 2; level++) {
		const char *real[64];
		size_t nreal = real_sections(path, level ? "-O2" : "-O0", real, 64);
		for (size_t r = 0; r < nreal; r++) {
			size_t m = 0;
			while (m < nseen && seen[m] != real[r])
				m++;
			ck_assert_msg(m < nseen, "gcc's .o has %s, which no place predicts",
				      real[r]);
		}
	}
	cfacts_free(&cf);
	free(path);
}
END_TEST

/* Every kind of value at its edges: NULL and "", negative, the largest, odd doubles. */
START_TEST(test_edges)
{
	struct cfacts cf = { .main_file = strdup(""), .pic = -7 };
	uint64_t nan_bits = 0x7ff8dead0000beefull;
	memcpy(&cf.parse_ms, &nan_bits, sizeof nan_bits);
	cf.n_defs = 2;
	cf.defs = calloc(2, sizeof *cf.defs);
	cf.defs[0] = (struct cfacts_macro_def){ .name = strdup("A"), .line = UINT_MAX,
						.col = 0, .function_like = INT_MIN };
	cf.defs[1] = (struct cfacts_macro_def){ .name = NULL, .function_like = INT_MAX };
	cf.n_exps = 2;
	cf.exps = calloc(2, sizeof *cf.exps);
	cf.exps[0] = (struct cfacts_macro_exp){ .name = strdup("\x01\xff"), .def = 1,
						.origin = CFACTS_MACRO_MAIN,
						.def_file = strdup("") };
	cf.exps[1] = (struct cfacts_macro_exp){ .def = -1, .origin = CFACTS_MACRO_BUILTIN };
	cf.n_funcs = 1;
	cf.funcs = calloc(1, sizeof *cf.funcs);
	cf.funcs[0] = (struct cfacts_func){
		.linkage = CFACTS_LINKAGE_EXTERNAL, .storage = CFACTS_STORAGE_OTHER, .inlined = -1,
		.weak = INT_MIN, .mangled = strdup(""), .body_last = UINT_MAX,
		.place = { .section = cfacts_section_intern(".text"),
			   .section_opt = cfacts_section_intern(".text.startup"), .nm = (char)0xe9,
			   .may_vanish = -1, .reason = strdup("") },
	};
	cf.n_vars = 1;
	cf.vars = calloc(1, sizeof *cf.vars);
	cf.vars[0] = (struct cfacts_var){ .init_zero = -1, .thread_local = 1, .weak = -1,
					  .name = strdup("v"),
					  .place = { .nm = 0 } };
	cf.n_calls = 2;
	cf.calls = calloc(2, sizeof *cf.calls);
	cf.calls[0] = (struct cfacts_call){ .fmt_arg = -1, .nargs = UINT_MAX };
	cf.calls[1] = (struct cfacts_call){ .callee = strdup("printf"), .caller = strdup(""),
					    .fmt = strdup(""), .next_str = strdup("%s\n"),
					    .next_is_ptr = 1, .no_builtin = 1,
					    .value_used = 1, .next_is_int = -1 };
	cf.n_strings = 1;
	cf.strings = calloc(1, sizeof *cf.strings);
	cf.strings[0] = (struct cfacts_string){ .text = strdup(""), .bytes = SIZE_MAX,
						.width = 4 };
	cf.n_diags = 2;
	cf.diags = calloc(2, sizeof *cf.diags);
	cf.diags[0] = (struct cfacts_diag){ .severity = CFACTS_SEV_FATAL, .message = strdup("m"),
					    .n_fixits = 2 };
	cf.diags[0].fixits = calloc(2, sizeof *cf.diags[0].fixits);
	cf.diags[0].fixits[0] = (struct cfacts_fixit){ .text = strdup(""), .end_col = UINT_MAX };
	cf.diags[0].fixits[1] = (struct cfacts_fixit){ .text = NULL, .line = 1 };
	cf.diags[1] = (struct cfacts_diag){ .severity = CFACTS_SEV_IGNORED, .file = strdup("") };

	size_t len;
	char *buf = test_wire(&cf, &len);
	struct cfacts back;
	char err[256];
	ck_assert_msg(cfwire_read(buf, len, &back, err, sizeof err) == 0, "%s", err);
	eq_facts(&cf, &back, 1);
	cfacts_free(&back);
	free(buf);

	/* a section cfacts never predicts cannot come back as a static string */
	cf.strings[0].place.section = "not a section";
	buf = test_wire(&cf, &len);
	assert_refused(buf, len, "an unknown section");
	free(buf);
	cf.strings[0].place.section = NULL;

	/* a macro use naming a definition that is not there */
	cf.exps[0].def = 2;
	buf = test_wire(&cf, &len);
	assert_refused(buf, len, "a definition out of range");
	free(buf);
	cfacts_free(&cf);

	/* nothing at all, and empty facts */
	assert_refused(NULL, 0, "no bytes");
	struct cfacts empty = { .parse_ms = 0 };
	buf = test_wire(&empty, &len);
	ck_assert_int_eq(cfwire_read(buf, len, &back, err, sizeof err), 0);
	eq_facts(&empty, &back, 1);
	cfacts_free(&back);
	free(buf);
}
END_TEST

/* A failing stream is an error from the writer. */
START_TEST(test_write_error)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f) {
		fprintf(stderr, "check_cfwire: test_write_error skipped: no /dev/full\n");
		return;
	}
	setvbuf(f, NULL, _IONBF, 0);
	struct cfacts cf = { .main_file = NULL };
	ck_assert_int_eq(cfwire_write(&cf, f), -1);
	fclose(f);
}
END_TEST

/* The facts of hello.c (caller frees both). */
static char *hello_wire(struct cfacts *cf, size_t *len)
{
	char *path = test_src("samples/hello.c");
	test_parse(cf, path, NULL, 0);
	free(path);
	return test_wire(cf, len);
}

/* Every proper prefix is refused; only the whole is read. */
START_TEST(test_truncated)
{
	struct cfacts cf;
	size_t len;
	char *buf = hello_wire(&cf, &len);
	for (size_t n = 0; n < len; n++) {
		/* a copy of exactly n bytes, so that a read past them is one ASan sees */
		char *cut = malloc(n ? n : 1);
		memcpy(cut, buf, n);
		char why[64];
		snprintf(why, sizeof why, "%zu of %zu bytes", n, len);
		assert_refused(cut, n, why);
		free(cut);
	}
	struct cfacts back;
	char err[256];
	ck_assert_msg(cfwire_read(buf, len, &back, err, sizeof err) == 0, "%s", err);
	cfacts_free(&back);
	cfacts_free(&cf);
	free(buf);
}
END_TEST

/* Where the u64 count after tag is in buf: the tag's occurrence followed by want. */
static size_t count_at(const char *buf, size_t len, const char *tag, uint64_t want)
{
	for (size_t i = 0; i + 12 <= len; i++) {
		if (memcmp(buf + i, tag, 4) != 0)
			continue;
		uint64_t v = 0;
		for (int b = 0; b < 8; b++)
			v |= (uint64_t)(unsigned char)buf[i + 4 + b] << (8 * b);
		if (v == want)
			return i + 4;
	}
	ck_abort_msg("no count %llu after \"%s\"", (unsigned long long)want, tag);
	return 0;
}

/* Each array's count made one more, one less, and huge: refused, and nothing allocated for
 * the elements that are not there. Likewise a wrong magic, version, enum and trailing bytes. */
START_TEST(test_corrupt)
{
	struct cfacts cf;
	size_t len;
	char *buf = hello_wire(&cf, &len);
	const struct {
		const char *tag;
		size_t n;
	} arrays[] = {
		{ "defs", cf.n_defs }, { "exps", cf.n_exps }, { "func", cf.n_funcs },
		{ "vars", cf.n_vars }, { "call", cf.n_calls }, { "strs", cf.n_strings },
		{ "diag", cf.n_diags },
	};
	char *bad = malloc(len + 1);
	for (size_t a = 0; a < sizeof arrays / sizeof arrays[0]; a++) {
		size_t at = count_at(buf, len, arrays[a].tag, arrays[a].n);
		const uint64_t wrong[] = { arrays[a].n + 1, arrays[a].n - 1, UINT64_MAX,
					   (uint64_t)1 << 40 };
		for (size_t w = 0; w < sizeof wrong / sizeof wrong[0]; w++) {
			if (w == 1 && arrays[a].n == 0)
				continue; /* no count below 0 */
			memcpy(bad, buf, len);
			for (int b = 0; b < 8; b++)
				bad[at + (size_t)b] = (char)(wrong[w] >> (8 * b));
			char why[64];
			snprintf(why, sizeof why, "%s count %llu for %zu", arrays[a].tag,
				 (unsigned long long)wrong[w], arrays[a].n);
			assert_refused(bad, len, why);
		}
	}
	memcpy(bad, buf, len);
	bad[0] ^= 1;
	assert_refused(bad, len, "a wrong magic");
	memcpy(bad, buf, len);
	bad[8] = (char)(CFWIRE_VERSION + 1);
	assert_refused(bad, len, "another version");
	memcpy(bad, buf, len);
	bad[len] = '\0';
	assert_refused(bad, len + 1, "a trailing byte");
	/* the first function's linkage: after its name, line and col and is_definition */
	ck_assert_uint_gt(cf.n_funcs, 0);
	ck_assert_uint_gt(strlen(cf.funcs[0].name), 0);
	size_t at = count_at(buf, len, "func", cf.n_funcs) + 8 + 4 + strlen(cf.funcs[0].name) + 12;
	memcpy(bad, buf, len);
	ck_assert_int_eq((unsigned char)bad[at], cf.funcs[0].linkage);
	bad[at] = (char)(CFACTS_LINKAGE_EXTERNAL + 1);
	assert_refused(bad, len, "a linkage out of range");
	/* a NUL inside a string: the first function's name */
	memcpy(bad, buf, len);
	bad[at - 12 - strlen(cf.funcs[0].name)] = '\0';
	assert_refused(bad, len, "a NUL in a string");
	free(bad);
	cfacts_free(&cf);
	free(buf);
}
END_TEST

/* The child's parse, with exe, against this process's, with the same arguments. */
static void child_vs_here(const char *exe, const char *path, const char *const *args,
			  size_t nargs)
{
	struct cfacts here, there;
	char err[512];
	test_parse(&here, path, args, nargs);
	int rc = cfwire_parse_child(&there, exe, path, args, nargs, 0, err, sizeof err);
	ck_assert_msg(rc == 0, "%s --internal-cfacts %s: %s", exe ? exe : "(self)", path, err);
	eq_facts(&here, &there, 0);
	cfacts_free(&there);
	cfacts_free(&here);
}

START_TEST(test_child_lesson)
{
	char *path = test_source(_i);
	child_vs_here(lesson_bin, path, NULL, 0);
	free(path);
}
END_TEST

/* Arguments reach the child's parse (NULL ones left out, as in this process). */
START_TEST(test_child_args)
{
	char *path = test_src("samples/macros.c");
	const char *const args[] = { "-DVERBOSE", NULL, "-fPIC", "-O2", "-std=c11",
				     "-fno-builtin-printf" };
	child_vs_here(lesson_bin, path, args, sizeof args / sizeof args[0]);
	free(path);
}
END_TEST

/* With no exe the child is this very binary (main() below answers --internal-cfacts). */
START_TEST(test_child_self)
{
	char *path = test_src("samples/hello.c");
	const char *const args[] = { "-fno-pie" };
	child_vs_here(NULL, path, args, 1);
	free(path);
}
END_TEST

/* The child's own sentence when its parse fails: the same as this process's. */
START_TEST(test_child_missing_file)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/not-there.c", oracle_scratch());
	struct cfacts cf;
	char here[512], there[512];
	ck_assert_int_eq(cfacts_parse(&cf, path, NULL, 0, here, sizeof here), -1);
	cfacts_free(&cf);
	ck_assert_int_eq(cfwire_parse_child(&cf, lesson_bin, path, NULL, 0, 0, there,
					    sizeof there), -1);
	assert_empty(&cf);
	ck_assert_str_eq(here, there);
	cfacts_free(&cf);
}
END_TEST

/* A script standing in for the child (caller frees the path). */
static char *fake_child(const char *name, const char *body)
{
	char *text = NULL;
	if (asprintf(&text, "#!/bin/sh\n%s\n", body) < 0)
		abort();
	char *path = oracle_write(oracle_scratch(), name, text);
	free(text);
	ck_assert_int_eq(chmod(path, 0755), 0);
	return path;
}

/* The child fails: -1, *cf empty, and a sentence with how it ended and what it said. */
static void child_fails(const char *exe, int timeout_ms, const char *want1, const char *want2)
{
	char *src = test_src("samples/hello.c");
	struct cfacts cf;
	char err[512] = "";
	ck_assert_int_eq(cfwire_parse_child(&cf, exe, src, NULL, 0, timeout_ms, err, sizeof err),
			 -1);
	assert_empty(&cf);
	ck_assert_msg(strstr(err, want1) != NULL, "%s: \"%s\" lacks \"%s\"", exe, err, want1);
	ck_assert_msg(!want2 || strstr(err, want2) != NULL, "%s: \"%s\" lacks \"%s\"", exe, err,
		      want2);
	cfacts_free(&cf);
	free(src);
}

/* How exe ends when proc_run() runs it by itself: the witness for the sentence (under
 * valgrind, say, a missing program is an exit 127 rather than no start). */
static char *ends_as(const char *exe)
{
	char *argv[] = { (char *)exe, NULL };
	struct proc_result r;
	proc_run(argv, NULL, &r);
	char *d = strdup(proc_describe(&r));
	proc_result_free(&r);
	return d;
}

/* A child that ends as it does when run by itself, with what it said. */
static void child_fails_as(const char *exe, const char *said)
{
	char *how = ends_as(exe);
	child_fails(exe, 0, how, said);
	free(how);
}

START_TEST(test_child_failures)
{
	char *p;
	char missing[PATH_MAX + 32];
	snprintf(missing, sizeof missing, "%s/no-such-program", oracle_scratch());
	child_fails_as(missing, NULL);
	p = fake_child("crash", "echo 'about to crash' >&2; kill -SEGV $$");
	child_fails_as(p, "about to crash");
	free(p);
	p = fake_child("exit3", "echo 'something odd' >&2; exit 3");
	child_fails_as(p, "something odd");
	free(p);
	p = fake_child("silent1", "exit 1");
	child_fails_as(p, NULL);
	free(p);
	p = fake_child("rule", "echo '=====' >&2; echo '==1==ERROR: gone wrong' >&2; exit 1");
	child_fails(p, 0, "==1==ERROR: gone wrong", NULL); /* a sanitizer's report: its words */
	free(p);
	p = fake_child("junk", "echo 'not facts'");
	child_fails(p, 0, "not libclang's facts", NULL);
	free(p);
	p = fake_child("sleeper", "exec sleep 600");
	child_fails(p, 100, "timed out", NULL);
	free(p);
	/* the facts cut short: a child that sends half of real ones (where the cut falls
	 * depends on the path's length: in a string, or before a count, both read as an end) */
	struct cfacts cf;
	size_t len;
	char *buf = hello_wire(&cf, &len);
	char *half = oracle_write(oracle_scratch(), "half.bin", "");
	FILE *f = fopen(half, "w");
	ck_assert_int_eq(fwrite(buf, 1, len / 2, f), len / 2);
	ck_assert_int_eq(fclose(f), 0);
	char *q = oracle_quote(half), *body = NULL;
	if (asprintf(&body, "cat %s", q) < 0)
		abort();
	p = fake_child("half", body);
	child_fails(p, 0, "end early", NULL);
	free(p);
	free(body);
	free(q);
	free(half);
	free(buf);
	cfacts_free(&cf);
}
END_TEST

int main(int argc, char **argv)
{
	/* test_child_self runs this binary as the child */
	if (argc > 1 && strcmp(argv[1], "--internal-cfacts") == 0)
		return cfwire_child_main(argc - 1, argv + 1);
	char err[512];
	if (!cfacts_available(err, sizeof err)) {
		fprintf(stderr, "check_cfwire: skipped: %s\n", err);
		return 77;
	}
	lesson_bin = getenv("LESSON") && *getenv("LESSON") ? getenv("LESSON") : "./lesson";
	int have_lesson = access(lesson_bin, X_OK) == 0;
	if (!have_lesson)
		fprintf(stderr, "check_cfwire: skipped the cases that run %s: it is missing\n",
			lesson_bin);
	oracle_scratch(); /* made here, so the forked tests share it and it goes at exit */
	Suite *s = suite_create("cfwire");
	TCase *tc = tcase_create("cfwire");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_loop_test(tc, test_roundtrip, 0, N_SOURCES);
	tcase_add_test(tc, test_generated_coverage);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_corrupt);
	tcase_add_test(tc, test_child_self);
	tcase_add_test(tc, test_child_failures);
	if (have_lesson) {
		tcase_add_loop_test(tc, test_child_lesson, 0, N_SOURCES);
		tcase_add_test(tc, test_child_args);
		tcase_add_test(tc, test_child_missing_file);
	}
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
