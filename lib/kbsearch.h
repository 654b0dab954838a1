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
 *
 * Handles (kb_reader_t, kb_indexer_t, kb_db_t, kb_results_t) are opaque.
 * The plain structs (kb_article_t, kb_fact_t, kb_attr_t, kb_hit_t,
 * kb_span_t, kb_facet_t) are read-only views into a handle: read their
 * fields, never write or free them.  kb_search_opts_t and kb_file_stats_t
 * are filled by the caller and by the library respectively, and
 * kb_error_t belongs to the caller.
 *
 * A handle is used by one thread at a time; distinct handles may be used
 * from distinct threads.  Build against the installed library with
 * `pkg-config --cflags --libs kbsearch`; doc/examples/search-example.c
 * shows a whole search.
 *
 * Everything here is @since 0.1.0 unless a comment says otherwise.
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

/** Where a failing call puts its detail.  The caller owns it (usually on
 *  the stack) and passes it as the last argument; the library writes it
 *  only on failure. */
typedef struct kb_error {
	kb_status_t code;         /**< the status the call returned */
	char msg[KB_ERROR_SIZE];  /**< the message, NUL-terminated, with no
				       trailing newline or full stop */
} kb_error_t;

/** A fixed phrase for a status ("out of memory"), to use when no message
 *  is at hand; "unknown status" for a value out of range.  Never NULL;
 *  the string is static. */
const char *kb_status_to_string(kb_status_t status);

/** The library version, e.g. "0.1.0"; a static string. */
const char *kb_version(void);

/* ------------------------------------------------------------------ */
/* Articles and the corpus reader                                      */

/** One article as read from the corpus: a read-only view that belongs to
 *  the reader (see kb_reader_next()).  Strings are UTF-8 with LF line
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

/** An open corpus file, read one article at a time.  Opaque. */
typedef struct kb_reader kb_reader_t;

/** Open a corpus file: the scraped page format (a lead article, a line
 *  "相关推荐", then related articles), JSON Lines (.jsonl, .json) or one
 *  plain .txt/.md article.  @encoding names the input encoding for iconv,
 *  or NULL to accept UTF-8 (with or without BOM) and fall back to GB18030.
 *  The whole file is read and decoded here; *out belongs to the caller,
 *  who closes it with kb_reader_close().
 *  Return value: KB_OK; KB_ERR_IO if the file cannot be read;
 *  KB_ERR_ENCODING if it is neither UTF-8 nor @encoding/GB18030 (the
 *  message names the byte offset); KB_ERR_INVALID_ARG for a file type the
 *  reader does not know, an encoding iconv does not know, or a file too
 *  large to read; KB_ERR_NOMEM. */
kb_status_t kb_reader_open(const char *path, const char *encoding,
			   kb_reader_t **out, kb_error_t *err);

/** The next article, or *out = NULL at the end.  The article belongs to the
 *  reader and is valid until the next call or kb_reader_close().
 *  Return value: KB_OK; KB_ERR_PARSE for a malformed record (the message
 *  names file and line); KB_ERR_NOMEM. */
kb_status_t kb_reader_next(kb_reader_t *reader, const kb_article_t **out,
			   kb_error_t *err);

/** A digest of the file's decoded content, so an unchanged file can be
 *  skipped: 16 hex digits.  The string belongs to @reader and is valid
 *  until kb_reader_close(). */
const char *kb_reader_digest(const kb_reader_t *reader);

/** Close @reader and free everything it handed out; NULL is allowed. */
void kb_reader_close(kb_reader_t *reader);

/* ------------------------------------------------------------------ */
/* Facts                                                               */

/** A named detail of a fact: a region's code and province, a hospital's
 *  grade and department.  A read-only view owned with its fact. */
typedef struct kb_attr {
	const char *key;
	const char *value;
} kb_attr_t;

/** A fact stated by a passage or an article, found at index time.  A
 *  read-only view: it belongs to the kb_results_t of its hit, as do its
 *  strings and attrs. */
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

/** An index open for writing.  Opaque; one writer per index at a time. */
typedef struct kb_indexer kb_indexer_t;

