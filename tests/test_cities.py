"""Cities page: builders unit-tested on small hand-made tables, the page through AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.batches import batch_coverage
from dashboard.domain.cities import (
    area_hover,
    camera_hover,
    filter_points,
    point_table,
    province_bounds,
    score_hover,
)
from dashboard.figures.cities import PREFECTURE_GEOJSON_URL, cities_map
from dashboard.figures.style import BATCH_STYLE, GEOJSON_URL, SCORE_STYLE
from dashboard.text import CAMERA_CAVEAT, name_pair
from dashboard.text.cities import CITY_COLUMNS
from dashboard.text.city_points import CITY_POINT_WORDS
from tests.conftest import run_app_page

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"


# ---------------------------------------------------------------- hand-made tables


@pytest.fixture
def provinces() -> pd.DataFrame:
    return pd.DataFrame({
        "adcode": ["110000", "330000", "350000", "710000"],
        "name_en": ["Beijing", "Zhejiang", "Fujian", "Taiwan"],
        "name_zh": ["北京市", "浙江省", "福建省", "台湾省"],
        "short_zh": ["北京", "浙江", "福建", "台湾"],
        "in_scope": [True, True, True, False],
    })


@pytest.fixture
def areas() -> pd.DataFrame:
    return pd.DataFrame({
        "name_zh": ["杭州市", "义乌市", "福州市", "上海市徐汇区"],
        "name_en": ["Hangzhou", "Yiwu", "Fuzhou", "Xuhui"],
        "level": ["sub-provincial city", "county-level city", "prefecture", "district"],
        "parent_zh": [None, "金华市", None, "上海市"],
        "adcode": ["330000", "330000", "350000", "110000"],
        "province_en": ["Zhejiang", "Zhejiang", "Fujian", "Beijing"],
        "province_zh": ["浙江省", "浙江省", "福建省", "北京市"],
        "batch": pd.array([1, 3, 2, 4], dtype="Int64"),
        "year": pd.array([2018, 2021, 2019, 2023], dtype="Int64"),
        "announced": ["2018-01-09", "2021-10", "2019-08-12", "2023-08"],
        "source_id": ["src_a", "src_b", "src_c", "src_d"],
        "confidence": ["official", "secondary", "exact from source", "official"],
        "lon": [120.1, 120.0, 119.3, 116.4],
        "lat": [30.3, 29.3, 26.1, 39.9],
    })


@pytest.fixture
def batches() -> pd.DataFrame:
    return pd.DataFrame({
        "batch": pd.array([1, 2, 3, 4, 5], dtype="Int64"),
        "year": pd.array([2018, 2019, 2021, 2023, 2026], dtype="Int64"),
        "areas": pd.array([1, 16, 1, 1, None], dtype="Int64"),
        "members_established": pd.array([True, False, True, True, False], dtype="boolean"),
    })


@pytest.fixture
def scores() -> pd.DataFrame:
    return pd.DataFrame({
        "city_zh": ["杭州市", "荣成市"], "city_en": ["Hangzhou", "Rongcheng"],
        "level": ["sub-provincial city", "county-level city"], "parent_zh": [None, "威海市"],
        "adcode": ["330000", "370000"], "province_en": ["Zhejiang", "Shandong"], "province_zh": ["浙江省", "山东省"],
        "score_name_zh": ["钱江分", None], "score_name_en": ["Qianjiang score", "Rongcheng points"],
        "launched": ["2018-11", None], "form": ["numeric score", "rating levels"],
        "source_id": ["src_s1", "src_s2"], "confidence": ["secondary", "weak"],
        "lon": [120.2, 122.4], "lat": [30.2, 37.2],
    })


SOURCES = {"src_a": {"citation": "Notice A"}, "src_s1": {"citation": "Report S1"}}


# ---------------------------------------------------------------- batches


def test_batch_coverage_names_full_partial_and_unknown_batches(areas, batches):
    coverage = batch_coverage(areas, batches)
    assert coverage.full == [1, 3, 4]
    assert [p["batch"] for p in coverage.partial] == [2]
    assert coverage.partial[0]["known"] == 1 and coverage.partial[0]["areas"] == 16
    assert [a["batch"] for a in coverage.absent] == [5]
    assert coverage.included == [1, 2, 3, 4]
    assert "the other 15 members of batch 2" in coverage.sentence
    assert "batch 5 (2026, size not established)" in coverage.sentence
    assert "'at least'" in coverage.sentence


def test_batch_coverage_without_partial_batch_names_the_unlisted_one(areas, batches):
    coverage = batch_coverage(areas[areas["batch"] != 2], batches)
    assert coverage.partial == []
    assert "the members of batch 2 (2019, 16 areas)" in coverage.sentence


def test_batch_coverage_without_batch_table_does_not_claim_more(areas):
    coverage = batch_coverage(areas, None)
    assert coverage.full == [1, 2, 3, 4]
    assert "'at least'" not in coverage.sentence


# ---------------------------------------------------------------- filters and table


def test_filters_by_batch_kind_and_province(areas, scores):
    a, s = filter_points(areas, scores, batches=[1, 3])
    assert a["name_en"].tolist() == ["Hangzhou", "Yiwu"] and len(s) == 2
    a, s = filter_points(areas, scores, kind="scores")
    assert a.empty and len(s) == 2
    a, s = filter_points(areas, scores, kind="areas", province="330000")
    assert a["name_en"].tolist() == ["Hangzhou", "Yiwu"] and s.empty
    a, s = filter_points(None, scores, province="330000")
    assert a.empty and s["city_en"].tolist() == ["Hangzhou"]


def test_point_table_carries_source_and_says_when_a_date_is_unknown(areas, scores):
    table = point_table(areas, scores, SOURCES)
    assert len(table) == len(areas) + len(scores)
    assert {"Name", "Level", "Parent", "Batch / score", "Date", "Source id", "Confidence", "Source"} <= set(table)
    hangzhou = table[table["Name"] == "Hangzhou 杭州市"].iloc[0]
    assert hangzhou["Source"] == "Notice A" and hangzhou["Batch / score"] == "Batch 1"
    rongcheng = table[table["Name"].str.startswith("Rongcheng")].iloc[0]
    assert rongcheng["Date"] == "not established"
    assert rongcheng["Source"] == "src_s2"  # unknown id: the id itself, never blank
    zh = point_table(areas, scores, SOURCES, lang="zh")
    assert "杭州市 Hangzhou" in zh["Name"].tolist()


def test_hover_texts_have_names_level_parent_date_source_and_confidence(areas, scores):
    text = area_hover(areas.iloc[1].to_dict())
    for part in ("Yiwu 义乌市", "county-level city", "under 金华市", "batch 3", "2021-10", "src_b", "secondary"):
        assert part in text
    text = score_hover(scores.iloc[1].to_dict())
    assert "Rongcheng points" in text and "date not established" in text and "weak" in text
    camera = camera_hover({"city_zh": "杭州市", "city_en": "Hangzhou", "cameras": 10, "population_2025": 20,
                           "source_id": "cc", "confidence": "secondary"})
    assert CAMERA_CAVEAT in camera


def test_name_pair_order_follows_language():
    assert name_pair("杭州市", "Hangzhou") == "Hangzhou 杭州市"
    assert name_pair("杭州市", "Hangzhou", "zh") == "杭州市 Hangzhou"
    assert name_pair(None, "Hangzhou") == "Hangzhou"




def test_province_bounds_from_geojson():
    geojson = {"features": [{"properties": {"adcode": "330000"},
                             "geometry": {"type": "Polygon", "coordinates": [[[118, 27], [123, 27], [123, 31], [118, 31]]]}}]}
    lon, lat = province_bounds(geojson, "330000", pad=0)
    assert lon[0] <= 118 and lon[1] >= 123 and lat[0] <= 27 and lat[1] >= 31
    assert province_bounds(geojson, "110000") is None


# ---------------------------------------------------------------- figure


def test_map_has_one_styled_trace_per_batch_and_one_for_scores(areas, scores, provinces):
    figure = cities_map(areas, scores, provinces, title="T", subtitle="S", footer="F")
    points = [t for t in figure.data if t.type == "scattergeo" and t.lon is not None and t.lon[0] is not None]
    names = [t.name for t in points]
    assert names[:4] == ["Demonstration areas, batch 1, 2018 (1)", "Demonstration areas, batch 2, 2019 (1)",
                         "Demonstration areas, batch 3, 2021 (1)", "Demonstration areas, batch 4, 2023 (1)"]
    assert names[4] == "City credit-score systems (2)"
    styles = [(t.marker.color, t.marker.symbol) for t in points]
    assert len(set(styles)) == len(styles)  # colour and symbol both differ
    assert styles[0] == BATCH_STYLE[1] and styles[4] == SCORE_STYLE
    assert "Yiwu 义乌市" in points[2].customdata[0]


def test_base_layer_is_neutral_and_uses_the_static_geojson(areas, scores, provinces):
    figure = cities_map(areas, scores, provinces, title="T", subtitle="S", footer="F")
    choropleths = [t for t in figure.data if t.type == "choropleth"]
    assert {t.name for t in choropleths} == {"outside", "absent"}  # no value layer, no colour scale
    assert all(t.geojson == GEOJSON_URL for t in choropleths)
    assert not any(t.type == "choroplethmap" for t in figure.data)
    outside = next(t for t in choropleths if t.name == "outside")
    assert list(outside.locations) == ["710000"]
    assert figure.layout.geo.projection.type == "mercator"
    assert list(figure.layout.geo.lonaxis.range) == [73, 136]


def test_highlight_zoom_and_camera_layer(areas, scores, provinces):
    cameras = pd.DataFrame({"city_zh": ["杭州市"], "city_en": ["Hangzhou"], "cameras": [100], "population_2025": [200],
                            "source_id": ["cc"], "confidence": ["secondary"], "lon": [120.2], "lat": [30.2]})
    figure = cities_map(areas, scores, provinces, title="T", subtitle="S", footer="F", cameras=cameras,
                        highlight="330000", bounds=([117.0, 124.0], [26.0, 32.0]))
    assert any(t.name == CITY_POINT_WORDS["en"]["selected"] and list(t.locations) == ["330000"] for t in figure.data)
    assert list(figure.layout.geo.lonaxis.range) == [117.0, 124.0]
    camera = next(t for t in figure.data if t.name and t.name.startswith("CCTV"))
    assert "measure population" in camera.name and CAMERA_CAVEAT in camera.customdata[0]


def test_footer_sits_below_the_legend(areas, scores, provinces):
    figure = cities_map(areas, scores, provinces, title="T", subtitle="S", footer="a<br>b")
    footer = next(a for a in figure.layout.annotations if a.text == "a<br>b")
    # Both hang from the map's bottom edge; the footer a legend row (21 px) and a gap lower, in pixels.
    assert footer.text == "a<br>b" and footer.y == figure.layout.legend.y == 0
    assert footer.yshift <= -(21 + 12)


# ---------------------------------------------------------------- the page


def run(state: dict | None = None, **params) -> AppTest:
    at = run_app_page("cities", state, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def figure_of(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def point_names(at: AppTest) -> list[str]:
    # Point layers have a hover template; the legend swatches of the base map skip hover.
    return [t.get("name", "") for t in figure_of(at)["data"] if t.get("type") == "scattergeo"
            and t.get("hovertemplate")]


@pytest.fixture(scope="module")
def processed():
    # Committed files: missing is a failure, never a skip.
    return (pd.read_parquet(PROCESSED / "demonstration_areas.parquet"),
            pd.read_parquet(PROCESSED / "city_scores.parquet"))


def test_page_shows_every_point_and_states_the_batches(processed):
    areas, scores = processed
    at = run()
    names = point_names(at)
    assert any(n.startswith("Demonstration areas, batch") for n in names)
    assert any(n.startswith("City credit-score systems") for n in names)
    assert len(at.dataframe[0].value) == len(areas) + len(scores)
    captions = " ".join(c.value for c in at.caption)
    assert "Includes batch" in captions and "'at least'" in captions
    assert "Not established" in figure_of(at)["layout"]["annotations"][-1]["text"]


def test_kind_filter_changes_the_figure_and_table(processed):
    _, scores = processed
    at = run()
    at.radio(key="kind").set_value("scores").run()
    assert point_names(at) == [f"City credit-score systems ({len(scores)})"]
    assert len(at.dataframe[0].value) == len(scores)
    assert "batches" not in [w.key for w in at.multiselect]


def test_url_restores_batches_and_province(processed):
    areas, _ = processed
    at = run(batches=["Batch 1", "Batch 3"], prov="Zhejiang 浙江省")
    assert at.multiselect(key="batches").value == [1, 3]
    assert at.selectbox(key="prov").value == "330000"
    expected = areas[(areas["adcode"] == "330000") & areas["batch"].isin([1, 3])]
    table = at.dataframe[0].value
    assert (table["Kind"] == "Demonstration area").sum() == len(expected)
    assert "in Zhejiang 浙江省" in figure_of(at)["layout"]["title"]["text"].replace("<br>", " ")  # wrapped to fit
    assert {n.split(",")[1].strip() for n in point_names(at) if n.startswith("Demo")} <= {"batch 1", "batch 3"}


def test_invalid_url_values_fall_back_to_defaults():
    at = run(prov="Atlantis", kind="Everything")
    assert at.selectbox(key="prov").value is None
    assert at.radio(key="kind").value == "both"


def test_camera_layer_always_comes_with_its_caveat():
    assert (PROCESSED / "surveillance_cameras.parquet").exists(), "committed file missing"
    at = run(cameras="true")
    assert any(n.startswith("CCTV") for n in point_names(at))
    assert any(CAMERA_CAVEAT in c.value for c in at.caption)
    assert CAMERA_CAVEAT in figure_of(at)["layout"]["annotations"][-1]["text"].replace("<br>", " ")
    at = run(state={"present": True}, cameras="true")
    assert any(CAMERA_CAVEAT in c.value for c in at.caption)  # even in presentation mode
    assert len(at.dataframe) == 0


def test_chinese_puts_chinese_names_first(processed):
    at = run(state={"lang": "zh"}, prov="浙江省 Zhejiang")
    assert at.selectbox(key="prov").value == "330000"
    assert at.dataframe[0].value[CITY_COLUMNS["zh"]["Name"]].str.match(r"^[\u4e00-\u9fff]").all()


PREFECTURE_BUDGET = 40_000  # bytes of figure JSON sent per control change in the prefecture view


def test_prefecture_view_counts_known_places_and_leaves_the_rest_unknown(processed):
    areas, _ = processed
    at = run(view="prefectures")
    figure = figure_of(at)
    layers = {t["name"]: t for t in figure["data"] if t["type"] == "choropleth"}
    assert {t["geojson"] for t in layers.values()} == {PREFECTURE_GEOJSON_URL}  # geometry by URL
    assert {"value", "missing", "outside"} <= set(layers)
    # Every placed area is counted once; prefectures with none known are missing, not 0.
    assert sum(row[1] for row in layers["value"]["customdata"]) == len(areas)
    assert min(row[1] for row in layers["value"]["customdata"]) >= 1
    legend = [t["name"] for t in figure["data"] if t.get("showlegend")]
    assert any("not zero" in name for name in legend)
    assert "not exhaustive" in figure["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert len(at.get("plotly_chart")[0].proto.spec) <= PREFECTURE_BUDGET


def test_prefecture_view_switches_measure_and_is_kept_in_the_url(processed):
    _, scores = processed
    at = run(view="prefectures", measure="scores")
    value = next(t for t in figure_of(at)["data"] if t["name"] == "value")
    assert sum(row[1] for row in value["customdata"]) == len(scores)
    assert "kind" not in [w.key for w in at.radio]  # one unit per map: no "both"
    at.radio(key="view").set_value("points").run()
    assert point_names(at) and "view" not in at.query_params
