"""Benchmark: time from navigation to fully rendered for every page of app.py's ``PAGES``, in headless
Chromium at 1600×900 against a real Streamlit server, at demo scale and at ≈ 1M tickets.

    python bench/pages.py                       # demo street (bench/out/demo) and ×50 (bench/out/scale50),
                                                # each built with `python -m pipelines demo` when missing
    python bench/pages.py --data DIR [--data DIR2]   # existing JIEDAO_DATA folders with a published snapshot
    python bench/pages.py --scale 50 --runs 5 --pages rating,grid_map

"Fully rendered": the script run has finished (Streamlit's ``data-test-script-state`` is
``notRunning``, the app connected, no running indicator, nothing stale), the page's own title is on
screen, every Plotly chart has drawn its SVG and every map has sized its canvas to its box (deck.gl
does that once its WebGL device is ready; the canvas is 300 px wide before). Each page is opened once cold
by its URL (new session, empty ``st.cache_data`` for this snapshot: the first visitor after a load),
then ``--runs`` more times by URL ("load": a fresh document, so Streamlit's frontend boots each time,
as for a bookmark) and ``--runs`` times from another page by its sidebar link ("switch": the same
session, as a person moves around the app). The verdict is on the median load. Every request that
would leave the machine fails, as on an intranet (Chromium's proxy points nowhere), and is counted:
any such request stops the benchmark. Requests are watched, not intercepted, so the browser's cache
works as a real one does.

A page drawn in sections (tabs whose open one is in the URL, e.g. 12345热线's ``?view=``) draws only
its open section, so each of its other sections is timed too, by its own URL (``SECTIONS``): a row
such as ``hotline?view=trends``, judged on the same target.

Targets (issue 5): ≤ 2 s at demo scale, ≤ 4 s at ≈ 1M tickets (a warehouse with ≥ 500,000 tickets is
judged on the 4 s target), on the median. Exit status 1 when a page misses its target.
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import sys
import time
from pathlib import Path

from demo_data import build_demo  # bench/demo_data.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO_TARGET_S, BIG_TARGET_S, BIG_TICKETS = 2.0, 4.0, 500_000
# pages drawn one section at a time: their sections other than the default, by ?view=
SECTIONS = {
    "hotline": ("trends", "categories", "overdue", "repeats", "behind"),
    "rating": ("company", "chart", "revisions"),
}
RENDERED = """(title) => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon], [data-stale=true], [data-testid=stSkeleton]')) return false;
  const heading = document.querySelector('[data-testid=stMain] [data-testid=stHeading]');
  if (!heading || !heading.textContent.includes(title)) return false;
  for (const c of document.querySelectorAll('[data-testid=stPlotlyChart]')) if (!c.querySelector('.main-svg')) return false;
  for (const c of document.querySelectorAll('[data-testid=stDeckGlJsonChart]')) {
    // deck.gl's canvas starts at the HTML default of 300×150 (its CSS size too); deck sizes it to
    // the chart's box, times the pixel ratio, when its WebGL device is ready to draw the layers
    const canvas = c.querySelector('canvas');
    const box = c.getBoundingClientRect().width;
    if (!canvas || box === 0) return false;
    if (Math.abs(canvas.width - box * window.devicePixelRatio) > 2) return false;
  }
  return true;
}"""


def router_pages() -> list[tuple[str, str, str, str]]:
    """app.py's PAGES, read without running the router: (script, url path, title key, icon)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    (node,) = [
        n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PAGES"
    ]
    return ast.literal_eval(node.value)


