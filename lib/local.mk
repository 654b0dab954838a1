# libkbcore: every object of the library, which kbindex, kbsearch, the
# tests and the benchmarks link statically (they also reach internals).
noinst_LTLIBRARIES += lib/libkbcore.la
lib_libkbcore_la_SOURCES = lib/kbsearch.h lib/kb-private.h \
	lib/status.c lib/xc-status.h \
	lib/normalize.c lib/normalize.h \
	lib/dict.c lib/dict.h lib/dict-data.S \
	lib/segment.c lib/segment.h \
	lib/encoding.c lib/encoding.h \
	lib/reader.c lib/reader.h lib/reader-page.c lib/reader-jsonl.c \
	lib/reader-text.c \
	lib/passage.c lib/passage.h \
	lib/quality.c lib/quality.h \
	lib/facts.c lib/facts.h lib/fact-extract.h \
	lib/fact-number.c lib/fact-number.h \
	lib/fact-percent.c lib/fact-money.c lib/fact-duration.c lib/fact-date.c \
	lib/fact-region.c lib/fact-institution.c lib/fact-insurance.c \
	lib/fact-contact.c \
	lib/gazetteer.c lib/gazetteer.h lib/gazetteer-data.S \
	lib/record.c lib/record.h \
	lib/schema.h \
	lib/index.c lib/index-compact.c lib/index-compact.h \
	lib/index-shards.c lib/index-shards.h \
	lib/synonyms-data.S lib/synonyms.c lib/synonyms.h \
	lib/query.c lib/query.h lib/query-boost.c lib/query-boost.h \
	lib/query-spell.c lib/query-spell.h \
	lib/pinyin.c lib/pinyin.h \
	lib/filter.c lib/filter.h \
	lib/highlight.c lib/highlight.h \
	lib/search.c
lib_libkbcore_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
# the tables are embedded with .incbin: the assembler looks in lib (the
# images) and data/regions (../insurance.tsv, ../synonyms.tsv, ...)
lib_libkbcore_la_CCASFLAGS = -Wa,-I$(builddir)/lib \
	-Wa,-I$(srcdir)/data/regions -Wa,-I$(builddir)/data/regions
lib_libkbcore_la_LIBADD = util/libkbutil.la xapian-c/libxapian-c.la \
	$(UTF8PROC_LIBS) -lstdc++

# The dictionary and the gazetteer are parsed when the library is built,
# not when a program starts: kb-mkimage writes their hash tables as
# images (in this machine's byte order, checked when they are read), which
# dict-data.S and gazetteer-data.S embed.  kb-mkimage is built with the
# library's compiler and run here, so a cross build cannot make them.
noinst_PROGRAMS += lib/kb-mkimage
lib_kb_mkimage_SOURCES = lib/kb-mkimage.c lib/dict.c lib/gazetteer.c \
	lib/normalize.c lib/status.c
nodist_lib_kb_mkimage_SOURCES = lib/t2s-table.h
lib_kb_mkimage_CPPFLAGS = $(AM_CPPFLAGS) -DKB_MKIMAGE
lib_kb_mkimage_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
lib_kb_mkimage_LDADD = util/libkbutil.la $(UTF8PROC_LIBS) -lm
if FUZZING
# the fuzzing build links every program with clang's C++ sanitizer
# runtime (configure.ac), which needs the C++ library that the other
# programs get through libxapian
lib_kb_mkimage_LDADD += -lstdc++
endif
CLEANFILES += lib/dict.img lib/gazetteer.img
KB_DICT_FILES = data/dict/jieba.tsv data/dict/domain.tsv
EXTRA_DIST += $(KB_DICT_FILES) data/dict/README.md data/dict/LICENSE.jieba \
	data/dict/make-jieba-list.sh
lib/dict.img: $(KB_DICT_FILES) lib/kb-mkimage$(EXEEXT)
	$(AM_V_GEN)lib/kb-mkimage$(EXEEXT) dict $@-t \
		$(srcdir)/data/dict/jieba.tsv $(srcdir)/data/dict/domain.tsv && \
	mv $@-t $@
