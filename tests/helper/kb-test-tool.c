/* kb-test-tool - one helper binary that shows each stage of the pipeline to
 * shell tests and to people (after git's t/helper/test-tool):
 *
 *   kb-test-tool segment TEXT       tokens: type, text, [start,end), position
 *   kb-test-tool passages FILE      each article's passages
 *   kb-test-tool facts FILE         each article's facts
 *   kb-test-tool articles DB        each article in the index: id, number
 *                                   of passages, title (sorted by id)
 *   kb-test-tool relevance [--verbose] [--markdown] [--min-ndcg X]
 *                [--min-mrr X] [--min-kind KIND:X]... [--known-misses FILE]
 *                [--min-none-declined X] [--max-false-declined X]
 *                [--weak X] DB JUDGED
 *                                   score a judged query set (TAP output;
 *                                   see tests/relevance/README.md)
 *   kb-test-tool facts-score [--min-precision X] [--min-recall X]
 *                [--min-label X] [--min-attrs X] [--min-type-recall T=X]
 *                [--min-type-precision T=X] [--type T] JUDGED FILE...
 *                                   score the fact extractors against a
 *                                   judged fact set (TAP output)
 */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kbsearch.h"
#include "buf.h"
#include "dict.h"
#include "facts.h"
#include "passage.h"
#include "record.h"
#include "segment.h"
#include "../xapian-c/xc.h"

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

/* ---- articles ----------------------------------------------------- */

typedef struct art_passage {
	char *id, *title;
	unsigned no;
} art_passage_t;

typedef struct art_list {
	xc_db *db;
	art_passage_t *v;
	size_t n, cap;
	xc_error xe;
	kb_error_t err;
	int failed; /* 1: reading the index, 2: a record, 3: memory */
} art_list_t;

static int
art_collect(void *ctx, unsigned docid)
{
	art_list_t *l = ctx;
	kb_arena arena = KB_ARENA_INIT;
	char *data = NULL;
	size_t len;
	record_t rec;

	if (xc_db_get_data(l->db, docid, &data, &len, &l->xe)) {
		l->failed = 1;
		return 1;
	}
	if (record_read(data, len, &arena, &rec, &l->err)) {
		l->failed = 2;
	} else if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 1024;
		art_passage_t *v = realloc(l->v, ncap * sizeof *v);

		if (v) {
			l->v = v;
			l->cap = ncap;
		} else {
			l->failed = 3;
		}
	}
	if (!l->failed) {
		art_passage_t *p = &l->v[l->n];

		p->id = strdup(rec.article_id);
		p->title = strdup(rec.title);
		p->no = rec.passage_no;
		if (p->id && p->title)
			l->n++;
		else
			l->failed = 3;
		if (l->failed) {
			free(p->id);
			free(p->title);
		}
	}
	arena_destroy(&arena);
	free(data);
	return l->failed;
}

static int
art_cmp(const void *a, const void *b)
{
	const art_passage_t *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->no > y->no) - (x->no < y->no);
}

/* Every article of an index with its number of passages, read from the
 * stored records rather than through a search, so that it shows what a
 * commit left whatever a query would match.  An article whose passages
 * are not numbered 0 to N-1 under one title is an error. */
static int
cmd_index_articles(int argc, char **argv)
{
	art_list_t l;
	size_t i, j;
	int bad = 0;

	if (argc != 1) {
		fprintf(stderr, "usage: kb-test-tool articles DB\n");
		return 2;
	}
	memset(&l, 0, sizeof l);
	if (xc_db_open(argv[0], &l.db, &l.xe) ||
	    xc_db_postlist(l.db, "", 0, art_collect, &l, &l.xe))
		l.failed = 1;
	if (l.failed == 1)
		fprintf(stderr, "kb-test-tool: cannot read index '%s': %s\n",
			argv[0], l.xe.msg);
	else if (l.failed == 2)
		fprintf(stderr, "kb-test-tool: %s: %s\n", argv[0], l.err.msg);
	else if (l.failed)
		fprintf(stderr, "kb-test-tool: out of memory\n");
	if (!l.failed && l.n)
		qsort(l.v, l.n, sizeof *l.v, art_cmp);
	for (i = 0; !l.failed && i < l.n; i = j) {
		for (j = i; j < l.n && !strcmp(l.v[j].id, l.v[i].id); j++)
			if (l.v[j].no != j - i ||
			    strcmp(l.v[j].title, l.v[i].title))
				bad = 1;
		if (bad) {
			fprintf(stderr, "kb-test-tool: article '%s': passages "
				"not numbered 0 to %zu under one title\n",
				l.v[i].id, j - i - 1);
			break;
		}
		printf("%s\t%zu\t%s\n", l.v[i].id, j - i, l.v[i].title);
	}
	for (i = 0; i < l.n; i++) {
		free(l.v[i].id);
		free(l.v[i].title);
	}
	free(l.v);
	xc_db_close(l.db);
	return l.failed || bad ? 2 : 0;
}

