#!/bin/sh
# kbindex's errors: the exact message and exit status for bad usage, files
# that cannot be read or are of no known type, an index path that is no
# index, a locked index and a malformed JSON Lines record; and after each
# failure the index that was there answers as before.
. "$top_srcdir/tests/lib.sh"

ONE="$CORPUS/000_6ee8b6b41e4321c1.txt"
TRY="Try 'kbindex --help' for more information."

# results: what the index ix answers, to compare before and after.
results() {
	listed_passages ix &&
	kbsearch --db ix --color=never 异地就医 备案 &&
	kbsearch --db ix --format json --passages -n 20 起付线
}

# still_searchable: ix answers as it did after the first run.
still_searchable() {
	results > results.now &&
	test_cmp results.first results.now
}

# expect_err LINE...: the last kbindex run wrote nothing on stdout and
# exactly LINE... (one each) on stderr.
expect_err() {
	printf '%s\n' "$@" > want &&
	test ! -s out &&
	test_cmp want err
}

test_expect_success 'set up: an index of the corpus' '
	kbindex -q --db ix "$CORPUS" &&
	results > results.first &&
	test "$(wc -l < results.first)" -gt 42
'

test_expect_success 'no PATH: usage error, exit 2, no index created' '
	test_expect_code 2 kbindex --db new > out 2> err &&
	expect_err "kbindex: no PATH given" "$TRY" &&
	test ! -e new
'

test_expect_success 'an unknown long option: usage error, exit 2' '
	test_expect_code 2 kbindex --db ix --frobnicate "$ONE" > out 2> err &&
	expect_err "kbindex: unrecognized option '"'"'--frobnicate'"'"'" "$TRY" &&
	still_searchable
'

test_expect_success 'an unknown short option: usage error, exit 2' '
	test_expect_code 2 kbindex --db ix -z "$ONE" > out 2> err &&
	expect_err "kbindex: invalid option -- '"'"'z'"'"'" "$TRY"
'

test_expect_success '--db without its argument: usage error, exit 2' '
	test_expect_code 2 kbindex --db > out 2> err &&
	expect_err "kbindex: option '"'"'--db'"'"' requires an argument" "$TRY"
'

test_expect_success 'a missing file: named, exit 2, the others indexed' '
	printf "# 缺失测试文章\n\n这一篇用来确认其他文件照常索引。\n" > other.md &&
	test_expect_code 2 kbindex --db ix2 nope.txt other.md > out 2> err &&
	expect_err \
		"kbindex: cannot access '"'"'nope.txt'"'"': No such file or directory" \
		"kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files; 1 error" &&
	kbsearch --db ix2 --format json -n 1 缺失测试文章 > hit.json &&
	hit_titles hit.json > got &&
	echo 缺失测试文章 > want &&
	test_cmp want got
'

test_expect_success 'a missing file on the existing index changes nothing' '
	test_expect_code 2 kbindex --db ix nope.txt > out 2> err &&
	expect_err \
		"kbindex: cannot access '"'"'nope.txt'"'"': No such file or directory" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success 'a file of another type named explicitly: exit 2' '
	echo "%PDF-1.4" > notes.pdf &&
	echo "plain words" > README &&
	test_expect_code 2 kbindex --db ix notes.pdf README > out 2> err &&
	expect_err \
		"kbindex: cannot index '"'"'notes.pdf'"'"': unsupported file type (expected .txt, .md, .json or .jsonl)" \
		"kbindex: cannot index '"'"'README'"'"': unsupported file type (expected .txt, .md, .json or .jsonl)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 2 errors" &&
	still_searchable
'

# chmod does not keep root from reading: as root, these two run kbindex as
# nobody (setpriv, from util-linux), when nobody can reach the programs;
# otherwise they cannot be made.
cp "$ONE" unreadable.txt
chmod 000 unreadable.txt
as_user=
if cat unreadable.txt > /dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
	command -v setpriv > /dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$(command -v kbindex)" --version > /dev/null 2>&1 &&
	chmod 755 "$SCRATCH" && chown -R 65534 ix; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ -z "$as_user" ] && cat unreadable.txt > /dev/null 2>&1; then
	test_skip 'an unreadable file: named with the reason, exit 2' \
		'chmod 000 does not stop this user (root?) from reading'
	test_skip 'an unreadable folder: named with the reason, exit 2' \
		'chmod 000 does not stop this user (root?) from reading'
