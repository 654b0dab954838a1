/* highlight.h - where a passage's matches are found for display.
 *
 * Spans are byte offsets into the original passage: the caller decides the
 * markup (ANSI, JSON segments, <mark> after HTML escaping). */
#ifndef KB_HIGHLIGHT_H
#define KB_HIGHLIGHT_H

#include "kb-private.h"
#include "../util/arena.h"

/* Reusable buffers: one per search, not one per hit. */
typedef struct highlighter highlighter_t;

kb_status_t highlighter_create(highlighter_t **out, kb_error_t *err);
void highlighter_destroy(highlighter_t *h);

/* The spans of @text (UTF-8, @len bytes) where any of the @nwords
 * normalized words of @words (each NUL-terminated, back to back) occurs,
 * sorted, merged where they touch, allocated in @a.  Han words match
 * anywhere; other words only at word boundaries. */
kb_status_t highlight_spans(highlighter_t *h, const char *text, size_t len,
			    const char *words, size_t nwords, kb_arena *a,
			    kb_span_t **spans, size_t *nspans,
			    kb_error_t *err);

#endif
