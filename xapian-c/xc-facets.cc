/* xc-facets.cc - counting a slot's values over the matches, once per key.
 *
 * A passage's facet value is its key (the first line: its article, or the
 * original of a copy) and then its facet values, one a line; a facet
 * counts the distinct keys that have it among the first opts->facet_scan
 * matches in docid order.
 *
 * Reading one value a match costs about 2 microseconds whatever its size
 * (a B-tree look-up, a block read and a chunk decoded from its start):
 * 2,000 matches scattered over a million passages took 3.7 of a search's
 * 5.1 ms.  A database handle that counts facets a second time therefore
 * reads the whole slot once, in order, into a table by docid (12 bytes a
 * docid), and counts from it from then on; a one-shot process (the CGI)
 * never pays for the table, a long-lived one (FastCGI, a program using
 * the library) pays once per reopen.  Shards (Xapian 1.4 gives a match
 * spy the docid within the shard) and remote databases count from values.
 */
#include <config.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "xc-private.hh"

/* A database with more docids than this is not tabled: 12 bytes a docid
 * would be 200 MB. */
#define XC_FACET_TABLE_MAX_DOCS (16u << 20)

/* 64-bit FNV-1a: keys are compared by hash; two keys of the 2,000
 * counted share one with odds of 1 in 10^13. */
static uint64_t
xc_key_hash(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ull;

	while (n--) {
		h ^= static_cast<unsigned char>(*p++);
		h *= 1099511628211ull;
	}
	return h;
}

/* The length of the value's first line, the key. */
static size_t
xc_key_len(const std::string &value)
{
	size_t nl = value.find('\n');

	return nl == std::string::npos ? value.size() : nl;
}

struct xc_facet_table {
	/* by docid: the key's hash, and 1 + the offset in sets of the
	 * docid's lines (count, then line ids), 0 for none */
	std::vector<uint64_t> key;
	std::vector<uint32_t> set;
	std::vector<uint32_t> sets;
	std::vector<std::string> lines;
};

struct xc_id_list_hash {
	size_t operator()(const std::vector<uint32_t> &v) const
	{
		return xc_key_hash(reinterpret_cast<const char *>(v.data()),
				   v.size() * sizeof v[0]);
	}
};

/* Read @slot of every document, in docid order.  Throws as Xapian does
 * (Xapian::UnimplementedError where the database cannot stream values). */
static std::shared_ptr<const xc_facet_table>
xc_facet_table_build(const Xapian::Database &db, Xapian::valueno slot)
{
	std::shared_ptr<xc_facet_table> t(new xc_facet_table);
	std::unordered_map<std::string, uint32_t> line_id;
	std::unordered_map<std::vector<uint32_t>, uint32_t, xc_id_list_hash>
		set_at;
	std::vector<uint32_t> ids;
	std::string line;
	Xapian::docid last = db.get_lastdocid();

	t->key.assign(last + 1, 0);
	t->set.assign(last + 1, 0);
	for (Xapian::ValueIterator it = db.valuestream_begin(slot);
	     it != db.valuestream_end(slot); ++it) {
		const std::string &v = *it;
		Xapian::docid did = it.get_docid();
		size_t start = xc_key_len(v);

		if (did > last)
			break;
		t->key[did] = xc_key_hash(v.data(), start);
		ids.clear();
		while (++start < v.size()) {
			size_t nl = std::min(v.find('\n', start), v.size());

			if (nl > start) {
				line.assign(v, start, nl - start);
				auto f = line_id.find(line);
				if (f == line_id.end()) {
					f = line_id.emplace(line, static_cast<
						uint32_t>(t->lines.size())).first;
					t->lines.push_back(line);
				}
				ids.push_back(f->second);
			}
			start = nl;
		}
		if (ids.empty())
			continue;
		auto f = set_at.find(ids);
		if (f == set_at.end()) {
			f = set_at.emplace(ids, static_cast<uint32_t>(
				t->sets.size())).first;
			t->sets.push_back(static_cast<uint32_t>(ids.size()));
			t->sets.insert(t->sets.end(), ids.begin(), ids.end());
		}
		t->set[did] = f->second + 1;
	}
	return t;
}

