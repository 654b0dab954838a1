/* emit-html.c - the results as the search page of kbsearch.cgi.
 *
 * One HTML5 document: the search box, a line saying how many results
 * there are, the hits (title, category, date and source, the direct
 * answer, the passage with its matches marked, then the facts by kind),
 * the page links, and beside them the facet links that narrow the
 * search.  It works without JavaScript (there is none) and on a phone
 * (one column below 48rem); the style sheet is in the page, so the page
 * needs nothing else.
 *
 * Escaping is the default, not a thing to remember: text reaches the
 * page only through html_str()/html_text() (element text) and
 * html_attr() (attribute values, always between double quotes), and
 * links only through html_href(), which URL-encodes each value first.
 * Markup is written with HTML_RAW(), which takes string literals only:
 * the "" on each side makes anything else a compile error.
 */
#include <config.h>

#include "emit.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fact-phrase.h"

#define HTML_RAW(b, s) buf_add((b), "" s "", sizeof(s) - 1)

/* Items shown in one row of facts, and values of one facet field. */
#define HTML_FACT_ITEMS 8
#define HTML_FACET_VALUES 12
/* Page links on each side of the current page. */
#define HTML_PAGE_SPAN 4

#define HTML_SITE "医保问答搜索"

static const char html_style[] =
	":root{--fg:#1f2328;--mute:#59636e;--line:#d8dee4;--accent:#0b57d0;"
	"--soft:#eef4fd;--chip:#f2f4f7}"
	"*{box-sizing:border-box}"
	"body{margin:0;color:var(--fg);background:#fff;font:16px/1.65 "
	"system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\","
	"\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",\"Microsoft YaHei\","
	"sans-serif}"
	"a{color:var(--accent)}"
	".wrap{max-width:66rem;margin:0 auto;padding:.8rem 1rem}"
	"header{background:#f6f8fa;border-bottom:1px solid var(--line)}"
	"header .wrap{display:flex;flex-wrap:wrap;align-items:center;"
	"gap:.5rem 1.25rem}"
	".brand{font-weight:700;font-size:1.1rem;color:var(--fg);"
	"text-decoration:none;white-space:nowrap}"
	"form{display:flex;flex:1 1 18rem;gap:.5rem;margin:0}"
	"input[type=search]{flex:1;min-width:0;font:inherit;padding:.45rem "
	".75rem;border:1px solid #8c959f;border-radius:.45rem;background:#fff}"
	"button{font:inherit;padding:.45rem 1.1rem;border:0;"
	"border-radius:.45rem;background:var(--accent);color:#fff;"
	"cursor:pointer}"
	".summary{color:var(--mute);margin:.2rem 0 .9rem}"
	".chips{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;"
	"margin:.2rem 0 .6rem;font-size:.9rem}"
	".chips a{background:var(--soft);border-radius:1rem;padding:.05rem "
	".7rem;text-decoration:none}"
	".layout{display:grid;grid-template-columns:minmax(0,1fr) 15rem;"
	"gap:2.5rem}"
	".layout.one{grid-template-columns:minmax(0,1fr)}"
	"ol.hits{list-style:none;margin:0;padding:0}"
	".hit{margin:0 0 1.2rem;padding:0 0 1.2rem;"
	"border-bottom:1px solid var(--line)}"
	".hit h2{font-size:1.15rem;line-height:1.45;margin:0}"
	".meta{color:var(--mute);font-size:.85rem;margin:.1rem 0 .45rem}"
	".meta span+span::before{content:\" \\b7  \"}"
	".answer{margin:.35rem 0;padding:.3rem .75rem;background:var(--soft);"
	"border-left:4px solid var(--accent);border-radius:.3rem}"
	".answer strong{margin-right:.6rem;color:var(--accent)}"
	".note{margin:.35rem 0;padding:.3rem .75rem;background:#fff4e5;"
	"border-left:4px solid #d4661a;border-radius:.3rem;font-size:.9rem}"
	".passage{margin:.35rem 0}"
	"mark{background:#ffe58f;color:inherit;border-radius:.15em;"
	"padding:0 .05em}"
	"dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);"
	"gap:.3rem .7rem;margin:.5rem 0 0;font-size:.9rem}"
	"dl.facts dt{color:var(--mute)}"
	"dl.facts dd{margin:0}"
	"dl.facts ul{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;"
	"margin:0;padding:0}"
	"dl.facts li{background:var(--chip);border-radius:.3rem;"
	"padding:0 .45rem}"
	".k{color:var(--mute);margin-right:.25rem}"
	"nav.pages{display:flex;flex-wrap:wrap;gap:.4rem;margin:1rem 0}"
	"nav.pages a,nav.pages span{padding:.2rem .7rem;border:1px solid "
	"var(--line);border-radius:.4rem;text-decoration:none}"
	"nav.pages span[aria-current]{background:var(--accent);color:#fff;"
	"border-color:var(--accent)}"
	"aside h2{font-size:.95rem;margin:0 0 .3rem;padding-top:.2rem}"
	"aside section{margin:0 0 1.1rem}"
	"aside ul{list-style:none;margin:0;padding:0;font-size:.92rem}"
	"aside li{display:flex;justify-content:space-between;gap:.5rem}"
	"aside li.chosen{font-weight:700}"
	".count,.none{color:var(--mute);font-variant-numeric:tabular-nums}"
	".empty h2,.message h1{font-size:1.25rem;margin:.5rem 0}"
	".empty li,.message li{margin:.2rem 0}"
	"footer{color:var(--mute);font-size:.8rem;text-align:center;"
	"padding:1.5rem 1rem}"
	"@media (max-width:48rem){.layout{grid-template-columns:minmax(0,1fr);"
	"gap:.5rem}aside{border-top:1px solid var(--line);padding-top:.8rem}"
	"body{font-size:15px}}";

