"""
Following a patient over visits
===============================

:func:`bodymap.track` puts a patient's drawings in date order and measures each visit: the
pain extent, the intensity-weighted extent, the Jaccard index with the previous and with the
first visit, and the area that is new, resolved and persisting since the previous visit.
A change in extent larger than the minimal detectable change is flagged.
:func:`bodymap.track_figure` draws the visits as small multiples, with the extent over time
beneath them.  These are the three example visits of one patient whose right-sided low-back
pain spreads into the buttock and thigh, then nearly resolves.
"""

from pathlib import Path

import bodymap

drawings = Path("../drawings")
visits = bodymap.track(
    [bodymap.load_drawing(drawings / f"low-back-right-visit{i}.json") for i in (1, 2, 3)]
)
for visit in visits.visits:
    row = visit.to_dict()
    print(
        row["recorded"],
        f"{row['extent_cm2']:.1f} cm²",
        "MDC exceeded:",
        row["extent_change_exceeds_mdc"],
    )

figure = bodymap.track_figure(visits)
