/* live: a lesson's live blocks, which show a fact measured on the reader's machine.
 *
 * A live block is a fenced code block whose info string is "live", with two lines:
 *
 *     ```live
 *     sample: nss.c
 *     fact: link.warnings
 *     ```
 *
 * The sample is a path under samples/, or "." (LIVE_OWN): the program being walked, the
 * learner's own file where there is one (the walkthrough), samples/hello.c
 * (LIVE_OWN_FALLBACK) where there is none (--stage, --topic, --list). The fact is one of
 * live_facts(). No number in a lesson
 * is typed in: where the program has run the sample (the TUI, --report) the block is filled
 * from that run; where it has not (--stage, --topic) the block becomes the commands that
 * show the fact, for the reader to run.
 *
 * Contract: live_scan() lists a lesson's blocks; live_expand() returns the lesson's Markdown
 * with every block replaced by a fenced text block, filled by fill() or, when fill is NULL or
 * returns NULL, by the commands. Returned strings are the caller's to free. Runs nothing.
 */
#ifndef CSTAGES_LIVE_H
#define CSTAGES_LIVE_H

#include <stddef.h>

/* "sample: ." and what it stands for where no program of the learner's is walked. */
#define LIVE_OWN "."
#define LIVE_OWN_FALLBACK "hello.c"

struct live_ref {
	char *sample; /* "nss.c", relative to samples/; LIVE_OWN_FALLBACK for "sample: ." */
	int own;      /* 1 for "sample: .": the program being walked */
	char *fact;   /* "link.warnings" */
	int line;     /* where the block starts in the lesson, 1-based */
};

/* The facts a block may name, NULL-terminated. */
const char *const *live_facts(void);

/* 1 when fact is one of live_facts(). */
int live_fact_known(const char *fact);

/* Every live block of the Markdown text md, in order; returns the count and sets *refs
 * (free with live_refs_free). A block that is malformed is still listed, with NULL fields. */
size_t live_scan(const char *md, struct live_ref **refs);
void live_refs_free(struct live_ref *refs, size_t n);

/* The shell commands that show fact for DIR/SAMPLE by hand (DIR: the samples directory). */
char *live_command(const char *dir, const char *sample, const char *fact);

/* Text for one block (plain, no Markdown), or NULL to fall back to the commands. */
typedef char *(*live_fill_fn)(void *ctx, const char *sample, const char *fact);

/* md with its live blocks replaced; dir is the samples directory the commands name. */
char *live_expand(const char *md, const char *dir, live_fill_fn fill, void *ctx);

/* The same beside a walk of the learner's file own (its path as given; NULL: none, and
 * "sample: ." blocks are LIVE_OWN_FALLBACK's): those blocks are filled by
 * fill(ctx, LIVE_OWN, fact), and their commands name own. */
char *live_expand_own(const char *md, const char *dir, const char *own, live_fill_fn fill,
		      void *ctx);

#endif
