"""The explorer's map grows with the page's width, in a real browser.

A map keeps its shape, so the page draws a wide figure taller (``dashboard.ui.fit_css``), up
to the window's height. At 1400 and 1920 px the provinces drawn must span at least a stated
share of the figure's width, with the colour bar right of them and the legend and footer
under them; at 390 px (a phone) the figure keeps its own 720 px and scrolls in its own frame.
Screenshots of the window go to ``test-artifacts/map-size-<width>-<lang>.png``.
"""

from __future__ import annotations

import pytest

from dashboard.figures.style import FIGURE_PX
from tests.browser.conftest import ARTIFACTS  # noqa: F401  (screenshots land there)
from tests.browser.test_layout import ALL_PLOTS_DRAWN, PAGE_SCROLL_WIDTH, PLOT_WAIT_MS

pytestmark = pytest.mark.browser

HEIGHT = 1000
# Measured in Chromium at a 1000 px high window (map width / figure width): 0.57 at 1400 px
# and 0.37 at 1920 px before the map was fitted; 0.82 and 0.57 after. The thresholds keep a margin.
LEAST_SHARE = {1400: 0.75, 1920: 0.5}
PHONE_WIDTH = 390

BOXES = """() => {
    const plot = document.querySelector('.js-plotly-plot');
    const box = (b) => ({left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width});
    const shapes = [...plot.querySelectorAll('path.choroplethlocation')]
        .map(e => e.getBoundingClientRect()).filter(b => b.width > 0);
    const map = {left: Math.min(...shapes.map(b => b.left)), right: Math.max(...shapes.map(b => b.right)),
                 top: Math.min(...shapes.map(b => b.top)), bottom: Math.max(...shapes.map(b => b.bottom))};
    map.width = map.right - map.left;
    const one = (selector) => { const e = plot.querySelector(selector); return e ? box(e.getBoundingClientRect()) : null; };
    return {figure: box(plot.querySelector('svg.main-svg').getBoundingClientRect()), map,
            colorbar: one('.colorbar'), legend: one('.legend'), footer: one('.annotation')};
}"""

MAP_DRAWN = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"]');
    const svg = chart && chart.querySelector('svg.main-svg');
    return svg && chart.querySelector('path.choroplethlocation')
        && Math.abs(svg.getBoundingClientRect().height - chart.getBoundingClientRect().height) < 2;
}"""


def open_explorer(app_page, width: int, lang: str) -> dict:
    app_page.page.set_viewport_size({"width": width, "height": HEIGHT})
    app_page.open(f"/explorer?lang={lang}&indicator=demonstration_areas_per_province")
    app_page.page.wait_for_function(ALL_PLOTS_DRAWN, timeout=PLOT_WAIT_MS)
    # The outlines come in their own request; the figure is redrawn at the height the page gave it.
    app_page.page.wait_for_function(MAP_DRAWN, timeout=PLOT_WAIT_MS)
    app_page.next_frames()
    boxes = app_page.page.evaluate(BOXES)
    # The window as it is: a full-page shot would stretch the window, and the map with it.
    app_page.screenshot(f"map-size-{width}-{lang}", stretch=False)
    return boxes


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", sorted(LEAST_SHARE))
def test_the_map_fills_a_wide_page_without_anything_drawn_over_it(app_page, width: int, lang: str):
    boxes = open_explorer(app_page, width, lang)
    figure, shown = boxes["figure"], boxes["map"]
    share = shown["width"] / figure["width"]
    assert share >= LEAST_SHARE[width], f"the map spans {share:.2f} of the figure's width at {width} px"
    assert figure["bottom"] - figure["top"] <= HEIGHT, "the figure is taller than the window"
    assert boxes["colorbar"]["left"] >= shown["right"] - 1, "the colour bar is drawn over the map"
    assert boxes["legend"]["top"] >= shown["bottom"] - 1, "the legend is drawn over the map"
    assert boxes["footer"]["top"] >= boxes["legend"]["bottom"] - 1, "the footer is drawn over the legend"
    assert boxes["footer"]["bottom"] <= figure["bottom"] + 1, "the footer is cut off"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_keeps_the_figure_at_its_own_size_in_its_own_scrolling_frame(app_page, lang: str):
    boxes = open_explorer(app_page, PHONE_WIDTH, lang)
    assert round(boxes["figure"]["width"]) == FIGURE_PX
    assert boxes["footer"]["bottom"] <= boxes["figure"]["bottom"] + 1
    assert app_page.page.evaluate(PAGE_SCROLL_WIDTH) <= PHONE_WIDTH + 2, "the page itself scrolls sideways"
