#!/bin/sh
# Traditional and Simplified characters find the same things: a query in
# either script gives the same hits in the same order, and a corpus written
# in Traditional is found by Simplified queries, shown as written.
. "$top_srcdir/tests/lib.sh"

TRAD="$DATA/traditional"

# same_titles DB TRADITIONAL SIMPLIFIED [OPTION...]: both queries give the
# same non-empty list of titles, in the same order.
same_titles() {
	st_db=$1 st_t=$2 st_s=$3
	shift 3
	kbsearch --db "$st_db" --format json --limit 50 "$@" -- "$st_t" \
		> t.json &&
	kbsearch --db "$st_db" --format json --limit 50 "$@" -- "$st_s" \
		> s.json &&
	hit_titles t.json > t.titles &&
	hit_titles s.json > s.titles &&
	test -s s.titles &&
	test_cmp s.titles t.titles
}

test_expect_success 'index the bundled corpus' '
	kbindex --quiet --db idx "$CORPUS"
'

test_expect_success '醫保異地轉移 finds what 医保异地转移 finds, in order' '
	same_titles idx 醫保異地轉移 医保异地转移 &&
	head -n 1 s.titles > got &&
	echo 医保异地转移最新规定 > want &&
	test_cmp want got
'

test_expect_success 'a Traditional question finds what its Simplified form finds' '
	same_titles idx 農村醫保在外省住院報銷比例 农村医保在外省住院报销比例 &&
	head -n 1 s.titles > got &&
	echo 农村医保在外省住院可以报销比例 > want &&
	test_cmp want got
'

test_expect_success '生育險 finds what 生育险 finds' '
	same_titles idx 生育險 生育险 &&
	head -n 1 s.titles > got &&
	echo 泸州生育险8个月能报销吗 > want &&
	test_cmp want got
'

test_expect_success 'mixed scripts, full-width and a Traditional filter' '
	same_titles idx "社保 ＲＥＧＩＯＮ：廣東" "社保 region:广东" &&
	same_titles idx 住院 住院 --filter insurance:新農合 &&
	kbsearch --db idx --format json --limit 50 --filter insurance:新农合 \
		住院 > s2.json &&
	hit_titles s2.json > s2.titles &&
	test_cmp s2.titles t.titles
'

test_expect_success 'index the Traditional fixture' '
	kbindex --quiet --db trad "$TRAD"
'

test_expect_success 'Simplified queries find Traditional articles' '
	kbsearch --db trad --format json 生育险 > j &&
	hit_titles j | head -n 1 > got &&
	echo 瀘州生育險8個月能報銷嗎 > want &&
	test_cmp want got &&
	kbsearch --db trad --format json 外省住院报销比例 > j &&
	hit_titles j > got &&
	echo 農村醫保在外省住院可以報銷比例 > want &&
	test_cmp want got
'

test_expect_success 'the passage is shown in Traditional, with highlights on it' '
	grep -F -q "\"passage\":\"45% 農村醫療保險(新農合)在外省住院的報銷比例如下:" j &&
	grep -F -q "{\"text\":\"45% 農村醫療保險(新農合)在\",\"match\":false},{\"text\":\"外省住院\",\"match\":true},{\"text\":\"的\",\"match\":false},{\"text\":\"報銷比例\",\"match\":true}" j &&
	kbsearch --db trad 外省住院报销比例 > text &&
	grep -F -q "   45% 農村醫療保險(新農合)在外省住院的報銷比例如下:" text
'

test_expect_success 'facts are normalized to Simplified, their text is as written' '
	kbsearch --db trad --format json -n 1 生育险 > j &&
	grep -F -q "{\"type\":\"region\",\"label\":\"city\",\"value\":\"泸州市\",\"unit\":\"\",\"text\":\"瀘州\"" j &&
	grep -F -q "\"code\":\"510500\",\"province\":\"四川省\",\"city\":\"泸州市\"" j &&
	grep -F -q "{\"type\":\"insurance\",\"label\":\"\",\"value\":\"生育保险\",\"unit\":\"\",\"text\":\"生育險\"" j
'

test_expect_success 'filters typed in either script find Traditional articles' '
	for f in region:瀘州 region:泸州 region:四川 insurance:生育險; do
		kbsearch --db trad --format json --filter "$f" > j &&
		hit_titles j > got &&
		echo 瀘州生育險8個月能報銷嗎 > want &&
		test_cmp want got || return 1
	done &&
	kbsearch --db trad --format json 住院 insurance:新农合 > j &&
	hit_titles j > got &&
	echo 農村醫保在外省住院可以報銷比例 > want &&
	test_cmp want got
'

test_done
