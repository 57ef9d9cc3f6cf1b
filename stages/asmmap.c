/* asmmap: the facts of a gcc assembly file. See asmmap.h.
 *
 * The reader makes a few passes over the indexed lines:
 *   1. each line alone: its kind, the directive or mnemonic, what it declares (labels,
 *      .type, .size, .globl..., .file N, .loc), the current section, the calls;
 *   2. the functions and objects from the symbols, and which function owns each line;
 *   3. the source position of each line, from the last .loc in the same function;
 *   4. the reverse map (ranges), sorted; the calls get their function and position.
 * Names (symbols, sections, files) are interned once in a pool, so the public structs point
 * at shared strings that live until asmmap_free().
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/asmmap.h"
#include "stages/i18n.h"

/* .file numbers beyond this are not tracked: gcc counts from 0 by ones, and a table indexed
 * by the number must stay small whatever the input says. */
#define ASMMAP_MAX_FILENO 65536u
/* .pushsection depth that is remembered; deeper pushes are counted but not saved. */
#define ASMMAP_MAX_PUSH 64
#define ASMMAP_CHUNK 65536

/* What pass 1 needs to know about a directive. */
enum asmmap_dir {
	DIR_NONE,
	DIR_UNKNOWN,
	DIR_LOC,
	DIR_LOC_OTHER,   /* .loc_mark_labels */
	DIR_FILE,
	DIR_CFI,
	DIR_IDENT,
	DIR_TEXT,
	DIR_DATA,
	DIR_BSS,
	DIR_SECTION,
	DIR_PUSHSECTION,
	DIR_POPSECTION,
	DIR_PREVIOUS,
	DIR_SUBSECTION,
	DIR_GLOBL,
	DIR_LOCAL,
	DIR_WEAK,
	DIR_HIDDEN,
	DIR_INTERNAL,
	DIR_PROTECTED,
	DIR_TYPE,
	DIR_SIZE,
	DIR_COMM,
	DIR_LCOMM,
	DIR_SET,          /* .set .equ .equiv .eqv: NAME, EXPR */
	DIR_SYMBOL_OTHER, /* .symver .weakref .extern */
	DIR_DATA_DIR,     /* .string .long .zero .p2align ... */
	DIR_OTHER,        /* known, but none of the above: .att_syntax, .code64 ... */
};

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

/* What .type said. */
enum asmmap_stype { STYPE_NONE, STYPE_FUNC, STYPE_IFUNC, STYPE_OBJECT, STYPE_TLS, STYPE_OTHER };

/* Everything the file says about one symbol, whatever order it says it in. */
struct asmmap_sym {
	const char *name;
	int stype;               /* enum asmmap_stype */
	unsigned type_line, label_line, size_line, comm_line;
	const char *section;     /* at the label */
	const char *alias;       /* NAME in `.set THIS, NAME` or `THIS = NAME` */
	unsigned alias_line;
	unsigned long long size;
	int size_known;
	int global, local, weak, hidden, common, lcomm;
	long func, object;       /* indexes once built, else -1 */
};

/* One interned string; sym and file are indexes or -1. */
struct asmmap_slot {
	const char *s;
	size_t len;
	size_t hash;
	long sym;
	long file;
	int tls;  /* a section name that a .section line gave the "T" (thread-local) flag */
};

struct asmmap_pool {
	char **chunks;
	size_t n_chunks, cap_chunks;
	char *cur;
	size_t left;
	struct asmmap_slot *slots; /* open addressing, cap a power of two */
	size_t cap, used;
	struct asmmap_sym *syms;
	size_t n_syms, cap_syms;
};

