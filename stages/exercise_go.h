/* exercise_go: the Go condition of an exercise, for a cgo program built with the go command.
 *
 * The build file's key `go:` holds the arguments the learner gives `go build`, split as the
 * build file's other values (on blanks; a value in double quotes stays one argument; no
 * shell, so no environment assignment), e.g.
 *     go: -ldflags "-extldflags -static" .
 * The condition `go-static` or `go-static "TEXT"` holds when `go build -o prog ARGS` succeeds
 * on a copy of the exercise's package, the program is static (no PT_INTERP, no DT_NEEDED),
 * and, copied alone into an empty root directory, it runs and exits with 0 (and its standard
 * output contains TEXT, when given). The arguments may not name the output (-o), another
 * directory (-C), or files and programs outside the walk (-modfile, -overlay, -pkgdir,
 * -toolexec): lesson says so and decides nothing.
 *
 * Contract: exercise_go_static() copies the package from dir (its .go, .c, .h, .s and .S
 * files, and go.mod and go.sum when they are there; a go.mod of its own otherwise) into
 * WALKDIR/go-build, gives go its homes and caches in WALKDIR/go-env (the Go lab's
 * environment, golab_env(): no network, nothing in the user's home), builds there and looks
 * at the program. Nothing is written outside walkdir. It returns 1 when the condition holds,
 * 0 when it does not (a failed go build is such a result), and -1 when it cannot be decided:
 * no go command, an argument that may not be given, or no empty-root run possible here. *fact gets one line, in the user's
 * language, without a final newline: what holds, the fact as the walk saw it, or why nothing
 * was decided (without go: how to get it, on Debian the package golang-go). The caller frees
 * *fact. Thread-safe as proc_run() is; it blocks for the go build (minutes at most).
 */
#ifndef CSTAGES_EXERCISE_GO_H
#define CSTAGES_EXERCISE_GO_H

#include <stddef.h>

int exercise_go_static(const char *dir, const char *walkdir, char *const *args, size_t n_args,
		       const char *text, char **fact);

/* 1 when exercise_go_static() can build at all: the go command is in PATH. */
int exercise_go_available(void);

#endif
