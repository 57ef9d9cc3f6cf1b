/* stats: small statistics, defined in stats.c. */
#ifndef STATS_H
#define STATS_H

double mean(const double *v, int n);

#endif
