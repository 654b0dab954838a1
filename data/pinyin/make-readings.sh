#!/bin/sh
# make-readings.sh - readings.tsv: the toneless pinyin readings of the Han
# characters of the BMP (CJK Unified Ideographs and Extension A), from
# Unicode's Unihan database.
#
# usage: sh data/pinyin/make-readings.sh > data/pinyin/readings.tsv
#        (needs bzip2 and Unihan_Readings.txt.bz2, Debian package
#        unicode-data; another copy: UNIHAN=/path/to/Unihan_Readings.txt)
#
# Readings, most common first: kMandarin, then kHanyuPinlu by its counts,
# then kTGHZ2013 and kXHC1983 in their order; tones dropped, ü written v,
# the syllables m, n, ng, hm, hng (interjections) and r (erhua) left out, each reading
# once, at most four per character.
set -e
LC_ALL=C
export LC_ALL
src=${UNIHAN:-/usr/share/unicode/Unihan_Readings.txt.bz2}
case $src in
*.bz2) cat=bzcat ;;
*) cat=cat ;;
esac
printf '# codepoint TAB readings: see README.md (make-readings.sh, Unihan)\n'
$cat "$src" | awk -F'\t' '
$2 == "kMandarin" || $2 == "kHanyuPinlu" || $2 == "kTGHZ2013" ||
$2 == "kXHC1983" {
	cp = substr($1, 3)
	if (length(cp) != 4 || cp < "3400" || cp > "9FFF" ||
	    (cp > "4DBF" && cp < "4E00"))
		next
	rank = $2 == "kMandarin" ? 0 : $2 == "kHanyuPinlu" ? 1 : \
	       $2 == "kTGHZ2013" ? 2 : 3
	n = split($3, r, " ")
	for (i = 1; i <= n; i++) {
		w = r[i]
		f = 0
		if (rank == 1 && match(w, /\([0-9]+\)$/)) {
			f = substr(w, RSTART + 1, RLENGTH - 2) + 0
			w = substr(w, 1, RSTART - 1)
		}
		sub(/^.*:/, "", w)
		# one line per reading: codepoint, rank, order key, reading
		printf "%s\t%d\t%09d\t%s\n", cp, rank,
		       rank == 1 ? 999999999 - f : i, w
	}
}' | sed -e 's/ā\|á\|ǎ\|à/a/g' -e 's/ē\|é\|ě\|è\|ê̄\|ế\|ê̌\|ề\|ê/e/g' \
	-e 's/ī\|í\|ǐ\|ì/i/g' -e 's/ō\|ó\|ǒ\|ò/o/g' -e 's/ū\|ú\|ǔ\|ù/u/g' \
	-e 's/ǖ\|ǘ\|ǚ\|ǜ\|ü/v/g' -e 's/ń\|ň\|ǹ/n/g' -e 's/ḿ\|m̀/m/g' |
sort -t '	' -k1,1 -k2,2n -k3,3 | awk -F'\t' '
function flush() {
	if (cur != "" && out != "")
		print cur "\t" out
}
$1 != cur { flush(); cur = $1; out = ""; n = 0; delete seen }
{
	w = $4
	if (w !~ /^[a-z]+$/ || w ~ /^(m|n|ng|hm|hng|r)$/ || (w in seen) || n == 4)
		next
	seen[w] = 1
	out = n ? out " " w : w
	n++
}
END { flush() }'