typedef struct html_emitter {
	emitter_t base; /* first, so an emitter_t * is an html_emitter * */
	FILE *out;
	const emit_html_page_t *page;
	kb_buf b;
	kb_buf url;  /* a link being built, before it is escaped */
	kb_buf row;  /* the items of one row of facts, escaped, NUL after each */
	kb_buf item; /* the item being built */
	kb_buf phrase; /* a fact said plainly, before it is escaped */
	size_t nrow;
	int list_closed; /* the hits and the page links are written */
} html_emitter_t;

/* Element text. */
static void
html_str(kb_buf *b, const char *s)
{
	s = emit_str(s);
	html_text(b, s, strlen(s));
}

static void
html_attr_str(kb_buf *b, const char *s)
{
	s = emit_str(s);
	html_attr(b, s, strlen(s));
}

static void
html_uint(kb_buf *b, unsigned long v)
{
	buf_addf(b, "%lu", v);
}

static int
html_flush(FILE *out, kb_buf *b, int failed)
{
	if (buf_failed(b) || failed) {
		buf_reset(b);
		return -1;
	}
	fwrite(b->buf, 1, b->len, out);
	buf_reset(b);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Links                                                               */

/* A link to the search page itself, as an attribute value: the query,
 * the filters chosen but @drop (an index, or SIZE_MAX for none), then
 * @add (or NULL), then @start when it is not 0.  A relative "?..." URL
 * keeps the page's own path, whatever the server maps it to. */
static void
html_href(kb_buf *b, kb_buf *url, const emit_html_page_t *pg, size_t drop,
	  const char *add_key, const char *add_value, unsigned start)
{
	const char *q = emit_str(pg->query);

	buf_reset(url);
	HTML_RAW(url, "?q=");
	url_encode(url, q, strlen(q));
	for (size_t i = 0; i < pg->nfilters; i++) {
		if (i == drop)
			continue;
		HTML_RAW(url, "&f=");
		url_encode(url, pg->filters[i], strlen(pg->filters[i]));
	}
	if (add_key) {
		HTML_RAW(url, "&f=");
		url_encode(url, add_key, strlen(add_key));
		HTML_RAW(url, "%3A");
		url_encode(url, add_value, strlen(add_value));
	}
	if (start) {
		HTML_RAW(url, "&start=");
		html_uint(url, start);
	}
	if (buf_failed(url))
		b->failed = BUF_NOMEM;
	html_attr(b, url->buf, url->len);
}

/* ------------------------------------------------------------------ */
/* The frame of every page                                             */

static void
html_head(kb_buf *b, const emit_html_page_t *pg, const char *title)
{
	HTML_RAW(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, "
		 "initial-scale=1\">\n"
		 "<meta name=\"robots\" content=\"noindex\">\n<title>");
	if (title && *title) {
		html_str(b, title);
		HTML_RAW(b, " - ");
	}
	HTML_RAW(b, HTML_SITE "</title>\n<style>");
	buf_add(b, html_style, sizeof html_style - 1);
	HTML_RAW(b, "</style>\n</head>\n<body>\n<header><div class=\"wrap\">"
		 "<a class=\"brand\" href=\"?\">" HTML_SITE "</a>\n"
		 "<form method=\"get\" action=\"\" role=\"search\" "
		 "accept-charset=\"utf-8\">"
		 "<input type=\"search\" name=\"q\" value=\"");
	html_attr_str(b, pg->query);
	HTML_RAW(b, "\" maxlength=\"170\" placeholder=\"输入问题或关键词，"
		 "例如 异地就医 备案\" aria-label=\"搜索\">");
	/* the filters chosen stay when the words change */
	for (size_t i = 0; i < pg->nfilters; i++) {
		HTML_RAW(b, "<input type=\"hidden\" name=\"f\" value=\"");
		html_attr_str(b, pg->filters[i]);
		HTML_RAW(b, "\">");
	}
	HTML_RAW(b, "<button type=\"submit\">搜索</button></form>\n"
		 "</div></header>\n<main class=\"wrap\">\n");
}

static void
html_foot(kb_buf *b)
{
	HTML_RAW(b, "</main>\n<footer>" PACKAGE_NAME " " PACKAGE_VERSION
		 " · 内容来自公开的政策问答，仅供参考，以当地医保、社保经办机构"
		 "的答复为准</footer>\n</body>\n</html>\n");
}

/* The filters chosen, each with a link that drops it. */
static void
html_chips(kb_buf *b, kb_buf *url, const emit_html_page_t *pg)
{
	if (!pg->nfilters)
		return;
	HTML_RAW(b, "<div class=\"chips\"><span>筛选:</span>");
	for (size_t i = 0; i < pg->nfilters; i++) {
		HTML_RAW(b, "<a class=\"drop\" href=\"");
		html_href(b, url, pg, i, NULL, NULL, 0);
		HTML_RAW(b, "\" title=\"去掉这个条件\">");
		html_str(b, pg->filters[i]);
		HTML_RAW(b, " ×</a>");
	}
	HTML_RAW(b, "</div>\n");
}

static void
html_title_of(kb_buf *title, const emit_html_page_t *pg)
{
	buf_addstr(title, emit_str(pg->query));
	for (size_t i = 0; i < pg->nfilters; i++) {
		if (title->len)
			buf_addch(title, ' ');
		buf_addstr(title, pg->filters[i]);
	}
}

/* ------------------------------------------------------------------ */
/* Facts                                                               */

/* The rows of facts under a hit, in the order shown, and which types go
 * in each.  The answer and the flags have places of their own; the
 * category and the article's date are in the meta line; the disclaimer
 * is the site's boilerplate. */
static const struct {
	const char *label;
	const char *types[4];
} html_rows[] = {
	{ "数字", { "percent", "money", "duration", "date" } },
	{ "地区", { "region" } },
	{ "机构", { "institution" } },
	{ "险种", { "insurance" } },
	{ "联系", { "phone", "address" } },
};
#define HTML_ROWS (sizeof html_rows / sizeof *html_rows)

static int
html_fact_row(const kb_fact_t *f, const kb_hit_t *hit)
{
	const char *type = emit_str(f->type);

	if (strcmp(type, "date") == 0 &&
	    strcmp(emit_str(f->value), emit_str(hit->date)) == 0)
		return -1;
	for (size_t r = 0; r < HTML_ROWS; r++)
		for (size_t k = 0; k < 4 && html_rows[r].types[k]; k++)
			if (strcmp(type, html_rows[r].types[k]) == 0)
				return (int)r;
	return -1;
}

/* Escape the plain phrase in @phrase onto @b: nothing built at run time
 * reaches the page unescaped. */
static void
html_phrase(kb_buf *b, const kb_buf *phrase)
{
	html_text(b, phrase->buf, phrase->len);
	if (buf_failed(phrase))
		b->failed = BUF_NOMEM;
}

/* A fact as an item of its row: its label marked as one, then what
 * fact-phrase.c says, built plain in @phrase. */
static void
html_fact_item(kb_buf *b, kb_buf *phrase, const kb_fact_t *f)
{
	const char *label = fact_phrase_label(f);

	if (*label) {
		HTML_RAW(b, "<span class=\"k\">");
		html_str(b, label);
		HTML_RAW(b, "</span>");
	}
	buf_reset(phrase);
	fact_phrase(phrase, f);
	html_phrase(b, phrase);
}

/* Add the item in h->item to the row unless the row has it already:
 * facts of an article and of its passage often say the same thing. */
static void
html_row_add(html_emitter_t *h)
{
	const char *p = h->row.buf, *end = h->row.buf + h->row.len;

	if (!h->item.len)
		return;
	for (; p < end; p += strlen(p) + 1)
		if (strcmp(p, h->item.buf) == 0)
			return;
	buf_add(&h->row, h->item.buf, h->item.len);
	buf_addch(&h->row, '\0');
	h->nrow++;
}

/* Where a fact sorts in its row: numbers in the order the passage states
 * them, the rest as stored. */
static long
html_fact_pos(const kb_fact_t *f)
{
	if (strcmp(emit_str(f->type), "region") == 0 ||
	    strcmp(emit_str(f->type), "institution") == 0 || f->start < 0)
		return LONG_MAX;
	return f->start;
}

static void
html_facts(html_emitter_t *h, const kb_hit_t *hit)
{
	kb_buf *b = &h->b;
	size_t n = hit->facts ? hit->nfacts : 0;
	int open = 0;

	for (size_t r = 0; r < HTML_ROWS; r++) {
		long last = LONG_MIN;

		buf_reset(&h->row);
		h->nrow = 0;
		/* by position: pick the next smallest each time; a hit has
		 * tens of facts, and this needs no memory */
		for (;;) {
			long best = LONG_MAX;
			int found = 0;

			for (size_t i = 0; i < n; i++) {
				const kb_fact_t *f = &hit->facts[i];
				long pos = html_fact_pos(f);

				if (html_fact_row(f, hit) != (int)r ||
				    emit_restates_answer(f, hit) ||
				    pos <= last || pos > best)
					continue;
				if (pos < best || !found)
					best = pos;
				found = 1;
			}
			if (!found)
				break;
			for (size_t i = 0; i < n; i++) {
				const kb_fact_t *f = &hit->facts[i];

				if (html_fact_pos(f) != best ||
				    html_fact_row(f, hit) != (int)r ||
				    emit_restates_answer(f, hit))
					continue;
				buf_reset(&h->item);
				html_fact_item(&h->item, &h->phrase, f);
				html_row_add(h);
			}
			if (best == LONG_MAX)
				break;
			last = best;
		}
		if (!h->nrow)
			continue;
		if (!open)
			HTML_RAW(b, "<dl class=\"facts\">");
		open = 1;
		HTML_RAW(b, "<dt>");
		buf_addstr(b, html_rows[r].label); /* a literal of the table */
		HTML_RAW(b, "</dt><dd><ul>");
		{
			const char *p = h->row.buf;

			for (size_t i = 0; i < h->nrow && i < HTML_FACT_ITEMS;
			     i++, p += strlen(p) + 1) {
				HTML_RAW(b, "<li>");
				buf_addstr(b, p); /* escaped when built */
				HTML_RAW(b, "</li>");
			}
			if (h->nrow > HTML_FACT_ITEMS) {
				HTML_RAW(b, "<li class=\"more\">+");
				html_uint(b, h->nrow - HTML_FACT_ITEMS);
				HTML_RAW(b, "</li>");
			}
		}
		HTML_RAW(b, "</ul></dd>");
	}
	if (open)
		HTML_RAW(b, "</dl>");
}

/* Why a flagged article is not a real answer. */
static void
html_note(kb_buf *b, const kb_fact_t *f)
{
	const char *flag = emit_str(f->value);
	const char *title = fact_attr(f, "title");

	HTML_RAW(b, "<p class=\"note\">");
	if (strcmp(flag, "prompt_leak") == 0) {
		HTML_RAW(b, "这篇不是真正的解答: 原文是一段写作提示");
	} else if (strcmp(flag, "duplicate_of") == 0) {
		HTML_RAW(b, "这篇是另一篇的副本");
		if (*title) {
			HTML_RAW(b, ": “");
			html_str(b, title);
			HTML_RAW(b, "”");
		}
	} else {
		HTML_RAW(b, "标记: ");
		html_str(b, flag);
	}
	HTML_RAW(b, "</p>");
}

/* ------------------------------------------------------------------ */
/* The emitter                                                         */

/* Said before any hit: the hits are unlikely to answer, and a link to a
 * broader search (its words alone, no filters). */
static void
html_confidence(html_emitter_t *h, const emit_results_t *res)
{
	kb_buf *b = &h->b;
	emit_html_page_t less = *h->page;
	const char *broader;

	if (!emit_weak(res) || !res->count)
		return;
	broader = kb_results_broader_query(res->results);
	HTML_RAW(b, "<p class=\"weak\">没有找到能很好回答“");
	html_str(b, emit_str(h->page->query));
	HTML_RAW(b, "”的内容，下面是最接近的段落。");
	if (*broader) {
		less.query = broader;
		less.nfilters = 0;
		HTML_RAW(b, "试试更宽泛的搜索: <a class=\"broader\" href=\"");
		html_href(b, &h->url, &less, SIZE_MAX, NULL, NULL, 0);
		HTML_RAW(b, "\">");
		html_str(b, broader);
		HTML_RAW(b, "</a>");
	}
	HTML_RAW(b, "</p>\n");
}

/* The synonyms searched for too, on one line under the search box:
 * 同时搜索：医保 → 医疗保险、基本医疗保险、异地 → 外地 */
static void
html_expansions(kb_buf *b, const emit_results_t *res)
{
	size_t n = res->results ? kb_results_expansion_count(res->results) : 0;
	const char *from = NULL; /* the word of the synonyms before */

	for (size_t i = 0; i < n; i++) {
		const kb_expansion_t *x = kb_results_expansion(res->results, i);

		if (!x || strcmp(emit_str(x->kind), "synonym"))
			continue;
		if (!from)
			HTML_RAW(b, "<p class=\"summary expansions\">同时搜索：");
		else
			HTML_RAW(b, "、");
		if (!from || strcmp(from, emit_str(x->from))) {
			html_str(b, x->from);
			HTML_RAW(b, " → ");
		}
		from = emit_str(x->from);
		html_str(b, x->to);
	}
	if (from)
		HTML_RAW(b, "</p>\n");
}

/* The query as searched, when it is not the one typed. */
static void
html_corrected(kb_buf *b, const emit_results_t *res)
{
	if (!res->corrected || !*res->corrected)
		return;
	HTML_RAW(b, "<p class=\"corrected\">以下是 <strong>");
	html_str(b, res->corrected);
	HTML_RAW(b, "</strong> 的结果（输入的是：");
	html_str(b, res->query);
	HTML_RAW(b, "）</p>\n");
}

static int
html_begin_results(emitter_t *e, const emit_results_t *res)
{
	html_emitter_t *h = (html_emitter_t *)e;
	kb_buf *b = &h->b;
	size_t shown = res->offset + res->count;

	buf_reset(&h->item);
	html_title_of(&h->item, h->page);
	html_head(b, h->page, h->item.buf);
	html_chips(b, &h->url, h->page);
	html_corrected(b, res);
	html_expansions(b, res);
	html_confidence(h, res);
	if (res->count) {
		HTML_RAW(b, "<p class=\"summary\">");
		if (res->total > shown) {
			HTML_RAW(b, "约 ");
			html_uint(b, res->total);
		} else {
			HTML_RAW(b, "共 ");
			html_uint(b, shown);
		}
		HTML_RAW(b, " 条结果");
		if (res->offset || res->total > shown) {
			HTML_RAW(b, "，这是第 ");
			html_uint(b, res->offset + 1);
			HTML_RAW(b, "–");
			html_uint(b, shown);
			HTML_RAW(b, " 条");
		}
		HTML_RAW(b, "</p>\n<div class=\"layout\">\n<section "
			 "class=\"results\" aria-label=\"结果\">\n"
			 "<ol class=\"hits\" start=\"");
		html_uint(b, res->offset + 1);
		HTML_RAW(b, "\">\n");
	} else {
		HTML_RAW(b, "<div class=\"layout one\">\n<section "
			 "class=\"results\" aria-label=\"结果\">\n");
	}
	h->list_closed = res->count == 0;
	return html_flush(h->out, b, 0);
}

static int
html_hit(emitter_t *e, const kb_hit_t *hit)
{
	html_emitter_t *h = (html_emitter_t *)e;
	kb_buf *b = &h->b;
	const char *category = emit_str(hit->category);
	const char *date = emit_str(hit->date);
	size_t n = hit->facts ? hit->nfacts : 0;
	emit_segments_t it;
	const char *s;
	size_t len;
	int match;

	HTML_RAW(b, "<li class=\"hit\"><h2 class=\"title\">");
	html_str(b, hit->title);
	HTML_RAW(b, "</h2>\n<p class=\"meta\">");
	if (*category) {
		HTML_RAW(b, "<span class=\"category\">");
		html_str(b, category);
		HTML_RAW(b, "</span>");
	}
	if (*date) {
		HTML_RAW(b, "<span><time datetime=\"");
		html_attr_str(b, date);
		HTML_RAW(b, "\">");
		html_str(b, date);
		HTML_RAW(b, "</time></span>");
	}
	/* the file's name: where the server keeps its corpus is not the
	 * reader's business */
	if (*emit_str(hit->source)) {
		const char *src = hit->source, *slash = strrchr(src, '/');

		HTML_RAW(b, "<span class=\"source\">来源: ");
		html_str(b, slash && slash[1] ? slash + 1 : src);
		HTML_RAW(b, "</span>");
	}
	HTML_RAW(b, "</p>\n");

	/* the direct answer first, once */
	buf_reset(&h->row);
	h->nrow = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(emit_str(hit->facts[i].type), "answer"))
			continue;
		buf_reset(&h->item);
		buf_reset(&h->phrase);
		fact_phrase_value(&h->phrase, &hit->facts[i]);
		html_phrase(&h->item, &h->phrase);
		html_row_add(h);
	}
	for (const char *p = h->row.buf; p < h->row.buf + h->row.len;
	     p += strlen(p) + 1) {
		HTML_RAW(b, "<p class=\"answer\"><strong>答</strong>");
		buf_addstr(b, p); /* escaped when built */
		HTML_RAW(b, "</p>\n");
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(emit_str(hit->facts[i].type), "flag") == 0)
			html_note(b, &hit->facts[i]);

	if (*emit_str(hit->passage)) {
		HTML_RAW(b, "<p class=\"passage\">");
		emit_segments_init(&it, hit);
		while (emit_segments_next(&it, &s, &len, &match)) {
			if (match)
				HTML_RAW(b, "<mark>");
			html_text(b, s, len);
			if (match)
				HTML_RAW(b, "</mark>");
		}
		HTML_RAW(b, "</p>\n");
	}
	html_facts(h, hit);
	HTML_RAW(b, "</li>\n");
	return html_flush(h->out, b, buf_failed(&h->row) ||
			  buf_failed(&h->item) || buf_failed(&h->url));
}

