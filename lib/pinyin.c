/* pinyin.c - see pinyin.h. */
#include <config.h>

#include "pinyin.h"
#include "normalize.h"
#include "schema.h"
#include "xc-status.h"
#include "../util/hash.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The blocks the table covers: Extension A and the Unified Ideographs. */
#define PY_CP_FIRST 0x3400
#define PY_CP_LAST 0x9FFF
#define PY_LEN_BITS 6

/* py_text and py_slot: data/pinyin/readings.tsv as constant tables, made
 * at build time by lib/pinyin-gen.awk, so that a process reads no text to
 * know a character's readings. */
#include "lib/pinyin-table.h"

const char *
py_readings(int32_t cp, size_t *len)
{
	uint32_t v;

	*len = 0;
	if (cp < PY_CP_FIRST || cp > PY_CP_LAST)
		return NULL;
	v = py_slot[cp - PY_CP_FIRST];
	if (!v)
		return NULL;
	*len = v & ((1u << PY_LEN_BITS) - 1);
	return py_text + (v >> PY_LEN_BITS);
}

/* Every syllable the table uses, in byte order. */
static const char *const py_syllables[] = {
	"a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei",
	"ben", "beng", "bi", "bian", "biao", "bie", "bin", "bing", "bo", "bu",
	"ca", "cai", "can", "cang", "cao", "ce", "cen", "ceng", "cha", "chai",
	"chan", "chang", "chao", "che", "chen", "cheng", "chi", "chong",
	"chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun",
	"chuo", "ci", "cong", "cou", "cu", "cuan", "cui", "cun", "cuo", "da",
	"dai", "dan", "dang", "dao", "de", "dei", "den", "deng", "di", "dia",
	"dian", "diao", "die", "ding", "diu", "dong", "dou", "du", "duan",
	"dui", "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang",
	"fei", "fen", "feng", "fiao", "fo", "fou", "fu", "ga", "gai", "gan",
	"gang", "gao", "ge", "gei", "gen", "geng", "gong", "gou", "gu", "gua",
	"guai", "guan", "guang", "gui", "gun", "guo", "ha", "hai", "han",
	"hang", "hao", "he", "hei", "hen", "heng", "hong", "hou", "hu", "hua",
	"huai", "huan", "huang", "hui", "hun", "huo", "ji", "jia", "jian",
	"jiang", "jiao", "jie", "jin", "jing", "jiong", "jiu", "ju", "juan",
	"jue", "jun", "ka", "kai", "kan", "kang", "kao", "ke", "kei", "ken",
	"keng", "kong", "kou", "ku", "kua", "kuai", "kuan", "kuang", "kui",
	"kun", "kuo", "la", "lai", "lan", "lang", "lao", "le", "lei", "leng",
	"li", "lia", "lian", "liang", "liao", "lie", "lin", "ling", "liu",
	"lo", "long", "lou", "lu", "luan", "lun", "luo", "lv", "lve", "ma",
	"mai", "man", "mang", "mao", "me", "mei", "men", "meng", "mi", "mian",
	"miao", "mie", "min", "ming", "miu", "mo", "mou", "mu", "na", "nai",
	"nan", "nang", "nao", "ne", "nei", "nen", "neng", "ni", "nian",
	"niang", "niao", "nie", "nin", "ning", "niu", "nong", "nou", "nu",
	"nuan", "nun", "nuo", "nv", "nve", "o", "ou", "pa", "pai", "pan",
	"pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie",
	"pin", "ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao",
	"qie", "qin", "qing", "qiong", "qiu", "qu", "quan", "que", "qun",
	"ran", "rang", "rao", "re", "ren", "reng", "ri", "rong", "rou", "ru",
	"rua", "ruan", "rui", "run", "ruo", "sa", "sai", "san", "sang", "sao",
	"se", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she",
	"shei", "shen", "sheng", "shi", "shou", "shu", "shua", "shuai",
	"shuan", "shuang", "shui", "shun", "shuo", "si", "song", "sou", "su",
	"suan", "sui", "sun", "suo", "ta", "tai", "tan", "tang", "tao", "te",
	"tei", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou",
	"tu", "tuan", "tui", "tun", "tuo", "wa", "wai", "wan", "wang", "wei",
	"wen", "weng", "wo", "wu", "xi", "xia", "xian", "xiang", "xiao", "xie",
	"xin", "xing", "xiong", "xiu", "xu", "xuan", "xue", "xun", "ya", "yan",
	"yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu",
	"yuan", "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei",
	"zen", "zeng", "zha", "zhai", "zhan", "zhang", "zhao", "zhe", "zhei",
	"zhen", "zheng", "zhi", "zhong", "zhou", "zhu", "zhua", "zhuai",
	"zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou", "zu",
	"zuan", "zui", "zun", "zuo",
};

#define PY_SYLLABLE_MAX 6

