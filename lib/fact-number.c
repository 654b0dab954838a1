/* fact-number.c - numbers, ranges and their context (see fact-number.h). */
#include <config.h>

#include "fact-number.h"
#include "normalize.h"

#include <stdio.h>
#include <string.h>

/* Arabic numbers longer than this are identifiers, not quantities. */
#define ARABIC_MAX_DIGITS 15
#define FRAC_MAX_DIGITS 9
/* How far num_context walks over fillers before the number. */
#define CONTEXT_MAX_STEPS 10
/* How long the clause that opens a sentence with its subject may be, in
 * characters (报销比例因转诊备案情况而异,最高可达75%). */
#define SUBJECT_MAX_CHARS 30

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int32_t
num_char(const fact_text_t *t, size_t pos, size_t *len)
{
	int32_t cp = 0;

	*len = pos < t->norm_len ?
		norm_decode(t->norm + pos, t->norm_len - pos, &cp) : 0;
	return *len ? cp : 0;
}

size_t
num_next(const fact_text_t *t, size_t pos)
{
	size_t l;

	if ((unsigned char)t->norm[pos] < 0x80)
		return pos + 1;
	num_char(t, pos, &l);
	return pos + (l ? l : 1);
}

int32_t
num_prev_char(const fact_text_t *t, size_t pos, size_t *len)
{
	size_t p = pos;

	if (!pos) {
		*len = 0;
		return 0;
	}
	do
		p--;
	while (p > 0 && ((unsigned char)t->norm[p] & 0xC0) == 0x80);
	*len = pos - p;
	return num_char(t, p, &(size_t){ 0 });
}

/* The word lists are scanned for every number: the first two bytes (the
 * last one, before a position) rule out most words before strlen and
 * memcmp run.  The text is NUL-terminated, so norm[pos + 1] may be read
 * when pos < norm_len. */
size_t
num_at(const fact_text_t *t, size_t pos, const char *word)
{
	size_t wl;

	if (pos >= t->norm_len || t->norm[pos] != word[0] ||
	    (word[1] && t->norm[pos + 1] != word[1]))
		return 0;
	wl = strlen(word);
	if (t->norm_len - pos < wl || memcmp(t->norm + pos, word, wl))
		return 0;
	return wl;
}

int
num_before(const fact_text_t *t, size_t pos, const char *word)
{
	size_t wl = strlen(word);

	return pos >= wl && (!wl || t->norm[pos - 1] == word[wl - 1]) &&
	       !memcmp(t->norm + pos - wl, word, wl);
}

/* Chinese numerals.  Digits give 0-9; 十百千万亿 give their value as a
 * negative number; anything else -1.  *fin is set for the forms that also
 * occur as ordinary words (伍 in 队伍, 陆 in 陆续). */
enum { CN_NONE = -1, CN_TEN = -10, CN_HUNDRED = -100, CN_THOUSAND = -1000,
       CN_WAN = -10000, CN_YI = -100000000 };

static int
cn_value(int32_t cp, int *fin)
{
	*fin = 0;
	switch (cp) {
	case 0x96F6: case 0x3007: return 0;           /* 零 〇 */
	case 0x4E00: return 1;                         /* 一 */
	case 0x4E8C: case 0x4E24: return 2;            /* 二 两 */
	case 0x4E09: return 3;                         /* 三 */
	case 0x56DB: return 4;                         /* 四 */
	case 0x4E94: return 5;                         /* 五 */
	case 0x516D: return 6;                         /* 六 */
	case 0x4E03: return 7;                         /* 七 */
	case 0x516B: return 8;                         /* 八 */
	case 0x4E5D: return 9;                         /* 九 */
	case 0x5341: return CN_TEN;                    /* 十 */
	case 0x767E: return CN_HUNDRED;                /* 百 */
	case 0x5343: return CN_THOUSAND;               /* 千 */
	case 0x4E07: return CN_WAN;                    /* 万 */
	case 0x4EBF: return CN_YI;                     /* 亿 */
	}
	*fin = 1;
	switch (cp) {
	case 0x58F9: return 1;                         /* 壹 */
	case 0x8D30: return 2;                         /* 贰 */
	case 0x53C1: return 3;                         /* 叁 */
	case 0x8086: return 4;                         /* 肆 */
	case 0x4F0D: return 5;                         /* 伍 */
	case 0x9646: return 6;                         /* 陆 */
	case 0x67D2: return 7;                         /* 柒 */
	case 0x634C: return 8;                         /* 捌 */
	case 0x7396: return 9;                         /* 玖 */
	case 0x62FE: return CN_TEN;                    /* 拾 */
	case 0x4F70: return CN_HUNDRED;                /* 佰 */
	case 0x4EDF: return CN_THOUSAND;               /* 仟 */
	}
	*fin = 0;
	return CN_NONE;
}