/* Links to search again with less: each word alone, and without the
 * filters. */
static int
html_no_results(emitter_t *e, const emit_results_t *res)
{
	html_emitter_t *h = (html_emitter_t *)e;
	const emit_html_page_t *pg = h->page;
	kb_buf *b = &h->b;
	const char *q = emit_str(pg->query);
	emit_html_page_t less = *pg;

	if (res->offset && res->total) {
		HTML_RAW(b, "<section class=\"empty\"><h2>没有更多结果了</h2>"
			 "<p>前面的 ");
		html_uint(b, res->offset);
		HTML_RAW(b, " 条之后没有更多结果。<a href=\"");
		html_href(b, &h->url, pg, SIZE_MAX, NULL, NULL, 0);
		HTML_RAW(b, "\">回到第一页</a></p></section>\n");
		return html_flush(h->out, b, 0);
	}
	HTML_RAW(b, "<section class=\"empty\"><h2>没有找到");
	if (*q) {
		HTML_RAW(b, "与“");
		html_str(b, q);
		HTML_RAW(b, "”相关的");
	}
	HTML_RAW(b, "内容</h2>\n<p>可以试试:</p>\n<ul>\n"
		 "<li>少用几个词，只留最要紧的一两个，例如 “异地就医 备案” "
		 "而不是一整句话</li>\n"
		 "<li>换一个更宽泛的说法，例如 “医保” 而不是 "
		 "“城镇职工基本医疗保险”</li>\n"
		 "<li>检查有没有错别字</li>\n");
	/* each word of a query of several, alone */
	if (strchr(q, ' ')) {
		const char *p = q;
		unsigned links = 0;

		HTML_RAW(b, "<li>只搜其中一个词:");
		while (*p && links < 5) {
			size_t wl;

			while (*p == ' ')
				p++;
			wl = strcspn(p, " ");
			if (!wl)
				break;
			buf_reset(&h->item);
			buf_add(&h->item, p, wl);
			less.query = h->item.buf;
			less.nfilters = 0;
			HTML_RAW(b, " <a class=\"word\" href=\"");
			html_href(b, &h->url, &less, SIZE_MAX, NULL, NULL, 0);
			HTML_RAW(b, "\">");
			html_text(b, p, wl);
			HTML_RAW(b, "</a>");
			links++;
			p += wl;
		}
		HTML_RAW(b, "</li>\n");
	}
	if (pg->nfilters && *q) {
		less.query = q;
		less.nfilters = 0;
		HTML_RAW(b, "<li><a class=\"nofilter\" href=\"");
		html_href(b, &h->url, &less, SIZE_MAX, NULL, NULL, 0);
		HTML_RAW(b, "\">去掉所有筛选条件再搜</a></li>\n");
	}
	HTML_RAW(b, "</ul></section>\n");
	return html_flush(h->out, b, buf_failed(&h->item));
}

