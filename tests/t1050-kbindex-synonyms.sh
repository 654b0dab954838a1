#!/bin/sh
# kbindex --synonyms: a user's synonym list stored in the index, merged
# with the built-in one, kept by later runs, removed by an empty list;
# each way a list is refused; and kbsearch --explain and the JSON
# "expansions" that show how a query was read.
. "$top_srcdir/tests/lib.sh"

TRY="Try 'kbindex --help' for more information."

# expansions JSON: the "expansions" member of a kbsearch --format=json
# output.
expansions() {
	grep -o '"expansions":\[[^]]*\]' "$1"
}

# titles_for WORD...: the titles of the hits for WORD..., in rank order.
titles_for() {
	kbsearch --db ix --format json "$@" > hits.json
	[ $? -le 1 ] || return 1
	hit_titles hits.json
}

test_expect_success 'an index of the corpus' '
	kbindex -q --db ix "$CORPUS"
'

test_expect_success 'without a list of its own: 心悸 finds one article, 失眠症 none' '
	titles_for 心悸 > got &&
	echo 入睡困难吃什么中药可以根治 > want &&
	test_cmp want got &&
	expansions hits.json > got &&
	echo "\"expansions\":[]" > want &&
	test_cmp want got &&
	titles_for 失眠症 > got &&
	test_cmp /dev/null got
'

printf '# our own words\n心悸\t心慌\n失眠症  失眠\r\n\n异地\t外埠\n' > mine.tsv

test_expect_success '--synonyms stores the list; no PATH is needed' '
	kbindex --db ix --synonyms mine.tsv > out 2> err &&
	test_cmp /dev/null out &&
	echo "kbindex: stored the synonym list '"'"'mine.tsv'"'"': 3 groups" > want &&
	test_cmp want err
'

test_expect_success 'a query finds the synonym too, the word as typed first' '
	titles_for 心悸 > got &&
	printf "%s\n" 入睡困难吃什么中药可以根治 脑缺氧是什么感觉 > want &&
	test_cmp want got &&
	expansions hits.json > got &&
	echo "\"expansions\":[{\"kind\":\"synonym\",\"from\":\"心悸\",\"to\":\"心慌\"}]" > want &&
	test_cmp want got &&
	titles_for 心慌 > got &&
	printf "%s\n" 脑缺氧是什么感觉 入睡困难吃什么中药可以根治 > want &&
	test_cmp want got
'

test_expect_success 'a word found nowhere is found through its synonym' '
	titles_for 失眠症 > got &&
	printf "%s\n" 入睡困难吃什么中药可以根治 入睡困难需要治疗吗 > want &&
	test_cmp want got
'

test_expect_success 'a word of both lists gets the words of both groups' '
	kbsearch --db ix --explain -n 1 异地 > out &&
	sed -n "1,3p" out > got &&
	printf "%s\n" "synonym 异地 → 外地" "synonym 异地 → 外埠" \
		"synonym 异地 → 外省" > want &&
	test_cmp want got
'

test_expect_success 'a later run without --synonyms keeps the list' '
	kbindex --db ix "$CORPUS" 2> err &&
	echo "kbindex: indexed 2 files (2 unchanged), 0 articles, 0 passages; skipped 0 files" > want &&
	test_cmp want err &&
	titles_for 心悸 > got &&
	printf "%s\n" 入睡困难吃什么中药可以根治 脑缺氧是什么感觉 > want &&
	test_cmp want got
'

# bad NAME TEXT MESSAGE: a list NAME holding TEXT (printf format) is
# refused with MESSAGE and exit 2, and the index is as it was.
bad() {
	printf "$2" > "$1" &&
	test_expect_code 2 kbindex --db ix --synonyms "$1" "$CORPUS" \
		> out 2> err &&
	test_cmp /dev/null out &&
	echo "kbindex: $3" > want &&
	test_cmp want err &&
	titles_for 心悸 > got &&
	printf "%s\n" 入睡困难吃什么中药可以根治 脑缺氧是什么感觉 > want &&
	test_cmp want got
}