static int
is_cn_numeral(int32_t cp)
{
	int fin;

	return cn_value(cp, &fin) != CN_NONE || cp == 0x70B9;
}

static int
is_point(int32_t cp)
{
	return cp == 0x70B9; /* 点 */
}

static double
pow10i(int n)
{
	double p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* Bare Chinese digits from @pos: how many, their positional value and
 * the first two. */
static size_t
cn_digit_run(const fact_text_t *t, size_t pos, int *count, double *value,
	     int first[2])
{
	size_t i = pos, l;
	int fin, d;

	*count = 0;
	*value = 0;
	while ((d = cn_value(num_char(t, i, &l), &fin)) >= 0) {
		if (*count < 2)
			first[*count] = d;
		(*count)++;
		*value = *value * 10 + d;
		i += l;
	}
	return i;
}

/* "点五" after a Chinese integer. */
static size_t
cn_fraction(const fact_text_t *t, size_t pos, double *frac)
{
	size_t l, i;
	double v;
	int count, first[2];

	if (!is_point(num_char(t, pos, &l)))
		return pos;
	i = cn_digit_run(t, pos + l, &count, &v, first);
	if (!count || count > FRAC_MAX_DIGITS)
		return pos;
	*frac = v / pow10i(count);
	return i;
}

static size_t
num_read_chinese(const fact_text_t *t, size_t pos, num_t *n)
{
	double total = 0, wan = 0, sec = 0, frac = 0, mag = 1;
	/* cur: the pending digit (-1: none); after: the unit written just
	 * before it, so that 两千五 is 2500 and 一万五 15000 */
	int cur = -1, after = 0, prev_unit = 0, last_small = 0;
	int chars = 0, fin_chars = 0, count, first[2], fin, v;
	double run_value;
	size_t i, l, run_end;
	int32_t cp;

	run_end = cn_digit_run(t, pos, &count, &run_value, first);
	cp = num_char(t, run_end, &l);
	if (count >= 3 && !is_cn_numeral(cp)) {
		/* 二〇二五: digit by digit */
		n->v = n->hi = run_value;
		n->digits = count;
		n->end = run_end;
		return run_end;
	}
	if (count == 2 && first[0] >= 1 && first[1] == first[0] + 1 &&
	    !is_cn_numeral(cp)) {
		/* 三四个月: three or four */
		n->v = first[0];
		n->hi = first[1];
		n->end = run_end;
		return run_end;
	}
	for (i = pos;; i += l) {
		cp = num_char(t, i, &l);
		v = cn_value(cp, &fin);
		if (v == CN_NONE)
			break;
		if (v >= 0) {
			/* a digit replaces a pending 零 (一千零五); two
			 * other digits in a row end the number */
			if (cur > 0)
				break;
			after = cur == 0 ? 0 : prev_unit;
			cur = v;
			prev_unit = 0;
			mag = 1;
		} else if (v == CN_TEN || v == CN_HUNDRED || v == CN_THOUSAND) {
			int u = -v;

			if ((cur < 0 && u != 10) || (last_small && u >= last_small))
				break;
			sec += (cur < 0 ? 1 : cur) * u;
			cur = -1;
			last_small = prev_unit = u;
			mag = 1;
		} else if (v == CN_WAN) {
			if ((cur < 0 && !sec) || wan)
				break;
			wan = (sec + (cur > 0 ? cur : 0)) * 1e4;
			sec = 0;
			cur = -1;
			last_small = 0;
			prev_unit = 10000;
			mag = 1e4;
		} else {
			if (cur < 0 && !sec && !wan && !total)
				break;
			total = (total + wan + sec + (cur > 0 ? cur : 0)) * 1e8;
			wan = sec = 0;
			cur = -1;
			last_small = 0;
			prev_unit = 100000000;
			mag = 1e8;
		}
		chars++;
		fin_chars += fin;
	}
	if (!chars || (chars == 1 && fin_chars))
		return 0;
	if (cur > 0 && after >= 100) {
		sec += cur * (after / 10.0);
		cur = -1;
	}
	i = cn_fraction(t, i, &frac);
	n->v = n->hi = total + wan + sec + (cur > 0 ? cur : 0) + frac;
	n->mag = frac ? 1 : mag;
	n->frac = frac != 0;
	n->end = i;
	return i;
}

/* 百/千/万/亿 after Arabic digits: the multiplier and the end. */
static size_t
arabic_multiplier(const fact_text_t *t, size_t pos, double *mult)
{
	size_t i = pos, l;
	int fin, steps = 0, last = 0;

	*mult = 1;
	while (steps < 2) {
		int v = cn_value(num_char(t, i, &l), &fin);

		if (v >= 0 || v == CN_NONE || v == CN_TEN || fin)
			break;
		/* 百分之, 百分点: not a multiplier */
		if (v == CN_HUNDRED && num_at(t, i + l, "分"))
			break;
		if (last && -v <= last && !(last == 10000 && v == CN_YI))
			break;
		*mult *= -(double)v;
		last = -v;
		i += l;
		steps++;
	}
	return i;
}

static size_t
num_read_arabic(const fact_text_t *t, size_t pos, num_t *n)
{
	const char *s = t->norm;
	size_t len = t->norm_len, i = pos;
	uint64_t mant = 0;
	int nd = 0, fd = 0, sep = 0;
	double mult;

	while (i < len && is_digit(s[i])) {
		if (++nd > ARABIC_MAX_DIGITS)
			return 0;
		mant = mant * 10 + (uint64_t)(s[i] - '0');
		i++;
	}
	/* 1,000: an ASCII comma and groups of three */
	while (nd - 3 * sep <= 3 && i + 3 < len && s[i] == ',' &&
	       t->orig[t->map[i]] == ',' && is_digit(s[i + 1]) &&
	       is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
	       (i + 4 >= len || !is_digit(s[i + 4]))) {
		if (nd + 3 > ARABIC_MAX_DIGITS)
			return 0;
		for (int k = 1; k <= 3; k++)
			mant = mant * 10 + (uint64_t)(s[i + k] - '0');
		nd += 3;
		sep++;
		i += 4;
	}
	if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
		i++;
		while (i < len && is_digit(s[i])) {
			if (fd < FRAC_MAX_DIGITS && nd + fd < 17) {
				mant = mant * 10 + (uint64_t)(s[i] - '0');
				fd++;
			}
			i++;
		}
		n->frac = 1;
	}
	i = arabic_multiplier(t, i, &mult);
	n->v = n->hi = (double)mant * mult / pow10i(fd);
	n->mag = mult;
	n->digits = sep ? 0 : nd;
	n->end = i;
	return i;
}

