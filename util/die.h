/* die.h - how the programs talk outside their output: errors, usage,
 * version (git's die/usage split).
 *
 * Only the programs use these; the library never prints or exits.  Every
 * message is one line on stderr, "PROG: message", where PROG is the fixed
 * name given to die_init() (not argv[0]), and follows the project's rules:
 * lowercase, no trailing period, the subject in single quotes.  Every exit
 * through here has status 2, the programs' status for an error.
 */
#ifndef KB_DIE_H
#define KB_DIE_H

/* The status every error exit uses. */
#define DIE_STATUS 2

/* Set the program name used as the prefix of every message. */
void die_init(const char *prog);
const char *die_program(void);

/* Print "PROG: message" and carry on. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROG: message" and exit with DIE_STATUS. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A mistake on the command line: "PROG: message", then the hint to run
 * --help, exit DIE_STATUS. */
_Noreturn void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Only the hint: for when getopt has already printed its own message. */
_Noreturn void try_help(void);

/* --version (GNU 4.8.1): "PROG (kbsearch) 0.1.0", then the copyright and
 * licence lines, on stdout. */
void print_version(void);

/* The last lines of every --help (GNU 4.8.2): where to report bugs. */
void print_help_footer(void);

/* Flush and close stdout, and die if anything written to it was lost (a
 * full disk, a closed pipe), so that "kbsearch >file" cannot fail
 * silently.  Call once, after the last output. */
void close_stdout(void);

#endif