/* ---- relevance ---------------------------------------------------- */

#define MAX_JUDGED 32
#define MAX_KINDS 16
#define MAX_KIND_MINS 16
#define MAX_MISSES 256

/* The kind of query the corpus cannot answer: judged by whether the
 * engine declines it, not by where answers rank. */
#define KIND_NONE "none"

typedef struct judged {
	char *title;
	int grade;
} judged_t;

typedef struct kind_score {
	char name[32];
	int answerable;  /* 0 for KIND_NONE */
	int n;           /* queries */
	int declined;    /* queries the engine declined to answer */
	int ntop, top;   /* queries with a "!" title; those it came first in */
	double ndcg, mrr, recall;
} kind_score_t;

typedef struct kind_min {
	char *kind;
	double min;
} kind_min_t;

typedef struct rel_run {
	kb_db_t *db;
	kind_score_t kinds[MAX_KINDS];
	int nkinds;
	kind_score_t all; /* the answerable kinds together */
	char *misses[MAX_MISSES]; /* known misses: "!" queries not found first */
	int nmisses;
	int verbose;
	double weak;      /* declined below this confidence */
} rel_run_t;

static int tap_n, tap_failed;

/* A TAP line; @todo: an expected failure, which fails nothing. */
__attribute__((format(printf, 3, 4))) static void
tap_todo(int good, const char *todo, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!good && !todo)
		tap_failed++;
	printf("%sok %d - ", good ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!good && todo)
		printf(" # TODO %s", todo);
	putchar('\n');
}

#define tap(good, ...) tap_todo(good, NULL, __VA_ARGS__)

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
rel_kind(rel_run_t *run, const char *name, int create)
{
	kind_score_t *k;

	for (int i = 0; i < run->nkinds; i++)
		if (!strcmp(run->kinds[i].name, name))
			return &run->kinds[i];
	if (!create || run->nkinds == MAX_KINDS ||
	    strlen(name) >= sizeof k->name)
		return NULL;
	k = &run->kinds[run->nkinds++];
	strcpy(k->name, name);
	k->answerable = strcmp(name, KIND_NONE) != 0;
	return k;
}

/* Whether the engine declined to answer: the one place that decides it
 * for every query.  It finds nothing, or says that what it found is no
 * good answer (its confidence is weak, as kbsearch's notice says). */
static int
rel_declined(const rel_run_t *run, const kb_results_t *res)
{
	return kb_results_count(res) == 0 ||
	       kb_results_confidence(res) < run->weak;
}

static int
rel_known_miss(const rel_run_t *run, const char *query)
{
	for (int i = 0; i < run->nmisses; i++)
		if (!strcmp(run->misses[i], query))
			return 1;
	return 0;
}

/* The "!" check: the marked title must come first, unless the query is a
 * known miss (an expected failure). */
static void
rel_check_top(rel_run_t *run, const char *query, const char *top,
	      const kb_hit_t *h, kind_score_t *k)
{
	int good = h && !strcmp(h->title, top);
	int known = rel_known_miss(run, query);

	k->ntop++;
	k->top += good;
	tap_todo(good, known ? "known miss" : NULL, "top hit for '%s' is '%s'",
		 query, top);
	if (!good)
		printf("# got '%s'\n", h ? h->title : "(nothing)");
	else if (known)
		printf("# '%s' is listed as a known miss: remove it from the list\n",
		       query);
}

static void
rel_add(kind_score_t *s, double ndcg, double rr, double recall, int declined)
{
	s->n++;
	s->ndcg += ndcg;
	s->mrr += rr;
	s->recall += recall;
	s->declined += declined;
}

/* One line: KIND<TAB>QUERY<TAB>TITLE=GRADE; TITLE=GRADE ...  A title marked
 * "!" must be the top hit.  A query of kind KIND_NONE has no titles (the
 * third field is empty or absent), and every other query has some. */
