/* check_linkmsg: the linker's messages read from real links. Each case links with the real gcc
 * (and musl-gcc when it is installed) in a scratch directory, under LC_ALL=C and a UTF-8
 * locale, and checks the items against witnesses that do not use the module: grep and sed on
 * the same stderr (how many messages, which names), grep on the source (the lines of the
 * calls and definitions), nm -D on libm and libc, and a second link that applies the fix.
 * libclang's facts are used when libclang can be loaded; every case also runs without them.
 */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "stages/cfacts.h"
#include "stages/linkmsg.h"
#include "tests/oracle.h"

/* The locales to link under: "C", and a UTF-8 one when `locale -a` lists it. */
static char *locales[2];
static size_t n_locales;

static int have_clang = -1;

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

static char *test_read(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A fresh directory of its own for one case, under the scratch directory (caller frees). */
static char *test_dir(const char *name)
{
	char *d = NULL;
	if (asprintf(&d, "%s/%s", oracle_scratch(), name) < 0)
		abort();
	ck_assert_msg(mkdir(d, 0700) == 0, "mkdir %s", d);
	return d;
}

/* Run the command in dir under LC_ALL=loc; its stderr, also kept in dir/name for the
 * witnesses (caller frees both). */
static char *test_link(const char *dir, const char *loc, const char *name, char **saved,
		       int *status, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static char *test_link(const char *dir, const char *loc, const char *name, char **saved,
		       int *status, const char *fmt, ...)
{
	va_list ap;
	char *cmd = NULL;
	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);
	char *qd = oracle_quote(dir);
	char *err = oracle_sh(status, "cd %s && (export LC_ALL=%s; %s) 2>&1 >/dev/null", qd, loc,
			      cmd);
	*saved = oracle_write(dir, name, err);
	free(qd);
	free(cmd);
	return err;
}

/* A number the shell printed. */
static long test_num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static long test_num(const char *fmt, ...)
{
	va_list ap;
	char *cmd = NULL;
	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);
	char *out = oracle_sh(NULL, "%s", cmd);
	long v = strtol(out, NULL, 10);
	free(out);
	free(cmd);
	return v;
}

/* libclang's facts of src, or NULL when libclang cannot be loaded (cfacts_free, free). */
static struct cfacts *test_facts(const char *src)
{
	if (!have_clang)
		return NULL;
	struct cfacts *cf = calloc(1, sizeof *cf);
	char err[512];
	ck_assert_msg(cfacts_parse(cf, src, NULL, 0, err, sizeof err) == 0, "cfacts: %s", err);
	return cf;
}

static void test_facts_free(struct cfacts *cf)
{
	if (cf) {
		cfacts_free(cf);
		free(cf);
	}
}

static void test_parse(struct linkmsg *m, const char *err, const struct cfacts *cf)
{
	ck_assert_int_eq(linkmsg_parse(m, err, strlen(err), cf), 0);
	for (size_t i = 0; i < m->n; i++) {
		const struct linkmsg_item *it = &m->items[i];
		ck_assert_msg(it->explain && *it->explain, "item %zu has no explanation", i);
		ck_assert_msg(it->raw && strstr(err, it->raw), "item %zu: raw text not in stderr",
			      i);
		if (it->kind != LINKMSG_OTHER_WARNING)
			ck_assert_msg(it->symbol && *it->symbol, "item %zu has no symbol", i);
		if (it->lesson) { /* a lesson that exists */
			char *rel = NULL;
			if (asprintf(&rel, "lessons/%s.md", it->lesson) < 0)
				abort();
			free(test_src(rel));
			free(rel);
		}
		if (!cf)
			ck_assert_uint_eq(it->n_where, 0);
	}
}

static size_t test_count(const struct linkmsg *m, enum linkmsg_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n; i++)
		n += m->items[i].kind == k;
	return n;
}

static int test_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of kind k's items, one a line: in order, or sorted with each once (as sort -u
 * prints them in the C locale). */
static char *test_names(const struct linkmsg *m, enum linkmsg_kind k, int sorted)
{
	size_t cap = 1, n = 0;
	const char **v = calloc(m->n + 1, sizeof *v);
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i].kind == k && m->items[i].symbol) {
			v[n++] = m->items[i].symbol;
			cap += strlen(m->items[i].symbol) + 1;
		}
	if (sorted)
		qsort(v, n, sizeof *v, test_cmp);
	char *out = calloc(1, cap), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (sorted && i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		o += sprintf(o, "%s\n", v[i]);
	}
	free(v);
	return out;
}

/* Line number line is one of the lines of list (numbers, one a line). */
static int test_has_line(const char *list, unsigned line)
{
	char want[24];
	snprintf(want, sizeof want, "%u\n", line);
	for (const char *p = list; (p = strstr(p, want)); p++)
		if (p == list || p[-1] == '\n')
			return 1;
	return 0;
}

/* The source text at line:col starts with name and then, after blanks, "(". */
static int test_call_at(const char *text, unsigned line, unsigned col, const char *name)
{
	const char *p = text;
	for (unsigned l = 1; l < line && p; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p || col == 0 || strlen(p) < col)
		return 0;
	p += col - 1;
	size_t n = strlen(name);
	if (strncmp(p, name, n) != 0)
		return 0;
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '(';
}

/* ld's backquote-and-quote pairs turned into the UTF-8 quotes a translated ld prints. */
static char *test_utf8_quotes(const char *err)
{
	char *out = malloc(strlen(err) * 3 + 1), *o = out;
	int open = 0;
	for (const char *p = err; *p; p++) {
		if (*p == '`') {
			memcpy(o, "\xe2\x80\x98", 3);
			o += 3;
			open = 1;
		} else if (*p == '\'' && open) {
			memcpy(o, "\xe2\x80\x99", 3);
			o += 3;
			open = 0;
		} else {
			*o++ = *p;
			open &= *p != '\n';
		}
	}
	*o = '\0';
	return out;
}

