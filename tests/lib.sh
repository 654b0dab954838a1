# lib.sh - what every shell test sources: TAP output, a scratch directory,
# and the checks (after git's test-lib).
#
#   . "$srcdir/tests/lib.sh"
#   test_expect_success 'title' 'commands'
#   test_done
#
# Each test runs in a fresh scratch directory ($SCRATCH, removed at exit)
# with the binaries on PATH.  Nothing is written outside it.

set -u
: "${top_srcdir:?run through make check}"
: "${top_builddir:?run through make check}"

PATH="$top_builddir/indexer:$top_builddir/search:$top_builddir/tests/helper:$PATH"
export PATH
KBSEARCH_DB=
unset KBSEARCH_DB
LC_ALL=C.UTF-8
export LC_ALL
CORPUS="$top_srcdir/corpus"
DATA="$top_srcdir/tests/data"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/kbtest.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH" || exit 1

test_count=0
test_failed=0

# test_expect_success TITLE COMMANDS: COMMANDS must succeed.
test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$SCRATCH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$SCRATCH/.out"
	fi
}

# skip_all REASON: the whole script is skipped, and says why.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# test_cmp EXPECTED ACTUAL: the files are the same, or show the difference.
test_cmp() {
	diff -u "$1" "$2"
}

# test_expect_code CODE COMMAND...: COMMAND exits with CODE.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "exit status $got, expected $want: $*" >&2
		return 1
	fi
	return 0
}

# titles FILE: the titles of a kbsearch text output, one per line.
test_done() {
	echo "1..$test_count"
	[ "$test_failed" = 0 ]
}
