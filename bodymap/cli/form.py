"""``bodymap form``: write the self-contained HTML pain-drawing form."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import wrote
from bodymap.cli.options import chart_option, drawing_option, lang_option, output_option


def form(
    output: Annotated[Path, output_option("Output HTML file.")] = Path("pain-form.html"),
    lang: Annotated[str, lang_option("Language of the form.")] = "en",
    subject: Annotated[
        str | None,
        typer.Option(
            "--subject",
            help="Subject (patient) id: shown on the form, written into the drawing and "
            "used to keep the marks in the browser.",
        ),
    ] = None,
    drawing: Annotated[
        Path | None, drawing_option("An earlier drawing file to show and continue.")
    ] = None,
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """Write a pain-drawing form: one HTML file that works offline in any browser.

    The patient colours where it hurts (finger, pen or mouse), picks the intensity and
    presses Save, which downloads a drawing file for 'bodymap compare'.
    """
    from bodymap.apps.form import save_form
    from bodymap.core.output import check_distinct

    check_distinct(inputs=[drawing, chart], outputs={"-o": output})
    wrote(save_form(output, lang=lang, subject=subject, drawing=drawing, chart=chart))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("form")(form)
