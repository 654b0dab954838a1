/* t-encoding.c - UTF-8 validation, BOM, line ends, GB18030 and
 * --encoding conversion: exact output bytes and exact messages. */
#include <config.h>

#include <string.h>

#include "../tap.h"
#include "encoding.h"
#include "../../util/utf8.h"

/* enc_utf8_valid_prefix: where the first ill-formed sequence starts. */
static const struct {
	const char *what;
	const char *in;
	size_t valid;
} valid_cases[] = {
	{ "ASCII", "abc", 3 },
	{ "two CJK characters", "\xE5\x8C\xBB\xE4\xBF\x9D", 6 },
	{ "four-byte emoji", "\xF0\x9F\x98\x80", 4 },
	{ "overlong two-byte '/'", "\xC0\xAF", 0 },
	{ "overlong two-byte U+007F", "a\xC1\xBF", 1 },
	{ "overlong three-byte", "\xE0\x80\xAF", 0 },
	{ "overlong four-byte", "\xF0\x80\x80\xAF", 0 },
	{ "surrogate U+D800", "xx\xED\xA0\x80", 2 },
	{ "surrogate U+DFFF", "\xED\xBF\xBF", 0 },
	{ "U+D7FF is fine", "\xED\x9F\xBF", 3 },
	{ "U+10FFFF is fine", "\xF4\x8F\xBF\xBF", 4 },
	{ "past U+10FFFF", "\xF4\x90\x80\x80", 0 },
	{ "lead byte F5", "\xF5\x80\x80\x80", 0 },
	{ "truncated at the end", "ab\xE5\x8C", 2 },
	{ "truncated lead alone", "\xE5\x8C\xBB" "a\xE5", 4 },
	{ "stray continuation", "\x80", 0 },
	{ "bad continuation", "\xE5\x8C\x41", 0 },
	{ "lead byte FF", "ok\xFF", 2 },
};

/* enc_to_utf8: input (with length, as it may hold NUL), encoding, and
 * either the exact output or the exact status and message. */
