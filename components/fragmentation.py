"""Statistics for how fragmented the Social Credit System is across mainland provinces.

Every function takes pandas Series indexed by province adcode strings (for example
``"110000"`` for Beijing) unless its docstring says otherwise.

One rule holds throughout: a missing value (``NaN``, ``None`` or ``pd.NA``) means "not
known", never "zero". Missing values are dropped before any statistic is computed, and the
number of provinces that remain is reported next to the result so that a figure resting on
a handful of provinces is never mistaken for a national one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from scipy.cluster.hierarchy import dendrogram, linkage, optimal_leaf_ordering
from scipy.spatial.distance import pdist

DEFAULT_MIN_N = 5
"""Fewest provinces a figure may rest on before it is flagged as not a headline figure."""

MISSING_INDICATOR_SUFFIX = " (missing)"
"""Suffix of the 0/1 column that :func:`cluster_order` adds for each instrument."""


@dataclass(frozen=True)
class SpreadStats:
    """How unevenly one quantity is spread across provinces; see :func:`spread`."""

    n: int
    n_total: int
    mean: float | None
    coefficient_of_variation: float | None
    gini: float | None
    max_min_ratio: float | None
    max_min_note: str | None
    top3_share: float | None
    reliable: bool
    warning: str | None


@dataclass(frozen=True)
class ClusterResult:
    """Row order from hierarchical clustering; see :func:`cluster_order`."""

    order: list[Any]
    dendrogram: dict[str, Any] | None
    features: pd.DataFrame


@dataclass(frozen=True)
class AdoptionSpread:
    """How many years adoption took across provinces; see :func:`adoption_spread`."""

    n: int
    first: int | None
    last: int | None
    median: float | None
    span_years: int | None


@dataclass(frozen=True)
class Correlation:
    """Association between two province-level quantities; see :func:`correlation`."""

    n: int
    pearson_r: float | None
    spearman_rho: float | None
    reliable: bool
    warning: str | None


def _present_numbers(values: pd.Series) -> pd.Series:
    """Drop missing entries and return the rest as float64.

    Dropping happens before the numeric conversion so that ``None`` and ``pd.NA`` in an
    object Series can never be coerced into a number.
    """
    present = values.dropna()
    return pd.to_numeric(present, errors="raise").astype("float64")


def _as_float_with_nan(values: pd.Series) -> pd.Series:
    """Convert to float64 keeping every index entry; all missing markers become NaN."""
    numbers = pd.to_numeric(values.dropna(), errors="raise").astype("float64")
    return numbers.reindex(values.index)


def _require_unique_index(values: pd.Series, what: str) -> None:
    # Alignment on a duplicated adcode would silently multiply rows.
    duplicated = values.index[values.index.duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(f"{what} has duplicated index labels: {duplicated}")


def _small_n_warning(n: int, min_n: int) -> str | None:
    if n >= min_n:
        return None
    noun = "province" if n == 1 else "provinces"
    return f"Rests on {n} {noun}; fewer than {min_n}, so not a headline figure."


def spread(values: pd.Series, *, min_n: int = DEFAULT_MIN_N) -> SpreadStats:
    """Summarise how unevenly a non-negative quantity is spread across provinces.

    Parameters
    ----------
    values : pd.Series
        One number per province (for example, the count of blacklist rules), indexed by
        adcode. Missing entries are dropped, not treated as zero.
    min_n : int, default 5
        Fewest non-missing provinces for the result to count as ``reliable``.

    Returns
    -------
    SpreadStats
        ``n``
            Number of non-missing values used.
        ``n_total``
            Length of ``values`` including missing entries.
        ``mean``
            Arithmetic mean; ``None`` when ``n == 0``.
        ``coefficient_of_variation``
            Population standard deviation (``ddof=0``) divided by the mean; ``None`` when
            ``n < 2`` or the mean is 0.
        ``gini``
            ``sum_i sum_j |x_i - x_j| / (2 * n**2 * mean)``, 0 for perfect equality and
            ``(n - 1) / n`` when one province holds everything; ``None`` when ``n < 2`` or
            the sum is 0.
        ``max_min_ratio``
            Largest value divided by the smallest; ``None`` when the minimum is 0 or
            ``n == 0``, with the reason in ``max_min_note``.
        ``max_min_note``
            ``"minimum is 0"``, ``"no values"`` or ``None``.
        ``top3_share``
            Sum of the three largest values divided by the total. When several provinces
            tie at third place exactly three values are summed, so the share is that of
            three provinces, not of every tied province. With fewer than three values it is
            the share of all of them, i.e. 1. ``None`` when the total is 0.
        ``reliable``
            ``n >= min_n``.
        ``warning``
            A sentence saying the figure rests on too few provinces, or ``None``.

    Raises
    ------
    ValueError
        If any non-missing value is negative; Gini, shares and ratios are meaningless then.
    """
    present = _present_numbers(values)
    if (present < 0).any():
        negative = present[present < 0].index.tolist()
        raise ValueError(f"spread() needs non-negative values; negative at {negative}")

    n = int(present.size)
    array = present.to_numpy()
    total = float(array.sum())
    mean = total / n if n else None

    coefficient_of_variation = None
    if n >= 2 and mean != 0:
        coefficient_of_variation = float(array.std(ddof=0)) / mean

    gini = None
    if n >= 2 and total != 0:
        # n is at most a few dozen provinces, so the O(n^2) pairwise form is cheap and
        # reads exactly like the textbook definition.
        absolute_differences = np.abs(array[:, None] - array[None, :]).sum()
        gini = float(absolute_differences) / (2 * n**2 * mean)

    max_min_ratio = None
    max_min_note = None
    if n == 0:
        max_min_note = "no values"
    elif array.min() == 0:
        max_min_note = "minimum is 0"
    else:
        max_min_ratio = float(array.max() / array.min())

    top3_share = None
    if total != 0:
        # Sorting positions (not distinct values) makes a tie at third place count once.
        three_largest = np.sort(array)[::-1][:3]
        top3_share = float(three_largest.sum()) / total

    return SpreadStats(
        n=n,
        n_total=int(values.size),
        mean=mean,
        coefficient_of_variation=coefficient_of_variation,
        gini=gini,
        max_min_ratio=max_min_ratio,
        max_min_note=max_min_note,
        top3_share=top3_share,
        reliable=n >= min_n,
        warning=_small_n_warning(n, min_n),
    )


def per_capita(
    values: pd.Series, population: pd.Series, per: float = 1_000_000
) -> pd.Series:
    """Express province values per ``per`` residents.

    Parameters
    ----------
    values : pd.Series
        Counts per province, indexed by adcode.
    population : pd.Series
        Resident population per province, indexed by adcode.
    per : float, default 1_000_000
        Population unit, e.g. ``1_000_000`` for "per million residents".

    Returns
    -------
    pd.Series
        float64 Series over the union of both indexes (order of ``values`` first, then
        provinces only in ``population``). A province missing from either input, or missing
        a value in either, is NaN; nothing is filled.

    Raises
    ------
    ValueError
        If either index has duplicated labels, or a present population is not positive.
    """
    _require_unique_index(values, "values")
    _require_unique_index(population, "population")
    numeric_population = _as_float_with_nan(population)
    non_positive = numeric_population[numeric_population <= 0]
    if not non_positive.empty:
        raise ValueError(f"population must be positive; not at {non_positive.index.tolist()}")

    provinces = values.index.union(population.index, sort=False)
    aligned_values = _as_float_with_nan(values).reindex(provinces)
    aligned_population = numeric_population.reindex(provinces)
    result = aligned_values / aligned_population * per
    result.name = values.name
    return result


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

    distances = pdist(features.to_numpy(), metric="euclidean")
    tree = optimal_leaf_ordering(linkage(distances, method="average"), distances)
    dendrogram_data = dendrogram(tree, no_plot=True, labels=list(matrix.index))
    order = [matrix.index[leaf] for leaf in dendrogram_data["leaves"]]
    return ClusterResult(order=order, dendrogram=dendrogram_data, features=features)


def _present_years(years: pd.Series) -> pd.Series:
    """Non-missing years as int64; fractional years are rejected rather than rounded."""
    present = _present_numbers(years)
    if not np.all(np.mod(present.to_numpy(), 1) == 0):
        raise ValueError("years must be whole numbers")
    return present.astype("int64")


def cumulative_adoption(years: pd.Series, start: int, end: int) -> pd.DataFrame:
    """Count provinces that had adopted an instrument by each year.

    Parameters
    ----------
    years : pd.Series
        Year of adoption per province; missing where the year is unknown.
    start, end : int
        First and last year of the output, inclusive.

    Returns
    -------
    pd.DataFrame
        One row per year from ``start`` to ``end`` with columns ``year``, ``adopted``
        (provinces whose year is ``<=`` that year, including years before ``start``),
        ``share`` (``adopted`` divided by the number of provinces with a known year; NaN
        when there are none) and ``n`` (that number, the same on every row). Provinces with
        an unknown year are in neither numerator nor denominator.

    Raises
    ------
    ValueError
        If ``start > end`` or a year is not a whole number.
    """
    if start > end:
        raise ValueError(f"start ({start}) is after end ({end})")
    known = _present_years(years).to_numpy()
    n_known = int(known.size)
    calendar = np.arange(start, end + 1)
    adopted = np.array([int((known <= year).sum()) for year in calendar], dtype="int64")
    share = adopted / n_known if n_known else np.full(calendar.size, np.nan)
    return pd.DataFrame(
        {
            "year": calendar.astype("int64"),
            "adopted": adopted,
            "share": share.astype("float64"),
            "n": np.full(calendar.size, n_known, dtype="int64"),
        }
    )


def adoption_spread(years: pd.Series) -> AdoptionSpread:
    """Describe how far apart in time provinces adopted an instrument.

    Parameters
    ----------
    years : pd.Series
        Year of adoption per province; missing where the year is unknown.

    Returns
    -------
    AdoptionSpread
        ``n`` known years, ``first`` and ``last`` year, ``median`` year (may end in .5) and
        ``span_years = last - first``. All but ``n`` are ``None`` when ``n == 0``.

    Raises
    ------
    ValueError
        If a year is not a whole number.
    """
    known = _present_years(years)
    if known.empty:
        return AdoptionSpread(n=0, first=None, last=None, median=None, span_years=None)
    first, last = int(known.min()), int(known.max())
    return AdoptionSpread(
        n=int(known.size),
        first=first,
        last=last,
        median=float(known.median()),
        span_years=last - first,
    )


def correlation(x: pd.Series, y: pd.Series, *, min_n: int = DEFAULT_MIN_N) -> Correlation:
    """Correlate two province-level quantities over provinces where both are known.

    Parameters
    ----------
    x, y : pd.Series
        Values indexed by adcode; aligned on the index.
    min_n : int, default 5
        Fewest pairs for the result to count as ``reliable``.

    Returns
    -------
    Correlation
        ``n`` pairs with both values present, Pearson ``pearson_r`` and Spearman
        ``spearman_rho`` (each ``None`` when ``n < 3`` or either side has zero variance),
        ``reliable = n >= min_n`` and a ``warning`` sentence when it is not.

    Raises
    ------
    ValueError
        If either index has duplicated labels.
    """
    _require_unique_index(x, "x")
    _require_unique_index(y, "y")
    pairs = pd.concat(
        {"x": _as_float_with_nan(x), "y": _as_float_with_nan(y)}, axis=1, join="inner"
    ).dropna()
    n = len(pairs)

    pearson_r = spearman_rho = None
    # Two points always lie on a line, so r = +/-1 from n = 2 says nothing.
    if n >= 3 and pairs["x"].nunique() > 1 and pairs["y"].nunique() > 1:
        pearson_r = float(stats.pearsonr(pairs["x"], pairs["y"]).statistic)
        spearman_rho = float(stats.spearmanr(pairs["x"], pairs["y"]).statistic)

    return Correlation(
        n=n,
        pearson_r=pearson_r,
        spearman_rho=spearman_rho,
        reliable=n >= min_n,
        warning=_small_n_warning(n, min_n),
    )


def group_spread(values: pd.Series, groups: pd.Series) -> pd.DataFrame:
    """Summarise values by province group, such as the NBS macro-regions.

    Parameters
    ----------
    values : pd.Series
        One number per province, indexed by adcode.
    groups : pd.Series
        Group label per province, indexed by adcode. If it is categorical, every category
        appears in the output even when no province belongs to it.

    Returns
    -------
    pd.DataFrame
        Indexed by group (named ``"group"``) in order of first appearance in ``groups`` (or
        category order), with columns ``n`` (non-missing values), ``total``, ``mean``,
        ``median`` and ``share_of_total`` (group total over the total of all groups). A group
        with no non-missing values has ``n = 0`` and NaN in every other column: its total
        is unknown, not 0.

    Raises
    ------
    ValueError
        If either index has duplicated labels, or a province with a value has no group;
        dropping it would silently shrink the denominator of ``share_of_total``.
    """
    _require_unique_index(values, "values")
    _require_unique_index(groups, "groups")
    present = _present_numbers(values)
    group_of = groups.reindex(present.index)
    ungrouped = group_of[group_of.isna()].index.tolist()
    if ungrouped:
        raise ValueError(f"values without a group: {ungrouped}")

    if isinstance(groups.dtype, pd.CategoricalDtype):
        group_labels = list(groups.cat.categories)
    else:
        group_labels = list(pd.unique(groups.dropna()))

    grand_total = float(present.sum())
    rows = []
    for label in group_labels:
        members = present[group_of == label]
        if members.empty:
            rows.append((0, np.nan, np.nan, np.nan, np.nan))
            continue
        total = float(members.sum())
        share = total / grand_total if grand_total != 0 else np.nan
        rows.append((int(members.size), total, float(members.mean()), float(members.median()),
                     share))

    table = pd.DataFrame(
        rows,
        index=pd.Index(group_labels, name="group"),
        columns=["n", "total", "mean", "median", "share_of_total"],
    )
    return table.astype({"n": "int64"})
