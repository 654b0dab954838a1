/* t-xc.c - the Xapian wrapper on real databases in a scratch directory:
 * each error mapping from a real failure, then a full round trip. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "xc.h"

static char scratch[1024];

/* "<scratch>/<name>", in one of a few rotating buffers */
static const char *
path_in(const char *name)
{
	static char bufs[4][PATH_MAX];
	static int next;
	char *p = bufs[next++ % 4];

	snprintf(p, PATH_MAX, "%s/%s", scratch, name);
	return p;
}

static int
write_file(const char *path, const void *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = -1;

	if (!f)
		return -1;
	if (fwrite(bytes, 1, len, f) == len)
		rc = 0;
	if (fclose(f))
		rc = -1;
	return rc;
}

static long
read_file(const char *path, unsigned char *bytes, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(bytes, 1, max, f);
	fclose(f);
	return (long)n;
}

static void
remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[PATH_MAX];

	if (lstat(path, &st))
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path))) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			remove_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* 1 when s is well-formed UTF-8 (enough for a cut-in-the-middle check) */
static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 :
			(*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0)
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* ---- building documents and queries ------------------------------- */

struct posting {
	const char *term;
	unsigned pos;
};

struct doc_spec {
	const char *data;
	const char *id;        /* boolean unique term, "Q..." */
	const char *key;       /* slot 0: the collapse key */
	const char *date;      /* slot 1, or NULL */
	const char *tags[2];   /* boolean "XT..." terms */
	struct posting post[4];
};

enum { SLOT_KEY = 0, SLOT_DATE = 1 };

static const struct doc_spec docs[] = {
	{ "d1", "Qa1", "k1", "20240101", { "XTfruit", "XTfood" },
	  { { "apple", 1 }, { "pie", 2 }, { "recipe", 3 } } },
	{ "d2", "Qa2", "k1", "20240315", { "XTfruit", NULL },
	  { { "apple", 1 }, { "tart", 2 }, { "pie", 3 } } },
	{ "d3", "Qa3", "k2", "20231231", { "XTfruit", NULL },
	  { { "pie", 1 }, { "apple", 2 } } },
	{ "d4", "Qa4", "k3", NULL, { "XTfood", NULL },
	  { { "banana", 1 }, { "bread", 2 } } },
};

static int
fill_doc(xc_doc *doc, const struct doc_spec *s, xc_error *err)
{
	size_t i;

	xc_doc_clear(doc);
	for (i = 0; i < 4 && s->post[i].term; i++)
		if (xc_doc_add_posting(doc, s->post[i].term,
				       strlen(s->post[i].term), s->post[i].pos,
				       1, err))
			return -1;
	for (i = 0; i < 2 && s->tags[i]; i++)
		if (xc_doc_add_term(doc, s->tags[i], strlen(s->tags[i]), 0, err))
			return -1;
	if (xc_doc_add_term(doc, s->id, strlen(s->id), 0, err) ||
	    xc_doc_set_value(doc, SLOT_KEY, s->key, strlen(s->key), err) ||
	    (s->date && xc_doc_set_value(doc, SLOT_DATE, s->date,
					 strlen(s->date), err)) ||
	    xc_doc_set_data(doc, s->data, strlen(s->data), err))
		return -1;
	return 0;
}

/* A one-term document with @term and data @data, added to @db. */
static xc_status
add_simple(xc_db *db, const char *term, const char *data, unsigned *docid,
	   xc_error *err)
{
	xc_doc *doc = NULL;
	xc_status rc;

	if ((rc = xc_doc_create(&doc, err)))
		return rc;
	if (!(rc = xc_doc_add_posting(doc, term, strlen(term), 1, 1, err)) &&
	    !(rc = xc_doc_set_data(doc, data, strlen(data), err)))
		rc = xc_db_add_doc(db, doc, docid, err);
	xc_doc_destroy(doc);
	return rc;
}

static xc_query *
term_q(const char *t, unsigned pos)
{
	xc_query *q = NULL;

	xc_query_term(t, strlen(t), 1, pos, &q, NULL);
	return q;
}

/* Combine two terms (positions 1 and 2) with @op and @param. */
static xc_query *
pair_q(xc_op op, const char *a, const char *b, unsigned param)
{
	xc_query *sub[2] = { term_q(a, 1), term_q(b, 2) };
	xc_query *q = NULL;

	if (sub[0] && sub[1])
		xc_query_combine(op, sub, 2, param, &q, NULL);
	xc_query_destroy(sub[0]);
	xc_query_destroy(sub[1]);
	return q;
}

static xc_query *
range_q(const char *lo, const char *hi)
{
	xc_query *q = NULL;

	xc_query_value_range(SLOT_DATE, lo, hi, &q, NULL);
	return q;
}

static xc_query *
wild_q(const char *prefix, unsigned max)
{
	xc_query *q = NULL;

	xc_query_wildcard(prefix, max, &q, NULL);
	return q;
}

/* The docids of a search, "1,3,4", or "error: ..." */
static void
hits_of(xc_db *db, xc_query *q, int collapse, char *out, size_t size)
{
	xc_search_opts opts = { 0, 10, collapse, 0, -1, -1, -1, -1, 0, 0 };
	xc_mset *m = NULL;
	xc_error err;
	size_t i, used = 0;

	out[0] = '\0';
	if (!q) {
		snprintf(out, size, "error: no query");
		return;
	}
	if (xc_search(db, q, &opts, &m, &err)) {
		snprintf(out, size, "error: %.200s", err.msg);
		return;
	}
	for (i = 0; i < xc_mset_size(m) && used < size; i++)
		used += snprintf(out + used, size - used, "%s%u", i ? "," : "",
				 xc_mset_docid(m, i));
	xc_mset_destroy(m);
}

/* ---- error mappings ------------------------------------------------ */

struct fixture {
	const char *db;       /* a real database, created by setup */
	xc_db *writer;        /* open on it for writing, for the lock row */
	xc_db *reader;
};

static xc_status
e_missing_dir(struct fixture *fx, xc_error *err)
{
	xc_db *db = (xc_db *)1;
	xc_status rc = xc_db_open(path_in("no-such-dir"), &db, err);

	if (db)
		rc = XC_OK; /* out-parameter left set: make the row fail */
	return rc;
}

static xc_status
e_missing_writable(struct fixture *fx, xc_error *err)
{
	xc_db *db = NULL;
	xc_status rc = xc_db_open_writable(path_in("no-such-dir"), 0, &db, err);

	xc_db_close(db);
	return rc;
}

static xc_status
e_garbage_file(struct fixture *fx, xc_error *err)
{
	xc_db *db = NULL;
	xc_status rc = xc_db_open(path_in("garbage"), &db, err);

	xc_db_close(db);
	return rc;
}

static xc_status
e_garbage_glass(struct fixture *fx, xc_error *err)
{
	xc_db *db = NULL;
	xc_status rc = xc_db_open(path_in("fake-glass"), &db, err);

	xc_db_close(db);
	return rc;
}

static xc_status
e_future_version(struct fixture *fx, xc_error *err)
{
	xc_db *db = NULL;
	xc_status rc = xc_db_open(path_in("future"), &db, err);

	xc_db_close(db);
	return rc;
}

static xc_status
e_second_writer(struct fixture *fx, xc_error *err)
{
	xc_db *db = NULL;
	xc_status rc = xc_db_open_writable(fx->db, 1, &db, err);

	xc_db_close(db);
	return rc;
}

static xc_status
e_empty_metadata_key(struct fixture *fx, xc_error *err)
{
	return xc_db_set_metadata(fx->writer, "", "x", 1, err);
}

static xc_status
e_double_begin(struct fixture *fx, xc_error *err)
{
	xc_status rc = xc_db_begin_tx(fx->writer, err);

	if (rc)
		return XC_OK;
	rc = xc_db_begin_tx(fx->writer, err);
	xc_db_cancel_tx(fx->writer, NULL);
	return rc;
}

static xc_status
e_commit_without_tx(struct fixture *fx, xc_error *err)
{
	return xc_db_commit_tx(fx->writer, err);
}

static xc_status
e_write_read_only(struct fixture *fx, xc_error *err)
{
	return xc_db_set_metadata(fx->reader, "k", "v", 1, err);
}

static xc_status
e_docid_zero(struct fixture *fx, xc_error *err)
{
	char *data = NULL;

	return xc_db_get_data(fx->reader, 0, &data, NULL, err);
}

static xc_status
e_no_such_doc(struct fixture *fx, xc_error *err)
{
	char *data = NULL;

	return xc_db_get_data(fx->reader, 999, &data, NULL, err);
}

static xc_status
e_empty_term(struct fixture *fx, xc_error *err)
{
	xc_doc *doc = NULL;
	xc_status rc = xc_doc_create(&doc, err);

	if (!rc)
		rc = xc_doc_add_term(doc, "", 0, 1, err);
	xc_doc_destroy(doc);
	return rc;
}

static xc_status
e_negative_scale(struct fixture *fx, xc_error *err)
{
	xc_query *q = term_q("apple", 1), *s = (xc_query *)1;
	xc_status rc = xc_query_scale(q, -1.0, &s, err);

	if (s)
		rc = XC_OK;
	xc_query_destroy(q);
	return rc;
}

static xc_status
e_unbounded_range(struct fixture *fx, xc_error *err)
{
	xc_query *q = NULL;

	return xc_query_value_range(SLOT_DATE, NULL, NULL, &q, err);
}

static xc_status
e_bad_op(struct fixture *fx, xc_error *err)
{
	xc_query *sub = term_q("apple", 1), *q = NULL;
	xc_status rc = xc_query_combine((xc_op)(XC_OP_MAX + 1), &sub, 1, 0,
					&q, err);

	xc_query_destroy(sub);
	xc_query_destroy(q);
	return rc;
}

