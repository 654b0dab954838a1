/* t-reader.c - the corpus readers: every seed article exactly (against
 * the hand-checked tests/data/reader/seeds.expected), ids, digests, JSON
 * Lines records and errors, plain .txt/.md, a tolerant page, and the same
 * page as CRLF, BOM, lone CR and GB18030. */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "kb-private.h"

#define MAX_ARTICLES 64

typedef struct art {
	char *id, *title, *body, *category, *date, *url, *source, *disclaimer;
	unsigned line;
} art_t;

typedef struct arts {
	art_t a[MAX_ARTICLES];
	size_t n;
	char digest[17];
} arts_t;

static char scratch[] = "/tmp/t-reader.XXXXXX";
static const char *srcdir_top;

static char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		perror("strdup");
		exit(99);
	}
	return d;
}

static void
arts_free(arts_t *as)
{
	size_t i;

	for (i = 0; i < as->n; i++) {
		art_t *a = &as->a[i];

		free(a->id);
		free(a->title);
		free(a->body);
		free(a->category);
		free(a->date);
		free(a->url);
		free(a->source);
		free(a->disclaimer);
	}
	as->n = 0;
}

/* Read every article of @path; returns the status of the first failure. */
static kb_status_t
read_all(const char *path, const char *encoding, arts_t *as, kb_error_t *err)
{
	kb_reader_t *r;
	const kb_article_t *a;
	kb_status_t st;

	memset(as, 0, sizeof(*as));
	st = kb_reader_open(path, encoding, &r, err);
	if (st)
		return st;
	snprintf(as->digest, sizeof as->digest, "%s", kb_reader_digest(r));
	while ((st = kb_reader_next(r, &a, err)) == KB_OK && a &&
	       as->n < MAX_ARTICLES) {
		art_t *d = &as->a[as->n++];

		d->id = xstrdup(a->id);
		d->title = xstrdup(a->title);
		d->body = xstrdup(a->body);
		d->category = xstrdup(a->category);
		d->date = xstrdup(a->date);
		d->url = xstrdup(a->url);
		d->source = xstrdup(a->source);
		d->disclaimer = xstrdup(a->disclaimer);
		d->line = a->line;
	}
	kb_reader_close(r);
	return st;
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(99);
	}
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	kb_buf b = KB_BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f) {
		perror(path);
		exit(99);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b, len);
}

static int
is_hex16(const char *s)
{
	size_t i;

	for (i = 0; i < 16; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[16] == '\0';
}

/* ------------------------------------------------------------------ */
/* seeds.expected                                                      */

typedef struct expect {
	char file[64];
	unsigned line;
	kb_buf title, category, date, disclaimer, body;
} expect_t;

static size_t
load_expected(const char *path, expect_t *ex, size_t max)
{
	char *text = slurp(path, NULL), *line, *save = NULL;
	char file[64] = "";
	size_t n = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		expect_t *e = n ? &ex[n - 1] : NULL;

		if (line[0] == '#')
			continue;
		if (!strncmp(line, "file: ", 6)) {
			snprintf(file, sizeof file, "%s", line + 6);
		} else if (!strcmp(line, "====")) {
			if (n == max)
				break;
			e = &ex[n++];
			memset(e, 0, sizeof(*e));
			e->title = e->category = e->date = e->disclaimer =
				e->body = (kb_buf)KB_BUF_INIT;
			snprintf(e->file, sizeof e->file, "%s", file);
		} else if (!e) {
			diag("seeds.expected: text before the first record");
		} else if (!strncmp(line, "line: ", 6)) {
			e->line = (unsigned)atoi(line + 6);
		} else if (!strncmp(line, "title: ", 7)) {
			buf_addstr(&e->title, line + 7);
		} else if (!strncmp(line, "category: ", 10)) {
			buf_addstr(&e->category, line + 10);
		} else if (!strncmp(line, "date: ", 6)) {
			buf_addstr(&e->date, line + 6);
		} else if (!strncmp(line, "disclaimer: ", 12)) {
			buf_addstr(&e->disclaimer, line + 12);
		} else if (!strncmp(line, "body: ", 6)) {
			if (e->body.len)
				buf_addch(&e->body, '\n');
			buf_addstr(&e->body, line + 6);
		} else {
			diag("seeds.expected: unknown line '%s'", line);
		}
	}
	free(text);
	return n;
}

