/* check_cfacts: libclang's facts on real files, each checked against an independent witness:
 * the source text itself (macro definitions and uses), gcc -S (the calls gcc emits, and so
 * its printf folding), nm and readelf on the .o that gcc -c makes (symbols, their sections
 * and letters, strings), and gcc -fsyntax-only (the errors). Nothing expected is typed in.
 * Skips (77) when libclang cannot be loaded. */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/cfacts.h"
#include "tests/oracle.h"

/* libclang was in the process before the first cfacts call (it must not be) */
static int loaded_before_use = -1;

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

static void test_parse(struct cfacts *cf, const char *path, const char *const *args, size_t n)
{
	char err[512];
	int rc = cfacts_parse(cf, path, args, n, err, sizeof err);
	ck_assert_msg(rc == 0, "cfacts_parse(%s): %s", path, err);
}

/*
 * The source text as a witness for macros: comments and literals blanked, directive lines
 * known, identifiers found by a plain scan.
 */
struct text {
	char *code;          /* the file with comments, strings and char constants blanked */
	char **line;         /* line[1..n]: pointers into code, each line NUL-terminated */
	unsigned char *dir;  /* dir[1..n]: a directive line (or its continuation) */
	size_t n;
};

static void text_load(struct text *t, const char *path)
{
	char *src = test_read(path);
	size_t len = strlen(src);
	t->code = strdup(src);
	enum { CODE, LINE_C, BLOCK_C, STR, CHR } st = CODE;
	for (size_t i = 0; i < len; i++) {
		char c = src[i], nx = i + 1 < len ? src[i + 1] : '\0';
		switch (st) {
		case CODE:
			if (c == '/' && nx == '/') {
				st = LINE_C;
			} else if (c == '/' && nx == '*') {
				st = BLOCK_C;
				t->code[i++] = ' '; /* the / now, the * below */
			} else if (c == '"') {
				st = STR;
			} else if (c == '\'') {
				st = CHR;
			} else {
				continue;
			}
			t->code[i] = ' ';
			continue;
		case LINE_C:
			if (c == '\n')
				st = CODE;
			break;
		case BLOCK_C:
			if (c == '*' && nx == '/')
				st = CODE, t->code[i + 1] = ' ', i++;
			break;
		case STR:
		case CHR:
			if (c == '\\' && nx && nx != '\n')
				t->code[i + 1] = ' ', i++;
			else if ((st == STR && c == '"') || (st == CHR && c == '\''))
				st = CODE;
			break;
		}
		if (t->code[i] != '\n')
			t->code[i] = ' ';
	}
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += src[i] == '\n';
	t->line = calloc(lines + 2, sizeof *t->line);
	t->dir = calloc(lines + 2, 1);
	t->n = 0;
	int cont = 0;
	char *p = t->code;
	const char *o = src;
	for (;;) { /* line by line, in the blanked copy and in the original side by side */
		char *e = strchr(p, '\n');
		const char *oe = strchr(o, '\n');
		size_t olen = oe ? (size_t)(oe - o) : strlen(o);
		t->line[++t->n] = p;
		const char *q = p;
		while (*q == ' ' || *q == '\t')
			q++;
		t->dir[t->n] = (unsigned char)(cont || *q == '#');
		cont = t->dir[t->n] && olen > 0 && o[olen - 1] == '\\';
		if (!e)
			break;
		*e = '\0';
		p = e + 1;
		o = oe + 1;
	}
	free(src);
}

static void text_free(struct text *t)
{
	free(t->code);
	free(t->line);
	free(t->dir);
}

static int ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static int ident_char(int c)
{
	return isalnum(c) || c == '_';
}

/* The #define on line i: its name in name (len bytes) and whether it takes arguments. */
static int text_define(const struct text *t, size_t i, char *name, size_t len, int *fnlike)
{
	if (!t->dir[i])
		return 0;
	const char *p = t->line[i];
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '#')
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "define", 6) != 0 || ident_char((unsigned char)p[6]))
		return 0;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t k = 0;
	while (ident_char((unsigned char)*p) && k + 1 < len)
		name[k++] = *p++;
	name[k] = '\0';
	*fnlike = *p == '(';
	return k > 0;
}

