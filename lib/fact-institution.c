/* fact-institution.c - the hospitals and agencies a passage names.
 *
 * Facts: type "institution", label "hospital" or "agency", value the name
 * as written (景德镇第二人民医院 stays as it is), attrs in this order:
 * "grade" (三甲, 三乙, 二甲, 二乙, 三级, 二级, 一级; 三级甲等 is 三甲) when
 * the same clause states it, "department" (眼科, 乳腺外科, 神经内科 …) when
 * the same sentence names one.  One fact per name and passage.
 *
 * A hospital is a run of text ending in 医院, 保健院, 卫生院, 门诊部, 诊所,
 * 分院 or 卫生服务中心, taken backwards from that ending over Han
 * characters and place names (whole, from the gazetteer) until a character
 * or word that cannot be part of a name (的, 在, 和, 包括, 选择, 推荐, 什么
 * …, hosp_stop below), at most HOSP_MAX_CHARS characters: 推荐选择景德镇市
 * 第一人民医院 gives 景德镇市第一人民医院.  A 分院 may follow the name of
 * the main hospital (江西省中医院景德镇分院).  Generic words at the front
 * (公立, 三甲, 综合性, 定点, 省级 …) are dropped, and a grade among them is
 * kept.  What remains must name a place or hold at least two characters
 * that are not generic (爱尔眼科医院): 定点医院, 三甲医院, 省级医院,
 * 联网定点医院 and the 中医院 of 中医院特色疗法 are not institutions.
 *
 * An agency is one of a list of names (医保经办机构, 社会保险经办机构,
 * 医保局, 社保局, 人社局, 医保服务中心 …), with the places and 国家/省/市/
 * 县/乡镇 written right before it (淮北市医保局, 国家医保局).
 *
 * Grade: a grade word in the generic words before the name (公立三级甲等
 * X医院), or a grade phrase that refers to the hospital.  A grade phrase is
 * a generic hospital with a grade (三甲医院, 三级甲等综合医院, 三甲妇儿专科
 * 医院) or a grade of 甲/乙 alone (三甲, 三级甲等) followed by the end of a
 * clause.  It refers to
 *  - the hospital named right after it, past spaces or a colon, and the
 *    ones listed with that one (a heading: 三甲医院 景德镇第二人民医院);
 *  - when it is said of something (inst_resolve: after 是, 为, 属于,
 *    被评为, 等 …, over nothing but references, adverbs, places and words
 *    such as 公立 or 唯一一家; or a phrase standing as a whole clause,
 *    "综合实力 :三甲综合医院,"; or a grade in parentheses right after the
 *    name): the nearest institution named before it in the same sentence,
 *    with the hospitals listed with it when 均, 都, 这些医院 … say it is
 *    plural (A、B都是三甲医院); with no institution before it in the
 *    sentence, the hospitals of the previous sentence when the sentence
 *    refers to several (这些医院…均被评为三甲医院), the last hospital named
 *    when it refers to one (该院为公立三甲).
 * A phrase used otherwise (重点关注三甲综合医院, 拥有多位三甲专家) refers to
 * nothing; a grade never reaches across another institution's name nor
 * forward into another sentence.  Department: the first department word
 * after the name in the same clause (景德镇市第一人民医院眼科), or one
 * labelled "科室:" later in the same sentence, before the next institution.
 * Both come from the first mention of the name that states them.
 *
 * A name right after 作为 and followed by ",该院" (作为景德镇市皮肤病专科医院,
 * 该院…) says what an institution named before is, and is not another one.
 */
#include <config.h>

#include "fact-extract.h"
#include "gazetteer.h"
#include "normalize.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define HOSP_MAX_CHARS 24
#define INST_MAX 64
#define INST_AFTER_BYTES 240
/* How far back a grade phrase looks for its sentence, its hospital and the
 * sentence before, and for the start of its clause, in bytes. */
#define GRADE_REF_BYTES 600
#define GRADE_CLAUSE_BYTES 90

enum {
	W_SUFFIX = 1,     /* ends a hospital name */
	W_BRANCH,         /* ends a branch: may follow a hospital's name */
	W_AGENCY,
	W_GENERIC,        /* a word that does not make a name */
	W_GRADE,          /* generic, and a grade: the value is the index */
	W_DEPT,           /* a department */
	W_STOP,           /* cannot be inside a name */
	W_AGENCY_PREFIX,  /* may come before an agency's name */
	W_PRED,           /* may come before a grade said of a hospital */
};

#define WV(kind, ix) ((uint32_t)(kind) << 16 | (uint32_t)(ix))
#define WV_KIND(v) ((v) >> 16)
#define WV_IX(v) ((v) & 0xFFFF)

static const char *const hosp_suffix[] = {
	"医院", "保健院", "卫生院", "门诊部", "诊所", "卫生服务中心",
	"卫生服务站",
};

static const char *const agency[] = {
	"医保经办机构", "社会保险经办机构", "社保经办机构", "医疗保险经办机构",
	"医疗保障经办机构", "医保局", "医疗保障局", "社保局", "社会保险局",
	"人社局", "人力资源和社会保障局", "人力资源社会保障局", "劳动保障局",
	"医保服务中心", "医疗保障服务中心", "医保中心", "社保中心",
	"社会保险服务中心", "社会保险事业管理中心", "社会保险事业管理局",
	"社会保险基金管理中心", "医疗保险事业管理局", "医疗保险管理中心",
	"社保所", "社保机构", "社会保险机构", "社保经办窗口", "卫健委",
	"卫生健康委员会", "卫生健康委", "民政局", "税务局", "医保部门",
	"社保部门", "社保站",
};

