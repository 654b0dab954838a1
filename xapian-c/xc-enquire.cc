/* xc-enquire.cc - running a query and reading the hits. */
#include <config.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "xc-private.hh"

/* How many passages are matched per hit asked for when collapsing by hand
 * (xc_collapse_by_hand), and how many more: the fewer, the sooner Xapian
 * skips what cannot reach them, the more often too few articles come and
 * Xapian collapses after all (3 and 20 cost 12% more instructions than 2
 * and 5 over 150 scale queries at a million passages, callgrind). */
#define XC_OVERFETCH 2
#define XC_OVERFETCH_EXTRA 5

/* Hits of equal sort value and weight come in docid order, and docids
 * interleave across the databases of a multi-database: order them by the
 * @tie_slot value instead (a zero-padded number), and by docid among those
 * without one, which keeps a single index's order as it was.  Fills
 * m->order with every hit of m->mset. */
static void
xc_order_ties(xc_mset *m, const xc_search_opts *opts)
{
	Xapian::doccount n = m->mset.size();
	std::vector<std::string> keys(n);
	std::vector<double> weights(n);
	std::vector<std::string> sorts(n);

	m->order.resize(n);
	for (Xapian::doccount i = 0; i < n; i++)
		m->order[i] = i;
	if (opts->tie_slot < 0)
		return;
	for (Xapian::doccount i = 0; i < n; i++) {
		weights[i] = m->mset[i].get_weight();
		if (opts->sort_slot >= 0)
			sorts[i] = m->mset[i].get_sort_key();
	}
	for (Xapian::doccount i = 0; i < n;) {
		Xapian::doccount j = i + 1;

		while (j < n && weights[j] == weights[i] && sorts[j] == sorts[i])
			j++;
		if (j - i < 2) {
			i = j;
			continue;
		}
		/* only ties are read: a hit's value costs a document read */
		for (Xapian::doccount k = i; k < j; k++)
			keys[k] = m->mset[k].get_document().get_value(
				static_cast<Xapian::valueno>(opts->tie_slot));
		std::stable_sort(m->order.begin() + i, m->order.begin() + j,
				 [&](Xapian::doccount a, Xapian::doccount b) {
					 if (keys[a].empty() != keys[b].empty())
						 return keys[b].empty();
					 return keys[a] < keys[b];
				 });
		i = j;
	}
}

/* Xapian's collapsing reads the collapse key of every match that could
 * still reach the page, which at a million passages doubled the time of a
 * search.  The page is decided by the best passages alone when they hold
 * enough articles: match twice the page without collapsing, keep the
 * first passage of each key (an empty key is a group of its own, as for
 * Xapian), and the hits are exactly those of a collapsed match.  False,
 * with @m to be matched again with Xapian's collapsing, when the passages
 * matched hold too few articles and there are more. */
static bool
xc_collapse_by_hand(xc_mset *m, const xc_search_opts *opts)
{
	Xapian::doccount want = opts->offset + opts->limit;
	Xapian::doccount fetch = want * XC_OVERFETCH + XC_OVERFETCH_EXTRA;
	Xapian::valueno slot =
		static_cast<Xapian::valueno>(opts->collapse_slot);
	std::unordered_set<std::string> seen;
	std::vector<Xapian::doccount> kept;
	bool all;

	m->mset = m->enquire.get_mset(0, fetch, opts->check_at_least);
	all = m->mset.size() < fetch;
	xc_order_ties(m, opts);
	for (Xapian::doccount idx : m->order) {
		std::string key = m->mset[idx].get_document().get_value(slot);

		if (key.empty() || seen.insert(key).second)
			kept.push_back(idx);
	}
	if (kept.size() < want && !all)
		return false;
	if (all) {
		m->estimated = m->upper_bound =
			static_cast<unsigned>(kept.size());
	} else {
		/* as Xapian's: the copies seen come off the upper bound, and
		 * the estimate is scaled by the share of articles seen */
		Xapian::doccount looked = m->mset.size();
		double share = static_cast<double>(kept.size()) / looked;

		m->upper_bound = m->mset.get_matches_upper_bound() -
				 (looked - static_cast<unsigned>(kept.size()));
		m->estimated = std::max<unsigned>(
			static_cast<unsigned>(kept.size()),
			static_cast<unsigned>(
				m->mset.get_matches_estimated() * share + 0.5));
		m->estimated = std::min(m->estimated, m->upper_bound);
	}
	if (kept.size() > want)
		kept.resize(want);
	m->order.assign(kept.begin() + std::min<size_t>(opts->offset,
							kept.size()),
			kept.end());
	return true;
}

