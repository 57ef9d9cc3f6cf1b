/* emptyroot: run a program alone in an empty root directory, as a container image that holds
 * nothing but the program would: no dynamic loader, no libraries, no /etc.
 *
 * Contract: emptyroot_run() makes DIR/root-LABEL, copies DIR/EXE into it, and runs
 * `unshare -r chroot root-LABEL /EXE` from DIR (a user namespace needs no privilege); where
 * that is refused and we are root, plain `chroot`. It returns 1 when the program was run
 * (*r says how it ended; the caller frees it with proc_result_free), or 0 when it could not
 * be tried, with *note set to a sentence saying why, in the user's language (the caller
 * frees it). emptyroot_run_en() does the same and sets *note_en to that sentence in English,
 * whatever the locale (for the JSON; the caller frees it too).
 */
#ifndef CSTAGES_EMPTYROOT_H
#define CSTAGES_EMPTYROOT_H

#include <stddef.h>
#include "stages/proc.h"

int emptyroot_run(const char *dir, const char *exe, const char *label, int timeout_ms,
		  size_t out_cap, struct proc_result *r, char **note);
int emptyroot_run_en(const char *dir, const char *exe, const char *label, int timeout_ms,
		     size_t out_cap, struct proc_result *r, char **note, char **note_en);

/* emptyroot_run_en() with arguments after the program's name (args[0..n_args), each one
 * argument) and stdin_path as its standard input (NULL: /dev/null): the file is opened
 * before unshare and chroot run, which pass the open descriptor on, so it is read though
 * it lies outside the root. */
int emptyroot_run_args(const char *dir, const char *exe, const char *label, char *const *args,
		       size_t n_args, const char *stdin_path, int timeout_ms, size_t out_cap,
		       struct proc_result *r, char **note, char **note_en);

/* Copy the file from to the new file to (mode bits mode); 0, or -1 with errno set. */
int emptyroot_copy(const char *from, const char *to, unsigned mode);

#endif
