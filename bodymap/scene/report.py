"""The clinician report as a page model: a pain drawing's measures, figure and differential.

:func:`report_page` composes the report of one pain drawing (at most two A4 pages): who and
when, the drawing front and back in intensity colours, its extent (cm², % of the body
chart) and the regions it marks; the differential, the best-fitting patterns of every kind
present as small multiples with their scores and a table of the top 10; the red-flag
sentences of the organ patterns that fit the drawing well enough (the rule of
:mod:`bodymap.analysis.redflags`, for the patient's ``sex`` in the drawing or the earlier
visit); and, given an earlier drawing, both drawings in two
colours with their overlap (Dice), the new and resolved areas and the change in extent.  A
section whose data does not exist (no organ patterns, no widespread-pain measures, no
earlier drawing) is left out, not shown empty.  Texts taken from the drawing (its subject,
a date written as free text, the earlier drawing's file name) are cut at
:data:`~bodymap.core.bounds.MAX_FIELD` characters with an ellipsis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bodymap._version import __version__
from bodymap.analysis.comparison import Comparison, compare
from bodymap.analysis.ranking import RankResult, rank, red_flags
from bodymap.analysis.redflags import RED_FLAG_FIT, RED_FLAG_RANK, drawing_sex
from bodymap.analysis.schemes import widespread
from bodymap.analysis.tracking import MDC_SHARE, Track, change_of, in_visit_order, track
from bodymap.core.bounds import MAX_FIELD, bounded
from bodymap.core.choices import check_lang
from bodymap.core.i18n import format_date, format_number, tr
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import load_pattern
from bodymap.scene.differential import differential_scene
from bodymap.scene.handout import legible, print_width, trimmed
from bodymap.scene.items import Scene
from bodymap.scene.page import views_drawn
from bodymap.scene.pattern_figure import FigureOptions, build_scene
from bodymap.scene.track import visit_date

__all__ = ["ReportPage", "report_page", "visits_table", "widespread_rows"]

#: How many ranked pattern sides the report's table lists.
TABLE_ROWS = 10
#: Pattern panels in the differential figure: with the drawing's, two rows of two.
MAX_PANELS = 3
#: Panels a row in the report's differential figure: two, so it prints legibly on A4.
PANEL_COLUMNS = 2
#: The report's text width on A4 (210 mm less two 16 mm margins), in mm.
TEXT_WIDTH = 178.0
#: The width the drawing and change figures print at, beside their column of measures (mm):
#: both fit on page 1 (their smallest texts are enlarged to 6 pt, see ``legible``).
FIGURE_WIDTH = 118.0
#: The differential's greatest printed height (mm): page 2 holds it with the red flags and
#: the top-10 table.
DIFFERENTIAL_HEIGHT = 175.0
#: The change figure's width when the table of visits shares page 1 with it (mm).
VISITS_FIGURE_WIDTH = 84.0
#: At most this many visits in the table of earlier visits: the first and the latest ones.
MAX_VISIT_ROWS = 8


def widespread_rows(drawing: Drawing, lang: str) -> tuple[tuple[str, str], ...]:
    """The widespread-pain rows of the report: the WPI (0-19) and ACR 2016 generalized pain.

    Measured with :func:`bodymap.analysis.schemes.widespread` (the threshold of
    ``bodymap codes``); a drawing without marks has no such rows.
    """
    if not drawing.marks:
        return ()
    found = widespread(drawing)
    yes_no = tr("report.yes" if found.generalized else "report.no", lang)
    regions = tr("report.generalized.regions", lang, n=len(found.regions))
    return (
        (tr("report.wpi", lang), f"{found.wpi} / 19"),
        (tr("report.generalized", lang), f"{yes_no} ({regions})"),
    )


@dataclass(frozen=True)
class ReportPage:
    """Everything the report shows: texts, rows of label and value, tables and figures.

    ``widths`` is the width (mm) each figure is printed at, so that none of its texts is
    smaller than :data:`~bodymap.scene.handout.MIN_PRINT_PT` on the A4 page.
    """

    lang: str
    title: str
    header: tuple[tuple[str, str], ...]
    figures: Mapping[str, Scene]
    measures: tuple[tuple[str, str], ...]
    regions: tuple[str, ...]
    differential_note: str
    table_head: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]
    labels: Mapping[str, str]
    widespread: tuple[tuple[str, str], ...] = ()
    red_flags: tuple[tuple[str, str], ...] = ()
    change: tuple[tuple[str, str], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    widths: Mapping[str, float] = field(default_factory=dict)
    visits_head: tuple[str, ...] = ()
    visits: tuple[tuple[str, ...], ...] = ()
    visits_note: str = ""

    def data(self) -> dict[str, Any]:
        """The page's texts as JSON-ready data (the figures go separately, as SVG)."""
        return {
            "lang": self.lang,
            "title": self.title,
            "header": [list(r) for r in self.header],
            "measures": [list(r) for r in self.measures],
            "regions": list(self.regions),
            "widespread": [list(r) for r in self.widespread],
            "differential_note": self.differential_note,
            "table_head": list(self.table_head),
            "table": [list(r) for r in self.table],
            "red_flags": [list(r) for r in self.red_flags],
            "change": [list(r) for r in self.change],
            "visits_head": list(self.visits_head),
            "visits": [list(r) for r in self.visits],
            "visits_note": self.visits_note,
            "labels": dict(self.labels),
        }


