/* emit-text.c - the results as text for people to read.
 *
 *	about 42 results for '异地就医 备案'
 *
 *	1. 农村医保在外省住院可以报销比例  [健康新闻 2025-04-11]
 *	   45% 农村医疗保险(新农合)在外省住院的报销比例如下: ...
 *	   score 12.34 · source corpus/a.txt
 *	   answer: 45%
 *	   facts: 起付线 700-1000元 · 报销比例 50-55% · 新农合
 *
 *	facets:
 *	  province: 江西省 12 · 安徽省 5
 *
 * A hit shows the article's direct answer first, then a note when the
 * article is not a real answer (a leaked writing prompt, a copy), then the
 * other facts on a few lines that fit an 80-column terminal.
 *
 * The help desk (kbsearch --interactive) has a brief layout of its own:
 * the answer, the note and the facts on one line come first, then the
 * passage on one line, every line cut to the terminal's width.
 *
 * Matches are marked only with colour; without it the text is plain.
 * Every field goes through term_text(), so nothing from the corpus can
 * reach the terminal as a control sequence.
 */
#include <config.h>

#include "emit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "escape.h"
#include "fact-phrase.h"
#include "modes.h"
#include "utf8.h"

#define TEXT_INDENT "   "
#define SGR_TITLE "\033[1m"
#define SGR_MATCH "\033[1;31m"
#define SGR_RESET "\033[0m"
#define TEXT_SEP " \xc2\xb7 " /* U+00B7 MIDDLE DOT between list items */
#define TEXT_SEP_COLUMNS 3
#define TEXT_ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

/* Lists are wrapped so that no line is wider than this: a full 80th
 * column makes some terminals wrap on their own. */
#define TEXT_COLUMNS 79
/* The facts of one hit take at most this many lines; the rest is counted. */
#define TEXT_FACT_LINES 3
/* Values shown per facet field; the rest is counted. */
#define TEXT_FACET_VALUES 10

/* Items of a list, each escaped for the terminal and followed by a NUL. */
typedef struct text_list {
	kb_buf items;
	size_t n;
} text_list_t;

