/* t-buf.c - the string builder: invariants, the cap, the sticky error. */
#include <config.h>

#include <stdlib.h>

#include "../tap.h"
#include "buf.h"

int
main(void)
{
	kb_buf b = KB_BUF_INIT;
	char *s;
	size_t len;

	is_str(b.buf, "", "a new buffer is the empty string");
	buf_addstr(&b, "医保");
	buf_addch(&b, '-');
	buf_addf(&b, "%d%%", 45);
	is_str(b.buf, "医保-45%", "appends and formats");
	is_int(b.len, 10, "length counts bytes");
	buf_reset(&b);
	is_str(b.buf, "", "reset empties");
	buf_add(&b, "a\0b", 3);
	is_int(b.len, 3, "embedded NUL kept");
	s = buf_take(&b, &len);
	is_int(len, 3, "take gives the length");
	ok(s && s[1] == '\0' && s[2] == 'b', "take gives the bytes");
	free(s);
	is_str(b.buf, "", "after take the buffer is empty again");

	buf_init(&b, 8);
	buf_addstr(&b, "12345678");
	ok(!buf_failed(&b), "up to the cap is fine");
	buf_addstr(&b, "9");
	is_int(buf_failed(&b), BUF_TOOBIG, "past the cap fails");
	buf_addstr(&b, "x");
	is_str(b.buf, "12345678", "a failed buffer ignores appends");
	ok(buf_take(&b, &len) == NULL, "take of a failed buffer is NULL");
	buf_release(&b);
	return done_testing();
}
