/* compare-xapian - in-process latency of the Omega peer of bench/compare.sh.
 *
 *   compare-xapian DB QUERIES [REPEAT [WARMUP]]
 *
 * Opens the database scriptindex built once, then parses and runs each
 * query as the omega CGI does with the settings compare.sh gives it:
 * QueryParser with the database, no stemmer, AND as the default operator,
 * "title:" for the S prefix, omega's default flags (phrase, boolean,
 * love/hate), and CJK n-grams from XAPIAN_CJK_NGRAM=1 in the environment
 * (the same switch scriptindex obeyed).  Ten hits are fetched and the
 * document data (caption, sample, url) of each is read, as omega's query
 * template shows them.  Prints the same figures as bench-query.
 *
 * Standalone (only libxapian): compare.sh builds it with
 *   c++ -O2 compare-xapian.cc -lxapian
 * Exit status: 0, or 2 on an error.
 */
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>

static double
xq_now_ms()
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
xq_percentile(const std::vector<double> &sorted, unsigned pct)
{
	size_t rank = (pct * sorted.size() + 99) / 100;

	return sorted[(rank < 1 ? 1 : rank) - 1];
}

/* One search; the hits, their data's bytes added to @bytes; -1 for a
 * query that does not parse (omega shows an error page for it). */
static long
xq_search(const Xapian::Database &db, Xapian::QueryParser &qp,
	  const std::string &q, size_t &bytes)
{
	unsigned flags = Xapian::QueryParser::FLAG_PHRASE |
			 Xapian::QueryParser::FLAG_BOOLEAN |
			 Xapian::QueryParser::FLAG_LOVEHATE;
	Xapian::Enquire enq(db);

	try {
		enq.set_query(qp.parse_query(q, flags));
	} catch (const Xapian::QueryParserError &) {
		return -1;
	}
	Xapian::MSet mset = enq.get_mset(0, 10);
	for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
		bytes += i.get_document().get_data().size();
	return (long)mset.size();
}

int
main(int argc, char **argv)
{
	if (argc < 3 || argc > 5) {
		std::fputs("usage: compare-xapian DB QUERIES [REPEAT [WARMUP]]\n",
			   stderr);
		return 2;
	}
	unsigned repeat = argc > 3 ? (unsigned)std::atoi(argv[3]) : 1;
	unsigned warmup = argc > 4 ? (unsigned)std::atoi(argv[4]) : 1;
	if (!repeat)
		repeat = 1;

	std::vector<std::string> q;
	std::ifstream in(argv[2]);
	if (!in) {
		std::fprintf(stderr, "compare-xapian: cannot open '%s'\n",
			     argv[2]);
		return 2;
	}
	for (std::string line; std::getline(in, line);) {
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		if (!line.empty())
			q.push_back(line);
	}
	if (q.empty()) {
		std::fprintf(stderr, "compare-xapian: no queries in '%s'\n",
			     argv[2]);
		return 2;
	}

	try {
		Xapian::Database db(argv[1]);
		Xapian::QueryParser qp;
		qp.set_database(db);
		qp.set_stemmer(Xapian::Stem("none"));
		qp.set_default_op(Xapian::Query::OP_AND);
		qp.add_prefix("title", "S");

		size_t bytes = 0, nohits = 0, nbad = 0;
		std::vector<double> all;
		for (unsigned pass = 0; pass < warmup; pass++)
			for (const std::string &s : q)
				(void)xq_search(db, qp, s, bytes);
		double t0 = xq_now_ms(), total = 0;
		for (unsigned pass = 0; pass < repeat; pass++)
			for (const std::string &s : q) {
				double t1 = xq_now_ms();
				long hits = xq_search(db, qp, s, bytes);
				double ms = xq_now_ms() - t1;

				all.push_back(ms);
				total += ms;
				if (pass == repeat - 1) {
					nbad += hits < 0;
					nohits += hits == 0;
				}
			}
		double wall = xq_now_ms() - t0;
		std::sort(all.begin(), all.end());
		size_t n = all.size();
		std::printf("queries      %zu (%zu with nothing searchable, %zu "
			    "without hits)\n", q.size(), nbad, nohits);
		std::printf("searches     %zu (%u timed passes after %u "
			    "warm-up)\n", n, repeat, warmup);
		std::printf("mean_ms      %.3f\n", total / (double)n);
		std::printf("p50_ms       %.3f\n", xq_percentile(all, 50));
		std::printf("p90_ms       %.3f\n", xq_percentile(all, 90));
		std::printf("p95_ms       %.3f\n", xq_percentile(all, 95));
		std::printf("p99_ms       %.3f\n", xq_percentile(all, 99));
		std::printf("max_ms       %.3f\n", all[n - 1]);
		std::printf("queries/s    %.1f\n",
			    wall > 0 ? (double)n * 1e3 / wall : 0.0);
		std::printf("bytes        %zu\n", bytes);
	} catch (const Xapian::Error &e) {
		std::fprintf(stderr, "compare-xapian: %s\n",
			     e.get_description().c_str());
		return 2;
	}
	return std::fflush(stdout) == 0 ? 0 : 2;
}
