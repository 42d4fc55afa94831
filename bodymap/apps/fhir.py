"""A pain drawing as a FHIR R4 Bundle, for the health record.

:func:`fhir_bundle` turns a drawing into a FHIR R4 ``Bundle`` of type ``collection``, built
as plain dicts (no FHIR library needed): a ``DocumentReference`` holding the drawing itself
twice, as GeoJSON and as the SVG figure of ``bodymap render --drawing`` (base64, with
content type, size and SHA-1 hash); one ``Observation`` of *Pain* (SNOMED CT 22253000) per
chart region the drawing marks (the regions of :func:`bodymap.compare`, counted with the
threshold of :func:`bodymap.analysis.measures.region_counts`), with the region as
``bodySite``; and, when the drawing records intensities, one ``Observation`` of *Pain
severity 0-10* (LOINC 72514-3) holding the highest.  The subject is a ``Patient`` reference by
identifier.  Every ``fullUrl`` is a ``urn:uuid`` made (UUID 5) from the entry's content, so
the same drawing always gives the same bytes.  :func:`validate_bundle` checks a bundle with
the ``fhir.resources`` models (its R4B package: fhir.resources 8 has no pure R4 one) and
every code against :mod:`bodymap.core.terminology`; it needs ``pip install 'bodymap[fhir]'``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bodymap.analysis.measures import MIN_AREA_CM2, MIN_SHARE, region_counts
from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError, DataError, DrawingError
from bodymap.core.i18n import tr
from bodymap.core.jsonio import dump_json
from bodymap.core.output import write_bytes
from bodymap.core.terminology import (
    BODY_SITES,
    LATERALITY,
    LATERALITY_ATTRIBUTE,
    PAIN,
    PAIN_SEVERITY,
    SNOMED_CT,
    SURVEY,
    UCUM,
    known_code,
)
from bodymap.core.text import show_value
from bodymap.model.chart import Chart, Region, load_chart
from bodymap.model.drawing import Drawing
from bodymap.model.reader import load_drawing

__all__ = [
    "MEASURE_SYSTEM",
    "REGION_SYSTEM",
    "SUBJECT_SYSTEM",
    "fhir_bundle",
    "unlisted_codes",
    "validate_bundle",
    "write_bundle",
]

#: The identifier system of a drawing's ``subject`` unless another is given: a placeholder
#: for the clinic's own patient-identifier system (its URI or ``urn:oid:``).
SUBJECT_SYSTEM = "urn:bodymap:subject"
#: bodymap's own codes for chart regions (the region id), beside the SNOMED CT body site.
REGION_SYSTEM = "urn:bodymap:region"
#: bodymap's own codes for the measures in an Observation's components.
MEASURE_SYSTEM = "urn:bodymap:measure"
#: The namespace of the name-based (version 5) UUIDs of the entries.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:bodymap:fhir")

# FHIR R4 primitive types (https://hl7.org/fhir/R4/datatypes.html): dateTime, instant, uri
# and code, by their regular expressions there.
_DATE_TIME = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]"
    r"|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3])"
    r":[0-5][0-9]|14:00)))?)?)?"
)
_INSTANT = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]"
    r"|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3])"
    r":[0-5][0-9]|14:00))"
)
# An absolute URI (RFC 3986: a scheme, then URI characters and %-escapes only), not merely
# FHIR's "\S*": no control characters, no "|" or quotes, no text a spreadsheet would run.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+"
)
#: The longest subject identifier system accepted.
MAX_URI = 2048
_CODE = re.compile(r"[^\s]+( [^\s]+)*")
# A FHIR string SHOULD NOT hold characters below U+0020 other than tab, CR and LF
# (https://hl7.org/fhir/R4/datatypes.html#string); lone surrogates cannot be written at all.
_BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

DrawingLike = Drawing | str | os.PathLike[str] | Mapping[str, Any]


def _full_url(resource: Mapping[str, Any]) -> str:
    """``urn:uuid:`` and the UUID 5 of the resource's canonical JSON (same content, same id)."""
    text = json.dumps(resource, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, text)}"


def _subject(drawing: Drawing, system: str) -> dict[str, Any] | None:
    """The ``Patient`` reference by identifier, or ``None`` for a drawing without a subject."""
    subject = drawing.subject
    if subject is None or not subject.strip():
        return None
    bad = _BAD_CHARACTER.search(subject)
    if bad is not None:
        raise DrawingError(
            drawing.source,
            f"'bodymap.subject' holds the control character {bad.group()!r}, which a FHIR "
            "identifier cannot hold",
        )
    return {"type": "Patient", "identifier": {"system": system, "value": subject}}


