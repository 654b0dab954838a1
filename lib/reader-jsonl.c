/* reader-jsonl.c - JSON Lines: one object per line with the fields id,
 * title, body and optionally category, date and url; other fields are
 * ignored.  A "\n" in the body separates body lines.
 *
 * The parser is strict RFC 8259 for one line: any value may appear in
 * ignored fields (nested up to JSON_MAX_DEPTH), strings must use valid
 * escapes, and \u escapes must pair surrogates.
 */
#include <config.h>

#include "reader.h"

#include <stdio.h>
#include <string.h>

#include "encoding.h"

#define JSON_MAX_DEPTH 64

typedef struct json {
	const char *p, *end;
	char msg[96]; /* what went wrong, when a function returned -1 */
} json_t;

enum json_field { F_ID, F_TITLE, F_BODY, F_CATEGORY, F_DATE, F_URL, F_NONE };

static const char *const json_field_names[] = {
	[F_ID] = "id", [F_TITLE] = "title", [F_BODY] = "body",
	[F_CATEGORY] = "category", [F_DATE] = "date", [F_URL] = "url",
};

static int
json_fail(json_t *j, const char *msg)
{
	snprintf(j->msg, sizeof j->msg, "%s", msg);
	return -1;
}

static void
json_ws(json_t *j)
{
	while (j->p < j->end &&
	       (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
json_hex4(const char *p, const char *end, unsigned *out)
{
	unsigned v = 0;
	int i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void
json_add_utf8(kb_buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* A string at j->p (which is '"'), decoded into @out unless it is NULL. */
static int
json_string(json_t *j, kb_buf *out)
{
	const char *run;

	j->p++;
	run = j->p;
	for (;;) {
		unsigned char c;

		if (j->p >= j->end)
			return json_fail(j, "unterminated string");
		c = (unsigned char)*j->p;
		if (c == '"')
			break;
		if (c < 0x20)
			return json_fail(j, "control character in string");
		if (c != '\\') {
			j->p++;
			continue;
		}
		if (out)
			buf_add(out, run, (size_t)(j->p - run));
		if (j->end - j->p < 2)
			return json_fail(j, "unterminated string");
		c = (unsigned char)j->p[1];
		j->p += 2;
		if (c == 'u') {
			unsigned cp, lo;

			if (json_hex4(j->p, j->end, &cp))
				return json_fail(j, "invalid \\u escape in string");
			j->p += 4;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return json_fail(j, "unpaired surrogate in string");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (j->end - j->p < 6 || j->p[0] != '\\' ||
				    j->p[1] != 'u' ||
				    json_hex4(j->p + 2, j->end, &lo) ||
				    lo < 0xDC00 || lo > 0xDFFF)
					return json_fail(j, "unpaired surrogate in string");
				j->p += 6;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (cp == 0)
				return json_fail(j, "\\u0000 in string");
			if (out)
				json_add_utf8(out, cp);
		} else {
			static const char from[] = "\"\\/bfnrt";
			static const char to[] = "\"\\/\b\f\n\r\t";
			const char *k = c ? strchr(from, c) : NULL;

			if (!k) {
				if (c >= 0x20 && c < 0x7F)
					snprintf(j->msg, sizeof j->msg,
						 "invalid escape '\\%c' in string",
						 c);
				else
					snprintf(j->msg, sizeof j->msg,
						 "invalid escape in string");
				return -1;
			}
			if (out)
				buf_addch(out, to[k - from]);
		}
		run = j->p;
	}
	if (out)
		buf_add(out, run, (size_t)(j->p - run));
	j->p++;
	return 0;
}

static int
json_digits(json_t *j)
{
	const char *start = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > start ? 0 : -1;
}

/* A number at j->p, as RFC 8259 spells it. */
static int
json_number(json_t *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (json_digits(j))
		return json_fail(j, "invalid number");
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (json_digits(j))
			return json_fail(j, "invalid number");
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (json_digits(j))
			return json_fail(j, "invalid number");
	}
	return 0;
}

static int
json_literal(json_t *j, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return json_fail(j, "expected a value");
	j->p += n;
	return 0;
}

static int json_value(json_t *j, int depth);

static int
json_object(json_t *j, int depth)
{
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		if (j->p >= j->end || *j->p != '"')
			return json_fail(j, "expected object key");
		if (json_string(j, NULL))
			return -1;
		json_ws(j);
		if (j->p >= j->end || *j->p != ':')
			return json_fail(j, "expected ':' after object key");
		j->p++;
		if (json_value(j, depth))
			return -1;
		json_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			json_ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
		return json_fail(j, "expected ',' or '}' after object member");
	}
}

static int
json_array(json_t *j, int depth)
{
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		if (json_value(j, depth))
			return -1;
		json_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return 0;
		}
		return json_fail(j, "expected ',' or ']' after array element");
	}
}

/* Skip any value (after white space). */
static int
json_value(json_t *j, int depth)
{
	json_ws(j);
	if (j->p >= j->end)
		return json_fail(j, "expected a value");
	switch (*j->p) {
	case '"':
		return json_string(j, NULL);
	case '{':
	case '[':
		if (depth >= JSON_MAX_DEPTH)
			return json_fail(j, "nesting too deep");
		return *j->p == '{' ? json_object(j, depth + 1)
				    : json_array(j, depth + 1);
	case 't':
		return json_literal(j, "true");
	case 'f':
		return json_literal(j, "false");
	case 'n':
		return json_literal(j, "null");
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
			return json_number(j);
		return json_fail(j, "expected a value");
	}
}

static enum json_field
json_field_of(const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < KB_ARRAY_SIZE(json_field_names); i++)
		if (strlen(json_field_names[i]) == len &&
		    !memcmp(json_field_names[i], key, len))
			return (enum json_field)i;
	return F_NONE;
}

