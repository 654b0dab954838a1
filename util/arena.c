/* arena.c - see arena.h. */
#include <config.h>

#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

#define ARENA_BLOCK_SIZE 16384

void *
arena_alloc(kb_arena *a, size_t size)
{
	arena_block *b = a->head;
	size_t align = alignof(max_align_t), need;
	void *p;

	size = (size + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < size) {
		need = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
		b = malloc(sizeof *b + need);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = need;
		/* an oversized block goes second, so the current block keeps
		 * serving small requests */
		if (a->head && need > ARENA_BLOCK_SIZE) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += size;
	return p;
}

char *
arena_strndup(kb_arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
arena_destroy(kb_arena *a)
{
	arena_block *b = a->head, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}
