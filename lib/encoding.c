/* encoding.c - BOM, strict UTF-8 validation, GB18030 and --encoding
 * through iconv, line-end normalization. */
#include <config.h>

#include "encoding.h"
#include "../util/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

size_t
enc_utf8_valid_prefix(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (!(n = utf8_decode(s + i, len - i, &cp)))
			return i;
		i += n;
	}
	return len;
}

/* Append @len bytes to @out with CRLF and lone CR turned into LF. */
static void
enc_add_lf(kb_buf *out, const char *s, size_t len)
{
	const char *end = s + len, *cr;

	while (s < end && (cr = memchr(s, '\r', (size_t)(end - s)))) {
		buf_add(out, s, (size_t)(cr - s));
		buf_addch(out, '\n');
		s = cr + 1;
		if (s < end && *s == '\n')
			s++;
	}
	buf_add(out, s, (size_t)(end - s));
}

/* The same in place, for text that is already in @out. */
static void
enc_fix_lf(kb_buf *out)
{
	char *r, *w, *end;

	if (!out->len || !memchr(out->buf, '\r', out->len))
		return;
	r = w = out->buf;
	end = out->buf + out->len;
	while (r < end) {
		if (*r == '\r') {
			*w++ = '\n';
			r++;
			if (r < end && *r == '\n')
				r++;
		} else {
			*w++ = *r++;
		}
	}
	buf_setlen(out, (size_t)(w - out->buf));
}

/* Convert @data from @cd into @out.  On an invalid or incomplete sequence
 * return KB_ERR_ENCODING with its offset in *bad. */
static kb_status_t
enc_iconv(iconv_t cd, const char *data, size_t len, kb_buf *out, size_t *bad)
{
	char *in = (char *)data, *op;
	size_t inleft = len, outleft;

	iconv(cd, NULL, NULL, NULL, NULL);
	for (;;) {
		size_t r;

		if (buf_grow(out, inleft / 2 * 3 + 16))
			return KB_ERR_NOMEM;
		op = out->buf + out->len;
		outleft = out->alloc - out->len - 1;
		/* A NULL input flushes the shift state of stateful
		 * encodings once everything has been read. */
		if (inleft)
			r = iconv(cd, &in, &inleft, &op, &outleft);
		else
			r = iconv(cd, NULL, NULL, &op, &outleft);
		out->len = (size_t)(op - out->buf);
		out->buf[out->len] = '\0';
		if (r != (size_t)-1) {
			if (!inleft)
				break;
			continue;
		}
		if (errno == E2BIG)
			continue;
		*bad = (size_t)(in - data);
		return KB_ERR_ENCODING;
	}
	return KB_OK;
}

/* This many three-byte UTF-8 characters (most of CJK) before the first
 * invalid byte are no accident of another encoding: the text began as
 * UTF-8. */
#define ENC_UTF8_EVIDENCE 8

/* Whether the valid UTF-8 @data of @len bytes holds ENC_UTF8_EVIDENCE
 * three-byte characters. */
static int
enc_looks_utf8(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i, n = 0;

	for (i = 0; i < len && n < ENC_UTF8_EVIDENCE; i++)
		n += (s[i] & 0xF0) == 0xE0;
	return n >= ENC_UTF8_EVIDENCE;
}

/* Drop a leading U+FEFF from converted text. */
static void
enc_drop_bom(kb_buf *out)
{
	if (out->len >= 3 && !memcmp(out->buf, "\xEF\xBB\xBF", 3)) {
		memmove(out->buf, out->buf + 3, out->len - 3);
		buf_setlen(out, out->len - 3);
	}
}

