/* passage.c - article body -> passages.
 *
 * Two stages, streamed without allocation:
 *  1. each body line is a unit; a unit longer than PASSAGE_MAX_CHARS is
 *     cut into pieces of at most that many characters: after the last
 *     sentence end that fits, else after the last comma or space that
 *     fits, else hard at PASSAGE_MAX_CHARS characters;
 *  2. a passage shorter than PASSAGE_MIN_CHARS takes in the pieces that
 *     follow it, and so does one whose last piece is short and ends no
 *     sentence (a heading, "1. ...", "...如下:"), while the result stays
 *     within PASSAGE_MAX_CHARS + PASSAGE_MIN_CHARS.  So a heading goes
 *     with what follows it even when a short item before it took it in.
 *     A short last piece joins the passage before it under the same
 *     limit.
 */
#include <config.h>

#include "passage.h"

#include <string.h>

#include "encoding.h"

typedef struct passage_state {
	const char *body;
	int (*cb)(void *ctx, const passage_t *p);
	void *ctx;
	passage_t prev, cur; /* prev: done, held back for a short last cur */
	int have_prev, have_cur;
	size_t cur_chars;
	int last_open; /* the last piece in cur is short and ends no sentence */
} passage_state_t;

/* Byte length of the UTF-8 character at @s, for valid UTF-8. */
static size_t
passage_charlen(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c < 0xC0)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	return 4;
}

static int
passage_is(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && !memcmp(s, *set, n))
			return 1;
	return 0;
}

static const char *const passage_sentence_ends[] = {
	"。", "！", "？", "；", "!", "?", ";", NULL
};
/* closing marks that stay with the sentence they end */
static const char *const passage_closers[] = {
	"”", "’", "」", "』", "）", ")", "】", "\"", "'", NULL
};
static const char *const passage_commas[] = {
	"，", ",", "、", " ", "　", NULL
};

/* Whether [start, end) ends with a sentence end, closing marks aside. */
static int
passage_ends_sentence(const char *s, size_t start, size_t end)
{
	while (end > start) {
		size_t c = end - 1;

		while (c > start && ((unsigned char)s[c] & 0xC0) == 0x80)
			c--;
		if (passage_is(s + c, end - c, passage_sentence_ends))
			return 1;
		if (!passage_is(s + c, end - c, passage_closers))
			return 0;
		end = c;
	}
	return 0;
}

static size_t
passage_chars(const passage_state_t *st, size_t start, size_t end)
{
	return enc_utf8_chars(st->body + start, end - start);
}

static int
passage_emit(passage_state_t *st, const passage_t *p)
{
	return st->cb(st->ctx, p);
}

/* Stage 2: take the next piece [start, end) of the article. */
static int
passage_feed(passage_state_t *st, size_t start, size_t end)
{
	size_t chars = passage_chars(st, start, end);
	int open = chars < PASSAGE_MIN_CHARS &&
		   !passage_ends_sentence(st->body, start, end);
	int rc;

	if (st->have_cur &&
	    (st->cur_chars < PASSAGE_MIN_CHARS || st->last_open)) {
		size_t merged = passage_chars(st, st->cur.start, end);

		if (merged <= PASSAGE_MAX_CHARS + PASSAGE_MIN_CHARS) {
			st->cur.end = end;
			st->cur_chars = merged;
			st->last_open = open;
			return 0;
		}
	}
	if (st->have_cur) {
		if (st->have_prev && (rc = passage_emit(st, &st->prev)))
			return rc;
		st->prev = st->cur;
		st->have_prev = 1;
	}
	st->cur.start = start;
	st->cur.end = end;
	st->cur_chars = chars;
	st->last_open = open;
	st->have_cur = 1;
	return 0;
}

static int
passage_finish(passage_state_t *st)
{
	int rc;

	if (!st->have_cur)
		return 0;
	if (st->have_prev && st->cur_chars < PASSAGE_MIN_CHARS &&
	    passage_chars(st, st->prev.start, st->cur.end) <=
		    PASSAGE_MAX_CHARS + PASSAGE_MIN_CHARS) {
		st->prev.end = st->cur.end;
		return passage_emit(st, &st->prev);
	}
	if (st->have_prev && (rc = passage_emit(st, &st->prev)))
		return rc;
	return passage_emit(st, &st->cur);
}

/* Where to end the piece that starts at @pos of [pos, end), which has
 * more than PASSAGE_MAX_CHARS characters. */
static size_t
passage_cut(const char *s, size_t pos, size_t end)
{
	size_t i = pos, n = 0, sentence = 0, comma = 0;

	while (i < end && n < PASSAGE_MAX_CHARS) {
		size_t len = passage_charlen(s + i);

		if (len > end - i)
			len = end - i;
		if (passage_is(s + i, len, passage_sentence_ends)) {
			size_t j = i + len, k = n + 1;

			while (j < end && k < PASSAGE_MAX_CHARS) {
				size_t cl = passage_charlen(s + j);

				if (cl > end - j)
					cl = end - j;
				if (!passage_is(s + j, cl, passage_closers))
					break;
				j += cl;
				k++;
			}
			sentence = j;
		} else if (passage_is(s + i, len, passage_commas)) {
			comma = i + len;
		}
		i += len;
		n++;
	}
	if (sentence)
		return sentence;
	if (comma)
		return comma;
	return i;
}

/* Stage 1: one line [start, end), trimmed and non-empty. */
static int
passage_unit(passage_state_t *st, size_t start, size_t end)
{
	const char *s = st->body;
	int rc;

	while (enc_utf8_chars(s + start, end - start) > PASSAGE_MAX_CHARS) {
		size_t cut = passage_cut(s, start, end), a = start, b = cut;

		enc_trim(s, &a, &b);
		if (b > a && (rc = passage_feed(st, a, b)))
			return rc;
		start = cut;
		enc_trim(s, &start, &end);
	}
	if (end > start)
		return passage_feed(st, start, end);
	return 0;
}

int
passage_split(const char *body, size_t len,
	      int (*cb)(void *ctx, const passage_t *p), void *ctx)
{
	passage_state_t st;
	size_t pos = 0;
	int rc;

	memset(&st, 0, sizeof st);
	st.body = body;
	st.cb = cb;
	st.ctx = ctx;
	while (pos < len) {
		const char *nl = memchr(body + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - body) : len;
		size_t a = pos, b = end;

		enc_trim(body, &a, &b);
		if (b > a && (rc = passage_unit(&st, a, b)))
			return rc;
		pos = end + 1;
	}
	return passage_finish(&st);
}
