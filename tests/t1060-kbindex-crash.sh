#!/bin/sh
# kbindex killed (SIGKILL) many times, at spread-out moments, while it
# commits every 50 passages (--batch 50): after each kill the index opens
# and answers, and it holds exactly a state some commit made.  That is
# checked on the stored records themselves (kb-test-tool articles), not
# through a search: every article present has all the passages it has in
# a reference index, numbered 0 to N-1, and the articles present are the
# first K of the run, for some K (the files are indexed in order, one
# article after another, and a commit ends a batch at an article
# boundary).  A run that is not killed then completes the index, which
# matches the reference exactly.
#
# Three kinds of run are killed: from an index that holds a first file
# (eight kills, after 3% to 50% of a complete run's time), from an index
# that earlier kills left part-built, resumed again and again (fourteen
# kills, after 4% to 17%), and from nothing at all (four kills, early:
# before its first commit there is no index yet, and kbsearch must say
# so, not call the folder something else).  t1040 covers the runs that make one commit.
. "$top_srcdir/tests/lib.sh"

# Articles generated from the lines of the corpus: article I has 2 to 6
# lines (1 to 3 passages) and the title "kbrec aNNNNNN 第I篇".  Lines with
# a quote or backslash are left out, so no JSON escaping is needed.
cat > gen.awk <<'EOF'
{ sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
$0 == "" || $0 == "相关推荐" || /["\\]/ { next }
{ line[m++] = $0 }
END {
	for (i = from; i <= to; i++) {
		body = ""
		for (j = 0; j < 2 + i % 5; j++)
			body = body (j ? "\\n" : "") line[(i * 7 + j) % m]
		printf "{\"title\": \"kbrec a%06d 第%d篇\", \"body\": \"%s\"}\n", \
			i, i, body
	}
}
EOF

# FILES files of PER articles each; the first is the seed.
FILES=12
PER=30
BATCH=50

# now_ms: a clock in milliseconds, or nothing where date cannot say.
now_ms() {
	ns=$(date +%s%N 2> /dev/null)
	case $ns in
	*[!0-9]*|'') ;;
	*) echo $((ns / 1000000)) ;;
	esac
}

test_expect_success 'generate the corpus' '
	mkdir c &&
	f=1 &&
	while [ $f -le $FILES ]; do
		awk -v from=$(((f - 1) * PER + 1)) -v to=$((f * PER)) \
			-f gen.awk "$CORPUS"/*.txt > c/part$(printf %02d $f).jsonl ||
			exit 1
		f=$((f + 1))
	done &&
	test "$(cat c/*.jsonl | wc -l)" = $((FILES * PER))
'

start=$(now_ms)
test_expect_success 'the reference: one complete run' '
	kbindex --batch $BATCH --db ref c 2> err &&
	kb-test-tool articles ref > ref.list &&
	test "$(wc -l < ref.list)" = $((FILES * PER)) &&
	passages=$(awk -F "\t" "{ s += \$2 } END { print s }" ref.list) &&
	echo "kbindex: indexed $FILES files (0 unchanged), $((FILES * PER)) articles, $passages passages; skipped 0 files" > want &&
	test_cmp want err
'
end=$(now_ms)
total=$(awk -F '\t' '{ s += $2 } END { print s + 0 }' ref.list)
if [ -n "$start" ] && [ -n "$end" ]; then
	ms=$((end - start))
else
	ms=5000
fi
# What a run costs before it writes anything (starting up, reading the
# files to find them unchanged): the kills are timed after that.
start=$(now_ms)
kbindex -q --batch $BATCH --db ref c
end=$(now_ms)
if [ -n "$start" ] && [ -n "$end" ]; then
	idle=$((end - start))
else
	idle=100
fi
echo "# reference run: $ms ms, $total passages, about $((total / BATCH)) commits; a run with nothing to do: $idle ms"

# delay FRACTION: the time of a run with nothing to do, then FRACTION of
# the reference run's time, in seconds.
delay() {
	awk -v ms="$ms" -v idle="$idle" -v f="$1" \
		'BEGIN { printf "%.3f", (idle + ms * f) / 1000 }'
}

# run_killed DB DELAY: kbindex on the corpus into DB, killed after DELAY
# seconds; "killed" or "finished" in run.how.
run_killed() {
	kbindex -q --batch $BATCH --db "$1" c > /dev/null 2> run.err &
	rk_pid=$!
	sleep "$2"
	kill -9 "$rk_pid" 2> /dev/null
	wait "$rk_pid"
	case $? in
	0) echo finished > run.how ;;
	137) echo killed > run.how ;;
	*) echo "failed $?" > run.how; cat run.err ;;
	esac
}

# check_state DB: the index answers, and holds the first K articles of the
# reference, each with all its passages; K goes to state.k.
check_state() {
	kbsearch --db "$1" --format json -n 3 kbrec > search.out 2> search.err
	cs_rc=$?
	if [ $cs_rc -gt 1 ]; then
		echo "kbsearch exit status $cs_rc:"
		cat search.err
		return 1
	fi
	kb-test-tool articles "$1" > got.list || return 1
	# lines not in the reference: a partial article, or a stranger
	comm -13 ref.list got.list > extra &&
	if [ -s extra ]; then
		echo "articles unlike the reference:"
		head -n 5 extra
		return 1
	fi
	# the article numbers are 1 to K
	sed 's/.*	kbrec a0*\([0-9]*\) .*/\1/' got.list | sort -n |
		awk '$1 != NR { print "article " NR " missing, " $1 " present"; bad = 1; exit }
		     END { exit bad }' || return 1
	wc -l < got.list | tr -d " " > state.k
	# kbsearch finds something exactly when there is something
	test "$cs_rc" = "$(test -s got.list && echo 0 || echo 1)"
}

