/* fuzz-facts.c - every fact extractor over one passage
 * (facts_extract_text), and the article facts (facts_extract_article)
 * with the input as the body.
 *
 * The passage is handed over exactly as long as the input, with no NUL
 * after it, as index.c hands over a slice of a body, so a read past its
 * end is caught.
 *
 * Checks: the error contract (invalid UTF-8 fails with KB_ERR_ENCODING,
 * nothing else fails); every fact has a type of lowercase letters,
 * UTF-8 strings, min <= max (or both NaN), an offset range inside the
 * passage whose bytes are its text, and its attributes are set; the
 * leading answer lies inside the body.
 */
#include <config.h>

#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "facts.h"

static void
check_fact(const kb_fact_t *f, const char *text, size_t len, int spans)
{
	FZ_CHECK(f->type && *f->type && strspn(f->type,
		 "abcdefghijklmnopqrstuvwxyz_") == strlen(f->type),
		 "fact type '%s'", f->type ? f->type : "(null)");
	FZ_CHECK(f->label && f->value && f->unit && f->text,
		 "fact '%s' with a NULL string", f->type);
	FZ_CHECK(fz_utf8(f->label, strlen(f->label)) &&
		 fz_utf8(f->value, strlen(f->value)) &&
		 fz_utf8(f->unit, strlen(f->unit)) &&
		 fz_utf8(f->text, strlen(f->text)),
		 "fact '%s' with a string that is not UTF-8", f->type);
	FZ_CHECK((isnan(f->min) && isnan(f->max)) ||
		 (!isnan(f->min) && !isnan(f->max) && f->min <= f->max),
		 "fact '%s' '%s': min %g, max %g", f->type, f->value, f->min,
		 f->max);
	for (size_t i = 0; i < f->nattrs; i++)
		FZ_CHECK(f->attrs[i].key && *f->attrs[i].key &&
			 f->attrs[i].value, "fact '%s': attribute %zu unset",
			 f->type, i);
	if (f->start == -1 && f->end == -1 && !spans)
		return;
	FZ_CHECK(f->start >= 0 && f->start < f->end && (size_t)f->end <= len,
		 "fact '%s' '%s' at [%ld, %ld) of %zu bytes", f->type,
		 f->value, f->start, f->end, len);
	/* a NUL in the span ends the copied text early */
	if (spans && !memchr(text + f->start, '\0', (size_t)(f->end - f->start)))
		FZ_CHECK(strlen(f->text) == (size_t)(f->end - f->start) &&
			 !memcmp(f->text, text + f->start, strlen(f->text)),
			 "fact '%s': text '%s' is not the bytes at [%ld, %ld)",
			 f->type, f->text, f->start, f->end);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static fact_scratch_t *scratch;
	const char *text = (const char *)data;
	facts_t facts = FACTS_INIT;
	kb_article_t a = { 0 };
	kb_error_t err;
	kb_status_t st;
	char *body;
	int valid;

	if (!scratch && fact_scratch_create(&scratch, &err))
		fz_fail("cannot create the scratch: %s", err.msg);
	valid = enc_utf8_valid_prefix(text, size) == size;

	st = facts_extract_text(scratch, text, size, &facts, &err);
	fz_check_error(st, &err, "facts_extract_text");
	FZ_CHECK(valid ? st == KB_OK || st == KB_ERR_NOMEM :
			 st == KB_ERR_ENCODING,
		 "facts_extract_text: status %d on %s UTF-8", (int)st,
		 valid ? "valid" : "invalid");
	for (size_t i = 0; !st && i < facts.n; i++)
		check_fact(&facts.items[i], text, size, 1);

	/* the article: the input up to its first NUL is the body */
	if (valid && (body = malloc(size + 1))) {
		size_t blen, answer;

		memcpy(body, data, size);
		body[size] = '\0';
		blen = strlen(body);
		a.id = "0000000000000000";
		a.title = "t";
		a.body = body;
		a.category = "";
		a.date = "";
		a.url = "";
		a.source = "fuzz";
		a.disclaimer = "";
		answer = facts_leading_answer(body, blen);
		FZ_CHECK(answer <= blen, "leading answer of %zu bytes in %zu",
			 answer, blen);
		facts_clear(&facts);
		st = facts_extract_article(&a, &facts, &err);
		fz_check_error(st, &err, "facts_extract_article");
		for (size_t i = 0; !st && i < facts.n; i++)
			check_fact(&facts.items[i], body, blen, 0);
		free(body);
	}
	facts_release(&facts);
	return 0;
}
