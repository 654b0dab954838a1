/* xc-document.cc - building a document: terms, postings, values, data. */
#include <config.h>

#include <string>
#include <utility>
#include <vector>

#include "xc-private.hh"

xc_status
xc_doc_create(xc_doc **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(out, err);
	try {
		*out = new xc_doc();
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

void
xc_doc_destroy(xc_doc *doc)
{
	delete doc;
}

void
xc_doc_clear(xc_doc *doc)
{
	if (!doc)
		return;
	/* none of these allocates for an in-memory document; the catch is
	 * there because nothing may escape into C */
	try {
		doc->doc.clear_terms();
		doc->doc.clear_values();
		doc->doc.set_data(std::string());
	} catch (...) {
	}
}

xc_status
xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, unsigned pos,
		   unsigned wdfinc, xc_error *err)
{
	XC_NEED(doc && term, err);
	try {
		doc->doc.add_posting(std::string(term, len), pos, wdfinc);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_doc_add_term(xc_doc *doc, const char *term, size_t len, unsigned wdfinc,
		xc_error *err)
{
	XC_NEED(doc && term, err);
	try {
		doc->doc.add_term(std::string(term, len), wdfinc);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_doc_set_value(xc_doc *doc, unsigned slot, const char *value, size_t len,
		 xc_error *err)
{
	XC_NEED(doc && (value || len == 0), err);
	try {
		doc->doc.add_value(slot, value ? std::string(value, len)
					      : std::string());
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_doc_set_impacts(xc_doc *doc, double b, double avg_len, double scale,
		   xc_error *err)
{
	XC_NEED(doc && b >= 0 && b <= 1 && avg_len > 0 && scale >= 1, err);
	try {
		std::vector<std::pair<std::string, Xapian::termcount>> terms;
		double length = 0, norm;

		for (Xapian::TermIterator t = doc->doc.termlist_begin();
		     t != doc->doc.termlist_end(); ++t) {
			Xapian::termcount wdf = t.get_wdf();

			length += wdf;
			if (wdf)
				terms.emplace_back(*t, wdf);
		}
		norm = length / avg_len;
		if (norm < 0.5)
			norm = 0.5;
		norm = 1 - b + b * norm;
		for (const auto &t : terms) {
			double want = scale * static_cast<double>(t.second) / norm;

			/* Xapian can add to a frequency, not take from it: in
			 * a passage longer than @scale times the average the
			 * frequency stays */
			if (want >= t.second + 0.5)
				doc->doc.add_term(t.first,
					static_cast<Xapian::termcount>(
						want + 0.5) - t.second);
		}
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_doc_set_data(xc_doc *doc, const char *data, size_t len, xc_error *err)
{
	XC_NEED(doc && (data || len == 0), err);
	try {
		doc->doc.set_data(data ? std::string(data, len) : std::string());
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}
