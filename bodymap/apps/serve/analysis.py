"""What the clinic app computes from drawings, through the library's own functions.

The ranking is :func:`bodymap.analysis.ranking.rank` and its JSON is
:meth:`~bodymap.analysis.ranking.RankResult.to_json`, the very calls behind
``bodymap rank DRAWING --json``; figures come from :mod:`bodymap.renderers.diagram`.  A stored
drawing version never changes, so what is computed from one is kept in a small per-process
cache keyed by the version's name and the digest of its document.  A newly stored version is
ranked at once (:func:`warm`) in a separate worker process at a lower CPU priority, so that a
burst of new drawings never slows the pages clinicians and patients are waiting for; the
ranking comes back pickled and is unpacked only when a page needs it.  :func:`track` is the
one adapter between the app and the tracking of a patient's visits (extent and Jaccard with
the previous visit), so that a library ``track`` can take its place in one spot.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import json
import multiprocessing
import os
import pickle
import signal
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from threading import Lock, RLock
from types import MappingProxyType
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bodymap.analysis.ranking import RankResult, rank
from bodymap.analysis.redflags import drawing_sex
from bodymap.apps.serve.db import later
from bodymap.apps.serve.models import DrawingVersion, RankView, utcnow
from bodymap.core.choices import LANGUAGES
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern, load_pattern, pattern_names
from bodymap.model.reader import drawing_from_dict, parse_drawing_text

__all__ = [
    "LIBRARY",
    "figure_svg",
    "page_part",
    "rank_json",
    "ranking",
    "ranking_view",
    "read_drawing",
    "start",
    "stop",
    "track",
    "version_key",
    "warm",
    "warm_up",
]

T = TypeVar("T")


#: Held around every use of the library's geometry in the app.  Shapely's shared geometries
#: (the atlas's prepared pattern shapes, the chart's regions) are not safe to use from two
#: threads at once: two rankings at the same moment crashed GEOS (a segmentation fault) in
#: the server's thread pool.  One computation at a time per process; more processes
#: (``--workers`` and the ranking worker of :func:`warm`) compute in parallel.
LIBRARY = RLock()

#: How long a page waits for the ranking worker's result of a drawing it has queued before
#: ranking the drawing itself, in seconds.
WAIT_SECONDS = 20.0


class _Cache:
    """A small thread-safe least-recently-used cache; one thread makes a missing value."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = Lock()
        self.making: dict[Hashable, Lock] = {}

    def peek(self, key: Hashable) -> Any:
        """The value kept for ``key`` (``None`` if there is none)."""
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            return None

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` for ``key``, forgetting the least recently used beyond the size."""
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value for ``key``, made by ``make`` (which locks what it needs) if not kept.

        Threads asking for the same missing value at once wait for the first one's.
        """
        found = self.peek(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        with self.lock:
            turn = self.making.setdefault(key, Lock())
        with turn:
            found = self.peek(key)
            if found is None:
                found = make()
                self.put(key, found)
        with self.lock:
            if self.making.get(key) is turn:
                del self.making[key]
        return found  # type: ignore[no-any-return]


_DRAWINGS = _Cache(256)
_RANKINGS = _Cache(128)
_JSON = _Cache(32)
_FIGURES = _Cache(64)
_VIEWS = _Cache(256)
#: How many ranked pattern sides the visit page lists.
VIEW_SHOWN = 15
_PARTS = _Cache(256)
#: Rankings made by the worker process, still pickled (about 0.2 MB each).
_PACKED = _Cache(128)


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


def version_key(row: DrawingVersion) -> tuple[str, str]:
    """What the caches know a stored version by: its name and the digest of its document."""
    return _document_key(file_name(row), row.document)


_key = version_key


def _document_key(name: str, document: str) -> tuple[str, str]:
    return name, hashlib.sha256(document.encode("utf-8")).hexdigest()


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
    does on the stored document.  A ranking the worker process of :func:`warm` has made or
    is making is taken from it.
    """
    drawing = stored_drawing(row)
    sex = drawing_sex(drawing) or sex
    key = (_key(row), by, kinds, sex)

    def make() -> RankResult:
        if (by, kinds) == ("dice", None):
            pending = _PENDING.get(_key(row))
            if pending is not None:
                # the worker failed or is slow: rank here
                with suppress(Exception):
                    pending.result(timeout=WAIT_SECONDS)
            packed = _PACKED.peek(key)
            if packed is not None:
                with LIBRARY:
                    return _unpack(packed)
        with LIBRARY:
            return rank(drawing, by=by, kinds=kinds, sex=sex)

    return _RANKINGS.get(key, make)


def ranking_view(
    row: DrawingVersion,
    by: str,
    kinds: tuple[str, ...] | None,
    sex: str | None,
    lang: str,
    shown: int,
    db: Session | None = None,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """What the visit page shows of a ranking, in ``lang`` (cached): the ranking and measures.

    The ranking holds the ``shown`` best pattern sides (pattern, side, kind, title, Dice,
    fit and whether each raises a red flag) and the red flags' texts; the measures are the
    drawing's extent, regions, WPI and generalized pain, as ``bodymap rank --json`` gives them
    (``None`` if no pattern was ranked).  With the request's database session ``db``, the
    view a ranking worker stored for the default options (:data:`VIEW_SHOWN` sides by Dice,
    every kind) is read from the database, whichever server worker ranked the drawing.
    """

    def make() -> tuple[dict[str, Any], dict[str, Any] | None]:
        if db is not None and (by, kinds, shown) == ("dice", None, VIEW_SHOWN):
            stored = db.scalar(
                select(RankView.view).where(
                    RankView.version_id == row.id,
                    RankView.sex == (sex or ""),
                    RankView.lang == lang,
                )
            )
            if stored is not None:
                view, measures = json.loads(stored)
                return view, measures
        full = ranking(row, by, kinds, sex)
        with LIBRARY:
            return _view(full, lang, shown)

    return _VIEWS.get((_key(row), by, kinds, sex, lang, shown), make)


def _view(full: RankResult, lang: str, shown: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The visit page's view of a ranking (see :func:`ranking_view`); JSON-ready."""
    raised = {(c.pattern, c.side) for c in full.raised}
    results = [
        {
            "pattern": c.pattern,
            "side": c.side,
            "kind": c.kind,
            "title": c.title(lang),
            "dice": c.dice,
            "fit": c.fit,
            "red_flag_raised": (c.pattern, c.side) in raised,
        }
        for c in full.results[:shown]
    ]
    view = {"results": results, "red_flags": [f.to_dict() for f in full.red_flags(lang)]}
    measures = None
    if full.results:
        first = full.results[0].to_dict()
        measures = {k: first[k] for k in ("extent", "regions", "wpi", "generalized")}
    return view, measures


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
        with LIBRARY:
            return shown.to_json(lang=lang)

    return _JSON.get((_key(row), top, by, kinds, lang), make)


# --- the ranking worker --------------------------------------------------------------------


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _proxy, (dict(proxy),)


@cache
def _builtin_pattern(name: str) -> Pattern:
    """The built-in pattern ``name`` (:func:`load_pattern`'s own copy), found at once."""
    return load_pattern(name)


def _reduce_pattern(pattern: Pattern) -> tuple[Any, ...] | str:
    """A built-in pattern travels as its name (the other process loads its own copy)."""
    if pattern.name in pattern_names() and load_pattern(pattern.name) is pattern:
        return _builtin_pattern, (pattern.name,)
    return pattern.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


_PICKLING = copyreg.dispatch_table.copy()
_PICKLING[MappingProxyType] = _reduce_proxy
_PICKLING[Pattern] = _reduce_pattern


def _pack(result: RankResult) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _PICKLING
    pickler.dump(result)
    return out.getvalue()


def _unpack(packed: bytes) -> RankResult:
    # Only ever bytes this process's own worker made from a stored drawing.
    result = pickle.loads(packed)
    if not isinstance(result, RankResult):
        raise TypeError("the ranking worker sent something else than a ranking")
    return result


def _start_worker() -> None:
    """In the worker process: the lowest CPU priority, no ^C of its own, the atlas loaded.

    The worker ends the moment the server process does, however that ends (even killed).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        # Linux: run only when no request wants the CPU
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    elif hasattr(os, "nice"):
        os.nice(19)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    warm_up()


def _end_with(parent: Any) -> None:
    parent.join()
    os._exit(0)


def _derive(name: str, document: str, sexes: tuple[str | None, ...]) -> list[Any]:
    """In the worker process: the rankings of a stored document, pickled, its JSON and views.

    For each patient's sex in ``sexes``: ``(sex, ranked as, packed ranking, JSON or None,
    {language: view})``; the JSON (that of ``GET /api/v1/visits/ID/rank`` with its default
    options) is made for ``None``, the views (:func:`ranking_view`'s, default options, as
    JSON text) for every language.
    """
    drawing = read_drawing(document, name)
    own = drawing_sex(drawing)
    made = []
    results: dict[str | None, RankResult] = {}
    for sex in dict.fromkeys(sexes):
        ranked_as = own or sex
        fresh = ranked_as not in results
        if fresh:
            results[ranked_as] = rank(drawing, sex=ranked_as)
        result = results[ranked_as]
        views = {
            lang: json.dumps(_view(result, lang, VIEW_SHOWN), ensure_ascii=False)
            for lang in LANGUAGES
        }
        packed = _pack(result) if fresh else None
        text = result.to_json() if fresh and ranked_as == own else None
        made.append((sex, ranked_as, packed, text, views))
    return made


_PENDING: dict[tuple[str, str], Future[Any]] = {}
_POOL: list[ProcessPoolExecutor] = []
_POOL_LOCK = Lock()
_FALLBACK = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bodymap-warm")


def _worker() -> ProcessPoolExecutor:
    """The ranking worker process (started on first use or by :func:`start`)."""
    with _POOL_LOCK:
        if not _POOL:
            _POOL.append(
                ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                )
            )
        return _POOL[0]


def _received(key: tuple[str, str], row_id: int, url: str | None, future: Future[Any]) -> None:
    """Keep what the worker made for the version ``row_id`` of the database ``url``.

    The rankings (still pickled) for :func:`ranking` and :func:`rank_json`, the page's views
    here and, with ``url``, in the database for every server worker.
    """
    try:
        if future.cancelled() or future.exception() is not None:
            return
        stored = []
        for sex, ranked_as, packed, text, views in future.result():
            if packed is not None:
                _PACKED.put((key, "dice", None, ranked_as), packed)
            if text is not None:
                _JSON.put((key, None, "dice", None, "en"), text)
            for lang, view in views.items():
                shown, measures = json.loads(view)
                _VIEWS.put((key, "dice", None, sex, lang, VIEW_SHOWN), (shown, measures))
                stored.append({"version_id": row_id, "sex": sex or "", "lang": lang, "view": view})
        if url is not None and stored:
            later(url, partial(_store_views, rows=stored))
    finally:
        _PENDING.pop(key, None)


def _store_views(db: Session, rows: list[dict[str, Any]]) -> None:
    """Store views of a version's ranking (another worker may have stored them already)."""
    kind = db.get_bind().dialect.name
    insert = sqlite_insert if kind == "sqlite" else postgresql_insert
    now = utcnow()
    db.execute(
        insert(RankView)
        .values([{**row, "created_at": now} for row in rows])
        .on_conflict_do_nothing(index_elements=["version_id", "sex", "lang"])
    )


def warm(row: DrawingVersion, sex: str | None = None, url: str | None = None) -> None:
    """Rank a newly stored drawing in the worker process: its first view is then quick.

    The ranking for the patient's ``sex`` (the visit page's) and for none (that of ``GET
    /api/v1/visits/ID/rank`` and of ``bodymap rank``), the JSON of the latter and the visit
    page's views are made; with the database ``url`` the views are stored there, for every
    server worker (:func:`ranking_view`).  Should the worker process be unavailable, a
    background thread of this process ranks.
    """
    key = _key(row)
    if key in _PENDING:
        return
    name, document, sexes = file_name(row), row.document, (sex, None)
    try:
        future = _worker().submit(_derive, name, document, sexes)
    except RuntimeError:  # the worker died (its pool is broken): start a new one, once
        stop()
        try:
            future = _worker().submit(_derive, name, document, sexes)
        except RuntimeError:  # no worker process can start here: rank in this process
            detached = DrawingVersion(
                id=row.id, visit_id=row.visit_id, version=row.version, document=row.document
            )
            _FALLBACK.submit(rank_json, detached)
            return
    _PENDING[key] = future
    future.add_done_callback(partial(_received, key, row.id, url))


def start() -> None:
    """Start the ranking worker now, loading its atlas while no drawing waits for it."""
    _worker().submit(int)


def stop() -> None:
    """Stop the ranking worker (at the app's shutdown): queued work is dropped."""
    with _POOL_LOCK:
        while _POOL:
            _POOL.pop().shutdown(wait=False, cancel_futures=True)


def figure_svg(key: Hashable, make: Callable[[], str]) -> str:
    """A figure's SVG text made once per key (the key names a stored version and options)."""

    def locked() -> str:
        with LIBRARY:
            return make()

    return _FIGURES.get(key, locked)


def page_part(key: Hashable, make: Callable[[], str]) -> str:
    """A part of a page's HTML made once per key (the same for every clinician).

    The key names a stored version, the view's options and the language: the visit page's
    ranking rows.
    """
    return _PARTS.get(key, make)


def warm_up() -> None:
    """Load the atlas and the chart at once, so the first ranking is as quick as the rest."""
    probe = {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1},
        "features": [
            {
                "type": "Feature",
                "geometry": None,
                "properties": {"view": "front", "region": "groin-left"},
            }
        ],
    }
    with LIBRARY:
        rank(drawing_from_dict(probe))


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