else
	test_expect_success 'an unreadable file: named with the reason, exit 2' '
		test_expect_code 2 $as_user kbindex --db ix unreadable.txt > out 2> err &&
		expect_err \
			"kbindex: cannot open '"'"'unreadable.txt'"'"': Permission denied" \
			"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
		still_searchable
	'
	test_expect_success 'an unreadable folder: named with the reason, exit 2' '
		mkdir -p closed/inner &&
		cp "$ONE" closed/inner/a.txt &&
		chmod 000 closed/inner &&
		test_expect_code 2 $as_user kbindex --db ix closed > out 2> err
		status=$?
		chmod 755 closed/inner &&
		test $status = 0 &&
		expect_err \
			"kbindex: cannot read directory '"'"'closed/inner'"'"': Permission denied" \
			"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
		still_searchable
	'
fi
chmod 644 unreadable.txt

test_expect_success 'an --encoding iconv does not know: usage error, exit 2' '
	test_expect_code 2 kbindex --db new --encoding NO-SUCH-CODE "$ONE" \
		> out 2> err &&
	expect_err \
		"kbindex: invalid --encoding '"'"'NO-SUCH-CODE'"'"': not an encoding iconv knows" \
		"$TRY" &&
	test ! -e new
'

test_expect_success '--encoding with --delete: usage error, exit 2' '
	test_expect_code 2 kbindex --db ix --delete --encoding GB18030 "$ONE" \
		> out 2> err &&
	expect_err "kbindex: --encoding makes no sense with --delete" "$TRY" &&
	still_searchable
'

test_expect_success 'an index path that is a regular file: exit 2, file kept' '
	echo "not an index" > plain &&
	cp plain plain.orig &&
	test_expect_code 2 kbindex --db plain "$ONE" > out 2> err &&
	expect_err \
		"kbindex: cannot open index '"'"'plain'"'"' for writing: Not a directory" &&
	cmp plain.orig plain
'

test_expect_success 'an index path under a regular file: exit 2' '
	test_expect_code 2 kbindex --db plain/ix "$ONE" > out 2> err &&
	expect_err \
		"kbindex: cannot open index '"'"'plain/ix'"'"' for writing: Not a directory" &&
	cmp plain.orig plain
'

# A folder with other files in it is not made into an index: the index
# files would be mixed with them (think of --db pointing at the corpus).
test_expect_success 'a folder that holds files but no index: refused, untouched' '
	mkdir notes &&
	echo "meeting notes" > notes/todo.txt &&
	echo "x" > notes/data.bin &&
	ls -a notes > notes.before &&
	test_expect_code 2 kbindex --db notes "$ONE" > out 2> err &&
	expect_err \
		"kbindex: cannot create index in '"'"'notes'"'"': the folder is not empty and holds no index" &&
	ls -a notes > notes.after &&
	test_cmp notes.before notes.after
'

test_expect_success 'an empty folder becomes an index' '
	mkdir empty &&
	kbindex --db empty "$ONE" 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 21 articles, 29 passages; skipped 0 files" > want &&
	test_cmp want err
'

# A writer holds the lock while it waits to read from a FIFO: opening the
# FIFO for writing returns only once kbindex has opened it, and kbindex
# opens its index before it reads any file.
mkfifo slow.jsonl
kbindex --db ix slow.jsonl > writer.out 2> writer.err &
writer=$!
# should the writer die before opening the FIFO, free the blocked open
( sleep 30; exec 0< slow.jsonl ) < /dev/null > /dev/null 2>&1 &
watchdog=$!
exec 7> slow.jsonl

test_expect_success 'a locked index: the second writer stops, exit 2' '
	test_expect_code 2 kbindex --db ix "$ONE" > out 2> err &&
	expect_err \
		"kbindex: cannot open index '"'"'ix'"'"' for writing: another kbindex is writing to it"
