/* query.c - see query.h. */
#include <config.h>

#include "query.h"
#include "query-boost.h"
#include "dict.h"
#include "filter.h"
#include "normalize.h"
#include "query-spell.h"
#include "schema.h"
#include "xc-status.h"
#include "../util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A query longer than this many words is cut: the tail of a pasted page
 * adds time, not relevance. */
#define MAX_QUERY_WORDS 32
/* Extra window, in characters, within which two query words count as
 * standing close together. */
#define NEAR_SLACK 6
/* At most this many synonyms of one word are searched for. */
#define MAX_SYNONYMS 8
/* A query word in more than this share of the passages (and in at least
 * COMMON_MIN_DOCS of them) is common: beside a rarer word, it only adds to
 * what the rarer words match, as Lucene's common-terms query does.  As a
 * match of its own it would bring in a large part of the index, all of it
 * to be scored, for a page that the rarer words decide. */
#define COMMON_SHARE 0.02
#define COMMON_MIN_DOCS 1000
/* What saying the word as typed adds to its concept's weight: enough for a
 * passage with the word as typed to come before one with only a synonym
 * (tests/t1050), little enough that it does not outweigh the other words
 * of a question (tests/t9000); a binary fraction, so that --explain shows
 * it as written. */
#define EXACT_BONUS 0.3125

/* Question words, fillers and particles: they say how the caller asks, not
 * what about.  Sorted in byte order for bsearch (t-query checks). */
