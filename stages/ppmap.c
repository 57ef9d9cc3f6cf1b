/* ppmap: a .i file's line map and include tree, from its linemarkers. See ppmap.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/ppmap.h"

/* gcc keeps line numbers in an unsigned int and rejects larger ones in a #line; a bigger
 * number is not a marker gcc could have written. */
#define PPMAP_MAX_MARKER_LINE 2147483647L

enum {
	PPMAP_FLAG_ENTER = 1 << 1,
	PPMAP_FLAG_RETURN = 1 << 2,
	PPMAP_FLAG_SYSTEM = 1 << 3,
	PPMAP_FLAG_EXTERN_C = 1 << 4,
};

/* A parsed linemarker; the decoded name sits at the end of the names buffer until it is
 * interned. */
struct ppmap_marker {
	long line;
	int has_name;
	size_t name_off;
	unsigned flags;
};

/* Where the text being read is, one entry per file that is open at the moment. */
struct ppmap_level {
	int node;
	int file;
	long line; /* the source line of the next .i line */
};

/* The state of one ppmap_read(): what grows while the text is read. */
struct ppmap_parse {
	struct ppmap *m;
	size_t names_len, names_cap;
	size_t *name_offs;     /* per file, into m->names */
	size_t offs_cap;
	size_t files_cap;
	size_t nodes_cap;
	int *hash;             /* open addressing: file index + 1, 0 for empty */
	size_t hash_cap;
	struct ppmap_level *stack;
	size_t depth, stack_cap;
	/* for home: which file the last named marker went into, and the non-blank lines seen
	 * so far of the main file and of headers */
	int in_main, in_header;
	size_t main_code, header_code;
};

/* Grow *p (of *cap elements of size sz) so that it holds at least need elements. */
static int ppmap_grow(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2 / sz)
			return -1;
		n *= 2;
	}
	void *q = realloc(*(void **)p, n * sz);
	if (!q)
		return -1;
	*(void **)p = q;
	*cap = n;
	return 0;
}

static int ppmap_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static int ppmap_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int ppmap_put_name_byte(struct ppmap_parse *ps, char c)
{
	if (ppmap_grow(&ps->m->names, &ps->names_cap, ps->names_len + 1, 1) < 0)
		return -1;
	ps->m->names[ps->names_len++] = c;
	return 0;
}

static int ppmap_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The character an escape stands for; s[*p] is the character after the backslash, and *p
 * moves past the escape. */
static char ppmap_unescape(const char *s, size_t n, size_t *p)
{
	char c = s[(*p)++];
	unsigned v = 0;
	switch (c) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	case 'x':
		while (*p < n && ppmap_hex(s[*p]) >= 0)
			v = (v << 4 | (unsigned)ppmap_hex(s[(*p)++])) & 0xffu;
		return (char)v;
	default:
		if (c < '0' || c > '7')
			return c; /* \\ \" \' \? and unknown escapes: the character itself */
		v = (unsigned)(c - '0');
		for (int k = 0; k < 2 && *p < n && s[*p] >= '0' && s[*p] <= '7'; k++)
			v = v * 8 + (unsigned)(s[(*p)++] - '0');
		return (char)(v & 0xffu);
	}
}

/* Decode the C string literal body at s[*i] (just past the opening quote) into the names
 * buffer, up to the closing quote. Returns 1 when closed, 0 when the line ends first, -1 when
 * memory runs out. gcc escapes only \ " and newline, but #line accepts every C escape. */
static int ppmap_decode_name(struct ppmap_parse *ps, const char *s, size_t n, size_t *i)
{
	size_t p = *i;
	while (p < n) {
		char c = s[p++];
		if (c == '"') {
			*i = p;
			return ppmap_put_name_byte(ps, '\0') < 0 ? -1 : 1;
		}
		if (c == '\\') {
			if (p >= n)
				return 0;
			c = ppmap_unescape(s, n, &p);
		}
		if (ppmap_put_name_byte(ps, c) < 0)
			return -1;
	}
	return 0;
}

