"""The Sources & data page's table of datasets: one row per dataset, its provenance in brief."""

from __future__ import annotations

import pandas as pd

from dashboard.domain.catalogue import split_ids
from dashboard.text import as_text, data_term, dataset_title, meta_text, topic_label

DATASET_COLUMNS = ["title", "dataset", "topic", "coverage", "sources", "confidence", "licence", "accessed", "origin"]


def confidence_labels(frame: pd.DataFrame | None, ids: list[str], sources: dict[str, dict]) -> list[str]:
    """The confidence labels a dataset carries: those of its rows, else those of its cited sources.

    Most frequent first. A dataset whose rows have no ``confidence`` column (a reference file,
    a derived indicator) takes the labels of the sources it cites; an unknown id adds none.
    """
    if frame is not None and "confidence" in frame:
        counts = frame["confidence"].dropna().astype(str).value_counts()
        return [str(label) for label in counts.index if label]
    labels = [as_text(sources.get(source_id, {}).get("confidence")) for source_id in ids]
    counts = pd.Series([label for label in labels if label], dtype=object).value_counts()
    return [str(label) for label in counts.index]


def dataset_rows(metas: list[dict], *, coverage: dict[str, str], source_ids: dict[str, list[str]],
                 confidence: dict[str, list[str]], topics: dict[str, tuple[str, str]] | None = None,
                 lang: str = "en") -> pd.DataFrame:
    """One row per dataset (in the order of ``metas``): title, id, topic, coverage, number of
    sources, confidence labels, licence, access dates and the first origin URL.

    Parameters
    ----------
    metas : list of dict
        Catalogue entries (``name``, ``title``, ``title_zh``, ``topic``, ``licence``,
        ``accessed``, ``origin_urls``), reference files included.
    coverage, source_ids, confidence : dict
        By dataset name: its coverage text, the source ids it cites, its confidence labels.
    topics : dict, optional
        Topic id -> (English, Chinese) label, as ``catalogue.topic_labels`` gives.
    lang : str
        ``"en"`` or ``"zh"``: titles, topics and confidence labels in that language.

    Returns
    -------
    pandas.DataFrame
        Columns ``DATASET_COLUMNS``; a missing text is empty, never ``nan``; a dataset with no
        origin URL has a missing ``origin`` (no link is drawn).
    """
    rows = []
    for meta in metas:
        name = str(meta["name"])
        origins = split_ids(meta.get("origin_urls"))
        rows.append({
            "title": dataset_title(meta, lang),
            "dataset": name,
            "topic": topic_label(str(meta.get("topic") or "other"), lang, topics),
            "coverage": coverage.get(name, ""),
            "sources": len(source_ids.get(name, [])),
            "confidence": ", ".join(data_term(label, lang) for label in confidence.get(name, [])),
            "licence": data_term(meta_text(meta, "licence", lang), lang),
            "accessed": ", ".join(split_ids(meta.get("accessed"))),
            "origin": origins[0] if origins else None,
        })
    return pd.DataFrame(rows, columns=DATASET_COLUMNS)
