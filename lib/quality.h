/* quality.h - telling a real answer from a leaked writing prompt, and an
 * article from a copy of another. */
#ifndef KB_QUALITY_H
#define KB_QUALITY_H

#include <stddef.h>
#include <stdint.h>

/* 1 when @body reads as a writing instruction that leaked into the page
 * ("好的,用户让我写一篇符合SEO标准的文章...") rather than an answer. */
int quality_is_prompt_leak(const char *body, size_t len);

/* A MinHash signature of a text's character 4-grams (Han, letters and
 * digits only), for near-duplicate detection: the share of equal entries of
 * two signatures estimates the Jaccard similarity of the texts. */
#define QUALITY_SIG_HASHES 32
#define QUALITY_SIG_BANDS 8 /* of QUALITY_SIG_HASHES / QUALITY_SIG_BANDS rows */

typedef struct quality_sig {
	uint32_t h[QUALITY_SIG_HASHES];
} quality_sig_t;

/* 0 when the text is too short to compare (fewer than 40 such
 * characters), else 1 with *sig filled. */
int quality_signature(const char *text, size_t len, quality_sig_t *sig);

/* The estimated similarity of two signatures, 0 to 1. */
double quality_similarity(const quality_sig_t *a, const quality_sig_t *b);

/* The LSH key of band @band: 48 bits of a hash of its rows as 8 letters,
 * digits, '-' and '_', and a NUL.  Each key is a term of the index, and a
 * collision only costs the comparison of two signatures. */
#define QUALITY_BAND_KEY_SIZE 9
void quality_band_key(const quality_sig_t *sig, unsigned band,
		      char out[QUALITY_BAND_KEY_SIZE]);

/* Articles at least this similar are copies of one another. */
#define QUALITY_DUPLICATE_SIMILARITY 0.8

#endif
