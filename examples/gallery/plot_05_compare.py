"""
Comparing a drawing with a pattern, and two visits
==================================================

:func:`bodymap.compare` measures the overlap of a drawing with a pattern: ``recall`` (share
of the pattern the patient marked), ``precision`` (share of the pain inside the pattern),
``dice`` and ``jaccard``, and the same against the essential zones only.  Given a second
drawing instead of a pattern, it compares two visits of one patient; drawn together, the two
visits get two colours.
"""

from pathlib import Path

import bodymap

drawings = Path("../drawings")
first = bodymap.load_drawing(drawings / "iliopsoas-left.json")
later = bodymap.load_drawing(drawings / "iliopsoas-left-followup.json")

result = bodymap.compare(first, "iliopsoas", side="best")
print(
    f"side {result.side}: dice {result.dice:.2f}, recall {result.recall:.0%}, "
    f"precision {result.precision:.0%}"
)

change = bodymap.compare(first, later)
print(f"first visit against follow-up: dice {change.dice:.2f}")

visits = bodymap.render(pattern=None, drawing=[first, later], title="First visit and follow-up")