static int
score_line(rel_run_t *run, char *line, unsigned lineno)
{
	char *kind = line, *query, *list, *item, *save = NULL;
	judged_t j[MAX_JUDGED];
	int nj = 0, nrel = 0, found = 0, declined;
	const char *top = NULL;
	double dcg = 0, idcg = 0, rr = 0, ndcg, recall, conf;
	kb_results_t *res;
	kb_search_opts_t opts = { .limit = 10 };
	kb_error_t err;
	kind_score_t *k;

	if (!(query = strchr(kind, '\t'))) {
		fprintf(stderr, "kb-test-tool: judged:%u: expected KIND<TAB>QUERY<TAB>JUDGMENTS\n",
			lineno);
		return -1;
	}
	*query++ = '\0';
	if ((list = strchr(query, '\t')))
		*list++ = '\0';
	else
		list = query + strlen(query);
	for (item = strtok_r(list, ";", &save); item;
	     item = strtok_r(NULL, ";", &save)) {
		char *eq = strrchr(item, '=');

		while (*item == ' ')
			item++;
		if (!*item)
			continue;
		if (!eq) {
			fprintf(stderr, "kb-test-tool: judged:%u: expected TITLE=GRADE\n",
				lineno);
			return -1;
		}
		if (nj == MAX_JUDGED) {
			fprintf(stderr, "kb-test-tool: judged:%u: more than %d titles\n",
				lineno, MAX_JUDGED);
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
	if (!*query) {
		fprintf(stderr, "kb-test-tool: judged:%u: empty query\n", lineno);
		return -1;
	}
	if (!(k = rel_kind(run, kind, 1))) {
		fprintf(stderr, "kb-test-tool: judged:%u: bad kind '%s' (at most %d kinds, of at most %zu bytes)\n",
			lineno, kind, MAX_KINDS, sizeof k->name - 1);
		return -1;
	}
	if (k->answerable && !nj) {
		fprintf(stderr, "kb-test-tool: judged:%u: a query of kind '%s' needs judged titles\n",
			lineno, kind);
		return -1;
	}
	if (!k->answerable && nj) {
		fprintf(stderr, "kb-test-tool: judged:%u: a query of kind '%s' has no judged titles\n",
			lineno, kind);
		return -1;
	}

	if (kb_db_search(run->db, query, &opts, &res, &err)) {
		fprintf(stderr, "kb-test-tool: judged:%u: %s\n", lineno, err.msg);
		return -1;
	}
	declined = rel_declined(run, res);
	conf = kb_results_confidence(res);
	if (!k->answerable) {
		const kb_hit_t *h = kb_results_hit(res, 0);

		if (run->verbose)
			printf("# %-11s %s conf %.4f top '%s' score %.4f  %s\n",
			       kind, declined ? "declined" : "answered", conf,
			       h ? h->title : "", h ? h->score : 0.0, query);
		rel_add(k, 0, 0, 0, declined);
		kb_results_destroy(res);
		return 0;
	}

	/* A declined query still shows the closest passages (after its
	 * notice): they are ranked as any, and the decline is counted apart
	 * as a false alarm. */
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
	if (top)
		rel_check_top(run, query, top, kb_results_hit(res, 0), k);
	kb_results_destroy(res);
	qsort(j, (size_t)nj, sizeof j[0], cmp_grade_desc);
	for (int i = 0; i < nj && i < 5; i++)
		idcg += (pow(2, j[i].grade) - 1) / log2((double)i + 2);
	ndcg = idcg > 0 ? dcg / idcg : 0;
	recall = nrel ? (double)found / nrel : 0;
	if (run->verbose)
		printf("# %-11s nDCG@5 %.4f RR %.4f conf %.4f%s  %s\n", kind,
		       ndcg, rr, conf, declined ? " declined" : "", query);
	rel_add(k, ndcg, rr, recall, declined);
	rel_add(&run->all, ndcg, rr, recall, declined);
	return 0;
}

/* The list of known misses: one query a line, "#" comments. */
static int
rel_load_misses(rel_run_t *run, const char *path, kb_buf *content)
{
	char chunk[8192], *line, *next;
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(content, chunk, n);
	fclose(f);
	if (buf_failed(content)) {
		fprintf(stderr, "kb-test-tool: out of memory reading '%s'\n", path);
		return -1;
	}
	for (line = content->buf; line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!*line || *line == '#')
			continue;
		if (run->nmisses == MAX_MISSES) {
			fprintf(stderr, "kb-test-tool: %s: more than %d known misses\n",
				path, MAX_MISSES);
			return -1;
		}
		run->misses[run->nmisses++] = line;
	}
	return 0;
}

/* One figure of the table: "-" where the kind has none. */
static const char *
rel_fig(char *out, size_t size, int have, double sum, int n)
{
	if (!have || !n)
		return "-";
	snprintf(out, size, "%.4f", sum / n);
	return out;
}

static void
rel_row(int markdown, const char *const cell[7])
{
	if (markdown)
		printf("| %s | %s | %s | %s | %s | %s | %s |\n", cell[0],
		       cell[1], cell[2], cell[3], cell[4], cell[5], cell[6]);
	else
		printf("# %-11s %7s %7s %7s %9s %7s %8s\n", cell[0], cell[1],
		       cell[2], cell[3], cell[4], cell[5], cell[6]);
}

/* Print the per-kind table: answerable kinds, "all" (answerable kinds
 * only), then the kinds the corpus cannot answer.  @markdown: as a
 * markdown table, for the docs. */
static void
rel_table(const rel_run_t *run, int markdown)
{
	static const char *const head[7] = { "kind", "queries", "nDCG@5",
		"MRR", "recall@10", "top-1", "declined" };
	int ntop = 0, top = 0;

	for (int t = 0; t < run->nkinds; t++) {
		ntop += run->kinds[t].ntop;
		top += run->kinds[t].top;
	}
	rel_row(markdown, head);
	if (markdown)
		printf("|---|--:|--:|--:|--:|--:|--:|\n");
	for (int pass = 0; pass < 3; pass++)
		for (int i = 0; i < (pass == 1 ? 1 : run->nkinds); i++) {
			const kind_score_t *s = pass == 1 ? &run->all :
						&run->kinds[i];
			char q[16], nd[16], mr[16], re[16], tp[32], de[16];
			const char *cell[7] = { pass == 1 ? "all" : s->name,
						q, nd, mr, re, tp, de };

			if ((pass != 1 && s->answerable != (pass == 0)) ||
			    !s->n)
				continue;
			snprintf(q, sizeof q, "%d", s->n);
			cell[2] = rel_fig(nd, sizeof nd, s->answerable,
					  s->ndcg, s->n);
			cell[3] = rel_fig(mr, sizeof mr, s->answerable,
					  s->mrr, s->n);
			cell[4] = rel_fig(re, sizeof re, s->answerable,
					  s->recall, s->n);
			if (pass == 1)
				snprintf(tp, sizeof tp, "%d/%d", top, ntop);
			else if (s->ntop)
				snprintf(tp, sizeof tp, "%d/%d", s->top,
					 s->ntop);
			else
				strcpy(tp, "-");
			snprintf(de, sizeof de, "%d", s->declined);
			rel_row(markdown, cell);
		}
}

static int
cmd_relevance(int argc, char **argv)
{
	double min_ndcg = 0, min_mrr = 0, min_none = -1, max_false = -1;
	kind_min_t mins[MAX_KIND_MINS];
	int nmins = 0, markdown = 0, i = 0, rc = 2;
	const char *misses = NULL;
	char line[4096];
	unsigned lineno = 0;
	rel_run_t run;
	kb_buf misses_buf = KB_BUF_INIT;
	kb_error_t err;
	FILE *f = NULL;

	memset(&run, 0, sizeof run);
	run.all.answerable = 1;
	run.weak = KB_CONFIDENCE_WEAK;
	for (; i < argc && argv[i][0] == '-'; i++) {
		char *colon;

		if (!strcmp(argv[i], "--verbose"))
			run.verbose = 1;
		else if (!strcmp(argv[i], "--markdown"))
			markdown = 1;
		else if (!strcmp(argv[i], "--min-ndcg") && i + 1 < argc)
			min_ndcg = atof(argv[++i]);
		else if (!strcmp(argv[i], "--min-mrr") && i + 1 < argc)
			min_mrr = atof(argv[++i]);
		else if (!strcmp(argv[i], "--known-misses") && i + 1 < argc)
			misses = argv[++i];
		else if (!strcmp(argv[i], "--min-none-declined") && i + 1 < argc)
			min_none = atof(argv[++i]);
		else if (!strcmp(argv[i], "--max-false-declined") && i + 1 < argc)
			max_false = atof(argv[++i]);
		else if (!strcmp(argv[i], "--weak") && i + 1 < argc)
			run.weak = atof(argv[++i]);
		else if (!strcmp(argv[i], "--min-kind") && i + 1 < argc &&
			 (colon = strrchr(argv[i + 1], ':')) &&
			 colon != argv[i + 1] && nmins < MAX_KIND_MINS) {
			*colon = '\0';
			mins[nmins].kind = argv[++i];
			mins[nmins].min = atof(colon + 1);
			if (!strcmp(mins[nmins].kind, KIND_NONE)) {
				fprintf(stderr, "kb-test-tool: --min-kind: kind '%s' has no nDCG\n",
					KIND_NONE);
				return 2;
			}
			nmins++;
		} else
			break;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: kb-test-tool relevance [--verbose] [--markdown] [--min-ndcg X]\n"
			"       [--min-mrr X] [--min-kind KIND:X]... [--known-misses FILE]\n"
			"       [--min-none-declined X] [--max-false-declined X] [--weak X]\n"
			"       DB JUDGED\n");
		return 2;
	}
	if (misses && rel_load_misses(&run, misses, &misses_buf))
		goto out;
	if (kb_db_open(argv[i], &run.db, &err)) {
		fail(argv[i], &err);
		goto out;
	}
	if (!(f = fopen(argv[i + 1], "r"))) {
		perror(argv[i + 1]);
		goto out;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			fprintf(stderr, "kb-test-tool: judged:%u: line longer than %zu bytes\n",
				lineno, sizeof line - 2);
			goto out;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		if (score_line(&run, line, lineno))
			goto out;
	}
	rel_table(&run, 0);
	if (markdown)
		rel_table(&run, 1);
	if (run.all.n) {
		tap(run.all.ndcg / run.all.n >= min_ndcg, "nDCG@5 %.4f >= %.4f",
		    run.all.ndcg / run.all.n, min_ndcg);
		tap(run.all.mrr / run.all.n >= min_mrr, "MRR %.4f >= %.4f",
		    run.all.mrr / run.all.n, min_mrr);
	}
	for (int m = 0; m < nmins; m++) {
		const kind_score_t *s = rel_kind(&run, mins[m].kind, 0);

		if (!s || !s->n) {
			tap(0, "kind '%s' is judged", mins[m].kind);
			continue;
		}
		tap(s->ndcg / s->n >= mins[m].min, "%s nDCG@5 %.4f >= %.4f",
		    s->name, s->ndcg / s->n, mins[m].min);
	}
	if (min_none >= 0) {
		const kind_score_t *s = rel_kind(&run, KIND_NONE, 0);

		if (!s || !s->n)
			tap(0, "kind '%s' is judged", KIND_NONE);
		else
			tap((double)s->declined / s->n >= min_none,
			    "none declined %d/%d %.4f >= %.4f", s->declined,
			    s->n, (double)s->declined / s->n, min_none);
	}
	if (max_false >= 0 && run.all.n)
		tap((double)run.all.declined / run.all.n <= max_false,
		    "false declined %d/%d %.4f <= %.4f", run.all.declined,
		    run.all.n, (double)run.all.declined / run.all.n, max_false);
	printf("1..%d\n", tap_n);
	rc = tap_failed ? 1 : 0;
out:
	if (f)
		fclose(f);
	kb_db_close(run.db);
	buf_release(&misses_buf);
	return rc;
}