test_expect_success 'a group of one word: file and line, exit 2, index untouched' '
	bad my.tsv "心悸\t心慌\n# c\n孤单\n" \
		"'"'"'my.tsv'"'"' line 3: a synonym group needs at least two words"
'

test_expect_success 'a group of one word twice is one word' '
	bad twice.tsv "心慌\t心慌\n" \
		"'"'"'twice.tsv'"'"' line 1: a synonym group needs at least two words"
'

test_expect_success 'invalid UTF-8 is refused' '
	bad gbk.tsv "心悸\t心慌\n\275\241\261\243\t\322\275\261\243\n" \
		"'"'"'gbk.tsv'"'"' line 2: invalid UTF-8"
'

test_expect_success 'a word that is too long is refused' '
	bad long.tsv "心悸\t一二三四五六七八九十一二三四五六七八九十一\n" \
		"'"'"'long.tsv'"'"' line 1: word '"'"'一二三四五六七八九十...'"'"' is too long (over 60 bytes)"
'

test_expect_success 'a word with no letters is refused' '
	bad digits.tsv "心悸\t12333\n" \
		"'"'"'digits.tsv'"'"' line 1: word '"'"'12333'"'"' has no letters"
'

test_expect_success 'a group of more than 32 words is refused' '
	bad many.tsv "$(printf "w%s\t" a b c d e f g h i j k l m n o p q r s t u v w x y z aa ab ac ad ae af ag)\n" \
		"'"'"'many.tsv'"'"' line 1: too many words in a synonym group (at most 32)"
'

test_expect_success 'a missing file and a folder are refused' '
	test_expect_code 2 kbindex --db ix --synonyms none.tsv > out 2> err &&
	echo "kbindex: cannot open '"'"'none.tsv'"'"': No such file or directory" > want &&
	test_cmp want err &&
	mkdir folder &&
	test_expect_code 2 kbindex --db ix --synonyms folder > out 2> err &&
	echo "kbindex: cannot read '"'"'folder'"'"': Is a directory" > want &&
	test_cmp want err &&
	titles_for 心悸 > got &&
	printf "%s\n" 入睡困难吃什么中药可以根治 脑缺氧是什么感觉 > want &&
	test_cmp want got
'

test_expect_success 'a refused list creates no index' '
	test_expect_code 2 kbindex --db new --synonyms my.tsv "$CORPUS" 2> err &&
	test ! -e new
'

test_expect_success 'without --synonyms, a PATH is still needed' '
	test_expect_code 2 kbindex --db ix 2> err &&
	printf "%s\n" "kbindex: no PATH given" "$TRY" > want &&
	test_cmp want err
'

test_expect_success 'an empty list removes the stored one' '
	: > empty.tsv &&
	kbindex --db ix --synonyms empty.tsv 2> err &&
	echo "kbindex: no synonym list stored ('"'"'empty.tsv'"'"' has no group)" > want &&
	test_cmp want err &&
	titles_for 心悸 > got &&
	echo 入睡困难吃什么中药可以根治 > want &&
	test_cmp want got &&
	titles_for 失眠症 > got &&
	test_cmp /dev/null got &&
	kbsearch --db ix --explain -n 1 异地 > out &&
	sed -n "1,2p" out > got &&
	printf "%s\n" "synonym 异地 → 外地" "synonym 异地 → 外省" > want &&
	test_cmp want got
'

test_expect_success 'a list given with files: stored, then the summary' '
	kbindex --db ix --synonyms mine.tsv "$CORPUS" 2> err &&
	printf "%s\n" \
		"kbindex: stored the synonym list '"'"'mine.tsv'"'"': 3 groups" \
		"kbindex: indexed 2 files (2 unchanged), 0 articles, 0 passages; skipped 0 files" > want &&
	test_cmp want err &&
	titles_for 失眠症 > got &&
	printf "%s\n" 入睡困难吃什么中药可以根治 入睡困难需要治疗吗 > want &&
	test_cmp want got
