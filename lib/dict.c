/* dict.c - the built-in word list, see dict.h.
 *
 * One open-addressing hash table holds every word and every proper prefix
 * of a word, as jieba's FREQ dictionary does, so the segmenter can stop
 * extending a candidate as soon as it is no longer the start of any word.
 * A slot points into a block of keys, where a prefix is the start of its
 * word.
 *
 * The table is built when the library is built, not when a program
 * starts: lib/kb-mkimage (this file compiled with KB_MKIMAGE) parses the
 * "word TAB frequency" lines of data/dict/ and writes the image
 * (struct dict_image_head, the slots, the keys), which dict-data.S links
 * in.  dict_builtin() only checks the header and points into the image,
 * read-only data paged in as lookups touch it.  The image is in the byte
 * order and float format of the machine that built it, as the header's
 * magic number and check value tell.
 */
#include <config.h>

#include "dict.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct dict_slot {
	uint32_t hash;
	uint32_t off;   /* key offset in the data */
	float logp;     /* log(frequency / total); the frequency while building */
	uint16_t len;   /* key length in bytes; 0 for an empty slot */
	uint8_t kind;   /* DICT_PREFIX or DICT_WORD */
	uint8_t pad;
};

struct dict {
	const char *data;   /* the keys */
	const struct dict_slot *slots;
	size_t mask;     /* number of slots - 1 */
	size_t nwords;
	double unknown_logp;
};

/* The image: this header, nslots slots, keys_len bytes of keys. */
struct dict_image_head {
	uint32_t magic;      /* DICT_IMAGE_MAGIC, in the builder's byte order */
	uint32_t version;
	uint32_t slot_size;  /* sizeof (struct dict_slot) */
	uint32_t nslots;     /* a power of two */
	uint32_t nwords;
	uint32_t keys_len;
	float check;         /* DICT_IMAGE_CHECK: the same float format */
	uint32_t reserved;
	double unknown_logp;
};

#define DICT_IMAGE_MAGIC 0x4b424431u /* "KBD1" read big-endian */
#define DICT_IMAGE_VERSION 1u
#define DICT_IMAGE_CHECK (-1.5f)

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

/* The slot of @key, or the empty slot where it would go. */
static size_t
dict_find(const struct dict_slot *slots, size_t mask, const char *data,
	  const char *key, size_t len, uint32_t h)
{
	size_t i = h & mask;

	for (;;) {
		const struct dict_slot *s = &slots[i];

		if (!s->len ||
		    (s->hash == h && s->len == len &&
		     memcmp(data + s->off, key, len) == 0))
			return i;
		i = (i + 1) & mask;
	}
}

#ifdef KB_MKIMAGE
/* ------------------------------------------------------------------ */
/* Building the image (lib/kb-mkimage only)                            */

struct dict_builder_table {
	char *data;      /* the keys, copied from the text */
	size_t data_len;
	struct dict_slot *slots;
	size_t mask;
	size_t used;     /* words and prefixes */
	size_t nwords;
	double total;    /* sum of word frequencies */
};

static int
dict_grow(struct dict_builder_table *d)
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
	struct dict_builder_table *d;
	struct dict_pending q[DICT_QUEUE];
	unsigned head, n;
};

