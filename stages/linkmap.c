/* linkmap: the facts of a GNU ld map file. See linkmap.h.
 *
 * The map's layout, as ld writes it:
 *
 *   Archive member included to satisfy reference by file (symbol)
 *
 *   /usr/lib/x86_64-linux-gnu/libc.a(printf.o)
 *                                 hello.o (printf)
 *   libz.a(compress.o)            main.o (compress)
 *
 * the member name is padded to column 30 and the reference follows on the same line, or
 * on the next one when the name is 29 characters or longer. Then, after "Linker script and
 * memory map", output sections start in column 0 and input sections are indented by one
 * space; a long name (15 characters for an output section, 14 for an input section) is
 * alone on its line, and its address and size follow on the next:
 *
 *   .text           0x0000000000401100    0x772ef
 *    .text          0x0000000000401100       0x2d hello.o
 *    .text.unlikely
 *                   0x0000000000401130        0xf /usr/lib/x86_64-linux-gnu/libc.a(assert.o)
 *
 * A *fill* line only marks where the piece before it ends; everything else (patterns such
 * as " *(.text)", symbol and assignment lines) is skipped.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/linkmap.h"

#define LINKMAP_ARCHIVE_HEADER "Archive member included to satisfy reference by file (symbol)"
#define LINKMAP_MEMORY_HEADER "Linker script and memory map"
#define LINKMAP_CREF_HEADER "Cross Reference Table"
/* ld pads an archive member's name to this column before the reference. */
#define LINKMAP_MEMBER_COLUMN 30

/* An open-addressing index from a file name to its position in one of the lists. */
struct linkmap_index {
	size_t *slot; /* position + 1; 0 when empty */
	size_t cap;   /* a power of two */
	size_t used;
};

typedef const char *(*linkmap_key_fn)(const struct linkmap *m, size_t i);

enum linkmap_part {
	LINKMAP_PART_NONE,
	LINKMAP_PART_ARCHIVE,
	LINKMAP_PART_MEMORY,
	LINKMAP_PART_DONE,
};

/* The parser's state between lines. */
struct linkmap_parser {
	struct linkmap *m;
	struct linkmap_index inputs;
	enum linkmap_part part;
	int member_seen;     /* the archive part had an entry: a blank line now ends it */
	char *member_wait;   /* a member's name whose reference is on the next line */
	long out;            /* the current output section, -1 before the first */
	int out_discard;     /* it is /DISCARD/ */
	int out_wait;        /* its address and size are on the next line */
	int in_wait;         /* an input section's name was alone on the previous line */
	long last_piece;     /* the current output's latest piece, -1 for none */
	size_t cap_members, cap_outputs, cap_inputs, cap_pieces;
};

static int linkmap_fail(struct linkmap *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int linkmap_fail(struct linkmap *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->error, sizeof m->error, fmt, ap);
	va_end(ap);
	return -1;
}

/* FNV-1a: short, and good enough for file names. */
static size_t linkmap_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

static const char *linkmap_input_key(const struct linkmap *m, size_t i)
{
	return m->inputs[i].file;
}

static const char *linkmap_member_key(const struct linkmap *m, size_t i)
{
	return m->members[i].file;
}

static long linkmap_index_find(const struct linkmap_index *x, const struct linkmap *m,
			       linkmap_key_fn key, const char *name)
{
	if (!x->cap)
		return -1;
	for (size_t h = linkmap_hash(name) & (x->cap - 1);; h = (h + 1) & (x->cap - 1)) {
		if (!x->slot[h])
			return -1;
		if (strcmp(key(m, x->slot[h] - 1), name) == 0)
			return (long)(x->slot[h] - 1);
	}
}

/* Add position i under its key; -1 when out of memory. The table stays at most half full,
 * so a probe always meets an empty slot. */
