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

# How many tenths of a second a test waits for a program to answer before
# it gives up: valgrind makes every program tens of times slower.
WAIT_TENTHS=100
[ -n "${KB_VALGRIND-}" ] && WAIT_TENTHS=1200

# Under make check-valgrind (KB_VALGRIND set) each program a test starts by
# name runs under valgrind through tests/valgrind.sh: wrappers of the same
# names come first on PATH, and their reports go to $SCRATCH/.valgrind,
# which test_done checks.
if [ -n "${KB_VALGRIND-}" ]; then
	KB_VALGRIND_LOG=$SCRATCH/.valgrind
	mkdir "$KB_VALGRIND_LOG" "$SCRATCH/.vg-bin" || exit 1
	# a server may run the programs as another user (t3030)
	chmod 1777 "$KB_VALGRIND_LOG"
	for vg_prog in indexer/kbindex search/kbsearch search/kbsearch.cgi \
	    tests/helper/kb-test-tool; do
		cat > "$SCRATCH/.vg-bin/${vg_prog##*/}" <<-VGEOF || exit 1
		#!/bin/sh
		KB_VALGRIND='$KB_VALGRIND' KB_VALGRIND_LOG='$KB_VALGRIND_LOG' \\
		exec /bin/sh '$top_srcdir/tests/valgrind.sh' \\
			'$top_builddir/$vg_prog' "\$@"
		VGEOF
		chmod +x "$SCRATCH/.vg-bin/${vg_prog##*/}"
	done
	PATH="$SCRATCH/.vg-bin:$PATH"
fi

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
	if [ -n "${KB_VALGRIND-}" ]; then
		test_expect_success 'valgrind: no error, no leak in any program run' '
			! grep -l . "$KB_VALGRIND_LOG"/* 2>/dev/null &&
			echo "$(ls "$KB_VALGRIND_LOG" | wc -l) runs checked"
		'
		# the reports themselves, for the log
		cat "$KB_VALGRIND_LOG"/* 2>/dev/null | sed 's/^/# /'
	fi
	echo "1..$test_count"
	[ "$test_failed" = 0 ]
}

# test_skip TITLE REASON: a test that cannot run here, reported as skipped
# with the reason (never as passed).
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# Words that between them occur in the title of every article of $CORPUS,
# and a title is part of each of its passages: searching for them with
# --passages lists every passage of the corpus.
CORPUS_WORDS="医保 2025 脑缺氧 入睡 农村 社保 消防 退休 江门 深圳 广州 居民 缴费 泸州 天水"

# hit_titles JSON: the title of each hit of a kbsearch --format=json
# output, one a line, in rank order.
hit_titles() {
	grep -o '"rank":[0-9]*,"article_id":"[^"]*","title":"[^"]*"' "$1" |
		sed 's/.*,"title":"//; s/"$//'
}

# count_titles: "TITLE<TAB>N" for each title read on stdin, sorted.
count_titles() {
	sort | awk '$0 != t { if (n) print t "\t" n; t = $0; n = 0 }
		{ n++ } END { if (n) print t "\t" n }'
}

# listed_passages DB [WORD...]: "TITLE<TAB>N" for each article with
# passages kbsearch finds for WORD... (default $CORPUS_WORDS), N the number
# of its passages found.  Fails when kbsearch fails; empty when nothing
# is found.
listed_passages() {
	lp_db=$1
	shift
	# shellcheck disable=SC2086 # one word each
	[ $# -gt 0 ] || set -- $CORPUS_WORDS
	kbsearch --db "$lp_db" --format json --limit 1000 --passages -- "$@" \
		>"$SCRATCH/.hits.json"
	[ $? -le 1 ] || return 1
	hit_titles "$SCRATCH/.hits.json" | count_titles
}

# expected_passages FILE...: "TITLE<TAB>N" for each article of the corpus
# files as kb-test-tool splits them (an empty body still makes one
# passage), sorted; the same title twice counts once with the sum.
expected_passages() {
	for ep_file in "$@"; do
		kb-test-tool passages "$ep_file" || return 1
	done >"$SCRATCH/.passages" &&
	awk 'function flush() { if (t != "") n[t] += c ? c : 1 }
		/^# / { flush(); t = substr($0, 3); c = 0; next }
		/^\[/ { c++ }
		END { flush(); for (k in n) print k "\t" n[k] }' \
		"$SCRATCH/.passages" | sort
}

# sum_counts FILE: the sum of the N column of a "TITLE<TAB>N" list, and the
# number of lines: "LINES SUM".
sum_counts() {
	awk -F '\t' '{ s += $NF } END { print NR, s + 0 }' "$1"
}
