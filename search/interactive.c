/* interactive.c - kbsearch --interactive: the help desk.
 *
 * A prompt; a line is a query, or a command starting with ':' (a
 * full-width '：' too, as a Chinese input method types it).  Each query is
 * answered with a page of numbered hits in the brief text layout, which
 * puts the direct answer and the facts before the passage; the commands
 * turn the page, open an article, list a hit's facts and narrow the
 * search with filters.  The page shown stays in memory, so ':open 2'
 * reads the article of hit 2 of that page.
 *
 * On a terminal, libedit gives line editing and history.  Otherwise the
 * lines are read as they come and echoed after the prompt, so a piped
 * session prints what the screen would show: tests compare it whole.
 * libedit is loaded (dlopen) when a terminal session starts rather than
 * linked: with the libraries it needs it would add about a millisecond
 * and a half to every one-shot kbsearch process, the way a CGI or a shell
 * script runs it.
 */
#include <config.h>

#include <dlfcn.h>
#include <editline/readline.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "die.h"
#include "escape.h"
#include "modes.h"

#define IA_PROMPT "kbsearch"
/* A line typed may be this long; the rest is dropped. */
#define IA_LINE_MAX (64 * 1024)
#define IA_COLUMNS_DEFAULT 80
#define IA_HISTORY_MAX 500
#define IA_SGR_TITLE "\033[1m"
#define IA_SGR_RESET "\033[0m"

typedef struct session {
	kb_db_t *db;
	const mode_opts_t *o;
	int tty;             /* stdin and stdout are terminals */
	const struct line_editor *ed; /* libedit, when it could be loaded */
	kb_buf query;        /* the query of the page shown */
	int searched;        /* a search has been run */
	kb_buf filters;      /* the filters in force, each followed by NUL */
	size_t nfilters;
	const char **fptr;   /* pointers into filters, for the library */
	kb_results_t *res;   /* the page shown */
	unsigned offset;     /* of the page shown */
	kb_buf line;
	kb_buf prompt;
} session_t;

static const char ia_help[] =
	"Type a question or keywords to search; a word such as region:江西 is\n"
	"a filter.  Commands:\n"
	"  :more          the next hits of the last search\n"
	"  :open N        the whole article of hit N\n"
	"  :facts N       every fact of hit N\n"
	"  :filter F...   narrow every search with filters F (region:江西,\n"
	"                   insurance:新农合, 'percent:>=50', ...); alone,\n"
	"                   list the filters in force\n"
	"  :clear         drop the filters\n"
	"  :help          this list\n"
	"  :quit          leave (also Ctrl-D)\n";

/* An error of the session: on stderr, after what stdout holds, so the two
 * stay in order on a terminal and in a log. */
static void ia_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
ia_warn(const char *fmt, ...)
{
	kb_buf b = KB_BUF_INIT;
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	warning("%s", buf_failed(&b) ? "out of memory" : b.buf);
	buf_release(&b);
}

/* The width of the terminal, or of the page a pipe is read on: $COLUMNS
 * when it is set, else 80. */
static unsigned
ia_columns(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);

		if (!*end && v > 0 && v < 10000)
			return (unsigned)v;
	}
	return IA_COLUMNS_DEFAULT;
}

/* Skip ASCII white space and U+3000 IDEOGRAPHIC SPACE. */
static const char *
ia_skip_space(const char *s)
{
	for (;;) {
		if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return s;
	}
}

/* The end of the word at @s: the next space of either kind. */
static const char *
ia_word_end(const char *s)
{
	while (*s && *s != ' ' && !(*s >= '\t' && *s <= '\r') &&
	       strncmp(s, "\xe3\x80\x80", 3))
		s++;
	return s;
}

static void
ia_set_filters(session_t *s)
{
	const char *p = s->filters.buf;

	for (size_t i = 0; i < s->nfilters; i++, p += strlen(p) + 1)
		s->fptr[i] = p;
}

