"""The FHIR export: pain drawing as a FHIR R4 Bundle, validated with fhir.resources."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.observation import Observation
from typer.testing import CliRunner

import bodymap
from bodymap.analysis import measures
from bodymap.apps.fhir import (
    REGION_SYSTEM,
    SUBJECT_SYSTEM,
    fhir_bundle,
    unlisted_codes,
    validate_bundle,
)
from bodymap.cli import app
from bodymap.core import terminology
from bodymap.core.i18n import tr

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"
DRAWINGS = sorted(p for p in EXAMPLES.glob("*.json"))
SNOMED = "http://snomed.info/sct"
# The published value sets the chart's newer SNOMED CT codes were checked in (code and display).
PUBLISHED_VALUE_SETS = (
    "https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of.Extremities.TargetSite.VS.xml.html",
    "https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of.Chest.TargetSite.VS.html",
    "https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of.Abdomen.TargetSite.VS.html",
    "https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of.Pupil.TargetSite.VS.html",
    "https://build.fhir.org/ig/hl7-be/referral/branches/care-proposal/en/ValueSet-be-vs-body-site.html",
)
runner = CliRunner()


def drawing_doc(features, **meta):
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": features,
    }


def region_mark(region, view, **props):
    return {
        "type": "Feature",
        "geometry": None,
        "properties": {"view": view, "region": region, **props},
    }


def square(view, x, y, side, **props):
    ring = [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"view": view, **props},
    }


def resources(bundle, kind=None):
    return [e["resource"] for e in bundle["entry"] if kind in (None, e["resource"]["resourceType"])]


def pain_observations(bundle):
    return [
        o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == "22253000"
    ]


def site_of(observation):
    return next(
        c["code"] for c in observation["bodySite"]["coding"] if c["system"] == REGION_SYSTEM
    )


def snomed_of(observation):
    return [c["code"] for c in observation["bodySite"]["coding"] if c["system"] == SNOMED]


# --- validity ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda p: p.stem)
def test_every_example_is_a_valid_fhir_bundle(path):
    bundle = fhir_bundle(path)
    model = Bundle.model_validate(bundle)
    assert model.type == "collection"
    assert isinstance(model.entry[0].resource, DocumentReference)
    assert all(isinstance(e.resource, Observation) for e in model.entry[1:])
    assert unlisted_codes(bundle) == []
    validate_bundle(bundle)  # the library's own check says the same
    # The models read back what was written: nothing was dropped or renamed.
    assert (
        json.loads(model.model_dump_json(exclude_none=True))["entry"][1]["resource"]["bodySite"]
        == bundle["entry"][1]["resource"]["bodySite"]
    )


def test_validate_bundle_refuses_a_broken_bundle_and_unlisted_codes():
    bundle = fhir_bundle(EXAMPLES / "iliopsoas-right.json")
    broken = json.loads(json.dumps(bundle))
    del broken["entry"][1]["resource"]["code"]
    with pytest.raises(
        bodymap.BodymapError, match=r"^the FHIR bundle is not valid: entry\.1\.resource"
    ):
        validate_bundle(broken)
    wrong = json.loads(json.dumps(bundle))
    wrong["entry"][1]["resource"]["code"]["coding"][0]["code"] = "22253001"
    with pytest.raises(
        bodymap.BodymapError, match=r"unlisted codes: http://snomed.info/sct\|22253001$"
    ):
        validate_bundle(wrong)
    renamed = json.loads(json.dumps(bundle))
    renamed["entry"][1]["resource"]["code"]["coding"][0]["display"] = "Ache"
    assert unlisted_codes(renamed) == [f"{SNOMED}|22253000"]


# --- the codes -----------------------------------------------------------------------------


def test_every_chart_snomed_code_is_in_the_terminology_table(chart):
    coded = [r for r in chart.regions if r.snomed is not None]
    assert len(coded) == 77  # with the two soles
    for region in coded:
        site = terminology.BODY_SITES[region.snomed.code]
        assert site.code.display == region.snomed.term, region.id
        assert site.code.source in (
            f"http://snomed.info/id/{region.snomed.code}",
            *PUBLISHED_VALUE_SETS,
        ), region.id
        assert site.laterality in (None, region.side), region.id
    for code in [terminology.PAIN, terminology.PAIN_SEVERITY, *terminology.LATERALITY.values()]:
        assert code.source.startswith(("http://snomed.info/id/", "https://loinc.org/"))
    assert terminology.LATERALITY["left"].code == "7771000"
    assert terminology.LATERALITY["right"].code == "24028007"
    assert terminology.PAIN_SEVERITY.code == "72514-3"


def test_laterality_of_left_right_and_midline_regions(chart):
    features = [
        region_mark("groin-left", "front"),  # SNOMED concept with its side: Left inguinal region
        region_mark("buttock-left", "back"),  # Buttock has no side: Laterality = Left
        region_mark("buttock-right", "back"),
        region_mark("sacrum", "back"),  # midline: the concept without laterality
        region_mark("pubic", "front"),  # no SNOMED code: bodymap's code and the name
        region_mark("chest-right", "front"),  # Structure of right half of anterior chest wall
        region_mark("lower-leg-back-left", "back"),  # Entire calf of leg: Laterality = Left
    ]
    bundle = fhir_bundle(drawing_doc(features, subject="p1"))
    by_region = {site_of(o): o for o in pain_observations(bundle)}
    assert set(by_region) == {
        "groin-left",
        "buttock-left",
        "buttock-right",
        "sacrum",
        "pubic",
        "chest-right",
        "lower-leg-back-left",
    }
    assert snomed_of(by_region["groin-left"]) == ["85119005"]
    assert snomed_of(by_region["buttock-left"]) == ["46862004:272741003=7771000"]
    assert snomed_of(by_region["buttock-right"]) == ["46862004:272741003=24028007"]
    assert snomed_of(by_region["lower-leg-back-left"]) == ["244015008:272741003=7771000"]
    assert snomed_of(by_region["sacrum"]) == ["1144746008"]
    assert snomed_of(by_region["pubic"]) == []
    for midline in ("sacrum", "pubic"):
        assert chart.region(midline).side == "midline"
    assert snomed_of(by_region["chest-right"]) == ["1290342004"]
    assert by_region["pubic"]["bodySite"]["text"] == "Pubic region"
    assert [c["code"] for c in by_region["pubic"]["bodySite"]["coding"]] == ["pubic"]
    lateral = {
        c for o in by_region.values() for code in snomed_of(o) for c in re.split("[:=]", code)
    }
    assert lateral & {"7771000", "24028007", "51440002"} == {"7771000", "24028007"}
    Bundle.model_validate(bundle)
    assert unlisted_codes(bundle) == []


def test_a_midline_region_with_a_snomed_code_keeps_it_without_laterality(chart, tmp_path):
    doc = json.loads(Path(chart.path).read_text(encoding="utf-8"))
    for feature in doc["features"]:
        if feature.get("id") == "sacrum":
            feature["properties"]["snomed"] = {
                "code": "46862004",
                "term": "Buttock",
                "match": "broader",
            }
        if feature.get("id") == "chest-left":  # a code the table does not list is left out
            feature["properties"]["snomed"] = {
                "code": "51185008",
                "term": "Thorax",
                "match": "exact",
            }
    custom = tmp_path / "custom.json"
    custom.write_text(json.dumps(doc), encoding="utf-8")
    bundle = fhir_bundle(
        drawing_doc([region_mark("sacrum", "back"), region_mark("chest-left", "front")]),
        chart=custom,
    )
    by_region = {site_of(o): o for o in pain_observations(bundle)}
    assert snomed_of(by_region["sacrum"]) == ["46862004"]
    assert snomed_of(by_region["chest-left"]) == []
    assert unlisted_codes(bundle) == []


def test_every_chart_region_code_is_listed_with_its_side_and_source(chart):
    """Each region's SNOMED CT code is in the terminology table, which lists no code the chart
    does not use; a concept that names a side is only on regions of that side, a midline
    region's concept names none; the one region without a code is the pubic region."""
    uncoded = [r.id for r in chart.regions if r.snomed is None]
    assert uncoded == ["pubic"]
    used = set()
    for region in chart.regions:
        if region.snomed is None:
            continue
        site = terminology.BODY_SITES.get(region.snomed.code)
        assert site is not None, f"{region.id}: {region.snomed.code} not in terminology.py"
        assert site.code.system == terminology.SNOMED_CT
        assert terminology.known_code(SNOMED, region.snomed.code) is site.code
        if region.side == "midline":
            assert site.laterality is None, region.id
        else:
            assert site.laterality in (None, region.side), region.id
        # a concept that names the side is the region itself or larger; one without a side
        # is larger than the region (it covers both sides) unless the region is midline
        if site.laterality is None and region.side != "midline":
            assert region.snomed.match == "broader", region.id
        used.add(region.snomed.code)
    assert used == set(terminology.BODY_SITES)
    # left and right regions of a pair get the mirrored concept (or the same one)
    for region in chart.regions:
        if region.side == "left":
            twin = chart.region(region.id.removesuffix("-left") + "-right")
            left = terminology.BODY_SITES[region.snomed.code]
            right = terminology.BODY_SITES[twin.snomed.code]
            assert (left.laterality, right.laterality) in ((None, None), ("left", "right"))
            assert region.snomed.match == twin.snomed.match, region.id
            if left.laterality is None:
                assert left is right, region.id


