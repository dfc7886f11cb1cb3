"""The regulations coded article by article: matrix states, similarity, diffusion, agreement.

Pure pandas. Inputs are the processed tables in ``TABLES``; a regulation is identified by ``jurisdiction``: the 6-digit code of its province or city.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from dashboard.text import name_pair

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


# ------------------------------------------------------------------ what the page shows


# Read by the Regulations page and the Overview, in RegulationTables order.
TABLES = ["regulation_provisions", "regulation_items", "regulations_provincial", "regulations_municipal",
          "regulation_coding_independent", "provinces"]


class RegulationTables(NamedTuple):
    """The processed tables the Regulations page reads (in ``TABLES`` order)."""

    provisions: pd.DataFrame
    items: pd.DataFrame
    regulations: pd.DataFrame
    municipal: pd.DataFrame
    coders: pd.DataFrame
    provinces: pd.DataFrame


@dataclass(frozen=True)
class PageContext:
    """Names, labels, dates and counts every part of the page shares (one language)."""

    lang: str
    names: dict[str, str]
    labels: dict[str, str]
    families: dict[str, list[str]]
    adopted: pd.Series
    rows: pd.DataFrame
    n_in_scope: int
    n_adopted: int
    n_coded: int
    source_ids: list[str]

    def items_of(self, family: str) -> list[str]:
        """Items of one family (provision, sector, group), in codebook order."""
        return self.families[family]

    def shown_rows(self, with_cities: bool) -> pd.DataFrame:
        """The matrix rows: provinces, and the coded cities when asked."""
        return self.rows if with_cities else self.rows[self.rows["level"] == "province"]

    def with_regulation(self, with_cities: bool) -> list[str]:
        """Jurisdictions that have a coded regulation, in adoption order."""
        rows = self.shown_rows(with_cities)
        return rows.loc[rows["has_regulation"], "jurisdiction"].tolist()


def page_context(tables: RegulationTables, lang: str) -> PageContext:
    """Everything the page's parts share, from the processed tables."""
    regs, municipal, provisions = tables.regulations, tables.municipal, tables.provisions
    names = {row.adcode: name_pair(row.province_zh, row.province_en, lang) for row in regs.itertuples()}
    cities = provisions.loc[provisions["level"] == "city", ["jurisdiction", "source_id"]].drop_duplicates("jurisdiction")
    by_source = municipal.set_index("source_id")
    for row in cities.itertuples():
        names[row.jurisdiction] = name_pair(by_source.at[row.source_id, "city_zh"], by_source.at[row.source_id, "city_en"],
                                            lang)
    city_dates = pd.Series({row.jurisdiction: by_source.at[row.source_id, "adopted"] for row in cities.itertuples()},
                           dtype=object)
    items = tables.items.sort_values("position")
    labels = dict(zip(items["item"], items["label_zh" if lang == "zh" else "label_en"], strict=True))
    families = {f: items.loc[items["family"] == f, "item"].tolist() for f in items["family"].unique()}
    return PageContext(
        lang=lang, names=names, labels=labels, families=families,
        adopted=pd.concat([regs.set_index("adcode")["adopted"].astype(object), city_dates]),
        rows=regulation_rows(regs, provisions),
        n_in_scope=int(tables.provinces["in_scope"].astype(bool).sum()),
        n_adopted=int((regs["status"] == "adopted").sum()),
        n_coded=int(provisions.loc[provisions["level"] == "province", "jurisdiction"].nunique()),
        source_ids=sorted(provisions["source_id"].unique()),
    )


def pair_table(tables: RegulationTables, context: PageContext, left: str, right: str,
               words: dict[str, str]) -> tuple[pd.DataFrame, int]:
    """Two regulations item by item, as a display table; and how many items differ."""
    rows = context.rows[context.rows["jurisdiction"].isin([left, right])]
    pair = side_by_side(matrix_states(tables.provisions, tables.items, rows, family=None), left, right)
    table = pd.DataFrame({words["item"]: pair["item"].map(context.labels)})
    for side, code in (("left", left), ("right", right)):
        table[context.names[code]] = pair[f"state_{side}"].map(words)
        table[f"{context.names[code]} · {words['articles_header']}"] = \
            pair[f"articles_{side}"].fillna("").str.replace(";", ", ")
    table[words["differs"]] = pair["differs"]
    return table, int(pair["differs"].sum())


