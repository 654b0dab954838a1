# kbsearch: the command-line search; the emitters are the output formats
# that later front ends (HTML, CGI) share.
bin_PROGRAMS += search/kbsearch
search_kbsearch_SOURCES = search/kbsearch.c search/emit.h \
	search/emit-text.c search/emit-json.c \
	search/fact-phrase.h search/fact-phrase.c \
	search/modes.h search/interactive.c search/serve.c
# the help desk's line editing; display widths from utf8proc
search_kbsearch_CFLAGS = $(AM_CFLAGS) $(LIBEDIT_CFLAGS) $(UTF8PROC_CFLAGS)
search_kbsearch_LDADD = lib/libkbcore.la $(DLOPEN_LIBS) $(UTF8PROC_LIBS)