size_t
num_read(const fact_text_t *t, size_t pos, num_t *n)
{
	size_t l;
	int32_t cp;
	int fin, v;

	memset(n, 0, sizeof *n);
	n->start = pos;
	n->mag = 1;
	if (pos >= t->norm_len)
		return 0;
	if (is_digit(t->norm[pos]))
		return num_read_arabic(t, pos, n);
	cp = num_char(t, pos, &l);
	v = cn_value(cp, &fin);
	if (v < 0 && v != CN_TEN)
		return 0;
	n->chinese = 1;
	return num_read_chinese(t, pos, n);
}

int
num_is_year(const num_t *n)
{
	return n->digits == 4 && !n->frac && n->v >= 1900 && n->v <= 2100 &&
	       n->v == n->hi;
}

/* Before 一 these make a word: 统一, 唯一, 之一, 每一年, 下一个月. */
static int
word_before_one(int32_t cp)
{
	static const int32_t words[] = {
		0x7EDF, /* 统 */ 0x552F, /* 唯 */ 0x4E4B, /* 之 */
		0x540C, /* 同 */ 0x9010, /* 逐 */ 0x5355, /* 单 */
		0x5212, /* 划 */ 0x4E0D, /* 不 */ 0x4E13, /* 专 */
		0x5176, /* 其 */ 0x4EFB, /* 任 */ 0x67D0, /* 某 */
		0x6BCF, /* 每 */ 0x5408, /* 合 */ 0x5F52, /* 归 */
		0x5982, /* 如 */ 0x62E9, /* 择 */ 0x60DF, /* 惟 */
		0x4E0A, /* 上 */ 0x4E0B, /* 下 */
	};

	for (size_t i = 0; i < KB_ARRAY_SIZE(words); i++)
		if (cp == words[i])
			return 1;
	return 0;
}

int
num_can_start(const fact_text_t *t, size_t pos)
{
	const char *s = t->norm;
	size_t l, pl, p;
	int32_t cp, prev;
	int fin, v;

	if (pos >= t->norm_len)
		return 0;
	if (is_digit(s[pos])) {
		prev = num_prev_char(t, pos, &pl);
		/* (a ',' before is a list comma: the reader takes 1,000
		 * whole) */
		if (is_digit(prev) || is_alpha(prev) || prev == '.')
			return 0;
	} else {
		if ((unsigned char)s[pos] < 0x80)
			return 0;
		cp = num_char(t, pos, &l);
		v = cn_value(cp, &fin);
		if (v < 0 && v != CN_TEN)
			return 0;
		prev = num_prev_char(t, pos, &pl);
		if (is_cn_numeral(prev))
			return 0;
		/* 星期三, 礼拜三, 周三, 初三: days and grades */
		if (prev == 0x671F || prev == 0x62DC || prev == 0x5468 ||
		    prev == 0x521D)
			return 0;
		if (cp == 0x4E00 && word_before_one(prev))
			return 0;
	}
	/* 第二, 第 3 档: ordinals */
	p = pos;
	while (p > 0 && s[p - 1] == ' ')
		p--;
	return !num_before(t, p, "第");
}