#: The top-level id of a chart figure's legend (the intensity scale, or the visits' colours).
LEGEND_ID = "drawing-legend"


def _with_legend(name: str, scene: Scene, drop: Sequence[str]) -> dict[str, Scene]:
    """A chart figure and, apart, its legend: ``{name: figure, name-legend: legend}``.

    The legend is printed across the text width under the figure, where its texts reach
    6 pt at their own size; inside the narrower figure they would have to grow in place and
    run into each other.
    """
    out = {name: trimmed(scene, (*drop, LEGEND_ID))}
    if any(item.id == LEGEND_ID for item in scene.items):
        others = tuple(item.id for item in scene.items if item.id != LEGEND_ID)
        out[f"{name}-legend"] = trimmed(scene, others)
    return out


def _num(value: float | None, lang: str) -> str:
    return "–" if value is None else format_number(value, lang, ".2f")


def _area(value: float, lang: str) -> str:
    return f"{format_number(value, lang, ',.1f')} cm²"


def _pct(value: float, lang: str, signed: bool = False) -> str:
    return f"{format_number(value, lang, '+.1f' if signed else '.1f')}%"


def _side(result: Comparison, lang: str) -> str:
    return tr(f"side.{result.side}", lang) if result.side else ""


def _panels(ranking: RankResult, kinds: Mapping[str, str]) -> RankResult:
    """The pattern sides of the small multiples: :data:`MAX_PANELS` of them, in rank order.

    Every organ that raises a red flag first, then the best side of each kind present (best
    kind first), then the next best; only sides that overlap the drawing.
    """
    fitting = [r for r in ranking.results if r.dice]
    raised = {(r.pattern, r.side) for r in ranking.raised}
    chosen: dict[tuple[str, str | None], Comparison] = {}
    for r in fitting:
        if (r.pattern, r.side) in raised:
            chosen.setdefault((r.pattern, r.side), r)
    for r in fitting:
        if kinds[r.pattern] not in {kinds[c.pattern] for c in chosen.values()}:
            chosen.setdefault((r.pattern, r.side), r)
    for r in fitting:
        chosen.setdefault((r.pattern, r.side), r)
    shown = sorted(list(chosen.values())[:MAX_PANELS], key=ranking.results.index)
    return replace(ranking, results=tuple(shown))


def _recorded(drawing: Drawing, lang: str) -> str:
    raw = drawing.recorded
    if not raw:
        return tr("report.unknown", lang)
    try:
        when = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return bounded(raw, MAX_FIELD)
    day = format_date(when.date(), lang)
    return f"{day}, {when:%H:%M}" if "T" in raw else day


