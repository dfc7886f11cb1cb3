"""The one URL mechanism (dashboard.ui): stable ids in the URL on every page.

A link keeps its meaning in either language (ids or the labels shown are accepted, ids are
written), every kind of control is covered (choice, multiselect, toggle, text), and leaving
a page and coming back keeps its controls.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import REPO_PROCESSED, run_app_page


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return pd.read_parquet(REPO_PROCESSED / "catalogue.parquet")


def province_level(catalogue: pd.DataFrame) -> list[str]:
    return catalogue.loc[catalogue["province_level"].astype(bool), "name"].tolist()


def test_a_link_made_in_chinese_opens_the_same_view_in_english(catalogue):
    name = province_level(catalogue)[-1]
    title_zh = catalogue.set_index("name").loc[name, "title_zh"]
    assert title_zh, "the test needs an indicator with a Chinese title"
    app = run_app_page("compare", {"lang": "en"}, mode="ranking", rank=title_zh)
    assert not app.exception
    assert app.selectbox(key="rank").value == name
    assert app.query_params["rank"] == name  # the id is written back, not the label


@pytest.mark.parametrize("label", ["Ranking", "ranking"])
def test_choice_accepts_label_or_id_and_writes_the_id(label):
    app = run_app_page("compare", mode=label)
    assert app.radio(key="mode").value == "ranking"
    assert app.query_params["mode"] == "ranking"


def test_multiselect_and_toggle_are_written_as_ids():
    app = run_app_page("compare", mode="provinces", provinces="320000,330000")
    assert not app.exception
    assert app.multiselect(key="provinces").value == ["320000", "330000"]
    app.multiselect(key="provinces").select("440000").run()
    assert app.query_params["provinces"] == "320000,330000,440000"
    app = run_app_page("compare", mode="scatter", log_x="true")
    assert app.toggle(key="log_x").value is True
    app.toggle(key="log_x").set_value(False).run()
    assert "log_x" not in app.query_params  # the default is left out


def test_text_input_comes_from_the_url_and_is_capped():
    app = run_app_page("sources", q="x" * 1000)
    assert not app.exception
    assert len(app.text_input(key="q").value) <= 200


def test_invalid_values_fall_back_to_defaults():
    app = run_app_page("compare", mode="nonsense", provinces="999999", shared="maybe")
    assert not app.exception
    assert app.radio(key="mode").value == "two"
    assert "mode" not in app.query_params


def test_leaving_a_page_and_coming_back_keeps_its_controls():
    app = run_app_page("compare")
    app.radio(key="mode").set_value("ranking").run()
    assert app.radio(key="mode").value == "ranking"
    # Streamlit clears the URL on a page change; the page's controls must survive it.
    app.switch_page("app_pages/cities.py")
    for key in list(app.query_params):
        del app.query_params[key]
    app.run()
    assert not app.exception
    app.switch_page("app_pages/compare.py")
    app.run()
    assert not app.exception
    assert app.radio(key="mode").value == "ranking"
    assert app.query_params["mode"] == "ranking"
