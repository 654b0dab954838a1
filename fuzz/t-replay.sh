#!/bin/sh
# Run every fuzz target on its seed corpus and its regression inputs
# (fuzz/corpus/TARGET, fuzz/regressions/TARGET).  In an ordinary build the
# targets are replay programs (fuzz/replay.c); in a --enable-fuzzing build
# they are libFuzzer programs, which run the files named and stop.  A
# crash, a broken invariant, a leak or a sanitizer report fails the target.
: "${srcdir:?}" "${top_builddir:?}"
targets="reader encoding normalize facts query cgi"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/t-replay.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"

n=0
echo "1..$(echo $targets | wc -w)"
for t in $targets; do
	n=$((n + 1))
	set --
	for dir in "$srcdir/fuzz/corpus/$t" "$srcdir/fuzz/regressions/$t"; do
		[ -d "$dir" ] || continue
		for f in "$dir"/*; do
			[ -f "$f" ] && [ "${f##*/}" != README ] && set -- "$@" "$f"
		done
	done
	if [ $# = 0 ]; then
		echo "not ok $n - fuzz-$t: no inputs in fuzz/corpus/$t"
		continue
	fi
	if "$top_builddir/fuzz/fuzz-$t" "$@" >"$scratch/log" 2>&1; then
		echo "ok $n - fuzz-$t runs its $# seed and regression inputs"
	else
		echo "not ok $n - fuzz-$t on its $# seed and regression inputs"
		sed 's/^/# /' "$scratch/log" | tail -n 40
	fi
done
