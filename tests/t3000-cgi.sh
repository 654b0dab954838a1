#!/bin/sh
# kbsearch.cgi from the command line (REQUEST_METHOD unset: NAME=VALUE
# arguments) and as a CGI without a server (REQUEST_METHOD and
# QUERY_STRING set by hand): the status and headers of each kind of page,
# the 400 and 503 pages, escaping of corpus and query text, clamping,
# GB18030 queries, facet and page links, the no-results page.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cgi-lib.sh"

kbindex --quiet --db idx "$CORPUS" || exit 1
make_xss_corpus xss.jsonl
kbindex --quiet --db xss xss.jsonl || exit 1
KBSEARCH_DB=$SCRATCH/idx
KBSEARCH_CGI_CONF=/nonexistent/kbsearch.conf
export KBSEARCH_DB KBSEARCH_CGI_CONF

# get QUERY_STRING: the CGI run as a server would for a GET, to "out"
# (headers with their CR removed) and "body" (the page).
get() {
	REQUEST_METHOD=GET QUERY_STRING=$1 "$CGI" > raw 2> err &&
	split_response
}

# page NAME=VALUE...: the same from the command line.
page() {
	"$CGI" "$@" > raw 2> err && split_response
}

split_response() {
	tr -d '\r' < raw | sed '/^$/q' > headers &&
	sed '1,/^\r$/d' raw > body &&
	test "$(wc -c < body)" = "$(sed -n 's/^Content-Length: //p' headers)"
}

status() {
	sed -n 1p headers
}

# text BODY: the text of the page, tags dropped, one element a line.
titles() {
	grep -o '<h2 class="title">[^<]*</h2>' body |
		sed 's/<h2 class="title">//; s|</h2>||'
}

# hrefs CLASS-OR-WORD: the links of the page whose anchor has it.
hrefs() {
	grep -o '<a [^>]*href="[^"]*"[^>]*>' body | grep -- "$1" |
		sed 's/.*href="\([^"]*\)".*/\1/; s/&amp;/\&/g'
}

test_expect_success 'results: exact status line and headers' '
	page q=医保 &&
	cat > want <<-EOF &&
	Status: 200 OK
	Content-Type: text/html; charset=utf-8
	Content-Length: $(wc -c < body)
	X-Content-Type-Options: nosniff
	Content-Security-Policy: default-src '"'none'"'; style-src '"'unsafe-inline'"'; form-action '"'self'"'; base-uri '"'none'"'; frame-ancestors '"'none'"'
	Referrer-Policy: no-referrer

	EOF
	test_cmp want headers &&
	test_cmp /dev/null err
'

test_expect_success 'results: an HTML5 page with a GET form, the query in the box' '
	page q=医保 &&
	head -n 4 body > got &&
	printf "%s\n" "<!DOCTYPE html>" "<html lang=\"zh-CN\">" "<head>" \
		"<meta charset=\"utf-8\">" > want &&
	test_cmp want got &&
	grep -q "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" body &&
	grep -q "<form method=\"get\" action=\"\" role=\"search\" accept-charset=\"utf-8\"><input type=\"search\" name=\"q\" value=\"医保\"" body &&
	grep -q "<title>医保 - 医保问答搜索</title>" body &&
	tail -n 1 body | grep -q "^</html>\$"
'

test_expect_success 'results: the same hits as kbsearch, ranked, with marks' '
	page q=起付线 &&
	titles > got &&
	kbsearch --db idx 起付线 > cli &&
	sed -n "s/^[0-9][0-9]*\. \(.*\)\$/\1/p" cli | sed "s/  \[[^]]*\]\$//" > want &&
	test_cmp want got &&
	grep -q "<mark>起付线</mark>" body &&
	grep -q "<ol class=\"hits\" start=\"1\">" body
'

test_expect_success 'a hit: meta line, the answer first, then facts by kind' '
	page q=起付线 &&
	grep -q "<p class=\"meta\"><span class=\"category\">健康新闻</span><span><time datetime=\"2025-04-11\">2025-04-11</time></span><span class=\"source\">来源: 000_6ee8b6b41e4321c1.txt</span></p>" body &&
	grep -q "<p class=\"answer\"><strong>答</strong>45%</p>" body &&
	grep -o "<dl class=\"facts\">.*</dl>" body | head -n 1 > facts &&
	grep -q "^<dl class=\"facts\"><dt>数字</dt><dd><ul><li><span class=\"k\">起付线</span>700-1000元</li><li><span class=\"k\">报销比例</span>50-55%</li>" facts &&
	grep -q "<dt>险种</dt><dd><ul><li>新农合</li></ul></dd></dl>\$" facts &&
	# the answer comes before the passage
	awk "/class=\"answer\"/ { a = NR } /class=\"passage\"/ { if (!p) p = NR } END { exit !(a && a < p) }" body