static int test_str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The same stderr with UTF-8 quotes gives the same items. */
static void test_quotes_agree(const char *err, const struct cfacts *cf)
{
	struct linkmsg a, b;
	char *u = test_utf8_quotes(err);
	test_parse(&a, err, cf);
	test_parse(&b, u, cf);
	ck_assert_uint_eq(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		const struct linkmsg_item *x = &a.items[i], *y = &b.items[i];
		ck_assert_int_eq(x->kind, y->kind);
		ck_assert_msg(test_str_eq(x->symbol, y->symbol), "symbol %s / %s", x->symbol,
			      y->symbol);
		ck_assert_msg(test_str_eq(x->function, y->function), "function %s / %s",
			      x->function, y->function);
		ck_assert_msg(test_str_eq(x->object, y->object), "object");
		ck_assert_msg(test_str_eq(x->explain, y->explain), "explanations differ");
		ck_assert_msg(test_str_eq(x->lesson, y->lesson), "lessons differ");
		ck_assert_uint_eq(x->n_where, y->n_where);
		ck_assert_uint_eq(x->src_line, y->src_line);
	}
	linkmsg_free(&a);
	linkmsg_free(&b);
	free(u);
}

/* The lines of src where name( is written outside comments, one a line. */
static char *test_grep_calls(const char *src, const char *name)
{
	char *q = oracle_quote(src);
	char *out = oracle_sh(NULL, "grep -n -E '(^|[^A-Za-z0-9_])%s[[:space:]]*\\(' %s | "
			      "grep -v -E '^[0-9]+:[[:space:]]*(/\\*|\\*|//)' | cut -d: -f1",
			      name, q);
	free(q);
	return out;
}

/* The where lines of an item, one a line, each once, in order. */
static char *test_where_lines(const struct linkmsg_item *it)
{
	char *out = calloc(1, it->n_where * 12 + 1);
	unsigned last = 0;
	for (size_t i = 0; i < it->n_where; i++) {
		if (it->where[i].line == last)
			continue;
		last = it->where[i].line;
		sprintf(out + strlen(out), "%u\n", last);
	}
	return out;
}

/*
 * An undefined libm function: samples/libm.c linked without -lm.
 */
START_TEST(test_libm)
{
	char *src = test_src("samples/libm.c"), *text = test_read(src);
	char *dir = test_dir("libm"), *qsrc = oracle_quote(src);
	struct cfacts *cf = test_facts(src);
	for (size_t l = 0; l < n_locales; l++) {
		int st;
		char *saved;
		char *err = test_link(dir, locales[l], "libm.err", &saved, &st, "gcc -o libm %s",
				      qsrc);
		ck_assert_msg(st != 0, "libm.c linked without -lm: %s", err);
		long n_undef = test_num("grep -c 'undefined reference' %s", saved);
		char *names = oracle_sh(NULL, "grep -o 'undefined reference to [^A-Za-z_]*[A-Za-z_]"
					"[A-Za-z0-9_]*' %s | sed 's/^undefined reference to "
					"[^A-Za-z_]*//'", saved);
		ck_assert_msg(n_undef > 0, "no undefined reference in: %s", err);
		for (int with = 0; with < 2; with++) {
			const struct cfacts *use = with ? cf : NULL;
			if (with && !cf)
				continue;
			struct linkmsg m;
			test_parse(&m, err, use);
			ck_assert_uint_eq(test_count(&m, LINKMSG_UNDEFINED), (size_t)n_undef);
			char *mine = test_names(&m, LINKMSG_UNDEFINED, 0);
			ck_assert_str_eq(mine, names);
			free(mine);
			for (size_t i = 0; i < m.n; i++) {
				const struct linkmsg_item *it = &m.items[i];
				ck_assert_msg(linkmsg_is_libm(it->symbol), "%s", it->symbol);
				ck_assert_msg(it->fix && strstr(it->fix, "-lm"), "fix: %s",
					      it->fix);
				ck_assert_msg(strstr(it->explain, "libm"), "%s", it->explain);
				if (!use)
					continue;
				char *want = test_grep_calls(src, it->symbol);
				char *got = test_where_lines(it);
				ck_assert_msg(*want != '\0', "grep finds no call to %s",
					      it->symbol);
				ck_assert_str_eq(got, want);
				for (size_t w = 0; w < it->n_where; w++) {
					ck_assert(it->where[w].at == LINKMSG_AT_CALL);
					ck_assert_msg(test_call_at(text, it->where[w].line,
								   it->where[w].col, it->symbol),
						      "no call to %s at %u:%u", it->symbol,
						      it->where[w].line, it->where[w].col);
					ck_assert_str_eq(it->where[w].caller, it->function);
				}
				free(want);
				free(got);
			}
			linkmsg_free(&m);
		}
		test_quotes_agree(err, cf);
		free(names);
		free(saved);
		free(err);

		/* the fix works: with -lm at the end, the link succeeds and says nothing */
		err = test_link(dir, locales[l], "libm-ok.err", &saved, &st, "gcc -o libm %s -lm",
				qsrc);
		ck_assert_msg(st == 0, "gcc libm.c -lm: %s", err);
		struct linkmsg m;
		test_parse(&m, err, cf);
		ck_assert_uint_eq(m.n, 0);
		linkmsg_free(&m);
		free(saved);
		free(err);
	}

	/* with -g, ld names the source line itself: the same line as the call */
	int st;
	char *saved;
	char *err = test_link(dir, "C", "libm-g.err", &saved, &st,
			      "gcc -g -c -o libm.o %s && gcc -o libm libm.o", qsrc);
	ck_assert_msg(st != 0, "%s", err);
	struct linkmsg m;
	test_parse(&m, err, cf);
	ck_assert_uint_gt(m.n, 0);
	for (size_t i = 0; i < m.n; i++) {
		const struct linkmsg_item *it = &m.items[i];
		char *want = test_grep_calls(src, it->symbol);
		ck_assert_msg(it->src_line > 0, "no line in %s", it->raw);
		ck_assert_msg(test_has_line(want, it->src_line), "ld's line %u is not a call to "
			      "%s (%s)", it->src_line, it->symbol, want);
		if (cf) {
			ck_assert_uint_gt(it->n_where, 0);
			for (size_t w = 0; w < it->n_where; w++)
				ck_assert_uint_eq(it->where[w].line, it->src_line);
		}
		free(want);
	}
	linkmsg_free(&m);
	free(saved);
	free(err);

	test_facts_free(cf);
	free(qsrc);
	free(dir);
	free(text);
	free(src);
}
END_TEST

