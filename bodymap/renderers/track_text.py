"""Plain-text tables of ``bodymap measure`` and ``bodymap track``.

:func:`format_measures` prints the measures of one drawing
(:class:`~bodymap.analysis.drawing_measures.DrawingMeasures`) as a two-column table and the
extent of each pain quality; :func:`format_track` prints one row per visit
(:class:`~bodymap.analysis.tracking.Track`), a change larger than the minimal detectable
change marked ``*`` and explained under the table.  Labels come from the ``measure.`` and
``track.`` strings in the language asked for, numbers in its separators, the same aligned
columns as :mod:`bodymap.renderers.text`.
"""

from __future__ import annotations

from bodymap.analysis.drawing_measures import DrawingMeasures
from bodymap.analysis.tracking import MDC_SHARE, Track
from bodymap.core.i18n import format_number, quality_text, tr
from bodymap.model.drawing import Drawing
from bodymap.renderers.text import table
from bodymap.scene.overlay import drawing_caption
from bodymap.scene.track import visit_date

__all__ = ["format_measures", "format_track"]

#: What marks a change larger than the minimal detectable change.
MDC_MARK = "*"


def _n(value: float, lang: str, spec: str = ",.1f") -> str:
    return format_number(value, lang, spec)


def _laterality(index: float | None, lang: str) -> str:
    if index is None:
        return "–"
    word = "both"
    if index >= 1.0:
        word = "left"
    elif index <= -1.0:
        word = "right"
    return f"{format_number(index, lang, '+.2f')} ({tr(f'measure.laterality.{word}', lang)})"


def format_measures(found: DrawingMeasures, drawing: Drawing, lang: str = "en") -> str:
    """The human-readable report of ``bodymap measure``.

    Parameters
    ----------
    found
        The drawing's measures.
    drawing
        The drawing (its file name, subject and date head the table).
    lang
        Language of the labels.
    """
    caption = drawing_caption(drawing, lang)
    who = f"{drawing.source} ({caption})" if caption else drawing.source
    rows: list[list[str]] = [
        [
            tr("measure.extent", lang),
            tr(
                "measure.extent.value",
                lang,
                cm2=_n(found.extent_cm2, lang),
                pct=_n(found.extent_pct, lang, ".2f"),
            ),
        ]
    ]
    if found.weighted_extent_cm2 is None or found.weighted_extent_pct is None:
        weighted = tr("measure.weighted.none", lang)
    else:
        weighted = tr(
            "measure.weighted.value",
            lang,
            value=_n(found.weighted_extent_cm2, lang),
            pct=_n(found.weighted_extent_pct, lang, ".2f"),
        )
    rows.append([tr("measure.weighted", lang), weighted])
    if found.no_intensity_cm2 > 0.005:
        rows.append([tr("measure.no-intensity", lang), f"{_n(found.no_intensity_cm2, lang)} cm²"])
    per_view = ", ".join(
        f"{tr(f'view.{v}', lang).lower()} {n}" for v, n in found.areas_by_view.items() if n
    )
    rows.append(
        [tr("measure.areas", lang), f"{found.n_areas}" + (f" ({per_view})" if per_view else "")]
    )
    for view, centre in found.centroids.items():
        if centre is None:
            continue
        label = tr("measure.centroid", lang, view=tr(f"view.{view}", lang).lower())
        value = tr("measure.centroid.value", lang, x=_n(centre[0], lang), y=_n(centre[1], lang))
        rows.append([label, value])
    rows.append(
        [
            tr("measure.left-right", lang),
            f"{_n(found.left_cm2, lang)} / {_n(found.right_cm2, lang)} cm²",
        ]
    )
    rows.append([tr("measure.laterality", lang), _laterality(found.laterality_index, lang)])
    lines = [tr("measure.heading", lang, drawing=who), ""]
    lines.append(table(rows, [tr("table.measure", lang), ""], wrap=1))
    if found.extent_cm2 > 0.005:
        quality_rows = [
            [quality_text(q, lang), _n(a, lang)] for q, a in found.extent_by_quality.items()
        ]
        if found.no_quality_cm2 > 0.005:
            quality_rows.append([tr("measure.no-quality", lang), _n(found.no_quality_cm2, lang)])
        lines += ["", table(quality_rows, [tr("measure.quality", lang), "cm²"], {1})]
    else:
        lines += ["", tr("measure.none", lang)]
    return "\n".join(lines)


def format_track(found: Track, lang: str = "en") -> str:
    """The human-readable table of ``bodymap track``: one row per visit.

    A change in extent larger than the minimal detectable change
    (:data:`~bodymap.analysis.tracking.MDC_SHARE`) is marked ``*`` and explained below.
    """
    subject = found.subjects[0] if found.subjects else "?"
    head = tr("track.heading" if found.by_date else "track.heading.given", lang, subject=subject)
    keys = (
        "visit", "recorded", "extent", "percent", "weighted", "jaccard-previous",
        "jaccard-first", "new", "resolved", "persisting", "change", "source",
    )  # fmt: skip
    header = [tr(f"track.col.{k}", lang) for k in keys]
    rows: list[list[str]] = []
    dash = "–"
    for visit in found.visits:
        m, c = visit.measures, visit.change
        weighted = m.weighted_extent_cm2
        change = visit.extent_change_cm2

        def share(value: float | None) -> str:
            return dash if value is None else format_number(value, lang, ".2f")

        rows.append(
            [
                str(visit.number),
                visit_date(visit.drawing, lang),
                _n(m.extent_cm2, lang),
                _n(m.extent_pct, lang, ".2f"),
                dash if weighted is None else _n(weighted, lang),
                dash if c is None else share(c.jaccard),
                share(visit.jaccard_first),
                dash if c is None else _n(c.new_cm2, lang),
                dash if c is None else _n(c.resolved_cm2, lang),
                dash if c is None else _n(c.persisting_cm2, lang),
                dash
                if change is None
                else _n(change, lang, "+,.1f") + (f" {MDC_MARK}" if visit.exceeds_mdc else ""),
                visit.drawing.label,
            ]
        )
    lines = [head]
    if len(found.subjects) > 1:
        lines.append(tr("track.subjects", lang, subjects=", ".join(found.subjects)))
    lines += ["", table(rows, header, set(range(2, 11)) | {0})]
    if any(v.exceeds_mdc for v in found.visits):
        lines += ["", tr("track.mdc", lang, share=format_number(100 * MDC_SHARE, lang, ".0f"))]
    return "\n".join(lines)
