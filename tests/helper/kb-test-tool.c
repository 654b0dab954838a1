/* kb-test-tool - one helper binary that shows each stage of the pipeline to
 * shell tests and to people (after git's t/helper/test-tool):
 *
 *   kb-test-tool segment TEXT       tokens: type, text, [start,end), position
 *   kb-test-tool passages FILE      each article's passages
 *   kb-test-tool facts FILE         each article's facts
 *   kb-test-tool relevance [--min-ndcg X] [--min-mrr X] DB JUDGED
 *                                   score a judged query set (TAP output)
 */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kbsearch.h"
#include "dict.h"
#include "facts.h"
#include "passage.h"
#include "segment.h"

static int
fail(const char *what, const kb_error_t *err)
{
	fprintf(stderr, "kb-test-tool: %s: %s\n", what, err->msg);
	return 2;
}

static int
print_token(void *ctx, int tflags, const char *tok, size_t len, size_t start,
	    size_t end, unsigned pos)
{
	printf("%s\t%.*s\t%zu\t%zu\t%u\n",
	       (tflags & SEG_BIGRAM) ? "bigram" : "word", (int)len, tok, start,
	       end, pos);
	return 0;
}

static int
cmd_segment(int argc, char **argv)
{
	const dict_t *dict;
	seg_t *seg;
	kb_error_t err;
	int rc;

	if (argc != 1) {
		fprintf(stderr, "usage: kb-test-tool segment TEXT\n");
		return 2;
	}
	if (dict_builtin(&dict, &err) || seg_create(dict, &seg, &err))
		return fail("segmenter", &err);
	rc = seg_tokenize(seg, argv[0], strlen(argv[0]), print_token, NULL,
			  &err);
	seg_destroy(seg);
	return rc ? fail("segment", &err) : 0;
}

static int
print_passage(void *ctx, const passage_t *p)
{
	const char *body = ctx;

	printf("[%.*s]\n", (int)(p->end - p->start), body + p->start);
	return 0;
}

static int
cmd_articles(int argc, char **argv, int facts)
{
	kb_reader_t *r;
	const kb_article_t *a;
	kb_error_t err;
	facts_t f = FACTS_INIT;

	if (argc != 1) {
		fprintf(stderr, "usage: kb-test-tool passages|facts FILE\n");
		return 2;
	}
	if (kb_reader_open(argv[0], NULL, &r, &err))
		return fail(argv[0], &err);
	while (!kb_reader_next(r, &a, &err) && a) {
		printf("# %s\n", a->title);
		if (!facts) {
			passage_split(a->body, strlen(a->body), print_passage,
				      (void *)a->body);
			continue;
		}
		facts_clear(&f);
		if (facts_extract_article(a, &f, &err)) {
			facts_release(&f);
			kb_reader_close(r);
			return fail(argv[0], &err);
		}
		for (size_t i = 0; i < f.n; i++)
			printf("%s\t%s\t%s\n", f.items[i].type,
			       f.items[i].label, f.items[i].value);
	}
	facts_release(&f);
	kb_reader_close(r);
	return 0;
}

/* ---- relevance ---------------------------------------------------- */

#define MAX_JUDGED 32
#define MAX_KINDS 16

typedef struct judged {
	char *title;
	int grade;
} judged_t;