static const char *const seed_files[] = {
	"000_6ee8b6b41e4321c1.txt",
	"002_089c9026b7d6473a.txt",
};

static void
test_seeds(void)
{
	static expect_t ex[MAX_ARTICLES];
	static arts_t first[2], again;
	char path[4096];
	size_t nex, i, k, total = 0, next = 0;

	snprintf(path, sizeof path, "%s/tests/data/reader/seeds.expected",
		 srcdir_top);
	nex = load_expected(path, ex, MAX_ARTICLES);
	is_int(nex, 42, "seeds.expected has 42 records");

	for (k = 0; k < KB_ARRAY_SIZE(seed_files); k++) {
		kb_error_t err = { KB_OK, "" };
		arts_t *as = &first[k];

		snprintf(path, sizeof path, "%s/corpus/%s", srcdir_top,
			 seed_files[k]);
		is_int(read_all(path, NULL, as, &err), KB_OK, "read %s",
		       seed_files[k]);
		ok(is_hex16(as->digest), "%s: digest is 16 hex digits",
		   seed_files[k]);
		for (i = 0; i < as->n; i++, next++) {
			art_t *a = &as->a[i];
			expect_t *e = next < nex ? &ex[next] : NULL;
			const char *t = e ? e->title.buf : "(none)";

			if (!ok(e != NULL, "%s: article %zu is expected",
				seed_files[k], i + 1))
				continue;
			is_str(e->file, seed_files[k], "%s: file", t);
			is_str(a->title, e->title.buf, "%s: title", t);
			is_int(a->line, e->line, "%s: line", t);
			is_str(a->category, e->category.buf, "%s: category", t);
			is_str(a->date, e->date.buf, "%s: date", t);
			is_str(a->disclaimer, e->disclaimer.buf,
			       "%s: disclaimer", t);
			is_str(a->body, e->body.buf, "%s: body", t);
			is_str(a->url, "", "%s: no url", t);
			is_str(a->source, path, "%s: source is the path", t);
			ok(is_hex16(a->id), "%s: id is 16 hex digits", t);
		}
		total += as->n;

		/* a second read gives the same ids */
		is_int(read_all(path, NULL, &again, &err), KB_OK,
		       "read %s again", seed_files[k]);
		is_int(again.n, as->n, "%s: same count again", seed_files[k]);
		for (i = 0; i < as->n && i < again.n; i++)
			if (strcmp(as->a[i].id, again.a[i].id))
				break;
		is_int(i, as->n, "%s: ids stable across reads",
		       seed_files[k]);
		is_str(again.digest, as->digest, "%s: digest stable",
		       seed_files[k]);
		arts_free(&again);
	}
	is_int(total, 42, "42 seed articles in all");
	is_int(first[0].n, 21, "21 in the first seed file");
	is_int(first[1].n, 21, "21 in the second seed file");
	ok(strcmp(first[0].digest, first[1].digest) != 0,
	   "different files have different digests");
	{
		size_t dups = 0, a, b;

		for (a = 0; a < total; a++)
			for (b = a + 1; b < total; b++) {
				const art_t *x = &first[a / 21].a[a % 21];
				const art_t *y = &first[b / 21].a[b % 21];

				if (!strcmp(x->id, y->id))
					dups++;
			}
		is_int(dups, 0, "the 42 seed ids are all different");
	}
	for (i = 0; i < nex; i++) {
		buf_release(&ex[i].title);
		buf_release(&ex[i].category);
		buf_release(&ex[i].date);
		buf_release(&ex[i].disclaimer);
		buf_release(&ex[i].body);
	}
	arts_free(&first[0]);
	arts_free(&first[1]);
}

/* ------------------------------------------------------------------ */
/* the same page in other encodings and line ends                      */

