"""Make the Dutch patient handout of the iliopsoas referral pattern (left side).

Usage: python examples/handout_nl.py [OUTPUT_FOLDER]   (default: out/)
Writes iliopsoas-links.png (200 dpi), iliopsoas-links.pdf (vector) and iliopsoas-links.svg.
"""

from __future__ import annotations

import sys
from pathlib import Path

import bodymap


def main(folder: str = "out") -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    diagram = bodymap.render(pattern="iliopsoas", side="left", lang="nl")
    for suffix in (".png", ".pdf", ".svg"):
        print(diagram.save(out / f"iliopsoas-links{suffix}"))


if __name__ == "__main__":
    main(*sys.argv[1:2])
