/* bench-query - query latency of an index.
 *
 * Reads queries (one per line; words separated by spaces, as a user would
 * type them), runs the whole list once to warm the caches, then --repeat
 * more times, timing every kb_db_search() call and walking its hits with
 * CLOCK_MONOTONIC.  Prints the number of queries and searches, the latency
 * percentiles p50/p90/p95/p99 and the maximum in milliseconds, and queries per
 * second.  Percentiles are nearest-rank: pN is the smallest latency that
 * at least N% of the timed searches do not exceed.
 *
 * A benchmark, not a test: it prints figures and asserts nothing about
 * time.  Exit status: 0, or 2 on an error.
 */
#include <config.h>

#include "bench-util.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kbsearch.h"
#include "buf.h"
#include "die.h"

#define BENCH_LIMIT_MAX 1000
#define BENCH_REPEAT_MAX 1000
/* Queries longer than this are a mistake in the query file. */
#define BENCH_QUERY_MAX 4096

enum {
	OPT_DB = 'd',
	OPT_LIMIT = 'n',
	OPT_PASSAGES = 'p',
	OPT_HELP = 'h',
	OPT_QUERIES = 256,
	OPT_REPEAT,
	OPT_WARMUP,
	OPT_SLOWEST,
	OPT_COUNTS,
	OPT_FACETS,
	OPT_VERSION,
};

static const struct option bench_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "queries", required_argument, NULL, OPT_QUERIES },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "passages", no_argument, NULL, OPT_PASSAGES },
	{ "facets", no_argument, NULL, OPT_FACETS },
	{ "repeat", required_argument, NULL, OPT_REPEAT },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "slowest", required_argument, NULL, OPT_SLOWEST },
	{ "counts", no_argument, NULL, OPT_COUNTS },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};
static const char bench_short_options[] = "d:n:ph";

typedef struct bench_query {
	const char *text;  /* points into bench_state.text */
	double *ms;        /* one latency per timed pass */
	size_t hits;       /* hits of the last pass */
	int bad;           /* KB_ERR_BAD_QUERY: nothing searchable */
} bench_query_t;

typedef struct bench_state {
	kb_buf text;       /* the query file, lines cut at their '\n' */
	bench_query_t *q;
	size_t nq;
	kb_search_opts_t opts;
	unsigned repeat, warmup;
} bench_state_t;

/* Where the walk over the hits leaves a trace, so it is not optimised
 * away. */
static volatile size_t bench_sink;

static void
bench_help(void)
{
	printf("Usage: %s --db=DIR [OPTION]...\n", die_program());
	fputs("Time searches of the index in DIR: each query of the list is run\n"
	      "once per pass, the warm-up passes are not counted, and the latency\n"
	      "of every timed search is reported as percentiles.\n"
	      "\n"
	      "  -d, --db=DIR          the index to search (required)\n"
	      "      --queries=FILE    one query per line, words separated by\n"
	      "                          spaces; empty lines are ignored\n"
	      "                          (default: standard input)\n"
	      "  -n, --limit=N         hits asked for per search, 1 to 1000\n"
	      "                          (default 10)\n"
	      "  -p, --passages        every matching passage, not only the best\n"
	      "                          one of each article\n"
	      "      --facets          count the facets too, as the search page\n"
	      "                          does\n"
	      "      --repeat=N        timed passes over the list, 1 to 1000\n"
	      "                          (default 3)\n"
	      "      --warmup=N        passes run first and not counted, 0 to\n"
	      "                          1000 (default 1)\n"
	      "      --slowest=N       also list the N queries with the highest\n"
	      "                          median latency\n"
	      "      --counts          print the passages and articles of the\n"
	      "                          index and exit\n"
	      "  -h, --help            display this help and exit\n"
	      "      --version         output version information and exit\n"
	      "\n"
	      "Example:\n"
	      "  bench-query --db=/tmp/index --queries=queries.txt --repeat=5\n",
	      stdout);
	print_help_footer();
}

