/* styled: lines of role-tagged spans, their widths, and a terminal printer. See styled.h. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* wcwidth */
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lessons/styled.h"
#include "stages/i18n.h"

/* The model is shared by every front end; none can go on without memory. */
static void *sty_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fprintf(stderr, "lesson: %s\n", _("out of memory"));
		exit(EXIT_FAILURE);
	}
	return q;
}

struct sty_line *sty_newline(struct sty_doc *d)
{
	struct sty_line *l;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->lines = sty_xrealloc(d->lines, d->cap * sizeof *d->lines);
	}
	l = &d->lines[d->n++];
	l->spans = NULL;
	l->n = 0;
	l->indent = 0;
	l->num = 0;
	l->band = 0;
	l->hl = STY_HL_NONE;
	l->item = 0;
	l->mark = STY_MARK_NONE;
	return l;
}

void sty_add(struct sty_line *l, enum sty_role role, const char *text, size_t len)
{
	struct sty_span *sp;

	if (len == (size_t)-1)
		len = strlen(text);
	/* Spans arrive one at a time; grow in powers of two to keep appends cheap. */
	if ((l->n & (l->n - 1)) == 0)
		l->spans = sty_xrealloc(l->spans, (l->n ? l->n * 2 : 1) * sizeof *l->spans);
	sp = &l->spans[l->n++];
	sp->role = role;
	sp->borrowed = 0;
	sp->text = sty_xrealloc(NULL, len + 1);
	memcpy(sp->text, text, len);
	sp->text[len] = '\0';
}

void sty_add_borrowed(struct sty_line *l, enum sty_role role, const char *text)
{
	if ((l->n & (l->n - 1)) == 0)
		l->spans = sty_xrealloc(l->spans, (l->n ? l->n * 2 : 1) * sizeof *l->spans);
	struct sty_span *sp = &l->spans[l->n++];
	sp->role = role;
	sp->borrowed = 1;
	sp->text = (char *)text;
}

/* Length and display width of the character at s (at most len bytes). A byte that is not a
 * valid character in the current locale counts as one column, so with no UTF-8 locale the
 * width is the byte count: too wide rather than too narrow. */
static size_t sty_char(const char *s, size_t len, int *w)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	if ((unsigned char)*s < 0x80) {
		/* a control byte is drawn as ^X: two columns; a tab counts one (not expanded) */
		*w = ((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f ? 2 : 1;
		return 1;
	}
	memset(&st, 0, sizeof st);
	k = mbrtowc(&wc, s, len, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*w = 1;
		return 1;
	}
	*w = wcwidth(wc);
	if (*w < 0)
		*w = 1;
	return k;
}

int sty_width(const char *s, size_t len)
{
	int cols = 0, w;
	size_t i = 0;

	while (i < len) {
		i += sty_char(s + i, len - i, &w);
		cols += w;
	}
	return cols;
}

size_t sty_fit(const char *s, size_t len, int cols)
{
	size_t i = 0, k;
	int used = 0, w;

	while (i < len) {
		k = sty_char(s + i, len - i, &w);
		if (used + w > cols)
			break;
		used += w;
		i += k;
	}
	return i;
}

/* --- where a line may break in text that is not spaced ---------------------------------- */

/* Closing punctuation, never at the start of a line (the kinsoku rules of Chinese and
 * Japanese typesetting), with the ASCII marks that close a phrase. */
static const wchar_t sty_closing[] =
	L"\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\uff09\u300d\u300f\u300b\u3009\u3011"
	L"\u3015\u3017\u3019\u301b\uff3d\uff5d\uff0e\u201d\u2019\u2026\u2025\u30fb\u30fc"
	L"\u3005\u301c\uff5e\uff05,.;:?!)]}%";
/* Opening punctuation, never at the end of a line. */
static const wchar_t sty_opening[] =
	L"\uff08\u300c\u300e\u300a\u3008\u3010\u3014\u3016\u3018\u301a\uff3b\uff5b\u201c\u2018"
	L"([{";

int sty_break_between(wchar_t a, wchar_t b)
{
	/* two ASCII characters (most of a tool's output): never, and quickly */
	if ((a < 0x80 && b < 0x80) || a == 0 || b == 0)
		return 0;
	if (a == ' ' || b == ' ' || a == '\t' || b == '\t')
		return 0;
	if (wcwidth(a) != 2 && wcwidth(b) != 2)
		return 0;
	if (wcschr(sty_closing, b) != NULL || wcschr(sty_opening, a) != NULL)
		return 0;
	return 1;
}

/* The character at s (len > 0 bytes) as a wide character (0 for a byte that starts none),
 * and its length in *n. */
static wchar_t sty_decode(const char *s, size_t len, size_t *n)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	if ((unsigned char)*s < 0x80) {
		*n = 1;
		return (unsigned char)*s;
	}
	memset(&st, 0, sizeof st);
	k = mbrtowc(&wc, s, len, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*n = 1;
		return 0;
	}
	*n = k;
	return wc;
}

