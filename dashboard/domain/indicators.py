"""From the long ``indicators`` table to what one map or chart shows. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.text import format_value

IN_SCOPE_COUNT = 31
NORMALISATIONS = {
    # name: (normaliser dataset, factor applied to value / normaliser, unit suffix)
    "population": ("population_2020", 1_000_000, "per million residents (2020 census)"),
    # GDP is in 100 million yuan; value / gdp * 1e4 = per trillion yuan.
    "gdp": ("gdp_2020", 10_000, "per trillion yuan of 2020 GDP"),
}


@dataclass(frozen=True)
class IndicatorView:
    """One indicator prepared for a map: values per province plus the words around them."""

    values: pd.DataFrame  # adcode, value, state, qualifier, source, confidence, missing_reason, note
    unit: str
    value_type: str
    year: int | None
    coverage: str
    n_values: int


def years_available(indicators: pd.DataFrame, name: str) -> list[int]:
    """The as-of years of an indicator that is a time series (empty for a single snapshot)."""
    rows = indicators[(indicators["indicator"] == name) & ~indicators["is_latest"]]
    return sorted(int(y) for y in rows["year"].dropna().unique())


def coverage_sentence(n_values: int, missing_reason: str, total: int = IN_SCOPE_COUNT) -> str:
    """E.g. 'Values for 5 of 31 provinces; the other 26: not reported by source.'"""
    if n_values == total:
        return f"Values for all {total} mainland provinces."
    return f"Values for {n_values} of {total} provinces; the other {total - n_values}: {missing_reason}."


def indicator_view(
    indicators: pd.DataFrame,
    meta: dict,
    *,
    as_of: int | None = None,
    normalise: str | None = None,
) -> IndicatorView:
    """Values of one indicator for a map, as of a year and optionally normalised.

    Parameters
    ----------
    indicators : pandas.DataFrame
        The processed ``indicators`` table.
    meta : dict
        The indicator's catalogue entry (``name``, ``unit``, ``value_type``,
        ``missing_reason``, ``normalise`` ...).
    as_of : int, optional
        For time series: the year to show; values as of a year count only rows whose
        year is known. Default: the latest value, which counts every row. For ``year`` indicators:
        provinces whose year is later are shown as not yet adopted.
    normalise : str, optional
        ``population`` or ``gdp``; only if the indicator allows it.

    Returns
    -------
    IndicatorView
    """
    name = meta["name"]
    rows = indicators[indicators["indicator"] == name]
    series_years = years_available(indicators, name)
    year: int | None = None
    if series_years and as_of in series_years:
        year = as_of
        rows = rows[(rows["year"] == year) & ~rows["is_latest"]]
    else:
        rows = rows[rows["is_latest"]]
    values = pd.DataFrame(
        {
            "adcode": rows["adcode"].to_numpy(),
            "value": rows["value"].astype("Float64").to_numpy(),
            "qualifier": rows["qualifier"].fillna("").to_numpy(),
            "source": rows["source_id"].fillna("").to_numpy(),
            "confidence": rows["confidence"].fillna("").to_numpy(),
            "missing_reason": rows["missing_reason"].fillna("").to_numpy(),
            "note": rows["note"].fillna("").to_numpy(),
        }
    )
    values["state"] = np.where(values["value"].isna(), "missing", "value")
    unit = meta["unit"]
    value_type = meta.get("value_type") or "count"
    if value_type == "year" and as_of is not None:
        later = values["value"].notna() & (values["value"] > as_of)
        values.loc[later, "state"] = "absent"
        year = as_of
    allowed = [n for n in str(meta.get("normalise") or "").split(";") if n]
    if normalise and normalise in allowed:
        normaliser, factor, suffix = NORMALISATIONS[normalise]
        base = indicators[(indicators["indicator"] == normaliser) & indicators["is_latest"]]
        denominators = base.set_index("adcode")["value"].astype(float)
        divided = values["value"].astype(float) / values["adcode"].map(denominators) * factor
        values["value"] = divided.astype("Float64")
        values.loc[values["value"].isna() & (values["state"] == "value"), ["state", "missing_reason"]] = [
            "missing",
            f"no {normalise} figure to divide by",
        ]
        unit = f"{unit} {suffix}"
        value_type = "amount"
    n_values = int((values["state"] == "value").sum()) + int((values["state"] == "absent").sum())
    reason = meta.get("missing_reason") or "not reported by source"
    return IndicatorView(values, unit, value_type, year, coverage_sentence(n_values, reason), n_values)


def source_line(source_ids: list[str], sources: dict[str, dict], limit: int = 2) -> str:
    """Short source credit for inside a figure, e.g. 'Source: NBS, ... (exact from source)'."""
    ids = [s for s in dict.fromkeys(source_ids) if s in sources]
    credits = []
    for source_id in ids[:limit]:
        citation = str(sources[source_id]["citation"])
        short = citation if len(citation) <= 110 else citation[:107].rsplit(" ", 1)[0] + " …"
        credits.append(short)
    more = f"<br>and {len(ids) - limit} more sources (see the Sources & data page)" if len(ids) > limit else ""
    # One source per line, so a long citation never runs off the edge of a screenshot.
    return ("Sources: " if len(ids) > 1 else "Source: ") + ";<br>".join(credits) + more


def view_rows(view: IndicatorView, provinces: pd.DataFrame, *, indicator: str, per: str = "absolute") -> pd.DataFrame:
    """The rows a map or ranking of ``view`` draws, for a CSV beside it: one per province.

    Parameters
    ----------
    view : IndicatorView
        From :func:`indicator_view` (already as of a year and normalised).
    provinces : pandas.DataFrame
        The processed ``provinces`` table (adcode, name_en, name_zh).
    indicator : str
        The indicator's name, repeated on every row.
    per : str
        The per-capita setting shown (``absolute``, ``population`` or ``gdp``).

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``as_of``, ``per``, ``adcode``, ``province_en``, ``province_zh``,
        ``state``, ``value``, ``qualifier``, ``unit``, ``source_id``, ``confidence``,
        ``missing_reason``: a missing value stays empty, never 0.
    """
    names = provinces.set_index("adcode")
    values = view.values
    return pd.DataFrame({
        "indicator": indicator,
        "as_of": "latest" if view.year is None else str(view.year),
        "per": per,
        "adcode": values["adcode"].to_numpy(),
        "province_en": values["adcode"].map(names["name_en"]).to_numpy(),
        "province_zh": values["adcode"].map(names["name_zh"]).to_numpy(),
        "state": values["state"].to_numpy(),
        "value": values["value"].to_numpy(),
        "qualifier": values["qualifier"].to_numpy(),
        "unit": view.unit,
        "source_id": values["source"].to_numpy(),
        "confidence": values["confidence"].to_numpy(),
        "missing_reason": values["missing_reason"].where(values["state"] != "value", "").to_numpy(),
    })


def split_source_ids(values: pd.Series) -> list[str]:
    """All distinct source ids in a column of ';'-joined ids, in order of appearance."""
    ids: list[str] = []
    for cell in values.dropna():
        ids.extend(s for s in str(cell).split(";") if s)
    return list(dict.fromkeys(ids))


def province_profile(indicators: pd.DataFrame, adcode: str, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Every indicator's latest value for one province, with unit, source and confidence."""
    rows = indicators[(indicators["adcode"] == adcode) & indicators["is_latest"]]
    titles = catalogue.set_index("name")["title"]
    profile = pd.DataFrame(
        {
            "indicator": rows["indicator"].map(titles).to_numpy(),
            "value": [
                _display(v, t, q, u, r)
                for v, t, q, u, r in zip(
                    rows["value"], rows["value_type"], rows["qualifier"].fillna(""), rows["unit"], rows["missing_reason"],
                    strict=True,
                )
            ],
            "year": rows["year"].to_numpy(),
            "source": rows["source_id"].to_numpy(),
            "confidence": rows["confidence"].to_numpy(),
        }
    )
    return profile.reset_index(drop=True)


def _display(value, value_type, qualifier, unit, missing_reason) -> str:
    if pd.isna(value):
        return f"— ({missing_reason})" if isinstance(missing_reason, str) else "—"
    return format_value(float(value), value_type, qualifier, unit)
