/* t-normalize.c - NFKC + case folding, Traditional to Simplified, the offset
 * map, UTF-8 validation. */
#include <config.h>

#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"

/* The map as "o0,o1,...|end" so a row states it whole. */
static const char *
map_str(const norm_map *m)
{
	static char s[1024];
	size_t i, n = 0;

	s[0] = '\0';
	for (i = 0; i < m->len && n < sizeof s - 32; i++)
		n += (size_t)snprintf(s + n, sizeof s - n, "%s%u", i ? "," : "",
				      m->off[i]);
	snprintf(s + n, sizeof s - n, "|%u", m->off[m->len]);
	return s;
}

static const struct {
	const char *in, *out, *map;
} cases[] = {
	{ "", "", "|0" },
	{ "abc", "abc", "0,1,2|3" },
	/* full-width digits, letters, punctuation */
	{ "４５％", "45%", "0,3,6|9" },
	{ "ＡＰＰ", "app", "0,3,6|9" },
	{ "Ｈｅｌｌｏ，Ｗｏｒｌｄ！", "hello,world!",
	  "0,3,6,9,12,15,18,21,24,27,30,33|36" },
	{ "（医保）：５０％－５５％", "(医保):50%-55%",
	  "0,3,3,3,6,6,6,9,12,15,18,21,24,27,30,33|36" },
	{ "ＡＢ医保", "ab医保", "0,3,6,6,6,9,9,9|12" },
	/* case folding */
	{ "ÄBC", "\xc3\xa4" "bc", "0,0,2,3|4" },
	{ "Straße", "strasse", "0,1,2,3,4,4,6|7" },
	{ "ΣΑΣ", "\xcf\x83\xce\xb1\xcf\x83", "0,0,2,2,4,4|6" },
	/* CJK text and CJK punctuation stay as they are */
	{ "医保异地转移。", "医保异地转移。",
	  "0,0,0,3,3,3,6,6,6,9,9,9,12,12,12,15,15,15,18,18,18|21" },
	{ "《社会保险法》、“医保”", "《社会保险法》、“医保”",
	  "0,0,0,3,3,3,6,6,6,9,9,9,12,12,12,15,15,15,18,18,18,21,21,21,"
	  "24,24,24,27,27,27,30,30,30,33,33,33|36" },
	/* an ideographic space becomes a space */
	{ "医保\xe3\x80\x80报销", "医保 报销",
	  "0,0,0,3,3,3,6,9,9,9,12,12,12|15" },
	/* a compatibility ideograph becomes the unified one (U+F901 更), and
	 * then Simplified when that is Traditional (U+F900 豈 -> 岂) */
	{ "\xef\xa4\x81", "\xe6\x9b\xb4", "0,0,0|3" },
	{ "\xef\xa4\x80", "岂", "0,0,0|3" },
	/* Traditional becomes Simplified, one character for one */
	{ "醫保異地轉移", "医保异地转移",
	  "0,0,0,3,3,3,6,6,6,9,9,9,12,12,12,15,15,15|18" },
	{ "農村醫保在外省住院報銷比例", "农村医保在外省住院报销比例",
	  "0,0,0,3,3,3,6,6,6,9,9,9,12,12,12,15,15,15,18,18,18,21,21,21,"
	  "24,24,24,27,27,27,30,30,30,33,33,33,36,36,36|39" },
	/* mixed with Simplified, full-width and ASCII */
	{ "醫保ＡＰＰ和医保App", "医保app和医保app",
	  "0,0,0,3,3,3,6,9,12,15,15,15,18,18,18,21,21,21,24,25,26|27" },
	/* characters outside the table stay: Extension A, Simplified, and
	 * those Simplified text uses as they are (著, 么, 抬) */
	{ "\xe3\x90\x80著么抬", "\xe3\x90\x80著么抬",
	  "0,0,0,3,3,3,6,6,6,9,9,9|12" },
	/* four-byte characters: Extension B stays, and a three-byte
	 * Traditional character may become a four-byte Simplified one
	 * (U+346E -> U+2B748) */
	{ "\xf0\xa0\x80\x80醫", "\xf0\xa0\x80\x80医",
	  "0,0,0,0,4,4,4|7" },
	{ "\xe3\x91\xae保", "\xf0\xab\x9d\x88保", "0,0,0,0,3,3,3|6" },
	/* with a combining mark (the slow path) */
	{ "醫\xcc\x81", "医\xcc\x81", "0,0,0,0,0|5" },
	/* compatibility characters that expand */
	{ "\xef\xac\x81x", "fix", "0,0,3|4" },
	{ "\xe2\x91\xa0\xe3\x8e\x8f", "1kg", "0,3,3|6" },
	/* half-width katakana becomes full-width */
	{ "\xef\xbd\xb6", "\xe3\x82\xab", "0,0,0|3" },
	/* combining sequences compose, and map to their first character */
	{ "e\xcc\x81t", "\xc3\xa9t", "0,0,3|4" },
	{ "\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80", "0,0,0|6" },
	/* default ignorables are dropped: ZWSP, soft hyphen, BOM */
	{ "医\xe2\x80\x8b保", "医保", "0,0,0,6,6,6|9" },
	{ "a\xc2\xad" "b", "ab", "0,3|4" },
	{ "\xef\xbb\xbfx", "x", "3|4" },
	/* a NUL byte is a character like any other */
	{ "a\0b", "a\0b", "0,1,2|3" },
};