static int
dict_insert(struct dict_builder_table *d, const struct dict_pending *k)
{
	struct dict_slot *s;

	/* Keep the load under 3/4 so probe sequences stay short. */
	if ((d->used + 1) * 4 > (d->mask + 1) * 3 && dict_grow(d))
		return -1;
	s = &d->slots[dict_find(d->slots, d->mask, d->data, d->data + k->off,
				k->len, k->hash)];
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
dict_parse(struct dict_builder_table *d, const char *p, const char *end,
	   kb_error_t *err)
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
		memcpy(d->data + d->data_len, p, (size_t)(tab - p));
		if (dict_add(&b, (uint32_t)d->data_len, (size_t)(tab - p),
			     known, freq))
			goto nomem;
		d->data_len += (size_t)(tab - p);
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

/* Parse the lists (@len bytes at @text) and append the image to @out. */
kb_status_t
dict_image_build(const char *text, size_t len, kb_buf *out, kb_error_t *err)
{
	struct dict_builder_table t = { 0 };
	struct dict_image_head h = { 0 };
	size_t nlines = 0, n = 1024, i;
	const char *p, *end = text + len;
	double logtotal;
	kb_status_t ret;

	if (len >= UINT32_MAX)
		return kb_fail(err, KB_ERR_INVALID_ARG, "dictionary is too large");
	for (p = text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		nlines++;
	/* Words plus prefixes come to about 1.3 entries a line. */
	while (n < nlines * 2 + 2)
		n *= 2;
	t.slots = calloc(n, sizeof *t.slots);
	t.data = malloc(len ? len : 1);
	if (!t.slots || !t.data) {
		ret = kb_fail(err, KB_ERR_NOMEM,
			      "out of memory while building the dictionary");
		goto out;
	}
	t.mask = n - 1;
	ret = dict_parse(&t, text, end, err);
	if (ret)
		goto out;
	if (t.total < 1) {
		ret = kb_fail(err, KB_ERR_INVALID_ARG, "dictionary is empty");
		goto out;
	}
	/* Shrink to the smallest table with a load of at most 3/4. */
	for (n = 1024; t.used * 4 > n * 3; n *= 2)
		;
	while (t.mask + 1 > n) {
		struct dict_slot *slots = calloc(n, sizeof *slots);

		if (!slots) {
			ret = kb_fail(err, KB_ERR_NOMEM,
				      "out of memory while building the dictionary");
			goto out;
		}
		for (i = 0; i <= t.mask; i++) {
			size_t j;

			if (!t.slots[i].len)
				continue;
			for (j = t.slots[i].hash & (n - 1); slots[j].len;
			     j = (j + 1) & (n - 1))
				;
			slots[j] = t.slots[i];
		}
		free(t.slots);
		t.slots = slots;
		t.mask = n - 1;
	}
	logtotal = log(t.total);
	for (i = 0; i <= t.mask; i++)
		if (t.slots[i].kind == DICT_WORD)
			t.slots[i].logp =
				(float)(log(t.slots[i].logp) - logtotal);
	h.magic = DICT_IMAGE_MAGIC;
	h.version = DICT_IMAGE_VERSION;
	h.slot_size = sizeof *t.slots;
	h.nslots = (uint32_t)(t.mask + 1);
	h.nwords = (uint32_t)t.nwords;
	h.keys_len = (uint32_t)t.data_len;
	h.check = DICT_IMAGE_CHECK;
	h.unknown_logp = -logtotal;
	buf_add(out, &h, sizeof h);
	buf_add(out, t.slots, (t.mask + 1) * sizeof *t.slots);
	buf_add(out, t.data, t.data_len);
	if (buf_failed(out))
		ret = kb_fail_buf(err, out, "the dictionary image");
out:
	free(t.slots);
	free(t.data);
	return ret;
}

#else /* !KB_MKIMAGE */
/* ------------------------------------------------------------------ */
/* The linked-in image                                                 */

extern const char dict_image_start[], dict_image_end[];

static struct dict dict_builtin_dict;
static kb_error_t dict_builtin_err;
static pthread_once_t dict_builtin_once = PTHREAD_ONCE_INIT;

static kb_status_t
dict_load(struct dict *d, const char *img, size_t len, kb_error_t *err)
{
	struct dict_image_head h;

	if (len < sizeof h)
		goto bad;
	memcpy(&h, img, sizeof h);
	if (h.magic != DICT_IMAGE_MAGIC || h.version != DICT_IMAGE_VERSION ||
	    h.slot_size != sizeof (struct dict_slot) ||
	    h.check != DICT_IMAGE_CHECK || !h.nslots ||
	    (h.nslots & (h.nslots - 1)) ||
	    (len - sizeof h) / sizeof (struct dict_slot) < h.nslots ||
	    len - sizeof h - (size_t)h.nslots * sizeof (struct dict_slot) <
		    h.keys_len)
		goto bad;
	d->slots = (const struct dict_slot *)(const void *)(img + sizeof h);
	d->data = img + sizeof h + (size_t)h.nslots * sizeof *d->slots;
	d->mask = h.nslots - 1;
	d->nwords = h.nwords;
	d->unknown_logp = h.unknown_logp;
	return KB_OK;
bad:
	return kb_fail(err, KB_ERR_INTERNAL,
		       "built-in dictionary image is not one this build can read");
}

static void
dict_builtin_init(void)
{
	dict_builtin_err.code = dict_load(&dict_builtin_dict, dict_image_start,
					  (size_t)(dict_image_end -
						   dict_image_start),
					  &dict_builtin_err);
}

kb_status_t
dict_builtin(const dict_t **out, kb_error_t *err)
{
	int rc = pthread_once(&dict_builtin_once, dict_builtin_init);

	*out = NULL;
	if (rc)
		return kb_fail(err, KB_ERR_INTERNAL,
			       "cannot load the dictionary: pthread_once failed");
	if (dict_builtin_err.code) {
		if (err)
			*err = dict_builtin_err;
		return dict_builtin_err.code;
	}
	*out = &dict_builtin_dict;
	return KB_OK;
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

int
dict_lookup(const dict_t *d, const char *word, size_t len, double *logp)
{
	const struct dict_slot *s;

	if (!len || len > UINT16_MAX)
		return DICT_NONE;
	s = &d->slots[dict_find(d->slots, d->mask, d->data, word, len,
				dict_hash(word, len))];
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

#endif /* !KB_MKIMAGE */