/* Where name is used as a macro outside directives: a list of line * 10000 + column. */
static size_t text_uses(const struct text *t, const char *name, int fnlike, long *at, size_t max)
{
	size_t n = 0, nl = strlen(name);
	for (size_t i = 1; i <= t->n; i++) {
		if (t->dir[i])
			continue;
		const char *s = t->line[i];
		for (const char *p = s; *p; p++) {
			if (!ident_start((unsigned char)*p) ||
			    (p > s && ident_char((unsigned char)p[-1])))
				continue;
			if (strncmp(p, name, nl) != 0 || ident_char((unsigned char)p[nl]))
				continue;
			if (fnlike) { /* a function-like macro expands only before ( */
				const char *q = p + nl;
				size_t li = i;
				for (;;) {
					while (*q == ' ' || *q == '\t')
						q++;
					if (*q || li >= t->n || t->dir[li + 1])
						break;
					q = t->line[++li];
				}
				if (*q != '(')
					continue;
			}
			if (n < max)
				at[n++] = (long)i * 10000 + (long)(p - s) + 1;
		}
	}
	return n;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Every #define in the text is a definition with its line and kind, and every use of each
 * (outside directives, comments and strings) is an expansion at the same line and column
 * that names that definition. Returns how many uses were compared. */
static size_t check_macros_against_text(const char *rel)
{
	char *path = test_src(rel);
	struct text t;
	text_load(&t, path);
	struct cfacts cf;
	test_parse(&cf, path, NULL, 0);
	size_t ndefs = 0, nuses = 0;
	for (size_t i = 1; i <= t.n; i++) {
		char name[128];
		int fnlike;
		if (!text_define(&t, i, name, sizeof name, &fnlike))
			continue;
		ndefs++;
		long di = -1;
		for (size_t d = 0; d < cf.n_defs; d++)
			if (!strcmp(cf.defs[d].name, name) && cf.defs[d].line == i)
				di = (long)d;
		ck_assert_msg(di >= 0, "%s:%zu: #define %s is not among libclang's definitions",
			      rel, i, name);
		ck_assert_msg(cf.defs[di].function_like == fnlike,
			      "%s: %s function-like %d, text %d", rel, name,
			      cf.defs[di].function_like, fnlike);
		long want[256], got[256];
		size_t nw = text_uses(&t, name, fnlike, want, 256), ng = 0;
		for (size_t e = 0; e < cf.n_exps && ng < 256; e++) {
			const struct cfacts_macro_exp *m = &cf.exps[e];
			if (strcmp(m->name, name) != 0 || m->directive)
				continue;
			ck_assert_int_eq(m->origin, CFACTS_MACRO_MAIN);
			ck_assert_int_eq(m->def, di);
			ck_assert_uint_eq(m->def_line, i);
			got[ng++] = (long)m->line * 10000 + m->col;
		}
		ck_assert_msg(ng == nw, "%s: %s is used %zu times in the text, libclang saw %zu",
			      rel, name, nw, ng);
		qsort(want, nw, sizeof *want, cmp_long);
		qsort(got, ng, sizeof *got, cmp_long);
		for (size_t k = 0; k < nw; k++)
			ck_assert_msg(want[k] == got[k],
				      "%s: %s used at %ld:%ld, libclang says %ld:%ld", rel, name,
				      want[k] / 10000, want[k] % 10000, got[k] / 10000,
				      got[k] % 10000);
		nuses += nw;
	}
	ck_assert_msg(ndefs > 0, "%s has no #define to check", rel);
	ck_assert_uint_eq(cf.n_defs, ndefs);
	cfacts_free(&cf);
	text_free(&t);
	free(path);
	return nuses;
}

START_TEST(test_lazy_load)
{
	/* linking the engine must not load libclang: only the first cfacts call does */
	ck_assert_msg(loaded_before_use == 0, "libclang was mapped before any cfacts call (%d)",
		      loaded_before_use);
	char err[256];
	ck_assert(cfacts_available(err, sizeof err));
}
END_TEST

START_TEST(test_macros_sample)
{
	ck_assert_uint_gt(check_macros_against_text("samples/macros.c"), 0);
}
END_TEST

START_TEST(test_macros_hello)
{
	ck_assert_uint_gt(check_macros_against_text("samples/hello.c"), 0);
}
END_TEST

/* A macro from a header names the header's file and line: that line of that file defines
 * it. */
START_TEST(test_macros_from_headers)
{
	char *path = test_src("samples/macros.c");
	struct cfacts cf;
	test_parse(&cf, path, NULL, 0);
	size_t checked = 0;
	for (size_t e = 0; e < cf.n_exps; e++) {
		const struct cfacts_macro_exp *m = &cf.exps[e];
		if (m->origin != CFACTS_MACRO_HEADER)
			continue;
		ck_assert_ptr_nonnull(m->def_file);
		ck_assert_int_eq(m->def, -1);
		char *text = test_read(m->def_file);
		const char *l = text;
		for (unsigned k = 1; k < m->def_line && l; k++) {
			l = strchr(l, '\n');
			if (l)
				l++;
		}
		ck_assert_msg(l != NULL, "%s has no line %u", m->def_file, m->def_line);
		const char *end = strchr(l, '\n');
		char *line = strndup(l, end ? (size_t)(end - l) : strlen(l));
		ck_assert_msg(strstr(line, "define") && strstr(line, m->name),
			      "%s:%u does not define %s: %s", m->def_file, m->def_line, m->name,
			      line);
		free(line);
		free(text);
		checked++;
	}
	ck_assert_msg(checked > 0, "macros.c uses no macro from a header");
	cfacts_free(&cf);
	free(path);
}
END_TEST

/*
 * gcc -S as the witness for calls.
 */

/* The functions called in the .s that gcc makes with flags, by name, sorted, one a line. */
static char *asm_calls(const char *src, const char *flags)
{
	char *q = oracle_quote(src);
	char *dir = oracle_quote(oracle_scratch());
	int st;
	char *out = oracle_sh(&st, "cd %s && gcc %s -S -o calls.s %s 2>/dev/null && "
			      "awk '$1 == \"call\" && $2 !~ /^\\*/ { sub(/@.*/, \"\", $2); "
			      "print $2 }' calls.s | sort", dir, flags, q);
	ck_assert_msg(st == 0, "gcc %s -S %s failed", flags, src);
	free(dir);
	free(q);
	return out;
}

/* What libclang predicts gcc calls, sorted, one a line (a call gcc drops is left out). */
static char *predicted_calls(const struct cfacts *cf)
{
	char *list = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&list, &len);
	for (size_t i = 0; i < cf->n_calls; i++) {
		const struct cfacts_call *c = &cf->calls[i];
		ck_assert_msg(c->callee != NULL, "line %u: an indirect call", c->line);
		char why[1024];
		const char *r = cfacts_builtin_rewrite(c, why, sizeof why);
		if (!r)
			fprintf(m, "%s\n", c->callee);
		else if (*r)
			fprintf(m, "%s\n", r);
	}
	fclose(m);
	char *tmp = oracle_write(oracle_scratch(), "predicted.txt", list);
	char *q = oracle_quote(tmp);
	char *sorted = oracle_sh(NULL, "sort %s", q);
	free(q);
	free(tmp);
	free(list);
	return sorted;
}

