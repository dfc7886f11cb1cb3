"""Tests for dashboard.domain.timeline and figures.timeline and the Timeline page (AppTest)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.timeline import (
    adopted_by,
    adoption_years,
    national_events,
    parse_partial_date,
    publication_year_provinces,
    regulation_events,
    seed_events,
    stack_rows,
    unplaced_regulations,
    unplaced_sentence,
    year_options,
    year_ticks,
)
from dashboard.figures import style
from dashboard.figures.timeline import adoption_map, cumulative_figure, timeline_figure
from dashboard.text import display_width
from dashboard.text.sections import PAGE_SECTIONS, SECTION_WORDS

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"


# --- fixtures ------------------------------------------------------------------------------


def regulations() -> pd.DataFrame:
    return pd.DataFrame({
        "adcode": ["420000", "330000", "110000", "340000", "350000"],
        "province_en": ["Hubei", "Zhejiang", "Beijing", "Anhui", "Fujian"],
        "province_zh": ["湖北省", "浙江省", "北京市", "安徽省", "福建省"],
        "status": ["adopted", "adopted", "draft only", "none found", "none found"],
        "title_zh": ["湖北省社会信用信息管理条例", "浙江省公共信用信息管理条例", "北京市社会信用条例", None, None],
        "title_en": ["Hubei Regulations", "Zhejiang Regulations", "Beijing draft", None, None],
        "body": ["Hubei PPC Standing Committee", "Zhejiang PPC Standing Committee", "Beijing bureau", None, None],
        "adopted": ["2017-03-30", None, None, None, None],
        "effective": ["2017-07-01", None, None, None, None],
        "year": pd.array([2017, 2017, None, None, None], dtype="Int64"),
        "year_basis": ["adoption", "publication", None, None, None],
        "source_id": ["reg_hubei_2017", "reg_zhejiang_2017", "beijing_draft_2021", "search", "search"],
        "confidence": ["exact from source", "secondary", "exact from source", "secondary", "secondary"],
        "confidence_note": [None, "year only", "draft stage only", "absence of evidence only",
                            "absence of evidence only"],
        "note": [None, "Adoption date not established.", None, None, None],
    })


def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "title_zh": ["社会信用体系建设规划纲要", "个人诚信意见", "无日期文件"],
        "title_en": ["Planning Outline", "Personal integrity opinions", "Undated"],
        "doc_no": ["国发〔2014〕21号", None, None],
        "issuer": ["State Council", "General Office of the State Council", "Nobody"],
        "year": pd.array([2014, 2016, None], dtype="Int64"),
        "date": ["2014-06-14", "2016-12", None],
        "date_note": ["Document date.", "Month only.", None],
        "source_id": ["natdoc_2014", "natdoc_2016", "natdoc_x"],
        "confidence": ["exact from source", "secondary", "weak"],
    })


def seed() -> pd.DataFrame:
    return pd.DataFrame({
        "year_label": ["The 1990s", "2002", "no date"],
        "year": pd.array([None, 2002, None], dtype="Int64"),
        "event": ["Rating companies", "Term 'social credit' used", "Undatable"],
        "source_id": ["paper", "paper", "paper"],
        "confidence": ["secondary", "secondary", "secondary"],
        "note": ["Decade only.", None, None],
    })


def province_reference() -> pd.DataFrame:
    codes = ["420000", "330000", "110000", "340000", "350000", "810000"]
    return pd.DataFrame({
        "adcode": codes,
        "name_en": ["Hubei", "Zhejiang", "Beijing", "Anhui", "Fujian", "Hong Kong"],
        "name_zh": ["湖北省", "浙江省", "北京市", "安徽省", "福建省", "香港特别行政区"],
        "in_scope": [True, True, True, True, True, False],
    })


def adoption_indicators() -> pd.DataFrame:
    codes = ["420000", "330000", "110000", "340000", "350000"]
    values = [2017.0, 2019.0, None, None, None]
    return pd.DataFrame({
        "indicator": "regulation_adoption_year",
        "adcode": codes,
        "year": pd.array([2017, 2019, None, None, None], dtype="Int64"),
        "is_latest": True,
        "value": pd.array(values, dtype="Float64"),
        "unit": "year",
        "value_type": "year",
        "qualifier": None,
        "source_id": ["reg_hubei_2017", "reg_zhejiang_2017", "reg_all", "reg_all", "reg_all"],
        "confidence": "derived",
        "missing_reason": [None, None, "no adopted provincial regulation established"] + [
            "no adopted provincial regulation established"] * 2,
        "note": None,
    })


ADOPTION_META = {
    "name": "regulation_adoption_year",
    "title": "Year of the provincial social credit regulation",
    "title_zh": "省级社会信用法规通过年份",
    "unit": "year",
    "value_type": "year",
    "missing_reason": "no adopted provincial regulation established",
    "normalise": "",
}
SOURCES = {"reg_hubei_2017": {"citation": "Hubei regulation"}, "reg_zhejiang_2017": {"citation": "Zhejiang regulation"}}


# --- partial dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2021-10-29", pd.Timestamp(2021, 10, 29), "day"),
        ("2021-10", pd.Timestamp(2021, 10, 1), "month"),
        ("2021", pd.Timestamp(2021, 1, 1), "year"),
        ("The 1990s", pd.Timestamp(1990, 1, 1), "decade"),
    ],
)
def test_partial_dates_start_at_the_beginning_of_their_period(text, start, precision):
    parsed = parse_partial_date(text)
    assert parsed.start == start
    assert parsed.precision == precision
    assert parsed.text == text


@pytest.mark.parametrize("text", [None, pd.NA, "", "sometime", "21-10"])
def test_unparseable_dates_are_none(text):
    assert parse_partial_date(text) is None


# --- events --------------------------------------------------------------------------------


def test_national_events_label_month_only_dates_and_skip_undated():
    events = national_events(documents())
    assert len(events) == 2  # the undated document is not placed
    month = events[events["source_id"] == "natdoc_2016"].iloc[0]
    assert month["x"] == pd.Timestamp(2016, 12, 1)
    assert month["precision"] == "month"
    assert "month only; placed at the start of the month" in month["hover"]
    assert "Document no.: none verified" in month["hover"]
    exact = events[events["source_id"] == "natdoc_2014"].iloc[0]
    for part in ("社会信用体系建设规划纲要", "Planning Outline", "国发〔2014〕21号", "State Council", "2014-06-14",
                 "natdoc_2014", "exact from source"):
        assert part in exact["hover"]


def test_regulation_dated_only_by_publication_year_says_so():
    events = regulation_events(regulations())
    assert events["source_id"].tolist() == ["reg_zhejiang_2017", "reg_hubei_2017"]  # sorted by date
    zhejiang = events.iloc[0]
    assert zhejiang["x"] == pd.Timestamp(2017, 1, 1)
    assert zhejiang["precision"] == "year"
    assert "Dated only by publication year 2017; adoption date not established" in zhejiang["hover"]
    hubei = events.iloc[1]
    assert hubei["precision"] == "day"
    for part in ("湖北省社会信用信息管理条例", "Hubei Regulations", "Hubei PPC Standing Committee", "2017-03-30",
                 "2017-07-01", "reg_hubei_2017", "exact from source"):
        assert part in hubei["hover"]


def test_regulation_labels_follow_the_language():
    assert regulation_events(regulations(), "zh")["label"].tolist() == ["浙江省", "湖北省"]
    assert regulation_events(regulations(), "en")["label"].tolist() == ["Zhejiang", "Hubei"]


def test_seed_events_place_decades_and_years_and_skip_the_undatable():
    events = seed_events(seed())
    assert events["x"].tolist() == [pd.Timestamp(1990, 1, 1), pd.Timestamp(2002, 1, 1)]
    assert "decade only" in events.iloc[0]["hover"]
    assert (events["precision"] != "day").all()


def test_unplaced_regulations_are_named_by_status_from_the_data():
    groups = unplaced_regulations(regulations())
    assert groups == {"draft only": ["Beijing"], "none found": ["Anhui", "Fujian"]}
    sentence = unplaced_sentence(groups, regulations())
    assert sentence == "draft only: Beijing; none found (absence of evidence only): Anhui, Fujian"
    assert publication_year_provinces(regulations()) == ["Zhejiang"]


# --- layout helpers ------------------------------------------------------------------------


def test_stack_rows_puts_overlapping_labels_on_new_rows():
    # [0, 10] and [5, 12] overlap; [11, 20] fits after the first; [30, 40] goes back to row 0.
    assert stack_rows([0, 5, 11, 30], [10, 12, 20, 40]) == [0, 1, 0, 0]


def test_year_ticks_thin_out_on_long_axes():
    assert year_ticks(2017, 2024) == list(range(2017, 2025))
    long = year_ticks(1990, 2026)
    assert long[0] <= 1990 and long[-1] >= 2024
    assert len(long) <= 21
    assert all(y % 2 == 0 for y in long)




# --- adoption curve and map ----------------------------------------------------------------


def test_adoption_years_and_counts_treat_missing_as_unknown_not_zero():
    years = adoption_years(adoption_indicators())
    assert years.notna().sum() == 2
    assert year_options(years) == [2017, 2018, 2019]
    assert adopted_by(years, 2016) == 0
    assert adopted_by(years, 2018) == 1
    assert adopted_by(years, 2019) == 2


def test_cumulative_figure_counts_of_total_and_marks_the_year():
    years = adoption_years(adoption_indicators())
    names = province_reference().set_index("adcode")["name_en"]
    figure = cumulative_figure(years, names, total=31, footer="draft only: Beijing", subtitle="Unit: provinces",
                               year=2018)
    assert figure.layout.title.text.startswith("2 of 31 mainland provinces")
    trace = figure.data[0]
    assert list(trace.x) == [2017, 2018, 2019]
    assert list(trace.y) == [1, 1, 2]
    assert trace.line.shape == "hv"
    texts = [a.text for a in figure.layout.annotations]
    assert "by 2018: 1 of 31" in texts
    assert any("draft only: Beijing" in t for t in texts)
    assert "New in 2019: Zhejiang" in trace.hovertext[2]


def test_cumulative_figure_in_chinese_has_a_chinese_title_and_no_english_line():
    years = adoption_years(adoption_indicators())
    figure = cumulative_figure(years, pd.Series(dtype=str), total=31, footer="", subtitle="单位：省份", lang="zh")
    assert figure.layout.title.text.startswith("截至2019年")
    assert figure.layout.title.subtitle.text == "单位：省份"
    # English keeps the Chinese title as the subtitle's first line.
    english = cumulative_figure(years, pd.Series(dtype=str), total=31, footer="", subtitle="Unit: provinces")
    assert english.layout.title.text.startswith("2 of 31")
    assert english.layout.title.subtitle.text.startswith("截至2019年") and "<br>Unit: provinces" in english.layout.title.subtitle.text


def test_unplaced_regulations_in_chinese_name_each_status_in_chinese_with_chinese_separators():
    groups = unplaced_regulations(regulations(), "zh")
    sentence = unplaced_sentence(groups, regulations(), "zh")
    assert sentence.startswith("仅有草案：")
    assert "；未找到（仅说明缺乏证据，不证明没有）：" in sentence and "、" in sentence
    assert not re.search(r"[A-Za-z]{3,}|[;:,]", sentence), sentence


def test_adoption_map_marks_later_adopters_absent_and_keeps_colours_fixed():
    figure, view = adoption_map(adoption_indicators(), ADOPTION_META, province_reference(), SOURCES, year=2018)
    states = dict(zip(view.values["adcode"], view.values["state"], strict=True))
    assert states == {"420000": "value", "330000": "absent", "110000": "missing", "340000": "missing",
                      "350000": "missing"}
    names = [t.name for t in figure.data]
    assert "No adopted regulation by 2018" in names
    assert "No adopted provincial regulation established" in names  # not the generic "Not reported"
    value = next(t for t in figure.data if t.name == "value")
    assert (value.zmin, value.zmax) == (2017.0, 2019.0)  # same colour for a year whatever the slider
    assert "as of end of 2018" in figure.layout.title.text
    assert "1 of 5 provinces had adopted one by 2018" in figure.layout.title.subtitle.text
    # Hong Kong (out of scope) only ever appears in the neutral trace, without a value.
    outside = next(t for t in figure.data if t.name == "outside")
    assert list(outside.locations) == ["810000"]


def test_timeline_figure_draws_one_lane_per_table_with_open_markers_for_partial_dates():
    events = pd.concat([national_events(documents()), regulation_events(regulations())], ignore_index=True)
    figure = timeline_figure(events, ["national", "provincial"], title="t", subtitle="s", footer="f", year=2016)
    markers = [t for t in figure.data if t.x and t.x[0] is not None]
    symbols = {(t.legendgroup, t.marker.symbol) for t in markers}
    assert symbols == {("national", "circle"), ("national", "circle-open"),
                       ("provincial", "circle"), ("provincial", "circle-open")}
    assert sum(len(t.x) for t in markers) == len(events)
    assert any(a.text == "end of 2016" for a in figure.layout.annotations)
    only_national = timeline_figure(events, ["national"], title="t", subtitle="s", footer="f")
    assert {t.legendgroup for t in only_national.data if t.legendgroup} == {"national"}


def test_timeline_labels_of_one_sub_row_stay_apart_at_the_narrowest_width():
    """Long Chinese labels close in time, at the scale a 720-px figure (a phone) draws the axis:
    labels sharing a sub-row never meet, none runs past the axis's end, none crosses the year line."""
    titles = ["国务院办公厅关于社会信用体系建设的若干意见", "中华人民共和国社会信用体系建设法（向社会公开征求意见稿）",
              "国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见", "关于健全社会信用体系的意见"]
    dates = ["2014-06-14", "2022-11-14", "2016-05-30", "2025-03-01"]
    docs = pd.DataFrame({"title_zh": titles, "title_en": ["t"] * 4, "doc_no": [None] * 4, "issuer": ["i"] * 4,
                         "year": pd.array([int(d[:4]) for d in dates], dtype="Int64"), "date": dates,
                         "date_note": [None] * 4, "source_id": ["s"] * 4, "confidence": ["secondary"] * 4})
    events = national_events(docs, "zh")
    figure = timeline_figure(events, ["national"], title="t", subtitle="s", footer="f", year=2024, lang="zh")
    layout = figure.layout
    lo, hi = (pd.Timestamp(v) for v in layout.xaxis.range)
    px_per_day = (style.FIGURE_PX - layout.margin.l - layout.margin.r) / (hi - lo).days
    line = (pd.Timestamp(2024, 12, 31) - lo).days * px_per_day
    boxes: dict[float, list[tuple[float, float]]] = {}
    for trace in (t for t in figure.data if t.x is not None and t.x[0] is not None):
        for x, y, label, side in zip(trace.x, trace.y, trace.text, trace.textposition, strict=True):
            at = (pd.Timestamp(x) - lo).days * px_per_day
            width = max(display_width(part) * style.EM_PER_COLUMN * trace.textfont.size for part in label.split("<br>"))
            box = (at - width, at) if side == "middle left" else (at, at + width)
            assert 0 <= box[0] and box[1] <= (hi - lo).days * px_per_day
            assert not box[0] < line < box[1], label
            boxes.setdefault(y, []).append(box)
    assert len(boxes) > 1 and sum(len(b) for b in boxes.values()) == 4
    for row in boxes.values():
        row.sort()
        assert all(a[1] <= b[0] for a, b in zip(row, row[1:], strict=False))


