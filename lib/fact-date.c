/* fact-date.c - dates: "2025-04-11", "2021年9月1日", "2030年", "2025年2月",
 * "二〇二一年九月一日", "2021-2025年", and relative or partial dates
 * ("次月1号", "每月15日", "次年1月", "9月1日").
 *
 * Absolute dates have an ISO value ("2021-09-01", "2025-02", "2030",
 * "2021/2025" for a span of years) and min/max the first and last day as
 * YYYYMMDD numbers.  Relative dates (after 次月, 当月, 每月, 次年, 今年...)
 * and a month and day without a year keep their normalized text as value
 * and have no min/max.  A bare month ("9月停缴") is not a fact: it is too
 * vague to be worth a date.  Years are whole numbers from 1900 to 2100 in
 * four digits (Arabic or 二〇二五); "25年" is not a date.  Words after a
 * date bound it: 前/之前/以前 "upper", 后/以后/起/开始/以来 "lower".
 * Days are checked against the month (no 2月30日).
 */
#include <config.h>

#include "fact-extract.h"
#include "fact-number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DATE_TEXT_MAX 96

static const char *const month_rel[] = {
	"次月", "下月", "下个月", "当月", "本月", "每月", "上月", "上个月",
	"同月", "隔月",
};
static const char *const year_rel[] = {
	"次年", "当年", "本年", "每年", "明年", "今年", "去年", "上年",
	"翌年", "下一年", "同年", "前年", "后年",
};
static const char *const day_words[] = { "日", "号" };
static const char *const month_word[] = { "月" };


static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static size_t
longest_at(const fact_text_t *t, size_t pos, const char *const *w, size_t n)
{
	size_t best = 0;

	for (size_t k = 0; k < n; k++) {
		size_t l = num_at(t, pos, w[k]);

		if (l > best)
			best = l;
	}
	return best;
}

/* A whole number from @lo to @hi at @pos, then one of @after: the end,
 * or 0. */
static size_t
part_at(const fact_text_t *t, size_t pos, int lo, int hi,
	const char *const *after, size_t nafter, int *out)
{
	num_t n;
	size_t l;

	if (!num_read(t, pos, &n) || n.frac || n.v != n.hi || n.mag != 1 ||
	    n.v < lo || n.v > hi)
		return 0;
	if (!(l = longest_at(t, n.end, after, nafter)))
		return 0;
	*out = (int)n.v;
	return n.end + l;
}

/* 1-2 ASCII digits at @pos: the end, or 0. */
static size_t
digits12(const fact_text_t *t, size_t pos, int *out)
{
	const char *s = t->norm;
	size_t i = pos;

	*out = 0;
	while (i < t->norm_len && i - pos < 3 && s[i] >= '0' && s[i] <= '9')
		*out = *out * 10 + (s[i++] - '0');
	return i > pos && i - pos <= 2 ? i : 0;
}

static kb_status_t
date_emit(const fact_text_t *t, facts_t *out, size_t start, size_t end,
	  int y, int m, int d, int y2, kb_error_t *err)
{
	char value[32];
	double min, max;
	num_ctx_t c;

	if (y2) {
		snprintf(value, sizeof value, "%04d/%04d", y, y2);
		min = y * 10000 + 101;
		max = y2 * 10000 + 1231;
	} else if (d) {
		snprintf(value, sizeof value, "%04d-%02d-%02d", y, m, d);
		min = max = y * 10000 + m * 100 + d;
	} else if (m) {
		snprintf(value, sizeof value, "%04d-%02d", y, m);
		min = y * 10000 + m * 100 + 1;
		max = y * 10000 + m * 100 + days_in_month(y, m);
	} else {
		snprintf(value, sizeof value, "%04d", y);
		min = y * 10000 + 101;
		max = y * 10000 + 1231;
	}
	num_context(t, start, end, NUM_DATE, &c);
	return num_emit(out, t, &c, "date", value, "", min, max, err);
}

static kb_status_t
date_emit_text(const fact_text_t *t, facts_t *out, size_t start, size_t end,
	       kb_error_t *err)
{
	char value[DATE_TEXT_MAX];
	num_ctx_t c;

	if (end - start >= sizeof value)
		return KB_OK;
	memcpy(value, t->norm + start, end - start);
	value[end - start] = '\0';
	num_context(t, start, end, NUM_DATE, &c);
	return num_emit(out, t, &c, "date", value, "", NAN, NAN, err);
}

static size_t
longest_before(const fact_text_t *t, size_t pos, const char *const *w,
	       size_t n)
{
	size_t best = 0;

	for (size_t k = 0; k < n; k++) {
		size_t l = strlen(w[k]);

		if (l > best && num_before(t, pos, w[k]))
			best = l;
	}
	return best;
}

/* 次月1号, 每月15日, 次年1月, 今年3月1日 with the number at @pos: where it
 * starts and ends, or 0. */
static size_t
date_relative(const fact_text_t *t, size_t pos, size_t *start)
{
	size_t l, e;
	int m, d;

	if ((l = longest_before(t, pos, month_rel, KB_ARRAY_SIZE(month_rel)))) {
		*start = pos - l;
		return part_at(t, pos, 1, 31, day_words,
			       KB_ARRAY_SIZE(day_words), &d);
	}
	if (!(l = longest_before(t, pos, year_rel, KB_ARRAY_SIZE(year_rel))))
		return 0;
	*start = pos - l;
	if (!(e = part_at(t, pos, 1, 12, month_word, 1, &m)))
		return 0;
	l = part_at(t, e, 1, days_in_month(2000, m), day_words,
		    KB_ARRAY_SIZE(day_words), &d);
	return l ? l : e;
}