/* The undefined symbols of the .o that gcc -c makes with flags, one a line (nm -u). */
static char *nm_undefined(const char *src, const char *flags)
{
	char *q = oracle_quote(src);
	char *dir = oracle_quote(oracle_scratch());
	int st;
	char *out = oracle_sh(&st, "cd %s && gcc %s -c -o undef.o %s && nm -u undef.o | "
			      "awk '{print $NF}' | sort", dir, flags, q);
	ck_assert_msg(st == 0, "gcc -c %s failed", src);
	free(q);
	free(dir);
	return out;
}

static int has_line(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

START_TEST(test_hello)
{
	char *path = test_src("samples/hello.c");
	struct cfacts cf;
	test_parse(&cf, path, NULL, 0);
	const struct cfacts_func *mainf = NULL;
	for (size_t i = 0; i < cf.n_funcs; i++)
		if (!strcmp(cf.funcs[i].name, "main"))
			mainf = &cf.funcs[i];
	ck_assert_ptr_nonnull(mainf);
	ck_assert(mainf->is_definition);
	ck_assert_int_eq(mainf->linkage, CFACTS_LINKAGE_EXTERNAL);
	ck_assert_uint_gt(mainf->body_last, mainf->body_first);

	/* the printf whose format is a plain line: libclang has its format, and predicts puts */
	const struct cfacts_call *plain = NULL;
	for (size_t i = 0; i < cf.n_calls; i++) {
		const struct cfacts_call *c = &cf.calls[i];
		if (c->callee && !strcmp(c->callee, "printf") && c->fmt && !strchr(c->fmt, '%') &&
		    !c->value_used)
			plain = c;
	}
	ck_assert_msg(plain != NULL, "no printf with a plain format in hello.c");
	ck_assert_str_eq(plain->caller, "main");
	char why[1024];
	const char *r = cfacts_builtin_rewrite(plain, why, sizeof why);
	ck_assert_msg(r && !strcmp(r, "puts"), "printf(\"%s\") predicted %s: %s", plain->fmt,
		      r ? r : "no rewrite", why);
	ck_assert_ptr_nonnull(strstr(why, "-fno-builtin"));

	/* gcc agrees: the .o needs puts, and needs printf exactly when a printf is predicted
	 * to stay; every call in the .s is one predicted */
	char *undef = nm_undefined(path, "-O0");
	ck_assert_msg(has_line(undef, "puts"), "nm -u hello.o has no puts:\n%s", undef);
	char *pred = predicted_calls(&cf);
	ck_assert_int_eq(has_line(undef, "printf"), has_line(pred, "printf"));
	char *real = asm_calls(path, "-O0");
	ck_assert_msg(!strcmp(real, pred), "gcc -O0 calls:\n%s\nlibclang predicts:\n%s", real,
		      pred);
	free(real);
	free(pred);
	free(undef);
	cfacts_free(&cf);
	free(path);
}
END_TEST

/* Every folding rule, and the calls it must leave alone, against gcc at -O0 and -O2, and
 * with -fno-builtin. */
static const char rewrite_c[] =
	"#include <stdio.h>\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tint i = 0;\n"
	"\tprintf(\"Bye.\\n\");\n"
	"\tprintf(\"x\");\n"
	"\tprintf(\"\");\n"
	"\tprintf(\"no newline\");\n"
	"\tprintf(\"%s\\n\", argv[0]);\n"
	"\tprintf(\"%s\", \"lit\\n\");\n"
	"\tprintf(\"%c\", argc);\n"
	"\tprintf(\"100%%\\n\");\n"
	"\tprintf(\"%d\\n\", argc);\n"
	"\tprintf(\"extra\\n\", argc);\n"
	"\t(void)printf(\"cast to void\\n\");\n"
	"\tif (printf(\"tested\\n\") > 3)\n"
	"\t\tprintf(\"\\n\");\n"
	"\tfor (printf(\"init\\n\"); i < 1; printf(\"next\\n\"))\n"
	"\t\ti++;\n"
	"\tint r = printf(\"used\\n\");\n"
	"\tfprintf(stderr, \"abc\");\n"
	"\tfprintf(stderr, \"a\");\n"
	"\tfprintf(stderr, \"\");\n"
	"\tfprintf(stderr, \"%s\", argv[0]);\n"
	"\tfprintf(stderr, \"%s\", \"literal\");\n"
	"\tfprintf(stderr, \"%c\", argc);\n"
	"\tfprintf(stderr, \"%d\", argc);\n"
	"\tfputs(\"hello\", stdout);\n"
	"\tfputs(\"h\", stdout);\n"
	"\tfputs(argv[0], stdout);\n"
	"\tputs(\"as written\");\n"
	"\treturn r;\n"
	"}\n";

START_TEST(test_rewrites)
{
	char *src = oracle_write(oracle_scratch(), "rewrite.c", rewrite_c);
	struct cfacts cf;
	test_parse(&cf, src, NULL, 0);
	ck_assert_uint_ge(cf.n_calls, 20);
	char *pred = predicted_calls(&cf);
	const char *levels[] = { "-O0", "-O2" };
	for (size_t k = 0; k < 2; k++) {
		char *real = asm_calls(src, levels[k]);
		ck_assert_msg(!strcmp(real, pred), "gcc %s calls:\n%s\nlibclang predicts:\n%s",
			      levels[k], real, pred);
		free(real);
	}
	free(pred);
	cfacts_free(&cf);

	const char *nb[] = { "-fno-builtin" };
	test_parse(&cf, src, nb, 1);
	char why[1024];
	for (size_t i = 0; i < cf.n_calls; i++)
		ck_assert_ptr_null(cfacts_builtin_rewrite(&cf.calls[i], why, sizeof why));
	pred = predicted_calls(&cf);
	char *real = asm_calls(src, "-O0 -fno-builtin");
	ck_assert_msg(!strcmp(real, pred), "gcc -fno-builtin calls:\n%s\nlibclang predicts:\n%s",
		      real, pred);
	free(real);
	free(pred);
	cfacts_free(&cf);
	free(src);
}
END_TEST

/*
 * nm and readelf as the witnesses for symbols.
 */
struct realsym {
	char name[128];
	char section[64];  /* the section's name, or UND, ABS, COM */
	char nm;
};

struct realobj {
	struct realsym *syms;
	size_t n;
};

/* Compile src with flags and read its symbols: readelf maps each to its section by index,
 * nm gives its letter. */
static void real_object(const char *src, const char *flags, struct realobj *o)
{
	char *q = oracle_quote(src);
	char *dir = oracle_quote(oracle_scratch());
	int st;
	free(oracle_sh(&st, "cd %s && gcc %s -c -o sym.o %s 2>/dev/null", dir, flags, q));
	ck_assert_msg(st == 0, "gcc %s -c %s failed", flags, src);
	char *secs = oracle_sh(NULL, "cd %s && readelf -SW sym.o", dir);
	char *syms = oracle_sh(NULL, "cd %s && readelf -sW sym.o", dir);
	char *nm = oracle_sh(NULL, "cd %s && nm sym.o", dir);
	char names[256][64] = { { 0 } };
	for (char *l = strtok(secs, "\n"); l; l = strtok(NULL, "\n")) {
		unsigned idx;
		char name[64];
		const char *b = strchr(l, '[');
		if (b && sscanf(b + 1, "%u] %63s", &idx, name) == 2 && idx < 256)
			snprintf(names[idx], sizeof names[idx], "%s", name);
	}
	o->syms = calloc(oracle_lines(syms) + 1, sizeof *o->syms);
	o->n = 0;
	for (char *l = strtok(syms, "\n"); l; l = strtok(NULL, "\n")) {
		unsigned num;
		char value[32], size[32], type[32], bind[32], vis[32], ndx[32], name[128];
		if (sscanf(l, " %u: %31s %31s %31s %31s %31s %31s %127s", &num, value, size, type,
			   bind, vis, ndx, name) != 8)
			continue;
		if (!strcmp(type, "SECTION") || !strcmp(type, "FILE"))
			continue;
		struct realsym *s = &o->syms[o->n++];
		snprintf(s->name, sizeof s->name, "%s", name);
		if (isdigit((unsigned char)ndx[0]) && (unsigned)atoi(ndx) < 256)
			snprintf(s->section, sizeof s->section, "%s", names[atoi(ndx)]);
		else
			snprintf(s->section, sizeof s->section, "%s", ndx);
	}
	for (char *l = strtok(nm, "\n"); l; l = strtok(NULL, "\n")) {
		char a[64], b[64], c[128];
		int n = sscanf(l, "%63s %63s %127s", a, b, c);
		const char *letter = n == 3 ? b : n == 2 ? a : NULL;
		const char *name = n == 3 ? c : n == 2 ? b : NULL;
		if (!letter)
			continue;
		for (size_t i = 0; i < o->n; i++)
			if (!strcmp(o->syms[i].name, name))
				o->syms[i].nm = letter[0];
	}
	free(secs);
	free(syms);
	free(nm);
	free(q);
	free(dir);
}

/* The symbol for name; a static local's is NAME.N. */
static const struct realsym *real_find(const struct realobj *o, const char *name, int local_static)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < o->n; i++) {
		const char *s = o->syms[i].name;
		if (!local_static && !strcmp(s, name))
			return &o->syms[i];
		if (local_static && !strncmp(s, name, n) && s[n] == '.' &&
		    isdigit((unsigned char)s[n + 1]))
			return &o->syms[i];
	}
	return NULL;
}

