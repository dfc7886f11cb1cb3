"""The dashboard as a person sees it: every registered page in headless Chromium.

Pages come from the ``PAGES`` list in app.py (read with ``ast``, not imported, so adding a
page there adds it here). For each page: the script run ends without an exception, the
page is no longer a placeholder, and, on pages with a province map, at least 31 province
shapes are drawn and the figure carries its title and source line. On the map explorer a
hover label names the province and its source, the coverage note is shown, a URL with
parameters reopens the view, and changing a control changes the figure and the URL.
Full-page screenshots go to ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.text import COMPARE_WORDS, PAGE_TITLES
from tests.browser.conftest import open_tab, running_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PROCESSED = ROOT / "data" / "processed"
PLACEHOLDER = "This page is being built."
IN_SCOPE_PROVINCES = 31
# Province shapes, whichever way the installed plotly.js groups them.
SHAPES = ".js-plotly-plot g.choroplethlocation path, .js-plotly-plot path.choroplethlocation"
# Pages that draw a province map (url_path as registered in app.py). The Sources page lists
# citations and data files only.
MAP_PAGES = {"explorer", "compare", "cities", "regulations", "timeline", "fragmentation"}
MAP_SECTIONS = {"timeline": "?section=adoption", "fragmentation": "?section=diffusion"}  # where a long page's map is
# Sichuan: a compact province whose shape is large enough to hover on any map size.
HOVER_ADCODE = "510000"


def registered_pages(app: Path = ROOT / "app.py") -> list[dict]:
    """The ``st.Page(...)`` entries of ``PAGES`` in app.py: file, title, url_path, default."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
            pages = []
            for call in node.value.elts:
                keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords
                            if k.arg and isinstance(k.value, ast.Constant)}
                script = ast.literal_eval(call.args[0]) if call.args else keywords.get("page")
                url_path = keywords.get("url_path") or Path(script).stem
                title = keywords.get("title") or PAGE_TITLES[url_path][0]  # the English navigation title
                pages.append({"file": script, "title": title, "url_path": url_path,
                              "default": bool(keywords.get("default", False))})
            return pages
    raise AssertionError("app.py has no PAGES = [...] list")


PAGES = registered_pages()


def page_url(spec: dict) -> str:
    """The URL a person opens: ``/`` for the default page, ``/<url_path>`` otherwise."""
    return "/" if spec["default"] else f"/{spec['url_path']}"


def url_of(url_path: str) -> str:
    return page_url(next(spec for spec in PAGES if spec["url_path"] == url_path))


def exceptions(tab) -> list[str]:
    return tab.page.locator('[data-testid="stException"]').all_inner_texts()


def wait_for_shapes(tab, minimum: int = IN_SCOPE_PROVINCES, timeout: int = 45_000) -> int:
    """Wait until a Plotly figure has drawn ``minimum`` province shapes; return the count."""
    try:
        tab.page.wait_for_function(
            "([selector, n]) => document.querySelectorAll(selector).length >= n", arg=[SHAPES, minimum],
            timeout=timeout,
        )
    except PlaywrightTimeout:
        pass
    return tab.page.locator(SHAPES).count()


def figure_titles(tab) -> list[str]:
    """Title text of every Plotly figure on the page (the SVG title, not the page heading)."""
    return tab.page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .g-gtitle .gtitle')].map(e => e.textContent)"
    )


def map_figure_text(tab) -> str:
    """All SVG text of the first figure that holds province shapes."""
    return tab.page.evaluate(
        """(selector) => {
            const shape = document.querySelector(selector);
            const plot = shape && shape.closest('.js-plotly-plot');
            return plot ? [...plot.querySelectorAll('text')].map(t => t.textContent).join(' \\n ') : '';
        }""",
        SHAPES,
    )


def shape_fills(tab) -> list[str]:
    return tab.page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)].map(p => getComputedStyle(p).fill)", SHAPES
    )


def query(tab) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.page.url).query)


def catalogue_title(name: str) -> str:
    catalogue = pd.read_parquet(PROCESSED / "catalogue.parquet")
    return str(catalogue.set_index("name").at[name, "title"])


def province_names(adcode: str) -> tuple[str, str]:
    provinces = pd.read_parquet(PROCESSED / "provinces.parquet").set_index("adcode")
    return str(provinces.at[adcode, "name_en"]), str(provinces.at[adcode, "name_zh"])


def sidebar_radio(tab, label: str):
    return tab.page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').filter(has_text=label)


def checked_option(tab, label: str) -> str:
    """Text of the checked option of the sidebar radio labelled ``label``."""
    radio = sidebar_radio(tab, label)
    return radio.locator("label").filter(has=tab.page.locator("input:checked")).inner_text().strip()


# --- every page -------------------------------------------------------------------------


