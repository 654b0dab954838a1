#!/bin/sh
# bench-fcgi.sh INDEX QUERIES: serve kbsearch.cgi as FastCGI behind
# lighttpd on a free loopback port (tests/lighttpd.conf, with INDEX as the
# index), send the QUERIES (one a line, URL-encoded here) round and round
# with wrk (bench/wrk-fcgi.lua) for a bounded time, and print requests/s,
# the latency percentiles and the errors: connections that failed,
# responses that were not 2xx, pages that were not whole.  Prints figures
# and asserts nothing (exit 1 only when the run itself could not be made).
#
# Environment: top_builddir (where kbsearch.cgi was built; default "."),
# top_srcdir (default: the folder above this script), CGI (the program, to
# override), BENCH_SECONDS (default 60), BENCH_CONNECTIONS (default 2),
# BENCH_THREADS (wrk threads, default 2), TMPDIR (lighttpd's scratch).
set -eu

me=bench-fcgi.sh
die () {
	echo "$me: $*" >&2
	exit 2
}

[ $# -eq 2 ] || {
	echo "usage: $me INDEX QUERIES" >&2
	exit 2
}
db=$(cd "$1" 2>/dev/null && pwd) || die "cannot access index '$1'"
queries=$2
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
cgi=${CGI:-$top_builddir/search/kbsearch.cgi}
cgi=$(cd "$(dirname "$cgi")" && pwd)/$(basename "$cgi")
seconds=${BENCH_SECONDS:-60}
conns=${BENCH_CONNECTIONS:-2}
threads=${BENCH_THREADS:-2}
[ "$threads" -le "$conns" ] || threads=$conns

[ -x "$cgi" ] || die "cannot run '$cgi': build it first (make), or set" \
	"top_builddir or CGI"
[ -r "$queries" ] || die "cannot read '$queries'"
for p in lighttpd wrk curl; do
	command -v $p >/dev/null 2>&1 ||
		die "'$p' is not installed (Debian package $p)"
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kb-bench-fcgi.XXXXXX")
pid=
stop () {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || :
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$pid" 2>/dev/null || :
		pid=
	fi
	rm -rf "$scratch"
}
trap stop EXIT
trap 'exit 130' INT TERM

# every byte as %XX
url_encode () {
	printf %s "$1" | od -An -v -tx1 | tr -s ' \n' '  ' |
		sed 's/^ *//; s/ *$//; s/ /%/g; s/^/%/'
}
while IFS= read -r q; do
	[ -z "$q" ] || echo "/search/?q=$(url_encode "$q")"
done < "$queries" > "$scratch/paths"
[ -s "$scratch/paths" ] || die "no query in '$queries'"

mkdir "$scratch/www"
started=
for _ in 1 2 3 4 5; do
	port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
	sed -e "s|/usr/lib/cgi-bin/kbsearch.cgi|$cgi|" \
	    -e "s|/srv/kb/index|$db|" \
	    -e "s|/srv/kb/|$scratch/|" \
	    -e "s|/run/lighttpd/|$scratch/|" \
	    -e "s|/var/www/html|$scratch/www|" \
	    -e "s|^server.port = 8080|server.port = $port|" \
	    "$top_srcdir/tests/lighttpd.conf" > "$scratch/lighttpd.conf"
	lighttpd -D -f "$scratch/lighttpd.conf" 2>>"$scratch/stderr" &
	pid=$!
	for _ in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		if curl -s -o /dev/null --max-time 2 \
			"http://127.0.0.1:$port/"; then
			started=1
			break
		fi
		sleep 0.2
	done
	[ -z "$started" ] || break
	kill "$pid" 2>/dev/null || :
	wait "$pid" 2>/dev/null || :
	pid=
done
[ -n "$started" ] || { cat "$scratch/stderr" >&2; die "lighttpd did not start"; }

# one request first: the index is opened before the clock starts
curl -s -o /dev/null --max-time 60 "http://127.0.0.1:$port$(sed 1q "$scratch/paths")"

KB_LOAD_PATHS=$scratch/paths wrk -t"$threads" -c"$conns" -d"${seconds}s" \
	--timeout 30s -s "$top_srcdir/bench/wrk-fcgi.lua" \
	"http://127.0.0.1:$port" > "$scratch/wrk.out" 2>&1 ||
	{ cat "$scratch/wrk.out" >&2; die "wrk failed"; }

fig () {
	sed -n "s/^$1 //p" "$scratch/wrk.out"
}
echo "index:        $db"
echo "queries:      $(wc -l < "$scratch/paths") ($queries)"
echo "run:          $(fig seconds) s, $conns connections, $threads wrk threads"
echo "requests:     $(fig requests)"
echo "requests/s:   $(fig rps)"
echo "latency:      p50 $(fig p50_ms) ms, p90 $(fig p90_ms) ms, p99 $(fig p99_ms) ms, max $(fig max_ms) ms"
echo "errors:       $(fig socket_errors) socket, $(fig non2xx) non-2xx, $(fig incomplete) incomplete pages"
