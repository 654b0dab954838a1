#!/bin/sh
# kbsearch over shards served by xapian-tcpsrv on loopback with the
# sharded index's vocab database: every judged query as one index gives,
# also after incremental, --delete and --synonyms runs; the warning for
# remote databases alone; and the errors of a remote index that is not
# there.
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

grep -v '^#' "$top_srcdir/tests/relevance/judged.tsv" | cut -f2 |
	grep -v '^$' > queries || exit 1

# search_all ARG...: the JSON of every query in the file queries, 20 hits
# each; what kbsearch says on stderr goes to search.err
search_all() {
	: > search.err
	while IFS= read -r q; do
		timeout 60 kbsearch "$@" --format=json -n 20 -- "$q" \
			2>> search.err || echo "failed: $q"
	done < queries
}

# The index is built from a copy of the corpus, which later tests change.
test_expect_success 'one index and two shards; two servers' '
	mkdir c && cp "$CORPUS"/*.txt c/ &&
	kbindex --quiet --db one c &&
	kbindex --quiet --shards 2 --db two c
'
serve two/shard-0 && P0=$PORT && serve two/shard-1 && P1=$PORT ||
	{ echo "Bail out! cannot start xapian-tcpsrv"; exit 1; }
R0=tcp://127.0.0.1:$P0
R1=tcp://127.0.0.1:$P1

test_expect_success 'vocab and two remote shards: every judged query as one index' '
	search_all --db one > one.out &&
	test $(grep -c "^{\"version\"" one.out) = $(wc -l < queries) &&
	search_all --db two/vocab --db $R0 --db $R1 > remote.out &&
	test_cmp /dev/null search.err &&
	test_cmp one.out remote.out
'

test_expect_success 'vocab, one local and one remote shard give the same' '
	search_all --db two/vocab --db two/shard-0 --db $R1 > mixed.out &&
	test_cmp one.out mixed.out
'

# Xapian runs match spies on the server, and xapian-tcpsrv knows only its
# own: the facets are counted there with Xapian's ValueCountMatchSpy.
test_expect_success 'facets over remote shards: as over one index' '
	for q in 医保 报销比例 养老; do
		kbsearch --db one --format=json --facets -n 1 -- "$q" |
			sed "s/.*\"facets\"/\"facets\"/" > one-facets.out &&
		grep -q "\"category\":\[{" one-facets.out &&
		kbsearch --db two/vocab --db $R0 --db $R1 --format=json \
			--facets -n 1 -- "$q" |
			sed "s/.*\"facets\"/\"facets\"/" > remote-facets.out &&
		test_cmp one-facets.out remote-facets.out || return 1
	done
'

test_expect_success 'a stub file listing vocab, then the remote shards, gives the same' '
	printf "auto %s\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n" \
		"$PWD/two/vocab" $P0 $P1 > stub &&
	search_all --db stub > stub.out &&
	test_cmp /dev/null search.err &&
	test_cmp one.out stub.out
'

WARNING="kbsearch: warning: no local vocabulary database: synonyms, pinyin and typo correction are off (see doc/SCALING.md)"

test_expect_success 'remote shards alone are searched, with a warning' '
	kbsearch --db $R0 --db $R1 --format=json -n 20 -- 2025 > got 2> err &&
	grep "^{\"version\"" got &&
	echo "$WARNING" > expected &&
	test_cmp expected err
'

test_expect_success 'the warning is said once in a session of several queries' '
	printf "%s\n" "{\"query\":\"医保\"}" "{\"query\":\"2025\"}" |
		kbsearch --db $R0 --db $R1 --serve > got 2> err &&
	test $(grep -c "^{\"version\"" got) = 2 &&
	test_cmp expected err
'

test_expect_success 'one remote index alone gets the warning too' '
	kbsearch --db $R0 -n 1 -- 2025 > got 2> err &&
	test_cmp expected err
'

test_expect_success 'a changed file: vocab and the remote shards still as one index' '
	printf "\n\n补充说明\n\n新增段落。\n" >> c/000_6ee8b6b41e4321c1.txt &&
	kbindex --quiet --db one c && kbindex --quiet --db two c &&
	printf "%s\n" "xinzeng duanluo" xzdl "buchong shuoming" bcsm \
		>> queries &&
	search_all --db one > one.out &&
	search_all --db two/vocab --db $R0 --db $R1 > remote.out &&
	test_cmp one.out remote.out
'

test_expect_success 'after a --delete run, the same' '
	kbindex --delete --db one c/000_6ee8b6b41e4321c1.txt 2>/dev/null &&
	kbindex --delete --db two c/000_6ee8b6b41e4321c1.txt 2>/dev/null &&
	search_all --db one > one.out &&
	search_all --db two/vocab --db $R0 --db $R1 > remote.out &&
	test_cmp one.out remote.out
'

test_expect_success 'a user synonym list reaches vocab, and its removal too' '
	printf "心悸\t心慌\n失眠症\t失眠\n" > mine.tsv &&
	printf "# none\n" > none.tsv &&
	printf "%s\n" 心悸 心慌 失眠症 > queries &&
	kbindex --quiet --db one --synonyms mine.tsv &&
	kbindex --quiet --db two --synonyms mine.tsv &&
	search_all --db one > one.out &&
	grep -c "\"to\":\"心慌\"" one.out &&
	search_all --db two/vocab --db $R0 --db $R1 > remote.out &&
	test_cmp one.out remote.out &&
	kbindex --quiet --db one --synonyms none.tsv &&
	kbindex --quiet --db two --synonyms none.tsv &&
	search_all --db one > one.out &&
	! grep "\"to\":\"心慌\"" one.out &&
	search_all --db two/vocab --db $R0 --db $R1 > remote.out &&
	test_cmp one.out remote.out
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
