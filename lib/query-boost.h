/* query-boost.h - what the way a question is asked says about its answer,
 * and how well a hit answers it.
 *
 * Intents: a question phrase says which kind of fact the answer holds
 * (多少钱 a money amount, 比例 a percentage, 多久 a duration, 哪家医院 an
 * institution, 什么时候 a date).  Places: a province, city or county the
 * query names (through the gazetteer the region extractor uses) counts
 * toward articles that name it.  Both are boosts (AND_MAYBE), never
 * filters: a passage with the fact or place ranks higher among those that
 * match the words, and nothing that matches the words is lost.  Boolean
 * terms carry no BM25 weight, so the boost is a fixed weight, scaled by
 * the mean weight of the query's word groups: an intent is worth
 * QBOOST_INTENT_SHARE of a word, a place QBOOST_PLACE_SHARE.
 *
 * Confidence: each content word group of the plan has a weight, the
 * rarity of its word in the index, w = ln(1 + N / (df + 0.5)) with N the
 * passages and df the passages that hold the word (its term, or all of
 * its bigrams, whichever is more); 1 without an index.  A hit matches a
 * group when Xapian's matching terms for it include the word's term, or
 * all of its bigrams (credit 1), or else those of a synonym (credit
 * QBOOST_SYNONYM_CREDIT).  Its confidence is sum(w * credit) / sum(w).
 */
#ifndef KB_QUERY_BOOST_H
#define KB_QUERY_BOOST_H

#include "query.h"

#define QBOOST_INTENT_SHARE 0.25
#define QBOOST_PLACE_SHARE 1.0
#define QBOOST_SYNONYM_CREDIT 0.75

/* Start a content word group for @len bytes of normalized @s (@han: all
 * Han, of @nchars characters), weighed by its rarity in @db (NULL: 1). */
kb_status_t qconf_group(query_plan_t *plan, xc_db *db, const char *s,
			size_t len, int han, unsigned nchars, kb_error_t *err);

/* A synonym of the last group's word, matched by its term or, with
 * @with_chain, its bigrams.  Out of memory is sticky in plan->alts. */
void qconf_synonym(query_plan_t *plan, const char *s, size_t len, int han,
		   unsigned nchars, int with_chain);

/* Wrap *@main (the words' query, may be NULL) in the boosts for the
 * intents and places of @text (normalized words), noting places. */
kb_status_t qboost_apply(query_plan_t *plan, const char *text,
			 xc_query **main, kb_error_t *err);

/* The fact types (XT terms) the question phrases of @text ask for, each
 * once, in table order, at most @max.  Returns how many. */
size_t qboost_intents(const char *text, const char **types, size_t max);

/* The confidence of a document whose matching terms are @terms (each
 * NUL-terminated, @len bytes in all); credit[g] (plan->ngroups entries,
 * may be NULL) gets the credit of each group.  1 when the plan has no
 * word groups (filters alone). */
double qconf_score(const query_plan_t *plan, const char *terms, size_t len,
		   double *credit);

/* Into @out: the words of groups with credit[g] > 0, space-separated,
 * when that drops a word or the filters, and keeps a word; else "": never
 * the query's words again (a query no broader than it). */
void qconf_broader(const query_plan_t *plan, const double *credit,
		   kb_buf *out);

/* The confidence of the first of the @nhits hits of @m and, when it is
 * below KB_CONFIDENCE_WEAK, the broader query (qconf_broader) from the
 * groups the first QCONF_TOP_HITS match or, without hits, the groups
 * whose word the index has at all (else ""), into @broader.  0 without
 * hits. */
#define QCONF_TOP_HITS 3
kb_status_t qconf_results(const query_plan_t *plan, xc_mset *m, size_t nhits,
			  double *confidence, kb_buf *broader,
			  kb_error_t *err);

void qconf_release(query_plan_t *plan);

#endif
