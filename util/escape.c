/* escape.c - see escape.h. */
#include <config.h>

#include "escape.h"

#define ESC_REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

size_t
utf8_char_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c < 0xc2) /* continuation byte, or overlong 2-byte lead */
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0;
	if (n == 0 || n > len)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* the second byte's range rules out overlongs, surrogates and
	 * code points past U+10FFFF (RFC 3629 section 4) */
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

static int
esc_is_line_separator(const unsigned char *p, size_t n)
{
	/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
	return n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	       (p[2] == 0xa8 || p[2] == 0xa9);
}

void
json_string(kb_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	const unsigned char *run = p; /* start of bytes copied as they are */
	size_t n;

	buf_grow(b, len + 2);
	buf_addch(b, '"');
	while (p < end) {
		unsigned c = *p;
		const char *esc = NULL;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			p++;
			continue;
		}
		n = c < 0x80 ? 1 : utf8_char_len(p, (size_t)(end - p));
		if (n > 1 && !esc_is_line_separator(p, n)) {
			p += n;
			continue;
		}
		buf_add(b, run, (size_t)(p - run));
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		}
		if (esc)
			buf_addstr(b, esc);
		else if (n == 3) /* U+2028 or U+2029 */
			buf_addf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
		else if (n == 1)
			buf_addf(b, "\\u%04x", c);
		else
			buf_addstr(b, ESC_REPLACEMENT);
		p += n ? n : 1;
		run = p;
	}
	buf_add(b, run, (size_t)(p - run));
	buf_addch(b, '"');
}

void
term_text(kb_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	const unsigned char *run = p;
	size_t n;

	buf_grow(b, len);
	while (p < end) {
		unsigned c = *p;

		if (c >= 0x20 && c < 0x7f) {
			p++;
			continue;
		}
		n = c < 0x80 ? 1 : utf8_char_len(p, (size_t)(end - p));
		/* C1 controls U+0080-U+009F are encoded C2 80 - C2 9F */
		if (n > 1 && !(n == 2 && c == 0xc2 && p[1] < 0xa0)) {
			p += n;
			continue;
		}
		buf_add(b, run, (size_t)(p - run));
		if (c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
		    c == '\r')
			buf_addch(b, ' ');
		else
			buf_addstr(b, ESC_REPLACEMENT);
		p += n ? n : 1;
		run = p;
	}
	buf_add(b, run, (size_t)(p - run));
}
