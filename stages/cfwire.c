/* cfwire: libclang's facts as bytes, and the parse in a child process. See cfwire.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/cfacts.h"
#include "stages/cfwire.h"
#include "stages/proc.h"

_Static_assert(sizeof(double) == 8, "a double travels as the 8 bytes of its bits");

static const unsigned char cfwire_magic[8] = { 0x89, 'c', 'f', 'w', '\r', '\n', 0x1a, '\n' };

#define CFWIRE_NULL_STR UINT32_MAX

/*
 * Writing. The same functions measure an element when out has no stream: the reader takes
 * the size of an empty element as the least one can occupy, to bound every count.
 */
struct cfwire_out {
	FILE *f;       /* NULL: count the bytes only */
	size_t n;
	int fail;
};

static void cfwire_put(struct cfwire_out *o, const void *p, size_t n)
{
	o->n += n;
	if (o->f && !o->fail && fwrite(p, 1, n, o->f) != n)
		o->fail = 1;
}

static void cfwire_put_u32(struct cfwire_out *o, uint32_t v)
{
	unsigned char b[4];
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	cfwire_put(o, b, sizeof b);
}

static void cfwire_put_u64(struct cfwire_out *o, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	cfwire_put(o, b, sizeof b);
}

/* An int (or an enum) as the u32 of its two's complement. */
static void cfwire_put_int(struct cfwire_out *o, int v)
{
	cfwire_put_u32(o, (uint32_t)v);
}

static void cfwire_put_char(struct cfwire_out *o, char c)
{
	unsigned char b;
	memcpy(&b, &c, 1);
	cfwire_put(o, &b, 1);
}

static void cfwire_put_double(struct cfwire_out *o, double d)
{
	uint64_t bits;
	memcpy(&bits, &d, sizeof bits);
	cfwire_put_u64(o, bits);
}

static void cfwire_put_str(struct cfwire_out *o, const char *s)
{
	if (!s) {
		cfwire_put_u32(o, CFWIRE_NULL_STR);
		return;
	}
	size_t n = strlen(s);
	if (n >= CFWIRE_NULL_STR) { /* no length left to say it with */
		o->fail = 1;
		return;
	}
	cfwire_put_u32(o, (uint32_t)n);
	cfwire_put(o, s, n);
}

static void cfwire_put_place(struct cfwire_out *o, const struct cfacts_place *p)
{
	cfwire_put_str(o, p->section);
	cfwire_put_str(o, p->section_opt);
	cfwire_put_char(o, p->nm);
	cfwire_put_int(o, p->may_vanish);
	cfwire_put_str(o, p->reason);
}

static void cfwire_put_def(struct cfwire_out *o, const struct cfacts_macro_def *d)
{
	cfwire_put_str(o, d->name);
	cfwire_put_u32(o, d->line);
	cfwire_put_u32(o, d->col);
	cfwire_put_int(o, d->function_like);
}

static void cfwire_put_exp(struct cfwire_out *o, const struct cfacts_macro_exp *m)
{
	cfwire_put_str(o, m->name);
	cfwire_put_u32(o, m->line);
	cfwire_put_u32(o, m->col);
	cfwire_put_int(o, m->directive);
	cfwire_put_int(o, (int)m->origin);
	cfwire_put_u64(o, (uint64_t)(int64_t)m->def);
	cfwire_put_str(o, m->def_file);
	cfwire_put_u32(o, m->def_line);
}

static void cfwire_put_func(struct cfwire_out *o, const struct cfacts_func *f)
{
	cfwire_put_str(o, f->name);
	cfwire_put_u32(o, f->line);
	cfwire_put_u32(o, f->col);
	cfwire_put_int(o, f->is_definition);
	cfwire_put_int(o, (int)f->linkage);
	cfwire_put_int(o, (int)f->storage);
	cfwire_put_int(o, f->inlined);
	cfwire_put_int(o, f->variadic);
	cfwire_put_int(o, f->referenced);
	cfwire_put_int(o, f->weak);
	cfwire_put_str(o, f->mangled);
	cfwire_put_u32(o, f->body_first);
	cfwire_put_u32(o, f->body_last);
	cfwire_put_place(o, &f->place);
}

