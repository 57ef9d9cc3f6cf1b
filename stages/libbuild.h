/* libbuild: the program's other sources built into a library two ways, a static archive and a
 * shared object, and the program linked against each, to show what each way leaves in the
 * program and what it asks of the loader at run time.
 *
 * Contract: libbuild_run() works inside o->dir (an absolute directory, the walk directory),
 * in its subdirectory "lib", and runs every tool through proc_run() (stages/proc.h), never a
 * shell. The library is named after the first other source: util.c makes libutil.a and
 * libutil.so (libbuild_name() says how a name that would shadow one of the toolchain's own
 * libraries is changed). The steps, each recorded with its exact argv and what it printed:
 *
 *   gcc -c -fPIC [-O] SRC -o lib/NAME.o    for each other source (a second NAME: NAME-2.o)
 *   ar rcs lib/libX.a lib/NAME.o ...        the static archive
 *   gcc -shared -o lib/libX.so lib/NAME.o ... [link args]
 *   gcc MAIN.o lib/libX.a -o prog-archive -Wl,-Map,prog-archive.map [link args]
 *   gcc MAIN.o -Llib -lX -o prog-shared [link args]
 *   gcc MAIN.o -Llib -lX -Wl,-rpath,$ORIGIN/lib -o prog-rpath [link args]
 *
 * Then, for each program (cwd o->dir, stdin /dev/null, LD_LIBRARY_PATH removed from the
 * environment): its size, its ELF facts (NEEDED, and DT_RPATH or DT_RUNPATH read with libelf),
 * where each symbol the library defines ended up in it, `ldd ./PROG`, the loader's own account
 * of its search, and a run. The account comes from starting the program with
 * LD_TRACE_LOADED_OBJECTS=1 LD_DEBUG=libs, which makes glibc's loader list the libraries
 * instead of running it (a program with another loader is not asked). prog-shared is asked
 * and run a second time with LD_LIBRARY_PATH=DIR/lib. The archive link writes a map, ld's own
 * account of the members it took and why. The archive's chain and the shared library's run
 * side by side, and so do the two links against the .so, each on a thread of its own.
 *
 * A step that fails stops the steps that need its output; what ran is still recorded, and
 * libbuild_run() returns -1 with lb->error saying which step failed. A program that links but
 * fails to run (prog-shared without LD_LIBRARY_PATH) is a result, not an error. The caller owns
 * *lb and frees it with libbuild_free(), also after -1. libbuild_explain() turns the facts of
 * one program into a learner's account; it runs nothing. No global state but proc's.
 */
#ifndef CSTAGES_LIBBUILD_H
#define CSTAGES_LIBBUILD_H

#include <stddef.h>
#include "stages/elfinfo.h"
#include "stages/linkmap.h"
#include "stages/proc.h"

/* The three programs, all linked from the same main object. */
enum libbuild_kind {
	LIBBUILD_ARCHIVE, /* prog-archive: against lib/libX.a */
	LIBBUILD_SHARED,  /* prog-shared: against lib/libX.so, no run-time path */
	LIBBUILD_RPATH,   /* prog-rpath: against lib/libX.so, with -rpath $ORIGIN/lib */
	LIBBUILD_COUNT,
};

/* Where one symbol the library defines is in a linked program, after its .symtab and its
 * dynamic relocations. */
enum libbuild_place {
	LIBBUILD_ABSENT,     /* not in the program: nothing asked for it */
	LIBBUILD_COPIED,     /* defined in the program: the member's bytes were copied in */
	LIBBUILD_UNDEFINED,  /* undefined: the loader binds it to the library at run time */
	LIBBUILD_COPY_RELOC, /* a variable the program holds itself, in room a copy relocation
				reserves; the loader copies the library's initial value there */
};

