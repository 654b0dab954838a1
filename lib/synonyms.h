/* synonyms.h - synonym lists: the built-in data/synonyms.tsv and a user's
 * list in the same format, read into the index's synonym table.
 *
 * A list has one group of words that mean the same per line, separated by
 * tabs or spaces; lines that start with '#' and blank lines are ignored.
 * Words are normalized as documents are (normalize.h), so a group reaches
 * the table as the segmenter's tokens do.
 */
#ifndef KB_SYNONYMS_H
#define KB_SYNONYMS_H

#include "kb-private.h"

/* A normalized word has at most this many bytes (Xapian allows 245 in a
 * synonym key; no real word comes near). */
#define SYN_WORD_MAX 60
/* A group has at most this many words: each word gets every other one. */
#define SYN_GROUP_MAX 32
/* A list file has at most this many bytes. */
#define SYN_LIST_MAX (1024 * 1024)

/* Called with each group of a list: @n distinct normalized words at
 * @words, each NUL-terminated.  A non-zero status stops the parse and is
 * returned by syn_parse. */
typedef kb_status_t (*syn_group_fn)(void *ctx, const char *words, size_t n,
				    kb_error_t *err);

/* Read the @len bytes of list @text and call @fn (may be NULL: only
 * check) for each group, in order.  @name is the list's name for messages
 * ("'@name' line 3: ...").  *ngroups (may be NULL) gets the number of
 * groups.  KB_ERR_ENCODING for invalid UTF-8, KB_ERR_PARSE for a group of
 * fewer than two words or more than SYN_GROUP_MAX, a word longer than
 * SYN_WORD_MAX or without a letter; KB_ERR_NOMEM. */
kb_status_t syn_parse(const char *text, size_t len, const char *name,
		      syn_group_fn fn, void *ctx, size_t *ngroups,
		      kb_error_t *err);

/* Read the list file @path into @out (reset first) and check it.
 * KB_ERR_IO when it cannot be read, KB_ERR_INVALID_ARG when it is larger
 * than SYN_LIST_MAX, and the statuses of syn_parse. */
kb_status_t syn_read_file(const char *path, kb_buf *out, size_t *ngroups,
			  kb_error_t *err);

/* 1 if the synonym-table key @key belongs to the lists, 0 if another part
 * of the index owns it: it starts with uppercase ASCII letters and a colon
 * ("PY:..."; see synonyms.c). */
int syn_key_is_list(const char *key, size_t len);

#endif
