/* kbsearch.h - the public C API of libkbsearch.
 *
 * Conventions, the same for every function (see doc/HACKING.md):
 *
 *  - Every fallible call returns kb_status_t; KB_OK is 0.  Results go out
 *    through trailing out-parameters, which are set to NULL on failure.
 *  - The last argument is an optional caller-owned kb_error_t *err.  On
 *    failure it receives the status and a complete message ("cannot open
 *    index '/x': ..."); on success it is left untouched.  Pass NULL to
 *    ignore the detail.
 *  - A returned `const char *` or `const struct *` is borrowed: it belongs to
 *    the object that produced it and is valid until that object is
 *    destroyed.  A returned `char *` is the caller's to free().
 *  - Every _close/_destroy accepts NULL.
 *
 * The library never prints, never exits and never reads the environment.
 */
#ifndef KBSEARCH_H
#define KBSEARCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes.  Each value means one thing; the message says which file,
 *  term or byte.  Keep kb_status_to_string() in step. */
typedef enum kb_status {
	KB_OK = 0,
	KB_ERR_NOMEM,          /**< out of memory */
	KB_ERR_IO,             /**< a file could not be read or written */
	KB_ERR_NO_INDEX,       /**< no index at the given path */
	KB_ERR_INDEX_LOCKED,   /**< another writer holds the index */
	KB_ERR_INDEX_CORRUPT,  /**< the index is damaged */
	KB_ERR_INDEX_VERSION,  /**< the index was written by another version */
	KB_ERR_INDEX_MODIFIED, /**< the index changed under a reader; retry */
	KB_ERR_ENCODING,       /**< input is not in a known encoding */
	KB_ERR_PARSE,          /**< input does not follow its format */
	KB_ERR_BAD_QUERY,      /**< the query cannot be searched (e.g. empty) */
	KB_ERR_INVALID_ARG,    /**< an argument is out of range */
	KB_ERR_XAPIAN,         /**< any other Xapian error */
	KB_ERR_INTERNAL,       /**< a bug: please report it */
	KB_STATUS_LAST
} kb_status_t;

/** Room for a complete message, as curl's CURL_ERROR_SIZE; no malloc is
 *  needed to report out-of-memory. */
#define KB_ERROR_SIZE 512

typedef struct kb_error {
	kb_status_t code;
	char msg[KB_ERROR_SIZE];
} kb_error_t;

/** A fixed phrase for a status ("out of memory"); never NULL. */
const char *kb_status_to_string(kb_status_t status);

/** The library version, e.g. "0.1.0". */
const char *kb_version(void);

/* ------------------------------------------------------------------ */
/* Articles and the corpus reader                                      */

/** One article as read from the corpus.  Strings are UTF-8 with LF line
 *  ends; absent fields are "" (never NULL). */
typedef struct kb_article {
	const char *id;       /**< stable id: same source + same title => same id */
	const char *title;
	const char *body;     /**< paragraphs and list items, one per line */
	const char *category; /**< e.g. "健康新闻" */
	const char *date;     /**< ISO "YYYY-MM-DD" as printed by the source */
	const char *url;
	const char *source;   /**< the path the article was read from */
	const char *disclaimer; /**< a "提示:" line kept out of the body */
	unsigned line;        /**< 1-based line of the title in the source */
} kb_article_t;

typedef struct kb_reader kb_reader_t;

/** Open a corpus file: the scraped page format (a lead article, a line
 *  "相关推荐", then related articles), JSON Lines (.jsonl, .json) or one
 *  plain .txt/.md article.  @encoding names the input encoding for iconv,
 *  or NULL to accept UTF-8 (with or without BOM) and fall back to GB18030.
 *  Return value: KB_OK; KB_ERR_IO if the file cannot be read;
 *  KB_ERR_ENCODING if it is neither UTF-8 nor @encoding/GB18030 (the
 *  message names the byte offset); KB_ERR_NOMEM. */
kb_status_t kb_reader_open(const char *path, const char *encoding,
			   kb_reader_t **out, kb_error_t *err);

/** The next article, or *out = NULL at the end.  The article belongs to the
 *  reader and is valid until the next call or kb_reader_close().
 *  Return value: KB_OK; KB_ERR_PARSE for a malformed record (the message
 *  names file and line); KB_ERR_NOMEM. */
kb_status_t kb_reader_next(kb_reader_t *reader, const kb_article_t **out,
			   kb_error_t *err);

/** A digest of the file's decoded content, so an unchanged file can be
 *  skipped: 16 hex digits, belongs to the reader. */
const char *kb_reader_digest(const kb_reader_t *reader);

void kb_reader_close(kb_reader_t *reader);

/* ------------------------------------------------------------------ */
/* Facts                                                               */

/** A named detail of a fact: a region's code and province, a hospital's
 *  grade and department. */
typedef struct kb_attr {
	const char *key;
	const char *value;
} kb_attr_t;

/** A fact stated by a passage or an article, found at index time. */
typedef struct kb_fact {
	const char *type;   /**< "category", "date", "answer", "percent", ... */
	const char *label;  /**< what it measures, or "" */
	const char *value;  /**< normalized value as text */
	const char *unit;   /**< "" when none */
	const char *text;   /**< the exact source text */
	double min, max;    /**< numeric range; both NaN when not numeric */
	long start, end;    /**< byte offsets in the passage, or -1 */
	const kb_attr_t *attrs; /**< details, in a fixed order per type */
	size_t nattrs;
} kb_fact_t;