static const char *const agency_prefix[] = {
	"国家", "省", "市", "县", "区", "乡镇", "乡", "镇", "街道", "自治区",
};

/* Grade words; grade_norm[i] is what grade[i] is reported as. */
static const char *const grade[] = {
	"三级甲等", "三级乙等", "二级甲等", "二级乙等", "三甲", "三乙", "二甲",
	"二乙", "三级", "二级", "一级",
};
static const char *const grade_norm[] = {
	"三甲", "三乙", "二甲", "二乙", "三甲", "三乙", "二甲", "二乙", "三级",
	"二级", "一级",
};

static const char *const generic[] = {
	"定点", "联网", "甲等", "乙等", "省级", "市级", "县级", "区级", "国家级",
	"省", "市", "县", "区", "乡", "镇", "村", "乡镇", "社区", "公立", "私立",
	"民营", "专科", "综合", "综合性", "大型", "正规", "知名", "大", "小",
	"好", "非", "外", "省外", "省内", "市内", "外省", "外地", "本地", "当地",
	"异地", "跨省", "上级", "基层", "附属", "人民", "中心", "中医", "西医",
	"中西医结合", "中医药", "妇幼", "妇产", "妇女", "儿童", "妇女儿童",
	"肿瘤", "眼科", "口腔", "精神", "精神病", "传染病", "皮肤病", "骨科",
	"胸科", "心血管", "康复", "整形", "美容", "男科", "妇科", "医科", "专业",
	"特色", "优质", "转诊", "指定", "医保", "合作", "签约", "协议", "部队",
	"军队", "总", "医学院", "大学", "医科大学", "分", "第一", "第二", "第三",
	"第四", "第五", "第六", "第七", "第八", "第九", "第十", "营利性",
	"非营利性", "私人", "民办", "公办", "医疗", "医学", "门诊", "住院",
	"普通", "各级", "各类", "其他", "相关", "主要", "周边", "附近", "家",
	"新", "老", "本", "该", "此", "妇儿", "最佳", "最好", "较好", "优秀",
	"推荐", "权威", "靠谱",
};

static const char *const dept[] = {
	"内科", "外科", "眼科", "儿科", "妇科", "产科", "妇产科", "骨科",
	"皮肤科", "口腔科", "耳鼻喉科", "耳鼻咽喉科", "神经内科", "神经外科",
	"心内科", "心血管内科", "消化内科", "呼吸内科", "肾内科", "内分泌科",
	"血液科", "肿瘤科", "乳腺外科", "乳腺科", "甲状腺外科", "普外科",
	"普通外科", "胸外科", "心胸外科", "泌尿外科", "肝胆外科", "手外科",
	"烧伤科", "康复科", "中医科", "针灸科", "急诊科", "精神科", "心理科",
	"感染科", "风湿免疫科", "麻醉科", "放射科", "检验科", "超声科",
	"病理科", "营养科", "疼痛科", "男科", "生殖医学科", "整形外科",
	"血管外科", "老年科", "全科", "新生儿科", "小儿外科", "肛肠科",
	"皮肤性病科", "脊柱外科", "关节外科", "创伤骨科", "肝胆胰外科",
	"胃肠外科", "血液内科", "肿瘤内科", "感染性疾病科", "耳鼻喉",
};

/* Characters and words a hospital's name does not go back over. */
static const char *const hosp_stop[] = {
	"的", "在", "到", "是", "与", "及", "或", "和", "选", "荐", "括", "如",
	"因",
	"去", "往", "由", "向", "于", "为", "从", "位", "该", "这", "那", "各",
	"其", "至", "被", "将", "把", "对", "给", "有", "即", "还", "也", "都",
	"均", "可", "请", "找", "看", "了", "个", "些", "前", "后", "比", "就",
	"能", "需", "要", "等", "以", "让", "来", "自", "并", "且", "但", "而",
	"又", "则", "家", "间", "所", "院", "治疗", "什么", "哪家", "哪个",
	"哪些", "一家", "包含", "就诊", "就医", "住院", "建议", "通过", "其中",
	"其他", "例如", "比如", "或者", "以及", "还是", "前往", "选择", "推荐",
	"包括", "位于", "当地", "附近", "周边", "外地", "本地", "异地", "地址",
	"医生", "专家", "患者", "病人", "关注", "重点", "选", "最",
};

/* What may stand between a hospital (or the start of a clause) and a grade
 * said of it; pred_flags[i] says what pred[i] does. */
enum {
	P_COPULA = 1, /* says what the subject is: 是, 为, 被评为, 等 */
	P_PLURAL = 2, /* of several: 均, 都, 这些医院 */
	P_SINGLE = 4, /* of the one named last: 该院, 本院, 其 */
	P_REF = 8,    /* a reference that may open the sentence */
};

