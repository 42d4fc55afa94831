"""Benchmarks of issue 2: CLI start-up, in-process SVG, and PNG against bare matplotlib.

Prints three figures, each next to its yardstick measured in the same run on this machine:

1. ``bodymap --help`` as a whole process vs ``python -c "import typer"`` (target ≤ 2×);
2. building and writing the default SVG in-process, warm (target ≤ 25 ms);
3. the default figure as PNG at 300 dpi vs matplotlib drawing the same polygons as one
   ``PolyCollection`` at the same size and dpi (target ≤ 1.3×).

Run: ``python bench/bench_render.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _median_run(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_startup(repeat: int) -> tuple[float, float]:
    exe = shutil.which("bodymap") or str(Path(sys.executable).parent / "bodymap")
    _median_run([exe, "--help"], 2)  # warm the file cache
    base = _median_run([sys.executable, "-c", "import typer"], repeat)
    ours = _median_run([exe, "--help"], repeat)
    return ours, base


def bench_svg(repeat: int) -> float:
    import bodymap

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "iliopsoas.svg"
        bodymap.render().save(out)  # warm: data loaded and cached, modules imported
        return _median(lambda: bodymap.render().save(out), repeat)


def bench_png(repeat: int) -> tuple[float, float]:
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    import bodymap
    from bodymap.scene.items import Shape

    dia = bodymap.render()
    scene = dia.scene
    polys = []
    for item in scene.walk():
        if isinstance(item, Shape) and item.geometry.geom_type == "Polygon":
            polys.append(list(item.geometry.exterior.coords))

    def baseline() -> None:
        fig = Figure(figsize=(scene.width / 25.4, scene.height / 25.4), dpi=300)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.add_collection(PolyCollection(polys, facecolors="#F4F1EC", edgecolors="#C9C4BC"))
        ax.set_xlim(0, scene.width)
        ax.set_ylim(scene.height, 0)
        ax.set_axis_off()
        fig.savefig(io.BytesIO(), format="png", dpi=300)

    def ours() -> None:
        dia.save(out, dpi=300)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fig.png"
        baseline()
        ours()
        return _median(ours, repeat), _median(baseline, repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    ours, base = bench_startup(args.repeat)
    print(
        f"1. bodymap --help: {ours * 1000:.0f} ms; python -c 'import typer': {base * 1000:.0f} ms;"
        f" ratio {ours / base:.2f} (target <= 2)"
    )
    svg = bench_svg(max(args.repeat, 20))
    print(f"2. default SVG built and written in-process (warm): {svg * 1000:.1f} ms (target <= 25)")
    png, poly = bench_png(max(3, args.repeat // 2))
    print(
        f"3. PNG 300 dpi: {png * 1000:.0f} ms; matplotlib PolyCollection of the same polygons: "
        f"{poly * 1000:.0f} ms; ratio {png / poly:.2f} (target <= 1.3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
