/* files: a file read whole, and the name a source's artifacts take.
 *
 * Contract: files_slurp() is the one way the engine, the lessons and the writers read a
 * whole file (a .i, a .s, a link map, a lesson, the source again): into one allocation of the
 * file's size when it is known, NUL-terminated, with one error rule: NULL and errno set (the
 * open's or the read's errno, EIO when a read failed without one, ENOMEM, or EFBIG for a file
 * over the caller's bound). files_base() is the one rule that names artifacts after a source
 * (walk's hello.o from hello.c, libbuild's lib/util.o from util.c); files_abs_name() the one
 * name gcc is given for a source. No global state: safe from any thread.
 */
#ifndef CSTAGES_FILES_H
#define CSTAGES_FILES_H

#include <stddef.h>

/* Read the file at path into new memory that the caller frees: *len bytes (NUL bytes
 * included), then a NUL. max bounds what is read, 0 for no bound: a file longer than max
 * fails with EFBIG, unless cut is given, which then gets 1 and the first max bytes are
 * returned (cut gets 0 otherwise). NULL with errno set on failure; *len is then 0. */
char *files_slurp(const char *path, size_t max, size_t *len, int *cut);

/* The base name of the artifacts made from source src: its file name without the directory
 * and a final ".c", every byte but letters, digits and "_-.+" made '_', and a '_' in front of
 * a name that is empty or starts with '-' or '.' (so that gcc and a learner copying a command
 * never take it for an option or a hidden file): "dir/hello.c" -> "hello", "-x.c" -> "_-x",
 * "a b.c" -> "a_b". New memory that the caller frees; NULL when memory runs out. */
char *files_base(const char *src);

/* The absolute name of source src as the learner named it, for gcc and libclang: its
 * directory resolved (realpath), its own file name kept, so that a symbolic link
 * "link.c -> notes.txt" is still link.c to gcc (which chooses the language from the name)
 * and its "" includes are looked for beside the link, as `gcc link.c` by hand does. New
 * memory that the caller frees; NULL with errno set when the directory cannot be resolved or
 * memory runs out. */
char *files_abs_name(const char *src);

#endif
