#!/bin/sh
# kbindex killed (SIGKILL) at various points of a run: each time the index
# still opens, answers, and holds a state some run committed, in which
# every article present has all its passages; a normal run then completes
# the index.
#
# The library commits every 20000 passages (BATCH_PASSAGES in lib/index.c,
# with no option to lower it) and at the end.  A corpus that large takes
# too long to index here, so the runs below make one commit each: the
# committed states are the index before the run and after it.  Two kinds
# of run are killed: one adding a new file to an index that holds another,
# and one replacing the articles of a changed file (the old articles must
# stay until the new ones are committed: never both, never neither).
. "$top_srcdir/tests/lib.sh"

# Articles generated from the lines of the corpus: article I has 2 to 6
# lines (1 to 3 passages) and the title "TAG aNNNNNN 第I篇".  Lines with a
# quote or backslash are left out, so no JSON escaping is needed.
cat > gen.awk <<'EOF'
{ sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
$0 == "" || $0 == "相关推荐" || /["\\]/ { next }
{ line[m++] = $0 }
END {
	for (i = from; i <= to; i++) {
		body = ""
		for (j = 0; j < 2 + i % 5; j++)
			body = body (j ? "\\n" : "") line[(i * 7 + j) % m]
		printf "{\"title\": \"%s a%06d 第%d篇\", \"body\": \"%s\"}\n", \
			tag, i, i, body
	}
}
EOF

# gen FROM TO TAG: articles FROM to TO as JSON Lines.
gen() {
	awk -v from="$1" -v to="$2" -v tag="$3" -f gen.awk "$CORPUS"/*.txt
}

# all_passages DB: "TITLE<TAB>N" for every generated article in DB, N its
# passages, read page by page (kbsearch returns at most 1000 hits).
all_passages() {
	ap_offset=0
	: > ap.titles
	while :; do
		kbsearch --db "$1" --format json --passages -n 1000 \
			--offset "$ap_offset" -- kbrec kbnew > ap.json
		[ $? -le 1 ] || return 1
		hit_titles ap.json > ap.page
		cat ap.page >> ap.titles
		[ "$(wc -l < ap.page)" -eq 1000 ] || break
		ap_offset=$((ap_offset + 1000))
	done
	count_titles < ap.titles
}

# now_ms: a clock in milliseconds, or nothing where date cannot say.
now_ms() {
	ns=$(date +%s%N 2> /dev/null)
	case $ns in
	*[!0-9]*|'') ;;
	*) echo $((ns / 1000000)) ;;
	esac
}

PART1=50
LAST=500

test_expect_success 'generate the corpus: a small and a large file' '
	mkdir a b &&
	gen 1 $PART1 kbrec > a/part1.jsonl &&
	gen $((PART1 + 1)) $LAST kbrec > a/part2.jsonl &&
	cp a/part1.jsonl a/part2.jsonl b/ &&
	gen $((PART1 + 1)) $LAST kbnew > part2-new.jsonl &&
	test "$(wc -l < a/part2.jsonl)" = $((LAST - PART1)) &&
	expected_passages a/part1.jsonl > small.expected &&
	expected_passages a/part1.jsonl a/part2.jsonl > old.expected &&
	expected_passages a/part1.jsonl part2-new.jsonl > new.expected &&
	sum_counts small.expected > got &&
	test "$(cut -d " " -f 1 got)" = $PART1 &&
	sum_counts old.expected > got &&
	test "$(cut -d " " -f 1 got)" = $LAST &&
	test "$(cut -d " " -f 2 got)" -gt $((LAST + LAST / 4))
'

test_expect_success 'the starting index: the small file only' '
	kbindex -q --db ix-a a/part1.jsonl &&
	all_passages ix-a > got &&
	test_cmp small.expected got
'

start=$(now_ms)
test_expect_success 'a complete run: every article with all its passages' '
	kbindex -q --db ix-b b/part1.jsonl b/part2.jsonl &&
	all_passages ix-b > got &&
	test_cmp old.expected got
'
end=$(now_ms)

# Kill delays, in seconds: spread over the length of the complete run, or
# fixed where there is no clock fine enough.
if [ -n "$start" ] && [ -n "$end" ]; then
	delays=$(awk -v ms=$((end - start)) 'BEGIN {
		n = split("0.1 0.35 0.6 0.85 1.5", f)
		for (i = 1; i <= n; i++) printf "%.3f ", ms * f[i] / 1000 }')
else
	delays="0.1 0.35 0.6 0.85 1.5"
fi
echo "# complete run: ${start:+$((end - start)) ms}; kill after: $delays"

# run_killed DB DELAY FILE...: kbindex on FILE... into DB, killed after
# DELAY seconds; "killed" or "finished" in run.how.
run_killed() {
	rk_db=$1 rk_delay=$2
	shift 2
	kbindex -q --db "$rk_db" "$@" > /dev/null 2>&1 &
	rk_pid=$!
	sleep "$rk_delay"
	kill -9 "$rk_pid" 2> /dev/null
	wait "$rk_pid"
	case $? in
	0) echo finished > run.how ;;
	137) echo killed > run.how ;;
	*) echo "failed $?" > run.how ;;
	esac
}

# state_of DB: "small", "old" or "new" for a listing that is one of the
# committed states, else the difference to the nearest and failure.
state_of() {
	all_passages "$1" > state.list || return 1
	for so_state in small old new; do
		if cmp -s "$so_state.expected" state.list; then
			echo "$so_state"
			return 0
		fi
	done
	echo "not a committed state:"
	sum_counts state.list
	diff old.expected state.list | head -n 20
	return 1
}

: > kills.log
for d in $delays; do
	test_expect_success "adding a file, killed after ${d}s: without it or with it" '
		rm -rf ix && cp -R ix-a ix &&
		run_killed ix '"$d"' a/part1.jsonl a/part2.jsonl &&
		state_of ix > state &&
		echo "add $(cat run.how) $(cat state)" >> kills.log &&
		case "$(cat run.how) $(cat state)" in
		"killed small"|"killed old"|"finished old") ;;
		*) false ;;
		esac
	'
done

test_expect_success 'a normal run then completes the index' '
	p2=$(( $(sum_counts old.expected | cut -d " " -f 2) -
	       $(sum_counts small.expected | cut -d " " -f 2) )) &&
	case $(cat state) in
	small) echo "kbindex: indexed 2 files (1 unchanged), $((LAST - PART1)) articles, $p2 passages; skipped 0 files" ;;
	old) echo "kbindex: indexed 2 files (2 unchanged), 0 articles, 0 passages; skipped 0 files" ;;
	esac > want &&
	kbindex --db ix a/part1.jsonl a/part2.jsonl 2> err &&
	test_cmp want err &&
	all_passages ix > got &&
	test_cmp old.expected got
'

# The large file changes: the same articles, retitled.
cp part2-new.jsonl b/part2.jsonl

for d in $delays; do
	test_expect_success "replacing a file, killed after ${d}s: old or new" '
		rm -rf ix && cp -R ix-b ix &&
		run_killed ix '"$d"' b/part1.jsonl b/part2.jsonl &&
		state_of ix > state &&
		echo "replace $(cat run.how) $(cat state)" >> kills.log &&
		case "$(cat run.how) $(cat state)" in
		"killed old"|"killed new"|"finished new") ;;
		*) false ;;
		esac
	'
done

test_expect_success 'a normal run then completes the replacement' '
	kbindex --db ix b/part1.jsonl b/part2.jsonl 2> err &&
	all_passages ix > got &&
	test_cmp new.expected got
'

sed 's/^/# /' kills.log
test_expect_success 'the kills landed while kbindex was running' '
	test "$(grep -c "^add killed " kills.log)" -ge 1 &&
	test "$(grep -c "^replace killed " kills.log)" -ge 1
'

test_done
