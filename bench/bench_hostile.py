"""Benchmark of hostile input: the worst time and peak memory over a set of pathological files.

Each file (all under 1 MB) is written to a temporary folder and handed to a fresh Python
process that does what a command does with it.  The drawings (issue 10) are loaded, measured
(``area()``, which repairs and clips every mark) and compared with the iliopsoas pattern
(both sides), exactly what ``bodymap compare`` does.  The other surfaces (issue 25) are the
readers an upload handler uses: ``scan`` of image and PDF bombs, typeset reports and
handouts of hostile text, a paper chart of a drawing's subject, drawings and schemes that
name other files, JSON Lines in UTF-16, a code table of 100,000 columns.  The process
reports its time for that work (imports excluded) and its outcome (``ok`` or the error's
message), with the CPU time of that work beside it (on a shared machine the wall-clock time
is the one that waits), and the peak resident memory of the process is taken from
``os.wait4``.
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
path, setup, work = sys.argv[1], sys.argv[2], sys.argv[3]
scope = {"bodymap": bodymap, "path": path, "json": json}
exec(setup, scope)  # imports, not timed
t0, c0 = time.perf_counter(), time.process_time()
try:
    exec(work, scope)
    outcome = "ok"
except bodymap.BodymapError as exc:
    outcome = "refused: " + str(exc)
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "outcome": outcome}))
"""

#: What the child does with the file, by surface: (setup, timed work).
SURFACES: dict[str, tuple[str, str]] = {
    "drawing": (
        "",
        "d = bodymap.load_drawing(path)\nd.area()\n"
        "r = bodymap.compare(d, 'iliopsoas', side='best')\n"
        "json.dumps(r.to_dict(), allow_nan=False)",
    ),
    "scan": (
        "import tempfile\nfrom bodymap.apps.scan import scan_files\n"
        "import cv2, pypdfium2, PIL.Image\nout = tempfile.mkdtemp()",
        "errors = []\nscan_files([path], out_dir=out, on_error=errors.append)\n"
        "if errors:\n    raise bodymap.BodymapError(f'{len(errors)} error(s), last: {errors[-1]}')",
    ),
    "report": (
        "import typst\nfrom bodymap.renderers.pages import report\n"
        "from bodymap.renderers.typst import report_pdf",
        "report(path).save(path + '.pdf')",
    ),
    "handout notes": (
        "import typst\nfrom bodymap.renderers.pages import handout",
        "handout(notes=path).save(path + '.pdf')",
    ),
    "handout pattern": (
        "import typst\nfrom bodymap.renderers.pages import handout",
        "handout(path).save(path + '.pdf')",
    ),
    "handout clinic": (
        "import typst\nfrom bodymap.renderers.pages import handout\n"
        "clinic = open(path, encoding='utf-8').read()",
        "handout(clinic=clinic).save(path + '.pdf')",
    ),
    "paper": ("from bodymap.apps.paper import make_paper", "make_paper(drawing=path)"),
    "scheme": ("from bodymap.model.scheme import load_scheme", "load_scheme(path)"),
    "cohort": (
        "import bodymap.analysis.cohort",
        "r = bodymap.cohort([path])\nif r.problems:\n"
        "    raise bodymap.BodymapError(r.problems[0].message)",
    ),
    "code table": (
        "import bodymap.analysis.cohort",
        "bodymap.cohort([path], codes_column='c0', id_column='pid')",
    ),
}


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
    """Name -> a function returning the drawing file's text (the issue 10 cases)."""

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


Maker = Callable[[Path], bytes]


