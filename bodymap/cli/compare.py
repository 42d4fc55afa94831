"""``bodymap compare`` and ``bodymap rank``: how well a pain drawing fits referral patterns.

Both commands are thin: they parse the options, make one library call
(:func:`bodymap.compare` or :func:`bodymap.rank`) and print the result as the text report of
:mod:`bodymap.renderers.text`, or with ``--json`` as one JSON object (the result's
``to_dict()``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import note, result, wrote
from bodymap.cli.options import (
    DEFAULT_DPI,
    DEFAULT_TOP,
    FIGURE_TOP,
    chart_option,
    choice_option,
    dpi_option,
    json_option,
    kind_option,
    lang_option,
    pattern_option,
    side_option,
)
from bodymap.core.choices import (
    COMPARE_SIDES,
    DEFAULT_PATTERN,
    MIN_AREA_CM2,
    MIN_SHARE,
    RANK_MEASURES,
)
from bodymap.core.errors import BodymapError

#: The order ``--by`` lists the measures in.
BY_CHOICES = ("dice", "jaccard", "recall", "precision", "fit")
assert set(BY_CHOICES) == set(RANK_MEASURES)


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
        pattern_option(f"Built-in pattern name or a pattern file [default: {DEFAULT_PATTERN}]."),
    ] = None,
    side: Annotated[
        str,
        side_option(
            COMPARE_SIDES, "Side of the pattern; 'best' takes the side with the higher Dice."
        ),
    ] = "best",
    as_json: Annotated[bool, json_option()] = False,
    lang: Annotated[str, lang_option("Language of the names in the table.")] = "en",
    chart: Annotated[str | None, chart_option()] = None,
    scheme: Annotated[
        str | None,
        typer.Option(
            "--scheme",
            help="Report the regions in this scheme (choir, michigan, wpi, bodymap or a scheme "
            f"file): its codes, counted at {MIN_SHARE:.0%} of an area or {MIN_AREA_CM2:g} cm², "
            "whichever is smaller.",
        ),
    ] = None,
) -> None:
    """Compare a pain drawing with a referral pattern, or with a second drawing."""
    from bodymap.analysis.comparison import compare as compare_drawing
    from bodymap.model.reader import load_drawing

    if second is not None and pattern is not None:
        raise typer.BadParameter(
            "give a second drawing or --pattern, not both", param_hint="'--pattern'"
        )
    first = load_drawing(drawing, chart)
    other = load_drawing(second, chart) if second is not None else None
    compared = compare_drawing(
        first, other or pattern or DEFAULT_PATTERN, side=side, chart=chart, scheme=scheme
    )
    by_default = other is None and pattern is None
    if not as_json:
        from bodymap.renderers.text import format_comparison

        result(format_comparison(compared, first, other, lang, default_pattern=by_default))
        return
    result(compared.to_json())  # its "pattern" key names the pattern compared with
    if by_default:
        from bodymap.core.i18n import tr

        note(tr("table.default-pattern", lang, pattern=DEFAULT_PATTERN))


def _top(value: str | None) -> str | None:
    """Check ``--top``: a whole number of at least 1, or ``all``."""
    if value is None or value == "all":
        return value
    try:
        number = int(value)
    except ValueError:
        raise typer.BadParameter(f"give a whole number or 'all', not {value!r}") from None
    if number < 1:
        raise typer.BadParameter(f"must be at least 1, not {number}")
    return value


def rank(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    top: Annotated[
        str | None,
        typer.Option(
            "--top",
            metavar="N|all",
            callback=_top,
            help=f"Show the best N pattern sides, or all [default: {DEFAULT_TOP}; with --json: "
            f"all]; --figure draws N of them [default: {FIGURE_TOP}].",
        ),
    ] = None,
    by: Annotated[
        str, choice_option("--by", "measure", BY_CHOICES, "Measure to rank by.")
    ] = "dice",
    kind: Annotated[
        str | None,
        kind_option(
            "Rank only patterns of these kinds (comma-separated: muscle, dermatome, nerve, "
            "joint, organ) [default: every kind, ranked together]."
        ),
    ] = None,
    pattern: Annotated[
        list[str] | None,
        pattern_option(
            "Rank only this pattern (a built-in name or a pattern file); give it again for "
            "more [default: every built-in pattern]."
        ),
    ] = None,
    as_json: Annotated[bool, json_option()] = False,
    lang: Annotated[str, lang_option("Language of the names and of the red-flag warnings.")] = "en",
    chart: Annotated[str | None, chart_option()] = None,
    figure: Annotated[
        Path | None,
        typer.Option(
            "--figure",
            help="Also write the differential figure (.svg, .png or .pdf): the drawing, then "
            "the best-fitting patterns as small multiples (--top of them, default 6).",
        ),
    ] = None,
    dpi: Annotated[float, dpi_option()] = DEFAULT_DPI,
) -> None:
    """Rank every built-in referral pattern, on each side, by how well it fits a drawing.

    Muscles, dermatomes, nerves, joints and organs are ranked together unless --kind says
    otherwise.  An organ among the results is a red flag: the output says so, one sentence
    per organ.
    """
    from dataclasses import replace

    from bodymap.analysis.ranking import rank as rank_patterns
    from bodymap.core.output import check_distinct, check_output
    from bodymap.model.reader import load_drawing
    from bodymap.renderers.diagram import differential
    from bodymap.renderers.text import format_ranking
    from bodymap.scene.differential import check_figure_top

    number = None if top in (None, "all") else int(top)
    if figure is not None:
        check_output(figure)
        check_distinct(inputs=[drawing, chart, *(pattern or ())], outputs={"--figure": figure})
        if number is not None:
            try:
                check_figure_top(number)
            except BodymapError as exc:
                raise typer.BadParameter(str(exc), param_hint="'--top' with --figure") from None
    first = load_drawing(drawing, chart)
    ranking = rank_patterns(first, by=by, chart=chart, kinds=kind, patterns=pattern)
    if figure is not None:
        panels = number or FIGURE_TOP
        diagram = differential(first, top=panels, lang=lang, chart=chart, ranking=ranking)
        wrote(diagram.save(figure, dpi=dpi))
    if as_json:
        shown = ranking if number is None else replace(ranking, results=ranking.results[:number])
        result(shown.to_json(lang=lang))
    else:
        shown_top = None if top == "all" else (number or DEFAULT_TOP)
        result(format_ranking(ranking, first, lang, top=shown_top))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("compare")(compare)
    app.command("rank")(rank)
