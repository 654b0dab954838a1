#!/bin/sh
# kbindex --shards: every article in exactly one shard, a vocab database
# of no documents listed first, and kbsearch over the sharded folder gives
# what one index gives, for every judged query, also after incremental and
# --delete runs.
. "$top_srcdir/tests/lib.sh"

grep -v '^#' "$top_srcdir/tests/relevance/judged.tsv" | cut -f2 |
	grep -v '^$' > queries || exit 1

# search_all DB...: the JSON of every query, 20 hits each
search_all() {
	dbs=
	for d in "$@"; do dbs="$dbs --db=$d"; done
	while IFS= read -r q; do
		kbsearch $dbs --format=json -n 20 -- "$q" || echo "failed: $q"
	done < queries
}

test_expect_success 'one index and two shards of the corpus' '
	kbindex --quiet --db one "$CORPUS" &&
	kbindex --quiet --shards 2 --db two "$CORPUS" &&
	test -f two/XAPIANDB && test -d two/shard-0 && test -d two/shard-1
'

test_expect_success 'the stub lists the vocab database, then the two shards' '
	printf "%s\n" "# kbsearch sharded index (kbindex --shards)" \
		"auto vocab" "auto shard-0" "auto shard-1" > stub.expected &&
	test_cmp stub.expected two/XAPIANDB
'

# delve_stat DB WHAT: the "WHAT = value" line of xapian-delve DB
delve_stat() {
	xapian-delve "$1" | sed -n "s/^$2 = //p"
}

test_expect_success 'vocab holds no document, so the statistics are one index'"'"'s' '
	test "$(delve_stat two/vocab "number of documents")" = 0 &&
	test "$(delve_stat two "number of documents")" = 54 &&
	test "$(delve_stat one "number of documents")" = 54 &&
	delve_stat one "average document length" > avg.one &&
	delve_stat two "average document length" > avg.two &&
	test -s avg.one && test_cmp avg.one avg.two
'

test_expect_success 'every article is in exactly one shard, and counts add up' '
	xapian-delve -a -1 one | grep "^XA" | sort > one.articles &&
	xapian-delve -a -1 two/shard-0 | grep "^XA" > s0 &&
	xapian-delve -a -1 two/shard-1 | grep "^XA" > s1 &&
	test -s s0 && test -s s1 &&
	sort s0 s1 > two.articles &&
	test_cmp one.articles two.articles &&
	test "$(wc -l < one.articles)" = 42 &&
	n0=$(xapian-delve two/shard-0 | sed -n "s/^number of documents = //p") &&
	n1=$(xapian-delve two/shard-1 | sed -n "s/^number of documents = //p") &&
	test $((n0 + n1)) = 54
' 

test_expect_success 'every judged query: the same hits, order and facts' '
	search_all one > one.out &&
	search_all two > two.out &&
	test $(grep -c "^{\"version\"" one.out) = $(wc -l < queries) &&
	test_cmp one.out two.out
'

test_expect_success 'the shards as two --db give the same' '
	search_all two/shard-0 two/shard-1 > parts.out &&
	test_cmp one.out parts.out
'

test_expect_success 'vocab and the shards as three --db give the same' '
	search_all two/vocab two/shard-0 two/shard-1 > three.out &&
	test_cmp one.out three.out
'

test_expect_success 'a second run without --shards keeps them; unchanged files are skipped' '
	kbindex --db two "$CORPUS" 2> err &&
	echo "kbindex: indexed 2 files (2 unchanged), 0 articles, 0 passages; skipped 0 files" > expected &&
	test_cmp expected err
'

test_expect_success 'a changed file is replaced in its shards; --delete finds every one' '
	mkdir c && cp "$CORPUS"/*.txt c/ &&
	kbindex --quiet --db one2 c && kbindex --quiet --shards 2 --db two2 c &&
	printf "\n\n补充说明\n\n新增段落。\n" >> c/000_6ee8b6b41e4321c1.txt &&
	kbindex --quiet --db one2 c && kbindex --quiet --db two2 c &&
	search_all one2 > a.out && search_all two2 > b.out &&
	test_cmp a.out b.out &&
	kbindex --delete --db two2 c/000_6ee8b6b41e4321c1.txt 2> err &&
	grep "^kbindex: deleted 1 file" err &&
	n=$(delve_stat two2 "number of documents") &&
	kbindex --delete --db one2 c/000_6ee8b6b41e4321c1.txt 2>/dev/null &&
	m=$(delve_stat one2 "number of documents") &&
	test "$n" = "$m" && test "$n" -gt 0 &&
	test "$(delve_stat two2/vocab "number of documents")" = 0
'

test_expect_success 'after the --delete run, every judged query as one index' '
	search_all one2 > a.out && search_all two2 > b.out &&
	test $(grep -c "^{\"version\"" a.out) = $(wc -l < queries) &&
	test_cmp a.out b.out
'

test_expect_success 'an index made before vocab is searched; the next run adds it' '
	kbindex --quiet --shards 2 --db old "$CORPUS" &&
	rm -r old/vocab &&
	printf "%s\n" "# kbsearch sharded index (kbindex --shards)" \
		"auto shard-0" "auto shard-1" > old/XAPIANDB &&
	search_all old > old.out &&
	test_cmp one.out old.out &&
	kbindex --db old "$CORPUS" 2> err &&
	echo "kbindex: indexed 2 files (2 unchanged), 0 articles, 0 passages; skipped 0 files" > expected &&
	test_cmp expected err &&
	test_cmp stub.expected old/XAPIANDB &&
	test "$(delve_stat old/vocab "number of documents")" = 0 &&
	test_expect_code 1 kbsearch --db old/vocab --format=json 医保 > v.json &&
	grep -o "\"expansions\":\[[^]]*\]" v.json > v.exp &&
	echo "\"expansions\":[{\"kind\":\"synonym\",\"from\":\"医保\",\"to\":\"医疗保险\"},{\"kind\":\"synonym\",\"from\":\"医保\",\"to\":\"基本医疗保险\"}]" > expected &&
	test_cmp expected v.exp
'

test_expect_success 'a different shard count is refused' '
	test_expect_code 2 kbindex --shards 3 --db two "$CORPUS" 2> err &&
	echo "kbindex: index '\''two'\'' has 2 shards, not 3: index into a new folder to change their number" > expected &&
	test_cmp expected err
'

test_expect_success 'a sharded count on an index of one shard is refused' '
	test_expect_code 2 kbindex --shards 2 --db one "$CORPUS" 2> err &&
	echo "kbindex: index '\''one'\'' has 1 shard, not 2: index into a new folder to change their number" > expected &&
	test_cmp expected err
'

for bad in 0 abc 65 ""; do
	test_expect_success "--shards '$bad' is a usage error" "
		test_expect_code 2 kbindex --shards '$bad' --db x \"\$CORPUS\" 2> err &&
		head -n 1 err > got &&
		echo \"kbindex: invalid --shards '$bad': expected a number from 1 to 64\" > expected &&
		test_cmp expected got && test ! -e x
	"
done

test_done
