/* emit-json.c - the results as one JSON object (doc/json-schema.md).
 *
 * Every change to what is written here changes the schema: update
 * doc/json-schema.md and, when a consumer could break, the version. */
#include <config.h>

#include "emit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "modes.h"

#define JSON_SCHEMA_VERSION 1

typedef struct json_emitter {
	emitter_t base; /* first, so an emitter_t * is a json_emitter * */
	FILE *out;
	kb_buf b;
	size_t nhits; /* hits written so far, for the commas */
	int hits_closed; /* the "hits" array has its ']' */
	char *id;     /* a JSON value to write as "id" first, or NULL */
	size_t id_len;
} json_emitter_t;

static void
json_str(kb_buf *b, const char *s)
{
	s = emit_str(s);
	json_string(b, s, strlen(s));
}

static void
json_key(kb_buf *b, const char *key)
{
	buf_addch(b, '"');
	buf_addstr(b, key);
	buf_addstr(b, "\":");
}

/* A number with @decimals digits after the point, or, when @decimals is
 * negative, in 15 significant digits: enough for any value a corpus
 * states, and 0.7 stays 0.7, not 0.69999999999999996.  NaN and the
 * infinities have no JSON form: null. */
static void
json_number(kb_buf *b, double v, int decimals)
{
	if (!isfinite(v))
		buf_addstr(b, "null");
	else if (decimals >= 0)
		buf_addf(b, "%.*f", decimals, v);
	else
		buf_addf(b, "%.15g", v);
}

/* Write the buffer out and empty it; -1 when it failed. */
static int
json_flush(json_emitter_t *j)
{
	if (buf_failed(&j->b)) {
		buf_reset(&j->b);
		return -1;
	}
	fwrite(j->b.buf, 1, j->b.len, j->out);
	buf_reset(&j->b);
	return 0;
}

/* "confidence" (two decimals, whatever the locale) and "broader_query". */
static void
json_confidence(kb_buf *b, const emit_results_t *res)
{
	long c;

	if (!res->results)
		return;
	c = lround(kb_results_confidence(res->results) * 100);
	buf_addf(b, "\"confidence\":%ld.%02ld,", c / 100, c % 100);
	json_key(b, "broader_query");
	json_str(b, kb_results_broader_query(res->results));
	buf_addch(b, ',');
}

/* How the query was read: "expansions" always, and with --explain the
 * query as Xapian was given it; each followed by a comma. */
static void
json_expansions(kb_buf *b, const emit_results_t *res)
{
	size_t n = res->results ? kb_results_expansion_count(res->results) : 0;
	const kb_expansion_t *x;

	json_key(b, "expansions");
	buf_addch(b, '[');
	for (size_t i = 0; i < n && (x = kb_results_expansion(res->results, i));
	     i++) {
		if (i)
			buf_addch(b, ',');
		buf_addch(b, '{');
		json_key(b, "kind");
		json_str(b, x->kind);
		buf_addch(b, ',');
		json_key(b, "from");
		json_str(b, x->from);
		buf_addch(b, ',');
		json_key(b, "to");
		json_str(b, x->to);
		buf_addch(b, '}');
	}
	buf_addstr(b, "],");
	if (res->explain && res->results) {
		json_key(b, "query_description");
		json_str(b, kb_results_query_description(res->results));
		buf_addch(b, ',');
	}
}

static int
json_begin_results(emitter_t *e, const emit_results_t *res)
{
	json_emitter_t *j = (json_emitter_t *)e;
	kb_buf *b = &j->b;

	buf_addch(b, '{');
	if (j->id) {
		json_key(b, "id");
		buf_add(b, j->id, j->id_len);
		buf_addch(b, ',');
	}
	buf_addf(b, "\"version\":%d,", JSON_SCHEMA_VERSION);
	json_key(b, "query");
	json_str(b, res->query);
	buf_addch(b, ',');
	json_key(b, "corrected_query");
	json_str(b, res->corrected ? res->corrected : "");
	buf_addf(b, ",\"total\":%u,\"offset\":%u,", res->total,
		 res->offset);
	json_confidence(b, res);
	json_expansions(b, res);
	json_key(b, "hits");
	buf_addch(b, '[');
	j->nhits = 0;
	j->hits_closed = 0;
	return json_flush(j);
}

static void
json_fact(kb_buf *b, const kb_fact_t *f)
{
	buf_addch(b, '{');
	json_key(b, "type");
	json_str(b, f->type);
	buf_addch(b, ',');
	json_key(b, "label");
	json_str(b, f->label);
	buf_addch(b, ',');
	json_key(b, "value");
	json_str(b, f->value);
	buf_addch(b, ',');
	json_key(b, "unit");
	json_str(b, f->unit);
	buf_addch(b, ',');
	json_key(b, "text");
	json_str(b, f->text);
	buf_addch(b, ',');
	json_key(b, "min");
	json_number(b, f->min, -1);
	buf_addch(b, ',');
	json_key(b, "max");
	json_number(b, f->max, -1);
	buf_addch(b, ',');
	json_key(b, "start");
	if (f->start >= 0)
		buf_addf(b, "%ld", f->start);
	else
		buf_addstr(b, "null");
	buf_addch(b, ',');
	json_key(b, "end");
	if (f->end >= 0)
		buf_addf(b, "%ld", f->end);
	else
		buf_addstr(b, "null");
	buf_addch(b, ',');
	json_key(b, "attrs");
	buf_addch(b, '{');
	for (size_t i = 0; i < f->nattrs; i++) {
		if (i)
			buf_addch(b, ',');
		json_str(b, f->attrs[i].key);
		buf_addch(b, ':');
		json_str(b, f->attrs[i].value);
	}
	buf_addch(b, '}');
	buf_addch(b, '}');
}

