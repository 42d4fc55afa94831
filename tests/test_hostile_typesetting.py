"""Hostile text on typeset pages: combining-mark storms, huge fields, quadratic Markdown.

Every text that reaches a page is bounded (:mod:`bodymap.core.bounds`): combining marks per
character, characters per text, and a drawing's subject or date as a one-line field; a
clinic name too long for the header is refused; the inline Markdown of notes is parsed in
linear time; whatever the typesetter still fails on is one line.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bodymap
from bodymap.apps.paper import MAX_PAPER_SUBJECT, make_paper
from bodymap.core.bounds import ELLIPSIS, MAX_FIELD, MAX_MARKS, MAX_PAGE_TEXT, bounded
from bodymap.core.errors import BodymapError
from bodymap.core.notes import _INLINE, _inline_spans, note_blocks
from bodymap.renderers.pages import handout
from bodymap.renderers.typst import PageOverflow
from bodymap.scene.handout import MAX_CLINIC
from bodymap.scene.report import report_page

SHAPES = Path(__file__).resolve().parent.parent / "shapes"
ACUTE = "\u0301"


def drawing(**meta: Any) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": [
            {
                "type": "Feature",
                "geometry": None,
                "properties": {"view": "front", "region": "groin-left"},
            }
        ],
    }


# --- the bounds ------------------------------------------------------------------------------


def test_bounded_caps_marks_per_character_and_cuts_with_an_ellipsis() -> None:
    assert bounded("a" + ACUTE * 33_000) == "a" + ACUTE * MAX_MARKS
    assert bounded(ACUTE * 100_000) == ACUTE * MAX_MARKS
    assert bounded("x" * 150_000, MAX_FIELD) == "x" * (MAX_FIELD - 1) + ELLIPSIS
    assert bounded("ae" + ACUTE * 2 + "f", 3) == "a" + ELLIPSIS  # a cluster is not split
    assert bounded("é" * 10) == "é" * 10
    assert len(bounded("\U0001d54f" * 30_000)) == MAX_PAGE_TEXT


@given(st.text(alphabet=st.sampled_from("ab \u0301\u0308\u200d\U0001f3fb\U0001d54f"), max_size=60))
def test_bounded_never_exceeds_its_limits(text: str) -> None:
    out = bounded(text, 20, 3)
    assert len(out) <= 20
    assert not re.search("[\u0301\u0308\u200d\U0001f3fb]{4}", out)
    assert out == text or out.endswith(ELLIPSIS) or len(out) < len(text)


# --- the typesetter -------------------------------------------------------------------------

_REPORTS = textwrap.dedent(
    """
    import json, sys
    import bodymap
    for name in sys.argv[1:]:
        print(bodymap.report(name + ".json").save(name + ".pdf"))
    """
)


def test_reports_of_combining_mark_storms_and_huge_subjects_are_set(tmp_path: Path) -> None:
    # Before the bounds: an abort (Rust panic in krilla, exit 134), a PanicException
    # traceback and 43 s with 2.1 GB.  Run apart, so that an abort cannot take pytest down.
    cases = {
        "marks": drawing(subject="a" + ACUTE * 33_000),
        "recorded": drawing(recorded=ACUTE * 100_000),
        "long": drawing(subject="x" * 150_000),
        "wide": drawing(subject="\U0001d54f" * 40_000),
    }
    for name, doc in cases.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _REPORTS, *cases],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == [f"{name}.pdf" for name in cases]
    assert run.stderr == ""


def test_the_report_prints_a_subject_as_a_bounded_field(chart: bodymap.Chart) -> None:
    page = report_page(bodymap.load_drawing(drawing(subject="x" * 150_000)), chart)
    assert dict(page.header)["Subject"] == "x" * (MAX_FIELD - 1) + ELLIPSIS
    marks = report_page(bodymap.load_drawing(drawing(recorded=ACUTE * 100_000)), chart)
    assert dict(marks.header)["Recorded"] == ACUTE * MAX_MARKS


def test_a_clinic_name_too_long_for_the_header_is_refused() -> None:
    with pytest.raises(BodymapError) as caught:
        handout(clinic="W" * 100_000)
    assert str(caught.value) == (
        f"the clinic name is 100,000 characters long; the handout's header holds at most "
        f"{MAX_CLINIC}"
    )


def test_an_overfull_handout_without_notes_blames_the_pattern(tmp_path: Path) -> None:
    doc = json.loads((SHAPES / "pattern-iliopsoas.json").read_text(encoding="utf-8"))
    doc["bodymap"]["name"] = "big"
    doc["bodymap"]["summary"] = {"en": "pain " * 180_000}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert path.stat().st_size > 900_000
    with pytest.raises(PageOverflow) as caught:
        handout(path)
    assert str(caught.value) == (
        f"{path}: the handout does not fit on one A4 page; the pattern's texts (its names, "
        "summary or sources) are too long"
    )


def test_notes_that_are_all_unclosed_bold_markers_overflow_quickly() -> None:
    notes = "**a " * 4999
    assert len(notes.encode()) < 20_000
    (block,) = note_blocks(notes)
    assert [r.text for r in block.items[0]] == [notes.strip()]
    with pytest.raises(PageOverflow) as caught:
        handout(notes_text=notes)
    assert str(caught.value) == (
        "the notes: the handout does not fit on one A4 page with these notes; shorten them"
    )


def _regex_spans(text: str) -> list[tuple[int, int, int, bool]]:
    spans = []
    for m in _INLINE.finditer(text):
        bold = m.group(1) is not None or m.group(2) is not None
        spans.append((m.start(), m.end(), 2 if bold else 1, bold))
    return spans


@given(st.text(alphabet=st.sampled_from("ab *_.é\u00a0"), max_size=24))
def test_the_linear_inline_parser_finds_what_the_expression_finds(text: str) -> None:
    assert _inline_spans(text) == _regex_spans(text)


def test_paper_applies_the_subject_limit_to_a_drawings_subject(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(drawing(subject="y" * 3000)), encoding="utf-8")
    with pytest.raises(BodymapError) as caught:
        make_paper(drawing=path)
    assert str(caught.value) == (
        f"{path}: subject is 3,000 characters long; the paper chart's QR code takes at most "
        f"{MAX_PAPER_SUBJECT}"
    )
