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
 * 5.1 ms.  The index's facet column (xc_db_update_facet_column) holds
 * what counting needs by docid, 256 docids to a metadata entry read once
 * for all the matches among them: a fifth less for a one-shot process
 * (the CGI).  Reading it whole costs about a fortieth of a scattered read
 * a docid, so a database handle that has counted as many matches as a
 * fortieth of its docids reads it (or the slot, without a column) into
 * a table by docid, 12 bytes a docid, and counts from that until it is
 * reopened: 55 ms at a million passages (105 ms from the values), once
 * the rent paid is about the price of buying.  A one-shot
 * process never gets there; a long-lived one (FastCGI, a program using
 * the library) soon does.  Shards (Xapian 1.4 gives a match spy the docid
 * within the shard) and remote databases count from values.
 */
#include <config.h>

#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "xc-private.hh"

/* A database with more docids than this is not tabled: 12 bytes a docid
 * would be 200 MB. */
#define XC_FACET_TABLE_MAX_DOCS (16u << 20)
/* The table is built once the matches counted from values or from the
 * column reach the docids divided by this. */
#define XC_FACET_TABLE_RENT 40

/* The facet column, in the index's metadata: XC_FC_META is "1 SLOT HI",
 * the column covering docids 1 to HI; XC_FC_LINES the facet lines, one a
 * line, a line's number its id; XC_FC_CHUNK and 8 hex digits, chunk c,
 * docids 256c+1 to 256c+256: 257 offsets (2 bytes, little-endian) into
 * what follows, entry i from offset i to offset i+1.  An entry is empty
 * (no facets), one byte 0xff (read the value: too many lines), or the
 * key's hash (8 bytes) and the ids of the lines (2 bytes each).  A chunk
 * with no entry is left out. */
#define XC_FC_META "xc:fc"
#define XC_FC_LINES "xc:fc:lines"
#define XC_FC_CHUNK "xc:fc:c"
#define XC_FC_SPAN 256u
#define XC_FC_HEADER (2 * (XC_FC_SPAN + 1))
#define XC_FC_USE_VALUE '\xff'
#define XC_FC_MAX_LINES 65535u
#define XC_FC_MAX_DOC_LINES 64u

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
	/* A docid's key hash (in two halves: 12 bytes a docid, one cache
	 * line) and 1 + the offset in sets of its lines (count, then line
	 * ids), 0 for none. */
	struct doc {
		uint32_t set, key_lo, key_hi;
		uint64_t key() const
		{
			return static_cast<uint64_t>(key_hi) << 32 | key_lo;
		}
	};
	Xapian::valueno slot;  /* the slot it holds */
	std::vector<doc> docs; /* by docid */
	std::vector<uint32_t> sets;
	std::vector<std::string> lines;
};

/* The keys seen in one count, at most a few thousand: open addressing,
 * no allocation a key (std::unordered_set took a tenth of a count). */
class xc_key_set {
public:
	/* true when @key was not in the set */
	bool insert(uint64_t key)
	{
		if (2 * (n_ + 1) > slot_.size())
			grow();
		key += !key; /* 0 marks a free slot */
		for (size_t i = key & (slot_.size() - 1);;
		     i = (i + 1) & (slot_.size() - 1)) {
			if (slot_[i] == key)
				return false;
			if (!slot_[i]) {
				slot_[i] = key;
				n_++;
				return true;
			}
		}
	}
private:
	void grow()
	{
		std::vector<uint64_t> old(slot_.empty() ? 1024 :
					  2 * slot_.size());

		old.swap(slot_);
		n_ = 0;
		for (uint64_t k : old)
			if (k)
				insert(k);
	}
	std::vector<uint64_t> slot_;
	size_t n_ = 0;
};

struct xc_id_list_hash {
	size_t operator()(const std::vector<uint32_t> &v) const
	{
		return xc_key_hash(reinterpret_cast<const char *>(v.data()),
				   v.size() * sizeof v[0]);
	}
};

/* The facet lines met so far, each with its id, its place in lines. */
struct xc_line_ids {
	std::vector<std::string> lines;
	std::unordered_map<std::string, uint32_t> id;