/* The page links: previous, a few pages on each side, next. */
static void
html_pages(html_emitter_t *h, const emit_results_t *res)
{
	const emit_html_page_t *pg = h->page;
	kb_buf *b = &h->b;
	unsigned size = pg->page_size ? pg->page_size : 10;
	unsigned cur = res->offset / size;
	unsigned long total = res->total, last;
	unsigned first_p, last_p;

	if (res->offset + res->count > total)
		total = res->offset + res->count;
	if (total > (unsigned long)pg->max_start + size)
		total = (unsigned long)pg->max_start + size;
	last = total ? (total - 1) / size : 0;
	if (last == 0 && res->offset == 0)
		return;
	HTML_RAW(b, "<nav class=\"pages\" aria-label=\"分页\">");
	if (res->offset) {
		HTML_RAW(b, "<a rel=\"prev\" href=\"");
		html_href(b, &h->url, pg, SIZE_MAX, NULL, NULL,
			  res->offset > size ? res->offset - size : 0);
		HTML_RAW(b, "\">上一页</a>");
	}
	first_p = cur > HTML_PAGE_SPAN ? cur - HTML_PAGE_SPAN : 0;
	last_p = cur + HTML_PAGE_SPAN < last ? cur + HTML_PAGE_SPAN :
		 (unsigned)last;
	for (unsigned p = first_p; p <= last_p; p++) {
		if (p == cur && res->offset % size == 0) {
			HTML_RAW(b, "<span aria-current=\"page\">");
			html_uint(b, p + 1);
			HTML_RAW(b, "</span>");
			continue;
		}
		HTML_RAW(b, "<a href=\"");
		html_href(b, &h->url, pg, SIZE_MAX, NULL, NULL, p * size);
		HTML_RAW(b, "\">");
		html_uint(b, p + 1);
		HTML_RAW(b, "</a>");
	}
	if (res->offset + res->count < total &&
	    res->offset + size <= pg->max_start) {
		HTML_RAW(b, "<a rel=\"next\" href=\"");
		html_href(b, &h->url, pg, SIZE_MAX, NULL, NULL,
			  res->offset + size);
		HTML_RAW(b, "\">下一页</a>");
	}
	HTML_RAW(b, "</nav>\n");
}

