/* xc-term-set.cc - the documents that have any of a few boolean terms,
 * as a bitmap by docid.
 *
 * The search leaves out or demotes flagged passages (a tenth of them in a
 * remixed corpus of a million passages) with AND_NOT on the flag terms.
 * Xapian checks the right of an AND_NOT at every candidate of the left by
 * skipping forward in the flag terms' posting lists, and skipping inside
 * a chunk decodes every posting on the way: with the demoting bonus's
 * filter over every passage, a quarter of a FastCGI request's
 * instructions at a million passages and a fifth of a one-shot search's
 * (callgrind).  A bitmap answers the same question with a bit test, and
 * the bonus becomes one source over the passages not in the set.
 *
 * Where the bitmap comes from: the index, where kbindex stores it at
 * every commit (xc_db_update_term_set; valid while the index's last docid
 * and document count are those it was written for); else, on a handle
 * that has been asked for the same set XC_TERM_SET_RENT times, the terms'
 * posting lists, read once (about what one search's skipping costs) and
 * kept until the index is reopened.  Otherwise the set is the terms' OR.
 *
 * The bitmap is given to Xapian as a PostingSource, which xapian-tcpsrv
 * could not rebuild and a docid of which names no shard: only one local,
 * read-only database gets one.
 */
#include <config.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "xc-private.hh"

/* asked for this many times, the set is read into a bitmap */
#define XC_TERM_SET_RENT 3

struct xc_term_set {
	std::string key;          /* the terms, each NUL-terminated */
	Xapian::rev revision = 0; /* of the database read */
	Xapian::docid last = 0;   /* the highest docid read */
	Xapian::doccount count = 0, docs = 0;
	std::vector<uint64_t> bits; /* bit did % 64 of word did / 64 */
	/* the docids with no document, when there are any */
	std::vector<uint64_t> holes;
};

static bool
xc_bit(const std::vector<uint64_t> &bits, Xapian::docid did)
{
	return bits[did / 64] >> (did % 64) & 1;
}

static void
xc_set_bit(std::vector<uint64_t> &bits, Xapian::docid did)
{
	bits[did / 64] |= uint64_t(1) << (did % 64);
}

static std::shared_ptr<const xc_term_set>
xc_term_set_read(const Xapian::Database &db, const std::string &key)
{
	std::shared_ptr<xc_term_set> set(new xc_term_set);

	set->key = key;
	set->revision = db.get_revision();
	set->last = db.get_lastdocid();
	set->docs = db.get_doccount();
	set->bits.assign(set->last / 64 + 1, 0);
	for (size_t at = 0; at < key.size(); at = key.find('\0', at) + 1) {
		std::string term(key.c_str() + at);

		for (Xapian::PostingIterator p = db.postlist_begin(term);
		     p != db.postlist_end(term) && *p <= set->last; ++p) {
			if (!xc_bit(set->bits, *p))
				set->count++;
			xc_set_bit(set->bits, *p);
		}
	}
	/* what a complement must leave out besides the set */
	if (set->docs < set->last) {
		Xapian::docid next = 1;

		set->holes.assign(set->last / 64 + 1, 0);
		for (Xapian::PostingIterator p = db.postlist_begin("");
		     p != db.postlist_end("") && *p <= set->last; ++p) {
			for (; next < *p; next++)
				xc_set_bit(set->holes, next);
			next = *p + 1;
		}
		for (; next <= set->last; next++)
			xc_set_bit(set->holes, next);
	}
	return set;
}

/* The set as kbindex stores it in the index (xc_db_update_term_set):
 * XC_TS_META and the terms, each NUL-terminated, holding "1 LAST DOCS
 * COUNT\n" and then the set's bitmap, bit did % 8 of byte did / 8, for
 * docids 0 to LAST, and the same for the docids with no document when
 * DOCS < LAST. */
#define XC_TS_META "xc:ts:"

