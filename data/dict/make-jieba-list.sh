#!/bin/sh
# make-jieba-list.sh - regenerate jieba.tsv from Debian's python3-jieba.
#
# Usage: make-jieba-list.sh [python3-jieba_*.deb] > jieba.tsv
#
# Without an argument the package is fetched with `apt-get download` into a
# scratch directory.  The output keeps the entries of jieba's dict.txt whose
# word is 1 to 8 Han characters (CJK Unified Ideographs and extensions; no
# Latin, digits, or compatibility ideographs, which NFKC rewrites and so
# never reach the dictionary) and whose frequency is at least MIN_FREQ,
# as "word TAB frequency" lines in C-locale byte order.
set -eu

MIN_FREQ=${MIN_FREQ:-4}
DICT=usr/lib/python3/dist-packages/jieba/dict.txt

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

if test $# -ge 1; then
	deb=$1
else
	(cd "$tmp" && apt-get download python3-jieba >/dev/null)
	deb=$(ls "$tmp"/python3-jieba_*.deb)
fi
dpkg-deb -x "$deb" "$tmp/x"

perl -CSD -ne '
	BEGIN { $min = shift @ARGV }
	my ($w, $f) = split / /;
	next unless defined $f && $f =~ /^[0-9]+$/ && $f >= $min;
	next unless $w =~ /^[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{20000}-\x{2F7FF}\x{30000}-\x{323AF}]{1,8}$/;
	print "$w\t$f\n";
' "$MIN_FREQ" "$tmp/x/$DICT" | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -u
