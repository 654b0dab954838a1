/* utf8.h - the one strict UTF-8 decoder of the project.
 *
 * Well-formed UTF-8 as in Unicode's table 3-7: no overlong forms, no
 * surrogates, nothing past U+10FFFF. */
#ifndef KB_UTF8_H
#define KB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the character at @s (@len bytes available, at least 1): returns
 * its length (1 to 4) and stores the code point in *cp, or returns 0 when
 * the bytes there are not a valid character (*cp is then unchanged). */
size_t utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* The length of the longest prefix of @s, at most @max bytes, that does
 * not end inside a character: where to cut text that must stay UTF-8.
 * @s holds at least @max bytes, or is NUL-terminated before. */
size_t utf8_clip(const char *s, size_t max);

#endif
