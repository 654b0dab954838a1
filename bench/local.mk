# Benchmarks: figures, never assertions.  bench-query is one small file,
# built with everything else so that API changes reach it at once.
noinst_PROGRAMS += bench/bench-query
bench_bench_query_SOURCES = bench/bench-query.c bench/bench-util.c bench/bench-util.h
bench_bench_query_LDADD = lib/libkbcore.la
noinst_PROGRAMS += bench/bench-spawn
bench_bench_spawn_SOURCES = bench/bench-spawn.c bench/bench-util.c bench/bench-util.h
bench_bench_spawn_LDADD = lib/libkbcore.la
EXTRA_DIST += bench/bench-index.sh bench/README.md bench/bench-fcgi.sh bench/compare.sh \
	bench/compare-convert.awk bench/compare-omega.script \
	bench/compare-fts5.c bench/compare-xapian.cc bench/corpus-remix.awk \
	bench/jsonl-omega.awk

# make bench CORPUS=/path/to/corpus [QUERIES=file]: index CORPUS into a
# scratch index and print throughput, memory, size and query latency.
# Without CORPUS the bundled pages are used, which only shows that the
# script works: they are far too small to measure anything.
CORPUS = $(srcdir)/corpus
QUERIES =
bench: indexer/kbindex$(EXEEXT) bench/bench-query$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/bench-index.sh '$(CORPUS)' $(QUERIES)
.PHONY: bench

# make bench-fcgi DB=/path/to/index [QUERIES=file] [BENCH_SECONDS=60]: the
# FastCGI search page behind lighttpd under wrk (bench/bench-fcgi.sh).
# Without DB the bundled corpus is indexed into a scratch index; without
# QUERIES the judged queries are used.
bench-fcgi: indexer/kbindex$(EXEEXT) search/kbsearch.cgi$(EXEEXT)
	@set -e; db='$(DB)'; q='$(QUERIES)'; tmp=; \
	if [ -z "$$db" ]; then \
		tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/kb-bench.XXXXXX"); \
		trap 'rm -rf "$$tmp"' EXIT; db=$$tmp/index; \
		indexer/kbindex --quiet --db "$$db" '$(srcdir)/corpus'; \
	fi; \
	if [ -z "$$q" ]; then \
		[ -n "$$tmp" ] || { tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/kb-bench.XXXXXX"); \
			trap 'rm -rf "$$tmp"' EXIT; }; \
		q=$$tmp/queries; \
		grep -v '^#' '$(srcdir)/tests/relevance/judged.tsv' | cut -f2 | \
			grep . | sort -u > "$$q"; \
	fi; \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/bench/bench-fcgi.sh "$$db" "$$q"
.PHONY: bench-fcgi
