"""Tests of the Fragmentation page: its view functions on a small hand-made data set whose
statistics are worked out by hand in the comments, and the page itself through AppTest."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from dashboard import text
from dashboard.domain import diffusion, regions
from dashboard.domain import findings as fnd
from dashboard.domain import fragmentation as frag
from dashboard.domain import instruments as inst
from dashboard.figures import fragmentation as ff
from dashboard.figures import matrix as fm
from dashboard.figures import style
from dashboard.text import display_width
from dashboard.text.sections import PAGE_SECTIONS
from tests.conftest import ROOT, run_app_page

BEIJING, TIANJIN, SHANGHAI, HUBEI, SICHUAN, LIAONING, HONG_KONG = (
    "110000", "120000", "310000", "420000", "510000", "210000", "810000")

PROVINCES = pd.DataFrame(
    [
        (BEIJING, "Beijing", "北京市", "北京", "East", True),
        (TIANJIN, "Tianjin", "天津市", "天津", "East", True),
        (LIAONING, "Liaoning", "辽宁省", "辽宁", "Northeast", True),
        (SHANGHAI, "Shanghai", "上海市", "上海", "East", True),
        (HUBEI, "Hubei", "湖北省", "湖北", "Central", True),
        (SICHUAN, "Sichuan", "四川省", "四川", "West", True),
        (HONG_KONG, "Hong Kong", "香港特别行政区", "香港", None, False),
    ],
    columns=["adcode", "name_en", "name_zh", "short_zh", "region", "in_scope"],
)
MAINLAND = [BEIJING, TIANJIN, LIAONING, SHANGHAI, HUBEI, SICHUAN]  # sorted by adcode

CATALOGUE = pd.DataFrame(
    [
        # name, kind, title, unit, topic, value_type, normalise, qualifier, province_level, missing_reason
        ("population_2020", "province_indicator", "Population", "persons", "normaliser", "count", "", "",
         True, "not reported by source"),
        ("demonstration_areas", "table", "Areas", "demonstration areas", "demonstration", "count", "", "",
         False, "not reported by source"),
        ("demonstration_areas_per_province", "derived", "Demonstration areas per province",
         "demonstration areas", "demonstration", "count", "population;gdp", "at least", True,
         "not reported by source"),
        ("regulation_adoption_year", "derived", "Year of the provincial regulation", "year", "regulation",
         "year", "", "", True, "no adopted provincial regulation established"),
        ("city_scores", "table", "City scores", "city credit-score systems", "scores", "count", "", "",
         False, "not reported by source"),
        ("city_score_systems_per_province", "derived", "City credit-score systems per province (known)",
         "city credit-score systems", "scores", "count", "", "at least", True,
         "none known: the list of city scores is not exhaustive"),
        ("blacklists_per_province", "province_indicator", "Distinct blacklists", "distinct blacklists",
         "lists", "count", "", "", True, "not reported by source"),
        ("gdp_2020", "province_indicator", "GDP", "100 million yuan", "normaliser", "amount", "", "", True,
         "not reported by source"),
    ],
    columns=["name", "kind", "title", "unit", "topic", "value_type", "normalise", "qualifier",
             "province_level", "missing_reason"],
).assign(title_zh="", coverage_note="", description="",
         unit_scale=lambda f: f["name"].map({"gdp_2020": 1e8}).fillna(1.0))  # gdp_2020 is in 100 million yuan

POPULATION = {BEIJING: 2e6, TIANJIN: 1e6, LIAONING: 4e6, SHANGHAI: 4e6, HUBEI: 5e6, SICHUAN: 8e6}
GDP = {BEIJING: 400, TIANJIN: 150, LIAONING: 240, SHANGHAI: 1000, HUBEI: 500, SICHUAN: 400}
REGULATION = {BEIJING: np.nan, TIANJIN: 2020, LIAONING: 2021, SHANGHAI: 2017, HUBEI: 2017, SICHUAN: 2023}
BLACKLISTS = {SHANGHAI: 30, HUBEI: 10}

# Batch 1 (2018) and batch 3 (2021) are complete; of batch 2 (2019) only one member is known.
AREAS = pd.DataFrame(
    [
        (SHANGHAI, 1, 2018, "notice_1"), (SHANGHAI, 1, 2018, "notice_1"), (HUBEI, 1, 2018, "notice_1"),
        (HUBEI, 2, 2019, "report_2"),
        (SHANGHAI, 3, 2021, "notice_3"), (TIANJIN, 3, 2021, "notice_3"), (SICHUAN, 3, 2021, "notice_3"),
    ],
    columns=["adcode", "batch", "year", "source_id"],
).astype({"year": "Int64", "batch": "Int64"})
BATCHES = pd.DataFrame({
    "batch": [1, 2, 3], "year": [2018, 2019, 2021], "areas": pd.array([3, 10, 3], dtype="Int64"),
    "members_established": [True, False, True],
})
SCORES = pd.DataFrame({
    "adcode": [SHANGHAI, HUBEI, TIANJIN],
    "city_en": ["Shanghai", "Wuhan", "Tianjin"], "city_zh": ["上海市", "武汉市", "天津市"],
    "score_name_en": ["App", "Points", "Score"],
    "year": pd.array([2016, None, 2018], dtype="Int64"),
    "source_id": ["s_sh", "s_wh", "s_tj"],
})
# The ETL's count of the schemes above (one each); absent provinces are missing, not 0.
SCORE_COUNTS = {SHANGHAI: 1, HUBEI: 1, TIANJIN: 1}
# Known demonstration areas per province: Shanghai 3, Hubei 2, Tianjin 1, Sichuan 1, others 0.
AREA_COUNTS = {BEIJING: 0, TIANJIN: 1, LIAONING: 0, SHANGHAI: 3, HUBEI: 2, SICHUAN: 1}


def indicator_rows(name: str, values: dict, unit: str, value_type: str = "count", qualifier: str = "",
                   missing_reason: str = "not reported by source") -> list[dict]:
    rows = []
    for code in MAINLAND:
        value = values.get(code, np.nan)
        present = not pd.isna(value)
        rows.append({
            "indicator": name, "adcode": code, "province_en": "", "province_zh": "",
            "year": int(value) if present and value_type == "year" else 2020, "is_latest": True,
            "value": value, "unit": unit, "value_type": value_type, "qualifier": qualifier,
            "source_id": f"src_{name}_{code}" if present else f"src_{name}",
            "confidence": "secondary" if name == "blacklists_per_province" else "official",
            "missing_reason": None if present else missing_reason, "note": None,
        })
    return rows


def make_tables(regulation: dict | None = None, with_optional: bool = True) -> frag.Tables:
    rows = (
        indicator_rows("population_2020", POPULATION, "persons")
        + indicator_rows("gdp_2020", GDP, "100 million yuan", "amount")
        + indicator_rows("demonstration_areas_per_province", AREA_COUNTS, "demonstration areas",
                         qualifier="at least")
        + indicator_rows("regulation_adoption_year", regulation or REGULATION, "year", "year",
                         missing_reason="no adopted provincial regulation established")
        + indicator_rows("city_score_systems_per_province", SCORE_COUNTS, "city credit-score systems",
                         qualifier="at least", missing_reason="none known: the list of city scores is not exhaustive")
        + indicator_rows("blacklists_per_province", BLACKLISTS, "distinct blacklists")
    )
    indicators = pd.DataFrame(rows).astype({"value": "Float64", "year": "Int64", "is_latest": "boolean"})
    return frag.Tables(
        indicators=indicators, catalogue=CATALOGUE, provinces=PROVINCES,
        demonstration_areas=AREAS if with_optional else None,
        demonstration_batches=BATCHES if with_optional else None,
        city_scores=SCORES if with_optional else None,
    )


SOURCES = {}


@pytest.fixture
def tables() -> frag.Tables:
    return make_tables()


# --- reading -----------------------------------------------------------------------------


def test_mainland_excludes_hong_kong_and_sorts_by_adcode():
    assert frag.mainland_codes(PROVINCES) == sorted(MAINLAND)
    assert HONG_KONG not in frag.mainland_codes(PROVINCES)


def test_province_names_put_chinese_first_in_chinese():
    assert frag.province_names(PROVINCES)[HUBEI] == "Hubei 湖北"
    assert frag.province_names(PROVINCES, "zh")[HUBEI] == "湖北 Hubei"


def test_latest_keeps_missing_as_nan(tables):
    data = frag.latest(tables.indicators, "blacklists_per_province", MAINLAND)
    assert data.loc[SHANGHAI, "value"] == 30
    assert np.isnan(data.loc[BEIJING, "value"])


# --- 1. spread ---------------------------------------------------------------------------


def test_spread_table_rows_and_hand_computed_statistics(tables):
    table = frag.spread_table(tables).set_index(["indicator", "basis"])
    # normalisers are left out; per capita only where normalise allows population; the
    # samples (blacklists 2 of 6, city scores 3 of 6: fewer than 4 = two thirds) get no row
    assert set(table.index) == {
        ("demonstration_areas_per_province", "absolute"),
        ("demonstration_areas_per_province", "per million residents"),
        ("regulation_adoption_year", "year"),
    }
    areas = table.loc[("demonstration_areas_per_province", "absolute")]
    # values 0, 1, 0, 3, 2, 1: total 7, mean 7/6; unordered |differences| between
    #   the two 0s and two 1s: 4 pairs x 1 = 4; 0s and the 2: 2 x 2 = 4; 0s and the 3: 2 x 3 = 6;
    #   1s and the 2: 2 x 1 = 2; 1s and the 3: 2 x 2 = 4; 2 and 3: 1 -> 21; ordered pairs 42
    # gini = 42 / (2 * 36 * 7/6) = 42 / 84 = 0.5
    assert areas["n"] == 6
    assert areas["gini"] == pytest.approx(0.5)
    # top three 3 + 2 + 1 = 6 of 7
    assert areas["top3_share"] == pytest.approx(6 / 7)
    assert areas["max_min_note"] == "minimum is 0"
    assert "lower bound" in areas["caveat"]
    # per million: 0/2, 1/1, 0/4, 3/4, 2/5, 1/8 -> top three 1 + 0.75 + 0.4 = 2.15 of 2.275
    per_million = table.loc[("demonstration_areas_per_province", "per million residents")]
    assert per_million["top3_share"] == pytest.approx(2.15 / 2.275)
    assert per_million["unit"].startswith("demonstration areas per million residents")


def test_a_sample_gets_no_spread_and_is_listed_with_its_coverage(tables):
    table = frag.spread_table(tables)
    left_out = frag.spread_left_out(tables).set_index("indicator")
    # blacklists: 2 of 6 provinces; known city scores: 3 of 6; a spread needs 4 (two thirds)
    assert set(left_out.index) == {"blacklists_per_province", "city_score_systems_per_province"}
    assert not set(left_out.index) & set(table["indicator"])
    blacklists = left_out.loc["blacklists_per_province"]
    assert (blacklists["n"], blacklists["n_total"], blacklists["minimum"]) == (2, 6, 4)
    assert blacklists["sources"] == [f"src_blacklists_per_province_{SHANGHAI}", f"src_blacklists_per_province_{HUBEI}"]
    # a year has n but no Gini
    regulation = table.set_index("indicator").loc["regulation_adoption_year"]
    assert regulation["n"] == 5 and pd.isna(regulation["gini"])


def test_the_coverage_note_of_the_catalogue_is_the_stated_reason():
    catalogue = CATALOGUE.copy()
    catalogue.loc[catalogue["name"] == "blacklists_per_province", "coverage_note"] = "The source names its top two."
    tables = frag.Tables(indicators=make_tables().indicators, catalogue=catalogue, provinces=PROVINCES)
    row = frag.spread_left_out(tables).set_index("indicator").loc["blacklists_per_province"]
    assert row["coverage_note"] == "The source names its top two."
    sentence = frag.left_out_sentence(frag.spread_left_out(tables))
    assert "Distinct blacklists: 2 of 6 provinces (The source names its top two.)" in sentence


def test_four_of_six_is_the_population_and_gets_a_spread_greyed_below_five():
    tables = frag.Tables(indicators=make_tables().indicators.assign(
        value=lambda f: f["value"].mask((f["indicator"] == "blacklists_per_province") & f["adcode"].isin(
            [BEIJING, TIANJIN]), 20.0)), catalogue=CATALOGUE, provinces=PROVINCES)
    table = frag.spread_table(tables).set_index("indicator")
    blacklists = table.loc["blacklists_per_province"]
    # 20, 20, 30, 10: max/min 3; n = 4 is below min_n = 5, so it is flagged
    assert blacklists["n"] == 4 and blacklists["max_min_ratio"] == pytest.approx(3.0)
    assert bool(blacklists["reliable"]) is False
    assert blacklists["warning"] == "Rests on 4 provinces; fewer than 5, so not a headline figure."
    assert "secondary data" in blacklists["caveat"]
    shown = frag.spread_display(frag.spread_table(tables))
    assert "4 of 6" in shown["Provinces with a value"].tolist()
    figure = ff.spread_figure(frag.spread_table(tables), SOURCES)
    grey = [t for t in figure.data if t.marker.color == style.UNRELIABLE_COLOUR and len(t.x)]
    assert grey, "small-n statistics must be drawn in grey"
    assert any("Distinct blacklists" in y for t in grey for y in t.y)
    assert any("Grey: rests on fewer than 5 provinces" in a.text for a in figure.layout.annotations)


def test_the_spread_figure_names_what_it_leaves_out(tables):
    figure = ff.spread_figure(frag.spread_table(tables), SOURCES, left_out=frag.spread_left_out(tables))
    footer = " ".join(a.text for a in figure.layout.annotations)
    assert "Distinct blacklists: 2 of 6 provinces" in footer.replace("<br>", " ")
    labels = {y for t in figure.data for y in (t.y or ())}
    assert not any("Distinct blacklists" in y for y in labels)


# --- 2. matrix ---------------------------------------------------------------------------


def test_instruments_columns_and_missing_versus_zero(tables):
    columns = {c.key: c for c in inst.instruments(tables)}
    assert list(columns) == ["regulation_adoption_year", "demonstration_batch_1", "demonstration_batch_2",
                             "demonstration_batch_3", "city_score_systems_per_province", "blacklists_per_province"]
    # a complete batch: no listed area is a recorded 0
    assert columns["demonstration_batch_1"].values[SHANGHAI] == 2
    assert columns["demonstration_batch_1"].values[BEIJING] == 0
    # an incomplete batch: no known member is unknown, not 0
    batch_2 = columns["demonstration_batch_2"]
    assert batch_2.values[HUBEI] == 1
    assert np.isnan(batch_2.values[BEIJING])
    assert batch_2.missing_text == text.NOT_KNOWN_TEXT
    # city scores: the ETL's count of schemes; a province absent from a non-exhaustive list is not 0
    scores = columns["city_score_systems_per_province"]
    assert scores.values[HUBEI] == 1 and scores.values[SHANGHAI] == 1
    assert np.isnan(scores.values[BEIJING]) and scores.missing_text == text.NOT_KNOWN_TEXT
    assert np.isnan(columns["blacklists_per_province"].values[BEIJING])


def test_a_new_catalogue_indicator_becomes_a_column(tables):
    catalogue = pd.concat([tables.catalogue, CATALOGUE[CATALOGUE["name"] == "blacklists_per_province"].assign(
        name="redlists_per_province", title="Distinct redlists", unit="distinct redlists")])
    rows = pd.DataFrame(indicator_rows("redlists_per_province", {TIANJIN: 11}, "distinct redlists"))
    indicators = pd.concat([tables.indicators, rows.astype(tables.indicators.dtypes.to_dict())])
    extended = frag.Tables(indicators, catalogue, PROVINCES, AREAS, BATCHES, SCORES)
    assert inst.instruments(extended)[-1].key == "redlists_per_province"


def test_row_orders(tables):
    matrix = inst.matrix_of(inst.instruments(tables), PROVINCES)
    # by region: East (by adcode), Central, West, Northeast
    order, dendro = inst.row_order(matrix, PROVINCES, "region")
    assert order == [BEIJING, TIANJIN, SHANGHAI, HUBEI, SICHUAN, LIAONING]
    assert dendro is None
    # by adoption year: 2017 (Shanghai, Hubei by adcode), 2020, 2021, 2023, none established last
    order, _ = inst.row_order(matrix, PROVINCES, "adoption", matrix["regulation_adoption_year"])
    assert order == [SHANGHAI, HUBEI, TIANJIN, LIAONING, SICHUAN, BEIJING]
    order, dendro = inst.row_order(matrix, PROVINCES, "similarity")
    assert sorted(order) == sorted(MAINLAND) and dendro["ivl"] == order


def test_scale_column():
    years = pd.Series([2017.0, 2020.0, np.nan, 2023.0])
    # (x - 2017) / 6 -> 0, 0.5, 1; inverted: 1, 0.5, 0; missing stays missing
    scaled = inst.scale_column(years, invert=True)
    assert scaled.iloc[[0, 1, 3]].tolist() == pytest.approx([1.0, 0.5, 0.0])
    assert np.isnan(scaled.iloc[2])
    assert inst.scale_column(pd.Series([0.0, 0.0, np.nan])).iloc[:2].tolist() == [0.0, 0.0]
    assert inst.scale_column(pd.Series([4.0, 4.0])).tolist() == [1.0, 1.0]


def test_dendrogram_lines_move_leaves_onto_rows():
    xs, ys = inst.dendrogram_lines({"icoord": [[5, 5, 15, 15]], "dcoord": [[0, 1, 1, 0]]})
    # scipy's leaves at 5 and 15 are rows 0 and 1; heights become x
    assert xs == [0.0, 1.0, 1.0, 0.0, None]
    assert ys == [0.0, 0.0, 1.0, 1.0, None]


def matrix_cells(figure) -> dict[tuple[int, int], dict]:
    """Every drawn cell of the matrix by (row, column): its trace, colour value, text and hover as shown."""
    cells = {}
    centres = list(figure.layout.xaxis.tickvals)  # one tick per column, at its centre
    for trace in figure.data:
        if trace.type != "heatmap":
            continue
        for row, (z, label, data) in enumerate(zip(trace.z, trace.text, trace.customdata, strict=True)):
            if z[0] is None:
                continue
            hover = re.sub(r"%\{customdata\[(\d)\]\}", lambda m: data[0][int(m[1])], trace.hovertemplate)  # noqa: B023
            cells[(row, centres.index(trace.x0))] = {"trace": trace, "z": z[0], "text": label[0],
                                           "hover": hover.replace("%{text}", label[0])}
    return cells


def test_matrix_figure_draws_missing_apart_from_the_colour_scale(tables):
    columns = inst.instruments(tables)
    matrix = inst.matrix_of(columns, PROVINCES)
    order, dendro = inst.row_order(matrix, PROVINCES, "region")
    figure = fm.matrix_figure(columns, PROVINCES, order, dendro, SOURCES)
    cells = matrix_cells(figure)
    assert len(cells) == len(order) * len(columns)  # every cell drawn once, by one trace
    beijing = cells[(order.index(BEIJING), 0)]  # Beijing has no adopted regulation
    assert beijing["trace"].name == "missing" and beijing["trace"].coloraxis == "coloraxis2"
    assert beijing["text"] == text.NONE_ESTABLISHED_TEXT and "no value" in beijing["hover"]
    assert figure.layout.coloraxis2.showscale is False
    # Shanghai adopted in 2017, the earliest year: darkest (1) with the real year as text
    shanghai = cells[(order.index(SHANGHAI), 0)]
    assert shanghai["trace"].coloraxis == "coloraxis"
    assert shanghai["z"] == pytest.approx(1.0) and shanghai["text"] == "2017"
    # hover shows the real value with its unit; the incomplete batch says 'at least'
    assert "at least 1 demonstration areas" in cells[(order.index(HUBEI), 2)]["hover"]
    assert cells[(order.index(BEIJING), 2)]["text"] == text.NOT_KNOWN_TEXT
    assert figure.layout.title.text == "Which instruments each province uses"


def test_matrix_figure_speaks_chinese_with_the_same_cells(tables):
    columns = inst.instruments(tables)
    order, dendro = inst.row_order(inst.matrix_of(columns, PROVINCES), PROVINCES, "region")
    english = matrix_cells(fm.matrix_figure(columns, PROVINCES, order, dendro, SOURCES))
    figure = fm.matrix_figure(columns, PROVINCES, order, dendro, SOURCES, lang="zh")
    chinese = matrix_cells(figure)
    assert english.keys() == chinese.keys()
    assert all(english[k]["z"] == chinese[k]["z"] for k in english)
    hubei = chinese[(order.index(HUBEI), 2)]["hover"]
    assert "至少 1" in hubei and "no value" not in hubei and "Source" not in hubei
    beijing = chinese[(order.index(BEIJING), 0)]
    assert beijing["text"] != text.NONE_ESTABLISHED_TEXT and "无数值" in beijing["hover"]
    assert "来源" in figure.layout.annotations[-1].text or any("来源" in a.text for a in figure.layout.annotations)
    assert "各省" in figure.layout.title.text


def test_matrix_hover_keeps_shared_fields_in_the_template_once():
    rows = [["A", "x", "s1"], None, ["B", "x", "s2"], ["C", "x", "s2"]]
    data, template = fm._hover(rows, [("<b>", "</b>"), ("<br>", ""), ("<br>", "")])
    assert template == "<b>%{customdata[0]}</b><br>x<br>%{customdata[1]}<extra></extra>"
    assert data == [[["A", "s1"]], [None], [["B", "s2"]], [["C", "s2"]]]
    # a field with few values splits the cells into traces that each hold it once
    parts = fm._groups(rows)
    assert [[r is not None for r in part] for part in parts] == [[True, False, False, False],
                                                                  [False, False, True, True]]


def test_matrix_cell_texts_fit_their_cells_in_the_narrowest_figure(tables):
    """A column with a wide number is wider than one of small counts, so that at 720 px (what a
    phone shows) every cell's text fits its cell, the number exact."""
    columns = inst.instruments(tables)
    order, dendro = inst.row_order(inst.matrix_of(columns, PROVINCES), PROVINCES, "region")
    wide = inst.Instrument(key="wide", label="Wide numbers", unit="persons", value_type="count",
                           values=pd.Series(1_603_600.0, index=order), sources=pd.Series("s", index=order),
                           notes=pd.Series("", index=order))
    figure = fm.matrix_figure([*columns, wide], PROVINCES, order, dendro, SOURCES)
    layout = figure.layout
    px_per_unit = (style.FIGURE_PX - layout.margin.l - layout.margin.r) / layout.xaxis.range[1]
    shown = [t for t in figure.data if t.type == "heatmap"]
    assert max(t.dx for t in shown) > min(t.dx for t in shown)
    for trace in shown:
        for label in (row[0] for row in trace.text if row[0]):
            needed = display_width(label) * style.EM_PER_COLUMN * trace.textfont.size
            assert needed <= trace.dx * px_per_unit - 4, (label, trace.dx * px_per_unit)
    assert any(row[0] == "1,603,600" for t in shown for row in t.text)


