/* fuzz.h - what the fuzz targets share.
 *
 * Each fuzz-*.c defines LLVMFuzzerTestOneInput() for one entry point that
 * takes untrusted bytes.  Built with --enable-fuzzing it is a libFuzzer
 * program; otherwise replay.c supplies a main() that runs it on every file
 * named on the command line.  A broken invariant calls fz_fail(), which
 * aborts, so libFuzzer and the replay test both see a crash.
 */
#ifndef KB_FUZZ_H
#define KB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "kbsearch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print "fuzz: invariant broken: ..." and abort. */
void fz_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#define FZ_CHECK(cond, ...) \
	do { if (!(cond)) fz_fail(__VA_ARGS__); } while (0)

/* The error contract of the library: a failure (@st != KB_OK) fills @err
 * with the same code and a one-line message with no trailing newline or
 * full stop, short enough not to have been cut; @what names the call in the report. */
void fz_check_error(kb_status_t st, const kb_error_t *err, const char *what);

/* 1 when @len bytes at @s are well-formed UTF-8 with no NUL. */
int fz_utf8(const char *s, size_t len);

/* A scratch folder for this process (removed at exit), and a file in it
 * rewritten with @len bytes of @data; returns the file's path, which
 * stays valid for the process. */
const char *fz_scratch_file(const char *name, const uint8_t *data,
			    size_t len);
const char *fz_scratch_dir(void);

#endif