def test_app_registers_the_expected_pages():
    """The page-specific checks below key on these url paths."""
    paths = [spec["url_path"] for spec in PAGES]
    assert set(paths) >= {"explorer", "compare", "cities", "timeline", "fragmentation", "sources"}, paths
    # "/" is a hidden alias in app.py that opens the first page, so that every page, the first
    # included, has a path of its own (a default page's own path shows "Page not found").
    assert not any(spec["default"] for spec in PAGES)


@pytest.mark.parametrize("spec", PAGES, ids=[spec["url_path"] for spec in PAGES])
def test_page_runs_without_error(app_page, spec: dict):
    app_page.open(page_url(spec))
    if spec["url_path"] in MAP_PAGES:
        wait_for_shapes(app_page)  # let the figure finish drawing before the screenshot
    app_page.screenshot(f"page-{spec['url_path']}")
    errors = exceptions(app_page)
    assert not errors, f"{spec['title']} raised: {errors[0][:2000]}"
    body = app_page.page.locator('[data-testid="stMain"]').inner_text()
    assert PLACEHOLDER not in body, f"{spec['title']} ({spec['file']}) is still the placeholder page"
    app_page.assert_local_only()


@pytest.mark.parametrize("url_path", sorted(MAP_PAGES))
def test_page_draws_every_province(app_page, url_path: str):
    app_page.open(url_of(url_path) + MAP_SECTIONS.get(url_path, ""))
    assert not exceptions(app_page)
    drawn = wait_for_shapes(app_page)
    assert drawn >= IN_SCOPE_PROVINCES, f"/{url_path}: {drawn} province shapes drawn, expected >= 31"
    text = map_figure_text(app_page)
    assert any(title.strip() for title in figure_titles(app_page)), f"/{url_path}: the map has no title"
    assert "Source" in text, f"/{url_path}: the map carries no source line inside the image"
    app_page.assert_local_only()


def test_sidebar_navigation_reaches_every_page(app_page):
    """A person clicking through the sidebar gets every page, each without an error."""
    app_page.open("/")
    for spec in PAGES:
        link = app_page.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=spec["title"])
        link.first.click()
        if not spec["default"]:
            app_page.page.wait_for_url(f"**/{spec['url_path']}**")
        app_page.wait_idle()
        assert not exceptions(app_page), f"{spec['title']} raised after navigating from the sidebar"
    app_page.assert_local_only()


# --- map explorer -----------------------------------------------------------------------


def point_inside_province(app_page, adcode: str) -> list[float]:
    """Open the map explorer and return a screen point inside ``adcode``'s drawn shape."""
    app_page.open(url_of("explorer"))
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    point = app_page.page.evaluate(
        """([selector, code]) => {
            const path = [...document.querySelectorAll(selector)].find(p => p.__data__ && p.__data__.loc === code);
            if (!path) return null;
            path.scrollIntoView({block: 'center'});
            const box = path.getBoundingClientRect();
            const inverse = path.getScreenCTM().inverse();
            const steps = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];
            for (const fx of steps) for (const fy of steps) {
                const x = box.left + fx * box.width, y = box.top + fy * box.height;
                if (path.isPointInFill(new DOMPoint(x, y).matrixTransform(inverse))) return [x, y];
            }
            return null;
        }""",
        [SHAPES, adcode],
    )
    assert point, f"no drawn shape for province {adcode}"
    return point


def test_map_hover_names_province_and_source(app_page):
    point = point_inside_province(app_page, HOVER_ADCODE)
    mouse = app_page.page.mouse
    mouse.move(point[0] - 2, point[1] - 2)
    mouse.move(point[0], point[1], steps=3)
    label = app_page.page.locator(".js-plotly-plot .hoverlayer .hovertext").first
    label.wait_for(timeout=10_000)
    text = label.text_content() or ""
    name_en, name_zh = province_names(HOVER_ADCODE)
    assert name_en in text and name_zh in text, text
    assert "Source" in text, text
    app_page.screenshot("map-hover", stretch=False)


def test_map_shows_coverage_note(app_page):
    app_page.open(url_of("explorer"))
    wait_for_shapes(app_page)
    captions = " ".join(app_page.page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').all_inner_texts())
    assert "Values for" in captions, captions[:500]
    assert "Values for" in map_figure_text(app_page), "the coverage note is missing inside the figure"


def test_map_url_restores_view(app_page):
    app_page.open(url_of("explorer") + "?indicator=population_2020&bins=quantiles")
    assert not exceptions(app_page)
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    expected = catalogue_title("population_2020")
    titles = figure_titles(app_page)
    assert any(expected in title for title in titles), f"expected {expected!r} in the figure title, got {titles}"
    assert checked_option(app_page, "Colours") == "Quantiles"
    # Quantile classes show as labelled ranges ("a – b") on the colour bar.
    assert " – " in map_figure_text(app_page)
    app_page.screenshot("map-url-population-quantiles")


def reopen_current_url(app_page) -> list[str]:
    """Open the address bar's URL in a new tab (a new session), as a person sharing it would."""
    url = app_page.page.url
    tab = app_page.page.context.new_page()
    tab.on("request", lambda request: app_page.requests.append(request.url))
    tab.goto(url, wait_until="domcontentloaded")
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000)
    tab.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[SHAPES, IN_SCOPE_PROVINCES],
                          timeout=45_000)
    titles = tab.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .g-gtitle .gtitle')].map(e => e.textContent)"
    )
    tab.close()
    return titles


