#!/bin/sh
# Reads flood.stp's output on stdin: every line numbered once, in order,
# with its exact content.  Prints a summary (the host compares it).
awk '
{
	if ($0 != sprintf("%08d %090d", NR - 1, NR - 1)) {
		if (bad < 3)
			printf("line %d: %s\n", NR, substr($0, 1, 30))
		bad++
	}
	bytes += length($0) + 1
}
END { printf("lines=%d bytes=%d bad=%d\n", NR, bytes, bad) }'
