/* golab: the Go and cgo lab. Real go builds of the Go samples, and what each one made.
 *
 * Three parts, each chosen in golab_opts.parts:
 *
 *   GOLAB_SCENARIOS   the six cases: rows are the form of the standard library's os/user
 *                     and net (cgo, or pure Go with -tags netgo,osusergo), columns what the
 *                     program's own cgo code does (calls NSS functions: cgo-nss.go; calls
 *                     nothing that loads modules at run time: cgo-plain.go; there is none:
 *                     user.go). Every cell is `go build [-tags netgo,osusergo] -ldflags
 *                     '-extldflags -static'`, the flag that asks for a static program.
 *   GOLAB_EXPERIMENTS the article's four builds of user.go (CGO_ENABLED 1/0 with
 *                     -linkmode external -extldflags -static, then with -extldflags -static
 *                     only), and its static PIE (-buildmode=pie -linkmode external
 *                     -extldflags --static-pie).
 *   GOLAB_CGO         cgo.go built with `go build -work -x -ldflags=-v`: the files cgo
 *                     generated, the gcc commands go ran, and one generated C file
 *                     (NAME.cgo2.c) taken through gcc's four stages with go's own flags,
 *                     the last one being go's own link of the C objects (its _cgo_.o) with
 *                     ours in place of its object.
 *
 * Every build is a struct golab_build: the command as a learner types it, the go build's
 * proc_result (its messages), the program's size, ELF facts, `ldd`, a run (stdin
 * /dev/null, a time limit, an output cap) and a run alone in an empty root directory
 * (`unshare -r chroot DIR /PROG`, plain chroot when that is refused and we are root).
 *
 * Contract: golab_new() checks the samples directory (samples/go) and prepares the model,
 * running nothing. golab_run() runs the lab to the end on the calling thread, with up to
 * opts.jobs builds at once; golab_start() does it on a worker thread and returns at once.
 * A reader looks at a build once golab_build_finished() says so, and at the cgo record once
 * golab_cgo_finished() does; from then on it never changes (release/acquire atomics).
 * Everything is written inside the lab directory dir, which the caller owns: the samples'
 * copies, a go.mod, the programs, the go build cache (GOCACHE), GOPATH, go's and the
 * linker's temporary directories (GOTMPDIR, TMPDIR) and HOME, with GOENV=off,
 * GOPROXY=off, GOFLAGS=-mod=mod and GOTOOLCHAIN=local, so no build reaches the network or
 * the user's home. Without a go command every build is RUN_SKIPPED and no_go says how to
 * install it. golab_free() joins the worker and frees the model; the lab directory stays
 * the caller's to remove.
 */
#ifndef CSTAGES_GOLAB_H
#define CSTAGES_GOLAB_H

#include <pthread.h>
#include <stddef.h>
#include "stages/elfinfo.h"
#include "stages/proc.h"
#include "stages/walk.h"

/* The cgo walk takes the generated C file through gcc's four stages (not stage 5). */
#define GOLAB_CGO_STAGES STAGE_RUN

enum golab_part {
	GOLAB_SCENARIOS = 1,
	GOLAB_EXPERIMENTS = 2,
	GOLAB_CGO = 4,
	GOLAB_ALL = 7,
};

/* The rows of the six cases: which form of os/user and net the program gets. */
enum golab_std { GOLAB_STD_CGO, GOLAB_STD_GO, GOLAB_STD_COUNT };

/* The columns: what the program's own cgo code does. */
enum golab_code { GOLAB_CODE_NSS, GOLAB_CODE_PLAIN, GOLAB_CODE_NONE, GOLAB_CODE_COUNT };

/* The article's experiments, in its order, and its static PIE. */
enum golab_exp { GOLAB_EXP1, GOLAB_EXP2, GOLAB_EXP3, GOLAB_EXP4, GOLAB_EXP_PIE, GOLAB_EXP_COUNT };

/* One go build and what its program does. */
struct golab_build {
	const char *name;         /* the program's file name in the lab directory */
	const char *source;       /* the sample it is built from, e.g. "user.go" */
	char *command;            /* as a learner types it: "CGO_ENABLED=0 go build ..." */
	int state;                /* enum run_state, accessed atomically: the go build */
	char *skip_reason;        /* for RUN_SKIPPED */
	struct proc_result build; /* go build: its messages are build.err */
	long long size;           /* bytes, -1 when there is no program */
	struct elfinfo elf;       /* valid when elf_ok */
	int elf_ok;
	struct proc_result ldd;   /* ldd ./NAME */
	struct proc_result run;   /* ./NAME, stdin /dev/null */
	struct proc_result empty_root; /* the program alone in an empty root directory */
	int empty_root_ran;       /* 0: not tried, empty_root_note says why */
	char *empty_root_note;
	int finished;             /* accessed atomically; read with golab_build_finished() */
};

/* A file in go's work directory that cgo or the go command wrote for the package. */
struct golab_file {
	char *name;      /* "cgo.cgo2.c" */
	long long size;
	size_t lines;
	int is_c;        /* a C source or header */
};

