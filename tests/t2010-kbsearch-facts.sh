#!/bin/sh
# kbsearch's filters, facets and facts on the bundled corpus: which
# articles each filter lets through, judged from the text of corpus/ (see
# tests/facts/judged.tsv), how filters combine with each other and with
# words, the errors for bad filters, the facets block and member, the
# answer and notes under a hit, and where flagged articles rank.
. "$top_srcdir/tests/lib.sh"

kbindex --quiet --db idx "$CORPUS" || exit 1

# titles OUTPUT: the titles of the hits of a text output, in rank order.
titles() {
	sed -n 's/^[0-9][0-9]*\. \(.*\)$/\1/p' "$1" | sed 's/  \[[^]]*\]$//'
}

# same_titles OUTPUT TITLE...: the hits are exactly these articles, in
# any order.
same_titles() {
	out=$1
	shift
	printf '%s\n' "$@" | sort > want.sorted &&
	titles "$out" | sort > got.sorted &&
	test_cmp want.sorted got.sorted
}

# answers OUTPUT: "TITLE<TAB>ANSWER" for every answer line of a text
# output.
answers() {
	awk '/^[0-9]+\. / { t = $0; sub(/^[0-9]+\. /, "", t)
			     sub(/  \[[^]]*\]$/, "", t) }
	     /^   answer: / { sub(/^   answer: /, ""); print t "\t" $0 }' "$1"
}

# notes OUTPUT: "RANK<TAB>NOTE" for every note line of a text output.
notes() {
	awk '/^[0-9]+\. / { rank = $1; sub(/\.$/, "", rank) }
	     /^   note: / { sub(/^   note: /, ""); print rank "\t" $0 }' "$1"
}

JX='2025年江西景德镇治疗'
HB='2025年安徽淮北治疗'

# --- has:answer ----------------------------------------------------------

# The answers as tests/facts/judged.tsv has them: a word, a figure or a
# short sentence; the heading 轻度缺氧 of 脑缺氧是什么感觉 is not one.
test_expect_success 'has:answer: exactly the 11 articles that lead with an answer, and their answers' '
	kbsearch --db idx -n 100 has:answer > out &&
	answers out | sort > got &&
	cat > want <<-EOF &&
	农村医保在外省住院可以报销比例	45%
	农村医保在外地医院可以用吗	农村医保在外地医院可以用
	农村医保异地门诊可以报吗	可以
	入睡困难需要治疗吗	入睡困难需要治疗
	农村医疗保险报销需要本人去吗	不需要
	农村合作医疗可以全省通用吗	不完全通用
	2025年社保缴费年限	2030年开始逐步提高至20年
	消防第三方检测收费标准明细	0.2-1.8元/㎡
	社保停交了农村医保能继续交吗	能
	缴费基数10000退休多少钱	2000-2500元
	居民养老一年交1000退休领多少钱	200-258元
	EOF
	sort want > want.sorted &&
	test_cmp want.sorted got &&
	test "$(titles out | wc -l)" = 11
'

test_expect_success 'the answer comes first: text right after the score, JSON first fact' '
	kbsearch --db idx -n 1 起付线 > out &&
	sed -n "/^   score /{n;p;}" out > got &&
	echo "   answer: 45%" > want &&
	test_cmp want got &&
	kbsearch --db idx --format json -n 1 起付线 > json &&
	grep -q "\"facts\":\[{\"type\":\"answer\",\"label\":\"\",\"value\":\"45%\",\"unit\":\"\",\"text\":\"45%\",\"min\":null,\"max\":null,\"start\":0,\"end\":3,\"attrs\":{}}," json
'

# --- category and date ---------------------------------------------------

# 40 articles have a category and a date; one is a copy, folded into its
# original; the two lead articles of the pages have neither.
test_expect_success 'category:健康新闻: the 40 articles, the copy folded' '
	kbsearch --db idx -n 100 category:健康新闻 > out &&
	sed -n 1p out > got &&
	echo "39 results for '"'"'category:健康新闻'"'"'" > want &&
	test_cmp want got
'

