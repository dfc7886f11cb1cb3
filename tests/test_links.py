"""A link made in one language opens the same view in the other, on every page.

The round trip: open a page in Chinese with each of its choices set, in the URL, to the
Chinese label of its last option (as a visitor editing a link would); the page writes stable
ids back. That link, opened with ``lang=en``, must show the same view and write the same link.
"""

from __future__ import annotations

import pytest

from tests.conftest import run_app_page

PAGES = ["overview", "explorer", "compare", "cities", "regulations", "timeline", "fragmentation", "sources"]
CONTROLS = ("radio", "selectbox", "select_slider", "multiselect", "toggle")
# Compare shows other controls in each mode: every mode's controls make the trip.
EXTRA = {"compare": [{"mode": mode} for mode in ("provinces", "ranking", "scatter", "batches")]}


def controls(app) -> dict[str, object]:
    """Every keyed control of the page and its value (the language switch left out)."""
    return {element.key: element.value for kind in CONTROLS for element in app.get(kind)
            if element.key and element.key != "lang"}


def link_of(app) -> dict[str, str]:
    return {key: app.query_params[key] for key in app.query_params if key != "lang"}


def labelled_link(app, fixed: dict[str, str]) -> dict[str, str]:
    """A URL naming, for each choice of the page, the label shown for its last option."""
    link = dict(fixed)
    for kind in ("radio", "selectbox"):
        for element in app.get(kind):
            if element.key and element.key not in link and element.key != "lang" and len(element.options) > 1:
                link[element.key] = element.options[-1]
    return link


CASES = [(page, fixed) for page in PAGES for fixed in [{}, *EXTRA.get(page, [])]]


@pytest.mark.parametrize(("page", "fixed"), CASES, ids=[f"{p}-{'-'.join(f.values()) or 'default'}" for p, f in CASES])
def test_a_link_made_in_chinese_opens_the_same_view_in_english(page, fixed):
    first = run_app_page(page, {"lang": "zh"}, **fixed)
    assert not first.exception, [e.value for e in first.exception]
    labelled = labelled_link(first, fixed)
    made = run_app_page(page, {"lang": "zh"}, **labelled)
    assert not made.exception, [e.value for e in made.exception]
    if len(labelled) > len(fixed):  # the labels were understood: the view moved off its defaults
        assert controls(made) != controls(first), labelled
    chosen, link = controls(made), link_of(made)
    opened = run_app_page(page, {"lang": "en"}, **link)
    assert not opened.exception, [e.value for e in opened.exception]
    assert controls(opened) == chosen, link
    assert link_of(opened) == link


def test_a_compare_link_with_a_chinese_indicator_title_opens_that_indicator_in_english():
    zh = run_app_page("compare", {"lang": "zh"}, mode="ranking")
    box = zh.selectbox(key="rank")
    title = box.options[-1]  # the Chinese title, as an old link carried it
    opened = run_app_page("compare", {"lang": "en"}, mode="ranking", rank=title)
    assert not opened.exception
    chosen = run_app_page("compare", {"lang": "zh"}, mode="ranking", rank=title).selectbox(key="rank").value
    assert opened.selectbox(key="rank").value == chosen
    assert opened.query_params["rank"] == chosen  # written back as the id


def test_the_sidebar_shows_the_link_to_the_current_view():
    from urllib.parse import parse_qs, urlsplit

    app = run_app_page("compare", {"lang": "zh"}, mode="ranking", rank_per="population")
    shown = urlsplit(app.code[-1].value)
    assert shown.path.endswith("/compare")
    assert {k: v[-1] for k, v in parse_qs(shown.query).items()} == {k: app.query_params[k] for k in app.query_params}
    assert parse_qs(shown.query)["mode"] == ["ranking"]


def test_leaving_regulations_and_coming_back_keeps_its_controls():
    app = run_app_page("regulations")
    app.radio(key="family").set_value("sector").run()
    app.switch_page("app_pages/compare.py")
    for key in list(app.query_params):
        del app.query_params[key]
    app.run()
    app.switch_page("app_pages/regulations.py")
    app.run()
    assert not app.exception
    assert app.radio(key="family").value == "sector"


@pytest.mark.parametrize(("page", "fixed"), [("regulations", {}), ("compare", {}), ("compare", {"mode": "ranking"})])
def test_a_link_with_chinese_labels_opens_the_same_view_in_english(page, fixed):
    first = run_app_page(page, {"lang": "zh"}, **fixed)
    labelled = labelled_link(first, fixed)
    in_chinese = run_app_page(page, {"lang": "zh"}, **labelled)
    in_english = run_app_page(page, {"lang": "en"}, **labelled)
    assert not in_english.exception, [e.value for e in in_english.exception]
    assert controls(in_english) == controls(in_chinese), labelled
    assert link_of(in_english) == link_of(in_chinese)
