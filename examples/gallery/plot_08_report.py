"""
The clinician report
====================

:func:`bodymap.report` typesets at most two A4 pages on a drawing: the drawing in intensity
colours, its extent and regions, the best-fitting patterns of every kind and, with
``before=``, the change since an earlier drawing.  Needs ``pip install 'bodymap[pdf]'``.
"""

import datetime
from pathlib import Path

import bodymap

drawings = Path("../drawings")
report = bodymap.report(
    drawings / "iliopsoas-left-followup.json",
    before=drawings / "iliopsoas-left.json",
    date=datetime.date(2026, 12, 7),
)
