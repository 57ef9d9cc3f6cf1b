/* asmmap: the facts of a gcc assembly file. See asmmap.h.
 *
 * The reader makes a few passes over the indexed lines:
 *   1. each line alone: its kind, the directive or mnemonic, what it declares (labels,
 *      .type, .size, .globl..., .file N, .loc), the current section, the calls
 *      (stages/asmmap_line.c);
 *   2. the functions and objects from the symbols, and which function owns each line;
 *   3. the source position of each line, from the last .loc in the same function;
 *   4. the reverse map (ranges), sorted; the calls get their function and position.
 * Names (symbols, sections, files) are interned once in a pool, so the public structs point
 * at shared strings that live until asmmap_free(). This file holds asmmap_read(), passes 2
 * to 4 and the lookups; what directives mean is stages/asmmap_explain.c's.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/asmmap_int.h"
#include "stages/i18n.h"

/* ---- pass 2: functions and objects ---- */

static int asmmap_func_cmp(const void *a, const void *b)
{
	const struct asmmap_func *x = a, *y = b;
	return (x->first > y->first) - (x->first < y->first);
}

static unsigned asmmap_obj_line(const struct asmmap_object *o)
{
	unsigned l = UINT_MAX;
	if (o->type_line && o->type_line < l)
		l = o->type_line;
	if (o->label_line && o->label_line < l)
		l = o->label_line;
	if (o->size_line && o->size_line < l)
		l = o->size_line;
	return l;
}

static int asmmap_obj_cmp(const void *a, const void *b)
{
	unsigned x = asmmap_obj_line(a), y = asmmap_obj_line(b);
	return (x > y) - (x < y);
}

/* The symbol that defines y: y, or for an alias without a label of its own the symbol it
 * names (followed a few steps, since aliases may chain or loop). */
static const struct asmmap_sym *asmmap_sym_def(const struct asmmap_pool *p,
					       const struct asmmap_sym *y)
{
	const struct asmmap_sym *d = y;
	for (int hops = 0; hops < 8 && !d->label_line && !d->common && d->alias; hops++) {
		const struct asmmap_slot *sl = asmmap_lookup(p, d->alias);
		if (!sl || sl->sym < 0)
			break;
		d = &p->syms[sl->sym];
	}
	return d;
}

static int asmmap_is_func(int stype)
{
	return stype == STYPE_FUNC || stype == STYPE_IFUNC;
}

static int asmmap_is_object(int stype)
{
	return stype == STYPE_OBJECT || stype == STYPE_TLS;
}

static void asmmap_make_func(struct asmmap_parser *ps, const struct asmmap_sym *y,
			     const struct asmmap_sym *d, struct asmmap_func *f)
{
	size_t base_len;
	f->name = y->name;
	f->clone = asmmap_clone_kind(y->name, &base_len);
	f->base = f->clone ? asmmap_str(ps, y->name, base_len) : y->name;
	f->alias_of = d != y ? d->name : NULL;
	f->section = d->label_line ? d->section : NULL;
	f->first = y->label_line ? y->label_line : y->alias_line ? y->alias_line : y->type_line;
	f->type_line = y->type_line;
	f->size_line = y->size_line;
	f->last = y->size_line >= f->first ? y->size_line : f->first;
	f->global = y->global;
	f->weak = y->weak;
	f->hidden = y->hidden;
}

static void asmmap_make_object(const struct asmmap_pool *p, const struct asmmap_sym *y,
			       const struct asmmap_sym *d, struct asmmap_object *o)
{
	o->name = y->name;
	o->alias_of = d != y ? d->name : NULL;
	o->type_line = y->type_line;
	o->label_line = y->label_line;
	o->size_line = y->size_line ? y->size_line : y->comm_line;
	/* an alias without a .size of its own gets its target's, as in the symbol table */
	o->size = y->size_known ? y->size : d->size;
	o->size_known = y->size_known || d->size_known;
	o->weak = y->weak;
	o->hidden = y->hidden;
	o->common = d->common && !d->label_line;
	o->global = y->global;
	if (d->label_line) {
		o->section = d->section;
	} else if (o->common) {
		/* a local common lands in .bss; ld merges a global one */
		int local = d->local || d->lcomm;
		o->section = local ? ".bss" : "COMMON";
		if (d == y)
			o->global = !local;
	}
	/* gas makes every symbol of a thread-local section STT_TLS */
	const struct asmmap_slot *sec = asmmap_lookup(p, o->section);
	o->tls = y->stype == STYPE_TLS || d->stype == STYPE_TLS || (sec && sec->tls) ||
		 (o->section && (strncmp(o->section, ".tbss", 5) == 0 ||
				 strncmp(o->section, ".tdata", 6) == 0));
}

