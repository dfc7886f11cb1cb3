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
from dashboard.ui import (
    font_scale,
    settings,
    show_figure,
    url_widget,
)

lang, present = settings()
scale = font_scale()


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

with st.sidebar:
    st.header("Fragmentation")
    sort = url_widget(st.radio, "Sort the matrix rows by", list(inst.SORTS), key="sort",
                      default=next(iter(inst.SORTS)), format_func=inst.SORTS.get)
    year = url_widget(st.select_slider, "Regulation map as of the end of", years, key="year", default=years[-1])
    wealth_measure = url_widget(st.radio, "Demonstration areas against GDP per capita", list(text.WEALTH_MEASURES),
                                key="wealth", default="count", format_func=text.WEALTH_MEASURES.get)

if lang == "zh":
    st.title("碎片化 · Fragmentation")
else:
    st.title("Fragmentation · 碎片化")
if not present:
    st.markdown(
        "How far is China's Social Credit System many local systems rather than one? This page measures "
        "how unevenly provinces hold its instruments, which instruments go together, how they spread over "
        "time, and whether richer regions hold more of them. Every number comes from the processed data; "
        "a missing value is never counted as zero, and any statistic that rests on fewer than "
        f"{statistics.DEFAULT_MIN_N} provinces is greyed and flagged."
    )

# ------------------------------------------------------------------ 1. spread
st.header("1 · Spread per indicator · 各指标的省际差异")
spread = frag.spread_table(tables)
if spread.empty:
    st.info("No province-level indicator is available yet.")
else:
    show_figure(data.figure(ff.spread_figure, spread, sources, tables=[*TABLES, "sources"], font_scale=scale), "scs-fragmentation-spread-per-indicator",
                key="spread_figure", table=lambda: frag.spread_rows(spread))
    if not present:
        shown = data.once(frag.spread_display, spread, tables=TABLES)

        def grey_unreliable(row):
            colour = "" if row["reliable"] else "color: #8a8a8a; font-style: italic"
            return [colour] * len(row)

        st.dataframe(shown.style.apply(grey_unreliable, axis=1), hide_index=True, width="stretch",
                     column_config={"reliable": None})
        st.caption(
            "CV: standard deviation over mean. Gini: 0 when every province holds the same, (n−1)/n when one "
            "holds everything. Max/min is undefined when the smallest value is 0. Top-3 share: the three "
            "largest values over the total. Only provinces with a value enter; grey rows rest on fewer than "
            f"{statistics.DEFAULT_MIN_N} provinces. Per-capita rows appear only where the catalogue allows them."
        )

# ------------------------------------------------------------------ 2. matrix
st.header("2 · Province × instrument matrix · 省份与工具矩阵")
columns = inst.instruments(tables)
if not columns:
    st.info("No instrument data is available yet.")
else:
    matrix = data.once(inst.matrix_of, columns, tables.provinces, tables=TABLES)
    adoption_years = columns[0].values if columns[0].key == frag.REGULATION_YEAR else None
    order, dendrogram = data.once(inst.row_order, matrix, tables.provinces, sort, adoption_years, tables=TABLES, key=sort)
    show_figure(
        data.figure(fm.matrix_figure, columns, tables.provinces, order, dendrogram, sources, tables=[*TABLES, "sources"], sort=sort, lang=lang,
                         font_scale=scale),
        f"scs-fragmentation-instrument-matrix-{sort}", key="matrix_figure",
        table=partial(inst.matrix_rows, columns, order, tables.provinces),
    )
    if not present:
        st.caption(
            "Columns: own regulation, demonstration areas by batch, known city credit-score systems, and every "
            "other province-level indicator in the catalogue (a new one appears here automatically). Similarity "
            "sorting clusters provinces on the column-scaled values plus one 'is missing' flag per column, so an "
            "unknown value is never treated as the column's lowest."
        )
        with st.expander("The matrix as a table"):
            st.dataframe(data.once(inst.matrix_display, columns, order, tables.provinces, lang, tables=TABLES, key=f"{sort}|{lang}"), hide_index=True,
                         width="stretch")

# ------------------------------------------------------------------ 3. diffusion
st.header("3 · Diffusion over time · 随时间的扩散")
show_figure(data.figure(ff.diffusion_figure, tables, year, sources, tables=[*TABLES, "sources"], font_scale=scale),
            f"scs-fragmentation-diffusion-{start}-{end}", key="diffusion_figure",
            table=lambda: diffusion.diffusion_rows(tables))
if frag.has_indicator(tables, frag.REGULATION_YEAR):
    show_figure(data.figure(ff.adoption_map, tables, year, sources, tables=[*TABLES, "sources"], lang=lang, font_scale=scale),
                f"scs-fragmentation-regulation-map-{year}", key="adoption_map",
                table=lambda: diffusion.adoption_map_rows(tables, year))
else:
    st.info("The provincial regulation years are not available yet.")
summary = diffusion.adoption_summary(tables)
if summary is not None:
    st.markdown(f"**Spread of adoption years.** {diffusion.adoption_sentence(summary)}")
undated = diffusion.undated_scores(tables, lang)
if not present and len(undated):
    st.caption("City credit-score systems without a confirmed launch year (listed here, not in the curve):")
    st.dataframe(undated, hide_index=True, width="stretch")

# ------------------------------------------------------------------ 4. regions
st.header("4 · Regions · 地区")
show_figure(data.figure(ff.region_figure, tables, sources, tables=[*TABLES, "sources"], font_scale=scale), "scs-fragmentation-regions",
            key="region_figure", table=regions.region_table(tables))
if not present:
    region_rows = regions.region_table(tables)
    with st.expander("Every measure by region (with warnings)"):
        st.dataframe(data.once(regions.region_display, region_rows, tables=TABLES), hide_index=True, width="stretch")
        adoption = regions.region_adoption(tables)
        if len(adoption):
            st.dataframe(adoption, hide_index=True, width="stretch")
wealth = regions.wealth(tables, wealth_measure, lang)
if wealth is None:
    st.info("GDP, population or demonstration areas are not available yet, so the wealth comparison is left out.")
else:
    show_figure(data.figure(ff.wealth_figure, wealth, sources, tables=[*TABLES, "sources"], key=wealth_measure, lang=lang, font_scale=scale),
                f"scs-fragmentation-wealth-{wealth_measure}", key="wealth_figure",
                table=lambda: regions.wealth_rows(wealth))
    if not present:
        st.markdown(
            "**What this can and cannot show.** The seed paper suggests that wealthier regions produced more "
            "of the system. These data can test one narrow version of that claim: whether provinces with a "
            "higher GDP per capita hold more of the demonstration areas named by the NDRC and the PBC. They "
            "cannot show how much local rule-making each province produced, because counts of SCS documents per "
            "province are not established; the area counts are lower bounds (incomplete batches); areas differ "
            "in level and size; and one year of GDP across provinces cannot separate wealth from population, "
            "coastal location or administrative capacity. A correlation here is an association, not a cause."
        )

# ------------------------------------------------------------------ 5. findings
st.header("5 · Findings · 主要发现")
found = fnd.findings(tables)
if not found:
    st.info("Not enough data yet to state findings.")
for finding in found:
    st.markdown(f"- {finding.text} <small>{fnd.cited(finding)}</small>", unsafe_allow_html=True)
if not present:
    st.caption("These sentences are generated from the processed data and change when it changes. "
               "Full citations for every source id are on the Sources & data page.")