'

test_expect_success 'a flagged article says why it is not an answer' '
	page q="淮北 乳房" &&
	test "$(grep -c "<p class=\"note\">这篇不是真正的解答: 原文是一段写作提示</p>" body)" = 2
'

test_expect_success 'facets: every field, links that add a filter' '
	page q=医保 &&
	grep -o "data-field=\"[a-z]*\"" body > got &&
	printf "data-field=\"%s\"\n" province city insurance category > want &&
	test_cmp want got &&
	hrefs "f=province%3A" > links &&
	test "$(wc -l < links)" -ge 2 &&
	grep -q "^?q=%E5%8C%BB%E4%BF%9D&f=province%3A%E6%B1%9F%E8%A5%BF%E7%9C%81\$" links
'

test_expect_success 'a facet link narrows the search and shows the filter chosen' '
	page q=医保 f=province:江西省 &&
	test "$(status)" = "Status: 200 OK" &&
	grep -q "<input type=\"hidden\" name=\"f\" value=\"province:江西省\">" body &&
	grep -q "<li class=\"chosen\"><span>江西省</span>" body &&
	kbsearch --db idx -f province:江西省 医保 > cli &&
	sed -n "s/^[0-9][0-9]*\. \(.*\)\$/\1/p" cli | sed "s/  \[[^]]*\]\$//" > want &&
	titles > got &&
	test_cmp want got &&
	hrefs "class=\"drop\"" > got &&
	echo "?q=%E5%8C%BB%E4%BF%9D" > want &&
	test_cmp want got
'

test_expect_success 'a filter alone, with no words' '
	get "f=category%3A%E5%81%A5%E5%BA%B7%E6%96%B0%E9%97%BB" &&
	test "$(status)" = "Status: 200 OK" &&
	grep -q "<p class=\"summary\">约 39 条结果，这是第 1–10 条</p>" body
'

test_expect_success 'pagination: page links, page 2 continues the ranking' '
	page f=category:健康新闻 &&
	grep -o "<nav class=\"pages\".*</nav>" body > nav &&
	grep -q "<span aria-current=\"page\">1</span>" nav &&
	hrefs "rel=\"next\"" > got &&
	echo "?q=&f=category%3A%E5%81%A5%E5%BA%B7%E6%96%B0%E9%97%BB&start=10" > want &&
	test_cmp want got &&
	get "q=&f=category%3A%E5%81%A5%E5%BA%B7%E6%96%B0%E9%97%BB&start=10" &&
	grep -q "<ol class=\"hits\" start=\"11\">" body &&
	grep -q "<span aria-current=\"page\">2</span>" body &&
	hrefs "rel=\"prev\"" > got &&
	echo "?q=&f=category%3A%E5%81%A5%E5%BA%B7%E6%96%B0%E9%97%BB" > want &&
	test_cmp want got &&
	titles > p2 &&
	kbsearch --db idx -n 10 --offset 10 -f category:健康新闻 > cli &&
	sed -n "s/^[0-9][0-9]*\. \(.*\)\$/\1/p" cli | sed "s/  \[[^]]*\]\$//" > want &&
	test_cmp want p2
'

test_expect_success 'the page size comes from the environment or the config file' '
	KBSEARCH_CGI_PAGE_SIZE=3 page f=category:健康新闻 &&
	test "$(titles | wc -l)" = 3 &&
	printf "# the search page\npage_size = 4\ndb = %s\n" "$SCRATCH/idx" > kb.conf &&
	KBSEARCH_DB= KBSEARCH_CGI_CONF=$SCRATCH/kb.conf page f=category:健康新闻 &&
	test "$(titles | wc -l)" = 4 &&
	hrefs "rel=\"next\"" | grep -q "&start=4\$" &&
	KBSEARCH_CGI_PAGE_SIZE=5 KBSEARCH_CGI_CONF=$SCRATCH/kb.conf page f=category:健康新闻 &&
	test "$(titles | wc -l)" = 5
