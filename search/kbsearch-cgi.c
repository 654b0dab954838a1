/* kbsearch.cgi - the search page, as a CGI or a FastCGI program.
 *
 * A thin client of the public API, as kbsearch is: decode the request
 * (cgi.h), open the configured index, search, and hand the hits to the
 * HTML emitter (emit.h).  Every response is a whole page with a status:
 * 200 for results, none found or the front page; 400 for a request the
 * page does not take; 405 for a method other than GET or HEAD; 503 when
 * the index cannot be searched.  The detail of a 503 goes to the server's
 * error log, not to the page, which names no file.
 *
 * Run by a web server as a CGI, it serves one request.  Run by a FastCGI
 * server (stdin is a FastCGI socket), or with --fastcgi[=SOCKET], it
 * serves requests until it is stopped and keeps the index open between
 * them, opening it again when kbindex has changed it.  Run from a shell
 * (REQUEST_METHOD unset), it takes the parameters as NAME=VALUE
 * arguments, as Omega does, so every page can be tested without a server.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef HAVE_FCGI
#include <fcgiapp.h>
#endif

#include "kbsearch.h"
#include "buf.h"
#include "cgi.h"
#include "die.h"
#include "emit.h"

/* A reader that meets a commit in progress is told to retry. */
#define CGI_ATTEMPTS 3

typedef struct cgi_state {
	cgi_config_t cfg;
	int cfg_failed;
	char cfg_why[256];
	kb_db_t *db;
	struct stat db_st; /* the index folder when db was opened */
} cgi_state_t;

/* One response: the status, and the page. */
typedef struct cgi_response {
	int status;
	char *body;
	size_t len;
	kb_buf log; /* lines for the server's error log */
} cgi_response_t;

static const char *
cgi_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 405: return "Method Not Allowed";
	case 503: return "Service Unavailable";
	}
	return "Internal Server Error";
}

static void
cgi_log(cgi_response_t *r, const char *what, const char *detail)
{
	buf_addstr(&r->log, "kbsearch.cgi: ");
	buf_addstr(&r->log, what);
	if (detail) {
		buf_addstr(&r->log, ": ");
		buf_addstr(&r->log, detail);
	}
	buf_addch(&r->log, '\n');
}

/* The headers and, unless @head, the page: all of it at once, so that a
 * page is never cut in the middle. */
static void
cgi_headers(kb_buf *out, const cgi_response_t *r)
{
	buf_addf(out, "Status: %d %s\r\n", r->status, cgi_reason(r->status));
	buf_addstr(out, "Content-Type: text/html; charset=utf-8\r\n");
	buf_addf(out, "Content-Length: %zu\r\n", r->len);
	buf_addstr(out, "X-Content-Type-Options: nosniff\r\n"
		   "Content-Security-Policy: default-src 'none'; "
		   "style-src 'unsafe-inline'; form-action 'self'; "
		   "base-uri 'none'; frame-ancestors 'none'\r\n"
		   "Referrer-Policy: no-referrer\r\n");
	if (r->status == 405)
		buf_addstr(out, "Allow: GET, HEAD\r\n");
	if (r->status == 503)
		buf_addstr(out, "Retry-After: 60\r\n");
	buf_addstr(out, "\r\n");
}

static int
cgi_message_page(cgi_response_t *r, int status, const emit_html_page_t *pg,
		 const char *title, const char *message)
{
	FILE *mem = open_memstream(&r->body, &r->len);
	int rc;

	if (!mem)
		return -1;
	rc = emit_html_message(mem, pg, title, message);
	if (fclose(mem) != 0 || rc < 0)
		return -1;
	r->status = status;
	return 0;
}

/* The index open and current: opened again when its folder changed
 * (kbindex commits by renaming files into it). */
