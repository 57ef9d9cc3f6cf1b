/* exercise_int: what the exercise modules share, and no one else reads.
 *
 * Contract: exercise_words() splits a line of a build file or of a ```check block into
 * arguments as lesson(1) EXERCISES says: on blanks, a double-quoted value one argument
 * (quotes removed, \" and \\ inside it taken as " and \), a '#' outside quotes and at the
 * start of a word starting a comment. exercise_cond_parse() reads one condition line;
 * exercise_build_parse() a whole build file. Errors are one sentence naming the file and the
 * line, in the user's language. exercise_tidy() makes a tool's line readable for a learner:
 * the exercise directory and the walk directory are cut from the paths in it, the linker's
 * own name in front ("/usr/bin/ld: ") too. Nothing here draws or keeps global state.
 */
#ifndef CSTAGES_EXERCISE_INT_H
#define CSTAGES_EXERCISE_INT_H

#include <stddef.h>

#include "stages/exercise.h"

/* The argument vector of one line: 0 with *words (NULL-terminated, the caller frees it with
 * exercise_words_free) and *n; -1 with err for an unterminated quote or no memory. */
int exercise_words(const char *line, char ***words, size_t *n, char *err, size_t errlen);
void exercise_words_free(char **words);

enum exercise_cond_kind {
	EXC_COMPILES,
	EXC_NO_WARNING,
	EXC_LINKS,
	EXC_LINK_QUIET,
	EXC_EXITS,
	EXC_PRINTS,
	EXC_EMPTY_ROOT,
	EXC_SYMBOL,
	EXC_EXPORTED,
	EXC_NEEDED,
	EXC_NOT_NEEDED,
	EXC_ELF_TYPE,
	EXC_RUNPATH,
	EXC_BIND_NOW,
	EXC_PRINTS_WITH,
	EXC_GO_STATIC,     /* go-static ["TEXT"]: the go: build, static (stages/exercise_go.h) */
};

enum exercise_sym_state {
	EXS_UNDEFINED, EXS_DEFINED, EXS_ABSENT, EXS_LOCAL, EXS_GLOBAL, EXS_WEAK,
};

/* One line of the ```check block. */
struct exercise_cond {
	enum exercise_cond_kind kind;
	int line;          /* in exercise.md */
	int variant;       /* enum link_kind, for the conditions that name one */
	int num;           /* exits, empty-root: the status */
	char *text;        /* prints, runpath, prints-with: TEXT; no-warning: the option or NULL;
			      needed, not-needed: LIB; elf-type: EXEC or DYN */
	char *object;      /* symbol: FILE.o */
	char *name;        /* symbol, exported: NAME; prints-with: NAME=VALUE */
	int state;         /* symbol: enum exercise_sym_state */
	char *section;     /* symbol ... in SECTION, or NULL */
};

/* Read line (a line of the ```check block, number lineno of file) into *c: 0, or -1 with a
 * sentence in err. */
int exercise_cond_parse(const char *line, const char *file, int lineno, struct exercise_cond *c,
			char *err, size_t errlen);
void exercise_cond_free(struct exercise_cond *c);

/* "symbol", "prints", ...: the condition's keyword (identifiers, never translated). */
const char *exercise_cond_keyword(enum exercise_cond_kind k);

/* One build step of a build file: an archive or a shared library made in the walk
 * directory before the walk. */
enum exercise_step_kind { EXB_ARCHIVE, EXB_SHARED };

struct exercise_step {
	enum exercise_step_kind kind;
	int line;          /* in the build file */
	char *out;         /* libred.a, libgreet.so */
	char **srcs;       /* the sources, relative to the exercise directory */
	size_t n_srcs;
	char **flags;      /* the -flags given after the sources */
	size_t n_flags;
};

/* A build file, read. */
struct exercise_build {
	char **sources;    /* relative to the exercise directory; the first is walked */
	size_t n_sources;
	char **cflags;
	size_t n_cflags;
	char **link;
	size_t n_link;
	struct exercise_step *steps;
	size_t n_steps;
	char **go;         /* go: the arguments of go build (stages/exercise_go.h) */
	size_t n_go;
	int has_go;        /* the file has a go: line */
};

/* Parse text, the content of the build file named file (for messages): 0, or -1 with a
 * sentence naming file and the line in err. An empty file means "sources: main.c". */
int exercise_build_parse(const char *text, const char *file, struct exercise_build *b,
			 char *err, size_t errlen);
void exercise_build_free(struct exercise_build *b);

/* The names of the regular files in dir (not hidden ones), sorted, NULL-terminated (free
 * with exercise_words_free); NULL with errno when dir cannot be read. */
char **exercise_list_files(const char *dir, size_t *n);

/* line made readable (see above): new memory, never NULL but when memory runs out. dir is the
 * exercise directory, walkdir the walk directory; either may be NULL. */
char *exercise_tidy(const char *line, const char *dir, const char *walkdir);

/* The first line of text (len bytes) that says what went wrong: the first that is not the
 * linker's "in function `main':" context nor collect2's summary, tidied; NULL when none. */
char *exercise_first_message(const char *text, size_t len, const char *dir, const char *walkdir);

#endif