static const char *const pred[] = {
	"是", "为", "系", "属于", "属", "乃", "作为", "被评为", "评为", "获评",
	"被评定为", "评定为", "被确定为", "确定为", "晋升为", "升级为", "成为",
	"现为", "等", "均为", "都是", "皆为", "同为", "均是", "均系",
	"这些医院", "这几家医院", "这两家医院", "这三家医院", "这几所医院",
	"这两所医院", "这三所医院", "两家医院", "三家医院", "上述医院",
	"以上医院", "这些", "这几家", "这两家", "这三家", "上述", "以上",
	"两家", "三家", "它们", "两者", "二者", "均", "都", "皆",
	"该院", "本院", "该医院", "这家医院", "这所医院", "此院", "其", "它",
	"也", "亦", "同样", "并且", "并", "且", "而且", "同时", "目前", "现",
	"已", "已经", "早已", "被", "一家", "一所", "一座", "唯一一家",
	"唯一一所", "唯一的", "唯一", "首批", "首家", "公立", "公办", "国家",
	"国家级", "省级", "市级", "省属", "市属", "综合性", "综合", "大型",
	"现代化", "非营利性", "全市", "全省", "全国", "区域", "知名", "著名",
};
#define PRED_PLURAL_REF (P_PLURAL | P_REF)
#define PRED_SINGLE_REF (P_SINGLE | P_REF)
static const unsigned char pred_flags[] = {
	P_COPULA, P_COPULA, P_COPULA, P_COPULA, P_COPULA, P_COPULA, P_COPULA,
	P_COPULA, P_COPULA, P_COPULA,
	P_COPULA, P_COPULA, P_COPULA, P_COPULA, P_COPULA, P_COPULA, P_COPULA,
	P_COPULA, P_COPULA, P_COPULA | P_PLURAL, P_COPULA | P_PLURAL,
	P_COPULA | P_PLURAL, P_COPULA | P_PLURAL, P_COPULA | P_PLURAL,
	P_COPULA | P_PLURAL,
	PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF,
	PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF,
	PRED_PLURAL_REF, PRED_PLURAL_REF,
	PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF,
	PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF,
	PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF, PRED_PLURAL_REF,
	PRED_PLURAL_REF, P_PLURAL, P_PLURAL, P_PLURAL,
	PRED_SINGLE_REF, PRED_SINGLE_REF, PRED_SINGLE_REF, PRED_SINGLE_REF,
	PRED_SINGLE_REF, PRED_SINGLE_REF, PRED_SINGLE_REF, PRED_SINGLE_REF,
};

static gaz_lex_t *inst_lex;
static pthread_once_t inst_once = PTHREAD_ONCE_INIT;

static size_t
inst_add(gaz_lex_entry_t *e, size_t n, const char *const *words,
	 size_t nwords, int kind)
{
	for (size_t i = 0; i < nwords; i++) {
		e[n].word = words[i];
		e[n].len = (uint32_t)strlen(words[i]);
		e[n].val = WV(kind, i);
		n++;
	}
	return n;
}

static void
inst_init(void)
{
	static const char *const branch[] = { "分院" };
	gaz_lex_entry_t e[768];
	size_t n = 0;

	n = inst_add(e, n, hosp_suffix, KB_ARRAY_SIZE(hosp_suffix), W_SUFFIX);
	n = inst_add(e, n, branch, KB_ARRAY_SIZE(branch), W_BRANCH);
	n = inst_add(e, n, agency, KB_ARRAY_SIZE(agency), W_AGENCY);
	n = inst_add(e, n, generic, KB_ARRAY_SIZE(generic), W_GENERIC);
	n = inst_add(e, n, grade, KB_ARRAY_SIZE(grade), W_GRADE);
	n = inst_add(e, n, dept, KB_ARRAY_SIZE(dept), W_DEPT);
	n = inst_add(e, n, hosp_stop, KB_ARRAY_SIZE(hosp_stop), W_STOP);
	n = inst_add(e, n, agency_prefix, KB_ARRAY_SIZE(agency_prefix),
		     W_AGENCY_PREFIX);
	n = inst_add(e, n, pred, KB_ARRAY_SIZE(pred), W_PRED);
	inst_lex = gaz_lex_build(e, n);
}

/* The entry of @kind among the words at @pos that are exactly @len bytes
 * long (0 for any length), or NULL; *@mlen gets the length matched. */
static const gaz_lex_entry_t *
inst_word(const fact_text_t *t, size_t pos, size_t len, int kind,
	  size_t *mlen)
{
	gaz_lex_hit_t hits[8];
	size_t nh = gaz_lex_match(inst_lex, t->norm + pos, t->norm_len - pos,
				  hits, 8);

	for (size_t i = 0; i < nh; i++) {
		if (len && hits[i].len != len)
			continue;
		for (size_t k = 0; k < hits[i].n; k++)
			if ((int)WV_KIND(hits[i].e[k].val) == kind) {
				if (mlen)
					*mlen = hits[i].len;
				return &hits[i].e[k];
			}
	}
	return NULL;
}

static size_t
inst_prev_char(const char *s, size_t pos)
{
	size_t k = pos;

	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	return k > 0 ? k - 1 : 0;
}

/* The start of a place name (a gazetteer name, any strength) that ends at
 * @end, the longest, or @end. */
