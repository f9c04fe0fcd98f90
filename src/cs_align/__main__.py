"""Run the command line as ``python -m cs_align``."""

from cs_align.cli import main

main()
