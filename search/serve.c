/* serve.c - kbsearch --serve: a search service for other programs over
 * standard input and output, one JSON request a line, one JSON response
 * a line (doc/serve-protocol.md).
 *
 * A request is checked whole before anything is searched.  A line that is
 * not JSON stops at the first syntax error; a well-formed request with a
 * wrong member (unknown, wrong type, out of range) is read to its end, so
 * that its "id" is known and echoed in the error.  Nothing a client sends
 * ends the process: only the end of input does, or output that cannot be
 * written.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "json.h"
#include "modes.h"
#include "utf8.h"

/* A request line may be this long; the rest of a longer one is read and
 * dropped, so a runaway client cannot make the process grow. */
#define SERVE_LINE_MAX (1024 * 1024)
#define SERVE_LIMIT_MAX 1000
#define SERVE_OFFSET_MAX 100000
/* Filters of one request; the library takes 8 values a key. */
#define SERVE_FILTERS_MAX 64

enum serve_field {
	SF_QUERY, SF_LIMIT, SF_OFFSET, SF_PASSAGES, SF_FILTERS, SF_FACETS,
	SF_EXPLAIN, SF_ID, SF_NONE
};

static const char *const serve_field_names[] = {
	[SF_QUERY] = "query", [SF_LIMIT] = "limit", [SF_OFFSET] = "offset",
	[SF_PASSAGES] = "passages", [SF_FILTERS] = "filters",
	[SF_FACETS] = "facets", [SF_EXPLAIN] = "explain", [SF_ID] = "id",
};

typedef struct serve_req {
	kb_buf key;
	kb_buf query;
	kb_buf filters;   /* each filter followed by a NUL */
	size_t nfilters;
	kb_search_opts_t opts;
	const char *id;   /* the id's JSON text, in the line; NULL: none */
	size_t id_len;
	const char *code; /* the first error: its code, NULL when none */
	char msg[200];
} serve_req_t;

