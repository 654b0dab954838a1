#!/bin/sh
# make-t2s.sh - t2s.tsv: the Traditional forms of the characters of the
# region, institution and insurance vocabularies, with OpenCC.
#
# usage: sh data/regions/make-t2s.sh > data/regions/t2s.tsv   (from the top
# of the source tree; needs the opencc command, Debian package opencc)
#
# For every Han character of the vocabularies (the gazetteer, the insurance
# schemes, the word lists of lib/fact-institution.c and lib/fact-contact.c)
# its Traditional forms (OpenCC s2t, s2tw, s2hk) are kept when OpenCC's t2s
# turns them back into the same character.
set -e
LC_ALL=C.UTF-8
export LC_ALL
tmp=${TMPDIR:-/tmp}/make-t2s.$$
{
	cut -f2 data/regions/gazetteer.tsv
	grep -v '^#' data/insurance.tsv
	grep -ho '"[^"]*"' lib/fact-institution.c lib/fact-contact.c \
		lib/fact-insurance.c
} | grep -oP '\p{Han}' | sort -u > $tmp.s
printf '# Traditional TAB Simplified: see README.md (make-t2s.sh, OpenCC)\n'
for cfg in s2t s2tw s2hk; do
	opencc -c $cfg -i $tmp.s -o $tmp.t
	opencc -c t2s -i $tmp.t -o $tmp.b
	paste $tmp.t $tmp.s $tmp.b
done | awk -F'\t' '$1 != $2 && $3 == $2 { print $1 "\t" $2 }' | sort -u
rm -f $tmp.s $tmp.t $tmp.b
