/* json: the walk as one JSON document, for scripts and other programs (`lesson --json`).
 *
 * Contract: json_write_walk() reads a finished walk (walk_is_done) and writes the model as it
 * stands, the same facts the report and the views show: the source and the options; each gcc
 * stage (its argv, how it ended, what it printed, its artifact and size, or why it was not
 * reached); what the .i's linemarkers and the -g compile's .s say; libclang's view of the
 * source and what gcc did with each function and call; the object file (its ELF facts,
 * sections, symbols, relocations and the tools' listings); and each link variant (its link,
 * ELF facts, ldd, the run, the empty-root run, the archive members ld took and the library
 * that resolves each symbol); and, when --compare asked, the two optimisation levels compared
 * function by function (stages/ocompare.h); and stage 5, Run, as the "run" object
 * (json_run.c): each program's relocations filled in, segments, loader trace, process at main
 * and LD_PRELOAD wrapper, or why the stage was not reached. It computes nothing anew but what the report also derives from
 * the model (the source lines a false #if left out). Every key is documented in lesson(1).
 * Text from outside (tool output, file and symbol names) is written as JSON strings; a byte
 * that is not part of well-formed UTF-8 becomes U+FFFD, so the document is valid JSON
 * whatever the tools printed. It runs nothing and keeps no state.
 */
#ifndef CSTAGES_JSON_H
#define CSTAGES_JSON_H

#include <stdio.h>
#include "stages/walk.h"

/* The document's "version": raised only when a key changes meaning or goes away. */
#define JSON_FORMAT_VERSION 4

/* Write w as JSON (indented by two spaces, keys in a fixed order, a final newline) to out
 * and flush it. Returns 0, or -1 with errno set: on a write error (ENOSPC, EPIPE...), when
 * memory runs out (ENOMEM), or when the walk is not finished (EINVAL; nothing is written). */
int json_write_walk(FILE *out, const struct walk *w);

#endif
