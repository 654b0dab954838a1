/* query.h - where a user's query becomes Xapian's.
 *
 * The query is segmented as documents are.  Each content word becomes a
 * synonym group of its word term and the phrase of its Han bigrams (so it
 * matches however the document was segmented), the groups are OR-ed (a
 * question need not match every word; BM25 ranks by how much matches and
 * how well), a word's synonyms (data/synonyms.tsv, stored in the index)
 * match too with less weight, and words that stand together in the query
 * give a boost to passages where they stand together too.  Question words and fillers
 * (怎么, 吗, 请问 ...) are left out unless nothing else is left.
 */
#ifndef KB_QUERY_H
#define KB_QUERY_H

#include "kb-private.h"
#include "segment.h"
#include "../xapian-c/xc.h"

/* What reading the query did to its words, in the order it happened: the
 * caller sees them as kb_expansion_t (kbsearch.h), whose kind names are
 * those of query_note_kind_name(). */
typedef enum query_note_kind {
	QUERY_NOTE_DROPPED,   /* a question word or filler, not searched for */
	QUERY_NOTE_SYNONYM,   /* a synonym searched for too, with less weight */
	QUERY_NOTE_SCRIPT,    /* Traditional characters read as Simplified */
	QUERY_NOTE_PINYIN,    /* pinyin read as the Chinese word it spells */
	QUERY_NOTE_CORRECTED, /* a word the index lacks, read as one it has */
	QUERY_NOTE_PLACE,     /* a place, counted toward articles about it */
	QUERY_NOTE_KINDS
} query_note_kind_t;

/* At most this many content words (word groups) are searched for. */
#define QUERY_MAX_GROUPS 32

typedef struct query_plan {
	xc_query *query; /* owned */
	kb_buf words;    /* content words, normalized, each NUL-terminated */
	size_t nwords;
	kb_buf notes;    /* each: kind byte, from, NUL, to, NUL */
	size_t nnotes;
	/* what each content word group matches, for kb_results_confidence
	 * (query-boost.h) */
	kb_buf groups;   /* each group's word, NUL-terminated */
	double gweight[QUERY_MAX_GROUPS];
	unsigned gdf[QUERY_MAX_GROUPS]; /* passages with the word (1 without
					   an index) */
	size_t ngroups;
	kb_buf alts;     /* each: group + 1, 'E' (the word) or 'S' (a synonym),
			    the terms that must all match, '\t'-separated, NUL */
	int filtered;    /* filters narrowed the query */
	kb_buf corrected; /* the query as searched, when query-spell.h
			     changed it; else empty */
} query_plan_t;

#define QUERY_PLAN_INIT { NULL, KB_BUF_INIT, 0, KB_BUF_INIT, 0, KB_BUF_INIT, \
			  { 0 }, { 0 }, 0, KB_BUF_INIT, 0, KB_BUF_INIT }

/* Build the plan for @text, whose "key:value" words are filters
 * (filter.h), narrowed by the @nfilters @filters given apart (each must be
 * a filter).  A word with synonyms in @syn's synonym table (NULL: none)
 * matches them too, with less weight than itself.  KB_ERR_BAD_QUERY when it has neither words nor filters
 * ("query '...' has no words to search for"), or for a bad filter. */
kb_status_t query_build(seg_t *seg, xc_db *syn, const char *text,
			const char *const *filters, size_t nfilters,
			query_plan_t *plan, kb_error_t *err);
void query_plan_release(query_plan_t *plan);

/* Record that @from (@fromlen bytes) was read as @to (@tolen bytes; ""
 * for a dropped word).  Out of memory is sticky in plan->notes. */
void query_note(query_plan_t *plan, query_note_kind_t kind, const char *from,
		size_t fromlen, const char *to, size_t tolen);

/* "dropped", "synonym", "script", "pinyin", "corrected", "place". */
const char *query_note_kind_name(query_note_kind_t kind);

/* 1 if @word (normalized) is a question word or filler. */
int query_is_stopword(const char *word, size_t len);

/* The stopword table (sorted in byte order), for tests. */
const char *const *query_stopwords(size_t *n);

#endif
