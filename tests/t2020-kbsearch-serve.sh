#!/bin/sh
# kbsearch --serve, the JSON Lines service (doc/serve-protocol.md): each
# response is the --format=json object of the same search with the id
# echoed; bad requests get an error line and the next request is still
# answered; blank lines are skipped; a line over 1 MB is refused without
# being kept; the end of input ends the process with status 0.
. "$top_srcdir/tests/lib.sh"

kbindex --quiet --db idx "$CORPUS" || exit 1

# with_id ID FILE: the --format=json object in FILE with "id":ID first,
# as --serve writes it.
with_id() {
	sed "s/^{/{\"id\":$1,/" "$2"
}

test_expect_success 'a response is the --format=json object, the id first' '
	kbsearch --db idx --format json -n 3 新农合 > one.json &&
	kbsearch --db idx --format json -n 2 --offset 1 --passages --facets \
		--filter region:江西 医院 > two.json &&
	test_expect_code 1 kbsearch --db idx --format json 区块链 > three.json &&
	kbsearch --db idx --format json -n 1 -f insurance:新农合 \
		-f "percent:>=50" > four.json &&
	{
		with_id 1 one.json &&
		with_id "\"b\"" two.json &&
		cat three.json &&
		with_id "{\"n\":[1,null]}" four.json
	} > want &&
	cat > in <<-\EOF &&
	{"query":"新农合","limit":3,"id":1}
	{"id":"b","query":"医院","limit":2,"offset":1,"passages":true,"facets":true,"filters":["region:江西"]}
	  {"query" : "区块链"}
	{"filters":["insurance:新农合","percent:>=50"],"limit":1,"id":{"n":[1,null]},"query":null}
	EOF
	kbsearch --db idx --serve < in > got &&
	test_cmp want got
'

test_expect_success 'bad requests: one error line each, the process goes on' '
	kbsearch --db idx --format json -n 1 天水 > ok.json &&
	cat > in <<-\EOF &&
	not json
	{"query":"天水"
	{"query":"天水"} extra
	["天水"]
	{"query":1,"id":7}
	{"qurey":"天水","id":"x"}
	{"query":"天水","limit":0}
	{"query":"天水","limit":1001}
	{"query":"天水","offset":-1}
	{"query":"天水","limit":2.5}
	{"query":"天水","passages":"yes"}
	{"query":"天水","filters":"region:甘肃"}
	{"query":"天水","filters":["region:甘肃",3]}
	{"query":"天水","filters":["foo:bar"],"id":9}
	{"query":"天水","filters":["percent:>=abc"]}
	{"query":"   "}
	{}
	{"query":"\ud800"}

	{"query":"天水","limit":1}
	EOF
	kbsearch --db idx --serve < in > got &&
	{
		cat <<-\EOF &&
		{"error":{"code":"bad_request","message":"invalid JSON at byte 1: expected an object"}}
		{"error":{"code":"bad_request","message":"invalid JSON at the end of the line: expected '"'"','"'"' or '"'"'}'"'"' after object member"}}
		{"error":{"code":"bad_request","message":"invalid JSON at byte 20: unexpected text after the object"}}
		{"error":{"code":"bad_request","message":"invalid JSON at byte 1: expected an object"}}
		{"id":7,"error":{"code":"bad_request","message":"'"'"'query'"'"' must be a string"}}
		{"id":"x","error":{"code":"bad_request","message":"unknown member '"'"'qurey'"'"': expected query, limit, offset, passages, filters, facets, explain or id"}}
		{"error":{"code":"bad_request","message":"'"'"'limit'"'"' must be a whole number from 1 to 1000"}}
		{"error":{"code":"bad_request","message":"'"'"'limit'"'"' must be a whole number from 1 to 1000"}}
		{"error":{"code":"bad_request","message":"'"'"'offset'"'"' must be a whole number from 0 to 100000"}}
		{"error":{"code":"bad_request","message":"'"'"'limit'"'"' must be a whole number from 1 to 1000"}}
		{"error":{"code":"bad_request","message":"'"'"'passages'"'"' must be true or false"}}
		{"error":{"code":"bad_request","message":"'"'"'filters'"'"' must be an array of strings"}}
		{"error":{"code":"bad_request","message":"'"'"'filters'"'"' must be an array of strings"}}
		{"id":9,"error":{"code":"bad_query","message":"unknown filter '"'"'foo:bar'"'"': expected KEY:VALUE with KEY one of region, province, city, insurance, institution, category, has, percent, money, date"}}
		{"error":{"code":"bad_query","message":"invalid filter '"'"'percent:>=abc'"'"': expected a number"}}
		{"error":{"code":"bad_query","message":"empty query"}}
		{"error":{"code":"bad_query","message":"empty query"}}
		{"error":{"code":"bad_request","message":"invalid JSON at byte 17: unpaired surrogate in string"}}
		EOF
		cat ok.json
	} > want &&
	test_cmp want got
