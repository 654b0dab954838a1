/* index-compact.c - an index rewritten compact and swapped in whole.
 *
 * Xapian's compactor writes a new database; it cannot shrink one in place.
 * The new one is written to a sibling folder (the same file system), then
 * the two folders trade places with one renameat2(RENAME_EXCHANGE), so a
 * reader opening the index at any moment finds either the old index or
 * the new one, never a missing or half-written folder.  Readers that
 * already have the old index open keep reading its open files.
 */
#include <config.h>

#include "index-compact.h"
#include "schema.h"
#include "xc-status.h"
#include "../xapian-c/xc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
index_remove_folder(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int fd;

	if (!d)
		return;
	fd = dirfd(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			(void)unlinkat(fd, e->d_name, 0);
	closedir(d);
	(void)rmdir(path);
}

/* Make the renames of @path's parent folder durable. */
static void
compact_sync_parent(const char *path)
{
	char *parent = strdup(path), *slash;
	int fd;

	if (!parent)
		return;
	slash = strrchr(parent, '/');
	if (!slash)
		strcpy(parent, ".");
	else if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(parent);
}

/* Where the file system cannot exchange two names (EINVAL), two renames
 * do it, with a moment in which @path is missing.  Returns 0, or -1 with
 * errno set and nothing changed. */
static int
compact_swap_by_renames(const char *path, const char *tmp)
{
	kb_buf aside = KB_BUF_INIT;
	int rc = -1, saved;

	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
		return -1;
	buf_addf(&aside, "%s.old-%ld", path, (long)getpid());
	if (buf_failed(&aside)) {
		errno = ENOMEM;
		goto out;
	}
	if (rename(path, aside.buf))
		goto out;
	if (rename(tmp, path)) {
		saved = errno;
		(void)rename(aside.buf, path);
		errno = saved;
		goto out;
	}
	/* the caller removes @tmp's name: it now holds the old files */
	if (rename(aside.buf, tmp))
		goto out;
	rc = 0;
out:
	buf_release(&aside);
	return rc;
}

xc_status
index_update_tables(xc_db *db, int rebuild, int *wrote, xc_error *xe)
{
	static const char *const flag_terms[] = KB_FLAG_TERMS;
	int column_wrote = 0, flags_wrote = 0;
	xc_status st;

	if (!(st = xc_db_update_facet_column(db, KB_SLOT_FACETS, rebuild,
					     &column_wrote, xe)))
		st = xc_db_update_term_set(db, flag_terms,
					   KB_ARRAY_SIZE(flag_terms),
					   &flags_wrote, xe);
	if (wrote)
		*wrote = column_wrote || flags_wrote;
	return st;
}

/* index_update_tables() on the index folder @path, committed. */
static kb_status_t
index_tables(const char *path, int rebuild, int *wrote, kb_error_t *err)
{
	xc_db *db = NULL;
	xc_error xe;
	kb_status_t rc = KB_OK;

	if (xc_db_open_writable(path, 0, &db, &xe) ||
	    index_update_tables(db, rebuild, wrote, &xe) ||
	    xc_db_commit(db, &xe))
		rc = kb_fail_xc(err, &xe, "cannot write the search tables of "
				"index '%s'", path);
	xc_db_close(db);
	return rc;
}

/* Compact @path into the new folder @dest, with the facet column and the
 * flagged passages' bitmap right for its docids: compaction copies them,
 * which is wrong when it renumbered the docids (the first ones were
 * deleted), and they are missing from an index written before there were
 * any; then they are written anew, and the copy compacted once more, so
 * that those writes leave no half-empty blocks (1 MB more on the 20 MB
 * slice). */
static kb_status_t
compact_to(const char *path, const char *dest, kb_error_t *err)
{
	kb_buf again = KB_BUF_INIT;
	xc_error xe;
	int renumbered, wrote;
	const char *from = dest;
	kb_status_t rc;

	if (xc_compact(&path, 1, dest, &renumbered, &xe))
		return kb_fail_xc(err, &xe, "cannot compact index '%s'", path);
	if ((rc = index_tables(dest, renumbered, &wrote, err)) || !wrote)
		return rc;
	buf_addf(&again, "%s.again", dest);
	if (buf_failed(&again))
		return kb_fail_buf(err, &again, "a folder name");
	index_remove_folder(again.buf);
	if (xc_compact(&from, 1, again.buf, NULL, &xe))
		rc = kb_fail_xc(err, &xe, "cannot compact index '%s'", path);
	else {
		index_remove_folder(dest);
		if (rename(again.buf, dest))
			rc = kb_fail(err, KB_ERR_IO, "cannot rename '%s' to "
				     "'%s': %s", again.buf, dest,
				     strerror(errno));
	}
	index_remove_folder(again.buf);
	buf_release(&again);
	return rc;
}

kb_status_t
index_compact_swap(const char *path, char **old, kb_error_t *err)
{
	kb_buf tmp = KB_BUF_INIT;
	kb_status_t rc = KB_OK;

	*old = NULL;
	/* the process id keeps two runs apart; the writer's lock already
	 * keeps two writers of one index apart */
	buf_addf(&tmp, "%s.compact-%ld", path, (long)getpid());
	if (buf_failed(&tmp))
		return kb_fail_buf(err, &tmp, "a folder name");
	index_remove_folder(tmp.buf);
	if ((rc = compact_to(path, tmp.buf, err))) {
		index_remove_folder(tmp.buf);
		goto out;
	}
	if (renameat2(AT_FDCWD, tmp.buf, AT_FDCWD, path, RENAME_EXCHANGE) &&
	    compact_swap_by_renames(path, tmp.buf)) {
		rc = kb_fail(err, KB_ERR_IO,
			     "cannot put the compacted index in place of '%s': %s",
			     path, strerror(errno));
		index_remove_folder(tmp.buf);
		goto out;
	}
	compact_sync_parent(path);
	*old = buf_take(&tmp, NULL);
out:
	buf_release(&tmp);
	return rc;
}

void
index_compact_finish(char *old)
{
	if (!old)
		return;
	index_remove_folder(old);
	free(old);
}
