"""Benchmark: time to evaluate every registered metric family for one month — whole street and one
community — with 环比 and 同比, as a page or the wall display asks for it. Median of N runs after a
warm-up, next to a plain DuckDB ``count(*)`` of the month's tickets for scale.

    python bench/metrics.py --scale 50          # demo street ×50 (≈ 1M tickets), built once into bench/out/scale50
    python bench/metrics.py --data /path/data   # an existing JIEDAO_DATA with a published snapshot

Targets at ≈ 1M tickets (issue 4): every family ≤ 300 ms, all of them together ≤ 2 s, on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILY_TARGET_MS, TOTAL_TARGET_MS = 300, 2000


def build_demo(scale: float) -> Path:
    """bench/out/scale<K>, built by the demo generator when it has no published snapshot yet."""
    data = ROOT / "bench" / "out" / f"scale{scale:g}"
    if (data / "published" / "CURRENT").exists():
        return data
    data.mkdir(parents=True, exist_ok=True)
    print(f"building the demo street ×{scale:g} in {data} …", flush=True)
    command = [sys.executable, "-m", "pipelines", "demo", "--scale", f"{scale:g}", "--as-of", "2026-10"]
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, "JIEDAO_DATA": str(data)})
    if done.returncode != 0 or not (data / "published" / "CURRENT").exists():
        sys.exit(
            f"演示数据生成失败 / building the demo data failed: {' '.join(command)} (exit {done.returncode})"
        )
    return data


def timed(fn, runs: int) -> tuple[float, float, float]:
    """(median wall ms, fastest wall ms, median process CPU ms — all threads) of ``runs`` calls after
    one warm-up call. On a shared machine the fastest run is the one least disturbed by others."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def latest_month(con) -> dt.date:
    from jiedao.db import scalar

    latest = scalar(con, "SELECT max(received_at) FROM hotline_ticket")
    if latest is None:
        sys.exit("快照中没有12345工单 / the snapshot holds no hotline tickets")
    return latest.date().replace(day=1)


def busiest_community(con, flt) -> str:
    from jiedao.db import scalar

    sql = (
        "SELECT community_code FROM hotline_ticket WHERE received_at >= ? AND received_at < ? "
        "AND community_code IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, community_code LIMIT 1"
    )
    return scalar(con, sql, [flt.start, flt.end])


def sizes(con) -> str:
    from jiedao.db import scalar

    counts = {
        t: scalar(con, f"SELECT count(*) FROM {t}")
        for t in ("hotline_ticket", "grid_event", "patrol", "grid")
    }
    return ", ".join(f"{table} {rows:,}" for table, rows in counts.items())


COLUMNS = ("family", "metrics", "street ms", "fastest", "cpu ms", "community ms", "× count(*)", "target")
WIDTHS = (10, 8, 11, 9, 9, 14, 12, 0)


def row(*cells) -> str:
    """One table line: text left-aligned in the first column, numbers right-aligned after it."""
    out = []
    for cell, width in zip(cells, WIDTHS, strict=True):
        text = f"{cell:.1f}" if isinstance(cell, float) else str(cell)
        out.append(text.ljust(width) if not out else ("  " + text if width == 0 else text.rjust(width)))
    return "".join(out)


def measure(label: tuple, evaluate, street, local, raw: float, runs: int, target: float) -> bool:
    """Time ``evaluate(filter)`` for the street and the community; print the row; True if on target."""
    wall, fastest, cpu = timed(lambda: evaluate(street), runs)
    local_wall, _, _ = timed(lambda: evaluate(local), runs)
    met = max(wall, local_wall) <= target
    print(
        row(
            *label, wall, fastest, cpu, local_wall, f"{wall / raw:.0f}", "ok" if met else f"> {target:.0f} ms"
        )
    )
    return met


def report(con, month: dt.date, community: str | None, runs: int) -> bool:
    """Print the table; True when every target is met."""
    from jiedao import metrics
    from jiedao.filters import Filter

    street = Filter.month(month.year, month.month)
    community = community or busiest_community(con, street)
    local = Filter.month(month.year, month.month, communities=(community,))
    raw_sql = "SELECT count(*) FROM hotline_ticket WHERE received_at >= ? AND received_at < ?"
    raw, _, _ = timed(lambda: con.execute(raw_sql, [street.start, street.end]).fetchall(), runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"month {month:%Y-%m}; community {community}; {sizes(con)}")
    print(f"median of {runs} runs, with 环比/同比; load average {load:.2f} on {os.cpu_count()} cores")
    print(f"raw DuckDB count(*) of the month's tickets: {raw:.1f} ms\n")
    print(row(*COLUMNS))
    ok = True
    for family in metrics.families():
        label = (family, len(metrics.all_metrics(family)))
        evaluate = lambda flt, f=family: metrics.evaluate_family(con, f, flt)  # noqa: E731
        ok &= measure(label, evaluate, street, local, raw, runs, FAMILY_TARGET_MS)
    every = metrics.families()
    label = ("all", len(metrics.all_metrics()))
    evaluate_all = lambda flt: [metrics.evaluate_family(con, f, flt) for f in every]  # noqa: E731
    return measure(label, evaluate_all, street, local, raw, runs, TOTAL_TARGET_MS) and ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="指标计算耗时 / metric family timings")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data", type=Path, help="JIEDAO_DATA folder with a published snapshot")
    source.add_argument("--scale", type=float, default=1, help="demo street scale (default 1)")
    parser.add_argument("--month", help="YYYY-MM (default: the latest month with tickets)")
    parser.add_argument("--community", help="community code (default: the one with most tickets)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = args.data if args.data else build_demo(args.scale)
    os.environ["JIEDAO_DATA"] = str(data.resolve())
    from jiedao import db

    con = db.open_published()
    if con is None:
        sys.exit(f"{data} 没有已发布的快照 / has no published snapshot (data/published/CURRENT)")
    month = dt.date.fromisoformat(f"{args.month}-01") if args.month else latest_month(con)
    print(f"snapshot {db.current_version()} in {data}")
    return 0 if report(con, month, args.community, args.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