def test_matrix_figure_with_dendrogram(tables):
    columns = inst.instruments(tables)
    order, dendro = inst.row_order(inst.matrix_of(columns, PROVINCES), PROVINCES, "similarity")
    figure = fm.matrix_figure(columns, PROVINCES, order, dendro, SOURCES, sort="similarity")
    assert any(t.name == "dendrogram" for t in figure.data)


# --- 3. diffusion ------------------------------------------------------------------------


def test_diffusion_range_and_table(tables):
    # 2014 to the latest year in the data: Sichuan's regulation, 2023
    assert diffusion.diffusion_range(tables) == (2014, 2023)
    table = diffusion.diffusion_table(tables, 2014, 2023).set_index("year")
    # regulations: 2017 Shanghai + Hubei = 2; 2020 +Tianjin = 3; 2021 +Liaoning = 4; 2023 +Sichuan = 5
    assert table.loc[[2016, 2017, 2020, 2021, 2023], "regulation"].tolist() == [0, 2, 3, 4, 5]
    # areas: 2018: 3; 2019: +1 = 4; 2021: +3 = 7
    assert table.loc[[2018, 2019, 2021], "demonstration_areas"].tolist() == [3, 4, 7]
    # scores: 2016: 1; 2018: 2; the undated Wuhan system is in no year
    assert table.loc[[2016, 2018, 2023], "score_systems"].tolist() == [1, 2, 2]
    assert diffusion.undated_scores(tables)["city"].tolist() == ["Wuhan 武汉市"]


