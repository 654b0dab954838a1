/* cgi.c - see cgi.h. */
#include <config.h>

#include "cgi.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "dbpath.h"
#include "utf8.h"

/* The parameters as they arrived, before ie= is applied. */
typedef struct cgi_raw {
	char q[CGI_QUERY_MAX + 1];
	size_t qlen;
	int has_q;
	char f[CGI_FILTERS_MAX][CGI_FILTER_MAX + 1];
	size_t flen[CGI_FILTERS_MAX];
	size_t nf;
	char start[24];
	size_t startlen;
	int has_start;
	char ie[24];
	size_t ielen;
	int has_ie;
} cgi_raw_t;

static int cgi_fail(char why[CGI_WHY_SIZE], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
cgi_fail(char why[CGI_WHY_SIZE], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, CGI_WHY_SIZE, fmt, ap);
	va_end(ap);
	return -1;
}

static int
cgi_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Copy @len bytes of @s into @dst (room for @cap bytes and a NUL),
 * decoding '+' and %XX when @decode.  The length, or -1 when a %XX is
 * broken, -2 when it does not fit. */
static long
cgi_copy(char *dst, size_t cap, const char *s, size_t len, int decode)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (decode && c == '+') {
			c = ' ';
		} else if (decode && c == '%') {
			int hi, lo;

			if (len - i < 3)
				return -1;
			hi = cgi_hex((unsigned char)s[i + 1]);
			lo = cgi_hex((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		}
		if (n == cap)
			return -2;
		dst[n++] = (char)c;
	}
	dst[n] = '\0';
	return (long)n;
}

/* The bytes of a parameter name the reason for refusing it may show. */
#define CGI_NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"0123456789-_.[]"

/* Take one NAME=VALUE into @raw. */
static int
cgi_take(cgi_raw_t *raw, const char *name, size_t nlen, const char *val,
	 size_t vlen, int decode, char why[CGI_WHY_SIZE])
{
	char key[32];
	char *dst;
	size_t cap, *lenp;
	int *seen = NULL;
	long n;

	n = cgi_copy(key, sizeof key - 1, name, nlen, decode);
	if (n == -1)
		return cgi_fail(why, "invalid percent-encoding in a parameter "
				"name");
	if (n == -2 || strlen(key) != (size_t)n)
		return cgi_fail(why, "unknown parameter");
	if (strcmp(key, "q") == 0) {
		dst = raw->q;
		cap = CGI_QUERY_MAX;
		lenp = &raw->qlen;
		seen = &raw->has_q;
	} else if (strcmp(key, "f") == 0) {
		if (raw->nf == CGI_FILTERS_MAX)
			return cgi_fail(why, "too many filters (at most %d)",
					CGI_FILTERS_MAX);
		dst = raw->f[raw->nf];
		cap = CGI_FILTER_MAX;
		lenp = &raw->flen[raw->nf];
	} else if (strcmp(key, "start") == 0) {
		dst = raw->start;
		cap = sizeof raw->start - 1;
		lenp = &raw->startlen;
		seen = &raw->has_start;
	} else if (strcmp(key, "ie") == 0) {
		dst = raw->ie;
		cap = sizeof raw->ie - 1;
		lenp = &raw->ielen;
		seen = &raw->has_ie;
	} else if (key[strspn(key, CGI_NAME_CHARS)] != '\0') {
		/* the reason is shown on the page: no bytes of any kind */
		return cgi_fail(why, "unknown parameter");
	} else {
		return cgi_fail(why, "unknown parameter '%s'", key);
	}
	if (seen && *seen)
		return cgi_fail(why, "parameter '%s' given twice", key);
	n = cgi_copy(dst, cap, val, vlen, decode);
	if (n == -1)
		return cgi_fail(why, "invalid percent-encoding in '%s'", key);
	if (n == -2) {
		/* a start= of many digits is clamped, not refused */
		if (strcmp(key, "start") == 0 &&
		    strspn(val, "0123456789") >= vlen) {
			strcpy(dst, "99999999999");
			n = (long)strlen(dst);
		} else {
			return cgi_fail(why, "the value of '%s' is too long",
					key);
		}
	}
	*lenp = (size_t)n;
	if (seen)
		*seen = 1;
	else
		raw->nf++;
	return 0;
}

