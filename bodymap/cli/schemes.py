"""``bodymap schemes``, ``bodymap from-codes`` and ``bodymap codes``: region schemes in and out.

``schemes`` lists the region schemes (or one scheme's codes), ``from-codes`` turns a list of
codes (CHOIR Body Map ids, REDCap codes, Michigan Body Map areas, WPI areas, chart region
ids) into a pain drawing, and
``codes`` gives the codes a drawing touches.  Each makes one library call and prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import result, wrote
from bodymap.cli.options import choice_option, json_option, lang_option, output_option
from bodymap.core.choices import MIN_AREA_CM2, MIN_SHARE, SEXES


def schemes(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="A scheme (bodymap, choir, michigan, wpi) or a scheme file: list its codes.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, json_option()] = False,
    lang: Annotated[str, lang_option("Language of the titles.")] = "en",
) -> None:
    """List the region schemes, or one scheme's codes, names (en/nl), view and side."""
    from bodymap.core.jsonio import dump_json
    from bodymap.model.scheme import load_scheme, scheme_names
    from bodymap.renderers.text import scheme_list, scheme_table

    if name is None:
        loaded = [load_scheme(n) for n in scheme_names()]
        if as_json:
            result(
                dump_json(
                    [
                        {"name": s.name, "title": dict(s.title), "areas": len(s.areas)}
                        for s in loaded
                    ]
                )
            )
        else:
            result(scheme_list(loaded, lang))
        return
    scheme = load_scheme(name)
    result(dump_json(scheme.to_dict()) if as_json else scheme_table(scheme, lang))


def from_codes(
    codes: Annotated[
        str,
        typer.Argument(
            metavar="CODES",
            help="Comma-separated codes, e.g. '101,102,223' or REDCap 'f01,b07', in any mix.",
            show_default=False,
        ),
    ],
    output: Annotated[Path, output_option("The drawing to write (.json).")],
    scheme: Annotated[
        str,
        typer.Option(
            "--scheme", help="The scheme of the codes: choir, michigan, wpi, bodymap or a file."
        ),
    ] = "choir",
    sex: Annotated[
        str | None,
        choice_option("--sex", "sex", SEXES, "female: the codes use the female numbering."),
    ] = None,
    subject: Annotated[
        str | None, typer.Option("--subject", help="The drawing's subject id.")
    ] = None,
) -> None:
    """Turn a list of region codes into a pain drawing (one mark per area)."""
    from bodymap.core.output import check_output
    from bodymap.model.scheme import from_codes as make_drawing

    check_output(output, {".json": "json", ".geojson": "json"}, "drawing")
    drawing = make_drawing(codes, scheme=scheme, sex=sex, subject=subject)
    wrote(drawing.save(output))


def _share(value: float) -> float:
    if not 0 <= value <= 1:
        raise typer.BadParameter(f"must be from 0 to 1, not {value:g}")
    return value


def _cm2(value: float) -> float:
    if value < 0:
        raise typer.BadParameter(f"must be 0 or more, not {value:g}")
    return value


def _sss(value: int | None) -> int | None:
    if value is None:
        return None
    from bodymap.analysis.criteria import check_sss
    from bodymap.core.errors import BodymapError

    try:
        return check_sss(value)
    except BodymapError as exc:
        raise typer.BadParameter(str(exc).replace("symptom severity score ", "")) from None


def codes(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    scheme: Annotated[
        str,
        typer.Option(
            "--scheme", help="The scheme: choir, michigan, wpi, bodymap or a scheme file."
        ),
    ] = "choir",
    as_json: Annotated[bool, json_option()] = False,
    min_share: Annotated[
        float,
        typer.Option("--min-share", callback=_share, help="Share of an area that counts (0-1)."),
    ] = MIN_SHARE,
    min_area: Annotated[
        float, typer.Option("--min-area", callback=_cm2, help="cm² of an area that count.")
    ] = MIN_AREA_CM2,
    with_criteria: Annotated[
        bool,
        typer.Option(
            "--criteria",
            help="Also report the widespread-pain criteria: wpi, generalized, "
            "acr1990_widespread, manchester_widespread (--json: an object with 'codes').",
        ),
    ] = False,
    sss: Annotated[
        int | None,
        typer.Option(
            "--sss",
            callback=_sss,
            metavar="N",
            help="Symptom severity score (0-12): also report fibromyalgia_2016 (implies "
            "--criteria).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the codes of a scheme a drawing touches, sorted and comma-separated.

    A code counts when the marks cover at least 10% of its area or 5 cm², whichever is
    smaller (--min-share and --min-area change it).  --json gives each code's name, marked
    cm² and share of the area.  --criteria (or --sss) adds the widespread-pain criteria:
    the WPI, ACR 2016 generalized pain, ACR 1990 widespread pain, the Manchester definition
    and, with a symptom severity score, the 2016 fibromyalgia criteria.
    """
    from bodymap.analysis.schemes import codes as touched
    from bodymap.core.jsonio import dump_json
    from bodymap.renderers.text import codes_table

    found = touched(drawing, scheme, min_share=min_share, min_area=min_area)
    if not with_criteria and sss is None:
        result(dump_json([s.to_dict() for s in found]) if as_json else codes_table(found))
        return
    from bodymap.analysis.criteria import criteria

    judged = criteria(drawing, sss=sss).to_dict()
    if as_json:
        result(dump_json({"codes": [s.to_dict() for s in found], **judged}))
        return
    lines = [codes_table(found).rstrip("\n")]
    for key, value in judged.items():
        shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        lines.append(f"{key}: {shown}")
    result("\n".join(lines))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("schemes")(schemes)
    app.command("from-codes")(from_codes)
    app.command("codes")(codes)