static int
py_cmp_syllable(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int
py_is_syllable(const char *s, size_t len)
{
	char key[PY_SYLLABLE_MAX + 1];

	if (len == 0 || len > PY_SYLLABLE_MAX)
		return 0;
	memcpy(key, s, len);
	key[len] = '\0';
	return bsearch(key, py_syllables, KB_ARRAY_SIZE(py_syllables),
		       sizeof py_syllables[0], py_cmp_syllable) != NULL;
}

/* rest[i]: the fewest syllables @s + i splits into, or 0 when it does
 * not split (rest[len] is 1 for the empty end, so counts are one more). */
static void
py_rest(const char *s, size_t len, unsigned char *rest)
{
	memset(rest, 0, len + 1);
	rest[len] = 1;
	for (size_t i = len; i-- > 0;)
		for (size_t l = 1; l <= PY_SYLLABLE_MAX && i + l <= len; l++)
			if (rest[i + l] && py_is_syllable(s + i, l) &&
			    (!rest[i] || rest[i + l] + 1 < rest[i]))
				rest[i] = (unsigned char)(rest[i + l] + 1);
}

int
py_cuts(const char *s, size_t len, unsigned char *cut)
{
	unsigned char rest[PY_MAX_LETTERS + 1], from[PY_MAX_LETTERS + 1];

	if (len == 0 || len > PY_MAX_LETTERS) {
		if (len <= PY_MAX_LETTERS)
			memset(cut, 0, len + 1);
		return 0;
	}
	py_rest(s, len, rest);
	memset(cut, 0, len + 1);
	if (!rest[0])
		return 0;
	/* a boundary both reachable from the start and leading to the end */
	memset(from, 0, len + 1);
	from[0] = 1;
	for (size_t i = 0; i < len; i++) {
		if (!from[i] || !rest[i])
			continue;
		cut[i] = 1;
		for (size_t l = 1; l <= PY_SYLLABLE_MAX && i + l <= len; l++)
			if (rest[i + l] && py_is_syllable(s + i, l))
				from[i + l] = 1;
	}
	cut[len] = 1;
	return 1;
}

size_t
py_split(const char *s, size_t len, size_t *ends, size_t max)
{
	unsigned char rest[PY_MAX_LETTERS + 1];
	size_t n = 0, i = 0;

	if (len == 0 || len > PY_MAX_LETTERS)
		return 0;
	py_rest(s, len, rest);
	if (!rest[0] || (size_t)(rest[0] - 1) > max)
		return 0;
	while (i < len) {
		/* the longest syllable that keeps the count minimal */
		for (size_t l = PY_SYLLABLE_MAX; l > 0; l--) {
			if (i + l > len || !rest[i + l] ||
			    rest[i + l] + 1 != rest[i] ||
			    !py_is_syllable(s + i, l))
				continue;
			i += l;
			ends[n++] = i;
			break;
		}
	}
	return n;
}

size_t
py_keys(const char *word, size_t len, int initials, kb_buf *out)
{
	const char *r[2 * PY_WORD_MAX][PY_MAX_READINGS];
	size_t rlen[2 * PY_WORD_MAX][PY_MAX_READINGS];
	unsigned nr[2 * PY_WORD_MAX], at[2 * PY_WORD_MAX];
	size_t nchars = 0, nkeys = 0, start = out->len;
	char key[2 * PY_WORD_MAX * PY_SYLLABLE_MAX + 1];

	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t rl;
		const char *p;

		i += norm_decode(word + i, len - i, &cp);
		if (nchars == KB_ARRAY_SIZE(nr) || !(p = py_readings(cp, &rl)))
			return 0;
		nr[nchars] = 0;
		for (size_t j = 0; j < rl && nr[nchars] < PY_MAX_READINGS;) {
			size_t k = j;

			while (k < rl && p[k] != ' ')
				k++;
			r[nchars][nr[nchars]] = p + j;
			rlen[nchars][nr[nchars]++] = k - j;
			j = k + 1;
		}
		at[nchars++] = 0;
	}
	if (nchars == 0)
		return 0;
	/* an odometer over the readings, the last character turning
	 * fastest, so the first key is the most common reading */
	for (unsigned tries = 0; tries < 64 * PY_MAX_KEYS; tries++) {
		size_t klen = 0, c;
		int seen = 0;

		for (c = 0; c < nchars; c++) {
			size_t l = initials ? 1 : rlen[c][at[c]];

			memcpy(key + klen, r[c][at[c]], l);
			klen += l;
		}
		for (size_t k = start; k < out->len; k += strlen(out->buf + k) + 1)
			if (strlen(out->buf + k) == klen &&
			    !memcmp(out->buf + k, key, klen)) {
				seen = 1;
				break;
			}
		if (!seen) {
			buf_add(out, key, klen);
			buf_addch(out, '\0');
			if (++nkeys == (initials ? PY_MAX_INITIALS_KEYS :
					PY_MAX_KEYS))
				break;
		}
		for (c = nchars; c-- > 0;) {
			if (++at[c] < nr[c])
				break;
			at[c] = 0;
		}
		if (c == (size_t)-1)
			break;
	}
	return nkeys;
}

