#!/bin/sh
# kbsearch over shards served by xapian-tcpsrv on loopback, and the errors
# of a remote index that is not there.
. "$top_srcdir/tests/lib.sh"

command -v xapian-tcpsrv >/dev/null 2>&1 ||
	skip_all "xapian-tcpsrv is not installed (Debian's xapian-tools)"

SERVERS=
stop_servers() {
	for pid in $SERVERS; do kill "$pid" 2>/dev/null; done
	rm -rf "$SCRATCH"
}
trap stop_servers EXIT
trap 'exit 1' INT TERM HUP

# serve DB: start xapian-tcpsrv on a free loopback port for DB and set PORT
serve() {
	for PORT in $(seq 41000 41050 | shuf 2>/dev/null || seq 41000 41050); do
		timeout 300 xapian-tcpsrv --port "$PORT" --interface 127.0.0.1 \
			"$1" > "srv-$PORT.log" 2>&1 &
		pid=$!
		tries=0
		while [ $tries -lt "$WAIT_TENTHS" ]; do
			grep -q "Listening" "srv-$PORT.log" 2>/dev/null &&
				{ SERVERS="$SERVERS $pid"; return 0; }
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
			tries=$((tries + 1))
		done
		kill "$pid" 2>/dev/null
	done
	return 1
}

# Queries the synonym table plays no part in (see doc/SCALING.md: Xapian
# 1.4 serves no synonym table over its remote backend).
QUERIES="脑缺氧 入睡 消防 江门 深圳 2025 泸州 天水 广州"

search_all() {
	for q in $QUERIES; do
		timeout 60 kbsearch "$@" --format=json -n 20 -- "$q" ||
			echo "failed: $q"
	done
}

test_expect_success 'one index and two shards; two servers' '
	kbindex --quiet --db one "$CORPUS" &&
	kbindex --quiet --shards 2 --db two "$CORPUS"
'
serve two/shard-0 && P0=$PORT && serve two/shard-1 && P1=$PORT ||
	{ echo "Bail out! cannot start xapian-tcpsrv"; exit 1; }

test_expect_success 'two remote shards give the single-index results' '
	search_all --db one > one.out &&
	search_all --db tcp://127.0.0.1:$P0 --db tcp://127.0.0.1:$P1 > remote.out &&
	test $(grep -c "^{\"version\"" one.out) = 9 &&
	test_cmp one.out remote.out
'

test_expect_success 'one local and one remote shard give the same' '
	search_all --db two/shard-0 --db tcp://127.0.0.1:$P1 > mixed.out &&
	test_cmp one.out mixed.out
'

test_expect_success 'a stub file listing the remote shards gives the same' '
	printf "remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n" $P0 $P1 > stub &&
	search_all --db stub > stub.out &&
	test_cmp one.out stub.out
'

test_expect_success 'an unreachable remote index is named' '
	test_expect_code 2 timeout 60 kbsearch --db tcp://127.0.0.1:1 x 2> err &&
	grep "^kbsearch: cannot open index '\''tcp://127.0.0.1:1'\'': NetworkError: Couldn'\''t connect" err
'

test_expect_success 'an unreachable one among several is named' '
	test_expect_code 2 timeout 60 kbsearch --db one --db tcp://127.0.0.1:1 x 2> err &&
	grep "^kbsearch: cannot open index '\''tcp://127.0.0.1:1'\'': NetworkError" err
'

test_expect_success 'a malformed remote address is named' '
	test_expect_code 2 kbsearch --db tcp://127.0.0.1 x 2> err &&
	echo "kbsearch: cannot open index '\''tcp://127.0.0.1'\'': InvalidArgumentError: expected tcp://HOST:PORT" > expected &&
	test_cmp expected err
'

test_done
