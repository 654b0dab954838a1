/* xc-status.h - how wrapper errors become library errors (one table). */
#ifndef KB_XC_STATUS_H
#define KB_XC_STATUS_H

#include "kb-private.h"
#include "../xapian-c/xc.h"

/* The kb status for a wrapper status. */
kb_status_t kb_status_from_xc(xc_status code);

/* Fill @err with the mapped status and "<formatted context>: <Xapian's
 * message>", and return the status. */
kb_status_t kb_fail_xc(kb_error_t *err, const xc_error *xe, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));

#endif
