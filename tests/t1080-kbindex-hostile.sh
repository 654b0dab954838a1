#!/bin/sh
# kbindex on hostile and broken input: bytes that are no UTF-8, encodings
# mixed in one file, a 200 MB file with no line break, a 1 MB title, an
# article over the limit, very many tiny articles, deep folders with a
# link loop, a folder with a false index and damaged index files.  Each
# gives a clear error or a safe result, memory stays bounded, and an
# index that was searchable stays searchable.  Big inputs are made here,
# in the scratch directory.
. "$top_srcdir/tests/lib.sh"

ONE="$CORPUS/000_6ee8b6b41e4321c1.txt"

# Under the sanitizers everything runs several times slower: the test of
# many articles uses fewer of them there.
case "${KB_TEST_CFLAGS:-}" in
*sanitize*) MANY=10000 ;;
*) MANY=100000 ;;
esac

# peak_kb FILE COMMAND...: run COMMAND with its peak resident set size, in
# kB, written to FILE; COMMAND's own exit status is kept.
if /usr/bin/time -f %M true > /dev/null 2>&1; then
	peak_kb() {
		pk_file=$1
		shift
		/usr/bin/time -o "$pk_file" -f %M "$@"
		pk_status=$?
		# time says so on its first line when the command failed
		pk_kb=$(tail -n 1 "$pk_file") &&
		echo "$pk_kb" > "$pk_file" &&
		return $pk_status
	}
	have_time=yes
else
	have_time=
fi

# below_mb FILE MB: the peak in FILE is below MB megabytes.
below_mb() {
	bm_kb=$(cat "$1") &&
	echo "peak RSS ${bm_kb} kB" &&
	test "$bm_kb" -lt $(($2 * 1024))
}

# expect_err LINE...: nothing on stdout, exactly LINE... on stderr.
expect_err() {
	printf '%s\n' "$@" > want &&
	test ! -s out &&
	test_cmp want err
}

# results: what the index ix answers, compared before and after.
results() {
	kbsearch --db ix --color=never 异地就医 备案 &&
	kbsearch --db ix --format json --passages -n 20 起付线
}

still_searchable() {
	results > results.now &&
	test_cmp results.first results.now
}

test_expect_success 'set up: an index of one corpus file' '
	kbindex -q --db ix "$ONE" &&
	results > results.first &&
	test "$(grep -c "^[0-9]*\. " results.first)" -gt 3
'

# Ten CJK characters of UTF-8 (30 bytes, then LF), then an overlong
# encoding of "/": C0 AF is no UTF-8, but it is GB18030, and so is the
# UTF-8 line read two bytes at a time.  Read as GB18030 the first line
# would be nonsense: the file is refused.
test_expect_success 'an overlong sequence after UTF-8 text: mixed, refused' '
	printf "医疗保险报销规定说明\n\300\257\n" > overlong.txt &&
	iconv -f GB18030 -t UTF-8 overlong.txt > /dev/null &&
	test_expect_code 2 kbindex --db ix overlong.txt > out 2> err &&
	expect_err \
		"kbindex: '"'"'overlong.txt'"'"': byte 31: invalid UTF-8 after UTF-8 text (mixed encodings)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success 'a UTF-8 line, then a GB18030 line: mixed, refused' '
	printf "医疗保险报销规定说明\n" > mixed.txt &&
	printf "异地就医备案办法说明\n" | iconv -f UTF-8 -t GB18030 >> mixed.txt &&
	test_expect_code 2 kbindex --db ix mixed.txt > out 2> err &&
	expect_err \
		"kbindex: '"'"'mixed.txt'"'"': byte 31: invalid UTF-8 after UTF-8 text (mixed encodings)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success 'a lone continuation byte: invalid UTF-8 and not GB18030' '
	printf "abc\n\200\n" > stray.txt &&
	test_expect_code 2 kbindex --db ix stray.txt > out 2> err &&
	expect_err \
		"kbindex: '"'"'stray.txt'"'"': byte 4: invalid UTF-8 and not GB18030" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error"
'

# With no UTF-8 text before it, an overlong form is read as the GB18030
# character it also is: a safe result, the same as iconv gives.
test_expect_success 'an overlong sequence in ASCII text is read as GB18030' '
	printf "abc\300\257\nbody words\n" > gbish.txt &&
	kbindex --db ix-gb gbish.txt 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files" > want &&
	test_cmp want err &&
	kbsearch --db ix-gb --format json body > out.json &&
	hit_titles out.json > got &&
	printf "abc\300\257" | iconv -f GB18030 -t UTF-8 > want &&
	echo >> want &&
	test_cmp want got
