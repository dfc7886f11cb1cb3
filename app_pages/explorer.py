"""Map explorer: one province-level indicator on the map, with its province profiles."""

from __future__ import annotations

import math

import streamlit as st

from dashboard import data
from dashboard.domain.bins import manual_bins, quantile_bins
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
from dashboard.figures.maps import province_map
from dashboard.text import wrap
from dashboard.ui import (
    font_scale,
    settings,
    show_figure,
    url_text,
    url_widget,
)

lang, present = settings()
catalogue, indicators, provinces, sources = data.basics()
normalisers = data.normalisers()
names = catalogue.province_level()
TABLES = ["catalogue", "indicators", "provinces", "sources"]  # what the view and the map are built from




def title_of(name: str) -> str:
    meta = catalogue.get(name)
    return meta["title_zh"] or meta["title"] if lang == "zh" else meta["title"]


default = "demonstration_areas_per_province" if "demonstration_areas_per_province" in names else names[0]
with st.sidebar:
    st.header("Map")
    name = url_widget(st.selectbox, "Indicator", names, key="indicator", default=default, format_func=title_of,
                      aliases=lambda n: [catalogue.get(n)["title"], catalogue.get(n)["title_zh"]])
    meta = catalogue.get(name)
    allowed = per_choices(meta, normalisers)
    per = url_widget(st.radio, "Show", allowed, key="per", default="absolute", horizontal=True,
                     format_func=lambda p: per_label(p, normalisers, lang),
                   help="Per capita and per GDP appear only where they make sense: a count of list types is never per capita.")
    binning = url_widget(st.radio, "Colours", ["continuous", "quantiles", "manual"], key="bins",
                         default="continuous", horizontal=True, format_func=str.capitalize)
    breaks_text = ""
    if binning == "manual":
        breaks_text = url_text("Breaks (comma-separated)", key="breaks", placeholder="e.g. 2, 5, 10")
    years = years_available(indicators, name)
    if meta["value_type"] == "year":
        known = indicators.loc[indicators["indicator"] == name, "value"].dropna().astype(int)
        years = list(range(int(known.min()), int(known.max()) + 1)) if len(known) else []
    as_of = None
    if years:
        # "latest" also counts entries whose year no source establishes.
        choice = url_widget(st.select_slider, "As of end of", [*map(str, years), "latest"], key="year",
                            default="latest")
        as_of = None if choice == "latest" else int(choice)

view = data.cached(indicator_view, indicators, meta, tables=[*TABLES, "normalisers"], key=name, as_of=as_of,
                   normalise=None if per == "absolute" else per, normalisers=normalisers)

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
        st.sidebar.warning("Breaks must be numbers separated by commas; showing continuous colours.")
    if breaks:
        bins = manual_bins(view.values.loc[view.values["state"] == "value", "value"], breaks)

title = title_of(name)
if view.year is not None:
    title += f", as of {view.year}"
if per != "absolute":
    title += per_suffix(per, normalisers, lang)
coverage = view.coverage + (f" {meta['coverage_note']}" if meta["coverage_note"] else "")
source_ids = split_source_ids(view.values["source"])
confidences = sorted(set(view.values.loc[view.values["state"] != "missing", "confidence"]) - {""})
footer = wrap(f"{source_line(source_ids, sources, lang=lang)}<br>Confidence: {', '.join(confidences) or '—'}. {coverage}", 150)
absent_label = (meta.get("absent_label_zh" if lang == "zh" else "absent_label") or meta.get("absent_label") or None) if view.year else None
absent_label = absent_label.format(year=view.year) if absent_label else None

figure = data.figure(
    province_map, view.values, provinces, tables=TABLES, key=f"{name}|{per}|{as_of}|{binning}|{breaks_text}",
    title=title,
    subtitle=f"Unit: {view.unit}. {view.coverage}",
    footer=footer,
    value_type=view.value_type,
    unit=view.unit,
    binning="binned" if bins is not None else "continuous",
    bins=bins,
    absent_label=absent_label,
    missing_label=(meta["missing_reason"] or "not reported by source").capitalize(),
    lang=lang,
    font_scale=font_scale(),
)
event = show_figure(figure, f"scs-map-{name}-{per}", key="map", on_select="rerun",
                    table=lambda: view_rows(view, provinces, indicator=name, per=per))
st.caption(coverage)

if not present:
    st.markdown(f"**{meta['title']}** {('· ' + meta['title_zh']) if meta['title_zh'] else ''}")
    st.write(meta["description"])
    st.caption(f"Where the numbers come from: {meta['origin']} Sources: {', '.join(source_ids)} "
               "(full citations on the Sources & data page).")

    # Clicking a province on the map (or choosing one here) opens its profile.
    in_scope = provinces[provinces["in_scope"].astype(bool)]
    codes = in_scope["adcode"].tolist()
    labels = dict(zip(in_scope["adcode"], in_scope["name_en"] + " " + in_scope["name_zh"], strict=True))
    clicked = [p.get("location") for p in (event.selection.points if event else []) if p.get("location") in codes]
    if clicked:
        st.session_state["province"] = clicked[0]
    chosen = url_widget(st.selectbox, "Province profile", [None, *codes], key="province", default=None,
                        format_func=lambda c: "Click a province on the map, or choose one" if c is None else labels[c])
    if chosen:
        st.subheader(f"{labels[chosen]}: every indicator")
        profile = province_profile(indicators, chosen, catalogue.frame)
        st.dataframe(profile, hide_index=True, width="stretch")
        st.caption("'—' means no value: the reason is given in brackets. Missing is never zero.")
