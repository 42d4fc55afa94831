"""Interface strings of bodymap in English and Dutch: one table per language.

The words that figures, the form, the editor and the reports add around the data (captions,
legends, titles, buttons) live in one data file per language, ``core/strings/<lang>.json``;
names of regions, zones and patterns live in the chart and pattern files.  Keys are dotted
and grouped by where they are used (``overlay.``, ``cohort.``, ``form.``; figure words
have no prefix).  :func:`tr` looks a key up for a language and fills in ``str.format``
fields; :func:`strings` returns all keys under a prefix.  Numbers and dates are written
per language by :func:`format_number`, :func:`format_count` and :func:`format_date`, with
the separators and the date pattern of the table (``number.group``, ``number.decimal``,
``date.long``): ``1,234.5`` and ``28 November 2026`` in English, ``1.234,5`` and
``28 november 2026`` in Dutch (the CLDR convention for ``nl``: a dot groups thousands, a
comma marks the decimals).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from bodymap.core.choices import LANGUAGES, PAIN_QUALITIES, check_lang

__all__ = [
    "format_count",
    "format_date",
    "format_number",
    "quality_text",
    "strings",
    "table",
    "tr",
    "tr_kind",
]


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


def format_number(value: float, lang: str = "en", spec: str = ",.1f") -> str:
    """``value`` written with the Python format ``spec``, in the separators of ``lang``.

    ``spec`` is a format specification as for :func:`format` (``",.1f"``, ``"+.1f"``,
    ``".4g"``, ``",d"``): a ``,`` in it groups thousands, and the result's group and decimal
    separators are then those of ``lang``.

    >>> format_number(1234.5, "en"), format_number(1234.5, "nl")
    ('1,234.5', '1.234,5')
    """
    strings = table(lang)
    return format(value, spec).translate(
        str.maketrans(",.", strings["number.group"] + strings["number.decimal"])
    )


def format_count(n: int, lang: str = "en") -> str:
    """A count with its thousands grouped as ``lang`` does: ``12,345`` / ``12.345``."""
    return format_number(n, lang, ",d")


def format_date(day: dt.date, lang: str = "en") -> str:
    """A date as a patient reads it: ``28 November 2026`` / ``28 november 2026``."""
    return tr("date.long", lang, day=day.day, month=tr(f"month.{day.month}", lang), year=day.year)


def _check_tables() -> None:  # pragma: no cover - run by the tests
    keys = [set(table(lang)) for lang in LANGUAGES]
    assert all(k == keys[0] for k in keys), "every language must have the same keys"