/* One prediction against the real object at -O0 (opt 0) or -O2 (opt 1). */
static void check_place(const struct realobj *o, const char *what, const char *name,
			int local_static, const struct cfacts_place *p, int opt)
{
	const struct realsym *s = real_find(o, name, local_static);
	if (!p->section) {
		ck_assert_msg(s == NULL || opt,
			      "%s %s: no symbol predicted, but the .o has one in %s", what, name,
			      s ? s->section : "");
		return;
	}
	if (!s) {
		ck_assert_msg(opt, "%s %s: predicted in %s, but gcc -O0 made no symbol", what, name,
			      p->section);
		ck_assert_msg(p->may_vanish, "%s %s: gcc -O2 dropped it, not predicted", what,
			      name);
		return;
	}
	const char *want = opt && p->section_opt ? p->section_opt : p->section;
	ck_assert_msg(!strcmp(s->section, want), "%s %s at -O%d: predicted %s, real %s (%s)", what,
		      name, opt ? 2 : 0, want, s->section, p->reason);
	ck_assert_msg(s->nm == p->nm, "%s %s at -O%d: predicted nm %c, real %c", what, name,
		      opt ? 2 : 0, p->nm, s->nm);
}

/* Every function's and variable's predicted place against the .o at -O0 and -O2. */
static void check_places(const char *src, size_t min_checked)
{
	struct cfacts cf;
	test_parse(&cf, src, NULL, 0);
	ck_assert_uint_ge(cf.n_funcs + cf.n_vars, min_checked);
	for (int opt = 0; opt < 2; opt++) {
		struct realobj o;
		real_object(src, opt ? "-O2" : "-O0", &o);
		for (size_t i = 0; i < cf.n_funcs; i++)
			check_place(&o, "function", cf.funcs[i].mangled, 0, &cf.funcs[i].place,
				    opt);
		for (size_t i = 0; i < cf.n_vars; i++)
			check_place(&o, "variable", cf.vars[i].name, cf.vars[i].static_local,
				    &cf.vars[i].place, opt);
		free(o.syms);
	}
	cfacts_free(&cf);
}