static void
bench_read_queries(bench_state_t *s, const char *path)
{
	FILE *fp = stdin;
	char chunk[65536];
	size_t n, i, start, nlines = 0;

	if (path && !(fp = fopen(path, "r")))
		die("cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&s->text, chunk, n);
	if (ferror(fp))
		die("cannot read '%s': %s", path ? path : "standard input",
		    strerror(errno));
	if (path)
		fclose(fp);
	if (buf_failed(&s->text))
		die("out of memory");
	for (i = 0; i < s->text.len; i++)
		nlines += s->text.buf[i] == '\n';
	s->q = calloc(nlines + 1, sizeof *s->q);
	if (!s->q)
		die("out of memory");

	/* cut the lines in place; CR LF line ends are accepted */
	for (start = 0; start < s->text.len; start = i + 1) {
		char *line = s->text.buf + start;
		size_t len;

		for (i = start; i < s->text.len && s->text.buf[i] != '\n'; i++)
			;
		s->text.buf[i] = '\0'; /* the NUL terminator at the end */
		len = i - start;
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!len)
			continue;
		if (len > BENCH_QUERY_MAX)
			die("%s: line %zu: query longer than %d bytes",
			    path ? path : "standard input", s->nq + 1,
			    BENCH_QUERY_MAX);
		s->q[s->nq++].text = line;
	}
	if (!s->nq)
		die("no queries in '%s'", path ? path : "standard input");
}

/* One search, hits walked as a front end would; the latency in ms. */
static double
bench_search(kb_db_t *db, const bench_state_t *s, bench_query_t *q)
{
	kb_results_t *res = NULL;
	kb_error_t err;
	kb_status_t st;
	const kb_hit_t *hit;
	size_t i, bytes = 0;
	double t0, t1;

	t0 = bench_now_ms();
	st = kb_db_search(db, q->text, &s->opts, &res, &err);
	if (st == KB_OK)
		for (i = 0; (hit = kb_results_hit(res, i)); i++)
			bytes += strlen(hit->passage) + hit->nspans;
	t1 = bench_now_ms();
	if (st == KB_ERR_BAD_QUERY) {
		q->bad = 1;
	} else if (st != KB_OK) {
		die("%s", err.msg);
	} else {
		q->bad = 0;
		q->hits = kb_results_count(res);
	}
	kb_results_destroy(res);
	bench_sink += bytes;
	return t1 - t0;
}

static void
bench_print_slowest(bench_state_t *s, unsigned nslow)
{
	double *med;
	size_t *order, i, j, tmp;

	med = calloc(s->nq, sizeof *med);
	order = calloc(s->nq, sizeof *order);
	if (!med || !order)
		die("out of memory");
	for (i = 0; i < s->nq; i++) {
		qsort(s->q[i].ms, s->repeat, sizeof *s->q[i].ms,
		      bench_cmp_double);
		med[i] = bench_percentile(s->q[i].ms, s->repeat, 50);
		order[i] = i;
	}
	/* a partial selection sort: nslow is small */
	for (i = 0; i < nslow && i < s->nq; i++) {
		for (j = i + 1; j < s->nq; j++)
			if (med[order[j]] > med[order[i]]) {
				tmp = order[i];
				order[i] = order[j];
				order[j] = tmp;
			}
		printf("slow %9.3f ms %4zu hits  %s\n", med[order[i]],
		       s->q[order[i]].hits, s->q[order[i]].text);
	}
	free(med);
	free(order);
}

