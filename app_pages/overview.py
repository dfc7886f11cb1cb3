"""The first screen: what the dashboard shows, in one sentence, four numbers and one picture."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.domain import regulations as reg
from dashboard.domain.overview import headline_numbers
from dashboard.domain.regulation_rows import cited_texts, matrix_rows
from dashboard.figures.regulations import page_matrix
from dashboard.text import OVERVIEW_WORDS, REGULATION_WORDS, words
from dashboard.ui import font_scale, settings, show_figure

TABLES = reg.TABLES
lang, present = settings()
scale = font_scale()
overview_words = words(OVERVIEW_WORDS, lang)
tables = reg.RegulationTables(*(data.load(name) for name in TABLES))
context = data.once(reg.page_context, tables, lang, tables=TABLES, key=lang)
numbers = data.once(headline_numbers, tables, data.load("demonstration_areas"), data.load("city_scores"),
                    tables=[*TABLES, "demonstration_areas", "city_scores"])

st.title(overview_words["title"])
st.markdown(f"#### {overview_words['thesis']}")
for column, card in zip(st.columns(len(numbers)), numbers, strict=True):
    with column, st.container(border=True):
        st.markdown(f"### {overview_words[card.key + '_value'].format(**card.values)}")
        st.caption(overview_words[card.key + "_label"].format(**card.values))
        st.page_link(card.page, label=overview_words["open"])
        st.page_link("app_pages/sources.py", label=f"{overview_words['source']}: {card.dataset}",
                     query_params={"dataset": card.dataset})

style = {"words": words(REGULATION_WORDS, lang) | {"matrix_title": overview_words["matrix_title"]}, "font_scale": scale,
         "sources": data.sources_by_id(), "cited": data.once(cited_texts, tables, tables=TABLES)}
matrix = data.once(page_matrix, tables, context, "provision", False, style, tables=TABLES, key=f"{lang}|{scale}")
show_figure(matrix, "overview-regulations-matrix", key="overview_matrix",
            table=data.once(matrix_rows, tables, context, "provision", False, tables=TABLES, key=lang))
if not present:
    st.caption(overview_words["how"])
