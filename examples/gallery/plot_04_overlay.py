"""
A patient's drawing over a pattern
==================================

A pain drawing is a JSON file of marks on the chart (see :doc:`/reference/formats`).  Given
to :func:`bodymap.render` with a pattern, the drawing is coloured by pain intensity and the
pattern's zones are drawn as light fills beneath it, so patient and clinician see how well
the pattern explains the pain.
"""

from pathlib import Path

import bodymap

drawings = Path("../drawings")  # bodymap's example drawings (examples/drawings)
drawing = bodymap.load_drawing(drawings / "iliopsoas-left.json")
print(f"{drawing.area():.0f} cm² marked")

overlay = bodymap.render("iliopsoas", side="left", drawing=drawing)
