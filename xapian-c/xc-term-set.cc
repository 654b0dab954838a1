/* xc-term-set.cc - the documents that have any of a few boolean terms, as
 * a bitmap by docid for a long-lived handle.
 *
 * The search leaves out or demotes flagged passages (a tenth of them in a
 * remixed corpus of a million passages) with AND_NOT on the flag terms.
 * Xapian checks the right of an AND_NOT at every candidate of the left by
 * skipping forward in the flag terms' posting lists, and skipping inside
 * a chunk decodes every posting on the way: a search decoded most of the
 * flag lists, 0.5 to 0.6 of 2 ms at a million passages (callgrind, and
 * bench-query with the AND_NOT left out).  A bitmap answers the same
 * question with a bit test.  Reading the lists into one costs about what
 * one search's skipping does, so a handle builds it once the same set has
 * been asked for XC_TERM_SET_RENT times, and keeps it until the index is
 * reopened; a one-shot process goes on with the terms' OR.
 *
 * The bitmap is given to Xapian as a PostingSource, which xapian-tcpsrv
 * could not rebuild and a docid of which names no shard: only one local,
 * read-only database gets one.
 */
#include <config.h>

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
	Xapian::doccount count = 0;
	std::vector<uint64_t> bits; /* bit did % 64 of word did / 64 */
};

static std::shared_ptr<const xc_term_set>
xc_term_set_read(const Xapian::Database &db, const std::string &key)
{
	std::shared_ptr<xc_term_set> set(new xc_term_set);

	set->key = key;
	set->revision = db.get_revision();
	set->last = db.get_lastdocid();
	set->bits.assign(set->last / 64 + 1, 0);
	for (size_t at = 0; at < key.size(); at = key.find('\0', at) + 1) {
		std::string term(key.c_str() + at);

		for (Xapian::PostingIterator p = db.postlist_begin(term);
		     p != db.postlist_end(term); ++p) {
			Xapian::docid did = *p;
			uint64_t bit = uint64_t(1) << (did % 64);

			if (did > set->last)
				break;
			if (!(set->bits[did / 64] & bit))
				set->count++;
			set->bits[did / 64] |= bit;
		}
	}
	return set;
}

namespace {

/* The documents of a bitmap, in docid order, weighing nothing. */
class xc_term_set_source : public Xapian::PostingSource {
public:
	explicit xc_term_set_source(std::shared_ptr<const xc_term_set> set)
		: set_(set) {}
	Xapian::PostingSource *clone() const override
	{
		return new xc_term_set_source(set_);
	}
	void init(const Xapian::Database &db) override
	{
		/* a query kept past a reopen reads the set anew */
		if (db.get_revision() != set_->revision ||
		    db.get_lastdocid() != set_->last)
			set_ = xc_term_set_read(db, set_->key);
		did_ = 0;
		set_maxweight(0);
	}
	Xapian::doccount get_termfreq_min() const override
	{
		return set_->count;
	}
	Xapian::doccount get_termfreq_est() const override
	{
		return set_->count;
	}
	Xapian::doccount get_termfreq_max() const override
	{
		return set_->count;
	}
	void next(double) override { move_to(did_ + 1); }
	void skip_to(Xapian::docid did, double) override
	{
		if (did > did_)
			move_to(did);
	}
	bool at_end() const override { return did_ > set_->last; }
	Xapian::docid get_docid() const override { return did_; }
	double get_weight() const override { return 0; }
	std::string get_description() const override
	{
		return "xc_term_set_source(" + std::to_string(set_->count) +
		       ")";
	}
private:
	/* to the first document of the set from @did on */
	void move_to(Xapian::docid did)
	{
		const std::vector<uint64_t> &bits = set_->bits;
		size_t w = did / 64;

		if (did > set_->last) {
			did_ = set_->last + 1;
			return;
		}
		uint64_t word = bits[w] & (~uint64_t(0) << (did % 64));
		while (!word && ++w < bits.size())
			word = bits[w];
		did_ = word ? static_cast<Xapian::docid>(
				      w * 64 + __builtin_ctzll(word)) :
			      set_->last + 1;
		if (did_ > set_->last)
			did_ = set_->last + 1;
	}
	std::shared_ptr<const xc_term_set> set_;
	Xapian::docid did_ = 0;
};

} /* namespace */

xc_status
xc_query_term_set(xc_db *db, const char *const *terms, size_t n,
		  xc_query **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(db && (terms || n == 0) && out, err);
	try {
		std::vector<Xapian::Query> parts;
		std::string key;

		for (size_t i = 0; i < n; i++) {
			XC_NEED(terms[i] && *terms[i], err);
			parts.emplace_back(terms[i]);
			key += terms[i];
			key += '\0';
		}
		if (db->local && !db->writable && n > 0) {
			if (!db->term_set || db->term_set->key != key) {
				if (db->term_set_key != key) {
					db->term_set_key = key;
					db->term_set_asks = 0;
				}
				if (++db->term_set_asks >= XC_TERM_SET_RENT)
					db->term_set =
						xc_term_set_read(db->db, key);
			}
			if (db->term_set && db->term_set->key == key) {
				std::unique_ptr<xc_term_set_source> src(
					new xc_term_set_source(db->term_set));

				*out = new xc_query(Xapian::Query(
					src.release()->release()));
				return XC_OK;
			}
		}
		*out = new xc_query(Xapian::Query(Xapian::Query::OP_OR,
						  parts.begin(), parts.end()));
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}