static int
same_articles(const arts_t *x, const arts_t *y, const char *what)
{
	size_t i;

	if (!is_int(y->n, x->n, "%s: same number of articles", what))
		return 0;
	for (i = 0; i < x->n; i++) {
		const art_t *a = &x->a[i], *b = &y->a[i];

		if (strcmp(a->title, b->title) || strcmp(a->body, b->body) ||
		    strcmp(a->category, b->category) ||
		    strcmp(a->date, b->date) ||
		    strcmp(a->disclaimer, b->disclaimer) || a->line != b->line)
			break;
	}
	return ok(i == x->n, "%s: identical articles", what);
}

static char *
to_gb18030(const char *in, size_t len, size_t *outlen)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *out, *ip = (char *)in, *op;
	size_t inleft = len, outleft = len * 2 + 16;

	if (cd == (iconv_t)-1) {
		perror("iconv_open");
		exit(99);
	}
	out = op = malloc(outleft);
	if (!out || iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
		perror("iconv");
		exit(99);
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

static void
test_variants(void)
{
	static arts_t orig, var;
	kb_error_t err = { KB_OK, "" };
	kb_buf b = KB_BUF_INIT;
	char src[4096], path[4200];
	char *text, *gb;
	size_t len, gblen, i;

	snprintf(src, sizeof src, "%s/corpus/%s", srcdir_top, seed_files[0]);
	text = slurp(src, &len);
	read_all(src, NULL, &orig, &err);

	/* CRLF with a BOM */
	buf_add(&b, "\xEF\xBB\xBF", 3);
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_addch(&b, '\r');
		buf_addch(&b, text[i]);
	}
	snprintf(path, sizeof path, "%s/crlf-bom.txt", scratch);
	write_file(path, b.buf, b.len);
	is_int(read_all(path, NULL, &var, &err), KB_OK, "read CRLF+BOM copy");
	same_articles(&orig, &var, "CRLF+BOM");
	is_str(var.digest, orig.digest, "CRLF+BOM: same digest");
	ok(var.n && strcmp(var.a[0].id, orig.a[0].id) != 0,
	   "another file: another id for the same title");
	arts_free(&var);

	/* lone CR */
	buf_reset(&b);
	for (i = 0; i < len; i++)
		buf_addch(&b, text[i] == '\n' ? '\r' : text[i]);
	snprintf(path, sizeof path, "%s/cr.txt", scratch);
	write_file(path, b.buf, b.len);
	is_int(read_all(path, NULL, &var, &err), KB_OK, "read CR copy");
	same_articles(&orig, &var, "CR");
	arts_free(&var);

	/* GB18030, detected and named */
	gb = to_gb18030(text, len, &gblen);
	snprintf(path, sizeof path, "%s/gb18030.txt", scratch);
	write_file(path, gb, gblen);
	is_int(read_all(path, NULL, &var, &err), KB_OK, "read GB18030 copy");
	same_articles(&orig, &var, "GB18030 detected");
	is_str(var.digest, orig.digest, "GB18030: same digest");
	arts_free(&var);
	is_int(read_all(path, "GB18030", &var, &err), KB_OK,
	       "read GB18030 copy with --encoding GB18030");
	same_articles(&orig, &var, "GB18030 named");
	arts_free(&var);

	/* neither UTF-8 nor GB18030 */
	snprintf(path, sizeof path, "%s/bad.txt", scratch);
	write_file(path, "标题\n\x80" "abc\n", 11);
	is_int(read_all(path, NULL, &var, &err), KB_ERR_ENCODING,
	       "neither UTF-8 nor GB18030");
	{
		char want[4300];

		snprintf(want, sizeof want,
			 "'%s': byte 7: invalid UTF-8 and not GB18030", path);
		is_str(err.msg, want, "message names the byte offset");
	}
	arts_free(&var);

	free(gb);
	free(text);
	buf_release(&b);
	arts_free(&orig);
}

/* ------------------------------------------------------------------ */
/* a page scraped from a Traditional-script site                       */

