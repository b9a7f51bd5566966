#!/bin/sh
# seq-check.sh TAG < OUTPUT: checks the output of ticker_a.stp or
# ticker_b.stp: one "TAG begin", the records "TAG N ..." numbered 1 to the
# count of the closing "TAG end N ...", each exactly once, nothing else.
awk -v tag="$1" '
$1 == tag && $2 == "begin" { begins++; next }
$1 == tag && $2 == "end" { ends++; last = $3; if (NF > 3 && $4 != $3) other++; next }
$1 == tag { seen[$2]++; records++; next }
{ other++ }
END {
	bad = 0
	for (i = 1; i <= last; i++)
		if (seen[i] != 1)
			bad++
	printf("%s: begin=%d end=%d complete=%d bad=%d other=%d\n", tag, begins, ends,
	       records == last && last > 0, bad, other + 0)
}'
