/* kb-private.h - what every file of the library shares and no caller sees. */
#ifndef KB_PRIVATE_H
#define KB_PRIVATE_H

#include "kbsearch.h"
#include "../util/buf.h"

/* Fill @err (when non-NULL) with @code and a formatted message, and return
 * @code, so a failing path reads `return kb_fail(err, KB_ERR_IO, ...)`. */
kb_status_t kb_fail(kb_error_t *err, kb_status_t code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The status for a kb_buf that failed: KB_ERR_NOMEM or KB_ERR_INVALID_ARG
 * (too big), with a message naming @what. */
kb_status_t kb_fail_buf(kb_error_t *err, const kb_buf *b, const char *what);

#define KB_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