/*
 * sqrt on run-time values in two functions, and once on a constant, which gcc computes
 * itself: ld names the function of each reference, and the places follow it.
 */
static const char sqrt_src[] =
	"#include <math.h>\n"
	"#include <stdio.h>\n"
	"#include <stdlib.h>\n"
	"\n"
	"static double folded(void)\n"
	"{\n"
	"\treturn sqrt(2.0);\n"
	"}\n"
	"\n"
	"double norm(double a, double b)\n"
	"{\n"
	"\treturn sqrt(a * a + b * b);\n"
	"}\n"
	"\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tdouble x = strtod(argc > 1 ? argv[1] : \"2\", NULL);\n"
	"\tprintf(\"%f %f %f\\n\", sqrt(x), norm(x, x), folded());\n"
	"\treturn 0;\n"
	"}\n";

START_TEST(test_sqrt_functions)
{
	char *dir = test_dir("sqrt");
	char *src = oracle_write(dir, "roots.c", sqrt_src);
	char *text = test_read(src);
	struct cfacts *cf = test_facts(src);
	long folded = test_num("grep -n 'sqrt(2.0)' %s | cut -d: -f1", src);
	for (size_t l = 0; l < n_locales; l++) {
		int st;
		char *saved;
		char *err = test_link(dir, locales[l], "roots.err", &saved, &st,
				      "gcc -O0 -o roots roots.c");
		ck_assert_msg(st != 0, "%s", err);
		long n_undef = test_num("grep -c 'undefined reference' %s", saved);
		/* the functions ld named, in order, one for each of its context lines */
		char *fns = oracle_sh(NULL, "sed -n 's/.*in function [^A-Za-z_]*\\([A-Za-z_]*\\).*/"
				      "\\1/p' %s", saved);
		ck_assert_msg(strstr(fns, "norm") && strstr(fns, "main"), "%s", err);
		for (int with = 0; with < 2; with++) {
			if (with && !cf)
				continue;
			struct linkmsg m;
			test_parse(&m, err, with ? cf : NULL);
			ck_assert_uint_eq(test_count(&m, LINKMSG_UNDEFINED), (size_t)n_undef);
			for (size_t i = 0; i < m.n; i++) {
				const struct linkmsg_item *it = &m.items[i];
				ck_assert_msg(it->function && strstr(fns, it->function), "%s",
					      it->raw);
				if (!with)
					continue;
				ck_assert_uint_gt(it->n_where, 0);
				for (size_t w = 0; w < it->n_where; w++) {
					ck_assert_str_eq(it->where[w].caller, it->function);
					ck_assert(it->where[w].line != (unsigned)folded);
					ck_assert(test_call_at(text, it->where[w].line,
							       it->where[w].col, it->symbol));
				}
			}
			linkmsg_free(&m);
		}
		free(fns);
		free(saved);
		free(err);
	}
	test_facts_free(cf);
	free(text);
	free(src);
	free(dir);
}
END_TEST

/*
 * samples/link-error.c: a function declared and never defined.
 */
START_TEST(test_link_error)
{
	char *src = test_src("samples/link-error.c"), *text = test_read(src);
	char *dir = test_dir("linkerr"), *qsrc = oracle_quote(src);
	struct cfacts *cf = test_facts(src);
	int musl = test_num("command -v musl-gcc >/dev/null && echo 1 || echo 0") == 1;
	for (size_t l = 0; l < n_locales + (size_t)musl; l++) {
		int st;
		char *saved;
		const char *loc = l < n_locales ? locales[l] : "C";
		const char *cc = l < n_locales ? "gcc" : "musl-gcc -static";
		char *err = test_link(dir, loc, "le.err", &saved, &st, "%s -o le %s", cc, qsrc);
		ck_assert_msg(st != 0, "link-error.c linked: %s", err);
		long n_undef = test_num("grep -c 'undefined reference' %s", saved);
		char *names = oracle_sh(NULL, "grep -o 'undefined reference to [^A-Za-z_]*[A-Za-z_]"
					"[A-Za-z0-9_]*' %s | sed 's/^undefined reference to "
					"[^A-Za-z_]*//'", saved);
		char *fn = oracle_sh(NULL, "sed -n 's/.*in function [^A-Za-z_]*\\([A-Za-z_]*\\).*/"
				     "\\1/p' %s | head -n 1 | tr -d '\\n'", saved);
		for (int with = 0; with < 2; with++) {
			if (with && !cf)
				continue;
			struct linkmsg m;
			test_parse(&m, err, with ? cf : NULL);
			ck_assert_uint_eq(test_count(&m, LINKMSG_UNDEFINED) +
					  test_count(&m, LINKMSG_NO_MAIN), (size_t)n_undef);
			char *mine = test_names(&m, LINKMSG_UNDEFINED, 0);
			ck_assert_str_eq(mine, names);
			free(mine);
			for (size_t i = 0; i < m.n; i++) {
				const struct linkmsg_item *it = &m.items[i];
				ck_assert(linkmsg_kind_is_error(it->kind));
				ck_assert_str_eq(it->function, fn);
				if (!with)
					continue;
				/* the declaration's line, as grep finds it */
				long decl = test_num("grep -n -E "
						     "'^[a-z].*[^A-Za-z0-9_]%s\\(.*\\);$' %s | "
						     "head -n 1 | cut -d: -f1", it->symbol, qsrc);
				char *says = NULL;
				if (asprintf(&says, "declared (line %ld)", decl) < 0)
					abort();
				ck_assert_msg(decl > 0 && strstr(it->explain, says), "%s",
					      it->explain);
				free(says);
				ck_assert_uint_gt(it->n_where, 0);
				for (size_t w = 0; w < it->n_where; w++) {
					ck_assert(test_call_at(text, it->where[w].line,
							       it->where[w].col, it->symbol));
					ck_assert_str_eq(it->where[w].caller, fn);
				}
			}
			linkmsg_free(&m);
		}
		test_quotes_agree(err, cf);
		free(fn);
		free(names);
		free(saved);
		free(err);
	}
	test_facts_free(cf);
	free(qsrc);
	free(dir);
	free(text);
	free(src);
}
END_TEST

