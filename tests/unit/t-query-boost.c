/* t-query-boost.c - what the way a question is asked adds to its query
 * (intents, places) and how well a hit answers it (the confidence and the
 * broader query), with values worked out by hand from query-boost.h. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "dict.h"
#include "query.h"
#include "query-boost.h"
#include "segment.h"

static seg_t *seg;

/* Which fact types the question phrases of a query ask for, in the order
 * of the table (money, percent, duration, institution, date), each once. */
static const struct {
	const char *query;
	size_t max;
	const char *want; /* space-separated */
} intents[] = {
	{ "深圳居民医保每个月交多少钱", 8, "money" }, /* 多少钱 and 交多少 */
	{ "消防检测收费标准", 8, "money" },
	{ "农村医保报销比例是多少", 8, "percent" },
	{ "生育险能报多少", 8, "percent" },
	{ "备案以后多久生效", 8, "duration" },
	{ "报销要几个月", 8, "duration" },
	{ "手指发麻去哪家医院", 8, "institution" },
	{ "社保缴费证明在哪里打印", 8, "institution" },
	{ "医保什么时候截止", 8, "date" },
	{ "住院几天能报多少", 8, "percent duration" },
	{ "住院几天能报多少", 1, "percent" },
	{ "收费标准去哪查", 8, "money institution" },
	/* 多少 alone, and content words, say nothing about the answer */
	{ "参保人数有多少", 8, "" },
	{ "医院费用", 8, "" },
	{ "", 8, "" },
};

/* The query built for @text without an index (every word weighs 1, so an
 * intent weighs QBOOST_INTENT_SHARE and a place QBOOST_PLACE_SHARE, times
 * KB_IMPACT_RATIO, 32.5: the scale of the words' weights), and
 * its notes of kind @kind as "from>to" lines. */
static const struct {
	const char *query, *want, *places;
} built[] = {
	/* an intent: a fixed weight on passages with a fact of its type */
	{ "报销比例",
	  "Query(((报销比例 SYNONYM (报销@1 AND 销比@2 AND 比例@3)) AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=8.125)) FILTER XTpercent)))",
	  "" },
	/* two intents: either boosts */
	{ "住院几天能报多少",
	  "Query((((住院 OR 几天 OR (住院@1 AND 院几@2 AND 几天@3)) AND_MAYBE 报) AND_MAYBE ((PostingSource(Xapian::FixedWeightPostingSource(wt=8.125)) FILTER XTpercent) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=8.125)) FILTER XTduration))))",
	  "" },
	/* a city: its region term, as the region extractor names it */
	{ "景德镇 眼科",
	  "Query((((景德镇 SYNONYM (景德@1 AND 德镇@2)) OR 眼科 OR (景德@1 AND 德镇@2 AND 镇眼@3 AND 眼科@4)) AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=32.5)) FILTER XR景德镇市)))",
	  "景德镇>景德镇市\n" },
	/* a province */
	{ "江西 新农合",
	  "Query(((江西 OR (新农合 SYNONYM (新农@1 AND 农合@2)) OR (江西@1 AND 西新@2 AND 新农@3 AND 农合@4)) AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=32.5)) FILTER XR江西省)))",
	  "江西>江西省\n" },
	/* a place name inside a longer word is not the place */
	{ "中山大学",
	  "Query((中山大学 SYNONYM (中山@1 AND 山大@2 AND 大学@3)))",
	  "" },
	/* neither: the words alone */
	{ "新农合",
	  "Query((新农合 SYNONYM (新农@1 AND 农合@2)))", "" },
};

/* The confidence of a hit whose matching terms are @terms ('|' between
 * terms), for the query @query built without an index (weights 1), and
 * the broader query from its credits. */