static void
test_traditional_page(void)
{
	static const char page[] =
		"醫保異地轉移\n"
		"正文\n"
		"相關推薦\n"
		"\n"
		"標題甲\n"
		"\n"
		"正文甲\n"
		"\n"
		"健康新聞 2025-04-11\n";
	static arts_t as;
	kb_error_t err = { KB_OK, "" };
	char path[4200];

	snprintf(path, sizeof path, "%s/traditional.md", scratch);
	write_file(path, page, sizeof page - 1);
	is_int(read_all(path, NULL, &as, &err), KB_OK,
	       "read a page whose heading is 相關推薦");
	is_int(as.n, 2, "Traditional page: the lead and one related article");
	if (as.n == 2) {
		is_str(as.a[0].title, "醫保異地轉移", "Traditional page: lead title");
		is_str(as.a[1].title, "標題甲", "Traditional page: related title");
		is_str(as.a[1].category, "健康新聞",
		       "Traditional page: category as written");
		is_str(as.a[1].date, "2025-04-11", "Traditional page: date");
	}
	arts_free(&as);
}

/* ------------------------------------------------------------------ */
/* a page with the format's slips                                      */

static void
test_tolerant(void)
{
	static const char page[] =
		"  引导标题  \n"            /* 1 */
		"正文一\n"                  /* 2 */
		"提示：全角冒号的提示\n"    /* 3 */
		" 相关推荐 \n"              /* 4 */
		"\n"                        /* 5 */
		"\n"                        /* 6 */
		"标题甲\n"                  /* 7: no blank lines */
		"正文甲 \n"                 /* 8 */
		"健康新闻 2025-04-11\n"     /* 9 */
		"标题乙\n"                  /* 10: no category/date */
		"\n"                        /* 11 */
		"\n"                        /* 12 */
		"正文乙\n"                  /* 13 */
		"\n"                        /* 14 */
		"\n"                        /* 15 */
		"标题丙\n"                  /* 16 */
		"\n"                        /* 17 */
		"正文丙第一行\n"            /* 18 */
		"正文丙第二行\n"            /* 19 */
		"\n"                        /* 20 */
		"资讯   2024-12-01  \n"     /* 21 */
		"标题甲\n"                  /* 22: the same title again */
		"\n"                        /* 23 */
		"重复标题的正文\n"          /* 24 */
		"\n"                        /* 25 */
		"2025-01-02";               /* 26: date only, no LF */
	static const struct {
		const char *title, *body, *category, *date, *disclaimer;
		unsigned line;
	} want[] = {
		{ "引导标题", "正文一", "", "", "提示：全角冒号的提示", 1 },
		{ "标题甲", "正文甲", "健康新闻", "2025-04-11", "", 7 },
		{ "标题乙", "正文乙", "", "", "", 10 },
		{ "标题丙", "正文丙第一行\n正文丙第二行", "资讯", "2024-12-01",
		  "", 16 },
		{ "标题甲", "重复标题的正文", "", "2025-01-02", "", 22 },
	};
	static arts_t as, again;
	kb_error_t err = { KB_OK, "" };
	char path[4200];
	size_t i;

	snprintf(path, sizeof path, "%s/tolerant.md", scratch);
	write_file(path, page, sizeof page - 1);
	is_int(read_all(path, NULL, &as, &err), KB_OK, "read tolerant page");
	is_int(as.n, KB_ARRAY_SIZE(want), "tolerant page: article count");
	for (i = 0; i < as.n && i < KB_ARRAY_SIZE(want); i++) {
		is_str(as.a[i].title, want[i].title, "tolerant %zu: title", i);
		is_str(as.a[i].body, want[i].body, "tolerant %zu: body", i);
		is_str(as.a[i].category, want[i].category,
		       "tolerant %zu: category", i);
		is_str(as.a[i].date, want[i].date, "tolerant %zu: date", i);
		is_str(as.a[i].disclaimer, want[i].disclaimer,
		       "tolerant %zu: disclaimer", i);
		is_int(as.a[i].line, want[i].line, "tolerant %zu: line", i);
	}
	if (as.n == KB_ARRAY_SIZE(want)) {
		ok(strcmp(as.a[1].id, as.a[4].id) != 0,
		   "duplicate titles get different ids");
		read_all(path, NULL, &again, &err);
		ok(again.n == as.n && !strcmp(again.a[4].id, as.a[4].id) &&
			   !strcmp(again.a[1].id, as.a[1].id),
		   "duplicate-title ids are stable across reads");
		arts_free(&again);
	}
	arts_free(&as);
}

