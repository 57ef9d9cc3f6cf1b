/* asmmap_line: pass 1 of the .s reader, each line alone: its kind, the directive or
 * mnemonic, what it declares (labels, .type, .size, .globl..., .file N, .loc), the current
 * section (with .pushsection's stack), and the calls. With the small text helpers it works
 * with, the pool that interns every name once, and the table of directives it knows.
 *
 * Contract: see stages/asmmap_int.h. A line is read within its own bytes, whatever they are;
 * nothing here allocates but through the pool and the model's arrays, and running out sets
 * ps->oom.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/asmmap_int.h"

struct asmmap_dirname {
	const char *name;
	unsigned char id;
};

/* Sorted by name for bsearch. */
static const struct asmmap_dirname asmmap_dirs[] = {
	{ ".2byte", DIR_DATA_DIR },      { ".4byte", DIR_DATA_DIR },
	{ ".8byte", DIR_DATA_DIR },      { ".align", DIR_DATA_DIR },
	{ ".arch", DIR_OTHER },          { ".ascii", DIR_DATA_DIR },
	{ ".asciz", DIR_DATA_DIR },      { ".att_syntax", DIR_OTHER },
	{ ".balign", DIR_DATA_DIR },     { ".balignl", DIR_DATA_DIR },
	{ ".balignw", DIR_DATA_DIR },    { ".base64", DIR_DATA_DIR },
	{ ".bss", DIR_BSS },             { ".byte", DIR_DATA_DIR },
	{ ".code16", DIR_OTHER },        { ".code32", DIR_OTHER },
	{ ".code64", DIR_OTHER },        { ".comm", DIR_COMM },
	{ ".data", DIR_DATA },           { ".dc.a", DIR_DATA_DIR },
	{ ".dc.b", DIR_DATA_DIR },       { ".dc.l", DIR_DATA_DIR },
	{ ".dc.w", DIR_DATA_DIR },       { ".double", DIR_DATA_DIR },
	{ ".equ", DIR_SET },             { ".equiv", DIR_SET },
	{ ".eqv", DIR_SET },             { ".extern", DIR_SYMBOL_OTHER },
	{ ".file", DIR_FILE },           { ".fill", DIR_DATA_DIR },
	{ ".float", DIR_DATA_DIR },      { ".global", DIR_GLOBL },
	{ ".globl", DIR_GLOBL },         { ".hidden", DIR_HIDDEN },
	{ ".hword", DIR_DATA_DIR },      { ".ident", DIR_IDENT },
	{ ".incbin", DIR_DATA_DIR },     { ".int", DIR_DATA_DIR },
	{ ".intel_syntax", DIR_OTHER },  { ".internal", DIR_INTERNAL },
	{ ".lcomm", DIR_LCOMM },         { ".loc", DIR_LOC },
	{ ".loc_mark_labels", DIR_LOC_OTHER }, { ".local", DIR_LOCAL },
	{ ".long", DIR_DATA_DIR },       { ".nops", DIR_DATA_DIR },
	{ ".octa", DIR_DATA_DIR },       { ".org", DIR_DATA_DIR },
	{ ".p2align", DIR_DATA_DIR },    { ".p2alignl", DIR_DATA_DIR },
	{ ".p2alignw", DIR_DATA_DIR },   { ".popsection", DIR_POPSECTION },
	{ ".previous", DIR_PREVIOUS },   { ".protected", DIR_PROTECTED },
	{ ".pushsection", DIR_PUSHSECTION }, { ".quad", DIR_DATA_DIR },
	{ ".section", DIR_SECTION },     { ".set", DIR_SET },
	{ ".short", DIR_DATA_DIR },      { ".single", DIR_DATA_DIR },
	{ ".size", DIR_SIZE },           { ".skip", DIR_DATA_DIR },
	{ ".sleb128", DIR_DATA_DIR },    { ".space", DIR_DATA_DIR },
	{ ".string", DIR_DATA_DIR },     { ".string16", DIR_DATA_DIR },
	{ ".string32", DIR_DATA_DIR },   { ".string64", DIR_DATA_DIR },
	{ ".string8", DIR_DATA_DIR },    { ".subsection", DIR_SUBSECTION },
	{ ".symver", DIR_SYMBOL_OTHER }, { ".text", DIR_TEXT },
	{ ".type", DIR_TYPE },           { ".uleb128", DIR_DATA_DIR },
	{ ".value", DIR_DATA_DIR },      { ".weak", DIR_WEAK },
	{ ".weakref", DIR_SYMBOL_OTHER }, { ".word", DIR_DATA_DIR },
	{ ".zero", DIR_DATA_DIR },
};

/* ---- small text helpers, all on [p, e) ---- */