static size_t
inst_place_before(const fact_text_t *t, const gazetteer_t *g, size_t end,
		  size_t limit)
{
	size_t best = end, p = end;

	for (int n = 0; n < 12 && p > limit; n++) {
		gaz_lex_hit_t hits[8];
		size_t nh;

		p = inst_prev_char(t->norm, p);
		nh = gaz_lex_match(g->names, t->norm + p, end - p, hits, 8);
		for (size_t i = 0; i < nh; i++)
			if (hits[i].len == end - p)
				best = p;
	}
	return best;
}

/* A stop word or character ending at @end. */
static int
inst_stop_before(const fact_text_t *t, size_t end, size_t limit)
{
	size_t p = end;

	for (int n = 0; n < 2 && p > limit; n++) {
		p = inst_prev_char(t->norm, p);
		if (inst_word(t, p, end - p, W_STOP, NULL))
			return 1;
	}
	return 0;
}

struct inst {
	size_t ns, ne;    /* the name, normalized bytes */
	int agency;
	int grade;        /* index in grade[], or -1 */
};

/* A grade phrase: 三甲医院, 三甲综合医院, 三级甲等 alone. */
struct grade_ref {
	size_t gs, ge;    /* the phrase, generic words before the grade too */
	int grade;        /* index in grade[] */
	int phrase;       /* 1: a generic hospital; 0: the grade alone */
};

/* Where the name of a hospital whose ending starts at @s begins; 0 when it
 * is generic.  *@grade_ix gets a grade found among the generic words,
 * *@from where the name would start with its generic words. */
static int
inst_hospital_start(const fact_text_t *t, const gazetteer_t *g, size_t s,
		    size_t limit, int branch, size_t *start, int *grade_ix,
		    size_t *from)
{
	size_t left = s, p;
	int chars = 0, proper = 0, crossed_hospital = 0;

	while (left > limit && chars < HOSP_MAX_CHARS) {
		size_t place = inst_place_before(t, g, left, limit);
		int32_t cp;

		if (place < left) {
			chars += (int)norm_strlen(t->norm + place, left - place);
			left = place;
			continue;
		}
		p = inst_prev_char(t->norm, left);
		norm_decode(t->norm + p, left - p, &cp);
		if (!norm_is_han(cp))
			break;
		/* 三级甲等 ends in a stop character */
		if (p >= 9 && inst_word(t, p - 9, left - p + 9, W_GRADE, NULL)) {
			left = p - 9;
			chars += 4;
			continue;
		}
		/* a branch's name goes back over its hospital's 医院 once */
		if (branch && !crossed_hospital && left - p == 3 &&
		    memcmp(t->norm + p, "院", 3) == 0 && p >= 3 &&
		    memcmp(t->norm + p - 3, "医", 3) == 0) {
			crossed_hospital = 1;
			left = p - 3;
			chars += 2;
			continue;
		}
		if (inst_stop_before(t, left, limit) &&
		    !(cp == 0x548C && p >= 3 &&        /* 协和 */
		      memcmp(t->norm + p - 3, "协", 3) == 0))
			break;
		left = p;
		chars++;
	}
	/* drop the generic words at the front, keeping a grade */
	*grade_ix = -1;
	*from = left;
	while (left < s) {
		const gaz_lex_entry_t *w;
		size_t mlen = 0;
		gaz_lex_hit_t h;

		if (gaz_lex_match(g->names, t->norm + left, s - left, &h, 1))
			break;
		if ((w = inst_word(t, left, 0, W_GRADE, &mlen))) {
			*grade_ix = (int)WV_IX(w->val);
		} else if (!(w = inst_word(t, left, 0, W_GENERIC, &mlen)) ||
			   left + mlen > s) {
			break;
		}
		left += mlen;
	}
	*start = left;
	if (left >= s)
		return 0;
	/* a place, or two characters that are not generic words, and no
	 * grade: 景德镇三甲医院 and 重点关注三甲综合医院 are generic mentions */
	for (p = left; p < s;) {
		const gaz_lex_entry_t *w;
		gaz_lex_hit_t h;
		size_t mlen = 0;
		int32_t cp;

		if (gaz_lex_match(g->names, t->norm + p, s - p, &h, 1) &&
		    p + h.len <= s) {
			proper = 2;
			p += h.len;
			continue;
		}
		if (inst_word(t, p, 0, W_GRADE, &mlen) && p + mlen <= s)
			return 0;
		if ((w = inst_word(t, p, 0, W_GENERIC, &mlen)) &&
		    p + mlen <= s) {
			p += mlen;
			continue;
		}
		proper++;
		p += norm_decode(t->norm + p, s - p, &cp);
	}
	return proper >= 2 || branch;
}

/* The clause or sentence end after @pos, at most @max bytes on. */
static size_t
inst_bound(const fact_text_t *t, size_t pos, size_t max, int sentence)
{
	size_t i = pos, lim = pos + max < t->norm_len ? pos + max : t->norm_len;

	while (i < lim) {
		int32_t cp;
		size_t step = norm_decode(t->norm + i, t->norm_len - i, &cp);

		if (cp == 0x3002 || cp == ';' || cp == '!' || cp == '?' ||
		    cp == '\n' || cp == '.')
			return i;
		if (!sentence && (cp == ',' || cp == 0x3001))
			return i;
		i += step;
	}
	return lim;
}