/* The parser's state between lines. */
struct asmmap_parser {
	struct asmmap *m;
	struct asmmap_pool *pool;
	unsigned char *dir;       /* per line: enum asmmap_dir of its statement */
	const char *sec, *prev;   /* the current and the previous section */
	const char *push_sec[ASMMAP_MAX_PUSH], *push_prev[ASMMAP_MAX_PUSH];
	size_t push_depth;
	int in_comment;           /* inside a C comment that began on an earlier line */
	int *fileno;              /* .file number -> index in m->files, -1 */
	size_t n_fileno;
	const char *comp_dir;     /* .file 0's directory */
	int seen_file0;
	unsigned lowest_fileno;
	size_t cap_files, cap_calls;
	int oom;
};

/* ---- small text helpers, all on [p, e) ---- */

static int asmmap_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

static int asmmap_namechar(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
	       u == '_' || u == '.' || u == '$' || u >= 0x80;
}

static int asmmap_digit(char c)
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

static const char *asmmap_skip(const char *p, const char *e)
{
	while (p < e && asmmap_space(*p))
		p++;
	return p;
}

static int asmmap_word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* A symbol name at p: a run of name characters, or a quoted name. Returns its end (p when
 * there is none); *s and *n get the name itself. */
static const char *asmmap_name(const char *p, const char *e, const char **s, size_t *n)
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
static const struct asmmap_slot *asmmap_lookup(const struct asmmap_pool *p, const char *s)
{
	if (!p || !p->cap || !s)
		return NULL;
	size_t n = strlen(s), h = asmmap_hash(s, n), j = h & (p->cap - 1);
	for (; p->slots[j].s; j = (j + 1) & (p->cap - 1))
		if (asmmap_slot_is(&p->slots[j], h, s, n))
			return &p->slots[j];
	return NULL;
}

static const char *asmmap_str(struct asmmap_parser *ps, const char *s, size_t n)
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

static void asmmap_pool_free(struct asmmap_pool *p)
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
static void asmmap_normalise(char *path)
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
static int asmmap_stype(const char *p, const char *e)
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
static void asmmap_line(struct asmmap_parser *ps, unsigned n_line)
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

