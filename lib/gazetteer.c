/* gazetteer.c - divisions and lexicons, see gazetteer.h.
 *
 * data/regions/gazetteer.tsv ("code TAB name TAB level TAB parent_code",
 * one header line) is parsed when the library is built: lib/kb-mkimage
 * (this file compiled with KB_MKIMAGE) writes the divisions and their
 * lexicon as an image, which gazetteer-data.S links in and gazetteer_get()
 * points into (see struct gaz_image_head).  A
 * lexicon is an open-addressing hash table holding every word and every
 * proper prefix of a word (at character boundaries), so a match stops as
 * soon as the text read is no longer the start of a word.  The keys are
 * the words folded as normalize.c folds text (乾县 is 干县 there), in one
 * block of the lexicon; a slot points into its word's key, where a prefix
 * is the start of the key.
 *
 * Short forms: a province loses 省, 市 or (…族)自治区 (江西, 广西, 内蒙古);
 * a city loses 市, 地区, 盟 or its (…族)自治州 (景德镇, 恩施, 兴安); a county
 * loses 县, 区, 市, 旗, 特区, 林区 or its (…族)自治县/自治旗, when at least two
 * characters remain.  Development zones and other statistical areas
 * (…开发区, …园区, …管理区, 群岛…) are known by their full names only.
 *
 * Which names are places by themselves (GAZ_STRONG) and which only next to
 * their province or city (GAZ_WEAK):
 *  - full names are strong, except those of two characters (城区, 郊区,
 *    矿区, 和县, 新县: 和县级医院 is not 和县) and a few that are ordinary
 *    words (新城区, 城关区, 市中区 …, full_weak below);
 *  - province short forms are strong;
 *  - city short forms are strong, except ordinary words (大同, 长治, 黄山,
 *    日照, 白山, 中山, 朝阳 …, city_weak below); a city short form that is
 *    also a province's (吉林, 海南) is not a name of the city at all;
 *  - county short forms are always weak (城关, 和平, 长安, 新华 are
 *    ordinary words, and most short county names are shared or obscure);
 *    one that is also a province's or a city's short form is dropped.
 */
#include <config.h>

#include "gazetteer.h"
#include "normalize.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Lexicons                                                            */

/* The longest word, in bytes; longer words are not stored. */
#define LEX_MAX_BYTES 64

struct lex_slot {
	uint32_t key;     /* offset of the word's key in the keys */
	uint32_t hash;
	uint32_t len;     /* 0 for an empty slot */
	uint32_t first;   /* first entry of the word */
	uint32_t count;   /* 0: only the start of longer words */
};

struct gaz_lex {
	const struct lex_slot *slots;
	size_t mask, used;
	gaz_lex_entry_t *e;
	size_t n;
	const char *keys; /* the folded words */
	struct lex_slot *own_slots; /* NULL when the table is linked in */
	char *own_keys;
};

#define LEX_FNV_OFFSET 2166136261u
#define LEX_FNV_PRIME 16777619u