size_t sty_run_len(const char *s, size_t len)
{
	size_t i, n;
	wchar_t prev;

	if (len == 0)
		return 0;
	prev = sty_decode(s, len, &n);
	for (i = n; i < len; i += n) {
		wchar_t wc = sty_decode(s + i, len - i, &n);
		if (sty_break_between(prev, wc))
			return i;
		prev = wc;
	}
	return len;
}

/* Whether a line may break at byte i of s (0 < i < len): before a blank, or between two
 * characters that allow it. */
static int sty_break_at(const char *s, size_t len, size_t i)
{
	size_t j = i, n;

	if (s[i] == ' ' || s[i] == '\t')
		return 1;
	do
		j--;
	while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80);
	wchar_t a = sty_decode(s + j, i - j, &n);
	return sty_break_between(a, sty_decode(s + i, len - i, &n));
}

size_t sty_break_fit(const char *s, size_t len, int cols)
{
	size_t fit = sty_fit(s, len, cols), i = 0, best = 0, n;
	int col = 0, bestcol = 0, w;
	wchar_t prev = 0;

	if (fit == 0)
		return len > 0 ? (sty_decode(s, len, &n), n) : 0;
	if (fit == len)
		return len;
	if (sty_break_at(s, len, fit))
		return fit;
	while (i < fit) {
		wchar_t wc = sty_decode(s + i, len - i, &n);
		if (i > 0 && (wc == ' ' || sty_break_between(prev, wc))) {
			best = i;
			bestcol = col;
		}
		sty_char(s + i, len - i, &w);
		col += w;
		prev = wc;
		i += n;
	}
	if (best > 0 && bestcol >= cols / 2) {
		while (best > 0 && s[best - 1] == ' ')
			best--;
		if (best > 0)
			return best;
	}
	return fit;
}

/* Lay out one line of text (no newlines) word by word, starting a fresh line. */
static void sty_wrap_line(struct sty_doc *d, enum sty_role role, const char *s, size_t len,
    int width, int indent)
{
	struct sty_line *l = sty_newline(d);
	char *buf = sty_xrealloc(NULL, len + 1);
	size_t blen = 0, i = 0, wstart, wlen, k;
	int avail = width - indent, col = 0, ww;

	l->indent = indent;
	while (i < len) {
		int blank = 0, gap;
		size_t wend;
		while (i < len && (s[i] == ' ' || s[i] == '\t')) {
			i++;
			blank = 1;
		}
		if (i == len)
			break;
		/* a word, or the part of it up to where Chinese text may break */
		wstart = i;
		for (wend = i; wend < len && s[wend] != ' ' && s[wend] != '\t'; wend++)
			;
		wlen = sty_run_len(s + wstart, wend - wstart);
		i = wstart + wlen;
		ww = sty_width(s + wstart, wlen);
		gap = col > 0 && blank;
		if (col > 0 && col + gap + ww > avail) {
			sty_add(l, role, buf, blen);
			l = sty_newline(d);
			l->indent = indent;
			blen = 0;
			col = 0;
			gap = 0;
		}
		if (gap) {
			buf[blen++] = ' ';
			col++;
		}
		/* A word wider than the whole line is cut where the line ends. */
		while (ww > avail - col) {
			k = sty_fit(s + wstart, wlen, avail - col);
			if (k == 0) /* a character wider than the line: emit it anyway */
				k = sty_char(s + wstart, wlen, &ww);
			memcpy(buf + blen, s + wstart, k);
			blen += k;
			sty_add(l, role, buf, blen);
			l = sty_newline(d);
			l->indent = indent;
			blen = 0;
			col = 0;
			wstart += k;
			wlen -= k;
			ww = sty_width(s + wstart, wlen);
		}
		memcpy(buf + blen, s + wstart, wlen);
		blen += wlen;
		col += ww;
	}
	if (blen > 0)
		sty_add(l, role, buf, blen);
	free(buf);
}