static const struct {
	const char *query, *terms;
	double want;
	const char *broader;
} scores[] = {
	{ "alpha beta", "alpha|beta", 1, "" },
	{ "alpha beta", "alpha", 0.5, "alpha" },
	{ "alpha beta gamma", "gamma|alpha", 2.0 / 3, "alpha gamma" },
	{ "alpha beta", "", 0, "" },
	/* a Han word counts by its term or by all of its bigrams */
	{ "新农合 alpha", "新农合", 0.5, "新农合" },
	{ "新农合 alpha", "新农|农合|alpha", 1, "" },
	{ "新农合 alpha", "新农|alpha", 0.5, "alpha" },
	/* fillers are no word of the question */
	{ "请问 alpha 怎么办", "alpha", 1, "" },
};

static char *
join(const char *types[], size_t n)
{
	kb_buf b = KB_BUF_INIT;

	buf_init(&b, 0);
	buf_addstr(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addch(&b, ' ');
		buf_addstr(&b, types[i]);
	}
	return buf_take(&b, NULL);
}

static void
check_built(size_t i)
{
	query_plan_t plan = QUERY_PLAN_INIT;
	kb_buf places = KB_BUF_INIT;
	kb_error_t err;
	xc_error xe;
	char *d = NULL;
	const char *p;

	if (!is_int(query_build(seg, NULL, built[i].query, NULL, 0, &plan,
				&err), KB_OK, "build '%s'", built[i].query))
		return;
	if (xc_query_describe(plan.query, &d, &xe))
		d = strdup(xe.msg);
	is_str(d, built[i].want, "the query for '%s'", built[i].query);
	free(d);
	buf_init(&places, 0);
	buf_addstr(&places, "");
	p = plan.notes.buf;
	for (size_t k = 0; k < plan.nnotes; k++) {
		int place = p[0] == QUERY_NOTE_PLACE;

		p++;
		if (place) {
			buf_addstr(&places, p);
			buf_addch(&places, '>');
		}
		p += strlen(p) + 1;
		if (place) {
			buf_addstr(&places, p);
			buf_addch(&places, '\n');
		}
		p += strlen(p) + 1;
	}
	is_str(places.buf, built[i].places, "the places of '%s'",
	       built[i].query);
	buf_release(&places);
	query_plan_release(&plan);
}

static void
check_score(size_t i)
{
	query_plan_t plan = QUERY_PLAN_INIT;
	double credit[QUERY_MAX_GROUPS];
	kb_buf terms = KB_BUF_INIT, broader = KB_BUF_INIT;
	const char *t = scores[i].terms;
	kb_error_t err;
	char got[32], want[32];

	if (!is_int(query_build(seg, NULL, scores[i].query, NULL, 0, &plan,
				&err), KB_OK, "build '%s'", scores[i].query))
		return;
	buf_init(&terms, 0);
	buf_init(&broader, 0);
	while (*t) {
		size_t n = strcspn(t, "|");

		buf_add(&terms, t, n);
		buf_addch(&terms, '\0');
		t += n + (t[n] == '|');
	}
	snprintf(got, sizeof got, "%.4f",
		 qconf_score(&plan, terms.buf, terms.len, credit));
	snprintf(want, sizeof want, "%.4f", scores[i].want);
	is_str(got, want, "confidence of '%s' for terms '%s'",
	       scores[i].query, scores[i].terms);
	qconf_broader(&plan, credit, &broader);
	is_str(broader.buf ? broader.buf : "", scores[i].broader,
	       "broader query of '%s' for terms '%s'", scores[i].query,
	       scores[i].terms);
	buf_release(&terms);
	buf_release(&broader);
	query_plan_release(&plan);
}

/* ---- the confidence on an index ---------------------------------- */

/* Four articles of one passage each (N = 4): df(alpha) = 1,
 * df(beta) = 2, df(omega) = 0. */
static const char corpus[] =
	"{\"title\":\"alpha\",\"body\":\"alpha beta.\"}\n"
	"{\"title\":\"gamma\",\"body\":\"gamma delta.\"}\n"
	"{\"title\":\"epsilon\",\"body\":\"epsilon beta.\"}\n"
	"{\"title\":\"zeta\",\"body\":\"zeta eta.\"}\n";

