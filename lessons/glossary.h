/* glossary: the terms the lessons use, defined (DATADIR/lessons/glossary.md), looked up by
 * name, by another name, or by a near miss, and the terms a lesson's text marks.
 *
 * Contract: glossary.md is CommonMark. After its title and summary, each "## NAME" heading
 * starts one term; in the term's section, a paragraph that starts "Other names:" lists the
 * term's other names and plurals, separated by ", " (a final '.' dropped); a paragraph that
 * starts "See also:" links related terms; every other paragraph is the definition. A term's
 * id is its name in lower case with each run of other characters than letters and digits
 * made one '-' ("feature-test macro" is feature-test-macro). A lesson marks a term with a
 * link to "#term-ID": [relocations](#term-relocation). Lookups ignore case. Nothing here
 * touches curses, libclang or the toolchain; loading reads one file. The caller owns what it
 * loads and frees it with glossary_free().
 */
#ifndef CSTAGES_GLOSSARY_H
#define CSTAGES_GLOSSARY_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A link to a term: "#term-" then the term's id. */
#define GLOSSARY_LINK "#term-"

struct glossary_term {
	char *name;      /* "feature-test macro", as its heading says */
	char *id;        /* "feature-test-macro" */
	char **aliases;  /* its other names and plurals, as written */
	size_t n_aliases;
	char **related;  /* the ids its "See also:" links name */
	size_t n_related;
	char *def;       /* the definition, CommonMark */
	char *names_md;  /* the "Other names:" paragraph, or NULL */
	char *see_md;    /* the "See also:" paragraph, or NULL */
};

struct glossary {
	struct glossary_term *terms; /* in the file's order */
	size_t n;
};

/* Read DATADIR/lessons/glossary.md into g. 0, or -1 with a sentence in err. */
int glossary_load(const char *datadir, struct glossary *g, char *err, size_t errlen);

/* Parse glossary text into g (what glossary_load does after reading the file). A term with no
 * definition, or a name or other name that two terms share, is an error: -1, said in err. */
int glossary_parse(const char *text, struct glossary *g, char *err, size_t errlen);

/* The term named word (its name, id or another name, in any case; a plural in 's' of one of
 * them too), or NULL. */
const struct glossary_term *glossary_find(const struct glossary *g, const char *word);

/* The term whose name or other name is nearest to word by edit distance, ignoring case (a
 * transposition is one edit), if near enough to be a likely misspelling (a third of the word,
 * at least two edits, one for a word of four letters or fewer); else NULL. */
const struct glossary_term *glossary_suggest(const struct glossary *g, const char *word);

/* The term with this id, or NULL. */
const struct glossary_term *glossary_by_id(const struct glossary *g, const char *id);

/* The id a link's address names when it is a term link ("#term-relocation": "relocation"),
 * else NULL. Points into url. Inline, so that the lesson renderer needs nothing else of
 * this module. */
static inline const char *glossary_link_id(const char *url)
{
	size_t k = sizeof GLOSSARY_LINK - 1;
	if (!url || strncmp(url, GLOSSARY_LINK, k) != 0 || url[k] == '\0')
		return NULL;
	return url + k;
}

/* The term as a lesson's text: "# NAME", the definition, its other names, related terms.
 * The caller frees it; NULL when out of memory. */
char *glossary_term_markdown(const struct glossary_term *t);

/* The ids of the terms that the CommonMark text md marks (links to "#term-ID"), each once,
 * in the order of their first mark; *n gets how many. The caller frees them with
 * glossary_ids_free(). NULL with *n 0 when there are none. */
char **glossary_marked(const char *md, size_t *n);
void glossary_ids_free(char **ids, size_t n);

/* Write a "## Glossary" section for a Markdown document that marks the terms ids: the
 * sentence intro, then those terms of g in alphabetical order, each a paragraph that starts
 * with an anchor named "term-ID", so that the document's term links lead to it. Nothing when
 * no id is a term of g. */
void glossary_write_md(FILE *f, const struct glossary *g, char *const *ids, size_t n,
		       const char *intro);

/* The same for the terms that the n CommonMark texts mark, from DATADIR's glossary; nothing
 * when it cannot be read (a report goes on without it). */
void glossary_write_for(FILE *f, const char *datadir, const char *const *texts, size_t n,
			const char *intro);

void glossary_free(struct glossary *g);

#endif
