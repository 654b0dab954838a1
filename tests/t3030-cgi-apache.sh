#!/bin/sh
# kbsearch.cgi served by Apache on a loopback port, with the
# configuration README.md shows (tests/apache.conf): as a CGI through
# mod_cgid and as FastCGI through mod_fcgid, the pages and their status
# over HTTP, and the FastCGI process keeping the index open.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cgi-lib.sh"

command -v apache2 >/dev/null 2>&1 ||
	skip_all "apache2 is not installed (Debian package apache2)"
command -v curl >/dev/null 2>&1 ||
	skip_all "curl is not installed (Debian package curl)"
MODULES=/usr/lib/apache2/modules
[ -f "$MODULES/mod_cgid.so" ] ||
	skip_all "no mod_cgid in $MODULES (Debian package apache2)"
have_fcgid=
[ -f "$MODULES/mod_fcgid.so" ] && have_fcgid=yes

APACHE_PID=
apache_stop() {
	[ -n "$APACHE_PID" ] || return 0
	kill "$APACHE_PID" 2>/dev/null
	# bounded wait: the parent stops its children, the FastCGI one too
	for _ in $(seq 1 25); do
		kill -0 "$APACHE_PID" 2>/dev/null || break
		sleep 0.2
	done
	# started by setsid: its process group is all of it
	kill -9 -- "-$APACHE_PID" 2>/dev/null ||
		kill -9 "$APACHE_PID" 2>/dev/null
	APACHE_PID=
}
trap 'apache_stop; rm -rf "$SCRATCH"' EXIT

# Run as root, Apache serves as another user (it refuses root): nobody,
# who must reach the scratch directory, the index and the program.
umask 022
cgi=$CGI
user_lines=
if [ "$(id -u)" = 0 ]; then
	user_lines="User nobody
Group $(id -gn nobody)"
	chmod 755 "$SCRATCH"
	if ! setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		test -x "$CGI" 2>/dev/null; then
		mkdir cgi-bin && cp "$CGI" cgi-bin/ || exit 1
		cgi=$SCRATCH/cgi-bin/kbsearch.cgi
	fi
fi

kbindex --quiet --db idx "$CORPUS" || exit 1

# apache_start: Apache with tests/apache.conf on a free loopback port.
# Sets PORT and BASE.  Fails when it does not answer within 10 seconds.
apache_start() {
	run=$SCRATCH/run
	mkdir -p "$run" "$SCRATCH/www"
	[ -z "$user_lines" ] || chmod 755 "$run"
	for _ in 1 2 3 4 5; do
		PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		sed -e "s|/usr/lib/cgi-bin|${cgi%/*}|" \
		    -e "s|/srv/kb/index|$SCRATCH/idx|" \
		    -e "s|/srv/kb/|$SCRATCH/|" \
		    -e "s|/run/apache2|$run|" \
		    -e "s|/var/www/html|$SCRATCH/www|" \
		    -e "s|^Listen 127.0.0.1:8080\$|Listen 127.0.0.1:$PORT|" \
		    "$top_srcdir/tests/apache.conf" > "$run/apache.conf"
		[ -n "$have_fcgid" ] || sed -i \
			'/^# As FastCGI with mod_fcgid/,/^FcgidInitialEnv/d' \
			"$run/apache.conf"
		[ -z "$user_lines" ] || echo "$user_lines" >> "$run/apache.conf"
		setsid apache2 -f "$run/apache.conf" -DFOREGROUND \
			2>>"$run/stderr" &
		APACHE_PID=$!
		BASE="http://127.0.0.1:$PORT"
		for _ in $(seq 1 50); do
			if ! kill -0 "$APACHE_PID" 2>/dev/null; then
				break
			fi
			if curl -s -o /dev/null --max-time 2 "$BASE/"; then
				return 0
			fi
			sleep 0.2
		done
		apache_stop
	done
	echo "apache2 did not start:" >&2
	cat "$run/stderr" "$run/error.log" >&2 2>/dev/null
	return 1
}
apache_start || exit 1

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

