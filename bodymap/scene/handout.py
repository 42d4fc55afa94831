"""The patient handout as a page model: every text and figure of the page, backend-free.

:func:`handout_page` composes one A4 handout of a referral pattern in one language: the
title and a two-sentence explanation, the pattern figure (the views that show zones, with
the page's own legend beside it naming the zones in plain words), what often makes the pain
worse, what the patient can do (a numbered exercise and tips), when to contact the
clinician, the clinician's notes, the date, the clinic and the sources.  Patterns with a
full text (:mod:`bodymap.model.handout`) get all of it; every other pattern gets a page
generated from its zones and summary with a clearly marked box for the clinician's own
advice.  :func:`trimmed` cuts a figure scene down to its drawn content, which the pages
use to leave out a figure's own title and source line.  The typesetting is done by
:mod:`bodymap.renderers.typst`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from shapely.affinity import translate

from bodymap._version import __version__
from bodymap.core.bounds import bounded
from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError
from bodymap.core.i18n import format_date, tr
from bodymap.core.notes import Block
from bodymap.model.chart import Chart
from bodymap.model.handout import Exercise, load_handout_text
from bodymap.model.pattern import Pattern, check_side
from bodymap.scene.items import Group, Item, Line, Scene, Shape, Text, ViewFrame
from bodymap.scene.page import lines_width
from bodymap.scene.pattern_figure import STYLES, FigureOptions, build_scene

__all__ = [
    "MAX_CLINIC",
    "MIN_PRINT_PT",
    "HandoutPage",
    "WhereEntry",
    "format_date",
    "handout_page",
    "legible",
    "print_width",
    "trimmed",
]

#: The longest clinic name, in characters: the handout's header holds it on one line beside
#: the date.
MAX_CLINIC = 40
#: The smallest text on a printed page, in points: the handout and the report print every
#: figure so that none of its texts is smaller.
MIN_PRINT_PT = 6.0
#: Millimetres in a point.
_PT_MM = 25.4 / 72.0


@dataclass(frozen=True)
class WhereEntry:
    """One line of the figure's legend: a zone kind (its swatch) and the places it covers."""

    kind: str
    heading: str
    places: tuple[str, ...]
    fill: str
    opacity: float
    stroke: str


@dataclass(frozen=True)
class HandoutPage:
    """Everything one handout page shows, as plain text and a figure scene.

    ``full`` tells a page with the pattern's own text from a generated one (which has the
    marked advice box).  ``labels`` holds the page's headings in its language.
    """

    lang: str
    pattern: str
    kind: str
    title: str
    subtitle: str
    intro: str
    figure: Scene
    where: tuple[WhereEntry, ...]
    worse: tuple[str, ...]
    exercise: Exercise | None
    tips: tuple[str, ...]
    contact: tuple[str, ...]
    notes: tuple[Block, ...]
    full: bool
    date: str
    sources: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)
    clinic: str | None = None
    about: str = ""


def _translate(item: Item, dx: float, dy: float) -> Item:
    if isinstance(item, Group):
        return replace(item, items=tuple(_translate(i, dx, dy) for i in item.items))
    if isinstance(item, Shape):
        return replace(item, geometry=translate(item.geometry, dx, dy))
    if isinstance(item, Line):
        return replace(item, points=tuple((x + dx, y + dy) for x, y in item.points))
    return replace(item, x=item.x + dx, y=item.y + dy)


def _text_box(item: Text) -> tuple[float, float, float, float]:
    lines = item.text.count("\n") + 1
    width = lines_width(item.text, item.size, item.weight)
    x0 = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}[item.anchor]
    bottom = item.y + (lines - 1) * item.size * item.line_height + 0.25 * item.size
    return x0, item.y - 0.8 * item.size, x0 + width, bottom


def _texts(scene: Scene) -> list[Text]:
    return [item for item in scene.walk() if isinstance(item, Text) and item.text.strip()]