namespace {

/* Counts the facet lines of each match once per key: from the table
 * where it covers the docid, else from the value itself. */
class xc_facet_spy : public Xapian::MatchSpy {
public:
	/* thrown at the first match past @limit: the count is done */
	struct enough {};
	xc_facet_spy(Xapian::valueno slot, Xapian::valueno key_slot,
		     Xapian::doccount limit,
		     std::shared_ptr<const xc_facet_table> table,
		     std::unordered_map<std::string, unsigned> &counts)
		: slot_(slot), key_slot_(key_slot), limit_(limit),
		  table_(std::move(table)), counts_(counts)
	{
		if (table_)
			line_counts_.assign(table_->lines.size(), 0);
	}
	void operator()(const Xapian::Document &doc, double) override;
	/* count @value, keyed by its first line, unless the key was seen */
	void add(const std::string &value);
	/* add the table's counts to the counts */
	void finish();
private:
	void add_lines(const std::string &value, size_t start);
	Xapian::valueno slot_, key_slot_;
	Xapian::doccount limit_, offered_ = 0;
	std::shared_ptr<const xc_facet_table> table_;
	std::unordered_map<std::string, unsigned> &counts_;
	std::vector<unsigned> line_counts_;
	std::unordered_set<uint64_t> seen_;
	std::string key_, value_, line_; /* reused: no allocation a match */
};

void
xc_facet_spy::operator()(const Xapian::Document &doc, double)
{
	if (offered_++ == limit_)
		throw enough();
	if (table_) {
		Xapian::docid did = doc.get_docid();

		if (did < table_->set.size()) {
			uint32_t at = table_->set[did];

			if (at && seen_.insert(table_->key[did]).second) {
				const uint32_t *p = &table_->sets[at - 1];

				for (uint32_t i = 1; i <= p[0]; i++)
					line_counts_[p[i]]++;
			}
			return;
		}
	}
	/* the values first: many passages have none, and then their key
	 * need not be read */
	value_ = doc.get_value(slot_);
	if (value_.empty())
		return;
	if (key_slot_ == Xapian::BAD_VALUENO) {
		add(value_);
		return;
	}
	key_ = doc.get_value(key_slot_);
	if (seen_.insert(xc_key_hash(key_.data(), key_.size())).second)
		add_lines(value_, 0);
}

void
xc_facet_spy::add(const std::string &value)
{
	size_t start = xc_key_len(value);

	if (seen_.insert(xc_key_hash(value.data(), start)).second)
		add_lines(value, start + 1);
}

void
xc_facet_spy::add_lines(const std::string &value, size_t start)
{
	while (start < value.size()) {
		size_t nl = std::min(value.find('\n', start), value.size());

		if (nl > start) {
			line_.assign(value, start, nl - start);
			counts_[line_]++;
		}
		start = nl + 1;
	}
}

void
xc_facet_spy::finish()
{
	for (size_t i = 0; i < line_counts_.size(); i++)
		if (line_counts_[i])
			counts_[table_->lines[i]] += line_counts_[i];
}

} /* namespace */

/* A remote database runs the match spies itself, and xapian-tcpsrv knows
 * only Xapian's own: count the distinct values with its
 * ValueCountMatchSpy, each database stopping after scan + 1 matches, and
 * then each value once per key, its first line (a key slot cannot be
 * read there). */
static bool
xc_count_facets_remote(Xapian::Enquire &e, Xapian::valueno slot,
		       Xapian::doccount scan, xc_facet_spy &counter)
{
	Xapian::ValueCountMatchSpy spy(slot);

	e.clear_matchspies();
	e.add_matchspy(&spy);
	e.get_mset(0, 1, scan + 1);
	for (Xapian::TermIterator it = spy.values_begin();
	     it != spy.values_end(); ++it)
		counter.add(*it);
	return spy.get_total() > scan;
}

