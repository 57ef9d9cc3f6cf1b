/* ocompare: one compile at two optimisation levels, side by side. See ocompare.h. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/ocompare.h"

const char *const ocmp_levels[OCMP_N_LEVELS] = { "-O0", "-O1", "-O2", "-O3", "-Os", "-Og" };

int ocmp_level_index(const char *flag)
{
	if (!flag)
		return 0;
	for (int i = 0; i < OCMP_N_LEVELS; i++)
		if (strcmp(flag, ocmp_levels[i]) == 0)
			return i;
	return -1;
}

/* --- gcc's report ----------------------------------------------------------------------- */

/* A copy of [p, p + n) without gcc's "/N" node number at its end. */
static char *ocmp_node_name(const char *p, size_t n)
{
	size_t k = n;
	while (k > 0 && p[k - 1] >= '0' && p[k - 1] <= '9')
		k--;
	if (k > 0 && k < n && p[k - 1] == '/')
		n = k - 1;
	return strndup(p, n);
}

/* The word at p (up to a blank or the end e): its length. */
static size_t ocmp_word(const char *p, const char *e)
{
	const char *q = p;
	while (q < e && *q != ' ' && *q != '\t')
		q++;
	return (size_t)(q - p);
}

static const char *ocmp_blanks(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* "FILE:LINE:COL: " at the start of [p, e): the position's length, and line and col. */
static size_t ocmp_where(const char *p, const char *e, unsigned *line, unsigned *col)
{
	/* the last ":N:N: " before the first ": " that is followed by a kind word */
	for (const char *q = p; q + 1 < e; q++) {
		if (q[0] != ':' || q[1] != ' ')
			continue;
		/* q ends "FILE:LINE:COL" */
		const char *c = q;
		while (c > p && c[-1] >= '0' && c[-1] <= '9')
			c--;
		if (c == q || c == p || c[-1] != ':')
			return 0;
		const char *l = c - 1;
		while (l > p && l[-1] >= '0' && l[-1] <= '9')
			l--;
		if (l == c - 1 || l == p || l[-1] != ':')
			return 0;
		*line = (unsigned)strtoul(l, NULL, 10);
		*col = (unsigned)strtoul(c, NULL, 10);
		return (size_t)(q - p);
	}
	return 0;
}

/* One line of a report: from -fopt-info (vect 0) its inlining, from the vectorizer's dump
 * (vect 1) its vectorized loops, in function func. */
static int ocmp_report_line(struct ocmp_report *r, const char *p, const char *e, size_t *cap_i,
			    size_t *cap_v, int vect, const char *func)
{
	unsigned line = 0, col = 0;
	size_t wl = ocmp_where(p, e, &line, &col);
	if (!wl)
		return 0;
	const char *q = ocmp_blanks(p + wl + 1, e);
	static const char opt[] = "optimized:";
	if ((size_t)(e - q) < sizeof opt - 1 || memcmp(q, opt, sizeof opt - 1) != 0)
		return 0;
	q = ocmp_blanks(q + sizeof opt - 1, e);
	size_t n = ocmp_word(q, e);
	if (!vect && ((n == 8 && memcmp(q, "Inlining", 8) == 0) ||
		      (n == 7 && memcmp(q, "Inlined", 7) == 0))) {
		const char *a = ocmp_blanks(q + n, e);
		size_t an = ocmp_word(a, e);
		const char *into = ocmp_blanks(a + an, e);
		if (ocmp_word(into, e) != 4 || memcmp(into, "into", 4) != 0)
			return 0;
		const char *b = ocmp_blanks(into + 4, e);
		size_t bn = ocmp_word(b, e);
		if (bn && b[bn - 1] == '.')
			bn--;
		if (!an || !bn)
			return 0;
		if (r->n_inl == *cap_i) {
			size_t cap = *cap_i ? *cap_i * 2 : 16;
			void *x = realloc(r->inl, cap * sizeof *r->inl);
			if (!x)
				return -1;
			r->inl = x;
			*cap_i = cap;
		}
		struct ocmp_inline *x = &r->inl[r->n_inl];
		x->callee = ocmp_node_name(a, an);
		x->caller = ocmp_node_name(b, bn);
		x->where = strndup(p, wl);
		if (!x->callee || !x->caller || !x->where) {
			free(x->callee);
			free(x->caller);
			free(x->where);
			return -1;
		}
		r->n_inl++;
		return 0;
	}
	static const char lv[] = "loop vectorized";
	if (vect && (size_t)(e - q) >= sizeof lv - 1 && memcmp(q, lv, sizeof lv - 1) == 0) {
		if (r->n_vec == *cap_v) {
			size_t cap = *cap_v ? *cap_v * 2 : 16;
			void *x = realloc(r->vec, cap * sizeof *r->vec);
			if (!x)
				return -1;
			r->vec = x;
			*cap_v = cap;
		}
		struct ocmp_vec *v = &r->vec[r->n_vec];
		const char *f_end = p + wl;
		/* the file is before ":LINE:COL" */
		int colons = 0;
		while (f_end > p && colons < 2)
			colons += *--f_end == ':';
		v->where = strndup(p, wl);
		v->file = strndup(p, (size_t)(f_end - p));
		v->line = line;
		v->col = col;
		v->text = strndup(q, (size_t)(e - q));
		v->func = strdup(func);
		if (!v->where || !v->file || !v->text || !v->func) {
			free(v->func);
			free(v->where);
			free(v->file);
			free(v->text);
			return -1;
		}
		r->n_vec++;
	}
	return 0;
}

int ocmp_report_read(struct ocmp_report *r, const char *info, size_t info_len,
		     const char *vect, size_t vect_len)
{
	size_t cap_i = 0, cap_v = 0;
	memset(r, 0, sizeof *r);
	for (int pass = 0; pass < 2; pass++) {
		const char *p = pass ? vect : info, *end = p + (pass ? vect_len : info_len);
		char *func = NULL;
		while (p && p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *e = nl ? nl : end;
			if (e > p && e[-1] == '\r')
				e--;
			static const char fn[] = ";; Function ";
			int rc = 0;
			if (pass && (size_t)(e - p) > sizeof fn - 1 &&
			    memcmp(p, fn, sizeof fn - 1) == 0) {
				/* ";; Function NAME (ASMNAME, funcdef_no=...": the assembler name */
				const char *a = memchr(p, '(', (size_t)(e - p));
				const char *z = a ? a + 1 : NULL;
				while (z && z < e && *z != ',' && *z != ')' && *z != ' ')
					z++;
				free(func);
				func = a ? strndup(a + 1, (size_t)(z - a - 1)) : NULL;
				rc = a && !func ? -1 : 0;
			} else if (!pass || func) {
				rc = ocmp_report_line(r, p, e, &cap_i, &cap_v, pass, func);
			}
			if (rc < 0) {
				free(func);
				ocmp_report_free(r);
				return -1;
			}
			p = nl ? nl + 1 : NULL;
		}
		free(func);
	}
	return 0;
}

void ocmp_report_free(struct ocmp_report *r)
{
	for (size_t i = 0; i < r->n_inl; i++) {
		free(r->inl[i].callee);
		free(r->inl[i].caller);
		free(r->inl[i].where);
	}
	for (size_t i = 0; i < r->n_vec; i++) {
		free(r->vec[i].func);
		free(r->vec[i].where);
		free(r->vec[i].file);
		free(r->vec[i].text);
	}
	free(r->inl);
	free(r->vec);
	memset(r, 0, sizeof *r);
}

/* --- the functions ---------------------------------------------------------------------- */

/* The kinds of lines a body leaves out, as the .s view does by default. */
#define OCMP_HIDDEN ((1u << ASMMAP_LOC) | (1u << ASMMAP_CFI) | (1u << ASMMAP_DEBUG) | \
		     (1u << ASMMAP_BLANK))