/* Where the loader looked for a library, and where it found it, as LD_DEBUG=libs says. */
enum libbuild_via {
	LIBBUILD_VIA_NONE,            /* not found (or not known) */
	LIBBUILD_VIA_RPATH,           /* a DT_RPATH entry */
	LIBBUILD_VIA_LD_LIBRARY_PATH, /* the environment variable */
	LIBBUILD_VIA_RUNPATH,         /* a DT_RUNPATH entry */
	LIBBUILD_VIA_CACHE,           /* /etc/ld.so.cache */
	LIBBUILD_VIA_DEFAULT,         /* the default directories ("system search path") */
	LIBBUILD_VIA_COUNT,
};

struct libbuild_opts {
	const char *dir;            /* the walk directory, absolute; the work goes in DIR/lib */
	const char *main_obj;       /* the program's main object, already built (DIR/main.o) */
	const char *const *srcs;    /* the other sources: n_srcs paths, absolute */
	const char *const *names;   /* how to call each in messages (as the user gave it);
				       NULL: srcs */
	size_t n_srcs;
	const char *cc;             /* NULL: "gcc" */
	const char *opt_level;      /* e.g. "-O2" for the library's compiles; NULL: none */
	char *const *cflags;        /* more flags for the library's compiles (after -c) */
	size_t n_cflags;
	char *const *link_args;     /* extra arguments for the -shared link and every program's
				       link, e.g. "-lm" */
	size_t n_link_args;
	int run_timeout_ms;         /* for the programs' runs; 0: 5000 */
	int tool_timeout_ms;        /* for gcc, ar, ldd and the loader's listing; 0: 60000 */
	char *const *run_args;      /* each program's run gets these after its name (--arg) */
	size_t n_run_args;
	const char *run_stdin;      /* and reads this file as its input (--stdin); NULL:
				       /dev/null */
};

/* One other source, compiled for the library. */
struct libbuild_obj {
	char *src;                  /* absolute path */
	char *name;                 /* as the user gave it */
	char *obj;                  /* "lib/util.o", relative to the walk directory */
	struct proc_result cc;      /* gcc -c -fPIC; argv NULL when not run */
};

/* A symbol the library defines: GLOBAL, WEAK or UNIQUE, and not undefined, in an object. */
struct libbuild_sym {
	char *name;
	char *obj;                  /* the member that defines it: "util.o" */
	unsigned char type;         /* STT_FUNC, STT_OBJECT, ... */
	unsigned long long size;
	int so_reloc;               /* the .so reaches it through a dynamic relocation (its GOT),
				       so a program's copy of it is what the library's code uses */
};

/* One symbol of the library in one program. */
struct libbuild_fate {
	enum libbuild_place place;
	char *section;              /* COPIED, COPY_RELOC: the program's section (".text") */
	const char *reloc;          /* COPY_RELOC: the relocation type's name, static storage */
};

/* How the loader searched for one library, from its LD_DEBUG=libs trace. */
struct libbuild_lookup {
	char *name;                 /* as NEEDED names it: "libutil.so" */
	char *path;                 /* where it was found; NULL when not found */
	enum libbuild_via via;      /* where it was found; VIA_NONE when not, or not known */
	char *from;                 /* RPATH, RUNPATH: the file whose entry it was */
	unsigned searched;          /* 1 << enum libbuild_via for every kind of place searched */
	size_t n_tried;             /* the files the loader tried to open */
};

/* A program asked about and run under one environment. */
struct libbuild_load {
	char *ld_library_path;      /* the value set; NULL: LD_LIBRARY_PATH unset */
	struct proc_result ldd;     /* ldd ./PROG */
	struct proc_result trace;   /* ./PROG with LD_TRACE_LOADED_OBJECTS=1 LD_DEBUG=libs:
				       the listing on stdout, the search on stderr; argv NULL
				       when not run (a loader other than glibc's ignores it) */
	struct proc_result run;     /* ./PROG, stdin /dev/null */
	struct libbuild_lookup *lookups; /* from trace, in the loader's order */
	size_t n_lookups;
};

