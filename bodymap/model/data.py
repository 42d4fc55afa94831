"""One loader for all of bodymap's data files.

Charts and referral patterns are GeoJSON-style ``FeatureCollection`` files with a foreign
member ``bodymap`` that carries their metadata (kind, version, units, sources).  The built-in
files live in the ``shapes/`` folder, which the wheel installs as ``bodymap/shapes``; a
built-in name such as ``"iliopsoas"`` and a user's own path both work everywhere a data file
is asked for.  Built-in names match whatever their case (``dermatome-L5``); an unknown one
raises :class:`~bodymap.core.errors.UnknownNameError`, which suggests the closest names.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from shapely.geometry.base import BaseGeometry

from bodymap.core.choices import PATTERN_KINDS
from bodymap.core.errors import DataError, match_name
from bodymap.core.geometry import from_geojson
from bodymap.core.jsonio import JSONProblem, read_json_file
from bodymap.core.paths import name_problem, os_problem
from bodymap.core.text import show_value

__all__ = [
    "builtin_names",
    "data_dir",
    "data_geometry",
    "load_cached",
    "looks_like_path",
    "read_data",
    "resolve",
    "text_member",
    "texts_member",
]

#: Data-file format versions this release reads, per kind.
SUPPORTED_VERSIONS: Mapping[str, tuple[int, ...]] = {"chart": (1,), "pattern": (1,), "scheme": (1,)}

#: The values of ``bodymap.kind`` each kind of data file may have.  A pattern file names the
#: kind of its pattern there (see :data:`~bodymap.core.choices.PATTERN_KINDS`); the legacy
#: value ``"pattern"`` and a missing kind are read as ``"muscle"``.
_FILE_KINDS: Mapping[str, tuple[object, ...]] = {
    "chart": ("chart",),
    "pattern": ("pattern", None, *PATTERN_KINDS),
    "scheme": ("scheme",),
}

PathLike = str | os.PathLike[str]
T = TypeVar("T")


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """Return the folder that holds the built-in data files.

    Installed from a wheel, the data sit inside the package (``bodymap/shapes``); in a
    source checkout they are the repository's top-level ``shapes/`` folder.
    """
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "shapes", here.parent / "shapes"):
        if candidate.is_dir():
            return candidate
    raise DataError(f"{here}: bodymap's data folder 'shapes' is missing from the installation")


def builtin_names(kind: str) -> tuple[str, ...]:
    """Names of the built-in data files of a kind (chart, pattern, scheme), sorted.

    The folder is listed again only when it changed (its modification time), so that looking
    a name up stays cheap when every built-in pattern is loaded in turn.
    """
    folder = data_dir()
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = -1
    return _listed_names(folder, kind, stamp)


@lru_cache(maxsize=16)
def _listed_names(folder: Path, kind: str, stamp: int) -> tuple[str, ...]:
    prefix = f"{kind}-"
    return tuple(
        sorted(p.name[len(prefix) : -len(".json")] for p in folder.glob(f"{prefix}*.json"))
    )


def looks_like_path(name: str) -> bool:
    """Whether a name given for a data file is a path (a ``.json`` name or one with a slash)."""
    return name.endswith(".json") or os.sep in name or "/" in name


def resolve(kind: str, name_or_path: PathLike) -> Path:
    """Turn a built-in name or a path into the path of a data file.

    Parameters
    ----------
    kind
        ``"chart"`` or ``"pattern"``.
    name_or_path
        A built-in name (``"adult"``, ``"iliopsoas"``, in any case) or the path of a JSON
        file.

    Raises
    ------
    UnknownNameError
        If a bare name is not built in; the message suggests the closest built-in names.
    DataError
        If a path does not exist.
    """
    if not isinstance(name_or_path, (str, os.PathLike)):
        raise DataError(f"a {kind} must be a name or a path, not {show_value(name_or_path)}")
    if isinstance(name_or_path, os.PathLike) or looks_like_path(str(name_or_path)):
        path = Path(name_or_path)
        problem = name_problem(path)
        if problem is not None:
            raise DataError(f"{path}: {problem}")
        try:
            if path.is_dir():
                raise DataError(f"{path}: is a folder, not a {kind} file")
            if not path.is_file():
                raise DataError(f"{path}: no such {kind} file")
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {os_problem(exc)}") from None
        return path
    name = match_name(kind, str(name_or_path), builtin_names(kind))
    return data_dir() / f"{kind}-{name}.json"


def read_data(path: Path, kind: str, shown: Path | None = None) -> dict[str, Any]:
    """Read and check the envelope of a chart or pattern file.

    Returns the parsed document.  Raises :class:`DataError` naming the file (as ``shown``,
    if given) when it is not JSON, not a ``FeatureCollection``, not of the expected kind or
    of an unknown version.
    """
    read_from = path
    path = shown if shown is not None else path
    try:
        doc = read_json_file(read_from, f"{kind} file")
    except JSONProblem as exc:
        raise DataError(f"{path}: {exc}") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError(f"{path}: not a GeoJSON FeatureCollection")
    meta = doc.get("bodymap")
    if not isinstance(meta, dict):
        raise DataError(f"{path}: missing the 'bodymap' metadata block")
    if meta.get("kind") not in _FILE_KINDS[kind]:
        raise DataError(f"{path}: is a {meta.get('kind')!r} file, not a {kind!r} file")
    version = meta.get("version")
    if version not in SUPPORTED_VERSIONS[kind]:
        raise DataError(f"{path}: unsupported {kind} format version {version!r}")
    if not isinstance(doc.get("features"), list):
        raise DataError(f"{path}: 'features' must be a list")
    return doc


# Room for the whole built-in library (about 150 patterns, charts, schemes) and more.
@lru_cache(maxsize=1024)
def _load_file(
    kind: str,
    build: Callable[[dict[str, Any], Path], Any],
    resolved: Path,
    mtime_ns: int,
    size: int,
    shown: Path,
) -> Any:
    return build(read_data(resolved, kind, shown), shown)


def load_cached(kind: str, name_or_path: PathLike, build: Callable[[dict[str, Any], Path], T]) -> T:
    """Resolve, read, check and build a data file, through a cache.

    The cache is keyed by the file's resolved path, modification time and size, so an
    unchanged file gives the same (immutable) object and an edited one is read again.
    Error messages name the path as the user gave it.
    """
    path = resolve(kind, name_or_path)
    try:
        stat = path.stat()
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        reason = os_problem(exc) if isinstance(exc, OSError) else "a loop of symbolic links"
        raise DataError(f"{path}: cannot read: {reason}") from None
    return cast(T, _load_file(kind, build, resolved, stat.st_mtime_ns, stat.st_size, path))


# --- checks of the members of data files -----------------------------------------------------


def text_member(where: object, value: Any, what: str, default: str | None = None) -> str:
    """``value`` if it is text (``default`` if it is missing), else a :class:`DataError`."""
    if value is None and default is not None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: {what} must be text, not {show_value(value)}")
    return value


def texts_member(where: object, value: Any, what: str) -> dict[str, str]:
    """``value`` if it is an object of texts by language (``{}`` if missing), else an error."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise DataError(
            f"{where}: {what} must be an object of texts by language, not {show_value(value)}"
        )
    return dict(value)


def data_geometry(where: object, raw: Any, types: tuple[str, ...], what: str) -> BaseGeometry:
    """The geometry of a data file's feature, checked strictly (see ``from_geojson``)."""
    try:
        return from_geojson(raw, types)
    except ValueError as exc:
        raise DataError(f"{where}: {what}: {exc}") from None
