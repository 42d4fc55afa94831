"""Render every built-in referral pattern, in English and Dutch, as SVG and PNG.

Unilateral patterns are drawn for the left side, bilateral ones for both sides::

    python examples/gallery.py              # writes into out/gallery/
    python examples/gallery.py some/folder  # or into a folder of your choice
    python examples/gallery.py --sheet docs/atlas-muscles.png   # one contact sheet only
    python examples/gallery.py --help

Files are named ``PATTERN-LANG.svg`` / ``PATTERN-LANG.png`` (e.g. ``piriformis-nl.png``).
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Render every built-in referral pattern, in English and Dutch, as SVG "
        "and PNG (PATTERN-LANG.svg / .png), or one contact sheet of the muscles."
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("out/gallery"),
        help="Folder to write the gallery into (made if missing) [default: out/gallery].",
    )
    parser.add_argument(
        "--sheet",
        metavar="FILE",
        type=Path,
        nargs="?",
        const=Path("docs/atlas-muscles.png"),
        help="Write only the contact sheet of the muscles, to FILE "
        "[default: docs/atlas-muscles.png].",
    )
    parser.add_argument("--dpi", type=float, default=150, help="PNG resolution [default: 150].")
    args = parser.parse_args(argv)
    if args.sheet is not None:
        sheet = contact_sheet(kinds=["muscle"], title="Muscle referral patterns (left side)")
        print(f"wrote {sheet.save(args.sheet, dpi=110)}", file=sys.stderr)
        return 0
    paths = render_gallery(args.folder, dpi=args.dpi)
    print(f"wrote {len(paths)} files to {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