: > kills.log

# record KIND: a line of kills.log for the run just checked.
record() {
	echo "$1 $(cat run.how) $(cat state.k)" >> kills.log
}

test_expect_success 'the seed: an index of the first file' '
	kbindex -q --db seed c/part01.jsonl &&
	check_state seed &&
	test "$(cat state.k)" = $PER
'

for f in 0.03 0.06 0.1 0.15 0.22 0.3 0.4 0.5; do
	d=$(delay $f)
	test_expect_success "from the seed, killed after ${d}s: a committed state" '
		rm -rf ix && cp -R seed ix &&
		run_killed ix '"$d"' &&
		check_state ix &&
		record seed
	'
done

# From a part-built index, again and again: each run goes on where the
# last commit left off (finished files are skipped, a file cut short is
# indexed again whole), killed a little later each time.
rm -rf ix && cp -R seed ix
i=0
while [ $i -lt 14 ]; do
	d=$(delay "$(awk -v i=$i 'BEGIN { print 0.04 + 0.01 * i }')")
	test_expect_success "resumed run $((i + 1)), killed after ${d}s: a committed state" '
		run_killed ix '"$d"' &&
		check_state ix &&
		record resume
	'
	i=$((i + 1))
done

test_expect_success 'a run not killed then completes the index' '
	kbindex -q --batch $BATCH --db ix c &&
	kb-test-tool articles ix > got &&
	test_cmp ref.list got
'

# From nothing: killed early, before or after the first commit; the runs
# go on in the same folder.
rm -rf new
for f in 0.01 0.03 0.06 0.1; do
	d=$(delay $f)
	test_expect_success "a new index, killed after ${d}s: no index yet, or a committed state" '
		run_killed new '"$d"' &&
		if kbsearch --db new kbrec > /dev/null 2> err ||
		   ! grep -q "^kbsearch: no index at" err; then
			check_state new &&
			record new
		else
			echo "kbsearch: no index at '"'"'new'"'"'; run kbindex first" > want &&
			test_cmp want err &&
			echo "new $(cat run.how) none" >> kills.log
		fi
	'
done

test_expect_success 'and a run not killed then makes the whole index' '
	kbindex -q --batch $BATCH --db new c &&
	kb-test-tool articles new > got &&
	test_cmp ref.list got
'

sed 's/^/# /' kills.log
kills=$(grep -c " killed " kills.log)
states=$(awk '$2 == "killed" && $3 != "none" { print $3 }' kills.log |
	 sort -u | wc -l)
echo "# $kills kills, $states different states seen after them"
test_expect_success 'the kills landed at many different commits' '
	test "$kills" -ge 20 &&
	test "$states" -ge 6
'

test_done
