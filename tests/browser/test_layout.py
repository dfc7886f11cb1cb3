"""No figure text is clipped or drawn over another text, at the widths people use.

For every page registered in app.py, at 1400 and 1920 px wide, in English and Chinese, every
SVG ``text`` of every drawn Plotly figure (title, subtitle, annotations and footers, tick
labels, legend items, colour-bar text, cell and point labels; hover labels and empty texts
aside) must lie inside the figure and must not overlap another text of the same figure.
Rotated texts are compared as rotated rectangles, not as their screen-aligned boxes. At
390 px (a phone) the same holds, and the page must not scroll sideways. A long page is visited once per section (``?section=<id>``), each of which shows
its own figures. One browser tab visits every page; a screenshot per page, width and language goes
to ``test-artifacts/layout-<page>-<width>-<lang>.png`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard.text.sections import PAGE_SECTIONS
from tests.browser.conftest import AppPage, open_tab
from tests.browser.test_pages import PAGES, exceptions, page_url

pytestmark = pytest.mark.browser

DESKTOP_WIDTHS = (1400, 1920)
PHONE_WIDTH = 390
HEIGHT = 1000
LANGUAGES = ("en", "zh")
TOLERANCE_PX = 2  # antialiasing and font metrics: boxes may touch by this much
PLOT_WAIT_MS = 60_000

# Every text box of every drawn figure, as the four corners of its own (possibly rotated)
# box in screen pixels, shrunk by the tolerance; and each figure's box and title.
COLLECT_TEXTS = """(tolerance) => {
    const visible = (el) => {
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
        }
        return true;
    };
    const corners = (el) => {
        const box = el.getBBox();
        const m = el.getScreenCTM();
        if (!m || box.width === 0 || box.height === 0) return null;
        const t = Math.min(tolerance, box.width / 2 - 0.01, box.height / 2 - 0.01);
        const pts = [[box.x + t, box.y + t], [box.x + box.width - t, box.y + t],
                     [box.x + box.width - t, box.y + box.height - t], [box.x + t, box.y + box.height - t]];
        return pts.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    };
    const figures = [];
    document.querySelectorAll('.js-plotly-plot').forEach((plot, index) => {
        const svg = plot.querySelector('svg.main-svg');
        if (!svg || !visible(plot)) return;
        const frame = svg.getBoundingClientRect();
        if (frame.width === 0 || frame.height === 0) return;
        const title = plot.querySelector('.g-gtitle .gtitle');
        const texts = [];
        plot.querySelectorAll('text').forEach((el) => {
            const content = (el.textContent || '').trim();
            if (!content || el.closest('.hoverlayer') || !visible(el)) return;
            const box = corners(el);
            if (box) texts.push({text: content.slice(0, 80), corners: box,
                                 kind: el.getAttribute('class') || el.parentElement.getAttribute('class') || ''});
        });
        figures.push({index, title: title ? title.textContent.trim().slice(0, 100) : '(figure without title)',
                      frame: {left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom},
                      texts});
    });
    return figures;
}"""

ALL_PLOTS_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .every(p => p.querySelector('svg.main-svg') && p._fullLayout)"""

PAGE_SCROLL_WIDTH = """() => Math.max(document.documentElement.scrollWidth,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
        .map(e => e.scrollWidth))"""


def _project(corners: list[list[float]], axis: tuple[float, float]) -> tuple[float, float]:
    dots = [x * axis[0] + y * axis[1] for x, y in corners]
    return min(dots), max(dots)


def _axes(corners: list[list[float]]) -> list[tuple[float, float]]:
    axes = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        axes.append((-dy / length, dx / length))
    return axes[:2]


def boxes_overlap(a: list[list[float]], b: list[list[float]]) -> bool:
    """Whether two convex quadrilaterals overlap (separating-axis test)."""
    for axis in _axes(a) + _axes(b):
        a_lo, a_hi = _project(a, axis)
        b_lo, b_hi = _project(b, axis)
        if a_hi <= b_lo or b_hi <= a_lo:
            return False
    return True


def outside_by(corners: list[list[float]], frame: dict) -> float:
    """How many pixels the box sticks out of the figure's frame (0 when inside)."""
    xs = [x for x, _ in corners]
    ys = [y for _, y in corners]
    return max(0.0, frame["left"] - min(xs), max(xs) - frame["right"], frame["top"] - min(ys),
               max(ys) - frame["bottom"])