/*
 * A function declared nowhere (an implicit declaration), and an inline definition that
 * makes no external one: both undefined at -O0.
 */
START_TEST(test_undeclared_and_inline)
{
	char *dir = test_dir("implicit");
	char *src = oracle_write(dir, "imp.c",
				 "inline int square(int v) { return v * v; }\n"
				 "\n"
				 "int main(void)\n"
				 "{\n"
				 "\treturn frobnicate(3) + square(2);\n"
				 "}\n");
	struct cfacts *cf = test_facts(src);
	int st;
	char *saved;
	char *err = test_link(dir, "C", "imp.err", &saved, &st, "gcc -O0 -o imp imp.c");
	ck_assert_msg(st != 0, "%s", err);
	long n_undef = test_num("grep -c 'undefined reference' %s", saved);
	long warned = test_num("grep -c \"implicit declaration of function 'frobnicate'\" %s",
			       saved);
	struct linkmsg m;
	test_parse(&m, err, cf);
	ck_assert_uint_eq(test_count(&m, LINKMSG_UNDEFINED), (size_t)n_undef);
	ck_assert_uint_eq(test_count(&m, LINKMSG_OTHER_WARNING), 0); /* gcc's are not ld's */
	for (size_t i = 0; cf && i < m.n; i++) {
		const struct linkmsg_item *it = &m.items[i];
		if (strcmp(it->symbol, "frobnicate") == 0) {
			ck_assert_msg(warned > 0, "gcc gave no implicit-declaration warning");
			ck_assert_msg(strstr(it->explain, "implicit declaration"), "%s",
				      it->explain);
		} else {
			ck_assert_str_eq(it->symbol, "square");
			ck_assert_msg(strstr(it->explain, "inline definition"), "%s", it->explain);
		}
	}
	linkmsg_free(&m);
	free(saved);
	free(err);

	/* the fix it names for the inline one: static inline links */
	if (cf) {
		err = test_link(dir, "C", "imp2.err", &saved, &st,
				"sed 's/^inline/static inline/; s/frobnicate(3)/0/' imp.c "
				"> imp2.c && gcc -O0 -o imp imp2.c");
		ck_assert_msg(st == 0, "%s", err);
		free(saved);
		free(err);
	}
	test_facts_free(cf);
	free(src);
	free(dir);
}
END_TEST

/*
 * Many calls to one missing function: ld lists a few, then says that more follow.
 */
START_TEST(test_more)
{
	char *dir = test_dir("more");
	char *body = calloc(1, 4096);
	strcat(body, "void missing(void);\n\nint main(void)\n{\n");
	for (int i = 0; i < 16; i++)
		strcat(body, "\tmissing();\n");
	strcat(body, "\treturn 0;\n}\n");
	char *src = oracle_write(dir, "more.c", body);
	struct cfacts *cf = test_facts(src);
	int st;
	char *saved;
	char *err = test_link(dir, "C", "more.err", &saved, &st, "gcc -o more more.c");
	ck_assert_msg(st != 0, "%s", err);
	long n_undef = test_num("grep -c 'undefined reference' %s", saved);
	long n_more = test_num("grep -c 'more undefined references' %s", saved);
	long calls = test_num("grep -c 'missing();' %s", src);
	struct linkmsg m;
	test_parse(&m, err, cf);
	ck_assert_uint_eq(test_count(&m, LINKMSG_UNDEFINED), (size_t)n_undef);
	long more = 0;
	for (size_t i = 0; i < m.n; i++) {
		more += m.items[i].more;
		ck_assert_str_eq(m.items[i].function, "main");
		if (cf) /* ld names no line without -g: every call in main is a candidate */
			ck_assert_uint_eq(m.items[i].n_where, (size_t)calls);
	}
	ck_assert_int_eq(more, n_more);
	linkmsg_free(&m);
	test_quotes_agree(err, cf);
	free(saved);
	free(err);
	test_facts_free(cf);
	free(src);
	free(body);
	free(dir);
}
END_TEST

/*
 * Two files that define the same variable and the same function.
 */
