#!/bin/sh
# kbindex on the bundled corpus and on small fixtures: the summary line,
# --quiet, walking folders (nested, hidden, unsupported, links), JSON Lines
# and single-article .md/.txt input, and where the index goes by default.
. "$top_srcdir/tests/lib.sh"

FIX="$DATA/kbindex"
ONE="$CORPUS/000_6ee8b6b41e4321c1.txt"
TWO="$CORPUS/002_089c9026b7d6473a.txt"

# The bundled corpus: 2 files, 42 articles; 54 passages is the count of
# kb-test-tool (29 and 25), checked below against kbsearch's own listing.
test_expect_success 'kb-test-tool splits the corpus into 42 articles, 54 passages' '
	expected_passages "$ONE" "$TWO" > corpus.expected &&
	sum_counts corpus.expected > got &&
	echo "42 54" > want &&
	test_cmp want got &&
	expected_passages "$ONE" > one.expected &&
	expected_passages "$TWO" > two.expected &&
	echo "21 29" > want && sum_counts one.expected > got && test_cmp want got &&
	echo "21 25" > want && sum_counts two.expected > got && test_cmp want got
'

test_expect_success 'indexing the corpus prints the summary on stderr, exit 0' '
	kbindex --db ix "$CORPUS" > out 2> err &&
	test ! -s out &&
	echo "kbindex: indexed 2 files (0 unchanged), 42 articles, 54 passages; skipped 0 files" > want &&
	test_cmp want err
'

test_expect_success 'kbsearch lists every passage the summary counted, per article' '
	listed_passages ix > got &&
	test_cmp corpus.expected got
'

test_expect_success 'search finds articles of both files, with their source' '
	kbsearch --db ix --format json -n 1 脑缺氧 > out &&
	hit_titles out > got &&
	echo 脑缺氧是什么感觉 > want &&
	test_cmp want got &&
	grep -F -q "\"source\":\"$ONE\"" out &&
	kbsearch --db ix --format json -n 1 泸州 生育险 > out &&
	hit_titles out > got &&
	echo 泸州生育险8个月能报销吗 > want &&
	test_cmp want got &&
	grep -F -q "\"source\":\"$TWO\"" out
'

test_expect_success '--quiet prints nothing and still indexes' '
	kbindex --quiet --db quiet "$CORPUS" > out 2> err &&
	test ! -s out && test ! -s err &&
	kbindex -q --db quiet "$CORPUS" > out 2> err &&
	test ! -s out && test ! -s err &&
	listed_passages quiet > got &&
	test_cmp corpus.expected got
'

# tree/
#   README            no extension: skipped
#   a/b/one.txt       corpus file 000
#   a/notes.pdf       unsupported: skipped
#   a/.draft.md       hidden file: left out
#   .hidden/x.md      hidden folder: left out
#   c/loop -> ..      a link loop: named as skipped, walked once
#   c/pipe.txt        a FIFO: not a regular file
#   c/two.txt         corpus file 002
#   d/                empty
test_expect_success 'set up a tree with nested, hidden and unsupported files' '
	mkdir -p tree/a/b tree/.hidden tree/c tree/d &&
	cp "$ONE" tree/a/b/one.txt &&
	cp "$TWO" tree/c/two.txt &&
	echo "%PDF-1.4" > tree/a/notes.pdf &&
	echo "read me" > tree/README &&
	printf "# 隐藏草稿标题\n\n草稿正文不应进入索引。\n" > tree/a/.draft.md &&
	printf "# 隐藏目录标题\n\n隐藏目录正文不应进入索引。\n" > tree/.hidden/x.md &&
	ln -s .. tree/c/loop &&
	mkfifo tree/c/pipe.txt
'

