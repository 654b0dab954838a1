/* passage.h - splitting an article body into passages.
 *
 * A passage is what a search hit shows: a paragraph or list item, long
 * ones cut at sentence ends (。!?;), short neighbours (headings, short
 * items) merged, so passages run roughly 40 to 250 characters.
 */
#ifndef KB_PASSAGE_H
#define KB_PASSAGE_H

#include <stddef.h>

#define PASSAGE_MIN_CHARS 40
#define PASSAGE_MAX_CHARS 250

/* Byte range [start, end) of the body; a merged passage spans the line
 * breaks between its parts. */
typedef struct passage {
	size_t start, end;
} passage_t;

/* Split @body (UTF-8, lines separated by LF) into passages, calling @cb for
 * each in order; leading and trailing space of each passage is excluded.
 * A non-zero return from @cb stops the split and is returned. */
int passage_split(const char *body, size_t len,
		  int (*cb)(void *ctx, const passage_t *p), void *ctx);

#endif