/* Whether asm function i of m is one of the function called base. */
static int ocmp_in(const struct asmmap *m, long i, const char *base)
{
	return i >= 0 && !m->funcs[i].alias_of && strcmp(m->funcs[i].base, base) == 0;
}

int ocmp_shown(const struct ocmp *c, int k, const struct ocmp_func *f, size_t n)
{
	const struct asmmap *m = &c->lv[k].s;
	if (n < 1 || n > m->n_lines || !f->side[k].present)
		return 0;
	const struct asmmap_line *l = &m->lines[n];
	return !(OCMP_HIDDEN & (1u << l->kind)) && ocmp_in(m, l->func, f->name);
}

const char *ocmp_row_text(const struct ocmp *c, const struct ocmp_row *r, int k)
{
	return r->line[k] ? asmmap_line_text(&c->lv[k].s, r->line[k]) : "";
}

int ocmp_inl_seen(const struct ocmp_side *s, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(s->inl[j].callee, s->inl[i].callee) == 0)
			return 1;
	return 0;
}

int ocmp_func_differs(const struct ocmp_func *f)
{
	return f->side[0].present != f->side[1].present || f->n_same != f->n_rows;
}

/* The shown lines of f at level k, into a new array; *n their number. */
static unsigned *ocmp_body(const struct ocmp *c, int k, const struct ocmp_func *f, size_t *n)
{
	const struct asmmap *m = &c->lv[k].s;
	unsigned *v = malloc((m->n_lines + 1) * sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 1; i <= m->n_lines; i++)
		if (ocmp_shown(c, k, f, i))
			v[(*n)++] = (unsigned)i;
	return v;
}