'

test_expect_success 'huge and odd start= values are clamped, not refused' '
	get "q=%E5%8C%BB%E4%BF%9D&start=99999999999999999999" &&
	test "$(status)" = "Status: 200 OK" &&
	grep -q "<h2>没有更多结果了</h2>" body &&
	grep -q "前面的 10000 条之后" body &&
	get "q=%E5%8C%BB%E4%BF%9D&start=3" &&
	grep -q "<ol class=\"hits\" start=\"4\">" body &&
	get "q=%E5%8C%BB%E4%BF%9D&start=" &&
	grep -q "<ol class=\"hits\" start=\"1\">" body
'

test_expect_success 'no results: 200 and what to try, with links' '
	page q="区块链 比特币" &&
	test "$(status)" = "Status: 200 OK" &&
	grep -q "<h2>没有找到与“区块链 比特币”相关的内容</h2>" body &&
	grep -q "少用几个词" body &&
	grep -q "换一个更宽泛的说法" body &&
	hrefs "class=\"word\"" > got &&
	printf "%s\n" "?q=%E5%8C%BA%E5%9D%97%E9%93%BE" "?q=%E6%AF%94%E7%89%B9%E5%B8%81" > want &&
	test_cmp want got &&
	page q=区块链 f=province:江西省 &&
	hrefs "class=\"nofilter\"" > got &&
	echo "?q=%E5%8C%BA%E5%9D%97%E9%93%BE" > want &&
	test_cmp want got &&
	! grep -q "<aside" body
'

test_expect_success 'nothing to search for: the no-results page, not an error' '
	page q=？ &&
	test "$(status)" = "Status: 200 OK" &&
	grep -q "<h2>没有找到与“？”相关的内容</h2>" body
'

test_expect_success 'no parameters: the front page with examples' '
	page &&
	test "$(status)" = "Status: 200 OK" &&
	grep -q "<title>医保问答搜索</title>" body &&
	grep -q "<a href=\"?q=%E5%BC%82%E5%9C%B0%E5%B0%B1%E5%8C%BB+%E5%A4%87%E6%A1%88\">异地就医 备案</a>" body &&
	get "" && test "$(status)" = "Status: 200 OK"
'

# --- 400 ---------------------------------------------------------------

bad_request() {
	get "$1" &&
	test "$(status)" = "Status: 400 Bad Request" &&
	grep -q "<h1>请求无效</h1>" body &&
	grep -F -q "<p>$2</p>" body
}

test_expect_success '400: an unknown parameter' '
	bad_request "q=x&hitsperpage=1000" "unknown parameter '"'"'hitsperpage'"'"'" &&
	bad_request "q=x&db=%2Fetc" "unknown parameter '"'"'db'"'"'" &&
	bad_request "q=x&$(printf "%040d" 0)=1" "unknown parameter" &&
	bad_request "q=1&q=2" "parameter '"'"'q'"'"' given twice"
'

test_expect_success '400: invalid percent-encoding' '
	bad_request "q=%E5%8C%B" "invalid percent-encoding in '"'"'q'"'"'" &&
	bad_request "q=%zz" "invalid percent-encoding in '"'"'q'"'"'" &&
	bad_request "q=%" "invalid percent-encoding in '"'"'q'"'"'" &&
	bad_request "%7=1" "invalid percent-encoding in a parameter name"
'

test_expect_success '400: invalid UTF-8 and NUL' '
	bad_request "q=%E5%8C" "the value of '"'"'q'"'"' is not valid UTF-8" &&
	bad_request "q=%C0%BC" "the value of '"'"'q'"'"' is not valid UTF-8" &&
	bad_request "q=%ED%A0%80" "the value of '"'"'q'"'"' is not valid UTF-8" &&
	bad_request "q=a%00b" "the value of '"'"'q'"'"' is not valid UTF-8" &&
	bad_request "f=region%3A%FF" "the value of '"'"'f'"'"' is not valid UTF-8"
'