static int asmmap_build_symbols(struct asmmap_parser *ps)
{
	struct asmmap *m = ps->m;
	struct asmmap_pool *p = ps->pool;
	size_t nf = 0, no = 0;
	for (size_t i = 0; i < p->n_syms; i++) {
		const struct asmmap_sym *y = &p->syms[i], *d = asmmap_sym_def(p, y);
		/* an alias has its target's type unless it was given one */
		int t = y->stype != STYPE_NONE ? y->stype : d->stype;
		nf += asmmap_is_func(t);
		no += !asmmap_is_func(t) && (asmmap_is_object(t) || d->common);
	}
	m->funcs = calloc(nf ? nf : 1, sizeof *m->funcs);
	m->objects = calloc(no ? no : 1, sizeof *m->objects);
	if (!m->funcs || !m->objects)
		return -1;
	for (size_t i = 0; i < p->n_syms; i++) {
		const struct asmmap_sym *y = &p->syms[i], *d = asmmap_sym_def(p, y);
		int t = y->stype != STYPE_NONE ? y->stype : d->stype;
		if (asmmap_is_func(t)) {
			struct asmmap_func *f = &m->funcs[m->n_funcs++];
			asmmap_make_func(ps, y, d, f);
			if (!f->base)
				return -1;
		} else if (asmmap_is_object(t) || d->common) {
			asmmap_make_object(p, y, d, &m->objects[m->n_objects++]);
		}
	}
	qsort(m->funcs, m->n_funcs, sizeof *m->funcs, asmmap_func_cmp);
	qsort(m->objects, m->n_objects, sizeof *m->objects, asmmap_obj_cmp);
	/* the symbols learn their indexes, for the look-ups */
	for (size_t i = 0; i < m->n_funcs; i++) {
		const struct asmmap_slot *sl = asmmap_lookup(p, m->funcs[i].name);
		if (sl && sl->sym >= 0)
			p->syms[sl->sym].func = (long)i;
	}
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct asmmap_slot *sl = asmmap_lookup(p, m->objects[i].name);
		if (sl && sl->sym >= 0)
			p->syms[sl->sym].object = (long)i;
	}
	return 0;
}

/* Each line's function: the latest-starting function whose range holds it. */
static int asmmap_assign_funcs(struct asmmap *m)
{
	if (!m->n_funcs)
		return 0;
	size_t *stack = malloc(m->n_funcs * sizeof *stack), depth = 0, next = 0;
	if (!stack)
		return -1;
	for (size_t n = 1; n <= m->n_lines; n++) {
		while (depth && m->funcs[stack[depth - 1]].last < n)
			depth--;
		while (next < m->n_funcs && m->funcs[next].first <= n) {
			if (m->funcs[next].last >= n)
				stack[depth++] = next;
			next++;
		}
		m->lines[n].func = depth ? (int)stack[depth - 1] : -1;
	}
	/* a function's own label and .size line are its, even inside another's range */
	for (size_t i = 0; i < m->n_funcs; i++) {
		if (m->funcs[i].first)
			m->lines[m->funcs[i].first].func = (int)i;
		if (m->funcs[i].size_line)
			m->lines[m->funcs[i].size_line].func = (int)i;
	}
	free(stack);
	return 0;
}

/* ---- pass 3: source positions ---- */

struct asmmap_pos {
	int file;
	unsigned line, col;
};

