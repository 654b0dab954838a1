/* t-fact-numbers.c - the numeric fact extractors (percent, money, duration,
 * date) and the number reader they share: exact facts for crafted text,
 * the examples, numbers that are not facts, full-width and
 * Traditional text, and sentences of the seed corpus. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../tap.h"
#include "fact-extract.h"
#include "fact-number.h"
#include "facts.h"
#include "normalize.h"

#define MAXF 12

/* ---- the number reader ---- */

static const struct {
	const char *text;
	double v, hi; /* hi: the upper end of 三四 */
	size_t end;   /* bytes read; 0: no number */
} numbers[] = {
	{ "42.42元", 42.42, 42.42, 5 },
	{ "1,000元", 1000, 1000, 5 },
	{ "1,000,000", 1000000, 1000000, 9 },
	{ "1，500", 1, 1, 1 },        /* a list comma, not thousands */
	{ "1,50", 1, 1, 1 },
	{ "952.25亿元", 95225000000, 95225000000, 9 },
	{ "1.5万人", 15000, 15000, 6 },
	{ "3千", 3000, 3000, 4 },
	{ "100万亿", 1e14, 1e14, 9 },
	{ "5百分点", 5, 5, 1 },       /* 百分 is not a multiplier */
	{ "十五", 15, 15, 6 },
	{ "二十", 20, 20, 6 },
	{ "一千零五", 1005, 1005, 12 },
	{ "两千五百", 2500, 2500, 12 },
	{ "两千五", 2500, 2500, 9 },
	{ "一万五", 15000, 15000, 9 },
	{ "三十五万", 350000, 350000, 12 },
	{ "一亿二千万", 120000000, 120000000, 15 },
	{ "兩千五百", 2500, 2500, 12 },
	{ "一萬", 10000, 10000, 6 },
	{ "貳佰", 200, 200, 6 },
	{ "伍", 0, 0, 0 },            /* 队伍: alone, a word */
	{ "二〇二五年", 2025, 2025, 12 },
	{ "一九九八", 1998, 1998, 12 },
	{ "三四个月", 3, 4, 6 },
	{ "一点五", 1.5, 1.5, 9 },
	{ "百分之", 0, 0, 0 },
	{ "千万", 0, 0, 0 },
	{ "万一", 0, 0, 0 },
	{ "1234567890123456", 0, 0, 0 }, /* an identifier */
};

static void
build(const char *text, kb_buf *norm, norm_map *map, fact_text_t *t)
{
	buf_reset(norm);
	if (norm_utf8(text, strlen(text), norm, map, NULL, NULL))
		diag("cannot normalize '%s'", text);
	t->orig = text;
	t->orig_len = strlen(text);
	t->norm = norm->buf;
	t->norm_len = norm->len;
	t->map = map->off;
}

static void
test_reader(void)
{
	kb_buf norm;
	norm_map map = NORM_MAP_INIT;
	fact_text_t t;
	num_t n;

	buf_init(&norm, 0);
	for (size_t i = 0; i < KB_ARRAY_SIZE(numbers); i++) {
		size_t end;

		build(numbers[i].text, &norm, &map, &t);
		end = num_read(&t, 0, &n);
		is_int(end, numbers[i].end, "read '%s': end", numbers[i].text);
		if (!end || !numbers[i].end)
			continue;
		ok(n.v == numbers[i].v && n.hi == numbers[i].hi,
		   "read '%s': %.15g-%.15g", numbers[i].text, n.v, n.hi);
	}

	/* where a number may start */
	build("第二 第3档 统一 12 v2 ab3", &norm, &map, &t);
	ok(!num_can_start(&t, strlen("第")), "第二 is an ordinal");
	ok(!num_can_start(&t, strlen("第二 第")), "第3档 is an ordinal");
	ok(!num_can_start(&t, strlen("第二 第3档 统")), "统一 is a word");
	ok(num_can_start(&t, strlen("第二 第3档 统一 ")), "12 starts");
	ok(!num_can_start(&t, strlen("第二 第3档 统一 1")), "2 of 12 does not");
	ok(!num_can_start(&t, strlen("第二 第3档 统一 12 v")), "v2 does not");

	norm_map_release(&map);
	buf_release(&norm);
}

