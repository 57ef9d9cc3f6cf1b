/* fuzz_asmmap: libFuzzer target for the .s reader. The input is a whole assembly file, any
 * bytes: asmmap_read() must index it or fail with a sentence, and every lookup the views make
 * (lines, ranges, functions, explanations) must stay in bounds, never crash or leak. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "stages/asmmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct asmmap m;
	char err[128];
	if (asmmap_read(&m, (const char *)data, size, err, sizeof err) < 0)
		return 0;
	for (size_t n = 0; n <= m.n_lines + 1; n++)
		(void)asmmap_explain(asmmap_line_text(&m, n));
	for (size_t i = 0; i < m.n_ranges; i++) {
		const struct asmmap_range *r;
		(void)asmmap_ranges_for(&m, m.ranges[i].file, m.ranges[i].line, &r);
	}
	for (size_t i = 0; i < m.n_funcs; i++)
		(void)asmmap_func_find(&m, m.funcs[i].name);
	for (size_t i = 0; i < m.n_files; i++)
		(void)asmmap_file_find(&m, m.files[i].path);
	asmmap_free(&m);
	return 0;
}
