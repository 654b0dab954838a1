/* xc.h - a thin C interface to libxapian (the only C++ in the project).
 *
 * Every handle is opaque; no C++ type, header or exception crosses this
 * header.  Every function that can fail returns an xc_status and, on
 * failure, fills the caller's optional xc_error with the status and
 * Xapian's own description of the exception (e.g. "DatabaseNotFoundError:
 * Couldn't stat '/x' (No such file or directory)").  Out-parameters are set
 * to NULL/0 on failure.  Strings are byte strings with explicit lengths
 * where they may hold NULs.  Every _close/_destroy accepts NULL.
 */
#ifndef KB_XC_H
#define KB_XC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xc_status {
	XC_OK = 0,
	XC_ERR_NOMEM,     /* std::bad_alloc */
	XC_ERR_NOT_FOUND, /* DatabaseNotFoundError */
	XC_ERR_OPENING,   /* DatabaseOpeningError (not a database, ...) */
	XC_ERR_LOCKED,    /* DatabaseLockError */
	XC_ERR_MODIFIED,  /* DatabaseModifiedError: reopen and retry */
	XC_ERR_CORRUPT,   /* DatabaseCorruptError */
	XC_ERR_VERSION,   /* DatabaseVersionError */
	XC_ERR_QUERY,     /* QueryParserError */
	XC_ERR_INVALID,   /* InvalidArgumentError, InvalidOperationError, or a bad argument here */
	XC_ERR_OTHER      /* any other Xapian::Error or exception */
} xc_status;

#define XC_ERROR_SIZE 512

typedef struct xc_error {
	xc_status code;
	char msg[XC_ERROR_SIZE];
} xc_error;

typedef struct xc_db xc_db;
typedef struct xc_doc xc_doc;
typedef struct xc_query xc_query;
typedef struct xc_mset xc_mset;

/* ---- databases ---------------------------------------------------- */

/* Open read-only. */
xc_status xc_db_open(const char *path, xc_db **out, xc_error *err);
/* @path may also be "tcp://HOST:PORT", a database served by
 * xapian-tcpsrv (Xapian::Remote::open), or a stub file listing several. */
/* Add the database at @path (as for xc_db_open) to the read-only @db, which
 * then searches both as one. */
xc_status xc_db_add(xc_db *db, const char *path, xc_error *err);
/* Open for writing; @create: create the database if it does not exist. */
xc_status xc_db_open_writable(const char *path, int create, xc_db **out,
			      xc_error *err);
/* Close.  For a writable database, an open transaction is abandoned (its
 * changes are lost); changes outside a transaction are committed, as
 * Xapian's own close() does.  Close cannot report a failed commit: call
 * xc_db_commit first when that matters. */
void xc_db_close(xc_db *db);
/* Reopen a read-only database at its latest revision. */
xc_status xc_db_reopen(xc_db *db, xc_error *err);

/* Transactions (flushed): xc_db_commit_tx makes every change since
 * xc_db_begin_tx durable and visible at once; xc_db_cancel_tx drops them. */
xc_status xc_db_begin_tx(xc_db *db, xc_error *err);
xc_status xc_db_commit_tx(xc_db *db, xc_error *err);
xc_status xc_db_cancel_tx(xc_db *db, xc_error *err);
/* Commit pending changes outside a transaction. */
xc_status xc_db_commit(xc_db *db, xc_error *err);

/* Metadata.  *value is malloc'd (caller frees), "" with *len 0 when the key
 * is absent. */
xc_status xc_db_get_metadata(xc_db *db, const char *key, char **value,
			     size_t *len, xc_error *err);
xc_status xc_db_set_metadata(xc_db *db, const char *key, const char *value,
			     size_t len, xc_error *err);

xc_status xc_db_doccount(xc_db *db, unsigned *out, xc_error *err);
xc_status xc_db_termfreq(xc_db *db, const char *term, size_t len,
			 unsigned *out, xc_error *err);
/* Call @cb for each document indexed by @term, in docid order, until it
 * returns non-zero (@ctx is the place to record why it stopped).  An empty
 * @term lists every document. */
xc_status xc_db_postlist(xc_db *db, const char *term, size_t len,
			 int (*cb)(void *ctx, unsigned docid), void *ctx,
			 xc_error *err);
