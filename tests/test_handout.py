"""Typeset handouts and reports: real PDFs from Typst, opened with pypdf."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from bodymap.cli import app
from bodymap.core.errors import BodymapError
from bodymap.core.i18n import tr
from bodymap.core.notes import note_blocks
from bodymap.model.handout import handout_names, load_handout_text
from bodymap.model.pattern import pattern_names
from bodymap.renderers.pages import handout, report
from bodymap.renderers.typst import INSTALL_HINT

runner = CliRunner()
EXAMPLES = "examples/drawings/"
A4 = (595.28, 841.89)  # points
FULL = (
    "iliopsoas", "quadratus-lumborum", "gluteus-medius", "gluteus-minimus", "gluteus-maximus",
    "piriformis", "adductor-longus-brevis", "adductor-magnus", "pectineus", "rectus-femoris",
    "vastus-medialis", "tensor-fasciae-latae", "hamstrings", "iliocostalis-lumborum", "multifidus",
)  # fmt: skip
HOSTILE = "#set page(width: 1cm) ] $x$ <script>alert(1)</script> \\ @ref * _ ` ~"


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def text_of(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def is_a4(page: pypdf.PageObject) -> bool:
    box = page.mediabox
    return abs(float(box.width) - A4[0]) < 0.5 and abs(float(box.height) - A4[1]) < 0.5


def fonts_and_images(obj: object, fonts: list[dict], images: list[object], seen: set) -> None:
    """Walk a page's resources (and its form XObjects) for fonts and raster images."""
    obj = obj.get_object() if hasattr(obj, "get_object") else obj
    if id(obj) in seen or not isinstance(obj, dict):
        return
    seen.add(id(obj))
    res = obj.get("/Resources")
    res = res.get_object() if res is not None else {}
    for font in (res.get("/Font") or {}).values():
        fonts.append(font.get_object())
    for xobj in (res.get("/XObject") or {}).values():
        x = xobj.get_object()
        if x.get("/Subtype") == "/Image":
            images.append(x)
        else:
            fonts_and_images(x, fonts, images, seen)
    for pattern in (res.get("/Pattern") or {}).values():
        fonts_and_images(pattern, fonts, images, seen)


def embedded(font: dict) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    desc = font.get("/FontDescriptor")
    if desc is None:
        return False
    desc = desc.get_object()
    return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def check_pdf(pdf: bytes, pages: tuple[int, int]) -> pypdf.PdfReader:
    reader = read(pdf)
    assert pages[0] <= len(reader.pages) <= pages[1]
    for page in reader.pages:
        assert is_a4(page)
        fonts: list[dict] = []
        images: list[object] = []
        fonts_and_images(page, fonts, images, set())
        assert fonts and all(embedded(f) for f in fonts)
        assert images == []  # the body chart is vector: no image XObject anywhere
    return reader


def test_the_fifteen_muscles_have_full_texts_in_both_languages():
    assert set(FULL) <= set(handout_names())
    for name in FULL:
        for lang in ("en", "nl"):
            text = load_handout_text(name, lang)
            assert text is not None and text.exercise is not None
            assert text.intro.count(".") >= 2 and text.worse and text.contact and text.sources
    assert load_handout_text("deltoid") is None


@pytest.mark.slow
def test_every_builtin_handout_is_one_a4_page_with_its_headings():
    for name in pattern_names():
        langs = ("en", "nl") if name in handout_names() else ("en",)
        for lang in langs:
            doc = handout(name, lang=lang)
            reader = check_pdf(doc.pdf, (1, 1))
            text = text_of(reader)
            assert doc.page.title in text, (name, lang)
            heads = ["where", "contact"] + (["worse", "do"] if doc.page.full else ["advice"])
            for key in heads:
                assert tr(f"handout.{key}", lang) in text, (name, lang, key)


def test_iliopsoas_handout_in_english_and_dutch():
    en = text_of(check_pdf(handout().pdf, (1, 1)))
    assert "Iliopsoas: referred pain" in en and "What often makes it worse" in en
    assert "kneeling hip-flexor stretch" in en and "30 seconds" in en and "3 times" in en
    nl = text_of(check_pdf(handout(lang="nl").pdf, (1, 1)))
    assert "Iliopsoas: uitstralende pijn" in nl and "Wat het vaak erger maakt" in nl
    assert "Wat u zelf kunt doen" in nl and "30 seconden" in nl and "referred" not in nl


def test_generated_page_has_the_marked_advice_box_and_the_notes():
    doc = handout(
        "deltoid", lang="nl", notes_text="Oefen **dagelijks**.\n\n- eerst warm\n- dan rekken"
    )
    text = text_of(check_pdf(doc.pdf, (1, 1)))
    assert "Advies van uw therapeut" in text and "dagelijks" in text and "dan rekken" in text
    assert "**" not in text