START_TEST(test_multiple)
{
	char *dir = test_dir("multiple");
	char *a = oracle_write(dir, "a.c",
			       "int counter = 1;\n"
			       "int helper(void) { return counter; }\n"
			       "int main(void) { return helper(); }\n");
	char *b = oracle_write(dir, "b.c",
			       "/* the same names again */\n"
			       "int counter;\n"
			       "\n"
			       "int helper(void)\n"
			       "{\n"
			       "\treturn 2;\n"
			       "}\n");
	struct cfacts *cf = test_facts(b);
	for (size_t l = 0; l < n_locales; l++) {
		int st;
		char *saved;
		char *err = test_link(dir, locales[l], "ab.err", &saved, &st,
				      "gcc -o ab a.c b.c");
		ck_assert_msg(st != 0, "%s", err);
		long n = test_num("grep -c 'multiple definition' %s", saved);
		char *names = oracle_sh(NULL, "grep -o 'multiple definition of [^A-Za-z_]*[A-Za-z_]"
					"[A-Za-z0-9_]*' %s | sed 's/^multiple definition of "
					"[^A-Za-z_]*//' | sort -u", saved);
		ck_assert_msg(strstr(names, "counter") && strstr(names, "helper"), "%s", err);
		for (int with = 0; with < 2; with++) {
			if (with && !cf)
				continue;
			struct linkmsg m;
			test_parse(&m, err, with ? cf : NULL);
			ck_assert_uint_eq(test_count(&m, LINKMSG_MULTIPLE), (size_t)n);
			char *mine = test_names(&m, LINKMSG_MULTIPLE, 1);
			ck_assert_str_eq(mine, names);
			free(mine);
			for (size_t i = 0; i < m.n; i++) {
				const struct linkmsg_item *it = &m.items[i];
				ck_assert_msg(it->first != NULL, "%s", it->raw);
				if (strcmp(it->symbol, "counter") == 0)
					ck_assert_msg(strstr(it->explain, "-fno-common"), "%s",
						      it->explain);
				else
					ck_assert_msg(strstr(it->explain, "function"), "%s",
						      it->explain);
				if (!with)
					continue;
				/* the definition in b.c, where grep finds it */
				long line = test_num("grep -n -E '^int %s( |;|\\()' %s | "
						     "cut -d: -f1", it->symbol, b);
				ck_assert_uint_eq(it->n_where, 1);
				ck_assert_uint_eq(it->where[0].line, (unsigned)line);
				ck_assert(it->where[0].at == LINKMSG_AT_DEFINITION);
			}
			linkmsg_free(&m);
		}
		test_quotes_agree(err, cf);
		free(names);
		free(saved);
		free(err);
	}

	/* the fix it names: static in one file, and the link goes through */
	int st;
	char *saved;
	char *err = test_link(dir, "C", "ab-static.err", &saved, &st,
			      "sed 's/^int /static int /' b.c > b2.c && gcc -o ab a.c b2.c");
	ck_assert_msg(st == 0, "%s", err);
	struct linkmsg m;
	test_parse(&m, err, NULL);
	ck_assert_uint_eq(test_count(&m, LINKMSG_MULTIPLE), 0);
	linkmsg_free(&m);
	free(saved);
	free(err);

	/* one object named twice */
	err = test_link(dir, "C", "aa.err", &saved, &st, "gcc -c a.c && gcc -o aa a.o a.o");
	ck_assert_msg(st != 0, "%s", err);
	test_parse(&m, err, NULL);
	ck_assert_uint_eq(test_count(&m, LINKMSG_MULTIPLE),
			  (size_t)test_num("grep -c 'multiple definition' %s", saved));
	for (size_t i = 0; i < m.n; i++)
		ck_assert_msg(strstr(m.items[i].explain, "twice"), "%s", m.items[i].explain);
	linkmsg_free(&m);
	free(saved);
	free(err);

	test_facts_free(cf);
	free(a);
	free(b);
	free(dir);
}
END_TEST

/* The set of names glibc's static-link warnings quote in the saved stderr. */
static char *test_nss_names(const char *saved)
{
	return oracle_sh(NULL, "grep -o \"Using '[a-z_]*'\" %s | sed \"s/Using '//; s/'//\" | "
			 "sort -u", saved);
}

/*
 * samples/nss.c and samples/plugin/host.c linked with -static: glibc's warnings.
 */
START_TEST(test_static_nss)
{
	static const char *const samples[] = { "samples/nss.c", "samples/plugin/host.c" };
	char *dir = test_dir("nss");
	for (size_t s = 0; s < 2; s++) {
		char *src = test_src(samples[s]), *text = test_read(src), *qsrc = oracle_quote(src);
		struct cfacts *cf = test_facts(src);
		for (size_t l = 0; l < n_locales; l++) {
			int st;
			char *saved;
			char *err = test_link(dir, locales[l], "nss.err", &saved, &st,
					      "gcc -static -o prog %s -ldl", qsrc);
			ck_assert_msg(st == 0, "gcc -static %s: %s", samples[s], err);
			char *names = test_nss_names(saved);
			ck_assert_msg(*names != '\0', "no warning from glibc: %s", err);
			for (int with = 0; with < 2; with++) {
				if (with && !cf)
					continue;
				struct linkmsg m;
				test_parse(&m, err, with ? cf : NULL);
				char *mine = test_names(&m, LINKMSG_STATIC_NSS, 1);
				ck_assert_str_eq(mine, names);
				free(mine);
				ck_assert_uint_eq(test_count(&m, LINKMSG_STATIC_NSS),
						  (size_t)test_num("grep -c 'Using ' %s", saved));
				for (size_t i = 0; i < m.n; i++) {
					const struct linkmsg_item *it = &m.items[i];
					ck_assert(!linkmsg_kind_is_error(it->kind));
					ck_assert_msg(it->lesson != NULL, "%s", it->symbol);
					if (!with)
						continue;
					char *want = test_grep_calls(src, it->symbol);
					ck_assert_uint_gt(it->n_where, 0);
					for (size_t w = 0; w < it->n_where; w++) {
						ck_assert_msg(test_has_line(want,
									    it->where[w].line),
							      "%s: line %u not in %s", it->symbol,
							      it->where[w].line, want);
						ck_assert(test_call_at(text, it->where[w].line,
								       it->where[w].col,
								       it->symbol));
					}
					free(want);
				}
				linkmsg_free(&m);
			}
			test_quotes_agree(err, cf);
			free(names);
			free(saved);
			free(err);
		}
		test_facts_free(cf);
		free(qsrc);
		free(text);
		free(src);
	}
	free(dir);
}
END_TEST

/*
 * A library that is not there.
 */
