"""Logic behind the Regulations page, on small hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.domain import regulations as reg

ITEMS = pd.DataFrame({
    "item": ["list", "repair", "score", "sector_x"],
    "position": [1, 2, 3, 4],
    "family": ["provision", "provision", "provision", "sector"],
})


def provisions(rows):
    frame = pd.DataFrame(rows, columns=["jurisdiction", "item", "present"])
    return frame.assign(level="province", articles=frame["present"].map({"yes": "3", "no": None}),
                        value=None, note="")


@pytest.fixture
def coded():
    return provisions([
        ("110000", "list", "yes"), ("110000", "repair", "yes"), ("110000", "score", "no"), ("110000", "sector_x", "yes"),
        ("120000", "list", "yes"), ("120000", "repair", "no"), ("120000", "score", "no"),  # sector_x not coded
    ])


@pytest.fixture
def regulations():
    return pd.DataFrame({
        "adcode": ["110000", "120000", "130000"],
        "status": ["adopted", "adopted", "none found"],
        "adopted": ["2021-05-01", "2017-03-30", None],
    })


def test_rows_in_adoption_order_with_unregulated_last(coded, regulations):
    rows = reg.regulation_rows(regulations, coded)
    assert rows["jurisdiction"].tolist() == ["120000", "110000", "130000"]
    assert rows["has_regulation"].tolist() == [True, True, False]


def test_no_not_coded_and_no_regulation_are_distinct_states(coded, regulations):
    rows = reg.regulation_rows(regulations, coded)
    states = reg.matrix_states(coded, ITEMS, rows, family=None).set_index(["jurisdiction", "item"])["state"]
    assert states["120000", "repair"] == reg.NO
    assert states["120000", "sector_x"] == reg.NOT_CODED
    assert states["130000", "list"] == reg.NO_REGULATION
    assert states["110000", "list"] == reg.YES


def test_family_filter_keeps_only_that_family(coded, regulations):
    rows = reg.regulation_rows(regulations, coded)
    states = reg.matrix_states(coded, ITEMS, rows, family="sector")
    assert set(states["item"]) == {"sector_x"}


def test_jaccard_of_provision_sets():
    sim = reg.jaccard_matrix({"a": frozenset({"x", "y"}), "b": frozenset({"y", "z"}), "c": frozenset()})
    assert sim.at["a", "b"] == pytest.approx(1 / 3)
    assert sim.at["a", "a"] == 1.0
    assert sim.at["a", "c"] == 0.0
    assert sim.at["c", "c"] == 1.0


def test_prevalence_counts_only_coded_regulations(coded):
    shares = reg.prevalence(coded, ITEMS).set_index("item")
    assert shares.at["list", "yes"] == 2 and shares.at["list", "share"] == 1.0
    assert shares.at["sector_x", "coded"] == 1  # not coded for 120000: not counted as a "no"
    assert shares.at["score", "share"] == 0.0


def test_minority_provisions_counts_what_most_lack():
    frame = provisions([
        ("a", "list", "yes"), ("a", "score", "yes"),
        ("b", "list", "yes"), ("b", "score", "no"),
        ("c", "list", "yes"), ("c", "score", "no"),
    ])
    rare = reg.minority_provisions(frame, reg.prevalence(frame, ITEMS)).set_index("jurisdiction")
    assert rare.at["a", "count"] == 1 and rare.at["a", "items"] == "score"
    assert rare.at["b", "count"] == 0


def test_diffusion_names_the_first_adopter_and_counts_by_year(coded):
    adopted = pd.Series({"110000": "2021-05-01", "120000": "2017-03-30"})
    spread = reg.diffusion(coded, adopted)
    lists = spread[spread["item"] == "list"].set_index("year")
    assert lists.at[2017, "count"] == 1 and lists.at[2021, "count"] == 2
    assert lists.at[2019, "count"] == 1
    assert lists["first_jurisdiction"].iloc[0] == "120000"
    repair = spread[spread["item"] == "repair"].set_index("year")
    assert repair.at[2017, "count"] == 0 and repair["first_jurisdiction"].iloc[0] == "110000"


def test_side_by_side_marks_differences(coded, regulations):
    rows = reg.regulation_rows(regulations, coded)
    states = reg.matrix_states(coded, ITEMS, rows, family=None)
    pair = reg.side_by_side(states, "110000", "120000").set_index("item")
    assert pair.at["repair", "differs"] and not pair.at["list", "differs"]
    assert pair.at["sector_x", "state_right"] == reg.NOT_CODED


def test_kappa_by_hand():
    # 10 cases: both yes 4, both no 4, A yes/B no 1, A no/B yes 1 -> po 0.8, pe 0.5, kappa 0.6
    a = pd.Series(["yes"] * 5 + ["no"] * 5)
    b = pd.Series(["yes"] * 4 + ["no"] + ["yes"] + ["no"] * 4)
    observed, kappa = reg.cohen_kappa(a, b)
    assert observed == pytest.approx(0.8) and kappa == pytest.approx(0.6)


def test_kappa_is_undefined_without_variation():
    observed, kappa = reg.cohen_kappa(pd.Series(["yes", "yes"]), pd.Series(["yes", "yes"]))
    assert observed == 1.0 and math.isnan(kappa)


def test_coding_agreement_per_item_and_overall():
    coders = pd.DataFrame({
        "jurisdiction": ["a", "a", "b", "b", "a", "a", "b", "b"],
        "item": ["list", "list", "list", "list", "score", "score", "score", "score"],
        "coder": ["A", "B"] * 4,
        "present": ["yes", "yes", "no", "no", "yes", "no", "no", "no"],
    })
    per_item, overall = reg.coding_agreement(coders, ITEMS)
    per_item = per_item.set_index("item")
    assert per_item.at["list", "agreement"] == 1.0 and per_item.at["list", "kappa"] == 1.0
    assert per_item.at["score", "disagreements"] == 1
    assert overall["cases"] == 4 and overall["disagreements"] == 1
