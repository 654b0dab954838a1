/* xc-error.cc - the one place Xapian exceptions become xc_status codes. */
#include <config.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

#include "xc-private.hh"

/* Copy @len bytes of @s into err->msg, cutting an overlong message before
 * the UTF-8 sequence that does not fit (paths and terms are often
 * Chinese), so the message stays valid UTF-8. */
static xc_status
xc_error_copy(xc_error *err, xc_status code, const char *s, size_t len)
{
	if (!err)
		return code;
	err->code = code;
	if (len >= sizeof err->msg) {
		len = sizeof err->msg - 1;
		while (len > 0 && (static_cast<unsigned char>(s[len]) & 0xc0) == 0x80)
			len--;
	}
	memcpy(err->msg, s, len);
	err->msg[len] = '\0';
	return code;
}

xc_status
xc_fail(xc_error *err, xc_status code, const char *fmt, ...)
{
	/* twice the room, so the cut in xc_error_copy sees the byte after
	 * the last one that fits */
	char tmp[2 * XC_ERROR_SIZE];
	va_list ap;
	int n;

	if (!err)
		return code;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (static_cast<size_t>(n) >= sizeof tmp)
		n = sizeof tmp - 1;
	return xc_error_copy(err, code, tmp, static_cast<size_t>(n));
}

static xc_status
xc_fail_xapian(xc_error *err, xc_status code, const Xapian::Error &e)
{
	if (!err)
		return code;
	try {
		/* "DatabaseNotFoundError: Couldn't stat '/x' (No such file or
		 * directory)": the type, the message, the context and errno */
		std::string d = e.get_description();
		return xc_error_copy(err, code, d.data(), d.size());
	} catch (...) {
		/* get_description() allocates; this needs no memory */
		return xc_fail(err, code, "%s: %s", e.get_type(),
			       e.get_msg().c_str());
	}
}

xc_status
xc_error_from_exception(xc_error *err)
{
	/* Most-derived first: DatabaseNotFoundError and DatabaseVersionError
	 * are DatabaseOpeningErrors, and every Xapian type is an Error. */
	try {
		throw;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		return xc_fail_xapian(err, XC_ERR_NOT_FOUND, e);
	} catch (const Xapian::DatabaseVersionError &e) {
		return xc_fail_xapian(err, XC_ERR_VERSION, e);
	} catch (const Xapian::DatabaseOpeningError &e) {
		return xc_fail_xapian(err, XC_ERR_OPENING, e);
	} catch (const Xapian::DatabaseLockError &e) {
		return xc_fail_xapian(err, XC_ERR_LOCKED, e);
	} catch (const Xapian::DatabaseModifiedError &e) {
		return xc_fail_xapian(err, XC_ERR_MODIFIED, e);
	} catch (const Xapian::DatabaseCorruptError &e) {
		return xc_fail_xapian(err, XC_ERR_CORRUPT, e);
	} catch (const Xapian::QueryParserError &e) {
		return xc_fail_xapian(err, XC_ERR_QUERY, e);
	} catch (const Xapian::InvalidArgumentError &e) {
		return xc_fail_xapian(err, XC_ERR_INVALID, e);
	} catch (const Xapian::InvalidOperationError &e) {
		return xc_fail_xapian(err, XC_ERR_INVALID, e);
	} catch (const std::bad_alloc &) {
		return xc_fail(err, XC_ERR_NOMEM, "out of memory");
	} catch (const Xapian::DatabaseError &e) {
		/* glass reports a table file cut short or a block it cannot
		 * read as a plain DatabaseError: the index is damaged all
		 * the same */
		const std::string &m = e.get_msg();
		bool damaged = m.find("reading block") != std::string::npos ||
			       m.find("to block") != std::string::npos;

		return xc_fail_xapian(err, damaged ? XC_ERR_CORRUPT
					       : XC_ERR_OTHER, e);
	} catch (const Xapian::Error &e) {
		return xc_fail_xapian(err, XC_ERR_OTHER, e);
	} catch (const std::exception &e) {
		return xc_fail(err, XC_ERR_OTHER, "%s", e.what());
	} catch (...) {
		return xc_fail(err, XC_ERR_OTHER, "unknown exception");
	}
}

void
xc_dup(const std::string &s, char **out, size_t *len)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));

	if (!p)
		throw std::bad_alloc();
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*out = p;
	if (len)
		*len = s.size();
}

const char *
xc_version(void)
{
	return Xapian::version_string();
}
