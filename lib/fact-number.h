/* fact-number.h - reading numbers in passages, for the numeric extractors
 * (fact-percent.c, fact-money.c, fact-duration.c, fact-date.c).
 *
 * All positions are byte offsets into the normalized text (NFKC: full-width
 * digits and signs are already ASCII, "㎡" is "m2").  Nothing here
 * allocates: readers fill caller structs, emission goes through the fact
 * list's arena.
 *
 * Numbers:
 *  - Arabic: digits, a decimal part ("42.42"), thousands separators only
 *    when written as an ASCII ',' followed by exactly three digits ("1,000";
 *    a full-width '，' is a list comma: "1，500" is two numbers).
 *  - Chinese: 零〇一二两三四五六七八九十百千万亿 and the financial forms
 *    壹贰叁肆伍陆柒捌玖拾佰仟, with 点 for decimals ("一点五").  The text
 *    comes folded to Simplified (normalize.h), so 萬億兩貳陸 are read as
 *    these; 參 folds to 参, which is not a numeral (参保).  A run of three
 *    or more bare digits is positional ("二〇二五" = 2025).  Two
 *    consecutive bare digits are an approximate range ("三四个月" = 3-4).
 *    A Chinese number starts with a digit or 十/拾, never with 百千万亿
 *    (so 千万, 万一, 百分之 are not read as numbers).
 *  - mixed: Arabic digits followed by 百/千/万/亿 multipliers ("1.5万",
 *    "3千", "952.25亿", "100万亿").
 *
 * Where a number may start: not right after a digit, an ASCII letter or a
 * '.', not after a Chinese numeral, and not after 第 (ordinals: 第二,
 * 第3档, 第一档).  A lone 一 after 统/唯/之/同/逐/单/不/每/周... is part of a
 * word (统一, 唯一, 每一年).
 *
 * Ranges: "a-b", "a~b", "a〜b", "a—b", "a–b", "a至b", "a到b", with spaces
 * allowed around the separator, and the unit may be repeated ("50%-55%",
 * "700元-1000元").  A multiplier written only on the upper end applies to
 * the lower end when that keeps the range increasing ("1-2万元" is
 * 10000-20000, "5000-1万元" is 5000-10000).  A range must not decrease.
 *
 * Context (num_context): the words around a quantity give
 *  - "bound": "approx" (约, 大约, 左右...), "upper" (最高, 不超过, 以内,
 *    以下...), "lower" (最低, 至少, 超过, 满, 以上, 起...).  min/max keep
 *    the stated numbers (JSON has no infinity); the bound says which side
 *    is open.  "5年以上" is therefore a duration 5 年 with bound=lower.
 *  - "change": "up" (提高, 增加, 上调...) or "down" (降低, 减少...).
 *  - the label: walking back from the number over fillers (为, 是, 约, :,
 *    spaces, bound and change words, 每人每月, list items such as 养老保险
 *    or 住院...), the longest word of a small lexicon of quantities that
 *    ends there (报销比例, 起付线, 缴费基数, 基础养老金...), joined with a
 *    head before a tail word (财政补贴+占比; 基础养老金[最低]标准 and
 *    缴费基数范围 are 基础养老金 and 缴费基数).  Otherwise "": a wrong label
 *    costs more than a missing one, so what merely precedes a ':'
 *    ("住宅部分:0.5-1元/㎡/年") is not taken for a label, nor is a
 *    scheme name ("缴费比例为养老保险8%" is labelled 缴费比例).
 *    When the walk stops at the ',' that opens the number's clause, the
 *    name of a quantity opening the sentence's first clause (no other
 *    number in it) is its subject and the label: "报销比例因转诊备案情况
 *    而异,最高可达75%" is 报销比例 (not for a change: "降低10%").
 *  - num_label_after: a money amount may be named by the word after it
 *    ("1000元缴费补贴60元": 缴费), unless that word names the next number.
 *  - num_share_label: the items of a list ("、") and a restatement in
 *    parentheses share the label of the quantity before them.
 *  Adjacent bound words are part of the fact's text ("约500元",
 *  "最高可达75%", "5年以上"); fillers and change words are not.
 *
 * Not handled on purpose: "N.M" at the start of a line is read as a
 * decimal even when N is a list number ("1.30天内" is 1.3天); list numbers
 * followed by text ("1. 职工医保") carry no unit and so make no fact.
 */
#ifndef KB_FACT_NUMBER_H
#define KB_FACT_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "fact-extract.h"

