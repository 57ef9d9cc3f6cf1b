/* lesson: load the CommonMark lesson texts and lay them out as styled lines. See lesson.h. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <cmark.h>

#include "lessons/glossary.h"
#include "lessons/lesson.h"
#include "stages/files.h"
#include "stages/i18n.h"

#define LESSON_MAX_NAME 64
#define LESSON_MAX_BYTES (1 << 20)
#define LESSON_MAX_DEPTH 32

static void *lesson_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fprintf(stderr, "lesson: %s\n", _("out of memory"));
		exit(EXIT_FAILURE);
	}
	return q;
}

static char *lesson_xstrndup(const char *s, size_t n)
{
	char *d = lesson_xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Names become part of a path: letters, digits and '-' only, so "../x" can name nothing. */
static int lesson_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > LESSON_MAX_NAME)
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

static int lesson_wide_at(const char *s, size_t n, size_t i);

/* The text of a node's inlines on one line: runs of white space become one space; a soft
 * line break between two CJK characters, none. */
static char *lesson_plain(cmark_node *node)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	cmark_node *cur;
	const char *lit;
	char *out = NULL;
	size_t n = 0, cap = 0, k;
	int space = 0, soft = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cur = cmark_iter_get_node(it);
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(cur);
			break;
		case CMARK_NODE_SOFTBREAK:
			soft = n > 0 && !space;
			/* fall through */
		case CMARK_NODE_LINEBREAK:
			lit = " ";
			break;
		default:
			continue;
		}
		for (; lit != NULL && *lit != '\0'; lit++) {
			if (*lit == ' ' || *lit == '\t' || *lit == '\n' || *lit == '\r') {
				space = n > 0;
				continue;
			}
			if (space && soft) {
				size_t p = n;
				while (p > 0 && ((unsigned char)out[p - 1] & 0xc0) == 0x80)
					p--;
				if (p > 0 && lesson_wide_at(out, n, p - 1) &&
				    lesson_wide_at(lit, strlen(lit), 0))
					space = 0;
			}
			soft = 0;
			k = space ? 2 : 1;
			if (n + k + 1 > cap) {
				cap = cap ? cap * 2 : 128;
				out = lesson_xrealloc(out, cap);
			}
			if (space)
				out[n++] = ' ';
			out[n++] = *lit;
			space = 0;
		}
	}
	cmark_iter_free(it);
	if (out == NULL)
		return lesson_xstrndup("", 0);
	out[n] = '\0';
	return out;
}

int lesson_load(const char *datadir, const char *name, struct lesson *l, char *err, size_t errlen)
{
	cmark_node *doc, *cur, *heading = NULL, *para = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	size_t len = 0, plen;

	memset(l, 0, sizeof *l);
	if (name == NULL || !lesson_name_ok(name)) {
		snprintf(err, errlen, _("no lesson named \"%s\""), name ? name : "");
		return -1;
	}
	/* in Chinese, lessons/zh_CN/NAME.md when there is one (i18n.h), else the English */
	plen = strlen(datadir) + strlen(name) + sizeof "/lessons/zh_CN/.md";
	l->path = lesson_xrealloc(NULL, plen);
	l->text = NULL;
	if (i18n_lang() == I18N_ZH_CN) {
		snprintf(l->path, plen, "%s/lessons/%s/%s.md", datadir, i18n_lang_name(), name);
		l->text = files_slurp(l->path, LESSON_MAX_BYTES, &len, NULL);
	}
	if (l->text == NULL) {
		snprintf(l->path, plen, "%s/lessons/%s.md", datadir, name);
		l->text = files_slurp(l->path, LESSON_MAX_BYTES, &len, NULL);
	}
	if (l->text == NULL) {
		if (errno == ENOENT)
			snprintf(err, errlen, _("no lesson named \"%1$s\" (there is no %2$s)"), name,
				 l->path);
		else
			snprintf(err, errlen, _("cannot read lesson %1$s: %2$s"), l->path,
				 strerror(errno));
		lesson_free(l);
		return -1;
	}
	l->name = lesson_xstrndup(name, strlen(name));

	doc = cmark_parse_document(l->text, len, CMARK_OPT_DEFAULT);
	it = cmark_iter_new(doc);
	while (heading == NULL && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cur = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cur) == CMARK_NODE_HEADING)
			heading = cur;
	}
	cmark_iter_free(it);
	for (cur = cmark_node_first_child(doc); cur != NULL; cur = cmark_node_next(cur)) {
		if (cmark_node_get_type(cur) == CMARK_NODE_PARAGRAPH) {
			para = cur;
			break;
		}
	}
	if (heading != NULL)
		l->title = lesson_plain(heading);
	if (para != NULL)
		l->summary = lesson_plain(para);
	cmark_node_free(doc);

	if (l->title == NULL || l->title[0] == '\0') {
		snprintf(err, errlen, _("lesson %s has no title (it must open with a \"# Title\" line)"),
		    l->path);
		lesson_free(l);
		return -1;
	}
	if (l->summary == NULL || l->summary[0] == '\0') {
		snprintf(err, errlen, _("lesson %s has no summary (a paragraph after its title)"),
			 l->path);
		lesson_free(l);
		return -1;
	}
	return 0;
}

