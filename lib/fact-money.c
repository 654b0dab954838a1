/* fact-money.c - amounts of money in yuan: "700-1000元", "约500元",
 * "42.42元/月", "0.5-1元/㎡/年", "952.25亿元", "两千五百元", "1万元",
 * "¥100", "500块钱".
 *
 * value "500" or "700-1000" and min/max in yuan, multipliers applied
 * (952.25亿元 is 95225000000).  unit is "元" plus the basis of a rate:
 * written after the amount ("元/月", "元/㎡/年", "元/人·年", "元每月") or,
 * failing that, before it in the same clause (每月200元 and 每人每月55元
 * are "元/月": a person before a time is implied; 每人55元 is "元/人";
 * 年缴费500元 "元/年").  Written after the amount the basis is kept in its
 * order ("元/人/年", "元/㎡/年").  Area units (㎡, m², 平方米, 平米) are
 * "㎡".  An amount in a clause that compares (比原标准(180元)增加20元)
 * shares the basis of the amount before it in the sentence.
 *
 * Label: as in fact-number.h, or the word right after the amount when it
 * names it ("1000元缴费补贴60元": 1000 is 缴费, 60 补贴).  A later item of
 * the same sentence that leaves the word out but repeats what followed it
 * ("…,2000元补贴90元") has the same label.
 *
 * Not money: other currencies (美元, 港元: the number is not followed by
 * 元), 块 after a Chinese numeral or before a noun (一块地, 3块钢板), and
 * 元 starting a word (二元结构, 一元化).
 */
#include <config.h>

#include "fact-extract.h"
#include "fact-number.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

#define UNIT_MAX 64
/* How far back the basis of a rate is looked for, in characters. */
#define BASIS_WINDOW 12
/* How far back a clause is searched for 比, in bytes. */
#define COMPARE_WINDOW 48
/* The longest text between a label after an amount and the next number
 * that a parallel item may repeat (补贴 in 1000元缴费补贴60元), in bytes. */
#define BRIDGE_MAX 12
/* How far a parallel item may stand from the item before it, in bytes. */
#define PARALLEL_WINDOW 120

static size_t
money_unit(const fact_text_t *t, size_t pos, int *id)
{
	static const char *const units[] = { "元", "块钱" };
	size_t l;

	*id = 1;
	for (size_t k = 0; k < KB_ARRAY_SIZE(units); k++)
		if ((l = num_at(t, pos, units[k])))
			return l;
	return 0;
}

/* 元 followed by these is a word: 二元结构, 一元化, 元素, 元旦. */
static int
yuan_starts_word(const fact_text_t *t, size_t pos)
{
	static const char *const next[] = {
		"化", "素", "论", "结构", "组", "性", "制", "函数", "旦",
		"宇宙", "朝", "件", "老", "首", "帅", "气",
	};

	for (size_t k = 0; k < KB_ARRAY_SIZE(next); k++)
		if (num_at(t, pos, next[k]))
			return 1;
	return 0;
}

/* After 块 (Arabic amounts only) a noun would make it a measure word. */
static int
kuai_is_money(const fact_text_t *t, size_t pos)
{
	static const char *const ok_next[] = {
		"左右", "多", "以上", "以下", "起", "钱",
	};
	size_t l;
	int32_t cp = num_char(t, pos, &l);

	for (size_t k = 0; k < KB_ARRAY_SIZE(ok_next); k++)
		if (num_at(t, pos, ok_next[k]))
			return 1;
	return !norm_is_han(cp);
}

typedef struct basis {
	const char *w;
	const char *name;
} basis_t;

/* What a rate is per, written after the amount. */
static const basis_t post_basis[] = {
	{ "平方米", "㎡" }, { "平米", "㎡" }, { "平方", "㎡" }, { "m2", "㎡" },
	{ "㎡", "㎡" }, { "平", "㎡" }, { "人次", "人次" }, { "人", "人" },
	{ "小时", "小时" }, { "月", "月" }, { "年", "年" },
	{ "次", "次" }, { "天", "天" }, { "日", "天" }, { "周", "周" },
	{ "户", "户" }, { "床", "床" }, { "件", "件" }, { "份", "份" },
	{ "张", "张" }, { "台", "台" }, { "项", "项" }, { "亩", "亩" },
	{ "吨", "吨" }, { "公斤", "公斤" }, { "kg", "公斤" }, { "盒", "盒" },
	{ "支", "支" }, { "瓶", "瓶" }, { "套", "套" },
};

/* "/月", "/㎡/年", "/人·年", "每月", "/每月" after the unit: appended to
 * @unit; returns the end. */
