"""The rows a choropleth draws: one per unit, with its state and compact hover fields.

A map's hover text is assembled in the browser from these columns (Plotly's
``customdata`` and ``hovertemplate``), so no per-row sentence is formatted here: the
columns hold names, numbers and short texts, and a column whose value is the same on
every row of a layer costs nothing per row (the figure puts it in the template).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.domain.bins import rank_descending
from dashboard.text import MAP_LABELS, data_term, name_pair, wrap
from dashboard.text.explorer import MAP_WORDS

STATES = ("value", "absent", "missing", "outside")
UNIT_COLUMNS = ["id", "name", "state", "value", "qualifier", "rank", "detail", "source"]
SPARSE_BELOW = 10  # fewer provinces with a value than this: a ranking says more than a map
HOVER_WIDTH = 56  # columns of hover text: a hover label stays narrower than the plot


def map_units(values: pd.DataFrame, provinces: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per province for :func:`dashboard.figures.maps.choropleth`.

    Parameters
    ----------
    values : pandas.DataFrame
        In-scope provinces: ``adcode``, ``value`` and optionally ``state``, ``qualifier``,
        ``source``, ``confidence``, ``missing_reason``, ``note`` (an ``IndicatorView``'s values).
    provinces : pandas.DataFrame
        ``adcode``, ``name_en``, ``name_zh``, ``in_scope``; units outside scope get state ``outside``.
    lang : str
        ``en`` or ``zh``: which name comes first, which words are used.

    Returns
    -------
    pandas.DataFrame
        ``UNIT_COLUMNS``: ``rank`` is 1 for the largest value (missing elsewhere);
        ``detail`` is the note or the reason a value is missing (wrapped for the hover);
        ``source`` names the source ids and confidence of rows that have a value or a known absence.
    """
    frame = values.copy()
    for column in ("qualifier", "source", "confidence", "missing_reason", "note"):
        frame[column] = frame[column].fillna("").astype(str) if column in frame else ""
    for column in ("qualifier", "confidence", "missing_reason", "note"):  # the data's words, shown in the hover
        frame[column] = frame[column].map(lambda text: data_term(text, lang))
    if "state" not in frame:
        frame["state"] = np.where(frame["value"].isna(), "missing", "value")
    outside = provinces.loc[~provinces["in_scope"].astype(bool), ["adcode"]].assign(state="outside")
    frame = pd.concat([frame, outside], ignore_index=True).fillna({c: "" for c in frame.columns if c != "value"})
    names = provinces.set_index("adcode")
    frame["name"] = [name_pair(names.at[c, "name_zh"], names.at[c, "name_en"], lang) for c in frame["adcode"]]
    has_value = frame["state"] == "value"
    frame["rank"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    frame.loc[has_value, "rank"] = rank_descending(frame.loc[has_value, "value"])
    frame["detail"] = _details(frame, lang)
    frame["source"] = _source_text(frame, lang)
    return frame.rename(columns={"adcode": "id"})[UNIT_COLUMNS].reset_index(drop=True)


def _details(frame: pd.DataFrame, lang: str) -> pd.Series:
    words = MAP_LABELS[lang]
    missing = frame["state"] == "missing"
    reason = frame["missing_reason"].where(frame["missing_reason"] != "", words["missing"])
    detail = pd.Series("", index=frame.index, dtype=object)
    detail[missing] = words["no_value"].capitalize() + ": " + reason[missing]
    detail[frame["state"] == "outside"] = words["outside"]
    detail = detail.where(frame["note"] == "", (detail + " " + frame["note"]).str.strip())
    # Wrapped once per distinct text: many rows share one note or reason.
    return detail.map({text: wrap(text, HOVER_WIDTH) for text in detail.unique()})


def _source_text(frame: pd.DataFrame, lang: str) -> pd.Series:
    # A missing row carries the ids of the lists it is absent from: naming them as "the
    # source" of a value that does not exist misleads, so only rows with a value (or a known
    # absence) name theirs, with the confidence when there is one.
    words = MAP_WORDS[lang]
    ids = frame["source"].str.replace(";", ", ", regex=False)
    text = np.where(frame["confidence"] != "", words["source_confidence"], words["source_only"])
    shown = frame["state"].isin(["value", "absent"]) & (ids != "")
    result = [t.format(ids=i, confidence=c) if s else "" for t, i, c, s in zip(text, ids, frame["confidence"], shown,
                                                                                   strict=True)]
    return pd.Series(result, index=frame.index).map(lambda t: wrap(t, HOVER_WIDTH) if t else t)


def is_sparse(n_values: int, threshold: int = SPARSE_BELOW) -> bool:
    """True when so few provinces have a value that a map would mostly show "no data"."""
    return n_values < threshold


def ranking(units: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The provinces with a value, largest first, and the names of those without one.

    ``units`` is a :func:`map_units` frame; provinces outside scope are in neither list.
    """
    shown = units[units["state"] == "value"].sort_values(["value", "name"], ascending=[False, True])
    unreported = units.loc[units["state"] == "missing", "name"].sort_values().tolist()
    return shown.reset_index(drop=True), unreported


def value_years(indicators: pd.DataFrame, name: str, as_of: int | None = None) -> tuple[int, int] | None:
    """First and last year of the values a map shows; ``None`` when no source dates them.

    With ``as_of`` the map shows values as of that year. Otherwise it shows each province's
    latest value, which may come from different years.
    """
    if as_of is not None:
        return as_of, as_of
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)
                      & indicators["value"].notna()]
    years = rows["year"].dropna()
    return (int(years.min()), int(years.max())) if len(years) else None


def year_phrase(years: tuple[int, int] | None, lang: str = "en") -> str:
    """``, as of 2020``, ``, latest values (2017–2024)`` or the words for an undated snapshot."""
    words = MAP_WORDS[lang]
    if years is None:
        return words["year_unknown"]
    first, last = years
    return words["as_of"].format(year=last) if first == last else words["years"].format(first=first, last=last)


def series_range(indicators: pd.DataFrame, name: str) -> tuple[float, float] | None:
    """Smallest and largest value of an indicator over all its years (one colour scale for every year)."""
    known = indicators.loc[indicators["indicator"] == name, "value"].dropna().astype(float)
    return (float(known.min()), float(known.max())) if len(known) else None