test_expect_success 'a folder is walked recursively; skipped files are named' '
	kbindex --db tix tree 2> err &&
	cat > want <<-\EOF &&
	kbindex: indexed 2 files (0 unchanged), 42 articles, 54 passages; skipped 4 files
	kbindex: skipped '"'"'tree/README'"'"': unsupported file type
	kbindex: skipped '"'"'tree/a/notes.pdf'"'"': unsupported file type
	kbindex: skipped '"'"'tree/c/loop'"'"': a link to a folder already walked
	kbindex: skipped '"'"'tree/c/pipe.txt'"'"': not a regular file
	EOF
	test_cmp want err
'

test_expect_success 'the walked files are indexed once, under their paths' '
	listed_passages tix > got &&
	test_cmp corpus.expected got &&
	grep -o "\"source\":\"[^\"]*\"" "$SCRATCH/.hits.json" | sort -u > got &&
	printf "\"source\":\"%s\"\n" tree/a/b/one.txt tree/c/two.txt > want &&
	test_cmp want got
'

test_expect_success 'hidden files and folders are not indexed' '
	kbsearch --db tix --format json --passages -n 1000 \
		隐藏草稿标题 隐藏目录标题 草稿正文 > out &&
	hit_titles out > got &&
	test -s got &&
	! grep 隐藏 got
'

test_expect_success 'an index inside the walked folder is not read as corpus' '
	kbindex --db tree/d/idx tree 2> err &&
	test -f tree/d/idx/iamglass &&
	cat > want <<-\EOF &&
	kbindex: indexed 2 files (0 unchanged), 42 articles, 54 passages; skipped 4 files
	kbindex: skipped '"'"'tree/README'"'"': unsupported file type
	kbindex: skipped '"'"'tree/a/notes.pdf'"'"': unsupported file type
	kbindex: skipped '"'"'tree/c/loop'"'"': a link to a folder already walked
	kbindex: skipped '"'"'tree/c/pipe.txt'"'"': not a regular file
	EOF
	test_cmp want err
'

test_expect_success 'JSON Lines, .md and .txt articles are indexed' '
	kbindex --db fix "$FIX/records.jsonl" "$FIX/article.md" \
		"$FIX/article.txt" 2> err &&
	echo "kbindex: indexed 3 files (0 unchanged), 5 articles, 5 passages; skipped 0 files" > want &&
	test_cmp want err &&
	sort > want <<-\EOF &&
	长期护理保险申请条件	1
	异地长期居住人员备案说明	1
	新生儿出生后多久要办理参保	1
	灵活就业人员怎样参加职工医保	1
	门诊慢特病待遇认定流程	1
	EOF
	listed_passages fix 慢特病 灵活就业 新生儿 长期护理 长期居住 > got &&
	test_cmp want got
'

# title_of DB QUERY: the title of the first hit.
title_of() {
	kbsearch --db "$1" --format json -n 1 -- "$2" > hit.json &&
	hit_titles hit.json
}

test_expect_success 'each article is found by its words, with its exact title' '
	cat > want <<-\EOF &&
	门诊慢特病待遇认定流程
	灵活就业人员怎样参加职工医保
	新生儿出生后多久要办理参保
	长期护理保险申请条件
	异地长期居住人员备案说明
	EOF
	for q in 慢特病 灵活就业 新生儿 重度失能 随子女; do
		title_of fix "$q" || return 1
	done > got &&
	test_cmp want got
'

test_expect_success 'JSON Lines fields: id, category and date are kept' '
	kbsearch --db fix --format json -n 1 慢特病 > out &&
	grep -q "\"article_id\":\"rec-1\",\"title\":\"门诊慢特病待遇认定流程\"" out &&
	grep -q "\"category\":\"政策解读\",\"date\":\"2025-03-01\"" out &&
	kbsearch --db fix --format json -n 1 新生儿 > out &&
	grep -q "\"article_id\":\"3\",\"title\":\"新生儿出生后多久要办理参保\"" out
'

