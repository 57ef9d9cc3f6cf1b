/* fuzz_ppmap: libFuzzer target for the .i reader. The input is a whole preprocessed file, any
 * bytes; the second half of it (after the first NUL, if any) doubles as the source text for
 * the #if inference. Every query the views make must stay in bounds, never crash or leak. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stages/ppmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppmap m;
	char err[128];
	if (ppmap_read(&m, (const char *)data, size, err, sizeof err) < 0)
		return 0;
	free(ppmap_tree_text(&m));
	for (long line = 0; line <= m.main_max_line + 1 && line < 4096; line++) {
		struct ppmap_range r[4];
		(void)ppmap_main_count(&m, line);
		(void)ppmap_main_first(&m, line);
		(void)ppmap_main_ranges(&m, line, r, 4);
	}
	const char *nul = memchr(data, 0, size);
	const char *src = nul ? nul + 1 : (const char *)data;
	size_t src_len = nul ? size - (size_t)(nul + 1 - (const char *)data) : size;
	size_t n = 0;
	free(ppmap_inactive_lines(&m, src, src_len, &n));
	(void)ppmap_file_name(&m, (int)(size % 7) - 1);
	ppmap_free(&m);
	return 0;
}
