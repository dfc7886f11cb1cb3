"""The Sources page in a browser: a row chosen in the table of datasets opens that dataset.

AppTest cannot click a table row (the selection is made in the browser's data grid), so the
path from the table to one dataset's provenance is checked here.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from tests.browser.test_pages import PROCESSED

pytestmark = pytest.mark.browser

ROW_MARKER_X = 18  # the grid's leftmost column holds each row's selection box
HEADER_AND_HALF_ROW_Y = 35 + 35 // 2  # below the header row, in the first data row


def test_selecting_a_row_of_the_dataset_table_opens_that_dataset(app_page):
    app_page.open("/sources")
    page = app_page.page
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    assert page.get_by_text("Select a dataset in the table above").count() == 1
    box = grid.bounding_box()
    page.mouse.click(box["x"] + ROW_MARKER_X, box["y"] + HEADER_AND_HALF_ROW_Y)
    page.wait_for_function("() => location.search.includes('dataset=')", timeout=30_000)
    app_page.wait_idle()
    chosen = parse_qs(urlsplit(page.url).query)["dataset"][0]
    first = pd.read_parquet(PROCESSED / "catalogue.parquet").iloc[0]
    assert chosen == first["name"]
    heading = page.locator('[data-testid="stMain"] h2').first.inner_text()
    assert first["title"] in heading
    assert page.locator('[data-testid="stDownloadButton"]').count() >= 2  # the dataset's CSV, then all sources
    app_page.screenshot("sources-dataset-selected")
    app_page.assert_local_only()
