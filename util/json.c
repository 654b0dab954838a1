/* json.c - a strict JSON parser that walks text in place (json.h). */
#include <config.h>

#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
json_parser_init(json_parser_t *j, const char *s, size_t len)
{
	j->p = s;
	j->end = s + len;
	j->msg[0] = '\0';
}

int
json_fail(json_parser_t *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(j->msg, sizeof j->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void
json_ws(json_parser_t *j)
{
	while (j->p < j->end &&
	       (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

int
json_peek(json_parser_t *j, char c)
{
	json_ws(j);
	return j->p < j->end && *j->p == c;
}

static int
json_hex4(const char *p, const char *end, unsigned *out)
{
	unsigned v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
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

void
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

/* The \u escape at j->p (after "\u"), with its low surrogate. */
static int
json_unicode_escape(json_parser_t *j, unsigned *out)
{
	unsigned cp, lo;

	if (json_hex4(j->p, j->end, &cp))
		return json_fail(j, "invalid \\u escape in string");
	j->p += 4;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return json_fail(j, "unpaired surrogate in string");
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
		    json_hex4(j->p + 2, j->end, &lo) || lo < 0xDC00 ||
		    lo > 0xDFFF)
			return json_fail(j, "unpaired surrogate in string");
		j->p += 6;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp == 0)
		return json_fail(j, "\\u0000 in string");
	*out = cp;
	return 0;
}

int
json_parse_string(json_parser_t *j, kb_buf *out)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *run;

	j->p++;
	run = j->p;
	for (;;) {
		unsigned char c;
		const char *k;

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
		/* copy the plain run before the escape at once */
		if (out)
			buf_add(out, run, (size_t)(j->p - run));
		if (j->end - j->p < 2)
			return json_fail(j, "unterminated string");
		c = (unsigned char)j->p[1];
		j->p += 2;
		if (c == 'u') {
			unsigned cp = 0;

			if (json_unicode_escape(j, &cp))
				return -1;
			if (out)
				json_add_utf8(out, cp);
		} else if (c && (k = strchr(from, c))) {
			if (out)
				buf_addch(out, to[k - from]);
		} else if (c >= 0x20 && c < 0x7F) {
			return json_fail(j, "invalid escape '\\%c' in string",
					 c);
		} else {
			return json_fail(j, "invalid escape in string");
		}
		run = j->p;
	}
	if (out)
		buf_add(out, run, (size_t)(j->p - run));
	j->p++;
	return 0;
}

static int
json_digits(json_parser_t *j)
{
	const char *start = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > start ? 0 : -1;
}

int
json_parse_number(json_parser_t *j)
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

int
json_parse_literal(json_parser_t *j, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return json_fail(j, "expected a value");
	j->p += n;
	return 0;
}

int
json_member(json_parser_t *j, size_t *count, kb_buf *key)
{
	json_ws(j);
	if (*count == 0) {
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
	} else if (j->p < j->end && *j->p == ',') {
		j->p++;
		json_ws(j);
	} else if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	} else {
		return json_fail(j, "expected ',' or '}' after object member");
	}
	if (j->p >= j->end || *j->p != '"')
		return json_fail(j, "expected object key");
	if (key)
		buf_reset(key);
	if (json_parse_string(j, key))
		return -1;
	json_ws(j);
	if (j->p >= j->end || *j->p != ':')
		return json_fail(j, "expected ':' after object key");
	j->p++;
	json_ws(j);
	(*count)++;
	return 1;
}

static int
json_skip_object(json_parser_t *j, int depth)
{
	size_t n = 0;
	int rc;

	j->p++;
	while ((rc = json_member(j, &n, NULL)) == 1)
		if (json_skip_value(j, depth))
			return -1;
	return rc;
}

static int
json_skip_array(json_parser_t *j, int depth)
{
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		if (json_skip_value(j, depth))
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

int
json_skip_value(json_parser_t *j, int depth)
{
	json_ws(j);
	if (j->p >= j->end)
		return json_fail(j, "expected a value");
	switch (*j->p) {
	case '"':
		return json_parse_string(j, NULL);
	case '{':
	case '[':
		if (depth >= JSON_MAX_DEPTH)
			return json_fail(j, "nesting too deep");
		return *j->p == '{' ? json_skip_object(j, depth + 1)
				    : json_skip_array(j, depth + 1);
	case 't':
		return json_parse_literal(j, "true");
	case 'f':
		return json_parse_literal(j, "false");
	case 'n':
		return json_parse_literal(j, "null");
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
			return json_parse_number(j);
		return json_fail(j, "expected a value");
	}
}
