"""Run the command line with ``python -m bodymap``."""

from bodymap.cli import main

main()
