"""Generate a seeded synthetic cohort of pain drawings for ``bodymap cohort``.

The cohort mixes three kinds of patient, in roughly these shares:

* 35 % iliopsoas-like: marks in the groin / front of the thigh and the lower back of one side
  (the essential zones of the iliopsoas pattern), sometimes spilling over;
* 45 % other-muscle-like: the same, around the zones of one of the other built-in patterns
  (gluteus medius, quadratus lumborum, hamstrings, ...);
* 20 % widespread pain: several whole chart regions and large shaded areas on both views.

Marks are shaded polygons (irregular blobs), brush strokes (lines with a width) and whole-region
marks, mostly 1-6 per drawing, with a pain intensity and sometimes a quality.  Each drawing
carries ``bodymap`` members ``clinic`` (``"A"`` or ``"B"``; clinic A sees more iliopsoas pain),
``sex`` (``"female"`` or ``"male"``) and ``age`` (18-90 years), and ``groups.csv`` lists the
same as a table, so both ways of grouping can be tried.  (Sex and age come from a random
stream of their own: the drawings of a seed are the same with or without them.)

Run::

    python examples/cohort/generate.py -n 2000 --out examples/cohort/out

It writes ``OUT/cohort.jsonl`` (one drawing per line), ``OUT/drawings/`` (the first
``--files`` drawings as separate files), ``OUT/groups.csv``, ``OUT/more.jsonl`` (``--more``
further drawings) and ``OUT/maps.csv`` (the first ``--codes`` drawings as CHOIR Body Map code
lists, one patient a row: ``id``, ``gender``, ``clinic``, ``age``, ``bodymap_regions_csv``,
female patients in the female numbering), so that every ``bodymap cohort`` line of the README
runs in ``OUT``.  The same seed gives the same files.  :func:`synthetic_drawings` is used by
``bench/bench_cohort.py`` too.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

import bodymap

QUALITIES = ("aching", "burning", "stabbing", "tingling", "numb", None, None)
OTHER_PATTERNS = tuple(n for n in bodymap.pattern_names() if n != "iliopsoas")


class _Sampler:
    """Random points inside polygons, precomputed so generating is fast."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.cache: dict[int, np.ndarray] = {}

    def points(self, geometry: Any, n: int = 400) -> np.ndarray:
        key = id(geometry)
        if key not in self.cache:
            x0, y0, x1, y1 = geometry.bounds
            found: list[np.ndarray] = []
            count = 0
            while count < n:
                xy = self.rng.uniform((x0, y0), (x1, y1), size=(4 * n, 2))
                inside = xy[shapely.contains_xy(geometry, xy[:, 0], xy[:, 1])]
                found.append(inside)
                count += len(inside)
            self.cache[key] = np.concatenate(found)[:n]
        return self.cache[key]

    def point(self, geometry: Any) -> tuple[float, float]:
        pts = self.points(geometry)
        x, y = pts[self.rng.integers(len(pts))]
        return float(x), float(y)


def _round(xy: np.ndarray) -> list[list[float]]:
    return np.round(xy, 2).tolist()  # type: ignore[no-any-return]


def _blob(rng: np.random.Generator, x: float, y: float, size: float) -> dict[str, Any]:
    """An irregular shaded area around (x, y): a wobbly ellipse of 14-36 corners."""
    n = int(rng.integers(14, 37))
    t = np.sort(rng.uniform(0, 2 * math.pi, n))
    rx, ry = size * rng.uniform(0.6, 1.4), size * rng.uniform(0.6, 1.6)
    wobble = 1.0 + 0.18 * rng.standard_normal(n)
    xy = np.column_stack((x + rx * wobble * np.cos(t), y + ry * wobble * np.sin(t)))
    ring = _round(xy)
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def _stroke(rng: np.random.Generator, x: float, y: float, length: float) -> dict[str, Any]:
    """A brush stroke: a smooth random walk of 5-30 points starting near (x, y)."""
    n = int(rng.integers(5, 31))
    heading = rng.uniform(0, 2 * math.pi)
    turns = np.cumsum(rng.normal(0, 0.35, n))
    step = length / n
    xy = np.column_stack(
        (
            x + np.cumsum(step * np.cos(heading + turns)),
            y + np.cumsum(step * np.sin(heading + turns)),
        )
    )
    return {"type": "LineString", "coordinates": _round(xy)}