static std::string
xc_ts_key(const std::string &terms)
{
	return XC_TS_META + terms;
}

static std::string
xc_ts_encode(const xc_term_set &set)
{
	size_t bytes = set.last / 8 + 1;
	std::string v = "1 " + std::to_string(set.last) + " " +
			std::to_string(set.docs) + " " +
			std::to_string(set.count) + "\n";

	for (const std::vector<uint64_t> *bits : { &set.bits, &set.holes }) {
		if (bits->empty())
			continue;
		for (size_t i = 0; i < bytes; i++)
			v += static_cast<char>((*bits)[i / 8] >> (8 * (i % 8)));
	}
	return v;
}

/* The stored set of @key, if it is there and of the index as it is. */
static std::shared_ptr<const xc_term_set>
xc_term_set_stored(const Xapian::Database &db, const std::string &key)
{
	std::string v = db.get_metadata(xc_ts_key(key));
	unsigned long long last, docs, count;
	int used = 0;

	if (v.empty() ||
	    sscanf(v.c_str(), "1 %llu %llu %llu\n%n", &last, &docs, &count,
		   &used) != 3 || used <= 0 ||
	    last != db.get_lastdocid() || docs != db.get_doccount() ||
	    docs > last || count > docs)
		return nullptr;
	size_t bytes = last / 8 + 1;
	if (v.size() != used + bytes * (docs < last ? 2 : 1))
		return nullptr;

	std::shared_ptr<xc_term_set> set(new xc_term_set);
	const unsigned char *p =
		reinterpret_cast<const unsigned char *>(v.data()) + used;

	set->key = key;
	set->revision = db.get_revision();
	set->last = static_cast<Xapian::docid>(last);
	set->docs = static_cast<Xapian::doccount>(docs);
	set->count = static_cast<Xapian::doccount>(count);
	for (std::vector<uint64_t> *bits : { &set->bits, &set->holes }) {
		if (bits == &set->holes && docs == last)
			break;
		bits->assign(last / 64 + 1, 0);
		for (size_t i = 0; i < bytes; i++, p++)
			(*bits)[i / 8] |= uint64_t(*p) << (8 * (i % 8));
	}
	return set;
}

namespace {

/* The documents of a bitmap, or of its complement, in docid order, each
 * weighing the same. */
class xc_term_set_source : public Xapian::PostingSource {
public:
	xc_term_set_source(std::shared_ptr<const xc_term_set> set,
			   bool complement, double weight)
		: set_(set), complement_(complement), weight_(weight) {}
	Xapian::PostingSource *clone() const override
	{
		return new xc_term_set_source(set_, complement_, weight_);
	}
	void init(const Xapian::Database &db) override
	{
		/* a query kept past a reopen reads the set anew */
		if (db.get_revision() != set_->revision ||
		    db.get_lastdocid() != set_->last)
			set_ = xc_term_set_read(db, set_->key);
		did_ = 0;
		set_maxweight(weight_);
	}
	Xapian::doccount get_termfreq_min() const override { return size(); }
	Xapian::doccount get_termfreq_est() const override { return size(); }
	Xapian::doccount get_termfreq_max() const override { return size(); }
	void next(double) override { move_to(did_ + 1); }
	void skip_to(Xapian::docid did, double) override
	{
		if (did > did_)
			move_to(did);
	}
	bool at_end() const override { return did_ > set_->last; }
	Xapian::docid get_docid() const override { return did_; }
	double get_weight() const override { return weight_; }
	std::string get_description() const override
	{
		return std::string("xc_term_set_source(") +
		       (complement_ ? "not " : "") +
		       std::to_string(set_->count) + ")";
	}
private:
	Xapian::doccount size() const
	{
		return complement_ ? set_->docs - set_->count : set_->count;
	}
	/* word @w of the members: the set, or the documents not in it */
	uint64_t members(size_t w) const
	{
		if (!complement_)
			return set_->bits[w];
		return ~set_->bits[w] &
		       (set_->holes.empty() ? ~uint64_t(0) : ~set_->holes[w]);
	}
	/* to the first member from @did on */
	void move_to(Xapian::docid did)
	{
		size_t w = did / 64, words = set_->bits.size();

		if (did > set_->last) {
			did_ = set_->last + 1;
			return;
		}
		uint64_t word = members(w) & (~uint64_t(0) << (did % 64));
		while (!word && ++w < words)
			word = members(w);
		did_ = word ? static_cast<Xapian::docid>(
				      w * 64 + __builtin_ctzll(word)) :
			      set_->last + 1;
		if (did_ > set_->last)
			did_ = set_->last + 1;
	}
	std::shared_ptr<const xc_term_set> set_;
	bool complement_;
	double weight_;
	Xapian::docid did_ = 0;
};

/* The same set as Xapian's operators give it, for what cannot have a
 * bitmap. */
Xapian::Query
xc_term_set_query(const std::vector<Xapian::Query> &terms, bool complement,
		  double weight)
{
	Xapian::Query set(Xapian::Query::OP_OR, terms.begin(), terms.end());

	if (complement)
		set = Xapian::Query(Xapian::Query::OP_AND_NOT,
				    Xapian::Query::MatchAll, set);
	if (weight > 0) {
		std::unique_ptr<Xapian::FixedWeightPostingSource> src(
			new Xapian::FixedWeightPostingSource(weight));

		/* the query owns the source from here */
		set = Xapian::Query(Xapian::Query::OP_FILTER,
				    Xapian::Query(src.release()->release()),
				    set);
	}
	return set;
}

} /* namespace */

