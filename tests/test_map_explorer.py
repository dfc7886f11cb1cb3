"""Map explorer: builders unit-tested without Streamlit, the page through AppTest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.domain.bins import assign_bins, manual_bins, quantile_bins, rank_descending
from dashboard.domain.indicators import coverage_sentence, indicator_view
from dashboard.figures.maps import province_map
from dashboard.text import format_value

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
    assert "Source" in by_name["value"].customdata[0] and "rank" in by_name["value"].customdata[0]
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
    assert {"indicator", "value", "source", "confidence"} <= set(profile.columns)
    assert profile["value"].str.contains("—").any()  # missing shown as missing, not 0


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
    assert next(trace for trace in figure.data if trace.name == "value").zmin is None
