# Fuzz targets: one per entry point that takes untrusted bytes (see
# fuzz/README).  With --enable-fuzzing they are libFuzzer programs, run by
# fuzz/run.sh; otherwise replay.c gives them a main() that runs the seed
# corpus and the regression inputs, which fuzz/t-replay.sh does in every
# `make check`.  Both kinds take files as arguments and run each once.
FUZZ_TARGETS = fuzz/fuzz-reader fuzz/fuzz-encoding fuzz/fuzz-normalize \
	fuzz/fuzz-facts fuzz/fuzz-query fuzz/fuzz-cgi
check_PROGRAMS += $(FUZZ_TARGETS)
if FUZZING
FUZZ_MAIN =
FUZZ_LINK = $(FUZZ_LDFLAGS)
else
FUZZ_MAIN = fuzz/replay.c
FUZZ_LINK =
endif
FUZZ_COMMON = fuzz/fuzz.h fuzz/fuzz-util.c $(FUZZ_MAIN)
FUZZ_LDADD = lib/libkbcore.la
fuzz_fuzz_reader_SOURCES = fuzz/fuzz-reader.c $(FUZZ_COMMON)
fuzz_fuzz_reader_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_reader_LDFLAGS = $(FUZZ_LINK)
fuzz_fuzz_encoding_SOURCES = fuzz/fuzz-encoding.c $(FUZZ_COMMON)
fuzz_fuzz_encoding_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_encoding_LDFLAGS = $(FUZZ_LINK)
fuzz_fuzz_normalize_SOURCES = fuzz/fuzz-normalize.c $(FUZZ_COMMON)
fuzz_fuzz_normalize_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_normalize_LDFLAGS = $(FUZZ_LINK)
fuzz_fuzz_facts_SOURCES = fuzz/fuzz-facts.c $(FUZZ_COMMON)
fuzz_fuzz_facts_LDADD = $(FUZZ_LDADD) -lm
fuzz_fuzz_facts_LDFLAGS = $(FUZZ_LINK)
fuzz_fuzz_query_SOURCES = fuzz/fuzz-query.c $(FUZZ_COMMON)
fuzz_fuzz_query_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_query_LDFLAGS = $(FUZZ_LINK)
fuzz_fuzz_cgi_SOURCES = fuzz/fuzz-cgi.c search/cgi.c search/cgi.h \
	$(FUZZ_COMMON)
fuzz_fuzz_cgi_LDADD = $(FUZZ_LDADD)
fuzz_fuzz_cgi_LDFLAGS = $(FUZZ_LINK)

# `make fuzz`: the targets alone (fuzz/run.sh builds them so)
fuzz: $(FUZZ_TARGETS)
.PHONY: fuzz

TESTS += fuzz/t-replay.sh
EXTRA_DIST += fuzz/t-replay.sh fuzz/run.sh fuzz/README fuzz/corpus \
	fuzz/regressions $(FUZZ_DICTS)
FUZZ_DICTS = fuzz/reader.dict fuzz/query.dict fuzz/cgi.dict fuzz/facts.dict