/* ---- facts-score -------------------------------------------------- */

/* One judged fact (tests/facts/README.md): TITLE, TYPE, VALUE, UNIT, LABEL
 * and optional ATTRS ("key=value,key=value"); "-" stands for "".  Type
 * "none" marks an article judged to state no fact at all. */
typedef struct jfact {
	const char *title, *type, *value, *unit, *label, *attrs;
	unsigned line;
	int seen, matched, label_ok, attrs_ok;
} jfact_t;

#define MAX_FACT_TYPES 32
#define MAX_TYPE_MINS 16

typedef struct type_score {
	const char *name;
	int judged, extracted, tp, label_n, label_ok, attrs_judged, attrs_ok;
} type_score_t;

typedef struct type_min {
	const char *type;
	double min;
	int recall; /* 1: recall, 0: precision */
} type_min_t;

typedef struct fscore {
	jfact_t *j;
	size_t nj;
	type_score_t types[MAX_FACT_TYPES];
	int ntypes;
	fact_scratch_t *scratch;
	facts_t facts;
} fscore_t;

static type_score_t *
fs_type(fscore_t *fs, const char *name, int create)
{
	for (int i = 0; i < fs->ntypes; i++)
		if (!strcmp(fs->types[i].name, name))
			return &fs->types[i];
	if (!create || fs->ntypes == MAX_FACT_TYPES)
		return NULL;
	fs->types[fs->ntypes].name = name;
	return &fs->types[fs->ntypes++];
}

