"""The clinical codes bodymap writes, each with its display and the published list it is from.

The FHIR export (:mod:`bodymap.apps.fhir`) codes pain, its intensity, the body site of every
chart region and the site's laterality with SNOMED CT and LOINC concepts.  Every code it
writes is a :class:`Code` in this table, with the display of the published code list and the
address of the page that lists it, so each one can be checked by hand; the tests check the
chart's SNOMED CT codes and every code of an exported bundle against this table.  The code
system URIs are the ones HL7 FHIR R4 defines (https://hl7.org/fhir/R4/terminologies-systems.html).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "BODY_SITES",
    "LATERALITY",
    "LATERALITY_ATTRIBUTE",
    "LOINC",
    "OBSERVATION_CATEGORY",
    "PAIN",
    "PAIN_SEVERITY",
    "SNOMED_CT",
    "SURVEY",
    "UCUM",
    "BodySite",
    "Code",
    "known_code",
]

#: SNOMED CT (https://hl7.org/fhir/R4/snomedct.html).
SNOMED_CT = "http://snomed.info/sct"
#: LOINC (https://hl7.org/fhir/R4/loinc.html).
LOINC = "http://loinc.org"
#: UCUM units (https://hl7.org/fhir/R4/ucum.html).
UCUM = "http://unitsofmeasure.org"
#: HL7's observation categories (https://hl7.org/fhir/R4/codesystem-observation-category.html).
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


@dataclass(frozen=True)
class Code:
    """One code of a published code system.

    Attributes
    ----------
    system
        The code system URI (``http://snomed.info/sct``, ``http://loinc.org``, ...).
    code
        The code.
    display
        Its display text as the code list gives it.
    source
        The address of the published page that lists the code with this display.
    """

    system: str
    code: str
    display: str
    source: str

    def coding(self) -> dict[str, str]:
        """The code as a FHIR ``Coding`` (``system``, ``code``, ``display``)."""
        return {"system": self.system, "code": self.code, "display": self.display}


@dataclass(frozen=True)
class BodySite:
    """A SNOMED CT body structure and the laterality its meaning already includes.

    ``laterality`` is ``"left"`` or ``"right"`` for a concept that names one side (``Left
    inguinal region``), ``None`` for one that does not (``Buttock``): the export then adds the
    region's side as a laterality qualifier.
    """

    code: Code
    laterality: str | None = None


def _snomed(code: str, display: str, source: str | None = None) -> Code:
    # The SNOMED CT URI of a concept (http://snomed.info/id/<id>) opens the concept in the
    # SNOMED International browser (https://browser.ihtsdotools.org); a code checked in a
    # published value set names that page as its source instead.
    return Code(SNOMED_CT, code, display, source or f"http://snomed.info/id/{code}")


# Published value sets that list the chart's body structures with these displays (the IHE
# mobile Paramedicine Summary of Care guide, https://profiles.ihe.net/PCC/mPSC, and the
# Belgian eReferral body-site value set, both built by the FHIR IG publisher).
_IHE = "https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of."
# IHE *Physical Finding of Extremities Target Site Value Set*.
_IHE_EXTREMITIES = _IHE + "Extremities.TargetSite.VS.xml.html"
# IHE *Physical Finding of Chest Target Site Value Set*.
_IHE_CHEST = _IHE + "Chest.TargetSite.VS.html"
# IHE *Physical Finding of Abdomen Target Site Value Set*.
_IHE_ABDOMEN = _IHE + "Abdomen.TargetSite.VS.html"
# IHE *Physical Finding of Back and Spine Target Site Value Set* (the page's id is the
# guide's own, ``Physical.Finding.of.Pupil.TargetSite.VS``).
_IHE_BACK = _IHE + "Pupil.TargetSite.VS.html"
# eHealth Belgium *eReferral Body Site* value set (``be-vs-body-site``).
_BE_BODY_SITE = (
    "https://build.fhir.org/ig/hl7-be/referral/branches/care-proposal/en/"
    "ValueSet-be-vs-body-site.html"
)


#: Pain (finding): the code of every pain-location Observation, with the region as body site.
#: Listed in the SNOMED CT International Edition, http://snomed.info/id/22253000.
PAIN = _snomed("22253000", "Pain")
#: Pain severity on the 0-10 numeric rating scale, as reported by the patient.
PAIN_SEVERITY = Code(
    LOINC,
    "72514-3",
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    "https://loinc.org/72514-3",
)
#: The observation category of what a patient reports on a form (a pain drawing).
SURVEY = Code(
    OBSERVATION_CATEGORY,
    "survey",
    "Survey",
    "https://hl7.org/fhir/R4/codesystem-observation-category.html",
)
#: The SNOMED CT concept-model attribute of a post-coordinated laterality (``site:272741003=side``).
LATERALITY_ATTRIBUTE = _snomed("272741003", "Laterality")
#: The laterality qualifiers by region side (a midline region has none: it is not lateralised).
#: The three SNOMED CT side qualifiers are listed in the HL7 Europe laterality value set,
#: https://build.fhir.org/ig/hl7-eu/base/ValueSet-siteLaterality-eu.html (7771000 Left,
#: 24028007 Right, 51440002 Right and left); bodymap writes Left and Right only.
LATERALITY: Mapping[str, Code] = MappingProxyType(
    {"left": _snomed("7771000", "Left"), "right": _snomed("24028007", "Right")}
)

#: The SNOMED CT body structures of the adult chart's regions (``shapes/chart-adult.json``), by
#: code; the displays are the chart's terms.  The first codes were checked in the SNOMED CT
#: International Edition (http://snomed.info/id/<code>); 27033000 *Lower abdomen structure* is
#: also in the HL7 Switzerland period-pain body-site value set,
#: https://build.fhir.org/ig/ahdis/ch-ig/branches/mz_wff_hmb/ValueSet-period-pain-body-sites.html.
#: The others were checked, code and display, in the published value set each names as its
#: ``source`` (IHE mPSC target-site value sets, the Belgian eReferral body-site value set).
BODY_SITES: Mapping[str, BodySite] = MappingProxyType(
    {
        "85119005": BodySite(_snomed("85119005", "Left inguinal region"), "left"),
        "37117007": BodySite(_snomed("37117007", "Right inguinal region"), "right"),
        "1017210004": BodySite(_snomed("1017210004", "Left lumbar region of back"), "left"),
        "1017211000": BodySite(_snomed("1017211000", "Right lumbar region of back"), "right"),
        "61396006": BodySite(_snomed("61396006", "Left thigh"), "left"),
        "11207009": BodySite(_snomed("11207009", "Right thigh"), "right"),
        "46862004": BodySite(_snomed("46862004", "Buttock")),
        "29836001": BodySite(_snomed("29836001", "Hip region")),
        "27033000": BodySite(_snomed("27033000", "Lower abdomen")),
        # Checked in the published value sets named as each code's source.
        "69536005": BodySite(_snomed("69536005", "Head structure", _BE_BODY_SITE)),
        "89545001": BodySite(_snomed("89545001", "Face structure", _BE_BODY_SITE)),
        "45048000": BodySite(_snomed("45048000", "Neck structure", _BE_BODY_SITE)),
        "76853006": BodySite(_snomed("76853006", "Heel structure", _BE_BODY_SITE)),
        "244015008": BodySite(_snomed("244015008", "Entire calf of leg", _BE_BODY_SITE)),
        "91775009": BodySite(
            _snomed("91775009", "Structure of left shoulder region", _IHE_EXTREMITIES), "left"
        ),
        "91774008": BodySite(
            _snomed("91774008", "Structure of right shoulder region", _IHE_EXTREMITIES), "right"
        ),
        "368208006": BodySite(
            _snomed("368208006", "Left upper arm structure", _IHE_EXTREMITIES), "left"
        ),
        "368209003": BodySite(
            _snomed("368209003", "Right upper arm structure", _IHE_EXTREMITIES), "right"
        ),
        "368148009": BodySite(
            _snomed("368148009", "Left elbow region structure", _IHE_EXTREMITIES), "left"
        ),
        "368149001": BodySite(
            _snomed("368149001", "Right elbow region structure", _IHE_EXTREMITIES), "right"
        ),
        "66480008": BodySite(
            _snomed("66480008", "Structure of left forearm", _IHE_EXTREMITIES), "left"
        ),
        "64262003": BodySite(
            _snomed("64262003", "Structure of right forearm", _IHE_EXTREMITIES), "right"
        ),
        "5951000": BodySite(
            _snomed("5951000", "Structure of left wrist region", _IHE_EXTREMITIES), "left"
        ),
        "9736006": BodySite(
            _snomed("9736006", "Structure of right wrist region", _IHE_EXTREMITIES), "right"
        ),
        "368456002": BodySite(_snomed("368456002", "Entire left hand", _IHE_EXTREMITIES), "left"),
        "368455003": BodySite(_snomed("368455003", "Entire right hand", _IHE_EXTREMITIES), "right"),
        "82169009": BodySite(
            _snomed("82169009", "Structure of left knee region", _IHE_EXTREMITIES), "left"
        ),
        "6757004": BodySite(
            _snomed("6757004", "Structure of right knee region", _IHE_EXTREMITIES), "right"
        ),
        "48979004": BodySite(
            _snomed("48979004", "Structure of left lower leg", _IHE_EXTREMITIES), "left"
        ),
        "32696007": BodySite(
            _snomed("32696007", "Structure of right lower leg", _IHE_EXTREMITIES), "right"
        ),
        "51636004": BodySite(
            _snomed("51636004", "Structure of left ankle", _IHE_EXTREMITIES), "left"
        ),
        "6685009": BodySite(
            _snomed("6685009", "Structure of right ankle", _IHE_EXTREMITIES), "right"
        ),
        "239919000": BodySite(_snomed("239919000", "Entire left foot", _IHE_EXTREMITIES), "left"),
        "239830003": BodySite(_snomed("239830003", "Entire right foot", _IHE_EXTREMITIES), "right"),
        "1290343009": BodySite(
            _snomed("1290343009", "Structure of left half of anterior chest wall", _IHE_CHEST),
            "left",
        ),
        "1290342004": BodySite(
            _snomed("1290342004", "Structure of right half of anterior chest wall", _IHE_CHEST),
            "right",
        ),
        "788647001": BodySite(
            _snomed("788647001", "Structure of left half of posterior chest wall", _IHE_CHEST),
            "left",
        ),
        "788648006": BodySite(
            _snomed("788648006", "Structure of right half of posterior chest wall", _IHE_CHEST),
            "right",
        ),
        "302553009": BodySite(_snomed("302553009", "Entire abdomen", _IHE_ABDOMEN)),
        "77568009": BodySite(_snomed("77568009", "Structure of back of trunk", _IHE_BACK)),
        "1144746008": BodySite(
            _snomed("1144746008", "Structure of sacral vertebral column region", _IHE_BACK)
        ),
    }
)


def known_code(system: str, code: str) -> Code | None:
    """The table's :class:`Code` for ``system`` and ``code``, or ``None`` if it is not listed.

    Parameters
    ----------
    system
        A code system URI.
    code
        A code of that system.

    Returns
    -------
    Code or None
        The listed code, with its display and source.
    """
    listed = [PAIN, PAIN_SEVERITY, SURVEY, LATERALITY_ATTRIBUTE, *LATERALITY.values()]
    listed += [site.code for site in BODY_SITES.values()]
    for entry in listed:
        if entry.system == system and entry.code == code:
            return entry
    return None