def test_diffusion_figure_marks_the_year_and_lists_undated_systems(tables):
    figure = ff.diffusion_figure(tables, 2020, SOURCES)
    assert any(shape.x0 == 2020 for shape in figure.layout.shapes)
    footer = next(a.text for a in figure.layout.annotations if "undated" in a.text)
    assert "Wuhan" in footer and "1 undated" in footer
    assert "batch 2 (2019): 1 of 10 members known" in footer.replace("<br>", " ").lower()


def test_adoption_summary_and_sentence(tables):
    summary = diffusion.adoption_summary(tables)
    # known years 2017, 2017, 2020, 2021, 2023: median 2020, span 2023 - 2017 = 6
    assert summary.spread.n == 5 and summary.spread.median == 2020 and summary.spread.span_years == 6
    assert summary.first_names == ["Shanghai", "Hubei"]
    assert summary.last_names == ["Sichuan"]
    assert summary.none_names == ["Beijing"]
    assert diffusion.adoption_sentence(summary) == (
        "First, in 2017: Shanghai and Hubei; last, in 2023: Sichuan; median year 2020; span 6 years "
        "(n = 5 of 6 provinces with an established year).")


def test_adoption_map_shows_later_adopters_as_absent(tables):
    figure = ff.adoption_map(tables, 2019, SOURCES)
    assert figure.layout.title.text == "Provinces with their own SCS regulation by the end of 2019"
    absent = [t for t in figure.data if t.name == "absent"][0]
    # Tianjin 2020, Liaoning 2021, Sichuan 2023 adopted later
    assert sorted(absent.locations) == sorted([TIANJIN, LIAONING, SICHUAN])


