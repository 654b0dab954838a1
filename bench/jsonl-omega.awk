# jsonl-omega.awk - a JSON Lines corpus ({"title": "...", "body": "...",
# "category": "...", "date": "..."} a line, as the scale corpus and
# bench/corpus-remix.awk write it) as scriptindex records for
# bench/compare-omega.script, to index Omega on the corpus kbindex reads:
#
#   awk -f bench/jsonl-omega.awk corpus/*.jsonl > omega.in
#   XAPIAN_CJK_NGRAM=1 scriptindex --stemmer=none DB \
#       bench/compare-omega.script omega.in
#
# \n, \t, \" and \\ are unescaped; a \u escape is kept as written (the
# scale corpus writes its text as UTF-8).  Lines without a title or a
# body are left out.
function field(line, name,   re, s) {
	re = "\"" name "\": \"([^\"\\\\]|\\\\.)*\""
	if (!match(line, re))
		return ""
	s = substr(line, RSTART, RLENGTH)
	return unescape(substr(s, length(name) + 6, length(s) - length(name) - 6))
}
function unescape(s,   out, i, c) {
	if (index(s, "\\") == 0)
		return s
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" && i < length(s)) {
			c = substr(s, ++i, 1)
			if (c == "n")
				c = "\n"
			else if (c == "t")
				c = "\t"
			else if (c == "u")
				c = "\\u"
		}
		out = out c
	}
	return out
}
{
	t = field($0, "title")
	b = field($0, "body")
	if (t == "" || b == "")
		next
	n++
	gsub(/\n/, " ", t)
	gsub(/\n/, "\n=", b)
	printf "id=%d\ntitle=%s\nbody=%s\n", n, t, b
	c = field($0, "category")
	if (c != "")
		printf "category=%s\ndate=%s\n", c, field($0, "date")
	printf "\n"
}