START_TEST(test_places_small)
{
	char *src = oracle_write(oracle_scratch(), "places.c",
				 "static int a = 1; int b; const int c = 5; static void f(void){} "
				 "int g(void); int main(void){ f(); return g(); }\n");
	check_places(src, 6);
	free(src);
}
END_TEST

static const char places_c[] =
	"extern void h(const char *);\n"
	"extern int ext_used;\n"
	"extern int ext_unused;\n"
	"int tent;\n"
	"int tent2;\n"
	"int tent2 = 4;\n"
	"extern int before;\n"
	"int before;\n"
	"extern const int before2;\n"
	"const int before2 = 2;\n"
	"int zero = 0;\n"
	"int arr0[4] = { 0 };\n"
	"int arr1[4] = { 0, 1 };\n"
	"char s0[4] = \"\";\n"
	"char s1[4] = \"ab\";\n"
	"const int cu;\n"
	"static const int sc = 7;\n"
	"double dz = 0.0;\n"
	"double dnz = -0.0;\n"
	"typedef const long clong;\n"
	"clong tl = 3;\n"
	"const int tab[3] = { 1, 2, 3 };\n"
	"const volatile int cv = 2;\n"
	"char *p = \"pointer to a literal\";\n"
	"const char *const cpc = \"const pointer to a literal\";\n"
	"int *pi = &tent;\n"
	"int *const pic = &ext_used;\n"
	"int *const pil = &zero;\n"
	"void (*fp)(const char *) = h;\n"
	"struct pair { int x; int *q; } st0 = { 0, 0 }, st1 = { 1, 0 }, st2 = { 0, &zero };\n"
	"struct pair sn = { .q = (int *)0 };\n"
	"_Thread_local int t0;\n"
	"_Thread_local int t1 = 3;\n"
	"static int unused_static_fn(void) { return 1; }\n"
	"static inline int unused_inline(void) { return 2; }\n"
	"inline int c99_inline(void) { return 3; }\n"
	"extern inline int ext_inline(void) { return 4; }\n"
	"int declared_unused(int);\n"
	"int declared_used(int);\n"
	"int counter(void)\n"
	"{\n"
	"\tstatic int n;\n"
	"\tstatic int m = 9;\n"
	"\textern int ext_used;\n"
	"\treturn n++ + m++ + sc + *pic + ext_used + tl + tab[sc % 3] + cv + before + before2;\n"
	"}\n"
	"int main(void)\n"
	"{\n"
	"\th(\"a string literal long enough to be aligned\");\n"
	"\th(\"short\");\n"
	"\treturn c99_inline() + ext_inline() + declared_used(counter()) + *pi + p[0] + cpc[0];\n"
	"}\n";