static void cfwire_put_var(struct cfwire_out *o, const struct cfacts_var *v)
{
	cfwire_put_str(o, v->name);
	cfwire_put_u32(o, v->line);
	cfwire_put_u32(o, v->col);
	cfwire_put_int(o, (int)v->linkage);
	cfwire_put_int(o, (int)v->storage);
	cfwire_put_int(o, v->file_scope);
	cfwire_put_int(o, v->static_local);
	cfwire_put_int(o, v->is_definition);
	cfwire_put_int(o, v->tentative);
	cfwire_put_int(o, v->has_init);
	cfwire_put_int(o, v->init_zero);
	cfwire_put_int(o, v->is_const);
	cfwire_put_int(o, v->is_volatile);
	cfwire_put_int(o, v->thread_local);
	cfwire_put_int(o, v->referenced);
	cfwire_put_int(o, v->weak);
	cfwire_put_place(o, &v->place);
}

static void cfwire_put_call(struct cfwire_out *o, const struct cfacts_call *c)
{
	cfwire_put_str(o, c->callee);
	cfwire_put_u32(o, c->line);
	cfwire_put_u32(o, c->col);
	cfwire_put_str(o, c->caller);
	cfwire_put_u32(o, c->nargs);
	cfwire_put_int(o, c->value_used);
	cfwire_put_int(o, c->no_builtin);
	cfwire_put_int(o, c->fmt_arg);
	cfwire_put_str(o, c->fmt);
	cfwire_put_str(o, c->next_str);
	cfwire_put_int(o, c->next_is_int);
	cfwire_put_int(o, c->next_is_ptr);
}

static void cfwire_put_string(struct cfwire_out *o, const struct cfacts_string *s)
{
	cfwire_put_u32(o, s->line);
	cfwire_put_u32(o, s->col);
	cfwire_put_str(o, s->text);
	cfwire_put_u64(o, s->bytes);
	cfwire_put_int(o, s->width);
	cfwire_put_place(o, &s->place);
}

static void cfwire_put_fixit(struct cfwire_out *o, const struct cfacts_fixit *x)
{
	cfwire_put_str(o, x->text);
	cfwire_put_u32(o, x->line);
	cfwire_put_u32(o, x->col);
	cfwire_put_u32(o, x->end_line);
	cfwire_put_u32(o, x->end_col);
}

static void cfwire_put_diag(struct cfwire_out *o, const struct cfacts_diag *g)
{
	cfwire_put_int(o, (int)g->severity);
	cfwire_put_u32(o, g->line);
	cfwire_put_u32(o, g->col);
	cfwire_put_str(o, g->file);
	cfwire_put_int(o, g->in_main);
	cfwire_put_str(o, g->message);
	cfwire_put_str(o, g->option);
	cfwire_put(o, "fixs", 4);
	cfwire_put_u64(o, g->n_fixits);
	for (size_t j = 0; j < g->n_fixits; j++)
		cfwire_put_fixit(o, &g->fixits[j]);
}

/* An array: its tag, its count, and each element with put. */
#define CFWIRE_PUT_ARRAY(o, tag, arr, n, put) \
	do { \
		cfwire_put((o), (tag), 4); \
		cfwire_put_u64((o), (n)); \
		for (size_t i_ = 0; i_ < (n); i_++) \
			put((o), &(arr)[i_]); \
	} while (0)

