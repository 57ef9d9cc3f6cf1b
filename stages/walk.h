/* walk: the model. One C source, taken through gcc's four stages in a private directory.
 *
 * Contract: walk_new() checks the input and prepares the model without running anything;
 * walk_start() runs the stages on a worker thread and returns at once; walk_run() runs
 * them to the end on the calling thread. Readers (the TUI, the report) look at a stage only
 * once walk_stage_state() says it is finished (RUN_OK, RUN_FAILED or RUN_SKIPPED); from then
 * on its record never changes. The state is published with release/acquire atomics, so a
 * reader that sees a finished state sees the whole record. walk_free() joins the worker and
 * frees everything; the walk directory itself belongs to tmpdir.
 *
 * The stages: gcc -E (.i), gcc -S (.s), gcc -c (.o) and its ELF facts, then link variants from the .o
 * (and, with several sources, the others as a library: walk.lib):
 * dynamic (gcc's default), -static and -static-pie, and musl-gcc -static from the source
 * when musl-gcc is installed (else that variant is RUN_SKIPPED, saying how to get it).
 * Each linked program is also run alone in an empty root directory, where a dynamic
 * program finds no loader and no libraries. For each linked program: its ELF facts, `ldd`, and a
 * run with stdin from /dev/null, a time limit and an output cap, confined so that it writes
 * only in the walk directory (stages/jail.h: how is probed once, into walk.jail, before the
 * first run). A failed stage is a result:
 * the later ones are RUN_SKIPPED with skip_reason saying why. Stage 5, Run (struct walk_run5),
 * studies each linked program as it starts, once the variants are finished.
 *
 * A link's messages are explained once, when both the link and libclang's parse have
 * finished, and kept with the variant (msgs), so that every reader formats the same items;
 * so are gcc's diagnostics of each of the first three stages (diag), and what stopped a
 * failed link (failed_at) is decided once, before the link is published.
 *
 * Beside the stages, and off their critical path: the .i's line map and include tree (read
 * before the preprocess stage is published); the same compile with -g (gcc -S -g, NAME.g.s),
 * whose .loc lines tie each instruction to its source line (gcc's code does not change with
 * -g: -fcompare-debug checks exactly that), read into an asmmap; and libclang's facts
 * (stages/cfacts.h), parsed on a thread of their own from the start. A reader looks at each
 * once its stage_run is finished and its _ok flag is set.
 */
#ifndef CSTAGES_WALK_H
#define CSTAGES_WALK_H

#include <pthread.h>
#include <stddef.h>
#include "stages/asmmap.h"
#include "stages/ccdiag.h"
#include "stages/dwvars.h"
#include "stages/cfacts.h"
#include "stages/elfinfo.h"
#include "stages/fates.h"
#include "stages/jail.h"
#include "stages/libbuild.h"
#include "stages/linkmap.h"
#include "stages/libname.h"
#include "stages/ldtrace.h"
#include "stages/linkmsg.h"
#include "stages/ocompare.h"
#include "stages/ppmap.h"
#include "stages/procmain.h"
#include "stages/proc.h"
#include "stages/relocs.h"
#include "stages/resolve.h"
#include "stages/segments.h"
#include "stages/symbols.h"

enum stage_id {
	STAGE_PREPROCESS, STAGE_COMPILE, STAGE_ASSEMBLE, STAGE_LINK,
	STAGE_RUN, /* the programs run: stage 5's facts, struct walk_run5 */
	STAGE_COUNT
};

enum run_state {
	RUN_PENDING,
	RUN_RUNNING,
	RUN_OK,      /* ran and made its artifact */
	RUN_FAILED,  /* ran and failed: proc says how */
	RUN_SKIPPED, /* not reached: skip_reason says why */
};

/* The ways of linking, shown side by side. The musl variant builds from the source with
 * musl-gcc (musl's headers differ from glibc's, so glibc's .o cannot be reused). */
