"""Sources & data: every dataset, its sources and downloads of exactly the processed files."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.data import PROCESSED, DataFileError
from dashboard.domain.catalogue import (
    all_sources,
    boundaries_note,
    confidence_counts,
    confidence_legend,
    coverage_text,
    csv_bytes,
    dataset_source_ids,
    facts,
    reference_meta,
    search_sources,
    source_markdown,
    source_usage,
    sources_table,
    topic_groups,
    topic_labels,
)
from dashboard.text import (
    LANGUAGE_CODES,
    REFERENCE,
    dataset_title,
    escape_markdown,
    meta_text,
    title_of,
    topic_label,
    words,
)
from dashboard.text.sources import CATALOGUE_WORDS, LABEL_RULES_WORDS, SOURCE_COLUMNS, SOURCE_WORDS
from dashboard.ui import settings, url_text, url_widget

lang, present = settings()
w = words(SOURCE_WORDS, lang)
headers = SOURCE_COLUMNS[lang]
catalogue = data.catalogue()
sources = data.load("sources")
indicators = data.load("indicators")
provinces = data.load("provinces")
outputs = data.manifest().get("outputs", {})
in_scope = set(provinces.loc[provinces["in_scope"].astype(bool), "adcode"].astype(str))
total = len(in_scope)  # from the province reference
topics = topic_labels(catalogue.frame)

# Every processed table that exists, by name; one that is listed but not built stays out.
frames: dict[str, pd.DataFrame] = {"indicators": indicators, "provinces": provinces, "sources": sources}
for name in catalogue.frame["name"]:
    frame = data.optional(name)  # listed in the registry but perhaps not built yet
    if frame is not None:
        frames[name] = frame
ALL = ["catalogue", *frames]  # catalogue, indicators, provinces, sources, then every other table built

try:
    boundary_meta = data.read_json(PROCESSED / "boundaries.json")
except DataFileError:
    boundary_meta = {}
metas: dict[str, dict] = {name: catalogue.get(name) for name in catalogue.frame["name"]}
for name in REFERENCE:
    extra = {}
    if name == "boundaries":
        extra = {"origin": w["boundaries_origin"],
                 "licence": boundary_meta.get("licence", ""),
                 "sources": ";".join(s for s in sources["source_id"]
                                     if s == str(boundary_meta.get("source", "")).replace("-", "_"))}
    metas[name] = reference_meta(name, extra, lang)
groups = topic_groups(catalogue.frame, reference=list(REFERENCE))
# The combined indicators table and the sources table itself would cite every id: left out.
usage = source_usage(catalogue.frame, {k: v for k, v in frames.items() if k not in ("indicators", "sources")})
for source_id in dataset_source_ids(metas["boundaries"]):
    usage.setdefault(source_id, []).append("boundaries")

st.title(w["title"])
if not present:
    st.caption(w["intro"])

options = [name for _, names in groups for name in names]
with st.sidebar:
    st.header(w["sidebar"])
    chosen = url_widget(st.selectbox, w["jump"], options, key="dataset", default=None, placeholder=w["all_datasets"],
                        help=w["jump_help"], format_func=lambda n: w["option"].format(title=title_of(metas[n], lang), name=n),
                        aliases=lambda n: [SOURCE_WORDS[code]["option"].format(title=title_of(metas[n], code), name=n)
                                           for code in LANGUAGE_CODES])


NOT_BUILT = words(CATALOGUE_WORDS, lang)["not_built"]


def parquet_path(name: str):
    entry = outputs.get(name)
    path = PROCESSED / (entry["file"] if entry else f"{name}.parquet")
    return path if path.exists() else None


def coverage_of(name: str) -> str:
    meta, frame = metas[name], frames.get(name)
    if frame is None and not (name == "boundaries" and parquet_path(name) is not None):
        return NOT_BUILT
    rows = outputs.get(name, {}).get("rows") if name == "boundaries" else None
    return data.cached(coverage_text, meta, tables=[name, *ALL[:4]], key=name, indicators=indicators, frame=frame, rows=rows, total=total, in_scope=in_scope, lang=lang)


def render_dataset(name: str, *, full: bool) -> None:
    """Title, description, facts, sources and downloads of one dataset."""
    meta = metas[name]
    frame = frames.get(name)
    coverage = coverage_of(name)
    built = coverage != NOT_BUILT
    if not present:
        st.markdown(w["description"].format(text=escape_markdown(meta_text(meta, "description", lang), keep_links=True)))
    if name == "boundaries" and boundary_meta:
        st.caption(boundaries_note(boundary_meta, lang))
    listed = facts(meta, coverage, lang)
    st.markdown("\n".join(f"- **{label}:** {value if i == 0 else escape_markdown(value, keep_links=True)}"
                           for i, (label, value) in enumerate(listed)))
    ids = data.once(dataset_source_ids, meta, frame if name != "sources" else None, tables=[name, *ALL[:4]], key=name)
    if ids:
        st.markdown(w["sources_heading"].format(n=len(ids)))
        rows = data.cached(sources_table, ids, sources, tables=["sources"], lang=lang).to_dict("records")
        st.markdown("\n".join(source_markdown(row, lang) for row in rows))
    elif name != "sources":
        st.caption(w["no_ids"])
    if not built:
        st.info(w["not_built"].format(name=name))
        return
    if not present:
        columns = st.columns([1, 1, 3])
        path = parquet_path(name)
        if name == "boundaries":
            columns[0].download_button(
                w["geoparquet"], data=lambda p=path: p.read_bytes(), file_name=path.name,
                mime="application/vnd.apache.parquet", key=f"geoparquet-{name}", on_click="ignore",
            )
        else:
            columns[0].download_button(
                w["csv"], data=lambda f=frame: csv_bytes(f), file_name=f"{name}.csv", mime="text/csv",
                key=f"csv-{name}", on_click="ignore",
            )
            if path is not None:
                columns[1].download_button(
                    w["parquet"], data=lambda p=path: p.read_bytes(), file_name=path.name,
                    mime="application/vnd.apache.parquet", key=f"parquet-{name}", on_click="ignore",
                )
        if full and frame is not None:
            st.markdown(w["data_heading"].format(n=f"{len(frame):,}"))
            st.dataframe(frame, hide_index=True, width="stretch", key=f"data-{name}")


if chosen:
    topic = next(t for t, names in groups if chosen in names)
    st.caption(topic_label(topic, lang, topics))
    st.header(dataset_title(metas[chosen], lang))
    render_dataset(chosen, full=True)
else:
    for topic, names in groups:
        st.subheader(topic_label(topic, lang, topics))
        for name in names:
            with st.expander(f"{dataset_title(metas[name], lang)} — `{name}` · {coverage_of(name)}"):
                render_dataset(name, full=False)

st.divider()
st.subheader(w["all_sources"])
if present:
    st.caption(w["hidden"].format(n=len(sources)))
else:
    query = url_text(w["search"], key="q", placeholder=w["search_placeholder"])
    table = search_sources(data.once(all_sources, sources, usage, lang, tables=ALL, key=lang), query)
    st.caption(w["count"].format(n=len(table), total=len(sources))
               + (w["match"].format(query=escape_markdown(query)) if query else w["used_by_note"]))
    st.dataframe(table.rename(columns=headers), hide_index=True, width="stretch", key="all-sources",
                 column_config={headers["url"]: st.column_config.LinkColumn(headers["url"]),
                                headers["citation"]: st.column_config.TextColumn(width="large")})
    st.download_button(w["download_all"], data=lambda: csv_bytes(sources), file_name="sources.csv",
                       mime="text/csv", key="csv-all-sources", on_click="ignore")

    st.subheader(w["labelled"])
    in_use = data.once(confidence_counts, {k: v for k, v in frames.items() if k not in ("indicators", "sources")},
                       tables=ALL)
    st.dataframe(data.once(confidence_legend, data.load("confidence"), in_use, lang, tables=[*ALL, "confidence"],
                           key=lang).rename(columns=headers),
                 hide_index=True, width="stretch", key="legend",
                 column_config={headers["rows"]: st.column_config.NumberColumn(format="%d")})
    st.markdown("\n".join(f"- {rule}" for rule in words(LABEL_RULES_WORDS, lang).values()))