int cfwire_write(const struct cfacts *cf, FILE *f)
{
	struct cfwire_out o = { .f = f };
	cfwire_put(&o, cfwire_magic, sizeof cfwire_magic);
	cfwire_put_u32(&o, CFWIRE_VERSION);
	cfwire_put_str(&o, cf->main_file);
	cfwire_put_int(&o, cf->pic);
	cfwire_put_double(&o, cf->parse_ms);
	CFWIRE_PUT_ARRAY(&o, "defs", cf->defs, cf->n_defs, cfwire_put_def);
	CFWIRE_PUT_ARRAY(&o, "exps", cf->exps, cf->n_exps, cfwire_put_exp);
	CFWIRE_PUT_ARRAY(&o, "func", cf->funcs, cf->n_funcs, cfwire_put_func);
	CFWIRE_PUT_ARRAY(&o, "vars", cf->vars, cf->n_vars, cfwire_put_var);
	CFWIRE_PUT_ARRAY(&o, "call", cf->calls, cf->n_calls, cfwire_put_call);
	CFWIRE_PUT_ARRAY(&o, "strs", cf->strings, cf->n_strings, cfwire_put_string);
	CFWIRE_PUT_ARRAY(&o, "diag", cf->diags, cf->n_diags, cfwire_put_diag);
	cfwire_put(&o, "end.", 4);
	return o.fail ? -1 : 0;
}

/*
 * Reading. The first error stops everything: each cfwire_get* fails at once after it.
 */
struct cfwire_in {
	const unsigned char *p;
	size_t len, pos;
	const char *what;  /* the part being read, for the error */
	char *err;
	size_t errlen;
	int failed;
};

__attribute__((format(printf, 2, 3))) static int cfwire_fail(struct cfwire_in *in,
							      const char *fmt, ...)
{
	if (!in->failed && in->err && in->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(in->err, in->errlen, fmt, ap);
		va_end(ap);
	}
	in->failed = 1;
	return -1;
}

static size_t cfwire_left(const struct cfwire_in *in)
{
	return in->len - in->pos;
}

static int cfwire_get(struct cfwire_in *in, void *dst, size_t n)
{
	if (in->failed)
		return -1;
	if (n > cfwire_left(in))
		return cfwire_fail(in, "libclang's facts end early, in %s", in->what);
	memcpy(dst, in->p + in->pos, n);
	in->pos += n;
	return 0;
}

static int cfwire_get_u32(struct cfwire_in *in, uint32_t *v)
{
	unsigned char b[4];
	if (cfwire_get(in, b, sizeof b))
		return -1;
	*v = 0;
	for (int i = 0; i < 4; i++)
		*v |= (uint32_t)b[i] << (8 * i);
	return 0;
}

static int cfwire_get_u64(struct cfwire_in *in, uint64_t *v)
{
	unsigned char b[8];
	if (cfwire_get(in, b, sizeof b))
		return -1;
	*v = 0;
	for (int i = 0; i < 8; i++)
		*v |= (uint64_t)b[i] << (8 * i);
	return 0;
}

static int cfwire_get_uns(struct cfwire_in *in, unsigned *v)
{
	uint32_t u;
	if (cfwire_get_u32(in, &u))
		return -1;
	*v = u;
	return 0;
}

/* Two's complement back to an int without an implementation-defined conversion. */
static int cfwire_get_int(struct cfwire_in *in, int *v)
{
	uint32_t u;
	if (cfwire_get_u32(in, &u))
		return -1;
	*v = u <= INT32_MAX ? (int)u : -(int)(UINT32_MAX - u) - 1;
	return 0;
}

static int cfwire_get_long(struct cfwire_in *in, long *v)
{
	uint64_t u;
	if (cfwire_get_u64(in, &u))
		return -1;
	int64_t s = u <= INT64_MAX ? (int64_t)u : -(int64_t)(UINT64_MAX - u) - 1;
	if (s < LONG_MIN || s > LONG_MAX)
		return cfwire_fail(in, "a number too large for this machine, in %s", in->what);
	*v = (long)s;
	return 0;
}

static int cfwire_get_size(struct cfwire_in *in, size_t *v)
{
	uint64_t u;
	if (cfwire_get_u64(in, &u))
		return -1;
	if (u > SIZE_MAX)
		return cfwire_fail(in, "a size too large for this machine, in %s", in->what);
	*v = (size_t)u;
	return 0;
}

static int cfwire_get_char(struct cfwire_in *in, char *c)
{
	unsigned char b;
	if (cfwire_get(in, &b, 1))
		return -1;
	memcpy(c, &b, 1);
	return 0;
}

