# Tests: C unit tests (TAP from tests/tap.h) and shell tests (tests/lib.sh).
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
# Shell tests run through the shell, whatever their mode bits.
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	srcdir='$(abs_srcdir)'; \
	export top_srcdir top_builddir srcdir; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; export UBSAN_OPTIONS; \
	ASAN_OPTIONS=detect_leaks=1; export ASAN_OPTIONS; \
	KB_VALGRIND='$(KB_VALGRIND)'; export KB_VALGRIND;
# The C tests run through tests/valgrind.sh, which runs them as they are
# unless KB_VALGRIND is set.
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/valgrind.sh

TEST_LDADD = lib/libkbcore.la
UNIT_TESTS = tests/unit/t-buf tests/unit/t-xc tests/unit/t-normalize \
	tests/unit/t-segment tests/unit/t-encoding tests/unit/t-reader \
	tests/unit/t-passage
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
tests_unit_t_buf_LDADD = $(TEST_LDADD)
tests_unit_t_xc_LDADD = $(TEST_LDADD)
tests_unit_t_normalize_LDADD = $(TEST_LDADD)
tests_unit_t_segment_LDADD = $(TEST_LDADD)
tests_unit_t_encoding_LDADD = $(TEST_LDADD)
tests_unit_t_reader_LDADD = $(TEST_LDADD)
tests_unit_t_passage_LDADD = $(TEST_LDADD)
EXTRA_DIST += tests/tap.h tests/lib.sh tests/data

# The helper that shows each pipeline stage and scores relevance.
check_PROGRAMS += tests/helper/kb-test-tool
tests_helper_kb_test_tool_LDADD = $(TEST_LDADD) -lm

# Escaping (util/escape.c) and the programs' --help/--version and option
# drift.
check_PROGRAMS += tests/unit/t-escape
TESTS += tests/unit/t-escape tests/t0000-help-version.sh
tests_unit_t_escape_LDADD = util/libkbutil.la
EXTRA_DIST += tests/t0000-help-version.sh

# No Traditional character in a literal or word list compared with folded
# text.
TESTS += tests/t0010-folded-literals.sh
EXTRA_DIST += tests/t0010-folded-literals.sh

# End-to-end tests of the programs, and the judged relevance and fact sets.
SHELL_TESTS = tests/t2000-kbsearch.sh tests/t2010-kbsearch-facts.sh \
	tests/t2020-kbsearch-serve.sh tests/t2030-kbsearch-interactive.sh \
	tests/t2040-kbsearch-traditional.sh tests/t2060-kbsearch-confidence.sh \
	tests/t1090-kbindex-shards.sh tests/t2080-kbsearch-remote.sh \
	tests/t9000-relevance.sh tests/t9001-relevance-tool.sh \
	tests/t9010-facts.sh
TESTS += $(SHELL_TESTS)
EXTRA_DIST += $(SHELL_TESTS) tests/facts

# The benchmark harness's argument checks (never its figures).
TESTS += tests/t9020-bench-compare.sh
EXTRA_DIST += tests/t9020-bench-compare.sh

# Unit tests of the record format, quality flags and query building.
MORE_UNIT_TESTS = tests/unit/t-record tests/unit/t-quality tests/unit/t-query \
	tests/unit/t-highlight tests/unit/t-facts
check_PROGRAMS += $(MORE_UNIT_TESTS)
TESTS += $(MORE_UNIT_TESTS)
tests_unit_t_record_LDADD = $(TEST_LDADD)
tests_unit_t_quality_LDADD = $(TEST_LDADD)
tests_unit_t_query_LDADD = $(TEST_LDADD)
tests_unit_t_highlight_LDADD = $(TEST_LDADD)
tests_unit_t_facts_LDADD = $(TEST_LDADD)

# Synonym lists: the parser, the keys they own, a user's list in an index.
check_PROGRAMS += tests/unit/t-synonyms
TESTS += tests/unit/t-synonyms
tests_unit_t_synonyms_LDADD = $(TEST_LDADD)

# Pinyin readings, keys and splits, and queries read through the
# vocabulary map: pinyin, initials and homophone typos.
check_PROGRAMS += tests/unit/t-pinyin
TESTS += tests/unit/t-pinyin tests/t2050-kbsearch-pinyin.sh
tests_unit_t_pinyin_LDADD = $(TEST_LDADD)
EXTRA_DIST += tests/t2050-kbsearch-pinyin.sh

# Question-kind and place boosts, the confidence and the broader query.
check_PROGRAMS += tests/unit/t-query-boost
TESTS += tests/unit/t-query-boost
tests_unit_t_query_boost_LDADD = $(TEST_LDADD)

# The numeric fact extractors: percent, money, duration, date.
check_PROGRAMS += tests/unit/t-fact-numbers
TESTS += tests/unit/t-fact-numbers
tests_unit_t_fact_numbers_LDADD = $(TEST_LDADD)