static void
html_close_list(html_emitter_t *h, const emit_results_t *res)
{
	if (h->list_closed)
		return;
	HTML_RAW(&h->b, "</ol>\n");
	html_pages(h, res);
	h->list_closed = 1;
}

static int
html_chosen(const emit_html_page_t *pg, const char *field, const char *value)
{
	size_t fl = strlen(field);

	for (size_t i = 0; i < pg->nfilters; i++)
		if (strncmp(pg->filters[i], field, fl) == 0 &&
		    pg->filters[i][fl] == ':' &&
		    strcmp(pg->filters[i] + fl + 1, value) == 0)
			return 1;
	return 0;
}

static int
html_facets(emitter_t *e, const emit_results_t *res,
	    const kb_results_t *results)
{
	static const char *const names[EMIT_FACET_FIELDS] = {
		"省份", "城市", "险种", "分类",
	};
	html_emitter_t *h = (html_emitter_t *)e;
	kb_buf *b = &h->b;
	size_t n = kb_results_facet_count(results);

	html_close_list(h, res);
	HTML_RAW(b, "</section>\n");
	h->list_closed = 2;
	/* with no hits every count is zero */
	if (res->count == 0)
		return html_flush(h->out, b, 0);
	HTML_RAW(b, "<aside class=\"facets\" aria-label=\"缩小范围\">\n");
	for (size_t k = 0; k < EMIT_FACET_FIELDS; k++) {
		const char *field = emit_facet_fields[k];
		size_t shown = 0;

		HTML_RAW(b, "<section class=\"facet\" data-field=\"");
		html_attr_str(b, field);
		HTML_RAW(b, "\"><h2>");
		buf_addstr(b, names[k]); /* a literal of the table */
		HTML_RAW(b, "</h2><ul>");
		for (size_t i = 0; i < n && shown < HTML_FACET_VALUES; i++) {
			const kb_facet_t *f = kb_results_facet(results, i);

			if (!f || strcmp(emit_str(f->field), field) ||
			    !*emit_str(f->value))
				continue;
			shown++;
			if (html_chosen(h->page, field, f->value)) {
				HTML_RAW(b, "<li class=\"chosen\"><span>");
				html_str(b, f->value);
				HTML_RAW(b, "</span>");
			} else {
				HTML_RAW(b, "<li><a href=\"");
				html_href(b, &h->url, h->page, SIZE_MAX, field,
					  f->value, 0);
				HTML_RAW(b, "\">");
				html_str(b, f->value);
				HTML_RAW(b, "</a>");
			}
			HTML_RAW(b, "<span class=\"count\">");
			html_uint(b, f->count);
			HTML_RAW(b, "</span></li>");
		}
		if (!shown)
			HTML_RAW(b, "<li class=\"none\">无</li>");
		HTML_RAW(b, "</ul></section>\n");
	}
	if (kb_results_facets_partial(results)) {
		/* "counted over the first N matches" */
		HTML_RAW(b, "<p class=\"facet-note\">计数仅含前 ");
		html_uint(b, KB_FACET_SCAN);
		HTML_RAW(b, " 条结果</p>\n");
	}
	HTML_RAW(b, "</aside>\n");
	return html_flush(h->out, b, 0);
}

