/* fuzz-reader.c - the corpus reader on any file (kb_reader_open).
 *
 * The first byte picks the file name's extension (.txt, .md, .jsonl,
 * .json: every format, the page format through .txt and .md) and the
 * encoding argument (none, GB18030, BIG5, UTF-8); the rest is the file,
 * written to a scratch file that is rewritten for each input.  Each
 * article is then split into passages and its own facts are extracted, as
 * kbindex does.
 *
 * Checks: the error contract; every article field is set and is UTF-8
 * with no NUL; the id is 16 hex digits; passages are in order, do not
 * overlap, lie inside the body and neither start nor end with space;
 * article facts lie inside the body; reading ends.
 */
#include <config.h>

#include "fuzz.h"

#include <string.h>

#include "encoding.h"
#include "facts.h"
#include "passage.h"

typedef struct {
	const char *body;
	size_t len, last_end;
	unsigned n;
} split_t;

static int
split_cb(void *ctx, const passage_t *p)
{
	split_t *s = ctx;

	FZ_CHECK(p->start < p->end && p->end <= s->len,
		 "passage [%zu, %zu) outside the body of %zu bytes", p->start,
		 p->end, s->len);
	FZ_CHECK(p->start >= s->last_end, "passage [%zu, %zu) overlaps the "
		 "one ending at %zu", p->start, p->end, s->last_end);
	FZ_CHECK(!enc_space_len(s->body + p->start, p->end - p->start) &&
		 !enc_space_len_before(s->body + p->start, p->end - p->start),
		 "passage [%zu, %zu) is not trimmed", p->start, p->end);
	FZ_CHECK(fz_utf8(s->body + p->start, p->end - p->start),
		 "passage [%zu, %zu) cuts a character", p->start, p->end);
	s->last_end = p->end;
	s->n++;
	return 0;
}

static void
check_field(const char *name, const char *s)
{
	FZ_CHECK(s, "article field '%s' is NULL", name);
	FZ_CHECK(fz_utf8(s, strlen(s)), "article field '%s' is not UTF-8",
		 name);
}

static void
check_article(const kb_article_t *a, int jsonl, facts_t *facts)
{
	split_t s = { a->body, 0, 0, 0 };
	kb_error_t err;
	kb_status_t st;

	check_field("id", a->id);
	check_field("title", a->title);
	check_field("body", a->body);
	check_field("category", a->category);
	check_field("date", a->date);
	check_field("url", a->url);
	check_field("disclaimer", a->disclaimer);
	FZ_CHECK(a->source && *a->source, "article without a source");
	/* a JSONL record may bring its own id */
	FZ_CHECK(*a->id, "empty id");
	FZ_CHECK(jsonl || (strlen(a->id) == 16 &&
			   strspn(a->id, "0123456789abcdef") == 16),
		 "id '%s' is not 16 hex digits", a->id);

	s.len = strlen(a->body);
	FZ_CHECK(passage_split(a->body, s.len, split_cb, &s) == 0,
		 "passage split stopped by itself");

	facts_clear(facts);
	st = facts_extract_article(a, facts, &err);
	fz_check_error(st, &err, "facts_extract_article");
	for (size_t i = 0; !st && i < facts->n; i++) {
		const kb_fact_t *f = &facts->items[i];

		FZ_CHECK((f->start == -1 && f->end == -1) ||
			 (f->start >= 0 && f->start <= f->end &&
			  (size_t)f->end <= s.len),
			 "article fact '%s' at [%ld, %ld) outside the body of "
			 "%zu bytes", f->type, f->start, f->end, s.len);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "in.txt", "in.md", "in.jsonl",
					     "in.json" };
	static const char *const encodings[] = { NULL, "GB18030", "BIG5",
						 "UTF-8" };
	facts_t facts = FACTS_INIT;
	kb_reader_t *r = NULL;
	const kb_article_t *a;
	const char *path;
	kb_error_t err;
	kb_status_t st;
	unsigned n = 0;

	if (!size)
		return 0;
	path = fz_scratch_file(names[data[0] & 3], data + 1, size - 1);
	st = kb_reader_open(path, encodings[(data[0] >> 2) & 3], &r, &err);
	fz_check_error(st, &err, "kb_reader_open");
	if (st) {
		FZ_CHECK(!r, "kb_reader_open failed but returned a reader");
		return 0;
	}
	FZ_CHECK(strlen(kb_reader_digest(r)) == 16, "digest is not 16 digits");
	for (;;) {
		st = kb_reader_next(r, &a, &err);
		fz_check_error(st, &err, "kb_reader_next");
		if (st || !a)
			break;
		/* each article takes at least one byte of the file */
		FZ_CHECK(++n <= size, "more articles (%u) than bytes (%zu)", n,
			 size);
		check_article(a, (data[0] & 3) >= 2, &facts);
	}
	kb_reader_close(r);
	facts_release(&facts);
	return 0;
}