/** What happened to one file: filled by kb_indexer_add_file(). */
typedef struct kb_file_stats {
	unsigned articles;  /**< articles read */
	unsigned passages;  /**< passages written */
	int unchanged;      /**< 1 when the file was already indexed as it is */
	long bytes;         /**< bytes read */
} kb_file_stats_t;

/** Open (creating if needed) the index at @path for writing.  *out
 *  belongs to the caller, who ends with kb_indexer_close() or
 *  kb_indexer_abandon().
 *  Return value: KB_OK; KB_ERR_INDEX_LOCKED if another writer has it;
 *  KB_ERR_NO_INDEX if @path is a folder that holds other files and no
 *  index; KB_ERR_INDEX_VERSION if it holds an index of another format or
 *  a Xapian database that is not a kbsearch index; KB_ERR_INDEX_CORRUPT;
 *  KB_ERR_IO if the folder cannot be made; KB_ERR_NOMEM. */
kb_status_t kb_indexer_open(const char *path, kb_indexer_t **out,
			    kb_error_t *err);

/** Add or replace the articles of one corpus file.  An unchanged file is
 *  skipped (stats->unchanged = 1).  Changes are committed in batches at
 *  article boundaries; on failure the index keeps its last committed
 *  state.  @encoding is as for kb_reader_open().  @stats may be NULL; it
 *  is zeroed first, then filled.
 *  Return value: KB_OK; the statuses of kb_reader_open() and
 *  kb_reader_next() for the file; KB_ERR_IO if the file changed while it
 *  was read; the index statuses (KB_ERR_INDEX_CORRUPT, KB_ERR_XAPIAN,
 *  ...) when writing fails; KB_ERR_NOMEM. */
kb_status_t kb_indexer_add_file(kb_indexer_t *ix, const char *path,
				const char *encoding, kb_file_stats_t *stats,
				kb_error_t *err);

/** Remove every article read from @path (the file itself need not exist
 *  any more).  *removed (may be NULL) gets the number of passages removed;
 *  0 when the file was not indexed.  Committed with the next batch.
 *  Return value: KB_OK, also when nothing was removed; the index statuses
 *  when reading or writing fails; KB_ERR_NOMEM. */
kb_status_t kb_indexer_delete_file(kb_indexer_t *ix, const char *path,
				   unsigned *removed, kb_error_t *err);

/** Commit what has been added and removed so far, so that readers see it.
 *  Return value: KB_OK; KB_ERR_IO, KB_ERR_INDEX_CORRUPT or KB_ERR_XAPIAN
 *  when the commit fails (the index keeps its previous state). */
kb_status_t kb_indexer_commit(kb_indexer_t *ix, kb_error_t *err);

/** Commit and close.  @ix is freed whatever the outcome, and NULL is
 *  allowed (KB_OK).  Use kb_indexer_abandon() to close without committing
 *  the current batch.
 *  Return value: as for kb_indexer_commit(). */
kb_status_t kb_indexer_close(kb_indexer_t *ix, kb_error_t *err);

/** With @on, kb_indexer_close() ends by rewriting the index compact
 *  (Xapian's compactor: every table rewritten full, typically a third
 *  smaller, and faster to search) and putting it in place of the old one
 *  in one step; readers see the old index or the new one.  It needs room
 *  for a second copy while it runs.  A failure leaves the index as it was
 *  after the final commit (KB_ERR_IO and the like). */
void kb_indexer_set_compact(kb_indexer_t *ix, int on);

/** Close without committing: the index keeps its last committed state.
 *  Frees @ix; NULL is allowed. */
void kb_indexer_abandon(kb_indexer_t *ix);

/** Whether passages are read for facts (numbers, places, institutions,
 *  schemes): on by default.  Off is for measuring what extraction costs;
 *  the article's own facts (category, date, answer, flags) are kept. */
void kb_indexer_set_passage_facts(kb_indexer_t *ix, int on);

/** Commit whenever the current batch holds @passages passages or more
 *  (checked after each article, so a batch ends at an article boundary
 *  and an interrupted run never leaves part of an article); 0 restores
 *  the default: a tenth of the index, from 1,000 to 20,000 passages.
 *  Smaller batches make more of a long run durable before it ends, at the
 *  cost of more commits (which in a large index are many scattered
 *  writes); larger ones hold more in memory, and Xapian's structures for
 *  a batch cost more per posting as they grow. */
