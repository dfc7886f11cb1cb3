"""Tests for dashboard.domain.statistics against values worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.domain.adoption import adoption_spread, cumulative_adoption
from dashboard.domain.clustering import cluster_order, instrument_matrix
from dashboard.domain.statistics import (
    MISSING_INDICATOR_SUFFIX,
    correlation,
    coverage_minimum,
    group_spread,
    is_sample,
    per_capita,
    spread,
)

# Real adcodes, so the fixtures look like the data the dashboard feeds in.
BEIJING, TIANJIN, HEBEI, SHANXI, SHANGHAI, JIANGSU, ZHEJIANG, GUANGDONG = (
    "110000", "120000", "130000", "140000", "310000", "320000", "330000", "440000",
)


def by_province(*values, dtype=None) -> pd.Series:
    """A Series over the first len(values) adcodes above."""
    adcodes = [BEIJING, TIANJIN, HEBEI, SHANXI, SHANGHAI, JIANGSU, ZHEJIANG, GUANGDONG]
    return pd.Series(list(values), index=adcodes[: len(values)], dtype=dtype)


# --- spread ------------------------------------------------------------------------------


def test_spread_with_three_way_tie_at_the_top():
    result = spread(by_province(5, 5, 5, 1))
    # n = 4, total = 16, mean = 16 / 4 = 4
    assert result.n == 4
    assert result.mean == pytest.approx(4.0)
    # deviations 1, 1, 1, -3 -> squares 1 + 1 + 1 + 9 = 12; population var = 12 / 4 = 3
    # CV = sqrt(3) / 4 = 0.4330127
    assert result.coefficient_of_variation == pytest.approx(math.sqrt(3) / 4)
    # ordered pairs (i, j) with |x_i - x_j| = 4: 3 fives x 1 one x 2 orders = 6 -> sum 24
    # gini = 24 / (2 * 4**2 * 4) = 24 / 128 = 0.1875
    assert result.gini == pytest.approx(0.1875)
    # top three = 5 + 5 + 5 = 15; 15 / 16 = 0.9375
    assert result.top3_share == pytest.approx(0.9375)
    # max / min = 5 / 1
    assert result.max_min_ratio == pytest.approx(5.0)
    assert result.max_min_note is None


def test_spread_tie_at_third_place_counts_exactly_three_values():
    result = spread(by_province(5, 5, 5, 5, 1))
    # four provinces tie at 5; only three are summed: 15 / 21 = 0.7142857 (not 20 / 21)
    assert result.top3_share == pytest.approx(15 / 21)
    # 4 fives x 1 one x 2 orders = 8 pairs of difference 4 -> 32; mean = 21 / 5 = 4.2
    # gini = 32 / (2 * 25 * 4.2) = 32 / 210 = 0.152381
    assert result.gini == pytest.approx(32 / 210)


def test_spread_one_province_holding_everything_has_gini_n_minus_1_over_n():
    result = spread(by_province(0, 0, 0, 10))
    # 3 zeros x 1 ten x 2 orders = 6 pairs of difference 10 -> 60; mean = 2.5
    # gini = 60 / (2 * 16 * 2.5) = 60 / 80 = 0.75 = (4 - 1) / 4
    assert result.gini == pytest.approx(0.75)
    assert result.top3_share == pytest.approx(1.0)


def test_spread_drops_every_kind_of_missing_value_and_reports_n():
    values = by_province(10, np.nan, None, pd.NA, 20, 30, 40, 50, dtype=object)
    result = spread(values)
    # 8 entries, 3 missing -> n = 5; mean = (10 + 20 + 30 + 40 + 50) / 5 = 150 / 5 = 30
    # (had the missing been zeros, the mean would be 150 / 8 = 18.75)
    assert result.n == 5
    assert result.n_total == 8
    assert result.mean == pytest.approx(30.0)
    # max / min = 50 / 10; a missing read as 0 would have blanked this ratio instead
    assert result.max_min_ratio == pytest.approx(5.0)
    # n = 5 meets the default min_n = 5 exactly
    assert result.reliable is True
    assert result.warning is None


def test_spread_on_fewer_than_five_provinces_is_flagged():
    result = spread(by_province(1, 2, 3))
    assert result.n == 3
    assert result.reliable is False
    assert result.warning == "Rests on 3 provinces; fewer than 5, so not a headline figure."


def test_spread_min_n_can_be_lowered():
    result = spread(by_province(1, 2, 3), min_n=3)
    assert result.reliable is True
    assert result.warning is None


def test_spread_warning_uses_singular_for_one_province():
    result = spread(by_province(7, np.nan))
    assert result.warning == "Rests on 1 province; fewer than 5, so not a headline figure."
    # a single value has no spread to speak of
    assert result.coefficient_of_variation is None
    assert result.gini is None


def test_spread_zero_minimum_gives_no_max_min_ratio():
    result = spread(by_province(0, 2, 4))
    assert result.max_min_ratio is None
    assert result.max_min_note == "minimum is 0"
    # ordered differences: |0-2|, |0-4|, |2-4| = 2 + 4 + 2 = 8, twice -> 16; mean = 2
    # gini = 16 / (2 * 9 * 2) = 16 / 36 = 0.4444
    assert result.gini == pytest.approx(16 / 36)


def test_spread_all_equal_values():
    result = spread(by_province(7, 7, 7, 7, 7))
    assert result.coefficient_of_variation == pytest.approx(0.0)
    assert result.gini == pytest.approx(0.0)
    assert result.max_min_ratio == pytest.approx(1.0)
    # 21 / 35 = 0.6
    assert result.top3_share == pytest.approx(0.6)


def test_spread_all_zero_has_no_relative_measures():
    result = spread(by_province(0, 0, 0, 0, 0))
    assert result.mean == 0
    assert result.coefficient_of_variation is None
    assert result.gini is None
    assert result.top3_share is None
    assert result.max_min_note == "minimum is 0"


def test_spread_of_nothing_but_missing():
    result = spread(by_province(np.nan, np.nan))
    assert (result.n, result.n_total) == (0, 2)
    assert result.mean is None
    assert result.max_min_ratio is None
    assert result.max_min_note == "no values"
    assert result.reliable is False


def test_spread_rejects_negative_values():
    with pytest.raises(ValueError, match="non-negative"):
        spread(by_province(3, -1, 4))


@pytest.mark.parametrize("n, n_total, sample", [
    (5, 31, True),    # a source's top five
    (20, 31, True),   # two thirds of 31 is 20.67: 20 is short
    (21, 31, False),
    (31, 31, False),
    (3, 6, True),
    (4, 6, False),    # exactly two thirds
])
def test_a_spread_needs_two_thirds_of_the_provinces(n, n_total, sample):
    assert is_sample(n, n_total) is sample
    assert coverage_minimum(31) == 21 and coverage_minimum(6) == 4


# --- per_capita --------------------------------------------------------------------------


def test_per_capita_aligns_on_index_and_leaves_gaps_missing():
    values = pd.Series({GUANGDONG: 30.0, BEIJING: 20.0, SHANGHAI: 5.0, HEBEI: np.nan})
    population = pd.Series({BEIJING: 2_000_000, SHANGHAI: 2_500_000, HEBEI: 7_000_000})
    result = per_capita(values, population)
    # Beijing: 20 / 2,000,000 * 1,000,000 = 10; Shanghai: 5 / 2,500,000 * 1,000,000 = 2
    assert result[BEIJING] == pytest.approx(10.0)
    assert result[SHANGHAI] == pytest.approx(2.0)
    # Guangdong has no population and Hebei no value: both missing, neither 0
    assert np.isnan(result[GUANGDONG])
    assert np.isnan(result[HEBEI])
    assert list(result.index) == [GUANGDONG, BEIJING, SHANGHAI, HEBEI]


def test_per_capita_includes_provinces_only_in_population_as_missing():
    result = per_capita(pd.Series({BEIJING: 4.0}), pd.Series({BEIJING: 1e6, TIANJIN: 2e6}))
    assert list(result.index) == [BEIJING, TIANJIN]
    assert np.isnan(result[TIANJIN])


def test_per_capita_with_a_custom_unit():
    result = per_capita(pd.Series({BEIJING: 20.0}), pd.Series({BEIJING: 2_000_000}), per=100_000)
    # 20 / 2,000,000 * 100,000 = 1
    assert result[BEIJING] == pytest.approx(1.0)


def test_per_capita_rejects_zero_population():
    with pytest.raises(ValueError, match="positive"):
        per_capita(pd.Series({BEIJING: 1.0}), pd.Series({BEIJING: 0}))


# --- instrument_matrix -------------------------------------------------------------------


def test_instrument_matrix_keeps_row_order_and_missing_distinct_from_zero():
    columns = {
        "blacklists": pd.Series({BEIJING: 3, SHANGHAI: 0}),
        "scoring": pd.Series({SHANGHAI: 1, BEIJING: pd.NA}, dtype=object),
    }
    matrix = instrument_matrix(columns, [SHANGHAI, GUANGDONG, BEIJING])
    assert list(matrix.index) == [SHANGHAI, GUANGDONG, BEIJING]
    assert list(matrix.columns) == ["blacklists", "scoring"]
    assert matrix.loc[BEIJING, "blacklists"] == 3
    # a recorded 0 stays 0 ...
    assert matrix.loc[SHANGHAI, "blacklists"] == 0
    # ... while pd.NA and an absent province are NaN, not 0
    assert np.isnan(matrix.loc[BEIJING, "scoring"])
    assert matrix.loc[GUANGDONG].isna().all()


# --- cluster_order -----------------------------------------------------------------------


def test_cluster_order_puts_identical_rows_next_to_each_other():
    # Beijing and Zhejiang are identical; Shanghai and Hebei are close to each other.
    # Input order separates both pairs so that keeping the input order would fail.
    matrix = pd.DataFrame(
        {"a": [1, 10, 1, 9], "b": [0, 8, 0, 8], "c": [5, 0, 5, 1]},
        index=[BEIJING, SHANGHAI, ZHEJIANG, HEBEI],
    )
    result = cluster_order(matrix)
    assert sorted(result.order) == sorted(matrix.index)
    position = {label: i for i, label in enumerate(result.order)}
    assert abs(position[BEIJING] - position[ZHEJIANG]) == 1
    assert abs(position[SHANGHAI] - position[HEBEI]) == 1
    assert result.dendrogram is not None
    assert result.dendrogram["ivl"] == result.order
    # three merges for four leaves, each drawn with four coordinates
    assert len(result.dendrogram["icoord"]) == 3
    assert len(result.dendrogram["dcoord"]) == 3


def test_cluster_order_scales_columns_and_marks_missing_separately():
    matrix = pd.DataFrame(
        {"rules": [2.0, np.nan, 6.0, 4.0]},
        index=[BEIJING, TIANJIN, HEBEI, SHANXI],
    )
    features = cluster_order(matrix).features
    # min 2, max 6 -> (2-2)/4 = 0, (6-2)/4 = 1, (4-2)/4 = 0.5; missing set to 0
    assert features["rules"].tolist() == pytest.approx([0.0, 0.0, 1.0, 0.5])
    assert features["rules" + MISSING_INDICATOR_SUFFIX].tolist() == [0.0, 1.0, 0.0, 0.0]
    # Beijing (the minimum) and Tianjin (unknown) share 0 in the scaled column but must not
    # be the same point
    assert not features.loc[BEIJING].equals(features.loc[TIANJIN])


def test_cluster_order_keeps_missing_apart_from_recorded_zero():
    # Beijing and Tianjin recorded 0 (instrument absent); Hebei and Shanxi are unknown.
    # Were unknown read as 0, all four would be identical to each other.
    matrix = pd.DataFrame(
        {"scoring": [0.0, 0.0, np.nan, np.nan, 1.0]},
        index=[BEIJING, HEBEI, TIANJIN, SHANXI, SHANGHAI],
    )
    result = cluster_order(matrix)
    position = {label: i for i, label in enumerate(result.order)}
    assert abs(position[BEIJING] - position[HEBEI]) == 1
    assert abs(position[TIANJIN] - position[SHANXI]) == 1
    # the lowest merges (height 0) join only identical pairs; the next join is at height 1
    # (0/0 vs 0/1 differ by one unit in the indicator column)
    merge_heights = sorted(max(coords) for coords in result.dendrogram["dcoord"])
    assert merge_heights[:2] == pytest.approx([0.0, 0.0])
    assert merge_heights[2] > 0


@pytest.mark.parametrize("labels", [[], [BEIJING]])
def test_cluster_order_with_fewer_than_two_rows(labels):
    matrix = pd.DataFrame({"a": [1.0] * len(labels)}, index=labels)
    result = cluster_order(matrix)
    assert result.order == labels
    assert result.dendrogram is None


# --- cumulative_adoption and adoption_spread ---------------------------------------------


def test_cumulative_adoption_ignores_unknown_years():
    years = by_province(2014, 2016, np.nan, 2016, 2020)
    table = cumulative_adoption(years, 2014, 2017)
    assert table["year"].tolist() == [2014, 2015, 2016, 2017]
    # 4 known years; by 2014: 1, by 2015: 1, by 2016: 1 + 2 = 3, by 2017: 3
    assert table["adopted"].tolist() == [1, 1, 3, 3]
    # shares over the 4 known, not the 5 provinces: 1/4, 1/4, 3/4, 3/4
    assert table["share"].tolist() == pytest.approx([0.25, 0.25, 0.75, 0.75])
    assert table["n"].tolist() == [4, 4, 4, 4]


def test_cumulative_adoption_counts_years_before_start():
    table = cumulative_adoption(by_province(2010, 2015), 2014, 2015)
    # 2010 <= 2014, so it is already adopted in the first row
    assert table["adopted"].tolist() == [1, 2]


def test_cumulative_adoption_with_no_known_year_has_missing_share():
    table = cumulative_adoption(by_province(np.nan, None, dtype=object), 2014, 2015)
    assert table["adopted"].tolist() == [0, 0]
    assert table["share"].isna().all()


def test_cumulative_adoption_rejects_reversed_range():
    with pytest.raises(ValueError):
        cumulative_adoption(by_province(2014), 2016, 2014)


def test_adoption_spread():
    result = adoption_spread(by_province(2014, 2016, np.nan, 2016, 2020))
    # known: 2014, 2016, 2016, 2020 -> median of the middle two (2016 + 2016) / 2 = 2016
    assert result.n == 4
    assert (result.first, result.last) == (2014, 2020)
    assert result.median == pytest.approx(2016.0)
    # 2020 - 2014 = 6
    assert result.span_years == 6


def test_adoption_spread_median_between_two_years():
    # median of 2014, 2017 = (2014 + 2017) / 2 = 2015.5
    assert adoption_spread(by_province(2017, 2014)).median == pytest.approx(2015.5)


def test_adoption_spread_with_no_known_year():
    result = adoption_spread(by_province(np.nan, np.nan))
    assert result.n == 0
    assert result.first is None and result.last is None
    assert result.median is None and result.span_years is None


# --- correlation -------------------------------------------------------------------------


def test_correlation_of_a_perfect_linear_relation():
    x = by_province(1, 2, 3, 4, 5)
    result = correlation(x, 2 * x + 1)
    assert result.n == 5
    assert result.pearson_r == pytest.approx(1.0)
    assert result.spearman_rho == pytest.approx(1.0)
    assert result.reliable is True
    assert result.warning is None


def test_correlation_worked_by_hand():
    result = correlation(by_province(1, 2, 3), by_province(1, 3, 2))
    # means 2 and 2; dx = -1, 0, 1; dy = -1, 1, 0
    # sum dx*dy = 1; sum dx^2 = 2; sum dy^2 = 2; r = 1 / sqrt(2 * 2) = 0.5
    # the values are already ranks, so Spearman's rho is also 0.5
    assert result.pearson_r == pytest.approx(0.5)
    assert result.spearman_rho == pytest.approx(0.5)
    assert result.reliable is False
    assert result.warning == "Rests on 3 provinces; fewer than 5, so not a headline figure."


def test_correlation_monotonic_but_not_linear():
    x = by_province(1, 2, 3, 4, 5)
    result = correlation(x, x**3)
    assert result.spearman_rho == pytest.approx(1.0)
    assert result.pearson_r < 0.99


def test_correlation_with_two_pairs_is_none():
    x = by_province(1, 2, np.nan, 4)
    y = by_province(3, 5, 7, np.nan)
    result = correlation(x, y)
    # only Beijing and Tianjin have both values
    assert result.n == 2
    assert result.pearson_r is None
    assert result.spearman_rho is None
    assert result.reliable is False
    assert result.warning == "Rests on 2 provinces; fewer than 5, so not a headline figure."


def test_correlation_aligns_on_index_not_position():
    x = pd.Series({BEIJING: 1.0, TIANJIN: 2.0, HEBEI: 3.0, SHANXI: 4.0})
    # same pairing as y = -x, written in reverse order
    y = pd.Series({SHANXI: -4.0, HEBEI: -3.0, TIANJIN: -2.0, BEIJING: -1.0})
    assert correlation(x, y).pearson_r == pytest.approx(-1.0)


def test_correlation_with_zero_variance_is_none():
    result = correlation(by_province(1, 2, 3, 4), by_province(5, 5, 5, 5))
    assert result.n == 4
    assert result.pearson_r is None
    assert result.spearman_rho is None


# --- group_spread ------------------------------------------------------------------------


def test_group_spread_keeps_a_group_without_values():
    values = pd.Series({BEIJING: 10.0, TIANJIN: 30.0, SHANXI: np.nan, GUANGDONG: 60.0})
    groups = pd.Series({BEIJING: "East", TIANJIN: "East", SHANXI: "Central",
                        GUANGDONG: "South"})
    table = group_spread(values, groups)
    assert list(table.index) == ["East", "Central", "South"]
    # grand total 10 + 30 + 60 = 100
    # East: n 2, total 40, mean 20, median 20, share 40 / 100 = 0.4
    assert table.loc["East"].tolist() == pytest.approx([2, 40.0, 20.0, 20.0, 0.4])
    # South: n 1, total 60, share 0.6
    assert table.loc["South", "share_of_total"] == pytest.approx(0.6)
    # Central's only province is missing: n = 0 and its total is unknown, not 0
    assert table.loc["Central", "n"] == 0
    assert table.loc["Central", ["total", "mean", "median", "share_of_total"]].isna().all()


def test_group_spread_lists_empty_categories():
    values = pd.Series({BEIJING: 1.0, SHANGHAI: 3.0})
    groups = pd.Series(
        {BEIJING: "North", SHANGHAI: "East"},
        dtype=pd.CategoricalDtype(["North", "East", "Northwest"]),
    )
    table = group_spread(values, groups)
    assert list(table.index) == ["North", "East", "Northwest"]
    assert table["n"].tolist() == [1, 1, 0]
    # 1 / 4 and 3 / 4
    assert table["share_of_total"].iloc[:2].tolist() == pytest.approx([0.25, 0.75])


def test_group_spread_rejects_a_value_without_a_group():
    values = pd.Series({BEIJING: 1.0, SHANGHAI: 3.0})
    groups = pd.Series({BEIJING: "North"})
    with pytest.raises(ValueError, match=SHANGHAI):
        group_spread(values, groups)