def report_page(
    drawing: Drawing,
    chart: Chart,
    before: Drawing | Sequence[Drawing] | None = None,
    lang: str = "en",
    date: dt.date | None = None,
) -> ReportPage:
    """Compose the clinician report of ``drawing``.

    Parameters
    ----------
    drawing
        The patient's pain drawing.
    chart
        The chart it is drawn on (and measured on).
    before
        An earlier drawing of the same patient: adds the change section.  Several earlier
        drawings (visits): the change section compares with the most recent of them (by
        their ``recorded`` dates when all have one, else the last given) and adds a table of
        every visit (:func:`visits_table`).
    lang
        ``"en"`` or ``"nl"``.
    date
        The date the report is made (default: today).

    Returns
    -------
    ReportPage
        The page model, for :func:`bodymap.renderers.typst.report_pdf`.
    """
    lang = check_lang(lang)
    # Several earlier visits: in date order, the change section compares with the latest.
    earlier = [before] if isinstance(before, Drawing) else in_visit_order(list(before or ()))[0]
    before = earlier[-1] if earlier else None
    # The patient's sex from this drawing, else from the earlier visit's (for the red flags).
    sex = drawing_sex(drawing) or (drawing_sex(before) if before is not None else None)
    ranking = rank(drawing, chart=chart, sex=sex)
    patterns = {r.pattern: load_pattern(r.pattern) for r in ranking.results}
    kinds = {name: p.kind for name, p in patterns.items()}
    first = ranking.results[0] if ranking.results else compare(drawing, chart=chart)
    unknown = tr("report.unknown", lang)
    header = (
        (tr("report.subject", lang), bounded(drawing.subject or unknown, MAX_FIELD)),
        (tr("report.recorded", lang), _recorded(drawing, lang)),
        (tr("report.chart", lang), chart.name),
        (tr("report.made", lang), format_date(date or dt.date.today(), lang)),
    )
    regions = tuple(
        f"{r.names.get(lang) or r.id} ({_pct(100 * r.share, lang)})" for r in first.regions
    )
    measures = [
        (tr("report.extent", lang), _area(first.extent.cm2, lang)),
        (tr("report.percent", lang), _pct(first.extent.percent, lang)),
        (tr("report.regions", lang), str(len(first.regions))),
    ]
    if first.outside_cm2 > 0.05:
        measures.append((tr("report.outside", lang), _area(first.outside_cm2, lang)))
    figures: dict[str, Scene] = {}
    drop = ("header", "source")
    # The front and back, and the soles only when one of the drawings marks them.
    views = views_drawn(chart, (v for d in (drawing, *earlier) for v in d.views()))
    options = FigureOptions(views=views, lang=lang, labels=False)
    figures.update(
        _with_legend(
            "drawing", build_scene(chart, None, replace(options, drawings=(drawing,))), drop
        )
    )
    change: list[tuple[str, str]] = []
    visits_head: tuple[str, ...] = ()
    visits: tuple[tuple[str, ...], ...] = ()
    visits_note = ""
    if len(earlier) > 1:
        visits_head, visits, visits_note = visits_table(track([*earlier, drawing], chart), lang)
    if before is not None:
        both = replace(options, drawings=(before, drawing))
        figures.update(_with_legend("change", build_scene(chart, None, both), drop))
        result = compare(before, drawing, chart=chart)
        found = change_of(result)
        new, resolved = found.new_cm2, found.resolved_cm2
        delta = result.extent_change
        assert delta is not None
        relative = (
            ""
            if delta.relative_percent is None
            else (f" ({_pct(delta.relative_percent, lang, signed=True)})")
        )
        change = [
            (tr("report.before", lang),
             f"{bounded(before.label, MAX_FIELD)}, {_recorded(before, lang)}"),
            (tr("report.dice", lang), _num(result.dice, lang)),
            (tr("report.new", lang), _area(new, lang)),
            (tr("report.resolved", lang), _area(resolved, lang)),
            (tr("report.extent-change", lang),
             f"{'+' if delta.cm2 >= 0 else '−'}{_area(abs(delta.cm2), lang)}{relative}"),
        ]  # fmt: skip
    panels = _panels(ranking, kinds)
    if panels.results:
        scene = differential_scene(
            drawing,
            panels,
            chart,
            lang,
            [patterns[r.pattern] for r in panels.results],
            columns=PANEL_COLUMNS,
        )
        # The red flags have their own section: not again in the figure's small print.
        figures["differential"] = trimmed(scene, ("title", "note", "red-flags"))
    # Each figure printed so its smallest text is MIN_PRINT_PT (6 pt) on the page.
    widths: dict[str, float] = {}
    for name, figure in figures.items():
        room = FIGURE_WIDTH
        if name.endswith("-legend"):
            room = TEXT_WIDTH
        elif name == "differential":
            room = min(TEXT_WIDTH, DIFFERENTIAL_HEIGHT * figure.width / figure.height)
        if name == "change" and visits:
            room = VISITS_FIGURE_WIDTH
        widths[name] = print_width(figure, room)
        figures[name] = legible(figure, widths[name])
    top = ranking.results[:TABLE_ROWS]
    table = tuple(
        (str(i), r.title(lang), tr(f"kindname.{kinds[r.pattern]}", lang), _side(r, lang),
         _num(r.dice, lang), _num(r.fit, lang), _num(r.recall, lang), _num(r.precision, lang))
        for i, r in enumerate(top, start=1)
    )  # fmt: skip
    head = tuple(
        tr(f"report.col.{c}", lang)
        for c in ("rank", "pattern", "kind", "side", "dice", "fit", "recall", "precision")
    )
    flags = [
        (f.text.split(": ", 1)[0], f.text.split(": ", 1)[-1]) for f in red_flags(ranking, lang)
    ]
    widespread_found = widespread_rows(drawing, lang)
    labels = {
        key: tr(f"report.{key}", lang)
        for key in ("drawing", "measures", "regions-list", "widespread", "differential",
                    "redflags", "change", "visits")
    }  # fmt: skip
    labels["top"] = tr("report.top", lang, n=len(top))
    labels["made-with"] = tr("handout.made-with", lang, version=__version__)
    labels["none"] = tr("diff.none", lang)
    labels["redflags-none"] = tr("report.redflags.none", lang)
    labels["redflags-rule"] = tr(
        "report.redflags.rule",
        lang,
        fit=format_number(RED_FLAG_FIT, lang, ".2f"),
        rank=RED_FLAG_RANK,
        sex=tr(f"report.sex.{sex or 'unknown'}", lang),
    )
    return ReportPage(
        lang=lang,
        title=tr("report.title", lang),
        header=header,
        figures=figures,
        measures=tuple(measures),
        regions=regions,
        differential_note=tr("report.differential.note", lang),
        table_head=head,
        table=table,
        labels=labels,
        widespread=widespread_found,
        red_flags=tuple(flags),
        change=tuple(change),
        widths=widths,
        visits_head=visits_head,
        visits=visits,
        visits_note=visits_note,
    )