	void assign(const std::vector<std::string> &known)
	{
		lines = known;
		id.clear();
		for (size_t i = 0; i < lines.size(); i++)
			id.emplace(lines[i], static_cast<uint32_t>(i));
	}
	/* The hash of facet value @v's key into *key and the ids of its
	 * lines into @ids; false when a new line would make more than
	 * @max lines. */
	bool parse(const std::string &v, uint64_t *key,
		   std::vector<uint32_t> &ids, size_t max)
	{
		size_t start = xc_key_len(v);

		*key = xc_key_hash(v.data(), start);
		ids.clear();
		while (++start < v.size()) {
			size_t nl = std::min(v.find('\n', start), v.size());

			if (nl > start) {
				line_.assign(v, start, nl - start);
				auto f = id.find(line_);
				if (f == id.end()) {
					if (lines.size() >= max)
						return false;
					f = id.emplace(line_, static_cast<
						uint32_t>(lines.size())).first;
					lines.push_back(line_);
				}
				ids.push_back(f->second);
			}
			start = nl;
		}
		return true;
	}
private:
	std::string line_;
};

static std::string
xc_fc_chunk_key(Xapian::docid chunk)
{
	char key[32];

	snprintf(key, sizeof key, XC_FC_CHUNK "%08x", chunk);
	return key;
}

/* The column's slot and extent from XC_FC_META; false when there is
 * none or it is not one this code writes. */
static bool
xc_fc_read_meta(const Xapian::Database &db, Xapian::valueno *slot,
		Xapian::docid *hi)
{
	std::string meta = db.get_metadata(XC_FC_META);
	unsigned s, h;
	char end;

	if (sscanf(meta.c_str(), "1 %u %u%c", &s, &h, &end) != 2)
		return false;
	*slot = s;
	*hi = h;
	return true;
}

static void
xc_fc_split_lines(const std::string &text, std::vector<std::string> &lines)
{
	size_t start = 0;

	lines.clear();
	while (start < text.size()) {
		size_t nl = std::min(text.find('\n', start), text.size());

		lines.emplace_back(text, start, nl - start);
		start = nl + 1;
	}
}

static unsigned
xc_fc_u16(const char *p)
{
	return static_cast<unsigned char>(p[0]) |
	       static_cast<unsigned>(static_cast<unsigned char>(p[1])) << 8;
}

/* Entry @i of chunk @tag into @entry; false when the chunk is malformed. */
static bool
xc_fc_entry(const std::string &tag, unsigned i, const char **entry,
	    size_t *len)
{
	if (tag.size() < XC_FC_HEADER)
		return false;
	size_t from = xc_fc_u16(tag.data() + 2 * i);
	size_t to = xc_fc_u16(tag.data() + 2 * i + 2);

	if (from > to || XC_FC_HEADER + to > tag.size())
		return false;
	*entry = tag.data() + XC_FC_HEADER + from;
	*len = to - from;
	return true;
}

/* Entry @i of chunk @tag ("" for a chunk left out): 1 with its key's
 * hash and its line ids (2 bytes each), 0 when it has no facets, -1 when
 * its value is to be read instead (or the chunk is malformed). */
static int
xc_fc_decode(const std::string &tag, unsigned i, uint64_t *key,
	     const char **ids, size_t *nids)
{
	const char *e;
	size_t len;

	if (tag.empty())
		return 0;
	if (!xc_fc_entry(tag, i, &e, &len) || len == 1 ||
	    (len && (len < 8 || len % 2)))
		return -1;
	if (!len)
		return 0;
	*key = 0;
	for (int b = 7; b >= 0; b--)
		*key = *key << 8 | static_cast<unsigned char>(e[b]);
	*ids = e + 8;
	*nids = (len - 8) / 2;
	return 1;
}

/* Docid @did of table @t has key @key and the lines @ids. */
static void
xc_facet_table_set(xc_facet_table *t, Xapian::docid did, uint64_t key,
		   const std::vector<uint32_t> &ids,
		   std::unordered_map<std::vector<uint32_t>, uint32_t,
				      xc_id_list_hash> &set_at)
{
	t->docs[did].key_lo = static_cast<uint32_t>(key);
	t->docs[did].key_hi = static_cast<uint32_t>(key >> 32);
	if (ids.empty())
		return;
	auto f = set_at.find(ids);
	if (f == set_at.end()) {
		f = set_at.emplace(ids, static_cast<uint32_t>(t->sets.size()))
			    .first;
		t->sets.push_back(static_cast<uint32_t>(ids.size()));
		t->sets.insert(t->sets.end(), ids.begin(), ids.end());
	}
	t->docs[did].set = f->second + 1;
}

