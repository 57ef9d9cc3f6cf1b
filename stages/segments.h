/* segments: sections into segments, for one linked program, read with libelf (gelf).
 *
 * Contract: segs_read() opens path read-only and fills *s: the ELF type (EXEC or DYN) and
 * what it means for where the segments go; each program header (gelf_getphdr) with its
 * type, offset, addresses, sizes, flags and alignment, the sections it holds as `readelf -l`
 * maps them (binutils' rule, ELF_SECTION_IN_SEGMENT_STRICT without the .tbss special case:
 * a section belongs to a segment when its file range and, when allocated, its address range
 * lie in the segment's; .tbss only in PT_TLS; no zero-sized section at the edge of a
 * PT_DYNAMIC or PT_NOTE), and a sentence saying what it is for (each PT_LOAD with its
 * permissions and what it holds in words; PT_INTERP with the interpreter's path read from the
 * file; PT_DYNAMIC, PT_GNU_RELRO, PT_GNU_STACK, PT_TLS, PT_NOTE, PT_GNU_EH_FRAME,
 * PT_GNU_PROPERTY, PT_PHDR); the entry point (e_entry), the symbol there (from .symtab), and
 * the path from it to main, read from the machine code: each function's bytes are decoded
 * from its start (x86-64 only) up to its first call or jump out, following a call or jump to
 * a function of the program that is not __libc_start_main (musl's _start_c), a call through
 * a GOT slot named by the relocation that fills the slot, and main's address taken from the
 * lea or mov that puts it in %rdi (or %edi) before that call.
 *
 * Every sentence comes twice: in the user's language and in English (*_en, for the JSON).
 * On failure segs_read() returns -1 and s->error (s->error_en) says why in a sentence; it
 * never aborts on malformed input. A file with no symbol table or another machine still has
 * its segments: the path to main is then empty and path_say says why. The caller owns *s
 * and frees it with segs_free(). No global state: safe on any thread.
 */
#ifndef CSTAGES_SEGMENTS_H
#define CSTAGES_SEGMENTS_H

#include <stddef.h>

/* One program header. */
struct segs_phdr {
	unsigned type;            /* PT_* */
	char type_name[24];       /* as readelf -l writes it: "LOAD", "GNU_STACK", "0x6474e553" */
	unsigned long long offset, vaddr, paddr, filesz, memsz, align;
	unsigned flags;           /* PF_R | PF_W | PF_X */
	char flags_str[4];        /* readelf's column: "R E", "RW ", "R  " */
	char **sections;          /* the sections it holds, in section order, as readelf -l */
	size_t n_sections;
	char *interp;             /* PT_INTERP: the path it names, read from the file */
	char *say;                /* what it is for, whole sentences */
	char *say_en;
};

/* One step of the path from the entry point to main. */
enum segs_hop_via {
	SEGS_VIA_ENTRY,  /* the entry point itself */
	SEGS_VIA_CALL,   /* call rel32 (addr32 call too) */
	SEGS_VIA_JMP,    /* jmp rel32 or rel8: a tail call */
	SEGS_VIA_GOT,    /* call or jmp *SLOT(%rip): the address the loader (or the program
			    itself) wrote into the GOT slot */
	SEGS_VIA_RDI,    /* main: its address put in %rdi, the first argument, for the call */
};

struct segs_hop {
	enum segs_hop_via via;
	char *name;                  /* the symbol: "_start", "__libc_start_main", "main" */
	unsigned long long addr;     /* its address in the file; 0 when through a GOT slot of
					a symbol another object defines */
	unsigned long long insn;     /* the instruction that leads there (0 for the entry) */
	unsigned long long slot;     /* SEGS_VIA_GOT: the GOT slot's address */
	char insn_text[16];          /* "call", "addr32 call", "jmp", "lea", "mov" */
};

struct segs {
	unsigned elf_type;        /* ET_EXEC, ET_DYN */
	int pie;                  /* ET_DYN with PT_INTERP or DF_1_PIE: a PIE (static-pie too) */
	int has_interp;
	int has_dynamic;
	char *type_say;           /* EXEC or DYN, and what it means for where the segments go */
	char *type_say_en;
	struct segs_phdr *ph;
	size_t n_ph;
	unsigned long long entry; /* e_entry */
	char *entry_sym;          /* the function symbol at entry, or NULL */
	struct segs_hop *path;    /* entry first, main last when found */
	size_t n_path;
	int main_found;
	unsigned long long main_addr; /* main's address as the code loads it */
	char *path_say;           /* the path as a chain of symbols with addresses, or why not */
	char *path_say_en;
	char error[200];
	char error_en[200];
};

/* Read path; 0 on success, -1 with s->error set. */
int segs_read(const char *path, struct segs *s);

void segs_free(struct segs *s);

/* readelf's name of a segment type: "LOAD", "GNU_RELRO"; NULL when it has none. */
const char *segs_type_name(unsigned type);

#endif
