"""Reports and handouts read back from their PDFs: every text at least 6 pt, every section.

The font size of each character is read with PDFium (its font size times the scale of its
text matrix, which includes the scaling of an SVG figure placed on the page), so the texts
inside the figures are measured at the size they are printed on A4.  The report's "Top 10"
table keeps its heading and header row with its rows, and the Dutch report has every
section the English one has, its red-flag section naming exactly the organs that pass the
rule of ``bodymap.analysis.redflags``.
"""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from redflag_helpers import essential, zone_drawing

import bodymap
from bodymap.core.i18n import tr
from bodymap.model.pattern import load_pattern
from bodymap.renderers.pages import Document, handout, report
from bodymap.scene.handout import MIN_PRINT_PT

EXAMPLES = Path(__file__).resolve().parent.parent / "examples/drawings"
#: PDFium's sizes are floats read back from the page: allow for their rounding.
TOLERANCE = 0.02


def page_chars(pdf: bytes) -> list[list[tuple[str, float]]]:
    """Per page, every visible character and its printed font size in points."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    for page in document:
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            char = chr(pdfium_c.FPDFText_GetUnicode(text, i))
            if char.isspace():
                continue
            matrix = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFText_GetMatrix(text, i, ctypes.byref(matrix))
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            chars.append((char, pdfium_c.FPDFText_GetFontSize(text, i) * scale))
        pages.append(chars)
    return pages


def smallest(pdf: bytes) -> tuple[float, str]:
    """The smallest printed font size and the characters set at it."""
    chars = [c for page in page_chars(pdf) for c in page]
    least = min(size for _, size in chars)
    return least, "".join(c for c, size in chars if size < least + 0.01)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text without spaces (PDFium's order; words of a figure run together)."""
    return ["".join(c for c, _ in page) for page in page_chars(pdf)]


def squeezed(text: str) -> str:
    return "".join(text.split())


def kidney_drawing() -> dict:
    doc = zone_drawing(essential(load_pattern("organ-kidney")))
    doc["bodymap"]["subject"] = "kidney-01"
    return doc


@pytest.fixture(scope="module")
def documents() -> dict[tuple[str, str], Document]:
    out = {}
    for lang in ("en", "nl"):
        out["kidney", lang] = report(kidney_drawing(), lang=lang)
        out["iliopsoas", lang] = report(EXAMPLES / "iliopsoas-left.json", lang=lang)
        out["change", lang] = report(
            EXAMPLES / "iliopsoas-left-followup.json",
            before=EXAMPLES / "iliopsoas-left.json",
            lang=lang,
        )
    out["widespread", "en"] = report(EXAMPLES / "widespread.json")
    return out


@pytest.fixture(scope="module")
def reports(documents: dict[tuple[str, str], Document]) -> dict[tuple[str, str], bytes]:
    return {key: doc.pdf for key, doc in documents.items()}


def test_every_text_of_the_reports_is_at_least_6_pt(reports):
    """The figures included (the differential's panel captions, the intensity scale)."""
    for key, pdf in reports.items():
        least, chars = smallest(pdf)
        assert least >= MIN_PRINT_PT - TOLERANCE, (key, least, chars)


def test_the_differential_captions_are_printed_at_6_pt_or_more(reports):
    pages = page_chars(reports["iliopsoas", "en"])
    front = [size for page in pages for c, size in page if c == "F"]
    assert front and min(front) >= MIN_PRINT_PT - TOLERANCE


def test_the_top_10_table_keeps_its_header_with_its_rows(documents):
    for (name, lang), doc in documents.items():
        head = squeezed(tr("report.top", lang, n=10)) + squeezed(tr("report.col.rank", lang))
        pages = [text for text in page_texts(doc.pdf) if head in text]
        assert len(pages) == 1, (name, lang)
        table = pages[0][pages[0].index(head) :]
        # Every row follows the header on the same page, in order.
        assert len(doc.page.table) == 10
        at = 0
        for row in doc.page.table:
            at = table.index(squeezed(row[0] + row[1]), at)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_report_section_is_there_in_both_languages(reports, lang):
    sections = ("drawing", "measures", "widespread", "regions-list", "redflags", "differential")
    for name in ("kidney", "iliopsoas", "change"):
        text = squeezed("".join(page_texts(reports[name, lang])))
        for key in sections:
            assert squeezed(tr(f"report.{key}", lang)) in text, (name, lang, key)
        assert squeezed(tr("report.top", lang, n=10)) in text
        assert (squeezed(tr("report.change", lang)) in text) == (name == "change")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_red_flag_section_lists_exactly_the_organs_that_pass(reports, lang):
    kidney = squeezed("".join(page_texts(reports["kidney", lang])))
    sentence = bodymap.rank(kidney_drawing()).red_flags(lang)
    assert [f.pattern for f in sentence] == ["organ-kidney"]
    name, note = sentence[0].text.split(": ", 1)
    assert squeezed(name) in kidney and squeezed(note) in kidney
    assert squeezed(tr("report.redflags.none", lang)) not in kidney
    # No other organ's warning is in the report.
    for organ in ("organ-uterus", "organ-pancreas", "organ-aorta", "organ-bladder"):
        assert squeezed(load_pattern(organ).red_flag_text(lang)) not in kidney
    plain = squeezed("".join(page_texts(reports["iliopsoas", lang])))
    assert squeezed(tr("report.redflags.none", lang)) in plain
    for organ in ("organ-kidney", "organ-uterus"):
        assert squeezed(load_pattern(organ).red_flag_text(lang)) not in plain


@pytest.mark.parametrize(
    ("pattern", "lang"), [("iliopsoas", "en"), ("organ-kidney", "nl"), ("dermatome-c6", "en")]
)
def test_handout_texts_and_front_back_captions_are_at_least_6_pt(pattern, lang):
    pdf = handout(pattern, lang=lang).pdf
    least, chars = smallest(pdf)
    assert least >= MIN_PRINT_PT - TOLERANCE, (least, chars)
    text = page_texts(pdf)[0]
    assert tr("view.front", lang) in text and tr("view.back", lang) in text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_text_of_the_report_figures_runs_into_another(lang: str) -> None:
    """Texts enlarged to 6 pt must not overlap their neighbours (the legends go apart)."""
    from itertools import combinations

    from bodymap.scene.items import Text
    from bodymap.scene.layout import text_box
    from bodymap.scene.report import report_page

    drawings = Path(__file__).resolve().parents[1] / "examples" / "drawings"
    later = bodymap.load_drawing(drawings / "iliopsoas-left-followup.json")
    first = bodymap.load_drawing(drawings / "iliopsoas-left.json")
    page = report_page(later, later.chart, before=first, lang=lang)
    assert {"drawing-legend", "change-legend"} <= set(page.figures)
    for name, figure in page.figures.items():
        boxes = [text_box(t) for t in figure.walk() if isinstance(t, Text) and t.text.strip()]
        for a, b in combinations(boxes, 2):
            overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            assert not (overlap[0] > 0.05 and overlap[1] > 0.05), (name, a, b)
