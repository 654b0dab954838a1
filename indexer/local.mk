# kbindex: the command that builds and updates the index.
bin_PROGRAMS += indexer/kbindex
indexer_kbindex_SOURCES = indexer/kbindex.c
indexer_kbindex_LDADD = lib/libkbcore.la
