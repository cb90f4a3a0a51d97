"""``python -m pipelines`` / ``jiedao``: ingest files, inspect loads and quarantine, publish.

jiedao ingest PATH... [--source KIND] [--mapping FILE] [--sheet NAME] [--crs GCJ02] [--dry-run]
jiedao status [--limit N]
jiedao rejected [--batch ID] [--limit N]
jiedao publish
jiedao demo [--seed N] [--scale K] [--as-of YYYY-MM] [--out DIR] [--boundary FILE] [--if-empty]
jiedao rate --quarter 2026Q3 [--publish]
"""

from __future__ import annotations

import argparse
import fcntl
import glob
import sys
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jiedao import db
from pipelines import sources
from pipelines.load import LoadError, LoadResult, guess_kind, load_file, order_key
from pipelines.mapping import MappingError, load_mapping
from pipelines.publish import publish
from pipelines.readers import ReadError
from pipelines.write import PREVIEW_ROWS, rejected_messages

SUPPORTED = {".csv", ".txt", ".xlsx", ".parquet", ".json", ".geojson"}
console = Console()


def load_progress(console: Console, quiet: bool) -> Progress:
    """The progress bar of a run of loads (file name, bar, files done, time); gone when it ends."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    )


@contextmanager
def writer_lock():
    """One writer at a time: a second load waits instead of failing on DuckDB's file lock."""
    path = db.warehouse_path().with_suffix(".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def expand(paths: list[str]) -> list[Path]:
    """Files, folders (recursively) and globs → supported files, in a stable order."""
    found: list[Path] = []
    for item in paths:
        matches = [Path(p) for p in glob.glob(item, recursive=True)] or [Path(item)]
        for path in matches:
            if path.is_dir():
                found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED and p.is_file())
            else:
                found.append(path)
    return list(dict.fromkeys(found))


def ordered(con, files: list[Path], kind: str | None, mapping) -> list[Path]:
    """Places before the rows that point at them: sort a folder by each file's contract order."""
    if kind or mapping or len(files) < 2:
        return files
    keyed = []
    for path in files:
        try:
            keyed.append((order_key(guess_kind(con, path)), str(path), path))
        except Exception:  # unreadable files are reported by the load itself, last
            keyed.append((99, str(path), path))
    return [p for *_, p in sorted(keyed)]


def ingest(
    paths: list[str],
    *,
    kind=None,
    mapping=None,
    sheet=None,
    crs=None,
    ignore_unknown=False,
    dry_run=False,
    do_publish=True,
    quiet=False,
) -> list[LoadResult]:
    files = expand(paths)
    if not files:
        raise LoadError(f"没有找到要导入的文件 / no files to ingest in: {' '.join(paths)}")
    mapping_obj = load_mapping(mapping) if mapping else None
    results = []
    with writer_lock():
        con = db.connect(db.warehouse_path())
        try:
            files = ordered(con, files, kind, mapping_obj)
            with load_progress(console, quiet) as progress:
                task = progress.add_task("导入 ingest", total=len(files))
                for path in files:
                    progress.update(task, description=f"导入 {path.name}")
                    results.append(
                        load_file(
                            con,
                            path,
                            kind=kind,
                            mapping=mapping_obj,
                            sheet=sheet,
                            crs=crs,
                            ignore_unknown=ignore_unknown,
                            dry_run=dry_run,
                        )
                    )
                    progress.advance(task)
        finally:
            con.close()
        if do_publish and not dry_run and any(r.status in ("loaded", "partial", "rejected") for r in results):
            version = publish()
            if not quiet:
                console.print(f"已发布快照 published snapshot [bold]{version}[/bold]")
    return results


def print_results(results: list[LoadResult]) -> None:
    table = Table(title="导入结果 / load results")
    for header in (
        "文件 file",
        "类型 kind",
        "状态 status",
        "读取 read",
        "导入 loaded",
        "隔离 rejected",
        "替换 replaced",
        "批次 batch",
        "秒 s",
    ):
        table.add_column(header)
    for r in results:
        colour = {"loaded": "green", "partial": "yellow", "rejected": "red", "failed": "red"}.get(
            r.status, "white"
        )
        table.add_row(
            r.file,
            r.kind or "?",
            f"[{colour}]{r.status}[/{colour}]",
            str(r.rows_read),
            str(r.rows_loaded),
            str(r.rows_rejected),
            str(r.rows_replaced),
            str(r.batch_id or ""),
            f"{r.seconds:.2f}",
        )
    console.print(table)
    for r in results:
        if r.status in ("failed", "unchanged") or (r.message and r.status != "loaded"):
            console.print(
                f"{r.file}: {r.message}" if r.status != "failed" else r.message, markup=False, soft_wrap=True
            )
        if r.rejected_preview:
            for item in r.rejected_preview[:PREVIEW_ROWS]:
                console.print(f"  {item['message']}", markup=False, soft_wrap=True)
            if r.rows_rejected > PREVIEW_ROWS:
                console.print(
                    f"  …… 共 {r.rows_rejected} 行被隔离 / {r.rows_rejected} rows quarantined in all: "
                    f"jiedao rejected --batch {r.batch_id}"
                )


