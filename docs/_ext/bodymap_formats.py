"""Write the file formats' JSON Schemas and the readers' answers at build time.

For every format of :data:`bodymap.model.formats.FORMATS` this writes
``reference/schemas/KIND.schema.json`` (from :func:`bodymap.model.formats.json_schema`, the
rules the readers check) and ``reference/schemas/KIND-invalid.txt``, the one-line error the
reader gives for the invalid example ``reference/examples/KIND-invalid.json``.  The formats
page includes both, so neither is typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generated import write_if_changed

from bodymap.model.formats import FORMATS, json_schema


def reader_error(kind: str, path: Path) -> str:
    """The error message bodymap's reader gives for the file ``path`` of format ``kind``."""
    import bodymap
    from bodymap.model.chart import load_chart

    loaders = {
        "drawing": bodymap.load_drawing,
        "pattern": bodymap.load_pattern,
        "chart": load_chart,
        "scheme": bodymap.load_scheme,
    }
    try:
        loaders[kind](str(path))
    except bodymap.BodymapError as exc:
        return f"Error: {exc}"
    raise RuntimeError(f"{path}: the invalid example of the {kind} format was read without error")


def _write(app: Any, config: Any = None) -> None:
    root = Path(app.srcdir) / "reference"
    out = root / "schemas"
    out.mkdir(parents=True, exist_ok=True)
    for kind in FORMATS:
        text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        write_if_changed(out / f"{kind}.schema.json", text)
        example = Path("examples") / f"{kind}-invalid.json"
        message = reader_error(kind, root / example).replace(str(root / example), example.name)
        write_if_changed(out / f"{kind}-invalid.txt", message + "\n")


def setup(app: Any) -> dict[str, Any]:
    """Write the schemas when the configuration is read."""
    app.connect("config-inited", _write)
    return {"parallel_read_safe": True, "version": "1"}
