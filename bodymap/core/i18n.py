"""Interface strings of bodymap in English and Dutch: one table per language.

The words that figures, the form, the editor and the reports add around the data (captions,
legends, titles, buttons) live in one data file per language, ``core/strings/<lang>.json``;
names of regions, zones and patterns live in the chart and pattern files.  Keys are dotted
and grouped by where they are used (``overlay.``, ``cohort.``, ``form.``; figure words
have no prefix).  :func:`tr` looks a key up for a language and fills in ``str.format``
fields; :func:`strings` returns all keys under a prefix.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from bodymap.core.choices import LANGUAGES, PAIN_QUALITIES, check_lang

__all__ = ["quality_text", "strings", "table", "tr", "tr_kind"]


@cache
def table(lang: str) -> Mapping[str, str]:
    """All interface strings of ``lang`` (read once from its data file)."""
    text = resources.files(__package__).joinpath(f"strings/{check_lang(lang)}.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    return MappingProxyType(data)


def tr(key: str, lang: str = "en", **fields: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``fields``."""
    text = table(lang)[key]
    return text.format(**fields) if fields else text


def tr_kind(key: str, kind: str, lang: str = "en", **fields: object) -> str:
    """Translate ``key`` as worded for a pattern kind: ``<key>.<kind>`` if the table has it.

    Figure words that depend on what a pattern is (a muscle's "referred pain pattern" is a
    dermatome's "area of skin supplied") have a variant per kind; a kind without one uses
    the plain ``key`` (the muscle wording).
    """
    variant = f"{key}.{kind}"
    return tr(variant if variant in table(lang) else key, lang, **fields)


def strings(prefix: str, lang: str = "en") -> dict[str, str]:
    """The strings of ``lang`` whose key starts with ``prefix``, with the prefix removed."""
    n = len(prefix)
    return {k[n:]: v for k, v in table(lang).items() if k.startswith(prefix)}


def quality_text(quality: str, lang: str = "en") -> str:
    """A pain-quality descriptor in ``lang`` (known descriptors translated, others kept)."""
    key = quality.strip().lower()
    return tr(f"quality.{key}", lang) if key in PAIN_QUALITIES else quality


def _check_tables() -> None:  # pragma: no cover - run by the tests
    keys = [set(table(lang)) for lang in LANGUAGES]
    assert all(k == keys[0] for k in keys), "every language must have the same keys"
