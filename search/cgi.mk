# kbsearch.cgi: the search page, a CGI and (with libfcgi) a FastCGI
# program.  It installs where CGI programs go, not in bindir: set cgibindir
# for the web server's folder (Debian's is /usr/lib/cgi-bin).
cgibindir = $(libexecdir)/kbsearch
cgibin_PROGRAMS = search/kbsearch.cgi
search_kbsearch_cgi_SOURCES = search/kbsearch-cgi.c search/cgi.c \
	search/cgi.h search/emit.h search/emit-html.c \
	search/fact-phrase.h search/fact-phrase.c
search_kbsearch_cgi_CPPFLAGS = $(AM_CPPFLAGS) \
	-DKB_CGI_CONF='"$(sysconfdir)/kbsearch.conf"'
search_kbsearch_cgi_LDADD = lib/libkbcore.la $(FCGI_LIBS)
dist_man_MANS += doc/kbsearch.cgi.8

# The page from the command line, over HTTP from lighttpd, Apache and
# nginx (CGI and FastCGI), and in a headless browser; each server's
# configuration is the one README.md shows.
CGI_TESTS = tests/t3000-cgi.sh tests/t3010-cgi-http.sh \
	tests/t3020-cgi-browser.sh tests/t3030-cgi-apache.sh \
	tests/t3040-cgi-nginx.sh
TESTS += $(CGI_TESTS)
EXTRA_DIST += $(CGI_TESTS) tests/cgi-lib.sh tests/lighttpd.conf \
	tests/apache.conf tests/nginx.conf
# The FastCGI page under load while kbindex updates the index (wrk).
TESTS += tests/t3050-cgi-load.sh
EXTRA_DIST += tests/t3050-cgi-load.sh bench/wrk-fcgi.lua
# what a person sees, kept by tests/t3020-cgi-browser.sh
CLEANFILES += cgi-results.png cgi-results-phone.png