static inline uint32_t
lex_hash_final(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static uint32_t
lex_hash_add(uint32_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * LEX_FNV_PRIME;
	return h;
}

/* The slot of @key, or the empty slot where it would go. */
static size_t
lex_find(const struct lex_slot *slots, size_t mask, const char *keys,
	 const char *key, size_t len, uint32_t h)
{
	size_t i = h & mask;

	for (;;) {
		const struct lex_slot *s = &slots[i];

		if (!s->len || (s->hash == h && s->len == len &&
				memcmp(keys + s->key, key, len) == 0))
			return i;
		i = (i + 1) & mask;
	}
}

/* A table of @n slots (a power of two) holding the keys of @old. */
static struct lex_slot *
lex_rehash(const struct lex_slot *old, size_t nold, size_t n)
{
	struct lex_slot *slots = calloc(n, sizeof *slots);

	if (!slots)
		return NULL;
	for (size_t i = 0; i < nold; i++) {
		size_t j;

		if (!old[i].len)
			continue;
		for (j = old[i].hash & (n - 1); slots[j].len; j = (j + 1) & (n - 1))
			;
		slots[j] = old[i];
	}
	return slots;
}

static size_t
lex_put_utf8(char *out, int32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* An entry and its key, while building. */
struct lex_item {
	gaz_lex_entry_t e;
	const char *key;
	uint32_t klen;
};

static int
lex_item_cmp(const void *a, const void *b)
{
	const struct lex_item *x = a, *y = b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);

	if (c)
		return c;
	if (x->klen != y->klen)
		return x->klen < y->klen ? -1 : 1;
	return (x->e.val > y->e.val) - (x->e.val < y->e.val);
}

void
gaz_lex_free(gaz_lex_t *lex)
{
	if (!lex)
		return;
	free(lex->own_slots);
	free(lex->e);
	free(lex->own_keys);
	free(lex);
}

gaz_lex_t *
gaz_lex_build(const gaz_lex_entry_t *entries, size_t n)
{
	gaz_lex_t *lex = calloc(1, sizeof *lex);
	struct lex_item *item = NULL;
	struct lex_slot *slots;
	size_t nkeys = 0, size = 16, kcap = 0;
	char *kp;

	if (!lex)
		return NULL;
	for (size_t i = 0; i < n; i++)
		kcap += entries[i].len;
	/* folding turns at most three bytes into four */
	kcap = kcap / 3 * 4 + 4;
	lex->e = malloc((n ? n : 1) * sizeof *lex->e);
	item = malloc((n ? n : 1) * sizeof *item);
	lex->own_keys = malloc(kcap);
	if (!lex->e || !item || !lex->own_keys)
		goto fail;
	lex->keys = kp = lex->own_keys;
	for (size_t i = 0; i < n; i++) {
		const gaz_lex_entry_t *w = &entries[i];
		char *key = kp;

		if (!w->len || w->len > LEX_MAX_BYTES)
			continue;
		for (size_t k = 0; k < w->len;) {
			int32_t cp;

			k += norm_decode(w->word + k, w->len - k, &cp);
			kp += lex_put_utf8(kp, norm_simplify(cp));
		}
		if ((size_t)(kp - key) > LEX_MAX_BYTES) {
			kp = key;
			continue;
		}
		item[lex->n].e = *w;
		item[lex->n].key = key;
		item[lex->n].klen = (uint32_t)(kp - key);
		lex->n++;
	}
	qsort(item, lex->n, sizeof *item, lex_item_cmp);
	/* every byte may start a prefix: an upper bound for the keys */
	for (size_t i = 0; i < lex->n; i++)
		nkeys += item[i].klen;
	while (size * 3 < nkeys * 4 + 4)
		size *= 2;
	slots = lex->own_slots = calloc(size, sizeof *slots);
	if (!slots)
		goto fail;
	lex->slots = slots;
	lex->mask = size - 1;
	for (size_t i = 0; i < lex->n; i++) {
		const char *key = item[i].key;
		size_t klen = item[i].klen, k = 0;
		uint32_t h = LEX_FNV_OFFSET;

		lex->e[i] = item[i].e;
		while (k < klen) {
			int32_t cp;
			size_t step = norm_decode(key + k, klen - k, &cp);
			struct lex_slot *s;
			uint32_t hf;

			h = lex_hash_add(h, key + k, step);
			k += step;
			hf = lex_hash_final(h);
			s = &slots[lex_find(slots, lex->mask, lex->keys, key, k,
					    hf)];
			if (!s->len) {
				s->key = (uint32_t)(key - lex->keys);
				s->len = (uint32_t)k;
				s->hash = hf;
				lex->used++;
			}
			if (k == klen && !s->count) {
				/* sorted: the word's entries follow */
				s->first = (uint32_t)i;
				s->count = 1;
			} else if (k == klen &&
				   s->first + s->count == (uint32_t)i) {
				s->count++;
			}
		}
	}
	free(item);
	item = NULL;
	/* The size above counted bytes, not prefixes: shrink to a load of
	 * at most 3/4. */
	for (size = 16; size * 3 < lex->used * 4 + 4; size *= 2)
		;
	if (size <= lex->mask) {
		slots = lex_rehash(lex->slots, lex->mask + 1, size);
		if (!slots)
			goto fail;
		free(lex->own_slots);
		lex->slots = lex->own_slots = slots;
		lex->mask = size - 1;
	}
	return lex;
fail:
	free(item);
	gaz_lex_free(lex);
	return NULL;
}

size_t
gaz_lex_match(const gaz_lex_t *lex, const char *s, size_t len,
	      gaz_lex_hit_t *hits, size_t max)
{
	char key[LEX_MAX_BYTES + 4];
	size_t klen = 0, i = 0, nhits = 0;
	uint32_t h = LEX_FNV_OFFSET;

	if (!max)
		return 0;
	while (i < len) {
		int32_t cp;
		size_t step = norm_decode(s + i, len - i, &cp), k;
		const struct lex_slot *slot;

		/* ASCII (a space, a digit) never continues a word */
		if (cp < 0x80 && klen)
			break;
		/* normalized text is folded already; other text is not */
		k = lex_put_utf8(key + klen, norm_simplify(cp));
		if (klen + k > LEX_MAX_BYTES)
			break;
		h = lex_hash_add(h, key + klen, k);
		klen += k;
		i += step;
		slot = &lex->slots[lex_find(lex->slots, lex->mask, lex->keys,
					    key, klen, lex_hash_final(h))];
		if (!slot->len)
			break;
		if (slot->count) {
			gaz_lex_hit_t hit = { i, lex->e + slot->first,
					      slot->count };

			/* keep the longest @max, longest first */
			if (nhits < max)
				nhits++;
			memmove(hits + 1, hits, (nhits - 1) * sizeof *hits);
			hits[0] = hit;
		}
	}
	return nhits;
}

/* ------------------------------------------------------------------ */
/* Divisions                                                           */

/* The image that lib/kb-mkimage writes and gazetteer-data.S links in: this
 * header, then ndiv divisions, nent entries and nslots slots of the region
 * lexicon, names_len bytes of names (each followed by a NUL; an entry's
 * word is the start of a name) and keys_len bytes of keys.  It is in the
 * byte order of the machine that built it, as the magic number tells. */
struct gaz_image_head {
	uint32_t magic;
	uint32_t version;
	uint32_t div_size, entry_size, slot_size;
	uint32_t ndiv, nent, nslots;
	uint32_t names_len, keys_len;
};

struct gaz_image_div {
	uint32_t name;     /* offset in the names */
	int32_t province, city;
	char code[7];
	uint8_t level;
};

struct gaz_image_entry {
	uint32_t word;     /* offset in the names */
	uint32_t len;
	uint32_t val;
};

#define GAZ_IMAGE_MAGIC 0x4b424731u /* "KBG1" read big-endian */
#define GAZ_IMAGE_VERSION 1u

static gazetteer_t gaz;
static gaz_division_t *gaz_div;
static int gaz_failed;

#ifdef KB_MKIMAGE
/* ------------------------------------------------------------------ */
/* Building the image (lib/kb-mkimage only)                            */

static const char *const ethnic[] = {
	"土家族", "苗族", "侗族", "布依族", "藏族", "羌族", "彝族", "傣族",
	"景颇族", "傈僳族", "哈尼族", "白族", "壮族", "朝鲜族", "回族",
	"蒙古族", "蒙古", "哈萨克族", "哈萨克", "柯尔克孜族", "柯尔克孜",
	"土族", "撒拉族", "黎族", "瑶族", "畲族", "水族", "仡佬族", "毛南族",
	"仫佬族", "各族", "纳西族", "普米族", "怒族", "独龙族", "拉祜族",
	"佤族", "布朗族", "满族", "达斡尔族", "鄂温克族", "鄂伦春族", "锡伯族",
	"塔吉克族", "裕固族", "保安族", "东乡族", "京族", "门巴族", "珞巴族",
	"基诺族", "德昂族", "阿昌族", "维吾尔", "哈萨克",
};

/* Suffixes that make a full name, longest first within each level. */
static const char *const province_suffix[] = { "自治区", "省", "市" };
static const char *const city_suffix[] = { "自治州", "地区", "盟", "市" };
static const char *const county_suffix[] = {
	"自治县", "自治旗", "特区", "林区", "县", "区", "市", "旗",
};

/* Statistical areas without a short form. */
static const char *const zone_marks[] = {
	"开发区", "园区", "管理区", "示范区", "试验区", "新城", "管委会",
	"群岛", "委员会", "海域", "新区", "矿区",
};

/* Full names that are ordinary words too. */
static const char *const full_weak[] = {
	"新城区", "城关区", "城中区", "城东区", "城西区", "城北区", "市中区",
	"市南区", "市北区", "新市区", "西市区", "东区", "西区", "河口区",
	"向阳区", "新兴区", "东风区", "工农区", "红旗区", "前进区", "山城区",
	"东方市", "长寿区", "平安区", "永定区", "和平区", "新华区", "长安区",
	"朝阳区", "开发区", "新建区",
};

/* City short forms that are ordinary words, or better known as something
 * else (a mountain, a river, a jade, a tea). */
static const char *const city_weak[] = {
	"大同", "长治", "安康", "大庆", "白银", "来宾", "日照", "黄山", "大理",
	"红河", "怒江", "玉树", "普洱", "白山", "中山", "朝阳", "北海", "阿里",
	"山南", "哈密", "黑河", "海口", "开封", "河源", "四平", "文山", "兴安",
	"海北", "海西", "海东", "黄南", "果洛", "和田", "安顺", "三明", "武威",
	"广安", "东方", "包头",
};

static int
str_in(const char *s, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

static int
ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return n <= len && memcmp(s + len - n, suffix, n) == 0;
}

/* The length of the short form of @name (@len bytes), or 0. */
static size_t
gaz_short_len(const char *name, size_t len, int level)
{
	const char *const *suf;
	size_t nsuf, n = len;

	if (level == GAZ_PROVINCE) {
		suf = province_suffix;
		nsuf = KB_ARRAY_SIZE(province_suffix);
	} else if (level == GAZ_CITY) {
		suf = city_suffix;
		nsuf = KB_ARRAY_SIZE(city_suffix);
	} else {
		for (size_t i = 0; i < KB_ARRAY_SIZE(zone_marks); i++)
			if (memmem(name, len, zone_marks[i],
				   strlen(zone_marks[i])))
				return 0;
		suf = county_suffix;
		nsuf = KB_ARRAY_SIZE(county_suffix);
	}
	for (size_t i = 0; i < nsuf; i++) {
		if (!ends_with(name, n, suf[i]))
			continue;
		n -= strlen(suf[i]);
		if (strncmp(suf[i], "自治", strlen("自治")) == 0) {
			/* 恩施土家族苗族自治州: strip the peoples */
			int again = 1;

			while (again) {
				again = 0;
				for (size_t j = 0; j < KB_ARRAY_SIZE(ethnic); j++)
					if (ends_with(name, n, ethnic[j]) &&
					    norm_strlen(name, n -
							strlen(ethnic[j])) >=
						    2) {
						n -= strlen(ethnic[j]);
						again = 1;
					}
			}
		}
		break;
	}
	if (n == len || norm_strlen(name, n) < 2)
		return 0;
	return n;
}

static char *gaz_names;
static gaz_lex_t *gaz_lex;

struct code_ix {
	uint32_t code;
	int32_t ix;
};

static int
code_ix_cmp(const void *a, const void *b)
{
	const struct code_ix *x = a, *y = b;

	return (x->code > y->code) - (x->code < y->code);
}

static int32_t
gaz_lookup_code(const struct code_ix *ix, size_t n, uint32_t code)
{
	struct code_ix key = { code, -1 }, *r;

	r = bsearch(&key, ix, n, sizeof *ix, code_ix_cmp);
	return r ? r->ix : -1;
}

struct gaz_row {
	const char *name;
	size_t name_len;
	uint32_t code, parent;
	int level;
};

static int
gaz_parse_row(const char *p, size_t n, struct gaz_row *r)
{
	const char *f[4];
	size_t flen[4], k = 0, start = 0;

	for (size_t i = 0; i <= n && k < 4; i++) {
		if (i == n || p[i] == '\t') {
			f[k] = p + start;
			flen[k] = i - start;
			k++;
			start = i + 1;
		}
	}
	if (k < 3 || flen[0] != 6)
		return -1;
	r->code = (uint32_t)strtoul(f[0], NULL, 10);
	r->name = f[1];
	r->name_len = flen[1];
	r->parent = k == 4 && flen[3] ? (uint32_t)strtoul(f[3], NULL, 10) : 0;
	if (flen[2] == 8 && memcmp(f[2], "province", 8) == 0)
		r->level = GAZ_PROVINCE;
	else if (flen[2] == 4 && memcmp(f[2], "city", 4) == 0)
		r->level = GAZ_CITY;
	else if (flen[2] == 6 && memcmp(f[2], "county", 6) == 0)
		r->level = GAZ_COUNTY;
	else
		return -1;
	return r->name_len ? 0 : -1;
}

/* Parse gazetteer.tsv (@text, NUL-terminated) into gaz; gaz_failed tells
 * whether that failed. */
static void
gaz_parse(const char *text)
{
	const char *p = text, *line;
	size_t nrows = 0, names_len = 0, n, ne = 0;
	struct code_ix *ix = NULL;
	gaz_lex_entry_t *ent = NULL;
	struct gaz_row r;
	char *np;

	gaz_failed = 1;
	/* skip the header */
	p = strchr(p, '\n');
	if (!p)
		return;
	line = ++p;
	for (; *p; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		if (n && gaz_parse_row(p, n, &r) == 0) {
			nrows++;
			names_len += r.name_len + 1;
		}
	}
	gaz_div = calloc(nrows ? nrows : 1, sizeof *gaz_div);
	gaz_names = malloc(names_len + 1);
	ix = malloc((nrows ? nrows : 1) * sizeof *ix);
	ent = malloc((nrows ? nrows : 1) * 2 * sizeof *ent);
	if (!gaz_div || !gaz_names || !ix || !ent)
		goto out;
	np = gaz_names;
	nrows = 0;
	for (p = line; *p; p += n + (p[n] == '\n')) {
		gaz_division_t *d;

		n = strcspn(p, "\n");
		if (!n || gaz_parse_row(p, n, &r))
			continue;
		d = &gaz_div[nrows];
		memcpy(np, r.name, r.name_len);
		np[r.name_len] = '\0';
		d->name = np;
		np += r.name_len + 1;
		snprintf(d->code, sizeof d->code, "%06u", (unsigned)r.code);
		d->level = (uint8_t)r.level;
		/* parent codes wait in province/city until all rows are read */
		d->province = (int32_t)r.parent;
		ix[nrows].code = r.code;
		ix[nrows].ix = (int32_t)nrows;
		nrows++;
	}
	qsort(ix, nrows, sizeof *ix, code_ix_cmp);
	/* provinces and cities come before their children in the file, but
	 * resolve by level so the order does not matter */
	for (int level = GAZ_PROVINCE; level <= GAZ_COUNTY; level++) {
		for (size_t i = 0; i < nrows; i++) {
			gaz_division_t *d = &gaz_div[i];
			int32_t parent;

			if (d->level != level)
				continue;
			if (level == GAZ_PROVINCE) {
				d->province = (int32_t)i;
				d->city = -1;
				continue;
			}
			parent = gaz_lookup_code(ix, nrows,
						 (uint32_t)d->province);
			if (parent < 0 || gaz_div[parent].level >= level)
				goto out;
			if (gaz_div[parent].level == GAZ_PROVINCE) {
				d->province = parent;
				d->city = level == GAZ_CITY ? (int32_t)i : -1;
			} else {
				d->province = gaz_div[parent].province;
				d->city = parent;
			}
		}
	}
	/* full names, then short forms */
	for (size_t i = 0; i < nrows; i++) {
		const char *name = gaz_div[i].name;
		size_t len = strlen(name);
		int weak = norm_strlen(name, len) <= 2 ||
			   str_in(name, len, full_weak,
				  KB_ARRAY_SIZE(full_weak));

		ent[ne].word = name;
		ent[ne].len = (uint32_t)len;
		ent[ne].val = GAZ_VAL(i, GAZ_FULL, weak);
		ne++;
	}
	for (int level = GAZ_PROVINCE; level <= GAZ_COUNTY; level++) {
		for (size_t i = 0; i < nrows; i++) {
			const char *name = gaz_div[i].name;
			size_t slen, j;
			int weak, taken = 0;

			if (gaz_div[i].level != level)
				continue;
			slen = gaz_short_len(name, strlen(name), level);
			if (!slen)
				continue;
			/* a short form already taken by a higher level */
			for (j = 0; j < ne && !taken; j++)
				taken = GAZ_VAL_FORM(ent[j].val) == GAZ_SHORT &&
					gaz_div[GAZ_VAL_DIV(ent[j].val)].level <
						level &&
					ent[j].len == slen &&
					memcmp(ent[j].word, name, slen) == 0;
			if (taken)
				continue;
			weak = level == GAZ_COUNTY ||
			       (level == GAZ_CITY &&
				str_in(name, slen, city_weak,
				       KB_ARRAY_SIZE(city_weak)));
			ent[ne].word = name;
			ent[ne].len = (uint32_t)slen;
			ent[ne].val = GAZ_VAL(i, GAZ_SHORT, weak);
			ne++;
		}
	}
	gaz_lex = gaz_lex_build(ent, ne);
	if (!gaz_lex)
		goto out;
	gaz.div = gaz_div;
	gaz.ndiv = nrows;
	gaz.names = gaz_lex;
	gaz_failed = 0;
out:
	free(ix);
	free(ent);
	if (gaz_failed) {
		free(gaz_div);
		free(gaz_names);
		gaz_div = NULL;
		gaz_names = NULL;
	}
}

kb_status_t
gaz_image_build(const char *text, kb_buf *out, kb_error_t *err)
{
	struct gaz_image_head h = { 0 };
	size_t names_len = 0;

	gaz_parse(text);
	if (gaz_failed)
		return kb_fail(err, KB_ERR_INVALID_ARG,
			       "cannot parse the gazetteer of regions");
	for (size_t i = 0; i < gaz.ndiv; i++)
		names_len += strlen(gaz_div[i].name) + 1;
	h.magic = GAZ_IMAGE_MAGIC;
	h.version = GAZ_IMAGE_VERSION;
	h.div_size = sizeof (struct gaz_image_div);
	h.entry_size = sizeof (struct gaz_image_entry);
	h.slot_size = sizeof (struct lex_slot);
	h.ndiv = (uint32_t)gaz.ndiv;
	h.nent = (uint32_t)gaz_lex->n;
	h.nslots = (uint32_t)(gaz_lex->mask + 1);
	h.names_len = (uint32_t)names_len;
	/* the keys end where the last slot's key ends, at the latest */
	for (size_t i = 0; i <= gaz_lex->mask; i++) {
		const struct lex_slot *sl = &gaz_lex->slots[i];

		if (sl->len && sl->key + sl->len > h.keys_len)
			h.keys_len = sl->key + sl->len;
	}
	buf_add(out, &h, sizeof h);
	for (size_t i = 0; i < gaz.ndiv; i++) {
		struct gaz_image_div d = { 0 };

		d.name = (uint32_t)(gaz_div[i].name - gaz_names);
		d.province = gaz_div[i].province;
		d.city = gaz_div[i].city;
		memcpy(d.code, gaz_div[i].code, sizeof d.code);
		d.level = gaz_div[i].level;
		buf_add(out, &d, sizeof d);
	}
	for (size_t i = 0; i < gaz_lex->n; i++) {
		struct gaz_image_entry e = {
			(uint32_t)(gaz_lex->e[i].word - gaz_names),
			gaz_lex->e[i].len, gaz_lex->e[i].val
		};

		buf_add(out, &e, sizeof e);
	}
	buf_add(out, gaz_lex->slots, (gaz_lex->mask + 1) * sizeof *gaz_lex->slots);
	buf_add(out, gaz_names, names_len);
	buf_add(out, gaz_lex->keys, h.keys_len);
	if (buf_failed(out))
		return kb_fail_buf(err, out, "the gazetteer image");
	return KB_OK;
}

#else /* !KB_MKIMAGE */
/* ------------------------------------------------------------------ */
/* The linked-in image                                                 */

extern const char gaz_image_start[], gaz_image_end[];

static gaz_lex_t gaz_lex_mapped;
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

/* Point gaz into the image: only the divisions and the lexicon's entries,
 * which hold pointers, are copied out of it. */
static void
gaz_init(void)
{
	const char *img = gaz_image_start, *names;
	size_t len = (size_t)(gaz_image_end - gaz_image_start), need;
	const struct gaz_image_div *idiv;
	const struct gaz_image_entry *ient;
	struct gaz_image_head h;
	gaz_lex_t *lex = &gaz_lex_mapped;

	gaz_failed = 1;
	if (len < sizeof h)
		return;
	memcpy(&h, img, sizeof h);
	if (h.magic != GAZ_IMAGE_MAGIC || h.version != GAZ_IMAGE_VERSION ||
	    h.div_size != sizeof *idiv || h.entry_size != sizeof *ient ||
	    h.slot_size != sizeof (struct lex_slot) || !h.nslots ||
	    (h.nslots & (h.nslots - 1)) || !h.names_len)
		return;
	need = sizeof h + (size_t)h.ndiv * sizeof *idiv +
	       (size_t)h.nent * sizeof *ient +
	       (size_t)h.nslots * sizeof (struct lex_slot) + h.names_len +
	       h.keys_len;
	if (need > len)
		return;
	idiv = (const struct gaz_image_div *)(const void *)(img + sizeof h);
	ient = (const struct gaz_image_entry *)(const void *)(idiv + h.ndiv);
	lex->slots = (const struct lex_slot *)(const void *)(ient + h.nent);
	names = (const char *)(lex->slots + h.nslots);
	lex->keys = names + h.names_len;
	if (names[h.names_len - 1] != '\0')
		return;
	gaz_div = calloc(h.ndiv ? h.ndiv : 1, sizeof *gaz_div);
	lex->e = malloc((h.nent ? h.nent : 1) * sizeof *lex->e);
	if (!gaz_div || !lex->e)
		goto out;
	for (size_t i = 0; i < h.ndiv; i++) {
		if (idiv[i].name >= h.names_len)
			goto out;
		gaz_div[i].name = names + idiv[i].name;
		memcpy(gaz_div[i].code, idiv[i].code, sizeof gaz_div[i].code);
		gaz_div[i].level = idiv[i].level;
		gaz_div[i].province = idiv[i].province;
		gaz_div[i].city = idiv[i].city;
	}
	for (size_t i = 0; i < h.nent; i++) {
		if (ient[i].word >= h.names_len ||
		    ient[i].len > h.names_len - ient[i].word)
			goto out;
		lex->e[i].word = names + ient[i].word;
		lex->e[i].len = ient[i].len;
		lex->e[i].val = ient[i].val;
	}
	lex->n = h.nent;
	lex->mask = h.nslots - 1;
	gaz.div = gaz_div;
	gaz.ndiv = h.ndiv;
	gaz.names = lex;
	gaz_failed = 0;
out:
	if (gaz_failed) {
		free(gaz_div);
		free(lex->e);
		gaz_div = NULL;
		lex->e = NULL;
	}
}

kb_status_t
gazetteer_get(const gazetteer_t **out, kb_error_t *err)
{
	pthread_once(&gaz_once, gaz_init);
	*out = &gaz;
	if (gaz_failed)
		return kb_fail(err, KB_ERR_NOMEM,
			       "cannot load the gazetteer of regions");
	return KB_OK;
}

#endif /* !KB_MKIMAGE */