enum obj_tool { OBJ_NM, OBJ_READELF, OBJ_OBJDUMP, OBJ_TOOL_COUNT };

enum link_kind { LINK_DYNAMIC, LINK_STATIC, LINK_STATIC_PIE, LINK_MUSL, LINK_COUNT };

/* What stopped a failed link command: the compiler (musl's variant compiles the source
 * again: "FILE:LINE:COL: error:" or "fatal error:" in its stderr) or the linker. */
enum link_failed_at { LINK_FAILED_NOT, LINK_FAILED_AT_COMPILE, LINK_FAILED_AT_LINK };

/* One program run and what it made. */
struct stage_run {
	int state; /* enum run_state, accessed atomically */
	struct proc_result proc;
	char *artifact;           /* file name inside the walk directory, or NULL */
	long long artifact_size;  /* bytes, -1 when absent */
	char *skip_reason;        /* for RUN_SKIPPED, in the user's language */
	char *skip_reason_en;     /* the same in English, for the JSON */
};

/* One way of linking, and what the result does. */
struct link_variant {
	enum link_kind kind;
	struct stage_run link;   /* gcc ... -o NAME */
	enum link_failed_at failed_at; /* set before link is published RUN_FAILED; else
					  LINK_FAILED_NOT */
	struct elfinfo elf;      /* valid when link.state == RUN_OK and elf_ok */
	int elf_ok;
	struct proc_result ldd;  /* ldd ./NAME */
	struct proc_result run;  /* ./NAME, stdin /dev/null, confined as walk.jail says */
	char *run_left;          /* what the run left in its fresh /tmp and the like, which
				    vanished with it: paths one a line (jail.h); NULL: nothing */
	/* The program copied alone into an empty directory and run there as its root:
	 * `unshare -r chroot DIR /NAME` (plain chroot when that is refused and we are root).
	 * empty_root_ran says whether it could be tried; empty_root_note says why not. */
	struct proc_result empty_root;
	int empty_root_ran;
	char *empty_root_note;    /* in the user's language */
	char *empty_root_note_en; /* the same in English, for the JSON */
	/* Who resolved the object's undefined symbols. Static links write a link map
	 * (-Wl,-Map): the archive members ld took, and why. The dynamic link: the shared
	 * library, in ldd's load order, whose .dynsym defines each symbol. */
	struct linkmap map;
	int map_ok;
	struct resolve_libs libs;
	struct resolve resolved;
	int resolved_ok;
	/* What the link command printed, explained (stages/linkmsg.h): parsed once, with
	 * libclang's facts of the source when they are in, by whichever of the link and
	 * libclang's parse finishes last; read it once walk_msgs_ready(). Empty when the link
	 * printed nothing or never ran. */
	struct linkmsg msgs;
	int msgs_ok;             /* accessed atomically */
	int msgs_pending;        /* accessed atomically: the link and libclang still to finish */
	int finished;            /* accessed atomically: 1 once elf, ldd and run are filled in
				    (or will never be); read it with walk_variant_finished() */
	/* The dynamic link: the libraries named -lNAME on the command whose libNAME.so* the
	 * program's NEEDED does not list ("m" for -lm), and whether gcc -dumpspecs shows gcc
	 * passing --as-needed to ld. Filled in before finished. */
	char **dropped;
	size_t n_dropped;
	int as_needed;
};

/* Stage 5, Run: what happens when the linked programs start (stages/walkrun.c). Computed
 * once per walk, after every link variant is finished, on a thread of its own (the first
 * frame never waits for it; the walk is not done until it is). run is RUN_OK when at least
 * one linked program was studied, RUN_FAILED when none of its facts could be read (each
 * module's error says why), RUN_SKIPPED with skip_reason when no variant linked. Read any
 * field only once walk_run5_ready(); from then on nothing changes. Per variant, only for a
 * variant whose link is RUN_OK (ran[k]). */
struct interpose;

