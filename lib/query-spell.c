/* query-spell.c - see query-spell.h. */
#include <config.h>

#include "query-spell.h"
#include "dict.h"
#include "normalize.h"
#include "pinyin.h"
#include "schema.h"
#include "xc-status.h"

#include <string.h>

/* At most this many words of one key are weighed: the first ones, in the
 * synonym table's (byte) order. */
#define SPELL_MAX_WORDS 256
/* Longer runs of Han characters are taken as they are. */
#define SPELL_MAX_RUN 48
/* Windows of this many characters at most are corrected. */
#define SPELL_MIN_WINDOW 2
#define SPELL_MAX_WINDOW 4
/* At most this many corrections are weighed for one run. */
#define SPELL_MAX_CANDIDATES 64
/* A word read from pinyin has at most this many syllables. */
#define SPELL_MAX_SYLLABLES 6

typedef struct spell {
	xc_db *db;
	kb_buf term;  /* a term or key being looked up */
	kb_buf words; /* the words of a key, each NUL-terminated */
	size_t nwords;
	kb_buf keys;  /* py_keys of a window */
	kb_buf found; /* words chosen, each NUL-terminated */
	kb_buf prim;  /* the first key of a word */
	const dict_t *dict;
	kb_error_t *err;
} spell_t;

static kb_status_t
spell_nomem(spell_t *s)
{
	return kb_fail(s->err, KB_ERR_NOMEM, "out of memory reading the query");
}

/* The term frequency of @prefix + @t. */
static kb_status_t
spell_tf(spell_t *s, const char *prefix, const char *t, size_t len,
	 unsigned *tf)
{
	xc_error xe;

	buf_reset(&s->term);
	buf_addstr(&s->term, prefix);
	buf_add(&s->term, t, len);
	if (buf_failed(&s->term))
		return spell_nomem(s);
	if (xc_db_termfreq(s->db, s->term.buf, s->term.len, tf, &xe))
		return kb_fail_xc(s->err, &xe, "cannot read the index");
	return KB_OK;
}

static int
spell_word_cb(void *ctx, const char *w, size_t len)
{
	spell_t *s = ctx;

	buf_add(&s->words, w, len);
	buf_addch(&s->words, '\0');
	return ++s->nwords == SPELL_MAX_WORDS;
}

/* The words of @prefix + @key in the vocabulary map, into s->words. */
static kb_status_t
spell_lookup(spell_t *s, const char *prefix, const char *key, size_t len)
{
	xc_error xe;

	buf_reset(&s->words);
	s->nwords = 0;
	buf_reset(&s->term);
	buf_addstr(&s->term, prefix);
	buf_add(&s->term, key, len);
	if (buf_failed(&s->term))
		return spell_nomem(s);
	if (xc_db_synonyms(s->db, s->term.buf, s->term.len, spell_word_cb, s,
			   &xe))
		return kb_fail_xc(s->err, &xe, "cannot read the index");
	return buf_failed(&s->words) ? spell_nomem(s) : KB_OK;
}

/* 1 if @key is the first key of @word: what it sounds like read the
 * common way (社保 is sb; 参保 is sb only read shenbao). */
static int
spell_primary(spell_t *s, const char *word, size_t len, int initials,
	      const char *key, size_t klen)
{
	buf_reset(&s->prim);
	return py_keys(word, len, initials, &s->prim) && !buf_failed(&s->prim) &&
	       strlen(s->prim.buf) == klen && !memcmp(s->prim.buf, key, klen);
}

/* The word of the index under @prefix + @key read the common way, then
 * the most frequent: its offset in s->found (appended there) and
 * frequency, *tf 0 when none. */