# --- 4. regions --------------------------------------------------------------------------


def test_region_table_by_hand(tables):
    table = regions.region_table(tables)
    areas = table[table["measure"] == "Demonstration areas (known members)"].set_index("region")
    # East: Beijing 0 + Tianjin 1 + Shanghai 3 = 4 of 7; Central: Hubei 2; West 1; Northeast 0
    assert areas["total"].tolist() == [4.0, 2.0, 1.0, 0.0]
    assert areas["share_of_total"].tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7, 0.0])
    # every region here has fewer than 5 provinces
    assert (areas["warning"] != "").all()
    blacklists = table[table["measure"] == "Distinct blacklists"].set_index("region")
    # Northeast has no reported value: unknown, not 0
    assert blacklists.loc["Northeast", "n"] == 0 and np.isnan(blacklists.loc["Northeast", "total"])


def test_region_adoption(tables):
    table = regions.region_adoption(tables).set_index("region")
    # East: Tianjin and Shanghai of Beijing, Tianjin, Shanghai
    assert table.loc["East", "adopted"] == 2 and table.loc["East", "share_adopted"] == pytest.approx(2 / 3)
    assert table.loc["East", "first"] == 2017 and table.loc["East", "last"] == 2020


def test_wealth_correlation_by_hand(tables):
    data = regions.wealth(tables)
    # GDP per capita = GDP * 1e8 / population: Beijing 400e8 / 2e6 = 20,000 yuan
    frame = data.frame.set_index("adcode")
    assert frame.loc[BEIJING, "gdp_per_capita"] == pytest.approx(20_000)
    # x (thousand yuan) 20, 15, 6, 25, 10, 5; y 0, 1, 0, 3, 2, 1
    # sum xy - n mx my = 115 - 6 * 13.5 * 7/6 = 20.5; Sxx = 1411 - 6 * 13.5^2 = 317.5;
    # Syy = 15 - 6 * (7/6)^2 = 41/6; r = 20.5 / sqrt(317.5 * 41/6)
    assert data.result.pearson_r == pytest.approx(20.5 / math.sqrt(317.5 * 41 / 6))
    assert data.result.n == 6
    figure = ff.wealth_figure(data, SOURCES)
    assert any("Pearson r = 0.44" in a.text and "n = 6" in a.text for a in figure.layout.annotations)