int asmmap_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

int asmmap_namechar(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
	       u == '_' || u == '.' || u == '$' || u >= 0x80;
}

int asmmap_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The value of a hexadecimal digit, or -1. */
static int asmmap_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *asmmap_skip(const char *p, const char *e)
{
	while (p < e && asmmap_space(*p))
		p++;
	return p;
}

int asmmap_word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* A symbol name at p: a run of name characters, or a quoted name. Returns its end (p when
 * there is none); *s and *n get the name itself. */
const char *asmmap_name(const char *p, const char *e, const char **s, size_t *n)
{
	*s = p;
	*n = 0;
	if (p < e && *p == '"') {
		const char *q = p + 1;
		while (q < e && *q != '"') {
			if (*q == '\\' && q + 1 < e)
				q++;
			q++;
		}
		if (q >= e)
			return p;
		*s = p + 1;
		*n = (size_t)(q - p - 1);
		return q + 1;
	}
	const char *q = p;
	while (q < e && asmmap_namechar(*q))
		q++;
	*n = (size_t)(q - p);
	return q;
}

/* An unsigned number, decimal or 0x hexadecimal; returns its end, or p when there is none
 * or it does not fit. */
static const char *asmmap_number(const char *p, const char *e, unsigned long long *v)
{
	unsigned long long x = 0;
	const char *q = p;
	int hex = e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (hex)
		q += 2;
	const char *start = q;
	for (; q < e; q++) {
		unsigned d;
		if (asmmap_digit(*q))
			d = (unsigned)(*q - '0');
		else if (hex && *q >= 'a' && *q <= 'f')
			d = (unsigned)(*q - 'a' + 10);
		else if (hex && *q >= 'A' && *q <= 'F')
			d = (unsigned)(*q - 'A' + 10);
		else
			break;
		unsigned base = hex ? 16 : 10;
		if (x > (ULLONG_MAX - d) / base)
			return p;
		x = x * base + d;
	}
	if (q == start || (q < e && asmmap_namechar(*q)))
		return p;
	*v = x;
	return q;
}

/* A quoted string at p, unescaped into a new buffer (caller frees) of *n bytes plus a NUL.
 * Returns its end, or p when there is no string there (or no memory: *out stays NULL). */
static const char *asmmap_string(const char *p, const char *e, char **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (p >= e || *p != '"')
		return p;
	char *b = malloc((size_t)(e - p) + 1);
	if (!b)
		return p;
	size_t k = 0;
	const char *q = p + 1;
	while (q < e && *q != '"') {
		char c = *q++;
		if (c == '\\' && q < e) {
			c = *q++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'x': {
				unsigned v = 0;
				for (int d; q < e && (d = asmmap_hexval(*q)) >= 0; q++)
					v = (v * 16 + (unsigned)d) & 0xff;
				c = (char)v;
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					/* up to three octal digits */
					unsigned v = (unsigned)(c - '0');
					for (int i = 0; i < 2 && q < e && *q >= '0' && *q <= '7';
					     i++)
						v = v * 8 + (unsigned)(*q++ - '0');
					c = (char)(v & 0xff);
				}
				break;
			}
		}
		b[k++] = c;
	}
	b[k] = '\0';
	*out = b;
	*n = k;
	/* an unterminated string runs to the end of the statement */
	return q < e ? q + 1 : q;
}

/* ---- the pool ---- */

static size_t asmmap_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603ull & SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * (1099511628211ull & SIZE_MAX);
	return h;
}

static char *asmmap_alloc(struct asmmap_pool *p, size_t n)
{
	if (n > p->left) {
		size_t sz = n > ASMMAP_CHUNK ? n : ASMMAP_CHUNK;
		if (p->n_chunks == p->cap_chunks) {
			size_t cap = p->cap_chunks ? p->cap_chunks * 2 : 16;
			char **c = realloc(p->chunks, cap * sizeof *c);
			if (!c)
				return NULL;
			p->chunks = c;
			p->cap_chunks = cap;
		}
		char *b = malloc(sz);
		if (!b)
			return NULL;
		p->chunks[p->n_chunks++] = b;
		p->cur = b;
		p->left = sz;
	}
	char *r = p->cur;
	p->cur += n;
	p->left -= n;
	return r;
}

static int asmmap_grow_slots(struct asmmap_pool *p)
{
	size_t cap = p->cap ? p->cap * 2 : 1024;
	struct asmmap_slot *s = calloc(cap, sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < p->cap; i++) {
		if (!p->slots[i].s)
			continue;
		size_t j = p->slots[i].hash & (cap - 1);
		while (s[j].s)
			j = (j + 1) & (cap - 1);
		s[j] = p->slots[i];
	}
	free(p->slots);
	p->slots = s;
	p->cap = cap;
	return 0;
}