START_TEST(test_cannot_find)
{
	char *src = test_src("samples/hello.c"), *qsrc = oracle_quote(src);
	char *dir = test_dir("cannot");
	static const char *const how[] = { "", "-static" };
	for (size_t l = 0; l < n_locales; l++)
		for (size_t h = 0; h < 2; h++) {
			int st;
			char *saved;
			char *err = test_link(dir, locales[l], "cf.err", &saved, &st,
					      "gcc %s -o hello %s -lnosuchlib", how[h], qsrc);
			ck_assert_msg(st != 0, "%s", err);
			char *lib = oracle_sh(NULL, "sed -n 's/.*cannot find -l\\([^: ]*\\).*/"
					      "\\1/p' %s", saved);
			struct linkmsg m;
			test_parse(&m, err, NULL);
			ck_assert_uint_eq(test_count(&m, LINKMSG_CANNOT_FIND),
					  (size_t)test_num("grep -c 'cannot find' %s", saved));
			char *mine = test_names(&m, LINKMSG_CANNOT_FIND, 0);
			ck_assert_str_eq(mine, lib);
			free(mine);
			for (size_t i = 0; i < m.n; i++)
				ck_assert_msg(strstr(m.items[i].explain, "libnosuchlib.a"), "%s",
					      m.items[i].explain);
			linkmsg_free(&m);
			free(lib);
			free(saved);
			free(err);
		}
	free(dir);
	free(qsrc);
	free(src);
}
END_TEST

/*
 * An empty file: the start files find no main.
 */
START_TEST(test_no_main)
{
	char *dir = test_dir("nomain");
	char *src = oracle_write(dir, "empty.c", "");
	struct cfacts *cf = test_facts(src);
	int musl = test_num("command -v musl-gcc >/dev/null && echo 1 || echo 0") == 1;
	static const char *const cmds[] = { "gcc -o empty empty.c", "gcc -static -o empty empty.c",
					    "musl-gcc -static -o empty empty.c" };
	for (size_t l = 0; l < n_locales; l++)
		for (size_t c = 0; c < 2 + (size_t)musl; c++) {
			int st;
			char *saved;
			char *err = test_link(dir, locales[l], "nm.err", &saved, &st, "%s",
					      cmds[c]);
			ck_assert_msg(st != 0, "%s", err);
			/* the start file ld named */
			char *start = oracle_sh(NULL, "grep -o '[A-Za-z]*crt1\\.o' %s | "
						"head -n 1 | tr -d '\\n'", saved);
			ck_assert_msg(*start != '\0', "%s", err);
			struct linkmsg m;
			test_parse(&m, err, cf);
			ck_assert_uint_eq(test_count(&m, LINKMSG_NO_MAIN),
					  (size_t)test_num("grep -c 'undefined reference' %s",
							   saved));
			ck_assert_uint_eq(test_count(&m, LINKMSG_UNDEFINED), 0);
			for (size_t i = 0; i < m.n; i++) {
				ck_assert_str_eq(m.items[i].symbol, "main");
				ck_assert_msg(strstr(m.items[i].explain, start), "%s",
					      m.items[i].explain);
			}
			linkmsg_free(&m);
			test_quotes_agree(err, cf);
			free(start);
			free(saved);
			free(err);
		}
	test_facts_free(cf);
	free(src);
	free(dir);
}
END_TEST

/*
 * Other warnings of ld's: glibc's marks on gets and tmpnam, an assembly file without a
 * .note.GNU-stack section; the compiler's warnings in the same text are not counted.
 */
START_TEST(test_warnings)
{
	char *dir = test_dir("warn");
	char *c = oracle_write(dir, "old.c",
			       "char *gets(char *);\n"
			       "char *tmpnam(char *);\n"
			       "int main(void)\n"
			       "{\n"
			       "\tchar buf[64];\n"
			       "\treturn gets(buf) != 0 && tmpnam(buf) != 0;\n"
			       "}\n");
	char *s = oracle_write(dir, "bare.s",
			       "\t.text\n\t.globl f\nf:\n\tret\n");
	char *w = oracle_write(dir, "warny.c",
			       "int helper(void)\n{\n\tint unused;\n\treturn 0;\n}\n");
	for (size_t l = 0; l < n_locales; l++) {
		int st;
		char *saved;
		char *err = test_link(dir, locales[l], "w.err", &saved, &st,
				      "gcc -c old.c bare.s && "
				      "gcc -Wall -o old old.o bare.o warny.c");
		ck_assert_msg(st == 0, "%s", err);
		/* ld's warnings: the lines with "warning:" that are not FILE:LINE:COL: ones */
		long n = test_num("grep 'warning:' %s | grep -c -v -E '^[^ ]*:[0-9]+:[0-9]+: '",
				  saved);
		long compiler = test_num("grep -c -E '^[^ ]*:[0-9]+:[0-9]+: warning:' %s", saved);
		long notes = test_num("grep -c 'NOTE:' %s", saved);
		ck_assert_msg(n >= 2 && compiler >= 1, "%s", err);
		struct linkmsg m;
		test_parse(&m, err, NULL);
		ck_assert_uint_eq(test_count(&m, LINKMSG_OTHER_WARNING), (size_t)n);
		ck_assert_uint_eq(m.n, (size_t)n);
		long with_note = 0;
		for (size_t i = 0; i < m.n; i++) {
			const struct linkmsg_item *it = &m.items[i];
			ck_assert(!linkmsg_kind_is_error(it->kind));
			with_note += strstr(it->raw, "NOTE:") != NULL;
			if (it->symbol && (strcmp(it->symbol, "gets") == 0 ||
					   strcmp(it->symbol, "tmpnam") == 0)) {
				ck_assert_str_eq(it->function, "main");
				ck_assert_msg(it->fix != NULL, "%s", it->raw);
			}
		}
		ck_assert_int_eq(with_note, notes);
		char *names = oracle_sh(NULL, "grep -o 'warning: the[a-z ]* .[a-z]*' %s | "
					"sed 's/.* [^a-z]*//' | sort -u", saved);
		ck_assert_msg(strstr(names, "gets") && strstr(names, "tmpnam"), "%s", err);
		char *mine = test_names(&m, LINKMSG_OTHER_WARNING, 1);
		ck_assert_str_eq(mine, names);
		free(mine);
		free(names);
		linkmsg_free(&m);
		test_quotes_agree(err, NULL);
		free(saved);
		free(err);
	}
	free(c);
	free(s);
	free(w);
	free(dir);
}
END_TEST

