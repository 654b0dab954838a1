/* schema.h - the index layout, declared once: term prefixes, value slots
 * and metadata keys (documented for users in doc/index-schema.md).
 *
 * Prefixes follow Omega's conventions (termprefixes.html): Q for the unique
 * id, S for the title, D for the date, X... for our own.  Word terms carry
 * no prefix.  Each Xapian document is one passage.
 */
#ifndef KB_SCHEMA_H
#define KB_SCHEMA_H

/* Bump when the terms or the data written for a passage change: an index
 * of another version is refused with a message, and files indexed by an
 * older analysis are re-read rather than skipped as unchanged. */
#define KB_SCHEMA_VERSION "1"

#define KB_PREFIX_PASSAGE "Q"    /* Q<article id>#<n>: unique passage id */
#define KB_PREFIX_TITLE "S"      /* S<word>: a word of the title */
#define KB_PREFIX_DATE "D"       /* D<YYYYMMDD> */
#define KB_PREFIX_BIGRAM "XB"    /* XB<two Han characters> */
#define KB_PREFIX_ARTICLE "XA"   /* XA<article id>: every passage of it */
#define KB_PREFIX_FILE "XF"      /* XF<hash of the source's real path> */
#define KB_PREFIX_CATEGORY "XC"  /* XC<category> */

enum kb_value_slot {
	KB_SLOT_ARTICLE = 0, /* article id: one hit per article collapses on it */
	KB_SLOT_DATE = 1,    /* YYYYMMDD, sortable */
	KB_SLOT_PASSAGE = 2  /* passage number in its article, 4 digits */
};

#define KB_META_SCHEMA "kbsearch.schema"
#define KB_META_FILE "kbsearch.file:" /* + real path -> content digest */

/* Within-document frequency given to title words, so a passage whose
 * article title matches ranks above one that only mentions the words. */
#define KB_TITLE_WDF 3

/* Title and body share the position space; a gap keeps a phrase from
 * matching across the boundary. */
#define KB_BODY_POSITION_GAP 100

#endif
