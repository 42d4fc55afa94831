"""Typeset page models as A4 PDF with Typst (the optional ``bodymap[pdf]`` extra).

The handout and report templates (``renderers/templates/*.typ``) are fixed Typst files; the
page's content travels beside them as data: one JSON document and the figures as SVG text,
handed to Typst through ``sys.inputs`` and decoded there with ``json()`` and ``image()``.
No text of a page is ever pasted into Typst markup, so a subject id, a clinic name or a
note holding ``#set page(width: 1cm)``, ``]``, ``$`` or ``<script>`` is printed literally.
Typst brings its own fonts (Libertinus Serif, the pages' text) and is given the figures'
font (DejaVu Sans, as matplotlib ships it); system fonts are ignored, so a page looks
the same on every machine, its text can be selected and searched, and figures stay vector
graphics.  A page that does not fit its page count is an error, not a second page.

Every text handed to Typst, in the data and in the figures, is bounded first
(:func:`bodymap.core.bounds.bounded`: at most :data:`~bodymap.core.bounds.MAX_PAGE_TEXT`
characters, :data:`~bodymap.core.bounds.MAX_MARKS` combining marks per character), so no
text can make the typesetter crawl or abort; whatever Typst still fails on, a Rust panic
included, is one :class:`~bodymap.core.errors.BodymapError` line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from bodymap.core.bounds import bounded
from bodymap.core.errors import BodymapError
from bodymap.core.i18n import tr
from bodymap.core.jsonio import dump_json
from bodymap.core.notes import Block
from bodymap.core.palette import OKABE_ITO
from bodymap.core.quiet import quiet_stderr
from bodymap.core.text import one_line
from bodymap.renderers.svg import scene_to_svg
from bodymap.scene.handout import HandoutPage
from bodymap.scene.items import Group, Item, Scene, Shape, Text
from bodymap.scene.layout import font_folder
from bodymap.scene.page import MUTED, TEXT
from bodymap.scene.report import ReportPage

__all__ = ["INSTALL_HINT", "OVERFLOW", "bounded_scene", "handout_pdf", "report_pdf", "typeset"]

#: The one line a missing extra gives.
INSTALL_HINT = "typesetting PDF pages needs Typst: pip install 'bodymap[pdf]'"
#: The message a template panics with when its content does not fit its pages.
OVERFLOW = "bodymap-overflow"
#: Colours of the pages (one source: the figure palette).
COLORS: Mapping[str, str] = {
    "text": TEXT,
    "muted": MUTED,
    "accent": OKABE_ITO["blue"],
    "warm": OKABE_ITO["vermillion"],
    "tint": "#EEF5FA",
    "rule": "#B9CFE0",
}


class PageOverflow(BodymapError):
    """The content does not fit on the pages a template allows."""


def _bounded_data(value: Any) -> Any:
    """``value`` (JSON-ready data) with every text in it bounded."""
    if isinstance(value, str):
        return bounded(value)
    if isinstance(value, Mapping):
        return {k: _bounded_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_bounded_data(v) for v in value]
    return value


def _bounded_item(item: Item) -> Item:
    if isinstance(item, Text):
        return replace(item, text=bounded(item.text))
    if isinstance(item, Shape) and item.title is not None:
        return replace(item, title=bounded(item.title))
    if isinstance(item, Group):
        title = None if item.title is None else bounded(item.title)
        return replace(item, items=tuple(map(_bounded_item, item.items)), title=title)
    return item


def bounded_scene(scene: Scene) -> Scene:
    """``scene`` with every text in it bounded (its labels, titles and hover texts)."""
    return replace(
        scene,
        title=bounded(scene.title),
        desc=bounded(scene.desc),
        items=tuple(map(_bounded_item, scene.items)),
    )


def _figure(scene: Scene) -> str:
    return scene_to_svg(bounded_scene(scene))


def _template(name: str) -> bytes:
    return resources.files(__package__).joinpath(f"templates/{name}.typ").read_bytes()


@lru_cache(maxsize=1)
def _fonts() -> Any:
    """Typst's own fonts and the figures' font (DejaVu Sans, in which they were laid out)."""
    import typst

    return typst.Fonts(include_system_fonts=False, font_paths=[str(font_folder())])


def typeset(
    template: str,
    data: Mapping[str, Any],
    figures: Mapping[str, str],
    timestamp: dt.datetime | None = None,
) -> bytes:
    """Compile a built-in template with ``data`` (JSON) and ``figures`` (SVG) to PDF bytes.

    Parameters
    ----------
    template
        ``"handout"`` or ``"report"``.
    data
        The page's content; the template reads it with ``json(bytes(sys.inputs.data))``.
    figures
        SVG documents by name; the template reads ``sys.inputs.<name>``.
    timestamp
        The PDF's creation date (default: none written, so equal input gives equal bytes).

    Raises
    ------
    BodymapError
        If Typst is not installed (one line saying what to install) or fails.
    PageOverflow
        If the content needs more pages than the template allows.
    """
    try:
        import typst
    except ImportError:
        raise BodymapError(INSTALL_HINT) from None
    inputs = {"data": dump_json(_bounded_data(data), indent=None), **figures}
    fonts = _fonts()
    try:
        with quiet_stderr():  # a Rust panic prints its message and backtrace there
            pdf = typst.compile(
                _template(template),
                format="pdf",
                ignore_system_fonts=True,
                font_paths=fonts,
                sys_inputs=inputs,
                timestamp=timestamp,
            )
    except typst.TypstError as exc:
        if OVERFLOW in str(exc):
            raise PageOverflow(f"the {template} does not fit on its page(s)") from None
        raise BodymapError(
            f"Typst could not set the {template}: {one_line(str(exc.message))}"
        ) from None
    except BaseException as exc:  # a Rust panic is a BaseException (pyo3's PanicException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise BodymapError(
            f"Typst failed to set the {template} ({type(exc).__name__}: "
            f"{bounded(one_line(str(exc)), 200)})"
        ) from None
    assert isinstance(pdf, bytes)
    return pdf


def _blocks(blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    return [
        {"kind": b.kind, "items": [[asdict(r) for r in item] for item in b.items]} for b in blocks
    ]


def handout_pdf(page: HandoutPage, timestamp: dt.datetime | None = None) -> bytes:
    """The handout page as a one-page A4 PDF.

    Raises
    ------
    PageOverflow
        If the notes make the page longer than one A4 page.
    """
    data: dict[str, Any] = {
        "lang": page.lang,
        "title": page.title,
        "subtitle": page.subtitle,
        "intro": page.intro,
        "clinic": page.clinic or "",
        "date": page.date,
        "full": page.full,
        "about": page.about,
        "where": [asdict(w) for w in page.where],
        "worse": list(page.worse),
        "exercise": None
        if page.exercise is None
        else {
            "heading": tr("handout.exercise", page.lang, name=page.exercise.name),
            "steps": list(page.exercise.steps),
        },
        "tips": list(page.tips),
        "contact": list(page.contact),
        "notes": _blocks(page.notes),
        "sources": list(page.sources),
        "labels": page.labels,
        "figure": {"width": page.figure.width, "height": page.figure.height},
        "colors": dict(COLORS),
    }
    return typeset("handout", data, {"figure": _figure(page.figure)}, timestamp)


def report_pdf(page: ReportPage, timestamp: dt.datetime | None = None) -> bytes:
    """The clinician report as an A4 PDF of at most two pages.

    Raises
    ------
    PageOverflow
        If the report needs more than two pages.
    """
    figures = {f"fig-{name}": _figure(scene) for name, scene in page.figures.items()}
    data = {
        **page.data(),
        "figures": {
            name: {"width": s.width, "height": s.height, "print": page.widths.get(name, 0.0)}
            for name, s in page.figures.items()
        },
        "colors": dict(COLORS),
    }
    return typeset("report", data, figures, timestamp)