const char *asmmap_clone_explain(unsigned clone_bit)
{
	switch (clone_bit) {
	case ASMMAP_CLONE_CONSTPROP:
		return _("A copy of the function specialised for a constant value that some or all "
		       "of its callers pass as an argument (interprocedural constant "
		       "propagation).");
	case ASMMAP_CLONE_ISRA:
		return _("A copy of the function with its parameters changed: unused ones removed, "
		       "or the needed parts of a structure passed instead of the structure or a "
		       "pointer to it (interprocedural scalar replacement of aggregates).");
	case ASMMAP_CLONE_PART:
		return _("The part of a function that gcc split off, so that the short, commonly "
		       "run start of it can be inlined into its callers (partial inlining).");
	case ASMMAP_CLONE_COLD:
		return _("The rarely run part of a function, which gcc moved into .text.unlikely, "
		       "away from the code that runs often.");
	case ASMMAP_CLONE_LTO_PRIV:
		return _("A file-local function renamed by link-time optimisation, so that it "
		       "cannot clash with a same-named one from another file.");
	default:
		return NULL;
	}
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

/* ---- explanations ---- */

struct asmmap_text {
	const char *key;
	const char *text;
};

/* What each section holds, by name; a key ending in '*' matches the names it begins. */
static const struct asmmap_text asmmap_section_texts[] = {
	{ ".text.startup*", N_("Switches to .text.startup: functions called only once, at start-up, "
	  "such as main and constructors; when optimising, gcc puts them here so that the linker "
	  "can keep them apart from the code that runs often.") },
	{ ".text.unlikely*", N_("Switches to .text.unlikely: code gcc expects to run rarely (cold "
	  "paths and functions marked cold), which the linker keeps apart from the code that "
	  "runs often.") },
	{ ".text.hot*", N_("Switches to .text.hot: code gcc expects to run often (functions marked "
	  "hot), which the linker keeps together.") },
	{ ".text.exit*", N_("Switches to .text.exit: code that runs only when the program exits, "
	  "such as destructors.") },
	{ ".text*", N_("Switches to the .text section: machine code.") },
	{ ".rodata.str*", N_("Switches to a mergeable string section: read-only string literals, "
	  "which the linker stores once when several files hold the same string.") },
	{ ".rodata.cst*", N_("Switches to a mergeable constant section: read-only constants of one "
	  "fixed size (such as floating-point numbers), which the linker stores once when "
	  "several files hold the same value.") },
	{ ".rodata*", N_("Switches to the .rodata section: read-only data, such as const "
	  "variables, string literals and jump tables.") },
	{ ".data.rel.ro*", N_("Switches to .data.rel.ro: constant data that holds addresses, which "
	  "the dynamic linker fills in when the program loads; the section can then be made "
	  "read-only (RELRO).") },
	{ ".data.rel*", N_("Switches to .data.rel: writable data that holds addresses, which the "
	  "dynamic linker fills in when the program loads.") },
	{ ".data*", N_("Switches to the .data section: writable variables with an initial value, "
	  "stored in the file.") },
	{ ".bss*", N_("Switches to the .bss section: writable variables that start as zero; they "
	  "take no room in the file, only in memory.") },
	{ ".tdata*", N_("Switches to .tdata: thread-local variables with an initial value; each "
	  "thread gets its own copy.") },
	{ ".tbss*", N_("Switches to .tbss: thread-local variables that start as zero; each thread "
	  "gets its own copy.") },
	{ ".init_array*", N_("Switches to .init_array: addresses of functions that run before main "
	  "(constructors).") },
	{ ".fini_array*", N_("Switches to .fini_array: addresses of functions that run when the "
	  "program exits (destructors).") },
	{ ".note.GNU-stack", N_("An empty section whose flags tell the linker whether this code "
	  "needs an executable stack; without the \"x\" flag it does not, so the program's stack "
	  "is not executable.") },
	{ ".note.gnu.property", N_("Switches to .note.gnu.property: a note that records properties "
	  "of the code for the linker and the loader, such as its support for Intel CET.") },
	{ ".note*", N_("Switches to a note section: information about the file for the linker, "
	  "the loader or other tools, not part of the program's code or data.") },
	{ ".comment", N_("Switches to .comment: version strings of the tools that built the file, "
	  "not loaded into memory.") },
	{ ".gcc_except_table*", N_("Switches to .gcc_except_table: the tables that tell exception "
	  "handling which cleanups to run in this code.") },
	{ ".eh_frame*", N_("Switches to .eh_frame: the call frame information used to unwind the "
	  "stack.") },
	{ ".debug_info", N_("Switches to .debug_info: DWARF debugging information describing the "
	  "program's functions, variables, types and scopes, for the debugger.") },
	{ ".debug_abbrev", N_("Switches to .debug_abbrev: the DWARF abbreviation table that gives "
	  "the layout of the entries in .debug_info.") },
	{ ".debug_line", N_("Switches to .debug_line: the DWARF line table, which maps machine code "
	  "addresses to source lines; the assembler builds it from the .file and .loc "
	  "directives.") },
	{ ".debug_line_str", N_("Switches to .debug_line_str: the directory and file names the "
	  "DWARF 5 line table refers to.") },
	{ ".debug_str", N_("Switches to .debug_str: strings, such as names, that the DWARF "
	  "debugging information refers to.") },
	{ ".debug_aranges", N_("Switches to .debug_aranges: the address ranges of the code this "
	  "file contributes, so a debugger can find its debugging information by address.") },
	{ ".debug_rnglists", N_("Switches to .debug_rnglists: lists of address ranges for functions "
	  "and scopes whose code is not in one piece (DWARF 5).") },
	{ ".debug_loclists", N_("Switches to .debug_loclists: where each variable lives (which "
	  "register or stack slot) over ranges of addresses, for the debugger (DWARF 5).") },
	{ ".debug_macro", N_("Switches to .debug_macro: the macro definitions, for the debugger.") },
	{ ".debug*", N_("Switches to a DWARF debugging section: information for the debugger, not "
	  "loaded when the program runs.") },
};

/* The explanation of .cfi_NAME, by NAME. */
static const struct asmmap_text asmmap_cfi_texts[] = {
	{ ".cfi_startproc", N_("Starts the call frame information of a function, from which the "
	  "assembler makes its entry in .eh_frame, used to unwind the stack.") },
	{ ".cfi_endproc", N_("Ends the function's call frame information and emits its entry in "
	  ".eh_frame.") },
	{ ".cfi_def_cfa_offset", N_("Call frame information: from here the canonical frame "
	  "address (the stack pointer's value just before the call) is this many bytes above "
	  "the register it is computed from.") },
	{ ".cfi_adjust_cfa_offset", N_("Call frame information: from here the canonical frame "
	  "address is this many bytes further from the register it is computed from.") },
	{ ".cfi_def_cfa_register", N_("Call frame information: from here the canonical frame "
	  "address is computed from this register (DWARF numbers: 6 is %rbp, 7 is %rsp), with "
	  "the same offset.") },
	{ ".cfi_def_cfa", N_("Call frame information: from here the canonical frame address is "
	  "this register (DWARF numbers: 6 is %rbp, 7 is %rsp) plus this offset.") },
	{ ".cfi_offset", N_("Call frame information: the caller's value of this register (DWARF "
	  "numbers: 3 is %rbx, 6 is %rbp) is saved at this offset from the canonical frame "
	  "address.") },
	{ ".cfi_rel_offset", N_("Call frame information: the caller's value of this register is "
	  "saved at this offset from the register the frame address is computed from.") },
	{ ".cfi_restore", N_("Call frame information: from here this register has the value it "
	  "had when the function was entered.") },
	{ ".cfi_remember_state", N_("Call frame information: saves the current unwinding rules, "
	  "to be restored after code (such as an early return) that changes them.") },
	{ ".cfi_restore_state", N_("Call frame information: restores the unwinding rules saved by "
	  "the last .cfi_remember_state.") },
	{ ".cfi_escape", N_("Call frame information given as raw DWARF bytes, for a rule the "
	  "assembler has no directive for.") },
	{ ".cfi_personality", N_("Names the personality routine that exception handling calls "
	  "for this function.") },
	{ ".cfi_lsda", N_("Names this function's language-specific data area: the tables that "
	  "exception handling reads.") },
	{ ".cfi_sections", N_("Chooses the sections the call frame information goes into "
	  "(.eh_frame, .debug_frame).") },
	{ ".cfi_signal_frame", N_("Call frame information: marks this function as a signal "
	  "handler's frame.") },
};

/* Everything else, by name. */
static const struct asmmap_text asmmap_dir_texts[] = {
	{ ".2byte", N_("Emits each value as 2 bytes.") },
	{ ".4byte", N_("Emits each value as 4 bytes.") },
	{ ".8byte", N_("Emits each value as 8 bytes.") },
	{ ".align", N_("Pads to the next address that is a multiple of this many bytes (on x86-64 "
	  "ELF the argument counts bytes); in code, unless a fill value is given, the padding "
	  "is no-op instructions.") },
	{ ".ascii", N_("Emits the bytes of the string, with no NUL byte added.") },
	{ ".asciz", N_("Emits the bytes of the string followed by a NUL (zero) byte: a C string.") },
	{ ".balign", N_("Pads to the next address that is a multiple of this many bytes; in code, "
	  "unless a fill value is given, the padding is no-op instructions.") },
	{ ".bss", N_("Switches to the .bss section: writable variables that start as zero; they "
	  "take no room in the file, only in memory.") },
	{ ".byte", N_("Emits each value as 1 byte.") },
	{ ".comm", N_("Declares a common symbol of this size: the linker merges the same-named "
	  "common symbols of all object files and gives it zeroed memory when no file defines "
	  "it (after .local, it is zeroed memory in .bss for this file alone).") },
	{ ".data", N_("Switches to the .data section: writable variables with an initial value, "
	  "stored in the file.") },
	{ ".double", N_("Emits each number as an 8-byte IEEE floating-point double.") },
	{ ".equ", N_("Sets the symbol to the value of the expression.") },
	{ ".file", N_("Names the source file this assembly came from; it becomes a FILE symbol in "
	  "the symbol table.") },
	{ ".float", N_("Emits each number as a 4-byte IEEE floating-point single.") },
	{ ".global", N_("Makes the symbol visible to the linker from other object files (a global "
	  "symbol).") },
	{ ".globl", N_("Makes the symbol visible to the linker from other object files (a global "
	  "symbol).") },
	{ ".hidden", N_("Gives the symbol hidden visibility: other object files in the same link "
	  "can use it, but the executable or shared library made from them does not export it.") },
	{ ".hword", N_("Emits each value as 2 bytes.") },
	{ ".ident", N_("Records an identification string, here the compiler's name and version, "
	  "in the object file's .comment section.") },
	{ ".int", N_("Emits each value as 4 bytes (on x86-64).") },
	{ ".internal", N_("Gives the symbol internal visibility: like hidden, it is not exported "
	  "from the executable or shared library.") },
	{ ".lcomm", N_("Reserves this many bytes of zeroed memory in .bss for a symbol local to "
	  "this file.") },
	{ ".loc", N_("Gives the source file (by its .file number), line and column of the "
	  "instructions that follow, for the debugger's line table (.debug_line).") },
	{ ".local", N_("Makes the symbol local: it is not visible outside this object file.") },
	{ ".long", N_("Emits each value as 4 bytes (on x86-64).") },
	{ ".octa", N_("Emits each value as 16 bytes.") },
	{ ".p2align", N_("Pads to the next address that is a multiple of 2 to the power of the "
	  "first argument (.p2align 4: 16 bytes); when a third argument is given and more bytes "
	  "than that would be needed, it does not pad at all; in code the padding is no-op "
	  "instructions.") },
	{ ".popsection", N_("Goes back to the section that was current before the matching "
	  ".pushsection.") },
	{ ".previous", N_("Goes back to the section that was current before the last section "
	  "change.") },
	{ ".protected", N_("Gives the symbol protected visibility: a shared library exports it, "
	  "but its own references to it always use its own definition.") },
	{ ".pushsection", N_("Switches to the named section, keeping the current one on a stack for "
	  ".popsection to return to.") },
	{ ".quad", N_("Emits each value as 8 bytes.") },
	{ ".section", N_("Switches to the named section; the quoted flags say what it is (a: "
	  "occupies memory, w: writable, x: executable, M: mergeable, S: strings, T: "
	  "thread-local) and @progbits or @nobits whether the file holds its contents.") },
	{ ".set", N_("Sets the symbol to the value of the expression; gcc writes .set NAME, TARGET "
	  "to make NAME another name (an alias) for TARGET.") },
	{ ".short", N_("Emits each value as 2 bytes.") },
	{ ".single", N_("Emits each number as a 4-byte IEEE floating-point single.") },
	{ ".size", N_("Records the symbol's size in bytes in the symbol table; \".-NAME\" is the "
	  "distance from the symbol's label to here.") },
	{ ".skip", N_("Emits this many bytes, zero unless a fill value is given.") },
	{ ".sleb128", N_("Emits each value as a signed LEB128 number: a compact, variable-length "
	  "encoding used by DWARF debugging information.") },
	{ ".space", N_("Emits this many bytes, zero unless a fill value is given.") },
	{ ".string", N_("Emits the bytes of the string followed by a NUL (zero) byte: a C string.") },
	{ ".symver", N_("Gives the symbol a version name for the linker's symbol versioning.") },
	{ ".text", N_("Switches to the .text section: machine code.") },
	{ ".type", N_("Sets the symbol's type in the symbol table: a function or a data object.") },
	{ ".uleb128", N_("Emits each value as an unsigned LEB128 number: a compact, "
	  "variable-length encoding used by DWARF debugging information.") },
	{ ".value", N_("Emits each value as 2 bytes.") },
	{ ".weak", N_("Makes the symbol weak: a strong (ordinary global) definition in another "
	  "file takes precedence over it, and if no file defines it, references to it get the "
	  "value 0 instead of an undefined-symbol error.") },
	{ ".word", N_("Emits each value as 2 bytes (on x86-64).") },
	{ ".zero", N_("Emits this many zero bytes.") },
};

static const char *asmmap_text_find(const struct asmmap_text *t, size_t n, const char *s,
				    size_t len)
{
	for (size_t i = 0; i < n; i++) {
		size_t kl = strlen(t[i].key);
		if (t[i].key[kl - 1] == '*') {
			if (len >= kl - 1 && memcmp(s, t[i].key, kl - 1) == 0)
				return _(t[i].text);
		} else if (asmmap_word_is(s, len, t[i].key)) {
			return _(t[i].text);
		}
	}
	return NULL;
}

static const char *asmmap_section_explain(const char *s, size_t n)
{
	return asmmap_text_find(asmmap_section_texts, sizeof asmmap_section_texts /
				sizeof asmmap_section_texts[0], s, n);
}

const char *asmmap_explain(const char *s)
{
	if (!s)
		return NULL;
	const char *e = s;
	while (*e && *e != '\n' && *e != '#')
		e++;
	const char *p = asmmap_skip(s, e);
	if (p >= e || *p != '.')
		return NULL;
	const char *q = p + 1;
	while (q < e && asmmap_namechar(*q))
		q++;
	size_t n = (size_t)(q - p);
	const char *a = asmmap_skip(q, e);
	if (n > 5 && memcmp(p, ".cfi_", 5) == 0) {
		const char *t = asmmap_text_find(asmmap_cfi_texts, sizeof asmmap_cfi_texts /
						 sizeof asmmap_cfi_texts[0], p, n);
		return t ? t : _("Call frame information: how to find the caller's frame and "
				 "saved registers at this point, so debuggers and exception "
				 "handling can unwind the stack.");
	}
	if (asmmap_word_is(p, n, ".section") || asmmap_word_is(p, n, ".pushsection")) {
		const char *ns;
		size_t nn;
		if (a < e && *a == '"') {
			asmmap_name(a, e, &ns, &nn);
		} else {
			ns = a;
			const char *r = a;
			while (r < e && *r != ',' && !asmmap_space(*r))
				r++;
			nn = (size_t)(r - a);
		}
		const char *t = nn ? asmmap_section_explain(ns, nn) : NULL;
		if (t)
			return t;
	}
	if (asmmap_word_is(p, n, ".type")) {
		const char *ns;
		size_t nn;
		const char *r = asmmap_skip(asmmap_name(a, e, &ns, &nn), e);
		if (r < e && *r == ',')
			r = asmmap_skip(r + 1, e);
		switch (nn && r < e ? asmmap_stype(r, e) : STYPE_NONE) {
		case STYPE_FUNC:
			return _("Marks the symbol as a function in the symbol table (STT_FUNC).");
		case STYPE_IFUNC:
			return _("Marks the symbol as an indirect function (STT_GNU_IFUNC): its code "
			       "is a resolver that the dynamic linker calls to choose the "
			       "implementation to use.");
		case STYPE_OBJECT:
			return _("Marks the symbol as a data object, a variable, in the symbol table "
			       "(STT_OBJECT).");
		case STYPE_TLS:
			return _("Marks the symbol as a thread-local variable in the symbol table "
			       "(STT_TLS): each thread has its own copy.");
		default:
			break;
		}
	}
	if (asmmap_word_is(p, n, ".file") && a < e && asmmap_digit(*a))
		return _("Numbers a source file for the line table, so that .loc can name it; in "
		       "DWARF 5 it may give the directory and an MD5 checksum too, and file 0 "
		       "is the main source file.");
	return asmmap_text_find(asmmap_dir_texts, sizeof asmmap_dir_texts /
				sizeof asmmap_dir_texts[0], p, n);
}
