#!/bin/sh
# valgrind.sh PROGRAM [ARG...]: run PROGRAM, under valgrind memcheck when
# KB_VALGRIND names the valgrind command (make check-valgrind sets it),
# else as it is.  The C tests run through it (LOG_COMPILER) and so does
# every program a shell test starts (tests/lib.sh puts wrappers that call
# it first on PATH).
#
# An error, or a block definitely lost, makes the run exit 99.  With
# KB_VALGRIND_LOG set to a folder the report goes to a file there, one
# per process, so that it neither mixes with the stderr a test compares
# nor goes unseen when a test expects a failure: tests/lib.sh fails the
# script when one of them is not empty.  tests/valgrind.supp holds the
# suppressions, each with the reason for it.
[ -n "${KB_VALGRIND-}" ] || exec "$@"

here=$(dirname "$0")
if [ -n "${KB_VALGRIND_LOG-}" ]; then
	set -- --log-file="$KB_VALGRIND_LOG/vg.%p.log" "$@"
fi
# shellcheck disable=SC2086 # KB_VALGRIND may be a command with options
exec $KB_VALGRIND -q --tool=memcheck --error-exitcode=99 \
	--leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite --track-fds=no --num-callers=30 \
	--suppressions="$here/valgrind.supp" "$@"