static int ocmp_same(const struct ocmp *c, unsigned a, unsigned b)
{
	return strcmp(asmmap_line_text(&c->lv[0].s, a), asmmap_line_text(&c->lv[1].s, b)) == 0;
}

/* The table of the longest common subsequence is kept below this many cells; beyond it the
 * middle (after the common head and tail) is shown as changed, line against line. */
#define OCMP_LCS_MAX_CELLS (8u << 20)

static int ocmp_push(struct ocmp_func *f, size_t *cap, unsigned a, unsigned b, char mark)
{
	if (f->n_rows == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		void *x = realloc(f->rows, nc * sizeof *f->rows);
		if (!x)
			return -1;
		f->rows = x;
		*cap = nc;
	}
	f->rows[f->n_rows++] = (struct ocmp_row){ { a, b }, mark };
	f->n_same += mark == ' ';
	return 0;
}

/* The lines between two common ones: paired as changed, the rest on one side. */
static int ocmp_gap(struct ocmp_func *f, size_t *cap, const unsigned *a, size_t na,
		    const unsigned *b, size_t nb)
{
	size_t i = 0;
	for (; i < na && i < nb; i++)
		if (ocmp_push(f, cap, a[i], b[i], '|') < 0)
			return -1;
	for (size_t k = i; k < na; k++)
		if (ocmp_push(f, cap, a[k], 0, '<') < 0)
			return -1;
	for (size_t k = i; k < nb; k++)
		if (ocmp_push(f, cap, 0, b[k], '>') < 0)
			return -1;
	return 0;
}

/* Align the bodies of f as diff -y does. */
static int ocmp_align(const struct ocmp *c, struct ocmp_func *f)
{
	size_t na = 0, nb = 0, cap = 0;
	unsigned *a = ocmp_body(c, 0, f, &na), *b = ocmp_body(c, 1, f, &nb);
	int rc = -1;
	if (!a || !b)
		goto out;
	size_t head = 0, tail = 0;
	while (head < na && head < nb && ocmp_same(c, a[head], b[head]))
		head++;
	while (tail < na - head && tail < nb - head &&
	       ocmp_same(c, a[na - 1 - tail], b[nb - 1 - tail]))
		tail++;
	for (size_t i = 0; i < head; i++)
		if (ocmp_push(f, &cap, a[i], b[i], ' ') < 0)
			goto out;
	const unsigned *ma = a + head, *mb = b + head;
	size_t n = na - head - tail, m = nb - head - tail;
	if (n && m && (n + 1) * (m + 1) <= OCMP_LCS_MAX_CELLS) {
		/* L[i][j]: the longest common subsequence of ma[i..] and mb[j..] */
		uint32_t *L = calloc((n + 1) * (m + 1), sizeof *L);
		if (!L)
			goto out;
#define OCMP_L(i, j) L[(i) * (m + 1) + (j)]
		for (size_t i = n; i-- > 0;)
			for (size_t j = m; j-- > 0;)
				OCMP_L(i, j) = ocmp_same(c, ma[i], mb[j]) ? OCMP_L(i + 1, j + 1) + 1 :
					       OCMP_L(i + 1, j) >= OCMP_L(i, j + 1) ? OCMP_L(i + 1, j) :
					       OCMP_L(i, j + 1);
		size_t i = 0, j = 0, gi = 0, gj = 0;
		while (i < n && j < m) {
			if (ocmp_same(c, ma[i], mb[j]) && OCMP_L(i, j) == OCMP_L(i + 1, j + 1) + 1) {
				if (ocmp_gap(f, &cap, ma + gi, i - gi, mb + gj, j - gj) < 0 ||
				    ocmp_push(f, &cap, ma[i], mb[j], ' ') < 0) {
					free(L);
					goto out;
				}
				gi = ++i;
				gj = ++j;
			} else if (OCMP_L(i + 1, j) >= OCMP_L(i, j + 1)) {
				i++;
			} else {
				j++;
			}
		}
#undef OCMP_L
		free(L);
		if (ocmp_gap(f, &cap, ma + gi, n - gi, mb + gj, m - gj) < 0)
			goto out;
	} else if (ocmp_gap(f, &cap, ma, n, mb, m) < 0) {
		goto out;
	}
	for (size_t i = 0; i < tail; i++)
		if (ocmp_push(f, &cap, a[na - tail + i], b[nb - tail + i], ' ') < 0)
			goto out;
	rc = 0;
out:
	free(a);
	free(b);
	return rc;
}

