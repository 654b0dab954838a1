/* xc-database.cc - opening, transactions, metadata, reading and writing. */
#include <config.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>

#include <sys/stat.h>
#include <unistd.h>

#include "xc-private.hh"

/* How long a remote database may take to answer, and to connect. */
#define XC_REMOTE_TIMEOUT_MS 10000
#define XC_REMOTE_CONNECT_MS 5000

/* "tcp://HOST:PORT" is served by xapian-tcpsrv; anything else is a path,
 * which Xapian itself reads as a database or a stub file. */
static Xapian::Database
xc_open_any(const char *path)
{
	static const char tcp[] = "tcp://";
	const char *hp, *colon;
	char *end;
	unsigned long port;

	if (strncmp(path, tcp, sizeof tcp - 1))
		return Xapian::Database(path);
	hp = path + sizeof tcp - 1;
	colon = strrchr(hp, ':');
	if (!colon || colon == hp || !colon[1])
		throw Xapian::InvalidArgumentError(
			"expected tcp://HOST:PORT");
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (*end || errno || port == 0 || port > 65535)
		throw Xapian::InvalidArgumentError(
			"invalid port in tcp://HOST:PORT");
	return Xapian::Remote::open(std::string(hp, colon - hp),
				    static_cast<unsigned>(port),
				    XC_REMOTE_TIMEOUT_MS,
				    XC_REMOTE_CONNECT_MS);
}

/* A folder is one local database, unless it holds a stub (XAPIANDB, as
 * a sharded index does); a file is a stub.  A stub may name several
 * databases, or remote ones. */
static bool
xc_is_one_local(const char *path)
{
	std::string stub = std::string(path) + "/XAPIANDB";
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	       stat(stub.c_str(), &st) != 0;
}