void lesson_free(struct lesson *l)
{
	free(l->name);
	free(l->path);
	free(l->text);
	free(l->title);
	free(l->summary);
	memset(l, 0, sizeof *l);
}

/* ---- layout ---- */

/* What a byte of a paragraph's text allows: a break, a break only when a code span cannot
 * fit on a line of its own, or a forced line break. */
enum lesson_brk { BRK_NONE, BRK_SPACE, BRK_SOFT, BRK_NEWLINE, BRK_JOIN };
/* BRK_JOIN: a line break in the source, a space between words, but nothing between two
 * Chinese characters (a paragraph of Chinese may be wrapped anywhere in its source). */

/* The inline text of one paragraph or heading, flattened with a role and a break class per
 * byte, so words may run across spans ("`puts`," is one word). */
struct lesson_flow {
	char *s;
	unsigned char *role, *brk;
	size_t n, cap;
};

enum lesson_ctx_kind { CTX_LIST, CTX_ITEM, CTX_QUOTE };

/* An open container: it decides what the lines inside it are prefixed with. */
struct lesson_ctx {
	enum lesson_ctx_kind kind;
	int width;       /* ITEM: hanging indent in columns */
	char marker[24]; /* ITEM: bullet or number, padded to width */
	int pending;     /* ITEM: marker not drawn yet */
	int ordered;     /* LIST */
	int next;        /* LIST: the next item's number */
	int numw;        /* LIST: digits of the largest number */
	char delim;      /* LIST: '.' or ')' */
	int level;       /* LIST: how many lists enclose it */
};

struct lesson_render {
	struct sty_doc *out;
	int width;
	int utf8;
	const char *src;

	struct lesson_ctx stack[LESSON_MAX_DEPTH];
	int depth, overflow;

	struct lesson_flow flow;
	enum sty_role base;
	int emph, strong, link;
	size_t link_start;

	/* the line being filled */
	struct sty_line *line;
	int col, avail, maxcol;
	char *span;
	size_t span_n, span_cap;
	enum sty_role span_role;
};

static void lesson_flow_push(struct lesson_flow *f, char c, enum sty_role role, enum lesson_brk brk)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->s = lesson_xrealloc(f->s, f->cap);
		f->role = lesson_xrealloc(f->role, f->cap);
		f->brk = lesson_xrealloc(f->brk, f->cap);
	}
	f->s[f->n] = c;
	f->role[f->n] = (unsigned char)role;
	f->brk[f->n] = (unsigned char)brk;
	f->n++;
}

/* Prose: white space collapses into one breakable space. */
static void lesson_flow_text(struct lesson_flow *f, const char *s, enum sty_role role)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (f->n > 0 && f->brk[f->n - 1] == BRK_JOIN)
				f->brk[f->n - 1] = BRK_SPACE;
			else if (f->n > 0 && f->brk[f->n - 1] != BRK_SPACE &&
				 f->brk[f->n - 1] != BRK_NEWLINE)
				lesson_flow_push(f, ' ', role, BRK_SPACE);
		} else {
			lesson_flow_push(f, *s, role, BRK_NONE);
		}
	}
}

/* Code spans keep their spaces and stay whole when they fit on a line. */
static void lesson_flow_code(struct lesson_flow *f, const char *s)
{
	for (; *s != '\0'; s++)
		lesson_flow_push(f, *s == '\n' ? ' ' : *s, ROLE_CODE, *s == ' ' || *s == '\n' ? BRK_SOFT : BRK_NONE);
}

/* A soft line break of the source. */
static void lesson_flow_join(struct lesson_flow *f, enum sty_role role)
{
	if (f->n > 0 && f->brk[f->n - 1] != BRK_SPACE && f->brk[f->n - 1] != BRK_NEWLINE &&
	    f->brk[f->n - 1] != BRK_JOIN)
		lesson_flow_push(f, ' ', role, BRK_JOIN);
}

/* Whether the character that starts at byte i of s (n bytes) is wide (CJK). */
static int lesson_wide_at(const char *s, size_t n, size_t i)
{
	wchar_t wc;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	if ((unsigned char)s[i] < 0x80)
		return 0;
	size_t k = mbrtowc(&wc, s + i, n - i, &st);
	return k != (size_t)-1 && k != (size_t)-2 && k != 0 && wcwidth(wc) == 2;
}

/* Settle the source's soft line breaks: dropped between two wide characters, a breakable
 * space elsewhere. */
static void lesson_flow_settle(struct lesson_flow *f)
{
	size_t o = 0;

	for (size_t i = 0; i < f->n; i++) {
		if (f->brk[i] == BRK_JOIN) {
			size_t p = o;
			while (p > 0 && ((unsigned char)f->s[p - 1] & 0xc0) == 0x80)
				p--;
			if (p > 0)
				p--;
			if (o > 0 && i + 1 < f->n && lesson_wide_at(f->s, o, p) &&
			    lesson_wide_at(f->s, f->n, i + 1))
				continue;
			f->brk[i] = BRK_SPACE;
		}
		f->s[o] = f->s[i];
		f->role[o] = f->role[i];
		f->brk[o] = f->brk[i];
		o++;
	}
	f->n = o;
}

