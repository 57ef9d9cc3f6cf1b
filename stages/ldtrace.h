/* ldtrace: the loader at work, in its own words, for one linked program.
 *
 * Contract: ldtrace_study() looks at the program o->dir/o->exe with libelf (PT_INTERP,
 * PT_DYNAMIC, .dynamic, and its relocation sections: how many R_X86_64_RELATIVE and
 * R_X86_64_IRELATIVE relocations each holds) and runs it through jail_run (stages/jail.h:
 * the program is under study), with the arguments and standard input the walk's run had,
 * as `env -u LD_DEBUG_OUTPUT -u LD_BIND_NOW LD_DEBUG=libs,bindings,statistics ./NAME`, and,
 * when it has an interpreter, a second time with LD_BIND_NOW=1 as well. env, not the jail's
 * wrapper, sets the variables, so the trace is the program's alone. The loader writes its
 * trace on standard error, each line after its "     PID:\t" prefix; the lines of the first
 * PID are the program's trace, other PIDs' lines (the program's children) are counted and
 * left out, and lines without the prefix are the program's own standard error. The dynamic
 * program's interpreter may be musl's (ld-musl-*.so.1, musl's C library itself), which reads
 * no LD_DEBUG: its trace is then empty and a sentence says why.
 *
 * From each trace: the libraries (each "find library=", how it was searched: the cache, the
 * RUNPATH, the RPATH, LD_LIBRARY_PATH or the default directories, with each "trying file="
 * and where it was found), the bindings (each "binding file X [0] to Y [0]: normal symbol
 * `S' [VERSION]", and whether it came before the loader transferred control to the program or
 * after: lazily, at the symbol's first call) and the statistics (the relocations at startup,
 * those from the cache, the relative ones, the cycles, and the final counts at exit).
 *
 * Then a sentence per fact (t->says, in the user's language; t->says_en, in English for the
 * JSON): for the dynamic program how each library was found, which of the program's symbols
 * were bound before main and which at their first call, and how LD_BIND_NOW=1 changes that,
 * and the loader's counts; for a static PIE that it relocates itself (its RELATIVE count);
 * for a static program the evidence that no loader runs (no PT_INTERP, no PT_DYNAMIC, no
 * .dynamic, and an empty trace) and its IRELATIVE relocations, applied by itself; for musl's
 * program, linked statically here, that it has no loader, musl's dynamic loader being its C
 * library itself. No count is assumed: every one comes from the file or the trace.
 *
 * ldtrace_parse() is the parser alone, for a stderr text of len bytes (NUL bytes and a
 * missing final newline allowed); it never fails on odd input. On failure ldtrace_study()
 * returns -1 and t->error (t->error_en) says why; a run that fails (the program crashes, is
 * killed by its time limit) is still parsed and kept. The caller owns *t and frees it with
 * ldtrace_free(). No global state: safe on any thread.
 */
#ifndef CSTAGES_LDTRACE_H
#define CSTAGES_LDTRACE_H

#include <stddef.h>

#include "stages/jail.h"
#include "stages/proc.h"

/* The LD_DEBUG categories every run asks for. */
#define LDTRACE_CATEGORIES "libs,bindings,statistics"

/* How the loader looked for a library. */
enum ldtrace_via {
	LDTRACE_VIA_UNKNOWN,
	LDTRACE_VIA_CACHE,           /* "search cache=/etc/ld.so.cache" */
	LDTRACE_VIA_RUNPATH,         /* "search path=...  (RUNPATH from file X)" */
	LDTRACE_VIA_RPATH,           /* "(RPATH from file X)" */
	LDTRACE_VIA_LD_LIBRARY_PATH, /* "(LD_LIBRARY_PATH)" */
	LDTRACE_VIA_SYSTEM,          /* "(system search path)" */
};

/* One "search" line of a library's lookup: a way, and the files tried that way. */
struct ldtrace_search {
	enum ldtrace_via via;
	char *where;      /* the cache's path, or the directories searched, ':'-separated */
	size_t n_tried;   /* "trying file=" lines under it */
};

struct ldtrace_lib {
	char *name;       /* "libc.so.6" */
	struct ldtrace_search *search;
	size_t n_search;
	char **tried;     /* every file tried, in order */
	size_t n_tried;
	char *found;      /* the last file tried, which the loader went on with; NULL when none */
	enum ldtrace_via found_via;
};

