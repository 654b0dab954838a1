/* cgi.h - a search page request, decoded and checked.
 *
 * As Omega's cgiparam: the parameters of a request become a fixed struct
 * of the parameters the page knows, and nothing else.  A parameter the
 * page does not know, a broken %XX, text that is not UTF-8 (after the
 * conversion that ie= asks for), or a value or a query string longer than
 * its cap is refused with a message for a 400 page; start= is clamped.
 * Nothing of a request names a file: the index and the page size come
 * from the configuration (cgi_config_load), never from the request.
 *
 * The parameters:
 *	q      the words typed in the box (at most CGI_QUERY_MAX bytes)
 *	f      a filter KEY:VALUE, repeatable (the facet links add them)
 *	start  the hits skipped before the first one shown (default 0)
 *	ie     the encoding q and f were sent in: UTF-8 (the default), or
 *	       GBK, GB2312 or GB18030, converted to UTF-8 with iconv
 */
#ifndef KB_CGI_H
#define KB_CGI_H

#include <stddef.h>

/* A whole QUERY_STRING, in bytes. */
#define CGI_QUERY_STRING_MAX 4096
/* The decoded q, in bytes of UTF-8: 170 Han characters. */
#define CGI_QUERY_MAX 512
/* One filter, in bytes of UTF-8, and how many a request may have. */
#define CGI_FILTER_MAX 128
#define CGI_FILTERS_MAX 8
/* start= past this is clamped to it: deeper pages cost the engine more
 * than anybody reads them. */
#define CGI_START_MAX 10000
/* The page size the configuration may ask for. */
#define CGI_PAGE_SIZE_DEFAULT 10
#define CGI_PAGE_SIZE_MAX 100

typedef struct cgi_request {
	char q[CGI_QUERY_MAX + 1];
	char f[CGI_FILTERS_MAX][CGI_FILTER_MAX + 1];
	const char *filters[CGI_FILTERS_MAX]; /* point into f */
	size_t nfilters;
	unsigned start;
	int head; /* 1 for a HEAD request: headers only */
} cgi_request_t;

/* Room for the reason a request was refused, shown on the 400 page. */
#define CGI_WHY_SIZE 160

/* Decode an application/x-www-form-urlencoded @qs ('+' is a space, %XX a
 * byte) into @req.  Return 0, or -1 with the reason in @why. */
int cgi_parse_query(const char *qs, cgi_request_t *req,
		    char why[CGI_WHY_SIZE]);

/* The same for NAME=VALUE command-line arguments, as Omega takes them
 * when REQUEST_METHOD is unset: values are taken as they are, with no
 * %XX decoding, and checked in the same way. */
int cgi_parse_args(int argc, char *const *argv, cgi_request_t *req,
		   char why[CGI_WHY_SIZE]);

/* Where the index is and how many hits a page shows, read once. */
typedef struct cgi_config {
	char *db;           /* the index; NULL when none is configured */
	unsigned page_size;
} cgi_config_t;

/* Read the configuration: $KBSEARCH_DB, else db= of the config file,
 * else the default of the command line (dbpath.h); $KBSEARCH_CGI_PAGE_SIZE,
 * else page_size= of the config file, else CGI_PAGE_SIZE_DEFAULT.  The
 * config file is $KBSEARCH_CGI_CONF when set, else @conf_path; a missing
 * one is the same as an empty one.  Return 0, or -1 with the reason in
 * @why (a bad line or value, out of memory); the values read before it
 * are kept. */
int cgi_config_load(cgi_config_t *cfg, const char *conf_path,
		    char *why, size_t whylen);
void cgi_config_release(cgi_config_t *cfg);

#endif