static const struct {
	const char *query;
	double want;
	const char *top, *broader;
} searched[] = {
	/* every word in the first hit */
	{ "alpha beta", 1, "alpha", "" },
	/* w = ln(1 + 4 / (df + 0.5)): w(beta) = ln 2.6 = 0.955511 and
	 * w(omega) = ln 9 = 2.197225, in no passage, so beta alone is weak:
	 * 0.955511 / 3.152736 */
	{ "beta omega", 0.3031, "alpha", "beta" },
	/* gamma and alpha (df 1 each) weigh the same and each first hit
	 * holds one: 0.5, which is not weak */
	{ "gamma alpha", 0.5, "", "" },
	/* no hits: the words the index has, without the filters */
	{ "omega", 0, "", "" },
	{ "alpha region:江西", 0, "", "alpha" },
	{ "alpha omega region:江西", 0, "", "alpha" },
	{ "omega region:江西", 0, "", "" },
};

static void
check_index(const char *dir)
{
	char path[1200], index[1200];
	kb_indexer_t *ix = NULL;
	kb_db_t *db = NULL;
	kb_error_t err;
	FILE *f;

	snprintf(path, sizeof path, "%s/a.jsonl", dir);
	snprintf(index, sizeof index, "%s/index", dir);
	if (!ok((f = fopen(path, "w")) && fputs(corpus, f) >= 0 &&
		fclose(f) == 0, "write the corpus") ||
	    !is_int(kb_indexer_open(index, &ix, &err), KB_OK, "open indexer") ||
	    !is_int(kb_indexer_add_file(ix, path, NULL, NULL, &err), KB_OK,
		    "index the corpus") ||
	    !is_int(kb_indexer_close(ix, &err), KB_OK, "close the indexer") ||
	    !is_int(kb_db_open(index, &db, &err), KB_OK, "open the index"))
		return;
	for (size_t i = 0; i < sizeof searched / sizeof *searched; i++) {
		kb_results_t *res = NULL;
		const kb_hit_t *h;
		char got[32], w[32];

		if (!is_int(kb_db_search(db, searched[i].query, NULL, &res,
					 &err), KB_OK, "search '%s'",
			    searched[i].query))
			continue;
		snprintf(got, sizeof got, "%.4f", kb_results_confidence(res));
		snprintf(w, sizeof w, "%.4f", searched[i].want);
		is_str(got, w, "confidence of '%s'", searched[i].query);
		h = kb_results_hit(res, 0);
		if (*searched[i].top)
			is_str(h ? h->title : "", searched[i].top,
			       "top hit of '%s'", searched[i].query);
		is_str(kb_results_broader_query(res), searched[i].broader,
		       "broader query of '%s'", searched[i].query);
		kb_results_destroy(res);
	}
	kb_db_close(db);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	const dict_t *dict;
	char dir[1024], rm[1100];
	kb_error_t err;

	if (dict_builtin(&dict, &err) || seg_create(dict, &seg, &err)) {
		ok(0, "segmenter: %s", err.msg);
		return done_testing();
	}
	for (size_t i = 0; i < sizeof intents / sizeof *intents; i++) {
		const char *types[8];
		size_t n = qboost_intents(intents[i].query, types,
					  intents[i].max);
		char *got = join(types, n);

		is_str(got, intents[i].want, "intents of '%s' (at most %zu)",
		       intents[i].query, intents[i].max);
		free(got);
	}
	for (size_t i = 0; i < sizeof built / sizeof *built; i++)
		check_built(i);
	for (size_t i = 0; i < sizeof scores / sizeof *scores; i++)
		check_score(i);

	snprintf(dir, sizeof dir, "%s/t-query-boost.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!ok(mkdtemp(dir) != NULL, "make a scratch folder"))
		return done_testing();
	check_index(dir);
	snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
	ok(system(rm) == 0, "remove the scratch directory");
	seg_destroy(seg);
	return done_testing();
}
