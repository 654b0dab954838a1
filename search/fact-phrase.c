/* fact-phrase.c - how a fact is said to a person (see fact-phrase.h). */
#include <config.h>

#include "fact-phrase.h"

#include <math.h>
#include <string.h>

#include "emit.h"

const char *
fact_attr(const kb_fact_t *f, const char *key)
{
	for (size_t i = 0; f->attrs && i < f->nattrs; i++)
		if (strcmp(emit_str(f->attrs[i].key), key) == 0)
			return emit_str(f->attrs[i].value);
	return "";
}

/* A large amount in the units people read it in: 952.25亿元, not
 * 95225000000元.  1 when it was written so. */
static int
phrase_large_money(kb_buf *out, const kb_fact_t *f)
{
	double scale;
	const char *word;

	if (strcmp(emit_str(f->type), "money") || !isfinite(f->min) ||
	    !isfinite(f->max) || f->min < 0 || f->max < 1e5)
		return 0;
	if (f->min >= 1e8) {
		scale = 1e8;
		word = "亿";
	} else {
		scale = 1e4;
		word = "万";
	}
	buf_addf(out, "%.10g", f->min / scale);
	if (f->max != f->min)
		buf_addf(out, "-%.10g", f->max / scale);
	buf_addstr(out, word);
	buf_addstr(out, emit_str(f->unit));
	return 1;
}

void
fact_phrase_value(kb_buf *out, const kb_fact_t *f)
{
	if (phrase_large_money(out, f))
		return;
	if (*emit_str(f->value)) {
		buf_addstr(out, f->value);
		buf_addstr(out, emit_str(f->unit));
	} else {
		buf_addstr(out, emit_str(f->text));
	}
}

void
fact_phrase_region(kb_buf *out, const kb_fact_t *f)
{
	const char *parts[3];
	const char *last = "";

	parts[0] = fact_attr(f, "province");
	parts[1] = fact_attr(f, "city");
	parts[2] = emit_str(f->value);
	for (size_t i = 0; i < 3; i++) {
		if (!*parts[i] || strcmp(parts[i], last) == 0)
			continue;
		/* a province's own fact names it once */
		if (i < 2 && strcmp(parts[i], parts[2]) == 0)
			continue;
		buf_addstr(out, parts[i]);
		last = parts[i];
	}
	if (!*last)
		buf_addstr(out, emit_str(f->text));
}

void
fact_phrase_institution(kb_buf *out, const kb_fact_t *f)
{
	static const char *const shown[] = { "grade", "department" };
	int open = 0;

	fact_phrase_value(out, f);
	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
		const char *v = fact_attr(f, shown[i]);

		if (!*v)
			continue;
		buf_addstr(out, open ? ", " : " (");
		buf_addstr(out, v);
		open = 1;
	}
	if (open)
		buf_addch(out, ')');
}

/* The side a number is open on ("bound"), said as the source would. */
static const char *
phrase_bound(const kb_fact_t *f)
{
	const char *bound = fact_attr(f, "bound");

	if (strcmp(bound, "approx") == 0)
		return "约";
	if (strcmp(bound, "upper") == 0)
		return "不超过";
	if (strcmp(bound, "lower") == 0)
		return "至少";
	return "";
}

const char *
fact_phrase_label(const kb_fact_t *f)
{
	const char *type = emit_str(f->type);

	if (strcmp(type, "region") == 0 || strcmp(type, "institution") == 0)
		return "";
	return emit_str(f->label);
}

void
fact_phrase(kb_buf *out, const kb_fact_t *f)
{
	const char *type = emit_str(f->type);

	if (strcmp(type, "region") == 0) {
		fact_phrase_region(out, f);
		return;
	}
	if (strcmp(type, "institution") == 0) {
		fact_phrase_institution(out, f);
		return;
	}
	buf_addstr(out, phrase_bound(f));
	fact_phrase_value(out, f);
}
