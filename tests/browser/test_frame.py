"""The frame in a browser: old and root addresses, presentation mode's way out, the view link.

``/map`` (the map explorer's former path), ``/`` and ``/overview`` must open their page without
the "Page not found" dialog ever being drawn, not only after a redirect: a MutationObserver
installed before the app loads counts every moment the dialog's text is in the page.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

WATCH_NOT_FOUND = """
window.__notFound = 0;
new MutationObserver(() => {
  if (document.body && document.body.innerText.includes('Page not found')) window.__notFound += 1;
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
SIDEBAR = '[data-testid="stSidebar"]'


def query(app_page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(app_page.page.url).query)


ADDRESSES = [("/map?lang=zh&indicator=population_2020", "/explorer"), ("/?lang=zh&present=true", "/overview"),
             ("/overview?lang=zh&present=true", "/overview")]


@pytest.mark.parametrize(("address", "opens"), ADDRESSES, ids=[a for a, _ in ADDRESSES])
def test_old_and_root_addresses_open_their_page_without_page_not_found(app_page, address, opens):
    app_page.page.add_init_script(WATCH_NOT_FOUND)
    app_page.open(address)
    app_page.page.wait_for_url(f"**{opens}?**")
    app_page.wait_idle()
    app_page.page.locator(".js-plotly-plot").first.wait_for()
    assert app_page.page.evaluate("() => window.__notFound") == 0
    sent = parse_qs(urlsplit(address).query)
    assert {key: query(app_page).get(key) for key in sent} == sent, app_page.page.url
    app_page.screenshot(f"address{opens.replace('/', '-')}-{len(sent)}", stretch=False)


@pytest.mark.parametrize(("lang", "label"), [("en", "Exit presentation mode"), ("zh", "退出演示模式")])
def test_presentation_mode_has_a_visible_way_out(app_page, lang, label):
    app_page.open(f"/compare?present=true&lang={lang}&mode=ranking")
    page = app_page.page
    assert not page.locator(SIDEBAR).is_visible()
    button = page.get_by_role("button", name=label)
    button.wait_for(state="visible")  # raises if it never appears
    app_page.screenshot(f"presentation-exit-{lang}", stretch=False)
    button.click()
    page.locator(SIDEBAR).wait_for(state="visible")
    app_page.wait_idle()
    page.wait_for_url(lambda url: "present=" not in url)  # the URL follows the rerun; raises if it never does
    assert "present" not in query(app_page)
    assert query(app_page).get("mode") == ["ranking"]  # the view itself is kept


def test_the_sidebar_link_is_the_address_of_the_view(app_page):
    app_page.open("/compare?lang=zh&mode=ranking&rank_per=population")
    code = app_page.page.locator(f'{SIDEBAR} [data-testid="stCode"]')
    shown = code.inner_text().replace("\n", "")
    assert urlsplit(shown).path == "/compare"
    assert parse_qs(urlsplit(shown).query) == query(app_page)
    # The code box's own copy button puts exactly that address on the clipboard.
    app_page.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    code.hover()
    code.get_by_role("button", name="Copy to clipboard").click()
    assert app_page.page.evaluate("() => navigator.clipboard.readText()") == shown
