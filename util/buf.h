/* buf.h - a growable byte string with a size cap and a sticky error.
 *
 * Invariants (as git's strbuf): b->buf is never NULL and is always
 * NUL-terminated; b->len is authoritative (the content may hold NULs).
 * Appends never report failure: on out-of-memory or when the content would
 * pass b->max, the buffer is marked failed and further appends are ignored
 * (as sqlite3_str).  The owner checks buf_failed() once, before using the
 * result.  buf_take() is the only way to own the memory.
 */
#ifndef KB_BUF_H
#define KB_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct kb_buf {
	char *buf;
	size_t len;
	size_t alloc;  /* 0 while buf points at the shared empty string */
	size_t max;    /* cap on len; 0 means no cap */
	int failed;    /* BUF_NOMEM or BUF_TOOBIG once an append failed */
} kb_buf;

enum { BUF_OK = 0, BUF_NOMEM = 1, BUF_TOOBIG = 2 };

extern char buf_empty_[1];
#define KB_BUF_INIT { buf_empty_, 0, 0, 0, 0 }

/* Life cycle */
void buf_init(kb_buf *b, size_t max);
void buf_release(kb_buf *b);       /* frees; b is then as KB_BUF_INIT */
char *buf_take(kb_buf *b, size_t *len); /* caller frees; NULL if failed */
void buf_reset(kb_buf *b);         /* empty, keeps memory and the cap, clears failure */

/* Size */
int buf_failed(const kb_buf *b);
int buf_grow(kb_buf *b, size_t extra); /* 0 ok, else sets failed */
void buf_setlen(kb_buf *b, size_t len); /* len <= current allocation */

/* Adding data */
void buf_add(kb_buf *b, const void *data, size_t len);
void buf_addstr(kb_buf *b, const char *s);
void buf_addch(kb_buf *b, int c);
void buf_addf(kb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(kb_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
