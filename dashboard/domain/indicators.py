"""From the long ``indicators`` table to what one map or chart shows. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.text import data_term, format_value, shorten, title_of, wrap
from dashboard.text.footer import FOOTER_WORDS
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
    year, rows = _rows_as_of(indicators, meta["name"], as_of)
    values = _value_frame(rows)
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


def _rows_as_of(indicators: pd.DataFrame, name: str, as_of: int | None) -> tuple[int | None, pd.DataFrame]:
    """The year shown (``None`` for the latest values) and the indicator's rows for it."""
    rows = indicators[indicators["indicator"] == name]
    if as_of is not None and as_of in years_available(indicators, name):
        return as_of, rows[(rows["year"] == as_of) & ~rows["is_latest"]]
    return None, rows[rows["is_latest"]]


def _value_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per province: value, qualifier, source, confidence, missing reason and note."""
    return pd.DataFrame({
        "adcode": rows["adcode"].to_numpy(),
        "value": rows["value"].astype("Float64").to_numpy(),
        "qualifier": rows["qualifier"].fillna("").to_numpy(),
        "source": rows["source_id"].fillna("").to_numpy(),
        "confidence": rows["confidence"].fillna("").to_numpy(),
        "missing_reason": rows["missing_reason"].fillna("").to_numpy(),
        "note": rows["note"].fillna("").to_numpy(),
    })


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


GROUP_AT = 3  # sources sharing one host from this many on are cited as one group
SHORT_CITATION = 60  # characters of a citation's first clause kept in a footer


def short_citation(source: dict, limit: int = SHORT_CITATION) -> str:
    """A citation short enough for a slide: its first clause and the year published.

    E.g. ``China Law Translate, 'What is a social credit demonstration city?' (2019): ...``
    gives ``China Law Translate (2019)``.
    """
    citation = str(source.get("citation") or source.get("source_id") or "")
    first = shorten(re.split(r"[,:;，：；]\s*", citation, maxsplit=1)[0].strip(), limit)
    year = str(source.get("published") or "")[:4]
    return f"{first} ({year})" if year.isdigit() and year not in first else first


def _host(source: dict) -> str:
    match = re.match(r"https?://(?:www\.)?([^/]+)", str(source.get("url") or ""))
    return match[1] if match else ""


def _group(host: str, members: list[dict], words: dict[str, str]) -> str:
    years = sorted(y for y in (str(m.get("published") or "")[:4] for m in members) if y.isdigit())
    span = "" if not years else years[0] if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    return words["group" if span else "group_undated"].format(n=len(members), host=host, years=span)


def _credits(ids: list[str], sources: dict[str, dict], words: dict[str, str]) -> list[str]:
    """Short citations in order; many texts from one host (e.g. the regulations) as one entry.

    Two sources whose short citations coincide get their full citation's opening instead,
    so a slide never names one source twice where there are two.
    """
    hosts = {s: _host(sources[s]) for s in ids}
    counts = pd.Series(list(hosts.values())).value_counts()
    shorts = {s: short_citation(sources[s]) for s in ids}
    repeated = pd.Series(list(shorts.values())).value_counts()
    parts: dict[str, str] = {}
    for source_id, host in hosts.items():
        if host and counts[host] >= GROUP_AT:
            members = [sources[s] for s, h in hosts.items() if h == host]
            parts.setdefault(host, _group(host, members, words))
        elif repeated[shorts[source_id]] > 1:
            parts[source_id] = shorten(str(sources[source_id].get("citation") or source_id), 2 * SHORT_CITATION)
        else:
            parts[source_id] = shorts[source_id]
    return list(parts.values())


def source_line(source_ids: list[str], sources: dict[str, dict], *, lang: str = "en",
                width: int | None = None) -> str:
    """The one figure footer credit: every source's short citation, and the data date.

    A slide audience cannot follow "see the Sources & data page", so every source cited is
    named (texts from one host, such as the regulations at flk.npc.gov.cn, as one group).
    The data date is the latest ``accessed`` date of the sources cited: the manifest records
    no date, and the access date is when the values were read from the source.

    Parameters
    ----------
    source_ids : list of str
        The ids the figure's values cite (unknown ids are left out).
    sources : dict
        Every source by id (``data.sources_by_id()``).
    lang : str
        ``en`` or ``zh``.
    width : int, optional
        Wrap at this many columns (``text.wrap``); by default the figure's own footer wrap does.

    Returns
    -------
    str
        The credit and the data date, joined by ``<br>``.
    """
    words = FOOTER_WORDS[lang if lang in FOOTER_WORDS else "en"]
    ids = [s for s in dict.fromkeys(source_ids) if s in sources]
    if not ids:
        return words["none"]
    label = words["sources"] if len(ids) > 1 else words["source"]
    credit = label + words["separator"].join(_credits(ids, sources, words)) + words["stop"]
    dates = sorted(str(sources[s].get("accessed") or "") for s in ids if sources[s].get("accessed"))
    text = credit + (f"<br>{words['data_date'].format(date=dates[-1])}" if dates else "")
    return wrap(text, width) if width else text


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


def province_profile(indicators: pd.DataFrame, adcode: str, catalogue: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Every indicator's latest value for one province, with unit, source and confidence, in ``lang``."""
    rows = indicators[(indicators["adcode"] == adcode) & indicators["is_latest"]]
    metas = catalogue.set_index("name")
    titles = {name: title_of(metas.loc[name].to_dict(), lang) for name in rows["indicator"].unique() if name in metas.index}
    profile = pd.DataFrame(
        {
            "indicator": rows["indicator"].map(titles).to_numpy(),
            "value": [
                _display(v, t, data_term(q, lang), data_term(u, lang), r if pd.isna(r) else data_term(r, lang))
                for v, t, q, u, r in zip(
                    rows["value"], rows["value_type"], rows["qualifier"].fillna(""), rows["unit"], rows["missing_reason"],
                    strict=True,
                )
            ],
            "year": rows["year"].to_numpy(),
            "source": rows["source_id"].to_numpy(),
            "confidence": [data_term(c, lang) for c in rows["confidence"]],
        }
    )
    return profile.reset_index(drop=True)


def _display(value, value_type, qualifier, unit, missing_reason) -> str:
    if pd.isna(value):
        return f"— ({missing_reason})" if isinstance(missing_reason, str) else "—"
    return format_value(float(value), value_type, qualifier, unit)
