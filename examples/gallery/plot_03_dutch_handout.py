"""
A Dutch patient handout
=======================

``bodymap handout`` typesets one A4 page for the patient with Typst: the pattern figure, the
zones in plain words, what makes the pain worse, an exercise and when to contact the
clinician.  ``lang="nl"`` writes it in Dutch; ``clinic`` and ``notes_text`` add the practice
and the clinician's advice.  Needs ``pip install 'bodymap[pdf]'``.
"""

import datetime

import bodymap

page = bodymap.handout(
    "iliopsoas",
    side="left",
    lang="nl",
    clinic="Fysiotherapie Oost",
    notes_text="Wandel elke dag twee keer tien minuten.",
    date=datetime.date(2026, 12, 7),
)
# page.save("handout-iliopsoas-nl.pdf") writes the PDF.