void kb_indexer_set_batch(kb_indexer_t *ix, unsigned passages);

/** Store the user's synonym list in the file @path in the index: the
 *  format of the built-in list (one group of words that mean the same per
 *  line, separated by tabs or spaces; '#' starts a comment line), read as
 *  UTF-8.  The index's synonym table becomes the built-in list and this
 *  one (a word in both gets the words of all its groups), and later runs
 *  keep the list until another replaces it; a file with no group removes
 *  it.  The file is read and checked whole before anything is written;
 *  the change is committed with the next batch.  *groups (may be NULL)
 *  gets the number of groups.
 *  Return value: KB_OK; KB_ERR_IO if the file cannot be read;
 *  KB_ERR_INVALID_ARG if it is larger than 1 MiB; KB_ERR_ENCODING for
 *  invalid UTF-8 and KB_ERR_PARSE for a group of one word or of more than
 *  32, or a word without a letter or longer than 60 bytes (the message
 *  names the file and line); the index statuses when writing fails;
 *  KB_ERR_NOMEM. */
kb_status_t kb_indexer_set_synonyms(kb_indexer_t *ix, const char *path,
				    unsigned *groups, kb_error_t *err);

/** Read and check the synonym list in the file @path as
 *  kb_indexer_set_synonyms() would, without an index, so that a bad list
 *  is refused before an index is opened.  *groups (may be NULL) gets the
 *  number of groups.
 *  Return value: as for kb_indexer_set_synonyms(), without the index
 *  statuses. */
kb_status_t kb_synonyms_check(const char *path, unsigned *groups,
			      kb_error_t *err);

/* ------------------------------------------------------------------ */
/* Searching                                                           */

/** An index open for searching.  Opaque. */
typedef struct kb_db kb_db_t;

/** A sharded index: a folder of @n ordinary indexes, shard-0 ... shard-(n-1),
 *  and a Xapian stub file, XAPIANDB, listing them, which kb_db_open() and
 *  Xapian's own tools read as one index.  Each article goes to the shard
 *  its id hashes to; each shard is written by its own thread. */
typedef struct kb_shards kb_shards_t;

#define KB_SHARDS_MAX 64

/** What happened to one file in every shard (kb_shards_run). */
typedef struct kb_shard_file {
	kb_status_t status;    /**< the first shard's error, else KB_OK */
	char msg[KB_ERROR_SIZE];
	kb_file_stats_t stats; /**< summed; unchanged when in every shard */
	unsigned removed;      /**< passages deleted, summed */
} kb_shard_file_t;

/** The number of shards of the index at @dir in *count: 0 when it is not
 *  a sharded index (or not there). */
kb_status_t kb_shards_stored(const char *dir, unsigned *count,
			     kb_error_t *err);
/** Open, or create, the sharded index at @dir with @n shards (0: as many
 *  as it has).  A different @n than it has, or an index of one shard at
 *  @dir, is refused with KB_ERR_INVALID_ARG ("index 'x' has 2 shards, not
 *  3: ..."); otherwise errors as for kb_indexer_open(). */
kb_status_t kb_shards_open(const char *dir, unsigned n, kb_shards_t **out,
			   kb_error_t *err);
unsigned kb_shards_count(const kb_shards_t *sh);
/** Shard @i's indexer, for kb_indexer_set_*(); owned by @sh. */
kb_indexer_t *kb_shards_indexer(kb_shards_t *sh, unsigned i);
/** Add (or with @deleting, delete) the @nfiles @files in every shard at
 *  once, one thread a shard; @results[i] tells about @files[i] (a NULL
 *  entry is left out).  Return value: KB_OK, or the first error that is
 *  not a file's own (as kb_indexer_add_file() returns them). */
kb_status_t kb_shards_run(kb_shards_t *sh, char *const *files, size_t nfiles,
			  const char *encoding, int deleting,
			  kb_shard_file_t *results, kb_error_t *err);
/** Commit every shard and close; as kb_indexer_close(). */
kb_status_t kb_shards_close(kb_shards_t *sh, kb_error_t *err);
void kb_shards_abandon(kb_shards_t *sh);