static const char *const stopwords[] = {
	"一下", "一般", "不会", "不行", "与", "个", "为什么", "为啥", "么", "之", "也", "了",
	"些", "什么", "什么样", "他", "们", "会", "何", "你", "你们", "其", "具体", "几",
	"到底", "及", "可不可以", "可以", "吗", "吧", "呀", "呗", "呢", "咋", "咋办",
	"咋整", "咋样", "和", "咨询", "哈", "哎", "哦", "哪", "哪个", "哪些", "哪儿",
	"哪家", "哪里", "啊", "啥", "啦", "喔", "嗯", "嘛", "嘞", "地", "多久", "多少",
	"多长", "大概", "大约", "好", "如何", "对", "就", "已经", "帮忙", "干啥", "应当",
	"应该", "得", "怎么", "怎么办", "怎么样", "怎样", "您", "想", "想知道", "想问", "感谢",
	"我", "我们", "或", "或者", "把", "时候", "是", "是不是", "是否", "有", "有没有",
	"来", "的", "看看", "着", "知道", "给", "能", "能不能", "能够", "行", "被", "要",
	"要不要", "让", "该", "请", "请问", "谁", "谢谢", "过", "还", "这", "那", "都",
	"问", "问问", "需不需要", "需要", "额", "麻烦",
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *const *
query_stopwords(size_t *n)
{
	*n = KB_ARRAY_SIZE(stopwords);
	return stopwords;
}

int
query_is_stopword(const char *word, size_t len)
{
	char key[32];
	const char *k = key;

	if (len >= sizeof key)
		return 0;
	memcpy(key, word, len);
	key[len] = '\0';
	return bsearch(&k, stopwords, KB_ARRAY_SIZE(stopwords),
		       sizeof stopwords[0], cmp_str) != NULL;
}

static const char *const note_kind_names[QUERY_NOTE_KINDS] = {
	[QUERY_NOTE_DROPPED] = "dropped",
	[QUERY_NOTE_SYNONYM] = "synonym",
	[QUERY_NOTE_SCRIPT] = "script",
	[QUERY_NOTE_PINYIN] = "pinyin",
	[QUERY_NOTE_CORRECTED] = "corrected",
	[QUERY_NOTE_PLACE] = "place",
};

const char *
query_note_kind_name(query_note_kind_t kind)
{
	return (unsigned)kind < QUERY_NOTE_KINDS ? note_kind_names[kind] : "";
}

void
query_note(query_plan_t *plan, query_note_kind_t kind, const char *from,
	   size_t fromlen, const char *to, size_t tolen)
{
	buf_addch(&plan->notes, (char)kind);
	buf_add(&plan->notes, from, fromlen);
	buf_addch(&plan->notes, '\0');
	buf_add(&plan->notes, to, tolen);
	buf_addch(&plan->notes, '\0');
	plan->nnotes++;
}

typedef struct qword {
	size_t off, len;   /* in the token text (normalized) */
	size_t start, end; /* in the query as typed */
	unsigned nchars;
	int han, stop;
} qword_t;

typedef struct collect {
	const char *query;
	qword_t words[MAX_QUERY_WORDS];
	size_t nwords;
	kb_buf text;
	xc_db *syn; /* synonym table, or NULL */
	const dict_t *dict;
} collect_t;

/* Words only: the bigrams a word stands for are rebuilt from its text, so
 * words typed apart can be joined into one phrase. */
static int
collect_cb(void *ctx, int tflags, const char *tok, size_t len, size_t start,
	   size_t end, unsigned pos)
{
	collect_t *c = ctx;
	qword_t *w;

	if (!(tflags & SEG_WORD) || len > 64 || c->nwords == MAX_QUERY_WORDS)
		return 0;
	w = &c->words[c->nwords++];
	w->off = c->text.len;
	w->len = len;
	w->start = start;
	w->end = end;
	w->nchars = (unsigned)norm_strlen(tok, len);
	w->han = (tflags & SEG_HAN) != 0;
	w->stop = query_is_stopword(tok, len);
	buf_add(&c->text, tok, len);
	return buf_failed(&c->text) ? ENOMEM : 0;
}

typedef struct qlist {
	xc_query *v[4 * MAX_QUERY_WORDS];
	size_t n;
} qlist_t;

static void
qlist_release(qlist_t *l)
{
	for (size_t i = 0; i < l->n; i++)
		xc_query_destroy(l->v[i]);
	l->n = 0;
}

static kb_status_t
term_query(const char *prefix, const char *s, size_t len, unsigned pos,
	   xc_query **out, kb_error_t *err)
{
	char term[80];
	size_t plen = strlen(prefix);
	xc_error xe;

	if (plen + len >= sizeof term)
		return kb_fail(err, KB_ERR_INTERNAL, "query term too long");
	memcpy(term, prefix, plen);
	memcpy(term + plen, s, len);
	if (xc_query_term(term, plen + len, 1, pos, out, &xe))
		return kb_fail_xc(err, &xe, "cannot build query");
	return KB_OK;
}

static kb_status_t
combine(xc_op op, qlist_t *parts, unsigned param, xc_query **out,
	kb_error_t *err)
{
	xc_error xe;
	kb_status_t rc = KB_OK;

	*out = NULL;
	if (parts->n == 1 && op != XC_OP_PHRASE && op != XC_OP_NEAR) {
		*out = parts->v[0];
		parts->n = 0;
		return KB_OK;
	}
	if (xc_query_combine(op, parts->v, parts->n, param, out, &xe))
		rc = kb_fail_xc(err, &xe, "cannot build query");
	qlist_release(parts);
	return rc;
}

/* The next bigram of the @len bytes of normalized Han text @s at or after
 * *@at (0 to start): its length, with its offset in *@start; 0 after the
 * last. */
static size_t
next_bigram(const char *s, size_t len, size_t *at, size_t *start)
{
	int32_t cp;
	size_t first, second;

	if (*at >= len)
		return 0;
	first = norm_decode(s + *at, len - *at, &cp);
	if (*at + first >= len)
		return 0;
	second = norm_decode(s + *at + first, len - *at - first, &cp);
	*start = *at;
	*at += first;
	return first + second;
}

/* The Han bigrams of @len bytes of normalized Han text @s as a phrase (one
 * term for two characters); NULL for fewer than two characters. */
static kb_status_t
han_chain_op(xc_op op, const char *s, size_t len, xc_query **out,
	     kb_error_t *err)
{
	qlist_t parts = { .n = 0 };
	size_t at = 0, start, n;
	kb_status_t rc;

	*out = NULL;
	while ((n = next_bigram(s, len, &at, &start)) &&
	       parts.n < KB_ARRAY_SIZE(parts.v)) {
		if ((rc = term_query("", s + start, n, (unsigned)parts.n + 1,
				     &parts.v[parts.n], err))) {
			qlist_release(&parts);
			return rc;
		}
		parts.n++;
	}
	if (parts.n == 0)
		return KB_OK;
	return combine(op, &parts, 0, out, err);
}

static kb_status_t
han_chain(const char *s, size_t len, xc_query **out, kb_error_t *err)
{
	return han_chain_op(XC_OP_AND, s, len, out, err);
}

/* The group for @len bytes of normalized @s: its term, or-ed as a synonym
 * with the evidence of its characters (all its bigrams) when @with_chain
 * (a Han word of one or two characters is a character or bigram term, so
 * it is its own evidence). */
static kb_status_t
text_query(const char *s, size_t len, int han, unsigned nchars,
	   int with_chain, xc_query **out, kb_error_t *err)
{
	qlist_t parts = { .n = 0 };
	kb_status_t rc;

	if ((rc = term_query("", s, len, 0, &parts.v[parts.n++], err)))
		goto fail;
	if (with_chain && han && nchars >= 3) {
		xc_query *chain;

		if ((rc = han_chain_op(XC_OP_AND, s, len, &chain, err)))
			goto fail;
		if (chain)
			parts.v[parts.n++] = chain;
	}
	return combine(XC_OP_SYNONYM, &parts, 0, out, err);
fail:
	qlist_release(&parts);
	return rc;
}

typedef struct syn_list {
	kb_buf text; /* each synonym NUL-terminated */
	size_t n;
} syn_list_t;

static int
syn_cb(void *ctx, const char *s, size_t len)
{
	syn_list_t *l = ctx;

	if (len == 0 || len > 64)
		return 0;
	buf_add(&l->text, s, len);
	buf_addch(&l->text, '\0');
	return ++l->n == MAX_SYNONYMS;
}

/* 1 if every character of @s is Han. */
static int
all_han(const char *s, size_t len, unsigned *nchars)
{
	int32_t cp;
	int han = 1;

	*nchars = 0;
	for (size_t i = 0; i < len; (*nchars)++) {
		i += norm_decode(s + i, len - i, &cp);
		if (!norm_is_han(cp))
			han = 0;
	}
	return han;
}

/* One content word: its group and the groups of its synonyms in the index
 * as one synonym group, plus a quarter of its own group's weight.  One
 * group, because a concept is as rare as all its forms together: were
 * each form weighed alone, a passage that uses the common form (社保)
 * would lose to one that merely names a rarer form once (社会保险).  The
 * quarter makes the form typed rank above the others.  A synonym of three
 * or more characters must be a word of the passage when the dictionary
 * knows it (its bigrams scattered over a passage say little: Han terms
 * carry no positions); one it does not know is never a word term, and
 * its bigrams stand for it.  The synonyms join @plan's words. */
static kb_status_t
word_query(const collect_t *c, const qword_t *w, query_plan_t *plan,
	   xc_query **out, kb_error_t *err)
{
	const char *s = c->text.buf + w->off;
	syn_list_t syn = { KB_BUF_INIT, 0 };
	qlist_t alts = { .n = 0 }, both = { .n = 0 };
	xc_query *exact = NULL, *alt = NULL;
	xc_error xe;
	kb_status_t rc;

	*out = NULL;
	if ((rc = text_query(s, w->len, w->han, w->nchars, 1, &exact, err)))
		return rc;
	if (!c->syn)
		goto done;
	buf_init(&syn.text, 0);
	if (xc_db_synonyms(c->syn, s, w->len, syn_cb, &syn, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read synonyms");
		goto out;
	}
	if (buf_failed(&syn.text)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory reading the query");
		goto out;
	}
	for (size_t i = 0; i < syn.text.len;) {
		const char *t = syn.text.buf + i;
		size_t len = strlen(t);
		unsigned nchars;
		int han = all_han(t, len, &nchars);

		/* a synonym the dictionary lacks is never a word term of a
		 * passage: its characters' bigrams, all in one passage, stand
		 * for it */
		int chain = nchars == 2 ||
			    (han && dict_lookup(c->dict, t, len, NULL) !=
					    DICT_WORD);

		if ((rc = text_query(t, len, han, nchars, chain,
				     &alts.v[alts.n++], err)))
			goto out;
		qconf_synonym(plan, t, len, han, nchars, chain);
		if (!(han && nchars == 1)) {
			buf_add(&plan->words, t, len + 1);
			plan->nwords++;
		}
		query_note(plan, QUERY_NOTE_SYNONYM, s, w->len, t, len);
		i += len + 1;
	}
	if (alts.n == 0)
		goto done;
	/* the word and its synonyms as one concept, so that every form
	 * weighs as much as the concept is rare; the form typed adds a
	 * little on top */
	if (alts.n + 1 > KB_ARRAY_SIZE(alts.v)) {
		rc = kb_fail(err, KB_ERR_INTERNAL, "too many synonyms");
		goto out;
	}
	alts.v[alts.n++] = exact;
	if (xc_query_combine(XC_OP_SYNONYM, alts.v, alts.n, 0, &both.v[0],
			     &xe)) {
		alts.n--;
		rc = kb_fail_xc(err, &xe, "cannot build query");
		goto out;
	}
	both.n = 1;
	alts.n--;
	if (xc_query_scale(exact, EXACT_BONUS, &both.v[both.n], &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot build query");
		goto out;
	}
	both.n++;
	rc = combine(XC_OP_OR, &both, 0, out, err);
	goto out;
done:
	*out = exact;
	exact = NULL;
out:
	qlist_release(&alts);
	qlist_release(&both);
	xc_query_destroy(exact);
	xc_query_destroy(alt);
	buf_release(&syn.text);
	return rc;
}

/* A positional stand-in for a word in NEAR: its first bigram, or its term. */
static kb_status_t
anchor_query(const collect_t *c, const qword_t *w, xc_query **out,
	     kb_error_t *err)
{
	const char *s = c->text.buf + w->off;
	int32_t cp;

	if (w->han && w->nchars >= 2) {
		size_t first = norm_decode(s, w->len, &cp);
		size_t second = norm_decode(s + first, w->len - first, &cp);

		return term_query("", s, first + second, 0, out, err);
	}
	return term_query("", s, w->len, 0, out, err);
}

/* 1 if only spaces stand between @a and @b in the query as typed: people
 * put spaces between the words of a phrase (异地 就医). */
static int
typed_together(const collect_t *c, const qword_t *a, const qword_t *b)
{
	for (size_t i = a->end; i < b->start; i++)
		if (c->query[i] != ' ' && c->query[i] != '\t')
			return 0;
	return 1;
}

/* The phrase of two Han words typed together, bridging bigram included. */
static kb_status_t
joined_chain(const collect_t *c, const qword_t *a, const qword_t *b,
	     xc_query **out, kb_error_t *err)
{
	char joined[2 * 64];

	memcpy(joined, c->text.buf + a->off, a->len);
	memcpy(joined + a->len, c->text.buf + b->off, b->len);
	return han_chain(joined, a->len + b->len, out, err);
}

/* Boosts for consecutive content words: the exact chain when they were
 * typed together, and a proximity match in any case.  A boost for a pair
 * with a word of the main match (@in_main) matches only what the main
 * match does, and goes to @inner, to be or-ed with it: the same matches and
 * weights as AND_MAYBE, but Xapian 1.4 checks a NEAR on the right of an
 * AND_MAYBE at every match of the left (1.2 ms became 120 ms at a million
 * passages); the others go to @outer. */
static kb_status_t
pair_boosts(const collect_t *c, const qword_t *const *content,
	    const unsigned char *in_main, size_t n, qlist_t *inner,
	    qlist_t *outer, kb_error_t *err)
{
	kb_status_t rc;

	for (size_t i = 0; i + 1 < n; i++) {
		const qword_t *a = content[i], *b = content[i + 1];
		qlist_t near = { .n = 0 };
		qlist_t *boosts = in_main[i] || in_main[i + 1] ? inner : outer;
		xc_query *q;

		if (boosts->n + 2 > KB_ARRAY_SIZE(boosts->v))
			break;
		/* a single character has no positions of its own: it joins
		 * a phrase with its neighbour but takes no part in NEAR */
		int single = (a->han && a->nchars < 2) || (b->han && b->nchars < 2);

		if (a->han && b->han && typed_together(c, a, b)) {
			if ((rc = joined_chain(c, a, b, &q, err)))
				return rc;
			if (q)
				boosts->v[boosts->n++] = q;
		}
		if (single || a->han || b->han)
			continue;
		if ((rc = anchor_query(c, a, &near.v[near.n++], err)) ||
		    (rc = anchor_query(c, b, &near.v[near.n++], err))) {
			qlist_release(&near);
			return rc;
		}
		if ((rc = combine(XC_OP_NEAR, &near,
				  a->nchars + b->nchars + NEAR_SLACK, &q, err)))
			return rc;
		boosts->v[boosts->n++] = q;
	}
	return KB_OK;
}

static int
count_cb(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	++*(size_t *)ctx;
	return 1;
}

/* Join runs of two or three Han words typed together whose text is a key
 * of the synonym table when the segmenter broke it up (生 + 孩子 is
 * 生孩子, a synonym of 分娩): the segmenter does not know every word of
 * the list, the list does. */
static kb_status_t
join_synonym_keys(collect_t *c, kb_error_t *err)
{
	xc_error xe;

	if (!c->syn)
		return KB_OK;
	for (size_t i = 0; i + 1 < c->nwords; i++) {
		for (size_t span = 3; span >= 2; span--) {
			size_t last = i + span - 1, len = 0, found = 0;
			int ok = last < c->nwords, fragment = 0;

			for (size_t k = i; ok && k <= last; k++) {
				ok = c->words[k].han &&
				     (k == i || typed_together(c, &c->words[k - 1],
							       &c->words[k]));
				len += c->words[k].len;
				if (c->words[k].nchars == 1)
					fragment = 1;
			}
			/* words of their own are searched as such: only a word
			 * the segmenter broke up (a character left over) is
			 * joined */
			if (!ok || !fragment || len > 64)
				continue;
			if (xc_db_synonyms(c->syn, c->text.buf + c->words[i].off,
					   len, count_cb, &found, &xe))
				return kb_fail_xc(err, &xe, "cannot read synonyms");
			if (!found)
				continue;
			qword_t *w = &c->words[i];

			for (size_t k = i + 1; k <= last; k++)
				w->nchars += c->words[k].nchars;
			w->len = len;
			w->end = c->words[last].end;
			w->stop = 0;
			memmove(&c->words[i + 1], &c->words[last + 1],
				(c->nwords - last - 1) * sizeof *c->words);
			c->nwords -= span - 1;
			break;
		}
	}
	return KB_OK;
}

/* 1 if every bigram of the @len bytes of Han text @s occurs in @db. */
static kb_status_t
bigrams_occur(xc_db *db, const char *s, size_t len, int *all,
	      kb_error_t *err)
{
	size_t at = 0, start, n;
	xc_error xe;

	*all = 1;
	while (*all && (n = next_bigram(s, len, &at, &start))) {
		unsigned f;

		if (xc_db_termfreq(db, s + start, n, &f, &xe))
			return kb_fail_xc(err, &xe, "cannot read the index");
		*all = f > 0;
	}
	return KB_OK;
}

/* Join runs of single Han characters typed side by side (双工, a word the
 * dictionary does not know, comes as 双 + 工) into one word when each
 * neighbouring pair occurs in the index: their bigrams are the evidence
 * of the word.  Searched one by one, the characters would match a large
 * part of the index, all of it to be scored, for a page that the word
 * decides.  A run whose bigrams do not all occur stays characters, so
 * that a typo still finds something. */
static kb_status_t
join_character_runs(collect_t *c, kb_error_t *err)
{
	kb_status_t rc;

	if (!c->syn)
		return KB_OK;
	for (size_t i = 0; i < c->nwords; i++) {
		size_t last = i, len = c->words[i].len;
		int all;

		if (!c->words[i].han || c->words[i].nchars != 1 ||
		    c->words[i].stop)
			continue;
		while (last + 1 < c->nwords && c->words[last + 1].han &&
		       c->words[last + 1].nchars == 1 &&
		       !c->words[last + 1].stop &&
		       c->words[last].end == c->words[last + 1].start &&
		       len + c->words[last + 1].len <= 64)
			len += c->words[++last].len;
		if (last == i)
			continue;
		if ((rc = bigrams_occur(c->syn, c->text.buf + c->words[i].off,
					len, &all, err)))
			return rc;
		if (!all) {
			i = last;
			continue;
		}
		qword_t *w = &c->words[i];

		w->nchars = (unsigned)(last - i + 1);
		w->len = len;
		w->end = c->words[last].end;
		memmove(&c->words[i + 1], &c->words[last + 1],
			(c->nwords - last - 1) * sizeof *c->words);
		c->nwords -= last - i;
	}
	return KB_OK;
}

/* The query for the words of @text (filters removed), into *out; *out is
 * NULL when @text has no words. */
static kb_status_t
words_query(seg_t *seg, xc_db *syn, const char *text, query_plan_t *plan,
	    xc_query **out, kb_error_t *err)
{
	collect_t c;
	const qword_t *content[MAX_QUERY_WORDS];
	size_t ncontent = 0;
	qlist_t groups = { .n = 0 }, boosts = { .n = 0 }, lone = { .n = 0 };
	qlist_t inner = { .n = 0 };
	unsigned char in_main[MAX_QUERY_WORDS];
	size_t group_of[MAX_QUERY_WORDS];
	xc_query *main = NULL, *boost = NULL;
	unsigned char common[KB_ARRAY_SIZE(groups.v)];
	unsigned ndocs = 0;
	size_t nrare = 0;
	xc_error xe;
	kb_status_t rc = KB_OK;
	int seg_rc, longest = 0;

	*out = NULL;
	memset(&c, 0, sizeof c);
	c.query = text;
	c.syn = syn;
	c.dict = seg_dict(seg);
	buf_init(&c.text, 0);

	seg_rc = seg_tokenize(seg, text, strlen(text), collect_cb, &c, err);
	if (seg_rc == ENOMEM) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory reading the query");
		goto out;
	}
	if (seg_rc) {
		rc = err ? err->code : KB_ERR_BAD_QUERY;
		goto out;
	}
	if ((rc = join_synonym_keys(&c, err)) ||
	    (rc = join_character_runs(&c, err)))
		goto out;
	for (size_t i = 0; i < c.nwords; i++)
		if (!c.words[i].stop && (int)c.words[i].nchars > longest)
			longest = (int)c.words[i].nchars;
	for (size_t i = 0; i < c.nwords; i++) {
		const qword_t *w = &c.words[i];

		/* fillers go, unless they are all there is */
		if (w->stop && longest) {
			query_note(plan, QUERY_NOTE_DROPPED, c.text.buf + w->off,
				   w->len, "", 0);
			continue;
		}
		content[ncontent++] = w;
	}
	if (ncontent == 0)
		goto out;
	if (c.syn && xc_db_doccount(c.syn, &ndocs, &xe)) {
		rc = kb_fail_xc(err, &xe, "cannot read the index");
		goto out;
	}
	for (size_t i = 0; i < ncontent; i++) {
		const qword_t *w = content[i];
		int alone = w->han && w->nchars == 1 && longest > 1;
		size_t g = plan->ngroups;
		/* a lone character beside longer words only adds to what
		 * they match: as a match of its own it would bring in most
		 * of the index (every passage with the character in any
		 * word), all of it to be scored */
		qlist_t *into = alone ? &lone : &groups;

		in_main[i] = !alone;
		group_of[i] = groups.n;
		/* ...and it is left to the bigram evidence of its neighbours
		 * for highlighting */
		if (!alone) {
			buf_add(&plan->words, c.text.buf + w->off, w->len);
			buf_addch(&plan->words, '\0');
			plan->nwords++;
		}
		if ((rc = qconf_group(plan, c.syn, c.text.buf + w->off, w->len,
				       w->han, w->nchars, err)))
			goto out;
		if (!alone)
			common[groups.n] = plan->ngroups > g &&
				plan->gdf[g] >= COMMON_MIN_DOCS &&
				plan->gdf[g] > COMMON_SHARE * ndocs;
		if ((rc = word_query(&c, w, plan, &into->v[into->n++], err)))
			goto out;
	}
	/* common words beside rarer ones join the lone characters */
	for (size_t i = 0; i < groups.n; i++)
		nrare += !common[i];
	if (nrare && nrare < groups.n) {
		size_t kept = 0;

		for (size_t i = 0; i < ncontent; i++)
			if (in_main[i] && common[group_of[i]])
				in_main[i] = 0;

		for (size_t i = 0; i < groups.n; i++) {
			if (!common[i])
				groups.v[kept++] = groups.v[i];
			else if (lone.n < KB_ARRAY_SIZE(lone.v))
				lone.v[lone.n++] = groups.v[i];
			else
				xc_query_destroy(groups.v[i]);
		}
		groups.n = kept;
	}
	if (buf_failed(&plan->words) || buf_failed(&plan->notes) ||
	    buf_failed(&plan->groups) || buf_failed(&plan->alts)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory reading the query");
		goto out;
	}
	if ((rc = pair_boosts(&c, content, in_main, ncontent, &inner, &boosts,
			      err)))
		goto out;
	for (size_t i = 0; i < inner.n && groups.n < KB_ARRAY_SIZE(groups.v);
	     i++) {
		groups.v[groups.n++] = inner.v[i];
		inner.v[i] = NULL;
	}
	if ((rc = combine(XC_OP_OR, &groups, 0, &main, err)))
		goto out;
	for (size_t i = 0; i < lone.n && boosts.n < KB_ARRAY_SIZE(boosts.v);
	     i++) {
		boosts.v[boosts.n++] = lone.v[i];
		lone.v[i] = NULL;
	}
	if (boosts.n) {
		qlist_t both = { .n = 0 };

		if ((rc = combine(XC_OP_OR, &boosts, 0, &boost, err)))
			goto out;
		both.v[both.n++] = main;
		both.v[both.n++] = boost;
		main = boost = NULL;
		if (xc_query_combine(XC_OP_AND_MAYBE, both.v, both.n, 0, &main,
				     &xe))
			rc = kb_fail_xc(err, &xe, "cannot build query");
		qlist_release(&both);
		if (rc)
			goto out;
	}
	if ((rc = qboost_apply(plan, text, &main, err)))
		goto out;
	*out = main;
	main = NULL;
out:
	qlist_release(&groups);
	qlist_release(&boosts);
	qlist_release(&inner);
	qlist_release(&lone);
	xc_query_destroy(main);
	xc_query_destroy(boost);
	buf_release(&c.text);
	return rc;
}

/* Note each run of Han characters that was typed in Traditional: the
 * caller sees that 醫保 was searched as 医保. */
static void
note_script(query_plan_t *plan, const char *text)
{
	size_t len = strlen(text), i = 0;

	while (i < len) {
		size_t start = i, n;
		int32_t cp;
		int changed = 0;
		char simple[256];
		size_t slen = 0;

		while (i < len) {
			n = norm_decode(text + i, len - i, &cp);
			if (!norm_is_han(cp))
				break;
			int32_t s = norm_simplify(cp);

			if (s != cp)
				changed = 1;
			if (slen + 4 < sizeof simple)
				slen += norm_encode(s, simple + slen);
			i += n;
		}
		if (changed && slen + 4 < sizeof simple)
			query_note(plan, QUERY_NOTE_SCRIPT, text + start,
				   i - start, simple, slen);
		if (i == start)
			i += norm_decode(text + i, len - i, &cp);
	}
}

static const char *const filter_names =
	"region, province, city, insurance, institution, category, has, "
	"percent, money, date";

/* At most this many values of one field (region:江西 region:安徽 ...). */
#define MAX_FILTERS_PER_FIELD 8

typedef struct filter_set {
	xc_query *v[FILTER_FIELDS][MAX_FILTERS_PER_FIELD];
	size_t n[FILTER_FIELDS];
} filter_set_t;

static void
filter_set_release(filter_set_t *f)
{
	for (int k = 0; k < FILTER_FIELDS; k++)
		for (size_t i = 0; i < f->n[k]; i++)
			xc_query_destroy(f->v[k][i]);
}

/* Parse @s as a filter into @f: *used 0 when it is not one. */
static kb_status_t
add_filter(filter_set_t *f, const char *s, size_t len, int *used,
	   kb_error_t *err)
{
	xc_query *q;
	int field;
	kb_status_t rc;

	*used = 0;
	if ((rc = filter_parse(s, len, &field, &q, err)) || field < 0)
		return rc;
	if (f->n[field] == MAX_FILTERS_PER_FIELD) {
		xc_query_destroy(q);
		return kb_fail(err, KB_ERR_BAD_QUERY,
			       "too many filters on one field: at most %d",
			       MAX_FILTERS_PER_FIELD);
	}
	f->v[field][f->n[field]++] = q;
	*used = 1;
	return KB_OK;
}

/* Values of one field widen the match (OR); fields narrow it (AND). */
static kb_status_t
combine_filters(filter_set_t *f, xc_query **out, kb_error_t *err)
{
	xc_query *fields[FILTER_FIELDS];
	size_t nf = 0;
	xc_error xe;
	kb_status_t rc = KB_OK;

	*out = NULL;
	for (int k = 0; k < FILTER_FIELDS; k++) {
		if (!f->n[k])
			continue;
		if (xc_query_combine(XC_OP_OR, f->v[k], f->n[k], 0,
				     &fields[nf], &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot build filter");
			goto out;
		}
		nf++;
	}
	if (nf && xc_query_combine(XC_OP_AND, fields, nf, 0, out, &xe))
		rc = kb_fail_xc(err, &xe, "cannot build filter");
out:
	for (size_t i = 0; i < nf; i++)
		xc_query_destroy(fields[i]);
	return rc;
}

kb_status_t
query_build(seg_t *seg, xc_db *syn, const char *text,
	    const char *const *filters, size_t nfilters, query_plan_t *plan,
	    kb_error_t *err)
{
	kb_buf norm = KB_BUF_INIT, words = KB_BUF_INIT;
	filter_set_t fs;
	xc_query *main = NULL, *filter = NULL, *parts[2];
	xc_error xe;
	kb_status_t rc;
	const char *p, *end;
	int used;

	memset(&fs, 0, sizeof fs);
	plan->query = NULL;
	buf_init(&plan->words, 0);
	plan->nwords = 0;
	buf_init(&plan->notes, 0);
	plan->nnotes = 0;
	buf_init(&plan->groups, 0);
	buf_init(&plan->alts, 0);
	plan->ngroups = 0;
	buf_init(&plan->corrected, 0);
	/* filters are read from the normalized query, so ＲＥＧＩＯＮ：江西
	 * and percent：＞＝５０ work as typed */
	if ((rc = norm_utf8(text, strlen(text), &norm, NULL, NULL, err)) ||
	    (syn && (rc = query_spell(syn, &norm, plan, err))))
		goto out;
	note_script(plan, text);
	for (p = norm.buf, end = norm.buf + norm.len; p < end;) {
		const char *q;

		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		for (q = p; q < end && *q != ' ' && *q != '\t' && *q != '\n';)
			q++;
		if (q == p)
			break;
		if ((rc = add_filter(&fs, p, (size_t)(q - p), &used, err)))
			goto out;
		if (!used) {
			if (words.len)
				buf_addch(&words, ' ');
			buf_add(&words, p, (size_t)(q - p));
		}
		p = q;
	}
	for (size_t i = 0; i < nfilters; i++) {
		/* normalized as the query is: region:江西 in Traditional too */
		buf_reset(&norm);
		if ((rc = norm_utf8(filters[i], strlen(filters[i]), &norm, NULL,
				    NULL, err)) ||
		    (rc = add_filter(&fs, norm.buf, norm.len, &used, err)))
			goto out;
		if (!used) {
			size_t len = strlen(filters[i]);
			size_t n = filter_quote_len(filters[i], len);

			rc = kb_fail(err, KB_ERR_BAD_QUERY,
				     "unknown filter '%.*s%s': expected KEY:VALUE with KEY one of %s",
				     (int)n, filters[i], n < len ? "..." : "",
				     filter_names);
			goto out;
		}
	}
	if (buf_failed(&norm) || buf_failed(&words)) {
		rc = kb_fail(err, KB_ERR_NOMEM, "out of memory reading the query");
		goto out;
	}
	if ((rc = words_query(seg, syn, words.buf, plan, &main, err)) ||
	    (rc = combine_filters(&fs, &filter, err)))
		goto out;
	if (!main && !filter) {
		/* a pasted page is quoted by its start */
		size_t qlen = strlen(text), cut = utf8_clip(text, 64);

		rc = kb_fail(err, KB_ERR_BAD_QUERY,
			     "query '%.*s%s' has no words to search for",
			     (int)cut, text, cut < qlen ? "..." : "");
		goto out;
	}
	if (!main) {
		/* filters alone: every passage that passes them */
		if (xc_query_match_all(&main, &xe)) {
			rc = kb_fail_xc(err, &xe, "cannot build query");
			goto out;
		}
	}
	plan->filtered = filter != NULL;
	if (filter) {
		parts[0] = main;
		parts[1] = filter;
		if (xc_query_combine(XC_OP_FILTER, parts, 2, 0, &plan->query,
				     &xe))
			rc = kb_fail_xc(err, &xe, "cannot build query");
	} else {
		plan->query = main;
		main = NULL;
	}
out:
	xc_query_destroy(main);
	xc_query_destroy(filter);
	filter_set_release(&fs);
	buf_release(&norm);
	buf_release(&words);
	if (rc)
		query_plan_release(plan);
	return rc;
}

void
query_plan_release(query_plan_t *plan)
{
	xc_query_destroy(plan->query);
	plan->query = NULL;
	buf_release(&plan->words);
	plan->nwords = 0;
	buf_release(&plan->notes);
	plan->nnotes = 0;
	qconf_release(plan);
	buf_release(&plan->corrected);
}