static kb_status_t
cgi_db(cgi_state_t *st, kb_error_t *err, int force)
{
	struct stat now;
	int have = stat(st->cfg.db, &now) == 0;

	if (st->db && !force && have && now.st_ino == st->db_st.st_ino &&
	    now.st_dev == st->db_st.st_dev &&
	    now.st_mtim.tv_sec == st->db_st.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == st->db_st.st_mtim.tv_nsec)
		return KB_OK;
	kb_db_close(st->db);
	st->db = NULL;
	if (have)
		st->db_st = now;
	return kb_db_open(st->cfg.db, &st->db, err);
}

static int
cgi_results_page(cgi_response_t *r, const emit_html_page_t *pg,
		 const kb_search_opts_t *opts, const kb_results_t *res)
{
	FILE *mem = open_memstream(&r->body, &r->len);
	emitter_t *em;
	emit_results_t info;
	int rc = -1;

	if (!mem)
		return -1;
	em = emit_html_create(mem, pg);
	if (!em)
		goto out;
	info.query = pg->query;
	info.total = res ? kb_results_total(res) : 0;
	info.corrected = res ? kb_results_corrected_query(res) : "";
	info.offset = opts->offset;
	info.count = res ? kb_results_count(res) : 0;
	info.facets = res != NULL;
	info.results = res;
	info.explain = 0;
	if (em->begin_results(em, &info) < 0)
		goto out;
	for (size_t i = 0; i < info.count; i++) {
		const kb_hit_t *hit = kb_results_hit(res, i);

		if (hit && em->hit(em, hit) < 0)
			goto out;
	}
	if (info.count == 0 && em->no_results(em, &info) < 0)
		goto out;
	if (info.facets && em->facets(em, &info, res) < 0)
		goto out;
	if (em->end_results(em, &info) < 0)
		goto out;
	rc = 0;
out:
	emit_destroy(em);
	if (fclose(mem) != 0)
		rc = -1;
	if (rc == 0)
		r->status = 200;
	return rc;
}

static int
cgi_blank(const char *s)
{
	return s[strspn(s, " \t\r\n\f\v")] == '\0';
}

/* Serve one request into @r.  @method is NULL on the command line, where
 * @argc/@argv hold the parameters. */
static void
cgi_serve(cgi_state_t *st, const char *method, const char *qs, int argc,
	  char *const *argv, cgi_response_t *r)
{
	static cgi_request_t req; /* large: not on a FastCGI loop's stack */
	char why[CGI_WHY_SIZE];
	emit_html_page_t pg = { .query = "", .page_size = st->cfg.page_size,
				.max_start = CGI_START_MAX };
	kb_search_opts_t opts = { 0 };
	kb_results_t *res = NULL;
	kb_error_t err;
	kb_status_t rc = KB_OK;
	int failed;

	if (method && strcmp(method, "GET") && strcmp(method, "HEAD")) {
		failed = cgi_message_page(r, 405, &pg, "请求方法不受支持",
					  "这个页面只接受 GET 请求: 请用页面上的"
					  "搜索框。");
		goto out;
	}
	if (method ? cgi_parse_query(qs, &req, why) :
		     cgi_parse_args(argc, argv, &req, why)) {
		failed = cgi_message_page(r, 400, &pg, "请求无效", why);
		goto out;
	}
	pg.query = req.q;
	pg.filters = req.filters;
	pg.nfilters = req.nfilters;
	if (cgi_blank(req.q) && !req.nfilters) {
		failed = cgi_message_page(r, 200, &pg, NULL, NULL);
		goto out;
	}
	if (st->cfg_failed || !st->cfg.db) {
		cgi_log(r, st->cfg_failed ? st->cfg_why :
			"no index configured: set KBSEARCH_DB or db= in the "
			"configuration file", NULL);
		failed = cgi_message_page(r, 503, &pg, "搜索暂时不可用",
					  "搜索服务没有配置好。请稍后再试，"
					  "或告诉网站管理员。");
		goto out;
	}

	opts.offset = req.start;
	opts.limit = st->cfg.page_size;
	opts.filters = req.filters;
	opts.nfilters = req.nfilters;
	opts.facets = 1;
	for (int attempt = 1; attempt <= CGI_ATTEMPTS; attempt++) {
		rc = cgi_db(st, &err, attempt > 1);
		if (rc != KB_OK)
			break;
		rc = kb_db_search(st->db, req.q, &opts, &res, &err);
		if (rc != KB_ERR_INDEX_MODIFIED)
			break;
	}
	if (rc == KB_ERR_BAD_QUERY && strstr(err.msg, "filter")) {
		failed = cgi_message_page(r, 400, &pg, "筛选条件无效", err.msg);
		goto out;
	}
	if (rc == KB_ERR_BAD_QUERY) {
		/* only question words or punctuation: nothing found */
		failed = cgi_results_page(r, &pg, &opts, NULL);
		goto out;
	}
	if (rc != KB_OK) {
		cgi_log(r, "cannot search", err.msg);
		kb_db_close(st->db);
		st->db = NULL;
		failed = cgi_message_page(r, 503, &pg, "搜索暂时不可用",
					  rc == KB_ERR_NO_INDEX ?
					  "还没有可以搜索的资料库。请稍后再试，"
					  "或告诉网站管理员。" :
					  "资料库暂时无法读取，可能正在更新。"
					  "请稍后再试。");
		goto out;
	}
	failed = cgi_results_page(r, &pg, &opts, res);
out:
	kb_results_destroy(res);
	if (failed) {
		/* out of memory: the smallest page that says so */
		static const char oom[] = "<!DOCTYPE html>\n<title>503</title>"
			"<p>out of memory</p>\n";

		free(r->body);
		r->body = strdup(oom);
		r->len = r->body ? sizeof oom - 1 : 0;
		r->status = 503;
		cgi_log(r, "out of memory", NULL);
	}
}

