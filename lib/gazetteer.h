/* gazetteer.h - China's administrative divisions, and word lists matched
 * the same way.
 *
 * The divisions come from data/regions/gazetteer.tsv (statistical division
 * codes of 2023, GB/T 2260 style: provinces, prefecture-level cities,
 * county-level divisions), parsed when the library is built and linked
 * into it by gazetteer-data.S as a compiled image.  Every division is known by its full name
 * (景德镇市) and, when it has one, by its short form (景德镇).
 *
 * A lexicon (gaz_lex_t) maps words to numbers.  Matching is longest first
 * from a position of the text, one hash lookup per character, and stops as
 * soon as the characters read are no longer the start of any word; no
 * allocation.  Words and text are compared folded from Traditional to
 * Simplified as normalize.c folds text (norm_simplify), so 廣東省 and 醫保
 * match as 广东省 and 医保.
 */
#ifndef KB_GAZETTEER_H
#define KB_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "kb-private.h"

/* ------------------------------------------------------------------ */
/* Lexicons                                                            */

typedef struct gaz_lex gaz_lex_t;

/* One word and its value.  The words of a lexicon are sorted, so the
 * entries of one word are adjacent. */
typedef struct gaz_lex_entry {
	const char *word;  /* borrowed: must outlive the lexicon */
	uint32_t len;
	uint32_t val;
} gaz_lex_entry_t;

/* A word found in the text: @len bytes of the text (not of the word: the
 * text may be Traditional), standing for entries [e, e + n). */
typedef struct gaz_lex_hit {
	size_t len;
	const gaz_lex_entry_t *e;
	size_t n;
} gaz_lex_hit_t;

/* Build a lexicon from @n entries (copied; the words are not).  Returns
 * NULL when out of memory. */
gaz_lex_t *gaz_lex_build(const gaz_lex_entry_t *entries, size_t n);
void gaz_lex_free(gaz_lex_t *lex);

/* The words of @lex that start at @s (valid UTF-8 of @len bytes), longest
 * first, at most @max of them.  Returns how many were stored in @hits. */
size_t gaz_lex_match(const gaz_lex_t *lex, const char *s, size_t len,
		     gaz_lex_hit_t *hits, size_t max);

/* ------------------------------------------------------------------ */
/* Divisions                                                           */

enum gaz_level { GAZ_PROVINCE, GAZ_CITY, GAZ_COUNTY };

typedef struct gaz_division {
	const char *name;      /* full official name: 淮北市 */
	char code[7];          /* six digits */
	uint8_t level;         /* enum gaz_level */
	int32_t province;      /* index of its province (itself for one) */
	int32_t city;          /* index of its prefecture-level city, or -1 */
} gaz_division_t;

/* How a name of the region lexicon stands for a division: its value is
 * GAZ_VAL(index, form, strength). */
enum gaz_form { GAZ_FULL = 0, GAZ_SHORT = 1 };

/* GAZ_STRONG names are places wherever they occur.  GAZ_WEAK names are
 * ordinary words or short county names as well: they name a division only
 * right after the name of its province or city (北京朝阳, 景德镇浮梁). */
enum gaz_strength { GAZ_STRONG = 0, GAZ_WEAK = 1 };

#define GAZ_VAL(idx, form, strength) \
	((uint32_t)(idx) << 2 | (uint32_t)(form) << 1 | (uint32_t)(strength))
#define GAZ_VAL_DIV(v) ((v) >> 2)
#define GAZ_VAL_FORM(v) (((v) >> 1) & 1)
#define GAZ_VAL_STRENGTH(v) ((v) & 1)

typedef struct gazetteer {
	const gaz_division_t *div;
	size_t ndiv;
	const gaz_lex_t *names; /* full names and short forms -> GAZ_VAL */
} gazetteer_t;

/* The divisions, from the linked-in image on first use (thread-safe).
 * Fails only when out of memory or when the image is malformed. */
kb_status_t gazetteer_get(const gazetteer_t **out, kb_error_t *err);

#ifdef KB_MKIMAGE
/* lib/kb-mkimage: parse gazetteer.tsv (@text, NUL-terminated) and append
 * the image that gazetteer_get() reads to @out. */
kb_status_t gaz_image_build(const char *text, kb_buf *out, kb_error_t *err);
#endif

#endif
