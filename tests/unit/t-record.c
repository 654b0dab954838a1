/* t-record.c - a passage's document data survives the round trip. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "../tap.h"
#include "record.h"

int
main(void)
{
	kb_attr_t attrs[] = { { "code", "340600" }, { "province", "安徽省" } };
	kb_fact_t facts[] = {
		{ "answer", "", "45%", "", "45%", NAN, NAN, 0, 3, NULL, 0 },
		{ "percent", "报销比例", "50-55", "%", "50%-55%", 50, 55, 10, 17,
		  NULL, 0 },
		{ "region", "city", "淮北市", "", "淮北", NAN, NAN, -1, -1, attrs,
		  2 },
		{ "weird", "tab\there", "line\nbreak", "back\\slash", "cr\rx",
		  -0.5, 1e20, 1, 2, NULL, 0 },
	};
	record_t in = {
		"e92d5f5008862e06", "农村医保在外省住院可以报销比例",
		"45% 农村医疗保险\n(新农合)\t在外省", "健康新闻", "2025-04-11",
		"corpus/000.txt", 3, facts, 4,
	};
	kb_buf b = KB_BUF_INIT;
	kb_arena a = KB_ARENA_INIT;
	record_t out;
	kb_error_t err;

	record_write(&b, &in);
	ok(!buf_failed(&b), "written");
	is_int(record_read(b.buf, b.len, &a, &out, &err), KB_OK, "read back");
	is_str(out.article_id, in.article_id, "article id");
	is_str(out.title, in.title, "title");
	is_str(out.passage, in.passage, "passage with newline and tab");
	is_str(out.category, in.category, "category");
	is_str(out.date, in.date, "date");
	is_str(out.source, in.source, "source");
	is_int(out.passage_no, 3, "passage number");
	is_int(out.nfacts, 4, "four facts");
	for (size_t i = 0; i < 4 && i < out.nfacts; i++) {
		const kb_fact_t *f = &out.facts[i], *g = &facts[i];

		is_str(f->type, g->type, "fact %zu type", i);
		is_str(f->label, g->label, "fact %zu label", i);
		is_str(f->value, g->value, "fact %zu value", i);
		is_str(f->unit, g->unit, "fact %zu unit", i);
		is_str(f->text, g->text, "fact %zu text", i);
		ok(isnan(g->min) ? isnan(f->min) : f->min == g->min,
		   "fact %zu min", i);
		ok(isnan(g->max) ? isnan(f->max) : f->max == g->max,
		   "fact %zu max", i);
		is_int(f->start, g->start, "fact %zu start", i);
		is_int(f->end, g->end, "fact %zu end", i);
		is_int(f->nattrs, g->nattrs, "fact %zu attrs", i);
	}
	if (out.nfacts > 2 && out.facts[2].nattrs == 2) {
		is_str(out.facts[2].attrs[0].key, "code", "attr key");
		is_str(out.facts[2].attrs[1].value, "安徽省", "attr value");
	}

	/* a record from a newer writer: unknown keys are skipped, absent
	 * fields are "" */
	arena_destroy(&a);
	is_int(record_read("title\tx\nnewfield\ty\n", 18, &a, &out, &err),
	       KB_OK, "unknown keys are ignored");
	is_str(out.title, "x", "known key read");
	is_str(out.passage, "", "absent field is empty");
	is_int(out.nfacts, 0, "no facts");
	/* a fact line with too few fields is dropped, not misread */
	arena_destroy(&a);
	is_int(record_read("fact\tanswer\tx\n", 14, &a, &out, &err), KB_OK,
	       "short fact line tolerated");
	is_int(out.nfacts, 0, "short fact line dropped");

	arena_destroy(&a);
	buf_release(&b);
	return done_testing();
}