/* Whether the body of f at level k calls sym (call, or jmp when jmp_too). */
static int ocmp_calls(const struct ocmp *c, int k, const char *base, const char *sym, int jmp_too)
{
	const struct asmmap *m = &c->lv[k].s;
	for (size_t i = 0; i < m->n_calls; i++) {
		const struct asmmap_call *x = &m->calls[i];
		if (x->target && ocmp_in(m, x->func, base) && (!x->tail || jmp_too) &&
		    strcmp(x->target, sym) == 0)
			return 1;
	}
	return 0;
}

/* The source name a call's target stands for: a clone's base. */
static int ocmp_is_callee(const char *target, const char *callee)
{
	size_t bl = 0;
	asmmap_clone_kind(target, &bl);
	return strlen(callee) == bl && strncmp(target, callee, bl) == 0;
}

static int ocmp_calls_base(const struct ocmp *c, int k, const char *base, const char *callee,
			   int jmp_too)
{
	const struct asmmap *m = &c->lv[k].s;
	for (size_t i = 0; i < m->n_calls; i++) {
		const struct asmmap_call *x = &m->calls[i];
		if (x->target && ocmp_in(m, x->func, base) && (!x->tail || jmp_too) &&
		    ocmp_is_callee(x->target, callee))
			return 1;
	}
	return 0;
}

