/* query-boost.c - see query-boost.h. */
#include <config.h>

#include "query-boost.h"
#include "fact-extract.h"
#include "facts.h"
#include "normalize.h"
#include "schema.h"
#include "xc-status.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Question phrases and the fact type the answer to each holds.  A phrase
 * is looked for anywhere in the query, so it must say what kind of answer
 * is wanted on its own: 多少 alone (多少钱? 多少天? 多少人?) says nothing,
 * and neither do content words such as 费用 or 医院. */
static const struct {
	const char *phrase;
	const char *type;
} intents[] = {
	/* money */
	{ "多少钱", "money" }, { "几块钱", "money" }, { "多少元", "money" },
	{ "费用多少", "money" }, { "费用是多少", "money" },
	{ "多少费用", "money" }, { "收费", "money" }, { "价格", "money" },
	{ "价钱", "money" }, { "交多少", "money" }, { "缴多少", "money" },
	{ "领多少", "money" }, { "花多少", "money" }, { "要多少", "money" },
	/* percentage */
	{ "比例", "percent" }, { "百分之", "percent" },
	{ "百分比", "percent" }, { "几成", "percent" },
	{ "报多少", "percent" }, { "报销多少", "percent" },
	/* duration */
	{ "多久", "duration" }, { "多长时间", "duration" },
	{ "多少天", "duration" }, { "几天", "duration" },
	{ "几个月", "duration" }, { "多少年", "duration" },
	{ "几年", "duration" }, { "多长", "duration" },
	/* institution */
	{ "哪家", "institution" }, { "哪个医院", "institution" },
	{ "什么医院", "institution" }, { "哪些医院", "institution" },
	{ "去哪", "institution" }, { "到哪", "institution" },
	{ "在哪", "institution" }, { "哪里", "institution" },
	/* date */
	{ "什么时候", "date" }, { "哪天", "date" }, { "哪一天", "date" },
	{ "几号", "date" }, { "何时", "date" }, { "几月", "date" },
	{ "截止", "date" },
};

size_t
qboost_intents(const char *text, const char **types, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < KB_ARRAY_SIZE(intents) && n < max; i++) {
		size_t k;

		if (!strstr(text, intents[i].phrase))
			continue;
		for (k = 0; k < n && strcmp(types[k], intents[i].type); k++)
			;
		if (k == n)
			types[n++] = intents[i].type;
	}
	return n;
}

/* Append to plan->alts the alternative of @group: @s's term, or (Han of
 * three or more characters, @chain) its bigrams. */
static void
conf_alt(query_plan_t *plan, size_t group, char kind, const char *s,
	 size_t len, int han, unsigned nchars, int chain)
{
	kb_buf *b = &plan->alts;
	int32_t cp;

	buf_addch(b, (char)(group + 1));
	buf_addch(b, kind);
	if (!chain) {
		buf_add(b, s, len);
	} else {
		size_t prev = 0, i = norm_decode(s, len, &cp);

		while (i < len) {
			size_t n = norm_decode(s + i, len - i, &cp);

			if (prev)
				buf_addch(b, '\t');
			buf_add(b, s + prev, i + n - prev);
			prev = i;
			i += n;
		}
	}
	buf_addch(b, '\0');
}

/* How many passages hold every term of the alternative at @alt (at most
 * the rarest one's count). */
static kb_status_t
conf_alt_df(xc_db *db, const char *alt, unsigned *df, kb_error_t *err)
{
	const char *p = alt + 2;
	xc_error xe;

	*df = 0;
	for (int first = 1; *p; first = 0) {
		size_t n = strcspn(p, "\t");
		unsigned f;

		if (xc_db_termfreq(db, p, n, &f, &xe))
			return kb_fail_xc(err, &xe, "cannot read the index");
		if (first || f < *df)
			*df = f;
		p += n;
		if (*p == '\t')
			p++;
	}
	return KB_OK;
}

kb_status_t
qconf_group(query_plan_t *plan, xc_db *db, const char *s, size_t len,
	    int han, unsigned nchars, kb_error_t *err)
{
	size_t g = plan->ngroups, start = plan->alts.len;
	unsigned ndocs, df = 0;
	xc_error xe;
	kb_status_t rc;

	if (g == QUERY_MAX_GROUPS)
		return KB_OK;
	buf_add(&plan->groups, s, len);
	buf_addch(&plan->groups, '\0');
	conf_alt(plan, g, 'E', s, len, han, nchars, 0);
	if (han && nchars >= 3)
		conf_alt(plan, g, 'E', s, len, han, nchars, 1);
	plan->gweight[g] = 1;
	plan->gdf[g] = 1;
	plan->ngroups++;
	if (!db || buf_failed(&plan->alts))
		return KB_OK;
	if (xc_db_doccount(db, &ndocs, &xe))
		return kb_fail_xc(err, &xe, "cannot read the index");
	for (const char *p = plan->alts.buf + start;
	     p < plan->alts.buf + plan->alts.len; p += strlen(p) + 1) {
		unsigned f;

		if ((rc = conf_alt_df(db, p, &f, err)))
			return rc;
		if (f > df)
			df = f;
	}
	plan->gweight[g] = log(1.0 + ndocs / (df + 0.5));
	plan->gdf[g] = df;
	return KB_OK;
}