static int cfwire_get_double(struct cfwire_in *in, double *d)
{
	uint64_t bits;
	if (cfwire_get_u64(in, &bits))
		return -1;
	memcpy(d, &bits, sizeof *d);
	return 0;
}

/* An enum's value, refused above max (the last of its enumerators). */
static int cfwire_get_enum(struct cfwire_in *in, int *v, int max, const char *field)
{
	if (cfwire_get_int(in, v))
		return -1;
	if (*v < 0 || *v > max)
		return cfwire_fail(in, "%s %d is out of range, in %s", field, *v, in->what);
	return 0;
}

/* A string's length (CFWIRE_NULL_STR for NULL), checked to fit and to hold no NUL; *at is
 * where its bytes start. */
static int cfwire_get_strspan(struct cfwire_in *in, uint32_t *n, size_t *at)
{
	if (cfwire_get_u32(in, n))
		return -1;
	if (*n == CFWIRE_NULL_STR)
		return 0;
	if (*n > cfwire_left(in))
		return cfwire_fail(in, "libclang's facts end early, inside a string of %lu bytes "
				   "in %s", (unsigned long)*n, in->what);
	if (memchr(in->p + in->pos, '\0', *n))
		return cfwire_fail(in, "a string holds a NUL byte, in %s", in->what);
	*at = in->pos;
	in->pos += *n;
	return 0;
}

static int cfwire_get_str(struct cfwire_in *in, char **s)
{
	uint32_t n;
	size_t at = 0;
	if (cfwire_get_strspan(in, &n, &at))
		return -1;
	if (n == CFWIRE_NULL_STR)
		return 0;
	*s = malloc((size_t)n + 1);
	if (!*s)
		return cfwire_fail(in, "out of memory while reading libclang's facts");
	memcpy(*s, in->p + at, n);
	(*s)[n] = '\0';
	return 0;
}

/* A section name, as cfacts' own static string. */
static int cfwire_get_section(struct cfwire_in *in, const char **sec)
{
	uint32_t n;
	size_t at = 0;
	char name[32];
	if (cfwire_get_strspan(in, &n, &at))
		return -1;
	if (n == CFWIRE_NULL_STR) {
		*sec = NULL;
		return 0;
	}
	size_t k = n < sizeof name ? n : sizeof name - 1;
	memcpy(name, in->p + at, k);
	name[k] = '\0';
	*sec = n < sizeof name ? cfacts_section_intern(name) : NULL;
	if (*sec)
		return 0;
	for (size_t i = 0; i < k; i++) /* the name goes into a sentence: no control bytes */
		if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] >= 0x7f)
			name[i] = '?';
	return cfwire_fail(in, "unknown section \"%s%s\", in %s", name,
			   n < sizeof name ? "" : "...", in->what);
}

static int cfwire_get_tag(struct cfwire_in *in, const char *tag, const char *what)
{
	char got[4];
	in->what = what;
	if (cfwire_get(in, got, sizeof got))
		return -1;
	if (memcmp(got, tag, sizeof got))
		return cfwire_fail(in, "libclang's facts are out of step: %s are not where they "
				   "should be (a wrong count before them?)", what);
	return 0;
}

/* A count of elements of at least min bytes each, refused when they cannot fit in what is
 * left: nothing is allocated for elements that are not there. */
static int cfwire_get_count(struct cfwire_in *in, size_t *n, size_t min)
{
	if (cfwire_get_size(in, n))
		return -1;
	if (*n > cfwire_left(in) / min)
		/* cut short, or a count that is not one: either way the facts end early */
		return cfwire_fail(in, "libclang's facts end early: %zu %s cannot fit in the "
				   "%zu bytes left", *n, in->what, cfwire_left(in));
	return 0;
}

static int cfwire_get_place(struct cfwire_in *in, struct cfacts_place *p)
{
	cfwire_get_section(in, &p->section);
	cfwire_get_section(in, &p->section_opt);
	cfwire_get_char(in, &p->nm);
	cfwire_get_int(in, &p->may_vanish);
	return cfwire_get_str(in, &p->reason);
}

