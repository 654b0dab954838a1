/* t-synonyms.c - synonym lists: the parser and its errors, which keys of
 * the synonym table the lists own, the built-in list, and a user's list
 * stored in an index (kb_indexer_set_synonyms). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "kbsearch.h"
#include "schema.h"
#include "synonyms.h"
#include "../xapian-c/xc.h"

/* The groups of a list as "a,b|c,d". */
static kb_status_t
collect(void *ctx, const char *words, size_t n, kb_error_t *err)
{
	kb_buf *b = ctx;

	(void)err;
	if (b->len)
		buf_addch(b, '|');
	for (size_t i = 0; i < n; i++, words += strlen(words) + 1) {
		if (i)
			buf_addch(b, ',');
		buf_addstr(b, words);
	}
	return KB_OK;
}

static const struct {
	const char *text;
	kb_status_t status;
	const char *want; /* the groups, or the message */
	size_t groups;
} parse_cases[] = {
	{ "", KB_OK, "", 0 },
	{ "# only a comment\n\n", KB_OK, "", 0 },
	{ "医保\t医疗保险\n", KB_OK, "医保,医疗保险", 1 },
	/* spaces separate too, and a run of them is one separator */
	{ "医保  医疗保险\t \t基本医疗保险", KB_OK,
	  "医保,医疗保险,基本医疗保险", 1 },
	/* words are normalized: full width, case; a BOM and CRs go */
	{ "\xef\xbb\xbf" "ＡＰＰ\tApp\t手机app\r\n", KB_OK, "app,手机app", 1 },
	/* a word twice counts once */
	{ "新农合\t新农合\t农合\n", KB_OK, "新农合,农合", 1 },
	{ "a\tb\n#c\td\n\ne\tf", KB_OK, "a,b|e,f", 2 },
	{ "医保\t医疗保险\n\n孤单\n", KB_ERR_PARSE,
	  "'t.tsv' line 3: a synonym group needs at least two words", 0 },
	{ "新农合\t新农合\n", KB_ERR_PARSE,
	  "'t.tsv' line 1: a synonym group needs at least two words", 0 },
	{ "a\tb\nc\t\xff\n", KB_ERR_ENCODING,
	  "'t.tsv' line 2: invalid UTF-8", 0 },
	{ "医保\t123\n", KB_ERR_PARSE,
	  "'t.tsv' line 1: word '123' has no letters", 0 },
	{ "医保\t!!\n", KB_ERR_PARSE,
	  "'t.tsv' line 1: word '!!' has no letters", 0 },
	/* 21 Han characters: 63 bytes; the message shows 10 of them */
	{ "医保\t一二三四五六七八九十一二三四五六七八九十一\n", KB_ERR_PARSE,
	  "'t.tsv' line 1: word '一二三四五六七八九十...' is too long (over 60 bytes)",
	  0 },
	/* 20 are fine */
	{ "医保\t一二三四五六七八九十一二三四五六七八九十\n", KB_OK,
	  "医保,一二三四五六七八九十一二三四五六七八九十", 1 },
};

static void
test_parse(void)
{
	kb_buf got = KB_BUF_INIT;

	for (size_t i = 0; i < KB_ARRAY_SIZE(parse_cases); i++) {
		kb_error_t err;
		size_t n = 99;
		kb_status_t rc;

		buf_reset(&got);
		rc = syn_parse(parse_cases[i].text, strlen(parse_cases[i].text),
			       "t.tsv", collect, &got, &n, &err);
		is_int(rc, parse_cases[i].status, "parse %zu: status", i);
		if (rc == KB_OK) {
			is_str(got.buf, parse_cases[i].want,
			       "parse %zu: groups", i);
			is_int(n, parse_cases[i].groups, "parse %zu: count", i);
		} else {
			is_str(err.msg, parse_cases[i].want,
			       "parse %zu: message", i);
		}
	}
	buf_release(&got);
}

/* More words than a group may have. */
static void
test_too_many(void)
{
	kb_buf text = KB_BUF_INIT;
	kb_error_t err;

	for (int i = 0; i <= SYN_GROUP_MAX; i++)
		buf_addf(&text, "%sw%c%c", i ? "\t" : "", 'a' + i / 26,
			 'a' + i % 26);
	is_int(syn_parse(text.buf, text.len, "t.tsv", NULL, NULL, NULL, &err),
	       KB_ERR_PARSE, "a group of 33 words is refused");
	is_str(err.msg,
	       "'t.tsv' line 1: too many words in a synonym group (at most 32)",
	       "its message");
	buf_setlen(&text, text.len - 4); /* the last word and its tab */
	is_int(syn_parse(text.buf, text.len, "t.tsv", NULL, NULL, NULL, &err),
	       KB_OK, "32 words are fine");
	buf_release(&text);
}