static int ocmp_side(struct ocmp *c, struct ocmp_func *f, int k)
{
	struct ocmp_side *s = &f->side[k];
	const struct asmmap *m = &c->lv[k].s;
	const struct ocmp_report *rep = &c->lv[k].rep;
	for (size_t i = 0; i < m->n_funcs; i++)
		if (ocmp_in(m, (long)i, f->name))
			s->n_names++;
	s->present = s->n_names > 0;
	if (s->present) {
		s->names = calloc(s->n_names, sizeof *s->names);
		if (!s->names)
			return -1;
		s->n_names = 0;
		for (size_t i = 0; i < m->n_funcs; i++)
			if (ocmp_in(m, (long)i, f->name)) {
				if (!s->n_names)
					s->section = m->funcs[i].section;
				s->names[s->n_names++] = m->funcs[i].name;
			}
	}
	for (size_t i = 1; i <= m->n_lines; i++)
		s->n_insn += m->lines[i].kind == ASMMAP_INSN && ocmp_in(m, m->lines[i].func, f->name);
	/* the calls gcc's report says it inlined into this function */
	for (size_t i = 0; i < rep->n_inl; i++) {
		const struct ocmp_inline *x = &rep->inl[i];
		size_t bl = 0;
		asmmap_clone_kind(x->caller, &bl);
		if (!s->present && strcmp(x->callee, f->name) == 0 && !s->inlined_into) {
			s->inlined_into = x->caller;
			s->inlined_where = x->where;
		}
		if (!s->present || strlen(f->name) != bl || strncmp(x->caller, f->name, bl) != 0)
			continue;
		void *nx = realloc(s->inl, (s->n_inl + 1) * sizeof *s->inl);
		if (!nx)
			return -1;
		s->inl = nx;
		s->inl[s->n_inl++] = (struct ocmp_inlined){
			x->callee, x->where, ocmp_calls_base(c, !k, f->name, x->callee, 1)
		};
	}
	/* tail calls: jmp SYM */
	for (size_t i = 0; s->present && i < m->n_calls; i++) {
		const struct asmmap_call *x = &m->calls[i];
		if (!x->tail || !x->target || !ocmp_in(m, x->func, f->name) ||
		    strncmp(x->target, ".L", 2) == 0)
			continue;
		void *nx = realloc(s->tail, (s->n_tail + 1) * sizeof *s->tail);
		if (!nx)
			return -1;
		s->tail = nx;
		s->tail[s->n_tail++] = (struct ocmp_tail){
			x->target, x->line, ocmp_calls(c, !k, f->name, x->target, 0)
		};
	}
	/* the loops the vectorizer's report says it vectorized in this function */
	for (size_t v = 0; s->present && v < rep->n_vec; v++) {
		if (!ocmp_is_callee(rep->vec[v].func, f->name))
			continue;
		void *nx = realloc(s->vec, (s->n_vec + 1) * sizeof *s->vec);
		if (!nx)
			return -1;
		s->vec = nx;
		s->vec[s->n_vec++].vec = &rep->vec[v];
	}
	return 0;
}

/* Add function name (a source name) unless it is in already. */
static int ocmp_add_func(struct ocmp *c, size_t *cap, const char *name)
{
	for (size_t i = 0; i < c->n_funcs; i++)
		if (strcmp(c->funcs[i].name, name) == 0)
			return 0;
	if (c->n_funcs == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *x = realloc(c->funcs, nc * sizeof *c->funcs);
		if (!x)
			return -1;
		c->funcs = x;
		*cap = nc;
	}
	memset(&c->funcs[c->n_funcs], 0, sizeof c->funcs[0]);
	c->funcs[c->n_funcs++].name = name;
	return 0;
}

int ocmp_build(struct ocmp *c, const struct ocmp_input in[2], char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	if (err && errlen)
		*err = '\0';
	for (int k = 0; k < 2; k++) {
		struct ocmp_level *lv = &c->lv[k];
		lv->flag = in[k].flag;
		if (asmmap_read(&lv->s, in[k].s, in[k].s_len, err, errlen) < 0 ||
		    ocmp_report_read(&lv->rep, in[k].rep, in[k].rep_len, in[k].vect,
				     in[k].vect_len) < 0)
			goto oom;
	}
	size_t cap = 0;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < c->lv[k].s.n_funcs; i++) {
			const struct asmmap_func *fn = &c->lv[k].s.funcs[i];
			if (!fn->alias_of && ocmp_add_func(c, &cap, fn->base) < 0)
				goto oom;
		}
	for (size_t i = 0; i < c->n_funcs; i++)
		if (ocmp_side(c, &c->funcs[i], 0) < 0 || ocmp_side(c, &c->funcs[i], 1) < 0 ||
		    ocmp_align(c, &c->funcs[i]) < 0)
			goto oom;
	return 0;
oom:
	if (err && errlen && !*err)
		snprintf(err, errlen, "%s", _("Out of memory comparing the two compiles."));
	ocmp_free(c);
	return -1;
}

void ocmp_free(struct ocmp *c)
{
	for (size_t i = 0; i < c->n_funcs; i++) {
		struct ocmp_func *f = &c->funcs[i];
		for (int k = 0; k < 2; k++) {
			free(f->side[k].names);
			free(f->side[k].inl);
			free(f->side[k].tail);
			free(f->side[k].vec);
		}
		free(f->rows);
	}
	free(c->funcs);
	for (int k = 0; k < 2; k++) {
		asmmap_free(&c->lv[k].s);
		ocmp_report_free(&c->lv[k].rep);
	}
	memset(c, 0, sizeof *c);
}
