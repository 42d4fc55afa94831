"""Fuzzing pass of issue 10: hostile and careless inputs through every command, in subprocesses.

Generates several hundred inputs, as a new user or an attacker would write them: empty files,
binary junk, byte-order marks, other encodings, truncated JSON, every member of a drawing
replaced in turn by a value of the wrong type, numbers at the edges, deep nesting, control
characters, pathological geometry (from ``bench_hostile.py``), files just under 1 MB, pattern
and chart files broken the same ways, JSON Lines and groups tables, folders and symbolic links
where files belong, unicode, newlines and dashes in file names, names too long for the system.
Issue 25 adds the surfaces an upload handler will use: image and PDF bombs and images named
``.json`` for ``scan``; combining-mark storms and huge fields in a drawing for ``report``,
``paper --drawing`` and ``fhir``; hostile notes, clinic names and pattern files for
``handout``; drawings and scheme files whose chart names another file (``../x.json``,
``/dev/zero``); scheme codes holding separators or escapes for ``codes``; JSON Lines in
UTF-16 and a code table of 100,000 columns for ``cohort``.
Each is run through the commands that read it (``render``, ``compare``, ``rank``, ``cohort``,
``form``, ``regions``, ``patterns``, ``scan``, ``report``, ``handout``, ``paper``, ``fhir``,
``codes``) as ``python -m bodymap ...`` with a timeout, and every run is checked:

* a traceback on stderr;
* an exit code other than 0, 1 or 2;
* a run over 2 s (beyond the start-up time of ``bodymap regions`` and, for the commands that
  typeset a page, the time of the same command on a plain input; a slow run is run again,
  since the machine may be shared, and flagged only if it is slow twice);
* an error message of more than one line (``cohort`` lists broken inputs one per line,
  ``scan`` bad images and pages, each an ``Error:`` line);
* an input that changed;
* an output left behind by a failed run, or a temporary file left over.

Run: ``python bench/fuzz_inputs.py [--root PATH] [--jobs 2] [--keep DIR]``; ``--root`` picks
the source tree to test (default: this one), so that an older release can be measured too.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_hostile import cases as pathological  # noqa: E402
from bench_hostile import surface_cases  # noqa: E402

EXAMPLE = json.loads((ROOT / "examples" / "drawings" / "iliopsoas-left.json").read_text())
PATTERN = json.loads((ROOT / "shapes" / "pattern-iliopsoas.json").read_text())
CHART = json.loads((ROOT / "shapes" / "chart-adult.json").read_text())
#: Values put in place of every member in turn.
WRONG: list[Any] = [
    None, True, 0, -1, 1e308, 10**400, "", "x" * 5000, [], {}, [[[[]]]], "front\x00",
    "\x1b[31mred\x1b[0m", "a\nb", {"a": {"a": {"a": {"a": 1}}}},
]  # fmt: skip
TIMEOUT = 20.0
SLOW = 2.0


@dataclass
class Case:
    """One run: a command line, run in a folder holding the input files."""

    name: str
    args: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # name -> target
    folders: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()  # files a failed run must not leave behind
    allow: float = 0.0  # seconds the command takes on a plain input, beyond the start-up


def dump(doc: Any) -> bytes:
    return json.dumps(doc).encode("utf-8")


def mutations(doc: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """``doc`` with each member (to depth 4), in turn, replaced by each wrong value."""
    if isinstance(doc, dict):
        keys = list(doc)
        for key in keys:
            for k, value in enumerate(WRONG):
                out = copy.deepcopy(doc)
                out[key] = value
                yield f"{where}.{key}={k}", out
            if where.count(".") + where.count("[") < 4:
                for name, inner in mutations(doc[key], f"{where}.{key}"):
                    out = copy.deepcopy(doc)
                    out[key] = inner
                    yield name, out
    elif isinstance(doc, list) and doc:
        for name, inner in mutations(doc[0], f"{where}[0]"):
            out = copy.deepcopy(doc)
            out[0] = inner
            yield name, out


def pick(items: Iterator[tuple[str, Any]], n: int) -> list[tuple[str, Any]]:
    """``n`` of ``items``, evenly spaced (the same ones every time)."""
    every = list(items)
    if len(every) <= n:
        return every
    return [every[round(i * (len(every) - 1) / (n - 1))] for i in range(n)]


def small_drawing() -> dict[str, Any]:
    out = copy.deepcopy(EXAMPLE)
    out["features"] = out["features"][:2]
    return out


def drawing_inputs() -> Iterator[tuple[str, bytes]]:
    valid = dump(small_drawing())
    yield "valid", valid
    yield "empty", b""
    yield "spaces", b"   \n\t  "
    yield "binary", bytes(range(256)) * 4
    yield "bom", b"\xef\xbb\xbf" + valid
    yield "utf16", json.dumps(small_drawing()).encode("utf-16")
    yield "latin1", dump(small_drawing()).replace(b"example-01", b"caf\xe9")
    yield "truncated", valid[: len(valid) // 2]
    yield "null", b"null"
    yield "list", b"[1, 2, 3]"
    yield "string", b'"FeatureCollection"'
    yield "nan-token", valid.replace(b'"intensity": 7', b'"intensity": NaN')
    yield "trailing-garbage", valid + b"}}}"
    yield "nul-bytes", valid.replace(b"aching", b"ach\x00ing")
    yield (
        "geojson-not-bodymap",
        json.dumps({"type": "FeatureCollection", "features": EXAMPLE["features"]}).encode(),
    )
    deep = b"[" * 1000 + b"]" * 1000
    yield "deep-1000", valid.replace(b'"bodymap": {', b'"bodymap": {"d": ' + deep + b", ", 1)
    yield "deep-100000", b"[" * 100_000 + b"]" * 100_000
    yield "control-subject", dump({**small_drawing(), "bodymap": {**EXAMPLE["bodymap"],
                                   "subject": "a\x01b\x0bc\x1fd\ufffe"}})  # fmt: skip
    yield "surrogate-subject", valid.replace(b"example-01", b"\\ud800")
    big = copy.deepcopy(EXAMPLE)
    while len(dump(big)) < 950_000:
        big["features"] += EXAMPLE["features"]
    yield "just-under-1MB", dump(big)
    for name, make in pathological().items():
        yield "pathological " + name, make().encode("utf-8")
    for name, doc in pick(mutations(small_drawing()), 160):
        yield "mutation " + name, dump(doc)
    yield from hostile_text_drawings()


#: Text that made the typesetter abort, crawl or run off the page (issue 25).
ACUTE = "\u0301"
HOSTILE_TEXT: dict[str, str] = {
    "a+33000 marks": "a" + ACUTE * 33_000,
    "100k marks": ACUTE * 100_000,
    "150 KB": "x" * 150_000,
    "4-byte chars": "\U0001d54f" * 30_000,
    "escapes": "\x1b[31m\x07\x00\u202e" * 100,
}


def hostile_text_drawings() -> Iterator[tuple[str, bytes]]:
    """Drawings whose subject, date or chart is hostile (the chart names another file)."""
    for name, text in HOSTILE_TEXT.items():
        for member in ("subject", "recorded"):
            doc = small_drawing()
            doc["bodymap"][member] = text
            yield f"text {member} {name}", dump(doc)
    for chart in ("../x.json", "/dev/zero", "/dev/stdin", "ok.json", "c" * 5000 + ".json"):
        doc = small_drawing()
        doc["bodymap"]["chart"] = chart
        yield f"chart names {chart[:20]}", dump(doc)


def data_inputs(base: dict[str, Any], n: int) -> Iterator[tuple[str, bytes]]:
    yield "empty", b""
    yield "binary", bytes(range(256))
    yield "deep", b"[" * 5000 + b"]" * 5000
    slim = copy.deepcopy(base)
    for name, doc in pick(mutations({"bodymap": slim["bodymap"], "f": slim["features"][:4]}), n):
        full = copy.deepcopy(base)
        full["bodymap"] = doc["bodymap"]
        tail = base["features"][4:]
        full["features"] = doc["f"] + tail if isinstance(doc["f"], list) else doc["f"]
        yield "mutation " + name, dump(full)


def cases() -> Iterator[Case]:
    valid = dump(small_drawing())
    for k, (name, data) in enumerate(drawing_inputs()):
        files = {"d.json": data, "ok.json": valid}
        yield Case(f"compare {name}", ["compare", "d.json", "--json"], files)
        if not name.startswith("mutation") or k % 6 == 0:
            yield Case(f"render {name}", ["render", "-d", "d.json", "-o", "o.svg"], files,
                       outputs=("o.svg",))  # fmt: skip
            yield Case(f"rank {name}", ["rank", "d.json", "--json", "--top", "3"], files)
            yield Case(f"form {name}", ["form", "--drawing", "d.json", "-o", "f.html"], files,
                       outputs=("f.html",))  # fmt: skip
            line = data.replace(b"\n", b" ").replace(b"\r", b" ")
            yield Case(f"cohort {name}", ["cohort", "c.jsonl", "ok.json", "-o", "t.csv", "-q"],
                       {"c.jsonl": valid + b"\n" + line + b"\n" + valid + b"\n",
                        "ok.json": valid})  # fmt: skip
            yield Case(f"compare second {name}", ["compare", "ok.json", "d.json"], files)
    for k, (name, data) in enumerate(data_inputs(PATTERN, 70)):
        files = {"p.json": data, "ok.json": valid}
        yield Case(f"render -p {name}", ["render", "-p", "p.json", "-o", "o.svg"], files,
                   outputs=("o.svg",))  # fmt: skip
        if k % 3 == 0:
            yield Case(f"compare -p {name}", ["compare", "ok.json", "-p", "p.json"], files)
            yield Case(f"cohort -p {name}", ["cohort", "ok.json", "-p", "p.json", "-o", "t.csv"],
                       files, outputs=("t.csv",))  # fmt: skip
    for k, (name, data) in enumerate(data_inputs(CHART, 50)):
        yield Case(f"regions --chart {name}", ["regions", "--chart", "c.json"], {"c.json": data})
        if k % 3 == 0:
            yield Case(f"render --chart {name}", ["render", "--chart", "c.json", "-o", "o.svg"],
                       {"c.json": data}, outputs=("o.svg",))  # fmt: skip
    groups = {
        "huge-field": b'subject,clinic\nexample-01,"' + b"x" * 200_000 + b'"\n',
        "nul": b"subject,clinic\nexample-01,A\x00\n",
        "latin1": b"subject,clinic\ncaf\xe9,A\n",
        "no-column": b"who,where\na,b\n",
        "empty": b"",
        "two-groups": b"subject,clinic\nexample-01,A\nexample-01,B\n",
    }
    for name, data in groups.items():
        yield Case(f"cohort --groups {name}",
                   ["cohort", "ok.json", "--groups", "g.csv", "--by", "clinic", "-o", "t.csv"],
                   {"g.csv": data, "ok.json": valid}, outputs=("t.csv",))  # fmt: skip
    files = {"ok.json": valid, "c.jsonl": valid + b"\n"}
    long = "n" * 300
    yield Case("compare a folder", ["compare", "dir"], files, folders=("dir",))
    yield Case("render -d a folder", ["render", "-d", "dir", "-o", "o.svg"], files,
               folders=("dir",), outputs=("o.svg",))  # fmt: skip
    yield Case("render -p a folder", ["render", "-p", "dir/", "-o", "o.svg"], files,
               folders=("dir",), outputs=("o.svg",))  # fmt: skip
    yield Case("regions --chart a folder", ["regions", "--chart", "dir/"], files, folders=("dir",))
    yield Case("symlink loop", ["compare", "loop.json"], files, links={"loop.json": "loop.json"})
    yield Case("dangling symlink", ["compare", "gone.json"], files, links={"gone.json": "no.json"})
    yield Case("symlink to /dev/null", ["compare", "null.json"], files,
               links={"null.json": "/dev/null"})  # fmt: skip
    yield Case("unicode name", ["compare", "pijn-é-😀.json"], {**files, "pijn-é-😀.json": valid})
    yield Case("newline in name", ["compare", "a\nb.json"], {**files, "a\nb.json": b"{"})
    yield Case("dash name", ["compare", "--", "-d.json"], {**files, "-d.json": valid})
    yield Case("long input name", ["compare", long + ".json"], files)
    yield Case("long output name", ["render", "-o", long + ".svg"], files)
    yield Case("long cohort input", ["cohort", long + ".jsonl"], files)
    yield Case("long pattern name", ["render", "-p", long + ".json", "-o", "o.svg"], files)
    yield Case("long chart name", ["regions", "--chart", long + ".json"], files)
    yield Case("missing output folder", ["render", "-o", "no/such/o.svg"], files)
    yield Case("output is a folder", ["render", "-o", "dir.svg"], files, folders=("dir.svg",))
    yield Case("output = input", ["render", "-d", "ok.json", "-o", "o.svg", "--chart", "o.svg"],
               {**files, "o.svg": b"<svg/>"})  # fmt: skip
    yield Case("output via symlink", ["form", "--drawing", "ok.json", "-o", "l.html"], files,
               links={"l.html": "ok.json"})  # fmt: skip
    yield Case("cohort output = input", ["cohort", "c.jsonl", "-o", "c.jsonl"], files)
    yield Case("cohort two outputs", ["cohort", "c.jsonl", "-o", "t.csv", "--regions-out", "t.csv"],
               files, outputs=("t.csv",))  # fmt: skip
    yield Case("cohort jobs 1000", ["cohort", "c.jsonl", "ok.json", "-o", "t.csv", "-j", "1000"],
               files)  # fmt: skip
    yield Case("cohort crlf", ["cohort", "r.jsonl", "-o", "t.csv"],
               {"r.jsonl": valid + b"\r\n" + valid + b"\r\n"})  # fmt: skip
    yield Case("cohort stdin junk", ["cohort", "-", "-o", "t.csv"], files)
    yield from surface_runs(valid)
    yield Case("patterns", ["patterns", "--json"], {})
    yield Case("title control", ["render", "-o", "o.svg", "--title", "a\x01\x1b[31m$x"], {})
    yield Case("subject control", ["form", "-o", "f.html", "--subject", "a\x1bb"], {},
               outputs=("f.html",))  # fmt: skip


def surface_runs(valid: bytes) -> Iterator[Case]:
    """The runs of issue 25's surfaces: scan, report, handout, paper, fhir, codes, cohort."""
    work = Path(tempfile.mkdtemp())
    try:
        made = {name: (surface, suffix, make(work))
                for name, (surface, suffix, make) in surface_cases().items()
                if surface in ("scan", "cohort", "code table")}  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, (surface, suffix, data) in made.items():
        if surface == "scan":
            yield Case(name, ["scan", "in" + suffix, "--out-dir", "out"], {"in" + suffix: data},
                       folders=("out",))  # fmt: skip
            yield Case(name + " named .json", ["scan", "in.json"], {"in.json": data})
        elif surface == "cohort":
            yield Case(name, ["cohort", "in.jsonl", "ok.json", "-o", "t.csv"],
                       {"in.jsonl": data, "ok.json": valid})  # fmt: skip
        else:
            yield Case(name, ["cohort", "in.csv", "--codes-column", "c0", "--id-column", "pid",
                              "-o", "t.csv"], {"in.csv": data}, outputs=("t.csv",))  # fmt: skip
    for name, data in hostile_text_drawings():
        files = {"d.json": data, "ok.json": valid}
        yield Case(f"report {name}", ["report", "d.json", "-o", "r.pdf"], files,
                   outputs=("r.pdf",), allow=12.0)  # fmt: skip
        yield Case(f"paper {name}", ["paper", "--drawing", "d.json", "-o", "p.pdf"], files,
                   outputs=("p.pdf",), allow=3.0)  # fmt: skip
        yield Case(f"fhir {name}", ["fhir", "d.json", "-o", "b.json"], files,
                   outputs=("b.json",), allow=3.0)  # fmt: skip
    for system in ("urn:x\x1b[31m", "=cmd|x", "urn:" + "x" * 5000):
        yield Case(f"fhir --subject-system {system[:12]!r}",
                   ["fhir", "ok.json", "-o", "b.json", "--subject-system", system],
                   {"ok.json": valid}, outputs=("b.json",))  # fmt: skip
    notes = {
        "unclosed bold": b"**a " * 4999,
        "marks": ("a" + ACUTE * 6000).encode(),
        "4-byte chars": ("\U0001d54f" * 4900).encode(),
        "escapes": b"\x1b[31m\x07" * 2000,
    }
    for name, data in notes.items():
        yield Case(f"handout --notes {name}", ["handout", "--notes", "n.md", "-o", "h.pdf"],
                   {"n.md": data}, outputs=("h.pdf",), allow=6.0)  # fmt: skip
    for name, text in HOSTILE_TEXT.items():
        if "\x00" in text:
            continue  # not a command-line argument
        yield Case(f"handout --clinic {name}", ["handout", "--clinic", text[:60_000],
                                                "-o", "h.pdf"], {}, outputs=("h.pdf",),
                   allow=6.0)  # fmt: skip
    big = copy.deepcopy(PATTERN)
    big["bodymap"]["summary"] = {"en": "pain " * 180_000}
    yield Case("handout -p 912 KB pattern", ["handout", "-p", "p.json", "-o", "h.pdf"],
               {"p.json": dump(big)}, outputs=("h.pdf",), allow=6.0)  # fmt: skip
    scheme = json.loads((ROOT / "shapes" / "scheme-wpi.json").read_text())
    for code in ("a,b", "a;b", "a\x1b[31m", "a\u202eb"):
        doc = copy.deepcopy(scheme)
        doc["features"][0]["properties"]["code"] = code
        yield Case(f"codes --scheme code {code!r}", ["codes", "ok.json", "--scheme", "s.json"],
                   {"s.json": dump(doc), "ok.json": valid})  # fmt: skip
    for chart in ("../x.json", "/dev/zero"):
        doc = copy.deepcopy(scheme)
        doc["bodymap"]["chart"] = chart
        yield Case(f"codes --scheme chart {chart}", ["codes", "ok.json", "--scheme", "s.json"],
                   {"s.json": dump(doc), "ok.json": valid})  # fmt: skip


