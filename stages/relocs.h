/* relocs: the relocations of the walk's .o filled in, one by one, in each linked program.
 *
 * Contract: relocs_read() takes an object file (the walk's NAME.o, or NAME.musl.o that
 * relocs_musl_compile() makes from the source for musl's program, which musl-gcc builds from
 * the source and not from the .o) and the programs linked from it, and fills *r:
 *   - each relocation of the object (read with stages/symbols.h): its section, offset, type,
 *     symbol and addend; for a relocation in code, the instruction holding it, whose start,
 *     length and bytes come from `objdump -dw` of the object, run once through
 *     stages/proc.h (libopcodes is no dependency); its source line from the -g object's line
 *     table (libdwfl, which applies the -g object's own relocations and lays its sections
 *     out), after checking that the -g object holds the same bytes at the same offset (gcc
 *     makes the same code with and without -g); the -g .s line and the .s line when the
 *     caller gives dwvars' listing addresses and the pairing of the two .s files;
 *   - for each program, read with libelf: where the object's section landed (the address of a
 *     symbol of that section in the program's symbol table minus its offset in the object,
 *     and, where the program has a link map, the map's input section of that object at that
 *     address: the map names musl's object by the compiler's temporary name), the place P,
 *     the same instruction's bytes in the program, the value stored there, and the linker's
 *     arithmetic: S + A - P for a call or access that goes straight to its target, L + A - P
 *     for a call through a PLT entry (L from the .rela.plt index and the .plt/.plt.sec
 *     address, checked against the entry's own jmp), GOT + A - P for a GOT load that ld left,
 *     S + A for an absolute one; the target in words: the PLT entry, its GOT slot and the
 *     R_X86_64_JUMP_SLOT relocation the loader fills; the IPLT entry of an IFUNC, its slot and
 *     the R_X86_64_IRELATIVE relocation the program applies itself at start; the archive
 *     member the link map says holds the target; the .bss copy and its R_X86_64_COPY; a
 *     string in a merged section (whose final address ld chose while merging); a GOT load
 *     ld relaxed into a lea (8b became 8d), or into a mov of S itself as an immediate (c7)
 *     in a program that is not position-independent. checked says whether the arithmetic
 *     gives the value stored in the program.
 * Relocations outside code (.eh_frame, data) are counted per section, and a 64-bit one in
 * data is filled in like the others. A thread-local variable of the program itself
 * (R_X86_64_TPOFF32) is S + A minus the end of the PT_TLS block (its size rounded up to its
 * alignment), S being the variable's offset in the block. Another type whose arithmetic is
 * none of these (GOTTPOFF, TLSGD...) is said to be not followed (found 0, landed 1); so is
 * an object section the program does not hold (landed 0). Each program's own relocations
 * are counted by type, with how many of them serve the object's. Every fact has its
 * sentence, in the user's language (text) and in English (text_en, for the JSON). Only
 * x86-64 is explained (r->supported). A program that cannot be read leaves its slots
 * unfound (found 0, no text) with why in prog_error and prog_error_en. The
 * caller owns *r and frees it with relocs_free(). No global state: safe on any thread.
 */
#ifndef CSTAGES_RELOCS_H
#define CSTAGES_RELOCS_H

#include <stddef.h>

#define RELOCS_MAX_PROGS 4
#define RELOCS_MAX_INSN 16

struct walk;
struct dwvars;

/* One program linked from the object. */
struct relocs_prog_in {
	const char *label;   /* "dynamic", "static", "static-pie", "musl": English, the JSON's */
	const char *path;    /* the linked program */
	const char *map;     /* its link map (-Wl,-Map), or NULL */
};