'

test_expect_success 'while locked, the index answers as before' '
	still_searchable
'

printf '{"title": "锁定期间写入的记录", "body": "第一个写入者释放锁之后才提交。"}\n' >&7
exec 7>&-
wait "$writer"
writer_status=$?
kill "$watchdog" 2> /dev/null

test_expect_success 'the first writer finishes normally' '
	test "$writer_status" = 0 &&
	test ! -s writer.out &&
	echo "kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files" > want &&
	test_cmp want writer.err &&
	kbsearch --db ix --format json -n 1 锁定期间写入的记录 > hit.json &&
	hit_titles hit.json > got &&
	echo 锁定期间写入的记录 > want &&
	test_cmp want got
'

test_expect_success 'and the index is writable again' '
	kbindex --db ix --delete slow.jsonl 2> err &&
	echo "kbindex: deleted 1 file, 1 passage" > want &&
	test_cmp want err &&
	still_searchable
'

# A JSON Lines file with a malformed record is rejected as a whole: the
# message names file and line, none of its records is indexed, and what
# the index held from the file before is kept.  The other files of the
# run are indexed.  The file is not recorded as indexed, so the next run
# reports it again.
test_expect_success 'set up: a JSON Lines file, indexed' '
	cat > records.jsonl <<-\EOF &&
	{"title": "旧记录甲", "body": "旧记录甲的正文。"}
	{"title": "旧记录乙", "body": "旧记录乙的正文。"}
	EOF
	kbindex --db ix records.jsonl 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 2 articles, 2 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix 旧记录甲 旧记录乙 > all.list &&
	grep "^旧记录" all.list > old.list &&
	printf "旧记录乙\t1\n旧记录甲\t1\n" | sort > want &&
	test_cmp want old.list &&
	results > results.first
'

test_expect_success 'a malformed record: file:line named, exit 2' '
	cat > records.jsonl <<-\EOF &&
	{"title": "新记录一", "body": "新记录一的正文。"}
	{"title": "新记录二", "body": "新记录二的正文。"}
	{"title" "新记录三", "body": "少了冒号。"}
	{"title": "新记录四", "body": "新记录四的正文。"}
	EOF
	printf "# 同批次的好文件\n\n这个文件与坏文件一同索引。\n" > fine.md &&
	test_expect_code 2 kbindex --db ix records.jsonl fine.md > out 2> err &&
	expect_err \
		"kbindex: '"'"'records.jsonl'"'"':3: expected '"'"':'"'"' after object key" \
		"kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files; 1 error"
'

test_expect_success 'none of its records is indexed; its old articles stay' '
	listed_passages ix 新记录一 新记录二 新记录四 > got &&
	! grep "^新记录" got &&
	listed_passages ix 旧记录甲 旧记录乙 > all.list &&
	grep "^旧记录" all.list > got &&
	test_cmp old.list got
'

test_expect_success 'the other file of the run is indexed' '
	kbsearch --db ix --format json -n 1 同批次的好文件 > hit.json &&
	hit_titles hit.json > got &&
	echo 同批次的好文件 > want &&
	test_cmp want got &&
	kbindex -q --db ix --delete fine.md &&
	still_searchable
'

test_expect_success 'the next run reports the file again' '
	test_expect_code 2 kbindex --db ix records.jsonl > out 2> err &&
	expect_err \
		"kbindex: '"'"'records.jsonl'"'"':3: expected '"'"':'"'"' after object key" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success 'once repaired, the file replaces its old articles' '
	sed "s/\"title\" \"/\"title\": \"/" records.jsonl > fixed &&
	mv fixed records.jsonl &&
	kbindex --db ix records.jsonl 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 4 articles, 4 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix 新记录一 新记录二 新记录三 新记录四 旧记录甲 旧记录乙 > all.list &&
	grep "^[新旧]记录" all.list > got &&
	printf "新记录%s\t1\n" 一 二 三 四 | sort > want &&
	test_cmp want got
'

test_done