test_expect_success 'the .md title loses its "# ", the .txt title is line 1' '
	kbsearch --db fix --format json -n 1 重度失能 > out &&
	grep -F -q "\"passage\":\"失能等级评估达到重度失能的参保人，可以申请长期护理保险待遇。\n- 连续参加职工医保满两年\n- 经评估机构认定为重度失能\"" out &&
	kbsearch --db fix --format json -n 1 随子女 > out &&
	grep -F -q "\"passage\":\"退休后随子女到外地长期居住的参保人，应先办理异地长期居住备案，备案后在就医地定点医院直接结算。\"" out
'

# title_in_default QUERY: the first title kbsearch finds in the default
# index.
title_in_default() {
	kbsearch --format json -n 1 -- "$1" > hit.json &&
	hit_titles hit.json
}

# The default index: $KBSEARCH_DB, else $XDG_DATA_HOME/kbsearch/index
# (absolute only), else ~/.local/share/kbsearch/index.  Each test runs in
# a subshell and points HOME into the scratch directory, so nothing
# outside it is touched.
test_expect_success 'without --db or variables the index is under HOME' '
	mkdir home1 &&
	HOME="$SCRATCH/home1" && export HOME && unset XDG_DATA_HOME &&
	kbindex -q "$FIX/article.md" &&
	test -d home1/.local/share/kbsearch/index &&
	title_in_default 重度失能 > got &&
	echo 长期护理保险申请条件 > want &&
	test_cmp want got
'

test_expect_success 'an absolute XDG_DATA_HOME takes the place of HOME' '
	mkdir home2 &&
	HOME="$SCRATCH/home2" XDG_DATA_HOME="$SCRATCH/xdg" &&
	export HOME XDG_DATA_HOME &&
	kbindex -q "$FIX/article.txt" &&
	test -d xdg/kbsearch/index &&
	test ! -e home2/.local &&
	title_in_default 随子女 > got &&
	echo 异地长期居住人员备案说明 > want &&
	test_cmp want got
'

test_expect_success 'a relative XDG_DATA_HOME is ignored' '
	mkdir home3 &&
	HOME="$SCRATCH/home3" XDG_DATA_HOME=relative &&
	export HOME XDG_DATA_HOME &&
	kbindex -q "$FIX/article.txt" &&
	test ! -e relative &&
	test -d home3/.local/share/kbsearch/index
'

test_expect_success 'KBSEARCH_DB overrides both, --db overrides it' '
	mkdir home4 &&
	HOME="$SCRATCH/home4" XDG_DATA_HOME="$SCRATCH/xdg4" &&
	KBSEARCH_DB="$SCRATCH/envdb" &&
	export HOME XDG_DATA_HOME KBSEARCH_DB &&
	kbindex -q "$FIX/article.md" &&
	test -d envdb && test ! -e xdg4 && test ! -e home4/.local &&
	title_in_default 重度失能 > got &&
	echo 长期护理保险申请条件 > want &&
	test_cmp want got &&
	kbindex -q --db optdb "$FIX/article.txt" &&
	test_expect_code 1 kbsearch 随子女 > out &&
	title_of optdb 随子女 > got &&
	echo 异地长期居住人员备案说明 > want &&
	test_cmp want got
'

test_expect_success 'an empty KBSEARCH_DB counts as unset' '
	mkdir home5 &&
	HOME="$SCRATCH/home5" KBSEARCH_DB= XDG_DATA_HOME= &&
	export HOME KBSEARCH_DB XDG_DATA_HOME &&
	kbindex -q "$FIX/article.md" &&
	test -d home5/.local/share/kbsearch/index
'

test_expect_success 'with no location at all: exit 2 and say what to set' '
	unset HOME XDG_DATA_HOME KBSEARCH_DB &&
	test_expect_code 2 kbindex "$FIX/article.md" > out 2> err &&
	test ! -s out &&
	echo "kbindex: no index location: set KBSEARCH_DB or HOME, or use --db" > want &&
	test_cmp want err
'

test_done
