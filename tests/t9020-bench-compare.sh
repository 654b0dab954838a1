#!/bin/sh
# The benchmark harness's own checks, not its figures: bench/compare.sh
# refuses bad arguments before it measures anything, and bench-spawn
# fills "{}" with each query, takes exit status 1 as "nothing found" and
# stops on a failing command.
. "$top_srcdir/tests/lib.sh"

compare=$top_srcdir/bench/compare.sh
spawn=$top_builddir/bench/bench-spawn
printf '%s\n' '社保 卡' '医保' >queries.txt
mkdir corpus

test_expect_success 'compare.sh: usage without arguments' '
	test_expect_code 2 sh "$compare" 2>err &&
	echo "usage: compare.sh CORPUS_DIR QUERIES [OUT]" >expect &&
	test_cmp expect err
'

test_expect_success 'compare.sh: a corpus that does not exist' '
	test_expect_code 2 sh "$compare" nowhere queries.txt 2>err &&
	echo "compare.sh: cannot access '\''nowhere'\'': not a folder" >expect &&
	test_cmp expect err
'

test_expect_success 'compare.sh: a query file that cannot be read' '
	test_expect_code 2 sh "$compare" corpus missing.txt 2>err &&
	echo "compare.sh: cannot read '\''missing.txt'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'compare.sh: a bad number of runs' '
	BENCH_RUNS=x test_expect_code 2 sh "$compare" corpus queries.txt 2>err &&
	grep "^compare.sh: invalid number '\''x'\'' in BENCH_RUNS" err &&
	BENCH_RUNS=0 test_expect_code 2 sh "$compare" corpus queries.txt 2>err &&
	echo "compare.sh: BENCH_RUNS must be at least 1" >expect &&
	test_cmp expect err
'

test_expect_success 'compare.sh: a bad query filter' '
	BENCH_QUERY_FILTER=some test_expect_code 2 \
		sh "$compare" corpus queries.txt 2>err &&
	echo "compare.sh: invalid BENCH_QUERY_FILTER '\''some'\'': expected '\''present'\'' or '\''all'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'bench-spawn: fills {} and counts every query' '
	"$spawn" --queries=queries.txt --warmup=0 --repeat=2 \
		sh -c "printf \"%s\\n\" \"\$1\" >>seen" sh "<{}>" >out &&
	printf "%s\n" "<社保 卡>" "<医保>" "<社保 卡>" "<医保>" >expect &&
	test_cmp expect seen &&
	grep "^queries      2$" out &&
	grep "^searches     4 (2 timed passes after 0 warm-up)$" out
'

test_expect_success 'bench-spawn: --max, and exit status 1 is nothing found' '
	"$spawn" --queries=queries.txt --max=1 sh -c "exit 1" >out &&
	grep "^queries      1$" out &&
	grep "^searches     1 (1 timed pass after 1 warm-up)$" out
'

test_expect_success 'bench-spawn: a failing command stops it' '
	test_expect_code 2 "$spawn" --queries=queries.txt sh -c "exit 3" \
		2>err >out &&
	echo "bench-spawn: '\''sh'\'' failed (status 3) on query '\''社保 卡'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'bench-spawn: usage errors' '
	test_expect_code 2 "$spawn" true 2>err &&
	grep "^bench-spawn: no --queries given$" err &&
	test_expect_code 2 "$spawn" --queries=queries.txt 2>err &&
	grep "^bench-spawn: no COMMAND given$" err &&
	test_expect_code 2 "$spawn" --queries=queries.txt --drop-caches \
		--warmup=1 true 2>err &&
	grep "^bench-spawn: --drop-caches and --warmup=1" err
'

test_done
