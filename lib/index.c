/* index.c - articles become passages, passages become Xapian documents.
 *
 * Each passage is one document carrying its article's title (indexed with
 * a higher within-document frequency), id, category, date and source, the
 * facts stored for it, and the terms of segment.h.  Writes happen inside
 * Xapian transactions committed in batches at article boundaries, so an
 * interrupted run leaves the index at its last committed state and never
 * holds part of an article.
 */
#include <config.h>

#include "kb-private.h"
#include "facts.h"
#include "index-compact.h"
#include "index-shards.h"
#include "normalize.h"
#include "passage.h"
#include "pinyin.h"
#include "quality.h"
#include "record.h"
#include "schema.h"
#include "segment.h"
#include "synonyms.h"
#include "xc-status.h"
#include "../util/hash.h"
#include "../xapian-c/xc.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Passages per transaction by default: a tenth of the index, at least
 * BATCH_PASSAGES and at most BATCH_PASSAGES_MAX.  Xapian holds a
 * transaction's postings in balanced trees keyed by term and by document,
 * whose cost per posting grows with their size, so a small index is
 * written fastest in small batches (1,000 passages index the 5 MB scale
 * slice 30% faster than 20,000, in a fifth of the memory).  But a commit
 * rewrites the last block of the posting list of every term the batch
 * touched, wherever it is in the table, so in a large index small
 * batches turn into a stream of scattered writes.  The largest batch
 * bounds memory whatever the corpus size.  kb_indexer_set_batch() fixes
 * it. */
#define BATCH_PASSAGES 1000
#define BATCH_PASSAGES_MAX 20000
#define BATCH_SHARE 10

/* Longer tokens (URLs, base64) are noise and could pass Xapian's term
 * length limit. */
#define MAX_TERM_BYTES 64

typedef struct token {
	size_t off, len; /* in the token text buffer */
	unsigned pos;
	int flags;
} token_t;

typedef struct token_list {
	token_t *v;
	size_t n, cap;
	kb_buf text;
} token_list_t;

struct kb_indexer {
	xc_db *db;
	fact_scratch_t *scratch;
	passage_t *ranges;   /* the current article's passages */
	facts_t *pfacts;     /* and the facts each states */
	size_t nranges, cap;
	kb_buf terms;        /* article-level boolean terms, NUL-separated */
	size_t nterms;
	kb_buf facets;       /* facet values, one per line */
	size_t nfacets;
	kb_buf text;         /* the current passage, NUL-terminated */
	quality_sig_t sig;
	char *path;
	seg_t *seg;
	py_vocab_t *vocab;   /* Han words seen, for the vocabulary map */
	xc_doc *doc;
	int in_tx;
	int no_passage_facts; /* kb_indexer_set_passage_facts(ix, 0) */
	int compact;         /* kb_indexer_set_compact(ix, 1) */
	unsigned batch;
	unsigned batch_max;  /* commit once a batch holds this many passages */
	int batch_fixed;     /* kb_indexer_set_batch() chose batch_max */
	kb_buf term, data, canon;
	facts_t facts, passage_facts;
	token_list_t title;
	/* one shard of several (index_set_shard); shard_count 0 otherwise */
	unsigned shard_no, shard_count;
	unsigned long order; /* the next KB_SLOT_ORDER */
	xc_db *shadow;       /* the other shards' articles of this run */
	char *shadow_path;   /* its folder, removed at the end */
};

static void batch_resize(kb_indexer_t *ix, unsigned long passages);

/* Size the next batch for the index as it now is. */
static kb_status_t
batch_size_for_index(kb_indexer_t *ix, kb_error_t *err)
{
	unsigned docs;
	xc_error xe;

	if (ix->shard_count) {
		batch_resize(ix, ix->order);
		return KB_OK;
	}
	if (xc_db_doccount(ix->db, &docs, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
	batch_resize(ix, docs);
	return KB_OK;
}

static void
tokens_release(token_list_t *t)
{
	free(t->v);
	buf_release(&t->text);
	t->v = NULL;
	t->n = t->cap = 0;
}

static int
collect_token(void *ctx, int tflags, const char *tok, size_t toklen,
	      size_t start, size_t end, unsigned pos)
{
	token_list_t *t = ctx;

	if (toklen > MAX_TERM_BYTES)
		return 0;
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		token_t *p = realloc(t->v, ncap * sizeof *p);

		if (!p)
			return ENOMEM;
		t->v = p;
		t->cap = ncap;
	}
	t->v[t->n].off = t->text.len;
	t->v[t->n].len = toklen;
	t->v[t->n].pos = pos;
	t->v[t->n].flags = tflags;
	t->n++;
	buf_add(&t->text, tok, toklen);
	return buf_failed(&t->text) ? ENOMEM : 0;
}

static kb_status_t
tokenize(kb_indexer_t *ix, token_list_t *t, const char *text, size_t len,
	 kb_error_t *err)
{
	int rc;

	t->n = 0;
	buf_reset(&t->text);
	rc = seg_tokenize(ix->seg, text, len, collect_token, t, err);
	if (rc == ENOMEM)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory segmenting text");
	if (rc)
		return err ? err->code : KB_ERR_INTERNAL;
	return KB_OK;
}

/* Add one token.  Bigrams and Latin/digit words carry positions: phrases
 * and proximity are matched on them (query.c).  Han words and single
 * characters need none, so they are plain terms, which keeps the index and
 * the indexing time small. */
static kb_status_t
add_token(kb_indexer_t *ix, const token_list_t *t, const token_t *tok,
	  unsigned base, int in_title, kb_error_t *err)
{
	const char *s = t->text.buf + tok->off;
	unsigned wdf = in_title ? KB_TITLE_WDF : 1;
	int positional = !(tok->flags & SEG_HAN);
	xc_error xe;

	buf_reset(&ix->term);
	buf_add(&ix->term, s, tok->len);
	if (buf_failed(&ix->term))
		return kb_fail_buf(err, &ix->term, "a term");
	/* a Han word of two characters is the term of its bigram, which
	 * the text adds too */
	if (!(tok->flags & SEG_WORD && tok->flags & SEG_HAN &&
	      norm_strlen(s, tok->len) == 2) &&
	    (positional ? xc_doc_add_posting(ix->doc, ix->term.buf,
					     ix->term.len, base + tok->pos,
					     wdf, &xe)
			: xc_doc_add_term(ix->doc, ix->term.buf, ix->term.len,
					  wdf, &xe)))
		return kb_fail_xc(err, &xe, "cannot add a term");
	/* each character of a Han word of two or more characters once more
	 * on its own, for one-character queries: the words of a segmentation
	 * cover every character once, and a one-character word is already
	 * its own term (query.c asks for either) */
	if ((tok->flags & SEG_WORD) && (tok->flags & SEG_HAN)) {
		int32_t first;

		if (py_vocab_add(ix->vocab, s, tok->len))
			return kb_fail(err, KB_ERR_NOMEM, "out of memory");
		if (norm_decode(s, tok->len, &first) == tok->len)
			return KB_OK;
		for (size_t i = 0; i < tok->len;) {
			int32_t cp;
			size_t n = norm_decode(s + i, tok->len - i, &cp);

			buf_reset(&ix->term);
			buf_add(&ix->term, s + i, n);
			if (xc_doc_add_term(ix->doc, ix->term.buf,
					    ix->term.len, wdf, &xe))
				return kb_fail_xc(err, &xe, "cannot add a term");
			i += n;
		}
	}
	return KB_OK;
}

static kb_status_t
add_boolean(kb_indexer_t *ix, const char *prefix, const char *value,
	    kb_error_t *err)
{
	xc_error xe;

	if (!*value)
		return KB_OK;
	buf_reset(&ix->term);
	buf_addstr(&ix->term, prefix);
	buf_addstr(&ix->term, value);
	if (buf_failed(&ix->term))
		return kb_fail_buf(err, &ix->term, "a term");
	/* Xapian refuses terms over 245 bytes; such a category is noise. */
	if (ix->term.len > 240)
		return KB_OK;
	if (xc_doc_add_term(ix->doc, ix->term.buf, ix->term.len, 0, &xe))
		return kb_fail_xc(err, &xe, "cannot add a term");
	return KB_OK;
}

/* The category term, normalized as the category: filter is (健康新聞 is
 * 健康新闻). */
static kb_status_t
add_category(kb_indexer_t *ix, const char *value, kb_error_t *err)
{
	kb_buf norm = KB_BUF_INIT;
	kb_status_t rc;

	if ((rc = norm_utf8(value, strlen(value), &norm, NULL, NULL, err)) ==
	    KB_OK)
		rc = add_boolean(ix, KB_PREFIX_CATEGORY, norm.len ? norm.buf : "",
				 err);
	buf_release(&norm);
	return rc;
}

/* "2025-04-11" -> "20250411"; anything else -> "". */
static void
compact_date(const char *date, char out[9])
{
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = date; *p && n < 8; p++) {
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
		else if (*p != '-' && *p != '/' && *p != '.')
			return;
	}
	out[n == 8 ? 8 : 0] = '\0';
}

