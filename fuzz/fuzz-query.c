/* fuzz-query.c - the query parser with filters (query_build, filter.c).
 *
 * The first byte's low bit says whether the index's synonym table is used
 * (a scratch index made once per process by kb_indexer_open, which writes
 * the built-in list); the rest is split at LF: the first line is the query
 * as typed (its "key:value" words are filters), each further line (at most
 * 8) is a filter given apart, as kbsearch --filter and the page's f= give
 * them.
 *
 * Checks: either the plan has a query, as many content words and notes
 * (UTF-8, NUL-terminated, of known kinds) as it counts, and Xapian can
 * describe the query, or the call
 * fails by the error contract with KB_ERR_BAD_QUERY or KB_ERR_ENCODING
 * (or out of memory).
 */
#include <config.h>

#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "query.h"

#define FILTERS_MAX 8

static xc_db *
synonyms(void)
{
	char path[256];
	kb_indexer_t *ix;
	kb_error_t err;
	xc_error xe;
	xc_db *db;

	snprintf(path, sizeof path, "%s/index", fz_scratch_dir());
	if (kb_indexer_open(path, &ix, &err) || kb_indexer_close(ix, &err))
		fz_fail("cannot make an index in '%s': %s", path, err.msg);
	if (xc_db_open(path, &db, &xe))
		fz_fail("cannot open '%s': %s", path, xe.msg);
	return db;
}

/* plan->words: nwords NUL-terminated UTF-8 words. */
static void
check_words(const query_plan_t *plan)
{
	const kb_buf *b = &plan->words;
	size_t n = 0;

	for (size_t i = 0; i < b->len; n++) {
		size_t l = strnlen(b->buf + i, b->len - i);

		FZ_CHECK(l > 0 && i + l < b->len && fz_utf8(b->buf + i, l),
			 "word %zu is empty, bad or unterminated", n);
		i += l + 1;
	}
	FZ_CHECK(n == plan->nwords, "%zu words, %zu counted", n, plan->nwords);
}

/* plan->notes: nnotes times a kind byte, from, NUL, to, NUL. */
static void
check_notes(const query_plan_t *plan)
{
	const kb_buf *b = &plan->notes;
	size_t n = 0;

	for (size_t i = 0; i < b->len; n++) {
		FZ_CHECK((unsigned char)b->buf[i] < QUERY_NOTE_KINDS,
			 "note %zu of kind %d", n, b->buf[i]);
		i++;
		for (int k = 0; k < 2; k++) {
			size_t l = strnlen(b->buf + i, b->len - i);

			FZ_CHECK(i + l < b->len && fz_utf8(b->buf + i, l),
				 "note %zu is bad or unterminated", n);
			i += l + 1;
		}
	}
	FZ_CHECK(n == plan->nnotes, "%zu notes, %zu counted", n, plan->nnotes);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static seg_t *seg;
	static xc_db *syn;
	query_plan_t plan = QUERY_PLAN_INIT;
	const char *filters[FILTERS_MAX];
	size_t nfilters = 0;
	char *text, *p, *nl;
	kb_error_t err;
	kb_status_t st;

	if (!seg) {
		const dict_t *dict;

		if (dict_builtin(&dict, &err) || seg_create(dict, &seg, &err))
			fz_fail("cannot create the segmenter: %s", err.msg);
		syn = synonyms();
	}
	if (!size)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	for (p = text; (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		if (nfilters == FILTERS_MAX)
			break;
		filters[nfilters++] = nl + 1;
	}

	st = query_build(seg, data[0] & 1 ? syn : NULL, text, filters, nfilters,
			 &plan, &err);
	fz_check_error(st, &err, "query_build");
	if (st) {
		FZ_CHECK(st == KB_ERR_BAD_QUERY || st == KB_ERR_ENCODING ||
			 st == KB_ERR_NOMEM, "query_build: status %d: %s",
			 (int)st, err.msg);
	} else {
		xc_error xe;
		char *desc = NULL;

		FZ_CHECK(plan.query, "query_build succeeded without a query");
		check_words(&plan);
		check_notes(&plan);
		FZ_CHECK(!xc_query_describe(plan.query, &desc, &xe) && desc,
			 "cannot describe the query: %s", xe.msg);
		free(desc);
	}
	query_plan_release(&plan);
	free(text);
	return 0;
}
