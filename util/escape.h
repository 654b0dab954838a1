/* escape.h - turning text into what one output format can carry safely.
 *
 * One function per target, each appending to a kb_buf (whose error is
 * sticky: check buf_failed() once at the end).  Input is bytes with a
 * length, meant to be UTF-8.  Valid UTF-8 passes through unchanged except
 * where the target needs an escape; each byte of an invalid sequence
 * becomes U+FFFD, so the output is always valid UTF-8 whatever the input.
 */
#ifndef KB_ESCAPE_H
#define KB_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* A JSON string, quotes included (RFC 8259).  Escaped: '"', '\\', every
 * control character U+0000-U+001F (\b \f \n \r \t, else \u00XX), DEL,
 * and U+2028/U+2029 so that the output is also a valid JavaScript
 * literal. */
void json_string(kb_buf *b, const char *s, size_t len);

/* Text for a terminal: tab, LF, VT, FF and CR become a space, so a field
 * stays on one line; every other control character (C0, DEL, C1) becomes
 * U+FFFD, so text from a corpus cannot move the cursor or start an escape
 * sequence. */
void term_text(kb_buf *b, const char *s, size_t len);

/* Text for an HTML element: '&', '<' and '>' become character
 * references ('"' and '\'' need none there).  Control characters other
 * than tab, LF and CR (C0, DEL, C1) are not allowed in an HTML document
 * and become U+FFFD, as does each byte of an invalid sequence. */
void html_text(kb_buf *b, const char *s, size_t len);

/* The value of an HTML attribute written between double quotes: as
 * html_text, and '"' and '\'' become &quot; and &#39;, so the value
 * cannot end the attribute whichever quote the markup uses. */
void html_attr(kb_buf *b, const char *s, size_t len);

/* A value for a URL's query string, as a browser encodes a form sent with
 * GET (application/x-www-form-urlencoded): ASCII letters, digits and
 * "-._~" stay, a space becomes '+', every other byte %XX (uppercase hex).
 * The output is ASCII, so it is also safe in an HTML attribute.  Each byte
 * of an invalid sequence is encoded as U+FFFD (%EF%BF%BD). */
void url_encode(kb_buf *b, const char *s, size_t len);

#endif