/* Add a filter; -1 when out of memory. */
static int
ia_add_filter(session_t *s, const char *f, size_t len)
{
	const char **p = realloc(s->fptr, (s->nfilters + 1) * sizeof *p);

	if (!p)
		return -1;
	s->fptr = p;
	buf_add(&s->filters, f, len);
	buf_addch(&s->filters, '\0');
	if (buf_failed(&s->filters))
		return -1;
	s->nfilters++;
	ia_set_filters(s);
	return 0;
}

/* Drop filters until @n are left. */
static void
ia_drop_filters(session_t *s, size_t n)
{
	const char *p = s->filters.buf;
	size_t len = 0;

	for (size_t i = 0; i < n; i++, p += strlen(p) + 1)
		len += strlen(p) + 1;
	buf_setlen(&s->filters, len);
	s->nfilters = n;
	ia_set_filters(s);
}

static void
ia_show_filters(session_t *s)
{
	const char *p = s->filters.buf;
	kb_buf b = KB_BUF_INIT;

	if (!s->nfilters) {
		puts("no filters");
		return;
	}
	buf_addstr(&b, "filters:");
	for (size_t i = 0; i < s->nfilters; i++, p += strlen(p) + 1) {
		buf_addch(&b, ' ');
		term_text(&b, p, strlen(p));
	}
	puts(buf_failed(&b) ? "filters: (out of memory)" : b.buf);
	buf_release(&b);
}

/* Search the session's query from @offset and show the page; on an error
 * the page shown before stays. */
static void
ia_search(session_t *s, unsigned offset)
{
	kb_search_opts_t opts = s->o->search;
	kb_results_t *res = NULL;
	kb_buf shown = KB_BUF_INIT;
	emitter_t *em;
	emit_results_t info;
	kb_error_t err;
	const char *p = s->filters.buf;
	int blank = !*ia_skip_space(s->query.buf);

	if (blank && !s->nfilters) {
		ia_warn("empty query");
		return;
	}
	opts.offset = offset;
	opts.filters = s->fptr;
	opts.nfilters = s->nfilters;
	if (kb_db_search(s->db, s->query.buf, &opts, &res, &err)) {
		ia_warn("%s", err.msg);
		return;
	}
	kb_results_destroy(s->res);
	s->res = res;
	s->offset = offset;
	s->searched = 1;

	if (!blank)
		buf_addstr(&shown, s->query.buf);
	for (size_t i = 0; i < s->nfilters; i++, p += strlen(p) + 1) {
		if (shown.len)
			buf_addch(&shown, ' ');
		buf_addstr(&shown, p);
	}
	info.query = shown.buf;
	info.total = kb_results_total(res);
	info.corrected = kb_results_corrected_query(res);
	info.offset = offset;
	info.count = kb_results_count(res);
	info.facets = 0;
	info.results = res;
	info.explain = opts.explain;
	/* a full last column makes some terminals wrap on their own */
	em = emit_text_create_brief(stdout, s->o->color, ia_columns() - 1);
	if (!em || buf_failed(&shown) || em->begin_results(em, &info) < 0)
		goto nomem;
	for (size_t i = 0; i < info.count; i++)
		if (em->hit(em, kb_results_hit(res, i)) < 0)
			goto nomem;
	if ((info.count == 0 && em->no_results(em, &info) < 0) ||
	    em->end_results(em, &info) < 0)
		goto nomem;
	if (info.count && offset + info.count < info.total)
		printf("\n:more for more hits, :open N to read one\n");
	goto out;
nomem:
	ia_warn("out of memory");
out:
	emit_destroy(em);
	buf_release(&shown);
}

/* The hit whose rank is the number at @arg: from the page shown, else
 * searched again alone (*extra then owns it; the caller destroys it). */