static int asmmap_slot_is(const struct asmmap_slot *sl, size_t h, const char *s, size_t n)
{
	return sl->hash == h && sl->len == n && memcmp(sl->s, s, n) == 0;
}

/* The slot of the string s[0..n), made when absent; NULL when out of memory. The pointer is
 * good until the next interning. */
static struct asmmap_slot *asmmap_intern(struct asmmap_pool *p, const char *s, size_t n)
{
	if ((p->used + 1) * 2 > p->cap && asmmap_grow_slots(p) < 0)
		return NULL;
	size_t h = asmmap_hash(s, n), j = h & (p->cap - 1);
	for (; p->slots[j].s; j = (j + 1) & (p->cap - 1))
		if (asmmap_slot_is(&p->slots[j], h, s, n))
			return &p->slots[j];
	char *c = asmmap_alloc(p, n + 1);
	if (!c)
		return NULL;
	memcpy(c, s, n);
	c[n] = '\0';
	p->slots[j] = (struct asmmap_slot){ .s = c, .len = n, .hash = h, .sym = -1, .file = -1 };
	p->used++;
	return &p->slots[j];
}

/* The slot of s, or NULL when it was never interned. */
const struct asmmap_slot *asmmap_lookup(const struct asmmap_pool *p, const char *s)
{
	if (!p || !p->cap || !s)
		return NULL;
	size_t n = strlen(s), h = asmmap_hash(s, n), j = h & (p->cap - 1);
	for (; p->slots[j].s; j = (j + 1) & (p->cap - 1))
		if (asmmap_slot_is(&p->slots[j], h, s, n))
			return &p->slots[j];
	return NULL;
}

const char *asmmap_str(struct asmmap_parser *ps, const char *s, size_t n)
{
	struct asmmap_slot *sl = asmmap_intern(ps->pool, s, n);
	if (!sl) {
		ps->oom = 1;
		return NULL;
	}
	return sl->s;
}

/* The record of symbol s[0..n), made when absent; NULL when out of memory. */
static struct asmmap_sym *asmmap_sym(struct asmmap_parser *ps, const char *s, size_t n)
{
	struct asmmap_pool *p = ps->pool;
	struct asmmap_slot *sl = asmmap_intern(p, s, n);
	if (!sl) {
		ps->oom = 1;
		return NULL;
	}
	if (sl->sym >= 0)
		return &p->syms[sl->sym];
	if (p->n_syms == p->cap_syms) {
		size_t cap = p->cap_syms ? p->cap_syms * 2 : 64;
		struct asmmap_sym *y = realloc(p->syms, cap * sizeof *y);
		if (!y) {
			ps->oom = 1;
			return NULL;
		}
		p->syms = y;
		p->cap_syms = cap;
	}
	sl->sym = (long)p->n_syms;
	struct asmmap_sym *y = &p->syms[p->n_syms++];
	*y = (struct asmmap_sym){ .name = sl->s, .func = -1, .object = -1 };
	return y;
}

void asmmap_pool_free(struct asmmap_pool *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_chunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	free(p->slots);
	free(p->syms);
	free(p);
}

/* ---- directives ---- */

static int asmmap_dir_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct asmmap_dirname *)elem)->name);
}

/* The directive id of the name s[0..n). */
static int asmmap_dir_id(const char *s, size_t n)
{
	if (n > 5 && memcmp(s, ".cfi_", 5) == 0)
		return DIR_CFI;
	char key[32];
	if (n >= sizeof key)
		return DIR_UNKNOWN;
	memcpy(key, s, n);
	key[n] = '\0';
	const struct asmmap_dirname *d = bsearch(key, asmmap_dirs, sizeof asmmap_dirs /
						  sizeof asmmap_dirs[0], sizeof asmmap_dirs[0],
						  asmmap_dir_cmp);
	return d ? d->id : DIR_UNKNOWN;
}

static int asmmap_is_debug(const char *sec)
{
	return sec && (strncmp(sec, ".debug", 6) == 0 || strncmp(sec, ".zdebug", 7) == 0 ||
		       strncmp(sec, ".gnu.debuglto_", 14) == 0);
}

/* Sections whose contents the view files under "other": notes and the .comment section. */
static int asmmap_is_note(const char *sec)
{
	return sec && (strncmp(sec, ".note", 5) == 0 || strcmp(sec, ".comment") == 0);
}

/* The kind of a line that switches to section sec. */
static int asmmap_section_kind(const char *sec)
{
	if (asmmap_is_debug(sec))
		return ASMMAP_DEBUG;
	if (asmmap_is_note(sec))
		return ASMMAP_OTHER;
	return ASMMAP_SECTION;
}

