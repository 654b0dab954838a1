/* t-segment.c - the dictionary and the tokenizer. */
#include <config.h>

#include "segment.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"

/* Tokens written as "T:text:start:end:pos", T being H for a Han word, B for
 * a bigram and W for any other word; words and bigrams go to separate
 * lists so that a row reads as a segmentation. */
struct collect {
	kb_buf words, bigrams;
	size_t ntok;
	int stop_at;   /* stop with 7 at this token (1-based); 0: never */
	int bad;       /* a token broke an invariant */
	const char *text;
};

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
collect_cb(void *ctx, int tflags, const char *tok, size_t toklen,
	   size_t start, size_t end, unsigned pos)
{
	struct collect *c = ctx;
	kb_buf *b;
	char t;

	c->ntok++;
	if (tflags == (SEG_WORD | SEG_HAN))
		t = 'H';
	else if (tflags == (SEG_BIGRAM | SEG_HAN))
		t = 'B';
	else if (tflags == SEG_WORD)
		t = 'W';
	else
		t = '?';
	b = t == 'B' ? &c->bigrams : &c->words;
	if (b->len)
		buf_addch(b, ' ');
	buf_addf(b, "%c:%.*s:%zu:%zu:%u", t, (int)toklen, tok, start, end,
		 pos);
	if (c->stop_at && c->ntok == (size_t)c->stop_at)
		return 7;
	return 0;
}