test_expect_success 'date:2025.. and date:..2024 split the dated articles' '
	kbsearch --db idx -n 100 date:2025.. > out &&
	sed -n 1p out > got &&
	echo "39 results for '"'"'date:2025..'"'"'" > want &&
	test_cmp want got &&
	test_expect_code 1 kbsearch --db idx date:..2024 > out &&
	echo "no results for '"'"'date:..2024'"'"'" > want &&
	test_cmp want out &&
	kbsearch --db idx -n 100 date:2025-04-11 > out &&
	sed -n 1p out > got &&
	echo "39 results for '"'"'date:2025-04-11'"'"'" > want &&
	test_cmp want got &&
	test_expect_code 1 kbsearch --db idx date:2025-04-12.. > /dev/null
'

test_expect_success 'a filter narrows the words: 医保 date:2025.. drops the undated' '
	kbsearch --db idx -n 100 医保 > all &&
	kbsearch --db idx -n 100 医保 date:2025.. > some &&
	titles all | grep -v -x -e 医保异地转移最新规定 \
		-e 退休职工怎样办理异地医保 > want &&
	titles some > got &&
	test_cmp want got &&
	test "$(titles all | wc -l)" -gt "$(titles some | wc -l)"
'

test_expect_success '--filter is the same as a filter typed in the query' '
	kbsearch --db idx -n 100 医保 date:2025.. > typed &&
	kbsearch --db idx -n 100 --filter date:2025.. 医保 > option &&
	test_cmp typed option &&
	kbsearch --db idx -n 100 -f has:answer -f date:2025.. > short &&
	kbsearch --db idx -n 100 has:answer date:2025.. > long &&
	test_cmp long short
'

test_expect_success 'a key that is not a filter stays a word' '
	test_expect_code 1 kbsearch --db idx zzz:qqq > out &&
	echo "no results for '"'"'zzz:qqq'"'"'" > want &&
	test_cmp want out
'

# --- errors ----------------------------------------------------------------

test_expect_success 'an invalid filter value: exit 2 and why, typed or as --filter' '
	test_expect_code 2 kbsearch --db idx "percent:>=abc" > out 2> err &&
	test_cmp /dev/null out &&
	echo "kbsearch: invalid filter '"'"'percent:>=abc'"'"': expected a number" > want &&
	test_cmp want err &&
	test_expect_code 2 kbsearch --db idx --filter "percent:>=abc" 医保 2> err &&
	test_cmp want err &&
	test_expect_code 2 kbsearch --db idx date:2025-13 2> err &&
	echo "kbsearch: invalid filter '"'"'date:2025-13'"'"': expected a date such as 2025-04-11, 2025-04 or 2025" > want &&
	test_cmp want err &&
	test_expect_code 2 kbsearch --db idx money:100..50 2> err &&
	echo "kbsearch: invalid filter '"'"'money:100..50'"'"': the range is empty" > want &&
	test_cmp want err
'

test_expect_success 'an unknown --filter key: exit 2 and the keys there are' '
	test_expect_code 2 kbsearch --db idx --filter foo:bar 医保 > out 2> err &&
	test_cmp /dev/null out &&
	echo "kbsearch: unknown filter '"'"'foo:bar'"'"': expected KEY:VALUE with KEY one of region, province, city, insurance, institution, category, has, percent, money, date" > want &&
	test_cmp want err &&
	test_expect_code 2 kbsearch --db idx -f 江西 医保 2> err &&
	echo "kbsearch: unknown filter '"'"'江西'"'"': expected KEY:VALUE with KEY one of region, province, city, insurance, institution, category, has, percent, money, date" > want &&
	test_cmp want err
'

test_expect_success 'with a --filter the words may be left out, not without' '
	kbsearch --db idx -n 100 -f category:健康新闻 > out &&
	sed -n 1p out > got &&
	echo "39 results for '"'"'category:健康新闻'"'"'" > want &&
	test_cmp want got &&
	test_expect_code 2 kbsearch --db idx 2> err &&
	grep -q "^kbsearch: empty query$" err
'

# --- flagged articles --------------------------------------------------------

test_expect_success 'leaked writing prompts rank below the real answers, with a note' '
	kbsearch --db idx 淮北 乳房 > out &&
	titles out | sed -n 1,2p | sort > got &&
	printf "%s\n" ${HB}乳房红肿什么医院好 ${HB}乳房肿块什么医院好 |
		sort > want &&
	test_cmp want got &&
	titles out | sed -n "3,\$p" | sort > got &&
	printf "%s\n" ${HB}乳房皮肤改变什么医院好 ${HB}乳房发热什么医院好 |
		sort > want &&
	test_cmp want got &&
	notes out > got &&
	printf "3\tleaked writing prompt, not an answer\n4\tleaked writing prompt, not an answer\n" > want &&
	test_cmp want got
