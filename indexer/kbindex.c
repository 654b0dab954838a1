/* kbindex - add corpus files to the index, or remove them from it.
 *
 * A thin client of the public API (kbsearch.h).  The paths are gathered
 * first (directories walked in name order, so two runs over the same tree
 * do the same thing), then each file goes to the library.  A file that
 * fails is reported and the rest continue; an error in the index itself
 * stops everything without committing the current batch.  Exit status:
 * 0, or 2 when anything failed.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "kbsearch.h"
#include "buf.h"
#include "dbpath.h"
#include "die.h"

enum {
	OPT_QUIET = 'q',
	OPT_HELP = 'h',
	OPT_DB = 256,
	OPT_ENCODING,
	OPT_DELETE,
	OPT_NO_FACTS,
	OPT_SYNONYMS,
	OPT_BATCH,
	OPT_COMPACT,
	OPT_SHARDS,
	OPT_VERSION,
};

/* The one option table: getopt_long reads it, and tests/t0000 checks that
 * each entry appears in --help and in doc/kbindex.1. */
static const struct option index_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "delete", no_argument, NULL, OPT_DELETE },
	{ "no-facts", no_argument, NULL, OPT_NO_FACTS },
	{ "synonyms", required_argument, NULL, OPT_SYNONYMS },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "compact", no_argument, NULL, OPT_COMPACT },
	{ "shards", required_argument, NULL, OPT_SHARDS },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};
static const char index_short_options[] = "qh";

/* What the corpus readers take (kb_reader_open). */
static const char *const index_extensions[] = { ".txt", ".md", ".json",
						".jsonl" };
#define INDEX_EXTENSIONS_TEXT ".txt, .md, .json or .jsonl"

/* The largest --batch: Xapian keeps a batch in memory until the commit. */
#define BATCH_MAX 1000000

/* Seconds between two redraws of the progress line. */
#define PROGRESS_INTERVAL 0.1

typedef struct ix_dir_id {
	dev_t dev;
	ino_t ino;
} ix_dir_id_t;

typedef struct ix_skipped {
	char *path;
	const char *reason;
} ix_skipped_t;

typedef struct ix_state {
	int deleting;
	int quiet;
	int no_facts;
	int progress; /* draw the progress line */
	char *synonyms_said; /* what --synonyms did, a line for the summary */

	char **files; /* what to index or delete, in order */
	size_t nfiles, afiles;
	ix_skipped_t *skipped;
	size_t nskipped, askipped;
	ix_dir_id_t *dirs; /* every directory entered, so none twice */
	size_t ndirs, adirs;

	unsigned done, indexed, unchanged, failed, absent;
	unsigned long articles, passages;
	double bytes;
	size_t progress_len; /* width of the line on screen, to erase it */
	struct timespec progress_at;
} ix_state_t;

