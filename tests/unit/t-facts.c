/* t-facts.c - the article-level facts: the short answer a body leads with,
 * category and date. */
#include <config.h>

#include <string.h>

#include "../tap.h"
#include "facts.h"

static const struct {
	const char *body;
	const char *answer; /* "" when there is none */
} cases[] = {
	{ "45% 农村医疗保险(新农合)在外省住院的报销比例如下:", "45%" },
	{ "可以 农村医保(新农合)异地门诊 可以 报销。", "可以" },
	{ "不完全通用 农村合作医疗(新农合)的通用性存在一定的地域限制", "不完全通用" },
	{ "2030年开始逐步提高至20年 2025年社保缴费年限的规定如下:",
	  "2030年开始逐步提高至20年" },
	{ "0.2-1.8元/㎡ 消防第三方检测收费标准受地区影响", "0.2-1.8元/㎡" },
	{ "42.42元 每月缴费", "42.42元" },
	{ "能\u3000社保停交了农村医保是可以继续交的", "能" },
	/* a sentence is not an answer */
	{ "好的,用户让我写一篇文章 主题是", "" },
	/* an exclamation closes an answer */
	{ "农村医保在外地医院可以用!  目前全国已实现", "农村医保在外地医院可以用" },
	/* a heading followed by a colon is not an answer */
	{ "轻度缺氧 :表现为思维迟钝、反应变慢", "" },
	{ "可以! 但要先备案", "可以" },
	{ "入睡困难可以考虑以下几种中药进行调理: 朱砂安神丸", "" },
	/* too long to be an answer */
	{ "景德镇市在2025年治疗手指发麻方面表现突出的医院推荐如下 一、", "" },
	/* nothing follows on the line */
	{ "可以", "" },
	{ "可以\n下一段", "" },
	{ "", "" },
};

int
main(void)
{
	kb_article_t a = { "id", "标题", "可以 农村医保异地门诊可以报销", "健康新闻",
			   "2025-04-11", "", "src", "", 1 };
	facts_t f = FACTS_INIT;
	kb_error_t err;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = facts_leading_answer(cases[i].body,
						strlen(cases[i].body));
		char got[128];

		snprintf(got, sizeof got, "%.*s", (int)n, cases[i].body);
		is_str(got, cases[i].answer, "leading answer %zu", i);
	}

	is_int(facts_extract_article(&a, &f, &err), KB_OK, "article facts");
	is_int(f.n, 3, "category, date and answer");
	if (f.n == 3) {
		is_str(f.items[0].type, "category", "category first");
		is_str(f.items[0].value, "健康新闻", "category value");
		is_str(f.items[1].type, "date", "then the date");
		is_str(f.items[1].value, "2025-04-11", "date value");
		is_str(f.items[2].type, "answer", "then the answer");
		is_str(f.items[2].value, "可以", "answer value");
		is_int(f.items[2].start, 0, "answer starts the body");
		is_int(f.items[2].end, 6, "answer ends after two characters");
	}
	is_int(facts_add_attr(&f, "k", "v", &err), KB_OK, "attr on the last fact");
	is_int(f.items[f.n - 1].nattrs, 1, "one attr");
	facts_clear(&f);
	is_int(f.n, 0, "clear empties");
	is_int(facts_add_attr(&f, "k", "v", &err), KB_ERR_INTERNAL,
	       "attr without a fact is refused");
	facts_release(&f);
	return done_testing();
}