def test_map_url_stays_shareable_after_opening_an_id_link(app_page):
    """After opening ``?indicator=<id>``, the address bar must still reopen that view."""
    app_page.open(url_of("explorer") + "?indicator=population_2020&bins=quantiles")
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    expected = catalogue_title("population_2020")
    titles = reopen_current_url(app_page)
    assert any(expected in title for title in titles), (
        f"the address bar ({app_page.page.url}) no longer reopens {expected!r}: got {titles}"
    )


def test_map_url_after_a_change_reopens_the_view(app_page):
    app_page.open(url_of("explorer"))
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    target = catalogue_title("population_2020")
    app_page.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Indicator").click()
    app_page.page.get_by_role("option", name=target, exact=True).click()
    app_page.page.wait_for_function(
        "(want) => [...document.querySelectorAll('.js-plotly-plot .g-gtitle .gtitle')].some(e => e.textContent.includes(want))",
        arg=target, timeout=30_000,
    )
    app_page.wait_idle()
    titles = reopen_current_url(app_page)
    assert any(target in title for title in titles), f"{app_page.page.url} reopened {titles}"


def test_map_invalid_url_falls_back_to_defaults(app_page):
    app_page.open(url_of("explorer") + "?indicator=no_such_indicator&bins=nonsense&per=nonsense")
    assert not exceptions(app_page)
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    assert checked_option(app_page, "Colours") == "Continuous"


def test_changing_indicator_changes_title_and_url(app_page):
    app_page.open(url_of("explorer"))
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    before = figure_titles(app_page)
    target = catalogue_title("population_2020")
    assert not any(target in title for title in before), "the default view already shows population"
    app_page.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Indicator").click()
    app_page.page.get_by_role("option", name=target, exact=True).click()
    app_page.page.wait_for_function(
        """(want) => [...document.querySelectorAll('.js-plotly-plot .g-gtitle .gtitle')]
                       .some(e => e.textContent.includes(want))""",
        arg=target,
        timeout=30_000,
    )
    app_page.wait_idle()
    assert not exceptions(app_page)
    assert "indicator" in query(app_page), f"the URL did not take the indicator: {app_page.page.url}"
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES


def test_changing_colours_changes_fills_and_url(app_page):
    app_page.open(url_of("explorer"))
    assert wait_for_shapes(app_page) >= IN_SCOPE_PROVINCES
    before = shape_fills(app_page)
    sidebar_radio(app_page, "Colours").get_by_text("Quantiles", exact=True).click()
    app_page.page.wait_for_function(
        "([selector, old]) => JSON.stringify([...document.querySelectorAll(selector)].map(p => getComputedStyle(p).fill))"
        " !== JSON.stringify(old)",
        arg=[SHAPES, before],
        timeout=30_000,
    )
    app_page.wait_idle()
    assert not exceptions(app_page)
    assert "bins" in query(app_page), f"the URL did not take the colour scheme: {app_page.page.url}"
    assert shape_fills(app_page) != before
    app_page.screenshot("map-quantiles")


def test_presentation_mode(app_page):
    app_page.open(url_of("explorer") + "?present=true")
    assert not exceptions(app_page)
    drawn = wait_for_shapes(app_page)
    app_page.screenshot("map-present")
    assert drawn >= IN_SCOPE_PROVINCES
    assert not app_page.page.locator('[data-testid="stSidebar"]').is_visible(), "the sidebar shows in presentation mode"
    assert query(app_page).get("present") == ["true"], app_page.page.url


def test_deep_link_on_a_fresh_server_goes_through_app(browser):
    # The first request of a new server for a deep link must come up inside the app:
    # shared language switch and the app's navigation (page files sit in app_pages/,
    # which Streamlit's legacy pages/ discovery never runs on its own).
    with running_app("streamlit-fresh-server.log") as fresh_url:
        tabs = open_tab(browser, fresh_url)
        tab = next(tabs)
        tab.open("/timeline?lang=zh")
        sidebar = tab.page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_text("Language / 语言").count() == 1
        assert sidebar.get_by_text(PAGE_TITLES["explorer"][1]).count() >= 1  # the navigation, in Chinese
        assert tab.page.locator('[data-testid="stException"]').count() == 0
        assert "lang=zh" in tab.page.url
        tab.screenshot("fresh-server-deep-link")
        next(tabs, None)  # closes the tab and checks that no request left the machine


