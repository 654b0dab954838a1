/* bench-spawn - latency of one process per query.
 *
 * Runs COMMAND once per query of a list, the way a CGI server or a shell
 * user does, and times each run from the fork to the child's exit with
 * CLOCK_MONOTONIC.  The argument "{}" of COMMAND, or the "{}" inside an
 * argument such as "q={}", is replaced by the query.  The child's output
 * goes to /dev/null.  Exit status 1 is taken as "nothing found" (grep's
 * convention, which kbsearch follows); a child that exits with a higher
 * status or is killed stops the benchmark.
 *
 * With --drop-caches, "3" is written to /proc/sys/vm/drop_caches before
 * each timed run (root only), so that every run starts with a cold page
 * cache; the time to drop is not counted.
 *
 * Prints the same figures as bench-query.  A benchmark, not a test: it
 * asserts nothing about time.  Exit status: 0, or 2 on an error.
 */
#include <config.h>

#include "bench-util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "die.h"

#define SPAWN_REPEAT_MAX 1000
#define SPAWN_QUERY_MAX 4096

enum {
	OPT_HELP = 'h',
	OPT_QUERIES = 256,
	OPT_REPEAT,
	OPT_WARMUP,
	OPT_MAX,
	OPT_DROP,
	OPT_VERSION,
};

static const struct option spawn_options[] = {
	{ "queries", required_argument, NULL, OPT_QUERIES },
	{ "repeat", required_argument, NULL, OPT_REPEAT },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "drop-caches", no_argument, NULL, OPT_DROP },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
spawn_help(void)
{
	printf("Usage: %s --queries=FILE [OPTION]... COMMAND [ARG]...\n",
	       die_program());
	fputs("Run COMMAND once per query of FILE and report the latency of\n"
	      "each run, from the start of the process to its exit.  An ARG\n"
	      "\"{}\", or the \"{}\" inside an ARG, is replaced by the query.\n"
	      "Exit status 1 means nothing found; a higher one stops the run.\n"
	      "\n"
	      "      --queries=FILE    one query per line (required)\n"
	      "      --max=N           only the first N queries\n"
	      "      --repeat=N        timed passes over the list, 1 to 1000\n"
	      "                          (default 1)\n"
	      "      --warmup=N        passes run first and not counted, 0 to\n"
	      "                          1000 (default 1)\n"
	      "      --drop-caches     drop the page cache before each timed run\n"
	      "                          (needs root; implies --warmup=0)\n"
	      "  -h, --help            display this help and exit\n"
	      "      --version         output version information and exit\n"
	      "\n"
	      "Example:\n"
	      "  bench-spawn --queries=q.txt --max=150 kbsearch --db=IDX {}\n",
	      stdout);
	print_help_footer();
}

/* The lines of @path, cut in place in @text; their count in *@nq. */
static char **
spawn_read_queries(kb_buf *text, const char *path, size_t max, size_t *nq)
{
	FILE *fp;
	char chunk[65536], **q;
	size_t n, i, start, nlines = 0;

	if (!(fp = fopen(path, "r")))
		die("cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(text, chunk, n);
	if (ferror(fp))
		die("cannot read '%s': %s", path, strerror(errno));
	fclose(fp);
	if (buf_failed(text))
		die("out of memory");
	for (i = 0; i < text->len; i++)
		nlines += text->buf[i] == '\n';
	if (!(q = calloc(nlines + 1, sizeof *q)))
		die("out of memory");
	*nq = 0;
	for (start = 0; start < text->len && *nq < max; start = i + 1) {
		char *line = text->buf + start;
		size_t len;

		for (i = start; i < text->len && text->buf[i] != '\n'; i++)
			;
		text->buf[i] = '\0';
		len = i - start;
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!len)
			continue;
		if (len > SPAWN_QUERY_MAX)
			die("%s: line %zu: query longer than %d bytes", path,
			    *nq + 1, SPAWN_QUERY_MAX);
		q[(*nq)++] = line;
	}
	if (!*nq)
		die("no queries in '%s'", path);
	return q;
}

static void
spawn_drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd < 0 || write(fd, "3\n", 2) != 2)
		die("cannot write '/proc/sys/vm/drop_caches': %s",
		    strerror(errno));
	close(fd);
}

