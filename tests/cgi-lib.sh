# cgi-lib.sh - what the search page's tests share: a small corpus whose
# text tries to break out of the page, and lighttpd on a free loopback
# port with tests/lighttpd.conf.  Sourced after tests/lib.sh.

# found on PATH, which tests/lib.sh sets: the program itself, or under
# make check-valgrind the wrapper that runs it under valgrind
CGI=$(command -v kbsearch.cgi)

# make_xss_corpus FILE: two articles whose title, body and category hold
# markup, quotes and a javascript: URL, next to words to find them by.
make_xss_corpus() {
	cat > "$1" <<-'XEOF'
	{"id":"x1","title":"<script>alert(1)</script>医保报销</title>","body":"医保报销 javascript:alert(2) \"双引号\" 'single' <img src=x onerror=alert(3)> &amp; 结束。\n报销比例为50%。","category":"<b>健康新闻</b>","date":"2025-04-11"}
	{"id":"x2","title":"\"><svg onload=alert(4)> 医保报销须知","body":"医保报销须知: </p></li></ol><script>alert(5)</script> 起付线1000元。","category":"健康新闻","date":"2025-04-12"}
	XEOF
}

# no_markup_from_corpus FILE: nothing of the corpus above became markup:
# no such element, no event handler inside a tag, no javascript: link.
no_markup_from_corpus() {
	! grep -E -i -q -e '<(script|img|svg|b)[ >/]' \
		-e '<[^>]*[ "]on[a-z]+=' -e 'href="javascript' "$1"
}

# server_start CONF_DIR: lighttpd with tests/lighttpd.conf on a free
# loopback port, serving $CGI with the index $SCRATCH/idx.  Sets PORT and
# BASE; stopped by server_stop (the EXIT trap calls it).  Fails when it
# does not answer within 10 seconds.
LIGHTTPD_PID=
server_stop() {
	if [ -n "$LIGHTTPD_PID" ]; then
		kill "$LIGHTTPD_PID" 2>/dev/null
		# bounded wait: the FastCGI child goes with it
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$LIGHTTPD_PID" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$LIGHTTPD_PID" 2>/dev/null
		LIGHTTPD_PID=
	fi
}
trap 'server_stop; rm -rf "$SCRATCH"' EXIT

server_start() {
	run=$SCRATCH/run
	mkdir -p "$run" "$SCRATCH/www"
	for _ in 1 2 3 4 5; do
		PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		sed -e "s|/usr/lib/cgi-bin/kbsearch.cgi|$CGI|" \
		    -e "s|/srv/kb/index|$SCRATCH/idx|" \
		    -e "s|/srv/kb/|$SCRATCH/|" \
		    -e "s|/run/lighttpd/|$run/|" \
		    -e "s|/var/www/html|$SCRATCH/www|" \
		    -e "s|^server.port = 8080|server.port = $PORT|" \
		    "$top_srcdir/tests/lighttpd.conf" > "$run/lighttpd.conf"
		lighttpd -D -f "$run/lighttpd.conf" 2>>"$run/stderr" &
		LIGHTTPD_PID=$!
		BASE="http://127.0.0.1:$PORT"
		for _ in $(seq 1 50); do
			if ! kill -0 "$LIGHTTPD_PID" 2>/dev/null; then
				break
			fi
			if curl -s -o /dev/null --max-time 2 "$BASE/"; then
				return 0
			fi
			sleep 0.2
		done
		server_stop
	done
	echo "lighttpd did not start:" >&2
	cat "$run/stderr" "$run/error.log" >&2 2>/dev/null
	return 1
}

# sanitizer_report: what AddressSanitizer or UBSan said in the server's
# error log (the CGI's stderr goes there); empty when all is well.
sanitizer_report() {
	grep -h -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
		-e 'runtime error:' "$SCRATCH/run/error.log" \
		"$SCRATCH/run/stderr" 2>/dev/null
}

# http_page_checks WHERE: the page at $BASE/WHERE (a server under test,
# fetched with the script's own fetch, which writes status, headers and
# body) answers as the CGI does from a shell, refuses bad requests with
# 400 and reads GB18030 queries.
http_page_checks() {
	where=$1
	test_expect_success "$where: results over HTTP, the same as from a shell" '
		fetch "/$where?$QS" &&
		test "$(cat status)" = "HTTP/1.1 200 OK" &&
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
			test "$(cat status)" = "HTTP/1.1 400 Bad Request" ||
			{ echo "$qs: $(cat status)"; exit 1; }
		done
	'

	test_expect_success "$where: GB18030 with ie=gbk" '
		fetch "/$where?q=%C6%F0%B8%B6%CF%DF&ie=gbk" &&
		test "$(cat status)" = "HTTP/1.1 200 OK" &&
		test "$(titles | sed -n 1p)" = 农村医保在外省住院可以报销比例
	'
}
