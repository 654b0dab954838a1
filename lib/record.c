/* record.c - see record.h for the format. */
#include <config.h>

#include "record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void
add_escaped(kb_buf *out, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *esc;

		switch (*s) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: continue;
		}
		buf_add(out, run, (size_t)(s - run));
		buf_add(out, esc, 2);
		run = s + 1;
	}
	buf_add(out, run, (size_t)(s - run));
}

static void
add_field(kb_buf *out, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	buf_addstr(out, key);
	buf_addch(out, '\t');
	add_escaped(out, value);
	buf_addch(out, '\n');
}

static void
add_number(kb_buf *out, double v)
{
	if (!isnan(v))
		buf_addf(out, "%.17g", v);
}

/* Whether @f only repeats the field @field of type @type (see record.h). */
static int
fact_repeats(const kb_fact_t *f, const char *type, const char *field)
{
	return field && *field && !strcmp(f->type, type) &&
	       (!f->label || !*f->label) && f->value &&
	       !strcmp(f->value, field) && (!f->unit || !*f->unit) &&
	       f->text && !strcmp(f->text, field) && isnan(f->min) &&
	       isnan(f->max) && f->start == -1 && f->end == -1 && !f->nattrs;
}

void
record_write(kb_buf *out, const record_t *r)
{
	size_t i;

	add_field(out, "article", r->article_id);
	add_field(out, "title", r->title);
	add_field(out, "passage", r->passage);
	add_field(out, "category", r->category);
	add_field(out, "date", r->date);
	add_field(out, "source", r->source);
	buf_addf(out, "pno\t%u\n", r->passage_no);
	for (i = 0; i < r->nfacts; i++) {
		const kb_fact_t *f = &r->facts[i];

		if (fact_repeats(f, "category", r->category) ||
		    fact_repeats(f, "date", r->date)) {
			buf_addf(out, "fact\t%s\n", f->type);
			continue;
		}
		buf_addstr(out, "fact\t");
		add_escaped(out, f->type);
		buf_addch(out, '\t');
		add_escaped(out, f->label ? f->label : "");
		buf_addch(out, '\t');
		add_escaped(out, f->value ? f->value : "");
		buf_addch(out, '\t');
		add_escaped(out, f->unit ? f->unit : "");
		buf_addch(out, '\t');
		add_escaped(out, f->text ? f->text : "");
		buf_addch(out, '\t');
		add_number(out, f->min);
		buf_addch(out, '\t');
		add_number(out, f->max);
		buf_addf(out, "\t%ld\t%ld", f->start, f->end);
		for (size_t k = 0; k < f->nattrs; k++) {
			buf_addch(out, '\t');
			add_escaped(out, f->attrs[k].key);
			buf_addch(out, '=');
			add_escaped(out, f->attrs[k].value);
		}
		buf_addch(out, '\n');
	}
}