static const kb_hit_t *
ia_hit(session_t *s, const char *cmd, const char *arg, kb_results_t **extra)
{
	unsigned long n = 0;
	const char *p = arg;
	size_t count = s->res ? kb_results_count(s->res) : 0;
	kb_search_opts_t opts = s->o->search;
	kb_error_t err;

	*extra = NULL;
	while (*p >= '0' && *p <= '9' && n < 1000000)
		n = n * 10 + (unsigned long)(*p++ - '0');
	if (p == arg || *ia_skip_space(p) || n == 0) {
		ia_warn(":%s needs the number of a hit, such as ':%s 1'", cmd,
			cmd);
		return NULL;
	}
	if (!s->searched) {
		ia_warn("no hits yet: type a query first");
		return NULL;
	}
	for (size_t i = 0; i < count; i++) {
		const kb_hit_t *hit = kb_results_hit(s->res, i);

		if (hit->rank == n)
			return hit;
	}
	/* a hit of another page: as the search ranks it now */
	if (n <= kb_results_total(s->res) && n <= 100000) {
		opts.offset = (unsigned)n - 1;
		opts.limit = 1;
		opts.filters = s->fptr;
		opts.nfilters = s->nfilters;
		if (kb_db_search(s->db, s->query.buf, &opts, extra, &err)) {
			ia_warn("%s", err.msg);
			return NULL;
		}
		if (kb_results_count(*extra))
			return kb_results_hit(*extra, 0);
		kb_results_destroy(*extra);
		*extra = NULL;
	}
	ia_warn("no hit %lu: the search found %u", n,
		kb_results_total(s->res));
	return NULL;
}

/* ':open N': the article whole, every passage on a line of its own. */
static void
ia_open(session_t *s, const char *arg)
{
	kb_results_t *extra;
	const kb_hit_t *hit = ia_hit(s, "open", arg, &extra);
	kb_article_view_t *a = NULL;
	kb_buf b = KB_BUF_INIT;
	kb_error_t err;

	if (!hit)
		return;
	if (kb_db_article(s->db, hit->article_id, &a, &err))
		ia_warn("%s", err.msg);
	else if (!a)
		ia_warn("article '%s' is no longer in the index",
			hit->article_id);
	kb_results_destroy(extra);
	if (!a)
		return;
	buf_addch(&b, '\n');
	if (s->o->color)
		buf_addstr(&b, IA_SGR_TITLE);
	term_text(&b, a->title, strlen(a->title));
	if (s->o->color)
		buf_addstr(&b, IA_SGR_RESET);
	if (*a->category || *a->date) {
		buf_addstr(&b, "  [");
		term_text(&b, a->category, strlen(a->category));
		if (*a->category && *a->date)
			buf_addch(&b, ' ');
		term_text(&b, a->date, strlen(a->date));
		buf_addch(&b, ']');
	}
	buf_addstr(&b, "\nsource ");
	term_text(&b, a->source, strlen(a->source));
	buf_addstr(&b, "\n\n");
	for (size_t i = 0; i < a->npassages; i++) {
		term_text(&b, a->passages[i], strlen(a->passages[i]));
		buf_addch(&b, '\n');
	}
	if (buf_failed(&b))
		ia_warn("out of memory");
	else
		fwrite(b.buf, 1, b.len, stdout);
	buf_release(&b);
	kb_article_view_destroy(a);
}

/* ':facts N' */
static void
ia_facts(session_t *s, const char *arg)
{
	kb_results_t *extra;
	const kb_hit_t *hit = ia_hit(s, "facts", arg, &extra);
	kb_buf b = KB_BUF_INIT;

	if (!hit)
		return;
	buf_addf(&b, "\nfacts of %u. ", hit->rank);
	term_text(&b, hit->title, strlen(hit->title));
	buf_addch(&b, '\n');
	if (buf_failed(&b)) {
		ia_warn("out of memory");
	} else {
		fwrite(b.buf, 1, b.len, stdout);
		if (emit_text_all_facts(stdout, hit) < 0)
			ia_warn("out of memory");
	}
	buf_release(&b);
	kb_results_destroy(extra);
}

/* ':filter F...': each word a filter.  They are checked by a search; a bad
 * one is reported and none of the line is kept. */