/** Open the index at @path for searching.  *out belongs to the caller,
 *  who closes it with kb_db_close().  Readers see the index as it was
 *  last committed; a writer may work at the same time.
 *  Return value: KB_OK; KB_ERR_NO_INDEX when nothing is there ("no index
 *  at '/x'"); KB_ERR_INDEX_CORRUPT; KB_ERR_INDEX_VERSION for an index of
 *  another format or a Xapian database that is not a kbsearch index;
 *  KB_ERR_NOMEM. */
kb_status_t kb_db_open(const char *path, kb_db_t **out, kb_error_t *err);

/** Open the @n indexes at @paths as one, searched with the ranking one
 *  index holding all their documents would give.  Each path is an index
 *  folder, a sharded index folder (kbindex --shards), a Xapian stub file
 *  listing databases, or "tcp://HOST:PORT" for an index served by
 *  xapian-tcpsrv (so is kb_db_open()'s).  Each must be a kbsearch index of
 *  this format.
 *  Return value: as for kb_db_open(), the message naming the index that
 *  failed ("cannot open index 'tcp://127.0.0.1:1': NetworkError: ..."). */
kb_status_t kb_db_open_many(const char *const *paths, size_t n,
			    kb_db_t **out, kb_error_t *err);

/** Whether @db can expand queries: *present is 1 when one of its databases
 *  serves a synonym table (every local kbsearch index and a sharded
 *  index's vocab database hold one), 0 when none does, as when every
 *  database is remote: Xapian 1.4's remote backend serves none, and
 *  synonyms, pinyin and typo correction are then off.  Errors as for
 *  kb_db_search(). */
kb_status_t kb_db_has_vocabulary(kb_db_t *db, int *present,
				 kb_error_t *err);

/** Close @db; NULL is allowed.  Results it produced stay valid: they
 *  own copies of everything they hold. */
void kb_db_close(kb_db_t *db);

/** Number of passages and of articles in the index; either pointer may
 *  be NULL.
 *  Return value: KB_OK; KB_ERR_INDEX_MODIFIED, KB_ERR_INDEX_CORRUPT or
 *  KB_ERR_XAPIAN when the index cannot be read. */
kb_status_t kb_db_counts(kb_db_t *db, unsigned *passages, unsigned *articles,
			 kb_error_t *err);

/** How to search: filled by the caller, who may zero it for the defaults
 *  (or pass NULL to kb_db_search()).  Read only during the call. */
typedef struct kb_search_opts {
	unsigned offset;   /**< hits to skip (at most 100000) */
	unsigned limit;    /**< hits to return (0 means 10; at most 1000) */
	int all_passages;  /**< 1: every matching passage, not one per article */
	/** Filters such as "region:江西" or "percent:>=50" (see
	 *  doc/kbsearch.1), each narrowing the search; the query text may
	 *  hold them too. */
	const char *const *filters;
	size_t nfilters;
	int facets;        /**< 1: count the matching articles by province,
			        city, insurance scheme and category.  A
			        kb_db_t that has counted facets over a
			        fortieth of its passages keeps a table of
			        them, 12 bytes a passage, until the index
			        changes (one index, not shards) */
	int explain;       /**< 1: keep the query as given to Xapian, for
			        kb_results_query_description() */
} kb_search_opts_t;

/** A highlighted span of a passage: byte offsets [start, end).  A
 *  read-only view owned by the results. */
typedef struct kb_span {
	size_t start, end;
} kb_span_t;

/** One hit: the best passage of an article (or, with all_passages, one
 *  passage).  A read-only view: the hit, its strings, spans and facts
 *  belong to the kb_results_t and are valid until kb_results_destroy().
 *  Strings are UTF-8 and never NULL; absent ones are "". */
typedef struct kb_hit {
	unsigned rank;           /**< 1-based, counting from offset 0 */
	const char *article_id;  /**< 16 hex digits, as kb_article_t.id */
	const char *title;
	const char *passage;     /**< the passage text the spans point into */
	const kb_span_t *spans;  /**< matched terms in passage, in order */
	size_t nspans;
	double score;            /**< relevance; higher is better, only
				      comparable within one search */
	const char *category;
	const char *date;        /**< "YYYY-MM-DD" or "" */
	const char *source;      /**< the corpus file the article came from */
	const kb_fact_t *facts;  /**< the passage's and the article's facts;
				      an "answer" fact, when there is one,
				      is the leading answer to a question */
	size_t nfacts;
} kb_hit_t;

