/* search: finding text in a pane's lines. See search.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "tui/search.h"

/* ASCII only: a locale's tolower() could fold single bytes of a UTF-8 character. */
static unsigned char search_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

void search_clear(struct search *s)
{
	free(s->pattern);
	free(s->folded);
	s->pattern = NULL;
	s->folded = NULL;
	s->len = 0;
	s->icase = 0;
	s->n_hits = 0;
}

void search_free(struct search *s)
{
	search_clear(s);
	free(s->hits);
	memset(s, 0, sizeof *s);
}

int search_set(struct search *s, const char *pattern)
{
	search_clear(s);
	if (!pattern || !*pattern)
		return 0;
	size_t n = strlen(pattern);
	s->pattern = strdup(pattern);
	if (!s->pattern)
		return -1;
	s->len = n;
	s->icase = 1;
	for (size_t i = 0; i < n; i++)
		if (pattern[i] >= 'A' && pattern[i] <= 'Z')
			s->icase = 0;
	if (!s->icase)
		return 0;
	/* Case-blind search is a Horspool scan over folded bytes: the shift of a byte is its
	 * distance from the pattern's end, so most bytes of a line are never compared. */
	s->folded = malloc(n);
	if (!s->folded) {
		search_clear(s);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		s->folded[i] = search_fold((unsigned char)pattern[i]);
	for (size_t c = 0; c < 256; c++)
		s->shift[c] = n;
	for (size_t i = 0; i + 1 < n; i++)
		s->shift[s->folded[i]] = n - 1 - i;
	return 0;
}

/* The first match in hay (n bytes), or NULL. */
static const char *search_find(const struct search *s, const char *hay, size_t n)
{
	size_t m = s->len;
	if (!s->pattern || m > n)
		return NULL;
	if (!s->icase)
		return memmem(hay, n, s->pattern, m);
	const unsigned char *h = (const unsigned char *)hay;
	const unsigned char *p = s->folded;
	for (size_t i = 0; i + m <= n; ) {
		unsigned char last = search_fold(h[i + m - 1]);
		if (last == p[m - 1]) {
			size_t j = 0;
			while (j + 1 < m && search_fold(h[i + j]) == p[j])
				j++;
			if (j + 1 >= m)
				return hay + i;
		}
		i += s->shift[last];
	}
	return NULL;
}

int search_run(struct search *s, search_line_fn line, void *ctx, size_t n_lines)
{
	s->n_hits = 0;
	if (!s->pattern)
		return 0;
	for (size_t i = 0; i < n_lines; i++) {
		size_t len = 0;
		const char *text = line(ctx, i, &len);
		if (!text || !search_find(s, text, len))
			continue;
		if (s->n_hits == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 64;
			size_t *h = realloc(s->hits, cap * sizeof *h);
			if (!h) {
				s->n_hits = 0;
				return -1;
			}
			s->hits = h;
			s->cap = cap;
		}
		s->hits[s->n_hits++] = i;
	}
	return 0;
}

int search_match_in_line(const struct search *s, const char *text, size_t len, size_t from,
			 size_t *col, size_t *mlen)
{
	if (!s->pattern || !text || from >= len)
		return 0;
	const char *m = search_find(s, text + from, len - from);
	if (!m)
		return 0;
	*col = (size_t)(m - text);
	*mlen = s->len;
	return 1;
}

/* The index of the first hit greater than cur (after), or at least cur (!after). */
static size_t search_bound(const struct search *s, size_t cur, int after)
{
	size_t lo = 0, hi = s->n_hits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->hits[mid] < cur || (after && s->hits[mid] == cur))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t search_next(const struct search *s, size_t cur, int dir, int *wrapped)
{
	int w = 0;
	size_t r = SEARCH_NONE;
	if (s->n_hits > 0) {
		if (dir >= 0) {
			size_t k = search_bound(s, cur, dir > 0);
			w = k == s->n_hits;
			r = s->hits[w ? 0 : k];
		} else {
			size_t k = search_bound(s, cur, 0);
			w = k == 0;
			r = s->hits[w ? s->n_hits - 1 : k - 1];
		}
	}
	if (wrapped)
		*wrapped = w;
	return r;
}

size_t search_rank(const struct search *s, size_t cur)
{
	size_t k = search_bound(s, cur, 0);
	return k < s->n_hits && s->hits[k] == cur ? k + 1 : 0;
}

size_t search_status(const struct search *s, size_t cur, char *out, size_t len)
{
	char tail[64];
	if (len == 0)
		return 0;
	out[0] = '\0';
	if (!s->pattern)
		return 0;
	size_t rank = search_rank(s, cur);
	if (s->n_hits == 0)
		snprintf(tail, sizeof tail, "%s", _("  not found"));
	else if (rank > 0)
		/* TRANSLATORS: the search's place: the cursor is on match %1$zu of %2$zu */
		snprintf(tail, sizeof tail, _("  %1$zu of %2$zu"), rank, s->n_hits);
	else
		snprintf(tail, sizeof tail, ngettext("  %zu matching line", "  %zu matching lines",
						     s->n_hits), s->n_hits);
	size_t tlen = strlen(tail);
	size_t plen = s->len;
	const char *dots = "";
	/* Room for '/', the pattern, the tail and the NUL: shorten the pattern, not the count. */
	if (1 + plen + tlen + 1 > len && len >= 1 + 3 + tlen + 1) {
		plen = len - (1 + 3 + tlen + 1);
		while (plen > 0 && ((unsigned char)s->pattern[plen] & 0xc0) == 0x80)
			plen--;
		dots = "...";
	}
	int n = snprintf(out, len, "/%.*s%s%s", (int)plen, s->pattern, dots, tail);
	if (n < 0) {
		out[0] = '\0';
		return 0;
	}
	return (size_t)n < len ? (size_t)n : len - 1;
}
