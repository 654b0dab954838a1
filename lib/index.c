/* index.c - articles become passages, passages become Xapian documents.
 *
 * Each passage is one document carrying its article's title (indexed with
 * a higher within-document frequency), id, category, date and source, the
 * facts stored for it, and the terms of segment.h.  Writes happen inside
 * Xapian transactions committed in batches at article boundaries, so an
 * interrupted run leaves the index at its last committed state and never
 * holds part of an article.
 */
#include <config.h>

#include "kb-private.h"
#include "facts.h"
#include "normalize.h"
#include "passage.h"
#include "record.h"
#include "schema.h"
#include "segment.h"
#include "xc-status.h"
#include "../util/hash.h"
#include "../xapian-c/xc.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Passages per transaction: large enough to amortize Xapian's flush, small
 * enough to keep memory bounded whatever the corpus size. */
#define BATCH_PASSAGES 20000

/* Longer tokens (URLs, base64) are noise and could pass Xapian's term
 * length limit. */
#define MAX_TERM_BYTES 64

typedef struct token {
	size_t off, len; /* in the token text buffer */
	unsigned pos;
	int flags;
} token_t;

typedef struct token_list {
	token_t *v;
	size_t n, cap;
	kb_buf text;
} token_list_t;

struct kb_indexer {
	xc_db *db;
	char *path;
	seg_t *seg;
	xc_doc *doc;
	int in_tx;
	unsigned batch;
	kb_buf term, data, canon;
	facts_t facts, passage_facts;
	token_list_t title;
};

static void
tokens_release(token_list_t *t)
{
	free(t->v);
	buf_release(&t->text);
	t->v = NULL;
	t->n = t->cap = 0;
}

static int
collect_token(void *ctx, int tflags, const char *tok, size_t toklen,
	      size_t start, size_t end, unsigned pos)
{
	token_list_t *t = ctx;

	if (toklen > MAX_TERM_BYTES)
		return 0;
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		token_t *p = realloc(t->v, ncap * sizeof *p);

		if (!p)
			return ENOMEM;
		t->v = p;
		t->cap = ncap;
	}
	t->v[t->n].off = t->text.len;
	t->v[t->n].len = toklen;
	t->v[t->n].pos = pos;
	t->v[t->n].flags = tflags;
	t->n++;
	buf_add(&t->text, tok, toklen);
	return buf_failed(&t->text) ? ENOMEM : 0;
}

static kb_status_t
tokenize(kb_indexer_t *ix, token_list_t *t, const char *text, size_t len,
	 kb_error_t *err)
{
	int rc;

	t->n = 0;
	buf_reset(&t->text);
	rc = seg_tokenize(ix->seg, text, len, collect_token, t, err);
	if (rc == ENOMEM)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory segmenting text");
	if (rc)
		return err ? err->code : KB_ERR_INTERNAL;
	return KB_OK;
}

/* Add one token as a posting: word terms bare (and S-prefixed in the
 * title), bigrams XB-prefixed. */
static kb_status_t
add_token(kb_indexer_t *ix, const token_list_t *t, const token_t *tok,
	  unsigned base, int in_title, kb_error_t *err)
{
	const char *s = t->text.buf + tok->off;
	unsigned wdf = in_title ? KB_TITLE_WDF : 1;
	xc_error xe;

	buf_reset(&ix->term);
	if (tok->flags & SEG_BIGRAM)
		buf_addstr(&ix->term, KB_PREFIX_BIGRAM);
	buf_add(&ix->term, s, tok->len);
	if (buf_failed(&ix->term))
		return kb_fail_buf(err, &ix->term, "a term");
	if (xc_doc_add_posting(ix->doc, ix->term.buf, ix->term.len,
			       base + tok->pos, wdf, &xe))
		return kb_fail_xc(err, &xe, "cannot add a term");
	if (in_title && (tok->flags & SEG_WORD)) {
		buf_reset(&ix->term);
		buf_addstr(&ix->term, KB_PREFIX_TITLE);
		buf_add(&ix->term, s, tok->len);
		if (xc_doc_add_term(ix->doc, ix->term.buf, ix->term.len, 1,
				    &xe))
			return kb_fail_xc(err, &xe, "cannot add a term");
	}
	return KB_OK;
}