def test_hostile_text_is_printed_literally(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text(HOSTILE + "\n\n#pagebreak()\n#pagebreak()", encoding="utf-8")
    doc = handout(clinic="]#set text(size: 90pt)$<b>", notes=notes)
    reader = check_pdf(doc.pdf, (1, 1))  # no #set page / #pagebreak took effect
    text = text_of(reader)
    for part in ("#set page(width: 1cm)", "]", "$x$", "<script>alert(1)</script>", "@ref",
                 "#pagebreak()", "]#set text(size: 90pt)$<b>"):  # fmt: skip
        assert part in text, part
    drawing = tmp_path / "d.json"
    src = EXAMPLES + "iliopsoas-left.json"
    import json

    doc_json = json.loads(Path(src).read_text(encoding="utf-8"))
    doc_json["bodymap"]["subject"] = "#set page(width: 1cm) ] $ <script>"
    drawing.write_text(json.dumps(doc_json), encoding="utf-8")
    rep = text_of(check_pdf(report(drawing).pdf, (1, 2)))
    assert "#set page(width: 1cm) ] $ <script>" in rep


def test_notes_markdown_subset():
    blocks = note_blocks(
        "Walk **daily** and *slowly*.\nSecond line.\n\n- one\n- two\n\n1. a\n2) b\n# not a heading"
    )
    assert [b.kind for b in blocks] == ["p", "ul", "ol", "p"]
    runs = blocks[0].items[0]
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("Walk ", False, False), ("daily", True, False), (" and ", False, False),
        ("slowly", False, True), (". Second line.", False, False)]  # fmt: skip
    assert blocks[3].items[0][0].text == "# not a heading"
    assert (
        note_blocks("2 * 3 * 4 and snake_case_name")[0].items[0][0].text
        == "2 * 3 * 4 and snake_case_name"
    )


def test_notes_that_do_not_fit_are_an_error_not_a_second_page(tmp_path):
    notes = tmp_path / "long.txt"
    notes.write_text("\n\n".join(["A long paragraph of advice. " * 12] * 12), encoding="utf-8")
    out = tmp_path / "h.pdf"
    result = runner.invoke(app, ["handout", "--notes", str(notes), "-o", str(out)])
    assert result.exit_code == 1
    assert "does not fit on one A4 page" in result.output and str(notes) in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_cli_handout_default_and_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["handout"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "handout-iliopsoas.pdf").is_file()
    check_pdf((tmp_path / "handout-iliopsoas.pdf").read_bytes(), (1, 1))
    result = runner.invoke(app, ["handout", "-o", "x.png"])
    assert result.exit_code == 1 and "unknown output format .png; use .pdf" in result.output
    result = runner.invoke(app, ["handout", "--notes", "missing.md"])
    assert result.exit_code == 1 and "missing.md: no such notes file" in result.output
    result = runner.invoke(app, ["handout", "--lang", "fr"])
    assert result.exit_code == 2 and "unknown language 'fr'" in result.output
    result = runner.invoke(app, ["handout", "-p", "gluteus-medius", "--side", "right", "--lang",
                                 "nl", "--clinic", "Praktijk Oost", "-o", "gm.pdf"])  # fmt: skip
    assert result.exit_code == 0
    text = text_of(read((tmp_path / "gm.pdf").read_bytes()))
    assert "Praktijk Oost" in text and "rechterzijde" in text


def test_report_sections(tmp_path):
    doc = report(EXAMPLES + "iliopsoas-left-followup.json", before=EXAMPLES + "iliopsoas-left.json")
    text = text_of(check_pdf(doc.pdf, (1, 2)))
    for key in (
        "title",
        "drawing",
        "measures",
        "differential",
        "change",
        "dice",
        "new",
        "resolved",
    ):
        assert tr(f"report.{key}", "en") in text, key
    assert "Top 10 pattern sides" in text and "Iliopsoas" in text
    # No organ pattern fits well enough: the red-flag section says so.  The widespread-pain
    # measures exist.
    assert " ".join(tr("report.redflags.none", "en").split()) in text
    words = " ".join(text.split())
    assert "Widespread Pain Index (WPI) 2 / 19" in words
    assert "Generalized pain (ACR 2016) no (2 of 5" in words
    page = doc.page
    area = dict(page.measures)["Area marked"]
    from bodymap.model.reader import load_drawing

    drawing = load_drawing(EXAMPLES + "iliopsoas-left-followup.json")
    assert area == f"{drawing.area():,.1f} cm²".replace(",", " ")
    single = text_of(check_pdf(report(EXAMPLES + "widespread.json", lang="nl").pdf, (1, 2)))
    assert "Rapport pijntekening" in single and "Verandering sinds" not in single
    assert "Differentiaaldiagnose" in single


def test_cli_report(tmp_path):
    out = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", EXAMPLES + "neck-shoulder-left.json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    check_pdf(out.read_bytes(), (1, 2))
    result = runner.invoke(app, ["report", str(tmp_path / "nope.json"), "-o", str(out)])
    assert result.exit_code == 1 and "nope.json" in result.output


def test_missing_extra_is_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now raises ImportError
    with pytest.raises(BodymapError) as info:
        handout()
    assert str(info.value) == INSTALL_HINT and "pip install 'bodymap[pdf]'" in INSTALL_HINT