def cmd_status(limit: int) -> None:
    con = db.connect(db.warehouse_path())
    found = db.rows(
        con,
        "SELECT batch_id, started_at, file_name, source_kind, status, rows_read, rows_loaded, "
        "rows_rejected, rows_replaced, message FROM load_log ORDER BY batch_id DESC LIMIT ?",
        [limit],
    )
    table = Table(title="最近导入 / recent loads")
    for header in ("批次", "时间", "文件", "类型", "状态", "读取", "导入", "隔离", "替换"):
        table.add_column(header)
    for row in found:
        table.add_row(str(row[0]), row[1].strftime("%Y-%m-%d %H:%M:%S"), *[str(v) for v in row[2:9]])
    console.print(table)
    counts = Table(title="数据表行数 / table rows")
    counts.add_column("表 table")
    counts.add_column("行数 rows", justify="right")
    for contract in sorted(sources.CONTRACTS.values(), key=lambda c: c.order):
        counts.add_row(
            f"{contract.zh} {contract.table}", f"{db.scalar(con, f'SELECT count(*) FROM {contract.table}'):,}"
        )
    console.print(counts)
    console.print(f"当前快照 current snapshot: {db.current_version() or '（未发布 none）'}")


def cmd_rejected(batch: int | None, limit: int) -> int:
    con = db.connect(db.warehouse_path())
    batch = batch or db.scalar(con, "SELECT max(batch_id) FROM rejected_rows")
    if batch is None:
        console.print("没有被隔离的行 / no quarantined rows")
        return 0
    name = db.scalar(con, "SELECT file_name FROM load_log WHERE batch_id = ?", [batch])
    if name is None:
        console.print(f"[red]批次 #{batch} 不存在 / batch #{batch} does not exist[/red]")
        return 2
    raws = db.rows(
        con,
        "SELECT row_json FROM rejected_rows WHERE batch_id = ? ORDER BY source_row LIMIT ?",
        [batch, limit],
    )
    total = db.scalar(con, "SELECT count(*) FROM rejected_rows WHERE batch_id = ?", [batch])
    console.print(f"批次 batch #{batch} {name}: {total} 行被隔离 rows quarantined")
    for message, (raw,) in zip(rejected_messages(con, batch, limit), raws, strict=True):
        console.print(message, markup=False, soft_wrap=True)
        console.print(f"  {raw}", markup=False, soft_wrap=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jiedao", description="街道治理驾驶舱 数据管道 / Jiedao pipelines")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="导入文件 load files (folders and globs too)")
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--source", choices=sorted(sources.CONTRACTS), help="数据类型 kind of data (default: from headers)"
    )
    p.add_argument("--mapping", help="列映射 TOML mapping file (or the name of a shipped one)")
    p.add_argument("--sheet", help="Excel 工作表名 sheet name (default: first)")
    p.add_argument("--crs", choices=["WGS84", "GCJ02", "BD09"], help="坐标系 coordinate system of the file")
    p.add_argument("--ignore-unknown", action="store_true", help="忽略未知列 skip unknown columns")
    p.add_argument("--dry-run", action="store_true", help="只校验不写入 validate only")
    p.add_argument("--no-publish", action="store_true", help="不发布快照 do not publish a snapshot")
    s = sub.add_parser("status", help="最近导入与行数 recent loads and row counts")
    s.add_argument("--limit", type=int, default=20)
    r = sub.add_parser("rejected", help="查看隔离行 show quarantined rows")
    r.add_argument("--batch", type=int)
    r.add_argument("--limit", type=int, default=50)
    sub.add_parser("publish", help="发布快照 publish a snapshot for the app")
    d = sub.add_parser("demo", help="生成并导入演示街道 build the demo street")
    d.add_argument("--seed", type=int, default=2026, help="随机种子 seed (same seed → same files)")
    d.add_argument(
        "--scale", type=float, default=1, help="活动量倍数 multiplies tickets, events, patrols, meetings"
    )
    d.add_argument("--as-of", help="最后一个活动月 last month of activity, YYYY-MM (default: last month)")
    d.add_argument("--out", help="输出目录 output folder (default: data/inbox/demo)")
    d.add_argument("--boundary", help="真实街道边界 GeoJSON a real street outline instead of the drawn one")
    d.add_argument("--if-empty", action="store_true", help="仅当仓库为空时 only when the warehouse is empty")
    q = sub.add_parser("rate", help="物业企业季度评级 quarterly property-company ranking")
    q.add_argument("--quarter", required=True, help="季度 quarter, e.g. 2026Q3")
    q.add_argument(
        "--publish", action="store_true", help="冻结并发布该季度排名 freeze and publish the ranking"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "ingest":
            results = ingest(
                args.paths,
                kind=args.source,
                mapping=args.mapping,
                sheet=args.sheet,
                crs=args.crs,
                ignore_unknown=args.ignore_unknown,
                dry_run=args.dry_run,
                do_publish=not args.no_publish,
            )
            print_results(results)
            return 1 if any(r.status == "failed" for r in results) else 0
        if args.command == "status":
            cmd_status(args.limit)
        elif args.command == "rejected":
            return cmd_rejected(args.batch, args.limit)
        elif args.command == "publish":
            with writer_lock():
                console.print(f"已发布 published {publish()}")
        elif args.command == "demo":
            from pipelines import demo

            return demo.main(
                seed=args.seed,
                scale=args.scale,
                if_empty=args.if_empty,
                as_of=args.as_of,
                out=args.out,
                boundary=args.boundary,
            )
        elif args.command == "rate":
            from pipelines import rate

            return rate.main(args.quarter, args.publish, writer_lock)
    except (LoadError, MappingError, ReadError) as exc:
        console.print(str(exc), style="red", markup=False, soft_wrap=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