/* ---- the extractors ---- */

static int
ours(const char *type)
{
	return !strcmp(type, "percent") || !strcmp(type, "money") ||
	       !strcmp(type, "duration") || !strcmp(type, "date");
}

/* "type|label|value|unit|text" and ";key=value" for each detail. */
static void
compact(char *out, size_t size, const kb_fact_t *x)
{
	size_t n = (size_t)snprintf(out, size, "%s|%s|%s|%s|%s", x->type,
				    x->label, x->value, x->unit, x->text);

	for (size_t k = 0; k < x->nattrs && n < size; k++)
		n += (size_t)snprintf(out + n, size - n, ";%s=%s",
				      x->attrs[k].key, x->attrs[k].value);
}

static const struct {
	const char *what;
	const char *text;
	const char *want[MAXF]; /* NULL-terminated, in extraction order */
} cases[] = {
	/* the percentages */
	{ "percent examples",
	  "45%;报销比例:50%-55%;最高可达75%;百分之四十五;未备案则可能降低10%-20%",
	  { "percent||45|%|45%",
	    "percent|报销比例|50-55|%|50%-55%",
	    "percent||75|%|最高可达75%;bound=upper",
	    "percent||45|%|百分之四十五",
	    "percent||10-20|%|10%-20%;change=down", NULL } },
	{ "percent labels",
	  "财政补贴占比超60%,报销比例降低至35%,个人缴费比例为8%",
	  { "percent|财政补贴占比|60|%|超60%;bound=lower",
	    "percent|报销比例|35|%|35%;change=down",
	    "percent|缴费比例|8|%|8%", NULL } },
	{ "items and bounds between label and number",
	  "报销比例:住院70%;自付10%—20%;起付线以上部分报销60%以上;"
	  "大病保险起付线为1.5万元,年度最高支付限额为30万元",
	  { "percent|报销比例|70|%|70%",
	    "percent|自付比例|10-20|%|10%—20%",
	    "percent|报销比例|60|%|60%以上;bound=lower",
	    "money|起付线|15000|元|1.5万元",
	    "money|最高支付限额|300000|元|30万元", NULL } },
	{ "a list shares its label",
	  "上海市社保缴费比例为养老保险8%、医疗保险2%、失业保险0.5%",
	  { "percent|缴费比例|8|%|8%", "percent|缴费比例|2|%|2%",
	    "percent|缴费比例|0.5|%|0.5%", NULL } },
	{ "percent ranges with ~ 至 到",
	  "3%~5%,3%至5%,3到5%,百分之四十五至百分之五十,百分之四十五到五十",
	  { "percent||3-5|%|3%~5%", "percent||3-5|%|3%至5%",
	    "percent||3-5|%|3到5%",
	    "percent||45-50|%|百分之四十五至百分之五十",
	    "percent||45-50|%|百分之四十五到五十", NULL } },
	{ "percentage points and per mille",
	  "上调2个百分点,千分之五,百分之百,约45 %",
	  { "percent||2|百分点|2个百分点;change=up",
	    "percent||0.5|%|千分之五", "percent||100|%|百分之百",
	    "percent||45|%|约45 %;bound=approx", NULL } },

	/* the money */
	{ "money examples",
	  "起付线:700-1000元,约500元(42.42元/月),住宅部分:0.5-1元/㎡/年",
	  { "money|起付线|700-1000|元|700-1000元",
	    "money||500|元|约500元;bound=approx",
	    "money||42.42|元/月|42.42元/月",
	    "money||0.5-1|元/㎡/年|0.5-1元/㎡/年", NULL } },
	{ "money in Chinese numerals and with multipliers",
	  "2000-2500元;2024年GDP 952.25亿元;两千五百元;1万元;1-2万元;5000元至1万元",
	  { "money||2000-2500|元|2000-2500元",
	    "money|GDP|95225000000|元|952.25亿元",
	    "money||2500|元|两千五百元", "money||10000|元|1万元",
	    "money||10000-20000|元|1-2万元",
	    "money||5000-10000|元|5000元至1万元",
	    "date||2024||2024年", NULL } },
	{ "the basis of a rate",
	  "基础养老金标准为每人每月55元;年缴费仅需约500元(42.42元/月);"
	  "每人55元;收费500元/人·年;¥100每月",
	  { "money|基础养老金|55|元/月|55元",
	    "money|缴费|500|元/年|约500元;bound=approx",
	    "money|缴费|42.42|元/月|42.42元/月",
	    "money||55|元/人|55元",
	    "money|收费|500|元/人/年|500元/人·年",
	    "money||100|元/月|¥100每月", NULL } },
	{ "a compared amount shares the basis",
	  "江门市将基础养老金最低标准提高至每人每月200元,比原标准(180元)增加20元。",
	  { "money|基础养老金|200|元/月|200元;change=up",
	    "money|基础养老金|180|元/月|180元",
	    "money||20|元/月|20元;change=up", NULL } },
	{ "not money",
	  "二元结构,一块地,3块钢板,100美元,500块,三块钱,1000元起",
	  { "money||500|元|500块", "money||3|元|三块钱",
	    "money||1000|元|1000元起;bound=lower", NULL } },

	/* the durations */
	{ "duration examples",
	  "需15个工作日;超过3个月;满8个月;提高至20年;6-10分钟;8-15秒内",
	  { "duration||15|工作日|15个工作日",
	    "duration||3|月|超过3个月;bound=lower",
	    "duration||8|月|满8个月;bound=lower",
	    "duration||20|年|20年;change=up",
	    "duration||6-10|分钟|6-10分钟",
	    "duration||8-15|秒|8-15秒内;bound=upper", NULL } },
	{ "5年以上 is a duration with a lower bound",
	  "旧建筑(5年以上):按5%-10%递增",
	  { "percent||5-10|%|5%-10%",
	    "duration||5|年|5年以上;bound=lower", NULL } },
	{ "durations spelled out",
	  "半年,一年半,两个半月,三四个月,3个多月,20多年,1至2周,30日内,2个星期",
	  { "duration||0.5|年|半年", "duration||1.5|年|一年半",
	    "duration||2.5|月|两个半月", "duration||3-4|月|三四个月",
	    "duration||3|月|3个多月;bound=lower",
	    "duration||20|年|20多年;bound=lower",
	    "duration||1-2|周|1至2周",
	    "duration||30|天|30日内;bound=upper",
	    "duration||2|周|2个星期", NULL } },
	{ "duration labels",
	  "缴费年限为15年,备案有效期(通常1年),等待期90天",
	  { "duration|缴费年限|15|年|15年", "duration|有效期|1|年|1年",
	    "duration|等待期|90|天|90天", NULL } },

	/* the dates */
	{ "date examples",
	  "健康新闻 2025-04-11,2021年9月1日,2030年,次月1号",
	  { "date||2025-04-11||2025-04-11",
	    "date||2021-09-01||2021年9月1日", "date||2030||2030年",
	    "date||次月1号||次月1号", NULL } },
	{ "dates in other forms",
	  "二〇二一年九月一日;2025/4/11;2025.04.11;2021-2025年;2030年之前;"
	  "每月15日前;9月1日",
	  { "date||2021-09-01||二〇二一年九月一日",
	    "date||2025-04-11||2025/4/11",
	    "date||2025-04-11||2025.04.11",
	    "date||2021/2025||2021-2025年",
	    "date||2030||2030年之前;bound=upper",
	    "date||每月15日||每月15日前;bound=upper",
	    "date||9月1日||9月1日", NULL } },
	{ "a month takes the year of its sentence",
	  "例如,2025年2月缴纳的医保,3月才能使用。如9月停缴则10月失效。",
	  { "date||2025-02||2025年2月", "date||2025-03||3月", NULL } },
	{ "days that do not exist",
	  "2025-13-01,2月30日,2025年2月29日,2024年2月29日",
	  { "date||2024-02-29||2024年2月29日", NULL } },
	{ "years and lengths of years",
	  "从2030年开始,每年增加6个月,到2039年提高到20年;25年3月",
	  { "duration||6|月|6个月;change=up",
	    "duration||20|年|20年;change=up",
	    "date||2030||2030年开始;bound=lower", "date||2039||2039年",
	    NULL } },

	/* numbers that are not facts */
	{ "ordinals, list numbers, grades, counts",
	  "天水排名第二,第3档,第一档\n1. 职工医保转移\n三甲医院,二级医院,三级\n"
	  "拥有69个科室,323位医生,常住人口超335万,综合评分60分(满分100),"
	  "年满18周岁,10周年,三年级,统一年度,每一年,上半年",
	  { NULL } },

	/* full-width and Traditional text */
	{ "full-width text",
	  "报销比例:４５％,７００－１０００元,０．５～１元／㎡／年,２０２１年９月１日",
	  { "percent|报销比例|45|%|４５％",
	    "money||700-1000|元|７００－１０００元",
	    "money||0.5-1|元/㎡/年|０．５～１元／㎡／年",
	    "date||2021-09-01||２０２１年９月１日", NULL } },
	{ "Traditional text",
	  "報銷比例為百分之四十五,兩千五百元,一萬元,十五個工作日,三個月",
	  { "percent|报销比例|45|%|百分之四十五",
	    "money||2500|元|兩千五百元", "money||10000|元|一萬元",
	    "duration||15|工作日|十五個工作日",
	    "duration||3|月|三個月", NULL } },

	/* sentences of the seed corpus */
	{ "corpus: 农村医保在外省住院可以报销比例",
	  "省级医院(三级) : 起付线:700-1000元 报销比例:50%-55% "
	  "未备案或未转诊:1000元,报销比例40% 保底报销:20%,需自费更多费用",
	  { "percent|报销比例|50-55|%|50%-55%",
	    "percent|报销比例|40|%|40%",
	    "percent|报销比例|20|%|20%",
	    "money|起付线|700-1000|元|700-1000元",
	    "money||1000|元|1000元", NULL } },
	{ "corpus: 深圳城乡居民医保",
	  "年缴费仅需约500元(42.42元/月)即可享受门诊、住院及大病保险三重保障 ,"
	  "财政补贴占比超60% ,且连续参保时间越长报销比例与限额越高 "
	  "(如住院最高可报90%-95%)。",
	  { "percent|财政补贴占比|60|%|超60%;bound=lower",
	    "percent|报销比例|90-95|%|最高可报90%-95%;bound=upper",
	    "money|缴费|500|元/年|约500元;bound=approx",
	    "money|缴费|42.42|元/月|42.42元/月", NULL } },
	{ "corpus: 消防维保费用收费标准",
	  "地下车库:2.5-4.5元/㎡/年 旧建筑(5年以上):按5%-10%递增 "
	  "重危险工业厂房:100米内1元/㎡,高层建筑100米内100元/㎡",
	  { "percent||5-10|%|5%-10%",
	    "money||2.5-4.5|元/㎡/年|2.5-4.5元/㎡/年",
	    "money||1|元/㎡|1元/㎡", "money||100|元/㎡|100元/㎡",
	    "duration||5|年|5年以上;bound=lower", NULL } },
	{ "corpus: 社保4246是第几档",
	  "成都将缴费基数分为11个档次,其中第一档的缴费基数范围为0-4246元。"
	  "成都社保缴费基数4246元属于 第一档 。",
	  { "money|缴费基数|0-4246|元|0-4246元",
	    "money|缴费基数|4246|元|4246元", NULL } },
	{ "corpus: 2025年社保缴费年限",
	  "从2025年1月1日起,法定退休年龄逐步延迟。以前15年就能退休领养老金,"
	  "这意味着,退休前如果没交满20年社保,想领养老金就得补上。",
	  { "duration||15|年|15年", "duration||20|年|满20年;bound=lower",
	    "date||2025-01-01||2025年1月1日起;bound=lower", NULL } },
	{ "corpus: 退休职工怎样办理异地医保",
	  "审核通过后,医保关系及个人账户余额可转入新参保地,通常需15个工作日完成。"
	  "但需注意备案有效期(通常1年)和地区政策差异",
	  { "duration||15|工作日|15个工作日",
	    "duration|有效期|1|年|1年", NULL } },
	{ "corpus: 居民养老一年交1000退休领多少钱",
	  "北京市:1000元缴费补贴60元,2000元补贴90元;",
	  { "money|缴费|1000|元|1000元", "money|补贴|60|元|60元",
	    "money|缴费|2000|元|2000元", "money|补贴|90|元|90元", NULL } },
	{ "corpus: 农村医保在外地医院可以用吗",
	  "报销比例因转诊备案情况而异 ,最高可达75%,未备案则可能降低10%-20%。",
	  { "percent|报销比例|75|%|最高可达75%;bound=upper",
	    "percent||10-20|%|10%-20%;change=down", NULL } },

	/* the subject of the sentence names the number of its second clause */
	{ "a quantity opening the sentence",
	  "住院报销比例因医院等级不同而异,一般为50%。"
	  "起付线因地区而异,约1000元",
	  { "percent|报销比例|50|%|50%",
	    "money|起付线|1000|元|约1000元;bound=approx", NULL } },
	{ "no subject: a number before, two clauses, an act, a change",
	  "报销比例为50%,最高可达75%。报销比例因地区而异,各地不同,最高70%。"
	  "报销因地区而异,最高可达65%。起付线为1000元。各地不同,最高可达60%。"
	  "报销比例因地区而异,降低5%",
	  { "percent|报销比例|50|%|50%",
	    "percent||75|%|最高可达75%;bound=upper",
	    "percent||70|%|最高70%;bound=upper",
	    "percent||65|%|最高可达65%;bound=upper",
	    "percent||60|%|最高可达60%;bound=upper",
	    "percent||5|%|5%;change=down",
	    "money|起付线|1000|元|1000元", NULL } },

	/* the word after an amount names it, unless it names the next one */
	{ "a label after the amount",
	  "每月领取1500元养老金,500元起付线以上的部分,2000元补贴90元,"
	  "划入1000元个人账户",
	  { "money|养老金|1500|元/月|1500元", "money|起付线|500|元|500元",
	    "money||2000|元|2000元", "money|补贴|90|元|90元",
	    "money||1000|元|1000元", NULL } },
	{ "parallel items in a row",
	  "1000元缴费补贴60元,2000元补贴90元,3000元补贴120元",
	  { "money|缴费|1000|元|1000元", "money|补贴|60|元|60元",
	    "money|缴费|2000|元|2000元", "money|补贴|90|元|90元",
	    "money|缴费|3000|元|3000元", "money|补贴|120|元|120元", NULL } },
	{ "a parallel item leaves the label out only in the same sentence",
	  "1000元缴费补贴60元。2000元补贴90元;1000元缴费补贴60元,"
	  "3000元对应补贴120元",
	  { "money|缴费|1000|元|1000元", "money|补贴|60|元|60元",
	    "money||2000|元|2000元", "money|补贴|90|元|90元",
	    "money|缴费|1000|元|1000元", "money|补贴|60|元|60元",
	    "money||3000|元|3000元", "money|补贴|120|元|120元", NULL } },
	{ "corpus: 脑缺氧是什么感觉",
	  "若脑供氧完全中断,8-15秒内会丧失意识,6-10分钟可能造成不可逆脑损伤",
	  { "duration||8-15|秒|8-15秒内;bound=upper",
	    "duration||6-10|分钟|6-10分钟", NULL } },
	{ "corpus: 医保当月交可以享受吗",
	  "即缴费完成后的下一个月(次月1号)开始享受医保待遇。"
	  "若首次参保且未缴费,需连续缴费满6个月才能享受住院报销待遇。",
	  { "duration||6|月|满6个月;bound=lower",
	    "date||次月1号||次月1号", NULL } },
};

