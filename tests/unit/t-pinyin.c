/* t-pinyin.c - readings, keys and syllable splits (pinyin.c), the
 * vocabulary map written by py_vocab_t, and queries read through it
 * (query-spell.c) over a scratch index. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "normalize.h"
#include "pinyin.h"
#include "query-spell.h"
#include "schema.h"

static const struct {
	const char *ch, *want; /* "" when none */
} readings[] = {
	{ "医", "yi" },
	{ "保", "bao" },
	{ "行", "xing hang heng" }, /* the common reading first */
	{ "重", "zhong chong" },
	{ "乐", "le yue" },
	{ "长", "zhang chang" },
	{ "女", "nv" },             /* ü is v */
	{ "绿", "lv lu" },
	{ "㐀", "qiu" },            /* Extension A */
	{ "A", "" },
	{ "，", "" },
};

static const struct {
	const char *word;
	int initials;
	const char *want; /* the keys, space-separated */
} keys[] = {
	{ "医保", 0, "yibao" },
	{ "医保", 1, "yb" },
	{ "银行", 0, "yinxing yinhang yinheng" },
	{ "银行", 1, "yx yh" },
	{ "重庆", 0, "zhongqing chongqing" },
	{ "社保", 1, "sb" },               /* sh counts as s */
	{ "新农合", 0, "xinnonghe xinnongge" },
	{ "医保a", 0, "" },                /* a character without reading */
};

static const struct {
	const char *s, *want; /* best split, "" when none */
	const char *cuts;     /* offsets of any split's boundaries */
} splits[] = {
	{ "xian", "xian", "0 2 4" },      /* xian or xi'an */
	{ "fangan", "fang an", "0 3 4 6" }, /* fang'an or fan'gan */
	{ "yibaoyidi", "yi bao yi di", "0 2 4 5 7 9" }, /* ba'o too */
	{ "zhuanyi", "zhuan yi", "0 3 5 7" },    /* zhu'an'yi */
	{ "lvse", "lv se", "0 2 4" },
	{ "ybyd", "", "" },
	{ "app", "", "" },
	{ "ng", "", "" },                  /* no interjections */
};

static const struct {
	const char *query, *want, *notes;
} rewrites[] = {
	/* typos: a bigram the index lacks, a word that sounds the same */
	{ "医保移地", "医保异地", "corrected:移地>异地\n" },
	{ "新农和", "新农合", "corrected:新农和>新农合\n" },
	{ "异地就医被案", "异地就医备案", "corrected:被案>备案\n" },
	{ "报消 流程", "报销 流程", "corrected:报消>报销\n" },
	/* pinyin, alone, several, run together, mixed, initials */
	{ "yibao", "医保", "pinyin:yibao>医保\n" },
	{ "yibao yidi", "医保 异地", "pinyin:yibao>医保\npinyin:yidi>异地\n" },
	{ "yibaoyidi", "医保异地", "pinyin:yibaoyidi>医保异地\n" },
	{ "yibao 转移", "医保 转移", "pinyin:yibao>医保\n" },
	{ "ybyd", "医保异地", "pinyin:ybyd>医保异地\n" },
	/* 参保 is more frequent, but sb only read shenbao */
	{ "sb", "社保", "pinyin:sb>社保\n" },
	{ "xinnonghe", "新农合", "pinyin:xinnonghe>新农合\n" },
	/* left alone: words the index has, a dictionary word (一下 is not
	 * 以下), a term, filters, letters among digits, no such word */
	{ "医保异地", NULL, "" },
	{ "一下", NULL, "" },
	{ "app", NULL, "" },
	{ "region:yibao", NULL, "" },
	{ "yibao2025", NULL, "" },
	{ "xi'an", NULL, "" },
	{ "zzz", NULL, "" },
	/* initials of three words or more are not read */
	{ "ybydba", NULL, "" },
};

/* The words of the scratch index, with their document frequency. */
static const struct {
	const char *word;
	unsigned docs;
} vocab[] = {
	{ "医保", 3 }, { "异地", 2 }, { "就医", 2 }, { "备案", 2 },
	{ "社保", 2 }, { "参保", 5 }, { "报销", 2 }, { "新农合", 1 },
	{ "转移", 1 }, { "以下", 4 }, { "流程", 1 },
};

static void
join(kb_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i += strlen(s + i) + 1) {
		if (i)
			buf_addch(b, ' ');
		buf_addstr(b, s + i);
	}
}

/* The scratch index: each word in as many documents as it says, with its
 * bigrams, and the vocabulary map. */
static int
make_index(const char *dir, xc_db **out)
{
	py_vocab_t *v;
	xc_doc *doc;
	xc_error xe;
	kb_error_t err;
	char term[64];

	if (!mkdtemp((char *)dir) || xc_db_open_writable(dir, 1, out, &xe) ||
	    xc_doc_create(&doc, &xe) || py_vocab_create(&v, &err))
		return -1;
	for (size_t i = 0; i < KB_ARRAY_SIZE(vocab); i++) {
		const char *w = vocab[i].word;
		size_t len = strlen(w);

		for (unsigned d = 0; d < vocab[i].docs; d++) {
			xc_doc_clear(doc);
			xc_doc_add_term(doc, w, len, 1, &xe);
			for (size_t c = 0; c + 6 <= len; c += 3) {
				snprintf(term, sizeof term, "%.6s", w + c);
				xc_doc_add_term(doc, term, strlen(term), 1, &xe);
			}
			xc_doc_add_term(doc, "app", 3, 1, &xe);
			if (xc_db_add_doc(*out, doc, NULL, &xe))
				return -1;
		}
		if (py_vocab_add(v, w, len) || py_vocab_add(v, w, len))
			return -1;
	}
	/* 就医 and 异地 stand together in a document */
	xc_doc_clear(doc);
	xc_doc_add_term(doc, "地就", strlen("地就"), 1, &xe);
	xc_doc_add_term(doc, "医保", strlen("医保"), 1, &xe);
	xc_db_add_doc(*out, doc, NULL, &xe);
	if (py_vocab_write(v, *out, &err) || py_vocab_write(v, *out, &err) ||
	    xc_db_commit(*out, &xe))
		return -1;
	py_vocab_destroy(v);
	xc_doc_destroy(doc);
	return 0;
}

