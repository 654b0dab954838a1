#!/bin/sh
# kbsearch.cgi served by lighttpd on a loopback port, with the
# configuration README.md shows (tests/lighttpd.conf): as a CGI and as
# FastCGI, the pages and their status over HTTP, and the FastCGI process
# keeping the index open across requests.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cgi-lib.sh"

command -v lighttpd >/dev/null 2>&1 ||
	skip_all "lighttpd is not installed (Debian package lighttpd)"
command -v curl >/dev/null 2>&1 ||
	skip_all "curl is not installed (Debian package curl)"

kbindex --quiet --db idx "$CORPUS" || exit 1
server_start || exit 1

# fetch PATH: the page to "body", the status code to "code", the headers
# (CR removed) to "headers"; bounded in time.
fetch() {
	curl -s --max-time 20 -o body -D raw_headers -w '%{http_code}' \
		"$BASE$1" > code &&
	tr -d '\r' < raw_headers > headers
}

titles() {
	grep -o '<h2 class="title">[^<]*</h2>' body |
		sed 's/<h2 class="title">//; s|</h2>||'
}

QS='q=%E8%B5%B7%E4%BB%98%E7%BA%BF'

test_expect_success 'README shows the configuration the tests use' '
	sed -n "/^# --- kbsearch.cgi ---\$/,/^# --- end ---\$/p" \
		"$top_srcdir/tests/lighttpd.conf" > want &&
	test "$(wc -l < want)" -gt 10 &&
	sed -n "/^# --- kbsearch.cgi ---\$/,/^# --- end ---\$/p" \
		"$top_srcdir/README.md" > got &&
	test_cmp want got
'

for where in cgi-bin/kbsearch.cgi search/; do
	test_expect_success "$where: results over HTTP, the same as from a shell" '
		fetch "/$where?$QS" &&
		test "$(cat code)" = 200 &&
		grep -q "^Content-Type: text/html; charset=utf-8\$" headers &&
		grep -q "^X-Content-Type-Options: nosniff\$" headers &&
		KBSEARCH_DB=$SCRATCH/idx "$CGI" q=起付线 | sed "1,/^\r\$/d" > want &&
		test_cmp want body &&
		test "$(titles | sed -n 1p)" = 农村医保在外省住院可以报销比例
	'

	test_expect_success "$where: 400 for a bad request, never 500" '
		for qs in "q=%E5%8C" "q=%C0%BC" "x=1" "q=1&q=2" "start=abc" \
			"q=$(printf "%05000d" 0)" "ie=koi8-r&q=a"; do
			fetch "/$where?$qs" &&
			test "$(cat code)" = 400 ||
			{ echo "$qs: $(cat code)"; return 1; }
		done
	'

	test_expect_success "$where: a huge start= is clamped" '
		fetch "/$where?$QS&start=999999999999" &&
		test "$(cat code)" = 200 &&
		grep -q "没有更多结果了" body
	'

	test_expect_success "$where: GB18030 with ie=gbk" '
		fetch "/$where?q=%C6%F0%B8%B6%CF%DF&ie=gbk" &&
		test "$(cat code)" = 200 &&
		test "$(titles | sed -n 1p)" = 农村医保在外省住院可以报销比例
	'

	test_expect_success "$where: POST is refused with 405" '
		curl -s --max-time 20 -o body -w "%{http_code}" -d q=x \
			"$BASE/$where" > code &&
		test "$(cat code)" = 405
	'
done

test_expect_success 'a missing index: 503 with a plain message' '
	fetch "/cgi-bin/missing.cgi?$QS" &&
	test "$(cat code)" = 503 &&
	grep -q "<h1>搜索暂时不可用</h1>" body &&
	! grep -q "$SCRATCH" body
'

# The FastCGI program is lighttpd's child; between requests it keeps the
# index files open.
test_expect_success 'FastCGI: the same processes serve many requests, the index open' '
	fetch "/search/?$QS" &&
	ps -o pid= --ppid "$LIGHTTPD_PID" | tr -d " " | sort > pids &&
	test $(wc -l < pids) -eq 2 &&
	for i in 1 2 3 4 5; do
		fetch "/search/?$QS&start=$i" && test "$(cat code)" = 200 ||
			return 1
	done &&
	ps -o pid= --ppid "$LIGHTTPD_PID" | tr -d " " | sort > pids.after &&
	test_cmp pids pids.after &&
	for pid in $(cat pids); do
		ls -l "/proc/$pid/fd" | grep -q "$SCRATCH/idx/" && echo $pid
	done > open &&
	test -s open
'

test_expect_success 'FastCGI: an index updated by kbindex is seen at once' '
	mkdir more &&
	printf "{\"id\":\"n1\",\"title\":\"新加的文章 甲乙丙丁\",\"body\":\"甲乙丙丁 医保\"}\n" > more/new.jsonl &&
	fetch "/search/?q=%E7%94%B2%E4%B9%99%E4%B8%99%E4%B8%81" &&
	! grep -q "新加的文章" body &&
	kbindex --quiet --db idx more &&
	fetch "/search/?q=%E7%94%B2%E4%B9%99%E4%B8%99%E4%B8%81" &&
	test "$(titles | sed -n 1p)" = "新加的文章 甲乙丙丁"
'

test_expect_success 'no sanitizer report in the server log' '
	server_stop &&
	{ sanitizer_report || :; } > report &&
	test_cmp /dev/null report
'

test_done
