#!/bin/sh
# kbsearch --interactive, the help desk: a whole piped session compared
# line for line (the prompt, the brief layout cut to $COLUMNS with Han
# characters counted as two columns, :help, :more, :facts, :open,
# :filter, :clear, errors), the usage rules, and once on a real terminal
# in tmux: a Chinese query typed, edited and recalled from history.
. "$top_srcdir/tests/lib.sh"

kbindex --quiet --db idx "$CORPUS" || exit 1

# session OUTPUT: the session's lines with the corpus path cut to corpus/.
session() {
	sed 's|^source .*/corpus/|source corpus/|' "$1"
}

test_expect_success 'a piped session: every command, exact output' '
	printf "%s\n" ":help" "起付线 报销比例" ":more" ":facts 1" \
		":filter region:甘肃" "天水" ":filter" ":bogus" ":facts 7" \
		":clear" "医保异地转移" ":open 1" ":quit" "never read" > in &&
	COLUMNS=60 kbsearch --db idx --interactive -n 2 < in > raw 2>&1 &&
	session raw > got &&
	cat > want <<EOF &&
Type a question to search, :help for the commands.
kbsearch> :help
Type a question or keywords to search; a word such as region:江西 is
a filter.  Commands:
  :more          the next hits of the last search
  :open N        the whole article of hit N
  :facts N       every fact of hit N
  :filter F...   narrow every search with filters F (region:江西,
                   insurance:新农合, '"'"'percent:>=50'"'"', ...); alone,
                   list the filters in force
  :clear         drop the filters
  :help          this list
  :quit          leave (also Ctrl-D)
kbsearch> 起付线 报销比例
about 4 results for '"'"'起付线 报销比例'"'"'

1. 农村医保在外省住院可以报销比例  [健康新闻 2025-04-11]
   answer: 45%
   facts: 起付线 700-1000元 · 报销比例 50-55% · +7 more
   45% 农村医疗保险(新农合)在外省住院的报销比例如下: 省级…

