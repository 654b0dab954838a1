/* dict.c - the built-in word list, see dict.h.
 *
 * The lists are linked in by dict-data.S as "word TAB frequency" lines.
 * They are parsed once per process into one open-addressing hash table
 * that holds every word and every proper prefix of a word, as jieba's FREQ
 * dictionary does, so the segmenter can stop extending a candidate as soon
 * as it is no longer the start of any word.  Keys are not copied: a slot
 * points into the linked-in data, where a prefix is the start of its word.
 */
#include <config.h>

#include "dict.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern const char dict_data_start[], dict_data_end[];

struct dict_slot {
	uint32_t hash;
	uint32_t off;   /* key offset in the data */
	float logp;     /* log(frequency / total); the frequency while building */
	uint16_t len;   /* key length in bytes; 0 for an empty slot */
	uint8_t kind;   /* DICT_PREFIX or DICT_WORD */
	uint8_t pad;
};

struct dict {
	const char *data;
	struct dict_slot *slots;
	size_t mask;     /* number of slots - 1 */
	size_t used;     /* words and prefixes */
	size_t nwords;
	double total;    /* sum of word frequencies */
	double unknown_logp;
};

#define DICT_FNV_OFFSET 2166136261u
#define DICT_FNV_PRIME 16777619u

static inline uint32_t
dict_hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * DICT_FNV_PRIME;
}

/* FNV-1a leaves the low bits, which pick the slot, poorly mixed. */
static inline uint32_t
dict_hash_final(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static uint32_t
dict_hash(const char *s, size_t len)
{
	uint32_t h = DICT_FNV_OFFSET;
	size_t i;

	for (i = 0; i < len; i++)
		h = dict_hash_step(h, (unsigned char)s[i]);
	return dict_hash_final(h);
}

static struct dict_slot *
dict_find(const struct dict *d, const char *key, size_t len, uint32_t h)
{
	size_t i = h & d->mask;
	struct dict_slot *s;

	for (;;) {
		s = &d->slots[i];
		if (!s->len ||
		    (s->hash == h && s->len == len &&
		     memcmp(d->data + s->off, key, len) == 0))
			return s;
		i = (i + 1) & d->mask;
	}
}

static int
dict_grow(struct dict *d)
{
	size_t n = (d->mask + 1) * 2, i, j;
	struct dict_slot *slots, *old = d->slots;

	slots = calloc(n, sizeof *slots);
	if (!slots)
		return -1;
	for (i = 0; i <= d->mask; i++) {
		if (!old[i].len)
			continue;
		for (j = old[i].hash & (n - 1); slots[j].len; j = (j + 1) & (n - 1))
			;
		slots[j] = old[i];
	}
	free(old);
	d->slots = slots;
	d->mask = n - 1;
	return 0;
}

/* Keys wait in a short queue between hashing and insertion so that the
 * slot each one probes can be prefetched: the table is much larger than
 * the cache, and inserting key after key would wait for memory each time. */
#define DICT_QUEUE 16

struct dict_pending {
	uint32_t off, hash;
	uint32_t len;
	float freq;     /* 0 for a prefix */
};

struct dict_builder {
	struct dict *d;
	struct dict_pending q[DICT_QUEUE];
	unsigned head, n;
};

static int
dict_insert(struct dict *d, const struct dict_pending *k)
{
	struct dict_slot *s;

	/* Keep the load under 3/4 so probe sequences stay short. */
	if ((d->used + 1) * 4 > (d->mask + 1) * 3 && dict_grow(d))
		return -1;
	s = dict_find(d, d->data + k->off, k->len, k->hash);
	if (!s->len) {
		s->hash = k->hash;
		s->off = k->off;
		s->len = (uint16_t)k->len;
		s->kind = DICT_PREFIX;
		s->logp = 0;
		d->used++;
	}
	if (k->freq == 0)
		return 0;
	/* A repeated word takes the new frequency. */
	if (s->kind == DICT_WORD)
		d->total -= s->logp;
	else
		d->nwords++;
	s->kind = DICT_WORD;
	s->logp = k->freq;
	d->total += k->freq;
	return 0;
}

static int
dict_push(struct dict_builder *b, uint32_t off, size_t len, uint32_t h,
	  float freq)
{
	struct dict_pending *k;

	if (b->n == DICT_QUEUE) {
		if (dict_insert(b->d, &b->q[b->head]))
			return -1;
		b->head = (b->head + 1) % DICT_QUEUE;
		b->n--;
	}
	k = &b->q[(b->head + b->n) % DICT_QUEUE];
	k->off = off;
	k->len = (uint32_t)len;
	k->hash = h;
	k->freq = freq;
	b->n++;
	__builtin_prefetch(&b->d->slots[h & b->d->mask]);
	return 0;
}

static int
dict_flush(struct dict_builder *b)
{
	for (; b->n; b->n--) {
		if (dict_insert(b->d, &b->q[b->head]))
			return -1;
		b->head = (b->head + 1) % DICT_QUEUE;
	}
	return 0;
}

/* Add the word data[off..off+len) and its proper prefixes (at character
 * boundaries) longer than @known bytes, which the caller knows are in the
 * table already. */
static int
dict_add(struct dict_builder *b, uint32_t off, size_t len, size_t known,
	 double freq)
{
	const unsigned char *w = (const unsigned char *)b->d->data + off;
	uint32_t h = DICT_FNV_OFFSET;
	size_t i;

	for (i = 0; i < len; i++) {
		if (i > known && (w[i] & 0xC0) != 0x80 &&
		    dict_push(b, off, i, dict_hash_final(h), 0))
			return -1;
		h = dict_hash_step(h, w[i]);
	}
	return dict_push(b, off, len, dict_hash_final(h), (float)freq);
}

/* Parse "word TAB frequency" lines; blank lines and lines starting with
 * '#' are skipped. */
static kb_status_t
dict_parse(struct dict *d, const char *p, const char *end, kb_error_t *err)
{
	struct dict_builder b = { .d = d };
	const char *prev = NULL;
	size_t prevlen = 0, known;
	unsigned line = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *tab, *q;
		double freq = 0;

		if (!eol)
			eol = end;
		line++;
		if (p == eol || *p == '#') {
			p = eol + 1;
			continue;
		}
		tab = memchr(p, '\t', (size_t)(eol - p));
		if (!tab || tab == p || tab - p > UINT16_MAX || tab + 1 == eol)
			goto bad;
		for (q = tab + 1; q < eol; q++) {
			if (*q < '0' || *q > '9')
				goto bad;
			freq = freq * 10 + (*q - '0');
		}
		if (freq < 1 || freq > 1e9)
			goto bad;
		/* The lists are sorted, so a word mostly shares its start with
		 * the word before, whose prefixes are all in the table:
		 * probing them again would cost a cache miss each. */
		for (known = 0; known < prevlen && known < (size_t)(tab - p) &&
				prev[known] == p[known];
		     known++)
			;
		while (known > 0 && ((unsigned char)p[known] & 0xC0) == 0x80)
			known--;
		if (dict_add(&b, (uint32_t)(p - d->data), (size_t)(tab - p),
			     known, freq))
			goto nomem;
		prev = p;
		prevlen = (size_t)(tab - p);
		p = eol + 1;
		continue;
bad:
		return kb_fail(err, KB_ERR_INTERNAL,
			       "built-in dictionary: line %u is not 'word TAB frequency'",
			       line);
	}
	if (dict_flush(&b))
		goto nomem;
	return KB_OK;
nomem:
	return kb_fail(err, KB_ERR_NOMEM,
		       "out of memory while building the dictionary");
}

