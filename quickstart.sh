#!/bin/sh
# quickstart.sh - set up, build, and either search the bundled corpus or run
# the whole test suite.
#
#   ./quickstart.sh [QUERY]   install what is missing, build, index corpus/
#                             into the default index, search QUERY
#                             (default: 异地就医备案)
#   ./quickstart.sh check     install what is missing, build, run the test
#                             suite and a part of it under valgrind, make
#                             distcheck, then the suite again under
#                             ASan+UBSan, then each fuzz target for
#                             $KB_FUZZ_SECONDS (default 20) seconds
#   ./quickstart.sh bench CORPUS_DIR [QUERIES [OUT]]
#                             install what is missing and the peers the
#                             benchmark compares with (Xapian Omega,
#                             SQLite FTS5), build, run bench/compare.sh
#
# Re-running is cheap: packages, configure and the build are only redone
# when something changed, and an unchanged corpus is not re-indexed.
set -eu

cd "$(dirname "$0")"
top=$(pwd)

# Build and run-time dependencies, all from Debian (see README.md).
packages="build-essential autoconf automake libtool pkg-config
	libxapian-dev libutf8proc-dev libedit-dev libfcgi-dev xapian-tools"
# What the search page's tests serve and browse it with, and the
# compiler and runtime of the fuzz targets (check only).
check_packages="lighttpd apache2 libapache2-mod-fcgid nginx fcgiwrap curl
	chromium fonts-wqy-microhei clang libclang-rt-14-dev wrk valgrind"
# The peers of bench/compare.sh, GNU time, and the FastCGI server and load
# generator of its FastCGI row (bench only).
bench_packages="xapian-omega xapian-tools sqlite3 libsqlite3-dev time
	lighttpd wrk curl"



install_missing() {
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "quickstart: installing$missing" >&2
	if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
}

jobs=$(nproc 2>/dev/null || echo 2)
PACKAGE=kbsearch
VERSION=$(sed -n 's/^AC_INIT(\[kbsearch\], \[\([^]]*\)\].*/\1/p' configure.ac)

build() {
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		autoreconf -fi
	fi
	[ -f Makefile ] || ./configure --enable-werror
	make -j"$jobs" >/dev/null
}

# What make distcheck runs of the suite (see below).
distcheck_tests="tests/t0000-help-version.sh tests/t1000-kbindex-basic.sh
	tests/t2000-kbsearch.sh tests/t4000-lib-api.sh"

mode=${1:-search}
if [ "$mode" = check ]; then
	install_missing $packages $check_packages
	build
	status=0
	make -j"$jobs" check || status=1
	# A bounded part of it again under valgrind memcheck: the unit tests,
	# kbindex end to end and the search page under load (make
	# check-valgrind runs all, see doc/RELIABILITY.md).
	make -j"$jobs" check-valgrind-quick || status=1
	# The release tarball builds, installs and uninstalls out of tree; its
	# whole suite runs below, from that tarball, under the sanitizers, so
	# distcheck runs the basics only (TESTS reaches its inner make).
	make -j"$jobs" distcheck TESTS="$distcheck_tests" >/dev/null ||
		{ echo "quickstart: make distcheck failed" >&2; status=1; }
	# The same suite under AddressSanitizer and UBSan, built from that
	# tarball so the source tree stays configured for the build above.
	rm -rf _build/sanitize
	mkdir -p _build/sanitize
	(
		tar -xzf "$PACKAGE-$VERSION.tar.gz" -C _build/sanitize &&
		cd "_build/sanitize/$PACKAGE-$VERSION" &&
		./configure -q --enable-sanitizers --enable-werror \
			CFLAGS='-O1 -g' CXXFLAGS='-O1 -g' &&
		make -j"$jobs" >/dev/null &&
		make -j"$jobs" check
	) || status=1
	# The fuzz targets under libFuzzer, from the same tarball, for a
	# bounded time each; fuzz/run.sh writes _build/fuzz/build/fuzz-run.trs
	# (one result per target), which CI counts with the other .trs files.
	rm -rf _build/fuzz
	mkdir -p _build/fuzz
	tar -xzf "$PACKAGE-$VERSION.tar.gz" -C _build/fuzz &&
	KB_FUZZ_BUILD=$top/_build/fuzz/build \
		sh "_build/fuzz/$PACKAGE-$VERSION/fuzz/run.sh" \
		"${KB_FUZZ_SECONDS:-20}" || status=1
	exit $status
fi

if [ "$mode" = bench ]; then
	[ $# -ge 2 ] && [ $# -le 4 ] || {
		echo "usage: ./quickstart.sh bench CORPUS_DIR [QUERIES [OUT]]" >&2
		exit 2
	}
	queries=${3:-$top/../shared/scale/queries.txt}
	install_missing $packages $bench_packages
	build
	top_builddir=$top exec sh bench/compare.sh "$2" "$queries" ${4:+"$4"}
fi

install_missing $packages
build
query=${1:-异地就医备案}
db=${KBSEARCH_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/kbsearch/index}
mkdir -p "$(dirname "$db")"
./indexer/kbindex --db "$db" corpus
exec ./search/kbsearch --db "$db" "$query"
