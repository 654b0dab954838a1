#!/bin/sh
# kbsearch.cgi served by nginx on a loopback port, with the configuration
# README.md shows (tests/nginx.conf): as a CGI through fcgiwrap and as a
# FastCGI server of its own, the pages and their status over HTTP, and
# the FastCGI process keeping the index open.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cgi-lib.sh"

command -v nginx >/dev/null 2>&1 ||
	skip_all "nginx is not installed (Debian package nginx)"
command -v fcgiwrap >/dev/null 2>&1 ||
	skip_all "fcgiwrap is not installed (Debian package fcgiwrap)"
command -v curl >/dev/null 2>&1 ||
	skip_all "curl is not installed (Debian package curl)"
grep -q '^#define HAVE_FCGI 1' "$top_builddir/config.h" ||
	skip_all "kbsearch.cgi was built without FastCGI (Debian package libfcgi-dev)"

# Each server is started by setsid: its process group is all of it.
PIDS=
servers_stop() {
	for pid in $PIDS; do
		kill "$pid" 2>/dev/null
	done
	for pid in $PIDS; do
		for _ in $(seq 1 25); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null
	done
	PIDS=
}
trap 'servers_stop; rm -rf "$SCRATCH"' EXIT

kbindex --quiet --db idx "$CORPUS" || exit 1

# wait_for TEST...: poll until the test holds, for 10 seconds at most.
wait_for() {
	for _ in $(seq 1 50); do
		"$@" && return 0
		sleep 0.2
	done
	return 1
}

# nginx_conf PORT: tests/nginx.conf with the paths and the port replaced.
nginx_conf() {
	# run as root, nginx would serve as nobody, who cannot reach the
	# sockets
	[ "$(id -u)" != 0 ] || echo "user root $(id -gn);"
	sed -e "s|/run/nginx/|$run/|" \
	    -e "s|unix:/run/fcgiwrap.socket|unix:$run/fcgiwrap.sock|" \
	    -e "s|/run/kbsearch.sock|$run/kbsearch.sock|" \
	    -e "s|/usr/lib/cgi-bin/kbsearch.cgi|$CGI|" \
	    -e "s|/srv/kb/index|$SCRATCH/idx|" \
	    -e "s|/srv/kb/|$SCRATCH/|" \
	    -e "s|/var/www/html|$SCRATCH/www|" \
	    -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$1;|" \
	    "$top_srcdir/tests/nginx.conf"
}

# servers_start: fcgiwrap, the program as a FastCGI server, and nginx
# with tests/nginx.conf on a free loopback port.  Sets PORT and BASE.
# Fails when they do not answer within 10 seconds.
servers_start() {
	run=$SCRATCH/run
	mkdir -p "$run" "$SCRATCH/www"
	setsid fcgiwrap -f -s "unix:$run/fcgiwrap.sock" \
		2>>"$run/fcgiwrap.log" &
	PIDS="$PIDS $!"
	# the command line the configuration shows in a comment
	fastcgi=$(nginx_conf 8080 |
		sed -n 's/^#   \(KBSEARCH_DB=.* --fastcgi=.*\)$/\1/p')
	# shellcheck disable=SC2086 # the words of a command line
	setsid env $fastcgi 2>>"$run/fastcgi.log" &
	FASTCGI_PID=$!
	PIDS="$PIDS $!"
	if ! wait_for test -S "$run/fcgiwrap.sock" ||
	   ! wait_for test -S "$run/kbsearch.sock"; then
		echo "fcgiwrap or kbsearch.cgi --fastcgi did not start:" >&2
		cat "$run/fcgiwrap.log" "$run/fastcgi.log" >&2
		return 1
	fi
	for _ in 1 2 3 4 5; do
		PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		nginx_conf "$PORT" > "$run/nginx.conf"
		setsid nginx -e "$run/error.log" -p "$run" -c "$run/nginx.conf" \
			-g 'daemon off;' 2>>"$run/stderr" &
		NGINX_PID=$!
		BASE="http://127.0.0.1:$PORT"
		for _ in $(seq 1 50); do
			if ! kill -0 "$NGINX_PID" 2>/dev/null; then
				break
			fi
			if curl -s -o /dev/null --max-time 2 "$BASE/"; then
				PIDS="$PIDS $NGINX_PID"
				return 0
			fi
			sleep 0.2
		done
		kill -9 -- "-$NGINX_PID" 2>/dev/null
	done
	echo "nginx did not start:" >&2
	cat "$run/stderr" "$run/error.log" >&2 2>/dev/null
	return 1
}
servers_start || exit 1