static void lesson_flow_newline(struct lesson_flow *f)
{
	if (f->n > 0 && (f->brk[f->n - 1] == BRK_SPACE || f->brk[f->n - 1] == BRK_JOIN))
		f->brk[f->n - 1] = BRK_NEWLINE;
	else
		lesson_flow_push(f, '\n', ROLE_TEXT, BRK_NEWLINE);
}

static enum sty_role lesson_inline_role(const struct lesson_render *r)
{
	if (r->base == ROLE_HEADING)
		return ROLE_HEADING;
	if (r->link)
		return ROLE_LINK;
	if (r->strong)
		return ROLE_STRONG;
	if (r->emph)
		return ROLE_EMPH;
	return r->base;
}

/* Byte length of the UTF-8 character at s, 1 for a stray byte, so widths stay in step with
 * sty_width() whatever the locale. */
static size_t lesson_u8len(const char *s, size_t max)
{
	unsigned char c = (unsigned char)s[0];
	size_t n, i;

	if (c < 0xc0)
		return 1;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : 1;
	if (n > max)
		return 1;
	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

static void lesson_add_spaces(struct sty_line *l, int n)
{
	char sp[64];

	while (n > 0) {
		int k = n < (int)sizeof sp ? n : (int)sizeof sp;
		memset(sp, ' ', (size_t)k);
		if (l->n == 0)
			l->indent += k;
		else
			sty_add(l, ROLE_TEXT, sp, (size_t)k);
		n -= k;
	}
}

/* Start a line inside the open containers: their indents, quote bars, and the marker of a
 * list item whose first line this is. A blank line draws only the bars, and no marker.
 * Prefixes stop growing at half the width so deep nesting cannot starve the text. */
static struct sty_line *lesson_begin_line(struct lesson_render *r, int blank, int *used)
{
	struct sty_line *l = sty_newline(r->out);
	struct lesson_ctx *c;
	int i, pend = 0, cols = 0, limit = r->width / 2;

	for (i = 0; i < r->depth; i++) {
		c = &r->stack[i];
		if (cols + pend >= limit)
			break;
		if (c->kind == CTX_ITEM) {
			if (c->pending && !blank) {
				lesson_add_spaces(l, pend);
				cols += pend;
				pend = 0;
				sty_add(l, ROLE_BULLET, c->marker, (size_t)-1);
				cols += c->width;
				c->pending = 0;
			} else {
				pend += c->width;
			}
		} else if (c->kind == CTX_QUOTE) {
			lesson_add_spaces(l, pend);
			cols += pend;
			pend = 0;
			sty_add(l, ROLE_QUOTE, r->utf8 ? "\u2502" : ">", (size_t)-1);
			cols += 1;
			pend = 1;
		}
	}
	if (cols + pend > limit)
		pend = limit > cols ? limit - cols : 0;
	if (!blank) {
		lesson_add_spaces(l, pend);
		cols += pend;
	}
	*used = cols;
	return l;
}

static void lesson_blank(struct lesson_render *r)
{
	int used;

	if (r->out->n > 0)
		lesson_begin_line(r, 1, &used);
}

static void lesson_span_flush(struct lesson_render *r)
{
	if (r->span_n > 0)
		sty_add(r->line, r->span_role, r->span, r->span_n);
	r->span_n = 0;
}

static void lesson_layout_newline(struct lesson_render *r)
{
	int used;

	lesson_span_flush(r);
	r->line = lesson_begin_line(r, 0, &used);
	r->avail = r->width - used;
	r->col = 0;
}

/* Append flow bytes [a, a+len) to the line being filled, merging bytes of one role. */
static void lesson_emit(struct lesson_render *r, size_t a, size_t len, int cols)
{
	const struct lesson_flow *f = &r->flow;
	size_t i;

	for (i = a; i < a + len; i++) {
		if (r->span_n > 0 && r->span_role != f->role[i])
			lesson_span_flush(r);
		if (r->span_n == r->span_cap) {
			r->span_cap = r->span_cap ? r->span_cap * 2 : 128;
			r->span = lesson_xrealloc(r->span, r->span_cap);
		}
		r->span_role = f->role[i];
		r->span[r->span_n++] = f->s[i];
	}
	r->col += cols;
	if (r->col > r->maxcol)
		r->maxcol = r->col;
}

/* A word wider than what is left of the line: break it at a space inside a code span if one
 * fits, else cut it where the line ends. */
static void lesson_emit_long(struct lesson_render *r, size_t i, size_t j)
{
	const struct lesson_flow *f = &r->flow;
	size_t k, clen, soft;
	int used, w, soft_used;

	while (i < j) {
		k = i;
		used = 0;
		soft = 0;
		soft_used = 0;
		while (k < j) {
			clen = lesson_u8len(f->s + k, j - k);
			w = sty_width(f->s + k, clen);
			if (used + w > r->avail - r->col)
				break;
			if (f->brk[k] == BRK_SOFT && k > i) {
				soft = k;
				soft_used = used;
			}
			used += w;
			k += clen;
		}
		if (k == j) {
			lesson_emit(r, i, j - i, used);
			return;
		}
		if (soft > i) {
			lesson_emit(r, i, soft - i, soft_used);
			lesson_layout_newline(r);
			i = soft + 1;
			continue;
		}
		if (r->col > 0) {
			lesson_layout_newline(r);
			continue;
		}
		if (k == i) { /* one character wider than the line */
			k = i + lesson_u8len(f->s + i, j - i);
			used = sty_width(f->s + i, k - i);
		}
		lesson_emit(r, i, k - i, used);
		lesson_layout_newline(r);
		i = k;
	}
}

/* Fill lines with the flow, word by word; returns the widest line's text width. */
static int lesson_layout(struct lesson_render *r)
{
	const struct lesson_flow *f = &r->flow;
	size_t i = 0, j;
	int ww;

	r->maxcol = 0;
	r->span_n = 0;
	lesson_flow_settle(&r->flow);
	lesson_layout_newline(r);
	while (i < f->n) {
		if (f->brk[i] == BRK_SPACE) {
			i++;
			continue;
		}
		if (f->brk[i] == BRK_NEWLINE) {
			lesson_layout_newline(r);
			i++;
			continue;
		}
		for (j = i; j < f->n && f->brk[j] != BRK_SPACE && f->brk[j] != BRK_NEWLINE; j++)
			;
		/* the word, run by run: Chinese text may break between its characters */
		for (size_t k = i, e; k < j; k = e) {
			int gap = k == i && r->col > 0;
			e = k + sty_run_len(f->s + k, j - k);
			ww = sty_width(f->s + k, e - k);
			if (r->col > 0 && r->col + gap + ww > r->avail)
				lesson_layout_newline(r);
			else if (gap)
				lesson_emit(r, i - 1, 1, 1);
			if (ww <= r->avail - r->col)
				lesson_emit(r, k, e - k, ww);
			else
				lesson_emit_long(r, k, e);
		}
		i = j;
	}
	lesson_span_flush(r);
	r->flow.n = 0;
	return r->maxcol;
}

static void lesson_rule(struct lesson_render *r, const char *ch, int n)
{
	struct sty_line *l;
	size_t k = strlen(ch);
	char *buf;
	int used, i;

	l = lesson_begin_line(r, 0, &used);
	if (n > r->width - used)
		n = r->width - used;
	if (n <= 0)
		return;
	buf = lesson_xrealloc(NULL, k * (size_t)n);
	for (i = 0; i < n; i++)
		memcpy(buf + k * (size_t)i, ch, k);
	sty_add(l, ROLE_RULE, buf, k * (size_t)n);
	free(buf);
}

/* One line of verbatim text (code, or a table's source), indented by two, tabs expanded. */
static void lesson_verbatim(struct lesson_render *r, const char *s, size_t len)
{
	struct sty_line *l;
	char *buf;
	size_t i, n = 0, tabs = 0;
	int used, col = 0;

	l = lesson_begin_line(r, 0, &used);
	lesson_add_spaces(l, 2);
	if (len == 0)
		return;
	for (i = 0; i < len; i++)
		tabs += s[i] == '\t';
	buf = lesson_xrealloc(NULL, len + tabs * 8);
	for (i = 0; i < len; i++) {
		if (s[i] == '\t') {
			do
				buf[n++] = ' ';
			while (++col % 8 != 0);
		} else {
			size_t k = lesson_u8len(s + i, len - i);
			memcpy(buf + n, s + i, k);
			n += k;
			col += sty_width(s + i, k);
			i += k - 1;
		}
	}
	sty_add(l, ROLE_CODEBLOCK, buf, n);
	free(buf);
}

static void lesson_code_block(struct lesson_render *r, const char *lit)
{
	const char *nl;
	size_t len = strlen(lit);

	if (len > 0 && lit[len - 1] == '\n')
		len--;
	for (;;) {
		nl = memchr(lit, '\n', len);
		lesson_verbatim(r, lit, nl ? (size_t)(nl - lit) : len);
		if (nl == NULL)
			break;
		len -= (size_t)(nl - lit) + 1;
		lit = nl + 1;
	}
}

/* Line lineno (1-based) of the source, without its newline. */
static const char *lesson_src_line(const char *src, int lineno, size_t *len)
{
	const char *e;

	for (; lineno > 1 && src != NULL; lineno--) {
		src = strchr(src, '\n');
		if (src != NULL)
			src++;
	}
	if (src == NULL)
		return NULL;
	e = strchr(src, '\n');
	*len = e ? (size_t)(e - src) : strlen(src);
	return src;
}

static int lesson_only(const char *s, size_t len, const char *set)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

/* A table row's cells, from the source line s: split at each '|' that is not escaped or
 * inside a code span, the outer pipes dropped, each cell trimmed and shown as a reader
 * sees it (code spans' backticks, strong's asterisks and escapes removed). Cells are
 * NUL-terminated in *buf (caller frees); returns how many, at most max. */
static int lesson_cells(const char *s, size_t len, char **cells, int max, char **buf)
{
	char *o = lesson_xrealloc(NULL, len + 1), *cell;
	int n = 0, code = 0;
	size_t i = 0, k = 0;

	*buf = o;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '|')
		i++;
	if (len > i && s[len - 1] == '|' && (len < 2 || s[len - 2] != '\\'))
		len--;
	cell = o;
	for (; i <= len; i++) {
		if (i == len || (s[i] == '|' && !code)) {
			while (k > 0 && o[k - 1] == ' ' && o + k > cell)
				k--;
			o[k++] = '\0';
			while (*cell == ' ')
				cell++;
			if (n < max)
				cells[n++] = cell;
			cell = o + k;
			continue;
		}
		if (s[i] == '`') {
			code = !code;
			continue;
		}
		if (!code && s[i] == '\\' && i + 1 < len && strchr("\\`*_[]<>$~|#", s[i + 1])) {
			o[k++] = s[++i];
			continue;
		}
		if (!code && s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
			i++;
			continue;
		}
		o[k++] = s[i];
	}
	return n;
}

