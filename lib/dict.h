/* dict.h - the word list the segmenter consults.
 *
 * A general Chinese word list (derived from jieba's dictionary, data/dict/)
 * plus a domain list of insurance and medical terms, built into the
 * library, so segmentation is the same at index and at query time.
 */
#ifndef KB_DICT_H
#define KB_DICT_H

#include <stddef.h>

#include "kb-private.h"

typedef struct dict dict_t;

enum {
	DICT_NONE = 0,   /* neither a word nor the start of one */
	DICT_PREFIX = 1, /* the start of a longer word only */
	DICT_WORD = 2    /* a word (it may also start a longer one) */
};

/* The built-in dictionary, a table built with the library and linked in
 * (thread-safe, nothing is parsed); owned by the library, never freed by
 * the caller. */
kb_status_t dict_builtin(const dict_t **out, kb_error_t *err);

/* Look @word up (normalized UTF-8).  For DICT_WORD, *logp (when non-NULL)
 * gets log(frequency / total). */
int dict_lookup(const dict_t *d, const char *word, size_t len, double *logp);

/* log-probability given to a single character that is not a word. */
double dict_unknown_logp(const dict_t *d);

/* Number of words. */
size_t dict_size(const dict_t *d);

#ifdef KB_MKIMAGE
/* lib/kb-mkimage: parse the "word TAB frequency" lines of @text and append
 * the image that dict_builtin() reads to @out. */
kb_status_t dict_image_build(const char *text, size_t len, kb_buf *out,
			     kb_error_t *err);
#endif

#endif