# --- the page ------------------------------------------------------------------------------


def _page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/timeline.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _specs(at: AppTest) -> dict[str, dict]:
    figures = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        figures[chart.proto.id.rsplit("-", 1)[-1]] = spec
    return figures


def _adoption_years() -> pd.Series:
    indicators = pd.read_parquet(PROCESSED / "indicators.parquet")
    return adoption_years(indicators)


def test_page_shows_timeline_curve_and_map():
    at = _page()
    assert set(_specs(at)) == {"timeline"}  # the first section only: the others wait for their link
    specs = _specs(at) | _specs(_page(section="adoption"))
    years = _adoption_years()
    provinces = pd.read_parquet(PROCESSED / "provinces.parquet")
    total = int(provinces["in_scope"].sum())
    known = years.dropna()
    curve_title = specs["curve"]["layout"]["title"]["text"]
    assert f"{len(known)} of {total}" in curve_title
    # The provinces with no adopted regulation are named in the curve's footer, from the data.
    regs = pd.read_parquet(PROCESSED / "regulations_provincial.parquet")
    footer = " ".join(a["text"] for a in specs["curve"]["layout"]["annotations"])
    for name in regs.loc[regs["status"] != "adopted", "province_en"]:
        assert name in footer
    # Default lanes: national documents and provincial regulations.
    assert at.multiselect(key="lanes").value == ["national", "provincial"]
    groups = {t.get("legendgroup") for t in specs["timeline"]["data"]} - {None}
    assert groups == {"national", "provincial"}