# --- which regions -------------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda p: p.stem)
def test_one_observation_per_region_over_the_threshold(path, chart):
    drawing = bodymap.load_drawing(path)
    compared = bodymap.compare(drawing, "iliopsoas").regions  # the regions compare reports
    expected = [r.id for r in compared if r.marked_cm2 >= min(0.1 * r.area_cm2, 5.0)]
    bundle = fhir_bundle(drawing)
    observations = pain_observations(bundle)
    assert [site_of(o) for o in observations] == expected
    assert len(expected) >= 3
    for obs in observations:
        region = chart.region(site_of(obs))
        area, share = (c["valueQuantity"]["value"] for c in obs["component"])
        marked = next(r.marked_cm2 for r in compared if r.id == region.id)
        assert area == pytest.approx(marked, abs=0.006)
        assert share == pytest.approx(100 * marked / region.area, abs=0.006)


def test_a_graze_does_not_count_unless_the_threshold_is_lowered(chart):
    thigh = chart.region("thigh-front-left")
    x, y = thigh.geometry.representative_point().coords[0]
    doc = drawing_doc([square("front", x, y, 1.5)])  # 2.25 cm² inside one big region
    touched = bodymap.compare(doc, "iliopsoas").regions
    assert [r.id for r in touched] == ["thigh-front-left"]
    assert 0.1 * thigh.area > 5.0
    assert pain_observations(fhir_bundle(doc)) == []
    lowered = fhir_bundle(doc, min_area=2.0)
    assert [site_of(o) for o in pain_observations(lowered)] == ["thigh-front-left"]
    assert [site_of(o) for o in pain_observations(fhir_bundle(doc, min_share=0.0))] == [
        "thigh-front-left"
    ]


