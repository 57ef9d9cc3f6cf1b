/* relocs_elf: what stages/relocs.c reads of an ELF file besides its symbols and relocations
 * (stages/symbols.h): the section headers and bytes at an address or a section's offset,
 * with libelf. Internal to relocs.
 *
 * Contract: relocs_elf_open() opens path read-only and keeps its descriptor and section
 * headers until relocs_elf_close(); reads never go past a section's bytes in the file and
 * return how many bytes they read. No global state.
 */
#ifndef CSTAGES_RELOCS_ELF_H
#define CSTAGES_RELOCS_ELF_H

#include <stddef.h>

struct relocs_sec {
	char *name;
	unsigned long long addr, off, size, flags, entsize;
	unsigned type;
};

struct relocs_elf {
	int fd;
	void *elf;            /* Elf * */
	unsigned machine, type;
	unsigned long long tls_addr, tls_memsz, tls_align; /* PT_TLS; has_tls 0: none */
	int has_tls;
	struct relocs_sec *secs; /* index = section index */
	size_t n_secs;
};

int relocs_elf_open(const char *path, struct relocs_elf *f);
void relocs_elf_close(struct relocs_elf *f);

/* The section called name, or NULL. */
const struct relocs_sec *relocs_elf_sec(const struct relocs_elf *f, const char *name);

/* The allocated section holding address a (not .tbss), or NULL. */
const struct relocs_sec *relocs_elf_at(const struct relocs_elf *f, unsigned long long a);

/* Up to n bytes of section sec from offset off into buf; the count read. */
size_t relocs_elf_read(const struct relocs_elf *f, const struct relocs_sec *sec,
		       unsigned long long off, void *buf, size_t n);

/* Up to n bytes at address a of a program; the count read (0 in a NOBITS section). */
size_t relocs_elf_read_at(const struct relocs_elf *f, unsigned long long a, void *buf,
			  size_t n);

#endif