static const gaz_lex_entry_t *
inst_find(const fact_text_t *t, size_t from, size_t to, int kind,
	  size_t *at)
{
	for (size_t i = from; i < to;) {
		int32_t cp;
		size_t step = norm_decode(t->norm + i, t->norm_len - i, &cp);
		const gaz_lex_entry_t *w;
		size_t mlen = 0;

		if (norm_is_han(cp) && (w = inst_word(t, i, 0, kind, &mlen)) &&
		    i + mlen <= to) {
			if (at)
				*at = i;
			return w;
		}
		i += step;
	}
	return NULL;
}

/* A department given as "科室: 神经内科" in [@from, @to). */
static const gaz_lex_entry_t *
inst_labelled_dept(const fact_text_t *t, size_t from, size_t to)
{
	const char *p = t->norm + from, *end = t->norm + to;

	while ((p = memmem(p, (size_t)(end - p), "科室", 6))) {
		const gaz_lex_entry_t *w;
		size_t q = (size_t)(p - t->norm) + 6, mlen;

		while (q < to && (t->norm[q] == ' ' || t->norm[q] == ':'))
			q++;
		if (q > (size_t)(p - t->norm) + 6 && q < to &&
		    t->norm[q - 1] == ':' &&
		    (w = inst_word(t, q, 0, W_DEPT, &mlen)) && q + mlen <= to)
			return w;
		p += 6;
	}
	return NULL;
}

/* 1 if institutions @a and @b have the same name. */
static int
inst_same(const fact_text_t *t, const struct inst *a, const struct inst *b)
{
	return a->ne - a->ns == b->ne - b->ns &&
	       memcmp(t->norm + a->ns, t->norm + b->ns, a->ne - a->ns) == 0;
}

/* ---- grades said of a hospital ---- */

static unsigned
pred_flag(size_t ix)
{
	return ix < KB_ARRAY_SIZE(pred_flags) ? pred_flags[ix] : 0;
}

/* 1 when @cp at @p ends a sentence (a '.' before a digit is a decimal
 * point; after a list number it ends the number, as a heading would). */
static int
inst_sentence_end(const fact_text_t *t, size_t p, int32_t cp)
{
	if (cp == '.')
		return !(p + 1 < t->norm_len && t->norm[p + 1] >= '0' &&
			 t->norm[p + 1] <= '9');
	return cp == 0x3002 || cp == ';' || cp == '!' || cp == '?' ||
	       cp == '\n';
}

/* The start of the sentence holding @pos, at most @max bytes back; *@found
 * is 1 when a sentence end stands before it, 0 when the passage or the
 * window starts there. */
static size_t
inst_sentence_start(const fact_text_t *t, size_t pos, size_t max, int *found)
{
	size_t p = pos, lim = pos > max ? pos - max : 0;

	*found = 0;
	while (p > lim) {
		size_t q = inst_prev_char(t->norm, p);
		int32_t cp;

		norm_decode(t->norm + q, p - q, &cp);
		if (inst_sentence_end(t, q, cp)) {
			*found = 1;
			return p;
		}
		p = q;
	}
	return p;
}

/* The start of the clause holding @pos, not before @s0 (the sentence's),
 * at most GRADE_CLAUSE_BYTES back, or SIZE_MAX; *@delim gets the character
 * that opens it (0 at the sentence's start). */
static size_t
inst_clause_start(const fact_text_t *t, size_t pos, size_t s0, int32_t *delim)
{
	size_t p = pos;

	*delim = 0;
	while (p > s0) {
		size_t q = inst_prev_char(t->norm, p);
		int32_t cp;

		if (pos - q > GRADE_CLAUSE_BYTES)
			return SIZE_MAX;
		norm_decode(t->norm + q, p - q, &cp);
		if (cp == ',' || cp == 0x3001 || cp == ':' || cp == '(' ||
		    cp == ')') {
			*delim = cp;
			return p;
		}
		p = q;
	}
	return pos - p > GRADE_CLAUSE_BYTES ? SIZE_MAX : p;
}

/* Read [@from, @to) as words that may stand before a grade said of a
 * hospital (pred[], places, spaces): their P_ flags, or -1 when anything
 * else is there.  *@words gets how many words were read. */
static int
inst_pred_words(const fact_text_t *t, const gazetteer_t *g, size_t from,
		size_t to, int *words)
{
	unsigned flags = 0;

	*words = 0;
	while (from < to) {
		gaz_lex_hit_t hits[8];
		size_t nh, best = 0;
		unsigned f = 0;

		if (t->norm[from] == ' ') {
			from++;
			continue;
		}
		nh = gaz_lex_match(inst_lex, t->norm + from, to - from, hits,
				   8);
		for (size_t h = 0; h < nh && !best; h++)
			for (size_t k = 0; k < hits[h].n; k++)
				if (WV_KIND(hits[h].e[k].val) == W_PRED) {
					best = hits[h].len;
					f = pred_flag(WV_IX(hits[h].e[k].val));
					break;
				}
		if (gaz_lex_match(g->names, t->norm + from, to - from, hits,
				  1) && hits[0].len > best) {
			best = hits[0].len;
			f = 0;
		}
		if (!best)
			return -1;
		flags |= f;
		from += best;
		(*words)++;
	}
	return (int)flags;
}

/* The P_ flags of a reference opening the sentence at @s0 (这些医院,
 * 该院), past spaces and a list number. */
