#!/bin/sh
# kbsearch on the bundled corpus: pinyin, initials and homophone typos are
# read as the index's words (the vocabulary map kbindex writes), shown as
# "Showing results for", and correctly typed queries are left alone.
. "$top_srcdir/tests/lib.sh"

JUDGED="$top_srcdir/tests/relevance/judged.tsv"

kbindex --quiet --db idx "$CORPUS" || exit 1

first_title() {
	sed -n 's/^1\. \(.*\)$/\1/p' "$1" | sed 's/  \[[^]]*\]$//'
}

# query, what it is read as, the top title (read in corpus/: the article
# that answers the correctly typed query)
while IFS='|' read -r query read top; do
	test_expect_success "'$query' is read as '$read', top '$top'" '
		kbsearch --db idx -- "$query" > out &&
		sed -n 1p out > got &&
		printf "Showing results for %s (typed: %s)\n" "$read" "$query" > want &&
		test_cmp want got &&
		first_title out > got &&
		printf "%s\n" "$top" > want &&
		test_cmp want got
	'
done <<'CASES'
医保移地转移|医保异地转移|医保异地转移最新规定
新农和|新农合|农村合作医疗可以全省通用吗
异地就医被案|异地就医备案|退休职工怎样办理异地医保
报消比例|报销比例|农村医保在外省住院可以报销比例
yibaoyidizhuanyi|医保异地转移|医保异地转移最新规定
xinnonghe|新农合|农村合作医疗可以全省通用吗
qifuxian|起付线|农村医保在外省住院可以报销比例
ybyd zhuanyi|医保异地 转移|医保异地转移最新规定
yibao 转移|医保 转移|医保异地转移最新规定
CASES

test_expect_success 'JSON: corrected_query, and the steps as expansions' '
	kbsearch --db idx --format=json -n 1 医保移地 > out &&
	grep -q "\"query\":\"医保移地\",\"corrected_query\":\"医保异地\"," out &&
	kbsearch --db idx --format=json -n 1 医保异地 > out &&
	grep -q "\"corrected_query\":\"\"," out
'

test_expect_success 'a filter is not read as pinyin' '
	kbsearch --db idx --format=json -n 1 "yibao region:广东" > out &&
	grep -q "\"corrected_query\":\"医保 region:广东\"" out
'

# No judged query typed correctly (every kind but typo and pinyin) is
# rewritten.
tab=$(printf '\t')
grep -v '^#' "$JUDGED" | grep -v "^typo$tab" | grep -v "^pinyin$tab" |
	cut -f2 > judged-queries
test_expect_success 'correctly typed queries are searched as typed' '
	test "$(wc -l < judged-queries)" -ge 30 &&
	while read -r q; do
		# exit 1 (no hits) is fine: some have no answer here
		kbsearch --db idx --format=json -n 1 -- "$q" > out
		test $? -le 1 || exit 1
		grep -q "\"corrected_query\":\"\"," out ||
			{ echo "rewritten: $q"; exit 1; }
	done < judged-queries
'

test_done
