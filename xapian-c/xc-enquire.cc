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