xc_status
xc_query_term_set(xc_db *db, const char *const *terms, size_t n,
		  int complement, double weight, xc_query **out,
		  xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(db && (terms || n == 0) && out && weight >= 0, err);
	try {
		std::vector<Xapian::Query> parts;
		std::string key;

		for (size_t i = 0; i < n; i++) {
			XC_NEED(terms[i] && *terms[i], err);
			parts.emplace_back(terms[i]);
			key += terms[i];
			key += '\0';
		}
		if (db->local && !db->writable && db->db.size() == 1 &&
		    n > 0) {
			if (!db->term_set || db->term_set->key != key) {
				if (db->term_set_key != key) {
					auto stored =
						xc_term_set_stored(db->db, key);

					db->term_set_key = key;
					db->term_set_asks = 0;
					if (stored)
						db->term_set = stored;
				}
				if (!db->term_set &&
				    ++db->term_set_asks >= XC_TERM_SET_RENT)
					db->term_set =
						xc_term_set_read(db->db, key);
			}
			if (db->term_set && db->term_set->key == key) {
				std::unique_ptr<xc_term_set_source> src(
					new xc_term_set_source(db->term_set,
							       complement,
							       weight));

				*out = new xc_query(Xapian::Query(
					src.release()->release()));
				return XC_OK;
			}
		}
		*out = new xc_query(xc_term_set_query(parts, complement,
						      weight));
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_db_update_term_set(xc_db *db, const char *const *terms, size_t n,
		      int *wrote, xc_error *err)
{
	if (wrote)
		*wrote = 0;
	XC_NEED(db && (terms || n == 0) && n > 0, err);
	if (!db->writable)
		return xc_fail(err, XC_ERR_INVALID,
			       "the term set is written to a writable database");
	try {
		std::string key;

		for (size_t i = 0; i < n; i++) {
			XC_NEED(terms[i] && *terms[i], err);
			key += terms[i];
			key += '\0';
		}
		std::string v = xc_ts_encode(*xc_term_set_read(db->db, key));

		if (db->db.get_metadata(xc_ts_key(key)) != v) {
			db->wdb.set_metadata(xc_ts_key(key), v);
			if (wrote)
				*wrote = 1;
		}
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}
