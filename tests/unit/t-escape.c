/* t-escape.c - JSON, terminal, HTML and URL escaping: every control character, the
 * quote and backslash, line separators, invalid UTF-8, CJK text. */
#include <config.h>

#include <string.h>

#include "../tap.h"
#include "buf.h"
#include "escape.h"
#include "utf8.h"

#define ESC_COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct esc_case {
	const char *in;
	size_t len; /* bytes of in; strings may hold NUL */
	const char *want;
};

static const struct esc_case json_cases[] = {
	{ "", 0, "\"\"" },
	{ "\0", 1, "\"\\u0000\"" },
	{ "\x01", 1, "\"\\u0001\"" },
	{ "\x02", 1, "\"\\u0002\"" },
	{ "\x03", 1, "\"\\u0003\"" },
	{ "\x04", 1, "\"\\u0004\"" },
	{ "\x05", 1, "\"\\u0005\"" },
	{ "\x06", 1, "\"\\u0006\"" },
	{ "\x07", 1, "\"\\u0007\"" },
	{ "\x08", 1, "\"\\b\"" },
	{ "\x09", 1, "\"\\t\"" },
	{ "\x0a", 1, "\"\\n\"" },
	{ "\x0b", 1, "\"\\u000b\"" },
	{ "\x0c", 1, "\"\\f\"" },
	{ "\x0d", 1, "\"\\r\"" },
	{ "\x0e", 1, "\"\\u000e\"" },
	{ "\x0f", 1, "\"\\u000f\"" },
	{ "\x10", 1, "\"\\u0010\"" },
	{ "\x11", 1, "\"\\u0011\"" },
	{ "\x12", 1, "\"\\u0012\"" },
	{ "\x13", 1, "\"\\u0013\"" },
	{ "\x14", 1, "\"\\u0014\"" },
	{ "\x15", 1, "\"\\u0015\"" },
	{ "\x16", 1, "\"\\u0016\"" },
	{ "\x17", 1, "\"\\u0017\"" },
	{ "\x18", 1, "\"\\u0018\"" },
	{ "\x19", 1, "\"\\u0019\"" },
	{ "\x1a", 1, "\"\\u001a\"" },
	{ "\x1b", 1, "\"\\u001b\"" },
	{ "\x1c", 1, "\"\\u001c\"" },
	{ "\x1d", 1, "\"\\u001d\"" },
	{ "\x1e", 1, "\"\\u001e\"" },
	{ "\x1f", 1, "\"\\u001f\"" },
	{ "\"", 1, "\"\\\"\"" },
	{ "\\", 1, "\"\\\\\"" },
	{ "/", 1, "\"/\"" },
	{ "\x7f", 1, "\"\\u007f\"" },
	{ "a b~", 4, "\"a b~\"" },
	/* CJK and other valid UTF-8 pass through as bytes */
	{ "医保报销比例70%", 21, "\"医保报销比例70%\"" },
	{ "é😀", 6, "\"é😀\"" },
	/* U+2028 and U+2029 end a line in JavaScript */
	{ "a\xe2\x80\xa8" "b", 5, "\"a\\u2028b\"" },
	{ "\xe2\x80\xa9", 3, "\"\\u2029\"" },
	{ "\xe2\x80\xaa", 3, "\"\xe2\x80\xaa\"" },
	/* C1 controls are valid JSON as they are */
	{ "\xc2\x85", 2, "\"\xc2\x85\"" },
	/* each byte of an invalid sequence becomes U+FFFD */
	{ "\xff", 1, "\"\xef\xbf\xbd\"" },
	{ "a\x80" "b", 3, "\"a\xef\xbf\xbd" "b\"" },
	{ "\xe5\x8c", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xe5\x8c\"", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\\\"\"" },
	{ "\xc0\xaf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\"" },       /* overlong */
	{ "\xed\xa0\x80", 3,                                      /* surrogate */
	  "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xf4\x90\x80\x80", 4,                                  /* > U+10FFFF */
	  "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	/* GB18030 bytes of 医保: D2 BD happens to be valid UTF-8 (U+04BD) */
	{ "\xd2\xbd\xb1\xa3", 4,
	  "\"\xd2\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
};

static const struct esc_case term_cases[] = {
	{ "", 0, "" },
	{ "医保 ok", 9, "医保 ok" },
	{ "a\tb\nc\rd\ve\ff", 11, "a b c d e f" },
	{ "\x1b[31mred", 8, "\xef\xbf\xbd[31mred" },
	{ "\0\x07\x7f", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	/* C1: U+009B is a CSI to some terminals */
	{ "\xc2\x9b" "2J", 4, "\xef\xbf\xbd" "2J" },
	{ "\xc2\xa0", 2, "\xc2\xa0" },
	{ "\"\\", 2, "\"\\" },
	{ "\xe2\x80\xa8", 3, "\xe2\x80\xa8" },
	{ "\xe5\x8c", 2, "\xef\xbf\xbd\xef\xbf\xbd" },
};

static const struct esc_case html_text_cases[] = {
	{ "", 0, "" },
	{ "医保 ok", 9, "医保 ok" },
	{ "a&b<c>d", 7, "a&amp;b&lt;c&gt;d" },
	{ "<script>alert(1)</script>", 25,
	  "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ "</title>", 8, "&lt;/title&gt;" },
	/* quotes need no escape in element text */
	{ "\"'", 2, "\"'" },
	{ "javascript:x", 12, "javascript:x" },
	{ "&amp;", 5, "&amp;amp;" },
	{ "a\tb\nc\rd", 7, "a\tb\nc\rd" },
	{ "\0\x01\x0b\x0c\x1b\x7f", 6,
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	  "\xef\xbf\xbd" },
	{ "\xc2\x85\xc2\x9f\xc2\xa0", 6, "\xef\xbf\xbd\xef\xbf\xbd\xc2\xa0" },
	{ "\xe2\x80\xa8", 3, "\xe2\x80\xa8" },
	{ "\xff<", 2, "\xef\xbf\xbd&lt;" },
	/* a cut character: each byte, and what follows is still escaped */
	{ "\xe5\x8c<", 3, "\xef\xbf\xbd\xef\xbf\xbd&lt;" },
	{ "\xc0\xbc", 2, "\xef\xbf\xbd\xef\xbf\xbd" },  /* overlong '<' */
};

static const struct esc_case html_attr_cases[] = {
	{ "", 0, "" },
	{ "a&b<c>d", 7, "a&amp;b&lt;c&gt;d" },
	{ "\" onmouseover=\"x", 16, "&quot; onmouseover=&quot;x" },
	{ "' autofocus '", 13, "&#39; autofocus &#39;" },
	{ "\"><script>", 10, "&quot;&gt;&lt;script&gt;" },
	{ "江西省", 9, "江西省" },
	{ "\x1b\xc2\x9b", 3, "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "\xe5\x8c\"", 3, "\xef\xbf\xbd\xef\xbf\xbd&quot;" },
};

static const struct esc_case url_cases[] = {
	{ "", 0, "" },
	{ "AZaz09-._~", 10, "AZaz09-._~" },
	{ "a b", 3, "a+b" },
	{ "+&=#%?/;:", 9, "%2B%26%3D%23%25%3F%2F%3B%3A" },
	{ "region:江西", 13, "region%3A%E6%B1%9F%E8%A5%BF" },
	{ "\"'<>", 4, "%22%27%3C%3E" },
	{ "javascript:alert(1)", 19, "javascript%3Aalert%281%29" },
	{ "\0\n\x7f", 3, "%00%0A%7F" },
	{ "\xff", 1, "%EF%BF%BD" },
	{ "\xe5\x8c", 2, "%EF%BF%BD%EF%BF%BD" },
	{ "\xf0\x9f\x98\x80", 4, "%F0%9F%98%80" },
};

static const struct {
	const char *in;
	size_t len;
	size_t want;
} len_cases[] = {
	{ "a", 1, 1 },
	{ "\xc2\x80", 2, 2 },
	{ "\xc1\xbf", 2, 0 },
	{ "\xe5\x8c\xbb", 3, 3 },
	{ "\xe5\x8c\xbb", 2, 0 },
	{ "\xe0\x9f\xbf", 3, 0 },
	{ "\xef\xbf\xbf", 3, 3 },
	{ "\xf0\x9f\x98\x80", 4, 4 },
	{ "\xf4\x8f\xbf\xbf", 4, 4 },
	{ "\xf5\x80\x80\x80", 4, 0 },
	{ "\x80", 1, 0 },
};

int
main(void)
{
	kb_buf b = KB_BUF_INIT;
	size_t i;

	for (i = 0; i < ESC_COUNT(json_cases); i++) {
		buf_reset(&b);
		json_string(&b, json_cases[i].in, json_cases[i].len);
		is_str(b.buf, json_cases[i].want, "json_string case %zu", i);
	}
	for (i = 0; i < ESC_COUNT(term_cases); i++) {
		buf_reset(&b);
		term_text(&b, term_cases[i].in, term_cases[i].len);
		is_str(b.buf, term_cases[i].want, "term_text case %zu", i);
	}
	for (i = 0; i < ESC_COUNT(html_text_cases); i++) {
		buf_reset(&b);
		html_text(&b, html_text_cases[i].in, html_text_cases[i].len);
		is_str(b.buf, html_text_cases[i].want, "html_text case %zu", i);
	}
	for (i = 0; i < ESC_COUNT(html_attr_cases); i++) {
		buf_reset(&b);
		html_attr(&b, html_attr_cases[i].in, html_attr_cases[i].len);
		is_str(b.buf, html_attr_cases[i].want, "html_attr case %zu", i);
	}
	for (i = 0; i < ESC_COUNT(url_cases); i++) {
		buf_reset(&b);
		url_encode(&b, url_cases[i].in, url_cases[i].len);
		is_str(b.buf, url_cases[i].want, "url_encode case %zu", i);
	}
	/* every byte on its own: the only bytes html_attr keeps are those
	 * that cannot end an attribute or start markup */
	for (i = 0; i < 0x80; i++) {
		char c = (char)i;
		int kept;

		buf_reset(&b);
		html_attr(&b, &c, 1);
		kept = b.len == 1 && b.buf[0] == c;
		if (kept != ((i >= 0x20 && i < 0x7f && !strchr("&<>\"'", c)) ||
			     i == '\t' || i == '\n' || i == '\r'))
			break;
	}
	is_int(i, 0x80, "html_attr keeps exactly the safe ASCII bytes");
	for (i = 0; i < 0x100; i++) {
		char c = (char)i;

		buf_reset(&b);
		url_encode(&b, &c, 1);
		if (strspn(b.buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
			   "rstuvwxyz0123456789-._~+%") != b.len)
			break;
	}
	is_int(i, 0x100, "url_encode writes only URL-safe ASCII");
	for (i = 0; i < ESC_COUNT(len_cases); i++) {
		int32_t cp;

		is_int(utf8_decode((const unsigned char *)len_cases[i].in,
				   len_cases[i].len, &cp),
		       len_cases[i].want, "utf8_decode case %zu", i);
	}

	/* appends keep what is there; a capped buffer fails, sticky */
	buf_reset(&b);
	buf_addstr(&b, "x=");
	json_string(&b, "a", 1);
	is_str(b.buf, "x=\"a\"", "json_string appends");
	buf_release(&b);
	buf_init(&b, 4);
	json_string(&b, "医保", 6);
	is_int(buf_failed(&b), BUF_TOOBIG, "json_string respects the cap");
	buf_release(&b);
	return done_testing();
}
