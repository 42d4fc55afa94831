"""Plain-text reports: the tables ``bodymap`` prints for comparisons, rankings and lists.

Every text the command line prints about a result is built here, from the library's own
result objects, so that a script and the command line see the same thing: aligned columns
that are easy to read and to pipe through ``grep`` and ``cut``.  Headers, kinds, sides and
views are in the language asked for (the ``table.`` and ``value.`` keys of the string
tables), numbers in its separators (:func:`bodymap.core.i18n.format_number`); a table that
would be wider than :data:`WIDTH` characters wraps its longest text column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Sequence

from bodymap.analysis.comparison import Comparison
from bodymap.analysis.ranking import RankResult, red_flags
from bodymap.analysis.schemes import CodeShare
from bodymap.core.i18n import format_number, tr
from bodymap.model.chart import Region
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern
from bodymap.model.scheme import Scheme
from bodymap.scene.overlay import drawing_caption

__all__ = [
    "WIDTH",
    "format_comparison",
    "format_ranking",
    "pattern_table",
    "region_table",
    "table",
]

#: The width (characters) of a terminal the tables are made to fit, where they can.
WIDTH = 100
#: A wrapped column is never made narrower than this.
MIN_WRAPPED = 16
GAP = "  "


def table(
    rows: Sequence[Sequence[str]],
    header: Sequence[str],
    right: Collection[int] = (),
    wrap: int | None = None,
    width: int = WIDTH,
) -> str:
    """Aligned columns; the columns in ``right`` (numbers) are right-aligned.

    If the table is wider than ``width`` characters, the text of column ``wrap`` is wrapped
    onto more lines (never narrower than :data:`MIN_WRAPPED`); the other cells of a wrapped
    row stay on its first line.
    """
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    lines_of = [[[str(c)] for c in row] for row in rows]
    too_wide = sum(widths) + len(GAP) * (len(widths) - 1) - width
    if wrap is not None and too_wide > 0:
        room = max(MIN_WRAPPED, widths[wrap] - too_wide)
        for cells in lines_of:
            cells[wrap] = textwrap.wrap(cells[wrap][0], room, break_on_hyphens=False) or [""]
        widths[wrap] = max(len(t) for t in [header[wrap], *(s for c in lines_of for s in c[wrap])])

    def line(cells: Sequence[str]) -> str:
        out = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths))
        ]
        return GAP.join(out).rstrip()

    body = []
    for cells in lines_of:
        depth = max(len(c) for c in cells)
        body += [line([c[k] if k < len(c) else "" for c in cells]) for k in range(depth)]
    return "\n".join([line(header), GAP.join("-" * w for w in widths), *body])


def _head(keys: Sequence[str], lang: str) -> list[str]:
    """Column headers in ``lang``: the ``table.<key>`` strings."""
    return [tr(f"table.{key}", lang) for key in keys]


def _value(value: str | None, lang: str) -> str:
    """A side or a view (``left``, ``both``, ``front``) as a word of ``lang``."""
    return "" if not value else tr(f"value.{value}", lang)


def _kind(kind: str | None, lang: str) -> str:
    """A pattern kind (``muscle``, ``nerve``, ...) as a word of ``lang``."""
    return "" if not kind else tr(f"kindname.{kind}", lang)


def _pct(value: float | None, lang: str = "en") -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _num(value: float | None, lang: str = "en") -> str:
    return "-" if value is None else format_number(value, lang, ".2f")


def _cm2(value: float, lang: str = "en") -> str:
    return format_number(value, lang, ".1f")


def _who(drawing: Drawing, lang: str) -> str:
    caption = drawing_caption(drawing, lang)
    return f"{drawing.source} ({caption})" if caption else drawing.source


def _measurestable(result: Comparison, lang: str) -> str:
    first_col = "second-vs-first" if result.essential is None else "all-zones"
    keys = ["measure", first_col] + ([] if result.essential is None else ["essential"])
    header = _head([*keys, "meaning"], lang)
    if result.essential is None:
        hints = {
            "recall": "share of the second drawing that the first also marks",
            "precision": "share of the first drawing that the second also marks",
        }
    else:
        hints = {
            "recall": "share of the pattern the patient marked",
            "precision": "share of the marked area inside the pattern",
        }
    rows = []
    for name, fmt in (("recall", _pct), ("precision", _pct), ("dice", _num), ("jaccard", _num)):
        row = [tr(f"table.{name}", lang), fmt(getattr(result, name), lang)]
        if result.essential is not None:
            row.append(fmt(getattr(result.essential, name), lang))
        rows.append([*row, hints.get(name, "")])
    return table(rows, header, {1, 2} if result.essential is not None else {1})


def _regionstable(result: Comparison, lang: str) -> str:
    if not result.regions:
        return "No chart region is marked."
    rows = [
        [
            r.names.get(lang) or r.id,
            r.id,
            _value(r.view, lang),
            _cm2(r.marked_cm2, lang),
            _pct(r.share),
        ]
        for r in result.regions
    ]
    return table(rows, _head(["region", "id", "view", "marked-cm2", "share"], lang), {3, 4})


def _extent_line(result: Comparison) -> str:
    return (
        f"Pain extent: {result.extent.cm2:.1f} cm², {result.extent.percent:.2f}% of the body "
        f"chart (both views); drawn outside the body: {result.outside_cm2:.1f} cm²\n"
        + _wpi_line(result)
    )


def _wpi_line(result: Comparison) -> str:
    generalized = "yes" if result.generalized else "no"
    return (
        f"Widespread Pain Index: {result.wpi} of 19 areas; generalized pain "
        f"(4 of 5 regions): {generalized}"
    )


def format_comparison(
    result: Comparison,
    first: Drawing,
    second: Drawing | None = None,
    lang: str = "en",
    default_pattern: bool = False,
) -> str:
    """The human-readable report of ``bodymap compare``.

    Parameters
    ----------
    result
        The comparison.
    first, second
        The drawing, and the second drawing when two drawings were compared.
    lang
        Language of the names of zones, regions and the pattern.
    default_pattern
        The pattern was not chosen but is the default one: a line under the pattern's
        says so and how to choose another.
    """
    lines = []
    if result.essential is None:  # drawing vs drawing
        change = result.extent_change
        assert change is not None
        shown = _who(second, lang) if second is not None else result.pattern
        lines += [f"First drawing:  {_who(first, lang)}", f"Second drawing: {shown}", ""]
        lines += [_measurestable(result, lang), ""]
        rows = [
            [_value(v.view, lang)]
            + [_cm2(a, lang) for a in (v.drawing_cm2, v.pattern_cm2, v.overlap_cm2)]
            for v in result.views
        ]
        head = _head(["view", "first-cm2", "second-cm2", "overlap-cm2"], lang)
        lines += [table(rows, head, {1, 2, 3}), ""]
        relative = "" if change.relative_percent is None else f", {change.relative_percent:+.0f}%"
        second_cm2 = result.extent.cm2 + change.cm2
        lines += [
            f"Pain extent: first {result.extent.cm2:.1f} cm² ({result.extent.percent:.2f}% of "
            f"the body chart), second {second_cm2:.1f} cm² "
            f"({result.extent.percent + change.percent:.2f}%)",
            f"Change: {change.cm2:+.1f} cm² ({change.percent:+.2f} percentage points{relative})",
            "",
            _wpi_line(result),
            "",
            "Regions marked in the first drawing:",
            _regionstable(result, lang),
        ]
        return "\n".join(lines)
    muscle = result.title(lang)
    side = f"{result.side} side" if result.side in ("left", "right") else "both sides"
    how = ""
    if result.requested_side == "best" and len(result.side_dice) > 1:
        scores = ", ".join(f"{s} {_num(d)}" for s, d in result.side_dice.items())
        how = f" (best fit by Dice: {scores})"
    lines += [
        tr("table.drawing", lang, drawing=_who(first, lang)),
        f"Pattern: {muscle}, {side}{how}",
    ]
    if default_pattern:
        lines += [tr("table.default-pattern", lang, pattern=result.pattern)]
    lines += [""]
    lines += [_measurestable(result, lang), ""]
    zone_rows = [
        [
            z.names.get(lang) or z.id,
            z.id,
            _value(z.kind, lang),
            _cm2(z.area_cm2, lang),
            _cm2(z.marked_cm2, lang),
            _pct(z.coverage),
        ]
        for z in result.zones
    ]
    zone_head = _head(["zone", "id", "kind", "area-cm2", "marked-cm2", "coverage"], lang)
    lines += [table(zone_rows, zone_head, {3, 4, 5}), ""]
    view_rows = [
        [_value(v.view, lang)]
        + [_cm2(a, lang) for a in (v.drawing_cm2, v.pattern_cm2, v.overlap_cm2, v.outside_cm2)]
        for v in result.views
    ]
    lines += [
        table(
            view_rows,
            _head(["view", "drawing-cm2", "pattern-cm2", "overlap-cm2", "outside-cm2"], lang),
            {1, 2, 3, 4},
        ),
        "",
        _extent_line(result),
        "",
        _regionstable(result, lang),
    ]
    return "\n".join(lines)


def format_ranking(
    result: RankResult, first: Drawing, lang: str = "en", top: int | None = None
) -> str:
    """The human-readable report of ``bodymap rank``: the table and why the measure is used.

    The table has a ``kind`` column (muscle, dermatome, nerve, joint, organ); its name
    column is headed ``muscle`` when every result is a muscle, else ``structure``.  When an
    organ pattern raises a red flag (fits well enough, :mod:`bodymap.analysis.redflags`),
    a warning follows the table: one sentence per organ
    (see :func:`bodymap.analysis.ranking.red_flags`) in ``lang``.

    Parameters
    ----------
    result
        The ranking.
    first
        The drawing ranked.
    lang
        Language of the names, headers and words.
    top
        Show only the best ``top`` results, and a line saying how many more there are
        (all if ``None``).
    """
    shown = result.results if top is None else result.results[:top]
    rows = []
    for i, c in enumerate(shown, start=1):
        essential = c.essential.dice if c.essential is not None else None
        rows.append(
            [
                str(i),
                c.pattern,
                c.title(lang),
                _value(c.side, lang),
                _kind(c.kind, lang),
                _num(c.dice, lang),
                _num(c.jaccard, lang),
                _pct(c.recall),
                _pct(c.precision),
                _num(essential, lang),
                _num(c.fit, lang),
            ]
        )
    only_muscles = all(c.kind == "muscle" for c in shown)
    header = _head(
        [
            "rank",
            "pattern",
            "muscle" if only_muscles else "structure",
            "side",
            "kind",
            "dice",
            "jaccard",
            "recall",
            "precision",
            "essential-dice",
            "fit",
        ],
        lang,
    )
    measure = tr(f"table.{result.measure}", lang)
    lines = [
        tr("table.drawing", lang, drawing=_who(first, lang)),
        tr("table.ranked", lang, measure=measure[:1].upper() + measure[1:]),
        "",
        table(rows, header, {0, 5, 6, 7, 8, 9, 10}) if rows else tr("table.none", lang),
    ]
    more = len(result.results) - len(shown)
    if more:
        lines += [tr("table.more.one", lang) if more == 1 else tr("table.more", lang, n=more)]
    lines += [""]
    flags = red_flags(result, lang)
    if flags:
        lines += [f"{tr('redflag.heading', lang).upper()}:"]
        for flag in flags:
            lines += textwrap.wrap(flag.text, 88, initial_indent="! ", subsequent_indent="  ")
        lines += [""]
    best = result.best
    if best is not None and not best.measure(result.measure):
        lines += [tr("table.no-overlap", lang), ""]
    if result.measure == "dice":
        lines += textwrap.wrap(f"Why Dice: {result.reason}", 88)
    elif result.measure == "fit":
        lines += textwrap.wrap(f"Fit: {result.reason}", 88)
    return "\n".join(lines)


def pattern_table(patterns: Sequence[Pattern], lang: str = "en") -> str:
    """The table of ``bodymap patterns``: name, kind, display name, views and source.

    Sources are numbered in the table and listed once below it, so that the table fits
    :data:`WIDTH` characters (long display names are wrapped).
    """
    numbers: dict[str, int] = {}
    rows = []
    for p in patterns:
        source = str(p.meta.get("credit") or p.sources[0])
        number = numbers.setdefault(source, len(numbers) + 1)
        views = ", ".join(_value(v, lang) for v in p.views())
        rows.append((p.name, _kind(p.kind, lang), p.title(lang), views, f"[{number}]"))
    header = _head(["pattern", "kind", "structure", "views", "source"], lang)
    out = [table(rows, header, wrap=2)]
    if numbers:
        out += ["", tr("table.sources", lang)]
        for source, number in numbers.items():
            first = f"[{number}] ".rjust(6)
            out += textwrap.wrap(source, WIDTH, initial_indent=first, subsequent_indent=" " * 6)
    return "\n".join(out)


def region_table(regions: Sequence[Region], lang: str = "en") -> str:
    """The table of ``bodymap regions``: id, view, side, name and SNOMED CT code."""
    rows = [
        (
            r.id,
            _value(r.view, lang),
            _value(r.side, lang),
            r.name(lang),
            ""
            if r.snomed is None
            else r.snomed.code
            + ("" if r.snomed.match == "exact" else f" ({tr('table.broader', lang)})"),
        )
        for r in regions
    ]
    return table(rows, _head(["id", "view", "side", "name", "snomed"], lang), wrap=3)


def scheme_list(schemes: Sequence[Scheme], lang: str = "en") -> str:
    """The table of ``bodymap schemes``: name, title and number of areas of each scheme."""
    rows = [(s.name, s.title_in(lang), str(len(s.areas))) for s in schemes]
    return table(rows, _head(["scheme", "title", "areas"], lang), {2})


def scheme_table(scheme: Scheme, lang: str = "en") -> str:
    """The table of ``bodymap schemes NAME``: code, view, side, names (en and nl)."""
    extra = any(a.group is not None for a in scheme.areas)
    rows = []
    for a in scheme.areas:
        row = [a.code, a.view, a.side, a.name("en"), a.name("nl")]
        if extra:
            row.append(a.group or "")
        rows.append(row)
    header = ["code", "view", "side", "name (en)", "name (nl)"] + (["group"] if extra else [])
    out = table(rows, header)
    credit = scheme.meta.get("credit")
    return out + (f"\n\n{credit}" if isinstance(credit, str) else "")


def codes_table(shares: Sequence[CodeShare], lang: str = "en") -> str:
    """The codes of ``bodymap codes``, sorted, comma-separated (empty line for none)."""
    return ",".join(s.code for s in shares)