/* Call @cb for each term starting with @prefix (may be "") with its term
 * frequency, in sorted order, until it returns non-zero. */
xc_status xc_db_allterms(xc_db *db, const char *prefix, size_t len,
			 int (*cb)(void *ctx, const char *term, size_t len,
				   unsigned termfreq),
			 void *ctx, xc_error *err);
/* The synonym table: @synonym is added to the synonyms of @term (a
 * writable database; adding one twice keeps one); xc_db_clear_synonyms
 * removes every synonym of @term.  xc_db_synonyms calls @cb for each
 * synonym of @term and xc_db_synonym_keys for each term that has some, in
 * sorted order, until it returns non-zero.  Changes become durable as
 * documents do, with the next commit. */
xc_status xc_db_add_synonym(xc_db *db, const char *term, size_t len,
			    const char *synonym, size_t synlen,
			    xc_error *err);
xc_status xc_db_clear_synonyms(xc_db *db, const char *term, size_t len,
			       xc_error *err);
xc_status xc_db_synonyms(xc_db *db, const char *term, size_t len,
			 int (*cb)(void *ctx, const char *synonym,
				   size_t len),
			 void *ctx, xc_error *err);
xc_status xc_db_synonym_keys(xc_db *db,
			     int (*cb)(void *ctx, const char *term,
				       size_t len),
			     void *ctx, xc_error *err);
/* A document's data; *data is malloc'd (caller frees). */
xc_status xc_db_get_data(xc_db *db, unsigned docid, char **data,
			 size_t *len, xc_error *err);
/* A document's value in @slot; *value malloc'd (caller frees). */
xc_status xc_db_get_value(xc_db *db, unsigned docid, unsigned slot,
			  char **value, size_t *len, xc_error *err);

/* Add @doc; its new docid goes to *docid unless @docid is NULL. */
xc_status xc_db_add_doc(xc_db *db, const xc_doc *doc, unsigned *docid,
			xc_error *err);
/* Replace every document indexed by @term with @doc (adds it when none).
 * @doc should hold @term, or the next replace will not find it. */
xc_status xc_db_replace_by_term(xc_db *db, const char *term,
				const xc_doc *doc, xc_error *err);
/* Delete every document indexed by @term. */
xc_status xc_db_delete_by_term(xc_db *db, const char *term, xc_error *err);

/* Write the committed contents of the databases at @sources (@n paths)
 * into the new database @dest, merged, with every table compacted; the
 * sources are not changed.  *@renumbered (unless NULL) is 1 when a
 * document's docid changed: always with several sources; with one, when
 * its first docids were deleted (Xapian closes that gap, not others). */
xc_status xc_compact(const char *const *sources, size_t n, const char *dest,
		     int *renumbered, xc_error *err);

/* ---- documents ---------------------------------------------------- */

xc_status xc_doc_create(xc_doc **out, xc_error *err);
void xc_doc_destroy(xc_doc *doc);
/* Empty the document for reuse (terms, values, data). */
void xc_doc_clear(xc_doc *doc);
/* A term at a position, adding @wdfinc to its within-document frequency. */
xc_status xc_doc_add_posting(xc_doc *doc, const char *term, size_t len,
			     unsigned pos, unsigned wdfinc, xc_error *err);
/* A term without position; @wdfinc 0 makes a boolean (filter) term. */
xc_status xc_doc_add_term(xc_doc *doc, const char *term, size_t len,
			  unsigned wdfinc, xc_error *err);
/* Replace each within-document frequency w of @doc by the frequency
 * normalized for the document's length, round(@scale * w / (1 - @b + @b *
 * max(L / @avg_len, 0.5))) and at least w, with L the sum of the
 * frequencies (Xapian's document length, the normalization of its BM25).
 * Call it once, after the last term; boolean terms (frequency 0) stay. */
xc_status xc_doc_set_impacts(xc_doc *doc, double b, double avg_len,
			     double scale, xc_error *err);
/* An empty @value clears the slot (Xapian stores no empty values). */
xc_status xc_doc_set_value(xc_doc *doc, unsigned slot, const char *value,
			   size_t len, xc_error *err);
xc_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len,
			  xc_error *err);

/* ---- queries ------------------------------------------------------ */

