/* t-json.c - the JSON parser of util/json.h: values accepted and refused
 * with their messages, strings decoded, objects walked member by member,
 * the nesting limit. */
#include <config.h>

#include <string.h>

#include "../tap.h"
#include "buf.h"
#include "json.h"

#define JSON_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One value skipped whole: NULL @msg means it is valid JSON and
 * json_skip_value stops right after it. */
static const struct {
	const char *in;
	const char *msg;
} value_cases[] = {
	{ "0", NULL },
	{ "-0.5e+10", NULL },
	{ "12E3", NULL },
	{ "true", NULL },
	{ "false", NULL },
	{ "null", NULL },
	{ " \t\"x\"", NULL },
	{ "[]", NULL },
	{ "[1, [2, {\"a\": [null]}], \"\\u00e9\"]", NULL },
	{ "{}", NULL },
	{ "{\"a\":{\"b\":{}}, \"c\" : 1}", NULL },
	{ "", "expected a value" },
	{ "01", NULL }, /* the 0, then text the caller must refuse */
	{ "-", "invalid number" },
	{ "1.", "invalid number" },
	{ "1e", "invalid number" },
	{ ".5", "expected a value" },
	{ "tru", "expected a value" },
	{ "nul", "expected a value" },
	{ "'x'", "expected a value" },
	{ "\"abc", "unterminated string" },
	{ "\"a\\", "unterminated string" },
	{ "\"a\tb\"", "control character in string" },
	{ "\"\\x\"", "invalid escape '\\x' in string" },
	{ "\"\\u12G4\"", "invalid \\u escape in string" },
	{ "\"\\udc00\"", "unpaired surrogate in string" },
	{ "\"\\ud800x\"", "unpaired surrogate in string" },
	{ "\"\\ud800\\u0041\"", "unpaired surrogate in string" },
	{ "\"\\u0000\"", "\\u0000 in string" },
	{ "[1 2]", "expected ',' or ']' after array element" },
	{ "[1,]", "expected a value" },
	{ "{\"a\" 1}", "expected ':' after object key" },
	{ "{\"a\":1,}", "expected object key" },
	{ "{a:1}", "expected object key" },
	{ "{\"a\":1 \"b\":2}", "expected ',' or '}' after object member" },
	{ "{\"a\":}", "expected a value" },
};

static void
test_values(void)
{
	for (size_t i = 0; i < JSON_COUNT(value_cases); i++) {
		json_parser_t j;
		const char *in = value_cases[i].in;
		int rc;

		json_parser_init(&j, in, strlen(in));
		rc = json_skip_value(&j, 0);
		if (!value_cases[i].msg) {
			if (is_int(rc, 0, "'%s' is valid", in))
				is_int(j.p - in, strcmp(in, "01") ? (long)strlen(in)
								  : 1,
				       "'%s': stops after the value", in);
		} else {
			is_int(rc, -1, "'%s' is refused", in);
			is_str(j.msg, value_cases[i].msg, "'%s': message", in);
		}
	}
}

/* Strings decoded: escapes, surrogate pairs, text passed as it is. */
static const struct {
	const char *in;
	const char *want;
} string_cases[] = {
	{ "\"\"", "" },
	{ "\"新农合\"", "新农合" },
	{ "\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d" },
	{ "\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t" },
	{ "\"\\u0041\\u00e9\\u6c5f\\u897F\"", "Aé江西" },
	{ "\"\\ud83d\\ude00!\"", "\xf0\x9f\x98\x80!" },
	{ "\"x\\u2028y\"", "x\xe2\x80\xa8y" },
};

static void
test_strings(void)
{
	kb_buf b = KB_BUF_INIT;

	for (size_t i = 0; i < JSON_COUNT(string_cases); i++) {
		json_parser_t j;
		const char *in = string_cases[i].in;

		buf_reset(&b);
		json_parser_init(&j, in, strlen(in));
		is_int(json_parse_string(&j, &b), 0, "string %s parses", in);
		is_str(b.buf, string_cases[i].want, "string %s decoded", in);
		ok(j.p == in + strlen(in), "string %s: ends after the quote",
		   in);
	}
	buf_release(&b);
}

/* json_member walks the keys, leaving each value to the caller. */
static void
test_members(void)
{
	const char *in = "{ \"query\" : \"新农合\", \"\\u006cimit\":3 ,"
			 "\"filters\":[\"region:江西\"]} tail";
	const char *want_keys[] = { "query", "limit", "filters" };
	const char *want_vals[] = { "\"新农合\"", "3", "[\"region:江西\"]" };
	kb_buf key = KB_BUF_INIT;
	json_parser_t j;
	size_t n = 0, k = 0;
	int rc;

	json_parser_init(&j, in, strlen(in));
	ok(json_peek(&j, '{'), "members: peek sees the brace");
	j.p++;
	while ((rc = json_member(&j, &n, &key)) == 1 && k < 3) {
		const char *start = j.p;

		is_str(key.buf, want_keys[k], "member %zu: key", k + 1);
		is_int(json_skip_value(&j, 1), 0, "member %zu: value", k + 1);
		is_int((long)(j.p - start), (long)strlen(want_vals[k]),
		       "member %zu: value is %s", k + 1, want_vals[k]);
		k++;
	}
	is_int(rc, 0, "members: the object ends");
	is_int((long)n, 3, "members: three counted");
	is_str(j.p, " tail", "members: stops after the brace");

	json_parser_init(&j, "{}", 2);
	j.p++;
	n = 0;
	is_int(json_member(&j, &n, &key), 0, "members: {} has none");
	buf_release(&key);
}

/* Nesting deeper than JSON_MAX_DEPTH is refused, not followed. */
static void
test_depth(void)
{
	kb_buf b = KB_BUF_INIT;
	json_parser_t j;

	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		buf_addch(&b, '[');
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		buf_addch(&b, ']');
	json_parser_init(&j, b.buf, b.len);
	is_int(json_skip_value(&j, 0), 0, "%d levels are allowed",
	       JSON_MAX_DEPTH);
	buf_reset(&b);
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		buf_addch(&b, '[');
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		buf_addch(&b, ']');
	json_parser_init(&j, b.buf, b.len);
	is_int(json_skip_value(&j, 0), -1, "%d levels are not",
	       JSON_MAX_DEPTH + 1);
	is_str(j.msg, "nesting too deep", "too deep: message");
	buf_release(&b);
}

int
main(void)
{
	test_values();
	test_strings();
	test_members();
	test_depth();
	return done_testing();
}
