"""Interface strings of bodymap's figures in English and Dutch.

Names of regions, zones and muscles live in the data files; this module holds only the words
the figures add around them (captions, legend, titles).  :func:`tr` looks a key up for a
language and fills in ``str.format`` fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from bodymap.chart import check_lang

__all__ = ["STRINGS", "tr"]

STRINGS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "view.front": "Front",
        "view.back": "Back",
        "letter.left": "L",
        "letter.right": "R",
        "side.left": "left side",
        "side.right": "right side",
        "side.both": "both sides",
        "title.pattern": "{muscle}: referred pain pattern, {side}",
        "title.pattern.bilateral": "{muscle}: referred pain pattern",
        "title.chart": "Body chart",
        "legend.essential": "Essential pain zone",
        "legend.spillover": "Spillover pain zone",
        "legend.trigger-point": "Trigger point",
        "kind.essential": "essential zone",
        "kind.spillover": "spillover zone",
        "source": "Source: {source}",
        "desc.pattern": "Referred pain pattern of the {muscle} ({side}) on a body chart, "
        "front and back views.",
        "desc.chart": "Body chart with named regions, front and back views.",
        "made-with": "Made with bodymap {version}",
    },
    "nl": {
        "view.front": "Voorzijde",
        "view.back": "Achterzijde",
        "letter.left": "L",
        "letter.right": "R",
        "side.left": "linkerzijde",
        "side.right": "rechterzijde",
        "side.both": "beide zijden",
        "title.pattern": "{muscle}: uitstralingspatroon, {side}",
        "title.pattern.bilateral": "{muscle}: uitstralingspatroon",
        "title.chart": "Lichaamskaart",
        "legend.essential": "Kerngebied van de pijn",
        "legend.spillover": "Uitstralingsgebied (soms)",
        "legend.trigger-point": "Triggerpoint",
        "kind.essential": "kerngebied",
        "kind.spillover": "uitstralingsgebied",
        "source": "Bron: {source}",
        "desc.pattern": "Uitstralingspatroon van de {muscle} ({side}) op een lichaamskaart, "
        "voor- en achterzijde.",
        "desc.chart": "Lichaamskaart met benoemde gebieden, voor- en achterzijde.",
        "made-with": "Gemaakt met bodymap {version}",
    },
}


def tr(key: str, lang: str = "en", **fields: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``fields``."""
    text = STRINGS[check_lang(lang)][key]
    return text.format(**fields) if fields else text
