/* status.c - status phrases and the one way errors are filled in. */
#include <config.h>

#include "kb-private.h"
#include "xc-status.h"
#include "../util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_phrases[KB_STATUS_LAST] = {
	[KB_OK] = "no error",
	[KB_ERR_NOMEM] = "out of memory",
	[KB_ERR_IO] = "input/output error",
	[KB_ERR_NO_INDEX] = "no index",
	[KB_ERR_INDEX_LOCKED] = "index is locked by another writer",
	[KB_ERR_INDEX_CORRUPT] = "index is damaged",
	[KB_ERR_INDEX_VERSION] = "index was written by another version",
	[KB_ERR_INDEX_MODIFIED] = "index changed while being read",
	[KB_ERR_ENCODING] = "unknown text encoding",
	[KB_ERR_PARSE] = "malformed input",
	[KB_ERR_BAD_QUERY] = "query has nothing to search for",
	[KB_ERR_INVALID_ARG] = "invalid argument",
	[KB_ERR_XAPIAN] = "Xapian error",
	[KB_ERR_INTERNAL] = "internal error",
};

const char *
kb_status_to_string(kb_status_t status)
{
	if ((unsigned)status >= KB_STATUS_LAST || !status_phrases[status])
		return "unknown status";
	return status_phrases[status];
}

const char *
kb_version(void)
{
	return PACKAGE_VERSION;
}

/* A message cut to fit ends at a character boundary: it goes on to
 * terminals and into JSON, which must stay UTF-8. */
static void
status_clip(kb_error_t *err)
{
	size_t len = strnlen(err->msg, sizeof err->msg - 1);

	err->msg[utf8_clip(err->msg, len)] = '\0';
}

kb_status_t
kb_fail(kb_error_t *err, kb_status_t code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	status_clip(err);
	return code;
}

kb_status_t
kb_fail_buf(kb_error_t *err, const kb_buf *b, const char *what)
{
	if (buf_failed(b) == BUF_TOOBIG)
		return kb_fail(err, KB_ERR_INVALID_ARG, "%s is too large", what);
	return kb_fail(err, KB_ERR_NOMEM, "out of memory while building %s",
		       what);
}

kb_status_t
kb_status_from_xc(xc_status code)
{
	switch (code) {
	case XC_OK: return KB_OK;
	case XC_ERR_NOMEM: return KB_ERR_NOMEM;
	case XC_ERR_NOT_FOUND: return KB_ERR_NO_INDEX;
	case XC_ERR_OPENING: return KB_ERR_NO_INDEX;
	case XC_ERR_LOCKED: return KB_ERR_INDEX_LOCKED;
	case XC_ERR_MODIFIED: return KB_ERR_INDEX_MODIFIED;
	case XC_ERR_CORRUPT: return KB_ERR_INDEX_CORRUPT;
	case XC_ERR_VERSION: return KB_ERR_INDEX_VERSION;
	case XC_ERR_QUERY: return KB_ERR_BAD_QUERY;
	case XC_ERR_INVALID: return KB_ERR_INVALID_ARG;
	case XC_ERR_OTHER: return KB_ERR_XAPIAN;
	}
	return KB_ERR_INTERNAL;
}

kb_status_t
kb_fail_xc(kb_error_t *err, const xc_error *xe, const char *fmt, ...)
{
	kb_status_t code = kb_status_from_xc(xe->code);
	va_list ap;
	int n;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	/* the wrapper's message is as long as ours: cut it to what fits;
	 * a damaged index says so before Xapian's detail */
	if (n >= 0 && (size_t)n + 2 < sizeof err->msg) {
		const char *sep = code == KB_ERR_INDEX_CORRUPT
			? ": the index is damaged: "
			: ": ";
		size_t slen = strlen(sep), len;

		if ((size_t)n + slen + 1 < sizeof err->msg) {
			memcpy(err->msg + n, sep, slen);
			len = strnlen(xe->msg, sizeof err->msg - (size_t)n -
				      slen - 1);
			memcpy(err->msg + n + slen, xe->msg, len);
			err->msg[(size_t)n + slen + len] = '\0';
		}
	}
	status_clip(err);
	return code;
}
