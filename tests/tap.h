/* tap.h - the Test Anything Protocol for the C unit tests, in a header.
 *
 * Each test program calls ok()/is_int()/is_str() and ends with
 * `return done_testing();`, which prints the plan and returns the exit
 * status (non-zero when any check failed). */
#ifndef KB_TAP_H
#define KB_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run_, tap_failed_;

__attribute__((format(printf, 2, 3), unused)) static int
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_run_++;
	if (!cond)
		tap_failed_++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run_);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

__attribute__((format(printf, 1, 2), unused)) static void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

#define is_int(got, want, ...) \
	tap_is_int_((long long)(got), (long long)(want), __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str_((got), (want), __VA_ARGS__)

__attribute__((format(printf, 3, 4), unused)) static int
tap_is_int_(long long got, long long want, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	if (!ok(got == want, "%s", name))
		diag("got %lld, want %lld", got, want);
	return got == want;
}

__attribute__((format(printf, 3, 4), unused)) static int
tap_is_str_(const char *got, const char *want, const char *fmt, ...)
{
	char name[512];
	va_list ap;
	int same;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	same = got && want ? strcmp(got, want) == 0 : got == want;
	if (!ok(same, "%s", name))
		diag("got '%s', want '%s'", got ? got : "(null)",
		     want ? want : "(null)");
	return same;
}

__attribute__((unused)) static int
done_testing(void)
{
	printf("1..%d\n", tap_run_);
	return tap_failed_ ? 1 : 0;
}

#endif
