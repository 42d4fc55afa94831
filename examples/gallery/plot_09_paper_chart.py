"""
The paper chart and its scan
============================

Patients who prefer pen and paper get a printed A4 chart with corner markers and a QR code;
``bodymap scan`` reads a photo or scan of it back into a drawing.  Here a chart is printed
with a drawing's marks in blue pen (as ``bodymap paper --drawing`` does), saved as a
150 dpi image as a flat scanner would, and read back.  Needs ``pip install
'bodymap[paper]'``.
"""

import tempfile
from pathlib import Path

import bodymap
from bodymap.apps.paper import make_paper
from bodymap.apps.scan import load_pages, read_page

drawing = bodymap.load_drawing(Path("../drawings") / "neck-shoulder-left.json")
page = make_paper(subject="P-017", drawing=drawing, page_id="demo")

scan = page.save(Path(tempfile.mkdtemp()) / "scan.png", dpi=150)
((name, image),) = load_pages(scan)
read_back = read_page(image, source=name)
print(f"marked {drawing.area():.0f} cm², read back {read_back.area():.0f} cm²")

figure = bodymap.render(pattern=None, drawing=read_back, title="Read back from the scan")
