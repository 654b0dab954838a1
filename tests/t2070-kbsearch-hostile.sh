#!/bin/sh
# kbsearch on hostile queries and at its limits (kbsearch(1), LIMITS): a
# 100 KB query is cut to its first 32 words in bounded time and memory;
# queries of punctuation or stop words only; filter values out of range,
# of 10 KB, and a thousand filters, each with its exact message; at most 8
# synonyms of a word; the edges of --limit and --offset.
. "$top_srcdir/tests/lib.sh"

TRY="Try 'kbsearch --help' for more information."

# expect_err LINE...: nothing on stdout, exactly LINE... on stderr.
expect_err() {
	printf '%s\n' "$@" > want &&
	test ! -s out &&
	test_cmp want err
}

test_expect_success 'set up: an index of the corpus' '
	kbindex -q --db ix "$CORPUS"
'

# "医保异地就医备案怎么办理" is five words (医保 异地就医 备案 怎么
# 办理); 2777 times over it is 99,972 bytes, one argument.  The first 32
# words hold 怎么 six times, and each is said to be left out; the words
# after the 32nd are not read at all.
test_expect_success 'a 100 KB query: cut to its first 32 words' '
	q=$(awk "BEGIN { for (i = 0; i < 2777; i++) printf \"医保异地就医备案怎么办理\" }") &&
	test "$(printf %s "$q" | wc -c)" = 99972 &&
	if /usr/bin/time -f %M true > /dev/null 2>&1; then
		/usr/bin/time -o rss -f %M timeout 60 \
			kbsearch --db ix --explain --color=never -n 3 -- "$q" > out &&
		echo "peak RSS $(tail -n 1 rss) kB" &&
		test "$(tail -n 1 rss)" -lt 204800
	else
		timeout 60 kbsearch --db ix --explain --color=never -n 3 -- "$q" > out
	fi &&
	test "$(grep -c "^dropped 怎么\$" out)" = 6 &&
	test "$(grep -c "^dropped" out)" = 6 &&
	sed -n "s/^1\. //p" out > got &&
	echo 医保异地转移最新规定 > want &&
	test_cmp want got
'

test_expect_success 'a 100 KB word: no words, the query quoted by its start' '
	q=$(awk "BEGIN { for (i = 0; i < 100000; i++) printf \"a\" }") &&
	test_expect_code 2 kbsearch --db ix -- "$q" > out 2> err &&
	a64=$(printf "%s" "$q" | head -c 64) &&
	expect_err "kbsearch: query '"'"'$a64...'"'"' has no words to search for"
'

test_expect_success 'a query of full-width punctuation only: exit 2' '
	test_expect_code 2 kbsearch --db ix -- "，。！？ 、；" > out 2> err &&
	expect_err "kbsearch: query '"'"'，。！？ 、；'"'"' has no words to search for"
'

# Stop words are left out beside other words; alone, they are what the
# caller asked for and are searched.
test_expect_success 'a query of stop words only: searched as they are' '
	kbsearch --db ix --explain --color=never -- 的 吗 怎么 > out &&
	! grep "^dropped" out &&
	grep -q "^about [0-9]* results for '"'"'的 吗 怎么'"'"'\$" out
'

test_expect_success 'percent:>=1e309 (past a double): expected a number' '
	test_expect_code 2 kbsearch --db ix --filter "percent:>=1e309" 医保 \
		> out 2> err &&
	expect_err "kbsearch: invalid filter '"'"'percent:>=1e309'"'"': expected a number"
'

test_expect_success 'money:-5..x: expected a range' '
	test_expect_code 2 kbsearch --db ix --filter "money:-5..x" 医保 \
		> out 2> err &&
	expect_err "kbsearch: invalid filter '"'"'money:-5..x'"'"': expected a range such as 40..60"
'

test_expect_success 'date:9999-99: expected a date' '
	test_expect_code 2 kbsearch --db ix -- 医保 date:9999-99 > out 2> err &&
	expect_err "kbsearch: invalid filter '"'"'date:9999-99'"'"': expected a date such as 2025-04-11, 2025-04 or 2025"
