/* fuzz_glossary: libFuzzer target for the glossary's parser and lookups. The input is a
 * glossary file, any bytes: glossary_parse() must accept it or say why; then every term must
 * be found by its name, id and other names, a misspelling of each must be suggested or not
 * without harm, its Markdown made, and the terms the input marks written as a report's
 * glossary, without crashing, leaking or reading out of bounds. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/glossary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *fuzz_null;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_null)
		fuzz_null = fopen("/dev/null", "w");
	char *text = malloc(size + 1);
	if (!text || !fuzz_null)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	struct glossary g;
	char err[256];
	if (glossary_parse(text, &g, err, sizeof err) == 0) {
		for (size_t i = 0; i < g.n; i++) {
			const struct glossary_term *t = &g.terms[i];
			if (glossary_find(&g, t->name) != t || glossary_find(&g, t->id) != t) {
				fprintf(stderr, "term '%s' (id '%s') is not found by its names\n",
					t->name, t->id);
				abort();
			}
			for (size_t k = 0; k < t->n_aliases; k++)
				if (glossary_find(&g, t->aliases[k]) != t) {
					fprintf(stderr, "term '%s' is not found by '%s'\n", t->name,
						t->aliases[k]);
					abort();
				}
			char *typo = strdup(t->name);
			if (typo && typo[0])
				typo[0] = typo[0] == 'q' ? 'z' : 'q';
			glossary_suggest(&g, typo ? typo : "");
			free(typo);
			free(glossary_term_markdown(t));
		}
		size_t n;
		char **ids = glossary_marked(text, &n);
		glossary_write_md(fuzz_null, &g, ids, n, "Intro.");
		glossary_ids_free(ids, n);
		glossary_free(&g);
	} else if (!err[0]) {
		abort(); /* a refusal says why */
	}
	free(text);
	return 0;
}