/* A range separator with the spaces around it. */
static size_t
num_sep(const fact_text_t *t, size_t pos)
{
	static const char *const seps[] = {
		"——", "-", "~", "〜", "—", "–", "―", "至", "到",
	};
	size_t i = pos, l = 0;

	while (i < t->norm_len && t->norm[i] == ' ')
		i++;
	for (size_t k = 0; k < KB_ARRAY_SIZE(seps) && !l; k++)
		l = num_at(t, i, seps[k]);
	if (!l)
		return 0;
	i += l;
	while (i < t->norm_len && t->norm[i] == ' ')
		i++;
	return i - pos;
}

size_t
num_range_read(const fact_text_t *t, size_t pos, num_unit_fn unit,
	       const char *hi_prefix, num_range_t *r)
{
	size_t at, sep, u;
	int id = 0, id2 = 0;
	num_t hi;

	memset(r, 0, sizeof *r);
	if (!num_read(t, pos, &r->lo))
		return 0;
	r->start = pos;
	r->hi = r->lo;
	r->end = r->lo.end;
	if (r->lo.hi != r->lo.v) {
		r->hi.v = r->lo.hi;
		r->is_range = 1;
		return r->end;
	}
	at = r->lo.end;
	u = unit ? unit(t, at, &id) : 0;
	at += u;
	sep = num_sep(t, at);
	if (!sep)
		return r->end;
	at += sep;
	if (hi_prefix)
		at += num_at(t, at, hi_prefix);
	if (!num_read(t, at, &hi) || hi.hi != hi.v)
		return r->end;
	if (u && (!unit(t, hi.end, &id2) || id2 != id))
		return r->end;
	/* 1-2万元: the multiplier of the upper end */
	if (r->lo.mag == 1 && hi.mag > 1 && r->lo.v * hi.mag <= hi.v)
		r->lo.v = r->lo.hi = r->lo.v * hi.mag;
	if (r->lo.v > hi.v || r->lo.v == hi.v)
		return r->end;
	r->hi = hi;
	r->is_range = 1;
	r->end = hi.end;
	return r->end;
}

void
num_format(char *buf, size_t size, double lo, double hi)
{
	if (lo == hi)
		snprintf(buf, size, "%.15g", lo);
	else
		snprintf(buf, size, "%.15g-%.15g", lo, hi);
}

/* ---- context ---- */

enum { W_FILL, W_APPROX, W_UPPER, W_LOWER, W_UP, W_DOWN };

typedef struct num_word {
	const char *w;
	int cls;
} num_word_t;

