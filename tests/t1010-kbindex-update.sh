#!/bin/sh
# kbindex run again over an index: unchanged files are skipped and change
# nothing, a changed file has its articles replaced, a file is the same
# file however it is named, and --delete removes a file's articles (also
# once the file is gone from disk).
. "$top_srcdir/tests/lib.sh"

ONE="$CORPUS/000_6ee8b6b41e4321c1.txt"
TWO="$CORPUS/002_089c9026b7d6473a.txt"
OLD_TITLE=脑缺氧是什么感觉
NEW_TITLE=医保高原缺氧补贴怎么申请
NEW_BODY=高原缺氧补贴由参保地医保经办机构审核，申请人需提交常住地居住证明。

# queries QUERY...: the text and JSON output of kbsearch for each QUERY,
# one after the other, in q.out.
queries() {
	for q in 异地就医 备案 转移接续 "农村医保在外地医院可以用吗" 起付线; do
		kbsearch --db ix --color=never -- "$q" &&
		kbsearch --db ix --format json --passages -n 100 -- "$q" ||
			return 1
	done > q.out
}

# article_id TITLE: the id of the article with that title.
article_id() {
	kbsearch --db ix --format json -n 1000 -- $CORPUS_WORDS > ids.json &&
	grep -o "\"article_id\":\"[^\"]*\",\"title\":\"$1\"" ids.json |
		sed 's/^"article_id":"//; s/".*//'
}

test_expect_success 'set up: copies of the corpus files, a link to them' '
	mkdir c &&
	cp "$ONE" c/one.txt && cp "$TWO" c/two.txt &&
	chmod u+w c/one.txt c/two.txt &&
	ln -s c link &&
	expected_passages c/one.txt > one.expected &&
	expected_passages c/two.txt > two.expected &&
	expected_passages c/one.txt c/two.txt > both.expected &&
	echo "42 54" > want && sum_counts both.expected > got &&
	test_cmp want got
'

test_expect_success 'the first run indexes both files' '
	kbindex --db ix c 2> err &&
	echo "kbindex: indexed 2 files (0 unchanged), 42 articles, 54 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix > first.list &&
	test_cmp both.expected first.list &&
	queries && mv q.out first.q &&
	article_id 医保异地转移最新规定 > first.id &&
	test -s first.id
'

test_expect_success 'a second run finds both files unchanged' '
	cksum ix/*.glass > first.sums &&
	kbindex --db ix c 2> err &&
	echo "kbindex: indexed 2 files (2 unchanged), 0 articles, 0 passages; skipped 0 files" > want &&
	test_cmp want err
'

test_expect_success 'and changes nothing: same passages, same output byte for byte' '
	cksum ix/*.glass > got &&
	test_cmp first.sums got &&
	listed_passages ix > got &&
	test_cmp first.list got &&
	queries &&
	cmp first.q q.out
'

for name in ./c/one.txt "\$SCRATCH/c/one.txt" link/one.txt c//one.txt \
	./link/./one.txt alias.txt; do
	test_expect_success "the same file named $name is unchanged" '
		{ test -e alias.txt || ln -s c/one.txt alias.txt; } &&
		kbindex --db ix '"$name"' 2> err &&
		echo "kbindex: indexed 1 file (1 unchanged), 0 articles, 0 passages; skipped 0 files" > want &&
		test_cmp want err &&
		listed_passages ix > got &&
		test_cmp first.list got
	'
done

test_expect_success 'one file named three ways in one run is indexed once' '
	kbindex --db once c/one.txt ./c/one.txt alias.txt 2> err &&
	echo "kbindex: indexed 3 files (2 unchanged), 21 articles, 29 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages once > got &&
	test_cmp one.expected got
'

test_expect_success 'edit a related article of one.txt: title and body' '
	sed -e "s/^$OLD_TITLE\$/$NEW_TITLE/" \
	    -e "s/^轻度缺氧 :表现为思维迟钝.*/$NEW_BODY/" c/one.txt > new.txt &&
	mv new.txt c/one.txt &&
	test "$(grep -c "^$NEW_TITLE\$" c/one.txt)" = 1 &&
	test "$(grep -c "^$NEW_BODY\$" c/one.txt)" = 1 &&
	! grep -q "$OLD_TITLE" c/one.txt &&
	expected_passages c/one.txt > one.expected &&
	expected_passages c/one.txt c/two.txt > both.expected &&
	grep -q "^$NEW_TITLE	1\$" both.expected &&
	echo "42 54" > want && sum_counts both.expected > got &&
	test_cmp want got
