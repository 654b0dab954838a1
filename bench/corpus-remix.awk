# corpus-remix.awk - more articles from a JSON Lines corpus, for scale
# measurements past the distinct text there is (the real-text scale corpus
# of ../shared/scale holds about 400,000 passages of it):
#
#   awk -v copies=2 -f bench/corpus-remix.awk corpus.jsonl > remix.jsonl
#
# prints every article, then COPIES more of each: copy k of article i has
# the title "TITLE（k）" and a body that alternates the sentences (cut
# after 。, ！ or ？; byte strings, so any awk will do) of article i and of article i + k * 7919 (modulo the
# count), so that each copy is new text with the corpus's own words, and
# not a near duplicate of either (which kbindex would flag and collapse).
# Input lines are {"title": "...", "body": "...", ...} objects as the
# scale corpus writes them; other lines are left out.
function field(line, name,   re, s) {
	re = "\"" name "\": \"([^\"\\\\]|\\\\.)*\""
	if (!match(line, re))
		return ""
	s = substr(line, RSTART, RLENGTH)
	return substr(s, length(name) + 6, length(s) - length(name) - 6)
}
function sentences(body, out,   n, rest, p) {
	n = 0
	rest = body
	while ((p = match(rest, /(。|！|？)/)) > 0) {
		out[++n] = substr(rest, 1, p + RLENGTH - 1)
		rest = substr(rest, p + RLENGTH)
	}
	if (rest != "")
		out[++n] = rest
	return n
}
{
	t = field($0, "title")
	b = field($0, "body")
	if (t == "" || b == "")
		next
	n++
	title[n] = t
	body[n] = b
	print
}
END {
	for (k = 1; k <= copies; k++)
		for (i = 1; i <= n; i++) {
			j = (i - 1 + k * 7919) % n + 1
			na = sentences(body[i], a)
			nb = sentences(body[j], bb)
			s = ""
			for (m = 1; m <= na || m <= nb; m++) {
				if (m <= na) s = s a[m]
				if (m <= nb) s = s bb[m]
			}
			printf "{\"title\": \"%s（%d）\", \"body\": \"%s\"}\n", title[i], k, s
		}
}
