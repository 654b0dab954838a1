/* t-fact-entities.c - the entity extractors: regions, institutions,
 * insurance schemes, addresses and phone numbers.
 *
 * Each case runs a passage through facts_extract_text() and compares the
 * facts of the types it names, in order, written as
 * "type|label|value|key=value,key=value" and joined with "; ".  The
 * passages are the seed corpus's own sentences, the examples of the issue,
 * traps for false hits, full-width and Traditional text. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "facts.h"

typedef struct ecase {
	const char *types; /* space-separated fact types to compare */
	const char *text;
	const char *want;
} ecase_t;

#define R_HUAIBEI "region|city|淮北市|code=340600,province=安徽省,city=淮北市"
#define R_ANHUI "region|province|安徽省|code=340000,province=安徽省"
#define R_JDZ "region|city|景德镇市|code=360200,province=江西省,city=景德镇市"
#define R_JIANGXI "region|province|江西省|code=360000,province=江西省"

static const ecase_t cases[] = {
	/* regions: the issue's examples, in the corpus's sentences */
	{ "region", "南京参保人转出需在转入地办理,需确保转入地处于正常参保状态。",
	  "region|city|南京市|code=320100,province=江苏省,city=南京市" },
	{ "region", "部分城市(如呼和浩特)支持线下办理",
	  "region|city|呼和浩特市|code=150100,province=内蒙古自治区,"
	  "city=呼和浩特市" },
	{ "region", "2025年安徽淮北治疗乳房肿块什么医院好",
	  R_ANHUI "; " R_HUAIBEI },
	{ "region", "2025年江西景德镇治疗吞咽困难什么医院好",
	  R_JIANGXI "; " R_JDZ },
	{ "region", "江门市农村养老保险金每月多少",
	  "region|city|江门市|code=440700,province=广东省,city=江门市" },
	{ "region", "天水在甘肃排名第几",
	  "region|city|天水市|code=620500,province=甘肃省,city=天水市; "
	  "region|province|甘肃省|code=620000,province=甘肃省" },
	{ "region", "秦州区和麦积区为核心人口集聚区",
	  "region|county|秦州区|code=620502,province=甘肃省,city=天水市; "
	  "region|county|麦积区|code=620503,province=甘肃省,city=天水市" },
	{ "region", "例如辽宁、吉林、安徽、海南、四川",
	  "region|province|辽宁省|code=210000,province=辽宁省; "
	  "region|province|吉林省|code=220000,province=吉林省; " R_ANHUI "; "
	  "region|province|海南省|code=460000,province=海南省; "
	  "region|province|四川省|code=510000,province=四川省" },
	/* one fact per place, the longest name, the first mention */
	{ "region", "吉林省", "region|province|吉林省|code=220000,province=吉林省" },
	{ "region", "海南省", "region|province|海南省|code=460000,province=海南省" },
	{ "region", "吉林市", "region|city|吉林市|code=220200,province=吉林省,"
			      "city=吉林市" },
	{ "region", "淮北市人民医院是淮北市唯一一家综合性三甲医院", R_HUAIBEI },
	{ "region", "广西壮族自治区和内蒙古",
	  "region|province|广西壮族自治区|code=450000,province=广西壮族自治区; "
	  "region|province|内蒙古自治区|code=150000,province=内蒙古自治区" },
	{ "region", "恩施州和恩施土家族苗族自治州",
	  "region|city|恩施土家族苗族自治州|code=422800,province=湖北省,"
	  "city=恩施土家族苗族自治州" },
	/* false-hit traps */
	{ "region", "上海南京路步行街",
	  "region|province|上海市|code=310000,province=上海市" },
	{ "region", "中山大学附属第一医院", "" },
	{ "region", "和平与发展,长安汽车,白山黑水,开发区,新华社报道,朝阳产业", "" },
	{ "region", "最大连接数,IP包头部的选项,新建区域", "" },
	{ "region", "和县级医院,城区人口", "" },
	{ "region", "北京时间", "" },
	/* ambiguous names: context decides, else nothing */
	{ "region", "朝阳区", "" },
	{ "region", "北京朝阳区",
	  "region|province|北京市|code=110000,province=北京市; "
	  "region|county|朝阳区|code=110105,province=北京市" },
	{ "region", "长春市朝阳区",
	  "region|city|长春市|code=220100,province=吉林省,city=长春市; "
	  "region|county|朝阳区|code=220104,province=吉林省,city=长春市" },
	{ "region", "南京市鼓楼区和福州市鼓楼区",
	  "region|city|南京市|code=320100,province=江苏省,city=南京市; "
	  "region|county|鼓楼区|code=320106,province=江苏省,city=南京市; "
	  "region|city|福州市|code=350100,province=福建省,city=福州市; "
	  "region|county|鼓楼区|code=350102,province=福建省,city=福州市" },
	{ "region", "鼓楼区医院在南京",
	  "region|county|鼓楼区|code=320106,province=江苏省,city=南京市; "
	  "region|city|南京市|code=320100,province=江苏省,city=南京市" },
	{ "region", "浮梁的瓷器", "" },
	{ "region", "景德镇浮梁",
	  R_JDZ "; region|county|浮梁县|code=360222,province=江西省,"
		"city=景德镇市" },
	{ "region", "阳泉市城区",
	  "region|city|阳泉市|code=140300,province=山西省,city=阳泉市; "
	  "region|county|城区|code=140302,province=山西省,city=阳泉市" },
	{ "region", "黄山风景区,安徽黄山",
	  R_ANHUI "; region|city|黄山市|code=341000,province=安徽省,"
		  "city=黄山市" },
	/* Traditional characters, full-width text */
	{ "region", "廣東省廣州市天河區",
	  "region|province|广东省|code=440000,province=广东省; "
	  "region|city|广州市|code=440100,province=广东省,city=广州市; "
	  "region|county|天河区|code=440106,province=广东省,city=广州市" },
	{ "region address phone",
	  "地址：景德镇市广场北路３号，电话：０７９８－８５６１２３４",
	  R_JDZ "; address||景德镇市广场北路3号|; "
		"phone|landline|0798-8561234|" },

	/* institutions */
	{ "institution",
	  "在2025年,安徽淮北治疗乳房肿块的最佳选择包括淮北矿工总医院、"
	  "淮北市人民医院和淮北市妇幼保健院 。这些医院均被评为三甲医院。",
	  "institution|hospital|淮北矿工总医院|grade=三甲; "
	  "institution|hospital|淮北市人民医院|grade=三甲; "
	  "institution|hospital|淮北市妇幼保健院|grade=三甲" },
	{ "institution",
	  "1. 淮北市人民医院 专业优势 :淮北市人民医院是淮北市唯一一家综合性"
	  "三甲医院,医疗设施齐全",
	  "institution|hospital|淮北市人民医院|grade=三甲" },
	{ "institution",
	  "2025年江西景德镇治疗眼皮跳(眼睑痉挛)推荐选择景德镇市第一人民医院眼科"
	  "或景德镇爱尔眼科医院,前者拥有多位三甲专家擅长复杂眼病手术",
	  "institution|hospital|景德镇市第一人民医院|department=眼科; "
	  "institution|hospital|景德镇爱尔眼科医院|" },
	{ "institution",
	  "重点关注三甲综合医院、中医院特色疗法及专科医院的精准治疗技术。"
	  "中医院特色疗法 江西省中医院景德镇分院等机构结合针灸",
	  "institution|hospital|江西省中医院景德镇分院|" },
	{ "institution",
	  "景德镇第二人民医院 科室与规模 :拥有69个科室,323位医生,综合实力较强 "
	  "相关科室 :神经内科、骨科等 地址 :景德镇市广场北路3号",
	  "institution|hospital|景德镇第二人民医院|department=神经内科" },
	{ "institution", "淮北市人民医院乳腺外科团队",
	  "institution|hospital|淮北市人民医院|department=乳腺外科" },
	{ "institution", "公立三级甲等景德镇市第一人民医院",
	  "institution|hospital|景德镇市第一人民医院|grade=三甲" },
	{ "institution", "北京协和医院和淮北市医保局",
	  "institution|hospital|北京协和医院|; "
	  "institution|agency|淮北市医保局|" },
	{ "institution",
	  "通过国家医保局微信公众号办理异地就医备案。建议办理前咨询当地医保经办"
	  "机构。到当地社会保险经办机构或乡镇社保所办理",
	  "institution|agency|国家医保局|; "
	  "institution|agency|医保经办机构|; "
	  "institution|agency|社会保险经办机构|; "
	  "institution|agency|乡镇社保所|" },
	{ "institution",
	  "选择联网定点医院。省级医院(三级) : 起付线 省外非定点医院 : "
	  "在异地定点医院就医 转诊医院 什么医院好 三甲医院", "" },
	/* the value is normalized (Simplified), as the index term and the
	 * institution: filter are */
	{ "institution", "淮北市人民醫院", "institution|hospital|淮北市人民医院|" },
	{ "institution", "深圳市人民医院就诊,报销比例因医院等级而异",
	  "institution|hospital|深圳市人民医院|" },

	/* grades said of a hospital in another clause or sentence */
	{ "institution",
	  "推荐淮北矿工总医院和淮北市人民医院。这些医院凭借其先进的设备,"
	  "在淮北地区享有很高的声誉,并且均被评为三甲医院。",
	  "institution|hospital|淮北矿工总医院|grade=三甲; "
	  "institution|hospital|淮北市人民医院|grade=三甲" },
	{ "institution",
	  "一、综合实力较强的三甲医院 景德镇第二人民医院 科室与规模 :拥有69个"
	  "科室,综合实力较强 地址 :景德镇市广场北路3号 景德镇市第一人民医院 "
	  "科室与规模 :79个科室,252位医生,三甲综合医院 相关科室 :神经外科",
	  "institution|hospital|景德镇第二人民医院|grade=三甲; "
	  "institution|hospital|景德镇市第一人民医院|grade=三甲,"
	  "department=神经外科" },
	{ "institution",
	  "景德镇第二人民医院 科室设置 :拥有69个科室 综合实力 :三甲综合医院,"
	  "综合评分60分 景德镇市妇幼保健院 综合实力 :二甲妇儿专科医院",
	  "institution|hospital|景德镇第二人民医院|grade=三甲; "
	  "institution|hospital|景德镇市妇幼保健院|grade=二甲" },
	{ "institution",
	  "景德镇爱尔眼科医院技术先进。景德镇市第一人民医院 :眼科团队实力突出,"
	  "适合顽固性眼皮跳动患者。该院为公立三甲,医保覆盖",
	  "institution|hospital|景德镇爱尔眼科医院|; "
	  "institution|hospital|景德镇市第一人民医院|grade=三甲,"
	  "department=眼科" },
	{ "institution", "淮北矿工总医院和淮北市人民医院都是三级甲等医院",
	  "institution|hospital|淮北矿工总医院|grade=三甲; "
	  "institution|hospital|淮北市人民医院|grade=三甲" },
	{ "institution", "景德镇市第一人民医院(三级甲等)位于市区",
	  "institution|hospital|景德镇市第一人民医院|grade=三甲" },
	{ "institution",
	  "北京协和医院是一所集医疗、教学、科研于一体的三级甲等综合医院。",
	  "institution|hospital|北京协和医院|grade=三甲" },
	{ "institution",
	  "推荐医院:三甲医院 四川大学华西医院 二甲医院 成都市第二人民医院",
	  "institution|hospital|四川大学华西医院|grade=三甲; "
	  "institution|hospital|成都市第二人民医院|grade=二甲" },
	/* no grade across another name, nor from a later sentence */
	{ "institution",
	  "淮北矿工总医院设备先进,淮北市妇幼保健院为二甲医院",
	  "institution|hospital|淮北矿工总医院|; "
	  "institution|hospital|淮北市妇幼保健院|grade=二甲" },
	{ "institution", "三甲医院设备先进。淮北市人民医院位于市区。",
	  "institution|hospital|淮北市人民医院|" },
	{ "institution",
	  "淮北矿工总医院位于杜集区。患者较多。这些医院均为三甲医院。",
	  "institution|hospital|淮北矿工总医院|" },
	/* generic mentions and grades of something else */
	{ "institution", "淮北市人民医院就诊方便,重点关注三甲综合医院的专家",
	  "institution|hospital|淮北市人民医院|" },
	{ "institution", "杭州市第一人民医院是比三甲医院更便宜的选择",
	  "institution|hospital|杭州市第一人民医院|" },
	{ "institution", "淮北市人民医院拥有多位三甲专家",
	  "institution|hospital|淮北市人民医院|" },
	{ "institution", "淮北市人民医院的护理分为三级,设备先进",
	  "institution|hospital|淮北市人民医院|" },
	{ "institution", "淮北市医保局。该院为三甲医院",
	  "institution|agency|淮北市医保局|" },
	/* a name after 作为 taken up by 该院 describes the one named before */
	{ "institution",
	  "1. 景德镇市皮肤病医院 特色 :作为景德镇市皮肤病专科医院,该院在皮肤科"
	  "领域具有领先地位",
	  "institution|hospital|景德镇市皮肤病医院|" },
	{ "institution", "作为景德镇市皮肤病医院,该院在皮肤科领域领先",
	  "institution|hospital|景德镇市皮肤病医院|" },

	/* insurance schemes */
	{ "insurance", "职工医保参保人员辞职后参加居民医保,需将职工医保转移至"
		       "现居地居民医保。",
	  "insurance||职工医保|; insurance||城乡居民医保|" },
	{ "insurance", "农村医疗保险(新农合)在外省住院的报销比例如下",
	  "insurance||新农合|" },
	{ "insurance", "全国已实现城乡居民医保(含新农合)跨省异地就医直接结算",
	  "insurance||城乡居民医保|; insurance||新农合|" },
	{ "insurance", "根据2025年江门市城乡居民基本养老保险政策,农村养老保险金",
	  "insurance||城乡居民基本养老保险|" },
	{ "insurance", "上海市社保缴费比例为养老保险8%、医疗保险2%、失业保险0.5%、"
		       "工伤保险0.5%、生育保险1%",
	  "insurance||养老保险|; insurance||基本医疗保险|; "
	  "insurance||失业保险|; insurance||工伤保险|; "
	  "insurance||生育保险|" },
	{ "insurance", "泸州生育险8个月能报销吗", "insurance||生育保险|" },
	{ "insurance", "社保4246是第几档", "insurance||社会保险|" },
	{ "insurance", "社保停交了农村医保能继续交吗", "insurance||新农合|" },
	{ "insurance", "医保当月交可以享受吗", "insurance||基本医疗保险|" },
	{ "insurance", "咨询当地医保经办机构,持社保卡到医保局", "" },
	{ "insurance", "门诊、住院及大病保险三重保障,城镇职工基本医疗保险",
	  "insurance||大病保险|; insurance||职工医保|" },
	{ "insurance", "長護險和新農保", "insurance||长期护理保险|; "
				      "insurance||城乡居民基本养老保险|" },
	{ "insurance", "職工醫保和城鄉居民醫保",
	  "insurance||职工医保|; insurance||城乡居民医保|" },

	/* contacts */
	{ "address phone",
	  "咨询电话：0798-8561234，或拨打12393医保热线，手机13812345678，"
	  "客服400-800-1234",
	  "phone|landline|0798-8561234|; phone|hotline|12393|; "
	  "phone|mobile|13812345678|; phone|hotline|400-800-1234|" },
	{ "address", "地址：江西省南昌市红谷滩区丰和中大道1188号3栋201室",
	  "address||江西省南昌市红谷滩区丰和中大道1188号3栋201室|" },
	{ "phone", "(010)12345678", "phone|landline|010-12345678|" },
	{ "address phone",
	  "费用12345元,2019-2025年,编号340600,输入12345,1-800-998-9938,"
	  "0123456789,起付线700-1000元", "" },
	{ "address", "景德镇市广场北路3号,景德镇市广场北路3号",
	  "address||景德镇市广场北路3号|" },
	{ "address", "这条思路3号方案", "" },
};

