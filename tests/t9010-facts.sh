#!/bin/sh
# The judged fact set (tests/facts/judged.tsv, see its README.md): the fact
# extractors' precision and recall over the bundled corpus must not fall
# below the level reached, recorded below.  Raise the levels when the
# extractors improve; fix judged.tsv only where a judgment was wrong.
. "$top_srcdir/tests/lib.sh"

MIN_PRECISION=1.00
MIN_RECALL=1.00
MIN_LABEL=0.95	# percent and money facts found with the judged label
MIN_ATTRS=1.00	# facts found with the judged details (a hospital's grade)

JUDGED="$top_srcdir/tests/facts/judged.tsv"

# The scorer itself: a fact not extracted is missed and fails the level,
# a title not in the corpus is an error, not a silent zero.
test_expect_success 'a judged fact that is not extracted is missed' '
	printf "脑缺氧是什么感觉\tmoney\t1\t元\t-\n" >one.tsv &&
	test_expect_code 1 kb-test-tool facts-score --min-recall 1 one.tsv \
		"$CORPUS"/*.txt >out &&
	grep "^# missed: 脑缺氧是什么感觉 money 1 元\$" out &&
	grep "^not ok 2 - recall 0.0000 >= 1.00\$" out
'
test_expect_success 'a judged article missing from the corpus is an error' '
	printf "no such title\tmoney\t1\t元\t-\n" >bad.tsv &&
	test_expect_code 2 kb-test-tool facts-score bad.tsv "$CORPUS"/*.txt \
		2>err &&
	grep "bad.tsv:1: no article .no such title. in the corpus" err
'
test_expect_success 'a fact judged twice is an error' '
	printf "脑缺氧是什么感觉\tmoney\t1\t元\t-\n" >twice.tsv &&
	printf "脑缺氧是什么感觉\tmoney\t1\t元\t-\n" >>twice.tsv &&
	test_expect_code 2 kb-test-tool facts-score twice.tsv \
		"$CORPUS"/*.txt 2>err &&
	grep "twice.tsv:2: fact judged twice (line 1)" err
'

# The judged set: the table, each miss and each extra fact as diagnostics,
# then one test per level.
kb-test-tool facts-score --min-precision "$MIN_PRECISION" \
	--min-recall "$MIN_RECALL" --min-label "$MIN_LABEL" \
	--min-attrs "$MIN_ATTRS" --type phone \
	"$JUDGED" "$CORPUS"/*.txt >score.out 2>&1
echo "# kb-test-tool facts-score exited with $?"
grep -v '^ok \|^not ok \|^1\.\.' score.out | sed 's/^\([^#]\)/# \1/'
for what in precision recall 'label accuracy' 'attrs accuracy'; do
	test_expect_success "judged facts: $what at the level reached" \
		"grep '^ok [0-9]* - $what ' score.out"
done
test_done
