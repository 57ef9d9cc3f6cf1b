/* const-section: which section of the object file the assembler puts a table in, decided by
 * what the compiler knows of it; what `const` changes there, and what it asks of every
 * declaration of the table. */
#include <stdio.h>

#include "primes.h"

int primes[NPRIMES] = { 2, 3, 5, 7, 11 };

int main(void)
{
	printf("sum of the first %d primes = %d\n", NPRIMES, sum_primes());
	return 0;
}