xc_status
xc_db_open(const char *path, xc_db **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(path && out, err);
	try {
		std::unique_ptr<xc_db> db(new xc_db());

		db->db = xc_open_any(path);
		db->local = xc_is_one_local(path);
		*out = db.release();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_add(xc_db *db, const char *path, xc_error *err)
{
	XC_NEED(db && path && !db->writable, err);
	try {
		db->db.add_database(xc_open_any(path));
		db->local = false;
		db->forget_tables();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_open_writable(const char *path, int create, xc_db **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(path && out, err);
	try {
		std::unique_ptr<xc_db> db(new xc_db());

		db->wdb = Xapian::WritableDatabase(path, create ?
			Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN);
		db->db = db->wdb;
		db->writable = true;
		db->path = path;
		*out = db.release();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

void
xc_db_close(xc_db *db)
{
	if (!db)
		return;
	/* Xapian 1.4 documents that close() aborts a transaction; cancelling
	 * here makes the promise in xc.h ours rather than an accident of the
	 * backend.  close() cannot report anything to our caller, and a
	 * failure in either step still leaves the transaction unapplied. */
	if (db->writable) {
		if (db->in_tx) {
			db->in_tx = false;
			try {
				db->wdb.cancel_transaction();
			} catch (...) {
			}
		}
		try {
			db->wdb.close();
		} catch (...) {
		}
	}
	try {
		db->db.close();
	} catch (...) {
	}
	delete db;
}

xc_status
xc_db_reopen(xc_db *db, xc_error *err)
{
	XC_NEED(db, err);
	try {
		if (db->db.reopen())
			db->forget_tables();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

static xc_status
xc_need_writable(const xc_db *db, const char *what, xc_error *err)
{
	if (!db->writable)
		return xc_fail(err, XC_ERR_INVALID,
			       "cannot %s: database is open read-only", what);
	return XC_OK;
}

xc_status
xc_db_begin_tx(xc_db *db, xc_error *err)
{
	XC_NEED(db, err);
	if (xc_need_writable(db, "begin transaction", err))
		return XC_ERR_INVALID;
	try {
		db->wdb.begin_transaction(true);
		db->in_tx = true;
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

/* libxapian 1.4.22 can fail to write while it undoes a commit that failed
 * to write (a full disk), and then lets an exception out of a function
 * that must not throw: the C++ runtime ends the process through its
 * terminate handler, with no way to catch it.  Nothing more can be done
 * for the process, but the files are still at the last commit, and the
 * user should read that rather than "terminate called after throwing". */
static thread_local const char *xc_committing; /* the index committing */
static std::terminate_handler xc_default_terminate;
static std::once_flag xc_terminate_once;

[[noreturn]] static void
xc_commit_terminate()
{
	std::string what = "unknown error";
	int saved_errno = errno;

	if (!xc_committing) {
		if (xc_default_terminate)
			xc_default_terminate();
		abort();
	}
	try {
		if (std::current_exception())
			std::rethrow_exception(std::current_exception());
	} catch (const Xapian::Error &e) {
		what = e.get_type() + std::string(": ") + e.get_msg();
	} catch (const std::exception &e) {
		what = e.what();
	} catch (...) {
	}
	/* the failed write's reason, when Xapian's message leaves it out */
	if (saved_errno && what.find('(') == std::string::npos)
		what += std::string(" (") + strerror(saved_errno) + ")";
	fprintf(stderr, "%s: cannot commit to index '%s': %s; libxapian cannot "
		"go on after this error: the index keeps its last commit\n",
		program_invocation_short_name, xc_committing, what.c_str());
	_exit(2);
}

/* Run @commit with xc_commit_terminate as the terminate handler, which
 * stands aside for anything but a commit (a process-wide setting,
 * installed once; the index committing is per thread). */
template <typename F> static void
xc_guarded_commit(xc_db *db, F commit)
{
	std::call_once(xc_terminate_once, [] {
		xc_default_terminate = std::set_terminate(xc_commit_terminate);
	});
	xc_committing = db->path.c_str();
	try {
		commit();
	} catch (...) {
		xc_committing = NULL;
		throw;
	}
	xc_committing = NULL;
}

xc_status
xc_db_commit_tx(xc_db *db, xc_error *err)
{
	XC_NEED(db, err);
	if (xc_need_writable(db, "commit transaction", err))
		return XC_ERR_INVALID;
	try {
		/* Xapian ends the transaction even when the commit fails */
		db->in_tx = false;
		xc_guarded_commit(db, [db] { db->wdb.commit_transaction(); });
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_cancel_tx(xc_db *db, xc_error *err)
{
	XC_NEED(db, err);
	if (xc_need_writable(db, "cancel transaction", err))
		return XC_ERR_INVALID;
	try {
		db->in_tx = false;
		db->wdb.cancel_transaction();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_commit(xc_db *db, xc_error *err)
{
	XC_NEED(db, err);
	if (xc_need_writable(db, "commit", err))
		return XC_ERR_INVALID;
	try {
		xc_guarded_commit(db, [db] { db->wdb.commit(); });
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_get_metadata(xc_db *db, const char *key, char **value, size_t *len,
		   xc_error *err)
{
	if (value)
		*value = NULL;
	if (len)
		*len = 0;
	XC_NEED(db && key && value, err);
	try {
		xc_dup(db->db.get_metadata(key), value, len);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_set_metadata(xc_db *db, const char *key, const char *value, size_t len,
		   xc_error *err)
{
	XC_NEED(db && key && (value || len == 0), err);
	if (xc_need_writable(db, "set metadata", err))
		return XC_ERR_INVALID;
	try {
		db->wdb.set_metadata(key, value ? std::string(value, len)
					      : std::string());
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_doccount(xc_db *db, unsigned *out, xc_error *err)
{
	if (out)
		*out = 0;
	XC_NEED(db && out, err);
	try {
		*out = db->db.get_doccount();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_termfreq(xc_db *db, const char *term, size_t len, unsigned *out,
	       xc_error *err)
{
	if (out)
		*out = 0;
	XC_NEED(db && term && out, err);
	try {
		*out = db->db.get_termfreq(std::string(term, len));
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_postlist(xc_db *db, const char *term, size_t len,
	       int (*cb)(void *ctx, unsigned docid), void *ctx, xc_error *err)
{
	XC_NEED(db && term && cb, err);
	try {
		std::string t(term, len);
		Xapian::PostingIterator end = db->db.postlist_end(t);

		for (Xapian::PostingIterator it = db->db.postlist_begin(t);
		     it != end; ++it)
			if (cb(ctx, *it))
				break;
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_allterms(xc_db *db, const char *prefix, size_t len,
	       int (*cb)(void *ctx, const char *term, size_t len,
			 unsigned termfreq),
	       void *ctx, xc_error *err)
{
	XC_NEED(db && prefix && cb, err);
	try {
		std::string p(prefix, len);
		Xapian::TermIterator end = db->db.allterms_end(p);

		for (Xapian::TermIterator it = db->db.allterms_begin(p);
		     it != end; ++it) {
			const std::string &t = *it;

			if (cb(ctx, t.data(), t.size(), it.get_termfreq()))
				break;
		}
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_add_synonym(xc_db *db, const char *term, size_t len,
		  const char *synonym, size_t synlen, xc_error *err)
{
	XC_NEED(db && term && len && synonym && synlen, err);
	if (xc_need_writable(db, "add synonym", err))
		return XC_ERR_INVALID;
	try {
		db->wdb.add_synonym(std::string(term, len),
				    std::string(synonym, synlen));
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_clear_synonyms(xc_db *db, const char *term, size_t len, xc_error *err)
{
	XC_NEED(db && term && len, err);
	if (xc_need_writable(db, "clear synonyms", err))
		return XC_ERR_INVALID;
	try {
		db->wdb.clear_synonyms(std::string(term, len));
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_synonyms(xc_db *db, const char *term, size_t len,
	       int (*cb)(void *ctx, const char *synonym, size_t len),
	       void *ctx, xc_error *err)
{
	XC_NEED(db && term && cb, err);
	try {
		std::string t(term, len);
		Xapian::TermIterator end = db->db.synonyms_end(t);

		for (Xapian::TermIterator it = db->db.synonyms_begin(t);
		     it != end; ++it) {
			const std::string &s = *it;

			if (cb(ctx, s.data(), s.size()))
				break;
		}
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_synonym_keys(xc_db *db,
		   int (*cb)(void *ctx, const char *term, size_t len),
		   void *ctx, xc_error *err)
{
	XC_NEED(db && cb, err);
	try {
		Xapian::TermIterator end = db->db.synonym_keys_end();

		for (Xapian::TermIterator it = db->db.synonym_keys_begin();
		     it != end; ++it) {
			const std::string &t = *it;

			if (cb(ctx, t.data(), t.size()))
				break;
		}
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_get_data(xc_db *db, unsigned docid, char **data, size_t *len,
	       xc_error *err)
{
	if (data)
		*data = NULL;
	if (len)
		*len = 0;
	XC_NEED(db && data, err);
	try {
		xc_dup(db->db.get_document(docid).get_data(), data, len);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_get_value(xc_db *db, unsigned docid, unsigned slot, char **value,
		size_t *len, xc_error *err)
{
	if (value)
		*value = NULL;
	if (len)
		*len = 0;
	XC_NEED(db && value, err);
	try {
		xc_dup(db->db.get_document(docid).get_value(slot), value, len);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_add_doc(xc_db *db, const xc_doc *doc, unsigned *docid, xc_error *err)
{
	if (docid)
		*docid = 0;
	XC_NEED(db && doc, err);
	if (xc_need_writable(db, "add document", err))
		return XC_ERR_INVALID;
	try {
		Xapian::docid did = db->wdb.add_document(doc->doc);

		if (docid)
			*docid = did;
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_replace_by_term(xc_db *db, const char *term, const xc_doc *doc,
		      xc_error *err)
{
	XC_NEED(db && term && *term && doc, err);
	if (xc_need_writable(db, "replace document", err))
		return XC_ERR_INVALID;
	try {
		db->wdb.replace_document(term, doc->doc);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_delete_by_term(xc_db *db, const char *term, xc_error *err)
{
	XC_NEED(db && term && *term, err);
	if (xc_need_writable(db, "delete document", err))
		return XC_ERR_INVALID;
	try {
		db->wdb.delete_document(term);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}