static kb_status_t
spell_best(spell_t *s, const char *prefix, const char *key, size_t len,
	   size_t *at, unsigned *tf)
{
	const char *best = NULL;
	int best_primary = 0, initials = !strcmp(prefix, KB_SYN_INITIALS);
	kb_status_t rc;

	*tf = 0;
	if ((rc = spell_lookup(s, prefix, key, len)))
		return rc;
	for (size_t i = 0; i < s->words.len;) {
		const char *w = s->words.buf + i;
		size_t wl = strlen(w);
		unsigned f;
		int primary;

		i += wl + 1;
		if ((rc = spell_tf(s, "", w, wl, &f)))
			return rc;
		if (!f)
			continue;
		primary = spell_primary(s, w, wl, initials, key, len);
		if (primary > best_primary ||
		    (primary == best_primary && f > *tf)) {
			*tf = f;
			best = w;
			best_primary = primary;
		}
	}
	if (best) {
		*at = s->found.len;
		buf_addstr(&s->found, best);
		buf_addch(&s->found, '\0');
		if (buf_failed(&s->found))
			return spell_nomem(s);
	}
	return KB_OK;
}

static int
spell_is_letter(int32_t cp)
{
	return cp >= 'a' && cp <= 'z';
}

static int
spell_is_alnum(int32_t cp)
{
	return spell_is_letter(cp) || (cp >= '0' && cp <= '9') ||
	       (cp >= 'A' && cp <= 'Z');
}

/* The cheapest cover of @len letters of @plain by words of the map under
 * @prefix: pieces [i, j) between @cut offsets (all offsets when @cut is
 * NULL) of @minp..@maxp letters, the fewest pieces first, then the most
 * frequent words.  The words, run together, go to @out; 0 in *ok when no
 * cover exists. */
static kb_status_t
spell_cover(spell_t *s, const char *prefix, const char *plain, size_t len,
	    const unsigned char *cut, size_t minp, size_t maxp,
	    unsigned maxpieces, kb_buf *out, int *ok)
{
	unsigned char npieces[PY_MAX_LETTERS + 1];
	unsigned long score[PY_MAX_LETTERS + 1];
	size_t from[PY_MAX_LETTERS + 1], word[PY_MAX_LETTERS + 1];
	size_t ends[SPELL_MAX_SYLLABLES], path[PY_MAX_LETTERS], n = 0;
	kb_status_t rc;

	*ok = 0;
	buf_reset(&s->found);
	memset(npieces, 0, sizeof npieces);
	npieces[0] = 1;
	score[0] = 0;
	for (size_t i = 0; i < len; i++) {
		if (!npieces[i] || (cut && !cut[i]))
			continue;
		for (size_t j = i + minp; j <= len && j - i <= maxp; j++) {
			size_t at = 0;
			unsigned tf;

			if (cut && (!cut[j] ||
				    !py_split(plain + i, j - i, ends,
					      KB_ARRAY_SIZE(ends))))
				continue;
			if ((rc = spell_best(s, prefix, plain + i, j - i, &at,
					     &tf)))
				return rc;
			if (!tf)
				continue;
			if (!npieces[j] || npieces[i] + 1 < npieces[j] ||
			    (npieces[i] + 1 == npieces[j] &&
			     score[i] + tf > score[j])) {
				npieces[j] = (unsigned char)(npieces[i] + 1);
				score[j] = score[i] + tf;
				from[j] = i;
				word[j] = at;
			}
		}
	}
	if (!npieces[len] || npieces[len] - 1u > maxpieces)
		return KB_OK;
	for (size_t j = len; j > 0; j = from[j])
		path[n++] = word[j];
	while (n-- > 0)
		buf_addstr(out, s->found.buf + path[n]);
	*ok = 1;
	return KB_OK;
}

/* @len bytes of @tok, letters and apostrophes, read as Chinese words of
 * the index, appended to @out; *ok 0 (nothing appended) when it is not
 * read so. */