#define LESSON_TABLE_COLS 16
/* a column narrower than this reads badly: such a table is shown a record a row instead */
#define LESSON_TABLE_MINCOL 16

/* One line of a wrapped cell: [s, s+n). */
struct lesson_piece {
	const char *s;
	size_t n;
};

/* A tree's indent ("· · "): kept with what follows it. */
static int lesson_only_dots(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && strncmp(s + i, "·", strlen("·")) != 0)
			return 0;
		else if (s[i] != ' ')
			i += strlen("·") - 1;
	return 1;
}

/* Wrap cell t into lines of at most w columns: at spaces, else after a '/' or ',' (a
 * path, a list), else where the line is full; returns the count, the pieces in *out (caller
 * frees). An empty cell is one empty line. */
static int lesson_wrap_cell(const char *t, int w, struct lesson_piece **out)
{
	size_t len = strlen(t), i = 0;
	int n = 0, cap = 4;
	struct lesson_piece *p = lesson_xrealloc(NULL, sizeof *p * (size_t)cap);

	if (w < 1)
		w = 1;
	do {
		while (i < len && t[i] == ' ')
			i++;
		size_t k = i, space = 0, after = 0, pk = i, cjk = 0;
		int used = 0;
		while (k < len) {
			size_t c = lesson_u8len(t + k, len - k);
			int cw = sty_width(t + k, c);
			if (used + cw > w)
				break;
			if (t[k] == ' ' && k > i && !lesson_only_dots(t + i, k - i))
				space = k;
			else if (k > i && t[k] != ' ' &&
				 sty_run_len(t + pk, k + c - pk) < k + c - pk)
				cjk = k; /* Chinese text breaks between characters */
			pk = k;
			used += cw;
			k += c;
			if (k < len && strchr("/,", t[k - 1]) != NULL)
				after = k;
		}
		size_t e = k;
		if (k < len && k > i && t[k] != ' ' && sty_run_len(t + pk, len - pk) <= k - pk)
			cjk = k; /* full where Chinese text may break */
		if (k < len) {
			if (cjk > space && t[k] != ' ')
				e = cjk;
			else if (space > i && !(k < len && t[k] == ' '))
				e = space;
			else if (after > i && t[k] != ' ')
				e = after;
			if (e == i) /* one character wider than the column */
				e = i + lesson_u8len(t + i, len - i);
		}
		size_t trim = e;
		while (trim > i && t[trim - 1] == ' ')
			trim--;
		if (n == cap) {
			cap *= 2;
			p = lesson_xrealloc(p, sizeof *p * (size_t)cap);
		}
		p[n].s = t + i;
		p[n].n = trim - i;
		n++;
		i = e;
		while (i < len && t[i] == ' ')
			i++;
	} while (i < len);
	*out = p;
	return n;
}