/* 1 when @s is UTF-8 with no NUL. */
static int
cgi_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		size_t n;

		if (p[i] == 0)
			return 0;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* Convert @len bytes of @src from @cd into @dst (room for @cap bytes and
 * a NUL).  0, or -1 when @src is not in the encoding, -2 when the result
 * does not fit. */
static int
cgi_convert(iconv_t cd, const char *src, size_t len, char *dst, size_t cap)
{
	char *in = (char *)src, *out = dst;
	size_t inleft = len, outleft = cap;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1)
		return errno == E2BIG ? -2 : -1;
	if (iconv(cd, NULL, NULL, &out, &outleft) == (size_t)-1)
		return errno == E2BIG ? -2 : -1;
	*out = '\0';
	return 0;
}

/* One value into its place in the request: converted when @cd is not
 * NULL, then checked. */
static int
cgi_store(iconv_t cd, const char *name, const char *src, size_t len,
	  char *dst, size_t cap, char why[CGI_WHY_SIZE])
{
	if (cd) {
		int r = cgi_convert(cd, src, len, dst, cap);

		if (r == -2)
			return cgi_fail(why, "the value of '%s' is too long",
					name);
		if (r < 0)
			return cgi_fail(why, "the value of '%s' is not in the "
					"encoding ie= names", name);
		len = strlen(dst);
	} else {
		memcpy(dst, src, len);
		dst[len] = '\0';
	}
	if (!cgi_valid_utf8(dst, len))
		return cgi_fail(why, "the value of '%s' is not valid UTF-8",
				name);
	return 0;
}

/* The encodings ie= may name, and which iconv reads them: GB18030 reads
 * GB2312 and GBK as well, and a browser that says GBK may send any of
 * GB18030's characters. */
static const char *
cgi_charset(const char *ie)
{
	static const struct {
		const char *name;
		const char *iconv;
	} names[] = {
		{ "utf-8", NULL }, { "utf8", NULL },
		{ "gb18030", "GB18030" }, { "gbk", "GB18030" },
		{ "gb2312", "GB18030" }, { "cp936", "GB18030" },
	};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(ie, names[i].name) == 0)
			return names[i].iconv ? names[i].iconv : "";
	return NULL;
}

static unsigned
cgi_start(const char *s)
{
	unsigned long v = 0;

	for (; *s; s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > CGI_START_MAX)
			return CGI_START_MAX;
	}
	return (unsigned)v;
}

/* The raw parameters into the request. */
static int
cgi_finish(const cgi_raw_t *raw, cgi_request_t *req, char why[CGI_WHY_SIZE])
{
	iconv_t cd = NULL;
	const char *charset = "";
	int r = -1;

	memset(req, 0, sizeof *req);
	if (raw->has_ie) {
		charset = cgi_charset(raw->ie);
		if (!charset)
			return cgi_fail(why, "unknown encoding in ie= (expected "
					"UTF-8, GBK, GB2312 or GB18030)");
	}
	if (*charset) {
		cd = iconv_open("UTF-8", charset);
		if (cd == (iconv_t)-1)
			return cgi_fail(why, "cannot convert from '%s'", charset);
	}
	if (raw->start[strspn(raw->start, "0123456789")] != '\0')
		goto bad_start;
	req->start = cgi_start(raw->start);
	if (cgi_store(cd, "q", raw->q, raw->qlen, req->q, CGI_QUERY_MAX, why))
		goto out;
	for (size_t i = 0; i < raw->nf; i++) {
		if (cgi_store(cd, "f", raw->f[i], raw->flen[i], req->f[i],
			      CGI_FILTER_MAX, why))
			goto out;
		/* an empty f= is what a form leaves when nothing is chosen */
		if (req->f[i][0])
			req->filters[req->nfilters++] = req->f[i];
	}
	r = 0;
	goto out;
bad_start:
	cgi_fail(why, "invalid value of '%s': expected a number of hits",
		 "start");
out:
	if (cd)
		iconv_close(cd);
	return r;
}

int
cgi_parse_query(const char *qs, cgi_request_t *req, char why[CGI_WHY_SIZE])
{
	cgi_raw_t raw;
	size_t len = qs ? strlen(qs) : 0;
	const char *p = qs, *end = qs + len;

	memset(&raw, 0, sizeof raw);
	if (len > CGI_QUERY_STRING_MAX)
		return cgi_fail(why, "the request is too long (at most %d "
				"bytes of parameters)", CGI_QUERY_STRING_MAX);
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));

		if (stop > p) {
			size_t nlen = (size_t)((eq ? eq : stop) - p);
			const char *val = eq ? eq + 1 : stop;

			if (cgi_take(&raw, p, nlen, val, (size_t)(stop - val),
				     1, why))
				return -1;
		}
		p = stop + 1;
	}
	return cgi_finish(&raw, req, why);
}

