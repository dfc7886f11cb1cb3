"""Fragmentation: how far the Social Credit System is many local systems rather than one.

Thin UI: every table, figure and sentence comes from the dashboard package.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import data, text
from dashboard.domain import diffusion, regions, statistics
from dashboard.domain import findings as fnd
from dashboard.domain import fragmentation as frag
from dashboard.domain import instruments as inst
from dashboard.figures import fragmentation as ff
from dashboard.figures import matrix as fm
from dashboard.figures.animation import with_year_frames
from dashboard.text.fragmentation import FRAGMENTATION_WORDS
from dashboard.ui import (
    font_scale,
    section_fragment,
    settings,
    show_figure,
    url_section,
    url_toggle,
    url_widget,
)

lang, present = settings()
scale = font_scale()
words = FRAGMENTATION_WORDS[lang]
min_n = statistics.DEFAULT_MIN_N


OPTIONAL = ["demonstration_areas", "demonstration_batches", "city_scores"]
# Every derived table is computed once per version of these processed tables.
tables = data.once(fnd.prepared, frag.Tables(
    indicators=data.load("indicators"),
    catalogue=data.catalogue().frame,
    provinces=data.load("provinces"),
    **{name: data.optional(name) for name in OPTIONAL},
), tables=(TABLES := ["indicators", "catalogue", "provinces", *OPTIONAL]))
sources = data.sources_by_id()
start, end = diffusion.diffusion_range(tables)
years = list(range(start, end + 1))

st.title(words["title"])
if not present:
    st.markdown(words["intro"].format(min_n=min_n))

# One section at a time: only the one chosen runs and is sent. Each section holds its own
# controls in a fragment, so a change reruns and resends that section only. A link naming a
# section's control (made when they were all on one screen) opens that section.
section = url_section("fragmentation", claims={"sort": "matrix", "matrix_table": "matrix", "year": "diffusion",
                                               "wealth": "regions", "regions_table": "regions"})


def spread_per_indicator() -> None:
    """How unequal each indicator is across the provinces that report it."""
    st.header(words["h_spread"])
    spread = frag.spread_table(tables)
    left_out = frag.spread_left_out(tables)
    if spread.empty:
        st.info(words["no_indicator"])
    else:
        show_figure(data.figure(ff.spread_figure, spread, sources, tables=[*TABLES, "sources"], left_out=left_out,
                                lang=lang, font_scale=scale),
                    "scs-fragmentation-spread-per-indicator", key="spread_figure", table=lambda: frag.spread_rows(spread))
        if not present:
            shown = data.once(frag.spread_display, spread, lang, tables=TABLES, key=lang)

            def grey_unreliable(row):
                colour = "" if row["reliable"] else "color: #8a8a8a; font-style: italic"
                return [colour] * len(row)

            # A Styler costs most of this section's rerun: only when a row is to be greyed.
            styled = shown if shown["reliable"].all() else shown.style.apply(grey_unreliable, axis=1)
            st.dataframe(styled, hide_index=True, width="stretch", column_config={"reliable": None})
            st.caption(words["spread_caption"].format(min_n=min_n))
    if len(left_out):
        st.markdown(f"**{words['left_out_heading']}.** {frag.left_out_intro(left_out, lang)}\n\n"
                    + "\n".join(f"- {item}" for item in frag.left_out_items(left_out, lang)))


@section_fragment
def instrument_matrix() -> None:
    """Which province uses which instrument, rows in the chosen order."""
    st.header(words["h_matrix"])
    sort = url_widget(st.radio, words["sort_label"], list(inst.SORTS), key="sort", default=next(iter(inst.SORTS)),
                      format_func=lambda key: words[f"sort_{key}"], aliases=lambda key: (inst.SORTS[key],),
                      horizontal=True)
    columns = inst.instruments(tables)
    if not columns:
        st.info(words["no_instruments"])
    else:
        matrix = data.once(inst.matrix_of, columns, tables.provinces, tables=TABLES)
        adoption_years = columns[0].values if columns[0].key == frag.REGULATION_YEAR else None
        order, dendrogram = data.once(inst.row_order, matrix, tables.provinces, sort, adoption_years, tables=TABLES, key=sort)
        show_figure(
            data.figure(fm.matrix_figure, columns, tables.provinces, order, dendrogram, sources, tables=[*TABLES, "sources"], sort=sort, lang=lang,
                             font_scale=scale, catalogue=tables.catalogue),
            f"scs-fragmentation-instrument-matrix-{sort}", key="matrix_figure",
            table=partial(inst.matrix_rows, columns, order, tables.provinces),
        )
        if not present:
            st.caption(words["matrix_caption"])
            if url_toggle(words["matrix_table"], key="matrix_table"):  # sent only when asked for
                st.dataframe(data.once(inst.matrix_display, columns, order, tables.provinces, lang, tables.catalogue,
                                       tables=TABLES, key=f"{sort}|{lang}"), hide_index=True, width="stretch")


@section_fragment
def diffusion_over_time() -> None:
    """When the provinces adopted their regulations."""
    st.header(words["h_diffusion"])
    year = url_widget(st.select_slider, words["year_label"], years, key="year", default=years[-1])
    show_figure(data.figure(ff.diffusion_figure, tables, year, sources, tables=[*TABLES, "sources"], lang=lang,
                            font_scale=scale),
                f"scs-fragmentation-diffusion-{start}-{end}", key="diffusion_figure",
                table=lambda: diffusion.diffusion_rows(tables))
    if frag.has_indicator(tables, frag.REGULATION_YEAR):
        # A play control steps the years in the browser; the slider's year stays in the URL.
        animated = data.once(with_year_frames, lambda y: ff.adoption_map(tables, y, sources, lang=lang, font_scale=scale),
                             years, year, words["play"], words["pause"], tables=[*TABLES, "sources"],
                             key=f"fragmentation-map|{year}|{lang}|{scale}")
        show_figure(animated, f"scs-fragmentation-regulation-map-{year}", key="adoption_map",
                    table=lambda: diffusion.adoption_map_rows(tables, year))
    else:
        st.info(words["no_years"])
    summary = diffusion.adoption_summary(tables)
    if summary is not None:
        st.markdown(f"**{words['adoption_spread']}** {diffusion.adoption_sentence(summary, lang, tables.provinces)}")
    undated = diffusion.undated_scores(tables, lang)
    if not present and len(undated):
        st.caption(words["undated"])
        st.dataframe(undated.rename(columns=lambda c: words.get(f"undated_{c}", c)), hide_index=True, width="stretch")


@section_fragment
def regions_and_wealth() -> None:
    """Instruments by region, and against the provinces' wealth."""
    st.header(words["h_regions"])
    wealth_measure = url_widget(st.radio, words["wealth_label"], list(text.WEALTH_MEASURES), key="wealth",
                                default="count", format_func=lambda key: words[f"wealth_{key}"],
                                aliases=lambda key: (text.WEALTH_MEASURES[key],), horizontal=True)
    show_figure(data.figure(ff.region_figure, tables, sources, tables=[*TABLES, "sources"], font_scale=scale, lang=lang),
                "scs-fragmentation-regions", key="region_figure", table=lambda: regions.region_table(tables))
    if not present:
        region_rows = data.once(regions.region_table, tables, tables=TABLES)
        if url_toggle(words["regions_table"], key="regions_table"):  # sent only when asked for
            names = regions.measure_names(tables, lang)
            st.dataframe(data.once(regions.region_display, region_rows, lang, names, tables=TABLES, key=lang),
                         hide_index=True, width="stretch")
            adoption = regions.region_adoption(tables)
            if len(adoption):
                st.dataframe(regions.region_adoption_display(adoption, lang), hide_index=True, width="stretch")
    wealth = regions.wealth(tables, wealth_measure, lang)
    if wealth is None:
        st.info(words["no_wealth"])
    else:
        show_figure(data.figure(ff.wealth_figure, wealth, sources, tables=[*TABLES, "sources"], key=wealth_measure, lang=lang, font_scale=scale),
                    f"scs-fragmentation-wealth-{wealth_measure}", key="wealth_figure",
                    table=lambda: regions.wealth_rows(wealth))
        if not present:
            st.markdown(words["wealth_note"])


def findings_in_sentences() -> None:
    """The findings, each with its sources."""
    st.header(words["h_findings"])
    found = fnd.findings(tables, lang=lang)
    if not found:
        st.info(words["no_findings"])
    for finding in found:
        st.markdown(f"- {finding.text} <small>{fnd.cited(finding, lang=lang)}</small>", unsafe_allow_html=True)
    if not present:
        st.caption(words["findings_caption"])


{"spread": spread_per_indicator, "matrix": instrument_matrix, "diffusion": diffusion_over_time,
 "regions": regions_and_wealth, "findings": findings_in_sentences}[section]()
