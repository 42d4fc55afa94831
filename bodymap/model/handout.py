"""Patient-handout texts: what a muscle's referred pain is and what to do about it, as data.

The written content of a patient handout (two sentences of explanation, where the pain may
be felt in plain words, what often makes it worse, what the patient can do, a numbered
exercise, when to contact the clinician) is stored per pattern in
``shapes/handouts/handout-<pattern>.json`` with an ``en`` and an ``nl`` block, in plain
language (reading level B1) and in bodymap's own words; each file records its sources.
:func:`load_handout_text` reads one language of one file (``None`` when the pattern has no
full text, so that a generated page is made instead) and checks every member strictly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bodymap.core.choices import check_lang
from bodymap.core.errors import DataError
from bodymap.core.jsonio import JSONProblem, read_json_file
from bodymap.core.text import show_value
from bodymap.model.data import data_dir

__all__ = ["Exercise", "HandoutText", "handout_names", "load_handout_text"]

#: Format versions of handout text files this release reads.
HANDOUT_VERSIONS = (1,)
#: The list members of a language block, and whether each must be present.
_LISTS = {"worse": True, "tips": True, "contact": True}


@dataclass(frozen=True)
class Exercise:
    """A numbered exercise instruction: its name and its steps, in order."""

    name: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class HandoutText:
    """The written content of one pattern's handout in one language.

    Attributes
    ----------
    pattern, lang
        The pattern name and the language.
    intro
        The two-sentence explanation in plain language.
    where
        Plain words for the pattern's zones, by zone id as in the pattern file (zones not
        listed keep their names from the pattern file).
    worse
        What often makes the pain worse.
    exercise
        The numbered exercise, if the handout has one.
    tips
        Further things the patient can do.
    contact
        When to contact the clinician.
    sources
        Where the content comes from (full citations).
    """

    pattern: str
    lang: str
    intro: str
    worse: tuple[str, ...]
    tips: tuple[str, ...]
    contact: tuple[str, ...]
    sources: tuple[str, ...]
    exercise: Exercise | None = None
    where: Mapping[str, str] = field(default_factory=dict)


def _dir() -> Path:
    return data_dir() / "handouts"


def handout_names() -> tuple[str, ...]:
    """The patterns that have a full handout text, sorted."""
    folder = _dir()
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(p.name[len("handout-") : -len(".json")] for p in folder.glob("handout-*.json"))
    )


def _text(where: str, value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: {what} must be text, not {show_value(value)}")
    return value.strip()


def _texts(where: str, value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataError(
            f"{where}: {what} must be a non-empty list of texts, not {show_value(value)}"
        )
    return tuple(_text(where, v, f"{what}[{i}]") for i, v in enumerate(value))


@lru_cache(maxsize=64)
def _read(path: Path) -> dict[str, Any]:
    try:
        doc = read_json_file(path, "handout text file")
    except JSONProblem as exc:
        raise DataError(f"{path}: {exc}") from None
    if not isinstance(doc, dict):
        raise DataError(f"{path}: must be a JSON object")
    meta = doc.get("bodymap")
    if not isinstance(meta, dict) or meta.get("kind") != "handout":
        raise DataError(f"{path}: not a handout text file (no 'bodymap' block of kind 'handout')")
    if meta.get("version") not in HANDOUT_VERSIONS:
        raise DataError(f"{path}: unsupported handout format version {meta.get('version')!r}")
    return doc


def load_handout_text(pattern: str, lang: str = "en") -> HandoutText | None:
    """The full handout text of a built-in pattern in ``lang``, or ``None`` if it has none.

    Parameters
    ----------
    pattern
        A built-in pattern name.
    lang
        ``"en"`` or ``"nl"``.

    Returns
    -------
    HandoutText or None
        ``None`` when the pattern has no handout text file.

    Raises
    ------
    DataError
        If the file exists but is not a valid handout text file, or lacks ``lang``.
    """
    lang = check_lang(lang)
    path = _dir() / f"handout-{pattern}.json"
    if "/" in pattern or "\\" in pattern or not path.is_file():
        return None
    doc = _read(path)
    where = f"{path}"
    meta = doc["bodymap"]
    if meta.get("pattern") != pattern:
        raise DataError(f"{where}: is the handout of {meta.get('pattern')!r}, not of {pattern!r}")
    sources = _texts(where, meta.get("sources"), "bodymap.sources")
    block = doc.get(lang)
    if not isinstance(block, dict):
        raise DataError(f"{where}: has no {lang!r} text")
    at = f"{where}: {lang}"
    exercise = None
    raw = block.get("exercise")
    if raw is not None:
        if not isinstance(raw, dict):
            raise DataError(f"{at}: exercise must be an object, not {show_value(raw)}")
        exercise = Exercise(
            _text(at, raw.get("name"), "exercise.name"),
            _texts(at, raw.get("steps"), "exercise.steps"),
        )
    zones = block.get("where", {})
    if not isinstance(zones, dict):
        raise DataError(f"{at}: where must be an object of texts by zone id")
    names = {str(k): _text(at, v, f"where.{k}") for k, v in zones.items()}
    lists = {key: _texts(at, block.get(key), key) for key in _LISTS}
    return HandoutText(
        pattern=pattern,
        lang=lang,
        intro=_text(at, block.get("intro"), "intro"),
        worse=lists["worse"],
        tips=lists["tips"],
        contact=lists["contact"],
        sources=sources,
        exercise=exercise,
        where=MappingProxyType(names),
    )
