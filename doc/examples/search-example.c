/* search-example.c - search a kbsearch index through libkbsearch.
 *
 * Build it against the installed library:
 *
 *	cc -o search-example search-example.c \
 *		$(pkg-config --cflags --libs kbsearch)
 *
 * and run it on an index that kbindex made:
 *
 *	kbindex --db idx corpus/
 *	./search-example idx '外省住院 起付线'
 *
 * For each hit it prints the rank, title, category and date, the score,
 * the leading answer when the article has one, the passage with the
 * matched terms in [brackets], and the other facts of the passage.  It
 * exits 0 when something was found, 1 when nothing was, and 2 on an
 * error, as kbsearch does.
 */
#include <stdio.h>
#include <string.h>

#include <kbsearch.h>

/* The passage with each highlighted span in brackets.  Spans are byte
 * offsets into hit->passage, in order and never overlapping. */
static void
print_passage(const kb_hit_t *hit)
{
	size_t at = 0;

	fputs("   ", stdout);
	for (size_t i = 0; i < hit->nspans; i++) {
		const kb_span_t *s = &hit->spans[i];

		fwrite(hit->passage + at, 1, s->start - at, stdout);
		putchar('[');
		fwrite(hit->passage + s->start, 1, s->end - s->start, stdout);
		putchar(']');
		at = s->end;
	}
	puts(hit->passage + at);
}

/* "type label: value unit (key=value, ...)"; label, unit and the
 * details are left out when there are none. */
static void
print_fact(const kb_fact_t *f)
{
	printf("   %s%s%s: %s%s", f->type, *f->label ? " " : "", f->label,
	       f->value, f->unit);
	for (size_t i = 0; i < f->nattrs; i++)
		printf("%s%s=%s", i ? ", " : " (", f->attrs[i].key,
		       f->attrs[i].value);
	puts(f->nattrs ? ")" : "");
}

static void
print_hit(const kb_hit_t *hit)
{
	const kb_fact_t *answer = NULL;

	printf("%u. %s  [%s %s]\n", hit->rank, hit->title, hit->category,
	       hit->date);
	printf("   score %.2f\n", hit->score);

	/* The answer to a question goes first: it is what a reader wants. */
	for (size_t i = 0; i < hit->nfacts; i++)
		if (strcmp(hit->facts[i].type, "answer") == 0) {
			answer = &hit->facts[i];
			printf("   answer: %s\n", answer->value);
			break;
		}

	print_passage(hit);

	/* The other facts; the category and the date are on the title line. */
	for (size_t i = 0; i < hit->nfacts; i++) {
		const kb_fact_t *f = &hit->facts[i];

		if (f == answer || strcmp(f->type, "category") == 0 ||
		    strcmp(f->type, "date") == 0)
			continue;
		print_fact(f);
	}
}

int
main(int argc, char **argv)
{
	kb_db_t *db = NULL;
	kb_results_t *res = NULL;
	kb_search_opts_t opts = { .limit = 5 };
	kb_error_t err;
	int status = 2;

	if (argc != 3) {
		fprintf(stderr, "usage: search-example INDEX QUERY\n");
		return 2;
	}

	/* On failure the call returns a status and fills err with a
	 * complete message; the out-parameter is left NULL. */
	if (kb_db_open(argv[1], &db, &err)) {
		fprintf(stderr, "search-example: %s\n", err.msg);
		goto out;
	}
	if (kb_db_search(db, argv[2], &opts, &res, &err)) {
		fprintf(stderr, "search-example: %s (%s)\n", err.msg,
			kb_status_to_string(err.code));
		goto out;
	}

	printf("%zu of about %u hits for '%s'\n", kb_results_count(res),
	       kb_results_total(res), argv[2]);
	for (size_t i = 0; i < kb_results_count(res); i++) {
		putchar('\n');
		print_hit(kb_results_hit(res, i));
	}
	status = kb_results_count(res) ? 0 : 1;

out:
	/* Both accept NULL, so one cleanup path serves every exit.  The
	 * hits, and every string in them, belong to res: they go with it. */
	kb_results_destroy(res);
	kb_db_close(db);
	return status;
}
