/* t-query.c - how a query becomes Xapian's: stopwords, words, phrases,
 * filters and their errors. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "dict.h"
#include "query.h"
#include "segment.h"

static seg_t *seg;
static xc_db *syn; /* a synonym table, for the rows that use one */

/* The Xapian description of the query built for @text, or the error. */
static char *
describe(const char *text, const char *filter, int use_syn)
{
	query_plan_t plan = QUERY_PLAN_INIT;
	const char *filters[1] = { filter };
	kb_error_t err;
	char *d = NULL;
	xc_error xe;

	if (query_build(seg, use_syn ? syn : NULL, text, filters, filter ? 1 : 0, &plan, &err))
		return strdup(err.msg);
	if (xc_query_describe(plan.query, &d, &xe))
		d = strdup(xe.msg);
	query_plan_release(&plan);
	return d;
}

static const struct {
	const char *query, *filter, *want;
	int syn; /* with the synonym table of main() */
} cases[] = {
	/* one word: its term or its bigram */
	{ "新农合", NULL,
	  "Query((新农合 SYNONYM (新农@1 AND 农合@2)))", 0 },
	/* a filler goes; words apart need not stand together */
	{ "异地就医怎么备案", NULL,
	  "Query(((异地就医 SYNONYM (异地@1 AND 地就@2 AND 就医@3)) OR 备案))", 0 },
	/* words typed together, even with a space, add the bigrams that
	 * join them */
	{ "异地 就医", NULL,
	  "Query((异地 OR 就医 OR (异地@1 AND 地就@2 AND 就医@3)))", 0 },
	/* letters and digits are plain terms; full width is folded */
	{ "ＡＰＰ", NULL, "Query(app)", 0 },
	/* only fillers: they are searched rather than nothing */
	{ "怎么办", NULL,
	  "Query((怎么办 SYNONYM (怎么@1 AND 么办@2)))", 0 },
	/* filters alone match every passage that passes them */
	{ "has:answer", NULL, "Query((<alldocuments> FILTER XTanswer))", 0 },
	{ "新农合 category:健康新闻", NULL,
	  "Query(((新农合 SYNONYM (新农@1 AND 农合@2)) FILTER XC健康新闻))", 0 },
	{ "新农合", "insurance:新农合",
	  "Query(((新农合 SYNONYM (新农@1 AND 农合@2)) FILTER XN新农合))", 0 },
	/* two values of one field widen, two fields narrow */
	{ "has:answer has:percent category:健康新闻", NULL,
	  "Query((<alldocuments> FILTER (XC健康新闻 AND (XTanswer OR XTpercent))))", 0 },
	{ "percent:>=50", NULL,
	  "Query((<alldocuments> FILTER VALUE_GE 6 \\xb6@))", 0 },
	{ "date:2025..", NULL,
	  "Query((<alldocuments> FILTER VALUE_GE 1 20250101))", 0 },
	{ "date:2025-04", NULL,
	  "Query((<alldocuments> FILTER VALUE_RANGE 1 20250401 20250431))", 0 },
	/* an unknown key is text: the colon separates two words */
	{ "foo:bar", NULL,
	  "Query((foo OR bar OR (foo NEAR 12 bar)))", 0 },
	/* synonyms: the word and its synonyms are one concept (one
	 * synonym group, weighed as rare as the concept is), and the word
	 * as typed adds a quarter on top, so that it ranks first */
	{ "外地住院", NULL,
	  "Query((((外省 SYNONYM (异地 SYNONYM 外地)) OR 0.3125 * 外地) OR 住院 OR (外地@1 AND 地住@2 AND 住院@3)))",
	  1 },
	/* a synonym is a word of its own script; a longer one must be a
	 * word of the passage, its bigrams anywhere would match too loosely */
	{ "ＡＰＰ", NULL, "Query(((应用 SYNONYM app) OR 0.3125 * app))", 1 },
	{ "新农合", NULL,
	  "Query(((农村合作医疗 SYNONYM (新农合 SYNONYM (新农@1 AND 农合@2))) OR 0.3125 * (新农合 SYNONYM (新农@1 AND 农合@2))))",
	  1 },
	/* a synonym the dictionary lacks (生孩子) is matched by its bigrams;
	 * a synonym key the segmenter broke up (生 + 孩子) is joined */
	{ "分娩", NULL, "Query((((生孩子 SYNONYM (生孩@1 AND 孩子@2)) SYNONYM 分娩) OR 0.3125 * 分娩))", 1 },
	{ "生孩子", NULL, "Query(((分娩 SYNONYM (生孩子 SYNONYM (生孩@1 AND 孩子@2))) OR 0.3125 * (生孩子 SYNONYM (生孩@1 AND 孩子@2))))", 1 },
	/* characters typed side by side whose bigram occurs in the index
	 * are one word (双工); where it does not (工双), or without an
	 * index to ask, they stay characters, the bigram a boost */
	{ "双工", NULL, "Query(双工)", 1 },
	{ "工双", NULL, "Query((工 OR 双 OR 工双@1))", 1 },
	{ "双工", NULL, "Query((双 OR 工 OR 双工@1))", 0 },
	{ "双 工", NULL, "Query((双 OR 工 OR 双工@1))", 1 },
	/* the same query without a table is not expanded */
	{ "外地", NULL, "Query(外地)", 0 },
	{ "外地", NULL,
	  "Query(((外省 SYNONYM (异地 SYNONYM 外地)) OR 0.3125 * 外地))",
	  1 },
	/* errors */
	{ "", NULL, "query '' has no words to search for", 0 },
	{ "!!! ;;;", NULL, "query '!!! ;;;' has no words to search for", 0 },
	{ "percent:>=abc", NULL,
	  "invalid filter 'percent:>=abc': expected a number", 0 },
	{ "money:9..1", NULL, "invalid filter 'money:9..1': the range is empty", 0 },
	{ "date:2025-13", NULL,
	  "invalid filter 'date:2025-13': expected a date such as 2025-04-11, 2025-04 or 2025", 0 },
	{ "region:", NULL, "invalid filter 'region:': expected a value after ':'", 0 },
	{ "医保", "foo:bar",
	  "unknown filter 'foo:bar': expected KEY:VALUE with KEY one of region, province, city, insurance, institution, category, has, percent, money, date", 0 },
};