static void
index_help(void)
{
	printf("Usage: %s [OPTION]... PATH...\n"
	       "  or:  %s --delete [OPTION]... PATH...\n"
	       "  or:  %s --synonyms=FILE [OPTION]... [PATH]...\n",
	       die_program(), die_program(), die_program());
	fputs("Add the articles of the corpus files at PATH to the index, replacing\n"
	      "what an earlier run read from the same files; files that have not\n"
	      "changed are skipped.  A directory is walked recursively, in name\n"
	      "order, leaving out hidden entries and files of other types.\n"
	      "Corpus files end in " INDEX_EXTENSIONS_TEXT ".\n"
	      "\n"
	      "      --db=DIR          the index to update, created when missing\n"
	      "                          (default: $KBSEARCH_DB, else\n"
	      "                          $XDG_DATA_HOME/kbsearch/index, else\n"
	      "                          ~/.local/share/kbsearch/index)\n"
	      "      --encoding=ENC    read the files as ENC, a name iconv knows\n"
	      "                          (default: UTF-8, else GB18030)\n"
	      "      --delete          remove the articles of each PATH instead\n"
	      "      --no-facts        do not read passages for facts (to measure\n"
	      "                          what extraction costs)\n"
	      "      --synonyms=FILE   store the synonym list in FILE in the index,\n"
	      "                          replacing the one stored before (an empty\n"
	      "                          FILE removes it): one group of words that\n"
	      "                          mean the same per line, separated by tabs\n"
	      "                          or spaces; searches then match each word's\n"
	      "                          partners too, as with the built-in list\n"
	      "      --batch=N         commit every N passages (1 to 1000000;\n"
	      "                          default: a tenth of the index, 1000 to\n"
	      "                          20000), at article boundaries\n"
	      "      --compact         end by rewriting the index compact (smaller\n"
	      "                          and faster to search; needs room for a\n"
	      "                          second copy while it runs); with no PATH,\n"
	      "                          only compact\n"
	      "      --shards=N        split the index into N shards (1 to 64),\n"
	      "                          written at once, one thread each, and\n"
	      "                          searched as one; an index made so keeps\n"
	      "                          its N\n"
	      "  -q, --quiet           print nothing but errors\n"
	      "  -h, --help            display this help and exit\n"
	      "      --version         output version information and exit\n"
	      "\n"
	      "Exit status is 0 when every file was indexed, and 2 when any failed.\n"
	      "\n"
	      "Examples:\n"
	      "  kbindex corpus/\n"
	      "  kbindex --synonyms=my-synonyms.tsv\n"
	      "  kbindex --compact\n", stdout);
	print_help_footer();
}

/* The bytes of the files in the index folder @path and, for a sharded
 * one, in its shards' folders, for the compaction line; 0 when
 * unreadable. */
static unsigned long long
ix_folder_bytes(const char *path, int depth)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct stat st;
	unsigned long long sum = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;
		if (S_ISREG(st.st_mode)) {
			sum += (unsigned long long)st.st_size;
		} else if (S_ISDIR(st.st_mode) && depth == 0) {
			kb_buf sub = KB_BUF_INIT;

			buf_addf(&sub, "%s/%s", path, e->d_name);
			if (!buf_failed(&sub))
				sum += ix_folder_bytes(sub.buf, 1);
			buf_release(&sub);
		}
	}
	closedir(d);
	return sum;
}

static void *
ix_grow(void *v, size_t *alloc, size_t n, size_t size)
{
	size_t nalloc;

	if (n < *alloc)
		return v;
	nalloc = *alloc ? *alloc * 2 : 64;
	if (nalloc > (size_t)-1 / size / 2 || !(v = realloc(v, nalloc * size)))
		die("out of memory");
	*alloc = nalloc;
	return v;
}

static char *
ix_take(kb_buf *b)
{
	char *s = buf_take(b, NULL);

	if (!s)
		die("out of memory");
	return s;
}

/* "./a//b/" and "a/b" name the same file and must reach the index as the
 * same string, or --delete would not find what was added. */
static char *
ix_clean_path(const char *p)
{
	kb_buf b = KB_BUF_INIT;
	const char *s = p, *e;
	size_t n;

	if (*p == '/')
		buf_addch(&b, '/');
	while (*s) {
		while (*s == '/')
			s++;
		for (e = s; *e && *e != '/'; e++)
			;
		n = (size_t)(e - s);
		if (n && !(n == 1 && *s == '.')) {
			if (b.len && b.buf[b.len - 1] != '/')
				buf_addch(&b, '/');
			buf_add(&b, s, n);
		}
		s = e;
	}
	if (!b.len)
		buf_addch(&b, '.');
	return ix_take(&b);
}

static char *
ix_join(const char *dir, const char *name)
{
	kb_buf b = KB_BUF_INIT;

	if (strcmp(dir, ".") != 0) {
		buf_addstr(&b, dir);
		if (b.buf[b.len - 1] != '/')
			buf_addch(&b, '/');
	}
	buf_addstr(&b, name);
	return ix_take(&b);
}