static void
ia_filter(session_t *s, const char *arg)
{
	size_t before = s->nfilters;
	kb_search_opts_t opts = { .limit = 1 };
	kb_results_t *res = NULL;
	kb_error_t err;

	arg = ia_skip_space(arg);
	if (!*arg) {
		ia_show_filters(s);
		return;
	}
	while (*arg) {
		const char *end = ia_word_end(arg);

		if (ia_add_filter(s, arg, (size_t)(end - arg)) < 0) {
			ia_drop_filters(s, before);
			ia_warn("out of memory");
			return;
		}
		arg = ia_skip_space(end);
	}
	opts.filters = s->fptr;
	opts.nfilters = s->nfilters;
	if (kb_db_search(s->db, "", &opts, &res, &err)) {
		ia_drop_filters(s, before);
		ia_warn("%s", err.msg);
		return;
	}
	kb_results_destroy(res);
	ia_show_filters(s);
	if (s->searched)
		ia_search(s, 0);
}

static void
ia_clear(session_t *s)
{
	ia_drop_filters(s, 0);
	ia_show_filters(s);
	if (s->searched)
		ia_search(s, 0);
}

/* Run one line; 1 when the session is over. */
static int
ia_line(session_t *s, const char *line)
{
	const char *p = ia_skip_space(line), *end, *arg;
	size_t len;

	if (!*p)
		return 0;
	if (*p == ':')
		p++;
	else if (strncmp(p, "\xef\xbc\x9a", 3) == 0) /* U+FF1A： */
		p += 3;
	else {
		buf_reset(&s->query);
		buf_addstr(&s->query, line);
		if (buf_failed(&s->query)) {
			ia_warn("out of memory");
			return 0;
		}
		ia_search(s, 0);
		return 0;
	}
	end = ia_word_end(p);
	len = (size_t)(end - p);
	arg = ia_skip_space(end);
#define IA_IS(word) (len == strlen(word) && strncmp(p, word, len) == 0)
	if (IA_IS("quit") || IA_IS("q") || IA_IS("exit"))
		return 1;
	if (IA_IS("help") || IA_IS("h") || IA_IS("?")) {
		fputs(ia_help, stdout);
	} else if (IA_IS("more") || IA_IS("m")) {
		if (!s->searched)
			ia_warn("no search to continue: type a query first");
		else
			ia_search(s, s->offset + s->o->search.limit);
	} else if (IA_IS("open") || IA_IS("o")) {
		ia_open(s, arg);
	} else if (IA_IS("facts") || IA_IS("f")) {
		ia_facts(s, arg);
	} else if (IA_IS("filter")) {
		ia_filter(s, arg);
	} else if (IA_IS("clear")) {
		ia_clear(s);
	} else {
		kb_buf name = KB_BUF_INIT;

		term_text(&name, p, len);
		ia_warn("unknown command ':%s'; type :help for the commands",
			buf_failed(&name) ? "" : name.buf);
		buf_release(&name);
	}
#undef IA_IS
	return 0;
}

/* The prompt names the filters in force: "kbsearch [region:江西]> ". */
static const char *
ia_prompt(session_t *s)
{
	const char *p = s->filters.buf;

	buf_reset(&s->prompt);
	buf_addstr(&s->prompt, IA_PROMPT);
	if (s->nfilters) {
		buf_addstr(&s->prompt, " [");
		for (size_t i = 0; i < s->nfilters; i++, p += strlen(p) + 1) {
			if (i)
				buf_addch(&s->prompt, ' ');
			term_text(&s->prompt, p, strlen(p));
		}
		buf_addch(&s->prompt, ']');
	}
	buf_addstr(&s->prompt, "> ");
	return buf_failed(&s->prompt) ? IA_PROMPT "> " : s->prompt.buf;
}

/* The soname of Debian's libedit2 (libedit-dev's libedit.so points at
 * it). */
#define IA_LIBEDIT "libedit.so.2"

