"""Chinese mode is complete on every page: with ``lang=zh`` no heading, caption, message,
control label or option, table header or figure text is an English sentence.

Citations, source and dataset ids and the data's own row notes stay as published. A text counts
as English when one of its parts (a line, or a clause between punctuation marks) has an English
word and not one Chinese character: a Chinese line does not excuse an English line beside it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.text import DATA_TERMS_ZH
from dashboard.text.footer import FOOTER_WORDS
from dashboard.text.fragmentation import FRAGMENTATION_WORDS
from dashboard.text.timeline import TIMELINE_WORDS
from tests.conftest import ROOT, run_app_page

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")
# The language switch names each language in itself: "English" is meant to be English.
LANGUAGE_NAMES = {"English"}
PROCESSED = sorted((ROOT / "data" / "processed").glob("*.parquet"))
# The Sources page shows a processed table exactly as downloaded: its headers are the file's column ids.
PROCESSED_COLUMNS = {tuple(pq.read_schema(path).names) for path in PROCESSED}
# A text splits into lines, and a line into clauses at these marks.
PARTS = re.compile(r"<br\s*/?>|\n|[;:()（）：；，、。\[\]]|——")
TAG = re.compile(r"<[^>]+>")
# Data ids (datasets, columns, source ids such as natdoc_2007_opinions_17), code and the data package
# the boundaries are cited by are not words to translate.
DATA_ID = re.compile(r"`[^`]*`|\b[A-Za-z0-9]+(?:[_.][A-Za-z0-9]+)*_[A-Za-z0-9]+\b|\bcnmaps-data\b")
# The footer's credit names every source as published: from its prefix, over wrapped lines, to its
# full stop at the end of a line (the data date follows it and is checked).
CREDIT = re.compile(re.escape(FOOTER_WORDS["zh"]["sources"]) + r".*?(?:" + re.escape(FOOTER_WORDS["zh"]["stop"])
                    + r"(?=<br>|$)|$)", re.DOTALL)


def _row_notes() -> list[str]:
    """The analysts' notes stored row by row in the data (``note``, ``date_note``): English by design."""
    notes = set()
    for path in PROCESSED:
        columns = [c for c in pq.read_schema(path).names if c in ("note", "date_note")]
        if columns:
            frame = pq.read_table(path, columns=columns).to_pandas()
            notes |= {str(v).strip() for c in columns for v in frame[c].dropna() if len(str(v).split()) > 2}
    return sorted(notes, key=len, reverse=True)


ROW_NOTES = _row_notes()


def _without_quotes(text: str) -> str:
    """``text`` without the sources' credit and the data's own row notes (wrapped or not)."""
    text = CREDIT.sub(" ", re.sub(r"<br\s*/?>", "<br>", text))
    for note in ROW_NOTES:
        head = note.split()[0]
        if head in text:
            text = re.sub(r"(?:\s|<br>)+".join(map(re.escape, note.split())), " ", text)
    return text


def english_parts(text: str) -> list[str]:
    """The parts of a text a Chinese reader would find in English (see the module's docstring)."""
    if text in LANGUAGE_NAMES:
        return []
    text = DATA_ID.sub(" ", _without_quotes(html.unescape(str(text))))
    parts = (TAG.sub("", part).strip() for part in PARTS.split(text))
    return [part for part in parts if WORD.search(part) and not CJK.search(part)]


def english(text: str, parts: bool = True) -> bool:
    """Whether ``text`` has English a Chinese reader would meet: in one of its parts, or (``parts=False``,
    for the sentences of pages that cite sources inline) in the whole text with no Chinese at all."""
    if parts:
        return bool(english_parts(text))
    return bool(WORD.search(text)) and not CJK.search(text) and text not in LANGUAGE_NAMES


