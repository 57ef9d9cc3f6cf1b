/* counter.h: a counter that main.c and util.c share. */
#ifndef COUNTER_H
#define COUNTER_H

static int count;

void bump(void);

#endif
