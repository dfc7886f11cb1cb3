"""The Fragmentation page's tables, figures and sentences: pure functions of processed tables.

Nothing here reads files or calls Streamlit. The page loads the processed tables, bundles them
in :class:`Tables` and passes them in; every number that reaches the screen is computed here
from those tables with the statistics of :mod:`dashboard.domain.statistics`, so it changes when
the data changes.

Missing is never zero: a province whose value no source reports stays missing (NaN) in every
table and is drawn apart from a recorded zero in every figure."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.domain.indicators import split_source_ids
from dashboard.domain.statistics import (
    DEFAULT_MIN_N,
    coverage_minimum,
    is_sample,
    per_capita,
    spread,
)
from dashboard.text import data_term, name_pair, number_text, words
from dashboard.text.findings import warning_text
from dashboard.text.fragmentation import FRAGMENTATION_TABLE_WORDS, FRAGMENTATION_WORDS

POPULATION = "population_2020"
GDP = "gdp_2020"
REGULATION_YEAR = "regulation_adoption_year"
DEMONSTRATION_COUNT = "demonstration_areas_per_province"
SCORE_COUNT = "city_score_systems_per_province"
BLACKLISTS = "blacklists_per_province"


@dataclass(frozen=True)
class Tables:
    """The processed tables the page uses; the optional ones may be ``None``."""

    indicators: pd.DataFrame
    catalogue: pd.DataFrame
    provinces: pd.DataFrame
    demonstration_areas: pd.DataFrame | None = None
    demonstration_batches: pd.DataFrame | None = None
    city_scores: pd.DataFrame | None = None
    # Results of the @memoised functions for these tables: each is computed once per
    # Tables object (and so, via data.once, once per data version), not once per caller.
    memo: dict = field(default_factory=dict, compare=False, repr=False)


def memoised(func: Callable) -> Callable:
    """``func(tables, ...)`` computed once per :class:`Tables` and arguments.

    Callers must not change the result in place: later callers get the same object.
    """

    @functools.wraps(func)
    def once_per_tables(tables: Tables, *args: Any, **kwargs: Any) -> Any:
        key = (func.__module__, func.__qualname__, args, tuple(sorted(kwargs.items())))
        if key not in tables.memo:
            tables.memo[key] = func(tables, *args, **kwargs)
        return tables.memo[key]

    return once_per_tables


def mainland(provinces: pd.DataFrame) -> pd.DataFrame:
    """The in-scope (mainland) provinces sorted by adcode."""
    frame = provinces[provinces["in_scope"].astype(bool)].sort_values("adcode")
    return frame.reset_index(drop=True)


def mainland_codes(provinces: pd.DataFrame) -> list[str]:
    """Adcodes of the mainland provinces, sorted."""
    return mainland(provinces)["adcode"].astype(str).tolist()


def province_names(provinces: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """Display name per adcode: 'Zhejiang 浙江', or '浙江 Zhejiang' when ``lang == "zh"``."""
    short = provinces["short_zh"] if "short_zh" in provinces else provinces["name_zh"]
    names = {}
    for code, en, zh in zip(provinces["adcode"], provinces["name_en"], short, strict=True):
        names[str(code)] = name_pair(zh, en, lang)
    return names


def english_names(provinces: pd.DataFrame) -> dict[str, str]:
    """English name per adcode, for sentences."""
    return dict(zip(provinces["adcode"].astype(str), provinces["name_en"].astype(str), strict=True))


def chinese_names(provinces: pd.DataFrame) -> dict[str, str]:
    """Short Chinese name per adcode ('浙江'), for Chinese sentences."""
    short = provinces["short_zh"] if "short_zh" in provinces else provinces["name_zh"]
    return dict(zip(provinces["adcode"].astype(str), short.astype(str), strict=True))


def meta(catalogue: pd.DataFrame, name: str) -> dict:
    """One catalogue entry as a dict, with ``""`` for missing fields."""
    row = catalogue[catalogue["name"] == name]
    if row.empty:
        raise KeyError(name)
    return {k: ("" if pd.isna(v) else v) for k, v in row.iloc[0].to_dict().items()}


def has_indicator(tables: Tables, name: str) -> bool:
    """Whether ``name`` is both in the catalogue and in the indicators table."""
    return bool((tables.catalogue["name"] == name).any()) and bool(
        (tables.indicators["indicator"] == name).any()
    )


def indicator_names(catalogue: pd.DataFrame) -> list[str]:
    """Province-level datasets except the normalisers, in registry order."""
    mask = catalogue["province_level"].astype(bool) & (catalogue["topic"] != "normaliser")
    return catalogue.loc[mask, "name"].tolist()


def latest(indicators: pd.DataFrame, name: str, codes: list[str]) -> pd.DataFrame:
    """Latest row of one indicator per province, indexed by adcode over ``codes``.

    ``value`` is float64 with NaN where no source gives a value; a province absent from the
    table is NaN too (never 0).
    """
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)]
    frame = pd.DataFrame(
        {
            "value": pd.to_numeric(rows["value"], errors="coerce").astype("float64").to_numpy(),
            "source_id": rows["source_id"].astype(object).to_numpy(),
            "confidence": rows["confidence"].astype(object).to_numpy(),
            "missing_reason": rows["missing_reason"].astype(object).to_numpy(),
            "note": rows["note"].astype(object).to_numpy(),
            "qualifier": rows["qualifier"].astype(object).to_numpy(),
        },
        index=pd.Index(rows["adcode"].astype(str).to_numpy(), name="adcode"),
    )
    frame = frame[~frame.index.duplicated()].reindex(codes)
    return frame.astype({"value": "float64"})


def _present_sources(data: pd.DataFrame) -> list[str]:
    return split_source_ids(data.loc[data["value"].notna(), "source_id"])


def small_n_warning(n: int, min_n: int = DEFAULT_MIN_N) -> str | None:
    """The warning :func:`dashboard.domain.statistics.spread` gives for ``n`` values, or None."""
    # Reuse spread()'s wording on a dummy series so the two never drift apart.
    return spread(pd.Series([1.0] * n, dtype="float64"), min_n=min_n).warning


SPREAD_COLUMNS = [
    "indicator", "title", "title_zh", "basis", "unit", "n", "n_total", "coefficient_of_variation", "gini",
    "max_min_ratio", "max_min_note", "top3_share", "reliable", "warning", "caveat", "caveat_zh", "sources",
]
YEAR_CAVEAT = {lang: FRAGMENTATION_TABLE_WORDS[lang]["year_caveat"] for lang in ("en", "zh")}


def caveat_of(m: dict, data: pd.DataFrame | None = None, lang: str = "en") -> str:
    """The caveats a political scientist would want beside an indicator's numbers, in ``lang``."""
    w = words(FRAGMENTATION_TABLE_WORDS, lang)
    parts = []
    if m.get("qualifier"):
        parts.append(w["lower_bound"].format(qualifier=data_term(m["qualifier"], lang)))
    if data is not None:
        confidences = set(data.loc[data["value"].notna(), "confidence"].dropna().astype(str))
        if confidences and confidences <= {"secondary", "weak", "low", "read from a chart"}:
            parts.append(w["quality"].format(confidence="/".join(data_term(c, lang) for c in sorted(confidences))))
    if m.get("coverage_note"):
        parts.append(data_term(m["coverage_note"], lang))
    return w["caveat_sep"].join(parts)


