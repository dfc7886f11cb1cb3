"""The long pages (Regulations, Timeline, Fragmentation) show one section at a time, chosen in
the URL by a stable id (``?section=diffusion``) or by its label in either language; a link
that names a control of a section but no section (as links did before) opens that section."""

from __future__ import annotations

import pytest

from dashboard.text.sections import PAGE_SECTIONS, SECTION_WORDS
from tests.conftest import run_app_page

SECTIONED = [(page, section) for page, sections in PAGE_SECTIONS.items() for section in sections]


def charts(app) -> list[str]:
    return [chart.key for chart in app.get("plotly_chart")]


def picked(app) -> str:
    return app.segmented_control(key="section").value


@pytest.mark.parametrize(("page", "section"), SECTIONED, ids=[f"{p}-{s}" for p, s in SECTIONED])
def test_a_section_opens_from_its_id_and_from_its_chinese_label(page, section):
    by_id = run_app_page(page, section=section)
    assert not by_id.exception, [e.value for e in by_id.exception]
    assert picked(by_id) == section
    # The id is written back, except for the first section, which a bare link opens.
    assert by_id.query_params.get("section") == (None if section == PAGE_SECTIONS[page][0] else section)
    by_label = run_app_page(page, {"lang": "zh"}, section=SECTION_WORDS["zh"][f"{page}_{section}"])
    assert not by_label.exception and picked(by_label) == section
    assert charts(by_label) == charts(by_id)


@pytest.mark.parametrize("page", list(PAGE_SECTIONS))
def test_the_first_view_draws_only_the_first_sections_figures(page):
    views = {section: set(charts(run_app_page(page, section=section))) for section in PAGE_SECTIONS[page]}
    always = set.intersection(*views.values())  # e.g. the Regulations matrix, above the picker
    own = {section: shown - always for section, shown in views.items()}
    first = run_app_page(page)
    assert set(charts(first)) == views[PAGE_SECTIONS[page][0]]
    for section, figures in own.items():
        others = set().union(*(f for s, f in own.items() if s != section))
        assert not figures & others, f"{page}: {section} shares figures with another section"
    assert all(own[section] for section in PAGE_SECTIONS[page] if section not in ("agreement", "rows", "pair",
                                                                                   "findings")), own


@pytest.mark.parametrize(("page", "params", "section"), [
    ("regulations", {"family": "sector", "item": "exit_or_consumption_restriction"}, "map"),
    ("regulations", {"left": "420000", "right": "310000"}, "pair"),
    ("regulations", {"spread": "exit_or_consumption_restriction"}, "diffusion"),
    ("fragmentation", {"sort": "similarity"}, "matrix"),
    ("fragmentation", {"year": "2019"}, "diffusion"),
    ("fragmentation", {"wealth": "per_capita"}, "regions"),
    ("fragmentation", {"section": "findings", "sort": "similarity"}, "findings"),  # a named section wins
    ("fragmentation", {"section": "nonsense"}, "spread"),  # an unknown id falls back to the first
])
def test_an_old_link_opens_the_section_that_holds_its_control(page, params, section):
    app = run_app_page(page, **params)
    assert not app.exception, [e.value for e in app.exception]
    assert picked(app) == section
    drawn = {element.key for kind in ("radio", "selectbox", "select_slider", "multiselect") for element in app.get(kind)}
    if "section" not in params:
        assert set(params) <= drawn  # the control the link names is on the screen it opens


def test_a_timeline_link_naming_a_year_opens_the_adoption_map_of_that_year():
    first_year = run_app_page("timeline", section="adoption").select_slider(key="year").options[0]
    app = run_app_page("timeline", year=first_year)
    assert not app.exception and picked(app) == "adoption"
    assert str(app.select_slider(key="year").value) == str(first_year) and "map" in charts(app)


def test_choosing_a_section_moves_the_url_and_draws_that_section_instead():
    app = run_app_page("regulations", item="exit_or_consumption_restriction")
    app.segmented_control(key="section").set_value("difference").run()
    assert not app.exception
    assert app.query_params["section"] == "difference"
    assert {"prevalence", "similarity", "size"} <= set(charts(app)) and "map" not in charts(app)