# The entity fact extractors: regions, institutions, insurance schemes,
# addresses and phone numbers.
check_PROGRAMS += tests/unit/t-fact-entities
TESTS += tests/unit/t-fact-entities
tests_unit_t_fact_entities_LDADD = $(TEST_LDADD)

# End-to-end tests of kbindex: summary, walking, updates, encodings,
# errors, SIGKILL at any point, many SIGKILLs at batch boundaries, a full
# disk, and searches and a second writer while it works.
KBINDEX_TESTS = tests/t1000-kbindex-basic.sh tests/t1010-kbindex-update.sh \
	tests/t1020-kbindex-encodings.sh tests/t1030-kbindex-errors.sh \
	tests/t1040-kbindex-interrupt.sh tests/t1050-kbindex-synonyms.sh \
	tests/t1060-kbindex-crash.sh tests/t1065-kbindex-full-disk.sh \
	tests/t1070-kbindex-concurrency.sh tests/t1095-kbindex-compact.sh
TESTS += $(KBINDEX_TESTS)
EXTRA_DIST += $(KBINDEX_TESTS) tests/lsan-full-disk.supp

# Hostile and broken input and bounded resources: kbindex (bad bytes, huge
# lines, titles and articles, many articles, deep folders, damaged
# indexes) and kbsearch (huge queries, filters out of range, the limits).
HOSTILE_TESTS = tests/t1080-kbindex-hostile.sh tests/t2070-kbsearch-hostile.sh
TESTS += $(HOSTILE_TESTS)
EXTRA_DIST += $(HOSTILE_TESTS)

# The JSON parser (util/json.c) and reading a whole article from the
# index (kb_db_article).
check_PROGRAMS += tests/unit/t-json tests/unit/t-article
TESTS += tests/unit/t-json tests/unit/t-article
tests_unit_t_json_LDADD = util/libkbutil.la
tests_unit_t_article_LDADD = $(TEST_LDADD)

# The library from outside: the example program built against the shared
# libkbsearch, and the exported symbols against kbsearch.h.  The example
# is compiled as the build's own code is, sanitizers included.
LIB_TESTS = tests/t4000-lib-api.sh tests/t4010-symbols.sh
TESTS += $(LIB_TESTS)
EXTRA_DIST += $(LIB_TESTS) tests/installcheck-lib.sh
AM_TESTS_ENVIRONMENT += KB_TEST_CC='$(CC)'; KB_TEST_CXX='$(CXX)'; \
	KB_TEST_CFLAGS='$(CFLAGS)'; KB_TEST_LDFLAGS='$(LDFLAGS)'; \
	export KB_TEST_CC KB_TEST_CXX KB_TEST_CFLAGS KB_TEST_LDFLAGS;

# make installcheck: the same example against the installed library, found
# through the installed kbsearch.pc.
installcheck-local: installcheck-lib
installcheck-lib:
	srcdir='$(srcdir)' bindir='$(bindir)' libdir='$(libdir)' \
	pkgconfigdir='$(pkgconfigdir)' PKG_CONFIG='$(PKG_CONFIG)' \
	CC='$(CC)' CFLAGS='$(CFLAGS)' LDFLAGS='$(LDFLAGS)' \
	$(SHELL) $(srcdir)/tests/installcheck-lib.sh
.PHONY: installcheck-lib

# make check-valgrind: the whole suite with every test program and every
# program the shell tests start under valgrind memcheck (tests/valgrind.sh;
# doc/RELIABILITY.md).  make check KB_VALGRIND=valgrind TESTS=... runs a
# part.  Needs a build without sanitizers.
EXTRA_DIST += tests/valgrind.sh tests/valgrind.supp
check-valgrind:
	$(MAKE) $(AM_MAKEFLAGS) check KB_VALGRIND='$(KB_VALGRIND_CMD)'
KB_VALGRIND_CMD = valgrind
# The part quickstart.sh check (CI) runs: the unit tests of the modules
# that read untrusted text (reader, normalization, segmentation, facts,
# queries, pinyin, synonyms), and the search page under load while
# kbindex updates the index
# (one long-lived FastCGI process: each program started under valgrind
# costs about 2.5 s of CPU, so tests that start kbsearch a hundred times
# are left to check-valgrind).
VALGRIND_QUICK_TESTS = tests/unit/t-normalize tests/unit/t-segment \
	tests/unit/t-reader tests/unit/t-facts tests/unit/t-query \
	tests/unit/t-pinyin tests/unit/t-synonyms tests/unit/t-query-boost \
	tests/t3050-cgi-load.sh
check-valgrind-quick:
	$(MAKE) $(AM_MAKEFLAGS) check KB_VALGRIND='$(KB_VALGRIND_CMD)' \
		TESTS='$(VALGRIND_QUICK_TESTS)'
.PHONY: check-valgrind check-valgrind-quick