static xc_status
e_hit_out_of_range(struct fixture *fx, xc_error *err)
{
	xc_search_opts opts = { 0, 10, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_query *q = term_q("apple", 1);
	xc_mset *m = NULL;
	const char *data;
	xc_status rc = xc_search(fx->reader, q, &opts, &m, err);

	if (!rc)
		rc = xc_mset_data(m, xc_mset_size(m), &data, NULL, err);
	xc_mset_destroy(m);
	xc_query_destroy(q);
	return rc;
}

static const struct {
	const char *what;
	xc_status (*run)(struct fixture *, xc_error *);
	xc_status want;
	const char *msg_prefix;
	int msg_has_path; /* the message names the missing directory */
} errors[] = {
	{ "open a missing directory", e_missing_dir, XC_ERR_NOT_FOUND,
	  "DatabaseNotFoundError: Couldn't stat '", 1 },
	{ "open a missing directory for writing without create",
	  e_missing_writable, XC_ERR_NOT_FOUND, "DatabaseNotFoundError: ", 1 },
	/* A plain file as the path is read as a stub file (a text list of
	 * databases), whose first line does not parse: DatabaseOpeningError,
	 * not corruption. */
	{ "open a garbage file", e_garbage_file, XC_ERR_OPENING,
	  "DatabaseOpeningError: ", 0 },
	/* A directory with "iamglass" is taken as a glass database; its
	 * version file is then too short to hold the header Xapian reads, which
	 * it reports as DatabaseCorruptError. */
	{ "open a directory with a garbage iamglass", e_garbage_glass,
	  XC_ERR_CORRUPT, "DatabaseCorruptError: ", 0 },
	/* A real database whose version file claims another format. */
	{ "open a database of another format version", e_future_version,
	  XC_ERR_VERSION, "DatabaseVersionError: ", 0 },
	/* Xapian 1.4 locks with open-file-description locks, so a second
	 * writer in the same process is refused, as one in another process
	 * would be. */
	{ "open a second writer", e_second_writer, XC_ERR_LOCKED,
	  "DatabaseLockError: Unable to get write lock on ", 0 },
	{ "empty metadata key", e_empty_metadata_key, XC_ERR_INVALID,
	  "InvalidArgumentError: ", 0 },
	{ "begin a transaction twice", e_double_begin, XC_ERR_INVALID,
	  "InvalidOperationError: ", 0 },
	{ "commit without a transaction", e_commit_without_tx, XC_ERR_INVALID,
	  "InvalidOperationError: ", 0 },
	{ "write to a read-only database", e_write_read_only, XC_ERR_INVALID,
	  "cannot set metadata: database is open read-only", 0 },
	{ "document 0", e_docid_zero, XC_ERR_INVALID,
	  "InvalidArgumentError: Document ID 0 is invalid", 0 },
	/* DocNotFoundError has no status of its own */
	{ "missing document", e_no_such_doc, XC_ERR_OTHER,
	  "DocNotFoundError: Document 999 not found", 0 },
	{ "empty term", e_empty_term, XC_ERR_INVALID,
	  "InvalidArgumentError: Empty termnames", 0 },
	{ "negative weight scale", e_negative_scale, XC_ERR_INVALID,
	  "InvalidArgumentError: OP_SCALE_WEIGHT requires factor >= 0", 0 },
	{ "value range without a bound", e_unbounded_range, XC_ERR_INVALID,
	  "value range on slot 1 has no bound", 0 },
	{ "unknown operator", e_bad_op, XC_ERR_INVALID,
	  "unknown query operator 10", 0 },
	{ "hit out of range", e_hit_out_of_range, XC_ERR_INVALID,
	  "hit 3 out of range (3 hits)", 0 },
};

static int
make_error_inputs(const char *realdb)
{
	static const char garbage[] = "this is not a database\n";
	unsigned char ver[256];
	char from[PATH_MAX], to[PATH_MAX];
	long n;

	if (write_file(path_in("garbage"), garbage, sizeof garbage - 1) ||
	    mkdir(path_in("fake-glass"), 0700) ||
	    write_file(path_in("fake-glass/iamglass"), garbage,
		       sizeof garbage - 1) ||
	    mkdir(path_in("future"), 0700))
		return -1;
	/* iamglass starts with a 14-byte magic string, then the packed
	 * format version; a different first byte there is another version */
	snprintf(from, sizeof from, "%s/iamglass", realdb);
	snprintf(to, sizeof to, "%s", path_in("future/iamglass"));
	n = read_file(from, ver, sizeof ver);
	if (n < 16 || memcmp(ver, "\x0f\x0dXapian Glass", 14))
		return -1;
	ver[14] = 0x7f;
	return write_file(to, ver, (size_t)n);
}

static void
test_errors(void)
{
	struct fixture fx = { NULL, NULL, NULL };
	char dbpath[PATH_MAX];
	xc_doc *doc = NULL;
	xc_error err;
	size_t i;

	/* path_in's buffers rotate: keep this one */
	snprintf(dbpath, sizeof dbpath, "%s", path_in("errdb"));
	fx.db = dbpath;
	if (!ok(!xc_db_open_writable(fx.db, 1, &fx.writer, &err),
		"create a database for the error cases") ||
	    !ok(!xc_doc_create(&doc, &err) && !fill_doc(doc, &docs[0], &err) &&
		!xc_db_add_doc(fx.writer, doc, NULL, &err) &&
		!fill_doc(doc, &docs[1], &err) &&
		!xc_db_add_doc(fx.writer, doc, NULL, &err) &&
		!fill_doc(doc, &docs[2], &err) &&
		!xc_db_add_doc(fx.writer, doc, NULL, &err) &&
		!xc_db_commit(fx.writer, &err) &&
		!xc_db_open(fx.db, &fx.reader, &err), "fill it") ||
	    !ok(!make_error_inputs(fx.db), "write the bad databases")) {
		diag("%s", err.msg);
		goto out;
	}
	for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		xc_status rc;

		memset(&err, 0, sizeof err);
		rc = errors[i].run(&fx, &err);
		is_int(rc, errors[i].want, "%s: status", errors[i].what);
		is_int(err.code, errors[i].want, "%s: err.code", errors[i].what);
		if (!ok(!strncmp(err.msg, errors[i].msg_prefix,
				 strlen(errors[i].msg_prefix)),
			"%s: message", errors[i].what))
			diag("got '%s', want it to start with '%s'", err.msg,
			     errors[i].msg_prefix);
		if (errors[i].msg_has_path)
			ok(strstr(err.msg, path_in("no-such-dir")) != NULL,
			   "%s: message names the path", errors[i].what);
	}

	/* a message longer than xc_error holds is cut between characters */
	{
		char deep[PATH_MAX], full[PATH_MAX + 128];
		size_t used, j, k, cut = XC_ERROR_SIZE - 1;
		xc_db *db = NULL;

		used = (size_t)snprintf(deep, sizeof deep, "%s", scratch);
		for (k = 0; k < 3; k++) {
			used += (size_t)snprintf(deep + used, sizeof deep - used,
						 "/");
			for (j = 0; j < 80; j++) /* 240 bytes: under NAME_MAX */
				used += (size_t)snprintf(deep + used,
							 sizeof deep - used,
							 "\xe9\x99\xa9");
		}
		snprintf(full, sizeof full, "DatabaseNotFoundError: Couldn't "
			 "stat '%s' (No such file or directory)", deep);
		while ((full[cut] & 0xc0) == 0x80)
			cut--;
		is_int(xc_db_open(deep, &db, &err), XC_ERR_NOT_FOUND,
		       "open a long missing path");
		is_int(strlen(err.msg), cut,
		       "its message is cut before the character that does "
		       "not fit");
		ok(!strncmp(err.msg, full, cut), "after the same bytes");
		ok(utf8_ok(err.msg), "and is valid UTF-8");
	}

	/* a NULL err is allowed */
	is_int(xc_db_commit_tx(fx.writer, NULL), XC_ERR_INVALID,
	       "failing without an xc_error");
out:
	xc_doc_destroy(doc);
	xc_db_close(fx.reader);
	xc_db_close(fx.writer);
}

/* ---- round trip ----------------------------------------------------- */

struct list {
	char s[256];
	size_t len;
	int stop_after; /* postlist: stop after this many, 0 never */
	int seen;
};

static void
list_add(struct list *l, const char *s, size_t len)
{
	int n = snprintf(l->s + l->len, sizeof l->s - l->len, "%s%.*s",
			 l->len ? "," : "", (int)len, s);

	if (n > 0 && l->len + (size_t)n < sizeof l->s)
		l->len += (size_t)n;
}

static int
on_posting(void *ctx, unsigned docid)
{
	struct list *l = ctx;
	char num[16];
	int n = snprintf(num, sizeof num, "%u", docid);

	list_add(l, num, (size_t)n);
	return ++l->seen == l->stop_after;
}

static int
on_term(void *ctx, const char *term, size_t len, unsigned freq)
{
	struct list *l = ctx;
	char buf[128];
	int n = snprintf(buf, sizeof buf, "%.*s:%u", (int)len, term, freq);

	list_add(l, buf, (size_t)n);
	return 0;
}

static void
on_match(void *ctx, const char *term, size_t len)
{
	list_add(ctx, term, len);
}

static unsigned
doccount(xc_db *db)
{
	unsigned n = 0;

	if (xc_db_doccount(db, &n, NULL))
		return 9999;
	return n;
}

static unsigned
termfreq(xc_db *db, const char *term)
{
	unsigned n = 0;

	if (xc_db_termfreq(db, term, strlen(term), &n, NULL))
		return 9999;
	return n;
}

