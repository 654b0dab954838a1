/* synonyms.c - reading and checking synonym lists (synonyms.h). */
#include <config.h>

#include "synonyms.h"
#include "normalize.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#define SYN_BOM "\xef\xbb\xbf"

/* The synonym table is shared: other parts of the index keep entries of
 * their own in it under keys that start with uppercase ASCII letters and
 * a colon ("PY:..." for pinyin).  A word of a list is normalized, so
 * lower-cased, and never starts that way; rewriting the lists clears only
 * the keys this says are theirs. */
int
syn_key_is_list(const char *key, size_t len)
{
	size_t i = 0;

	while (i < len && key[i] >= 'A' && key[i] <= 'Z')
		i++;
	return !(i > 0 && i < len && key[i] == ':');
}

/* 1 if the normalized word @s has a letter (Han characters are letters). */
static int
syn_has_letter(const char *s, size_t len)
{
	while (len) {
		int32_t cp;
		size_t n = norm_decode(s, len, &cp);
		utf8proc_category_t c = utf8proc_category(cp);

		if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
			return 1;
		s += n;
		len -= n;
	}
	return 0;
}

/* 1 if @w (@len bytes) is one of the @n words at @words. */
static int
syn_has_word(const kb_buf *words, size_t n, const char *w, size_t len)
{
	const char *p = words->buf;

	for (size_t i = 0; i < n; i++, p += strlen(p) + 1)
		if (strlen(p) == len && !memcmp(p, w, len))
			return 1;
	return 0;
}

/* @len bytes of @s cut to at most @max, at a character boundary. */
static int
syn_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
}

/* The distinct words of normalized @line into @words; 0 of them for a
 * blank line. */
static kb_status_t
syn_split(const char *line, size_t len, const char *name, unsigned lineno,
	  kb_buf *words, size_t *n, kb_error_t *err)
{
	buf_reset(words);
	*n = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;

		while (j < len && line[j] != ' ' && line[j] != '\t')
			j++;
		if (j == i) {
			i++;
			continue;
		}
		if (j - i > SYN_WORD_MAX)
			return kb_fail(err, KB_ERR_PARSE,
				       "'%s' line %u: word '%.*s...' is too long (over %d bytes)",
				       name, lineno,
				       syn_cut(line + i, j - i, 30), line + i,
				       SYN_WORD_MAX);
		if (!syn_has_letter(line + i, j - i))
			return kb_fail(err, KB_ERR_PARSE,
				       "'%s' line %u: word '%.*s' has no letters",
				       name, lineno, (int)(j - i), line + i);
		if (!syn_has_word(words, *n, line + i, j - i)) {
			if (*n == SYN_GROUP_MAX)
				return kb_fail(err, KB_ERR_PARSE,
					       "'%s' line %u: too many words in a synonym group (at most %d)",
					       name, lineno, SYN_GROUP_MAX);
			buf_add(words, line + i, j - i);
			buf_addch(words, '\0');
			(*n)++;
		}
		i = j;
	}
	return buf_failed(words) ? kb_fail_buf(err, words, "a synonym group")
				 : KB_OK;
}

kb_status_t
syn_parse(const char *text, size_t len, const char *name, syn_group_fn fn,
	  void *ctx, size_t *ngroups, kb_error_t *err)
{
	const char *p = text, *end = text + len;
	kb_buf line = KB_BUF_INIT, words = KB_BUF_INIT;
	unsigned lineno = 0;
	size_t groups = 0, n;
	kb_status_t rc = KB_OK;

	if (len >= 3 && !memcmp(p, SYN_BOM, 3))
		p += 3;
	buf_init(&line, 0);
	buf_init(&words, 0);
	for (; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t ll = eol ? (size_t)(eol - p) : (size_t)(end - p);
		const char *s = p;

		p += ll + 1;
		lineno++;
		if (ll && s[ll - 1] == '\r')
			ll--;
		if (!ll || s[0] == '#')
			continue;
		buf_reset(&line);
		rc = norm_utf8(s, ll, &line, NULL, NULL, err);
		if (rc == KB_ERR_ENCODING)
			rc = kb_fail(err, rc, "'%s' line %u: invalid UTF-8",
				     name, lineno);
		if (rc || (rc = syn_split(line.buf, line.len, name, lineno,
					  &words, &n, err)))
			goto out;
		if (!n)
			continue;
		if (n < 2) {
			rc = kb_fail(err, KB_ERR_PARSE,
				     "'%s' line %u: a synonym group needs at least two words",
				     name, lineno);
			goto out;
		}
		if (fn && (rc = fn(ctx, words.buf, n, err)))
			goto out;
		groups++;
	}
	if (ngroups)
		*ngroups = groups;
out:
	buf_release(&line);
	buf_release(&words);
	return rc;
}

kb_status_t
syn_read_file(const char *path, kb_buf *out, size_t *ngroups, kb_error_t *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	kb_status_t rc = KB_OK;

	buf_reset(out);
	if (!f)
		return kb_fail(err, KB_ERR_IO, "cannot open '%s': %s", path,
			       strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > SYN_LIST_MAX) {
			rc = kb_fail(err, KB_ERR_INVALID_ARG,
				     "'%s': file is too large (over %d MiB)",
				     path, SYN_LIST_MAX >> 20);
			goto out;
		}
		buf_add(out, chunk, n);
	}
	if (ferror(f)) {
		rc = kb_fail(err, KB_ERR_IO, "cannot read '%s': %s", path,
			     strerror(errno));
		goto out;
	}
	if (buf_failed(out)) {
		rc = kb_fail_buf(err, out, "the synonym list");
		goto out;
	}
	rc = syn_parse(out->buf, out->len, path, NULL, NULL, ngroups, err);
out:
	fclose(f);
	return rc;
}
