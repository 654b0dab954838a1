/* segment.c - the tokenizer, see segment.h.
 *
 * The text is normalized into a scratch buffer first, then cut into runs:
 * Han runs, runs of letters and digits, and separators.  A Han run is
 * segmented as jieba does without its HMM: the path of dictionary words
 * with the highest product of word probabilities, found right to left.
 * Unknown words need no model here because the bigrams of the run are
 * indexed as well.
 */
#include <config.h>

#include "segment.h"
#include "normalize.h"

#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

struct seg {
	const dict_t *dict;
	double unknown_logp;
	kb_buf norm;      /* the normalized text */
	norm_map map;     /* its bytes -> offsets in the original */
	/* Scratch for one Han run of n characters, indexed by character. */
	uint32_t *cpos;   /* byte offset in norm; cpos[n] is the run's end */
	double *route;    /* best log-probability of the rest of the run */
	uint32_t *wlen;   /* characters in the best word starting here */
	size_t alloc;     /* entries in each of the three */
};

enum { SEG_C_OTHER, SEG_C_HAN, SEG_C_ALNUM, SEG_C_MARK };

kb_status_t
seg_create(const dict_t *dict, seg_t **out, kb_error_t *err)
{
	seg_t *seg;

	*out = NULL;
	seg = calloc(1, sizeof *seg);
	if (!seg)
		return kb_fail(err, KB_ERR_NOMEM,
			       "out of memory while creating a segmenter");
	seg->dict = dict;
	seg->unknown_logp = dict_unknown_logp(dict);
	buf_init(&seg->norm, 0);
	*out = seg;
	return KB_OK;
}

const dict_t *
seg_dict(const seg_t *seg)
{
	return seg->dict;
}

void
seg_destroy(seg_t *seg)
{
	if (!seg)
		return;
	buf_release(&seg->norm);
	norm_map_release(&seg->map);
	free(seg->cpos);
	free(seg->route);
	free(seg->wlen);
	free(seg);
}

static int
seg_reserve(seg_t *seg, size_t need)
{
	size_t n = seg->alloc ? seg->alloc : 256;
	void *p;

	if (need <= seg->alloc)
		return 0;
	while (n < need)
		n *= 2;
	if (!(p = realloc(seg->cpos, n * sizeof *seg->cpos)))
		return -1;
	seg->cpos = p;
	if (!(p = realloc(seg->route, n * sizeof *seg->route)))
		return -1;
	seg->route = p;
	if (!(p = realloc(seg->wlen, n * sizeof *seg->wlen)))
		return -1;
	seg->wlen = p;
	seg->alloc = n;
	return 0;
}

static inline size_t
seg_decode(const char *s, size_t len, int32_t *cp)
{
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return norm_decode(s, len, cp);
}

static int
seg_class(int32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		    (cp >= 'A' && cp <= 'Z'))
			return SEG_C_ALNUM;
		return SEG_C_OTHER;
	}
	if (norm_is_han(cp))
		return SEG_C_HAN;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return SEG_C_ALNUM;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return SEG_C_MARK;
	default:
		return SEG_C_OTHER;
	}
}

/* The end in the original text of the token ending before normalized byte
 * @b: the end of the source of its last byte, which is where the source of
 * the next different map entry starts. */
static size_t
seg_src_end(const seg_t *seg, size_t b)
{
	const uint32_t *off = seg->map.off;
	uint32_t last = off[b - 1];

	while (b < seg->map.len && off[b] == last)
		b++;
	return off[b];
}

static int
seg_emit(const seg_t *seg, seg_token_cb cb, void *ctx, int tflags,
	 size_t b0, size_t b1, unsigned pos)
{
	return cb(ctx, tflags, seg->norm.buf + b0, b1 - b0, seg->map.off[b0],
		  seg_src_end(seg, b1), pos);
}

/* Segment the Han run of @n characters at seg->cpos and emit its words and
 * bigrams; @pos is the position of its first character. */