class CohortMaker:
    """Makes synthetic drawings; one instance per seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = np.random.default_rng(seed)
        self.people = np.random.default_rng((seed, 1))  # sex and age, apart from the drawings
        self.chart = bodymap.load_chart()
        self.sampler = _Sampler(self.rng)
        self.patterns = {n: bodymap.load_pattern(n) for n in ("iliopsoas", *OTHER_PATTERNS)}
        self.regions = {v: self.chart.regions_in(v) for v in self.chart.views}

    def _feature(self, view: str, geometry: dict[str, Any] | None, **props: Any) -> dict[str, Any]:
        properties: dict[str, Any] = {"view": view}
        properties.update({k: v for k, v in props.items() if v is not None})
        rng = self.rng
        properties["intensity"] = int(rng.integers(2, 10))
        quality = QUALITIES[int(rng.integers(len(QUALITIES)))]
        if quality is not None:
            properties["quality"] = quality
        return {"type": "Feature", "properties": properties, "geometry": geometry}

    def _mark_in(self, view: str, geometry: Any, big: bool = False) -> dict[str, Any]:
        """One mark somewhere in ``geometry`` (a zone or region) of ``view``.

        Most patients stay inside the body outline: four times in five a mark that crosses
        it is drawn again, a little smaller (up to four tries); the rest cross it as drawn.
        """
        rng = self.rng
        x, y = self.sampler.point(geometry)
        roll = rng.random()
        careful = rng.random() < 0.8
        outline = self.chart.outline(view)
        scale = 1.0
        if roll < 0.45:
            size = rng.uniform(4.0, 9.0) if big else rng.uniform(1.5, 4.5)
            for _ in range(4):
                blob = _blob(rng, x, y, size * scale)
                shape = shapely.Polygon(blob["coordinates"][0])
                if not careful or not shape.is_valid or outline.covers(shape):
                    break
                scale *= 0.8
            return self._feature(view, blob)
        if roll < 0.85:
            length = rng.uniform(8.0, 30.0) if big else rng.uniform(4.0, 16.0)
            width = round(float(rng.choice((1.0, 1.5, 2.0, 3.0, 4.0))), 1)
            for _ in range(4):
                stroke = _stroke(rng, x, y, length * scale)
                shape = shapely.LineString(stroke["coordinates"]).buffer(width / 2)
                if not careful or outline.covers(shape):
                    break
                scale *= 0.8
            return self._feature(view, stroke, width=width)
        region = self.chart.region_at(view, x, y)
        if region is None:
            return self._feature(view, _blob(rng, x, y, 2.0))
        return self._feature(view, None, region=region.id)

    def _pattern_drawing(self, name: str) -> list[dict[str, Any]]:
        rng = self.rng
        pattern = self.patterns[name]
        side = str(rng.choice(pattern.sides))
        zones = pattern.zones(side)
        essential = [z for z in zones if z.kind == "essential"]
        spill = [z for z in zones if z.kind == "spillover"]
        n = int(rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6)))
        features = []
        for i in range(n):
            pool = spill if spill and (i >= len(essential) and rng.random() < 0.5) else essential
            zone = pool[int(rng.integers(len(pool)))]
            features.append(self._mark_in(zone.view, zone.geometry))
        if rng.random() < 0.1:  # an unrelated extra spot
            view = str(rng.choice(self.chart.views))
            features.append(self._mark_in(view, self.chart.outline(view)))
        return features

    def _widespread(self) -> list[dict[str, Any]]:
        rng = self.rng
        n = int(rng.integers(3, 9))
        features = []
        for _ in range(n):
            view = str(rng.choice(self.chart.views))
            if rng.random() < 0.45:
                regions = self.regions[view]
                region = regions[int(rng.integers(len(regions)))]
                features.append(self._feature(view, None, region=region.id))
            else:
                features.append(self._mark_in(view, self.chart.outline(view), big=True))
        return features

    def drawing(self, i: int) -> dict[str, Any]:
        """The i-th drawing as a GeoJSON document (draw the drawings in order)."""
        rng = self.rng
        clinic = "A" if rng.random() < 0.5 else "B"
        roll = rng.random()
        ilio_share = 0.5 if clinic == "A" else 0.2
        if roll < ilio_share:
            features = self._pattern_drawing("iliopsoas")
        elif roll < 0.8:
            other = OTHER_PATTERNS[int(rng.integers(len(OTHER_PATTERNS)))]
            features = self._pattern_drawing(other)
        else:
            features = self._widespread()
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        return {
            "type": "FeatureCollection",
            "bodymap": {
                "kind": "drawing",
                "version": 1,
                "chart": "adult",
                "subject": f"synth-{i:06d}",
                "recorded": f"2026-{month:02d}-{day:02d}T09:00:00+01:00",
                "clinic": clinic,
                "sex": "female" if self.people.random() < 0.55 else "male",
                "age": int(self.people.integers(18, 91)),
            },
            "features": features,
        }


def synthetic_drawings(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic drawings (GeoJSON dicts); the same seed gives the same drawings."""
    maker = CohortMaker(seed)
    for i in range(n):
        yield maker.drawing(i)


