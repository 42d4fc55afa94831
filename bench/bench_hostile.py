"""Benchmark of issue 10: the worst time and peak memory over a set of pathological drawings.

Each drawing file (all under 1 MB) is written to a temporary folder and read by a fresh Python
process that loads it, measures it (``area()``, which repairs and clips every mark) and
compares it with the iliopsoas pattern (both sides), exactly what ``bodymap compare`` does; the
process reports its time for that work (imports excluded) and its outcome (``ok`` or the
error's message), and the peak resident memory of the process is taken from ``os.wait4``.
Each child runs under a memory cap (``--cap-mb``, default 3,000) and a timeout (``--timeout``,
default 30 s), so that a release without the bounds cannot take the machine down.

Run: ``python bench/bench_hostile.py [--only NAME ...] [--timeout 30]``.  The targets: every
file read, repaired or refused in under 2 s and under 500 MB.
``python bench/bench_hostile.py --many-groups`` instead runs ``bodymap cohort`` with hundreds
of groups (a code table of 1,000 clinics, ``--by subject``, 300 groups with ``--cell-map``)
and prints each run's peak memory (target: under 1,000 MB).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
import bodymap
path = sys.argv[1]
t0 = time.perf_counter()
try:
    d = bodymap.load_drawing(path)
    d.area()
    r = bodymap.compare(d, "iliopsoas", side="best")
    json.dumps(r.to_dict(), allow_nan=False)
    outcome = "ok"
except bodymap.BodymapError as exc:
    outcome = "refused: " + str(exc)
print(json.dumps({"seconds": time.perf_counter() - t0, "outcome": outcome}))
"""


def document(*features: dict[str, Any], **meta: Any) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": list(features),
    }


def polygon(*rings: Any, view: str = "front") -> dict[str, Any]:
    coords = [[[_num(c) for c in p] for p in np.round(np.asarray(r, dtype=float), 4).tolist()]
              for r in rings]  # fmt: skip
    coords = [ring + ring[:1] for ring in coords]
    return {
        "type": "Feature",
        "properties": {"view": view},
        "geometry": {"type": "Polygon", "coordinates": coords},
    }


def stroke(xy: Any, width: float = 1.0, view: str = "front") -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"view": view, "width": width},
        "geometry": {
            "type": "LineString",
            "coordinates": [[_num(c) for c in p] for p in np.round(xy, 4).tolist()],
        },
    }


def _num(value: float) -> float | int:
    """A coordinate as short as JSON can write it (2 rather than 2.0)."""
    return int(value) if value == int(value) else value


def star(n: int = 201, cx: float = 8.0, cy: float = 90.0, r: float = 6.0) -> np.ndarray:
    """A star polygon {n/(n//2)}: every edge crosses nearly every other."""
    t = 2 * math.pi * ((np.arange(n) * (n // 2)) % n) / n
    return np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])


def zigzag(n: int, x0: float = 2.0, x1: float = 9.0, y0: float = 80.0, y1: float = 99.0):
    """A ring whose edges run back and forth across each other (about n²/4 crossings).

    Coordinates have one decimal, so that 99,000 vertices fit in under 1 MB.
    """
    i = np.arange(n)
    x = np.where(i % 2 == 0, x0, x1).astype(float)
    y = y0 + (y1 - y0) * (i / (n - 1))
    y = np.where(i % 4 < 2, y, y0 + y1 - y)
    return np.column_stack([x, np.round(y, 1)])


def spiral(turns: int, step: float = 0.004) -> np.ndarray:
    """A valid polygon: a square spiral band turned by 45°; its long edges nest in each other."""
    import shapely
    from shapely import affinity

    pts, x, y, length = [], 0.0, 0.0, step
    directions = [(1, 0), (0, 1), (-1, 0), (0, -1)]
    for i in range(4 * turns):
        dx, dy = directions[i % 4]
        x, y = x + dx * length, y + dy * length
        pts.append((x, y))
        if i % 2:
            length += step
    band = shapely.LineString(pts).buffer(step / 4, cap_style="flat", join_style="mitre")
    band = affinity.translate(affinity.rotate(band, 45, origin=(0, 0)), 8, 90)
    return np.asarray(band.exterior.coords)[:-1]


def comb(teeth: int) -> np.ndarray:
    """A valid polygon of long thin teeth across the whole front view (crosses every region)."""
    xs = np.linspace(-40, 40, 2 * teeth)
    pts = [(-40.0, 0.0)]
    for i in range(teeth):
        a, b = xs[2 * i], xs[2 * i + 1]
        pts += [(a, 0.5), (a, 175.0), (b, 175.0), (b, 0.5)]
    return np.array([*pts, (40.0, 0.0)])


def loops(m: int, per: int = 40, r: float = 4.0) -> np.ndarray:
    """A brush stroke circling one spot m times."""
    rng = np.random.default_rng(1)
    t = np.linspace(0, 2 * math.pi * m, per * m, endpoint=False)
    rr = r + rng.uniform(-0.5, 0.5, len(t))
    return np.column_stack([8 + rr * np.cos(t), 90 + rr * np.sin(t)])


def nested(depth: int) -> str:
    """JSON text of a member nested ``depth`` objects deep."""
    return '{"a":' * depth + "1" + "}" * depth


def square(x: float, y: float, w: float, h: float) -> list[list[float]]:
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]


