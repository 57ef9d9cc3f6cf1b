/* asmmap: what a gcc assembly file (.s from `gcc -S -g`, GNU as syntax for x86-64, DWARF 5
 * line directives) says, line by line, so the compile view can colour it beside the source.
 *
 * Contract: asmmap_read() copies the text once into m->text, turns each line end ("\n" or
 * "\r\n", and a final line without one) into a NUL, and indexes the lines: m->lines[n] is
 * line n, for 1 <= n <= m->n_lines (m->lines[0] is a zeroed placeholder). Nothing is copied
 * per line; asmmap_line_text() points into m->text. For every line it records:
 *   - its kind, one of the groups the view can show or hide (enum asmmap_kind), decided by
 *     the first statement on the line and the section it is in; and where the directive or
 *     the mnemonic starts, for asmmap_explain();
 *   - the function it lies in: functions are the symbols given `.type NAME, @function` (and
 *     their aliases, `.set NAME, TARGET`), from their label `NAME:` to their `.size NAME, ...`;
 *     where two ranges overlap (gcc closes a function's cold part, NAME.cold, after NAME's own
 *     .size) the later-starting one owns the line;
 *   - its source position: an instruction, or a data directive inside a function, gets the
 *     file and line of the last `.loc` before it in the same function; a `.loc` line gets its
 *     own. Other lines have file -1, and so do the lines after a `.loc` of line 0 or of a file
 *     number never declared. `.file N "name"` and DWARF 5's `.file N "dir" "name" [md5 ...]`
 *     may come anywhere (numbers from 65536 up are ignored); names are joined to their
 *     directory (or to file 0's, the compilation directory) and normalised, so gcc's
 *     `.file 0 "dir" "x.c"` and `.file 1 "x.c"` are one entry of m->files.
 * From these it builds the reverse map (m->ranges: runs of .s lines from one source line,
 * sorted by file, line and position), the functions and data objects with their sections and
 * linkage, and every call: `call SYM`, `call SYM@PLT`, a tail call `jmp SYM`, a call through
 * the GOT (`call *SYM@GOTPCREL(%rip)`) and an indirect `call *REG` (no target). An indirect
 * `jmp *...` is not recorded: a switch's jump table looks the same.
 * Any bytes are accepted: unknown text is ASMMAP_OTHER, a malformed operand is ignored. The
 * work is linear in the text but for sorting the functions, objects and ranges.
 * asmmap_read() fails only when out of memory or when the text is larger than
 * ASMMAP_MAX_TEXT. The caller owns *m and frees it with asmmap_free(). No global state:
 * safe on any thread.
 */
#ifndef CSTAGES_ASMMAP_H
#define CSTAGES_ASMMAP_H

#include <stddef.h>

#define ASMMAP_MAX_TEXT (1u << 30)

/* The groups of lines the compile view can toggle. */
enum asmmap_kind {
	ASMMAP_BLANK,   /* empty, or only a comment */
	ASMMAP_LABEL,   /* NAME: outside debug and note sections */
	ASMMAP_INSN,    /* a machine instruction */
	ASMMAP_LOC,     /* the line table: .loc, .file N "name" */
	ASMMAP_CFI,     /* call frame information: .cfi_* */
	ASMMAP_DEBUG,   /* anything in a .debug_* section, and the .section lines that enter one */
	ASMMAP_SYMBOL,  /* .globl .local .weak .type .size .hidden .comm .set ... */
	ASMMAP_SECTION, /* .text .data .bss .section .previous .pushsection .popsection */
	ASMMAP_DATA,    /* .string .byte .long .quad .zero .p2align ... outside debug sections */
	ASMMAP_OTHER,   /* .file "x.c", .ident, .note.* sections and their contents, the unknown */
	ASMMAP_KIND_COUNT
};

/* Kinds of clone gcc makes of a function, from the name's suffixes (several may combine:
 * "f.isra.0.cold"). */