struct walk_run5 {
	struct stage_run run;          /* the stage's state; proc is unused */
	int ran[LINK_COUNT];           /* the variant produced a program and was studied */
	/* the relocations filled in: the .o and the glibc programs; musl's object and program */
	struct relocs glibc, musl;
	int glibc_ok, musl_ok;         /* relocs_walk read it; else its .error says why */
	struct segs segs[LINK_COUNT];  /* sections into segments; segs[k].error when !segs_ok */
	int segs_ok[LINK_COUNT];
	struct ldtrace ld[LINK_COUNT]; /* the loader at work; ld[k].error when !ld_ok */
	int ld_ok[LINK_COUNT];
	struct procmain pm[LINK_COUNT]; /* the process at main; pm[k].say always says */
	int pm_ok[LINK_COUNT];         /* a run stopped at main */
	struct interpose *ip;          /* LD_PRELOAD (stages/interpose.h), NULL when not run */
	int ip_ok;                     /* the wrapper was built and the programs run */
	int ready;                     /* accessed atomically: read with walk_run5_ready() */
};

struct walk_opts {
	const char *cc;          /* NULL: "gcc" */
	const char *musl_cc;     /* NULL: "musl-gcc" */
	char **extra_srcs;       /* more C sources of the same program: each compiled with
				    gcc -c beside the walk of the first, and linked with it */
	size_t n_extra_srcs;
	char **link_args;        /* extra arguments for every link, e.g. "-lz" */
	size_t n_link_args;
	const char *opt_level;   /* gcc's optimisation flag for the compile stage and the musl
				    build, e.g. "-O2"; NULL: none (gcc's -O0) */
	int run_timeout_ms;      /* for the program under study; 0: 5000 */
	int tool_timeout_ms;     /* for gcc and ldd; 0: 60000 */
	int no_clang;            /* do not load libclang: its facts are RUN_SKIPPED */
	int clang_in_child;      /* parse in a child process, this program run with
				    --internal-cfacts (stages/cfwire.h), so that libclang is never
				    loaded here; 0: on a thread of this process */
	const char *compare_level; /* --compare: compile the .i again at this level too (a
				      flag such as "-O2", from walk_opt_flag) and compare the two
				      (stages/ocompare.h); NULL: not asked */
	char **run_args;         /* --arg: the arguments every run of a linked program gets
				    after its name, each one argument as given (no splitting) */
	size_t n_run_args;
	const char *run_stdin;   /* --stdin: the file every such run reads as its standard
				    input, an absolute path; NULL: /dev/null */
	const char *run_stdin_shown; /* the same as the user named it, for the commands
					shown; NULL: run_stdin */
	char **cflags;           /* compile flags (an exercise's build file): given to every
				    compile of the walk, after gcc's mode option (-E, -S, -c):
				    the stages, the -g compile, the other sources, the musl
				    build, the library's compiles, a comparison's and
				    libclang's parse; and so shown in every command */
	size_t n_cflags;
	int no_run5;             /* skip stage 5 (RUN_SKIPPED): an exercise's check reads
				    none of its facts */
	int no_lib;              /* skip the library of the other sources (lib_run
				    RUN_SKIPPED), for the same reason */
};

/* A further source of the program: compiled straight to its object file. */
struct walk_extra {
	char *src_path;    /* as the user gave it */
	char *src_abs;
	char *obj;         /* its object file in the walk directory, e.g. "util.o" */
	struct stage_run cc; /* gcc -c SRC -o OBJ */
	struct symbols syms; /* its symbols, valid when syms_ok */
	int syms_ok;
};

