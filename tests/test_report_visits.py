"""The clinician report with several earlier visits (``bodymap report --before A --before B``).

The change section compares the drawing with the latest earlier visit (by date, whatever
order they are given in) and a compact table lists every visit: date, extent, Jaccard with
the previous visit, new and resolved area, a change beyond the minimal detectable change
marked.  One ``--before`` gives the report it always gave (no table).  The PDFs are typeset
for real (Typst) and read back with pypdf.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
from typer.testing import CliRunner

from bodymap.analysis.tracking import track
from bodymap.cli import app
from bodymap.core.i18n import tr
from bodymap.model.reader import load_drawing
from bodymap.scene.report import MAX_VISIT_ROWS, report_page, visits_table

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "drawings"
VISITS = [EXAMPLES / f"low-back-right-visit{i}.json" for i in (1, 2, 3)]
runner = CliRunner()


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(
        " ".join((p.extract_text() or "").split()) for p in reader.pages
    )


def test_several_earlier_visits_add_the_visit_table_and_compare_with_the_latest() -> None:
    first, second, third = (load_drawing(p) for p in VISITS)
    page = report_page(third, third.chart, [second, first])  # given out of order
    assert [row[0] for row in page.visits] == ["1", "2", "3"]
    assert page.visits_head[1] == tr("report.visits.col.date", "en")
    assert page.visits[0][1] == "7 September 2026" and page.visits[2][1] == "16 November 2026"
    assert page.visits[0][3] == "–"  # no previous visit to compare with
    assert page.visits[1][2].endswith("*") and page.visits[2][2].endswith("*")
    assert "Barbero" in page.visits_note
    earlier = dict(page.change)[tr("report.before", "en")]
    assert earlier.startswith("low-back-right-visit2.json")


def test_one_earlier_visit_gives_the_report_as_before() -> None:
    second, third = load_drawing(VISITS[1]), load_drawing(VISITS[2])
    one = report_page(third, third.chart, second)
    listed = report_page(third, third.chart, [second])
    assert one.visits == () and one.visits_note == ""
    assert one.change == listed.change and listed.visits == ()
    data = one.data()
    assert data["visits"] == [] and data["change"] == [list(r) for r in one.change]


def test_the_visit_table_keeps_the_first_and_the_latest_visits() -> None:
    base = json.loads(VISITS[1].read_text(encoding="utf-8"))
    drawings = []
    for month in range(1, 13):
        doc = json.loads(json.dumps(base))
        doc["bodymap"]["recorded"] = f"2026-{month:02d}-15"
        drawings.append(load_drawing(doc))
    head, rows, note = visits_table(track(drawings, drawings[0].chart), "nl")
    assert len(rows) == MAX_VISIT_ROWS + 1  # the first, an ellipsis, the latest ones
    assert rows[0][0] == "1" and rows[1][0] == "…" and rows[-1][0] == "12"
    assert rows[-1][1] == "15 december 2026"
    assert note == ""  # nothing changed
    assert head[0] == "#"


def test_cli_report_with_three_visits(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    args = ["report", str(VISITS[2]), "--before", str(VISITS[0]), "--before", str(VISITS[1])]
    res = runner.invoke(app, [*args, "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    pages, text = text_of(out.read_bytes())
    assert pages <= 2
    assert tr("report.visits", "en") in text
    assert "7 September 2026" in text and "5 October 2026" in text
    assert "visit2.json" in text  # the latest earlier visit, in the change section


def test_cli_report_with_one_earlier_visit_has_no_visit_table(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    res = runner.invoke(
        app, ["report", str(VISITS[2]), "--before", str(VISITS[1]), "-o", str(out), "--lang", "nl"]
    )
    assert res.exit_code == 0, res.stderr
    _, text = text_of(out.read_bytes())
    assert tr("report.change", "nl") in text and tr("report.visits", "nl") not in text


def test_cli_report_refuses_an_earlier_drawing_that_is_the_output(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    res = runner.invoke(
        app, ["report", str(VISITS[2]), "--before", str(VISITS[0]), "--before", str(out),
              "-o", str(out)],
    )  # fmt: skip
    assert res.exit_code != 0
    assert "Traceback" not in res.output
    assert not out.exists()
