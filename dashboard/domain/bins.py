"""Class breaks and ranks for province maps: pure functions of value series."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Bins:
    """Class breaks for a binned map: ``edges`` has one more entry than ``labels``."""

    edges: list[float]
    labels: list[str]


def quantile_bins(values: pd.Series, n_bins: int = 5) -> Bins:
    """Quantile class breaks over the non-missing values (duplicate edges merged)."""
    known = values.dropna().astype(float)
    if known.empty:
        return Bins([0.0, 1.0], ["–"])
    edges = sorted(set(np.quantile(known, np.linspace(0, 1, n_bins + 1)).tolist()))
    if len(edges) == 1:
        edges = [edges[0], edges[0]]
    return Bins(edges, _bin_labels(edges, _whole(known)))


def manual_bins(values: pd.Series, breaks: list[float]) -> Bins:
    """Class breaks at the given inner break points, closed by the data's min and max."""
    known = values.dropna().astype(float)
    low = min([*known.tolist(), *breaks]) if len(known) else min(breaks)
    high = max([*known.tolist(), *breaks]) if len(known) else max(breaks)
    edges = sorted(set([low, *breaks, high]))
    return Bins(edges, _bin_labels(edges, _whole(known)))


def _bin_labels(edges: list[float], whole: bool = False) -> list[str]:
    # Bins are [lo, hi) except the last, [lo, hi]. Whole-number data is labelled by the
    # values a bin can hold ("3 – 5"), so a shared edge never appears in two labels.
    labels = []
    last = len(edges) - 2
    for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:], strict=True)):
        if whole and float(lo).is_integer() and float(hi).is_integer():
            top = int(hi) if i == last else int(np.ceil(hi)) - 1
            labels.append(_edge(lo) if top <= lo else f"{_edge(lo)} – {_edge(top)}")
        elif i == last:
            labels.append(f"{_edge(lo)} – {_edge(hi)}")
        else:
            labels.append(f"{_edge(lo)} – <{_edge(hi)}")
    return labels


def _edge(value: float) -> str:
    """A class edge as text: whole numbers with separators, others to 3 significant digits."""
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _whole(values: pd.Series) -> bool:
    known = values.dropna().astype(float)
    return bool(len(known)) and bool((known == known.round()).all())


def assign_bins(values: pd.Series, bins: Bins) -> pd.Series:
    """Bin index (0-based) of each value; missing stays missing."""
    edges = bins.edges
    index = np.searchsorted(edges[1:-1], values.astype(float).to_numpy(dtype=float, na_value=np.nan), side="right")
    result = pd.Series(index, index=values.index, dtype="Int64")
    return result.mask(values.isna())


def rank_descending(values: pd.Series) -> pd.Series:
    """Rank 1 = largest; ties share the best rank; missing gets no rank."""
    return values.astype(float).rank(ascending=False, method="min").astype("Int64")