static const struct {
	const char *key;
	int list;
} key_cases[] = {
	{ "医保", 1 },
	{ "app", 1 },
	{ "a", 1 },
	{ "", 1 },
	{ "p:x", 1 },   /* lower case: a list's word may be that */
	{ "py", 1 },
	{ "PY", 1 },    /* no colon */
	{ "P", 1 },
	{ "1:x", 1 },
	{ "P:医保", 0 }, /* another part of the index owns these */
	{ "PY:yibao", 0 },
	{ "PI:yb", 0 },
	{ "Z:", 0 },
	{ "A:", 0 },
	{ "ABC:x", 0 },
	{ "PYx:", 1 },
	{ "Py:x", 1 },
	{ ":x", 1 },
	{ "医保:x", 1 },
};

static void
test_keys(void)
{
	for (size_t i = 0; i < KB_ARRAY_SIZE(key_cases); i++)
		is_int(syn_key_is_list(key_cases[i].key,
				       strlen(key_cases[i].key)),
		       key_cases[i].list, "key '%s' %s the lists'",
		       key_cases[i].key, key_cases[i].list ? "is" : "is not");
}

/* The built-in list parses, and has the groups the domain needs. */
static void
test_builtin(void)
{
	const char *top = getenv("top_srcdir");
	kb_buf path = KB_BUF_INIT, text = KB_BUF_INIT, got = KB_BUF_INIT;
	kb_error_t err;
	size_t n = 0;

	buf_addf(&path, "%s/data/synonyms.tsv", top ? top : ".");
	if (!ok(syn_read_file(path.buf, &text, &n, &err) == KB_OK,
		"data/synonyms.tsv is a valid list"))
		diag("%s", err.msg);
	ok(n >= 150, "it has %zu groups", n);
	buf_addch(&got, '|');
	ok(syn_parse(text.buf, text.len, "s", collect, &got, NULL, &err) ==
	   KB_OK && (buf_addch(&got, '|'), 1) &&
	   strstr(got.buf, "|医保,医疗保险,基本医疗保险|") &&
	   strstr(got.buf, "|社保,社会保险|"), "it has 医保 and 社保");
	buf_release(&path);
	buf_release(&text);
	buf_release(&got);
}

/* ---- a user's list in an index -------------------------------------- */

static int
on_syn(void *ctx, const char *s, size_t len)
{
	kb_buf *b = ctx;

	if (b->len)
		buf_addch(b, ',');
	buf_add(b, s, len);
	return 0;
}

/* The synonyms of @term in the index at @path ("," between). */
static const char *
syns(const char *path, const char *term, kb_buf *b)
{
	xc_db *db;
	xc_error xe;

	buf_reset(b);
	if (xc_db_open(path, &db, &xe) ||
	    xc_db_synonyms(db, term, strlen(term), on_syn, b, &xe))
		buf_addf(b, "error: %s", xe.msg);
	xc_db_close(db);
	return b->buf;
}