def _png(width: int, height: int, idat: bytes, depth: int = 8, colour: int = 2) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def _one_bit_bomb(side: int) -> bytes:
    import zlib

    row = b"\x00" + b"\xff" * (side // 8)
    packer = zlib.compressobj(9)
    return _png(side, side, b"".join(packer.compress(row) for _ in range(side)) + packer.flush(),
                depth=1, colour=0)  # fmt: skip


def _tiff_bomb(side: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (side, side), 1).save(out, format="TIFF", compression="group4")
    return out.getvalue()


def _pdf(*pages: tuple[float, float]) -> bytes:
    kids = " ".join(f"{i + 3} 0 R" for i in range(len(pages)))
    objects = "".join(
        f"{i + 3} 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 {w} {h}]>>endobj\n"
        for i, (w, h) in enumerate(pages)
    )
    return (
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        f"2 0 obj<</Type/Pages/Kids[{kids}]/Count {len(pages)}>>endobj\n{objects}"
        "trailer<</Root 1 0 R>>\n%%EOF\n"
    ).encode()


def _region_drawing(**meta: Any) -> bytes:
    doc = document({"type": "Feature", "geometry": None,
                    "properties": {"view": "front", "region": "groin-left"}}, **meta)  # fmt: skip
    return json.dumps(doc).encode()


def _naming_huge(folder: Path) -> bytes:
    huge = folder / "huge.json"
    with open(huge, "wb") as fh:  # sparse: 2 GB that take no room on disk
        fh.truncate(2 << 30)
    return _region_drawing(chart=str(huge))


def _scheme_naming_huge(folder: Path) -> bytes:
    huge = folder / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(2 << 30)
    doc = json.loads((ROOT / "shapes" / "scheme-wpi.json").read_text(encoding="utf-8"))
    doc["bodymap"]["chart"] = str(huge)
    return json.dumps(doc).encode()


def _big_pattern(folder: Path) -> bytes:
    doc = json.loads((ROOT / "shapes" / "pattern-iliopsoas.json").read_text(encoding="utf-8"))
    doc["bodymap"]["name"] = "big"
    doc["bodymap"]["summary"] = {"en": "pain " * 180_000}
    return json.dumps(doc).encode()


def _wide_table(folder: Path) -> bytes:
    names = [f"c{i}" for i in range(100_000)]
    return (",".join(names) + "\n" + ",".join("x" * len(names)) + "\n").encode()


ACUTE = "\u0301"


def surface_cases() -> dict[str, tuple[str, str, Maker]]:
    """Name -> (surface, file suffix, a function making the file's bytes in a folder)."""
    empty = b"x\x9c\x03\x00\x00\x00\x00\x01"  # zlib.compress(b"")
    utf16 = (_region_drawing().decode() + "\n").encode("utf-16")
    return {
        "scan: PNG 30000² 1-bit": ("scan", ".png", lambda f: _one_bit_bomb(30_000)),
        "scan: PNG header 50000²": ("scan", ".png", lambda f: _png(50_000, 50_000, empty)),
        "scan: PNG 4000x3000 no data": ("scan", ".png", lambda f: _png(4_000, 3_000, empty)),
        "scan: TIFF G4 30000²": ("scan", ".tif", lambda f: _tiff_bomb(30_000)),
        "scan: PDF 5000-pt page": ("scan", ".pdf", lambda f: _pdf((5000, 5000))),
        "scan: PDF 200 A4 pages": ("scan", ".pdf", lambda f: _pdf(*[(595, 842)] * 200)),
        "report: plain (baseline)": ("report", ".json", lambda f: _region_drawing()),
        "report: subject a+33000 marks": (
            "report", ".json", lambda f: _region_drawing(subject="a" + ACUTE * 33_000)),
        "report: recorded 100k marks": (
            "report", ".json", lambda f: _region_drawing(recorded=ACUTE * 100_000)),
        "report: subject 150 KB": (
            "report", ".json", lambda f: _region_drawing(subject="x" * 150_000)),
        "handout: notes '**a '*4999": (
            "handout notes", ".md", lambda f: ("**a " * 4999).encode()),
        "handout: pattern 912 KB": ("handout pattern", ".json", _big_pattern),
        "handout: clinic 100k chars": (
            "handout clinic", ".txt", lambda f: ("W" * 100_000).encode()),
        "paper: drawing subject 3000": (
            "paper", ".json", lambda f: _region_drawing(subject="y" * 3000)),
        "drawing naming a 2 GB file": ("drawing", ".json", _naming_huge),
        "scheme naming a 2 GB file": ("scheme", ".json", _scheme_naming_huge),
        "JSON Lines in UTF-16": ("cohort", ".jsonl", lambda f: utf16),
        "code table 100,000 columns": ("code table", ".csv", _wide_table),
    }  # fmt: skip


def all_cases() -> dict[str, tuple[str, str, Maker]]:
    """Every case: the drawings of issue 10, then the surfaces of issue 25."""
    out: dict[str, tuple[str, str, Maker]] = {
        name: ("drawing", ".json", lambda folder, make=make: make().encode())
        for name, make in cases().items()
    }
    out.update(surface_cases())
    return out


def run_case(
    path: Path, timeout: float, cap_mb: int, surface: str = "drawing"
) -> tuple[float | None, float, str, float | None]:
    """(seconds of work or None on timeout, peak MB, outcome, CPU seconds) of one child."""

    def limit() -> None:
        cap = cap_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), *SURFACES[surface]],
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
            return None, usage.ru_maxrss / 1024, f"killed after {timeout:g} s", None
        time.sleep(0.01)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    peak = usage.ru_maxrss / 1024
    if status != 0 or not out.strip():
        last = (err.strip().splitlines() or ["(no output)"])[-1]
        return None, peak, f"crashed: {last[:100]}", None
    report = json.loads(out.strip().splitlines()[-1])
    return float(report["seconds"]), peak, str(report["outcome"])[:100], float(report["cpu"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case (30)")
    parser.add_argument("--cap-mb", type=int, default=3000, help="memory cap per case (3000)")
    args = parser.parse_args()
    worst_t, worst_m = 0.0, 0.0
    failures = 0
    for name, (surface, suffix, make) in all_cases().items():
        if args.only and not any(o in name for o in args.only):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"input{suffix}"
            path.write_bytes(make(Path(tmp)))
            size = path.stat().st_size
            seconds, peak, outcome, cpu = run_case(path, args.timeout, args.cap_mb, surface)
            if seconds is not None:
                shown = f"{seconds:.2f}"
            else:
                shown = "crash" if outcome.startswith("crashed") else f">{args.timeout:g}"
            used = "" if cpu is None else f"{cpu:.2f}"
            print(f"{name:30s} {size / 1e6:5.2f} MB  {shown:>6s} s  {used:>6s} s CPU  "
                  f"{peak:6.0f} MB  {outcome}")  # fmt: skip
            sys.stdout.flush()
            if seconds is None or seconds >= 2 or peak >= 500 or outcome.startswith("crashed"):
                failures += 1
            if seconds is not None or not outcome.startswith("crashed"):
                worst_t = max(worst_t, args.timeout if seconds is None else seconds)
            worst_m = max(worst_m, peak)
    print(f"worst time {worst_t:.2f} s, worst peak memory {worst_m:.0f} MB "
          f"(targets < 2 s, < 500 MB); {failures} case(s) miss a target")  # fmt: skip


CAPS_DOC = """Issue 25: the caps on what is drawn, each case one ``bodymap`` command in a process.

The cases: a PNG at 2,400 dpi, a differential figure of a billion panels, a pattern file of
3,000 zones (about 700 KB), the same at the cap (200 zones) drawn as PNG, and a paper chart for
a subject with an emoji (whose missing glyph matplotlib warns about).  Each prints its wall
time (imports included), the process's peak resident memory (``os.wait4``), its exit code and
its stderr lines.  ``--root DIR`` runs the commands of another checkout (e.g. one exported from
the commit before the caps, for the figures before); the targets: under 2 s of work beyond the
imports, under 500 MB, at most one line on stderr.

Run: ``python bench/bench_hostile.py --caps [--root DIR] [--timeout 120]``.
"""


def caps_main() -> None:
    """Run the caps cases (see :data:`CAPS_DOC`) and print one line of figures for each."""
    parser = argparse.ArgumentParser(description=CAPS_DOC.split("\n\n")[0])
    parser.add_argument("--caps", action="store_true", help="run these cases")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case (120)")
    parser.add_argument("--cap-mb", type=int, default=4000, help="memory cap per case (4000)")
    args = parser.parse_args()

    def pattern(zones: int) -> dict[str, Any]:
        features = [
            {"type": "Feature", "id": f"z{i}",
             "properties": {"kind": "essential", "view": "front", "names": {"en": f"Zone {i}"}},
             "geometry": polygon(square(2 + (i % 60) * 0.25, 60 + (i // 60) * 0.25, 0.2, 0.2))[
                 "geometry"]}
            for i in range(zones)
        ]  # fmt: skip
        meta = {"kind": "muscle", "version": 1, "name": "many", "chart": "adult", "units": "cm",
                "drawn_side": "left", "sources": ["bench"]}  # fmt: skip
        return {"type": "FeatureCollection", "bodymap": meta, "features": features}

    drawing = document(polygon(square(5, 90, 7, 10)), subject="P-1 \N{BONE}")
    files = {
        "d.json": drawing,
        "p3000.json": pattern(3000),
        "p200.json": pattern(200),
    }
    cases = {
        "render --dpi 2400": ["render", "-o", "r.png", "--dpi", "2400"],
        "rank --top 1e9 --figure": ["rank", "d.json", "--top", "1000000000", "--figure", "f.png"],
        "render 3,000-zone pattern": ["render", "-p", "p3000.json", "-o", "p.png"],
        "render 200-zone pattern": ["render", "-p", "p200.json", "-o", "p.png"],
        "paper, emoji subject": ["paper", "--drawing", "d.json", "-o", "paper.pdf"],
    }

    def limit() -> None:
        cap = args.cap_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(args.root.resolve())}
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc in files.items():
            (Path(tmp) / name).write_text(json.dumps(doc), encoding="utf-8")
        for name, argv in cases.items():
            started = time.monotonic()
            proc = subprocess.Popen(
                [sys.executable, "-m", "bodymap", *argv], cwd=tmp, env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit,
            )  # fmt: skip
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    shown = f"{time.monotonic() - started:6.2f} s"
                    break
                if time.monotonic() - started > args.timeout:
                    proc.kill()
                    _, status, usage = os.wait4(proc.pid, 0)
                    shown = f">{args.timeout:g} s"
                    break
                time.sleep(0.01)
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            lines = err.strip().splitlines()
            code = os.waitstatus_to_exitcode(status)
            print(f"{name:26s} {shown}  peak {usage.ru_maxrss / 1024:5.0f} MB  exit {code}  "
                  f"{len(lines)} stderr line(s): {' | '.join(lines)[:160]}")  # fmt: skip
            sys.stdout.flush()


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
    if "--caps" in sys.argv[1:]:
        caps_main()
    elif sys.argv[1:] == ["--many-groups"]:
        print(f"{many_groups()} run(s) miss the target (under 1,000 MB)")
    else:
        main()