'

test_expect_success 'leaked prompts are still found by their own words, last' '
	kbsearch --db idx -n 100 乳房发热 > out &&
	titles out | tail -n 2 | sort > got &&
	printf "%s\n" ${HB}乳房皮肤改变什么医院好 ${HB}乳房发热什么医院好 |
		sort > want &&
	test_cmp want got
'

test_expect_success 'a copy folds into its original' '
	kbsearch --db idx 手指发麻 > out &&
	titles out > got &&
	echo ${JX}手指发麻什么医院好 > want &&
	test_cmp want got &&
	notes out > got &&
	test_cmp /dev/null got
'

test_expect_success 'a copy is still found by its own words, and says what it copies' '
	kbsearch --db idx 脚趾麻木 > out &&
	titles out > got &&
	echo ${JX}脚趾麻木什么医院好 > want &&
	test_cmp want got &&
	notes out > got &&
	printf "1\tcopy of '"'"'%s'"'"'\n" ${JX}手指发麻什么医院好 > want &&
	test_cmp want got &&
	kbsearch --db idx --format json 脚趾麻木 > json &&
	grep -q "{\"type\":\"flag\",\"label\":\"\",\"value\":\"duplicate_of\",\"unit\":\"\",\"text\":\"\",\"min\":null,\"max\":null,\"start\":null,\"end\":null,\"attrs\":{\"article\":\"[0-9a-f]\{16\}\",\"title\":\"${JX}手指发麻什么医院好\"}}" json
'

# A long list: 80 articles that name 骨密度 once, and 3 leaked prompts that
# name it five times.  The first page is matched without the flagged
# passages (they cannot reach it); a page that reaches the end of the list
# is matched with them, demoted.
test_expect_success 'a long list: flagged passages never on the first page, last at the end' '
	LC_ALL=C awk "BEGIN {
		seed = 7
		for (a = 1; a <= 83; a++) {
			body = \"\"
			for (c = 0; c < 120; c++) {
				seed = (seed * 1103515245 + 12345) % 2147483648
				cp = 19968 + int(seed / 65536) % 8000
				body = body sprintf(\"%c%c%c\", 224 + int(cp / 4096),
					128 + int(cp / 64) % 64, 128 + cp % 64)
				if (c == 60)
					body = body \"骨密度\"
			}
			if (a > 80)
				body = \"好的，用户让我写一篇骨密度文章，我需要写骨密度、骨密度和骨密度。\" body
			printf \"{\\\"id\\\": \\\"long-%d\\\", \\\"title\\\": \\\"长列表%d\\\", \\\"body\\\": \\\"%s\\\"}\\n\", a, a, body
		}
	}" > long.jsonl &&
	kbindex --quiet --db idx-long long.jsonl &&
	kbsearch --db idx-long --color=never 骨密度 > out &&
	titles out > got &&
	test $(wc -l < got) -eq 10 &&
	! grep -E "^长列表8[123]\$" got &&
	kbsearch --db idx-long --color=never -n 100 骨密度 > out &&
	titles out > got &&
	test $(wc -l < got) -eq 83 &&
	sed -n "81,83p" got | sort > last &&
	printf "%s\n" 长列表81 长列表82 长列表83 > want &&
	test_cmp want last &&
	notes out | cut -f1 | sort -n | tr "\n" " " > got &&
	printf "81 82 83 " > want &&
	test_cmp want got
'

# --- places and schemes ------------------------------------------------------

test_expect_success 'region:江西: the Jingdezhen articles, the copy folded' '
	kbsearch --db idx -n 100 region:江西 > out &&
	same_titles out ${JX}吞咽困难什么医院好 ${JX}手指发麻什么医院好 \
		${JX}脚跟痛什么医院好 ${JX}淋巴结肿大什么医院好 \
		${JX}皮肤起疹什么医院好 ${JX}睾丸疼痛什么医院好 \
		${JX}眼皮跳什么医院好
'