/* How a query was read: its notes as "kind:from>to" lines, with the
 * synonym table. */
static const struct {
	const char *query, *want;
} notes[] = {
	{ "新农合", "synonym:新农合>农村合作医疗\n" },
	/* fillers are set aside before the words are read */
	{ "外地怎么住院", "dropped:怎么>\nsynonym:外地>外省\nsynonym:外地>异地\n" },
	/* fillers alone are searched for: nothing is dropped */
	{ "怎么办", "" },
	{ "报销", "" },
	/* Traditional runs are noted as typed, not word by word */
	{ "醫保 外地就醫", "script:醫保>医保\nscript:外地就醫>外地就医\nsynonym:外地>外省\nsynonym:外地>异地\n" },
};

static char *
read_notes(const char *text)
{
	query_plan_t plan = QUERY_PLAN_INIT;
	kb_buf out = KB_BUF_INIT;
	kb_error_t err;

	buf_init(&out, 0);
	if (query_build(seg, syn, text, NULL, 0, &plan, &err)) {
		buf_add(&out, err.msg, strlen(err.msg));
	} else {
		const char *p = plan.notes.buf;

		for (size_t i = 0; i < plan.nnotes; i++) {
			const char *kind = query_note_kind_name((query_note_kind_t)p[0]);

			buf_add(&out, kind, strlen(kind));
			buf_addch(&out, ':');
			p++;
			buf_add(&out, p, strlen(p));
			buf_addch(&out, '>');
			p += strlen(p) + 1;
			buf_add(&out, p, strlen(p));
			buf_addch(&out, '\n');
			p += strlen(p) + 1;
		}
	}
	query_plan_release(&plan);
	return buf_take(&out, NULL);
}

static const struct {
	const char *term, *synonym;
} synonyms[] = {
	{ "外地", "异地" }, { "外地", "外省" }, { "app", "应用" },
	{ "新农合", "农村合作医疗" },
	{ "分娩", "生孩子" }, { "生孩子", "分娩" },
};

/* The synonym table in a scratch database under @dir; 0 on success. */
static int
make_synonyms(char *dir)
{
	char path[1100];
	xc_doc *doc = NULL;
	unsigned id;
	xc_error xe;

	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/db", dir);
	if (xc_db_open_writable(path, 1, &syn, &xe))
		return -1;
	/* a passage with the bigram 双工, a word the dictionary lacks */
	if (xc_doc_create(&doc, &xe))
		return -1;
	if (xc_doc_add_term(doc, "双工", strlen("双工"), 1, &xe) ||
	    xc_db_add_doc(syn, doc, &id, &xe)) {
		xc_doc_destroy(doc);
		return -1;
	}
	xc_doc_destroy(doc);
	for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
		if (xc_db_add_synonym(syn, synonyms[i].term,
				      strlen(synonyms[i].term),
				      synonyms[i].synonym,
				      strlen(synonyms[i].synonym), &xe))
			return -1;
	return 0;
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[1024], rm[1100];
	const dict_t *dict;
	const char *const *words;
	size_t n;
	kb_error_t err;
	int sorted = 1;

	if (dict_builtin(&dict, &err) || seg_create(dict, &seg, &err)) {
		ok(0, "segmenter: %s", err.msg);
		return done_testing();
	}
	snprintf(dir, sizeof dir, "%s/t-query.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (make_synonyms(dir)) {
		printf("Bail out! cannot create a synonym table in '%s': %s\n",
		       dir, strerror(errno));
		return 1;
	}
	words = query_stopwords(&n);
	for (size_t i = 1; i < n; i++)
		if (strcmp(words[i - 1], words[i]) >= 0)
			sorted = 0;
	ok(sorted, "the stopword table is sorted and has no repeats");
	ok(query_is_stopword("怎么", strlen("怎么")), "怎么 is a filler");
	ok(!query_is_stopword("报销", strlen("报销")), "报销 is not");

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *d = describe(cases[i].query, cases[i].filter,
				   cases[i].syn);

		is_str(d, cases[i].want, "'%s'%s%s%s", cases[i].query,
		       cases[i].filter ? " with " : "",
		       cases[i].filter ? cases[i].filter : "",
		       cases[i].syn ? " with synonyms" : "");
		free(d);
	}
	for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
		char *got = read_notes(notes[i].query);

		is_str(got, notes[i].want, "how '%s' was read", notes[i].query);
		free(got);
	}
	ok(!strcmp(query_note_kind_name(QUERY_NOTE_CORRECTED), "corrected") &&
	   !strcmp(query_note_kind_name(QUERY_NOTE_KINDS), ""),
	   "note kinds have names; an unknown kind has none");
	xc_db_close(syn);
	snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
	ok(system(rm) == 0, "remove the scratch directory");
	seg_destroy(seg);
	return done_testing();
}
