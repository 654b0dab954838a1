/* t-article.c - kb_db_article: an article read back whole from an index,
 * its fields and every passage in order, through the public API only;
 * an unknown id and an empty one. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "kbsearch.h"

#define NPARAS 12

static char scratch[512];

/* The body line of paragraph @i: long enough to be a passage of its
 * own, and numbered, so the order shows. */
static void
paragraph(char *out, size_t size, int i)
{
	snprintf(out, size,
		 "第%d段：参保人员在定点医疗机构就医发生的费用，按照规定比例由基金支付，个人负担其余部分，具体标准由各地确定。",
		 i);
}

static int
write_corpus(const char *path)
{
	FILE *f = fopen(path, "w");
	char para[512];

	if (!f)
		return -1;
	fputs("{\"title\":\"门诊费用报销规则\",\"category\":\"政策解读\","
	      "\"date\":\"2025-03-01\",\"body\":\"", f);
	for (int i = 1; i <= NPARAS; i++) {
		paragraph(para, sizeof para, i);
		fprintf(f, "%s%s", i > 1 ? "\\n" : "", para);
	}
	fputs("\"}\n", f);
	fputs("{\"title\":\"另一篇文章\",\"body\":\"与门诊无关的一句话。\"}\n", f);
	return fclose(f);
}

int
main(void)
{
	char corpus[600], index[600], para[512];
	const char *tmp = getenv("TMPDIR");
	kb_indexer_t *ix = NULL;
	kb_db_t *db = NULL;
	kb_results_t *res = NULL;
	kb_article_view_t *a = NULL;
	const kb_hit_t *hit;
	kb_error_t err;
	int same = 1;

	snprintf(scratch, sizeof scratch, "%s/t-article.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		ok(0, "make a scratch folder");
		return done_testing();
	}
	snprintf(corpus, sizeof corpus, "%s/a.jsonl", scratch);
	snprintf(index, sizeof index, "%s/index", scratch);
	if (!ok(write_corpus(corpus) == 0, "write the corpus") ||
	    !is_int(kb_indexer_open(index, &ix, &err), KB_OK, "open indexer") ||
	    !is_int(kb_indexer_add_file(ix, corpus, NULL, NULL, &err), KB_OK,
		    "index the corpus") ||
	    !is_int(kb_indexer_close(ix, &err), KB_OK, "close the indexer") ||
	    !is_int(kb_db_open(index, &db, &err), KB_OK, "open the index") ||
	    !is_int(kb_db_search(db, "门诊费用报销规则", NULL, &res, &err), KB_OK,
		    "search") ||
	    !ok((hit = kb_results_hit(res, 0)) != NULL, "a hit"))
		goto out;

	is_int(kb_db_article(db, hit->article_id, &a, &err), KB_OK,
	       "kb_db_article");
	if (!ok(a != NULL, "the article is there"))
		goto out;
	is_str(a->article_id, hit->article_id, "its id");
	is_str(a->title, "门诊费用报销规则", "its title");
	is_str(a->category, "政策解读", "its category");
	is_str(a->date, "2025-03-01", "its date");
	is_str(a->source, hit->source, "its source, as the hit's");
	is_int((long)a->npassages, NPARAS, "every passage");
	for (int i = 0; i < NPARAS && (size_t)i < a->npassages; i++) {
		paragraph(para, sizeof para, i + 1);
		if (strcmp(a->passages[i], para)) {
			diag("passage %d: '%s'", i + 1, a->passages[i]);
			same = 0;
		}
	}
	ok(same, "the passages in order, 10 after 9");
	kb_article_view_destroy(a);
	a = NULL;

	is_int(kb_db_article(db, "0000000000000000", &a, &err), KB_OK,
	       "an unknown id is not an error");
	ok(a == NULL, "an unknown id: no article");
	is_int(kb_db_article(db, "", &a, &err), KB_ERR_INVALID_ARG,
	       "an empty id is refused");
	is_str(err.msg, "empty article id", "an empty id: message");
	ok(a == NULL, "an empty id: no article");
	kb_article_view_destroy(NULL); /* allowed: crashes otherwise */
out:
	kb_article_view_destroy(a);
	kb_results_destroy(res);
	kb_db_close(db);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
		if (system(cmd) != 0)
			diag("cannot remove %s", scratch);
	}
	return done_testing();
}
