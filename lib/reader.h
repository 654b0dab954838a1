/* reader.h - what the corpus readers (reader-*.c) share with reader.c.
 *
 * kb_reader_open() reads and decodes the whole file, picks a format and
 * hands the text to that format's next() function, which fills the
 * article buffers one article at a time.  reader.c owns the storage, the
 * id scheme and the line cursor.
 */
#ifndef KB_READER_H
#define KB_READER_H

#include <stdint.h>

#include "kb-private.h"
#include "hash.h"

/* A line of a file (its bytes, before decoding) may be this long: a file
 * with a longer one is refused.  It bounds the memory a file without line
 * breaks can take, and a JSON Lines record. */
#define READER_MAX_LINE ((size_t)1 << 20)
/* An article's title and body, decoded, may be this long together: a
 * longer article is refused. */
#define READER_MAX_ARTICLE ((size_t)4 << 20)
/* A longer title is cut, at a character boundary, to this many bytes. */
#define READER_MAX_TITLE 1024

enum reader_format {
	READER_PAGE,  /* lead article, "相关推荐", related articles */
	READER_JSONL, /* one JSON object per line */
	READER_TEXT,  /* one plain article */
	READER_MARKDOWN
};

/* One line of the decoded text, without its LF. */
typedef struct reader_line {
	const char *s;
	size_t len;
	unsigned no;  /* 1-based */
	size_t off;   /* offset of the untrimmed line in the text */
} reader_line_t;

struct kb_reader {
	char *path;     /* as given */
	char *realpath; /* for ids; the path as given when it cannot be resolved */
	enum reader_format format;
	char *text;     /* decoded UTF-8, LF line ends */
	size_t len;
	size_t pos;     /* cursor: start of the next line */
	unsigned lineno; /* number of the next line */
	int state;      /* the format's own progress */
	char digest[HASH_HEX_SIZE];

	/* The current article: its strings point into these buffers. */
	kb_article_t art;
	kb_buf id, title, body, category, date, url, disclaimer;
	int have_id;    /* the format set art's id itself (JSONL) */
	kb_buf scratch; /* for the formats' parsing */

	/* Titles seen so far, for unique ids: open addressing on the
	 * title's hash, with the number of times it was seen. */
	uint64_t *seen_hash;
	unsigned *seen_count;
	size_t seen_size, seen_used;
};

/* Each format: fill the article buffers with the next article and set
 * *found to 1, or set *found to 0 at the end. */
kb_status_t reader_page_next(kb_reader_t *r, int *found, kb_error_t *err);
kb_status_t reader_jsonl_next(kb_reader_t *r, int *found, kb_error_t *err);
kb_status_t reader_text_next(kb_reader_t *r, int *found, kb_error_t *err);

/* Whether the decoded text has a line "相关推荐" (surrounding space
 * ignored), which marks the page format. */
int reader_page_detect(const char *text, size_t len);

/* The next line at the cursor; 0 at the end of the text. */
int reader_getline(kb_reader_t *r, reader_line_t *line);
/* Put @line back, so the next reader_getline() returns it again. */
void reader_ungetline(kb_reader_t *r, const reader_line_t *line);
/* Narrow @line to its text without surrounding white space. */
void reader_trim(reader_line_t *line);
/* Append @line to @b as one more body line (LF-separated). */
void reader_add_body_line(kb_buf *b, const reader_line_t *line);

#endif
