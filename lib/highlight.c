/* highlight.c - see highlight.h.  Matching is done on the normalized text
 * (so ＡＰＰ matches app) and mapped back through the normalizer's offsets. */
#include <config.h>

#include "highlight.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

struct highlighter {
	kb_buf norm;
	norm_map map;
	kb_span_t *spans;
	size_t cap;
};

kb_status_t
highlighter_create(highlighter_t **out, kb_error_t *err)
{
	highlighter_t *h = calloc(1, sizeof *h);

	*out = h;
	if (!h)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	buf_init(&h->norm, 0);
	return KB_OK;
}

void
highlighter_destroy(highlighter_t *h)
{
	if (!h)
		return;
	buf_release(&h->norm);
	norm_map_release(&h->map);
	free(h->spans);
	free(h);
}

/* Normalized text is case-folded: lowercase suffices. */
static int
is_ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

static int
cmp_span(const void *a, const void *b)
{
	const kb_span_t *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

kb_status_t
highlight_spans(highlighter_t *h, const char *text, size_t len,
		const char *words, size_t nwords, kb_arena *a,
		kb_span_t **spans, size_t *nspans, kb_error_t *err)
{
	const char *w = words, *norm;
	size_t n = 0, nlen, merged = 0;
	kb_status_t rc;

	*spans = NULL;
	*nspans = 0;
	buf_reset(&h->norm);
	if ((rc = norm_utf8(text, len, &h->norm, &h->map, NULL, err)))
		return rc;
	norm = h->norm.buf;
	nlen = h->norm.len;
	for (size_t i = 0; i < nwords; i++, w += strlen(w) + 1) {
		size_t wlen = strlen(w);
		int32_t cp;
		int han;

		if (!wlen)
			continue;
		norm_decode(w, wlen, &cp);
		han = norm_is_han(cp);
		for (const char *p = norm; p + wlen <= norm + nlen;) {
			const char *hit = memmem(p, (size_t)(norm + nlen - p),
						 w, wlen);
			size_t s, e;

			if (!hit)
				break;
			s = (size_t)(hit - norm);
			e = s + wlen;
			p = hit + 1;
			if (!han && ((s > 0 && is_ascii_alnum(norm[s - 1])) ||
				     (e < nlen && is_ascii_alnum(norm[e]))))
				continue;
			if (n == h->cap) {
				size_t ncap = h->cap ? h->cap * 2 : 16;
				kb_span_t *q = realloc(h->spans, ncap * sizeof *q);

				if (!q)
					return kb_fail(err, KB_ERR_NOMEM,
						       "out of memory");
				h->spans = q;
				h->cap = ncap;
			}
			h->spans[n].start = h->map.off[s];
			h->spans[n].end = h->map.off[e];
			/* a match ending inside one source character covers it */
			for (size_t k = e; h->spans[n].end <= h->spans[n].start &&
					   k < nlen; k++)
				h->spans[n].end = h->map.off[k + 1];
			n++;
		}
	}
	if (!n)
		return KB_OK;
	qsort(h->spans, n, sizeof *h->spans, cmp_span);
	for (size_t i = 1; i < n; i++) {
		if (h->spans[i].start <= h->spans[merged].end) {
			if (h->spans[i].end > h->spans[merged].end)
				h->spans[merged].end = h->spans[i].end;
		} else {
			h->spans[++merged] = h->spans[i];
		}
	}
	merged++;
	*spans = arena_alloc(a, merged * sizeof **spans);
	if (!*spans)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	memcpy(*spans, h->spans, merged * sizeof **spans);
	*nspans = merged;
	return KB_OK;
}
