/* compare-fts5 - the SQLite FTS5 peer of bench/compare.sh.
 *
 *   compare-fts5 index DB ROWS        load ROWS (TITLE TAB BODY TAB
 *                                     CATEGORY TAB DATE, one article a
 *                                     line) into a new FTS5 table with
 *                                     the trigram tokenizer, one
 *                                     transaction
 *   compare-fts5 optimize DB          merge the FTS5 segments, then VACUUM
 *   compare-fts5 bench DB QUERIES [REPEAT [WARMUP]]
 *                                     in-process latency, as bench-query
 *   compare-fts5 one DB QUERY         one search, hits on standard output
 *                                     (one process per query)
 *
 * A query is searched as an FTS5 user would: its words of three or more
 * characters are a MATCH (each a quoted string, all required) ranked by
 * bm25; the trigram tokenizer cannot match a shorter word, so each of
 * those is a LIKE '%word%' over title and body instead.  A query whose
 * words are all short is a scan with LIKE only, unranked.  Ten hits are
 * fetched, each with its title and a snippet (the first 100 characters of
 * the body when there is no MATCH).
 *
 * Standalone (only libsqlite3): compare.sh builds it with
 *   cc -O2 compare-fts5.c -lsqlite3
 * Exit status: 0, or 2 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#define FTS_LIMIT 10
#define FTS_WORDS_MAX 32
#define FTS_LINE_MAX (1 << 20)

static void
fts_die(const char *fmt, const char *arg, const char *detail)
{
	fputs("compare-fts5: ", stderr);
	fprintf(stderr, fmt, arg, detail);
	fputc('\n', stderr);
	exit(2);
}

static void
fts_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fts_die("cannot run '%s': %s", sql, msg ? msg : "?");
}

static sqlite3 *
fts_open(const char *path, int flags)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
		fts_die("cannot open '%s': %s", path, sqlite3_errmsg(db));
	return db;
}

static double
fts_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Characters of UTF-8 @s (@len bytes): bytes that do not continue one. */
static size_t
fts_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static void
fts_index(const char *path, const char *rows)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	FILE *fp;
	char *line;
	unsigned long n = 0;

	if (!(fp = fopen(rows, "r")))
		fts_die("cannot open '%s': %s", rows, strerror(errno));
	if (!(line = malloc(FTS_LINE_MAX)))
		fts_die("%s%s", "out of memory", "");
	remove(path);
	db = fts_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	fts_exec(db, "CREATE VIRTUAL TABLE doc USING fts5(title, body, "
		 "category UNINDEXED, date UNINDEXED, tokenize='trigram')");
	fts_exec(db, "BEGIN");
	if (sqlite3_prepare_v2(db, "INSERT INTO doc VALUES (?, ?, ?, ?)", -1,
			       &st, NULL) != SQLITE_OK)
		fts_die("cannot prepare '%s': %s", "INSERT", sqlite3_errmsg(db));
	while (fgets(line, FTS_LINE_MAX, fp)) {
		char *f[4] = { line, "", "", "" }, *p = line;
		int i;

		line[strcspn(line, "\n")] = '\0';
		for (i = 1; i < 4 && (p = strchr(p, '\t')); i++) {
			*p++ = '\0';
			f[i] = p;
		}
		for (i = 0; i < 4; i++)
			sqlite3_bind_text(st, i + 1, f[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			fts_die("cannot insert into '%s': %s", path,
				sqlite3_errmsg(db));
		sqlite3_reset(st);
		n++;
	}
	if (ferror(fp))
		fts_die("cannot read '%s': %s", rows, strerror(errno));
	sqlite3_finalize(st);
	fts_exec(db, "COMMIT");
	sqlite3_close(db);
	fclose(fp);
	free(line);
	printf("%lu\n", n);
}

static void
fts_optimize(const char *path)
{
	sqlite3 *db = fts_open(path, SQLITE_OPEN_READWRITE);

	fts_exec(db, "INSERT INTO doc(doc) VALUES ('optimize')");
	fts_exec(db, "VACUUM");
	sqlite3_close(db);
}

/* Search @query; the hits, each title and snippet written to @out when
 * it is not NULL.  *@bytes gets the bytes of text fetched. */
static int
fts_search(sqlite3 *db, const char *query, FILE *out, size_t *bytes)
{
	char sql[4096], match[4096], like[FTS_WORDS_MAX][512];
	const char *w = query;
	size_t sl, ml = 0;
	int nlike = 0, hits = 0, i, rc;
	sqlite3_stmt *st;

	match[0] = '\0';
	while (*w) {
		size_t len = strcspn(w, " \t");
		size_t k;

		if (len && fts_chars(w, len) >= 3) {
			/* a quoted FTS5 string: '"' doubled inside */
			if (ml + 2 * len + 8 >= sizeof match)
				fts_die("query too long: '%s'%s", query, "");
			ml += (size_t)sprintf(match + ml, "%s\"",
					      ml ? " AND " : "");
			for (k = 0; k < len; k++) {
				if (w[k] == '"')
					match[ml++] = '"';
				match[ml++] = w[k];
			}
			match[ml++] = '"';
			match[ml] = '\0';
		} else if (len) {
			char *p = like[nlike];

			if (nlike == FTS_WORDS_MAX || 2 * len + 3 >
			    sizeof like[0])
				fts_die("query too long: '%s'%s", query, "");
			*p++ = '%';
			for (k = 0; k < len; k++) {
				if (w[k] == '%' || w[k] == '_' || w[k] == '\\')
					*p++ = '\\';
				*p++ = w[k];
			}
			*p++ = '%';
			*p = '\0';
			nlike++;
		}
		w += len;
		w += strspn(w, " \t");
	}
	if (ml)
		sl = (size_t)snprintf(sql, sizeof sql, "SELECT title, snippet("
				      "doc, 1, '[', ']', '...', 16) FROM doc "
				      "WHERE doc MATCH ?1");
	else
		sl = (size_t)snprintf(sql, sizeof sql, "SELECT title, "
				      "substr(body, 1, 100) FROM doc WHERE 1");
	for (i = 0; i < nlike; i++)
		sl += (size_t)snprintf(sql + sl, sizeof sql - sl, " AND (title "
				       "LIKE ?%d ESCAPE '\\' OR body LIKE ?%d "
				       "ESCAPE '\\')", i + 2, i + 2);
	snprintf(sql + sl, sizeof sql - sl, "%s LIMIT %d",
		 ml ? " ORDER BY rank" : "", FTS_LIMIT);
	if (!ml && !nlike)
		return 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fts_die("cannot prepare '%s': %s", sql, sqlite3_errmsg(db));
	if (ml)
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	for (i = 0; i < nlike; i++)
		sqlite3_bind_text(st, i + 2, like[i], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		const char *s = (const char *)sqlite3_column_text(st, 1);

		*bytes += (t ? strlen(t) : 0) + (s ? strlen(s) : 0);
		if (out)
			fprintf(out, "%s\n  %s\n", t ? t : "", s ? s : "");
		hits++;
	}
	if (rc != SQLITE_DONE)
		fts_die("cannot search '%s': %s", query, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return hits;
}

static int
fts_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
fts_percentile(const double *sorted, size_t n, unsigned pct)
{
	size_t rank = (pct * n + 99) / 100;

	return sorted[(rank < 1 ? 1 : rank) - 1];
}

static void
fts_bench(const char *path, const char *queries, unsigned repeat,
	  unsigned warmup)
{
	sqlite3 *db = fts_open(path, SQLITE_OPEN_READONLY);
	FILE *fp;
	char **q = NULL, line[8192];
	size_t nq = 0, cap = 0, i, n = 0, bytes = 0, nohits = 0;
	double *all, t0, wall, total = 0;
	unsigned pass;

	if (!(fp = fopen(queries, "r")))
		fts_die("cannot open '%s': %s", queries, strerror(errno));
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		if (nq == cap && !(q = realloc(q, (cap = cap * 2 + 64) *
						 sizeof *q)))
			fts_die("%s%s", "out of memory", "");
		if (!(q[nq++] = strdup(line)))
			fts_die("%s%s", "out of memory", "");
	}
	fclose(fp);
	if (!nq)
		fts_die("no queries in '%s'%s", queries, "");
	if (!(all = calloc(nq * repeat, sizeof *all)))
		fts_die("%s%s", "out of memory", "");

	for (pass = 0; pass < warmup; pass++)
		for (i = 0; i < nq; i++)
			(void)fts_search(db, q[i], NULL, &bytes);
	t0 = fts_now_ms();
	for (pass = 0; pass < repeat; pass++)
		for (i = 0; i < nq; i++) {
			double t1 = fts_now_ms(), ms;
			int hits = fts_search(db, q[i], NULL, &bytes);

			ms = fts_now_ms() - t1;
			all[n++] = ms;
			total += ms;
			if (pass == repeat - 1)
				nohits += !hits;
		}
	wall = fts_now_ms() - t0;
	qsort(all, n, sizeof *all, fts_cmp_double);
	printf("queries      %zu (0 with nothing searchable, %zu without "
	       "hits)\n", nq, nohits);
	printf("searches     %zu (%u timed passes after %u warm-up)\n", n,
	       repeat, warmup);
	printf("mean_ms      %.3f\n", total / (double)n);
	printf("p50_ms       %.3f\n", fts_percentile(all, n, 50));
	printf("p90_ms       %.3f\n", fts_percentile(all, n, 90));
	printf("p95_ms       %.3f\n", fts_percentile(all, n, 95));
	printf("p99_ms       %.3f\n", fts_percentile(all, n, 99));
	printf("max_ms       %.3f\n", all[n - 1]);
	printf("queries/s    %.1f\n", wall > 0 ? (double)n * 1e3 / wall : 0.0);
	printf("bytes        %zu\n", bytes);
	for (i = 0; i < nq; i++)
		free(q[i]);
	free(q);
	free(all);
	sqlite3_close(db);
}

int
main(int argc, char **argv)
{
	size_t bytes = 0;

	if (argc == 4 && !strcmp(argv[1], "index")) {
		fts_index(argv[2], argv[3]);
	} else if (argc == 3 && !strcmp(argv[1], "optimize")) {
		fts_optimize(argv[2]);
	} else if (argc >= 4 && argc <= 6 && !strcmp(argv[1], "bench")) {
		unsigned repeat = argc > 4 ? (unsigned)atoi(argv[4]) : 1;
		unsigned warmup = argc > 5 ? (unsigned)atoi(argv[5]) : 1;

		fts_bench(argv[2], argv[3], repeat ? repeat : 1, warmup);
	} else if (argc == 4 && !strcmp(argv[1], "one")) {
		sqlite3 *db = fts_open(argv[2], SQLITE_OPEN_READONLY);

		fts_search(db, argv[3], stdout, &bytes);
		sqlite3_close(db);
	} else {
		fputs("usage: compare-fts5 index DB ROWS | optimize DB |"
		      " bench DB QUERIES [REPEAT [WARMUP]] | one DB QUERY\n",
		      stderr);
		return 2;
	}
	if (fflush(stdout) || ferror(stdout))
		fts_die("cannot write '%s': %s", "standard output",
			strerror(errno));
	return 0;
}
