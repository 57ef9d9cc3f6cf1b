/* search: finding text in a pane's lines, as '/' does in less.
 *
 * Contract: a pattern is a plain substring of bytes, never a regular expression, so a learner
 * can type "printf(" or "*.o" and get what they typed. Case is smart, as in less -i and vim's
 * smartcase: the search ignores case unless the pattern has an uppercase letter. Only ASCII
 * letters fold; every other byte (UTF-8 included) must match exactly, so a match is always
 * exactly as long as the pattern.
 *
 * The pane lends its lines through a callback; search_run() reads each line once and keeps
 * the sorted indexes of the lines that match. The hits describe the lines as they were at
 * that call: run again when the pane's text changes. Within a line the draw pass asks for the
 * matches one by one with search_match_in_line(), in byte offsets.
 *
 * Memory: start from a zeroed struct search. It owns its pattern and hits; search_free()
 * releases them and leaves the struct zeroed, ready for use again. Nothing here draws or
 * keeps a pointer to the pane's text.
 */
#ifndef CSTAGES_SEARCH_H
#define CSTAGES_SEARCH_H

#include <stddef.h>

/* No hit: what search_next() returns when nothing matches. */
#define SEARCH_NONE ((size_t)-1)

/* Line i of a pane (i < the count given to search_run): its bytes, with *len set to their
 * number. The text need not end with NUL and may hold NUL bytes; NULL reads as empty. */
typedef const char *(*search_line_fn)(void *ctx, size_t i, size_t *len);

struct search {
	char *pattern;    /* NUL-terminated; NULL when no search is active */
	size_t len;       /* bytes in pattern */
	int icase;        /* 1: the pattern has no uppercase letter, so case is ignored */
	size_t *hits;     /* indexes of matching lines, ascending */
	size_t n_hits;
	size_t cap;       /* room in hits */
	unsigned char *folded;   /* the pattern, lowercased, when icase */
	size_t shift[256];       /* how far to slide on each byte, when icase */
};

/* Make pattern the active search and forget the previous hits. An empty or NULL pattern
 * clears the search. Returns 0, or -1 when out of memory (the search is then cleared). */
int search_set(struct search *s, const char *pattern);

/* Read lines 0 to n_lines - 1 through line(ctx, i, &len) and keep in hits those that hold
 * the pattern. Returns 0, or -1 when out of memory (no hits are kept). */
int search_run(struct search *s, search_line_fn line, void *ctx, size_t n_lines);

/* Find the first match in text (len bytes) starting at byte offset from or later. Returns 1
 * with *col its byte offset and *mlen its length in bytes, or 0 when there is none. To see
 * every match of a line, call again with from = *col + *mlen: matches never overlap. */
int search_match_in_line(const struct search *s, const char *text, size_t len, size_t from,
			 size_t *col, size_t *mlen);

/* The first hit after line cur (dir > 0), before it (dir < 0), or at or after it (dir == 0,
 * for the jump that follows a new search), going round the end or the start when there is
 * none that way: then *wrapped (when not NULL) is 1, else 0. With a single hit on cur itself,
 * n and N come back to it and say it wrapped. SEARCH_NONE when there are no hits. */
size_t search_next(const struct search *s, size_t cur, int dir, int *wrapped);

/* The 1-based rank of line cur among the hits, or 0 when cur is not a hit. */
size_t search_rank(const struct search *s, size_t cur);

/* Describe the search for a status line into out (size len, always NUL-terminated when len >
 * 0): "/printf  3 of 12" when cur is the third of twelve matching lines, "/printf  12
 * matching lines" when cur is not one of them, "/printf  not found", or "" with no search.
 * A pattern too long for out is cut at a character boundary and ends with "...". Returns the
 * bytes written, without the NUL. */
size_t search_status(const struct search *s, size_t cur, char *out, size_t len);

/* Forget the pattern and the hits; keep the room for hits for the next search. */
void search_clear(struct search *s);

/* Release everything; s is left zeroed. */
void search_free(struct search *s);

#endif
