"""What the clinic app computes from drawings, through the library's own functions.

The ranking is :func:`bodymap.analysis.ranking.rank` and its JSON is
:meth:`~bodymap.analysis.ranking.RankResult.to_json`, the very calls behind
``bodymap rank DRAWING --json``; figures come from :mod:`bodymap.renderers.diagram`.  A stored
drawing version never changes, so what is computed from one is kept in a small per-process
cache keyed by the version's name and the digest of its document; a newly stored version is
ranked at once in a background thread (:func:`warm`).  :func:`track` is the one adapter
between the app and the tracking of a patient's visits (extent and Jaccard with the previous
visit), so that a library ``track`` can take its place in one spot.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from threading import Lock, RLock
from typing import Any, TypeVar

from bodymap.analysis.ranking import RankResult, rank
from bodymap.analysis.redflags import drawing_sex
from bodymap.apps.serve.models import DrawingVersion
from bodymap.model.drawing import Drawing
from bodymap.model.reader import drawing_from_dict, parse_drawing_text

__all__ = ["LIBRARY", "figure_svg", "rank_json", "ranking", "read_drawing", "track", "warm"]

T = TypeVar("T")


#: Held around every use of the library's geometry in the app.  Shapely's shared geometries
#: (the atlas's prepared pattern shapes, the chart's regions) are not safe to use from two
#: threads at once: two rankings at the same moment crashed GEOS (a segmentation fault) in
#: the server's thread pool.  One computation at a time per process; more processes
#: (``--workers``) compute in parallel.
LIBRARY = RLock()


class _Cache:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]  # type: ignore[no-any-return]
        with LIBRARY:
            value = make()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


_DRAWINGS = _Cache(256)
_RANKINGS = _Cache(128)
_JSON = _Cache(32)
_FIGURES = _Cache(64)


def read_drawing(text: str | bytes, name: str | None = None) -> Drawing:
    """Parse and check a drawing document with the library's bounded reader.

    ``name`` is the file name the drawing goes by (its label in rankings and reports).

    Raises
    ------
    DrawingError
        The reader's one-line message.
    """
    path = Path(name) if name is not None else None
    doc = parse_drawing_text(text, name or "drawing")
    with LIBRARY:
        return drawing_from_dict(doc, path)


def file_name(row: DrawingVersion) -> str:
    """The file name of a stored drawing version: ``visit-ID-vN.json``."""
    return f"visit-{row.visit_id}-v{row.version}.json"


def _key(row: DrawingVersion) -> tuple[str, str]:
    """What the caches know a stored version by: its name and the digest of its document."""
    return file_name(row), hashlib.sha256(row.document.encode("utf-8")).hexdigest()


def stored_drawing(row: DrawingVersion) -> Drawing:
    """The drawing of a stored version (read once per process), named by :func:`file_name`."""
    return _DRAWINGS.get(_key(row), lambda: read_drawing(row.document, file_name(row)))


def ranking(
    row: DrawingVersion,
    by: str = "dice",
    kinds: tuple[str, ...] | None = None,
    sex: str | None = None,
) -> RankResult:
    """The full ranking of a stored drawing version (cached).

    ``sex`` is the patient's, for the red flags when the drawing itself does not say (the
    drawing's own ``bodymap.sex`` comes first); ``None`` ranks exactly as ``bodymap rank``
    does on the stored document.
    """

    def make() -> RankResult:
        drawing = stored_drawing(row)
        return rank(drawing, by=by, kinds=kinds, sex=drawing_sex(drawing) or sex)

    return _RANKINGS.get((_key(row), by, kinds, sex), make)


def rank_json(
    row: DrawingVersion,
    top: int | None = None,
    by: str = "dice",
    kinds: tuple[str, ...] | None = None,
    lang: str = "en",
) -> str:
    """Exactly ``bodymap rank visit-ID-vN.json --json`` with these options (cached)."""

    def make() -> str:
        full = ranking(row, by, kinds)
        shown = full if top is None else replace(full, results=full.results[:top])
        return shown.to_json(lang=lang)

    return _JSON.get((_key(row), top, by, kinds, lang), make)


_WARMER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bodymap-warm")


def warm(row: DrawingVersion) -> None:
    """Rank a newly stored drawing in the background: its first view is then as quick as later.

    The ranking and the JSON of ``GET /api/v1/visits/ID/rank`` with its default options are
    made; the row is copied, so the request's database session may close meanwhile.
    """
    detached = DrawingVersion(
        id=row.id, visit_id=row.visit_id, version=row.version, document=row.document
    )
    _WARMER.submit(rank_json, detached)


def figure_svg(key: Hashable, make: Callable[[], str]) -> str:
    """A figure's SVG text made once per key (the key names a stored version and options)."""
    return _FIGURES.get(key, make)


def _jaccard(first: Drawing, second: Drawing) -> float | None:
    """Jaccard index of the areas two drawings mark (over all views), ``None`` if both empty."""
    inter = union = 0.0
    for view in sorted(set(first.views()) | set(second.views())):
        a = first.union(view)
        b = second.union(view)
        inter += a.intersection(b).area
        union += a.union(b).area
    return None if union == 0 else round(inter / union, 4)


def track(visits: Sequence[tuple[dict[str, Any], Drawing | None]]) -> list[dict[str, Any]]:
    """The visits in date order with ``extent_cm2`` and ``jaccard_previous``.

    Parameters
    ----------
    visits
        Each visit as a dict of what to report (``id``, ``date``, ...) and its latest
        drawing (``None`` when it has none), in date order.

    Returns
    -------
    list of dict
        The visit dicts with ``extent_cm2`` (``None`` without a drawing) and
        ``jaccard_previous``: the Jaccard index of this drawing and the previous visit's
        drawing (``None`` for the first drawing).
    """
    rows: list[dict[str, Any]] = []
    previous: Drawing | None = None
    with LIBRARY:
        return _track(visits, rows, previous)


def _track(
    visits: Sequence[tuple[dict[str, Any], Drawing | None]],
    rows: list[dict[str, Any]],
    previous: Drawing | None,
) -> list[dict[str, Any]]:
    for info, drawing in visits:
        row = dict(info)
        row["extent_cm2"] = None if drawing is None else round(drawing.area(), 2)
        row["jaccard_previous"] = (
            None if drawing is None or previous is None else _jaccard(previous, drawing)
        )
        if drawing is not None:
            previous = drawing
        rows.append(row)
    return rows


def canonical(drawing: Drawing) -> str:
    """The drawing document as stored: the reader's checked form, compact JSON."""
    return json.dumps(drawing.to_dict(), ensure_ascii=False, separators=(",", ":"))
