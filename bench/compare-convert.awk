# compare-convert.awk - turn corpus pages (the .txt format of corpus/ and
# ../shared/scale: a lead article, then "相关推荐", then related articles
# "TITLE, BODY, CATEGORY YYYY-MM-DD" separated by blank lines) into the
# input of the peers that bench/compare.sh measures:
#
#   omega=FILE  scriptindex records (field=value lines, "=" continues a
#               value on the next line, a blank line ends a record)
#   fts5=FILE   one article a line: TITLE TAB BODY TAB CATEGORY TAB DATE
#               (a lead article's paragraphs joined by a space)
#
# Usage: awk -v omega=OUT -v fts5=OUT -f compare-convert.awk FILE...
# Prints the number of articles on standard output.
BEGIN {
	RS = ""
	FS = "\n"
	n = 0
}

function conv_flush() {
	if (title == "" && body == "")
		return
	n++
	printf "id=%d\ntitle=%s\n", n, title >omega
	b = body
	gsub(/\n/, "\n=", b)
	printf "body=%s\n", b >omega
	if (cat != "")
		printf "category=%s\ndate=%s\n", cat, date >omega
	printf "\n" >omega
	b = body
	gsub(/[\t\n]/, " ", b)
	t = title
	gsub(/\t/, " ", t)
	printf "%s\t%s\t%s\t%s\n", t, b, cat, date >fts5
	title = body = cat = date = ""
}

FNR == 1 {
	conv_flush()
	lead = 1
	title = $1
	for (i = 2; i <= NF; i++)
		body = body (body == "" ? "" : "\n") $i
	next
}

lead {
	end = ($NF == "相关推荐")
	for (i = 1; i <= NF - end; i++)
		body = body (body == "" ? "" : "\n") $i
	if (end) {
		conv_flush()
		lead = 0
	}
	next
}

NF == 1 && $1 ~ /^[^ ]+ [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ {
	split($1, cd, " ")
	cat = cd[1]
	date = cd[2]
	conv_flush()
	next
}

{
	for (i = 1; i <= NF; i++) {
		if (title == "")
			title = $i
		else
			body = body (body == "" ? "" : "\n") $i
	}
}

END {
	conv_flush()
	print n
}
