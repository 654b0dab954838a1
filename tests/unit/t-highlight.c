/* t-highlight.c - which bytes of a passage matched, in the original text. */
#include <config.h>

#include <string.h>

#include "../tap.h"
#include "highlight.h"

static const struct {
	const char *text;
	const char *words; /* NUL-separated, as query.c builds them */
	size_t nwords;
	const char *want;  /* the matched substrings, '|'-separated */
} cases[] = {
	{ "异地就医需提前备案,备案后可直接结算。", "备案\0异地就医", 2,
	  "异地就医|备案|备案" },
	/* overlapping and touching matches merge */
	{ "异地就医备案", "异地\0地就\0就医备案", 3, "异地就医备案" },
	/* full-width text matches its folded query word, and the span
	 * covers the full-width characters */
	{ "下载ＡＰＰ办理", "app", 1, "ＡＰＰ" },
	/* Latin words only at word boundaries */
	{ "app apply happy APP", "app", 1, "app|APP" },
	{ "45%的报销比例", "45", 1, "45" },
	{ "没有匹配", "医保", 1, "" },
};

int
main(void)
{
	highlighter_t *h;
	kb_error_t err;

	if (highlighter_create(&h, &err)) {
		ok(0, "highlighter: %s", err.msg);
		return done_testing();
	}
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		kb_arena a = KB_ARENA_INIT;
		kb_span_t *spans;
		size_t n;
		kb_buf got = KB_BUF_INIT;

		if (!ok(!highlight_spans(h, cases[i].text, strlen(cases[i].text),
					 cases[i].words, cases[i].nwords, &a,
					 &spans, &n, &err),
			"case %zu runs", i))
			continue;
		for (size_t k = 0; k < n; k++) {
			if (k)
				buf_addch(&got, '|');
			buf_add(&got, cases[i].text + spans[k].start,
				spans[k].end - spans[k].start);
		}
		is_str(got.buf, cases[i].want, "case %zu spans", i);
		buf_release(&got);
		arena_destroy(&a);
	}
	highlighter_destroy(h);
	return done_testing();
}
