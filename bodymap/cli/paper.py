"""``bodymap paper`` and ``bodymap scan``: print a paper pain chart, read it back from a scan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import note, wrote
from bodymap.cli.options import chart_option, drawing_option, lang_option, output_option


def paper(
    output: Annotated[
        Path, output_option("Output file: .pdf (an A4 page to print at 100 %), .png or .svg.")
    ] = Path("chart.pdf"),
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="Subject (patient) id, printed and put in the QR code."),
    ] = None,
    lang: Annotated[str, lang_option("Language of the page.")] = "en",
    drawing: Annotated[
        Path | None, drawing_option("A drawing whose marks are printed on the chart.")
    ] = None,
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """Write a paper pain chart: one A4 page with corner markers and a QR code.

    The patient colours where it hurts with any pen or pencil; 'bodymap scan' reads a
    scan or a phone photo of the page back into a drawing file.
    """
    from bodymap.apps.paper import save_paper
    from bodymap.core.output import check_distinct

    check_distinct(inputs=[drawing, chart], outputs={"-o": output})
    wrote(save_paper(output, chart=chart, lang=lang, subject=subject, drawing=drawing))


def scan(
    images: Annotated[
        list[Path], typer.Argument(help="Photos or scans of paper charts: PNG, JPEG or PDF.")
    ],
    output: Annotated[
        Path | None, output_option("The drawing file, for one image of one page.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Folder for one drawing per page, named after the image "
            "[default: the current folder].",
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="Subject id for the drawings (instead of the QR code's)."),
    ] = None,
) -> None:
    """Read photos or scans of paper charts into drawing files.

    Each page's markers, QR code and marks are read; a page that cannot be read gets one
    line on stderr and no file, and the others are still read (exit code 1 at the end).
    """
    from bodymap.apps.scan import scan_files
    from bodymap.core.output import check_distinct

    if output is not None and out_dir is not None:
        raise typer.BadParameter("give -o for one image or --out-dir for many, not both")
    check_distinct(inputs=images, outputs={"-o": output})

    def written(path: Path, drawing: object) -> None:
        wrote(path)

    def failed(message: str) -> None:
        note(f"Error: {message}")

    bad = scan_files(images, output, out_dir, subject, on_written=written, on_error=failed)
    if bad:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("paper")(paper)
    app.command("scan")(scan)