void
qconf_synonym(query_plan_t *plan, const char *s, size_t len, int han,
	      unsigned nchars, int with_chain)
{
	if (!plan->ngroups)
		return;
	conf_alt(plan, plan->ngroups - 1, 'S', s, len, han, nchars, 0);
	if (with_chain && han && nchars >= 3)
		conf_alt(plan, plan->ngroups - 1, 'S', s, len, han, nchars, 1);
}

static int
conf_has_term(const char *terms, size_t len, const char *t, size_t tlen)
{
	for (const char *p = terms; p < terms + len; p += strlen(p) + 1)
		if (strlen(p) == tlen && !memcmp(p, t, tlen))
			return 1;
	return 0;
}

double
qconf_score(const query_plan_t *plan, const char *terms, size_t len,
	    double *credit)
{
	double c[QUERY_MAX_GROUPS] = { 0 }, sum = 0, got = 0;
	const char *p = plan->alts.buf, *end = plan->alts.buf + plan->alts.len;

	for (; p < end; p += strlen(p) + 1) {
		size_t g = (size_t)(unsigned char)p[0] - 1;
		double v = p[1] == 'E' ? 1 : QBOOST_SYNONYM_CREDIT;
		const char *t = p + 2;
		int all = 1;

		if (g >= plan->ngroups || c[g] >= v)
			continue;
		while (*t && all) {
			size_t n = strcspn(t, "\t");

			all = conf_has_term(terms, len, t, n);
			t += n;
			if (*t == '\t')
				t++;
		}
		if (all)
			c[g] = v;
	}
	for (size_t g = 0; g < plan->ngroups; g++) {
		sum += plan->gweight[g];
		got += plan->gweight[g] * c[g];
		if (credit)
			credit[g] = c[g];
	}
	return sum > 0 ? got / sum : 1;
}

void
qconf_broader(const query_plan_t *plan, const double *credit, kb_buf *out)
{
	const char *w = plan->groups.buf;
	size_t kept = 0;

	buf_reset(out);
	for (size_t g = 0; g < plan->ngroups; g++, w += strlen(w) + 1) {
		if (!(credit[g] > 0))
			continue;
		if (out->len)
			buf_addch(out, ' ');
		buf_addstr(out, w);
		kept++;
	}
	/* the same words without filters are no broader, and no words
	 * are no query */
	if ((kept == plan->ngroups && !plan->filtered) || kept == 0)
		buf_reset(out);
}

static void
conf_collect(void *ctx, const char *term, size_t len)
{
	kb_buf *b = ctx;

	buf_add(b, term, len);
	buf_addch(b, '\0');
}