/* ------------------------------------------------------------------ */
/* JSON Lines, .txt, .md, errors                                       */

static void
test_jsonl(void)
{
	static arts_t as;
	kb_error_t err = { KB_OK, "" };
	char path[4096];

	snprintf(path, sizeof path, "%s/tests/data/reader/records.jsonl",
		 srcdir_top);
	is_int(read_all(path, NULL, &as, &err), KB_OK, "read records.jsonl");
	if (!is_int(as.n, 4, "records.jsonl: 4 records"))
		goto out;
	is_str(as.a[0].id, "a1", "jsonl 1: id");
	is_str(as.a[0].title, "医保异地备案", "jsonl 1: \\u escapes decoded");
	is_str(as.a[0].body, "第一段。\n第二段\n第三段",
	       "jsonl 1: body lines trimmed, blank ones dropped");
	is_str(as.a[0].category, "政策", "jsonl 1: category");
	is_str(as.a[0].date, "2025-04-11", "jsonl 1: date");
	is_str(as.a[0].url, "https://example.org/a1", "jsonl 1: url");
	is_int(as.a[0].line, 1, "jsonl 1: line");
	is_str(as.a[1].id, "42", "jsonl 2: numeric id as its text");
	is_str(as.a[1].title, "emoji \xF0\x9F\x98\x80 \"q\" \\ /",
	       "jsonl 2: surrogate pair and escapes, trimmed");
	is_str(as.a[1].category, "", "jsonl 2: null category is empty");
	is_int(as.a[1].line, 3, "jsonl 2: line after a blank line");
	ok(is_hex16(as.a[2].id), "jsonl 3: no id gives a hashed id");
	is_str(as.a[2].body, "", "jsonl 3: empty body");
	is_str(as.a[2].url, "", "jsonl 3: no url");
	is_str(as.a[3].id, "-1.5E+3", "jsonl 4: number id kept as written");
	is_str(as.a[3].source, path, "jsonl: source is the path");
out:
	arts_free(&as);
}

static void
test_jsonl_errors(void)
{
	static const struct {
		unsigned line;
		const char *msg;
	} want[] = {
		{ 1, "expected ':' after object key" },
		{ 2, "missing 'body'" },
		{ 3, "missing 'title'" },
		{ 4, "invalid escape '\\q' in string" },
		{ 5, "unpaired surrogate in string" },
		{ 6, "invalid \\u escape in string" },
		{ 7, "'title' is not a string" },
		{ 8, "expected object key" },
		{ 9, "unexpected text after the object" },
		{ 10, "expected '{' at the start of a record" },
		{ 11, "invalid number" },
		{ 12, "expected ',' or ']' after array element" },
		{ 13, "unterminated string" },
		{ 14, "'id' is not a string or number" },
		{ 0, "ok" }, /* line 15 is a good record */
		{ 16, "expected a value" },
		{ 17, "control character in string" },
		{ 18, "unpaired surrogate in string" },
		{ 19, "expected ',' or '}' after object member" },
	};
	kb_reader_t *r = NULL;
	const kb_article_t *a;
	char path[4096], msg[4300];
	size_t i;

	snprintf(path, sizeof path, "%s/tests/data/reader/bad.jsonl",
		 srcdir_top);
	if (!is_int(kb_reader_open(path, NULL, &r, NULL), KB_OK,
		    "open bad.jsonl"))
		return;
	/* a malformed record is reported and the reader goes on */
	for (i = 0; i < KB_ARRAY_SIZE(want); i++) {
		kb_error_t err = { KB_OK, "" };
		kb_status_t st = kb_reader_next(r, &a, &err);

		if (!want[i].line) {
			ok(st == KB_OK && a && !strcmp(a->title, "ok") &&
				   a->line == 15,
			   "bad.jsonl: good record between bad ones");
			continue;
		}
		snprintf(msg, sizeof msg, "'%s':%u: %s", path, want[i].line,
			 want[i].msg);
		is_int(st, KB_ERR_PARSE, "bad.jsonl line %u: parse error",
		       want[i].line);
		ok(a == NULL, "bad.jsonl line %u: no article", want[i].line);
		is_str(err.msg, msg, "bad.jsonl line %u: message",
		       want[i].line);
	}
	ok(kb_reader_next(r, &a, NULL) == KB_OK && a == NULL,
	   "bad.jsonl: end after the last line");
	kb_reader_close(r);
}

