"""The province × instrument matrix of the Fragmentation page: columns, scaling, row order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.domain.batches import _batch_text, batch_years
from dashboard.domain.batches import batch_coverage_table as batch_coverage
from dashboard.domain.clustering import cluster_order, instrument_matrix
from dashboard.domain.fragmentation import (
    DEMONSTRATION_COUNT,
    REGION_ORDER,
    REGULATION_YEAR,
    SCORE_COUNT,
    Tables,
    _present_sources,
    caveat_of,
    has_indicator,
    indicator_names,
    latest,
    mainland,
    mainland_codes,
    memoised,
    meta,
    province_names,
)
from dashboard.domain.indicators import coverage_sentence, split_source_ids
from dashboard.text import (
    NONE_ESTABLISHED_TEXT,
    NOT_KNOWN_TEXT,
    NOT_REPORTED_TEXT,
    as_text,
    data_term,
    region_name,
    words,
)
from dashboard.text.matrix import MATRIX_WORDS

# The label instruments() gives a demonstration batch's column, read back for Chinese.
BATCH_LABEL = re.compile(r"Demonstration areas, batch (?P<batch>\d+)(?P<when>.*)")
# Row orders of the matrix: key -> the label shown and written to the URL (?sort=Similarity).
SORTS = {
    "region": "Region",
    "adoption": "Adoption year",
    "similarity": "Similarity",
}


@dataclass(frozen=True)
class Instrument:
    """One column of the province × instrument matrix."""

    key: str
    label: str
    unit: str
    value_type: str
    values: pd.Series            # float64 by adcode; NaN = not reported / none established
    sources: pd.Series           # ';'-joined source ids by adcode
    notes: pd.Series             # hover note by adcode (zero note, missing reason, caveat)
    missing_text: str = NOT_REPORTED_TEXT
    qualifier: str = ""
    invert: bool = False         # years: earlier = darker
    caveat: str = ""
    title: str = ""              # full title for tables and sentences
    member_sources: list[str] = field(default_factory=list)


def _indicator_instrument(tables: Tables, name: str, codes: list[str], *, label: str | None = None,
                          missing_text: str = NOT_REPORTED_TEXT, invert: bool = False) -> Instrument:
    m = meta(tables.catalogue, name)
    data = latest(tables.indicators, name, codes)
    notes = pd.Series(
        [(as_text(mr) if pd.isna(v) else as_text(nt)) for v, mr, nt in
         zip(data["value"], data["missing_reason"], data["note"], strict=True)],
        index=data.index, dtype=object,
    )
    return Instrument(
        key=name, label=label or m["title"], unit=m["unit"], value_type=m.get("value_type") or "count",
        values=data["value"], sources=data["source_id"].fillna("").astype(str), notes=notes,
        missing_text=missing_text, qualifier=m.get("qualifier", ""), invert=invert,
        caveat=caveat_of(m, data), title=m["title"], member_sources=_present_sources(data),
    )


def _table_count(table: pd.DataFrame, codes: list[str]) -> tuple[pd.Series, pd.Series]:
    """Rows per province (0 where none) and the source ids of those rows."""
    counts = table.groupby(table["adcode"].astype(str)).size().reindex(codes).fillna(0).astype("float64")
    ids = table.groupby(table["adcode"].astype(str))["source_id"].agg(
        lambda s: ";".join(dict.fromkeys(s.dropna().astype(str))))
    return counts, ids.reindex(codes).fillna("").astype(str)


@memoised
def instruments(tables: Tables) -> list[Instrument]:
    """The matrix columns, in this order: own regulation, demonstration batches, city scores,
    then every other province-level indicator of the catalogue (topic != normaliser).

    Demonstration areas are counted per batch from the area table, so the derived
    per-province total of the same table is not repeated as an extra column.
    """
    codes = mainland_codes(tables.provinces)
    columns: list[Instrument] = []
    represented = {REGULATION_YEAR}
    if has_indicator(tables, REGULATION_YEAR):
        columns.append(_indicator_instrument(tables, REGULATION_YEAR, codes, label="Own regulation (year adopted)",
                                             missing_text=NONE_ESTABLISHED_TEXT, invert=True))
    areas = tables.demonstration_areas
    if areas is not None and len(areas):
        represented.add(DEMONSTRATION_COUNT)
        years = batch_years(areas)
        coverage = batch_coverage(tables).set_index("batch")
        for batch in sorted(int(b) for b in areas["batch"].dropna().unique()):
            rows = areas[areas["batch"] == batch]
            counts, ids = _table_count(rows, codes)
            batch_ids = ";".join(dict.fromkeys(rows["source_id"].dropna().astype(str)))
            year = years.get(batch)
            when = f" ({year})" if year else ""
            established = bool(coverage.at[batch, "established"]) if batch in coverage.index else True
            if established:
                notes = np.where(counts == 0, f"no area of batch {batch} in its published list", "")
                missing_text, qualifier, caveat = NOT_REPORTED_TEXT, "", "member list established"
            else:
                # Only some members are known: a province without a known member is unknown, not 0.
                known = _batch_text(coverage.loc[batch].to_dict() | {"batch": batch}) + " known"
                notes = np.where(counts == 0, f"member list not established ({known})", known)
                counts = counts.where(counts > 0)
                missing_text, qualifier, caveat = NOT_KNOWN_TEXT, "at least", f"incomplete: {known}"
            columns.append(Instrument(
                key=f"demonstration_batch_{batch}", label=f"Demonstration areas, batch {batch}{when}",
                unit="demonstration areas", value_type="count", values=counts,
                sources=ids.where(ids != "", batch_ids),
                notes=pd.Series(notes, index=counts.index, dtype=object), missing_text=missing_text,
                qualifier=qualifier, caveat=caveat, title=f"Demonstration areas in batch {batch}{when}",
                member_sources=split_source_ids(rows["source_id"]),
            ))
    if has_indicator(tables, SCORE_COUNT):
        # The ETL's count: schemes of kind 'score' only, each once, and missing (not 0) where a
        # province is absent from the list, which is not exhaustive.
        represented.add(SCORE_COUNT)
        columns.append(_indicator_instrument(tables, SCORE_COUNT, codes, label="City credit-score systems (known)",
                                             missing_text=NOT_KNOWN_TEXT))
    for name in indicator_names(tables.catalogue):
        if name in represented or not has_indicator(tables, name):
            continue
        m = meta(tables.catalogue, name)
        columns.append(_indicator_instrument(tables, name, codes, invert=m.get("value_type") == "year"))
    return columns


def matrix_of(columns: list[Instrument], provinces: pd.DataFrame) -> pd.DataFrame:
    """Province × instrument values (NaN = not reported) via :func:`instrument_matrix`."""
    return instrument_matrix({c.key: c.values for c in columns}, mainland_codes(provinces))


def regions(provinces: pd.DataFrame) -> pd.Series:
    """NBS macro-region per mainland adcode, categorical in NBS order (others appended)."""
    frame = mainland(provinces)
    labels = frame["region"].astype(object).where(frame["region"].notna(), "Unassigned").astype(str)
    order = [r for r in REGION_ORDER if r in set(labels)] + sorted(set(labels) - set(REGION_ORDER))
    return pd.Series(pd.Categorical(labels, categories=order), index=frame["adcode"].astype(str).to_numpy(),
                     name="region")


def row_order(matrix: pd.DataFrame, provinces: pd.DataFrame, sort: str,
              adoption_years: pd.Series | None = None) -> tuple[list[str], dict | None]:
    """Row order of the matrix and, for ``sort == "similarity"``, the dendrogram dict.

    ``region``: NBS region, then adcode. ``adoption``: adoption year (earliest first, none
    established last), then adcode. ``similarity``: :func:`cluster_order`.
    """
    codes = list(matrix.index)
    if sort == "similarity":
        result = cluster_order(matrix)
        return list(result.order), result.dendrogram
    if sort == "adoption" and adoption_years is not None:
        years = adoption_years.reindex(codes)
        keyed = sorted(codes, key=lambda c: (pd.isna(years[c]), years[c] if pd.notna(years[c]) else 0, c))
        return keyed, None
    region = regions(provinces).reindex(codes)
    rank = {label: i for i, label in enumerate(region.cat.categories)}
    return sorted(codes, key=lambda c: (rank.get(region[c], len(rank)), c)), None


def scale_column(values: pd.Series, invert: bool = False) -> pd.Series:
    """Min-max scale to [0, 1] over the present values; missing stays NaN.

    With ``invert`` the smallest value maps to 1 (for years: earliest = darkest). A column
    whose present values are all equal maps to 0 if they are 0 and to 1 otherwise.
    """
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    present = numbers.dropna()
    if present.empty:
        return numbers
    low, high = float(present.min()), float(present.max())
    if high == low:
        constant = 0.0 if high == 0 else 1.0
        return numbers.where(numbers.isna(), constant)
    scaled = (numbers - low) / (high - low)
    return 1 - scaled if invert else scaled


def cell_text(value: float, value_type: str) -> str:
    """Compact cell label: '2017', '15', '5,379', '2.5'."""
    if pd.isna(value):
        return ""
    if value_type == "year" or float(value).is_integer():
        return f"{int(value):,}" if value_type != "year" else f"{int(value)}"
    return f"{value:,.1f}"


def dendrogram_lines(dendro: dict) -> tuple[list[float | None], list[float | None]]:
    """Line coordinates of a scipy dendrogram drawn sideways: x = height, y = leaf position.

    scipy puts leaf ``i`` (in leaf order) at 5 + 10 * i; it is moved to ``i`` so that the
    lines meet the heatmap rows. Segments are separated by ``None``.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for icoord, dcoord in zip(dendro["icoord"], dendro["dcoord"], strict=True):
        xs.extend([*map(float, dcoord), None])
        ys.extend([*((float(i) - 5) / 10 for i in icoord), None])
    return xs, ys


