/* emit.h - the output formats of the search results, behind one vtable.
 *
 * As notmuch's sprinter: the caller drives an emitter through a fixed
 * sequence and each format (emit-text.c, emit-json.c, emit-html.c) decides
 * what that looks like.  The sequence is
 *
 *	begin_results, then hit for each hit (or no_results when there is
 *	none), then facets when they were asked for, then end_results, then
 *	destroy.
 *
 * Emitters write to a FILE and never exit: each call returns 0, or -1 when
 * it ran out of memory.  Write errors are left in the FILE for the caller
 * to find (ferror, close_stdout).  Text from the index is untrusted: every
 * format escapes it for its target.
 */
#ifndef KB_EMIT_H
#define KB_EMIT_H

#include <stdio.h>
#include <string.h>

#include "kbsearch.h"

/* What is known about the results as a whole. */
typedef struct emit_results {
	const char *query; /* as searched: the words joined by spaces */
	unsigned total;    /* the engine's estimate of all matches */
	unsigned offset;   /* hits skipped before the first one shown */
	size_t count;      /* hits that follow */
	int facets;        /* 1 when facets were asked for: facets() follows */
	/* the confidence and how the query was read, or NULL */
	const kb_results_t *results;
	int explain;       /* 1: show how the query was read (--explain) */
	const char *corrected; /* kb_results_corrected_query(): "" or the
				  query as searched instead */
} emit_results_t;

/* 1 when the results are known to answer the query poorly (first page). */
static inline int
emit_weak(const emit_results_t *res)
{
	return res->results && !res->offset &&
	       kb_results_confidence(res->results) < KB_CONFIDENCE_WEAK;
}

typedef struct emitter emitter_t;

struct emitter {
	int (*begin_results)(emitter_t *e, const emit_results_t *res);
	int (*hit)(emitter_t *e, const kb_hit_t *hit);
	int (*no_results)(emitter_t *e, const emit_results_t *res);
	/* The facet counts of the whole matching set: kb_results_facet(),
	 * grouped by field and by count within a field. */
	int (*facets)(emitter_t *e, const emit_results_t *res,
		      const kb_results_t *results);
	int (*end_results)(emitter_t *e, const emit_results_t *res);
	void (*destroy)(emitter_t *e); /* accepts NULL through emit_destroy */
};

/* Text for people.  @color: 1 to mark titles and matches with ANSI
 * escapes, 0 for plain text.  NULL when out of memory. */
emitter_t *emit_text_create(FILE *out, int color);

/* One JSON object, the shape of doc/json-schema.md.  NULL when out of
 * memory. */
emitter_t *emit_json_create(FILE *out);

/* The search page of kbsearch.cgi: what the request asked, for the search
 * box, the facet links and the page links, which repeat it. */
typedef struct emit_html_page {
	const char *query;          /* the words typed (q=), UTF-8 */
	const char *const *filters; /* the filters chosen (f=), in order */
	size_t nfilters;
	unsigned page_size;         /* hits a page shows */
	unsigned max_start;         /* no page link skips more hits */
} emit_html_page_t;

/* An HTML5 document: the search box, the hits with their facts, the page
 * links and the facet links.  Every piece of text is escaped where it is
 * placed.  @page must outlive the emitter.  NULL when out of memory. */
emitter_t *emit_html_create(FILE *out, const emit_html_page_t *page);

/* A whole page with the search box and, in place of results, @title and
 * @message (plain text, escaped here): why there are none (a bad request,
 * the index unavailable).  With @title NULL, the front page.  0, or -1
 * when out of memory. */
int emit_html_message(FILE *out, const emit_html_page_t *page,
		      const char *title, const char *message);

/* The facet fields, in the order they are shown; every format shows each
 * of them, empty or not, so a reader can tell "none" from "not counted". */
static const char *const emit_facet_fields[] = {
	"province", "city", "insurance", "category",
};
#define EMIT_FACET_FIELDS (sizeof emit_facet_fields / sizeof *emit_facet_fields)

/* A field of a hit: the library gives "" for an absent one, but an
 * emitter must not crash on NULL either. */
static inline const char *
emit_str(const char *s)
{
	return s ? s : "";
}

static inline void
emit_destroy(emitter_t *e)
{
	if (e)
		e->destroy(e);
}

/* 1 when @f is the article's answer read again by another extractor (the
 * 45% an article opens with is also a percentage): the answer has a place
 * of its own, so the facts need not say it twice. */
static inline int
emit_restates_answer(const kb_fact_t *f, const kb_hit_t *hit)
{
	size_t n = hit->facts ? hit->nfacts : 0;

	if (f->start < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(emit_str(hit->facts[i].type), "answer") == 0 &&
		    hit->facts[i].start == f->start &&
		    hit->facts[i].end == f->end)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Walking a passage as plain and matched segments                     */

/* The library promises spans in order, inside the passage and on
 * character boundaries; formats still must not read out of bounds, repeat
 * text or cut a character in two when a span is off, so overlapping spans
 * are merged, spans past the end are cut and ends are moved out to the
 * nearest character boundary. */
typedef struct emit_segments {
	const char *text;
	size_t len;
	const kb_span_t *spans;
	size_t nspans;
	size_t pos;  /* bytes of text already returned */
	size_t next; /* first span not yet returned */
} emit_segments_t;

static inline void
emit_segments_init(emit_segments_t *it, const kb_hit_t *hit)
{
	const char *text = emit_str(hit->passage);
	size_t n = 0;

	while (text[n])
		n++;
	it->text = text;
	it->len = n;
	it->spans = hit->spans;
	it->nspans = hit->spans ? hit->nspans : 0;
	it->pos = 0;
	it->next = 0;
}

/* @i moved forward past UTF-8 continuation bytes, at most to the end. */
static inline size_t
emit_char_boundary(const emit_segments_t *it, size_t i)
{
	if (i > it->len)
		return it->len;
	while (i < it->len && ((unsigned char)it->text[i] & 0xc0) == 0x80)
		i++;
	return i;
}

/* The next segment: 1 with *s, *n and *match set, or 0 at the end.
 * Segments are never empty and together are the whole passage. */
static inline int
emit_segments_next(emit_segments_t *it, const char **s, size_t *n,
		   int *match)
{
	size_t start = it->len, end = it->len;

	if (it->pos >= it->len)
		return 0;
	/* the next span that still covers unreturned text */
	while (it->next < it->nspans) {
		const kb_span_t *sp = &it->spans[it->next];

		if (sp->start < sp->end &&
		    emit_char_boundary(it, sp->end) > it->pos) {
			start = sp->start < it->pos ? it->pos :
				sp->start > it->len ? it->len : sp->start;
			/* a start inside a character moves back to it */
			while (start > it->pos &&
			       ((unsigned char)it->text[start] & 0xc0) == 0x80)
				start--;
			break;
		}
		it->next++;
	}
	*s = it->text + it->pos;
	*match = start == it->pos;
	if (!*match) {
		*n = start - it->pos;
		it->pos = start;
		return 1;
	}
	end = emit_char_boundary(it, it->spans[it->next].end);
	for (it->next++; it->next < it->nspans &&
	     it->spans[it->next].start <= end; it->next++)
		if (emit_char_boundary(it, it->spans[it->next].end) > end)
			end = emit_char_boundary(it, it->spans[it->next].end);
	*n = end - it->pos;
	it->pos = end;
	return 1;
}

#endif
