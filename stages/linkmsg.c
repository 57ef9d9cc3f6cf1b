/* linkmsg: what the linker said, explained, and tied to the source. See linkmsg.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/linkmsg.h"
#include "stages/i18n.h"

/* A piece of the input text: not NUL-terminated, may hold NUL bytes. */
struct linkmsg_span {
	const char *p;
	size_t n;
};

struct linkmsg_parser {
	struct linkmsg *m;
	const struct cfacts *cf;
	size_t cap;
	int oom;
	/* ld's last "OBJ: in function `FN':" line, and whether it came just before */
	struct linkmsg_span obj, fn, header;
	int fresh;
	/* the item made from the previous line, for a "NOTE:" that continues it; or -1 */
	long prev;
};

/* glibc's libm functions that libc.so.6 does not also define: a reference to one of these
 * (or its f and l forms) fails to link without -lm. Checked against nm -D by the tests. */
static const char *const linkmsg_libm[] = {
	"sqrt", "cbrt", "hypot", "pow", "exp", "exp2", "exp10", "expm1", "log", "log2",
	"log10", "log1p", "logb", "ilogb", "sin", "cos", "tan", "sincos", "asin", "acos",
	"atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "floor", "ceil",
	"round", "lround", "llround", "trunc", "rint", "lrint", "llrint", "nearbyint", "fmod",
	"remainder", "remquo", "fdim", "fmax", "fmin", "fma", "fabs", "erf", "erfc", "tgamma",
	"lgamma", "nextafter", "nexttoward", "nan", "scalbln", "j0", "j1", "jn", "y0", "y1",
	"yn",
};

#define LINKMSG_N_LIBM (sizeof linkmsg_libm / sizeof linkmsg_libm[0])

static const char *const linkmsg_kind_names[LINKMSG_KIND_COUNT] = {
	[LINKMSG_UNDEFINED] = "undefined",
	[LINKMSG_MULTIPLE] = "multiple",
	[LINKMSG_STATIC_NSS] = "static-nss",
	[LINKMSG_NO_MAIN] = "no-main",
	[LINKMSG_CANNOT_FIND] = "cannot-find",
	[LINKMSG_OTHER_WARNING] = "warning",
	[LINKMSG_NO_HEADER] = "no-header",
};

static const char *const linkmsg_kind_labels[LINKMSG_KIND_COUNT] = {
	[LINKMSG_UNDEFINED] = N_("undefined reference"),
	[LINKMSG_MULTIPLE] = N_("multiple definition"),
	[LINKMSG_STATIC_NSS] = N_("glibc's static-link warning"),
	[LINKMSG_NO_MAIN] = N_("no main"),
	[LINKMSG_CANNOT_FIND] = N_("cannot find"),
	[LINKMSG_OTHER_WARNING] = N_("linker warning"),
	[LINKMSG_NO_HEADER] = N_("missing header (the compiler's)"),
};

const char *linkmsg_kind_label(enum linkmsg_kind k)
{
	if ((unsigned)k >= LINKMSG_KIND_COUNT)
		return _("unknown");
	return _(linkmsg_kind_labels[k]);
}

const char *linkmsg_kind_name(enum linkmsg_kind k)
{
	if ((unsigned)k >= LINKMSG_KIND_COUNT)
		return "unknown";
	return linkmsg_kind_names[k];
}

int linkmsg_kind_is_error(enum linkmsg_kind k)
{
	return k == LINKMSG_UNDEFINED || k == LINKMSG_MULTIPLE || k == LINKMSG_NO_MAIN ||
	       k == LINKMSG_CANNOT_FIND || k == LINKMSG_NO_HEADER;
}

const char *linkmsg_libm_name(size_t i)
{
	return i < LINKMSG_N_LIBM ? linkmsg_libm[i] : NULL;
}

int linkmsg_is_libm(const char *name)
{
	if (!name)
		return 0;
	size_t n = strlen(name);
	for (size_t i = 0; i < LINKMSG_N_LIBM; i++) {
		size_t b = strlen(linkmsg_libm[i]);
		if (strncmp(name, linkmsg_libm[i], b) != 0)
			continue;
		if (n == b || (n == b + 1 && (name[b] == 'f' || name[b] == 'l')))
			return 1;
	}
	return 0;
}

/*
 * Spans.
 */

static struct linkmsg_span linkmsg_sub(struct linkmsg_span s, size_t from, size_t to)
{
	struct linkmsg_span r = { s.p + from, to - from };
	return r;
}

/* The offset of needle in s at or after from, or -1. */
static long linkmsg_find(struct linkmsg_span s, size_t from, const char *needle)
{
	size_t k = strlen(needle);
	if (k == 0 || s.n < k)
		return -1;
	for (size_t i = from; i + k <= s.n; i++)
		if (s.p[i] == needle[0] && memcmp(s.p + i, needle, k) == 0)
			return (long)i;
	return -1;
}

static int linkmsg_starts(struct linkmsg_span s, const char *prefix)
{
	size_t k = strlen(prefix);
	return s.n >= k && memcmp(s.p, prefix, k) == 0;
}

static int linkmsg_ends(struct linkmsg_span s, const char *suffix)
{
	size_t k = strlen(suffix);
	return s.n >= k && memcmp(s.p + s.n - k, suffix, k) == 0;
}

static int linkmsg_eq(struct linkmsg_span a, struct linkmsg_span b)
{
	return a.p && b.p && a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* The part after the last '/'. */
static struct linkmsg_span linkmsg_base(struct linkmsg_span s)
{
	size_t i = s.n;
	while (i > 0 && s.p[i - 1] != '/')
		i--;
	return linkmsg_sub(s, i, s.n);
}

static const char *linkmsg_basename(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	return slash ? slash + 1 : path;
}

static int linkmsg_digits(struct linkmsg_span s)
{
	if (s.n == 0 || s.n > 9)
		return 0;
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return 0;
	return 1;
}

/* A name in quotes at offset at: `name' or 'name' (the C locale) or ‘name’ (UTF-8). The
 * name goes to *name; returns the offset after the closing quote, or -1. */
static long linkmsg_quoted(struct linkmsg_span s, size_t at, struct linkmsg_span *name)
{
	static const char lq[] = "\xe2\x80\x98", rq[] = "\xe2\x80\x99";
	size_t open;
	if (at < s.n && (s.p[at] == '`' || s.p[at] == '\''))
		open = 1;
	else if (at + 3 <= s.n && memcmp(s.p + at, lq, 3) == 0)
		open = 3;
	else
		return -1;
	for (size_t i = at + open; i < s.n; i++) {
		size_t close = 0;
		if (s.p[i] == '\'')
			close = 1;
		else if (i + 3 <= s.n && memcmp(s.p + i, rq, 3) == 0)
			close = 3;
		if (close) {
			*name = linkmsg_sub(s, at + open, i);
			return (long)(i + close);
		}
	}
	return -1;
}

/* ld's program name as it prefixes its lines: "/usr/bin/ld", "ld", "ld.bfd", "ld.gold",
 * "x86_64-linux-gnu-ld". A source file's name ("ld.c:(.text+0x5)") is not one. */
static int linkmsg_is_ld(struct linkmsg_span s)
{
	static const char *const names[] = { "ld", "ld.bfd", "ld.gold", "ld.lld", "ld.mold" };
	struct linkmsg_span b = linkmsg_base(s);
	if (b.n == 0 || memchr(s.p, ':', s.n) || memchr(s.p, ' ', s.n))
		return 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct linkmsg_span tail = b;
		size_t k = strlen(names[i]);
		if (b.n > k && b.p[b.n - k - 1] == '-')
			tail = linkmsg_sub(b, b.n - k, b.n); /* a cross linker's prefix */
		if (tail.n == k && memcmp(tail.p, names[i], k) == 0)
			return 1;
	}
	return 0;
}

