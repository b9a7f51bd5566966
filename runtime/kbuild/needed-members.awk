# The runtime members a module links, as a make variable:
#
#   nm -u stp_script.o | awk -f needed-members.awk stp_members.idx - >stp_needed.mk
#
# stp_members.idx (written by stap: translator/build/kbuild_file.h) lists the
# members' units in their order on its first line, then, for each symbol a
# member defines, the symbol and the units of the members it needs.  nm's
# lines for undefined symbols ("U NAME"; weak ones, "w", pull nothing) pick
# the members; they are printed in the index's order, the order the archive
# keeps.
FNR == NR && FNR == 1 {
	for (i = 1; i <= NF; i++)
		order[i] = $i
	count = NF
	next
}
FNR == NR {
	needs[$1] = $0
	next
}
$1 == "U" && ($2 in needs) {
	n = split(needs[$2], units, " ")
	for (i = 2; i <= n; i++)
		wanted[units[i]] = 1
}
END {
	printf "stp_needed :="
	for (i = 1; i <= count; i++)
		if (order[i] in wanted)
			printf " %s", order[i]
	printf "\n"
}