static unsigned
inst_sentence_ref(const fact_text_t *t, size_t s0, size_t end)
{
	gaz_lex_hit_t hits[8];
	size_t nh;

	while (s0 < end && (t->norm[s0] == ' ' || t->norm[s0] == '.' ||
			    t->norm[s0] == ')' ||
			    (t->norm[s0] >= '0' && t->norm[s0] <= '9')))
		s0++;
	nh = gaz_lex_match(inst_lex, t->norm + s0, end - s0, hits, 8);
	for (size_t h = 0; h < nh; h++)
		for (size_t k = 0; k < hits[h].n; k++) {
			unsigned f;

			if (WV_KIND(hits[h].e[k].val) != W_PRED)
				continue;
			f = pred_flag(WV_IX(hits[h].e[k].val));
			if (f & P_REF)
				return f;
		}
	return 0;
}

/* The end of a field at @p: a grade phrase standing alone there is the
 * whole clause ("综合实力 :三甲综合医院,"). */
static int
inst_field_end(const fact_text_t *t, size_t p)
{
	int32_t cp;

	if (p >= t->norm_len)
		return 1;
	norm_decode(t->norm + p, t->norm_len - p, &cp);
	return cp == ' ' || cp == ',' || cp == '(' || cp == ')' ||
	       inst_sentence_end(t, p, cp);
}

/* 1 when only list words stand in [@from, @to): A、B和C. */
static int
inst_listed(const fact_text_t *t, size_t from, size_t to)
{
	static const char *const words[] = {
		"、", "和", "及", "与", "以及", "或", "还有", " ",
	};

	if (from > to)
		return 0;
	while (from < to) {
		size_t l = 0;

		for (size_t k = 0; k < KB_ARRAY_SIZE(words) && !l; k++) {
			size_t wl = strlen(words[k]);

			if (to - from >= wl &&
			    !memcmp(t->norm + from, words[k], wl))
				l = wl;
		}
		if (!l)
			return 0;
		from += l;
	}
	return 1;
}

static void
inst_set_grade(struct inst *x, int gi)
{
	if (!x->agency && x->grade < 0)
		x->grade = gi;
}

/* H是一所集医疗、教学、科研于一体的三级甲等综合医院: the grade phrase at
 * @gs is the head of what the hospital ending at @ne is said to be, after
 * a copula, in the same sentence, with nothing but 、 between clauses. */
static int
inst_is_a(const fact_text_t *t, size_t ne, size_t gs)
{
	static const char *const copulas[] = { "是", "为", "系", "属于" };
	size_t p = ne, l = 0;

	while (p < gs && t->norm[p] == ' ')
		p++;
	for (size_t k = 0; k < KB_ARRAY_SIZE(copulas) && !l; k++)
		if (gs - p >= strlen(copulas[k]) &&
		    !memcmp(t->norm + p, copulas[k], strlen(copulas[k])))
			l = strlen(copulas[k]);
	if (!l || gs - ne > 2 * GRADE_CLAUSE_BYTES || gs - p < l + 3 ||
	    memcmp(t->norm + gs - 3, "的", 3))
		return 0;
	for (p += l; p < gs;) {
		int32_t cp;
		size_t step = norm_decode(t->norm + p, gs - p, &cp);

		if (cp == ',' || cp == ':' || cp == '(' || cp == ')' ||
		    inst_sentence_end(t, p, cp))
			return 0;
		p += step ? step : 1;
	}
	return 1;
}

/* Give the grade of @m, said of something (see inst_resolve), to the
 * institution @h named before it in the sentence starting at @s0 (SIZE_MAX:
 * none) or to the ones the sentence refers to.  Returns 0 when it refers
 * to none. */
static int
inst_resolve_back(const fact_text_t *t, struct inst *v, size_t nv,
		  const struct grade_ref *m, size_t h, size_t s0, int found,
		  unsigned flags)
{
	size_t k;

	if (h != SIZE_MAX) {
		inst_set_grade(&v[h], m->grade);
		/* A、B都是三甲医院 */
		for (k = h; !v[h].agency && (flags & P_PLURAL) && k > 0 &&
			    inst_listed(t, v[k - 1].ne, v[k].ns); k--)
			inst_set_grade(&v[k - 1], m->grade);
		return 1;
	}
	flags |= inst_sentence_ref(t, s0, m->gs);
	if ((flags & P_PLURAL) && found) {
		/* 这些医院…均被评为三甲医院: those of the sentence before */
		size_t ps = inst_sentence_start(t, inst_prev_char(t->norm, s0),
						GRADE_REF_BYTES, &found);
		int any = 0;

		for (k = 0; k < nv; k++)
			if (v[k].ns >= ps && v[k].ne <= s0) {
				inst_set_grade(&v[k], m->grade);
				any = 1;
			}
		return any;
	}
	if (flags & P_SINGLE) {
		/* 该院为公立三甲: the last one named */
		for (k = 0; k < nv; k++)
			if (v[k].ne <= s0 && s0 - v[k].ne <= GRADE_REF_BYTES &&
			    (h == SIZE_MAX || v[k].ne > v[h].ne))
				h = k;
		if (h != SIZE_MAX)
			inst_set_grade(&v[h], m->grade);
		return h != SIZE_MAX;
	}
	return 0;
}

/* Give the grade phrase @m to the hospitals it refers to (see the top of
 * this file).  Every scan is bounded: the cost is the same for any passage
 * length. */
