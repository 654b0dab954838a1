/* facts.h - where facts are found.
 *
 * Facts are extracted at index time and stored with each passage (see
 * record.h).  An article states some facts as a whole (its category, its
 * date, the direct answer it leads with); a passage states others.
 */
#ifndef KB_FACTS_H
#define KB_FACTS_H

#include "kb-private.h"
#include "../util/arena.h"

/* A growing list of facts whose strings live in the list's arena. */
typedef struct facts {
	kb_fact_t *items;
	size_t n, cap;
	kb_arena arena;
} facts_t;

#define FACTS_INIT { NULL, 0, 0, KB_ARENA_INIT }

void facts_clear(facts_t *f);   /* empty, ready for the next article */
void facts_release(facts_t *f); /* free everything */

/* Append a fact; the strings are copied.  NULL strings become "". */
kb_status_t facts_add(facts_t *f, const char *type, const char *label,
		      const char *value, const char *unit, const char *text,
		      double min, double max, long start, long end,
		      kb_error_t *err);

/* Add a detail to the fact added last. */
kb_status_t facts_add_attr(facts_t *f, const char *key, const char *value,
			   kb_error_t *err);

/* The facts @article states as a whole: "category", "date" and "answer"
 * (the short answer the body leads with, such as 可以, 不需要 or 45%).
 * Offsets are into article->body, or -1. */
kb_status_t facts_extract_article(const kb_article_t *article, facts_t *out,
				  kb_error_t *err);

/* Reusable buffers for facts_extract_text (normalized text, offset map). */
typedef struct fact_scratch fact_scratch_t;
kb_status_t fact_scratch_create(fact_scratch_t **out, kb_error_t *err);
void fact_scratch_destroy(fact_scratch_t *s);

/* The facts a passage states: percentages, money, durations, dates,
 * regions, institutions, insurance schemes, contacts (fact-extract.h).
 * Offsets are into @text. */
kb_status_t facts_extract_text(fact_scratch_t *s, const char *text,
			       size_t len, facts_t *out, kb_error_t *err);

/* The short answer a body leads with: its first space-separated token when
 * it is short, free of clause punctuation and followed by more text.
 * Returns its length in bytes (0 when there is none). */
size_t facts_leading_answer(const char *body, size_t len);

#endif
