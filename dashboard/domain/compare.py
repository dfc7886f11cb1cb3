"""Compare page tables: shared colour ranges, profile tables, rankings and scatter pairs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.domain.indicators import IN_SCOPE_COUNT, IndicatorView
from dashboard.domain.statistics import DEFAULT_MIN_N, Correlation
from dashboard.text import COMPARE_WORDS, data_term, format_value, name_pair, title_of, words


def province_names(provinces: pd.DataFrame, lang: str = "en", short: bool = False) -> dict[str, str]:
    """Adcode -> display name; ``short`` gives 'Zhejiang' (or '浙江' in Chinese)."""
    if short:
        column = "short_zh" if lang == "zh" and "short_zh" in provinces else "name_en"
        return dict(zip(provinces["adcode"], provinces[column], strict=True))
    return {r["adcode"]: name_pair(r["name_zh"], r["name_en"], lang) for r in provinces.to_dict("records")}


def shared_range(a: IndicatorView, b: IndicatorView) -> tuple[float, float] | None:
    """One colour range for two maps, or ``None`` when their units differ or neither has values."""
    if a.unit != b.unit:
        return None
    values = pd.concat([v.values.loc[v.values["state"] == "value", "value"] for v in (a, b)]).dropna()
    if values.empty:
        return None
    return float(values.min()), float(values.max())


def coverage_text(view: IndicatorView, missing_reason: str, lang: str = "en", total: int = IN_SCOPE_COUNT) -> str:
    """'Values for 5 of 31 provinces; the other 26: not reported by source.' in ``lang``."""
    w = words(COMPARE_WORDS, lang)
    if view.n_values == total:
        return w["coverage_all"].format(total=total)
    reason = data_term(missing_reason or "not reported by source", lang)
    return w["coverage_some"].format(n=view.n_values, total=total, rest=total - view.n_values, reason=reason)


def _cell(value, value_type: str, qualifier, missing_reason, lang: str = "en") -> str:
    if value is None or pd.isna(value):
        reason = missing_reason if isinstance(missing_reason, str) and missing_reason else "not reported by source"
        return f"— ({data_term(reason, lang)})"
    return format_value(float(value), value_type, data_term(qualifier if isinstance(qualifier, str) else "", lang), "")


def latest_rows(indicators: pd.DataFrame, names: list[str], adcodes: list[str]) -> pd.DataFrame:
    """Latest row of each indicator in ``names`` for each province in ``adcodes``."""
    rows = indicators[indicators["indicator"].isin(names) & indicators["adcode"].isin(adcodes)
                      & indicators["is_latest"].astype(bool)]
    return rows.drop_duplicates(["indicator", "adcode"], keep="last")


def profile_table(
    indicators: pd.DataFrame,
    catalogue: pd.DataFrame,
    names: list[str],
    adcodes: list[str],
    provinces: pd.DataFrame,
    lang: str = "en",
) -> pd.DataFrame:
    """Indicators as rows, provinces as columns, with unit, as-of year and source ids.

    Missing values read '— (reason)'; a province without a row for an indicator reads
    '— (no row)'. Values carry their qualifier ('at least 3'); the unit has its own column.
    """
    meta = catalogue.set_index("name")
    labels = province_names(provinces, lang)
    rows = latest_rows(indicators, names, adcodes)
    w = words(COMPARE_WORDS, lang)
    head = {k: w[k] for k in ("indicator", "unit", "as_of_column", "sources")}
    records = []
    for name in names:
        if name not in meta.index:
            continue
        entry = meta.loc[name]
        subset = rows[rows["indicator"] == name].set_index("adcode")
        record = {head["indicator"]: title_of(entry.to_dict() | {"name": name}, lang),
                  head["unit"]: data_term(entry["unit"], lang)}
        for code in adcodes:
            if code in subset.index:
                r = subset.loc[code]
                record[labels[code]] = _cell(r["value"], r["value_type"], r["qualifier"], r["missing_reason"], lang)
            else:
                record[labels[code]] = f"— ({w['no_row']})"
        years = sorted({int(y) for y in subset["year"].dropna()})
        record[head["as_of_column"]] = ", ".join(str(y) for y in years) or "—"
        ids: list[str] = []
        for cell in subset["source_id"].dropna():
            ids += [s for s in str(cell).split(";") if s]
        record[head["sources"]] = ", ".join(dict.fromkeys(ids))
        records.append(record)
    columns = [head["indicator"], head["unit"], *[labels[c] for c in adcodes], head["as_of_column"], head["sources"]]
    return pd.DataFrame(records, columns=columns)


@dataclass(frozen=True)
class Ranking:
    """Provinces with a value, best first, and those without one."""

    ranked: pd.DataFrame  # adcode, value, qualifier, source, confidence, rank
    missing: pd.DataFrame  # adcode, missing_reason


def ranking(view: IndicatorView) -> Ranking:
    """Split an indicator view into ranked provinces and missing ones.

    Counts and amounts rank largest first; years rank earliest first. Ties share a rank.
    Rows in the ``absent`` state (e.g. not adopted by a year) count as missing here.
    """
    values = view.values
    shown = values[values["state"] == "value"].copy()
    shown["value"] = shown["value"].astype(float)
    ascending = view.value_type == "year"
    shown = shown.sort_values(["value", "adcode"], ascending=[ascending, True])
    shown["rank"] = shown["value"].rank(ascending=ascending, method="min").astype(int)
    missing = values[values["state"] != "value"][["adcode", "missing_reason", "state"]].copy()
    return Ranking(shown.reset_index(drop=True), missing.reset_index(drop=True))


def missing_sentence(missing: pd.DataFrame, provinces: pd.DataFrame, lang: str = "en") -> str:
    """'Not reported (26): Beijing, Tianjin, …' grouped by reason; empty when nothing is missing."""
    if missing.empty:
        return ""
    short = province_names(provinces, lang, short=True)
    w = words(COMPARE_WORDS, lang)
    parts = []
    for reason, group in missing.groupby(missing["missing_reason"].fillna("").replace("", "not reported"), sort=False):
        reason = w["not_reported"] if reason == "not reported" else data_term(reason, lang)
        parts.append(f"{reason} ({len(group)}): {', '.join(short[c] for c in group['adcode'])}")
    return w["not_ranked"].format(parts="; ".join(parts))


def scatter_pairs(x: IndicatorView, y: IndicatorView) -> pd.DataFrame:
    """Provinces where both views have a value: adcode, x, y, qualifiers and sources."""
    def side(view: IndicatorView, tag: str) -> pd.DataFrame:
        v = view.values[view.values["state"] == "value"]
        return pd.DataFrame({"adcode": v["adcode"].to_numpy(), tag: v["value"].astype(float).to_numpy(),
                             f"{tag}_qualifier": v["qualifier"].to_numpy(), f"{tag}_source": v["source"].to_numpy()})
    return side(x, "x").merge(side(y, "y"), on="adcode", how="inner")


def correlation_text(result: Correlation, lang: str = "en") -> tuple[str, bool]:
    """The sentence printed in the scatter figure, and whether it is a headline figure."""
    w = words(COMPARE_WORDS, lang)
    n_text = w["n_both_one" if result.n == 1 else "n_both"].format(n=result.n)
    if not result.reliable:
        return f"{w['too_few'].format(n_text=n_text)} {small_n_warning(result, lang)}".strip(), False
    if result.pearson_r is None:
        return w["no_variation"].format(n_text=n_text), False
    return w["correlation"].format(r=result.pearson_r, rho=result.spearman_rho, n_text=n_text), True


def small_n_warning(result: Correlation, lang: str = "en") -> str:
    """Why a correlation on too few provinces is not shown ('' when it is reliable)."""
    if result.reliable:
        return ""
    return words(COMPARE_WORDS, lang)["too_few_warning"].format(n=result.n, min_n=DEFAULT_MIN_N)


def batch_counts(areas: pd.DataFrame, provinces: pd.DataFrame, batches: list[int]) -> pd.DataFrame:
    """Demonstration areas per in-scope province and batch (long: adcode, batch, count).

    Only for batches whose member list is complete: there a 0 is a real zero for that batch.
    """
    in_scope = provinces.loc[provinces["in_scope"].astype(bool), "adcode"].tolist()
    subset = areas[areas["batch"].isin(batches)]
    counts = subset.groupby(["adcode", "batch"]).size()
    index = pd.MultiIndex.from_product([in_scope, batches], names=["adcode", "batch"])
    return counts.reindex(index, fill_value=0).rename("count").reset_index()


def localised_values(values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An indicator view's values with qualifier, confidence and missing reason in ``lang``."""
    if lang == "en":
        return values
    values = values.copy()
    for column in ("qualifier", "confidence", "missing_reason"):
        if column in values:
            values[column] = [data_term(v, lang) for v in values[column]]
    return values


