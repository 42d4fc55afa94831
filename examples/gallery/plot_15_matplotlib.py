"""
Patterns in your own matplotlib figure
======================================

:meth:`bodymap.Diagram.plot` draws a figure into a matplotlib ``Axes`` of your own, so
patterns can sit in a panel of a paper's figure.  Here the two patterns of the gluteus
medius and the piriformis, back view, side by side.
"""

from matplotlib.figure import Figure

import bodymap

fig = Figure(figsize=(8, 6), layout="constrained")
for ax, name in zip(fig.subplots(1, 2), ("gluteus-medius", "piriformis")):
    bodymap.render(name, side="left", view="back", labels=False).plot(ax=ax)
    ax.set_title(bodymap.load_pattern(name).title())