static int asmmap_assign_positions(struct asmmap_parser *ps)
{
	struct asmmap *m = ps->m;
	/* the last .loc per function; slot 0 is for lines outside every function */
	struct asmmap_pos *cur = malloc((m->n_funcs + 1) * sizeof *cur);
	if (!cur)
		return -1;
	for (size_t i = 0; i <= m->n_funcs; i++)
		cur[i] = (struct asmmap_pos){ .file = -1 };
	for (size_t n = 1; n <= m->n_lines; n++) {
		struct asmmap_line *l = &m->lines[n];
		struct asmmap_pos *c = &cur[l->func + 1];
		if (ps->dir[n] == DIR_LOC) {
			/* a .loc whose file is unknown, or line 0, leaves what follows unmapped */
			*c = (struct asmmap_pos){ .file = l->src_line ? l->file : -1,
						  .line = l->src_line, .col = l->src_col };
			if (c->file < 0) {
				l->file = -1;
				l->src_line = l->src_col = 0;
			}
		} else if (l->kind == ASMMAP_INSN || (l->kind == ASMMAP_DATA && l->func >= 0)) {
			l->file = c->file;
			l->src_line = c->file >= 0 ? c->line : 0;
			l->src_col = c->file >= 0 ? c->col : 0;
		}
	}
	free(cur);
	return 0;
}

/* ---- pass 4: ranges and calls ---- */

static int asmmap_range_cmp(const void *a, const void *b)
{
	const struct asmmap_range *x = a, *y = b;
	if (x->file != y->file)
		return (x->file > y->file) - (x->file < y->file);
	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return (x->first > y->first) - (x->first < y->first);
}

static int asmmap_build_ranges(struct asmmap *m)
{
	size_t cap = 0;
	int open = 0, open_func = -1;
	struct asmmap_range r = { 0 };
	for (size_t n = 1; n <= m->n_lines + 1; n++) {
		const struct asmmap_line *l = n <= m->n_lines ? &m->lines[n] : NULL;
		int mapped = l && l->file >= 0 && l->src_line;
		int same = open && l && l->func == open_func &&
			   (!mapped || (l->file == r.file && l->src_line == r.line));
		if (open && !same) {
			if (m->n_ranges == cap) {
				cap = cap ? cap * 2 : 256;
				struct asmmap_range *g = realloc(m->ranges, cap * sizeof *g);
				if (!g)
					return -1;
				m->ranges = g;
			}
			m->ranges[m->n_ranges++] = r;
			open = 0;
		}
		if (!mapped)
			continue;
		if (open) {
			r.last = (unsigned)n;
		} else {
			r = (struct asmmap_range){ .file = l->file, .line = l->src_line,
						   .first = (unsigned)n, .last = (unsigned)n };
			open = 1;
			open_func = l->func;
		}
	}
	if (m->n_ranges > 1)
		qsort(m->ranges, m->n_ranges, sizeof *m->ranges, asmmap_range_cmp);
	return 0;
}

static void asmmap_finish_calls(struct asmmap *m)
{
	for (size_t i = 0; i < m->n_calls; i++) {
		struct asmmap_call *c = &m->calls[i];
		const struct asmmap_line *l = &m->lines[c->line];
		c->func = l->func;
		c->file = l->file;
		c->src_line = l->src_line;
		c->callee = c->target ? (int)asmmap_func_find(m, c->target) : -1;
	}
}

/* ---- the public functions ---- */

static int asmmap_fail(struct asmmap *m, struct asmmap_parser *ps, char *err, size_t errlen,
		       const char *why)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", why);
	if (ps) {
		free(ps->dir);
		free(ps->fileno);
	}
	asmmap_free(m);
	return -1;
}

static const char asmmap_oom[] = N_("Out of memory reading the assembly file.");

