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
 *
 * The folder also holds "vocab", a database with no documents listed first
 * in the stub: the union of the shards' synonym tables and the metadata
 * they share.  Xapian reads a multi-database's metadata from its first
 * database, and its remote backend serves no synonym table, so a copy of
 * vocab next to remote shards gives queries the synonyms, pinyin keys and
 * format of the whole index; having no documents, it changes no
 * statistic.  It is rebuilt from the shards at the end of every run.
 */
#include <config.h>

#include "kb-private.h"
#include "index-shards.h"
#include "schema.h"
#include "xc-status.h"
#include "../xapian-c/xc.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHARDS_STUB "XAPIANDB"
#define SHARDS_VOCAB "vocab"
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
	int vocab = 0;
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
	/* the lines shards_write_stub writes: "auto vocab" (not in an index
	 * made before it), then "auto shard-K", K = 0, 1, ... */
	while (fgets(line, sizeof line, f)) {
		char want[32];

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!n && !vocab && !strcmp(line, "auto " SHARDS_VOCAB "\n")) {
			vocab = 1;
			continue;
		}
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
	fputs("auto " SHARDS_VOCAB "\n", f);
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

/* The metadata every shard holds alike.  File stamps are left out: they
 * describe documents, and vocab holds none. */
static const char *const vocab_meta[] = {
	KB_META_SCHEMA, KB_META_SYNONYMS, KB_META_USER_SYNONYMS,
};

static int
vocab_collect(void *ctx, const char *term, size_t len)
{
	kb_buf *b = ctx;

	buf_add(b, term, len);
	buf_addch(b, '\0');
	return 0;
}

static int
vocab_any(void *ctx, const char *term, size_t len)
{
	(void)term;
	(void)len;
	*(int *)ctx = 1;
	return 1;
}

/* Make @to's synonym table and metadata those of the shards @from: only
 * the entries that differ are written, so a run that added a few words
 * rewrites a few keys. */
static kb_status_t
vocab_copy(xc_db *from, xc_db *to, const char *dir, unsigned n,
	   kb_error_t *err)
{
	kb_buf keys = KB_BUF_INIT, want = KB_BUF_INIT, have = KB_BUF_INIT;
	char count[16], *value = NULL;
	size_t len;
	xc_error xe;
	kb_status_t rc = KB_OK;

	for (size_t i = 0; i < sizeof vocab_meta / sizeof *vocab_meta; i++) {
		if (xc_db_get_metadata(from, vocab_meta[i], &value, &len, &xe))
			goto read_fail;
		if (xc_db_set_metadata(to, vocab_meta[i], value, len, &xe))
			goto write_fail;
		free(value);
		value = NULL;
	}
	snprintf(count, sizeof count, "%u", n);
	if (xc_db_set_metadata(to, KB_META_SHARDS, count, strlen(count), &xe))
		goto write_fail;
	/* keys the shards no longer have: a user's list that changed */
	if (xc_db_synonym_keys(to, vocab_collect, &keys, &xe))
		goto write_fail;
	if (buf_failed(&keys)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < keys.len; k += strlen(keys.buf + k) + 1) {
		int found = 0;

		if (xc_db_synonyms(from, keys.buf + k, strlen(keys.buf + k),
				   vocab_any, &found, &xe))
			goto read_fail;
		if (!found && xc_db_clear_synonyms(to, keys.buf + k,
						   strlen(keys.buf + k), &xe))
			goto write_fail;
	}
	buf_reset(&keys);
	if (xc_db_synonym_keys(from, vocab_collect, &keys, &xe))
		goto read_fail;
	for (size_t k = 0; k < keys.len; k += strlen(keys.buf + k) + 1) {
		const char *key = keys.buf + k;
		size_t klen = strlen(key);

		buf_reset(&want);
		buf_reset(&have);
		if (xc_db_synonyms(from, key, klen, vocab_collect, &want, &xe))
			goto read_fail;
		if (xc_db_synonyms(to, key, klen, vocab_collect, &have, &xe))
			goto write_fail;
		if (buf_failed(&want) || buf_failed(&have))
			break;
		if (want.len == have.len &&
		    !memcmp(want.buf, have.buf, want.len))
			continue;
		if (xc_db_clear_synonyms(to, key, klen, &xe))
			goto write_fail;
		for (size_t w = 0; w < want.len; w += strlen(want.buf + w) + 1)
			if (xc_db_add_synonym(to, key, klen, want.buf + w,
					      strlen(want.buf + w), &xe))
				goto write_fail;
	}
	if (buf_failed(&keys) || buf_failed(&want) || buf_failed(&have))
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
	goto out;
read_fail:
	rc = kb_fail_xc(err, &xe, "cannot read index '%s'", dir);
	goto out;
write_fail:
	rc = kb_fail_xc(err, &xe, "cannot write to index '%s/" SHARDS_VOCAB
			"'", dir);
out:
	free(value);
	buf_release(&keys);
	buf_release(&want);
	buf_release(&have);
	return rc;
}

/* Rebuild @dir's vocab database from its @n shards, in one transaction:
 * a reader sees the old one or the new one whole. */
static kb_status_t
shards_write_vocab(const char *dir, unsigned n, kb_error_t *err)
{
	kb_buf path = KB_BUF_INIT;
	xc_db *from = NULL, *to = NULL;
	xc_error xe;
	kb_status_t rc = KB_OK;

	for (unsigned i = 0; i < n; i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/shard-%u", dir, i);
		if (buf_failed(&path)) {
			rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (i ? xc_db_add(from, path.buf, &xe)
		      : xc_db_open(path.buf, &from, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot open index '%s'",
					path.buf);
			goto out;
		}
	}
	shards_path(&path, dir, SHARDS_VOCAB);
	if (buf_failed(&path)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (xc_db_open_writable(path.buf, 1, &to, &xe) ||
	    xc_db_begin_tx(to, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot open index '%s' for writing",
				path.buf);
		goto out;
	}
	if ((rc = vocab_copy(from, to, dir, n, err))) {
		xc_db_cancel_tx(to, &xe);
		goto out;
	}
	if (xc_db_commit_tx(to, &xe))
		rc = kb_fail_xc(err, &xe, "cannot commit to index '%s'",
				path.buf);
out:
	xc_db_close(from);
	xc_db_close(to);
	buf_release(&path);
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
		if ((rc = shards_write_vocab(dir, n, err)) ||
		    (rc = shards_write_stub(dir, n, err)))
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
	/* the stub is written again for an index made before vocab */
	if (!rc && !(rc = shards_write_vocab(sh->dir, sh->n, err)))
		rc = shards_write_stub(sh->dir, sh->n, err);
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
