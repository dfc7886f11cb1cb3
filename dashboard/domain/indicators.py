"""From the long ``indicators`` table to what one map or chart shows. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.text import format_value
from dashboard.text.indicators import PER_WORDS

IN_SCOPE_COUNT = 31
ABSOLUTE = "absolute"  # the choice of no normaliser


def scaled_ratio(
    numerator: pd.Series, denominator: pd.Series, *, per: float = 1.0,
    numerator_scale: float = 1.0, denominator_scale: float = 1.0,
) -> pd.Series:
    """``numerator / denominator * per``, each side first taken in its base unit.

    The one place a per-capita or per-GDP number is made: the scales are the datasets'
    ``unit_scale`` in the catalogue (gdp_2020: 1e8, as it is in 100 million yuan), the
    ``per`` of a normaliser comes from the ``normalisers`` table.
    """
    return (numerator.astype(float) * numerator_scale) / (denominator.astype(float) * denominator_scale) * per


def unit_scale(catalogue: pd.DataFrame, name: str) -> float:
    """One unit of a dataset in its base unit, as the registry declares it (gdp_2020: 1e8 yuan)."""
    return float(catalogue.set_index("name").at[name, "unit_scale"])


def per_label(per: str, normalisers: dict[str, dict], lang: str = "en") -> str:
    """The choice 'Absolute', 'Per capita', ... in the page language."""
    if per == ABSOLUTE or per not in normalisers:
        return PER_WORDS[lang][ABSOLUTE]
    spec = normalisers[per]
    return (spec.get("label_zh") or spec["label"]) if lang == "zh" else spec["label"]


def per_suffix(per: str, normalisers: dict[str, dict], lang: str = "en") -> str:
    """What a figure title gains for a normaliser, e.g. ', per capita' (empty for absolute)."""
    if per == ABSOLUTE or per not in normalisers:
        return ""
    spec = normalisers[per]
    return (spec.get("suffix_zh") or spec["suffix"]) if lang == "zh" else spec["suffix"]


def per_choices(meta: dict, normalisers: dict[str, dict]) -> list[str]:
    """'absolute' and the normalisers an indicator allows that the normalisers table declares."""
    return [ABSOLUTE, *[n for n in str(meta.get("normalise") or "").split(";") if n in normalisers]]


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
    normalisers: dict[str, dict] | None = None,
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
        A normaliser id (``population``, ``gdp``, ...); only if the indicator allows it.
    normalisers : dict, optional
        The ``normalisers`` table by id (``data.normalisers()``): dataset, factor, unit.

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
    normalisers = normalisers or {}
    if normalise and normalise in per_choices(meta, normalisers)[1:]:
        values = _normalised(values, indicators, normalise, normalisers[normalise])
        unit = f"{unit} {normalisers[normalise]['unit']}"
        value_type = "amount"
    n_values = int((values["state"] == "value").sum()) + int((values["state"] == "absent").sum())
    reason = meta.get("missing_reason") or "not reported by source"
    return IndicatorView(values, unit, value_type, year, coverage_sentence(n_values, reason), n_values)


def _normalised(values: pd.DataFrame, indicators: pd.DataFrame, normalise: str, spec: dict) -> pd.DataFrame:
    """The values divided by the normaliser's latest value per province; no denominator is missing."""
    base = indicators[(indicators["indicator"] == spec["dataset"]) & indicators["is_latest"]]
    denominators = values["adcode"].map(base.set_index("adcode")["value"].astype(float))
    divided = scaled_ratio(values["value"], denominators, per=spec["per"], denominator_scale=spec["unit_scale"])
    values = values.assign(value=divided.astype("Float64"))
    values.loc[values["value"].isna() & (values["state"] == "value"), ["state", "missing_reason"]] = [
        "missing",
        f"no {normalise} figure to divide by",
    ]
    return values


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
