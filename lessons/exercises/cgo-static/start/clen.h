/* clen: the C half of the cgo program, which main.go calls as C.c_len. */
#ifndef CLEN_H
#define CLEN_H

int c_len(const char *s);

#endif
