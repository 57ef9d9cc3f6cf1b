/* util.h: the helpers in util.c. */
#ifndef UTIL_H
#define UTIL_H

double half(int x);

#endif