/* Words between a label and its number. */
static const num_word_t pre_words[] = {
	{ "约为", W_APPROX }, { "大约", W_APPROX }, { "大概", W_APPROX },
	{ "约", W_APPROX }, { "将近", W_APPROX },
	{ "接近", W_APPROX }, { "近", W_APPROX }, { "大致", W_APPROX },
	{ "最高可达", W_UPPER }, { "最高可报销", W_UPPER },
	{ "最高可报", W_UPPER }, { "可报销", W_FILL }, { "可报", W_FILL }, { "最高", W_UPPER }, { "最多", W_UPPER },
	{ "不超过", W_UPPER }, { "不高于", W_UPPER },
	{ "至多", W_UPPER }, { "可达", W_UPPER },
	{ "最长", W_UPPER }, { "低于", W_UPPER }, { "少于", W_UPPER },
	{ "小于", W_UPPER }, { "不足", W_UPPER }, { "未满", W_UPPER },
	{ "不满", W_UPPER }, { "不到", W_UPPER }, { "封顶", W_UPPER },
	{ "最低", W_LOWER }, { "最少", W_LOWER }, { "至少", W_LOWER },
	{ "不低于", W_LOWER }, { "不少于", W_LOWER }, { "超过", W_LOWER },
	{ "超", W_LOWER }, { "满", W_LOWER },
	{ "高于", W_LOWER }, { "多于", W_LOWER },
	{ "大于", W_LOWER }, { "起码", W_LOWER }, { "最短", W_LOWER },
	{ "逾", W_LOWER },
	{ "提高至", W_UP }, { "提高到", W_UP }, { "提高", W_UP },
	{ "上调至", W_UP }, { "上调到", W_UP }, { "上调", W_UP },
	{ "增加至", W_UP }, { "增加到", W_UP }, { "增加", W_UP },
	{ "增长", W_UP }, { "增至", W_UP }, { "上涨", W_UP }, { "涨至", W_UP },
	{ "涨到", W_UP }, { "提升至", W_UP }, { "提升到", W_UP },
	{ "提升", W_UP }, { "递增", W_UP }, { "上浮", W_UP },
	{ "降低至", W_DOWN }, { "降低到", W_DOWN }, { "降低", W_DOWN },
	{ "下调至", W_DOWN }, { "下调到", W_DOWN }, { "下调", W_DOWN },
	{ "下降", W_DOWN }, { "减少", W_DOWN }, { "降至", W_DOWN },
	{ "降到", W_DOWN }, { "降为", W_DOWN }, { "减至", W_DOWN },
	{ "下浮", W_DOWN }, { "递减", W_DOWN },
	{ ":", W_FILL }, { " ", W_FILL }, { "(", W_FILL }, { "为", W_FILL },
	{ "是", W_FILL }, { "达到", W_FILL }, { "达", W_FILL },
	{ "高达", W_FILL }, { "仅需", W_FILL }, { "只需", W_FILL },
	{ "仅为", W_FILL }, { "仅", W_FILL },
	{ "需要", W_FILL }, { "需", W_FILL }, { "在", W_FILL },
	{ "按", W_FILL }, { "按照", W_FILL }, { "可能", W_FILL },
	{ "可", W_FILL }, { "则", W_FILL }, { "的", W_FILL },
	{ "通常", W_FILL }, { "一般", W_FILL }, { "均", W_FILL },
	{ "都", W_FILL }, { "共", W_FILL }, { "合计", W_FILL },
	{ "总计", W_FILL }, { "累计", W_FILL }, { "分别为", W_FILL },
	{ "预计", W_FILL }, { "每人每月", W_FILL }, { "每人每年", W_FILL },
	{ "每人每天", W_FILL }, { "每月", W_FILL }, { "每年", W_FILL },
	{ "每人", W_FILL }, { "每天", W_FILL }, { "每日", W_FILL },
	{ "每次", W_FILL }, { "按月", W_FILL }, { "按年", W_FILL },
	{ "人均", W_FILL }, { "月均", W_FILL }, { "年均", W_FILL },
	/* the items of a list: 缴费比例为养老保险8%、医疗保险2% */
	{ "养老保险", W_FILL }, { "医疗保险", W_FILL }, { "失业保险", W_FILL },
	{ "工伤保险", W_FILL }, { "生育保险", W_FILL }, { "大病保险", W_FILL },
	{ "住房公积金", W_FILL }, { "公积金", W_FILL }, { "养老", W_FILL },
	{ "医疗", W_FILL }, { "失业", W_FILL }, { "工伤", W_FILL },
	{ "生育", W_FILL }, { "医保", W_FILL }, { "社保", W_FILL },
	{ "住院", W_FILL }, { "门诊", W_FILL },
};

/* Words after a quantity that bound it. */
static const num_word_t post_words[] = {
	{ "左右", W_APPROX }, { "及以上", W_LOWER }, { "以上", W_LOWER },
	{ "之上", W_LOWER }, { "及以下", W_UPPER }, { "以下", W_UPPER },
	{ "之下", W_UPPER }, { "以内", W_UPPER }, { "之内", W_UPPER },
	{ "内", W_UPPER }, { "封顶", W_UPPER }, { "为限", W_UPPER },
	{ "起", W_LOWER },
};

/* ... and after a date. */
static const num_word_t date_post_words[] = {
	{ "之前", W_UPPER }, { "以前", W_UPPER }, { "前", W_UPPER },
	{ "之后", W_LOWER }, { "以后", W_LOWER }, { "后", W_LOWER },
	{ "起", W_LOWER }, { "开始", W_LOWER }, { "以来", W_LOWER },
};

static const char *const bound_names[] = {
	[W_APPROX] = "approx", [W_UPPER] = "upper", [W_LOWER] = "lower",
};

/* The lexicon of quantity names.  A tail (比例, 占比, 标准...) joins a
 * head before it; LX_DROP tails are left out of the joined label
 * (基础养老金标准 is 基础养老金); LX_ALONE tails may stand alone.  LX_VERB
 * words name an act (报销, 缴纳), not a quantity that can be a sentence's
 * subject; LX_NOPOST words do not name the amount written before them
 * (划入1000元个人账户: the account is not the 1000 yuan). */
enum { LX_TAIL = 1, LX_DROP = 2, LX_ALONE = 4, LX_VERB = 8, LX_NOPOST = 16 };
enum { K_P = NUM_PERCENT, K_M = NUM_MONEY, K_D = NUM_DURATION,
       K_PM = NUM_PERCENT | NUM_MONEY, K_ALL = K_P | K_M | K_D };

typedef struct lex {
	const char *w;
	const char *label; /* NULL: the word itself */
	unsigned kinds;
	unsigned flags;
} lex_t;

