#!/bin/sh
# make installcheck: doc/examples/search-example.c builds against the
# installed library, found through the installed kbsearch.pc (shared and
# static), and searches an index that the installed kbindex makes of the
# bundled corpus.  The environment names the places (tests/local.mk).
set -u
: "${srcdir:?} ${bindir:?} ${libdir:?} ${pkgconfigdir:?} ${CC:?}"
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
CFLAGS=${CFLAGS-}
LDFLAGS=${LDFLAGS-}

PKG_CONFIG_PATH="$pkgconfigdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PKG_CONFIG_PATH LD_LIBRARY_PATH

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kbinstall.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "installcheck: $*" >&2
	exit 1
}

want='1. 农村医保在外省住院可以报销比例  [健康新闻 2025-04-11]'

"$bindir/kbindex" --quiet --db "$tmp/idx" "$srcdir/corpus" ||
	fail "the installed kbindex cannot index the corpus"

# shellcheck disable=SC2046,SC2086 # the flags are lists of words
$CC $CFLAGS -o "$tmp/shared" "$srcdir/doc/examples/search-example.c" \
	$($PKG_CONFIG --cflags --libs kbsearch) $LDFLAGS ||
	fail "the example does not build with 'pkg-config --cflags --libs kbsearch'"
"$tmp/shared" "$tmp/idx" 起付线 > "$tmp/out" ||
	fail "the example linked with the shared library fails"
[ "$(sed -n 3p "$tmp/out")" = "$want" ] ||
	fail "the shared example does not find '$want'"
ldd "$tmp/shared" | grep -q "$libdir/libkbsearch\.so\.0 " ||
	fail "the example does not load $libdir/libkbsearch.so.0"

# Static: the archive, then what kbsearch.pc says it needs.
# shellcheck disable=SC2046,SC2086
$CC $CFLAGS -o "$tmp/static" "$srcdir/doc/examples/search-example.c" \
	$($PKG_CONFIG --cflags kbsearch) "$libdir/libkbsearch.a" \
	$($PKG_CONFIG --static --libs kbsearch | sed 's/-lkbsearch//') \
	$LDFLAGS ||
	fail "the example does not link with libkbsearch.a and 'pkg-config --static --libs kbsearch'"
"$tmp/static" "$tmp/idx" 起付线 > "$tmp/out" ||
	fail "the example linked with the static library fails"
[ "$(sed -n 3p "$tmp/out")" = "$want" ] ||
	fail "the static example does not find '$want'"
! ldd "$tmp/static" | grep -q libkbsearch ||
	fail "the static example loads libkbsearch.so"

echo "installcheck: the example builds and runs against $libdir (shared and static)"