struct walk {
	struct walk_opts opts;
	char *src_path;    /* as the user gave it */
	char *src_abs;     /* absolute path, what gcc is given */
	char *base;        /* file name without directory and .c, e.g. "hello" */
	int not_c;         /* the name does not end in .c: gcc is told -x c */
	char *dir;         /* the walk directory (owned by tmpdir) */
	struct jail jail;  /* how the program under study runs confined (stages/jail.h):
			      probed once before the variants start */
	struct stage_run stage[3]; /* PREPROCESS, COMPILE, ASSEMBLE */
	/* What gcc printed at each of the three stages, explained (stages/ccdiag.h): parsed
	 * once, with libclang's facts of the source when they are in, by whichever of the stage
	 * and libclang's parse finishes last; read diag[k] once walk_diag_ready(w, k). Empty when
	 * the stage printed nothing or never ran. */
	struct ccdiag diag[3];
	int diag_ok[3];            /* accessed atomically */
	int diag_pending[3];       /* accessed atomically: the stage and libclang still to finish */
	struct elfinfo obj_elf;    /* the .o, valid when obj_elf_ok */
	int obj_elf_ok;
	struct symbols obj_syms;   /* the .o's symbols and relocations, valid when obj_syms_ok */
	int obj_syms_ok;
	/* What a learner would type to look at the .o: nm, readelf -sSrW, objdump -dr. Their
	 * real output, for the assemble view; run once the .o exists, beside the links. */
	struct proc_result obj_tools[OBJ_TOOL_COUNT];
	/* The relocation lines of objdump's listing (obj_tools[OBJ_OBJDUMP]), each tied to
	 * obj_syms' record of it (symbols_dump_relocs): final with tools_ready. */
	struct symbols_dump_reloc *obj_dump_relocs;
	size_t n_obj_dump_relocs;
	int obj_ready;     /* accessed atomically: obj_elf and obj_syms are final */
	int tools_ready;   /* accessed atomically: obj_tools are final */
	struct walk_extra *extra;  /* opts.n_extra_srcs of them, compiled before the links */
	size_t n_extra;
	struct link_variant variant[LINK_COUNT];
	/* the libraries the variants' undefined symbols were named from, each header asked of
	 * once for all of them (stages/libname.h) */
	struct libname_cache libnames;
	/* With more than one source: the other sources built into libX.a and libX.so, and the
	 * program linked against each (stages/libbuild.h), beside the variants. lib_run is
	 * RUN_OK when all three programs linked, RUN_FAILED (lib.error says why) when a step
	 * failed, RUN_SKIPPED (skip_reason) with one source or when an earlier stage failed;
	 * read lib once lib_run is finished. */
	struct stage_run lib_run;
	struct libbuild lib;
	struct ppmap pp;           /* the .i's line map and include tree, with stage[PREPROCESS] */
	int pp_ok;
	struct stage_run gline;    /* gcc -S -g: the line table of the compile */
	struct asmmap asmm;        /* gline's .s, valid when gline is RUN_OK and asmm_ok */
	int asmm_ok;
	/* The learner's variables in that .s (stages/dwvars.h): the -g .s assembled and its
	 * DWARF read, on gline's thread once gline is published; read dwv once
	 * walk_dwvars_ready(); when gline succeeded and the walk is done without it, dwv_err
	 * says why (in the user's language) */
	struct dwvars dwv;
	int dwv_ok;                /* accessed atomically */
	char dwv_err[300];
	/* The .s of the compile shown (stage[COMPILE]'s artifact), and each of its lines paired
	 * with its line in asmm (asmmap_pair): made by whichever of the two compiles is read
	 * last, before it is published; read them once walk_asm_pair_ready() */
	struct asmmap asms;
	int asms_ok;
	unsigned *asm_pair;
	int asm_pair_ok;           /* accessed atomically */
	int asm_pair_pending;      /* accessed atomically: the two compiles still to be read */
	/* libclang's facts: clang.state RUN_OK when cf is filled, RUN_SKIPPED with skip_reason
	 * when libclang could not be loaded or could not parse (proc is unused) */
	struct stage_run clang;
	struct cfacts cf;
	/* What gcc did with each function and call (stages/fates.h): made by whichever of gline
	 * and clang finishes last, when both succeeded; read it once walk_fates_ready() */
	struct fates fates;
	int fates_ok;              /* accessed atomically */
	int fates_pending;         /* accessed atomically: gline and clang still to finish */
	/* Two optimisation levels compared (stages/ocompare.h), one slot per second level
	 * (index in ocmp_levels): started once the .i is in, when opts.compare_level asks (then
	 * finished before done) or when walk_compare_start() does; read a slot once
	 * ocmp_run_finished() says so. */
	struct ocmp_run cmp[OCMP_N_LEVELS];
	/* Stage 5 (struct walk_run5): read it once walk_run5_ready() */
	struct walk_run5 run5;
	int done;          /* accessed atomically: 1 when every stage is finished */
	int cancelled;     /* accessed atomically: set by walk_cancel() */
	pthread_t worker;
	int worker_started;
};