# fetch PATH: the page to "body", the status line to "status", the
# headers (CR removed) to "headers"; bounded in time.
fetch() {
	curl -s --max-time 20 -o body -D raw_headers "$BASE$1" &&
	tr -d '\r' < raw_headers > headers &&
	sed -n 1p headers > status
}

titles() {
	grep -o '<h2 class="title">[^<]*</h2>' body |
		sed 's/<h2 class="title">//; s|</h2>||'
}

# The part of tests/nginx.conf that README.md shows, from FILE.
snippet() {
	sed -n "/^# --- kbsearch.cgi under nginx ---\$/,/^# --- end ---\$/p" "$1"
}

QS='q=%E8%B5%B7%E4%BB%98%E7%BA%BF'

test_expect_success 'README shows the configuration the tests use' '
	snippet "$top_srcdir/tests/nginx.conf" > want &&
	test "$(wc -l < want)" -gt 10 &&
	snippet "$top_srcdir/README.md" > got &&
	test_cmp want got
'

for where in cgi-bin/kbsearch.cgi search/; do
	http_page_checks "$where"

	test_expect_success "$where: POST is refused with 405" '
		curl -s --max-time 20 -o body -D raw_headers -X POST \
			"$BASE/$where" &&
		test "$(sed -n 1p raw_headers | tr -d "\r")" = \
			"HTTP/1.1 405 Method Not Allowed" &&
		grep -q "^Allow: GET, HEAD.\$" raw_headers &&
		test "$(tail -n 1 body)" = "</html>"
	'

	test_expect_success "$where: POST with a form body: 405" '
		curl -s --max-time 20 -o body -D raw_headers -d q=x \
			"$BASE/$where" &&
		test "$(sed -n 1p raw_headers | tr -d "\r")" = \
			"HTTP/1.1 405 Method Not Allowed" &&
		grep -q "^Allow: GET, HEAD.\$" raw_headers &&
		test "$(tail -n 1 body)" = "</html>"
	'
done

test_expect_success 'a missing index: 503, the reason in the error log only' '
	fetch "/cgi-bin/missing.cgi?$QS" &&
	test "$(cat status)" = "HTTP/1.1 503 Service Unavailable" &&
	grep -q "<h1>搜索暂时不可用</h1>" body &&
	! grep -q "$SCRATCH" body &&
	grep -q "no index at .$SCRATCH/missing" "$SCRATCH/run/error.log"
'

# The FastCGI server is one process; between requests it keeps the index
# files open.
test_expect_success 'FastCGI: one process serves many requests, the index open' '
	for i in 1 2 3 4 5; do
		fetch "/search/?$QS&start=$i" &&
		test "$(cat status)" = "HTTP/1.1 200 OK" || return 1
	done &&
	kill -0 "$FASTCGI_PID" &&
	args=$(ps -o args= -p "$FASTCGI_PID") &&
	if [ -n "${KB_VALGRIND-}" ]; then
		# valgrind runs the program: its command line comes last
		want="* $top_builddir/search/kbsearch.cgi --fastcgi=$SCRATCH/run/kbsearch.sock"
	else
		want="$CGI --fastcgi=$SCRATCH/run/kbsearch.sock"
	fi &&
	case $args in $want) ;; *) echo "$args" >&2; false ;; esac &&
	ls -l "/proc/$FASTCGI_PID/fd" | grep -q "$SCRATCH/idx/"
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

test_expect_success 'no sanitizer report in the server logs' '
	servers_stop &&
	{ grep -h -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" \
		-e "runtime error:" "$SCRATCH"/run/*.log "$SCRATCH/run/stderr" ||
		:; } > report &&
	test_cmp /dev/null report
'

test_done