/* The article's facts as seen from one passage: offsets are made relative to
 * the passage, or -1 when the fact's text lies elsewhere in the body. */
static kb_status_t
add_article_facts(facts_t *out, const facts_t *article, const passage_t *p,
		  kb_error_t *err)
{
	kb_status_t rc;

	for (size_t i = 0; i < article->n; i++) {
		const kb_fact_t *f = &article->items[i];
		long start = -1, end = -1;

		if (f->start >= 0 && (size_t)f->start >= p->start &&
		    (size_t)f->end <= p->end) {
			start = f->start - (long)p->start;
			end = f->end - (long)p->start;
		}
		rc = facts_add(out, f->type, f->label, f->value, f->unit,
			       f->text, f->min, f->max, start, end, err);
		for (size_t k = 0; !rc && k < f->nattrs; k++)
			rc = facts_add_attr(out, f->attrs[k].key,
					    f->attrs[k].value, err);
		if (rc)
			return rc;
	}
	return KB_OK;
}

static const char *
attr_of(const kb_fact_t *f, const char *key)
{
	for (size_t i = 0; i < f->nattrs; i++)
		if (!strcmp(f->attrs[i].key, key))
			return f->attrs[i].value;
	return "";
}

/* Add @prefix@value to a NUL-separated set, once. */
static void
set_add(kb_buf *set, size_t *n, const char *prefix, const char *value)
{
	size_t plen = strlen(prefix), vlen = strlen(value);
	const char *p = set->buf, *end = set->buf + set->len;

	if (!vlen)
		return;
	for (; p < end; p += strlen(p) + 1)
		if (strlen(p) == plen + vlen && !memcmp(p, prefix, plen) &&
		    !memcmp(p + plen, value, vlen))
			return;
	buf_addstr(set, prefix);
	buf_addstr(set, value);
	buf_addch(set, '\0');
	(*n)++;
}

/* What the whole article is about, for filters and facets: places (a
 * county counts for its city and province), institutions, schemes, flags. */
static void
collect_article_terms(kb_indexer_t *ix, const facts_t *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const kb_fact_t *fact = &f->items[i];
		const char *province = attr_of(fact, "province");
		const char *city = attr_of(fact, "city");

		if (!strcmp(fact->type, "region")) {
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_REGION,
				fact->value);
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_REGION, city);
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_REGION,
				province);
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_PROVINCE,
				province);
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_CITY, city);
			set_add(&ix->facets, &ix->nfacets, "P", province);
			set_add(&ix->facets, &ix->nfacets, "C", city);
		} else if (!strcmp(fact->type, "institution")) {
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_INSTITUTION,
				fact->value);
		} else if (!strcmp(fact->type, "insurance")) {
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_INSURANCE,
				fact->value);
			set_add(&ix->facets, &ix->nfacets, "I", fact->value);
		} else if (!strcmp(fact->type, "flag")) {
			set_add(&ix->terms, &ix->nterms, KB_PREFIX_FLAG,
				fact->value);
		} else if (!strcmp(fact->type, "category")) {
			set_add(&ix->facets, &ix->nfacets, "K", fact->value);
		}
	}
}

/* The smallest and largest number stated by facts of @type. */
static int
number_range(const facts_t *f, const char *type, double *lo, double *hi)
{
	int found = 0;

	for (size_t i = 0; i < f->n; i++) {
		const kb_fact_t *fact = &f->items[i];

		if (strcmp(fact->type, type) || isnan(fact->min))
			continue;
		if (!found || fact->min < *lo)
			*lo = fact->min;
		if (!found || (isnan(fact->max) ? fact->min : fact->max) > *hi)
			*hi = isnan(fact->max) ? fact->min : fact->max;
		found = 1;
	}
	return found;
}

static kb_status_t
set_number(kb_indexer_t *ix, unsigned slot, double v, kb_error_t *err)
{
	char s[XC_SORTABLE_SIZE];
	size_t n = xc_sortable_serialise(v, s);
	xc_error xe;

	if (xc_doc_set_value(ix->doc, slot, s, n, &xe))
		return kb_fail_xc(err, &xe, "cannot set a value");
	return KB_OK;
}

