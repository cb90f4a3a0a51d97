"""Load the demo files through the normal pipeline: one batch per file, places first; then, as the
street office does each quarter, freeze the property ranking of every quarter that ended by the
export moment (``jiedao rate --publish``'s own code, oldest first, so the consecutive-yellow rule reads
published tiers); then a single published snapshot. The kind of each file is known (the demo wrote
it), so it is passed explicitly instead of being guessed from the headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console

from jiedao import db, rating
from jiedao.rating_inputs import bounds
from pipelines.__main__ import load_progress, writer_lock
from pipelines.load import LoadResult, load_file, order_key
from pipelines.publish import publish
from pipelines.rate import freeze

# A quarter's ranking is published this long after the quarter ends (fixed, so runs repeat exactly).
PUBLISHED_AFTER = dt.timedelta(days=10)

console = Console()


def load_all(
    written: list[tuple[Path, str]], quiet: bool = False, cutoff: dt.datetime | None = None
) -> list[LoadResult]:
    """Load every file; with ``cutoff`` (the export moment) also freeze the quarters ended by then."""
    ordered = sorted(written, key=lambda item: (order_key(item[1]), item[0].name))
    results = []
    with writer_lock():
        con = db.connect(db.warehouse_path())
        try:
            with load_progress(console, quiet) as progress:
                task = progress.add_task("导入 ingest", total=len(ordered))
                for path, kind in ordered:
                    progress.update(task, description=f"导入 {path.name}")
                    results.append(load_file(con, path, kind=kind))
                    progress.advance(task)
            if cutoff is not None:
                publish_ratings(con, cutoff)
        finally:
            con.close()
        publish()
    return results


def publish_ratings(con, cutoff: dt.datetime) -> list[str]:
    """Freeze revision 1 of every quarter with inspection or survey records that ended by ``cutoff``."""
    quarters = [
        q
        for (q,) in db.rows(
            con, "SELECT DISTINCT quarter FROM property_inspection UNION SELECT quarter FROM resident_survey"
        )
    ]
    frozen = []
    for quarter in sorted(quarters):
        end = bounds(quarter)[1]
        if end <= cutoff:
            freeze(con, rating.rate(con, quarter), now=end + PUBLISHED_AFTER)
            frozen.append(quarter)
    return frozen


def report(results: list[LoadResult], folder: Path, generated: float, loaded: float) -> None:
    rows = sum(r.rows_loaded for r in results)
    rejected = [r for r in results if r.rows_rejected]
    console.print(
        f"演示街道 岳阳楼街道: {len(results)} 个文件写入 {folder}（生成 {generated:.1f} 秒）/ files written"
    )
    console.print(
        f"导入 {rows:,} 行（{loaded:.1f} 秒），隔离 {sum(r.rows_rejected for r in rejected)} 行 / rows loaded, quarantined"
    )
    for r in rejected:
        console.print(f"  {r.file}: 隔离 {r.rows_rejected} 行 — 查看: jiedao rejected --batch {r.batch_id}")
    for r in results:
        if r.status == "failed":
            console.print(f"[red]{r.file}: {r.message}[/red]")
