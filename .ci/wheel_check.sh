#!/usr/bin/env bash
# Install a built wheel into a fresh venv outside the repository and check that it carries
# its data: `bodymap render` must work from an empty temporary folder.
set -euo pipefail
wheel=$(readlink -f "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet "$wheel"
cd "$tmp"
"$tmp/venv/bin/bodymap" render >/dev/null
"$tmp/venv/bin/bodymap" render -o handout.png --lang nl >/dev/null
"$tmp/venv/bin/bodymap" form -o form.html --subject wheel-check >/dev/null
cat > drawing.json <<'JSON'
{"type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1},
 "features": [{"type": "Feature", "properties": {"view": "front"},
   "geometry": {"type": "Polygon", "coordinates": [[[4, 86], [11, 93], [9, 84], [4, 86]]]}}]}
JSON
"$tmp/venv/bin/bodymap" compare drawing.json --json > compare.json
"$tmp/venv/bin/bodymap" rank drawing.json --top 3 --kind muscle,organ >/dev/null
"$tmp/venv/bin/bodymap" atlas nerve -o atlas.svg >/dev/null
"$tmp/venv/bin/bodymap" schemes choir --json > choir.json
"$tmp/venv/bin/bodymap" from-codes 101,b07 --scheme choir -o codes.json >/dev/null
test "$("$tmp/venv/bin/bodymap" codes codes.json --scheme choir)" = "101,207"
# The optional extras are not installed here: one line saying what to install, exit 1.
if "$tmp/venv/bin/bodymap" handout -o h.pdf 2> handout.err; then exit 1; fi
grep -q "pip install 'bodymap\[pdf\]'" handout.err && test "$(wc -l < handout.err)" -eq 1
test ! -e h.pdf
"$tmp/venv/bin/python" - <<'PY'
import pathlib, xml.etree.ElementTree as ET
import bodymap
root = ET.parse("iliopsoas.svg").getroot()
assert root.tag.endswith("svg"), root.tag
assert pathlib.Path("handout.png").stat().st_size > 10_000
assert "<svg" in pathlib.Path("form.html").read_text()
import json
assert json.loads(pathlib.Path("compare.json").read_text())["recall"] > 0
assert "site-packages" in str(bodymap.load_chart().path), bodymap.load_chart().path
assert len(json.loads(pathlib.Path("choir.json").read_text())["areas"]) == 74
assert len(bodymap.pattern_names()) >= 137
assert ET.parse("atlas.svg").getroot().tag.endswith("svg")
print("wheel check: ok, data from", bodymap.load_chart().path.parent)
PY
