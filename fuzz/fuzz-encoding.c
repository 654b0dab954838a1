/* fuzz-encoding.c - encoding detection and conversion (enc_to_utf8).
 *
 * The first byte picks the encoding argument (none: detection, GB18030,
 * BIG5, UTF-8, GBK, or one iconv does not know); the rest is the file.
 *
 * Checks: the error contract, and only the statuses encoding.h names; the
 * output is UTF-8 with no NUL and no CR; valid UTF-8 input
 * with no CR or BOM comes out unchanged; the two UTF-8 validators
 * (enc_utf8_valid_prefix and util/utf8.c) agree; the text helpers stay
 * inside the text.
 */
#include <config.h>

#include "fuzz.h"

#include <string.h>

#include "buf.h"
#include "encoding.h"

static void
check_text(const char *s, size_t len)
{
	size_t start = 0, end = len, chars = 0;

	FZ_CHECK(enc_utf8_valid_prefix(s, len) == len, "output not UTF-8 at "
		 "byte %zu", enc_utf8_valid_prefix(s, len));
	FZ_CHECK(!memchr(s, '\0', len), "output has a NUL");
	FZ_CHECK(!memchr(s, '\r', len), "output has a CR");
	enc_trim(s, &start, &end);
	FZ_CHECK(start <= end && end <= len, "enc_trim gave [%zu, %zu) of %zu",
		 start, end, len);
	FZ_CHECK(start == end || (!enc_space_len(s + start, end - start) &&
				  !enc_space_len_before(s + start, end - start)),
		 "enc_trim left space");
	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)s[i] & 0xc0) != 0x80;
	FZ_CHECK(enc_utf8_chars(s, len) == chars, "enc_utf8_chars %zu, not %zu",
		 enc_utf8_chars(s, len), chars);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = { NULL, "GB18030", "BIG5",
						 "UTF-8", "GBK", "X-NO-SUCH" };
	const char *in = (const char *)data + 1, *enc;
	kb_buf out = KB_BUF_INIT;
	kb_error_t err;
	kb_status_t st;
	size_t len, valid;

	if (!size)
		return 0;
	len = size - 1;
	enc = encodings[data[0] % (sizeof encodings / sizeof *encodings)];

	valid = enc_utf8_valid_prefix(in, len);
	FZ_CHECK(valid <= len, "valid prefix %zu past %zu", valid, len);
	FZ_CHECK(memchr(in, '\0', len) || (valid == len) == fz_utf8(in, len),
		 "enc_utf8_valid_prefix and utf8_decode disagree");

	st = enc_to_utf8(in, len, enc, "input", &out, &err);
	fz_check_error(st, &err, "enc_to_utf8");
	if (st) {
		FZ_CHECK(st == KB_ERR_ENCODING || st == KB_ERR_INVALID_ARG ||
			 st == KB_ERR_NOMEM, "enc_to_utf8: unexpected status %d",
			 (int)st);
		FZ_CHECK(st != KB_ERR_INVALID_ARG || (enc && !strcmp(enc, "X-NO-SUCH")),
			 "enc_to_utf8 refused a known encoding: %s", err.msg);
	} else {
		FZ_CHECK(!buf_failed(&out), "success with a failed buffer");
		check_text(out.buf, out.len);
		if (valid == len && !memchr(in, '\r', len) &&
		    !memchr(in, '\0', len) &&
		    (len < 3 || memcmp(in, "\xef\xbb\xbf", 3)))
			FZ_CHECK(out.len == len && !memcmp(out.buf, in, len),
				 "valid UTF-8 was changed");
	}
	buf_release(&out);
	return 0;
}
