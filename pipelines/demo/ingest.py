"""Load the demo files through the normal pipeline: one batch per file, places first, then a
single published snapshot. The kind of each file is known (the demo wrote it), so it is passed
explicitly instead of being guessed from the headers."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from jiedao import db
from pipelines.__main__ import writer_lock
from pipelines.load import LoadResult, load_file, order_key
from pipelines.publish import publish

console = Console()


def load_all(written: list[tuple[Path, str]], quiet: bool = False) -> list[LoadResult]:
    ordered = sorted(written, key=lambda item: (order_key(item[1]), item[0].name))
    results = []
    with writer_lock():
        con = db.connect(db.warehouse_path())
        try:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=console,
                disable=quiet,
                transient=True,
            ) as progress:
                task = progress.add_task("导入 ingest", total=len(ordered))
                for path, kind in ordered:
                    progress.update(task, description=f"导入 {path.name}")
                    results.append(load_file(con, path, kind=kind))
                    progress.advance(task)
        finally:
            con.close()
        publish()
    return results


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