#define IN(s) s, sizeof(s) - 1
static const struct {
	const char *what;
	const char *in;
	size_t len;
	const char *encoding;
	kb_status_t status;
	const char *out; /* output, or message when status != KB_OK */
} conv_cases[] = {
	{ "ASCII as it is", IN("abc"), NULL, KB_OK, "abc" },
	{ "empty input", IN(""), NULL, KB_OK, "" },
	{ "UTF-8 as it is", IN("\xE5\x8C\xBB\xE4\xBF\x9D"), NULL, KB_OK,
	  "医保" },
	{ "BOM dropped", IN("\xEF\xBB\xBF" "abc"), NULL, KB_OK, "abc" },
	{ "BOM alone", IN("\xEF\xBB\xBF"), NULL, KB_OK, "" },
	{ "only a leading BOM is dropped", IN("a\xEF\xBB\xBF"), NULL, KB_OK,
	  "a\xEF\xBB\xBF" },
	{ "CRLF to LF", IN("a\r\nb\r\n"), NULL, KB_OK, "a\nb\n" },
	{ "lone CR to LF", IN("a\rb\r"), NULL, KB_OK, "a\nb\n" },
	{ "CR CR LF is two line ends", IN("a\r\r\nb"), NULL, KB_OK,
	  "a\n\nb" },
	{ "BOM and CRLF", IN("\xEF\xBB\xBF" "x\r\n"), NULL, KB_OK, "x\n" },
	{ "GB18030 two-byte", IN("\xD2\xBD\xB1\xA3"), NULL, KB_OK, "医保" },
	{ "GB18030 four-byte", IN("\x94\x39\xFC\x36"), NULL, KB_OK,
	  "\xF0\x9F\x98\x80" },
	{ "GB18030 with CRLF", IN("\xD2\xBD\r\n\xB1\xA3\r"), NULL, KB_OK,
	  "医\n保\n" },
	{ "GB18030 BOM dropped", IN("\x84\x31\x95\x33\xD2\xBD"), NULL, KB_OK,
	  "医" },
	{ "overlong that is also GBK", IN("\xC0\xAF"), NULL, KB_OK, "蜡" },
	{ "neither UTF-8 nor GB18030", IN("ok\n\x80"), NULL, KB_ERR_ENCODING,
	  "'t.txt': byte 3: invalid UTF-8 and not GB18030" },
	{ "overlong then garbage", IN("ab\xC0\xAF\xFF"), NULL,
	  KB_ERR_ENCODING,
	  "'t.txt': byte 2: invalid UTF-8 and not GB18030" },
	{ "surrogate is not GB18030 either", IN("\xED\xA0\x80"), NULL,
	  KB_ERR_ENCODING,
	  "'t.txt': byte 0: invalid UTF-8 and not GB18030" },
	{ "GB18030 cut short", IN("\xD2\xBD\xB1"), NULL, KB_ERR_ENCODING,
	  "'t.txt': byte 2: invalid UTF-8 and not GB18030" },
	{ "UTF-8 cut short, then garbage", IN("abc\xE5\x8C\xBB\xE5\xFF"), NULL,
	  KB_ERR_ENCODING,
	  "'t.txt': byte 6: invalid UTF-8 and not GB18030" },
	{ "cut-short UTF-8 that is GB18030", IN("abc\xE5\x8C"), NULL, KB_OK,
	  "abc\xE9\x8D\x96" },
	{ "explicit BIG5", IN("\xC2\xE5\xAB\x4F"), "BIG5", KB_OK, "醫保" },
	{ "explicit BIG5 with CRLF", IN("\xC2\xE5\r\n"), "BIG5", KB_OK,
	  "醫\n" },
	{ "explicit BIG5, bad byte", IN("\xC2\xE5\xAB\x4F\xFF\x41"), "BIG5",
	  KB_ERR_ENCODING, "'t.txt': byte 4: invalid BIG5" },
	{ "explicit BIG5, cut short", IN("\xC2\xE5\xC2"), "BIG5",
	  KB_ERR_ENCODING, "'t.txt': byte 2: invalid BIG5" },
	{ "explicit GBK", IN("\xD2\xBD\xB1\xA3"), "GBK", KB_OK, "医保" },
	{ "explicit GB18030", IN("\xD2\xBD\xB1\xA3"), "GB18030", KB_OK,
	  "医保" },
	{ "explicit encoding, valid UTF-8 kept", IN("\xE5\x8C\xBB"), "BIG5",
	  KB_OK, "医" },
	{ "unknown encoding", IN("abc"), "NO-SUCH-ENCODING",
	  KB_ERR_INVALID_ARG, "unknown encoding 'NO-SUCH-ENCODING'" },
	{ "eight UTF-8 CJK characters, then GB18030: mixed",
	  IN("\xE5\x8C\xBB\xE4\xBF\x9D\xE5\x8C\xBB\xE4\xBF\x9D"
	     "\xE5\x8C\xBB\xE4\xBF\x9D\xE5\x8C\xBB\xE4\xBF\x9D\xD2\xBD\xB1\xA3"),
	  NULL, KB_ERR_ENCODING,
	  "'t.txt': byte 26: invalid UTF-8 after UTF-8 text (mixed encodings)" },
	{ "six UTF-8 CJK characters, then GB18030: read as GB18030",
	  IN("\xE5\x8C\xBB\xE4\xBF\x9D\xE5\x8C\xBB\xE4\xBF\x9D"
	     "\xE5\x8C\xBB\xE4\xBF\x9D\xD2\xBD\xB1\xA3"),
	  NULL, KB_OK, "鍖讳繚鍖讳繚鍖讳繚医保" },
	{ "mixed, but with an explicit encoding: converted",
	  IN("\xE5\x8C\xBB\xE4\xBF\x9D\xE5\x8C\xBB\xE4\xBF\x9D"
	     "\xE5\x8C\xBB\xE4\xBF\x9D\xE5\x8C\xBB\xE4\xBF\x9D\xD2\xBD\xB1\xA3"),
	  "GB18030", KB_OK, "鍖讳繚鍖讳繚鍖讳繚鍖讳繚医保" },
	{ "NUL byte", IN("ab\0c"), NULL, KB_ERR_ENCODING,
	  "'t.txt': byte 2: NUL byte" },
	{ "NUL byte with an encoding", IN("\xC2\xE5\0"), "BIG5",
	  KB_ERR_ENCODING, "'t.txt': byte 2: NUL byte" },
};

