/* fuzz_linkmap: libFuzzer target for the GNU ld map reader and the ldd output parser. The
 * first input byte chooses which; the rest is the text, any bytes. linkmap_parse() must
 * accept any text without crashing, leaking or reading past it, keep its lists consistent
 * (every index in range) and survive linkmap_tally(); resolve_parse_ldd() must list what it
 * understood. */
#include "config.h"

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/elfinfo.h"
#include "stages/linkmap.h"
#include "stages/resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_map(const char *text, size_t len)
{
	struct linkmap m;
	if (linkmap_parse(text, len, &m) < 0) {
		linkmap_free(&m);
		return;
	}
	for (size_t i = 0; i < m.n_members; i++) {
		const struct linkmap_member *mb = &m.members[i];
		if (mb->parent >= (long)m.n_members || mb->input >= (long)m.n_inputs)
			abort();
		linkmap_member_depth(&m, i);
		(void)strlen(mb->file);
		(void)strlen(mb->archive);
		(void)strlen(mb->member);
		(void)strlen(mb->by);
		(void)strlen(mb->symbol);
	}
	for (size_t i = 0; i < m.n_pieces; i++)
		if (m.pieces[i].input >= m.n_inputs || m.pieces[i].output >= m.n_outputs)
			abort();
	for (size_t i = 0; i < m.n_inputs; i++)
		if (linkmap_find_input(&m, m.inputs[i].file) < 0)
			abort();
	/* the sections of a small program, as elfinfo reads them */
	struct elfinfo_section secs[] = {
		{ .name = ".text", .size = 4096, .flags = SHF_ALLOC | SHF_EXECINSTR, .type = SHT_PROGBITS },
		{ .name = ".bss", .size = 64, .flags = SHF_ALLOC | SHF_WRITE, .type = SHT_NOBITS },
		{ .name = ".comment", .size = 32, .flags = 0, .type = SHT_PROGBITS },
	};
	struct elfinfo elf = { .type = ET_EXEC, .sections = secs, .n_sections = 3 };
	linkmap_tally(&m, &elf);
	linkmap_free(&m);
}

static void fuzz_ldd(const char *text)
{
	struct resolve_libs l;
	if (resolve_parse_ldd(text, &l) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			(void)strlen(l.libs[i].name);
			if (l.libs[i].path)
				(void)strlen(l.libs[i].path);
		}
	}
	resolve_libs_free(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int ldd = data[0] & 1;
	data++;
	size--;
	/* an exact-size copy, so reading past the text is caught */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (ldd)
		fuzz_ldd(text);
	else
		fuzz_map(text, size);
	free(text);
	return 0;
}
