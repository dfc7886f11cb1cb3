"""How the instruments spread over time: adoption years, cumulative counts and their sentences."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.domain.adoption import AdoptionSpread, adoption_spread, cumulative_adoption
from dashboard.domain.fragmentation import (
    REGULATION_YEAR,
    Tables,
    _present_sources,
    chinese_names,
    english_names,
    has_indicator,
    latest,
    mainland_codes,
    memoised,
    meta,
    province_names,
)
from dashboard.domain.indicators import indicator_view, split_source_ids, view_rows
from dashboard.text import join_words, name_pair, words
from dashboard.text.fragmentation import FRAGMENTATION_WORDS

# The diffusion curves start with the State Council's 2014 Planning Outline, the programme's
# founding document; the end is the latest year found in the data.
DIFFUSION_START = 2014


@memoised
def years_of(tables: Tables) -> dict[str, pd.Series]:
    """The year series behind each diffusion curve (missing = year unknown)."""
    codes = mainland_codes(tables.provinces)
    series: dict[str, pd.Series] = {}
    if has_indicator(tables, REGULATION_YEAR):
        series["regulation"] = latest(tables.indicators, REGULATION_YEAR, codes)["value"]
    if tables.demonstration_areas is not None:
        series["demonstration_areas"] = pd.to_numeric(tables.demonstration_areas["year"], errors="coerce")
    if tables.city_scores is not None:
        series["score_systems"] = pd.to_numeric(tables.city_scores["year"], errors="coerce").astype("float64")
    return series


@memoised
def diffusion_range(tables: Tables) -> tuple[int, int]:
    """First and last year of the diffusion curves: 2014 to the latest year in the data."""
    known = [int(s.max()) for s in years_of(tables).values() if s.notna().any()]
    end = max(known) if known else DIFFUSION_START
    return DIFFUSION_START, max(end, DIFFUSION_START)


@memoised
def diffusion_table(tables: Tables, start: int, end: int) -> pd.DataFrame:
    """Cumulative counts per year from ``start`` to ``end``: one column per available series.

    Rows with an unknown year are in no year (see :func:`undated_scores`).
    """
    table = pd.DataFrame({"year": list(range(start, end + 1))})
    for key, years in years_of(tables).items():
        table[key] = cumulative_adoption(years, start, end)["adopted"].to_numpy()
    return table


@memoised
def undated_scores(tables: Tables, lang: str = "en") -> pd.DataFrame:
    """City credit-score systems without a confirmed launch year.

    In Chinese the system's Chinese name ("—" where the sources give none) and, beside it, its
    English name as published (``score_en``): no name is translated here.
    """
    scores = tables.city_scores
    if scores is None:
        return pd.DataFrame(columns=["city", "province", "score", "source_id"])
    rows = scores[scores["year"].isna()]
    names = province_names(tables.provinces, lang)
    table = pd.DataFrame({
        "city": [name_pair(zh, en, lang) for zh, en in zip(rows["city_zh"], rows["city_en"], strict=True)],
        "province": [names.get(str(c), str(c)) for c in rows["adcode"]],
        "score": rows["score_name_en"].astype(str).to_numpy(),
        "source_id": rows["source_id"].astype(str).to_numpy(),
    })
    if lang == "zh":
        table.insert(3, "score_en", table["score"])
        table["score"] = rows["score_name_zh"].fillna("—").astype(str).to_numpy()
    return table


@dataclass(frozen=True)
class AdoptionSummary:
    """When provinces adopted their own regulation, with names for the extremes."""

    spread: AdoptionSpread
    n_total: int
    first_names: list[str]
    last_names: list[str]
    none_names: list[str]
    first_sources: list[str]
    last_sources: list[str]
    sources: list[str]


@memoised
def adoption_summary(tables: Tables) -> AdoptionSummary | None:
    """:func:`adoption_spread` of the regulation years plus who came first and last."""
    if not has_indicator(tables, REGULATION_YEAR):
        return None
    codes = mainland_codes(tables.provinces)
    data = latest(tables.indicators, REGULATION_YEAR, codes)
    years = data["value"]
    result = adoption_spread(years)
    names = english_names(tables.provinces)

    def who(year) -> tuple[list[str], list[str]]:
        if year is None:
            return [], []
        chosen = years[years == year].index
        return [names[c] for c in chosen], split_source_ids(data.loc[chosen, "source_id"])

    first_names, first_sources = who(result.first)
    last_names, last_sources = who(result.last)
    return AdoptionSummary(
        spread=result, n_total=len(codes), first_names=first_names, last_names=last_names,
        none_names=[names[c] for c in years[years.isna()].index], first_sources=first_sources,
        last_sources=last_sources, sources=_present_sources(data),
    )


def adoption_sentence(summary: AdoptionSummary, lang: str = "en", provinces: pd.DataFrame | None = None) -> str:
    """One line on the spread of adoption years, in ``lang`` (province names from ``provinces``)."""
    w = words(FRAGMENTATION_WORDS, lang)
    s = summary.spread
    if s.n == 0:
        return w["adoption_none"].format(total=summary.n_total)
    median = f"{s.median:.0f}" if float(s.median).is_integer() else f"{s.median:.1f}"
    shown = {}
    if lang == "zh" and provinces is not None:
        chinese = chinese_names(provinces)
        shown = {name: chinese[code] for code, name in english_names(provinces).items()}

    def join(names: list[str]) -> str:
        named = [shown.get(n, n) for n in names]
        return "、".join(named) if lang == "zh" else join_words(named)

    return w["adoption_sentence"].format(first=s.first, first_names=join(summary.first_names), last=s.last,
                                         last_names=join(summary.last_names), median=median, span=s.span_years,
                                         n=s.n, total=summary.n_total)


DIFFUSION_SERIES = {"regulation": REGULATION_YEAR, "demonstration_areas": "demonstration_areas",
                    "score_systems": "city_scores"}


@memoised
def diffusion_rows(tables: Tables) -> pd.DataFrame:
    """The diffusion curves as long rows: series, year, cumulative count, and the series' source ids."""
    start, end = diffusion_range(tables)
    table = diffusion_table(tables, start, end)
    sources = {
        "regulation": lambda: _present_sources(latest(tables.indicators, REGULATION_YEAR,
                                                      mainland_codes(tables.provinces))),
        "demonstration_areas": lambda: split_source_ids(tables.demonstration_areas["source_id"]),
        "score_systems": lambda: split_source_ids(tables.city_scores["source_id"]),
    }
    frames = [
        pd.DataFrame({"series": key, "dataset": DIFFUSION_SERIES[key], "year": table["year"],
                      "cumulative": table[key], "source_id": ";".join(sources[key]())})
        for key in DIFFUSION_SERIES if key in table
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["series", "dataset", "year", "cumulative", "source_id"])


@memoised
def adoption_map_rows(tables: Tables, year: int) -> pd.DataFrame:
    """The regulation map's provinces as of the end of ``year`` (see :func:`view_rows`)."""
    view = indicator_view(tables.indicators, meta(tables.catalogue, REGULATION_YEAR), as_of=year)
    return view_rows(view, tables.provinces, indicator=REGULATION_YEAR)