static const struct {
	const char *text, *words, *bigrams;
} rows[] = {
	{ "医保异地转移最新规定",
	  "H:医保:0:6:0 H:异地:6:12:2 H:转移:12:18:4 H:最新:18:24:6 "
	  "H:规定:24:30:8",
	  "B:医保:0:6:0 B:保异:3:9:1 B:异地:6:12:2 B:地转:9:15:3 "
	  "B:转移:12:18:4 B:移最:15:21:5 B:最新:18:24:6 B:新规:21:27:7 "
	  "B:规定:24:30:8" },
	{ "农村医保在外省住院可以报销比例",
	  "H:农村:0:6:0 H:医保:6:12:2 H:在:12:15:4 H:外省:15:21:5 "
	  "H:住院:21:27:7 H:可以:27:33:9 H:报销比例:33:45:11",
	  "B:农村:0:6:0 B:村医:3:9:1 B:医保:6:12:2 B:保在:9:15:3 "
	  "B:在外:12:18:4 B:外省:15:21:5 B:省住:18:24:6 B:住院:21:27:7 "
	  "B:院可:24:30:8 B:可以:27:33:9 B:以报:30:36:10 B:报销:33:39:11 "
	  "B:销比:36:42:12 B:比例:39:45:13" },
	{ "退休职工怎样办理异地医保",
	  "H:退休:0:6:0 H:职工:6:12:2 H:怎样:12:18:4 H:办理:18:24:6 "
	  "H:异地:24:30:8 H:医保:30:36:10",
	  "B:退休:0:6:0 B:休职:3:9:1 B:职工:6:12:2 B:工怎:9:15:3 "
	  "B:怎样:12:18:4 B:样办:15:21:5 B:办理:18:24:6 B:理异:21:27:7 "
	  "B:异地:24:30:8 B:地医:27:33:9 B:医保:30:36:10" },
	{ "报销比例:50%-55%",
	  "H:报销比例:0:12:0 W:50:13:15:5 W:55:17:19:9",
	  "B:报销:0:6:0 B:销比:3:9:1 B:比例:6:12:2" },
	{ "国家医保服务平台APP",
	  "H:国家:0:6:0 H:医保:6:12:2 H:服务:12:18:4 H:平台:18:24:6 "
	  "W:app:24:27:8",
	  "B:国家:0:6:0 B:家医:3:9:1 B:医保:6:12:2 B:保服:9:15:3 "
	  "B:服务:12:18:4 B:务平:15:21:5 B:平台:18:24:6" },
	{ "起付线:700-1000元",
	  "H:起付线:0:9:0 W:700:10:13:4 W:1000:14:18:8 H:元:18:21:12",
	  "B:起付:0:6:0 B:付线:3:9:1" },
	{ "４５％", "W:45:0:6:0", "" },
	/* full-width letters and digits fold into one token */
	{ "ＡＰＰ下载", "W:app:0:9:0 H:下载:9:15:3", "B:下载:9:15:3" },
	/* a single Han character gives the word only */
	{ "第3次", "H:第:0:3:0 W:3:3:4:1 H:次:4:7:2", "" },
	/* a decimal number is one token; a trailing dot is not part of it */
	{ "比例42.42%，v1.2.", "H:比例:0:6:0 W:42.42:6:11:2 W:v1.2:15:19:9",
	  "B:比例:0:6:0" },
	/* offsets cover the original full-width text; a ZWSP is dropped */
	{ "ＡＢ医\xe2\x80\x8b保", "W:ab:0:6:0 H:医保:6:15:2",
	  "B:医保:6:15:2" },
	/* domain words win over the general list */
	{ "城乡居民医保异地就医备案",
	  "H:城乡居民医保:0:18:0 H:异地就医:18:30:6 H:备案:30:36:10",
	  "B:城乡:0:6:0 B:乡居:3:9:1 B:居民:6:12:2 B:民医:9:15:3 "
	  "B:医保:12:18:4 B:保异:15:21:5 B:异地:18:24:6 B:地就:21:27:7 "
	  "B:就医:24:30:8 B:医备:27:33:9 B:备案:30:36:10" },
	{ "参保地和就医地不一样",
	  "H:参保地:0:9:0 H:和:9:12:3 H:就医地:12:21:4 H:不:21:24:7 "
	  "H:一样:24:30:8",
	  "B:参保:0:6:0 B:保地:3:9:1 B:地和:6:12:2 B:和就:9:15:3 "
	  "B:就医:12:18:4 B:医地:15:21:5 B:地不:18:24:6 B:不一:21:27:7 "
	  "B:一样:24:30:8" },
	/* but do not swallow the start of a following word */
	{ "就医地点", "H:就医:0:6:0 H:地点:6:12:2",
	  "B:就医:0:6:0 B:医地:3:9:1 B:地点:6:12:2" },
	{ "农村参保人群", "H:农村:0:6:0 H:参保:6:12:2 H:人群:12:18:4",
	  "B:农村:0:6:0 B:村参:3:9:1 B:参保:6:12:2 B:保人:9:15:3 "
	  "B:人群:12:18:4" },
	{ "去人民医院乳腺外科挂号",
	  "H:去:0:3:0 H:人民医院:3:15:1 H:乳腺外科:15:27:5 H:挂号:27:33:9",
	  "B:去人:0:6:0 B:人民:3:9:1 B:民医:6:12:2 B:医院:9:15:3 "
	  "B:院乳:12:18:4 B:乳腺:15:21:5 B:腺外:18:24:6 B:外科:21:27:7 "
	  "B:科挂:24:30:8 B:挂号:27:33:9" },
	{ "职工医保个人账户的钱可以提取吗",
	  "H:职工医保:0:12:0 H:个人账户:12:24:4 H:的:24:27:8 H:钱:27:30:9 "
	  "H:可以:30:36:10 H:提取:36:42:12 H:吗:42:45:14",
	  "B:职工:0:6:0 B:工医:3:9:1 B:医保:6:12:2 B:保个:9:15:3 "
	  "B:个人:12:18:4 B:人账:15:21:5 B:账户:18:24:6 B:户的:21:27:7 "
	  "B:的钱:24:30:8 B:钱可:27:33:9 B:可以:30:36:10 B:以提:33:39:11 "
	  "B:提取:36:42:12 B:取吗:39:45:13" },
	{ "新农合转诊到三甲医院",
	  "H:新农合:0:9:0 H:转诊:9:15:3 H:到:15:18:5 H:三甲医院:18:30:6",
	  "B:新农:0:6:0 B:农合:3:9:1 B:合转:6:12:2 B:转诊:9:15:3 "
	  "B:诊到:12:18:4 B:到三:15:21:5 B:三甲:18:24:6 B:甲医:21:27:7 "
	  "B:医院:24:30:8" },
	/* letters of other scripts are words; kana is not Han */
	{ "Café和カフェ", "W:café:0:5:0 H:和:5:8:4 W:カフェ:8:17:5", "" },
	{ "", "", "" },
	{ " ，。！", "", "" },
};

static void
test_rows(seg_t *seg)
{
	struct collect c;
	kb_error_t err;
	size_t i;
	int rc;

	for (i = 0; i < KB_ARRAY_SIZE(rows); i++) {
		memset(&c, 0, sizeof c);
		buf_init(&c.words, 0);
		buf_init(&c.bigrams, 0);
		rc = seg_tokenize(seg, rows[i].text, strlen(rows[i].text),
				  collect_cb, &c, &err);
		is_int(rc, 0, "'%s': tokenized", rows[i].text);
		is_str(c.words.buf, rows[i].words, "'%s': words", rows[i].text);
		is_str(c.bigrams.buf, rows[i].bigrams, "'%s': bigrams",
		       rows[i].text);
		buf_release(&c.words);
		buf_release(&c.bigrams);
	}
}

