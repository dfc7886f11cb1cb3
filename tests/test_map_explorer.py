"""Map explorer: builders unit-tested without Streamlit, the page through AppTest."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.domain.bins import assign_bins, manual_bins, quantile_bins, rank_descending
from dashboard.domain.indicators import coverage_sentence, indicator_view
from dashboard.domain.maps import is_sparse
from dashboard.figures.maps import province_map
from dashboard.text import format_value
from dashboard.text.explorer import PROFILE_COLUMNS
from tests.test_add_indicator import NAME as ADDED_NAME
from tests.test_add_indicator import ROWS as ADDED_ROWS
from tests.test_add_indicator import processed_with_new_indicator  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables():
    read = lambda name: pd.read_parquet(ROOT / "data" / "processed" / f"{name}.parquet")  # noqa: E731
    catalogue = data.Catalogue(read("catalogue"))
    return read("indicators"), read("provinces"), {name: catalogue.get(name) for name in catalogue.frame["name"]}


def latest_known(indicators: pd.DataFrame, name: str) -> pd.Series:
    """The latest values of one indicator that a source gives (from the data, not a count typed in)."""
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)]
    return rows["value"].dropna()


def in_scope_count(provinces: pd.DataFrame) -> int:
    return int(provinces["in_scope"].astype(bool).sum())


def figure_of(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_missing_values_stay_missing_and_coverage_says_so(tables):
    indicators, provinces, meta = tables
    view = indicator_view(indicators, meta["blacklists_per_province"])
    known, total = len(latest_known(indicators, "blacklists_per_province")), in_scope_count(provinces)
    assert 0 < known < total, "the test needs an indicator with gaps"
    assert view.n_values == known
    assert (view.values["state"] == "missing").sum() == total - known
    assert view.values.loc[view.values["state"] == "missing", "value"].isna().all()
    assert view.coverage == (f"Values for {known} of {total} provinces; the other {total - known}: "
                             "not reported by source.")


def test_per_capita_divides_by_census_population(tables):
    indicators, _, meta = tables
    absolute = indicator_view(indicators, meta["demonstration_areas_per_province"]).values.set_index("adcode")
    per_capita = indicator_view(indicators, meta["demonstration_areas_per_province"], normalise="population",
                                normalisers=data.normalisers())
    zhejiang = per_capita.values.set_index("adcode").at["330000", "value"]
    assert zhejiang == pytest.approx(absolute.at["330000", "value"] / 64_567_588 * 1_000_000)
    assert "per million residents" in per_capita.unit


def test_list_types_are_never_per_capita(tables):
    indicators, _, meta = tables
    view = indicator_view(indicators, meta["blacklists_per_province"], normalise="population",
                          normalisers=data.normalisers())
    assert view.unit == "distinct blacklists"  # normalisation refused: not allowed for list types


def test_as_of_year_counts_only_areas_announced_by_then(tables):
    indicators, _, meta = tables
    name = "demonstration_areas_per_province"
    early = indicator_view(indicators, meta[name], as_of=2018)
    rows = indicators[(indicators["indicator"] == name) & (indicators["year"] == 2018) & ~indicators["is_latest"]]
    assert early.values["value"].sum() == rows["value"].sum()
    assert early.values["value"].sum() < indicator_view(indicators, meta[name]).values["value"].sum()
    years = latest_known(indicators, "regulation_adoption_year")
    regulation = indicator_view(indicators, meta["regulation_adoption_year"], as_of=2017)
    assert (regulation.values["state"] == "value").sum() == (years <= 2017).sum()
    assert (regulation.values["state"] == "absent").sum() == (years > 2017).sum()


def test_bins_and_ranks():
    values = pd.Series([1.0, 2.0, 3.0, 4.0, None])
    bins = manual_bins(values, [2.5])
    assert bins.edges == [1.0, 2.5, 4.0]
    assert assign_bins(values, bins).tolist()[:4] == [0, 0, 1, 1] and pd.isna(assign_bins(values, bins).iloc[4])
    assert len(quantile_bins(values, 4).labels) == 4
    # Whole numbers: labels name the values each bin holds; no edge appears twice.
    counts = pd.Series([0.0, 0, 1, 2, 2, 3, 6, 15])
    assert manual_bins(counts, [1, 2, 3, 6]).labels == ["0", "1", "2", "3 – 5", "6 – 15"]
    assert manual_bins(pd.Series([0.5, 2.5]), [1.5]).labels == ["0.5 – <1.5", "1.5 – 2.5"]
    assert manual_bins(pd.Series([0.012, 0.3]), [0.05]).labels == ["0.012 – <0.05", "0.05 – 0.3"]
    assert rank_descending(pd.Series([5.0, 9.0, 5.0])).tolist() == [2, 1, 2]
    assert format_value(15, "count", "at least", "demonstration areas") == "at least 15 demonstration areas"
    assert format_value(2017, "year") == "2017"
    assert coverage_sentence(31, "x") == "Values for all 31 mainland provinces."


def test_map_has_outside_missing_and_value_layers(tables):
    indicators, provinces, meta = tables
    view = indicator_view(indicators, meta["redlists_per_province"])
    figure = province_map(view.values, provinces, title="T", subtitle="S", footer="F", unit=view.unit)
    by_name = {trace.name: trace for trace in figure.data if trace.type == "choropleth"}
    assert set(by_name["outside"].locations) == {"710000", "810000", "820000"}
    assert len(by_name["missing"].locations) == 25 and len(by_name["value"].locations) == 6
    value_hover = by_name["value"].hovertemplate
    assert "Source" in value_hover and "rank %{customdata" in value_hover  # assembled in the browser
    assert all(isinstance(cell, str | float | int) for cell in by_name["value"].customdata[0])
    missing_hover = by_name["missing"].hovertemplate
    assert "Source" not in missing_hover and "confidence: )" not in missing_hover and "No value" in missing_hover
    assert figure.layout.geo.visible is False
    assert isinstance(by_name["value"].geojson, str)  # a URL: geometry is not resent with each figure
    legend = {trace.name for trace in figure.data if trace.showlegend}
    assert "Not reported by source" in legend


def run_page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/explorer.py")  # the Overview is the first screen
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_page_starts_and_shows_the_default_map():
    at = run_page()
    assert not at.exception
    figure = figure_of(at)
    assert "Demonstration areas" in figure["layout"]["title"]["text"]
    assert any("Values for" in c.value for c in at.caption)


def test_url_parameters_restore_the_view():
    at = run_page(indicator="population_2020", bins="quantiles")
    assert not at.exception
    figure = figure_of(at)
    assert "Resident population" in figure["layout"]["title"]["text"]
    value_trace = [t for t in figure["data"] if t.get("name") == "value"][0]
    assert value_trace["colorbar"]["ticktext"]  # binned legend


def test_changing_the_indicator_changes_the_figure(tables):
    at = run_page()
    at.selectbox(key="indicator").set_value("redlists_per_province").run()
    assert "redlists" in figure_of(at)["layout"]["title"]["text"].lower()
    _, provinces, _ = tables
    known = len(latest_known(data.load("indicators"), "redlists_per_province"))
    assert any(f"{known} of {in_scope_count(provinces)}" in c.value for c in at.caption)


def test_hostile_parameters_fall_back_to_defaults():
    at = run_page(indicator="<script>alert(1)</script>", per="drop table", bins="../../etc", year="99999")
    assert not at.exception
    assert "Demonstration areas" in figure_of(at)["layout"]["title"]["text"]


def test_province_profile_lists_every_indicator_with_sources():
    at = run_page(province="340000")  # Anhui: no reported lists, no regulation
    assert not at.exception
    profile = at.dataframe[0].value
    shown = PROFILE_COLUMNS["en"]  # the headers a reader sees, by column id
    assert {shown[c] for c in ("indicator", "value", "source", "confidence")} <= set(profile.columns)
    assert profile[shown["value"]].str.contains("—").any()  # missing shown as missing, not 0


def test_missing_processed_file_gives_the_rebuild_command(tmp_path, monkeypatch):
    folder = tmp_path / "processed"
    shutil.copytree(ROOT / "data" / "processed", folder)
    (folder / "indicators.parquet").unlink()
    with pytest.raises(data.DataFileError, match="python -m etl"):
        data.load("indicators", folder)
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(data.DataFileError, match="manifest.json"):
        data.manifest(folder)


def test_count_scales_start_at_zero_and_years_do_not(tables):
    indicators, provinces, meta = tables
    counts = indicator_view(indicators, meta["blacklists_per_province"])
    figure = province_map(counts.values, provinces, title="T", subtitle="S", footer="F", unit=counts.unit)
    value_trace = next(trace for trace in figure.data if trace.name == "value")
    assert value_trace.zmin == 0 and min(value_trace.z) > 0  # the smallest count is not drawn as none
    years = indicator_view(indicators, meta["regulation_adoption_year"])
    figure = province_map(years.values, provinces, title="T", subtitle="S", footer="F", value_type="year")
    year_trace = next(trace for trace in figure.data if trace.name == "value")
    assert year_trace.zmin == min(year_trace.z) > 0  # years are not counted from 0
    assert year_trace.reversescale  # darker = earlier, as on every page



# The indicator that test_add_indicator.py adds to a temporary copy has values for two
# provinces only: a sparse indicator made for the test, not one of today's counts.
SPARSE = ADDED_NAME


@pytest.mark.usefixtures("processed_with_new_indicator")
def test_a_sparse_indicator_opens_as_a_ranking_with_the_map_one_click_away():
    assert is_sparse(len(ADDED_ROWS))
    at = run_page(indicator=SPARSE)
    assert not at.exception
    figure = figure_of(at)
    assert figure["data"][0]["type"] == "bar" and figure["data"][0]["y"] == ["Beijing 北京市", "Shanghai 上海市"]
    assert "Anhui 安徽省" in figure["layout"]["annotations"][0]["text"]  # the unreported, by name
    assert "as of 2020" in figure["layout"]["title"]["text"]
    assert any("2 of 31" in i.value for i in at.info)  # the coverage, stated
    at.radio(key="view").set_value("map").run()
    assert any(t["type"] == "choropleth" for t in figure_of(at)["data"])
    assert at.query_params["view"] in ("map", ["map"])  # kept in the URL: the link opens the map


def test_a_dense_indicator_opens_as_a_map_and_the_view_follows_the_indicator():
    at = run_page(indicator="population_2020")
    assert any(t["type"] == "choropleth" for t in figure_of(at)["data"])
    at.radio(key="view").set_value("ranking").run()
    assert figure_of(at)["data"][0]["type"] == "bar"
    at.selectbox(key="indicator").set_value("gdp_2020").run()
    assert any(t["type"] == "choropleth" for t in figure_of(at)["data"])  # a new indicator opens in its default


def test_the_title_names_the_year_when_latest_is_shown():
    at = run_page(indicator="regulation_adoption_year")
    title = figure_of(at)["layout"]["title"]["text"].replace("<br>", " ")
    assert re.search(r"as of (19|20)\d\d", title)


def test_play_puts_the_years_in_the_figure_and_keeps_the_sidebar_year():
    at = run_page(indicator="regulation_adoption_year", year="2018")
    assert "frames" not in figure_of(at) or not figure_of(at)["frames"]  # no frames unless asked for
    at.toggle(key="play").set_value(True).run()
    figure = figure_of(at)
    names = [frame["name"] for frame in figure["frames"]]
    assert names == sorted(names) and "2018" in names and len(names) > 1
    for frame in figure["frames"]:  # the year is always in the title
        assert f"as of {frame['name']}" in frame["layout"]["title"]["text"].replace("<br>", " ")
    assert "as of 2018" in figure["layout"]["title"]["text"].replace("<br>", " ")
    assert figure["layout"]["sliders"][0]["active"] == names.index("2018")
    assert at.query_params["year"] in ("2018", ["2018"]) and at.query_params["play"] in ("true", ["true"])


def test_the_coverage_sentence_is_in_the_subtitle_once_and_not_repeated_in_the_footer():
    for lang in ("en", "zh"):
        at = run_page(indicator="regulation_adoption_year", lang=lang)
        layout = figure_of(at)["layout"]
        coverage = at.caption[0].value  # the page's caption under the figure is the view's coverage
        subtitle = layout["title"]["subtitle"]["text"].replace("<br>", "")
        footer = " ".join(a["text"] for a in layout["annotations"]).replace("<br>", "")
        first_clause = coverage.split(";")[0].split("；")[0]
        assert first_clause in subtitle and first_clause not in footer, (lang, first_clause)
        if lang == "zh":
            assert "。 " not in subtitle  # Chinese sentences follow each other without a space