/* One table row as lines: each cell wrapped to its column's width[c], right-aligned where
 * right[c] says, the columns two spaces apart. */
static void lesson_table_row(struct lesson_render *r, char **cells, int n, int ncol,
			     const int *width, const int *right, const enum sty_role *role)
{
	struct lesson_piece *pieces[LESSON_TABLE_COLS];
	int np[LESSON_TABLE_COLS], height = 1, used;

	for (int c = 0; c < ncol; c++) {
		np[c] = lesson_wrap_cell(c < n ? cells[c] : "", width[c], &pieces[c]);
		if (np[c] > height)
			height = np[c];
	}
	for (int k = 0; k < height; k++) {
		struct sty_line *l = lesson_begin_line(r, 0, &used);
		int pending = 2; /* spaces owed before the next text */
		for (int c = 0; c < ncol; c++) {
			const struct lesson_piece *p = k < np[c] ? &pieces[c][k] : NULL;
			int w = p ? sty_width(p->s, p->n) : 0, pad = width[c] - w;
			if (c)
				pending += 2;
			if (right[c])
				pending += pad;
			if (w) {
				lesson_add_spaces(l, pending);
				pending = 0;
				sty_add(l, role[c], p->s, p->n);
			}
			if (!right[c])
				pending += pad;
		}
	}
	for (int c = 0; c < ncol; c++)
		free(pieces[c]);
}

/* A table with too many columns for the page: each row a record, each cell after its
 * heading (strong), the record's lines wrapped, a blank line between records. A table
 * whose first heading is empty has its rows named by their first cell: that is the
 * record's title. */