static kb_status_t
dict_build(struct dict *d, const char *data, const char *end,
	   kb_error_t *err)
{
	size_t nlines = 0, n = 1024, i;
	const char *p;
	double logtotal;
	kb_status_t ret;

	memset(d, 0, sizeof *d);
	d->data = data;
	if ((size_t)(end - data) >= UINT32_MAX)
		return kb_fail(err, KB_ERR_INTERNAL,
			       "built-in dictionary is too large");
	for (p = data; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		nlines++;
	/* Words plus prefixes come to about 1.3 entries a line: this size
	 * keeps the load under 2/3 without regrowing. */
	while (n < nlines * 2 + 2)
		n *= 2;
	d->slots = calloc(n, sizeof *d->slots);
	if (!d->slots)
		return kb_fail(err, KB_ERR_NOMEM,
			       "out of memory while building the dictionary");
	d->mask = n - 1;
	ret = dict_parse(d, data, end, err);
	if (ret)
		goto fail;
	if (d->total < 1) {
		ret = kb_fail(err, KB_ERR_INTERNAL,
			      "built-in dictionary is empty");
		goto fail;
	}
	logtotal = log(d->total);
	for (i = 0; i <= d->mask; i++)
		if (d->slots[i].kind == DICT_WORD)
			d->slots[i].logp =
				(float)(log(d->slots[i].logp) - logtotal);
	d->unknown_logp = -logtotal;
	return KB_OK;
fail:
	free(d->slots);
	d->slots = NULL;
	return ret;
}

static struct dict dict_builtin_dict;
static kb_error_t dict_builtin_err;
static pthread_once_t dict_builtin_once = PTHREAD_ONCE_INIT;

static void
dict_builtin_init(void)
{
	dict_builtin_err.code = dict_build(&dict_builtin_dict, dict_data_start,
					   dict_data_end, &dict_builtin_err);
}

kb_status_t
dict_builtin(const dict_t **out, kb_error_t *err)
{
	int rc = pthread_once(&dict_builtin_once, dict_builtin_init);

	*out = NULL;
	if (rc)
		return kb_fail(err, KB_ERR_INTERNAL,
			       "cannot build the dictionary: pthread_once failed");
	if (dict_builtin_err.code) {
		if (err)
			*err = dict_builtin_err;
		return dict_builtin_err.code;
	}
	*out = &dict_builtin_dict;
	return KB_OK;
}

int
dict_lookup(const dict_t *d, const char *word, size_t len, double *logp)
{
	const struct dict_slot *s;

	if (!len || len > UINT16_MAX)
		return DICT_NONE;
	s = dict_find(d, word, len, dict_hash(word, len));
	if (!s->len)
		return DICT_NONE;
	if (s->kind == DICT_WORD && logp)
		*logp = s->logp;
	return s->kind;
}

double
dict_unknown_logp(const dict_t *d)
{
	return d->unknown_logp;
}

size_t
dict_size(const dict_t *d)
{
	return d->nwords;
}
