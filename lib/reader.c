/* reader.c - kb_reader_*: read and decode a corpus file, pick its format,
 * give each article a stable id. */
#include <config.h>

#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoding.h"
#include "../util/utf8.h"

int
reader_getline(kb_reader_t *r, reader_line_t *line)
{
	const char *nl;

	if (r->pos >= r->len)
		return 0;
	line->off = r->pos;
	line->s = r->text + r->pos;
	line->no = r->lineno++;
	nl = memchr(line->s, '\n', r->len - r->pos);
	if (nl) {
		line->len = (size_t)(nl - line->s);
		r->pos += line->len + 1;
	} else {
		line->len = r->len - r->pos;
		r->pos = r->len;
	}
	return 1;
}

void
reader_ungetline(kb_reader_t *r, const reader_line_t *line)
{
	r->pos = line->off;
	r->lineno = line->no;
}

void
reader_trim(reader_line_t *line)
{
	size_t start = 0, end = line->len;

	enc_trim(line->s, &start, &end);
	line->s += start;
	line->len = end - start;
}

void
reader_add_body_line(kb_buf *b, const reader_line_t *line)
{
	if (b->len)
		buf_addch(b, '\n');
	buf_add(b, line->s, line->len);
}

/* Where the reading of a file stands in its lines: a line longer than
 * READER_MAX_LINE is refused as soon as it is seen, so a file with no line
 * break is never held whole.  Lines are counted as after decoding: LF, CR
 * LF and a lone CR each end one. */
typedef struct line_scan {
	unsigned no;  /* the line being read, 1-based */
	size_t run;   /* its bytes so far */
	int cr;       /* the last byte was a CR */
} line_scan_t;

/* 0, or the number of the first line in @s (@len more bytes of the file)
 * that is too long. */
static unsigned
reader_scan_lines(line_scan_t *ls, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *p = s;

		while (p < end && *p != '\n' && *p != '\r')
			p++;
		if (p > s) {
			ls->run += (size_t)(p - s);
			ls->cr = 0;
			if (ls->run > READER_MAX_LINE)
				return ls->no;
		}
		if (p == end)
			break;
		/* the LF of a CR LF: the line ended at the CR */
		if (!(*p == '\n' && ls->cr)) {
			ls->no++;
			ls->run = 0;
		}
		ls->cr = *p == '\r';
		s = p + 1;
	}
	return 0;
}

/* Bytes read at a time. */
#define READER_CHUNK ((size_t)1 << 20)