START_TEST(test_places_many)
{
	char *src = oracle_write(oracle_scratch(), "places2.c", places_c);
	check_places(src, 30);
	free(src);
}
END_TEST

static const char weak_c[] =
	"#define WEAK __attribute__((weak))\n"
	"__attribute__((weak)) int hook(int x) { return x + 1; }\n"
	"extern int maybe(void) __attribute__((weak));\n"
	"extern int unused_weak(void) __attribute__((weak));\n"
	"int data_w __attribute__((weak)) = 3;\n"
	"int bss_w __attribute__((__weak__));\n"
	"const int ro_w WEAK = 5;\n"
	"extern int ext_w __attribute__((weak));\n"
	"_Thread_local int tls_w __attribute__((weak)) = 1;\n"
	"int later(void);\n"
	"int later(void) __attribute__((noinline, weak));\n"
	"int later(void) { return 4; }\n"
	"WEAK int by_macro(void) { return 2; }\n"
	"int by_pragma(void) { return 5; }\n"
	"#pragma weak by_pragma\n"
	"#pragma weak alias_w = by_pragma\n"
	"#if 0\n"
	"#pragma weak strong\n"
	"#endif\n"
	"int strong(void) { return 6; }\n"
	"int main(void)\n"
	"{\n"
	"\tint r = hook(1);\n"
	"\tif (maybe)\n"
	"\t\tr += maybe();\n"
	"\treturn r + data_w + bss_w + ro_w + (&ext_w ? ext_w : 0) + tls_w + later()\n"
	"\t\t+ by_macro() + by_pragma() + strong();\n"
	"}\n";

/* One record against nm: weak exactly when nm's letter is one of its weak letters, and then
 * the sentences say weak, name that letter, and say what the linker does with it. */
static void check_weak(const struct realobj *o, const char *name, int weak,
		       const struct cfacts_place *p, size_t *n_weak, size_t *n_undef)
{
	const struct realsym *s = real_find(o, name, 0);
	if (!s)
		return;
	int real_weak = s->nm && strchr("WwVv", s->nm) != NULL;
	ck_assert_msg(weak == real_weak, "%s: weak %d, but nm says %c", name, weak, s->nm);
	ck_assert_msg(p->nm == s->nm, "%s: predicted nm %c, real %c", name, p->nm, s->nm);
	if (!real_weak)
		return;
	char letter[16];
	snprintf(letter, sizeof letter, "(nm %c", s->nm);
	ck_assert_msg(p->reason && strstr(p->reason, "weak") && strstr(p->reason, letter),
		      "%s: the reason does not say weak and %s): %s", name, letter, p->reason);
	if (!strcmp(s->section, "UND")) {
		ck_assert_msg(strstr(p->reason, "address is then 0") != NULL, "%s: %s", name,
			      p->reason);
		++*n_undef;
	} else {
		ck_assert_msg(strstr(p->reason, "strong (global) definition") != NULL, "%s: %s",
			      name, p->reason);
	}
	++*n_weak;
}

/* gcc's weak attribute and #pragma weak: nm's letters (W, V, w) are the witness. */
START_TEST(test_weak)
{
	char *src = oracle_write(oracle_scratch(), "weak.c", weak_c);
	check_places(src, 15);
	struct cfacts cf;
	test_parse(&cf, src, NULL, 0);
	struct realobj o;
	real_object(src, "-O0", &o);
	size_t n_weak = 0, n_undef = 0, n_real_weak = 0;
	for (size_t i = 0; i < cf.n_funcs; i++)
		check_weak(&o, cf.funcs[i].mangled, cf.funcs[i].weak, &cf.funcs[i].place, &n_weak,
			   &n_undef);
	for (size_t i = 0; i < cf.n_vars; i++)
		check_weak(&o, cf.vars[i].name, cf.vars[i].weak, &cf.vars[i].place, &n_weak,
			   &n_undef);
	/* every weak symbol of the .o has a record that says weak */
	for (size_t i = 0; i < o.n; i++) {
		if (!o.syms[i].nm || !strchr("WwVv", o.syms[i].nm))
			continue;
		n_real_weak++;
		int met = 0;
		for (size_t k = 0; k < cf.n_funcs; k++)
			met |= cf.funcs[k].weak && !strcmp(cf.funcs[k].mangled, o.syms[i].name);
		for (size_t k = 0; k < cf.n_vars; k++)
			met |= cf.vars[k].weak && !strcmp(cf.vars[k].name, o.syms[i].name);
		ck_assert_msg(met, "nm says %c %s, but no record of it is weak", o.syms[i].nm,
			      o.syms[i].name);
	}
	ck_assert_uint_ge(n_weak, n_real_weak);
	ck_assert_uint_ge(n_real_weak, 10);
	ck_assert_uint_ge(n_undef, 2);
	free(o.syms);
	cfacts_free(&cf);
	free(src);
}
END_TEST