def figure_texts(spec: dict) -> list[tuple[str, str]]:
    layout = spec["layout"]
    title = layout.get("title", {})
    texts = [("title", title.get("text", "")), ("subtitle", title.get("subtitle", {}).get("text", ""))]
    texts += [("annotation", a.get("text", "")) for a in layout.get("annotations", [])]
    axes = {key: value for key, value in layout.items() if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict)}
    texts += [(key, (value.get("title") or {}).get("text", "")) for key, value in axes.items()]
    # Tick labels: written ones, and a category axis's categories (the spread figure's rows).
    texts += [(f"{key} tick", str(tick)) for key, value in axes.items()
              for tick in [*(value.get("ticktext") or []), *(value.get("categoryarray") or [])]]
    texts.append(("colour axis", layout.get("coloraxis", {}).get("colorbar", {}).get("title", {}).get("text", "")))
    for trace in spec["data"]:
        # A choropleth's name is never shown (hover templates end in <extra></extra>); a legend entry is.
        if trace.get("showlegend") is True or (trace["type"] != "choropleth" and trace.get("showlegend") is not False):
            texts.append(("legend", trace.get("name", "")))
        texts.append(("colour bar", (trace.get("colorbar") or {}).get("title", {}).get("text", "")))
    return texts


def table_cells(frame: pd.DataFrame, shown: list[str]) -> list[tuple[str, str]]:
    """The cells of the ``shown`` columns that are labels, not the data as published (:data:`PUBLISHED_HEADERS`)."""
    return [("table cell", cell) for column in frame.columns if str(column) in shown
            and str(column) not in PUBLISHED_HEADERS for cell in frame[column].dropna().astype(str).unique()]


def shown_texts(app, tables: bool = True, cells: bool = False) -> list[tuple[str, str]]:
    """Every text the page shows: elements, control labels and options, table headers (and ``cells``)
    and figure texts."""
    texts = [(kind, str(element.value)) for kind in ("title", "header", "subheader", "caption", "markdown", "info",
                                                     "warning", "error") for element in getattr(app, kind)]
    for kind in ("radio", "selectbox", "multiselect", "toggle", "select_slider", "button"):
        for element in app.get(kind):
            texts.append((f"{kind} label", element.label))
            texts += [(f"{kind} option", str(option)) for option in getattr(element, "options", [])]
    for table in app.dataframe if tables else []:
        # A processed table shown "exactly as in the download" keeps its column ids; every
        # other table's headers are labels.
        if tuple(str(c) for c in table.value.columns) not in PROCESSED_COLUMNS:
            # A column hidden by column_config (e.g. the id that greys a row) is never shown.
            config = json.loads(table.proto.columns or "{}")
            shown = [str(column) for column in table.value.columns if not (config.get(str(column)) or {}).get("hidden")]
            texts += [("table header", column) for column in shown]
            texts += table_cells(table.value, shown) if cells else []
    for chart in app.get("plotly_chart"):
        texts += [(f"figure {kind}", text) for kind, text in figure_texts(json.loads(chart.proto.spec))]
    return texts


def test_the_check_finds_english_and_passes_chinese_and_citations():
    assert english("Pick at least two provinces.")
    assert not english("来源：Smith, J. (2020) Social credit")
    assert not english("### 25/31") and not english("English")
    assert english("Distinct blacklists [黑名单种类]")
    # A Chinese line does not excuse an English line or clause beside it.
    assert english("26 of 31 mainland provinces had adopted one by 2024<br>单位：省份")
    assert english_parts("尚无已确认通过的省级条例——draft only: 北京市; none found: 安徽省") == [
        "draft only", "none found"]
    assert english("可信度：exact from source (31)")
    # The credit names sources as published, over wrapped lines, up to the data date, which is checked.
    credit = "来源：General Offices of the CPC Central<br>Committee and the State Council；China Daily。"
    assert not english(f"空心标记：日期只精确到月<br>{credit}<br>数据日期：2026-12-01。")
    assert english(f"{credit}<br>Data: sources read up to 2026-12-01.")
    # Data ids and the data's own row notes stay as they are.
    assert not english("由ETL从 regulations_provincial 派生（来源编号 natdoc_2007_opinions_17）")
    note = ROW_NOTES[0].split()
    assert not english("注：" + " ".join(note[:2]) + "<br>" + " ".join(note[2:]))