'

test_expect_success 'a money range of 10 KB: quoted by its first 64 bytes' '
	v=$(awk "BEGIN { for (i = 0; i < 10240; i++) printf \"9\" }") &&
	test_expect_code 2 kbsearch --db ix --filter "money:$v" 医保 \
		> out 2> err &&
	n58=$(printf "%s" "$v" | head -c 58) &&
	expect_err "kbsearch: invalid filter '"'"'money:$n58...'"'"': expected a number"
'

# 21 characters of 江 are 63 bytes: the 22nd would pass the 64 bytes
# quoted.  "XR" and the value must fit in 239 bytes.
test_expect_success 'a region of 10 KB: too long, quoted at a character' '
	v=$(awk "BEGIN { for (i = 0; i < 3414; i++) printf \"江\" }") &&
	test "$(printf %s "$v" | wc -c)" = 10242 &&
	test_expect_code 2 kbsearch --db ix --filter "region:$v" 医保 \
		> out 2> err &&
	j21=$(awk "BEGIN { for (i = 0; i < 21; i++) printf \"江\" }") &&
	expect_err "kbsearch: filter value '"'"'$j21...'"'"' is too long (over 237 bytes)"
'

test_expect_success '1000 --filter options: at most 8 on one field' '
	set -- &&
	i=0 &&
	while [ $i -lt 1000 ]; do set -- "$@" --filter region:江西; i=$((i + 1)); done &&
	test_expect_code 2 kbsearch --db ix "$@" 医保 > out 2> err &&
	expect_err "kbsearch: too many filters on one field: at most 8"
'

test_expect_success '1000 filters in the query text: the same' '
	q=$(awk "BEGIN { for (i = 1; i <= 1000; i++) printf \"region:江%d \", i }") &&
	test_expect_code 2 kbsearch --db ix -- 医保 "$q" > out 2> err &&
	expect_err "kbsearch: too many filters on one field: at most 8"
'

test_expect_success 'eight filters on one field are fine' '
	kbsearch --db ix --format json -- 医保 region:江西 region:安徽 \
		region:广东 region:深圳 region:广州 region:江门 region:泸州 \
		region:天水 > out &&
	grep -q "\"total\":[1-9]" out
'

# A user's group of twelve words: 报销 has eleven partners, and eight are
# searched for.
test_expect_success 'at most 8 synonyms of one word are searched for' '
	printf "报销\t甲一\t甲二\t甲三\t甲四\t甲五\t甲六\t甲七\t甲八\t甲九\t甲十\t甲十一\n" > syn.tsv &&
	kbindex -q --db ixs --synonyms syn.tsv "$CORPUS" &&
	kbsearch --db ixs --explain --color=never -n 1 报销 > out &&
	test "$(grep -c "^synonym 报销 → " out)" = 8
'

test_expect_success '--limit 1000 (the most) is accepted' '
	kbsearch --db ix --format json --passages --limit 1000 -- $CORPUS_WORDS > out &&
	test "$(hit_titles out | wc -l)" -gt 42
'

test_expect_success '--offset 100000 (the most): nothing more, exit 1' '
	test_expect_code 1 kbsearch --db ix --offset 100000 医保 > out 2> err &&
	echo "no more results for '"'"'医保'"'"' after the first 100000" > want &&
	test_cmp want out &&
	test ! -s err
'

# 1001 and 100001 are refused with their exact texts in t0000; the same
# through --serve in t2020.
test_expect_success '--limit 1001 and --offset 100001: usage errors' '
	test_expect_code 2 kbsearch --db ix --limit 1001 医保 > out 2> err &&
	expect_err "kbsearch: invalid --limit '"'"'1001'"'"': expected a number from 1 to 1000" "$TRY" &&
	test_expect_code 2 kbsearch --db ix --offset 100001 医保 > out 2> err &&
	expect_err "kbsearch: invalid --offset '"'"'100001'"'"': expected a number from 0 to 100000" "$TRY"
'

test_done