/* The text always begins on a line of its own; the caller composes mixed lines with sty_add. */
void sty_add_wrapped(struct sty_doc *d, enum sty_role role, const char *text, int width, int indent)
{
	const char *nl;

	if (width < 1)
		width = 1;
	/* Keep at least half the width for text, so a deep indent cannot starve a line. */
	if (indent > width / 2)
		indent = width / 2;
	if (indent < 0)
		indent = 0;
	for (;;) {
		nl = strchr(text, '\n');
		sty_wrap_line(d, role, text, nl ? (size_t)(nl - text) : strlen(text), width, indent);
		if (nl == NULL)
			break;
		text = nl + 1;
	}
}

/* SGR parameters for each role; an empty string is the terminal's default. */
static const char *const sty_sgr[ROLE_COUNT] = {
	[ROLE_TEXT] = "",
	[ROLE_HEADING] = "1",
	[ROLE_EMPH] = "3",
	[ROLE_STRONG] = "1",
	[ROLE_CODE] = "35",
	[ROLE_CODEBLOCK] = "35",
	[ROLE_LINK] = "4;36",
	[ROLE_QUOTE] = "2",
	[ROLE_BULLET] = "1",
	[ROLE_RULE] = "2",
	[ROLE_DIM] = "2",
	[ROLE_OK] = "32",
	[ROLE_WARN] = "33",
	[ROLE_ERROR] = "1;31",
	[ROLE_COMMAND] = "1;35",
};

/* Write text for a terminal: control bytes (from a learner's file or a tool's output) could
 * move the cursor or change modes, so they are shown as '?'. */
static void sty_put_safe(const char *s, FILE *f)
{
	for (; *s != '\0'; s++)
		putc(((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f ? '?' : *s, f);
}

int sty_fpad(FILE *f, const char *s, int cols)
{
	int w = sty_width(s, strlen(s));

	fputs(s, f);
	for (int i = w; i < cols; i++)
		putc(' ', f);
	return w < cols ? cols : w;
}

void sty_print(const struct sty_doc *d, FILE *f, int ansi)
{
	const struct sty_line *l;
	const char *sgr;
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		l = &d->lines[i];
		if (l->n > 0)
			fprintf(f, "%*s", l->indent, "");
		for (j = 0; j < l->n; j++) {
			if (!ansi) {
				fputs(l->spans[j].text, f);
				continue;
			}
			sgr = (unsigned)l->spans[j].role < ROLE_COUNT ? sty_sgr[l->spans[j].role] : NULL;
			if (sgr == NULL)
				sgr = "";
			fprintf(f, "\033[0%s%sm", *sgr ? ";" : "", sgr);
			sty_put_safe(l->spans[j].text, f);
		}
		if (ansi)
			fputs("\033[0m", f);
		putc('\n', f);
	}
}

void sty_doc_clear(struct sty_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		for (size_t j = 0; j < d->lines[i].n; j++)
			if (!d->lines[i].spans[j].borrowed)
				free(d->lines[i].spans[j].text);
		free(d->lines[i].spans);
	}
	d->n = 0;
}

void sty_doc_free(struct sty_doc *d)
{
	sty_doc_clear(d);
	free(d->lines);
	d->lines = NULL;
	d->n = d->cap = 0;
}

size_t sty_utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	/* no overlong forms, no surrogates, nothing past U+10FFFF */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

/* --- text into lines: split, tabs expanded, wrapped, side by side ------------------------ */

#define STY_TAB 8

size_t sty_count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	if (len > 0 && text[len - 1] != '\n')
		n++;
	return n;
}

/* Copy one line with its tabs expanded; the caller frees the copy. */
static char *sty_expand_tabs(const char *s, size_t len)
{
	size_t tabs = 0;
	for (size_t i = 0; i < len; i++)
		tabs += s[i] == '\t';
	char *out = malloc(len + tabs * STY_TAB + 1);
	if (!out)
		return NULL;
	size_t o = 0, i = 0;
	int col = 0;
	while (i < len) {
		if (s[i] == '\t') {
			do
				out[o++] = ' ';
			while (++col % STY_TAB);
			i++;
			continue;
		}
		int cols;
		size_t n = sty_char(s + i, len - i, &cols);
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
		col += cols;
	}
	out[o] = '\0';
	return out;
}

