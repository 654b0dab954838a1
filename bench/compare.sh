#!/bin/sh
# compare.sh CORPUS_DIR QUERIES [OUT]: measure kbsearch side by side with
# two peers on the same corpus and queries, and print one markdown table
# with the ratios kbsearch / peer (also written to OUT, default
# ./compare.md):
#
#   Omega   Xapian Omega 1.4 from Debian's xapian-omega: scriptindex with
#           bench/compare-omega.script, --stemmer=none; the omega CGI run
#           from the shell; quest (xapian-tools) as its command line;
#           XAPIAN_CJK_NGRAM=1 at index and query time
#   FTS5    SQLite FTS5, trigram tokenizer, bm25; words under three
#           characters are searched with LIKE (bench/compare-fts5.c)
#
# The corpus (.txt pages; CORPUS_DIR/txt when there is one) is converted
# once into each peer's input (bench/compare-convert.awk).  Each engine
# indexes it BENCH_RUNS times, in turn, under GNU time (wall time, peak
# RSS); the last indexes are compacted (kbindex --compact, xapian-compact
# for Omega, 'optimize' and VACUUM for FTS5) and searched BENCH_RUNS times:
# in process, one process per query from the shell and as a CGI, with a
# warm page cache, and as a CGI with a cold one (root only); kbsearch.cgi
# also as FastCGI behind lighttpd, loaded by wrk (bench-fcgi.sh; Omega's
# CGI has no FastCGI mode).  Every figure is the median of the runs.
# Prints figures; asserts nothing about time.
#
# Environment: top_builddir (where kbindex, kbsearch, kbsearch.cgi,
# bench-query and bench-spawn were built; default "."), BENCH_RUNS
# (default 3), BENCH_SPAWN_QUERIES (queries run one process each,
# default 150), BENCH_COLD_QUERIES (cold-cache queries, default 20; 0
# skips them), BENCH_QUERY_FILTER ('present', the default: only the
# queries whose words all occur in one article; 'all': every query),
# BENCH_KEEP=1 (keep the scratch folder), KB_INDEX_OPTS (kbindex's
# options, e.g. "--shards 2"; default none), BENCH_FCGI_SECONDS (the
# FastCGI run, default 20; 0 skips it), TMPDIR, CC, CXX.
set -eu

me=compare.sh
die () {
	echo "$me: $*" >&2
	exit 2
}

[ $# -ge 2 ] && [ $# -le 3 ] || {
	echo "usage: $me CORPUS_DIR QUERIES [OUT]" >&2
	exit 2
}
corpus=$1
queries=$2
out=${3:-compare.md}
srcdir=$(cd "$(dirname "$0")" && pwd)
top_builddir=${top_builddir:-.}
runs=${BENCH_RUNS:-3}
nspawn=${BENCH_SPAWN_QUERIES:-150}
ncold=${BENCH_COLD_QUERIES:-20}
qfilter=${BENCH_QUERY_FILTER:-present}
kb_index_opts=${KB_INDEX_OPTS:-}
fcgi_seconds=${BENCH_FCGI_SECONDS:-20}
omega_cgi=${OMEGA:-/usr/lib/cgi-bin/omega/omega}
omega_templates=${OMEGA_TEMPLATES:-/usr/share/xapian-omega/templates}

for v in "$runs" "$nspawn" "$ncold" "$fcgi_seconds"; do
	case $v in
	''|*[!0-9]*) die "invalid number '$v' in BENCH_RUNS," \
		"BENCH_SPAWN_QUERIES, BENCH_COLD_QUERIES or" \
		"BENCH_FCGI_SECONDS" ;;
	esac
done
[ "$runs" -ge 1 ] || die "BENCH_RUNS must be at least 1"
[ "$nspawn" -ge 1 ] || die "BENCH_SPAWN_QUERIES must be at least 1"
case $qfilter in
present|all) ;;
*) die "invalid BENCH_QUERY_FILTER '$qfilter': expected 'present' or 'all'" ;;
esac
[ -d "$corpus" ] || die "cannot access '$corpus': not a folder"
[ -r "$queries" ] || die "cannot read '$queries'"
[ ! -d "$corpus/txt" ] || corpus=$corpus/txt
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
: >"$out" || die "cannot write '$out'"

