/* buf.c - see buf.h for the invariants. */
#include <config.h>

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty_[1];

void
buf_init(kb_buf *b, size_t max)
{
	b->buf = buf_empty_;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
	b->failed = BUF_OK;
}

void
buf_release(kb_buf *b)
{
	if (b->alloc)
		free(b->buf);
	buf_init(b, b->max);
}

char *
buf_take(kb_buf *b, size_t *len)
{
	char *s;

	if (b->failed) {
		buf_release(b);
		return NULL;
	}
	if (!b->alloc) {
		s = malloc(1);
		if (s)
			s[0] = '\0';
	} else {
		s = b->buf;
	}
	if (len)
		*len = s ? b->len : 0;
	b->buf = buf_empty_;
	b->len = b->alloc = 0;
	return s;
}

void
buf_reset(kb_buf *b)
{
	b->len = 0;
	b->failed = BUF_OK;
	if (b->alloc)
		b->buf[0] = '\0';
}

int
buf_failed(const kb_buf *b)
{
	return b->failed;
}

int
buf_grow(kb_buf *b, size_t extra)
{
	size_t need, nalloc;
	char *p;

	if (b->failed)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len ||
	    (b->max && b->len + extra > b->max)) {
		b->failed = BUF_TOOBIG;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	nalloc = b->alloc ? b->alloc : 64;
	while (nalloc < need)
		nalloc = nalloc / 2 * 3 + 16;
	p = b->alloc ? realloc(b->buf, nalloc) : malloc(nalloc);
	if (!p) {
		b->failed = BUF_NOMEM;
		return -1;
	}
	if (!b->alloc)
		p[0] = '\0';
	b->buf = p;
	b->alloc = nalloc;
	return 0;
}

void
buf_setlen(kb_buf *b, size_t len)
{
	if (!b->alloc)
		return;
	b->len = len < b->alloc ? len : b->alloc - 1;
	b->buf[b->len] = '\0';
}

void
buf_add(kb_buf *b, const void *data, size_t len)
{
	if (buf_grow(b, len))
		return;
	if (len)
		memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void
buf_addstr(kb_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(kb_buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_vaddf(kb_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->failed)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(kb_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}