static void lesson_table_records(struct lesson_render *r, int first, int last, int ncol)
{
	char *head[LESSON_TABLE_COLS], *hbuf, *cells[LESSON_TABLE_COLS], *buf;
	const char *s;
	size_t len;
	int width[2] = { 0, 0 }, right[2] = { 0, 0 };
	enum sty_role role[2] = { ROLE_STRONG, ROLE_TEXT };

	s = lesson_src_line(r->src, first, &len);
	int nh = lesson_cells(s, len, head, LESSON_TABLE_COLS, &hbuf);
	for (int c = 0; c < nh && c < ncol; c++) {
		int w = sty_width(head[c], strlen(head[c]));
		if (w > width[0])
			width[0] = w;
	}
	if (width[0] > r->width / 3)
		width[0] = r->width / 3;
	width[1] = r->width - 4 - width[0];
	for (int ln = first + 2; ln <= last; ln++) {
		s = lesson_src_line(r->src, ln, &len);
		if (s == NULL)
			break;
		int n = lesson_cells(s, len, cells, LESSON_TABLE_COLS, &buf);
		if (ln > first + 2)
			lesson_begin_line(r, 1, &(int){ 0 });
		for (int c = 0; c < ncol; c++) {
			char *pair[2] = { c < nh ? head[c] : "", c < n ? cells[c] : "" };
			if (c == 0 && !*pair[0]) {
				int w[1] = { r->width - 2 }, rt[1] = { 0 };
				enum sty_role ro[1] = { ROLE_STRONG };
				lesson_table_row(r, pair + 1, 1, 1, w, rt, ro);
				continue;
			}
			lesson_table_row(r, pair, 2, 2, width, right, role);
		}
		free(buf);
	}
	free(hbuf);
}

/* libcmark's core has no tables, so a GFM pipe table arrives as a paragraph: a row with '|'
 * then a delimiter row of '|', '-' and ':'. It is laid out in columns, the header row
 * strong and each column aligned as its delimiter says. A table wider than the page has its
 * widest columns narrowed and their cells wrapped, at spaces where it can; one with so many
 * columns that they would be too narrow to read is shown a record a row, each cell under its
 * heading; one with more than LESSON_TABLE_COLS columns is shown as its source. */
static int lesson_table(struct lesson_render *r, cmark_node *para)
{
	int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para);
	int skip = cmark_node_get_start_column(para) - 1, ln, ncol = 0, ok = 1;
	int width[LESSON_TABLE_COLS] = { 0 }, right[LESSON_TABLE_COLS] = { 0 };
	int body[LESSON_TABLE_COLS] = { 0 }, word[LESSON_TABLE_COLS] = { 0 };
	enum sty_role role[LESSON_TABLE_COLS];
	const char *s;
	size_t len;

	if (last <= first || skip < 0)
		return 0;
	s = lesson_src_line(r->src, first, &len);
	if (s == NULL || memchr(s, '|', len) == NULL)
		return 0;
	s = lesson_src_line(r->src, first + 1, &len);
	if (s == NULL || memchr(s, '|', len) == NULL || memchr(s, '-', len) == NULL ||
	    !lesson_only(s, len, "|-: \t"))
		return 0;
	/* the delimiter row: the columns, and which are right-aligned ("--:") */
	{
		char *cells[LESSON_TABLE_COLS + 1], *buf;
		ncol = lesson_cells(s, len, cells, LESSON_TABLE_COLS + 1, &buf);
		for (int c = 0; c < ncol && c < LESSON_TABLE_COLS; c++) {
			size_t m = strlen(cells[c]);
			right[c] = m > 1 && cells[c][m - 1] == ':' && cells[c][0] != ':';
		}
		free(buf);
		ok = ncol > 0 && ncol <= LESSON_TABLE_COLS;
	}
	for (ln = first; ok && ln <= last; ln++) {
		char *cells[LESSON_TABLE_COLS], *buf;
		if (ln == first + 1)
			continue;
		s = lesson_src_line(r->src, ln, &len);
		if (s == NULL)
			break;
		int n = lesson_cells(s, len, cells, LESSON_TABLE_COLS, &buf);
		for (int c = 0; c < n && c < ncol; c++) {
			int w = sty_width(cells[c], strlen(cells[c]));
			if (w > width[c])
				width[c] = w;
			if (ln > first && w > body[c])
				body[c] = w;
			/* the heading's longest word, the narrowest it wraps to */
			for (const char *h = cells[c]; ln == first && *h;) {
				size_t k = strcspn(h, " ");
				k = k ? sty_run_len(h, k) : 0;
				int hw = sty_width(h, k);
				if (hw > word[c])
					word[c] = hw;
				h += k + (h[k] == ' ');
			}
		}
		free(buf);
	}
	if (!ok) {
		/* as its source */
		for (ln = first; ln <= last; ln++) {
			s = lesson_src_line(r->src, ln, &len);
			if (s == NULL)
				break;
			if ((int)len >= skip && lesson_only(s, (size_t)skip, " \t>*+-.)0123456789")) {
				s += skip;
				len -= (size_t)skip;
			}
			lesson_verbatim(r, s, len);
		}
		return 1;
	}
	/* the room for the cells: the page less the indent and the gaps; too little, and the
	 * widest columns are capped at the level that fits (a column narrower keeps its width) */
	int room = r->width - 2 - 2 * (ncol - 1), total = 0, cap = 0;
	for (int c = 0; c < ncol; c++)
		total += width[c];
	if (total > room) /* first the headings wrap, to the width of their column's cells */
		for (int c = 0; c < ncol; c++)
			width[c] = body[c] > word[c] ? body[c] : word[c];
	total = 0;
	for (int c = 0; c < ncol; c++) {
		total += width[c];
		if (width[c] > cap)
			cap = width[c];
	}
	if (total > room) {
		for (; cap > 0; cap--) {
			int sum = 0;
			for (int c = 0; c < ncol; c++)
				sum += width[c] < cap ? width[c] : cap;
			if (sum <= room)
				break;
		}
		if (cap < LESSON_TABLE_MINCOL)
			return lesson_table_records(r, first, last, ncol), 1;
		for (int c = 0; c < ncol; c++)
			if (width[c] > cap)
				width[c] = cap;
	}
	for (ln = first; ln <= last; ln++) {
		char *cells[LESSON_TABLE_COLS], *buf;
		if (ln == first + 1)
			continue;
		s = lesson_src_line(r->src, ln, &len);
		if (s == NULL)
			break;
		int n = lesson_cells(s, len, cells, LESSON_TABLE_COLS, &buf);
		for (int c = 0; c < ncol; c++)
			role[c] = ln == first ? ROLE_STRONG : ROLE_TEXT;
		lesson_table_row(r, cells, n, ncol, width, right, role);
		free(buf);
	}
	return 1;
}