@dataclass(frozen=True)
class _Indicator:
    """One province-level indicator's latest values with what a spread row cites."""

    name: str
    meta: dict
    data: pd.DataFrame
    sources: list[str]
    caveat: str
    caveat_zh: str

    @property
    def n(self) -> int:
        return int(self.data["value"].notna().sum())


@memoised
def _indicators(tables: Tables) -> list[_Indicator]:
    codes = mainland_codes(tables.provinces)
    found = []
    for name in indicator_names(tables.catalogue):
        if not has_indicator(tables, name):
            continue
        m = meta(tables.catalogue, name)
        data = latest(tables.indicators, name, codes)
        sources = _present_sources(data) or split_source_ids(data["source_id"])
        found.append(_Indicator(name, m, data, sources, caveat_of(m, data), caveat_of(m, data, "zh")))
    return found


def _is_amount_sample(item: _Indicator) -> bool:
    return item.meta.get("value_type") != "year" and is_sample(item.n, len(item.data))


@memoised
def spread_table(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """Spread statistics for every province-level indicator whose values cover the provinces.

    One row per indicator (``basis = "absolute"``) and, where the catalogue's ``normalise``
    allows ``population``, a second row per million residents. Year-valued indicators get a
    row with their ``n`` only: the spread of a year is a matter of time (see
    :func:`adoption_summary`), not of Gini or shares. An indicator whose values are a sample
    (:func:`dashboard.domain.statistics.is_sample`, e.g. a source's top five) gets no row:
    :func:`spread_left_out` lists it with its coverage.
    """
    n_total = len(mainland_codes(tables.provinces))
    population = latest(tables.indicators, POPULATION, mainland_codes(tables.provinces)) \
        if has_indicator(tables, POPULATION) else None
    rows = []
    for item in _indicators(tables):
        m = item.meta
        if m.get("value_type") == "year":
            rows.append({
                "indicator": item.name, "title": m["title"], "title_zh": m.get("title_zh") or m["title"],
                "basis": "year", "unit": m["unit"], "n": item.n,
                "n_total": n_total, "coefficient_of_variation": None, "gini": None,
                "max_min_ratio": None, "max_min_note": "a year, not an amount", "top3_share": None,
                "reliable": item.n >= min_n, "warning": small_n_warning(item.n, min_n),
                "caveat": "; ".join(c for c in [YEAR_CAVEAT["en"], item.caveat] if c),
                "caveat_zh": "；".join(c for c in [YEAR_CAVEAT["zh"], item.caveat_zh] if c), "sources": item.sources,
            })
            continue
        if _is_amount_sample(item):
            continue
        unit = f"{m['qualifier']} {m['unit']}".strip() if m.get("qualifier") else m["unit"]
        rows.append(_spread_row(item.name, m["title"], "absolute", unit, spread(item.data["value"], min_n=min_n),
                                item.sources, item))
        allowed = [n for n in str(m.get("normalise") or "").split(";") if n]
        if "population" in allowed and population is not None:
            values = per_capita(item.data["value"], population["value"], per=PER_MILLION).reindex(item.data.index)
            rows.append(_spread_row(item.name, m["title"], "per million residents",
                                    f"{m['unit']} per million residents (2020 census)", spread(values, min_n=min_n),
                                    item.sources + _present_sources(population), item))
    return pd.DataFrame(rows, columns=SPREAD_COLUMNS)


LEFT_OUT_COLUMNS = ["indicator", "title", "title_zh", "unit", "n", "n_total", "minimum", "coverage_note", "sources"]


@memoised
def spread_left_out(tables: Tables) -> pd.DataFrame:
    """The indicators :func:`spread_table` leaves out because their values are a sample.

    One row per indicator: ``n`` provinces with a value of ``n_total``, the ``minimum`` a
    spread needs, the catalogue's ``coverage_note`` (how the source selected them) and the
    source ids. Missing values stay missing: nothing is filled to reach the minimum.
    """
    rows = [
        {"indicator": item.name, "title": item.meta["title"], "title_zh": item.meta.get("title_zh") or "",
         "unit": item.meta["unit"], "n": item.n, "n_total": len(item.data),
         "minimum": coverage_minimum(len(item.data)), "coverage_note": str(item.meta.get("coverage_note") or ""),
         "sources": item.sources}
        for item in _indicators(tables) if _is_amount_sample(item)
    ]
    return pd.DataFrame(rows, columns=LEFT_OUT_COLUMNS)


def left_out_items(left_out: pd.DataFrame, lang: str = "en", *, notes: bool = True) -> list[str]:
    """Each of :func:`spread_left_out`'s indicators with its coverage (and the source's note)."""
    words = FRAGMENTATION_WORDS["zh" if lang == "zh" else "en"]
    items = []
    for row in left_out.itertuples():
        title = (row.title_zh or row.title) if lang == "zh" else row.title
        item = words["left_out_item"].format(title=title, n=row.n, total=row.n_total)
        if notes and row.coverage_note:
            item += words["left_out_note"].format(note=data_term(row.coverage_note, lang))
        items.append(item)
    return items


def left_out_intro(left_out: pd.DataFrame, lang: str = "en", *, short: bool = False) -> str:
    """Why :func:`spread_left_out`'s indicators have no spread ('' if there are none)."""
    if left_out.empty:
        return ""
    words = FRAGMENTATION_WORDS["zh" if lang == "zh" else "en"]
    return words["left_out_short" if short else "left_out_intro"].format(
        count=len(left_out), minimum=int(left_out["minimum"].max()), total=int(left_out["n_total"].max()))


def left_out_sentence(left_out: pd.DataFrame, lang: str = "en", *, short: bool = False) -> str:
    """The intro and every item in one sentence; ``short`` for a figure footer (no source notes)."""
    if left_out.empty:
        return ""
    return f"{left_out_intro(left_out, lang, short=short)} {'; '.join(left_out_items(left_out, lang, notes=not short))}."


def _spread_row(name, title, basis, unit, result, sources, item: _Indicator) -> dict:
    return {
        "indicator": name, "title": title, "title_zh": item.meta.get("title_zh") or title, "basis": basis,
        "unit": unit, "n": result.n,
        "n_total": result.n_total, "coefficient_of_variation": result.coefficient_of_variation,
        "gini": result.gini, "max_min_ratio": result.max_min_ratio, "max_min_note": result.max_min_note,
        "top3_share": result.top3_share, "reliable": result.reliable, "warning": result.warning,
        "caveat": item.caveat, "caveat_zh": item.caveat_zh, "sources": list(sources),
    }


def spread_display(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The spread table as text for ``st.dataframe``, headers and units in ``lang``; unknown statistics say why.

    ``reliable`` keeps its id: the page greys the rows it marks and hides the column.
    """
    w = words(FRAGMENTATION_TABLE_WORDS, lang)
    def ratio(row) -> str:
        if row["max_min_ratio"] is not None and pd.notna(row["max_min_ratio"]):
            return f"{row['max_min_ratio']:,.1f}×"
        note = row["max_min_note"]
        return w["note"].format(note=w.get(f"note_{note}", note)) if note else "—"

    def share(value) -> str:
        return "—" if value is None or pd.isna(value) else f"{value:.0%}"

    zh = lang == "zh"
    shown = pd.DataFrame({
        "Indicator": table["title_zh" if zh and "title_zh" in table else "title"],
        "Basis": [w.get(f"basis_{b}", b) for b in table["basis"]],
        "Unit": [data_term(u, lang) for u in table["unit"]],
        "Provinces with a value": [w["n_of"].format(n=n, total=t) for n, t in zip(table["n"], table["n_total"],
                                                                                   strict=True)],
        "CV": [number_text(v) for v in table["coefficient_of_variation"]],
        "Gini": [number_text(v) for v in table["gini"]],
        "Max/min": [ratio(row) for _, row in table.iterrows()],
        "Top-3 share": [share(v) for v in table["top3_share"]],
        "Warning": [warning_text(v if isinstance(v, str) else "", lang) for v in table["warning"]],
        "Caveat": table["caveat_zh" if zh and "caveat_zh" in table else "caveat"],
        "Sources": [", ".join(s) for s in table["sources"]],
        "reliable": table["reliable"].astype(bool),
    })
    return shown.rename(columns=lambda c: w.get(c, c))




PER_MILLION = 1_000_000




# NBS macro-regions in the order the NBS lists them.
REGION_ORDER = ("East", "Central", "West", "Northeast")


def spread_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The spread figure's dots as plain CSV rows: every statistic, its n, warning and source ids."""
    return table.assign(sources=[";".join(s) for s in table["sources"]]).rename(columns={"sources": "source_id"})
