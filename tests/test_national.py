"""The national figures (dashboard.domain.national, dashboard.figures.national) on small frames."""

from __future__ import annotations

import pandas as pd

from dashboard.domain import national
from dashboard.figures import national as fn


def series_rows(*rows) -> pd.DataFrame:
    columns = ["series", "as_of", "date", "value", "value_qualifier", "value_text", "unit", "source_id",
               "confidence", "note"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows], columns=columns).astype(
        {"value": "Float64"})


SERIES = series_rows(
    ("spc_defaulter_list", "end 2015", "2015-12", 3080200, "exact", "3,080,200", "people", "a", "exact from source", None),
    ("spc_defaulter_list", "end 2018", "2018-12", 12770000, "exact", "12.77 million", "person-times", "b",
     "exact from source", "Person-times, not people."),
    ("spc_defaulter_list", "9 Jul 2019", "2019-07-09", 14500000, "more than", ">14.5 million", "people", "c",
     "secondary", None),
    ("flight_bans", "first month", "2014-08-03", 12389, "exact", "12,389 persons", "persons", "d",
     "exact from source", None),
    ("flight_bans", "end 2015", "2015-12", 3757100, "exact", "3,757,100", "person-times", "e", "exact from source",
     None),
    ("train_bans", "Feb 2017", "2017-02", 2220000, "exact", "2.22 million", "times", "f", "exact from source", None),
    ("spc_defaulters_added", "2024 (year)", "2024", 2460000, "approximately", "~2.46 million", "defaulters", "g",
     "exact from source", None),
    ("spc_defaulters_added", "2025 (year)", "2025", 2339800, "exact", "2,339,800", "person-times", "h",
     "exact from source", None),
    ("spc_defaulter_list", "undated", "sometime", 5, "exact", "5", "people", "i", "low", None),
    ("spc_defaulter_list", "end 2016", "2016-12", pd.NA, "exact", "", "people", "j", "low", None),
)


def test_units_never_share_a_group_and_each_row_keeps_its_own():
    points = national.national_points(SERIES).set_index("source_id")
    assert points.loc["a", "group"] == "list_entries"
    assert points.loc["b", "group"] == "list_person_times"  # the same list counted in person-times
    assert points.loc["d", "group"] == "ban_persons" and points.loc["e", "group"] == "ban_purchases"
    # annual flows in defaulters one year and person-times the next are two panels
    assert points.loc["g", "group"] == "flow_defaulters" and points.loc["h", "group"] == "flow_person_times"
    assert points.loc["c", "unit"] == "people" and points.loc["c", "qualifier"] == "more than"


def test_partial_dates_start_their_period_and_undated_or_missing_rows_are_not_placed():
    points = national.national_points(SERIES).set_index("source_id")
    assert points.loc["a", "x"] == pd.Timestamp(2015, 12, 1) and points.loc["a", "precision"] == "month"
    assert points.loc["g", "x"] == pd.Timestamp(2024, 1, 1) and points.loc["g", "precision"] == "year"
    assert "i" not in points.index  # no readable date: not guessed
    assert "j" not in points.index  # no value: missing, not zero


def test_figure_points_and_the_last_established_list_size():
    points = national.national_points(SERIES)
    bans = national.figure_points(points, "bans")
    assert list(bans["group"].unique()) == ["ban_purchases", "ban_persons"]
    assert national.last_established(points, "list_entries") == "9 Jul 2019"
    assert national.last_established(points, "complied") == ""
    ids, confidence = national.sources_and_confidence(national.figure_points(points, "list"))
    assert ids == ["a", "c", "b", "g", "h"] and confidence == {"exact from source": 4, "secondary": 1}


def test_the_series_figure_puts_one_unit_group_on_each_axis():
    points = national.national_points(SERIES)
    figure = fn.series_figure(national.figure_points(points, "list"), "list", {}, year=2018)
    axes: dict[str, set] = {}
    for trace in figure.data:
        axes.setdefault(trace.yaxis, set()).update(
            points.loc[points["value"].isin(trace.y), "group"])
        assert trace.mode == "markers"  # no line joins two sources
    assert all(len(groups) == 1 for groups in axes.values()) and len(axes) == 4
    # open marker for the secondary source
    people = next(t for t in figure.data if t.yaxis == "y" and len(t.y) == 2)
    assert list(people.marker.symbol) == ["circle", "circle-open"]
    footer = " ".join(a.text for a in figure.layout.annotations)
    assert "No cumulative size of the list is established after 9 Jul 2019" in footer
    assert "exact from source (4), secondary (1)" in footer


