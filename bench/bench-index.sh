#!/bin/sh
# bench-index.sh CORPUS [QUERIES]: index CORPUS (a file or a folder) into a
# fresh scratch index and print the indexing throughput, peak memory and
# index size; index it again unchanged (every file should be skipped);
# compact it (kbindex --compact); then time the QUERIES with bench-query
# on the compact index.  Prints figures and asserts nothing.
#
# QUERIES defaults to $top_srcdir/../shared/scale/queries.txt when that
# exists, else to up to 300 titles taken from the corpus.
#
# Environment: top_builddir (where kbindex and bench-query were built;
# default "."), top_srcdir (default: the folder above this script),
# KBINDEX and BENCH_QUERY (the programs, to override the above),
# BENCH_REPEAT (timed query passes, default 3), BENCH_KEEP=1 (keep the
# scratch index and print where it is), KB_INDEX_OPTS (kbindex's options,
# e.g. "--shards 2"), TMPDIR (where the scratch index goes: it takes
# several times the size of the corpus).
set -eu

me=bench-index.sh
die () {
	echo "$me: $*" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || {
	echo "usage: $me CORPUS [QUERIES]" >&2
	exit 2
}
corpus=$1
queries=${2-}
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
kbindex=${KBINDEX:-$top_builddir/indexer/kbindex}
bench_query=${BENCH_QUERY:-$top_builddir/bench/bench-query}
repeat=${BENCH_REPEAT:-3}
kb_index_opts=${KB_INDEX_OPTS:-}

[ -e "$corpus" ] || die "cannot access '$corpus': no such file or directory"
for p in "$kbindex" "$bench_query"; do
	[ -x "$p" ] || die "cannot run '$p': build it first (make), or set" \
		"top_builddir, KBINDEX or BENCH_QUERY"
done
[ -z "$queries" ] || [ -r "$queries" ] || die "cannot read '$queries'"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kb-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'echo "$me: kept $scratch" >&2' EXIT
else
	trap 'rm -rf "$scratch"' EXIT
fi
trap 'exit 130' INT TERM
db=$scratch/index

# The files kbindex reads: the extensions it takes, hidden entries left
# out, links followed.
corpus_find () {
	find -L "$corpus" -name '.*' ! -path "$corpus" -prune -o -type f \
		\( -iname '*.txt' -o -iname '*.md' -o -iname '*.json' \
		-o -iname '*.jsonl' \) "$@"
}

# Run "$@" and leave "SECONDS PEAK_RSS_KIB" in $scratch/time.  GNU time
# when present; otherwise Python's view of the child's rusage.
if /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
	timed () {
		/usr/bin/time -f '%e %M' -o "$scratch/time" "$@"
	}
elif command -v python3 >/dev/null 2>&1; then
	timed () {
		python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[2:])
e = time.monotonic() - t
m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d\n" % (e, m))
sys.exit(rc)' "$scratch/time" "$@"
	}
else
	die "need GNU time (Debian package 'time') or python3 to measure"
fi

# "A * SCALE / B" with DIGITS decimals, or "-" when B is 0 (sh has no
# floating point): ratio A B SCALE DIGITS.
ratio () {
	awk -v a="$1" -v b="$2" -v s="$3" -v d="$4" \
		'BEGIN { if (b > 0) printf "%.*f", d, a * s / b; else printf "-" }'
}