def test_year_slider_changes_the_map_and_the_url_restores_it():
    years = _adoption_years()
    first, last = int(years.min()), int(years.max())
    at = _page(section="adoption")
    assert at.select_slider(key="year").value == last
    before = _specs(at)["map"]["layout"]["title"]["text"]
    at.select_slider(key="year").set_value(first).run()
    after = _specs(at)
    assert after["map"]["layout"]["title"]["text"] != before
    assert f"as of end of {first}" in after["map"]["layout"]["title"]["text"]
    names = [t.get("name") for t in after["map"]["data"]]
    if adopted_by(years, first) < years.notna().sum():
        assert f"No adopted regulation by {first}" in names
    restored = _page(year=str(first), section="adoption")
    assert restored.select_slider(key="year").value == first
    assert f"as of end of {first}" in _specs(restored)["map"]["layout"]["title"]["text"]


def test_lanes_from_the_url_and_invalid_params_fall_back():
    at = _page(lanes=["Milestones (seed timeline)"])
    assert at.multiselect(key="lanes").value == ["events"]
    groups = {t.get("legendgroup") for t in _specs(at)["timeline"]["data"]} - {None}
    assert groups == {"events"}
    fallback = _page(year="1850", lanes="bogus")
    assert fallback.select_slider(key="year").value == int(_adoption_years().max())
    assert fallback.multiselect(key="lanes").value == ["national", "provincial"]