/* HTML comments let an author leave notes; they are not shown. */
static int lesson_hidden(cmark_node *n)
{
	const char *lit;

	if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
		return 0;
	lit = cmark_node_get_literal(n);
	return lit != NULL && strncmp(lit, "<!--", 4) == 0;
}

/* Blocks are separated by a blank line, except the items and the blocks inside the items
 * of a tight list. */
static int lesson_wants_blank(cmark_node *n)
{
	cmark_node *prev = cmark_node_previous(n), *parent = cmark_node_parent(n);

	while (prev != NULL && lesson_hidden(prev))
		prev = cmark_node_previous(prev);
	if (prev == NULL || parent == NULL)
		return 0;
	if (cmark_node_get_type(n) == CMARK_NODE_ITEM)
		return !cmark_node_get_list_tight(parent);
	if (cmark_node_get_type(parent) == CMARK_NODE_ITEM)
		return !cmark_node_get_list_tight(cmark_node_parent(parent));
	return 1;
}

static struct lesson_ctx *lesson_push(struct lesson_render *r, enum lesson_ctx_kind kind)
{
	struct lesson_ctx *c;

	if (r->depth == LESSON_MAX_DEPTH) {
		r->overflow++;
		return NULL;
	}
	c = &r->stack[r->depth++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

static void lesson_pop(struct lesson_render *r)
{
	if (r->overflow > 0)
		r->overflow--;
	else if (r->depth > 0)
		r->depth--;
}

static void lesson_enter_list(struct lesson_render *r, cmark_node *n)
{
	struct lesson_ctx *c;
	cmark_node *it;
	int i, count = 0, level = 0, max;

	for (i = 0; i < r->depth; i++)
		level += r->stack[i].kind == CTX_LIST;
	c = lesson_push(r, CTX_LIST);
	if (c == NULL)
		return;
	for (it = cmark_node_first_child(n); it != NULL; it = cmark_node_next(it))
		count++;
	c->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	c->next = cmark_node_get_list_start(n);
	c->delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
	c->level = level;
	max = c->next + (count > 0 ? count - 1 : 0);
	for (c->numw = 1; max >= 10; max /= 10)
		c->numw++;
}

static void lesson_enter_item(struct lesson_render *r)
{
	static const char *const u8[] = { "\u2022", "\u25e6", "\u25aa" }, *const ascii[] = { "*", "-", "+" };
	struct lesson_ctx *list = NULL, *c;
	int i;

	for (i = r->depth - 1; i >= 0 && list == NULL; i--)
		if (r->stack[i].kind == CTX_LIST)
			list = &r->stack[i];
	c = lesson_push(r, CTX_ITEM);
	if (c == NULL)
		return;
	c->pending = 1;
	if (list != NULL && list->ordered) {
		snprintf(c->marker, sizeof c->marker, "%*d%c ", list->numw, list->next++, list->delim);
		c->width = list->numw + 2;
	} else {
		i = list != NULL ? list->level % 3 : 0;
		snprintf(c->marker, sizeof c->marker, "%s ", r->utf8 ? u8[i] : ascii[i]);
		c->width = 2;
	}
}

static void lesson_start_flow(struct lesson_render *r, enum sty_role base)
{
	r->flow.n = 0;
	r->base = base;
	r->emph = r->strong = r->link = 0;
}

/* After a link's text, its address in parentheses, unless the text is the address. */
static void lesson_exit_link(struct lesson_render *r, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	size_t tlen = r->flow.n - r->link_start, ulen;
	const char *text = r->flow.s + r->link_start;

	if (url == NULL || *url == '\0')
		return;
	/* a term of the glossary: the word alone, styled as a link; t in the walkthrough and
	 * lesson --define show its definition */
	if (glossary_link_id(url))
		return;
	ulen = strlen(url);
	if ((tlen == ulen && memcmp(text, url, ulen) == 0) ||
	    (strncmp(url, "mailto:", 7) == 0 && tlen == ulen - 7 && memcmp(text, url + 7, tlen) == 0))
		return;
	if (tlen == 0 && cmark_node_get_type(n) == CMARK_NODE_IMAGE)
		lesson_flow_text(&r->flow, _("[image]"), ROLE_LINK);
	/* the space before '(' belongs to the prose, not to the dim address */
	lesson_flow_text(&r->flow, " ", ROLE_TEXT);
	lesson_flow_text(&r->flow, "(", ROLE_DIM);
	lesson_flow_text(&r->flow, url, ROLE_DIM);
	lesson_flow_text(&r->flow, ")", ROLE_DIM);
}

static void lesson_enter(struct lesson_render *r, cmark_iter *it, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *lit;

	if (t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK && t != CMARK_NODE_DOCUMENT &&
	    !lesson_hidden(n) && lesson_wants_blank(n))
		lesson_blank(r);

	switch (t) {
	case CMARK_NODE_BLOCK_QUOTE:
		lesson_push(r, CTX_QUOTE);
		break;
	case CMARK_NODE_LIST:
		lesson_enter_list(r, n);
		break;
	case CMARK_NODE_ITEM:
		lesson_enter_item(r);
		break;
	case CMARK_NODE_CODE_BLOCK:
		lesson_code_block(r, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HTML_BLOCK:
		if (!lesson_hidden(n))
			lesson_code_block(r, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		lesson_rule(r, r->utf8 ? "\u2500" : "-", r->width);
		break;
	case CMARK_NODE_PARAGRAPH:
		if (lesson_table(r, n)) {
			/* Its inlines were shown as source: skip them. The reset makes the
			 * paragraph's exit the current event, so the loop never sees it. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		lesson_start_flow(r, ROLE_TEXT);
		break;
	case CMARK_NODE_HEADING:
		lesson_start_flow(r, ROLE_HEADING);
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_INLINE:
		lit = cmark_node_get_literal(n);
		lesson_flow_text(&r->flow, lit ? lit : "", lesson_inline_role(r));
		break;
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		lesson_flow_code(&r->flow, lit ? lit : "");
		break;
	case CMARK_NODE_SOFTBREAK:
		lesson_flow_join(&r->flow, lesson_inline_role(r));
		break;
	case CMARK_NODE_LINEBREAK:
		lesson_flow_newline(&r->flow);
		break;
	case CMARK_NODE_EMPH:
		r->emph++;
		break;
	case CMARK_NODE_STRONG:
		r->strong++;
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (r->link++ == 0)
			r->link_start = r->flow.n;
		break;
	default:
		break;
	}
}

static void lesson_exit(struct lesson_render *r, cmark_node *n)
{
	int w, level;
	struct lesson_ctx *c;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
		lesson_pop(r);
		break;
	case CMARK_NODE_ITEM:
		c = r->overflow == 0 && r->depth > 0 ? &r->stack[r->depth - 1] : NULL;
		if (c != NULL && c->pending) /* an empty item still shows its marker */
			lesson_begin_line(r, 0, &w);
		lesson_pop(r);
		break;
	case CMARK_NODE_PARAGRAPH:
		lesson_layout(r);
		break;
	case CMARK_NODE_HEADING:
		w = lesson_layout(r);
		level = cmark_node_get_heading_level(n);
		/* underlined, so the outline survives a pipe with no styles */
		if (level == 1)
			lesson_rule(r, r->utf8 ? "\u2550" : "=", w);
		else if (level == 2)
			lesson_rule(r, r->utf8 ? "\u2500" : "-", w);
		r->base = ROLE_TEXT;
		break;
	case CMARK_NODE_EMPH:
		r->emph--;
		break;
	case CMARK_NODE_STRONG:
		r->strong--;
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (--r->link == 0)
			lesson_exit_link(r, n);
		break;
	default:
		break;
	}
}

static int lesson_codeset_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

void lesson_render(const struct lesson *l, int width, struct sty_doc *out)
{
	struct lesson_render r;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	memset(&r, 0, sizeof r);
	r.out = out;
	r.width = width < 20 ? 20 : width;
	r.utf8 = lesson_codeset_utf8();
	r.src = l->text ? l->text : "";
	r.base = ROLE_TEXT;

	doc = cmark_parse_document(r.src, strlen(r.src), CMARK_OPT_DEFAULT);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev == CMARK_EVENT_ENTER)
			lesson_enter(&r, it, cmark_iter_get_node(it));
		else if (ev == CMARK_EVENT_EXIT)
			lesson_exit(&r, cmark_iter_get_node(it));
	}
	cmark_iter_free(it);
	cmark_node_free(doc);

	free(r.flow.s);
	free(r.flow.role);
	free(r.flow.brk);
	free(r.span);
}

void lesson_print(const struct lesson *l, FILE *f, int width, int ansi)
{
	struct sty_doc d = { 0 };

	lesson_render(l, width, &d);
	sty_print(&d, f, ansi);
	sty_doc_free(&d);
}