def tickets(data: Path) -> int:
    """Hotline tickets in the folder's published snapshot (opened read-only)."""
    import duckdb

    version = (data / "published" / "CURRENT").read_text(encoding="utf-8").strip()
    con = duckdb.connect(str(data / "published" / version), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM hotline_ticket").fetchone()[0]
    finally:
        con.close()


def rendered(page, title: str) -> None:
    page.wait_for_function(RENDERED, arg=title, timeout=120_000, polling=50)


def load(page, url: str, title: str) -> float:
    """Seconds from typing the page's URL (a fresh document and session) to fully rendered."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    rendered(page, title)
    return time.perf_counter() - start


def switch(page, path: str, title: str) -> float:
    """Seconds from a click on the page's sidebar link (same session) to fully rendered."""
    link = page.locator(f'[data-testid=stSidebarNav] a[href$="/{path}"]').first
    start = time.perf_counter()
    link.click()
    rendered(page, title)
    return time.perf_counter() - start


def time_pages(
    data: Path, pages: list[tuple], runs: int
) -> dict[str, tuple[float, list[float], list[float]]]:
    """path → (cold load s, [load s of each run], [switch s of each run]) for every page of ``pages``
    (path, url, title, href path); a switch comes from another page of the app."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import launch, offline_page, serve

    results = {}
    with serve(data) as base, sync_playwright() as p:
        browser = launch(p)
        with offline_page(browser) as page:
            load(page, base + "/", "")  # server warm-up: imports, the snapshot's first connection
            for path, url, title, href in pages:
                cold = load(page, base + url, title)
                loads = [load(page, base + url, title) for _ in range(runs)]
                section = "?" in path  # reached by its URL only: the sidebar opens the default section
                others = [p for p in pages if "?" not in p[0] and p[0] != path]
                other = others[0] if others and not section else None
                switches = []
                for _ in range(runs if other else 0):
                    switch(page, other[3], other[2])
                    switches.append(switch(page, href, title))
                results[path] = (cold, loads, switches)
            if page.aborted:
                sys.exit(f"requests tried to leave the machine: {page.aborted[:5]}")
        browser.close()
    return results


def report(label: str, results: dict, target: float) -> bool:
    """Print one table; True when every page's median full load meets ``target``."""
    print(f"\n{label} — target ≤ {target:g} s (median of the full loads)")
    print(f"{'page':<24}{'cold':>7}{'load':>7}{'min':>7}{'max':>7}{'switch':>8}  verdict  (seconds)")
    ok = True
    for path, (cold, loads, switches) in results.items():
        median = statistics.median(loads)
        met = median <= target
        ok &= met
        moved = f"{statistics.median(switches):.2f}" if switches else "—"
        verdict = "meets target" if met else f"MISSES target ({median:.2f} > {target:g})"
        print(
            f"{path:<24}{cold:>7.2f}{median:>7.2f}{min(loads):>7.2f}{max(loads):>7.2f}{moved:>8}  {verdict}"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="页面渲染耗时 / page render timings")
    parser.add_argument("--data", type=Path, action="append", help="JIEDAO_DATA folder (repeatable)")
    parser.add_argument(
        "--scale", type=float, action="append", help="demo scales to build/use (default 1 and 50)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", help="comma-separated url paths (default: every page of app.py)")
    parser.add_argument(
        "--no-sections", dest="sections", action="store_false", help="only each page's default section"
    )
    args = parser.parse_args(argv)
    folders = args.data or [build_demo(s) for s in (args.scale or [1, 50])]
    chosen = set(args.pages.split(",")) if args.pages else None
    from jiedao import i18n

    pages = []
    for i, (_, path, key, _) in enumerate(router_pages()):
        if chosen is None or path in chosen:
            pages.append((path, "/" if i == 0 else f"/{path}", i18n.t(key), "" if i == 0 else path))
            for view in SECTIONS.get(path, ()) if args.sections else ():
                pages.append((f"{path}?view={view}", f"/{path}?view={view}", i18n.t(key), path))
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(pages)} pages, {args.runs} runs each after a cold visit; 1600×900 headless Chromium; "
          f"load average {load_avg:.2f} on {os.cpu_count()} cores")  # fmt: skip
    ok = True
    for data in folders:
        count = tickets(data)
        target = BIG_TARGET_S if count >= BIG_TICKETS else DEMO_TARGET_S
        ok &= report(f"{data} ({count:,} tickets)", time_pages(data.resolve(), pages, args.runs), target)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
