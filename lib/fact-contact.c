/* fact-contact.c - addresses and telephone numbers.
 *
 * Facts:
 *  - type "address", label "", value the address as written: a place and
 *    a road (路, 街, 大街, 大道, 巷, 胡同, 弄) followed by a house number
 *    (3号, 3-5号) and optionally 栋/幢/楼/层/室/单元/座 numbers
 *    (景德镇市广场北路3号).  The place goes back over Han characters from
 *    the road to a word that cannot be part of it (地址, 位于, 在, 的 …),
 *    at most ADDR_MAX_CHARS characters; it must be two characters or more
 *    and hold a place name from the gazetteer, unless 地址 labels it (a
 *    road alone may be an ordinary word: 思路3号方案).
 *  - type "phone", label "landline", "mobile" or "hotline", value the
 *    digits normalized: 0798-8561234 (the area code is 3 digits for 010
 *    and 02x, else 4), 13812345678, 400-800-1234, 12345.  A number touching
 *    other digits, letters or a decimal point, or followed by a unit (元,
 *    年, 月, 日, 号, 个, 人, 万, %, …) is not a phone number.  Five-digit
 *    service numbers (the national hotlines 12345, 12333, 12393, 12320 …,
 *    and 95xxx/96xxx) and 7- or 8-digit numbers without an area code are
 *    phone numbers only near 电话, 热线, 拨打, 致电 or 咨询 (before or
 *    after).  One fact per number or address and passage.
 */
#include <config.h>

#include "fact-extract.h"
#include "gazetteer.h"
#include "normalize.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ADDR_MAX_CHARS 20
#define PHONE_CONTEXT_BYTES 24

static const char *const road[] = {
	"路", "街", "大街", "大道", "巷", "胡同", "弄",
};

/* Words an address does not go back over (as the last characters before
 * it). */
static const char *const addr_stop[] = {
	"地址", "位于", "地处", "坐落", "搬迁至", "迁至", "在", "于", "的", "是",
	"到", "址",
};

static const char *const addr_unit[] = {
	"号楼", "栋", "幢", "楼", "层", "室", "单元", "座",
};

static const char *const hotline[] = {
	"12345", "12333", "12393", "12320", "12315", "12366", "12348", "12338",
	"12351", "12355", "12356", "12369", "12110", "12331", "12123",
};

static const char *const phone_cue[] = {
	"电话", "热线", "拨打", "致电", "咨询", "联系方式", "tel",
};

/* After a number, these make it a quantity, a date or a rank. */
static const char *const phone_not_before[] = {
	"元", "年", "月", "日", "号", "个", "人", "万", "亿", "%", "岁", "天",
	"次", "分", "秒", "米", "克", "斤", "倍", "档", "级", "位", "家", "项",
	"条", "件", "户", "名", "页", "kb", "mb", "gb",
};

static int
at_word(const fact_text_t *t, size_t pos, const char *w)
{
	size_t n = strlen(w);

	return n <= t->norm_len - pos && memcmp(t->norm + pos, w, n) == 0;
}

static int
ends_word(const fact_text_t *t, size_t end, const char *w)
{
	size_t n = strlen(w);

	return n <= end && memcmp(t->norm + end - n, w, n) == 0;
}

