"""Render every built-in referral pattern, in English and Dutch, as SVG and PNG.

Unilateral patterns are drawn for the left side, bilateral ones for both sides::

    python examples/gallery.py              # writes into out/gallery/
    python examples/gallery.py some/folder  # or into a folder of your choice
    python examples/gallery.py --sheet docs/atlas-muscles.png   # one contact sheet only

Files are named ``PATTERN-LANG.svg`` / ``PATTERN-LANG.png`` (e.g. ``piriformis-nl.png``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import bodymap
from bodymap.renderers.diagram import contact_sheet

LANGS = ("en", "nl")
FORMATS = (".svg", ".png")


def render_gallery(folder: Path, dpi: float = 150) -> list[Path]:
    """Write every pattern in every language and format into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in bodymap.pattern_names():
        pattern = bodymap.load_pattern(name)
        side = "both" if pattern.bilateral else "left"
        for lang in LANGS:
            diagram = bodymap.render(pattern=pattern, side=side, lang=lang)
            for suffix in FORMATS:
                written.append(diagram.save(folder / f"{name}-{lang}{suffix}", dpi=dpi))
    return written


def main(argv: list[str]) -> int:
    if argv[:1] == ["--sheet"]:
        out = Path(argv[1] if len(argv) > 1 else "docs/atlas-muscles.png")
        sheet = contact_sheet(kinds=["muscle"], title="Muscle referral patterns (left side)")
        print(sheet.save(out, dpi=110))
        return 0
    folder = Path(argv[0]) if argv else Path("out/gallery")
    paths = render_gallery(folder)
    print(f"wrote {len(paths)} files to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
