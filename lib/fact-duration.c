/* fact-duration.c - lengths of time: "15个工作日", "3个月", "满8个月",
 * "20年", "6-10分钟", "8-15秒", "5年以上", "半年", "一年半".
 *
 * value "3" or "6-10", min/max in the unit as written (no conversion:
 * 3个月 is 3 "月", as doc/facts.md has it).  Units: "年", "月", "周",
 * "天", "工作日", "小时", "分钟", "秒"; 日 is "天", 星期/礼拜 are "周".
 * Traditional text is read as its Simplified form (normalize.h folds it).
 * 半年 is 0.5 年, 一年半 1.5 年, 两个半月 2.5 月, 三四个月 3-4 月.
 *
 * What is not a duration:
 *  - years: a whole number from 1900 to 2100 in four digits before 年 is a
 *    date (fact-date.c), also in ranges (2021-2025年); a number before
 *    年 followed by a month ("25年3月") is a date written short;
 *  - months without 个: "3月" is March;
 *  - 日 is a day of the month unless a word makes it a length: 30日内,
 *    满30日, 超过15日;
 *  - 周岁 and 周年 (ages, anniversaries), 年级 年代 年度 年底... ;
 *  - ordinals (第3年) and 上半年/下半年.
 * "5年以上" is a duration of 5 年 with bound=lower; "3个多月" and
 * "20多年" have bound=lower too.
 */
#include <config.h>

#include "fact-extract.h"
#include "fact-number.h"

#include <string.h>

enum { GE_NONE, GE_ANY, GE_NEEDED };

typedef struct dur_unit {
	const char *w;
	const char *name;
	int ge; /* may or must follow 个 */
} dur_unit_t;

static const dur_unit_t units[] = {
	{ "工作日", "工作日", GE_ANY }, { "月", "月", GE_NEEDED },
	{ "小时", "小时", GE_ANY }, { "钟头", "小时", GE_ANY },
	{ "星期", "周", GE_ANY }, { "礼拜", "周", GE_ANY },
	{ "周", "周", GE_ANY }, { "年", "年", GE_NONE },
	{ "天", "天", GE_NONE }, { "日", "天", GE_NONE },
	{ "分钟", "分钟", GE_ANY }, { "秒钟", "秒", GE_NONE },
	{ "秒", "秒", GE_NONE },
};

/* After 年 these make another word: 年级, 年代, 年度, 年底... */
static const char *const after_year[] = {
	"级", "代", "度", "龄", "纪", "底", "初", "末", "终", "份", "薪",
	"费", "货", "会", "鉴", "报", "假", "画", "华", "夜", "糕", "历",
	"轻", "金", "前后",
};

/* Before a number, these make 日 a length (满30日); after the unit,
 * these do (30日内). */
static const char *const day_pre[] = {
	"满", "超过", "连续", "提前", "不超过", "不少于", "至少", "最长",
	"最多", "未满", "不满", "逾", "期满",
};
static const char *const day_post[] = {
	"内", "以内", "之内", "后", "以后", "之后", "以上",
};

static int
any_at(const fact_text_t *t, size_t pos, const char *const *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (num_at(t, pos, w[k]))
			return 1;
	return 0;
}

static int
any_before(const fact_text_t *t, size_t pos, const char *const *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (num_before(t, pos, w[k]))
			return 1;
	return 0;
}

/* A number then 月 (not 个月) at @pos: a date written "25年3月". */
static int
month_follows(const fact_text_t *t, size_t pos)
{
	num_t n;

	return num_read(t, pos, &n) && num_at(t, n.end, "月");
}

/* The unit at @pos, with 多 (more than) and 半 (and a half) around it.
 * Returns its length, 0 when none. */
static size_t
dur_unit_at(const fact_text_t *t, size_t pos, const dur_unit_t **unit,
	    int *more, int *half)
{
	const dur_unit_t *best = NULL;
	size_t i = pos, l, bl = 0;
	int ge = 0;

	*more = *half = 0;
	if ((l = num_at(t, i, "多")) || (l = num_at(t, i, "余"))) {
		*more = 1;
		i += l;
	}
	if ((l = num_at(t, i, "个"))) {
		ge = 1;
		i += l;
		if (!*more && (l = num_at(t, i, "多"))) {
			*more = 1;
			i += l;
		}
		if ((l = num_at(t, i, "半"))) {
			*half = 1;
			i += l;
		}
	}
	for (size_t k = 0; k < KB_ARRAY_SIZE(units); k++) {
		if ((ge && units[k].ge == GE_NONE) ||
		    (!ge && units[k].ge == GE_NEEDED))
			continue;
		l = num_at(t, i, units[k].w);
		if (l > bl) {
			bl = l;
			best = &units[k];
		}
	}
	if (!best)
		return 0;
	i += bl;
	if (!strcmp(best->w, "年") &&
	    (any_at(t, i, after_year, KB_ARRAY_SIZE(after_year)) ||
	     month_follows(t, i)))
		return 0;
	if (!strcmp(best->w, "周") &&
	    (num_at(t, i, "岁") || num_at(t, i, "年")))
		return 0;
	/* 一年半, 1小时半 */
	if (!*half && (!strcmp(best->name, "年") ||
		       !strcmp(best->name, "小时")) &&
	    (l = num_at(t, i, "半"))) {
		*half = 1;
		i += l;
	}
	*unit = best;
	return i - pos;
}

