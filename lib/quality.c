/* quality.c - see quality.h. */
#include <config.h>

#include "quality.h"
#include "normalize.h"
#include "../util/hash.h"

#include <string.h>

/* Phrases of a writing brief, not of an answer.  One could appear in a real
 * article; two in its opening almost never do. */
static const char *const prompt_markers[] = {
	"用户让我", "用户要求", "用户希望", "让我写", "写一篇", "我需要",
	"首先,我", "首先，我", "我应该", "SEO", "EEAT", "E-E-A-T",
	"符合Google", "好的,用户", "好的，用户", "嗯,用户", "嗯，用户",
};

/* Only the opening is read: a brief leads the text. */
#define PROMPT_OPENING_BYTES 600

int
quality_is_prompt_leak(const char *body, size_t len)
{
	size_t n = len < PROMPT_OPENING_BYTES ? len : PROMPT_OPENING_BYTES;
	int hits = 0;

	for (size_t i = 0; i < sizeof prompt_markers / sizeof *prompt_markers;
	     i++)
		if (memmem(body, n, prompt_markers[i], strlen(prompt_markers[i])))
			hits++;
	return hits >= 2;
}

/* A 64-bit mix (splitmix64's finalizer): one multiply-xorshift pass is
 * enough to make the 32 seeded hashes independent for MinHash. */
static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= UINT64_C(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64_C(0x94d049bb133111eb);
	x ^= x >> 31;
	return x;
}

static int
is_content(int32_t cp)
{
	return norm_is_han(cp) || (cp >= '0' && cp <= '9') ||
	       (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

int
quality_signature(const char *text, size_t len, quality_sig_t *sig)
{
	int32_t win[4] = { 0, 0, 0, 0 };
	size_t i = 0, chars = 0;

	for (unsigned k = 0; k < QUALITY_SIG_HASHES; k++)
		sig->h[k] = UINT32_MAX;
	while (i < len) {
		int32_t cp;
		size_t n = norm_decode(text + i, len - i, &cp);
		uint64_t shingle;

		i += n;
		if (!is_content(cp))
			continue;
		win[0] = win[1];
		win[1] = win[2];
		win[2] = win[3];
		win[3] = cp;
		if (++chars < 4)
			continue;
		shingle = hash_add(HASH_INIT, win, sizeof win);
		for (unsigned k = 0; k < QUALITY_SIG_HASHES; k++) {
			uint32_t h = (uint32_t)mix64(shingle + k *
						     UINT64_C(0x9e3779b97f4a7c15));

			if (h < sig->h[k])
				sig->h[k] = h;
		}
	}
	return chars >= 40;
}

double
quality_similarity(const quality_sig_t *a, const quality_sig_t *b)
{
	unsigned same = 0;

	for (unsigned k = 0; k < QUALITY_SIG_HASHES; k++)
		same += a->h[k] == b->h[k];
	return (double)same / QUALITY_SIG_HASHES;
}

void
quality_band_key(const quality_sig_t *sig, unsigned band,
		 char out[QUALITY_BAND_KEY_SIZE])
{
	static const char digits[] = "0123456789"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "abcdefghijklmnopqrstuvwxyz-_";
	unsigned rows = QUALITY_SIG_HASHES / QUALITY_SIG_BANDS;
	uint64_t h = hash_add(HASH_INIT, &band, sizeof band);

	h = hash_add(h, &sig->h[band * rows], rows * sizeof sig->h[0]);
	for (int i = 0; i < QUALITY_BAND_KEY_SIZE - 1; i++, h >>= 6)
		out[i] = digits[h & 63];
	out[QUALITY_BAND_KEY_SIZE - 1] = '\0';
}