/* The stored user's list of the index at @path. */
static const char *
stored(const char *path, kb_buf *b)
{
	xc_db *db;
	xc_error xe;
	char *v = NULL;
	size_t len = 0;

	buf_reset(b);
	if (xc_db_open(path, &db, &xe) ||
	    xc_db_get_metadata(db, KB_META_USER_SYNONYMS, &v, &len, &xe))
		buf_addf(b, "error: %s", xe.msg);
	else
		buf_add(b, v, len);
	free(v);
	xc_db_close(db);
	return b->buf;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Open @ix, store the list @list (a path) when non-NULL, close. */
static kb_status_t
run_indexer(const char *ix, const char *list, unsigned *groups,
	    kb_error_t *err)
{
	kb_indexer_t *w;
	kb_status_t rc;

	if ((rc = kb_indexer_open(ix, &w, err)))
		return rc;
	if (list && (rc = kb_indexer_set_synonyms(w, list, groups, err))) {
		kb_indexer_abandon(w);
		return rc;
	}
	return kb_indexer_close(w, err);
}

static void
test_index(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096];
	kb_buf ix = KB_BUF_INIT, mine = KB_BUF_INIT, bad = KB_BUF_INIT,
	       empty = KB_BUF_INIT, b = KB_BUF_INIT, cmd = KB_BUF_INIT;
	const char *list = "# ours\n心悸\t心慌\n医保\t医保卡片\n";
	unsigned groups = 0;
	kb_error_t err;
	xc_db *w;
	xc_error xe;

	snprintf(dir, sizeof dir, "%s/t-synonyms.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		ok(0, "cannot make a scratch directory");
		return;
	}
	buf_addf(&ix, "%s/ix", dir);
	buf_addf(&mine, "%s/mine.tsv", dir);
	buf_addf(&bad, "%s/bad.tsv", dir);
	buf_addf(&empty, "%s/empty.tsv", dir);
	write_file(mine.buf, list);
	write_file(bad.buf, "心悸\t心慌\n孤单\n");
	write_file(empty.buf, "");

	is_int(run_indexer(ix.buf, NULL, NULL, &err), KB_OK, "a new index");
	is_str(syns(ix.buf, "医保", &b), "医疗保险,基本医疗保险",
	       "it has the built-in list");
	/* another part of the index keeps entries of its own in the table,
	 * and a list of before left one behind */
	ok(!xc_db_open_writable(ix.buf, 0, &w, &xe) &&
	   !xc_db_add_synonym(w, "PY:yibao", 8, "医保", 6, &xe) &&
	   !xc_db_add_synonym(w, "旧词", 6, "新词", 6, &xe) &&
	   !xc_db_set_metadata(w, KB_META_SYNONYMS, "old", 3, &xe) &&
	   !xc_db_commit(w, &xe), "entries added by hand");
	xc_db_close(w);

	is_int(run_indexer(ix.buf, mine.buf, &groups, &err), KB_OK,
	       "a user's list is stored");
	is_int(groups, 2, "its groups are counted");
	is_str(syns(ix.buf, "心悸", &b), "心慌", "its words are synonyms");
	is_str(syns(ix.buf, "医保", &b), "医保卡片,医疗保险,基本医疗保险",
	       "a word of both lists gets the words of both groups");
	is_str(syns(ix.buf, "医疗保险", &b), "医保,基本医疗保险",
	       "the built-in partners do not get the user's words");
	is_str(syns(ix.buf, "PY:yibao", &b), "医保",
	       "keys of an uppercase letter and a colon stay");
	is_str(syns(ix.buf, "旧词", &b), "", "a list's old keys go");
	is_str(stored(ix.buf, &b), list, "the list's text is in the metadata");

	/* a newer built-in list (another digest): merged with the stored */
	ok(!xc_db_open_writable(ix.buf, 0, &w, &xe) &&
	   !xc_db_set_metadata(w, KB_META_SYNONYMS, "new", 3, &xe) &&
	   !xc_db_clear_synonyms(w, "心悸", 6, &xe) &&
	   !xc_db_commit(w, &xe), "the digest changed by hand");
	xc_db_close(w);
	is_int(run_indexer(ix.buf, NULL, NULL, &err), KB_OK,
	       "a run without a list");
	is_str(syns(ix.buf, "心悸", &b), "心慌",
	       "the stored list is written again with the built-in one");
	is_str(syns(ix.buf, "PY:yibao", &b), "医保", "the other keys stay");

	is_int(run_indexer(ix.buf, bad.buf, NULL, &err), KB_ERR_PARSE,
	       "a bad list is refused");
	buf_addf(&cmd, "'%s' line 2: a synonym group needs at least two words",
		 bad.buf);
	is_str(err.msg, cmd.buf, "with its file and line");
	is_str(stored(ix.buf, &b), list, "the stored list stays");
	is_str(syns(ix.buf, "心悸", &b), "心慌", "and so do its synonyms");

	is_int(kb_synonyms_check(bad.buf, &groups, &err), KB_ERR_PARSE,
	       "kb_synonyms_check refuses it too");
	is_int(kb_synonyms_check(mine.buf, &groups, &err), KB_OK,
	       "and takes a good one");
	is_int(groups, 2, "counting its groups");

	is_int(run_indexer(ix.buf, empty.buf, &groups, &err), KB_OK,
	       "an empty list");
	is_int(groups, 0, "has no groups");
	is_str(stored(ix.buf, &b), "", "it removes the stored list");
	is_str(syns(ix.buf, "心悸", &b), "", "and its synonyms");
	is_str(syns(ix.buf, "医保", &b), "医疗保险,基本医疗保险",
	       "the built-in list stays");
	is_str(syns(ix.buf, "PY:yibao", &b), "医保", "the other keys stay");

	buf_reset(&cmd);
	buf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf))
		diag("cannot remove %s", dir);
	buf_release(&ix);
	buf_release(&mine);
	buf_release(&bad);
	buf_release(&empty);
	buf_release(&b);
	buf_release(&cmd);
}

int
main(void)
{
	test_parse();
	test_too_many();
	test_keys();
	test_builtin();
	test_index();
	return done_testing();
}