/* Parse one line as a linemarker. Returns 1 for a well-formed marker, 0 for anything else
 * (the names buffer is left as it was), -1 when memory runs out. */
static int ppmap_parse_marker(struct ppmap_parse *ps, const char *s, size_t n,
			      struct ppmap_marker *mk)
{
	size_t i = 1;
	if (n < 2 || s[0] != '#')
		return 0;
	while (i < n && ppmap_is_space(s[i]))
		i++;
	if (n - i > 4 && memcmp(s + i, "line", 4) == 0 && ppmap_is_space(s[i + 4])) {
		i += 4;
		while (i < n && ppmap_is_space(s[i]))
			i++;
	}
	if (i >= n || !ppmap_is_digit(s[i]))
		return 0;
	long line = 0;
	while (i < n && ppmap_is_digit(s[i])) {
		line = line * 10 + (s[i++] - '0');
		if (line > PPMAP_MAX_MARKER_LINE)
			return 0;
	}
	*mk = (struct ppmap_marker){ .line = line };
	if (i < n && !ppmap_is_space(s[i]))
		return 0;
	while (i < n && ppmap_is_space(s[i]))
		i++;
	if (i == n)
		return 1;
	if (s[i++] != '"')
		return 0;
	mk->name_off = ps->names_len;
	int r = ppmap_decode_name(ps, s, n, &i);
	if (r <= 0) {
		ps->names_len = mk->name_off;
		return r;
	}
	mk->has_name = 1;
	for (;;) {
		size_t at = i;
		while (i < n && ppmap_is_space(s[i]))
			i++;
		if (i == n)
			return 1;
		int flag = s[i] >= '1' && s[i] <= '4' && (i + 1 == n || ppmap_is_space(s[i + 1]));
		if (i == at || !flag) {
			ps->names_len = mk->name_off;
			return 0;
		}
		mk->flags |= 1u << (s[i] - '0');
		i++;
	}
}

