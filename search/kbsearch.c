/* kbsearch - search the index from the command line.
 *
 * A thin client of the public API (kbsearch.h): parse the options, open
 * the index, search, and hand the hits to an emitter (emit.h).  Exit
 * status: 0 when there are hits, 1 when there are none, 2 on error.
 * --interactive and --serve keep the index open and answer query after
 * query (modes.h).
 */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kbsearch.h"
#include "buf.h"
#include "dbpath.h"
#include "die.h"
#include "emit.h"
#include "modes.h"

#define SEARCH_LIMIT_MAX 1000
#define SEARCH_OFFSET_MAX 100000
/* A reader that meets a commit in progress is told to retry. */
#define SEARCH_ATTEMPTS 3
/* Hits a page of the help desk shows unless --limit says otherwise: a
 * page fits on a terminal. */
#define SEARCH_INTERACTIVE_LIMIT 5

enum {
	OPT_DB = 'd',
	OPT_LIMIT = 'n',
	OPT_PASSAGES = 'p',
	OPT_FILTER = 'f',
	OPT_HELP = 'h',
	OPT_OFFSET = 256,
	OPT_FACETS,
	OPT_FORMAT,
	OPT_COLOR,
	OPT_INTERACTIVE,
	OPT_SERVE,
	OPT_EXPLAIN,
	OPT_VERSION,
};

/* The one option table: getopt_long reads it, and tests/t0000 checks that
 * each entry appears in --help and in doc/kbsearch.1. */
static const struct option search_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "offset", required_argument, NULL, OPT_OFFSET },
	{ "passages", no_argument, NULL, OPT_PASSAGES },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "facets", no_argument, NULL, OPT_FACETS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "interactive", no_argument, NULL, OPT_INTERACTIVE },
	{ "serve", no_argument, NULL, OPT_SERVE },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};
static const char search_short_options[] = "d:n:pf:h";

enum search_format { FORMAT_TEXT, FORMAT_JSON };
enum search_mode { MODE_ONCE, MODE_INTERACTIVE, MODE_SERVE };
enum search_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

static void
search_help(void)
{
	printf("Usage: %s [OPTION]... QUERY...\n"
	       "  or:  %s --interactive [OPTION]... [QUERY]...\n"
	       "  or:  %s --serve [OPTION]...\n",
	       die_program(), die_program(), die_program());
	fputs("Search the knowledge base for QUERY: keywords, a phrase or a whole\n"
	      "question.  The words of QUERY are joined with spaces; a word such as\n"
	      "region:江西 is a filter (see --filter).  With a filter, QUERY may be\n"
	      "left out.  Without QUERY on a terminal, start the help desk.\n"
	      "\n"
	      "  -d, --db=DIR          search the index in DIR (default: $KBSEARCH_DB,\n"
	      "                          else $XDG_DATA_HOME/kbsearch/index, else\n"
	      "                          ~/.local/share/kbsearch/index); DIR may\n"
	      "                          be tcp://HOST:PORT (xapian-tcpsrv) or a\n"
	      "                          stub file; repeat to search several\n"
	      "                          indexes as one\n"
	      "  -n, --limit=N         show at most N hits, 1 to 1000 (default 10)\n"
	      "      --offset=N        skip the first N hits, 0 to 100000 (default 0)\n"
	      "  -p, --passages        show every matching passage, not only the best\n"
	      "                          one of each article\n"
	      "  -f, --filter=FILTER   only what matches FILTER, a KEY:VALUE such as\n"
	      "                          region:江西 or percent:>=50; repeat to\n"
	      "                          combine (one KEY: any of its values,\n"
	      "                          different KEYs: all of them)\n"
	      "      --facets          count the matching articles by province, city,\n"
	      "                          insurance scheme and category\n"
	      "      --format=FORMAT   'text' (default) or 'json'\n"
	      "      --explain         show how the query was read before the hits:\n"
	      "                          the words left out, the synonyms searched\n"
	      "                          for too, and the query given to Xapian\n"
	      "      --color[=WHEN]    mark titles and matches with colour: 'auto'\n"
	      "                          (default: when stdout is a terminal), 'always'\n"
	      "                          (the same as --color alone) or 'never'\n"
	      "      --interactive     the help desk: a prompt for query after query,\n"
	      "                          pages of 5 hits (--limit), and commands\n"
	      "                          :more, :open N, :facts N, :filter, :help\n"
	      "      --serve           answer JSON requests, one a line on standard\n"
	      "                          input, with one JSON line each on standard\n"
	      "                          output; --limit, --passages, --filter,\n"
	      "                          --facets and --explain give the defaults\n"
	      "  -h, --help            display this help and exit\n"
	      "      --version         output version information and exit\n"
	      "\n"
	      "Filters (see kbsearch(1)): region:PLACE, province:PLACE, city:PLACE,\n"
	      "insurance:SCHEME, institution:NAME, category:NAME, has:TYPE,\n"
	      "percent:RANGE and money:RANGE (a number N, >=N, <=N, >N, <N, A..B,\n"
	      "A.. or ..B), date:DATE (2025, 2025-04 or 2025-04-11) and date:A..B,\n"
	      "date:A.., date:..B.\n"
	      "\n"
	      "Exit status is 0 when something was found, 1 when nothing was,\n"
	      "and 2 on an error.\n"
	      "\n"
	      "Examples:\n"
	      "  kbsearch 异地就医 备案\n"
	      "  kbsearch 住院 报销 insurance:新农合 'percent:>=50'\n"
	      "  kbsearch --facets --filter insurance:新农合 --filter date:2025.. 报销\n"
	      "  kbsearch --interactive --filter region:江西\n"
	      "  echo '{\"query\":\"新农合\",\"limit\":3}' | kbsearch --serve\n",
	      stdout);
	print_help_footer();
}