def test_a_region_is_reported_by_the_libraries_marking_rule():
    assert (measures.MIN_SHARE, measures.MIN_AREA_CM2) == (0.10, 5.0)
    helps = " ".join(runner.invoke(app, ["fhir", "--help"]).stdout.split())
    assert f"0 to 1. [default: {measures.MIN_SHARE};" in helps
    assert f"count. [default: {measures.MIN_AREA_CM2};" in helps
    assert measures.region_counts(5.0, 1000.0) and not measures.region_counts(4.99, 1000.0)
    assert measures.region_counts(1.0, 10.0) and not measures.region_counts(0.99, 10.0)
    assert not measures.region_counts(0.0, 0.0, 0.0, 0.0)


# --- intensity -----------------------------------------------------------------------------


def test_the_intensity_observation_holds_the_highest_intensity():
    doc = drawing_doc(
        [
            region_mark("groin-left", "front", intensity=3),
            region_mark("sacrum", "back", intensity=7.5),
            region_mark("pubic", "front"),
        ]
    )
    bundle = fhir_bundle(doc)
    intensity = [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["system"] == "http://loinc.org"
    ]
    assert len(intensity) == 1
    assert intensity[0]["code"]["coding"][0]["code"] == "72514-3"
    assert intensity[0]["valueQuantity"] == {
        "value": 7.5,
        "unit": "{score}",
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
    }
    assert bundle["entry"][-1]["resource"] is intensity[0]
    whole = fhir_bundle(drawing_doc([region_mark("groin-left", "front", intensity=6)]))
    assert whole["entry"][-1]["resource"]["valueQuantity"]["value"] == 6
    assert isinstance(whole["entry"][-1]["resource"]["valueQuantity"]["value"], int)


def test_no_intensity_observation_without_intensities():
    bundle = fhir_bundle(drawing_doc([region_mark("groin-left", "front")]))
    assert [o["code"]["coding"][0]["code"] for o in resources(bundle, "Observation")] == [
        "22253000"
    ]
    empty = fhir_bundle(drawing_doc([]))
    assert [r["resourceType"] for r in resources(empty)] == ["DocumentReference"]
    Bundle.model_validate(empty)


# --- the attachments -----------------------------------------------------------------------