/* Unescape [s, e) into the arena. */
static char *
unescape(kb_arena *a, const char *s, const char *e)
{
	char *out = arena_alloc(a, (size_t)(e - s) + 1), *o = out;

	if (!out)
		return NULL;
	for (; s < e; s++) {
		if (*s == '\\' && s + 1 < e) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' :
			       *s == 'r' ? '\r' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static double
parse_number(const char *s)
{
	return *s ? strtod(s, NULL) : NAN;
}

/* Split one fact line (after "fact\t") into its nine fields and its
 * key=value details.  Returns 0, 1 for a malformed line, -1 on ENOMEM. */
static int
read_fact(kb_arena *a, const char *s, const char *e, kb_fact_t *f)
{
	char *field[9];
	kb_attr_t *attrs = NULL;
	size_t nattrs = 0, nfields = 1;
	int n = 0;

	for (const char *q = s; q < e; q++)
		nfields += *q == '\t';
	if (nfields < 9)
		return 1;
	if (nfields > 9 &&
	    !(attrs = arena_alloc(a, (nfields - 9) * sizeof *attrs)))
		return -1;
	for (;;) {
		const char *t = memchr(s, '\t', (size_t)(e - s));
		char *v;

		if (!t)
			t = e;
		if (!(v = unescape(a, s, t)))
			return -1;
		if (n < 9) {
			field[n++] = v;
		} else {
			char *eq = strchr(v, '=');

			if (eq) {
				*eq = '\0';
				attrs[nattrs].key = v;
				attrs[nattrs].value = eq + 1;
				nattrs++;
			}
		}
		if (t == e)
			break;
		s = t + 1;
	}
	f->type = field[0];
	f->label = field[1];
	f->value = field[2];
	f->unit = field[3];
	f->text = field[4];
	f->min = parse_number(field[5]);
	f->max = parse_number(field[6]);
	f->start = strtol(field[7], NULL, 10);
	f->end = strtol(field[8], NULL, 10);
	f->attrs = attrs;
	f->nattrs = nattrs;
	return 0;
}

/* A fact line that names a field it repeats (see record.h): 0 with @f
 * filled from the field, read before it; 1 for any other line. */
static int
read_repeat(const record_t *r, const char *s, const char *e, kb_fact_t *f)
{
	const char *field;
	size_t n = (size_t)(e - s);

	if (n == 8 && !memcmp(s, "category", 8))
		field = r->category;
	else if (n == 4 && !memcmp(s, "date", 4))
		field = r->date;
	else
		return 1;
	memset(f, 0, sizeof *f);
	f->type = n == 8 ? "category" : "date";
	f->label = f->unit = "";
	f->value = f->text = field;
	f->min = f->max = NAN;
	f->start = f->end = -1;
	return 0;
}

kb_status_t
record_read(const char *data, size_t len, kb_arena *a, record_t *r,
	    kb_error_t *err)
{
	const char *p = data, *end = data + len;
	size_t nfacts = 0, cap = 0;
	kb_fact_t *facts = NULL;

	memset(r, 0, sizeof *r);
	r->article_id = r->title = r->passage = "";
	r->category = r->date = r->source = "";
	for (const char *q = data; q < end; q++)
		if (*q == '\n' && end - q > 5 && !memcmp(q + 1, "fact\t", 5))
			cap++;
	if (len >= 5 && !memcmp(data, "fact\t", 5))
		cap++;
	if (cap && !(facts = arena_alloc(a, cap * sizeof *facts)))
		return kb_fail(err, KB_ERR_NOMEM, "out of memory reading a passage");

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *tab, *line_end = nl ? nl : end;
		const char **field = NULL;
		size_t klen;

		tab = memchr(p, '\t', (size_t)(line_end - p));
		if (!tab)
			goto next;
		klen = (size_t)(tab - p);
#define KEY(k) (klen == sizeof(k) - 1 && !memcmp(p, k, klen))
		if (KEY("fact")) {
			int rc;

			if (nfacts >= cap)
				goto next;
			rc = read_repeat(r, tab + 1, line_end, &facts[nfacts]);
			if (rc)
				rc = read_fact(a, tab + 1, line_end,
					       &facts[nfacts]);
			if (rc < 0)
				return kb_fail(err, KB_ERR_NOMEM,
					       "out of memory reading a passage");
			if (rc == 0)
				nfacts++;
			goto next;
		}
		if (KEY("pno")) {
			r->passage_no = (unsigned)strtoul(tab + 1, NULL, 10);
			goto next;
		}
		if (KEY("article"))
			field = &r->article_id;
		else if (KEY("title"))
			field = &r->title;
		else if (KEY("passage"))
			field = &r->passage;
		else if (KEY("category"))
			field = &r->category;
		else if (KEY("date"))
			field = &r->date;
		else if (KEY("source"))
			field = &r->source;
#undef KEY
		if (field && !(*field = unescape(a, tab + 1, line_end)))
			return kb_fail(err, KB_ERR_NOMEM,
				       "out of memory reading a passage");
next:
		p = line_end + 1;
	}
	r->facts = facts;
	r->nfacts = nfacts;
	return KB_OK;
}