static int
seg_han_run(seg_t *seg, size_t n, unsigned pos, seg_token_cb cb, void *ctx)
{
	const char *s = seg->norm.buf;
	const uint32_t *cpos = seg->cpos;
	double *route = seg->route, lp, best, v;
	size_t i, j, next;
	uint32_t blen;
	int kind, rc;

	route[n] = 0;
	for (i = n; i-- > 0;) {
		kind = dict_lookup(seg->dict, s + cpos[i], cpos[i + 1] - cpos[i],
				   &lp);
		best = (kind == DICT_WORD ? lp : seg->unknown_logp) +
		       route[i + 1];
		blen = 1;
		/* Longer words, while the candidate still starts one; on a
		 * tie the longer word wins, as in jieba. */
		for (j = i + 2; kind != DICT_NONE && j <= n; j++) {
			kind = dict_lookup(seg->dict, s + cpos[i],
					   cpos[j] - cpos[i], &lp);
			if (kind == DICT_WORD && (v = lp + route[j]) >= best) {
				best = v;
				blen = (uint32_t)(j - i);
			}
		}
		route[i] = best;
		seg->wlen[i] = blen;
	}

	for (i = next = 0; i < n; i++) {
		if (i == next) {
			next = i + seg->wlen[i];
			rc = seg_emit(seg, cb, ctx, SEG_WORD | SEG_HAN, cpos[i],
				      cpos[next], pos + (unsigned)i);
			if (rc)
				return rc;
		}
		if (i + 1 < n) {
			rc = seg_emit(seg, cb, ctx, SEG_BIGRAM | SEG_HAN,
				      cpos[i], cpos[i + 2], pos + (unsigned)i);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int
seg_tokenize(seg_t *seg, const char *text, size_t len, seg_token_cb cb,
	     void *ctx, kb_error_t *err)
{
	const char *s;
	size_t n, i, l, k, b0;
	unsigned pos = 0, pos0;
	int32_t cp;
	int cls, rc;

	buf_reset(&seg->norm);
	if (norm_utf8(text, len, &seg->norm, &seg->map, NULL, err))
		return -1;
	s = seg->norm.buf;
	n = seg->norm.len;

	i = 0;
	l = n ? seg_decode(s, n, &cp) : 0;
	while (i < n) {
		cls = seg_class(cp);
		if (cls == SEG_C_HAN) {
			pos0 = pos;
			k = 0;
			do {
				if (k + 2 > seg->alloc && seg_reserve(seg, k + 2))
					goto nomem;
				seg->cpos[k++] = (uint32_t)i;
				i += l;
				pos++;
				l = i < n ? seg_decode(s + i, n - i, &cp) : 0;
			} while (i < n && norm_is_han(cp));
			seg->cpos[k] = (uint32_t)i;
			rc = seg_han_run(seg, k, pos0, cb, ctx);
			if (rc)
				return rc;
		} else if (cls == SEG_C_ALNUM) {
			b0 = i;
			pos0 = pos;
			for (;;) {
				i += l;
				pos++;
				if (i >= n)
					break;
				l = seg_decode(s + i, n - i, &cp);
				cls = seg_class(cp);
				if (cls == SEG_C_ALNUM || cls == SEG_C_MARK)
					continue;
				/* 42.42 is one number. */
				if (cp == '.' && i + 1 < n &&
				    s[i - 1] >= '0' && s[i - 1] <= '9' &&
				    s[i + 1] >= '0' && s[i + 1] <= '9')
					continue;
				break;
			}
			rc = seg_emit(seg, cb, ctx, SEG_WORD, b0, i, pos0);
			if (rc)
				return rc;
		} else {
			i += l;
			pos++;
			if (i < n)
				l = seg_decode(s + i, n - i, &cp);
		}
	}
	return 0;

nomem:
	kb_fail(err, KB_ERR_NOMEM, "out of memory while segmenting text");
	return -1;
}