static const lex_t lexicon[] = {
	{ "报销比例", NULL, K_P, 0 }, { "支付比例", NULL, K_P, 0 },
	{ "缴费比例", NULL, K_P, 0 }, { "自付比例", NULL, K_P, 0 },
	{ "赔付比例", NULL, K_P, 0 }, { "补偿比例", NULL, K_P, 0 },
	{ "报销比率", NULL, K_P, 0 }, { "费率", NULL, K_P, 0 },
	{ "利率", NULL, K_P, 0 }, { "增长率", NULL, K_P, 0 },
	{ "增幅", NULL, K_P, 0 }, { "涨幅", NULL, K_P, 0 },
	{ "比率", NULL, K_P, 0 }, { "税率", NULL, K_P, 0 },
	{ "缴费率", NULL, K_P, 0 }, { "覆盖率", NULL, K_P, 0 },
	{ "参保率", NULL, K_P, 0 }, { "报销率", NULL, K_P, 0 },
	{ "报销水平", NULL, K_P, 0 },
	{ "比例", NULL, K_P, LX_TAIL | LX_ALONE },
	{ "占比", NULL, K_P, LX_TAIL | LX_ALONE },
	{ "比重", NULL, K_P, LX_TAIL | LX_ALONE },
	{ "报销", "报销比例", K_P, LX_VERB },
	{ "自付", "自付比例", K_P, LX_VERB },
	{ "单位缴费", NULL, K_PM, 0 }, { "个人缴费", NULL, K_PM, 0 },
	{ "单位缴纳", NULL, K_PM, LX_VERB },
	{ "个人缴纳", NULL, K_PM, LX_VERB },
	{ "财政补贴", NULL, K_PM, 0 }, { "政府补贴", NULL, K_PM, 0 },
	{ "补贴", NULL, K_PM, 0 }, { "补助", NULL, K_PM, 0 },
	{ "起付线", NULL, K_M, 0 }, { "起付标准", NULL, K_M, 0 },
	{ "封顶线", NULL, K_M, 0 }, { "最高支付限额", NULL, K_M, 0 },
	{ "支付限额", NULL, K_M, 0 }, { "缴费基数", NULL, K_M, 0 },
	{ "基础养老金", NULL, K_M, 0 }, { "个人账户养老金", NULL, K_M, 0 },
	{ "养老金", NULL, K_M, 0 }, { "个人账户", NULL, K_M, LX_NOPOST },
	{ "费用", NULL, K_M, 0 }, { "收费", NULL, K_M, LX_VERB | LX_NOPOST },
	{ "平均工资", NULL, K_M, 0 }, { "工资", NULL, K_M, 0 },
	{ "缴费", NULL, K_M, LX_VERB }, { "缴纳", "缴费", K_M, LX_VERB },
	{ "保费", NULL, K_M, 0 }, { "医保费", NULL, K_M, 0 },
	{ "生育津贴", NULL, K_M, 0 }, { "津贴", NULL, K_M, 0 },
	{ "退休金", NULL, K_M, 0 }, { "免赔额", NULL, K_M, 0 },
	{ "余额", NULL, K_M, 0 }, { "报销金额", NULL, K_M, 0 },
	{ "gdp", "GDP", K_M, LX_NOPOST }, { "价格", NULL, K_M, LX_NOPOST },
	{ "收入", NULL, K_M, 0 }, { "可支配收入", NULL, K_M, 0 },
	{ "标准", NULL, K_M, LX_TAIL | LX_DROP | LX_ALONE },
	{ "金额", NULL, K_M, LX_TAIL | LX_DROP | LX_ALONE },
	{ "限额", NULL, K_M, LX_TAIL | LX_ALONE },
	{ "基数", NULL, K_M, LX_TAIL | LX_ALONE },
	{ "总额", NULL, K_M, LX_TAIL | LX_ALONE },
	{ "额度", NULL, K_M, LX_TAIL | LX_ALONE },
	{ "范围", NULL, K_ALL, LX_TAIL | LX_DROP },
	{ "上限", NULL, K_ALL, LX_TAIL | LX_ALONE },
	{ "下限", NULL, K_ALL, LX_TAIL | LX_ALONE },
	{ "缴费年限", NULL, K_D, 0 },
	{ "年限", NULL, K_D, 0 }, { "等待期", NULL, K_D, 0 },
	{ "有效期", NULL, K_D, 0 }, { "缓冲期", NULL, K_D, 0 },
	{ "观察期", NULL, K_D, 0 }, { "期限", NULL, K_D, 0 },
	{ "时限", NULL, K_D, 0 }, { "缴费期", NULL, K_D, 0 },
	{ "工龄", NULL, K_D, 0 },
};

static const num_word_t *
longest_before(const fact_text_t *t, size_t p, const num_word_t *w, size_t n)
{
	const num_word_t *best = NULL;
	size_t bl = 0;

	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(w[i].w);

		if (l > bl && num_before(t, p, w[i].w)) {
			best = &w[i];
			bl = l;
		}
	}
	return best;
}

