"""Region schemes: named sets of coded areas on a body chart, and drawings made from codes.

A :class:`Scheme` is a set of :class:`SchemeArea` objects, each with a code (``"101"``,
``"jaw-left"``), names in English and Dutch, a side and its polygons on one view or on both.
Built in are ``bodymap`` (the chart's own regions, built from the chart when it is loaded),
``choir`` (the 74 segments of the CHOIR Body Map, registered onto the adult chart, with the
REDCap codes ``f01``-``f36``/``b01``-``b38`` as aliases and the female renumbering),
``michigan`` (the 35 areas of the Michigan Body Map, Brummett et al. 2016, with the REDCap
Image Map keys ``0``-``34`` as aliases) and ``wpi`` (the 19 areas of the Widespread Pain
Index, grouped into the five ACR 2016 regions);
a user's own scheme file works too (see ``shapes/README.md``).  :meth:`Scheme.resolve` turns
a list of codes into the scheme's codes, and :func:`from_codes` a list of codes into a
:class:`~bodymap.model.drawing.Drawing` whose marks are the areas' polygons.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon

from bodymap.core.bounds import invisible_char
from bodymap.core.choices import BODY_AREAS, REGION_SIDES, SEXES, check, check_lang
from bodymap.core.errors import CodeError, DataError, UnknownNameError, match_name
from bodymap.core.text import show_value as _show
from bodymap.model.chart import Chart, load_chart, named_chart
from bodymap.model.data import (
    builtin_names,
    data_geometry,
    load_cached,
    looks_like_path,
    text_member,
    texts_member,
)
from bodymap.model.drawing import Drawing, Mark

__all__ = [
    "CHART_SCHEME",
    "Scheme",
    "SchemeArea",
    "from_codes",
    "load_scheme",
    "parse_sex",
    "scheme_names",
    "split_codes",
]

Polygonal = Polygon | MultiPolygon
#: The name of the scheme made of the chart's own regions.
CHART_SCHEME = "bodymap"
#: How a table may spell each sex (any case).
_SEX_SPELLINGS = {"male": "male", "m": "male", "female": "female", "f": "female"}


@dataclass(frozen=True, eq=False)
class SchemeArea:
    """One coded area of a region scheme.

    Attributes
    ----------
    code
        The area's code in the scheme (``"101"``, ``"jaw-left"``, ``"groin-left"``).
    names
        Display names by language code.
    side
        ``"left"``, ``"right"`` or ``"midline"`` (the patient's side).
    parts
        The area's polygon on each view it lies on, in chart cm.
    body_area
        The body area (see :data:`~bodymap.core.choices.BODY_AREAS`), or ``None``.
    group
        The group of areas it belongs to (the ACR 2016 region of a WPI area), or ``None``.
    generalized
        Whether it counts towards the generalized-pain criterion (WPI areas only).
    """

    code: str
    names: Mapping[str, str]
    side: str
    parts: Mapping[str, Polygonal]
    body_area: str | None = None
    group: str | None = None
    generalized: bool = True

    def name(self, lang: str = "en") -> str:
        """Display name in ``lang`` (``"en"`` or ``"nl"``)."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.code

    @property
    def views(self) -> tuple[str, ...]:
        """The views the area lies on."""
        return tuple(self.parts)

    @property
    def view(self) -> str:
        """The area's view, or ``"both"`` for an area on the front and the back."""
        return self.views[0] if len(self.parts) == 1 else "both"

    @property
    def area(self) -> float:
        """Area in cm², all views together."""
        return float(sum(g.area for g in self.parts.values()))

    def to_dict(self) -> dict[str, Any]:
        """The area's record as ``bodymap schemes NAME --json`` prints it.

        Keys: ``code``, ``view``, ``side``, ``names``, ``area_cm2`` (rounded to 0.1), and
        where the scheme has them ``body_area``, ``group`` and ``generalized``.
        """
        out: dict[str, Any] = {
            "code": self.code,
            "view": self.view,
            "side": self.side,
            "names": dict(self.names),
            "area_cm2": round(self.area, 1),
        }
        if self.body_area is not None:
            out["body_area"] = self.body_area
        if self.group is not None:
            out["group"] = self.group
            out["generalized"] = self.generalized
        return out


@dataclass(frozen=True, eq=False)
class Scheme:
    """A region scheme: coded areas on a chart.  Use :func:`load_scheme` to get one."""

    name: str
    title: Mapping[str, str]
    chart: Chart
    areas: tuple[SchemeArea, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    renumbering: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    groups: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None
    _by_code: Mapping[str, SchemeArea] = field(default_factory=dict, repr=False)
    _order: Mapping[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", MappingProxyType({a.code: a for a in self.areas}))
        object.__setattr__(self, "_order", {a.code: i for i, a in enumerate(self.areas)})

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes, in scheme order."""
        return tuple(self._order)

    def area(self, code: str) -> SchemeArea:
        """The area with ``code`` (a scheme code, not an alias)."""
        try:
            return self._by_code[code]
        except KeyError:
            raise CodeError(self.name, [code]) from None

    def title_in(self, lang: str = "en") -> str:
        """The scheme's title in ``lang``."""
        return self.title.get(check_lang(lang)) or self.title.get("en") or self.name

    def resolve(self, codes: str | Iterable[str], sex: str | None = None) -> tuple[str, ...]:
        """The scheme codes a list of codes stands for, in scheme order, each once.

        Parameters
        ----------
        codes
            A comma-separated string (``"101, f02,b07"``) or an iterable of codes; scheme
            codes and aliases (the REDCap codes of the ``choir`` scheme) in any mix and case.
            Empty items are ignored: ``""`` is the empty list (no pain).
        sex
            ``"male"`` (the default numbering) or ``"female"``: the scheme's female
            renumbering is applied (after aliases are resolved).

        Raises
        ------
        CodeError
            Naming every code the scheme does not have.
        UnknownNameError
            For an unknown sex.
        """
        items = split_codes(codes) if isinstance(codes, str) else [str(c).strip() for c in codes]
        renumber = self.renumbering.get(check("sex", sex, SEXES), {}) if sex else {}
        found: set[str] = set()
        bad: list[str] = []
        for item in items:
            if not item:
                continue
            code = self._canonical(item)
            if code is None:
                bad.append(item)
                continue
            found.add(renumber.get(code, code))
        if bad:
            raise CodeError(self.name, dict.fromkeys(bad))
        return tuple(sorted(found, key=self._order.__getitem__))

    def _canonical(self, item: str) -> str | None:
        if item in self._by_code:
            return item
        alias = self.aliases.get(item.lower())
        if alias is not None:
            return alias
        lowered = item.lower()
        return lowered if lowered in self._by_code else None

    def to_dict(self) -> dict[str, Any]:
        """The scheme as ``bodymap schemes NAME --json`` prints it."""
        out: dict[str, Any] = {
            "name": self.name,
            "title": dict(self.title),
            "chart": self.chart.name,
            "areas": [a.to_dict() for a in self.areas],
        }
        if self.groups:
            out["groups"] = {k: dict(v) for k, v in self.groups.items()}
        if self.aliases:
            out["aliases"] = dict(self.aliases)
        if self.renumbering:
            out["renumbering"] = {k: dict(v) for k, v in self.renumbering.items()}
        credit = self.meta.get("credit")
        if isinstance(credit, str):
            out["credit"] = credit
        return out


def split_codes(text: str) -> list[str]:
    """The items of a comma-separated code list, stripped (empty items dropped)."""
    return [item.strip() for item in text.split(",") if item.strip()]


def parse_sex(value: str | None) -> str | None:
    """``"male"``/``"female"`` from ``male``, ``female``, ``m`` or ``f`` in any case.

    ``None`` and blank text give ``None``; anything else is a :class:`UnknownNameError`.
    """
    if value is None or not value.strip():
        return None
    sex = _SEX_SPELLINGS.get(value.strip().lower())
    if sex is None:
        raise UnknownNameError("sex", value, ("female", "male", "f", "m"))
    return sex


def scheme_names() -> tuple[str, ...]:
    """The built-in schemes: ``bodymap`` first, then the scheme files, sorted."""
    return (CHART_SCHEME, *builtin_names("scheme"))


def _chart_scheme(chart: Chart) -> Scheme:
    areas = tuple(
        SchemeArea(
            code=r.id,
            names=r.names,
            side=r.side,
            parts=MappingProxyType({r.view: r.geometry}),
            body_area=r.body_area,
        )
        for r in chart.regions
    )
    return Scheme(
        name=CHART_SCHEME,
        title=MappingProxyType({"en": "Chart regions", "nl": "Regio's van de kaart"}),
        chart=chart,
        areas=areas,
        path=chart.path,
    )


_CHART_SCHEMES: dict[int, Scheme] = {}


def load_scheme(
    name_or_path: str | os.PathLike[str] = CHART_SCHEME,
    chart: str | os.PathLike[str] | Chart = "adult",
) -> Scheme:
    """Load a region scheme.

    Parameters
    ----------
    name_or_path
        ``"bodymap"`` (the chart's own regions, the default), ``"choir"``, ``"michigan"``,
        ``"wpi"``, or the path of a scheme file.
    chart
        The chart of the ``bodymap`` scheme.  A scheme file names its own chart: a built-in
        one, or this one (a chart file named inside a scheme file is never opened).

    Returns
    -------
    Scheme
        The scheme (cached: loading an unchanged file again returns the same object).

    Raises
    ------
    UnknownNameError
        For an unknown built-in name (the message lists the valid ones).
    DataError
        For a missing or malformed scheme file.
    """
    if not isinstance(name_or_path, os.PathLike) and not looks_like_path(str(name_or_path)):
        name_or_path = match_name("scheme", str(name_or_path), scheme_names())
    if not isinstance(name_or_path, os.PathLike) and str(name_or_path) == CHART_SCHEME:
        the_chart = chart if isinstance(chart, Chart) else load_chart(chart)
        key = id(the_chart)
        if key not in _CHART_SCHEMES:
            _CHART_SCHEMES[key] = _chart_scheme(the_chart)
        return _CHART_SCHEMES[key]
    given = chart if isinstance(chart, Chart) else load_chart(chart)
    return load_cached("scheme", name_or_path, _scheme_builder(given))


@lru_cache(maxsize=32)
def _scheme_builder(given: Chart) -> partial[Scheme]:
    """The builder of scheme files whose chart may be ``given`` (one object per chart)."""
    return partial(scheme_from_dict, chart=given)


#: Characters a code may not hold: they separate codes in lists (``,`` and ``;``).
_CODE_SEPARATORS = frozenset(",;")


def _code_problem(code: str) -> str | None:
    """What makes ``code`` unreadable in a printed code list, or ``None``.

    A list of codes is printed comma-separated and read back (``bodymap codes``), so a code
    may not hold a separator, a control character (escape sequences, newlines) or an
    invisible format character (right-to-left overrides, zero-width spaces), nor begin or
    end with white space.
    """
    if code != code.strip():
        return "begins or ends with white space"
    separator = next((c for c in code if c in _CODE_SEPARATORS), None)
    if separator is not None:
        return f"holds {separator!r}, which separates codes in a list"
    hidden = invisible_char(code)
    if hidden is not None:
        return f"holds the invisible character U+{ord(hidden):04X}"
    return None


def _texts_by_key(where: Path, raw: Any, what: str) -> dict[str, Mapping[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataError(f"{where}: {what} must be an object, not {_show(raw)}")
    return {
        str(k): MappingProxyType(texts_member(where, v, f"{what} {k!r}")) for k, v in raw.items()
    }


def scheme_from_dict(
    doc: dict[str, Any], path: Path | None = None, chart: Chart | None = None
) -> Scheme:
    """Build a :class:`Scheme` from a parsed scheme document (see ``shapes/README.md``).

    The document's ``bodymap.chart`` names a built-in chart or ``chart``, the chart given
    explicitly (see :func:`~bodymap.model.chart.named_chart`).  Codes and their aliases
    that a printed code list could not hold (see :func:`_code_problem`) are refused.

    Raises
    ------
    DataError
        Naming the file, for any malformed member.
    """
    where = path if path is not None else Path("<scheme>")
    meta = doc["bodymap"]
    name = text_member(where, meta.get("name"), "'bodymap.name'", where.stem)
    chart_name = text_member(where, meta.get("chart"), "'bodymap.chart'", "adult")
    try:
        chart = named_chart(chart_name, chart)
    except (DataError, UnknownNameError) as exc:
        raise DataError(f"{where}: {exc}") from None
    parts: dict[str, dict[str, Polygonal]] = {}
    props_of: dict[str, dict[str, Any]] = {}
    for index, feature in enumerate(doc["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise DataError(f"{where}: feature {index}: not a GeoJSON Feature with properties")
        props = feature["properties"]
        code = props.get("code")
        if not isinstance(code, str) or not code.strip():
            raise DataError(f"{where}: feature {index}: 'code' must be text, not {_show(code)}")
        problem = _code_problem(code)
        if problem is not None:
            raise DataError(f"{where}: feature {index}: code {_show(code)} {problem}")
        view = props.get("view")
        if view not in chart.views:
            raise DataError(
                f"{where}: area {code!r}: unknown view {_show(view)}; "
                f"choose from: {', '.join(chart.views)}"
            )
        geometry = data_geometry(
            where, feature.get("geometry"), ("Polygon", "MultiPolygon"), f"area {code!r}"
        )
        if not geometry.is_valid or geometry.is_empty:
            raise DataError(f"{where}: area {code!r}: geometry must be a valid (Multi)Polygon")
        assert isinstance(geometry, (Polygon, MultiPolygon))
        if view in parts.setdefault(code, {}):
            raise DataError(f"{where}: area {code!r}: two features on the {view} view")
        shapely.prepare(geometry)
        parts[code][view] = geometry
        first = props_of.setdefault(code, props)
        if first is not props and (first.get("side"), first.get("names")) != (
            props.get("side"),
            props.get("names"),
        ):
            raise DataError(f"{where}: area {code!r}: its features differ in side or names")
    groups = _texts_by_key(where, meta.get("groups"), "'bodymap.groups'")
    areas = []
    for code, props in props_of.items():
        side = props.get("side")
        if side not in REGION_SIDES:
            raise DataError(f"{where}: area {code!r}: side must be one of {REGION_SIDES}")
        body_area = props.get("body_area")
        if body_area is not None and body_area not in BODY_AREAS:
            raise DataError(
                f"{where}: area {code!r}: body_area must be one of {', '.join(BODY_AREAS)}"
            )
        group = props.get("group")
        if group is not None and group not in groups:
            raise DataError(f"{where}: area {code!r}: group {_show(group)} is not in 'groups'")
        generalized = props.get("generalized", True)
        if not isinstance(generalized, bool):
            raise DataError(f"{where}: area {code!r}: 'generalized' must be true or false")
        areas.append(
            SchemeArea(
                code=code,
                names=MappingProxyType(texts_member(where, props.get("names"), f"area {code!r}")),
                side=side,
                parts=MappingProxyType(
                    {v: parts[code][v] for v in chart.views if v in parts[code]}
                ),
                body_area=body_area,
                group=group,
                generalized=generalized,
            )
        )
    by_code = {a.code for a in areas}
    aliases = _code_map(where, meta.get("aliases"), "'bodymap.aliases'", by_code)
    renumbering = {
        sex: MappingProxyType(_code_map(where, table, f"renumbering {sex!r}", by_code))
        for sex, table in _object(where, meta.get("renumbering"), "'bodymap.renumbering'").items()
    }
    for sex in renumbering:
        check("sex", sex, SEXES)
    return Scheme(
        name=name,
        title=MappingProxyType(texts_member(where, meta.get("title"), "'bodymap.title'")),
        chart=chart,
        areas=tuple(areas),
        aliases=MappingProxyType({k.lower(): v for k, v in aliases.items()}),
        renumbering=MappingProxyType(renumbering),
        groups=MappingProxyType(groups),
        meta=MappingProxyType({k: v for k, v in meta.items() if k not in ("aliases",)}),
        path=path,
    )


def _object(where: Path, raw: Any, what: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataError(f"{where}: {what} must be an object, not {_show(raw)}")
    return raw


def _code_map(where: Path, raw: Any, what: str, codes: set[str]) -> dict[str, str]:
    table = _object(where, raw, what)
    for key, value in table.items():
        problem = _code_problem(key)
        if problem is not None:
            raise DataError(f"{where}: {what}: code {_show(key)} {problem}")
        if value not in codes:
            raise DataError(f"{where}: {what}: {key!r} maps to {_show(value)}, not a code")
    return dict(table)


def from_codes(
    codes: str | Iterable[str],
    scheme: str | os.PathLike[str] | Scheme = "choir",
    sex: str | None = None,
    subject: str | None = None,
) -> Drawing:
    """A pain drawing that marks the areas of a list of codes.

    Parameters
    ----------
    codes
        A comma-separated string or an iterable of codes (see :meth:`Scheme.resolve`).
    scheme
        The scheme the codes are of (a name, a file or a loaded :class:`Scheme`).
    sex
        ``"male"``, ``"female"`` (the female renumbering), or ``m``/``f`` in any case.
    subject
        The drawing's subject id.

    Returns
    -------
    Drawing
        One mark per area and view, its polygon as geometry, each feature recording
        ``scheme`` and ``code`` in its properties; no marks for an empty list.

    Raises
    ------
    CodeError
        Naming the codes the scheme does not have.
    """
    the_scheme = scheme if isinstance(scheme, Scheme) else load_scheme(scheme)
    resolved = the_scheme.resolve(codes, parse_sex(sex))
    marks = []
    for code in resolved:
        area = the_scheme.area(code)
        for view, geometry in area.parts.items():
            marks.append(
                Mark(
                    view=view,
                    geometry=geometry,
                    properties={"view": view, "scheme": the_scheme.name, "code": code},
                )
            )
    meta: dict[str, Any] = {"kind": "drawing", "version": 1, "chart": the_scheme.chart.name}
    if subject is not None:
        meta["subject"] = subject
    return Drawing(marks=tuple(marks), meta=meta, given_chart=the_scheme.chart)