'

test_expect_success 'invalid UTF-8 is refused with the byte it starts at' '
	printf "{\"query\":\"\\377\"}\n{\"query\":\"天水\",\"limit\":1}\n" > in &&
	kbsearch --db idx --serve < in > got &&
	sed -n 1p got > first &&
	echo "{\"error\":{\"code\":\"bad_request\",\"message\":\"invalid UTF-8 at byte 11\"}}" > want &&
	test_cmp want first &&
	test "$(wc -l < got)" = 2
'

test_expect_success 'a request over 1 MB: refused, dropped, and the next answered' '
	awk "BEGIN { printf \"{\\\"query\\\":\\\"\"; for (i = 0; i < 1100000; i++) printf \"a\"; print \"\\\"}\"; print \"{\\\"query\\\":\\\"天水\\\",\\\"limit\\\":1}\" }" > in &&
	test "$(wc -c < in)" -gt 1048576 &&
	kbsearch --db idx --serve < in > got &&
	{
		echo "{\"error\":{\"code\":\"request_too_large\",\"message\":\"request longer than 1048576 bytes\"}}" &&
		kbsearch --db idx --format json -n 1 天水
	} > want &&
	test_cmp want got
'

test_expect_success 'the end of input ends it with 0; nothing in, nothing out' '
	kbsearch --db idx --serve < /dev/null > got &&
	test_cmp /dev/null got &&
	printf "\n  \n" | kbsearch --db idx --serve > got &&
	test_cmp /dev/null got
'

test_expect_success '--serve: each response is flushed before the next request is read' '
	mkfifo req &&
	{ kbsearch --db idx --serve < req > got & } &&
	exec 3> req &&
	echo "{\"query\":\"天水\",\"limit\":1,\"id\":1}" >&3 &&
	i=0 &&
	while [ ! -s got ] && [ $i -lt $WAIT_TENTHS ]; do
		sleep 0.1; i=$((i + 1))
	done &&
	grep -q "^{\"id\":1,\"version\":1," got &&
	exec 3>&- &&
	wait
'

test_expect_success '--limit, --passages and --filter of the command line are the defaults' '
	kbsearch --db idx --format json -n 2 -f region:江西 医院 > want &&
	echo "{\"query\":\"医院\"}" | kbsearch --db idx --serve -n 2 \
		-f region:江西 > got &&
	test_cmp want got
'

test_expect_success 'usage errors: words, --format=text, no index' '
	test_expect_code 2 kbsearch --db idx --serve 天水 < /dev/null 2> err &&
	grep -x "kbsearch: --serve reads its queries from standard input" err &&
	test_expect_code 2 kbsearch --db idx --serve --format text < /dev/null 2> err &&
	grep -x "kbsearch: --serve always writes JSON" err &&
	test_expect_code 2 kbsearch --db nothing --serve < /dev/null > out 2> err &&
	test_cmp /dev/null out &&
	grep -x "kbsearch: no index at '"'"'nothing'"'"'; run kbindex first" err
'

test_done
