"""Map explorer: one province-level indicator on the map (or, when sparse, as a ranking)."""

from __future__ import annotations

import math

import streamlit as st

from dashboard import data
from dashboard.domain.bins import manual_bins, quantile_bins
from dashboard.domain.compare import coverage_text
from dashboard.domain.indicators import (
    indicator_view,
    per_choices,
    per_label,
    per_suffix,
    province_profile,
    source_line,
    split_source_ids,
    view_rows,
    years_available,
)
from dashboard.domain.maps import (
    is_sparse,
    map_units,
    ranking,
    series_range,
    value_years,
    year_phrase,
)
from dashboard.figures.maps import province_map
from dashboard.figures.ranking import ranking_figure
from dashboard.text import data_term, meta_text, title_of
from dashboard.text.explorer import EXPLORER_WORDS, MAP_WORDS, PROFILE_COLUMNS
from dashboard.ui import font_scale, settings, show_figure, url_text, url_toggle, url_widget

PLAY_SECONDS = 1.0

lang, present = settings()
words = EXPLORER_WORDS[lang]
catalogue, indicators, provinces, sources = data.basics()
normalisers = data.normalisers()
names = catalogue.province_level()
TABLES = ["catalogue", "indicators", "provinces", "sources"]  # what the view and the map are built from


def play_step(years: list[str]) -> None:
    """While "Play" is on, move the year one step a second, then stop at the latest.

    A fragment that reruns on a timer asks for a full rerun at each tick, so the slider, the
    URL (``?year=``) and the figure move together and the server thread never sleeps. The
    next year is handed over in session state and applied before the slider is drawn.
    """
    @st.fragment(run_every=PLAY_SECONDS)
    def tick() -> None:
        if not st.session_state.pop("_play_armed", False):
            st.session_state["_play_armed"] = True  # the first run draws; later runs step
            return
        current = st.session_state.get("year", years[-1])
        position = years.index(current) if current in years else len(years) - 1
        following = years[0] if position == len(years) - 1 else years[position + 1]
        st.session_state["_play_next"] = following
        if following == years[-1]:
            st.session_state["_play_stop"] = True  # "latest" reached: the last frame stays
        st.rerun(scope="app")

    tick()


for pending, key in (("_play_next", "year"), ("_play_stop", "play")):
    if pending in st.session_state:
        value = st.session_state.pop(pending)
        st.session_state[key] = False if key == "play" else value

default = "demonstration_areas_per_province" if "demonstration_areas_per_province" in names else names[0]
with st.sidebar:
    st.header(words["header"])
    name = url_widget(st.selectbox, words["indicator"], names, key="indicator", default=default,
                      format_func=lambda n: title_of(catalogue.get(n), lang),
                      aliases=lambda n: [catalogue.get(n)["title"], catalogue.get(n)["title_zh"]])
    meta = catalogue.get(name)
    allowed = per_choices(meta, normalisers)
    per = url_widget(st.radio, words["show"], allowed, key="per", default="absolute", horizontal=True,
                     format_func=lambda p: per_label(p, normalisers, lang), help=words["per_help"])
    binning = url_widget(st.radio, words["colours"], ["continuous", "quantiles", "manual"], key="bins",
                         default="continuous", horizontal=True, format_func=words.get)
    breaks_text = url_text(words["breaks"], key="breaks", placeholder=words["breaks_placeholder"]) \
        if binning == "manual" else ""
    years = years_available(indicators, name)
    if meta["value_type"] == "year":
        known = indicators.loc[indicators["indicator"] == name, "value"].dropna().astype(int)
        years = list(range(int(known.min()), int(known.max()) + 1)) if len(known) else []
    as_of = None
    if years:
        # "latest" also counts entries whose year no source establishes.
        steps = [*map(str, years), "latest"]
        choice = url_widget(st.select_slider, words["year"], steps, key="year", default="latest",
                            format_func=lambda y: words["latest"] if y == "latest" else y)
        as_of = None if choice == "latest" else int(choice)
        if url_toggle(words["play"], key="play", help=words["play_help"]):
            play_step(steps)
    view = data.cached(indicator_view, indicators, meta, tables=[*TABLES, "normalisers"], key=name, as_of=as_of,
                       normalise=None if per == "absolute" else per, normalisers=normalisers)
    sparse = is_sparse(view.n_values)
    if st.session_state.get("_view_for") not in (None, name):
        st.session_state["view"] = "ranking" if sparse else "map"  # a new indicator opens in its own default
    st.session_state["_view_for"] = name
    shown_as = url_widget(st.radio, words["view"], ["map", "ranking"], key="view",
                          default="ranking" if sparse else "map", horizontal=True,
                          format_func=lambda v: words[f"view_{v}"])