ROW_COLUMNS = ["indicator", "adcode", "year", "value", "qualifier", "unit", "source_id", "confidence",
               "missing_reason"]


def profile_rows(indicators: pd.DataFrame, names: list[str], adcodes: list[str],
                 provinces: pd.DataFrame) -> pd.DataFrame:
    """The rows the province-profile bars draw: latest value of each indicator per chosen province."""
    rows = latest_rows(indicators, names, adcodes)
    rows = rows.assign(_order=rows["indicator"].map({n: i for i, n in enumerate(names)}))
    rows = rows.sort_values(["_order", "adcode"])[ROW_COLUMNS]
    english = province_names(provinces, "en")
    return rows.assign(province=rows["adcode"].map(english)).reset_index(drop=True)


def scatter_rows(x: IndicatorView, y: IndicatorView, provinces: pd.DataFrame, *, x_name: str,
                 y_name: str) -> pd.DataFrame:
    """The points a scatter draws: provinces with both values, each side with its unit and sources."""
    pairs = scatter_pairs(x, y)
    sides = {"x": x, "y": y}
    confidence = {tag: view.values.set_index("adcode")["confidence"] for tag, view in sides.items()}
    return pd.DataFrame({
        "adcode": pairs["adcode"], "province": pairs["adcode"].map(province_names(provinces, "en")),
        "x_indicator": x_name, "x": pairs["x"], "x_qualifier": pairs["x_qualifier"], "x_unit": x.unit,
        "x_as_of": "latest" if x.year is None else str(x.year), "x_source_id": pairs["x_source"],
        "x_confidence": pairs["adcode"].map(confidence["x"]),
        "y_indicator": y_name, "y": pairs["y"], "y_qualifier": pairs["y_qualifier"], "y_unit": y.unit,
        "y_as_of": "latest" if y.year is None else str(y.year), "y_source_id": pairs["y_source"],
        "y_confidence": pairs["adcode"].map(confidence["y"]),
    })


def batch_rows(areas: pd.DataFrame, provinces: pd.DataFrame, batches: list[int]) -> pd.DataFrame:
    """The small multiples' cells (province × complete batch, with its count) and their sources.

    A 0 cites the batch's whole member list: the list is complete, so the zero comes from it.
    """
    counts = batch_counts(areas, provinces, batches)
    subset = areas[areas["batch"].isin(batches)]

    def joined(keys: list[str], column: str) -> pd.Series:
        return subset.groupby(keys)[column].agg(lambda s: ";".join(dict.fromkeys(s.dropna().astype(str))))

    cells = pd.MultiIndex.from_frame(counts[["adcode", "batch"]])
    rows = counts.assign(province=counts["adcode"].map(province_names(provinces, "en")))
    for column in ("source_id", "confidence"):
        per_cell = joined(["adcode", "batch"], column).reindex(cells).to_numpy()
        per_batch = counts["batch"].map(joined(["batch"], column)).to_numpy()
        rows[column] = pd.Series(per_cell).fillna(pd.Series(per_batch)).to_numpy()
    return rows
