/* fuzz_live: libFuzzer target for the live-block scanner. The input is a lesson's Markdown,
 * any bytes up to the first NUL: live_scan() and live_expand() (with and without a fill
 * function) must not crash, leak or read past the text, and a text with no live block must
 * come back unchanged. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/live.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fill that answers for some facts and declines others, as the real one does. */
static char *fuzz_fill(void *ctx, const char *sample, const char *fact)
{
	(void)ctx;
	if (!sample || !fact || strlen(sample) % 2)
		return NULL;
	char *s = NULL;
	if (asprintf(&s, "%s of %s\n```\nnot a fence\n", fact, sample) < 0)
		return NULL;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *md = malloc(size + 1);
	if (!md)
		return 0;
	memcpy(md, data, size);
	md[size] = '\0';
	struct live_ref *refs = NULL;
	size_t n = live_scan(md, &refs);
	for (size_t i = 0; i < n; i++) {
		if (refs[i].line < 1)
			abort();
		if (refs[i].sample && refs[i].fact) {
			live_fact_known(refs[i].fact);
			free(live_command("samples", refs[i].sample, refs[i].fact));
		}
	}
	live_refs_free(refs, n);
	char *plain = live_expand(md, "samples", NULL, NULL);
	char *filled = live_expand(md, "samples", fuzz_fill, NULL);
	if (n == 0 && plain && strcmp(plain, md) != 0)
		abort();
	free(plain);
	free(filled);
	free(md);
	return 0;
}