/* Read @slot of every document into a table: from the facet column as
 * far as it goes (half the time), then from the values.  Throws as
 * Xapian does (Xapian::UnimplementedError where the database cannot
 * stream values). */
static std::shared_ptr<const xc_facet_table>
xc_facet_table_build(const Xapian::Database &db, Xapian::valueno slot,
		     bool use_column)
{
	std::shared_ptr<xc_facet_table> t(new xc_facet_table);
	std::unordered_map<std::vector<uint32_t>, uint32_t, xc_id_list_hash>
		set_at;
	xc_line_ids lines;
	std::vector<uint32_t> ids;
	uint64_t key;
	Xapian::docid last = db.get_lastdocid(), hi = 0;
	Xapian::valueno have;

	t->slot = slot;
	t->docs.assign(last + 1, xc_facet_table::doc());
	if (use_column && xc_fc_read_meta(db, &have, &hi) && have == slot) {
		std::vector<std::string> known;

		xc_fc_split_lines(db.get_metadata(XC_FC_LINES), known);
		lines.assign(known);
		hi = std::min(hi, last);
	} else {
		hi = 0;
	}
	for (Xapian::docid chunk = 0; chunk * XC_FC_SPAN < hi; chunk++) {
		std::string tag = db.get_metadata(xc_fc_chunk_key(chunk));

		for (unsigned i = 0; i < XC_FC_SPAN && !tag.empty(); i++) {
			Xapian::docid did = chunk * XC_FC_SPAN + i + 1;
			const char *e;
			size_t n;
			int found = xc_fc_decode(tag, i, &key, &e, &n);

			if (did > hi)
				break;
			ids.clear();
			for (size_t k = 0; found > 0 && k < n; k++)
				ids.push_back(xc_fc_u16(e + 2 * k));
			/* what the column cannot say: all from the values */
			if (found < 0 ||
			    std::any_of(ids.begin(), ids.end(),
					[&](uint32_t id) {
						return id >= lines.lines.size();
					}))
				return xc_facet_table_build(db, slot, false);
			if (found)
				xc_facet_table_set(t.get(), did, key, ids,
						   set_at);
		}
	}
	Xapian::ValueIterator it = db.valuestream_begin(slot);
	if (hi && it != db.valuestream_end(slot))
		it.skip_to(hi + 1);
	for (; it != db.valuestream_end(slot); ++it) {
		Xapian::docid did = it.get_docid();

		if (did > last)
			break;
		lines.parse(*it, &key, ids, UINT32_MAX);
		xc_facet_table_set(t.get(), did, key, ids, set_at);
	}
	t->lines = std::move(lines.lines);
	return t;
}