/* A whole decimal number in [min, max], or a usage error naming the
 * option. */
static unsigned
search_number(const char *opt, const char *arg, unsigned min, unsigned max)
{
	unsigned long v = 0;
	const char *p;

	for (p = arg; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > max)
			break;
	}
	if (p == arg || *p || v < min || v > max)
		usage_error("invalid --%s '%s': expected a number from %u to %u",
			    opt, arg, min, max);
	return (unsigned)v;
}

/* A query of nothing but spaces (ASCII, or the ideographic U+3000) has
 * nothing to search. */
static int
search_is_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

static int
search_color_wanted(enum search_color color)
{
	const char *term, *no_color;

	if (color != COLOR_AUTO)
		return color == COLOR_ALWAYS;
	/* https://no-color.org: any non-empty NO_COLOR turns it off */
	no_color = getenv("NO_COLOR");
	term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
	       !(term && strcmp(term, "dumb") == 0);
}

/* The one --db (or the default @path) or the several searched as one.
 * Databases that are all remote serve no synonym table: said once, since
 * the results differ from those of the index they were made from. */
static kb_status_t
search_open(const char **dbs, size_t ndb, const char *path, kb_db_t **db,
	    kb_error_t *err)
{
	static int warned;
	int vocab;
	kb_status_t st;

	st = ndb > 1 ? kb_db_open_many(dbs, ndb, db, err)
		     : kb_db_open(path, db, err);
	if (st || warned)
		return st;
	if ((st = kb_db_has_vocabulary(*db, &vocab, err))) {
		kb_db_close(*db);
		*db = NULL;
		return st;
	}
	if (!vocab)
		warning("warning: no local vocabulary database: synonyms, "
			"pinyin and typo correction are off (see "
			"doc/SCALING.md)");
	warned = 1;
	return KB_OK;
}

