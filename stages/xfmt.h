/* xfmt: printf into a string of its own.
 *
 * Contract: xfmt() formats as printf does into newly allocated memory that the caller frees;
 * NULL when memory runs out. No state: safe from any thread. The stages build their messages
 * and explanations with it.
 */
#ifndef CSTAGES_XFMT_H
#define CSTAGES_XFMT_H

char *xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
