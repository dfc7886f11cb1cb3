"""Compare page: builders unit-tested on small hand-made tables, the page through AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.batches import batch_coverage
from dashboard.domain.compare import (
    batch_counts,
    correlation_text,
    missing_sentence,
    profile_table,
    ranking,
    scatter_pairs,
    shared_range,
)
from dashboard.domain.indicators import indicator_view
from dashboard.domain.statistics import correlation
from dashboard.figures.compare import (
    apply_colour_range,
    batch_small_multiples,
    profile_bars,
    ranking_figure,
    scatter_figure,
)
from dashboard.figures.maps import province_map
from dashboard.figures.style import GEOJSON_URL
from tests.conftest import run_app_page

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"
CODES = ["110000", "120000", "130000", "140000", "150000", "210000", "220000"]
NAMES_EN = ["Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning", "Jilin"]
NAMES_ZH = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省"]


# ---------------------------------------------------------------- hand-made tables


@pytest.fixture
def provinces() -> pd.DataFrame:
    return pd.DataFrame({
        "adcode": [*CODES, "710000"], "name_en": [*NAMES_EN, "Taiwan"], "name_zh": [*NAMES_ZH, "台湾省"],
        "short_zh": [n[:2] for n in NAMES_ZH] + ["台湾"], "in_scope": [True] * len(CODES) + [False],
    })


def long_rows(name: str, values: list, unit: str, value_type: str = "count", qualifier: str = "",
              year: int | None = 2020, is_latest: bool = True) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": name, "adcode": CODES, "year": pd.array([year] * len(CODES), dtype="Int64"),
        "is_latest": is_latest, "value": pd.array(values, dtype="Float64"), "unit": unit, "value_type": value_type,
        "qualifier": qualifier, "source_id": f"src_{name}", "confidence": "official",
        "missing_reason": [None if v is not None else "not reported by source" for v in values], "note": None,
    })


@pytest.fixture
def indicators() -> pd.DataFrame:
    return pd.concat([
        long_rows("areas", [3, 0, 12, 1, 1, 2, 3], "demonstration areas", qualifier="at least"),
        long_rows("lists", [None, 35, None, None, 22, None, None], "distinct blacklists"),
        long_rows("adopted", [None, 2020, 2017, 2022, None, 2021, 2021], "year", value_type="year"),
        long_rows("population", [21.9, 13.9, 74.6, 34.9, 24.0, 42.6, 24.1], "million persons"),
        long_rows("redlists", [None, 12, None, None, 14, None, None], "distinct redlists"),
    ], ignore_index=True)


@pytest.fixture
def catalogue() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["areas", "lists", "adopted", "population", "redlists"],
        "title": ["Demonstration areas", "Blacklists", "Regulation year", "Population", "Redlists"],
        "title_zh": ["示范区", "黑名单", "法规年份", "人口", "红名单"],
        "unit": ["demonstration areas", "distinct blacklists", "year", "million persons", "distinct redlists"],
        "value_type": ["count", "count", "year", "count", "count"],
        "missing_reason": ["not reported by source"] * 3 + ["", "not reported by source"],
        "normalise": ["", "", "", "", ""], "coverage_note": [""] * 5,
    })


def meta_of(catalogue: pd.DataFrame, name: str) -> dict:
    row = catalogue.set_index("name").loc[name].to_dict()
    return {"name": name, **row}


# ---------------------------------------------------------------- two maps


def test_shared_range_only_for_the_same_unit(indicators, catalogue, provinces):
    areas = indicator_view(indicators, meta_of(catalogue, "areas"))
    lists = indicator_view(indicators, meta_of(catalogue, "lists"))
    assert shared_range(areas, lists) is None
    assert shared_range(areas, areas) == (0.0, 12.0)
    figure = province_map(areas.values, provinces, title="t", subtitle="s", footer="f", unit=areas.unit)
    apply_colour_range(figure, 0.0, 20.0)
    value = next(t for t in figure.data if t.name == "value")
    assert (value.zmin, value.zmax, value.zauto) == (0.0, 20.0, False)


# ---------------------------------------------------------------- profiles


def test_profile_table_shows_units_sources_and_reasons_not_zeros(indicators, catalogue, provinces):
    table = profile_table(indicators, catalogue, ["areas", "lists", "adopted"], ["110000", "120000"], provinces)
    assert list(table.columns) == ["Indicator", "Unit", "Beijing 北京市", "Tianjin 天津市", "As of", "Sources"]
    rows = table.set_index("Indicator")
    assert rows.at["Demonstration areas", "Beijing 北京市"] == "at least 3"
    assert rows.at["Demonstration areas", "Tianjin 天津市"] == "at least 0"  # a recorded zero stays a value
    assert rows.at["Blacklists", "Beijing 北京市"] == "— (not reported by source)"
    assert rows.at["Blacklists", "Tianjin 天津市"] == "35"
    assert rows.at["Regulation year", "Tianjin 天津市"] == "2020"
    assert rows.at["Blacklists", "Unit"] == "distinct blacklists"
    assert rows.at["Blacklists", "Sources"] == "src_lists"
    zh = profile_table(indicators, catalogue, ["areas"], ["110000", "120000"], provinces, lang="zh")
    assert zh["指标"].tolist() == ["示范区"] and "北京市 Beijing" in zh.columns
    assert list(zh.columns) == ["指标", "单位", "北京市 Beijing", "天津市 Tianjin", "截至", "来源"]


def test_profile_bars_one_axis_per_indicator_and_no_bar_for_missing(indicators, catalogue, provinces):
    names = ["areas", "lists", "adopted", "population"]
    figure = profile_bars(indicators, catalogue, names, ["110000", "120000", "130000"], provinces,
                          title="T", footer="F")
    y_axes = [k for k in figure.layout.to_plotly_json() if k.startswith("yaxis")]
    assert len(y_axes) >= len(names)
    titles = [a.text for a in figure.layout.annotations]
    for unit in ("demonstration areas", "distinct blacklists", "million persons"):
        assert any(unit in t for t in titles)
    # Each trace lives on one axis: no axis mixes two indicators.
    by_axis: dict[str, set] = {}
    for trace in figure.data:
        by_axis.setdefault(trace.yaxis or "y", set()).add(trace.type)
    assert len(by_axis) == len(names)
    # Blacklists: only Tianjin has a bar; Beijing and Hebei are labelled, not drawn.
    lists_axis = "y2"
    bars = [t for t in figure.data if (t.yaxis or "y") == lists_axis and t.type == "bar"]
    assert [b.x[0] for b in bars] == ["Tianjin"]
    labels = [t for t in figure.data if (t.yaxis or "y") == lists_axis and t.type == "scatter" and t.mode == "text"]
    assert list(labels[0].x) == ["Beijing", "Hebei"] and set(labels[0].text) == {"no value"}
    # Years are dots, never bars from zero.
    assert not [t for t in figure.data if (t.yaxis or "y") == "y3" and t.type == "bar"]
    assert figure.layout.yaxis3.range[0] > 2000


# ---------------------------------------------------------------- ranking


def test_ranking_leaves_missing_out_and_ranks_years_earliest_first(indicators, catalogue, provinces):
    lists = ranking(indicator_view(indicators, meta_of(catalogue, "lists")))
    assert lists.ranked["adcode"].tolist() == ["120000", "150000"]
    assert lists.ranked["rank"].tolist() == [1, 2]
    assert set(lists.missing["adcode"]) == {"110000", "130000", "140000", "210000", "220000"}
    years = ranking(indicator_view(indicators, meta_of(catalogue, "adopted")))
    assert years.ranked["value"].tolist() == [2017, 2020, 2021, 2021, 2022]
    assert years.ranked["rank"].tolist() == [1, 2, 3, 3, 5]
    sentence = missing_sentence(lists.missing, provinces)
    assert sentence.startswith("Not ranked, no value: not reported by source (5): Beijing, Hebei")


def test_ranking_figure_draws_only_known_values_and_lists_the_rest(indicators, catalogue, provinces):
    view = indicator_view(indicators, meta_of(catalogue, "lists"))
    figure = ranking_figure(view, provinces, title="T", subtitle="S", footer="Source: x")
    bar = figure.data[0]
    assert bar.type == "bar" and len(bar.x) == 2 and 0 not in list(bar.x)
    assert bar.y[0] == "1 · Tianjin 天津市"
    footer = next(a.text for a in figure.layout.annotations if "Source: x" in a.text)
    assert "Not ranked, no value" in footer and "Beijing" in footer and "Source: x" in footer
    years = ranking_figure(indicator_view(indicators, meta_of(catalogue, "adopted")), provinces,
                           title="T", subtitle="S", footer="F")
    assert years.data[0].type == "scatter" and years.layout.xaxis.range[0] > 2000


# ---------------------------------------------------------------- scatter


def test_scatter_prints_r_rho_and_n_from_the_shared_correlation(indicators, catalogue, provinces):
    x = indicator_view(indicators, meta_of(catalogue, "population"))
    y = indicator_view(indicators, meta_of(catalogue, "areas"))
    figure, result = scatter_figure(x, y, provinces, x_title="Population", y_title="Areas", title="T", footer="F")
    pairs = scatter_pairs(x, y).set_index("adcode")
    expected = correlation(pairs["x"], pairs["y"])
    assert result == expected and result.n == 7
    box = figure.layout.annotations[0].text
    assert f"Pearson r = {expected.pearson_r:.2f}" in box and f"ρ = {expected.spearman_rho:.2f}" in box
    assert "n = 7 provinces" in box
    assert len(figure.data[0].x) == 7
    assert "million persons" in figure.layout.xaxis.title.text


def test_scatter_with_few_provinces_shows_no_r(indicators, catalogue, provinces):
    x = indicator_view(indicators, meta_of(catalogue, "redlists"))
    y = indicator_view(indicators, meta_of(catalogue, "lists"))
    figure, result = scatter_figure(x, y, provinces, x_title="Red", y_title="Black", title="T", footer="F")
    assert result.n == 2 and not result.reliable
    box = figure.layout.annotations[0]
    assert "Pearson" not in box.text and "too few" in box.text and "n = 2" in box.text
    assert box.font.size > 14  # prominent
    assert correlation_text(result)[1] is False


# ---------------------------------------------------------------- batches


@pytest.fixture
def areas() -> pd.DataFrame:
    return pd.DataFrame({
        "adcode": ["110000", "130000", "130000", "120000", "140000"],
        "batch": pd.array([1, 1, 3, 3, 2], dtype="Int64"),
        "year": pd.array([2018, 2018, 2021, 2021, 2019], dtype="Int64"),
    })


def test_batch_counts_have_a_real_zero_for_every_province(areas, provinces):
    counts = batch_counts(areas, provinces, [1, 3])
    assert len(counts) == len(CODES) * 2
    first = counts[counts["batch"] == 1].set_index("adcode")["count"]
    assert first["130000"] == 1 and first["120000"] == 0
    assert "710000" not in set(counts["adcode"])


def test_small_multiples_one_map_per_fully_listed_batch_on_one_scale(areas, provinces):
    batches = pd.DataFrame({"batch": pd.array([1, 2, 3], dtype="Int64"), "year": pd.array([2018, 2019, 2021], dtype="Int64"),
                            "areas": pd.array([2, 16, 2], dtype="Int64"),
                            "members_established": pd.array([True, False, True], dtype="boolean")})
    coverage = batch_coverage(areas, batches)
    figure = batch_small_multiples(areas, provinces, coverage, title="T", footer="F")
    geos = {t.geo for t in figure.data if t.type == "choropleth"}
    assert geos == {"geo", "geo2"}  # batches 1 and 3; partially known batch 2 is not mapped
    values = [t for t in figure.data if t.type == "choropleth" and t.name.startswith("batch")]
    assert {t.coloraxis for t in values} == {"coloraxis"}
    assert all(t.geojson == GEOJSON_URL for t in values)
    assert [a.text for a in figure.layout.annotations][:2] == ["Batch 1 (2018): 2 areas in 2 provinces",
                                                               "Batch 3 (2021): 2 areas in 2 provinces"]
    assert "other 15 members of batch 2" in figure.layout.title.subtitle.text.replace("<br>", " ")
    assert figure.layout.geo2.projection.type == "mercator"


# ---------------------------------------------------------------- the page


def run(state: dict | None = None, **params) -> AppTest:
    at = run_app_page("compare", state, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def title_text(figure: dict) -> str:
    return figure["layout"]["title"]["text"].replace("<br>", " ")


@pytest.fixture(scope="module")
def catalogue_titles() -> dict[str, str]:
    frame = pd.read_parquet(PROCESSED / "catalogue.parquet")
    return dict(zip(frame["name"], frame["title"], strict=True))


@pytest.mark.parametrize("mode,charts", [("two", 2), ("provinces", 1), ("ranking", 1), ("scatter", 1), ("batches", 1)])
def test_every_mode_runs_and_draws(mode, charts):
    at = run()
    at.radio(key="mode").set_value(mode).run()
    assert not at.exception
    assert len(figures(at)) == charts


def test_mode_switch_changes_the_figure():
    at = run()
    before = [title_text(f) for f in figures(at)]
    at.radio(key="mode").set_value("ranking").run()
    after = [title_text(f) for f in figures(at)]
    assert before != after and after[0].startswith("Ranking:")


def test_invalid_mode_falls_back_to_two_maps():
    at = run(mode="Everything")
    assert at.radio(key="mode").value == "two"


def test_two_maps_keep_separate_scales_when_units_differ():
    at = run()
    toggle = at.toggle(key="shared")
    assert toggle.disabled
    assert any("Units differ" in c.value for c in at.caption)


def test_same_indicator_at_two_dates_can_share_a_scale(catalogue_titles):
    title = catalogue_titles["demonstration_areas_per_province"]
    at = run(mode="Two indicators", left=title, right=title, right_year="2018", shared="true")
    assert at.select_slider(key="right_year").value == 2018 and at.toggle(key="shared").value
    ranges = []
    for figure in figures(at):
        value = next(t for t in figure["data"] if t.get("name") == "value")
        ranges.append((value["zmin"], value["zmax"]))
    assert ranges[0] == ranges[1]
    assert "as of 2018" in title_text(figures(at)[1])


def test_provinces_from_the_url_fill_table_and_chart():
    at = run(mode="Provinces", provinces=["Zhejiang 浙江省", "Guizhou 贵州省"])
    assert at.multiselect(key="provinces").value == ["330000", "520000"]
    table = at.dataframe[0].value
    assert {"Zhejiang 浙江省", "Guizhou 贵州省", "Unit", "Sources"} <= set(table.columns)
    assert table["Zhejiang 浙江省"].str.startswith("—").any()  # some indicator is missing, shown as '—'
    assert "Zhejiang 浙江省, Guizhou 贵州省" in title_text(figures(at)[0])


def test_one_province_asks_for_another():
    at = run(mode="Provinces", provinces=["Zhejiang 浙江省"])
    assert at.info and "at least two" in at.info[0].value
    assert not at.get("plotly_chart")


def test_ranking_restored_from_url_lists_missing_provinces(catalogue_titles):
    at = run(mode="Ranking", rank=catalogue_titles["blacklists_per_province"])
    assert at.selectbox(key="rank").value == "blacklists_per_province"
    figure = figures(at)[0]
    assert len(figure["data"]) == 1 and figure["data"][0]["type"] == "bar"
    assert "Not ranked, no value" in figure["layout"]["annotations"][-1]["text"]
    assert any("not drawn as zero" in c.value for c in at.caption)


def test_scatter_small_n_is_flagged(catalogue_titles):
    at = run(mode="Scatter", y=catalogue_titles["blacklists_per_province"],
             x=catalogue_titles["redlists_per_province"])
    box = figures(at)[0]["layout"]["annotations"][0]["text"]
    assert "too few" in box and "Pearson" not in box
    assert at.warning


def test_scatter_default_prints_r_and_n():
    at = run(mode="Scatter")
    box = figures(at)[0]["layout"]["annotations"][0]["text"]
    assert "Pearson r =" in box and "n = " in box


def test_batches_mode_states_what_is_included():
    at = run(mode="Demonstration batches")
    figure = figures(at)[0]
    assert "Includes batch" in figure["layout"]["title"]["subtitle"]["text"]
    assert sum(1 for k in figure["layout"] if k.startswith("geo")) >= 1


def test_presentation_mode_hides_tables():
    at = run(state={"present": True}, mode="Provinces")
    assert len(at.dataframe) == 0 and len(figures(at)) == 1