def write_cohort(
    out: Path, n: int, seed: int = 7, files: int = 20, more: int = 0, codes: int = 0
) -> Path:
    """Write ``cohort.jsonl``, ``drawings/*.json`` (the first ``files``), ``groups.csv``,
    ``more.jsonl`` (``more`` further drawings, if any) and ``maps.csv`` (the first ``codes``
    drawings as CHOIR code lists, if any); return the path of ``cohort.jsonl``."""
    out.mkdir(parents=True, exist_ok=True)
    folder = out / "drawings"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    jsonl = out / "cohort.jsonl"
    docs = synthetic_drawings(n + more, seed)
    with (
        jsonl.open("w", encoding="utf-8") as lines,
        (out / "groups.csv").open("w", newline="", encoding="utf-8") as groups,
    ):
        table = csv.writer(groups)
        table.writerow(["subject", "clinic", "sex", "age"])
        first: list[dict[str, Any]] = []
        for i, doc in zip(range(n), docs):
            meta = doc["bodymap"]
            text = json.dumps(doc, separators=(",", ":"))
            lines.write(text + "\n")
            table.writerow([meta["subject"], meta["clinic"], meta["sex"], meta["age"]])
            if i < files:
                (folder / f"{meta['subject']}.json").write_text(
                    json.dumps(doc, indent=1) + "\n", encoding="utf-8"
                )
            if i < codes:
                first.append(doc)
    if more:
        with (out / "more.jsonl").open("w", encoding="utf-8") as lines:
            for doc in docs:
                lines.write(json.dumps(doc, separators=(",", ":")) + "\n")
    if codes:
        write_code_table(out / "maps.csv", first)
    return jsonl


def write_code_table(path: Path, docs: list[dict[str, Any]]) -> None:
    """The drawings as a table of CHOIR Body Map codes, as a registry would export them."""
    scheme = bodymap.load_scheme("choir")
    female = {male: code for code, male in scheme.renumbering.get("female", {}).items()}
    with path.open("w", newline="", encoding="utf-8") as fh:
        table = csv.writer(fh)
        table.writerow(["id", "gender", "clinic", "age", "bodymap_regions_csv"])
        for doc in docs:
            meta = doc["bodymap"]
            found = [share.code for share in bodymap.codes(doc, scheme)]
            if meta["sex"] == "female":
                found = [female.get(code, code) for code in found]
            table.writerow([meta["subject"], meta["sex"], meta["clinic"], meta["age"],
                            ",".join(found)])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="number of drawings (2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (7)")
    parser.add_argument("--files", type=int, default=20, help="also write the first N as files")
    parser.add_argument("--more", type=int, default=100, help="N more drawings in more.jsonl")
    parser.add_argument("--codes", type=int, default=200, help="the first N in maps.csv")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "out", help="output folder"
    )
    args = parser.parse_args()
    path = write_cohort(args.out, args.n, args.seed, args.files, args.more, args.codes)
    print(path)


if __name__ == "__main__":
    main()