static const num_word_t *
longest_at(const fact_text_t *t, size_t p, const num_word_t *w, size_t n)
{
	const num_word_t *best = NULL;
	size_t bl = 0;

	for (size_t i = 0; i < n; i++) {
		size_t l = num_at(t, p, w[i].w);

		if (l > bl) {
			best = &w[i];
			bl = l;
		}
	}
	return best;
}

static const lex_t *
lex_before(const fact_text_t *t, size_t p, unsigned kind, int heads_only)
{
	const lex_t *best = NULL;
	size_t bl = 0;

	for (size_t i = 0; i < KB_ARRAY_SIZE(lexicon); i++) {
		size_t l = strlen(lexicon[i].w);

		if (!(lexicon[i].kinds & kind) ||
		    (heads_only && (lexicon[i].flags & LX_TAIL)))
			continue;
		if (l > bl && num_before(t, p, lexicon[i].w)) {
			best = &lexicon[i];
			bl = l;
		}
	}
	return best;
}

static const char *
lex_label(const lex_t *x)
{
	return x->label ? x->label : x->w;
}

/* The lexicon label ending at @p, or 0. */
static int
label_from_lexicon(const fact_text_t *t, size_t p, unsigned kind, char *out)
{
	static const char *const gaps[] = { "的", "最低", "最高", "" };
	const lex_t *x = lex_before(t, p, kind, 0), *head = NULL;
	size_t q;

	if (!x)
		return 0;
	if (!(x->flags & LX_TAIL)) {
		snprintf(out, NUM_LABEL_MAX, "%s", lex_label(x));
		return 1;
	}
	q = p - strlen(x->w);
	for (size_t g = 0; g < KB_ARRAY_SIZE(gaps) && !head; g++)
		if (num_before(t, q, gaps[g]))
			head = lex_before(t, q - strlen(gaps[g]), kind | K_PM,
					  1);
	if (head) {
		snprintf(out, NUM_LABEL_MAX, "%s%s", lex_label(head),
			 (x->flags & LX_DROP) ? "" : lex_label(x));
		return 1;
	}
	if (x->flags & LX_ALONE) {
		snprintf(out, NUM_LABEL_MAX, "%s", lex_label(x));
		return 1;
	}
	return 0;
}

/* The longest lexicon word of @kind at @p that may be what it says
 * (@without: flags it must not have), or NULL. */
static const lex_t *
lex_at(const fact_text_t *t, size_t p, unsigned kind, unsigned without)
{
	const lex_t *best = NULL;
	size_t bl = 0;

	for (size_t i = 0; i < KB_ARRAY_SIZE(lexicon); i++) {
		size_t l = num_at(t, p, lexicon[i].w);

		if (l > bl && (lexicon[i].kinds & kind) &&
		    !(lexicon[i].flags & (LX_TAIL | without))) {
			best = &lexicon[i];
			bl = l;
		}
	}
	return best;
}

/* The label of the head word @x at @p with the tail written after it
 * (财政补贴占比, 养老金标准), or 0. */
static int
label_at(const fact_text_t *t, size_t p, const lex_t *x, unsigned kind,
	 char *out, size_t *end)
{
	size_t e = p + strlen(x->w), tl = 0;

	for (size_t i = 0; i < KB_ARRAY_SIZE(lexicon); i++) {
		size_t l;

		if ((lexicon[i].flags & LX_TAIL) && (lexicon[i].kinds & kind) &&
		    (l = num_at(t, e, lexicon[i].w)) > tl)
			tl = l;
	}
	if (!label_from_lexicon(t, e + tl, kind, out) &&
	    !label_from_lexicon(t, e, kind, out))
		return 0;
	*end = e + tl;
	return 1;
}

/* Topics a sentence's subject may follow: 住院报销比例, 职工医保缴费基数. */
static const char *const subject_topics[] = {
	"职工医保", "居民医保", "城乡居民医保", "农村医保", "新农合", "医保",
	"社保", "住院", "门诊", "异地就医", "的",
};

/* 报销比例因转诊备案情况而异,最高可达75%: the number's clause (from @p,
 * where the walk back stopped) follows a ',' and has no subject; the
 * clause before it opens the sentence, holds no other number, and starts
 * with the name of a quantity, which is the label. */
static int
label_from_subject(const fact_text_t *t, size_t p, unsigned kind, char *out)
{
	size_t q = p, l, end;
	int chars = 0;
	int32_t cp;
	const lex_t *x;

	if (num_prev_char(t, q, &l) != ',')
		return 0;
	q -= l;
	for (;;) {
		cp = num_prev_char(t, q, &l);
		if (!cp || cp == 0x3002 || cp == '!' || cp == '?' ||
		    cp == ';' || cp == '\n' || cp == ':')
			break;
		if (cp == ',' || cp == '%' || (cp >= '0' && cp <= '9') ||
		    ++chars > SUBJECT_MAX_CHARS)
			return 0;
		q -= l;
	}
	while (q < p && t->norm[q] == ' ')
		q++;
	for (int step = 0; step < 3; step++) {
		size_t tl = 0;

		for (size_t k = 0; k < KB_ARRAY_SIZE(subject_topics); k++)
			if ((l = num_at(t, q, subject_topics[k])) > tl)
				tl = l;
		if (!tl || lex_at(t, q, kind, LX_VERB))
			break;
		q += tl;
	}
	x = lex_at(t, q, kind, LX_VERB);
	return x && label_at(t, q, x, kind, out, &end);
}

