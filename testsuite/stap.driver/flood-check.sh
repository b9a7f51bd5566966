#!/bin/sh
# Reads flood.stp's output on stdin and prints a summary (the host
# compares it): lines, bytes, bad (lines whose content is not their
# number's, or whose number is not above the line before's) and missing
# (numbers skipped: output lost).
awk '
{
	# (busybox awk reads a leading 0 as octal: strip the zeros)
	n = $1
	sub(/^0+/, "", n)
	n += 0
	if ($0 != sprintf("%08d %090d", n, n) || (NR > 1 && n <= last)) {
		if (bad < 3)
			printf("line %d: %s\n", NR, substr($0, 1, 30))
		bad++
	} else {
		missing += n - last - (NR > 1)
		last = n
	}
	bytes += length($0) + 1
}
END { printf("lines=%d bytes=%d bad=%d missing=%d\n", NR, bytes, bad, missing) }'
