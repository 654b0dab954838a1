/* modes.h - kbsearch's two long-running modes, which keep one index open
 * and answer query after query: the help desk (--interactive,
 * interactive.c) and the JSON Lines service for other programs (--serve,
 * serve.c, protocol in doc/serve-protocol.md); and the parts of the
 * emitters only they use.
 */
#ifndef KB_MODES_H
#define KB_MODES_H

#include <stdio.h>

#include "kbsearch.h"
#include "buf.h"
#include "emit.h"

/* What the command line gave a mode. */
typedef struct mode_opts {
	/* the defaults of every search: limit, all_passages, facets, and
	 * the --filter values, which apply to every search */
	kb_search_opts_t search;
	const char *query; /* the words of the command line, or "" */
	int color;         /* --interactive: mark titles and matches */
} mode_opts_t;

/* The help desk: read commands and queries from standard input (with
 * line editing and history when it is a terminal), answer on standard
 * output.  @o->query, when not blank, is searched first.  Returns the
 * exit status: 0 at the end of input or on ':quit', 2 when the output
 * cannot be written. */
int interactive_run(kb_db_t *db, const mode_opts_t *o);

/* The service: one JSON request a line on standard input, one JSON
 * response a line on standard output, flushed.  Returns the exit status:
 * 0 at the end of input, 2 when the output cannot be written. */
int serve_run(kb_db_t *db, const mode_opts_t *o);

/* Read one line of @in into @line (emptied first), without its LF.
 * Returns 1, 0 at the end of input, or -1 when the line did not fit in
 * @line (its cap, or out of memory; buf_failed() says which): the rest of
 * that line is read and dropped. */
int mode_read_line(FILE *in, kb_buf *line);

/* ------------------------------------------------------------------ */
/* Emitters of the modes (emit-text.c, emit-json.c)                    */

/* The help desk's layout of the text format: each hit as its rank and
 * title, then the direct answer, a note when the article is not a real
 * answer and the facts on one line, then the passage on one line; no
 * line wider than @columns display columns (Han characters count two),
 * cut with an ellipsis, never inside a character.  NULL when out of
 * memory. */
emitter_t *emit_text_create_brief(FILE *out, int color, unsigned columns);

/* Every fact of @hit, one a line ("   percent: 报销比例 50-55%"), with the
 * text it was read from when that differs.  0, or -1 when out of
 * memory. */
int emit_text_all_facts(FILE *out, const kb_hit_t *hit);

/* As emit_json_create, with an "id" member first whose value is the @len
 * bytes at @id, a JSON value written as it is (a request's id, echoed);
 * with @id NULL, no "id".  NULL when out of memory. */
emitter_t *emit_json_create_id(FILE *out, const char *id, size_t len);

#endif
