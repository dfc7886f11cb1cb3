"""Regulations: what each province's own social credit law provides for, article by article."""

from __future__ import annotations

import streamlit as st

from dashboard import data, text
from dashboard.domain import regulation_rows as rr
from dashboard.domain import regulations as reg
from dashboard.figures import regulations as figures
from dashboard.text import LANGUAGE_CODES, REGULATION_WORDS, escape_markdown, swapped_pairs
from dashboard.ui import (
    compact_rows,
    font_scale,
    section_fragment,
    settings,
    show_figure,
    url_multiselect,
    url_section,
    url_toggle,
    url_widget,
)

TABLES = reg.TABLES
FAMILIES = ["provision", "sector", "group"]

lang, present = settings()
scale = font_scale()
words = text.words(REGULATION_WORDS, lang)


def once(func, *args, key: str):
    """``func(*args)`` once per data version; ``key`` names every argument that varies."""
    return data.once(func, *args, tables=TABLES, key=f"{lang}|{scale}|{key}")


tables = reg.RegulationTables(*(data.load(name) for name in TABLES))
# Labels in both languages are understood in a link; ids are what the page writes.
item_labels = tables.items.set_index("item")[["label_en", "label_zh"]].to_dict("index")
context = once(reg.page_context, tables, lang, key="context")
words_for = {"words": words, "font_scale": scale, "sources": data.sources_by_id(),
             "cited": once(rr.cited_texts, tables, key="cited")}

st.title(words["title"])
if not present:
    st.caption(words["intro"])
with st.sidebar:
    st.header(words["sidebar_header"])
    family = url_widget(st.radio, words["family_label"], FAMILIES, key="family", default="provision",
                        format_func=lambda f: words[f"family_{f}"],
                        aliases=lambda f: [REGULATION_WORDS[code][f"family_{f}"] for code in LANGUAGE_CODES])
    with_cities = url_toggle(words["with_cities"], key="cities", default=False)
family_items = context.items_of(family)

# The matrix, always shown: rows in adoption order, so later regulations visibly add provisions ---------
matrix = once(figures.page_matrix, tables, context, family, with_cities, words_for, key=f"matrix|{family}|{with_cities}")
show_figure(matrix, f"regulations-matrix-{family}", key="matrix",
            table=once(rr.matrix_rows, tables, context, family, with_cities, key=f"rows|{family}|{with_cities}"))

# The other sections, one at a time: only the one chosen runs and is sent. Each is a fragment,
# so its own controls rerun only it. A link naming a section's control opens that section.
section = url_section("regulations", claims={"item": "map", "left": "pair", "right": "pair", "spread": "diffusion"})


@section_fragment
def one_item_on_the_map() -> None:
    st.subheader(words["map_heading"])
    item = url_widget(st.selectbox, words["item_label"], family_items, key="item", default=family_items[0],
                      format_func=context.labels.get, aliases=lambda i: item_labels[i].values())
    show_figure(once(figures.page_map, tables, context, item, words_for, key=f"map|{item}"),
                f"regulations-map-{item}", key="map",
                table=once(rr.map_rows, tables, context, item, key=f"rows|{item}"))


@section_fragment
def two_side_by_side() -> None:
    st.subheader(words["pair_heading"])
    choices = context.with_regulation(with_cities)
    left_col, right_col = st.columns(2)
    with left_col:
        left = url_widget(st.selectbox, words["left"], choices, key="left", default=choices[0],
                          format_func=context.names.get, aliases=lambda c: swapped_pairs(context.names[c]))
    with right_col:
        right = url_widget(st.selectbox, words["right"], choices, key="right", default=choices[-1],
                           format_func=context.names.get, aliases=lambda c: swapped_pairs(context.names[c]))
    pair, differing = once(reg.pair_table, tables, context, left, right, words, key=f"pair|{left}|{right}")
    st.caption(words["pair_caption"].format(n=differing, total=len(pair)))
    st.dataframe(pair, hide_index=True, width="stretch")


def difference_summary():
    return once(reg.difference_summary, tables, context, family, key=f"difference|{family}")


def how_far_they_differ() -> None:
    st.subheader(words["difference_heading"])
    spread = difference_summary()
    st.caption(words["similarity_caption"].format(**spread.summary))
    show_figure(once(figures.page_prevalence, context, spread, words_for, key=f"prevalence|{family}"),
                f"regulations-prevalence-{family}", key="prevalence",
                table=once(rr.prevalence_rows, context, spread, key=f"rows-prevalence|{family}"))
    show_figure(once(figures.page_similarity, context, spread, words_for, key=f"similarity|{family}"),
                f"regulations-similarity-{family}", key="similarity",
                table=once(rr.similarity_rows, context, spread, key=f"rows-similarity|{family}"))
    st.caption(words["rare_caption"])
    st.dataframe(once(reg.rare_table, context, spread, words, key=f"rare|{family}"), hide_index=True,
                 width="stretch")
    show_figure(once(figures.page_size, tables, context, words_for, key="size"), "regulations-size", key="size",
                table=once(rr.size_rows, tables, context, key="rows-size"))


@section_fragment
def diffusion() -> None:
    st.subheader(words["diffusion_heading"])
    chosen = url_multiselect(words["items_label"], family_items, key="spread",
                             default=difference_summary().default_diffusion, format_func=context.labels.get,
                             max_selections=6)
    if chosen:
        figure, firsts = once(figures.page_diffusion, tables, context, tuple(chosen), words_for,
                              key=f"diffusion|{'+'.join(chosen)}")
        show_figure(figure, "regulations-diffusion", key="diffusion",
                    table=once(rr.diffusion_rows, tables, context, tuple(chosen),
                               key=f"rows-diffusion|{'+'.join(chosen)}"))
        st.caption(" · ".join(words["first"].format(**first) for first in firsts))


def coding_reliability() -> None:
    st.subheader(words["agreement_heading"])
    agreement, overall = once(reg.agreement_table, tables, context, words, key="agreement")
    st.caption(words["agreement_caption"].format(**overall))
    st.dataframe(agreement, hide_index=True, width="stretch")


def every_coded_row() -> None:
    st.subheader(words["rows_heading"])
    rows = once(reg.coded_rows, tables, context, words, key="rows")
    st.download_button(words["download"], lambda: rows.to_csv(index=False).encode("utf-8"), on_click="ignore",
                       file_name="regulation_provisions.csv", mime="text/csv")
    shown = once(rr.coded_display, rows, words, lang, key="rows-display")
    st.dataframe(compact_rows(shown), hide_index=True, width="stretch", height=320)  # repeated texts sent once


{"map": one_item_on_the_map, "pair": two_side_by_side, "difference": how_far_they_differ, "diffusion": diffusion,
 "agreement": coding_reliability, "rows": every_coded_row}[section]()
st.caption(escape_markdown(words["sources_caption"].format(ids=", ".join(context.source_ids))))
