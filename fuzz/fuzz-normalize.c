/* fuzz-normalize.c - normalization (norm_utf8) and segmentation
 * (seg_tokenize) of any text.
 *
 * Checks: the error contract; norm_utf8 succeeds exactly on well-formed
 * UTF-8 and otherwise names the first bad byte and leaves the output as it
 * was; the output is UTF-8; its offset map is monotone, inside the input
 * and ends at the input's length; seg_tokenize fails exactly where
 * norm_utf8 does; every token is non-empty normalized UTF-8 with a source
 * range inside the input, tokens come with non-decreasing positions and
 * the callback's stop value is passed back.
 */
#include <config.h>

#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dict.h"
#include "encoding.h"
#include "normalize.h"
#include "segment.h"

typedef struct {
	size_t len;      /* of the input */
	unsigned last_pos;
	unsigned n, stop_at;
} tok_t;

static int
tok_cb(void *ctx, int tflags, const char *tok, size_t toklen, size_t start,
       size_t end, unsigned pos)
{
	tok_t *t = ctx;

	FZ_CHECK(tflags & (SEG_WORD | SEG_BIGRAM), "token without a kind");
	FZ_CHECK(!(tflags & ~(SEG_WORD | SEG_BIGRAM | SEG_HAN)),
		 "unknown token flags %d", tflags);
	FZ_CHECK(toklen > 0 && fz_utf8(tok, toklen), "empty or bad token");
	FZ_CHECK(start < end && end <= t->len,
		 "token at [%zu, %zu) of %zu bytes", start, end, t->len);
	FZ_CHECK(pos >= t->last_pos, "position %u after %u", pos,
		 t->last_pos);
	t->last_pos = pos;
	return ++t->n == t->stop_at ? 42 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static seg_t *seg;
	const char *in = (const char *)data;
	kb_buf out = KB_BUF_INIT;
	norm_map map = NORM_MAP_INIT;
	size_t bad = (size_t)-1, valid;
	tok_t t = { size, 0, 0, 0 };
	kb_error_t err;
	kb_status_t st;
	int rc;

	if (!seg) {
		const dict_t *dict;

		if (dict_builtin(&dict, &err) || seg_create(dict, &seg, &err))
			fz_fail("cannot create the segmenter: %s", err.msg);
	}
	valid = enc_utf8_valid_prefix(in, size);

	buf_addstr(&out, "kept");
	st = norm_utf8(in, size, &out, &map, &bad, &err);
	fz_check_error(st, &err, "norm_utf8");
	FZ_CHECK(!buf_failed(&out), "norm_utf8: failed buffer");
	FZ_CHECK(out.len >= 4 && !memcmp(out.buf, "kept", 4),
		 "norm_utf8 did not append");
	if (st) {
		FZ_CHECK(st == KB_ERR_ENCODING, "norm_utf8: status %d",
			 (int)st);
		FZ_CHECK(valid < size && bad == valid,
			 "bad offset %zu, first invalid byte %zu", bad, valid);
		FZ_CHECK(out.len == 4, "failed norm_utf8 changed the output");
	} else {
		const char *o = out.buf + 4;
		size_t olen = out.len - 4;

		FZ_CHECK(valid == size, "invalid UTF-8 at %zu normalized", valid);
		FZ_CHECK(fz_utf8(o, olen) || memchr(in, '\0', size),
			 "normalized text is not UTF-8");
		FZ_CHECK(map.len == olen, "map of %zu for %zu bytes", map.len,
			 olen);
		FZ_CHECK(map.off[olen] == size, "map ends at %u, not %zu",
			 map.off[olen], size);
		for (size_t k = 0; k < olen; k++)
			FZ_CHECK(map.off[k] < size && map.off[k] <= map.off[k + 1],
				 "map[%zu] = %u, map[%zu] = %u of %zu", k,
				 map.off[k], k + 1, map.off[k + 1], size);
	}

	/* stop at a token chosen by the input's length */
	t.stop_at = 1 + size % 5;
	rc = seg_tokenize(seg, in, size, tok_cb, &t, &err);
	if (st) {
		FZ_CHECK(rc == -1, "seg_tokenize: %d on invalid UTF-8", rc);
		fz_check_error(err.code, &err, "seg_tokenize");
		FZ_CHECK(err.code == KB_ERR_ENCODING, "seg_tokenize: status %d",
			 (int)err.code);
	} else {
		FZ_CHECK(rc != -1 || err.code == KB_ERR_NOMEM,
			 "seg_tokenize failed on valid text: %s", err.msg);
		FZ_CHECK(rc == -1 || (t.n == t.stop_at) == (rc == 42),
			 "seg_tokenize returned %d after %u of %u tokens", rc,
			 t.n, t.stop_at);
	}
	buf_release(&out);
	norm_map_release(&map);
	return 0;
}