def test_clicking_a_province_opens_its_profile_and_the_url_keeps_it(app_page):
    point = point_inside_province(app_page, HOVER_ADCODE)
    app_page.page.mouse.click(point[0], point[1])
    name_en, name_zh = province_names(HOVER_ADCODE)
    heading = app_page.page.get_by_role("heading", name=f"{name_en} {name_zh}: every indicator")
    heading.wait_for(timeout=30_000)
    app_page.wait_idle()
    assert parse_qs(urlsplit(app_page.page.url).query).get("province") == [HOVER_ADCODE]


def test_the_map_explorers_former_path_opens_it_without_page_not_found(app_page):
    app_page.open("/map?lang=zh&indicator=population_2020")
    drawn = wait_for_shapes(app_page)
    assert drawn >= IN_SCOPE_PROVINCES
    assert app_page.page.get_by_text("Page not found").count() == 0
    assert not exceptions(app_page)
    params = query(app_page)
    assert params.get("lang") == ["zh"] and params.get("indicator") == ["population_2020"], app_page.page.url


def test_compare_link_keeps_its_view_across_languages_and_page_changes(app_page):
    app_page.open("/compare?mode=ranking&rank_per=population&lang=zh")
    assert checked_option(app_page, COMPARE_WORDS["zh"]["mode"]) == COMPARE_WORDS["zh"]["mode_ranking"]
    app_page.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=PAGE_TITLES["cities"][1]).click()
    app_page.page.wait_for_url("**/cities**")
    app_page.wait_idle()
    app_page.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=PAGE_TITLES["compare"][1]).click()
    app_page.page.wait_for_url("**/compare**")
    app_page.wait_idle()
    assert checked_option(app_page, COMPARE_WORDS["zh"]["mode"]) == COMPARE_WORDS["zh"]["mode_ranking"]
    params = query(app_page)
    assert params.get("mode") == ["ranking"] and params.get("rank_per") == ["population"], app_page.page.url


# --- hostile input ----------------------------------------------------------------------

EVIL_HOST = "evil.example.com"
HOSTILE = (f"![t](http://{EVIL_HOST}/p.png) [x](http://{EVIL_HOST}/l) <img src=http://{EVIL_HOST}/x> "
           "<script>window.__evil=1</script>")


def url_parameters() -> set[str]:
    """Every URL parameter a page or the sidebar reads: the ``key=`` of each dashboard.ui url_* call."""
    keys = set()
    for path in [*sorted((ROOT / "app_pages").glob("*.py")), ROOT / "dashboard" / "ui.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("url_"):
                keys |= {k.value.value for k in node.keywords if k.arg == "key" and isinstance(k.value, ast.Constant)}
    return keys


HOSTILE_CASES = [(spec["url_path"], {key: HOSTILE for key in url_parameters()}) for spec in PAGES] + [
    # Text inputs only show once their control is on: the manual breaks, the source search.
    ("explorer", {"bins": "manual", "breaks": HOSTILE}),
    ("sources", {"q": HOSTILE, "dataset": HOSTILE}),
]


@pytest.mark.parametrize(("url_path", "params"), HOSTILE_CASES, ids=[f"{c[0]}-{len(c[1])}" for c in HOSTILE_CASES])
def test_hostile_url_parameters_render_as_text_and_fetch_nothing(app_page, url_path, params):
    from urllib.parse import urlencode

    assert {"lang", "q", "breaks", "mode", "provinces"} <= url_parameters()
    app_page.open(f"{url_of(url_path)}?{urlencode(params)}")
    page = app_page.page
    assert not exceptions(app_page)
    rendered = page.locator(f"img[src*='{EVIL_HOST}'], a[href*='{EVIL_HOST}'], iframe, "
                            f"[data-testid='stMain'] script, [data-testid='stSidebar'] script")
    assert rendered.count() == 0, rendered.evaluate_all(
        "els => els.map(e => [e.parentElement.closest('[data-testid]')?.dataset.testid, e.outerHTML])")
    assert page.evaluate("() => window.__evil") is None
    assert not [url for url in app_page.requests if urlsplit(url).hostname == EVIL_HOST]
    app_page.assert_local_only()


def test_navigation_and_sidebar_speak_chinese_when_asked(app_page):
    app_page.open("/?lang=zh")
    app_page.wait_idle()
    nav = app_page.page.locator('[data-testid="stSidebarNav"]').inner_text()
    for url_path in ("overview", "regulations", "sources"):
        assert PAGE_TITLES[url_path][1] in nav, nav
    assert app_page.page.get_by_text("演示模式").count() >= 1
    app_page.screenshot("overview-zh-navigation")