/* Run @argv (its "{}" filled with @query) once; the latency in ms. */
static double
spawn_run(char **tmpl, char **argv, int argc, const char *query,
	  kb_buf *args)
{
	size_t off[256];
	pid_t pid;
	int i, status;
	double t0, t1;

	/* all the filled arguments in one buffer; pointers set after it
	 * stops growing */
	buf_reset(args);
	for (i = 0; i < argc; i++) {
		const char *hole = strstr(tmpl[i], "{}");

		off[i] = args->len;
		if (hole) {
			buf_add(args, tmpl[i], (size_t)(hole - tmpl[i]));
			buf_addstr(args, query);
			buf_addstr(args, hole + 2);
		} else {
			buf_addstr(args, tmpl[i]);
		}
		buf_add(args, "", 1);
	}
	if (buf_failed(args))
		die("out of memory");
	for (i = 0; i < argc; i++)
		argv[i] = args->buf + off[i];
	argv[argc] = NULL;

	fflush(stdout);
	t0 = bench_now_ms();
	pid = fork();
	if (pid < 0)
		die("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			close(fd);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "bench-spawn: cannot run '%s': %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("cannot wait for '%s': %s", argv[0],
			    strerror(errno));
	t1 = bench_now_ms();
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
		die("'%s' failed (status %d) on query '%s'", argv[0],
		    WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status), query);
	return t1 - t0;
}

int
main(int argc, char **argv)
{
	const char *path = NULL;
	unsigned repeat = 1, warmup = 1, max = (unsigned)-1, pass;
	int c, drop = 0, warmup_set = 0, ncmd;
	kb_buf text, args;
	char **q, **cmd_argv;
	size_t nq, i, n = 0;
	double *all, t0, wall, total = 0;

	buf_init(&text, 0);
	buf_init(&args, 0);
	die_init("bench-spawn");
	argv[0] = (char *)"bench-spawn";
	/* "+": options end at COMMAND, whose own options are its own */
	while ((c = getopt_long(argc, argv, "+h", spawn_options, NULL)) != -1) {
		switch (c) {
		case OPT_QUERIES:
			path = optarg;
			break;
		case OPT_REPEAT:
			repeat = bench_number("repeat", optarg, 1,
					      SPAWN_REPEAT_MAX);
			break;
		case OPT_WARMUP:
			warmup = bench_number("warmup", optarg, 0,
					      SPAWN_REPEAT_MAX);
			warmup_set = 1;
			break;
		case OPT_MAX:
			max = bench_number("max", optarg, 1, (unsigned)-1);
			break;
		case OPT_DROP:
			drop = 1;
			break;
		case OPT_HELP:
			spawn_help();
			close_stdout();
			return 0;
		case OPT_VERSION:
			print_version();
			close_stdout();
			return 0;
		default:
			try_help();
		}
	}
	if (!path)
		usage_error("no --queries given");
	if (optind >= argc)
		usage_error("no COMMAND given");
	ncmd = argc - optind;
	if (ncmd > 255)
		usage_error("COMMAND has more than 255 arguments");
	if (drop && warmup_set && warmup)
		usage_error("--drop-caches and --warmup=%u: a warm-up would "
			    "be undone", warmup);
	if (drop)
		warmup = 0;

	q = spawn_read_queries(&text, path, max, &nq);
	if (!(cmd_argv = calloc((size_t)ncmd + 1, sizeof *cmd_argv)) ||
	    !(all = calloc(nq * repeat, sizeof *all)))
		die("out of memory");

	for (pass = 0; pass < warmup; pass++)
		for (i = 0; i < nq; i++)
			(void)spawn_run(argv + optind, cmd_argv, ncmd, q[i],
					&args);
	wall = 0;
	for (pass = 0; pass < repeat; pass++)
		for (i = 0; i < nq; i++) {
			double ms;

			if (drop) {
				sync();
				spawn_drop_caches();
			}
			t0 = bench_now_ms();
			ms = spawn_run(argv + optind, cmd_argv, ncmd, q[i],
				       &args);
			wall += bench_now_ms() - t0;
			all[n++] = ms;
			total += ms;
		}

	qsort(all, n, sizeof *all, bench_cmp_double);
	printf("queries      %zu\n", nq);
	printf("searches     %zu (%u timed %s after %u warm-up%s)\n", n,
	       repeat, repeat == 1 ? "pass" : "passes", warmup,
	       drop ? ", page cache dropped before each" : "");
	printf("mean_ms      %.3f\n", total / (double)n);
	printf("p50_ms       %.3f\n", bench_percentile(all, n, 50));
	printf("p90_ms       %.3f\n", bench_percentile(all, n, 90));
	printf("p95_ms       %.3f\n", bench_percentile(all, n, 95));
	printf("p99_ms       %.3f\n", bench_percentile(all, n, 99));
	printf("max_ms       %.3f\n", all[n - 1]);
	printf("queries/s    %.1f\n", wall > 0 ? (double)n * 1e3 / wall : 0.0);
	free(all);
	free(cmd_argv);
	free(q);
	buf_release(&text);
	buf_release(&args);
	close_stdout();
	return 0;
}