/* ------------------------------------------------------------------ */
/* The vocabulary of an indexer run                                    */

typedef struct py_entry {
	uint32_t off; /* in words */
	uint32_t len;
} py_entry_t;

struct py_vocab {
	kb_buf words;      /* the words, back to back */
	py_entry_t *v;     /* in the order added */
	size_t n, cap, written;
	uint32_t *table;   /* open addressing: index in v + 1, 0 empty */
	size_t tsize;      /* a power of two */
	kb_buf keys, term; /* scratch for py_vocab_write */
};

kb_status_t
py_vocab_create(py_vocab_t **out, kb_error_t *err)
{
	py_vocab_t *v = calloc(1, sizeof *v);

	*out = NULL;
	if (!v)
		return kb_fail(err, KB_ERR_NOMEM, "out of memory");
	buf_init(&v->words, 0);
	buf_init(&v->keys, 0);
	buf_init(&v->term, 0);
	*out = v;
	return KB_OK;
}

void
py_vocab_destroy(py_vocab_t *v)
{
	if (!v)
		return;
	buf_release(&v->words);
	buf_release(&v->keys);
	buf_release(&v->term);
	free(v->v);
	free(v->table);
	free(v);
}

static int
py_vocab_grow(py_vocab_t *v)
{
	size_t tsize = v->tsize ? v->tsize * 2 : 4096;
	uint32_t *t = calloc(tsize, sizeof *t);

	if (!t)
		return ENOMEM;
	for (size_t i = 0; i < v->n; i++) {
		const py_entry_t *e = &v->v[i];
		size_t h = (size_t)hash_add(HASH_INIT, v->words.buf + e->off,
					    e->len) & (tsize - 1);

		while (t[h])
			h = (h + 1) & (tsize - 1);
		t[h] = (uint32_t)i + 1;
	}
	free(v->table);
	v->table = t;
	v->tsize = tsize;
	return 0;
}

int
py_vocab_add(py_vocab_t *v, const char *word, size_t len)
{
	size_t nchars, h;

	/* BMP Han characters are three bytes each */
	if (len < 3 * PY_WORD_MIN || len > 4 * PY_WORD_MAX)
		return 0;
	nchars = norm_strlen(word, len);
	if (nchars < PY_WORD_MIN || nchars > PY_WORD_MAX)
		return 0;
	if (2 * (v->n + 1) > v->tsize && py_vocab_grow(v))
		return ENOMEM;
	h = (size_t)hash_add(HASH_INIT, word, len) & (v->tsize - 1);
	for (; v->table[h]; h = (h + 1) & (v->tsize - 1)) {
		const py_entry_t *e = &v->v[v->table[h] - 1];

		if (e->len == len && !memcmp(v->words.buf + e->off, word, len))
			return 0;
	}
	if (v->n == v->cap) {
		size_t ncap = v->cap ? 2 * v->cap : 1024;
		py_entry_t *p = realloc(v->v, ncap * sizeof *p);

		if (!p)
			return ENOMEM;
		v->v = p;
		v->cap = ncap;
	}
	v->v[v->n].off = (uint32_t)v->words.len;
	v->v[v->n].len = (uint32_t)len;
	buf_add(&v->words, word, len);
	if (buf_failed(&v->words))
		return ENOMEM;
	v->table[h] = (uint32_t)++v->n;
	return 0;
}

kb_status_t
py_vocab_write(py_vocab_t *v, xc_db *db, kb_error_t *err)
{
	static const char *const prefix[2] = { KB_SYN_PINYIN, KB_SYN_INITIALS };
	xc_error xe;

	for (; v->written < v->n; v->written++) {
		const char *w = v->words.buf + v->v[v->written].off;
		size_t wlen = v->v[v->written].len;

		for (int initials = 0; initials < 2; initials++) {
			buf_reset(&v->keys);
			if (!py_keys(w, wlen, initials, &v->keys))
				continue;
			if (buf_failed(&v->keys))
				return kb_fail(err, KB_ERR_NOMEM, "out of memory");
			for (size_t k = 0; k < v->keys.len;
			     k += strlen(v->keys.buf + k) + 1) {
				buf_reset(&v->term);
				buf_addstr(&v->term, prefix[initials]);
				buf_addstr(&v->term, v->keys.buf + k);
				if (buf_failed(&v->term))
					return kb_fail(err, KB_ERR_NOMEM,
						       "out of memory");
				if (xc_db_add_synonym(db, v->term.buf,
						      v->term.len, w, wlen,
						      &xe))
					return kb_fail_xc(err, &xe,
							  "cannot write the vocabulary map");
			}
		}
	}
	return KB_OK;
}