static void
cgi_response_release(cgi_response_t *r)
{
	free(r->body);
	buf_release(&r->log);
}

#ifdef HAVE_FCGI
/* Serve FastCGI requests until the server closes the socket. */
static int
cgi_fastcgi(cgi_state_t *st, const char *socket_path)
{
	FCGX_Request rq;
	int sock = 0;

	if (FCGX_Init() != 0)
		die("cannot start FastCGI");
	if (socket_path && *socket_path) {
		sock = FCGX_OpenSocket(socket_path, 16);
		if (sock < 0)
			die("cannot listen on '%s'", socket_path);
	}
	if (FCGX_InitRequest(&rq, sock, 0) != 0)
		die("cannot start FastCGI");
	while (FCGX_Accept_r(&rq) >= 0) {
		cgi_response_t r = { .log = KB_BUF_INIT };
		kb_buf head = KB_BUF_INIT;
		const char *method = FCGX_GetParam("REQUEST_METHOD", rq.envp);
		const char *qs = FCGX_GetParam("QUERY_STRING", rq.envp);

		cgi_serve(st, method ? method : "GET", qs ? qs : "", 0, NULL,
			  &r);
		cgi_headers(&head, &r);
		FCGX_PutStr(head.buf, (int)head.len, rq.out);
		if (strcmp(method ? method : "GET", "HEAD") && r.body)
			FCGX_PutStr(r.body, (int)r.len, rq.out);
		if (r.log.len)
			FCGX_PutStr(r.log.buf, (int)r.log.len, rq.err);
		FCGX_Finish_r(&rq);
		buf_release(&head);
		cgi_response_release(&r);
	}
	FCGX_Free(&rq, 1);
	return 0;
}
#endif