/* cgo through the four stages. */
struct golab_cgo {
	struct golab_build build; /* go build -work -x -ldflags=-v -o cgo cgo.go */
	char *work;               /* $WORK, absolute, or NULL when go printed none */
	char *objdir;             /* the package's directory in it, $WORK/b001 */
	struct golab_file *files; /* what cgo generated there, by name */
	size_t n_files;
	char **gcc;               /* the C compiler's commands in the -x trace, verbatim ("cd"
				     lines kept for their directory), and the -v "host link:" */
	size_t n_gcc;
	char *walked;             /* the generated C file taken through the stages */
	/* In objdir: gcc -E, -S, -c with the flags go compiled walked with, then go's link of
	 * its C objects with ours. artifact names a file in objdir. */
	struct stage_run stage[GOLAB_CGO_STAGES];
	struct elfinfo link_elf;  /* the linked program, valid when link_elf_ok */
	int link_elf_ok;
	int finished;             /* accessed atomically; read with golab_cgo_finished() */
};

struct golab_opts {
	const char *go;       /* NULL: "go" */
	unsigned parts;       /* enum golab_part bits; 0: GOLAB_ALL */
	int jobs;             /* builds at once; 0: 3 */
	int run_timeout_ms;   /* for each program; 0: 5000 */
	int build_timeout_ms; /* for each go build; 0: 600000 */
	int tool_timeout_ms;  /* for ldd and gcc; 0: 60000 */
	char *const *run_args; /* every program's run and empty-root run gets these after its
				  name (lesson --arg; not copied: they outlive the lab) */
	size_t n_run_args;
	const char *run_stdin; /* and reads this file (--stdin); NULL: /dev/null */
};

struct golab {
	struct golab_opts opts;
	char *samples;   /* the samples/go directory given */
	char *dir;       /* the lab directory */
	char **envp;     /* the environment every go build gets */
	char *no_go;     /* when the go command is missing: why, and how to install it */
	struct proc_result version; /* go version */
	struct golab_build cell[GOLAB_STD_COUNT][GOLAB_CODE_COUNT];
	struct golab_build exp[GOLAB_EXP_COUNT];
	struct golab_cgo cgo;
	int done;        /* accessed atomically */
	int cancelled;   /* accessed atomically */
	pthread_t worker;
	int worker_started;
};

/* The go command's package on Debian, for a learner's "apt-get install". */
#define GOLAB_PACKAGE "golang-go"

/* Check that samples (the samples/go directory) holds the lab's samples and set up the
 * model in dir, which must exist. On error returns NULL with a sentence in err. */
struct golab *golab_new(const char *samples, const struct golab_opts *o, const char *dir,
			char *err, size_t errlen);

/* Run the chosen parts on this thread / on a worker thread (-1 if it could not start). */
void golab_run(struct golab *g);
int golab_start(struct golab *g);
void golab_wait(struct golab *g);

/* Stop a running lab: kill what runs now, and skip what has not started. */
void golab_cancel(struct golab *g);

int golab_is_done(const struct golab *g);
int golab_build_finished(const struct golab_build *b);
int golab_cgo_finished(const struct golab_cgo *c);
/* 1 once every build of one part (a single GOLAB_* bit) is finished. */
int golab_part_finished(const struct golab *g, enum golab_part part);
/* The state of a build's go build, read with acquire semantics. */
enum run_state golab_state(const struct golab_build *b);

/* The environment every go build of the lab gets, for a build in dir: the caller's, less
 * the go settings, with HOME, GOCACHE, GOPATH, GOTMPDIR and TMPDIR inside dir (dir/home,
 * dir/cache, dir/gopath, dir/tmp, which the caller makes) and the settings that keep go off
 * the network (see above). NULL when out of memory; the caller frees each entry and the
 * array. */
char **golab_env(const char *dir);

/* 1 when the go command can be found in PATH (or at path go, when it has a slash). */
int golab_have_go(const char *go);

/* 1: a static program (no PT_INTERP, no DT_NEEDED); 0: dynamic; -1: no ELF facts. */
int golab_is_static(const struct golab_build *b);

/* Titles: "cgo (the default)", "pure Go (-tags netgo,osusergo)"; "your cgo calls NSS
 * functions", ...; "1. CGO_ENABLED=1, external link, -static", ... */
const char *golab_std_title(enum golab_std s);
const char *golab_code_title(enum golab_code c);
const char *golab_exp_title(enum golab_exp e);

/* The part a name means: "scenarios", "experiments", "cgo-stages" (a live fact's name after
 * "go."); 0 for any other name. */
unsigned golab_part_named(const char *name);

/* The commands that show a part by hand: a cd into godir (the folder of the Go samples, as
 * the learner names it, e.g. "samples/go"), the builds, and what inspects them. Runs nothing;
 * caller frees. */
char *golab_commands(const char *godir, unsigned part);

/* A plain-text account of one part, as a lesson's live block shows it: each build's command,
 * its messages as printed, the program's ELF facts, ldd, size, run and empty-root run; for
 * GOLAB_CGO the generated files, the C compiler's commands and the four stages. NULL until
 * the part is finished. Runs nothing (it reads files the lab made); caller frees. */
char *golab_text(const struct golab *g, enum golab_part part);

void golab_free(struct golab *g);

#endif