kbindex=$top_builddir/indexer/kbindex
kbsearch=$top_builddir/search/kbsearch
kbcgi=$top_builddir/search/kbsearch.cgi
bench_query=$top_builddir/bench/bench-query
bench_spawn=$top_builddir/bench/bench-spawn
for p in "$kbindex" "$kbsearch" "$kbcgi" "$bench_query" "$bench_spawn"; do
	[ -x "$p" ] || die "cannot run '$p': build it first (make), or set" \
		"top_builddir"
done
apt="apt-get install xapian-omega xapian-tools sqlite3 libsqlite3-dev time"
for p in scriptindex xapian-compact quest; do
	command -v $p >/dev/null 2>&1 || die "no '$p': $apt"
done
[ -x "$omega_cgi" ] || die "cannot run '$omega_cgi': $apt"
[ -x /usr/bin/time ] || die "no GNU time in /usr/bin/time: $apt"
[ -d "$omega_templates" ] || die "no Omega templates in '$omega_templates'"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kb-compare.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'echo "$me: kept $scratch" >&2' EXIT
else
	trap 'rm -rf "$scratch"' EXIT
fi
trap 'exit 130' INT TERM
res=$scratch/results    # "METRIC ENGINE VALUE", one a line, every run

log () {
	echo "# $(date -u '+%H:%M:%S') $*" >&2
}

# The peers' drivers, built from bench/ against the Debian libraries.
${CC:-cc} -O2 -o "$scratch/compare-fts5" "$srcdir/compare-fts5.c" \
	-lsqlite3 || die "cannot build compare-fts5: $apt"
${CXX:-c++} -O2 -o "$scratch/compare-xapian" "$srcdir/compare-xapian.cc" \
	-lxapian || die "cannot build compare-xapian (needs libxapian-dev)"
fts5=$scratch/compare-fts5

# The corpus: its .txt files, read once so that the page cache holds them.
find -L "$corpus" -name '.*' ! -path "$corpus" -prune -o -type f \
	-name '*.txt' -print | LC_ALL=C sort >"$scratch/files"
nfiles=$(wc -l <"$scratch/files")
[ "$nfiles" -gt 0 ] || die "no .txt files in '$corpus'"
other=$(find -L "$corpus" -name '.*' ! -path "$corpus" -prune -o -type f \
	\( -iname '*.md' -o -iname '*.json' -o -iname '*.jsonl' \) -print |
	head -1)
[ -z "$other" ] || die "'$other': only .txt pages can be converted for" \
	"the peers; give a folder of .txt files"
bytes=$(tr '\n' '\0' <"$scratch/files" | xargs -0 cat | wc -c)
log "converting $nfiles files ($bytes bytes) for the peers"
articles=$(tr '\n' '\0' <"$scratch/files" | xargs -0 awk \
	-v omega="$scratch/omega.in" -v fts5="$scratch/fts5.in" \
	-f "$srcdir/compare-convert.awk")

