"""The shipped Dutch text uses the right anatomical terms and spelling.

Every Dutch string bodymap ships is checked: the ``nl`` members of every built-in data file
(patterns, chart, region schemes, handouts: names, summaries, zones, markers, warnings) and the
values of the Dutch string table.  Each wrong form below was found in the clinical review
and must not come back; the right form is given beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import bodymap
from bodymap.model.data import data_dir

#: (wrong form as a case-insensitive regular expression, the right form).
WRONG_FORMS = [
    (r"\bhet liesband\b", "de liesband"),
    (r"\b(linker|rechter) (?=[a-z])", "one word: linkerschouder, rechterknie"),
    (r"\bexterne schuine buikspier", "uitwendige schuine buikspier"),
    (r"\bwreef\b", "voetholte / mediale voetboog (the instep of Travell & Simons)"),
    (r"(?<!spina iliaca posterior superior \()\bSIPS\b", "spina iliaca posterior superior (SIPS)"),
    (r"\bachterste bekkendoorn\b", "spina iliaca posterior superior (SIPS)"),
    (r"blindedarm", "appendix (wormvormig aanhangsel)"),
    (r"duimplooi", "de huidplooi tussen duim en wijsvinger"),
]


def _dutch(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string under an ``nl`` key of a JSON document, with where it was found."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nl":
                yield from _strings(value, f"{where}.nl")
            else:
                yield from _dutch(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _dutch(value, f"{where}[{i}]")


def _strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")


@cache
def shipped_dutch() -> tuple[tuple[str, str], ...]:
    """(where, text) of every Dutch string in the built-in data files and the string table."""
    found: list[tuple[str, str]] = []
    for path in sorted(data_dir().rglob("*.json")):
        found += _dutch(json.loads(path.read_text(encoding="utf-8")), path.stem)
    table = Path(bodymap.__file__).resolve().parent / "core" / "strings" / "nl.json"
    found += _strings(json.loads(table.read_text(encoding="utf-8")), "strings/nl.json")
    return tuple(found)


def test_the_dutch_text_is_found_in_every_kind_of_data_file():
    where = {w.split(".")[0] for w, _ in shipped_dutch()}
    assert {"chart-adult", "pattern-iliopsoas", "scheme-choir", "handout-iliopsoas"} <= where
    assert "strings/nl" in where
    assert len(shipped_dutch()) > 1000


@pytest.mark.parametrize(("wrong", "right"), WRONG_FORMS, ids=[w[1] for w in WRONG_FORMS])
def test_no_wrong_dutch_form_is_shipped(wrong, right):
    pattern = re.compile(wrong, re.IGNORECASE)
    hits = [f"{where}: {text}" for where, text in shipped_dutch() if pattern.search(text)]
    assert not hits, f"use {right!r}: " + "; ".join(hits[:5])


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Distale iliopsoas, onder het liesband", r"\bhet liesband\b"),
        ("Linker schouder (voorzijde)", r"\b(linker|rechter) (?=[a-z])"),
        ("Bil vlak onder de SIPS", r"(?<!spina iliaca posterior superior \()\bSIPS\b"),
        ("Appendix (blindedarm)", "blindedarm"),
        ("Handrug bij de duimplooi", "duimplooi"),
        ("Wreef en binnenkant van de voetboog", r"\bwreef\b"),
    ],
)
def test_each_check_catches_the_form_it_is_for(text, wrong):
    assert re.search(wrong, text, re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "Linkerschouder (voorzijde)",
        "de huid rond de liesband",
        "Bil vlak onder de spina iliaca posterior superior (SIPS)",
        "linker- en rechterzijde",
    ],
)
def test_the_right_forms_pass(text):
    assert not any(re.search(w, text, re.IGNORECASE) for w, _ in WRONG_FORMS)
