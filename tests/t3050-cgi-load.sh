#!/bin/sh
# The FastCGI search page under load while the index changes: wrk sends
# the judged queries (tests/relevance/judged.tsv) over two connections for
# a bounded time to kbsearch.cgi behind lighttpd (tests/lighttpd.conf, as
# t3010), while kbindex re-indexes the corpus again and again, one file
# switching between two versions.  Every response must be a 200 with a
# whole page, and no connection may fail.  Requests/s and the latency are
# printed, never asserted.  KB_LOAD_SECONDS sets the time (default 10).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cgi-lib.sh"

command -v lighttpd >/dev/null 2>&1 ||
	skip_all "lighttpd is not installed (Debian package lighttpd)"
command -v curl >/dev/null 2>&1 ||
	skip_all "curl is not installed (Debian package curl)"
command -v wrk >/dev/null 2>&1 ||
	skip_all "wrk is not installed (Debian package wrk)"
grep -q '^#define HAVE_FCGI 1' "$top_builddir/config.h" ||
	skip_all 'kbsearch.cgi was built without FastCGI (libfcgi-dev)'

seconds=${KB_LOAD_SECONDS:-10}

# The corpus, and one more file in two versions, each with an article
# that only it has.
mkdir corpus &&
cp "$CORPUS"/* corpus/ &&
printf '{"id":"load1","title":"版本甲 负载测试 医保报销","body":"医保报销 版本甲"}\n' > version-a &&
printf '{"id":"load1","title":"版本乙 负载测试 医保报销","body":"医保报销 版本乙 起付线"}\n{"id":"load2","title":"版本乙 第二篇","body":"版本乙 异地就医"}\n' > version-b &&
cp version-a corpus/load.jsonl &&
kbindex --quiet --db idx corpus || exit 1
server_start || exit 1

# url_encode TEXT: every byte as %XX
url_encode() {
	printf %s "$1" | od -An -v -tx1 | tr -s ' \n' '  ' |
		sed 's/^ *//; s/ *$//; s/ /%/g; s/^/%/'
}

fetch() {
	curl -s --max-time 120 -o body -w '%{http_code}' "$BASE$1" > code
}

titles() {
	grep -o '<h2 class="title">[^<]*</h2>' body |
		sed 's/<h2 class="title">//; s|</h2>||'
}

test_expect_success 'the judged queries, URL-encoded' '
	grep -v "^#" "$top_srcdir/tests/relevance/judged.tsv" | cut -f2 |
		grep . | sort -u > queries &&
	while IFS= read -r q; do
		echo "/search/?q=$(url_encode "$q")"
	done < queries > paths &&
	test "$(wc -l < paths)" -gt 100 &&
	grep -qx "/search/?q=%e8%b5%b7%e4%bb%98%e7%ba%bf" paths
'

# The FastCGI process starts with the first request: under valgrind that
# takes seconds, which would leave the timed run without a response.
test_expect_success 'the page answers before the load starts' '
	fetch "$(sed 1q paths)" &&
	test "$(cat code)" = 200
'

# reindex_loop: until the file "stop" appears (and at most 1000 times),
# switch corpus/load.jsonl to the other version and run kbindex; each
# run's version and exit status go to reindex.log.
reindex_loop() {
	i=0
	while [ ! -e stop ] && [ $i -lt 1000 ]; do
		i=$((i + 1))
		if [ $((i % 2)) = 1 ]; then v=b; else v=a; fi
		cp "version-$v" corpus/load.jsonl
		kbindex --quiet --db idx corpus 2>>reindex.err
		echo "$v $?" >> reindex.log
	done
}

test_expect_success "${seconds}s of wrk, 2 connections, while kbindex re-indexes" '
	: > reindex.log &&
	reindex_loop &
	loop=$! &&
	KB_LOAD_PATHS=$SCRATCH/paths wrk -t2 -c2 -d"${seconds}s" --timeout 30s \
		-s "$top_srcdir/bench/wrk-fcgi.lua" "$BASE" > wrk.out 2>&1
	rc=$?
	touch stop
	wait $loop
	cat wrk.out &&
	test $rc = 0
'

figure() {
	sed -n "s/^$1 //p" wrk.out
}

# Each run starts before wrk ends; under valgrind a run may take most of
# the time, so one is enough.
test_expect_success 'kbindex re-indexed during the run, always with success' '
	cat reindex.err &&
	test "$(wc -l < reindex.log)" -ge 1 &&
	! grep -v " 0\$" reindex.log
'

test_expect_success 'no socket error, every response a 200 with a whole page' '
	test "$(figure requests)" -gt 0 &&
	test "$(figure responses_checked)" = "$(figure requests)" &&
	test "$(figure socket_errors)" = 0 &&
	test "$(figure non2xx)" = 0 &&
	test "$(figure incomplete)" = 0
'

echo "# $(figure requests) requests in $(figure seconds) s, $(figure rps) requests/s;" \
	"latency p50 $(figure p50_ms) ms, p99 $(figure p99_ms) ms, max $(figure max_ms) ms;" \
	"$(wc -l < reindex.log) re-indexes"

test_expect_success 'after the run the page shows the version indexed last' '
	last=$(tail -n 1 reindex.log | cut -c1) &&
	fetch "/search/?q=$(url_encode 负载测试)" &&
	test "$(cat code)" = 200 &&
	case $last in
	a) test "$(titles)" = "版本甲 负载测试 医保报销" ;;
	b) test "$(titles)" = "版本乙 负载测试 医保报销" ;;
	esac
'

test_expect_success 'no sanitizer report in the server log' '
	server_stop &&
	{ sanitizer_report || :; } > report &&
	test_cmp /dev/null report
'

test_done