def _group_runs(order: list[str], groups: pd.Series) -> list[tuple[str, int, int]]:
    """Consecutive runs of equal group labels: (label, first row, last row)."""
    runs: list[tuple[str, int, int]] = []
    for i, code in enumerate(order):
        label = str(groups.get(code, ""))
        if runs and runs[-1][0] == label:
            runs[-1] = (label, runs[-1][1], i)
        else:
            runs.append((label, i, i))
    return runs


def matrix_words(lang: str, catalogue: pd.DataFrame | None = None) -> dict[str, str]:
    """The matrix's words in ``lang``, with the Chinese titles of the catalogue's indicators
    (``catalogue``: ``name``, ``title_zh``) as ``title_<name>``."""
    w = words(MATRIX_WORDS, lang)
    if catalogue is not None and lang == "zh":
        titles = {n: as_text(t) for n, t in zip(catalogue["name"], catalogue["title_zh"], strict=True) if as_text(t)}
        w = w | {f"title_{n}": t for n, t in titles.items()}
    return w


def column_labels(column: Instrument, w: dict[str, str], lang: str) -> tuple[str, str]:
    """The column's header and full title in ``lang`` (the data's own title where no word exists)."""
    if lang != "zh":
        return column.label, column.title or column.label
    if column.key == REGULATION_YEAR:
        return w["label_regulation"], w["label_regulation"]
    if column.key == SCORE_COUNT:
        return w["label_scores"], w["label_scores"]
    batch = BATCH_LABEL.match(column.label)
    if batch:
        when = batch["when"].replace(" ", "")
        return (w["label_batch"].format(batch=batch["batch"], when=when),
                w["title_batch"].format(batch=batch["batch"], when=when))
    title = w.get(f"title_{column.key}")
    return (title, title) if title else (column.label, column.title or column.label)


