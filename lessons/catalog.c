/* catalog: the curriculum, in teaching order. See catalog.h. */
#include "config.h"

#include <string.h>

#include "lessons/catalog.h"

static const struct catalog_entry catalog_entries[] = {
	{ "pipeline", CATALOG_TOPIC },
	{ "preprocess", CATALOG_STAGE },
	/* the feature-test macros are preprocessor macros: read beside the preprocessor */
	{ "standards", CATALOG_TOPIC },
	{ "compile", CATALOG_STAGE },
	{ "assemble", CATALOG_STAGE },
	{ "link", CATALOG_STAGE },
	{ "libraries", CATALOG_TOPIC },
	{ "dynamic-linking", CATALOG_TOPIC },
	{ "dlopen", CATALOG_TOPIC },
	{ "dynamic-costs", CATALOG_TOPIC },
	{ "libcs", CATALOG_TOPIC },
	{ "glibc-static", CATALOG_TOPIC },
	{ "musl", CATALOG_TOPIC },
	{ "static-pie", CATALOG_TOPIC },
	{ "run", CATALOG_STAGE },
	{ "cgo", CATALOG_TOPIC },
	{ "go-stdlib", CATALOG_TOPIC },
	{ "go-static", CATALOG_TOPIC },
};

#define CATALOG_N (sizeof catalog_entries / sizeof *catalog_entries)

const struct catalog_entry *catalog_all(size_t *n)
{
	*n = CATALOG_N;
	return catalog_entries;
}

const struct catalog_entry *catalog_find(const char *name)
{
	for (size_t i = 0; i < CATALOG_N; i++)
		if (strcmp(catalog_entries[i].name, name) == 0)
			return &catalog_entries[i];
	return NULL;
}

/* Optimal string alignment distance: insertions, deletions, substitutions and adjacent
 * transpositions each cost one. Names are short; longer input is simply far. */
static size_t catalog_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return (size_t)-1;
	size_t d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const struct catalog_entry *catalog_suggest(const char *name)
{
	const struct catalog_entry *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < CATALOG_N; i++) {
		size_t d = catalog_distance(name, catalog_entries[i].name);
		if (d < best_d) {
			best_d = d;
			best = &catalog_entries[i];
		}
	}
	/* a third of the name may be wrong, and at least two edits are forgiven */
	size_t allowed = strlen(name) / 3 > 2 ? strlen(name) / 3 : 2;
	return best_d <= allowed ? best : NULL;
}

/* What a learner looking at each stage may want to read next. */
static const char *const catalog_pre[] = { "preprocess", "pipeline", "standards", NULL };
static const char *const catalog_comp[] = { "compile", "pipeline", NULL };
static const char *const catalog_asm[] = { "assemble", "libraries", NULL };
static const char *const catalog_link[] = {
	"link", "libraries", "dynamic-linking", "dlopen", "dynamic-costs", "libcs",
	"glibc-static", "musl", "static-pie", "cgo", "go-stdlib", "go-static", NULL,
};

static const char *const catalog_run[] = {
	"run", "dynamic-linking", "static-pie", "glibc-static", "musl", NULL,
};

const char *const *catalog_for_stage(const char *stage)
{
	if (strcmp(stage, "preprocess") == 0)
		return catalog_pre;
	if (strcmp(stage, "compile") == 0)
		return catalog_comp;
	if (strcmp(stage, "assemble") == 0)
		return catalog_asm;
	if (strcmp(stage, "link") == 0)
		return catalog_link;
	if (strcmp(stage, "run") == 0)
		return catalog_run;
	return NULL;
}
