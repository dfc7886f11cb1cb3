"""Regional comparisons of the Fragmentation page: measures per region and wealth."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.domain.adoption import adoption_spread
from dashboard.domain.batches import demonstration_scope
from dashboard.domain.fragmentation import (
    DEMONSTRATION_COUNT,
    GDP,
    PER_MILLION,
    POPULATION,
    REGULATION_YEAR,
    Tables,
    _present_sources,
    has_indicator,
    latest,
    mainland_codes,
    memoised,
    province_names,
    small_n_warning,
)
from dashboard.domain.indicators import scaled_ratio, split_source_ids, unit_scale
from dashboard.domain.instruments import (
    Instrument,
    _indicator_instrument,
    _table_count,
    column_labels,
    instruments,
    matrix_words,
    regions,
)
from dashboard.domain.statistics import (
    DEFAULT_MIN_N,
    Correlation,
    correlation,
    group_spread,
    per_capita,
)
from dashboard.text import data_term, number_text, region_name, words
from dashboard.text.findings import warning_text
from dashboard.text.fragmentation import FRAGMENTATION_TABLE_WORDS
from dashboard.text.fragmentation_figures import FRAGMENTATION_FIGURE_WORDS


@memoised
def region_measures(tables: Tables) -> list[Instrument]:
    """Count measures compared across regions: total demonstration areas, city scores, the
    other count indicators, and population and GDP as references."""
    codes = mainland_codes(tables.provinces)
    measures: list[Instrument] = []
    for column in instruments(tables):
        if column.value_type == "year" or column.key.startswith("demonstration_batch_"):
            continue
        measures.append(column)
    areas = tables.demonstration_areas
    if areas is not None and len(areas):
        counts, ids = _table_count(areas, codes)
        scope = demonstration_scope(tables)
        measures.insert(0, Instrument(
            key="demonstration_areas", label="Demonstration areas (known members)",
            unit="demonstration areas", value_type="count", values=counts, sources=ids,
            notes=pd.Series(np.where(counts == 0, "no known area", ""), index=codes, dtype=object),
            qualifier="at least", caveat=f"lower bound: {scope}", title=f"Demonstration areas ({scope})",
            member_sources=split_source_ids(areas["source_id"]),
        ))
    for name, label in ((POPULATION, "Population 2020 (reference)"), (GDP, "GDP 2020 (reference)")):
        if has_indicator(tables, name):
            measures.append(_indicator_instrument(tables, name, codes, label=label))
    return measures


def measure_names(tables: Tables, lang: str) -> dict[str, str]:
    """Each region measure's label (:func:`region_measures`) as shown in ``lang``: the matrix's
    column label (:func:`column_labels`) or, for the measures only this table has, its own word."""
    measures = region_measures(tables)
    if lang != "zh":
        return {m.label: m.label for m in measures}
    fw = words(FRAGMENTATION_FIGURE_WORDS, lang)
    w = matrix_words(lang, tables.catalogue)
    fixed = {"demonstration_areas": fw["measure_demonstration_areas"], POPULATION: fw["measure_population"],
             GDP: fw["measure_gdp"]}
    return {m.label: fixed.get(m.key) or column_labels(m, w, lang)[0] for m in measures}


@memoised
def region_table(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """:func:`group_spread` of every region measure by NBS macro-region, long format."""
    groups = regions(tables.provinces)
    members = groups.value_counts()
    frames = []
    for measure in region_measures(tables):
        table = group_spread(measure.values.reindex(groups.index), groups).reset_index()
        table.insert(0, "measure", measure.label)
        table.insert(1, "unit", measure.unit)
        table.insert(3, "provinces", table["group"].map(members).astype("int64"))
        table["warning"] = [small_n_warning(int(n), min_n) or "" for n in table["n"]]
        table["sources"] = ", ".join(measure.member_sources)
        frames.append(table)
    columns = ["measure", "unit", "group", "provinces", "n", "total", "mean", "median", "share_of_total",
               "warning", "sources"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns].rename(columns={"group": "region"})


@memoised
def region_adoption(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """Own regulation by region: provinces, adopted, share adopted, first/median/last year."""
    if not has_indicator(tables, REGULATION_YEAR):
        return pd.DataFrame(columns=["region", "provinces", "adopted", "share_adopted", "first", "median",
                                     "last", "warning"])
    groups = regions(tables.provinces)
    years = latest(tables.indicators, REGULATION_YEAR, list(groups.index))["value"]
    rows = []
    for label in groups.cat.categories:
        members = groups[groups == label].index
        result = adoption_spread(years.reindex(members))
        rows.append({
            "region": label, "provinces": len(members), "adopted": result.n,
            "share_adopted": result.n / len(members) if len(members) else np.nan,
            "first": result.first, "median": result.median, "last": result.last,
            "warning": small_n_warning(len(members), min_n) or "",
        })
    return pd.DataFrame(rows)


def region_display(table: pd.DataFrame, lang: str = "en", names: dict[str, str] | None = None) -> pd.DataFrame:
    """The region table as text, headers, measures (``names``: :func:`measure_names`), units and
    region names in ``lang``."""
    w = words(FRAGMENTATION_TABLE_WORDS, lang)
    shown = pd.DataFrame({
        "Measure": [(names or {}).get(m, m) for m in table["measure"]],
        "Unit": [data_term(u, lang) for u in table["unit"]],
        "Region": [region_name(r, lang) for r in table["region"]],
        "Provinces with a value": [w["n_of"].format(n=n, total=p) for n, p in zip(table["n"], table["provinces"],
                                                                                   strict=True)],
        "Total": [number_text(v, 0) for v in table["total"]],
        "Mean": [number_text(v, 1) for v in table["mean"]],
        "Median": [number_text(v, 1) for v in table["median"]],
        "Share of total": [_share(v) for v in table["share_of_total"]],
        "Warning": [warning_text(v, lang) for v in table["warning"]],
        "Sources": table["sources"],
    })
    return shown.rename(columns=w)


def _share(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def _year(value: float) -> str:
    """'2017', '2022.5' (a median between two years); '—' for none."""
    if pd.isna(value):
        return "—"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def region_adoption_display(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`region_adoption` as text: headers, region names and warnings in ``lang``."""
    w = words(FRAGMENTATION_TABLE_WORDS, lang)
    shown = pd.DataFrame({
        "Region": [region_name(r, lang) for r in table["region"]],
        "Provinces": table["provinces"].astype(int),
        "Adopted": table["adopted"].astype(int),
        "Share adopted": [_share(v) for v in table["share_adopted"]],
        "First year": [_year(v) for v in table["first"]],
        "Median year": [_year(v) for v in table["median"]],
        "Last year": [_year(v) for v in table["last"]],
        "Warning": [warning_text(v, lang) for v in table["warning"]],
    })
    return shown.rename(columns=w)