static size_t ppmap_hash_name(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int ppmap_hash_insert(struct ppmap_parse *ps, int file)
{
	const char *name = ps->m->names + ps->name_offs[file];
	size_t mask = ps->hash_cap - 1, h = ppmap_hash_name(name) & mask;
	while (ps->hash[h])
		h = (h + 1) & mask;
	ps->hash[h] = file + 1;
	return 0;
}

/* Keep the hash table at most half full. */
static int ppmap_hash_reserve(struct ppmap_parse *ps, size_t n_files)
{
	if (n_files * 2 < ps->hash_cap)
		return 0;
	size_t cap = ps->hash_cap ? ps->hash_cap * 2 : 64;
	while (n_files * 2 >= cap)
		cap *= 2;
	int *h = calloc(cap, sizeof *h);
	if (!h)
		return -1;
	free(ps->hash);
	ps->hash = h;
	ps->hash_cap = cap;
	for (size_t f = 0; f < ps->m->n_files; f++)
		ppmap_hash_insert(ps, (int)f);
	return 0;
}

/* The file index of the name just decoded at name_off (the last thing in the names buffer),
 * adding it to the file table when it is new. -1 when memory runs out. */
static int ppmap_intern(struct ppmap_parse *ps, size_t name_off)
{
	struct ppmap *m = ps->m;
	const char *name = m->names + name_off;
	size_t mask = ps->hash_cap - 1;
	if (ps->hash_cap) {
		for (size_t h = ppmap_hash_name(name) & mask; ps->hash[h]; h = (h + 1) & mask) {
			int f = ps->hash[h] - 1;
			if (strcmp(m->names + ps->name_offs[f], name) == 0) {
				ps->names_len = name_off; /* a known name: drop the copy */
				return f;
			}
		}
	}
	if (m->n_files >= INT_MAX - 1 || ppmap_hash_reserve(ps, m->n_files + 1) < 0)
		return -1;
	if (ppmap_grow(&m->files, &ps->files_cap, m->n_files + 1, sizeof *m->files) < 0 ||
	    ppmap_grow(&ps->name_offs, &ps->offs_cap, m->n_files + 1, sizeof *ps->name_offs) < 0)
		return -1;
	int f = (int)m->n_files++;
	ps->name_offs[f] = name_off;
	/* the name may hold an escaped NUL: keep only what a C string shows, and make sure the
	 * buffer is cut there */
	ps->names_len = name_off + strlen(m->names + name_off) + 1;
	m->names[ps->names_len - 1] = '\0';
	name = m->names + name_off;
	m->files[f] = (struct ppmap_file){
		.pseudo = strcmp(name, "<built-in>") == 0 || strcmp(name, "<command-line>") == 0,
	};
	ppmap_hash_insert(ps, f);
	return f;
}

static int ppmap_push(struct ppmap_parse *ps, struct ppmap_level lv)
{
	if (ppmap_grow(&ps->stack, &ps->stack_cap, ps->depth + 1, sizeof *ps->stack) < 0)
		return -1;
	ps->stack[ps->depth++] = lv;
	return 0;
}

static int ppmap_new_node(struct ppmap_parse *ps, struct ppmap_node nd)
{
	struct ppmap *m = ps->m;
	if (m->n_nodes >= INT_MAX - 1 ||
	    ppmap_grow(&m->nodes, &ps->nodes_cap, m->n_nodes + 1, sizeof *m->nodes) < 0)
		return -1;
	m->nodes[m->n_nodes] = nd;
	return (int)m->n_nodes++;
}

/* Apply one linemarker found on .i line iline. */
static int ppmap_apply_marker(struct ppmap_parse *ps, const struct ppmap_marker *mk, size_t iline)
{
	struct ppmap *m = ps->m;
	struct ppmap_level *top = &ps->stack[ps->depth - 1];
	if (!mk->has_name) {
		top->line = mk->line;
		return 0;
	}
	int f = ppmap_intern(ps, mk->name_off);
	if (f < 0)
		return -1;
	if (mk->flags & PPMAP_FLAG_SYSTEM)
		m->files[f].system = 1;
	if (mk->flags & PPMAP_FLAG_ENTER) {
		const struct ppmap_node *parent = &m->nodes[top->node];
		int from_cmdline = parent->cmdline || top->file < 0 || m->files[top->file].pseudo;
		struct ppmap_node nd = {
			.file = f,
			.parent = top->node,
			/* the includer's current line, until its return marker confirms it */
			.from_line = from_cmdline ? 0 : top->line,
			.depth = parent->depth + 1,
			.system = !!(mk->flags & PPMAP_FLAG_SYSTEM),
			.extern_c = !!(mk->flags & PPMAP_FLAG_EXTERN_C),
			.cmdline = from_cmdline,
			.first = iline,
		};
		int node = ppmap_new_node(ps, nd);
		if (node < 0)
			return -1;
		struct ppmap_level lv = { .node = node, .file = f, .line = mk->line };
		return ppmap_push(ps, lv);
	}
	if ((mk->flags & PPMAP_FLAG_RETURN) && ps->depth > 1) {
		struct ppmap_node *done = &m->nodes[top->node];
		done->last = iline;
		/* gcc resumes the includer at the line after the #include */
		if (!done->cmdline && mk->line >= 1)
			done->from_line = mk->line - 1;
		ps->depth--;
		top = &ps->stack[ps->depth - 1];
	}
	top->file = f;
	top->line = mk->line;
	if (ps->depth == 1 && m->main_file < 0 && !m->files[f].pseudo) {
		m->main_file = f;
		m->nodes[0].file = f;
	}
	return 0;
}

/* Attribute a text line to the file that is open. */
static void ppmap_text_line(struct ppmap_parse *ps, struct ppmap_line *ln)
{
	struct ppmap *m = ps->m;
	struct ppmap_level *top = &ps->stack[ps->depth - 1];
	ln->file = top->file;
	ln->line = top->line;
	ln->node = top->node;
	if (top->line < LONG_MAX)
		top->line++;
	if (ps->depth == 1 && (top->file < 0 || m->files[top->file].pseudo))
		m->prelude_lines++;
	else
		m->nodes[top->node].own_lines++;
}

/* A named marker on .i line iline, just applied: the file it names is the open one. It goes
 * home when it enters the main file from elsewhere and returns to it (flag 2) or has no
 * flags (gcc's marker after the command-line prelude, or after a #line). */
static void ppmap_home_marker(struct ppmap_parse *ps, const struct ppmap_marker *mk,
			      size_t iline)
{
	struct ppmap *m = ps->m;
	int f = ps->stack[ps->depth - 1].file;
	int was_main = ps->in_main;
	ps->in_main = f >= 0 && f == m->main_file;
	ps->in_header = !ps->in_main && f >= 0 && !m->files[f].pseudo;
	int back = mk->flags == 0 || (mk->flags & PPMAP_FLAG_RETURN);
	if (ps->in_main && back && !was_main)
		m->home = (struct ppmap_home){
			.marker = iline,
			.code_before = ps->main_code > 0,
			.headers = ps->header_code > 0,
		};
}

/* A text line of n bytes on .i line iline, for home. */
static void ppmap_home_line(struct ppmap_parse *ps, const char *s, size_t n, size_t iline)
{
	struct ppmap *m = ps->m;
	size_t k = 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
		k++;
	if (k == n)
		return;
	if (ps->in_main && m->home.marker && !m->home.code)
		m->home.code = iline;
	if (ps->in_main)
		ps->main_code++;
	else if (ps->in_header)
		ps->header_code++;
}

static int ppmap_ref_cmp(const void *a, const void *b)
{
	const struct ppmap_ref *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->iline < y->iline ? -1 : x->iline > y->iline;
}

/* The main file's .i lines, sorted by source line, for the reverse lookups. */
static int ppmap_build_main_refs(struct ppmap *m)
{
	size_t n = 0;
	if (m->main_file < 0)
		return 0;
	for (size_t i = 0; i < m->n_lines; i++)
		n += !m->lines[i].is_marker && m->lines[i].file == m->main_file;
	if (!n)
		return 0;
	m->main_refs = malloc(n * sizeof *m->main_refs);
	if (!m->main_refs)
		return -1;
	int sorted = 1;
	for (size_t i = 0; i < m->n_lines; i++) {
		const struct ppmap_line *ln = &m->lines[i];
		if (ln->is_marker || ln->file != m->main_file)
			continue;
		struct ppmap_ref r = { .line = ln->line, .iline = i + 1 };
		if (m->n_main_refs && m->main_refs[m->n_main_refs - 1].line > r.line)
			sorted = 0;
		m->main_refs[m->n_main_refs++] = r;
		if (r.line > m->main_max_line)
			m->main_max_line = r.line;
	}
	if (!sorted)
		qsort(m->main_refs, m->n_main_refs, sizeof *m->main_refs, ppmap_ref_cmp);
	return 0;
}

static int ppmap_fail(struct ppmap *m, char *err, size_t errlen, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", _(what));
	ppmap_free(m);
	return -1;
}

static const char ppmap_nomem[] = N_("Out of memory while reading the preprocessed file.");

/* ppmap_read() on text that *m already owns: len bytes at m->text, NUL-terminated. */
static int ppmap_parse_text(struct ppmap *m, size_t len, char *err, size_t errlen)
{
	m->text[len] = '\0';
	m->text_len = len;

	size_t n = 0;
	for (const char *p = m->text, *end = m->text + len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (n && !(m->lines = calloc(n, sizeof *m->lines)))
		return ppmap_fail(m, err, errlen, ppmap_nomem);

	struct ppmap_parse ps = { .m = m };
	struct ppmap_node root = { .file = -1, .parent = -1, .first = n ? 1 : 0 };
	if (ppmap_new_node(&ps, root) < 0 ||
	    ppmap_push(&ps, (struct ppmap_level){ .node = 0, .file = -1, .line = 1 }) < 0)
		goto nomem;

	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = m->text + off;
		const char *nl = memchr(s, '\n', len - off);
		size_t l = nl ? (size_t)(nl - s) : len - off;
		struct ppmap_line *ln = &m->lines[i];
		ln->off = off;
		ln->len = l && s[l - 1] == '\r' ? l - 1 : l;
		off += l + (nl != NULL);

		struct ppmap_marker mk;
		int r = s[0] == '#' ? ppmap_parse_marker(&ps, s, ln->len, &mk) : 0;
		if (r < 0)
			goto nomem;
		if (r) {
			ln->is_marker = 1;
			ln->file = -1;
			ln->node = -1;
			m->n_markers++;
			if (ppmap_apply_marker(&ps, &mk, i + 1) < 0)
				goto nomem;
			if (mk.has_name)
				ppmap_home_marker(&ps, &mk, i + 1);
		} else {
			ppmap_text_line(&ps, ln);
			ppmap_home_line(&ps, s, ln->len, i + 1);
		}
	}
	m->n_lines = n;

	/* what never returned ends with the text */
	for (size_t d = ps.depth; d > 1; d--)
		m->nodes[ps.stack[d - 1].node].last = n;
	m->nodes[0].last = n;
	for (size_t k = 0; k < m->n_nodes; k++)
		m->nodes[k].total_lines = m->nodes[k].own_lines;
	/* parents come before their children */
	for (size_t k = m->n_nodes; k-- > 1;)
		m->nodes[m->nodes[k].parent].total_lines += m->nodes[k].total_lines;
	m->nodes[0].total_lines += m->prelude_lines;

	for (size_t f = 0; f < m->n_files; f++)
		m->files[f].name = m->names + ps.name_offs[f];
	if (ppmap_build_main_refs(m) < 0)
		goto nomem;
	free(ps.name_offs);
	free(ps.hash);
	free(ps.stack);
	return 0;
nomem:
	free(ps.name_offs);
	free(ps.hash);
	free(ps.stack);
	return ppmap_fail(m, err, errlen, ppmap_nomem);
}

int ppmap_read(struct ppmap *m, const char *text, size_t len, char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	m->main_file = -1;
	if (len == SIZE_MAX || !(m->text = malloc(len + 1)))
		return ppmap_fail(m, err, errlen, ppmap_nomem);
	if (len)
		memcpy(m->text, text, len);
	return ppmap_parse_text(m, len, err, errlen);
}

int ppmap_load_file(struct ppmap *m, const char *path, char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	m->main_file = -1;
	size_t len = 0;
	m->text = files_slurp(path, 0, &len, NULL);
	if (!m->text) {
		if (errno == ENOMEM)
			return ppmap_fail(m, err, errlen, ppmap_nomem);
		if (err && errlen)
			snprintf(err, errlen, _("Cannot read %1$s: %2$s."), path, strerror(errno));
		return -1;
	}
	return ppmap_parse_text(m, len, err, errlen);
}

void ppmap_free(struct ppmap *m)
{
	free(m->text);
	free(m->lines);
	free(m->files);
	free(m->nodes);
	free(m->main_refs);
	free(m->names);
	memset(m, 0, sizeof *m);
	m->main_file = -1;
}

const char *ppmap_file_name(const struct ppmap *m, int file)
{
	if (file < 0 || (size_t)file >= m->n_files)
		return "";
	return m->files[file].name;
}

/* The index of the first main ref at or after source line `line`. */
static size_t ppmap_ref_lower(const struct ppmap *m, long line)
{
	size_t lo = 0, hi = m->n_main_refs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->main_refs[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t ppmap_main_count(const struct ppmap *m, long line)
{
	if (line == LONG_MAX)
		return 0;
	return ppmap_ref_lower(m, line + 1) - ppmap_ref_lower(m, line);
}

size_t ppmap_main_first(const struct ppmap *m, long line)
{
	size_t k = ppmap_ref_lower(m, line);
	return k < m->n_main_refs && m->main_refs[k].line == line ? m->main_refs[k].iline : 0;
}

size_t ppmap_main_ranges(const struct ppmap *m, long line, struct ppmap_range *out, size_t max)
{
	size_t n = 0, prev = 0;
	for (size_t k = ppmap_ref_lower(m, line); k < m->n_main_refs; k++) {
		if (m->main_refs[k].line != line)
			break;
		size_t il = m->main_refs[k].iline;
		if (n && il == prev + 1) {
			if (n <= max)
				out[n - 1].count++;
		} else {
			if (n < max)
				out[n] = (struct ppmap_range){ .first = il, .count = 1 };
			n++;
		}
		prev = il;
	}
	return n;
}

/* The groups of a #if...#endif chain, as ppmap_inactive_lines() finds them. */
struct ppmap_group {
	int parent;              /* the group it sits in, -1 at the top */
	size_t chain;
	size_t body_first, body_last;
	unsigned char content;   /* a line of code of its own */
	unsigned char evidence;  /* a line of it or of a nested group is evidence */
};

struct ppmap_cond {
	struct ppmap_group *groups;
	size_t n, cap;
	size_t n_chains;
	int *open;               /* the innermost open group of each open chain */
	size_t n_open, open_cap;
};

/* A reader of the source, one logical line (backslash-newlines joined) at a time. */
struct ppmap_scan {
	const char *src;
	size_t len, off;
	size_t line, n_lines;    /* the next physical line, and how many there are */
	int in_comment;          /* inside a block comment, which crosses lines */
	char *clean;             /* the logical line, comments blanked; len + 1 bytes */
	size_t clean_len;
};

/* Add the physical line s (l bytes) to the logical line; *quote and *line_comment carry
 * what is open across a backslash-newline. */
static void ppmap_scan_add(struct ppmap_scan *sc, const char *s, size_t l, char *quote,
			   int *line_comment)
{
	for (size_t i = 0; i < l; i++) {
		char ch = s[i];
		int next_star = i + 1 < l && s[i + 1] == '*';
		int next_slash = i + 1 < l && s[i + 1] == '/';
		if (sc->in_comment) {
			if (ch == '*' && next_slash) {
				sc->in_comment = 0;
				i++;
			}
		} else if (*line_comment) {
			break;
		} else if (*quote) {
			sc->clean[sc->clean_len++] = ch;
			if (ch == '\\' && i + 1 < l)
				sc->clean[sc->clean_len++] = s[++i];
			else if (ch == *quote)
				*quote = 0;
		} else if (ch == '/' && next_star) {
			sc->in_comment = 1;
			sc->clean[sc->clean_len++] = ' ';
			i++;
		} else if (ch == '/' && next_slash) {
			*line_comment = 1;
		} else {
			if (ch == '"' || ch == '\'')
				*quote = ch;
			sc->clean[sc->clean_len++] = ch;
		}
	}
}

/* Read the next logical line into sc->clean; *first and *last get its physical lines. A
 * string or character constant ends with its logical line, as in gcc's skipped groups. */
static void ppmap_scan_next(struct ppmap_scan *sc, size_t *first, size_t *last)
{
	char quote = 0;
	int line_comment = 0;
	sc->clean_len = 0;
	*first = sc->line;
	for (;;) {
		const char *s = sc->src + sc->off;
		const char *nl = memchr(s, '\n', sc->len - sc->off);
		size_t l = nl ? (size_t)(nl - s) : sc->len - sc->off;
		sc->off += l + (nl != NULL);
		size_t e = l;
		while (e && ppmap_is_space(s[e - 1]))
			e--;
		/* gcc also splices a backslash followed by spaces, with a warning */
		int spliced = e && s[e - 1] == '\\';
		ppmap_scan_add(sc, s, spliced ? e - 1 : l, &quote, &line_comment);
		if (!spliced || sc->line >= sc->n_lines)
			break;
		sc->line++;
	}
	*last = sc->line++;
}

static int ppmap_cond_group(struct ppmap_cond *c, int parent, size_t chain, size_t first)
{
	if (c->n >= INT_MAX - 1 || ppmap_grow(&c->groups, &c->cap, c->n + 1, sizeof *c->groups) < 0)
		return -1;
	c->groups[c->n] = (struct ppmap_group){ .parent = parent, .chain = chain,
						.body_first = first };
	return (int)c->n++;
}

/* Follow one logical line (physical lines first..last, text in clean) through the nesting of
 * conditional groups: 'i' opens a chain, 'e' starts its next group, 'x' ends it. */
static int ppmap_cond_line(struct ppmap_cond *c, char kind, size_t first, size_t last)
{
	int cur = c->n_open ? c->open[c->n_open - 1] : -1;
	if (kind == 'i') {
		int g = ppmap_cond_group(c, cur, c->n_chains++, last + 1);
		if (g < 0 || ppmap_grow(&c->open, &c->open_cap, c->n_open + 1, sizeof *c->open) < 0)
			return -1;
		c->open[c->n_open++] = g;
	} else if ((kind == 'e' || kind == 'x') && cur >= 0) {
		c->groups[cur].body_last = first - 1;
		if (kind == 'x') {
			c->n_open--;
			return 0;
		}
		const struct ppmap_group *was = &c->groups[cur];
		int g = ppmap_cond_group(c, was->parent, was->chain, last + 1);
		if (g < 0)
			return -1;
		c->open[c->n_open - 1] = g;
	}
	return 0;
}

/* A logical line's kind: 0 for text, '#' for a directive other than a conditional one, and
 * for those 'i' (#if, #ifdef, #ifndef), 'e' (#elif, #elifdef, #elifndef, #else), 'x'
 * (#endif). */
static char ppmap_cond_kind(const char *s, size_t n)
{
	static const struct { const char *name; char kind; } names[] = {
		{ "if", 'i' }, { "ifdef", 'i' }, { "ifndef", 'i' }, { "elif", 'e' },
		{ "elifdef", 'e' }, { "elifndef", 'e' }, { "else", 'e' }, { "endif", 'x' },
	};
	size_t i = 0;
	while (i < n && ppmap_is_space(s[i]))
		i++;
	if (i >= n || s[i] != '#')
		return 0;
	i++;
	while (i < n && ppmap_is_space(s[i]))
		i++;
	size_t k = i;
	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			 ppmap_is_digit(s[k]) || s[k] == '_'))
		k++;
	for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
		if (strlen(names[j].name) == k - i && memcmp(s + i, names[j].name, k - i) == 0)
			return names[j].kind;
	return '#';
}

/* Which main-file source lines gave a non-blank .i line or an #include gcc followed. */
static unsigned char *ppmap_evidence(const struct ppmap *m, size_t n)
{
	unsigned char *ev = calloc(n + 1, 1);
	if (!ev)
		return NULL;
	for (size_t k = 0; k < m->n_main_refs; k++) {
		const struct ppmap_ref *r = &m->main_refs[k];
		if (r->line < 1 || (size_t)r->line > n)
			continue;
		const struct ppmap_line *ln = &m->lines[r->iline - 1];
		const char *s = m->text + ln->off;
		for (size_t i = 0; i < ln->len && !ev[r->line]; i++)
			ev[r->line] = !ppmap_is_space(s[i]);
	}
	for (size_t k = 1; k < m->n_nodes; k++) {
		const struct ppmap_node *nd = &m->nodes[k];
		if (nd->parent == 0 && !nd->cmdline && nd->from_line >= 1 &&
		    (size_t)nd->from_line <= n)
			ev[nd->from_line] = 1;
	}
	return ev;
}

/* Mark the bodies of the groups that cannot have been taken. */
static int ppmap_cond_mark(struct ppmap_cond *c, unsigned char *out, size_t n)
{
	unsigned char *chain_taken = calloc(c->n_chains + 1, 1);
	if (!chain_taken)
		return -1;
	/* a group was taken when anything in it was; children come after their parents */
	for (size_t k = c->n; k-- > 0;)
		if (c->groups[k].parent >= 0)
			c->groups[c->groups[k].parent].evidence |= c->groups[k].evidence;
	for (size_t k = 0; k < c->n; k++)
		chain_taken[c->groups[k].chain] |= c->groups[k].evidence;
	for (size_t k = 0; k < c->n; k++) {
		const struct ppmap_group *g = &c->groups[k];
		/* gcc takes at most one group per chain; marking a body marks its nested groups */
		if (!g->evidence && (g->content || chain_taken[g->chain]))
			for (size_t l = g->body_first; l <= g->body_last && l <= n; l++)
				out[l] = 1;
	}
	free(chain_taken);
	return 0;
}

unsigned char *ppmap_inactive_lines(const struct ppmap *m, const char *src, size_t len,
				    size_t *n_src_lines)
{
	size_t n = 0;
	for (const char *p = src, *end = src + len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	*n_src_lines = n;
	unsigned char *out = calloc(n + 1, 1);
	if (!out || m->main_file < 0 || !n)
		return out;
	struct ppmap_scan sc = { .src = src, .len = len, .line = 1, .n_lines = n };
	struct ppmap_cond c = { 0 };
	unsigned char *ev = ppmap_evidence(m, n);
	sc.clean = malloc(len + 1);
	if (!ev || !sc.clean)
		goto nomem;
	while (sc.line <= n) {
		size_t first, last;
		ppmap_scan_next(&sc, &first, &last);
		int cur = c.n_open ? c.open[c.n_open - 1] : -1;
		char kind = ppmap_cond_kind(sc.clean, sc.clean_len);
		if (kind != 0 && kind != '#') {
			if (ppmap_cond_line(&c, kind, first, last) < 0)
				goto nomem;
			continue;
		}
		if (cur < 0)
			continue;
		for (size_t k = first; k <= last; k++)
			c.groups[cur].evidence |= ev[k];
		if (!kind)
			for (size_t i = 0; i < sc.clean_len && !c.groups[cur].content; i++)
				c.groups[cur].content = !ppmap_is_space(sc.clean[i]);
	}
	for (size_t k = 0; k < c.n_open; k++)
		c.groups[c.open[k]].body_last = n;
	if (ppmap_cond_mark(&c, out, n) < 0)
		goto nomem;
	free(c.groups);
	free(c.open);
	free(sc.clean);
	free(ev);
	return out;
nomem:
	free(c.groups);
	free(c.open);
	free(sc.clean);
	free(ev);
	free(out);
	return NULL;
}

char *ppmap_tree_text(const struct ppmap *m)
{
	size_t size = 1;
	for (size_t k = 1; k < m->n_nodes; k++) {
		const struct ppmap_node *nd = &m->nodes[k];
		if (nd->cmdline)
			continue;
		size_t add = (size_t)nd->depth + strlen(ppmap_file_name(m, nd->file)) + 2;
		if (add > SIZE_MAX - size)
			return NULL;
		size += add;
	}
	char *text = malloc(size), *p = text;
	if (!text)
		return NULL;
	for (size_t k = 1; k < m->n_nodes; k++) {
		const struct ppmap_node *nd = &m->nodes[k];
		if (nd->cmdline)
			continue;
		const char *name = ppmap_file_name(m, nd->file);
		size_t l = strlen(name);
		memset(p, '.', (size_t)nd->depth);
		p += nd->depth;
		*p++ = ' ';
		memcpy(p, name, l);
		p += l;
		*p++ = '\n';
	}
	*p = '\0';
	return text;
}

size_t ppmap_main_text(const struct ppmap *m, long line, char *buf, size_t len)
{
	struct ppmap_range r[8];
	size_t nr = ppmap_main_ranges(m, line, r, 8), o = 0;
	int blank = 1;
	if (!len)
		return 0;
	for (size_t k = 0; k < nr && k < 8; k++)
		for (size_t i = r[k].first; i < r[k].first + r[k].count && i <= m->n_lines; i++) {
			const struct ppmap_line *l = &m->lines[i - 1];
			for (size_t b = 0; b < l->len && o + 1 < len; b++) {
				char c = m->text[l->off + b];
				int sp = c == ' ' || c == '\t';
				if (sp && blank)
					continue;
				buf[o++] = sp ? ' ' : c;
				blank = sp;
			}
			if (!blank && o + 1 < len) {
				buf[o++] = ' ';
				blank = 1;
			}
		}
	while (o > 0 && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
	return o;
}