static int cfwire_get_def(struct cfwire_in *in, struct cfacts_macro_def *d,
			  const struct cfacts *cf)
{
	(void)cf;
	cfwire_get_str(in, &d->name);
	cfwire_get_uns(in, &d->line);
	cfwire_get_uns(in, &d->col);
	return cfwire_get_int(in, &d->function_like);
}

static int cfwire_get_exp(struct cfwire_in *in, struct cfacts_macro_exp *m,
			  const struct cfacts *cf)
{
	int origin = 0;
	cfwire_get_str(in, &m->name);
	cfwire_get_uns(in, &m->line);
	cfwire_get_uns(in, &m->col);
	cfwire_get_int(in, &m->directive);
	cfwire_get_enum(in, &origin, CFACTS_MACRO_BUILTIN, "a macro's origin");
	m->origin = (enum cfacts_macro_origin)origin;
	if (cfwire_get_long(in, &m->def))
		return -1;
	/* the readers of the facts index defs with it */
	if (m->def < -1 || (m->def >= 0 && (size_t)m->def >= cf->n_defs))
		return cfwire_fail(in, "a macro use names definition %ld of %zu", m->def,
				   cf->n_defs);
	cfwire_get_str(in, &m->def_file);
	return cfwire_get_uns(in, &m->def_line);
}

static int cfwire_get_func(struct cfwire_in *in, struct cfacts_func *f, const struct cfacts *cf)
{
	(void)cf;
	int linkage = 0, storage = 0;
	cfwire_get_str(in, &f->name);
	cfwire_get_uns(in, &f->line);
	cfwire_get_uns(in, &f->col);
	cfwire_get_int(in, &f->is_definition);
	cfwire_get_enum(in, &linkage, CFACTS_LINKAGE_EXTERNAL, "a linkage");
	cfwire_get_enum(in, &storage, CFACTS_STORAGE_OTHER, "a storage class");
	f->linkage = (enum cfacts_linkage)linkage;
	f->storage = (enum cfacts_storage)storage;
	cfwire_get_int(in, &f->inlined);
	cfwire_get_int(in, &f->variadic);
	cfwire_get_int(in, &f->referenced);
	cfwire_get_int(in, &f->weak);
	cfwire_get_str(in, &f->mangled);
	cfwire_get_uns(in, &f->body_first);
	cfwire_get_uns(in, &f->body_last);
	return cfwire_get_place(in, &f->place);
}

static int cfwire_get_var(struct cfwire_in *in, struct cfacts_var *v, const struct cfacts *cf)
{
	(void)cf;
	int linkage = 0, storage = 0;
	cfwire_get_str(in, &v->name);
	cfwire_get_uns(in, &v->line);
	cfwire_get_uns(in, &v->col);
	cfwire_get_enum(in, &linkage, CFACTS_LINKAGE_EXTERNAL, "a linkage");
	cfwire_get_enum(in, &storage, CFACTS_STORAGE_OTHER, "a storage class");
	v->linkage = (enum cfacts_linkage)linkage;
	v->storage = (enum cfacts_storage)storage;
	cfwire_get_int(in, &v->file_scope);
	cfwire_get_int(in, &v->static_local);
	cfwire_get_int(in, &v->is_definition);
	cfwire_get_int(in, &v->tentative);
	cfwire_get_int(in, &v->has_init);
	cfwire_get_int(in, &v->init_zero);
	cfwire_get_int(in, &v->is_const);
	cfwire_get_int(in, &v->is_volatile);
	cfwire_get_int(in, &v->thread_local);
	cfwire_get_int(in, &v->referenced);
	cfwire_get_int(in, &v->weak);
	return cfwire_get_place(in, &v->place);
}

