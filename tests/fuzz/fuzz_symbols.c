/* fuzz_symbols: libFuzzer target for the symbol and relocation reader, and for the dynamic
 * symbol search that reads libraries with it. The input is a whole file, any bytes:
 * symbols_read() must fill the record or fail with a sentence, never crash, hang or leak;
 * every name it returns is a string; resolve_symbols() must take the file as a library
 * without harm. The bytes go to a memfd so no iteration touches the disk. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "stages/resolve.h"
#include "stages/symbols.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_fd = -1;
static char fuzz_path[64];

/* Use every fact a view uses, so a bad pointer shows up here. */
static void fuzz_use(const struct symbols *s)
{
	char buf[512];
	size_t n = 0;
	for (size_t i = 0; i < s->n_syms; i++) {
		const struct symbols_sym *y = &s->syms[i];
		n += strlen(y->name) + strlen(y->section) + (y->version ? strlen(y->version) : 0);
		n += strlen(symbols_bind_name(y->bind)) + strlen(symbols_type_name(y->type));
		n += strlen(symbols_explain(y, buf, sizeof buf));
	}
	for (size_t i = 0; i < s->n_relocs; i++) {
		const struct symbols_reloc *r = &s->relocs[i];
		n += strlen(r->section) + strlen(r->rel_section) + strlen(r->symbol);
		n += strlen(symbols_reloc_type_name(s->machine, r->type));
		const char *why = symbols_reloc_explain(s->machine, r->type);
		n += why ? strlen(why) : 0;
	}
	size_t nu = 0;
	const char **und = symbols_undefined(s, &nu);
	for (size_t i = 0; und && i < nu; i++)
		n += (size_t)symbols_find(s, und[i]) + 1;
	free(und);
	(void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("fuzz-symbols", MFD_CLOEXEC);
		if (fuzz_fd < 0)
			abort();
		snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) < 0 || pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
		abort();
	for (int which = SYMBOLS_STATIC; which <= SYMBOLS_DYNAMIC; which++) {
		struct symbols s;
		if (symbols_read(fuzz_path, (enum symbols_table)which, &s) == 0) {
			fuzz_use(&s);
			symbols_free(&s);
		} else if (!memchr(s.error, '\0', sizeof s.error) || !s.error[0]) {
			abort(); /* a failure must say why */
		}
	}
	/* the same bytes as a shared library the dynamic linker would search */
	static const char *const names[] = { "puts", "printf@GLIBC_2.2.5", "main", "" };
	struct resolve_lib lib = { .name = "libfuzz.so", .path = fuzz_path };
	struct resolve r;
	if (resolve_symbols(names, sizeof names / sizeof *names, &lib, 1, &r) == 0) {
		char buf[256];
		for (size_t i = 0; i < r.n; i++)
			resolve_label(&r.bindings[i], buf, sizeof buf);
	}
	resolve_free(&r);
	return 0;
}