'

test_expect_success 'a UTF-8 and a GB18030 file in one run: both read' '
	printf "# 统一编码甲文章\n\n甲文章的正文。\n" > utf8.md &&
	printf "# 统一编码乙文章\n\n乙文章的正文。\n" |
		iconv -f UTF-8 -t GB18030 > gb.md &&
	kbindex --db ix-two utf8.md gb.md 2> err &&
	echo "kbindex: indexed 2 files (0 unchanged), 2 articles, 2 passages; skipped 0 files" > want &&
	test_cmp want err &&
	kbsearch --db ix-two --format json 统一编码 > out.json &&
	hit_titles out.json | sort > got &&
	printf "%s\n" 统一编码乙文章 统一编码甲文章 > want &&
	test_cmp want got
'

test_expect_success 'a file of NUL bytes only: byte 0 named' '
	head -c 4096 /dev/zero > zeros.jsonl &&
	test_expect_code 2 kbindex --db ix zeros.jsonl > out 2> err &&
	expect_err \
		"kbindex: '"'"'zeros.jsonl'"'"': byte 0: NUL byte" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

# 200 MB without a line break: refused as soon as the first MiB is read,
# so memory stays far below the file's size.
test_expect_success 'a 200 MB file with no line break: refused, memory bounded' '
	head -c 200000000 /dev/zero | tr "\000" "a" > huge.txt &&
	test "$(wc -c < huge.txt)" = 200000000 &&
	if test -n "$have_time"; then
		test_expect_code 2 peak_kb huge.rss kbindex --db ix huge.txt \
			> out 2> err &&
		below_mb huge.rss 100
	else
		test_expect_code 2 kbindex --db ix huge.txt > out 2> err
	fi &&
	rm -f huge.txt &&
	expect_err \
		"kbindex: '"'"'huge.txt'"'"' line 1: line is too long (over 1 MiB)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success 'a long line after CR LF lines: its number counts them' '
	printf "标题\r\n正文\r\n\r\n" > late.md &&
	head -c 1048577 /dev/zero | tr "\000" "b" >> late.md &&
	test_expect_code 2 kbindex --db ix late.md > out 2> err &&
	expect_err \
		"kbindex: '"'"'late.md'"'"' line 4: line is too long (over 1 MiB)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error"
'

test_expect_success 'a line of exactly 1 MiB is read' '
	{ echo 整整一兆字节的行; head -c 1048576 /dev/zero | tr "\000" "c"; echo; } > edge.md &&
	kbindex --db ix-edge edge.md 2> err &&
	sed "s/, [0-9]* passages;/, N passages;/" err > got &&
	echo "kbindex: indexed 1 file (0 unchanged), 1 article, N passages; skipped 0 files" > want &&
	test_cmp want got
'

# "医保报销" is 12 bytes: the first 1024 bytes of the title end inside
# its 342nd character, so 341 characters (1023 bytes) are kept.
test_expect_success 'a 1 MB title is cut to 1024 bytes at a character' '
	awk "BEGIN { for (i = 0; i < 83334; i++) printf \"医保报销\"; print \"\"; print \"长标题文章的正文。\" }" \
		> title.txt &&
	test "$(head -n 1 title.txt | wc -c)" = 1000009 &&
	kbindex --db ix-title title.txt 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files" > want &&
	test_cmp want err &&
	kbsearch --db ix-title --format json 长标题文章 > out.json &&
	hit_titles out.json > got &&
	awk "BEGIN { for (i = 0; i < 85; i++) printf \"医保报销\"; print \"医\" }" > want &&
	test_cmp want got &&
	test "$(wc -c < got)" = 1024
'

test_expect_success 'a 1 MB title in JSON Lines is cut the same way' '
	awk "BEGIN { printf \"{\\\"title\\\":\\\"\"; for (i = 0; i < 83334; i++) printf \"医保报销\"; print \"\\\",\\\"body\\\":\\\"记录正文。\\\"}\" }" \
		> title.jsonl &&
	kbindex --db ix-tj title.jsonl 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files" > want &&
	test_cmp want err &&
	kbsearch --db ix-tj --format json 记录正文 > out.json &&
	hit_titles out.json > got &&
	awk "BEGIN { for (i = 0; i < 85; i++) printf \"医保报销\"; print \"医\" }" > want &&
	test_cmp want got
'

