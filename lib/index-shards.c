/* index-shards.c - one corpus written into several indexes at once.
 *
 * A sharded index is a folder holding the ordinary indexes shard-0 ...
 * shard-(N-1) and a Xapian stub file, XAPIANDB, listing them: Xapian opens
 * the folder as one database of all the shards, so kbsearch, xapian-delve
 * and xapian-compact read it as they read one index.  Each article goes to
 * the shard its id hashes to (index_shard_of).  Each shard has its own
 * indexer, written by its own thread: each thread reads every file and
 * writes only its own articles, counting the others' passages so that
 * every shard commits at the same article boundaries.  A crash leaves each
 * shard at its last commit, on its own consistent; shards that got further
 * than others are caught up by running kbindex again, since a file is
 * re-read wherever its stamp is not the current one.
 */
#include <config.h>

#include "kb-private.h"
#include "index-shards.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHARDS_STUB "XAPIANDB"
#define SHARDS_HEADER "# kbsearch sharded index (kbindex --shards)\n"

struct kb_shards {
	char *dir;
	unsigned n;
	kb_indexer_t **ix;
};

typedef struct shards_job {
	kb_shards_t *sh;
	unsigned no;
	char *const *files;
	size_t nfiles;
	const char *encoding;
	int deleting;
	kb_shard_file_t *results; /* this shard's, one per file */
	kb_error_t err;           /* what stopped it */
	kb_status_t rc;
} shards_job_t;

static void
shards_path(kb_buf *b, const char *dir, const char *name)
{
	buf_reset(b);
	buf_addf(b, "%s/%s", dir, name);
}

kb_status_t
kb_shards_stored(const char *dir, unsigned *count, kb_error_t *err)
{
	kb_buf path = KB_BUF_INIT;
	char line[256];
	unsigned n = 0;
	FILE *f;

	*count = 0;
	shards_path(&path, dir, SHARDS_STUB);
	if (buf_failed(&path))
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	f = fopen(path.buf, "r");
	if (!f) {
		kb_status_t rc = errno == ENOENT || errno == ENOTDIR ? KB_OK :
			kb_fail(err, KB_ERR_IO, "cannot read '%s': %s",
				path.buf, strerror(errno));
		buf_release(&path);
		return rc;
	}
	/* the lines kb_shards_open writes: "auto shard-K", K = 0, 1, ... */
	while (fgets(line, sizeof line, f)) {
		char want[32];

		if (line[0] == '#' || line[0] == '\n')
			continue;
		snprintf(want, sizeof want, "auto shard-%u\n", n);
		if (strcmp(line, want)) {
			fclose(f);
			buf_release(&path);
			return kb_fail(err, KB_ERR_INDEX_VERSION,
				       "'%s' lists databases kbindex did not make",
				       dir);
		}
		n++;
	}
	fclose(f);
	buf_release(&path);
	*count = n;
	return KB_OK;
}

/* The stub is written last and renamed into place: a folder with a stub
 * has all its shards. */
static kb_status_t
shards_write_stub(const char *dir, unsigned n, kb_error_t *err)
{
	kb_buf path = KB_BUF_INIT, tmp = KB_BUF_INIT;
	kb_status_t rc = KB_OK;
	FILE *f;

	shards_path(&path, dir, SHARDS_STUB);
	shards_path(&tmp, dir, SHARDS_STUB ".tmp");
	if (buf_failed(&path) || buf_failed(&tmp)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (!(f = fopen(tmp.buf, "w"))) {
		rc = kb_fail(err, KB_ERR_IO, "cannot write '%s': %s", tmp.buf,
			     strerror(errno));
		goto out;
	}
	fputs(SHARDS_HEADER, f);
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "auto shard-%u\n", i);
	if (fflush(f) || fsync(fileno(f)) || ferror(f)) {
		rc = kb_fail(err, KB_ERR_IO, "cannot write '%s': %s", tmp.buf,
			     strerror(errno));
		fclose(f);
		goto out;
	}
	if (fclose(f) || rename(tmp.buf, path.buf))
		rc = kb_fail(err, KB_ERR_IO, "cannot write '%s': %s",
			     path.buf, strerror(errno));
out:
	buf_release(&path);
	buf_release(&tmp);
	return rc;
}

kb_status_t
kb_shards_open(const char *dir, unsigned n, kb_shards_t **out,
	       kb_error_t *err)
{
	kb_shards_t *sh;
	kb_buf path = KB_BUF_INIT;
	unsigned stored;
	kb_status_t rc;

	*out = NULL;
	if ((rc = kb_shards_stored(dir, &stored, err)))
		return rc;
	if (!n)
		n = stored;
	if (!n || n > KB_SHARDS_MAX)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "invalid shard count %u: expected 1 to %u", n,
			       KB_SHARDS_MAX);
	if (stored && stored != n)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "index '%s' has %u shards, not %u: index into a new folder to change their number",
			       dir, stored, n);
	if (!stored && mkdir(dir, 0777) && errno != EEXIST)
		return kb_fail(err, KB_ERR_IO, "cannot create '%s': %s", dir,
			       strerror(errno));
	if (!stored) {
		shards_path(&path, dir, "iamglass");
		if (!buf_failed(&path) && access(path.buf, F_OK) == 0) {
			buf_release(&path);
			return kb_fail(err, KB_ERR_INVALID_ARG,
				       "index '%s' has 1 shard, not %u: index into a new folder to change their number",
				       dir, n);
		}
	}
	sh = calloc(1, sizeof *sh);
	if (!sh || !(sh->dir = strdup(dir)) ||
	    !(sh->ix = calloc(n, sizeof *sh->ix))) {
		if (sh)
			free(sh->dir);
		free(sh);
		buf_release(&path);
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	}
	sh->n = n;
	for (unsigned i = 0; i < n; i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/shard-%u", dir, i);
		if (buf_failed(&path)) {
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
			goto fail;
		}
		if ((rc = kb_indexer_open(path.buf, &sh->ix[i], err)) ||
		    (rc = index_set_shard(sh->ix[i], i, n, err)))
			goto fail;
	}
	/* the shards' first commit, so the stub never lists a database
	 * that is not there */
	if (!stored) {
		for (unsigned i = 0; i < n; i++)
			if ((rc = index_commit_all(sh->ix[i], err)))
				goto fail;
		if ((rc = shards_write_stub(dir, n, err)))
			goto fail;
	}
	buf_release(&path);
	*out = sh;
	return KB_OK;