'

test_expect_success 'reindexing (through the linked folder) replaces its articles' '
	kbindex --db ix link 2> err &&
	echo "kbindex: indexed 2 files (1 unchanged), 21 articles, 29 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp both.expected got
'

test_expect_success 'the old title is gone, the new one is found with its body' '
	listed_passages ix > got &&
	! grep "^$OLD_TITLE	" got &&
	kbsearch --db ix --format json -n 1 高原缺氧补贴 > out &&
	hit_titles out > got &&
	echo "$NEW_TITLE" > want &&
	test_cmp want got &&
	grep -F -q "\"passage\":\"$NEW_BODY\"" out &&
	grep -F -q "\"source\":\"link/one.txt\"" out
'

test_expect_success 'articles whose title did not change keep their id' '
	article_id 医保异地转移最新规定 > got &&
	test_cmp first.id got
'

test_expect_success '--delete removes the articles of a file' '
	listed_passages ix > before &&
	kbindex --db ix --delete ./c/two.txt > out 2> err &&
	test ! -s out &&
	echo "kbindex: deleted 1 file, 25 passages" > want &&
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp one.expected got &&
	echo "21 29" > want && sum_counts got > got.n && test_cmp want got.n
'

test_expect_success 'deleting it again is harmless and says so' '
	kbindex --db ix --delete c/two.txt 2> err &&
	cat > want <<-\EOF &&
	kbindex: deleted 0 files, 0 passages; 1 file was not in the index
	kbindex: '"'"'c/two.txt'"'"' was not in the index
	EOF
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp one.expected got
'

test_expect_success 'a deleted file is indexed anew on the next run' '
	kbindex --db ix c 2> err &&
	echo "kbindex: indexed 2 files (1 unchanged), 21 articles, 25 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp both.expected got
'

test_expect_success 'a file removed from disk is deleted by name (via the link)' '
	rm c/two.txt &&
	kbindex --db ix --delete link/two.txt 2> err &&
	echo "kbindex: deleted 1 file, 25 passages" > want &&
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp one.expected got
'

test_expect_success 'a removed file left in the index stays until deleted' '
	cp "$TWO" c/two.txt &&
	kbindex -q --db ix c &&
	rm c/two.txt &&
	kbindex --db ix c 2> err &&
	echo "kbindex: indexed 1 file (1 unchanged), 0 articles, 0 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp both.expected got &&
	kbindex -q --db ix --delete "$SCRATCH/c/two.txt" &&
	listed_passages ix > got &&
	test_cmp one.expected got
'

test_expect_success '--delete of a folder removes what its files gave' '
	kbindex --db ix --delete c 2> err &&
	echo "kbindex: deleted 1 file, 29 passages" > want &&
	test_cmp want err &&
	test_expect_code 1 kbsearch --db ix -- $CORPUS_WORDS > out
'

test_expect_success 'and the emptied index takes the files again' '
	cp "$TWO" c/two.txt &&
	kbindex --db ix c 2> err &&
	echo "kbindex: indexed 2 files (0 unchanged), 42 articles, 54 passages; skipped 0 files" > want &&
	test_cmp want err &&
	listed_passages ix > got &&
	test_cmp both.expected got
'

test_done
