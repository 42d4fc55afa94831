"""
The differential: which structures explain the pain
===================================================

:func:`bodymap.rank` orders every built-in pattern, on each side, by how well it fits a
drawing (``by="fit"`` weighs the essential zones more).  The differential figure draws the
drawing once and then the best patterns as small multiples with their scores: the picture
to show a patient ("your pain looks most like these").  ``bodymap rank DRAWING --figure
diff.png`` draws the same.
"""

from pathlib import Path

import bodymap
from bodymap.renderers.diagram import differential

drawing = bodymap.load_drawing(Path("../drawings") / "iliopsoas-left.json")
ranking = bodymap.rank(drawing, top=6, by="fit")
for candidate in ranking:
    print(f"{candidate.pattern:<24} {candidate.side:<5} fit {candidate.fit:.2f}")

figure = differential(drawing, top=6, by="fit", ranking=ranking)