/* A number read at some position. */
typedef struct num {
	size_t start, end; /* normalized bytes */
	double v;          /* the value, multipliers applied */
	double hi;         /* == v, or the upper end of "三四" (3-4) */
	double mag;        /* trailing 万/亿/千/百 multiplier, else 1 */
	int digits;        /* integer digits when written digit by digit
			    * (Arabic, or positional Chinese), else 0 */
	int frac;          /* 1 when it has a decimal part */
	int chinese;       /* 1 when written in Chinese numerals */
} num_t;

/* Read a number at @pos.  Returns its end (> @pos), or 0 when none starts
 * there.  Does not check where it stands (see num_can_start). */
size_t num_read(const fact_text_t *t, size_t pos, num_t *n);

/* 1 when a number may start at @pos: a numeral is there and the character
 * before does not make it the tail of a number, an ordinal or a word. */
int num_can_start(const fact_text_t *t, size_t pos);

/* 1 when @v is a whole number from 1900 to 2100 written with 4 digits. */
int num_is_year(const num_t *n);

/* Length of the unit at @pos (0: none), with an id so that a range can
 * check that a repeated unit is the same one. */
typedef size_t (*num_unit_fn)(const fact_text_t *t, size_t pos, int *id);

typedef struct num_range {
	num_t lo, hi;  /* hi is lo for a single number */
	int is_range;
	size_t start;  /* lo.start */
	size_t end;    /* after the last number (its unit is not read) */
} num_range_t;

/* Read a number or a range at @pos.  @unit (may be NULL) reads a unit
 * repeated after the lower end; @hi_prefix (may be NULL) may be repeated
 * before the upper end ("百分之四十五至百分之五十", "¥100-¥200").
 * Returns r->end, or 0 when no number starts at @pos. */
size_t num_range_read(const fact_text_t *t, size_t pos, num_unit_fn unit,
		      const char *hi_prefix, num_range_t *r);

/* Length of @word at @pos of the normalized text, or 0. */
size_t num_at(const fact_text_t *t, size_t pos, const char *word);

/* 1 when @word ends at @pos. */
int num_before(const fact_text_t *t, size_t pos, const char *word);

/* The position of the character after the one at @pos. */
size_t num_next(const fact_text_t *t, size_t pos);

/* The character at @pos (0 at the end) and its length in *@len. */
int32_t num_char(const fact_text_t *t, size_t pos, size_t *len);

/* The character before @pos (0 at the start) and its length in *@len. */
int32_t num_prev_char(const fact_text_t *t, size_t pos, size_t *len);

/* Kinds of quantity, for the label lexicon and the context words. */
enum {
	NUM_PERCENT = 1,
	NUM_MONEY = 2,
	NUM_DURATION = 4,
	NUM_DATE = 8,
};

#define NUM_LABEL_MAX 64

typedef struct num_ctx {
	size_t start, end;  /* the fact's text, widened over bound words */
	const char *bound;  /* "approx", "upper", "lower" or NULL */
	const char *change; /* "up", "down" or NULL */
	char label[NUM_LABEL_MAX];
	size_t stop;        /* where the walk back stopped */
} num_ctx_t;

/* Look around the quantity at [@start, @end) of kind @kind for its bound,
 * change and label (see the top of this file). */
void num_context(const fact_text_t *t, size_t start, size_t end,
		 unsigned kind, num_ctx_t *c);

/* The label written right after a quantity of kind @kind that ends at
 * @pos, when the word there names it and not a number after it
 * ("1000元缴费补贴60元": 缴费; not "2000元补贴90元").  Returns the end of
 * the word, or 0 and an empty @label. */
size_t num_label_after(const fact_text_t *t, size_t pos, unsigned kind,
		       char *label);

/* The quantity an extractor found last, for lists that share a label. */
typedef struct num_prev {
	size_t end; /* the end of its text; 0: none yet */
	char label[NUM_LABEL_MAX];
} num_prev_t;

/* An unlabelled quantity takes the label of the one before it when it
 * follows it after a "、" (only list items such as 医疗保险 between:
 * "缴费比例为养老保险8%、医疗保险2%") or restates it in parentheses
 * ("年缴费约500元(42.42元/月)").  Then @c becomes the previous. */
void num_share_label(const fact_text_t *t, num_ctx_t *c, num_prev_t *prev);

/* "45" or "50-55" (%.15g: exact for money up to 10^15 yuan). */
void num_format(char *buf, size_t size, double lo, double hi);

/* Add the fact described by @c, then its "bound" and "change" attrs (in
 * that order, each only when known). */
kb_status_t num_emit(facts_t *out, const fact_text_t *t, const num_ctx_t *c,
		     const char *type, const char *value, const char *unit,
		     double min, double max, kb_error_t *err);

#endif
