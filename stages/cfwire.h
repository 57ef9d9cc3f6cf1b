/* cfwire: libclang's facts (struct cfacts) as bytes, and libclang's parse in a child process
 * that sends them back that way.
 *
 * Contract: libclang is ~100 MB of shared objects whose relocations and page faults would
 * land in the walkthrough's own process (memory, and contention with the first frame), so
 * the parse runs in a child: `lesson --internal-cfacts SRC [ARGS...]` calls
 * cfwire_child_main(), which parses with cfacts_parse() and writes the facts with
 * cfwire_write() on its stdout; cfwire_parse_child() starts it with proc_run() and reads
 * them back with cfwire_read(). Only this program's own binary reads what it wrote, so the
 * format has no compatibility promise beyond its version number: change the layout, bump
 * CFWIRE_VERSION.
 *
 * The format (every integer little-endian):
 *   header   8 bytes of magic "\x89" "cfw\r\n\x1a\n", then u32 version
 *   string   u32 length, 0xffffffff for NULL, then that many bytes (no NUL among them)
 *   int      i32 (every int and enum; enums are range-checked on reading)
 *   unsigned u32;  long, size_t: i64, u64;  char: u8;  double: the u64 of its bits
 *   facts    string main_file, int pic, double parse_ms, then the arrays defs, exps, funcs,
 *            vars, calls, strings, diags (each diag with its fixits): each array a 4-byte
 *            tag ("defs", "exps", "func", "vars", "call", "strs", "diag", "fixs"), a u64
 *            count and its elements, every field in the order struct cfacts declares it;
 *            a place's section and section_opt are strings read back through
 *            cfacts_section_intern(); and last the tag "end."
 * The reader trusts nothing: every count and length is checked against the bytes left
 * before anything is allocated, a macro use's def must index defs (or be -1), and the data
 * must end exactly after "end.".
 *
 * Thread-safe: no global state but what cfacts and proc keep.
 */
#ifndef CSTAGES_CFWIRE_H
#define CSTAGES_CFWIRE_H

#include <stddef.h>
#include <stdio.h>

#include "stages/cfacts.h"

#define CFWIRE_VERSION 2

/* The most bytes of facts cfwire_parse_child() accepts from the child (those of a
 * 100,000-line source of 10,000 functions and 20,000 variables take about 10 MB). */
#define CFWIRE_MAX_BYTES ((size_t)256 << 20)

/* Write cf to f. 0, or -1 when a write failed or a string is too long for the format. */
int cfwire_write(const struct cfacts *cf, FILE *f);

/* Read the len bytes at buf into *out. 0; or -1 with a sentence in err (errlen bytes), and
 * then *out is empty (cfacts_free() on it is harmless). The sections of the places are
 * cfacts' static strings, as cfacts_parse() leaves them. */
int cfwire_read(const char *buf, size_t len, struct cfacts *out, char *err, size_t errlen);

/* Parse src_abs with libclang in a child process: run `EXE --internal-cfacts SRC_ABS
 * [ARGS...]` (exe NULL: this program's own binary, found through /proc/self/exe) with no
 * more than timeout_ms (<= 0: no limit), and read its facts into *cf. The NULL entries of
 * args are left out, as cfacts_parse() does. 0, as from cfacts_parse(); or -1 with a sentence
 * in err (errlen bytes) and *cf empty: the child's own sentence when the parse failed there
 * (libclang missing, an unreadable file), else how it ended (a signal, the time limit, no
 * start, facts it could not read) with the first line of what it said. */
int cfwire_parse_child(struct cfacts *cf, const char *exe, const char *src_abs,
		       const char *const *args, size_t nargs, int timeout_ms, char *err,
		       size_t errlen);

/* The child's side: argv[0] is "--internal-cfacts", argv[1] the source, the rest compiler
 * arguments. Parses and writes the facts on stdout (nothing else goes there), and returns
 * the exit status: 0; 1 with the reason on stderr when the parse or the write failed; 2
 * when no source is given. */
int cfwire_child_main(int argc, char **argv);

#endif
