"""The sphinx-gallery image scraper of bodymap's gallery.

bodymap draws without pyplot, so sphinx-gallery's matplotlib scraper sees none of its
figures.  This scraper looks, after each code block of an example, at the example's globals
for figures the block made: a :class:`bodymap.Diagram` (saved as PNG), a typeset
:class:`bodymap.Document` (its pages rendered to PNG with pypdfium2) and a matplotlib
``Figure``.  Each object is shown once, in the block that made it.
"""

from __future__ import annotations

from typing import Any

from sphinx_gallery.scrapers import figure_rst

#: Resolution of the gallery's PNG images (the thumbnails are made from the first one).
DPI = 110


def _pdf_pages(pdf: bytes, paths: Any) -> list[str]:
    import pypdfium2

    written = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            path = next(paths)
            page.render(scale=DPI / 72).to_pil().save(path)
            written.append(path)
    finally:
        document.close()
    return written


def scraper(block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]) -> str:
    """Save the figures the block made and return the reST that shows them."""
    from matplotlib.figure import Figure

    import bodymap

    # block_vars is one dict per example, so the ids seen are the example's own
    seen: set[int] = block_vars.setdefault("bodymap_seen", set())
    paths = block_vars["image_path_iterator"]
    images: list[str] = []
    for name, value in list(block_vars["example_globals"].items()):
        if name.startswith("_") or id(value) in seen:
            continue
        if isinstance(value, bodymap.Diagram):
            seen.add(id(value))
            images.append(str(value.save(next(paths), dpi=DPI)))
        elif isinstance(value, bodymap.Document):
            seen.add(id(value))
            images.extend(_pdf_pages(value.pdf, paths))
        elif isinstance(value, Figure):
            seen.add(id(value))
            path = next(paths)
            value.savefig(path, dpi=DPI)
            images.append(path)
    return figure_rst(images, gallery_conf["src_dir"])


def setup(app: Any) -> dict[str, Any]:
    """A Sphinx extension only so that the module is importable by name."""
    return {"parallel_read_safe": True, "version": "1"}


__all__ = ["scraper"]
