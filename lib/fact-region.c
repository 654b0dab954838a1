/* fact-region.c - the places a passage names.
 *
 * Facts: type "region", label the level ("province", "city", "county"),
 * value the full official name ("淮北市"), attrs in this order: "code" (six
 * digits), "province" (its full name), "city" (the full name of the
 * prefecture-level city, for a city or a county under one; counties
 * directly under a province or municipality, 海淀区 or 仙桃市, have none).
 * One fact per place and passage, at its first mention; "安徽淮北" is two
 * facts, 安徽省 and 淮北市.
 *
 * Names come from the gazetteer (gazetteer.h): full names and short forms,
 * compared folded to Simplified (廣東 is 广东, see normalize.h).  The scan goes
 * once from left to right; at each position the longest acceptable name
 * wins (吉林省 is one fact, not 吉林 and 吉林省) and the scan resumes after
 * it.  A name is not acceptable when
 *  - it is a short form followed by 路, 街, 大道, 大街, 巷, 大学, 学院,
 *    中学, 小学 or 时间 (南京路, 中山大学, 北京时间), or
 *  - it is a full name ending in 市 that reads as …市场 (景德镇市场): the
 *    short form is tried instead, or
 *  - it is a short form of two characters whose first character ends a
 *    word with the character before and whose last begins a word with the
 *    one after, in the segmenter's dictionary (最大连接 is not 大连).
 *
 * Which division a name stands for, precision first:
 *  1. a strong name (gazetteer.h) of exactly one division is that one;
 *     when it stands for divisions of different levels the highest wins;
 *  2. a weak name (城区, 和平, 长安, a short county name) names a division
 *     only right after a name resolved to its province or city (北京朝阳,
 *     景德镇浮梁, 阳泉市城区);
 *  3. a strong name shared by several divisions of one level (鼓楼区,
 *     朝阳区) is the one whose province or city the passage also names,
 *     right before it or anywhere;
 *  4. otherwise (no context, or more than one fits) there is no fact.
 * Passages with more than REGION_MAX names are resolved in chunks of that
 * many, so context does not cross a chunk.
 */
#include <config.h>

#include "fact-extract.h"
#include "dict.h"
#include "gazetteer.h"
#include "normalize.h"

#include <math.h>
#include <string.h>

#define REGION_MAX 128
#define REGION_HITS 8

struct region_cand {
	size_t ns, ne;
	const gaz_lex_entry_t *e;
	size_t n;
	int32_t div;       /* resolved division, or -1 */
};

struct region_ctx {
	const fact_text_t *t;
	const gazetteer_t *g;
	facts_t *out;
	struct region_cand c[REGION_MAX];
	size_t nc;
	int32_t emitted[REGION_MAX];
	size_t nemitted;
};

/* Words after which a short form is a street, a school or a time zone. */
static const char *const not_after_short[] = {
	"路", "街", "大道", "大街", "巷", "大学", "学院", "中学", "小学", "时间",
};

static int
starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return n <= len && memcmp(s, prefix, n) == 0;
}

/* The character before @pos, or 0 at the start. */
static size_t
region_prev_char(const char *s, size_t pos)
{
	size_t k = pos;

	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	return k > 0 ? pos - (k - 1) : 0;
}

/* 1 if the two characters around each end of [@pos, @pos + @len) make
 * dictionary words on both sides. */
static int
region_straddled(const fact_text_t *t, const dict_t *dict, size_t pos,
		 size_t len)
{
	size_t before = region_prev_char(t->norm, pos), first, last, after;
	int32_t cp;

	if (!dict || !before || pos + len >= t->norm_len)
		return 0;
	first = norm_decode(t->norm + pos, len, &cp);
	last = region_prev_char(t->norm, pos + len);
	after = norm_decode(t->norm + pos + len, t->norm_len - pos - len, &cp);
	return dict_lookup(dict, t->norm + pos - before, before + first,
			   NULL) == DICT_WORD &&
	       dict_lookup(dict, t->norm + pos + len - last, last + after,
			   NULL) == DICT_WORD;
}

static int
region_hit_ok(const fact_text_t *t, const dict_t *dict, size_t pos,
	      const gaz_lex_hit_t *h)
{
	const char *next = t->norm + pos + h->len;
	size_t rest = t->norm_len - pos - h->len;
	int has_short = 0, has_full = 0;

	for (size_t i = 0; i < h->n; i++) {
		if (GAZ_VAL_FORM(h->e[i].val) == GAZ_SHORT)
			has_short = 1;
		else
			has_full = 1;
	}
	if (has_short && !has_full) {
		for (size_t i = 0; i < KB_ARRAY_SIZE(not_after_short); i++)
			if (starts_with(next, rest, not_after_short[i]))
				return 0;
		if (norm_strlen(t->norm + pos, h->len) == 2 &&
		    region_straddled(t, dict, pos, h->len))
			return 0;
	}
	if (has_full && starts_with(next, rest, "场") && h->len >= 3 &&
	    memcmp(t->norm + pos + h->len - 3, "市", 3) == 0)
		return 0;
	return 1;
}

/* 1 if division @anc is @d's province or city. */
static int
region_is_ancestor(const gazetteer_t *g, int32_t anc, int32_t d)
{
	return anc >= 0 && anc != d &&
	       (g->div[d].province == anc || g->div[d].city == anc);
}