enum asmmap_clone {
	ASMMAP_CLONE_CONSTPROP = 1 << 0, /* NAME.constprop.N */
	ASMMAP_CLONE_ISRA = 1 << 1,      /* NAME.isra.N */
	ASMMAP_CLONE_PART = 1 << 2,      /* NAME.part.N */
	ASMMAP_CLONE_COLD = 1 << 3,      /* NAME.cold */
	ASMMAP_CLONE_LTO_PRIV = 1 << 4,  /* NAME.lto_priv.N */
};

struct asmmap_line {
	unsigned off;      /* where the line starts in m->text */
	unsigned len;      /* its bytes, without the line end */
	unsigned word;     /* offset in the line of the directive (".globl") or mnemonic ("call");
			      equal to len when there is none (blank lines, labels alone) */
	unsigned word_len;  /* its length */
	int kind;          /* enum asmmap_kind */
	int func;          /* index in m->funcs, or -1 */
	int file;          /* index in m->files of the source position, or -1 for none */
	unsigned src_line; /* the source line (> 0 when file >= 0) */
	unsigned src_col;  /* the column .loc gave, 0 when none */
};

/* A source file named by .file N. */
struct asmmap_file {
	const char *path;  /* normalised, with its directory when .file gave one */
	const char *name;  /* the last component of path */
};

/* A run of .s lines from one source line: lines first..last all lie in one function, the
 * first and the last have this source position, and so has every line between that has one
 * (lines without one, such as labels and .cfi_*, may lie between). */
struct asmmap_range {
	int file;          /* index in m->files */
	unsigned line;     /* the source line */
	unsigned first, last;
};

struct asmmap_func {
	const char *name;     /* the assembler name: "main", "scale.constprop.0" */
	const char *base;     /* without gcc's clone suffixes: "scale" */
	unsigned clone;       /* enum asmmap_clone bits; 0 for an ordinary function */
	const char *alias_of; /* for `.set NAME, TARGET` (__attribute__((alias))): TARGET, whose
				 code and type it shares; else NULL */
	const char *section;  /* where its label (or its alias target's) is: ".text",
				 ".text.startup", ".text.unlikely"; NULL when neither is here */
	unsigned first;       /* the label line NAME: (else the .set line of an alias, else the
				 .type line) */
	unsigned last;        /* the .size NAME line; first when there is none */
	unsigned type_line;
	unsigned size_line;   /* 0 when there is none */
	int global;           /* .globl NAME */
	int weak;             /* .weak NAME */
	int hidden;           /* .hidden NAME */
};

struct asmmap_object {
	const char *name;      /* "answer", "seen.0" (a function's static variable) */
	const char *alias_of;  /* for `.set NAME, TARGET`: TARGET; else NULL */
	const char *section;   /* where its label (or its alias target's) is (".data", ".bss",
				  ".rodata", ".tbss"...); ".bss" for a local common (.local +
				  .comm, or .lcomm), "COMMON" for a global one; NULL when it is
				  never defined here */
	unsigned type_line;    /* 0 for a .comm without .type */
	unsigned label_line;   /* 0 for a common symbol, which has no label */
	unsigned size_line;    /* the .size or .comm line; 0 when none */
	unsigned long long size; /* bytes, when size_known (an alias's: its target's) */
	int size_known;        /* the size is a number, not an expression */
	int global;            /* .globl, or a .comm not made .local */
	int weak;
	int hidden;
	int common;            /* declared with .comm or .lcomm, with no label */
	int tls;               /* thread-local (@tls_object, or in .tbss, .tdata or a section
				  with the "T" flag): one copy per thread */
};

struct asmmap_call {
	unsigned line;         /* the .s line of the call or jmp */
	int func;              /* the function it lies in (index in m->funcs), or -1 */
	const char *target;    /* the symbol called, without @PLT; NULL when indirect */
	int callee;            /* index in m->funcs when the target is defined here, or -1 */
	int tail;              /* a jmp: a tail (sibling) call; the callee returns straight to
				  this function's caller */
	int plt;               /* SYM@PLT: the linker sends it through the procedure linkage
				  table when SYM ends up in a shared library */
	int got;               /* *SYM@GOTPCREL(%rip): the address is loaded from the global
				  offset table, with no PLT */
	int indirect;          /* call *REG or *MEM: the target is computed at run time */
	int file;              /* its source position, as for its line; -1 when none */
	unsigned src_line;
};