fail:
	buf_release(&path);
	kb_shards_abandon(sh);
	return rc;
}

unsigned
kb_shards_count(const kb_shards_t *sh)
{
	return sh ? sh->n : 0;
}

kb_indexer_t *
kb_shards_indexer(kb_shards_t *sh, unsigned i)
{
	return sh && i < sh->n ? sh->ix[i] : NULL;
}

static int
shards_file_error(kb_status_t st)
{
	return st == KB_ERR_IO || st == KB_ERR_ENCODING ||
	       st == KB_ERR_PARSE || st == KB_ERR_INVALID_ARG;
}

static void *
shards_thread(void *arg)
{
	shards_job_t *j = arg;
	kb_indexer_t *ix = j->sh->ix[j->no];

	j->rc = KB_OK;
	for (size_t i = 0; i < j->nfiles; i++) {
		kb_shard_file_t *r = &j->results[i];
		kb_error_t e;

		memset(r, 0, sizeof *r);
		if (!j->files[i])
			continue;
		if (j->deleting)
			r->status = kb_indexer_delete_file(ix, j->files[i],
							   &r->removed, &e);
		else
			r->status = kb_indexer_add_file(ix, j->files[i],
							j->encoding, &r->stats,
							&e);
		if (r->status)
			snprintf(r->msg, sizeof r->msg, "%s", e.msg);
		if (r->status && !shards_file_error(r->status)) {
			j->rc = r->status;
			j->err = e;
			break;
		}
	}
	return NULL;
}

kb_status_t
kb_shards_run(kb_shards_t *sh, char *const *files, size_t nfiles,
	      const char *encoding, int deleting, kb_shard_file_t *results,
	      kb_error_t *err)
{
	shards_job_t *jobs;
	pthread_t *threads;
	kb_shard_file_t *all;
	kb_status_t rc = KB_OK;
	unsigned char *started;

	jobs = calloc(sh->n, sizeof *jobs);
	threads = calloc(sh->n, sizeof *threads);
	started = calloc(sh->n, 1);
	all = calloc(sh->n * (nfiles ? nfiles : 1), sizeof *all);
	if (!jobs || !threads || !started || !all) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (unsigned i = 0; i < sh->n; i++) {
		jobs[i] = (shards_job_t){ sh, i, files, nfiles, encoding,
					  deleting, all + i * nfiles,
					  { KB_OK, "" }, KB_OK };
		/* a shard whose thread cannot start is written here */
		if (pthread_create(&threads[i], NULL, shards_thread,
				   &jobs[i]) == 0)
			started[i] = 1;
	}
	for (unsigned i = 0; i < sh->n; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		else
			shards_thread(&jobs[i]);
	}
	/* each file's outcome: the first shard's error, or the sum */
	for (size_t f = 0; f < nfiles; f++) {
		kb_shard_file_t *r = &results[f];

		memset(r, 0, sizeof *r);
		r->stats.unchanged = 1;
		for (unsigned i = 0; i < sh->n; i++) {
			const kb_shard_file_t *s = &all[i * nfiles + f];

			if (s->status && !r->status) {
				r->status = s->status;
				memcpy(r->msg, s->msg, sizeof r->msg);
			}
			r->removed += s->removed;
			r->stats.articles += s->stats.articles;
			r->stats.passages += s->stats.passages;
			r->stats.unchanged &= s->stats.unchanged != 0;
			if (i == 0)
				r->stats.bytes = s->stats.bytes;
		}
	}
	for (unsigned i = 0; i < sh->n && !rc; i++)
		if (jobs[i].rc) {
			rc = jobs[i].rc;
			if (err)
				*err = jobs[i].err;
		}
out:
	free(jobs);
	free(threads);
	free(started);
	free(all);
	return rc;
}

kb_status_t
kb_shards_close(kb_shards_t *sh, kb_error_t *err)
{
	kb_status_t rc = KB_OK;

	if (!sh)
		return KB_OK;
	/* every shard is committed even when one fails: each is consistent
	 * on its own, and the next run brings the failed one up to date */
	for (unsigned i = 0; i < sh->n; i++) {
		kb_error_t e;
		kb_status_t r = kb_indexer_close(sh->ix[i], &e);

		sh->ix[i] = NULL;
		if (r && !rc) {
			rc = r;
			if (err)
				*err = e;
		}
	}
	kb_shards_abandon(sh);
	return rc;
}

void
kb_shards_abandon(kb_shards_t *sh)
{
	if (!sh)
		return;
	for (unsigned i = 0; i < sh->n; i++)
		kb_indexer_abandon(sh->ix[i]);
	free(sh->ix);
	free(sh->dir);
	free(sh);
}
