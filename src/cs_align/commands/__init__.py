"""The commands wing: one module per command (check, diff, report, staff, promise, whatif,
fix, init; info for the reference commands), each turning the command line's arguments into
calls of the pipeline and an exit code. `cs_align.cli` declares the arguments and calls
``run``; nothing below this package imports it."""
