"""The deterministic demo street 岳阳楼街道: ``python -m pipelines demo``.

Writes a street office's source files into ``data/inbox/demo/`` (rosters as XLSX with title rows,
the grid map as GCJ-02 GeoJSON, grid events and patrols as monthly CSV, 12345 tickets as monthly
GB18030 CSV, quarterly inspections and surveys as XLSX), then loads them through the normal
pipeline (``pipelines.load.load_file``, places first) and publishes one snapshot. The same seed and
as-of month give byte-identical files and identical warehouse contents. data/README.md describes
the street and every planted fact.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from rich.console import Console

from jiedao import config, db
from pipelines.demo import files, street
from pipelines.demo.spec import Spec, default_as_of, parse_as_of

MARKER = ".jiedao-demo"  # a folder holding this file was written by the demo and may be rewritten
console = Console()


def default_out() -> Path:
    return config.data_dir() / "inbox" / "demo"


def warehouse_has_data() -> bool:
    """True once any batch has been loaded into the warehouse (by the demo or by a user)."""
    path = db.warehouse_path()
    if not path.exists():
        return False
    con = db.connect(path, read_only=True)
    try:
        return bool(db.scalar(con, "SELECT count(*) FROM load_log WHERE status IN ('loaded', 'partial')"))
    finally:
        con.close()


def prepare(out: Path) -> None:
    """An empty folder, or one the demo wrote before (its old files are removed); anything else is refused."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(
                f"{out} 不是演示数据目录且不为空，拒绝写入 / {out} is not empty and not a demo folder; refusing to write"
            )
        for path in out.iterdir():
            if path.is_file():
                path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(
        "written by `python -m pipelines demo`; rewritten on every run\n", encoding="utf-8"
    )


def generate(spec: Spec, out: Path) -> list[tuple[Path, str]]:
    """Write every file of the demo street into ``out``; (path, contract kind) in load order."""
    prepare(out)
    return files.write_all(street.build(spec), out)


def make_spec(seed: int, scale: float, as_of: str | dt.date | None, boundary: str | Path | None) -> Spec:
    """The run's Spec; the as-of month must be over (its activity is complete and in the past)."""
    month = parse_as_of(as_of) if isinstance(as_of, str) else (as_of or default_as_of())
    if month >= dt.date.today().replace(day=1):
        raise ValueError(
            f"--as-of {month:%Y-%m} 尚未结束，请选择已结束的月份 / the as-of month must be over (before this month)"
        )
    return Spec(seed=seed, scale=scale, as_of=month, boundary=Path(boundary) if boundary else None)


def main(
    seed: int = 2026,
    scale: float = 1,
    if_empty: bool = False,
    as_of: str | dt.date | None = None,
    out: str | Path | None = None,
    boundary: str | Path | None = None,
    quiet: bool = False,
) -> int:
    if if_empty and warehouse_has_data():
        console.print("仓库已有数据，跳过演示数据生成 / the warehouse already holds data; demo not generated")
        return 0
    try:
        spec = make_spec(seed, scale, as_of, boundary)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return 2
    target = Path(out) if out else default_out()
    started = time.perf_counter()
    written = generate(spec, target)
    generated = time.perf_counter() - started
    from pipelines.demo.ingest import load_all, report

    results = load_all(written, quiet=quiet, cutoff=spec.cutoff)
    loaded = time.perf_counter() - started - generated
    if not quiet:
        report(results, target, generated, loaded)
    return 1 if any(r.status == "failed" for r in results) else 0