static int
syn_count(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	++*(int *)ctx;
	return 0;
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[1024], rm[1100];
	xc_db *db;
	kb_buf b = KB_BUF_INIT;
	xc_error xe;
	int n = 0;

	buf_init(&b, 0);
	for (size_t i = 0; i < KB_ARRAY_SIZE(readings); i++) {
		int32_t cp;
		size_t len;
		const char *r;

		norm_decode(readings[i].ch, strlen(readings[i].ch), &cp);
		r = py_readings(cp, &len);
		buf_reset(&b);
		buf_add(&b, r ? r : "", len);
		is_str(b.buf, readings[i].want, "readings of %s", readings[i].ch);
	}
	for (size_t i = 0; i < KB_ARRAY_SIZE(keys); i++) {
		kb_buf k = KB_BUF_INIT;
		size_t nk;

		buf_init(&k, 0);
		nk = py_keys(keys[i].word, strlen(keys[i].word),
			     keys[i].initials, &k);
		buf_reset(&b);
		join(&b, k.buf, k.len);
		is_str(b.buf, keys[i].want, "%s keys of %s (%zu)",
		       keys[i].initials ? "initials" : "full", keys[i].word, nk);
		buf_release(&k);
	}
	for (size_t i = 0; i < KB_ARRAY_SIZE(splits); i++) {
		const char *s = splits[i].s;
		size_t len = strlen(s), ends[16], ns, at = 0;
		unsigned char cut[PY_MAX_LETTERS + 1];

		ns = py_split(s, len, ends, 16);
		buf_reset(&b);
		for (size_t j = 0; j < ns; at = ends[j++])
			buf_addf(&b, "%s%.*s", j ? " " : "",
				 (int)(ends[j] - at), s + at);
		is_str(b.buf, splits[i].want, "best split of %s", s);
		buf_reset(&b);
		if (py_cuts(s, len, cut))
			for (size_t j = 0; j <= len; j++)
				if (cut[j])
					buf_addf(&b, "%s%zu", b.len ? " " : "", j);
		is_str(b.buf, splits[i].cuts, "boundaries of %s", s);
	}
	ok(py_is_syllable("lve", 3) && py_is_syllable("zhuang", 6) &&
	   !py_is_syllable("r", 1) && !py_is_syllable("zhuangg", 7),
	   "syllables: lve and zhuang are, r and zhuangg are not");

	snprintf(dir, sizeof dir, "%s/t-pinyin.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (make_index(dir, &db)) {
		printf("Bail out! cannot create an index in '%s'\n", dir);
		return 1;
	}
	xc_db_synonyms(db, "PY:yinhang", strlen("PY:yinhang"), syn_count, &n,
		       &xe);
	is_int(n, 0, "no key for a word the index lacks");
	n = 0;
	xc_db_synonyms(db, "PI:sb", strlen("PI:sb"), syn_count, &n, &xe);
	is_int(n, 2, "PI:sb names 社保 and 参保 (read shenbao)");

	for (size_t i = 0; i < KB_ARRAY_SIZE(rewrites); i++) {
		query_plan_t plan = QUERY_PLAN_INIT;
		const char *want = rewrites[i].want;
		kb_buf text = KB_BUF_INIT, notes = KB_BUF_INIT;
		kb_error_t err;

		buf_init(&text, 0);
		buf_init(&notes, 0);
		buf_init(&plan.notes, 0);
		buf_init(&plan.corrected, 0);
		buf_addstr(&text, rewrites[i].query);
		if (query_spell(db, &text, &plan, &err)) {
			ok(0, "'%s': %s", rewrites[i].query, err.msg);
			continue;
		}
		is_str(text.buf, want ? want : rewrites[i].query, "'%s' read",
		       rewrites[i].query);
		is_str(plan.corrected.buf ? plan.corrected.buf : "",
		       want ? want : "", "'%s' corrected query",
		       rewrites[i].query);
		for (size_t p = 0; p < plan.notes.len;) {
			const char *from = plan.notes.buf + p + 1;
			const char *to = from + strlen(from) + 1;

			buf_addf(&notes, "%s:%s>%s\n",
				 query_note_kind_name(plan.notes.buf[p]), from,
				 to);
			p = (size_t)(to + strlen(to) + 1 - plan.notes.buf);
		}
		is_str(notes.buf ? notes.buf : "", rewrites[i].notes,
		       "'%s' notes", rewrites[i].query);
		buf_release(&text);
		buf_release(&notes);
		query_plan_release(&plan);
	}
	xc_db_close(db);
	buf_release(&b);
	snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
	ok(system(rm) == 0, "remove the scratch directory");
	return done_testing();
}
