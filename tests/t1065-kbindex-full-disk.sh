#!/bin/sh
# kbindex on a full disk: the index lives on a small tmpfs (4 MiB), holds
# the bundled corpus, and then a file is added whose index cannot fit.
# kbindex must stop with a message that names the index and says the disk
# is full, exit 2, and leave the index as it was: it still opens, and a
# search gives exactly what it gave before (the file is added in one
# batch, --batch 1000000, so that nothing of it is committed).  With small batches (--batch
# 50) the batches committed before the disk filled stay, each article
# whole.  Mounting needs root (as CI runs); elsewhere the test is skipped.
. "$top_srcdir/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "mounting a small tmpfs needs root"
mkdir disk
mount -t tmpfs -o size=4m kbtest-full disk 2> /dev/null ||
	skip_all "cannot mount a tmpfs here"
# unmount on every way out, before the scratch directory goes
trap 'cd / && umount "$SCRATCH/disk"; rm -rf "$SCRATCH"' EXIT
trap 'exit 1' HUP INT TERM
# under the sanitizers: a leak inside libxapian on the failed commit, and
# no table of the suppressions used after the message
LSAN_OPTIONS="suppressions=$top_srcdir/tests/lsan-full-disk.supp:print_suppressions=0"
export LSAN_OPTIONS

# 1000 articles from the lines of the corpus, distinct titles: an index
# of about 6 MB.
awk '{ sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
$0 == "" || $0 == "相关推荐" || /["\\]/ { next }
{ line[m++] = $0 }
END {
	for (i = 1; i <= 1000; i++) {
		body = ""
		for (j = 0; j < 2 + i % 5; j++)
			body = body (j ? "\\n" : "") line[(i * 7 + j) % m]
		printf "{\"title\": \"kbfull a%06d 第%d篇\", \"body\": \"%s\"}\n", \
			i, i, body
	}
}' "$CORPUS"/*.txt > big.jsonl

# the message, with Xapian's block number left out
full_message() {
	sed 's/block [0-9]* (/block N (/' "$1"
}

# articles DB: "TITLE<TAB>N" for each article in DB, sorted.
articles() {
	kb-test-tool articles "$1" > articles.raw &&
	awk -F '\t' '{ print $3 "\t" $2 }' articles.raw | sort
}

test_expect_success 'the bundled corpus fits, and answers' '
	kbindex -q --db disk/ix "$CORPUS" &&
	kbsearch --db disk/ix --format json 医保 报销 > before.json &&
	kbsearch --db disk/ix 社保 > before.txt &&
	articles disk/ix > before.list &&
	expected_passages "$CORPUS"/*.txt > want &&
	test_cmp want before.list
'

test_expect_success 'a file too large to fit: a clear error, exit 2' '
	test_expect_code 2 kbindex --batch 1000000 --db disk/ix big.jsonl \
		> out 2> err &&
	test ! -s out &&
	full_message err > got &&
	# the write that fails: a document, the pinyin map, or the commit
	for how in "write to index '"'"'disk/ix'"'"': " \
		   "write to index '"'"'disk/ix'"'"': cannot write the vocabulary map: " \
		   "commit to index '"'"'disk/ix'"'"': "; do
		echo "kbindex: cannot ${how}DatabaseError: Error writing block N (No space left on device)"
	done > allowed &&
	# or, when libxapian also fails to write as it undoes the commit
	# and cannot go on (xapian-c/xc-database.cc), said as such
	echo "kbindex: cannot commit to index '"'"'disk/ix'"'"': DatabaseError: Error writing block N (No space left on device); libxapian cannot go on after this error: the index keeps its last commit" >> allowed &&
	test "$(wc -l < got)" = 1 &&
	grep -qxF -f got allowed
'

test_expect_success 'the index is as it was: it opens and answers the same' '
	kbsearch --db disk/ix --format json 医保 报销 > got.json &&
	test_cmp before.json got.json &&
	kbsearch --db disk/ix 社保 > got.txt &&
	test_cmp before.txt got.txt &&
	articles disk/ix > got &&
	test_cmp before.list got
'

test_expect_success 'a second try fails the same way, and changes nothing' '
	test_expect_code 2 kbindex -q --batch 1000000 --db disk/ix big.jsonl \
		2> err &&
	full_message err > got &&
	grep -qxF -f got allowed &&
	articles disk/ix > got &&
	test_cmp before.list got
'

test_expect_success 'small batches: what was committed stays, each article whole' '
	umount disk && mount -t tmpfs -o size=4m kbtest-full disk &&
	kbindex -q --db disk/ix "$CORPUS" &&
	test_expect_code 2 kbindex -q --batch 50 --db disk/ix big.jsonl 2> err &&
	# Xapian says the disk is full, and, when the write fails as it
	# rolls back, that too ("..., and couldn'"'"'t open at the old revision")
	grep -q "^kbindex: cannot .*(No space left on device)" err &&
	kbsearch --db disk/ix 社保 > got.txt &&
	articles disk/ix > got &&
	expected_passages big.jsonl > big.list &&
	sort -m before.list big.list > all.list &&
	comm -13 all.list got > extra &&
	test ! -s extra &&
	comm -23 before.list got > lost &&
	test ! -s lost &&
	n=$(grep -c "^kbfull " got) &&
	echo "# $n of 1000 articles committed before the disk was full" &&
	test "$n" -gt 0 && test "$n" -lt 1000
'

test_done