/* Read all of @path into @b. */
static kb_status_t
reader_slurp(const char *path, kb_buf *b, kb_error_t *err)
{
	struct stat st;
	line_scan_t ls = { 1, 0, 0 };
	kb_status_t ret = KB_OK;
	unsigned long_line;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kb_fail(err, KB_ERR_IO, "cannot open '%s': %s", path,
			       strerror(errno));
	if (fstat(fd, &st)) {
		ret = kb_fail(err, KB_ERR_IO, "cannot read '%s': %s", path,
			      strerror(errno));
		goto out;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > ENC_MAX_INPUT) {
		ret = kb_fail(err, KB_ERR_INVALID_ARG,
			      "'%s': file is too large (over %zu MiB)", path,
			      ENC_MAX_INPUT >> 20);
		goto out;
	}
	/* room for one more read, so a file of exactly the limit fits */
	b->max = ENC_MAX_INPUT + 65536 + 1;
	if (buf_grow(b, S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096)) {
		ret = kb_fail_buf(err, b, "the file contents");
		goto out;
	}
	for (;;) {
		size_t room;
		ssize_t n;

		if (b->alloc - b->len < 4096 && buf_grow(b, 65536)) {
			ret = buf_failed(b) == BUF_TOOBIG
				? kb_fail(err, KB_ERR_INVALID_ARG,
					  "'%s': file is too large (over %zu MiB)",
					  path, ENC_MAX_INPUT >> 20)
				: kb_fail_buf(err, b, "the file contents");
			goto out;
		}
		/* in pieces, so a line too long stops the reading early */
		room = b->alloc - b->len - 1;
		n = read(fd, b->buf + b->len, room < READER_CHUNK ? room
								 : READER_CHUNK);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = kb_fail(err, KB_ERR_IO, "cannot read '%s': %s",
				      path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if ((long_line = reader_scan_lines(&ls, b->buf + b->len,
						   (size_t)n))) {
			ret = kb_fail(err, KB_ERR_PARSE,
				      "'%s' line %u: line is too long (over %u MiB)",
				      path, long_line,
				      (unsigned)(READER_MAX_LINE >> 20));
			goto out;
		}
		b->len += (size_t)n;
		b->buf[b->len] = '\0';
	}
out:
	close(fd);
	return ret;
}

/* The format a file name asks for, or -1. */
static int
reader_format_for(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return -1;
	if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json"))
		return READER_JSONL;
	if (!strcasecmp(dot, ".txt"))
		return READER_TEXT;
	if (!strcasecmp(dot, ".md"))
		return READER_MARKDOWN;
	return -1;
}

kb_status_t
kb_reader_open(const char *path, const char *encoding, kb_reader_t **out,
	       kb_error_t *err)
{
	kb_reader_t *r = NULL;
	kb_buf raw = KB_BUF_INIT, text = KB_BUF_INIT;
	char resolved[PATH_MAX];
	kb_status_t st;
	int format;

	*out = NULL;
	format = reader_format_for(path);
	if (format < 0)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "'%s': unsupported file type (expected .txt, .md, .jsonl or .json)",
			       path);
	st = reader_slurp(path, &raw, err);
	if (st)
		goto out;
	st = enc_to_utf8(raw.buf, raw.len, encoding, path, &text, err);
	if (st)
		goto out;
	buf_release(&raw);

	r = calloc(1, sizeof(*r));
	if (!r) {
		st = kb_fail(err, KB_ERR_NOMEM, "out of memory reading '%s'",
			     path);
		goto out;
	}
	r->id = r->title = r->body = r->category = r->date = r->url =
		r->disclaimer = r->scratch = (kb_buf)KB_BUF_INIT;
	r->path = strdup(path);
	r->realpath = strdup(realpath(path, resolved) ? resolved : path);
	if (!r->path || !r->realpath) {
		st = kb_fail(err, KB_ERR_NOMEM, "out of memory reading '%s'",
			     path);
		goto out;
	}
	r->len = text.len;
	r->text = buf_take(&text, NULL);
	if (!r->text) {
		st = kb_fail(err, KB_ERR_NOMEM, "out of memory reading '%s'",
			     path);
		goto out;
	}
	r->lineno = 1;
	if ((format == READER_TEXT || format == READER_MARKDOWN) &&
	    reader_page_detect(r->text, r->len))
		format = READER_PAGE;
	r->format = (enum reader_format)format;
	hash_hex(hash_add(HASH_INIT, r->text, r->len), r->digest);
	*out = r;
	r = NULL;
out:
	buf_release(&raw);
	buf_release(&text);
	kb_reader_close(r);
	return st;
}

/* How many times @title has been seen in this file, counting this one. */
static unsigned
reader_seen(kb_reader_t *r, const char *title, size_t len)
{
	uint64_t h = hash_add(HASH_INIT, title, len);
	size_t i, mask;

	if (r->seen_used * 2 >= r->seen_size) {
		size_t nsize = r->seen_size ? r->seen_size * 2 : 64;
		uint64_t *nh = calloc(nsize, sizeof(*nh));
		unsigned *nc = calloc(nsize, sizeof(*nc));

		if (!nh || !nc) {
			free(nh);
			free(nc);
			return 0;
		}
		for (i = 0; i < r->seen_size; i++) {
			size_t j;

			if (!r->seen_count[i])
				continue;
			for (j = r->seen_hash[i] & (nsize - 1); nc[j];
			     j = (j + 1) & (nsize - 1))
				;
			nh[j] = r->seen_hash[i];
			nc[j] = r->seen_count[i];
		}
		free(r->seen_hash);
		free(r->seen_count);
		r->seen_hash = nh;
		r->seen_count = nc;
		r->seen_size = nsize;
	}
	mask = r->seen_size - 1;
	for (i = h & mask; r->seen_count[i]; i = (i + 1) & mask)
		if (r->seen_hash[i] == h)
			return ++r->seen_count[i];
	r->seen_hash[i] = h;
	r->seen_count[i] = 1;
	r->seen_used++;
	return 1;
}