# 5 MB of short lines make one article of a .txt file: over the 4 MiB an
# article may have.
test_expect_success 'an article over 4 MiB: refused by its first line' '
	{ echo 超长文章; echo; awk "BEGIN { for (i = 0; i < 131072; i++) print \"医保报销可以在异地使用吗。\" }"; } > long.txt &&
	test_expect_code 2 kbindex --db ix long.txt > out 2> err &&
	expect_err \
		"kbindex: '"'"'long.txt'"'"' line 1: article is too long (over 4 MiB)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success 'a JSON Lines record over 1 MiB: refused by its line' '
	printf "{\"title\":\"甲\",\"body\":\"短\"}\n{\"title\":\"乙\",\"body\":\"短\"}\n" > rec.jsonl &&
	awk "BEGIN { printf \"{\\\"title\\\":\\\"丙\\\",\\\"body\\\":\\\"\"; for (i = 0; i < 110000; i++) printf \"0123456789\"; print \"\\\"}\" }" >> rec.jsonl &&
	test_expect_code 2 kbindex --db ix rec.jsonl > out 2> err &&
	expect_err \
		"kbindex: '"'"'rec.jsonl'"'"' line 3: line is too long (over 1 MiB)" \
		"kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error" &&
	still_searchable
'

test_expect_success "$MANY one-line articles in one JSON Lines file: all there" '
	awk -v n=$MANY "BEGIN { for (i = 1; i <= n; i++) printf \"{\\\"title\\\":\\\"微型文章%d\\\",\\\"body\\\":\\\"微型正文%d\\\"}\n\", i, i }" > many.jsonl &&
	if test -n "$have_time"; then
		peak_kb many.rss kbindex --db ix-many many.jsonl 2> err &&
		below_mb many.rss 400
	else
		kbindex --db ix-many many.jsonl 2> err
	fi &&
	echo "kbindex: indexed 1 file (0 unchanged), $MANY articles, $MANY passages; skipped 0 files" > want &&
	test_cmp want err &&
	kbsearch --db ix-many --format json -n 1 微型正文 > out.json &&
	grep -q "\"total\":$MANY," out.json &&
	kbsearch --db ix-many --format json -n 1 "微型文章$MANY" > out.json &&
	hit_titles out.json > got &&
	echo "微型文章$MANY" > want &&
	test_cmp want got
'

test_expect_success "facets of $MANY matches are counted over some of them, and say so" '
	kbsearch --db ix-many --format json --facets -n 1 微型正文 > out.json &&
	grep -q "\"facets_partial\":true}$" out.json &&
	kbsearch --db ix-many --facets -n 1 微型正文 > out.txt &&
	grep -qx "facets (counted over the first 2000 matches):" out.txt &&
	KBSEARCH_DB=$(pwd)/ix-many KBSEARCH_CGI_CONF=/nonexistent/kbsearch.conf \
	REQUEST_METHOD=GET QUERY_STRING=q=%E5%BE%AE%E5%9E%8B%E6%AD%A3%E6%96%87 \
		kbsearch.cgi > page.html &&
	grep -q "<p class=\"facet-note\">计数仅含前 2000 条结果</p>" page.html &&
	kbsearch --db ix-many --format json --facets -n 1 "微型文章$MANY" > out.json &&
	! grep -q facets_partial out.json
'

test_expect_success "$MANY related articles in one page file: all there" '
	awk -v n=$MANY "BEGIN { print \"页面首篇\"; print \"页面首篇正文\"; print \"\"; print \"相关推荐\"; for (i = 1; i <= n; i++) printf \"相关短文%d\n短文正文%d\n\n\", i, i }" > many-page.txt &&
	if test -n "$have_time"; then
		peak_kb page.rss kbindex --db ix-page many-page.txt 2> err &&
		below_mb page.rss 400
	else
		kbindex --db ix-page many-page.txt 2> err
	fi &&
	echo "kbindex: indexed 1 file (0 unchanged), $((MANY + 1)) articles, $((MANY + 1)) passages; skipped 0 files" > want &&
	test_cmp want err &&
	kbsearch --db ix-page --format json -n 1 短文 > out.json &&
	grep -q "\"total\":$MANY," out.json
'