def test_wealth_per_capita(tables):
    data = regions.wealth(tables, "per_capita")
    # Shanghai: 3 areas / 4 million residents = 0.75 per million
    assert data.frame.set_index("adcode").loc[SHANGHAI, "y"] == pytest.approx(0.75)


# --- 5. findings -------------------------------------------------------------------------


def test_findings_are_generated_with_sources(tables):
    found = fnd.findings(tables)
    assert 3 <= len(found) <= 6
    assert all(f.sources for f in found)
    by_key = {f.key: f.text for f in found}
    assert by_key["regulation"] == (
        "5 of 6 provinces had adopted their own SCS regulation by 2023, over 7 calendar years (first, in 2017: "
        "Shanghai and Hubei; last, in 2023: Sichuan); for the other 1 (Beijing) no adopted regulation is "
        "established.")
    # top three: Shanghai 3, Hubei 2, Tianjin 1 (ties broken by adcode) = 6 of 7 = 86%
    assert ("(Shanghai 3, Hubei 2 and Tianjin 1) hold 86% of the 7 known areas (batches 1 and 3 in full and "
            "1 of 10 members of batch 2") in by_key["demonstration"]
    assert "3 municipal credit-score systems are known, in 3 of 6 provinces" in by_key["scores"]
    assert "1 of the systems have no confirmed launch year" in by_key["scores"]
    assert "Pearson r = 0.44" in by_key["wealth"]
    # two of six provinces report blacklists: a range, but no fold difference on a sample
    assert "range from 10 (Hubei) to 30 (Shanghai), but only 2 of 6 provinces have a value" in by_key["lists"]
    assert "no spread" in by_key["lists"] and "-fold difference" not in by_key["lists"]


