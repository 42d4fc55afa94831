"""How long a typeset handout and a report take, cold and warm (issue 16: handout warm < 1 s)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bodymap.renderers.pages import handout, report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    cold = timed(lambda: handout("iliopsoas"), 1)[0]
    warm = timed(lambda: handout("iliopsoas"), 10)
    nl = timed(lambda: handout("iliopsoas", lang="nl"), 5)
    generic = timed(lambda: handout("deltoid"), 5)
    print(
        f"handout iliopsoas en: cold {cold:.3f} s, warm median {statistics.median(warm):.3f} s "
        f"(max {max(warm):.3f} s; target < 1 s)"
    )
    print(f"handout iliopsoas nl: warm median {statistics.median(nl):.3f} s")
    print(f"handout deltoid (generated page): warm median {statistics.median(generic):.3f} s")
    drawing, before = EXAMPLES / "iliopsoas-left-followup.json", EXAMPLES / "iliopsoas-left.json"
    rep = timed(lambda: report(drawing, before=before), 3)
    print(f"report with --before: median {statistics.median(rep):.3f} s (ranks every pattern)")
    assert statistics.median(warm) < 1.0


if __name__ == "__main__":
    main()
