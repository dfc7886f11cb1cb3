"""Map explorer: one province-level indicator on the map (or, when sparse, as a ranking)."""

from __future__ import annotations

import math

import streamlit as st

from dashboard import data
from dashboard.domain.bins import Bins, manual_bins, quantile_bins
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
from dashboard.figures.animation import with_year_frames
from dashboard.figures.maps import province_map
from dashboard.figures.ranking import ranking_figure
from dashboard.text import data_term, meta_text, sentences, title_of
from dashboard.text.explorer import EXPLORER_WORDS, MAP_WORDS, PROFILE_COLUMNS
from dashboard.ui import font_scale, settings, show_figure, url_text, url_toggle, url_widget

lang, present = settings()
words = EXPLORER_WORDS[lang]
catalogue, indicators, provinces, sources = data.basics()
normalisers = data.normalisers()
names = catalogue.province_level()
TABLES = ["catalogue", "indicators", "provinces", "sources"]  # what the view and the map are built from


# The page's choices (name, meta, per, binning, breaks, years) are read when these are called.
def view_at(year: int | None):
    """The indicator as of ``year`` (``None``: latest), with the page's per-capita choice."""
    return data.cached(indicator_view, indicators, meta, tables=[*TABLES, "normalisers"], key=name, as_of=year,
                       normalise=None if per == "absolute" else per, normalisers=normalisers)


def bins_of(shown) -> Bins | None:
    """The colour classes the sidebar asks for, over the values of ``shown``."""
    values = shown.values.loc[shown.values["state"] == "value", "value"]
    if binning == "quantiles":
        return quantile_bins(values)
    return manual_bins(values, breaks) if binning == "manual" and breaks else None


def texts_of(shown) -> dict:
    """Title (its year always named), subtitle, footer and legend words of the view ``shown``."""
    dated = value_years(indicators, name, shown.year)
    if meta["value_type"] == "year" and dated is not None and shown.year is None:
        dated = (dated[1], dated[1])  # adoption years: the latest adoption dates the whole map
    title = title_of(meta, lang) + year_phrase(dated, lang) + (per_suffix(per, normalisers, lang) if per != "absolute" else "")
    unit = data_term(shown.unit, lang)
    view_coverage = coverage_text(shown, meta["missing_reason"], lang)
    note = data_term(meta["coverage_note"], lang) if meta["coverage_note"] else ""
    coverage = sentences(view_coverage, note, lang=lang)
    ids = split_source_ids(shown.values["source"])
    confidences = [data_term(c, lang) for c in sorted(set(shown.values.loc[shown.values["state"] != "missing", "confidence"]) - {""})]
    # The subtitle already gives the view's coverage; the footer adds only the dataset's note on it.
    footer = (f"{source_line(ids, sources, lang=lang)}<br>"
              + sentences(words["confidence"].format(levels=", ".join(confidences) or "—"), note, lang=lang))
    absent = (meta.get("absent_label_zh" if lang == "zh" else "absent_label") or meta.get("absent_label")
              or words["absent"]) if meta["value_type"] == "year" and shown.year else None
    reason = data_term(meta["missing_reason"], lang) or MAP_WORDS[lang]["no_data"]
    subtitle = sentences(words["unit"].format(unit=unit), view_coverage,
                         words["adoption_subtitle"] if meta["value_type"] == "year" else "", lang=lang)
    return {"title": title, "subtitle": subtitle, "footer": footer, "unit": unit, "coverage": coverage,
            "source_ids": ids, "absent_label": absent.format(year=shown.year) if absent else None,
            "missing_label": reason[:1].upper() + reason[1:]}


def map_at(year: int | None):
    """The map as of ``year`` (``None``: latest), titled with its year."""
    shown = view_at(year)
    text = texts_of(shown)
    bins = bins_of(shown)
    return province_map(
        shown.values, provinces, title=text["title"], subtitle=text["subtitle"], footer=text["footer"],
        value_type=shown.value_type, unit=text["unit"], binning="binned" if bins is not None else "continuous",
        bins=bins, absent_label=text["absent_label"], missing_label=text["missing_label"], lang=lang,
        font_scale=font_scale(), z_range=series_range(indicators, name) if years and per == "absolute" else None,
    )


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
    # Asked for, not always there: the frames of every year would triple what a control change sends.
    play = bool(years) and url_toggle(words["play"], key="play", help=words["play_help"])
    view = view_at(as_of)
    sparse = is_sparse(view.n_values)
    if st.session_state.get("_view_for") not in (None, name):
        st.session_state["view"] = "ranking" if sparse else "map"  # a new indicator opens in its own default
    st.session_state["_view_for"] = name
    shown_as = url_widget(st.radio, words["view"], ["map", "ranking"], key="view",
                          default="ranking" if sparse else "map", horizontal=True,
                          format_func=lambda v: words[f"view_{v}"])

breaks: list[float] = []
if binning == "manual":
    try:
        breaks = sorted({float(b) for b in breaks_text.replace("，", ",").split(",") if b.strip()})
        if not all(math.isfinite(b) for b in breaks):
            raise ValueError(breaks_text)
    except ValueError:
        breaks = []
        st.sidebar.warning(words["breaks_warning"])


text = texts_of(view)
event = None
if shown_as == "ranking":
    shown, unreported = ranking(map_units(view.values, provinces, lang))
    if sparse:
        st.info(words["sparse_note"].format(n=view.n_values, total=len(view.values)))
    figure = ranking_figure(shown, unreported, title=text["title"], subtitle=text["subtitle"], footer=text["footer"],
                            unit=text["unit"], value_type=view.value_type, lang=lang, font_scale=font_scale())
    show_figure(figure, f"scs-ranking-{name}-{per}", key="ranking",
                table=view_rows(view, provinces, indicator=name, per=per))
else:
    # Playing, Plotly frames step the years in the browser: no rerun per step, and the sidebar's
    # year (kept in the URL) stays the view a link opens.
    key = f"explorer|{name}|{per}|{as_of}|{binning}|{breaks}|{lang}|{font_scale()}"
    figure = data.once(with_year_frames, map_at, [int(y) for y in years], as_of, words["play_button"], words["pause"],
                       tables=[*TABLES, "normalisers"], key=key) if play else \
        data.once(map_at, as_of, tables=[*TABLES, "normalisers"], key=key)
    event = show_figure(figure, f"scs-map-{name}-{per}", key="map", on_select="rerun",
                        table=lambda: view_rows(view, provinces, indicator=name, per=per))
st.caption(text["coverage"])
source_ids = text["source_ids"]

if not present:
    # The indicator's name in the page language first, the other language after it.
    other = meta["title"] if lang == "zh" else meta["title_zh"]
    st.markdown(f"**{title_of(meta, lang)}**" + (f" · {other}" if other and other != title_of(meta, lang) else ""))
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
                        format_func=lambda c: words["profile_prompt"] if c is None else labels[c],
                        placeholder=words["profile_prompt"])
    if chosen:
        st.subheader(words["profile_heading"].format(name=labels[chosen]))
        profile = province_profile(indicators, chosen, catalogue.frame, lang)
        st.dataframe(profile.rename(columns=PROFILE_COLUMNS[lang]), hide_index=True, width="stretch")
        st.caption(words["profile_caption"])
