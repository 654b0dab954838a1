#!/bin/sh
# t0000-help-version.sh - --help, --version and usage errors of both
# programs, and that every long option in a program's option table appears
# in its --help and its man page, and nothing else does (the drift test).
#
# Plain POSIX sh with TAP output.  The harness exports top_srcdir and
# top_builddir.

: "${top_srcdir:?top_srcdir is not set}"
: "${top_builddir:?top_builddir is not set}"

n=0
failed=0
# every program runs through tests/valgrind.sh: under valgrind with
# make check-valgrind, else as it is
vg_run() {
	/bin/sh "$top_srcdir/tests/valgrind.sh" "$@"
}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/t0000.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
trap 'exit 1' HUP INT TERM

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

# check TITLE COMMAND...: one test passes when COMMAND succeeds
check() {
	title=$1
	shift
	if "$@"; then ok "$title"; else not_ok "$title"; fi
}

# same FILE EXPECTED: FILE holds exactly the text EXPECTED (one line)
same() {
	printf '%s\n' "$2" >"$scratch/expect"
	if cmp -s "$scratch/expect" "$1"; then
		return 0
	fi
	echo "# expected: $2"
	sed 's/^/# got:      /' "$1"
	return 1
}

# status CODE COMMAND...: run COMMAND, its output in $scratch/out and err
status() {
	want=$1
	shift
	vg_run "$@" >"$scratch/out" 2>"$scratch/err"
	got=$?
	[ "$got" -eq "$want" ] && return 0
	echo "# exit status $got, expected $want"
	sed 's/^/# stderr: /' "$scratch/err"
	return 1
}

config_value() {
	sed -n "s/^#define $1 \"\\(.*\\)\"\$/\\1/p" "$top_builddir/config.h"
}

version=$(config_value PACKAGE_VERSION)
bugs=$(config_value PACKAGE_BUGREPORT)
check "config.h gives the version" test -n "$version"
check "config.h gives the bug address" test -n "$bugs"

