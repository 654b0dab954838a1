/* filter.h - field filters on the facts stored at index time.
 *
 *   region:江西  province:安徽省  city:景德镇  insurance:新农合
 *   institution:景德镇市第一人民医院  category:健康新闻  has:answer
 *   percent:>=50  percent:<=40  percent:40..60  percent:45
 *   money:<=1000  money:1万..  date:2025..  date:..2024-06  date:2025-04-11
 *
 * Place names match any division whose full name starts with the value
 * (江西 finds 江西省 and everything in it).  Numeric filters match a passage
 * when a number it states lies in the range: ">=" compares with the largest
 * number it states, "<=" with the smallest, a range needs both.  Dates
 * filter on the article's date.
 */
#ifndef KB_FILTER_H
#define KB_FILTER_H

#include <stddef.h>

#include "kb-private.h"
#include "../xapian-c/xc.h"

enum filter_field {
	FILTER_REGION, FILTER_PROVINCE, FILTER_CITY, FILTER_INSURANCE,
	FILTER_INSTITUTION, FILTER_CATEGORY, FILTER_HAS, FILTER_PERCENT,
	FILTER_MONEY, FILTER_DATE, FILTER_FIELDS
};

/* Parse @len bytes of normalized text "key:value".  When the key is not a
 * filter's, *field is -1 and nothing else happens (the caller treats the
 * text as words).  A known key with a bad value fails with
 * KB_ERR_BAD_QUERY: "invalid filter 'percent:>=abc': expected a number". */
kb_status_t filter_parse(const char *s, size_t len, int *field,
			 xc_query **out, kb_error_t *err);

/* How much of the bad filter @s (@len bytes) a message quotes: at most
 * FILTER_QUOTE_MAX bytes, cut at a character boundary (the caller adds
 * "..." when it is less than @len), so the reason after it always fits in
 * kb_error_t. */
#define FILTER_QUOTE_MAX 64
size_t filter_quote_len(const char *s, size_t len);

#endif
