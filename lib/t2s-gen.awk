# t2s-gen.awk - data/t2s.tsv as C tables for lib/normalize.c, so that the
# table costs nothing at program start (see lib/local.mk).
#
# usage: LC_ALL=C awk -f lib/t2s-gen.awk data/t2s.tsv > lib/t2s-table.h
#
# The sources are all in the Basic Multilingual Plane.  t2s_bits has one
# bit per BMP code point, set for a source; t2s_rank[w] counts the bits of
# the words before w, so the target of code point c is
# t2s_to[t2s_rank[c / 32] + popcount(bits of word c / 32 below c % 32)].
# Needs the C locale: strings are bytes.

function decode(s,    n, c, cp, i) {
	n = length(s)
	c = ord[substr(s, 1, 1)]
	if (n == 1 && c < 128)
		return c
	if (n == 2 && c >= 192 && c < 224)
		cp = c - 192
	else if (n == 3 && c >= 224 && c < 240)
		cp = c - 224
	else if (n == 4 && c >= 240 && c < 245)
		cp = c - 240
	else
		return -1
	for (i = 2; i <= n; i++) {
		c = ord[substr(s, i, 1)]
		if (c < 128 || c >= 192)
			return -1
		cp = cp * 64 + c - 128
	}
	return cp
}

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	bad = 1
	exit 1
}

BEGIN {
	FS = "\t"
	for (i = 1; i < 256; i++)
		ord[sprintf("%c", i)] = i
	n = 0
	last = -1
}

/^#/ || /^$/ { next }

{
	if (NF != 2)
		fail("expected 'Traditional TAB Simplified'")
	from = decode($1)
	to = decode($2)
	if (from < 0 || to < 0)
		fail("not one UTF-8 character on each side")
	if (from >= 65536)
		fail("source outside the Basic Multilingual Plane")
	if (from <= last)
		fail("not sorted by code point, or a source twice")
	last = from
	w = int(from / 32)
	bits[w] += 2 ^ (from % 32)
	target[n++] = to
}

END {
	if (bad)
		exit 1
	print "/* Generated from data/t2s.tsv by lib/t2s-gen.awk: do not edit. */"
	printf "#define T2S_COUNT %d\n\n", n
	print "static const uint32_t t2s_bits[2048] = {"
	for (w = 0; w < 2048; w++)
		printf "%s0x%08x,%s", (w % 6 ? " " : "\t"), bits[w] + 0,
			(w % 6 == 5 || w == 2047 ? "\n" : "")
	print "};\n"
	print "static const uint16_t t2s_rank[2048] = {"
	r = 0
	for (w = 0; w < 2048; w++) {
		printf "%s%d,%s", (w % 10 ? " " : "\t"), r,
			(w % 10 == 9 || w == 2047 ? "\n" : "")
		for (b = bits[w] + 0; b > 0; b = int(b / 2))
			r += b % 2
	}
	print "};\n"
	print "static const uint32_t t2s_to[T2S_COUNT] = {"
	for (i = 0; i < n; i++)
		printf "%s0x%05x,%s", (i % 6 ? " " : "\t"), target[i],
			(i % 6 == 5 || i == n - 1 ? "\n" : "")
	print "};"
}
