# Benchmarks: figures, never assertions.  bench-query is one small file,
# built with everything else so that API changes reach it at once.
noinst_PROGRAMS += bench/bench-query
bench_bench_query_SOURCES = bench/bench-query.c
bench_bench_query_LDADD = lib/libkbcore.la
noinst_PROGRAMS += bench/bench-spawn
bench_bench_spawn_SOURCES = bench/bench-spawn.c
bench_bench_spawn_LDADD = lib/libkbcore.la
EXTRA_DIST += bench/bench-index.sh bench/README.md bench/compare.sh \
	bench/compare-convert.awk bench/compare-omega.script \
	bench/compare-fts5.c bench/compare-xapian.cc

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
