/* fact-phrase.h - how a fact is said to a person.
 *
 * The text output, the help desk and the search page say a fact the same
 * way: 952.25亿元 rather than 95225000000元, a city with its province, a
 * hospital with its grade and department, "不超过" before an upper bound.
 * What is said is decided here once; the formats differ only in how they
 * mark it up.
 *
 * Every phrase is PLAIN text appended to a kb_buf, not escaped for any
 * medium: a format builds it in a scratch buffer and escapes it where it
 * places it (term_text, html_text).  The library's strings are UTF-8, so
 * escaping a phrase whole gives what escaping its parts would.
 */
#ifndef KB_FACT_PHRASE_H
#define KB_FACT_PHRASE_H

#include "buf.h"
#include "kbsearch.h"

/* The value of attribute @key of @f, or "" when it has none. */
const char *fact_attr(const kb_fact_t *f, const char *key);

/* The value with its unit as the index normalized it (large amounts of
 * money in 万 or 亿), or the source text when there is no value. */
void fact_phrase_value(kb_buf *out, const kb_fact_t *f);

/* A place with what contains it: 安徽省淮北市. */
void fact_phrase_region(kb_buf *out, const kb_fact_t *f);

/* An institution with its grade and department:
 * 淮北市人民医院 (三甲, 乳腺外科). */
void fact_phrase_institution(kb_buf *out, const kb_fact_t *f);

/* The label to show before fact_phrase(), or "": a place's or an
 * institution's label is its kind (city, hospital), which its name
 * already says. */
const char *fact_phrase_label(const kb_fact_t *f);

/* A fact of any type as one item, without its label: a region or an
 * institution as above, anything else its value with the side it is
 * open on ("约", "不超过", "至少"). */
void fact_phrase(kb_buf *out, const kb_fact_t *f);

#endif