def test_findings_follow_the_data(tables):
    before = fnd.findings(tables)[0].text
    changed = make_tables(regulation=REGULATION | {SICHUAN: np.nan})
    after = fnd.findings(changed)[0].text
    assert after != before
    assert after.startswith("4 of 6 provinces had adopted their own SCS regulation by 2021")
    assert "last, in 2021: Liaoning" in after and "(Beijing and Sichuan)" in after


def test_findings_in_chinese_say_the_same_numbers_with_chinese_names(tables):
    english = {f.key: f for f in fnd.findings(tables)}
    chinese = {f.key: f for f in fnd.findings(tables, lang="zh")}
    assert chinese.keys() == english.keys()
    assert all(chinese[k].sources == english[k].sources for k in english)
    by_key = {k: f.text for k, f in chinese.items()}
    assert by_key["regulation"].startswith("截至2023年，6个省份中有5个")
    assert "最早于2017年：上海、湖北" in by_key["regulation"] and "（北京）" in by_key["regulation"]
    # same top three and share as in English, names joined with 、
    assert "（上海3、湖北2、天津1）占已知7个示范区的86%" in by_key["demonstration"]
    assert "第1、3批（完整）" in by_key["demonstration"]
    assert "从10（湖北）到30（上海）" in by_key["lists"] and "不据此计算" in by_key["lists"]
    assert "皮尔逊 r = 0.44" in by_key["wealth"]
    assert not [t for t in by_key.values() if re.search(r"\b(provinces|known|and|the)\b", t)]
    assert fnd.cited(chinese["regulation"], lang="zh").startswith("[来源：")