test_expect_success '400: overlong query, filter, request; too many filters' '
	long=$(printf "%0513d" 0) &&
	bad_request "q=$long" "the value of '"'"'q'"'"' is too long" &&
	get "q=$(printf "%0512d" 0)" && test "$(status)" = "Status: 200 OK" &&
	bad_request "f=region:$(printf "%0130d" 0)" "the value of '"'"'f'"'"' is too long" &&
	bad_request "q=$(printf "%04100d" 0)" "the request is too long (at most 4096 bytes of parameters)" &&
	bad_request "f=a:1&f=a:2&f=a:3&f=a:4&f=a:5&f=a:6&f=a:7&f=a:8&f=a:9" "too many filters (at most 8)"
'

test_expect_success '400: a bad start= or ie=, an invalid filter' '
	bad_request "q=x&start=-1" "invalid value of '"'"'start'"'"': expected a number of hits" &&
	bad_request "q=x&start=ten" "invalid value of '"'"'start'"'"': expected a number of hits" &&
	bad_request "q=x&ie=latin1" "unknown encoding in ie= (expected UTF-8, GBK, GB2312 or GB18030)" &&
	get "q=x&f=foo%3Abar" &&
	test "$(status)" = "Status: 400 Bad Request" &&
	grep -q "<h1>筛选条件无效</h1>" body &&
	grep -F -q "<p>unknown filter '"'"'foo:bar'"'"': expected KEY:VALUE" body
'

test_expect_success '400 from the command line too; 405 for POST' '
	page q=x bogus=1 &&
	test "$(status)" = "Status: 400 Bad Request" &&
	page "noequals" &&
	grep -F -q "<p>expected NAME=VALUE, not '"'"'noequals'"'"'</p>" body &&
	REQUEST_METHOD=POST QUERY_STRING= "$CGI" > raw && split_response &&
	test "$(status)" = "Status: 405 Method Not Allowed" &&
	grep -q "^Allow: GET, HEAD\$" headers
'

test_expect_success 'HEAD: the headers alone, with the length of the page' '
	REQUEST_METHOD=HEAD QUERY_STRING="q=%E5%8C%BB%E4%BF%9D" "$CGI" > raw &&
	tr -d "\r" < raw > headers &&
	test "$(sed -n 1p headers)" = "Status: 200 OK" &&
	test "$(tail -n 1 headers)" = "" &&
	test "$(sed -n "s/^Content-Length: //p" headers)" -gt 1000 &&
	test "$(grep -c . headers)" = 6
'

# --- GB18030 -------------------------------------------------------------

test_expect_success 'ie=gbk: a query sent as GB18030 finds the same' '
	get "q=%C6%F0%B8%B6%CF%DF&ie=gbk" &&
	titles > got &&
	page q=起付线 && titles > want &&
	test_cmp want got &&
	get "q=%C6%F0%B8%B6%CF%DF&ie=GB18030" && titles > got &&
	test_cmp want got &&
	grep -q "value=\"起付线\"" body &&
	get "f=province%3A%BD%AD%CE%F7%CA%A1&ie=gb2312" &&
	grep -q "<input type=\"hidden\" name=\"f\" value=\"province:江西省\">" body &&
	bad_request "q=%C6%F0%B8%B6%CF%DF" "the value of '"'"'q'"'"' is not valid UTF-8" &&
	bad_request "q=%81&ie=gbk" "the value of '"'"'q'"'"' is not in the encoding ie= names"
'

# --- 503 -------------------------------------------------------------------

test_expect_success '503: a missing index, a plain message, the path only in the log' '
	KBSEARCH_DB=$SCRATCH/nowhere page q=医保 &&
	test "$(status)" = "Status: 503 Service Unavailable" &&
	grep -q "^Retry-After: 60\$" headers &&
	grep -q "<h1>搜索暂时不可用</h1>" body &&
	grep -q "还没有可以搜索的资料库" body &&
	! grep -q nowhere body &&
	grep -q "^kbsearch.cgi: cannot search: .*nowhere" err
'

test_expect_success '503: an index that is not one, a bad config file' '
	mkdir junk && echo x > junk/iamglass &&
	KBSEARCH_DB=$SCRATCH/junk page q=医保 &&
	test "$(status)" = "Status: 503 Service Unavailable" &&
	printf "colour = blue\n" > bad.conf &&
	KBSEARCH_CGI_CONF=$SCRATCH/bad.conf page q=医保 &&
	test "$(status)" = "Status: 503 Service Unavailable" &&
	grep -q "搜索服务没有配置好" body &&
	grep -q "bad.conf:1: unknown key '"'"'colour'"'"'" err
