"""The Regulations page and the first screen, run through AppTest on the committed data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.text import OVERVIEW_WORDS, REGULATION_WORDS
from tests.conftest import ROOT, run_app_page

PROCESSED = ROOT / "data" / "processed"


def figures(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def figure_titled(app, prefix: str) -> dict:
    return next(f for f in figures(app) if f["layout"]["title"]["text"].startswith(prefix))


@pytest.fixture(scope="module")
def page():
    return run_app_page("regulations")


def test_page_runs_in_both_languages_and_opens_with_the_matrix_and_the_map_only():
    for lang in ("en", "zh"):
        app = run_app_page("regulations", state={"lang": lang})
        assert not app.exception, [e.value for e in app.exception]
        assert [chart.key for chart in app.get("plotly_chart")] == ["matrix", "map"]
        assert not app.dataframe  # the coded rows and the other tables wait for their section


def test_both_languages_have_every_label():
    assert set(REGULATION_WORDS["en"]) == set(REGULATION_WORDS["zh"])
    assert set(OVERVIEW_WORDS["en"]) == set(OVERVIEW_WORDS["zh"])


def test_matrix_rows_follow_adoption_and_unregulated_provinces_are_their_own_state(page):
    matrix = figure_titled(page, "What each regulation provides for")
    heatmap = matrix["data"][0]
    regulations = pd.read_parquet(PROCESSED / "regulations_provincial.parquet")
    adopted = regulations[regulations["status"] == "adopted"].sort_values("adopted")
    date_of = dict(zip(adopted["province_en"], adopted["adopted"], strict=True))
    shown = [next(date_of[name] for name in date_of if label.startswith(name)) for label in heatmap["y"][: len(adopted)]]
    assert shown == sorted(shown) and len(set(shown)) == adopted["adopted"].nunique()
    states = [z for row in heatmap["z"] for z in row]
    unregulated = len(regulations) - len(adopted)
    n_items = len(heatmap["x"])
    # the last rows (no regulation) are all in the 'no regulation' state, never 'no'
    assert [z for row in heatmap["z"][-unregulated:] for z in row] == [3] * (unregulated * n_items)
    assert set(states) <= {0, 1, 2, 3}


def test_hover_names_the_articles_of_a_coded_yes(page):
    provisions = pd.read_parquet(PROCESSED / "regulation_provisions.parquet")
    yes = provisions[(provisions["present"] == "yes") & (provisions["level"] == "province")].iloc[0]
    heatmap = figure_titled(page, "What each regulation provides for")["data"][0]
    cells = [cell for row in heatmap["customdata"] for cell in row]  # [state, articles]
    assert any(yes["articles"].split(";")[0] in articles and "art." in articles for _, articles in cells)
    assert "%{customdata[1]}" in heatmap["hovertemplate"]


def test_map_keeps_hong_kong_macao_taiwan_outside_and_counts_states(page):
    item_map = next(f for f in figures(page) if f["data"][0].get("type") == "choropleth")
    outside = next(t for t in item_map["data"] if t["name"].startswith("Outside"))
    assert set(outside["locations"]) == {"710000", "810000", "820000"}
    in_scope = [loc for t in item_map["data"] if not t["name"].startswith("Outside") for loc in t["locations"]]
    assert len(in_scope) == len(set(in_scope)) == 31


def test_url_ids_choose_the_item_and_the_pair():
    app = run_app_page("regulations", item="exit_or_consumption_restriction")
    assert not app.exception
    item_map = next(f for f in figures(app) if f["data"][0].get("type") == "choropleth")
    assert item_map["layout"]["title"]["text"] == "Exit or high-consumption restrictions"
    app = run_app_page("regulations", left="420000", right="310000")  # a link made before the page had sections
    assert not app.exception and app.query_params["section"] == "pair"
    pair = app.dataframe[0].value
    assert any("Hubei" in column for column in pair.columns) and any("Shanghai" in column for column in pair.columns)


def test_agreement_is_computed_from_the_two_codings():
    page = run_app_page("regulations", section="agreement")
    coders = pd.read_parquet(PROCESSED / "regulation_coding_independent.parquet")
    wide = coders.pivot(index=["jurisdiction", "item"], columns="coder", values="present")
    agreed = int((wide["A"] == wide["B"]).sum())
    captions = " ".join(c.value for c in page.caption)
    assert f"agreed on {agreed} of {len(wide)} codes" in captions


def test_first_screen_states_the_thesis_and_numbers_link_to_sources():
    app = run_app_page("overview")
    assert not app.exception
    regulations = pd.read_parquet(PROCESSED / "regulations_provincial.parquet")
    n = int((regulations["status"] == "adopted").sum())
    assert any(m.value == f"### {n} of 31" for m in app.markdown)
    assert len(app.get("plotly_chart")) == 1


def test_every_registered_page_has_both_navigation_titles():
    from bench.pages import pages
    from dashboard.text import PAGE_TITLES

    for url_path, _ in pages():
        english, chinese = PAGE_TITLES[url_path]
        assert english and chinese, url_path