def test_spread_and_region_tables_in_chinese_translate_basis_warning_and_caveat(tables):
    # four of six provinces report blacklists: a spread, flagged as resting on fewer than five
    tables = frag.Tables(indicators=make_tables().indicators.assign(
        value=lambda f: f["value"].mask((f["indicator"] == "blacklists_per_province") & f["adcode"].isin(
            [BEIJING, TIANJIN]), 20.0)), catalogue=CATALOGUE, provinces=PROVINCES)
    shown = frag.spread_display(frag.spread_table(tables), "zh").set_index("指标")
    row = shown.loc["Distinct blacklists"]
    assert row["依据"] == "绝对数"
    assert row["警示"] == "仅基于4个省份，少于5个，因此不作为主要数字。"
    assert "数据" in row["注意事项"] and "secondary data" not in row["注意事项"]
    assert shown.loc["Year of the provincial regulation", "依据"] == "年份"
    english = frag.spread_display(frag.spread_table(tables)).set_index("Indicator")
    assert english.loc["Distinct blacklists", "Basis"] == "absolute"
    assert english.loc["Distinct blacklists", "Warning"] == "Rests on 4 provinces; fewer than 5, so not a headline figure."
    regions_shown = regions.region_display(regions.region_table(make_tables()), "zh")
    warned = [w for w in regions_shown["警示"] if w]
    assert warned and all(w.startswith("仅基于") for w in warned)


def test_page_functions_degrade_without_optional_tables():
    tables = make_tables(with_optional=False)
    assert [c.key for c in inst.instruments(tables)] == [
        "regulation_adoption_year", "city_score_systems_per_province", "demonstration_areas_per_province",
        "blacklists_per_province"]
    assert list(diffusion.diffusion_table(tables, 2014, 2023).columns) == ["year", "regulation"]
    assert diffusion.undated_scores(tables).empty
    assert fnd.findings(tables)
    ff.diffusion_figure(tables, 2020, SOURCES)
    ff.region_figure(tables, SOURCES)




# --- the page ----------------------------------------------------------------------------


def run_page(state: dict | None = None, **params):
    return run_app_page("fragmentation", state, **params)


def chart(app, title: str) -> dict:
    for element in app.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        text = spec.get("layout", {}).get("title", {}).get("text", "")
        if title in text:
            return spec
    raise AssertionError(f"no chart titled {title!r}")


def every_section(state: dict | None = None) -> list:
    """The page once per section, each opened by its id in the URL."""
    return [run_page(state, section=section) for section in PAGE_SECTIONS["fragmentation"]]


def test_page_runs_without_exception():
    app = run_page()
    assert not app.exception
    assert [c.key for c in app.get("plotly_chart")] == ["spread_figure"]  # the first section only
    assert app.markdown
    apps = every_section()
    assert not any(app.exception for app in apps)
    assert apps[1].radio(key="sort").value == "region"
    assert len([c for app in apps for c in app.get("plotly_chart")]) >= 5