def cases() -> dict[str, Callable[[], str]]:
    """Name -> a function returning the file's text."""

    def dump(doc: Any) -> str:
        return json.dumps(doc, separators=(",", ":"))

    grid = [polygon(square(-10, 80 + 20 * i / 400, 20, 0.01)) for i in range(400)]
    grid += [polygon(square(-10 + 20 * i / 400, 80, 0.01, 20)) for i in range(400)]
    holes = [square(-9.9 + 0.05 * (i % 390), 80.1 + 0.05 * (i // 390), 0.03, 0.03)
             for i in range(5000)]  # fmt: skip
    crossing_holes = [square(-9 + 0.0036 * i, 81, 0.5, 18) for i in range(5000)]
    big = "1" + "0" * 400
    out: dict[str, Callable[[], str]] = {
        "star 201": lambda: dump(document(polygon(star(201)))),
        "zigzag 200": lambda: dump(document(polygon(zigzag(200)))),
        "zigzag 99,000": lambda: dump(document(polygon(zigzag(99_000)))),
        "spiral 16,000 (valid)": lambda: dump(document(polygon(spiral(2000)))),
        "comb 8,000 teeth (valid)": lambda: dump(document(polygon(comb(8000)))),
        "grid of 800 crossing bars": lambda: dump(document(*grid)),
        "stroke circling 80 times": lambda: dump(document(stroke(loops(80)))),
        "stroke zigzag 99,000": lambda: dump(document(stroke(zigzag(99_000)))),
        "5,000 holes": lambda: dump(document(polygon(square(-10, 80, 20, 20), *holes))),
        "5,000 crossing holes": lambda: dump(
            document(polygon(square(-10, 80, 20, 20), *crossing_holes))
        ),
        "hole outside its shell": lambda: dump(
            document(polygon(square(2, 85, 6, 6), square(-10, 85, 4, 4)))
        ),
        "5,000 overlapping squares": lambda: dump(
            document(
                *[
                    polygon(square(-5 + (i % 100) * 0.1, 85 + (i // 100) * 0.2, 3, 3))
                    for i in range(5_000)
                ]
            )
        ),
        "5,000 separate squares": lambda: dump(
            document(
                *[
                    polygon(square(-20 + (i % 100) * 0.4, 20 + (i // 100) * 2.5, 0.3, 0.3))
                    for i in range(5_000)
                ]
            )
        ),
        "3,000 whole-region marks": lambda: dump(
            document(
                *[
                    {
                        "type": "Feature",
                        "geometry": None,
                        "properties": {"view": "front", "region": "groin-left"},
                    }
                ]
                * 3000
            )
        ),
        "nesting 1,000": lambda: dump(document(polygon(square(0, 90, 4, 4)))).replace(
            '"bodymap":{', '"bodymap":{"deep":' + nested(1000) + ",", 1
        ),
        "nesting 100,000": lambda: '{"a":' * 100_000 + "1" + "}" * 100_000,
        "400-digit coordinate": lambda: dump(
            document(polygon([[7, 90], [4, 90], [4, 94]]))
        ).replace("[7,90]", f"[{big},90]"),
        "1e308 width": lambda: dump(document(stroke(np.array([[0, 90], [4, 94]]), 1e308))),
        "1e308 coordinate": lambda: dump(document(polygon([[7, 90], [4, 90], [4, 94]]))).replace(
            "[7,90]", "[1e308,90]"
        ),
    }
    return out


def run_case(path: Path, timeout: float, cap_mb: int) -> tuple[float | None, float, str]:
    """(seconds of work or None on timeout, peak MB, outcome) of one child process."""

    def limit() -> None:
        cap = cap_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=limit,
    )
    started = time.monotonic()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_maxrss / 1024, f"killed after {timeout:g} s"
        time.sleep(0.01)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    peak = usage.ru_maxrss / 1024
    if status != 0 or not out.strip():
        last = (err.strip().splitlines() or ["(no output)"])[-1]
        return None, peak, f"crashed: {last[:100]}"
    report = json.loads(out.strip().splitlines()[-1])
    return float(report["seconds"]), peak, str(report["outcome"])[:100]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case (30)")
    parser.add_argument("--cap-mb", type=int, default=3000, help="memory cap per case (3000)")
    args = parser.parse_args()
    worst_t, worst_m = 0.0, 0.0
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in cases().items():
            if args.only and not any(o in name for o in args.only):
                continue
            path = Path(tmp) / "drawing.json"
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size
            seconds, peak, outcome = run_case(path, args.timeout, args.cap_mb)
            if seconds is not None:
                shown = f"{seconds:.2f}"
            else:
                shown = "crash" if outcome.startswith("crashed") else f">{args.timeout:g}"
            print(f"{name:28s} {size / 1e6:5.2f} MB  {shown:>6s} s  {peak:6.0f} MB  {outcome}")
            sys.stdout.flush()
            if seconds is None or seconds >= 2 or peak >= 500 or outcome.startswith("crashed"):
                failures += 1
            if seconds is not None or not outcome.startswith("crashed"):
                worst_t = max(worst_t, args.timeout if seconds is None else seconds)
            worst_m = max(worst_m, peak)
    print(f"worst time {worst_t:.2f} s, worst peak memory {worst_m:.0f} MB "
          f"(targets < 2 s, < 500 MB); {failures} case(s) miss a target")  # fmt: skip


# --- many groups (issue 25): peak memory of cohort runs with hundreds of groups ------------

#: The cohort runs of :func:`many_groups`: name, and the arguments after ``bodymap cohort``
#: (``{dir}`` is the folder of inputs).
MANY_GROUPS = {
    "code table, 1,000 clinics": [
        "{dir}/maps.csv", "--codes-column", "bodymap_regions_csv", "--id-column", "id",
        "--by", "clinic", "-o", "{dir}/out.csv", "--tests", "{dir}/tests.csv",
    ],
    "--by subject, 400 drawings": [
        "{dir}/subjects.jsonl", "--by", "subject", "-o", "{dir}/out.csv",
    ],
    "300 groups, --cell-map": [
        "{dir}/subjects.jsonl", "--groups", "{dir}/groups300.csv", "--by", "group",
        "-o", "{dir}/out.csv", "--cell-map", "{dir}/cells.png",
    ],
}  # fmt: skip


def many_groups_inputs(folder: Path) -> None:
    """The inputs of :data:`MANY_GROUPS`: 400 synthetic drawings, a 300-group table, and a
    CHOIR code table of 4,000 patients in 1,000 clinics."""
    sys.path.insert(0, str(ROOT / "examples" / "cohort"))
    import generate  # type: ignore[import-not-found]

    docs = list(generate.synthetic_drawings(400, 11))
    with (folder / "subjects.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(d) + "\n" for d in docs)
    lines = ["subject,group"] + [f"{d['bodymap']['subject']},g{i % 300:03d}" for i, d in
                                 enumerate(docs)]  # fmt: skip
    (folder / "groups300.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    generate.write_code_table(folder / "codes.csv", docs[:200])
    rows = (folder / "codes.csv").read_text(encoding="utf-8").splitlines()
    head, body = rows[0], rows[1:]
    out = [head]
    for i in range(4000):
        cells = body[i % len(body)].split(",", 4)
        cells[0], cells[2] = f"p{i:05d}", f"clinic{i % 1000:04d}"
        out.append(",".join(cells))
    (folder / "maps.csv").write_text("\n".join(out) + "\n", encoding="utf-8")


def many_groups(cap_mb: int = 6000) -> int:
    """Peak memory of each :data:`MANY_GROUPS` run (target: under 1,000 MB); misses."""
    misses = 0
    with tempfile.TemporaryDirectory() as tmp:
        many_groups_inputs(Path(tmp))
        for name, args in MANY_GROUPS.items():

            def limit() -> None:
                resource.setrlimit(resource.RLIMIT_AS, (cap_mb << 20, cap_mb << 20))

            argv = [a.format(dir=tmp) for a in args]
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            started = time.monotonic()
            with tempfile.TemporaryFile() as err:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "bodymap", "cohort", *argv, "--quiet"],
                    stdout=subprocess.DEVNULL, stderr=err, env=env, preexec_fn=limit,
                )  # fmt: skip
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
                err.seek(0)
                last = (err.read().decode().strip().splitlines() or ["ok"])[-1][:80]
            seconds = time.monotonic() - started
            peak = usage.ru_maxrss / 1024
            outcome = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {last}"
            print(f"{name:28s} {seconds:6.1f} s  {peak:6.0f} MB  {outcome}")
            sys.stdout.flush()
            misses += peak >= 1000 or proc.returncode != 0
    return misses


if __name__ == "__main__":
    if sys.argv[1:] == ["--many-groups"]:
        print(f"{many_groups()} run(s) miss the target (under 1,000 MB)")
    else:
        main()