/* The string literals are in the predicted section of the real .o, with their text. */
START_TEST(test_strings)
{
	char *src = oracle_write(oracle_scratch(), "places3.c", places_c);
	struct cfacts cf;
	test_parse(&cf, src, NULL, 0);
	ck_assert_uint_ge(cf.n_strings, 4);
	char *dir = oracle_quote(oracle_scratch());
	char *q = oracle_quote(src);
	for (int opt = 0; opt < 2; opt++) {
		int st;
		free(oracle_sh(&st, "cd %s && gcc -O%d -c -o str.o %s 2>/dev/null", dir,
			       opt ? 2 : 0, q));
		ck_assert_int_eq(st, 0);
		for (size_t i = 0; i < cf.n_strings; i++) {
			const struct cfacts_string *s = &cf.strings[i];
			const char *sec = opt && s->place.section_opt ? s->place.section_opt
								      : s->place.section;
			char *dump = oracle_sh(NULL, "cd %s && readelf -p %s str.o 2>/dev/null",
					       dir, sec);
			ck_assert_msg(strstr(dump, s->text) != NULL,
				      "line %u: \"%s\" is not in %s at -O%d:\n%s", s->line,
				      s->text, sec, opt ? 2 : 0, dump);
			free(dump);
		}
	}
	free(q);
	free(dir);
	cfacts_free(&cf);
	free(src);
}
END_TEST

/* The errors libclang reports are on lines where gcc reports one, and its fix-its, applied,
 * make a file gcc accepts. */
START_TEST(test_syntax_error)
{
	char *path = test_src("samples/syntax-error.c");
	struct cfacts cf;
	test_parse(&cf, path, NULL, 0);
	char *q = oracle_quote(path);
	int st;
	char *gerr = oracle_sh(&st, "gcc -fsyntax-only %s 2>&1", q);
	ck_assert_msg(st != 0, "gcc accepts syntax-error.c");
	unsigned glines[64];
	size_t ng = 0;
	for (char *l = strtok(gerr, "\n"); l && ng < 64; l = strtok(NULL, "\n")) {
		size_t pl = strlen(path);
		unsigned line, col;
		char kind[16];
		if (!strncmp(l, path, pl) &&
		    sscanf(l + pl, ":%u:%u: %15[a-z]", &line, &col, kind) == 3 &&
		    !strcmp(kind, "error"))
			glines[ng++] = line;
	}
	ck_assert_msg(ng > 0, "no error line in gcc's output");
	size_t agree = 0, nerr = 0, nfix = 0;
	for (size_t i = 0; i < cf.n_diags; i++) {
		const struct cfacts_diag *g = &cf.diags[i];
		if (g->severity < CFACTS_SEV_ERROR || !g->in_main)
			continue;
		nerr++;
		ck_assert_ptr_nonnull(g->message);
		ck_assert_uint_gt(strlen(g->message), 0);
		for (size_t k = 0; k < ng; k++)
			agree += glines[k] == g->line;
		nfix += g->n_fixits;
	}
	ck_assert_msg(nerr > 0, "libclang reports no error in syntax-error.c");
	ck_assert_msg(agree > 0, "no libclang error on a line where gcc has one");

	if (nfix > 0) { /* apply the fix-its, last first, and ask gcc again */
		char *text = test_read(path);
		size_t len = strlen(text);
		size_t starts[4096], nl = 1;
		starts[1] = 0;
		for (size_t k = 0; k < len && nl + 1 < 4096; k++)
			if (text[k] == '\n')
				starts[++nl] = k + 1;
		for (size_t i = cf.n_diags; i-- > 0;) {
			const struct cfacts_diag *g = &cf.diags[i];
			if (g->severity < CFACTS_SEV_ERROR || !g->in_main)
				continue;
			for (size_t j = g->n_fixits; j-- > 0;) {
				const struct cfacts_fixit *f = &g->fixits[j];
				ck_assert(f->line >= 1 && f->line <= nl && f->end_line <= nl);
				size_t a = starts[f->line] + f->col - 1;
				size_t b = starts[f->end_line] + f->end_col - 1;
				ck_assert(a <= b && b <= len);
				size_t tl = strlen(f->text);
				char *nt = malloc(len - (b - a) + tl + 1);
				memcpy(nt, text, a);
				memcpy(nt + a, f->text, tl);
				memcpy(nt + a + tl, text + b, len - b + 1);
				free(text);
				text = nt;
				len = strlen(text);
			}
		}
		char *fixed = oracle_write(oracle_scratch(), "fixed.c", text);
		char *fq = oracle_quote(fixed);
		char *out = oracle_sh(&st, "gcc -fsyntax-only %s 2>&1", fq);
		ck_assert_msg(st == 0, "with libclang's fix-its applied gcc still fails:\n%s", out);
		free(out);
		free(fq);
		free(fixed);
		free(text);
	}
	free(gerr);
	free(q);
	cfacts_free(&cf);
	free(path);
}
END_TEST