VIEWS = [("overview", {}), ("regulations", {}), ("regulations", {"family": "sector", "cities": "true"}),
         *[("compare", {"mode": mode}) for mode in ("two", "provinces", "ranking", "scatter", "batches")],
         ("compare", {"mode": "ranking", "rank_per": "population"}),
         ("compare", {"mode": "scatter", "x": "redlists_per_province", "y": "blacklists_per_province"}),
         ("explorer", {"view": "map"}), ("explorer", {"view": "ranking"}),
         ("explorer", {"view": "map", "bins": "manual", "breaks": "x"}),
         ("explorer", {"view": "map", "province": "330000"}),
         ("cities", {"view": "points"}), ("cities", {"view": "points", "kind": "areas", "cameras": "true"}),
         ("cities", {"view": "prefectures"}), ("cities", {"view": "prefectures", "measure": "scores"}),
         ("sources", {}), ("sources", {"dataset": "regulations_provincial"}), ("sources", {"dataset": "boundaries"}),
         ("timeline", {"section": "axis", "axis_table": "true"}), ("timeline", {"section": "adoption"}),
         ("timeline", {"section": "national", "national_table": "true", "fragments_table": "true"}),
         *[("fragmentation", {"section": s}) for s in ("spread", "diffusion", "findings")],
         # With the tables behind their toggles shown.
         ("fragmentation", {"section": "matrix", "matrix_table": "true"}),
         ("fragmentation", {"section": "regions", "regions_table": "true"})]


# Pages whose table headers are labels in the catalogue (Regulations' tables still show column ids).
LABELLED_TABLES = {"explorer", "cities", "sources", "compare", "overview", "fragmentation", "timeline"}
# Pages whose texts are all checked part by part, table cells included: every cell but ids and the
# columns that hold the data as published (English titles and names, issuers), named by their headers.
LABELLED_CELLS = PART_PAGES = {"timeline", "fragmentation"}
PUBLISHED_HEADERS = {*(TIMELINE_WORDS["zh"][k] for k in ("col_title_en", "col_detail", "ncol_as_of", "ncol_value_text",
                                                         "ncol_note")), FRAGMENTATION_WORDS["zh"]["undated_score_en"]}
WITHOUT_FIGURES = {"sources"}
# Sections made of sentences only.
TEXT_SECTIONS = {"findings"}


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{p}-{'-'.join(q.values())}" for p, q in VIEWS])
def test_every_text_is_chinese_when_the_language_is_chinese(page, params):
    app = run_app_page(page, {"lang": "zh"}, **params)
    assert not app.exception, [e.value for e in app.exception]
    texts = shown_texts(app, tables=page in LABELLED_TABLES, cells=page in LABELLED_CELLS)
    assert page in WITHOUT_FIGURES or params.get("section") in TEXT_SECTIONS or any(
        kind.startswith("figure") for kind, _ in texts)
    # Every figure text is checked part by part; other texts too on the pages named in PART_PAGES
    # (the others cite sources inline in their sentences).
    left = [(kind, part[:120]) for kind, text in texts
            for part in (english_parts(text) if kind.startswith("figure") or page in PART_PAGES
                         else [text] if english(text, parts=False) else [])]
    assert not left, left


def test_presentation_mode_has_a_way_out_in_either_language():
    for lang, label in (("en", "Exit presentation mode"), ("zh", "退出演示模式")):
        app = run_app_page("compare", {"lang": lang}, present="true")
        button = app.button(key="exit_present")
        assert button.label == label
        button.click().run()
        assert app.toggle(key="present").value is False
        assert "present" not in app.query_params
        assert not [b for b in app.button if b.key == "exit_present"]


# ------------------------------------------------------------------ words the data bring, in cells and hovers

# English words of the data (levels, forms, confidence labels, licences, ...) that have their own Chinese.
DATA_TERMS_EN = {en for en, zh in DATA_TERMS_ZH.items() if en != zh}
SEGMENT = re.compile(r"<br>|<[^>]*>|[;:()（）：；]")


