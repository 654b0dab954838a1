/* facts.c - the fact list and the article-level extractors. */
#include <config.h>

#include "facts.h"
#include "fact-extract.h"
#include "normalize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An answer is a word or a figure, not a sentence. */
#define ANSWER_MAX_CHARS 20

void
facts_clear(facts_t *f)
{
	arena_destroy(&f->arena);
	f->n = 0;
}

void
facts_release(facts_t *f)
{
	arena_destroy(&f->arena);
	free(f->items);
	f->items = NULL;
	f->n = f->cap = 0;
}

static const char *
copy(facts_t *f, const char *s)
{
	return arena_strndup(&f->arena, s ? s : "", s ? strlen(s) : 0);
}

kb_status_t
facts_add(facts_t *f, const char *type, const char *label, const char *value,
	  const char *unit, const char *text, double min, double max,
	  long start, long end, kb_error_t *err)
{
	kb_fact_t *fact;

	if (f->n == f->cap) {
		size_t ncap = f->cap ? f->cap * 2 : 8;
		kb_fact_t *p = realloc(f->items, ncap * sizeof *p);

		if (!p)
			goto nomem;
		f->items = p;
		f->cap = ncap;
	}
	fact = &f->items[f->n];
	fact->type = copy(f, type);
	fact->label = copy(f, label);
	fact->value = copy(f, value);
	fact->unit = copy(f, unit);
	fact->text = copy(f, text);
	if (!fact->type || !fact->label || !fact->value || !fact->unit ||
	    !fact->text)
		goto nomem;
	/* a range written from high to low (20000-2) spans the same
	 * numbers: min <= max always holds for the range filters */
	fact->min = min <= max ? min : max;
	fact->max = min <= max ? max : min;
	fact->start = start;
	fact->end = end;
	fact->attrs = NULL;
	fact->nattrs = 0;
	f->n++;
	return KB_OK;
nomem:
	return kb_fail(err, KB_ERR_NOMEM, "out of memory storing a fact");
}

kb_status_t
facts_add_attr(facts_t *f, const char *key, const char *value, kb_error_t *err)
{
	kb_fact_t *fact;
	kb_attr_t *attrs;

	if (!f->n)
		return kb_fail(err, KB_ERR_INTERNAL, "attribute without a fact");
	fact = &f->items[f->n - 1];
	/* facts have a handful of details: copying the array is cheaper
	 * than managing capacity */
	attrs = arena_alloc(&f->arena, (fact->nattrs + 1) * sizeof *attrs);
	if (!attrs)
		goto nomem;
	if (fact->nattrs)
		memcpy(attrs, fact->attrs, fact->nattrs * sizeof *attrs);
	attrs[fact->nattrs].key = copy(f, key);
	attrs[fact->nattrs].value = copy(f, value);
	if (!attrs[fact->nattrs].key || !attrs[fact->nattrs].value)
		goto nomem;
	fact->attrs = attrs;
	fact->nattrs++;
	return KB_OK;
nomem:
	return kb_fail(err, KB_ERR_NOMEM, "out of memory storing a fact");
}

/* Clause punctuation, ASCII and full-width: a token holding one is the start
 * of a sentence, not an answer. */
static int
is_clause_punct(int32_t cp)
{
	static const int32_t punct[] = {
		',', '.', ':', ';', '!', '?', 0x3001, 0x3002, 0xFF0C, 0xFF1A,
		0xFF1B, 0xFF01, 0xFF1F, '(', ')', 0xFF08, 0xFF09, 0x201C,
		0x201D,
	};

	for (size_t i = 0; i < KB_ARRAY_SIZE(punct); i++)
		if (cp == punct[i])
			return 1;
	return 0;
}

static int
is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* An exclamation or full stop may close the answer itself (可以用!). */
static int
is_closing_punct(int32_t cp)
{
	return cp == '!' || cp == 0xFF01 || cp == 0x3002;
}

