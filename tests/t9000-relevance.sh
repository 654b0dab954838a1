#!/bin/sh
# The judged relevance set: nDCG@5 and MRR must not fall below the level
# reached (recorded below; raise it when the engine improves).
. "$top_srcdir/tests/lib.sh"

MIN_NDCG=0.95
MIN_MRR=0.97

kbindex --quiet --db idx "$CORPUS" || exit 1
kb-test-tool relevance --min-ndcg "$MIN_NDCG" --min-mrr "$MIN_MRR" \
	idx "$top_srcdir/tests/relevance/judged.tsv"
