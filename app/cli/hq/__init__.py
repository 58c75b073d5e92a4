"""`sanad hq …`: headquarters on the command line. `commands` builds and runs the group (the
sync service and its administration); `transfers` adds `sanad hq transfers …` to it."""
