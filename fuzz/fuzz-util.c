/* fuzz-util.c - see fuzz.h. */
#include <config.h>

#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"

void
fz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void
fz_check_error(kb_status_t st, const kb_error_t *err, const char *what)
{
	size_t n;

	if (st == KB_OK)
		return;
	FZ_CHECK(st > KB_OK && st < KB_STATUS_LAST, "%s: status %d out of range",
		 what, (int)st);
	FZ_CHECK(err->code == st, "%s: returned %d, err->code %d", what,
		 (int)st, (int)err->code);
	n = strnlen(err->msg, sizeof err->msg);
	/* a message of the whole buffer was cut short by kb_fail */
	FZ_CHECK(n > 0 && n < sizeof err->msg - 1,
		 "%s: message empty or cut short: '%s'", what, err->msg);
	FZ_CHECK(err->msg[n - 1] != '\n' && err->msg[n - 1] != '.',
		 "%s: message ends with newline or full stop: '%s'", what,
		 err->msg);
	FZ_CHECK(!memchr(err->msg, '\n', n), "%s: message of several lines: '%s'",
		 what, err->msg);
}

int
fz_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		size_t n;

		if (!p[i])
			return 0;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!(n = utf8_decode(p + i, len - i, &cp)))
			return 0;
		i += n;
	}
	return 1;
}

static char scratch[64];

static void
fz_cleanup(void)
{
	char cmd[128];

	if (!scratch[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: cannot remove '%s'\n", scratch);
}

const char *
fz_scratch_dir(void)
{
	const char *tmp;

	if (scratch[0])
		return scratch;
	tmp = getenv("TMPDIR");
	snprintf(scratch, sizeof scratch, "%s/kbfuzz.XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		fprintf(stderr, "fuzz: cannot create '%s': %s\n", scratch,
			strerror(errno));
		exit(2);
	}
	atexit(fz_cleanup);
	return scratch;
}

const char *
fz_scratch_file(const char *name, const uint8_t *data, size_t len)
{
	static char path[128];
	int fd;

	snprintf(path, sizeof path, "%s/%s", fz_scratch_dir(), name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "fuzz: cannot write '%s': %s\n", path,
			strerror(errno));
		exit(2);
	}
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "fuzz: cannot write '%s': %s\n", path,
				strerror(errno));
			exit(2);
		}
		data += n;
		len -= (size_t)n;
	}
	close(fd);
	return path;
}