/* "FILE:LINE:COL": where the compiler, not ld, puts its diagnostics. */
static int linkmsg_compiler_loc(struct linkmsg_span loc)
{
	size_t i = loc.n, colons = 0;
	while (colons < 2) {
		size_t end = i;
		while (i > 0 && loc.p[i - 1] != ':')
			i--;
		if (i == 0 || !linkmsg_digits(linkmsg_sub(loc, i, end)))
			return 0;
		i--;
		colons++;
	}
	return 1;
}

/* What ld puts before a message of its own: "hello.c:(.text+0x46)", "/src/x.c:9",
 * "(.text+0x17)", "x.o:(.data+0x0)". */
static int linkmsg_ld_loc(struct linkmsg_span loc)
{
	if (loc.n == 0 || linkmsg_compiler_loc(loc))
		return 0;
	if (loc.p[loc.n - 1] == ')')
		return 1;
	long c = -1;
	for (size_t i = loc.n; i > 0; i--)
		if (loc.p[i - 1] == ':') {
			c = (long)i - 1;
			break;
		}
	return c > 0 && linkmsg_digits(linkmsg_sub(loc, (size_t)c + 1, loc.n));
}

/* The place loc is before a message of ld's: any but the compiler's after ld's name, and
 * one of ld's forms on a line without it (the first after a context line). */
static int linkmsg_ours(struct linkmsg_span loc, int prefixed)
{
	return prefixed ? !linkmsg_compiler_loc(loc) : linkmsg_ld_loc(loc);
}

/* An object file or an archive member, as ld names one; a source file name is not. */
static int linkmsg_looks_object(struct linkmsg_span s)
{
	return linkmsg_ends(s, ".o") || linkmsg_ends(s, ".obj") || linkmsg_ends(s, ".lo") ||
	       linkmsg_ends(s, ")") || linkmsg_ends(s, ".so") || linkmsg_ends(s, ".a");
}

/* crt1.o, Scrt1.o, rcrt1.o, gcrt1.o...: the start files whose _start calls main. */
static int linkmsg_start_file(const char *obj)
{
	size_t n = obj ? strlen(obj) : 0;
	return n >= 6 && strcmp(obj + n - 6, "crt1.o") == 0;
}

/*
 * Memory: every allocation checks, and a failure sets oom; linkmsg_parse() then frees all.
 */

static char *linkmsg_dup(struct linkmsg_parser *ps, struct linkmsg_span s)
{
	if (!s.p)
		return NULL;
	char *d = malloc(s.n + 1);
	if (!d) {
		ps->oom = 1;
		return NULL;
	}
	memcpy(d, s.p, s.n);
	d[s.n] = '\0';
	return d;
}

static char *linkmsg_fmt(struct linkmsg_parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *linkmsg_fmt(struct linkmsg_parser *ps, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		s = NULL;
		ps->oom = 1;
	}
	va_end(ap);
	return s;
}

/* it->explain becomes "EXPLAIN S" (also) or "S EXPLAIN" (lead): two whole sentences, s freed. */
static void linkmsg_join(struct linkmsg_parser *ps, struct linkmsg_item *it, char *s, int lead)
{
	if (!s || !it->explain) {
		free(s);
		return;
	}
	char *j = linkmsg_fmt(ps, "%s %s", lead ? s : it->explain, lead ? it->explain : s);
	free(s);
	if (j) {
		free(it->explain);
		it->explain = j;
	}
}

static void linkmsg_also(struct linkmsg_parser *ps, struct linkmsg_item *it, char *s)
{
	linkmsg_join(ps, it, s, 0);
}

static void linkmsg_lead(struct linkmsg_parser *ps, struct linkmsg_item *it, char *s)
{
	linkmsg_join(ps, it, s, 1);
}

static void linkmsg_item_free(struct linkmsg_item *it)
{
	free(it->symbol);
	free(it->raw);
	free(it->object);
	free(it->function);
	free(it->location);
	free(it->src_file);
	free(it->first);
	for (size_t i = 0; i < it->n_where; i++)
		free(it->where[i].caller);
	free(it->where);
	free(it->explain);
	free(it->fix);
	free(it->lib_header);
	free(it->lib_package);
	free(it->lib_pc);
	free(it->lib_flags);
}

void linkmsg_free(struct linkmsg *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		linkmsg_item_free(&m->items[i]);
	free(m->items);
	m->items = NULL;
	m->n = 0;
	m->truncated = 0;
}

