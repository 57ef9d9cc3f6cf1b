/* check_tuimods: the TUI's pure helpers: search in a pane, the demo banner, the progress file.
 * Expected values come from independent computations in the test (strstr, strcasestr, the
 * file system), never from numbers typed in. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/banner.h"
#include "tui/progress.h"
#include "tui/search.h"

/* ---------------------------------------------------------------- search */

struct lines {
	char **v;
	size_t n;
};

static const char *lines_get(void *ctx, size_t i, size_t *len)
{
	struct lines *l = ctx;
	*len = strlen(l->v[i]);
	return l->v[i];
}

/* The witness: strstr, or strcasestr for a pattern without capitals. The test runs in the C
 * locale, where case folding is ASCII. */
static const char *oracle_find(const char *line, const char *pat)
{
	int has_upper = 0;
	for (const char *p = pat; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			has_upper = 1;
	return has_upper ? strstr(line, pat) : strcasestr(line, pat);
}

static int oracle_match(const char *line, const char *pat)
{
	return oracle_find(line, pat) != NULL;
}

/* Run pattern over l and check the hits are exactly the lines the witness picks. */
static void check_hits(struct search *s, struct lines *l, const char *pat)
{
	ck_assert_int_eq(search_set(s, pat), 0);
	ck_assert_int_eq(search_run(s, lines_get, l, l->n), 0);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (!oracle_match(l->v[i], pat))
			continue;
		ck_assert_msg(k < s->n_hits, "line %zu (%s) missed by /%s", i, l->v[i], pat);
		ck_assert_uint_eq(s->hits[k], i);
		k++;
	}
	ck_assert_uint_eq(s->n_hits, k);
}

static char *small_lines[] = {
	"#include <stdio.h>",
	"int main(void) { printf(\"hi\\n\"); }",
	"PRINTF is not a function here",
	"a Printf in prose",
	"nothing to see",
	"sprintf(buf, \"%d\", 3); printf(\"%s\", buf); printf(\"\\n\");",
	"",
};

START_TEST(test_search_smart_case)
{
	struct lines l = { small_lines, sizeof small_lines / sizeof *small_lines };
	struct search s = { 0 };
	check_hits(&s, &l, "printf");
	ck_assert_int_eq(s.icase, 1);
	/* all spellings count when the pattern is lowercase */
	ck_assert_uint_eq(search_rank(&s, 2), 2);
	check_hits(&s, &l, "Printf");
	ck_assert_int_eq(s.icase, 0);
	ck_assert_uint_eq(s.n_hits, 1);
	ck_assert_uint_eq(s.hits[0], 3);
	check_hits(&s, &l, "PRINTF");
	check_hits(&s, &l, "\"%");
	check_hits(&s, &l, "<stdio.h>");
	check_hits(&s, &l, "not in any line");
	ck_assert_uint_eq(s.n_hits, 0);
	search_free(&s);
	ck_assert_ptr_null(s.pattern);
	ck_assert_ptr_null(s.hits);
}
END_TEST

START_TEST(test_search_next_prev_wrap)
{
	struct lines l = { small_lines, sizeof small_lines / sizeof *small_lines };
	struct search s = { 0 };
	check_hits(&s, &l, "printf");
	ck_assert_uint_ge(s.n_hits, 3);
	size_t n = s.n_hits, first = s.hits[0], last = s.hits[n - 1];
	int w = -1;
	for (size_t k = 0; k + 1 < n; k++) {
		ck_assert_uint_eq(search_next(&s, s.hits[k], 1, &w), s.hits[k + 1]);
		ck_assert_int_eq(w, 0);
		ck_assert_uint_eq(search_next(&s, s.hits[k + 1], -1, &w), s.hits[k]);
		ck_assert_int_eq(w, 0);
	}
	ck_assert_uint_eq(search_next(&s, last, 1, &w), first);
	ck_assert_int_eq(w, 1);
	ck_assert_uint_eq(search_next(&s, first, -1, &w), last);
	ck_assert_int_eq(w, 1);
	ck_assert_uint_eq(search_next(&s, l.n + 100, 1, &w), first);
	ck_assert_int_eq(w, 1);
	/* from a line that is not a hit: the nearest hit each way; dir 0 takes cur itself */
	for (size_t cur = 0; cur < l.n; cur++) {
		size_t after = SEARCH_NONE, before = SEARCH_NONE, at = SEARCH_NONE;
		for (size_t k = 0; k < n; k++) {
			if (s.hits[k] > cur && after == SEARCH_NONE)
				after = s.hits[k];
			if (s.hits[k] >= cur && at == SEARCH_NONE)
				at = s.hits[k];
			if (s.hits[k] < cur)
				before = s.hits[k];
		}
		size_t want_next = after == SEARCH_NONE ? first : after;
		size_t want_prev = before == SEARCH_NONE ? last : before;
		ck_assert_uint_eq(search_next(&s, cur, 1, &w), want_next);
		ck_assert_int_eq(w, after == SEARCH_NONE);
		ck_assert_uint_eq(search_next(&s, cur, -1, &w), want_prev);
		ck_assert_int_eq(w, before == SEARCH_NONE);
		ck_assert_uint_eq(search_next(&s, cur, 0, &w), at == SEARCH_NONE ? first : at);
		ck_assert_int_eq(w, at == SEARCH_NONE);
	}
	/* one hit: n and N come back to it, saying so */
	check_hits(&s, &l, "Printf");
	ck_assert_uint_eq(s.n_hits, 1);
	ck_assert_uint_eq(search_next(&s, s.hits[0], 1, &w), s.hits[0]);
	ck_assert_int_eq(w, 1);
	ck_assert_uint_eq(search_next(&s, s.hits[0], -1, NULL), s.hits[0]);
	check_hits(&s, &l, "zzz");
	ck_assert_uint_eq(search_next(&s, 0, 1, &w), SEARCH_NONE);
	search_free(&s);
}
END_TEST

