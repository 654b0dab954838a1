#!/bin/sh
# The judged relevance set (tests/relevance/README.md): nDCG@5 and MRR of
# the answerable queries, and nDCG@5 of each kind, must not fall below the
# level reached.  Raise a floor when the engine improves.
#
# Measured with kb-test-tool relevance on the bundled corpus:
#
#   kind        queries  nDCG@5     MRR recall@10   top-1 declined
#   keyword          14  0.9696  1.0000    0.9762     7/7        0
#   question         24  0.9045  0.9722    0.9688   19/22        5
#   unlike           19  0.9581  0.9649    0.9825   13/13        0
#   mixed            13  0.9841  1.0000    0.9615   11/11        0
#   synonym          13  0.9193  1.0000    0.9890     6/7        2
#   traditional      13  0.9733  1.0000    0.9615   11/11        0
#   typo             14  0.9875  1.0000    1.0000   11/11        0
#   pinyin           14  0.8589  0.8810    0.8631     6/7        4
#   place            14  0.9031  0.9388    0.9643   13/14        0
#   all             138  0.9375  0.9720    0.9639  97/103       11
#   none             14       -       -         -       -       12
#
# Synonyms weighing as one concept with their word (lib/query.c,
# word_query) raised synonym from 0.7610 to 0.8966 and cost question
# 0.0040 and keyword 0.0008: a passage that names a rare form of a
# common concept (农村医疗保险 for 医保) no longer outranks one that uses
# the common form.  Index format 5 (characters and pairs as plain terms)
# with the lone characters and common words of a query made optional
# raised all from 0.9327 to 0.9375 (question 0.8952 to 0.9045, synonym
# to 0.9193).  The floors below are the levels reached, to three places.
#
# The "!" titles not yet found first are listed in
# tests/relevance/known-misses (expected failures); any other one fails.
# A query is declined when it finds nothing or its confidence is below
# KB_CONFIDENCE_WEAK: the share of "none" queries declined must not fall,
# and the share of answerable ones declined (false alarms) must not rise.
. "$top_srcdir/tests/lib.sh"

MIN_NDCG=0.937
MIN_MRR=0.972

kbindex --quiet --db idx "$CORPUS" || exit 1
kb-test-tool relevance --min-ndcg "$MIN_NDCG" --min-mrr "$MIN_MRR" \
	--min-kind keyword:0.969 --min-kind question:0.904 \
	--min-kind unlike:0.958 --min-kind mixed:0.984 \
	--min-kind synonym:0.919 --min-kind traditional:0.973 \
	--min-kind typo:0.987 --min-kind pinyin:0.858 --min-kind place:0.903 \
	--min-none-declined 0.85 --max-false-declined 0.08 \
	--known-misses "$top_srcdir/tests/relevance/known-misses" \
	idx "$top_srcdir/tests/relevance/judged.tsv"