static void
test_searches(xc_db *db)
{
	xc_query *empty = NULL, *all = NULL;

	/* before the table: its initializers are not sequenced */
	xc_query_match_all(&all, NULL);
	xc_query_combine(XC_OP_AND, NULL, 0, 0, &empty, NULL);
	const struct {
		const char *what;
		xc_query *q;
		int collapse;
		const char *want;
	} rows[] = {
		{ "AND", pair_q(XC_OP_AND, "apple", "pie", 0), -1, "3,1,2" },
		{ "OR", pair_q(XC_OP_OR, "banana", "recipe", 0), -1, "4,1" },
		{ "AND_NOT", pair_q(XC_OP_AND_NOT, "apple", "tart", 0), -1,
		  "3,1" },
		{ "AND_MAYBE", pair_q(XC_OP_AND_MAYBE, "pie", "tart", 0), -1,
		  "2,3,1" },
		{ "FILTER", pair_q(XC_OP_FILTER, "pie", "Qa2", 0), -1, "2" },
		{ "PHRASE", pair_q(XC_OP_PHRASE, "apple", "pie", 0), -1, "1" },
		{ "NEAR 2", pair_q(XC_OP_NEAR, "apple", "pie", 2), -1, "3,1" },
		{ "NEAR 3", pair_q(XC_OP_NEAR, "apple", "pie", 3), -1,
		  "3,1,2" },
		{ "SYNONYM", pair_q(XC_OP_SYNONYM, "tart", "recipe", 0), -1,
		  "1,2" },
		{ "ELITE_SET", pair_q(XC_OP_ELITE_SET, "apple", "banana", 0),
		  -1, "4,3,1,2" },
		{ "MAX", pair_q(XC_OP_MAX, "apple", "banana", 0), -1,
		  "4,3,1,2" },
		{ "value range", range_q("20240101", "20241231"), -1, "1,2" },
		{ "value >=", range_q("20240315", NULL), -1, "2" },
		{ "value <=", range_q(NULL, "20240101"), -1, "1,3" },
		{ "wildcard", wild_q("ba", 0), -1, "4" },
		{ "wildcard, no limit", wild_q("XT", 0), -1, "1,2,3,4" },
		{ "wildcard, most frequent", wild_q("XT", 1), -1, "1,2,3" },
		{ "match all", all, -1, "1,2,3,4" },
		{ "collapse on slot 0", all, SLOT_KEY, "1,3,4" },
		{ "empty query", empty, -1, "" },
	};
	char got[256];
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		hits_of(db, rows[i].q, rows[i].collapse, got, sizeof got);
		is_str(got, rows[i].want, "search %s", rows[i].what);
		if (rows[i].q != all && rows[i].q != empty)
			xc_query_destroy(rows[i].q);
	}
	ok(xc_query_is_empty(empty) && !xc_query_is_empty(all),
	   "combining nothing gives the empty query");
	xc_query_destroy(all);
	xc_query_destroy(empty);
}