/* Add one input line, wrapped at width columns with continuation lines hang columns in. */
static void sty_wrap_text(struct sty_doc *d, enum sty_role role, const char *s, int width,
			      int hang)
{
	size_t len = strlen(s);
	int avail = width;
	int first = 1;

	for (;;) {
		struct sty_line *l = sty_newline(d);
		if (!first)
			l->indent = hang;
		/* Find how much fits, and the last blank and the last slash before that. */
		size_t i = 0, fit = 0, blank = 0, slash = 0;
		int col = 0, blankcol = 0, slashcol = 0;
		while (i < len) {
			int cols;
			char c = s[i];
			size_t n = sty_char(s + i, len - i, &cols);
			if (col + cols > avail)
				break;
			if (c == ' ' && i > 0) {
				blank = i;
				blankcol = col;
			} else if (i > 0 && ((unsigned char)c | (unsigned char)s[i - 1]) >= 0x80 &&
				   sty_break_at(s, len, i)) {
				/* Chinese text breaks between characters: like a blank, kept */
				blank = i;
				blankcol = col;
			}
			col += cols;
			i += n;
			fit = i;
			if (c == '/' && i < len && s[i] != ' ') {
				slash = i;
				slashcol = col;
			}
		}
		if (i >= len) {
			sty_add(l, role, s, len);
			return;
		}
		/* the line is full where it may break: there */
		if (i > 0 && sty_break_at(s, len, i)) {
			blank = i;
			blankcol = col;
		}
		/* Break at a blank unless that would leave most of the line empty; a path (a
		 * command's file, an ldd line) breaks after a slash rather than mid-name. */
		size_t cut = fit;
		int blank_ok = blank > 0 && blankcol >= avail / 4;
		int slash_ok = slash > 0 && slashcol >= avail / 4;
		if (blank_ok && (blankcol >= avail / 2 || !slash_ok || blankcol > slashcol))
			cut = blank;
		else if (slash_ok)
			cut = slash;
		if (cut == 0)
			cut = fit > 0 ? fit : 1;
		sty_add(l, role, s, cut);
		s += cut;
		len -= cut;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
		if (len == 0)
			return;
		if (first) {
			first = 0;
			avail = width - hang > 8 ? width - hang : width;
			if (avail == width)
				hang = 0;
		}
	}
}

void sty_add_text(struct sty_doc *d, enum sty_role role, const char *text, size_t len,
		    int width, int hang)
{
	if (!text)
		return;
	if (len == (size_t)-1)
		len = strlen(text);
	const char *end = text + len;
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		if (width <= 0) {
			struct sty_line *l = sty_newline(d);
			sty_add(l, role, text, n);
		} else {
			char *x = sty_expand_tabs(text, n);
			if (x)
				sty_wrap_text(d, role, x, width, hang);
			free(x);
		}
		text += n + (nl ? 1 : 0);
	}
}

/* Columns of a line as laid out in a column: indent plus its spans. */
static int sty_line_width(const struct sty_line *l)
{
	int w = l->indent;
	for (size_t i = 0; i < l->n; i++)
		w += sty_width(l->spans[i].text, strlen(l->spans[i].text));
	return w;
}

static void sty_copy_line(struct sty_line *to, const struct sty_line *from)
{
	static const char blanks[] = "                                ";
	for (int i = from->indent; i > 0; i -= (int)sizeof blanks - 1)
		sty_add(to, ROLE_TEXT, blanks,
			(size_t)(i < (int)sizeof blanks - 1 ? i : (int)sizeof blanks - 1));
	for (size_t i = 0; i < from->n; i++)
		sty_add(to, from->spans[i].role, from->spans[i].text, (size_t)-1);
}

void sty_columns(struct sty_doc *out, const struct sty_doc *cols, size_t n, int colw,
		   const char *sep)
{
	static const char blanks[] = "                                ";
	size_t rows = 0;
	for (size_t c = 0; c < n; c++)
		rows = cols[c].n > rows ? cols[c].n : rows;
	for (size_t i = 0; i < rows; i++) {
		struct sty_line *l = sty_newline(out);
		for (size_t c = 0; c < n; c++) {
			int w = 0;
			if (c > 0)
				sty_add(l, ROLE_RULE, sep, (size_t)-1);
			if (i < cols[c].n) {
				sty_copy_line(l, &cols[c].lines[i]);
				w = sty_line_width(&cols[c].lines[i]);
			}
			if (c + 1 == n)
				break;
			for (int pad = colw - w; pad > 0; pad -= (int)sizeof blanks - 1) {
				int chunk = pad < (int)sizeof blanks - 1 ? pad : (int)sizeof blanks - 1;
				sty_add(l, ROLE_TEXT, blanks, (size_t)chunk);
			}
		}
	}
}
