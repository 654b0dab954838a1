# kbsearch: the command-line search; the emitters are the output formats
# that later front ends (HTML, CGI) share.
bin_PROGRAMS += search/kbsearch
search_kbsearch_SOURCES = search/kbsearch.c search/emit.h \
	search/emit-text.c search/emit-json.c
search_kbsearch_LDADD = lib/libkbsearch.la