static int
json_hit(emitter_t *e, const kb_hit_t *hit)
{
	json_emitter_t *j = (json_emitter_t *)e;
	kb_buf *b = &j->b;
	emit_segments_t it;
	const char *s;
	size_t n, i;
	int match, first;

	if (j->nhits++)
		buf_addch(b, ',');
	buf_addf(b, "{\"rank\":%u,", hit->rank);
	json_key(b, "article_id");
	json_str(b, hit->article_id);
	buf_addch(b, ',');
	json_key(b, "title");
	json_str(b, hit->title);
	buf_addch(b, ',');
	json_key(b, "passage");
	json_str(b, hit->passage);
	buf_addch(b, ',');
	json_key(b, "highlighted");
	buf_addch(b, '[');
	emit_segments_init(&it, hit);
	for (first = 1; emit_segments_next(&it, &s, &n, &match); first = 0) {
		if (!first)
			buf_addch(b, ',');
		buf_addstr(b, "{\"text\":");
		json_string(b, s, n);
		buf_addstr(b, match ? ",\"match\":true}" : ",\"match\":false}");
	}
	buf_addstr(b, "],");
	json_key(b, "score");
	json_number(b, hit->score, 4);
	buf_addch(b, ',');
	json_key(b, "category");
	json_str(b, hit->category);
	buf_addch(b, ',');
	json_key(b, "date");
	json_str(b, hit->date);
	buf_addch(b, ',');
	json_key(b, "source");
	json_str(b, hit->source);
	buf_addch(b, ',');
	json_key(b, "facts");
	buf_addch(b, '[');
	/* the article's direct answer first, then the rest as stored */
	first = 1;
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; hit->facts && i < hit->nfacts; i++) {
			const kb_fact_t *f = &hit->facts[i];

			if ((strcmp(emit_str(f->type), "answer") == 0) !=
			    (pass == 0))
				continue;
			if (!first)
				buf_addch(b, ',');
			first = 0;
			json_fact(b, f);
		}
	buf_addstr(b, "]}");
	return json_flush(j);
}

static int
json_no_results(emitter_t *e, const emit_results_t *res)
{
	/* the empty "hits" array says it all */
	return 0;
}

/* Every field, in a fixed order, each with all its values: a reader can
 * tell a field with no values from one that was not counted. */
static int
json_facets(emitter_t *e, const emit_results_t *res,
	    const kb_results_t *results)
{
	json_emitter_t *j = (json_emitter_t *)e;
	kb_buf *b = &j->b;
	size_t n = kb_results_facet_count(results);

	buf_addstr(b, "],");
	j->hits_closed = 1;
	json_key(b, "facets");
	buf_addch(b, '{');
	for (size_t k = 0; k < EMIT_FACET_FIELDS; k++) {
		int first = 1;

		if (k)
			buf_addch(b, ',');
		json_key(b, emit_facet_fields[k]);
		buf_addch(b, '[');
		for (size_t i = 0; i < n; i++) {
			const kb_facet_t *f = kb_results_facet(results, i);

			if (!f || strcmp(emit_str(f->field),
					 emit_facet_fields[k]))
				continue;
			if (!first)
				buf_addch(b, ',');
			first = 0;
			buf_addch(b, '{');
			json_key(b, "value");
			json_str(b, f->value);
			buf_addf(b, ",\"count\":%u}", f->count);
		}
		buf_addch(b, ']');
	}
	buf_addch(b, '}');
	if (kb_results_facets_partial(results))
		buf_addstr(b, ",\"facets_partial\":true");
	return json_flush(j);
}

static int
json_end_results(emitter_t *e, const emit_results_t *res)
{
	json_emitter_t *j = (json_emitter_t *)e;

	buf_addstr(&j->b, j->hits_closed ? "}\n" : "]}\n");
	return json_flush(j);
}

static void
json_destroy(emitter_t *e)
{
	json_emitter_t *j = (json_emitter_t *)e;

	buf_release(&j->b);
	free(j->id);
	free(j);
}

emitter_t *
emit_json_create(FILE *out)
{
	json_emitter_t *j = calloc(1, sizeof *j);

	if (!j)
		return NULL;
	j->base.begin_results = json_begin_results;
	j->base.hit = json_hit;
	j->base.no_results = json_no_results;
	j->base.facets = json_facets;
	j->base.end_results = json_end_results;
	j->base.destroy = json_destroy;
	j->out = out;
	buf_init(&j->b, 0);
	return &j->base;
}

emitter_t *
emit_json_create_id(FILE *out, const char *id, size_t len)
{
	emitter_t *e = emit_json_create(out);
	json_emitter_t *j = (json_emitter_t *)e;

	if (!e || !id)
		return e;
	if (!(j->id = malloc(len ? len : 1))) {
		json_destroy(e);
		return NULL;
	}
	memcpy(j->id, id, len);
	j->id_len = len;
	return e;
}
