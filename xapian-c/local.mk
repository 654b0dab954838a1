# The only C++ in the project: a C interface over libxapian.
noinst_LTLIBRARIES += xapian-c/libxapian-c.la
xapian_c_libxapian_c_la_SOURCES = xapian-c/xc.h xapian-c/xc-private.hh \
	xapian-c/xc-error.cc xapian-c/xc-database.cc xapian-c/xc-document.cc \
	xapian-c/xc-query.cc xapian-c/xc-enquire.cc xapian-c/xc-facets.cc \
	xapian-c/xc-term-set.cc xapian-c/xc-compact.cc
xapian_c_libxapian_c_la_CXXFLAGS = $(AM_CXXFLAGS) $(XAPIAN_CFLAGS)
xapian_c_libxapian_c_la_LIBADD = $(XAPIAN_LIBS)
