/* bench-util.c - what the benchmark drivers share: number options, a
 * monotonic clock and nearest-rank percentiles. */
#include <config.h>

#include "bench-util.h"
#include "../util/die.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

unsigned
bench_number(const char *opt, const char *arg, unsigned min, unsigned max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || *arg == '-' || v < min || v > max)
		usage_error("invalid --%s '%s': expected a number from %u to %u",
			    opt, arg, min, max);
	return (unsigned)v;
}

double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest rank: the ceil(pct * n / 100)-th smallest of @sorted (n > 0). */
double
bench_percentile(const double *sorted, size_t n, unsigned pct)
{
	size_t rank = (pct * n + 99) / 100;

	if (rank < 1)
		rank = 1;
	return sorted[rank - 1];
}
