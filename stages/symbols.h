/* symbols: the symbol table and the relocations of one ELF file, read with libelf (gelf),
 * and a learner's explanation of each, built from the facts alone.
 *
 * Contract: symbols_read() opens path read-only and fills *s with one symbol table (.symtab,
 * or .dynsym when asked or when the file has no .symtab) in table order, entry 0 (the null
 * symbol) included, so that s->syms[i] is what a relocation's symbol index i names. Each
 * symbol carries the name of the section it is defined in, or "UND", "ABS" or "COMMON", and,
 * for .dynsym, its version from .gnu.version/.gnu.version_d/.gnu.version_r. Every SHT_RELA
 * and SHT_REL section is read into s->relocs, in section order: the section it applies to
 * (".text" for ".rela.text"), the offset, the type, the symbol's name (the section's name for
 * a section symbol, as readelf shows it) and the addend. On failure it returns -1, s->error
 * says why in a sentence and nothing else is kept; malformed input never crashes it. The
 * caller owns *s and frees it with symbols_free(). No global state: safe on any thread.
 */
#ifndef CSTAGES_SYMBOLS_H
#define CSTAGES_SYMBOLS_H

#include <stddef.h>

/* Which table symbols_read() reads. */
enum symbols_table {
	SYMBOLS_STATIC,  /* .symtab; .dynsym when there is none (a stripped file) */
	SYMBOLS_DYNAMIC, /* .dynsym only: what the dynamic linker sees */
};

struct symbols_sym {
	char *name;              /* "" for the null symbol and unnamed ones */
	unsigned char bind;      /* STB_LOCAL, STB_GLOBAL, STB_WEAK, STB_GNU_UNIQUE */
	unsigned char type;      /* STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION, STT_FILE... */
	unsigned shndx;          /* the section index (SHN_XINDEX resolved), or SHN_UNDEF,
				    SHN_ABS, SHN_COMMON */
	char *section;           /* the section's name, or "UND", "ABS", "COMMON" */
	unsigned long long value;
	unsigned long long size;
	char *version;           /* .dynsym only: "GLIBC_2.2.5", NULL when unversioned */
	int version_hidden;      /* the version is not the default one: name@VER, not
				    name@@VER (always set for an undefined symbol's version) */
};

struct symbols_reloc {
	char *section;           /* the section it patches (".text"), "" when none is named
				    (.rela.dyn) */
	char *rel_section;       /* the relocation section itself (".rela.text") */
	unsigned long long offset;
	unsigned type;           /* R_X86_64_* on x86-64 */
	unsigned sym;            /* symbol index in the table the section links to */
	char *symbol;            /* its name; a section symbol's section name; "" for none */
	long long addend;        /* 0 for SHT_REL, whose addend sits in the patched bytes */
	int rela;                /* 1: SHT_RELA, the addend is explicit */
};

struct symbols {
	unsigned machine;        /* EM_X86_64, ... */
	unsigned elf_type;       /* ET_REL, ET_EXEC, ET_DYN, ... */
	int dynamic;             /* syms came from .dynsym */
	struct symbols_sym *syms;
	size_t n_syms;
	struct symbols_reloc *relocs;
	size_t n_relocs;
	char error[160];
};

/* Read path's symbols and relocations; 0 on success, -1 with s->error set. */
int symbols_read(const char *path, enum symbols_table which, struct symbols *s);

void symbols_free(struct symbols *s);

/* The names of the undefined GLOBAL and WEAK symbols, in table order: what the linker must
 * find elsewhere. A NULL-terminated array of pointers into s (free the array only); *n gets
 * the count when n is not NULL. NULL only when out of memory. */
const char **symbols_undefined(const struct symbols *s, size_t *n);

/* The index of the first symbol called name, or -1. */
long symbols_find(const struct symbols *s, const char *name);

/* readelf's words: "LOCAL", "GLOBAL", "WEAK", "UNIQUE"; "NOTYPE", "OBJECT", "FUNC",
 * "SECTION", "FILE", "COMMON", "TLS", "IFUNC". Anything else: "bind N", "type N" in static
 * storage per thread. */
const char *symbols_bind_name(unsigned bind);
const char *symbols_type_name(unsigned type);

/* Why the symbol landed where it did, for a learner, from its binding, type and section:
 * e.g. "static: local to this file, invisible to the linker's other inputs; a function:
 * machine code goes in .text". Written into buf (len bytes, always terminated); returns buf. */
char *symbols_explain(const struct symbols_sym *sym, char *buf, size_t len);

/* The relocation type's name for machine (EM_X86_64: "R_X86_64_PLT32"); "type N" (static
 * storage per thread) when unknown or another machine. */
const char *symbols_reloc_type_name(unsigned machine, unsigned type);

/* One line saying what the relocation type asks of the linker or loader, after the
 * System V AMD64 ABI; NULL when unknown or another machine. */
const char *symbols_reloc_explain(unsigned machine, unsigned type);

/* A relocation line of objdump -dr's listing, tied to the record of the same relocation. */
struct symbols_dump_reloc {
	size_t line;             /* the listing's line, 0-based */
	int col;                 /* the column its type starts at, a tab counting to the next
				    multiple of 8 */
	long reloc;              /* index into relocs of the same section and offset, or -1 */
};

/* objdump -dr prints each relocation under the instruction it patches: blanks, the offset in
 * hex, ": ", then the type ("\t\t\t4c: R_X86_64_PLT32\tprintf-0x4"), below the heading of its
 * section ("Disassembly of section .text:"). Finds those lines in text (len bytes, NUL bytes
 * and a missing final newline allowed) and ties each to s's relocation at that section and
 * offset, each record at most once, so that a reader of the listing takes the type and the
 * symbol from the record, not from the text. A new array of *n of them (the caller frees it);
 * NULL with *n 0 when there are none or memory runs out. */
struct symbols_dump_reloc *symbols_dump_relocs(const struct symbols *s, const char *text,
					       size_t len, size_t *n);

#endif
