#!/bin/sh
# t0010-folded-literals.sh - no string literal of the library and no entry
# of a built-in word list holds a Traditional character (a key of
# data/t2s.tsv).  lib/normalize.c folds every text that is indexed,
# searched or read for facts to Simplified, so a Traditional word compared
# against such text can never match: it is dead code or a dead entry.
# Write the Simplified form; Traditional input is folded to it.
#
# Byte-wise grep, sed and awk only (no opencc), in the C locale.
. "$top_srcdir/tests/lib.sh"
LC_ALL=C
export LC_ALL
AWK=${AWK:-awk}

# Files of lib/ that work on text as written, before normalization, and
# so may compare it with Traditional words:
#   normalize.c   the folding itself
#   encoding.c    decodes and validates bytes before anything is folded
#   reader.c, reader-text.c, reader-jsonl.c, reader-page.c
#                 read corpus files as written; reader-page.c finds the
#                 related-articles heading of a page from a Traditional
#                 site (相關推薦)
#   record.c      the stored record, kept as written
#   passage.c     cuts stored bodies into passages as written
#   quality.c     looks for prompt phrases in the body as written
#   filter.c      reads filter values (1万元) as typed
RAW_C="lib/normalize.c lib/encoding.c lib/reader.c lib/reader-text.c
	lib/reader-jsonl.c lib/reader-page.c lib/record.c lib/passage.c
	lib/quality.c lib/filter.c"
# Word lists that are compared with folded text.  Not here:
# data/regions/gazetteer.tsv keeps official names as written (乾县), and
# lib/gazetteer.c folds them into its keys; data/t2s.tsv is the table.
WORD_LISTS="data/dict/jieba.tsv data/dict/domain.tsv data/synonyms.tsv
	data/insurance.tsv"

# The keys of the table: one Traditional character a line.
sed -e '/^#/d' -e '/^$/d' -e 's/	.*//' "$top_srcdir/data/t2s.tsv" >keys

# c_literals FILE...: "FILE:LINE:TEXT" for each string or character
# literal outside comments.  A literal ends at the end of its line.
c_literals() {
	$AWK -v q="'" '
	FNR == 1 { incomment = 0 }
	{
		line = $0
		while (line != "") {
			if (incomment) {
				if (!(p = index(line, "*/")))
					break
				line = substr(line, p + 2)
				incomment = 0
				continue
			}
			if (!match(line, "[\"" q "/]"))
				break
			c = substr(line, RSTART, 1)
			rest = substr(line, RSTART + 1)
			if (c == "/") {
				n = substr(rest, 1, 1)
				if (n == "/")
					break
				if (n == "*") {
					incomment = 1
					rest = substr(rest, 2)
				}
				line = rest
				continue
			}
			lit = ""
			while (rest != "") {
				if (!match(rest, "[\\\\" c "]")) {
					lit = lit rest
					rest = ""
					break
				}
				if (substr(rest, RSTART, 1) == "\\") {
					lit = lit substr(rest, 1, RSTART + 1)
					rest = substr(rest, RSTART + 2)
					continue
				}
				lit = lit substr(rest, 1, RSTART - 1)
				rest = substr(rest, RSTART + 1)
				break
			}
			print FILENAME ":" FNR ":" lit
			line = rest
		}
	}' "$@"
}

# word_entries FILE...: "FILE:LINE:TEXT" for each line of the lists.
word_entries() {
	for f; do
		grep -n '' "$f" | sed "s|^|$f:|"
	done
}

# traditional: of the "FILE:LINE:TEXT" lines read, each Traditional
# character as "FILE:LINE: X (Y)", Y its Simplified form.  The keys are
# three bytes each, so a three-byte window equals one only where a
# character starts.
traditional() {
	grep -F -f keys | $AWK -v t2s="$top_srcdir/data/t2s.tsv" '
	BEGIN {
		while ((getline l < t2s) > 0)
			if (l !~ /^#/ && split(l, kv, "\t") == 2)
				to[kv[1]] = kv[2]
	}
	{
		p = index($0, ":")
		where = substr($0, 1, p)
		rest = substr($0, p + 1)
		p = index(rest, ":")
		where = where substr(rest, 1, p - 1)
		text = substr(rest, p + 1)
		for (i = 1; i + 2 <= length(text); i++) {
			c = substr(text, i, 3)
			if (c in to) {
				print where ": " c " (" to[c] ")"
				i += 2
			}
		}
	}'
}

test_expect_success 'the table has its keys' '
	test "$(wc -l <keys)" -gt 3000 &&
	grep -qx "醫" keys
'

test_expect_success 'a Traditional literal is found, a comment is not' '
	cat >u.c <<-\EOF &&
	/* 醫保 in a comment */
	static const char *a[] = { "医保", "當月" }; // 個
	/* two lines,
	   號 */ const char *b = "x\"號號" "/* 個 */";
	EOF
	printf "const char c = \047\"\047, *d = \"ok\"; /* 「個」 */\n" >>u.c &&
	c_literals u.c | traditional >out &&
	cat >expect <<-\EOF &&
	u.c:2: 當 (当)
	u.c:4: 號 (号)
	u.c:4: 號 (号)
	u.c:4: 個 (个)
	EOF
	test_cmp expect out
'

test_expect_success 'a Traditional word list entry is found' '
	printf "医保\t10\n醫療\t20\n" >w.tsv &&
	word_entries w.tsv | traditional >out &&
	printf "w.tsv:2: 醫 (医)\nw.tsv:2: 療 (疗)\n" >expect &&
	test_cmp expect out
'

test_expect_success 'every file named above exists' '
	for f in $RAW_C $WORD_LISTS; do
		test -f "$top_srcdir/$f" || { echo "no $f"; exit 1; }
	done
'

test_expect_success 'no string literal of lib/*.c holds a Traditional character' '
	files=$(cd "$top_srcdir" && for f in lib/*.c; do
		case " $(echo $RAW_C) " in *" $f "*) ;; *) echo "$f" ;; esac
	done) &&
	case " $(echo $files) " in *" lib/fact-date.c "*) ;; *) exit 1 ;; esac &&
	(cd "$top_srcdir" && c_literals $files) | traditional >out &&
	cat out &&
	test ! -s out
'

test_expect_success 'no word list entry holds a Traditional character' '
	(cd "$top_srcdir" && word_entries $WORD_LISTS) | traditional >out &&
	cat out &&
	test ! -s out
'

test_done