typedef struct article_ctx {
	kb_indexer_t *ix;
	const kb_article_t *article;
	const char *file_term;
	const char *collapse_key; /* the original's id for a copy */
	int flagged;
	int has_sig;
	unsigned title_chars;
	kb_error_t *err;
	token_list_t body;
} article_ctx;

static kb_status_t
write_passage(article_ctx *c, unsigned pno)
{
	kb_indexer_t *ix = c->ix;
	const kb_article_t *a = c->article;
	const passage_t *p = &ix->ranges[pno];
	const facts_t *pf = &ix->pfacts[pno];
	kb_error_t *err = c->err;
	unsigned base = c->title_chars + KB_BODY_POSITION_GAP;
	char date[9], pnos[16];
	double lo, hi;
	record_t rec;
	xc_error xe;
	kb_status_t rc;

	xc_doc_clear(ix->doc);
	for (size_t i = 0; i < ix->title.n; i++)
		if ((rc = add_token(ix, &ix->title, &ix->title.v[i], 0, 1, err)))
			return rc;
	if ((rc = tokenize(ix, &c->body, a->body + p->start,
			   p->end - p->start, err)))
		return rc;
	for (size_t i = 0; i < c->body.n; i++)
		if ((rc = add_token(ix, &c->body, &c->body.v[i], base, 0, err)))
			return rc;

	snprintf(pnos, sizeof pnos, "%04u", pno);
	compact_date(a->date, date);
	if ((rc = add_boolean(ix, KB_PREFIX_ARTICLE, a->id, err)) ||
	    (rc = add_boolean(ix, KB_PREFIX_FILE, c->file_term, err)) ||
	    (rc = add_category(ix, a->category, err)) ||
	    (rc = add_boolean(ix, KB_PREFIX_DATE, date, err)))
		return rc;
	for (const char *t = ix->terms.buf; t < ix->terms.buf + ix->terms.len;
	     t += strlen(t) + 1)
		if ((rc = add_boolean(ix, "", t, err)))
			return rc;
	for (size_t i = 0; i < ix->facts.n; i++)
		if ((rc = add_boolean(ix, KB_PREFIX_TYPE,
				      ix->facts.items[i].type, err)))
			return rc;
	for (size_t i = 0; i < pf->n; i++)
		if ((rc = add_boolean(ix, KB_PREFIX_TYPE, pf->items[i].type,
				      err)))
			return rc;

	if (xc_doc_set_value(ix->doc, KB_SLOT_ARTICLE, c->collapse_key,
			     strlen(c->collapse_key), &xe) ||
	    xc_doc_set_value(ix->doc, KB_SLOT_OWN_ARTICLE, a->id,
			     strlen(a->id), &xe) ||
	    (*date && xc_doc_set_value(ix->doc, KB_SLOT_DATE, date, 8, &xe)) ||
	    xc_doc_set_value(ix->doc, KB_SLOT_PASSAGE, pnos, strlen(pnos),
			     &xe) ||
	    xc_doc_set_value(ix->doc, KB_SLOT_QUALITY, c->flagged ? "0" : "1",
			     1, &xe) ||
	    (ix->facets.len &&
	     xc_doc_set_value(ix->doc, KB_SLOT_FACETS, ix->facets.buf,
			      ix->facets.len, &xe)))
		return kb_fail_xc(err, &xe, "cannot set a value");
	if (ix->shard_count) {
		char order[16];

		snprintf(order, sizeof order, "%010lu", ix->order++);
		if (xc_doc_set_value(ix->doc, KB_SLOT_ORDER, order,
				     strlen(order), &xe))
			return kb_fail_xc(err, &xe, "cannot set a value");
	}
	if (number_range(pf, "percent", &lo, &hi) &&
	    ((rc = set_number(ix, KB_SLOT_PERCENT_MIN, lo, err)) ||
	     (rc = set_number(ix, KB_SLOT_PERCENT_MAX, hi, err))))
		return rc;
	if (number_range(pf, "money", &lo, &hi) &&
	    ((rc = set_number(ix, KB_SLOT_MONEY_MIN, lo, err)) ||
	     (rc = set_number(ix, KB_SLOT_MONEY_MAX, hi, err))))
		return rc;
	if (pno == 0 && c->has_sig) {
		if (xc_doc_set_value(ix->doc, KB_SLOT_SIGNATURE,
				     (const char *)ix->sig.h, sizeof ix->sig.h,
				     &xe))
			return kb_fail_xc(err, &xe, "cannot set a value");
		for (unsigned b = 0; b < QUALITY_SIG_BANDS; b++) {
			char key[QUALITY_BAND_KEY_SIZE];

			quality_band_key(&ix->sig, b, key);
			if ((rc = add_boolean(ix, KB_PREFIX_BAND, key, err)))
				return rc;
		}
	}

	facts_clear(&ix->passage_facts);
	if ((rc = add_article_facts(&ix->passage_facts, &ix->facts, p, err)))
		return rc;
	if ((rc = add_article_facts(&ix->passage_facts, pf,
				    &(passage_t){ 0, p->end - p->start }, err)))
		return rc;
	memset(&rec, 0, sizeof rec);
	rec.article_id = a->id;
	rec.title = a->title;
	rec.category = a->category;
	rec.date = a->date;
	rec.source = a->source;
	rec.passage_no = pno;
	rec.facts = ix->passage_facts.items;
	rec.nfacts = ix->passage_facts.n;
	/* the passage text is a slice of the body: the record needs it
	 * NUL-terminated */
	buf_reset(&ix->text);
	buf_add(&ix->text, a->body + p->start, p->end - p->start);
	rec.passage = ix->text.buf;
	buf_reset(&ix->data);
	record_write(&ix->data, &rec);
	if (buf_failed(&ix->text) || buf_failed(&ix->data))
		return kb_fail(err, KB_ERR_NOMEM,
			       "out of memory storing a passage");
	if (xc_doc_set_impacts(ix->doc, KB_BM25_B, KB_IMPACT_AVG_LENGTH,
			       KB_IMPACT_SCALE, &xe) ||
	    xc_doc_set_data(ix->doc, ix->data.buf, ix->data.len, &xe) ||
	    xc_db_add_doc(ix->db, ix->doc, NULL, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	ix->batch++;
	return KB_OK;
}

static int
collect_range(void *ctx, const passage_t *p)
{
	kb_indexer_t *ix = ctx;

	if (ix->nranges == ix->cap) {
		size_t ncap = ix->cap ? ix->cap * 2 : 16;
		passage_t *r = realloc(ix->ranges, ncap * sizeof *r);
		facts_t *f = realloc(ix->pfacts, ncap * sizeof *f);

		if (r)
			ix->ranges = r;
		if (f)
			ix->pfacts = f;
		if (!r || !f)
			return ENOMEM;
		for (size_t i = ix->cap; i < ncap; i++)
			ix->pfacts[i] = (facts_t)FACTS_INIT;
		ix->cap = ncap;
	}
	ix->ranges[ix->nranges++] = *p;
	return 0;
}

typedef struct dup_search {
	kb_indexer_t *ix;
	xc_db *db; /* the one searched */
	const char *self;
	unsigned found;
	xc_error xe;
	int failed;
} dup_search_t;

/* A candidate sharing a band: a copy if its signature is close enough. */
static int
check_candidate(void *ctx, unsigned docid)
{
	dup_search_t *d = ctx;
	char *own = NULL, *sig = NULL;
	size_t own_len, sig_len;
	quality_sig_t other;
	int stop = 0;

	if (xc_db_get_value(d->db, docid, KB_SLOT_OWN_ARTICLE, &own,
			    &own_len, &d->xe) ||
	    xc_db_get_value(d->db, docid, KB_SLOT_SIGNATURE, &sig,
			    &sig_len, &d->xe)) {
		d->failed = 1;
		stop = 1;
	} else if (sig_len == sizeof other.h && strcmp(own, d->self)) {
		memcpy(other.h, sig, sizeof other.h);
		if (quality_similarity(&d->ix->sig, &other) >=
		    QUALITY_DUPLICATE_SIMILARITY) {
			d->found = docid;
			stop = 1;
		}
	}
	free(own);
	free(sig);
	return stop;
}

/* Whether the article whose signature is in ix->sig copies one indexed
 * before it: *orig_id and *orig_title (malloc'd) name the original. */
static kb_status_t
find_original(kb_indexer_t *ix, const char *self, char **orig_id,
	      char **orig_title, kb_error_t *err)
{
	dup_search_t d = { ix, ix->db, self, 0, { XC_OK, "" }, 0 };
	/* a shard looks among the other shards' articles of this run too */
	xc_db *dbs[2] = { ix->db, ix->shadow };
	char *data = NULL;
	size_t len;
	kb_arena arena = KB_ARENA_INIT;
	record_t rec;
	kb_status_t rc = KB_OK;

	*orig_id = *orig_title = NULL;
	for (size_t k = 0; k < 2 && !d.found; k++) {
		if (!(d.db = dbs[k]))
			continue;
		for (unsigned b = 0; b < QUALITY_SIG_BANDS && !d.found; b++) {
			char key[QUALITY_BAND_KEY_SIZE];

			quality_band_key(&ix->sig, b, key);
			buf_reset(&ix->term);
			buf_addf(&ix->term, "%s%s", KB_PREFIX_BAND, key);
			if (xc_db_postlist(d.db, ix->term.buf, ix->term.len,
					   check_candidate, &d, &d.xe) ||
			    d.failed)
				return kb_fail_xc(err, &d.xe,
						  "cannot read index '%s'",
						  ix->path);
		}
	}
	if (!d.found)
		return KB_OK;
	if (xc_db_get_value(d.db, d.found, KB_SLOT_ARTICLE, orig_id, &len,
			    &d.xe) ||
	    xc_db_get_data(d.db, d.found, &data, &len, &d.xe)) {
		rc = kb_fail_xc(err, &d.xe, "cannot read index '%s'", ix->path);
		goto out;
	}
	if ((rc = record_read(data, len, &arena, &rec, err)))
		goto out;
	if (!(*orig_title = strdup(rec.title)))
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
out:
	free(data);
	arena_destroy(&arena);
	if (rc) {
		free(*orig_id);
		*orig_id = NULL;
	}
	return rc;
}

/* Facts the article states as a whole, and its quality flags. */
static kb_status_t
article_facts(kb_indexer_t *ix, const kb_article_t *a, article_ctx *c,
	      char **orig_id, kb_error_t *err)
{
	size_t blen = strlen(a->body);
	char *orig_title = NULL;
	kb_status_t rc;

	facts_clear(&ix->facts);
	if ((rc = facts_extract_article(a, &ix->facts, err)))
		return rc;
	if (*a->disclaimer &&
	    (rc = facts_add(&ix->facts, "disclaimer", "", a->disclaimer, "",
			    a->disclaimer, NAN, NAN, -1, -1, err)))
		return rc;
	if (quality_is_prompt_leak(a->body, blen)) {
		c->flagged = 1;
		if ((rc = facts_add(&ix->facts, "flag", "", "prompt_leak", "",
				    "", NAN, NAN, -1, -1, err)))
			return rc;
	}
	c->has_sig = quality_signature(a->body, blen, &ix->sig);
	if (c->has_sig &&
	    (rc = find_original(ix, a->id, orig_id, &orig_title, err)))
		return rc;
	if (*orig_id) {
		c->flagged = 1;
		c->collapse_key = *orig_id;
		rc = facts_add(&ix->facts, "flag", "", "duplicate_of", "", "",
			       NAN, NAN, -1, -1, err);
		if (!rc)
			rc = facts_add_attr(&ix->facts, "article", *orig_id,
					    err);
		if (!rc)
			rc = facts_add_attr(&ix->facts, "title", orig_title,
					    err);
		free(orig_title);
		if (rc)
			return rc;
	}
	return KB_OK;
}

static kb_status_t
index_article(kb_indexer_t *ix, const kb_article_t *a, const char *fterm,
	      kb_file_stats_t *stats, kb_error_t *err)
{
	article_ctx c;
	char *orig_id = NULL;
	kb_status_t rc;

	memset(&c, 0, sizeof c);
	c.ix = ix;
	c.article = a;
	c.file_term = fterm;
	c.collapse_key = a->id;
	c.err = err;
	c.title_chars = (unsigned)norm_strlen(a->title, strlen(a->title));
	buf_init(&c.body.text, 0);
	if ((rc = article_facts(ix, a, &c, &orig_id, err)) ||
	    (rc = tokenize(ix, &ix->title, a->title, strlen(a->title), err)))
		goto out;

	ix->nranges = 0;
	if (passage_split(a->body, strlen(a->body), collect_range, ix)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory splitting '%s'",
			     a->title);
		goto out;
	}
	/* an article with an empty body is still findable by its title */
	if (ix->nranges == 0 &&
	    collect_range(ix, &(passage_t){ 0, strlen(a->body) })) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	buf_reset(&ix->terms);
	buf_reset(&ix->facets);
	ix->nterms = ix->nfacets = 0;
	collect_article_terms(ix, &ix->facts);
	for (size_t i = 0; i < ix->nranges; i++) {
		const passage_t *p = &ix->ranges[i];

		facts_clear(&ix->pfacts[i]);
		if (!ix->no_passage_facts &&
		    (rc = facts_extract_text(ix->scratch, a->body + p->start,
					     p->end - p->start, &ix->pfacts[i],
					     err)))
			goto out;
		collect_article_terms(ix, &ix->pfacts[i]);
	}
	/* facet values one per line, after the key they are counted once
	 * for (one value read a match when facets are counted) */
	for (size_t i = 0; i < ix->facets.len; i++)
		if (ix->facets.buf[i] == '\0')
			ix->facets.buf[i] = '\n';
	if (ix->facets.len) {
		kb_buf keyed = ix->term;

		buf_reset(&keyed);
		buf_addstr(&keyed, c.collapse_key);
		buf_addch(&keyed, '\n');
		buf_add(&keyed, ix->facets.buf, ix->facets.len);
		ix->term = ix->facets;
		ix->facets = keyed;
	}
	if (buf_failed(&ix->terms) || buf_failed(&ix->facets)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (unsigned i = 0; i < ix->nranges; i++)
		if ((rc = write_passage(&c, i)))
			goto out;
	stats->articles++;
	stats->passages += (unsigned)ix->nranges;
out:
	free(orig_id);
	tokens_release(&c.body);
	return rc;
}

unsigned
index_shard_of(const char *id, unsigned count)
{
	return (unsigned)(hash_add(HASH_INIT, id, strlen(id)) % count);
}

/* An article another shard writes: it counts towards the batch and the
 * order as it would in one index, so that every shard commits at the same
 * article boundaries and KB_SLOT_ORDER is the docid one index would give;
 * and the shard remembers its signature, to find copies of it. */
static kb_status_t
index_foreign(kb_indexer_t *ix, const kb_article_t *a, kb_error_t *err)
{
	size_t blen = strlen(a->body);
	xc_error xe;
	kb_status_t rc;

	ix->nranges = 0;
	if (passage_split(a->body, blen, collect_range, ix))
		return kb_fail(err, KB_ERR_NOMEM, "out of memory splitting '%s'",
			       a->title);
	if (!ix->nranges)
		ix->nranges = 1;
	ix->batch += (unsigned)ix->nranges;
	ix->order += ix->nranges;
	if (!quality_signature(a->body, blen, &ix->sig))
		return KB_OK;
	xc_doc_clear(ix->doc);
	for (unsigned b = 0; b < QUALITY_SIG_BANDS; b++) {
		char key[QUALITY_BAND_KEY_SIZE];

		quality_band_key(&ix->sig, b, key);
		if ((rc = add_boolean(ix, KB_PREFIX_BAND, key, err)))
			return rc;
	}
	buf_reset(&ix->data);
	record_write(&ix->data, &(record_t){ .article_id = a->id,
					    .title = a->title,
					    .category = "", .date = "",
					    .source = "", .passage = "" });
	if (buf_failed(&ix->data))
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	if (xc_doc_set_value(ix->doc, KB_SLOT_ARTICLE, a->id, strlen(a->id),
			     &xe) ||
	    xc_doc_set_value(ix->doc, KB_SLOT_OWN_ARTICLE, a->id,
			     strlen(a->id), &xe) ||
	    xc_doc_set_value(ix->doc, KB_SLOT_SIGNATURE,
			     (const char *)ix->sig.h, sizeof ix->sig.h, &xe) ||
	    xc_doc_set_data(ix->doc, ix->data.buf, ix->data.len, &xe) ||
	    xc_db_add_doc(ix->shadow, ix->doc, NULL, &xe))
		return kb_fail_xc(err, &xe, "cannot remember an article");
	return KB_OK;
}

kb_status_t
index_set_shard(kb_indexer_t *ix, unsigned no, unsigned count,
		kb_error_t *err)
{
	char want[32], *stored = NULL, *order = NULL;
	size_t len, olen;
	xc_error xe;
	kb_status_t rc = KB_OK;

	snprintf(want, sizeof want, "%u/%u", no, count);
	if (xc_db_get_metadata(ix->db, KB_META_SHARD, &stored, &len, &xe) ||
	    xc_db_get_metadata(ix->db, KB_META_ORDER, &order, &olen, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
		goto out;
	}
	if (len && strcmp(stored, want)) {
		rc = kb_fail(err, KB_ERR_INVALID_ARG,
			     "index '%s' is shard %s, not %s", ix->path,
			     stored, want);
		goto out;
	}
	if (!len && xc_db_set_metadata(ix->db, KB_META_SHARD, want,
				       strlen(want), &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
				ix->path);
		goto out;
	}
	ix->order = olen ? strtoul(order, NULL, 10) : 1;
	batch_resize(ix, ix->order);
	/* on disk, not in memory: it holds a signature of every article
	 * of the run, and Xapian flushes a writable database as it grows,
	 * so memory stays bounded whatever the corpus size */
	free(ix->shadow_path);
	if (!(ix->shadow_path = malloc(strlen(ix->path) + 8))) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	sprintf(ix->shadow_path, "%s.shadow", ix->path);
	index_remove_folder(ix->shadow_path);
	if (xc_db_open_writable(ix->shadow_path, 1, &ix->shadow, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot open a scratch index '%s'",
				ix->shadow_path);
		goto out;
	}
	ix->shard_no = no;
	ix->shard_count = count;
out:
	free(stored);
	free(order);
	return rc;
}

static kb_status_t
begin_batch(kb_indexer_t *ix, kb_error_t *err)
{
	xc_error xe;

	if (ix->in_tx)
		return KB_OK;
	if (xc_db_begin_tx(ix->db, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	ix->in_tx = 1;
	ix->batch = 0;
	return KB_OK;
}

kb_status_t
kb_indexer_commit(kb_indexer_t *ix, kb_error_t *err)
{
	xc_error xe;
	kb_status_t rc;

	if (!ix->in_tx)
		return KB_OK;
	/* the words' pinyin keys go with the documents that hold them */
	if ((rc = py_vocab_write(ix->vocab, ix->db, err))) {
		/* name the index, as every other write error does: on a
		 * full disk this is often the write that fails */
		if (err && rc != KB_ERR_NOMEM) {
			char why[KB_ERROR_SIZE];

			snprintf(why, sizeof why, "%s", err->msg);
			kb_fail(err, rc, "cannot write to index '%s': %s",
				ix->path, why);
		}
		return rc;
	}
	if (ix->shard_count) {
		char order[24];

		snprintf(order, sizeof order, "%lu", ix->order);
		if (xc_db_set_metadata(ix->db, KB_META_ORDER, order,
				       strlen(order), &xe))
			return kb_fail_xc(err, &xe,
					  "cannot write to index '%s'",
					  ix->path);
	}
	/* the facet column and the flagged passages of the passages added,
	 * in the same commit: one revision a batch, which readers opening
	 * the index rely on */
	if (index_update_tables(ix->db, 0, NULL, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	ix->in_tx = 0;
	if (xc_db_commit_tx(ix->db, &xe))
		return kb_fail_xc(err, &xe, "cannot commit to index '%s'",
				  ix->path);
	return batch_size_for_index(ix, err);
}

/* The path that identifies a file however it was named: its real path, or
 * for a file that no longer exists, its directory's real path and name. */
static kb_status_t
canonical_path(const char *path, kb_buf *out, kb_error_t *err)
{
	char *real = realpath(path, NULL), *dir, *slash;

	buf_reset(out);
	if (real) {
		buf_addstr(out, real);
		free(real);
		goto done;
	}
	if (errno != ENOENT)
		return kb_fail(err, KB_ERR_IO, "cannot read '%s': %s", path,
			       strerror(errno));
	dir = strdup(path);
	if (!dir)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		real = realpath(*dir ? dir : "/", NULL);
	} else {
		real = realpath(".", NULL);
	}
	if (!real) {
		kb_status_t rc = kb_fail(err, KB_ERR_IO, "cannot read '%s': %s",
					 path, strerror(errno));
		free(dir);
		return rc;
	}
	buf_addstr(out, real);
	buf_addch(out, '/');
	buf_addstr(out, slash ? slash + 1 : dir);
	free(real);
	free(dir);
done:
	if (buf_failed(out))
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	return KB_OK;
}

static void
file_term(const kb_buf *canon, char hex[HASH_HEX_SIZE])
{
	hash_hex(hash_add(HASH_INIT, canon->buf, canon->len), hex);
}

/* The metadata key of the file at @canon: its path, or, when that would
 * pass Xapian's key length limit (deep folders), "#" and its hash. */
static void
file_meta_key(kb_buf *key, const kb_buf *canon, const char *fterm)
{
	if (strlen(KB_META_FILE) + canon->len <= KB_META_KEY_MAX)
		buf_addf(key, "%s%s", KB_META_FILE, canon->buf);
	else
		buf_addf(key, "%s#%s", KB_META_FILE, fterm);
}

/* A malformed record halfway through a file would leave it half replaced,
 * and the next commit would keep it so: read every record of *@reader
 * before anything is changed, then open the file again to write it.  A
 * pipe cannot be read twice: its records are written as they are read. */
static kb_status_t
check_records(const char *path, const char *encoding, kb_reader_t **reader,
	      kb_error_t *err)
{
	const kb_article_t *a;
	char digest[HASH_HEX_SIZE];
	struct stat st;
	kb_status_t rc;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return KB_OK;
	snprintf(digest, sizeof digest, "%s", kb_reader_digest(*reader));
	do
		rc = kb_reader_next(*reader, &a, err);
	while (!rc && a);
	kb_reader_close(*reader);
	*reader = NULL;
	if (rc || (rc = kb_reader_open(path, encoding, reader, err)))
		return rc;
	if (strcmp(digest, kb_reader_digest(*reader)))
		return kb_fail(err, KB_ERR_IO, "'%s' changed while being read",
			       path);
	return KB_OK;
}

kb_status_t
kb_indexer_add_file(kb_indexer_t *ix, const char *path, const char *encoding,
		    kb_file_stats_t *stats, kb_error_t *err)
{
	kb_file_stats_t dummy;
	kb_reader_t *reader = NULL;
	const kb_article_t *a;
	char fterm[HASH_HEX_SIZE], *old = NULL;
	kb_buf key = KB_BUF_INIT, stamp = KB_BUF_INIT;
	size_t oldlen;
	xc_error xe;
	kb_status_t rc;

	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof *stats);
	if ((rc = canonical_path(path, &ix->canon, err)))
		return rc;
	if ((rc = kb_reader_open(path, encoding, &reader, err)))
		return rc;
	file_term(&ix->canon, fterm);
	file_meta_key(&key, &ix->canon, fterm);
	buf_addf(&stamp, "%s:%s", kb_reader_digest(reader), KB_SCHEMA_VERSION);
	if (buf_failed(&key) || buf_failed(&stamp)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (xc_db_get_metadata(ix->db, key.buf, &old, &oldlen, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
		goto out;
	}
	if (oldlen == stamp.len && !memcmp(old, stamp.buf, oldlen)) {
		stats->unchanged = 1;
		goto out;
	}
	if ((rc = check_records(path, encoding, &reader, err)))
		goto out;
	if ((rc = begin_batch(ix, err)))
		goto out;
	buf_reset(&ix->term);
	buf_addf(&ix->term, "%s%s", KB_PREFIX_FILE, fterm);
	if (xc_db_delete_by_term(ix->db, ix->term.buf, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
				ix->path);
		goto out;
	}
	for (;;) {
		if ((rc = kb_reader_next(reader, &a, err)))
			goto out;
		if (!a)
			break;
		if (ix->shard_count &&
		    index_shard_of(a->id, ix->shard_count) != ix->shard_no)
			rc = index_foreign(ix, a, err);
		else
			rc = index_article(ix, a, fterm, stats, err);
		if (rc)
			goto out;
		if (ix->batch >= ix->batch_max &&
		    ((rc = kb_indexer_commit(ix, err)) ||
		     (rc = begin_batch(ix, err))))
			goto out;
	}
	if (xc_db_set_metadata(ix->db, key.buf, stamp.buf, stamp.len, &xe))
		rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
				ix->path);
out:
	free(old);
	buf_release(&key);
	buf_release(&stamp);
	kb_reader_close(reader);
	return rc;
}

kb_status_t
kb_indexer_delete_file(kb_indexer_t *ix, const char *path, unsigned *removed,
		       kb_error_t *err)
{
	char fterm[HASH_HEX_SIZE];
	unsigned n = 0;
	xc_error xe;
	kb_status_t rc;

	if (removed)
		*removed = 0;
	if ((rc = canonical_path(path, &ix->canon, err)))
		return rc;
	file_term(&ix->canon, fterm);
	buf_reset(&ix->term);
	buf_addf(&ix->term, "%s%s", KB_PREFIX_FILE, fterm);
	if (xc_db_termfreq(ix->db, ix->term.buf, ix->term.len, &n, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
	if ((rc = begin_batch(ix, err)))
		return rc;
	if (n && xc_db_delete_by_term(ix->db, ix->term.buf, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	buf_reset(&ix->term);
	file_meta_key(&ix->term, &ix->canon, fterm);
	if (xc_db_set_metadata(ix->db, ix->term.buf, "", 0, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	if (removed)
		*removed = n;
	return KB_OK;
}

/* Whether @path is a folder holding anything but Xapian's lock file, which
 * is all a run killed while creating the index may leave. */
static int
folder_in_use(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d)))
		found = strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
			strcmp(e->d_name, "flintlock");
	closedir(d);
	return found;
}

extern const char synonyms_data_start[], synonyms_data_end[];

static int
syn_collect_key(void *ctx, const char *term, size_t len)
{
	kb_buf *keys = ctx;

	buf_add(keys, term, len);
	buf_addch(keys, '\0');
	return 0;
}

/* A group of a list into the synonym table: every word of it gets every
 * other word (a word in several groups gets all their words). */
static kb_status_t
syn_add_group(void *ctx, const char *words, size_t n, kb_error_t *err)
{
	kb_indexer_t *ix = ctx;
	xc_error xe;

	(void)n;
	for (const char *a = words; *a; a += strlen(a) + 1)
		for (const char *b = words; *b; b += strlen(b) + 1)
			if (a != b && xc_db_add_synonym(ix->db, a, strlen(a),
							b, strlen(b), &xe))
				return kb_fail_xc(err, &xe,
						  "cannot write to index '%s'",
						  ix->path);
	return KB_OK;
}

/* The user's list stored in the index, into @out: "" when there is none. */
static kb_status_t
syn_stored_list(kb_indexer_t *ix, kb_buf *out, kb_error_t *err)
{
	char *stored = NULL;
	size_t len;
	xc_error xe;

	buf_reset(out);
	if (xc_db_get_metadata(ix->db, KB_META_USER_SYNONYMS, &stored, &len,
			       &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'",
				  ix->path);
	buf_add(out, stored, len);
	free(stored);
	return buf_failed(out) ? kb_fail_buf(err, out, "the synonym list")
			       : KB_OK;
}

/* Write the built-in synonym list and the user's @user (@ulen bytes, none
 * when 0) into the index's synonym table, unless the table already holds
 * these versions of them.  A list's earlier entries are cleared first;
 * entries the lists do not own (syn_key_is_list) are left alone. */
static kb_status_t
index_synonyms(kb_indexer_t *ix, const char *user, size_t ulen,
	       kb_error_t *err)
{
	const char *p = synonyms_data_start, *end = synonyms_data_end;
	char digest[HASH_HEX_SIZE];
	char *stored = NULL;
	size_t len;
	uint64_t h;
	kb_buf keys = KB_BUF_INIT;
	xc_error xe;
	kb_status_t rc = KB_OK;

	/* without a user's list, the digest of an index of before them */
	h = hash_add(HASH_INIT, p, (size_t)(end - p));
	if (ulen)
		h = hash_add(hash_add(h, "", 1), user, ulen);
	hash_hex(h, digest);
	if (xc_db_get_metadata(ix->db, KB_META_SYNONYMS, &stored, &len, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
		goto out;
	}
	if (!strcmp(stored, digest))
		goto out;
	/* other lists: drop the old ones whole */
	buf_init(&keys, 0);
	if (xc_db_synonym_keys(ix->db, syn_collect_key, &keys, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
		goto out;
	}
	if (buf_failed(&keys)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < keys.len; i += strlen(keys.buf + i) + 1)
		if (syn_key_is_list(keys.buf + i, strlen(keys.buf + i)) &&
		    xc_db_clear_synonyms(ix->db, keys.buf + i,
					 strlen(keys.buf + i), &xe))
			goto write_fail;
	if ((rc = syn_parse(p, (size_t)(end - p), "data/synonyms.tsv",
			    syn_add_group, ix, NULL, err)) ||
	    (rc = syn_parse(user, ulen, KB_META_USER_SYNONYMS, syn_add_group,
			    ix, NULL, err)))
		goto out;
	if (xc_db_set_metadata(ix->db, KB_META_SYNONYMS, digest,
			       strlen(digest), &xe))
		goto write_fail;
	goto out;
write_fail:
	rc = kb_fail_xc(err, &xe, "cannot write to index '%s'", ix->path);
out:
	free(stored);
	buf_release(&keys);
	return rc;
}

kb_status_t
kb_synonyms_check(const char *path, unsigned *groups, kb_error_t *err)
{
	kb_buf text = KB_BUF_INIT;
	size_t n = 0;
	kb_status_t rc;

	buf_init(&text, 0);
	rc = syn_read_file(path, &text, &n, err);
	buf_release(&text);
	if (groups)
		*groups = rc ? 0 : (unsigned)n;
	return rc;
}

kb_status_t
kb_indexer_set_synonyms(kb_indexer_t *ix, const char *path, unsigned *groups,
			kb_error_t *err)
{
	kb_buf text = KB_BUF_INIT, stored = KB_BUF_INIT;
	size_t n = 0;
	xc_error xe;
	kb_status_t rc;

	if (groups)
		*groups = 0;
	buf_init(&text, 0);
	buf_init(&stored, 0);
	if ((rc = syn_read_file(path, &text, &n, err)) ||
	    (rc = syn_stored_list(ix, &stored, err)))
		goto out;
	/* a list of nothing but comments is no list */
	if (!n)
		buf_reset(&text);
	if (groups)
		*groups = (unsigned)n;
	if (text.len == stored.len && !memcmp(text.buf, stored.buf, text.len))
		goto out;
	/* with the next batch, so that an abandoned run changes nothing */
	if ((rc = begin_batch(ix, err)))
		goto out;
	if (xc_db_set_metadata(ix->db, KB_META_USER_SYNONYMS, text.buf,
			       text.len, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
				ix->path);
		goto out;
	}
	rc = index_synonyms(ix, text.buf, text.len, err);
out:
	buf_release(&text);
	buf_release(&stored);
	return rc;
}

kb_status_t
kb_indexer_open(const char *path, kb_indexer_t **out, kb_error_t *err)
{
	kb_indexer_t *ix;
	char *schema = NULL;
	size_t len;
	struct stat st;
	const dict_t *dict;
	xc_error xe;
	kb_status_t rc;

	*out = NULL;
	ix = calloc(1, sizeof *ix);
	if (!ix || !(ix->path = strdup(path))) {
		free(ix);
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	}
	ix->batch_max = BATCH_PASSAGES;
	buf_init(&ix->term, 0);
	buf_init(&ix->data, 0);
	buf_init(&ix->canon, 0);
	buf_init(&ix->title.text, 0);
	buf_init(&ix->terms, 0);
	buf_init(&ix->facets, 0);
	buf_init(&ix->text, 0);
	if ((rc = dict_builtin(&dict, err)) ||
	    (rc = seg_create(dict, &ix->seg, err)) ||
	    (rc = py_vocab_create(&ix->vocab, err)) ||
	    (rc = fact_scratch_create(&ix->scratch, err)))
		goto fail;
	errno = 0;
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		errno = ENOTDIR;
	if (errno && errno != ENOENT) {
		/* Xapian would read a file as a list of databases */
		rc = kb_fail(err, KB_ERR_IO,
			     "cannot open index '%s' for writing: %s", path,
			     strerror(errno));
		goto fail;
	}
	/* A new index goes into a new or empty folder only: Xapian would
	 * otherwise mix its files with whatever the folder holds.  The probe
	 * is read-only, so it leaves no lock file behind. */
	if (folder_in_use(path)) {
		xc_db *probe;

		if (xc_db_open(path, &probe, &xe) &&
		    xe.code == XC_ERR_NOT_FOUND) {
			rc = kb_fail(err, KB_ERR_NO_INDEX,
				     "cannot create index in '%s': the folder is not empty and holds no index",
				     path);
			goto fail;
		}
		/* Xapian would make a new index over a damaged one: what is
		 * left of it is kept for the user to look at */
		if (!probe) {
			rc = kb_fail_xc(err, &xe,
					"cannot open index '%s' for writing",
					path);
			goto fail;
		}
		xc_db_close(probe);
	}
	if (xc_db_open_writable(path, 1, &ix->db, &xe)) {
		if (xe.code == XC_ERR_LOCKED)
			rc = kb_fail(err, KB_ERR_INDEX_LOCKED,
				     "cannot open index '%s' for writing: another process is writing to it",
				     path);
		else
			rc = kb_fail_xc(err, &xe,
					"cannot open index '%s' for writing",
					path);
		goto fail;
	}
	if (xc_db_get_metadata(ix->db, KB_META_SCHEMA, &schema, &len, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", path);
		goto fail;
	}
	if (len == 0) {
		unsigned docs = 0;

		if (xc_db_doccount(ix->db, &docs, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot read index '%s'",
					path);
			goto fail;
		}
		if (docs) {
			rc = kb_fail(err, KB_ERR_INDEX_VERSION,
				     "'%s' is a Xapian database, but not a kbsearch index",
				     path);
			goto fail;
		}
		if (xc_db_set_metadata(ix->db, KB_META_SCHEMA,
				       KB_SCHEMA_VERSION,
				       strlen(KB_SCHEMA_VERSION), &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
					path);
			goto fail;
		}
	} else if (strcmp(schema, KB_SCHEMA_VERSION)) {
		rc = kb_fail(err, KB_ERR_INDEX_VERSION,
			     "index '%s' has format %s; this program writes format %s: index into a new folder",
			     path, schema, KB_SCHEMA_VERSION);
		goto fail;
	}
	if ((rc = syn_stored_list(ix, &ix->text, err)) ||
	    (rc = index_synonyms(ix, ix->text.buf, ix->text.len, err)))
		goto fail;
	if ((rc = batch_size_for_index(ix, err)))
		goto fail;
	if (xc_doc_create(&ix->doc, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot create a document");
		goto fail;
	}
	free(schema);
	*out = ix;
	return KB_OK;
fail:
	free(schema);
	kb_indexer_abandon(ix);
	return rc;
}

kb_status_t
index_commit_all(kb_indexer_t *ix, kb_error_t *err)
{
	xc_error xe;
	kb_status_t rc = kb_indexer_commit(ix, err);

	if (!rc && xc_db_commit(ix->db, &xe))
		rc = kb_fail_xc(err, &xe, "cannot commit to index '%s'",
				ix->path);
	return rc;
}

kb_status_t
kb_indexer_close(kb_indexer_t *ix, kb_error_t *err)
{
	kb_status_t rc;
	xc_error xe;
	char *old = NULL;

	if (!ix)
		return KB_OK;
	rc = kb_indexer_commit(ix, err);
	/* metadata set outside a transaction (a new index's schema) */
	if (!rc && xc_db_commit(ix->db, &xe))
		rc = kb_fail_xc(err, &xe, "cannot commit to index '%s'",
				ix->path);
	/* with the writer still open, so that no other one can change
	 * what is being compacted */
	if (!rc && ix->compact)
		rc = index_compact_swap(ix->path, &old, err);
	kb_indexer_abandon(ix);
	index_compact_finish(old);
	return rc;
}

void
kb_indexer_set_compact(kb_indexer_t *ix, int on)
{
	ix->compact = on;
}

void
kb_indexer_set_passage_facts(kb_indexer_t *ix, int on)
{
	ix->no_passage_facts = !on;
}

void
kb_indexer_set_batch(kb_indexer_t *ix, unsigned passages)
{
	ix->batch_fixed = passages != 0;
	ix->batch_max = passages ? passages : BATCH_PASSAGES;
}

/* The batch for an index of @passages passages (see BATCH_PASSAGES).  A
 * shard passes the passages of every shard, so that all shards commit
 * at the same article boundaries. */
static void
batch_resize(kb_indexer_t *ix, unsigned long passages)
{
	unsigned long b = passages / BATCH_SHARE;

	if (ix->batch_fixed)
		return;
	ix->batch_max = b < BATCH_PASSAGES ? BATCH_PASSAGES :
			b > BATCH_PASSAGES_MAX ? BATCH_PASSAGES_MAX :
			(unsigned)b;
}

void
kb_indexer_abandon(kb_indexer_t *ix)
{
	if (!ix)
		return;
	xc_db_close(ix->db);
	xc_db_close(ix->shadow);
	if (ix->shadow_path)
		index_remove_folder(ix->shadow_path);
	free(ix->shadow_path);
	xc_doc_destroy(ix->doc);
	seg_destroy(ix->seg);
	py_vocab_destroy(ix->vocab);
	buf_release(&ix->term);
	buf_release(&ix->data);
	buf_release(&ix->canon);
	facts_release(&ix->facts);
	facts_release(&ix->passage_facts);
	for (size_t i = 0; i < ix->cap; i++)
		facts_release(&ix->pfacts[i]);
	free(ix->pfacts);
	free(ix->ranges);
	fact_scratch_destroy(ix->scratch);
	buf_release(&ix->terms);
	buf_release(&ix->facets);
	buf_release(&ix->text);
	tokens_release(&ix->title);
	free(ix->path);
	free(ix);
}