static kb_status_t
spell_latin(spell_t *s, const char *tok, size_t len, kb_buf *out, int *ok)
{
	char plain[PY_MAX_LETTERS];
	unsigned char cut[PY_MAX_LETTERS + 1], part[PY_MAX_LETTERS + 1];
	size_t n = 0, start = 0;
	int spells = 1, quote = 0;
	unsigned tf;
	kb_status_t rc;

	*ok = 0;
	/* an apostrophe ends a syllable (xi'an): each part splits alone */
	for (size_t i = 0; i <= len; i++) {
		if (i < len && tok[i] != '\'') {
			if (n == sizeof plain)
				return KB_OK;
			plain[n++] = tok[i];
			continue;
		}
		if (i < len)
			quote = 1;
		if (n == start || !py_cuts(plain + start, n - start, part)) {
			spells = 0;
		} else {
			memcpy(cut + start, part, n - start + 1);
		}
		start = n;
	}
	if (n < 2)
		return KB_OK;
	/* a word the index has is taken as it is (app, pdf) */
	if (!quote) {
		if ((rc = spell_tf(s, "", plain, n, &tf)))
			return rc;
		if (tf)
			return KB_OK;
	}
	if (spells)
		return spell_cover(s, KB_SYN_PINYIN, plain, n, cut, 2,
				   SPELL_MAX_SYLLABLES * 6, PY_MAX_LETTERS, out,
				   ok);
	/* initials, when the letters spell no pinyin: no syllable starts
	 * with i, u or v */
	if (quote || n > PY_WORD_MAX * 3)
		return KB_OK;
	for (size_t i = 0; i < n; i++)
		if (plain[i] == 'i' || plain[i] == 'u' || plain[i] == 'v')
			return KB_OK;
	/* letters say little: a third word would read most strings */
	return spell_cover(s, KB_SYN_INITIALS, plain, n, NULL, PY_WORD_MIN,
			   PY_WORD_MAX, 2, out, ok);
}

typedef struct candidate {
	unsigned first, last; /* characters [first, last) of the run */
	unsigned fixes;       /* missing bigrams inside */
	unsigned tf;
	size_t word;          /* offset in s->found */
} candidate_t;

/* The characters of @a and @b (@n each) that differ. */
static unsigned
spell_changed(const char *a, const char *b, size_t len)
{
	unsigned changed = 0;

	for (size_t i = 0; i < len;) {
		int32_t x, y;
		size_t na = norm_decode(a + i, len - i, &x);

		norm_decode(b + i, len - i, &y);
		changed += x != y;
		i += na;
	}
	return changed;
}

/* The best word of the map for the characters [first, last) of the run
 * at @off (byte offsets of each character and the end), or *tf 0. */
static kb_status_t
spell_window(spell_t *s, const char *run, const size_t *off, unsigned first,
	     unsigned last, size_t *at, unsigned *tf)
{
	const char *w = run + off[first];
	size_t wlen = off[last] - off[first];
	unsigned width = last - first;
	int best_primary = 0, lookup;
	kb_status_t rc;

	*tf = 0;
	/* a word as typed is meant (一下 is not 以下, however rare here) */
	lookup = dict_lookup(s->dict, w, wlen, NULL);
	if ((lookup & DICT_WORD) || query_is_stopword(w, wlen))
		return KB_OK;
	buf_reset(&s->keys);
	if (!py_keys(w, wlen, 0, &s->keys))
		return KB_OK;
	if (buf_failed(&s->keys))
		return spell_nomem(s);
	for (size_t k = 0; k < s->keys.len; k += strlen(s->keys.buf + k) + 1) {
		const char *key = s->keys.buf + k;
		size_t klen = strlen(key);

		if ((rc = spell_lookup(s, KB_SYN_PINYIN, key, klen)))
			return rc;
		for (size_t i = 0; i < s->words.len;) {
			const char *c = s->words.buf + i;
			size_t cl = strlen(c);
			unsigned f;

			i += cl + 1;
			/* a homophone typo changes a character or two; a
			 * word that shares none is another word */
			if (cl != wlen || norm_strlen(c, cl) != width)
				continue;
			unsigned changed = spell_changed(w, c, cl);

			if (changed == 0 || 2 * changed > width)
				continue;
			if ((rc = spell_tf(s, "", c, cl, &f)))
				return rc;
			if (!f)
				continue;
			int primary = spell_primary(s, c, cl, 0, key, klen);

			if (primary > best_primary ||
			    (primary == best_primary && f > *tf)) {
				best_primary = primary;
				*tf = f;
				*at = s->found.len;
				buf_add(&s->found, c, cl + 1);
			}
		}
	}
	return buf_failed(&s->found) ? spell_nomem(s) : KB_OK;
}

/* 1 if putting @word in place of the characters [first, last) of the run
 * changes one that is part of a word as typed (@in_word). */