typedef enum xc_op {
	XC_OP_AND,
	XC_OP_OR,
	XC_OP_AND_NOT,
	XC_OP_AND_MAYBE,
	XC_OP_FILTER,
	XC_OP_PHRASE,   /* @param: window (0: number of subqueries) */
	XC_OP_NEAR,     /* @param: window (0: number of subqueries) */
	XC_OP_SYNONYM,  /* built two parts to a node, so that every shard of
			  * an index estimates the group's frequency, and
			  * weighs it, as one index does */
	XC_OP_ELITE_SET, /* @param: set size (0: Xapian's default, 10) */
	XC_OP_MAX        /* Xapian's OP_MAX: the best subquery's weight (the
			  * last operator, not a count) */
} xc_op;

/* A query is an immutable value; combining copies references, so the
 * caller may destroy the parts right after.  An empty @term matches every
 * document (Xapian's MatchAll); @pos is the term's position in the query,
 * which orders xc_mset_matching_terms. */
xc_status xc_query_term(const char *term, size_t len, unsigned wqf,
			unsigned pos, xc_query **out, xc_error *err);
xc_status xc_query_combine(xc_op op, xc_query *const *subs, size_t n,
			   unsigned param, xc_query **out, xc_error *err);
xc_status xc_query_scale(const xc_query *q, double factor, xc_query **out,
			 xc_error *err);
/* The documents @filter matches, each weighing @weight, whatever it
 * matched: a boost on boolean terms, which BM25 gives no weight (Xapian's
 * FixedWeightPostingSource, filtered by @filter). */
xc_status xc_query_fixed_weight(const xc_query *filter, double weight,
				xc_query **out, xc_error *err);
/* The documents that have any of the @n @terms, or with @complement
 * the documents that have none of them, each weighing @weight: the
 * terms' OR (AND_NOT'ed from every document), filtering a fixed weight
 * when @weight > 0.  A handle of one local, read-only database (not
 * shards, a stub or a remote one) that is asked for the same terms a
 * few times in a row reads their documents into a bitmap, kept until the
 * database is reopened or added to, and the query tests a bit where
 * Xapian would skip along the posting lists (xc-term-set.cc). */
xc_status xc_query_term_set(xc_db *db, const char *const *terms, size_t n,
			    int complement, double weight, xc_query **out,
			    xc_error *err);
/* Documents whose value in @slot sorts between @lo and @hi inclusive
 * (either may be NULL for open-ended, not both: XC_ERR_INVALID). */
xc_status xc_query_value_range(unsigned slot, const char *lo,
			       const char *hi, xc_query **out, xc_error *err);
/* Terms starting with @prefix, expanded as a synonym of at most
 * @max_expansion terms, the most frequent ones (0: no limit). */
xc_status xc_query_wildcard(const char *prefix, unsigned max_expansion,
			    xc_query **out, xc_error *err);
/* An empty query matches nothing; xc_query_match_all everything.  NULL
 * counts as empty. */
int xc_query_is_empty(const xc_query *q);
xc_status xc_query_match_all(xc_query **out, xc_error *err);
/* Xapian's get_description(), malloc'd. */
xc_status xc_query_describe(const xc_query *q, char **out, xc_error *err);
void xc_query_destroy(xc_query *q);

/* ---- running a query ---------------------------------------------- */

typedef struct xc_search_opts {
	unsigned offset;
	unsigned limit;
	int collapse_slot;       /* -1: no collapsing */
	unsigned check_at_least; /* 0: Xapian's default */
	int sort_slot;           /* -1: by relevance; else by this slot's value,
				    highest first, then by relevance */
	int facet_slot;          /* -1: no facets; else count the values in
				    this slot (one per line) over the
				    matches, once per key... */
	int facet_key_slot;      /* ...in this slot (e.g. the article id);
				    -1: the key is the value's first line,
				    which is not counted (one slot read a
				    match instead of two, and the only way
				    over a remote database) */
	int tie_slot;            /* -1: hits of equal sort value and weight in
				    docid order; else in the order of this
				    slot's values (docid order among hits
				    without one) */
	double impact_k1;        /* 0: Xapian's BM25 (k1 1, b 0.5); else the
				    frequencies are normalized for length
				    (xc_doc_set_impacts): BM25 with this k1
				    and b 0, which reads no document
				    lengths */
	unsigned facet_scan;     /* facets: the first this many matches in
				    docid order are counted (0: all of
				    them), whatever the page */
} xc_search_opts;