/* Whether the .o's ELF facts and symbols (walk_obj_ready) or the tools' output on it
 * (walk_tools_ready) are final: read them only then. Both are by the time the walk is done. */
int walk_obj_ready(const struct walk *w);
int walk_tools_ready(const struct walk *w);

/* Check src (exists, regular, readable) and set up the model. On error returns NULL and
 * writes a one-sentence message into err (errlen bytes). */
struct walk *walk_new(const char *src, const struct walk_opts *o, const char *dir,
		      char *err, size_t errlen);

/* Run every stage on a worker thread. Returns 0, or -1 if the thread could not start. */
int walk_start(struct walk *w);

/* Run every stage on this thread. */
void walk_run(struct walk *w);

/* Wait for a started walk to finish. */
void walk_wait(struct walk *w);

/* Stop a running walk: kill what runs now, and skip what has not started. */
void walk_cancel(struct walk *w);

/* The archive member musl's link took for symbol name, "libc.a(cbrt.o)", into buf (len
 * bytes), once the musl variant linked and is finished: buf, or NULL when it took none. */
const char *walk_musl_member(const struct walk *w, const char *name, char *buf, size_t len);

/* The object file of the program's other sources that defines symbol name (a global or
 * weak definition), or NULL: a symbol the static linker resolves before any library. */
const char *walk_extra_defines(const struct walk *w, const char *name);

/* Why no library defines an undefined symbol of the object, when that is as it should be:
 * _GLOBAL_OFFSET_TABLE_, which ld itself makes, or a weak reference (nm w), which stays 0
 * when nothing defines it. A static string, or NULL for a symbol that should have been
 * found. */
const char *walk_unresolved_why(const struct walk *w, const char *name);

/* 1 once the fates are in (never, when gline or clang did not succeed). */
int walk_fates_ready(const struct walk *w);

/* 1 once the variables' places (w->dwv) are in: after gline (never, when it did not
 * succeed or the -g .s could not be assembled and read). */
int walk_dwvars_ready(const struct walk *w);

/* 1 once asms and asm_pair are in: both compiles succeeded and were read (never, when
 * either did not). */
int walk_asm_pair_ready(const struct walk *w);

/* Compare the walk's level with flag (from walk_opt_flag): start its slot of w->cmp unless
 * it started before, on a background thread (on this one when wait is set). 0 when it runs
 * or ran; -1 when the .i is not in yet (or never will be), flag is not a level, or memory
 * ran out. */
int walk_compare_start(struct walk *w, const char *flag, int wait);

/* The slot comparing the walk's level with flag, or NULL when flag is not a level; read it
 * once ocmp_run_finished(). */
const struct ocmp_run *walk_compare(const struct walk *w, const char *flag);

/* 1 while a comparison runs. */
int walk_compare_busy(const struct walk *w);

/* 1 once stage 5's facts (w->run5) are in, whatever run5.run's state (acquire
 * semantics): after every variant is finished, before the walk is done. */
int walk_run5_ready(const struct walk *w);

/* 1 once every stage is finished. */
int walk_is_done(const struct walk *w);

/* 1 once every fact of the variant is in: its link, ELF facts, ldd and run. */
int walk_variant_finished(const struct link_variant *v);

/* 1 once the variant's link messages (v->msgs) are in: after its link and libclang's parse
 * have finished (or will never run); never when memory ran out parsing them. */
