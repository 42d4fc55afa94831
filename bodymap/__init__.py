"""bodymap: body-map pain diagrams for clinicians and researchers.

bodymap holds anatomically proportioned body charts (front and back views, split into named
left/right regions) and myofascial referral-pain patterns as shapely polygons, and draws
annotated diagrams as SVG, PNG or PDF in English or Dutch.  The public API is loaded lazily
so that ``import bodymap`` and the command line start fast::

    import bodymap
    chart = bodymap.load_chart()
    pattern = bodymap.load_pattern("iliopsoas")
    bodymap.render(pattern="iliopsoas", side="left", lang="nl").save("handout.png")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from bodymap._version import __version__

if TYPE_CHECKING:
    from bodymap.chart import Chart, Region, Snomed, load_chart
    from bodymap.cohorts import CohortResult, cohort
    from bodymap.comparison import Comparison, RankResult, compare, rank
    from bodymap.diagram import Diagram, render
    from bodymap.drawing import Drawing, Mark, load_drawing
    from bodymap.editor import DrawingEditor
    from bodymap.errors import (
        BodymapError,
        DataError,
        DrawingError,
        OutputError,
        UnknownNameError,
    )
    from bodymap.form import make_form, save_form
    from bodymap.pattern import Pattern, TriggerPoint, Zone, load_pattern, pattern_names

__all__ = [
    "BodymapError",
    "Chart",
    "CohortResult",
    "Comparison",
    "DataError",
    "Diagram",
    "Drawing",
    "DrawingEditor",
    "DrawingError",
    "Mark",
    "OutputError",
    "Pattern",
    "RankResult",
    "Region",
    "Snomed",
    "TriggerPoint",
    "UnknownNameError",
    "Zone",
    "__version__",
    "cohort",
    "compare",
    "load_chart",
    "load_drawing",
    "load_pattern",
    "make_form",
    "pattern_names",
    "rank",
    "render",
    "save_form",
]

_LAZY = {
    "CohortResult": "bodymap.cohorts",
    "cohort": "bodymap.cohorts",
    "Chart": "bodymap.chart",
    "Region": "bodymap.chart",
    "Snomed": "bodymap.chart",
    "load_chart": "bodymap.chart",
    "Diagram": "bodymap.diagram",
    "render": "bodymap.diagram",
    "BodymapError": "bodymap.errors",
    "DataError": "bodymap.errors",
    "OutputError": "bodymap.errors",
    "UnknownNameError": "bodymap.errors",
    "Pattern": "bodymap.pattern",
    "TriggerPoint": "bodymap.pattern",
    "Zone": "bodymap.pattern",
    "load_pattern": "bodymap.pattern",
    "pattern_names": "bodymap.pattern",
    "make_form": "bodymap.form",
    "save_form": "bodymap.form",
    "DrawingEditor": "bodymap.editor",
    "Drawing": "bodymap.drawing",
    "Mark": "bodymap.drawing",
    "load_drawing": "bodymap.drawing",
    "DrawingError": "bodymap.errors",
    "Comparison": "bodymap.comparison",
    "RankResult": "bodymap.comparison",
    "compare": "bodymap.comparison",
    "rank": "bodymap.comparison",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bodymap' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