static int
html_end_results(emitter_t *e, const emit_results_t *res)
{
	html_emitter_t *h = (html_emitter_t *)e;
	kb_buf *b = &h->b;

	if (h->list_closed < 2) {
		html_close_list(h, res);
		HTML_RAW(b, "</section>\n");
	}
	HTML_RAW(b, "</div>\n");
	html_foot(b);
	return html_flush(h->out, b, 0);
}

static void
html_destroy(emitter_t *e)
{
	html_emitter_t *h = (html_emitter_t *)e;

	buf_release(&h->b);
	buf_release(&h->url);
	buf_release(&h->row);
	buf_release(&h->item);
	buf_release(&h->phrase);
	free(h);
}

emitter_t *
emit_html_create(FILE *out, const emit_html_page_t *page)
{
	html_emitter_t *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->base.begin_results = html_begin_results;
	h->base.hit = html_hit;
	h->base.no_results = html_no_results;
	h->base.facets = html_facets;
	h->base.end_results = html_end_results;
	h->base.destroy = html_destroy;
	h->out = out;
	h->page = page;
	buf_init(&h->b, 0);
	buf_init(&h->url, 0);
	buf_init(&h->row, 0);
	buf_init(&h->item, 0);
	buf_init(&h->phrase, 0);
	return &h->base;
}