/* Facets are counted in a match of their own, without weights, in docid
 * order, which stops after the first opts->facet_scan matches: the page's
 * match can then stop as soon as nothing else can reach the page, and the
 * values are read in docid order, mostly from the value chunks read last.
 * Counted with the page's match over its best 2,000 passages, the facets
 * took three quarters of a search's instructions at a million passages
 * (callgrind). */
void
xc_count_facets(xc_db *db, const xc_query *q, const xc_search_opts *opts,
		xc_mset *m)
{
	Xapian::valueno slot = static_cast<Xapian::valueno>(opts->facet_slot);
	Xapian::valueno key_slot = opts->facet_key_slot >= 0 ?
		static_cast<Xapian::valueno>(opts->facet_key_slot) :
		Xapian::BAD_VALUENO;
	Xapian::doccount scan = opts->facet_scan ? opts->facet_scan :
			       db->db.get_doccount();
	Xapian::Enquire e(db->db);

	/* A writable database's reads see changes not yet committed, which
	 * a table would miss; a match spy over shards is given each shard's
	 * own docids, which do not say the shard. */
	if (!db->facet_table && !db->writable && !db->facets_remote &&
	    db->db.size() == 1 &&
	    key_slot == Xapian::BAD_VALUENO && db->facet_counts > 0 &&
	    db->db.get_lastdocid() <= XC_FACET_TABLE_MAX_DOCS) {
		db->facet_table = xc_facet_table_build(db->db, slot);
		db->facet_table_slot = slot;
	}
	db->facet_counts++;
	m->facets.reset(new std::unordered_map<std::string, unsigned>);
	xc_facet_spy spy(slot, key_slot, scan,
			 db->facet_table_slot == slot ? db->facet_table :
							nullptr,
			 *m->facets);
	/* weighed 0: fixed-weight boosts too, so that Xapian's matcher can
	 * stop in docid order */
	e.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, 0));
	e.set_weighting_scheme(Xapian::BoolWeight());
	e.set_docid_order(Xapian::Enquire::ASCENDING);
	e.add_matchspy(&spy);
	try {
		/* one more, to learn whether there are more */
		e.get_mset(0, 1, scan + 1);
		m->facets_partial = false;
	} catch (const xc_facet_spy::enough &) {
		m->facets_partial = true;
	} catch (const Xapian::UnimplementedError &) {
		db->facets_remote = true;
		m->facets->clear();
		xc_facet_spy counter(slot, key_slot, scan, nullptr,
				     *m->facets);
		m->facets_partial = xc_count_facets_remote(e, slot, scan,
							   counter);
		return;
	}
	spy.finish();
}

size_t
xc_db_facet_table_docs(const xc_db *db)
{
	return db && db->facet_table ? db->facet_table->set.size() - 1 : 0;
}

xc_status
xc_mset_facets(xc_mset *m,
	       void (*cb)(void *ctx, const char *value, size_t len,
			  unsigned count),
	       void *ctx, xc_error *err)
{
	XC_NEED(m && cb, err);
	if (!m->facets)
		return xc_fail(err, XC_ERR_INVALID,
			       "the search was run without facets");
	try {
		typedef std::pair<const std::string, unsigned> count;
		std::vector<const count *> v;

		for (const auto &kv : *m->facets)
			v.push_back(&kv);
		std::sort(v.begin(), v.end(),
			  [](const count *a, const count *b) {
				  return a->first < b->first;
			  });
		for (const auto *kv : v)
			cb(ctx, kv->first.data(), kv->first.size(), kv->second);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

int
xc_mset_facets_partial(const xc_mset *m)
{
	return m && m->facets_partial;
}
