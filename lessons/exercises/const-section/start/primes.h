/* primes.h: a table of primes, defined in main.c, and its sum, in util.c. */
#ifndef PRIMES_H
#define PRIMES_H

#define NPRIMES 5

extern int primes[NPRIMES];

int sum_primes(void);

#endif
