noinst_LTLIBRARIES += util/libkbutil.la
util_libkbutil_la_SOURCES = util/buf.c util/buf.h