kb_status_t
enc_to_utf8(const char *data, size_t len, const char *encoding,
	    const char *name, kb_buf *out, kb_error_t *err)
{
	iconv_t cd = (iconv_t)-1;
	const char *from = encoding ? encoding : "GB18030";
	const char *nul;
	size_t valid, bad = 0;
	kb_status_t st = KB_OK;

	buf_reset(out);
	if (!out->max)
		out->max = ENC_MAX_OUTPUT;
	if (len > ENC_MAX_INPUT)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "'%s': file is too large (over %zu MiB)", name,
			       ENC_MAX_INPUT >> 20);
	/* Open the converter even when it may not be needed, so that a
	 * misspelt --encoding is reported for every file. */
	if (encoding) {
		cd = iconv_open("UTF-8", encoding);
		if (cd == (iconv_t)-1) {
			if (errno == EINVAL)
				return kb_fail(err, KB_ERR_INVALID_ARG,
					       "unknown encoding '%s'",
					       encoding);
			return kb_fail(err, KB_ERR_NOMEM,
				       "cannot open converter for '%s': %s",
				       encoding, strerror(errno));
		}
	}
	nul = memchr(data, '\0', len);
	if (nul) {
		st = kb_fail(err, KB_ERR_ENCODING, "'%s': byte %zu: NUL byte",
			     name, (size_t)(nul - data));
		goto out;
	}

	valid = enc_utf8_valid_prefix(data, len);
	if (valid == len) {
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
			data += 3;
			len -= 3;
		}
		enc_add_lf(out, data, len);
		if (buf_failed(out))
			st = kb_fail_buf(err, out, "the decoded text");
		goto out;
	}

	if (cd == (iconv_t)-1) {
		cd = iconv_open("UTF-8", from);
		if (cd == (iconv_t)-1) {
			st = kb_fail(err, KB_ERR_INTERNAL,
				     "iconv cannot convert from %s: %s", from,
				     strerror(errno));
			goto out;
		}
	}
	st = enc_iconv(cd, data, len, out, &bad);
	if (st == KB_ERR_ENCODING) {
		buf_reset(out);
		if (encoding)
			kb_fail(err, st, "'%s': byte %zu: invalid %s", name,
				bad, encoding);
		else
			kb_fail(err, st,
				"'%s': byte %zu: invalid UTF-8 and not GB18030",
				name, valid);
		goto out;
	}
	if (st != KB_OK || buf_failed(out)) {
		st = kb_fail_buf(err, out, "the decoded text");
		goto out;
	}
	/* UTF-8 text that GB18030 also decodes would come out as nonsense:
	 * a file that starts in UTF-8 and goes on in another encoding is
	 * refused, not guessed at */
	if (!encoding && enc_looks_utf8(data, valid)) {
		buf_reset(out);
		st = kb_fail(err, KB_ERR_ENCODING,
			     "'%s': byte %zu: invalid UTF-8 after UTF-8 text (mixed encodings)",
			     name, valid);
		goto out;
	}
	/* glibc's UTF-8 decoder passes sequences past U+10FFFF through, so
	 * --encoding UTF-8 could hand on what it was asked to refuse */
	if (enc_utf8_valid_prefix(out->buf, out->len) != out->len) {
		buf_reset(out);
		st = kb_fail(err, KB_ERR_ENCODING, "'%s': byte %zu: invalid %s",
			     name, valid, from);
		goto out;
	}
	enc_drop_bom(out);
	enc_fix_lf(out);

out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return st;
}

size_t
enc_space_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!len)
		return 0;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
		return 1;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

size_t
enc_space_len_before(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s + len;

	if (!len)
		return 0;
	if (u[-1] == ' ' || (u[-1] >= '\t' && u[-1] <= '\r'))
		return 1;
	if (len >= 2 && u[-2] == 0xC2 && u[-1] == 0xA0)
		return 2;
	if (len >= 3 && u[-3] == 0xE3 && u[-2] == 0x80 && u[-1] == 0x80)
		return 3;
	return 0;
}

void
enc_trim(const char *s, size_t *start, size_t *end)
{
	size_t n;

	while (*start < *end &&
	       (n = enc_space_len(s + *start, *end - *start)))
		*start += n;
	while (*end > *start &&
	       (n = enc_space_len_before(s + *start, *end - *start)))
		*end -= n;
}

size_t
enc_utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}
