/* fuzz-cgi.c - the search page's request parsing (search/cgi.c), as
 * kbsearch.cgi reads a request: QUERY_STRING (cgi_parse_query), NAME=VALUE
 * arguments when REQUEST_METHOD is unset (cgi_parse_args), and the
 * configuration from the environment and its file (cgi_config_load).
 *
 * The first byte picks the entry point: 0 the query string; 1 the
 * arguments, split at LF; 2 the configuration file (KBSEARCH_CGI_CONF);
 * 3 the KBSEARCH_CGI_PAGE_SIZE and KBSEARCH_DB variables, split at LF.
 *
 * Checks: a refused request has a reason shorter than CGI_WHY_SIZE, one
 * line of UTF-8 (it is shown on the 400 page); an accepted one has q and every filter within their caps,
 * UTF-8 with no NUL, at most CGI_FILTERS_MAX non-empty filters that point
 * into the request, and start at most CGI_START_MAX; and the accepted
 * request, written back as a query string, parses to the same request.
 * A configuration has a page size from 1 to CGI_PAGE_SIZE_MAX, or is
 * refused with a reason.
 */
#include <config.h>

#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "../search/cgi.h"

/* A refused request's reason is shown on the 400 page; a
 * configuration's goes to the server's log. */
static void
check_why(int r, const char *why, int page)
{
	size_t n;

	if (!r)
		return;
	FZ_CHECK(r == -1, "returned %d", r);
	n = strnlen(why, CGI_WHY_SIZE);
	FZ_CHECK(n > 0 && n < CGI_WHY_SIZE, "reason empty or unterminated");
	FZ_CHECK(!page || (fz_utf8(why, n) && !memchr(why, '\n', n)),
		 "reason is not one line of UTF-8: '%s'", why);
}

static void
check_value(const char *name, const char *s, size_t cap)
{
	size_t n = strnlen(s, cap + 1);

	FZ_CHECK(n <= cap, "'%s' longer than %zu bytes", name, cap);
	FZ_CHECK(fz_utf8(s, n), "'%s' is not UTF-8", name);
}

static void
add_encoded(kb_buf *b, const char *name, const char *s)
{
	buf_addstr(b, b->len ? "&" : "");
	buf_addstr(b, name);
	buf_addstr(b, "=");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char hex[4];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
			buf_add(b, s, 1);
		} else if (c == ' ') {
			buf_addstr(b, "+");
		} else {
			snprintf(hex, sizeof hex, "%%%02X", c);
			buf_addstr(b, hex);
		}
	}
}

static void
check_request(const cgi_request_t *req)
{
	static cgi_request_t again;
	char why[CGI_WHY_SIZE], num[16];
	kb_buf qs = KB_BUF_INIT;
	int r;

	check_value("q", req->q, CGI_QUERY_MAX);
	FZ_CHECK(req->nfilters <= CGI_FILTERS_MAX, "%zu filters",
		 req->nfilters);
	for (size_t i = 0; i < req->nfilters; i++) {
		const char *f = req->filters[i];

		FZ_CHECK(f >= req->f[0] && f < req->f[CGI_FILTERS_MAX - 1] +
			 sizeof req->f[0], "filter %zu outside the request", i);
		FZ_CHECK(*f, "filter %zu is empty", i);
		check_value("f", f, CGI_FILTER_MAX);
	}
	FZ_CHECK(req->start <= CGI_START_MAX, "start %u", req->start);

	add_encoded(&qs, "q", req->q);
	for (size_t i = 0; i < req->nfilters; i++)
		add_encoded(&qs, "f", req->filters[i]);
	snprintf(num, sizeof num, "%u", req->start);
	add_encoded(&qs, "start", num);
	FZ_CHECK(!buf_failed(&qs), "out of memory");
	if (qs.len <= CGI_QUERY_STRING_MAX) {
		r = cgi_parse_query(qs.buf, &again, why);
		FZ_CHECK(!r, "'%s' written back is refused: %s", qs.buf, why);
		FZ_CHECK(!strcmp(again.q, req->q) &&
			 again.nfilters == req->nfilters &&
			 again.start == req->start,
			 "'%s' written back reads differently", qs.buf);
		for (size_t i = 0; i < req->nfilters; i++)
			FZ_CHECK(!strcmp(again.filters[i], req->filters[i]),
				 "filter %zu reads differently", i);
	}
	buf_release(&qs);
}

/* Split @s in place at LF into at most @max strings. */
static int
split_lines(char *s, char **out, int max)
{
	int n = 0;

	while (n < max) {
		char *nl = strchr(s, '\n');

		out[n++] = s;
		if (!nl)
			break;
		*nl = '\0';
		s = nl + 1;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cgi_request_t req;
	static char env_page[8192], env_db[8192];
	char why[CGI_WHY_SIZE], *text, *argv[64];
	cgi_config_t cfg;
	int r, argc;

	if (!size)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	memset(why, 0, sizeof why);

	switch (data[0] & 3) {
	case 0:
		r = cgi_parse_query(text, &req, why);
		check_why(r, why, 1);
		if (!r)
			check_request(&req);
		break;
	case 1:
		argc = split_lines(text, argv, 64);
		r = cgi_parse_args(argc, argv, &req, why);
		check_why(r, why, 1);
		if (!r)
			check_request(&req);
		break;
	case 2:
		unsetenv("KBSEARCH_CGI_PAGE_SIZE");
		unsetenv("KBSEARCH_DB");
		setenv("KBSEARCH_CGI_CONF",
		       fz_scratch_file("kbsearch.conf", data + 1, size - 1), 1);
		r = cgi_config_load(&cfg, NULL, why, sizeof why);
		check_why(r, why, 0);
		FZ_CHECK(cfg.page_size >= 1 && cfg.page_size <= CGI_PAGE_SIZE_MAX,
			 "page size %u", cfg.page_size);
		cgi_config_release(&cfg);
		unsetenv("KBSEARCH_CGI_CONF");
		break;
	default:
		/* putenv on static buffers: setenv would keep every value */
		argc = split_lines(text, argv, 2);
		snprintf(env_page, sizeof env_page, "KBSEARCH_CGI_PAGE_SIZE=%s",
			 argv[0]);
		putenv(env_page);
		if (argc > 1) {
			snprintf(env_db, sizeof env_db, "KBSEARCH_DB=%s",
				 argv[1]);
			putenv(env_db);
		}
		r = cgi_config_load(&cfg, NULL, why, sizeof why);
		check_why(r, why, 0);
		FZ_CHECK(cfg.page_size >= 1 && cfg.page_size <= CGI_PAGE_SIZE_MAX,
			 "page size %u", cfg.page_size);
		FZ_CHECK(argc < 2 || !*argv[1] ||
			 (cfg.db && !strcmp(cfg.db, env_db + 12)),
			 "KBSEARCH_DB not taken");
		cgi_config_release(&cfg);
		unsetenv("KBSEARCH_CGI_PAGE_SIZE");
		unsetenv("KBSEARCH_DB");
		break;
	}
	free(text);
	return 0;
}
