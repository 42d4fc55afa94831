"""Benchmark: compare generated pain drawings with the iliopsoas pattern.

Generates N seeded random drawings (shaded blobs, brush strokes and whole regions, a third of
them around the iliopsoas zones so that overlaps are realistic), checks them as the loader
does, compares each with the iliopsoas pattern (best side, so both sides are measured) and
prints drawings per second; then times ``bodymap compare`` as a whole process (a few
repeats, the median).

    .venv/bin/python bench/bench_compare.py            # 10,000 drawings
    .venv/bin/python bench/bench_compare.py -n 1000 --repeats 3
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import bodymap
from bodymap.analysis.comparison import compare
from bodymap.model.reader import load_drawing

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "drawings" / "iliopsoas-left.json"

# Centres (view, x, y) near the iliopsoas zones, left side; mirrored at random.
HOTSPOTS = [("front", 8.0, 90.0), ("front", 8.5, 78.0), ("back", -4.0, 105.0), ("back", -6, 95)]


def blob(rng: np.random.Generator, cx: float, cy: float) -> list[list[float]]:
    n = int(rng.integers(24, 64))
    rx, ry = rng.uniform(1.5, 9.0, size=2)
    angle = rng.uniform(0, math.pi)
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    wobble = 1 + 0.15 * np.sin(3 * t + rng.uniform(0, 6))
    x = rx * wobble * np.cos(t)
    y = ry * wobble * np.sin(t)
    xr = cx + x * math.cos(angle) - y * math.sin(angle)
    yr = cy + x * math.sin(angle) + y * math.cos(angle)
    ring = np.round(np.column_stack([xr, yr]), 2).tolist()
    return [*ring, ring[0]]


def stroke(rng: np.random.Generator, cx: float, cy: float) -> list[list[float]]:
    n = int(rng.integers(3, 12))
    steps = rng.normal(0, 1.5, size=(n, 2)) + rng.normal(0, 1.5, size=2)
    xy = np.cumsum(steps, axis=0) + np.array([cx, cy])
    return np.round(xy, 2).tolist()  # type: ignore[no-any-return]


def generate(rng: np.random.Generator, chart: bodymap.Chart) -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    near = rng.random() < 0.35
    mirror = -1.0 if rng.random() < 0.5 else 1.0
    regions = chart.regions
    for _ in range(int(rng.integers(1, 7))):
        if near:
            view, cx, cy = HOTSPOTS[int(rng.integers(len(HOTSPOTS)))]
            cx, cy = mirror * cx + rng.normal(0, 2), cy + rng.normal(0, 3)
        else:
            view = "front" if rng.random() < 0.5 else "back"
            cx, cy = rng.uniform(-25, 25), rng.uniform(10, 165)
        props: dict[str, Any] = {"view": view, "intensity": int(rng.integers(0, 11))}
        kind = rng.random()
        if kind < 0.55:
            geometry: Any = {"type": "Polygon", "coordinates": [blob(rng, cx, cy)]}
        elif kind < 0.9:
            geometry = {"type": "LineString", "coordinates": stroke(rng, cx, cy)}
            props["width"] = round(float(rng.uniform(1, 5)), 1)
        else:
            region = regions[int(rng.integers(len(regions)))]
            props["view"], props["region"], geometry = region.view, region.id, None
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "chart": "adult"},
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of drawings")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--repeats", type=int, default=5, help="runs of the CLI process")
    args = parser.parse_args()

    chart = bodymap.load_chart()
    pattern = bodymap.load_pattern("iliopsoas")
    rng = np.random.default_rng(args.seed)
    docs = [generate(rng, chart) for _ in range(args.n)]
    vertices = sum(
        len(np.asarray(f["geometry"]["coordinates"]).reshape(-1, 2))
        for d in docs
        for f in d["features"]
        if f["geometry"] is not None
    )
    compare(load_drawing(docs[0]), pattern)  # warm the caches (chart, pattern unions)

    # Wall time, and the process's CPU time (steadier on a busy machine; bodymap is single
    # threaded, so on an idle machine the two agree).
    w0, c0 = time.perf_counter(), time.process_time()
    drawings = [load_drawing(d) for d in docs]
    w1, c1 = time.perf_counter(), time.process_time()
    results = [compare(d, pattern, side="best") for d in drawings]
    w2, c2 = time.perf_counter(), time.process_time()
    dice = np.array([r.dice or 0.0 for r in results])
    print(f"{args.n:,} drawings, {sum(len(d['features']) for d in docs):,} marks, ", end="")
    print(f"{vertices:,} vertices (seed {args.seed})")
    print("                    wall clock               CPU time")
    for label, wall, cpu in (
        ("load + validate", w1 - w0, c1 - c0),
        ("compare (best) ", w2 - w1, c2 - c1),
        ("load + compare ", w2 - w0, c2 - c0),
    ):
        print(
            f"{label} : {args.n / wall:7,.0f} drawings/s ({wall:5.2f} s)"
            f"   {args.n / cpu:7,.0f} drawings/s ({cpu:5.2f} s)"
        )
    print(f"dice > 0: {np.mean(dice > 0):.0%}, mean dice {dice.mean():.3f}")

    if args.repeats < 1:
        return
    exe = Path(sys.executable).with_name("bodymap")
    cmd = [str(exe), "compare", str(EXAMPLE), "--json"]
    times = []
    for _ in range(args.repeats):
        s = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - s)
    print(
        f"bodymap compare (whole process, {args.repeats} runs): "
        f"median {statistics.median(times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
