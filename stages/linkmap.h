/* linkmap: what a GNU ld map file (gcc ... -Wl,-Map,FILE) says about a link.
 *
 * Contract: linkmap_parse() reads the text of a map and fills *m with two things.
 * 1. The "Archive member included to satisfy reference by file (symbol)" section: one
 *    linkmap_member per archive member ld pulled in, in the map's order, with the archive,
 *    the member, the file whose reference pulled it in and the symbol. That file may itself
 *    be a member pulled in earlier ("libc.a(printf.o)"): parent links the two, so the
 *    members form a tree whose roots were pulled in by the user's objects (or gcc's start
 *    files).
 * 2. The memory map: every output section, and per input file (an object, or an archive
 *    member as "archive(member)") the bytes it contributes to allocated output sections,
 *    and how many of those take no room in the file (.bss, .tbss).
 * Which output sections are allocated is guessed from the map alone (ld's scripts put the
 * others, .comment and .debug_*, at address 0); linkmap_tally() redoes the sums with the
 * section flags of the linked program when the caller has them.
 * Any text is accepted: what is not understood is skipped, and the work is bounded
 * (LINKMAP_MAX_TEXT bytes, LINKMAP_MAX_ENTRIES entries of each kind; beyond that
 * m->truncated is set). The caller owns *m and frees it with linkmap_free(). No global
 * state.
 */
#ifndef CSTAGES_LINKMAP_H
#define CSTAGES_LINKMAP_H

#include <stddef.h>
#include "stages/elfinfo.h"

#define LINKMAP_MAX_TEXT (256u << 20)
#define LINKMAP_MAX_ENTRIES 1000000u

struct linkmap_member {
	char *file;     /* as the map names it: "/usr/lib/x86_64-linux-gnu/libc.a(printf.o)" */
	char *archive;  /* "/usr/lib/x86_64-linux-gnu/libc.a"; "" for a thin archive's member,
			   which the map names by its own path */
	char *member;   /* "printf.o" */
	char *by;       /* the referencing file: "hello.o" or ".../libc.a(vfprintf.o)"; ""
			   when the map names none */
	char *symbol;   /* the symbol it was needed for: "printf" */
	long parent;    /* index of the member named by `by`, or -1 (a root) */
	long input;     /* index into inputs of this member's contributions, or -1 */
};

struct linkmap_output {
	char *name;                  /* ".text" */
	unsigned long long addr, size;
	int has_addr;                /* the map gave an address and a size */
	int alloc;                   /* occupies memory in the running program */
	int nobits;                  /* takes no room in the file (.bss) */
};

struct linkmap_input {
	char *file;                  /* "hello.o", "/usr/lib/.../libc.a(printf.o)" */
	unsigned long long size;     /* bytes in allocated output sections */
	unsigned long long nobits;   /* of which in sections that take no file space */
	size_t n_pieces;             /* input sections it contributed (any size) */
};

/* One input section's place: which file, which output section, how many bytes. ld prints
 * a merged string section (.rodata.str1.1) with a size that runs over what follows it, so
 * size is cut at the next address the map shows; map_size is what ld printed. */
struct linkmap_piece {
	size_t input, output;
	unsigned long long addr, size;
	unsigned long long map_size;
};

struct linkmap {
	struct linkmap_member *members;
	size_t n_members;
	struct linkmap_output *outputs;
	size_t n_outputs;
	struct linkmap_input *inputs;
	size_t n_inputs;
	struct linkmap_piece *pieces;
	size_t n_pieces;
	int has_memory_map;          /* the "Linker script and memory map" part was found */
	int truncated;               /* a limit was reached: the lists are incomplete */
	char error[160];
};

/* Parse len bytes of map text (NUL bytes are allowed and end a line's meaning there).
 * 0 on success, even for text that holds no map (then the lists are empty); -1 only when
 * memory runs out, with m->error set. */
int linkmap_parse(const char *text, size_t len, struct linkmap *m);

/* Read the map file at path and parse it; -1 with m->error set when it cannot be read. */
int linkmap_read(const char *path, struct linkmap *m);

/* Recompute every output's alloc and nobits flags, and every input's sums, from the
 * sections of the linked program (elf, as elfinfo_read() read it): a section is allocated
 * when it has SHF_ALLOC, and takes no file space when it is SHT_NOBITS. Outputs the
 * program does not have keep the map's guess. */
void linkmap_tally(struct linkmap *m, const struct elfinfo *elf);

/* The index of the input named file, or -1. */
long linkmap_find_input(const struct linkmap *m, const char *file);

/* How deep member i sits in the tree: 0 for a root. */
size_t linkmap_member_depth(const struct linkmap *m, size_t i);

/* The bytes archive member i puts into the program (its input's size: allocated sections,
 * .bss included), or -1 when the map names no contribution of it. */
long long linkmap_member_size(const struct linkmap *m, size_t i);

/* The bytes of all the archive members together (those without a contribution count 0). */
unsigned long long linkmap_members_size(const struct linkmap *m);

/* One row of the members tree: member (an index into members) at depth (0 for a root). */
struct linkmap_tree_row {
	size_t member;
	size_t depth;
};

/* The archive members as the tree of why each was taken, depth first: each root (a member
 * with no parent, or one that names no other member) in the map's order, and under each
 * member, one deeper, the members it pulled in, in the map's order. Every member is one
 * row, exactly once, even when parents loop (ld names only earlier members as parents, but
 * *m may come from anywhere): members that no root reaches follow, the first of each loop
 * as a root. Returns n_members rows in new memory that the caller frees; NULL when memory
 * runs out. Stack-free: a chain of any length is fine. */
struct linkmap_tree_row *linkmap_member_tree(const struct linkmap *m);

/* The n biggest archive members by linkmap_member_size, largest first (in the map's order
 * among equals), into top; returns how many there are. */
size_t linkmap_biggest(const struct linkmap *m, size_t *top, size_t n);

void linkmap_free(struct linkmap *m);

#endif