static int cfwire_get_call(struct cfwire_in *in, struct cfacts_call *c, const struct cfacts *cf)
{
	(void)cf;
	cfwire_get_str(in, &c->callee);
	cfwire_get_uns(in, &c->line);
	cfwire_get_uns(in, &c->col);
	cfwire_get_str(in, &c->caller);
	cfwire_get_uns(in, &c->nargs);
	cfwire_get_int(in, &c->value_used);
	cfwire_get_int(in, &c->no_builtin);
	cfwire_get_int(in, &c->fmt_arg);
	cfwire_get_str(in, &c->fmt);
	cfwire_get_str(in, &c->next_str);
	cfwire_get_int(in, &c->next_is_int);
	return cfwire_get_int(in, &c->next_is_ptr);
}

static int cfwire_get_string(struct cfwire_in *in, struct cfacts_string *s,
			     const struct cfacts *cf)
{
	(void)cf;
	cfwire_get_uns(in, &s->line);
	cfwire_get_uns(in, &s->col);
	cfwire_get_str(in, &s->text);
	cfwire_get_size(in, &s->bytes);
	cfwire_get_int(in, &s->width);
	return cfwire_get_place(in, &s->place);
}

/* The least bytes an element of each kind takes: one with no strings and no fix-its. */
struct cfwire_mins {
	size_t def, exp, func, var, call, string, diag, fixit;
};

static void cfwire_measure(struct cfwire_mins *m)
{
	struct cfwire_out o;
#define CFWIRE_MEASURE(field, type, put) \
	do { \
		const type zero = { 0 }; \
		o = (struct cfwire_out){ .f = NULL }; \
		put(&o, &zero); \
		m->field = o.n; \
	} while (0)
	CFWIRE_MEASURE(def, struct cfacts_macro_def, cfwire_put_def);
	CFWIRE_MEASURE(exp, struct cfacts_macro_exp, cfwire_put_exp);
	CFWIRE_MEASURE(func, struct cfacts_func, cfwire_put_func);
	CFWIRE_MEASURE(var, struct cfacts_var, cfwire_put_var);
	CFWIRE_MEASURE(call, struct cfacts_call, cfwire_put_call);
	CFWIRE_MEASURE(string, struct cfacts_string, cfwire_put_string);
	CFWIRE_MEASURE(diag, struct cfacts_diag, cfwire_put_diag);
	CFWIRE_MEASURE(fixit, struct cfacts_fixit, cfwire_put_fixit);
#undef CFWIRE_MEASURE
}

static int cfwire_get_diag(struct cfwire_in *in, struct cfacts_diag *g, size_t min_fixit)
{
	int sev = 0;
	in->what = "the diagnostics";
	cfwire_get_enum(in, &sev, CFACTS_SEV_FATAL, "a severity");
	g->severity = (enum cfacts_severity)sev;
	cfwire_get_uns(in, &g->line);
	cfwire_get_uns(in, &g->col);
	cfwire_get_str(in, &g->file);
	cfwire_get_int(in, &g->in_main);
	cfwire_get_str(in, &g->message);
	cfwire_get_str(in, &g->option);
	cfwire_get_tag(in, "fixs", "the fix-its");
	size_t n = 0;
	if (cfwire_get_count(in, &n, min_fixit))
		return -1;
	if (n) {
		g->fixits = calloc(n, sizeof *g->fixits);
		if (!g->fixits)
			return cfwire_fail(in, "out of memory while reading libclang's facts");
		g->n_fixits = n; /* zeroed: cfacts_free() can free it at any point */
	}
	for (size_t j = 0; j < n && !in->failed; j++) {
		struct cfacts_fixit *x = &g->fixits[j];
		cfwire_get_str(in, &x->text);
		cfwire_get_uns(in, &x->line);
		cfwire_get_uns(in, &x->col);
		cfwire_get_uns(in, &x->end_line);
		cfwire_get_uns(in, &x->end_col);
	}
	return in->failed ? -1 : 0;
}

/* An array: its tag, its count, room for the elements (zeroed, counted at once so that
 * cfacts_free() frees what a failed read leaves), and each element read with get. */