static const char *
dash_empty(const char *s)
{
	return strcmp(s, "-") ? s : "";
}

/* Split @line at tabs into at most @max fields; returns how many. */
static int
split_tabs(char *line, char **field, int max)
{
	int n = 0;

	field[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			field[n++] = p + 1;
		}
	return n;
}

/* Read @path into @content (kept: the judged facts point into it). */
static int
fs_load(fscore_t *fs, const char *path, kb_buf *content)
{
	char chunk[8192], *line, *next;
	size_t n, nlines = 0;
	unsigned lineno = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(content, chunk, n);
	fclose(f);
	if (buf_failed(content)) {
		fprintf(stderr, "kb-test-tool: out of memory reading '%s'\n", path);
		return -1;
	}
	for (size_t i = 0; i < content->len; i++)
		nlines += content->buf[i] == '\n';
	if (!(fs->j = calloc(nlines + 1, sizeof *fs->j))) {
		fprintf(stderr, "kb-test-tool: out of memory reading '%s'\n", path);
		return -1;
	}
	for (line = content->buf; line; line = next) {
		char *field[6];
		int nf;
		jfact_t *jf = &fs->j[fs->nj];

		lineno++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!*line || *line == '#')
			continue;
		nf = split_tabs(line, field, 6);
		if (nf < 5) {
			fprintf(stderr, "kb-test-tool: %s:%u: expected TITLE<TAB>TYPE<TAB>VALUE<TAB>UNIT<TAB>LABEL\n",
				path, lineno);
			return -1;
		}
		jf->title = field[0];
		jf->type = field[1];
		jf->value = dash_empty(field[2]);
		jf->unit = dash_empty(field[3]);
		jf->label = dash_empty(field[4]);
		jf->attrs = nf > 5 ? dash_empty(field[5]) : "";
		jf->line = lineno;
		for (size_t k = 0; k < fs->nj; k++)
			if (!strcmp(fs->j[k].title, jf->title) &&
			    !strcmp(fs->j[k].type, jf->type) &&
			    !strcmp(fs->j[k].value, jf->value) &&
			    !strcmp(fs->j[k].unit, jf->unit)) {
				fprintf(stderr, "kb-test-tool: %s:%u: fact judged twice (line %u)\n",
					path, lineno, fs->j[k].line);
				return -1;
			}
		if (strcmp(jf->type, "none") &&
		    !fs_type(fs, jf->type, 1)) {
			fprintf(stderr, "kb-test-tool: %s:%u: too many fact types\n",
				path, lineno);
			return -1;
		}
		fs->nj++;
	}
	return 0;
}

