/* t-quality.c - leaked writing prompts and near-duplicate signatures. */
#include <config.h>

#include <string.h>

#include "../tap.h"
#include "quality.h"

static const struct {
	const char *body;
	int leak;
} leak_cases[] = {
	{ "好的,用户让我写一篇符合Google EEAT标准的SEO科普文章,主题是淮北。", 1 },
	{ "好的，用户让我写一篇关于“宁波交的医保异地能用吗”的文章。", 1 },
	{ "嗯,用户希望我写一篇医保文章。首先,我需要理解政策。", 1 },
	{ "在2025年,安徽淮北治疗乳房肿块的最佳选择包括淮北市人民医院。", 0 },
	/* one marker alone is not enough: real answers say 我需要 too */
	{ "如果您问我需要带什么材料:身份证和医保卡。", 0 },
	{ "SEO优化不是医保话题,但这句只提到一次。", 0 },
	{ "", 0 },
};

static const char doc_a[] =
	"景德镇市在2025年治疗手指发麻方面表现突出的医院推荐如下: "
	"一、综合实力较强的三甲医院 景德镇第二人民医院 科室与规模 :拥有69个科室,"
	"323位医生,综合实力较强 相关科室 :神经内科、骨科等,可针对手指发麻的神经或"
	"血管问题提供专业诊疗 地址 :景德镇市广场北路3号";
/* the same text with a few words changed */
static const char doc_b[] =
	"景德镇市在2025年治疗脚趾麻木方面表现突出的医院推荐如下: "
	"一、综合实力较强的三甲医院 景德镇第二人民医院 科室与规模 :拥有69个科室,"
	"323位医生,综合实力较强 相关科室 :神经内科、骨科等,可针对手指发麻的神经或"
	"血管问题提供专业诊疗 地址 :景德镇市广场北路3号";
static const char doc_c[] =
	"入睡困难时,可通过摄入富含色氨酸、镁、B族维生素及钙的食物改善睡眠质量,"
	"如牛奶、香蕉、燕麦、坚果等,这些成分能调节神经传导、促进褪黑素分泌,"
	"帮助快速入眠。但需避免睡前过量进食,以免加重肠胃负担。";

int
main(void)
{
	quality_sig_t a, b, c, a2;
	char k1[QUALITY_BAND_KEY_SIZE], k2[QUALITY_BAND_KEY_SIZE];
	unsigned same_bands = 0;

	for (size_t i = 0; i < sizeof leak_cases / sizeof *leak_cases; i++)
		is_int(quality_is_prompt_leak(leak_cases[i].body,
					      strlen(leak_cases[i].body)),
		       leak_cases[i].leak, "prompt leak case %zu", i);

	ok(quality_signature(doc_a, strlen(doc_a), &a), "signature of a");
	ok(quality_signature(doc_b, strlen(doc_b), &b), "signature of b");
	ok(quality_signature(doc_c, strlen(doc_c), &c), "signature of c");
	ok(!quality_signature("太短了", strlen("太短了"), &a2),
	   "too short to compare");
	quality_signature(doc_a, strlen(doc_a), &a2);
	ok(!memcmp(&a, &a2, sizeof a), "the signature is deterministic");
	ok(quality_similarity(&a, &a2) == 1.0, "identical texts: 1");
	ok(quality_similarity(&a, &b) >= QUALITY_DUPLICATE_SIMILARITY,
	   "a near copy is a duplicate (%.2f)", quality_similarity(&a, &b));
	ok(quality_similarity(&a, &c) < 0.2, "different texts are apart (%.2f)",
	   quality_similarity(&a, &c));
	for (unsigned band = 0; band < QUALITY_SIG_BANDS; band++) {
		quality_band_key(&a, band, k1);
		quality_band_key(&b, band, k2);
		same_bands += !strcmp(k1, k2);
	}
	ok(same_bands >= 1, "a near copy shares a band (%u)", same_bands);
	quality_band_key(&a, 0, k1);
	quality_band_key(&a, 1, k2);
	ok(strcmp(k1, k2) != 0, "bands have distinct keys");
	is_int(strlen(k1), 8, "band key is 8 characters");
	ok(strspn(k1, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "abcdefghijklmnopqrstuvwxyz-_") == 8,
	   "band key is letters, digits, '-' and '_': %s", k1);
	return done_testing();
}