def print_width(scene: Scene, most: float | None = None, min_pt: float = MIN_PRINT_PT) -> float:
    """The width (mm) to print ``scene`` at so that its smallest text is ``min_pt`` points.

    Texts are sized in the scene's mm; printed ``w`` mm wide, a text of ``size`` mm is
    ``size * w / scene.width`` mm high.  ``most`` caps the width (e.g. the page's text
    width): :func:`legible` then enlarges the texts that would fall below ``min_pt``.
    """
    texts = _texts(scene)
    width = scene.width
    if texts:
        width = scene.width * min_pt * _PT_MM / min(t.size for t in texts)
    return width if most is None else min(width, most)


def legible(scene: Scene, width: float, min_pt: float = MIN_PRINT_PT) -> Scene:
    """``scene`` with every text that would print below ``min_pt`` at ``width`` mm enlarged.

    For a figure printed narrower than :func:`print_width` asks (a page too narrow for it):
    the few smallest texts (tick labels of a colour scale) grow to the minimum, in place.
    """
    least = min_pt * _PT_MM * scene.width / width

    def grow(item: Item) -> Item:
        if isinstance(item, Group):
            return replace(item, items=tuple(map(grow, item.items)))
        if isinstance(item, Text) and item.size < least:
            return replace(item, size=least)
        return item

    return replace(scene, items=tuple(map(grow, scene.items)))


def trimmed(scene: Scene, drop: Sequence[str] = (), pad: float = 2.0) -> Scene:
    """``scene`` without its top-level items ``drop``, cut to what is left plus ``pad`` mm.

    Parameters
    ----------
    scene
        A laid-out figure.
    drop
        Ids of top-level items to leave out (e.g. ``"header"``, ``"source"``, ``"legend"``).
    pad
        Margin kept around the drawn content, in mm.

    Returns
    -------
    Scene
        The smaller scene; its frames move with its content.
    """
    items = tuple(i for i in scene.items if i.id not in set(drop))
    kept = Scene(scene.width, scene.height, scene.title, scene.desc, items)
    boxes: list[tuple[float, float, float, float]] = []
    for item in kept.walk():
        if isinstance(item, Shape) and not item.geometry.is_empty:
            b = item.geometry.bounds
            boxes.append((b[0], b[1], b[2], b[3]))
        elif isinstance(item, Line) and item.points:
            xs, ys = [p[0] for p in item.points], [p[1] for p in item.points]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
        elif isinstance(item, Text) and item.text.strip():
            boxes.append(_text_box(item))
    if not boxes:
        return kept
    x0, y0 = min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad
    x1, y1 = max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad
    frames = tuple(
        ViewFrame(f.view, f.ox - x0, f.oy - y0,
                  (f.box[0] - x0, f.box[1] - y0, f.box[2] - x0, f.box[3] - y0))
        for f in scene.frames
    )  # fmt: skip
    return replace(
        scene,
        width=round(x1 - x0, 2),
        height=round(y1 - y0, 2),
        items=tuple(_translate(i, -x0, -y0) for i in items),
        frames=frames,
    )


def _where(pattern: Pattern, side: str, lang: str, plain: dict[str, str]) -> tuple[WhereEntry, ...]:
    out: list[WhereEntry] = []
    zones = pattern.zones(side)
    for kind in ("essential", "spillover"):
        places: list[str] = []
        for zone in zones:
            if zone.kind == kind:
                place = plain.get(zone.base_id) or zone.name(lang)
                if place not in places:
                    places.append(place)
        if places:
            style = STYLES[kind]
            out.append(
                WhereEntry(kind, tr(f"handout.where.{kind}", lang), tuple(places),
                           style.fill or "#000000", style.fill_opacity, style.stroke or "#000000")
            )  # fmt: skip
    if pattern.kind == "muscle" and pattern.trigger_points(side):
        style = STYLES["trigger-point"]
        out.append(
            WhereEntry("trigger-point", tr("handout.where.trigger-point", lang), (),
                       style.fill or "#000000", 1.0, style.fill or "#000000")
        )  # fmt: skip
    return tuple(out)


