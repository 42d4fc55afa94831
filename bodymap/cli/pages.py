"""``bodymap handout`` and ``bodymap report``: typeset A4 pages as PDF (``bodymap[pdf]``).

``handout`` writes the one-page patient handout of a referral pattern; ``report`` the
clinician report of a pain drawing (at most two pages), optionally against one or more
earlier drawings.  Both parse their options, make one library call
(:func:`bodymap.renderers.pages.handout` / :func:`~bodymap.renderers.pages.report`) and
print the path written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import wrote
from bodymap.cli.options import (
    chart_option,
    lang_option,
    output_option,
    pattern_option,
    side_option,
)
from bodymap.core.choices import DEFAULT_PATTERN, LANGUAGES, PATTERN_SIDES


def handout(
    pattern: Annotated[
        str, pattern_option("Built-in pattern name or a pattern file.")
    ] = DEFAULT_PATTERN,
    side: Annotated[str, side_option(PATTERN_SIDES, "Side of the trigger points.")] = "left",
    lang: Annotated[str, lang_option("Language of the page.")] = "en",
    clinic: Annotated[
        str | None, typer.Option("--clinic", metavar="TEXT", help="Clinic name at the top.")
    ] = None,
    notes: Annotated[
        Path | None,
        typer.Option(
            "--notes",
            metavar="FILE",
            help="Your advice for the patient: a plain-text or Markdown file (paragraphs, "
            "lists, bold, italic).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Output PDF [default: handout-PATTERN.pdf here in English, handout-PATTERN-LANG.pdf "
            "in another language]."
        ),
    ] = None,
) -> None:
    """Write a one-page A4 patient handout of a referral pattern (PDF).

    Without options: the iliopsoas in English, to handout-iliopsoas.pdf (in Dutch, to
    handout-iliopsoas-nl.pdf).
    """
    from bodymap.core.output import check_distinct, check_output
    from bodymap.renderers.pages import PDF_FORMATS
    from bodymap.renderers.pages import handout as make_handout

    if output is None:
        output = handout_name(pattern, lang)
    check_output(output, PDF_FORMATS)
    check_distinct(inputs=[pattern, notes], outputs={"-o": output})
    document = make_handout(pattern, side=side, lang=lang, clinic=clinic, notes=notes)
    wrote(document.save(output))


def handout_name(pattern: str, lang: str) -> Path:
    """The default file of a handout: ``handout-PATTERN.pdf``, ``handout-PATTERN-LANG.pdf``.

    The language is in the name unless it is the first of
    :data:`~bodymap.core.choices.LANGUAGES` (English), so that handouts of one pattern in
    two languages do not overwrite each other.
    """
    name = Path(pattern).stem if pattern.endswith(".json") else pattern
    suffix = "" if lang == LANGUAGES[0] else f"-{lang}"
    return Path(f"handout-{name}{suffix}.pdf")


def report(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    before: Annotated[
        list[str] | None,
        typer.Option(
            "--before",
            metavar="EARLIER_DRAWING",
            help="An earlier drawing, to report the change; give it again for more visits "
            "(the change since the latest, and a table of every visit).",
        ),
    ] = None,
    lang: Annotated[str, lang_option("Language of the report.")] = "en",
    output: Annotated[Path, output_option("Output PDF.")] = Path("report.pdf"),
    chart: Annotated[str | None, chart_option()] = None,
) -> None:
    """Write the clinician report of a pain drawing: at most two A4 pages (PDF)."""
    from bodymap.core.output import check_distinct, check_output
    from bodymap.renderers.pages import PDF_FORMATS
    from bodymap.renderers.pages import report as make_report

    check_output(output, PDF_FORMATS)
    earlier = list(before or ())
    check_distinct(inputs=[drawing, *earlier, chart], outputs={"-o": output})
    one_or_many = earlier[0] if len(earlier) == 1 else (earlier or None)
    document = make_report(drawing, before=one_or_many, lang=lang, chart=chart)
    wrote(document.save(output))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("handout")(handout)
    app.command("report")(report)
