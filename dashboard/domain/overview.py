"""The headline numbers of the first screen, each with the page and dataset it comes from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.domain.regulations import RegulationTables, prevalence


@dataclass(frozen=True)
class Headline:
    """One number card: its text keys, the values filled in, and where it comes from."""

    key: str
    values: dict
    page: str
    dataset: str


def headline_numbers(tables: RegulationTables, areas: pd.DataFrame, scores: pd.DataFrame) -> list[Headline]:
    """Four numbers that say the SCS is many local systems, each one click from its source."""
    adopted = tables.regulations[tables.regulations["status"] == "adopted"]
    coded = tables.provisions[tables.provisions["level"] == "province"]
    shares = prevalence(coded, tables.items[tables.items["family"] == "provision"])
    in_scope = int(tables.provinces["in_scope"].astype(bool).sum())
    schemes = int(((scores["kind"] == "score") & scores["distinct_scheme"].astype(bool)).sum())
    return [
        Headline("regulations", {"n": len(adopted), "total": in_scope, "first": adopted["adopted"].min()[:4],
                                 "last": adopted["adopted"].max()[:4]}, "app_pages/regulations.py",
                 "regulations_provincial"),
        Headline("shared", {"all": int((shares["share"] == 1).sum()), "n": len(shares),
                            "few": int((shares["share"] < 0.5).sum())}, "app_pages/regulations.py",
                 "regulation_provisions"),
        Headline("areas", {"n": len(areas), "provinces": int(areas["adcode"].nunique())}, "app_pages/cities.py",
                 "demonstration_areas"),
        Headline("scores", {"n": schemes}, "app_pages/cities.py", "city_scores"),
    ]