# .incbin is invisible to dependency tracking.  The object is named through
# a variable: a literal rule for it would replace automake's compile rule.
KB_DICT_OBJ = lib/libkbcore_la-dict-data.lo
$(KB_DICT_OBJ): lib/dict.img
# the gazetteer, and the insurance schemes (embedded as text: a short list)
KB_GAZ_FILES = data/regions/gazetteer.tsv data/insurance.tsv
EXTRA_DIST += $(KB_GAZ_FILES) data/regions/README.md
lib/gazetteer.img: data/regions/gazetteer.tsv lib/kb-mkimage$(EXEEXT)
	$(AM_V_GEN)lib/kb-mkimage$(EXEEXT) gazetteer $@-t \
		$(srcdir)/data/regions/gazetteer.tsv && mv $@-t $@
KB_GAZ_OBJ = lib/libkbcore_la-gazetteer-data.lo
$(KB_GAZ_OBJ): lib/gazetteer.img data/insurance.tsv
# Traditional to Simplified (data/t2s.tsv), compiled into constant arrays
# for normalize.c: nothing to parse at program start.  BUILT_SOURCES
# covers "make", "make check"; the objects name it too, for a build of
# single targets (fuzz/run.sh builds only the fuzz targets).
BUILT_SOURCES = lib/t2s-table.h lib/pinyin-table.h
KB_T2S_OBJ = lib/libkbcore_la-normalize.lo lib/kb_mkimage-normalize.$(OBJEXT)
$(KB_T2S_OBJ): lib/t2s-table.h
nodist_lib_libkbcore_la_SOURCES = lib/t2s-table.h lib/pinyin-table.h
CLEANFILES += lib/t2s-table.h lib/pinyin-table.h
EXTRA_DIST += data/t2s.tsv data/README.md data/make-t2s.sh lib/t2s-gen.awk
lib/t2s-table.h: $(srcdir)/data/t2s.tsv $(srcdir)/lib/t2s-gen.awk
	$(AM_V_GEN)$(MKDIR_P) lib && \
	LC_ALL=C $(AWK) -f $(srcdir)/lib/t2s-gen.awk $(srcdir)/data/t2s.tsv \
		> $@-t && mv $@-t $@
# the synonym list kbindex writes into each index, embedded as well
# (found as ../synonyms.tsv through the data/regions include path)
EXTRA_DIST += data/synonyms.tsv
KB_SYN_OBJ = lib/libkbcore_la-synonyms-data.lo
$(KB_SYN_OBJ): data/synonyms.tsv
# the pinyin readings of Unihan, as constant tables for pinyin.c
EXTRA_DIST += data/pinyin/readings.tsv data/pinyin/README.md \
	data/pinyin/make-readings.sh lib/pinyin-gen.awk
KB_PY_OBJ = lib/libkbcore_la-pinyin.lo
$(KB_PY_OBJ): lib/pinyin-table.h
lib/pinyin-table.h: $(srcdir)/data/pinyin/readings.tsv $(srcdir)/lib/pinyin-gen.awk
	$(AM_V_GEN)$(MKDIR_P) lib && \
	LC_ALL=C $(AWK) -f $(srcdir)/lib/pinyin-gen.awk \
		$(srcdir)/data/pinyin/readings.tsv > $@-t && mv $@-t $@

# libkbsearch: the installed library, the same objects with only the kb_
# functions of kbsearch.h exported.  The version script does the hiding:
# libtool's -export-symbols-regex leaves the wrapper's symbols visible.
# The dummy C++ source makes libtool link with the C++ driver, which the
# wrapper inside needs (with --no-undefined a C link fails).
lib_LTLIBRARIES = lib/libkbsearch.la
include_HEADERS = lib/kbsearch.h
lib_libkbsearch_la_SOURCES =
nodist_EXTRA_lib_libkbsearch_la_SOURCES = lib/dummy.cxx
lib_libkbsearch_la_LIBADD = lib/libkbcore.la
lib_libkbsearch_la_LDFLAGS = -version-info 0:0:0 -no-undefined \
	-Wl,--version-script=$(srcdir)/lib/libkbsearch.sym
# A sanitized library leaves the sanitizer runtime to the program (libtool
# links a C++ library with -nostdlib, so it would not be found here).
if !SANITIZERS
lib_libkbsearch_la_LDFLAGS += -Wl,--no-undefined
endif
lib_libkbsearch_la_DEPENDENCIES = lib/libkbcore.la $(srcdir)/lib/libkbsearch.sym
pkgconfig_DATA = lib/kbsearch.pc
EXTRA_DIST += lib/libkbsearch.sym lib/kbsearch.pc.in
