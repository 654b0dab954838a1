/* fact-insurance.c - the insurance schemes a passage is about.
 *
 * Facts: type "insurance", label "", value the canonical name of the
 * scheme (职工医保, 城乡居民医保, 新农合, 生育保险, 养老保险,
 * 城乡居民基本养老保险, 大病保险 …), no attrs.  One fact per scheme and
 * passage, at its first mention.
 *
 * data/insurance.tsv maps every way of writing a scheme, full names and
 * abbreviations, to its canonical name; gazetteer-data.S links it in and
 * it is read on first use.  Text and names are compared folded to
 * Simplified (醫保 is 医保, see normalize.h).  The longest variant wins
 * at each position, so 城乡居民医保 is never read as 居民医保 and 农村医疗保险 is
 * 新农合, not 基本医疗保险.
 *
 * Two canonical names are umbrellas: 基本医疗保险 (医保, 医疗保险) and
 * 社会保险 (社保).  They are facts only when the passage names no specific
 * scheme (for 基本医疗保险: no medical scheme), and never when the word is
 * part of the name of an agency, a card or a service (医保局, 社保卡,
 * 医保经办机构, 医保服务平台): "insurance" says which scheme a passage is
 * about, and nearly every passage mentions 医保.
 */
#include <config.h>

#include "fact-extract.h"
#include "gazetteer.h"
#include "normalize.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern const char gaz_insurance_start[];

#define INS_MAX_SCHEMES 64
#define INS_NAME_MAX 64

static char ins_names[INS_MAX_SCHEMES][INS_NAME_MAX];
static size_t ins_n;
static gaz_lex_t *ins_lex;
static pthread_once_t ins_once = PTHREAD_ONCE_INIT;

static const char *const ins_umbrella_medical = "基本医疗保险";
static const char *const ins_umbrella_social = "社会保险";
static const char *const ins_medical[] = {
	"职工医保", "城乡居民医保", "新农合", "大病保险",
};

/* After an umbrella word, these make it the name of something else. */
static const char *const ins_not_scheme[] = {
	"局", "卡", "经办", "机构", "部门", "中心", "服务", "平台", "窗口",
	"所", "网点", "app",
};

static size_t
ins_canon(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ins_n; i++)
		if (strlen(ins_names[i]) == len &&
		    memcmp(ins_names[i], name, len) == 0)
			return i;
	if (ins_n == INS_MAX_SCHEMES || len >= INS_NAME_MAX)
		return (size_t)-1;
	memcpy(ins_names[ins_n], name, len);
	ins_names[ins_n][len] = '\0';
	return ins_n++;
}

static void
ins_init(void)
{
	gaz_lex_entry_t ent[512];
	size_t ne = 0, n;

	for (const char *p = gaz_insurance_start; *p; p += n + (p[n] == '\n')) {
		const char *tab;
		size_t c;

		n = strcspn(p, "\n");
		tab = memchr(p, '\t', n);
		if (!n || *p == '#' || !tab || tab + 1 == p + n ||
		    ne == KB_ARRAY_SIZE(ent))
			continue;
		c = ins_canon(p, (size_t)(tab - p));
		if (c == (size_t)-1)
			continue;
		ent[ne].word = tab + 1;
		ent[ne].len = (uint32_t)(p + n - tab - 1);
		ent[ne].val = (uint32_t)c;
		ne++;
	}
	ins_lex = gaz_lex_build(ent, ne);
}

static int
ins_is(size_t c, const char *name)
{
	return strcmp(ins_names[c], name) == 0;
}

const char *
fact_insurance_canonical(const char *name, size_t len)
{
	gaz_lex_hit_t hits[4];
	size_t n;

	pthread_once(&ins_once, ins_init);
	if (!ins_lex)
		return NULL;
	n = gaz_lex_match(ins_lex, name, len, hits, KB_ARRAY_SIZE(hits));
	for (size_t i = 0; i < n; i++)
		if (hits[i].len == len)
			return ins_names[hits[i].e->val];
	return NULL;
}

kb_status_t
fact_insurance_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	size_t first[INS_MAX_SCHEMES], last[INS_MAX_SCHEMES];
	size_t i = 0, nspecific = 0, nmedical = 0;
	kb_status_t rc;

	pthread_once(&ins_once, ins_init);
	if (!ins_lex)
		return kb_fail(err, KB_ERR_NOMEM,
			       "cannot load the insurance schemes");
	for (size_t c = 0; c < ins_n; c++)
		first[c] = (size_t)-1;
	while (i < t->norm_len) {
		gaz_lex_hit_t hit;
		int32_t cp;
		size_t step = norm_decode(t->norm + i, t->norm_len - i, &cp);
		size_t c, end;

		if (!norm_is_han(cp) ||
		    !gaz_lex_match(ins_lex, t->norm + i, t->norm_len - i, &hit,
				   1)) {
			i += step;
			continue;
		}
		c = hit.e[0].val;
		end = i + hit.len;
		if (ins_is(c, ins_umbrella_medical) ||
		    ins_is(c, ins_umbrella_social)) {
			size_t k;

			for (k = 0; k < KB_ARRAY_SIZE(ins_not_scheme); k++) {
				size_t m = strlen(ins_not_scheme[k]);

				if (m <= t->norm_len - end &&
				    memcmp(t->norm + end, ins_not_scheme[k],
					   m) == 0)
					break;
			}
			if (k < KB_ARRAY_SIZE(ins_not_scheme)) {
				i = end;
				continue;
			}
		} else if (first[c] == (size_t)-1) {
			nspecific++;
			for (size_t k = 0; k < KB_ARRAY_SIZE(ins_medical); k++)
				if (ins_is(c, ins_medical[k]))
					nmedical++;
		}
		if (first[c] == (size_t)-1) {
			first[c] = i;
			last[c] = end;
		}
		i = end;
	}
	/* in text order */
	for (;;) {
		size_t best = (size_t)-1;

		for (size_t c = 0; c < ins_n; c++)
			if (first[c] != (size_t)-1 &&
			    (best == (size_t)-1 || first[c] < first[best]))
				best = c;
		if (best == (size_t)-1)
			break;
		if (!(ins_is(best, ins_umbrella_social) && nspecific) &&
		    !(ins_is(best, ins_umbrella_medical) && nmedical) &&
		    (rc = fact_emit(out, t, first[best], last[best],
				    "insurance", "", ins_names[best], "", NAN,
				    NAN, err)))
			return rc;
		first[best] = (size_t)-1;
	}
	return KB_OK;
}