'

# --- escaping --------------------------------------------------------------

test_expect_success 'XSS: corpus text comes out as text' '
	KBSEARCH_DB=$SCRATCH/xss page q=医保报销 &&
	test "$(status)" = "Status: 200 OK" &&
	test "$(titles | wc -l)" = 2 &&
	no_markup_from_corpus body &&
	grep -F -q "<h2 class=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;医保报销&lt;/title&gt;</h2>" body &&
	grep -F -q "&lt;/p&gt;&lt;/li&gt;&lt;/ol&gt;&lt;script&gt;alert(5)&lt;/script&gt;" body &&
	grep -F -q "javascript:alert(2) \"双引号\" '"'"'single'"'"' &lt;img src=x onerror=alert(3)&gt; &amp;amp; 结束" body &&
	grep -F -q "<span class=\"category\">&lt;b&gt;健康新闻&lt;/b&gt;</span>" body &&
	grep -F -q "<h2 class=\"title\">\"&gt;&lt;svg onload=alert(4)&gt; 医保报销须知</h2>" body
'

test_expect_success 'XSS: the facet links of corpus values are URL-encoded' '
	KBSEARCH_DB=$SCRATCH/xss page q=医保报销 &&
	grep -F -q "<a href=\"?q=%E5%8C%BB%E4%BF%9D%E6%8A%A5%E9%94%80&amp;f=category%3A%3Cb%3E%E5%81%A5%E5%BA%B7%E6%96%B0%E9%97%BB%3C%2Fb%3E\">&lt;b&gt;健康新闻&lt;/b&gt;</a>" body
'

xss_query='"><script>alert(1)</script>'"'"' onmouseover=x </title>javascript:alert(1)'
test_expect_success 'XSS: the query in the box, the title, the message and the links' '
	page "q=$xss_query" f="province:\"><script>" &&
	test "$(status)" = "Status: 200 OK" &&
	! grep -i -q -e "<script" -e "<svg" body &&
	grep -F -q "<title>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'"'"' onmouseover=x &lt;/title&gt;javascript:alert(1) province:\"&gt;&lt;script&gt; - 医保问答搜索</title>" body &&
	grep -F -q "name=\"q\" value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39; onmouseover=x &lt;/title&gt;javascript:alert(1)\"" body &&
	grep -F -q "<input type=\"hidden\" name=\"f\" value=\"province:&quot;&gt;&lt;script&gt;\">" body &&
	grep -F -q "<a class=\"drop\" href=\"?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%27+onmouseover%3Dx+%3C%2Ftitle%3Ejavascript%3Aalert%281%29\"" body &&
	test "$(grep -c "</title>" body)" = 1
'

test_expect_success 'XSS: the 400 page escapes what the request said' '
	get "q=x&%3Cscript%3E=1" &&
	test "$(status)" = "Status: 400 Bad Request" &&
	! grep -q "<script" body &&
	get "q=x&f=%3Cscript%3E%3Avalue" &&
	! grep -q "<script" body &&
	grep -F -q "&lt;script&gt;" body
'

test_expect_success 'the page writes markup only through HTML_RAW and the escapers' '
	src="$top_srcdir/search/emit-html.c" &&
	! grep -n -e "fprintf\|fputs\|%s" "$src" &&
	grep -n "buf_addstr(b" "$src" > uses &&
	test "$(grep -c -v -e "literal of the table" -e "escaped when built" uses)" = 0
'

# Nothing a request says reaches a file: the config and the index are
# chosen before the request is read.
test_expect_success 'no parameter names a file or a template' '
	bad_request "q=x&db=..%2F..%2Fetc%2Fpasswd" "unknown parameter '"'"'db'"'"'" &&
	bad_request "q=x&conf=%2Fetc%2Fpasswd" "unknown parameter '"'"'conf'"'"'" &&
	bad_request "q=x&fmt=..%2Fquery" "unknown parameter '"'"'fmt'"'"'"
'

test_expect_success '--help and --version from a shell' '
	"$CGI" --help > out &&
	grep -q "^Usage: kbsearch.cgi \[NAME=VALUE\]" out &&
	"$CGI" --version > out &&
	grep -q "^kbsearch.cgi (kbsearch) " out
'

test_done