for prog in kbindex kbsearch; do
	case $prog in
	kbindex) bin=$top_builddir/indexer/kbindex
		src=$top_srcdir/indexer/kbindex.c ;;
	kbsearch) bin=$top_builddir/search/kbsearch
		src=$top_srcdir/search/kbsearch.c ;;
	esac
	man=$top_srcdir/doc/$prog.1

	check "$prog --help exits 0" status 0 "$bin" --help
	cp "$scratch/out" "$scratch/help"
	check "$prog --help writes nothing on stderr" test ! -s "$scratch/err"
	sed -n 1p "$scratch/help" | cut -c1-$((8 + ${#prog})) >"$scratch/line"
	check "$prog --help begins with the usage" \
		same "$scratch/line" "Usage: $prog "
	tail -n 1 "$scratch/help" >"$scratch/line"
	check "$prog --help ends with the bug address" \
		same "$scratch/line" "Report bugs to: <$bugs>"

	check "$prog --version exits 0" status 0 "$bin" --version
	sed -n 1p "$scratch/out" >"$scratch/line"
	check "$prog --version names program, package and version" \
		same "$scratch/line" "$prog (kbsearch) $version"
	check "$prog --version has a copyright line" \
		grep -q '^Copyright (C) [0-9]' "$scratch/out"

	check "$prog rejects an unknown option with 2" \
		status 2 "$bin" --no-such-option x
	check "$prog says nothing on stdout for a usage error" \
		test ! -s "$scratch/out"
	sed -n 1p "$scratch/err" >"$scratch/line"
	check "$prog reports the unknown option under its own name" \
		same "$scratch/line" "$prog: unrecognized option '--no-such-option'"
	tail -n 1 "$scratch/err" >"$scratch/line"
	check "$prog points to --help after a usage error" \
		same "$scratch/line" "Try '$prog --help' for more information."

	# The option table: lines `{ "name", xxx_argument, ...` in the source.
	sed -n 's/^[	 ]*{ "\([a-z][a-z-]*\)", [a-z]*_argument,.*/\1/p' \
		"$src" | sort >"$scratch/table"
	check "$prog: the option table is found in its source" \
		test "$(wc -l <"$scratch/table")" -ge 4
	check "$prog: the man page exists" test -f "$man"
	for opt in $(cat "$scratch/table"); do
		check "$prog --help describes --$opt" \
			grep -Eq -- "--$opt([^a-z-]|\$)" "$scratch/help"
		# roff writes every hyphen of an option as \-
		mopt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		check "$prog.1 describes --$opt" \
			grep -Eq -- "\\\\-\\\\-$mopt([^a-z\\]|\$)" "$man"
	done

	# and the other way: nothing documented that the table lacks
	grep -Eo -- '--[a-z][a-z-]*' "$scratch/help" | sed 's/^--//' |
		sort -u | comm -23 - "$scratch/table" >"$scratch/extra"
	check "$prog --help names no option the table lacks" \
		test ! -s "$scratch/extra"
	sed 's/^/# stale: --/' "$scratch/extra"
	grep -Eo -- '\\-\\-[a-z]([a-z]|\\-)*' "$man" | sed 's/\\-/-/g; s/^--//' |
		sort -u | comm -23 - "$scratch/table" >"$scratch/extra"
	check "$prog.1 names no option the table lacks" \
		test ! -s "$scratch/extra"
	sed 's/^/# stale: --/' "$scratch/extra"

	if command -v groff >/dev/null 2>&1; then
		LC_ALL=C groff -k -man -Tutf8 -ww -z "$man" >"$scratch/out" \
			2>"$scratch/err"
		check "$prog.1 formats without warnings" test ! -s "$scratch/err"
		sed 's/^/# /' "$scratch/err"
	else
		n=$((n + 1))
		echo "ok $n - $prog.1 formats without warnings # SKIP no groff"
	fi
done

# Arguments kbsearch rejects before it looks for an index.
kbsearch=$top_builddir/search/kbsearch
try="Try 'kbsearch --help' for more information."
for args in "--limit abc|invalid --limit 'abc': expected a number from 1 to 1000" \
	    "--limit 0|invalid --limit '0': expected a number from 1 to 1000" \
	    "--limit 1001|invalid --limit '1001': expected a number from 1 to 1000" \
	    "--limit 5x|invalid --limit '5x': expected a number from 1 to 1000" \
	    "--offset -1|invalid --offset '-1': expected a number from 0 to 100000" \
	    "--offset 100001|invalid --offset '100001': expected a number from 0 to 100000" \
	    "--format xml|invalid --format 'xml': expected 'text' or 'json'" \
	    "--color=pink|invalid --color 'pink': expected 'auto', 'always' or 'never'"; do
	opt=${args%%|*}
	msg=${args#*|}
	# shellcheck disable=SC2086 # the option and its value are two words
	check "kbsearch $opt exits 2" status 2 "$kbsearch" $opt x
	printf 'kbsearch: %s\n%s\n' "$msg" "$try" >"$scratch/expect"
	check "kbsearch $opt says why" cmp -s "$scratch/expect" "$scratch/err"
done

for q in "" "   "; do
	check "kbsearch '$q' exits 2" status 2 "$kbsearch" --db "$scratch" "$q"
	printf 'kbsearch: empty query\n%s\n' "$try" >"$scratch/expect"
	check "kbsearch '$q' is an empty query" \
		cmp -s "$scratch/expect" "$scratch/err"
done
check "kbsearch without words exits 2" status 2 "$kbsearch" --db "$scratch"

check "kbindex without PATH exits 2" status 2 \
	"$top_builddir/indexer/kbindex" --db "$scratch/ix"
printf 'kbindex: no PATH given\nTry '\''kbindex --help'\'' for more information.\n' \
	>"$scratch/expect"
check "kbindex without PATH says so" cmp -s "$scratch/expect" "$scratch/err"
check "kbindex without PATH creates no index" test ! -e "$scratch/ix"

echo "1..$n"
[ "$failed" -eq 0 ]