/* A remote database runs the match spies itself, and xapian-tcpsrv knows
 * only Xapian's own: count the distinct values with its
 * ValueCountMatchSpy, each database stopping after scan + 1 matches, and
 * then each value once per key, its first line (a key slot cannot be
 * read there). */
static void
xc_count_facets_remote(Xapian::Enquire &e, const xc_search_opts *opts,
		       Xapian::doccount scan, xc_mset *m)
{
	Xapian::ValueCountMatchSpy spy(
		static_cast<Xapian::valueno>(opts->facet_slot));

	e.clear_matchspies();
	e.add_matchspy(&spy);
	e.get_mset(0, 1, scan + 1);
	m->facets->reset();
	for (Xapian::TermIterator it = spy.values_begin();
	     it != spy.values_end(); ++it)
		m->facets->add(*it);
	m->facets_partial = spy.get_total() > scan;
}

/* Facets are counted in a match of their own, without weights, in docid
 * order, which stops after the first opts->facet_scan matches: the page's
 * match can then stop as soon as nothing else can reach the page, and the
 * values are read in docid order, mostly from the value chunks read last.
 * Counted with the page's match over its best 2,000 passages, the facets
 * took three quarters of a search's instructions at a million passages
 * (callgrind). */
static void
xc_count_facets(xc_db *db, const xc_query *q, const xc_search_opts *opts,
		xc_mset *m)
{
	Xapian::doccount scan = opts->facet_scan ? opts->facet_scan :
			       db->db.get_doccount();
	Xapian::Enquire e(db->db);

	m->facets.reset(new xc_facet_spy(
		static_cast<Xapian::valueno>(opts->facet_slot),
		opts->facet_key_slot >= 0 ?
			static_cast<Xapian::valueno>(opts->facet_key_slot) :
			Xapian::BAD_VALUENO,
		scan));
	/* weighed 0: fixed-weight boosts too, so that Xapian's matcher can
	 * stop in docid order */
	e.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, 0));
	e.set_weighting_scheme(Xapian::BoolWeight());
	e.set_docid_order(Xapian::Enquire::ASCENDING);
	/* not released to the enquire: m owns the spy */
	e.add_matchspy(m->facets.get());
	try {
		/* one more, to learn whether there are more */
		e.get_mset(0, 1, scan + 1);
		m->facets_partial = false;
	} catch (const xc_facet_spy::enough &) {
		m->facets_partial = true;
	} catch (const Xapian::UnimplementedError &) {
		xc_count_facets_remote(e, opts, scan, m);
	}
}