typedef struct text_emitter {
	emitter_t base; /* first, so an emitter_t * is a text_emitter * */
	FILE *out;
	int color;
	kb_buf b;
	kb_buf item; /* the item being built */
	kb_buf phrase; /* a fact said plainly, before it is escaped */
	text_list_t list;
	size_t *order; /* facts of a hit in the order shown */
	size_t order_cap;
	int failed;    /* out of memory outside the buffers */
	size_t brief;  /* 0: the full layout; else the brief one, with lines
			  at most this many columns wide */
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
	if (buf_failed(&t->b) || buf_failed(&t->item) ||
	    buf_failed(&t->list.items) || t->failed) {
		t->failed = 0;
		buf_reset(&t->b);
		buf_reset(&t->item);
		buf_reset(&t->list.items);
		return -1;
	}
	fwrite(t->b.buf, 1, t->b.len, t->out);
	buf_reset(&t->b);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Display width                                                       */

/* Columns a character takes in a terminal: East Asian Wide and Fullwidth
 * characters (UAX #11) take two, combining marks and zero-width
 * characters none, as utf8proc's tables have it, so the output does not
 * depend on the locale. */
static int
text_char_width(int32_t cp)
{
	int w = utf8proc_charwidth(cp);

	return w < 0 ? 1 : w > 2 ? 2 : w;
}

/* The next character of @len bytes at @s: its length in bytes, and its
 * width in *w.  Escaped text is valid UTF-8; a stray byte counts as one
 * column, as U+FFFD would. */
static size_t
text_next_char(const char *s, size_t len, int *w)
{
	int32_t cp;
	size_t n = utf8_decode((const unsigned char *)s, len, &cp);

	if (!n) {
		*w = 1;
		return 1;
	}
	*w = text_char_width(cp);
	return n;
}

static size_t
text_width(const char *s, size_t len)
{
	size_t cols = 0, i = 0;
	int w;

	while (i < len) {
		i += text_next_char(s + i, len - i, &w);
		cols += (size_t)w;
	}
	return cols;
}

/* Append the first characters of @s that fit in @cols columns, ending
 * with an ellipsis: the item was too wide for a line. */
static void
text_add_cut(kb_buf *b, const char *s, size_t len, size_t cols)
{
	size_t i = 0, used = 0;
	int w;

	while (i < len && cols > 1) {
		size_t n = text_next_char(s + i, len - i, &w);

		if (used + (size_t)w > cols - 1)
			break;
		used += (size_t)w;
		i += n;
	}
	buf_add(b, s, i);
	buf_addstr(b, TEXT_ELLIPSIS);
}

/* Append @s whole when it fits in @cols columns, else cut. */
static void
text_add_fit(kb_buf *b, const char *s, size_t len, size_t cols)
{
	if (text_width(s, len) <= cols)
		buf_add(b, s, len);
	else
		text_add_cut(b, s, len, cols);
}

/* Append the line held in @line (escaped, without its LF), cut to the
 * brief layout's width, and the LF. */
static void
text_add_line(kb_buf *b, const kb_buf *line, size_t cols)
{
	size_t len = line->len;

	if (len && line->buf[len - 1] == '\n')
		len--;
	text_add_fit(b, line->buf, len, cols);
	buf_addch(b, '\n');
}

/* ------------------------------------------------------------------ */
/* Lists wrapped to the terminal                                       */

static void
text_list_reset(text_list_t *l)
{
	buf_reset(&l->items);
	l->n = 0;
}

/* Add @s (already escaped) unless the list has it: facts of an article
 * and of its passage often say the same thing twice. */
static void
text_list_add(text_list_t *l, const char *s, size_t len)
{
	const char *p = l->items.buf, *end = l->items.buf + l->items.len;

	if (!len)
		return;
	while (p < end) {
		size_t n = strlen(p);

		if (n == len && memcmp(p, s, len) == 0)
			return;
		p += n + 1;
	}
	buf_add(&l->items, s, len);
	buf_addch(&l->items, '\0');
	if (!buf_failed(&l->items))
		l->n++;
}

/* Columns of " · +N more". */
static size_t
text_more_width(size_t more)
{
	size_t digits = 1;

	while (more >= 10) {
		more /= 10;
		digits++;
	}
	return TEXT_SEP_COLUMNS + 1 + digits + 5;
}

/* Write @lead, then the items of @l separated by middle dots, wrapped
 * under the first item so no line is wider than @columns, in at most
 * @max_lines lines (0: no limit).  Items that do not fit, and @extra more
 * not in the list, are counted at the end ("+3 more"). */
static void
text_wrap(kb_buf *b, const char *lead, const text_list_t *l, size_t extra,
	  unsigned max_lines, size_t columns)
{
	size_t lead_w = text_width(lead, strlen(lead));
	size_t col = lead_w, i;
	const char *p = l->items.buf;
	unsigned line = 1;
	int on_line = 0;

	buf_addstr(b, lead);
	for (i = 0; i < l->n; i++) {
		size_t len = strlen(p), w = text_width(p, len);
		size_t rest = l->n - i - 1 + extra;
		/* on the last line, leave room to count what follows */
		size_t reserve = rest && line == max_lines ?
				 text_more_width(rest) : 0;

		if (on_line && col + TEXT_SEP_COLUMNS + w + reserve >
			       columns) {
			if (line == max_lines)
				break;
			buf_addch(b, '\n');
			for (size_t k = 0; k < lead_w; k++)
				buf_addch(b, ' ');
			col = lead_w;
			on_line = 0;
			line++;
			reserve = rest && line == max_lines ?
				  text_more_width(rest) : 0;
		}
		if (on_line) {
			buf_addstr(b, TEXT_SEP);
			col += TEXT_SEP_COLUMNS;
		}
		if (col + w + reserve > columns) {
			/* alone on its line and still too wide */
			size_t room = col + reserve < columns ?
				      columns - col - reserve : 1;

			text_add_cut(b, p, len, room > 1 ? room : 1);
			col += room;
		} else {
			buf_add(b, p, len);
			col += w;
		}
		on_line = 1;
		p += len + 1;
	}
	if (i < l->n || extra) {
		size_t more = l->n - i + extra;

		if (on_line && col + text_more_width(more) > columns &&
		    line != max_lines) {
			buf_addch(b, '\n');
			for (size_t k = 0; k < lead_w; k++)
				buf_addch(b, ' ');
			on_line = 0;
		}
		if (on_line)
			buf_addstr(b, TEXT_SEP);
		buf_addf(b, "+%zu more", more);
	}
	buf_addch(b, '\n');
}

/* ------------------------------------------------------------------ */
/* Facts                                                               */

/* Where a fact goes in the facts line: numbers as the passage states
 * them, then places, schemes, institutions and contacts.  -1 for facts
 * shown elsewhere or not at all: the answer and the flags have lines of
 * their own, the category and the article's date are in the header, and
 * the disclaimer is the site's boilerplate. */
static int
text_fact_group(const kb_fact_t *f, const kb_hit_t *hit)
{
	static const struct {
		const char *type;
		int group;
	} groups[] = {
		{ "answer", -1 }, { "flag", -1 }, { "disclaimer", -1 },
		{ "category", -1 },
		{ "percent", 0 }, { "money", 0 }, { "duration", 0 },
		{ "date", 0 },
		{ "region", 1 }, { "insurance", 2 }, { "institution", 3 },
		{ "address", 4 }, { "phone", 4 },
	};
	const char *type = emit_str(f->type);

	if (strcmp(type, "date") == 0 &&
	    strcmp(emit_str(f->value), emit_str(hit->date)) == 0)
		return -1;
	for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
		if (strcmp(type, groups[i].type) == 0)
			return groups[i].group;
	return 5; /* a type this program does not know yet */
}

/* Escape the plain phrase in @phrase onto @b. */
static void
text_phrase(kb_buf *b, const kb_buf *phrase)
{
	term_text(b, phrase->buf, phrase->len);
	if (buf_failed(phrase))
		b->failed = BUF_NOMEM;
}

/* A fact as an item of the facts line: its label, then what
 * fact-phrase.c says, built plain in @phrase. */
static void
text_fact_item(kb_buf *b, kb_buf *phrase, const kb_fact_t *f)
{
	const char *label = fact_phrase_label(f);

	buf_reset(phrase);
	if (*label) {
		buf_addstr(phrase, label);
		buf_addch(phrase, ' ');
	}
	fact_phrase(phrase, f);
	text_phrase(b, phrase);
}

/* Why a flagged article is not a real answer, in plain words. */
static void
text_note(kb_buf *b, const kb_fact_t *f)
{
	const char *flag = emit_str(f->value);
	const char *title = fact_attr(f, "title");

	buf_addstr(b, TEXT_INDENT "note: ");
	if (strcmp(flag, "prompt_leak") == 0) {
		buf_addstr(b, "leaked writing prompt, not an answer");
	} else if (strcmp(flag, "duplicate_of") == 0) {
		if (*title) {
			buf_addstr(b, "copy of '");
			text_str(b, title);
			buf_addch(b, '\'');
		} else {
			buf_addstr(b, "copy of another article");
		}
	} else {
		buf_addstr(b, "flagged as ");
		text_str(b, flag);
	}
	buf_addch(b, '\n');
}

/* Where a fact of the facts line sorts: by group, numbers in the order the
 * passage states them (each extractor reports its own kind first), the
 * rest as stored. */
static int
text_fact_before(const kb_hit_t *hit, size_t a, size_t b)
{
	const kb_fact_t *fa = &hit->facts[a], *fb = &hit->facts[b];
	int ga = text_fact_group(fa, hit), gb = text_fact_group(fb, hit);

	if (ga != gb)
		return ga < gb;
	if (ga == 0 && fa->start != fb->start) {
		if (fa->start < 0 || fb->start < 0)
			return fb->start < 0;
		return fa->start < fb->start;
	}
	return a < b;
}

/* The facts of the facts line, in the order shown, into t->order. */
static size_t
text_fact_order(text_emitter_t *t, const kb_hit_t *hit)
{
	size_t n = hit->facts ? hit->nfacts : 0, m = 0;

	if (n > t->order_cap) {
		size_t *p = realloc(t->order, n * sizeof *p);

		if (!p) {
			t->failed = 1;
			return 0;
		}
		t->order = p;
		t->order_cap = n;
	}
	for (size_t i = 0; i < n; i++) {
		size_t k;

		if (text_fact_group(&hit->facts[i], hit) < 0 ||
		    emit_restates_answer(&hit->facts[i], hit))
			continue;
		/* insertion: a hit has tens of facts, not thousands */
		for (k = m; k > 0 && text_fact_before(hit, i, t->order[k - 1]);
		     k--)
			t->order[k] = t->order[k - 1];
		t->order[k] = i;
		m++;
	}
	return m;
}

static void
text_facts(text_emitter_t *t, const kb_hit_t *hit)
{
	kb_buf *b = &t->b;
	const kb_fact_t *facts = hit->facts;
	size_t n = facts ? hit->nfacts : 0, m, i;

	/* the direct answer first, once */
	text_list_reset(&t->list);
	for (i = 0; i < n; i++) {
		if (strcmp(emit_str(facts[i].type), "answer"))
			continue;
		buf_reset(&t->item);
		buf_reset(&t->phrase);
		fact_phrase_value(&t->phrase, &facts[i]);
		text_phrase(&t->item, &t->phrase);
		text_list_add(&t->list, t->item.buf, t->item.len);
	}
	if (t->list.n) {
		const char *p = t->list.items.buf;

		for (i = 0; i < t->list.n; i++, p += strlen(p) + 1) {
			buf_reset(&t->item);
			buf_addstr(&t->item, TEXT_INDENT "answer: ");
			buf_addstr(&t->item, p);
			if (t->brief)
				text_add_line(b, &t->item, t->brief);
			else
				text_add_line(b, &t->item, SIZE_MAX);
		}
	}
	for (i = 0; i < n; i++) {
		if (strcmp(emit_str(facts[i].type), "flag"))
			continue;
		buf_reset(&t->item);
		text_note(&t->item, &facts[i]);
		text_add_line(b, &t->item, t->brief ? t->brief : SIZE_MAX);
	}

	text_list_reset(&t->list);
	m = text_fact_order(t, hit);
	for (i = 0; i < m; i++) {
		buf_reset(&t->item);
		text_fact_item(&t->item, &t->phrase, &facts[t->order[i]]);
		text_list_add(&t->list, t->item.buf, t->item.len);
	}
	if (t->list.n)
		text_wrap(b, TEXT_INDENT "facts: ", &t->list, 0,
			  t->brief ? 1 : TEXT_FACT_LINES,
			  t->brief ? t->brief : TEXT_COLUMNS);
}

/* ------------------------------------------------------------------ */
/* The emitter                                                         */

/* Said before any hit: the hits are unlikely to answer, and what to try
 * instead. */
static void
text_confidence(kb_buf *b, const emit_results_t *res)
{
	const char *broader;

	if (!emit_weak(res))
		return;
	broader = kb_results_broader_query(res->results);
	if (res->count) {
		buf_addstr(b, "No good answer for '");
		text_str(b, res->query);
		buf_addstr(b, "'; the closest passages follow.\n");
	}
	if (*broader) {
		buf_addstr(b, "Try a broader query: '");
		text_str(b, broader);
		buf_addstr(b, "'\n");
	}
}

/* How the query was read (--explain), one step a line, then the query
 * Xapian was given, and a blank line:
 *
 *	dropped 怎么
 *	synonym 外地 → 异地
 *	xapian: Query((...))
 */
static void
text_explain(text_emitter_t *t, const emit_results_t *res)
{
	kb_buf *b = &t->b;
	size_t n = res->results ? kb_results_expansion_count(res->results) : 0;

	for (size_t i = 0; i < n; i++) {
		const kb_expansion_t *x = kb_results_expansion(res->results, i);

		if (!x)
			continue;
		text_str(b, x->kind);
		buf_addch(b, ' ');
		text_str(b, x->from);
		if (*emit_str(x->to)) {
			buf_addstr(b, " \xe2\x86\x92 "); /* U+2192 RIGHTWARDS ARROW */
			text_str(b, x->to);
		}
		buf_addch(b, '\n');
	}
	if (res->results) {
		buf_addstr(b, "xapian: ");
		text_str(b, kb_results_query_description(res->results));
		buf_addch(b, '\n');
	}
	buf_addch(b, '\n');
}

/* The query as searched, when it is not the one typed. */
static void
text_corrected(kb_buf *b, const emit_results_t *res)
{
	if (!res->corrected || !*res->corrected)
		return;
	buf_addstr(b, "Showing results for ");
	text_str(b, res->corrected);
	buf_addstr(b, " (typed: ");
	text_str(b, res->query);
	buf_addstr(b, ")\n");
}

static int
text_begin_results(emitter_t *e, const emit_results_t *res)
{
	text_emitter_t *t = (text_emitter_t *)e;
	kb_buf *b = &t->b;
	size_t shown = res->offset + res->count;

	text_corrected(b, res);
	if (res->explain)
		text_explain(t, res);
	if (res->count == 0)
		return text_flush(t);
	text_confidence(b, res);
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

static int text_hit_brief(text_emitter_t *t, const kb_hit_t *hit);

static int
text_hit(emitter_t *e, const kb_hit_t *hit)
{
	text_emitter_t *t = (text_emitter_t *)e;
	kb_buf *b = &t->b;
	const char *category = emit_str(hit->category);
	const char *date = emit_str(hit->date);
	emit_segments_t it;
	const char *s;
	size_t n;
	int match;

	if (t->brief)
		return text_hit_brief(t, hit);
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
		buf_addstr(b, TEXT_SEP "source ");
		text_str(b, hit->source);
	}
	buf_addch(b, '\n');

	text_facts(t, hit);
	return text_flush(t);
}

/* The passage on one line of the brief layout, cut to what is left of it
 * after @used columns, matches marked with colour. */
static void
text_passage_brief(text_emitter_t *t, const kb_hit_t *hit, size_t used)
{
	kb_buf *b = &t->b;
	size_t room = t->brief > used ? t->brief - used : 1;
	size_t total = 0, col = 0;
	emit_segments_t it;
	const char *s;
	size_t n;
	int match, cut;

	emit_segments_init(&it, hit);
	while (emit_segments_next(&it, &s, &n, &match)) {
		buf_reset(&t->item);
		term_text(&t->item, s, n);
		total += text_width(t->item.buf, t->item.len);
	}
	/* too wide: leave a column for the ellipsis */
	cut = total > room;
	if (cut)
		room = room > 1 ? room - 1 : 0;
	emit_segments_init(&it, hit);
	while (col < room && emit_segments_next(&it, &s, &n, &match)) {
		size_t i = 0;
		int w;

		buf_reset(&t->item);
		term_text(&t->item, s, n);
		while (i < t->item.len) {
			size_t k = text_next_char(t->item.buf + i,
						  t->item.len - i, &w);

			if (col + (size_t)w > room)
				break;
			col += (size_t)w;
			i += k;
		}
		if (match && t->color && i)
			buf_addstr(b, SGR_MATCH);
		buf_add(b, t->item.buf, i);
		if (match && t->color && i)
			buf_addstr(b, SGR_RESET);
		if (i < t->item.len)
			break;
	}
	if (cut)
		buf_addstr(b, TEXT_ELLIPSIS);
	buf_addch(b, '\n');
}

/* A hit for the help desk: the answer and the facts before the passage,
 * no score or source (:open shows it), each line cut to fit. */
static int
text_hit_brief(text_emitter_t *t, const kb_hit_t *hit)
{
	kb_buf *b = &t->b;
	const char *category = emit_str(hit->category);
	const char *date = emit_str(hit->date);
	size_t lead, tail = 0, room;

	/* the bracket after the title takes what it needs, the title the
	 * rest, at least a few characters */
	buf_reset(&t->item);
	if (*category || *date) {
		buf_addstr(&t->item, "  [");
		text_str(&t->item, category);
		if (*category && *date)
			buf_addch(&t->item, ' ');
		text_str(&t->item, date);
		buf_addch(&t->item, ']');
		tail = text_width(t->item.buf, t->item.len);
	}
	buf_addf(b, "\n%u. ", hit->rank);
	lead = text_width(b->buf + 1, b->len - 1);
	room = t->brief > lead + tail + 8 ? t->brief - lead - tail : 8;
	if (t->color)
		buf_addstr(b, SGR_TITLE);
	{
		kb_buf title = KB_BUF_INIT;

		text_str(&title, hit->title);
		text_add_fit(b, title.buf, title.len, room);
		if (buf_failed(&title))
			t->failed = 1;
		buf_release(&title);
	}
	if (t->color)
		buf_addstr(b, SGR_RESET);
	buf_add(b, t->item.buf, t->item.len);
	buf_addch(b, '\n');

	text_facts(t, hit);
	if (*emit_str(hit->passage)) {
		buf_addstr(b, TEXT_INDENT);
		text_passage_brief(t, hit, strlen(TEXT_INDENT));
	}
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
	text_confidence(b, res);
	return text_flush(t);
}

/* A block after the hits, one line per field; nothing when there are no
 * hits, since every count would be zero. */
static int
text_facets(emitter_t *e, const emit_results_t *res,
	    const kb_results_t *results)
{
	text_emitter_t *t = (text_emitter_t *)e;
	kb_buf *b = &t->b;
	size_t n = kb_results_facet_count(results);

	if (res->count == 0)
		return 0;
	if (kb_results_facets_partial(results))
		buf_addf(b, "\nfacets (counted over the first %u matches):\n",
			 (unsigned)KB_FACET_SCAN);
	else
		buf_addstr(b, "\nfacets:\n");
	for (size_t k = 0; k < EMIT_FACET_FIELDS; k++) {
		size_t extra = 0;

		text_list_reset(&t->list);
		for (size_t i = 0; i < n; i++) {
			const kb_facet_t *f = kb_results_facet(results, i);

			if (!f || strcmp(emit_str(f->field),
					 emit_facet_fields[k]))
				continue;
			if (t->list.n == TEXT_FACET_VALUES) {
				extra++;
				continue;
			}
			buf_reset(&t->item);
			text_str(&t->item, f->value);
			buf_addf(&t->item, " %u", f->count);
			text_list_add(&t->list, t->item.buf, t->item.len);
		}
		buf_reset(&t->item);
		buf_addf(&t->item, "  %s: ", emit_facet_fields[k]);
		if (t->list.n || extra) {
			text_wrap(b, t->item.buf, &t->list, extra, 0,
				  TEXT_COLUMNS);
		} else {
			buf_addstr(b, t->item.buf);
			buf_addstr(b, "none\n");
		}
	}
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
	buf_release(&t->item);
	buf_release(&t->phrase);
	buf_release(&t->list.items);
	free(t->order);
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
	t->base.facets = text_facets;
	t->base.end_results = text_end_results;
	t->base.destroy = text_destroy;
	t->out = out;
	t->color = color;
	buf_init(&t->b, 0);
	buf_init(&t->item, 0);
	buf_init(&t->phrase, 0);
	buf_init(&t->list.items, 0);
	return &t->base;
}

emitter_t *
emit_text_create_brief(FILE *out, int color, unsigned columns)
{
	emitter_t *e = emit_text_create(out, color);

	if (e)
		((text_emitter_t *)e)->brief = columns > 20 ? columns : 20;
	return e;
}

/* ':facts N' of the help desk: every fact, one a line, as "TYPE: ITEM"
 * with the text it was read from when that says more. */
int
emit_text_all_facts(FILE *out, const kb_hit_t *hit)
{
	kb_buf b = KB_BUF_INIT, item = KB_BUF_INIT, text = KB_BUF_INIT;
	kb_buf phrase = KB_BUF_INIT;
	size_t n = hit->facts ? hit->nfacts : 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const kb_fact_t *f = &hit->facts[i];

		buf_reset(&item);
		buf_reset(&text);
		text_fact_item(&item, &phrase, f);
		text_str(&text, f->text);
		buf_addstr(&b, TEXT_INDENT);
		text_str(&b, f->type);
		buf_addstr(&b, ": ");
		buf_add(&b, item.buf, item.len);
		if (text.len && strcmp(text.buf, item.buf))
			buf_addf(&b, "  \xe2\x80\x9c%s\xe2\x80\x9d", text.buf);
		buf_addch(&b, '\n');
	}
	if (!n)
		buf_addstr(&b, TEXT_INDENT "no facts\n");
	if (buf_failed(&b) || buf_failed(&item) || buf_failed(&text))
		rc = -1;
	else
		fwrite(b.buf, 1, b.len, out);
	buf_release(&b);
	buf_release(&item);
	buf_release(&text);
	buf_release(&phrase);
	return rc;
}