/* The types whose labels are judged: what a number measures, the level
 * of a region, the kind of an institution. */
static int
label_judged(const char *type)
{
	return !strcmp(type, "percent") || !strcmp(type, "money") ||
	       !strcmp(type, "region") || !strcmp(type, "institution");
}

static int
same_key(const kb_fact_t *x, const char *type, const char *value,
	 const char *unit)
{
	return !strcmp(x->type, type) && !strcmp(x->value, value) &&
	       !strcmp(x->unit, unit);
}

/* Every "key=value" of @spec is among the fact's details. */
static int
attrs_match(const kb_fact_t *x, const char *spec)
{
	const char *p = spec;

	while (*p) {
		size_t len = strcspn(p, ","), klen;
		const char *eq = memchr(p, '=', len);
		int found = 0;

		if (!eq)
			return 0;
		klen = (size_t)(eq - p);
		for (size_t i = 0; i < x->nattrs && !found; i++)
			found = strlen(x->attrs[i].key) == klen &&
				!memcmp(x->attrs[i].key, p, klen) &&
				strlen(x->attrs[i].value) == len - klen - 1 &&
				!memcmp(x->attrs[i].value, eq + 1,
					len - klen - 1);
		if (!found)
			return 0;
		p += len;
		if (*p == ',')
			p++;
	}
	return 1;
}

static void
print_fact(const char *what, const char *title, const char *type,
	   const char *value, const char *unit, const char *label)
{
	printf("# %s: %s %s %s%s%s%s%s\n", what, title, type, value,
	       *unit ? " " : "", unit, *label ? " " : "", label);
}

typedef struct fs_split {
	fscore_t *fs;
	const char *body;
	kb_error_t *err;
} fs_split_t;

static int
fs_passage(void *ctx, const passage_t *p)
{
	fs_split_t *sp = ctx;

	return facts_extract_text(sp->fs->scratch, sp->body + p->start,
				  p->end - p->start, &sp->fs->facts,
				  sp->err) ? -1 : 0;
}

/* Whether extracted fact @i is scored: the article's header (category,
 * date) is not stated by the body, and types the judged set does not
 * cover are not judged. */
static int
fs_counted(fscore_t *fs, size_t i, size_t nheader)
{
	const kb_fact_t *x = &fs->facts.items[i];

	if (i < nheader &&
	    (!strcmp(x->type, "category") || !strcmp(x->type, "date")))
		return 0;
	return fs_type(fs, x->type, 0) != NULL;
}