/* A new zeroed item at the end of the list, with its raw text; NULL past the limit. */
static struct linkmsg_item *linkmsg_new(struct linkmsg_parser *ps, enum linkmsg_kind kind,
					struct linkmsg_span line)
{
	struct linkmsg *m = ps->m;
	if (m->n >= LINKMSG_MAX_ITEMS) {
		m->truncated = 1;
		return NULL;
	}
	if (m->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 8;
		struct linkmsg_item *items = realloc(m->items, cap * sizeof *items);
		if (!items) {
			ps->oom = 1;
			return NULL;
		}
		m->items = items;
		ps->cap = cap;
	}
	struct linkmsg_item *it = &m->items[m->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	if (ps->fresh && ps->header.p)
		it->raw = linkmsg_fmt(ps, "%.*s\n%.*s", (int)ps->header.n, ps->header.p,
				      (int)line.n, line.p);
	else
		it->raw = linkmsg_dup(ps, line);
	ps->prev = (long)m->n - 1;
	return it;
}

/* Split ld's place of a message into object, function and source place, using the last
 * context line: ld prints "OBJ: in function `F':" once, then "SRC:(.sec+off)" or "SRC:LINE"
 * for each message in F, or "(.sec+off)" when the object names no source; a message outside
 * any function carries its object itself, "OBJ:(.data+0x0)". */
static void linkmsg_place(struct linkmsg_parser *ps, struct linkmsg_item *it,
			  struct linkmsg_span loc)
{
	if (loc.n == 0)
		return;
	it->location = linkmsg_dup(ps, loc);
	struct linkmsg_span src = loc, obj = ps->obj, fn = ps->fn;
	if (loc.p[0] != '(' && linkmsg_find(loc, 0, ":") < 0 && linkmsg_looks_object(loc)) {
		obj = loc; /* "OBJ: warning: ..." */
		fn.p = NULL;
		src.n = 0;
	} else if (loc.p[0] != '(') {
		long c = linkmsg_find(loc, 0, ":");
		struct linkmsg_span pre = c > 0 ? linkmsg_sub(loc, 0, (size_t)c) : loc;
		int same = linkmsg_eq(pre, ps->obj);
		if (c > 0 && (same || linkmsg_looks_object(pre))) {
			obj = pre;
			src = linkmsg_sub(loc, (size_t)c + 1, loc.n);
			if (!(same && it->more))
				fn.p = NULL;
		}
	} else {
		src.n = 0;
	}
	if (obj.p)
		it->object = linkmsg_dup(ps, obj);
	if (fn.p)
		it->function = linkmsg_dup(ps, fn);
	if (src.n == 0 || src.p[0] == '(')
		return;
	size_t c = src.n;
	while (c > 0 && src.p[c - 1] != ':')
		c--;
	if (c < 2)
		return;
	struct linkmsg_span tail = linkmsg_sub(src, c, src.n);
	if (linkmsg_digits(tail)) {
		unsigned v = 0;
		for (size_t i = 0; i < tail.n; i++)
			v = v * 10 + (unsigned)(tail.p[i] - '0');
		it->src_line = v;
	} else if (!(tail.n && tail.p[0] == '('))
		return;
	it->src_file = linkmsg_dup(ps, linkmsg_sub(src, 0, c - 1));
}

/*
 * Where in the source, from libclang's facts.
 */

static int linkmsg_add_where(struct linkmsg_parser *ps, struct linkmsg_item *it, unsigned line,
			     unsigned col, enum linkmsg_at at, const char *caller)
{
	struct linkmsg_where *w = realloc(it->where, (it->n_where + 1) * sizeof *w);
	if (!w) {
		ps->oom = 1;
		return -1;
	}
	it->where = w;
	w += it->n_where++;
	w->line = line;
	w->col = col;
	w->at = at;
	w->caller = NULL;
	if (caller && !(w->caller = strdup(caller))) {
		ps->oom = 1;
		return -1;
	}
	return 0;
}

/* The message is about another source file than the one cf describes. */
static int linkmsg_other_file(const struct cfacts *cf, const struct linkmsg_item *it)
{
	if (!it->src_file || !cf->main_file)
		return 0;
	return strcmp(linkmsg_basename(it->src_file), linkmsg_basename(cf->main_file)) != 0;
}

static int linkmsg_str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The calls to the item's symbol: only those in ld's function and at ld's line when some
 * are, since ld names the reference it means; else all of them. */
static void linkmsg_where_calls(struct linkmsg_parser *ps, struct linkmsg_item *it)
{
	const struct cfacts *cf = ps->cf;
	int by_fn = 0, by_line = 0;
	for (size_t i = 0; i < cf->n_calls; i++) {
		const struct cfacts_call *c = &cf->calls[i];
		if (!linkmsg_str_eq(c->callee, it->symbol))
			continue;
		by_fn |= linkmsg_str_eq(c->caller, it->function);
		by_line |= it->src_line && c->line == it->src_line &&
			   (!it->function || linkmsg_str_eq(c->caller, it->function));
	}
	for (size_t i = 0; i < cf->n_calls; i++) {
		const struct cfacts_call *c = &cf->calls[i];
		if (!linkmsg_str_eq(c->callee, it->symbol))
			continue;
		if (by_fn && !linkmsg_str_eq(c->caller, it->function))
			continue;
		if (by_line && c->line != it->src_line)
			continue;
		if (linkmsg_add_where(ps, it, c->line, c->col, LINKMSG_AT_CALL, c->caller) < 0)
			return;
	}
}

static const struct cfacts_func *linkmsg_cf_func(const struct cfacts *cf, const char *name,
						 int want_def)
{
	const struct cfacts_func *first = NULL;
	for (size_t i = 0; cf && i < cf->n_funcs; i++) {
		const struct cfacts_func *f = &cf->funcs[i];
		if (!linkmsg_str_eq(f->name, name))
			continue;
		if (!want_def || f->is_definition)
			return f;
		if (!first)
			first = f;
	}
	return want_def ? NULL : first;
}

static const struct cfacts_var *linkmsg_cf_var(const struct cfacts *cf, const char *name)
{
	for (size_t i = 0; cf && i < cf->n_vars; i++)
		if (cf->vars[i].file_scope && linkmsg_str_eq(cf->vars[i].name, name))
			return &cf->vars[i];
	return NULL;
}

/* gcc and clang's warning for a call with no declaration in scope, naming name. */
static const struct cfacts_diag *linkmsg_cf_implicit(const struct cfacts *cf, const char *name)
{
	for (size_t i = 0; cf && name && i < cf->n_diags; i++) {
		const struct cfacts_diag *d = &cf->diags[i];
		if (!d->message || !d->in_main)
			continue;
		if (!linkmsg_str_eq(d->option, "-Wimplicit-function-declaration") &&
		    !strstr(d->message, "implicit declaration of function") &&
		    !strstr(d->message, "undeclared function"))
			continue;
		const char *q = strchr(d->message, '\'');
		size_t n = strlen(name);
		if (q && strncmp(q + 1, name, n) == 0 && q[1 + n] == '\'')
			return d;
	}
	return NULL;
}

/* The first call's line, for a sentence; 0 when there is none. */
static unsigned linkmsg_call_line(const struct linkmsg_item *it)
{
	for (size_t i = 0; i < it->n_where; i++)
		if (it->where[i].at == LINKMSG_AT_CALL)
			return it->where[i].line;
	return 0;
}

/* The source's file name for a command the learner can type. */
static const char *linkmsg_file(const struct cfacts *cf)
{
	const char *b = cf ? linkmsg_basename(cf->main_file) : NULL;
	return b && *b ? b : "FILE.c";
}

/*
 * The explanations. Each says what ld found and why, then the fix.
 */

static void linkmsg_explain_undefined(struct linkmsg_parser *ps, struct linkmsg_item *it)
{
	const struct cfacts *cf = ps->cf;
	const char *s = it->symbol;
	const struct cfacts_func *def = NULL, *decl = NULL;
	const struct cfacts_var *var = NULL;
	const struct cfacts_diag *imp = NULL;
	if (cf && !linkmsg_other_file(cf, it)) {
		def = linkmsg_cf_func(cf, s, 1);
		decl = linkmsg_cf_func(cf, s, 0);
		var = linkmsg_cf_var(cf, s);
		imp = linkmsg_cf_implicit(cf, s);
	}
	unsigned call = linkmsg_call_line(it);

	if (linkmsg_is_libm(s)) {
		it->explain = linkmsg_fmt(ps,
			_("%s is in the maths library, libm, which gcc does not link unless asked. "
			"Put -lm on the link command after the files that use it: ld reads its "
			"inputs in order and uses a library only for what is still undefined when "
			"it gets there. gcc may work out a call with constant arguments, such as "
			"sqrt(2.0), while compiling and leave nothing to link, which is why a "
			"program can link without -lm until an argument is known only at run "
			"time."), s);
		if (imp)
			linkmsg_also(ps, it, linkmsg_fmt(ps, _("Nothing declares it where it is called "
				     "(line %u): include <math.h>, which declares it with the right "
				     "types."), imp->line));
		it->fix = linkmsg_fmt(ps, _("gcc -o prog prog.o -lm   (here: lesson %s -- -lm)"),
				      linkmsg_file(cf));
		it->lesson = "libraries";
	} else if (def && def->inlined && def->storage == CFACTS_STORAGE_NONE &&
		   def->linkage == CFACTS_LINKAGE_EXTERNAL) {
		it->explain = linkmsg_fmt(ps,
			_("%1$s is defined at line %2$u with inline and without static or extern. In "
			"C99 and later (gcc's default mode), that is only an inline definition: "
			"it lets the compiler inline calls in this file, but makes no external "
			"definition of %3$s, and when gcc does not inline a call (at -O0 it does "
			"not) the call goes to the linker, which finds none."),
			s, def->line, s);
		it->fix = linkmsg_fmt(ps, _("make it static inline; or, in one .c file that has the "
				      "definition, declare it again with extern: that file then "
				      "holds the external definition"));
	} else if (decl && !def && decl->linkage == CFACTS_LINKAGE_INTERNAL) {
		it->explain = linkmsg_fmt(ps,
			_("%1$s is declared static (line %2$u) but not defined in this file, and a "
			"static function can be defined only in the file that declares it."),
			s, decl->line);
		it->fix = linkmsg_fmt(ps, _("define %s in this file, or drop static and define it "
				      "in the file that is meant to have it"), s);
		it->lesson = "pipeline";
	} else if (decl && !def) {
		it->explain = linkmsg_fmt(ps,
			_("%1$s is declared (line %2$u) but defined nowhere in the files linked. A "
			"declaration only promises that some file defines it; the compiler took "
			"the call on that promise, and only the linker can see that no object "
			"file or library keeps it."), s, decl->line);
		it->fix = linkmsg_fmt(ps, _("write the definition of %s, or add the object file "
				      "or library that has it to the link command"), s);
		it->lesson = "pipeline";
	} else if (imp) {
		it->explain = linkmsg_fmt(ps,
			_("Nothing declares %1$s where it is called (line %2$u). gcc before version "
			"14 only warns about such an implicit declaration (\"implicit "
			"declaration of function\"), compiles the call as if %3$s returned int, and "
			"leaves it to the linker, which finds no %4$s in the files and libraries "
			"linked."),
			s, imp->line, s, s);
		it->fix = linkmsg_fmt(ps, _("check the spelling of %s; if a library has it, "
				      "include its header and link the library; if it is yours, "
				      "declare and define it"), s);
		it->lesson = "standards";
	} else if (var && !var->is_definition && !var->tentative) {
		it->explain = linkmsg_fmt(ps,
			_("%1$s is declared extern (line %2$u): a promise that some file defines the "
			"variable, and no file linked does."), s, var->line);
		it->fix = linkmsg_fmt(ps, _("define %s at file scope in exactly one .c file, with "
				      "the type of its declaration"), s);
		it->lesson = "link";
	} else {
		if (call)
			it->explain = linkmsg_fmt(ps,
				_("No object file or library on the link command defines %1$s (called "
				"at line %2$u). If %1$s is yours, add the file that defines it to "
				"the link; if it is a library's, add that library with -l after the "
				"files that use it; and check the spelling."), s, call);
		else
			it->explain = linkmsg_fmt(ps,
				_("No object file or library on the link command defines %1$s. If "
				"%1$s is yours, add the file that defines it to the link; if it is a "
				"library's, add that library with -l after the files that use it; "
				"and check the spelling."), s);
		it->fix = linkmsg_fmt(ps, _("add the file or library (-lNAME) that defines %s, "
				      "after the files that use it"), s);
		it->lesson = "link";
		it->lib_unknown = 1;
	}
	if (it->more)
		linkmsg_lead(ps, it, linkmsg_fmt(ps, _("ld lists only the first few references to one "
				     "symbol from a section, then says that more follow; they all "
				     "have the same cause.")));
}

static void linkmsg_explain_no_main(struct linkmsg_parser *ps, struct linkmsg_item *it)
{
	const char *start = it->object ? linkmsg_basename(it->object) : "crt1.o";
	it->explain = linkmsg_fmt(ps,
		_("The C start-up code (%s, which gcc links into every program) calls main, and "
		"no file linked defines it: a program needs exactly one main function. A file "
		"that is only part of a program is compiled with gcc -c and linked together "
		"with the file that has main."), start);
	it->fix = linkmsg_fmt(ps, _("write int main(void) { ... }, or compile this file with -c "
			      "and link it with the file that defines main"));
	it->lesson = "link";
}

/* The object before the first ':' of ld's "first defined here" place. */
static int linkmsg_same_object(const struct linkmsg_item *it)
{
	if (!it->first || !it->object)
		return 0;
	const char *c = strchr(it->first, ':');
	size_t n = c ? (size_t)(c - it->first) : strlen(it->first);
	return strlen(it->object) == n && strncmp(it->first, it->object, n) == 0;
}

static int linkmsg_in_section(const char *loc, const char *const *secs)
{
	for (; loc && *secs; secs++)
		if (strstr(loc, *secs))
			return 1;
	return 0;
}

static void linkmsg_explain_multiple(struct linkmsg_parser *ps, struct linkmsg_item *it)
{
	static const char *const code[] = { "(.text", NULL };
	static const char *const data[] = { "(.data", "(.bss", "(.rodata", "(.tdata", "(.tbss",
					    "(COMMON", NULL };
	const struct cfacts *cf = ps->cf;
	const char *s = it->symbol;
	const struct cfacts_func *f = linkmsg_cf_func(cf, s, 1);
	const struct cfacts_var *v = linkmsg_cf_var(cf, s);
	int is_fn = f || linkmsg_str_eq(it->function, s) || linkmsg_in_section(it->location, code);
	int is_var = !is_fn && (v || linkmsg_in_section(it->location, data) ||
				linkmsg_in_section(it->first, data));
	it->lesson = "link";

	if (linkmsg_same_object(it)) {
		it->explain = linkmsg_fmt(ps,
			_("ld was given %1$s twice, so each of its global symbols, %2$s among them, is "
			"defined twice."), it->object, s);
		it->fix = linkmsg_fmt(ps, _("name each object file once on the link command"));
	} else if (strcmp(s, "main") == 0) {
		it->explain = linkmsg_fmt(ps,
			_("Two of the files linked define main, and a program has exactly one: the "
			"start-up code calls it. A file with its own main is a program of its own "
			"(a test, a demo) and is linked without the other."));
		it->fix = linkmsg_fmt(ps, _("link only one file that defines main"));
	} else if (is_fn) {
		it->explain = linkmsg_fmt(ps,
			_("Two object files both define the function %1$s, and a program may have only "
			"one definition of each global function. If a header defines it, every .c "
			"file that includes the header gets a copy: keep only its declaration in "
			"the header and its definition in one .c file, or make it static inline. "
			"If each file is meant to have its own %2$s, make each one static."), s, s);
		it->fix = linkmsg_fmt(ps, _("keep one definition of %s and declare it in a header; "
				      "or make each copy static"), s);
	} else if (is_var) {
		it->explain = linkmsg_fmt(ps,
			_("Two object files both define the global variable %1$s, and a program may "
			"have only one definition of it. gcc 10 and later compile with -fno-common "
			"by default, so even a declaration without extern and without an "
			"initialiser, such as `int %2$s;`, is a definition, and two of them collide. "
			"Declare it extern in a header and define it in one .c file; or, if each "
			"file is meant to have its own, make each one static."), s, s);
		it->fix = linkmsg_fmt(ps, _("extern declaration of %s in the header, its definition "
				      "in exactly one .c file; or static in each file"), s);
	} else {
		it->explain = linkmsg_fmt(ps,
			_("Two object files both define %s, and a program may have only one "
			"definition of each global symbol. Keep one definition and declare it "
			"(extern) where it is used; or, if each file is meant to have its own, "
			"make each one static."), s);
		it->fix = linkmsg_fmt(ps, _("keep one definition of %s, or make each copy static"), s);
	}
}

/* The Name Service Switch database a glibc function looks in, from its name; or NULL. */
static const char *linkmsg_nss_db(const char *s)
{
	static const struct {
		const char *part, *db;
	} dbs[] = {
		{ "getaddrinfo", "hosts" }, { "grouplist", "group" }, { "initgroups", "group" },
		{ "host", "hosts" }, { "pw", "passwd" }, { "gr", "group" }, { "sp", "shadow" },
		{ "sg", "gshadow" }, { "net", "networks" }, { "proto", "protocols" },
		{ "serv", "services" }, { "rpc", "rpc" }, { "alias", "aliases" },
	};
	const char *stem = s;
	if (strncmp(stem, "get", 3) == 0 || strncmp(stem, "set", 3) == 0 ||
	    strncmp(stem, "end", 3) == 0)
		stem += 3;
	for (size_t i = 0; i < sizeof dbs / sizeof dbs[0]; i++) {
		size_t n = strlen(dbs[i].part);
		if (strstr(s, dbs[i].part) == s || strncmp(stem, dbs[i].part, n) == 0)
			return dbs[i].db;
	}
	return NULL;
}

static void linkmsg_explain_nss(struct linkmsg_parser *ps, struct linkmsg_item *it)
{
	const char *s = it->symbol;
	const char *db = linkmsg_nss_db(s);
	if (strcmp(s, "dlopen") == 0 || strcmp(s, "dlmopen") == 0) {
		it->explain = linkmsg_fmt(ps,
			_("%1$s loads a shared object while the program runs, and a shared object "
			"needs the shared C library, libc.so.6. A static program has none loaded, "
			"so %2$s loads the one installed on the machine where it runs, beside the "
			"static copy inside the program: two C libraries in one process, each with "
			"its own malloc and stdio, which glibc tries to make work only when both "
			"come from the glibc version used for linking."), s, s);
		it->fix = linkmsg_fmt(ps, _("link the program dynamically (without -static)"));
		it->lesson = "dlopen";
		return;
	}
	if (db)
		it->explain = linkmsg_fmt(ps,
			_("%1$s answers from the %2$s database through the Name Service Switch: "
			"/etc/nsswitch.conf lists the sources to ask, in order (files, dns, "
			"systemd, ldap...), and glibc loads each source it does not have built "
			"in as a shared module, libnss_SOURCE.so.2, with dlopen when the program "
			"runs. A static program does too: the module brings in the shared C "
			"library, libc.so.6, of the machine where it runs, beside the static copy "
			"inside the program, and glibc tries to make that work only when both "
			"come from the glibc version used for linking. Where a module cannot be "
			"loaded, the lookup goes on without that source."), s, db);
	else
		it->explain = linkmsg_fmt(ps,
			_("glibc marks %s: when it runs, it may load shared libraries with dlopen, "
			"and in a static program they bring in the shared C library, libc.so.6, of "
			"the machine where it runs, beside the static copy inside the program; "
			"glibc tries to make that work only when both come from the glibc version "
			"used for linking."), s);
	it->fix = linkmsg_fmt(ps, _("link dynamically (without -static); or avoid %s in a static "
			      "program; or link it with musl-gcc -static"), s);
	it->lesson = "glibc-static";
}

static void linkmsg_explain_cannot_find(struct linkmsg_parser *ps, struct linkmsg_item *it,
					int is_lib)
{
	const char *s = it->symbol;
	if (is_lib && s[0] == ':') {
		it->explain = linkmsg_fmt(ps,
			_("-l%1$s asks ld for a file named exactly %2$s, and ld found none in the "
			"directories given with -L, which include the ones gcc adds (gcc "
			"-print-search-dirs lists them after \"libraries:\"), or in its own "
			"default ones."), s, s + 1);
		it->fix = linkmsg_fmt(ps, _("check the name, or add -L DIR (the directory that has "
				      "%1$s) before -l%2$s"), s + 1, s);
		it->lesson = "libraries";
	} else if (is_lib) {
		it->explain = linkmsg_fmt(ps,
			_("ld looked for lib%1$s.so and lib%2$s.a (only lib%3$s.a when linking with "
			"-static) in the directories given with -L, which include the ones gcc "
			"adds (gcc -print-search-dirs lists them after \"libraries:\"), and in its "
			"own default ones, and found neither. "
			"The files that a link needs come with the library's development package "
			"(on Debian, a package whose name ends in -dev)."), s, s, s);
		it->fix = linkmsg_fmt(ps, _("install the library's -dev package, or add -L DIR "
				      "(the directory that has lib%1$s.so or lib%2$s.a) before -l%3$s"),
				      s, s, s);
		it->lesson = "libraries";
	} else if (linkmsg_start_file(s) || strstr(s, "crti.o") || strstr(s, "crtn.o")) {
		it->explain = linkmsg_fmt(ps,
			_("%s is one of the C library's start files, which gcc adds to every link, "
			"and it is not installed: they come with the C library's development "
			"package (libc6-dev for glibc on Debian, musl-dev for musl)."), s);
		it->fix = linkmsg_fmt(ps, _("install the C library's development package"));
		it->lesson = "link";
	} else {
		it->explain = linkmsg_fmt(ps,
			_("ld was told to read %s, and there is no such file: check the name and the "
			"directory the command runs in."), s);
		it->fix = linkmsg_fmt(ps, _("correct the file name on the link command"));
	}
}

/* The compiler found no header: in a link command, one that compiles the source again
 * against another C library's headers (musl-gcc's). */
static void linkmsg_explain_no_header(struct linkmsg_parser *ps, struct linkmsg_item *it)
{
	const char *s = it->symbol;
	it->explain = linkmsg_fmt(ps,
		_("The compiler found no %s in the directories it searches for headers. A link "
		"command that names a .c file compiles it first. musl-gcc does that against "
		"musl's headers: it searches only musl's include directory and gcc's own "
		"(musl-gcc -E -v - lists them), not /usr/include, where glibc's headers are, "
		"and those of libraries installed for glibc (Debian's -dev packages). Those "
		"libraries are built against glibc too, so a musl program needs the library "
		"built with musl-gcc as well."), s);
	it->fix = linkmsg_fmt(ps, _("build the library with CC=musl-gcc into a directory of its "
			      "own, then add -I DIR/include -L DIR/lib; for a header of your "
			      "own, add -I DIR"));
	it->lesson = "musl";
}

static void linkmsg_explain_warning(struct linkmsg_parser *ps, struct linkmsg_item *it,
				    struct linkmsg_span text)
{
	const char *s = it->symbol;
	long at;
	if (s && strcmp(s, "gets") == 0 && linkmsg_find(text, 0, "dangerous") >= 0) {
		it->explain = linkmsg_fmt(ps,
			_("gets reads a line into a buffer without knowing the buffer's size, so a "
			"longer line writes past its end. C11 removed gets from the language, and "
			"glibc marks it with this warning, which ld prints whenever it is linked "
			"in."));
		it->fix = linkmsg_fmt(ps, _("fgets(buf, sizeof buf, stdin), which stops at the "
				      "buffer's size and keeps the newline"));
	} else if (s && linkmsg_find(text, 0, "the use of") >= 0 &&
		   linkmsg_find(text, 0, "mkstemp") >= 0) {
		it->explain = linkmsg_fmt(ps,
			_("%1$s only makes up a file name that does not exist yet. Between that and "
			"the moment the program creates the file, another process can create a "
			"file or a link with that name, so glibc marks %2$s with this warning. "
			"mkstemp picks the name, creates the file and opens it in one step."), s, s);
		it->fix = linkmsg_fmt(ps, _("int fd = mkstemp(name), with name a char array ending "
				      "in XXXXXX (mkdtemp for a directory)"));
	} else if ((at = linkmsg_find(text, 0, ": missing .note.GNU-stack section")) >= 0) {
		if (!it->object && at > 0)
			it->object = linkmsg_dup(ps, linkmsg_sub(text, 0, (size_t)at));
		it->explain = linkmsg_fmt(ps,
			_("An object file does not say whether it needs an executable stack (gcc's "
			"output always does; a file written in assembly may not), so ld assumes "
			"it does and makes the program's stack executable, which makes some "
			"attacks easier."));
		it->fix = linkmsg_fmt(ps, _("add .section .note.GNU-stack,\"\",@progbits to the "
				      "assembly source, or link with -z noexecstack"));
	} else {
		it->explain = linkmsg_fmt(ps,
			_("A warning from the linker: it does not stop the link by itself. The text "
			"says what ld found."));
	}
}

/* Sentences, fix, lesson and source places for an item, once its fields are known. */
static void linkmsg_finish(struct linkmsg_parser *ps, struct linkmsg_item *it,
			   struct linkmsg_span text, int is_lib)
{
	const struct cfacts *cf = ps->cf;
	if (ps->oom)
		return;
	switch (it->kind) {
	case LINKMSG_UNDEFINED:
	case LINKMSG_STATIC_NSS:
		if (cf && !linkmsg_other_file(cf, it)) {
			linkmsg_where_calls(ps, it);
			for (size_t i = 0; it->n_where == 0 && i < cf->n_vars; i++) {
				const struct cfacts_var *v = &cf->vars[i];
				if (linkmsg_str_eq(v->name, it->symbol) && !v->is_definition &&
				    !v->tentative && !v->static_local)
					linkmsg_add_where(ps, it, v->line, v->col,
							  LINKMSG_AT_DECLARATION, NULL);
			}
		}
		if (it->kind == LINKMSG_UNDEFINED)
			linkmsg_explain_undefined(ps, it);
		else
			linkmsg_explain_nss(ps, it);
		break;
	case LINKMSG_MULTIPLE:
		for (size_t i = 0; cf && i < cf->n_funcs; i++) {
			const struct cfacts_func *f = &cf->funcs[i];
			if (f->is_definition && f->linkage == CFACTS_LINKAGE_EXTERNAL &&
			    linkmsg_str_eq(f->name, it->symbol))
				linkmsg_add_where(ps, it, f->line, f->col, LINKMSG_AT_DEFINITION,
						  NULL);
		}
		for (size_t i = 0; cf && i < cf->n_vars; i++) {
			const struct cfacts_var *v = &cf->vars[i];
			if (v->file_scope && v->linkage == CFACTS_LINKAGE_EXTERNAL &&
			    (v->is_definition || v->tentative) &&
			    linkmsg_str_eq(v->name, it->symbol))
				linkmsg_add_where(ps, it, v->line, v->col, LINKMSG_AT_DEFINITION,
						  NULL);
		}
		linkmsg_explain_multiple(ps, it);
		break;
	case LINKMSG_NO_MAIN:
		linkmsg_explain_no_main(ps, it);
		break;
	case LINKMSG_CANNOT_FIND:
		linkmsg_explain_cannot_find(ps, it, is_lib);
		break;
	case LINKMSG_NO_HEADER:
		linkmsg_explain_no_header(ps, it);
		break;
	case LINKMSG_OTHER_WARNING:
	case LINKMSG_KIND_COUNT:
		linkmsg_explain_warning(ps, it, text);
		break;
	}
}

/* The place before a message at offset at in rest, without its ": ". */
static struct linkmsg_span linkmsg_loc(struct linkmsg_span rest, long at)
{
	size_t e = (size_t)at;
	while (e > 0 && (rest.p[e - 1] == ' ' || rest.p[e - 1] == ':'))
		e--;
	return linkmsg_sub(rest, 0, e);
}

/* "OBJ: in function `F':", ld's context line. */
static int linkmsg_header(struct linkmsg_parser *ps, struct linkmsg_span rest)
{
	static const char key[] = ": in function ";
	long at = -1, k;
	if (!linkmsg_ends(rest, ":"))
		return 0;
	for (k = linkmsg_find(rest, 0, key); k >= 0; k = linkmsg_find(rest, (size_t)k + 1, key))
		at = k;
	if (at <= 0)
		return 0;
	struct linkmsg_span fn;
	long after = linkmsg_quoted(rest, (size_t)at + sizeof key - 1, &fn);
	if (after < 0 || (size_t)after + 1 != rest.n)
		return 0;
	ps->obj = linkmsg_sub(rest, 0, (size_t)at);
	ps->fn = fn;
	return 1;
}

/* The compiler's "FILE:LINE:COL: fatal error: NAME: No such file or directory": an item of
 * its own, placed at FILE:LINE. 1 when line was one. */
static int linkmsg_no_header(struct linkmsg_parser *ps, struct linkmsg_span line)
{
	static const char key[] = ": fatal error: ", tail[] = ": No such file or directory";
	long at = linkmsg_find(line, 0, key);
	if (at <= 0 || !linkmsg_ends(line, tail))
		return 0;
	size_t from = (size_t)at + sizeof key - 1, to = line.n - (sizeof tail - 1);
	if (to <= from)
		return 0;
	struct linkmsg_span loc = linkmsg_sub(line, 0, (size_t)at);
	/* FILE:LINE:COL, as gcc places a diagnostic */
	long c2 = -1, c1 = -1;
	for (long k = linkmsg_find(loc, 0, ":"); k >= 0; k = linkmsg_find(loc, (size_t)k + 1, ":")) {
		c1 = c2;
		c2 = k;
	}
	if (c1 <= 0)
		return 0;
	unsigned long ln = 0;
	for (size_t i = (size_t)c1 + 1; i < (size_t)c2; i++) {
		if (loc.p[i] < '0' || loc.p[i] > '9' || ln > 100000000ul)
			return 0;
		ln = ln * 10 + (unsigned long)(loc.p[i] - '0');
	}
	struct linkmsg_item *it;
	if (ln == 0 || !(it = linkmsg_new(ps, LINKMSG_NO_HEADER, line)))
		return 1;
	it->symbol = linkmsg_dup(ps, linkmsg_sub(line, from, to));
	it->location = linkmsg_dup(ps, linkmsg_sub(loc, 0, (size_t)c2));
	it->src_file = linkmsg_dup(ps, linkmsg_sub(loc, 0, (size_t)c1));
	it->src_line = (unsigned)ln;
	linkmsg_finish(ps, it, line, 0);
	return 1;
}

/* One message of ld's, from rest (the line without ld's name), into an item. */
static void linkmsg_message(struct linkmsg_parser *ps, struct linkmsg_span line,
			    struct linkmsg_span rest, int prefixed)
{
	struct linkmsg_span sym = { NULL, 0 }, loc, text;
	struct linkmsg_item *it;
	long at, q;