static void
test_scale_and_describe(xc_db *db)
{
	xc_search_opts opts = { 0, 10, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_query *q = term_q("apple", 1), *s = NULL;
	xc_mset *m1 = NULL, *m2 = NULL;
	char *desc = NULL;
	xc_error err;

	if (!ok(q && !xc_query_scale(q, 2.0, &s, &err) &&
		!xc_search(db, q, &opts, &m1, &err) &&
		!xc_search(db, s, &opts, &m2, &err), "scaled search")) {
		diag("%s", err.msg);
		goto out;
	}
	is_int(xc_mset_size(m2), 3, "scaling keeps the hits");
	ok(xc_mset_weight(m1, 0) > 0 &&
	   xc_mset_weight(m2, 0) == 2 * xc_mset_weight(m1, 0),
	   "scale 2 doubles the weight (%g, %g)", xc_mset_weight(m1, 0),
	   xc_mset_weight(m2, 0));
	is_int(xc_mset_estimated(m1), 3, "estimated matches");
	is_int(xc_mset_docid(m1, 3), 0, "docid out of range");
	ok(!xc_query_describe(s, &desc, &err), "describe");
	is_str(desc, "Query(2 * apple@1)", "description");
out:
	free(desc);
	xc_mset_destroy(m1);
	xc_mset_destroy(m2);
	xc_query_destroy(q);
	xc_query_destroy(s);
}

static void
test_mset_contents(xc_db *db)
{
	xc_search_opts opts = { 0, 10, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_query *sub[3] = { term_q("pie", 1), term_q("apple", 2),
			     term_q("zzz", 3) };
	xc_query *q = NULL;
	xc_mset *m = NULL;
	const char *first = NULL, *data, *value;
	size_t len, i;
	xc_error err;
	struct list terms = { "", 0, 0, 0 };
	char want[32];

	if (!ok(sub[0] && sub[1] && sub[2] &&
		!xc_query_combine(XC_OP_OR, sub, 3, 0, &q, &err) &&
		!xc_search(db, q, &opts, &m, &err), "search pie OR apple")) {
		diag("%s", err.msg);
		goto out;
	}
	/* the query parts may go before the mset */
	for (i = 0; i < 3; i++) {
		xc_query_destroy(sub[i]);
		sub[i] = NULL;
	}
	xc_query_destroy(q);
	q = NULL;
	if (!is_int(xc_mset_size(m), 3, "three hits"))
		goto out;
	ok(!xc_mset_data(m, 0, &first, &len, &err), "data of hit 0");
	for (i = 0; i < 3; i++) {
		unsigned id = xc_mset_docid(m, i);

		snprintf(want, sizeof want, "d%u", id);
		ok(!xc_mset_data(m, i, &data, &len, &err) &&
		   len == strlen(want) && !strcmp(data, want),
		   "hit %zu (doc %u) data '%s'", i, id, want);
		ok(!xc_mset_value(m, i, SLOT_DATE, &value, &len, &err) &&
		   len == strlen(docs[id - 1].date) &&
		   !strcmp(value, docs[id - 1].date),
		   "hit %zu (doc %u) date '%s'", i, id, docs[id - 1].date);
		ok(!xc_mset_value(m, i, 7, &value, &len, &err) && len == 0 &&
		   !strcmp(value, ""), "hit %zu: empty slot", i);
	}
	snprintf(want, sizeof want, "d%u", xc_mset_docid(m, 0));
	is_str(first, want, "data of hit 0 still valid after more reads");
	ok(!xc_mset_matching_terms(m, 0, on_match, &terms, &err),
	   "matching terms");
	/* query position order (pie@1, apple@2), not byte order */
	is_str(terms.s, "pie,apple", "matching terms in query order");
out:
	for (i = 0; i < 3; i++)
		xc_query_destroy(sub[i]);
	xc_query_destroy(q);
	xc_mset_destroy(m);
}

static void
test_reads(xc_db *db)
{
	struct list pl = { "", 0, 0, 0 }, pl2 = { "", 0, 2, 0 };
	struct list at = { "", 0, 0, 0 }, at2 = { "", 0, 0, 0 };
	char *v = NULL;
	size_t len = 99;
	xc_error err;

	is_int(doccount(db), 4, "doccount");
	is_int(termfreq(db, "apple"), 3, "termfreq apple");
	is_int(termfreq(db, "nope"), 0, "termfreq of an absent term");
	ok(!xc_db_postlist(db, "pie", 3, on_posting, &pl, &err), "postlist");
	is_str(pl.s, "1,2,3", "postlist of pie");
	ok(!xc_db_postlist(db, "pie", 3, on_posting, &pl2, &err),
	   "postlist, stopped");
	is_str(pl2.s, "1,2", "postlist stops when the callback says so");
	ok(!xc_db_allterms(db, "Q", 1, on_term, &at, &err), "allterms Q");
	is_str(at.s, "Qa1:1,Qa2:1,Qa3:1,Qa4:1", "allterms with a prefix");
	ok(!xc_db_allterms(db, "XT", 2, on_term, &at2, &err), "allterms XT");
	is_str(at2.s, "XTfood:2,XTfruit:3", "term frequencies");
	ok(!xc_db_get_data(db, 3, &v, &len, &err) && len == 2, "get data");
	is_str(v, "d3", "data of doc 3");
	free(v);
	v = NULL;
	ok(!xc_db_get_value(db, 2, SLOT_DATE, &v, &len, &err) && len == 8,
	   "get value");
	is_str(v, "20240315", "date of doc 2");
	free(v);
}

static void
test_metadata(xc_db *w)
{
	char *v = NULL;
	size_t len = 99;
	xc_error err;

	ok(!xc_db_get_metadata(w, "absent", &v, &len, &err) && v &&
	   len == 0 && !strcmp(v, ""), "absent metadata key is \"\"");
	free(v);
	ok(!xc_db_set_metadata(w, "schema", "a\0b", 3, &err),
	   "set metadata with a NUL");
	ok(!xc_db_get_metadata(w, "schema", &v, &len, &err) && len == 3 &&
	   !memcmp(v, "a\0b", 4), "read it back whole");
	free(v);
}

static void
test_replace_delete(xc_db *w)
{
	static const struct doc_spec d4b = { "d4b", "Qa4", "k3", NULL,
		{ NULL, NULL }, { { "brioche", 1 } } };
	static const struct doc_spec d5 = { "d5", "Qa5", "k5", NULL,
		{ NULL, NULL }, { { "cherry", 1 } } };
	xc_doc *doc = NULL;
	char *v = NULL;
	xc_error err;

	if (!ok(!xc_doc_create(&doc, &err) && !fill_doc(doc, &d4b, &err) &&
		!xc_db_replace_by_term(w, "Qa4", doc, &err),
		"replace by term")) {
		diag("%s", err.msg);
		goto out;
	}
	is_int(doccount(w), 4, "replacing keeps the count");
	is_int(termfreq(w, "banana"), 0, "the old terms are gone");
	ok(!xc_db_get_data(w, 4, &v, NULL, &err), "replaced doc keeps its id");
	is_str(v, "d4b", "with the new data");
	ok(!fill_doc(doc, &d5, &err) &&
	   !xc_db_replace_by_term(w, "Qa5", doc, &err),
	   "replace by an absent term");
	is_int(doccount(w), 5, "adds the document");
	is_int(termfreq(w, "cherry"), 1, "with its terms");
	ok(!xc_db_delete_by_term(w, "Qa5", &err), "delete by term");
	is_int(doccount(w), 4, "deletes it");
	is_int(termfreq(w, "cherry"), 0, "and its terms");
	ok(!xc_db_commit(w, &err), "commit");
out:
	free(v);
	xc_doc_destroy(doc);
}

static void
test_transactions(const char *path, xc_db **wp, xc_db *reader)
{
	xc_db *w = *wp;
	unsigned id = 0;
	xc_error err;

	/* cancelled: nothing left */
	ok(!xc_db_begin_tx(w, &err) &&
	   !add_simple(w, "cancelled", "x", NULL, &err) &&
	   !xc_db_cancel_tx(w, &err), "a cancelled transaction");
	is_int(termfreq(w, "cancelled"), 0, "leaves no term");
	is_int(doccount(w), 4, "and no document");

	/* committed: visible to a reader after reopen, not before */
	ok(!xc_db_begin_tx(w, &err) &&
	   !add_simple(w, "committed", "c", &id, &err) &&
	   !xc_db_commit_tx(w, &err), "a committed transaction");
	/* docid 5 was used and deleted; Xapian does not reuse docids */
	is_int(id, 6, "docid of the committed document");
	is_int(doccount(reader), 4, "an open reader still sees its revision");
	ok(!xc_db_reopen(reader, &err), "reopen");
	is_int(doccount(reader), 5, "the reopened reader sees the commit");
	is_int(termfreq(reader, "committed"), 1, "and its term");

	/* closing outside a transaction commits */
	ok(!add_simple(w, "kept", "k", NULL, &err), "an uncommitted change");
	xc_db_close(w);
	*wp = w = NULL;
	ok(!xc_db_reopen(reader, &err), "reopen after close");
	is_int(termfreq(reader, "kept"), 1, "close commits it");
	if (!ok(!xc_db_open_writable(path, 0, wp, &err),
		"close releases the lock")) {
		diag("%s", err.msg);
		return;
	}
	w = *wp;

	/* closing inside one drops it */
	ok(!xc_db_begin_tx(w, &err) &&
	   !add_simple(w, "lost", "l", NULL, &err),
	   "a transaction left open");
	xc_db_close(w);
	*wp = NULL;
	ok(!xc_db_reopen(reader, &err), "reopen after close");
	is_int(termfreq(reader, "lost"), 0, "close drops the transaction");
	is_int(doccount(reader), 6, "doccount after both closes");
	ok(!xc_db_open_writable(path, 0, wp, &err), "open the writer again");
}

static void
test_roundtrip(void)
{
	const char *path = path_in("db");
	xc_db *w = NULL, *r = NULL;
	xc_doc *doc = NULL;
	xc_search_opts opts = { 0, 10, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_query *q = NULL;
	xc_mset *m = NULL;
	const char *data = NULL;
	xc_error err;
	unsigned id;
	size_t i;

	if (!ok(!xc_db_open_writable(path, 1, &w, &err), "create") ||
	    !ok(!xc_doc_create(&doc, &err), "document")) {
		diag("%s", err.msg);
		goto out;
	}
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		id = 0;
		ok(!fill_doc(doc, &docs[i], &err) &&
		   !xc_db_add_doc(w, doc, &id, &err) && id == i + 1,
		   "add document %zu", i + 1);
	}
	if (!ok(!xc_db_commit(w, &err), "commit") ||
	    !ok(!xc_db_open(path, &r, &err), "open for reading")) {
		diag("%s", err.msg);
		goto out;
	}
	test_reads(r);
	test_searches(r);
	test_scale_and_describe(r);
	test_mset_contents(r);
	test_metadata(w);
	test_replace_delete(w);
	test_transactions(path, &w, r);

	/* an mset outlives its database; what it cached stays readable */
	q = term_q("committed", 1);
	ok(q && !xc_search(r, q, &opts, &m, &err) && xc_mset_size(m) == 1 &&
	   !xc_mset_data(m, 0, &data, NULL, &err), "search before close");
	xc_db_close(r);
	r = NULL;
	is_str(data, "c", "cached data after the database is closed");
	is_int(xc_mset_docid(m, 0), 6, "docid after the database is closed");
out:
	xc_mset_destroy(m);
	xc_query_destroy(q);
	xc_doc_destroy(doc);
	xc_db_close(r);
	xc_db_close(w);
}

/* ---- synonyms ------------------------------------------------------- */

static int
on_synonym(void *ctx, const char *s, size_t len)
{
	struct list *l = ctx;

	list_add(l, s, len);
	return ++l->seen == l->stop_after;
}

/* The synonyms of @term ("," between), or "error: <message>". */
static const char *
synonyms_of(xc_db *db, const char *term, int stop_after, struct list *l)
{
	xc_error err;

	memset(l, 0, sizeof *l);
	l->stop_after = stop_after;
	if (xc_db_synonyms(db, term, strlen(term), on_synonym, l, &err))
		snprintf(l->s, sizeof l->s, "error: %.200s", err.msg);
	return l->s;
}

static void
test_synonyms(void)
{
	xc_db *w = NULL, *r = NULL;
	struct list l;
	xc_error err;
	const struct {
		const char *term, *synonym;
	} adds[] = {
		{ "外地", "异地" }, { "外地", "外省" }, { "外地", "异地" },
		{ "异地", "外地" }, { "看病", "就医" },
	};
	size_t i;
	int added = 1;

	if (!ok(!xc_db_open_writable(path_in("syndb"), 1, &w, &err),
		"create a database for synonyms")) {
		diag("%s", err.msg);
		return;
	}
	for (i = 0; i < sizeof adds / sizeof adds[0]; i++)
		if (xc_db_add_synonym(w, adds[i].term, strlen(adds[i].term),
				      adds[i].synonym,
				      strlen(adds[i].synonym), &err))
			added = 0;
	ok(added, "add synonyms");
	/* the writer sees its own changes before the commit */
	is_str(synonyms_of(w, "外地", 0, &l), "外省,异地",
	       "synonyms in byte order, a repeat kept once");
	ok(!xc_db_clear_synonyms(w, "看病", strlen("看病"), &err),
	   "clear synonyms");
	is_str(synonyms_of(w, "看病", 0, &l), "", "cleared term has none");
	is_str(synonyms_of(w, "就医", 0, &l), "",
	       "synonyms go one way: the partner has none of its own");
	memset(&l, 0, sizeof l);
	ok(!xc_db_synonym_keys(w, on_synonym, &l, &err) &&
	   !strcmp(l.s, "外地,异地"), "synonym keys: %s", l.s);
	if (!ok(!xc_db_commit(w, &err) &&
		!xc_db_open(path_in("syndb"), &r, &err),
		"commit and open for reading")) {
		diag("%s", err.msg);
		goto out;
	}
	is_str(synonyms_of(r, "外地", 0, &l), "外省,异地",
	       "a reader sees the committed synonyms");
	is_str(synonyms_of(r, "外地", 1, &l), "外省",
	       "the callback stops the listing");
	is_str(synonyms_of(r, "没有", 0, &l), "", "an unknown term has none");
	is_int(xc_db_add_synonym(r, "a", 1, "b", 1, &err), XC_ERR_INVALID,
	       "adding to a read-only database fails");
	is_str(err.msg, "cannot add synonym: database is open read-only",
	       "and says why");
	is_int(xc_db_clear_synonyms(r, "a", 1, &err), XC_ERR_INVALID,
	       "clearing on a read-only database fails");
	is_str(err.msg, "cannot clear synonyms: database is open read-only",
	       "and says why");
	is_int(xc_db_add_synonym(w, "", 0, "b", 1, &err), XC_ERR_INVALID,
	       "an empty term is refused");
	is_int(xc_db_synonyms(r, "a", 1, NULL, NULL, &err), XC_ERR_INVALID,
	       "a missing callback is refused");
out:
	xc_db_close(r);
	xc_db_close(w);
}

/* ---- length-normalized frequencies ---------------------------------- */

/* Passages of several lengths: "pie" once to five times, "crust" as
 * padding.  With their frequencies normalized for length (at the average
 * length Xapian's BM25 would use), BM25 of k1 1 * scale and b 0 weighs
 * every hit as Xapian's BM25 (k1 1, b 0.5) does on the raw frequencies,
 * times (scale + 1) / 2. */
static void
test_impacts(void)
{
	static const unsigned pies[] = { 1, 2, 5, 1, 3 }, pads[] = { 2, 40, 9, 0, 120 };
	const double scale = 256;
	xc_db *w[2] = { NULL, NULL }, *r[2] = { NULL, NULL };
	xc_doc *doc = NULL;
	xc_mset *m[2] = { NULL, NULL };
	xc_query *q = term_q("pie", 0);
	double total = 0, avg;
	xc_error err;
	int built = 1;

	for (size_t i = 0; i < 5; i++)
		total += pies[i] + pads[i];
	avg = total / 5;
	if (!ok(!xc_doc_create(&doc, &err) &&
		!xc_db_open_writable(path_in("raw"), 1, &w[0], &err) &&
		!xc_db_open_writable(path_in("impacts"), 1, &w[1], &err),
		"create two databases")) {
		diag("%s", err.msg);
		goto out;
	}
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < 5 && built; i++) {
			xc_doc_clear(doc);
			built = !xc_doc_add_term(doc, "pie", 3, pies[i], &err) &&
				(!pads[i] || !xc_doc_add_term(doc, "crust", 5,
							      pads[i], &err)) &&
				(k == 0 || !xc_doc_set_impacts(doc, 0.5, avg,
							       scale, &err)) &&
				!xc_db_add_doc(w[k], doc, NULL, &err);
		}
	if (!ok(built && !xc_db_commit(w[0], &err) &&
		!xc_db_commit(w[1], &err) &&
		!xc_db_open(path_in("raw"), &r[0], &err) &&
		!xc_db_open(path_in("impacts"), &r[1], &err),
		"the same passages, raw and normalized")) {
		diag("%s", err.msg);
		goto out;
	}
	for (int k = 0; k < 2; k++) {
		xc_search_opts opts = { 0, 10, -1, 0, -1, -1, -1, -1,
					k ? scale : 0, 0 };

		if (xc_search(r[k], q, &opts, &m[k], &err)) {
			ok(0, "search: %s", err.msg);
			goto out;
		}
	}
	is_int((int)xc_mset_size(m[1]), (int)xc_mset_size(m[0]),
	       "as many hits");
	for (size_t i = 0; i < xc_mset_size(m[0]); i++) {
		double ratio = xc_mset_weight(m[1], i) /
			       xc_mset_weight(m[0], i) / ((scale + 1) / 2);

		ok(xc_mset_docid(m[1], i) == xc_mset_docid(m[0], i) &&
		   ratio > 0.995 && ratio < 1.005,
		   "hit %zu: doc %u, weight %.4f; BM25's doc %u, %.4f "
		   "(ratio %.4f)", i + 1, xc_mset_docid(m[1], i),
		   xc_mset_weight(m[1], i) / ((scale + 1) / 2),
		   xc_mset_docid(m[0], i), xc_mset_weight(m[0], i), ratio);
	}
	{
		xc_doc *bad = NULL;

		ok(!xc_doc_create(&bad, &err) &&
		   xc_doc_set_impacts(bad, 1.5, avg, scale, &err) ==
			   XC_ERR_INVALID, "b above 1 is refused");
		xc_doc_destroy(bad);
	}
out:
	for (int k = 0; k < 2; k++) {
		xc_mset_destroy(m[k]);
		xc_db_close(r[k]);
		xc_db_close(w[k]);
	}
	xc_query_destroy(q);
	xc_doc_destroy(doc);
}

/* ---- a synonym group over shards ----------------------------------- */

/* 54 passages; "a" in 5, "b" in 2, "c" in 5, "d" in 1.  Xapian estimates
 * how many passages the group of the four matches by or-ing them two at a
 * time, rounding each time, and each shard pairs them by its own
 * frequencies: the shard holding b's first passage, d's passage and
 * neither a nor c, left to itself, would pair a with c first and estimate
 * 13 passages where the other shard and one index estimate 12.  Every hit
 * must weigh as in one index. */
static int
shard_of(unsigned i)
{
	return i == 5 || i == 12 || i > 30;
}

static void
test_synonym_over_shards(void)
{
	static const char *const names[] = { "one", "shard-a", "shard-b" };
	xc_db *w[3] = { NULL, NULL, NULL }, *one = NULL, *both = NULL;
	xc_doc *doc = NULL;
	xc_query *parts[4] = { term_q("a", 0), term_q("b", 0), term_q("c", 0),
			       term_q("d", 0) };
	xc_query *group = NULL;
	xc_mset *m[2] = { NULL, NULL };
	xc_search_opts opts = { 0, 100, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_error err;
	int built = 1;

	if (!ok(!xc_doc_create(&doc, &err) &&
		!xc_query_combine(XC_OP_SYNONYM, parts, 4, 0, &group, &err),
		"a group of four terms")) {
		diag("%s", err.msg);
		goto out;
	}
	for (int k = 0; k < 3 && built; k++)
		built = !xc_db_open_writable(path_in(names[k]), 1, &w[k],
					     &err);
	for (unsigned i = 0; i < 54 && built; i++) {
		const char *t = i < 5 ? "a" : i < 7 ? "b" : i < 12 ? "c" :
				i == 12 ? "d" : NULL;

		xc_doc_clear(doc);
		built = !xc_doc_add_term(doc, "pad", 3, 3, &err) &&
			(!t || !xc_doc_add_term(doc, t, 1, 1, &err)) &&
			!xc_db_add_doc(w[0], doc, NULL, &err) &&
			!xc_db_add_doc(w[1 + shard_of(i)], doc, NULL, &err);
	}
	for (int k = 0; k < 3 && built; k++)
		built = !xc_db_commit(w[k], &err);
	if (!ok(built && !xc_db_open(path_in("one"), &one, &err) &&
		!xc_db_open(path_in("shard-a"), &both, &err) &&
		!xc_db_add(both, path_in("shard-b"), &err) &&
		!xc_search(one, group, &opts, &m[0], &err) &&
		!xc_search(both, group, &opts, &m[1], &err),
		"one index and two shards")) {
		diag("%s", err.msg);
		goto out;
	}
	is_int((int)xc_mset_size(m[1]), 13, "the shards: 13 hits");
	is_int((int)xc_mset_size(m[0]), 13, "one index: 13 hits");
	for (size_t i = 0; i < xc_mset_size(m[1]) && xc_mset_size(m[0]); i++)
		ok(xc_mset_weight(m[1], i) == xc_mset_weight(m[0], 0),
		   "the shards' hit %zu weighs %.6f, as in one index (%.6f)",
		   i + 1, xc_mset_weight(m[1], i), xc_mset_weight(m[0], 0));
out:
	for (int k = 0; k < 2; k++)
		xc_mset_destroy(m[k]);
	for (int k = 0; k < 3; k++)
		xc_db_close(w[k]);
	xc_db_close(one);
	xc_db_close(both);
	for (int k = 0; k < 4; k++)
		xc_query_destroy(parts[k]);
	xc_query_destroy(group);
	xc_doc_destroy(doc);
}

/* ---- facets ------------------------------------------------------- */

/* Ten articles of three passages each (docids 3k+1 to 3k+3), all matching
 * "w"; articles 0, 3, 6, 9 have the facet values A and B, articles 1, 4,
 * 7 the value A alone, the others none.  FACET_SLOT holds the values and
 * FACET_KEY_SLOT the article's key; KEYED_FACET_SLOT the key as its first
 * line, then the values, when there are values. */
#define FACET_SLOT 4
#define FACET_KEY_SLOT 0
#define KEYED_FACET_SLOT 5

static const char *
facet_values(unsigned article)
{
	return article % 3 == 0 ? "A\nB" : article % 3 == 1 ? "A" : "";
}

static void
facet_cb(void *ctx, const char *value, size_t len, unsigned count)
{
	char *out = ctx;
	size_t used = strlen(out);

	snprintf(out + used, 128 - used, "%s%.*s=%u", used ? " " : "",
		 (int)len, value, count);
}

/* The facets of "w" (or of "w" boosted by a fixed weight, or of "nothing")
 * over @db with @scan, as "A=7 B=4", and whether they are partial; from
 * KEYED_FACET_SLOT when @keyed. */
static void
facet_case(xc_db *db, const char *term, int boosted, int keyed,
	   unsigned scan, const char *want, int want_partial,
	   const char *what)
{
	xc_search_opts opts = { 0, 3, FACET_KEY_SLOT, 0, -1, FACET_SLOT,
				FACET_KEY_SLOT, -1, 0, scan };

	if (keyed) {
		opts.facet_slot = KEYED_FACET_SLOT;
		opts.facet_key_slot = -1;
	}
	xc_query *q = term_q(term, 1), *boost = NULL, *both = NULL;
	xc_mset *m = NULL;
	char got[128] = "";
	xc_error err;

	if (boosted) {
		xc_query *parts[2] = { q, NULL };

		if (xc_query_fixed_weight(q, 5, &boost, &err) ||
		    (parts[1] = boost,
		     xc_query_combine(XC_OP_OR, parts, 2, 0, &both, &err))) {
			ok(0, "%s: %s", what, err.msg);
			goto out;
		}
	}
	if (xc_search(db, both ? both : q, &opts, &m, &err) ||
	    xc_mset_facets(m, facet_cb, got, &err)) {
		ok(0, "%s: %s", what, err.msg);
		goto out;
	}
	is_str(got, want, "%s: counts", what);
	is_int(xc_mset_facets_partial(m), want_partial, "%s: %s", what,
	       want_partial ? "partial" : "of every match");
	is_int((int)xc_mset_size(m), strcmp(term, "w") ? 0 : 3,
	       "%s: the page is there too", what);
out:
	xc_mset_destroy(m);
	xc_query_destroy(q);
	xc_query_destroy(boost);
	xc_query_destroy(both);
}

static void
test_facets(void)
{
	static const struct {
		int shards;
		const char *term;
		int boosted, keyed;
		unsigned scan;
		const char *want;
		int partial;
		const char *what;
	} cases[] = {
		{ 0, "w", 0, 0, 0, "A=7 B=4", 0, "every match" },
		{ 0, "w", 0, 0, 30, "A=7 B=4", 0,
		  "a scan of exactly the matches" },
		{ 0, "w", 0, 0, 7, "A=2 B=1", 1,
		  "the first 7 passages: articles 0 to 2" },
		{ 0, "w", 1, 0, 7, "A=2 B=1", 1,
		  "the same, with a fixed-weight boost" },
		{ 0, "w", 0, 0, 1, "A=1 B=1", 1, "the first passage" },
		{ 0, "nothing", 0, 0, 7, "", 0, "no match" },
		{ 1, "w", 0, 0, 0, "A=7 B=4", 0, "two shards, every match" },
		{ 1, "w", 0, 0, 29, "A=7 B=4", 1,
		  "two shards, 29 passages of 30" },
		{ 0, "w", 0, 1, 0, "A=7 B=4", 0,
		  "keyed by the first line: every match" },
		{ 0, "w", 0, 1, 7, "A=2 B=1", 1,
		  "keyed by the first line: the first 7 passages" },
		{ 1, "w", 0, 1, 0, "A=7 B=4", 0,
		  "keyed by the first line: two shards" },
	};
	static const char *const names[] = { "facets", "facets-a",
					      "facets-b" };
	xc_db *w[3] = { NULL, NULL, NULL }, *one = NULL, *both = NULL;
	xc_doc *doc = NULL;
	xc_error err;
	int built = 1;

	built = !xc_doc_create(&doc, &err);
	for (int k = 0; k < 3 && built; k++)
		built = !xc_db_open_writable(path_in(names[k]), 1, &w[k],
					     &err);
	for (unsigned i = 0; i < 30 && built; i++) {
		const char *v = facet_values(i / 3);
		char key[8], keyed[16] = "";

		snprintf(key, sizeof key, "k%u", i / 3);
		if (*v)
			snprintf(keyed, sizeof keyed, "%s\n%s", key, v);
		xc_doc_clear(doc);
		built = !xc_doc_add_term(doc, "w", 1, 1 + i % 4, &err) &&
			!xc_doc_set_value(doc, FACET_KEY_SLOT, key,
					  strlen(key), &err) &&
			!xc_doc_set_value(doc, FACET_SLOT, v, strlen(v),
					  &err) &&
			!xc_doc_set_value(doc, KEYED_FACET_SLOT, keyed,
					  strlen(keyed), &err) &&
			!xc_db_add_doc(w[0], doc, NULL, &err) &&
			!xc_db_add_doc(w[1 + i % 2], doc, NULL, &err);
	}
	for (int k = 0; k < 3 && built; k++)
		built = !xc_db_commit(w[k], &err);
	if (!ok(built && !xc_db_open(path_in("facets"), &one, &err) &&
		!xc_db_open(path_in("facets-a"), &both, &err) &&
		!xc_db_add(both, path_in("facets-b"), &err),
		"facets: one index and two shards")) {
		diag("%s", err.msg);
		goto out;
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		facet_case(cases[i].shards ? both : one, cases[i].term,
			   cases[i].boosted, cases[i].keyed, cases[i].scan,
			   cases[i].want, cases[i].partial, cases[i].what);
out:
	for (int k = 0; k < 3; k++)
		xc_db_close(w[k]);
	xc_db_close(one);
	xc_db_close(both);
	xc_doc_destroy(doc);
}

/* The facets counted from values (the first count of a handle) and from
 * the table of the slot (from the second on) are the same; a reopen after
 * a change drops the table; shards and a writable database never build
 * one. */
static void
facet_table_case(xc_db *db, unsigned scan, const char *want,
		 size_t want_docs, const char *what)
{
	xc_search_opts opts = { 0, 3, FACET_KEY_SLOT, 0, -1,
				KEYED_FACET_SLOT, -1, -1, 0, scan };
	xc_query *q = term_q("w", 1);
	xc_mset *m = NULL;
	char got[128] = "";
	xc_error err;

	if (xc_search(db, q, &opts, &m, &err) ||
	    xc_mset_facets(m, facet_cb, got, &err))
		ok(0, "%s: %s", what, err.msg);
	else
		is_str(got, want, "%s: counts", what);
	is_int((int)xc_db_facet_table_docs(db), (int)want_docs,
	       "%s: docids in the table", what);
	xc_mset_destroy(m);
	xc_query_destroy(q);
}

static void
test_facet_table(void)
{
	xc_db *w = NULL, *one = NULL, *both = NULL;
	xc_doc *doc = NULL;
	xc_error err;
	static const char keyed[] = "k10\nB";

	if (!ok(!xc_db_open(path_in("facets"), &one, &err) &&
		!xc_db_open(path_in("facets-a"), &both, &err) &&
		!xc_db_add(both, path_in("facets-b"), &err),
		"facet table: the indexes of the facet tests")) {
		diag("%s", err.msg);
		goto out;
	}
	facet_table_case(one, 0, "A=7 B=4", 0, "first count: from values");
	facet_table_case(one, 0, "A=7 B=4", 30, "second count: from the table");
	facet_table_case(one, 7, "A=2 B=1", 30, "the table, the first 7");
	facet_table_case(both, 0, "A=7 B=4", 0, "two shards: from values");
	facet_table_case(both, 0, "A=7 B=4", 0, "two shards: never a table");

	/* a new article with B on two passages, one of them without "w" */
	if (!ok(!xc_db_open_writable(path_in("facets"), 0, &w, &err) &&
		!xc_doc_create(&doc, &err) &&
		!xc_doc_add_term(doc, "w", 1, 1, &err) &&
		!xc_doc_set_value(doc, KEYED_FACET_SLOT, keyed,
				  strlen(keyed), &err) &&
		!xc_db_add_doc(w, doc, NULL, &err) &&
		!xc_db_add_doc(w, doc, NULL, &err) &&
		(xc_doc_clear(doc), !xc_doc_add_term(doc, "other", 5, 1,
							&err)) &&
		!xc_doc_set_value(doc, KEYED_FACET_SLOT, keyed,
				  strlen(keyed), &err) &&
		!xc_db_add_doc(w, doc, NULL, &err),
		"facet table: an article added")) {
		diag("%s", err.msg);
		goto out;
	}
	facet_table_case(w, 0, "A=7 B=5", 0, "writable: from values");
	facet_table_case(w, 0, "A=7 B=5", 0, "writable: never a table");
	facet_table_case(one, 0, "A=7 B=4", 30,
			 "uncommitted: the table as it was");
	if (!ok(!xc_db_commit(w, &err) && !xc_db_reopen(one, &err),
		"facet table: committed and reopened")) {
		diag("%s", err.msg);
		goto out;
	}
	is_int((int)xc_db_facet_table_docs(one), 0,
	       "reopened: the table dropped");
	facet_table_case(one, 0, "A=7 B=5", 0, "reopened: from values");
	facet_table_case(one, 0, "A=7 B=5", 33, "reopened: a new table");
out:
	xc_db_close(w);
	xc_db_close(one);
	xc_db_close(both);
	xc_doc_destroy(doc);
}

/* ok(@good, @what), with @err's message when not */
static int
step_ok(int good, const xc_error *err, const char *what)
{
	if (!ok(good, "%s", what)) {
		diag("%s", err->msg);
		return 0;
	}
	return 1;
}

/* The term set test's index: passage i (1 to TS_DOCS) has "w"; "fa" when
 * i is a multiple of 7, "fb" of 11, "s" of 13. */
#define TS_DOCS 231

static int
ts_flagged(unsigned i)
{
	return i % 7 == 0 || i % 11 == 0;
}

/* What "w" AND_NOT (fa OR fb) and "s" FILTER (fa OR fb) match over @db,
 * the set asked for with xc_query_term_set (or @kept from an earlier
 * ask), checked against ts_flagged over docids 1 to @last; and whether
 * the set is a bitmap (@want_bitmap), by its description. */
static void
term_set_case(xc_db *db, xc_query *kept, unsigned last, int want_bitmap,
	      const char *what)
{
	static const char *const flags[] = { "fa", "fb" };
	xc_search_opts opts = { 0, 1000, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_query *set = kept, *w = term_q("w", 1), *s = term_q("s", 1);
	xc_query *left = NULL, *filtered = NULL, *v[2];
	xc_mset *m = NULL;
	char *desc = NULL;
	unsigned wrong = 0, seen = 0;
	xc_error err;

	if (!set && xc_query_term_set(db, flags, 2, 0, 0, &set, &err)) {
		ok(0, "%s: %s", what, err.msg);
		goto out;
	}
	if (!kept && !xc_query_describe(set, &desc, &err))
		is_int(strstr(desc, "xc_term_set_source") != NULL, want_bitmap,
		       "%s: %s", what, want_bitmap ? "a bitmap" :
		       "the terms' OR");
	v[0] = w;
	v[1] = set;
	if (xc_query_combine(XC_OP_AND_NOT, v, 2, 0, &left, &err) ||
	    xc_search(db, left, &opts, &m, &err)) {
		ok(0, "%s: %s", what, err.msg);
		goto out;
	}
	for (size_t i = 0; i < xc_mset_size(m); i++) {
		unsigned did = xc_mset_docid(m, i);

		wrong += did == 0 || did > last || ts_flagged(did);
		seen++;
	}
	for (unsigned i = 1; i <= last; i++)
		seen -= !ts_flagged(i);
	is_int((int)(wrong + seen), 0, "%s: AND_NOT leaves out the set",
	       what);
	xc_mset_destroy(m);
	m = NULL;
	v[0] = s;
	if (xc_query_combine(XC_OP_FILTER, v, 2, 0, &filtered, &err) ||
	    xc_search(db, filtered, &opts, &m, &err)) {
		ok(0, "%s: %s", what, err.msg);
		goto out;
	}
	wrong = seen = 0;
	for (size_t i = 0; i < xc_mset_size(m); i++) {
		unsigned did = xc_mset_docid(m, i);

		wrong += did % 13 != 0 || !ts_flagged(did);
		seen++;
	}
	for (unsigned i = 13; i <= last; i += 13)
		seen -= ts_flagged(i);
	is_int((int)(wrong + seen), 0, "%s: FILTER keeps just the set", what);
out:
	free(desc);
	xc_mset_destroy(m);
	xc_query_destroy(left);
	xc_query_destroy(filtered);
	xc_query_destroy(w);
	xc_query_destroy(s);
	if (!kept)
		xc_query_destroy(set);
}

/* The complement of (fa OR fb) weighing 2.5, alone, over @db: every
 * passage from 1 to @last that is neither flagged nor @gone (deleted),
 * each weighing 2.5; and whether it is a bitmap (@want_bitmap). */
static void
term_set_complement_case(xc_db *db, unsigned last, unsigned gone_from,
			 unsigned gone_to, int want_bitmap, const char *what)
{
	static const char *const flags[] = { "fa", "fb" };
	xc_search_opts opts = { 0, 1000, -1, 0, -1, -1, -1, -1, 0, 0 };
	xc_query *good = NULL;
	xc_mset *m = NULL;
	char *desc = NULL;
	unsigned wrong = 0, seen = 0;
	xc_error err;

	if (xc_query_term_set(db, flags, 2, 1, 2.5, &good, &err) ||
	    xc_query_describe(good, &desc, &err) ||
	    xc_search(db, good, &opts, &m, &err)) {
		ok(0, "%s: %s", what, err.msg);
		goto out;
	}
	is_int(strstr(desc, "xc_term_set_source(not ") != NULL, want_bitmap,
	       "%s: %s", what, want_bitmap ? "a bitmap" : "Xapian's operators");
	for (size_t i = 0; i < xc_mset_size(m); i++) {
		unsigned did = xc_mset_docid(m, i);

		wrong += did == 0 || did > last || ts_flagged(did) ||
			 (did >= gone_from && did <= gone_to) ||
			 xc_mset_weight(m, i) != 2.5;
		seen++;
	}
	for (unsigned i = 1; i <= last; i++)
		seen -= !ts_flagged(i) && !(i >= gone_from && i <= gone_to);
	is_int((int)(wrong + seen), 0,
	       "%s: the passages not in the set, weighing 2.5", what);
out:
	free(desc);
	xc_mset_destroy(m);
	xc_query_destroy(good);
}

/* add passages @from to @to of the term set test's index to @w */
static int
ts_add(xc_db *w, unsigned from, unsigned to, xc_error *err)
{
	xc_doc *doc = NULL;
	int good = !xc_doc_create(&doc, err);

	for (unsigned i = from; good && i <= to; i++) {
		xc_doc_clear(doc);
		good = !xc_doc_add_term(doc, "w", 1, 1, err) &&
		       (i % 7 || !xc_doc_add_term(doc, "fa", 2, 0, err)) &&
		       (i % 11 || !xc_doc_add_term(doc, "fb", 2, 0, err)) &&
		       (i % 13 || !xc_doc_add_term(doc, "s", 1, 1, err)) &&
		       (i < 60 || i > 140 ||
			!xc_doc_add_term(doc, "d", 1, 0, err)) &&
		       !xc_db_add_doc(w, doc, NULL, err);
	}
	xc_doc_destroy(doc);
	return good;
}

static void
test_term_set(void)
{
	static const char *const fa[] = { "fa" };
	static const char *const flags[] = { "fa", "fb" };
	xc_db *w = NULL, *one = NULL, *both = NULL, *stub = NULL;
	xc_db *fresh = NULL;
	int wrote = -1;
	xc_query *kept = NULL;
	char stub_text[PATH_MAX + 16];
	xc_error err;

	if (!step_ok(!xc_db_open_writable(path_in("termset"), 1, &w, &err) &&
		     ts_add(w, 1, TS_DOCS, &err) && !xc_db_commit(w, &err) &&
		     !xc_db_open(path_in("termset"), &one, &err),
		     &err, "term set: an index with flagged passages"))
		goto out;
	term_set_case(one, NULL, TS_DOCS, 0, "first ask");
	term_set_case(one, NULL, TS_DOCS, 0, "second ask");
	term_set_case(one, NULL, TS_DOCS, 1, "third ask");
	term_set_case(one, NULL, TS_DOCS, 1, "fourth ask");
	term_set_complement_case(one, TS_DOCS, 0, 0, 1, "the complement");
	term_set_complement_case(w, TS_DOCS, 0, 0, 0,
				 "the complement, writable");
	if (!step_ok(!xc_query_term_set(one, fa, 1, 0, 0, &kept, &err), &err,
		     "term set: another set asked for"))
		goto out;
	xc_query_destroy(kept);
	kept = NULL;
	term_set_case(one, NULL, TS_DOCS, 1, "the bitmap kept for its set");
	term_set_case(w, NULL, TS_DOCS, 0, "writable, first ask");
	term_set_case(w, NULL, TS_DOCS, 0, "writable, second ask");
	term_set_case(w, NULL, TS_DOCS, 0, "writable: never a bitmap");

	/* a query holding the bitmap, kept past a reopen */
	if (!step_ok(!xc_query_term_set(one, (const char *const[]){ "fa",
				"fb" }, 2, 0, 0, &kept, &err) &&
		     ts_add(w, TS_DOCS + 1, TS_DOCS + 30, &err) &&
		     !xc_db_commit(w, &err) && !xc_db_reopen(one, &err),
		     &err, "term set: passages added, reopened"))
		goto out;
	term_set_case(one, kept, TS_DOCS + 30, 1,
		      "a query from before the reopen");
	term_set_case(one, NULL, TS_DOCS + 30, 0, "reopened: dropped");
	term_set_case(one, NULL, TS_DOCS + 30, 0, "reopened: second ask");
	term_set_case(one, NULL, TS_DOCS + 30, 1, "reopened: a new bitmap");

	snprintf(stub_text, sizeof stub_text, "auto %s\n",
		 path_in("termset"));
	if (!step_ok(write_file(path_in("termset.stub"), stub_text,
				strlen(stub_text)) == 0 &&
		     !xc_db_open(path_in("termset.stub"), &stub, &err) &&
		     !xc_db_open(path_in("termset"), &both, &err) &&
		     !xc_db_add(both, path_in("facets"), &err),
		     &err, "term set: a stub and two databases"))
		goto out;
	for (int i = 0; i < 4; i++)
		term_set_case(stub, NULL, TS_DOCS + 30, 0,
			      "a stub file: never a bitmap");
	xc_db_close(stub);
	stub = NULL;
	/* a folder with a stub in it, as a sharded index is */
	if (!step_ok(mkdir(path_in("termset-dir"), 0755) == 0 &&
		     write_file(path_in("termset-dir/XAPIANDB"), stub_text,
				strlen(stub_text)) == 0 &&
		     !xc_db_open(path_in("termset-dir"), &stub, &err),
		     &err, "term set: a folder with a stub"))
		goto out;
	for (int i = 0; i < 4; i++)
		term_set_case(stub, NULL, TS_DOCS + 30, 0,
			      "a folder with a stub: never a bitmap");
	for (int i = 0; i < 4; i++) {
		xc_query *q = NULL;
		char *desc = NULL;

		if (!xc_query_term_set(both, fa, 1, 0, 0, &q, &err) &&
		    !xc_query_describe(q, &desc, &err))
			is_int(strstr(desc, "xc_term_set_source") != NULL, 0,
			       "two databases: never a bitmap (ask %d)", i + 1);
		free(desc);
		xc_query_destroy(q);
	}

	/* passages 60 to 140 deleted: the complement leaves out their
	 * docids too */
	if (!step_ok(!xc_db_delete_by_term(w, "d", &err) &&
		     !xc_db_commit(w, &err) && !xc_db_reopen(one, &err),
		     &err, "term set: passages deleted, reopened"))
		goto out;
	for (int i = 0; i < 2; i++)
		term_set_complement_case(one, TS_DOCS + 30, 60, 140, 0,
					 "deleted: before a bitmap");
	term_set_complement_case(one, TS_DOCS + 30, 60, 140, 1,
				 "deleted: a bitmap with holes");

	/* stored by the writer: read at a fresh handle's first ask */
	if (!step_ok(!xc_db_update_term_set(w, flags, 2, &wrote, &err) &&
		     wrote == 1 && !xc_db_commit(w, &err) &&
		     !xc_db_update_term_set(w, flags, 2, &wrote, &err) &&
		     wrote == 0 && !xc_db_open(path_in("termset"), &fresh, &err),
		     &err, "term set: stored; stored again, unchanged"))
		goto out;
	term_set_complement_case(fresh, TS_DOCS + 30, 60, 140, 1,
				 "stored: the first ask, holes and all");
	xc_db_close(fresh);
	fresh = NULL;
	/* passages added past what was stored: not read */
	if (!step_ok(ts_add(w, TS_DOCS + 31, TS_DOCS + 40, &err) &&
		     !xc_db_commit(w, &err) &&
		     !xc_db_open(path_in("termset"), &fresh, &err),
		     &err, "term set: passages added after it was stored"))
		goto out;
	term_set_complement_case(fresh, TS_DOCS + 40, 60, 140, 0,
				 "stored for fewer passages: not read");
	is_int(xc_db_update_term_set(one, flags, 2, NULL, &err),
	       XC_ERR_INVALID, "term set: stored only by a writer");
	is_str(err.msg, "the term set is written to a writable database",
	       "term set: stored only by a writer: the message");
out:
	xc_query_destroy(kept);
	xc_db_close(fresh);
	xc_db_close(w);
	xc_db_close(one);
	xc_db_close(both);
	xc_db_close(stub);
}

/* The facets of "w" over a fresh read-only handle on @path (so that they
 * come from the column, never from a table), as "A=7 B=4". */
static void
column_case(const char *path, const char *want, const char *what)
{
	xc_db *db = NULL;
	xc_error err;

	if (xc_db_open(path, &db, &err)) {
		ok(0, "%s: %s", what, err.msg);
		return;
	}
	facet_table_case(db, 0, want, 0, what);
	xc_db_close(db);
}

/* Document @unique (also "w") keyed @key with the facet value @value, in
 * place of the one there was, or added. */
static int
column_doc(xc_db *w, xc_doc *doc, const char *unique, const char *key,
	   const char *value, xc_error *err)
{
	char v[64];

	snprintf(v, sizeof v, "%s\n%s", key, value);
	xc_doc_clear(doc);
	return !xc_doc_add_term(doc, "w", 1, 1, err) &&
	       !xc_doc_add_term(doc, unique, strlen(unique), 1, err) &&
	       !xc_doc_set_value(doc, KEYED_FACET_SLOT, v, strlen(v), err) &&
	       !xc_db_replace_by_term(w, unique, doc, err);
}

/* The facet column answers for the docids it covers, the values for the
 * others and for a chunk it cannot read; it is brought up to date, or
 * written anew. */
static void
test_facet_column(void)
{
	const char *path = path_in("column");
	xc_db *w = NULL, *r = NULL;
	xc_doc *doc = NULL;
	xc_error err;
	int built;

	built = !xc_doc_create(&doc, &err) &&
		!xc_db_open_writable(path, 1, &w, &err);
	for (unsigned i = 0; i < 30 && built; i++) {
		char unique[8], key[8];

		snprintf(unique, sizeof unique, "u%u", i);
		snprintf(key, sizeof key, "k%u", i / 3);
		built = *facet_values(i / 3) ?
			column_doc(w, doc, unique, key, facet_values(i / 3),
				   &err) :
			(xc_doc_clear(doc),
			 !xc_doc_add_term(doc, "w", 1, 1, &err) &&
			 !xc_db_add_doc(w, doc, NULL, &err));
	}
	if (!step_ok(built && !xc_db_commit(w, &err) &&
		     !xc_db_update_facet_column(w, KEYED_FACET_SLOT, 0, NULL,
					       &err) &&
		     !xc_db_commit(w, &err), &err,
		     "facet column: written"))
		goto out;
	column_case(path, "A=7 B=4", "column: the counts");
	/* docid 1 gets a value of its own; the column still has A and B */
	if (!step_ok(column_doc(w, doc, "u0", "k99", "Z", &err) &&
		     !xc_db_commit(w, &err), &err,
		     "facet column: a value changed"))
		goto out;
	column_case(path, "A=7 B=4", "column: read, not the values");
	if (!step_ok(!xc_db_open(path, &r, &err), &err,
		     "facet column: a handle that counts twice"))
		goto out;
	facet_table_case(r, 0, "A=7 B=4", 0, "column: the first count");
	facet_table_case(r, 0, "A=7 B=4", 30,
			 "the table: from the column, not the values");
	xc_db_close(r);
	r = NULL;
	if (!step_ok(!xc_db_update_facet_column(w, KEYED_FACET_SLOT, 1, NULL,
					       &err) &&
		     !xc_db_commit(w, &err), &err,
		     "facet column: written anew"))
		goto out;
	column_case(path, "A=7 B=4 Z=1", "column anew: the new value");
	/* docid 31, past the column: from its value */
	if (!step_ok(column_doc(w, doc, "u30", "k30", "C", &err) &&
		     !xc_db_commit(w, &err), &err,
		     "facet column: a passage added"))
		goto out;
	column_case(path, "A=7 B=4 C=1 Z=1", "past the column: the value");
	if (!step_ok(!xc_db_update_facet_column(w, KEYED_FACET_SLOT, 0, NULL,
					       &err) &&
		     !xc_db_commit(w, &err) &&
		     column_doc(w, doc, "u30", "k30", "D", &err) &&
		     !xc_db_commit(w, &err), &err,
		     "facet column: brought up to date"))
		goto out;
	column_case(path, "A=7 B=4 C=1 Z=1", "up to date: docid 31 in it");
	if (!step_ok(!xc_db_set_metadata(w, "xc:fc:c00000000", "garbage",
					 7, &err) &&
		     !xc_db_commit(w, &err), &err,
		     "facet column: a chunk spoiled"))
		goto out;
	column_case(path, "A=7 B=4 D=1 Z=1", "a chunk spoiled: the values");
out:
	xc_db_close(r);
	xc_db_close(w);
	xc_doc_destroy(doc);
}

/* ---- collapsing past the page -------------------------------------- */

/* Passages of equal length whose weight for "w" (all of them) and "v" (all
 * but the HOT_DOCS first) grows with wdf: the expected collapsed order is
 * computable here (weight, then docid).  The HOT_DOCS share one key and
 * weigh most. */
#define BIG_DOCS 3000
#define HOT_DOCS 200

static unsigned
big_wdf(unsigned i)
{
	return i < HOT_DOCS ? 55 : 1 + (i * 7919u) % 50;
}

static void
big_key(unsigned i, char *out, size_t size)
{
	if (i < HOT_DOCS)
		snprintf(out, size, "hot");
	else if (i % 97 == 0)
		out[0] = '\0'; /* no key: a group of its own */
	else
		snprintf(out, size, "g%u", i % 400);
}

/* The docids of the collapsed page, simulated: by wdf, then docid, the
 * first of each key. */
static void
big_expected(int hot, unsigned offset, unsigned limit, char *out, size_t size,
	     unsigned *groups)
{
	static char seen[BIG_DOCS][8];
	size_t nseen = 0, used = 0;
	unsigned rank = 0;

	out[0] = '\0';
	for (unsigned wdf = 55; wdf >= 1; wdf--)
		for (unsigned i = 0; i < BIG_DOCS; i++) {
			char key[8];
			size_t k;

			if (big_wdf(i) != wdf || (!hot && i < HOT_DOCS))
				continue;
			big_key(i, key, sizeof key);
			for (k = 0; key[0] && k < nseen && strcmp(seen[k], key);
			     k++)
				;
			if (key[0] && k < nseen)
				continue;
			if (key[0])
				strcpy(seen[nseen++], key);
			if (rank >= offset && rank < offset + limit &&
			    used < size)
				used += snprintf(out + used, size - used, "%s%u",
						 used ? "," : "", i + 1);
			rank++;
		}
	*groups = rank;
}

static void
test_collapse_by_hand(void)
{
	const char *path = path_in("big");
	xc_db *w = NULL, *r = NULL;
	xc_doc *doc = NULL;
	xc_error err;
	int built = 1;

	if (!ok(!xc_db_open_writable(path, 1, &w, &err) &&
		!xc_doc_create(&doc, &err), "create the large database")) {
		diag("%s", err.msg);
		goto out;
	}
	for (unsigned i = 0; i < BIG_DOCS && built; i++) {
		char key[8];
		unsigned id;

		big_key(i, key, sizeof key);
		xc_doc_clear(doc);
		built = !xc_doc_add_term(doc, "w", 1, big_wdf(i), &err) &&
			(i < HOT_DOCS ||
			 !xc_doc_add_term(doc, "v", 1, big_wdf(i), &err)) &&
			!xc_doc_add_term(doc, "pad", 3, i < HOT_DOCS ? 65 :
					 120 - 2 * big_wdf(i), &err) &&
			!xc_doc_set_value(doc, SLOT_KEY, key, strlen(key), &err) &&
			!xc_db_add_doc(w, doc, &id, &err);
	}
	if (!ok(built && !xc_db_commit(w, &err) && !xc_db_open(path, &r, &err),
		"%u documents added", BIG_DOCS)) {
		diag("%s", err.msg);
		goto out;
	}
	const struct {
		const char *what, *term;
		unsigned offset, limit;
	} rows[] = {
		/* the best passages hold enough articles */
		{ "the first page", "v", 0, 10 },
		{ "a page further on", "v", 30, 10 },
		{ "every article", "v", 0, 1000 },
		/* the best passages are all of one article: too few */
		{ "one article first", "w", 0, 10 },
		{ "one article first, a page further on", "w", 30, 10 },
		{ "one article first, every article", "w", 0, 1000 },
		{ "past every article", "w", 2000, 10 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		xc_search_opts opts = { rows[i].offset, rows[i].limit, SLOT_KEY,
					0, -1, -1, -1, -1, 0, 0 };
		xc_query *q = term_q(rows[i].term, 0);
		xc_mset *m = NULL;
		static char got[8192], want[8192];
		unsigned groups;
		size_t used = 0;

		big_expected(rows[i].term[0] == 'w', rows[i].offset,
			     rows[i].limit, want, sizeof want, &groups);
		got[0] = '\0';
		if (!q || xc_search(r, q, &opts, &m, &err)) {
			ok(0, "search: %s", q ? err.msg : "no query");
			xc_query_destroy(q);
			continue;
		}
		for (size_t k = 0; k < xc_mset_size(m) && used < sizeof got; k++)
			used += snprintf(got + used, sizeof got - used, "%s%u",
					 k ? "," : "", xc_mset_docid(m, k));
		is_str(got, want, "collapsed: %s", rows[i].what);
		if (rows[i].offset + rows[i].limit >= groups)
			ok(xc_mset_estimated(m) == groups &&
			   xc_mset_upper_bound(m) == groups,
			   "every article counted exactly: %u, upper bound %u, "
			   "want %u", xc_mset_estimated(m),
			   xc_mset_upper_bound(m), groups);
		else
			ok(xc_mset_estimated(m) >= rows[i].offset +
						       xc_mset_size(m) &&
			   xc_mset_estimated(m) <= xc_mset_upper_bound(m) &&
			   xc_mset_upper_bound(m) <= BIG_DOCS,
			   "estimate %u within %u..%u", xc_mset_estimated(m),
			   rows[i].offset + (unsigned)xc_mset_size(m),
			   xc_mset_upper_bound(m));
		xc_mset_destroy(m);
		xc_query_destroy(q);
	}
out:
	xc_doc_destroy(doc);
	xc_db_close(w);
	xc_db_close(r);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(scratch, sizeof scratch, "%s/t-xc.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		printf("Bail out! cannot create a scratch directory: %s\n",
		       strerror(errno));
		return 1;
	}
	ok(strlen(xc_version()) > 0 && xc_version()[0] >= '1',
	   "xapian version %s", xc_version());
	test_errors();
	test_roundtrip();
	test_synonyms();
	test_collapse_by_hand();
	test_impacts();
	test_synonym_over_shards();
	test_facets();
	test_facet_table();
	test_facet_column();
	test_term_set();
	xc_db_close(NULL);
	xc_doc_destroy(NULL);
	xc_query_destroy(NULL);
	xc_mset_destroy(NULL);
	remove_tree(scratch);
	return done_testing();
}
