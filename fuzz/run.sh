#!/bin/sh
# fuzz/run.sh [SECONDS] - run every fuzz target for SECONDS each (default
# 60), on the available cores, and fail if any finds a crash, a leak, a
# timeout or a sanitizer error.
#
# The libFuzzer build is made if needed in $KB_FUZZ_BUILD (default
# _build/fuzz in the source tree) with --enable-fuzzing and clang.  Each
# target starts from a scratch copy of its seed corpus (fuzz/corpus/T) and
# its regression inputs, with its dictionary when it has one; what it
# finds (crash-*, leak-*, timeout-*) is kept in $KB_FUZZ_OUT (default
# BUILD/fuzz-out/T/), with the log.  Prints, per target, the executions
# and the coverage from libFuzzer's final stats, and writes BUILD/fuzz-run.trs
# (automake's test result format, one result per target) for CI to count.
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
targets="reader encoding normalize facts query cgi"

max_len() {
	case $1 in
	reader) echo 16384 ;;
	cgi) echo 4200 ;;
	query) echo 1024 ;;
	*) echo 4096 ;;
	esac
}

# One target: run by the parallel loop below as `run.sh --one T`.
if [ "${1:-}" = --one ]; then
	t=$2
	bin=$KB_FUZZ_BUILD/fuzz/fuzz-$t
	out=$KB_FUZZ_OUT/$t
	rm -rf "$out"
	mkdir -p "$out/corpus" "$out/artifacts"
	for d in "$src/fuzz/corpus/$t" "$src/fuzz/regressions/$t"; do
		[ -d "$d" ] || continue
		for f in "$d"/*; do
			[ -f "$f" ] && [ "${f##*/}" != README ] &&
				cp "$f" "$out/corpus/${d##*/}-${f##*/}"
		done
	done
	dict=
	[ -f "$src/fuzz/$t.dict" ] && dict=-dict=$src/fuzz/$t.dict
	TMPDIR=$out "$bin" -max_total_time="$KB_FUZZ_SECONDS" \
		-max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=25 \
		-print_final_stats=1 -artifact_prefix="$out/artifacts/" \
		$dict "$out/corpus" >"$out/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$out/log" | tail -n 1)
	cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$done_line" | sed -n 's/.*corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
	found=$(ls "$out/artifacts" 2>/dev/null | head -n 3 | tr '\n' ' ')
	if [ "$rc" = 0 ] && [ -z "$found" ]; then
		echo "PASS fuzz-$t: ${execs:-?} execs in ${KB_FUZZ_SECONDS}s, cov ${cov:-?} edges, ft ${ft:-?}, corpus ${corp:-?}"
	else
		echo "FAIL fuzz-$t: exit $rc after ${execs:-?} execs; found: ${found:-none}; log $out/log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: invariant)' "$out/log" |
			head -n 5 | sed 's/^/    /'
	fi
	exit 0
fi

KB_FUZZ_SECONDS=${1:-${KB_FUZZ_SECONDS:-60}}
case $KB_FUZZ_SECONDS in
''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS]" >&2; exit 2 ;;
esac
KB_FUZZ_BUILD=${KB_FUZZ_BUILD:-$src/_build/fuzz}
KB_FUZZ_OUT=${KB_FUZZ_OUT:-$KB_FUZZ_BUILD/fuzz-out}
export KB_FUZZ_SECONDS KB_FUZZ_BUILD KB_FUZZ_OUT
jobs=$(nproc 2>/dev/null || echo 2)

# the libFuzzer build
mkdir -p "$KB_FUZZ_BUILD" || exit 1
if [ ! -f "$KB_FUZZ_BUILD/Makefile" ]; then
	[ -x "$src/configure" ] || (cd "$src" && autoreconf -fi) || exit 1
	(cd "$KB_FUZZ_BUILD" && "$src/configure" -q --enable-fuzzing \
		CC=clang CXX=clang++ CFLAGS='-O1 -g' CXXFLAGS='-O1 -g') ||
		{ echo "fuzz/run.sh: configure --enable-fuzzing failed" >&2; exit 1; }
fi
make -C "$KB_FUZZ_BUILD" -j"$jobs" fuzz >/dev/null ||
	{ echo "fuzz/run.sh: building the fuzz targets failed" >&2; exit 1; }

echo "fuzz/run.sh: $KB_FUZZ_SECONDS s per target, $jobs at a time"
results=$KB_FUZZ_BUILD/fuzz-run.log
printf '%s\n' $targets | xargs -P "$jobs" -I T sh "$0" --one T | tee "$results"

# automake's .trs format, so CI counts one result per target
trs=$KB_FUZZ_BUILD/fuzz-run.trs
status=0
: >"$trs"
for t in $targets; do
	if grep -q "^PASS fuzz-$t:" "$results"; then
		echo ":test-result: PASS fuzz-$t" >>"$trs"
	else
		echo ":test-result: FAIL fuzz-$t" >>"$trs"
		status=1
	fi
done
echo ":global-test-result: $([ $status = 0 ] && echo PASS || echo FAIL)" >>"$trs"
exit $status
