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

/* The model is shared by every front end; none can go on without memory. */
static void *sty_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fputs("lesson: out of memory\n", stderr);
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
		*w = 1;
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

/* How many bytes of s (len bytes) fit in cols columns, whole characters only. */
static size_t sty_fit(const char *s, size_t len, int cols)
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
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			break;
		wstart = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		wlen = i - wstart;
		ww = sty_width(s + wstart, wlen);
		if (col > 0 && col + 1 + ww > avail) {
			sty_add(l, role, buf, blen);
			l = sty_newline(d);
			l->indent = indent;
			blen = 0;
			col = 0;
		}
		if (col > 0) {
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