def _real_date(text: str) -> bool:
    """Whether the calendar has the date a FHIR dateTime or instant starts with.

    The FHIR expressions allow any day up to 31 in any month (``2026-02-30``).
    """
    parts = text[:10].split("-")
    if len(parts) < 3:
        return True  # a year, or a year and month: the expression checked them
    try:
        dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return False
    return True


def _fhir_time(text: str | None, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` is a FHIR dateTime (or instant) of a real calendar date."""
    return text is not None and pattern.fullmatch(text) is not None and _real_date(text)


def _effective(drawing: Drawing) -> dict[str, str]:
    """``effectiveDateTime`` from ``bodymap.recorded`` when it is a FHIR dateTime, else nothing."""
    recorded = drawing.recorded
    if recorded is not None and _fhir_time(recorded, _DATE_TIME):
        return {"effectiveDateTime": recorded}
    return {}


def _attachment(data: bytes, content_type: str, title: str, lang: str) -> dict[str, Any]:
    # Attachment (https://hl7.org/fhir/R4/datatypes.html#Attachment): hash is the base64 of
    # the SHA-1 of the data.
    return {
        "contentType": content_type,
        "language": lang,
        "data": base64.b64encode(data).decode("ascii"),
        "size": len(data),
        "hash": base64.b64encode(hashlib.sha1(data).digest()).decode("ascii"),
        "title": title,
    }


def _document(
    drawing: Drawing, chart: Chart, subject: dict[str, Any] | None, lang: str
) -> dict[str, Any]:
    """The DocumentReference holding the drawing as GeoJSON and as its SVG figure."""
    from bodymap.renderers.diagram import render

    geojson = drawing.to_json().encode("utf-8")
    svg = render(pattern=None, drawing=drawing, chart=chart, lang=lang).to_svg().encode("utf-8")
    document: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "status": "current",
        "type": {"text": tr("fhir.document", lang)},
    }
    if subject is not None:
        document["subject"] = subject
    recorded = drawing.recorded
    if recorded is not None and _fhir_time(recorded, _INSTANT):
        document["date"] = recorded
    document["description"] = tr("fhir.document", lang)
    document["content"] = [
        {
            "attachment": _attachment(
                geojson, "application/geo+json", tr("fhir.geojson", lang), lang
            )
        },
        {"attachment": _attachment(svg, "image/svg+xml", tr("fhir.figure", lang), lang)},
    ]
    return document


def _body_site(region: Region, lang: str) -> dict[str, Any]:
    """``Observation.bodySite`` of a chart region, its laterality included.

    HL7 FHIR R4 codes the site of an Observation in ``bodySite``
    (https://hl7.org/fhir/R4/observation-definitions.html#Observation.bodySite; the
    ``bodySite`` extension, https://hl7.org/fhir/R4/extension-bodysite.html, is for a site
    kept as its own BodyStructure resource, which a region of a chart is not).  A SNOMED CT
    code in FHIR may be a concept or a post-coordinated expression in SNOMED CT compositional
    grammar (https://hl7.org/fhir/R4/snomedct.html): a concept that names the side already
    (*Left inguinal region*) is written as it is, one that does not (*Buttock*) gets the
    region's side as the Laterality attribute, ``46862004:272741003=7771000`` (left buttock).
    Midline regions have no laterality.  A chart code the terminology table does not list is
    left out; bodymap's own region code and the region's name are always there.
    """
    codings: list[dict[str, str]] = []
    snomed = region.snomed
    site = BODY_SITES.get(snomed.code) if snomed is not None else None
    side = LATERALITY.get(region.side)
    if site is not None:
        if site.laterality is not None:
            if site.laterality != region.side:
                raise DataError(
                    f"region {region.id!r} is on the {region.side} side but its SNOMED CT code "
                    f"{site.code.code} ({site.code.display}) names the {site.laterality} side"
                )
            codings.append(site.code.coding())
        elif side is not None:
            codings.append(
                {
                    "system": SNOMED_CT,
                    "code": f"{site.code.code}:{LATERALITY_ATTRIBUTE.code}={side.code}",
                }
            )
        else:
            codings.append(site.code.coding())
    if _CODE.fullmatch(region.id):
        codings.append({"system": REGION_SYSTEM, "code": region.id, "display": region.name("en")})
    return {"coding": codings, "text": region.name(lang)}


def _measure(code: str, lang: str, value: float, unit: str, ucum: str) -> dict[str, Any]:
    return {
        "code": {
            "coding": [{"system": MEASURE_SYSTEM, "code": code}],
            "text": tr(f"fhir.{code}", lang),
        },
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": ucum},
    }


def _observation(
    code: dict[str, Any], subject: dict[str, Any] | None, drawing: Drawing, document: str
) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY.coding()]}],
        "code": code,
    }
    if subject is not None:
        observation["subject"] = subject
    observation.update(_effective(drawing))
    observation["derivedFrom"] = [{"reference": document, "type": "DocumentReference"}]
    return observation


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def fhir_bundle(
    drawing: DrawingLike,
    chart: str | os.PathLike[str] | Chart | None = None,
    lang: str = "en",
    subject_system: str = SUBJECT_SYSTEM,
    min_share: float = MIN_SHARE,
    min_area: float = MIN_AREA_CM2,
) -> dict[str, Any]:
    """A pain drawing as a FHIR R4 ``Bundle`` (type ``collection``), as JSON-ready dicts.

    Parameters
    ----------
    drawing
        The drawing: a :class:`~bodymap.model.drawing.Drawing`, a drawing file or a dict.
    chart
        The chart whose regions are reported (default: the drawing's own chart).
    lang
        ``"en"`` or ``"nl"``: the language of the texts, region names and the figure.
    subject_system
        The identifier system of the drawing's ``subject`` (the patient identifier); use the
        clinic's own (a URI, or ``urn:oid:...``).
    min_share, min_area
        A region is reported when the marks cover at least ``min_share`` of it or
        ``min_area`` cm², whichever is smaller (default 10% or 5 cm²).

    Returns
    -------
    dict
        The Bundle: first the DocumentReference (GeoJSON and SVG), then one pain
        Observation per marked region in chart order, then the intensity Observation (the
        highest intensity of any mark) if any mark has one.  Write it with
        :func:`write_bundle`.

    Raises
    ------
    DrawingError
        For a bad drawing, or a subject holding control characters.
    BodymapError
        For a bad ``subject_system``, ``min_share`` or ``min_area``.

    Examples
    --------
    >>> import bodymap
    >>> from bodymap.apps.fhir import fhir_bundle
    >>> bundle = fhir_bundle({
    ...     "type": "FeatureCollection",
    ...     "bodymap": {"kind": "drawing", "version": 1, "subject": "p-1"},
    ...     "features": [{"type": "Feature", "geometry": None,
    ...                   "properties": {"view": "front", "region": "groin-left"}}]})
    >>> [e["resource"]["resourceType"] for e in bundle["entry"]]
    ['DocumentReference', 'Observation']
    """
    check_lang(lang)
    if (
        not isinstance(subject_system, str)
        or len(subject_system) > MAX_URI
        or not _URI.fullmatch(subject_system)
    ):
        raise BodymapError(
            "the subject identifier system must be an absolute URI such as urn:oid:1.2.3 "
            f"(URI characters only), not {show_value(subject_system)}"
        )
    if not 0.0 <= min_share <= 1.0:
        raise BodymapError(f"the least share of a region must be from 0 to 1, not {min_share}")
    if not min_area >= 0.0:
        raise BodymapError(f"the least marked area must be at least 0 cm², not {min_area}")
    given = None if chart is None else chart if isinstance(chart, Chart) else load_chart(chart)
    the_drawing = load_drawing(drawing, given)
    the_chart = the_drawing.chart if given is None else given
    subject = _subject(the_drawing, subject_system)
    document = _document(the_drawing, the_chart, subject, lang)
    document_url = _full_url(document)
    entries: list[tuple[str, dict[str, Any]]] = [(document_url, document)]
    for region, marked in the_drawing.marked_regions(the_chart):
        if not region_counts(marked, region.area, min_share, min_area):
            continue
        code = {"coding": [PAIN.coding()], "text": tr("fhir.pain", lang)}
        observation = _observation(code, subject, the_drawing, document_url)
        observation["bodySite"] = _body_site(region, lang)
        observation["component"] = [
            _measure("marked-area", lang, round(marked, 2), "cm²", "cm2"),
            _measure("marked-share", lang, round(100.0 * marked / region.area, 2), "%", "%"),
        ]
        entries.append((_full_url(observation), observation))
    intensities = [m.intensity for m in the_drawing.marks if m.intensity is not None]
    if intensities:
        code = {"coding": [PAIN_SEVERITY.coding()], "text": tr("fhir.intensity", lang)}
        observation = _observation(code, subject, the_drawing, document_url)
        observation["valueQuantity"] = {
            "value": _number(max(intensities)),
            "unit": "{score}",
            "system": UCUM,
            "code": "{score}",
        }
        observation["note"] = [{"text": tr("fhir.intensity.note", lang)}]
        entries.append((_full_url(observation), observation))
    bundle_id = uuid.uuid5(NAMESPACE, " ".join(url for url, _ in entries))
    return {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{bundle_id}"},
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def _codings(node: Any) -> Iterator[Mapping[str, Any]]:
    """Every Coding in a FHIR document (a mapping with a ``system`` and a ``code``)."""
    if isinstance(node, Mapping):
        if isinstance(node.get("system"), str) and "code" in node:
            yield node
        for value in node.values():
            yield from _codings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _codings(value)


def unlisted_codes(bundle: Mapping[str, Any]) -> list[str]:
    """The SNOMED CT, LOINC and HL7 codes of ``bundle`` that the terminology table lacks.

    A post-coordinated SNOMED CT expression is checked concept by concept; a coding whose
    display differs from the table's counts as unlisted too.  bodymap's own ``urn:bodymap:``
    codes and the UCUM units are not checked.

    Parameters
    ----------
    bundle
        A Bundle as :func:`fhir_bundle` returns it.

    Returns
    -------
    list of str
        ``system|code`` of each unlisted coding, in the order found (empty if all are listed).
    """
    out: list[str] = []
    for coding in _codings(bundle):
        system, code = coding["system"], coding["code"]
        if system.startswith("urn:bodymap:") or system in (UCUM, "urn:ietf:rfc:3986"):
            continue
        parts = re.split(r"[:=]", code) if system == SNOMED_CT else [code]
        listed = [known_code(system, part) for part in parts]
        display = coding.get("display")
        if any(c is None for c in listed) or (
            display is not None and len(listed) == 1 and listed[0].display != display  # type: ignore[union-attr]
        ):
            out.append(f"{system}|{code}")
    return out


def validate_bundle(bundle: Mapping[str, Any]) -> str:
    """Check a bundle with the ``fhir.resources`` models and every code against the table.

    The models are those of ``fhir.resources.R4B`` (FHIR 4.3; fhir.resources 8 has no pure
    R4 package, and R4B has R4's Bundle, Observation and DocumentReference).

    Parameters
    ----------
    bundle
        A Bundle as :func:`fhir_bundle` returns it.

    Returns
    -------
    str
        What the bundle was checked against, for a message: the models' FHIR version, the
        ``fhir.resources`` version and the terminology table.

    Raises
    ------
    BodymapError
        If ``fhir.resources`` is not installed (``pip install 'bodymap[fhir]'``), the bundle
        is not valid, or it holds a code the terminology table does not list.
    """
    try:
        from fhir.resources.R4B.bundle import Bundle
    except ImportError:
        raise BodymapError(
            "validating FHIR needs fhir.resources (pip install 'bodymap[fhir]')"
        ) from None
    try:
        Bundle.model_validate(bundle)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        first = errors()[0] if callable(errors) else None
        where = ".".join(str(p) for p in first["loc"]) if first else ""
        why = first["msg"] if first else str(exc)
        raise BodymapError(f"the FHIR bundle is not valid: {where}: {why}") from None
    unlisted = unlisted_codes(bundle)
    if unlisted:
        raise BodymapError("the FHIR bundle holds unlisted codes: " + ", ".join(unlisted))
    from importlib.metadata import version

    return (
        f"the FHIR R4B (4.3) models of fhir.resources {version('fhir.resources')} and the "
        "SNOMED CT, LOINC and HL7 codes of bodymap's terminology table"
    )


def write_bundle(bundle: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write ``bundle`` as JSON to ``path`` atomically (nothing is left if writing fails).

    Parameters
    ----------
    bundle
        A Bundle as :func:`fhir_bundle` returns it.
    path
        The file to write.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        If the file cannot be written.
    """
    out = Path(path)
    write_bytes(out, (dump_json(bundle, indent=2) + "\n").encode("utf-8"))
    return out
