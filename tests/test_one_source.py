"""One source for each meaning: the form, the editor and the figures agree."""

from __future__ import annotations

import json
import re

import pytest

import bodymap
from bodymap.apps.editor import color_of
from bodymap.core import choices, i18n
from bodymap.core.palette import INTENSITY_COLORS, intensity_color, intensity_level


@pytest.mark.parametrize("value", [0, 0.4, 0.5, 2.5, 4.49, 4.5, 6, 9.5, 10])
def test_one_intensity_colour_rule(value):
    assert color_of(value) == intensity_color(value) == INTENSITY_COLORS[intensity_level(value)]
    assert intensity_level(value) == int(value + 0.5)  # half up, as the form's Math.round


def test_the_form_uses_the_palette_brushes_and_qualities():
    page = bodymap.make_form()
    data = json.loads(re.search(r'<script type="application/json" id="bodymap-data">(.*?)</script>',
                                page, re.S).group(1))  # fmt: skip
    assert data["colors"] == list(INTENSITY_COLORS)
    assert data["brushes"] == dict(choices.BRUSHES)
    assert data["qualities"] == list(choices.PAIN_QUALITIES)


def test_every_language_has_the_same_strings():
    en, nl = (set(i18n.table(lang)) for lang in choices.LANGUAGES)
    assert en == nl and len(en) > 100
    assert i18n.quality_text("Burning", "nl") == "brandend"
    assert i18n.quality_text("stekende pijn", "nl") == "stekende pijn"