def test_removing_every_lane_shows_a_hint_not_an_error():
    at = _page()
    at.multiselect(key="lanes").set_value([]).run()
    assert not at.exception
    assert any("at least one lane" in i.value for i in at.info)
    assert "timeline" not in _specs(at)


def test_presentation_mode_hides_explanations():
    shown = set()
    for section in PAGE_SECTIONS["timeline"]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.switch_page("app_pages/timeline.py")
        at.session_state["present"] = True
        at.query_params["section"] = section
        at.run()
        assert not at.exception
        assert len(at.caption) == 0
        assert not at.dataframe and [t.key for t in at.toggle] == ["present"]  # no table switch
        shown |= set(_specs(at))
    assert shown == {"timeline", "curve", "map", *NATIONAL_FIGURES}


def _page_without(monkeypatch, *names: str, **params) -> AppTest:
    """The page as it runs when the processed tables ``names`` are not built."""
    from dashboard import data

    real_load = data.load

    def load(name, *args, **kwargs):
        if name in names:
            raise data.DataFileError(PROCESSED / f"{name}.parquet", "the file does not exist")
        return real_load(name, *args, **kwargs)

    monkeypatch.setattr(data, "load", load)
    return _page(**params)


def test_page_degrades_gracefully_when_optional_tables_are_absent(monkeypatch):
    at = _page_without(monkeypatch, "national_documents", "seed_timeline")
    assert any("national_documents" in i.value and "seed_timeline" in i.value for i in at.info)
    assert at.multiselect(key="lanes").value == ["provincial"]
    assert set(_specs(at)) == {"timeline"}
    assert {"curve", "map"} <= set(_specs(_page_without(monkeypatch, "national_documents", "seed_timeline",
                                                        section="adoption")))