size_t
facts_leading_answer(const char *body, size_t len)
{
	size_t i = 0, chars = 0, tok_end, answer_end;
	int32_t cp;

	while (i < len && body[i] != '\n') {
		size_t n = norm_decode(body + i, len - i, &cp);

		if (is_space(cp))
			break;
		if (is_closing_punct(cp) && i > 0 && i + n < len &&
		    (body[i + n] == ' ' || !strncmp(body + i + n, "\u3000", 3))) {
			answer_end = i;
			i += n;
			goto token_done;
		}
		/* A '.' inside a number (42.42) is not clause punctuation. */
		if (is_clause_punct(cp) &&
		    !(cp == '.' && i > 0 && i + 1 < len &&
		      body[i - 1] >= '0' && body[i - 1] <= '9' &&
		      body[i + 1] >= '0' && body[i + 1] <= '9'))
			return 0;
		if (++chars > ANSWER_MAX_CHARS)
			return 0;
		i += n;
	}
	answer_end = i;
token_done:
	if (answer_end == 0 || i >= len || body[i] == '\n')
		return 0;
	tok_end = answer_end;
	/* more text must follow on the same line, and not a colon: a token
	 * followed by ":" is a heading (轻度缺氧 :表现为...) */
	while (i < len && body[i] != '\n') {
		size_t n = norm_decode(body + i, len - i, &cp);

		if (cp == ':' || cp == 0xFF1A)
			return 0;
		if (!is_space(cp))
			return tok_end;
		i += n;
	}
	return 0;
}

kb_status_t
facts_extract_article(const kb_article_t *a, facts_t *out, kb_error_t *err)
{
	kb_status_t rc;
	size_t answer_len;

	if (*a->category &&
	    (rc = facts_add(out, "category", "", a->category, "", a->category,
			    NAN, NAN, -1, -1, err)))
		return rc;
	if (*a->date &&
	    (rc = facts_add(out, "date", "", a->date, "", a->date, NAN, NAN,
			    -1, -1, err)))
		return rc;
	answer_len = facts_leading_answer(a->body, strlen(a->body));
	if (answer_len) {
		char *answer = arena_strndup(&out->arena, a->body, answer_len);

		if (!answer)
			return kb_fail(err, KB_ERR_NOMEM,
				       "out of memory storing a fact");
		if ((rc = facts_add(out, "answer", "", answer, "", answer, NAN,
				    NAN, 0, (long)answer_len, err)))
			return rc;
	}
	return KB_OK;
}

struct fact_scratch {
	kb_buf norm;
	norm_map map;
};

kb_status_t
fact_scratch_create(fact_scratch_t **out, kb_error_t *err)
{
	fact_scratch_t *s = calloc(1, sizeof *s);

	*out = s;
	if (!s)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	buf_init(&s->norm, 0);
	return KB_OK;
}

void
fact_scratch_destroy(fact_scratch_t *s)
{
	if (!s)
		return;
	buf_release(&s->norm);
	norm_map_release(&s->map);
	free(s);
}

kb_status_t
fact_emit(facts_t *out, const fact_text_t *t, size_t ns, size_t ne,
	  const char *type, const char *label, const char *value,
	  const char *unit, double min, double max, kb_error_t *err)
{
	size_t os = t->map[ns], oe = t->map[ne];
	char *text;

	/* a match ending inside one source character covers all of it */
	for (size_t k = ne; oe <= os && k < t->norm_len; k++)
		oe = t->map[k + 1];
	text = arena_strndup(&out->arena, t->orig + os, oe - os);
	if (!text)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory storing a fact");
	return facts_add(out, type, label, value, unit, text, min, max,
			 (long)os, (long)oe, err);
}

static const fact_extractor_fn extractors[] = {
	fact_percent_extract,
	fact_money_extract,
	fact_duration_extract,
	fact_date_extract,
	fact_region_extract,
	fact_institution_extract,
	fact_insurance_extract,
	fact_contact_extract,
};

kb_status_t
facts_extract_text(fact_scratch_t *s, const char *text, size_t len,
		   facts_t *out, kb_error_t *err)
{
	fact_text_t t;
	kb_status_t rc;

	buf_reset(&s->norm);
	if ((rc = norm_utf8(text, len, &s->norm, &s->map, NULL, err)))
		return rc;
	t.orig = text;
	t.orig_len = len;
	t.norm = s->norm.buf;
	t.norm_len = s->norm.len;
	t.map = s->map.off;
	for (size_t i = 0; i < KB_ARRAY_SIZE(extractors); i++)
		if ((rc = extractors[i](&t, out, err)))
			return rc;
	return KB_OK;
}