def test_list_totals_keep_the_two_levels_apart():
    totals = pd.DataFrame({
        "scope": ["30 provincial-level divisions combined", "30 provincial-level divisions combined",
                  "Data set", "national level (lists for companies)"],
        "list_type": ["blacklists", "redlists", "provincial-level divisions", "blacklists"],
        "value": pd.array([273, 154, 30, 42], dtype="Int64"), "unit": ["lists"] * 4, "as_of": ["2020"] * 4,
        "source_id": ["x", "x", "x", "y"], "confidence": ["exact from source"] * 3 + ["secondary"],
        "note": ["", "", "Which division is missing is not established.", ""],
    })
    lists, coverage = national.list_totals_table(totals)
    assert lists["level"].tolist() == ["provincial", "provincial", "national"]
    assert coverage["list_type"].tolist() == ["provincial-level divisions"]
    figure = fn.totals_figure(lists, coverage, {})
    assert {t.yaxis for t in figure.data} == {"y", "y2"}
    assert "Which division is missing is not established." in " ".join(a.text for a in figure.layout.annotations)


def test_fragments_get_a_panel_per_measure_and_unvalued_rows_are_not_drawn():
    fragments = pd.DataFrame({
        "province_en": ["Ningxia", "Henan", "Zhejiang", "Shandong"], "province_zh": ["宁夏", "河南", "浙江", "山东"],
        "value": pd.array([0.226, None, 112.58, 94.86], dtype="Float64"),
        "value_text": ["0.226%", "ranks 2–5", "+112.58%", "+94.86%"],
        "unit": ["percent", "rank", "percent growth", "percent growth"], "as_of": ["May 2018"] * 2 + ["Dec 2018"] * 2,
        "year": pd.array([2018] * 4, dtype="Int64"),
        "measure": ["share", "rank by share", "growth", "growth"], "source_id": ["s"] * 4,
        "confidence": ["exact from source"] * 4, "note": [""] * 4,
    })
    panels, unvalued = national.fragment_panels(fragments)
    assert [(m, u, len(r)) for m, u, r in panels] == [("share", "percent", 1), ("growth", "percent growth", 2)]
    assert unvalued["province_en"].tolist() == ["Henan"]
    figure = fn.fragments_figure(panels, unvalued, {})
    assert len(figure.data) == 2 and {t.xaxis for t in figure.data} == {"x", "x2"}
    assert not any("Henan" in y for t in figure.data for y in t.y)


def test_fragment_panel_titles_are_chinese_in_chinese():
    fragments = pd.DataFrame({
        "province_en": ["Shandong"], "province_zh": ["山东"], "value": pd.array([94.86], dtype="Float64"),
        "value_text": ["94.86"], "unit": ["person-times"], "as_of": ["Dec 2018"],
        "year": pd.array([2018], dtype="Int64"), "measure": ["person-times barred from buying air tickets, cumulative"],
        "source_id": ["s"], "confidence": ["exact from source"], "note": [""],
    })
    panels, unvalued = national.fragment_panels(fragments)
    titles = [a.text for a in fn.fragments_figure(panels, unvalued, {}, lang="zh").layout.annotations]
    assert "被限制购买机票的人次（累计） [人次]" in titles
    english = [a.text for a in fn.fragments_figure(panels, unvalued, {}).layout.annotations]
    assert any("air tickets" in t and "[person-times]" in t for t in english)


def test_count_axes_read_wan_and_yi_in_chinese_and_cover_every_value():
    points = national.national_points(SERIES)
    figure = fn.series_figure(national.figure_points(points, "list"), "list", {}, year=2018, lang="zh")
    axes = {name: axis for name, axis in figure.layout.to_plotly_json().items() if name.startswith("yaxis")}
    assert all(axis.get("ticktext") for axis in axes.values())
    first = axes["yaxis"]
    assert first["ticktext"][0] == "0" and all(t.endswith("万") for t in first["ticktext"][1:])
    assert first["tickvals"][-1] >= 14_500_000  # the largest value sits under the top tick
    english = fn.series_figure(national.figure_points(points, "list"), "list", {}, year=2018, lang="en")
    assert english.layout.yaxis.tickformat == "~s" and english.layout.yaxis.ticktext is None