def colour_at(trace, value: float) -> str:
    """The colour Plotly paints ``value`` with on a stepwise reading of the trace's scale."""
    low = min(trace.z) if trace.zmin is None else trace.zmin
    high = max(trace.z) if trace.zmax is None else trace.zmax
    share = (value - low) / (high - low)
    stops = [colour for _, colour in trace.colorscale]
    if trace.reversescale:
        stops = stops[::-1]
    return stops[round(share * (len(stops) - 1))]


def lightness(colour: str) -> float:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_adoption_maps_shade_the_earliest_year_darkest():
    from dashboard.figures.fragmentation import adoption_map as fragmentation_map
    from tests.test_fragmentation_page import SOURCES as NO_SOURCES
    from tests.test_fragmentation_page import make_tables

    timeline, _ = adoption_map(adoption_indicators(), ADOPTION_META, province_reference(), SOURCES, year=2019)
    fragmentation = fragmentation_map(make_tables(), 2023, NO_SOURCES)
    for figure in (timeline, fragmentation):
        value = next(t for t in figure.data if t.name == "value")
        assert lightness(colour_at(value, min(value.z))) < lightness(colour_at(value, max(value.z)))
        assert "darker = earlier" in figure.layout.title.subtitle.text


# --- national figures ------------------------------------------------------------------------