static size_t
money_post_basis(const fact_text_t *t, size_t pos, char *unit, size_t size)
{
	static const char *const seps[] = { "/每", "/", "每", "·" };
	size_t n = strlen(unit);

	for (int step = 0; step < 3; step++) {
		size_t sl = 0, bl = 0, k;
		const basis_t *b = NULL;

		for (k = 0; k < KB_ARRAY_SIZE(seps) && !sl; k++)
			sl = num_at(t, pos, seps[k]);
		/* · only between two parts of a basis */
		if (!sl || (step == 0 && !strcmp(seps[k - 1], "·")))
			break;
		for (k = 0; k < KB_ARRAY_SIZE(post_basis); k++) {
			size_t l = num_at(t, pos + sl, post_basis[k].w);

			if (l > bl) {
				bl = l;
				b = &post_basis[k];
			}
		}
		if (!b)
			break;
		snprintf(unit + n, size - n, "/%s", b->name);
		n = strlen(unit);
		pos += sl + bl;
	}
	return pos;
}

/* 每人每月55元, 年缴费500元: the basis before the amount at @start, in
 * the same clause, after the last number. */
static void
money_pre_basis(const fact_text_t *t, size_t start, char *unit, size_t size)
{
	static const basis_t times[] = {
		{ "每月", "月" }, { "每个月", "月" }, { "月缴", "月" },
		{ "按月", "月" }, { "每周", "周" }, { "每小时", "小时" },
		{ "月均", "月" }, { "每年", "年" }, { "年缴", "年" },
		{ "按年", "年" }, { "年均", "年" }, { "每天", "天" },
		{ "每日", "天" }, { "日均", "天" }, { "每次", "次" },
	};
	static const char *const persons[] = { "每人", "人均" };
	static const char *const areas[] = { "每平方米", "每平米", "每m2" };
	static const char *const stops[] = {
		",", "。", ";", "!", "?", "、", "\n", "(", ")",
	};
	const char *time = NULL, *person = NULL, *area = NULL;
	size_t w = start, l, n = strlen(unit);
	int chars = 0;

	while (w > 0 && chars < BASIS_WINDOW) {
		size_t pl;
		int32_t cp = num_prev_char(t, w, &pl);
		int stop = cp >= '0' && cp <= '9';

		for (size_t k = 0; k < KB_ARRAY_SIZE(stops) && !stop; k++)
			stop = num_before(t, w, stops[k]);
		if (stop)
			break;
		w -= pl;
		chars++;
	}
	for (size_t p = w; p < start; p = num_next(t, p)) {
		for (size_t k = 0; k < KB_ARRAY_SIZE(persons); k++)
			if (num_at(t, p, persons[k]))
				person = "人";
		for (size_t k = 0; k < KB_ARRAY_SIZE(areas); k++)
			if (num_at(t, p, areas[k]))
				area = "㎡";
		for (size_t k = 0; k < KB_ARRAY_SIZE(times); k++) {
			int32_t prev;

			if (!num_at(t, p, times[k].w))
				continue;
			/* 2025年缴纳: a year, not a basis */
			prev = num_prev_char(t, p, &l);
			if (times[k].w[0] != "每"[0] && prev >= '0' &&
			    prev <= '9')
				continue;
			time = times[k].name; /* the nearest wins */
		}
	}
	/* 每人每月55元 is a monthly amount: the person is implied */
	if (person && !area && !time)
		n += snprintf(unit + n, size - n, "/%s", person);
	if (area)
		n += snprintf(unit + n, size - n, "/%s", area);
	if (time)
		snprintf(unit + n, size - n, "/%s", time);
}

/* 比原标准(180元)增加20元 after 每月200元: an amount in a clause that
 * compares (比) shares the basis of the amount before it in the same
 * sentence. */
static int
money_compared(const fact_text_t *t, size_t prev_end, size_t start)
{
	size_t p, l;
	int32_t cp;

	if (!prev_end || prev_end > start)
		return 0;
	for (p = start; p > prev_end; p -= l) {
		cp = num_prev_char(t, p, &l);
		if (cp == 0x3002 || cp == '!' || cp == '?' || cp == '\n' ||
		    cp == ';')
			return 0;
	}
	for (p = start; p > 0 && start - p < COMPARE_WINDOW; p -= l) {
		cp = num_prev_char(t, p, &l);
		if (cp == 0x6BD4) /* 比 */
			return 1;
		if (cp == ',' || cp == 0x3002 || cp == '!' || cp == '?' ||
		    cp == '\n' || cp == ';')
			return 0;
	}
	return 0;
}

/* A label written after an amount (1000元缴费补贴60元), kept for the
 * items of the same sentence that leave it out (2000元补贴90元). */
