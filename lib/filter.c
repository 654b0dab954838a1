/* filter.c - see filter.h. */
#include <config.h>

#include "filter.h"
#include "fact-extract.h"
#include "schema.h"
#include "xc-status.h"
#include "../util/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many index terms a place-name prefix may stand for. */
#define PLACE_EXPANSION 64

static const struct {
	const char *key;
	enum filter_field field;
} filter_keys[] = {
	{ "region", FILTER_REGION },
	{ "province", FILTER_PROVINCE },
	{ "city", FILTER_CITY },
	{ "insurance", FILTER_INSURANCE },
	{ "institution", FILTER_INSTITUTION },
	{ "category", FILTER_CATEGORY },
	{ "has", FILTER_HAS },
	{ "percent", FILTER_PERCENT },
	{ "money", FILTER_MONEY },
	{ "date", FILTER_DATE },
};

size_t
filter_quote_len(const char *s, size_t len)
{
	return len <= FILTER_QUOTE_MAX ? len : utf8_clip(s, FILTER_QUOTE_MAX);
}

static kb_status_t
bad(kb_error_t *err, const char *s, size_t len, const char *why)
{
	size_t n = filter_quote_len(s, len);

	return kb_fail(err, KB_ERR_BAD_QUERY, "invalid filter '%.*s%s': %s",
		       (int)n, s, n < len ? "..." : "", why);
}

static kb_status_t
term_filter(const char *prefix, const char *v, size_t vlen, int wildcard,
	    xc_query **out, kb_error_t *err)
{
	char term[256];
	xc_error xe;
	int n = snprintf(term, sizeof term, "%s%.*s", prefix, (int)vlen, v);

	if (n < 0 || (size_t)n >= 240) {
		size_t q = filter_quote_len(v, vlen);

		return kb_fail(err, KB_ERR_BAD_QUERY,
			       "filter value '%.*s%s' is too long (over %zu bytes)",
			       (int)q, v, q < vlen ? "..." : "",
			       239 - strlen(prefix));
	}
	if (wildcard ? xc_query_wildcard(term, PLACE_EXPANSION, out, &xe)
		     : xc_query_term(term, (size_t)n, 1, 0, out, &xe))
		return kb_fail_xc(err, &xe, "cannot build filter");
	return KB_OK;
}

/* A number with an optional 万/亿 multiplier and unit (元, %). */
static int
parse_amount(const char *s, const char *end, double *v)
{
	char buf[64];
	char *stop;
	size_t n = (size_t)(end - s);

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &stop);
	if (stop == buf || errno || !isfinite(*v))
		return -1;
	if (!strncmp(stop, "万", 3)) {
		*v *= 1e4;
		stop += 3;
	} else if (!strncmp(stop, "亿", 3)) {
		*v *= 1e8;
		stop += 3;
	}
	if (!strcmp(stop, "元") || !strcmp(stop, "%"))
		stop += strlen(stop);
	return *stop ? -1 : 0;
}

static kb_status_t
value_range(unsigned slot, const double *lo, const double *hi,
	    xc_query **out, kb_error_t *err)
{
	char l[XC_SORTABLE_SIZE], h[XC_SORTABLE_SIZE];
	xc_error xe;

	if (lo)
		xc_sortable_serialise(*lo, l);
	if (hi)
		xc_sortable_serialise(*hi, h);
	if (xc_query_value_range(slot, lo ? l : NULL, hi ? h : NULL, out, &xe))
		return kb_fail_xc(err, &xe, "cannot build filter");
	return KB_OK;
}

/* percent:>=50, <=50, >50, <50, a..b, a.., ..b, a */
static kb_status_t
number_filter(const char *s, size_t len, const char *v, const char *end,
	      unsigned min_slot, unsigned max_slot, xc_query **out,
	      kb_error_t *err)
{
	const char *dots = NULL;
	double lo, hi;
	xc_query *a = NULL, *b = NULL, *parts[2];
	xc_error xe;
	kb_status_t rc;

	for (const char *p = v; p + 1 < end; p++)
		if (p[0] == '.' && p[1] == '.') {
			dots = p;
			break;
		}
	if (!dots && end - v > 1 && v[0] == '>') {
		v += v[1] == '=' ? 2 : 1;
		if (parse_amount(v, end, &lo))
			return bad(err, s, len, "expected a number");
		return value_range(max_slot, &lo, NULL, out, err);
	}
	if (!dots && end - v > 1 && v[0] == '<') {
		v += v[1] == '=' ? 2 : 1;
		if (parse_amount(v, end, &hi))
			return bad(err, s, len, "expected a number");
		return value_range(min_slot, NULL, &hi, out, err);
	}
	if (dots) {
		int has_lo = dots > v, has_hi = dots + 2 < end;

		if ((!has_lo && !has_hi) ||
		    (has_lo && parse_amount(v, dots, &lo)) ||
		    (has_hi && parse_amount(dots + 2, end, &hi)))
			return bad(err, s, len, "expected a range such as 40..60");
		if (has_lo && has_hi && lo > hi)
			return bad(err, s, len, "the range is empty");
		/* some number stated lies in [lo, hi]: its largest is at
		 * least lo and its smallest at most hi */
		if (has_lo && (rc = value_range(max_slot, &lo, NULL, &a, err)))
			return rc;
		if (has_hi && (rc = value_range(min_slot, NULL, &hi, &b, err))) {
			xc_query_destroy(a);
			return rc;
		}
	} else {
		if (parse_amount(v, end, &lo))
			return bad(err, s, len, "expected a number");
		hi = lo;
		if ((rc = value_range(max_slot, &lo, NULL, &a, err)))
			return rc;
		if ((rc = value_range(min_slot, NULL, &hi, &b, err))) {
			xc_query_destroy(a);
			return rc;
		}
	}
	if (!a || !b) {
		*out = a ? a : b;
		return KB_OK;
	}
	parts[0] = a;
	parts[1] = b;
	rc = xc_query_combine(XC_OP_FILTER, parts, 2, 0, out, &xe)
		     ? kb_fail_xc(err, &xe, "cannot build filter") : KB_OK;
	xc_query_destroy(a);
	xc_query_destroy(b);
	return rc;
}