kb_status_t
qconf_results(const query_plan_t *plan, xc_mset *m, size_t nhits,
	      double *confidence, kb_buf *broader, kb_error_t *err)
{
	double best[QUERY_MAX_GROUPS] = { 0 }, credit[QUERY_MAX_GROUPS];
	kb_buf terms = KB_BUF_INIT;
	xc_error xe;
	kb_status_t rc = KB_OK;

	*confidence = 0;
	buf_reset(broader);
	buf_init(&terms, 0);
	for (size_t i = 0; i < nhits && i < QCONF_TOP_HITS; i++) {
		double c;

		/* the other hits only say which words a broader query
		 * keeps, which a confident answer does not need: each costs
		 * a read of the hit's term list */
		if (i == 1 && *confidence >= KB_CONFIDENCE_WEAK)
			break;

		buf_reset(&terms);
		if (xc_mset_matching_terms(m, i, conf_collect, &terms, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot read the matching terms");
			goto out;
		}
		if (buf_failed(&terms)) {
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
			goto out;
		}
		c = qconf_score(plan, terms.buf, terms.len, credit);
		if (i == 0)
			*confidence = c;
		for (size_t g = 0; g < plan->ngroups; g++)
			if (credit[g] > best[g])
				best[g] = credit[g];
	}
	if (*confidence < KB_CONFIDENCE_WEAK) {
		/* no hits at all: the words the index has, without the
		 * filters */
		for (size_t g = 0; !nhits && g < plan->ngroups; g++)
			best[g] = plan->gdf[g] > 0;
		qconf_broader(plan, best, broader);
		if (buf_failed(broader))
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
	}
out:
	buf_release(&terms);
	return rc;
}

void
qconf_release(query_plan_t *plan)
{
	buf_release(&plan->groups);
	buf_release(&plan->alts);
	plan->ngroups = 0;
	plan->filtered = 0;
}

/* ------------------------------------------------------------------ */
/* Boosts                                                              */

#define QBOOST_MAX 16

static kb_status_t
boost_term(const char *prefix, const char *value, double weight,
	   xc_query **out, kb_error_t *err)
{
	char term[256];
	size_t plen = strlen(prefix), vlen = strlen(value);
	xc_query *t = NULL;
	xc_error xe;
	kb_status_t rc = KB_OK;

	*out = NULL;
	if (plen + vlen >= sizeof term)
		return KB_OK;
	memcpy(term, prefix, plen);
	memcpy(term + plen, value, vlen);
	if (xc_query_term(term, plen + vlen, 1, 0, &t, &xe) ||
	    xc_query_fixed_weight(t, weight, out, &xe))
		rc = kb_fail_xc(err, &xe, "cannot build query");
	xc_query_destroy(t);
	return rc;
}

/* The places @text names, as boosts on their XR terms, noted. */
static kb_status_t
boost_places(query_plan_t *plan, const char *text, double weight,
	     xc_query **v, size_t *n, kb_error_t *err)
{
	facts_t f = FACTS_INIT;
	fact_text_t t;
	size_t len = strlen(text);
	uint32_t *map = malloc((len + 1) * sizeof *map);
	kb_status_t rc = KB_OK;

	if (!map)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory reading the query");
	for (size_t i = 0; i <= len; i++)
		map[i] = (uint32_t)i;
	t.orig = t.norm = text;
	t.orig_len = t.norm_len = len;
	t.map = map;
	if ((rc = fact_region_extract(&t, &f, err)))
		goto out;
	for (size_t i = 0; i < f.n && *n < QBOOST_MAX; i++) {
		const kb_fact_t *p = &f.items[i];
		size_t k;

		for (k = 0; k < i && strcmp(f.items[k].value, p->value); k++)
			;
		if (k < i)
			continue;
		if ((rc = boost_term(KB_PREFIX_REGION, p->value, weight,
				     &v[*n], err)))
			goto out;
		if (v[*n])
			(*n)++;
		query_note(plan, QUERY_NOTE_PLACE, p->text, strlen(p->text),
			   p->value, strlen(p->value));
	}
out:
	facts_release(&f);
	free(map);
	return rc;
}

kb_status_t
qboost_apply(query_plan_t *plan, const char *text, xc_query **main,
	     kb_error_t *err)
{
	xc_query *v[QBOOST_MAX], *both[2], *boost = NULL, *q = NULL;
	const char *types[8];
	size_t n = 0, ntypes;
	double ref = 0;
	xc_error xe;
	kb_status_t rc = KB_OK;

	if (!*main)
		return KB_OK;
	for (size_t g = 0; g < plan->ngroups; g++)
		ref += plan->gweight[g];
	ref = plan->ngroups ? ref / (double)plan->ngroups : 1;
	/* words weigh BM25 times KB_IMPACT_RATIO (schema.h) */
	ref *= KB_IMPACT_RATIO;
	ntypes = qboost_intents(text, types, KB_ARRAY_SIZE(types));
	for (size_t i = 0; i < ntypes; i++) {
		if ((rc = boost_term(KB_PREFIX_TYPE, types[i],
				     QBOOST_INTENT_SHARE * ref, &v[n], err)))
			goto out;
		if (v[n])
			n++;
	}
	if ((rc = boost_places(plan, text, QBOOST_PLACE_SHARE * ref, v, &n,
			       err)))
		goto out;
	if (!n)
		goto out;
	if (n == 1) {
		boost = v[0];
		n = 0;
	} else if (xc_query_combine(XC_OP_OR, v, n, 0, &boost, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot build query");
		goto out;
	}
	both[0] = *main;
	both[1] = boost;
	if (xc_query_combine(XC_OP_AND_MAYBE, both, 2, 0, &q, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot build query");
		goto out;
	}
	xc_query_destroy(*main);
	*main = q;
out:
	for (size_t i = 0; i < n; i++)
		xc_query_destroy(v[i]);
	xc_query_destroy(boost);
	return rc;
}