typedef struct money_after {
	char label[NUM_LABEL_MAX];
	size_t bridge, bridge_len; /* 补贴: from the label to the next number */
	size_t end;                /* the last item's end; 0: none */
} money_after_t;

static int
money_sentence_end(int32_t cp)
{
	return cp == 0x3002 || cp == '!' || cp == '?' || cp == ';' ||
	       cp == '\n';
}

/* What stands between @pos and the next number: Han characters only, at
 * most BRIDGE_MAX bytes; its length, or 0. */
static size_t
money_bridge(const fact_text_t *t, size_t pos)
{
	size_t p = pos, l;
	num_t n;

	while (p < t->norm_len && p - pos <= BRIDGE_MAX) {
		if (num_read(t, p, &n))
			return p - pos;
		if (!norm_is_han(num_char(t, p, &l)))
			return 0;
		p += l;
	}
	return 0;
}

/* The label after the amount ending at @end, or the one of a parallel item
 * before it in the sentence; @c->stop is where its own clause starts. */
static void
money_label_after(const fact_text_t *t, size_t end, num_ctx_t *c,
		  money_after_t *a)
{
	size_t le, l;

	if ((le = num_label_after(t, end, NUM_MONEY, c->label))) {
		a->bridge = le;
		a->bridge_len = money_bridge(t, le);
		a->end = le;
		memcpy(a->label, c->label, sizeof a->label);
		return;
	}
	if (!a->end || !a->bridge_len || a->end > c->stop ||
	    c->stop - a->end > PARALLEL_WINDOW ||
	    t->norm_len - end < a->bridge_len ||
	    memcmp(t->norm + end, t->norm + a->bridge, a->bridge_len) ||
	    money_bridge(t, end) != a->bridge_len)
		return;
	/* an item of the same sentence, opening its clause */
	if (num_prev_char(t, c->stop, &l) != ',' &&
	    !num_before(t, c->stop, "、"))
		return;
	for (size_t p = a->end; p < c->stop; p += l)
		if (money_sentence_end(num_char(t, p, &l)) || !l)
			return;
	memcpy(c->label, a->label, sizeof c->label);
	a->end = end;
}

kb_status_t
fact_money_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	kb_status_t rc;
	num_range_t r;
	num_ctx_t c;
	char unit[UNIT_MAX], prev_unit[UNIT_MAX] = "", value[64];
	num_prev_t prev = { 0 };
	money_after_t after = { .end = 0 };
	size_t i = 0, at, u, end;
	int id, more, yen, compared;

	if (!strstr(t->norm, "元") && !strstr(t->norm, "块") &&
	    !strstr(t->norm, "¥"))
		return KB_OK;
	while (i < t->norm_len) {
		size_t start = i;

		yen = num_at(t, i, "¥") != 0;
		if (yen) {
			at = i + 2;
			while (at < t->norm_len && t->norm[at] == ' ')
				at++;
			if (!num_range_read(t, at, NULL, "¥", &r)) {
				i = at;
				continue;
			}
		} else if (!num_can_start(t, i) ||
			   !num_range_read(t, i, money_unit, NULL, &r)) {
			i = num_next(t, i);
			continue;
		}
		at = r.end;
		more = 0;
		if (num_at(t, at, "多") || num_at(t, at, "余")) {
			more = 1;
			at += 3;
		}
		u = money_unit(t, at, &id);
		if (!u && !r.lo.chinese && !r.hi.chinese &&
		    num_at(t, at, "块") &&
		    kuai_is_money(t, at + 3))
			u = 3;
		if (u && yuan_starts_word(t, at + u))
			u = 0;
		if (!u && !yen) {
			i = r.lo.end;
			continue;
		}
		if (u)
			at += u;
		snprintf(unit, sizeof unit, "元");
		end = money_post_basis(t, at, unit, sizeof unit);
		if (end == at)
			money_pre_basis(t, start, unit, sizeof unit);
		compared = money_compared(t, prev.end, start);
		if (end == at && !strcmp(unit, "元") && compared)
			memcpy(unit, prev_unit, sizeof unit);
		num_context(t, start, end, NUM_MONEY, &c);
		/* 比原标准(180元): the standard of what was compared */
		if (compared && !strcmp(c.label, "标准") && prev.label[0])
			memcpy(c.label, prev.label, sizeof c.label);
		if (!c.label[0])
			money_label_after(t, end, &c, &after);
		num_share_label(t, &c, &prev);
		memcpy(prev_unit, unit, sizeof prev_unit);
		if (more && !c.bound)
			c.bound = "lower";
		num_format(value, sizeof value, r.lo.v, r.hi.v);
		if ((rc = num_emit(out, t, &c, "money", value, unit, r.lo.v,
				   r.hi.v, err)))
			return rc;
		i = end;
	}
	return KB_OK;
}
