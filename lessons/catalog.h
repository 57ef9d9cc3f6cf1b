/* catalog: the curriculum, in teaching order: which lessons exist, which are stages and
 * which are topics, and the closest name to a misspelt one.
 *
 * Contract: a static table; nothing is loaded or allocated. The names are the file names of
 * the lessons (DATADIR/lessons/NAME.md).
 */
#ifndef CSTAGES_CATALOG_H
#define CSTAGES_CATALOG_H

#include <stddef.h>

enum catalog_kind { CATALOG_STAGE, CATALOG_TOPIC };

struct catalog_entry {
	const char *name;
	enum catalog_kind kind;
};

/* Every lesson, in teaching order; *n gets the count. */
const struct catalog_entry *catalog_all(size_t *n);

/* The entry named name, or NULL. */
const struct catalog_entry *catalog_find(const char *name);

/* The entry whose name is nearest to name (by edit distance, a transposition counting as one
 * edit), if it is near enough to be a likely misspelling; else NULL. */
const struct catalog_entry *catalog_suggest(const char *name);

/* The lessons that go with a stage's view, the stage's own first; NULL-terminated. */
const char *const *catalog_for_stage(const char *stage);

#endif
