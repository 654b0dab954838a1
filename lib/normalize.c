/* normalize.c - NFKC + case folding + Traditional to Simplified, with an
 * offset map, see normalize.h.
 *
 * Text is handled one cluster at a time: a character plus the combining
 * characters that follow it, the smallest unit NFKC can change as a whole.
 * ASCII and the CJK blocks (Extension A and the main block) need no
 * Unicode tables at all and take a fast path; everything else goes through
 * utf8proc_decompose() and utf8proc_reencode() on a stack buffer
 * (utf8proc_map() would malloc per call).
 *
 * The Traditional table is data/t2s.tsv compiled by lib/t2s-gen.awk into
 * constant arrays (lib/t2s-table.h in the build tree): nothing is parsed
 * or allocated at program start, and a lookup is a bit test, plus a
 * population count for the characters that change.
 */
#include <config.h>

#include "normalize.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "lib/t2s-table.h"

/* NFKC_Casefold as utf8proc_NFKC_Casefold() does it; IGNORE drops default
 * ignorables (soft hyphen, zero-width space and joiners, BOM), which would
 * otherwise split words copied from web pages. */
#define NORM_OPTIONS                                                     \
	((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT |         \
			     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |      \
			     UTF8PROC_IGNORE))

/* Code points per cluster handled without the heap; longer clusters
 * (hundreds of stacked marks) only occur in crafted input. */
#define NORM_STACK_CPS 64

void
norm_map_release(norm_map *m)
{
	if (!m)
		return;
	free(m->off);
	m->off = NULL;
	m->len = m->alloc = 0;
}

size_t
norm_decode(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	n = utf8_decode(u, len, cp);
	if (n)
		return n;
	/* Not valid after all: step over one byte rather than loop. */
	*cp = 0xFFFD;
	return 1;
}

size_t
norm_strlen(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

int32_t
norm_simplify(int32_t cp)
{
	uint32_t word, bit;

	if (cp < 0x3400 || cp > 0xFFFF)
		return cp;
	word = t2s_bits[cp >> 5];
	bit = 1u << (cp & 31);
	if (!(word & bit))
		return cp;
	return (int32_t)t2s_to[t2s_rank[cp >> 5] +
			       (unsigned)__builtin_popcount(word & (bit - 1))];
}

int
norm_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FA1F) ||
	       (cp >= 0x30000 && cp <= 0x323AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       cp == 0x3007;
}

/* Characters that belong to the cluster of the character before them:
 * combining marks (all marks, not only those with a non-zero combining
 * class, since a few spacing vowel signs compose with their base) and
 * Hangul medial and final jamo, which compose into syllables. */
static int
norm_extends(int32_t cp)
{
	const utf8proc_property_t *p;

	if (cp < 0x300 || (cp >= 0x3400 && cp <= 0x9FFF))
		return 0;
	if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return 1;
	p = utf8proc_get_property(cp);
	return p->combining_class != 0 ||
	       p->category == UTF8PROC_CATEGORY_MN ||
	       p->category == UTF8PROC_CATEGORY_MC ||
	       p->category == UTF8PROC_CATEGORY_ME;
}

static int
norm_map_reserve(norm_map *m, size_t need)
{
	size_t nalloc;
	uint32_t *p;

	if (need <= m->alloc)
		return 0;
	nalloc = m->alloc ? m->alloc : 64;
	while (nalloc < need)
		nalloc = nalloc / 2 * 3 + 16;
	p = realloc(m->off, nalloc * sizeof *p);
	if (!p)
		return -1;
	m->off = p;
	m->alloc = nalloc;
	return 0;
}

/* Normalize the cluster in[0..n) and append it to @out; returns the number
 * of bytes appended, or -1 when out of memory. */