/** What one search found.  Opaque; owns every hit, span, fact and facet
 *  it hands out. */
typedef struct kb_results kb_results_t;

/** How many matching articles have a value of a field: a read-only view
 *  owned by the results. */
typedef struct kb_facet {
	const char *field; /**< "province", "city", "insurance", "category" */
	const char *value;
	unsigned count;
} kb_facet_t;

/** Search.  @query is what a user typed (UTF-8): keywords, a phrase, or a
 *  whole question.  @opts may be NULL for the defaults.  *out belongs to
 *  the caller, who frees it with kb_results_destroy().  Usage:
 *
 *	kb_results_t *res;
 *	kb_error_t err;
 *	if (kb_db_search(db, "异地就医 备案", NULL, &res, &err))
 *		fprintf(stderr, "%s\n", err.msg);
 *	else
 *		for (size_t i = 0; i < kb_results_count(res); i++)
 *			puts(kb_results_hit(res, i)->title);
 *	kb_results_destroy(res);
 *
 *  Return value: KB_OK (possibly with no hits); KB_ERR_BAD_QUERY when the
 *  query has nothing searchable or a filter is malformed;
 *  KB_ERR_INVALID_ARG when limit or offset is out of range; a change
 *  by a writer is retried, and KB_ERR_INDEX_MODIFIED returned when it
 *  keeps happening; other index errors as for kb_db_open();
 *  KB_ERR_NOMEM. */
kb_status_t kb_db_search(kb_db_t *db, const char *query,
			 const kb_search_opts_t *opts, kb_results_t **out,
			 kb_error_t *err);

/** Estimated number of matching hits in all (articles, or passages with
 *  all_passages), of which kb_results_count() were returned. */
unsigned kb_results_total(const kb_results_t *res);

/** Hits returned, at most opts->limit. */
size_t kb_results_count(const kb_results_t *res);

/** Hit @i (0-based), owned by @res and valid until kb_results_destroy();
 *  NULL past the end. */
const kb_hit_t *kb_results_hit(const kb_results_t *res, size_t i);

/** Number of facet counts: 0 unless opts->facets was set. */
size_t kb_results_facet_count(const kb_results_t *res);

/** KB_FACET_SCAN: the matches the facets are counted over, at most.  When
 *  more match, counting them all would cost a search over the whole
 *  matching set (seconds in a million passages), so the counts are of
 *  the first this many matches in index order (a sample of the matching
 *  set that does not lean to the best answers, as the page does), and
 *  kb_results_facets_partial() says so. */
#define KB_FACET_SCAN 2000

/** 1 when the facet counts are of some of the matches only (see
 *  KB_FACET_SCAN), 0 when they are of all of them. */
int kb_results_facets_partial(const kb_results_t *res);

/** Facet count @i (0-based): by field in the order of kb_facet_t.field,
 *  then by count, highest first.  Owned by @res and valid until
 *  kb_results_destroy(); NULL past the end. */
const kb_facet_t *kb_results_facet(const kb_results_t *res, size_t i);

/** One step of how the query was read: a read-only view owned by the
 *  results.  @kind is one of
 *  - "dropped": @from, a question word or filler, was not searched for
 *    (@to is "");
 *  - "synonym": @to was searched for too, with less weight than @from;
 *  - "script": @from, in Traditional characters, was read as @to;
 *  - "pinyin": @from, pinyin, was read as the Chinese @to;
 *  - "corrected": @from, which the index lacks, was read as @to, which
 *    sounds the same;
 *  - "place": @from names a place; articles about @to count more.
 *  Further kinds may be added; a caller shows an unknown one as it is. */
typedef struct kb_expansion {
	const char *kind;
	const char *from;
	const char *to;
} kb_expansion_t;

/** Number of steps in how the query was read (0 if it was searched for
 *  exactly as typed). */
