/* t-passage.c - passage boundaries: exact passages for crafted bodies,
 * and the invariants over every seed article. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "encoding.h"
#include "passage.h"

#define MAXP 64

typedef struct got {
	passage_t p[MAXP];
	size_t n;
	int stop_after; /* return 7 after this many passages; 0: never */
} got_t;

static int
collect(void *ctx, const passage_t *p)
{
	got_t *g = ctx;

	if (g->n < MAXP)
		g->p[g->n] = *p;
	g->n++;
	if (g->stop_after && g->n == (size_t)g->stop_after)
		return 7;
	return 0;
}

/* Expand a spec: text where "{N}" repeats the character before it N times
 * in all, so "甲{3}。" is "甲甲甲。". */
static void
expand(kb_buf *b, const char *spec)
{
	const char *s = spec, *prev = NULL;
	size_t prevlen = 0;

	buf_reset(b);
	while (*s) {
		if (*s == '{' && prev) {
			char *end;
			long n = strtol(s + 1, &end, 10);

			while (--n > 0)
				buf_add(b, prev, prevlen);
			s = end + 1;
			prev = NULL;
			continue;
		}
		prev = s;
		prevlen = 1;
		while ((s[prevlen] & 0xC0) == 0x80)
			prevlen++;
		buf_add(b, s, prevlen);
		s += prevlen;
	}
}

static const struct {
	const char *what;
	const char *body;
	const char *want[6]; /* the passages' text, NULL-terminated */
} cases[] = {
	{ "heading and item go with what follows",
	  "一、办理条件\n"
	  "  1. 职工医保转移\n"
	  "• 跨统筹地区流动的职工医保参保人员,可办理医疗保险关系转移接续,实现缴费年限累计计算,个人账户余额可划至转入地医保账户。\n"
	  "• 南京参保人转出需在转入地办理,需确保转入地处于正常参保状态。\n"
	  "二、办理流程与材料\n"
	  "• 携带身份证、参保凭证到转入地医保经办窗口提交申请,材料审核通过后个人账户余额将转入新参保地。",
	  { "一、办理条件\n"
	    "  1. 职工医保转移\n"
	    "• 跨统筹地区流动的职工医保参保人员,可办理医疗保险关系转移接续,实现缴费年限累计计算,个人账户余额可划至转入地医保账户。",
	    "• 南京参保人转出需在转入地办理,需确保转入地处于正常参保状态。\n"
	    "二、办理流程与材料\n"
	    "• 携带身份证、参保凭证到转入地医保经办窗口提交申请,材料审核通过后个人账户余额将转入新参保地。",
	    NULL } },
	{ "600 characters cut at sentence ends, greedily",
	  "甲{119}。乙{89}！丙{149}？丁{99};戊{139}。",
	  { "甲{119}。乙{89}！", "丙{149}？丁{99};", "戊{139}。", NULL } },
	{ "ASCII ! ? ; end sentences too",
	  "甲{199}!乙{199}?丙{99};",
	  { "甲{199}!", "乙{199}?", "丙{99};", NULL } },
	{ "no punctuation: hard cuts at 250 characters",
	  "医{600}", { "医{250}", "医{250}", "医{100}", NULL } },
	{ "a long sentence is cut after its last comma",
	  "甲{99},乙{99}，丙{100}", { "甲{99},乙{99}，", "丙{100}", NULL } },
	{ "or at its last space",
	  "a{150} b{150}", { "a{150}", "b{150}", NULL } },
	{ "closing quotes stay with the sentence",
	  "甲{100}。”乙{200}", { "甲{100}。”", "乙{200}", NULL } },
	{ "a short last piece joins the one before",
	  "甲{100}\n乙{10}", { "甲{100}\n乙{10}", NULL } },
	{ "unless that passes MAX + MIN",
	  "甲{30}\n乙{250}\n丙{20}", { "甲{30}\n乙{250}", "丙{20}", NULL } },
	{ "merging up to exactly MAX + MIN",
	  "甲{39}\n乙{250}", { "甲{39}\n乙{250}", NULL } },
	{ "one character more is not merged",
	  "甲{39}\n乙{251}", { "甲{39}\n乙{250}", "乙", NULL } },
	{ "space around lines and blank lines are left out",
	  "  \n \t 甲乙丙{50}　\n\n", { "甲乙丙{50}", NULL } },
	{ "a body shorter than MIN is one passage",
	  "短", { "短", NULL } },
	{ "empty body", "", { NULL } },
	{ "white space only", " \n\t\n　", { NULL } },
};

static void
test_cases(void)
{
	kb_buf body = KB_BUF_INIT, want = KB_BUF_INIT;
	size_t i, k;

	for (i = 0; i < KB_ARRAY_SIZE(cases); i++) {
		got_t g = { .n = 0 };
		size_t nwant = 0;

		expand(&body, cases[i].body);
		while (cases[i].want[nwant])
			nwant++;
		is_int(passage_split(body.buf, body.len, collect, &g), 0,
		       "%s: returns 0", cases[i].what);
		is_int(g.n, nwant, "%s: %zu passages", cases[i].what, nwant);
		for (k = 0; k < nwant && k < g.n; k++) {
			const passage_t *p = &g.p[k];
			char *text = strndup(body.buf + p->start,
					     p->end - p->start);

			expand(&want, cases[i].want[k]);
			is_str(text, want.buf, "%s: passage %zu",
			       cases[i].what, k + 1);
			free(text);
		}
	}

	/* the callback stops the split */
	{
		got_t g = { .n = 0, .stop_after = 1 };

		expand(&body, "医{600}");
		is_int(passage_split(body.buf, body.len, collect, &g), 7,
		       "a non-zero callback return is passed back");
		is_int(g.n, 1, "and no passage follows it");
	}
	buf_release(&body);
	buf_release(&want);
}