namespace {

/* The facet column of a database being counted, read a chunk at a time
 * as the matches come in docid order. */
class xc_facet_column {
public:
	/* false when @db has no column of @slot */
	bool open(const Xapian::Database &db, Xapian::valueno slot)
	{
		Xapian::valueno have;

		if (!xc_fc_read_meta(db, &have, &hi_) || have != slot)
			return false;
		db_ = db;
		xc_fc_split_lines(db.get_metadata(XC_FC_LINES), lines);
		return true;
	}
	/* The entry of @did: 1 with its key's hash and line ids, 0 for no
	 * facets, -1 when the value is to be read instead. */
	int find(Xapian::docid did, uint64_t *key, const char **ids,
		 size_t *nids)
	{
		if (did == 0 || did > hi_)
			return -1;
		Xapian::docid chunk = (did - 1) / XC_FC_SPAN;
		if (chunk != chunk_) {
			tag_ = db_.get_metadata(xc_fc_chunk_key(chunk));
			chunk_ = chunk;
		}
		return xc_fc_decode(tag_, (did - 1) % XC_FC_SPAN, key, ids,
				    nids);
	}
	std::vector<std::string> lines;
private:
	Xapian::Database db_;
	Xapian::docid hi_ = 0, chunk_ = Xapian::docid(-1);
	std::string tag_;
};

/* Counts the facet lines of each match once per key: from the table
 * where it covers the docid, else from the value itself. */
class xc_facet_spy : public Xapian::MatchSpy {
public:
	/* thrown at the first match past @limit: the count is done */
	struct enough {};
	xc_facet_spy(Xapian::valueno slot, Xapian::valueno key_slot,
		     Xapian::doccount limit,
		     std::shared_ptr<const xc_facet_table> table,
		     xc_facet_column *column,
		     std::unordered_map<std::string, unsigned> &counts)
		: slot_(slot), key_slot_(key_slot), limit_(limit),
		  table_(std::move(table)), column_(column), counts_(counts)
	{
		if (table_)
			column_ = nullptr;
		lines_ = table_ ? &table_->lines :
			 column_ ? &column_->lines : nullptr;
		if (lines_)
			line_counts_.assign(lines_->size(), 0);
	}
	void operator()(const Xapian::Document &doc, double) override;
	/* count @value, keyed by its first line, unless the key was seen */
	void add(const std::string &value);
	/* add the table's counts to the counts */
	void finish();
	/* the matches counted from values or from the column */
	Xapian::doccount reads() const { return reads_; }
private:
	void add_lines(const std::string &value, size_t start);
	Xapian::valueno slot_, key_slot_;
	Xapian::doccount limit_, offered_ = 0, reads_ = 0;
	std::shared_ptr<const xc_facet_table> table_;
	xc_facet_column *column_;
	const std::vector<std::string> *lines_;
	std::unordered_map<std::string, unsigned> &counts_;
	std::vector<unsigned> line_counts_;
	xc_key_set seen_;
	std::string key_, value_, line_; /* reused: no allocation a match */
};

void
xc_facet_spy::operator()(const Xapian::Document &doc, double)
{
	if (offered_++ == limit_)
		throw enough();
	if (table_) {
		Xapian::docid did = doc.get_docid();

		if (did < table_->docs.size()) {
			const xc_facet_table::doc &d = table_->docs[did];

			if (d.set && seen_.insert(d.key())) {
				const uint32_t *p = &table_->sets[d.set - 1];

				for (uint32_t i = 1; i <= p[0]; i++)
					line_counts_[p[i]]++;
			}
			return;
		}
	}
	reads_++;
	if (column_) {
		uint64_t key;
		const char *ids;
		size_t n;
		int found = column_->find(doc.get_docid(), &key, &ids, &n);

		if (found >= 0) {
			if (found && seen_.insert(key))
				for (size_t i = 0; i < n; i++) {
					unsigned id = xc_fc_u16(ids + 2 * i);

					if (id < line_counts_.size())
						line_counts_[id]++;
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
	if (seen_.insert(xc_key_hash(key_.data(), key_.size())))
		add_lines(value_, 0);
}

void
xc_facet_spy::add(const std::string &value)
{
	size_t start = xc_key_len(value);

	if (seen_.insert(xc_key_hash(value.data(), start)))
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
			counts_[(*lines_)[i]] += line_counts_[i];
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

	Xapian::docid last = db->db.get_lastdocid();
	/* Counted by docid (from a table or the column): not a writable
	 * database, whose reads see changes not yet committed; not shards,
	 * whose match spy is given each shard's own docids, which do not
	 * say the shard. */
	bool by_docid = !db->writable && !db->facets_remote &&
			db->db.size() == 1 && key_slot == Xapian::BAD_VALUENO;

	if (by_docid && !db->facet_table && db->facet_reads > 0 &&
	    db->facet_reads >= last / XC_FACET_TABLE_RENT &&
	    last <= XC_FACET_TABLE_MAX_DOCS)
		db->facet_table = xc_facet_table_build(db->db, slot, true);
	m->facets.reset(new std::unordered_map<std::string, unsigned>);
	std::shared_ptr<const xc_facet_table> table;
	xc_facet_column column;
	bool use_column = false;
	if (db->facet_table && db->facet_table->slot == slot)
		table = db->facet_table;
	else if (by_docid)
		use_column = column.open(db->db, slot);
	xc_facet_spy spy(slot, key_slot, scan, table,
			 use_column ? &column : nullptr, *m->facets);
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
		xc_facet_spy counter(slot, key_slot, scan, nullptr, nullptr,
				     *m->facets);
		m->facets_partial = xc_count_facets_remote(e, slot, scan,
							   counter);
		return;
	}
	spy.finish();
	db->facet_reads += spy.reads();
}

/* The column entry of facet value @v: see XC_FC_META. */
static void
xc_fc_encode_entry(const std::string &v, xc_line_ids &lines,
		   std::vector<uint32_t> &ids, std::string &entry)
{
	uint64_t key;

	entry.clear();
	if (!lines.parse(v, &key, ids, XC_FC_MAX_LINES) ||
	    ids.size() > XC_FC_MAX_DOC_LINES) {
		entry.assign(1, XC_FC_USE_VALUE);
		return;
	}
	if (ids.empty())
		return;
	for (int b = 0; b < 8; b++)
		entry += static_cast<char>(key >> (8 * b) & 0xff);
	for (uint32_t id : ids) {
		entry += static_cast<char>(id & 0xff);
		entry += static_cast<char>(id >> 8);
	}
}

/* Chunk @chunk of @entries, or delete it when they are all empty. */
static void
xc_fc_write_chunk(Xapian::WritableDatabase &w, Xapian::docid chunk,
		  std::vector<std::string> &entries)
{
	std::string tag(XC_FC_HEADER, '\0');
	size_t at = 0;

	for (unsigned i = 0; i < XC_FC_SPAN; i++) {
		tag[2 * i] = static_cast<char>(at & 0xff);
		tag[2 * i + 1] = static_cast<char>(at >> 8);
		tag += entries[i];
		at += entries[i].size();
		entries[i].clear();
	}
	tag[2 * XC_FC_SPAN] = static_cast<char>(at & 0xff);
	tag[2 * XC_FC_SPAN + 1] = static_cast<char>(at >> 8);
	w.set_metadata(xc_fc_chunk_key(chunk),
		       at ? tag : std::string());
}

xc_status
xc_db_update_facet_column(xc_db *db, unsigned slot, int rebuild,
			  int *wrote, xc_error *err)
{
	if (wrote)
		*wrote = 0;
	XC_NEED(db && db->writable, err);
	try {
		Xapian::WritableDatabase &w = db->wdb;
		Xapian::valueno have;
		Xapian::docid hi = 0, last = w.get_lastdocid();
		std::vector<std::string> entries(XC_FC_SPAN);
		std::vector<uint32_t> ids;
		xc_line_ids lines;
		std::string entry;

		if (rebuild || !xc_fc_read_meta(w, &have, &hi) ||
		    have != slot) {
			std::vector<std::string> old;

			for (Xapian::TermIterator k =
				     w.metadata_keys_begin(XC_FC_META);
			     k != w.metadata_keys_end(XC_FC_META); ++k)
				old.push_back(*k);
			for (const std::string &k : old)
				w.set_metadata(k, std::string());
			hi = 0;
		} else {
			std::vector<std::string> known;

			xc_fc_split_lines(w.get_metadata(XC_FC_LINES), known);
			lines.assign(known);
		}
		if (last <= hi && hi)
			return XC_OK;
		if (wrote)
			*wrote = 1;
		/* the chunk holding docid hi + 1, and what it has below */
		Xapian::docid chunk = hi / XC_FC_SPAN;
		if (hi % XC_FC_SPAN) {
			std::string tag = w.get_metadata(xc_fc_chunk_key(chunk));
			const char *e;
			size_t len;

			for (unsigned i = 0; i < hi % XC_FC_SPAN; i++)
				if (xc_fc_entry(tag, i, &e, &len))
					entries[i].assign(e, len);
		}
		Xapian::ValueIterator it = w.valuestream_begin(slot);
		if (it != w.valuestream_end(slot))
			it.skip_to(hi + 1);
		for (; it != w.valuestream_end(slot); ++it) {
			Xapian::docid did = it.get_docid();

			if (did > last)
				break;
			if ((did - 1) / XC_FC_SPAN != chunk) {
				xc_fc_write_chunk(w, chunk, entries);
				chunk = (did - 1) / XC_FC_SPAN;
			}
			xc_fc_encode_entry(*it, lines, ids, entry);
			entries[(did - 1) % XC_FC_SPAN] = entry;
		}
		xc_fc_write_chunk(w, chunk, entries);
		std::string text;
		for (const std::string &l : lines.lines)
			text += l + '\n';
		w.set_metadata(XC_FC_LINES, text);
		w.set_metadata(XC_FC_META, "1 " + std::to_string(slot) + " " +
			       std::to_string(last));
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

size_t
xc_db_facet_table_docs(const xc_db *db)
{
	return db && db->facet_table ? db->facet_table->docs.size() - 1 : 0;
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

void
xc_mset_move_facets(xc_mset *to, xc_mset *from)
{
	if (!to || !from)
		return;
	to->facets = std::move(from->facets);
	to->facets_partial = from->facets_partial;
	from->facets_partial = false;
}
