/* procmain: the process at main. A linked program started stopped at main, and its memory
 * map then: each mapping named, its pages shared with other processes or private, and two
 * runs side by side to show address randomization.
 *
 * Contract: procmain_compute() reads exe (a file of dir) with libelf: main's address in
 * .symtab, e_entry, the PT_LOAD and PT_GNU_RELRO segments. Without a defined main (a program
 * with its own _start, linked -nostartfiles; a stripped one) it says so and runs nothing.
 * Otherwise it runs the program twice through jail_run_extra() (confined as j says, with
 * args after its name and stdin_path as its input, NULL: /dev/null), each run stopped at
 * main (jail.h: a breakpoint at main plus the load bias, then /proc/PID/maps and smaps
 * copied into a file of dir, and the program killed), and reads that file. A program that
 * ends before main (a constructor that exits or crashes), or that its time limit kills
 * there, gets a sentence saying so, never a hang; the second run is made only when the
 * first reached main. Children of the program are never traced: only its own stop counts.
 * Each mapping is named: the program's segments (by its file and its offset against the
 * PT_LOADs: code, read-only data, RELRO, data, .bss), libc, the loader, another library,
 * [heap], [stack], [vdso], [vvar], anonymous. Sentences say where it stopped, which pages
 * were shared and which private (from smaps' Shared_* and Private_* numbers), and what moved
 * between the two runs (computed from the two maps, with /proc/sys/kernel/randomize_va_space
 * said). Each sentence in the user's language and in English (*_en, for the JSON). The caller
 * owns *pm and frees it with procmain_free(). Returns 0 when a run stopped at main, else -1
 * (pm->say says why). Thread-safe (no global state).
 */
#ifndef CSTAGES_PROCMAIN_H
#define CSTAGES_PROCMAIN_H

#include <stddef.h>

#include "stages/jail.h"
#include "stages/proc.h"

enum procmain_state {
	PROCMAIN_AT_MAIN,   /* stopped at main: maps are read */
	PROCMAIN_NO_MAIN,   /* no main in the symbol table: not run */
	PROCMAIN_ENDED,     /* ended before main: proc says how */
	PROCMAIN_TIMED_OUT, /* killed by its time limit before main */
	PROCMAIN_FAILED,    /* could not be stopped (ptrace refused, no /proc, no ELF) */
};

enum procmain_kind {
	PROCMAIN_CODE,    /* the program's executable PT_LOAD */
	PROCMAIN_RODATA,  /* its read-only PT_LOAD */
	PROCMAIN_RELRO,   /* the part of its data made read-only after relocation */
	PROCMAIN_DATA,    /* its writable PT_LOAD from the file: .data, .got */
	PROCMAIN_BSS,     /* its writable PT_LOAD beyond the file: .bss */
	PROCMAIN_LIBC,
	PROCMAIN_LOADER,
	PROCMAIN_LIBRARY, /* another file-backed mapping */
	PROCMAIN_HEAP,
	PROCMAIN_STACK,
	PROCMAIN_VDSO,
	PROCMAIN_VVAR,
	PROCMAIN_ANON,
	PROCMAIN_KIND_COUNT,
};

struct procmain_map {
	unsigned long long start, end, offset;
	char perms[5];     /* "r-xp" */
	char *path;        /* "" for an anonymous mapping */
	enum procmain_kind kind;
	int load;          /* the program's PT_LOAD it maps (index among the PT_LOADs), or -1 */
	long rss_kb, shared_kb, private_kb, private_dirty_kb; /* from smaps; 0 when unread */
};

struct procmain_run {
	enum procmain_state state;
	struct proc_result proc;   /* the run (killed at main when it got there) */
	unsigned long long bias;   /* the load bias: main's address in memory minus in the file */
	unsigned long long main_addr;
	struct procmain_map *maps;
	size_t n_maps;
};

struct procmain_load {
	unsigned long long offset, vaddr, filesz, memsz;
	unsigned flags;            /* PF_R, PF_W, PF_X */
};

/* The places whose move between two runs is said. */
enum procmain_place {
	PROCMAIN_AT_PROGRAM, PROCMAIN_AT_LIBC, PROCMAIN_AT_LOADER, PROCMAIN_AT_HEAP,
	PROCMAIN_AT_STACK, PROCMAIN_AT_VDSO, PROCMAIN_PLACE_COUNT,
};

struct procmain {
	int has_main;
	unsigned long long main_vaddr, entry;
	unsigned elf_type;         /* ET_EXEC or ET_DYN */
	struct procmain_load *loads;
	size_t n_loads;
	unsigned long long relro_vaddr, relro_memsz; /* 0, 0: no PT_GNU_RELRO */
	struct procmain_run run[2];
	int n_runs;
	int aslr;                  /* randomize_va_space, -1 when unread */
	int moved[PROCMAIN_PLACE_COUNT]; /* -1: not in both maps; 0 stayed; 1 moved */
	long code_rss_kb, code_shared_kb, code_private_kb; /* file-backed, not writable */
	long data_rss_kb, data_shared_kb, data_private_kb; /* writable, RELRO, .bss, heap, stack */
	char *say, *say_en;         /* where the first run stopped, or why not */
	char *sharing, *sharing_en; /* shared and private pages; NULL when not at main */
	char *aslr_say, *aslr_say_en; /* what moved between the runs; NULL without two */
};

int procmain_compute(const char *dir, const char *exe, const struct jail *j,
		     char *const *args, const char *stdin_path, int timeout_ms,
		     struct procmain *pm);
void procmain_free(struct procmain *pm);

/* "code", "rodata", "relro", "data", "bss", "libc", "loader", "library", "heap", "stack",
 * "vdso", "vvar", "anonymous": identifiers for the JSON. */
const char *procmain_kind_name(enum procmain_kind k);

/* What the mapping holds, as a short phrase in the user's language (en: English). */
const char *procmain_kind_label(enum procmain_kind k, int en);

#endif
