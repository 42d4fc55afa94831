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
    from bodymap.analysis.comparison import Comparison, compare
    from bodymap.analysis.criteria import Criteria, criteria
    from bodymap.analysis.drawing_measures import DrawingMeasures, measure_drawing
    from bodymap.analysis.ranking import RankResult, rank
    from bodymap.analysis.schemes import Widespread, codes, widespread
    from bodymap.analysis.tracking import Track, Visit, track
    from bodymap.apps.cohort import CohortRequest, CohortResult, cohort, run_cohort
    from bodymap.apps.editor import DrawingEditor
    from bodymap.apps.form import make_form, save_form
    from bodymap.core.errors import (
        BodymapError,
        CodeError,
        DataError,
        DrawingError,
        OutputError,
        UnknownNameError,
    )
    from bodymap.model.chart import Chart, Region, Snomed, load_chart
    from bodymap.model.drawing import Drawing, Mark
    from bodymap.model.pattern import Pattern, TriggerPoint, Zone, load_pattern, pattern_names
    from bodymap.model.reader import load_drawing
    from bodymap.model.scheme import Scheme, SchemeArea, from_codes, load_scheme
    from bodymap.renderers.diagram import Diagram, atlas, render, track_figure
    from bodymap.renderers.pages import Document, handout, report

__all__ = [
    "BodymapError",
    "Chart",
    "CodeError",
    "CohortRequest",
    "CohortResult",
    "Comparison",
    "Criteria",
    "DataError",
    "Diagram",
    "Document",
    "Drawing",
    "DrawingEditor",
    "DrawingError",
    "DrawingMeasures",
    "Mark",
    "OutputError",
    "Pattern",
    "RankResult",
    "Region",
    "Scheme",
    "SchemeArea",
    "Snomed",
    "Track",
    "TriggerPoint",
    "UnknownNameError",
    "Visit",
    "Widespread",
    "Zone",
    "__version__",
    "atlas",
    "codes",
    "cohort",
    "compare",
    "criteria",
    "from_codes",
    "handout",
    "load_chart",
    "load_drawing",
    "load_pattern",
    "load_scheme",
    "make_form",
    "measure_drawing",
    "pattern_names",
    "rank",
    "render",
    "report",
    "run_cohort",
    "save_form",
    "track",
    "track_figure",
    "widespread",
]

_LAZY = {
    "CohortRequest": "bodymap.apps.cohort",
    "CohortResult": "bodymap.apps.cohort",
    "cohort": "bodymap.apps.cohort",
    "run_cohort": "bodymap.apps.cohort",
    "Chart": "bodymap.model.chart",
    "Region": "bodymap.model.chart",
    "Snomed": "bodymap.model.chart",
    "load_chart": "bodymap.model.chart",
    "Diagram": "bodymap.renderers.diagram",
    "render": "bodymap.renderers.diagram",
    "atlas": "bodymap.renderers.diagram",
    "BodymapError": "bodymap.core.errors",
    "DataError": "bodymap.core.errors",
    "OutputError": "bodymap.core.errors",
    "UnknownNameError": "bodymap.core.errors",
    "Pattern": "bodymap.model.pattern",
    "TriggerPoint": "bodymap.model.pattern",
    "Zone": "bodymap.model.pattern",
    "load_pattern": "bodymap.model.pattern",
    "pattern_names": "bodymap.model.pattern",
    "make_form": "bodymap.apps.form",
    "save_form": "bodymap.apps.form",
    "DrawingEditor": "bodymap.apps.editor",
    "Drawing": "bodymap.model.drawing",
    "Mark": "bodymap.model.drawing",
    "load_drawing": "bodymap.model.reader",
    "DrawingError": "bodymap.core.errors",
    "Comparison": "bodymap.analysis.comparison",
    "RankResult": "bodymap.analysis.ranking",
    "compare": "bodymap.analysis.comparison",
    "rank": "bodymap.analysis.ranking",
    "CodeError": "bodymap.core.errors",
    "Scheme": "bodymap.model.scheme",
    "SchemeArea": "bodymap.model.scheme",
    "from_codes": "bodymap.model.scheme",
    "load_scheme": "bodymap.model.scheme",
    "Widespread": "bodymap.analysis.schemes",
    "codes": "bodymap.analysis.schemes",
    "widespread": "bodymap.analysis.schemes",
    "Criteria": "bodymap.analysis.criteria",
    "criteria": "bodymap.analysis.criteria",
    "Document": "bodymap.renderers.pages",
    "handout": "bodymap.renderers.pages",
    "report": "bodymap.renderers.pages",
    "DrawingMeasures": "bodymap.analysis.drawing_measures",
    "measure_drawing": "bodymap.analysis.drawing_measures",
    "Track": "bodymap.analysis.tracking",
    "Visit": "bodymap.analysis.tracking",
    "track": "bodymap.analysis.tracking",
    "track_figure": "bodymap.renderers.diagram",
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