2. 农村医保在外地医院可以用吗  [健康新闻 2025-04-11]
   answer: 农村医保在外地医院可以用
   facts: 报销比例 不超过75% · 10-20% · 新农合 · +1 more
   农村医保在外地医院可以用!  目前全国已实现城乡居民医保(…

:more for more hits, :open N to read one
kbsearch> :more
4 results for '"'"'起付线 报销比例'"'"', showing 3-4

3. 深圳城乡居民医保  [健康新闻 2025-04-11]
   facts: 缴费 约500元/年 · 缴费 42.42元/月 · +6 more
   深圳城乡居民医保是专为未参加职工医保的深圳户籍居民设计…

4. 退休职工怎样办理异地医保
   3. 费用结算与报销 若未备案或需回参保地报销,需保留所有医…
kbsearch> :facts 1

facts of 1. 农村医保在外省住院可以报销比例
   category: 健康新闻
   date: 2025-04-11
   answer: 45%
   percent: 45%
   percent: 报销比例 50-55%  “50%-55%”
   percent: 报销比例 40%  “40%”
   percent: 报销比例 20%  “20%”
   percent: 报销比例 45%  “45%”
   percent: 报销比例 35%  “35%”
   money: 起付线 700-1000元  “700-1000元”
   money: 1000元
   money: 起付线 1000元  “1000元”
   insurance: 新农合  “农村医疗保险”
kbsearch> :filter region:甘肃
filters: region:甘肃
no results for '"'"'起付线 报销比例 region:甘肃'"'"'
Try a broader query: '"'"'起付线 报销比例'"'"'
kbsearch [region:甘肃]> 天水
1 result for '"'"'天水 region:甘肃'"'"'

1. 天水在甘肃排名第几  [健康新闻 2025-04-11]
   facts: 2024 · GDP 952.25亿元 · 甘肃省天水市 · +6 more
   天水在甘肃省的综合排名位列第二,是省内人口第一大城市(372…
kbsearch [region:甘肃]> :filter
filters: region:甘肃
kbsearch [region:甘肃]> :bogus
kbsearch: unknown command '"'"':bogus'"'"'; type :help for the commands
kbsearch [region:甘肃]> :facts 7
kbsearch: no hit 7: the search found 1
kbsearch [region:甘肃]> :clear
no filters
1 result for '"'"'天水'"'"'

1. 天水在甘肃排名第几  [健康新闻 2025-04-11]
   facts: 2024 · GDP 952.25亿元 · 甘肃省天水市 · +6 more
   天水在甘肃省的综合排名位列第二,是省内人口第一大城市(372…
kbsearch> 医保异地转移
about 19 results for '"'"'医保异地转移'"'"'

1. 医保异地转移最新规定
   facts: 职工医保
   根据最新医保政策,医保异地转移接续规定如下: 一、异地转移…

2. 农村医保异地门诊可以报吗  [健康新闻 2025-04-11]
   answer: 可以
   facts: 新农合 · 医保经办机构
   可以 农村医保(新农合)异地门诊 可以 报销。根据最新的医保…

:more for more hits, :open N to read one
kbsearch> :open 1

医保异地转移最新规定
source corpus/000_6ee8b6b41e4321c1.txt

根据最新医保政策,医保异地转移接续规定如下: 一、异地转移接续的办理条件 1. 职工医保转移 • 跨统筹地区流动的职工医保参保人员,可办理医疗保险关系转移接续,实现缴费年限累计计算,个人账户余额可划至转入地医保账户。
• 南京参保人转出需在转入地办理,需确保转入地处于正常参保状态。 2. 居民医保转移 • 职工医保参保人员辞职后参加居民医保,需将职工医保转移至现居地居民医保。
• 居民医保参保人员随迁子女参保,需办理转移接续。 二、办理流程与材料 1. 线上办理 • 通过国家医保局微信公众号办理异地就医备案,完成备案后可实现直接结算。
• 部分城市(如呼和浩特)支持线下办理,需携带身份证、参保凭证到转入地医保经办窗口提交。
2. 线下办理 • 携带身份证、参保凭证到转入地医保经办窗口提交申请,材料审核通过后个人账户余额将转入新参保地。
三、特殊情况处理 1. 断缴补缴 • 若中断缴费超过3个月且转入前3个月无缴费记录,可在转入地补缴,补缴后无需等待期即可享受待遇。
2. 临时外出就医 • 长期居住或临时外出就医人员需办理备案,备案后可通过转诊医院“一站式”办理转诊和报销。
四、注意事项 • 转移接续后,原参保地医疗费用可按新参保地政策报销,个人账户余额可继续使用。
• 若存在个人账户资金转入需求,需待资金到账后再办理医疗保险转入业务。 以上政策适用于全国范围,具体操作细节可能因地区略有差异,建议办理前咨询当地医保经办机构。
kbsearch> :quit
EOF
	test_cmp want got
'

# The notice of a weak answer is the text output's, on the first page
# only: :more turns the page of the same search.
test_expect_success 'no good answer: the notice, then :more without it' '
	printf "%s\n" "天水社保局电话多少" ":more" > in &&
	COLUMNS=60 kbsearch --db idx --interactive -n 1 < in > raw 2>&1 &&
	grep -v "^   " raw > got &&
	cat > want <<-EOF &&
	Type a question to search, :help for the commands.
	kbsearch> 天水社保局电话多少
	No good answer for '"'"'天水社保局电话多少'"'"'; the closest passages follow.
	Try a broader query: '"'"'天水'"'"'
	about 2 results for '"'"'天水社保局电话多少'"'"'

	1. 天水在甘肃排名第几  [健康新闻 2025-04-11]

	:more for more hits, :open N to read one
	kbsearch> :more
	2 results for '"'"'天水社保局电话多少'"'"', showing 2-2

	2. 社保断缴后农村医保怎么办  [健康新闻 2025-04-11]
	kbsearch> 
	EOF
	test_cmp want got
'

# Han characters take two columns: a cut line is at most 59 wide, and
# the ellipsis is never placed inside a character.
test_expect_success 'lines are cut to $COLUMNS - 1 display columns' '
	echo 居民医保 缴费 > in &&
	COLUMNS=40 kbsearch --db idx --interactive < in > out 2>&1 &&
	grep "…\$" out > cut &&
	test "$(wc -l < cut)" -gt 3 &&
	while IFS= read -r line; do
		w=$(printf "%s\n" "$line" | wc -L) &&
		if [ "$w" -gt 39 ]; then echo "$w: $line"; exit 1; fi
	done < cut &&
	LC_ALL=C.UTF-8 iconv -f UTF-8 -t UTF-8 out > /dev/null
'

test_expect_success 'query words on the command line are the first search; -f filters stay' '
	printf ":filter\n" > in &&
	kbsearch --db idx --interactive -f region:甘肃 天水 < in > out 2>&1 &&
	sed -n "1p;/^kbsearch/p" out > got &&
	cat > want <<-EOF &&
	1 result for '"'"'天水 region:甘肃'"'"'
	kbsearch [region:甘肃]> :filter
	kbsearch [region:甘肃]> 
	EOF
	test_cmp want got &&
	grep -x "filters: region:甘肃" out
'

test_expect_success 'a full-width colon starts a command; :more before a search' '
	printf "：help\n:more\n" > in &&
	kbsearch --db idx --interactive < in > out 2>&1 &&
	grep -q "^  :open N        the whole article of hit N\$" out &&
	grep -x "kbsearch: no search to continue: type a query first" out
'

test_expect_success 'a bad filter is refused and not kept' '
	printf ":filter region:甘肃 percent:>=abc\n:filter\n" > in &&
	kbsearch --db idx --interactive < in > out 2>&1 &&
	sed 1d out > got &&
	cat > want <<-EOF &&
	kbsearch> :filter region:甘肃 percent:>=abc
	kbsearch: invalid filter '"'"'percent:>=abc'"'"': expected a number
	kbsearch> :filter
	no filters
	kbsearch> 
	EOF
	test_cmp want got
'

test_expect_success 'usage: --interactive with --format=json or --serve' '
	test_expect_code 2 kbsearch --db idx --interactive --format json \
		< /dev/null 2> err &&
	grep -x "kbsearch: --interactive always writes text" err &&
	test_expect_code 2 kbsearch --db idx --interactive --serve \
		< /dev/null 2> err &&
	grep -x "kbsearch: --interactive and --serve cannot be combined" err
'

test_expect_success 'no index: exit 2 before any prompt' '
	test_expect_code 2 kbsearch --db nothing --interactive < /dev/null \
		> out 2> err &&
	test_cmp /dev/null out &&
	grep -x "kbsearch: no index at '"'"'nothing'"'"'; run kbindex first" err
'

# On a terminal: libedit reads the line.  tmux gives the terminal; the
# query is typed with a stray letter that Backspace removes, then
# recalled with the Up arrow.
# tmux_wait PATTERN: wait until the pane shows PATTERN (WAIT_TENTHS, in
# steps of 0.2 s: 20 s, longer under valgrind).
tmux_wait() {
	i=0
	while [ $i -lt $WAIT_TENTHS ]; do
		tmux -L kbtest capture-pane -p -t kb > pane 2>/dev/null &&
			grep -q "$1" pane && return 0
		sleep 0.2
		i=$((i + 1))
	done
	cat pane
	return 1
}

# tmux_wait_count PATTERN N: wait until the pane shows PATTERN N times.
tmux_wait_count() {
	i=0
	while [ $i -lt $WAIT_TENTHS ]; do
		tmux -L kbtest capture-pane -p -t kb > pane 2>/dev/null &&
			[ "$(grep -c "$1" pane)" = "$2" ] && return 0
		sleep 0.2
		i=$((i + 1))
	done
	cat pane
	return 1
}

if command -v tmux > /dev/null 2>&1; then
	# the server's socket goes in the scratch folder
	TMUX_TMPDIR=$SCRATCH
	export TMUX_TMPDIR
	unset TMUX
	test_expect_success 'on a terminal (tmux): a Chinese query typed, edited, recalled' '
		tmux -L kbtest -f /dev/null new-session -d -s kb -x 100 -y 60 \
			"kbsearch --db idx --interactive -n 2; echo EXITED \$?; sleep 30" &&
		tmux_wait "^kbsearch>" &&
		tmux -L kbtest send-keys -t kb -l "天水x" &&
		tmux -L kbtest send-keys -t kb BSpace Enter &&
		tmux_wait "^1\. 天水在甘肃排名第几" &&
		grep -q "^1 result for .天水.\$" pane &&
		tmux -L kbtest send-keys -t kb Up Enter &&
		tmux_wait_count "^1 result for .天水.\$" 2 &&
		tmux -L kbtest send-keys -t kb -l ":quit" &&
		tmux -L kbtest send-keys -t kb Enter &&
		tmux_wait "^EXITED 0\$"
	'
	tmux -L kbtest kill-server 2> /dev/null
else
	test_skip 'on a terminal (tmux): a Chinese query typed, edited, recalled' \
		'tmux is not installed'
fi

test_done
