"""The harness itself: a request to another host is recorded in ``page.aborted`` and never answered
(as on an intranet), while the browser's cache stays on for localhost (no interception)."""

from __future__ import annotations

import http.server
import threading

from tests.e2e.conftest import offline_page


def test_outside_requests_are_recorded_and_fail(browser):
    failed = []
    with offline_page(browser) as pg:
        pg.on("requestfailed", lambda r: failed.append(r.url))
        pg.set_content(
            '<img src="http://tiles.example.com/1/2/3.png"><link rel="stylesheet" href="https://cdn.example.net/a.css">'
        )
        pg.wait_for_timeout(1500)
        assert sorted(pg.aborted) == ["http://tiles.example.com/1/2/3.png", "https://cdn.example.net/a.css"]
        assert sorted(failed) == sorted(pg.aborted)


def test_abort_routes_outside_requests_to_an_abort(browser):
    failed = []
    with offline_page(browser, abort=True) as pg:
        pg.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
        pg.set_content('<img src="http://tiles.example.com/4/5/6.png">')
        pg.wait_for_timeout(1000)
        assert pg.aborted == ["http://tiles.example.com/4/5/6.png"]
        assert failed == [("http://tiles.example.com/4/5/6.png", "net::ERR_INTERNET_DISCONNECTED")]


def test_localhost_is_reached_and_cached(browser):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path != "/favicon.ico":  # asked for by Chromium when it likes, not by the page
                hits.append(self.path)
            body = (
                b"<html><body><script src='/app.js'></script>ok</body></html>" if self.path == "/" else b"1"
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if self.path == "/" else "text/javascript")
            self.send_header("Cache-Control", "no-cache" if self.path == "/" else "public, max-age=3600")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            """No access log on stderr: pytest would print a line per request."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with offline_page(browser) as pg:
            url = f"http://127.0.0.1:{server.server_port}/"
            pg.goto(url)
            pg.goto(url)
            assert pg.aborted == []
        # the page twice, its script once: the second load took it from the cache
        assert hits == ["/", "/app.js", "/"]
    finally:
        server.shutdown()