# fcgi_pids: the FastCGI processes mod_fcgid started (children of
# Apache's children running the program).
fcgi_pids() {
	ps -eo pid=,ppid=,args= | awk -v top="$APACHE_PID" -v cgi="$cgi" \
		-v real="${KB_VALGRIND:+$top_builddir/search/kbsearch.cgi}" '
		{ pid[NR] = $1; ppid[NR] = $2; arg[NR] = $3
		  # under make check-valgrind, valgrind runs the program
		  for (j = 4; real != "" && j <= NF; j++)
			if ($j == real) arg[NR] = cgi }
		$2 == top { kid[$1] = 1 }
		END { for (i = 1; i <= NR; i++)
			if (kid[ppid[i]] && arg[i] == cgi) print pid[i] }'
}

QS='q=%E8%B5%B7%E4%BB%98%E7%BA%BF'

# The part of tests/apache.conf that README.md shows, from FILE.
snippet() {
	sed -n "/^# --- kbsearch.cgi under Apache ---\$/,/^# --- end ---\$/p" "$1"
}

test_expect_success 'README shows the configuration the tests use' '
	snippet "$top_srcdir/tests/apache.conf" > want &&
	test "$(wc -l < want)" -gt 10 &&
	snippet "$top_srcdir/README.md" > got &&
	test_cmp want got
'

for where in cgi-bin/kbsearch.cgi search/; do
	if [ "$where" = search/ ] && [ -z "$have_fcgid" ]; then
		test_skip "$where: served by mod_fcgid" \
			"no mod_fcgid (Debian package libapache2-mod-fcgid)"
		continue
	fi

	http_page_checks "$where"

	# A POST with a form body, ten times: the page reads and drops the
	# body it does not use, so mod_cgid never resets the connection and
	# the 405 page arrives whole every time.
	test_expect_success "$where: POST is refused with 405" '
		for i in 1 2 3 4 5 6 7 8 9 10; do
			curl -s --max-time 20 -o body -D raw_headers \
				-d "q=%E6%96%B0%E5%86%9C%E5%90%88&start=0" \
				"$BASE/$where" &&
			test "$(sed -n 1p raw_headers | tr -d "\r")" = \
				"HTTP/1.1 405 Method Not Allowed" &&
			grep -q "^Allow: GET, HEAD.\$" raw_headers &&
			test "$(tail -n 1 body)" = "</html>" || exit 1
		done
	'
done

test_expect_success 'a missing index: 503, the reason in the error log only' '
	fetch "/cgi-bin/missing.cgi?$QS" &&
	test "$(cat status)" = "HTTP/1.1 503 Service Unavailable" &&
	grep -q "<h1>搜索暂时不可用</h1>" body &&
	! grep -q "$SCRATCH" body &&
	grep -q "no index at .$SCRATCH/missing" "$SCRATCH/run/error.log"
'

if [ -n "$have_fcgid" ]; then
	# mod_fcgid starts the program once; between requests it keeps the
	# index files open.
	test_expect_success 'FastCGI: one process serves many requests, the index open' '
		fetch "/search/?$QS" &&
		pid=$(fcgi_pids) &&
		test -n "$pid" && test "$(echo "$pid" | wc -l)" = 1 &&
		for i in 1 2 3 4 5; do
			fetch "/search/?$QS&start=$i" &&
			test "$(cat status)" = "HTTP/1.1 200 OK" || return 1
		done &&
		test "$(fcgi_pids)" = "$pid" &&
		ls -l "/proc/$pid/fd" | grep -q "$SCRATCH/idx/"
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
else
	test_skip 'FastCGI: mod_fcgid keeps the index open' \
		"no mod_fcgid (Debian package libapache2-mod-fcgid)"
fi

test_expect_success 'no sanitizer report in the server log' '
	apache_stop &&
	{ sanitizer_report || :; } > report &&
	test_cmp /dev/null report
'

test_done