static size_t
prev_char(const char *s, size_t pos)
{
	size_t k = pos;

	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	return k > 0 ? k - 1 : 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The road word ending at @end, or 0. */
static size_t
addr_road_before(const fact_text_t *t, size_t end)
{
	for (size_t i = 0; i < KB_ARRAY_SIZE(road); i++)
		if (ends_word(t, end, road[i]))
			return strlen(road[i]);
	return 0;
}

/* 1 if [@start, @end) holds a place name, or follows the word 地址: a
 * road alone may be an ordinary word (思路3号方案). */
static int
addr_placed(const fact_text_t *t, size_t start, size_t end)
{
	const gazetteer_t *g;
	size_t p = start;

	while (p > 0 && (t->norm[p - 1] == ' ' || t->norm[p - 1] == ':'))
		p--;
	if (ends_word(t, p, "地址"))
		return 1;
	if (gazetteer_get(&g, NULL))
		return 0;
	for (p = start; p < end;) {
		gaz_lex_hit_t h;
		int32_t cp;

		if (gaz_lex_match(g->names, t->norm + p, end - p, &h, 1) &&
		    p + h.len <= end)
			return 1;
		p += norm_decode(t->norm + p, end - p, &cp);
	}
	return 0;
}

static int contact_seen(const facts_t *out, size_t since, const char *type,
			const char *value);

static kb_status_t
addr_at(const fact_text_t *t, facts_t *out, size_t since, size_t num,
	size_t *next, kb_error_t *err)
{
	size_t e = num, start, rlen = addr_road_before(t, num);
	int chars = 0, stopped = 0;
	char value[256];

	*next = num + 1;
	if (!rlen)
		return KB_OK;
	/* the house number: 3号, 3-5号 */
	while (e < t->norm_len && is_digit(t->norm[e]))
		e++;
	if (e < t->norm_len && t->norm[e] == '-' && e + 1 < t->norm_len &&
	    is_digit(t->norm[e + 1]))
		for (e++; e < t->norm_len && is_digit(t->norm[e]); e++)
			;
	if (!at_word(t, e, "号"))
		return KB_OK;
	e += strlen("号");
	/* 5栋2单元301室 */
	for (;;) {
		size_t d = e, k;

		while (d < t->norm_len && is_digit(t->norm[d]))
			d++;
		if (d == e)
			break;
		for (k = 0; k < KB_ARRAY_SIZE(addr_unit); k++)
			if (at_word(t, d, addr_unit[k]))
				break;
		if (k == KB_ARRAY_SIZE(addr_unit))
			break;
		e = d + strlen(addr_unit[k]);
	}
	/* the place, back from the road */
	start = num - rlen;
	while (start > 0 && chars < ADDR_MAX_CHARS && !stopped) {
		size_t p = prev_char(t->norm, start);
		int32_t cp;

		norm_decode(t->norm + p, start - p, &cp);
		if (!norm_is_han(cp))
			break;
		for (size_t i = 0; i < KB_ARRAY_SIZE(addr_stop); i++)
			if (ends_word(t, start, addr_stop[i]))
				stopped = 1;
		if (!stopped) {
			start = p;
			chars++;
		}
	}
	if (chars < 2 || !addr_placed(t, start, num - rlen))
		return KB_OK;
	if (e - start >= sizeof value)
		return KB_OK;
	memcpy(value, t->norm + start, e - start);
	value[e - start] = '\0';
	*next = e;
	if (contact_seen(out, since, "address", value))
		return KB_OK;
	return fact_emit(out, t, start, e, "address", "", value, "", NAN, NAN,
			 err);
}

/* A cue word in the PHONE_CONTEXT_BYTES before @pos or after @end. */
static int
phone_cued(const fact_text_t *t, size_t pos, size_t end)
{
	size_t from = pos > PHONE_CONTEXT_BYTES ? pos - PHONE_CONTEXT_BYTES : 0;
	size_t to = t->norm_len - end > PHONE_CONTEXT_BYTES ?
			    end + PHONE_CONTEXT_BYTES : t->norm_len;

	for (size_t i = 0; i < KB_ARRAY_SIZE(phone_cue); i++) {
		size_t n = strlen(phone_cue[i]);

		if (memmem(t->norm + from, pos - from, phone_cue[i], n) ||
		    memmem(t->norm + end, to - end, phone_cue[i], n))
			return 1;
	}
	return 0;
}

/* Read a phone number at @pos (a digit or '(').  Returns its end, or 0
 * when it is none; the normalized number goes to @value. */
static size_t
phone_read(const fact_text_t *t, size_t pos, char *value, size_t vsize,
	   const char **label)
{
	char d[24];
	size_t nd = 0, i = pos, groups[4], ng = 0, glen = 0;
	int paren = 0;

	if (t->norm[i] == '(') {
		paren = 1;
		i++;
	}
	while (i < t->norm_len && nd < sizeof d - 1) {
		char c = t->norm[i];

		if (is_digit(c)) {
			d[nd++] = c;
			glen++;
			i++;
		} else if ((c == '-' || (c == ')' && paren) ||
			    (c == ' ' && paren == 2)) &&
			   glen && i + 1 < t->norm_len &&
			   is_digit(t->norm[i + 1]) && ng < 3) {
			groups[ng++] = glen;
			glen = 0;
			if (c == ')')
				paren = 2;
			i++;
		} else {
			break;
		}
	}
	if (glen)
		groups[ng++] = glen;
	d[nd] = '\0';
	if (!nd || paren == 1)
		return 0;
	/* touching letters, digits, a decimal point or a unit */
	if (i < t->norm_len &&
	    (is_digit(t->norm[i]) || (t->norm[i] >= 'a' && t->norm[i] <= 'z') ||
	     (t->norm[i] == '.' && i + 1 < t->norm_len &&
	      is_digit(t->norm[i + 1]))))
		return 0;
	for (size_t k = 0; k < KB_ARRAY_SIZE(phone_not_before); k++)
		if (at_word(t, i, phone_not_before[k]))
			return 0;
	if (d[0] == '0' && nd >= 10 && nd <= 12) {
		size_t area = d[1] == '1' || d[1] == '2' ? 3 : 4;

		/* 010, 02x, 0[3-9]xx; written whole or as area-number */
		if (nd - area < 7 || nd - area > 8 ||
		    (d[1] == '1' && d[2] != '0') || d[1] == '0' ||
		    (ng > 1 && !(ng == 2 && groups[0] == area)))
			return 0;
		snprintf(value, vsize, "%.*s-%s", (int)area, d, d + area);
		*label = "landline";
	} else if (nd == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' &&
		   (ng == 1 || (ng == 3 && groups[0] == 3 && groups[1] == 4))) {
		snprintf(value, vsize, "%s", d);
		*label = "mobile";
	} else if (nd == 10 && (memcmp(d, "400", 3) == 0 ||
				memcmp(d, "800", 3) == 0) &&
		   (ng == 1 || (ng == 3 && groups[0] == 3 && groups[1] == 3))) {
		snprintf(value, vsize, "%.3s-%.3s-%s", d, d + 3, d + 6);
		*label = "hotline";
	} else if (nd == 5) {
		size_t k;

		for (k = 0; k < KB_ARRAY_SIZE(hotline); k++)
			if (strcmp(d, hotline[k]) == 0)
				break;
		if (ng != 1 || !phone_cued(t, pos, i) ||
		    (k == KB_ARRAY_SIZE(hotline) && d[0] != '9'))
			return 0;
		snprintf(value, vsize, "%s", d);
		*label = "hotline";
	} else if ((nd == 7 || nd == 8) && d[0] >= '2' && ng == 1 &&
		   phone_cued(t, pos, i)) {
		snprintf(value, vsize, "%s", d);
		*label = "landline";
	} else {
		return 0;
	}
	return i;
}

/* 1 if a fact of @type with @value was added since @since. */
static int
contact_seen(const facts_t *out, size_t since, const char *type,
	     const char *value)
{
	for (size_t k = since; k < out->n; k++)
		if (strcmp(out->items[k].type, type) == 0 &&
		    strcmp(out->items[k].value, value) == 0)
			return 1;
	return 0;
}

kb_status_t
fact_contact_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	size_t i = 0, since = out->n;
	kb_status_t rc;

	while (i < t->norm_len) {
		char c = t->norm[i], value[32];
		const char *label = "";
		size_t end, next;
		int boundary = i == 0 ||
			       !(is_digit(t->norm[i - 1]) ||
				 (t->norm[i - 1] >= 'a' && t->norm[i - 1] <= 'z') ||
				 t->norm[i - 1] == '.' || t->norm[i - 1] == '-');

		if (!boundary || !(is_digit(c) || c == '(')) {
			i++;
			continue;
		}
		if (is_digit(c)) {
			if ((rc = addr_at(t, out, since, i, &next, err)))
				return rc;
			if (next > i + 1) {
				i = next;
				continue;
			}
		}
		end = phone_read(t, i, value, sizeof value, &label);
		if (end) {
			if (!contact_seen(out, since, "phone", value) &&
			    (rc = fact_emit(out, t, i, end, "phone", label,
					    value, "", NAN, NAN, err)))
				return rc;
			i = end;
			continue;
		}
		/* skip the rest of this number */
		for (i++; i < t->norm_len && (is_digit(t->norm[i]) ||
					      t->norm[i] == '-');
		     i++)
			;
	}
	return KB_OK;
}