static int
fs_article(fscore_t *fs, const kb_article_t *a)
{
	fs_split_t sp = { fs, a->body, NULL };
	kb_error_t err;
	size_t nheader;
	int judged = 0;

	for (size_t k = 0; k < fs->nj; k++)
		if (!strcmp(fs->j[k].title, a->title))
			judged = fs->j[k].seen = 1;
	if (!judged)
		return 0;
	sp.err = &err;
	facts_clear(&fs->facts);
	if (facts_extract_article(a, &fs->facts, &err))
		return fail(a->title, &err);
	nheader = fs->facts.n;
	if (passage_split(a->body, strlen(a->body), fs_passage, &sp))
		return fail(a->title, &err);

	for (size_t i = 0; i < fs->facts.n; i++) {
		const kb_fact_t *x = &fs->facts.items[i];
		int dup = 0, hit = 0;

		if (!fs_counted(fs, i, nheader))
			continue;
		for (size_t k = 0; k < i && !dup; k++)
			dup = fs_counted(fs, k, nheader) &&
			      same_key(&fs->facts.items[k], x->type, x->value,
				       x->unit);
		if (dup)
			continue;
		fs_type(fs, x->type, 0)->extracted++;
		for (size_t k = 0; k < fs->nj && !hit; k++) {
			jfact_t *jf = &fs->j[k];

			if (strcmp(jf->title, a->title) ||
			    !same_key(x, jf->type, jf->value, jf->unit))
				continue;
			hit = jf->matched = 1;
			fs_type(fs, x->type, 0)->tp++;
		}
		if (!hit)
			print_fact("extra", a->title, x->type, x->value,
				   x->unit, x->label);
	}

	/* A fact stated twice may carry its label or details only once:
	 * any instance will do. */
	for (size_t k = 0; k < fs->nj; k++) {
		jfact_t *jf = &fs->j[k];
		const char *got = NULL;
		const kb_fact_t *first = NULL;

		if (!jf->matched || jf->label_ok || strcmp(jf->title, a->title))
			continue;
		for (size_t i = 0; i < fs->facts.n; i++) {
			const kb_fact_t *x = &fs->facts.items[i];

			if (!fs_counted(fs, i, nheader) ||
			    !same_key(x, jf->type, jf->value, jf->unit))
				continue;
			jf->label_ok |= !strcmp(x->label, jf->label);
			jf->attrs_ok |= attrs_match(x, jf->attrs);
			if (!first) {
				first = x;
				got = x->label;
			}
		}
		if (label_judged(jf->type) && !jf->label_ok)
			printf("# label: %s %s %s%s%s: '%s', judged '%s'\n",
			       jf->title, jf->type, jf->value,
			       *jf->unit ? " " : "", jf->unit, got, jf->label);
		if (*jf->attrs && !jf->attrs_ok) {
			printf("# attrs: %s %s %s: '", jf->title, jf->type,
			       jf->value);
			for (size_t i = 0; i < first->nattrs; i++)
				printf("%s%s=%s", i ? "," : "",
				       first->attrs[i].key,
				       first->attrs[i].value);
			printf("', judged '%s'\n", jf->attrs);
		}
	}
	return 0;
}

static double
ratio(int num, int den)
{
	return den ? (double)num / den : 1.0;
}

/* A ratio for the table: "-" when there is nothing to divide by. */
static const char *
ratio_str(char *out, int num, int den)
{
	if (!den)
		return "-";
	snprintf(out, 16, "%.4f", (double)num / den);
	return out;
}

