"""The province × instrument matrix and its hierarchical clustering (scipy, imported lazily)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.domain.statistics import (
    MISSING_INDICATOR_SUFFIX,
    _as_float_with_nan,
    _require_unique_index,
)


@dataclass(frozen=True)
class ClusterResult:
    """Row order from hierarchical clustering; see :func:`cluster_order`."""

    order: list[Any]
    dendrogram: dict[str, Any] | None
    features: pd.DataFrame


def instrument_matrix(columns: dict[str, pd.Series], provinces: list[str]) -> pd.DataFrame:
    """Build a province-by-instrument table without filling gaps.

    Parameters
    ----------
    columns : dict of str to pd.Series
        Instrument name to a Series of values indexed by adcode.
    provinces : list of str
        Adcodes in the order the rows should appear.

    Returns
    -------
    pd.DataFrame
        Rows are ``provinces`` in the given order (index named ``"province"``), columns are
        the instrument names in dict order, values are float64. A province absent from a
        Series, or missing there, is NaN; a recorded 0 stays 0.

    Raises
    ------
    ValueError
        If a Series has duplicated index labels.
    """
    row_index = pd.Index(provinces, name="province")
    table: dict[str, pd.Series] = {}
    for name, series in columns.items():
        _require_unique_index(series, f"column {name!r}")
        table[name] = _as_float_with_nan(series).reindex(row_index)
    return pd.DataFrame(table, index=row_index, columns=list(columns))


def _clustering_features(matrix: pd.DataFrame) -> pd.DataFrame:
    """Scale each column to [0, 1] and add one 0/1 "is missing" column per instrument.

    A missing cell becomes 0 in the scaled column and 1 in its indicator column, so a
    province whose value is unknown is never placed on top of one whose value is the
    column minimum (often a recorded 0, i.e. the instrument is absent). A column whose
    present values are all equal carries no ranking information and scales to 0.
    """
    features: dict[str, pd.Series] = {}
    for name in matrix.columns:
        column = _as_float_with_nan(matrix[name])
        low, high = column.min(), column.max()
        if pd.notna(low) and high > low:
            scaled = (column - low) / (high - low)
        else:
            scaled = pd.Series(0.0, index=column.index)
        is_missing = column.isna()
        features[str(name)] = scaled.where(~is_missing, 0.0)
        features[f"{name}{MISSING_INDICATOR_SUFFIX}"] = is_missing.astype("float64")
    return pd.DataFrame(features, index=matrix.index)


def cluster_order(matrix: pd.DataFrame) -> ClusterResult:
    """Order provinces so that those using similar instruments sit next to each other.

    Parameters
    ----------
    matrix : pd.DataFrame
        Provinces as rows, instruments as numeric columns, NaN where unknown (the output of
        :func:`instrument_matrix`).

    Returns
    -------
    ClusterResult
        ``order``
            Row labels in dendrogram leaf order.
        ``dendrogram``
            The dict from ``scipy.cluster.hierarchy.dendrogram(..., no_plot=True)`` with
            ``icoord``, ``dcoord`` and ``ivl`` (row labels); ``None`` for fewer than 2 rows.
        ``features``
            The table actually clustered (see Notes), for inspection.

    Notes
    -----
    Each column is min-max scaled to [0, 1] over its non-missing values. Missing cells use
    a missing-indicator rule: for every instrument a column ``"<name> (missing)"`` holds 1
    where the value is missing and 0 otherwise, and the missing cell itself is set to 0 in
    the scaled column. Missing therefore differs from a recorded minimum by one full unit of
    distance. Rows are clustered with average linkage on Euclidean distance, and leaves are
    put in optimal leaf order so that the order is deterministic and neighbours are similar.
    With fewer than 2 rows there is nothing to cluster and the input order is returned.
    """
    features = _clustering_features(matrix)
    if len(matrix.index) < 2:
        return ClusterResult(order=list(matrix.index), dendrogram=None, features=features)

    # scipy is imported here, on first use: only the "similarity" sort needs it.
    from scipy.cluster.hierarchy import dendrogram, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import pdist

    distances = pdist(features.to_numpy(), metric="euclidean")
    tree = optimal_leaf_ordering(linkage(distances, method="average"), distances)
    dendrogram_data = dendrogram(tree, no_plot=True, labels=list(matrix.index))
    order = [matrix.index[leaf] for leaf in dendrogram_data["leaves"]]
    return ClusterResult(order=order, dendrogram=dendrogram_data, features=features)