test_expect_success 'region: by a city short name; city: and province:' '
	kbsearch --db idx -n 100 region:淮北 > out &&
	same_titles out ${HB}乳房皮肤改变什么医院好 ${HB}乳房肿块什么医院好 \
		${HB}乳房红肿什么医院好 ${HB}乳房发热什么医院好 &&
	kbsearch --db idx -n 100 city:淮北 > out2 &&
	titles out > want && titles out2 > got &&
	test_cmp want got &&
	kbsearch --db idx -n 100 province:安徽省 > out &&
	same_titles out ${HB}乳房皮肤改变什么医院好 ${HB}乳房肿块什么医院好 \
		${HB}乳房红肿什么医院好 ${HB}乳房发热什么医院好 \
		农村合作医疗可以全省通用吗 &&
	kbsearch --db idx -n 100 province:安徽 > out2 &&
	titles out > want && titles out2 > got &&
	test_cmp want got
'

test_expect_success 'one key twice: either; two keys: both' '
	kbsearch --db idx -n 100 region:江西 region:安徽 > out &&
	test "$(titles out | wc -l)" = 12 &&
	kbsearch --db idx -n 100 region:安徽 has:answer > out &&
	same_titles out 农村合作医疗可以全省通用吗
'

test_expect_success 'a filter finds the copy when its words do' '
	kbsearch --db idx 脚趾麻木 region:江西 > out &&
	titles out > got &&
	echo ${JX}脚趾麻木什么医院好 > want &&
	test_cmp want got
'

test_expect_success 'insurance:新农合: every article about the rural scheme, by any name' '
	kbsearch --db idx -n 100 insurance:新农合 > out &&
	same_titles out 农村医保没有申请异地能报销吗 农村医保在外省住院可以报销比例 \
		农村医保在外地医院可以用吗 农村医保异地门诊可以报吗 \
		农村医疗保险报销需要本人去吗 农村合作医疗可以全省通用吗 \
		社保停交了农村医保能继续交吗 社保断缴后农村医保怎么办
'

test_expect_success 'insurance: takes any name of a scheme (农村医保 is 新农合)' '
	kbsearch --db idx -n 100 insurance:新农合 > want &&
	kbsearch --db idx -n 100 insurance:农村医保 > got0 &&
	sed "s/insurance:农村医保/insurance:新农合/" got0 > got &&
	test_cmp want got &&
	kbsearch --db idx -n 100 insurance:新型农村合作医疗 > got0 &&
	sed "s/insurance:新型农村合作医疗/insurance:新农合/" got0 > got &&
	test_cmp want got
'

# --- numbers -----------------------------------------------------------------

test_expect_success 'percent:>=50: the passages stating a rate of 50% or more' '
	kbsearch --db idx -n 100 "percent:>=50" > out &&
	same_titles out 农村医保在外省住院可以报销比例 农村医保在外地医院可以用吗 \
		深圳城乡居民医保
'

test_expect_success 'percent:<=2 with words: the rates of contributions' '
	kbsearch --db idx -n 100 "percent:<=2" > out &&
	same_titles out 社保4246是第几档 缴费基数10000退休多少钱 &&
	kbsearch --db idx -n 100 缴费 "percent:<=2" > out &&
	same_titles out 社保4246是第几档 缴费基数10000退休多少钱
'

test_expect_success 'money:<=1000: the passages stating at most 1000 yuan' '
	kbsearch --db idx -n 100 "money:<=1000" > out &&
	same_titles out 农村医保在外省住院可以报销比例 江门市农村养老保险金每月多少 \
		社保4246是第几档 消防维保费用收费标准 消防第三方检测收费标准明细 \
		深圳城乡居民医保 居民养老一年交1000退休领多少钱
'

test_expect_success 'money:>=1亿: the GDP of Tianshui, 952.25亿元' '
	kbsearch --db idx -n 100 "money:>=1亿" > out &&
	same_titles out 天水在甘肃排名第几
'

test_expect_success 'the facts line: numbers in the order of the passage, then the scheme' '
	kbsearch --db idx -n 1 起付线 > out &&
	sed -n "/^   facts: /,\$p" out > got &&
	cat > want <<-EOF &&
	   facts: 起付线 700-1000元 · 报销比例 50-55% · 1000元 · 报销比例 40%
	          报销比例 20% · 起付线 1000元 · 报销比例 45% · 报销比例 35% · 新农合
	EOF
	test_cmp want got
'