static int
type_wanted(const char *types, const char *type)
{
	size_t n = strlen(type);

	for (const char *p = types; (p = strstr(p, type)); p += n)
		if ((p == types || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

static void
describe(kb_buf *b, const facts_t *f, const char *types)
{
	buf_reset(b);
	for (size_t i = 0; i < f->n; i++) {
		const kb_fact_t *x = &f->items[i];

		if (!type_wanted(types, x->type))
			continue;
		if (b->len)
			buf_addstr(b, "; ");
		buf_addf(b, "%s|%s|%s|", x->type, x->label, x->value);
		for (size_t k = 0; k < x->nattrs; k++)
			buf_addf(b, "%s%s=%s", k ? "," : "", x->attrs[k].key,
				 x->attrs[k].value);
	}
	buf_addstr(b, "");
}

/* A known gap: reported, not counted as a failure. */
static void
todo(int cond, const char *what)
{
	tap_run_++;
	printf("%sok %d - %s # TODO\n", cond ? "" : "not ", tap_run_, what);
}

static const kb_fact_t *
find(const facts_t *f, const char *type, const char *value)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->items[i].type, type) == 0 &&
		    strcmp(f->items[i].value, value) == 0)
			return &f->items[i];
	return NULL;
}

int
main(void)
{
	fact_scratch_t *s = NULL;
	facts_t f = FACTS_INIT;
	kb_error_t err = { 0 };
	kb_buf b;
	const kb_fact_t *x;
	const char *text;

	buf_init(&b, 0);
	if (!ok(fact_scratch_create(&s, &err) == KB_OK, "scratch"))
		return done_testing();
	for (size_t i = 0; i < KB_ARRAY_SIZE(cases); i++) {
		const ecase_t *c = &cases[i];

		facts_clear(&f);
		if (!is_int(facts_extract_text(s, c->text, strlen(c->text), &f,
					       &err),
			    KB_OK, "extract case %zu", i))
			diag("%s", err.msg);
		describe(&b, &f, c->types);
		is_str(b.buf, c->want, "%s: %s", c->types, c->text);
	}

	/* facts point at the text as written */
	text = "地址：景德镇市广场北路３号，廣東省";
	facts_clear(&f);
	facts_extract_text(s, text, strlen(text), &f, &err);
	x = find(&f, "address", "景德镇市广场北路3号");
	ok(x != NULL, "full-width address found");
	if (x) {
		is_str(x->text, "景德镇市广场北路３号", "address text as written");
		is_int(x->start, strlen("地址："), "address start");
		is_int(x->end, strlen("地址：景德镇市广场北路３号"),
		       "address end");
	}
	x = find(&f, "region", "广东省");
	ok(x != NULL, "Traditional province found");
	if (x) {
		is_str(x->text, "廣東省", "region text as written");
		is_int(x->end, (long)strlen(text), "region end");
	}

	/* the colloquial abbreviation 呼市 (呼和浩特) is not in the gazetteer */
	facts_clear(&f);
	text = "呼市医保";
	facts_extract_text(s, text, strlen(text), &f, &err);
	todo(find(&f, "region", "呼和浩特市") != NULL,
	     "colloquial abbreviations (呼市)");

	buf_release(&b);
	facts_release(&f);
	fact_scratch_destroy(s);
	return done_testing();
}
