/* dbpath.h - where the programs look for the index when --db is not given.
 *
 * The one place that decides it, so kbindex writes where kbsearch reads:
 *   1. $KBSEARCH_DB, when set and not empty;
 *   2. $XDG_DATA_HOME/kbsearch/index, when XDG_DATA_HOME is an absolute
 *      path (the XDG Base Directory rule: a relative one is ignored);
 *   3. $HOME/.local/share/kbsearch/index.
 * The library never reads the environment; only the programs call this.
 */
#ifndef KB_DBPATH_H
#define KB_DBPATH_H

#include "buf.h"

/* Append the default index path to @out.  Return 0, or -1 when none of
 * the variables gives one (then @out is unchanged).  As with every kb_buf,
 * check buf_failed(out) for out-of-memory. */
int dbpath_default(kb_buf *out);

#endif
