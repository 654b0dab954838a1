/* xc-private.hh - the structs behind xc.h's opaque handles (C++ only).
 *
 * Each handle owns its Xapian objects by value; Xapian reference-counts
 * their internals, so copies are cheap and outlive nothing they need.
 */
#ifndef KB_XC_PRIVATE_HH
#define KB_XC_PRIVATE_HH

#include <xapian.h>

#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <utility>
#include <vector>

#include "xc.h"

struct xc_facet_table;
struct xc_term_set;

struct xc_db {
	/* Every read goes through db; for a writable database it shares
	 * wdb's internals, so reads see uncommitted changes as Xapian's
	 * own WritableDatabase would. */
	Xapian::Database db;
	Xapian::WritableDatabase wdb;
	bool writable;
	/* one local database (a folder without a stub), not shards, a stub
	 * or a remote one */
	bool local = false;
	/* xc_db_close cancels an open transaction itself rather than rely
	 * on what close() does with one. */
	bool in_tx;
	/* for the one message libxapian leaves to its terminate handler */
	std::string path;
	/* facets (xc-facets.cc): a slot read into a table by docid, how
	 * many matches were counted from values since the last reopen, and
	 * whether a database is remote and can only count them there */
	std::shared_ptr<const xc_facet_table> facet_table;
	unsigned long long facet_reads = 0;
	bool facets_remote = false;
	/* xc_query_term_set (xc-term-set.cc): the set read into a bitmap,
	 * and the set asked for last and how many times in a row */
	std::shared_ptr<const xc_term_set> term_set;
	std::string term_set_key;
	unsigned term_set_asks = 0;

	xc_db() : writable(false), in_tx(false) {}
	/* after a reopen or a database added: the tables may be stale */
	void forget_tables()
	{
		facet_table.reset();
		facet_reads = 0;
		facets_remote = false;
		term_set.reset();
		term_set_key.clear();
		term_set_asks = 0;
	}
};

struct xc_doc {
	Xapian::Document doc;
};

struct xc_query {
	Xapian::Query q;

	xc_query() {}
	explicit xc_query(const Xapian::Query &query) : q(query) {}
};

struct xc_mset {
	/* Enquire::get_matching_terms needs the enquire that ran the query,
	 * so it lives as long as the mset. */
	Xapian::Enquire enquire;
	Xapian::MSet mset;
	/* The strings handed out by xc_mset_data/xc_mset_value.  data is
	 * sized once, when the mset is built, and never resized, and map
	 * nodes never move, so the bytes stay put until xc_mset_destroy. */
	std::vector<std::string> data;
	std::vector<bool> data_loaded;
	/* hit i of the caller is mset[order[i]] (xc_order_ties, and
	 * xc_collapse_by_hand, which leaves out hits) */
	std::vector<Xapian::doccount> order;
	/* the mset's counts, or the counts of the articles when collapsed
	 * by hand */
	unsigned estimated = 0, upper_bound = 0;
	std::map<std::pair<size_t, Xapian::valueno>, std::string> values;
	/* the facet counts, when asked for (xc_count_facets) */
	std::unique_ptr<std::unordered_map<std::string, unsigned>> facets;
	bool facets_partial = false;

	explicit xc_mset(const Xapian::Database &db) : enquire(db) {}
};

/* Count the facets of @q into m->facets and m->facets_partial
 * (xc-facets.cc).  Throws as Xapian does. */
void xc_count_facets(xc_db *db, const xc_query *q, const xc_search_opts *opts,
		     xc_mset *m);

/* Map the exception being handled to an xc_status, fill @err and return
 * the status.  Call only from inside a catch block. */
xc_status xc_error_from_exception(xc_error *err);

/* Fill @err with @code and a formatted message; return @code.  For the
 * wrapper's own checks (a NULL argument, a read-only database, ...). */
xc_status xc_fail(xc_error *err, xc_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copy @s into a new malloc'd, NUL-terminated buffer; throws
 * std::bad_alloc, so call it inside the try. */
void xc_dup(const std::string &s, char **out, size_t *len);

#define XC_NEED(cond, err) \
	do { \
		if (!(cond)) \
			return xc_fail((err), XC_ERR_INVALID, \
				       "%s: invalid argument (%s)", \
				       __func__, #cond); \
	} while (0)

#endif