size_t
num_label_after(const fact_text_t *t, size_t pos, unsigned kind, char *out)
{
	const lex_t *x = lex_at(t, pos, kind, LX_NOPOST);
	const num_word_t *w;
	size_t end, p;
	num_t n;

	out[0] = '\0';
	if (!x)
		return 0;
	/* 1000元缴费年限: a longer word of another kind */
	for (size_t i = 0; i < KB_ARRAY_SIZE(lexicon); i++)
		if (num_at(t, pos, lexicon[i].w) > strlen(x->w))
			return 0;
	if (!label_at(t, pos, x, kind, out, &end))
		return 0;
	/* 2000元补贴90元: the word names the amount after it */
	p = end;
	for (int step = 0; step < 3; step++) {
		w = longest_at(t, p, pre_words, KB_ARRAY_SIZE(pre_words));
		if (!w || w->cls == W_UP || w->cls == W_DOWN)
			break;
		p += strlen(w->w);
	}
	if (num_read(t, p, &n)) {
		out[0] = '\0';
		return 0;
	}
	return end;
}

void
num_context(const fact_text_t *t, size_t start, size_t end, unsigned kind,
	    num_ctx_t *c)
{
	size_t p = start;
	int adjacent = 1, bound = -1;
	const num_word_t *w;
	const char *implied = NULL;

	c->start = start;
	c->end = end;
	c->bound = c->change = NULL;
	c->label[0] = '\0';
	for (int step = 0; step < CONTEXT_MAX_STEPS; step++) {
		w = longest_before(t, p, pre_words, KB_ARRAY_SIZE(pre_words));
		if (!w)
			break;
		p -= strlen(w->w);
		/* 最高可报90%: a share of the cost reimbursed */
		if (strstr(w->w, "可报"))
			implied = "报销比例";
		switch (w->cls) {
		case W_APPROX: case W_UPPER: case W_LOWER:
			if (bound < 0)
				bound = w->cls;
			if (adjacent)
				c->start = p;
			break;
		case W_UP: case W_DOWN:
			if (!c->change)
				c->change = w->cls == W_UP ? "up" : "down";
			adjacent = 0;
			break;
		default:
			adjacent = 0;
		}
	}
	c->stop = p;
	if (kind != NUM_DATE && !label_from_lexicon(t, p, kind, c->label) &&
	    implied && kind == NUM_PERCENT)
		snprintf(c->label, sizeof c->label, "%s", implied);
	if (!c->label[0] && !c->change &&
	    (kind == NUM_PERCENT || kind == NUM_MONEY))
		label_from_subject(t, p, kind, c->label);

	if (kind == NUM_DATE)
		w = longest_at(t, end, date_post_words,
			       KB_ARRAY_SIZE(date_post_words));
	else
		w = longest_at(t, end, post_words, KB_ARRAY_SIZE(post_words));
	/* 起付线 and 内容 are words of their own */
	if (w && ((!strcmp(w->w, "起") && num_at(t, end + 3, "付")) ||
		  (!strcmp(w->w, "内") && num_at(t, end + 3, "容"))))
		w = NULL;
	if (w) {
		if (bound < 0)
			bound = w->cls;
		c->end = end + strlen(w->w);
	}
	if (bound >= 0)
		c->bound = bound_names[bound];
}

void
num_share_label(const fact_text_t *t, num_ctx_t *c, num_prev_t *prev)
{
	size_t sl = strlen("、");

	if (!c->label[0] && prev->end &&
	    ((c->stop >= sl && c->stop - sl == prev->end &&
	      num_before(t, c->stop, "、")) ||
	     (c->stop == prev->end && num_at(t, prev->end, "("))))
		memcpy(c->label, prev->label, sizeof c->label);
	prev->end = c->end;
	memcpy(prev->label, c->label, sizeof prev->label);
}

kb_status_t
num_emit(facts_t *out, const fact_text_t *t, const num_ctx_t *c,
	 const char *type, const char *value, const char *unit, double min,
	 double max, kb_error_t *err)
{
	kb_status_t rc;

	if ((rc = fact_emit(out, t, c->start, c->end, type, c->label, value,
			    unit, min, max, err)))
		return rc;
	if (c->bound && (rc = facts_add_attr(out, "bound", c->bound, err)))
		return rc;
	if (c->change && (rc = facts_add_attr(out, "change", c->change, err)))
		return rc;
	return KB_OK;
}
