#!/bin/sh
# Saying plainly when there is no good answer, on the bundled corpus:
# place and question-form queries find the article that answers them
# (judged by reading the articles), a query the corpus cannot answer gets
# "No good answer" and a broader query to try, in text, JSON and HTML.
. "$top_srcdir/tests/lib.sh"

CGI=$(command -v kbsearch.cgi)

kbindex --quiet --db idx "$CORPUS" || exit 1

# top QUERY TITLE: TITLE is the first hit of QUERY.
top() {
	kbsearch --db idx --format json -- "$1" > out.json &&
	hit_titles out.json | head -n 1 > got &&
	printf "%s\n" "$2" > want &&
	test_cmp want got
}

# A place and a topic: the article about that topic in that place.
test_expect_success 'a place and a topic' '
	top "景德镇 眼皮跳" "2025年江西景德镇治疗眼皮跳什么医院好" &&
	top "淮北 乳腺炎" "2025年安徽淮北治疗乳房红肿什么医院好" &&
	top "江西 吞咽困难" "2025年江西景德镇治疗吞咽困难什么医院好" &&
	top "泸州 生育险" "泸州生育险8个月能报销吗"
'

# A question as people ask it: the article that answers it.
test_expect_success 'questions as they are asked' '
	top "江门农村养老金一个月能领多少" "江门市农村养老保险金每月多少" &&
	top "深圳居民医保每个月交多少钱" "深圳城乡居民医保" &&
	top "脑缺氧会有什么症状" "脑缺氧是什么感觉"
'

# 天水 is in the corpus, 社保局 too, 电话 nowhere: the one article about
# 天水 says nothing of its social-security office.
test_expect_success 'text: no good answer, and a broader query to try' '
	kbsearch --db idx 天水社保局电话多少 > out &&
	head -n 2 out > got &&
	cat > want <<-\EOF &&
	No good answer for '"'"'天水社保局电话多少'"'"'; the closest passages follow.
	Try a broader query: '"'"'天水 社保局'"'"'
	EOF
	test_cmp want got &&
	kbsearch --db idx 请问护照办理流程是什么 > out &&
	head -n 2 out > got &&
	cat > want <<-\EOF &&
	No good answer for '"'"'请问护照办理流程是什么'"'"'; the closest passages follow.
	Try a broader query: '"'"'办理流程'"'"'
	EOF
	test_cmp want got
'

test_expect_success 'text: no notice when the answer is there' '
	kbsearch --db idx "景德镇 眼皮跳" > out &&
	head -n 1 out > got &&
	grep -x "[a-z0-9 ]* results for '"'"'景德镇 眼皮跳'"'"'" got &&
	! grep -e "No good answer" -e "Try a broader" out
'

# None of 公积金, 贷款 and 额度 is in the corpus: nothing to try either.
test_expect_success 'text: nothing found, no word known: no broader query' '
	test_expect_code 1 kbsearch --db idx 公积金贷款额度 > out &&
	echo "no results for '"'"'公积金贷款额度'"'"'" > want &&
	test_cmp want out
'

test_expect_success 'text: nothing passes the filter: the words alone' '
	test_expect_code 1 kbsearch --db idx -f region:甘肃 "起付线 报销比例" > out &&
	cat > want <<-\EOF &&
	no results for '"'"'起付线 报销比例 region:甘肃'"'"'
	Try a broader query: '"'"'起付线 报销比例'"'"'
	EOF
	test_cmp want out
'

# json QUERY [OPTION...]: the confidence and broader query of QUERY.
json() {
	json_q=$1
	shift
	kbsearch --db idx --format json "$@" -- "$json_q" |
		grep -o "\"confidence\":[^,]*,\"broader_query\":\"[^\"]*\""
}

test_expect_success 'json: confidence and broader_query' '
	cat > want <<-\EOF &&
	"confidence":1.00,"broader_query":""
	"confidence":0.00,"broader_query":""
	"confidence":0.00,"broader_query":"起付线 报销比例"
	"confidence":1.00,"broader_query":""
	EOF
	{
		json 医保异地转移最新规定 &&
		json 公积金贷款额度 &&
		json "起付线 报销比例" -f region:甘肃 &&
		json "景德镇 眼皮跳"
	} > got &&
	test_cmp want got
'

# Below KB_CONFIDENCE_WEAK (0.50), with the broader query of the text.
test_expect_success 'json: a weak confidence is below 0.50' '
	json 天水社保局电话多少 > got &&
	grep -x "\"confidence\":0\.[0-4][0-9],\"broader_query\":\"天水 社保局\"" got
'

# The query as typed is escaped in the notice; the link searches the
# broader query alone, without the filter: what the hits in 甘肃 match.
test_expect_success 'html: the notice and its link, escaped' '
	KBSEARCH_DB=$SCRATCH/idx KBSEARCH_CGI_CONF=/nonexistent/kbsearch.conf \
	REQUEST_METHOD=GET \
	QUERY_STRING="q=%E5%A4%A9%E6%B0%B4%E7%A4%BE%E4%BF%9D%E5%B1%80%E7%94%B5%E8%AF%9D%22%3Cb%3E%26+region%3A%E7%94%98%E8%82%83" \
		"$CGI" > raw &&
	grep -o "<p class=\"weak\">.*</p>" raw > got &&
	cat > want <<-\EOF &&
	<p class="weak">没有找到能很好回答“天水社保局电话"&lt;b&gt;&amp; region:甘肃”的内容，下面是最接近的段落。试试更宽泛的搜索: <a class="broader" href="?q=%E5%A4%A9%E6%B0%B4">天水</a></p>
	EOF
	test_cmp want got
'

test_expect_success 'html: no notice when the answer is there' '
	KBSEARCH_DB=$SCRATCH/idx KBSEARCH_CGI_CONF=/nonexistent/kbsearch.conf \
	REQUEST_METHOD=GET \
	QUERY_STRING="q=%E6%99%AF%E5%BE%B7%E9%95%87+%E7%9C%BC%E7%9A%AE%E8%B7%B3" \
		"$CGI" > raw &&
	grep -c "2025年江西景德镇治疗眼皮跳什么医院好" raw &&
	! grep "class=\"weak\"" raw
'

test_done
