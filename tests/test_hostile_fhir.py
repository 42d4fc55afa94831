"""FHIR bundles of hostile drawings and options: never an invalid bundle, --validate or not.

A date the calendar does not have is not written as a FHIR dateTime, and the subject
identifier system must be an absolute URI of URI characters only (no escape sequences, no
``=cmd|x``), whether or not the bundle is validated afterwards.
"""

from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle

from bodymap.apps.fhir import fhir_bundle
from bodymap.core.errors import BodymapError


def drawing(**meta: str) -> dict[str, object]:
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "subject": "S1", **meta},
        "features": [
            {"type": "Feature", "geometry": None,
             "properties": {"view": "front", "region": "groin-left"}},
        ],
    }  # fmt: skip


@pytest.mark.parametrize("recorded", ["2026-02-30", "2025-02-29", "2026-04-31T10:00:00Z"])
def test_a_date_the_calendar_does_not_have_is_left_out(recorded: str) -> None:
    bundle = fhir_bundle(drawing(recorded=recorded))
    for entry in bundle["entry"]:
        assert "effectiveDateTime" not in entry["resource"]
        assert "date" not in entry["resource"]
    Bundle.model_validate(bundle)


def test_a_real_date_is_kept() -> None:
    bundle = fhir_bundle(drawing(recorded="2024-02-29"))
    assert bundle["entry"][1]["resource"]["effectiveDateTime"] == "2024-02-29"


@pytest.mark.parametrize(
    ("system", "shown"),
    [
        ("urn:x\x1b[31m", "'urn:x\\x1b[31m'"),
        ("=cmd|x", "'=cmd|x'"),
        ("urn:a|b", "'urn:a|b'"),
        ("no-scheme", "'no-scheme'"),
        ("urn:" + "x" * 3000, "'urn:" + "x" * 32 + "..."),
    ],
)
def test_a_subject_system_that_is_not_a_uri_is_refused(system: str, shown: str) -> None:
    with pytest.raises(BodymapError) as caught:
        fhir_bundle(drawing(), subject_system=system)
    assert str(caught.value) == (
        "the subject identifier system must be an absolute URI such as urn:oid:1.2.3 "
        f"(URI characters only), not {shown}"
    )


def test_uris_of_every_usual_form_are_accepted() -> None:
    for system in ("urn:oid:2.16.840.1.113883.2.4.6.3", "https://clinic.example/ids?x=1",
                   "urn:uuid:0e9b1f0a-2c4e-4b8f-9e7e-4c5a0f1d2b3c", "http://x/%C3%A9"):  # fmt: skip
        bundle = fhir_bundle(drawing(), subject_system=system)
        assert bundle["entry"][0]["resource"]["subject"]["identifier"]["system"] == system
