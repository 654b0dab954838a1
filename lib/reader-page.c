/* reader-page.c - the scraped page format of the bundled corpus:
 *
 *   lead title
 *   lead body lines (paragraphs, "1. ..." items, "• ..." points,
 *   "一、..." headings), blank lines between them
 *   提示:... (a disclaimer, kept out of the body)
 *   相关推荐
 *   related title
 *   related body (one paragraph)
 *   CATEGORY YYYY-MM-DD
 *   ... more related articles ...
 *
 * Blank lines are optional and may be repeated; the category/date line may
 * be missing (the next non-blank line then starts the next article).
 */
#include <config.h>

#include "reader.h"

#include <string.h>

#include "encoding.h"

/* The heading of the related-articles list, in either script: a page
 * scraped from a Traditional-script site says 相關推薦. */
static const char *const related_headings[] = { "相关推荐", "相關推薦" };
/* A longer "category" is more likely a sentence that ends in a date. */
#define PAGE_MAX_CATEGORY_CHARS 20

enum { PAGE_LEAD, PAGE_RELATED_ITEMS, PAGE_DONE };

static int
page_is_related(const char *s, size_t len)
{
	for (size_t i = 0; i < KB_ARRAY_SIZE(related_headings); i++)
		if (len == strlen(related_headings[i]) &&
		    !memcmp(s, related_headings[i], len))
			return 1;
	return 0;
}

int
reader_page_detect(const char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t start = pos, e = end;

		enc_trim(text, &start, &e);
		if (page_is_related(text + start, e - start))
			return 1;
		pos = end + 1;
	}
	return 0;
}

static int
page_is_disclaimer(const reader_line_t *line)
{
	static const char *const prefixes[] = { "提示:", "提示：" };
	size_t i;

	for (i = 0; i < KB_ARRAY_SIZE(prefixes); i++) {
		size_t n = strlen(prefixes[i]);

		if (line->len >= n && !memcmp(line->s, prefixes[i], n))
			return 1;
	}
	return 0;
}

static int
page_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether the (trimmed) line is "CATEGORY YYYY-MM-DD" or "YYYY-MM-DD";
 * if so, store both parts in the article. */
static int
page_catdate(kb_reader_t *r, const reader_line_t *line)
{
	const char *d, *p;
	size_t catlen, i;

	if (line->len < 10)
		return 0;
	d = line->s + line->len - 10;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : !page_digit(d[i]))
			return 0;
	catlen = line->len - 10;
	if (catlen) {
		size_t start = 0, end = catlen;

		/* a space must separate category and date */
		if (!enc_space_len_before(line->s, catlen))
			return 0;
		enc_trim(line->s, &start, &end);
		catlen = end;
		for (p = line->s; p < line->s + catlen; p++)
			if (enc_space_len(p, (size_t)(line->s + catlen - p)))
				return 0;
		if (enc_utf8_chars(line->s, catlen) > PAGE_MAX_CATEGORY_CHARS)
			return 0;
	}
	buf_reset(&r->category);
	buf_add(&r->category, line->s, catlen);
	buf_reset(&r->date);
	buf_add(&r->date, d, 10);
	return 1;
}

/* The next non-blank line, trimmed; 0 at the end. */
static int
page_next_nonblank(kb_reader_t *r, reader_line_t *line)
{
	while (reader_getline(r, line)) {
		reader_trim(line);
		if (line->len)
			return 1;
	}
	return 0;
}

static void
page_lead(kb_reader_t *r, const reader_line_t *title, int *found)
{
	reader_line_t line;
	size_t before_last = 0;
	int last_is_body = 0;

	buf_add(&r->title, title->s, title->len);
	r->art.line = title->no;
	while (reader_getline(r, &line)) {
		reader_trim(&line);
		if (page_is_related(line.s, line.len))
			break;
		if (!line.len)
			continue;
		if (page_is_disclaimer(&line)) {
			reader_add_body_line(&r->disclaimer, &line);
			continue;
		}
		before_last = r->body.len;
		reader_add_body_line(&r->body, &line);
		last_is_body = 1;
	}
	/* A lead that ends in a category/date line, as related articles
	 * do, gets them too. */
	if (last_is_body) {
		line.s = r->body.buf + before_last + (before_last ? 1 : 0);
		line.len = r->body.len - (size_t)(line.s - r->body.buf);
		if (before_last && page_catdate(r, &line))
			buf_setlen(&r->body, before_last);
	}
	*found = 1;
}

static void
page_related(kb_reader_t *r, const reader_line_t *title, int *found)
{
	reader_line_t line;

	buf_add(&r->title, title->s, title->len);
	r->art.line = title->no;
	*found = 1;
	if (!page_next_nonblank(r, &line))
		return;
	if (page_catdate(r, &line))
		return;
	/* The body paragraph: non-blank lines up to a blank line or the
	 * category/date line. */
	reader_add_body_line(&r->body, &line);
	while (reader_getline(r, &line)) {
		reader_trim(&line);
		if (!line.len)
			break;
		if (page_catdate(r, &line))
			return;
		reader_add_body_line(&r->body, &line);
	}
	if (!page_next_nonblank(r, &line))
		return;
	if (!page_catdate(r, &line))
		reader_ungetline(r, &line);
}

kb_status_t
reader_page_next(kb_reader_t *r, int *found, kb_error_t *err)
{
	reader_line_t line;

	*found = 0;
	if (r->state == PAGE_DONE)
		return KB_OK;
	if (!page_next_nonblank(r, &line)) {
		r->state = PAGE_DONE;
		return KB_OK;
	}
	if (r->state == PAGE_LEAD) {
		r->state = PAGE_RELATED_ITEMS;
		if (!page_is_related(line.s, line.len)) {
			page_lead(r, &line, found);
			return KB_OK;
		}
		/* no lead article: the page starts with the related list */
		if (!page_next_nonblank(r, &line)) {
			r->state = PAGE_DONE;
			return KB_OK;
		}
	}
	page_related(r, &line, found);
	return KB_OK;
}