struct relocs_in {
	const char *obj;            /* the object file */
	const char *gobj;           /* the same compile with -g (NAME.g.o), or NULL */
	const char *objdump;        /* NULL: "objdump" */
	const char *dir;            /* where the tools run; NULL: the caller's */
	int timeout_ms;             /* for objdump; <= 0: none */
	const struct relocs_prog_in *progs;
	size_t n_progs;             /* at most RELOCS_MAX_PROGS */
	/* optional: dwvars' addresses of the -g .s lines (its lines[].addr, in libdwfl's layout
	   of gobj) and the pairing of the shown .s with it (asmmap_pair: s line -> g line) */
	const struct dwvars *dwv;
	const unsigned *asm_pair;
	size_t n_asm_lines;         /* lines of the shown .s: asm_pair has n_asm_lines + 1 */
};

/* How the program's instruction reaches its target. */
enum relocs_via {
	RELOCS_VIA_NONE,      /* not found in this program */
	RELOCS_VIA_DIRECT,    /* S + A - P: a function or object of the program */
	RELOCS_VIA_PLT,       /* L + A - P: a PLT entry, a GOT slot, R_X86_64_JUMP_SLOT */
	RELOCS_VIA_IPLT,      /* L + A - P: an IFUNC's IPLT entry, R_X86_64_IRELATIVE */
	RELOCS_VIA_COPY,      /* S + A - P: a .bss copy the loader fills, R_X86_64_COPY */
	RELOCS_VIA_GOT,       /* GOT + A - P: a GOT slot (GLOB_DAT, or filled by ld) */
	RELOCS_VIA_RELAXED,   /* S + A - P: a GOT load ld turned into a lea or a direct call */
	RELOCS_VIA_ABS,       /* S + A: an absolute address */
	RELOCS_VIA_TPOFF,     /* S + A - TLS end: a thread-local variable's distance below the
				 thread pointer (%fs:0), in the program's PT_TLS block */
};

/* One relocation in one program. */
struct relocs_fill {
	int landed;                  /* the object's section was found in the program */
	int found;                   /* the place was found and its type is followed here (else
					text says which of the two is missing) */
	int via;                     /* enum relocs_via */
	unsigned long long base;     /* where the object's section landed */
	char *map_input;             /* the map's name of the object there, or NULL */
	unsigned long long place;    /* P */
	unsigned long long insn_addr;
	unsigned char bytes[RELOCS_MAX_INSN];
	unsigned n_bytes;
	long long stored;            /* the value in the program's field, sign-extended */
	unsigned long long target;   /* S, L or the GOT slot: what the arithmetic adds */
	unsigned long long tls_end;  /* TPOFF: the PT_TLS block's size rounded up to its
					alignment, which the arithmetic subtracts */
	long long computed;          /* target + A - P (or + A), cut to the field's width */
	int checked;                 /* computed == stored */
	char *target_name;           /* the program's symbol at target, or NULL */
	char *member;                /* the link map's input holding the target, or NULL */
	unsigned long long plt_sec;  /* for PLT: the section the index counts from */
	int plt_is_sec;              /* for PLT: plt_sec is .plt.sec (else .plt, whose first
					entry is the resolver's) */
	long plt_index;              /* for PLT: the index in .rela.plt; -1 */
	unsigned long long plt_entsize; /* for PLT: the bytes of an entry */
	unsigned long long slot;     /* PLT, IPLT, GOT: the GOT slot; COPY: the copy */
	unsigned slot_type;          /* the dynamic relocation at slot, 0 none */
	unsigned long long slot_value; /* the slot's bytes in the file (PLT: back into it) */
	long long slot_addend;       /* IRELATIVE: the resolver's address */
	char *resolver;              /* IRELATIVE: the symbol at the resolver, or NULL */
	int relaxed;                 /* ld rewrote the instruction (8b -> 8d, ff 15 -> 67 e8) */
	int relaxed_abs;             /* into one that takes S itself as an immediate (8b -> c7):
					the field holds S, no - P */
	int merged;                  /* the target lies in a merged section (SHF_MERGE) */
	unsigned long long pointed;  /* for a target of the object's own sections: the address
					the instruction or pointer reaches (the string's) */
	int same_bytes;              /* for a merged or section target: the program holds the
					object's bytes there (the string) */
	char *text, *text_en;
};

