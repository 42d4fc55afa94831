"""``bodymap compare`` and ``bodymap rank``: how well a pain drawing fits referral patterns.

Both commands are thin: they parse the options, make one library call
(:func:`bodymap.compare` or :func:`bodymap.rank`) and print the result as a
short table, or with ``--json`` as one JSON object (the result's ``to_dict()``).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from bodymap.cli.options import choice, lang_option, metavar

if TYPE_CHECKING:
    from bodymap.analysis.comparison import Comparison
    from bodymap.analysis.ranking import RankResult
    from bodymap.model.drawing import Drawing

COMPARE_SIDES = ("left", "right", "both", "best")
MEASURES = ("dice", "jaccard", "recall", "precision", "fit")


def _table(rows: Sequence[Sequence[str]], header: Sequence[str], right: set[int]) -> str:
    """Aligned columns; the columns in ``right`` (numbers) are right-aligned."""
    widths = [max(len(c) for c in col) for col in zip(header, *rows)]

    def line(cells: Sequence[str]) -> str:
        out = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ]
        return "  ".join(out).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _cm2(value: float) -> str:
    return f"{value:.1f}"


def _who(drawing: Drawing, lang: str) -> str:
    from bodymap.scene.overlay import drawing_caption

    caption = drawing_caption(drawing, lang)
    return f"{drawing.source} ({caption})" if caption else drawing.source


def _measures_table(result: Comparison, lang: str) -> str:
    first_col = "second vs first" if result.essential is None else "all zones"
    header = ["measure", first_col] + ([] if result.essential is None else ["essential"])
    header.append("meaning")
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
        row = [name, fmt(getattr(result, name))]
        if result.essential is not None:
            row.append(fmt(getattr(result.essential, name)))
        rows.append([*row, hints.get(name, "")])
    return _table(rows, header, {1, 2} if result.essential is not None else {1})


def _regions_table(result: Comparison, lang: str) -> str:
    if not result.regions:
        return "No chart region is marked."
    rows = [
        [r.names.get(lang) or r.id, r.id, r.view, _cm2(r.marked_cm2), _pct(r.share)]
        for r in result.regions
    ]
    return _table(rows, ["region", "id", "view", "marked cm²", "share"], {3, 4})


def _extent_line(result: Comparison) -> str:
    return (
        f"Pain extent: {result.extent.cm2:.1f} cm², {result.extent.percent:.2f}% of the body "
        f"chart (both views); drawn outside the body: {result.outside_cm2:.1f} cm²"
    )


def format_comparison(
    result: Comparison, first: Drawing, second: Drawing | None = None, lang: str = "en"
) -> str:
    """The human-readable report of ``bodymap compare``."""
    from bodymap.model.pattern import load_pattern

    lines = []
    if result.essential is None:  # drawing vs drawing
        change = result.extent_change
        assert change is not None
        shown = _who(second, lang) if second is not None else result.pattern
        lines += [f"First drawing:  {_who(first, lang)}", f"Second drawing: {shown}", ""]
        lines += [_measures_table(result, lang), ""]
        rows = [
            [v.view, _cm2(v.drawing_cm2), _cm2(v.pattern_cm2), _cm2(v.overlap_cm2)]
            for v in result.views
        ]
        lines += [_table(rows, ["view", "first cm²", "second cm²", "overlap cm²"], {1, 2, 3}), ""]
        relative = "" if change.relative_percent is None else f", {change.relative_percent:+.0f}%"
        second_cm2 = result.extent.cm2 + change.cm2
        lines += [
            f"Pain extent: first {result.extent.cm2:.1f} cm² ({result.extent.percent:.2f}% of "
            f"the body chart), second {second_cm2:.1f} cm² "
            f"({result.extent.percent + change.percent:.2f}%)",
            f"Change: {change.cm2:+.1f} cm² ({change.percent:+.2f} percentage points{relative})",
            "",
            "Regions marked in the first drawing:",
            _regions_table(result, lang),
        ]
        return "\n".join(lines)
    pattern = load_pattern(result.pattern) if result.pattern else None
    muscle = pattern.title(lang) if pattern is not None else result.pattern
    side = f"{result.side} side" if result.side in ("left", "right") else "both sides"
    how = ""
    if result.requested_side == "best" and len(result.side_dice) > 1:
        scores = ", ".join(f"{s} {_num(d)}" for s, d in result.side_dice.items())
        how = f" (best fit by Dice: {scores})"
    lines += [f"Drawing: {_who(first, lang)}", f"Pattern: {muscle}, {side}{how}", ""]
    lines += [_measures_table(result, lang), ""]
    zone_rows = [
        [
            z.names.get(lang) or z.id,
            z.id,
            z.kind,
            _cm2(z.area_cm2),
            _cm2(z.marked_cm2),
            _pct(z.coverage),
        ]
        for z in result.zones
    ]
    lines += [
        _table(zone_rows, ["zone", "id", "kind", "area cm²", "marked cm²", "coverage"], {3, 4, 5}),
        "",
    ]
    view_rows = [
        [v.view, _cm2(v.drawing_cm2), _cm2(v.pattern_cm2), _cm2(v.overlap_cm2), _cm2(v.outside_cm2)]
        for v in result.views
    ]
    lines += [
        _table(
            view_rows,
            ["view", "drawing cm²", "pattern cm²", "overlap cm²", "outside cm²"],
            {1, 2, 3, 4},
        ),
        "",
        _extent_line(result),
        "",
        _regions_table(result, lang),
    ]
    return "\n".join(lines)


def format_ranking(result: RankResult, first: Drawing, lang: str = "en") -> str:
    """The human-readable report of ``bodymap rank``."""
    from bodymap.model.pattern import load_pattern

    rows = []
    for i, c in enumerate(result.results, start=1):
        muscle = load_pattern(c.pattern).title(lang)
        essential = c.essential.dice if c.essential is not None else None
        rows.append(
            [
                str(i),
                c.pattern,
                muscle,
                c.side or "",
                _num(c.dice),
                _num(c.jaccard),
                _pct(c.recall),
                _pct(c.precision),
                _num(essential),
                _num(c.fit),
            ]
        )
    header = [
        "rank",
        "pattern",
        "muscle",
        "side",
        "dice",
        "jaccard",
        "recall",
        "precision",
        "essential dice",
        "fit",
    ]
    lines = [
        f"Drawing: {_who(first, lang)}",
        f"Ranked by {result.measure.capitalize()}, best first.",
        "",
        _table(rows, header, {0, 4, 5, 6, 7, 8, 9}) if rows else "No pattern to compare with.",
        "",
    ]
    best = result.best
    if best is not None and not best.measure(result.measure):
        lines += ["None of the built-in patterns overlaps this drawing.", ""]
    if result.measure == "dice":
        lines += textwrap.wrap(f"Why Dice: {result.reason}", 88)
    elif result.measure == "fit":
        lines += textwrap.wrap(f"Fit: {result.reason}", 88)
    return "\n".join(lines)


def compare(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    second: Annotated[
        str | None,
        typer.Argument(
            metavar="[SECOND]",
            help="A second drawing to compare with (e.g. the follow-up), instead of a pattern.",
        ),
    ] = None,
    pattern: Annotated[
        str | None,
        typer.Option(
            "-p", "--pattern", help="Built-in pattern name or a pattern file [default: iliopsoas]."
        ),
    ] = None,
    side: Annotated[
        str,
        typer.Option(
            "--side",
            callback=choice("side", COMPARE_SIDES),
            metavar=metavar(COMPARE_SIDES),
            help="Side of the pattern; 'best' takes the side with the higher Dice.",
        ),
    ] = "best",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    lang: Annotated[str, lang_option("Language of the names in the table.")] = "en",
) -> None:
    """Compare a pain drawing with a referral pattern, or with a second drawing."""
    from bodymap.analysis.comparison import compare as compare_drawing
    from bodymap.model.reader import load_drawing

    if second is not None and pattern is not None:
        raise typer.BadParameter(
            "give a second drawing or --pattern, not both", param_hint="'--pattern'"
        )
    first = load_drawing(drawing)
    other = load_drawing(second) if second is not None else None
    result = compare_drawing(first, other or pattern or "iliopsoas", side=side)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_comparison(result, first, other, lang))


def _at_least_one(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"must be at least 1, not {value}")
    return value


def rank(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    top: Annotated[
        int | None,
        typer.Option("--top", callback=_at_least_one, help="Show only the best N pattern sides."),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            callback=choice("measure", MEASURES),
            metavar=metavar(MEASURES),
            help="Measure to rank by.",
        ),
    ] = "dice",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    lang: Annotated[str, lang_option("Language of the names in the table.")] = "en",
) -> None:
    """Rank every built-in referral pattern, on each side, by how well it fits a drawing."""
    from bodymap.analysis.ranking import rank as rank_patterns
    from bodymap.model.reader import load_drawing

    first = load_drawing(drawing)
    result = rank_patterns(first, top=top, by=by)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_ranking(result, first, lang))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("compare")(compare)
    app.command("rank")(rank)