def data_terms_left(texts, split: bool = True) -> list[str]:
    """Every known English data term that stands as a whole part of a hover line (``split``) or a whole cell.

    Table cells are matched whole: a citation (kept as published) may contain such words.
    """
    found = []
    for text in texts:
        for part in SEGMENT.split(str(text)) if split else [str(text)]:
            if part.strip().rstrip(".,") in DATA_TERMS_EN:
                found.append(part.strip())
    return found


def test_the_term_check_finds_an_english_level_in_a_hover_and_passes_chinese():
    assert data_terms_left(["<b>杭州市</b><br>prefecture<br>来源：x（可信度：secondary）"]) == ["prefecture", "secondary"]
    assert not data_terms_left(["地级市", "Alexandrescu, 'Fragmented Reality' (2023)"])


AREA = {"name_zh": "杭州市", "name_en": "Hangzhou", "level": "sub-provincial city", "parent_zh": "", "batch": 1,
        "province_zh": "浙江省", "province_en": "Zhejiang", "announced": "2018-01", "source_id": "s",
        "confidence": "secondary"}
SCORE = {"city_zh": "苏州市", "city_en": "Suzhou", "level": "prefecture", "parent_zh": "", "province_zh": "江苏省",
         "province_en": "Jiangsu", "score_name_zh": "桂花分", "score_name_en": "Osmanthus score", "launched": None,
         "form": "numeric score", "source_id": "s", "confidence": "exact from source"}
CAMERA = {"city_zh": "青岛市", "city_en": "Qingdao", "province_zh": "山东省", "province_en": "Shandong",
          "population_2025": 100, "cameras": 50, "source_id": "s", "confidence": "secondary",
          "caveat": next(en for en in DATA_TERMS_ZH if en.startswith("Comparitech"))}


def test_cities_hovers_and_tables_show_no_english_data_term_in_chinese():
    from dashboard.domain.cities import (
        area_hover,
        camera_hover,
        camera_table,
        point_table,
        score_hover,
    )

    areas, scores = pd.DataFrame([AREA]), pd.DataFrame([SCORE])
    sources = {"s": {"citation": "Smith, J. (2020) Social credit"}}
    table = point_table(areas, scores, sources, "zh")
    shown = [*table.to_numpy().ravel(), area_hover(AREA, "zh"), score_hover(SCORE, "zh"), camera_hover(CAMERA, "zh"),
             *camera_table(pd.DataFrame([CAMERA]), "zh").to_numpy().ravel()]
    assert not data_terms_left(shown), data_terms_left(shown)
    assert not data_terms_left(table.to_numpy().ravel(), split=False)
    assert "Batch" not in " ".join(map(str, shown)) and "Demonstration" not in " ".join(map(str, shown))
    # English mode keeps the data's own words: the check is not vacuous.
    english = [*point_table(areas, scores, sources, "en").to_numpy().ravel(), area_hover(AREA, "en")]
    assert {"sub-provincial city", "numeric score", "secondary"} <= set(data_terms_left(english))


def test_the_regulations_rows_and_the_sources_table_show_no_english_data_term_in_chinese():
    from dashboard.domain.catalogue import all_sources
    from dashboard.domain.regulation_rows import coded_display
    from dashboard.text import REGULATION_WORDS

    rows = pd.DataFrame({"regulation": ["湖北"], "jurisdiction": ["420000"], "item": ["repair"], "label": ["名单"],
                         "present": ["no"], "articles": [""], "value": [""], "coding": ["reconciled"], "note": [""],
                         "source_id": ["s"], "confidence": ["exact from source"]})
    shown = coded_display(rows, REGULATION_WORDS["zh"], "zh")
    assert not [c for c in shown.columns if english(str(c))], list(shown.columns)
    assert not data_terms_left(shown.to_numpy().ravel()) and "reconciled" not in shown.to_numpy().ravel()
    sources = pd.DataFrame({"source_id": ["s"], "citation": ["Smith (2020)"], "url": [""], "source_type": ["state media"],
                            "published": ["2020"], "accessed": ["2026-01-01"], "licence": ["Public government document"],
                            "confidence": ["weak"], "via": [""]})
    cells = all_sources(sources, {}, "zh").to_numpy().ravel()
    assert not data_terms_left(cells), data_terms_left(cells)