static kb_status_t
add_boolean(kb_indexer_t *ix, const char *prefix, const char *value,
	    kb_error_t *err)
{
	xc_error xe;

	if (!*value)
		return KB_OK;
	buf_reset(&ix->term);
	buf_addstr(&ix->term, prefix);
	buf_addstr(&ix->term, value);
	if (buf_failed(&ix->term))
		return kb_fail_buf(err, &ix->term, "a term");
	/* Xapian refuses terms over 245 bytes; such a category is noise. */
	if (ix->term.len > 240)
		return KB_OK;
	if (xc_doc_add_term(ix->doc, ix->term.buf, ix->term.len, 0, &xe))
		return kb_fail_xc(err, &xe, "cannot add a term");
	return KB_OK;
}

/* "2025-04-11" -> "20250411"; anything else -> "". */
static void
compact_date(const char *date, char out[9])
{
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = date; *p && n < 8; p++) {
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
		else if (*p != '-' && *p != '/' && *p != '.')
			return;
	}
	out[n == 8 ? 8 : 0] = '\0';
}

/* The article's facts as seen from one passage: offsets are made relative to
 * the passage, or -1 when the fact's text lies elsewhere in the body. */
static kb_status_t
facts_for_passage(kb_indexer_t *ix, const passage_t *p, kb_error_t *err)
{
	kb_status_t rc;

	facts_clear(&ix->passage_facts);
	for (size_t i = 0; i < ix->facts.n; i++) {
		const kb_fact_t *f = &ix->facts.items[i];
		long start = -1, end = -1;

		if (f->start >= 0 && (size_t)f->start >= p->start &&
		    (size_t)f->end <= p->end) {
			start = f->start - (long)p->start;
			end = f->end - (long)p->start;
		}
		rc = facts_add(&ix->passage_facts, f->type, f->label, f->value,
			       f->unit, f->text, f->min, f->max, start, end,
			       err);
		for (size_t k = 0; !rc && k < f->nattrs; k++)
			rc = facts_add_attr(&ix->passage_facts, f->attrs[k].key,
					    f->attrs[k].value, err);
		if (rc)
			return rc;
	}
	return KB_OK;
}

typedef struct article_ctx {
	kb_indexer_t *ix;
	const kb_article_t *article;
	const char *file_term;
	unsigned passage_no;
	unsigned title_chars;
	kb_error_t *err;
	kb_status_t rc;
	token_list_t body;
} article_ctx;