#define CFWIRE_GET_ARRAY(in, tag, what, cf, arr, n, min, get) \
	do { \
		size_t n_ = 0; \
		if (cfwire_get_tag((in), (tag), (what)) || cfwire_get_count((in), &n_, (min))) \
			break; \
		if (n_ == 0) \
			break; \
		(arr) = calloc(n_, sizeof *(arr)); \
		if (!(arr)) { \
			cfwire_fail((in), "out of memory while reading libclang's facts"); \
			break; \
		} \
		(n) = n_; \
		for (size_t i_ = 0; i_ < n_ && !(in)->failed; i_++) \
			get((in), &(arr)[i_], (cf)); \
	} while (0)

int cfwire_read(const char *buf, size_t len, struct cfacts *out, char *err, size_t errlen)
{
	struct cfwire_in in = {
		.p = (const unsigned char *)buf, .len = buf ? len : 0, .what = "the header",
		.err = err, .errlen = errlen,
	};
	struct cfwire_mins min;
	unsigned char magic[sizeof cfwire_magic];
	uint32_t version = 0;
	memset(out, 0, sizeof *out);
	cfwire_measure(&min);
	if (in.len < sizeof magic || (cfwire_get(&in, magic, sizeof magic) == 0 &&
				      memcmp(magic, cfwire_magic, sizeof magic)))
		cfwire_fail(&in, "what came back is not libclang's facts (no cfwire header)");
	if (cfwire_get_u32(&in, &version) == 0 && version != CFWIRE_VERSION)
		cfwire_fail(&in, "libclang's facts are in format version %lu; this program reads "
			    "version %d", (unsigned long)version, CFWIRE_VERSION);
	cfwire_get_str(&in, &out->main_file);
	cfwire_get_int(&in, &out->pic);
	cfwire_get_double(&in, &out->parse_ms);
	CFWIRE_GET_ARRAY(&in, "defs", "the macro definitions", out, out->defs, out->n_defs,
			 min.def, cfwire_get_def);
	CFWIRE_GET_ARRAY(&in, "exps", "the macro uses", out, out->exps, out->n_exps, min.exp,
			 cfwire_get_exp);
	CFWIRE_GET_ARRAY(&in, "func", "the functions", out, out->funcs, out->n_funcs, min.func,
			 cfwire_get_func);
	CFWIRE_GET_ARRAY(&in, "vars", "the variables", out, out->vars, out->n_vars, min.var,
			 cfwire_get_var);
	CFWIRE_GET_ARRAY(&in, "call", "the calls", out, out->calls, out->n_calls, min.call,
			 cfwire_get_call);
	CFWIRE_GET_ARRAY(&in, "strs", "the string literals", out, out->strings, out->n_strings,
			 min.string, cfwire_get_string);
	size_t nd = 0;
	if (cfwire_get_tag(&in, "diag", "the diagnostics") == 0 &&
	    cfwire_get_count(&in, &nd, min.diag) == 0 && nd) {
		out->diags = calloc(nd, sizeof *out->diags);
		if (!out->diags)
			cfwire_fail(&in, "out of memory while reading libclang's facts");
		else
			out->n_diags = nd;
	}
	for (size_t i = 0; i < out->n_diags && !in.failed; i++)
		cfwire_get_diag(&in, &out->diags[i], min.fixit);
	cfwire_get_tag(&in, "end.", "the end mark");
	if (!in.failed && cfwire_left(&in))
		cfwire_fail(&in, "%zu bytes follow the end of libclang's facts", cfwire_left(&in));
	if (in.failed) {
		cfacts_free(out);
		return -1;
	}
	return 0;
}

/*
 * The parse in a child process.
 */