static int
region_named(const struct region_ctx *x, int32_t div)
{
	for (size_t i = 0; i < x->nc; i++)
		if (x->c[i].div == div)
			return 1;
	return 0;
}

/* 1 if the name value @v fits its context: right after @prev, its province
 * or city; or, without @prev, a strong name whose province or city the
 * passage names. */
static int
region_fits(const struct region_ctx *x, const struct region_cand *prev,
	    uint32_t v)
{
	const gazetteer_t *g = x->g;
	int32_t d = (int32_t)GAZ_VAL_DIV(v), city = g->div[d].city;

	if (prev)
		return region_is_ancestor(g, prev->div, d);
	return GAZ_VAL_STRENGTH(v) == GAZ_STRONG &&
	       (region_named(x, g->div[d].province) ||
		(city >= 0 && city != d && region_named(x, city)));
}

static void
region_resolve(struct region_ctx *x)
{
	const gazetteer_t *g = x->g;

	/* 1: strong names */
	for (size_t i = 0; i < x->nc; i++) {
		struct region_cand *c = &x->c[i];
		int best_level = 99, nbest = 0;
		int32_t best = -1;

		for (size_t k = 0; k < c->n; k++) {
			uint32_t v = c->e[k].val;
			int32_t d = (int32_t)GAZ_VAL_DIV(v);

			if (GAZ_VAL_STRENGTH(v) != GAZ_STRONG)
				continue;
			if (g->div[d].level < best_level) {
				best_level = g->div[d].level;
				best = d;
				nbest = 1;
			} else if (g->div[d].level == best_level && d != best) {
				nbest++;
			}
		}
		c->div = nbest == 1 ? best : -1;
	}
	/* 2 and 3: context, in text order so that chains resolve */
	for (size_t i = 0; i < x->nc; i++) {
		struct region_cand *c = &x->c[i];
		const struct region_cand *prev =
			i > 0 && x->c[i - 1].ne == c->ns ? &x->c[i - 1] : NULL;
		int32_t pick = -1;
		int nfit = 0;

		if (c->div >= 0)
			continue;
		/* right after its province or city first, then anywhere */
		for (int pass = 0; pass < 2 && nfit == 0; pass++) {
			for (size_t k = 0; k < c->n; k++) {
				uint32_t v = c->e[k].val;
				int32_t d = (int32_t)GAZ_VAL_DIV(v);
				int fits;

				if (d == pick || (pass == 0 && !prev))
					continue;
				fits = region_fits(x, pass ? NULL : prev, v);
				if (fits) {
					pick = d;
					nfit++;
				}
			}
		}
		c->div = nfit == 1 ? pick : -1;
	}
}

static kb_status_t
region_flush(struct region_ctx *x, kb_error_t *err)
{
	static const char *const level_name[] = { "province", "city",
						  "county" };
	const gazetteer_t *g = x->g;
	kb_status_t rc;

	region_resolve(x);
	for (size_t i = 0; i < x->nc; i++) {
		const struct region_cand *c = &x->c[i];
		const gaz_division_t *d;
		size_t k;

		if (c->div < 0)
			continue;
		for (k = 0; k < x->nemitted && x->emitted[k] != c->div; k++)
			;
		if (k < x->nemitted)
			continue;
		if (x->nemitted < REGION_MAX)
			x->emitted[x->nemitted++] = c->div;
		d = &g->div[c->div];
		if ((rc = fact_emit(x->out, x->t, c->ns, c->ne, "region",
				    level_name[d->level], d->name, "", NAN, NAN,
				    err)) ||
		    (rc = facts_add_attr(x->out, "code", d->code, err)) ||
		    (rc = facts_add_attr(x->out, "province",
					 g->div[d->province].name, err)))
			return rc;
		if (d->city >= 0 &&
		    (rc = facts_add_attr(x->out, "city", g->div[d->city].name,
					 err)))
			return rc;
	}
	x->nc = 0;
	return KB_OK;
}

kb_status_t
fact_region_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	struct region_ctx x;
	const dict_t *dict;
	kb_status_t rc;
	size_t i = 0;

	if ((rc = gazetteer_get(&x.g, err)) ||
	    (rc = dict_builtin(&dict, err)))
		return rc;
	x.t = t;
	x.out = out;
	x.nc = 0;
	x.nemitted = 0;
	while (i < t->norm_len) {
		gaz_lex_hit_t hits[REGION_HITS];
		size_t nh = 0, k;
		int32_t cp;
		size_t step = norm_decode(t->norm + i, t->norm_len - i, &cp);

		if (norm_is_han(cp))
			nh = gaz_lex_match(x.g->names, t->norm + i,
					   t->norm_len - i, hits, REGION_HITS);
		for (k = 0; k < nh && !region_hit_ok(t, dict, i, &hits[k]); k++)
			;
		if (k == nh) {
			i += step;
			continue;
		}
		x.c[x.nc].ns = i;
		x.c[x.nc].ne = i + hits[k].len;
		x.c[x.nc].e = hits[k].e;
		x.c[x.nc].n = hits[k].n;
		x.c[x.nc].div = -1;
		x.nc++;
		i += hits[k].len;
		if (x.nc == REGION_MAX && (rc = region_flush(&x, err)))
			return rc;
	}
	return region_flush(&x, err);
}