struct ldtrace_binding {
	char *from;       /* the object whose reference is bound: "./hello", "/lib/.../libc.so.6" */
	char *to;         /* the object that defines it */
	char *symbol;     /* "puts" */
	char *version;    /* "GLIBC_2.2.5", NULL when none */
	int program;      /* from is the program itself */
	int after_start;  /* after "transferring control": at the symbol's first call */
	int at_exit;      /* after the first "calling fini": while the program exits */
	size_t err_lines_before; /* lines of the program's own stderr written before it: the
				    same stream, so the order is exact (its stdout, a pipe
				    that stdio buffers, has no place in that order) */
};

struct ldtrace_stats {
	int have_startup, have_final;
	long long startup_cycles;
	long long reloc_cycles;
	long long load_cycles;
	long long relocs;         /* "number of relocations" at startup */
	long long relocs_cache;   /* "number of relocations from cache" */
	long long relative;       /* "number of relative relocations" */
	long long final_relocs;   /* "final number of relocations", at exit */
	long long final_cache;    /* "final number of relocations from cache" */
};

/* One traced run. */
struct ldtrace_run {
	int bind_now;             /* run with LD_BIND_NOW=1 */
	struct proc_result proc;  /* what jail_run recorded */
	char *left;               /* what the run left in its fresh directories (jail.h) */
	long pid;                 /* the program's PID in the trace; 0: no trace */
	size_t n_trace_lines;     /* the program's trace lines */
	size_t n_other_lines;     /* trace lines of other processes (its children) */
	char *own_err;            /* the program's own standard error, the trace taken out */
	int started;              /* the trace has "transferring control" */
	int exiting;              /* the trace has "calling fini" */
	size_t n_own_err_lines;   /* lines of own_err */
	struct ldtrace_lib *libs;
	size_t n_libs;
	struct ldtrace_binding *binds;
	size_t n_binds;
	struct ldtrace_stats st;
};

enum ldtrace_kind {
	LDTRACE_DYNAMIC,      /* PT_INTERP: the loader runs */
	LDTRACE_STATIC_PIE,   /* no PT_INTERP, a PT_DYNAMIC: relocates itself */
	LDTRACE_STATIC,       /* neither: no loader */
	LDTRACE_MUSL_STATIC,  /* musl's program, linked statically */
};

struct ldtrace_opts {
	const char *dir;          /* the walk directory; the program runs there */
	const char *exe;          /* the program's file name in dir */
	char *const *args;        /* its arguments after argv[0] (NULL-terminated), or NULL */
	const char *stdin_path;   /* its standard input; NULL: /dev/null */
	int timeout_ms;           /* each run's time limit; 0: 5000 */
	const struct jail *jail;  /* how to confine it (jail_probe) */
	int musl;                 /* the program was linked by musl-gcc */
};

struct ldtrace {
	enum ldtrace_kind kind;
	int has_interp;           /* a PT_INTERP segment */
	char *interp;             /* its path */
	int has_pt_dynamic;       /* a PT_DYNAMIC segment */
	int has_dynamic_section;  /* a .dynamic section */
	size_t n_relative;        /* R_X86_64_RELATIVE relocations in the file */
	size_t n_irelative;       /* R_X86_64_IRELATIVE relocations in the file */
	char *relative_in;        /* the sections that hold them, space-separated ("" none) */
	char *irelative_in;
	struct ldtrace_run lazy;  /* the run with LD_DEBUG alone; ran says whether it ran */
	struct ldtrace_run now;   /* with LD_BIND_NOW=1 too: the dynamic program only */
	int lazy_ran, now_ran;
	char **says;              /* a sentence per fact, in the user's language */
	char **says_en;           /* the same in English */
	size_t n_says;
	char error[200];
	char error_en[200];
};

/* Study the program (see above); 0 on success, -1 with t->error set. */
int ldtrace_study(const struct ldtrace_opts *o, struct ldtrace *t);

/* Parse a run's standard error (len bytes) into r's trace fields (r->proc untouched);
 * prog: the program as the loader names it ("./hello"), whose bindings are the program's. */
void ldtrace_parse(const char *err, size_t len, const char *prog, struct ldtrace_run *r);

/* Free what the run's parse stored (not its proc), and zero those fields. */
void ldtrace_run_free(struct ldtrace_run *r);

void ldtrace_free(struct ldtrace *t);

/* "cache", "RUNPATH", "RPATH", "LD_LIBRARY_PATH", "system", "unknown": for the JSON. */
const char *ldtrace_via_name(enum ldtrace_via v);

#endif