/* id = the first 16 hex digits of FNV-1a over realpath, LF, title, and
 * for the n-th article of the same title in the file LF and n. */
static kb_status_t
reader_make_id(kb_reader_t *r, kb_error_t *err)
{
	uint64_t h;
	unsigned n;
	char num[16], hex[HASH_HEX_SIZE];

	n = reader_seen(r, r->title.buf, r->title.len);
	if (!n)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory reading '%s'",
			       r->path);
	h = hash_add(HASH_INIT, r->realpath, strlen(r->realpath));
	h = hash_add(h, "\n", 1);
	h = hash_add(h, r->title.buf, r->title.len);
	if (n > 1) {
		int k = snprintf(num, sizeof num, "\n%u", n);

		h = hash_add(h, num, (size_t)k);
	}
	hash_hex(h, hex);
	buf_reset(&r->id);
	buf_addstr(&r->id, hex);
	return KB_OK;
}

kb_status_t
kb_reader_next(kb_reader_t *r, const kb_article_t **out, kb_error_t *err)
{
	kb_buf *bufs[] = { &r->id, &r->title, &r->body, &r->category,
			   &r->date, &r->url, &r->disclaimer, &r->scratch };
	kb_status_t st;
	size_t i;
	int found = 0;

	*out = NULL;
	for (i = 0; i < KB_ARRAY_SIZE(bufs); i++)
		buf_reset(bufs[i]);
	r->have_id = 0;
	switch (r->format) {
	case READER_PAGE:
		st = reader_page_next(r, &found, err);
		break;
	case READER_JSONL:
		st = reader_jsonl_next(r, &found, err);
		break;
	default:
		st = reader_text_next(r, &found, err);
		break;
	}
	if (st || !found)
		return st;
	for (i = 0; i < KB_ARRAY_SIZE(bufs); i++)
		if (buf_failed(bufs[i]))
			return kb_fail_buf(err, bufs[i], "an article");
	/* An article becomes one transaction and each passage carries the
	 * title: both are bounded, or one file could exhaust the memory
	 * and fill the disk. */
	if (r->body.len + r->title.len > READER_MAX_ARTICLE)
		return kb_fail(err, KB_ERR_PARSE,
			       "'%s' line %u: article is too long (over %u MiB)",
			       r->path, r->art.line,
			       (unsigned)(READER_MAX_ARTICLE >> 20));
	if (r->title.len > READER_MAX_TITLE) {
		size_t start = 0, end = utf8_clip(r->title.buf,
						  READER_MAX_TITLE);

		enc_trim(r->title.buf, &start, &end);
		buf_setlen(&r->title, end);
	}
	if (!r->have_id) {
		st = reader_make_id(r, err);
		if (st)
			return st;
	}
	r->art.id = r->id.buf;
	r->art.title = r->title.buf;
	r->art.body = r->body.buf;
	r->art.category = r->category.buf;
	r->art.date = r->date.buf;
	r->art.url = r->url.buf;
	r->art.disclaimer = r->disclaimer.buf;
	r->art.source = r->path;
	*out = &r->art;
	return KB_OK;
}

const char *
kb_reader_digest(const kb_reader_t *r)
{
	return r->digest;
}

void
kb_reader_close(kb_reader_t *r)
{
	if (!r)
		return;
	buf_release(&r->id);
	buf_release(&r->title);
	buf_release(&r->body);
	buf_release(&r->category);
	buf_release(&r->date);
	buf_release(&r->url);
	buf_release(&r->disclaimer);
	buf_release(&r->scratch);
	free(r->seen_hash);
	free(r->seen_count);
	free(r->text);
	free(r->path);
	free(r->realpath);
	free(r);
}