def visits_table(
    visits: Track, lang: str
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]:
    """The report's compact table of a patient's visits: head, rows and footnote.

    One row per visit (the report's drawing last when it is the latest; of many visits the
    first and the latest, :data:`MAX_VISIT_ROWS` in all): its number, date, extent, Jaccard
    index with the previous visit, and the new and resolved area since it;
    a change in extent larger than the minimal detectable change is marked ``*`` and the
    footnote says what that means (empty when none is).
    """
    head = tuple(
        tr(f"report.visits.col.{c}", lang)
        for c in ("visit", "date", "extent", "jaccard", "new", "resolved")
    )
    rows: list[tuple[str, ...]] = []
    shown = list(visits.visits)
    if len(shown) > MAX_VISIT_ROWS:  # the first visit, then the latest ones
        shown = [shown[0], *shown[-(MAX_VISIT_ROWS - 1) :]]
    for visit in shown:
        if rows and visit.number != int(rows[-1][0]) + 1:
            rows.append(("…", "", "", "", "", ""))
        c = visit.change
        extent = _area(visit.measures.extent_cm2, lang) + (" *" if visit.exceeds_mdc else "")
        rows.append(
            (
                str(visit.number),
                visit_date(visit.drawing, lang),
                extent,
                "–" if c is None else _num(c.jaccard, lang),
                "–" if c is None else _area(c.new_cm2, lang),
                "–" if c is None else _area(c.resolved_cm2, lang),
            )
        )
    note = ""
    if any(v.exceeds_mdc for v in visits.visits):
        note = tr("report.visits.mdc", lang, share=format_number(100 * MDC_SHARE, lang, ".0f"))
    return head, tuple(rows), note
