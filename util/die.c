/* die.c - see die.h. */
#include <config.h>

#include "die.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *die_prog = PACKAGE_NAME;

void
die_init(const char *prog)
{
	die_prog = prog;
}

const char *
die_program(void)
{
	return die_prog;
}

static void
die_vreport(const char *fmt, va_list ap)
{
	/* stdout may hold results that belong before the message */
	fflush(stdout);
	fprintf(stderr, "%s: ", die_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	die_vreport(fmt, ap);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	die_vreport(fmt, ap);
	va_end(ap);
	exit(DIE_STATUS);
}

void
try_help(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", die_prog);
	exit(DIE_STATUS);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	die_vreport(fmt, ap);
	va_end(ap);
	try_help();
}

void
print_version(void)
{
	printf("%s (%s) %s\n", die_prog, PACKAGE_NAME, PACKAGE_VERSION);
	fputs("Copyright (C) 2026 the kbsearch authors.\n"
	      "License: MIT (see the file COPYING).\n",
	      stdout);
}

void
print_help_footer(void)
{
	printf("\nReport bugs to: <%s>\n", PACKAGE_BUGREPORT);
}

void
close_stdout(void)
{
	int failed = ferror(stdout);
	int saved;

	errno = 0;
	if (fclose(stdout) != 0)
		failed = 1;
	saved = errno;
	if (failed) {
		/* EPIPE: the reader went away; that is its choice, not ours */
		if (saved == EPIPE)
			exit(DIE_STATUS);
		fprintf(stderr, "%s: write error%s%s\n", die_prog,
			saved ? ": " : "", saved ? strerror(saved) : "");
		exit(DIE_STATUS);
	}
}
