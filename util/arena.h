/* arena.h - a bump allocator: many small allocations, one free.
 *
 * Results own every string and array they hand out through one arena, so
 * destroying the results frees them all at once (talloc's "free the parent,
 * free the children", without the dependency). */
#ifndef KB_ARENA_H
#define KB_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct kb_arena {
	arena_block *head;
} kb_arena;

#define KB_ARENA_INIT { NULL }

/* NULL on out-of-memory; memory is aligned for any type. */
void *arena_alloc(kb_arena *a, size_t size);
/* A NUL-terminated copy of @len bytes; NULL on out-of-memory. */
char *arena_strndup(kb_arena *a, const char *s, size_t len);
void arena_destroy(kb_arena *a);

#endif
