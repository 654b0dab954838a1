#!/bin/sh
# kbindex and kbsearch at the same time.  (a) While kbindex replaces a
# file's articles again and again (two versions of it, in turn), searches
# in a loop of separate kbsearch runs and in one kbsearch --serve session
# all succeed, and each sees one committed version whole: the titles it
# finds are exactly those of one version, never a mix.  (b) A second
# kbindex on an index that one is writing stops at once, naming the index,
# with exit 2; the first finishes, and the index then equals a clean
# build.
. "$top_srcdir/tests/lib.sh"

N=40         # articles in each version
MAX_UPDATES=300 # runs of kbindex, alternating the versions, at most
SEARCHES=100    # kbsearch runs
REQUESTS=300    # requests to kbsearch --serve

# version TAG: N articles titled "kbconc aNNNNNN TAG", as JSON Lines.
version() {
	awk -v tag="$1" -v n=$N '{ sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
	$0 == "" || $0 == "相关推荐" || /["\\]/ { next }
	{ line[m++] = $0 }
	END {
		for (i = 1; i <= n; i++)
			printf "{\"title\": \"kbconc a%06d %s\", \"body\": \"%s\\n%s\"}\n", \
				i, tag, line[(i * 3) % m], line[(i * 3 + 1) % m]
	}' "$CORPUS"/*.txt
}

# titles_of: the sorted hit titles of each kbsearch JSON line on stdin,
# joined by "|", one line per search.
titles_of() {
	while IFS= read -r to_line; do
		printf '%s\n' "$to_line" |
			grep -o '"rank":[0-9]*,"article_id":"[^"]*","title":"[^"]*"' |
			sed 's/.*,"title":"//; s/"$//' | sort | paste -sd '|' -
	done
}

test_expect_success 'two versions of a file, and an index of the first' '
	version 甲版 > v1.jsonl &&
	version 乙版 > v2.jsonl &&
	mkdir c && cp v1.jsonl c/v.jsonl &&
	kbindex -q --db ix "$CORPUS" c/v.jsonl &&
	sed "s/^{\"title\": \"\([^\"]*\)\".*/\1/" v1.jsonl | sort | paste -sd "|" - > want.1 &&
	sed "s/^{\"title\": \"\([^\"]*\)\".*/\1/" v2.jsonl | sort | paste -sd "|" - > want.2 &&
	kbsearch --db ix --format json -n 100 kbconc | titles_of > got &&
	test_cmp want.1 got
'

# The writer: runs until the readers are done, each replacing the file's
# articles with the other version; one line per run in writer.log.
(
	i=1
	while [ $i -le $MAX_UPDATES ] && [ ! -e readers.done ]; do
		cp "v$(( (i % 2) + 1 )).jsonl" c/v.jsonl.tmp &&
		mv c/v.jsonl.tmp c/v.jsonl
		kbindex -q --db ix c/v.jsonl 2>> writer.err
		echo "$i $?" >> writer.log
		i=$((i + 1))
	done
) &
writer=$!

# The readers, while it works.
(
	i=1
	while [ $i -le $SEARCHES ]; do
		kbsearch --db ix --format json -n 100 kbconc > s.out 2>> search.err
		echo "$?" >> search.status
		titles_of < s.out >> search.titles
		i=$((i + 1))
	done
) &
searcher=$!
awk -v n=$REQUESTS 'BEGIN { for (i = 0; i < n; i++) print "{\"query\":\"kbconc\",\"limit\":100}" }' |
	while IFS= read -r req; do
		printf '%s\n' "$req"
		# spread the requests over the writer's runs
		sleep 0.01
	done | kbsearch --db ix --serve > serve.out 2> serve.err
serve_status=$?
wait "$searcher"
: > readers.done
wait "$writer"
updates=$(wc -l < writer.log)
echo "# $updates kbindex runs during $SEARCHES kbsearch runs and $REQUESTS --serve requests"

# one_version FILE: every line is one version's titles; counts in FILE.n
one_version() {
	awk -v a="$(cat want.1)" -v b="$(cat want.2)" '
		$0 == a { na++; next }
		$0 == b { nb++; next }
		{ print "line " NR ": a mix or nothing: " substr($0, 1, 200); bad = 1 }
		END { print na + 0, nb + 0 > "/dev/stderr"; exit bad }' "$1" 2> "$1.n"
}

test_expect_success 'the writer updated the index again and again' '
	test "$updates" -ge 4 &&
	test "$(grep -vc " 0$" writer.log)" = 0 &&
	test ! -s writer.err
'

test_expect_success "$SEARCHES searches during the updates: each succeeds" '
	test "$(wc -l < search.status)" = $SEARCHES &&
	test "$(grep -vcx 0 search.status)" = 0 &&
	test ! -s search.err
'

test_expect_success 'and each finds one version whole' '
	test "$(wc -l < search.titles)" = $SEARCHES &&
	one_version search.titles
'

test_expect_success "a --serve session of $REQUESTS requests: each answered" '
	test "$serve_status" = 0 &&
	test ! -s serve.err &&
	test "$(wc -l < serve.out)" = $REQUESTS &&
	test "$(grep -c "^{\"version\":1,\"query\":\"kbconc\"" serve.out)" = $REQUESTS
'

test_expect_success 'with one version whole each time' '
	titles_of < serve.out > serve.titles &&
	one_version serve.titles
'
echo "# kbsearch runs saw version 1, 2: $(cat search.titles.n 2>/dev/null)"
echo "# --serve requests saw version 1, 2: $(cat serve.titles.n 2>/dev/null)"

test_expect_success 'the searches saw both versions' '
	read s1 s2 < search.titles.n && test "$s1" -gt 0 && test "$s2" -gt 0 ||
	{ read r1 r2 < serve.titles.n && test "$r1" -gt 0 && test "$r2" -gt 0; }
'

# (b) Two writers: the first holds the lock while it waits to read a FIFO
# (it opens the index before it reads any file).
rm -f c/v.jsonl.tmp
mkfifo slow.jsonl
kbindex -q --db ix slow.jsonl c/v.jsonl > writer1.out 2> writer1.err &
writer1=$!
# should the writer die before opening the FIFO, free the blocked open
( sleep 30; exec 0< slow.jsonl ) < /dev/null > /dev/null 2>&1 &
watchdog=$!
exec 7> slow.jsonl

test_expect_success 'a second kbindex stops at once: the index is busy, exit 2' '
	cp v1.jsonl other.jsonl &&
	test_expect_code 2 kbindex --db ix other.jsonl > out 2> err &&
	test ! -s out &&
	echo "kbindex: cannot open index '"'"'ix'"'"' for writing: another kbindex is writing to it" > want &&
	test_cmp want err
'

test_expect_success 'and so does kbindex --delete' '
	test_expect_code 2 kbindex --db ix --delete c/v.jsonl 2> err &&
	test_cmp want err
'

LAST_RECORD='{"title": "kbconc 第二个写入者之后", "body": "锁释放之后才提交。"}'
printf '%s\n' "$LAST_RECORD" >&7
exec 7>&-
wait "$writer1"
writer1_status=$?
kill "$watchdog" 2> /dev/null

test_expect_success 'the first finishes, and the index equals a clean build' '
	test "$writer1_status" = 0 &&
	test ! -s writer1.err &&
	rm slow.jsonl &&
	printf "%s\n" "$LAST_RECORD" > slow.jsonl &&
	kbindex -q --db clean "$CORPUS" c/v.jsonl slow.jsonl 2> err &&
	kb-test-tool articles clean > want &&
	kb-test-tool articles ix > got &&
	test_cmp want got
'

test_done