/* The section named by the operands of .section or .pushsection, interned. */
static const char *asmmap_section_name(struct asmmap_parser *ps, const char *p, const char *e)
{
	const char *s;
	size_t n;
	const char *q;
	if (p < e && *p == '"') {
		q = asmmap_name(p, e, &s, &n);
	} else {
		s = p;
		q = p;
		while (q < e && *q != ',' && !asmmap_space(*q))
			q++;
		n = (size_t)(q - p);
	}
	if (!n)
		return NULL;
	struct asmmap_slot *sl = asmmap_intern(ps->pool, s, n);
	if (!sl) {
		ps->oom = 1;
		return NULL;
	}
	/* the flags: .section .tbss,"awT",@nobits */
	q = asmmap_skip(q, e);
	if (q < e && *q == ',') {
		q = asmmap_skip(q + 1, e);
		if (q < e && *q == '"')
			for (const char *f = q + 1; f < e && *f != '"'; f++)
				sl->tls |= *f == 'T';
	}
	return sl->s;
}

static void asmmap_switch(struct asmmap_parser *ps, const char *sec)
{
	if (!sec)
		return;
	ps->prev = ps->sec;
	ps->sec = sec;
}

/* ---- files ---- */

/* path made canonical in place: no "//", no "." components, ".." folded where it can be.
 * The buffer must hold at least 2 bytes. */
