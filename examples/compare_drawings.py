"""Compare the example pain drawings with the referral patterns and draw them.

For every drawing in ``examples/drawings/`` this prints the three best-fitting pattern sides
and the comparison with the iliopsoas pattern (best side), then writes the drawing over the
pattern that fits best (or alone, if none overlaps it) as PNG and SVG.  The two drawings of
the same patient are also compared with each other and drawn together.

    python examples/compare_drawings.py            # figures into out/
    python examples/compare_drawings.py figures/   # or into another folder
"""

from __future__ import annotations

import sys
from pathlib import Path

import bodymap

HERE = Path(__file__).resolve().parent
DRAWINGS = HERE / "drawings"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(DRAWINGS.glob("*.json")):
        drawing = bodymap.load_drawing(path)
        ranking = bodymap.rank(drawing, top=3)
        best = ranking.best
        print(f"{path.name}  (patient {drawing.subject}, extent {drawing.area():.0f} cm²)")
        for i, c in enumerate(ranking, start=1):
            print(
                f"  {i}. {c.pattern:<24} {c.side:<5}  dice {c.dice or 0:.2f}  "
                f"recall {c.recall or 0:.0%}  precision {c.precision or 0:.0%}"
            )
        ilio = bodymap.compare(drawing, "iliopsoas", side="best")
        print(
            f"  iliopsoas ({ilio.side}): dice {ilio.dice or 0:.2f}, essential zones "
            f"marked {ilio.essential.recall if ilio.essential else 0:.0%}"
        )
        if best is not None and best.dice:
            figure = bodymap.render(best.pattern, side=best.side or "left", drawing=drawing)
        else:
            figure = bodymap.render(pattern=None, drawing=drawing)
        for suffix in (".png", ".svg"):
            print("  wrote", figure.save(out / f"{path.stem}{suffix}", dpi=150))

    first, later = DRAWINGS / "iliopsoas-left.json", DRAWINGS / "iliopsoas-left-followup.json"
    change = bodymap.compare(first, later)
    assert change.extent_change is not None
    print(
        f"\nfollow-up vs first visit: dice {change.dice or 0:.2f}, extent "
        f"{change.extent_change.cm2:+.0f} cm² ({change.extent_change.relative_percent or 0:+.0f}%)"
    )
    both = bodymap.render("iliopsoas", side="left", drawing=[first, later])
    for suffix in (".png", ".svg"):
        print("  wrote", both.save(out / f"iliopsoas-left-two-visits{suffix}", dpi=150))
    dutch = bodymap.render("iliopsoas", side="left", drawing=first, lang="nl")
    print("  wrote", dutch.save(out / "iliopsoas-left-nl.png", dpi=150))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
