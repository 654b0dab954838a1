/* search.c - opening an index for reading, running a query, and the
 * results a caller walks: hits with their passages, spans and facts, all
 * owned by one arena that kb_results_destroy frees. */
#include <config.h>

#include "kb-private.h"
#include "highlight.h"
#include "query.h"
#include "query-boost.h"
#include "record.h"
#include "schema.h"
#include "segment.h"
#include "xc-status.h"
#include "../util/arena.h"
#include "../xapian-c/xc.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 10
#define MAX_LIMIT 1000
#define MAX_OFFSET 100000
/* Hits matched past the page to count a short list exactly. */
#define COUNT_MARGIN 50
/* What a real answer weighs more than a flagged passage (see
 * demote_flagged); far above any weight of a query of at most
 * QUERY_MAX_GROUPS words (BM25 times KB_IMPACT_RATIO, schema.h). */
#define QUALITY_BONUS 1e6
/* A query is read again from a reopened index at most this often when a
 * writer commits under it (DatabaseModifiedError). */
#define MODIFIED_RETRIES 3

struct kb_db {
	xc_db *db;
	char *path;
	seg_t *seg;
	highlighter_t *hl;
};

struct kb_results {
	kb_arena arena;
	kb_hit_t *hits;
	size_t nhits;
	unsigned total;
	kb_facet_t *facets;
	size_t nfacets, facets_cap;
	int facets_partial;
	kb_expansion_t *expansions;
	size_t nexpansions;
	double confidence;
	const char *broader; /* in the arena */
	const char *description; /* xc_query_describe, with opts->explain */
	const char *corrected; /* "" when the query was searched as typed */
	int failed; /* out of memory while collecting facets */
};

/* Facet lines start with a letter naming the field (schema.h). */
static const struct {
	char tag;
	const char *field;
} facet_fields[] = {
	{ 'P', "province" },
	{ 'C', "city" },
	{ 'I', "insurance" },
	{ 'K', "category" },
};

/* A database with no schema and no document is what Xapian leaves of an
 * index whose first run was killed before its first commit: there is no
 * index yet, not some other database. */