/* Every adjacent pair of Han characters must come out as a bigram at the
 * position of its first character, and nothing else may. */
struct pairs {
	const char *norm;      /* the normalized text */
	const size_t *cstart;  /* byte offset of each of its characters */
	size_t nchars;
	unsigned char *seen;   /* per position: bigram seen */
	int bad;
};

static int
pairs_cb(void *ctx, int tflags, const char *tok, size_t toklen,
	 size_t start, size_t end, unsigned pos)
{
	struct pairs *p = ctx;

	if (!(tflags & SEG_BIGRAM))
		return 0;
	if (pos + 2 > p->nchars ||
	    p->cstart[pos + 2] - p->cstart[pos] != toklen ||
	    memcmp(p->norm + p->cstart[pos], tok, toklen) != 0 ||
	    p->seen[pos]++)
		p->bad++;
	return 0;
}

static void
test_bigram_cover(seg_t *seg)
{
	static const char text[] =
		"跨统筹地区流动的职工医保参保人员，可办理医疗保险关系转移接续，"
		"实现缴费年限累计计算，个人账户余额可划至转入地医保账户。"
		"（如呼和浩特）支持线下办理，需携带身份证、参保凭证到转入地"
		"医保经办窗口提交。Ａ医Ｂ保 单 二〇二五年";
	kb_buf norm = KB_BUF_INIT;
	size_t cstart[256], n = 0, i, want = 0, got = 0;
	unsigned char seen[256] = { 0 };
	int32_t cp, prev_han = 0, han;
	struct pairs p;
	kb_error_t err;

	if (norm_utf8(text, sizeof text - 1, &norm, NULL, NULL, &err) ||
	    norm_strlen(norm.buf, norm.len) >= KB_ARRAY_SIZE(cstart)) {
		ok(0, "bigram cover: normalize the text");
		return;
	}
	for (i = 0; i < norm.len; i += norm_decode(norm.buf + i,
						      norm.len - i, &cp)) {
		norm_decode(norm.buf + i, norm.len - i, &cp);
		han = norm_is_han(cp);
		if (han && prev_han)
			want++;
		prev_han = han;
		cstart[n++] = i;
	}
	cstart[n] = norm.len;
	p.norm = norm.buf;
	p.cstart = cstart;
	p.nchars = n;
	p.seen = seen;
	p.bad = 0;
	is_int(seg_tokenize(seg, text, sizeof text - 1, pairs_cb, &p, &err), 0,
	       "bigram cover: tokenized");
	is_int(p.bad, 0, "bigram cover: every bigram is a pair at its position");
	for (i = 0; i < n; i++)
		got += seen[i];
	is_int(got, want, "bigram cover: one bigram for each adjacent Han pair");
	is_int(want, 84, "bigram cover: the pairs counted");
	buf_release(&norm);
}

static void
test_stop(seg_t *seg)
{
	struct collect c;
	kb_error_t err;

	memset(&c, 0, sizeof c);
	buf_init(&c.words, 0);
	buf_init(&c.bigrams, 0);
	c.stop_at = 3;
	is_int(seg_tokenize(seg, "医保异地转移", strlen("医保异地转移"),
			    collect_cb, &c, &err),
	       7, "stop: the callback's value is returned");
	is_int(c.ntok, 3, "stop: no token after the stop");
	is_str(c.words.buf, "H:医保:0:6:0", "stop: words so far");
	is_str(c.bigrams.buf, "B:医保:0:6:0 B:保异:3:9:1",
	       "stop: bigrams so far");
	buf_release(&c.words);
	buf_release(&c.bigrams);

	memset(&c, 0, sizeof c);
	buf_init(&c.words, 0);
	buf_init(&c.bigrams, 0);
	c.stop_at = 2;
	is_int(seg_tokenize(seg, "a b c", 5, collect_cb, &c, &err), 7,
	       "stop: in a letter run");
	is_int(c.ntok, 2, "stop: two letter tokens");
	buf_release(&c.words);
	buf_release(&c.bigrams);
}

