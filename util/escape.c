/* escape.c - see escape.h. */
#include <config.h>

#include "escape.h"
#include "utf8.h"

#define ESC_REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */


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
	int32_t cp;

	buf_grow(b, len + 2);
	buf_addch(b, '"');
	while (p < end) {
		unsigned c = *p;
		const char *esc = NULL;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			p++;
			continue;
		}
		n = c < 0x80 ? 1 : utf8_decode(p, (size_t)(end - p), &cp);
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
	int32_t cp;

	buf_grow(b, len);
	while (p < end) {
		unsigned c = *p;

		if (c >= 0x20 && c < 0x7f) {
			p++;
			continue;
		}
		n = c < 0x80 ? 1 : utf8_decode(p, (size_t)(end - p), &cp);
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

/* The markup for byte @c, or NULL when it stands as it is; @attr adds the
 * quotes. */
static const char *
esc_html_ref(unsigned c, int attr)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return attr ? "&quot;" : NULL;
	case '\'': return attr ? "&#39;" : NULL;
	}
	return NULL;
}

static void
esc_html(kb_buf *b, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	const unsigned char *run = p;
	size_t n;
	int32_t cp;

	buf_grow(b, len);
	while (p < end) {
		unsigned c = *p;
		const char *ref = NULL;

		if (c >= 0x80) {
			n = utf8_decode(p, (size_t)(end - p), &cp);
			/* C1 controls U+0080-U+009F are encoded C2 80 - C2 9F */
			if (n > 1 && !(n == 2 && c == 0xc2 && p[1] < 0xa0)) {
				p += n;
				continue;
			}
		} else {
			n = 1;
			ref = esc_html_ref(c, attr);
			if (!ref && ((c >= 0x20 && c < 0x7f) || c == '\t' ||
				     c == '\n' || c == '\r')) {
				p++;
				continue;
			}
		}
		buf_add(b, run, (size_t)(p - run));
		buf_addstr(b, ref ? ref : ESC_REPLACEMENT);
		p += n ? n : 1;
		run = p;
	}
	buf_add(b, run, (size_t)(p - run));
}

void
html_text(kb_buf *b, const char *s, size_t len)
{
	esc_html(b, s, len, 0);
}

void
html_attr(kb_buf *b, const char *s, size_t len)
{
	esc_html(b, s, len, 1);
}

static int
esc_url_unreserved(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

void
url_encode(kb_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	char enc[3] = { '%', 0, 0 };
	size_t n;
	int32_t cp;

	buf_grow(b, len);
	while (p < end) {
		unsigned c = *p;

		if (esc_url_unreserved(c)) {
			buf_addch(b, (int)c);
			p++;
			continue;
		}
		if (c == ' ') {
			buf_addch(b, '+');
			p++;
			continue;
		}
		n = c < 0x80 ? 1 : utf8_decode(p, (size_t)(end - p), &cp);
		if (!n) {
			buf_addstr(b, "%EF%BF%BD");
			p++;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			enc[1] = hex[p[i] >> 4];
			enc[2] = hex[p[i] & 0xf];
			buf_add(b, enc, 3);
		}
		p += n;
	}
}