'

# --- kbsearch --explain ---------------------------------------------------

test_expect_success '--explain: the words left out, the synonyms, the query' '
	kbsearch --db ix --explain -n 1 请问社保怎么交 > out &&
	sed -n "1,6p" out > got &&
	cat > want <<-\EOF &&
	dropped 请问
	dropped 怎么
	synonym 社保 → 社会保险
	xapian: Query((((社会保险 SYNONYM 社保) OR 0.3125 * 社保) AND_MAYBE 交))

	about 8 results for '"'"'请问社保怎么交'"'"'
	EOF
	test_cmp want got
'

test_expect_success 'without --explain, none of it' '
	kbsearch --db ix -n 1 请问社保怎么交 > out &&
	head -n 1 out > got &&
	echo "about 8 results for '"'"'请问社保怎么交'"'"'" > want &&
	test_cmp want got
'

test_expect_success '--explain with no hits still says how the query was read' '
	test_expect_code 1 kbsearch --db ix --explain 区块链 > got &&
	printf "%s\n" "xapian: Query(((区块 OR (区块@1 AND 块链@2)) AND_MAYBE 链))" "" \
		"no results for '"'"'区块链'"'"'" > want &&
	test_cmp want got
'

test_expect_success 'JSON: expansions always, query_description with --explain' '
	kbsearch --db ix --format json -n 1 怎么报账 > out &&
	expansions out > got &&
	echo "\"expansions\":[{\"kind\":\"dropped\",\"from\":\"怎么\",\"to\":\"\"},{\"kind\":\"synonym\",\"from\":\"报账\",\"to\":\"报销\"}]" > want &&
	test_cmp want got &&
	! grep -q query_description out &&
	test_expect_code 1 kbsearch --db ix --format json --explain 区块链 > got &&
	echo "{\"version\":1,\"query\":\"区块链\",\"corrected_query\":\"\",\"total\":0,\"offset\":0,\"confidence\":0.00,\"broader_query\":\"\",\"expansions\":[],\"query_description\":\"Query(((区块 OR (区块@1 AND 块链@2)) AND_MAYBE 链))\",\"hits\":[]}" > want &&
	test_cmp want got
'

test_expect_success '--serve: expansions, and query_description on request' '
	printf "%s\n" "{\"id\":1,\"query\":\"心悸\",\"limit\":1}" \
		"{\"id\":2,\"query\":\"区块链\",\"explain\":true}" |
		kbsearch --db ix --serve > out &&
	sed -n 1p out | expansions /dev/stdin > got &&
	echo "\"expansions\":[{\"kind\":\"synonym\",\"from\":\"心悸\",\"to\":\"心慌\"}]" > want &&
	test_cmp want got &&
	sed -n 2p out > got &&
	echo "{\"id\":2,\"version\":1,\"query\":\"区块链\",\"corrected_query\":\"\",\"total\":0,\"offset\":0,\"confidence\":0.00,\"broader_query\":\"\",\"expansions\":[],\"query_description\":\"Query(((区块 OR (区块@1 AND 块链@2)) AND_MAYBE 链))\",\"hits\":[]}" > want &&
	test_cmp want got
'

test_expect_success 'the search page names the synonyms searched for too' '
	KBSEARCH_DB=$SCRATCH/ix KBSEARCH_CGI_CONF=/nonexistent/kbsearch.conf \
	REQUEST_METHOD=GET QUERY_STRING=q=%E5%BF%83%E6%82%B8%E5%BC%82%E5%9C%B0 \
		kbsearch.cgi > raw &&
	grep expansions raw > got &&
	echo "<p class=\"summary expansions\">同时搜索：心悸 → 心慌、异地 → 外地、外埠、外省</p>" > want &&
	test_cmp want got
'

test_done
