# Hand-written manual pages; tests/t0000-help-version.sh checks that they
# name every option of the programs.
dist_man_MANS += doc/kbindex.1 doc/kbsearch.1
EXTRA_DIST += doc/json-schema.md doc/facts.md doc/serve-protocol.md \
	doc/RELIABILITY.md doc/PERFORMANCE.md doc/SCALING.md
# A C program using the installed library (tests/t4000-lib-api.sh and
# make installcheck build it).
EXTRA_DIST += doc/examples/search-example.c