static void
bench_run(kb_db_t *db, bench_state_t *s, unsigned nslow)
{
	double *all, t0, wall, total = 0;
	size_t i, n = 0, nbad = 0, nnohits = 0, nsearch;
	unsigned pass;

	nsearch = s->nq * s->repeat;
	all = calloc(nsearch, sizeof *all);
	if (!all)
		die("out of memory");
	for (i = 0; i < s->nq; i++)
		if (!(s->q[i].ms = calloc(s->repeat, sizeof *s->q[i].ms)))
			die("out of memory");

	for (pass = 0; pass < s->warmup; pass++)
		for (i = 0; i < s->nq; i++)
			(void)bench_search(db, s, &s->q[i]);
	t0 = bench_now_ms();
	for (pass = 0; pass < s->repeat; pass++)
		for (i = 0; i < s->nq; i++) {
			double ms = bench_search(db, s, &s->q[i]);

			s->q[i].ms[pass] = ms;
			all[n++] = ms;
			total += ms;
		}
	wall = bench_now_ms() - t0;
	for (i = 0; i < s->nq; i++) {
		nbad += s->q[i].bad;
		nnohits += !s->q[i].bad && !s->q[i].hits;
	}

	qsort(all, n, sizeof *all, bench_cmp_double);
	printf("queries      %zu (%zu with nothing searchable, %zu without hits)\n",
	       s->nq, nbad, nnohits);
	printf("searches     %zu (%u timed %s after %u warm-up)\n", n,
	       s->repeat, s->repeat == 1 ? "pass" : "passes", s->warmup);
	printf("options      limit %u%s%s\n", s->opts.limit,
	       s->opts.all_passages ? ", all passages" : "",
	       s->opts.facets ? ", facets" : "");
	printf("mean_ms      %.3f\n", total / (double)n);
	printf("p50_ms       %.3f\n", bench_percentile(all, n, 50));
	printf("p90_ms       %.3f\n", bench_percentile(all, n, 90));
	printf("p95_ms       %.3f\n", bench_percentile(all, n, 95));
	printf("p99_ms       %.3f\n", bench_percentile(all, n, 99));
	printf("max_ms       %.3f\n", all[n - 1]);
	printf("queries/s    %.1f\n", wall > 0 ? (double)n * 1e3 / wall : 0.0);
	if (nslow)
		bench_print_slowest(s, nslow);
	free(all);
}

static void
bench_counts(kb_db_t *db)
{
	unsigned passages = 0, articles = 0;
	kb_error_t err;

	if (kb_db_counts(db, &passages, &articles, &err) != KB_OK)
		die("%s", err.msg);
	printf("passages     %u\n", passages);
	printf("articles     %u\n", articles);
}

int
main(int argc, char **argv)
{
	bench_state_t s;
	const char *db_path = NULL, *queries = NULL;
	kb_db_t *db = NULL;
	kb_error_t err;
	unsigned nslow = 0;
	int c, counts = 0;
	size_t i;
	double t0, open_ms;

	memset(&s, 0, sizeof s);
	buf_init(&s.text, 0);
	s.opts.limit = 10;
	s.repeat = 3;
	s.warmup = 1;
	die_init("bench-query");
	argv[0] = (char *)"bench-query";
	while ((c = getopt_long(argc, argv, bench_short_options,
				bench_options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db_path = optarg;
			break;
		case OPT_QUERIES:
			queries = optarg;
			break;
		case OPT_LIMIT:
			s.opts.limit = bench_number("limit", optarg, 1,
						    BENCH_LIMIT_MAX);
			break;
		case OPT_PASSAGES:
			s.opts.all_passages = 1;
			break;
		case OPT_FACETS:
			s.opts.facets = 1;
			break;
		case OPT_REPEAT:
			s.repeat = bench_number("repeat", optarg, 1,
						BENCH_REPEAT_MAX);
			break;
		case OPT_WARMUP:
			s.warmup = bench_number("warmup", optarg, 0,
						BENCH_REPEAT_MAX);
			break;
		case OPT_SLOWEST:
			nslow = bench_number("slowest", optarg, 0, UINT_MAX);
			break;
		case OPT_COUNTS:
			counts = 1;
			break;
		case OPT_HELP:
			bench_help();
			close_stdout();
			return 0;
		case OPT_VERSION:
			print_version();
			close_stdout();
			return 0;
		default:
			try_help();
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (!db_path)
		usage_error("no --db given");
	if (!counts)
		bench_read_queries(&s, queries);

	t0 = bench_now_ms();
	if (kb_db_open(db_path, &db, &err) != KB_OK)
		die("%s", err.msg);
	open_ms = bench_now_ms() - t0;
	if (counts) {
		bench_counts(db);
	} else {
		printf("index        %s (opened in %.1f ms)\n", db_path, open_ms);
		bench_run(db, &s, nslow);
	}
	kb_db_close(db);
	for (i = 0; i < s.nq; i++)
		free(s.q[i].ms);
	free(s.q);
	buf_release(&s.text);
	close_stdout();
	return 0;
}