/* "2025", "2025-04", "2025-04-11" (also with / or .) -> YYYYMMDD, padded
 * as the first (@last 0) or last day of the period. */
static int
parse_date(const char *s, const char *end, int last, char out[9])
{
	unsigned part[3] = { 0, 0, 0 };
	int n = 0;
	const char *p = s;

	while (p < end && n < 3) {
		const char *q = p;
		unsigned v = 0;

		while (q < end && *q >= '0' && *q <= '9' && q - p < 4)
			v = v * 10 + (unsigned)(*q++ - '0');
		if (q == p)
			return -1;
		part[n++] = v;
		p = q;
		if (p < end && (*p == '-' || *p == '/' || *p == '.'))
			p++;
		else
			break;
	}
	if (p != end || part[0] < 1000 || (n > 1 && (part[1] < 1 || part[1] > 12)) ||
	    (n > 2 && (part[2] < 1 || part[2] > 31)))
		return -1;
	if (n < 2)
		part[1] = last ? 12 : 1;
	if (n < 3)
		part[2] = last ? 31 : 1;
	snprintf(out, 9, "%04u%02u%02u", part[0] % 10000, part[1], part[2]);
	return 0;
}

static kb_status_t
date_filter(const char *s, size_t len, const char *v, const char *end,
	    xc_query **out, kb_error_t *err)
{
	const char *dots = NULL;
	char lo[9], hi[9];
	int has_lo, has_hi;
	xc_error xe;

	for (const char *p = v; p + 1 < end; p++)
		if (p[0] == '.' && p[1] == '.') {
			dots = p;
			break;
		}
	if (dots) {
		has_lo = dots > v;
		has_hi = dots + 2 < end;
		if ((!has_lo && !has_hi) ||
		    (has_lo && parse_date(v, dots, 0, lo)) ||
		    (has_hi && parse_date(dots + 2, end, 1, hi)))
			return bad(err, s, len, "expected a date such as 2025-04-11, 2025-04 or 2025, or a range of them");
	} else {
		has_lo = has_hi = 1;
		if (parse_date(v, end, 0, lo) || parse_date(v, end, 1, hi))
			return bad(err, s, len, "expected a date such as 2025-04-11, 2025-04 or 2025");
	}
	if (xc_query_value_range(KB_SLOT_DATE, has_lo ? lo : NULL,
				 has_hi ? hi : NULL, out, &xe))
		return kb_fail_xc(err, &xe, "cannot build filter");
	return KB_OK;
}

kb_status_t
filter_parse(const char *s, size_t len, int *field, xc_query **out,
	     kb_error_t *err)
{
	const char *colon = memchr(s, ':', len), *v, *end = s + len;
	size_t klen;

	*field = -1;
	*out = NULL;
	if (!colon)
		return KB_OK;
	klen = (size_t)(colon - s);
	for (size_t i = 0; i < KB_ARRAY_SIZE(filter_keys); i++)
		if (strlen(filter_keys[i].key) == klen &&
		    !memcmp(filter_keys[i].key, s, klen))
			*field = (int)filter_keys[i].field;
	if (*field < 0)
		return KB_OK;
	v = colon + 1;
	if (v == end)
		return bad(err, s, len, "expected a value after ':'");
	switch ((enum filter_field)*field) {
	case FILTER_REGION:
		return term_filter(KB_PREFIX_REGION, v, (size_t)(end - v), 1,
				   out, err);
	case FILTER_PROVINCE:
		return term_filter(KB_PREFIX_PROVINCE, v, (size_t)(end - v), 1,
				   out, err);
	case FILTER_CITY:
		return term_filter(KB_PREFIX_CITY, v, (size_t)(end - v), 1,
				   out, err);
	case FILTER_INSTITUTION:
		return term_filter(KB_PREFIX_INSTITUTION, v, (size_t)(end - v),
				   1, out, err);
	case FILTER_INSURANCE: {
		/* any way of writing a scheme finds it (农村医保 -> 新农合) */
		const char *canon = fact_insurance_canonical(v, (size_t)(end - v));

		if (canon)
			return term_filter(KB_PREFIX_INSURANCE, canon,
					   strlen(canon), 0, out, err);
		return term_filter(KB_PREFIX_INSURANCE, v, (size_t)(end - v), 0,
				   out, err);
	}
	case FILTER_CATEGORY:
		return term_filter(KB_PREFIX_CATEGORY, v, (size_t)(end - v), 0,
				   out, err);
	case FILTER_HAS:
		return term_filter(KB_PREFIX_TYPE, v, (size_t)(end - v), 0,
				   out, err);
	case FILTER_PERCENT:
		return number_filter(s, len, v, end, KB_SLOT_PERCENT_MIN,
				     KB_SLOT_PERCENT_MAX, out, err);
	case FILTER_MONEY:
		return number_filter(s, len, v, end, KB_SLOT_MONEY_MIN,
				     KB_SLOT_MONEY_MAX, out, err);
	case FILTER_DATE:
		return date_filter(s, len, v, end, out, err);
	case FILTER_FIELDS:
		break;
	}
	return kb_fail(err, KB_ERR_INTERNAL, "unhandled filter");
}