static kb_status_t
db_unfinished(kb_db_t *db, kb_error_t *err)
{
	unsigned docs = 0;
	xc_error xe;

	if (xc_db_doccount(db->db, &docs, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'", db->path);
	if (!docs)
		return kb_fail(err, KB_ERR_NO_INDEX, "no index at '%s'",
			       db->path);
	return KB_OK;
}

kb_status_t
kb_db_open(const char *path, kb_db_t **out, kb_error_t *err)
{
	kb_db_t *db;
	const dict_t *dict;
	char *schema = NULL;
	size_t len;
	xc_error xe;
	kb_status_t rc;

	*out = NULL;
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	}
	if (xc_db_open(path, &db->db, &xe)) {
		if (xe.code == XC_ERR_NOT_FOUND || xe.code == XC_ERR_OPENING)
			rc = kb_fail(err, KB_ERR_NO_INDEX, "no index at '%s'",
				     path);
		else
			rc = kb_fail_xc(err, &xe, "cannot open index '%s'",
					path);
		goto fail;
	}
	if (xc_db_get_metadata(db->db, KB_META_SCHEMA, &schema, &len, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", path);
		goto fail;
	}
	if (!len && (rc = db_unfinished(db, err)))
		goto fail;
	if (strcmp(schema, KB_SCHEMA_VERSION)) {
		rc = len ? kb_fail(err, KB_ERR_INDEX_VERSION,
				   "index '%s' has format %s; this program reads format %s: re-index into a new folder",
				   path, schema, KB_SCHEMA_VERSION)
			 : kb_fail(err, KB_ERR_INDEX_VERSION,
				   "'%s' is a Xapian database, but not a kbsearch index",
				   path);
		goto fail;
	}
	if ((rc = dict_builtin(&dict, err)) ||
	    (rc = seg_create(dict, &db->seg, err)) ||
	    (rc = highlighter_create(&db->hl, err)))
		goto fail;
	free(schema);
	*out = db;
	return KB_OK;
fail:
	free(schema);
	kb_db_close(db);
	return rc;
}

kb_status_t
kb_db_open_many(const char *const *paths, size_t n, kb_db_t **out,
		kb_error_t *err)
{
	kb_db_t *db = NULL, *one;
	kb_buf names = KB_BUF_INIT;
	xc_error xe;
	kb_status_t rc;

	*out = NULL;
	if (!n)
		return kb_fail(err, KB_ERR_INVALID_ARG, "no index to open");
	if ((rc = kb_db_open(paths[0], &db, err)))
		return rc;
	buf_addstr(&names, paths[0]);
	/* each is opened on its own first, so that one of another format or
	 * none at all is named: a multi-database reads the metadata of its
	 * first database only */
	for (size_t i = 1; i < n; i++) {
		if ((rc = kb_db_open(paths[i], &one, err)))
			goto fail;
		kb_db_close(one);
		if (xc_db_add(db->db, paths[i], &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot open index '%s'",
					paths[i]);
			goto fail;
		}
		buf_addf(&names, ", %s", paths[i]);
	}
	if (buf_failed(&names)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto fail;
	}
	free(db->path);
	db->path = buf_take(&names, NULL);
	*out = db;
	return KB_OK;
fail:
	buf_release(&names);
	kb_db_close(db);
	return rc;
}

static int
db_any_key(void *ctx, const char *term, size_t len)
{
	(void)term;
	(void)len;
	*(int *)ctx = 1;
	return 1;
}

kb_status_t
kb_db_has_vocabulary(kb_db_t *db, int *present, kb_error_t *err)
{
	xc_error xe;

	*present = 0;
	if (xc_db_synonym_keys(db->db, db_any_key, present, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'",
				  db->path);
	return KB_OK;
}

void
kb_db_close(kb_db_t *db)
{
	if (!db)
		return;
	xc_db_close(db->db);
	seg_destroy(db->seg);
	highlighter_destroy(db->hl);
	free(db->path);
	free(db);
}

static int
count_article(void *ctx, const char *term, size_t len, unsigned freq)
{
	(*(unsigned *)ctx)++;
	return 0;
}

kb_status_t
kb_db_counts(kb_db_t *db, unsigned *passages, unsigned *articles,
	     kb_error_t *err)
{
	xc_error xe;
	unsigned n = 0;

	if (passages && xc_db_doccount(db->db, passages, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'", db->path);
	if (articles) {
		if (xc_db_allterms(db->db, KB_PREFIX_ARTICLE,
				   strlen(KB_PREFIX_ARTICLE), count_article, &n,
				   &xe))
			return kb_fail_xc(err, &xe, "cannot read index '%s'",
					  db->path);
		*articles = n;
	}
	return KB_OK;
}

static kb_status_t
fill_hit(kb_db_t *db, kb_results_t *res, xc_mset *m, size_t i, unsigned rank,
	 const query_plan_t *plan, kb_error_t *err)
{
	kb_hit_t *hit = &res->hits[i];
	const char *data;
	size_t len;
	record_t rec;
	kb_span_t *spans;
	size_t nspans;
	xc_error xe;
	kb_status_t rc;

	if (xc_mset_data(m, i, &data, &len, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'", db->path);
	if ((rc = record_read(data, len, &res->arena, &rec, err)))
		return rc;
	if ((rc = highlight_spans(db->hl, rec.passage, strlen(rec.passage),
				  plan->words.buf, plan->nwords, &res->arena,
				  &spans, &nspans, err)))
		return rc;
	hit->rank = rank;
	hit->article_id = rec.article_id;
	hit->title = rec.title;
	hit->passage = rec.passage;
	hit->spans = spans;
	hit->nspans = nspans;
	hit->score = xc_mset_weight(m, i);
	if (hit->score >= QUALITY_BONUS / 2)
		hit->score -= QUALITY_BONUS;
	hit->score /= KB_IMPACT_RATIO; /* BM25's own scale */
	hit->category = rec.category;
	hit->date = rec.date;
	hit->source = rec.source;
	hit->facts = rec.facts;
	hit->nfacts = rec.nfacts;
	return KB_OK;
}

static void
collect_facet(void *ctx, const char *value, size_t len, unsigned count)
{
	kb_results_t *res = ctx;
	kb_facet_t *f;
	const char *field = NULL;

	for (size_t i = 0; i < KB_ARRAY_SIZE(facet_fields); i++)
		if (len > 1 && value[0] == facet_fields[i].tag)
			field = facet_fields[i].field;
	if (!field || res->failed)
		return;
	if (res->nfacets == res->facets_cap) {
		size_t ncap = res->facets_cap ? res->facets_cap * 2 : 32;
		kb_facet_t *p = arena_alloc(&res->arena, ncap * sizeof *p);

		if (!p) {
			res->failed = 1;
			return;
		}
		if (res->nfacets)
			memcpy(p, res->facets, res->nfacets * sizeof *p);
		res->facets = p;
		res->facets_cap = ncap;
	}
	f = &res->facets[res->nfacets];
	f->field = field;
	f->count = count;
	if (!(f->value = arena_strndup(&res->arena, value + 1, len - 1))) {
		res->failed = 1;
		return;
	}
	res->nfacets++;
}

static int
field_rank(const char *field)
{
	for (size_t i = 0; i < KB_ARRAY_SIZE(facet_fields); i++)
		if (!strcmp(field, facet_fields[i].field))
			return (int)i;
	return (int)KB_ARRAY_SIZE(facet_fields);
}

static int
cmp_facet(const void *a, const void *b)
{
	const kb_facet_t *x = a, *y = b;
	int fx = field_rank(x->field), fy = field_rank(y->field);

	if (fx != fy)
		return fx - fy;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

static kb_status_t
results_confidence(kb_results_t *res, const query_plan_t *plan, xc_mset *m,
		   kb_error_t *err)
{
	kb_buf broader = KB_BUF_INIT;
	kb_status_t rc;

	buf_init(&broader, 0);
	rc = qconf_results(plan, m, res->nhits, &res->confidence, &broader,
			   err);
	if (!rc && !(res->broader = arena_strndup(&res->arena, broader.buf,
						  broader.len)))
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
	buf_release(&broader);
	return rc;
}

/* The quality flags of passages that are not real answers: a prompt leak,
 * a copy of another article. */
static const char *const flag_terms[] = KB_FLAG_TERMS;

/* @x AND_NOT the flagged passages, into *out. */
static xc_status
and_not_flagged(kb_db_t *db, const xc_query *x, xc_query **out,
		xc_error *xe)
{
	xc_query *any = NULL, *v[2];
	xc_status st;

	*out = NULL;
	if (!(st = xc_query_term_set(db->db, flag_terms,
				     KB_ARRAY_SIZE(flag_terms), 0, 0, &any,
				     xe))) {
		v[0] = (xc_query *)x;
		v[1] = any;
		st = xc_query_combine(XC_OP_AND_NOT, v, 2, 0, out, xe);
	}
	xc_query_destroy(any);
	return st;
}

/* @q, with flagged passages after every real answer.  Xapian's sort by
 * value would put them there, but it scores every match, so a query would
 * cost more the larger the index; instead each real answer weighs
 * QUALITY_BONUS more, and Xapian's pruning of what cannot reach the page
 * keeps working (once the page holds real answers, flagged passages are
 * skipped unscored).  The bonus is taken off the scores reported. */
static kb_status_t
demote_flagged(kb_db_t *db, const xc_query *q, xc_query **out,
	       kb_error_t *err)
{
	xc_query *bonus = NULL, *v[2];
	xc_error xe;
	kb_status_t rc = KB_OK;

	*out = NULL;
	v[0] = (xc_query *)q;
	if (xc_query_term_set(db->db, flag_terms, KB_ARRAY_SIZE(flag_terms),
			      1, QUALITY_BONUS, &bonus, &xe) ||
	    (v[1] = bonus,
	     xc_query_combine(XC_OP_AND_MAYBE, v, 2, 0, out, &xe)))
		rc = kb_fail_xc(err, &xe, "cannot build query");
	xc_query_destroy(bonus);
	return rc;
}

/* Run @q into *out, matched a little past the page when the list may be
 * short, so that a short list is counted exactly ("1 result", not
 * Xapian's "about 2").  Only then: for a long list, matching past the page
 * keeps Xapian from skipping what cannot reach it (a third of the time of
 * a search in a million passages), for a count that is an estimate
 * anyway. */
static kb_status_t
search_counted(kb_db_t *db, const xc_query *q, xc_search_opts *xo,
	       const kb_search_opts_t *o, xc_mset **out, kb_error_t *err)
{
	xc_error xe;
	xc_mset *first;
	int facet_slot = xo->facet_slot;
	xc_status xs;

	*out = NULL;
	if (xc_search(db->db, q, xo, out, &xe))
		return kb_fail_xc(err, &xe, "cannot search index '%s'", db->path);
	if (xc_mset_upper_bound(*out) > o->offset + o->limit + COUNT_MARGIN)
		return KB_OK;
	xo->limit = o->limit + COUNT_MARGIN;
	first = *out;
	*out = NULL;
	/* the same matches: their facets are counted already */
	xo->facet_slot = -1;
	xs = xc_search(db->db, q, xo, out, &xe);
	xo->facet_slot = facet_slot;
	if (!xs)
		xc_mset_move_facets(*out, first);
	xc_mset_destroy(first);
	if (xs)
		return kb_fail_xc(err, &xe, "cannot search index '%s'", db->path);
	return KB_OK;
}

/* @q without the passages flagged as not real answers, into *out (NULL
 * when the index has none, which is the usual case). */
static kb_status_t
without_flagged(kb_db_t *db, const xc_query *q, xc_query **out,
		kb_error_t *err)
{
	unsigned n = 0;
	xc_error xe;

	*out = NULL;
	for (size_t i = 0; i < KB_ARRAY_SIZE(flag_terms); i++) {
		unsigned f;

		if (xc_db_termfreq(db->db, flag_terms[i], strlen(flag_terms[i]),
				   &f, &xe))
			return kb_fail_xc(err, &xe, "cannot read index '%s'",
					  db->path);
		n += f;
	}
	if (n && and_not_flagged(db, q, out, &xe))
		return kb_fail_xc(err, &xe, "cannot build query");
	return KB_OK;
}

/* The match for @plan into *out: real answers first, flagged passages
 * after them.  Cheapest first: with nothing flagged in the index, the
 * query as it is; else, for a long list without facets, the real answers
 * alone when they fill the page (the count is an estimate then anyway);
 * else the query with flagged passages demoted (demote_flagged). */
static kb_status_t
match_page(kb_db_t *db, const query_plan_t *plan, xc_search_opts *xo,
	   const kb_search_opts_t *o, xc_mset **out, kb_error_t *err)
{
	xc_search_opts first = *xo;
	xc_query *q = NULL;
	kb_status_t rc;

	*out = NULL;
	if ((rc = without_flagged(db, plan->query, &q, err)))
		return rc;
	if (!q)
		return search_counted(db, plan->query, xo, o, out, err);
	if (!o->facets) {
		rc = search_counted(db, q, &first, o, out, err);
		xc_query_destroy(q);
		q = NULL;
		if (rc)
			return rc;
		if (xc_mset_size(*out) == o->limit &&
		    xc_mset_upper_bound(*out) >
			    o->offset + o->limit + COUNT_MARGIN) {
			*xo = first;
			return KB_OK;
		}
		xc_mset_destroy(*out);
		*out = NULL;
	}
	xc_query_destroy(q);
	if ((rc = demote_flagged(db, plan->query, &q, err)))
		return rc;
	rc = search_counted(db, q, xo, o, out, err);
	xc_query_destroy(q);
	return rc;
}

static kb_status_t
run_once(kb_db_t *db, const query_plan_t *plan, const kb_search_opts_t *o,
	 kb_results_t *res, kb_error_t *err)
{
	xc_error xe;
	xc_search_opts xo;
	xc_mset *m = NULL;
	kb_status_t rc = KB_OK;
	size_t n;

	memset(&xo, 0, sizeof xo);
	xo.offset = o->offset;
	xo.limit = o->limit;
	xo.collapse_slot = o->all_passages ? -1 : KB_SLOT_ARTICLE;
	xo.sort_slot = -1; /* demote_flagged does it */
	xo.facet_slot = -1;
	xo.facet_key_slot = -1;
	xo.tie_slot = KB_SLOT_ORDER;
	xo.impact_k1 = KB_BM25_K1 * KB_IMPACT_SCALE;
	if (o->facets) {
		/* once per article, over the matching set or its first
		 * KB_FACET_SCAN passages */
		xo.facet_slot = KB_SLOT_FACETS;
		xo.facet_key_slot = -1; /* the value's first line */
		xo.facet_scan = KB_FACET_SCAN;
	}
	if ((rc = match_page(db, plan, &xo, o, &m, err)))
		return rc;
	if (o->facets) {
		res->facets_partial = xc_mset_facets_partial(m);
		if (xc_mset_facets(m, collect_facet, res, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot count facets");
			goto out;
		}
		if (res->failed) {
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (res->nfacets)
			qsort(res->facets, res->nfacets, sizeof *res->facets,
			      cmp_facet);
	}
	n = xc_mset_size(m);
	res->total = xc_mset_estimated(m);
	if (n < xo.limit || res->total < o->offset + n)
		res->total = o->offset + (unsigned)n; /* all of them */
	if (n > o->limit)
		n = o->limit;
	if (n && !(res->hits = arena_alloc(&res->arena, n * sizeof *res->hits))) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = fill_hit(db, res, m, i, o->offset + (unsigned)i + 1,
				   plan, err)))
			goto out;
		res->nhits = i + 1;
	}
	rc = results_confidence(res, plan, m, err);
out:
	xc_mset_destroy(m);
	return rc;
}

/* The plan's notes as the caller's expansions, in @res's arena. */
static kb_status_t
copy_notes(kb_results_t *res, const query_plan_t *plan, kb_error_t *err)
{
	const char *p = plan->notes.buf;

	res->corrected = arena_strndup(&res->arena, plan->corrected.buf ?
				       plan->corrected.buf : "",
				       plan->corrected.len);
	if (!res->corrected)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	if (!plan->nnotes)
		return KB_OK;
	res->expansions = arena_alloc(&res->arena,
				      plan->nnotes * sizeof *res->expansions);
	if (!res->expansions)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < plan->nnotes; i++) {
		kb_expansion_t *e = &res->expansions[i];
		size_t flen = strlen(p + 1);

		e->kind = query_note_kind_name((query_note_kind_t)p[0]);
		e->from = arena_strndup(&res->arena, p + 1, flen);
		p += 1 + flen + 1;
		e->to = arena_strndup(&res->arena, p, strlen(p));
		p += strlen(p) + 1;
		if (!e->from || !e->to)
			return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	}
	res->nexpansions = plan->nnotes;
	return KB_OK;
}

/* The query given to Xapian, in its notation, for opts->explain. */
static kb_status_t
copy_description(kb_results_t *res, const query_plan_t *plan,
		 kb_error_t *err)
{
	char *d = NULL;
	xc_error xe;

	if (xc_query_describe(plan->query, &d, &xe))
		return kb_fail_xc(err, &xe, "cannot describe the query");
	res->description = arena_strndup(&res->arena, d, strlen(d));
	free(d);
	return res->description ? KB_OK
				: kb_fail(err, KB_ERR_NOMEM, "out of memory");
}

kb_status_t
kb_db_search(kb_db_t *db, const char *query, const kb_search_opts_t *opts,
	     kb_results_t **out, kb_error_t *err)
{
	kb_search_opts_t o = { .limit = DEFAULT_LIMIT };
	query_plan_t plan = QUERY_PLAN_INIT;
	kb_results_t *res = NULL;
	kb_status_t rc;
	xc_error xe;

	*out = NULL;
	if (opts)
		o = *opts;
	if (o.limit == 0)
		o.limit = DEFAULT_LIMIT;
	if (o.limit > MAX_LIMIT || o.offset > MAX_OFFSET)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "limit must be at most %d and offset at most %d",
			       MAX_LIMIT, MAX_OFFSET);
	if ((rc = query_build(db->seg, db->db, query, o.filters,
			      o.nfilters, &plan, err)))
		return rc;
	for (int attempt = 0;; attempt++) {
		res = calloc(1, sizeof *res);
		if (!res) {
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
			break;
		}
		rc = run_once(db, &plan, &o, res, err);
		if (!rc)
			rc = copy_notes(res, &plan, err);
		if (!rc && o.explain)
			rc = copy_description(res, &plan, err);
		if (rc != KB_ERR_INDEX_MODIFIED || attempt == MODIFIED_RETRIES)
			break;
		kb_results_destroy(res);
		res = NULL;
		if (xc_db_reopen(db->db, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot reopen index '%s'",
					db->path);
			break;
		}
	}
	query_plan_release(&plan);
	if (rc) {
		kb_results_destroy(res);
		return rc;
	}
	*out = res;
	return KB_OK;
}

unsigned
kb_results_total(const kb_results_t *res)
{
	return res->total;
}

size_t
kb_results_count(const kb_results_t *res)
{
	return res->nhits;
}

const kb_hit_t *
kb_results_hit(const kb_results_t *res, size_t i)
{
	return i < res->nhits ? &res->hits[i] : NULL;
}

size_t
kb_results_expansion_count(const kb_results_t *res)
{
	return res->nexpansions;
}

const kb_expansion_t *
kb_results_expansion(const kb_results_t *res, size_t i)
{
	return i < res->nexpansions ? &res->expansions[i] : NULL;
}

const char *
kb_results_query_description(const kb_results_t *res)
{
	return res->description ? res->description : "";
}

const char *
kb_results_corrected_query(const kb_results_t *res)
{
	return res->corrected ? res->corrected : "";
}

size_t
kb_results_facet_count(const kb_results_t *res)
{
	return res->nfacets;
}

int
kb_results_facets_partial(const kb_results_t *res)
{
	return res ? res->facets_partial : 0;
}

const kb_facet_t *
kb_results_facet(const kb_results_t *res, size_t i)
{
	return i < res->nfacets ? &res->facets[i] : NULL;
}

double
kb_results_confidence(const kb_results_t *res)
{
	return res->confidence;
}

const char *
kb_results_broader_query(const kb_results_t *res)
{
	return res->broader ? res->broader : "";
}

void
kb_results_destroy(kb_results_t *res)
{
	if (!res)
		return;
	arena_destroy(&res->arena);
	free(res);
}

/* ------------------------------------------------------------------ */
/* A whole article                                                     */

/* The view and everything it points to, in one arena. */
typedef struct article_owner {
	kb_article_view_t view; /* first: a view pointer is an owner pointer */
	kb_arena arena;
} article_owner_t;

/* The passages of one article, as they are read. */
typedef struct article_part {
	unsigned no;
	unsigned docid;
	const char *text;
} article_part_t;

typedef struct article_docids {
	unsigned *ids;
	size_t n, cap;
	int failed;
} article_docids_t;

static int
article_add_docid(void *ctx, unsigned docid)
{
	article_docids_t *d = ctx;

	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 16;
		unsigned *p = realloc(d->ids, ncap * sizeof *p);

		if (!p) {
			d->failed = 1;
			return 1;
		}
		d->ids = p;
		d->cap = ncap;
	}
	d->ids[d->n++] = docid;
	return 0;
}

static int
cmp_article_part(const void *a, const void *b)
{
	const article_part_t *x = a, *y = b;

	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

/* Read every passage of the article whose term is @term into @o. */
static kb_status_t
article_read(kb_db_t *db, const char *term, article_owner_t *o,
	     kb_error_t *err)
{
	article_docids_t d = { NULL, 0, 0, 0 };
	article_part_t *parts = NULL;
	const char **texts;
	kb_status_t rc = KB_OK;
	xc_error xe;

	if (xc_db_postlist(db->db, term, strlen(term), article_add_docid, &d,
			   &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", db->path);
		goto out;
	}
	if (d.failed) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (!d.n)
		goto out;
	parts = calloc(d.n, sizeof *parts);
	texts = arena_alloc(&o->arena, d.n * sizeof *texts);
	if (!parts || !texts) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < d.n; i++) {
		record_t rec;
		char *data;
		size_t len;

		if (xc_db_get_data(db->db, d.ids[i], &data, &len, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot read index '%s'",
					db->path);
			goto out;
		}
		rc = record_read(data, len, &o->arena, &rec, err);
		free(data);
		if (rc)
			goto out;
		parts[i].no = rec.passage_no;
		parts[i].docid = d.ids[i];
		parts[i].text = rec.passage;
		/* the article's fields are in each passage: take the first */
		if (i == 0) {
			o->view.article_id = rec.article_id;
			o->view.title = rec.title;
			o->view.category = rec.category;
			o->view.date = rec.date;
			o->view.source = rec.source;
		}
	}
	qsort(parts, d.n, sizeof *parts, cmp_article_part);
	for (size_t i = 0; i < d.n; i++)
		texts[i] = parts[i].text;
	o->view.passages = texts;
	o->view.npassages = d.n;
out:
	free(d.ids);
	free(parts);
	return rc;
}

kb_status_t
kb_db_article(kb_db_t *db, const char *article_id, kb_article_view_t **out,
	      kb_error_t *err)
{
	kb_buf term = KB_BUF_INIT;
	article_owner_t *o = NULL;
	kb_status_t rc;
	xc_error xe;

	*out = NULL;
	if (!article_id || !*article_id)
		return kb_fail(err, KB_ERR_INVALID_ARG, "empty article id");
	buf_addstr(&term, KB_PREFIX_ARTICLE);
	buf_addstr(&term, article_id);
	if (buf_failed(&term))
		return kb_fail_buf(err, &term, "article id");
	for (int attempt = 0;; attempt++) {
		o = calloc(1, sizeof *o);
		if (!o) {
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
			break;
		}
		rc = article_read(db, term.buf, o, err);
		if (rc != KB_ERR_INDEX_MODIFIED || attempt == MODIFIED_RETRIES)
			break;
		kb_article_view_destroy(&o->view);
		o = NULL;
		if (xc_db_reopen(db->db, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot reopen index '%s'",
					db->path);
			break;
		}
	}
	buf_release(&term);
	if (rc || !o->view.npassages) {
		kb_article_view_destroy(o ? &o->view : NULL);
		return rc;
	}
	*out = &o->view;
	return KB_OK;
}

void
kb_article_view_destroy(kb_article_view_t *view)
{
	article_owner_t *o = (article_owner_t *)view;

	if (!o)
		return;
	arena_destroy(&o->arena);
	free(o);
}
