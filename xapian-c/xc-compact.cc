/* xc-compact.cc - writing databases anew, merged and compacted. */
#include <config.h>

#include "xc-private.hh"

xc_status
xc_compact(const char *const *sources, size_t n, const char *dest,
	   int *renumbered, xc_error *err)
{
	if (renumbered)
		*renumbered = 0;
	XC_NEED(sources && n && dest, err);
	try {
		Xapian::Database all;

		for (size_t i = 0; i < n; i++) {
			XC_NEED(sources[i], err);
			all.add_database(Xapian::Database(sources[i]));
		}
		if (renumbered)
			*renumbered = n > 1 ||
				(all.get_doccount() &&
				 *all.postlist_begin("") != 1);
		/* docids are renumbered from 1: kbsearch keeps none outside
		 * the index, and merged sources could not keep theirs */
		all.compact(dest, n > 2 ? Xapian::DBCOMPACT_MULTIPASS : 0);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}