/* Copy @s into @dst without surrounding space; with @lines, as body
 * lines: each line trimmed, blank lines dropped. */
static void
jsonl_set(kb_buf *dst, const char *s, size_t len, int lines)
{
	size_t pos = 0;

	buf_reset(dst);
	while (pos <= len) {
		const char *nl = lines ? memchr(s + pos, '\n', len - pos) : NULL;
		size_t end = nl ? (size_t)(nl - s) : len;
		size_t start = pos, e = end;

		enc_trim(s, &start, &e);
		if (e > start) {
			if (dst->len)
				buf_addch(dst, '\n');
			buf_add(dst, s + start, e - start);
		}
		pos = end + 1;
	}
}

/* One record: the object in [j->p, j->end). */
static int
jsonl_record(kb_reader_t *r, json_t *j)
{
	kb_buf *dest[] = { [F_ID] = &r->id, [F_TITLE] = &r->title,
			   [F_BODY] = &r->body, [F_CATEGORY] = &r->category,
			   [F_DATE] = &r->date, [F_URL] = &r->url };
	int have[F_NONE] = { 0 };

	json_ws(j);
	if (j->p >= j->end || *j->p != '{')
		return json_fail(j, "expected '{' at the start of a record");
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		goto done;
	}
	for (;;) {
		enum json_field f;
		const char *start;

		if (j->p >= j->end || *j->p != '"')
			return json_fail(j, "expected object key");
		buf_reset(&r->scratch);
		if (json_string(j, &r->scratch))
			return -1;
		f = json_field_of(r->scratch.buf, r->scratch.len);
		json_ws(j);
		if (j->p >= j->end || *j->p != ':')
			return json_fail(j, "expected ':' after object key");
		j->p++;
		json_ws(j);
		start = j->p;
		if (f == F_NONE) {
			if (json_value(j, 1))
				return -1;
		} else if (j->p < j->end && *j->p == '"') {
			buf_reset(&r->scratch);
			if (json_string(j, &r->scratch))
				return -1;
			jsonl_set(dest[f], r->scratch.buf, r->scratch.len,
				  f == F_BODY);
			have[f] = 1;
		} else if (j->p < j->end && *j->p == 'n') {
			if (json_literal(j, "null"))
				return -1;
			buf_reset(dest[f]);
			have[f] = 0;
		} else {
			if (json_value(j, 1))
				return -1;
			if (f != F_ID || (*start != '-' &&
					  (*start < '0' || *start > '9'))) {
				snprintf(j->msg, sizeof j->msg,
					 f == F_ID ? "'%s' is not a string or number"
						   : "'%s' is not a string",
					 json_field_names[f]);
				return -1;
			}
			buf_reset(dest[f]);
			buf_add(dest[f], start, (size_t)(j->p - start));
			have[f] = 1;
		}
		json_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			json_ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		return json_fail(j, "expected ',' or '}' after object member");
	}
done:
	json_ws(j);
	if (j->p < j->end)
		return json_fail(j, "unexpected text after the object");
	if (!have[F_TITLE] || !r->title.len)
		return json_fail(j, "missing 'title'");
	if (!have[F_BODY])
		return json_fail(j, "missing 'body'");
	r->have_id = have[F_ID] && r->id.len;
	return 0;
}

kb_status_t
reader_jsonl_next(kb_reader_t *r, int *found, kb_error_t *err)
{
	reader_line_t line;
	json_t j;

	*found = 0;
	while (reader_getline(r, &line)) {
		reader_trim(&line);
		if (!line.len)
			continue;
		j.p = line.s;
		j.end = line.s + line.len;
		j.msg[0] = '\0';
		if (jsonl_record(r, &j))
			return kb_fail(err, KB_ERR_PARSE, "'%s':%u: %s", r->path,
				       line.no, j.msg);
		r->art.line = line.no;
		*found = 1;
		return KB_OK;
	}
	return KB_OK;
}