	if (prefixed && linkmsg_starts(rest, "cannot find ")) {
		struct linkmsg_span name = linkmsg_sub(rest, 12, rest.n);
		long c = linkmsg_find(name, 0, ": ");
		if (c >= 0)
			name.n = (size_t)c;
		int is_lib = linkmsg_starts(name, "-l") && name.n > 2;
		if (is_lib)
			name = linkmsg_sub(name, 2, name.n);
		if (name.n == 0 || !(it = linkmsg_new(ps, LINKMSG_CANNOT_FIND, line)))
			return;
		it->symbol = linkmsg_dup(ps, name);
		linkmsg_finish(ps, it, rest, is_lib);
		return;
	}
	if ((at = linkmsg_find(rest, 0, "more undefined references to ")) >= 0 ||
	    (at = linkmsg_find(rest, 0, "undefined reference to ")) >= 0) {
		int more = rest.p[at] == 'm';
		size_t skip = more ? strlen("more undefined references to ") :
				     strlen("undefined reference to ");
		loc = linkmsg_loc(rest, at);
		if (!linkmsg_ours(loc, prefixed) ||
		    linkmsg_quoted(rest, (size_t)at + skip, &sym) < 0 || sym.n == 0)
			return;
		if (!(it = linkmsg_new(ps, LINKMSG_UNDEFINED, line)))
			return;
		it->more = more;
		it->symbol = linkmsg_dup(ps, sym);
		linkmsg_place(ps, it, loc);
		if (it->symbol && strcmp(it->symbol, "main") == 0 &&
		    (!it->object || linkmsg_start_file(it->object) ||
		     linkmsg_str_eq(it->function, "_start") ||
		     linkmsg_str_eq(it->function, "_start_c")))
			it->kind = LINKMSG_NO_MAIN;
		linkmsg_finish(ps, it, rest, 0);
		return;
	}
	if ((at = linkmsg_find(rest, 0, "multiple definition of ")) >= 0) {
		loc = linkmsg_loc(rest, at);
		q = linkmsg_quoted(rest, (size_t)at + strlen("multiple definition of "), &sym);
		if (!linkmsg_ours(loc, prefixed) || q < 0 || sym.n == 0)
			return;
		if (!(it = linkmsg_new(ps, LINKMSG_MULTIPLE, line)))
			return;
		it->symbol = linkmsg_dup(ps, sym);
		linkmsg_place(ps, it, loc);
		struct linkmsg_span tail = linkmsg_sub(rest, (size_t)q, rest.n);
		long end = linkmsg_find(tail, 0, ": first defined here");
		if (linkmsg_starts(tail, "; ") && end > 2)
			it->first = linkmsg_dup(ps, linkmsg_sub(tail, 2, (size_t)end));
		linkmsg_finish(ps, it, rest, 0);
		return;
	}
	if ((at = linkmsg_find(rest, 0, "warning: ")) < 0)
		return;
	loc = linkmsg_loc(rest, at);
	if (!linkmsg_ours(loc, prefixed))
		return;
	text = linkmsg_sub(rest, (size_t)at + strlen("warning: "), rest.n);
	enum linkmsg_kind kind = LINKMSG_OTHER_WARNING;
	if (linkmsg_starts(text, "Using ") &&
	    (q = linkmsg_quoted(text, strlen("Using "), &sym)) >= 0 && sym.n > 0 &&
	    linkmsg_starts(linkmsg_sub(text, (size_t)q, text.n), " in statically linked"))
		kind = LINKMSG_STATIC_NSS;
	if (!(it = linkmsg_new(ps, kind, line)))
		return;
	if (kind == LINKMSG_OTHER_WARNING) {
		sym.p = NULL;
		for (size_t i = 0; i < text.n; i++)
			if ((text.p[i] == '`' || (unsigned char)text.p[i] == 0xe2) &&
			    linkmsg_quoted(text, i, &sym) >= 0)
				break;
	}
	if (sym.p)
		it->symbol = linkmsg_dup(ps, sym);
	linkmsg_place(ps, it, loc);
	linkmsg_finish(ps, it, text, 0);
}

static void linkmsg_line(struct linkmsg_parser *ps, struct linkmsg_span line)
{
	while (line.n > 0 && line.p[line.n - 1] == '\r')
		line.n--;
	struct linkmsg_span rest = line;
	int prefixed = 0;
	long c = linkmsg_find(line, 0, ": ");
	if (c > 0 && linkmsg_is_ld(linkmsg_sub(line, 0, (size_t)c))) {
		rest = linkmsg_sub(line, (size_t)c + 2, line.n);
		prefixed = 1;
	}
	if (linkmsg_header(ps, rest)) {
		ps->header = line;
		ps->fresh = 1;
		ps->prev = -1;
		return;
	}
	/* ld 2.39 and later follow some warnings with a line of their own */
	if (prefixed && linkmsg_starts(rest, "NOTE: ") && ps->prev >= 0 &&
	    (size_t)ps->prev < ps->m->n) {
		struct linkmsg_item *it = &ps->m->items[ps->prev];
		char *raw = linkmsg_fmt(ps, "%s\n%.*s", it->raw ? it->raw : "", (int)line.n,
					line.p);
		if (raw) {
			free(it->raw);
			it->raw = raw;
		}
		ps->prev = -1;
		return;
	}
	size_t before = ps->m->n;
	if (!prefixed && linkmsg_no_header(ps, line))
		return;
	linkmsg_message(ps, line, rest, prefixed);
	if (ps->m->n == before)
		ps->prev = -1;
	ps->fresh = 0;
}

int linkmsg_parse(struct linkmsg *m, const char *err, size_t len, const struct cfacts *cf)
{
	struct linkmsg_parser ps = { .m = m, .cf = cf, .prev = -1 };
	memset(m, 0, sizeof *m);
	if (!err)
		len = 0;
	size_t pos = 0;
	while (pos < len && !ps.oom) {
		const char *nl = memchr(err + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - err) : len;
		struct linkmsg_span line = { err + pos, end - pos };
		/* no line of ld's is this long; the cut keeps %.*s within an int */
		if (line.n > (1u << 20))
			line.n = 1u << 20;
		linkmsg_line(&ps, line);
		pos = end + 1;
	}
	if (ps.oom) {
		linkmsg_free(m);
		return -1;
	}
	return 0;
}

int linkmsg_name_library(struct linkmsg_item *it, const char *header, const char *package,
			 const char *pc, const char *flags, const char *file)
{
	char *ex = NULL, *fix = NULL, *h = NULL, *pk = NULL, *m = NULL, *fl = NULL;
	const char *s = it->symbol ? it->symbol : "";
	int rc;
	if (pc)
		/* TRANSLATORS: %1$s a symbol, %2$s a header's path, %3$s a package, %4$s a
		   pkg-config module, %5$s linker options ("-lz") */
		rc = asprintf(&ex, _("%1$s is declared in %2$s, which the source includes; that "
				     "header comes with the package %3$s, which tells pkg-config "
				     "how to link its library: pkg-config --libs %4$s prints %5$s. "
				     "The header lets the file compile; only the library has the "
				     "code, and gcc links no library but libc unless asked. Put "
				     "%5$s on the link command after the files that use it."),
			      s, header, package, pc, flags);
	else
		/* TRANSLATORS: %1$s a symbol, %2$s a header's path, %3$s a package, %4$s linker
		   options ("-lz") */
		rc = asprintf(&ex, _("%1$s is declared in %2$s, which the source includes; that "
				     "header comes with the package %3$s, which also installs the "
				     "library that %4$s links. The header lets the file compile; "
				     "only the library has the code, and gcc links no library but "
				     "libc unless asked. Put %4$s on the link command after the "
				     "files that use it."), s, header, package, flags);
	if (rc < 0)
		ex = NULL;
	/* TRANSLATORS: %1$s and %2$s are linker options ("-lz"), %3$s a source file */
	if (asprintf(&fix, _("gcc -o prog prog.o %1$s   (here: lesson %3$s -- %2$s)"), flags,
		     flags, file ? file : "FILE.c") < 0)
		fix = NULL;
	h = strdup(header);
	pk = strdup(package);
	m = pc ? strdup(pc) : NULL;
	fl = strdup(flags);
	if (!ex || !fix || !h || !pk || (pc && !m) || !fl) {
		free(ex);
		free(fix);
		free(h);
		free(pk);
		free(m);
		free(fl);
		return -1;
	}
	free(it->explain);
	free(it->fix);
	free(it->lib_header);
	free(it->lib_package);
	free(it->lib_pc);
	free(it->lib_flags);
	it->explain = ex;
	it->fix = fix;
	it->lib_header = h;
	it->lib_package = pk;
	it->lib_pc = m;
	it->lib_flags = fl;
	it->lesson = "libraries";
	return 0;
}

char *linkmsg_say_musl_libm(const char *symbol, const char *member)
{
	char *s = NULL;
	/* TRANSLATORS: %1$s a maths function, %2$s the archive member musl's link took for it,
	   "libc.a(cbrt.o)" */
	if (asprintf(&s, _("The musl link needed no -lm: %1$s came from %2$s. musl's C library "
			   "holds the maths functions itself; it has no separate libm, and its "
			   "libm.a is an empty archive, kept so that -lm still works."),
		     symbol, member) < 0)
		return NULL;
	return s;
}

char *linkmsg_say_dropped(const char *lib, int as_needed)
{
	char *s = NULL;
	int rc;
	if (as_needed)
		/* TRANSLATORS: %1$s and %2$s are a library's name, "m" for -lm */
		rc = asprintf(&s, _("-l%1$s is on the link command, but NEEDED does not list "
				    "lib%2$s: gcc on this machine passes --as-needed to ld (gcc "
				    "-dumpspecs shows it; Debian's gcc does, upstream GCC does not), "
				    "so ld records a shared library only when the program uses one "
				    "of its symbols, and this program uses none of them."), lib, lib);
	else
		/* TRANSLATORS: %1$s and %2$s are a library's name, "m" for -lm */
		rc = asprintf(&s, _("-l%1$s is on the link command, but NEEDED does not list "
				    "lib%2$s. gcc -dumpspecs does not show gcc passing --as-needed "
				    "to ld, so the library itself asked for it: its .so may be a "
				    "linker script that names it inside AS_NEEDED ( ... ), and ld "
				    "then records it only when the program uses one of its "
				    "symbols."), lib, lib);
	return rc < 0 ? NULL : s;
}