/* ------------------------------------------------------------------ */

static int
is_space_at(const char *s, size_t len)
{
	return enc_space_len(s, len) != 0;
}

static size_t
span_chars(const char *body, size_t a, size_t b)
{
	return enc_utf8_chars(body + a, b - a);
}

/* The invariants for one body; returns the number of violations. */
static int
check_body(const char *title, const char *body)
{
	got_t g = { .n = 0 };
	size_t len = strlen(body), i, pos = 0;
	int bad = 0;

	passage_split(body, len, collect, &g);
	if (g.n > MAXP) {
		diag("%s: too many passages", title);
		return 1;
	}
	for (i = 0; i < g.n; i++) {
		const passage_t *p = &g.p[i];
		size_t chars, n;

		if (p->start < pos || p->end <= p->start || p->end > len) {
			diag("%s: passage %zu out of order or empty", title, i);
			bad++;
			continue;
		}
		/* all text between passages is white space */
		for (; pos < p->start; pos += n ? n : 1) {
			n = enc_space_len(body + pos, len - pos);
			if (!n) {
				diag("%s: text at byte %zu is in no passage",
				     title, pos);
				bad++;
				break;
			}
		}
		if (is_space_at(body + p->start, len - p->start) ||
		    enc_space_len_before(body, p->end)) {
			diag("%s: passage %zu has space at an end", title, i);
			bad++;
		}
		chars = span_chars(body, p->start, p->end);
		if (chars > PASSAGE_MAX_CHARS + PASSAGE_MIN_CHARS) {
			diag("%s: passage %zu has %zu characters", title, i,
			     chars);
			bad++;
		}
		/* a short passage is all there is, or could not be merged
		 * with a neighbour */
		if (chars < PASSAGE_MIN_CHARS && g.n > 1 &&
		    !(i > 0 && span_chars(body, g.p[i - 1].start, p->end) >
				       PASSAGE_MAX_CHARS + PASSAGE_MIN_CHARS) &&
		    !(i + 1 < g.n &&
		      span_chars(body, p->start, g.p[i + 1].end) >
			      PASSAGE_MAX_CHARS + PASSAGE_MIN_CHARS)) {
			diag("%s: passage %zu is short (%zu) but mergeable",
			     title, i, chars);
			bad++;
		}
		pos = p->end;
	}
	for (; pos < len;) {
		size_t n = enc_space_len(body + pos, len - pos);

		if (!n) {
			diag("%s: text at byte %zu is in no passage", title,
			     pos);
			bad++;
			break;
		}
		pos += n;
	}
	return bad;
}

static void
test_seeds(void)
{
	static const char *const files[] = {
		"000_6ee8b6b41e4321c1.txt",
		"002_089c9026b7d6473a.txt",
	};
	const char *top = getenv("top_srcdir");
	size_t k, articles = 0;

	if (!top) {
		ok(0, "top_srcdir is not set");
		return;
	}
	for (k = 0; k < KB_ARRAY_SIZE(files); k++) {
		char path[4096];
		kb_reader_t *r;
		const kb_article_t *a;

		snprintf(path, sizeof path, "%s/corpus/%s", top, files[k]);
		if (!is_int(kb_reader_open(path, NULL, &r, NULL), KB_OK,
			    "open %s", files[k]))
			continue;
		while (kb_reader_next(r, &a, NULL) == KB_OK && a) {
			is_int(check_body(a->title, a->body), 0,
			       "passages of '%s' in bounds, in order, covering",
			       a->title);
			articles++;
		}
		kb_reader_close(r);
	}
	is_int(articles, 42, "checked all 42 seed articles");
}

/* The lead article of the first seed, whose passages are known. */
static void
test_seed_lead(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	kb_reader_t *r;
	const kb_article_t *a;
	got_t g = { .n = 0 };

	if (!top)
		return;
	snprintf(path, sizeof path, "%s/corpus/000_6ee8b6b41e4321c1.txt", top);
	if (kb_reader_open(path, NULL, &r, NULL) ||
	    kb_reader_next(r, &a, NULL) || !a) {
		ok(0, "read the first seed's lead");
		return;
	}
	passage_split(a->body, strlen(a->body), collect, &g);
	is_int(g.n, 9, "lead of the first seed: 9 passages");
	if (g.n >= 1) {
		char *first = strndup(a->body + g.p[0].start,
				      g.p[0].end - g.p[0].start);

		is_str(first,
		       "根据最新医保政策,医保异地转移接续规定如下:\n"
		       "一、异地转移接续的办理条件\n"
		       "1. 职工医保转移\n"
		       "• 跨统筹地区流动的职工医保参保人员,可办理医疗保险关系转移接续,实现缴费年限累计计算,个人账户余额可划至转入地医保账户。",
		       "lead: intro, heading and item go with the first point");
		free(first);
	}
	kb_reader_close(r);
}

int
main(void)
{
	test_cases();
	test_seeds();
	test_seed_lead();
	return done_testing();
}
