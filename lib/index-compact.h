/* index-compact.h - an index rewritten compact and swapped in whole. */
#ifndef KB_INDEX_COMPACT_H
#define KB_INDEX_COMPACT_H

#include "kb-private.h"
#include "../xapian-c/xc.h"

/* Write the committed index folder @path anew, compacted, beside it, and
 * swap the two folders, so that @path names the compact index.  The
 * caller holds @path's writer open throughout, so no other writer can
 * change the index meanwhile.  *@old is set to the folder that now holds
 * the previous files (malloc'd): pass it to index_compact_finish() once
 * the writer is closed.  On failure @path is as it was and nothing is
 * left beside it. */
kb_status_t index_compact_swap(const char *path, char **old,
			       kb_error_t *err);

/* Remove the previous files left by index_compact_swap() and free @old
 * (NULL is allowed).  A failure leaves a folder behind and no more. */
void index_compact_finish(char *old);

/* Bring what a search reads besides the passages up to the last docid of
 * writable @db: the facet column (written anew when @rebuild) and the
 * flagged passages' bitmap; *@wrote (unless NULL) is 1 when anything was
 * written.  In the commit that adds the passages, or the compaction's
 * own.  Commit to keep them. */
xc_status index_update_tables(xc_db *db, int rebuild, int *wrote,
			      xc_error *xe);

/* Remove the folder @path and the files in it (a Xapian database holds no
 * subfolders), if there is one; quietly, as it is a scratch folder of
 * ours. */
void index_remove_folder(const char *path);

#endif