def test_the_attachments_decode_to_the_geojson_and_a_parsable_svg():
    path = EXAMPLES / "iliopsoas-left.json"
    drawing = bodymap.load_drawing(path)
    (document,) = resources(fhir_bundle(path), "DocumentReference")
    geo, svg = (c["attachment"] for c in document["content"])
    assert (geo["contentType"], svg["contentType"]) == ("application/geo+json", "image/svg+xml")
    for attachment in (geo, svg):
        data = base64.b64decode(attachment["data"], validate=True)
        assert attachment["size"] == len(data)
        assert attachment["hash"] == base64.b64encode(hashlib.sha1(data).digest()).decode()
    text = base64.b64decode(geo["data"]).decode("utf-8")
    assert text == drawing.to_json()
    again = bodymap.load_drawing(json.loads(text))
    assert again.subject == "example-01" and len(again.marks) == len(drawing.marks)
    assert again.area() == pytest.approx(drawing.area())
    root = ET.fromstring(base64.b64decode(svg["data"]))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    figure = bodymap.render(pattern=None, drawing=drawing).to_svg()
    assert base64.b64decode(svg["data"]).decode("utf-8") == figure
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 10


def test_every_observation_points_at_the_document_and_the_urls_are_reproducible():
    path = EXAMPLES / "widespread.json"
    first, second = fhir_bundle(path), fhir_bundle(path)
    assert json.dumps(first) == json.dumps(second)
    urls = [e["fullUrl"] for e in first["entry"]]
    assert len(set(urls)) == len(urls)
    assert all(
        re.fullmatch(
            r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", u
        )
        for u in urls
    )
    for obs in resources(first, "Observation"):
        assert obs["derivedFrom"] == [{"reference": urls[0], "type": "DocumentReference"}]
        assert obs["effectiveDateTime"] == "2026-11-09"
    other = json.loads(path.read_text(encoding="utf-8"))
    other["bodymap"]["subject"] = "example-99"
    assert not set(urls) & {e["fullUrl"] for e in fhir_bundle(other)["entry"]}


def test_recorded_times_become_fhir_times_only_when_they_are():
    (doc,) = resources(fhir_bundle(EXAMPLES / "iliopsoas-left.json"), "DocumentReference")
    assert doc["date"] == "2026-11-02T09:15:00+01:00"  # an instant
    date_only = fhir_bundle(drawing_doc([region_mark("sacrum", "back")], recorded="2026-11-09"))
    assert "date" not in date_only["entry"][0]["resource"]
    assert date_only["entry"][1]["resource"]["effectiveDateTime"] == "2026-11-09"
    free = fhir_bundle(drawing_doc([region_mark("sacrum", "back")], recorded="last tuesday"))
    assert "effectiveDateTime" not in free["entry"][1]["resource"]
    Bundle.model_validate(free)


def test_dutch_texts_and_figure():
    bundle = fhir_bundle(drawing_doc([region_mark("groin-left", "front", intensity=4)]), lang="nl")
    document, pain, intensity = resources(bundle)
    assert document["description"] == "Pijntekening"
    assert pain["bodySite"]["text"] == "Linkerlies"
    assert intensity["code"]["text"] == "Pijnintensiteit (0-10)"
    svg = base64.b64decode(document["content"][1]["attachment"]["data"]).decode()
    assert f">{tr('view.front', 'nl')}<" in svg and f">{tr('view.front', 'en')}<" not in svg
    Bundle.model_validate(bundle)


# --- the subject ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        'pt "1" <script>alert(1)</script> & co',
        "../../etc/passwd",
        "Zoë Ünal-Çelik 病人",
        "x" * 5000,
        " padded ",
        "tab\there",
        "line\nbreak",
        '{"reference": "Patient/1"}',
        "🙂",
    ],
)
def test_hostile_subject_ids_are_kept_exactly_as_identifier_values(subject, tmp_path):
    bundle = fhir_bundle(drawing_doc([region_mark("groin-left", "front")], subject=subject))
    for resource in resources(bundle):
        assert resource["subject"] == {
            "type": "Patient",
            "identifier": {"system": SUBJECT_SYSTEM, "value": subject},
        }
        assert "reference" not in resource["subject"]
    Bundle.model_validate(bundle)
    out = tmp_path / "b.json"
    bodymap.apps.fhir.write_bundle(bundle, out)
    assert json.loads(out.read_text(encoding="utf-8")) == bundle


@pytest.mark.parametrize("subject", ["", "   "])
def test_a_blank_subject_is_no_subject(subject):
    bundle = fhir_bundle(drawing_doc([region_mark("groin-left", "front")], subject=subject))
    assert all("subject" not in r for r in resources(bundle))
    Bundle.model_validate(bundle)


