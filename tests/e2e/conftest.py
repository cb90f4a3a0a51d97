"""A real Streamlit server on a free port over a prepared data folder, and headless Chromium.

Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser. Every request to
a host other than localhost fails, as on a street office's intranet (Chromium sends it to a proxy
that is not there; loopback is never proxied), and is recorded in ``page.aborted`` so a test can
prove nothing even tried to reach a tile server or a CDN. Requests are watched, not intercepted:
interception (``route``) would turn off the browser's cache and make every page load fetch the
whole frontend again, unlike any real browser. The grid map's tests add interception on top
(``offline_page(browser, abort=True)``): Playwright aborts every non-localhost request there, as
issue 5 asks of the map.

Servers are expensive (a few seconds each on a shared machine): a test module starts one with
``serve`` in a module-scoped fixture and its tests share it; each test gets a fresh browser
context.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from jiedao import config
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=http://127.0.0.1:9",  # nothing listens there: every non-loopback request fails
]
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int, script: Path = ROOT / "app.py") -> subprocess.Popen:
    env = {**os.environ, "JIEDAO_DATA": str(data), "JIEDAO_SECRET": "test-secret"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])


@contextlib.contextmanager
def serve(data: Path, script: Path = ROOT / "app.py") -> Iterator[str]:
    """A server over ``data`` for the duration of the block; yields its base URL."""
    port = free_port()
    proc = start_server(data, port, script)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def data_env(data: Path) -> Iterator[Path]:
    """Point this process's JIEDAO_DATA at ``data`` (for in-process ingest in a module fixture)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JIEDAO_DATA", str(data))
        mp.setenv("JIEDAO_SECRET", "test-secret")
        config._load.cache_clear()
        yield data
    config._load.cache_clear()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def launch(playwright):
    """Headless Debian Chromium that cannot reach beyond this machine."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)


@contextlib.contextmanager
def offline_page(browser, *, abort: bool = False) -> Iterator:
    """A fresh 1600×900 browser context and page; requests that would leave the machine (they fail,
    see ``BROWSER_ARGS``) are listed in ``page.aborted``.

    With ``abort``, Playwright also routes every request and aborts each one not for localhost, as
    the grid map's offline check asks. Routing turns the HTTP cache off (every load fetches all of
    Streamlit's scripts again), so it is for correctness tests only, never for timings."""
    context = browser.new_context(viewport={"width": 1600, "height": 900}, locale="zh-CN")
    aborted: list[str] = []

    def watch(request) -> None:
        if not request.url.startswith(LOCAL):
            aborted.append(request.url)

    def gate(route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.on("request", watch)
    if abort:
        context.route("**/*", gate)
    pg = context.new_page()
    pg.aborted = aborted
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with offline_page(browser) as pg:
        yield pg


def wait_rendered(pg, ready: str = "[data-testid=stHeading]", timeout_ms: int = 30000) -> None:
    """Wait until Streamlit has finished the script run: the ``ready`` element is there, the app is
    connected and its script state is ``notRunning`` (the attribute Streamlit's own e2e tests use)."""
    pg.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout_ms)
    pg.locator(ready).first.wait_for(timeout=timeout_ms)
    wait_idle(pg, timeout_ms)


def wait_idle(pg, timeout_ms: int = 30000) -> None:
    """After an interaction: give the rerun a moment to start, then wait for it to finish."""
    pg.wait_for_timeout(250)
    pg.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", state="attached", timeout=timeout_ms
    )
    pg.wait_for_timeout(150)


def open_page(pg, base: str, title: str, ready: str = "[data-testid=stHeading]", query: str = "") -> None:
    """Open the app and go to a page by its sidebar link, as a person does (a page's own URL is
    "/" while it is the default page, and its url_path only once another page is the default)."""
    pg.goto(f"{base}/{query}")
    wait_rendered(pg)
    pg.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title, exact=True).click()
    wait_rendered(pg, ready)


def no_errors(pg) -> None:
    assert pg.locator("[data-testid=stException]").count() == 0
    assert pg.aborted == [], f"requests that left the machine: {pg.aborted}"


def shoot(pg, name: str) -> Path:
    """Save tests/e2e/artifacts/<name>.png of the whole page. Streamlit scrolls inside its main
    container, so the viewport is stretched to the content's height for the shot, then restored."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = pg.viewport_size
    content = pg.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('[data-testid=stMain], section.main, "
        "[data-testid=stAppScrollToBottomContainer]')).map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    pg.set_viewport_size({"width": size["width"], "height": max(size["height"], min(content + 40, 6000))})
    pg.wait_for_timeout(300)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
    return path
