"""The one catalogue of words (``dashboard.text``): complete in both languages, and used.

Every ``*_WORDS`` dict in any module of the ``dashboard.text`` package is found on its own,
so a page's new module is checked the day it lands. Pages may not pass English literals
to Streamlit; words the data bring have a Chinese entry for everything the committed data use.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string

import pandas as pd
import pytest

import dashboard.text
from dashboard.text import DATA_TERMS_ZH, data_term, words
from tests.conftest import ROOT

LANGS = {"en", "zh"}


def catalogues() -> dict[str, dict]:
    """Every ``*_WORDS`` dict of the ``dashboard.text`` package, by ``module.NAME``."""
    found = {}
    # Submodules first, so a dict is named after the module that defines it, not a re-export.
    modules = [importlib.import_module(f"dashboard.text.{m.name}")
               for m in pkgutil.iter_modules(dashboard.text.__path__)] + [dashboard.text]
    for module in modules:
        for name, value in vars(module).items():
            if name.endswith("_WORDS") and isinstance(value, dict):
                found.setdefault(id(value), (f"{module.__name__}.{name}", value))
    return dict(found.values())


CATALOGUES = catalogues()


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_the_catalogues_are_found():
    assert {"dashboard.text.regulations.REGULATION_WORDS", "dashboard.text.frame.FRAME_WORDS",
            "dashboard.text.overview.OVERVIEW_WORDS"} <= set(CATALOGUES)


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_key_has_a_text_in_both_languages(name):
    table = CATALOGUES[name]
    assert set(table) == LANGS, f"{name}: languages {sorted(table)}"
    only_en = sorted(set(table["en"]) - set(table["zh"]))
    only_zh = sorted(set(table["zh"]) - set(table["en"]))
    assert not only_en and not only_zh, f"{name}: only in English {only_en}, only in Chinese {only_zh}"
    for lang in LANGS:
        empty = [k for k, v in table[lang].items() if not isinstance(v, str) or not v.strip()]
        assert not empty, f"{name}[{lang!r}]: empty texts {empty}"


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_both_languages_take_the_same_placeholders_and_chinese_is_translated(name):
    table = CATALOGUES[name]
    for key, english in table["en"].items():
        chinese = table["zh"].get(key, "")
        assert fields(english) == fields(chinese), f"{name}[{key!r}]: {english!r} vs {chinese!r}"
        # The same English sentence in the Chinese column is a text nobody translated.
        words_only = re.sub(r"\{[^}]*\}", "", english)  # a placeholder's name is not English text
        untranslated = chinese == english and re.search(r"[A-Za-z]{4,}", words_only) and "/" not in english
        assert not untranslated, f"{name}[{key!r}] is English in the Chinese column: {chinese!r}"


def test_the_lookup_gives_the_language_asked_and_english_otherwise():
    table = {"en": {"a": "Apple"}, "zh": {"a": "苹果"}}
    assert words(table, "zh")["a"] == "苹果"
    assert words(table, "en")["a"] == "Apple"
    assert words(table, "fr")["a"] == "Apple"


# ------------------------------------------------------------------ no English literal in a page

# Streamlit calls whose first argument (or label=/help=/placeholder=) is shown to the visitor.
SHOWN = {"title", "header", "subheader", "caption", "markdown", "write", "text", "info", "warning", "error",
         "success", "button", "radio", "selectbox", "multiselect", "select_slider", "slider", "toggle", "checkbox",
         "text_input", "number_input", "download_button", "link_button", "page_link", "expander", "popover",
         "tabs", "metric", "toast", "form_submit_button", "segmented_control", "pills"}
# The URL widgets of dashboard.ui: index of the label among the positional arguments.
URL_WIDGETS = {"url_widget": 1, "url_multiselect": 0, "url_toggle": 0, "url_text": 0}
LABEL_KEYWORDS = {"label", "help", "placeholder", "caption"}
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def literal_text(node: ast.AST) -> str:
    """The constant parts of a string literal or f-string ('' for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return literal_text(node.left) + " " + literal_text(node.right)
    return ""


def shown_arguments(call: ast.Call) -> list[ast.AST]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    shown = [k.value for k in call.keywords if k.arg in LABEL_KEYWORDS]
    if name in URL_WIDGETS and len(call.args) > URL_WIDGETS[name]:
        shown.append(call.args[URL_WIDGETS[name]])
    elif isinstance(func, ast.Attribute) and name in SHOWN and call.args and name != "page_link":
        shown.append(call.args[0])
        if name == "tabs" and isinstance(call.args[0], ast.List):
            shown += call.args[0].elts
    return shown


def english_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every English literal a page passes straight to a shown Streamlit argument."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for argument in shown_arguments(node):
                text = literal_text(argument)
                # Placeholders and markup are not words; CSS blocks are not shown.
                bare = re.sub(r"\{[^}]*\}|<[^>]*>|:[a-z_]+:", " ", text)
                if ENGLISH.search(bare) and not text.lstrip().startswith("<style"):
                    found.append((node.lineno, text))
    return found


def test_the_scan_finds_a_hard_coded_label_and_passes_a_catalogue_one():
    assert english_literals('st.caption("Pick two provinces")') == [(1, "Pick two provinces")]
    assert english_literals('url_widget(st.radio, "Mode", modes, key="mode")') == [(1, "Mode")]
    assert english_literals('st.title(f"Ranking: {label}")') == [(1, "Ranking: ")]
    assert english_literals('st.button(label="Go ahead")') == [(1, "Go ahead")]
    assert not english_literals('st.caption(words["how"]); st.markdown(f"#### {words[\'thesis\']}")')
    assert not english_literals('st.dataframe(table, key="profile_table")')
    assert not english_literals('st.page_link("app_pages/sources.py", label=words["open"])')


@pytest.mark.parametrize("path", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_pass_no_english_literal_to_streamlit(path):
    found = english_literals(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{path.name}: put these words in dashboard/text/<page>.py (a *_WORDS dict) and look them up with "
        f"dashboard.text.words: {found}")


# ------------------------------------------------------------------ words the data bring

PROCESSED = ROOT / "data" / "processed"


# Columns whose cells the pages show translated by data_term, per processed table.
DATA_TERM_COLUMNS = {
    "catalogue": ["unit", "missing_reason", "topic", "coverage_note", "qualifier"],
    "indicators": ["unit", "missing_reason", "confidence", "qualifier"],
    "sources": ["source_type", "licence", "confidence"],
    "demonstration_areas": ["level", "confidence"],
    "city_scores": ["level", "form", "confidence"],
    "surveillance_cameras": ["caveat", "confidence"],
    "regulation_provisions": ["confidence"],
    "blacklisting_fragments": ["measure", "unit", "confidence"],
    "national_series": ["unit", "confidence", "value_qualifier"],
    "list_totals": ["unit", "scope", "confidence"],
    "regulations_provincial": ["confidence", "confidence_note"],
}


def used_data_terms() -> set[str]:
    terms = set()
    for name, columns in DATA_TERM_COLUMNS.items():
        frame = pd.read_parquet(PROCESSED / f"{name}.parquet", columns=columns)
        for column in columns:
            terms |= {str(v) for v in frame[column].dropna() if str(v)}
    return terms


def test_every_unit_reason_note_and_topic_in_the_data_has_chinese():
    missing = sorted(t for t in used_data_terms() if t not in DATA_TERMS_ZH)
    assert not missing, f"add these to DATA_TERMS_ZH in dashboard/text/data_terms.py: {missing}"


def test_data_terms_translate_units_with_a_normalisation_part_by_part():
    assert data_term("persons", "en") == "persons"
    assert data_term("persons", "zh") == DATA_TERMS_ZH["persons"]
    combined = data_term("persons per million residents (2020 census)", "zh")
    assert combined.startswith(DATA_TERMS_ZH["persons"]) and DATA_TERMS_ZH["per million residents (2020 census)"] in combined
    assert data_term("something new", "zh") == "something new"


# ------------------------------------------------------------------ the registry's own texts, in Chinese

CJK = re.compile(r"[\u3400-\u9fff]")
ENTRY = {"kind": "table", "title": "T", "title_zh": "表", "description": "D", "description_zh": "说明", "unit": "rows",
         "topic": "t", "sources": ["s"], "file": "t.csv", "licence": "open", "origin": "Typed.", "origin_zh": "手工输入。",
         "columns": {"name": {"type": "string"}, "source_id": {"type": "source"}, "confidence": {"type": "string"}}}
DOCUMENT = {"licences": {"open": "Open licence"}, "licences_zh": {"open": "开放许可"},
            "topics": {"t": {"label": "T", "label_zh": "主题"}}}


def registry_issues(entry: dict, **sections) -> list[tuple[str, str]]:
    """(key path, message) of every problem the ETL finds in a one-entry registry."""
    from etl.document import validate_document

    document = DOCUMENT | sections | {"datasets": {"x": entry}}
    _, _, _, issues = validate_document("registry.toml", document, lambda loc: None)
    return [(str(i.column), i.message) for i in issues]


def test_a_complete_entry_passes_the_registry_checks():
    assert registry_issues(ENTRY) == []


@pytest.mark.parametrize(("change", "key"), [
    ({"description_zh": None}, "x.description_zh"),
    ({"origin_zh": None}, "x.origin_zh"),
    ({"zero_note": "0 means none found."}, "x.zero_note_zh"),
    ({"topic": "undeclared"}, "x.topic"),
])
def test_an_entry_without_its_chinese_is_a_build_error_naming_dataset_and_key(change, key):
    entry = {k: v for k, v in (ENTRY | change).items() if v is not None}
    problems = registry_issues(entry)
    assert [k for k, _ in problems] == [key], problems


def test_a_licence_without_its_chinese_sentence_is_a_build_error():
    problems = registry_issues(ENTRY, licences_zh={})
    assert [k for k, _ in problems] == ["licences_zh.open"], problems


def test_a_raw_file_whose_sidecar_lacks_its_chinese_transcription_note_is_refused(tmp_path):
    from etl.provenance import read_sidecar

    (tmp_path / "t.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "t.meta.toml").write_text(
        'file = "t.csv"\nwhat = "W"\naccessed = ["unknown"]\nlicence = "open"\ntranscribed = "Typed."\n'
        f'sha256 = "{"0" * 64}"\nstamped = "2026-01-01"\n', encoding="utf-8")
    sidecar, issues = read_sidecar(tmp_path / "t.csv", {"open"})
    assert sidecar is None and [i.column for i in issues] == ["transcribed_zh"], issues


def test_the_committed_catalogue_has_chinese_for_every_text_it_shows():
    catalogue = pd.read_parquet(PROCESSED / "catalogue.parquet")
    pairs = [("description", "description_zh"), ("origin", "origin_zh"), ("zero_note", "zero_note_zh"),
             ("licence", "licence_zh"), ("transcribed", "transcribed_zh"), ("topic", "topic_label_zh")]
    missing = [(row["name"], zh) for row in catalogue.to_dict("records") for en, zh in pairs
               if row[en] and not CJK.search(str(row[zh] or ""))]
    assert not missing, f"run python -m etl after adding these to data/registry.toml or the sidecars: {missing}"