static void
inst_resolve(const fact_text_t *t, const gazetteer_t *g, struct inst *v,
	     size_t nv, const struct grade_ref *m)
{
	size_t s0, c0, p0, q, k, h = SIZE_MAX, next = SIZE_MAX;
	int found, words, flags;
	int32_t delim;
	enum { NOT, CLAUSE, FIELD, COPULA } said = NOT;

	s0 = inst_sentence_start(t, m->gs, GRADE_REF_BYTES, &found);
	for (k = 0; k < nv; k++)
		if (v[k].ne <= m->gs && v[k].ns >= s0 &&
		    (h == SIZE_MAX || v[k].ne > v[h].ne))
			h = k;
	/* the institution named right after it, past spaces or a colon */
	for (q = m->ge; q < t->norm_len && (t->norm[q] == ' ' ||
					    t->norm[q] == ':' ||
					    t->norm[q] == '\n'); q++)
		;
	for (k = 0; q > m->ge && k < nv && next == SIZE_MAX; k++)
		if (v[k].ns == q)
			next = k;

	c0 = inst_clause_start(t, m->gs, s0, &delim);
	p0 = c0;
	if (h != SIZE_MAX && m->gs - v[h].ne <= GRADE_CLAUSE_BYTES &&
	    (c0 == SIZE_MAX || v[h].ne >= c0))
		p0 = v[h].ne;
	flags = p0 == SIZE_MAX ? -1 : inst_pred_words(t, g, p0, m->gs, &words);
	if (flags >= 0) {
		if (flags & P_COPULA)
			said = COPULA;
		else if (!words && p0 == c0 && (delim == ':' || delim == '(') &&
			 inst_field_end(t, m->ge))
			said = FIELD;
		else if (!words && m->phrase && inst_field_end(t, m->ge))
			said = CLAUSE;
	} else if (h != SIZE_MAX && m->phrase && inst_is_a(t, v[h].ne, m->gs)) {
		said = COPULA;
		flags = 0;
	}
	if (said >= FIELD &&
	    inst_resolve_back(t, v, nv, m, h, s0, found, (unsigned)flags))
		return;
	/* a heading over a name: 三甲医院 景德镇第二人民医院 */
	if (next != SIZE_MAX) {
		inst_set_grade(&v[next], m->grade);
		for (k = next; !v[next].agency && k + 1 < nv &&
			       inst_listed(t, v[k].ne, v[k + 1].ns); k++)
			inst_set_grade(&v[k + 1], m->grade);
		return;
	}
	if (said == CLAUSE)
		inst_resolve_back(t, v, nv, m, h, s0, found, (unsigned)flags);
}

static kb_status_t
inst_emit(const fact_text_t *t, facts_t *out, const struct inst *v,
	  size_t nv, kb_error_t *err)
{
	char name[256];
	kb_status_t rc;

	for (size_t i = 0; i < nv; i++) {
		const gaz_lex_entry_t *d = NULL;
		size_t k, len = v[i].ne - v[i].ns;
		int g = -1;

		for (k = 0; k < i && !inst_same(t, &v[k], &v[i]); k++)
			;
		if (k < i || len >= sizeof name)
			continue;
		memcpy(name, t->norm + v[i].ns, len);
		name[len] = '\0';
		if ((rc = fact_emit(out, t, v[i].ns, v[i].ne, "institution",
				    v[i].agency ? "agency" : "hospital", name,
				    "", NAN, NAN, err)))
			return rc;
		if (v[i].agency)
			continue;
		/* the first grade and department stated with any mention */
		for (k = i; k < nv; k++) {
			size_t next = k + 1 < nv ? v[k + 1].ns : t->norm_len;
			size_t end;

			if (!inst_same(t, &v[k], &v[i]))
				continue;
			if (g < 0)
				g = v[k].grade;
			end = inst_bound(t, v[k].ne, INST_AFTER_BYTES, 0);
			if (!d)
				d = inst_find(t, v[k].ne,
					      end < next ? end : next, W_DEPT,
					      NULL);
			end = inst_bound(t, v[k].ne, INST_AFTER_BYTES, 1);
			if (!d)
				d = inst_labelled_dept(t, v[k].ne,
						       end < next ? end : next);
		}
		if (g >= 0 &&
		    (rc = facts_add_attr(out, "grade", grade_norm[g], err)))
			return rc;
		if (d && (rc = facts_add_attr(out, "department", d->word, err)))
			return rc;
	}
	return KB_OK;
}

/* A grade of 甲/乙 alone at @pos (该院为公立三甲,): its index, or -1. */
static int
inst_bare_grade(const fact_text_t *t, size_t pos, size_t *end)
{
	const gaz_lex_entry_t *w;
	size_t mlen = 0;

	w = inst_word(t, pos, 0, W_GRADE, &mlen);
	/* 三级, 二级 alone are levels of anything (三级预防) */
	if (!w || strstr(grade_norm[WV_IX(w->val)], "级"))
		return -1;
	if (!inst_field_end(t, pos + mlen) &&
	    !(pos + mlen < t->norm_len && t->norm[pos + mlen] == ':') &&
	    !(pos + mlen + 3 <= t->norm_len &&
	      !memcmp(t->norm + pos + mlen, "、", 3)))
		return -1;
	*end = pos + mlen;
	return (int)WV_IX(w->val);
}