typedef struct kind_score {
	char name[32];
	int n;
	double ndcg, mrr, recall;
} kind_score_t;

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3))) static void
tap(int good, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!good)
		tap_failed++;
	printf("%sok %d - ", good ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int
grade_of(const judged_t *j, int nj, const char *title)
{
	for (int i = 0; i < nj; i++)
		if (!strcmp(j[i].title, title))
			return j[i].grade;
	return 0;
}

static int
cmp_grade_desc(const void *a, const void *b)
{
	return ((const judged_t *)b)->grade - ((const judged_t *)a)->grade;
}

static kind_score_t *
kind_for(kind_score_t *kinds, int *nkinds, const char *name)
{
	for (int i = 0; i < *nkinds; i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	if (*nkinds == MAX_KINDS)
		return &kinds[MAX_KINDS - 1];
	memcpy(kinds[*nkinds].name, name,
	       strnlen(name, sizeof kinds[0].name - 1));
	return &kinds[(*nkinds)++];
}

/* One line: KIND<TAB>QUERY<TAB>TITLE=GRADE; TITLE=GRADE ...  A title marked
 * "!" must be the top hit. */
static int
score_line(kb_db_t *db, char *line, unsigned lineno, kind_score_t *kinds,
	   int *nkinds, kind_score_t *all)
{
	char *kind = line, *query, *list, *item, *save = NULL;
	judged_t j[MAX_JUDGED];
	int nj = 0, nrel = 0, found = 0;
	const char *top = NULL;
	double dcg = 0, idcg = 0, rr = 0;
	kb_results_t *res;
	kb_search_opts_t opts = { .limit = 10 };
	kb_error_t err;
	kind_score_t *k;

	if (!(query = strchr(kind, '\t')) || !(list = strchr(query + 1, '\t'))) {
		fprintf(stderr, "kb-test-tool: judged:%u: expected KIND<TAB>QUERY<TAB>JUDGMENTS\n",
			lineno);
		return -1;
	}
	*query++ = '\0';
	*list++ = '\0';
	for (item = strtok_r(list, ";", &save); item && nj < MAX_JUDGED;
	     item = strtok_r(NULL, ";", &save)) {
		char *eq = strrchr(item, '=');

		while (*item == ' ')
			item++;
		if (!eq) {
			fprintf(stderr, "kb-test-tool: judged:%u: expected TITLE=GRADE\n",
				lineno);
			return -1;
		}
		*eq = '\0';
		if (*item == '!')
			top = ++item;
		j[nj].title = item;
		j[nj].grade = atoi(eq + 1);
		if (j[nj].grade > 0)
			nrel++;
		nj++;
	}
	if (kb_db_search(db, query, &opts, &res, &err)) {
		fprintf(stderr, "kb-test-tool: judged:%u: %s\n", lineno, err.msg);
		return -1;
	}
	for (size_t i = 0; i < kb_results_count(res); i++) {
		const char *title = kb_results_hit(res, i)->title;
		int g = grade_of(j, nj, title);

		if (i < 5)
			dcg += (pow(2, g) - 1) / log2((double)i + 2);
		if (g > 0) {
			found++;
			if (rr == 0)
				rr = 1.0 / ((double)i + 1);
		}
	}
	if (top) {
		const kb_hit_t *h = kb_results_hit(res, 0);

		tap(h && !strcmp(h->title, top), "top hit for '%s' is '%s'",
		    query, top);
		if (h && strcmp(h->title, top))
			printf("# got '%s'\n", h->title);
	}
	kb_results_destroy(res);
	qsort(j, (size_t)nj, sizeof j[0], cmp_grade_desc);
	for (int i = 0; i < nj && i < 5; i++)
		idcg += (pow(2, j[i].grade) - 1) / log2((double)i + 2);
	k = kind_for(kinds, nkinds, kind);
	for (kind_score_t *s = k;; s = all) {
		s->n++;
		s->ndcg += idcg > 0 ? dcg / idcg : 0;
		s->mrr += rr;
		s->recall += nrel ? (double)found / nrel : 0;
		if (s == all)
			break;
	}
	return 0;
}

static int
cmd_relevance(int argc, char **argv)
{
	double min_ndcg = 0, min_mrr = 0;
	kind_score_t kinds[MAX_KINDS], all = { "all", 0, 0, 0, 0 };
	int nkinds = 0, i = 0;
	char line[4096];
	unsigned lineno = 0;
	kb_db_t *db;
	kb_error_t err;
	FILE *f;

	memset(kinds, 0, sizeof kinds);
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--min-ndcg"))
			min_ndcg = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--min-mrr"))
			min_mrr = atof(argv[i + 1]);
		else
			break;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: kb-test-tool relevance [--min-ndcg X] [--min-mrr X] DB JUDGED\n");
		return 2;
	}
	if (kb_db_open(argv[i], &db, &err))
		return fail(argv[i], &err);
	if (!(f = fopen(argv[i + 1], "r"))) {
		perror(argv[i + 1]);
		kb_db_close(db);
		return 2;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		if (score_line(db, line, lineno, kinds, &nkinds, &all)) {
			fclose(f);
			kb_db_close(db);
			return 2;
		}
	}
	fclose(f);
	kb_db_close(db);
	printf("# %-12s %7s %7s %7s %9s\n", "kind", "queries", "nDCG@5", "MRR",
	       "recall@10");
	for (int k = 0; k <= nkinds; k++) {
		kind_score_t *s = k < nkinds ? &kinds[k] : &all;

		if (!s->n)
			continue;
		printf("# %-12s %7d %7.4f %7.4f %9.4f\n", s->name, s->n,
		       s->ndcg / s->n, s->mrr / s->n, s->recall / s->n);
	}
	if (all.n) {
		tap(all.ndcg / all.n >= min_ndcg, "nDCG@5 %.4f >= %.4f",
		    all.ndcg / all.n, min_ndcg);
		tap(all.mrr / all.n >= min_mrr, "MRR %.4f >= %.4f",
		    all.mrr / all.n, min_mrr);
	}
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: kb-test-tool segment|passages|facts|relevance ...\n");
		return 2;
	}
	if (!strcmp(argv[1], "segment"))
		return cmd_segment(argc - 2, argv + 2);
	if (!strcmp(argv[1], "passages"))
		return cmd_articles(argc - 2, argv + 2, 0);
	if (!strcmp(argv[1], "facts"))
		return cmd_articles(argc - 2, argv + 2, 1);
	if (!strcmp(argv[1], "relevance"))
		return cmd_relevance(argc - 2, argv + 2);
	fprintf(stderr, "kb-test-tool: unknown command '%s'\n", argv[1]);
	return 2;
}