def _in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: ``Deltoid`` -> ``deltoid`` (``C6`` stays)."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _views(pattern: Pattern, side: str, chart: Chart) -> tuple[str, ...]:
    shown = {z.view for z in pattern.zones(side)} | {t.view for t in pattern.trigger_points(side)}
    return tuple(v for v in chart.views if v in shown) or chart.views


def handout_page(
    pattern: Pattern,
    chart: Chart,
    side: str = "left",
    lang: str = "en",
    clinic: str | None = None,
    notes: tuple[Block, ...] = (),
    date: dt.date | None = None,
) -> HandoutPage:
    """Compose the handout page of ``pattern`` on ``chart``.

    Parameters
    ----------
    pattern, chart
        The referral pattern and the chart it is drawn on.
    side
        Side of the trigger points (``"left"``, ``"right"``; ``"both"`` for a bilateral
        pattern or both sides at once).
    lang
        ``"en"`` or ``"nl"``.
    clinic
        The clinic's name, printed at the top (untrusted text, set literally; at most
        :data:`MAX_CLINIC` characters, combining marks capped as
        :func:`~bodymap.core.bounds.bounded` does).
    notes
        The clinician's notes (see :func:`bodymap.core.notes.note_blocks`).
    date
        The date printed on the page (default: today).

    Returns
    -------
    HandoutPage
        The page model, for :func:`bodymap.renderers.typst.handout_pdf`.

    Raises
    ------
    BodymapError
        A clinic name longer than :data:`MAX_CLINIC` characters.
    """
    lang = check_lang(lang)
    if clinic is not None:
        clinic = bounded(clinic, len(clinic))
        if len(clinic) > MAX_CLINIC:
            raise BodymapError(
                f"the clinic name is {len(clinic):,} characters long; the handout's header "
                f"holds at most {MAX_CLINIC}"
            )
    side = "both" if pattern.bilateral else check_side(side)
    text = load_handout_text(pattern.name, lang) if pattern.path is not None else None
    name = pattern.title(lang)
    views = _views(pattern, side, chart)
    options = FigureOptions(side=side, views=views, lang=lang, labels=False)
    figure = trimmed(build_scene(chart, pattern, options), ("header", "legend", "source"))
    muscle = pattern.kind == "muscle"
    title = tr("handout.title" if muscle else "handout.title.other", lang, name=name)
    subtitle = (
        tr("handout.shown-both", lang)
        if side == "both"
        else tr("handout.shown-side", lang, side=tr(f"side.{side}", lang))
    )
    labels = {
        key: tr(f"handout.{key}", lang)
        for key in ("where", "worse", "do", "contact", "notes", "advice", "advice.empty",
                    "date", "sources", "footer", "generic.about")
    }  # fmt: skip
    labels["made-with"] = tr("handout.made-with", lang, version=__version__)
    day = format_date(date or dt.date.today(), lang)
    if text is not None:
        return HandoutPage(
            lang=lang, pattern=pattern.name, kind=pattern.kind, title=title, subtitle=subtitle,
            intro=text.intro, figure=figure, where=_where(pattern, side, lang, dict(text.where)),
            worse=text.worse, exercise=text.exercise, tips=text.tips, contact=text.contact,
            notes=notes, full=True, date=day, sources=text.sources, labels=labels,
            clinic=clinic,
        )  # fmt: skip
    intro_key = "handout.generic.intro" if muscle else "handout.generic.intro.other"
    summary = pattern.summary.get(lang) or pattern.summary.get("en") or ""
    contact = tuple(tr(f"handout.generic.contact.{i}", lang) for i in range(1, 5))
    return HandoutPage(
        lang=lang, pattern=pattern.name, kind=pattern.kind, title=title, subtitle=subtitle,
        intro=tr(intro_key, lang, name=_in_sentence(name)), figure=figure,
        where=_where(pattern, side, lang, {}), worse=(), exercise=None,
        tips=(), about=summary, contact=contact, notes=notes, full=False,
        date=day, sources=pattern.sources, labels=labels, clinic=clinic,
    )  # fmt: skip
