#!/bin/sh
# kbsearch end to end on the bundled corpus: judged top titles, output
# formats, paging, exit codes and error messages.
. "$top_srcdir/tests/lib.sh"

JUDGED="$top_srcdir/tests/relevance/judged.tsv"
MISSES="$top_srcdir/tests/relevance/known-misses"

kbindex --quiet --db idx "$CORPUS" || exit 1

# first_title OUTPUT: the title of hit 1 in kbsearch's text output.
first_title() {
	sed -n 's/^1\. \(.*\)$/\1/p' "$1" | sed 's/  \[[^]]*\]$//'
}

# Every query whose judged answer is marked "!" must find it first, but
# for the known misses (scored by t9000).
tab=$(printf '\t')
grep -v '^#' "$JUDGED" | while IFS="$tab" read -r kind query judgments; do
	top=$(printf '%s\n' "$judgments" | tr ';' '\n' |
		sed -n 's/^ *!\(.*\)=[0-9]*$/\1/p')
	[ -n "$top" ] || continue
	grep -qxF -e "$query" "$MISSES" && continue
	printf '%s\t%s\n' "$query" "$top"
done > tops.tsv
test_expect_success 'the judged set marks at least 30 top titles' '
	test "$(wc -l < tops.tsv)" -ge 30
'
while IFS="$tab" read -r query top; do
	test_expect_success "top hit for '$query' is '$top'" '
		kbsearch --db idx -- "$query" > out &&
		first_title out > got &&
		printf "%s\n" "$top" > want &&
		test_cmp want got
	'
done < tops.tsv

# Synonyms (data/synonyms.tsv): the article of 002 says 异地 and never
# 外地 or 外省, so only the synonym finds it for 外地就医; an article that
# says 外地 itself still ranks above it.
test_expect_success 'synonyms: 外地就医 finds what says 异地就医' '
	! grep -q "外地\|外省" "$CORPUS/002_089c9026b7d6473a.txt" &&
	grep -q 异地就医 "$CORPUS/002_089c9026b7d6473a.txt" &&
	kbsearch --db idx -n 20 外地就医 > out &&
	sed -n "s/^\([0-9]*\)\. \(.*\)$/\1 \2/p" out |
		sed "s/  \[[^]]*\]$//" > ranks &&
	syn=$(sed -n "s/^\([0-9]*\) 退休职工怎样办理异地医保$/\1/p" ranks) &&
	own=$(sed -n "s/^\([0-9]*\) 农村医保在外地医院可以用吗$/\1/p" ranks) &&
	test -n "$syn" && test -n "$own" &&
	test "$own" -lt "$syn"
'

test_expect_success 'text output: header, passage, score, source, answer' '
	kbsearch --db idx -n 1 起付线 > out &&
	sed -n 1p out > got && echo "1 result for '"'"'起付线'"'"'" > want &&
	test_cmp want got &&
	grep -q "^1\. 农村医保在外省住院可以报销比例  \[健康新闻 2025-04-11\]$" out &&
	grep -q "^   45% 农村医疗保险(新农合)在外省住院的报销比例如下" out &&
	grep -q "^   score [0-9.]* · source .*000_6ee8b6b41e4321c1.txt$" out &&
	grep -q "^   answer: 45%$" out
'

test_expect_success 'highlighting: ANSI bold red around the matched term' '
	kbsearch --db idx --color=always -n 1 起付线 > out &&
	esc=$(printf "\033") &&
	grep -q "${esc}\[1;31m起付线${esc}\[0m" out &&
	kbsearch --db idx --color=never -n 1 起付线 > plain &&
	! grep -q "$esc" plain
'

