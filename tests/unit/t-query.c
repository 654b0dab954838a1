/* t-query.c - how a query becomes Xapian's: stopwords, words, phrases,
 * filters and their errors. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "dict.h"
#include "query.h"
#include "segment.h"

static seg_t *seg;

/* The Xapian description of the query built for @text, or the error. */
static char *
describe(const char *text, const char *filter)
{
	query_plan_t plan = QUERY_PLAN_INIT;
	const char *filters[1] = { filter };
	kb_error_t err;
	char *d = NULL;
	xc_error xe;

	if (query_build(seg, text, filters, filter ? 1 : 0, &plan, &err))
		return strdup(err.msg);
	if (xc_query_describe(plan.query, &d, &xe))
		d = strdup(xe.msg);
	query_plan_release(&plan);
	return d;
}

static const struct {
	const char *query, *filter, *want;
} cases[] = {
	/* one word: its term or its bigram */
	{ "新农合", NULL,
	  "Query((新农合 SYNONYM (XB新农@1 AND XB农合@2)))" },
	/* a filler goes; words apart need not stand together */
	{ "异地就医怎么备案", NULL,
	  "Query(((异地就医 SYNONYM (XB异地@1 AND XB地就@2 AND XB就医@3)) OR (备案 SYNONYM XB备案@1)))" },
	/* words typed together, even with a space, add the bigrams that
	 * join them */
	{ "异地 就医", NULL,
	  "Query((((异地 SYNONYM XB异地@1) OR (就医 SYNONYM XB就医@1)) AND_MAYBE (XB异地@1 AND XB地就@2 AND XB就医@3)))" },
	/* letters and digits are plain terms; full width is folded */
	{ "ＡＰＰ", NULL, "Query(app)" },
	/* only fillers: they are searched rather than nothing */
	{ "怎么办", NULL,
	  "Query((怎么办 SYNONYM (XB怎么@1 AND XB么办@2)))" },
	/* filters alone match every passage that passes them */
	{ "has:answer", NULL, "Query((<alldocuments> FILTER XTanswer))" },
	{ "新农合 category:健康新闻", NULL,
	  "Query(((新农合 SYNONYM (XB新农@1 AND XB农合@2)) FILTER XC健康新闻))" },
	{ "新农合", "insurance:新农合",
	  "Query(((新农合 SYNONYM (XB新农@1 AND XB农合@2)) FILTER XN新农合))" },
	/* two values of one field widen, two fields narrow */
	{ "has:answer has:percent category:健康新闻", NULL,
	  "Query((<alldocuments> FILTER (XC健康新闻 AND (XTanswer OR XTpercent))))" },
	{ "percent:>=50", NULL,
	  "Query((<alldocuments> FILTER VALUE_GE 6 \\xb6@))" },
	{ "date:2025..", NULL,
	  "Query((<alldocuments> FILTER VALUE_GE 1 20250101))" },
	{ "date:2025-04", NULL,
	  "Query((<alldocuments> FILTER VALUE_RANGE 1 20250401 20250431))" },
	/* an unknown key is text: the colon separates two words */
	{ "foo:bar", NULL,
	  "Query(((foo OR bar) AND_MAYBE (foo NEAR 12 bar)))" },
	/* errors */
	{ "", NULL, "query '' has no words to search for" },
	{ "!!! ;;;", NULL, "query '!!! ;;;' has no words to search for" },
	{ "percent:>=abc", NULL,
	  "invalid filter 'percent:>=abc': expected a number" },
	{ "money:9..1", NULL, "invalid filter 'money:9..1': the range is empty" },
	{ "date:2025-13", NULL,
	  "invalid filter 'date:2025-13': expected a date such as 2025-04-11, 2025-04 or 2025" },
	{ "region:", NULL, "invalid filter 'region:': expected a value after ':'" },
	{ "医保", "foo:bar",
	  "unknown filter 'foo:bar': expected KEY:VALUE with KEY one of region, province, city, insurance, institution, category, has, percent, money, date" },
};

int
main(void)
{
	const dict_t *dict;
	const char *const *words;
	size_t n;
	kb_error_t err;
	int sorted = 1;

	if (dict_builtin(&dict, &err) || seg_create(dict, &seg, &err)) {
		ok(0, "segmenter: %s", err.msg);
		return done_testing();
	}
	words = query_stopwords(&n);
	for (size_t i = 1; i < n; i++)
		if (strcmp(words[i - 1], words[i]) >= 0)
			sorted = 0;
	ok(sorted, "the stopword table is sorted and has no repeats");
	ok(query_is_stopword("怎么", strlen("怎么")), "怎么 is a filler");
	ok(!query_is_stopword("报销", strlen("报销")), "报销 is not");

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *d = describe(cases[i].query, cases[i].filter);

		is_str(d, cases[i].want, "'%s'%s%s", cases[i].query,
		       cases[i].filter ? " with " : "",
		       cases[i].filter ? cases[i].filter : "");
		free(d);
	}
	seg_destroy(seg);
	return done_testing();
}
