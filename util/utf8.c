/* utf8.c - see utf8.h. */
#include <config.h>

#include "utf8.h"

size_t
utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t n, i;
	int32_t v;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	/* the second byte's range rules out overlong forms, surrogates and
	 * code points past U+10FFFF */
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	v = (v << 6) | (s[1] & 0x3F);
	for (i = 2; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

size_t
utf8_clip(const char *s, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < max && u[i]) {
		if (u[i] < 0x80)
			n = 1;
		else if (u[i] >= 0xF0)
			n = 4;
		else if (u[i] >= 0xE0)
			n = 3;
		else
			n = 2;
		if (i + n > max)
			break;
		i += n;
	}
	return i;
}