int asmmap_read(struct asmmap *m, const char *text, size_t len, char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	m->primary_file = -1;
	if (len > ASMMAP_MAX_TEXT)
		return asmmap_fail(m, NULL, err, errlen, _("The assembly file is too large to show."));
	if (!text)
		len = 0;
	m->text = malloc(len + 1);
	if (!m->text)
		return asmmap_fail(m, NULL, err, errlen, _(asmmap_oom));
	if (len)
		memcpy(m->text, text, len);
	m->text[len] = '\0';
	m->text_len = len;

	size_t n = 0;
	for (const char *p = m->text, *e = m->text + len; p < e; n++) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl)
			break;
		p = nl + 1;
	}
	if (len && m->text[len - 1] != '\n')
		n++;
	m->lines = calloc(n + 1, sizeof *m->lines);
	struct asmmap_parser ps = { .m = m, .lowest_fileno = UINT_MAX };
	ps.dir = calloc(n + 1, 1);
	m->priv = ps.pool = calloc(1, sizeof *ps.pool);
	if (!m->lines || !ps.dir || !ps.pool)
		return asmmap_fail(m, &ps, err, errlen, _(asmmap_oom));
	/* gas starts in .text */
	ps.sec = ps.prev = asmmap_str(&ps, ".text", 5);
	m->n_lines = n;

	/* index the lines, and end each with a NUL (a "\r\n" loses its "\r" too) */
	char *p = m->text, *e = m->text + len;
	for (size_t i = 1; i <= n; i++) {
		char *nl = memchr(p, '\n', (size_t)(e - p));
		char *end = nl ? nl : e;
		if (end > p && end[-1] == '\r')
			end--;
		m->lines[i].off = (unsigned)(p - m->text);
		m->lines[i].len = (unsigned)(end - p);
		*end = '\0';
		p = nl ? nl + 1 : e;
	}

	for (size_t i = 1; i <= n && !ps.oom; i++)
		asmmap_line(&ps, (unsigned)i);
	if (ps.oom || asmmap_build_symbols(&ps) < 0 || ps.oom || asmmap_assign_funcs(m) < 0 ||
	    asmmap_assign_positions(&ps) < 0 || asmmap_build_ranges(m) < 0)
		return asmmap_fail(m, &ps, err, errlen, _(asmmap_oom));
	asmmap_finish_calls(m);
	for (size_t i = 1; i <= n; i++)
		m->n_kind[m->lines[i].kind]++;
	free(ps.dir);
	free(ps.fileno);
	return 0;
}

void asmmap_free(struct asmmap *m)
{
	if (!m)
		return;
	free(m->text);
	free(m->lines);
	free(m->files);
	free(m->ranges);
	free(m->funcs);
	free(m->objects);
	free(m->calls);
	asmmap_pool_free(m->priv);
	memset(m, 0, sizeof *m);
	m->primary_file = -1;
}

const char *asmmap_line_text(const struct asmmap *m, size_t n)
{
	if (!m || !m->text || n < 1 || n > m->n_lines)
		return "";
	return m->text + m->lines[n].off;
}

/* Whether a line of the -g compile may be one the compile without -g lacks: the line table,
 * the debug sections, and the labels and section switches that go with them. Anything else
 * (an instruction, data, a symbol or .cfi directive) must pair, so the scan for a partner
 * stops there. */
static int asmmap_pair_skippable(int kind)
{
	return kind == ASMMAP_LOC || kind == ASMMAP_DEBUG || kind == ASMMAP_LABEL ||
	       kind == ASMMAP_SECTION || kind == ASMMAP_BLANK || kind == ASMMAP_OTHER;
}

unsigned *asmmap_pair(const struct asmmap *s, const struct asmmap *g)
{
	unsigned *map = calloc(s->n_lines + 1, sizeof *map);
	if (!map)
		return NULL;
	size_t next = 1; /* g's first line not yet paired or passed */
	for (size_t n = 1; n <= s->n_lines; n++) {
		const char *text = asmmap_line_text(s, n);
		for (size_t k = next; k <= g->n_lines; k++) {
			if (strcmp(asmmap_line_text(g, k), text) == 0) {
				map[n] = (unsigned)k;
				next = k + 1;
				break;
			}
			if (!asmmap_pair_skippable(g->lines[k].kind))
				break;
		}
	}
	return map;
}

