#!/bin/sh
# The search page in a real browser: headless Chromium loads the pages
# lighttpd serves, and the test reads the DOM as the browser built it.
# Submit a query the way the page's GET form does, follow a facet link
# and the link to page 2 as found in the DOM, check what a person sees
# (titles, marks, the answer, the facts), and that corpus text and
# queries full of markup stay text.  Keeps a screenshot of the results
# page in the build folder (cgi-results.png, and cgi-results-phone.png
# at a phone's width).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cgi-lib.sh"

command -v lighttpd >/dev/null 2>&1 ||
	skip_all "lighttpd is not installed (Debian package lighttpd)"
command -v curl >/dev/null 2>&1 ||
	skip_all "curl is not installed (Debian package curl)"
CHROMIUM=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		CHROMIUM=$c
		break
	fi
done
[ -n "$CHROMIUM" ] ||
	skip_all "chromium is not installed (Debian package chromium)"

kbindex --quiet --db idx "$CORPUS" || exit 1
server_start || exit 1
PAGE=$BASE/cgi-bin/kbsearch.cgi

# browse URL [OPTION...]: Chromium's DOM of the page, to "dom"; bounded
# in time, no network but the loopback server, a fresh profile.
browse() {
	url=$1
	shift
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --no-first-run \
		--disable-component-update --disable-extensions \
		--user-data-dir="$SCRATCH/profile" "$@" "$url" \
		2>>"$SCRATCH/chromium.log"
}

dom() {
	browse "$1" --dump-dom > dom && test -s dom
}

titles() {
	grep -o '<h2 class="title">[^<]*</h2>' dom |
		sed 's/<h2 class="title">//; s|</h2>||'
}

# link_in_dom PATTERN: the href of the first link whose tag matches,
# resolved against the page as the browser would.
link_in_dom() {
	href=$(grep -o '<a [^>]*>' dom | grep -- "$1" | head -n 1 |
		sed 's/.*href="\([^"]*\)".*/\1/; s/&amp;/\&/g')
	[ -n "$href" ] && printf '%s%s\n' "$PAGE" "$href"
}

# urlencode TEXT: as a browser encodes a form field.
urlencode() {
	printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' '  ' |
		awk 'BEGIN { hex = "0123456789abcdef"
			ascii = " !\"#$%&\047()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" }
		{ for (i = 1; i <= NF; i++) {
			c = $i
			d = (index(hex, substr(c, 1, 1)) - 1) * 16 + index(hex, substr(c, 2, 1)) - 1
			if (c ~ /^(3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]|2d|2e|5f|7e)$/)
				printf "%s", substr(ascii, d - 31, 1)
			else if (c == "20") printf "+"
			else printf "%%%s", toupper(c)
		} }'
}

test_expect_success 'urlencode encodes as a form does' '
	test "$(urlencode "aZ09-._~ 医/+%")" = "aZ09-._~+%E5%8C%BB%2F%2B%25"
'

test_expect_success 'the front page: a GET form with a query box' '
	dom "$PAGE" &&
	grep -q "<form method=\"get\" action=\"\"" dom &&
	grep -q "<input type=\"search\" name=\"q\"" dom &&
	grep -q "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" dom
'

# The form has action="" and method get: submitting it loads the page
# itself with ?q=WORDS, which is what is loaded here.
test_expect_success 'submit a query: titles, marks, the answer and the facts' '
	dom "$PAGE?q=$(urlencode 起付线)" &&
	titles | sed -n 1p > got &&
	echo 农村医保在外省住院可以报销比例 > want &&
	test_cmp want got &&
	grep -q "<mark>起付线</mark>" dom &&
	grep -q "<p class=\"answer\"><strong>答</strong>45%</p>" dom &&
	grep -q "<dt>数字</dt><dd><ul><li><span class=\"k\">起付线</span>700-1000元</li>" dom &&
	grep -q "value=\"起付线\"" dom
'

test_expect_success 'follow a facet link: the search narrowed to it' '
	dom "$PAGE?q=$(urlencode 医保)" &&
	url=$(link_in_dom "f=insurance%3A%E6%96%B0%E5%86%9C%E5%90%88") &&
	dom "$url" &&
	grep -q "<li class=\"chosen\"><span>新农合</span>" dom &&
	grep -q "<a class=\"drop\" [^>]*>insurance:新农合 ×</a>" dom &&
	titles > got &&
	kbsearch --db idx -f insurance:新农合 医保 > cli &&
	sed -n "s/^[0-9][0-9]*\. \(.*\)\$/\1/p" cli |
		sed "s/  \[[^]]*\]\$//" > want &&
	test_cmp want got
'

test_expect_success 'go to page 2: the next ten, numbered on' '
	dom "$PAGE?q=$(urlencode 医保)" &&
	titles > p1 &&
	url=$(link_in_dom "rel=\"next\"") &&
	dom "$url" &&
	grep -q "<ol class=\"hits\" start=\"11\">" dom &&
	grep -q "<span aria-current=\"page\">2</span>" dom &&
	titles > p2 &&
	test -s p2 &&
	! grep -x -F -f p1 p2
'

test_expect_success 'screenshots of the results page, wide and phone-sized' '
	browse "$PAGE?q=$(urlencode 医保)" --window-size=1280,1600 \
		--screenshot="$top_builddir/cgi-results.png" >/dev/null &&
	browse "$PAGE?q=$(urlencode "农村医保 报销")" --window-size=390,1400 \
		--screenshot="$top_builddir/cgi-results-phone.png" >/dev/null &&
	for f in cgi-results.png cgi-results-phone.png; do
		od -An -tx1 -N8 "$top_builddir/$f" | tr -d " \n" > sig &&
		echo 89504e470d0a1a0a > want && printf "\n" >> sig &&
		test_cmp want sig &&
		test "$(wc -c < "$top_builddir/$f")" -gt 20000 || return 1
	done &&
	# the PNG width, bytes 16-19 of the header
	test "$(od -An -tu1 -j18 -N2 "$top_builddir/cgi-results-phone.png" | awk "{ print \$1 * 256 + \$2 }")" = 390
'

# added to the index the server has open, after the screenshots
test_expect_success 'XSS: corpus markup is text in the browser' '
	make_xss_corpus xss.jsonl &&
	kbindex --quiet --db idx xss.jsonl &&
	dom "$PAGE?q=$(urlencode 医保报销)" &&
	no_markup_from_corpus dom &&
	grep -F -q "<h2 class=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;医保报销&lt;/title&gt;</h2>" dom &&
	grep -F -q "&lt;/p&gt;&lt;/li&gt;&lt;/ol&gt;&lt;script&gt;alert(5)&lt;/script&gt;" dom &&
	test "$(grep -c "<li class=\"hit\">" dom)" -ge 2
'

test_expect_success 'XSS: a query of markup is text in the browser' '
	q="\"><script>alert(1)</script>'"'"' autofocus onfocus=x </title>javascript:alert(1)" &&
	dom "$PAGE?q=$(urlencode "$q")" &&
	! grep -i -q "<script" dom &&
	! grep -q "href=\"javascript" dom &&
	test "$(grep -c "<title>" dom)" = 1 &&
	grep -F -q "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'"'"' autofocus onfocus=x &lt;/title&gt;javascript:alert(1)\"" dom
'

test_expect_success 'no sanitizer report in the server log' '
	server_stop &&
	{ sanitizer_report || :; } > report &&
	test_cmp /dev/null report
'

test_done
