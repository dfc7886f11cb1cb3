"""The rows behind every choropleth and the ranking: pure functions on small hand-made frames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.domain.cities import prefecture_counts, prefecture_units
from dashboard.domain.maps import is_sparse, map_units, ranking, value_years, year_phrase
from dashboard.figures import style
from dashboard.figures.maps import choropleth, map_fit, mercator_aspect, province_map
from dashboard.figures.ranking import ranking_figure


@pytest.fixture
def provinces() -> pd.DataFrame:
    return pd.DataFrame({"adcode": ["110000", "310000", "330000", "340000", "710000"],
                         "name_en": ["Beijing", "Shanghai", "Zhejiang", "Anhui", "Taiwan"],
                         "name_zh": ["北京市", "上海市", "浙江省", "安徽省", "台湾省"],
                         "in_scope": [True, True, True, True, False]})


@pytest.fixture
def values() -> pd.DataFrame:
    return pd.DataFrame({"adcode": ["110000", "310000", "330000", "340000"],
                         "value": pd.array([7.0, 3.0, 7.0, None], dtype="Float64"),
                         "qualifier": ["at least", "at least", "at least", ""],
                         "source": ["src_a;src_b", "src_a;src_b", "src_a;src_b", "src_a;src_b"],
                         "confidence": ["secondary", "secondary", "secondary", ""],
                         "missing_reason": ["", "", "", "not reported by source (top five only)"],
                         "note": ["", "", "", ""]})


def test_units_carry_states_ranks_and_readable_hover_fields(values, provinces):
    units = map_units(values, provinces)
    by_id = units.set_index("id")
    assert by_id["state"].to_dict() == {"110000": "value", "310000": "value", "330000": "value",
                                        "340000": "missing", "710000": "outside"}
    assert by_id.loc[["110000", "330000", "310000"], "rank"].tolist() == [1, 1, 3]  # ties share the best rank
    assert pd.isna(by_id.at["340000", "rank"]) and pd.isna(by_id.at["340000", "value"])
    assert by_id.at["110000", "source"] == "Source: src_a, src_b (confidence: secondary)"
    # A province without a value shows why, never the ids of lists it is absent from.
    assert by_id.at["340000", "source"] == ""
    assert by_id.at["340000", "detail"] == "No value: not reported by source (top five only)"
    assert by_id.at["110000", "name"] == "Beijing 北京市"
    assert map_units(values, provinces, "zh").set_index("id").at["110000", "name"] == "北京市 Beijing"


def test_long_hover_notes_are_wrapped_narrower_than_the_plot(values, provinces):
    values.loc[0, "note"] = "word " * 60
    detail = map_units(values, provinces).set_index("id").at["110000", "detail"]
    assert "<br>" in detail and max(len(line) for line in detail.split("<br>")) <= 56


def test_hover_text_is_a_template_over_compact_customdata(values, provinces):
    figure = province_map(values, provinces, title="T", subtitle="S", footer="F", unit="areas")
    layer = next(t for t in figure.data if t.name == "value")
    # Name, number and rank vary by row; the source line is the same for all three rows,
    # so it is written once, into the template.
    assert [len(row) for row in layer.customdata] == [3, 3, 3]
    assert all(isinstance(row[1], float) for row in layer.customdata)
    assert "%{customdata[1]:,.0f} areas" in layer.hovertemplate
    assert "Source: src_a, src_b (confidence: secondary)" in layer.hovertemplate
    assert "rank %{customdata[2]} of 3" in layer.hovertemplate
    missing = next(t for t in figure.data if t.name == "missing")
    assert "Source" not in missing.hovertemplate and "confidence: )" not in missing.hovertemplate


def test_no_data_is_a_labelled_style_apart_from_the_colour_scale(values, provinces):
    figure = province_map(values, provinces, title="T", subtitle="S", footer="F", missing_label="No data (not zero)")
    missing = next(t for t in figure.data if t.name == "missing")
    assert {c for _, c in missing.colorscale} == {style.MISSING_COLOUR}
    assert style.MISSING_COLOUR not in style.SEQUENTIAL
    red, green, blue = (int(style.MISSING_COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    assert red == green == blue  # a neutral grey: no step of the coloured scale reads as it
    assert "No data (not zero)" in {t.name for t in figure.data if t.showlegend}


def test_adoption_years_darker_means_earlier_and_one_year_keeps_its_tick(provinces):
    years = pd.DataFrame({"adcode": ["110000", "310000"], "value": pd.array([2017.0, 2017.0], dtype="Float64")})
    layer = next(t for t in province_map(years, provinces, title="T", subtitle="S", footer="F",
                                         value_type="year").data if t.name == "value")
    assert layer.reversescale and layer.colorscale[0][1] == style.SEQUENTIAL[0]
    assert list(layer.colorbar.tickvals) == [2017] and layer.zmin < 2017 < layer.zmax


def test_legend_rows_push_the_footer_down(values, provinces):
    def footer_y(label: str) -> float:
        figure = province_map(values, provinces, title="T", subtitle="S", footer="F", missing_label=label)
        footer = figure.layout.annotations[0]
        assert footer.y == 0  # hung from the map's bottom edge in pixels, whatever height the page draws
        return footer.yshift

    assert footer_y("x " * 120) < footer_y("short")  # a two-row legend moves the sources line below it


def test_a_map_tells_the_page_how_to_grow_with_the_width(values, provinces):
    figure = province_map(values, provinces, title="T", subtitle="S", footer="F", unit="areas")
    fit = map_fit(figure)
    assert fit["height"] == figure.layout.height
    assert 0 <= fit["fixed_px"] - (figure.layout.margin.t + figure.layout.margin.b) < 1
    assert fit["side_px"] > figure.layout.margin.l + figure.layout.margin.r  # room for the colour bar
    assert 1.2 < fit["aspect"] < 1.5  # China in Mercator is wider than tall
    assert map_fit(go.Figure(go.Bar(x=[1], y=[2]))) is None


def test_mercator_aspect_of_a_box_on_the_equator_is_its_degree_ratio():
    assert abs(mercator_aspect((0, 2), (-1, 1)) - 1.0) < 1e-3
    assert mercator_aspect((0, 10), (50, 60)) < mercator_aspect((0, 10), (0, 10))  # north is stretched


def test_titles_and_footers_wrap_to_the_figure_width(values, provinces):
    title = "Enterprises newly blacklisted in May 2018 (top five provinces), as of 2018"
    figure = province_map(values, provinces, title=title, subtitle="S " * 80, footer="F " * 200)
    assert "<br>" in figure.layout.title.text and "<br>" in figure.layout.title.subtitle.text
    assert figure.layout.annotations[0].text.count("<br>") >= 2


def test_the_builder_takes_any_units_and_geometry_url():
    units = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "state": ["value", "missing"],
                          "value": [2.0, None], "qualifier": "", "rank": [1, None], "detail": ["", "none known"],
                          "source": ["", ""]})
    figure = choropleth(units, "/app/static/x.geojson", title="T", subtitle="S", footer="F",
                        legend={"missing": "None known"}, id_key="properties.code")
    assert {t.geojson for t in figure.data if t.type == "choropleth"} == {"/app/static/x.geojson"}
    assert {t.featureidkey for t in figure.data if t.type == "choropleth"} == {"properties.code"}
    value = next(t for t in figure.data if t.name == "value")
    assert value.zmin == 0 and value.zmax >= 2  # both ends: Plotly ignores zmin alone


def test_sparse_rule_and_ranking(values, provinces):
    assert is_sparse(9) and not is_sparse(10) and is_sparse(2, threshold=3)
    shown, unreported = ranking(map_units(values, provinces))
    assert shown["name"].tolist() == ["Beijing 北京市", "Zhejiang 浙江省", "Shanghai 上海市"]
    assert unreported == ["Anhui 安徽省"]  # Taiwan is outside scope, not "unreported"
    figure = ranking_figure(shown, unreported, title="T", subtitle="S", footer="F", unit="areas")
    assert list(figure.data[0].y) == shown["name"].tolist()
    assert "Anhui 安徽省" in figure.layout.annotations[0].text


def test_the_title_always_names_the_years_of_its_values():
    indicators = pd.DataFrame({"indicator": ["x"] * 3, "is_latest": [True, True, True],
                               "value": [1.0, 2.0, None], "year": pd.array([2019, 2021, 2023], dtype="Int64")})
    assert value_years(indicators, "x") == (2019, 2021)  # the row without a value dates nothing
    assert value_years(indicators, "x", as_of=2020) == (2020, 2020)
    assert year_phrase((2019, 2021)) == ", latest values (2019–2021)"
    assert year_phrase((2020, 2020)) == ", as of 2020"
    assert "year" in year_phrase(None)


def test_prefecture_counts_leave_unknown_prefectures_missing_not_zero():
    places = pd.DataFrame({"adcode": ["330100", "330106", "330700", "330782", "330900", "710000"],
                           "prefecture": ["330100", "330100", "330700", "330700", "330900", "710000"],
                           "name_zh": ["杭州市", "杭州市", "金华市", "金华市", "舟山市", "台湾省"],
                           "province": ["330000"] * 5 + ["710000"]})
    rows = pd.DataFrame({"place_adcode": ["330106", "330100", "330782", "999999"],
                         "source_id": ["s1", "s2", "s1", "s3"]})
    counts = prefecture_counts(rows, places).set_index("prefecture")
    assert counts.at["330100", "count"] == 2 and counts.at["330700", "count"] == 1
    assert pd.isna(counts.at["330900", "count"])  # no known area: missing, not 0
    assert counts.at["330100", "sources"] == "s1; s2"
    assert counts.attrs["unplaced"] == 1


def test_prefecture_units_states(provinces):
    places = pd.DataFrame({"adcode": ["330100", "330900", "710000"], "prefecture": ["330100", "330900", "710000"],
                           "name_zh": ["杭州市", "舟山市", "台湾省"], "province": ["330000", "330000", "710000"]})
    rows = pd.DataFrame({"place_adcode": ["330100"], "source_id": ["s1"]})
    units = prefecture_units(prefecture_counts(rows, places), provinces, missing_text="No known area").set_index("id")
    assert units["state"].to_dict() == {"330100": "value", "330900": "missing", "710000": "outside"}
    assert units.at["330900", "detail"] == "No known area" and units.at["330100", "source"] == "Source: s1"
    assert units.at["330100", "name"] == "杭州市, Zhejiang"
