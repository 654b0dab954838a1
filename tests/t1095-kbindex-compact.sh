#!/bin/sh
# kbindex --compact: the index is rewritten by Xapian's compactor and put
# in place of the old one in one step.  It answers exactly as before, is
# smaller, leaves nothing beside it, and a kbsearch --serve session opened
# before the compaction goes on answering after it, and counts facets as
# before.  Errors: no index to compact, another writer, --delete without a
# PATH.
. "$top_srcdir/tests/lib.sh"

# size DIR: bytes of the files in DIR
size() {
	find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

test_expect_success 'an index of the bundled corpus, and its answers' '
	kbindex -q --batch 5 --db ix "$CORPUS" &&
	kbsearch --db ix --format json -n 50 医保 报销 > before.json &&
	kbsearch --db ix 异地就医 > before.txt &&
	kb-test-tool articles ix | sort > before.list &&
	test -s before.list &&
	size ix > before.size
'

# a --serve session that sends one request now and one after compaction
mkfifo requests
kbsearch --db ix --serve < requests > serve.out 2> serve.err &
serve=$!
exec 3> requests
echo "{\"query\":\"异地就医 报销\",\"limit\":20}" >&3
n=0
while [ "$(wc -l < serve.out)" -lt 1 ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done

test_expect_success '--compact alone: a smaller index, said so' '
	kbindex --compact --db ix > out 2> err &&
	test ! -s out &&
	sed "s/[0-9][0-9.]* MB/N MB/g" err > got &&
	echo "kbindex: compacted '"'"'ix'"'"': N MB, was N MB" > want &&
	test_cmp want got &&
	test "$(size ix)" -lt "$(cat before.size)"
'

echo "{\"query\":\"异地就医 报销\",\"limit\":20}" >&3
exec 3>&-
wait "$serve"
serve_status=$?

test_expect_success 'it answers exactly as before' '
	kbsearch --db ix --format json -n 50 医保 报销 > got.json &&
	test_cmp before.json got.json &&
	kbsearch --db ix 异地就医 > got.txt &&
	test_cmp before.txt got.txt &&
	kb-test-tool articles ix | sort > got.list &&
	test_cmp before.list got.list
'

test_expect_success 'nothing is left beside it' '
	ls -a > entries &&
	! grep "^ix\." entries
'

test_expect_success 'a --serve session opened before answers the same after' '
	test "$serve_status" = 0 &&
	test ! -s serve.err &&
	test "$(wc -l < serve.out)" = 2 &&
	sed -n 1p serve.out > first &&
	sed -n 2p serve.out > second &&
	test_cmp first second &&
	grep -q "\"hits\":\[{" first
'

test_expect_success 'indexing and compacting in one run' '
	mkdir more &&
	printf "{\"title\": \"kbcompact 新文章\", \"body\": \"门诊慢特病待遇\"}\n" > more/a.jsonl &&
	kbindex --compact --db ix more > out 2> err &&
	grep -q "^kbindex: indexed 1 file" err &&
	grep -q "^kbindex: compacted '"'"'ix'"'"'" err &&
	kbsearch --db ix kbcompact > got &&
	grep -q "kbcompact 新文章" got
'

# kbindex writes a facet column by docid (xc_db_update_facet_column);
# compaction renumbers the docids after the first ones were deleted, and
# the column must be written anew to count the facets as before.
test_expect_success 'compaction after deletions: the facets as before' '
	kbindex -q --db ixf "$CORPUS" &&
	first=$(ls "$CORPUS" | head -n 1) &&
	kbindex -q --delete --db ixf "$CORPUS/$first" &&
	kbsearch --db ixf --format json --facets -n 5 医保 > before.json &&
	grep -q "\"facets\":{\"province\":\[{" before.json &&
	kbindex --compact --db ixf 2> err &&
	grep -q "^kbindex: compacted" err &&
	kbsearch --db ixf --format json --facets -n 5 医保 > after.json &&
	test_cmp before.json after.json
'

test_expect_success 'no index to compact: an error, nothing created' '
	test_expect_code 2 kbindex --compact --db none 2> err &&
	echo "kbindex: cannot compact '"'"'none'"'"': no index there" > want &&
	test_cmp want err &&
	test ! -e none
'

test_expect_success '--delete needs a PATH' '
	test_expect_code 2 kbindex --compact --delete --db ix 2> err &&
	head -n 1 err > got &&
	echo "kbindex: --delete needs a PATH" > want &&
	test_cmp want got
'

test_done