/* ------------------------------------------------------------------ */
/* Indexing                                                            */

typedef struct kb_indexer kb_indexer_t;

/** What happened to one file. */
typedef struct kb_file_stats {
	unsigned articles;  /**< articles read */
	unsigned passages;  /**< passages written */
	int unchanged;      /**< 1 when the file was already indexed as it is */
	long bytes;         /**< bytes read */
} kb_file_stats_t;

/** Open (creating if needed) the index at @path for writing.
 *  Return value: KB_OK; KB_ERR_INDEX_LOCKED if another writer has it;
 *  KB_ERR_INDEX_CORRUPT/KB_ERR_INDEX_VERSION; KB_ERR_IO; KB_ERR_NOMEM. */
kb_status_t kb_indexer_open(const char *path, kb_indexer_t **out,
			    kb_error_t *err);

/** Add or replace the articles of one corpus file.  An unchanged file is
 *  skipped (stats->unchanged = 1).  Changes are committed in batches at
 *  article boundaries; on failure the index keeps its last committed
 *  state.  @stats may be NULL. */
kb_status_t kb_indexer_add_file(kb_indexer_t *ix, const char *path,
				const char *encoding, kb_file_stats_t *stats,
				kb_error_t *err);

/** Remove every article read from @path.  *removed (may be NULL) gets the
 *  number of passages removed; 0 when the file was not indexed. */
kb_status_t kb_indexer_delete_file(kb_indexer_t *ix, const char *path,
				   unsigned *removed, kb_error_t *err);

/** Commit what has been added so far. */
kb_status_t kb_indexer_commit(kb_indexer_t *ix, kb_error_t *err);

/** Commit and close.  Use kb_indexer_abandon() to close without
 *  committing the current batch. */
kb_status_t kb_indexer_close(kb_indexer_t *ix, kb_error_t *err);
void kb_indexer_abandon(kb_indexer_t *ix);

/** Whether passages are read for facts (numbers, places, institutions,
 *  schemes): on by default.  Off is for measuring what extraction costs;
 *  the article's own facts (category, date, answer, flags) are kept. */
void kb_indexer_set_passage_facts(kb_indexer_t *ix, int on);

/* ------------------------------------------------------------------ */
/* Searching                                                           */

typedef struct kb_db kb_db_t;

/** Open the index at @path for searching.
 *  Return value: KB_OK; KB_ERR_NO_INDEX when nothing is there ("no index
 *  at '/x'"); KB_ERR_INDEX_CORRUPT; KB_ERR_INDEX_VERSION; KB_ERR_NOMEM. */
kb_status_t kb_db_open(const char *path, kb_db_t **out, kb_error_t *err);
void kb_db_close(kb_db_t *db);

/** Number of passages and of articles in the index. */
kb_status_t kb_db_counts(kb_db_t *db, unsigned *passages, unsigned *articles,
			 kb_error_t *err);

typedef struct kb_search_opts {
	unsigned offset;   /**< hits to skip */
	unsigned limit;    /**< hits to return (0 means 10) */
	int all_passages;  /**< 1: every matching passage, not one per article */
	/** Filters such as "region:江西" or "percent:>=50" (see
	 *  doc/kbsearch.1), each narrowing the search; the query text may
	 *  hold them too. */
	const char *const *filters;
	size_t nfilters;
	int facets;        /**< 1: count the matching articles by province,
			        city, insurance scheme and category */
} kb_search_opts_t;

/** A highlighted span of a passage: byte offsets [start, end). */
typedef struct kb_span {
	size_t start, end;
} kb_span_t;

typedef struct kb_hit {
	unsigned rank;           /**< 1-based, counting from offset 0 */
	const char *article_id;
	const char *title;
	const char *passage;
	const kb_span_t *spans;  /**< matched terms in passage, in order */
	size_t nspans;
	double score;
	const char *category;
	const char *date;
	const char *source;
	const kb_fact_t *facts;
	size_t nfacts;
} kb_hit_t;

typedef struct kb_results kb_results_t;

/** How many matching articles have a value of a field. */
typedef struct kb_facet {
	const char *field; /**< "province", "city", "insurance", "category" */
	const char *value;
	unsigned count;
} kb_facet_t;

/** Search.  @query is what a user typed: keywords, a phrase, or a whole
 *  question.  Return value: KB_OK (possibly with no hits);
 *  KB_ERR_BAD_QUERY when the query has nothing searchable; Xapian errors
 *  mapped as for kb_db_open. */
kb_status_t kb_db_search(kb_db_t *db, const char *query,
			 const kb_search_opts_t *opts, kb_results_t **out,
			 kb_error_t *err);

/** Estimated number of matching hits (articles, or passages with
 *  all_passages). */
unsigned kb_results_total(const kb_results_t *res);
/** Hits returned, at most opts->limit. */
size_t kb_results_count(const kb_results_t *res);
/** Hit @i (0-based), owned by @res; NULL past the end. */
const kb_hit_t *kb_results_hit(const kb_results_t *res, size_t i);
/** Facet counts (with opts->facets): by field in the order above, then
 *  by count, highest first; owned by @res. */
size_t kb_results_facet_count(const kb_results_t *res);
const kb_facet_t *kb_results_facet(const kb_results_t *res, size_t i);
void kb_results_destroy(kb_results_t *res);

#ifdef __cplusplus
}
#endif
#endif /* KBSEARCH_H */