/* 作为景德镇市皮肤病专科医院,该院…: the name at [@ns, @ne) says what the
 * hospital 该院 refers to is. */
static int
inst_description(const fact_text_t *t, size_t ns, size_t ne)
{
	static const char *const refs[] = {
		"该院", "本院", "该医院", "其", "它",
	};
	size_t p = ne;

	if (ns < 6 || memcmp(t->norm + ns - 6, "作为", 6))
		return 0;
	while (p < t->norm_len && t->norm[p] == ' ')
		p++;
	if (p >= t->norm_len || t->norm[p] != ',')
		return 0;
	for (p++; p < t->norm_len && t->norm[p] == ' '; p++)
		;
	for (size_t k = 0; k < KB_ARRAY_SIZE(refs); k++)
		if (t->norm_len - p >= strlen(refs[k]) &&
		    !memcmp(t->norm + p, refs[k], strlen(refs[k])))
			return 1;
	return 0;
}

kb_status_t
fact_institution_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	struct inst v[INST_MAX];
	struct grade_ref m[INST_MAX];
	const gazetteer_t *g;
	size_t nv = 0, nm = 0, i = 0, limit = 0;
	kb_status_t rc;
	int named_hospital = 0;

	if ((rc = gazetteer_get(&g, err)))
		return rc;
	pthread_once(&inst_once, inst_init);
	if (!inst_lex)
		return kb_fail(err, KB_ERR_NOMEM,
			       "cannot load the institution words");
	while (i < t->norm_len && nv < INST_MAX) {
		gaz_lex_hit_t hits[8];
		int32_t cp;
		size_t step = norm_decode(t->norm + i, t->norm_len - i, &cp);
		size_t nh = 0, h, k = 0;
		int kind = 0;

		if (norm_is_han(cp))
			nh = gaz_lex_match(inst_lex, t->norm + i,
					   t->norm_len - i, hits, 8);
		for (h = 0; h < nh && !kind; h++)
			for (k = 0; k < hits[h].n && !kind; k++) {
				int kk = (int)WV_KIND(hits[h].e[k].val);

				if (kk == W_SUFFIX || kk == W_BRANCH ||
				    kk == W_AGENCY)
					kind = kk;
			}
		if (!kind) {
			size_t ge;
			int gi;

			if (nh && nm < INST_MAX &&
			    (gi = inst_bare_grade(t, i, &ge)) >= 0) {
				m[nm++] = (struct grade_ref){ i, ge, gi, 0 };
				i = ge;
				continue;
			}
			i += step;
			continue;
		}
		h--;
		if (kind == W_AGENCY) {
			size_t start = i, mlen;

			for (;;) {
				size_t place = inst_place_before(t, g, start,
								 limit);
				size_t p = start, q;

				if (place < start) {
					start = place;
					continue;
				}
				/* 国家, 省, 乡镇 … right before */
				for (q = 0; q < 3 && p > limit; q++) {
					p = inst_prev_char(t->norm, p);
					if (inst_word(t, p, start - p,
						      W_AGENCY_PREFIX, &mlen))
						break;
				}
				if (q == 3 || p == start ||
				    !inst_word(t, p, start - p, W_AGENCY_PREFIX,
					       &mlen))
					break;
				start = p;
			}
			v[nv].ns = start;
			v[nv].ne = i + hits[h].len;
			v[nv].agency = 1;
			v[nv].grade = -1;
			nv++;
		} else {
			size_t start, from, e = i + hits[h].len;
			int gi, named;

			/* a branch may follow: let it take the whole name */
			if (kind == W_SUFFIX) {
				size_t q = e;

				for (int n = 0; n < 10 && q < t->norm_len; n++) {
					size_t ml;

					if (inst_word(t, q, 0, W_BRANCH, &ml))
						break;
					q += norm_decode(t->norm + q,
							 t->norm_len - q, &cp);
					if (!norm_is_han(cp) ||
					    inst_word(t, q, 0, W_STOP, &ml))
						break;
				}
				if (q < t->norm_len &&
				    inst_word(t, q, 0, W_BRANCH, NULL)) {
					i = e;
					continue;
				}
			}
			named = inst_hospital_start(t, g, i, limit,
						    kind == W_BRANCH, &start,
						    &gi, &from);
			if (named && named_hospital &&
			    inst_description(t, start, e)) {
				named = 0;
				gi = -1;
			}
			if (named) {
				v[nv].ns = start;
				v[nv].ne = e;
				v[nv].agency = 0;
				v[nv].grade = gi;
				nv++;
				limit = e;
				named_hospital = 1;
			} else if (nm < INST_MAX && from < i) {
				/* 三甲医院, 三级甲等综合医院: a grade phrase */
				const gaz_lex_entry_t *w;

				w = inst_find(t, from, i, W_GRADE, NULL);
				if (w)
					m[nm++] = (struct grade_ref){
						from, e, (int)WV_IX(w->val), 1
					};
			}
		}
		i += hits[h].len;
		if (nv && v[nv - 1].ne > limit)
			limit = v[nv - 1].ne;
	}
	for (size_t k = 0; k < nm; k++)
		inst_resolve(t, g, v, nv, &m[k]);
	return inst_emit(t, out, v, nv, err);
}