/* Run @q.  The mset keeps what it needs of @db and @q: either may be
 * closed or destroyed first (reading data from a closed database then
 * fails). */
xc_status xc_search(xc_db *db, const xc_query *q, const xc_search_opts *opts,
		    xc_mset **out, xc_error *err);
size_t xc_mset_size(const xc_mset *m);
/* get_matches_estimated() */
unsigned xc_mset_estimated(const xc_mset *m);
/* get_matches_upper_bound(): no more documents match than this. */
unsigned xc_mset_upper_bound(const xc_mset *m);
/* Docid and weight of hit @i; 0 when @i is out of range. */
unsigned xc_mset_docid(const xc_mset *m, size_t i);
double xc_mset_weight(const xc_mset *m, size_t i);
/* Document data / value of hit @i; the bytes (NUL-terminated too) belong to
 * @m and are valid until xc_mset_destroy. */
xc_status xc_mset_data(xc_mset *m, size_t i, const char **data, size_t *len,
		       xc_error *err);
xc_status xc_mset_value(xc_mset *m, size_t i, unsigned slot,
			const char **value, size_t *len, xc_error *err);
/* Matching terms of hit @i (Enquire::get_matching_terms), each once,
 * passed to @cb in order of query position (@pos of xc_query_term; equal
 * positions in byte order). */
xc_status xc_mset_matching_terms(xc_mset *m, size_t i,
				 void (*cb)(void *ctx, const char *term,
					    size_t len),
				 void *ctx, xc_error *err);
void xc_mset_destroy(xc_mset *m);

/* The facet counts of a search run with facet_slot set: @cb is called for
 * each value with the number of distinct keys that had it, in byte order of
 * the values. */
xc_status xc_mset_facets(xc_mset *m,
			 void (*cb)(void *ctx, const char *value, size_t len,
				    unsigned count),
			 void *ctx, xc_error *err);
/* 1 when more matches than facet_scan matched, and the facets count only
 * the first facet_scan of them; 0 when they count every match. */
int xc_mset_facets_partial(const xc_mset *m);
/* Give @to the facet counts of @from (of the same query, run again with
 * another page and without facets), which has none left. */
void xc_mset_move_facets(xc_mset *to, xc_mset *from);
/* How many docids the facet slot's table covers: a database of one local
 * index, not writable, reads the slot (or its facet column) into a table
 * by docid once it has counted facets without one for as many matches as
 * a fortieth of its docids (keys by first line only), 12 bytes a docid,
 * and counts from it until it is reopened; 0 before that, and for
 * shards, a remote or a writable database. */
size_t xc_db_facet_table_docs(const xc_db *db);
/* Store in writable @db the documents that have any of the @n @terms, as
 * a bitmap by docid (and the docids with no document, when there are
 * any), under "xc:ts:" and the terms: xc_query_term_set reads it in one
 * go, on a one-shot handle too, where the terms' posting lists would be
 * skipped along at every candidate.  It is read only while the index's
 * last docid and number of documents are those it was written for, so
 * write it at every commit.  *@wrote (unless NULL) is 1 when it
 * changed.  Commit to keep it. */
xc_status xc_db_update_term_set(xc_db *db, const char *const *terms,
				size_t n, int *wrote, xc_error *err);
/* Bring the facet column of @slot up to the last docid of writable @db,
 * or write it anew when @rebuild (after docids changed: compaction): the
 * slot's values as facet counting reads them (first line the key, then a
 * value a line), 256 docids to a metadata entry under "xc:fc", so that a
 * search counts the matches among them with one read.  Docids past the
 * column, and shards, are counted from the values.  *@wrote (unless
 * NULL) is 1 when anything was written.  Commit to keep it. */
xc_status xc_db_update_facet_column(xc_db *db, unsigned slot, int rebuild,
				    int *wrote, xc_error *err);

/* Xapian's sortable_serialise: a string whose byte order is the numeric
 * order of @v, for value slots and value ranges.  Returns its length (at
 * most XC_SORTABLE_SIZE - 1); @out is NUL-terminated. */
#define XC_SORTABLE_SIZE 16
size_t xc_sortable_serialise(double v, char out[XC_SORTABLE_SIZE]);

/* Xapian's version string, e.g. "1.4.22". */
const char *xc_version(void);

#ifdef __cplusplus
}
#endif
#endif