int
main(int argc, char **argv)
{
	const char **db_opts = NULL;
	size_t ndb = 0;
	const char **filters = NULL;
	kb_buf dbpath = KB_BUF_INIT, query = KB_BUF_INIT, shown = KB_BUF_INIT;
	kb_search_opts_t opts = { .limit = 10 };
	enum search_format format = FORMAT_TEXT;
	enum search_color color = COLOR_AUTO;
	enum search_mode mode = MODE_ONCE;
	int limit_given = 0, format_given = 0, status;
	mode_opts_t mo;
	kb_error_t err;
	kb_status_t st = KB_OK;
	kb_db_t *db = NULL;
	kb_results_t *res = NULL;
	emitter_t *em;
	emit_results_t info;
	size_t i;
	int c, attempt;

	die_init("kbsearch");
	/* getopt names the program after argv[0]; use the fixed name */
	argv[0] = (char *)"kbsearch";
	/* no more filters than arguments; they point into argv */
	filters = calloc((size_t)argc, sizeof *filters);
	if (!filters)
		die("out of memory");
	while ((c = getopt_long(argc, argv, search_short_options,
				search_options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			/* repeated: the indexes are searched as one */
			db_opts = realloc(db_opts, (ndb + 1) * sizeof *db_opts);
			if (!db_opts)
				die("out of memory");
			db_opts[ndb++] = optarg;
			break;
		case OPT_LIMIT:
			opts.limit = search_number("limit", optarg, 1,
						   SEARCH_LIMIT_MAX);
			limit_given = 1;
			break;
		case OPT_OFFSET:
			opts.offset = search_number("offset", optarg, 0,
						    SEARCH_OFFSET_MAX);
			break;
		case OPT_PASSAGES:
			opts.all_passages = 1;
			break;
		case OPT_FILTER:
			filters[opts.nfilters++] = optarg;
			break;
		case OPT_FACETS:
			opts.facets = 1;
			break;
		case OPT_EXPLAIN:
			opts.explain = 1;
			break;
		case OPT_FORMAT:
			format_given = 1;
			if (strcmp(optarg, "text") == 0)
				format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				format = FORMAT_JSON;
			else
				usage_error("invalid --format '%s': expected "
					    "'text' or 'json'", optarg);
			break;
		case OPT_COLOR:
			if (!optarg || strcmp(optarg, "always") == 0)
				color = COLOR_ALWAYS;
			else if (strcmp(optarg, "auto") == 0)
				color = COLOR_AUTO;
			else if (strcmp(optarg, "never") == 0)
				color = COLOR_NEVER;
			else
				usage_error("invalid --color '%s': expected "
					    "'auto', 'always' or 'never'",
					    optarg);
			break;
		case OPT_INTERACTIVE:
		case OPT_SERVE:
			if (mode != MODE_ONCE &&
			    mode != (c == OPT_SERVE ? MODE_SERVE
						    : MODE_INTERACTIVE))
				usage_error("--interactive and --serve cannot "
					    "be combined");
			mode = c == OPT_SERVE ? MODE_SERVE : MODE_INTERACTIVE;
			break;
		case OPT_HELP:
			free(filters);
			search_help();
			close_stdout();
			return 0;
		case OPT_VERSION:
			free(filters);
			print_version();
			close_stdout();
			return 0;
		default: /* getopt has said what is wrong */
			try_help();
		}
	}

	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (i > (size_t)optind)
			buf_addch(&query, ' ');
		buf_addstr(&query, argv[i]);
	}
	if (buf_failed(&query))
		die("out of memory");
	/* no query at all, typed on a terminal: the help desk */
	if (mode == MODE_ONCE && optind == argc && !opts.nfilters &&
	    isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		mode = MODE_INTERACTIVE;
	if (mode == MODE_SERVE && query.len)
		usage_error("--serve reads its queries from standard input");
	if (mode == MODE_SERVE && format_given && format != FORMAT_JSON)
		usage_error("--serve always writes JSON");
	if (mode == MODE_INTERACTIVE && format != FORMAT_TEXT)
		usage_error("--interactive always writes text");
	if (mode == MODE_ONCE && search_is_blank(query.buf) && !opts.nfilters)
		usage_error("empty query");
	if (mode == MODE_INTERACTIVE && !limit_given)
		opts.limit = SEARCH_INTERACTIVE_LIMIT;
	opts.filters = filters;
	/* what was searched, as one line: the words, then the filters */
	if (!search_is_blank(query.buf))
		buf_addstr(&shown, query.buf);
	for (i = 0; i < opts.nfilters; i++) {
		if (shown.len)
			buf_addch(&shown, ' ');
		buf_addstr(&shown, filters[i]);
	}
	if (buf_failed(&shown))
		die("out of memory");

	if (ndb)
		buf_addstr(&dbpath, db_opts[0]);
	else if (dbpath_default(&dbpath) < 0)
		die("no index location: set KBSEARCH_DB or HOME, or use --db");
	if (buf_failed(&dbpath))
		die("out of memory");

	if (mode != MODE_ONCE) {
		st = search_open(db_opts, ndb, dbpath.buf, &db, &err);
		if (st == KB_ERR_NO_INDEX)
			die("no index at '%s'; run kbindex first", dbpath.buf);
		if (st != KB_OK)
			die("%s", err.msg);
		mo.search = opts;
		mo.query = query.buf;
		mo.color = search_color_wanted(color);
		status = mode == MODE_SERVE ? serve_run(db, &mo)
					    : interactive_run(db, &mo);
		kb_db_close(db);
		buf_release(&query);
		buf_release(&shown);
		buf_release(&dbpath);
		free(filters);
		free(db_opts);
		close_stdout();
		return status;
	}

	for (attempt = 1; attempt <= SEARCH_ATTEMPTS; attempt++) {
		st = search_open(db_opts, ndb, dbpath.buf, &db, &err);
		if (st == KB_ERR_NO_INDEX)
			die("no index at '%s'; run kbindex first", dbpath.buf);
		if (st != KB_OK)
			die("%s", err.msg);
		st = kb_db_search(db, query.buf, &opts, &res, &err);
		if (st != KB_ERR_INDEX_MODIFIED)
			break;
		kb_db_close(db);
		db = NULL;
	}
	if (st != KB_OK)
		die("%s", err.msg);

	em = format == FORMAT_JSON ? emit_json_create(stdout) :
		emit_text_create(stdout, search_color_wanted(color));
	if (!em)
		die("out of memory");
	info.query = shown.buf;
	info.total = kb_results_total(res);
	info.corrected = kb_results_corrected_query(res);
	info.offset = opts.offset;
	info.count = kb_results_count(res);
	info.facets = opts.facets;
	info.results = res;
	info.explain = opts.explain;
	if (em->begin_results(em, &info) < 0)
		die("out of memory");
	for (i = 0; i < info.count; i++) {
		const kb_hit_t *hit = kb_results_hit(res, i);

		if (hit && em->hit(em, hit) < 0)
			die("out of memory");
	}
	if (info.count == 0 && em->no_results(em, &info) < 0)
		die("out of memory");
	if (info.facets && em->facets(em, &info, res) < 0)
		die("out of memory");
	if (em->end_results(em, &info) < 0)
		die("out of memory");

	emit_destroy(em);
	kb_results_destroy(res);
	kb_db_close(db);
	buf_release(&query);
	buf_release(&shown);
	buf_release(&dbpath);
	free(filters);
	free(db_opts);
	close_stdout();
	return info.count ? 0 : 1;
}
