/* emit-text.c - the results as text for people to read.
 *
 *	about 42 results for '异地就医 备案'
 *
 *	1. 异地就医备案怎么办理  [健康新闻 2023-05-01]
 *	   参保人员跨省异地就医前,可通过国家医保服务平台办理备案。
 *	   score 12.34 · source corpus/a.txt
 *	   answer: 可以
 *
 * Matches are marked only with colour; without it the text is plain.
 * Every field goes through term_text(), so nothing from the corpus can
 * reach the terminal as a control sequence.
 */
#include <config.h>

#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"

#define TEXT_INDENT "   "
#define SGR_TITLE "\033[1m"
#define SGR_MATCH "\033[1;31m"
#define SGR_RESET "\033[0m"

typedef struct text_emitter {
	emitter_t base; /* first, so an emitter_t * is a text_emitter * */
	FILE *out;
	int color;
	kb_buf b;
} text_emitter_t;

static void
text_str(kb_buf *b, const char *s)
{
	s = emit_str(s);
	term_text(b, s, strlen(s));
}

static int
text_flush(text_emitter_t *t)
{
	if (buf_failed(&t->b)) {
		buf_reset(&t->b);
		return -1;
	}
	fwrite(t->b.buf, 1, t->b.len, t->out);
	buf_reset(&t->b);
	return 0;
}

static int
text_begin_results(emitter_t *e, const emit_results_t *res)
{
	text_emitter_t *t = (text_emitter_t *)e;
	kb_buf *b = &t->b;
	size_t shown = res->offset + res->count;

	if (res->count == 0)
		return 0;
	/* the engine estimates; the total is exact only once every hit is in */
	if (res->total > shown)
		buf_addf(b, "about %u results for '", res->total);
	else
		buf_addf(b, "%zu result%s for '", shown, shown == 1 ? "" : "s");
	text_str(b, res->query);
	buf_addch(b, '\'');
	if (res->offset)
		buf_addf(b, ", showing %u-%zu", res->offset + 1, shown);
	buf_addch(b, '\n');
	return text_flush(t);
}

/* Facts that only repeat the header add nothing. */
static int
text_fact_is_header(const kb_fact_t *f, const kb_hit_t *hit)
{
	const char *type = emit_str(f->type), *value = emit_str(f->value);

	return (strcmp(type, "category") == 0 &&
		strcmp(value, emit_str(hit->category)) == 0) ||
	       (strcmp(type, "date") == 0 &&
		strcmp(value, emit_str(hit->date)) == 0);
}

static void
text_fact(kb_buf *b, const kb_fact_t *f)
{
	const char *value = emit_str(f->value);

	buf_addstr(b, TEXT_INDENT);
	text_str(b, f->type);
	if (*emit_str(f->label)) {
		buf_addstr(b, " (");
		text_str(b, f->label);
		buf_addch(b, ')');
	}
	buf_addstr(b, ": ");
	if (*value) {
		text_str(b, value);
		text_str(b, f->unit);
	} else {
		text_str(b, f->text);
	}
	buf_addch(b, '\n');
}

static int
text_hit(emitter_t *e, const kb_hit_t *hit)
{
	text_emitter_t *t = (text_emitter_t *)e;
	kb_buf *b = &t->b;
	const char *category = emit_str(hit->category);
	const char *date = emit_str(hit->date);
	emit_segments_t it;
	const char *s;
	size_t n, i;
	int match;

	buf_addf(b, "\n%u. ", hit->rank);
	if (t->color)
		buf_addstr(b, SGR_TITLE);
	text_str(b, hit->title);
	if (t->color)
		buf_addstr(b, SGR_RESET);
	if (*category || *date) {
		buf_addstr(b, "  [");
		text_str(b, category);
		if (*category && *date)
			buf_addch(b, ' ');
		text_str(b, date);
		buf_addch(b, ']');
	}
	buf_addch(b, '\n');

	if (*emit_str(hit->passage)) {
		buf_addstr(b, TEXT_INDENT);
		emit_segments_init(&it, hit);
		while (emit_segments_next(&it, &s, &n, &match)) {
			if (match && t->color)
				buf_addstr(b, SGR_MATCH);
			term_text(b, s, n);
			if (match && t->color)
				buf_addstr(b, SGR_RESET);
		}
		buf_addch(b, '\n');
	}

	buf_addf(b, TEXT_INDENT "score %.2f", hit->score);
	if (*emit_str(hit->source)) {
		buf_addstr(b, " \xc2\xb7 source "); /* U+00B7 MIDDLE DOT */
		text_str(b, hit->source);
	}
	buf_addch(b, '\n');

	for (i = 0; hit->facts && i < hit->nfacts; i++)
		if (!text_fact_is_header(&hit->facts[i], hit))
			text_fact(b, &hit->facts[i]);
	return text_flush(t);
}

static int
text_no_results(emitter_t *e, const emit_results_t *res)
{
	text_emitter_t *t = (text_emitter_t *)e;
	kb_buf *b = &t->b;

	/* past the last page is not the same as nothing found */
	if (res->offset && res->total)
		buf_addstr(b, "no more results for '");
	else
		buf_addstr(b, "no results for '");
	text_str(b, res->query);
	buf_addch(b, '\'');
	if (res->offset && res->total)
		buf_addf(b, " after the first %u", res->offset);
	buf_addch(b, '\n');
	return text_flush(t);
}

static int
text_end_results(emitter_t *e, const emit_results_t *res)
{
	return 0;
}

static void
text_destroy(emitter_t *e)
{
	text_emitter_t *t = (text_emitter_t *)e;

	buf_release(&t->b);
	free(t);
}

emitter_t *
emit_text_create(FILE *out, int color)
{
	text_emitter_t *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->base.begin_results = text_begin_results;
	t->base.hit = text_hit;
	t->base.no_results = text_no_results;
	t->base.end_results = text_end_results;
	t->base.destroy = text_destroy;
	t->out = out;
	t->color = color;
	buf_init(&t->b, 0);
	return &t->base;
}
