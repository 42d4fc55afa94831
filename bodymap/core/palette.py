"""The colours of bodymap, defined once: Okabe-Ito figure colours and the intensity scale.

Pain intensity (0-10) is shown on a sequential yellow-orange-red scale (ColorBrewer YlOrRd
sampled from 0.12 to 1: colour-blind safe and legible in grey) by the figures, the browser
form and the desktop editor alike, with one rounding rule, :func:`intensity_level` (half
up).  Cohort maps use ColorBrewer YlOrRd and RdBu.  Atlas charts (every pattern of one kind
on one chart) colour their patterns from :data:`QUALITATIVE`: the Okabe–Ito colours and
their tints.  Text is :data:`TEXT` (secondary text :data:`MUTED`); text on a coloured fill
is dark or white by one rule, :func:`text_on` (the higher WCAG 2 contrast ratio).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from bodymap.core.choices import INTENSITY_MAX

__all__ = [
    "DIVERGING",
    "DRAWING_COLORS",
    "INTENSITY_COLORS",
    "MUTED",
    "NO_INTENSITY_COLOR",
    "OKABE_ITO",
    "PLAIN_COLOR",
    "QUALITATIVE",
    "SEQUENTIAL",
    "TEXT",
    "TRACK_COLORS",
    "WHITE",
    "contrast_ratio",
    "intensity_color",
    "intensity_level",
    "readable_color",
    "relative_luminance",
    "text_on",
]

#: Text on the page: titles, labels, table cells.
TEXT = "#222222"
#: Secondary text: captions, notes, field labels.
MUTED = "#666666"
#: White: text on a dark fill.
WHITE = "#FFFFFF"
#: The WCAG 2 contrast ratio normal text needs against its background (level AA).
TEXT_CONTRAST = 4.5

#: Okabe–Ito colours used by bodymap's figures.
OKABE_ITO: Mapping[str, str] = MappingProxyType(
    {
        "vermillion": "#D55E00",
        "orange": "#E69F00",
        "sky": "#56B4E9",
        "green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "purple": "#CC79A7",
        "black": "#000000",
    }
)
#: Fill colour of each pain intensity 0..10: ColorBrewer YlOrRd sampled from 0.12 to 1.
INTENSITY_COLORS: tuple[str, ...] = (
    "#FFEEA3",
    "#FEE084",
    "#FECB67",
    "#FEAF4B",
    "#FD9640",
    "#FD6E33",
    "#F84528",
    "#E61F1D",
    "#CD0B22",
    "#AA0026",
    "#800026",
)
#: Fill of marks without an intensity when other marks have one.
NO_INTENSITY_COLOR = "#B8B0A8"
#: Fill of marks when no mark of a drawing has an intensity.
PLAIN_COLOR = "#E8552F"
#: Colours of the first and second drawing when two are shown (Okabe-Ito).
DRAWING_COLORS: tuple[str, ...] = (OKABE_ITO["vermillion"], OKABE_ITO["green"])
#: Colours of a patient followed over visits (``bodymap track``): the first visit's marked area,
#: area new since the previous visit, area resolved since it, and area persisting (Okabe–Ito
#: and a neutral grey: colour-blind safe; resolved is also drawn with a dashed outline).
TRACK_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "first": OKABE_ITO["purple"],
        "new": OKABE_ITO["vermillion"],
        "resolved": OKABE_ITO["sky"],
        "resolved-edge": OKABE_ITO["blue"],
        "persisting": "#9A9A9A",
    }
)
#: ColorBrewer YlOrRd (9 classes): pale yellow = few patients, dark red = many; colour-blind
#: safe, and it keeps the low end light so the body does not drown in colour.
SEQUENTIAL: tuple[str, ...] = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)
#: ColorBrewer RdBu (11 classes), blue = fewer, red = more, a neutral middle; colour-blind
#: safe.
DIVERGING: tuple[str, ...] = (
    "#053061",
    "#2166ac",
    "#4393c3",
    "#92c5de",
    "#d1e5f0",
    "#f7f7f7",
    "#fddbc7",
    "#f4a582",
    "#d6604d",
    "#b2182b",
    "#67001f",
)


#: Qualitative colours of atlas charts, one per pattern: the seven Okabe–Ito colours (black
#: left out), then the same seven mixed half with white.  Neighbouring patterns never get the
#: same colour (greedy graph colouring, :mod:`bodymap.scene.atlas`), and every pattern is
#: labelled, so the chart stays readable in greyscale print.
QUALITATIVE: tuple[str, ...] = (
    OKABE_ITO["orange"],
    OKABE_ITO["sky"],
    OKABE_ITO["green"],
    OKABE_ITO["yellow"],
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["purple"],
    "#F2CF80",
    "#AADAF4",
    "#80CEB9",
    "#F8F2A0",
    "#80B8D8",
    "#EAAE80",
    "#E6BCD3",
)


def intensity_level(intensity: float) -> int:
    """The colour step of an intensity: rounded half up to a whole number, clamped to 0-10.

    The browser form applies the same rule (``Math.round``, which rounds half up).
    """
    top = int(INTENSITY_MAX)
    return min(top, max(0, math.floor(intensity + 0.5)))


def intensity_color(intensity: float | None) -> str:
    """Fill colour of a mark of this intensity (``NO_INTENSITY_COLOR`` for ``None``)."""
    if intensity is None:
        return NO_INTENSITY_COLOR
    return INTENSITY_COLORS[intensity_level(intensity)]


def relative_luminance(color: str) -> float:
    """The WCAG 2 relative luminance of a ``#RRGGBB`` colour, 0 (black) to 1 (white).

    The sRGB channels are linearised (IEC 61966-2-1) and weighted 0.2126, 0.7152, 0.0722.
    """
    text = color.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    channels = (int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two colours, 1 (the same) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def text_on(fill: str, dark: str = TEXT, light: str = WHITE) -> str:
    """The colour of text on ``fill``: ``dark`` or ``light``, whichever contrasts more.

    The one rule for text on a coloured fill, used by the atlas labels, the cohort maps'
    region labels, the form's intensity buttons and the editor.

    >>> text_on("#FFEEA3"), text_on("#800026")
    ('#222222', '#FFFFFF')
    """
    return dark if contrast_ratio(dark, fill) >= contrast_ratio(light, fill) else light


def readable_color(color: str, background: str = WHITE, fallback: str = TEXT) -> str:
    """``color`` for text on ``background`` if it is legible there (WCAG AA), else ``fallback``.

    Legible means a contrast ratio of at least :data:`TEXT_CONTRAST` (4.5).
    """
    return color if contrast_ratio(color, background) >= TEXT_CONTRAST else fallback