static int
spell_breaks_word(const char *run, const size_t *off, unsigned first,
		  unsigned last, const char *word, const unsigned char *in_word)
{
	size_t j = 0, wlen = strlen(word);

	for (unsigned k = first; k < last; k++) {
		size_t clen = off[k + 1] - off[k];
		int32_t cp;
		size_t wl = norm_decode(word + j, wlen - j, &cp);

		if (in_word[k] && (wl != clen || memcmp(word + j, run + off[k], clen)))
			return 1;
		j += wl;
	}
	return 0;
}

/* The run of @len bytes of Han characters at @run, corrected, appended
 * to @out; notes to @plan. */
static kb_status_t
spell_han(spell_t *s, const char *run, size_t len, kb_buf *out,
	  query_plan_t *plan)
{
	size_t off[SPELL_MAX_RUN + 1];
	unsigned char bad[SPELL_MAX_RUN], taken[SPELL_MAX_RUN];
	unsigned char in_word[SPELL_MAX_RUN];
	candidate_t cand[SPELL_MAX_CANDIDATES];
	size_t ncand = 0, chosen[SPELL_MAX_RUN];
	unsigned n = 0, nbad = 0;
	kb_status_t rc;

	for (size_t i = 0; i < len && n < SPELL_MAX_RUN; n++) {
		int32_t cp;

		off[n] = i;
		i += norm_decode(run + i, len - i, &cp);
		off[n + 1] = i;
	}
	if (n < 2 || off[n] != len)
		goto copy;
	for (unsigned k = 0; k + 1 < n; k++) {
		unsigned tf;

		if ((rc = spell_tf(s, "", run + off[k],
				   off[k + 2] - off[k], &tf)))
			return rc;
		bad[k] = tf == 0;
		nbad += bad[k];
	}
	if (!nbad)
		goto copy;
	/* a character that makes a word with its neighbours as typed is
	 * meant: 医保第二天 has 第二天, whatever pair (保第) the index
	 * lacks */
	memset(in_word, 0, n);
	for (unsigned a = 0; a + 1 < n; a++)
		for (unsigned b = a + 2; b <= n && b <= a + SPELL_MAX_WINDOW; b++)
			if (dict_lookup(s->dict, run + off[a], off[b] - off[a],
					NULL) & DICT_WORD)
				memset(in_word + a, 1, b - a);
	buf_reset(&s->found);
	for (unsigned first = 0; first + 1 < n; first++) {
		for (unsigned w = SPELL_MIN_WINDOW; w <= SPELL_MAX_WINDOW &&
		     first + w <= n; w++) {
			unsigned fixes = 0, tf;
			size_t at = 0;

			for (unsigned k = first; k + 1 < first + w; k++)
				fixes += bad[k];
			if (!fixes || ncand == SPELL_MAX_CANDIDATES)
				continue;
			if ((rc = spell_window(s, run, off, first, first + w,
					       &at, &tf)))
				return rc;
			if (tf && !spell_breaks_word(run, off, first, first + w,
						     s->found.buf + at, in_word))
				cand[ncand++] = (candidate_t){ first, first + w,
							       fixes, tf, at };
		}
	}
	if (!ncand)
		goto copy;
	/* the corrections that fix the most, then the most frequent words,
	 * as long as they do not overlap */
	memset(taken, 0, n);
	for (size_t c = 0; c < n; c++)
		chosen[c] = (size_t)-1;
	for (;;) {
		size_t best = (size_t)-1;

		for (size_t c = 0; c < ncand; c++) {
			int free = 1;

			for (unsigned k = cand[c].first; k < cand[c].last; k++)
				free = free && !taken[k];
			if (free && (best == (size_t)-1 ||
				     cand[c].fixes > cand[best].fixes ||
				     (cand[c].fixes == cand[best].fixes &&
				      cand[c].tf > cand[best].tf)))
				best = c;
		}
		if (best == (size_t)-1)
			break;
		for (unsigned k = cand[best].first; k < cand[best].last; k++)
			taken[k] = 1;
		chosen[cand[best].first] = best;
	}
	for (unsigned k = 0; k < n;) {
		const candidate_t *c;
		const char *w;

		if (chosen[k] == (size_t)-1) {
			buf_add(out, run + off[k], off[k + 1] - off[k]);
			k++;
			continue;
		}
		c = &cand[chosen[k]];
		w = s->found.buf + c->word;
		buf_addstr(out, w);
		query_note(plan, QUERY_NOTE_CORRECTED, run + off[c->first],
			   off[c->last] - off[c->first], w, strlen(w));
		k = c->last;
	}
	/* a run longer than SPELL_MAX_RUN keeps its tail */
	buf_add(out, run + off[n], len - off[n]);
	return KB_OK;
copy:
	buf_add(out, run, len);
	return KB_OK;
}

