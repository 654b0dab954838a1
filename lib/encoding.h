/* encoding.h - from file bytes to UTF-8 text with LF line ends. */
#ifndef KB_ENCODING_H
#define KB_ENCODING_H

#include <stddef.h>

#include "kb-private.h"

/* The largest input enc_to_utf8() accepts.  Conversion may grow the text
 * (two GB18030 bytes become three UTF-8 bytes), so the output is capped at
 * ENC_MAX_OUTPUT. */
#define ENC_MAX_INPUT ((size_t)1 << 30)
#define ENC_MAX_OUTPUT (ENC_MAX_INPUT / 2 * 3 + 16)

/* Convert @len bytes read from @name (used in messages) to UTF-8 in @out
 * (which is reset first; when it has no cap, ENC_MAX_OUTPUT is set).
 * A UTF-8 BOM (or a leading U+FEFF after conversion) is dropped; CRLF and
 * lone CR become LF; NUL bytes are refused ("'a.txt': byte 7: NUL byte"),
 * so UTF-16 and UTF-32 inputs are not supported.  With @encoding NULL,
 * valid UTF-8 is taken as it is and anything else is converted from
 * GB18030 when that decodes all of it; with @encoding set, input that is
 * not valid UTF-8 is converted from it with iconv.  Fails with
 * KB_ERR_ENCODING and a message such as "'a.txt': byte 1234: invalid UTF-8
 * and not GB18030" (the offset of the first ill-formed UTF-8 sequence) or
 * "'a.txt': byte 9: invalid BIG5" (where iconv stopped); text that starts
 * as UTF-8 (eight CJK characters or more) and goes on in GB18030 is
 * refused as "'a.txt': byte 40: invalid UTF-8 after UTF-8 text (mixed
 * encodings)", KB_ERR_INVALID_ARG
 * for an encoding iconv does not know ("unknown encoding 'X'") or an input
 * over ENC_MAX_INPUT, KB_ERR_NOMEM. */
kb_status_t enc_to_utf8(const char *data, size_t len, const char *encoding,
			const char *name, kb_buf *out, kb_error_t *err);

/* Offset of the first byte of the first ill-formed UTF-8 sequence
 * (overlong forms, surrogates, code points past U+10FFFF, stray
 * continuation bytes and sequences cut short are ill-formed), or @len. */
size_t enc_utf8_valid_prefix(const char *data, size_t len);

/* Text helpers shared by the readers and the passage splitter; they expect
 * valid UTF-8. */

/* Byte length of the white-space character at @s (ASCII space, tab, LF,
 * VT, FF, CR, U+00A0, U+3000), or 0 when @s (of @len bytes) does not start
 * with one. */
size_t enc_space_len(const char *s, size_t len);

/* Byte length of the white-space character ending at @s + @len, or 0. */
size_t enc_space_len_before(const char *s, size_t len);

/* Narrow [*start, *end) of @s so it neither starts nor ends with white
 * space. */
void enc_trim(const char *s, size_t *start, size_t *end);

/* Number of characters (code points) in @len bytes of UTF-8. */
size_t enc_utf8_chars(const char *s, size_t len);

#endif