static const struct {
	const char *in;
	size_t len;
	size_t bad;
} bad_cases[] = {
	{ "\xc0\x80", 2, 0 },             /* overlong NUL */
	{ "ab\xc1\xbf", 4, 2 },           /* overlong 2-byte */
	{ "\xe0\x80\xaf", 3, 0 },         /* overlong 3-byte */
	{ "\xf0\x80\x80\xaf", 4, 0 },     /* overlong 4-byte */
	{ "\xed\xa0\x80", 3, 0 },         /* surrogate U+D800 */
	{ "x\xed\xbf\xbf", 4, 1 },        /* surrogate U+DFFF */
	{ "\xf4\x90\x80\x80", 4, 0 },     /* U+110000 */
	{ "\xf5\x80\x80\x80", 4, 0 },     /* F5 is never a lead byte */
	{ "\xff", 1, 0 },
	{ "a\x80", 2, 1 },                /* stray continuation byte */
	{ "医\xe4\xbf", 5, 3 },           /* truncated at the end */
	{ "abc\xe5\x41", 5, 3 },          /* lead byte, then ASCII */
	{ "\xe5\x8c\xbb\xe4\xbf\x9d\xf0\x9f\x98", 9, 6 }, /* truncated emoji */
	{ "e\xcc", 2, 1 },                /* truncated combining mark */
};

static void
test_cases(void)
{
	kb_buf out = KB_BUF_INIT;
	norm_map map = NORM_MAP_INIT;
	kb_error_t err;
	size_t i, inlen, outlen;

	for (i = 0; i < KB_ARRAY_SIZE(cases); i++) {
		inlen = strlen(cases[i].in);
		outlen = strlen(cases[i].out);
		if (i == KB_ARRAY_SIZE(cases) - 1)
			inlen = outlen = 3; /* the row with a NUL */
		buf_reset(&out);
		is_int(norm_utf8(cases[i].in, inlen, &out, &map, NULL, &err),
		       KB_OK, "normalize row %zu", i);
		ok(out.len == outlen &&
			   memcmp(out.buf, cases[i].out, outlen) == 0,
		   "row %zu: '%s' -> '%s'", i, cases[i].in, cases[i].out);
		is_int(map.len, out.len, "row %zu: one map entry a byte", i);
		is_str(map_str(&map), cases[i].map, "row %zu: map", i);
	}
	buf_release(&out);
	norm_map_release(&map);
}

static void
test_bad(void)
{
	kb_buf out = KB_BUF_INIT;
	norm_map map = NORM_MAP_INIT;
	kb_error_t err;
	char msg[64];
	size_t i, bad;

	for (i = 0; i < KB_ARRAY_SIZE(bad_cases); i++) {
		buf_reset(&out);
		buf_addstr(&out, "kept");
		bad = 999;
		memset(&err, 0, sizeof err);
		is_int(norm_utf8(bad_cases[i].in, bad_cases[i].len, &out, &map,
				 &bad, &err),
		       KB_ERR_ENCODING, "bad row %zu fails", i);
		is_int(bad, bad_cases[i].bad, "bad row %zu: offset", i);
		snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu",
			 bad_cases[i].bad);
		is_str(err.msg, msg, "bad row %zu: message", i);
		is_str(out.buf, "kept", "bad row %zu: output unchanged", i);
		is_int(map.len, 0, "bad row %zu: map emptied", i);
	}
	buf_release(&out);
	norm_map_release(&map);
}

static void
test_append(void)
{
	kb_buf out = KB_BUF_INIT;
	norm_map map = NORM_MAP_INIT;

	buf_addstr(&out, "pre|");
	is_int(norm_utf8("Ａ医", 6, &out, &map, NULL, NULL), KB_OK,
	       "append: normalize");
	is_str(out.buf, "pre|a医", "append: output appended");
	is_str(map_str(&map), "0,3,3,3|6", "append: map relative to input");
	/* without a map, and reusing the buffers */
	buf_reset(&out);
	is_int(norm_utf8("ＸＹ", 6, &out, NULL, NULL, NULL), KB_OK,
	       "no map: normalize");
	is_str(out.buf, "xy", "no map: output");
	buf_release(&out);
	norm_map_release(&map);
	norm_map_release(NULL);
}

