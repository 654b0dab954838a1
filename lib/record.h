/* record.h - what a passage's Xapian document data holds, and its format.
 *
 * One "key<TAB>value" line per field; a fact is one line of tab-separated
 * fields.  Backslash, tab, CR and LF inside a field are escaped (\\ \t \r
 * \n), so any text survives.  Unknown keys are ignored when reading, so a
 * newer writer can add fields.  The facts that only repeat the category or
 * the date field (every passage states them) are written as a line
 * "fact<TAB>category" or "fact<TAB>date" and read back whole.
 */
#ifndef KB_RECORD_H
#define KB_RECORD_H

#include "kb-private.h"
#include "../util/arena.h"

typedef struct record {
	const char *article_id;
	const char *title;
	const char *passage;
	const char *category;
	const char *date;
	const char *source;
	unsigned passage_no;
	const kb_fact_t *facts;
	size_t nfacts;
} record_t;

void record_write(kb_buf *out, const record_t *r);

/* Parse @len bytes; strings and the facts array are allocated in @a.  Absent
 * fields are "". */
kb_status_t record_read(const char *data, size_t len, kb_arena *a,
			record_t *r, kb_error_t *err);

#endif
