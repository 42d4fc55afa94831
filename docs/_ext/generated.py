"""Writing the pages the documentation's extensions generate.

A generated page is written only when its text changed, so that Sphinx rebuilds only the
pages whose source changed.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` (making its folder) unless it holds it; True if written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