static utf8proc_ssize_t
norm_cluster(const char *in, size_t n, kb_buf *out)
{
	utf8proc_int32_t stack[NORM_STACK_CPS], *cps = stack, *heap = NULL;
	utf8proc_ssize_t ncp, nb;

	ncp = utf8proc_decompose((const utf8proc_uint8_t *)in,
				 (utf8proc_ssize_t)n, cps, NORM_STACK_CPS,
				 NORM_OPTIONS);
	if (ncp > NORM_STACK_CPS) {
		heap = malloc((size_t)ncp * sizeof *heap);
		if (!heap)
			return -1;
		cps = heap;
		ncp = utf8proc_decompose((const utf8proc_uint8_t *)in,
					 (utf8proc_ssize_t)n, cps, ncp,
					 NORM_OPTIONS);
	}
	if (ncp < 0) {
		/* The input was validated, so only NOMEM is possible. */
		free(heap);
		return -1;
	}
	/* After NFKC's decomposition (a compatibility ideograph is now its
	 * unified twin); Han characters compose with nothing. */
	for (utf8proc_ssize_t k = 0; k < ncp; k++)
		cps[k] = norm_simplify(cps[k]);
	nb = utf8proc_reencode(cps, ncp, NORM_OPTIONS);
	if (nb < 0) {
		free(heap);
		return -1;
	}
	buf_add(out, cps, (size_t)nb);
	free(heap);
	return buf_failed(out) ? -1 : nb;
}

kb_status_t
norm_utf8(const char *in, size_t len, kb_buf *out, norm_map *map,
	  size_t *bad_offset, kb_error_t *err)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t base = out->len, i = 0, j, n, n2 = 0, o;
	int32_t cp = 0, cp2 = 0;
	kb_status_t ret = KB_OK;

	if (map)
		map->len = 0;
	if (len > UINT32_MAX - 1)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "text of %zu bytes is too large to normalize",
			       len);
	/* Most text keeps its length; grow once up front. */
	buf_grow(out, len);
	if (map && norm_map_reserve(map, len + 1))
		goto nomem;

	n = len ? utf8_decode(u, len, &cp) : 0;
	if (len && !n)
		goto bad;
	while (i < len) {
		/* Gather the cluster [i, j); cp2/n2 is the character after it. */
		j = i + n;
		for (;;) {
			if (j >= len) {
				n2 = 0;
				break;
			}
			n2 = utf8_decode(u + j, len - j, &cp2);
			if (!n2) {
				i = j;
				goto bad;
			}
			if (!norm_extends(cp2))
				break;
			j += n2;
		}

		o = out->len;
		if (j - i == 1) {
			int c = u[i];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			buf_addch(out, c);
		} else if (j - i == 3 && cp >= 0x3400 && cp <= 0x9FFF) {
			int32_t s = norm_simplify(cp);
			utf8proc_uint8_t enc[4];

			if (s == cp)
				buf_add(out, in + i, 3);
			else
				buf_add(out, enc, (size_t)utf8proc_encode_char(
							  s, enc));
		} else if (norm_cluster(in + i, j - i, out) < 0) {
			goto nomem;
		}
		if (buf_failed(out))
			goto nomem;
		if (map) {
			size_t k, need = map->len + (out->len - o) + 1;

			if (norm_map_reserve(map, need))
				goto nomem;
			for (k = o; k < out->len; k++)
				map->off[map->len++] = (uint32_t)i;
		}
		i = j;
		cp = cp2;
		n = n2;
	}
	if (map)
		map->off[map->len] = (uint32_t)len;
	return KB_OK;

bad:
	if (bad_offset)
		*bad_offset = i;
	ret = kb_fail(err, KB_ERR_ENCODING, "invalid UTF-8 at byte %zu", i);
	goto fail;
nomem:
	if (buf_failed(out) == BUF_TOOBIG)
		ret = kb_fail(err, KB_ERR_INVALID_ARG,
			      "normalized text is too large");
	else
		ret = kb_fail(err, KB_ERR_NOMEM,
			      "out of memory while normalizing text");
fail:
	/* Leave @out as it was; a failed buffer stays failed (sticky). */
	if (!buf_failed(out))
		buf_setlen(out, base);
	if (map)
		map->len = 0;
	return ret;
}

size_t
norm_encode(int32_t cp, char *out)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}