@dataclass
class Finding:
    case: str
    kinds: list[str]
    detail: str


def digests(folder: Path) -> dict[str, str]:
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run(case: Case, root: Path, startup: float, work: Path) -> tuple[Finding | None, float]:
    folder = Path(tempfile.mkdtemp(dir=work))
    try:
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        for name in case.folders:
            (folder / name).mkdir()
        for name, target in case.links.items():
            os.symlink(target, folder / name)
        before = digests(folder)
        env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "100"}
        started = time.monotonic()
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "bodymap", *case.args],
                cwd=folder,
                env=env,
                capture_output=True,
                timeout=TIMEOUT,
                stdin=subprocess.DEVNULL if case.args[1:2] != ["-"] else None,
                input=b"not json\n{}\n" if case.args[1:2] == ["-"] else None,
            )
        except subprocess.TimeoutExpired:
            return Finding(case.name, ["timeout"], f"over {TIMEOUT:g} s"), TIMEOUT
        elapsed = time.monotonic() - started
        err = proc.stderr.decode("utf-8", "replace")
        kinds = []
        if "Traceback (most recent call last)" in err:
            kinds.append("traceback")
        if proc.returncode not in (0, 1, 2):
            kinds.append(f"exit {proc.returncode}")
        if elapsed - startup - case.allow > SLOW:
            kinds.append("slow")
        lines = [line for line in err.splitlines() if line.strip()]
        # Successful commands also say on stderr what they wrote and checked; cohort and scan
        # go on after a bad input, one line each (scan: one per image or page).
        failed = proc.returncode != 0
        many = case.args[0] == "cohort" or (
            case.args[0] == "scan" and all(line.startswith(("Error: ", "wrote ")) for line in lines)
        )
        if failed and not many and len(lines) > 1 and "traceback" not in kinds:
            kinds.append("multi-line error")
        after = digests(folder)
        changed = [k for k in before if after.get(k) != before[k]]
        if changed:
            kinds.append("input changed")
        if (proc.returncode != 0 and case.args[0] != "cohort") or proc.returncode == 2:
            left = [o for o in case.outputs if (folder / o).exists() and o not in before]
            if left:
                kinds.append("partial output")
        if any(p.name.endswith(".tmp") for p in folder.rglob(".*")):
            kinds.append("temporary file left")
        if not kinds:
            return None, elapsed
        last = (lines or ["(no stderr)"])[-1][:160]
        detail = f"exit {proc.returncode}, {elapsed:.1f} s: {last}"
        return Finding(case.name, kinds, detail), elapsed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="source tree to test")
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (2)")
    parser.add_argument("--only", nargs="*", help="run only cases whose name contains one of these")
    args = parser.parse_args()
    all_cases = [c for c in cases() if not args.only or any(o in c.name for o in args.only)]
    env = {**os.environ, "PYTHONPATH": str(args.root)}
    times = []
    for _ in range(3):  # start-up: the imports and the chart, as every command has them
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "bodymap", "regions"], env=env, capture_output=True)
        times.append(time.monotonic() - started)
    startup = sorted(times)[1]
    inputs = len({(tuple(c.files.items()), tuple(c.links.items())) for c in all_cases})
    print(f"{len(all_cases)} runs of {inputs} inputs; start-up {startup:.2f} s; "
          f"testing {args.root}")  # fmt: skip
    findings: list[Finding] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory() as work, ThreadPoolExecutor(args.jobs) as pool:
        runs = pool.map(lambda c: (c, *run(c, args.root, startup, Path(work))), all_cases)
        for case, finding, elapsed in runs:
            if finding is not None and finding.kinds == ["slow"]:  # the machine may be busy:
                finding, elapsed = run(case, args.root, startup, Path(work))  # run it again
            slowest = max(slowest, elapsed)
            if finding is not None:
                findings.append(finding)
                print(f"  {', '.join(finding.kinds):28s} {finding.case[:60]:60s} {finding.detail}")
                sys.stdout.flush()
    counts = Counter(kind.split()[0] if kind.startswith("exit") else kind
                     for f in findings for kind in f.kinds)  # fmt: skip
    summary = ", ".join(f"{n} {k}" for k, n in counts.most_common()) or "none"
    print(f"{len(findings)} of {len(all_cases)} runs flagged ({summary}); slowest run "
          f"{slowest:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
