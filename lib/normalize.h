/* normalize.h - where raw text becomes comparable text.
 *
 * NFKC (full-width letters, digits and punctuation become ASCII) plus case
 * folding, with utf8proc, then Traditional Han characters become
 * Simplified (醫保 -> 医保), one character for one, with the table of
 * data/t2s.tsv (from OpenCC).  Index and query both pass through here, so
 * either script finds the other; stored text stays as written.  The offset map lets every later stage report
 * positions in the original text, so highlights point at what the user
 * sees.  No allocation per character: output goes to caller buffers that
 * are reused.
 */
#ifndef KB_NORMALIZE_H
#define KB_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "kb-private.h"

/* For each byte of normalized output, the offset in the input of the
 * character it came from; off[len] is the input length. */
typedef struct norm_map {
	uint32_t *off;
	size_t len, alloc;
} norm_map;

#define NORM_MAP_INIT { NULL, 0, 0 }
void norm_map_release(norm_map *m);

/* Normalize @len bytes of UTF-8 at @in, appending to @out (which is not
 * reset) and, when @map is non-NULL, replacing @map with offsets relative to
 * @in: map->off[k] is the source of output byte out->buf[old_len + k].  A
 * character may change length (U+346E, three bytes, becomes U+2B748, four),
 * and all the bytes it gives map to its first byte.  A
 * character that NFKC merges with the marks after it maps all its output to
 * the offset of the first; default ignorables (soft hyphen, zero-width
 * space, BOM) produce no output.  Invalid UTF-8 (including overlong forms,
 * surrogates and code points above U+10FFFF) fails with KB_ERR_ENCODING and
 * *bad_offset (when non-NULL) set to the offset of the first byte of the
 * first invalid sequence.  On failure @out keeps its old length. */
kb_status_t norm_utf8(const char *in, size_t len, kb_buf *out, norm_map *map,
		      size_t *bad_offset, kb_error_t *err);

/* The Simplified form of @cp when data/t2s.tsv has one, else @cp.  No
 * initialization, thread-safe; a character that is not in the table costs
 * a bit test.  norm_simplify(norm_simplify(c)) == norm_simplify(c). */
int32_t norm_simplify(int32_t cp);

/* 1 if @cp is a Han ideograph (CJK Unified Ideographs and extensions,
 * compatibility ideographs) or U+3007 IDEOGRAPHIC NUMBER ZERO, which is
 * written inside Han numbers (二〇二四年). */
int norm_is_han(int32_t cp);

/* Decode one UTF-8 character from valid UTF-8; returns its length (1..4)
 * and stores the code point.  Invalid input gives length 1 and U+FFFD, and
 * @len 0 gives 0. */
size_t norm_decode(const char *s, size_t len, int32_t *cp);

/* Encode @cp (a valid code point) as UTF-8 into @out, which has room for
 * 4 bytes; returns the length. */
size_t norm_encode(int32_t cp, char *out);

/* Count characters in valid UTF-8. */
size_t norm_strlen(const char *s, size_t len);

#endif
