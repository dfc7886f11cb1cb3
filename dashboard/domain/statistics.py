"""Statistics for how fragmented the Social Credit System is across mainland provinces.

Every function takes pandas Series indexed by province adcode strings (for example
``"110000"`` for Beijing) unless its docstring says otherwise.

One rule holds throughout: a missing value (``NaN``, ``None`` or ``pd.NA``) means "not
known", never "zero". Missing values are dropped before any statistic is computed, and the
number of provinces that remain is reported next to the result so that a figure resting on
a handful of provinces is never mistaken for a national one."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

DEFAULT_MIN_N = 5
"""Fewest provinces a figure may rest on before it is flagged as not a headline figure."""
MISSING_INDICATOR_SUFFIX = " (missing)"
"""Suffix of the 0/1 column that :func:`cluster_order` adds for each instrument."""


@dataclass(frozen=True)
class SpreadStats:
    """How unevenly one quantity is spread across provinces; see :func:`spread`.

    Attributes
    ----------
    n : int
        Number of non-missing values used.
    n_total : int
        Length of the input including missing entries.
    mean : float or None
        Arithmetic mean; ``None`` when ``n == 0``.
    coefficient_of_variation : float or None
        Population standard deviation (``ddof=0``) divided by the mean; ``None`` when
        ``n < 2`` or the mean is 0.
    gini : float or None
        ``sum_i sum_j |x_i - x_j| / (2 * n**2 * mean)``, 0 for perfect equality and
        ``(n - 1) / n`` when one province holds everything; ``None`` when ``n < 2`` or the
        sum is 0.
    max_min_ratio : float or None
        Largest value divided by the smallest; ``None`` when the minimum is 0 or ``n == 0``,
        with the reason in ``max_min_note``.
    max_min_note : str or None
        ``"minimum is 0"``, ``"no values"`` or ``None``.
    top3_share : float or None
        Sum of the three largest values divided by the total. When several provinces tie at
        third place exactly three values are summed, so the share is that of three
        provinces, not of every tied province. With fewer than three values it is the share
        of all of them, i.e. 1. ``None`` when the total is 0.
    reliable : bool
        ``n >= min_n``.
    warning : str or None
        A sentence saying the figure rests on too few provinces, or ``None``.
    """

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

    The values must be the provinces' population, not a sample: whether they are is the
    caller's decision (see :func:`is_sample`), since a Gini among a hand-picked top five
    says nothing about spread.

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
        The statistics; its attributes say when each is ``None``.

    Raises
    ------
    ValueError
        If any non-missing value is negative; Gini, shares and ratios are meaningless then.
    """
    present = _present_numbers(values)
    if (present < 0).any():
        negative = present[present < 0].index.tolist()
        raise ValueError(f"spread() needs non-negative values; negative at {negative}")
    array = present.to_numpy()
    n = int(array.size)
    total = float(array.sum())
    mean = total / n if n else None
    max_min_ratio, max_min_note = _max_min(array)
    return SpreadStats(
        n=n,
        n_total=int(values.size),
        mean=mean,
        coefficient_of_variation=float(array.std(ddof=0)) / mean if n >= 2 and mean != 0 else None,
        gini=_gini(array) if n >= 2 and total != 0 else None,
        max_min_ratio=max_min_ratio,
        max_min_note=max_min_note,
        # Sorting positions (not distinct values) makes a tie at third place count once.
        top3_share=float(np.sort(array)[::-1][:3].sum()) / total if total != 0 else None,
        reliable=n >= min_n,
        warning=_small_n_warning(n, min_n),
    )


def _gini(array: np.ndarray) -> float:
    # n is at most a few dozen provinces, so the O(n^2) pairwise form is cheap and reads
    # exactly like the textbook definition.
    n = array.size
    absolute_differences = np.abs(array[:, None] - array[None, :]).sum()
    return float(absolute_differences) / (2 * n**2 * array.mean())


def _max_min(array: np.ndarray) -> tuple[float | None, str | None]:
    if array.size == 0:
        return None, "no values"
    if array.min() == 0:
        return None, "minimum is 0"
    return float(array.max() / array.min()), None


MIN_COVERAGE = 2 / 3
"""Share of the provinces that must have a value before spread statistics are computed."""


def coverage_minimum(n_total: int, share: float = MIN_COVERAGE) -> int:
    """Fewest provinces with a value for spread statistics over ``n_total`` provinces."""
    return math.ceil(n_total * share - 1e-9)


def is_sample(n: int, n_total: int, share: float = MIN_COVERAGE) -> bool:
    """Whether ``n`` values out of ``n_total`` provinces are a sample rather than the population.

    A source that names only its top five, or a list that is not exhaustive, gives values
    for a selection of provinces; below ``share`` of them (two thirds by default: 21 of
    31) no Gini, coefficient of variation, top-3 share or max/min ratio is computed, since
    it would describe the source's selection, not the provinces.

    Parameters
    ----------
    n : int
        Provinces with a value.
    n_total : int
        Provinces in scope.
    share : float, default ``MIN_COVERAGE``
        Fewest provinces with a value, as a share of ``n_total``.

    Returns
    -------
    bool
    """
    return n < coverage_minimum(n_total, share)


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
        from scipy import stats  # on first use: only correlations need scipy

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