def test_sort_control_changes_the_matrix():
    app = run_page(section="matrix")
    before = chart(app, "Which instruments")
    app.radio(key="sort").set_value("similarity").run()
    assert app.query_params["sort"] == "similarity"
    after = chart(app, "Which instruments")
    assert not app.exception
    assert before != after
    assert any(trace.get("name") == "dendrogram" for trace in after["data"])
    assert "ordered by similarity" in after["layout"]["title"]["subtitle"]["text"]


def test_year_control_changes_the_map():
    app = run_page(section="diffusion")
    years = app.select_slider(key="year").options
    first = int(years[0])
    app.select_slider(key="year").set_value(first).run()
    assert not app.exception
    assert f"by the end of {first}" in chart(app, "SCS regulation by the end")["layout"]["title"]["text"]


def test_url_restores_state():
    # Ids are written; the labels a person sees are accepted too.
    # A link naming a section's control (made when every section was on one screen) opens that section.
    app = run_page(sort="Similarity")
    assert not app.exception
    assert app.radio(key="sort").value == "similarity"
    assert app.query_params["sort"] == "similarity" and app.query_params["section"] == "matrix"
    assert any(t.get("name") == "dendrogram" for t in chart(app, "Which instruments")["data"])
    app = run_page(year="2019")
    assert app.select_slider(key="year").value == 2019
    assert "by the end of 2019" in chart(app, "SCS regulation by the end")["layout"]["title"]["text"]
    app = run_page(wealth="per_capita")
    assert app.radio(key="wealth").value == "per_capita"
    assert "million residents" in json.dumps(chart(app, "wealthier provinces")["layout"]["yaxis"])


def test_invalid_url_parameters_fall_back_to_defaults():
    assert run_page(sort="bogus").radio(key="sort").value == "region"
    app = run_page(year="1900")
    assert str(app.select_slider(key="year").value) == app.select_slider(key="year").options[-1]
    assert run_page(wealth="nonsense").radio(key="wealth").value == "count"
    app = run_page(section="nonsense")
    assert not app.exception and [c.key for c in app.get("plotly_chart")] == ["spread_figure"]


def test_presentation_mode_hides_tables():
    apps = every_section({"present": True})
    assert not any(app.exception for app in apps)
    assert not any(app.dataframe for app in apps)
    assert len([c for app in apps for c in app.get("plotly_chart")]) >= 5


def test_chinese_puts_chinese_names_first():
    app = run_page(state={"lang": "zh"}, section="matrix")
    assert not app.exception
    ticks = chart(app, "各省使用哪些工具")["layout"]["yaxis"]["ticktext"]
    assert ticks[0] == "北京 Beijing"
    assert app.title[0].value.startswith("碎片化")


def test_the_spread_table_has_no_row_computed_on_a_sample_and_the_page_says_why():
    app = run_page()
    assert not app.exception
    spread_rows = app.dataframe[0].value
    for shown in spread_rows["Provinces with a value"]:
        n, total = (int(part) for part in shown.split(" of "))
        assert n >= math.ceil(total * 2 / 3), f"spread computed on {shown} provinces"
    note = next(m.value for m in app.markdown if "Left out" in m.value)
    processed = frag.Tables(indicators=pd.read_parquet(ROOT / "data/processed/indicators.parquet"),
                            catalogue=pd.read_parquet(ROOT / "data/processed/catalogue.parquet"),
                            provinces=pd.read_parquet(ROOT / "data/processed/provinces.parquet"))
    for row in frag.spread_left_out(processed).itertuples():
        assert f"{row.title}: {row.n} of {row.n_total} provinces" in note
        assert row.title not in set(spread_rows["Indicator"])


def test_the_regulation_map_plays_through_the_years_with_the_year_in_each_title():
    app = run_page(year="2019")
    spec = chart(app, "SCS regulation by the end")
    options = [int(o) for o in app.select_slider(key="year").options]
    assert [int(f["name"]) for f in spec["frames"]] == options
    assert all(f"by the end of {f['name']}" in f["layout"]["title"]["text"] for f in spec["frames"])
    assert "by the end of 2019" in spec["layout"]["title"]["text"]
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"


def test_in_chinese_the_page_and_its_figures_speak_chinese():
    from dashboard.text.fragmentation import FRAGMENTATION_WORDS

    apps = every_section({"lang": "zh"})
    assert not any(app.exception for app in apps)
    zh = FRAGMENTATION_WORDS["zh"]
    headers = [h.value for app in apps for h in app.header]
    assert {zh[k] for k in ("h_spread", "h_matrix", "h_diffusion", "h_regions", "h_findings")} <= set(headers)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for app in apps for c in app.get("plotly_chart")]
    assert zh["fig_spread_title"] in titles and zh["fig_region_title"] in titles
    assert any(t.startswith("截至") for t in titles)  # the regulation map, with its year
    assert apps[1].radio(key="sort").format_func("similarity") == zh["sort_similarity"]