/*
 * The libm list against the real libraries: each name, and its f and l forms, is defined
 * by libm.so.6 and not by libc.so.6; and nothing libc.so.6 defines is taken for libm's.
 */
START_TEST(test_libm_table)
{
	char *libm = oracle_sh(NULL, "gcc -print-file-name=libm.so.6 | tr -d '\\n'");
	char *libc = oracle_sh(NULL, "gcc -print-file-name=libc.so.6 | tr -d '\\n'");
	ck_assert_msg(libm[0] == '/' && libc[0] == '/', "gcc cannot find libm.so.6 or libc.so.6");
#define NM_LIST "nm -D --defined-only %s | awk '{print $NF}' | sed 's/@.*//' | sort -u"
	char *qm = oracle_quote(libm), *qc = oracle_quote(libc);
	char *in_m = oracle_sh(NULL, NM_LIST, qm), *in_c = oracle_sh(NULL, NM_LIST, qc);
#undef NM_LIST
	ck_assert_msg(strstr(in_m, "\nsqrt\n") || strncmp(in_m, "sqrt\n", 5) == 0,
		      "nm -D %s found nothing", libm);
	size_t i;
	for (i = 0; linkmsg_libm_name(i); i++) {
		static const char *const suffix[] = { "", "f", "l" };
		for (size_t k = 0; k < 3; k++) {
			char *name = NULL;
			if (asprintf(&name, "\n%s%s\n", linkmsg_libm_name(i), suffix[k]) < 0)
				abort();
			ck_assert_msg(strstr(in_m, name), "%s not in libm", name + 1);
			ck_assert_msg(!strstr(in_c, name), "%s is in libc too", name + 1);
			name[strlen(name) - 1] = '\0';
			ck_assert(linkmsg_is_libm(name + 1));
			free(name);
		}
	}
	ck_assert_uint_gt(i, 20);
	char *save = NULL;
	for (char *t = strtok_r(in_c, "\n", &save); t; t = strtok_r(NULL, "\n", &save))
		ck_assert_msg(!linkmsg_is_libm(t), "%s is in libc.so.6", t);
	ck_assert(!linkmsg_is_libm(NULL));
	free(in_m);
	free(in_c);
	free(qm);
	free(qc);
	free(libm);
	free(libc);
}
END_TEST

/*
 * A header that gcc finds and musl-gcc does not: libelf.h (libelf-dev, which the build needs)
 * is in /usr/include, for glibc. The link of musl's variant compiles the source again, and
 * its "fatal error: libelf.h: No such file or directory" is explained, at the #include's
 * line as gcc -E's error names it. Without musl-gcc, a header nobody has, with gcc.
 */
START_TEST(test_no_header)
{
	char *dir = test_dir("noheader");
	char *src = oracle_write(dir, "nh.c",
				 "/* a header for glibc only */\n"
				 "#include <stdio.h>\n"
				 "#include <libelf.h>\n"
				 "int main(void) { return elf_version(EV_CURRENT) == EV_NONE; }\n");
	int st;
	char *saved;
	int musl = test_num("command -v musl-gcc >/dev/null && echo 1 || echo 0") == 1;
	char *err;
	const char *header = "libelf.h";
	if (musl) {
		/* the oracle: gcc finds it */
		char *pre = test_link(dir, "C", "gcc.err", &saved, &st, "gcc -E nh.c -o nh.i");
		ck_assert_msg(st == 0, "gcc -E cannot find libelf.h: %s", pre);
		free(pre);
		free(saved);
		err = test_link(dir, "C", "nh.err", &saved, &st, "musl-gcc -static nh.c -o nh -lelf");
	} else {
		header = "cstages-no-such-header.h";
		err = test_link(dir, "C", "nh.err", &saved, &st,
				"sed 's/libelf.h/%s/' nh.c > nh2.c && gcc nh2.c -o nh", header);
	}
	ck_assert_msg(st != 0, "%s", err);
	/* where gcc says the error is: FILE:LINE:COL before ": fatal error:" */
	long line = test_num("sed -n 's/^[^:]*:\\([0-9]*\\):[0-9]*: fatal error: %s: No such "
			     "file or directory$/\\1/p' %s", header, saved);
	long at = test_num("grep -n '#include <libelf.h>' %s | cut -d: -f1", src);
	ck_assert_msg(line > 0 && line == at, "gcc placed the error at line %ld, the #include is "
		      "at %ld:\n%s", line, at, err);
	struct linkmsg m;
	test_parse(&m, err, NULL);
	ck_assert_uint_eq(test_count(&m, LINKMSG_NO_HEADER), 1);
	for (size_t i = 0; i < m.n; i++) {
		const struct linkmsg_item *it = &m.items[i];
		if (it->kind != LINKMSG_NO_HEADER)
			continue;
		ck_assert_str_eq(it->symbol, header);
		ck_assert_uint_eq(it->src_line, (unsigned)line);
		ck_assert_msg(it->src_file && strstr(it->src_file, "nh"), "%s", it->src_file);
		ck_assert_msg(it->explain && strstr(it->explain, header), "%s", it->explain);
		ck_assert(it->fix && it->lesson);
		ck_assert(linkmsg_kind_is_error(it->kind));
	}
	linkmsg_free(&m);
	free(saved);
	free(err);
	free(src);
	free(dir);
}
END_TEST

START_TEST(test_kind_names)
{
	for (int i = 0; i < LINKMSG_KIND_COUNT; i++) {
		const char *a = linkmsg_kind_name((enum linkmsg_kind)i);
		ck_assert(a && *a && strcmp(a, "unknown") != 0);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(a, linkmsg_kind_name((enum linkmsg_kind)j));
	}
	ck_assert_str_eq(linkmsg_kind_name(LINKMSG_KIND_COUNT), "unknown");
	for (int i = 0; i < LINKMSG_KIND_COUNT; i++) {
		const char *a = linkmsg_kind_label((enum linkmsg_kind)i);
		ck_assert(a && *a && strcmp(a, "unknown") != 0);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(a, linkmsg_kind_label((enum linkmsg_kind)j));
	}
	ck_assert_str_eq(linkmsg_kind_label(LINKMSG_KIND_COUNT), "unknown");
	ck_assert_str_eq(linkmsg_kind_name((enum linkmsg_kind)-1), "unknown");
}
END_TEST