# The queries: with 'present', those whose words (compared without case)
# all occur in one article, so that the engines are timed on queries with
# an answer rather than on empty ones.
match_all () {
	if [ $# -eq 0 ]; then
		cat
	else
		w=$1
		shift
		LC_ALL=C grep -i -F -e "$w" | match_all "$@"
	fi
}
if [ "$qfilter" = present ]; then
	log "keeping the queries whose words occur together in an article"
	: >"$scratch/queries"
	set -f
	while IFS= read -r line; do
		# shellcheck disable=SC2086 # split into words on purpose
		set -- $line
		[ $# -gt 0 ] || continue
		if match_all "$@" <"$scratch/fts5.in" | head -n 1 | grep -q .
		then
			printf '%s\n' "$line" >>"$scratch/queries"
		fi
	done <"$queries"
	set +f
else
	awk 'NF' "$queries" >"$scratch/queries"
fi
nq_all=$(awk 'NF' "$queries" | wc -l)
nq=$(wc -l <"$scratch/queries")
[ "$nq" -gt 0 ] || die "no query of '$queries' has all its words in one article"
head -n "$nspawn" "$scratch/queries" >"$scratch/queries.spawn"
nq_spawn=$(wc -l <"$scratch/queries.spawn")

# Run "$@" under GNU time; the figures go to $scratch/time.
timed () {
	/usr/bin/time -f '%e %M' -o "$scratch/time" "$@"
}
# record METRIC ENGINE VALUE
record () {
	echo "$1 $2 $3" >>"$res"
}
# record_time ENGINE: index time, throughput, peak RSS of the last timed run
record_time () {
	read -r secs rss_kib <"$scratch/time"
	record index_s "$1" "$secs"
	record mb_s "$1" "$(awk -v b="$bytes" -v s="$secs" \
		'BEGIN { printf "%.3f", (s > 0 ? b / 1e6 / s : 0) }')"
	record articles_s "$1" "$(awk -v a="$articles" -v s="$secs" \
		'BEGIN { printf "%.0f", (s > 0 ? a / s : 0) }')"
	record rss_mb "$1" "$(awk -v k="$rss_kib" \
		'BEGIN { printf "%.1f", k * 1024 / 1e6 }')"
}
size_mb () {
	du -sk "$1" | awk '{ printf "%.1f", $1 * 1024 / 1e6 }'
}

# Indexing: the engines in turn within each run, so that a change in the
# load of the machine falls on all three.
export XAPIAN_CJK_NGRAM=1
r=1
while [ "$r" -le "$runs" ]; do
	rm -rf "$scratch/kb" "$scratch/omega" "$scratch/fts5.db"
	log "indexing, run $r of $runs: kbsearch"
	# shellcheck disable=SC2086 # options, split on purpose
	timed "$kbindex" $kb_index_opts --db "$scratch/kb" "$corpus" \
		2>"$scratch/kbindex.log" ||
		{ cat "$scratch/kbindex.log" >&2; die "kbindex failed"; }
	record_time kbsearch
	record size_mb kbsearch "$(size_mb "$scratch/kb")"
	log "indexing, run $r of $runs: Omega"
	timed scriptindex --stemmer=none --overwrite "$scratch/omega" \
		"$srcdir/compare-omega.script" "$scratch/omega.in" \
		>"$scratch/scriptindex.log" 2>&1 ||
		{ cat "$scratch/scriptindex.log" >&2; die "scriptindex failed"; }
	record_time omega
	record size_mb omega "$(size_mb "$scratch/omega")"
	log "indexing, run $r of $runs: FTS5"
	timed "$fts5" index "$scratch/fts5.db" "$scratch/fts5.in" \
		>"$scratch/fts5.log" || die "compare-fts5 index failed"
	record_time fts5
	record size_mb fts5 "$(size_mb "$scratch/fts5.db")"
	r=$((r + 1))
done
kb_articles=$(sed -n 's/^kbindex: indexed .*), \([0-9]*\) articles\{0,1\},.*/\1/p' \
	"$scratch/kbindex.log")
om_articles=$(sed -n 's/.*(added, replaced, deleted, skipped) = (\([0-9]*\),.*/\1/p' \
	"$scratch/scriptindex.log")
fts_articles=$(cat "$scratch/fts5.log")
for a in "$kb_articles" "$om_articles" "$fts_articles"; do
	[ "$a" = "$articles" ] || log "warning: the engines indexed" \
		"$kb_articles, $om_articles and $fts_articles articles," \
		"the conversion gave $articles"
done

# Compaction of the last indexes; the searches use the compacted ones.
log "compacting"
timed "$kbindex" --compact --db "$scratch/kb" 2>"$scratch/compact.log" ||
	{ cat "$scratch/compact.log" >&2; die "kbindex --compact failed"; }
read -r secs rss_kib <"$scratch/time"
record compact_s kbsearch "$secs"
mv "$scratch/kb" "$scratch/kb.c"
timed xapian-compact "$scratch/omega" "$scratch/omega.c" >/dev/null
read -r secs rss_kib <"$scratch/time"
record compact_s omega "$secs"
"$fts5" optimize "$scratch/fts5.db"
record compact_mb kbsearch "$(size_mb "$scratch/kb.c")"
record compact_mb omega "$(size_mb "$scratch/omega.c")"
record compact_mb fts5 "$(size_mb "$scratch/fts5.db")"
rm -rf "$scratch/kb" "$scratch/omega"

# Omega's CGI from the shell: its configuration and templates, the query
# template told not to stem (scriptindex indexed without stemming).
mkdir "$scratch/omega-db"
mv "$scratch/omega.c" "$scratch/omega-db/bench"
cp -R "$omega_templates" "$scratch/templates"
# shellcheck disable=SC2016 # omega's own syntax, not the shell's
{ printf '$set{stemmer,none}'; cat "$omega_templates/query"; } \
	>"$scratch/templates/query"
cat >"$scratch/omega.conf" <<EOF
database_dir $scratch/omega-db
template_dir $scratch/templates
log_dir $scratch
EOF
export OMEGA_CONFIG_FILE="$scratch/omega.conf"
export KBSEARCH_DB="$scratch/kb.c"
export KBSEARCH_CGI_CONF=/dev/null
omdb=$scratch/omega-db/bench

# record_latency PREFIX ENGINE FILE: the figures of bench-query,
# bench-spawn, compare-xapian or compare-fts5.
record_latency () {
	for p in p50 p95 p99; do
		record "${1}_$p" "$2" "$(sed -n "s/^${p}_ms *//p" "$3")"
	done
	record "${1}_qps" "$2" "$(sed -n 's/^queries\/s *//p' "$3")"
}
# spawn PREFIX ENGINE [bench-spawn option]... -- COMMAND...
spawn () {
	prefix=$1 engine=$2
	shift 2
	"$bench_spawn" "$@" >"$scratch/lat" || die "bench-spawn failed"
	record_latency "$prefix" "$engine" "$scratch/lat"
}

cold=0 cold_note="skipped (BENCH_COLD_QUERIES=0)"
if [ "$ncold" -gt 0 ]; then
	if [ -w /proc/sys/vm/drop_caches ] &&
		(echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
		cold=1
	else
		cold_note="skipped (cannot write /proc/sys/vm/drop_caches: not root?)"
		log "cold page cache: $cold_note"
	fi
fi

r=1
while [ "$r" -le "$runs" ]; do
	log "searching, run $r of $runs: in process ($nq queries)"
	"$bench_query" --db "$scratch/kb.c" --queries "$scratch/queries" \
		--repeat 1 --warmup 1 >"$scratch/lat"
	record_latency inproc kbsearch "$scratch/lat"
	record hits kbsearch "$(sed -n 's/^queries *\([0-9]*\) (\([0-9]*\) with nothing searchable, \([0-9]*\) without hits)/\1 \2 \3/p' "$scratch/lat" |
		awk '{ print $1 - $2 - $3 }')"
	"$scratch/compare-xapian" "$omdb" "$scratch/queries" 1 1 >"$scratch/lat"
	record_latency inproc omega "$scratch/lat"
	record hits omega "$(sed -n 's/^queries *\([0-9]*\) (\([0-9]*\) with nothing searchable, \([0-9]*\) without hits)/\1 \2 \3/p' "$scratch/lat" |
		awk '{ print $1 - $2 - $3 }')"
	"$fts5" bench "$scratch/fts5.db" "$scratch/queries" 1 1 >"$scratch/lat"
	record_latency inproc fts5 "$scratch/lat"
	record hits fts5 "$(sed -n 's/^queries *\([0-9]*\) (\([0-9]*\) with nothing searchable, \([0-9]*\) without hits)/\1 \2 \3/p' "$scratch/lat" |
		awk '{ print $1 - $2 - $3 }')"

	log "searching, run $r of $runs: one process per query ($nq_spawn queries)"
	q="--queries=$scratch/queries.spawn"
	spawn cli kbsearch "$q" -- "$kbsearch" --db "$scratch/kb.c" --color=never '{}'
	spawn cli omega "$q" -- quest -d "$omdb" -s none -o and -f default \
		-p title:S '{}'
	spawn cli fts5 "$q" -- "$fts5" one "$scratch/fts5.db" '{}'
	spawn cgi kbsearch "$q" -- "$kbcgi" 'q={}'
	spawn cgi omega "$q" -- "$omega_cgi" DB=bench 'P={}'
	if [ "$cold" = 1 ]; then
		log "searching, run $r of $runs: cold page cache ($ncold queries)"
		sync
		spawn cold kbsearch "$q" --max="$ncold" --drop-caches -- \
			"$kbcgi" 'q={}'
		spawn cold omega "$q" --max="$ncold" --drop-caches -- \
			"$omega_cgi" DB=bench 'P={}'
		spawn cold fts5 "$q" --max="$ncold" --drop-caches -- \
			"$fts5" one "$scratch/fts5.db" '{}'
	fi
	if [ "$fcgi_seconds" -gt 0 ]; then
		log "searching, run $r of $runs: FastCGI (${fcgi_seconds} s)"
		BENCH_SECONDS=$fcgi_seconds top_builddir=$top_builddir \
			sh "$srcdir/bench-fcgi.sh" "$scratch/kb.c" \
			"$scratch/queries" >"$scratch/fcgi" 2>&1 ||
			{ cat "$scratch/fcgi" >&2; die "bench-fcgi.sh failed"; }
		record fcgi_rps kbsearch "$(sed -n 's/^requests\/s: *//p' "$scratch/fcgi")"
		record fcgi_p50 kbsearch "$(sed -n 's/^latency: *p50 \([0-9.]*\) ms.*/\1/p' "$scratch/fcgi")"
		record fcgi_p99 kbsearch "$(sed -n 's/^latency:.* p99 \([0-9.]*\) ms.*/\1/p' "$scratch/fcgi")"
		record fcgi_errors kbsearch "$(sed -n 's/^errors: *\([0-9]*\) socket, \([0-9]*\) non-2xx, \([0-9]*\) incomplete.*/\1 \2 \3/p' "$scratch/fcgi" |
			awk '{ print $1 + $2 + $3 }')"
	fi
	r=$((r + 1))