int asmmap_file_find(const struct asmmap *m, const char *path)
{
	if (!m || !path || !path[0] || !m->n_files)
		return -1;
	size_t len = strlen(path);
	char *want = malloc(len + 3);
	if (!want)
		return -1;
	memcpy(want, path, len + 1);
	asmmap_normalise(want);
	int found = -1;
	for (size_t i = 0; i < m->n_files && found < 0; i++)
		if (strcmp(m->files[i].path, want) == 0)
			found = (int)i;
	size_t wl = strlen(want);
	for (size_t i = 0; i < m->n_files && found < 0 && want[0] != '/'; i++) {
		const char *f = m->files[i].path;
		size_t fl = strlen(f);
		if (fl > wl && f[fl - wl - 1] == '/' && strcmp(f + fl - wl, want) == 0)
			found = (int)i;
	}
	const char *base = strrchr(want, '/');
	base = base ? base + 1 : want;
	for (size_t i = 0; i < m->n_files && found < 0; i++)
		if (strcmp(m->files[i].name, base) == 0)
			found = (int)i;
	free(want);
	return found;
}

size_t asmmap_ranges_for(const struct asmmap *m, int file, unsigned line,
			 const struct asmmap_range **first)
{
	*first = NULL;
	if (!m || !m->n_ranges)
		return 0;
	/* the first range not before (file, line) */
	size_t lo = 0, hi = m->n_ranges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct asmmap_range *r = &m->ranges[mid];
		if (r->file < file || (r->file == file && r->line < line))
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo;
	while (k < m->n_ranges && m->ranges[k].file == file && m->ranges[k].line == line)
		k++;
	if (k > lo)
		*first = &m->ranges[lo];
	return k - lo;
}

long asmmap_func_find(const struct asmmap *m, const char *name)
{
	const struct asmmap_slot *sl = asmmap_lookup(m ? m->priv : NULL, name);
	if (!sl || sl->sym < 0)
		return -1;
	return ((const struct asmmap_pool *)m->priv)->syms[sl->sym].func;
}

long asmmap_object_find(const struct asmmap *m, const char *name)
{
	const struct asmmap_slot *sl = asmmap_lookup(m ? m->priv : NULL, name);
	if (!sl || sl->sym < 0)
		return -1;
	return ((const struct asmmap_pool *)m->priv)->syms[sl->sym].object;
}

unsigned asmmap_clone_kind(const char *name, size_t *base_len)
{
	static const struct {
		const char *word;
		unsigned bit;
		int numbered; /* followed by ".N" */
	} suffixes[] = {
		{ "constprop", ASMMAP_CLONE_CONSTPROP, 1 },
		{ "isra", ASMMAP_CLONE_ISRA, 1 },
		{ "part", ASMMAP_CLONE_PART, 1 },
		{ "cold", ASMMAP_CLONE_COLD, 0 },
		{ "lto_priv", ASMMAP_CLONE_LTO_PRIV, 1 },
	};
	size_t len = strlen(name), base = len;
	unsigned bits = 0;
	/* components after the first: NAME.constprop.0.isra.0 */
	const char *p = len ? strchr(name + 1, '.') : NULL;
	while (p) {
		const char *c = p + 1, *end = strchr(c, '.');
		size_t n = end ? (size_t)(end - c) : strlen(c);
		for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
			if (!asmmap_word_is(c, n, suffixes[i].word))
				continue;
			if (suffixes[i].numbered) {
				/* the next component must be a number */
				const char *d = end ? end + 1 : NULL;
				size_t k = 0;
				while (d && asmmap_digit(d[k]))
					k++;
				if (!k || (d[k] && d[k] != '.'))
					break;
			}
			bits |= suffixes[i].bit;
			if ((size_t)(p - name) < base)
				base = (size_t)(p - name);
			break;
		}
		p = end;
	}
	if (base_len)
		*base_len = base;
	return bits;
}

const char *asmmap_kind_name(enum asmmap_kind k)
{
	static const char *const names[ASMMAP_KIND_COUNT] = {
		[ASMMAP_BLANK] = "blank",       [ASMMAP_LABEL] = "label",
		[ASMMAP_INSN] = "instruction",  [ASMMAP_LOC] = "line table",
		[ASMMAP_CFI] = "call frame info", [ASMMAP_DEBUG] = "debug info",
		[ASMMAP_SYMBOL] = "symbol",     [ASMMAP_SECTION] = "section",
		[ASMMAP_DATA] = "data",         [ASMMAP_OTHER] = "other",
	};
	return (unsigned)k < ASMMAP_KIND_COUNT ? names[k] : "other";
}
