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
#
# Words are folded to Simplified with data/t2s.tsv (T2S in the environment
# names another table), as lib/normalize.c folds every text before the
# segmenter reads it: a word with a Traditional character could never
# match.  A folded word already listed keeps the higher of the two
# frequencies; a new one takes the Traditional word's.  The counts go to
# standard error.
set -eu

MIN_FREQ=${MIN_FREQ:-4}
T2S=${T2S:-$(dirname "$0")/../t2s.tsv}
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

perl -CSD -e '
	my ($min, $t2s, $dict) = @ARGV;
	my (%to, %freq, %trad, $ntrad);
	open my $t, "<", $t2s or die "cannot open $t2s: $!\n";
	while (<$t>) {
		next if /^#/ || /^$/;
		chomp;
		my ($from, $into) = split /\t/;
		$to{$from} = $into;
	}
	open my $d, "<", $dict or die "cannot open $dict: $!\n";
	while (<$d>) {
		my ($w, $f) = split / /;
		next unless defined $f && $f =~ /^[0-9]+$/ && $f >= $min;
		next unless $w =~ /^[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{20000}-\x{2F7FF}\x{30000}-\x{323AF}]{1,8}$/;
		my $s = join "", map { $to{$_} // $_ } split //, $w;
		if ($s ne $w) {
			$ntrad++;
			$trad{$s} = $f if !defined $trad{$s} || $f > $trad{$s};
			next;
		}
		$freq{$w} = $f if !defined $freq{$w} || $f > $freq{$w};
	}
	my ($folded, $merged, $raised) = (0, 0, 0);
	for my $s (keys %trad) {
		$folded++;
		if (defined $freq{$s}) {
			$merged++;
			next if $freq{$s} >= $trad{$s};
			$raised++;
		}
		$freq{$s} = $trad{$s};
	}
	print "$_\t$freq{$_}\n" for keys %freq;
	printf STDERR "make-jieba-list: %d words folded into %d: %d already " .
	    "listed (%d of them raised), %d added\n", $ntrad // 0, $folded,
	    $merged, $raised, $folded - $merged;
' "$MIN_FREQ" "$T2S" "$tmp/x/$DICT" | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -u