done

# The table: the median of the runs for each figure and engine, and the
# ratios kbsearch / peer.
{
	echo "# kbsearch, Omega and FTS5 side by side"
	echo
	echo "Corpus \`$corpus\`: $nfiles files, $(awk -v b="$bytes" \
		'BEGIN { printf "%.1f", b / 1e6 }') MB, $articles articles" \
		"(indexed: kbsearch $kb_articles, Omega $om_articles, FTS5 $fts_articles)."
	echo "Queries \`$queries\`: $nq of $nq_all$([ "$qfilter" = present ] &&
		echo " (those whose words all occur in one article)")," \
		"the first $nq_spawn of them one process each$([ "$cold" = 1 ] && echo ", the first $ncold with a cold page cache")."
	echo "Medians of $runs runs; $(nproc) CPUs," \
		"$(sed -n 's/^model name[ \t]*: //p' /proc/cpuinfo | head -1)," \
		"load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;" \
		"$(date -u '+%Y-%m-%d %H:%M UTC')."
	echo
	sort -k1,1 -k2,2 -k3,3g "$res" | awk -v nq="$nq" -v cold="$cold" '
		{ v[$1, $2, ++n[$1, $2]] = $3 }
		function med(m, e,   k) {
			k = n[m, e]
			if (!k) return ""
			if (k % 2) return v[m, e, (k + 1) / 2]
			return (v[m, e, k / 2] + v[m, e, k / 2 + 1]) / 2
		}
		function fmt(x) {
			if (x == "") return "-"
			if (x >= 100 || x == int(x)) return sprintf("%.0f", x)
			if (x >= 10) return sprintf("%.1f", x)
			return sprintf("%.2f", x)
		}
		function ratio(a, b) {
			if (a == "" || b == "" || b == 0) return "-"
			return sprintf("%.2f", a / b)
		}
		function row(m, label, better,   k, o, f) {
			k = med(m, "kbsearch"); o = med(m, "omega"); f = med(m, "fts5")
			printf "| %s | %s | %s | %s | %s | %s | %s |\n", label,
				fmt(k), fmt(o), fmt(f), ratio(k, o), ratio(k, f), better
		}
		END {
			print "| figure | kbsearch | Omega | FTS5 | kbsearch ÷ Omega | kbsearch ÷ FTS5 | better |"
			print "| --- | --- | --- | --- | --- | --- | --- |"
			row("index_s", "index time (s)", "lower")
			row("mb_s", "indexing MB/s", "higher")
			row("articles_s", "indexing articles/s", "higher")
			row("rss_mb", "indexing peak RSS (MB)", "lower")
			row("size_mb", "index size (MB)", "lower")
			row("compact_mb", "index size compacted (MB)", "lower")
			row("compact_s", "compaction time (s)", "lower")
			row("inproc_p50", "in process, warm: p50 (ms)", "lower")
			row("inproc_p95", "in process, warm: p95 (ms)", "lower")
			row("inproc_p99", "in process, warm: p99 (ms)", "lower")
			row("inproc_qps", "in process, warm: queries/s", "higher")
			row("cli_p50", "process per query, shell, warm: p50 (ms)", "lower")
			row("cli_p95", "process per query, shell, warm: p95 (ms)", "lower")
			row("cli_p99", "process per query, shell, warm: p99 (ms)", "lower")
			row("cgi_p50", "process per query, CGI, warm: p50 (ms)", "lower")
			row("cgi_p95", "process per query, CGI, warm: p95 (ms)", "lower")
			row("cgi_p99", "process per query, CGI, warm: p99 (ms)", "lower")
			if (cold) {
				row("cold_p50", "process per query, cold cache: p50 (ms)", "lower")
				row("cold_p95", "process per query, cold cache: p95 (ms)", "lower")
				row("cold_p99", "process per query, cold cache: p99 (ms)", "lower")
			}
			row("fcgi_rps", "FastCGI, 2 connections: requests/s", "higher")
			row("fcgi_p50", "FastCGI, 2 connections: p50 (ms)", "lower")
			row("fcgi_p99", "FastCGI, 2 connections: p99 (ms)", "lower")
			row("fcgi_errors", "FastCGI: failed or incomplete responses", "lower")
			row("hits", "queries with a hit, of " nq, "higher")
		}'
	echo
	echo "kbindex options: ${kb_index_opts:-none}."
	echo
	echo "Notes: compacted with kbindex --compact, xapian-compact (Omega)" \
		"and FTS5 'optimize' + VACUUM; the searches" \
		"use the compacted indexes.  In process: bench-query (kbsearch)," \
		"compare-xapian (Omega's query parsing, 10 hits and their data)," \
		"compare-fts5 (10 hits, title and snippet).  Shell: kbsearch," \
		"quest, compare-fts5 one.  CGI: kbsearch.cgi and omega (query" \
		"template) from the shell; FTS5 has no CGI, its CGI column is" \
		"empty and its cold row is compare-fts5 one." \
		"FastCGI: kbsearch.cgi behind lighttpd, wrk for" \
		"${fcgi_seconds} s over the kept queries (bench-fcgi.sh);" \
		"Omega's CGI has no FastCGI mode."
	[ "$cold" = 1 ] || echo "Cold page cache: $cold_note."
} | tee "$out"
