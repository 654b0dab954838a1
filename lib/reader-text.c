/* reader-text.c - one plain .txt or .md article: the first non-blank line
 * is the title, the other non-blank lines are the body.  In Markdown the
 * heading marks ("# ", "## ") are dropped. */
#include <config.h>

#include "reader.h"

/* Drop a leading "#... " heading mark from a trimmed Markdown line. */
static void
text_strip_heading(reader_line_t *line)
{
	size_t n = 0;

	while (n < line->len && line->s[n] == '#')
		n++;
	if (n == 0 || n > 6 || n == line->len || line->s[n] != ' ')
		return;
	line->s += n;
	line->len -= n;
	reader_trim(line);
}

kb_status_t
reader_text_next(kb_reader_t *r, int *found, kb_error_t *err)
{
	reader_line_t line;
	int markdown = r->format == READER_MARKDOWN;

	*found = 0;
	if (r->state)
		return KB_OK;
	r->state = 1;
	while (reader_getline(r, &line)) {
		reader_trim(&line);
		if (markdown)
			text_strip_heading(&line);
		if (!line.len)
			continue;
		if (!*found) {
			buf_add(&r->title, line.s, line.len);
			r->art.line = line.no;
			*found = 1;
		} else {
			reader_add_body_line(&r->body, &line);
		}
	}
	return KB_OK;
}