test_expect_success 'json output carries the documented fields' '
	kbsearch --db idx --format json -n 1 起付线 > out &&
	grep -q "^{\"version\":1,\"query\":\"起付线\",\"corrected_query\":\"\",\"total\":1,\"offset\":0,\"confidence\":1.00,\"broader_query\":\"\",\"expansions\":\[{\"kind\":\"synonym\",\"from\":\"起付线\",\"to\":\"起付标准\"},{\"kind\":\"synonym\",\"from\":\"起付线\",\"to\":\"门槛费\"}\],\"hits\":\[{\"rank\":1,\"article_id\":\"[0-9a-f]\{16\}\",\"title\":\"农村医保在外省住院可以报销比例\"" out &&
	grep -q "{\"text\":\"起付线\",\"match\":true}" out &&
	grep -q "\"category\":\"健康新闻\",\"date\":\"2025-04-11\"" out &&
	grep -q "{\"type\":\"answer\",\"label\":\"\",\"value\":\"45%\"" out
'

test_expect_success 'json output with no hits is still a document' '
	test_expect_code 1 kbsearch --db idx --format json 区块链 > out &&
	echo "{\"version\":1,\"query\":\"区块链\",\"corrected_query\":\"\",\"total\":0,\"offset\":0,\"confidence\":0.00,\"broader_query\":\"\",\"expansions\":[],\"hits\":[]}" > want &&
	test_cmp want out
'

test_expect_success 'one hit per article, every passage with --passages' '
	kbsearch --db idx -n 100 --format json 医保 > one &&
	kbsearch --db idx -n 100 --format json --passages 医保 > all &&
	n1=$(grep -o "\"rank\":" one | wc -l) &&
	n2=$(grep -o "\"rank\":" all | wc -l) &&
	test "$n2" -gt "$n1" &&
	ids=$(grep -o "\"article_id\":\"[0-9a-f]*\"" one | sort | uniq -d) &&
	test -z "$ids"
'

test_expect_success '--limit and --offset page through the same ranking' '
	kbsearch --db idx -n 3 新农合 > page1 &&
	test "$(grep -c "^[0-9]*\. " page1)" = 3 &&
	kbsearch --db idx -n 2 --offset 1 新农合 > page2 &&
	grep "^[23]\. " page1 > want &&
	grep "^[0-9]*\. " page2 > got &&
	test_cmp want got
'

test_expect_success 'KBSEARCH_DB names the index' '
	KBSEARCH_DB=idx kbsearch -n 1 生育险 > out &&
	first_title out > got &&
	echo 泸州生育险8个月能报销吗 > want &&
	test_cmp want got
'

test_expect_success 'a query with no match: exit 1 and a plain message' '
	test_expect_code 1 kbsearch --db idx 区块链 比特币 > out &&
	echo "no results for '"'"'区块链 比特币'"'"'" > want &&
	test_cmp want out
'

test_expect_success 'a question needs not match every word' '
	kbsearch --db idx -n 1 请问农村医保在外省住院可以报销多少钱呢 > out &&
	first_title out > got &&
	echo 农村医保在外省住院可以报销比例 > want &&
	test_cmp want got
'

test_expect_success 'words typed apart still rank the article that has them together' '
	kbsearch --db idx -n 1 异地 就医 备案 > out &&
	first_title out > got &&
	kbsearch --db idx -n 1 异地就医备案 > out2 &&
	first_title out2 > want &&
	test_cmp want got
'

test_expect_success 'missing index: exit 2, says to run kbindex' '
	test_expect_code 2 kbsearch --db nope 医保 2> err &&
	echo "kbsearch: no index at '"'"'nope'"'"'; run kbindex first" > want &&
	test_cmp want err
'

test_expect_success 'empty query: exit 2 with usage hint' '
	test_expect_code 2 kbsearch --db idx "  " 2> err &&
	printf "%s\n" "kbsearch: empty query" "Try '"'"'kbsearch --help'"'"' for more information." > want &&
	test_cmp want err
'

test_expect_success 'a query of punctuation only: exit 2, says why' '
	test_expect_code 2 kbsearch --db idx "!!!" 2> err &&
	echo "kbsearch: query '"'"'!!!'"'"' has no words to search for" > want &&
	test_cmp want err
'

test_expect_success 'a folder that is not an index is reported as such' '
	mkdir notindex && echo x > notindex/file &&
	test_expect_code 2 kbsearch --db notindex 医保 2> err &&
	echo "kbsearch: no index at '"'"'notindex'"'"'; run kbindex first" > want &&
	test_cmp want err
'

test_done
