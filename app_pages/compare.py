"""Compare: two indicators side by side, province profiles, rankings, scatter plots, batches."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.domain.batches import batch_coverage
from dashboard.domain.compare import (
    batch_rows,
    missing_sentence,
    profile_rows,
    profile_table,
    ranking,
    scatter_rows,
    shared_range,
)
from dashboard.domain.indicators import (
    indicator_view,
    per_choices,
    per_label,
    per_suffix,
    source_line,
    split_source_ids,
    view_rows,
    years_available,
)
from dashboard.figures.compare import (
    apply_colour_range,
    batch_small_multiples,
    compact_map_layout,
    profile_bars,
    ranking_figure,
    scatter_figure,
)
from dashboard.figures.maps import province_map
from dashboard.text import MODES, name_pair, title_of, wrap
from dashboard.ui import (
    font_scale,
    settings,
    show_figure,
    url_multiselect,
    url_toggle,
    url_widget,
)

lang, present = settings()
catalogue, indicators, provinces, sources = data.basics()
normalisers = data.normalisers()
names = catalogue.province_level()
content = catalogue.province_level(include_normalisers=False) or names
scale = font_scale()
TABLES = ["catalogue", "indicators", "provinces", "sources"]  # what views and maps are built from


def label(name: str) -> str:
    return title_of(catalogue.get(name), lang)


def titles(name: str) -> list[str]:
    """Both titles of an indicator: a link made in either language is understood."""
    meta = catalogue.get(name)
    return [meta["title"], meta["title_zh"]]


def pick(preferred: str, options: list[str], other_than: str | None = None) -> str:
    """A preferred default that exists, else the first option not equal to ``other_than``."""
    if preferred in options:
        return preferred
    rest = [o for o in options if o != other_than]
    return rest[0] if rest else options[0]


def year_options(name: str) -> list[int]:
    meta = catalogue.get(name)
    if meta["value_type"] == "year":
        return []  # an adoption year is shown as the year itself, not as of a year
    return years_available(indicators, name)


def footer_for(view, meta: dict, extra: str = "", wrapped: bool = True) -> str:
    ids = split_source_ids(view.values["source"])
    confidences = sorted(set(view.values.loc[view.values["state"] != "missing", "confidence"]) - {""})
    text = f"{source_line(ids, sources, lang=lang)}<br>Confidence: {', '.join(confidences) or '—'}. {view.coverage}"
    if meta["coverage_note"]:
        text += f" {meta['coverage_note']}"
    text += f" {extra}" if extra else ""
    return wrap(text, 150) if wrapped else text.replace("<br>", " ")


st.title("Compare · 比较" if lang == "en" else "比较 · Compare")
with st.sidebar:
    st.header("Compare")
    mode = url_widget(st.radio, "Mode", list(MODES), key="mode", default="two", format_func=MODES.get)

in_scope = provinces[provinces["in_scope"].astype(bool)]
codes = in_scope["adcode"].tolist()
labels = {r.adcode: name_pair(r.name_zh, r.name_en, lang) for r in in_scope.itertuples()}

# ---------------------------------------------------------------- two indicators side by side
if mode == "two":
    with st.sidebar:
        a = url_widget(st.selectbox, "Left map", names, key="left", format_func=label, aliases=titles,
                       default=pick("demonstration_areas_per_province", names))
        b = url_widget(st.selectbox, "Right map", names, key="right", format_func=label, aliases=titles,
                       default=pick("city_score_systems_per_province", names, other_than=a))
        years_a, years_b = year_options(a), year_options(b)
        as_of_a = as_of_b = None
        if years_a:
            as_of_a = url_widget(st.select_slider, "Left map: as of end of", years_a, key="left_year",
                                 default=years_a[-1])
        if years_b:
            as_of_b = url_widget(st.select_slider, "Right map: as of end of", years_b, key="right_year",
                                 default=years_b[-1])
    meta_a, meta_b = catalogue.get(a), catalogue.get(b)
    view_a = data.cached(indicator_view, indicators, meta_a, tables=TABLES, key=a, as_of=as_of_a)
    view_b = data.cached(indicator_view, indicators, meta_b, tables=TABLES, key=b, as_of=as_of_b)
    common_range = shared_range(view_a, view_b)
    with st.sidebar:
        shared = url_toggle("Shared colour scale", key="shared", disabled=common_range is None,
                           help="Only possible when both maps have the same unit.")
        if common_range is None:
            st.caption(f"Units differ ({view_a.unit} vs {view_b.unit}), so each map keeps its own colour scale.")
    use_shared = bool(shared and common_range is not None)
    columns = st.columns(2)
    for column, view, meta, name, side in ((columns[0], view_a, meta_a, a, "left"), (columns[1], view_b, meta_b, b, "right")):
        title = label(name) + (f", as of {view.year}" if view.year is not None else "")
        scale_note = "Colour scale shared with the other map." if use_shared else "Own colour scale."
        figure = data.figure(
            province_map, view.values, provinces, tables=TABLES, key=f"{name}|{view.year}", title=wrap(title, 42),
            subtitle=wrap(f"Unit: {view.unit}. {view.coverage} {scale_note}", 70),
            footer=wrap(footer_for(view, meta, wrapped=False), 80),
            value_type=view.value_type, unit=view.unit, lang=lang, height=560, font_scale=scale,
            then=((compact_map_layout, scale), *([(apply_colour_range, *common_range)] if use_shared else [])),
        )
        with column:
            show_figure(figure, f"scs-compare-{side}-{name}" + (f"-{view.year}" if view.year else ""), key=f"map_{side}",
                        table=lambda view=view, name=name: view_rows(view, provinces, indicator=name))
    if not present:
        if common_range is None:
            st.info(f"The two maps have different units ({view_a.unit}; {view_b.unit}), so their colours cannot be "
                    "compared with each other: each map has its own scale. Compare rankings within a map, or pick the "
                    "same indicator at two dates to share a scale.")
        st.caption(f"Left: {view_a.coverage} Right: {view_b.coverage}")

# ---------------------------------------------------------------- province profiles
elif mode == "provinces":
    with st.sidebar:
        chosen = url_multiselect("Provinces (two or more)", codes, key="provinces", default=["320000", "330000", "520000"],
                                 format_func=labels.get, max_selections=6)
    if len(chosen) < 2:
        st.info("Pick at least two provinces in the sidebar to compare them.")
        st.stop()
    ids = split_source_ids(indicators.loc[indicators["indicator"].isin(names) & indicators["adcode"].isin(chosen)
                                          & indicators["is_latest"].astype(bool), "source_id"])
    ordered = content + [n for n in names if n not in content]  # normalisers last
    figure = profile_bars(
        indicators, catalogue.frame, ordered, chosen, provinces,
        title="Province profiles: " + ", ".join(labels[c] for c in chosen),
        footer=wrap("Latest value of each indicator.<br>" + source_line(ids, sources, lang=lang), 170),
        lang=lang, font_scale=scale,
    )
    show_figure(figure, "scs-compare-provinces-" + "-".join(chosen), key="profile_bars",
                table=lambda: profile_rows(indicators, ordered, chosen, provinces))
    if not present:
        st.subheader("Profile table")
        table = profile_table(indicators, catalogue.frame, ordered, chosen, provinces, lang)
        st.dataframe(table, hide_index=True, width="stretch")
        st.caption("'—' means no value, with the reason in brackets: missing is never zero. 'at least' marks counts "
                   "from incomplete lists. Source ids are cited in full on the Sources & data page.")

# ---------------------------------------------------------------- ranking
elif mode == "ranking":
    with st.sidebar:
        name = url_widget(st.selectbox, "Indicator", names, key="rank", format_func=label, aliases=titles,
                          default=pick("demonstration_areas_per_province", names))
        meta = catalogue.get(name)
        allowed = per_choices(meta, normalisers)
        per = url_widget(st.radio, "Show", allowed, key="rank_per", default="absolute", horizontal=True,
                       format_func=lambda p: per_label(p, normalisers, lang))
        years = year_options(name)
        as_of = None
        if years:
            as_of = url_widget(st.select_slider, "As of end of", years, key="rank_year", default=years[-1])
    view = data.cached(indicator_view, indicators, meta, tables=[*TABLES, "normalisers"], key=name, as_of=as_of,
                       normalise=None if per == "absolute" else per, normalisers=normalisers)
    title = f"Ranking: {label(name)}" + (f", as of {view.year}" if view.year is not None else "")
    title += per_suffix(per, normalisers, lang)
    order = "earliest first" if view.value_type == "year" else "largest first"
    figure = ranking_figure(
        view, provinces, title=wrap(title, 90),
        subtitle=wrap(f"Unit: {view.unit}; {order}; ties share a rank. {view.coverage}", 150),
        footer=footer_for(view, meta),
        lang=lang, font_scale=scale,
    )
    show_figure(figure, f"scs-ranking-{name}-{per}" + (f"-{view.year}" if view.year else ""), key="ranking",
                table=lambda: view_rows(view, provinces, indicator=name, per=per))
    if not present:
        missing = ranking(view).missing
        if not missing.empty:
            st.caption(missing_sentence(missing, provinces, lang) + " These provinces are listed, not drawn as zero.")
        if meta["value_type"] == "year":
            st.caption("Adoption years rank earliest first: rank 1 adopted first.")

# ---------------------------------------------------------------- scatter
elif mode == "scatter":
    with st.sidebar:
        y_name = url_widget(st.selectbox, "Vertical axis (y)", content, key="y", format_func=label, aliases=titles,
                            default=pick("demonstration_areas_per_province", content))
        x_name = url_widget(st.selectbox, "Horizontal axis (x)", names, key="x", format_func=label, aliases=titles,
                            default=pick("population_2020", names, other_than=y_name),
                              help="Another indicator, or a normaliser (population, GDP).")
        log_x = url_toggle("Log scale on x", key="log_x")
    meta_x, meta_y = catalogue.get(x_name), catalogue.get(y_name)
    view_x, view_y = (data.cached(indicator_view, indicators, m, tables=TABLES, key=k) for m, k in ((meta_x, x_name), (meta_y, y_name)))
    if x_name == y_name:
        st.info("Pick two different indicators: a quantity against itself always correlates perfectly.")
        st.stop()
    ids = list(dict.fromkeys(split_source_ids(view_y.values["source"]) + split_source_ids(view_x.values["source"])))
    title_y = label(y_name) + (f" ({view_y.year})" if view_y.year else "")
    title_x = label(x_name) + (f" ({view_x.year})" if view_x.year else "")
    figure, result = scatter_figure(
        view_x, view_y, provinces, x_title=label(x_name), y_title=label(y_name),
        title=wrap(f"{title_y} against {title_x}", 90),
        footer=wrap("Latest values; correlations over provinces with both values only.<br>"
                    + source_line(ids, sources, lang=lang), 150),
        lang=lang, font_scale=scale, log_x=log_x,
    )
    show_figure(figure, f"scs-scatter-{y_name}-vs-{x_name}", key="scatter",
                table=lambda: scatter_rows(view_x, view_y, provinces, x_name=x_name, y_name=y_name))
    if not present:
        if result.warning:
            st.warning(result.warning)
        st.caption("Pearson r measures a straight-line association, Spearman ρ a monotonic one; neither says anything "
                   "about cause. Counts with 'at least' are lower bounds, so r may shift as lists are completed.")

# ---------------------------------------------------------------- demonstration batches
else:
    areas = data.optional("demonstration_areas")
    if areas is None:
        st.info(f"The demonstration areas table has not been built yet. Run `{data.REBUILD_COMMAND}`.")
        st.stop()
    coverage = batch_coverage(areas, data.optional("demonstration_batches"))
    if not coverage.full:
        st.info("No batch has a complete member list, so there is nothing to map by batch.")
        st.stop()
    ids = split_source_ids(areas.loc[areas["batch"].isin(coverage.full), "source_id"])
    figure = batch_small_multiples(
        areas, provinces, coverage,
        title="Social credit demonstration areas by batch, per province",
        footer=wrap("Counted per province from the demonstration_areas table (one row per area and batch).<br>"
                    + source_line(ids, sources, lang=lang), 160),
        lang=lang, font_scale=scale,
    )
    show_figure(figure, "scs-demonstration-areas-by-batch", key="batches_map",
                table=lambda: batch_rows(areas, provinces, coverage.full))
    if not present:
        st.caption(coverage.sentence)
        partial = [p for p in coverage.partial]
        if partial:
            st.caption("Not mapped: " + "; ".join(
                f"batch {p['batch']} ({p['known']} of {p['areas'] if p['areas'] is not None else '?'} members known)"
                for p in partial) + ", because a province without a known member may still have one.")
