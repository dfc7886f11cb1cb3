"""Compare: two indicators side by side, province profiles, rankings, scatter plots, batches."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.domain.batches import batch_coverage
from dashboard.domain.compare import (
    batch_rows,
    coverage_text,
    localised_values,
    missing_sentence,
    profile_rows,
    profile_table,
    ranking,
    scatter_rows,
    shared_range,
    small_n_warning,
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
    text_lines,
)
from dashboard.figures.maps import province_map
from dashboard.figures.pair import pair_figure
from dashboard.text import (
    COMPARE_WORDS,
    LANGUAGE_CODES,
    data_term,
    name_pair,
    sentences,
    title_of,
    words,
    wrap,
)
from dashboard.ui import (
    export_menu,
    font_scale,
    settings,
    show_figure,
    url_multiselect,
    url_toggle,
    url_widget,
)

MODES = ["two", "provinces", "ranking", "scatter", "batches"]
lang, present = settings()
w = words(COMPARE_WORDS, lang)
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


def both_languages(key: str):
    """Aliases for a choice: its label in every language, so a labelled link works in either."""
    return lambda option: [COMPARE_WORDS[code][key.format(option)] for code in LANGUAGE_CODES]


def sources_of(ids: list[str]) -> str:
    return source_line(ids, sources, lang=lang)


def coverage_of(view, meta: dict) -> str:
    return coverage_text(view, meta.get("missing_reason") or "", lang)


def unit_of(view) -> str:
    return data_term(view.unit, lang)


def footer_for(view, meta: dict, wrapped: bool = True) -> str:
    ids = split_source_ids(view.values["source"])
    confidences = sorted(set(view.values.loc[view.values["state"] != "missing", "confidence"]) - {""})
    labels = ", ".join(data_term(c, lang) for c in confidences) or "—"
    # The subtitle gives the view's coverage; the footer adds only the dataset's note on it.
    note = data_term(meta["coverage_note"], lang) if meta["coverage_note"] else ""
    text = f"{sources_of(ids)}<br>" + sentences(w["confidence_line"].format(labels=labels), note, lang=lang)
    return wrap(text, 150) if wrapped else text.replace("<br>", " ")


def as_of_text(view) -> str:
    return w["as_of"].format(year=view.year) if view.year is not None else ""


st.title(w["title"])
with st.sidebar:
    st.header(w["sidebar_header"])
    mode = url_widget(st.radio, w["mode"], MODES, key="mode", default="two", format_func=lambda m: w[f"mode_{m}"],
                      aliases=both_languages("mode_{}"))

in_scope = provinces[provinces["in_scope"].astype(bool)]
codes = in_scope["adcode"].tolist()
labels = {r.adcode: name_pair(r.name_zh, r.name_en, lang) for r in in_scope.itertuples()}

# ---------------------------------------------------------------- two indicators side by side
if mode == "two":
    with st.sidebar:
        a = url_widget(st.selectbox, w["left_map"], names, key="left", format_func=label, aliases=titles,
                       default=pick("demonstration_areas_per_province", names))
        b = url_widget(st.selectbox, w["right_map"], names, key="right", format_func=label, aliases=titles,
                       default=pick("city_score_systems_per_province", names, other_than=a))
        years_a, years_b = year_options(a), year_options(b)
        as_of_a = as_of_b = None
        if years_a:
            as_of_a = url_widget(st.select_slider, w["left_year"], years_a, key="left_year", default=years_a[-1])
        if years_b:
            as_of_b = url_widget(st.select_slider, w["right_year"], years_b, key="right_year", default=years_b[-1])
    meta_a, meta_b = catalogue.get(a), catalogue.get(b)
    view_a = data.cached(indicator_view, indicators, meta_a, tables=TABLES, key=a, as_of=as_of_a)
    view_b = data.cached(indicator_view, indicators, meta_b, tables=TABLES, key=b, as_of=as_of_b)
    common_range = shared_range(view_a, view_b)
    with st.sidebar:
        shared = url_toggle(w["shared"], key="shared", disabled=common_range is None, help=w["shared_help"])
        if common_range is None:
            st.caption(w["units_differ"].format(a=unit_of(view_a), b=unit_of(view_b)))
    use_shared = bool(shared and common_range is not None)
    scale_note = w["scale_shared"] if use_shared else w["scale_own"]
    sides = [(view_a, meta_a, a, "left"), (view_b, meta_b, b, "right")]
    texts = [(wrap(label(name) + as_of_text(view), 42),
              wrap(w["unit_line"].format(unit=unit_of(view), coverage=coverage_of(view, meta), scale=scale_note), 70))
             for view, meta, name, _ in sides]
    # Room for the longer of the two titles in both figures: the maps start at one height.
    lines = (max(text_lines(t) for t, _ in texts), max(text_lines(s) for _, s in texts))
    pair = []
    for column, (view, meta, name, side), (title, subtitle) in zip(st.columns(2), sides, texts, strict=True):
        figure = data.figure(
            province_map, localised_values(view.values, lang), provinces, tables=TABLES, key=f"{name}|{view.year}",
            title=title, subtitle=subtitle, footer=wrap(footer_for(view, meta, wrapped=False), 80),
            value_type=view.value_type, unit=unit_of(view), lang=lang, height=560, font_scale=scale,
            then=((compact_map_layout, scale, lines), *([(apply_colour_range, *common_range)] if use_shared else [])),
        )
        with column:
            show_figure(figure, f"scs-compare-{side}-{name}" + (f"-{view.year}" if view.year else ""), key=f"map_{side}",
                        table=lambda view=view, name=name: view_rows(view, provinces, indicator=name))
        pair.append(figure)
    export_menu(partial(pair_figure, *pair), f"scs-compare-{a}-{b}", key="pair", label=w["export_pair"],
                table=lambda: pd.concat([view_rows(view_a, provinces, indicator=a),
                                         view_rows(view_b, provinces, indicator=b)], ignore_index=True))
    if not present:
        if common_range is None:
            st.info(w["units_differ_info"].format(a=unit_of(view_a), b=unit_of(view_b)))
        st.caption(w["coverage_pair"].format(a=coverage_of(view_a, meta_a), b=coverage_of(view_b, meta_b)))

# ---------------------------------------------------------------- province profiles
elif mode == "provinces":
    with st.sidebar:
        chosen = url_multiselect(w["provinces"], codes, key="provinces", default=["320000", "330000", "520000"],
                                 format_func=labels.get, max_selections=6)
    if len(chosen) < 2:
        st.info(w["pick_two"])
        st.stop()
    ids = split_source_ids(indicators.loc[indicators["indicator"].isin(names) & indicators["adcode"].isin(chosen)
                                          & indicators["is_latest"].astype(bool), "source_id"])
    ordered = content + [n for n in names if n not in content]  # normalisers last
    figure = profile_bars(
        indicators, catalogue.frame, ordered, chosen, provinces,
        title=w["profile_title"].format(names=", ".join(labels[c] for c in chosen)),
        footer=wrap(f"{w['profile_footer']}<br>{sources_of(ids)}", 170),
        lang=lang, font_scale=scale,
    )
    show_figure(figure, "scs-compare-provinces-" + "-".join(chosen), key="profile_bars",
                table=lambda: profile_rows(indicators, ordered, chosen, provinces))
    if not present:
        st.subheader(w["profile_heading"])
        table = profile_table(indicators, catalogue.frame, ordered, chosen, provinces, lang)
        st.dataframe(table, hide_index=True, width="stretch")
        st.caption(w["profile_caption"])

# ---------------------------------------------------------------- ranking
elif mode == "ranking":
    with st.sidebar:
        name = url_widget(st.selectbox, w["indicator"], names, key="rank", format_func=label, aliases=titles,
                          default=pick("demonstration_areas_per_province", names))
        meta = catalogue.get(name)
        allowed = per_choices(meta, normalisers)
        per = url_widget(st.radio, w["show"], allowed, key="rank_per", default="absolute", horizontal=True,
                         format_func=lambda p: per_label(p, normalisers, lang),
                         aliases=lambda p: [per_label(p, normalisers, code) for code in LANGUAGE_CODES])
        years = year_options(name)
        as_of = None
        if years:
            as_of = url_widget(st.select_slider, w["rank_year"], years, key="rank_year", default=years[-1])
    view = data.cached(indicator_view, indicators, meta, tables=[*TABLES, "normalisers"], key=name, as_of=as_of,
                       normalise=None if per == "absolute" else per, normalisers=normalisers)
    title = w["ranking_title"].format(label=label(name)) + as_of_text(view) + per_suffix(per, normalisers, lang)
    order = w["order_year"] if view.value_type == "year" else w["order_value"]
    figure = ranking_figure(
        view, provinces, title=wrap(title, 90),
        subtitle=wrap(w["ranking_subtitle"].format(unit=unit_of(view), order=order, coverage=coverage_of(view, meta)),
                      150),
        footer=footer_for(view, meta),
        lang=lang, font_scale=scale,
    )
    show_figure(figure, f"scs-ranking-{name}-{per}" + (f"-{view.year}" if view.year else ""), key="ranking",
                table=lambda: view_rows(view, provinces, indicator=name, per=per))
    if not present:
        missing = ranking(view).missing
        if not missing.empty:
            st.caption(f"{missing_sentence(missing, provinces, lang)} {w['listed_not_zero']}")
        if meta["value_type"] == "year":
            st.caption(w["years_rank"])

# ---------------------------------------------------------------- scatter
elif mode == "scatter":
    with st.sidebar:
        y_name = url_widget(st.selectbox, w["y_axis"], content, key="y", format_func=label, aliases=titles,
                            default=pick("demonstration_areas_per_province", content))
        x_name = url_widget(st.selectbox, w["x_axis"], names, key="x", format_func=label, aliases=titles,
                            default=pick("population_2020", names, other_than=y_name), help=w["x_help"])
        log_x = url_toggle(w["log_x"], key="log_x")
    meta_x, meta_y = catalogue.get(x_name), catalogue.get(y_name)
    view_x, view_y = (data.cached(indicator_view, indicators, m, tables=TABLES, key=k) for m, k in ((meta_x, x_name), (meta_y, y_name)))
    if x_name == y_name:
        st.info(w["same_indicator"])
        st.stop()
    ids = list(dict.fromkeys(split_source_ids(view_y.values["source"]) + split_source_ids(view_x.values["source"])))
    title_y = label(y_name) + (w["year_in_brackets"].format(year=view_y.year) if view_y.year else "")
    title_x = label(x_name) + (w["year_in_brackets"].format(year=view_x.year) if view_x.year else "")
    figure, result = scatter_figure(
        view_x, view_y, provinces, x_title=label(x_name), y_title=label(y_name),
        title=wrap(w["scatter_title"].format(y=title_y, x=title_x), 90),
        footer=wrap(f"{w['scatter_footer']}<br>{sources_of(ids)}", 150),
        lang=lang, font_scale=scale, log_x=log_x,
    )
    show_figure(figure, f"scs-scatter-{y_name}-vs-{x_name}", key="scatter",
                table=lambda: scatter_rows(view_x, view_y, provinces, x_name=x_name, y_name=y_name))
    if not present:
        if not result.reliable:
            st.warning(small_n_warning(result, lang))
        st.caption(w["scatter_caption"])

# ---------------------------------------------------------------- demonstration batches
else:
    areas = data.optional("demonstration_areas")
    if areas is None:
        st.info(w["areas_missing"].format(command=data.REBUILD_COMMAND))
        st.stop()
    coverage = batch_coverage(areas, data.optional("demonstration_batches"), lang)
    if not coverage.full:
        st.info(w["no_full_batch"])
        st.stop()
    ids = split_source_ids(areas.loc[areas["batch"].isin(coverage.full), "source_id"])
    figure = batch_small_multiples(
        areas, provinces, coverage, title=w["batches_title"],
        footer=wrap(f"{w['batches_footer']}<br>{sources_of(ids)}", 160),
        lang=lang, font_scale=scale,
    )
    show_figure(figure, "scs-demonstration-areas-by-batch", key="batches_map",
                table=lambda: batch_rows(areas, provinces, coverage.full))
    if not present:
        st.caption(coverage.sentence)
        if coverage.partial:
            parts = [w["not_mapped_part"].format(batch=p["batch"], known=p["known"],
                                                 areas=p["areas"] if p["areas"] is not None else "?")
                     for p in coverage.partial]
            st.caption(w["not_mapped"].format(parts="; ".join(parts)))