/* Whether a sentence ends between @from and @to. */
static int
sentence_ends(const fact_text_t *t, size_t from, size_t to)
{
	for (size_t p = from; p < to; p = num_next(t, p)) {
		size_t l;
		int32_t cp = num_char(t, p, &l);

		if (cp == 0x3002 || cp == '!' || cp == '?' || cp == '\n' ||
		    cp == ';')
			return 1;
	}
	return 0;
}

/* 2025-04-11, 2025/4/11, 2025.04.11, 2025-04 after the year ending at @e:
 * the end, or 0. */
static size_t
date_numeric(const fact_text_t *t, size_t e, int y, int *m, int *d)
{
	const char *s = t->norm;
	char sep;
	size_t e2, e3;

	if (e >= t->norm_len || !strchr("-/.", s[e]) || !s[e])
		return 0;
	sep = s[e];
	if (!(e2 = digits12(t, e + 1, m)) || *m < 1 || *m > 12)
		return 0;
	if (e2 < t->norm_len && s[e2] == sep &&
	    (e3 = digits12(t, e2 + 1, d)) && *d >= 1 &&
	    *d <= days_in_month(y, *m) &&
	    (e3 >= t->norm_len || !(s[e3] >= '0' && s[e3] <= '9')))
		return e3;
	/* 2025-04 alone: two digits, nothing that makes it a number */
	*d = 0;
	if (sep == '.' || e2 - e != 3 ||
	    (e2 < t->norm_len && strchr("0123456789.-/%", s[e2]) && s[e2]) ||
	    num_at(t, e2, "元") || num_at(t, e2, "年") || num_at(t, e2, "月") ||
	    num_at(t, e2, "日") || num_at(t, e2, "万") || num_at(t, e2, "个"))
		return 0;
	return e2;
}

/* M月 and an optional D日 at @pos, the day checked against year @y:
 * the end, or 0.  *@bad is set when the day does not exist (2月30日). */
static size_t
month_day(const fact_text_t *t, size_t pos, int y, int *m, int *d, int *bad)
{
	size_t e, l;

	*d = *bad = 0;
	if (!(e = part_at(t, pos, 1, 12, month_word, 1, m)))
		return 0;
	if (!(l = part_at(t, e, 1, 31, day_words, KB_ARRAY_SIZE(day_words),
			  d)))
		return e;
	if (*d > days_in_month(y, *m)) {
		*bad = 1;
		return 0;
	}
	return l;
}

/* 4 ASCII digits at @pos making a year, then a numeric month: 2025-04-11,
 * 2025/4/11, 2025.04.11 (read apart from num_read, which would take
 * 2025.04 for a decimal). */
static size_t
date_iso(const fact_text_t *t, size_t pos, int *y, int *m, int *d)
{
	const char *s = t->norm;

	if (pos + 4 >= t->norm_len)
		return 0;
	*y = 0;
	for (size_t k = pos; k < pos + 4; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		*y = *y * 10 + (s[k] - '0');
	}
	if (*y < 1900 || *y > 2100)
		return 0;
	return date_numeric(t, pos + 4, *y, m, d);
}

kb_status_t
fact_date_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	kb_status_t rc;
	num_range_t r;
	num_t n;
	size_t i = 0, e, l, year_end = 0;
	int m, d, y, bad, year = 0;

	while (i < t->norm_len) {
		size_t rel;

		if (!num_can_start(t, i)) {
			i = num_next(t, i);
			continue;
		}
		if ((e = date_relative(t, i, &rel))) {
			if ((rc = date_emit_text(t, out, rel, e, err)))
				return rc;
			i = e;
			continue;
		}
		if ((e = date_iso(t, i, &y, &m, &d))) {
			if ((rc = date_emit(t, out, i, e, y, m, d, 0, err)))
				return rc;
			i = e;
			continue;
		}
		if (!num_read(t, i, &n)) {
			i = num_next(t, i);
			continue;
		}
		if (num_is_year(&n)) {
			y = (int)n.v;
			if (num_range_read(t, i, NULL, NULL, &r) && r.is_range &&
			    num_is_year(&r.hi) && (l = num_at(t, r.end, "年"))) {
				/* 2021-2025年 */
				if ((rc = date_emit(t, out, i, r.end + l, y, 0,
						    0, (int)r.hi.v, err)))
					return rc;
				i = r.end + l;
				continue;
			}
			if ((l = num_at(t, n.end, "年"))) {
				e = n.end + l;
				m = d = 0;
				if ((l = month_day(t, e, y, &m, &d, &bad)))
					e = l;
				if (!bad && (rc = date_emit(t, out, i, e, y, m, d,
							    0, err)))
					return rc;
				/* a later month of the sentence is of this
				 * year when this date had a month too */
				if (m && !bad) {
					year = y;
					year_end = e;
				}
				i = e;
				continue;
			}
		} else if (!num_before(t, i, "个") && !num_before(t, i, "年") &&
			   (e = month_day(t, i, year ? year : 2000, &m, &d,
					  &bad))) {
			if (year && i > year_end && !sentence_ends(t, year_end, i)) {
				/* 2025年2月缴纳的医保,3月才能使用 */
				if ((rc = date_emit(t, out, i, e, year, m, d, 0,
						    err)))
					return rc;
				year_end = e;
			} else if (d && (rc = date_emit_text(t, out, i, e, err))) {
				return rc;
			}
			i = e;
			continue;
		}
		i = n.end > i ? n.end : num_next(t, i);
	}
	return KB_OK;
}
