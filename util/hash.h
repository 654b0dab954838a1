/* hash.h - the one content hash of the project: 64-bit FNV-1a, printed as
 * 16 hex digits.  Used for stable ids and digests, never for security. */
#ifndef KB_HASH_H
#define KB_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HASH_INIT UINT64_C(0xcbf29ce484222325)
#define HASH_HEX_SIZE 17 /* 16 digits and the NUL */

static inline uint64_t
hash_add(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static inline void
hash_hex(uint64_t h, char out[HASH_HEX_SIZE])
{
	snprintf(out, HASH_HEX_SIZE, "%016llx", (unsigned long long)h);
}

#endif
