#!/bin/sh
# The judged relevance set (tests/relevance/README.md): nDCG@5 and MRR of
# the answerable queries, and nDCG@5 of each kind, must not fall below the
# level reached.  Raise a floor when the engine improves.
#
# Measured with kb-test-tool relevance on the bundled corpus:
#
#   kind        queries  nDCG@5     MRR recall@10   top-1 declined
#   keyword          14  0.9704  1.0000    0.9762     7/7        0
#   question         24  0.9085  0.9583    0.9618   19/22        0
#   unlike           19  0.9581  0.9649    0.9825   13/13        0
#   mixed            13  0.9790  1.0000    0.9615   11/11        0
#   synonym          13  0.8269  0.9487    0.9505     6/7        0
#   traditional      13  0.9401  1.0000    0.9487   11/11        0
#   typo             14  0.9863  1.0000    0.9881   11/11        0
#   pinyin           14  0.2056  0.2143    0.2143     3/7       11
#   place            14  0.9031  0.9388    0.9643   13/14        0
#   all             138  0.8596  0.8972    0.8909  94/103       11
#   none             14       -       -         -       -        1
#
# The "!" titles not yet found first are listed in
# tests/relevance/known-misses (expected failures); any other one fails.
# Kind "none" is not gated yet: the engine declines only a query that
# finds nothing.
. "$top_srcdir/tests/lib.sh"

MIN_NDCG=0.85
MIN_MRR=0.89

kbindex --quiet --db idx "$CORPUS" || exit 1
kb-test-tool relevance --min-ndcg "$MIN_NDCG" --min-mrr "$MIN_MRR" \
	--min-kind keyword:0.97 --min-kind question:0.90 \
	--min-kind unlike:0.95 --min-kind mixed:0.97 \
	--min-kind synonym:0.82 --min-kind traditional:0.94 \
	--min-kind typo:0.98 --min-kind pinyin:0.20 --min-kind place:0.90 \
	--known-misses "$top_srcdir/tests/relevance/known-misses" \
	idx "$top_srcdir/tests/relevance/judged.tsv"