def hover_texts(spec: dict) -> list[str]:
    """Every hover string a figure carries: templates, hover texts and the customdata they show."""
    texts = []
    for trace in spec["data"]:
        for key in ("hovertemplate", "hovertext", "text", "customdata"):
            value = trace.get(key)
            values = value if isinstance(value, list) else [value]
            for item in values:
                texts += [str(v) for v in (item if isinstance(item, list) else [item]) if isinstance(v, str)]
    return texts


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{p}-{'-'.join(q.values())}" for p, q in VIEWS])
def test_no_english_data_term_in_a_table_cell_or_hover_when_the_language_is_chinese(page, params):
    app = run_app_page(page, {"lang": "zh"}, **params)
    assert not app.exception, [e.value for e in app.exception]
    cells = [cell for table in app.dataframe if tuple(str(c) for c in table.value.columns) not in PROCESSED_COLUMNS
             for cell in table.value.astype(str).to_numpy().ravel()]
    hovers = [text for chart in app.get("plotly_chart") for text in hover_texts(json.loads(chart.proto.spec))]
    left = sorted(set(data_terms_left(cells, split=False) + data_terms_left(hovers)))
    assert not left, left


# ------------------------------------------------------------------ tables the sections build, both languages


def test_the_matrix_and_region_tables_are_chinese_in_chinese_and_unchanged_in_english():
    from dashboard.domain import instruments as inst
    from dashboard.domain import regions
    from tests.test_fragmentation_page import make_tables

    # Every catalogue title has its Chinese (the registry requires it); the data's units are known terms.
    tables = make_tables()
    tables = replace(tables, catalogue=tables.catalogue.assign(title_zh="中文标题"), memo={})
    columns = inst.instruments(tables)
    order = list(inst.matrix_of(columns, tables.provinces).index)
    chinese = inst.matrix_display(columns, order, tables.provinces, "zh", tables.catalogue)
    cells = [str(c) for c in chinese.to_numpy().ravel()]
    assert list(chinese.columns[:2]) == ["省份", "地区"]
    assert not [t for t in [*map(str, chinese.columns), *cells] if english(t)], list(chinese.columns)
    assert "尚无" in cells  # a province without a regulation says why, in Chinese
    english_table = inst.matrix_display(columns, order, tables.provinces)
    assert list(english_table.columns[:2]) == ["Province", "Region"]
    assert f"{columns[0].label} [{columns[0].unit}]" in english_table.columns
    assert "none est." in english_table.to_numpy().ravel()
    adoption = regions.region_adoption_display(regions.region_adoption(tables), "zh")
    assert not [t for t in [*map(str, adoption.columns), *adoption.astype(str).to_numpy().ravel()] if english(t)]
    shown = regions.region_display(regions.region_table(tables), "zh", regions.measure_names(tables, "zh"))
    assert not [m for m in shown["指标"] if english(m)], shown["指标"].tolist()


def test_the_national_tables_are_labelled_in_chinese_and_shown_as_downloaded_in_english():
    from dashboard.domain.national import national_display

    series = pd.DataFrame({"series": ["flight_bans"], "as_of": ["end of 2018"], "value": [1.0], "unit": ["tickets"],
                           "value_qualifier": ["more than"], "source_id": ["s"], "confidence": ["secondary"],
                           "note": ["Media citing the SPC."]})
    assert national_display(series, "en") is series
    chinese = national_display(series, "zh")
    assert not [c for c in chinese.columns if english(str(c))], list(chinese.columns)
    row = chinese.iloc[0].tolist()
    assert "乘机" in row and DATA_TERMS_ZH["tickets"] in row and DATA_TERMS_ZH["more than"] in row
    # The source's own wording and the analysts' note stay as published.
    assert "end of 2018" in row and "Media citing the SPC." in row