int
cgi_parse_args(int argc, char *const *argv, cgi_request_t *req,
	       char why[CGI_WHY_SIZE])
{
	cgi_raw_t raw;

	memset(&raw, 0, sizeof raw);
	for (int i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (!eq && argv[i][strspn(argv[i], CGI_NAME_CHARS)])
			return cgi_fail(why, "expected NAME=VALUE");
		if (!eq)
			return cgi_fail(why, "expected NAME=VALUE, not '%.40s'",
					argv[i]);
		if (cgi_take(&raw, argv[i], (size_t)(eq - argv[i]), eq + 1,
			     strlen(eq + 1), 0, why))
			return -1;
	}
	return cgi_finish(&raw, req, why);
}

/* ------------------------------------------------------------------ */
/* Configuration                                                       */

static int
cgi_page_size(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < 1 || v > CGI_PAGE_SIZE_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static char *
cgi_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
cgi_config_file(cgi_config_t *cfg, const char *path, char *why,
		size_t whylen, char **db, int *has_page)
{
	char line[1024];
	unsigned lineno = 0;
	FILE *fp = fopen(path, "r");
	int r = 0;

	if (!fp) {
		if (errno == ENOENT)
			return 0;
		snprintf(why, whylen, "cannot read '%s': %s", path,
			 strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp)) {
		char *key = cgi_trim(line), *val, *eq;

		lineno++;
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			snprintf(why, whylen, "%s:%u: expected KEY=VALUE", path,
				 lineno);
			r = -1;
			break;
		}
		*eq = '\0';
		key = cgi_trim(key);
		val = cgi_trim(eq + 1);
		if (strcmp(key, "db") == 0 && *val) {
			free(*db);
			*db = strdup(val);
			if (!*db) {
				snprintf(why, whylen, "out of memory");
				r = -1;
				break;
			}
		} else if (strcmp(key, "page_size") == 0) {
			if (cgi_page_size(val, &cfg->page_size) < 0) {
				snprintf(why, whylen, "%s:%u: invalid page_size "
					 "'%.40s': expected 1 to %d", path,
					 lineno, val, CGI_PAGE_SIZE_MAX);
				r = -1;
				break;
			}
			*has_page = 1;
		} else {
			snprintf(why, whylen, "%s:%u: unknown key '%.40s'", path,
				 lineno, key);
			r = -1;
			break;
		}
	}
	fclose(fp);
	return r;
}

int
cgi_config_load(cgi_config_t *cfg, const char *conf_path, char *why,
		size_t whylen)
{
	const char *env, *path;
	char *file_db = NULL;
	int has_page = 0, r = 0;

	cfg->db = NULL;
	cfg->page_size = CGI_PAGE_SIZE_DEFAULT;
	env = getenv("KBSEARCH_CGI_CONF");
	path = env && *env ? env : conf_path;
	if (path && *path &&
	    cgi_config_file(cfg, path, why, whylen, &file_db, &has_page) < 0)
		r = -1;

	env = getenv("KBSEARCH_CGI_PAGE_SIZE");
	if (env && *env && cgi_page_size(env, &cfg->page_size) < 0 && !r) {
		snprintf(why, whylen, "invalid KBSEARCH_CGI_PAGE_SIZE '%.40s': "
			 "expected 1 to %d", env, CGI_PAGE_SIZE_MAX);
		r = -1;
	}

	env = getenv("KBSEARCH_DB");
	if (env && *env) {
		cfg->db = strdup(env);
	} else if (file_db) {
		cfg->db = file_db;
		file_db = NULL;
	} else {
		kb_buf b = KB_BUF_INIT;

		if (dbpath_default(&b) == 0 && !buf_failed(&b))
			cfg->db = buf_take(&b, NULL);
		buf_release(&b);
	}
	free(file_db);
	return r;
}

void
cgi_config_release(cgi_config_t *cfg)
{
	free(cfg->db);
	cfg->db = NULL;
}
