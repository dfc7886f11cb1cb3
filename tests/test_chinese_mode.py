"""Chinese mode is complete on every page: with ``lang=zh`` no heading, caption, message,
control label or option, table header or figure text is an English sentence.

Citations and source ids stay as published; a text counts as English when it has an English
word and not one Chinese character.
"""

from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, run_app_page

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")
# The language switch names each language in itself: "English" is meant to be English.
LANGUAGE_NAMES = {"English"}
# The Sources page shows a processed table exactly as downloaded: its headers are the file's column ids.
PROCESSED_COLUMNS = {tuple(pq.read_schema(path).names) for path in (ROOT / "data" / "processed").glob("*.parquet")}


def english(text: str) -> bool:
    return bool(WORD.search(text)) and not CJK.search(text) and text not in LANGUAGE_NAMES


def figure_texts(spec: dict) -> list[tuple[str, str]]:
    layout = spec["layout"]
    title = layout.get("title", {})
    texts = [("title", title.get("text", "")), ("subtitle", title.get("subtitle", {}).get("text", ""))]
    texts += [("annotation", a.get("text", "")) for a in layout.get("annotations", [])]
    texts += [(key, (value.get("title") or {}).get("text", "")) for key, value in layout.items()
              if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict)]
    texts.append(("colour axis", layout.get("coloraxis", {}).get("colorbar", {}).get("title", {}).get("text", "")))
    for trace in spec["data"]:
        # A choropleth's name is never shown (hover templates end in <extra></extra>); a legend entry is.
        if trace.get("showlegend") is True or (trace["type"] != "choropleth" and trace.get("showlegend") is not False):
            texts.append(("legend", trace.get("name", "")))
        texts.append(("colour bar", (trace.get("colorbar") or {}).get("title", {}).get("text", "")))
    return texts


def shown_texts(app, tables: bool = True) -> list[tuple[str, str]]:
    """Every text the page shows: elements, control labels and options, table headers and figure texts."""
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
            texts += [("table header", str(column)) for column in table.value.columns]
    for chart in app.get("plotly_chart"):
        texts += [(f"figure {kind}", text) for kind, text in figure_texts(json.loads(chart.proto.spec))]
    return texts


def test_the_check_finds_english_and_passes_chinese_and_citations():
    assert english("Pick at least two provinces.")
    assert not english("来源：Smith, J. (2020) Social credit")
    assert not english("### 25/31") and not english("English")


VIEWS = [("overview", {}), ("regulations", {}), ("regulations", {"family": "sector", "cities": "true"}),
         *[("compare", {"mode": mode}) for mode in ("two", "provinces", "ranking", "scatter", "batches")],
         ("compare", {"mode": "ranking", "rank_per": "population"}),
         ("compare", {"mode": "scatter", "x": "redlists_per_province", "y": "blacklists_per_province"}),
         ("explorer", {"view": "map"}), ("explorer", {"view": "ranking"}),
         ("explorer", {"view": "map", "bins": "manual", "breaks": "x"}),
         ("explorer", {"view": "map", "province": "330000"}),
         ("cities", {"view": "points"}), ("cities", {"view": "points", "kind": "areas", "cameras": "true"}),
         ("cities", {"view": "prefectures"}), ("cities", {"view": "prefectures", "measure": "scores"}),
         ("sources", {}), ("sources", {"dataset": "regulations_provincial"}), ("sources", {"dataset": "boundaries"})]


# Pages whose table headers are labels in the catalogue (Regulations' tables still show column ids).
LABELLED_TABLES = {"explorer", "cities", "sources", "compare", "overview"}
WITHOUT_FIGURES = {"sources"}


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{p}-{'-'.join(q.values())}" for p, q in VIEWS])
def test_every_text_is_chinese_when_the_language_is_chinese(page, params):
    app = run_app_page(page, {"lang": "zh"}, **params)
    assert not app.exception, [e.value for e in app.exception]
    texts = shown_texts(app, tables=page in LABELLED_TABLES)
    assert page in WITHOUT_FIGURES or any(kind.startswith("figure") for kind, _ in texts)
    left = [(kind, text[:120]) for kind, text in texts if english(text)]
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