/* utf8_clip: where text may be cut without splitting a character. */
static const struct {
	const char *what;
	const char *in;
	size_t max, clip;
} clip_cases[] = {
	{ "ASCII", "abc", 2, 2 },
	{ "at a boundary", "医保", 3, 3 },
	{ "inside the second character", "医保", 5, 3 },
	{ "inside the first character", "医保", 2, 0 },
	{ "all of it", "医保", 6, 6 },
	{ "inside a four-byte character", "a\xF0\x9F\x98\x80", 4, 1 },
	{ "the NUL ends it", "ab", 10, 2 },
};

int
main(void)
{
	kb_buf out = KB_BUF_INIT;
	size_t i;

	for (i = 0; i < KB_ARRAY_SIZE(valid_cases); i++)
		is_int(enc_utf8_valid_prefix(valid_cases[i].in,
					     strlen(valid_cases[i].in)),
		       valid_cases[i].valid, "valid prefix: %s",
		       valid_cases[i].what);

	for (i = 0; i < KB_ARRAY_SIZE(clip_cases); i++)
		is_int(utf8_clip(clip_cases[i].in, clip_cases[i].max),
		       clip_cases[i].clip, "clip: %s", clip_cases[i].what);

	for (i = 0; i < KB_ARRAY_SIZE(conv_cases); i++) {
		kb_error_t err = { KB_OK, "" };
		kb_status_t st;

		buf_addstr(&out, "stale");
		st = enc_to_utf8(conv_cases[i].in, conv_cases[i].len,
				 conv_cases[i].encoding, "t.txt", &out, &err);
		is_int(st, conv_cases[i].status, "status: %s",
		       conv_cases[i].what);
		if (conv_cases[i].status == KB_OK) {
			is_str(out.buf, conv_cases[i].out, "output: %s",
			       conv_cases[i].what);
			is_int(out.len, strlen(conv_cases[i].out),
			       "length: %s", conv_cases[i].what);
		} else {
			is_str(err.msg, conv_cases[i].out, "message: %s",
			       conv_cases[i].what);
			is_int(err.code, conv_cases[i].status,
			       "error code: %s", conv_cases[i].what);
		}
	}

	/* the output cap */
	{
		kb_buf small;
		kb_error_t err = { KB_OK, "" };

		buf_init(&small, 4);
		is_int(enc_to_utf8("\xD2\xBD\xB1\xA3", 4, NULL, "t.txt",
				   &small, &err),
		       KB_ERR_INVALID_ARG, "conversion past the cap fails");
		is_str(err.msg, "the decoded text is too large",
		       "message for the cap");
		buf_release(&small);
	}

	/* text helpers */
	{
		const char *s = " \t\xE3\x80\x80医 保\xC2\xA0 ";
		size_t a = 0, b = strlen(s);

		enc_trim(s, &a, &b);
		is_int(a, 5, "trim skips ASCII space, tab and U+3000");
		is_int(b - a, 7, "trim drops U+00A0 and space at the end");
		is_int(enc_utf8_chars("医保ab", 8), 4, "characters counted");
	}

	buf_release(&out);
	return done_testing();
}
