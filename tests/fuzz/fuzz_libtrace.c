/* fuzz_libtrace: libFuzzer target for the reader of the loader's LD_DEBUG=libs trace. The
 * input is the trace (stderr), then, after the first NUL, the listing (stdout, ldd's format);
 * any bytes. libbuild_parse_trace() must accept any text without crashing, leaking or reading
 * past it, and every lookup it returns must be whole: a name, a place the loader knows, and a
 * path only where the listing has one. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stages/libbuild.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* both halves NUL-terminated, as proc_run() hands them over */
	char *text = malloc(size + 2);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = text[size + 1] = '\0';
	const char *err = text, *out = text + strlen(text) + 1;
	if (out > text + size)
		out = text + size + 1;
	struct libbuild_lookup *l;
	size_t n;
	if (libbuild_parse_trace(err, out, &l, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			if (!l[i].name || l[i].via >= LIBBUILD_VIA_COUNT)
				abort();
			if (l[i].via != LIBBUILD_VIA_NONE && !l[i].path)
				abort();
			if (l[i].path && !strstr(out, l[i].path))
				abort();
			(void)libbuild_via_name(l[i].via);
			if (l[i].from)
				(void)strlen(l[i].from);
		}
		libbuild_lookups_free(l, n);
	}
	free(text);
	return 0;
}