struct asmmap {
	char *text;            /* the copy, line ends turned into NULs */
	size_t text_len;
	struct asmmap_line *lines; /* n_lines + 1 entries; lines[0] unused */
	size_t n_lines;
	struct asmmap_file *files;
	size_t n_files;
	int primary_file;      /* the file of `.file 0` (else of the lowest .file N), or -1 */
	const char *source_name; /* the name in the first `.file "x.c"`, or NULL */
	struct asmmap_range *ranges;
	size_t n_ranges;
	struct asmmap_func *funcs;   /* in the order of their first line */
	size_t n_funcs;
	struct asmmap_object *objects; /* in the order they are declared */
	size_t n_objects;
	struct asmmap_call *calls;   /* in line order */
	size_t n_calls;
	size_t n_kind[ASMMAP_KIND_COUNT]; /* how many lines of each kind */
	void *priv;            /* the string pool */
};

/* Read len bytes of assembly text into *m. 0 on success; -1 when out of memory or the text
 * is too large, with a sentence in err (errlen bytes) and *m zeroed. */
int asmmap_read(struct asmmap *m, const char *text, size_t len, char *err, size_t errlen);

void asmmap_free(struct asmmap *m);

/* Line n's text, NUL-terminated (an embedded NUL byte ends it early); "" out of range. */
const char *asmmap_line_text(const struct asmmap *m, size_t n);

/* The index in m->files of path: the file whose normalised path equals it, else (for a
 * relative path) one whose path ends with it after a '/', else the first with the same last
 * component; -1 if none. */
int asmmap_file_find(const struct asmmap *m, const char *path);

/* The ranges of .s lines that came from source line `line` of file `file`: *first points at
 * the first of them in m->ranges; returns how many (0 when none). */
size_t asmmap_ranges_for(const struct asmmap *m, int file, unsigned line,
			 const struct asmmap_range **first);

/* The lines of s, the .s of a compile, paired with those of g, the same compile with -g
 * (gcc makes the same code with and without -g, so instructions, labels and directives come
 * in the same order; g adds the line table, the debug sections and their labels): a new
 * array of s->n_lines + 1 entries, entry n the line of g that is line n of s, or 0 when g
 * has none (s's `.file "x.c"` can be one). Pairs only lines of identical text, in order; a
 * line of g that is neither line table, debug information, a label nor a section switch is
 * never passed over. NULL when out of memory; the caller frees it. */
unsigned *asmmap_pair(const struct asmmap *s, const struct asmmap *g);

/* The index in m->funcs of the function called name, or -1. */
long asmmap_func_find(const struct asmmap *m, const char *name);

/* The index in m->objects of the object called name, or -1. */
long asmmap_object_find(const struct asmmap *m, const char *name);

/* The clone bits of an assembler name and the length of its base name (the part before
 * the first clone suffix) in *base_len when base_len is not NULL. */
unsigned asmmap_clone_kind(const char *name, size_t *base_len);

/* A sentence on what gcc did to make one kind of clone (a single ASMMAP_CLONE_* bit);
 * NULL for anything else. */
const char *asmmap_clone_explain(unsigned clone_bit);

/* The name of a kind for the view's toggles: "label", "instruction", "line table",
 * "call frame info", "debug info", "symbol", "section", "data", "other", "blank". */
const char *asmmap_kind_name(enum asmmap_kind k);

/* A one-sentence explanation for the learner of the directive s starts with (leading blanks
 * are skipped). s may be the name alone (".globl") or a whole statement, whose operands
 * refine the sentence: ".section .rodata", ".type main, @function", ".section
 * .note.GNU-stack,\"\",@progbits". It is read up to a NUL, a newline or a '#'. NULL when s
 * does not start with a directive this module knows. Static storage. */
const char *asmmap_explain(const char *s);

#endif