struct libbuild_prog {
	enum libbuild_kind kind;
	char *name;                 /* "prog-archive", in the walk directory */
	struct proc_result link;    /* argv NULL when not run */
	int linked;                 /* the link exited 0 and made the file */
	long long size;             /* bytes; -1 when absent */
	struct elfinfo elf;         /* valid when elf_ok */
	int elf_ok;
	char *rpath;                /* DT_RPATH's string, NULL when absent */
	char *runpath;              /* DT_RUNPATH's string, NULL when absent */
	struct libbuild_fate *fates; /* one per lb->syms; NULL when not linked */
	struct linkmap map;         /* ARCHIVE: the link map, valid when map_ok */
	int map_ok;
	struct libbuild_load load[2]; /* [0] without LD_LIBRARY_PATH; [1] prog-shared only, with
					 LD_LIBRARY_PATH=DIR/lib */
	size_t n_load;
};

struct libbuild {
	char *dir;                  /* the walk directory */
	char *libdir;               /* DIR/lib, absolute: what LD_LIBRARY_PATH is set to */
	char *libname;              /* "util": -lutil */
	char *archive;              /* "lib/libutil.a" */
	char *shared;               /* "lib/libutil.so" */
	char *main_obj;             /* as the links name it: relative when inside dir */
	char **main_refs;           /* the symbols the main object leaves undefined */
	size_t n_main_refs;
	struct libbuild_obj *objs;
	size_t n_objs;
	struct proc_result ar;      /* ar rcs; argv NULL when not run */
	long long archive_size;     /* -1 when absent */
	struct proc_result so;      /* gcc -shared; argv NULL when not run */
	long long shared_size;
	char *soname;               /* the .so's DT_SONAME; NULL when it has none */
	struct libbuild_sym *syms;  /* what the library's objects define, object by object */
	size_t n_syms;
	struct libbuild_prog prog[LIBBUILD_COUNT];
	char error[256];            /* why libbuild_run() returned -1 */
};

/* Build the library and the three programs; see the contract. 0 when all three linked; -1
 * with lb->error set otherwise (bad options, no memory, or a step that failed). */
int libbuild_run(struct libbuild *lb, const struct libbuild_opts *o);

void libbuild_free(struct libbuild *lb);

/* The library's name for the other source src: its file name without directory and ".c",
 * with any byte that is not a letter, digit, '_', '-', '.' or '+' made '_' (and '_' before a
 * leading '-' or '.'). A name that would shadow one of the toolchain's own libraries (c, gcc,
 * gcc_s, pthread, ...) or one that link_args names (-lm) gets "my" in front (c.c: libmyc),
 * since -Llib makes ld find ours first. The caller frees it. */
char *libbuild_name(const char *src, char *const *link_args, size_t n_link_args);

/* "archive", "shared", "rpath". */
const char *libbuild_kind_name(enum libbuild_kind k);

/* "absent", "copied", "undefined", "copy-relocated". */
const char *libbuild_place_name(enum libbuild_place p);

/* "not found", "RPATH", "LD_LIBRARY_PATH", "RUNPATH", "ld.so.cache", "default directories". */
const char *libbuild_via_name(enum libbuild_via v);

/* Parse the loader's LD_DEBUG=libs trace (err) and its listing (out, as ldd prints it) into
 * lookups, one per library it searched for; 0, or -1 when out of memory. */
int libbuild_parse_trace(const char *err, const char *out, struct libbuild_lookup **lookups,
			 size_t *n);

void libbuild_lookups_free(struct libbuild_lookup *l, size_t n);

/* The lookup of the library lb built in load, or NULL when the trace has none. */
const struct libbuild_lookup *libbuild_lookup(const struct libbuild *lb,
					      const struct libbuild_load *load);

/* A learner's account of program k, from the facts alone: what of the library is inside it,
 * what it NEEDs, where the loader found the library (or did not) and how the runs ended.
 * Sentences, one per line, written into buf (len bytes, always terminated); returns buf. */
char *libbuild_explain(const struct libbuild *lb, enum libbuild_kind k, char *buf, size_t len);

#endif