static void
test_text(void)
{
	static arts_t as;
	kb_error_t err = { KB_OK, "" };
	char path[4096];

	snprintf(path, sizeof path, "%s/tests/data/reader/article.md",
		 srcdir_top);
	is_int(read_all(path, NULL, &as, &err), KB_OK, "read article.md");
	if (is_int(as.n, 1, "article.md: one article")) {
		is_str(as.a[0].title, "医保报销指南", "article.md: title");
		is_str(as.a[0].body, "门诊报销\n门诊费用按比例报销。\n- 携带医保卡",
		       "article.md: headings unmarked");
		is_int(as.a[0].line, 2, "article.md: line");
		is_str(as.a[0].category, "", "article.md: no category");
		ok(is_hex16(as.a[0].id), "article.md: id");
	}
	arts_free(&as);

	snprintf(path, sizeof path, "%s/tests/data/reader/article.txt",
		 srcdir_top);
	is_int(read_all(path, NULL, &as, &err), KB_OK, "read article.txt");
	if (is_int(as.n, 1, "article.txt: one article")) {
		is_str(as.a[0].title, "退休人员医保", "article.txt: title");
		is_str(as.a[0].body, "第一段内容。\n第二段内容。\n# 不是标题",
		       "article.txt: body lines, '#' kept");
		is_int(as.a[0].line, 1, "article.txt: line");
	}
	arts_free(&as);
}

static void
test_open_errors(void)
{
	static const struct {
		const char *name;
		kb_status_t st;
		const char *pre, *post; /* the message around the path */
	} cases[] = {
		{ "notes.pdf", KB_ERR_INVALID_ARG, "'",
		  "': unsupported file type (expected .txt, .md, .jsonl or .json)" },
		{ "README", KB_ERR_INVALID_ARG, "'",
		  "': unsupported file type (expected .txt, .md, .jsonl or .json)" },
		{ "missing.txt", KB_ERR_IO, "cannot open '",
		  "': No such file or directory" },
	};
	size_t i;

	for (i = 0; i < KB_ARRAY_SIZE(cases); i++) {
		kb_reader_t *r = (kb_reader_t *)&r;
		kb_error_t err = { KB_OK, "" };
		char path[4200], want[8500];

		snprintf(path, sizeof path, "%s/%s", scratch, cases[i].name);
		snprintf(want, sizeof want, "%s%s%s", cases[i].pre, path,
			 cases[i].post);
		is_int(kb_reader_open(path, NULL, &r, &err), cases[i].st,
		       "open %s: status", cases[i].name);
		is_str(err.msg, want, "open %s: message", cases[i].name);
		ok(r == NULL, "open %s: no reader", cases[i].name);
	}
	kb_reader_close(NULL);
	ok(1, "kb_reader_close(NULL) is harmless");
}

static void
cleanup(void)
{
	static const char *const files[] = {
		"crlf-bom.txt", "cr.txt", "gb18030.txt", "bad.txt",
		"tolerant.md",
	};
	char path[4200];
	size_t i;

	for (i = 0; i < KB_ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof path, "%s/%s", scratch, files[i]);
		unlink(path);
	}
	rmdir(scratch);
}

int
main(void)
{
	srcdir_top = getenv("top_srcdir");
	if (!srcdir_top) {
		printf("1..0 # SKIP top_srcdir is not set\n");
		return 0;
	}
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		return 99;
	}
	test_seeds();
	test_variants();
	test_tolerant();
	test_traditional_page();
	test_jsonl();
	test_jsonl_errors();
	test_text();
	test_open_errors();
	cleanup();
	return done_testing();
}
