"""A control inside a section of a long page reruns only that section (a Streamlit fragment):
in a real browser its value still reaches the address bar and the sidebar's link to the view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.text.fragmentation import FRAGMENTATION_WORDS

pytestmark = pytest.mark.browser


def test_a_control_inside_a_section_writes_the_url_and_the_sidebars_link(app_page):
    app_page.open("/fragmentation?section=matrix")
    app_page.page.locator('[data-testid="stRadio"]').get_by_text(FRAGMENTATION_WORDS["en"]["sort_similarity"]).click()
    app_page.page.wait_for_function("() => location.search.includes('sort=similarity')", timeout=60_000)
    app_page.wait_idle()
    assert parse_qs(urlsplit(app_page.page.url).query) == {"section": ["matrix"], "sort": ["similarity"]}
    link = app_page.page.locator('[data-testid="stSidebar"] [data-testid="stCode"]')
    expect(link).to_have_count(1)  # redrawn in its place, not added
    expect(link).to_contain_text("sort=similarity")
    assert app_page.page.locator('[data-testid="stException"]').count() == 0
    app_page.screenshot("sections-fragment-change")
    app_page.assert_local_only()