struct relocs_reloc {
	char *section;               /* ".text" */
	unsigned long long offset;
	unsigned type;
	char *symbol;                /* as readelf names it: a section symbol's section */
	long long addend;
	int sym_section;             /* the symbol is a section's (.rodata + 9) */
	char *sym_in;                /* the section the symbol is defined in, "UND" */
	int is_call;                 /* an e8 call (or a jmp e9) */
	int code;                    /* in a section of code: insn_* are set when found */
	long long insn_start;        /* -1 when not found */
	unsigned insn_len;
	unsigned char insn[RELOCS_MAX_INSN];
	char *insn_text;             /* objdump's text: "call   c <main+0xc>" */
	int g_read;                  /* a -g object was read */
	int g_same;                  /* the -g object holds the same bytes there */
	char *file;                  /* the source file of the line, or NULL */
	unsigned line;               /* 0 when unknown */
	unsigned gs_line, s_line;    /* the -g .s line and the shown .s line, 0 when unknown */
	char *string;                /* a string the relocation points at, or NULL */
	struct relocs_fill fill[RELOCS_MAX_PROGS];
	char *text, *text_en;        /* what the object holds */
};

/* Relocations outside code, counted per section. */
struct relocs_other {
	char *section;
	size_t n;
	char *text, *text_en;
};

struct relocs {
	int supported;               /* x86-64 */
	char *obj;                   /* the object's path */
	struct relocs_reloc *relocs; /* in code: calls first, by line, then the others */
	size_t n_relocs;
	struct relocs_other *others;
	size_t n_others;
	size_t n_progs;
	char *labels[RELOCS_MAX_PROGS];
	char *prog_error[RELOCS_MAX_PROGS];    /* why a program could not be read, or NULL */
	char *prog_error_en[RELOCS_MAX_PROGS]; /* the same in English */
	/* the program's own relocations for the loader or its start, by type, and how many of
	   them serve the object's relocations (a JUMP_SLOT, GLOB_DAT, COPY, IRELATIVE or
	   RELATIVE named in a fill): the rest are the start files' and the libraries' */
	size_t prog_relocs[RELOCS_MAX_PROGS], prog_relocs_ours[RELOCS_MAX_PROGS];
	char *prog_list[RELOCS_MAX_PROGS];     /* "3 × R_X86_64_JUMP_SLOT, 9 × ...", or NULL */
	char *prog_summary[RELOCS_MAX_PROGS], *prog_summary_en[RELOCS_MAX_PROGS];
	char error[300];             /* why relocs_read failed */
};

/* Read in->obj and its programs into *r: 0, or -1 with r->error set (nothing else kept). */
int relocs_read(const struct relocs_in *in, struct relocs *r);

void relocs_free(struct relocs *r);

/* Compile the walk's source for musl, as musl's program was built (musl-gcc -c, the walk's
 * -O flag, -x c when the name does not end in .c), into NAME.musl.o in the walk directory:
 * 0, or -1 with why in err (a sentence). The compiler is w->opts.musl_cc or "musl-gcc". */
int relocs_musl_compile(const struct walk *w, char *err, size_t errlen);

/* The relocations of a finished walk: its .o and the dynamic, static and static-pie programs
 * that linked into *glibc, and when musl's program linked and relocs_musl_compile() made
 * NAME.musl.o, that object and musl's program into *musl (else musl->n_relocs is 0 and
 * musl->error says why). 0 when *glibc was read, else -1 with glibc->error set. */
int relocs_walk(const struct walk *w, struct relocs *glibc, struct relocs *musl);

/* The sentences (relocs_say.c): fill each text and text_en of *r. Called by relocs_read(). */
int relocs_say(struct relocs *r);

#endif
