/* index-shards.h - what the sharded writer (index-shards.c) needs of an
 * indexer (index.c). */
#ifndef KB_INDEX_SHARDS_H
#define KB_INDEX_SHARDS_H

#include "kbsearch.h"

/* The shard, 0 to @count - 1, that holds the article @id. */
unsigned index_shard_of(const char *id, unsigned count);

/* Make @ix shard @no of @count: it writes the articles index_shard_of()
 * gives it and counts the others' passages, so that every shard commits
 * at the same article boundaries.  Refused when the index is another
 * shard. */
kb_status_t index_set_shard(kb_indexer_t *ix, unsigned no, unsigned count,
			    kb_error_t *err);

/* Commit what @ix holds, in a batch or not (a new index's schema). */
kb_status_t index_commit_all(kb_indexer_t *ix, kb_error_t *err);

#endif
