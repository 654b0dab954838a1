#!/bin/sh
# make-t2s.sh - t2s.tsv: Traditional to Simplified, one character to one
# character, with OpenCC.
#
# usage: sh data/make-t2s.sh > data/t2s.tsv   (from the top of the source
# tree; needs the commands opencc (Debian package opencc) and iconv)
#
# Every character of CJK Unified Ideographs, Extension A and the CJK
# Compatibility Ideographs block goes through OpenCC's t2s, tw2s and hk2s,
# one character a line (so no phrase of OpenCC's applies).  Kept:
#  - what t2s changes, followed to its end when the result is itself
#    changed (薴 -> 苧 -> 苎 gives 薴 -> 苎), so folding twice changes
#    nothing;
#  - what only tw2s or hk2s changes (衞 -> 卫, 粧 -> 妆), unless the
#    character is one of GB 2312, the Simplified set: tw2s also turns
#    著 into 着, 么 into 幺 and 抬 into 擡, which would rewrite Simplified
#    text.
# When t2s keeps a character, tw2s wins over hk2s.  Output is sorted by
# code point.
set -e
LC_ALL=C
export LC_ALL
tmp=${TMPDIR:-/tmp}/make-t2s.$$
trap 'rm -f $tmp.*' EXIT

# U+3400..U+4DBF, U+4E00..U+9FFF, U+F900..U+FAFF, all three bytes in UTF-8
awk 'function put(cp) {
	printf "%c%c%c\n", 224 + int(cp / 4096), 128 + int(cp / 64) % 64,
		128 + cp % 64
}
BEGIN {
	for (c = 13312; c <= 19903; c++) put(c)
	for (c = 19968; c <= 40959; c++) put(c)
	for (c = 63744; c <= 64255; c++) put(c)
}' > $tmp.chars
for cfg in t2s tw2s hk2s; do
	opencc -c $cfg -i $tmp.chars -o $tmp.$cfg
done
# the characters of GB 2312, for the rule above (-c drops the others)
iconv -c -f UTF-8 -t GB2312 $tmp.chars | iconv -f GB2312 -t UTF-8 |
	sed 's/$/	gb/' > $tmp.gb

printf '# Traditional TAB Simplified: see README.md (make-t2s.sh, OpenCC 1.1.6)\n'
paste $tmp.chars $tmp.t2s $tmp.tw2s $tmp.hk2s |
awk -F'\t' 'NR == FNR { gb[$1] = 1; next }
{
	if ($2 != $1)
		to[$1] = $2
	else if ($1 in gb)
		next
	else if ($3 != $1)
		to[$1] = $3
	else if ($4 != $1)
		to[$1] = $4
}
END {
	for (c in to) {
		t = to[c]
		for (n = 0; (t in to) && n < 8; n++)
			t = to[t]
		if (t in to) {
			print "make-t2s.sh: cycle at " c > "/dev/stderr"
			exit 1
		}
		if (t != c)
			print c "\t" t
	}
}' $tmp.gb - | sort
