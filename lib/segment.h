/* segment.h - where Chinese text becomes terms.
 *
 * The tokenizer follows SQLite FTS5's shape: it is given text and a
 * callback, normalizes internally (normalize.h) and reports each token as
 * normalized bytes together with the byte offsets [start, end) of the token
 * in the ORIGINAL text, so highlights need no separate map.
 *
 * Positions count characters of the normalized text: a token's position is
 * the index of its first character.  Words and bigrams share this one
 * position space, so phrase and proximity queries work across both.
 *
 * Han runs are segmented with the dictionary (maximum probability path over
 * all dictionary words, as jieba does) into SEG_WORD tokens, and every pair
 * of adjacent Han characters in the run is also emitted as a SEG_BIGRAM
 * token (colocated), which gives recall for any run of two or more
 * characters whatever the dictionary says.  Runs of letters and digits
 * (other scripts included) are single SEG_WORD tokens ("app", "45",
 * "42.42"); punctuation and space separate tokens and are not emitted.
 */
#ifndef KB_SEGMENT_H
#define KB_SEGMENT_H

#include <stddef.h>

#include "kb-private.h"
#include "dict.h"

enum {
	SEG_WORD = 1,   /* dictionary word, single Han character, or alnum run */
	SEG_BIGRAM = 2, /* two adjacent Han characters */
	SEG_HAN = 4     /* flag: the token is made of Han characters */
};

/* Return non-zero to stop; that value is passed back by seg_tokenize. */
typedef int (*seg_token_cb)(void *ctx, int tflags, const char *tok,
			    size_t toklen, size_t start, size_t end,
			    unsigned pos);

typedef struct seg seg_t;

/* A segmenter over @dict.  It owns reusable scratch buffers, so one seg_t
 * must not be used by two threads at once. */
kb_status_t seg_create(const dict_t *dict, seg_t **out, kb_error_t *err);
void seg_destroy(seg_t *seg);

/* The dictionary @seg segments with. */
const dict_t *seg_dict(const seg_t *seg);

/* Tokenize @len bytes of UTF-8.  Returns 0, or the callback's non-zero
 * value, or -1 with @err filled (invalid UTF-8: KB_ERR_ENCODING naming the
 * byte offset; out of memory). */
int seg_tokenize(seg_t *seg, const char *text, size_t len, seg_token_cb cb,
		 void *ctx, kb_error_t *err);

#endif
