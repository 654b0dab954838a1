/* fact-extract.h - what every fact extractor shares (lib/fact-*.c).
 *
 * An extractor reads one passage, normalized (NFKC: full-width digits and
 * signs are ASCII; case folded), and adds the facts it finds.  It reports
 * where it found them in normalized bytes; fact_emit() turns those into the
 * exact source text and byte offsets of the passage as stored, so facts
 * point at what the user sees.
 *
 * Conventions for values (doc/facts.md describes them for users):
 *  - numbers: min/max in the base unit (yuan for money, % for percent);
 *    value is "min" or "min-max" written with %g; unit names the base unit
 *    and the rate's basis ("元", "元/月", "元/㎡/年", "%", "月", "年").
 *  - dates: value is ISO ("2021-09-01", "2021-09", "2030"); min/max are
 *    the first and last day as numbers YYYYMMDD; relative dates ("次月1号")
 *    keep their text as value and have no min/max.
 *  - label: what the number measures when the text names it ("报销比例",
 *    "起付线"), else "".
 */
#ifndef KB_FACT_EXTRACT_H
#define KB_FACT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "facts.h"

typedef struct fact_text {
	const char *orig;    /* the passage as stored */
	size_t orig_len;
	const char *norm;    /* normalized, NUL-terminated */
	size_t norm_len;
	const uint32_t *map; /* normalized byte -> offset in orig; map[norm_len] == orig_len */
} fact_text_t;

/* Add a fact found at normalized bytes [ns, ne) of @t. */
kb_status_t fact_emit(facts_t *out, const fact_text_t *t, size_t ns,
		      size_t ne, const char *type, const char *label,
		      const char *value, const char *unit, double min,
		      double max, kb_error_t *err);

typedef kb_status_t (*fact_extractor_fn)(const fact_text_t *t, facts_t *out,
					 kb_error_t *err);

/* The extractors, run in this order by facts_extract_text(). */
kb_status_t fact_percent_extract(const fact_text_t *t, facts_t *out,
				 kb_error_t *err);
kb_status_t fact_money_extract(const fact_text_t *t, facts_t *out,
			       kb_error_t *err);
kb_status_t fact_duration_extract(const fact_text_t *t, facts_t *out,
				  kb_error_t *err);
kb_status_t fact_date_extract(const fact_text_t *t, facts_t *out,
			      kb_error_t *err);
kb_status_t fact_region_extract(const fact_text_t *t, facts_t *out,
				kb_error_t *err);
kb_status_t fact_institution_extract(const fact_text_t *t, facts_t *out,
				     kb_error_t *err);
kb_status_t fact_insurance_extract(const fact_text_t *t, facts_t *out,
				   kb_error_t *err);
/* The canonical name of the scheme @name (len bytes, normalized) is a way
 * of writing (农村医保 -> 新农合), or NULL. */
const char *fact_insurance_canonical(const char *name, size_t len);
kb_status_t fact_contact_extract(const fact_text_t *t, facts_t *out,
				 kb_error_t *err);

#endif
