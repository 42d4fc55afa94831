"""``bodymap patterns`` and ``bodymap regions``: list what is built in, as a table or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from bodymap.cli.echo import result
from bodymap.cli.options import (
    chart_option,
    json_option,
    kind_option,
    lang_option,
    split_list,
    view_option,
)
from bodymap.core.choices import BODY_AREAS


def patterns(
    as_json: Annotated[bool, json_option()] = False,
    lang: Annotated[str, lang_option("Language of the names.")] = "en",
    kind: Annotated[
        str | None, kind_option("Only patterns of these kinds (comma-separated).")
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            callback=split_list("area", BODY_AREAS),
            metavar="AREA[,AREA...]",
            help="Only patterns whose zones touch one of these body areas: "
            + ", ".join(BODY_AREAS)
            + ".",
        ),
    ] = None,
) -> None:
    """List the built-in referral patterns with their names and sources."""
    from bodymap.core.jsonio import dump_json
    from bodymap.model.pattern import select_patterns
    from bodymap.renderers.text import pattern_table

    loaded = select_patterns(kinds=kind, areas=area)
    if as_json:
        result(dump_json([p.to_dict() for p in loaded]))
    else:
        result(pattern_table(loaded, lang))


def regions(
    view: Annotated[str | None, view_option(help="Only regions of this view.")] = None,
    as_json: Annotated[bool, json_option()] = False,
    lang: Annotated[str, lang_option("Language of the names.")] = "en",
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """List the regions of the body chart (id, view, side, names, SNOMED CT code)."""
    from bodymap.core.jsonio import dump_json
    from bodymap.model.chart import load_chart
    from bodymap.renderers.text import region_table

    c = load_chart(chart)
    selected = c.regions if view is None else c.regions_in(view)
    if as_json:
        result(dump_json([r.to_dict() for r in selected]))
    else:
        result(region_table(selected, lang))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("patterns")(patterns)
    app.command("regions")(regions)