static void
test_invalid(seg_t *seg)
{
	struct collect c;
	kb_error_t err;

	memset(&c, 0, sizeof c);
	buf_init(&c.words, 0);
	buf_init(&c.bigrams, 0);
	memset(&err, 0, sizeof err);
	is_int(seg_tokenize(seg, "医保\xed\xa0\x80", 9, collect_cb, &c, &err),
	       -1, "invalid UTF-8: fails");
	is_int(err.code, KB_ERR_ENCODING, "invalid UTF-8: status");
	is_str(err.msg, "invalid UTF-8 at byte 6", "invalid UTF-8: message");
	is_int(c.ntok, 0, "invalid UTF-8: no tokens");
	buf_release(&c.words);
	buf_release(&c.bigrams);
}

/* Token invariants over a large input: offsets inside the text, in order,
 * and the original bytes of each token normalize to the token. */
struct check {
	const char *text;
	size_t len, ntok, last_start;
	unsigned last_pos;
	kb_buf scratch;
	int bad;
};

static int
check_cb(void *ctx, int tflags, const char *tok, size_t toklen,
	 size_t start, size_t end, unsigned pos)
{
	struct check *k = ctx;

	k->ntok++;
	if (start >= end || end > k->len || start < k->last_start ||
	    pos < k->last_pos) {
		k->bad++;
		return 0;
	}
	k->last_start = start;
	k->last_pos = pos;
	buf_reset(&k->scratch);
	if (norm_utf8(k->text + start, end - start, &k->scratch, NULL, NULL,
		      NULL) ||
	    k->scratch.len != toklen ||
	    memcmp(k->scratch.buf, tok, toklen) != 0)
		k->bad++;
	return 0;
}

static void
test_large(seg_t *seg)
{
	static const char piece[] =
		"农村医保在外省住院可以报销比例？起付线：７００－１０００元，"
		"报销比例50%-55%。Retirees 异地就医 need 备案 first.\n";
	kb_buf text = KB_BUF_INIT;
	struct check k;
	kb_error_t err;
	size_t reps = 0, per;

	memset(&k, 0, sizeof k);
	buf_init(&k.scratch, 0);
	k.text = piece;
	k.len = sizeof piece - 1;
	is_int(seg_tokenize(seg, piece, k.len, check_cb, &k, &err), 0,
	       "large: one piece");
	per = k.ntok;
	buf_release(&k.scratch);
	while (text.len < 100 * 1024) {
		buf_add(&text, piece, sizeof piece - 1);
		reps++;
	}
	memset(&k, 0, sizeof k);
	buf_init(&k.scratch, 0);
	k.text = text.buf;
	k.len = text.len;
	is_int(seg_tokenize(seg, text.buf, text.len, check_cb, &k, &err), 0,
	       "large: %zu bytes tokenized", text.len);
	is_int(k.ntok, per * reps, "large: the tokens of %zu pieces", reps);
	is_int(k.bad, 0, "large: every token maps back to its source");
	buf_release(&k.scratch);
	buf_release(&text);
}

static int
count_cb(void *ctx, int tflags, const char *tok, size_t toklen,
	 size_t start, size_t end, unsigned pos)
{
	(*(size_t *)ctx)++;
	return 0;
}

/* Throughput on 5 MB of Chinese text; reported, not asserted. */
static void
test_speed(seg_t *seg)
{
	static const char *const para[] = {
		"根据最新医保政策，医保异地转移接续规定如下：跨统筹地区流动的职工医保参保人员，"
		"可办理医疗保险关系转移接续，实现缴费年限累计计算，个人账户余额可划至转入地医保账户。",
		"退休职工办理异地医保需提前备案，通过线上或线下渠道提交材料，并垫付费用后报销。"
		"具体流程包括申请转移、备案登记、就医结算三个关键步骤，且全国已实现跨省直接结算。",
		"在2025年，安徽淮北治疗乳房肿块的最佳选择包括淮北矿工总医院、淮北市人民医院和"
		"淮北市妇幼保健院。这些医院凭借其高水平的医疗技术、先进的设备以及专业的乳腺外科团队。",
		"入睡困难时可通过摄入富含色氨酸、镁、B族维生素及钙的食物改善睡眠质量，如牛奶、"
		"香蕉、燕麦、坚果等，这些成分能调节神经传导，促进褪黑素分泌，帮助快速入眠。\n",
	};
	kb_buf text = KB_BUF_INIT;
	size_t i = 0, ntok = 0;
	double t0, ms;
	kb_error_t err;
	int rc;

	while (text.len < 5 * 1024 * 1024)
		buf_addstr(&text, para[i++ % KB_ARRAY_SIZE(para)]);
	t0 = now_ms();
	rc = seg_tokenize(seg, text.buf, text.len, count_cb, &ntok, &err);
	ms = now_ms() - t0;
	is_int(rc, 0, "speed: 5 MB tokenized");
	diag("segment: %.1f MB in %.0f ms: %.1f MB/s, %zu tokens",
	     (double)text.len / (1024 * 1024), ms,
	     (double)text.len / (1024 * 1024) / (ms / 1000), ntok);
	buf_release(&text);
}

