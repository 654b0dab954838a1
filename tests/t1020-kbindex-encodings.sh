#!/bin/sh
# Input encodings: a GB18030, a CRLF and a BOM copy of a corpus file are
# indexed exactly as the UTF-8 original; --encoding reads BIG5; a file in
# no known encoding is rejected by name and byte offset while the other
# files are still indexed.
. "$top_srcdir/tests/lib.sh"

FIX="$DATA/kbindex"
ONE="$CORPUS/000_6ee8b6b41e4321c1.txt"

# iconv_has ENC: iconv here converts UTF-8 to ENC.
iconv_has() {
	echo 醫保 | iconv -f UTF-8 -t "$1" > /dev/null 2>&1
}

# search_all DB [QUERY...]: kbsearch's text and JSON output for each QUERY
# (default: several about the corpus), without what depends on the file's
# path (source, article id).
search_all() {
	sa_db=$1
	shift
	[ $# -gt 0 ] || set -- 异地就医 转移接续 农村医保在外地医院可以用吗 起付线 \
		社保4246是第几档 消防
	for q in "$@"; do
		kbsearch --db "$sa_db" --color=never -- "$q" &&
		kbsearch --db "$sa_db" --format json --passages -n 100 -- "$q" ||
			return 1
	done > search.raw &&
	sed -e 's/ · source .*//' -e 's/"source":"[^"]*"//g' \
		-e 's/"article_id":"[^"]*"//g' search.raw
}

# index_copy NAME: index NAME.txt into its own index ix-NAME; the summary
# must be the one of the UTF-8 original.
index_copy() {
	kbindex --db "ix-$1" "$1.txt" 2> err &&
	echo "kbindex: indexed 1 file (0 unchanged), 21 articles, 29 passages; skipped 0 files" > want &&
	test_cmp want err
}

test_expect_success 'the UTF-8 original' '
	cp "$ONE" utf8.txt &&
	index_copy utf8 &&
	search_all ix-utf8 > utf8.out &&
	test "$(grep -c "^1\. " utf8.out)" = 6
'

if iconv_has GB18030; then
	test_expect_success 'a GB18030 copy is indexed as the original' '
		iconv -f UTF-8 -t GB18030 "$ONE" > gb18030.txt &&
		! cmp -s "$ONE" gb18030.txt &&
		index_copy gb18030 &&
		search_all ix-gb18030 > got &&
		test_cmp utf8.out got
	'
	test_expect_success 'converted back to UTF-8 in place it is unchanged' '
		kbindex -q --db ix-gb18030 gb18030.txt &&
		iconv -f GB18030 -t UTF-8 gb18030.txt > tmp &&
		mv tmp gb18030.txt &&
		kbindex --db ix-gb18030 gb18030.txt 2> err &&
		echo "kbindex: indexed 1 file (1 unchanged), 0 articles, 0 passages; skipped 0 files" > want &&
		test_cmp want err
	'
else
	test_skip 'a GB18030 copy is indexed as the original' \
		'iconv cannot convert to GB18030'
	test_skip 'converted back to UTF-8 in place it is unchanged' \
		'iconv cannot convert to GB18030'
fi

test_expect_success 'a CRLF copy is indexed as the original' '
	sed "s/\$/$(printf "\r")/" "$ONE" > crlf.txt &&
	test "$(grep -c "$(printf "\r")\$" crlf.txt)" = "$(sed -n "\$=" "$ONE")" &&
	index_copy crlf &&
	search_all ix-crlf > got &&
	test_cmp utf8.out got
'

test_expect_success 'a copy with a byte order mark is indexed as the original' '
	printf "\357\273\277" > bom.txt &&
	cat "$ONE" >> bom.txt &&
	index_copy bom &&
	search_all ix-bom > got &&
	test_cmp utf8.out got
'

test_expect_success 'the first title of the BOM copy has no BOM' '
	kbsearch --db ix-bom --format json -n 1 医保异地转移最新规定 > out &&
	hit_titles out > got &&
	echo 医保异地转移最新规定 > want &&
	test_cmp want got
'

if iconv_has BIG5; then
	test_expect_success '--encoding BIG5 reads a BIG5 file' '
		iconv -f UTF-8 -t BIG5 "$FIX/big5-source.md" > big5.md &&
		! cmp -s "$FIX/big5-source.md" big5.md &&
		kbindex --db ix-big5 --encoding BIG5 big5.md 2> err &&
		echo "kbindex: indexed 1 file (0 unchanged), 1 article, 1 passage; skipped 0 files" > want &&
		test_cmp want err &&
		kbsearch --db ix-big5 --format json -n 1 門診 報銷 > out &&
		hit_titles out > got &&
		echo 醫療保險門診報銷須知 > want &&
		test_cmp want got &&
		grep -F -q "\"passage\":\"參保人在定點醫院門診就醫，持醫保卡即可直接結算，個人只需支付自付部分。\"" out
	'
	test_expect_success 'and gives what the UTF-8 text gives' '
		cp "$FIX/big5-source.md" big5-utf8.md &&
		kbindex -q --db ix-big5-utf8 big5-utf8.md &&
		search_all ix-big5 門診 醫保卡 醫療保險門診報銷須知 > big5.out &&
		search_all ix-big5-utf8 門診 醫保卡 醫療保險門診報銷須知 > got &&
		test "$(grep -c "^1\. 醫療保險門診報銷須知\$" got)" = 3 &&
		test_cmp big5.out got
	'
	test_expect_success '--encoding BIG5 on a file that is not BIG5 names the byte' '
		printf "abc\n\377\377\n" > notbig5.md &&
		test_expect_code 2 kbindex --db ix-nb --encoding BIG5 notbig5.md 2> err &&
		cat > want <<-\EOF &&
		kbindex: '"'"'notbig5.md'"'"': byte 4: invalid BIG5
		kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error
		EOF
		test_cmp want err
	'
else
	for t in '--encoding BIG5 reads a BIG5 file' \
		'and gives what the UTF-8 text gives' \
		'--encoding BIG5 on a file that is not BIG5 names the byte'; do
		test_skip "$t" 'iconv cannot convert to BIG5'
	done
fi

# UTF-8 up to byte 17, then "caf\351" in Latin-1: \351 before a newline is
# no GB18030 either.
test_expect_success 'a file in no known encoding: file and byte named, exit 2' '
	printf "医保\n报销\ncaf\351\n" > latin1.txt &&
	cp "$ONE" good.txt &&
	test_expect_code 2 kbindex --db ix-mixed latin1.txt good.txt > out 2> err &&
	test ! -s out &&
	cat > want <<-\EOF &&
	kbindex: '"'"'latin1.txt'"'"': byte 17: invalid UTF-8 and not GB18030
	kbindex: indexed 1 file (0 unchanged), 21 articles, 29 passages; skipped 0 files; 1 error
	EOF
	test_cmp want err
'

test_expect_success 'the other file was indexed all the same' '
	search_all ix-mixed > got &&
	test_cmp utf8.out got
'

test_expect_success 'a NUL byte is no text: named with its offset' '
	printf "医保\000报销\n" > nul.txt &&
	test_expect_code 2 kbindex --db ix-mixed nul.txt 2> err &&
	cat > want <<-\EOF &&
	kbindex: '"'"'nul.txt'"'"': byte 6: NUL byte
	kbindex: indexed 0 files (0 unchanged), 0 articles, 0 passages; skipped 0 files; 1 error
	EOF
	test_cmp want err &&
	search_all ix-mixed > got &&
	test_cmp utf8.out got
'

test_done