# 200 nested folders, a corpus file at the bottom and a link from there
# back to the top: the file is indexed once, the link named once.
test_expect_success '200 nested folders with a link loop at the bottom' '
	deep=deep &&
	i=1 &&
	while [ $i -lt 200 ]; do deep=$deep/d; i=$((i + 1)); done &&
	mkdir -p $deep &&
	printf "# 深层目录文章\n\n最深一层的正文。\n" > $deep/bottom.md &&
	ln -s "$SCRATCH/deep" $deep/loop &&
	kbindex --db ix-deep deep 2> err &&
	cat > want <<-EOF &&
	kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 1 file
	kbindex: skipped '"'"'$deep/loop'"'"': a link to a folder already walked
	EOF
	test_cmp want err &&
	kbsearch --db ix-deep --format json 深层目录文章 > out.json &&
	grep -o "\"source\":\"[^\"]*\"" out.json > got &&
	echo "\"source\":\"$deep/bottom.md\"" > want &&
	test_cmp want got
'

test_expect_success 'a folder whose iamglass is junk: refused, left as it was' '
	mkdir fake &&
	echo junk > fake/iamglass &&
	ls -a fake > fake.before &&
	test_expect_code 2 kbindex --db fake "$ONE" > out 2> err &&
	expect_err \
		"kbindex: cannot open index '"'"'fake'"'"' for writing: the index is damaged: DatabaseCorruptError: Couldn'"'"'t read enough (EOF)" &&
	ls -a fake > fake.after &&
	test_cmp fake.before fake.after &&
	echo junk > want &&
	test_cmp want fake/iamglass
'

# damage HOW TABLE: a copy of ix with TABLE damaged; HOW is cut (the file
# halved), empty (no bytes left) or overwrite (the header of every 8 KiB
# block set to 0xFF).
damage() {
	rm -rf "dmg-$1-$2" &&
	cp -R ix "dmg-$1-$2" &&
	dm_f="dmg-$1-$2/$2.glass" &&
	dm_size=$(wc -c < "$dm_f") &&
	case $1 in
	cut) truncate -s $((dm_size / 2)) "$dm_f" ;;
	empty) : > "$dm_f" ;;
	overwrite)
		dm_off=0
		while [ $dm_off -lt "$dm_size" ]; do
			printf "\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377" |
				dd of="$dm_f" bs=1 seek=$dm_off conv=notrunc 2> /dev/null ||
				return 1
			dm_off=$((dm_off + 8192))
		done ;;
	esac
}

# The message names the index and says it is damaged; Xapian's detail
# (which block) follows and is left out of the comparison.  kbindex is
# given a new file, so it must write.  The committed index stays as it was:
# its version file (iamglass: the revision and the root of every table) is
# unchanged byte for byte, and searching it fails as before, on the same
# block.  Xapian writes a commit's blocks into space the committed
# revision does not use before it switches to them, so when the damage is
# only found while committing, the table files may have grown or changed
# there: a table cut short and then written past its end reads zeros
# where it read nothing, and Xapian's words for the same block change
# ("EOF reading block 18", then "dir_end invalid in block 18").
# same_block: kbsearch's message with Xapian's words for a block it could
# not read left out, the block kept
same_block() {
	sed 's/: Database[A-Za-z]*Error: .* block \([0-9][0-9]*\)$/: block \1/'
}
printf "# 损坏索引里的新文章\n\n新文章的正文。\n" > fresh.md
for how_table in cut:postlist cut:docdata empty:termlist empty:position \
	overwrite:postlist overwrite:docdata; do
	how=${how_table%%:*}
	table=${how_table#*:}
	test_expect_success "a damaged index ($how $table.glass): exit 2, said so" '
		damage $how $table &&
		ix="dmg-$how-$table" &&
		(cd "$ix" && cksum iamglass) > sums.before &&
		test_expect_code 2 timeout 60 kbsearch --db "$ix" 异地就医 备案 \
			> out 2> err &&
		test ! -s out &&
		test "$(wc -l < err)" = 1 &&
		grep -q "^kbsearch: cannot [a-z ]*\(index '"'"'$ix'"'"'\)\{0,1\}: the index is damaged: Database[A-Za-z]*Error: " err &&
		same_block < err > search.before &&
		test_expect_code 2 timeout 60 kbindex --db "$ix" fresh.md \
			> out 2> err &&
		test ! -s out &&
		grep -q "^kbindex: cannot [a-z ]* index '"'"'$ix'"'"'[a-z ]*: the index is damaged: Database[A-Za-z]*Error: " err &&
		(cd "$ix" && cksum iamglass) > sums.after &&
		test_cmp sums.before sums.after &&
		test_expect_code 2 timeout 60 kbsearch --db "$ix" 异地就医 备案 \
			> out 2> err &&
		same_block < err > search.after &&
		test_cmp search.before search.after &&
		still_searchable
	'
done

test_done
