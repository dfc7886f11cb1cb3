"""The play control on the year maps of the Map explorer, Timeline and Fragmentation pages, in a
real browser: pressing Play steps the year shown (and named in the map's title) while the URL
keeps the year chosen in the sidebar. All three play Plotly frames, without the server."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT


def first_adoption_year() -> int:
    indicators = pd.read_parquet(ROOT / "data" / "processed" / "indicators.parquet")
    years = indicators.loc[indicators["indicator"] == "regulation_adoption_year", "value"].dropna()
    return int(years.min())


@pytest.mark.parametrize("path", ["timeline", "fragmentation", "explorer"])
def test_play_steps_the_year_in_the_title_and_keeps_the_url(app_page, path):
    year = first_adoption_year()
    query = "&indicator=regulation_adoption_year&play=true" if path == "explorer" else ""
    app_page.open(f"/{path}?year={year}{query}")
    figure = app_page.page.locator(".js-plotly-plot", has=app_page.page.locator(".updatemenu-button"))
    expect(figure).to_have_count(1)
    title = figure.locator(".g-gtitle .gtitle")
    expect(title).to_contain_text(str(year))
    figure.locator(".updatemenu-button").first.click()
    # The frames step on their own; expect() polls until the title names a later year.
    expect(title).not_to_contain_text(str(year), timeout=20_000)
    assert f"year={year}" in app_page.page.url
    app_page.screenshot(f"play-{path}")
    app_page.assert_local_only()