bins = None
if binning == "quantiles":
    bins = quantile_bins(view.values.loc[view.values["state"] == "value", "value"])
elif binning == "manual":
    try:
        breaks = sorted({float(b) for b in breaks_text.replace("，", ",").split(",") if b.strip()})
        if not all(math.isfinite(b) for b in breaks):
            raise ValueError(breaks_text)
    except ValueError:
        breaks = []
        st.sidebar.warning(words["breaks_warning"])
    if breaks:
        bins = manual_bins(view.values.loc[view.values["state"] == "value", "value"], breaks)

dated = value_years(indicators, name, view.year)
if meta["value_type"] == "year" and dated is not None and view.year is None:
    dated = (dated[1], dated[1])  # adoption years: the latest adoption dates the whole map
title = title_of(meta, lang) + year_phrase(dated, lang) + (per_suffix(per, normalisers, lang) if per != "absolute" else "")
unit = data_term(view.unit, lang)
view_coverage = coverage_text(view, meta["missing_reason"], lang)
coverage = view_coverage + (f" {data_term(meta['coverage_note'], lang)}" if meta["coverage_note"] else "")
source_ids = split_source_ids(view.values["source"])
confidences = [data_term(c, lang) for c in sorted(set(view.values.loc[view.values["state"] != "missing", "confidence"]) - {""})]
footer = (f"{source_line(source_ids, sources, lang=lang)}<br>"
          f"{words['confidence'].format(levels=', '.join(confidences) or '—')} {coverage}")
absent_label = (meta.get("absent_label_zh" if lang == "zh" else "absent_label") or meta.get("absent_label")
                or words["absent"]) if meta["value_type"] == "year" and view.year else None
absent_label = absent_label.format(year=view.year) if absent_label else None
missing_reason = data_term(meta["missing_reason"], lang) or MAP_WORDS[lang]["no_data"]
subtitle = words["unit"].format(unit=unit) + f" {view_coverage}"
if meta["value_type"] == "year":
    subtitle += f" {words['adoption_subtitle']}"

event = None
if shown_as == "ranking":
    shown, unreported = ranking(map_units(view.values, provinces, lang))
    if sparse:
        st.info(words["sparse_note"].format(n=view.n_values, total=len(view.values)))
    figure = ranking_figure(shown, unreported, title=title, subtitle=subtitle, footer=footer, unit=unit,
                            value_type=view.value_type, lang=lang, font_scale=font_scale())
    show_figure(figure, f"scs-ranking-{name}-{per}", key="ranking",
                table=view_rows(view, provinces, indicator=name, per=per))
else:
    figure = data.figure(
        province_map, view.values, provinces, tables=TABLES,
        key=f"{name}|{per}|{as_of}|{binning}|{breaks_text}|{lang}|{font_scale()}", title=title, subtitle=subtitle, footer=footer, value_type=view.value_type,
        unit=unit, binning="binned" if bins is not None else "continuous", bins=bins,
        absent_label=absent_label, missing_label=missing_reason[:1].upper() + missing_reason[1:], lang=lang,
        font_scale=font_scale(), z_range=series_range(indicators, name) if years and per == "absolute" else None,
    )
    event = show_figure(figure, f"scs-map-{name}-{per}", key="map", on_select="rerun",
                        table=lambda: view_rows(view, provinces, indicator=name, per=per))
st.caption(coverage)

if not present:
    st.markdown(f"**{meta['title']}** {('· ' + meta['title_zh']) if meta['title_zh'] else ''}")
    st.write(words["description"].format(text=meta_text(meta, "description", lang)))
    st.caption(words["origin"].format(origin=meta_text(meta, "origin", lang), ids=", ".join(source_ids)))

    # Clicking a province on the map (or choosing one here) opens its profile.
    in_scope = provinces[provinces["in_scope"].astype(bool)]
    codes = in_scope["adcode"].tolist()
    labels = dict(zip(in_scope["adcode"], in_scope["name_en"] + " " + in_scope["name_zh"], strict=True))
    clicked = [p.get("location") for p in (event.selection.points if event else []) if p.get("location") in codes]
    if clicked:
        st.session_state["province"] = clicked[0]
    chosen = url_widget(st.selectbox, words["profile"], [None, *codes], key="province", default=None,
                        format_func=lambda c: words["profile_prompt"] if c is None else labels[c])
    if chosen:
        st.subheader(words["profile_heading"].format(name=labels[chosen]))
        profile = province_profile(indicators, chosen, catalogue.frame, lang)
        st.dataframe(profile.rename(columns=PROFILE_COLUMNS[lang]), hide_index=True, width="stretch")
        st.caption(words["profile_caption"])
