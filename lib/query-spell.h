/* query-spell.h - a query read as the index's own words: pinyin spelled
 * out in Chinese, homophone typos corrected.
 *
 * Both use the vocabulary map kbindex writes into the synonym table
 * (schema.h: KB_SYN_PINYIN, KB_SYN_INITIALS), so a query is only ever read
 * as words the index holds, and the most frequent of them wins.
 *
 * - A run of Latin letters that is not a term of the index and spells
 *   pinyin (yibao, xi'an, yibaoyidi) is read as the word or words with
 *   that pinyin, cut where the keys say; one that spells no pinyin is
 *   tried as the initials of one or two words (ybyd).
 * - In a run of Han characters with a bigram the index lacks, a window of
 *   two to four characters around it is replaced by a word of the index
 *   that sounds the same (any reading of its characters) and changes at
 *   most half of them (医保移地: 移地 -> 异地); windows that fix more
 *   missing bigrams win, then the more frequent word.  A run whose
 *   bigrams are all in the index is left alone.
 */
#ifndef KB_QUERY_SPELL_H
#define KB_QUERY_SPELL_H

#include "query.h"

/* Rewrite @text, a normalized query, in place.  Each change is noted in
 * @plan (QUERY_NOTE_PINYIN, QUERY_NOTE_CORRECTED); when there was any,
 * plan->corrected holds the new text.  "key:value" words are left as
 * they are. */
kb_status_t query_spell(xc_db *db, kb_buf *text, query_plan_t *plan,
			kb_error_t *err);

#endif