static int linkmap_index_add(struct linkmap_index *x, const struct linkmap *m,
			     linkmap_key_fn key, size_t i)
{
	if ((x->used + 1) * 2 > x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 256;
		size_t *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return -1;
		for (size_t k = 0; k < x->cap; k++) {
			if (!x->slot[k])
				continue;
			size_t h = linkmap_hash(key(m, x->slot[k] - 1)) & (cap - 1);
			while (slot[h])
				h = (h + 1) & (cap - 1);
			slot[h] = x->slot[k];
		}
		free(x->slot);
		x->slot = slot;
		x->cap = cap;
	}
	size_t h = linkmap_hash(key(m, i)) & (x->cap - 1);
	while (x->slot[h])
		h = (h + 1) & (x->cap - 1);
	x->slot[h] = i + 1;
	x->used++;
	return 0;
}

/* Make room for one more element in *arr (n used of *cap); -1 when out of memory. */
static int linkmap_grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 64;
	void *grown = realloc(*arr, ncap * size);
	if (!grown)
		return -1;
	*arr = grown;
	*cap = ncap;
	return 0;
}

static char *linkmap_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* s without its leading blanks. */
static const char *linkmap_skip(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The length of s without its trailing blanks (and a \r from a copied file). */
static size_t linkmap_trimmed_len(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n;
}

/* Read a "0x..." number at *s and move past it; 0 when *s holds none. */
static int linkmap_hex(const char **s, unsigned long long *v)
{
	const char *p = linkmap_skip(*s);
	if (p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
		return 0;
	char *end;
	errno = 0;
	unsigned long long x = strtoull(p + 2, &end, 16);
	if (end == p + 2 || (*end && *end != ' ' && *end != '\t' && *end != '\r'))
		return 0;
	*v = errno == ERANGE ? ULLONG_MAX : x;
	*s = end;
	return 1;
}

static unsigned long long linkmap_add(unsigned long long a, unsigned long long b)
{
	return a > ULLONG_MAX - b ? ULLONG_MAX : a + b;
}

/* Record one archive member: file is "archive(member)", ref is "by (symbol)". */
static int linkmap_add_member(struct linkmap_parser *p, const char *file, size_t file_len,
			      const char *ref)
{
	struct linkmap *m = p->m;
	if (m->n_members >= LINKMAP_MAX_ENTRIES) {
		m->truncated = 1;
		return 0;
	}
	if (linkmap_grow((void **)&m->members, &p->cap_members, m->n_members, sizeof *m->members))
		return linkmap_fail(m, _("out of memory reading the archive members"));
	file_len = linkmap_trimmed_len(file, file_len);
	/* the member's name follows the '(' after the archive's last '/': members have no
	 * directories, archive paths may */
	const char *slash = NULL;
	for (size_t i = 0; i < file_len; i++)
		if (file[i] == '/')
			slash = file + i;
	const char *from = slash ? slash : file;
	const char *open = memchr(from, '(', file_len - (size_t)(from - file));
	size_t arch_len = 0, mem_off = 0, mem_len = file_len;
	if (open && file_len && file[file_len - 1] == ')' && open > file) {
		arch_len = (size_t)(open - file);
		mem_off = arch_len + 1;
		mem_len = file_len - mem_off - 1;
	}
	/* the reference: "by (symbol)", "(symbol)" when ld names no file */
	size_t ref_len = linkmap_trimmed_len(ref, strlen(ref));
	const char *by = ref, *sym = ref + ref_len;
	size_t by_len = ref_len, sym_len = 0;
	if (ref_len && ref[ref_len - 1] == ')') {
		const char *paren = ref[0] == '(' ? ref : strstr(ref, " (");
		if (paren && paren < ref + ref_len - 1) {
			by_len = (size_t)(paren - ref);
			sym = paren + (*paren == ' ' ? 2 : 1);
			sym_len = (size_t)(ref + ref_len - 1 - sym);
		}
	}
	struct linkmap_member *e = &m->members[m->n_members];
	*e = (struct linkmap_member){
		.file = linkmap_strndup(file, file_len),
		.archive = linkmap_strndup(file, arch_len),
		.member = linkmap_strndup(file + mem_off, mem_len),
		.by = linkmap_strndup(by, by_len),
		.symbol = linkmap_strndup(sym, sym_len),
		.parent = -1,
		.input = -1,
	};
	m->n_members++;
	if (!e->file || !e->archive || !e->member || !e->by || !e->symbol)
		return linkmap_fail(m, _("out of memory reading the archive members"));
	return 0;
}

/* One line of the archive part. */
static int linkmap_archive_line(struct linkmap_parser *p, const char *line)
{
	size_t len = linkmap_trimmed_len(line, strlen(line));
	if (len == 0) {
		if (p->member_seen || p->member_wait)
			p->part = LINKMAP_PART_NONE;
		free(p->member_wait);
		p->member_wait = NULL;
		return 0;
	}
	p->member_seen = 1;
	if (line[0] == ' ' || line[0] == '\t') {
		/* the reference of the member named on the line before */
		int rc = 0;
		if (p->member_wait)
			rc = linkmap_add_member(p, p->member_wait, strlen(p->member_wait),
						linkmap_skip(line));
		free(p->member_wait);
		p->member_wait = NULL;
		return rc;
	}
	free(p->member_wait);
	p->member_wait = NULL;
	/* a short name is padded with blanks to the column where the reference starts */
	size_t name_len = linkmap_trimmed_len(line, len < LINKMAP_MEMBER_COLUMN ? len :
					     LINKMAP_MEMBER_COLUMN);
	if (len > LINKMAP_MEMBER_COLUMN && line[LINKMAP_MEMBER_COLUMN - 2] == ' ' &&
	    line[LINKMAP_MEMBER_COLUMN - 1] == ' ' && line[LINKMAP_MEMBER_COLUMN] != ' ')
		return linkmap_add_member(p, line, name_len, line + LINKMAP_MEMBER_COLUMN);
	p->member_wait = linkmap_strndup(line, len);
	return p->member_wait ? 0 : linkmap_fail(p->m, _("out of memory reading the map"));
}

/* Something starts at addr in the current output section: the latest piece cannot reach
 * past it. ld prints a merged string section (.rodata.str1.1) with a size that overlaps
 * what follows, so the sizes it prints are trusted only up to the next address. */
static void linkmap_boundary(struct linkmap_parser *p, unsigned long long addr)
{
	if (p->last_piece < 0)
		return;
	struct linkmap_piece *pc = &p->m->pieces[p->last_piece];
	if (addr >= pc->addr && addr - pc->addr < pc->size)
		pc->size = addr - pc->addr;
}

/* The current output section ends: clamp its last piece to its end. */
static void linkmap_end_output(struct linkmap_parser *p)
{
	if (p->out >= 0 && p->m->outputs[p->out].has_addr) {
		const struct linkmap_output *o = &p->m->outputs[p->out];
		linkmap_boundary(p, linkmap_add(o->addr, o->size));
	}
	p->last_piece = -1;
}

static int linkmap_add_output(struct linkmap_parser *p, const char *name, size_t name_len)
{
	struct linkmap *m = p->m;
	linkmap_end_output(p);
	p->out = -1;
	if (m->n_outputs >= LINKMAP_MAX_ENTRIES) {
		m->truncated = 1;
		return 0;
	}
	if (linkmap_grow((void **)&m->outputs, &p->cap_outputs, m->n_outputs, sizeof *m->outputs))
		return linkmap_fail(m, _("out of memory reading the output sections"));
	struct linkmap_output *o = &m->outputs[m->n_outputs];
	*o = (struct linkmap_output){ .name = linkmap_strndup(name, name_len) };
	if (!o->name)
		return linkmap_fail(m, _("out of memory reading the output sections"));
	p->out = (long)m->n_outputs++;
	return 0;
}

/* Record an input section of the current output: rest is "0xADDR 0xSIZE FILE". */
static int linkmap_add_piece(struct linkmap_parser *p, const char *rest)
{
	struct linkmap *m = p->m;
	unsigned long long addr, size;
	if (!linkmap_hex(&rest, &addr) || !linkmap_hex(&rest, &size))
		return 0;
	const char *file = linkmap_skip(rest);
	size_t file_len = linkmap_trimmed_len(file, strlen(file));
	if (p->out < 0 || p->out_discard)
		return 0;
	linkmap_boundary(p, addr);
	if (file_len == 0)
		return 0;
	if (m->n_pieces >= LINKMAP_MAX_ENTRIES) {
		m->truncated = 1;
		return 0;
	}
	char *name = linkmap_strndup(file, file_len);
	if (!name)
		return linkmap_fail(m, _("out of memory reading the memory map"));
	long in = linkmap_index_find(&p->inputs, m, linkmap_input_key, name);
	if (in < 0) {
		if (m->n_inputs >= LINKMAP_MAX_ENTRIES) {
			m->truncated = 1;
			free(name);
			return 0;
		}
		if (linkmap_grow((void **)&m->inputs, &p->cap_inputs, m->n_inputs,
				 sizeof *m->inputs)) {
			free(name);
			return linkmap_fail(m, _("out of memory reading the memory map"));
		}
		in = (long)m->n_inputs++;
		m->inputs[in] = (struct linkmap_input){ .file = name };
		if (linkmap_index_add(&p->inputs, m, linkmap_input_key, (size_t)in))
			return linkmap_fail(m, _("out of memory reading the memory map"));
	} else {
		free(name);
	}
	if (linkmap_grow((void **)&m->pieces, &p->cap_pieces, m->n_pieces, sizeof *m->pieces))
		return linkmap_fail(m, _("out of memory reading the memory map"));
	p->last_piece = (long)m->n_pieces;
	m->pieces[m->n_pieces++] = (struct linkmap_piece){
		.input = (size_t)in, .output = (size_t)p->out, .addr = addr, .size = size,
		.map_size = size,
	};
	m->inputs[in].n_pieces++;
	return 0;
}

/* Column-0 words of the map that are not output sections. */
static int linkmap_is_statement(const char *line, size_t tok_len)
{
	static const char *const words[] = { "LOAD", "START", "END", "OUTPUT", "TARGET", "INPUT",
					     "GROUP", "ENTRY", "SEARCH_DIR", "INCLUDE" };
	if (memchr(line, '(', tok_len))
		return 1;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == tok_len && strncmp(line, words[i], tok_len) == 0)
			return 1;
	return 0;
}

/* One line of the memory map part. */
static int linkmap_memory_line(struct linkmap_parser *p, const char *line)
{
	int out_wait = p->out_wait, in_wait = p->in_wait;
	p->out_wait = p->in_wait = 0;
	if (!*line)
		return 0;
	if (strcmp(line, LINKMAP_CREF_HEADER) == 0) {
		p->part = LINKMAP_PART_DONE;
		return 0;
	}
	if (line[0] != ' ' && line[0] != '\t') {
		size_t tok = strcspn(line, " \t\r");
		if (linkmap_is_statement(line, tok)) {
			linkmap_end_output(p);
			p->out = -1;
			return 0;
		}
		if (linkmap_add_output(p, line, tok))
			return -1;
		p->out_discard = tok == 9 && strncmp(line, "/DISCARD/", 9) == 0;
		if (p->out < 0)
			return 0;
		const char *rest = line + tok;
		struct linkmap_output *o = &p->m->outputs[p->out];
		if (linkmap_hex(&rest, &o->addr) && linkmap_hex(&rest, &o->size))
			o->has_addr = 1;
		else
			p->out_wait = *linkmap_skip(line + tok) == '\0';
		return 0;
	}
	if (line[0] == ' ' && line[1] != ' ' && line[1] != '\t' && line[1]) {
		/* an input section, or a pattern such as " *(.text)" or " *fill*" */
		const char *name = line + 1;
		size_t tok = strcspn(name, " \t\r");
		if (tok == 6 && strncmp(name, "*fill*", 6) == 0)
			return linkmap_add_piece(p, name + tok); /* no file: only a boundary */
		if (name[0] == '*' || memchr(name, '(', tok))
			return 0;
		if (*linkmap_skip(name + tok) == '\0') {
			p->in_wait = 1;
			return 0;
		}
		return linkmap_add_piece(p, name + tok);
	}
	/* indented further: the second half of a wrapped name, or a symbol or assignment */
	if (in_wait)
		return linkmap_add_piece(p, line);
	if (out_wait && p->out >= 0) {
		const char *rest = line;
		struct linkmap_output *o = &p->m->outputs[p->out];
		unsigned long long addr, size;
		/* "0xADDR 0xSIZE", perhaps followed by "load address 0x..." */
		if (linkmap_hex(&rest, &addr) && linkmap_hex(&rest, &size) &&
		    (*linkmap_skip(rest) == '\0' ||
		     strncmp(linkmap_skip(rest), "load address", 12) == 0)) {
			o->addr = addr;
			o->size = size;
			o->has_addr = 1;
		}
	}
	return 0;
}

/* Whether an output section's name says it takes no file space. */
static int linkmap_guess_nobits(const char *name)
{
	static const char *const nobits[] = { ".bss", ".tbss", ".lbss", ".sbss" };
	for (size_t i = 0; i < sizeof nobits / sizeof nobits[0]; i++) {
		size_t n = strlen(nobits[i]);
		if (strncmp(name, nobits[i], n) == 0 && (name[n] == '\0' || name[n] == '.'))
			return 1;
	}
	return 0;
}

/* Sum every input's pieces in allocated outputs. */
static void linkmap_sum(struct linkmap *m)
{
	for (size_t i = 0; i < m->n_inputs; i++)
		m->inputs[i].size = m->inputs[i].nobits = 0;
	for (size_t i = 0; i < m->n_pieces; i++) {
		const struct linkmap_piece *pc = &m->pieces[i];
		const struct linkmap_output *o = &m->outputs[pc->output];
		struct linkmap_input *in = &m->inputs[pc->input];
		if (!o->alloc)
			continue;
		in->size = linkmap_add(in->size, pc->size);
		if (o->nobits)
			in->nobits = linkmap_add(in->nobits, pc->size);
	}
}

void linkmap_tally(struct linkmap *m, const struct elfinfo *elf)
{
	for (size_t i = 0; i < m->n_outputs; i++) {
		struct linkmap_output *o = &m->outputs[i];
		const struct elfinfo_section *sec = NULL;
		for (size_t k = 0; elf && k < elf->n_sections && !sec; k++)
			if (strcmp(elf->sections[k].name, o->name) == 0)
				sec = &elf->sections[k];
		if (sec) {
			o->alloc = (sec->flags & SHF_ALLOC) != 0;
			o->nobits = sec->type == SHT_NOBITS;
		} else {
			/* ld's scripts place what is not loaded (.comment, .debug_*) at 0 */
			o->alloc = o->has_addr && o->addr != 0 && strcmp(o->name, "/DISCARD/") != 0;
			o->nobits = linkmap_guess_nobits(o->name);
		}
	}
	linkmap_sum(m);
}

/* Tie each member to its contributions and to the member that pulled it in. */
static int linkmap_link_members(struct linkmap *m, const struct linkmap_index *inputs)
{
	struct linkmap_index members = { 0 };
	int rc = 0;
	for (size_t i = 0; i < m->n_members && rc == 0; i++) {
		struct linkmap_member *e = &m->members[i];
		e->input = linkmap_index_find(inputs, m, linkmap_input_key, e->file);
		/* ld prints a member once it is loaded, so the one that pulled it in is
		 * already listed; only an earlier entry can be a parent, which keeps the
		 * tree free of cycles */
		e->parent = linkmap_index_find(&members, m, linkmap_member_key, e->by);
		if (linkmap_index_find(&members, m, linkmap_member_key, e->file) < 0 &&
		    linkmap_index_add(&members, m, linkmap_member_key, i))
			rc = linkmap_fail(m, _("out of memory linking the archive members"));
	}
	free(members.slot);
	return rc;
}

int linkmap_parse(const char *text, size_t len, struct linkmap *m)
{
	memset(m, 0, sizeof *m);
	if (len > LINKMAP_MAX_TEXT) {
		len = LINKMAP_MAX_TEXT;
		m->truncated = 1;
	}
	/* a private copy, cut into NUL-terminated lines */
	char *buf = malloc(len + 1);
	if (!buf)
		return linkmap_fail(m, ngettext("out of memory: the map is %zu byte",
					    "out of memory: the map is %zu bytes", len), len);
	memcpy(buf, text, len);
	buf[len] = '\0';
	struct linkmap_parser p = { .m = m, .out = -1, .last_piece = -1 };
	int rc = 0;
	for (char *line = buf, *next; rc == 0 && line < buf + len && p.part != LINKMAP_PART_DONE;
	     line = next) {
		char *nl = memchr(line, '\n', (size_t)(buf + len - line));
		next = nl ? nl + 1 : buf + len;
		if (nl)
			*nl = '\0';
		size_t n = linkmap_trimmed_len(line, strlen(line));
		if (n == sizeof LINKMAP_ARCHIVE_HEADER - 1 &&
		    strncmp(line, LINKMAP_ARCHIVE_HEADER, n) == 0) {
			p.part = LINKMAP_PART_ARCHIVE;
			p.member_seen = 0;
			continue;
		}
		if (n == sizeof LINKMAP_MEMORY_HEADER - 1 &&
		    strncmp(line, LINKMAP_MEMORY_HEADER, n) == 0) {
			p.part = LINKMAP_PART_MEMORY;
			m->has_memory_map = 1;
			continue;
		}
		if (p.part == LINKMAP_PART_ARCHIVE)
			rc = linkmap_archive_line(&p, line);
		else if (p.part == LINKMAP_PART_MEMORY)
			rc = linkmap_memory_line(&p, line);
	}
	linkmap_end_output(&p);
	free(p.member_wait);
	free(buf);
	if (rc == 0)
		rc = linkmap_link_members(m, &p.inputs);
	free(p.inputs.slot);
	if (rc == 0)
		linkmap_tally(m, NULL);
	return rc;
}

int linkmap_read(const char *path, struct linkmap *m)
{
	memset(m, 0, sizeof *m);
	size_t n = 0;
	int too_big = 0;
	char *buf = files_slurp(path, LINKMAP_MAX_TEXT, &n, &too_big);
	if (!buf && errno == ENOMEM)
		return linkmap_fail(m, _("out of memory reading %s"), path);
	if (!buf)
		return linkmap_fail(m, _("cannot read %1$s: %2$s"), path, strerror(errno));
	int rc = linkmap_parse(buf, n, m);
	if (too_big)
		m->truncated = 1;
	free(buf);
	return rc;
}

long linkmap_find_input(const struct linkmap *m, const char *file)
{
	for (size_t i = 0; i < m->n_inputs; i++)
		if (strcmp(m->inputs[i].file, file) == 0)
			return (long)i;
	return -1;
}

size_t linkmap_member_depth(const struct linkmap *m, size_t i)
{
	size_t depth = 0;
	for (long at = i < m->n_members ? m->members[i].parent : -1;
	     at >= 0 && (size_t)at < m->n_members && depth < m->n_members;
	     at = m->members[at].parent)
		depth++;
	return depth;
}

long long linkmap_member_size(const struct linkmap *m, size_t i)
{
	long in = i < m->n_members ? m->members[i].input : -1;
	return in >= 0 && (size_t)in < m->n_inputs ? (long long)m->inputs[in].size : -1;
}

unsigned long long linkmap_members_size(const struct linkmap *m)
{
	unsigned long long total = 0;
	for (size_t i = 0; i < m->n_members; i++) {
		long long size = linkmap_member_size(m, i);
		total += size >= 0 ? (unsigned long long)size : 0;
	}
	return total;
}

/* Is member i a root: no parent, or a parent that names no other member? */
static int linkmap_is_root(const struct linkmap *m, size_t i)
{
	long par = m->members[i].parent;
	return par < 0 || (size_t)par >= m->n_members || (size_t)par == i;
}

struct linkmap_tree_row *linkmap_member_tree(const struct linkmap *m)
{
	size_t nm = m->n_members;
	struct linkmap_tree_row *rows = malloc((nm ? nm : 1) * sizeof *rows);
	/* the children of each member in the map's order, found once: a scan per member
	 * would be quadratic */
	long *first = malloc((nm ? nm : 1) * sizeof *first);
	long *last = malloc((nm ? nm : 1) * sizeof *last);
	long *next = malloc((nm ? nm : 1) * sizeof *next);
	size_t *stack = malloc((nm ? nm : 1) * sizeof *stack);
	size_t *depth = malloc((nm ? nm : 1) * sizeof *depth);
	unsigned char *done = calloc(nm ? nm : 1, 1);
	size_t n = 0;
	if (!rows || !first || !last || !next || !stack || !depth || !done) {
		free(rows);
		rows = NULL;
		goto out;
	}
	for (size_t i = 0; i < nm; i++)
		first[i] = last[i] = next[i] = -1;
	for (size_t i = 0; i < nm; i++) {
		if (linkmap_is_root(m, i))
			continue;
		size_t par = (size_t)m->members[i].parent;
		if (last[par] < 0)
			first[par] = (long)i;
		else
			next[last[par]] = (long)i;
		last[par] = (long)i;
	}
	/* Depth first from each root; a member reached once is never listed again, so even
	 * parents that loop end. The second pass takes what no root reached. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t root = 0; root < nm; root++) {
			if (done[root] || (pass == 0 && !linkmap_is_root(m, root)))
				continue;
			size_t sp = 0;
			stack[sp++] = root;
			depth[root] = 0;
			while (sp > 0) {
				size_t i = stack[--sp];
				if (done[i])
					continue;
				done[i] = 1;
				rows[n++] = (struct linkmap_tree_row){ .member = i, .depth = depth[i] };
				/* children pushed last first, so they come off in the map's order */
				size_t from = sp;
				for (long c = first[i]; c >= 0; c = next[c]) {
					if (done[c])
						continue;
					depth[c] = depth[i] + 1;
					stack[sp++] = (size_t)c;
				}
				for (size_t a = from, b = sp; b > a + 1; a++, b--) {
					size_t tmp = stack[a];
					stack[a] = stack[b - 1];
					stack[b - 1] = tmp;
				}
			}
		}
	}
out:
	free(first);
	free(last);
	free(next);
	free(stack);
	free(depth);
	free(done);
	return rows;
}

void linkmap_free(struct linkmap *m)
{
	for (size_t i = 0; i < m->n_members; i++) {
		struct linkmap_member *e = &m->members[i];
		free(e->file);
		free(e->archive);
		free(e->member);
		free(e->by);
		free(e->symbol);
	}
	free(m->members);
	for (size_t i = 0; i < m->n_outputs; i++)
		free(m->outputs[i].name);
	free(m->outputs);
	for (size_t i = 0; i < m->n_inputs; i++)
		free(m->inputs[i].file);
	free(m->inputs);
	free(m->pieces);
	memset(m, 0, sizeof *m);
}

size_t linkmap_biggest(const struct linkmap *m, size_t *top, size_t n)
{
	size_t have = 0;
	for (size_t i = 0; i < m->n_members; i++) {
		long long sz = linkmap_member_size(m, i);
		size_t at = have < n ? have++ : n;
		while (at > 0 && linkmap_member_size(m, top[at - 1]) < sz) {
			if (at < n)
				top[at] = top[at - 1];
			at--;
		}
		if (at < n)
			top[at] = i;
	}
	return have;
}