def missing_cell(column: Instrument, w: dict[str, str]) -> str:
    """What a missing cell of ``column`` says (``w``: :func:`matrix_words`): n/r, none est. or n/k."""
    return {NONE_ESTABLISHED_TEXT: w["cell_none_established"], NOT_KNOWN_TEXT: w["cell_not_known"]}.get(
        column.missing_text, w["cell_not_reported"])


def matrix_display(columns: list[Instrument], order: list[str], provinces: pd.DataFrame,
                   lang: str = "en", catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """The matrix as text with units, in ``lang``; missing cells say why, as in the figure.

    ``catalogue`` (``name``, ``title_zh``) gives the Chinese titles of the indicator columns.
    """
    w = matrix_words(lang, catalogue)
    names = province_names(provinces, lang)
    region = regions(provinces)
    table = {w["col_province"]: [names[c] for c in order],
             w["col_region"]: [region_name(region.get(c, ""), lang) for c in order]}
    for c in columns:
        missing = missing_cell(c, w)
        cells = [missing if pd.isna(c.values.get(code)) else cell_text(c.values.get(code), c.value_type)
                 for code in order]
        table[w["col_header"].format(label=column_labels(c, w, lang)[0], unit=data_term(c.unit, lang))] = cells
    return pd.DataFrame(table)


def coverage_of(column: Instrument, total: int) -> str:
    """Coverage sentence of one matrix column."""
    return coverage_sentence(int(column.values.notna().sum()), "not reported by source", total)


def matrix_rows(columns: list[Instrument], order: list[str], provinces: pd.DataFrame) -> pd.DataFrame:
    """The matrix's cells, long: province (in the drawn order) × instrument, value, unit and sources.

    An unknown cell keeps an empty value and its note, never 0.
    """
    names = province_names(provinces, "en")
    region = regions(provinces).astype(str).to_dict()
    # Plain dicts: a Series lookup per cell costs more than the whole table.
    cells = [(c, c.values.to_dict(), c.notes.to_dict(), c.sources.to_dict()) for c in columns]
    rows = [
        {"adcode": code, "province": names[code], "region": region.get(code, ""), "instrument": c.key,
         "label": c.label, "unit": c.unit, "qualifier": c.qualifier, "value": values.get(code),
         "note": notes.get(code) or "", "source_id": sources.get(code) or ""}
        for code in order for c, values, notes, sources in cells
    ]
    return pd.DataFrame(rows, columns=["adcode", "province", "region", "instrument", "label", "unit", "qualifier",
                                       "value", "note", "source_id"])