nfiles=$(corpus_find -print | wc -l)
[ "$nfiles" -gt 0 ] || die "no corpus files (.txt, .md, .json, .jsonl) in '$corpus'"
bytes=$(corpus_find -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
# read once, so that the figures are about indexing and not the disk
corpus_find -exec cat {} + >/dev/null

if [ -z "$queries" ] && [ -r "$top_srcdir/../shared/scale/queries.txt" ]; then
	queries=$top_srcdir/../shared/scale/queries.txt
fi
if [ -z "$queries" ]; then
	# A title is the first line of a file or the first line after
	# "相关推荐" or after a "CATEGORY YYYY-MM-DD" line (the page format);
	# in JSON Lines, the "title" field.  Up to 300, spread evenly.
	queries=$scratch/queries.txt
	{
		corpus_find \( -iname '*.txt' -o -iname '*.md' \) -exec awk '
			FNR == 1 { want = 1 }
			/^[ \t]*$/ { next }
			{
				if (want && length($0) <= 120) print
				want = ($0 == "相关推荐" ||
					$0 ~ /^[^ ]+ [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/)
			}' {} +
		corpus_find \( -iname '*.json' -o -iname '*.jsonl' \) -exec \
			sed -n 's/.*"title" *: *"\([^"\\]*\)".*/\1/p' {} +
	} | awk 'NF { t[n++] = $0 }
		END { step = n > 300 ? n / 300 : 1
		      for (i = 0; i < n; i += step) print t[int(i)] }' >"$queries"
	[ -s "$queries" ] || die "no titles found in '$corpus' to use as queries"
fi

echo "# kbsearch indexing benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# $(nproc 2>/dev/null || echo '?') CPUs:" \
	"$(sed -n 's/^model name[ \t]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
echo "# corpus $corpus: $nfiles files"
echo "# index  $db${kb_index_opts:+ (kbindex $kb_index_opts)}"

status=0
# shellcheck disable=SC2086 # options, split on purpose
timed "$kbindex" $kb_index_opts --db "$db" "$corpus" \
	2>"$scratch/index.log" || status=$?
if [ "$status" -ne 0 ]; then
	cat "$scratch/index.log" >&2
	die "kbindex failed with status $status"
fi
read -r secs rss_kib <"$scratch/time"
# "kbindex: indexed N files (U unchanged), A articles, P passages; ..."
summary=$(sed -n 's/^kbindex: indexed //p' "$scratch/index.log")
articles=$(echo "$summary" | sed -n 's/.*), \([0-9]*\) articles\{0,1\},.*/\1/p')
passages=$(echo "$summary" | sed -n 's/.*, \([0-9]*\) passages\{0,1\}.*/\1/p')
index_kib=$(du -sk "$db" | cut -f1)
counts=$("$bench_query" --db "$db" --counts)
distinct=$(echo "$counts" | sed -n 's/^articles *//p')

status=0
timed "$kbindex" --db "$db" "$corpus" 2>"$scratch/reindex.log" || status=$?
[ "$status" -eq 0 ] || die "re-indexing failed with status $status"
read -r resecs rerss_kib <"$scratch/time"
unchanged=$(sed -n 's/^kbindex: indexed [0-9]* files\{0,1\} (\([0-9]*\) unchanged).*/\1/p' \
	"$scratch/reindex.log")

status=0
timed "$kbindex" --compact --db "$db" 2>"$scratch/compact.log" || status=$?
[ "$status" -eq 0 ] || die "compacting failed with status $status"
read -r csecs crss_kib <"$scratch/time"
compact_kib=$(du -sk "$db" | cut -f1)

mb=$(ratio "$bytes" 1000000 1 1)
printf '%-16s %s MB (%s bytes), %s files\n' "input" "$mb" "$bytes" "$nfiles"
printf '%-16s %s read, %s distinct in the index\n' "articles" "$articles" "$distinct"
printf '%-16s %s\n' "passages" "$passages"
printf '%-16s %s s\n' "index time" "$secs"
printf '%-16s %s MB/s\n' "throughput" "$(ratio "$bytes" "$secs" 1e-6 2)"
printf '%-16s %s articles/s\n' "" "$(ratio "$articles" "$secs" 1 0)"
printf '%-16s %s MB\n' "peak RSS" "$(ratio "$rss_kib" 1000000 1024 1)"
printf '%-16s %s MB (%s x input, %s bytes per passage)\n' "index size" \
	"$(ratio "$index_kib" 1000000 1024 1)" \
	"$(ratio "$index_kib" "$bytes" 1024 2)" \
	"$(ratio "$index_kib" "$passages" 1024 0)"
printf '%-16s %s s (%s of %s files unchanged), peak RSS %s MB\n' \
	"re-index" "$resecs" "$unchanged" "$nfiles" \
	"$(ratio "$rerss_kib" 1000000 1024 1)"
printf '%-16s %s MB (%s x input) in %s s, peak RSS %s MB\n' "compacted" \
	"$(ratio "$compact_kib" 1000000 1024 1)" \
	"$(ratio "$compact_kib" "$bytes" 1024 2)" "$csecs" \
	"$(ratio "$crss_kib" 1000000 1024 1)"

echo "# queries $queries"
"$bench_query" --db "$db" --queries "$queries" --repeat "$repeat" \
	>"$scratch/query.out"
sed 's/^/  /' "$scratch/query.out"
p50=$(sed -n 's/^p50_ms *//p' "$scratch/query.out")
p99=$(sed -n 's/^p99_ms *//p' "$scratch/query.out")
qps=$(sed -n 's/^queries\/s *//p' "$scratch/query.out")
printf '%-16s p50 %s ms, p99 %s ms, %s queries/s\n' "query latency" \
	"$p50" "$p99" "$qps"
