"""The patient form: one self-contained HTML file for marking pain on the body chart.

:func:`make_form` builds the page behind ``bodymap form``.  Each view of the chart is drawn by
bodymap's own SVG renderer and placed inline; the page's CSS and JavaScript (``form.css`` and
``form.js`` beside this module) are inlined too, and a strict Content-Security-Policy allows
exactly those two blocks (by their SHA-256 hashes) and nothing else: no network requests, no
other scripts, no markup injected at run time.  The patient draws in chart coordinates
(centimetres per view, as in the chart and drawing files), and **Save** downloads a drawing in
the drawing file format that ``bodymap compare`` reads.

Everything that comes from outside the package — the subject id, a pre-loaded drawing, the
labels — is written into the page either HTML-escaped or as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, so it can never
become markup or script.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from bodymap.core.choices import BRUSHES, DEFAULT_INTENSITY, PAIN_QUALITIES, check_lang
from bodymap.core.errors import DataError
from bodymap.core.i18n import strings, tr
from bodymap.core.output import check_output, write_bytes
from bodymap.core.palette import INTENSITY_COLORS, NO_INTENSITY_COLOR, text_on
from bodymap.core.text import shown_text
from bodymap.model.chart import Chart, load_chart

if TYPE_CHECKING:
    from bodymap.model.drawing import Drawing

#: What ``drawing=`` accepts: a drawing file, a parsed drawing document or a Drawing.
DrawingInput = Union[str, "os.PathLike[str]", Mapping[str, Any], "Drawing"]

__all__ = [
    "form_assets",
    "make_form",
    "save_form",
]

MAX_SUBJECT = 200
_SVG_NS = "http://www.w3.org/2000/svg"

# Icons (24x24 viewBox, stroked with currentColor), inline so the page needs nothing else.
_ICONS: Mapping[str, str] = {
    "draw": "M4 20l4-1 11-11-3-3L5 16l-1 4zM14 6l3 3",
    "region": "M4 5h16v14H4zM4 12h16M12 5v14",
    "erase": "M8 20h12M4 15l9-9 6 6-7 7H8l-4-4zM9 10l6 6",
    "undo": "M9 7L4 12l5 5M4 12h11a5 5 0 010 10h-3",
    "redo": "M15 7l5 5-5 5M20 12H9a5 5 0 000 10h3",
    "clear": "M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13",
    "save": "M12 4v11M7 10l5 5 5-5M5 20h14",
}


#: Output formats of the form, by suffix.
HTML_FORMATS: Mapping[str, str] = {".html": "html", ".htm": "html"}


def form_strings(lang: str) -> dict[str, str]:
    """The form's interface text in ``lang``: the ``form.`` strings and the pain qualities."""
    t = strings("form.", lang)
    t.update({f"quality.{q}": tr(f"quality.{q}", lang).capitalize() for q in PAIN_QUALITIES})
    return t


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def json_for_html(value: Any) -> str:
    r"""JSON text that is safe inside an HTML ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` (and the JavaScript line separators U+2028/U+2029) are written as
    ``\uXXXX`` escapes, so no ``</script>``, comment or entity can appear in the output
    whatever the strings contain; ``JSON.parse`` reads the escapes back unchanged.

    Parameters
    ----------
    value
        Any JSON-serialisable value (NaN and infinities are refused).

    Returns
    -------
    str
        The escaped JSON text.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    # Noncharacters and lone surrogates (which UTF-8 cannot hold) as escapes too.
    return _NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_NONCHARACTERS = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _fmt(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


@lru_cache(maxsize=8)
def _view_svg(chart: Chart, view: str, lang: str) -> tuple[str, dict[str, Any]]:
    """One view of the chart as inline SVG markup for the form, and its page frame.

    The SVG comes from bodymap's renderer (chart only, no pattern); the page title and the
    white background are dropped (the page has its own), the view box is cropped to the
    body, its side letters and caption, and empty layers for the patient's marks are added
    between the regions and the body outline, clipped to the outline.
    """
    from bodymap.renderers.diagram import render

    diagram = render(pattern=None, view=view, lang=lang, chart=chart)
    frame = diagram.scene.frame(view)
    ET.register_namespace("", _SVG_NS)
    root = ET.fromstring(diagram.to_svg())
    ns = {"s": _SVG_NS}

    for child in list(root):
        tag = child.tag.split("}")[-1]
        if tag in ("title", "desc") or child.get("id") in ("header", "background"):
            root.remove(child)
    x0, y0, x1, y1 = frame.box
    vx0, vy0 = x0 - 10.5, y0 - 4.0
    vx1 = x1 + 10.5
    caption = root.find(f".//s:text[@id='caption-{view}']", ns)
    vy1 = (float(caption.get("y", y1)) if caption is not None else y1 + 9.0) + 2.5
    for attr in ("width", "height", "baseProfile", "version"):
        root.attrib.pop(attr, None)
    root.set("viewBox", f"{_fmt(vx0)} {_fmt(vy0)} {_fmt(vx1 - vx0)} {_fmt(vy1 - vy0)}")
    root.set("id", f"chart-{view}")
    root.set("class", "chart")
    root.set("data-view", view)
    root.set("preserveAspectRatio", "xMidYMid meet")
    root.set("focusable", "false")

    group = root.find(f"s:g[@id='view-{view}']", ns)
    regions = root.find(f".//s:g[@id='regions-{view}']", ns)
    outline = root.find(f".//s:path[@id='outline-{view}']", ns)
    defs = root.find("s:defs", ns)
    if group is None or regions is None or outline is None:  # pragma: no cover - renderer changed
        raise DataError(f"the SVG renderer's output lacks the groups of view {view!r}")
    if defs is None:
        defs = ET.Element(f"{{{_SVG_NS}}}defs")
        root.insert(0, defs)
    clip = ET.SubElement(defs, f"{{{_SVG_NS}}}clipPath", {"id": f"clip-{view}"})
    ET.SubElement(clip, f"{{{_SVG_NS}}}use", {"href": f"#outline-{view}"})
    for title in group.findall("s:title", ns):
        group.remove(title)

    marks = ET.Element(
        f"{{{_SVG_NS}}}g",
        {"id": f"marks-{view}", "class": "marks", "clip-path": f"url(#clip-{view})"},
    )
    ET.SubElement(marks, f"{{{_SVG_NS}}}g", {"id": f"region-marks-{view}"})
    ET.SubElement(
        marks,
        f"{{{_SVG_NS}}}g",
        {
            "id": f"stroke-marks-{view}",
            "transform": f"translate({_fmt(frame.ox)} {_fmt(frame.oy)}) scale(1 -1)",
        },
    )
    position = list(group).index(regions) + 1
    group.insert(position, marks)
    # The eraser's outline follows the pointer; it is drawn above everything.
    ET.SubElement(
        root,
        f"{{{_SVG_NS}}}circle",
        {"id": f"eraser-{view}", "class": "eraser", "cx": "0", "cy": "0", "r": "1"},
    )
    svg = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    frame_info = {
        "ox": frame.ox,
        "oy": frame.oy,
        "box": [round(v, 3) for v in frame.box],
    }
    return svg, frame_info


def _radio(
    name: str, value: str, label: str, checked: bool, extra: str = "", body: str = ""
) -> str:
    """An accessible radio button styled as a large button (label wraps the input)."""
    esc = html.escape
    check = " checked" if checked else ""
    cls = f"choice {extra}".strip()
    inner = body or f"<span>{esc(label)}</span>"
    return (
        f'<label class="{esc(cls)}"><input type="radio" name="{esc(name)}" '
        f'value="{esc(value)}" aria-label="{esc(label)}"{check}>{inner}</label>'
    )


def _icon(name: str) -> str:
    return (
        '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        f'<path d="{_ICONS[name]}"/></svg>'
    )


def _controls(t: Mapping[str, str], send: bool = False) -> dict[str, str]:
    """HTML fragments of the tool panel (all text HTML-escaped); ``send``: Save sends."""
    esc = html.escape
    modes = "".join(
        _radio(
            "mode",
            mode,
            t[f"mode.{mode}"],
            mode == "draw",
            "mode",
            f"{_icon(mode)}<span>{esc(t[f'mode.{mode}'])}</span>",
        )
        for mode in ("draw", "region", "erase")
    )
    brushes = "".join(
        _radio(
            "brush",
            name,
            t[f"brush.{name}"],
            name == "medium",
            f"brush brush-{name}",
            f'<i class="dot" aria-hidden="true"></i><span>{esc(t[f"brush.{name}"])}</span>',
        )
        for name in BRUSHES
    )
    intensity = "".join(
        _radio(
            "intensity",
            str(n),
            t["intensity.value"].format(n=n),
            n == DEFAULT_INTENSITY,
            f"level level-{n}",
            f"<span>{n}</span>",
        )
        for n in range(11)
    )
    qualities = _radio("quality", "", t["quality.none"], True, "quality") + "".join(
        _radio("quality", q, t[f"quality.{q}"], False, "quality") for q in PAIN_QUALITIES
    )

    def button(action: str, primary: bool = False) -> str:
        cls = "action primary" if primary else "action"
        words = "send" if send and action == "save" else action
        return (
            f'<button type="button" class="{cls}" id="{action}" '
            f'aria-label="{esc(t[f"{words}.label"])}">{_icon(action)}'
            f"<span>{esc(t[words])}</span></button>"
        )

    actions = button("undo") + button("redo") + button("clear") + button("save", True)
    return {
        "modes": modes,
        "brushes": brushes,
        "intensity_choices": intensity,
        "qualities": qualities,
        "actions": actions,
    }


def _level_css() -> str:
    """CSS giving each intensity button its mark colour (text dark or white: :func:`text_on`)."""
    rules = []
    for n, color in enumerate(INTENSITY_COLORS):
        rules.append(f".level-{n} span{{background:{color};color:{text_on(color)}}}")
    return "\n".join(rules) + "\n"


def form_assets() -> dict[str, str]:
    """The form's script and style sheet by file name, for a server to serve as static files.

    :func:`make_form` with ``asset_url`` links to these instead of inlining them.
    """
    return {"form.js": _asset("form.js"), "form.css": _asset("form.css") + _level_css()}


def _read_drawing(drawing: DrawingInput, chart: Chart) -> tuple[dict[str, Any], str]:
    """Validate a drawing with :func:`bodymap.load_drawing`; its JSON document and source."""
    from bodymap.model.reader import load_drawing

    loaded = load_drawing(drawing)
    if loaded.chart_name != chart.name:
        raise DataError(
            f"{loaded.source}: the drawing is on chart {loaded.chart_name!r}, "
            f"the form uses chart {chart.name!r}"
        )
    return loaded.to_dict(), loaded.source


def _check_subject(subject: str | None, source: str | None = None) -> str | None:
    if subject is None:
        return None
    where = f"{source}: " if source else ""
    if len(subject) > MAX_SUBJECT:
        raise DataError(
            f"{where}subject id is too long ({len(subject)} characters; at most {MAX_SUBJECT})"
        )
    if shown_text(subject) != subject:
        raise DataError(f"{where}subject id {subject!r} contains control characters")
    return subject


def make_form(
    lang: str = "en",
    subject: str | None = None,
    drawing: DrawingInput | None = None,
    chart: str | os.PathLike[str] | Chart = "adult",
    submit_url: str | None = None,
    asset_url: str | None = None,
    submit_headers: Mapping[str, str] | None = None,
) -> str:
    """Build the self-contained pain-drawing form as one HTML document.

    Parameters
    ----------
    lang
        Language of the page and the chart labels: ``"en"`` or ``"nl"``.
    subject
        Subject (patient) id shown on the page, written into saved drawings and used as the
        key of the browser's autosave; ``None`` for an anonymous form.
    drawing
        An earlier drawing (path, parsed document or Drawing) to show and continue; it is validated
        with :func:`bodymap.load_drawing`.  Its subject is used when ``subject`` is ``None``,
        and unknown members of its ``bodymap`` block are written back on save.
    chart
        Built-in chart name, chart file or loaded chart to draw on.
    submit_url
        Where **Send** posts the drawing (``application/json``) instead of downloading it:
        the clinic app's one-time intake link (a path on the same site).  The marks are then
        kept in the browser under this link only, and forgotten once sent.
    asset_url
        Link the script and style sheet (:func:`form_assets`) from this folder URL of the
        same site instead of inlining them, for a server whose Content-Security-Policy
        allows only its own files.
    submit_headers
        Extra request headers of the send (a CSRF token, say), with ``submit_url``.

    Returns
    -------
    str
        The HTML document (UTF-8 text); without ``submit_url`` and ``asset_url`` no part of
        it loads anything from elsewhere.

    Raises
    ------
    UnknownNameError
        For an unknown language or chart.
    DataError
        For a malformed drawing, a drawing made on another chart, or a bad subject id.

    Examples
    --------
    >>> import bodymap
    >>> page = bodymap.make_form(lang="nl", subject="anon-17")
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    from bodymap._version import __version__

    lang = check_lang(lang)
    the_chart = chart if isinstance(chart, Chart) else load_chart(chart)
    subject = _check_subject(subject)
    doc, source = _read_drawing(drawing, the_chart) if drawing is not None else (None, None)
    if subject is None and doc is not None:
        meta = doc.get("bodymap")
        if isinstance(meta, dict) and isinstance(meta.get("subject"), str):
            subject = _check_subject(meta["subject"], source)
    t = form_strings(lang)

    views = tuple(v for v in ("front", "back") if v in the_chart.views) or the_chart.views
    svgs: dict[str, str] = {}
    frames: dict[str, Any] = {}
    for view in views:
        svgs[view], frames[view] = _view_svg(the_chart, view, lang)
    view_names = {v: tr(f"view.{v}", lang) if v in ("front", "back") else v for v in views}

    labels = {k: v for k, v in t.items() if k.startswith(("status.", "confirm.", "mode."))}
    labels.update({f"view.{v}": name for v, name in view_names.items()})
    initial_id = (
        hashlib.sha256(json.dumps(doc, sort_keys=True).encode("utf-8")).hexdigest()[:16]
        if doc is not None
        else ""
    )
    data = {
        "lang": lang,
        "chart": the_chart.name,
        "subject": subject,
        "views": list(views),
        "frames": frames,
        "colors": list(INTENSITY_COLORS),
        "neutral": NO_INTENSITY_COLOR,
        "brushes": dict(BRUSHES),
        "qualities": list(PAIN_QUALITIES),
        "labels": labels,
        "drawing": doc,
        "initialId": initial_id,
        "version": __version__,
        "submitUrl": submit_url,
        "submitHeaders": dict(submit_headers or {}),
    }
    assets = form_assets()
    script, style = assets["form.js"], assets["form.css"]
    linked = asset_url is not None
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(script) if not linked else chr(39) + 'self' + chr(39)}",
            f"style-src {_csp_hash(style) if not linked else chr(39) + 'self' + chr(39)}",
            "img-src data:",
            *(["connect-src 'self'"] if submit_url is not None else []),
            "base-uri 'none'",
            "form-action 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'",
        ]
    )
    if linked:
        script_block = f'<script src="{html.escape(f"{asset_url}form.js")}"></script>'
        style_block = f'<link rel="stylesheet" href="{html.escape(f"{asset_url}form.css")}">'
    else:
        script_block, style_block = f"<script>{script}</script>", f"<style>{style}</style>"
    esc = html.escape
    view_figures = "".join(
        f'<figure class="view{" shown" if i == 0 else ""}" id="figure-{v}" data-view="{esc(v)}" '
        f'aria-label="{esc(t["chart_hint"].format(view=view_names[v]))}">{svgs[v]}</figure>'
        for i, v in enumerate(views)
    )
    view_switch = "".join(
        f'<button type="button" class="switch" data-show="{esc(v)}" '
        f'aria-pressed="{"true" if i == 0 else "false"}">{esc(view_names[v])}'
        f'<span class="count" id="count-{esc(v)}"></span></button>'
        for i, v in enumerate(views)
    )
    raw: dict[str, str] = {
        "csp": esc(csp, quote=False),
        "style": style_block,
        "script": script_block,
        "data": json_for_html(data),
        "views": view_figures,
        "view_switch": view_switch,
        "subject_hidden": "" if subject else " hidden",
        **_controls(t, send=submit_url is not None),
    }
    text: dict[str, str] = {
        "lang": lang,
        "subject_id": subject or "",
        **{k.replace(".", "_"): v for k, v in t.items()},
    }
    text["footer"] = t["footer.send" if submit_url else "footer"].format(version=__version__)

    def fill(match: re.Match[str]) -> str:
        key = match.group(1) or match.group(2)
        if match.group(1) is not None:
            return raw[key]
        return esc(text[key])

    page = re.sub(r"\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}", fill, _asset("form.html"))
    return page


def save_form(
    path: str | os.PathLike[str],
    lang: str = "en",
    subject: str | None = None,
    drawing: DrawingInput | None = None,
    chart: str | os.PathLike[str] | Chart = "adult",
) -> Path:
    """Write the form of :func:`make_form` to ``path`` (atomically) and return the path.

    Parameters
    ----------
    path
        Output file, ``.html`` or ``.htm``; its folder must exist.
    lang, subject, drawing, chart
        As for :func:`make_form`.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    OutputError
        If the suffix is not ``.html``/``.htm``, the folder is missing or the file cannot be
        written.
    """
    out, _ = check_output(path, HTML_FORMATS, listed=(".html",))
    write_bytes(out, make_form(lang=lang, subject=subject, drawing=drawing, chart=chart).encode())
    return out