size_t kb_results_expansion_count(const kb_results_t *res);

/** Step @i (0-based), in the order the query was read; owned by @res and
 *  valid until kb_results_destroy(); NULL past the end. */
const kb_expansion_t *kb_results_expansion(const kb_results_t *res,
					   size_t i);

/** Below this confidence the first hit is unlikely to answer the query:
 *  it matches less than half of the weight of the query's words.  Chosen
 *  on the judged queries of the bundled corpus (tests/relevance/README.md):
 *  below it 12 of 14 unanswerable queries are declined against 10 of 127
 *  answerable ones that find something; a higher threshold declines few
 *  more unanswerable queries and many more answerable ones. */
#define KB_CONFIDENCE_WEAK 0.50

/** How well the first hit answers the query, in [0, 1]; 0 without hits.
 *  It is the share of the query's content words (fillers and question
 *  words left out) that the hit's passage matches, each word weighed by
 *  its rarity in the index, ln(1 + passages / (passages with it + 0.5)):
 *  a word counts in full when the passage holds it (or all of its
 *  characters' bigrams), three quarters when it holds only a synonym.
 *  A query of filters alone has confidence 1 when anything passes them.
 *  1 means every word is there; below KB_CONFIDENCE_WEAK the rarest
 *  words of the question are missing, and the hit is most likely about
 *  something else. */
double kb_results_confidence(const kb_results_t *res);

/** When the confidence is below KB_CONFIDENCE_WEAK: a broader query to
 *  suggest, the query's content words that the first hits match, without
 *  its filters (without hits: its words that the index holds at all).
 *  Never the query again: "" when that would keep every word of a query
 *  without filters, when it would keep no word, or when the confidence is
 *  not weak.  Owned by @res. */
const char *kb_results_broader_query(const kb_results_t *res);

/** The query as Xapian was given it, in Xapian's notation
 *  ("Query((...))"), to see how the query was read; "" unless
 *  opts->explain was set.  Owned by @res.  The notation is Xapian's and
 *  may change with it: show it, do not parse it. */
const char *kb_results_query_description(const kb_results_t *res);

/** The query as it was searched when pinyin in it was read as Chinese
 *  or a word the index lacks was corrected (the "pinyin" and "corrected"
 *  steps above), normalized ("yibao 转移" -> "医保 转移"); "" when it was
 *  searched as typed.  Owned by @res, valid until kb_results_destroy(). */
const char *kb_results_corrected_query(const kb_results_t *res);

/** Free @res and everything it handed out; NULL is allowed. */
void kb_results_destroy(kb_results_t *res);

/* ------------------------------------------------------------------ */
/* Reading a whole article                                             */

/** An article as the index holds it, to show it whole: its fields and
 *  every passage, in the article's order.  Owns its strings and is freed
 *  with kb_article_view_destroy(); read its fields, never write them.
 *  Strings are UTF-8 and never NULL; absent ones are "". */
typedef struct kb_article_view {
	const char *article_id;      /**< as kb_hit_t.article_id */
	const char *title;
	const char *category;
	const char *date;            /**< "YYYY-MM-DD" or "" */
	const char *source;          /**< the corpus file it came from */
	const char *const *passages; /**< the passages, first to last */
	size_t npassages;            /**< at least 1 */
} kb_article_view_t;

/** The article @article_id (a kb_hit_t.article_id) with all its passages.
 *  *out belongs to the caller, who frees it with
 *  kb_article_view_destroy(); it is NULL, and the status KB_OK, when the
 *  index holds no article with that id.
 *  Return value: KB_OK; KB_ERR_INVALID_ARG for an empty id; a change by a
 *  writer is retried, and KB_ERR_INDEX_MODIFIED returned when it keeps
 *  happening; KB_ERR_INDEX_CORRUPT or KB_ERR_XAPIAN when the index cannot
 *  be read; KB_ERR_NOMEM. */
kb_status_t kb_db_article(kb_db_t *db, const char *article_id,
			  kb_article_view_t **out, kb_error_t *err);

/** Free @view and its strings; NULL is allowed. */
void kb_article_view_destroy(kb_article_view_t *view);

#ifdef __cplusplus
}
#endif
#endif /* KBSEARCH_H */
