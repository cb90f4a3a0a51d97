"""The in-app face of the pipeline: the data page's uploads go through exactly the functions the
CLI uses (``pipelines.__main__.ingest``: writer lock, dependency order, one atomic batch per file,
publish). This module and ``pages/data_import.py`` are the only app code that imports
``pipelines``; the rest of ``jiedao`` never does.

Uploaded files are kept, with their original names, in ``data/inbox/uploads/<timestamp>/``: what
was loaded can always be found again. Nothing here draws on the screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Protocol

from jiedao import config
from pipelines import sources
from pipelines.__main__ import ingest
from pipelines.load import LoadResult
from pipelines.mapping import SHIPPED, MappingError, load_mapping
from pipelines.readers import ReadError, detect_encoding, sniff_format

CRS_CHOICES = ("WGS84", "GCJ02", "BD09")
ACCEPTED_TYPES = ("csv", "txt", "xlsx", "parquet", "json", "geojson")
# MappingError is re-exported: the page shows its bilingual message when a mapping is refused.
__all__ = [
    "Check",
    "MappingError",
    "Options",
    "check",
    "commit",
    "kinds",
    "save",
    "shipped_mappings",
    "uploads_dir",
]


class Upload(Protocol):
    """What Streamlit's UploadedFile offers and this module needs."""

    name: str
    file_id: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class Options:
    """The ingest options of the data page, as ``jiedao ingest`` takes them (None = automatic)."""

    kind: str | None = None
    mapping: str | None = None  # a shipped mapping's name or a saved TOML's path
    crs: str | None = None
    sheet: str | None = None
    ignore_unknown: bool = False

    def key(self) -> tuple:
        return astuple(self)


@dataclass(frozen=True)
class Check:
    """A file's dry run with what was detected about it."""

    result: LoadResult
    format: str | None
    encoding: str | None


def kinds() -> dict[str, tuple[str, str]]:
    """Source kinds in load order, with their Chinese and English names."""
    ordered = sorted(sources.CONTRACTS.values(), key=lambda c: (c.order, c.kind))
    return {c.kind: (c.zh, c.en) for c in ordered}


def shipped_mappings() -> list[str]:
    """Names of the mappings shipped in pipelines/mappings/ (may be none)."""
    return sorted(p.stem for p in SHIPPED.glob("*.toml")) if SHIPPED.exists() else []


def uploads_dir(now: dt.datetime | None = None) -> Path:
    """A new folder ``data/inbox/uploads/<YYYYmmdd-HHMMSS-ffffff>/`` for one set of uploads."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return config.data_dir() / "inbox" / "uploads" / stamp


def _free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``name (2).ext`` … when two uploads share a name."""
    path, n = folder / name, 2
    while path.exists():
        path = folder / f"{Path(name).stem} ({n}){Path(name).suffix}"
        n += 1
    return path


def save(files: list[Upload], folder: Path) -> list[Path]:
    """Write the uploads into ``folder`` under their original names (any directory part dropped)."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for upload in files:
        path = _free_name(folder, Path(upload.name).name or "upload")
        path.write_bytes(upload.getvalue())
        saved.append(path)
    return saved


def detected(path: Path) -> tuple[str | None, str | None]:
    """(format, encoding) as the readers detect them; encoding only for text formats."""
    try:
        fmt = sniff_format(path)
        return fmt, detect_encoding(path) if fmt in ("csv", "json", "geojson", "open311") else None
    except ReadError:
        return None, None


def _ingest(paths: list[Path], options: Options, *, dry_run: bool) -> list[LoadResult]:
    """``jiedao ingest`` on these files; a bad mapping raises MappingError before anything runs."""
    if options.mapping:
        load_mapping(options.mapping)
    return ingest(
        [str(p) for p in paths],
        kind=options.kind,
        mapping=options.mapping,
        sheet=options.sheet,
        crs=options.crs,
        ignore_unknown=options.ignore_unknown,
        dry_run=dry_run,
        quiet=True,
    )


def check(paths: list[Path], options: Options) -> list[Check]:
    """Dry run (nothing written): per file the detected kind, format and encoding, rows read,
    accepted and rejected, and the rejected rows with reasons (first 500), in load order."""
    by_name = {p.name: detected(p) for p in paths}
    return [Check(r, *by_name.get(r.file, (None, None))) for r in _ingest(paths, options, dry_run=True)]


def commit(paths: list[Path], options: Options) -> list[LoadResult]:
    """Load the files for real, one batch each, and publish a snapshot when anything was written."""
    return _ingest(paths, options, dry_run=False)