void asmmap_normalise(char *path)
{
	int abs = path[0] == '/';
	char *root = path + abs, *out = root;
	const char *r = root;
	size_t depth = 0; /* components in out that a ".." may remove */
	while (*r) {
		const char *c = r;
		while (*r && *r != '/')
			r++;
		size_t n = (size_t)(r - c);
		if (*r)
			r++;
		if (n == 0 || (n == 1 && c[0] == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (depth > 0) {
				while (out > root && out[-1] != '/')
					out--;
				if (out > root)
					out--; /* the '/' before it */
				depth--;
				continue;
			}
			if (abs)
				continue; /* "/.." is "/" */
		} else {
			depth++;
		}
		/* out never passes c: it holds no more than what was read before c */
		if (out > root)
			*out++ = '/';
		memmove(out, c, n);
		out += n;
	}
	*out = '\0';
	if (!path[0]) {
		path[0] = '.';
		path[1] = '\0';
	}
}

/* dir joined to name, normalised (caller frees); NULL when out of memory. */
static char *asmmap_join(const char *base, const char *dir, const char *name)
{
	size_t n = (base ? strlen(base) : 0) + (dir ? strlen(dir) : 0) + strlen(name) + 4;
	char *b = malloc(n);
	if (!b)
		return NULL;
	b[0] = '\0';
	if (name[0] != '/') {
		/* a relative directory, or a name without one, is under the compilation's */
		if (base && (!dir || dir[0] != '/'))
			strcat(strcat(b, base), "/");
		if (dir)
			strcat(strcat(b, dir), "/");
	}
	strcat(b, name);
	asmmap_normalise(b);
	return b;
}

/* The index in m->files of path, added when absent; -1 when out of memory. */
static int asmmap_file_add(struct asmmap_parser *ps, const char *path)
{
	struct asmmap *m = ps->m;
	struct asmmap_slot *sl = asmmap_intern(ps->pool, path, strlen(path));
	if (!sl) {
		ps->oom = 1;
		return -1;
	}
	if (sl->file >= 0)
		return (int)sl->file;
	if (m->n_files == ps->cap_files) {
		size_t cap = ps->cap_files ? ps->cap_files * 2 : 8;
		struct asmmap_file *f = realloc(m->files, cap * sizeof *f);
		if (!f) {
			ps->oom = 1;
			return -1;
		}
		m->files = f;
		ps->cap_files = cap;
	}
	const char *slash = strrchr(sl->s, '/');
	m->files[m->n_files] = (struct asmmap_file){ .path = sl->s,
						     .name = slash ? slash + 1 : sl->s };
	sl->file = (long)m->n_files;
	return (int)m->n_files++;
}

/* .file [N] "dir" "name" [md5 ...], or the plain .file "name". Returns the line's kind. */
static int asmmap_file_directive(struct asmmap_parser *ps, const char *p, const char *e)
{
	struct asmmap *m = ps->m;
	unsigned long long num;
	const char *q = asmmap_number(p, e, &num);
	if (q == p) {
		/* the assembler's own `.file "hello.c"`: the name of the source */
		char *s;
		size_t n;
		asmmap_string(p, e, &s, &n);
		if (s && !m->source_name)
			m->source_name = asmmap_str(ps, s, n);
		free(s);
		return ASMMAP_OTHER;
	}
	char *a = NULL, *b = NULL;
	size_t na, nb;
	q = asmmap_skip(q, e);
	q = asmmap_skip(asmmap_string(q, e, &a, &na), e);
	asmmap_string(q, e, &b, &nb);
	if (!a || memchr(a, '\0', na) || (b && memchr(b, '\0', nb))) {
		free(a);
		free(b);
		return ASMMAP_LOC;
	}
	const char *dir = b ? a : NULL, *name = b ? b : a;
	if (num == 0 && dir && dir[0])
		ps->comp_dir = asmmap_str(ps, dir, strlen(dir));
	char *path = asmmap_join(ps->comp_dir, dir, name);
	int idx = path ? asmmap_file_add(ps, path) : -1;
	if (!path)
		ps->oom = 1;
	free(path);
	free(a);
	free(b);
	if (idx < 0 || num >= ASMMAP_MAX_FILENO)
		return ASMMAP_LOC;
	if (num >= ps->n_fileno) {
		/* grow to cover num, by doubling */
		size_t cap = ps->n_fileno ? ps->n_fileno : 16;
		while (cap <= num)
			cap *= 2;
		int *t = realloc(ps->fileno, cap * sizeof *t);
		if (!t) {
			ps->oom = 1;
			return ASMMAP_LOC;
		}
		for (size_t i = ps->n_fileno; i < cap; i++)
			t[i] = -1;
		ps->fileno = t;
		ps->n_fileno = cap;
	}
	ps->fileno[num] = idx;
	if (num == 0) {
		m->primary_file = idx;
		ps->seen_file0 = 1;
	} else if (!ps->seen_file0 && num < ps->lowest_fileno) {
		m->primary_file = idx;
		ps->lowest_fileno = (unsigned)num;
	}
	return ASMMAP_LOC;
}

/* .loc FILENO LINE [COLUMN] [options]: the position goes on the .loc line itself. */
static void asmmap_loc_directive(struct asmmap_parser *ps, struct asmmap_line *l, const char *p,
				 const char *e)
{
	unsigned long long f, line, col = 0;
	const char *q = asmmap_number(p, e, &f);
	if (q == p)
		return;
	p = asmmap_skip(q, e);
	q = asmmap_number(p, e, &line);
	if (q == p || line > UINT_MAX)
		return;
	p = asmmap_skip(q, e);
	q = asmmap_number(p, e, &col);
	if (q == p || col > UINT_MAX)
		col = 0;
	int file = f < ps->n_fileno ? ps->fileno[f] : -1;
	/* DWARF 5 lets .loc name file 0; gas makes it a copy of file 1 when .file 0 is absent */
	if (file < 0 && f == 0 && ps->n_fileno > 1)
		file = ps->fileno[1];
	if (file < 0)
		return;
	l->file = file;
	l->src_line = (unsigned)line;
	l->src_col = (unsigned)col;
}

/* ---- symbols ---- */

/* Apply fn to each name of a comma-separated list: .globl a, b */
static void asmmap_names(struct asmmap_parser *ps, const char *p, const char *e, int id)
{
	while (p < e) {
		const char *s;
		size_t n;
		p = asmmap_skip(p, e);
		const char *q = asmmap_name(p, e, &s, &n);
		if (n) {
			struct asmmap_sym *y = asmmap_sym(ps, s, n);
			if (!y)
				return;
			switch (id) {
			case DIR_GLOBL: y->global = 1; break;
			case DIR_LOCAL: y->local = 1; break;
			case DIR_WEAK: y->weak = 1; break;
			case DIR_HIDDEN: y->hidden = 1; break;
			default: break;
			}
		}
		p = asmmap_skip(q, e);
		if (p >= e || *p != ',')
			return;
		p++;
	}
}

/* The symbol type a .type operand names: @function, %object, "tls_object", STT_FUNC... */
int asmmap_stype(const char *p, const char *e)
{
	if (p < e && (*p == '@' || *p == '%' || *p == '#' || *p == '"'))
		p++;
	const char *q = p;
	while (q < e && asmmap_namechar(*q))
		q++;
	size_t n = (size_t)(q - p);
	if (asmmap_word_is(p, n, "function") || asmmap_word_is(p, n, "STT_FUNC"))
		return STYPE_FUNC;
	if (asmmap_word_is(p, n, "gnu_indirect_function") || asmmap_word_is(p, n, "STT_GNU_IFUNC"))
		return STYPE_IFUNC;
	if (asmmap_word_is(p, n, "object") || asmmap_word_is(p, n, "STT_OBJECT") ||
	    asmmap_word_is(p, n, "gnu_unique_object") || asmmap_word_is(p, n, "common") ||
	    asmmap_word_is(p, n, "STT_COMMON"))
		return STYPE_OBJECT;
	if (asmmap_word_is(p, n, "tls_object") || asmmap_word_is(p, n, "STT_TLS"))
		return STYPE_TLS;
	return STYPE_OTHER;
}

/* .type NAME, TYPE   .size NAME, EXPR   .comm NAME, SIZE[, ALIGN]   .lcomm NAME, SIZE */
static void asmmap_sym_directive(struct asmmap_parser *ps, int id, unsigned n_line,
				 const char *p, const char *e)
{
	const char *s;
	size_t n;
	const char *q = asmmap_name(p, e, &s, &n);
	if (!n)
		return;
	struct asmmap_sym *y = asmmap_sym(ps, s, n);
	if (!y)
		return;
	q = asmmap_skip(q, e);
	if (q < e && *q == ',')
		q = asmmap_skip(q + 1, e);
	unsigned long long v;
	const char *r;
	switch (id) {
	case DIR_TYPE:
		if (!y->type_line) {
			y->type_line = n_line;
			y->stype = asmmap_stype(q, e);
		}
		break;
	case DIR_SIZE:
		if (y->size_line)
			break;
		y->size_line = n_line;
		r = asmmap_number(q, e, &v);
		if (r != q && asmmap_skip(r, e) == e) {
			y->size = v;
			y->size_known = 1;
		}
		break;
	case DIR_COMM:
	case DIR_LCOMM:
		if (y->comm_line)
			break;
		y->comm_line = n_line;
		y->common = 1;
		y->lcomm = id == DIR_LCOMM;
		r = asmmap_number(q, e, &v);
		if (r != q) {
			y->size = v;
			y->size_known = 1;
		}
		break;
	default:
		break;
	}
}

/* NAME, EXPR (or NAME = EXPR): when EXPR is another symbol, NAME is its alias, which gcc
 * makes for __attribute__((alias)). */
static void asmmap_set_directive(struct asmmap_parser *ps, unsigned n_line, const char *p,
				 const char *e)
{
	const char *s, *t;
	size_t n, tn;
	const char *q = asmmap_skip(asmmap_name(p, e, &s, &n), e);
	if (!n || q >= e || (*q != ',' && *q != '='))
		return;
	q = asmmap_skip(q + 1, e);
	const char *r = asmmap_name(q, e, &t, &tn);
	if (!tn || asmmap_skip(r, e) != e || asmmap_digit(t[0]) || asmmap_word_is(t, tn, "."))
		return;
	const char *target = asmmap_str(ps, t, tn);
	struct asmmap_sym *y = target ? asmmap_sym(ps, s, n) : NULL;
	if (y && !y->alias) {
		y->alias = target;
		y->alias_line = n_line;
	}
}

/* ---- calls ---- */

static int asmmap_prefix(const char *p, size_t n)
{
	static const char *const prefixes[] = {
		"notrack", "bnd", "lock", "rep", "repe", "repz", "repne", "repnz", "data16",
		"addr32", "cs", "ds", "rex", "rex64",
	};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (asmmap_word_is(p, n, prefixes[i]))
			return 1;
	return 0;
}

/* A local label that a call or jmp cannot mean as a function: .L5, 1f, 2b. */
static int asmmap_local_label(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '.' && s[1] == 'L')
		return 1;
	size_t i = 0;
	while (i < n && asmmap_digit(s[i]))
		i++;
	return i > 0 && i + 1 == n && (s[i] == 'f' || s[i] == 'b');
}