static kb_status_t
write_passage(article_ctx *c, const passage_t *p)
{
	kb_indexer_t *ix = c->ix;
	const kb_article_t *a = c->article;
	kb_error_t *err = c->err;
	unsigned base = c->title_chars + KB_BODY_POSITION_GAP;
	char date[9], pno[16];
	record_t rec;
	xc_error xe;
	kb_status_t rc;

	xc_doc_clear(ix->doc);
	for (size_t i = 0; i < ix->title.n; i++)
		if ((rc = add_token(ix, &ix->title, &ix->title.v[i], 0, 1, err)))
			return rc;
	if ((rc = tokenize(ix, &c->body, a->body + p->start,
			   p->end - p->start, err)))
		return rc;
	for (size_t i = 0; i < c->body.n; i++)
		if ((rc = add_token(ix, &c->body, &c->body.v[i], base, 0, err)))
			return rc;

	snprintf(pno, sizeof pno, "%04u", c->passage_no);
	compact_date(a->date, date);
	buf_reset(&ix->term);
	buf_addf(&ix->term, "%s%s#%s", KB_PREFIX_PASSAGE, a->id, pno);
	if (buf_failed(&ix->term))
		return kb_fail_buf(err, &ix->term, "a term");
	if (ix->term.len <= 240 &&
	    xc_doc_add_term(ix->doc, ix->term.buf, ix->term.len, 0, &xe))
		return kb_fail_xc(err, &xe, "cannot add a term");
	if ((rc = add_boolean(ix, KB_PREFIX_ARTICLE, a->id, err)) ||
	    (rc = add_boolean(ix, KB_PREFIX_FILE, c->file_term, err)) ||
	    (rc = add_boolean(ix, KB_PREFIX_CATEGORY, a->category, err)) ||
	    (rc = add_boolean(ix, KB_PREFIX_DATE, date, err)))
		return rc;
	if (xc_doc_set_value(ix->doc, KB_SLOT_ARTICLE, a->id, strlen(a->id),
			     &xe) ||
	    (*date && xc_doc_set_value(ix->doc, KB_SLOT_DATE, date, 8, &xe)) ||
	    xc_doc_set_value(ix->doc, KB_SLOT_PASSAGE, pno, strlen(pno), &xe))
		return kb_fail_xc(err, &xe, "cannot set a value");

	if ((rc = facts_for_passage(ix, p, err)))
		return rc;
	memset(&rec, 0, sizeof rec);
	rec.article_id = a->id;
	rec.title = a->title;
	rec.category = a->category;
	rec.date = a->date;
	rec.source = a->source;
	rec.passage_no = c->passage_no;
	rec.facts = ix->passage_facts.items;
	rec.nfacts = ix->passage_facts.n;
	buf_reset(&ix->data);
	{
		/* the passage text is a slice of the body: copy it out so the
		 * record writer sees a NUL-terminated string */
		kb_buf text = KB_BUF_INIT;

		buf_add(&text, a->body + p->start, p->end - p->start);
		rec.passage = text.buf;
		record_write(&ix->data, &rec);
		if (buf_failed(&text) || buf_failed(&ix->data)) {
			buf_release(&text);
			return kb_fail(err, KB_ERR_NOMEM,
				       "out of memory storing a passage");
		}
		buf_release(&text);
	}
	if (xc_doc_set_data(ix->doc, ix->data.buf, ix->data.len, &xe) ||
	    xc_db_add_doc(ix->db, ix->doc, NULL, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	c->passage_no++;
	ix->batch++;
	return KB_OK;
}

static int
passage_cb(void *ctx, const passage_t *p)
{
	article_ctx *c = ctx;

	c->rc = write_passage(c, p);
	return c->rc != KB_OK;
}

static kb_status_t
begin_batch(kb_indexer_t *ix, kb_error_t *err)
{
	xc_error xe;

	if (ix->in_tx)
		return KB_OK;
	if (xc_db_begin_tx(ix->db, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	ix->in_tx = 1;
	ix->batch = 0;
	return KB_OK;
}

kb_status_t
kb_indexer_commit(kb_indexer_t *ix, kb_error_t *err)
{
	xc_error xe;

	if (!ix->in_tx)
		return KB_OK;
	ix->in_tx = 0;
	if (xc_db_commit_tx(ix->db, &xe))
		return kb_fail_xc(err, &xe, "cannot commit to index '%s'",
				  ix->path);
	return KB_OK;
}

/* The path that identifies a file however it was named: its real path, or
 * for a file that no longer exists, its directory's real path and name. */
static kb_status_t
canonical_path(const char *path, kb_buf *out, kb_error_t *err)
{
	char *real = realpath(path, NULL), *dir, *slash;

	buf_reset(out);
	if (real) {
		buf_addstr(out, real);
		free(real);
		goto done;
	}
	if (errno != ENOENT)
		return kb_fail(err, KB_ERR_IO, "cannot read '%s': %s", path,
			       strerror(errno));
	dir = strdup(path);
	if (!dir)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		real = realpath(*dir ? dir : "/", NULL);
	} else {
		real = realpath(".", NULL);
	}
	if (!real) {
		kb_status_t rc = kb_fail(err, KB_ERR_IO, "cannot read '%s': %s",
					 path, strerror(errno));
		free(dir);
		return rc;
	}
	buf_addstr(out, real);
	buf_addch(out, '/');
	buf_addstr(out, slash ? slash + 1 : dir);
	free(real);
	free(dir);
done:
	if (buf_failed(out))
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	return KB_OK;
}

static void
file_term(const kb_buf *canon, char hex[HASH_HEX_SIZE])
{
	hash_hex(hash_add(HASH_INIT, canon->buf, canon->len), hex);
}

static kb_status_t
index_article(kb_indexer_t *ix, const kb_article_t *a, const char *fterm,
	      kb_file_stats_t *stats, kb_error_t *err)
{
	article_ctx c;
	kb_status_t rc;

	facts_clear(&ix->facts);
	if ((rc = facts_extract_article(a, &ix->facts, err)))
		return rc;
	if ((rc = tokenize(ix, &ix->title, a->title, strlen(a->title), err)))
		return rc;
	memset(&c, 0, sizeof c);
	c.ix = ix;
	c.article = a;
	c.file_term = fterm;
	c.err = err;
	c.title_chars = (unsigned)norm_strlen(a->title, strlen(a->title));
	buf_init(&c.body.text, 0);
	passage_split(a->body, strlen(a->body), passage_cb, &c);
	/* an article with an empty body is still findable by its title */
	if (!c.rc && c.passage_no == 0) {
		passage_t whole = { 0, strlen(a->body) };

		c.rc = write_passage(&c, &whole);
	}
	tokens_release(&c.body);
	if (c.rc)
		return c.rc;
	stats->articles++;
	stats->passages += c.passage_no;
	return KB_OK;
}

kb_status_t
kb_indexer_add_file(kb_indexer_t *ix, const char *path, const char *encoding,
		    kb_file_stats_t *stats, kb_error_t *err)
{
	kb_file_stats_t dummy;
	kb_reader_t *reader = NULL;
	const kb_article_t *a;
	char fterm[HASH_HEX_SIZE], *old = NULL;
	kb_buf key = KB_BUF_INIT, stamp = KB_BUF_INIT;
	size_t oldlen;
	xc_error xe;
	kb_status_t rc;

	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof *stats);
	if ((rc = canonical_path(path, &ix->canon, err)))
		return rc;
	if ((rc = kb_reader_open(path, encoding, &reader, err)))
		return rc;
	file_term(&ix->canon, fterm);
	buf_addf(&key, "%s%s", KB_META_FILE, ix->canon.buf);
	buf_addf(&stamp, "%s:%s", kb_reader_digest(reader), KB_SCHEMA_VERSION);
	if (buf_failed(&key) || buf_failed(&stamp)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (xc_db_get_metadata(ix->db, key.buf, &old, &oldlen, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
		goto out;
	}
	if (oldlen == stamp.len && !memcmp(old, stamp.buf, oldlen)) {
		stats->unchanged = 1;
		goto out;
	}
	if ((rc = begin_batch(ix, err)))
		goto out;
	buf_reset(&ix->term);
	buf_addf(&ix->term, "%s%s", KB_PREFIX_FILE, fterm);
	if (xc_db_delete_by_term(ix->db, ix->term.buf, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
				ix->path);
		goto out;
	}
	for (;;) {
		if ((rc = kb_reader_next(reader, &a, err)))
			goto out;
		if (!a)
			break;
		if ((rc = index_article(ix, a, fterm, stats, err)))
			goto out;
		if (ix->batch >= BATCH_PASSAGES &&
		    ((rc = kb_indexer_commit(ix, err)) ||
		     (rc = begin_batch(ix, err))))
			goto out;
	}
	if (xc_db_set_metadata(ix->db, key.buf, stamp.buf, stamp.len, &xe))
		rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
				ix->path);
out:
	free(old);
	buf_release(&key);
	buf_release(&stamp);
	kb_reader_close(reader);
	return rc;
}

kb_status_t
kb_indexer_delete_file(kb_indexer_t *ix, const char *path, unsigned *removed,
		       kb_error_t *err)
{
	char fterm[HASH_HEX_SIZE];
	unsigned n = 0;
	xc_error xe;
	kb_status_t rc;

	if (removed)
		*removed = 0;
	if ((rc = canonical_path(path, &ix->canon, err)))
		return rc;
	file_term(&ix->canon, fterm);
	buf_reset(&ix->term);
	buf_addf(&ix->term, "%s%s", KB_PREFIX_FILE, fterm);
	if (xc_db_termfreq(ix->db, ix->term.buf, ix->term.len, &n, &xe))
		return kb_fail_xc(err, &xe, "cannot read index '%s'", ix->path);
	if ((rc = begin_batch(ix, err)))
		return rc;
	if (n && xc_db_delete_by_term(ix->db, ix->term.buf, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	buf_reset(&ix->term);
	buf_addf(&ix->term, "%s%s", KB_META_FILE, ix->canon.buf);
	if (xc_db_set_metadata(ix->db, ix->term.buf, "", 0, &xe))
		return kb_fail_xc(err, &xe, "cannot write to index '%s'",
				  ix->path);
	if (removed)
		*removed = n;
	return KB_OK;
}

kb_status_t
kb_indexer_open(const char *path, kb_indexer_t **out, kb_error_t *err)
{
	kb_indexer_t *ix;
	char *schema = NULL;
	size_t len;
	const dict_t *dict;
	xc_error xe;
	kb_status_t rc;

	*out = NULL;
	ix = calloc(1, sizeof *ix);
	if (!ix || !(ix->path = strdup(path))) {
		free(ix);
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	}
	buf_init(&ix->term, 0);
	buf_init(&ix->data, 0);
	buf_init(&ix->canon, 0);
	buf_init(&ix->title.text, 0);
	if ((rc = dict_builtin(&dict, err)) ||
	    (rc = seg_create(dict, &ix->seg, err)))
		goto fail;
	if (xc_db_open_writable(path, 1, &ix->db, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot open index '%s' for writing",
				path);
		goto fail;
	}
	if (xc_db_get_metadata(ix->db, KB_META_SCHEMA, &schema, &len, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read index '%s'", path);
		goto fail;
	}
	if (len == 0) {
		unsigned docs = 0;

		if (xc_db_doccount(ix->db, &docs, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot read index '%s'",
					path);
			goto fail;
		}
		if (docs) {
			rc = kb_fail(err, KB_ERR_INDEX_VERSION,
				     "'%s' is a Xapian database, but not a kbsearch index",
				     path);
			goto fail;
		}
		if (xc_db_set_metadata(ix->db, KB_META_SCHEMA,
				       KB_SCHEMA_VERSION,
				       strlen(KB_SCHEMA_VERSION), &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot write to index '%s'",
					path);
			goto fail;
		}
	} else if (strcmp(schema, KB_SCHEMA_VERSION)) {
		rc = kb_fail(err, KB_ERR_INDEX_VERSION,
			     "index '%s' has format %s; this program writes format %s: index into a new folder",
			     path, schema, KB_SCHEMA_VERSION);
		goto fail;
	}
	if (xc_doc_create(&ix->doc, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot create a document");
		goto fail;
	}
	free(schema);
	*out = ix;
	return KB_OK;
fail:
	free(schema);
	kb_indexer_abandon(ix);
	return rc;
}

kb_status_t
kb_indexer_close(kb_indexer_t *ix, kb_error_t *err)
{
	kb_status_t rc;
	xc_error xe;

	if (!ix)
		return KB_OK;
	rc = kb_indexer_commit(ix, err);
	/* metadata set outside a transaction (a new index's schema) */
	if (!rc && xc_db_commit(ix->db, &xe))
		rc = kb_fail_xc(err, &xe, "cannot commit to index '%s'",
				ix->path);
	kb_indexer_abandon(ix);
	return rc;
}

void
kb_indexer_abandon(kb_indexer_t *ix)
{
	if (!ix)
		return;
	xc_db_close(ix->db);
	xc_doc_destroy(ix->doc);
	seg_destroy(ix->seg);
	buf_release(&ix->term);
	buf_release(&ix->data);
	buf_release(&ix->canon);
	facts_release(&ix->facts);
	facts_release(&ix->passage_facts);
	tokens_release(&ix->title);
	free(ix->path);
	free(ix);
}