/* A small generator, so that a failing input can be made again. */
static unsigned long long fuzz_state = 0x9e3779b97f4a7c15ull;

static unsigned fuzz_next(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 7;
	fuzz_state ^= fuzz_state << 17;
	return (unsigned)(fuzz_state >> 32);
}

/* Parse len bytes and check the items are whole. */
static void fuzz_one(const char *buf, size_t len, const struct cfacts *cf)
{
	struct linkmsg m;
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	ck_assert_int_eq(linkmsg_parse(&m, buf, len, cf), 0);
	ck_assert_uint_le(m.n, lines);
	for (size_t i = 0; i < m.n; i++) {
		ck_assert(m.items[i].explain != NULL && m.items[i].raw != NULL);
		ck_assert((unsigned)m.items[i].kind < LINKMSG_KIND_COUNT);
	}
	linkmsg_free(&m);
}

/*
 * Garbage: random bytes, pieces of ld's messages in random order, every cut and many
 * mutations of a real stderr. Nothing may crash, and items stay whole.
 */
START_TEST(test_garbage)
{
	static const char *const bits[] = {
		"/usr/bin/ld: ", "ld: ", ": in function `", "': ", "\xe2\x80\x98", "\xe2\x80\x99",
		"undefined reference to `", "more undefined references to `", "' follow",
		"multiple definition of `", "'; ", ": first defined here", "warning: ",
		"Using '", "' in statically linked", "cannot find -l", ": No such file",
		"NOTE: ", "(.text+0x1)", ":12:", "crt1.o", "main", "sqrt", "\n", "\r\n", "`", "'",
		":", " ", "\0", "x.o", "x.c:", "%s%n",
	};
	char *src = test_src("samples/link-error.c");
	struct cfacts *cf = test_facts(src);
	char *dir = test_dir("garbage");
	int st;
	char *saved;
	char *real = test_link(dir, "C", "g.err", &saved, &st, "gcc -g -o le %s; gcc -o e -x c "
			       "/dev/null; gcc -o m -lnosuchlib -x c /dev/null", src);
	size_t rlen = strlen(real);
	ck_assert_uint_gt(rlen, 0);

	linkmsg_free(NULL);
	fuzz_one(NULL, 0, cf);
	fuzz_one("", 0, cf);
	for (size_t cut = 0; cut <= rlen; cut++)
		fuzz_one(real, cut, cut % 2 ? cf : NULL);

	char *buf = malloc(8192);
	for (int round = 0; round < 3000; round++) {
		size_t len = 0, want = fuzz_next() % 4096;
		int mode = round % 3;
		if (mode == 0) {
			for (; len < want; len++)
				buf[len] = (char)fuzz_next();
		} else if (mode == 1) {
			while (len < want) {
				const char *b = bits[fuzz_next() % (sizeof bits / sizeof bits[0])];
				size_t n = *b ? strlen(b) : 1;
				if (len + n > 8192)
					break;
				memcpy(buf + len, b, n);
				len += n;
			}
		} else {
			len = rlen < 8192 ? rlen : 8192;
			memcpy(buf, real, len);
			for (int k = fuzz_next() % 8; k >= 0; k--)
				buf[fuzz_next() % len] = (char)fuzz_next();
		}
		fuzz_one(buf, len, round % 2 ? cf : NULL);
	}
	free(buf);

	/* one line of several megabytes */
	size_t big = 3u << 20;
	buf = malloc(big);
	for (size_t i = 0; i < big; i++)
		buf[i] = "undefined reference to `x' "[i % 27];
	fuzz_one(buf, big, NULL);
	free(buf);

	free(saved);
	free(real);
	free(dir);
	test_facts_free(cf);
	free(src);
}
END_TEST

static Suite *linkmsg_suite(void)
{
	Suite *s = suite_create("linkmsg");
	TCase *tc = tcase_create("links");
	tcase_set_timeout(tc, 0);
	tcase_add_test(tc, test_libm);
	tcase_add_test(tc, test_sqrt_functions);
	tcase_add_test(tc, test_link_error);
	tcase_add_test(tc, test_undeclared_and_inline);
	tcase_add_test(tc, test_more);
	tcase_add_test(tc, test_multiple);
	tcase_add_test(tc, test_static_nss);
	tcase_add_test(tc, test_cannot_find);
	tcase_add_test(tc, test_no_main);
	tcase_add_test(tc, test_warnings);
	tcase_add_test(tc, test_libm_table);
	tcase_add_test(tc, test_no_header);
	tcase_add_test(tc, test_kind_names);
	tcase_add_test(tc, test_garbage);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	int st;
	free(oracle_sh(&st, "gcc --version"));
	if (st != 0) {
		fprintf(stderr, "check_linkmsg: gcc is not installed: skipped\n");
		return 77;
	}
	char err[512];
	have_clang = cfacts_available(err, sizeof err);
	if (!have_clang)
		fprintf(stderr, "check_linkmsg: without libclang's facts (%s)\n", err);
	locales[n_locales++] = strdup("C");
	char *utf = oracle_sh(NULL, "locale -a 2>/dev/null | grep -i -x -m 1 -E 'C\\.utf-?8' | "
			      "tr -d '\\n'");
	if (*utf)
		locales[n_locales++] = utf;
	else {
		fprintf(stderr, "check_linkmsg: no C.UTF-8 locale: linking in the C locale only\n");
		free(utf);
	}

	/* made here, so that this process removes it even when a forked test fails */
	oracle_scratch();
	SRunner *sr = srunner_create(linkmsg_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < n_locales; i++)
		free(locales[i]);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