/* What the session uses of libedit's readline interface. */
typedef struct line_editor {
	char *(*readline)(const char *);
	int (*add_history)(const char *);
	int (*using_history)(void);
	int (*stifle_history)(int);
	/* the declarations come from <editline/readline.h>, so a change
	 * of signature there fails to compile here */
	__typeof__(&rl_readline_name) readline_name;
} line_editor_t;

/* libedit, loaded once; NULL (and a warning) when it cannot be. */
static const line_editor_t *
ia_editor(void)
{
	static line_editor_t ed;
	void *h = dlopen(IA_LIBEDIT, RTLD_NOW | RTLD_LOCAL);

	if (h) {
		*(void **)&ed.readline = dlsym(h, "readline");
		*(void **)&ed.add_history = dlsym(h, "add_history");
		*(void **)&ed.using_history = dlsym(h, "using_history");
		*(void **)&ed.stifle_history = dlsym(h, "stifle_history");
		*(void **)&ed.readline_name = dlsym(h, "rl_readline_name");
		if (ed.readline && ed.add_history && ed.using_history &&
		    ed.stifle_history && ed.readline_name)
			return &ed;
	}
	ia_warn("no line editing: cannot load %s", IA_LIBEDIT);
	return NULL;
}

/* The next line: 1 with it in s->line, 0 at the end of input. */
static int
ia_read(session_t *s)
{
	const char *prompt = ia_prompt(s);
	int rc;

	fflush(stdout);
	if (s->ed) {
		char *l = s->ed->readline(prompt);

		if (!l)
			return 0;
		if (*ia_skip_space(l))
			s->ed->add_history(l);
		buf_reset(&s->line);
		buf_addstr(&s->line, l);
		free(l);
		return 1;
	}
	fputs(prompt, stdout);
	rc = mode_read_line(stdin, &s->line);
	if (rc == 0)
		return 0;
	/* what the terminal would have echoed */
	if (!s->tty) {
		fwrite(s->line.buf, 1, s->line.len, stdout);
		putchar('\n');
	}
	if (rc < 0)
		ia_warn("line too long: at most %d bytes", IA_LINE_MAX);
	return 1;
}

int
interactive_run(kb_db_t *db, const mode_opts_t *o)
{
	session_t s;
	int status = 0;

	memset(&s, 0, sizeof s);
	s.db = db;
	s.o = o;
	buf_init(&s.query, 0);
	buf_init(&s.filters, 0);
	buf_init(&s.line, IA_LINE_MAX);
	buf_init(&s.prompt, 0);
	s.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (s.tty) {
		/* libedit reads multibyte input (an input method's Chinese)
		 * in the terminal's encoding; nothing else here depends on
		 * the locale */
		setlocale(LC_CTYPE, "");
		s.ed = ia_editor();
	}
	if (s.ed) {
		*s.ed->readline_name = "kbsearch";
		s.ed->using_history();
		s.ed->stifle_history(IA_HISTORY_MAX);
	}
	for (size_t i = 0; i < o->search.nfilters; i++)
		if (ia_add_filter(&s, o->search.filters[i],
				  strlen(o->search.filters[i])) < 0)
			die("out of memory");

	if (*ia_skip_space(o->query)) {
		buf_addstr(&s.query, o->query);
		ia_search(&s, 0);
	} else {
		fputs("Type a question to search, :help for the commands.\n",
		      stdout);
	}
	for (;;) {
		if (!ia_read(&s)) {
			/* leave the shell's prompt on a line of its own */
			putchar('\n');
			break;
		}
		if (s.line.len && !buf_failed(&s.line) &&
		    ia_line(&s, s.line.buf))
			break;
		if (ferror(stdout)) {
			status = 2;
			break;
		}
	}
	kb_results_destroy(s.res);
	free(s.fptr);
	buf_release(&s.query);
	buf_release(&s.filters);
	buf_release(&s.line);
	buf_release(&s.prompt);
	return status;
}