int
mode_read_line(FILE *in, kb_buf *line)
{
	char chunk[4096];
	size_t n = 0;
	int c, any = 0;

	buf_reset(line);
	while ((c = getc(in)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		chunk[n++] = (char)c;
		if (n == sizeof chunk) {
			buf_add(line, chunk, n);
			n = 0;
		}
	}
	buf_add(line, chunk, n);
	if (!any)
		return 0;
	return buf_failed(line) ? -1 : 1;
}

static void
serve_error(serve_req_t *r, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record the request's first error; later ones are not reported. */
static void
serve_error(serve_req_t *r, const char *code, const char *fmt, ...)
{
	va_list ap;

	if (r->code)
		return;
	r->code = code;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof r->msg, fmt, ap);
	va_end(ap);
}

static enum serve_field
serve_field_of(const kb_buf *key)
{
	for (size_t i = 0; i < SF_NONE; i++)
		if (strlen(serve_field_names[i]) == key->len &&
		    memcmp(serve_field_names[i], key->buf, key->len) == 0)
			return (enum serve_field)i;
	return SF_NONE;
}

/* A whole number in [0, max] at j->p: 1 when it is one, 0 when the value
 * is something else (skipped), -1 on a syntax error. */
static int
serve_number(json_parser_t *j, unsigned max, unsigned *out)
{
	const char *start = j->p, *p;
	unsigned long v = 0;

	if (j->p >= j->end || (*j->p != '-' && (*j->p < '0' || *j->p > '9')))
		return json_skip_value(j, 1) ? -1 : 0;
	if (json_parse_number(j))
		return -1;
	for (p = start; p < j->p; p++) {
		if (*p < '0' || *p > '9' || v > max)
			return 0;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > max)
		return 0;
	*out = (unsigned)v;
	return 1;
}

/* true or false at j->p: as serve_number. */
static int
serve_bool(json_parser_t *j, int *out)
{
	if (j->p < j->end && (*j->p == 't' || *j->p == 'f')) {
		*out = *j->p == 't';
		return json_parse_literal(j, *out ? "true" : "false") ? -1 : 1;
	}
	return json_skip_value(j, 1) ? -1 : 0;
}

/* An array of strings at j->p, into r->filters: as serve_number. */
static int
serve_filters(json_parser_t *j, serve_req_t *r)
{
	const char *start = j->p;

	if (j->p >= j->end || *j->p != '[')
		return json_skip_value(j, 1) ? -1 : 0;
	j->p++;
	if (json_peek(j, ']')) {
		j->p++;
		return 1;
	}
	for (;;) {
		json_ws(j);
		if (j->p >= j->end || *j->p != '"')
			break;
		if (json_parse_string(j, &r->filters))
			return -1;
		buf_addch(&r->filters, '\0');
		r->nfilters++;
		if (json_peek(j, ',')) {
			j->p++;
			continue;
		}
		if (json_peek(j, ']')) {
			j->p++;
			return 1;
		}
		return json_fail(j, "expected ',' or ']' after array element");
	}
	/* not a string: read the array again as any value */
	j->p = start;
	return json_skip_value(j, 1) ? -1 : 0;
}

/* One member's value at j->p. */
static int
serve_member(json_parser_t *j, serve_req_t *r)
{
	enum serve_field f = serve_field_of(&r->key);
	const char *name = f == SF_NONE ? "" : serve_field_names[f];
	int rc = 1, flag = 0;

	if (f == SF_NONE) {
		/* the name as the client wrote it, cut at a character */
		int len = r->key.len < 60 ? (int)r->key.len : 60;

		while (len > 0 && len < (int)r->key.len &&
		       ((unsigned char)r->key.buf[len] & 0xc0) == 0x80)
			len--;
		serve_error(r, "bad_request",
			    "unknown member '%.*s': expected query, limit, "
			    "offset, passages, filters, facets, explain or id",
			    len, r->key.buf);
		return json_skip_value(j, 1);
	}
	if (f == SF_ID) {
		const char *start = j->p;

		if (json_skip_value(j, 1))
			return -1;
		r->id = start;
		r->id_len = (size_t)(j->p - start);
		return 0;
	}
	/* null is the same as leaving the member out */
	if (j->p < j->end && *j->p == 'n')
		return json_parse_literal(j, "null");
	switch (f) {
	case SF_QUERY:
		if (j->p < j->end && *j->p == '"') {
			buf_reset(&r->query);
			return json_parse_string(j, &r->query);
		}
		rc = json_skip_value(j, 1) ? -1 : 0;
		if (!rc)
			serve_error(r, "bad_request", "'query' must be a string");
		break;
	case SF_LIMIT:
	case SF_OFFSET: {
		unsigned max = f == SF_LIMIT ? SERVE_LIMIT_MAX
					     : SERVE_OFFSET_MAX;
		unsigned min = f == SF_LIMIT ? 1 : 0, v = 0;

		rc = serve_number(j, max, &v);
		if (rc == 1 && v >= min) {
			if (f == SF_LIMIT)
				r->opts.limit = v;
			else
				r->opts.offset = v;
		} else if (rc >= 0) {
			serve_error(r, "bad_request",
				    "'%s' must be a whole number from %u to %u",
				    name, min, max);
		}
		break;
	}
	case SF_PASSAGES:
	case SF_FACETS:
	case SF_EXPLAIN:
		rc = serve_bool(j, &flag);
		if (rc == 1) {
			if (f == SF_PASSAGES)
				r->opts.all_passages = flag;
			else if (f == SF_FACETS)
				r->opts.facets = flag;
			else
				r->opts.explain = flag;
		} else if (rc == 0) {
			serve_error(r, "bad_request",
				    "'%s' must be true or false", name);
		}
		break;
	case SF_FILTERS:
		buf_reset(&r->filters);
		r->nfilters = 0;
		rc = serve_filters(j, r);
		if (rc == 0)
			serve_error(r, "bad_request",
				    "'filters' must be an array of strings");
		else if (rc == 1 && r->nfilters > SERVE_FILTERS_MAX)
			serve_error(r, "bad_request",
				    "too many filters: at most %d",
				    SERVE_FILTERS_MAX);
		break;
	default:
		break;
	}
	return rc < 0 ? -1 : 0;
}

/* Read the request in @line into @r (reset first). */
static void
serve_parse(serve_req_t *r, const mode_opts_t *o, const char *line,
	    size_t len)
{
	json_parser_t j;
	size_t i, n = 0;
	int rc;

	buf_reset(&r->query);
	buf_reset(&r->filters);
	r->nfilters = 0;
	r->opts = o->search;
	r->opts.filters = NULL;
	r->opts.nfilters = 0;
	r->id = NULL;
	r->id_len = 0;
	r->code = NULL;
	r->msg[0] = '\0';

	for (i = 0; i < len;) {
		int32_t cp;
		size_t k = utf8_decode((const unsigned char *)line + i,
				       len - i, &cp);

		if (!k) {
			serve_error(r, "bad_request",
				    "invalid UTF-8 at byte %zu", i + 1);
			return;
		}
		i += k;
	}
	json_parser_init(&j, line, len);
	if (!json_peek(&j, '{')) {
		serve_error(r, "bad_request", "invalid JSON at byte %zu: %s",
			    (size_t)(j.p - line) + 1,
			    "expected an object");
		return;
	}
	j.p++;
	while ((rc = json_member(&j, &n, &r->key)) == 1)
		if (serve_member(&j, r) < 0)
			break;
	if (rc == 0) {
		json_ws(&j);
		if (j.p < j.end)
			rc = json_fail(&j, "unexpected text after the object");
	} else {
		rc = -1;
	}
	if (rc < 0) {
		/* a syntax error outranks what was found before it, and
		 * the id read so far may be cut: drop it */
		r->code = NULL;
		r->id = NULL;
		if (j.p >= j.end)
			serve_error(r, "bad_request",
				    "invalid JSON at the end of the line: %s",
				    j.msg);
		else
			serve_error(r, "bad_request",
				    "invalid JSON at byte %zu: %s",
				    (size_t)(j.p - line) + 1, j.msg);
		return;
	}
	if (buf_failed(&r->query) || buf_failed(&r->filters))
		serve_error(r, "out_of_memory", "out of memory");
}

static int
serve_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* A query of nothing but spaces (ASCII, or the ideographic U+3000) has
 * nothing to search. */
static int
serve_blank_query(const char *s)
{
	while (*s) {
		if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

static void
serve_write_error(FILE *out, const char *id, size_t id_len, const char *code,
		  const char *msg)
{
	kb_buf b = KB_BUF_INIT;

	buf_addch(&b, '{');
	if (id) {
		buf_addstr(&b, "\"id\":");
		buf_add(&b, id, id_len);
		buf_addch(&b, ',');
	}
	buf_addstr(&b, "\"error\":{\"code\":");
	json_string(&b, code, strlen(code));
	buf_addstr(&b, ",\"message\":");
	json_string(&b, msg, strlen(msg));
	buf_addstr(&b, "}}\n");
	if (buf_failed(&b))
		fputs("{\"error\":{\"code\":\"out_of_memory\",\"message\":\"out of memory\"}}\n",
		      out);
	else
		fwrite(b.buf, 1, b.len, out);
	buf_release(&b);
}

static const char *
serve_code_of(kb_status_t st)
{
	switch (st) {
	case KB_ERR_BAD_QUERY:
	case KB_ERR_INVALID_ARG:
		return "bad_query";
	case KB_ERR_NOMEM:
		return "out_of_memory";
	default:
		return "search_failed";
	}
}

/* Search for a checked request and write the response. */
static void
serve_search(kb_db_t *db, const mode_opts_t *o, serve_req_t *r, FILE *out)
{
	const char **filters;
	size_t nf = o->search.nfilters + r->nfilters, i;
	kb_buf shown = KB_BUF_INIT;
	kb_results_t *res = NULL;
	emitter_t *em = NULL;
	emit_results_t info;
	kb_error_t err;
	const char *p;
	kb_status_t st;

	filters = calloc(nf ? nf : 1, sizeof *filters);
	if (!filters) {
		serve_write_error(out, r->id, r->id_len, "out_of_memory",
				  "out of memory");
		return;
	}
	for (i = 0; i < o->search.nfilters; i++)
		filters[i] = o->search.filters[i];
	for (p = r->filters.buf; i < nf; i++, p += strlen(p) + 1)
		filters[i] = p;
	r->opts.filters = filters;
	r->opts.nfilters = nf;
	if (serve_blank_query(r->query.buf) && !nf) {
		serve_write_error(out, r->id, r->id_len, "bad_query",
				  "empty query");
		goto out;
	}
	/* the "query" of the response, as kbsearch --format=json has it:
	 * the words, then every filter */
	if (!serve_blank_query(r->query.buf))
		buf_addstr(&shown, r->query.buf);
	for (i = 0; i < nf; i++) {
		if (shown.len)
			buf_addch(&shown, ' ');
		buf_addstr(&shown, filters[i]);
	}
	st = kb_db_search(db, r->query.buf, &r->opts, &res, &err);
	if (st) {
		serve_write_error(out, r->id, r->id_len, serve_code_of(st),
				  err.msg);
		goto out;
	}
	info.query = shown.buf;
	info.total = kb_results_total(res);
	info.corrected = kb_results_corrected_query(res);
	info.offset = r->opts.offset;
	info.count = kb_results_count(res);
	info.facets = r->opts.facets;
	info.results = res;
	info.explain = r->opts.explain;
	em = emit_json_create_id(out, r->id, r->id_len);
	if (!em || buf_failed(&shown) || em->begin_results(em, &info) < 0)
		goto nomem;
	for (i = 0; i < info.count; i++)
		if (em->hit(em, kb_results_hit(res, i)) < 0)
			goto nomem;
	if ((info.count == 0 && em->no_results(em, &info) < 0) ||
	    (info.facets && em->facets(em, &info, res) < 0) ||
	    em->end_results(em, &info) < 0)
		goto nomem;
	goto out;
nomem:
	/* a response cut short would break the line protocol: the client
	 * reads a line that does not parse, then the error */
	fputc('\n', out);
	serve_write_error(out, r->id, r->id_len, "out_of_memory",
			  "out of memory");
out:
	emit_destroy(em);
	kb_results_destroy(res);
	buf_release(&shown);
	free(filters);
}

int
serve_run(kb_db_t *db, const mode_opts_t *o)
{
	kb_buf line = KB_BUF_INIT;
	serve_req_t r;
	int rc;

	memset(&r, 0, sizeof r);
	buf_init(&line, SERVE_LINE_MAX);
	buf_init(&r.key, 0);
	buf_init(&r.query, 0);
	buf_init(&r.filters, 0);
	while ((rc = mode_read_line(stdin, &line)) != 0) {
		if (rc < 0 && line.failed == BUF_TOOBIG) {
			char msg[64];

			snprintf(msg, sizeof msg,
				 "request longer than %d bytes",
				 SERVE_LINE_MAX);
			serve_write_error(stdout, NULL, 0, "request_too_large",
					  msg);
		} else if (rc < 0) {
			serve_write_error(stdout, NULL, 0, "out_of_memory",
					  "out of memory");
		} else if (serve_is_blank(line.buf, line.len)) {
			continue;
		} else {
			serve_parse(&r, o, line.buf, line.len);
			if (r.code)
				serve_write_error(stdout, r.id, r.id_len,
						  r.code, r.msg);
			else
				serve_search(db, o, &r, stdout);
		}
		if (fflush(stdout) || ferror(stdout))
			break;
	}
	buf_release(&line);
	buf_release(&r.key);
	buf_release(&r.query);
	buf_release(&r.filters);
	return ferror(stdout) ? 2 : 0;
}