START_TEST(test_search_status)
{
	struct lines l = { small_lines, sizeof small_lines / sizeof *small_lines };
	struct search s = { 0 };
	char out[128], want[128];
	check_hits(&s, &l, "printf");
	for (size_t k = 0; k < s.n_hits; k++) {
		snprintf(want, sizeof want, "/printf  %zu of %zu", k + 1, s.n_hits);
		ck_assert_uint_eq(search_status(&s, s.hits[k], out, sizeof out), strlen(want));
		ck_assert_str_eq(out, want);
	}
	size_t miss = 0;
	while (search_rank(&s, miss) != 0)
		miss++;
	snprintf(want, sizeof want, "/printf  %zu matching lines", s.n_hits);
	search_status(&s, miss, out, sizeof out);
	ck_assert_str_eq(out, want);
	check_hits(&s, &l, "Printf");
	search_status(&s, 0, out, sizeof out);
	ck_assert_str_eq(out, "/Printf  1 matching line");
	check_hits(&s, &l, "nowhere");
	search_status(&s, 0, out, sizeof out);
	ck_assert_str_eq(out, "/nowhere  not found");

	/* a long pattern is shortened, never the count, and never inside a UTF-8 character */
	const char *pat = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 is not here";
	const char *tail = "  not found";
	check_hits(&s, &l, pat);
	int shortened = 0;
	for (size_t size = strlen(tail) + 6; size < strlen(pat) + strlen(tail) + 4; size++) {
		char small[64];
		memset(small, 'x', sizeof small);
		size_t n = search_status(&s, 0, small, size);
		ck_assert_uint_eq(n, strlen(small));
		ck_assert_uint_lt(n, size);
		ck_assert_str_eq(small + n - strlen(tail), tail);
		ck_assert_int_eq(small[0], '/');
		const char *dots = strstr(small, "...");
		size_t kept = (dots ? (size_t)(dots - small) : n - strlen(tail)) - 1;
		ck_assert_int_eq(memcmp(small + 1, pat, kept), 0);
		/* what is kept of the pattern ends on a character boundary */
		ck_assert_msg(((unsigned char)pat[kept] & 0xc0) != 0x80, "cut inside a character "
			      "at byte %zu with %zu bytes of room", kept, size);
		shortened += dots != NULL;
	}
	ck_assert_int_gt(shortened, 4);
	search_free(&s);
}
END_TEST

START_TEST(test_search_match_columns)
{
	char *text[] = {
		"printf(\"%d\", x); PRINTF(y); Printf; printf",
		"aaaaaaa",
		"abababab",
		"no match",
	};
	const char *pats[] = { "printf", "Printf", "aa", "aba", "b", "h" };
	struct search s = { 0 };
	for (size_t pi = 0; pi < sizeof pats / sizeof *pats; pi++) {
		ck_assert_int_eq(search_set(&s, pats[pi]), 0);
		for (size_t t = 0; t < sizeof text / sizeof *text; t++) {
			const char *line = text[t];
			size_t len = strlen(line), from = 0, col, mlen, found = 0;
			/* the witness: repeated strstr/strcasestr, each after the previous match */
			const char *o = line;
			while ((o = oracle_find(o, pats[pi])) != NULL) {
				int got = search_match_in_line(&s, line, len, from, &col, &mlen);
				ck_assert_int_eq(got, 1);
				ck_assert_uint_eq(col, (size_t)(o - line));
				ck_assert_uint_eq(mlen, strlen(pats[pi]));
				from = col + mlen;
				o += strlen(pats[pi]);
				found++;
			}
			ck_assert_int_eq(search_match_in_line(&s, line, len, from, &col, &mlen), 0);
			if (t == 0 && pi == 0)
				ck_assert_uint_ge(found, 4); /* several matches on one line */
		}
	}
	/* the text need not end with NUL: only len bytes are read */
	ck_assert_int_eq(search_set(&s, "printf"), 0);
	size_t col, mlen;
	ck_assert_int_eq(search_match_in_line(&s, "xprintf", 6, 0, &col, &mlen), 0);
	ck_assert_int_eq(search_match_in_line(&s, "xprintf", 7, 0, &col, &mlen), 1);
	ck_assert_uint_eq(col, 1);
	search_free(&s);
}
END_TEST

