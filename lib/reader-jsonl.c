/* reader-jsonl.c - JSON Lines: one object per line with the fields id,
 * title, body and optionally category, date and url; other fields are
 * ignored.  A "\n" in the body separates body lines.
 *
 * The parser (util/json.h) is strict RFC 8259 for one line: any value may
 * appear in ignored fields (nested up to JSON_MAX_DEPTH), strings must use
 * valid escapes, and \u escapes must pair surrogates.
 */
#include <config.h>

#include "reader.h"

#include <stdio.h>
#include <string.h>

#include "encoding.h"
#include "../util/json.h"

enum json_field { F_ID, F_TITLE, F_BODY, F_CATEGORY, F_DATE, F_URL, F_NONE };

static const char *const json_field_names[] = {
	[F_ID] = "id", [F_TITLE] = "title", [F_BODY] = "body",
	[F_CATEGORY] = "category", [F_DATE] = "date", [F_URL] = "url",
};

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
jsonl_record(kb_reader_t *r, json_parser_t *j)
{
	kb_buf *dest[] = { [F_ID] = &r->id, [F_TITLE] = &r->title,
			   [F_BODY] = &r->body, [F_CATEGORY] = &r->category,
			   [F_DATE] = &r->date, [F_URL] = &r->url };
	int have[F_NONE] = { 0 };
	size_t nmembers = 0;
	int more;

	if (!json_peek(j, '{'))
		return json_fail(j, "expected '{' at the start of a record");
	j->p++;
	while ((more = json_member(j, &nmembers, &r->scratch)) == 1) {
		enum json_field f = json_field_of(r->scratch.buf,
						  r->scratch.len);
		const char *start = j->p;

		if (f == F_NONE) {
			if (json_skip_value(j, 1))
				return -1;
		} else if (j->p < j->end && *j->p == '"') {
			buf_reset(&r->scratch);
			if (json_parse_string(j, &r->scratch))
				return -1;
			jsonl_set(dest[f], r->scratch.buf, r->scratch.len,
				  f == F_BODY);
			have[f] = 1;
		} else if (j->p < j->end && *j->p == 'n') {
			if (json_parse_literal(j, "null"))
				return -1;
			buf_reset(dest[f]);
			have[f] = 0;
		} else {
			if (json_skip_value(j, 1))
				return -1;
			if (f != F_ID || (*start != '-' &&
					  (*start < '0' || *start > '9')))
				return json_fail(j, f == F_ID ?
						 "'%s' is not a string or number" :
						 "'%s' is not a string",
						 json_field_names[f]);
			buf_reset(dest[f]);
			buf_add(dest[f], start, (size_t)(j->p - start));
			have[f] = 1;
		}
	}
	if (more < 0)
		return -1;
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
	json_parser_t j;

	*found = 0;
	while (reader_getline(r, &line)) {
		reader_trim(&line);
		if (!line.len)
			continue;
		json_parser_init(&j, line.s, line.len);
		if (jsonl_record(r, &j))
			return kb_fail(err, KB_ERR_PARSE, "'%s':%u: %s", r->path,
				       line.no, j.msg);
		r->art.line = line.no;
		*found = 1;
		return KB_OK;
	}
	return KB_OK;
}
