/* oracle: the tests' independent witnesses. Runs a shell command line (the toolchain, nm,
 * readelf, ldd) and returns what it printed, so a test compares the engine's record with
 * what the real tools say, never with a value typed into the test.
 */
#ifndef CSTAGES_ORACLE_H
#define CSTAGES_ORACLE_H

#include <stddef.h>

/* Run the printf-formatted command line with sh -c and return its stdout (caller frees);
 * *status gets the exit status when status is not NULL. Never NULL. */
char *oracle_sh(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The number of lines in text. */
size_t oracle_lines(const char *text);

/* Single-quote s for sh (caller frees). */
char *oracle_quote(const char *s);

/* A fresh scratch directory for one test (removed by oracle_cleanup at exit). */
const char *oracle_scratch(void);

/* Write text to DIR/name and return the full path (caller frees). */
char *oracle_write(const char *dir, const char *name, const char *text);

#endif
