/* fuzz_cfwire: libFuzzer target for the reader of libclang's facts as bytes. The input is
 * what a child process might send, any bytes. The read must never crash, leak or read out of
 * bounds, must leave nothing behind when it refuses, and what it accepts must be the one
 * encoding of what it read: written back, the same bytes. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/cfacts.h"
#include "stages/cfwire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfacts cf;
	char err[256];
	if (cfwire_read((const char *)data, size, &cf, err, sizeof err) < 0) {
		if (!err[0] || cf.main_file || cf.n_defs || cf.n_exps || cf.n_funcs || cf.n_vars ||
		    cf.n_calls || cf.n_strings || cf.n_diags)
			abort(); /* refused without a reason, or with something left behind */
		cfacts_free(&cf);
		return 0;
	}
	/* what the facts' readers do: follow each macro use to its definition (ASan checks) */
	volatile unsigned sink = 0;
	for (size_t i = 0; i < cf.n_exps; i++)
		if (cf.exps[i].def >= 0)
			sink += cf.defs[cf.exps[i].def].line;
	(void)sink;
	char *back = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&back, &len);
	if (!f || cfwire_write(&cf, f) != 0 || fclose(f) != 0)
		abort();
	if (len != size || memcmp(back, data, size) != 0)
		abort(); /* two encodings of the same facts */
	free(back);
	cfacts_free(&cf);
	return 0;
}