START_TEST(test_search_empty_pattern)
{
	struct lines l = { small_lines, sizeof small_lines / sizeof *small_lines };
	struct search s = { 0 };
	ck_assert_int_eq(search_set(&s, "printf"), 0);
	ck_assert_int_eq(search_run(&s, lines_get, &l, l.n), 0);
	ck_assert_uint_gt(s.n_hits, 0);
	ck_assert_int_eq(search_set(&s, ""), 0);
	ck_assert_ptr_null(s.pattern);
	ck_assert_uint_eq(s.n_hits, 0);
	ck_assert_int_eq(search_run(&s, lines_get, &l, l.n), 0);
	ck_assert_uint_eq(s.n_hits, 0);
	size_t col, mlen;
	ck_assert_int_eq(search_match_in_line(&s, "abc", 3, 0, &col, &mlen), 0);
	ck_assert_uint_eq(search_next(&s, 0, 1, NULL), SEARCH_NONE);
	char out[32] = "junk";
	ck_assert_uint_eq(search_status(&s, 0, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(search_set(&s, NULL), 0);
	ck_assert_ptr_null(s.pattern);
	/* clear keeps the struct usable */
	ck_assert_int_eq(search_set(&s, "int"), 0);
	search_clear(&s);
	ck_assert_ptr_null(s.pattern);
	ck_assert_uint_eq(s.n_hits, 0);
	search_free(&s);
}
END_TEST

/* A small deterministic generator, so a failure can be replayed. */
static uint32_t rng_next(uint32_t *st)
{
	*st = *st * 1103515245u + 12345u;
	return *st >> 8;
}

/* Random lines of words in random case; some words hold the patterns searched. */
static void make_lines(struct lines *l, size_t n, uint32_t seed)
{
	static const char *words[] = {
		"int", "printf", "main", "return", "sprintf", "static", "void", "char",
		"print", "f", "prin", "tf", "(", ")", ";", "{", "}", "#include", "stdio",
		"aab", "aba", "abaab", "xyz", "\xc3\xa9t\xc3\xa9",
	};
	uint32_t st = seed;
	l->n = n;
	l->v = calloc(n, sizeof *l->v);
	ck_assert_ptr_nonnull(l->v);
	for (size_t i = 0; i < n; i++) {
		char buf[256];
		size_t len = 0, nw = rng_next(&st) % 12;
		for (size_t w = 0; w < nw; w++) {
			const char *word = words[rng_next(&st) % (sizeof words / sizeof *words)];
			uint32_t how = rng_next(&st) % 8; /* mostly lowercase, sometimes not */
			for (const char *c = word; *c && len + 2 < sizeof buf; c++) {
				char ch = *c;
				int up = how == 0 || (how == 1 && rng_next(&st) % 2);
				if (ch >= 'a' && ch <= 'z' && up)
					ch = (char)(ch - 'a' + 'A');
				buf[len++] = ch;
			}
			if (rng_next(&st) % 3)
				buf[len++] = ' ';
		}
		buf[len] = '\0';
		l->v[i] = strdup(buf);
		ck_assert_ptr_nonnull(l->v[i]);
	}
}

static void free_lines(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

START_TEST(test_search_100000_lines)
{
	struct lines l;
	make_lines(&l, 100000, 42);
	const char *pats[] = { "printf", "PRINTF", "Printf", "print", "aab", "abaab", "ab",
			       "f", "f p", "\xc3\xa9t", "T\xc3\xa9", "(;", "zzz" };
	struct search s = { 0 };
	for (size_t pi = 0; pi < sizeof pats / sizeof *pats; pi++) {
		size_t want = 0;
		for (size_t i = 0; i < l.n; i++)
			want += oracle_match(l.v[i], pats[pi]);
		check_hits(&s, &l, pats[pi]);
		ck_assert_msg(s.n_hits == want, "/%s: %zu hits, the witness counts %zu", pats[pi],
			      s.n_hits, want);
		if (pi == 0)
			ck_assert_uint_gt(want, 1000); /* the input really exercises the search */
	}
	search_free(&s);
	free_lines(&l);
}
END_TEST

/* Many short random texts over a tiny alphabet, where partial matches abound: every match
 * position must be the witness's. */
START_TEST(test_search_random_columns)
{
	uint32_t st = 7;
	struct search s = { 0 };
	for (int round = 0; round < 3000; round++) {
		char pat[6], text[40];
		size_t pl = 1 + rng_next(&st) % 5, tl = rng_next(&st) % 39;
		for (size_t i = 0; i < pl; i++)
			pat[i] = "abab"[rng_next(&st) % 4];
		pat[pl] = '\0';
		for (size_t i = 0; i < tl; i++)
			text[i] = "abAB"[rng_next(&st) % 4];
		text[tl] = '\0';
		ck_assert_int_eq(search_set(&s, pat), 0);
		size_t from = 0, col, mlen;
		const char *o = text;
		while ((o = oracle_find(o, pat)) != NULL) {
			ck_assert_int_eq(search_match_in_line(&s, text, tl, from, &col, &mlen), 1);
			ck_assert_uint_eq(col, (size_t)(o - text));
			from = col + mlen;
			o += pl;
		}
		ck_assert_int_eq(search_match_in_line(&s, text, tl, from, &col, &mlen), 0);
	}
	search_free(&s);
}
END_TEST

/* ---------------------------------------------------------------- banner */

/* Columns of a UTF-8 row: every character here is one column wide. */
static int row_columns(const char *r)
{
	int n = 0;
	for (; *r; r++)
		n += ((unsigned char)*r & 0xc0) != 0x80;
	return n;
}

/* The ASCII rendering of text, rows joined by newlines (caller frees). */
static char *render_joined(const char *text, int utf8, int *width)
{
	char **rows;
	int n, w;
	ck_assert_int_eq(banner_render(text, utf8, -1, &rows, &n, &w), 0);
	ck_assert_int_eq(n, BANNER_ROWS);
	size_t size = 1;
	for (int r = 0; r < n; r++)
		size += strlen(rows[r]) + 1;
	char *j = malloc(size), *o = j;
	ck_assert_ptr_nonnull(j);
	for (int r = 0; r < n; r++) {
		size_t len = strlen(rows[r]);
		memcpy(o, rows[r], len);
		o += len;
		*o++ = '\n';
	}
	*o = '\0';
	banner_free_rows(rows, n);
	if (width)
		*width = w;
	return j;
}

START_TEST(test_banner_required_glyphs)
{
	const char *need = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .-:/()";
	for (const char *c = need; *c; c++)
		ck_assert_msg(banner_has((unsigned char)*c), "no glyph for '%c'", *c);
	ck_assert_int_eq(banner_has(0xc3), 0);
	ck_assert_int_eq(banner_has('\t'), 0);
}
END_TEST

START_TEST(test_banner_glyph_shapes)
{
	char all[128];
	size_t n_all = 0;
	int sum = 0;
	char *shape[128] = { 0 };
	for (int c = 32; c < 127; c++) {
		if (!banner_has(c) || (c >= 'a' && c <= 'z'))
			continue;
		char text[2] = { (char)c, '\0' };
		char **rows;
		int n, w;
		ck_assert_int_eq(banner_render(text, 0, -1, &rows, &n, &w), 0);
		ck_assert_int_eq(n, BANNER_ROWS);
		ck_assert_int_gt(w, 0);
		ck_assert_int_eq(w, banner_width(text));
		int lit = 0;
		for (int r = 0; r < n; r++) {
			ck_assert_msg((int)strlen(rows[r]) == w, "'%c' row %d is %zu wide, not %d",
				      c, r, strlen(rows[r]), w);
			for (const char *p = rows[r]; *p; p++) {
				ck_assert(*p == '#' || *p == ' ');
				lit += *p == '#';
			}
		}
		ck_assert_msg(c == ' ' || lit > 0, "'%c' draws nothing", c);
		banner_free_rows(rows, n);
		shape[c] = render_joined(text, 0, NULL);
		/* readable means distinguishable: no two characters share a shape */
		for (int d = 32; d < c; d++)
			if (shape[d])
				ck_assert_msg(strcmp(shape[c], shape[d]) != 0,
					      "'%c' looks like '%c'", c, d);
		all[n_all++] = (char)c;
		sum += w;
	}
	all[n_all] = '\0';
	ck_assert_uint_gt(n_all, 40);
	int w;
	char *joined = render_joined(all, 0, &w);
	ck_assert_int_eq(w, sum + (int)(n_all - 1) * BANNER_SPACING);
	ck_assert_int_eq(banner_width(all), w);
	/* the whole line is the glyphs side by side, BANNER_SPACING blanks apart */
	const char *row = joined;
	for (int r = 0; r < BANNER_ROWS; r++) {
		const char *o = row;
		for (size_t i = 0; i < n_all; i++) {
			const char *g = shape[(unsigned char)all[i]];
			for (int k = 0; k < r; k++)
				g = strchr(g, '\n') + 1;
			size_t gl = (size_t)(strchr(g, '\n') - g);
			ck_assert_int_eq(memcmp(o, g, gl), 0);
			o += gl;
			if (i + 1 < n_all)
				for (int k = 0; k < BANNER_SPACING; k++)
					ck_assert_int_eq(*o++, ' ');
		}
		ck_assert_int_eq(*o, '\n');
		row = o + 1;
	}
	free(joined);
	for (int c = 0; c < 128; c++)
		free(shape[c]);
}
END_TEST

START_TEST(test_banner_ascii_and_utf8)
{
	const char *texts[] = { "PREPROCESS", "gcc -E hello.c", "(1/4) link: static-pie",
				"caf\xc3\xa9 na\xc3\xafve", "tab\there" };
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		int wa, wu;
		char *a = render_joined(texts[t], 0, &wa);
		char *u = render_joined(texts[t], 1, &wu);
		ck_assert_int_eq(wa, wu);
		for (const char *p = a; *p; p++)
			ck_assert_msg((unsigned char)*p < 0x80, "byte 0x%02x in ASCII mode",
				      (unsigned char)*p);
		/* UTF-8 mode is the same picture, with U+2588 for each '#' */
		char *back = malloc(strlen(u) + 1), *o = back;
		ck_assert_ptr_nonnull(back);
		for (const char *p = u; *p; ) {
			if (strncmp(p, "\xe2\x96\x88", 3) == 0) {
				*o++ = '#';
				p += 3;
			} else {
				ck_assert(*p == ' ' || *p == '\n');
				*o++ = *p++;
			}
		}
		*o = '\0';
		ck_assert_str_eq(back, a);
		const char *nl = strchr(u, '\n');
		char first[1024];
		memcpy(first, u, (size_t)(nl - u));
		first[nl - u] = '\0';
		ck_assert_int_eq(row_columns(first), wu);
		free(back);
		free(a);
		free(u);
	}
	/* lowercase is drawn as capitals; other characters as '?', one per UTF-8 character */
	char *lo = render_joined("hello.c", 0, NULL), *up = render_joined("HELLO.C", 0, NULL);
	ck_assert_str_eq(lo, up);
	free(lo);
	free(up);
	char *e = render_joined("\xc3\xa9\t", 0, NULL), *q = render_joined("??", 0, NULL);
	ck_assert_str_eq(e, q);
	free(e);
	free(q);
}
END_TEST

START_TEST(test_banner_too_wide)
{
	const char *text = "ASSEMBLE";
	int need = banner_width(text);
	char **rows = (char **)1;
	int n = -1, w = -1;
	ck_assert_int_eq(banner_render(text, 1, need - 1, &rows, &n, &w), BANNER_TOO_WIDE);
	ck_assert_ptr_null(rows);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(w, need);
	ck_assert_int_eq(banner_render(text, 1, need, &rows, &n, &w), 0);
	ck_assert_int_eq(w, need);
	ck_assert_int_eq(n, BANNER_ROWS);
	banner_free_rows(rows, n);
	ck_assert_int_eq(banner_render("", 0, 0, &rows, &n, &w), 0);
	ck_assert_int_eq(w, 0);
	ck_assert_int_eq(n, BANNER_ROWS);
	for (int r = 0; r < n; r++)
		ck_assert_str_eq(rows[r], "");
	banner_free_rows(rows, n);
	banner_free_rows(NULL, 0);
}
END_TEST

/* ---------------------------------------------------------------- progress */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (flag == FTW_DP)
		chmod(path, 0700); /* a read-only directory cannot lose its entries */
	return remove(path);
}

/* Open up the directories first, so the removal can empty each one. */
static int rm_open(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (flag == FTW_D)
		chmod(path, 0700);
	return 0;
}

static void rm_tree(const char *dir)
{
	chmod(dir, 0700);
	nftw(dir, rm_open, 16, FTW_PHYS);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Every progress test works under one directory that the (unchecked) teardown removes from
 * the parent process, so even a failed test leaves nothing behind. */
static char *scratch;

static void scratch_setup(void)
{
	const char *t = getenv("TMPDIR");
	if (asprintf(&scratch, "%s/check_tuimods.XXXXXX", t && *t ? t : "/tmp") < 0 ||
	    !mkdtemp(scratch)) {
		perror("check_tuimods: cannot make a scratch directory");
		exit(99);
	}
}

static void scratch_teardown(void)
{
	rm_tree(scratch);
	free(scratch);
	scratch = NULL;
}

static char *make_tmpdir(void)
{
	char *d;
	ck_assert_int_ge(asprintf(&d, "%s/t.XXXXXX", scratch), 0);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static char *path_join(const char *a, const char *b)
{
	char *p;
	ck_assert_int_ge(asprintf(&p, "%s/%s", a, b), 0);
	return p;
}

/* The file's lines, joined by '|' (caller frees); "" for a missing file. */
static char *file_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	char *out = strdup("");
	if (!f)
		return out;
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	while ((n = getline(&line, &size, f)) >= 0) {
		ck_assert_int_eq(line[n - 1], '\n');
		line[n - 1] = '\0';
		char *joined;
		ck_assert_int_ge(asprintf(&joined, "%s%s|", out, line), 0);
		free(out);
		out = joined;
	}
	free(line);
	fclose(f);
	return out;
}

/* dir holds the progress file and nothing else: no temporary file was left behind. */
static void assert_only_progress(const char *dir)
{
	DIR *dp = opendir(dir);
	ck_assert_ptr_nonnull(dp);
	struct dirent *de;
	while ((de = readdir(dp)) != NULL)
		ck_assert_msg(strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
			      strcmp(de->d_name, "progress") == 0, "%s left in %s", de->d_name,
			      dir);
	closedir(dp);
}

static void progress_env(const char *state, const char *home)
{
	unsetenv("CSTAGES_NO_PROGRESS");
	if (state)
		setenv("XDG_STATE_HOME", state, 1);
	else
		unsetenv("XDG_STATE_HOME");
	if (home)
		setenv("HOME", home, 1);
}

START_TEST(test_progress_mark_reload)
{
	umask(022);
	char *tmp = make_tmpdir();
	progress_env(tmp, NULL);
	char *dir = path_join(tmp, "cstages");
	char *file = path_join(dir, "progress");
	struct progress p;
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_str_eq(p.path, file);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_int_eq(progress_seen(&p, "stage:preprocess"), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:preprocess"), 0);
	ck_assert_int_eq(progress_mark(&p, "lesson:libraries"), 0);
	ck_assert_int_eq(progress_seen(&p, "stage:preprocess"), 1);

	struct stat st;
	ck_assert_int_eq(stat(file, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0700);
	char *lines = file_lines(file);
	ck_assert_str_eq(lines, "lesson:libraries|stage:preprocess|");
	free(lines);

	/* a key already known is not saved again: the file stays the same file */
	struct stat before, after;
	ck_assert_int_eq(stat(file, &before), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:preprocess"), 0);
	ck_assert_int_eq(stat(file, &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);

	struct progress q;
	ck_assert_int_eq(progress_load(&q), 0);
	ck_assert_int_eq(progress_seen(&q, "stage:preprocess"), 1);
	ck_assert_int_eq(progress_seen(&q, "lesson:libraries"), 1);
	ck_assert_int_eq(progress_seen(&q, "stage:link"), 0);
	ck_assert_uint_eq(q.n, 2);

	/* two runs at once keep each other's marks */
	ck_assert_int_eq(progress_mark(&p, "stage:compile"), 0);
	ck_assert_int_eq(progress_mark(&q, "stage:link"), 0);
	struct progress r;
	ck_assert_int_eq(progress_load(&r), 0);
	ck_assert_int_eq(progress_seen(&r, "stage:compile"), 1);
	ck_assert_int_eq(progress_seen(&r, "stage:link"), 1);
	ck_assert_uint_eq(r.n, 4);

	/* nothing but the file is left in the directory: the temporary files were renamed */
	assert_only_progress(dir);
	progress_free(&p);
	progress_free(&q);
	progress_free(&r);
	free(file);
	free(dir);
	rm_tree(tmp);
	free(tmp);
}
END_TEST

START_TEST(test_progress_keys_checked)
{
	char *tmp = make_tmpdir();
	progress_env(tmp, NULL);
	struct progress p;
	ck_assert_int_eq(progress_load(&p), 0);
	char long_key[PROGRESS_KEY_MAX + 2];
	memset(long_key, 'k', sizeof long_key - 1);
	long_key[sizeof long_key - 1] = '\0';
	const char *bad[] = { "", "stage:link\nstage:compile", "cr\r", "tab\tkey", long_key };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		p.err[0] = '\0';
		ck_assert_int_eq(progress_mark(&p, bad[i]), -1);
		ck_assert_str_ne(p.err, "");
		ck_assert_int_eq(progress_seen(&p, bad[i]), 0);
	}
	ck_assert_int_eq(progress_mark(&p, NULL), -1);
	long_key[PROGRESS_KEY_MAX] = '\0';
	ck_assert_int_eq(progress_mark(&p, long_key), 0);
	ck_assert_int_eq(progress_mark(&p, "lesson:caf\xc3\xa9"), 0);
	ck_assert_int_eq(progress_seen(&p, "stage:link"), 0);
	progress_free(&p);
	struct progress q;
	ck_assert_int_eq(progress_load(&q), 0);
	ck_assert_uint_eq(q.n, 2);
	ck_assert_int_eq(progress_seen(&q, long_key), 1);
	ck_assert_int_eq(progress_seen(&q, "stage:link"), 0);
	progress_free(&q);
	rm_tree(tmp);
	free(tmp);
}
END_TEST

START_TEST(test_progress_read_only)
{
	if (geteuid() == 0) {
		fprintf(stderr, "check_tuimods: read-only progress test skipped: root ignores "
			"file permissions\n");
		return;
	}
	char *tmp = make_tmpdir();
	char *ro = path_join(tmp, "ro");
	ck_assert_int_eq(mkdir(ro, 0500), 0);
	progress_env(ro, NULL);
	struct progress p;
	ck_assert_int_eq(progress_load(&p), 0); /* no file yet: an empty record */
	ck_assert_int_eq(progress_mark(&p, "stage:link"), -1);
	ck_assert_msg(strstr(p.err, strerror(EACCES)) != NULL, "err: %s", p.err);
	ck_assert_int_eq(progress_seen(&p, "stage:link"), 1); /* kept for this run */
	progress_free(&p);

	/* a file that cannot be read: an error, an empty record, and the file is left alone */
	progress_env(tmp, NULL);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:compile"), 0);
	char *file = path_join(tmp, "cstages/progress");
	progress_free(&p);
	ck_assert_int_eq(chmod(file, 0), 0);
	ck_assert_int_eq(progress_load(&p), -1);
	ck_assert_ptr_nonnull(strstr(p.err, file));
	ck_assert_int_eq(progress_seen(&p, "stage:compile"), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:link"), -1);
	ck_assert_ptr_nonnull(strstr(p.err, "not saved"));
	progress_free(&p);
	ck_assert_int_eq(chmod(file, 0600), 0);
	char *lines = file_lines(file);
	ck_assert_str_eq(lines, "stage:compile|");
	free(lines);
	free(file);
	free(ro);
	rm_tree(tmp);
	free(tmp);
}
END_TEST

/* Failures that root meets too: a state home that is a file, and a write that fails half
 * way (a file size limit stands in for a full disk). */
START_TEST(test_progress_write_fails)
{
	char *tmp = make_tmpdir();
	char *plain = path_join(tmp, "plain");
	FILE *f = fopen(plain, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	progress_env(plain, NULL);
	struct progress p;
	ck_assert_int_eq(progress_load(&p), -1);
	ck_assert_msg(strstr(p.err, strerror(ENOTDIR)) != NULL, "err: %s", p.err);
	ck_assert_int_eq(progress_mark(&p, "stage:link"), -1);
	ck_assert_int_eq(progress_seen(&p, "stage:link"), 1);
	progress_free(&p);

	progress_env(tmp, NULL);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:compile"), 0);
	progress_free(&p);
	char *dir = path_join(tmp, "cstages");
	char *file = path_join(dir, "progress");
	struct stat st;
	ck_assert_int_eq(stat(file, &st), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit rl = { (rlim_t)st.st_size + 4, (rlim_t)st.st_size + 4 };
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(2);
		struct progress c;
		if (progress_load(&c) < 0 || !progress_seen(&c, "stage:compile"))
			_exit(3);
		int rc = progress_mark(&c, "lesson:a-key-longer-than-the-limit");
		int ok = rc == -1 && strstr(c.err, strerror(EFBIG)) && strstr(c.err, file);
		if (!ok)
			fprintf(stderr, "mark gave %d: %s\n", rc, c.err);
		progress_free(&c);
		_exit(ok ? 0 : 4);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	/* the old file is whole, and the new one that failed is gone */
	char *lines = file_lines(file);
	ck_assert_str_eq(lines, "stage:compile|");
	free(lines);
	assert_only_progress(dir);
	free(file);
	free(dir);
	free(plain);
	rm_tree(tmp);
	free(tmp);
}
END_TEST

START_TEST(test_progress_disabled)
{
	char *tmp = make_tmpdir();
	progress_env(tmp, NULL);
	struct progress p;
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:link"), 0);
	progress_free(&p);
	char *file = path_join(tmp, "cstages/progress");

	setenv("CSTAGES_NO_PROGRESS", "1", 1);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(p.disabled, 1);
	ck_assert_int_eq(progress_seen(&p, "stage:link"), 0); /* not read */
	ck_assert_int_eq(progress_mark(&p, "lesson:musl"), 0);
	ck_assert_int_eq(progress_seen(&p, "lesson:musl"), 1);
	progress_free(&p);
	char *lines = file_lines(file);
	ck_assert_str_eq(lines, "stage:link|"); /* not written */
	free(lines);

	/* nothing is even created in a fresh state directory */
	char *fresh = path_join(tmp, "fresh");
	ck_assert_int_eq(mkdir(fresh, 0700), 0);
	setenv("XDG_STATE_HOME", fresh, 1);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:link"), 0);
	progress_free(&p);
	char *made = path_join(fresh, "cstages");
	struct stat st;
	ck_assert_int_eq(stat(made, &st), -1);

	/* "0" and "" leave progress on */
	setenv("CSTAGES_NO_PROGRESS", "0", 1);
	setenv("XDG_STATE_HOME", tmp, 1);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_seen(&p, "stage:link"), 1);
	progress_free(&p);
	setenv("CSTAGES_NO_PROGRESS", "", 1);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(p.disabled, 0);
	progress_free(&p);
	unsetenv("CSTAGES_NO_PROGRESS");
	free(made);
	free(fresh);
	free(file);
	rm_tree(tmp);
	free(tmp);
}
END_TEST

/* XDG_STATE_HOME relative (or empty) is ignored: HOME/.local/state is used, and nothing is
 * made under the working directory. */
START_TEST(test_progress_relative_state_home)
{
	const char *values[] = { "relative/state", "" };
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(cwd, 0);
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		char *home = make_tmpdir();
		char *work = make_tmpdir();
		ck_assert_int_eq(chdir(work), 0);
		progress_env(values[i], home);
		struct progress p;
		ck_assert_int_eq(progress_load(&p), 0);
		char *want = path_join(home, ".local/state/cstages/progress");
		ck_assert_str_eq(p.path, want);
		ck_assert_int_eq(progress_mark(&p, "stage:assemble"), 0);
		progress_free(&p);
		char *lines = file_lines(want);
		ck_assert_str_eq(lines, "stage:assemble|");
		free(lines);
		struct stat st;
		ck_assert_int_eq(stat("relative", &st), -1);
		ck_assert_int_eq(stat("cstages", &st), -1);
		ck_assert_int_eq(fchdir(cwd), 0);
		free(want);
		rm_tree(home);
		rm_tree(work);
		free(home);
		free(work);
	}
	close(cwd);
	if (old_home) {
		setenv("HOME", old_home, 1);
		free(old_home);
	}
	unsetenv("XDG_STATE_HOME");
}
END_TEST

/* A home that does not exist is never made (HOME=/nonexistent/x made
 * /nonexistent/x/.local/state/cstages/progress); nor is the directory above XDG_STATE_HOME.
 * Below one that exists, the missing directories are made: ~/.local/state/cstages in a home
 * that has no .local, XDG_STATE_HOME itself. The marks still count for the run. */
START_TEST(test_progress_missing_home)
{
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *tmp = make_tmpdir();
	char *gone = path_join(tmp, "nonexistent");
	char *home = path_join(gone, "x");
	struct stat st;
	struct progress p;

	progress_env(NULL, home);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:link"), -1);
	ck_assert_msg(strstr(p.err, home) != NULL, "err: %s", p.err);
	ck_assert_int_eq(progress_seen(&p, "stage:link"), 1);
	progress_free(&p);
	ck_assert_int_eq(stat(gone, &st), -1);

	char *state = path_join(home, "state");
	progress_env(state, NULL);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:link"), -1);
	ck_assert_msg(strstr(p.err, home) != NULL, "err: %s", p.err);
	progress_free(&p);
	ck_assert_int_eq(stat(gone, &st), -1);

	/* the directory above XDG_STATE_HOME exists: XDG_STATE_HOME is made */
	char *made = path_join(tmp, "state");
	progress_env(made, NULL);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:compile"), 0);
	progress_free(&p);
	char *file = path_join(made, "cstages/progress");
	ck_assert_int_eq(stat(file, &st), 0);

	/* a home with no .local: .local/state/cstages is made in it */
	char *bare = make_tmpdir();
	progress_env(NULL, bare);
	ck_assert_int_eq(progress_load(&p), 0);
	ck_assert_int_eq(progress_mark(&p, "stage:compile"), 0);
	progress_free(&p);
	char *kept = path_join(bare, ".local/state/cstages/progress");
	ck_assert_int_eq(stat(kept, &st), 0);

	if (old_home) {
		setenv("HOME", old_home, 1);
		free(old_home);
	}
	unsetenv("XDG_STATE_HOME");
	free(kept);
	free(bare);
	free(file);
	free(made);
	free(state);
	free(home);
	free(gone);
	rm_tree(tmp);
	free(tmp);
}
END_TEST

static Suite *tuimods_suite(void)
{
	Suite *s = suite_create("tuimods");
	TCase *ts = tcase_create("search");
	tcase_set_timeout(ts, 600);
	tcase_add_test(ts, test_search_smart_case);
	tcase_add_test(ts, test_search_next_prev_wrap);
	tcase_add_test(ts, test_search_status);
	tcase_add_test(ts, test_search_match_columns);
	tcase_add_test(ts, test_search_empty_pattern);
	tcase_add_test(ts, test_search_100000_lines);
	tcase_add_test(ts, test_search_random_columns);
	suite_add_tcase(s, ts);
	TCase *tb = tcase_create("banner");
	tcase_set_timeout(tb, 600);
	tcase_add_test(tb, test_banner_required_glyphs);
	tcase_add_test(tb, test_banner_glyph_shapes);
	tcase_add_test(tb, test_banner_ascii_and_utf8);
	tcase_add_test(tb, test_banner_too_wide);
	suite_add_tcase(s, tb);
	TCase *tp = tcase_create("progress");
	tcase_set_timeout(tp, 600);
	tcase_add_unchecked_fixture(tp, scratch_setup, scratch_teardown);
	tcase_add_test(tp, test_progress_mark_reload);
	tcase_add_test(tp, test_progress_keys_checked);
	tcase_add_test(tp, test_progress_read_only);
	tcase_add_test(tp, test_progress_write_fails);
	tcase_add_test(tp, test_progress_disabled);
	tcase_add_test(tp, test_progress_relative_state_home);
	tcase_add_test(tp, test_progress_missing_home);
	suite_add_tcase(s, tp);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tuimods_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
