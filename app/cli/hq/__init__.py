"""`sanad hq …`: headquarters on the command line. `commands` builds and runs the group (the
sync service and its administration); `transfers` and `duplicates` add the officers' desks
(`sanad hq transfers …`, `sanad hq duplicates …`), run over HQ's database by `desk`."""