static void
cgi_help(void)
{
	printf("Usage: %s [NAME=VALUE]...\n", die_program());
	fputs("The search page of the knowledge base, for a web server to run as\n"
	      "a CGI or a FastCGI program.  Run from a shell, it prints the page\n"
	      "for the parameters given as NAME=VALUE (q=, f=, start=, ie=).\n"
	      "\n"
	      "      --fastcgi[=SOCKET]  serve FastCGI requests on stdin, or on\n"
	      "                            SOCKET (a path, or :PORT)\n"
	      "  -h, --help              display this help and exit\n"
	      "      --version           output version information and exit\n"
	      "\n"
	      "The index is $KBSEARCH_DB, else db= in " KB_CGI_CONF ",\n"
	      "else the default of kbsearch; the hits a page shows are\n"
	      "$KBSEARCH_CGI_PAGE_SIZE, else page_size= there, else 10.\n"
	      "See kbsearch.cgi(8).\n", stdout);
	print_help_footer();
}

/* The page never reads a request body (it answers GET and HEAD), but a
 * server that is still sending one when the program exits may reset the
 * connection and cut the reply (Apache's mod_cgid does).  So read and drop
 * what the client sent, up to a bound. */
#define CGI_DRAIN_MAX (1024 * 1024)

static void
cgi_drain_body(const char *content_length)
{
	char buf[8192];
	long left;

	if (!content_length || !*content_length)
		return;
	left = strtol(content_length, NULL, 10);
	if (left <= 0)
		return;
	if (left > CGI_DRAIN_MAX)
		left = CGI_DRAIN_MAX;
	while (left > 0) {
		size_t want = (size_t)left < sizeof buf ? (size_t)left : sizeof buf;
		size_t got = fread(buf, 1, want, stdin);

		if (got == 0)
			break;
		left -= (long)got;
	}
}

int
main(int argc, char **argv)
{
	cgi_state_t st = { .cfg_failed = 0 };
	cgi_response_t r = { .log = KB_BUF_INIT };
	kb_buf head = KB_BUF_INIT;
	const char *method = getenv("REQUEST_METHOD");
	const char *fastcgi = NULL;
	int want_fastcgi = 0, status = 0;

	die_init("kbsearch.cgi");
	if (!method && argc > 1 && strncmp(argv[1], "-", 1) == 0) {
		if (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) {
			cgi_help();
			close_stdout();
			return 0;
		}
		if (strcmp(argv[1], "--version") == 0) {
			print_version();
			close_stdout();
			return 0;
		}
		if (strcmp(argv[1], "--fastcgi") == 0 ||
		    strncmp(argv[1], "--fastcgi=", 10) == 0) {
			want_fastcgi = 1;
			fastcgi = argv[1][9] ? argv[1] + 10 : NULL;
		} else {
			usage_error("unknown option '%s'", argv[1]);
		}
	}
	if (cgi_config_load(&st.cfg, KB_CGI_CONF, st.cfg_why,
			    sizeof st.cfg_why) < 0)
		st.cfg_failed = 1;

#ifdef HAVE_FCGI
	if (want_fastcgi || !FCGX_IsCGI()) {
		status = cgi_fastcgi(&st, fastcgi);
		kb_db_close(st.db);
		cgi_config_release(&st.cfg);
		return status;
	}
#else
	if (want_fastcgi)
		die("built without FastCGI (libfcgi)");
#endif
	(void)fastcgi;

	cgi_serve(&st, method, getenv("QUERY_STRING"), argc - 1, argv + 1,
		  &r);
	cgi_drain_body(getenv("CONTENT_LENGTH"));
	/* SERVER_PROTOCOL=INCLUDED (Omega's): the page alone, for tests
	 * and for including it in another page */
	if (strcmp(emit_str(getenv("SERVER_PROTOCOL")), "INCLUDED"))
		cgi_headers(&head, &r);
	if (buf_failed(&head))
		die("out of memory");
	fwrite(head.buf, 1, head.len, stdout);
	if ((!method || strcmp(method, "HEAD")) && r.body)
		fwrite(r.body, 1, r.len, stdout);
	if (r.log.len)
		fwrite(r.log.buf, 1, r.log.len, stderr);
	buf_release(&head);
	cgi_response_release(&r);
	kb_db_close(st.db);
	cgi_config_release(&st.cfg);
	close_stdout();
	return status;
}
