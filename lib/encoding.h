/* encoding.h - from file bytes to UTF-8 text with LF line ends. */
#ifndef KB_ENCODING_H
#define KB_ENCODING_H

#include <stddef.h>

#include "kb-private.h"

/* Convert @len bytes read from @name (used in messages) to UTF-8 in @out
 * (which is reset first).  A UTF-8 BOM is dropped; CRLF and lone CR become
 * LF; NUL bytes are refused.  With @encoding NULL, valid UTF-8 is taken as
 * it is and anything else is converted from GB18030 when that decodes it
 * cleanly; with @encoding set, input that is not valid UTF-8 is converted
 * from it with iconv.  Fails with KB_ERR_ENCODING and a message such as
 * "'a.txt': byte 1234: invalid UTF-8 and not GB18030", or
 * KB_ERR_INVALID_ARG for an encoding iconv does not know. */
kb_status_t enc_to_utf8(const char *data, size_t len, const char *encoding,
			const char *name, kb_buf *out, kb_error_t *err);

/* Offset of the first byte that is not valid UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF are invalid), or @len. */
size_t enc_utf8_valid_prefix(const char *data, size_t len);

#endif
