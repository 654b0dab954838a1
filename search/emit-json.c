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

#define JSON_SCHEMA_VERSION 1

typedef struct json_emitter {
	emitter_t base; /* first, so an emitter_t * is a json_emitter * */
	FILE *out;
	kb_buf b;
	size_t nhits; /* hits written so far, for the commas */
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

static int
json_begin_results(emitter_t *e, const emit_results_t *res)
{
	json_emitter_t *j = (json_emitter_t *)e;
	kb_buf *b = &j->b;

	buf_addf(b, "{\"version\":%d,", JSON_SCHEMA_VERSION);
	json_key(b, "query");
	json_str(b, res->query);
	buf_addf(b, ",\"total\":%u,\"offset\":%u,\"hits\":[", res->total,
		 res->offset);
	j->nhits = 0;
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
	for (i = 0; hit->facts && i < hit->nfacts; i++) {
		if (i)
			buf_addch(b, ',');
		json_fact(b, &hit->facts[i]);
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

static int
json_end_results(emitter_t *e, const emit_results_t *res)
{
	json_emitter_t *j = (json_emitter_t *)e;

	buf_addstr(&j->b, "]}\n");
	return json_flush(j);
}

static void
json_destroy(emitter_t *e)
{
	json_emitter_t *j = (json_emitter_t *)e;

	buf_release(&j->b);
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
	j->base.end_results = json_end_results;
	j->base.destroy = json_destroy;
	j->out = out;
	buf_init(&j->b, 0);
	return &j->base;
}
