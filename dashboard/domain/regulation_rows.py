"""The rows behind each figure of the Regulations page, for the CSV beside it. Pure functions.

Kept apart from :mod:`dashboard.domain.regulations`, which is at the project's module size
limit; every function here takes the same tables and page context as the figure it matches.
"""

from __future__ import annotations

import pandas as pd

from dashboard.domain.regulations import (
    Difference,
    PageContext,
    RegulationTables,
    diffusion,
    matrix_states,
)
from dashboard.text import data_term


def _cited(states: pd.DataFrame, tables: RegulationTables, context: PageContext) -> pd.DataFrame:
    """Names, labels and each cell's source id and confidence (the coded text it was read in)."""
    sources = tables.provisions.drop_duplicates(["jurisdiction", "item"]).set_index(["jurisdiction", "item"])
    keys = pd.MultiIndex.from_frame(states[["jurisdiction", "item"]])
    return states.assign(
        regulation=states["jurisdiction"].map(context.names),
        label=states["item"].map(context.labels),
        adopted=states["jurisdiction"].map(context.adopted),
        source_id=sources["source_id"].reindex(keys).fillna("").to_numpy(),
        confidence=sources["confidence"].reindex(keys).fillna("").to_numpy(),
    )[["jurisdiction", "regulation", "adopted", "item", "label", "state", "articles", "value", "note",
       "source_id", "confidence"]]


def matrix_rows(tables: RegulationTables, context: PageContext, family: str, with_cities: bool) -> pd.DataFrame:
    """Every cell of the matrix (jurisdiction × item of ``family``), in the order drawn."""
    states = matrix_states(tables.provisions, tables.items, context.shown_rows(with_cities), family=family)
    return _cited(states, tables, context)


def map_rows(tables: RegulationTables, context: PageContext, item: str) -> pd.DataFrame:
    """The provision map's provinces: the state of ``item`` in each province's regulation."""
    states = matrix_states(tables.provisions, tables.items[tables.items["item"] == item], context.shown_rows(False),
                           family=None)
    return _cited(states, tables, context)


def prevalence_rows(context: PageContext, difference: Difference) -> pd.DataFrame:
    """The prevalence bars: per item, regulations that establish it out of those coded for it."""
    shares = difference.shares
    return shares.assign(label=shares["item"].map(context.labels), source_id=";".join(context.source_ids))


def similarity_rows(context: PageContext, difference: Difference) -> pd.DataFrame:
    """The similarity heatmap's cells, long: two regulations and their Jaccard similarity."""
    grid = difference.similarity.loc[difference.order, difference.order]
    long = grid.rename_axis(index="left").rename_axis(columns="right").stack().rename("jaccard").reset_index()
    return long.assign(left_name=long["left"].map(context.names), right_name=long["right"].map(context.names),
                       source_id=";".join(context.source_ids))


def size_rows(tables: RegulationTables, context: PageContext) -> pd.DataFrame:
    """The size bars: articles and chapters of each adopted regulation, in adoption order."""
    texts = tables.regulations[tables.regulations["status"] == "adopted"].sort_values("adopted")
    return texts.assign(regulation=texts["adcode"].map(context.names))[
        ["adcode", "regulation", "adopted", "n_articles", "n_chapters", "source_id", "confidence"]]


def diffusion_rows(tables: RegulationTables, context: PageContext, chosen: tuple[str, ...]) -> pd.DataFrame:
    """The diffusion curves: per chosen item and year, regulations establishing it by then."""
    coded = tables.provisions[tables.provisions["level"] == "province"]
    spread = diffusion(coded[coded["item"].isin(chosen)], context.adopted)
    return spread.assign(label=spread["item"].map(context.labels), source_id=";".join(context.source_ids))


def cited_texts(tables: RegulationTables) -> dict[str, str]:
    """The source id of each coded jurisdiction's regulation text (what a figure's footer cites)."""
    coded = tables.provisions.drop_duplicates("jurisdiction")
    return dict(zip(coded["jurisdiction"], coded["source_id"], strict=True))


def coded_display(rows: pd.DataFrame, words: dict[str, str], lang: str = "en") -> pd.DataFrame:
    """The coded rows (:func:`~dashboard.domain.regulations.coded_rows`) as the page shows them.

    Headers and the codes of ``present`` and ``coding`` in the page's words, confidence in
    ``lang``; the download keeps the ids and codes. Notes are the coders' own English.
    """
    shown = rows.copy()
    shown["present"] = rows["present"].map(lambda v: words.get(f"present_{v}", v))
    shown["coding"] = rows["coding"].map(lambda v: words.get(f"coding_{v}", v))
    shown["confidence"] = [data_term(v, lang) for v in rows["confidence"]]
    return shown.rename(columns=lambda c: words.get(f"col_{c}", c))