def figure_problems(figure: dict, *, overlaps: bool = True) -> list[str]:
    """Texts outside the figure, and pairs of texts drawn over each other."""
    problems = []
    texts = figure["texts"]
    for text in texts:
        beyond = outside_by(text["corners"], figure["frame"])
        if beyond > 1:
            problems.append(f"text {text['text']!r} ({text['kind']}) sticks out of the figure by {beyond:.0f} px")
    if overlaps:
        for i, first in enumerate(texts):
            for second in texts[i + 1:]:
                if boxes_overlap(first["corners"], second["corners"]):
                    problems.append(f"text {first['text']!r} ({first['kind']}) overlaps "
                                    f"{second['text']!r} ({second['kind']})")
    return problems


@pytest.fixture(scope="module")
def layout_tab(browser, app_url) -> Iterator[AppPage]:
    """One tab for every page, width and language: only the viewport and URL change."""
    yield from open_tab(browser, app_url)


def views(url_path: str) -> list[tuple[dict, str]]:
    """``url_path``'s page and the query of each of its sections (none for a page without)."""
    spec = next(spec for spec in PAGES if spec["url_path"] == url_path)
    return [(spec, f"&section={section}") for section in PAGE_SECTIONS.get(url_path, [])] or [(spec, "")]


def visit(tab: AppPage, spec: dict, width: int, lang: str, section: str = "") -> list[dict]:
    """Open ``spec``'s page (``section``: its query) at ``width`` px in ``lang``; screenshot it;
    return its figures' texts."""
    tab.page.set_viewport_size({"width": width, "height": HEIGHT})
    tab.open(f"{page_url(spec)}?lang={lang}{section}")
    where = spec["url_path"] + section
    assert not exceptions(tab), f"{where} at {width} px ({lang}) raised: {exceptions(tab)[0][:500]}"
    tab.page.wait_for_function(ALL_PLOTS_DRAWN, timeout=PLOT_WAIT_MS)
    tab.next_frames()
    tab.screenshot(f"layout-{where.replace('&section=', '-')}-{width}-{lang}")
    return tab.page.evaluate(COLLECT_TEXTS, TOLERANCE_PX)


def report(failures: list[str]) -> str:
    return f"{len(failures)} text problem(s):\n" + "\n".join(failures)


URL_PATHS = [spec["url_path"] for spec in PAGES]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", DESKTOP_WIDTHS)
@pytest.mark.parametrize("url_path", URL_PATHS)
def test_figure_texts_stay_inside_and_apart(layout_tab, url_path: str, width: int, lang: str):
    failures = []
    for spec, section in views(url_path):
        for figure in visit(layout_tab, spec, width, lang, section):
            failures += [f"/{url_path}{section} at {width} px, {lang}, figure {figure['title']!r}: {problem}"
                         for problem in figure_problems(figure)]
    assert not failures, report(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url_path", URL_PATHS)
def test_phone_keeps_figure_texts_inside_and_apart_and_the_page_narrow(layout_tab, url_path: str, lang: str):
    """A phone scrolls a figure sideways inside its own frame: its texts still fit the figure, apart."""
    failures = []
    for spec, section in views(url_path):
        for figure in visit(layout_tab, spec, PHONE_WIDTH, lang, section):
            failures += [f"/{url_path}{section} at {PHONE_WIDTH} px, {lang}, figure {figure['title']!r}: {problem}"
                         for problem in figure_problems(figure)]
        scroll = layout_tab.page.evaluate(PAGE_SCROLL_WIDTH)
        if scroll > PHONE_WIDTH + TOLERANCE_PX:
            failures.append(f"/{url_path}{section} at {PHONE_WIDTH} px, {lang}: the page scrolls sideways "
                            f"({scroll} px wide)")
    assert not failures, report(failures)


def test_overlap_check_sees_rotated_boxes_apart():
    """Two labels rotated by 45° side by side: their screen boxes meet, the labels do not."""
    def rotated(cx: float) -> list[list[float]]:
        half_long, half_short = 30 / 2 ** 0.5, 4 / 2 ** 0.5
        return [[cx - half_long + half_short, 100 + half_long + half_short],
                [cx + half_long + half_short, 100 - half_long + half_short],
                [cx + half_long - half_short, 100 - half_long - half_short],
                [cx - half_long - half_short, 100 + half_long - half_short]]

    assert not boxes_overlap(rotated(0), rotated(12))
    assert boxes_overlap(rotated(0), rotated(3))
    square = [[0, 0], [10, 0], [10, 10], [0, 10]]
    assert outside_by(square, {"left": 2, "top": 0, "right": 20, "bottom": 20}) == 2