NATIONAL_FIGURES = {"national_list", "national_bans", "list_totals", "fragments"}
DATASET_OF = {"national_list": "national_series", "national_bans": "national_series",
              "list_totals": "list_totals", "fragments": "blacklisting_fragments"}


def test_each_national_figure_is_drawn_with_its_dataset_sources_and_confidence():
    at = _page(section="national")
    specs = _specs(at)
    assert NATIONAL_FIGURES <= set(specs)
    from dashboard.domain import national
    from dashboard.domain.indicators import source_line, split_source_ids

    sources = pd.read_parquet(PROCESSED / "sources.parquet")
    by_id = {row["source_id"]: row for row in sources.astype(object).where(sources.notna(), None).to_dict("records")}
    points = national.national_points(pd.read_parquet(PROCESSED / "national_series.parquet"))
    for key in NATIONAL_FIGURES:
        rows = pd.read_parquet(PROCESSED / f"{DATASET_OF[key]}.parquet")
        if key.startswith("national_"):
            rows = national.figure_points(points, key.removeprefix("national_"))
        footer = " ".join(a["text"] for a in specs[key]["layout"]["annotations"])
        assert f"Dataset {DATASET_OF[key]}" in footer
        assert "Confidence:" in footer
        # the one footer recipe, naming every source the figure's rows cite, and the data date
        credit = source_line(split_source_ids(rows["source_id"]), by_id).split("<br>")[0][:60]
        assert credit in footer, key
    # Figure 12 (entities by type) is not drawn, and the page says why.
    assert any("Figure 12" in c.value for c in at.caption)


def test_the_national_figures_say_not_built_when_their_tables_are_absent(monkeypatch):
    at = _page_without(monkeypatch, "list_totals", "blacklisting_fragments", section="national")
    assert any("list_totals" in i.value and "blacklisting_fragments" in i.value for i in at.info)
    assert {"national_list", "national_bans"} <= set(_specs(at))
    assert not {"list_totals", "fragments"} & set(_specs(at))


def test_the_adoption_map_plays_through_the_years_with_the_year_in_each_title():
    at = _page(year=str(int(_adoption_years().min())), section="adoption")
    spec = _specs(at)["map"]
    options = [int(o) for o in at.select_slider(key="year").options]
    assert [int(f["name"]) for f in spec["frames"]] == options
    for frame in spec["frames"]:
        assert f"as of end of {frame['name']}" in frame["layout"]["title"]["text"]
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    # Playing runs in the browser: the URL keeps the year chosen in the sidebar.
    assert at.query_params["year"] == str(options[0])


def test_in_chinese_the_page_and_the_national_figures_speak_chinese():
    from dashboard.text.timeline import TIMELINE_WORDS

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/timeline.py")
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception
    zh = TIMELINE_WORDS["zh"]
    assert at.title[0].value == zh["title"]
    assert _specs(at)["timeline"]["layout"]["title"]["text"] == zh["axis_title"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/timeline.py")
    at.session_state["lang"] = "zh"
    at.query_params["section"] = SECTION_WORDS["zh"]["timeline_national"]  # a section named by its Chinese label
    at.run()
    assert not at.exception and at.query_params["section"] == "national"
    specs = _specs(at)
    assert specs["list_totals"]["layout"]["title"]["text"] == zh["totals_title"]
    assert specs["national_list"]["layout"]["title"]["text"].startswith("法院失信被执行人名单")
