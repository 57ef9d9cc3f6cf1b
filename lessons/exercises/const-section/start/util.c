/* util.c: reads the table that main.c defines. */
#include "primes.h"

int sum_primes(void)
{
	int sum = 0;
	for (int i = 0; i < NPRIMES; i++)
		sum += primes[i];
	return sum;
}
