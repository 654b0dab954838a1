/* dbpath.c - see dbpath.h. */
#include <config.h>

#include "dbpath.h"

#include <stdlib.h>

int
dbpath_default(kb_buf *out)
{
	const char *v;

	v = getenv("KBSEARCH_DB");
	if (v && *v) {
		buf_addstr(out, v);
		return 0;
	}
	v = getenv("XDG_DATA_HOME");
	if (v && *v == '/') {
		buf_addstr(out, v);
		buf_addstr(out, "/kbsearch/index");
		return 0;
	}
	v = getenv("HOME");
	if (v && *v) {
		buf_addstr(out, v);
		buf_addstr(out, "/.local/share/kbsearch/index");
		return 0;
	}
	return -1;
}