static void
test_dict(const dict_t *d)
{
	static const struct {
		const char *w;
		int kind;
	} words[] = {
		{ "医保", DICT_WORD }, { "医", DICT_WORD },
		{ "异地就医", DICT_WORD }, { "异地就", DICT_PREFIX },
		{ "门诊慢特病", DICT_WORD }, { "门诊慢特", DICT_PREFIX },
		{ "乳腺外科", DICT_WORD }, { "规定", DICT_WORD },
		{ "医保异", DICT_NONE }, { "abc", DICT_NONE },
		{ "", DICT_NONE },
	};
	const dict_t *again;
	double lp = 1, lp2 = 1;
	size_t i;

	for (i = 0; i < KB_ARRAY_SIZE(words); i++)
		is_int(dict_lookup(d, words[i].w, strlen(words[i].w), NULL),
		       words[i].kind, "dict: '%s'", words[i].w);
	ok(dict_size(d) > 140000 && dict_size(d) < 160000,
	   "dict: %zu words", dict_size(d));
	dict_lookup(d, "医保", 6, &lp);
	dict_lookup(d, "的", 3, &lp2);
	ok(lp < 0 && lp2 > lp, "dict: log-probabilities (医保 %.2f, 的 %.2f)",
	   lp, lp2);
	ok(dict_unknown_logp(d) < lp, "dict: an unknown character is rarer");
	is_int(dict_builtin(&again, NULL), KB_OK, "dict: built-in again");
	ok(again == d, "dict: built once");
}

/* Every entry of data/dict/domain.tsv is a normalized Han word that the
 * built-in dictionary holds: the file is linked in and parsed whole. */
static void
test_domain_file(const dict_t *d)
{
	const char *top = getenv("top_srcdir");
	kb_buf path = KB_BUF_INIT, norm = KB_BUF_INIT;
	char line[512], *tab;
	size_t n = 0, bad_han = 0, bad_norm = 0, missing = 0, i, l;
	int32_t cp;
	FILE *f;

	buf_addf(&path, "%s/data/dict/domain.tsv", top ? top : "../..");
	f = fopen(path.buf, "r");
	if (!ok(f != NULL, "domain list: open '%s'", path.buf)) {
		buf_release(&path);
		return;
	}
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		tab = strchr(line, '\t');
		if (!tab) {
			bad_han++;
			continue;
		}
		*tab = '\0';
		n++;
		for (i = 0; line[i]; i += l) {
			l = norm_decode(line + i, strlen(line + i), &cp);
			if (!norm_is_han(cp))
				bad_han++;
		}
		buf_reset(&norm);
		if (norm_utf8(line, strlen(line), &norm, NULL, NULL, NULL) ||
		    strcmp(norm.buf, line) != 0)
			bad_norm++;
		if (dict_lookup(d, line, strlen(line), NULL) != DICT_WORD) {
			if (!missing)
				diag("not in the dictionary: '%s'", line);
			missing++;
		}
	}
	fclose(f);
	ok(n > 500, "domain list: %zu words", n);
	is_int(bad_han, 0, "domain list: Han words only");
	is_int(bad_norm, 0, "domain list: words are normalized");
	is_int(missing, 0, "domain list: every word is in the dictionary");
	buf_release(&path);
	buf_release(&norm);
}

int
main(void)
{
	const dict_t *dict;
	seg_t *seg = NULL;
	kb_error_t err;
	double t0;

	t0 = now_ms();
	if (!ok(dict_builtin(&dict, &err) == KB_OK, "built-in dictionary")) {
		diag("%s", err.msg);
		return done_testing();
	}
	diag("dictionary: %zu words built in %.1f ms", dict_size(dict),
	     now_ms() - t0);
	if (!ok(seg_create(dict, &seg, &err) == KB_OK, "segmenter created"))
		return done_testing();
	test_dict(dict);
	test_domain_file(dict);
	test_rows(seg);
	test_bigram_cover(seg);
	test_stop(seg);
	test_invalid(seg);
	test_large(seg);
	test_speed(seg);
	seg_destroy(seg);
	seg_destroy(NULL);
	return done_testing();
}
