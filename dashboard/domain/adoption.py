"""Adoption years as a curve and as a spread: cumulative counts and timing statistics."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.domain.statistics import _present_numbers


@dataclass(frozen=True)
class AdoptionSpread:
    """How many years adoption took across provinces; see :func:`adoption_spread`."""

    n: int
    first: int | None
    last: int | None
    median: float | None
    span_years: int | None


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