static void asmmap_add_call(struct asmmap_parser *ps, const struct asmmap_call *c)
{
	struct asmmap *m = ps->m;
	if (m->n_calls == ps->cap_calls) {
		size_t cap = ps->cap_calls ? ps->cap_calls * 2 : 64;
		struct asmmap_call *a = realloc(m->calls, cap * sizeof *a);
		if (!a) {
			ps->oom = 1;
			return;
		}
		m->calls = a;
		ps->cap_calls = cap;
	}
	m->calls[m->n_calls++] = *c;
}

/* An instruction [p, e) with its first word [p, p + n): record it when it calls. */
static void asmmap_insn(struct asmmap_parser *ps, unsigned n_line, const char *p, size_t n,
			const char *e)
{
	while (asmmap_prefix(p, n)) {
		p = asmmap_skip(p + n, e);
		const char *q = p;
		while (q < e && asmmap_namechar(*q))
			q++;
		n = (size_t)(q - p);
		if (!n)
			return;
	}
	int call = asmmap_word_is(p, n, "call") || asmmap_word_is(p, n, "callq");
	int jmp = asmmap_word_is(p, n, "jmp") || asmmap_word_is(p, n, "jmpq");
	if (!call && !jmp)
		return;
	const char *o = asmmap_skip(p + n, e);
	struct asmmap_call c = {
		.line = n_line, .func = -1, .callee = -1, .file = -1, .tail = jmp,
	};
	const char *s;
	size_t sn;
	if (o < e && (*o == '*' || *o == '%')) {
		/* through the GOT: *SYM@GOTPCREL(%rip) */
		const char *q = asmmap_name(o + (*o == '*'), e, &s, &sn);
		static const char got[] = "@GOTPCREL(%rip)";
		if (*o == '*' && sn && !asmmap_local_label(s, sn) &&
		    (size_t)(e - q) >= sizeof got - 1 && memcmp(q, got, sizeof got - 1) == 0 &&
		    asmmap_skip(q + sizeof got - 1, e) == e) {
			c.target = asmmap_str(ps, s, sn);
			c.got = 1;
		} else if (jmp) {
			return; /* a jump table, or an indirect sibling call: they look alike */
		} else {
			c.indirect = 1;
		}
	} else {
		const char *q = asmmap_name(o, e, &s, &sn);
		if (!sn || asmmap_local_label(s, sn) || asmmap_digit(s[0]))
			return;
		if (e - q >= 4 && memcmp(q, "@PLT", 4) == 0) {
			c.plt = 1;
			q += 4;
		}
		if (asmmap_skip(q, e) != e)
			return; /* an address expression, not a plain symbol */
		c.target = asmmap_str(ps, s, sn);
	}
	if (!ps->oom)
		asmmap_add_call(ps, &c);
}

