"""``bodymap patterns`` and ``bodymap regions``: list what is built in, as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from bodymap.cli.options import chart_option, choice, lang_option


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """Plain aligned columns, easy to read and to pipe through ``grep``/``cut``."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def patterns(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    lang: Annotated[str, lang_option("Language of the names.")] = "en",
) -> None:
    """List the built-in referral patterns with their names and sources."""
    from bodymap.model.pattern import load_pattern, pattern_names

    records: list[dict[str, Any]] = []
    for name in pattern_names():
        p = load_pattern(name)
        records.append(
            {
                "name": p.name,
                "names": dict(p.names),
                "bilateral": p.bilateral,
                "views": list(p.views()),
                "zones": [z.base_id for z in p.zones(p.sides[0])],
                "trigger_points": [t.base_id for t in p.trigger_points(p.sides[0])],
                "credit": str(p.meta.get("credit") or p.sources[0]),
                "sources": list(p.sources),
            }
        )
    if as_json:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    rows = [
        (r["name"], r["names"].get(lang, r["name"]), ", ".join(r["views"]), r["credit"])
        for r in records
    ]
    typer.echo(table(rows, ("name", "muscle", "views", "source")))


def regions(
    view: Annotated[
        str | None,
        typer.Option(
            "--view",
            callback=choice("view", ("front", "back")),
            metavar="[front|back]",
            help="Only regions of this view.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    lang: Annotated[str, lang_option("Language of the names.")] = "en",
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """List the regions of the body chart (id, view, side, names, SNOMED CT code)."""
    from bodymap.model.chart import load_chart

    c = load_chart(chart)
    selected = c.regions if view is None else c.regions_in(view)
    records = [
        {
            "id": r.id,
            "view": r.view,
            "side": r.side,
            "names": dict(r.names),
            "snomed": None
            if r.snomed is None
            else {"code": r.snomed.code, "term": r.snomed.term, "match": r.snomed.match},
            "area_cm2": round(r.area, 1),
        }
        for r in selected
    ]
    if as_json:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    rows = [
        (
            r.id,
            r.view,
            r.side,
            r.name(lang),
            ""
            if r.snomed is None
            else r.snomed.code + ("" if r.snomed.match == "exact" else " (broader)"),
        )
        for r in selected
    ]
    typer.echo(table(rows, ("id", "view", "side", "name", "snomed")))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("patterns")(patterns)
    app.command("regions")(regions)