int walk_msgs_ready(const struct link_variant *v);

/* 1 once the diagnostics of stage id (PREPROCESS, COMPILE or ASSEMBLE: w->diag[id]) are in:
 * after the stage and libclang's parse have finished (or will never run); never when memory
 * ran out parsing them. */
int walk_diag_ready(const struct walk *w, enum stage_id id);

/* The state of a stage run, read with acquire semantics. */
enum run_state walk_state(const struct stage_run *s);

/* How run s ended, in words, for its result line: proc_describe()'s account ("exit 1"), and
 * for a run that failed although its command exited 0, why it failed: "exit 0, but it made no
 * link.i" (a result never says "failed" and "exit 0" alone). walk_run_describe_en: the same
 * in English, for the JSON. Static storage per thread, one buffer each. */
const char *walk_run_describe(const struct stage_run *s);
const char *walk_run_describe_en(const struct stage_run *s);

/* The overall state of a stage as the stage bar shows it (for LINK: the dynamic link). */
enum run_state walk_stage_state(const struct walk *w, enum stage_id id);

/* The run that made a stage's artifact (for LINK: the dynamic link). */
const struct stage_run *walk_stage_run(const struct walk *w, enum stage_id id);

/* Full path of a file in the walk directory; the caller frees it. */
char *walk_path(const struct walk *w, const char *name);

/* "preprocess", "compile", "assemble", "link" (identifiers: never translated) and their
 * titles "Preprocess", ... in the user's language; walk_stage_title_en: the titles in
 * English, whatever the locale (for the JSON). */
const char *walk_stage_name(enum stage_id id);
const char *walk_stage_title(enum stage_id id);
const char *walk_stage_title_en(enum stage_id id);
/* -1 when name is not a stage. */
int walk_stage_from_name(const char *name);

/* What a learner can do when p failed for a cause that installing a Debian package or
 * freeing disk space fixes (no libc.a, no ldd, no gcc, a full disk), as a sentence without
 * a final period, in the user's language; NULL when p did not fail that way. Static storage
 * per thread. walk_hint_en: the same in English, whatever the locale (for the JSON). */
const char *walk_hint(const struct proc_result *p);
const char *walk_hint_en(const struct proc_result *p);

/* The optimisation flag for a level given as "2", "O2" or "-O2" (levels 0, 1, 2, 3, s, g):
 * a static string such as "-O2", or NULL when level is not one of them. */
const char *walk_opt_flag(const char *level);

/* The argv of a run of a linked program: prog (not copied) and then the walk's --arg
 * arguments (opts.run_args, not copied), NULL-terminated; the caller frees the array alone.
 * NULL when out of memory. */
char **walk_run_argv(const struct walk *w, const char *prog);

/* The command line of a run of a linked program as the learner would type it: its argv,
 * quoted, and " < FILE" when the walk gives it --stdin FILE. The caller frees it. */
char *walk_run_command(const struct walk *w, char *const argv[]);

/* The --stdin file as the user named it, for the commands shown; NULL without --stdin. */
const char *walk_run_input(const struct walk *w);

/* "dynamic", "static", "static-pie", "musl": identifiers, never translated. */
const char *walk_link_name(enum link_kind k);

/* A column heading: "dynamic (the default)", "static (-static)", ... in the user's language;
 * walk_link_title_en: in English, whatever the locale (for the JSON). */
const char *walk_link_title(enum link_kind k);
const char *walk_link_title_en(enum link_kind k);

/* An input of a link as a learner knows it, from the path ld gave (a link map's "needed
 * by"): its base name; but gcc's temporary object of a source that the link command
 * compiled itself (musl's does: ccAbC123.o, deleted when gcc is done) is named after the
 * source: "hello.c as the link command compiled it". Written into buf; returns buf. */
const char *walk_input_name(const struct walk *w, const char *path, char *buf, size_t len);

void walk_free(struct walk *w);

#endif