def test_a_subject_with_control_characters_is_refused():
    with pytest.raises(bodymap.DrawingError) as caught:
        fhir_bundle(drawing_doc([region_mark("groin-left", "front")], subject="a\x1b[31mb"))
    assert str(caught.value) == (
        "<drawing>: 'bodymap.subject' holds the control character '\\x1b', which a FHIR "
        "identifier cannot hold"
    )


def test_the_subject_system_is_given_by_the_caller():
    bundle = fhir_bundle(
        drawing_doc([], subject="123"), subject_system="urn:oid:2.16.840.1.113883.2.4.6.3"
    )
    assert (
        bundle["entry"][0]["resource"]["subject"]["identifier"]["system"]
        == "urn:oid:2.16.840.1.113883.2.4.6.3"
    )
    with pytest.raises(bodymap.BodymapError, match=r"\(URI characters only\), not 'my system'$"):
        fhir_bundle(drawing_doc([]), subject_system="my system")


# --- the command line ----------------------------------------------------------------------


def test_cli_writes_drawing_fhir_json_here_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["fhir", str(EXAMPLES / "iliopsoas-right.json"), "--validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    validated, wrote = result.stderr.splitlines()
    assert validated.startswith("validated the bundle against the FHIR R4B (4.3) models of ")
    assert wrote == "wrote iliopsoas-right-fhir.json"
    written = json.loads((tmp_path / "iliopsoas-right-fhir.json").read_text(encoding="utf-8"))
    assert written == fhir_bundle(EXAMPLES / "iliopsoas-right.json")


def test_cli_options(tmp_path):
    out = tmp_path / "bundle.json"
    result = runner.invoke(
        app,
        [
            "fhir",
            str(EXAMPLES / "widespread.json"),
            "-o",
            str(out),
            "--lang",
            "nl",
            "--subject-system",
            "urn:oid:1.2.3",
            "--min-share",
            "0.5",
            "--min-area",
            "1000",
        ],
    )
    assert result.exit_code == 0, result.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle == fhir_bundle(
        EXAMPLES / "widespread.json",
        lang="nl",
        subject_system="urn:oid:1.2.3",
        min_share=0.5,
        min_area=1000,
    )
    assert len(pain_observations(bundle)) < len(
        pain_observations(fhir_bundle(EXAMPLES / "widespread.json"))
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.json"], "Error: nope.json: no such drawing file"),
        (
            ["{drawing}", "-o", "{tmp}/b.txt"],
            "Error: {tmp}/b.txt: unknown bundle format .txt; use .json",
        ),
        (
            ["{drawing}", "-o", "{tmp}/no/b.json"],
            "Error: {tmp}/no/b.json: folder '{tmp}/no' does not exist",
        ),
        (
            ["{drawing}", "-o", "{drawing}"],
            "Error: {drawing}: is also an input; choose another output file",
        ),
        (
            ["{drawing}", "-o", "{tmp}/b.json", "--subject-system", "a b"],
            "Error: the subject identifier system must be an absolute URI such as urn:oid:1.2.3 "
            "(URI characters only), not 'a b'",
        ),
        (
            ["{bad}", "-o", "{tmp}/b.json"],
            "Error: {bad}: feature 0: unknown region 'groin'; did you mean 'groin-left'? "
            "(list them with: bodymap regions --view front)",
        ),
        (
            ["{hostile}", "-o", "{tmp}/b.json"],
            "Error: {hostile}: 'bodymap.subject' holds the control character '\\x07', "
            "which a FHIR identifier cannot hold",
        ),
    ],
)
def test_cli_bad_input_is_one_line_and_writes_nothing(args, message, tmp_path):
    drawing = tmp_path / "d.json"
    drawing.write_text(
        json.dumps(drawing_doc([region_mark("groin-left", "front")])), encoding="utf-8"
    )
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(drawing_doc([region_mark("groin", "front")])), encoding="utf-8")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(drawing_doc([], subject="p\x07")), encoding="utf-8")
    before = drawing.read_bytes()
    names = {"drawing": drawing, "tmp": tmp_path, "bad": bad, "hostile": hostile}
    result = runner.invoke(app, ["fhir", *(a.format(**names) for a in args)])
    assert result.exit_code == 1, result.output
    assert result.stderr == message.format(**names) + "\n"
    assert not (tmp_path / "b.json").exists() and not (tmp_path / "b.txt").exists()
    assert drawing.read_bytes() == before