/* 1 if the space-separated word of @text around @at is a filter. */
static int
spell_in_filter(const char *text, size_t len, size_t at)
{
	size_t a = at, b = at;

	while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\t' &&
	       text[a - 1] != '\n')
		a--;
	while (b < len && text[b] != ' ' && text[b] != '\t' && text[b] != '\n')
		b++;
	return memchr(text + a, ':', b - a) != NULL;
}

kb_status_t
query_spell(xc_db *db, kb_buf *text, query_plan_t *plan, kb_error_t *err)
{
	spell_t s = { .db = db, .err = err };
	kb_buf out = KB_BUF_INIT;
	const char *t = text->buf;
	size_t len = text->len, done = 0;
	int32_t prev = 0;
	int changed = 0;
	kb_status_t rc = KB_OK;

	buf_init(&s.term, 0);
	buf_init(&s.words, 0);
	buf_init(&s.keys, 0);
	buf_init(&s.found, 0);
	buf_init(&s.prim, 0);
	buf_init(&out, 0);
	if ((rc = dict_builtin(&s.dict, err)))
		goto out;
	for (size_t i = 0; i < len;) {
		int32_t cp, next = 0;
		size_t j = i, n = norm_decode(t + i, len - i, &cp);

		if (norm_is_han(cp)) {
			/* a run of Han characters */
			while (j < len) {
				size_t m = norm_decode(t + j, len - j, &next);

				if (!norm_is_han(next))
					break;
				j += m;
			}
			buf_add(&out, t + done, i - done);
			size_t at = out.len;

			if ((rc = spell_han(&s, t + i, j - i, &out, plan)))
				goto out;
			changed |= out.len != at + (j - i) ||
				   memcmp(out.buf + at, t + i, j - i);
			done = i = j;
			prev = 'x';
			continue;
		}
		if (!spell_is_letter(cp) || spell_is_alnum(prev)) {
			prev = cp;
			i += n;
			continue;
		}
		/* a run of letters, apostrophes between them */
		while (j < len && (spell_is_letter((unsigned char)t[j]) ||
				   (t[j] == '\'' && j + 1 < len &&
				    spell_is_letter((unsigned char)t[j + 1]))))
			j++;
		if (j < len)
			norm_decode(t + j, len - j, &next);
		if (!(j < len && (spell_is_alnum(next) ||
				  (next >= 0x80 && !norm_is_han(next)))) &&
		    !spell_in_filter(t, len, i)) {
			size_t at;
			int ok;

			buf_add(&out, t + done, i - done);
			at = out.len;
			if ((rc = spell_latin(&s, t + i, j - i, &out, &ok)))
				goto out;
			if (ok) {
				query_note(plan, QUERY_NOTE_PINYIN, t + i, j - i,
					   out.buf + at, out.len - at);
				changed = 1;
			} else {
				buf_add(&out, t + i, j - i);
			}
			done = j;
		}
		prev = 'x';
		i = j;
	}
	buf_add(&out, t + done, len - done);
	if (buf_failed(&out) || buf_failed(&s.found)) {
		rc = spell_nomem(&s);
		goto out;
	}
	if (changed) {
		buf_reset(&plan->corrected);
		buf_add(&plan->corrected, out.buf, out.len);
		buf_reset(text);
		buf_add(text, out.buf, out.len);
		if (buf_failed(&plan->corrected) || buf_failed(text))
			rc = spell_nomem(&s);
	}
out:
	buf_release(&s.term);
	buf_release(&s.words);
	buf_release(&s.keys);
	buf_release(&s.found);
	buf_release(&s.prim);
	buf_release(&out);
	return rc;
}
