"""``bodymap fhir``: write a pain drawing as a FHIR R4 Bundle for the health record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import note, wrote
from bodymap.cli.options import chart_option, lang_option, output_option
from bodymap.core.choices import MIN_AREA_CM2, MIN_SHARE


def fhir(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    output: Annotated[
        Path | None,
        output_option("The bundle file, .json (default: DRAWING-fhir.json here)."),
    ] = None,
    subject_system: Annotated[
        str,
        typer.Option(
            "--subject-system",
            metavar="URI",
            help="Identifier system of the drawing's subject: your patient-identifier system.",
        ),
    ] = "urn:bodymap:subject",
    min_share: Annotated[
        float,
        typer.Option(
            "--min-share", min=0.0, max=1.0, help="Share of a region that counts, 0 to 1."
        ),
    ] = MIN_SHARE,
    min_area: Annotated[
        float, typer.Option("--min-area", min=0.0, help="Marked cm² of a region that count.")
    ] = MIN_AREA_CM2,
    lang: Annotated[str, lang_option("Language of the texts and the figure.")] = "en",
    chart: Annotated[str | None, chart_option()] = None,
    validate: Annotated[
        bool,
        typer.Option(
            "--validate",
            help="Check the bundle with fhir.resources first (pip install 'bodymap[fhir]').",
        ),
    ] = False,
) -> None:
    """Write a pain drawing as a FHIR R4 Bundle (type collection).

    The bundle holds a DocumentReference with the drawing as GeoJSON and as its SVG figure,
    one Observation of pain (SNOMED CT 22253000) per chart region the drawing marks, with the
    region as SNOMED CT body site and its laterality, and an Observation of the highest pain
    intensity (LOINC 72514-3) when the drawing has one.  A region counts when the marks cover
    at least 10% of it or 5 cm², whichever is smaller (--min-share, --min-area).  The subject
    is a Patient reference by identifier.  The same drawing always gives the same file.
    """
    from bodymap.apps.fhir import fhir_bundle, validate_bundle, write_bundle
    from bodymap.core.output import check_distinct, check_output

    if output is None:
        output = Path(f"{Path(drawing).stem}-fhir.json")
    check_output(output, {".json": "json"}, what="bundle")
    check_distinct(inputs=[drawing, chart], outputs={"-o": output})
    bundle = fhir_bundle(
        drawing,
        chart=chart,
        lang=lang,
        subject_system=subject_system,
        min_share=min_share,
        min_area=min_area,
    )
    if validate:
        note(f"validated the bundle against {validate_bundle(bundle)}")
    wrote(write_bundle(bundle, output))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("fhir")(fhir)