__attribute__((format(printf, 3, 4))) static void cfwire_say(char *err, size_t errlen,
							     const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The first line with a word in it of what the child said on stderr (not a rule of ====
 * that a sanitizer's report opens with), for a sentence: at most len - 1 bytes, control
 * bytes made spaces, "" when it said nothing. */
static void cfwire_first_line(const struct proc_result *r, char *out, size_t len)
{
	const char *s = r->err ? r->err : "", *end = s + r->err_len, *eol;
	size_t k = 0;
	for (; s < end; s = eol < end ? eol + 1 : end) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (!eol)
			eol = end;
		int word = 0;
		for (const char *c = s; c < eol && !word; c++)
			word = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
		if (!word)
			continue;
		while (*s == ' ' || *s == '\t')
			s++;
		for (; s < eol && k + 1 < len; s++)
			out[k++] = (unsigned char)*s < 0x20 ? ' ' : *s;
		break;
	}
	while (k && out[k - 1] == ' ')
		k--;
	if (len)
		out[k] = '\0';
}

int cfwire_parse_child(struct cfacts *cf, const char *exe, const char *src_abs,
		       const char *const *args, size_t nargs, int timeout_ms, char *err,
		       size_t errlen)
{
	memset(cf, 0, sizeof *cf);
	char self[PATH_MAX];
	if (!exe) {
		/* the path, not /proc/self/exe itself: under a tool such as valgrind that names
		 * the tool's own binary, and only readlink is told the program's */
		ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
		if (k < 0) {
			cfwire_say(err, errlen, "libclang's parse could not start: this program "
				   "cannot find its own binary (%s)", strerror(errno));
			return -1;
		}
		self[k] = '\0';
		exe = self;
	}
	char **argv = calloc(nargs + 4, sizeof *argv);
	if (!argv) {
		cfwire_say(err, errlen, "out of memory");
		return -1;
	}
	size_t n = 0;
	argv[n++] = (char *)exe;
	argv[n++] = "--internal-cfacts";
	argv[n++] = (char *)src_abs;
	for (size_t i = 0; i < nargs; i++)
		if (args[i])
			argv[n++] = (char *)args[i];
	struct proc_opts o = { .timeout_ms = timeout_ms, .out_cap = CFWIRE_MAX_BYTES };
	struct proc_result r;
	proc_run(argv, &o, &r);
	free(argv);

	int rc = -1;
	char said[256], why[256];
	cfwire_first_line(&r, said, sizeof said);
	if (r.out_truncated) {
		cfwire_say(err, errlen, "libclang's facts on %s came to more than %zu MiB, too "
			   "many to read", src_abs, CFWIRE_MAX_BYTES >> 20);
	} else if (proc_ok(&r)) {
		if (cfwire_read(r.out, r.out_len, cf, why, sizeof why) == 0)
			rc = 0;
		else
			cfwire_say(err, errlen, "%s", why);
	} else if (r.kind == PROC_EXITED && r.exit_code == 1 && said[0]) {
		/* the parse failed there, and said why as cfacts_parse() would have */
		cfwire_say(err, errlen, "%s", said);
	} else {
		cfwire_say(err, errlen, "libclang's parse of %s, in a process of its own, failed "
			   "(%s)%s%s", src_abs, proc_describe(&r), said[0] ? ": " : "", said);
	}
	proc_result_free(&r);
	return rc;
}

int cfwire_child_main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lesson --internal-cfacts SOURCE [COMPILER-ARGUMENT]...\n");
		return 2;
	}
	/* the facts alone go to the stdout the parent reads: whatever else might write to
	 * stdout during the parse goes to stderr instead */
	fflush(stdout);
	int wire = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (wire < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		fprintf(stderr, "libclang's facts have nowhere to go: %s\n", strerror(errno));
		if (wire >= 0)
			close(wire);
		return 1;
	}
	struct cfacts cf;
	char err[512];
	if (cfacts_parse(&cf, argv[1], (const char *const *)(argv + 2), (size_t)(argc - 2), err,
			 sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		close(wire);
		return 1;
	}
	int rc = 1;
	errno = 0;
	FILE *f = fdopen(wire, "w");
	if (!f) {
		close(wire);
	} else {
		setvbuf(f, NULL, _IOFBF, 1 << 16); /* a pipe's default buffer is one page */
		rc = cfwire_write(&cf, f);
		if (fclose(f) != 0)
			rc = -1;
		rc = rc ? 1 : 0;
	}
	if (rc)
		fprintf(stderr, "libclang's facts could not be written: %s\n",
			errno ? strerror(errno) : "a string is too long for the format");
	cfacts_free(&cf);
	return rc;
}