xc_status
xc_search(xc_db *db, const xc_query *q, const xc_search_opts *opts,
	  xc_mset **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(db && q && opts && out, err);
	try {
		std::unique_ptr<xc_mset> m(new xc_mset(db->db));
		size_t n;

		m->enquire.set_query(q->q);
		if (opts->impact_k1 > 0)
			m->enquire.set_weighting_scheme(Xapian::BM25Weight(
				opts->impact_k1, 0, 1, 0, 0.5));
		else
			m->enquire.set_weighting_scheme(Xapian::BM25Weight());
		if (opts->sort_slot >= 0)
			m->enquire.set_sort_by_value_then_relevance(
				static_cast<Xapian::valueno>(opts->sort_slot),
				true);
		if (opts->collapse_slot < 0 || opts->sort_slot >= 0 ||
		    !xc_collapse_by_hand(m.get(), opts)) {
			if (opts->collapse_slot >= 0) {
				m->enquire.set_collapse_key(
					static_cast<Xapian::valueno>(
						opts->collapse_slot));
			}
			m->mset = m->enquire.get_mset(opts->offset,
						      opts->limit,
						      opts->check_at_least);
			xc_order_ties(m.get(), opts);
			m->estimated = m->mset.get_matches_estimated();
			m->upper_bound = m->mset.get_matches_upper_bound();
		}
		if (opts->facet_slot >= 0)
			xc_count_facets(db, q, opts, m.get());
		n = m->order.size();
		m->data.resize(n);
		m->data_loaded.assign(n, false);
		*out = m.release();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

size_t
xc_mset_size(const xc_mset *m)
{
	return m ? m->order.size() : 0;
}

unsigned
xc_mset_upper_bound(const xc_mset *m)
{
	return m ? m->upper_bound : 0;
}

unsigned
xc_mset_estimated(const xc_mset *m)
{
	return m ? m->estimated : 0;
}

unsigned
xc_mset_docid(const xc_mset *m, size_t i)
{
	if (!m || i >= m->order.size())
		return 0;
	try {
		return *m->mset[m->order[i]];
	} catch (...) {
		return 0;
	}
}

double
xc_mset_weight(const xc_mset *m, size_t i)
{
	if (!m || i >= m->order.size())
		return 0;
	try {
		return m->mset[m->order[i]].get_weight();
	} catch (...) {
		return 0;
	}
}

static xc_status
xc_mset_need_hit(const xc_mset *m, size_t i, xc_error *err)
{
	if (i >= m->order.size())
		return xc_fail(err, XC_ERR_INVALID,
			       "hit %zu out of range (%zu hits)", i,
			       m->order.size());
	return XC_OK;
}

xc_status
xc_mset_data(xc_mset *m, size_t i, const char **data, size_t *len,
	     xc_error *err)
{
	if (data)
		*data = NULL;
	if (len)
		*len = 0;
	XC_NEED(m && data, err);
	if (xc_mset_need_hit(m, i, err))
		return XC_ERR_INVALID;
	try {
		if (!m->data_loaded[i]) {
			Xapian::MSetIterator it =
				m->mset[m->order[i]];

			m->data[i] = it.get_document().get_data();
			m->data_loaded[i] = true;
		}
		*data = m->data[i].c_str();
		if (len)
			*len = m->data[i].size();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_mset_value(xc_mset *m, size_t i, unsigned slot, const char **value,
	      size_t *len, xc_error *err)
{
	if (value)
		*value = NULL;
	if (len)
		*len = 0;
	XC_NEED(m && value, err);
	if (xc_mset_need_hit(m, i, err))
		return XC_ERR_INVALID;
	try {
		std::pair<size_t, Xapian::valueno> key(i, slot);
		auto found = m->values.find(key);

		if (found == m->values.end()) {
			Xapian::MSetIterator it =
				m->mset[m->order[i]];

			found = m->values.insert(std::make_pair(key,
				it.get_document().get_value(slot))).first;
		}
		*value = found->second.c_str();
		if (len)
			*len = found->second.size();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_mset_matching_terms(xc_mset *m, size_t i,
		       void (*cb)(void *ctx, const char *term, size_t len),
		       void *ctx, xc_error *err)
{
	XC_NEED(m && cb, err);
	if (xc_mset_need_hit(m, i, err))
		return XC_ERR_INVALID;
	try {
		Xapian::MSetIterator hit =
			m->mset[m->order[i]];
		Xapian::TermIterator end = m->enquire.get_matching_terms_end(hit);

		for (Xapian::TermIterator it =
			     m->enquire.get_matching_terms_begin(hit);
		     it != end; ++it) {
			const std::string &t = *it;

			cb(ctx, t.data(), t.size());
		}
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

void
xc_mset_destroy(xc_mset *m)
{
	delete m;
}

void
xc_facet_spy::operator()(const Xapian::Document &doc, double)
{
	if (offered_++ == limit_)
		throw enough();
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
	if (seen_.insert(key_).second)
		add_lines(value_, 0);
}

void
xc_facet_spy::add(const std::string &value)
{
	size_t start = value.find('\n');

	if (start == std::string::npos)
		start = value.size();
	key_.assign(value, 0, start);
	if (seen_.insert(key_).second)
		add_lines(value, start + 1);
}

void
xc_facet_spy::add_lines(const std::string &value, size_t start)
{
	while (start < value.size()) {
		size_t nl = value.find('\n', start);

		if (nl == std::string::npos)
			nl = value.size();
		if (nl > start) {
			line_.assign(value, start, nl - start);
			counts[line_]++;
		}
		start = nl + 1;
	}
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

		for (const auto &kv : m->facets->counts)
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

size_t
xc_sortable_serialise(double v, char out[XC_SORTABLE_SIZE])
{
	std::string s = Xapian::sortable_serialise(v);
	size_t n = s.size() < XC_SORTABLE_SIZE - 1 ? s.size() :
		   XC_SORTABLE_SIZE - 1;

	memcpy(out, s.data(), n);
	out[n] = '\0';
	return n;
}