int
emit_html_message(FILE *out, const emit_html_page_t *page, const char *title,
		  const char *message)
{
	kb_buf b = KB_BUF_INIT, url = KB_BUF_INIT;
	static const char *const examples[] = {
		"异地就医 备案", "农村医保在外省住院能报销多少",
		"社保断缴", "居民养老 一年交1000",
	};
	int r;

	html_head(&b, page, title);
	if (title) {
		HTML_RAW(&b, "<section class=\"message\"><h1>");
		html_str(&b, title);
		HTML_RAW(&b, "</h1>\n<p>");
		html_str(&b, message);
		HTML_RAW(&b, "</p></section>\n");
	} else {
		emit_html_page_t ex = { .page_size = page->page_size,
					.max_start = page->max_start };

		HTML_RAW(&b, "<section class=\"message\"><h1>医保、社保问题"
			 "搜索</h1>\n<p>输入一个问题或几个关键词。"
			 "结果先给出直接的答案，再给出原文段落和其中的数字、"
			 "地区和机构。</p>\n<p>例如:</p>\n<ul>\n");
		for (size_t i = 0; i < sizeof examples / sizeof *examples;
		     i++) {
			ex.query = examples[i];
			HTML_RAW(&b, "<li><a href=\"");
			html_href(&b, &url, &ex, SIZE_MAX, NULL, NULL, 0);
			HTML_RAW(&b, "\">");
			html_str(&b, examples[i]);
			HTML_RAW(&b, "</a></li>\n");
		}
		HTML_RAW(&b, "</ul></section>\n");
	}
	html_foot(&b);
	r = html_flush(out, &b, buf_failed(&url));
	buf_release(&b);
	buf_release(&url);
	return r;
}