static int
ix_supported(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return 0;
	for (i = 0; i < sizeof index_extensions / sizeof *index_extensions; i++)
		if (strcasecmp(dot, index_extensions[i]) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Progress                                                            */

static void
ix_progress_clear(ix_state_t *s)
{
	if (s->progress_len) {
		fprintf(stderr, "\r%*s\r", (int)s->progress_len, "");
		s->progress_len = 0;
	}
}

static void
ix_progress(ix_state_t *s, int force)
{
	struct timespec now;
	int n;

	if (!s->progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && s->progress_len &&
	    (double)(now.tv_sec - s->progress_at.tv_sec) +
	    (double)(now.tv_nsec - s->progress_at.tv_nsec) / 1e9 <
	    PROGRESS_INTERVAL)
		return;
	s->progress_at = now;
	n = fprintf(stderr, "\r%s: %u/%zu files, %lu articles, %.1f MB",
		    die_program(), s->done, s->nfiles, s->articles,
		    s->bytes / 1e6);
	/* a shorter line must cover all of the longer one before it */
	if (n > 0 && (size_t)n - 1 < s->progress_len)
		fprintf(stderr, "%*s", (int)(s->progress_len - (size_t)n + 1),
			"");
	if (n > 0 && (size_t)n - 1 > s->progress_len)
		s->progress_len = (size_t)n - 1;
	fflush(stderr);
}

/* A failure that spares the other files. */
__attribute__((format(printf, 2, 3))) static void
ix_fail(ix_state_t *s, const char *fmt, ...)
{
	va_list ap;
	kb_buf b = KB_BUF_INIT;

	ix_progress_clear(s);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	warning("%s", buf_failed(&b) ? "out of memory" : b.buf);
	buf_release(&b);
	s->failed++;
}

/* ------------------------------------------------------------------ */
/* Gathering the files                                                 */

static void
ix_add_file(ix_state_t *s, char *path)
{
	s->files = ix_grow(s->files, &s->afiles, s->nfiles, sizeof *s->files);
	s->files[s->nfiles++] = path;
}

/* Keep @path (now owned by the list) for the summary. */
static void
ix_skip(ix_state_t *s, char *path, const char *reason)
{
	s->skipped = ix_grow(s->skipped, &s->askipped, s->nskipped,
			     sizeof *s->skipped);
	s->skipped[s->nskipped].path = path;
	s->skipped[s->nskipped++].reason = reason;
}

/* Whether the directory @st was walked or is being walked. */
static int
ix_visited(const ix_state_t *s, const struct stat *st)
{
	size_t i;

	for (i = 0; i < s->ndirs; i++)
		if (s->dirs[i].dev == st->st_dev && s->dirs[i].ino == st->st_ino)
			return 1;
	return 0;
}

/* 1 the first time a directory is seen, 0 after: a symlink loop or a
 * directory reached twice is walked once. */
static int
ix_first_visit(ix_state_t *s, const struct stat *st)
{
	if (ix_visited(s, st))
		return 0;
	s->dirs = ix_grow(s->dirs, &s->adirs, s->ndirs, sizeof *s->dirs);
	s->dirs[s->ndirs].dev = st->st_dev;
	s->dirs[s->ndirs++].ino = st->st_ino;
	return 1;
}

static int
ix_is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int
ix_not_hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Byte order, not the locale's: the same tree is walked the same way
 * everywhere. */
static int
ix_by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
ix_walk(ix_state_t *s, const char *dir, const struct stat *dst)
{
	struct dirent **names;
	struct stat st;
	char *path;
	int i, n;

	if (!ix_first_visit(s, dst))
		return;
	n = scandir(dir, &names, ix_not_hidden, ix_by_name);
	if (n < 0) {
		ix_fail(s, "cannot read directory '%s': %s", dir,
			strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		path = ix_join(dir, names[i]->d_name);
		free(names[i]);
		/* stat, not lstat: links are followed, loops cut above */
		if (stat(path, &st) < 0) {
			/* a dangling link: --delete may remove what it was */
			if (s->deleting && errno == ENOENT &&
			    ix_supported(path)) {
				ix_add_file(s, path);
				continue;
			}
			ix_fail(s, "cannot access '%s': %s", path,
				strerror(errno));
			free(path);
		} else if (S_ISDIR(st.st_mode) && !s->deleting &&
			   ix_visited(s, &st) && ix_is_link(path)) {
			/* a link loop, or a second way into one folder:
			 * said once, never followed */
			ix_skip(s, path, "a link to a folder already walked");
		} else if (S_ISDIR(st.st_mode)) {
			ix_walk(s, path, &st);
			free(path);
		} else if (s->deleting && (!S_ISREG(st.st_mode) ||
					   !ix_supported(path))) {
			/* nothing was read from it: nothing to say */
			free(path);
		} else if (!S_ISREG(st.st_mode)) {
			ix_skip(s, path, "not a regular file");
		} else if (!ix_supported(path)) {
			ix_skip(s, path, "unsupported file type");
		} else {
			ix_add_file(s, path);
		}
	}
	free(names);
}

static void
ix_gather(ix_state_t *s, char **args, int nargs)
{
	struct stat st;
	char *path;
	int i;

	for (i = 0; i < nargs; i++) {
		path = ix_clean_path(args[i]);
		if (stat(path, &st) < 0) {
			/* a file gone from disk is what --delete is for */
			if (s->deleting && errno == ENOENT) {
				ix_add_file(s, path);
				continue;
			}
			ix_fail(s, "cannot access '%s': %s", path,
				strerror(errno));
			free(path);
		} else if (S_ISDIR(st.st_mode)) {
			ix_walk(s, path, &st);
			free(path);
		} else if (!s->deleting && !ix_supported(path)) {
			ix_fail(s, "cannot index '%s': unsupported file type "
				"(expected " INDEX_EXTENSIONS_TEXT ")", path);
			free(path);
		} else {
			ix_add_file(s, path);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Indexing                                                            */

/* Errors of one input file; anything else is about the index or the
 * process, and going on would only repeat it. */
static int
ix_file_error(kb_status_t st)
{
	return st == KB_ERR_IO || st == KB_ERR_ENCODING ||
	       st == KB_ERR_PARSE || st == KB_ERR_INVALID_ARG;
}

_Noreturn static void
ix_fatal(ix_state_t *s, kb_indexer_t *ix, const kb_error_t *err)
{
	ix_progress_clear(s);
	kb_indexer_abandon(ix);
	die("%s", err->msg);
}

static void
ix_run(ix_state_t *s, kb_indexer_t *ix, const char *encoding)
{
	kb_file_stats_t fs;
	kb_error_t err;
	kb_status_t st;
	unsigned removed;
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		ix_progress(s, 0);
		if (s->deleting) {
			removed = 0;
			st = kb_indexer_delete_file(ix, s->files[i], &removed,
						    &err);
		} else {
			memset(&fs, 0, sizeof fs);
			st = kb_indexer_add_file(ix, s->files[i], encoding,
						 &fs, &err);
		}
		s->done++;
		if (st != KB_OK && !ix_file_error(st))
			ix_fatal(s, ix, &err);
		if (st != KB_OK) {
			ix_fail(s, "%s", err.msg);
			continue;
		}
		if (s->deleting) {
			if (removed) {
				s->indexed++;
				s->passages += removed;
			} else {
				s->absent++;
				ix_skip(s, s->files[i], "not in the index");
				s->files[i] = NULL;
			}
			continue;
		}
		s->indexed++;
		s->unchanged += fs.unchanged != 0;
		s->articles += fs.articles;
		s->passages += fs.passages;
		s->bytes += fs.bytes > 0 ? (double)fs.bytes : 0;
	}
	ix_progress(s, 1);
}

/* ix_run for a sharded index: the shards are written at once, and the
 * files' outcomes are told when all are done. */
static void
ix_run_shards(ix_state_t *s, kb_shards_t *sh, const char *encoding)
{
	kb_shard_file_t *res = calloc(s->nfiles ? s->nfiles : 1, sizeof *res);
	kb_error_t err;
	size_t i;

	if (!res)
		die("out of memory");
	if (kb_shards_run(sh, s->files, s->nfiles, encoding, s->deleting, res,
			  &err) != KB_OK) {
		kb_shards_abandon(sh);
		die("%s", err.msg);
	}
	for (i = 0; i < s->nfiles; i++) {
		s->done++;
		if (res[i].status != KB_OK) {
			ix_fail(s, "%s", res[i].msg);
			continue;
		}
		if (s->deleting) {
			if (res[i].removed) {
				s->indexed++;
				s->passages += res[i].removed;
			} else {
				s->absent++;
				ix_skip(s, s->files[i], "not in the index");
				s->files[i] = NULL;
			}
			continue;
		}
		s->indexed++;
		s->unchanged += res[i].stats.unchanged != 0;
		s->articles += res[i].stats.articles;
		s->passages += res[i].stats.passages;
		s->bytes += res[i].stats.bytes > 0 ? (double)res[i].stats.bytes
						   : 0;
	}
	free(res);
}

static const char *
ix_plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
ix_summary(const ix_state_t *s)
{
	size_t i;

	if (s->deleting)
		fprintf(stderr, "%s: deleted %u %s, %lu %s", die_program(),
			s->indexed, ix_plural(s->indexed, "file", "files"),
			s->passages,
			ix_plural(s->passages, "passage", "passages"));
	else
		fprintf(stderr,
			"%s: indexed %u %s (%u unchanged), %lu %s, %lu %s",
			die_program(), s->indexed,
			ix_plural(s->indexed, "file", "files"), s->unchanged,
			s->articles,
			ix_plural(s->articles, "article", "articles"),
			s->passages,
			ix_plural(s->passages, "passage", "passages"));
	if (s->deleting && s->absent)
		fprintf(stderr, "; %u %s not in the index", s->absent,
			ix_plural(s->absent, "file was", "files were"));
	else if (!s->deleting)
		fprintf(stderr, "; skipped %zu %s", s->nskipped,
			ix_plural(s->nskipped, "file", "files"));
	if (s->failed)
		fprintf(stderr, "; %u %s", s->failed,
			ix_plural(s->failed, "error", "errors"));
	fputc('\n', stderr);
	for (i = 0; i < s->nskipped; i++)
		if (s->deleting)
			fprintf(stderr, "%s: '%s' was %s\n", die_program(),
				s->skipped[i].path, s->skipped[i].reason);
		else
			fprintf(stderr, "%s: skipped '%s': %s\n", die_program(),
				s->skipped[i].path, s->skipped[i].reason);
}

/* Store the synonym list @path; what happened is told after the commit,
 * with the summary. */
static void
ix_synonyms(ix_state_t *s, kb_indexer_t *ix, const char *path)
{
	kb_buf b = KB_BUF_INIT;
	kb_error_t err;
	unsigned n;

	if (kb_indexer_set_synonyms(ix, path, &n, &err) != KB_OK)
		ix_fatal(s, ix, &err);
	if (n)
		buf_addf(&b, "%s: stored the synonym list '%s': %u %s\n",
			 die_program(), path, n,
			 ix_plural(n, "group", "groups"));
	else
		buf_addf(&b, "%s: no synonym list stored ('%s' has no group)\n",
			 die_program(), path);
	s->synonyms_said = ix_take(&b);
}

/* Xapian creates the index directory but not the ones above it. */
static void
ix_make_parents(const char *path)
{
	kb_buf b = KB_BUF_INIT;
	size_t i;

	buf_addstr(&b, path);
	if (buf_failed(&b))
		die("out of memory");
	for (i = 1; i < b.len; i++) {
		if (b.buf[i] != '/')
			continue;
		b.buf[i] = '\0';
		/* a failure here shows up, better worded, when opening */
		(void)mkdir(b.buf, 0777);
		b.buf[i] = '/';
	}
	buf_release(&b);
}

static void
ix_check_encoding(const char *encoding)
{
	iconv_t cd = iconv_open("UTF-8", encoding);

	if (cd == (iconv_t)-1)
		usage_error("invalid --encoding '%s': not an encoding iconv "
			    "knows", encoding);
	iconv_close(cd);
}

/* The value of option --@name: a whole decimal number from 1 to @max, or
 * a usage error naming the option. */
static unsigned
ix_count(const char *name, const char *arg, unsigned max)
{
	unsigned long v = 0;
	const char *p;

	for (p = arg; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > max)
			break;
	}
	if (p == arg || *p || v < 1 || v > max)
		usage_error("invalid --%s '%s': expected a number from 1 "
			    "to %u", name, arg, max);
	return (unsigned)v;
}

/* The sharded index at @dir: opened, set up and written. */
static void
ix_sharded(ix_state_t *s, const char *dir, unsigned n, unsigned batch,
	   const char *synonyms, const char *encoding, char **paths,
	   int npaths, int compact, unsigned long long *before)
{
	kb_shards_t *sh;
	kb_error_t err;
	struct stat st;
	unsigned i, groups = 0;

	if (kb_shards_open(dir, n, &sh, &err) != KB_OK)
		die("%s", err.msg);
	for (i = 0; i < kb_shards_count(sh); i++) {
		kb_indexer_t *ix = kb_shards_indexer(sh, i);

		kb_indexer_set_passage_facts(ix, !s->no_facts);
		kb_indexer_set_batch(ix, batch);
		kb_indexer_set_compact(ix, compact);
		/* every shard holds the list: the synonym table is read
		 * from each */
		if (synonyms) {
			free(s->synonyms_said);
			s->synonyms_said = NULL;
			if (kb_indexer_set_synonyms(ix, synonyms, &groups, &err) !=
			    KB_OK) {
				kb_shards_abandon(sh);
				die("%s", err.msg);
			}
		}
	}
	if (synonyms) {
		kb_buf b = KB_BUF_INIT;

		if (groups)
			buf_addf(&b, "%s: stored the synonym list '%s': %u %s\n",
				 die_program(), synonyms, groups,
				 ix_plural(groups, "group", "groups"));
		else
			buf_addf(&b, "%s: no synonym list stored ('%s' has no group)\n",
				 die_program(), synonyms);
		s->synonyms_said = ix_take(&b);
	}
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		ix_first_visit(s, &st);
	ix_gather(s, paths, npaths);
	ix_run_shards(s, sh, encoding);
	/* the size the compaction starts from, once all is committed */
	for (i = 0; compact && i < kb_shards_count(sh); i++)
		if (kb_indexer_commit(kb_shards_indexer(sh, i), &err) != KB_OK) {
			kb_shards_abandon(sh);
			die("%s", err.msg);
		}
	if (compact)
		*before = ix_folder_bytes(dir, 0);
	if (kb_shards_close(sh, &err) != KB_OK)
		die("%s", err.msg);
}

static void
ix_release(ix_state_t *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	for (i = 0; i < s->nskipped; i++)
		free(s->skipped[i].path);
	free(s->files);
	free(s->skipped);
	free(s->dirs);
	free(s->synonyms_said);
}

int
main(int argc, char **argv)
{
	ix_state_t s;
	const char *db_opt = NULL, *encoding = NULL, *synonyms = NULL;
	kb_buf dbpath = KB_BUF_INIT;
	kb_indexer_t *ix = NULL;
	kb_error_t err;
	struct stat st;
	unsigned batch = 0, shards = 0, stored = 0;
	int c, compact = 0;
	unsigned long long before = 0;

	memset(&s, 0, sizeof s);
	die_init("kbindex");
	/* getopt names the program after argv[0]; use the fixed name */
	argv[0] = (char *)"kbindex";
	while ((c = getopt_long(argc, argv, index_short_options,
				index_options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db_opt = optarg;
			break;
		case OPT_ENCODING:
			encoding = optarg;
			break;
		case OPT_DELETE:
			s.deleting = 1;
			break;
		case OPT_NO_FACTS:
			s.no_facts = 1;
			break;
		case OPT_SYNONYMS:
			synonyms = optarg;
			break;
		case OPT_BATCH:
			batch = ix_count("batch", optarg, BATCH_MAX);
			break;
		case OPT_COMPACT:
			compact = 1;
			break;
		case OPT_SHARDS:
			shards = ix_count("shards", optarg, KB_SHARDS_MAX);
			break;
		case OPT_QUIET:
			s.quiet = 1;
			break;
		case OPT_HELP:
			index_help();
			close_stdout();
			return 0;
		case OPT_VERSION:
			print_version();
			close_stdout();
			return 0;
		default: /* getopt has said what is wrong */
			try_help();
		}
	}
	if (optind == argc && !synonyms && !compact)
		usage_error("no PATH given");
	if (optind == argc && compact && s.deleting)
		usage_error("--delete needs a PATH");
	if (encoding) {
		if (s.deleting)
			usage_error("--encoding makes no sense with --delete");
		ix_check_encoding(encoding);
	}

	if (db_opt)
		buf_addstr(&dbpath, db_opt);
	else if (dbpath_default(&dbpath) < 0)
		die("no index location: set KBSEARCH_DB or HOME, or use --db");
	if (buf_failed(&dbpath))
		die("out of memory");
	/* a bad list is refused before the index is opened, let alone
	 * created */
	if (synonyms && kb_synonyms_check(synonyms, NULL, &err) != KB_OK)
		die("%s", err.msg);
	/* compacting alone makes no index where there is none */
	if (compact && optind == argc && !synonyms &&
	    stat(dbpath.buf, &st) != 0 && errno == ENOENT)
		die("cannot compact '%s': no index there", dbpath.buf);
	ix_make_parents(dbpath.buf);
	if (kb_shards_stored(dbpath.buf, &stored, &err) != KB_OK)
		die("%s", err.msg);
	if (shards || stored) {
		ix_sharded(&s, dbpath.buf, shards, batch, synonyms, encoding,
			   argv + optind, argc - optind, compact, &before);
		goto done;
	}
	switch (kb_indexer_open(dbpath.buf, &ix, &err)) {
	case KB_OK:
		break;
	case KB_ERR_INDEX_LOCKED:
		/* the library cannot know who the other writer is; here it
		 * is all but always another kbindex */
		die("cannot open index '%s' for writing: another kbindex is "
		    "writing to it", dbpath.buf);
	default:
		die("%s", err.msg);
	}
	kb_indexer_set_passage_facts(ix, !s.no_facts);
	kb_indexer_set_batch(ix, batch);
	kb_indexer_set_compact(ix, compact);
	if (synonyms)
		ix_synonyms(&s, ix, synonyms);
	/* an index kept inside the corpus is not part of it */
	if (stat(dbpath.buf, &st) == 0 && S_ISDIR(st.st_mode))
		ix_first_visit(&s, &st);

	s.progress = !s.quiet && isatty(STDERR_FILENO);
	ix_gather(&s, argv + optind, argc - optind);
	ix_run(&s, ix, encoding);
	ix_progress_clear(&s);
	/* the size the compaction starts from, once all is committed */
	if (compact) {
		if (kb_indexer_commit(ix, &err) != KB_OK)
			die("%s", err.msg);
		before = ix_folder_bytes(dbpath.buf, 0);
	}
	/* nothing is committed, so a summary would say what did not happen */
	if (kb_indexer_close(ix, &err) != KB_OK)
		die("%s", err.msg);
done:
	if (!s.quiet && s.synonyms_said)
		fputs(s.synonyms_said, stderr);
	if (!s.quiet && optind < argc)
		ix_summary(&s);
	if (!s.quiet && compact)
		fprintf(stderr, "%s: compacted '%s': %.1f MB, was %.1f MB\n",
			die_program(), dbpath.buf,
			ix_folder_bytes(dbpath.buf, 0) / 1e6, before / 1e6);
	ix_release(&s);
	buf_release(&dbpath);
	close_stdout();
	return s.failed ? DIE_STATUS : 0;
}
