"""The regulations coded article by article: matrix states, similarity, diffusion, agreement.

Pure pandas. Inputs are the processed tables ``regulation_provisions`` (one row per
regulation × item), ``regulation_items`` (the codebook's items), ``regulations_provincial``
(one row per province) and ``regulation_coding_independent`` (the two coders' codes).
A regulation is identified by ``jurisdiction``: the 6-digit code of its province or city.
"""

from __future__ import annotations

import pandas as pd

# The four states a matrix cell can be in; "no" means the whole text was read.
YES, NO, NOT_CODED, NO_REGULATION = "yes", "no", "not coded", "no regulation"
STATES = (YES, NO, NOT_CODED, NO_REGULATION)


def regulation_rows(regulations: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction to show, in adoption order, then those without a regulation.

    Parameters
    ----------
    regulations : pandas.DataFrame
        ``regulations_provincial``: ``adcode``, ``status``, ``adopted`` (ISO date or NA).
    provisions : pandas.DataFrame
        ``regulation_provisions``: ``jurisdiction``, ``level``.

    Returns
    -------
    pandas.DataFrame
        ``jurisdiction``, ``level``, ``adopted``, ``has_regulation``; provinces with an
        adopted regulation first (earliest first), then coded cities, then the provinces
        without one.
    """
    coded = provisions.drop_duplicates("jurisdiction")[["jurisdiction", "level"]]
    provinces = regulations[["adcode", "status", "adopted"]].rename(columns={"adcode": "jurisdiction"})
    provinces = provinces.assign(level="province", has_regulation=provinces["status"].eq("adopted"))
    cities = coded[coded["level"] == "city"].assign(has_regulation=True, adopted=pd.NA)
    frame = pd.concat([provinces.drop(columns="status"), cities], ignore_index=True)
    frame["_group"] = frame["level"].eq("city").astype(int) + (~frame["has_regulation"]).astype(int) * 2
    frame = frame.sort_values(["_group", "adopted", "jurisdiction"], na_position="last")
    return frame.drop(columns="_group").reset_index(drop=True)


def matrix_states(
    provisions: pd.DataFrame, items: pd.DataFrame, rows: pd.DataFrame, family: str | None = "provision"
) -> pd.DataFrame:
    """Every jurisdiction × item with its state, articles and note.

    A jurisdiction without an adopted regulation is ``no regulation`` for every item; an item
    its regulation was not coded for is ``not coded``: the two never read as ``no``.

    Parameters
    ----------
    provisions, items : pandas.DataFrame
        ``regulation_provisions`` and ``regulation_items``.
    rows : pandas.DataFrame
        From :func:`regulation_rows`: which jurisdictions, in which order.
    family : str or None
        Keep only items of this family (``provision``, ``sector``, ``group``); None for all.

    Returns
    -------
    pandas.DataFrame
        ``jurisdiction``, ``item``, ``state``, ``articles``, ``value``, ``note``, ``row``
        (the jurisdiction's position) and ``position`` (the item's).
    """
    chosen = items if family is None else items[items["family"] == family]
    grid = rows[["jurisdiction", "has_regulation"]].assign(row=range(len(rows))).merge(
        chosen[["item", "position"]], how="cross"
    )
    coded = provisions[["jurisdiction", "item", "present", "articles", "value", "note"]]
    grid = grid.merge(coded, on=["jurisdiction", "item"], how="left")
    grid["state"] = grid["present"].where(grid["present"].isin([YES, NO]), NOT_CODED)
    grid.loc[~grid["has_regulation"], "state"] = NO_REGULATION
    return grid.drop(columns=["present", "has_regulation"]).sort_values(["row", "position"]).reset_index(drop=True)


def yes_sets(provisions: pd.DataFrame, items: pd.Series | None = None) -> dict[str, frozenset[str]]:
    """The set of items each coded regulation establishes (optionally only ``items``)."""
    chosen = provisions if items is None else provisions[provisions["item"].isin(items)]
    yes = chosen[chosen["present"] == YES]
    sets = yes.groupby("jurisdiction")["item"].agg(frozenset).to_dict()
    return {code: sets.get(code, frozenset()) for code in chosen["jurisdiction"].unique()}


def jaccard_matrix(sets: dict[str, frozenset[str]]) -> pd.DataFrame:
    """Pairwise Jaccard similarity |A ∩ B| / |A ∪ B| of provision sets (1 on the diagonal).

    Two empty sets are defined as similarity 1 (they provide for the same: nothing).
    """
    codes = list(sets)
    values = [
        [len(sets[a] & sets[b]) / len(sets[a] | sets[b]) if sets[a] | sets[b] else 1.0 for b in codes]
        for a in codes
    ]
    return pd.DataFrame(values, index=codes, columns=codes)


def order_by_similarity(similarity: pd.DataFrame) -> list[str]:
    """Jurisdictions ordered so similar ones sit together: by mean similarity, highest first."""
    return similarity.mean(axis=1).sort_values(ascending=False, kind="stable").index.tolist()


def prevalence(provisions: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """How many coded regulations establish each item.

    Returns
    -------
    pandas.DataFrame
        ``item``, ``family``, ``position``, ``yes``, ``coded`` (regulations coded for it)
        and ``share`` (``yes / coded``), in codebook order.
    """
    coded = provisions[provisions["present"].isin([YES, NO])]
    counts = coded.groupby("item").agg(yes=("present", lambda s: int((s == YES).sum())), coded=("present", "size"))
    out = items[["item", "family", "position"]].merge(counts, on="item", how="left")
    out[["yes", "coded"]] = out[["yes", "coded"]].fillna(0).astype(int)
    out["share"] = out["yes"] / out["coded"].where(out["coded"] > 0)
    return out.sort_values("position").reset_index(drop=True)


def minority_provisions(provisions: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Per regulation, the items it establishes that most coded regulations lack (share < 1/2).

    Returns
    -------
    pandas.DataFrame
        ``jurisdiction``, ``count`` and ``items`` (a ``;``-joined list), most first.
    """
    rare = set(shares.loc[shares["share"] < 0.5, "item"])
    yes = provisions[(provisions["present"] == YES) & provisions["item"].isin(rare)]
    grouped = yes.groupby("jurisdiction")["item"].agg(count="size", items=lambda s: ";".join(sorted(s)))
    every = pd.DataFrame(index=pd.Index(provisions["jurisdiction"].unique(), name="jurisdiction"))
    out = every.join(grouped).fillna({"count": 0, "items": ""}).reset_index()
    out["count"] = out["count"].astype(int)
    return out.sort_values(["count", "jurisdiction"], ascending=[False, True]).reset_index(drop=True)


def diffusion(provisions: pd.DataFrame, adopted: pd.Series) -> pd.DataFrame:
    """For each item: the first regulation that established it and how many had it by each year.

    Parameters
    ----------
    provisions : pandas.DataFrame
        ``regulation_provisions`` (only provincial rows are meaningful here).
    adopted : pandas.Series
        Adoption date (ISO string) by jurisdiction.

    Returns
    -------
    pandas.DataFrame
        One row per item × year from the first adoption year to the last: ``item``, ``year``,
        ``count`` (regulations adopted by the end of that year that establish the item),
        ``first_jurisdiction`` and ``first_adopted``.
    """
    yes = provisions[provisions["present"] == YES][["jurisdiction", "item"]].copy()
    yes["adopted"] = yes["jurisdiction"].map(adopted)
    yes = yes.dropna(subset=["adopted"])
    if yes.empty:
        return pd.DataFrame(columns=["item", "year", "count", "first_jurisdiction", "first_adopted"])
    yes["year"] = yes["adopted"].str[:4].astype(int)
    years = range(yes["year"].min(), yes["year"].max() + 1)
    first = yes.sort_values(["adopted", "jurisdiction"]).drop_duplicates("item").set_index("item")
    rows = [
        {"item": item, "year": year, "count": int((group["year"] <= year).sum()),
         "first_jurisdiction": first.at[item, "jurisdiction"], "first_adopted": first.at[item, "adopted"]}
        for item, group in yes.groupby("item") for year in years
    ]
    return pd.DataFrame(rows)


def side_by_side(states: pd.DataFrame, left: str, right: str) -> pd.DataFrame:
    """Two jurisdictions item by item: each one's state and articles, and whether they differ."""
    def one(code: str) -> pd.DataFrame:
        part = states[states["jurisdiction"] == code].set_index("item")
        return part[["state", "articles", "position"]]

    a, b = one(left), one(right)
    out = a.add_suffix("_left").join(b.drop(columns="position").add_suffix("_right"))
    out = out.rename(columns={"position_left": "position"})
    out["differs"] = out["state_left"] != out["state_right"]
    return out.sort_values("position").reset_index()


def cohen_kappa(first: pd.Series, second: pd.Series) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa of two yes/no codings of the same cases.

    Kappa is NaN when chance agreement is 1 (both coders gave one and the same code to
    every case): it is undefined there, although agreement is perfect.
    """
    a = first.eq(YES).to_numpy()
    b = second.eq(YES).to_numpy()
    observed = float((a == b).mean())
    pa, pb = a.mean(), b.mean()
    chance = float(pa * pb + (1 - pa) * (1 - pb))
    kappa = float("nan") if chance == 1 else (observed - chance) / (1 - chance)
    return observed, kappa


def coding_agreement(coders: pd.DataFrame, items: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, float]]:
    """Agreement of the two independent coders before reconciliation, per item and overall.

    Parameters
    ----------
    coders : pandas.DataFrame
        ``regulation_coding_independent``: ``jurisdiction``, ``item``, ``coder`` (A/B), ``present``.
    items : pandas.DataFrame
        ``regulation_items`` (for order and family).

    Returns
    -------
    per_item : pandas.DataFrame
        ``item``, ``family``, ``cases``, ``agreement``, ``kappa``, ``disagreements``.
    overall : dict
        ``cases``, ``agreement``, ``kappa`` and ``disagreements`` over every code.
    """
    wide = coders.pivot_table(index=["jurisdiction", "item"], columns="coder", values="present", aggfunc="first")
    wide = wide.dropna(subset=["A", "B"]).reset_index()
    rows = []
    for item, group in wide.groupby("item"):
        observed, kappa = cohen_kappa(group["A"], group["B"])
        rows.append({"item": item, "cases": len(group), "agreement": observed, "kappa": kappa,
                     "disagreements": int((group["A"] != group["B"]).sum())})
    per_item = items[["item", "family", "position"]].merge(pd.DataFrame(rows), on="item", how="inner")
    observed, kappa = cohen_kappa(wide["A"], wide["B"])
    overall = {"cases": len(wide), "agreement": observed, "kappa": kappa,
               "disagreements": int((wide["A"] != wide["B"]).sum())}
    return per_item.sort_values("position").drop(columns="position").reset_index(drop=True), overall