test_expect_success 'the facts line: places with their province, large amounts in 亿' '
	kbsearch --db idx -n 1 天水 > out &&
	sed -n "/^   facts: /,\$p" out > got &&
	cat > want <<-EOF &&
	   facts: 2024 · GDP 952.25亿元 · 甘肃省天水市 · 甘肃省 · 甘肃省兰州市
	          甘肃省天水市秦州区 · 甘肃省天水市麦积区 · 甘肃省庆阳市 · 甘肃省酒泉市
	EOF
	test_cmp want got
'

# --- facets ------------------------------------------------------------------

test_expect_success '--facets: a block after the hits, one line per field' '
	kbsearch --db idx -n 1 --facets category:健康新闻 > out &&
	sed -n "/^facets:\$/,\$p" out | grep -v "^    " | cut -d: -f1 > got &&
	printf "%s\n" facets "  province" "  city" "  insurance" "  category" > want &&
	test_cmp want got &&
	grep "^  category: " out > got &&
	echo "  category: 健康新闻 39" > want &&
	test_cmp want got &&
	kbsearch --db idx -n 1 category:健康新闻 > plain &&
	! grep -q "^facets:" plain
'

test_expect_success '--facets region:江西: counts by province, city, scheme, category' '
	kbsearch --db idx -n 1 --facets region:江西 > out &&
	sed -n "/^facets:\$/,\$p" out > got &&
	cat > want <<-EOF &&
	facets:
	  province: 江西省 7
	  city: 景德镇市 7
	  insurance: 基本医疗保险 1
	  category: 健康新闻 7
	EOF
	test_cmp want got
'

test_expect_success '--facets insurance:新农合: most frequent first, none when empty' '
	kbsearch --db idx -n 1 --facets insurance:新农合 > out &&
	sed -n "/^facets:\$/,\$p" out > got &&
	cat > want <<-EOF &&
	facets:
	  province: 吉林省 1 · 四川省 1 · 安徽省 1 · 海南省 1 · 甘肃省 1 · 贵州省 1
	            辽宁省 1 · 陕西省 1
	  city: none
	  insurance: 新农合 8 · 城乡居民医保 1 · 职工医保 1
	  category: 健康新闻 8
	EOF
	test_cmp want got
'

test_expect_success '--facets: ten values a field in text, the rest counted' '
	kbsearch --db idx -n 1 --facets category:健康新闻 > out &&
	grep -A1 "^  province: " out > got &&
	test "$(grep -o "[省市区] [0-9][0-9]*" got | wc -l)" = 10 &&
	tail -n 1 got | grep -q " · +[0-9][0-9]* more\$"
'

test_expect_success '--facets JSON: every field, values with counts' '
	kbsearch --db idx --format json -n 1 --facets region:江西 > out &&
	grep -q ",\"facets\":{\"province\":\[{\"value\":\"江西省\",\"count\":7}\],\"city\":\[{\"value\":\"景德镇市\",\"count\":7}\],\"insurance\":\[{\"value\":\"基本医疗保险\",\"count\":1}\],\"category\":\[{\"value\":\"健康新闻\",\"count\":7}\]}}\$" out &&
	kbsearch --db idx --format json -n 1 region:江西 > plain &&
	! grep -q "\"facets\"" plain
'

test_expect_success '--facets with no hits: no block in text, empty fields in JSON' '
	test_expect_code 1 kbsearch --db idx --facets 区块链 > out &&
	echo "no results for '"'"'区块链'"'"'" > want &&
	test_cmp want out &&
	test_expect_code 1 kbsearch --db idx --format json --facets 区块链 > out &&
	echo "{\"version\":1,\"query\":\"区块链\",\"corrected_query\":\"\",\"total\":0,\"offset\":0,\"confidence\":0.00,\"broader_query\":\"\",\"expansions\":[],\"hits\":[],\"facets\":{\"province\":[],\"city\":[],\"insurance\":[],\"category\":[]}}" > want &&
	test_cmp want out
'

# --- layout ------------------------------------------------------------------

# A Han character takes two columns (wc -L counts display columns).
test_expect_success 'facts and facets lines fit in 80 columns' '
	kbsearch --db idx -n 100 --facets category:健康新闻 > out &&
	grep -e "^   facts: " -e "^          " -e "^  [a-z]*: " \
		-e "^            " out > lines &&
	test "$(wc -l < lines)" -gt 4 &&
	while IFS= read -r line; do
		w=$(printf "%s\n" "$line" | wc -L) &&
		if [ "$w" -gt 79 ]; then echo "$w: $line"; exit 1; fi
	done < lines
'

test_done
