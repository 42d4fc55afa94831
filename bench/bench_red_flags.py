"""The figures the red-flag thresholds were chosen from (``bodymap.analysis.redflags``).

For every organ pattern: its fit and its place by fit (among all 265 pattern sides) for a
drawing made of its essential zones, of its whole pattern and of the upper half of each
essential zone; then the best fits of an organ to drawings made of the essential zones of
every other pattern (the false alarms to stay above), and the organs' best fits to the
example drawings.  Prints the thresholds and whether they separate the two sets.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import bodymap
from bodymap.analysis.redflags import RED_FLAG_FIT, RED_FLAG_FIT_UNKNOWN_SEX, RED_FLAG_RANK
from bodymap.model.pattern import select_patterns

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from redflag_helpers import essential, half_essential, zone_drawing  # noqa: E402


def organ_fits(drawing: Any) -> dict[tuple[str, str], tuple[float, int]]:
    """Each organ pattern side's fit and place by fit among every pattern side."""
    ranking = bodymap.rank(drawing, by="fit")
    return {
        (c.pattern, c.side or "both"): (c.fit or 0.0, place)
        for place, c in enumerate(ranking, start=1)
        if c.red_flag
    }


def main() -> None:
    organs = select_patterns(kinds=["organ"])
    print(f"thresholds: fit >= {RED_FLAG_FIT}, best {RED_FLAG_RANK} by fit; one-sex organ "
          f"and unknown sex: fit >= {RED_FLAG_FIT_UNKNOWN_SEX}")  # fmt: skip
    print("\nan organ's own zones:            essential     whole   half of essential")
    lowest_own = 1.0
    for organ in organs:
        side = organ.sides[0]
        whole = [(z.view, z.geometry) for z in organ.zones(side)]
        cells = []
        for zones in (essential(organ), whole, half_essential(organ)):
            fit, place = organ_fits(zone_drawing(zones))[(organ.name, side)]
            lowest_own = min(lowest_own, fit)
            cells.append(f"{fit:.3f} (#{place})")
        print(f"  {organ.name:28s}" + "".join(f"{c:>14s}" for c in cells))
    print("\norgans fitting drawings of other patterns' essential zones (best 8):")
    others = []
    for pattern in select_patterns():
        fits = organ_fits(zone_drawing(essential(pattern)))
        for (name, side), (fit, place) in fits.items():
            if name != pattern.name:
                others.append((fit, place, pattern.name, name, side))
    others.sort(reverse=True)
    for fit, place, source, name, side in others[:8]:
        print(f"  {source:28s} -> {name} ({side}): fit {fit:.3f}, #{place} by fit")
    print("\norgans fitting the example drawings (best 2 each):")
    worst_example = 0.0
    for path in sorted((ROOT / "examples/drawings").glob("*.json")):
        fits = sorted(organ_fits(path).items(), key=lambda kv: -kv[1][0])[:2]
        worst_example = max(worst_example, fits[0][1][0])
        shown = ", ".join(f"{n} ({s}) {f:.3f} #{p}" for (n, s), (f, p) in fits)
        print(f"  {path.name:30s} {shown}")
    highest_other = others[0][0]
    ok = highest_other < RED_FLAG_FIT <= lowest_own and worst_example < RED_FLAG_FIT
    print(f"\nlowest own fit {lowest_own:.3f}; highest other pattern {highest_other:.3f}; "
          f"highest example {worst_example:.3f}; threshold {RED_FLAG_FIT} separates them: "
          f"{'yes' if ok else 'NO'}")  # fmt: skip


if __name__ == "__main__":
    main()
