/* schema.h - the index layout, declared once: term prefixes, value slots
 * and metadata keys (documented for users in doc/index-schema.md).
 *
 * Prefixes follow Omega's conventions (termprefixes.html): D for the date,
 * X... for our own (a passage has no unique-id term: nothing looks one up,
 * and at 56,000 passages it took 2% of the index).  Text terms carry
 * no prefix: words, and for Han text every character and every pair of
 * neighbouring characters, as Omega's CJK n-grams (a Han word of one or
 * two characters is one of those).  Each Xapian document is one passage.
 */
#ifndef KB_SCHEMA_H
#define KB_SCHEMA_H

/* Bump when the terms or the data written for a passage change: an index
 * of another version is refused with a message, and files indexed by an
 * older analysis are re-read rather than skipped as unchanged. */
#define KB_SCHEMA_VERSION "7"

#define KB_PREFIX_DATE "D"       /* D<YYYYMMDD> */
#define KB_PREFIX_ARTICLE "XA"   /* XA<article id>: every passage of it */
#define KB_PREFIX_FILE "XF"      /* XF<hash of the source's real path> */
#define KB_PREFIX_CATEGORY "XC"  /* XC<category> */
#define KB_PREFIX_TYPE "XT"      /* XT<fact type>: the passage states one */
#define KB_PREFIX_REGION "XR"    /* XR<full name>: the article names a place
				    in it (a county counts for its city and
				    province too) */
#define KB_PREFIX_PROVINCE "XP"  /* XP<province full name> */
#define KB_PREFIX_CITY "XY"      /* XY<city full name> */
#define KB_PREFIX_INSTITUTION "XI" /* XI<institution name> */
#define KB_PREFIX_INSURANCE "XN" /* XN<canonical scheme name> */
#define KB_PREFIX_FLAG "XQ"      /* XQ<quality flag>: prompt_leak, duplicate_of */
#define KB_PREFIX_BAND "XD"      /* XD<band key>: near-duplicate candidates */
/* The flags of passages that are not real answers, which a search leaves
 * out or puts last: a prompt leak, a copy of another article.  kbindex
 * stores their passages as a bitmap at every commit
 * (xc_db_update_term_set), which a search reads instead of the terms'
 * posting lists. */
#define KB_FLAG_TERMS { KB_PREFIX_FLAG "prompt_leak", \
			KB_PREFIX_FLAG "duplicate_of" }

enum kb_value_slot {
	KB_SLOT_ARTICLE = 0, /* article id, or for a copy its original's: one
				hit per article collapses on it */
	KB_SLOT_DATE = 1,    /* YYYYMMDD, sortable */
	KB_SLOT_PASSAGE = 2, /* passage number in its article, 4 digits */
	KB_SLOT_QUALITY = 3, /* "1" for a real answer, "0" when flagged: sorted
				on first, so flagged articles rank below */
	KB_SLOT_FACETS = 4,  /* when the article has facet values: the
				article slot's value, then the values, one
				a line: P<province> C<city> I<insurance>
				K<category> */
	KB_SLOT_PERCENT_MIN = 5, /* sortable_serialise: smallest percent */
	KB_SLOT_PERCENT_MAX = 6, /* largest percent stated */
	KB_SLOT_MONEY_MIN = 7,   /* smallest amount, yuan */
	KB_SLOT_MONEY_MAX = 8,   /* largest amount, yuan */
	KB_SLOT_SIGNATURE = 9,   /* MinHash of the body (first passage only) */
	KB_SLOT_OWN_ARTICLE = 10, /* the article's own id, even for a copy */
	KB_SLOT_ORDER = 11       /* sharded indexes only: the docid the passage
				    would have in one index built by the same
				    runs, 10 digits; breaks ties between equal
				    weights as docids do in one index */
};

#define KB_META_SCHEMA "kbsearch.schema"
/* Sharded indexes (index-shards.c): each shard's "NUMBER/COUNT", and the
 * next KB_SLOT_ORDER to give. */
#define KB_META_SHARD "kbsearch.shard"
#define KB_META_ORDER "kbsearch.order"
#define KB_META_SHARDS "kbsearch.shards" /* in a sharded index's vocab
					    database: COUNT */
#define KB_META_FILE "kbsearch.file:" /* + real path -> content digest */
/* Keys under "xc:fc" are the facet column of KB_SLOT_FACETS, which the
 * wrapper writes and reads (xc_db_update_facet_column, xc-facets.cc). */
/* Longer keys would pass Xapian's limit (245 bytes): a longer path is
 * stored as "#" and the file's hash (KB_PREFIX_FILE's). */
#define KB_META_KEY_MAX 240
/* Keys of the synonym table that are not words: an uppercase letter and a
 * colon (normalized words are lower-cased, so they never collide), each
 * naming the index's own words (2-6 Han characters) that sound so. */
#define KB_SYN_PINYIN "PY:"   /* PY<full toneless pinyin>: PY:yibao -> 医保 */
#define KB_SYN_INITIALS "PI:" /* PI<initials>: PI:yb -> 医保 */

#define KB_META_SYNONYMS "kbsearch.synonyms" /* digest of the synonym lists
						 in the synonym table */
#define KB_META_USER_SYNONYMS "kbsearch.synonyms.user" /* the text of the
						 user's list (kbindex
						 --synonyms); absent when
						 none */

/* Within-document frequency given to title words, so a passage whose
 * article title matches ranks above one that only mentions the words. */
#define KB_TITLE_WDF 3

/* Passages are ranked by BM25 (k1 KB_BM25_K1, b KB_BM25_B) with the length
 * normalization done when a passage is indexed: each within-document
 * frequency w is stored as round(KB_IMPACT_SCALE * w / (1 - b + b * L /
 * KB_IMPACT_AVG_LENGTH)), L the passage's length (xc_doc_set_impacts).  A
 * search then weighs with BM25 of k1 KB_BM25_K1 * KB_IMPACT_SCALE and b 0,
 * which is BM25 (k1, b) itself, synonym groups included, times
 * KB_IMPACT_RATIO, and reads no passage lengths: reading them was two
 * thirds of the time of a search in a million passages.  The average
 * length is a constant, so that a passage weighs the same in any index and
 * any shard (the bundled corpus averages about 320). */
#define KB_BM25_K1 1.0
#define KB_BM25_B 0.5
#define KB_IMPACT_SCALE 64
#define KB_IMPACT_AVG_LENGTH 320
#define KB_IMPACT_RATIO \
	((KB_BM25_K1 * KB_IMPACT_SCALE + 1.0) / (KB_BM25_K1 + 1.0))

/* Title and body share the position space; a gap keeps a phrase from
 * matching across the boundary. */
#define KB_BODY_POSITION_GAP 100

#endif
