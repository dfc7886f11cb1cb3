"""The static site of ``python -m export`` opened offline in Chromium (issue 10.7).

The site is baked once for the module (HTML and CSV of every figure of every view in both
languages; PNG and SVG for two figures only, since kaleido takes seconds per image: the
README gives the full build time), served from its folder by a loopback ``http.server``,
and every figure page must draw its figure without any request leaving the site.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from bench.harness import VIEWPORT
from dashboard import data
from export.record import Baked, record_all, views
from export.site import INDEX, bake, write_images

DRAWN = {
    "map": ".choroplethlayer path",
    "other": ".barlayer path, .scatterlayer path, .heatmaplayer image, .choroplethlayer path",
}
pytestmark = pytest.mark.browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def baked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Baked]]:
    site = tmp_path_factory.mktemp("site")
    items = record_all(views(), progress=lambda _message: None)
    bake(site, items, data.sources_by_id(), images=False, progress=lambda _message: None)
    is_map = [item for item in items if any(trace.type == "choropleth" for trace in item.figure.data)]
    not_map = [item for item in items if item not in is_map]
    write_images(site, [is_map[0], not_map[0]], progress=lambda _message: None)
    return site, items


@pytest.fixture(scope="module")
def site_url(baked) -> Iterator[str]:
    site, _ = baked
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def test_every_figure_page_draws_offline_and_nothing_leaves_the_site(browser: Browser, baked, site_url: str):
    _, items = baked
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    requests: list[str] = []
    failures: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: failures.append(message.text) if message.type == "error" else None)
    context.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
    for lang in ("en", "zh"):
        page.goto(f"{site_url}/{INDEX[lang]}")
        links = page.eval_on_selector_all("a.figure", "links => links.map(a => a.getAttribute('href'))")
        assert sorted(links) == sorted(f"{lang}/{i.filename}.html" for i in items if i.lang == lang)
        for item in (i for i in items if i.lang == lang):
            page.goto(f"{site_url}/{lang}/{item.filename}.html")
            is_map = any(trace.type == "choropleth" for trace in item.figure.data)
            page.wait_for_selector(DRAWN["map" if is_map else "other"], state="attached", timeout=30_000)
            assert page.locator("#figure .main-svg").count() > 0, item.filename
    context.close()
    port = urlsplit(site_url).netloc
    foreign = [url for url in requests if urlsplit(url).netloc != port and urlsplit(url).scheme not in {"data", "blob"}]
    assert not foreign, f"requests left the site: {foreign[:5]}"
    assert not failures, f"missing files or script errors: {failures[:5]}"
    assert any(url.endswith("/assets/plotly.min.js") for url in requests)
    assert any(url.endswith(".geojson") for url in requests)


def test_the_site_holds_csv_for_every_figure_and_the_images_made(baked):
    site, items = baked
    for item in items:
        csv = (site / item.lang / f"{item.filename}.csv").read_text(encoding="utf-8-sig")
        assert csv.splitlines()[0] == ",".join(map(str, item.table.columns))
    pngs = sorted(site.rglob("*.png"))
    svgs = sorted(site.rglob("*.svg"))
    assert len(pngs) == 2 and len(svgs) == 2
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in pngs)
    assert all(b"<svg" in path.read_bytes()[:2000] for path in svgs)