/* A cluster longer than the stack buffer: a base and 300 combining marks. */
static void
test_long_cluster(void)
{
	kb_buf in = KB_BUF_INIT, out = KB_BUF_INIT;
	norm_map map = NORM_MAP_INIT;
	int i;

	buf_addch(&in, 'A');
	for (i = 0; i < 300; i++)
		buf_add(&in, "\xcc\x81", 2);
	buf_addstr(&in, "Ｚ");
	is_int(norm_utf8(in.buf, in.len, &out, &map, NULL, NULL), KB_OK,
	       "long cluster: normalize");
	/* á (C3 A1) then 299 marks, then z */
	is_int(out.len, 2 + 299 * 2 + 1, "long cluster: length");
	is_str(out.buf + out.len - 1, "z", "long cluster: next character");
	is_int(map.off[0], 0, "long cluster: starts at the base");
	is_int(map.off[out.len - 2], 0, "long cluster: marks map to the base");
	is_int(map.off[out.len - 1], 601, "long cluster: Z mapped");
	buf_release(&in);
	buf_release(&out);
	norm_map_release(&map);
}

static void
test_helpers(void)
{
	static const struct {
		int32_t cp;
		int han;
	} han[] = {
		{ 0x4E00, 1 }, { 0x9FFF, 1 }, { 0x533B, 1 }, { 0x3400, 1 },
		{ 0x20000, 1 }, { 0x2A6DF, 1 }, { 0x30000, 1 }, { 0xF900, 1 },
		{ 0x3007, 1 }, { 0x3002, 0 }, { 0x3041, 0 }, { 0x30A2, 0 },
		{ 0xAC00, 0 }, { 'A', 0 }, { 0xFF10, 0 }, { 0x4DC0, 0 },
	};
	static const struct {
		const char *s;
		size_t len, n;
		int32_t cp;
	} dec[] = {
		{ "a", 1, 1, 'a' },
		{ "\xc3\xa4", 2, 2, 0xE4 },
		{ "医", 3, 3, 0x533B },
		{ "\xf0\xa0\x80\x80", 4, 4, 0x20000 },
		{ "\xe5\x8c", 2, 1, 0xFFFD },
		{ "\xc0\x80", 2, 1, 0xFFFD },
		{ "", 0, 0, 0 },
	};
	size_t i, n;
	int32_t cp;

	for (i = 0; i < KB_ARRAY_SIZE(han); i++)
		is_int(norm_is_han(han[i].cp), han[i].han, "norm_is_han(U+%04X)",
		       (unsigned)han[i].cp);
	for (i = 0; i < KB_ARRAY_SIZE(dec); i++) {
		n = norm_decode(dec[i].s, dec[i].len, &cp);
		is_int(n, dec[i].n, "norm_decode row %zu: length", i);
		is_int(cp, dec[i].cp, "norm_decode row %zu: code point", i);
	}
	is_int(norm_strlen("医保ab\xf0\xa0\x80\x80", 12), 5, "norm_strlen");
	is_int(norm_strlen("", 0), 0, "norm_strlen of nothing");
}

/* Every row of data/t2s.tsv, as compiled into the library: the source
 * becomes the target, and the target stays (folding twice changes
 * nothing). */
static void
test_table(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[256];
	size_t rows = 0, wrong = 0, unstable = 0;
	FILE *f;

	if (!top) {
		ok(0, "t2s table: top_srcdir is set");
		return;
	}
	snprintf(path, sizeof path, "%s/data/t2s.tsv", top);
	f = fopen(path, "r");
	ok(f != NULL, "t2s table: open '%s'", path);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line), k;
		int32_t from, to;

		if (line[0] == '#')
			continue;
		k = norm_decode(line, n, &from);
		if (line[k] != '\t')
			break;
		norm_decode(line + k + 1, n - k - 1, &to);
		rows++;
		if (norm_simplify(from) != to) {
			if (!wrong++)
				diag("U+%04X gives U+%04X, want U+%04X",
				     (unsigned)from,
				     (unsigned)norm_simplify(from),
				     (unsigned)to);
		}
		if (norm_simplify(to) != to)
			unstable++;
	}
	fclose(f);
	is_int(rows, 3761, "t2s table: rows");
	is_int(wrong, 0, "t2s table: every source gives its target");
	is_int(unstable, 0, "t2s table: targets stay");
	/* around the table: ASCII, before the CJK blocks, outside the BMP */
	is_int(norm_simplify('A'), 'A', "t2s: ASCII unchanged");
	is_int(norm_simplify(0x33FF), 0x33FF, "t2s: U+33FF unchanged");
	is_int(norm_simplify(0x20000), 0x20000, "t2s: U+20000 unchanged");
	is_int(norm_simplify(0x91AB), 0x533B, "t2s: 醫 -> 医");
	is_int(norm_simplify(0x533B), 0x533B, "t2s: 医 unchanged");
}

int
main(void)
{
	test_cases();
	test_bad();
	test_append();
	test_long_cluster();
	test_helpers();
	test_table();
	return done_testing();
}