static size_t
dur_range_unit(const fact_text_t *t, size_t pos, int *id)
{
	const dur_unit_t *u;
	int more, half;
	size_t l = dur_unit_at(t, pos, &u, &more, &half);

	if (!l || more || half)
		return 0;
	/* one id for each name: 小时 and 钟头 are the same unit */
	for (*id = 0; strcmp(units[*id].name, u->name); (*id)++)
		;
	return l;
}

/* 2025年 is a date; 15日 after 9月, or with nothing that makes it a
 * length, is a day of the month. */
static int
dur_not_length(const fact_text_t *t, const num_range_t *r,
	       const dur_unit_t *u, size_t len)
{
	if (!strcmp(u->name, "年") &&
	    (num_is_year(&r->lo) || num_is_year(&r->hi)))
		return 1;
	if (strcmp(u->w, "日"))
		return 0;
	if (num_before(t, r->start, "月"))
		return 1;
	return !any_before(t, r->start, day_pre, KB_ARRAY_SIZE(day_pre)) &&
	       !any_at(t, r->end + len, day_post, KB_ARRAY_SIZE(day_post));
}

static kb_status_t
dur_emit(const fact_text_t *t, facts_t *out, num_prev_t *prev, size_t start,
	 size_t end, double lo, double hi, const char *unit, int more,
	 kb_error_t *err)
{
	char value[64];
	num_ctx_t c;

	num_context(t, start, end, NUM_DURATION, &c);
	num_share_label(t, &c, prev);
	if (more && !c.bound)
		c.bound = "lower";
	num_format(value, sizeof value, lo, hi);
	return num_emit(out, t, &c, "duration", value, unit, lo, hi, err);
}

/* 半年, 半个月, 半天 (but not 上半年, 一半). */
static size_t
dur_half(const fact_text_t *t, size_t pos, facts_t *out, num_prev_t *prev,
	 kb_status_t *rc, kb_error_t *err)
{
	static const char *const not_before[] = {
		"上", "下", "前", "后", "多", "大", "过", "这", "那", "一",
		"第",
	};
	const dur_unit_t *u;
	size_t l;
	int more, half;

	if ((unsigned char)t->norm[pos] < 0x80 || !num_at(t, pos, "半") ||
	    any_before(t, pos, not_before, KB_ARRAY_SIZE(not_before)))
		return 0;
	l = dur_unit_at(t, pos + 3, &u, &more, &half);
	if (!l || more || half || !strcmp(u->w, "日") ||
	    !strcmp(u->name, "工作日"))
		return 0;
	*rc = dur_emit(t, out, prev, pos, pos + 3 + l, 0.5, 0.5, u->name, 0, err);
	return pos + 3 + l;
}

kb_status_t
fact_duration_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	kb_status_t rc = KB_OK;
	const dur_unit_t *u;
	num_prev_t prev = { 0 };
	num_range_t r;
	size_t i = 0, l, next;
	int more, half;
	double lo, hi;

	while (i < t->norm_len) {
		if ((next = dur_half(t, i, out, &prev, &rc, err))) {
			if (rc)
				return rc;
			i = next;
			continue;
		}
		if (!num_can_start(t, i) ||
		    !num_range_read(t, i, dur_range_unit, NULL, &r)) {
			i = num_next(t, i);
			continue;
		}
		l = dur_unit_at(t, r.end, &u, &more, &half);
		if (!l || dur_not_length(t, &r, u, l)) {
			i = l ? r.end + l : r.lo.end;
			continue;
		}
		lo = r.lo.v;
		hi = r.hi.v;
		if (half) {
			if (!r.is_range)
				lo += 0.5;
			hi += 0.5;
		}
		if ((rc = dur_emit(t, out, &prev, r.start, r.end + l, lo, hi, u->name,
				   more, err)))
			return rc;
		i = r.end + l;
	}
	return KB_OK;
}
