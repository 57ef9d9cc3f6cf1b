/* stats.c: the definitions stats.h declares. */
#include "stats.h"

double mean(const double *v, int n)
{
	double sum = 0.0;
	for (int i = 0; i < n; i++)
		sum += v[i];
	return n > 0 ? sum / n : 0.0;
}
