/* pinyin.h - how Han words sound, and how Latin letters spell pinyin.
 *
 * The readings come from Unicode's Unihan database (data/pinyin/): for
 * each character of the BMP CJK blocks, at most PY_MAX_READINGS toneless
 * syllables, most common first, ü written v (lv, nve).  The table is
 * embedded in the library and parsed on first use only, once per process
 * whatever the threads: a query that needs no reading never touches it.
 *
 * A word's keys are what a pinyin query is matched on: the full key is
 * its syllables run together (医保: yibao), the initials key their first
 * letters (yb; zh, ch and sh count as z, c and s, as input methods do).
 * The index's vocabulary map (schema.h: KB_SYN_PINYIN, KB_SYN_INITIALS)
 * stores them in the synonym table, filled by a py_vocab_t while
 * indexing.
 */
#ifndef KB_PINYIN_H
#define KB_PINYIN_H

#include <stddef.h>
#include <stdint.h>

#include "kb-private.h"
#include "../xapian-c/xc.h"

#define PY_MAX_READINGS 4
/* Keys of one word: the combinations of its characters' readings beyond
 * this many are not tried (a word of polyphonic characters only).  Fewer
 * initials keys: short, they match many words already. */
#define PY_MAX_KEYS 8
#define PY_MAX_INITIALS_KEYS 4
/* Words of the vocabulary map have this many characters. */
#define PY_WORD_MIN 2
#define PY_WORD_MAX 6

/* The readings of @cp, space-separated, borrowed from the table (not
 * NUL-terminated: *len bytes); NULL when it has none. */
const char *py_readings(int32_t cp, size_t *len);

/* 1 if @len bytes of @s (lowercase) are one pinyin syllable. */
int py_is_syllable(const char *s, size_t len);

/* Mark in @cut (len + 1 bytes) every offset where some split of the
 * letters @s into syllables has a boundary (0 and len included).  Returns
 * 1 if @s splits at all, 0 if not (then @cut is all 0).  @len is at most
 * PY_MAX_LETTERS. */
#define PY_MAX_LETTERS 64
int py_cuts(const char *s, size_t len, unsigned char *cut);

/* The best split of @s: the fewest syllables, a longer syllable first
 * where two splits tie (xian, not xi'an; fang'an).  The end of each
 * syllable goes to @ends (at most @max); returns the count, 0 if @s does
 * not split. */
size_t py_split(const char *s, size_t len, size_t *ends, size_t max);

/* The keys of the Han word @word (@len bytes): @initials 0 for full keys,
 * 1 for initials keys, each NUL-terminated into @out, each once, at most
 * PY_MAX_KEYS (PY_MAX_INITIALS_KEYS), the most common readings first.  Returns their count; 0
 * when a character has no reading or the word is longer than
 * PY_WORD_MAX * 2 characters. */
size_t py_keys(const char *word, size_t len, int initials, kb_buf *out);

/* The vocabulary of an indexer run: each distinct word added once, its
 * keys written into the synonym table at the next py_vocab_write. */
typedef struct py_vocab py_vocab_t;

kb_status_t py_vocab_create(py_vocab_t **out, kb_error_t *err);
void py_vocab_destroy(py_vocab_t *v);
/* Record @word (a normalized Han word) if it has PY_WORD_MIN to
 * PY_WORD_MAX characters.  0, or ENOMEM. */
int py_vocab_add(py_vocab_t *v, const char *word, size_t len);
/* Write the keys of the words added since the last call into @db's
 * synonym table. */
kb_status_t py_vocab_write(py_vocab_t *v, xc_db *db, kb_error_t *err);

#endif