/*
 * Two parses at once, on two threads, give what one parse alone gives.
 */
struct job {
	char *path;
	struct cfacts cf;
	int rc;
	char err[256];
	pthread_barrier_t *start;
};

static void *job_run(void *arg)
{
	struct job *j = arg;
	pthread_barrier_wait(j->start);
	for (int i = 0; i < 3 && j->rc == 0; i++) {
		if (i)
			cfacts_free(&j->cf);
		j->rc = cfacts_parse(&j->cf, j->path, NULL, 0, j->err, sizeof j->err);
	}
	return NULL;
}

static void same_facts(const struct cfacts *a, const struct cfacts *b)
{
	ck_assert_uint_eq(a->n_defs, b->n_defs);
	ck_assert_uint_eq(a->n_exps, b->n_exps);
	ck_assert_uint_eq(a->n_funcs, b->n_funcs);
	ck_assert_uint_eq(a->n_vars, b->n_vars);
	ck_assert_uint_eq(a->n_calls, b->n_calls);
	ck_assert_uint_eq(a->n_strings, b->n_strings);
	ck_assert_uint_eq(a->n_diags, b->n_diags);
	for (size_t i = 0; i < a->n_exps; i++) {
		ck_assert_str_eq(a->exps[i].name, b->exps[i].name);
		ck_assert_uint_eq(a->exps[i].line, b->exps[i].line);
	}
	for (size_t i = 0; i < a->n_funcs; i++) {
		ck_assert_str_eq(a->funcs[i].name, b->funcs[i].name);
		ck_assert_str_eq(a->funcs[i].place.reason, b->funcs[i].place.reason);
	}
	for (size_t i = 0; i < a->n_calls; i++)
		ck_assert_uint_eq(a->calls[i].line, b->calls[i].line);
}

START_TEST(test_threads)
{
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, 2);
	struct job jobs[2] = {
		{ .path = test_src("samples/hello.c"), .start = &start },
		{ .path = test_src("samples/macros.c"), .start = &start },
	};
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, job_run, &jobs[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < 2; i++) {
		ck_assert_msg(jobs[i].rc == 0, "%s: %s", jobs[i].path, jobs[i].err);
		struct cfacts alone;
		test_parse(&alone, jobs[i].path, NULL, 0);
		ck_assert_uint_gt(alone.n_funcs, 0);
		same_facts(&jobs[i].cf, &alone);
		cfacts_free(&alone);
		cfacts_free(&jobs[i].cf);
		free(jobs[i].path);
	}
}
END_TEST

/* A file that is not there is an error with a sentence, not a crash. */
START_TEST(test_missing_file)
{
	struct cfacts cf;
	char err[512] = "";
	char *dir = NULL;
	if (asprintf(&dir, "%s/no-such-file.c", oracle_scratch()) < 0)
		abort();
	int rc = cfacts_parse(&cf, dir, NULL, 0, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(err, "no-such-file.c") != NULL, "the error does not name the file: %s",
		      err);
	ck_assert_uint_eq(cf.n_funcs, 0);
	cfacts_free(&cf);
	free(dir);
}
END_TEST

/* Whether a libclang shared object is mapped into this process now. */
static int libclang_mapped(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return -1;
	char line[1024];
	int found = 0;
	while (fgets(line, sizeof line, f))
		if (strstr(line, "/libclang"))
			found = 1;
	fclose(f);
	return found;
}

int main(void)
{
	loaded_before_use = libclang_mapped();
	char err[512];
	if (!cfacts_available(err, sizeof err)) {
		fprintf(stderr, "check_cfacts: skipped: %s\n", err);
		return 77;
	}
	oracle_scratch(); /* made here, so the forked tests share it and it goes at exit */
	Suite *s = suite_create("cfacts");
	TCase *tc = tcase_create("libclang");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_test(tc, test_lazy_load);
	tcase_add_test(tc, test_macros_sample);
	tcase_add_test(tc, test_macros_hello);
	tcase_add_test(tc, test_macros_from_headers);
	tcase_add_test(tc, test_hello);
	tcase_add_test(tc, test_rewrites);
	tcase_add_test(tc, test_places_small);
	tcase_add_test(tc, test_places_many);
	tcase_add_test(tc, test_weak);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_syntax_error);
	tcase_add_test(tc, test_threads);
	tcase_add_test(tc, test_missing_file);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
