noinst_LTLIBRARIES += util/libkbutil.la
util_libkbutil_la_SOURCES = util/buf.c util/buf.h \
	util/arena.c util/arena.h util/hash.h util/utf8.c util/utf8.h \
	util/escape.c util/escape.h util/json.c util/json.h \
	util/die.c util/die.h \
	util/dbpath.c util/dbpath.h
