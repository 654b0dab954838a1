#!/bin/sh
# The judged relevance set (tests/relevance/README.md): nDCG@5 and MRR of
# the answerable queries, and nDCG@5 of each kind, must not fall below the
# level reached.  Raise a floor when the engine improves.
#
# Measured with kb-test-tool relevance on the bundled corpus:
#
#   kind        queries  nDCG@5     MRR recall@10   top-1 declined
#   keyword          14  0.9704  1.0000    0.9762     7/7        0
#   question         24  0.8992  0.9514    0.9618   19/22        6
#   unlike           19  0.9581  0.9649    0.9825   13/13        0
#   mixed            13  0.9790  1.0000    0.9615   11/11        0
#   synonym          13  0.7610  0.8846    0.9505     5/7        2
#   traditional      13  0.9566  1.0000    0.9615   11/11        0
#   typo             14  0.9863  1.0000    0.9881   11/11        0
#   pinyin           14  0.2056  0.2143    0.2143     3/7       13
#   place            14  0.9019  0.9388    0.9643   13/14        0
#   all             138  0.8532  0.8899    0.8921  93/103       21
#   none             14       -       -         -       -       12
#
# The "!" titles not yet found first are listed in
# tests/relevance/known-misses (expected failures); any other one fails.
# A query is declined when it finds nothing or its confidence is below
# KB_CONFIDENCE_WEAK: the share of "none" queries declined must not fall,
# and the share of answerable ones declined (false alarms, 11 of the 21
# pinyin queries that find nothing) must not rise.
. "$top_srcdir/tests/lib.sh"

MIN_NDCG=0.85
MIN_MRR=0.89

kbindex --quiet --db idx "$CORPUS" || exit 1
kb-test-tool relevance --min-ndcg "$MIN_NDCG" --min-mrr "$MIN_MRR" \
	--min-kind keyword:0.97 --min-kind question:0.90 \
	--min-kind unlike:0.95 --min-kind mixed:0.97 \
	--min-kind synonym:0.82 --min-kind traditional:0.94 \
	--min-kind typo:0.98 --min-kind pinyin:0.20 --min-kind place:0.90 \
	--min-none-declined 0.85 --max-false-declined 0.16 \
	--known-misses "$top_srcdir/tests/relevance/known-misses" \
	idx "$top_srcdir/tests/relevance/judged.tsv"
