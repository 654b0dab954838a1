#!/bin/sh
# The library API from outside: doc/examples/search-example.c, built
# against kbsearch.h and the shared libkbsearch as any program would be,
# searches an index of the bundled corpus.  The example reaches only what
# the shared library exports, so it also proves the public API suffices.
. "$top_srcdir/tests/lib.sh"

: "${KB_TEST_CC:?run through make check}"
EXAMPLE="$top_srcdir/doc/examples/search-example.c"
LIBTOOL="$top_builddir/libtool"

[ -f "$top_builddir/lib/libkbsearch.la" ] ||
	skip_all 'lib/libkbsearch.la is not built'
grep -q "^dlname='.\+'" "$top_builddir/lib/libkbsearch.la" ||
	skip_all 'no shared library (configured with --disable-shared)'

kbindex --quiet --db idx "$CORPUS" || exit 1

# shellcheck disable=SC2086 # the flags are lists of words
test_expect_success 'the example compiles with strict warnings and links' '
	$KB_TEST_CC -std=c11 -pedantic -Wall -Wextra -Werror $KB_TEST_CFLAGS \
		-I"$top_srcdir/lib" -c -o search-example.o "$EXAMPLE" &&
	"$LIBTOOL" --quiet --tag=CC --mode=link $KB_TEST_CC $KB_TEST_CFLAGS \
		$KB_TEST_LDFLAGS -o search-example search-example.o \
		"$top_builddir/lib/libkbsearch.la"
'

# A score depends on the whole index: it is checked for its form only.
test_expect_success 'hit, answer, passage with marked spans, facts' '
	./search-example idx 起付线 > out &&
	sed "s/^   score [0-9][0-9]*\.[0-9][0-9]$/   score N/" out |
		sed 6q > got &&
	cat > want <<-\EOT &&
	1 of about 1 hits for '"'"'起付线'"'"'

	1. 农村医保在外省住院可以报销比例  [健康新闻 2025-04-11]
	   score N
	   answer: 45%
	   45% 农村医疗保险(新农合)在外省住院的报销比例如下: 省级医院(三级) : [起付线]:700-1000元 报销比例:50%-55% 未备案或未转诊:1000元,报销比例40% 保底报销:20%,需自费更多费用 省外非定点医院 : [起付线]:1000元 报销比例:45% 未备案或未转诊:报销比例降低至35% 建议: 备案和转诊 :如果可能,尽量在就医前进行备案或转诊
	EOT
	test_cmp want got &&
	grep -qx "   money 起付线: 700-1000元" out &&
	grep -qx "   percent 报销比例: 35% (change=down)" out &&
	grep -qx "   insurance: 新农合" out &&
	! grep -q "^   category\|^   date" out
'

test_expect_success 'several hits, ranked, at most five' '
	./search-example idx "外省住院 起付线" > out &&
	sed -n "1s/ [0-9]* hits/ N hits/p" out > got &&
	echo "5 of about N hits for '"'"'外省住院 起付线'"'"'" > want &&
	test_cmp want got &&
	grep "^[0-9]\. " out | cut -d. -f1 > got &&
	printf "%s\n" 1 2 3 4 5 > want &&
	test_cmp want got &&
	sed -n 3p out > got &&
	echo "1. 农村医保在外省住院可以报销比例  [健康新闻 2025-04-11]" > want &&
	test_cmp want got
'

test_expect_success 'no hits: exit 1' '
	test_expect_code 1 ./search-example idx zzzqqq > out &&
	echo "0 of about 0 hits for '"'"'zzzqqq'"'"'" > want &&
	test_cmp want out
'

test_expect_success 'no index: exit 2, the message from kb_error_t' '
	test_expect_code 2 ./search-example missing 起付线 > out 2> err &&
	echo "search-example: no index at '"'"'missing'"'"'" > want &&
	test_cmp want err &&
	test ! -s out
'

test_expect_success 'nothing to search for: exit 2, message and status' '
	test_expect_code 2 ./search-example idx "" 2> err &&
	echo "search-example: query '"'"''"'"' has no words to search for (query has nothing to search for)" > want &&
	test_cmp want err
'

# shellcheck disable=SC2086
test_expect_success 'kbsearch.h compiles on its own, as C and as C++' '
	echo "#include <kbsearch.h>" > only.c &&
	$KB_TEST_CC -std=c99 -pedantic -Wall -Wextra -Werror \
		-I"$top_srcdir/lib" -fsyntax-only only.c &&
	$KB_TEST_CXX -std=c++11 -pedantic -Wall -Wextra -Werror \
		-I"$top_srcdir/lib" -fsyntax-only -x c++ only.c
'

test_done
