#!/bin/sh
# The shared libkbsearch exports exactly the functions kbsearch.h declares
# (lib/libkbsearch.sym hides the rest), and the programs carry the library
# inside them instead of loading it.
. "$top_srcdir/tests/lib.sh"

SO="$top_builddir/lib/.libs/libkbsearch.so"
[ -f "$SO" ] || skip_all 'no shared library (configured with --disable-shared)'
command -v nm >/dev/null 2>&1 || skip_all 'nm is not installed'
command -v readelf >/dev/null 2>&1 || skip_all 'readelf is not installed'

# The functions of the header: declarations start in column 0, so names
# in comments and examples are not taken.
sed -n 's/^[a-z][^(*]*[ *]\(kb_[a-z0-9_]*\)(.*/\1/p' \
	"$top_srcdir/lib/kbsearch.h" | sort -u > declared

test_expect_success 'the header declares functions' '
	test "$(wc -l < declared)" -ge 20 &&
	grep -qx kb_db_search declared &&
	grep -qx kb_results_destroy declared
'

test_expect_success 'exported symbols are the functions of kbsearch.h' '
	nm -D --defined-only "$SO" | awk "{ print \$NF }" | sort -u > exported &&
	test_cmp declared exported
'

test_expect_success 'every export is a function' '
	nm -D --defined-only "$SO" | awk "\$2 != \"T\" { print }" > other &&
	test_cmp /dev/null other
'

test_expect_success 'no C++ or internal symbol leaks' '
	nm -D --defined-only "$SO" |
		grep -E " (_Z|xc_|seg_|norm_|dict_|enc_|buf_|arena_|kb_fail|kb_status_from_xc)" > leaked;
	test_cmp /dev/null leaked
'

test_expect_success 'the soname is libkbsearch.so.0' '
	readelf -d "$SO" | sed -n "s/.*(SONAME).*\[\(.*\)\]$/\1/p" > got &&
	echo libkbsearch.so.0 > want &&
	test_cmp want got
'

for prog in indexer/kbindex search/kbsearch; do
	test_expect_success "$prog is a program that does not load libkbsearch" '
		head -c 4 "$top_builddir/$prog" | od -An -c | tr -d " " > got &&
		echo "177ELF" > want &&
		test_cmp want got &&
		! readelf -d "$top_builddir/$prog" | grep -q "NEEDED.*libkbsearch"
	'
done

test_done
