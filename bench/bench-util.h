/* bench-util.h - what the benchmark drivers share. */
#ifndef KB_BENCH_UTIL_H
#define KB_BENCH_UTIL_H

#include <stddef.h>

/* @arg as a number in [min, max], or a usage error naming --@opt. */
unsigned bench_number(const char *opt, const char *arg, unsigned min,
		      unsigned max);

/* Milliseconds on the monotonic clock. */
double bench_now_ms(void);

/* qsort comparison of doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);

/* Nearest rank: the ceil(pct * n / 100)-th smallest of @sorted (n > 0). */
double bench_percentile(const double *sorted, size_t n, unsigned pct);

#endif