@dataclass(frozen=True)
class Difference:
    """How far the provincial regulations differ on one family of items."""

    shares: pd.DataFrame
    similarity: pd.DataFrame
    order: list[str]
    rare: pd.DataFrame
    summary: dict[str, float | int]
    default_diffusion: list[str]


def difference_summary(tables: RegulationTables, context: PageContext, family: str) -> Difference:
    """Prevalence, pairwise Jaccard similarity and minority items of the provincial regulations."""
    coded = tables.provisions[tables.provisions["level"] == "province"]
    chosen = context.items_of(family)
    shares = prevalence(coded, tables.items[tables.items["family"] == family])
    similarity = jaccard_matrix(yes_sets(coded, chosen))
    upper = similarity.to_numpy()[np.triu_indices(len(similarity), 1)]
    summary = {"mean": float(upper.mean()), "low": float(upper.min()), "high": float(upper.max()),
               "all": int((shares["share"] == 1).sum()), "few": int((shares["share"] < 0.5).sum()),
               "n": len(shares)}
    varied = shares.loc[(shares["share"] > 0) & (shares["share"] < 1), "item"].tolist()
    return Difference(shares=shares, similarity=similarity, order=order_by_similarity(similarity),
                      rare=minority_provisions(coded[coded["item"].isin(chosen)], shares), summary=summary,
                      default_diffusion=(varied or chosen)[:3])


def rare_table(context: PageContext, difference: Difference, words: dict[str, str]) -> pd.DataFrame:
    """Per regulation, the items most others lack, as a display table."""
    rare = difference.rare
    return pd.DataFrame({
        words["regulation"]: rare["jurisdiction"].map(context.names),
        words["count"]: rare["count"],
        words["items"]: rare["items"].map(lambda s: "; ".join(context.labels[i] for i in s.split(";") if i)),
    })


def first_adopters(spread: pd.DataFrame, context: PageContext) -> list[dict[str, str]]:
    """For each item drawn: its label, the first regulation that had it, and that one's date."""
    firsts = spread.drop_duplicates("item")
    return [{"item": context.labels[r.item], "name": context.names.get(r.first_jurisdiction, ""),
             "date": r.first_adopted} for r in firsts.itertuples()]


def adopted_by_year(context: PageContext) -> pd.Series:
    """How many provincial regulations were adopted by the end of each year."""
    dates = context.rows.loc[(context.rows["level"] == "province") & context.rows["has_regulation"], "adopted"]
    years = pd.to_numeric(dates.str[:4])
    return pd.Series({y: int((years <= y).sum()) for y in range(int(years.min()), int(years.max()) + 1)})


def agreement_table(tables: RegulationTables, context: PageContext,
                    words: dict[str, str]) -> tuple[pd.DataFrame, dict[str, float | int]]:
    """The coders' agreement per item as a display table, and the overall figures."""
    per_item, overall = coding_agreement(tables.coders, tables.items)
    table = pd.DataFrame({
        words["item"]: per_item["item"].map(context.labels),
        words["cases"]: per_item["cases"],
        words["agreement"]: per_item["agreement"].map(lambda a: f"{a:.3f}"),
        "Cohen's κ": per_item["kappa"].map(lambda k: words["not_applicable"] if pd.isna(k) else f"{k:.2f}"),
        words["disagreements"]: per_item["disagreements"],
    })
    summary = {"agreed": overall["cases"] - overall["disagreements"], "cases": overall["cases"],
               "share": overall["agreement"], "kappa": overall["kappa"]}
    return table, summary


def coded_rows(tables: RegulationTables, context: PageContext, words: dict[str, str]) -> pd.DataFrame:
    """Every coded row with its articles: what the download button gives (plain text cells)."""
    p = tables.provisions
    frame = pd.DataFrame({
        "regulation": p["jurisdiction"].map(context.names), "jurisdiction": p["jurisdiction"],
        "item": p["item"], "label": p["item"].map(context.labels), "present": p["present"],
        "articles": p["articles"], "value": p["value"].map(lambda v: "" if pd.isna(v) else f"{v:g}"),
        "coding": p["coding"], "note": p["note"], "source_id": p["source_id"], "confidence": p["confidence"],
    })
    return frame.fillna("")