static void
test_extract(void)
{
	fact_scratch_t *s = NULL;
	facts_t f = FACTS_INIT;
	kb_error_t err;
	char got[256];

	if (fact_scratch_create(&s, &err)) {
		ok(0, "fact_scratch_create: %s", err.msg);
		return;
	}
	for (size_t i = 0; i < KB_ARRAY_SIZE(cases); i++) {
		size_t k = 0;

		facts_clear(&f);
		if (!is_int(facts_extract_text(s, cases[i].text,
					       strlen(cases[i].text), &f, &err),
			    KB_OK, "%s: extracts", cases[i].what))
			continue;
		for (size_t j = 0; j < f.n; j++) {
			if (!ours(f.items[j].type))
				continue;
			compact(got, sizeof got, &f.items[j]);
			is_str(got, k < MAXF ? cases[i].want[k] : NULL,
			       "%s: fact %zu", cases[i].what, k + 1);
			if (k < MAXF && cases[i].want[k])
				k++;
		}
		is_str(k < MAXF ? cases[i].want[k] : NULL, NULL,
		       "%s: no fact missing", cases[i].what);
	}
	fact_scratch_destroy(s);
	facts_release(&f);
}

/* Offsets and numbers of a few facts, and one extractor called alone. */
static void
test_details(void)
{
	static const char text[] = "约５００元/㎡,报销比例50%-55%,2021年9月";
	fact_scratch_t *s = NULL;
	facts_t f = FACTS_INIT;
	kb_buf norm;
	norm_map map = NORM_MAP_INIT;
	fact_text_t t;
	const kb_fact_t *x;

	if (fact_scratch_create(&s, NULL) ||
	    facts_extract_text(s, text, strlen(text), &f, NULL)) {
		ok(0, "extract '%s'", text);
		goto out;
	}
	for (size_t i = 0; i < f.n; i++) {
		x = &f.items[i];
		if (!strcmp(x->type, "percent")) {
			is_int(x->start, strlen("约５００元/㎡,报销比例"),
			       "percent: start");
			is_int(x->end, strlen("约５００元/㎡,报销比例50%-55%"),
			       "percent: end");
			ok(x->min == 50 && x->max == 55, "percent: min/max");
		} else if (!strcmp(x->type, "money")) {
			is_int(x->start, 0, "money: start");
			is_int(x->end, strlen("约５００元/㎡"), "money: end");
			ok(x->min == 500 && x->max == 500, "money: min/max");
		} else if (!strcmp(x->type, "date")) {
			ok(x->min == 20210901 && x->max == 20210930,
			   "date: first and last day");
		}
	}
	facts_clear(&f);
	if (facts_extract_text(s, "次月1号", strlen("次月1号"), &f, NULL) ||
	    f.n < 1)
		ok(0, "extract '次月1号'");
	for (size_t i = 0; i < f.n; i++)
		if (!strcmp(f.items[i].type, "date"))
			ok(isnan(f.items[i].min) && isnan(f.items[i].max),
			   "relative date: no min/max");

	/* the percent extractor alone, on text built by hand */
	buf_init(&norm, 0);
	build("占比４５％", &norm, &map, &t);
	facts_clear(&f);
	is_int(fact_percent_extract(&t, &f, NULL), KB_OK, "percent alone");
	is_int(f.n, 1, "percent alone: one fact");
	if (f.n == 1)
		is_str(f.items[0].text, "４５％", "percent alone: source text");
	facts_clear(&f);
	is_int(fact_money_extract(&t, &f, NULL), KB_OK, "money alone");
	is_int(f.n, 0, "money alone: nothing");
	norm_map_release(&map);
	buf_release(&norm);
out:
	fact_scratch_destroy(s);
	facts_release(&f);
}

int
main(void)
{
	test_reader();
	test_extract();
	test_details();
	return done_testing();
}
