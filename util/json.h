/* json.h - the one JSON parser of the project: strict RFC 8259, for one
 * value held in memory (a line of a JSON Lines corpus, a request to
 * kbsearch --serve).
 *
 * It does not build a tree: the caller walks the text, taking the members
 * it knows (json_member, json_parse_string) and skipping the rest
 * (json_skip_value), so reading a record costs no allocation beyond the
 * caller's buffers.  Every function advances j->p and returns 0, or -1
 * with a message in j->msg ("expected ':' after object key"): the calls
 * chain with ||.  Values nest at most JSON_MAX_DEPTH deep.
 *
 * Strings are checked for valid escapes, and \u escapes must pair
 * surrogates; \u0000 is refused, so a decoded string is also a C string.
 * The bytes of the text are not checked for valid UTF-8: that is the
 * caller's job (enc_ in the library, the --serve loop), done once on the
 * whole line.
 */
#ifndef KB_JSON_H
#define KB_JSON_H

#include <stddef.h>

#include "buf.h"

#define JSON_MAX_DEPTH 64

typedef struct json_parser {
	const char *p, *end;
	char msg[128]; /* what went wrong, when a function returned -1 */
} json_parser_t;

/* Parse the @len bytes at @s. */
void json_parser_init(json_parser_t *j, const char *s, size_t len);

/* Set j->msg (printf-style) and return -1. */
int json_fail(json_parser_t *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Skip white space. */
void json_ws(json_parser_t *j);

/* 1 when, after white space, the next byte is @c (not consumed). */
int json_peek(json_parser_t *j, char c);

/* A string at j->p (which must be '"'), decoded and appended to @out
 * unless @out is NULL. */
int json_parse_string(json_parser_t *j, kb_buf *out);

/* A number at j->p, checked and skipped: the caller has its text between
 * the old and the new j->p. */
int json_parse_number(json_parser_t *j);

/* The literal @word ("true", "false", "null") at j->p. */
int json_parse_literal(json_parser_t *j, const char *word);

/* Skip any value, after white space; @depth is how deep it is nested
 * (0 for the top). */
int json_skip_value(json_parser_t *j, int depth);

/* The members of an object whose '{' the caller has consumed.  *@count
 * is 0 before the first call.  Returns 1 with the member's key decoded
 * into @key (emptied first) and j->p at its value (after white space);
 * 0 when the object ended (its '}' consumed); -1 on a syntax error. */
int json_member(json_parser_t *j, size_t *count, kb_buf *key);

/* Append the UTF-8 form of code point @cp (at most U+10FFFF). */
void json_add_utf8(kb_buf *b, unsigned cp);

#endif