@dataclass(frozen=True)
class Wealth:
    """Demonstration areas against GDP per capita, per province."""

    frame: pd.DataFrame   # adcode, name, region, gdp_per_capita, y
    result: Correlation
    y_label: str
    sources: list[str]


@memoised
def wealth(tables: Tables, measure: str = "count", lang: str = "en") -> Wealth | None:
    """Demonstration areas (or per million residents) against GDP per capita in yuan.

    GDP per capita = ``gdp_2020 / population_2020``, each in its base unit (the registry's ``unit_scale``:
    gdp_2020 is in 100 million yuan).
    """
    if not (has_indicator(tables, GDP) and has_indicator(tables, POPULATION)):
        return None
    measures = {m.key: m for m in region_measures(tables)}
    areas = measures.get("demonstration_areas") or measures.get(DEMONSTRATION_COUNT)
    if areas is None:
        return None
    codes = mainland_codes(tables.provinces)
    gdp = latest(tables.indicators, GDP, codes)
    population = latest(tables.indicators, POPULATION, codes)
    gdp_per_capita = scaled_ratio(gdp["value"], population["value"],
                                  numerator_scale=unit_scale(tables.catalogue, GDP),
                                  denominator_scale=unit_scale(tables.catalogue, POPULATION))
    y = areas.values.reindex(codes)
    y_label = "Demonstration areas [at least]"
    if measure == "per_capita":
        y = per_capita(y, population["value"], per=PER_MILLION).reindex(codes)
        y_label = "Demonstration areas per million residents [at least]"
    names = province_names(tables.provinces, lang)
    groups = regions(tables.provinces)
    frame = pd.DataFrame({
        "adcode": codes, "name": [names[c] for c in codes], "region": [str(groups[c]) for c in codes],
        "gdp_per_capita": gdp_per_capita.to_numpy(), "y": y.to_numpy(dtype=float),
    })
    result = correlation(gdp_per_capita, y)
    ids = areas.member_sources + _present_sources(gdp) + _present_sources(population)
    return Wealth(frame=frame, result=result, y_label=y_label, sources=list(dict.fromkeys(ids)))


def correlation_text(result: Correlation) -> str:
    """'Pearson r = 0.41 · Spearman ρ = 0.55 · n = 31' plus the small-n warning if any."""
    text = (f"Pearson r = {number_text(result.pearson_r)} · Spearman ρ = {number_text(result.spearman_rho)} "
            f"· n = {result.n}")
    return text + (f"<br>{result.warning}" if result.warning else "")


def wealth_rows(data: Wealth) -> pd.DataFrame:
    """The wealth scatter's points: province, GDP per capita (yuan), the measure drawn, source ids."""
    return data.frame.assign(measure=data.y_label, source_id=";".join(data.sources))