static int
cmd_facts_score(int argc, char **argv)
{
	double min_p = 0, min_r = 0, min_label = -1, min_attrs = -1;
	type_min_t mins[MAX_TYPE_MINS];
	const char *extra_types[MAX_FACT_TYPES];
	int nmins = 0, nextra = 0, i = 0, rc = 2;
	fscore_t fs = { .facts = FACTS_INIT };
	type_score_t all = { "all", 0, 0, 0, 0, 0, 0, 0 };
	int label_n = 0, label_ok = 0;
	kb_buf content = KB_BUF_INIT;
	kb_error_t err;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		const char *opt = argv[i], *arg = argv[i + 1];

		if (!strcmp(opt, "--min-precision"))
			min_p = atof(arg);
		else if (!strcmp(opt, "--min-recall"))
			min_r = atof(arg);
		else if (!strcmp(opt, "--min-label"))
			min_label = atof(arg);
		else if (!strcmp(opt, "--min-attrs"))
			min_attrs = atof(arg);
		else if (!strcmp(opt, "--type") && nextra < MAX_FACT_TYPES)
			extra_types[nextra++] = arg;
		else if ((!strcmp(opt, "--min-type-recall") ||
			  !strcmp(opt, "--min-type-precision")) &&
			 strchr(arg, '=') && nmins < MAX_TYPE_MINS) {
			mins[nmins].type = arg;
			mins[nmins].min = atof(strchr(arg, '=') + 1);
			mins[nmins].recall = !strcmp(opt, "--min-type-recall");
			*strchr(arg, '=') = '\0';
			nmins++;
		} else
			break;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: kb-test-tool facts-score [--min-precision X] [--min-recall X]\n"
			"       [--min-label X] [--min-attrs X] [--min-type-recall TYPE=X]\n"
			"       [--min-type-precision TYPE=X] [--type TYPE] JUDGED FILE...\n");
		return 2;
	}
	if (fs_load(&fs, argv[i], &content))
		goto out;
	/* a type the corpus never states is still judged: every fact of it
	 * is extra */
	for (int t = 0; t < nextra; t++)
		if (!fs_type(&fs, extra_types[t], 1)) {
			fprintf(stderr, "kb-test-tool: too many fact types\n");
			goto out;
		}
	if (fact_scratch_create(&fs.scratch, &err)) {
		fail("facts", &err);
		goto out;
	}
	for (int f = i + 1; f < argc; f++) {
		kb_reader_t *r;
		const kb_article_t *a;
		kb_status_t st;

		if (kb_reader_open(argv[f], NULL, &r, &err)) {
			fail(argv[f], &err);
			goto out;
		}
		while (!(st = kb_reader_next(r, &a, &err)) && a)
			if (fs_article(&fs, a)) {
				kb_reader_close(r);
				goto out;
			}
		kb_reader_close(r);
		if (st) {
			fail(argv[f], &err);
			goto out;
		}
	}

	for (size_t k = 0; k < fs.nj; k++) {
		jfact_t *jf = &fs.j[k];
		type_score_t *ts;

		if (!jf->seen) {
			fprintf(stderr, "kb-test-tool: %s:%u: no article '%s' in the corpus\n",
				argv[i], jf->line, jf->title);
			goto out;
		}
		if (!(ts = fs_type(&fs, jf->type, 0)))
			continue;
		ts->judged++;
		if (!jf->matched) {
			print_fact("missed", jf->title, jf->type, jf->value,
				   jf->unit, "");
			continue;
		}
		if (label_judged(jf->type)) {
			ts->label_n++;
			ts->label_ok += jf->label_ok;
		}
		if (*jf->attrs) {
			ts->attrs_judged++;
			ts->attrs_ok += jf->attrs_ok;
		}
		if (!strcmp(jf->type, "percent") || !strcmp(jf->type, "money")) {
			label_n++;
			label_ok += jf->label_ok;
		}
	}

	printf("# %-12s %6s %9s %5s %9s %7s %6s\n", "type", "judged",
	       "extracted", "tp", "precision", "recall", "label");
	for (int t = 0; t <= fs.ntypes; t++) {
		type_score_t *ts = t < fs.ntypes ? &fs.types[t] : &all;
		char p[16], r[16], l[16];

		if (ts != &all) {
			all.judged += ts->judged;
			all.extracted += ts->extracted;
			all.tp += ts->tp;
			all.label_n += ts->label_n;
			all.label_ok += ts->label_ok;
			all.attrs_judged += ts->attrs_judged;
			all.attrs_ok += ts->attrs_ok;
		}
		printf("# %-12s %6d %9d %5d %9s %7s %6s\n", ts->name,
		       ts->judged, ts->extracted, ts->tp,
		       ratio_str(p, ts->tp, ts->extracted),
		       ratio_str(r, ts->tp, ts->judged),
		       ratio_str(l, ts->label_ok, ts->label_n));
	}
	tap(ratio(all.tp, all.extracted) >= min_p, "precision %.4f >= %.2f",
	    ratio(all.tp, all.extracted), min_p);
	tap(ratio(all.tp, all.judged) >= min_r, "recall %.4f >= %.2f",
	    ratio(all.tp, all.judged), min_r);
	if (min_label >= 0)
		tap(ratio(label_ok, label_n) >= min_label,
		    "label accuracy of matched percent and money facts %.4f >= %.2f",
		    ratio(label_ok, label_n), min_label);
	if (min_attrs >= 0)
		tap(ratio(all.attrs_ok, all.attrs_judged) >= min_attrs,
		    "attrs accuracy of matched facts %.4f >= %.2f",
		    ratio(all.attrs_ok, all.attrs_judged), min_attrs);
	for (int m = 0; m < nmins; m++) {
		type_score_t *ts = fs_type(&fs, mins[m].type, 0);
		double v;

		if (!ts) {
			tap(0, "type '%s' is judged", mins[m].type);
			continue;
		}
		v = mins[m].recall ? ratio(ts->tp, ts->judged) :
				     ratio(ts->tp, ts->extracted);
		tap(v >= mins[m].min, "%s %s %.4f >= %.2f", ts->name,
		    mins[m].recall ? "recall" : "precision", v, mins[m].min);
	}
	printf("1..%d\n", tap_n);
	rc = tap_failed ? 1 : 0;
out:
	fact_scratch_destroy(fs.scratch);
	facts_release(&fs.facts);
	free(fs.j);
	buf_release(&content);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: kb-test-tool segment|passages|facts|articles|relevance|facts-score ...\n");
		return 2;
	}
	if (!strcmp(argv[1], "segment"))
		return cmd_segment(argc - 2, argv + 2);
	if (!strcmp(argv[1], "passages"))
		return cmd_articles(argc - 2, argv + 2, 0);
	if (!strcmp(argv[1], "facts"))
		return cmd_articles(argc - 2, argv + 2, 1);
	if (!strcmp(argv[1], "articles"))
		return cmd_index_articles(argc - 2, argv + 2);
	if (!strcmp(argv[1], "relevance"))
		return cmd_relevance(argc - 2, argv + 2);
	if (!strcmp(argv[1], "facts-score"))
		return cmd_facts_score(argc - 2, argv + 2);
	fprintf(stderr, "kb-test-tool: unknown command '%s'\n", argv[1]);
	return 2;
}