/* ---- pass 1: one line ---- */

/* The end of the first statement in [p, e): a '#' comment, a C comment or a ';' outside a
 * string. A C comment that does not close on the line goes on to the next lines. */
static const char *asmmap_statement_end(struct asmmap_parser *ps, const char *p, const char *e)
{
	int str = 0;
	for (const char *q = p; q < e; q++) {
		if (str) {
			if (*q == '\\' && q + 1 < e)
				q++;
			else if (*q == '"')
				str = 0;
			continue;
		}
		if (*q == '"') {
			str = 1;
		} else if (*q == '#' || *q == ';') {
			return q;
		} else if (*q == '/' && q + 1 < e && q[1] == '*') {
			const char *c = q + 2;
			int closed = 0;
			for (; c + 1 < e; c++)
				if (c[0] == '*' && c[1] == '/') {
					closed = 1;
					break;
				}
			if (!closed)
				ps->in_comment = 1;
			return q;
		}
	}
	return e;
}

/* Pass 1 on line n_line: its kind, and what its first statement declares or calls. */
void asmmap_line(struct asmmap_parser *ps, unsigned n_line)
{
	struct asmmap *m = ps->m;
	struct asmmap_line *l = &m->lines[n_line];
	const char *s = m->text + l->off, *e = s + l->len, *p = s;
	l->func = -1;
	l->file = -1;
	l->word = l->len;
	l->kind = ASMMAP_BLANK;
	if (ps->in_comment) {
		const char *c = p;
		for (; c + 1 < e; c++)
			if (c[0] == '*' && c[1] == '/')
				break;
		if (c + 1 >= e)
			return;
		ps->in_comment = 0;
		p = c + 2;
	}
	p = asmmap_skip(p, e);
	/* a line may open with comments that close on it */
	while (e - p >= 2 && p[0] == '/' && p[1] == '*') {
		const char *c = p + 2;
		for (; c + 1 < e; c++)
			if (c[0] == '*' && c[1] == '/')
				break;
		if (c + 1 >= e) {
			ps->in_comment = 1;
			return;
		}
		p = asmmap_skip(c + 2, e);
	}
	e = asmmap_statement_end(ps, p, e);
	while (e > p && asmmap_space(e[-1]))
		e--;
	if (p == e)
		return;

	/* everything in a debug or note section is of its kind, but what switches sections
	 * and the directives that are kinds of their own (.loc, .file, .cfi_*, .ident) */
	int forced = asmmap_is_debug(ps->sec) ? ASMMAP_DEBUG :
		     asmmap_is_note(ps->sec) ? ASMMAP_OTHER : -1;

	/* a label: NAME: or "NAME": or 1: */
	const char *ns;
	size_t nn;
	const char *q = asmmap_name(p, e, &ns, &nn);
	if (nn && q < e && *q == ':') {
		int numeric = 1;
		for (size_t i = 0; i < nn; i++)
			numeric &= asmmap_digit(ns[i]);
		if (!asmmap_digit(ns[0]) || numeric) {
			if (!numeric) {
				struct asmmap_sym *y = asmmap_sym(ps, ns, nn);
				if (y && !y->label_line) {
					y->label_line = n_line;
					y->section = ps->sec;
				}
			}
			l->kind = forced >= 0 ? forced : ASMMAP_LABEL;
			p = asmmap_skip(q + 1, e);
			if (p == e)
				return;
			q = asmmap_name(p, e, &ns, &nn);
		}
	}

	/* NAME = EXPR sets a symbol */
	const char *a = asmmap_skip(q, e);
	if (nn && a < e && *a == '=' && (a + 1 >= e || a[1] != '=')) {
		l->kind = forced >= 0 ? forced : ASMMAP_SYMBOL;
		if (forced < 0)
			asmmap_set_directive(ps, n_line, p, e);
		return;
	}
	l->word = (unsigned)(p - s);

	if (*p != '.' || !nn) {
		if (!nn || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
			l->kind = forced >= 0 ? forced : ASMMAP_OTHER;
			l->word_len = nn ? (unsigned)nn : 1;
			return;
		}
		l->word_len = (unsigned)nn;
		l->kind = forced >= 0 ? forced : ASMMAP_INSN;
		if (l->kind == ASMMAP_INSN)
			asmmap_insn(ps, n_line, p, nn, e);
		return;
	}

	/* a directive */
	l->word_len = (unsigned)nn;
	int id = asmmap_dir_id(p, nn);
	ps->dir[n_line] = (unsigned char)id;
	const char *sec;
	switch (id) {
	case DIR_LOC:
		l->kind = ASMMAP_LOC;
		asmmap_loc_directive(ps, l, a, e);
		return;
	case DIR_LOC_OTHER:
		l->kind = ASMMAP_LOC;
		return;
	case DIR_FILE:
		l->kind = asmmap_file_directive(ps, a, e);
		return;
	case DIR_CFI:
		l->kind = ASMMAP_CFI;
		return;
	case DIR_IDENT:
		l->kind = ASMMAP_OTHER;
		return;
	case DIR_TEXT:
	case DIR_DATA:
	case DIR_BSS:
		sec = asmmap_str(ps, p, nn);
		asmmap_switch(ps, sec);
		l->kind = asmmap_section_kind(sec);
		return;
	case DIR_SECTION:
		sec = asmmap_section_name(ps, a, e);
		asmmap_switch(ps, sec);
		l->kind = asmmap_section_kind(sec ? sec : ps->sec);
		return;
	case DIR_PUSHSECTION:
		sec = asmmap_section_name(ps, a, e);
		if (ps->push_depth < ASMMAP_MAX_PUSH) {
			ps->push_sec[ps->push_depth] = ps->sec;
			ps->push_prev[ps->push_depth] = ps->prev;
		}
		ps->push_depth++;
		asmmap_switch(ps, sec);
		l->kind = asmmap_section_kind(sec ? sec : ps->sec);
		return;
	case DIR_POPSECTION:
		if (ps->push_depth > 0 && --ps->push_depth < ASMMAP_MAX_PUSH) {
			ps->sec = ps->push_sec[ps->push_depth];
			ps->prev = ps->push_prev[ps->push_depth];
		}
		l->kind = asmmap_section_kind(ps->sec);
		return;
	case DIR_PREVIOUS:
		sec = ps->sec;
		ps->sec = ps->prev;
		ps->prev = sec;
		l->kind = asmmap_section_kind(ps->sec);
		return;
	case DIR_SUBSECTION:
		l->kind = asmmap_section_kind(ps->sec);
		return;
	default:
		break;
	}
	if (forced >= 0) {
		l->kind = forced;
		return;
	}
	switch (id) {
	case DIR_GLOBL:
	case DIR_LOCAL:
	case DIR_WEAK:
	case DIR_HIDDEN:
	case DIR_INTERNAL:
	case DIR_PROTECTED:
		l->kind = ASMMAP_SYMBOL;
		asmmap_names(ps, a, e, id);
		return;
	case DIR_TYPE:
	case DIR_SIZE:
	case DIR_COMM:
	case DIR_LCOMM:
		l->kind = ASMMAP_SYMBOL;
		asmmap_sym_directive(ps, id, n_line, a, e);
		return;
	case DIR_SET:
		l->kind = ASMMAP_SYMBOL;
		asmmap_set_directive(ps, n_line, a, e);
		return;
	case DIR_SYMBOL_OTHER:
		l->kind = ASMMAP_SYMBOL;
		return;
	case DIR_DATA_DIR:
		l->kind = ASMMAP_DATA;
		return;
	default:
		l->kind = ASMMAP_OTHER;
		return;
	}
}
